"""The reference layer: the A–Z concept index and one API page per area.

Both are generated at every build from the page scans, so they are never out of date.
A generated page is backed by a file in the build cache that is rewritten only when
its text changes, so that an incremental rebuild does not redo it for nothing. Each
API entry links to the concept section that teaches it, and each code block of a
concept page links to its API entries.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from site_plugins.cache import ModuleGraph, site_cache
from site_plugins.nav import api_modules, nav_plugin
from site_plugins.scan import INCLUDE, PageScan, Section

PY_FENCE = re.compile(r"^```python\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def public_functions(source: str) -> list[str]:
    """Top-level public functions and classes of a module's source, in source order."""
    tree = ast.parse(source)
    return [
        n.name
        for n in tree.body
        if isinstance(n, ast.FunctionDef | ast.ClassDef) and not n.name.startswith("_")
    ]


def concept_index_markdown(concepts: list[tuple[str, str, str, str]]) -> str:
    """The A–Z page of (concept, area title, page path, anchor)."""
    concepts = sorted(concepts, key=lambda c: (c[0].casefold(), c[1]))
    lines = [
        "# Concept index",
        "",
        f"All {len(concepts)} concepts of the site, A to Z, with their area. This page is "
        "generated from the pages at every build, so it is never out of date.",
        "",
    ]
    letter = None
    for title, area, path, anchor in concepts:
        first = title[0].upper() if title[0].isalpha() else "#"
        if first != letter:
            letter = first
            lines += ["", f"## {letter}", "", "| Concept | Area |", "|---|---|"]
        lines.append(f"| [{title}]({path}#{anchor}) | {area} |")
    return "\n".join(lines) + "\n"


def taught_in(pages: dict[str, PageScan]) -> dict[str, tuple[str, Section | None]]:
    """'module.function' -> (page, section) where a page first shows or draws it."""
    taught: dict[str, tuple[str, Section | None]] = {}
    for uri, scan in pages.items():
        for module, name, section in [*scan.includes, *scan.figures]:
            taught.setdefault(f"{module}.{name}", (uri, section))
    return taught


def module_summary(source: str) -> str:
    """The first line of a module's docstring."""
    doc = ast.get_docstring(ast.parse(source)) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def api_index_markdown(
    graph: ModuleGraph, folder: str, title: str, modules: list[tuple[str, str]]
) -> str:
    """An area's API index: its modules, each with its summary and its concept page."""
    package = folder.replace("-", "_")
    lines = [
        "---",
        "search:",
        "  boost: 0.5",
        "---",
        "",
        f"# API reference: {title}",
        "",
    ]
    lines += [
        f"The public functions of `snippets.{package}`, one page per module, documented "
        "from their docstrings. Each function links to the concept section that teaches "
        "it, and every concept page links back here under its code.",
        "",
        "| Module | What it holds | Taught on |",
        "|---|---|---|",
    ]
    for page, stem in modules:
        path = graph.root / "snippets" / package / f"{stem}.py"
        summary = graph.fact(path, "summary", module_summary)
        name = page[:-3].replace("-", " ").capitalize()
        lines.append(
            f"| [`{stem}`]({stem}.md) | {summary} | [{name}](../../{folder}/{page}) |"
        )
    return "\n".join(lines) + "\n"


def api_markdown(
    graph: ModuleGraph, folder: str, page: str, stem: str, taught: dict[str, Any]
) -> str:
    """One module's API page, from the docstrings, each function linked to its concept."""
    module = f"snippets.{folder.replace('-', '_')}.{stem}"
    page_title = page[:-3].replace("-", " ").capitalize()
    lines = ["---", "search:", "  boost: 0.5", "---", "", f"# `{module}`", ""]
    lines += [f"Taught on the page [{page_title}](../../{folder}/{page}).", ""]
    module_path = graph.root / "snippets" / folder.replace("-", "_") / f"{stem}.py"
    for function in graph.fact(module_path, "public", public_functions):
        lines += [f"::: {module}.{function}", ""]
        where = taught.get(f"{module}.{function}")
        if where:
            uri, section = where
            target = f"../../{uri}#{section.anchor}" if section else f"../../{uri}"
            lines += [
                f"Taught in [{section.title if section else page_title}]({target}).",
                "",
            ]
    return "\n".join(lines) + "\n"


def api_link_lines(markdown: str, folder: str) -> str:
    """Under each included code block of a concept page: links to its API entries."""
    package = folder.replace("-", "_")

    def add_links(match: re.Match[str]) -> str:
        links = []
        for m in INCLUDE.finditer(match["body"]):
            module = m["path"].replace("/", ".")
            if module.startswith(f"snippets.{package}.") and m["section"] != "imports":
                ident = f"{module}.{m['section']}"
                stem = module.rsplit(".", 1)[1]
                links.append(f"[`{m['section']}`](../api/{folder}/{stem}.md#{ident})")
        if not links:
            return match[0]
        return (
            match[0]
            + "\n\nAPI reference: "
            + ", ".join(links)
            + "\n{ .site-api-link }\n"
        )

    return PY_FENCE.sub(add_links, markdown)


class ReferencePlugin(BasePlugin):
    def generated(self, config: Any, uri: str, text: str) -> File:
        """A generated page backed by a cache file rewritten only when ``text`` changes."""
        core = site_cache(config)
        assert core.cache is not None
        path = core.cache.directory / "generated" / uri
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return File.generated(config, uri, abs_src_path=str(path))

    def on_files(self, files: Files, config: Any) -> Files:
        core, nav = site_cache(config), nav_plugin(config)
        titles = {a.folder: a.title for a in nav.built}
        concepts = [
            (s.title, titles[uri.split("/")[0]], uri, s.anchor)
            for uri, scan in core.pages.items()
            if uri.split("/")[0] in titles and not uri.endswith("/index.md")
            for s in scan.concepts
        ]
        files.append(
            self.generated(config, "concepts.md", concept_index_markdown(concepts))
        )
        in_nav_order = [
            f"{a.folder}/{p}" for a in nav.built for p in nav.pages[a.folder]
        ]
        taught = taught_in({u: core.pages[u] for u in in_nav_order if u in core.pages})
        for area in nav.built:
            modules = api_modules(core.root, area.folder, nav.pages[area.folder])
            text = api_index_markdown(core.graph, area.folder, area.title, modules)
            files.append(self.generated(config, f"api/{area.folder}/index.md", text))
            for page, stem in modules:
                text = api_markdown(core.graph, area.folder, page, stem, taught)
                files.append(
                    self.generated(config, f"api/{area.folder}/{stem}.md", text)
                )
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, **_: Any) -> str:
        folder = page.file.src_uri.split("/", 1)[0]
        if folder in {a.folder for a in nav_plugin(config).built}:
            return api_link_lines(markdown, folder)
        return markdown
