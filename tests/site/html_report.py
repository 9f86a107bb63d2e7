"""What a built page's HTML shows without a browser: one pass of the standard parser.

The site's math is typeset at build time, its images carry their alt text and its copy
text lies in ``data-copy`` attributes, so these are read from the HTML as served, page by
page, instead of in Chromium (which adds nothing to them: no script of the site writes
math, images or copy text). ``scan`` returns, for one page:

- ``raw_tex``: text of the page content (``.md-content``), outside code, KaTeX output,
  scripts and styles, that still looks like TeX (``\\(``, ``\\[``, ``$$``, ``\\frac``…);
- ``unrendered``: math elements (``.arithmatex``) of the content with no KaTeX inside;
- ``katex_errors``: KaTeX error elements (``.katex-error``) anywhere on the page;
- ``images_without_alt``: content images with a missing or blank ``alt``;
- ``foreign``: every ``src``, ``srcset``, ``href``, ``poster`` and ``data`` URL on the
  page that names a host (``http://…``, ``https://…``, ``//…``), whether it loads a
  resource or links to a page, except the canonical link;
- ``canonical``: the ``href`` of ``<link rel="canonical">``, the page's own address on
  the configured ``site_url``, which is not requested;
- ``copy_texts``: the ``data-copy`` text of each ``pycon`` block, ``None`` where a block
  has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

#: TeX that KaTeX should have replaced (the browser test's pattern, unchanged).
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\(frac|mathbf|sum|int|sqrt|top)\b")
#: Text inside these is code or typeset math, not prose.
SKIP_TAGS = {"pre", "code", "script", "style"}
SKIP_CLASSES = {"katex", "highlight"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
URL_ATTRIBUTES = {"src", "href", "poster", "data"}
FOREIGN = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


@dataclass
class _Open:
    tag: str
    content: bool  # inside .md-content
    skip: bool  # inside code, KaTeX output, a script or a style
    math: list[bool] | None = None  # for an .arithmatex element: [KaTeX seen inside]


@dataclass
class PageReport:
    raw_tex: list[str] = field(default_factory=list)
    unrendered: int = 0
    katex_errors: list[str] = field(default_factory=list)
    images_without_alt: int = 0
    foreign: list[str] = field(default_factory=list)
    canonical: list[str] = field(default_factory=list)
    copy_texts: list[str | None] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = PageReport()
        self.stack: list[_Open] = []
        self.content_seen = False  # only the first .md-content, as querySelector
        self.error_depth: int | None = None  # stack depth of an open .katex-error
        self.error_text: list[str] = []

    # -- elements
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        parent = self.stack[-1] if self.stack else _Open("", False, False)
        content = parent.content
        if "md-content" in classes and not self.content_seen:
            content = self.content_seen = True
        skip = parent.skip or tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        if tag == "link" and values.get("rel") == "canonical":
            self.report.canonical.append(values.get("href") or "")
        else:
            self._check_urls(attrs)
        if content and tag == "img" and not (values.get("alt") or "").strip():
            self.report.images_without_alt += 1
        if "language-pycon" in classes:
            self.report.copy_texts.append(values.get("data-copy"))
        if "katex" in classes:
            for opened in self.stack:
                if opened.math is not None:
                    opened.math[0] = True
        if "katex-error" in classes and self.error_depth is None:
            self.error_depth = len(self.stack)
            self.error_text = [values.get("title") or ""]
        if tag in VOID:
            return
        math = [False] if content and "arithmatex" in classes else None
        self.stack.append(_Open(tag, content, skip, math))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # Close up to the innermost open element of that name (an end tag the HTML
        # leaves implied closes with its parent); a stray end tag is ignored.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                break
        else:
            return
        while len(self.stack) > depth:
            closed = self.stack.pop()
            if closed.math is not None and not closed.math[0]:
                self.report.unrendered += 1
            if self.error_depth is not None and len(self.stack) <= self.error_depth:
                self.report.katex_errors.append(" ".join(self.error_text)[:80])
                self.error_depth = None

    # -- text
    def handle_data(self, data: str) -> None:
        if self.error_depth is not None:
            self.error_text.append(data)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.content and not top.skip and RAW_TEX.search(data):
            self.report.raw_tex.append(data.strip()[:80])

    def _check_urls(self, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in URL_ATTRIBUTES:
                urls = [value]
            elif name == "srcset":
                urls = [part.split()[0] for part in value.split(",") if part.split()]
            else:
                continue
            self.report.foreign += [u for u in urls if FOREIGN.match(u)]


def scan(page: Path) -> PageReport:
    """Read one built HTML page (see the module docstring)."""
    scanner = _Scanner()
    scanner.feed(page.read_text(encoding="utf-8"))
    scanner.close()
    return scanner.report
