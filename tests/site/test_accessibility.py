"""Accessibility of the built site: axe-core (pinned in package-lock.json) in Chromium.

- Every axe rule, in both themes at 1280 and 390 px, on one page of each template and on
  the component inventory (docs/components.md: every type of box, a table, code, a pycon
  block, math and a figure; the lab page stands for notebook outputs).
- On every other page, the 404 page included, at 1280 px: every rule but the two whose
  result depends on colour (axe's ``cat.color``: colour contrast, and links told apart
  from text by colour). That is the structure: names, roles, landmarks, headings, lists,
  keyboard access to what scrolls. The palette changes colours only, so the structure is
  checked in the light theme; the templates are checked in both.

A serious or critical violation fails, listed with its page, theme, width, rule and
elements. No element is excluded.

axe looks at the page as a reader sees it once every part has been on screen. Collapsed
boxes (proofs, solutions) are opened: axe skips what is not rendered. The stylesheet lets
the browser skip the layout of blocks far below the fold (content-visibility), and
contrast or overflow measured on content that is not laid out is meaningless: a skipped
list's links are measured against the footer below it. So every block is laid out, the
fonts are loaded, and the page's scripts (which give a scrolling region its tab stop once
it is laid out) get two frames before axe runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import BuiltSite, site_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

WIDTHS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}
# prefers-color-scheme, and the palette Material shows for it.
SCHEMES = {"light": "default", "dark": "slate"}

# One page of each template, and the component inventory.
TEMPLATES = {
    "home": "/",
    "area index": "/discrete-mathematics/",
    "concept page": "/set-theory/set-operations/",
    "lab page": "/linear-algebra/lab_eigendigits/",
    "API page": "/api/linear-algebra/",
    "concept index": "/concepts/",
    "notation": "/notation/",
    "404": "/404.html",
    "components": "/components/",
}

# The every-page test is split into this many tests, for pytest-xdist to spread.
SHARDS = 4

SETTLE = """async () => {
  document.querySelectorAll(".md-typeset details").forEach(box => { box.open = true; });
  const style = document.createElement("style");
  style.textContent = ".md-typeset * { content-visibility: visible !important; }";
  document.head.append(style);
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let i = 0; i < 2; i++) { await frames(); await document.fonts.ready; }
  await frames();
}"""

AXE_RUN = """async (colour) => {
  const options = {resultTypes: ["violations"]};
  if (!colour) {
    options.rules = Object.fromEntries(
      axe.getRules(["cat.color"]).map(rule => [rule.ruleId, {enabled: false}]));
  }
  const {violations} = await axe.run(document, options);
  return violations
    .filter(v => ["serious", "critical"].includes(v.impact))
    .map(v => ({rule: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" "))}));
}"""


@pytest.fixture(scope="module")
def open_tab(browser: Any) -> Iterator[Callable[[str, str], Any]]:
    """``open_tab(scheme, width)``: a tab whose every page has axe loaded."""
    assert AXE.is_file(), "axe-core missing from node_modules/: run `make setup`"
    contexts: list[Any] = []

    def open_tab(scheme: str, width: str) -> Any:
        context = browser.new_context(color_scheme=scheme, viewport=WIDTHS[width])
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def violations(tab: Any, site_url: str, path: str, *, colour: bool) -> list[str]:
    """Load ``path``: axe's serious and critical violations there, one line each."""
    tab.goto(site_url + path, wait_until="load")
    scheme = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
    tab.evaluate(SETTLE)
    where = f"{path} [{scheme}, {tab.viewport_size['width']} px]"
    return [
        f"{where} {v['rule']} ({v['impact']}): "
        + ", ".join(v["targets"][:5])
        + (f" and {len(v['targets']) - 5} more" if len(v["targets"]) > 5 else "")
        for v in tab.evaluate(AXE_RUN, colour)
    ]


@pytest.mark.parametrize("shard", range(SHARDS))
def test_structure_of_every_page(open_tab, site_url, built_site: BuiltSite, shard):
    pages = [*site_pages(built_site.path), "/404.html"]
    others = [p for p in pages if p not in TEMPLATES.values()][shard::SHARDS]
    tab = open_tab("light", "desktop")
    found = [
        line
        for path in others
        for line in violations(tab, site_url, path, colour=False)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_rule_on_each_template(
    open_tab, site_url, built_site: BuiltSite, scheme, width
):
    pages = {*site_pages(built_site.path), "/404.html"}
    missing = {name: path for name, path in TEMPLATES.items() if path not in pages}
    assert not missing, f"template pages not in the build: {missing}"
    tab = open_tab(scheme, width)
    found = []
    for path in TEMPLATES.values():
        found += violations(tab, site_url, path, colour=True)
        shown = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == SCHEMES[scheme], f"{path}: the {scheme} theme shows {shown}"
    assert not found, "\n".join(found)


BOX = re.compile(r'<div class="admonition ([a-z-]+)|<details class="([a-z-]+)"')


def test_component_page_shows_every_type_of_box(built_site: BuiltSite):
    """The colours of the boxes are checked on the component page, so every type of box
    that some page uses must be there."""
    used: dict[str, str] = {}
    for html in sorted(built_site.path.rglob("index.html")):
        page = "/" + html.parent.relative_to(built_site.path).as_posix()
        for box, details in BOX.findall(html.read_text(encoding="utf-8")):
            used.setdefault(box or details, page)
    components = built_site.path / "components" / "index.html"
    shown = {
        box or details
        for box, details in BOX.findall(components.read_text(encoding="utf-8"))
    }
    missing = {kind: page for kind, page in used.items() if kind not in shown}
    assert not missing, f"not on /components/ (type: a page using it): {missing}"
