"""Areas and navigation: the nine areas, in reading order, from mkdocs.yml.

Each area is a folder of docs/ whose ``index.md`` lists its pages in reading order in
its front matter (``pages:``). MkDocs' own ``validation:`` settings report a page that
the lists omit or a listed page that does not exist. ``only:`` (a comma-separated list
of area folders) builds a subset while writing.
"""

from __future__ import annotations

import logging
import platform
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pathspec
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from site_plugins.scan import scan_file

log = logging.getLogger("mkdocs.plugins.site")


class Area(Config):
    folder = c.Type(str)
    title = c.Type(str)
    summary = c.Type(str)


class NavConfig(Config):
    areas = c.ListOfItems(c.SubConfig(Area))
    only = c.Type(str, default="")


def area_pages(index: Path) -> list[str]:
    """The pages an area's index lists in its front matter, in reading order."""
    pages = scan_file(index).meta.get("pages")
    if (
        not isinstance(pages, list)
        or not pages
        or not all(isinstance(p, str) for p in pages)
    ):
        raise PluginError(f"{index}: front matter needs a non-empty `pages:` list")
    return pages


def api_modules(root: Path, folder: str, pages: list[str]) -> list[tuple[str, str]]:
    """(page, module stem) of the area's concept pages that have a snippets module."""
    package = root / "snippets" / folder.replace("-", "_")
    stems = [(p, p[:-3].replace("-", "_")) for p in pages if p.endswith(".md")]
    return [(p, stem) for p, stem in stems if (package / f"{stem}.py").is_file()]


def tested_with() -> dict[str, str]:
    """Versions of the build environment, shown in every page's footer."""
    names = {"numpy": "numpy", "scipy": "scipy", "sklearn": "scikit-learn"}
    names["matplotlib"] = "matplotlib"
    return {"python": platform.python_version()} | {
        key: version(dist) for key, dist in names.items()
    }


class NavPlugin(BasePlugin[NavConfig]):
    """Builds the navigation and the home page's list of areas."""

    def __init__(self) -> None:
        self.built: list[Area] = []
        self.pages: dict[str, list[str]] = {}

    def on_config(self, config: Any) -> Any:
        docs = Path(config.docs_dir)
        only = {a.strip() for a in self.config.only.split(",") if a.strip()}
        unknown = only - {a.folder for a in self.config.areas}
        if unknown:
            raise PluginError(f"only: unknown areas {sorted(unknown)}")
        nav: list[Any] = [{"Home": "index.md"}]
        excluded: list[str] = []
        self.built, self.pages = [], {}
        for area in self.config.areas:
            index = docs / area.folder / "index.md"
            if only and area.folder not in only:
                excluded.append(f"/{area.folder}/")
                continue
            if not index.is_file():
                raise PluginError(f"area {area.folder}: {index} does not exist")
            pages = area_pages(index)
            self.built.append(area)
            self.pages[area.folder] = pages
            listed = [f"{area.folder}/{p}" for p in pages]
            nav.append({area.title: [f"{area.folder}/index.md", *listed]})
        nav += [
            e for e in config.nav or [] if e not in ({"Home": "index.md"}, "index.md")
        ]
        nav.append({"Concept index": "concepts.md"})
        root = Path(config.config_file_path).resolve().parent
        api = []
        for a in self.built:
            modules = api_modules(root, a.folder, self.pages[a.folder])
            entries = [{stem: f"api/{a.folder}/{stem}.md"} for _, stem in modules]
            api.append({a.title: [f"api/{a.folder}/index.md", *entries]})
        nav.append({"API reference": api})
        config.nav = nav
        config.extra["tested_with"] = tested_with()
        if excluded:
            spec = config.exclude_docs.patterns if config.exclude_docs else []
            lines = [str(getattr(p, "pattern", p)) for p in spec] + excluded
            config.exclude_docs = pathspec.GitIgnoreSpec.from_lines(lines)
            config.validation.links.not_found = logging.INFO
            config.validation.links.anchors = logging.INFO
            log.info("only: building %s", ", ".join(a.folder for a in self.built))
        return config

    def areas_markdown(self) -> str:
        """The home page's numbered list of areas, linked where the area is built."""
        built = {a.folder for a in self.built}
        rows = []
        for number, area in enumerate(self.config.areas, start=1):
            name = area.title
            if area.folder in built:
                name = f"[{area.title}]({area.folder}/index.md)"
            rows.append(f"{number}. **{name}**: {area.summary}.")
        return "\n".join(rows)

    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        if page.file.src_uri == "index.md":
            return markdown.replace("<!-- areas -->", self.areas_markdown())
        return markdown


def nav_plugin(config: Any) -> NavPlugin:
    plugin = config.plugins.get("site-nav")
    if not isinstance(plugin, NavPlugin):
        raise LookupError("the site-nav plugin is missing from mkdocs.yml")
    return plugin
