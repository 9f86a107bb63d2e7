"""One notation across the site: math on every page uses the forms the notation page defines.

Each rule names the form docs/notation.md defines and the variants a page must not use
instead. The test also checks that the notation page really shows each defined form, so
a rule cannot drift away from the page it enforces.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
NOTATION = (DOCS / "notation.md").read_text(encoding="utf-8")

# (form defined on the notation page, regex of the variants, what to write instead)
RULES = [
    # a bold matrix or a bracket raised to T (K^T, a power, is fine)
    (
        r"^\top",
        r"[})\]]\^T\b|[})\]]\^\{T\}|\^\{\\mathsf\{T\}\}|\^\\intercal",
        r"transpose is ^\top",
    ),
    (
        r"D_{\mathrm{KL}}",
        r"D_\{KL\}|\\text\{KL\}|\\mathrm\{KL\}\s*\(|(?<![\w{])KL\s*\(",
        r"KL divergence is D_{\mathrm{KL}}(p \,\|\, q)",
    ),
    (
        r"\mathbb{E}",
        r"(?<![\w\\{])E\s*\[|\\mathrm\{E\}\s*\[|\\text\{E\}\s*\[|\\operatorname\{E\}",
        r"expectation is \mathbb{E}[\cdot]",
    ),
    (
        r"\operatorname{Var}",
        r"\\text\{Var\}|\\mathrm\{Var\}|(?<![\w\\{])Var\s*\(",
        r"variance is \operatorname{Var}",
    ),
    (
        r"\operatorname{Cov}",
        r"\\text\{Cov\}|\\mathrm\{Cov\}|(?<![\w\\{])Cov\s*\(",
        r"covariance is \operatorname{Cov}",
    ),
    (
        r"\operatorname{tr}",
        r"\\text\{tr\}|\\mathrm\{tr\}|\\text\{trace\}|(?<![\w\\{])tr\s*\(",
        r"trace is \operatorname{tr}",
    ),
    (
        r"\operatorname{rank}",
        r"\\text\{rank\}|\\mathrm\{rank\}|(?<![\w\\{])rank\s*\(",
        r"rank is \operatorname{rank}",
    ),
    (
        r"\operatorname{diag}",
        r"\\text\{diag\}|\\mathrm\{diag\}|(?<![\w\\{])diag\s*\(",
        r"\operatorname{diag}",
    ),
    (r"\|\mathbf{x}\|", r"\|\|", r"norms are \|\mathbf{x}\|, not ||x||"),
    (r"\mathbb{R}", r"\\Bbb\s*R|\\mathcal\{R\}\^|\\R\b", r"the reals are \mathbb{R}"),
    (r"\mathbf{x}", r"\\vec\s*\{|\\overrightarrow", r"vectors are bold: \mathbf{x}"),
    (
        r"\nabla f",
        r"\\text\{grad\}|\\operatorname\{grad\}",
        r"the gradient is \nabla f",
    ),
    (
        r"\mathcal{N}",
        r"(?<![\w\\{])N\s*\(\s*\\?mu|\\text\{N\}\s*\(|\\mathrm\{N\}\s*\(",
        r"the Gaussian is \mathcal{N}(\mu, \sigma^2)",
    ),
]

INLINE = re.compile(r"\\\((.+?)\\\)", re.DOTALL)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
DOLLAR = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$")
FENCE = re.compile(r"^\s*```.*?^\s*```", re.MULTILINE | re.DOTALL)


def math_of(path: Path) -> list[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    if path.suffix == ".py":  # a lab: only its markdown cells, where math is $...$
        cells = re.findall(r"^# %% \[markdown\]\n((?:#.*\n?)*)", text, re.MULTILINE)
        text = "\n".join(re.sub(r"^# ?", "", c, flags=re.MULTILINE) for c in cells)
        return DISPLAY.findall(text) + DOLLAR.findall(DISPLAY.sub("", text))
    return INLINE.findall(text) + DISPLAY.findall(text)


def documents() -> list[Path]:
    return sorted([*DOCS.rglob("*.md"), *DOCS.rglob("lab_*.py")])


@pytest.mark.parametrize(
    ("form", "variants", "advice"), RULES, ids=[r[0] for r in RULES]
)
def test_notation_page_defines_the_form(form, variants, advice):
    assert form in NOTATION, f"docs/notation.md does not show {form} ({advice})"


def test_pages_use_the_notation_page_forms():
    found = []
    for path in documents():
        if path.name == "notation.md":
            continue
        for math in math_of(path):
            for _form, variants, advice in RULES:
                if re.search(variants, math):
                    found.append(
                        f"{path.relative_to(ROOT)}: {math.strip()[:70]!r}: {advice}"
                    )
    assert not found, "\n".join(found)


def test_the_rules_catch_their_variants():
    samples = {
        r"transpose": r"\mathbf{A}^T \mathbf{x}",
        r"KL": r"D_{KL}(p || q)",
        r"expectation": r"E[X]",
        r"variance": r"\text{Var}(X)",
        r"trace": r"tr(\mathbf{A})",
        r"norms": r"||x||_2",
        r"vectors": r"\vec{x}",
    }
    for name, sample in samples.items():
        assert any(re.search(v, sample) for _f, v, _a in RULES), name
    clean = (
        r"\mathbb{E}[X] + \operatorname{Var}(X) + \|\mathbf{x}\|_2 + \mathbf{A}^\top"
    )
    assert not any(re.search(v, clean) for _f, v, _a in RULES)
