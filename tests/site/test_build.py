"""The strict build, and what the built HTML must satisfy without a browser."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.conftest import ROOT, BuiltSite, site_pages

pytestmark = pytest.mark.build

HREF = re.compile(r'<(?:a\s[^>]*?href|img\s[^>]*?src)="([^"]*)"')
ID = re.compile(r'\sid="([^"]+)"')
CDN_HOSTS = re.compile(
    r'(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)[^"]+\.(?:js|css|woff2?|ttf)"'
)


def test_strict_build_has_no_warnings(built_site: BuiltSite):
    warnings = [
        line for line in built_site.log.splitlines() if line.startswith("WARNING")
    ]
    assert not warnings, "\n".join(warnings)
    assert (built_site.path / "index.html").is_file()


def test_math_is_typeset_at_build_time_with_katex_served_from_the_site(
    built_site: BuiltSite,
):
    katex = built_site.path / "assets" / "katex"
    assert (katex / "katex.min.css").is_file()
    assert any((katex / "fonts").glob("*.woff2"))
    vectors = (
        built_site.path / "linear-algebra" / "vectors" / "index.html"
    ).read_text()
    assert vectors.count('class="katex"') > 10
    assert "<math" in vectors  # MathML for screen readers
    assert "katex.min.js" not in vectors


class _MathText(HTMLParser):
    """The characters inside KaTeX's output: those it draws with its fonts (katex-html),
    and all of it (with the MathML for screen readers and the TeX annotation)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.drawn: set[str] = set()
        self.all: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.stack or "katex" in classes:
            self.stack.append("katex-html" if "katex-html" in classes else "")

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in VOID:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.all.update(data)
            if "katex-html" in self.stack:
                self.drawn.update(data)


VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"}


def test_katex_fonts_keep_the_glyphs_the_pages_use(built_site: BuiltSite):
    """Each served KaTeX font holds every glyph of the original that some page draws, and
    little else: the subsetting loses nothing a reader sees, and every file shrinks."""
    from fontTools.ttLib import TTFont

    parser = _MathText()
    for page in built_site.path.rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
    drawn, used = set(map(ord, parser.drawn)), set(map(ord, parser.all))
    assert (
        {ord("x"), ord("R"), ord("∑"), ord("≤")} <= drawn <= used
    )  # \mathbb{R} draws "R"
    originals = ROOT / "node_modules" / "katex" / "dist" / "fonts"
    served = built_site.path / "assets" / "katex" / "fonts"
    fonts = sorted(originals.glob("*.woff2"))
    assert fonts and {f.name for f in served.glob("*.woff2")} == {f.name for f in fonts}
    smaller = 0
    for original in fonts:
        font = TTFont(original)
        cmap = font.getBestCmap()
        full = set(cmap)
        kept = set(TTFont(served / original.name).getBestCmap())
        lost = sorted(map(chr, (full & drawn) - kept))
        assert not lost, (original.name, lost)
        # The subsetter may keep a few neighbours of a used glyph (≳ comes with ≲), no
        # more: the kept characters beyond the used ones are no more than the used ones.
        assert kept <= full and len(kept - used) <= len(kept & used), original.name
        smaller += (served / original.name).stat().st_size < original.stat().st_size
    assert smaller == len(fonts)


def test_no_page_loads_assets_from_another_host(built_site: BuiltSite):
    for page in site_pages(built_site.path):
        text = (built_site.path / page.strip("/") / "index.html").read_text(
            encoding="utf-8"
        )
        assert not CDN_HOSTS.findall(text), (page, CDN_HOSTS.findall(text))
        assert "fonts.googleapis" not in text and "mathjax" not in text.lower(), page


def test_no_page_names_another_host(html_reports: dict[str, dict]):
    """No src, srcset, href, poster or data URL of any page names a host: everything a
    page loads or links to is part of the site (the browser tests also watch the
    requests). The canonical link is the page's own address on ``site_url``."""
    foreign = {p: r["foreign"] for p, r in html_reports.items() if r["foreign"]}
    assert not foreign, foreign
    wrong = {
        path: r["canonical"]
        for path, r in html_reports.items()
        if any(urlsplit(url).path != path for url in r["canonical"])
    }
    assert not wrong, wrong


def test_every_pycon_block_carries_copy_text_that_compiles(
    html_reports: dict[str, dict],
):
    """The copy button copies a pycon block's ``data-copy`` text: every block has one,
    with no prompt left, and it is a Python program (running one: test_browser)."""
    blocks = 0
    for path, report in html_reports.items():
        for i, text in enumerate(report["copy_texts"]):
            blocks += 1
            assert text is not None, f"{path}: pycon block {i} has no data-copy"
            assert text.strip() and ">>>" not in text, (path, i, text)
            compile(text, f"{path} pycon block {i}", "exec")
    assert blocks, "no pycon block found"


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = set(ID.findall(path.read_text(encoding="utf-8")))
    return cache[path]


def test_internal_links_anchors_and_images_resolve(built_site: BuiltSite):
    root = built_site.path
    cache: dict[Path, set[str]] = {}
    broken = []
    for page in site_pages(root):
        source = root / page.strip("/") / "index.html"
        for href in HREF.findall(source.read_text(encoding="utf-8")):
            href = html.unescape(href)
            parts = urlsplit(href)
            if (
                parts.scheme
                or parts.netloc
                or href.startswith(("mailto:", "javascript:"))
            ):
                continue
            target = (
                (source.parent / unquote(parts.path)).resolve()
                if parts.path
                else source
            )
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page}: {href} (no file)")
                continue
            if parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _ids(target, cache):
                    broken.append(f"{page}: {href} (no anchor)")
    assert not broken, "\n".join(sorted(set(broken)))


def test_lab_pages_carry_no_inlined_notebook_css(built_site: BuiltSite):
    for lab in built_site.path.rglob("lab_*/index.html"):
        text = lab.read_text(encoding="utf-8")
        assert "<style" not in text, lab
        assert "clipboard-copy" not in text, lab
        assert 'alt="No description' not in text, lab
        assert lab.with_name(lab.parent.name + ".py").is_file(), (
            f"{lab}: no notebook download"
        )


def _h2_ids(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', text)
    return [i for i in ids if i != "exercises"]


def test_concept_index_lists_every_concept_section(built_site: BuiltSite):
    """Independent of the generator: the h2 ids of every built concept page."""
    root = built_site.path
    index = (root / "concepts" / "index.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'<a href="\.\./([^"#]+)#([^"]+)"', index))
    expected = set()
    for page in site_pages(root):
        parts = page.strip("/").split("/")
        if len(parts) != 2 or parts[1].startswith("lab_") or parts[0] in ("api",):
            continue
        for anchor in _h2_ids(root / parts[0] / parts[1] / "index.html"):
            expected.add((f"{parts[0]}/{parts[1]}/", anchor))
    assert expected, "no concept sections found"
    assert expected == listed, {
        "missing": expected - listed,
        "extra": listed - expected,
    }


def test_abbreviations_of_the_notation_page_are_tooltips_everywhere(
    built_site: BuiltSite,
):
    notation = (built_site.path / "notation" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Singular value decomposition">SVD</abbr>' in notation
    vectors = (built_site.path / "linear-algebra" / "vectors" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "<abbr title=" in vectors


def test_every_page_shows_the_versions_it_was_tested_with(built_site: BuiltSite):
    import numpy
    import scipy

    for page in site_pages(built_site.path):
        text = (built_site.path / page.strip("/") / "index.html").read_text(
            encoding="utf-8"
        )
        assert (
            f"NumPy {numpy.__version__}" in text
            and f"SciPy {scipy.__version__}" in text
        ), page
    assert "Page not found" in (built_site.path / "404.html").read_text(
        encoding="utf-8"
    )


def test_api_reference_documents_every_public_function_and_links_both_ways(
    built_site: BuiltSite,
):
    import ast

    root = built_site.path
    for area_dir in sorted(d for d in (root / "api").iterdir() if d.is_dir()):
        # one page per module under the area's API index
        api = "".join(
            page.read_text(encoding="utf-8") for page in area_dir.rglob("index.html")
        )
        package = ROOT / "snippets" / area_dir.name.replace("-", "_")
        for module in sorted(package.glob("*.py")):
            if module.name == "__init__.py":
                continue
            tree = ast.parse(module.read_text(encoding="utf-8"))
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    ident = f"snippets.{package.name}.{module.stem}.{node.name}"
                    assert f'id="{ident}"' in api, (
                        f"{ident} missing from api/{area_dir.name}"
                    )
        assert "Taught in <a href=" in api
    vectors = (root / "linear-algebra" / "vectors" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (
        "api/linear-algebra/vectors/#snippets.linear_algebra.vectors.cosine_similarity"
        in vectors
    )


def test_notebook_outputs_stay_out_of_the_search_index(built_site: BuiltSite):
    import json

    index = json.loads((built_site.path / "search" / "search_index.json").read_text())
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    labs = sorted(built_site.path.rglob("lab_*/index.html"))
    assert labs, "no lab pages"
    for lab in labs:
        location = lab.parent.relative_to(built_site.path).as_posix() + "/"
        page_text = " ".join(
            " ".join(t.split())
            for loc, t in texts.items()
            if loc.split("#")[0] == location
        )
        assert page_text, f"{location} is not in the search index"
        html_text = lab.read_text(encoding="utf-8")
        # Each output area runs up to the next notebook cell; an image-only output has
        # no <pre>, so the search must not run on into the next cell's code.
        outputs = []
        for chunk in html_text.split('class="jp-OutputArea jp-Cell-outputArea"')[1:]:
            area = chunk.split('<div class="jp-Cell', 1)[0]
            outputs += re.findall(r"<pre[^>]*>(.*?)</pre>", area, re.DOTALL)
        assert outputs, f"{location}: no printed output found"
        # A line the code prints from a string literal (a table header) is also in the
        # code, which is indexed; only lines absent from the lab's source tell.
        source = (built_site.path / location / f"{lab.parent.name}.py").read_text(
            encoding="utf-8"
        )
        checked = 0
        for output in outputs:
            text = html.unescape(re.sub(r"<[^>]+>", "", output))
            for raw in text.strip().splitlines():
                line = " ".join(raw.split())  # the index collapses whitespace
                if len(line) > 12 and raw.strip() not in source:
                    checked += 1
                    assert line not in page_text, (
                        f"{location}: output {line!r} is indexed"
                    )
        assert checked, f"{location}: no output line to check"
