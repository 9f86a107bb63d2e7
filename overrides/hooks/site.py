"""MkDocs hooks of the site: the few things the configuration alone cannot do.

- typeset all math at build time with the pinned KaTeX from node_modules/ (Node.js), and
  copy its stylesheet and fonts into the build (no CDN, nothing committed);
- give every ``pycon`` block a ``data-copy`` attribute holding runnable code only
  (prompts stripped, output lines dropped), which Material's copy button copies;
- make notebook (lab) pages light and self-contained: drop the ~575 kB of CSS and the
  MathJax/clipboard scripts that nbconvert inlines, turn code cells into ordinary
  Material code blocks (so they get the site's highlighting and copy button), and use
  each figure's own description (written into the PNG by snippets.plotting) as alt text;
- serve every figure, of pages and labs alike, from its own PNG file under
  assets/figures/ (lazily loaded), not as a data URI inside the HTML.

It also builds the navigation and the home page's list of areas from the folders that
exist, so that a new area or page appears by itself: each area's ``index.md`` lists its
pages in reading order in its front matter (``pages:``), and the build fails when a page
in the folder is missing from that list or the list names a page that does not exist.
``SITE_AREAS=calculus,set-theory`` builds only those areas (a fast check while writing).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import os
import posixpath
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pathspec
import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"

# ---------------------------------------------------------------- areas and navigation

#: The nine areas in curriculum order: folder, title, one line for the home page.
AREAS: tuple[tuple[str, str, str], ...] = (
    (
        "linear-algebra",
        "Linear Algebra",
        "vectors, matrices, linear maps, eigenvalues, SVD and PCA",
    ),
    (
        "probability-statistics",
        "Probability and Statistics",
        "random variables, distributions, estimation, tests and Markov chains",
    ),
    (
        "calculus",
        "Calculus",
        "derivatives, the chain rule, Taylor series, integrals and 1-D gradient descent",
    ),
    (
        "optimization",
        "Optimization",
        "convexity, gradient methods from SGD to Adam, Newton, constraints and regularization",
    ),
    (
        "discrete-mathematics",
        "Discrete Mathematics",
        "counting, graphs, shortest paths, PageRank and spectral clustering",
    ),
    (
        "multivariable-calculus",
        "Multivariable Calculus",
        "gradients, Jacobians, Hessians, backpropagation and matrix calculus",
    ),
    (
        "information-theory",
        "Information Theory",
        "entropy, cross-entropy, KL divergence and mutual information",
    ),
    (
        "numerical-methods",
        "Numerical Methods",
        "floating point, conditioning, stable solvers, iterative methods and quadrature",
    ),
    (
        "set-theory",
        "Set Theory",
        "sets, relations, functions, partitions, one-hot encoding and IoU",
    ),
)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
log = logging.getLogger("mkdocs.hooks.site")
built_areas: list[str] = []


def area_pages(index: Path) -> list[str]:
    """The pages an area's index lists in its front matter, checked against the folder."""
    match = FRONT_MATTER.match(index.read_text(encoding="utf-8"))
    meta = yaml.safe_load(match.group(1)) if match else None
    pages = (meta or {}).get("pages")
    if not isinstance(pages, list) or not pages:
        raise PluginError(f"{index}: front matter needs a non-empty `pages:` list")
    folder = index.parent
    present = {
        p.name
        for p in folder.iterdir()
        if p.suffix == ".md" or p.name.startswith("lab_")
    }
    present.discard("index.md")
    present = {p for p in present if p.endswith((".md", ".py"))}
    missing = [p for p in pages if p not in present]
    unlisted = sorted(present - set(pages))
    if missing or unlisted:
        raise PluginError(
            f"{index}: pages listed but absent {missing}, present but unlisted {unlisted}"
        )
    return pages


def on_config(config: Any, **_: Any) -> Any:
    docs = Path(config["docs_dir"])
    only = {a for a in os.environ.get("SITE_AREAS", "").split(",") if a}
    nav: list[Any] = [{"Home": "index.md"}]
    excluded: list[str] = []
    built_areas.clear()
    for folder, title, _line in AREAS:
        index = docs / folder / "index.md"
        if not index.is_file():
            continue
        if only and folder not in only:
            excluded.append(f"/{folder}/")
            continue
        pages = area_pages(index)
        nav.append({title: [f"{folder}/index.md", *(f"{folder}/{p}" for p in pages)]})
        built_areas.append(folder)
    for extra in config.get("nav") or []:
        if extra != {"Home": "index.md"} and extra != "index.md":
            nav.append(extra)
    nav.append({"Concept index": "concepts.md"})
    titles = {folder: title for folder, title, _ in AREAS}
    nav.append({"API reference": [{titles[f]: f"api/{f}.md"} for f in built_areas]})
    config["nav"] = nav
    config["extra"]["tested_with"] = tested_with()
    if excluded:
        lines = ["__pycache__/", ".ipynb_checkpoints/", *excluded]
        config["exclude_docs"] = pathspec.GitIgnoreSpec.from_lines(lines)
        config["validation"]["links"]["not_found"] = logging.INFO
        config["validation"]["links"]["anchors"] = logging.INFO
        log.info("SITE_AREAS: building only %s", ", ".join(built_areas))
    return config


def tested_with() -> dict[str, str]:
    """Versions of the build environment, shown in every page's footer."""
    import platform
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        **{
            name: version(dist)
            for name, dist in (
                ("numpy", "numpy"),
                ("scipy", "scipy"),
                ("sklearn", "scikit-learn"),
                ("matplotlib", "matplotlib"),
            )
        },
    }


def areas_markdown() -> str:
    """The home page's list of the nine areas, linked where the area exists."""
    rows = []
    for number, (folder, title, line) in enumerate(AREAS, start=1):
        name = f"[{title}]({folder}/index.md)" if folder in built_areas else title
        rows.append(f"{number}. **{name}**: {line}.")
    return "\n".join(rows)


FIGURE = re.compile(
    r"^<!-- figure: (?P<module>[\w.]+):(?P<function>\w+) -->$", re.MULTILINE
)


#: `mkdocs serve` (NOTEBOOK_CACHE=true) keeps figures and typeset math in .cache/, keyed by
#: their sources, so a rebuild after an edit redraws only what the edit touched.
CACHE = ROOT / ".cache" / "site"
SNIPPET_IMPORT = re.compile(r"^from (snippets\.[\w.]+) import", re.MULTILINE)


def caching() -> bool:
    return os.environ.get("NOTEBOOK_CACHE", "").lower() == "true"


def source_key(module: str, seen: set[str] | None = None) -> str:
    """A hash of a snippets module's source and of every snippets module it imports."""
    seen = set() if seen is None else seen
    seen.add(module)
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    parts = [source]
    for dep in sorted(set(SNIPPET_IMPORT.findall(source)) - seen):
        if (ROOT / (dep.replace(".", "/") + ".py")).is_file():
            parts.append(source_key(dep, seen))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def on_pre_build(**_: Any) -> None:
    """Forget imported snippets modules so that every build draws from the current code."""
    import sys

    for name in [
        n for n in sys.modules if n == "snippets" or n.startswith("snippets.")
    ]:
        del sys.modules[name]
    figure_files.clear()


# ---------------------------------------------------------------- figure files

#: Where figures go in the built site; each file is named by a hash of its bytes.
FIGURE_DIR = "assets/figures"
#: The figures of the current build, by file name; written out after the build.
figure_files: dict[str, bytes] = {}


def figure_img(png: bytes, alt: str, page_url: str) -> str:
    """An ``<img>`` that shows ``png`` from its own file, sized and lazily loaded.

    Inlined as a data URI, a figure weighs a third more, travels inside the HTML even
    when it is far below the fold and is fetched again on every visit. As a file it is
    fetched when the reader scrolls near it and cached; ``width`` and ``height`` (from
    the PNG header) keep the layout from jumping when it arrives. ``alt`` is plain text.
    """
    name = hashlib.sha256(png).hexdigest()[:16] + ".png"
    figure_files[name] = png
    width, height = struct.unpack(">II", png[16:24])
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    src = posixpath.relpath(f"{FIGURE_DIR}/{name}", base or ".")
    return (
        f'<img alt="{html.escape(alt, quote=True)}" width="{width}" height="{height}" '
        f'loading="lazy" decoding="async" src="{src}">'
    )


def write_figure_files(site: Path) -> None:
    target = site / FIGURE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, png in figure_files.items():
        (target / name).write_bytes(png)


#: Figures being drawn in worker processes, by (module, function).
_figure_runs: dict[tuple[str, str], Any] = {}


def _figure_cache(name: str, function: str) -> Path:
    return CACHE / f"figure-png-{source_key(name)}-{function}.json"


def start_figure_runs(files: Any) -> None:
    """Start drawing every page's figures in worker processes, one per CPU.

    Drawing them one by one inside the page loop was a third of the build, with a core
    idle. Workers are spawned (not forked: the build already runs threads) and import
    the current snippets code; an error in a figure fails the build where the page
    asks for it.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from snippets.plotting import _draw_for_site

    _figure_runs.clear()
    wanted: set[tuple[str, str]] = set()
    for f in files:
        if f.src_uri.endswith(".md") and not f.generated_by:
            text = Path(f.abs_src_path).read_text(encoding="utf-8")
            for m in FIGURE.finditer(text):
                key = (m.group("module"), m.group("function"))
                if not (caching() and _figure_cache(*key).is_file()):
                    wanted.add(key)
    if not wanted:
        return
    pool = ProcessPoolExecutor(
        max_workers=min(len(wanted), os.cpu_count() or 2),
        mp_context=multiprocessing.get_context("spawn"),
    )
    for key in sorted(wanted):
        _figure_runs[key] = pool.submit(_draw_for_site, *key)
    pool.shutdown(wait=False)


def _figure(match: re.Match[str], page_url: str) -> str:
    """A figure drawn from the package at build time, shown from its PNG file."""
    from snippets.plotting import _draw_for_site

    name, function = match.group("module"), match.group("function")
    cached = _figure_cache(name, function)
    if caching() and cached.is_file():
        label, data = json.loads(cached.read_text())
        png = base64.b64decode(data)
    else:
        run = _figure_runs.pop((name, function), None)
        label, png = run.result() if run else _draw_for_site(name, function)
        if caching():
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps([label, base64.b64encode(png).decode()]))
    return f'<figure class="site-figure">{figure_img(png, label, page_url)}</figure>'


# ---------------------------------------------------------------- concept index

HEADING = re.compile(r"^## (?P<title>.+?)\s*$", re.MULTILINE)
NOT_CONCEPTS = {"Exercises"}


def concept_sections(docs: Path) -> list[tuple[str, str, str, str]]:
    """(concept, area title, page path, anchor) of every `##` concept of every built area."""
    from markdown.extensions.toc import slugify

    titles = {folder: title for folder, title, _ in AREAS}
    out = []
    for folder in built_areas:
        for name in area_pages(docs / folder / "index.md"):
            if not name.endswith(".md"):
                continue
            text = FRONT_MATTER.sub(
                "", (docs / folder / name).read_text(encoding="utf-8")
            )
            text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
            for m in HEADING.finditer(text):
                title = m.group("title").replace("`", "").replace("*", "")
                if title not in NOT_CONCEPTS:
                    out.append(
                        (title, titles[folder], f"{folder}/{name}", slugify(title, "-"))
                    )
    return out


def concept_index_markdown(docs: Path) -> str:
    """The A–Z page of every concept, generated from the pages at each build."""
    concepts = sorted(concept_sections(docs), key=lambda c: (c[0].casefold(), c[1]))
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


# ---------------------------------------------------------------- API reference

PY_FENCE = re.compile(r"^```python\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
INCLUDE_LINE = re.compile(r'--8<-- "(?P<path>snippets/[\w/]+)\.py:(?P<section>\w+)"')
FIGURE_LINE = re.compile(r"<!-- figure: (?P<module>[\w.]+):(?P<function>\w+) -->")


def public_functions(module_file: Path) -> list[str]:
    """Top-level public functions and classes defined in a module, in source order."""
    import ast

    tree = ast.parse(module_file.read_text(encoding="utf-8"))
    return [
        n.name
        for n in tree.body
        if isinstance(n, ast.FunctionDef | ast.ClassDef) and not n.name.startswith("_")
    ]


def teaching_sections(docs: Path) -> dict[str, tuple[str, str, str]]:
    """'module.function' -> (page path, anchor, section title) where a page teaches it."""
    from markdown.extensions.toc import slugify

    taught: dict[str, tuple[str, str, str]] = {}
    for folder in built_areas:
        for name in area_pages(docs / folder / "index.md"):
            if not name.endswith(".md"):
                continue
            text = FRONT_MATTER.sub(
                "", (docs / folder / name).read_text(encoding="utf-8")
            )
            title, anchor = "", ""
            for line in text.splitlines():
                heading = HEADING.match(line)
                if heading:
                    title = heading.group("title").replace("`", "").replace("*", "")
                    anchor = slugify(title, "-")
                    continue
                for m in INCLUDE_LINE.finditer(line):
                    key = m.group("path").replace("/", ".") + "." + m.group("section")
                    taught.setdefault(key, (f"{folder}/{name}", anchor, title))
                for m in FIGURE_LINE.finditer(line):
                    key = f"{m.group('module')}.{m.group('function')}"
                    taught.setdefault(key, (f"{folder}/{name}", anchor, title))
    return taught


def api_markdown(docs: Path, folder: str, title: str) -> str:
    """One API page per area, from the docstrings, each function linked to its concept."""
    package = folder.replace("-", "_")
    taught = teaching_sections(docs)
    lines = [
        "---",
        "search:",
        "  boost: 0.5",
        "---",
        "",
        f"# API reference: {title}",
        "",
        f"The public functions of `snippets.{package}`, documented from their docstrings. "
        "Each one links to the concept section that teaches it, and every concept page links "
        "back here under its code.",
        "",
    ]
    for name in area_pages(docs / folder / "index.md"):
        if not name.endswith(".md"):
            continue
        stem = name[:-3].replace("-", "_")
        module_file = ROOT / "snippets" / package / f"{stem}.py"
        if not module_file.is_file():
            continue
        module = f"snippets.{package}.{stem}"
        page_title = name[:-3].replace("-", " ").capitalize()
        lines += [
            f"## `{module}`",
            "",
            f"Taught on the page [{page_title}](../{folder}/{name}).",
            "",
        ]
        for function in public_functions(module_file):
            lines += [f"::: {module}.{function}", ""]
            where = taught.get(f"{module}.{function}")
            if where:
                page, anchor, section = where
                target = f"../{page}#{anchor}" if anchor else f"../{page}"
                lines += [f"Taught in [{section or page_title}]({target}).", ""]
    return "\n".join(lines) + "\n"


def api_link_lines(markdown: str, src_uri: str) -> str:
    """Under each included code block of a concept page: links to its API entries."""
    folder = src_uri.split("/", 1)[0]
    package = folder.replace("-", "_")

    def add_links(match: re.Match[str]) -> str:
        links = []
        for m in INCLUDE_LINE.finditer(match.group("body")):
            module = m.group("path").replace("/", ".")
            if (
                not module.startswith(f"snippets.{package}.")
                or m.group("section") == "imports"
            ):
                continue
            ident = f"{module}.{m.group('section')}"
            links.append(f"[`{m.group('section')}`](../api/{folder}.md#{ident})")
        if not links:
            return match.group(0)
        return (
            match.group(0)
            + "\n\nAPI reference: "
            + ", ".join(links)
            + "\n{ .site-api-link }\n"
        )

    return PY_FENCE.sub(add_links, markdown)


def page_dependencies(markdown_file: Path) -> list[Path]:
    """The snippets files a page shows or draws figures from (with their imports)."""
    text = markdown_file.read_text(encoding="utf-8")
    deps = {ROOT / (m.group("path") + ".py") for m in INCLUDE_LINE.finditer(text)}
    pending = [m.group("module") for m in FIGURE_LINE.finditer(text)]
    while pending:
        module = ROOT / (pending.pop().replace(".", "/") + ".py")
        if module.is_file() and module not in deps:
            deps.add(module)
            pending += SNIPPET_IMPORT.findall(module.read_text(encoding="utf-8"))
    return sorted(p for p in deps if p.is_file())


def mark_pages_changed_by_snippets(files: Any) -> None:
    """For `mkdocs serve --dirty`: a page counts as modified when a snippet it shows changed.

    MkDocs compares only the page's own Markdown with its built HTML; an edit in snippets/
    would otherwise rebuild nothing.
    """
    for file in files.documentation_pages():
        if not (file.abs_src_path and file.src_uri.endswith(".md")):
            continue
        built = Path(file.abs_dest_path)
        deps = page_dependencies(Path(file.abs_src_path))
        if built.is_file() and any(
            d.stat().st_mtime > built.stat().st_mtime for d in deps
        ):
            file.is_modified = lambda: True


def on_files(files: Any, config: Any, **_: Any) -> Any:
    from mkdocs.structure.files import File

    docs = Path(config["docs_dir"])
    mark_pages_changed_by_snippets(files)
    share_notebook_templates()
    start_lab_runs(files, config)
    start_figure_runs(files)
    files.append(
        File.generated(config, "concepts.md", content=concept_index_markdown(docs))
    )
    for folder, title, _line in AREAS:
        if folder in built_areas:
            content = api_markdown(docs, folder, title)
            files.append(File.generated(config, f"api/{folder}.md", content=content))
    return files


# ---------------------------------------------------------------- abbreviations

ABBREVIATION_ROW = re.compile(
    r"^\| (?P<abbr>[^|]+?) \| (?P<meaning>[^|]+?) \|$", re.MULTILINE
)


def abbreviations(docs: Path) -> dict[str, str]:
    """The table under `## Abbreviations` on the notation page: abbreviation -> meaning."""
    text = (docs / "notation.md").read_text(encoding="utf-8")
    section = text.split("## Abbreviations", 1)[1].split("\n## ", 1)[0]
    rows = {
        m.group("abbr"): m.group("meaning") for m in ABBREVIATION_ROW.finditer(section)
    }
    rows.pop("Abbreviation", None)
    return rows


# ---------------------------------------------------------------- search ranking

#: Section headings that are not concepts.
NOT_CONCEPTS = {"Exercises", "Concept map", "Labs", "Lab"}
CONCEPT_HEADING = re.compile(r"^## (?P<title>.+?)\s*$", re.MULTILINE)
#: A lab is a worked example of concepts taught elsewhere: below its concept pages.
LAB_SEARCH_BOOST = 0.5


def search_ranking(markdown: str, page: Any) -> None:
    """Make a concept's name (or a synonym) find the page that teaches it first.

    Material ranks a result list by page, and a page's title outweighs the headings of
    its sections: "conjugate gradient" found "Gradients and Jacobians" before the page
    with a section called "Conjugate gradient". The concept names (the ``##`` headings)
    and the ``synonyms:`` of a page's front matter become the page's search tags, the
    field Material weighs most; lab pages get a lower boost than concept pages.
    """
    if page.file.src_uri.rsplit("/", 1)[-1].startswith("lab_"):
        page.meta.setdefault("search", {}).setdefault("boost", LAB_SEARCH_BOOST)
        return
    if page.file.src_uri.split("/", 1)[0] not in built_areas:
        return
    concepts = [
        m.group("title")
        for m in CONCEPT_HEADING.finditer(markdown)
        if m.group("title") not in NOT_CONCEPTS
    ]
    synonyms = page.meta.get("synonyms") or []
    if not isinstance(synonyms, list):
        raise PluginError(f"{page.file.src_uri}: synonyms must be a list")
    if concepts or synonyms:
        page.meta["tags"] = concepts + [str(s) for s in synonyms]


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    search_ranking(markdown, page)
    if page.file.src_uri == "index.md":
        markdown = markdown.replace("<!-- areas -->", areas_markdown())
    markdown = FIGURE.sub(lambda m: _figure(m, page.url), markdown)
    if page.file.src_uri.split("/", 1)[0] in built_areas:
        markdown = api_link_lines(markdown, page.file.src_uri)
    # Tooltips: the abbr extension marks every use of an abbreviation on the page.
    terms = abbreviations(Path(config["docs_dir"]))
    return (
        markdown + "\n\n" + "\n".join(f"*[{a}]: {m}" for a, m in terms.items()) + "\n"
    )


# ---------------------------------------------------------------- KaTeX

#: Math as arithmatex writes it (generic mode), HTML-escaped TeX inside.
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>',
    re.DOTALL,
)
KATEX_RENDER = r"""
const katex = require("katex");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([tex, displayMode]) => {
    try {
      return [true, katex.renderToString(tex, { displayMode, throwOnError: true, strict: "ignore" })];
    } catch (error) {
      return [false, String(error.message)];
    }
  });
  process.stdout.write(JSON.stringify(out));
});
"""
#: Rendered math by (TeX, display mode); kept across the rebuilds of `mkdocs serve`.
rendered_math: dict[tuple[str, bool], str] = {}


def render_math(items: set[tuple[str, bool]]) -> None:
    """Render TeX with the pinned KaTeX (one Node.js process for the whole site)."""
    store = CACHE / "katex.json"
    if caching() and not rendered_math and store.is_file():
        rendered_math.update(
            {(t, bool(d)): h for t, d, h in json.loads(store.read_text())}
        )
    todo = sorted(items - rendered_math.keys())
    if not todo:
        return
    proc = subprocess.run(
        ["node", "-e", KATEX_RENDER],
        input=json.dumps(todo),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode != 0:
        raise PluginError(f"KaTeX (node) failed: {proc.stderr[-2000:]}")
    errors = []
    for key, (ok, result) in zip(todo, json.loads(proc.stdout), strict=True):
        if ok:
            rendered_math[key] = result
        else:
            errors.append(f"  {key[0]!r}: {result}")
    if errors:
        raise PluginError("KaTeX cannot render:\n" + "\n".join(errors))
    if caching():
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(json.dumps([[t, d, h] for (t, d), h in rendered_math.items()]))


def _math_key(match: re.Match[str]) -> tuple[str, bool]:
    display = match.group("display") is not None
    tex = match.group("display") if display else match.group("inline")
    return html.unescape(tex).strip(), display


def on_build_error(**_: Any) -> None:
    remove_lab_workdirs()


def on_post_build(config: Any, **_: Any) -> None:
    """Copy KaTeX's stylesheet and fonts, write the figures, and typeset every page's math.

    Pages ship rendered HTML (and MathML for screen readers): no KaTeX JavaScript, no
    flash of raw TeX, and math that works with JavaScript off.
    """
    if not (KATEX_DIST / "katex.min.css").is_file():
        raise PluginError(
            "KaTeX is missing from node_modules/: run `make setup` (npm ci) before building."
        )
    remove_lab_workdirs()
    site = Path(config["site_dir"])
    write_figure_files(site)
    target = site / "assets" / "katex"
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(KATEX_DIST / "katex.min.css", target / "katex.min.css")
    pages = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    used = {_math_key(m) for text in pages.values() for m in MATH.finditer(text)}
    render_math(used)
    subset_katex_fonts(
        math_characters(rendered_math[k] for k in used), target / "fonts"
    )
    for path, text in pages.items():
        new = MATH.sub(
            lambda m: (
                f'<{m.group("tag")} class="arithmatex">{rendered_math[_math_key(m)]}'
                f"</{m.group('tag')}>"
            ),
            text,
        )
        if new != text:
            path.write_text(new, encoding="utf-8")


def math_characters(rendered: Any) -> set[str]:
    """Every character that typeset math puts on the site's pages (tags stripped)."""
    chars: set[str] = set()
    for markup in rendered:
        chars.update(html.unescape(TAG.sub("", markup)))
    return chars


def subset_katex_fonts(chars: set[str], target: Path) -> None:
    """Write KaTeX's fonts into ``target`` keeping only the glyphs of ``chars``.

    KaTeX places every glyph itself (its metrics are in its JavaScript, not read from
    the fonts), so a font needs only the characters the pages use: R (drawn for ℝ) and
    ≤ instead of the whole AMS set. That cuts the fonts a page loads by about a third
    (measured on the heaviest page: 144 kB to 93 kB). Subsetting takes about 1.5 s;
    with the build cache on (`make serve`), a rebuild whose math uses the same
    characters copies the fonts of the last one instead.
    """
    from fontTools import subset

    key = hashlib.sha256(
        "".join(sorted(chars)).encode() + (KATEX_DIST / "katex.min.css").read_bytes()
    ).hexdigest()[:16]
    stored = CACHE / f"katex-fonts-{key}"
    if caching() and stored.is_dir():
        shutil.copytree(stored, target, dirs_exist_ok=True)
        return
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    for font_file in sorted((KATEX_DIST / "fonts").glob("*.woff2")):
        font = subset.load_font(str(font_file), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes={ord(c) for c in chars})
        subsetter.subset(font)
        subset.save_font(font, str(target / font_file.name), options)
        font.close()
    if caching():
        shutil.copytree(target, stored, dirs_exist_ok=True)


# ---------------------------------------------------------------- pycon copy text

PYCON_BLOCK = re.compile(
    r'<div class="language-pycon highlight">(?P<body>.*?</code></pre>)', re.DOTALL
)
TAG = re.compile(r"<[^>]+>")


def runnable_code(console: str) -> str:
    """Return the code of a Python console transcript: prompts stripped, outputs dropped.

    A ``... `` line counts as a continuation only right after a ``>>>`` or ``...`` line;
    elsewhere it is output (doctest's ELLIPSIS), and dropped.
    """
    code: list[str] = []
    in_statement = False
    for line in console.splitlines():
        if line.startswith(">>>"):
            code.append(line[4:])
            in_statement = True
        elif in_statement and line.startswith("..."):
            code.append(line[4:])
        else:
            in_statement = False
    return "\n".join(code).strip("\n") + "\n"


def _add_copy_text(match: re.Match[str]) -> str:
    text = html.unescape(TAG.sub("", match.group("body")))
    copy = html.escape(runnable_code(text), quote=True)
    return f'<div class="language-pycon highlight" data-copy="{copy}">{match.group("body")}'


# ---------------------------------------------------------------- notebook pages

#: Labs are executed concurrently, one Jupyter kernel per CPU, as soon as the build knows
#: its files; mkdocs-jupyter then converts each executed notebook without executing it
#: again. One lab after another left the 2-core machine idle half of the time and made
#: the labs most of the build time. An error in a lab still fails the build: it is
#: raised where mkdocs-jupyter asks for the lab's HTML.
_lab_runs: dict[str, Any] = {}
_lab_workdirs: list[Path] = []


def remove_lab_workdirs() -> None:
    """Delete the executed notebooks of finished builds (called after the build)."""
    while _lab_workdirs:
        shutil.rmtree(_lab_workdirs.pop(), ignore_errors=True)


def _lab_kwargs(plugin_config: Any) -> dict[str, Any]:
    """The arguments mkdocs-jupyter passes to nb2html, from its configuration."""
    keys = (
        "kernel_name",
        "theme",
        "allow_errors",
        "show_input",
        "no_input",
        "no_prompt",
        "remove_tag_config",
        "highlight_extra_classes",
        "include_requirejs",
        "custom_mathjax_url",
    )
    return {"execute": plugin_config["execute"], **{k: plugin_config[k] for k in keys}}


def _execute_lab(
    source: Path, target: Path, kernel_name: str, allow_errors: bool
) -> Path:
    """Execute a jupytext lab in a fresh kernel; write the executed notebook to target."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    nb = jupytext.read(source)
    NotebookClient(
        nb,
        kernel_name=kernel_name
        or nb.metadata.get("kernelspec", {}).get("name", "python3"),
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(ROOT)}},
    ).execute()
    nbformat.write(nb, target)
    return target


def share_notebook_templates() -> None:
    """Compile nbconvert's Jinja templates once per build, not once per notebook.

    mkdocs-jupyter makes a new exporter, so a new Jinja environment, for every lab;
    each one parsed and compiled the same templates again (about 1 s a lab, a sixth
    of the build). An in-memory bytecode cache shared by those environments keeps the
    compiled code; Jinja still checks each template's source checksum before using it.
    """
    from jinja2 import BytecodeCache
    from nbconvert.exporters.templateexporter import TemplateExporter

    create = getattr(
        TemplateExporter._create_environment,
        "__wrapped__",
        TemplateExporter._create_environment,
    )

    class MemoryBytecodeCache(BytecodeCache):
        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket: Any) -> None:
            if bucket.key in self.store:
                bucket.bytecode_from_string(self.store[bucket.key])

        def dump_bytecode(self, bucket: Any) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    shared = MemoryBytecodeCache()

    def create_environment(self: Any) -> Any:
        environment = create(self)
        environment.bytecode_cache = shared
        return environment

    create_environment.__wrapped__ = create  # type: ignore[attr-defined]
    TemplateExporter._create_environment = create_environment  # type: ignore[method-assign]


def start_lab_runs(files: Any, config: Any) -> None:
    """Start executing every lab that mkdocs-jupyter would execute and has not cached."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    from mkdocs_jupyter import convert, plugin

    jupyter = config.plugins.get("mkdocs-jupyter")
    if (
        jupyter is None
        or not jupyter.config["execute"]
        or jupyter.config["execute_ignore"]
    ):
        return
    kwargs = _lab_kwargs(jupyter.config)
    original = getattr(convert.nb2html, "__wrapped__", convert.nb2html)
    labs = [
        Path(f.abs_src_path)
        for f in files
        if f.src_uri.rsplit("/", 1)[-1].startswith("lab_") and f.src_uri.endswith(".py")
    ]
    if jupyter.config["cache"]:
        labs = [
            lab
            for lab in labs
            if not plugin._get_cache_path(
                jupyter.config["cache_dir"],
                plugin._compute_cache_key(str(lab), jupyter.config, True),
            ).exists()
        ]
    _lab_runs.clear()
    if not labs:
        return
    workdir = Path(tempfile.mkdtemp(prefix="site-labs-"))
    _lab_workdirs.append(workdir)
    pool = ThreadPoolExecutor(max_workers=min(len(labs), os.cpu_count() or 2))
    for lab in labs:
        _lab_runs[str(lab)] = pool.submit(
            _execute_lab,
            lab,
            workdir / f"{lab.stem}.ipynb",
            kwargs["kernel_name"],
            kwargs["allow_errors"],
        )
    pool.shutdown(wait=False)

    def nb2html(nb_path: str, **given: Any) -> str:
        run = _lab_runs.pop(str(nb_path), None)
        if run is None or given != kwargs:
            return original(nb_path, **given)
        return original(str(run.result()), **{**given, "execute": False})

    nb2html.__wrapped__ = original  # type: ignore[attr-defined]
    convert.nb2html = nb2html


NB_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
NB_SCRIPT = re.compile(r"<script[^>]*>.*?</script>|<!--.*?-->", re.DOTALL)
NB_CLIPBOARD = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
    r'|<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>',
    re.DOTALL,
)
NB_CODE = re.compile(
    r'<div class="highlight-ipynb hl-(?P<lang>[\w-]+)"><pre><span></span>(?P<code>.*?)</pre></div>',
    re.DOTALL,
)
NB_IMG = re.compile(r'<img [^>]*?src="data:image/png;base64,(?P<data>[^"]+)"[^>]*>')


def png_description(png: bytes) -> str | None:
    """Read the ``Description`` text of a PNG file (a tEXt or, for non-Latin-1, iTXt chunk)."""
    import zlib

    pos = 8  # after the signature
    while pos + 8 <= len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        data = png[pos + 8 : pos + 8 + length]
        key, _, value = data.partition(b"\0")
        if key == b"Description" and kind == b"tEXt":
            return value.decode("latin-1")
        if key == b"Description" and kind == b"iTXt":
            compressed, rest = value[0], value[2:]
            _language, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            return (zlib.decompress(text) if compressed else text).decode("utf-8")
        if kind == b"IEND":
            break
        pos += 12 + length
    return None


def _code_block(match: re.Match[str]) -> str:
    lang = match.group("lang")
    return (
        f'<div class="language-{lang} highlight"><pre><span></span>'
        f"<code>{match.group('code')}</code></pre></div>"
    )


def _image(match: re.Match[str], page: str, url: str) -> str:
    png = base64.b64decode(match.group("data"))
    alt = png_description(png)
    if not alt:
        raise PluginError(
            f"{page}: a figure has no description; give it one with fig.set_label(...) "
            "and show it through snippets.plotting (it becomes the image's alt text)"
        )
    return figure_img(png, alt, url)


NB_MARKDOWN = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)',
    re.DOTALL,
)
NB_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
NB_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$")


def _notebook_math(match: re.Match[str]) -> str:
    """Mark a markdown cell's $...$ and $$...$$ as arithmatex does on ordinary pages."""
    body = NB_DISPLAY_MATH.sub(
        r'<span class="arithmatex">\\[\1\\]</span>', match.group(2)
    )
    body = NB_INLINE_MATH.sub(r'<span class="arithmatex">\\(\1\\)</span>', body)
    return match.group(1) + body + match.group(3)


NB_LINK = re.compile(
    r'href="(?![a-z]+:|#|/)(?P<path>[^"#]+\.(?:md|py))(?P<anchor>#[^"]*)?"'
)


def _notebook_links(content: str, page: str) -> str:
    """Rewrite a notebook's links to pages (`svd-pca.md`) into site URLs, as MkDocs does
    for Markdown pages; a link to a page that does not exist fails the build."""
    import posixpath

    source_dir = posixpath.dirname(page)
    page_url_dir = posixpath.splitext(page)[0] + "/"
    docs = ROOT / "docs"

    def rewrite(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(source_dir, match.group("path")))
        if not (docs / target).is_file():
            raise PluginError(f"{page}: link to a missing page {match.group('path')!r}")
        stem = posixpath.splitext(target)[0]
        url = stem[: -len("index")] if stem.endswith("index") else stem + "/"
        relative = posixpath.relpath(url or ".", page_url_dir) + "/"
        return f'href="{relative.replace("//", "/")}{match.group("anchor") or ""}"'

    return NB_LINK.sub(rewrite, content)


def _clean_notebook(content: str, page: str, url: str) -> str:
    content = _notebook_links(content, page)
    content = NB_MARKDOWN.sub(_notebook_math, content)
    content = NB_STYLE.sub("", content)
    content = NB_SCRIPT.sub("", content)
    content = NB_CLIPBOARD.sub("", content)
    content = NB_CODE.sub(_code_block, content)
    content = NB_OUTPUT_AREA.sub(_exclude_output_text, content)
    return NB_IMG.sub(lambda m: _image(m, page, url), content)


#: An output area runs to the next cell (or the end of the notebook).
NB_OUTPUT_AREA = re.compile(
    r'<div class="jp-OutputArea jp-Cell-outputArea">.*?(?=<div class="jp-Cell |\Z)',
    re.DOTALL,
)


def _exclude_output_text(match: re.Match[str]) -> str:
    """Keep notebook outputs (printed text) out of the search index.

    The mark goes on each output's ``<pre>``, not on the output area: Material's search
    parser compares elements by tag name only, so the first nested ``</div>`` of an
    excluded ``<div>`` would end the exclusion. Figures are images, never indexed.
    """
    return match.group(0).replace("<pre>", "<pre data-search-exclude>")


# ---------------------------------------------------------------- accessibility

#: Material renders the search dialog and the progress bar without an accessible name.
ACCESSIBLE_NAMES = (
    (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
    ),
    (
        '<div class="md-progress" data-md-component="progress" role="progressbar">',
        '<div class="md-progress" data-md-component="progress" role="progressbar" '
        'aria-label="Page loading">',
    ),
)


def on_post_page(output: str, **_: Any) -> str:
    for before, after in ACCESSIBLE_NAMES:
        if before not in output:
            raise PluginError(f"theme markup changed, cannot name it: {before}")
        output = output.replace(before, after, 1)
    return output


def on_page_content(html_text: str, page: Any, **_: Any) -> str:
    if page.file.src_uri.rsplit("/", 1)[-1].startswith("lab_"):
        html_text = _clean_notebook(html_text, page.file.src_uri, page.url)
    return PYCON_BLOCK.sub(_add_copy_text, html_text)
