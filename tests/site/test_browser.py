"""Every page of the built site in a real Chromium, over a loopback server.

On every page: no request to another host, no console error, and a copy button on every
code block once the page's scripts have run (axe-core's accessibility checks are in
tests.site.test_accessibility). Search finds the right page for key terms, copying a pycon block yields code that runs, and figures keep their contrast in
both themes. What the HTML shows as served, the math (typeset at build time: no raw TeX,
no KaTeX error) and the images' alt text, is read from the built pages without the
browser (``html_reports``, tests.site.html_report), for every page too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import BuiltSite, site_pages

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]

# The copy buttons are added by the site's script once the page has loaded (Material's
# document$): the code blocks of the content and their buttons.
COPY_BUTTONS = """() => {
  const content = document.querySelector(".md-content");
  return content === null ? null : {
    code_blocks: content.querySelectorAll("pre > code").length,
    copy_buttons: content.querySelectorAll("pre button[data-md-type='copy']").length,
  };
}"""
COPY_BUTTONS_READY = f"() => {{ const r = ({COPY_BUTTONS})(); return r !== null && r.code_blocks === r.copy_buttons; }}"


@pytest.fixture(scope="module")
def page_reports(browser: Any, site_url: str, built_site: BuiltSite) -> dict[str, dict]:
    """Load every page once, one after the other in one tab; collect what the tests
    below check. Each page's requests and errors are those seen while it is shown."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    reports: dict[str, dict] = {}
    for path in site_pages(built_site.path):
        requests.clear()
        errors.clear()
        page.goto(site_url + path, wait_until="load")
        try:  # no fixed wait: on until every code block has its button
            page.wait_for_function(COPY_BUTTONS_READY, timeout=5_000)
        except PlaywrightTimeoutError:
            pass  # the counts show which are missing
        report = page.evaluate(COPY_BUTTONS) or {"code_blocks": 0, "copy_buttons": -1}
        report.update(
            foreign=[
                u for u in requests if not u.startswith((site_url, "data:", "blob:"))
            ],
            errors=list(errors),
        )
        reports[path] = report
    context.close()
    return reports


def _failures(reports: dict[str, dict], key: str) -> dict[str, Any]:
    return {path: r[key] for path, r in reports.items() if r[key]}


def test_no_request_leaves_the_site(page_reports):
    assert not _failures(page_reports, "foreign")


def test_no_console_errors(page_reports):
    assert not _failures(page_reports, "errors")


def test_all_math_is_rendered(html_reports):
    """Math is typeset at build time: the served HTML of every page is what to read."""
    assert not _failures(html_reports, "raw_tex")
    assert not _failures(html_reports, "unrendered")
    assert not _failures(html_reports, "katex_errors")


def test_every_code_block_has_a_copy_button(page_reports):
    missing = {
        p: r for p, r in page_reports.items() if r["copy_buttons"] != r["code_blocks"]
    }
    assert not missing, {
        p: (r["code_blocks"], r["copy_buttons"]) for p, r in missing.items()
    }


def test_every_image_has_alt_text(html_reports):
    assert not _failures(html_reports, "images_without_alt")


# Key terms a reader searches for, and the page that must come first. A term is checked
# only when its page exists in the build, so the list grows with the site.
SEARCHES = {
    "cosine similarity": "/linear-algebra/vectors/",
    "einsum": "/linear-algebra/matrices/",
    "eigenvalues": "/linear-algebra/eigen/",
    "singular value decomposition": "/linear-algebra/svd-pca/",
    "pseudoinverse": "/linear-algebra/linear-systems/",
    "Gram-Schmidt": "/linear-algebra/orthogonality/",
    "Bayes": "/probability-statistics/probability-basics/",
    "Poisson": "/probability-statistics/discrete-distributions/",
    "bootstrap": "/probability-statistics/inference/",
    "stationary distribution": "/probability-statistics/markov-chains/",
    "chain rule": "/calculus/limits-derivatives/",
    "sigmoid": "/calculus/activations/",
    "Simpson": "/calculus/integrals/",
    "Adam": "/optimization/optimizers/",
    "lasso": "/optimization/regularization/",
    "KKT": "/optimization/constrained/",
    "Hessian": "/multivariable-calculus/hessian/",
    "backpropagation": "/multivariable-calculus/backpropagation/",
    "Jacobian": "/multivariable-calculus/gradients/",
    "KL divergence": "/information-theory/divergences/",
    "entropy": "/information-theory/entropy/",
    "mutual information": "/information-theory/mutual-information/",
    "PageRank": "/discrete-mathematics/spectral-graphs/",
    "Dijkstra": "/discrete-mathematics/graph-algorithms/",
    "Stirling": "/discrete-mathematics/counting-in-ml/",
    "log-sum-exp": "/numerical-methods/floating-point/",
    "machine epsilon": "/numerical-methods/floating-point/",
    "conjugate gradient": "/numerical-methods/iterative-solvers/",
    "condition number": "/numerical-methods/conditioning/",
    "IoU": "/set-theory/similarity/",
    "De Morgan": "/set-theory/set-operations/",
    "k-fold": "/set-theory/partitions/",
}


def test_search_returns_the_right_page_first(browser, site_url, built_site):
    pages = set(site_pages(built_site.path))
    cases = {term: path for term, path in SEARCHES.items() if path in pages}
    assert cases, "no search case applies"
    page = browser.new_page()
    page.goto(site_url + "/", wait_until="load")
    box = "input.md-search__input"
    page.focus(box)  # the index loads on first use of the search box
    page.wait_for_function(
        "() => !/Initializing/.test(document.querySelector('.md-search-result__meta')"
        "?.textContent ?? 'Initializing')",
        timeout=30_000,
    )
    wrong = {}
    for term, expected in cases.items():
        # Material searches on keyup. Typing character by character would show the
        # results of each prefix on the way, so set the whole term and release one key.
        # Clear the box first and wait for the old results to go, so that a slow query
        # cannot be read from the previous term's list.
        page.fill(box, "")
        page.press(box, "End")
        page.wait_for_function(
            "() => document.querySelectorAll('.md-search-result__item').length === 0",
            timeout=10_000,
        )
        page.fill(box, term)
        page.press(box, "End")
        page.wait_for_function(
            "() => document.querySelectorAll('.md-search-result__item').length > 0"
            " || /No matching/.test(document.querySelector('.md-search-result__meta')"
            "?.textContent ?? '')",
            timeout=10_000,
        )
        page.wait_for_timeout(100)
        first = page.eval_on_selector(
            ".md-search-result__item a", "a => new URL(a.href).pathname"
        )
        if first != expected:
            wrong[term] = (first, expected)
    page.close()
    assert not wrong, wrong


def test_copying_a_pycon_block_yields_code_that_runs(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "/linear-algebra/vectors/", wait_until="load")
    page.wait_for_timeout(150)
    block = page.locator(".language-pycon").nth(1)
    block.hover()
    block.locator("button[data-md-type='copy']").click()
    code = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert ">>>" not in code and code.strip(), code
    assert "cosine_similarity(king, queen)" in code
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_are_readable_in_both_themes(browser, site_url, built_site, scheme):
    """Screenshot every figure on a sample of pages: a light card with dark ink, whatever
    the theme, so axes, labels and lines keep their contrast."""
    import io

    import matplotlib.image
    import numpy as np

    pages = [p for p in site_pages(built_site.path) if "/lab_" in p][:3]
    pages.append("/linear-algebra/vectors/")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    checked = 0
    for path in pages:
        page.goto(site_url + path, wait_until="load")
        images = page.locator(".md-content img")
        for i in range(min(images.count(), 3)):
            image = images.nth(i)
            image.scroll_into_view_if_needed()
            page.wait_for_function(  # figures load lazily, from their own files
                "img => img.complete && img.naturalWidth > 0",
                arg=image.element_handle(),
            )
            pixels = matplotlib.image.imread(
                io.BytesIO(image.screenshot()), format="png"
            )
            luminance = pixels[..., :3] @ np.array([0.2126, 0.7152, 0.0722])
            background = np.median(luminance)
            ink = np.percentile(luminance, 1)
            assert background > 0.85, (path, scheme, background)
            assert background - ink > 0.5, (path, scheme, background, ink)
            checked += 1
    context.close()
    assert checked >= 2
