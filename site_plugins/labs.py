"""Labs: executed in the warm pool, rendered by mkdocs-jupyter, then made light.

A lab is a jupytext percent script ``docs/<area>/lab_*.py``. Every lab starts executing
in the pool as soon as the build knows its files, or comes from the cache when neither
it nor a snippets module it imports changed. The executed notebook is what
mkdocs-jupyter renders (its ``execute`` is off), so the lab page is served from the
file's executed copy; the ``.py`` script is copied beside the page for download.

mkdocs-jupyter's HTML is then made light and consistent with the other pages: no
inlined nbconvert CSS, MathJax or clipboard scripts; code cells become ordinary code
blocks; figures become files with their own description as alt text; links to pages
become site URLs; notebook outputs stay out of the search index.
"""

from __future__ import annotations

import base64
import logging
import posixpath
import re
import shutil
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from site_plugins.cache import site_cache, snippet_imports
from site_plugins.figures import png_facts

log = logging.getLogger("mkdocs.plugins.site")

STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
SCRIPT = re.compile(r"<script[^>]*>.*?</script>|<!--.*?-->", re.DOTALL)
CLIPBOARD = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
    r'|<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>',
    re.DOTALL,
)
CODE = re.compile(
    r'<div class="highlight-ipynb hl-(?P<lang>[\w-]+)"><pre><span></span>'
    r"(?P<code>.*?)</pre></div>",
    re.DOTALL,
)
IMG = re.compile(r'<img [^>]*?src="data:image/png;base64,(?P<data>[^"]+)"[^>]*>')
MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)',
    re.DOTALL,
)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$")
PAGE_LINK = re.compile(
    r'href="(?![a-z]+:|#|/)(?P<path>[^"#]+\.(?:md|py))(?P<anchor>#[^"]*)?"'
)
#: An output area runs to the next cell (or the end of the notebook).
OUTPUT_AREA = re.compile(
    r'<div class="jp-OutputArea jp-Cell-outputArea">.*?(?=<div class="jp-Cell |\Z)',
    re.DOTALL,
)


def is_lab(src_uri: str) -> bool:
    name = src_uri.rsplit("/", 1)[-1]
    return name.startswith("lab_") and name.endswith(".py")


def code_block(match: re.Match[str]) -> str:
    return (
        f'<div class="language-{match["lang"]} highlight"><pre><span></span>'
        f"<code>{match['code']}</code></pre></div>"
    )


def mark_math(match: re.Match[str]) -> str:
    """Mark a markdown cell's $...$ and $$...$$ as arithmatex does on ordinary pages."""
    body = DISPLAY_MATH.sub(r'<span class="arithmatex">\\[\1\\]</span>', match[2])
    body = INLINE_MATH.sub(r'<span class="arithmatex">\\(\1\\)</span>', body)
    return match[1] + body + match[3]


def exclude_output_text(match: re.Match[str]) -> str:
    """Keep printed outputs out of the search index.

    The mark goes on each output's ``<pre>``: Material's search parser compares
    elements by tag name only, so the first nested ``</div>`` of an excluded ``<div>``
    would end the exclusion.
    """
    return match[0].replace("<pre>", "<pre data-search-exclude>")


def page_links(content: str, page: str, docs: Path) -> str:
    """Rewrite links to pages (``svd-pca.md``) into site URLs, as MkDocs does for
    Markdown; a link to a page that does not exist fails the build."""
    source_dir = posixpath.dirname(page)
    page_dir = posixpath.splitext(page)[0] + "/"

    def rewrite(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(source_dir, match["path"]))
        if not (docs / target).is_file():
            raise PluginError(f"{page}: link to a missing page {match['path']!r}")
        stem = posixpath.splitext(target)[0]
        url = stem[: -len("index")] if stem.endswith("index") else stem + "/"
        relative = posixpath.relpath(url or ".", page_dir) + "/"
        return f'href="{relative.replace("//", "/")}{match["anchor"] or ""}"'

    return PAGE_LINK.sub(rewrite, content)


class LabsPlugin(BasePlugin):
    def __init__(self) -> None:
        self.runs: dict[str, Future[tuple[str, float]]] = {}
        self.executed: dict[str, Path] = {}
        self.sources: dict[str, Path] = {}

    @event_priority(50)  # before mkdocs-jupyter wraps the files
    def on_files(self, files: Files, config: Any) -> Files:
        """Start every lab that is not cached; put the labs last in the build order, so
        the pages without labs render while the labs run."""
        core = site_cache(config)
        assert core.cache is not None and core.pool is not None
        self.runs.clear()
        self.executed.clear()
        labs = [f for f in files if is_lab(f.src_uri)]
        for file in labs:
            source = Path(str(file.abs_src_path))
            imports = snippet_imports(source.read_text(encoding="utf-8"))
            deps = [source, *core.graph.closure(imports)]
            key = core.cache.files_key("lab", deps, file.src_uri)
            target = (
                core.cache.path("labs", key, "") / source.with_suffix(".ipynb").name
            )
            self.executed[file.src_uri] = target
            self.sources[file.src_uri] = source
            if not (core.cache.enabled and target.is_file()):
                self.runs[file.src_uri] = core.pool.execute_lab(source)
        return Files([f for f in files if not is_lab(f.src_uri)] + labs)

    @event_priority(50)  # before mkdocs-jupyter decides whether the page is a notebook
    def on_pre_page(self, page: Any, config: Any, files: Any) -> Any:
        """Point the lab page at its executed notebook (waiting for it if need be)."""
        uri = page.file.src_uri
        if uri not in self.executed:
            return page
        target = self.executed[uri]
        run = self.runs.pop(uri, None)
        if run is not None:
            try:
                notebook, seconds = run.result()
            except Exception as error:
                raise PluginError(f"lab {uri} failed: {error}") from error
            log.info("lab %s executed in %.2f s", uri, seconds)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(notebook, encoding="utf-8")
        page.file.abs_src_path = str(target)
        return page

    def on_page_content(self, html: str, page: Any, config: Any, **_: Any) -> str:
        if page.file.src_uri not in self.executed:
            return html
        figures = config.plugins["site-figures"]
        uri, url = page.file.src_uri, page.url

        def image(match: re.Match[str]) -> str:
            png = base64.b64decode(match["data"])
            alt = png_facts(png)[2]
            if not alt:
                raise PluginError(
                    f"{uri}: a figure has no description; give it one with "
                    "fig.set_label(...) and show it through snippets.plotting"
                )
            return str(figures.add(png, alt, url))

        html = page_links(html, uri, Path(config.docs_dir))
        html = MARKDOWN_CELL.sub(mark_math, html)
        html = STYLE.sub("", html)
        html = SCRIPT.sub("", html)
        html = CLIPBOARD.sub("", html)
        html = CODE.sub(code_block, html)
        html = OUTPUT_AREA.sub(exclude_output_text, html)
        return IMG.sub(image, html)

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Copy the lab's script beside its page, for download."""
        uri = page.file.src_uri
        if uri in self.sources:
            dest = Path(page.file.abs_dest_path).parent / self.sources[uri].name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.sources[uri], dest)
        return output
