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
    # data: n samples (rows) and d features (columns); an average over m samples or an
    # X of another shape is the old m-by-n (or n-by-p) convention
    (
        r"\mathbf{X} \in \mathbb{R}^{n \times d}",
        r"\\mathbf\{X\}(?:_\{?\w+\}?)?\s*\\in\s*\\mathbb\{R\}\^\{(?!n\s*\\times\s*d\s*\})"
        r"|\\frac\{1\}\{m\}\s*\\sum_\{\w\s*=\s*1\}\^\{?m\b"
        r"|\\mathbf\{w\}\s*\\in\s*\\mathbb\{R\}\^\{?p\b",
        r"a data matrix is \mathbf{X} \in \mathbb{R}^{n \times d}: n samples, d features",
    ),
    # a loss is \mathcal{L} (the objective) or \ell (one example); L is the smoothness
    # constant, so L(...), \nabla L, \partial L and L' are a loss in the wrong letter
    (
        r"\mathcal{L}(\boldsymbol{\theta})",
        r"(?<![\w\\{])L\s*\(|\\nabla(?:_\{(?:[^{}]|\{[^{}]*\})*\}|_\w)?\s*L\b|\\partial\s*L\b"
        r"|(?<![\w\\{])L'",
        r"a loss is \mathcal{L} or \ell; L is the smoothness constant",
    ),
    # a step along a (stochastic) gradient is scaled by the learning rate eta
    (
        r"\eta",
        r"-\s*\\(?:alpha|gamma|epsilon|tau|lambda|rho|beta|mu)(?:_\{?k\}?)?\s*(?:\\[,;:!]\s*)?"
        r"(?:\\nabla(?:_\{(?:[^{}]|\{[^{}]*\})*\})?\s*(?:(?:f|\\ell|L)\b|\\mathcal\{L\})"
        r"|\\mathbf\{g\})",
        r"the learning rate is \eta",
    ),
    # kappa is the condition number; the curvature of a function is f'' (no kappa(x))
    (
        r"\kappa(\mathbf{A})",
        r"\\kappa\s*\(\s*[xt]\s*\)",
        r"\kappa is the condition number only; curvature is f''",
    ),
    # Markov chains: row-stochastic P, stationary pi with pi^T P = pi^T; not a column
    # form P pi = pi, not another letter for a fixed point, not pi as an initial state
    (
        r"\boldsymbol{\pi}^\top \mathbf{P} = \boldsymbol{\pi}^\top",
        r"\\mathbf\{[A-Z]\}\s*\\boldsymbol\{\\pi\}\s*=\s*\\boldsymbol\{\\pi\}"
        r"|\\mathbf\{([a-z])\}\^\\top\s*\\mathbf\{[A-Z]\}\s*=\s*\\mathbf\{\1\}\^\\top"
        r"|\\pi_\{?[k0-9]\}?\s*=\s*P\(\s*[zX]_",
        r"transition matrices are row-stochastic, \boldsymbol{\pi} their stationary "
        r"distribution (pi^T P = pi^T); an HMM's initial distribution is \mathbf{p}_1",
    ),
]

# Prose (outside code and math) that contradicts the notation page.
PROSE_RULES = [
    (
        r"column-stochastic|columns? (?:of the transition matrix )?sums? to 1",
        "Markov transition matrices are row-stochastic everywhere",
    ),
    (
        r"\\\(m\\\) (?:samples|data points|examples|observations|training)"
        r"|\\\((?:p|n|m)\\\) features",
        "data have n samples and d features",
    ),
    (
        r"curvature\*?\s*\\\(\\kappa",
        "curvature is f''; kappa is the condition number",
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


# For each rule added with the data/loss/step/condition/Markov conventions: variants it
# must catch, and correct forms (often close to a variant) it must let through.
CAUGHT = {
    r"\mathbf{X} \in \mathbb{R}^{n \times d}": (
        [
            r"\mathbf{X} \in \mathbb{R}^{m \times n}",
            r"\mathbf{X}_c \in \mathbb{R}^{n \times p}",
            r"\mathbf{X} \in \mathbb{R}^{m\times d}",
            r"L = \frac{1}{m} \sum_{i=1}^{m} \ell_i",
            r"\mathbf{w} \in \mathbb{R}^p",
        ],
        [
            r"\mathbf{X} \in \mathbb{R}^{n \times d}",
            r"\mathbf{A} \in \mathbb{R}^{m \times n}",
            r"\frac{1}{n}\sum_{i=1}^{n} \ell_i",
        ],
    ),
    r"\mathcal{L}(\boldsymbol{\theta})": (
        [
            r"L(\boldsymbol{\theta}) = \tfrac1n \sum_i \ell_i",
            r"\nabla L(\mathbf{w})",
            r"\nabla_{\mathbf{W}} L",
            r"\frac{\partial L}{\partial \mathbf{W}}",
            r"L''(\theta^\star)",
        ],
        [
            r"\mathcal{L}(\boldsymbol{\theta})",
            r"\nabla \mathcal{L}",
            r"\eta < 2/L",
            r"\mu\mathbf{I} \preceq \mathbf{H} \preceq L\mathbf{I}",
            r"\mathbf{L}\mathbf{L}^\top",
            r"L_1",
        ],
    ),
    r"\eta": (
        [
            r"\mathbf{x}_{k+1} = \mathbf{x}_k - \alpha \nabla f(\mathbf{x}_k)",
            r"\boldsymbol{\theta} - \alpha_k\,\mathbf{g}_k",
            r"\mathbf{w} - \gamma \nabla \mathcal{L}",
        ],
        [
            r"\mathbf{x}_k - \eta\,\nabla f(\mathbf{x}_k)",
            r"\mathbf{x}_k + \alpha_k\mathbf{p}_k",
            r"\nabla f = -\lambda\,\nabla h",
        ],
    ),
    r"\kappa(\mathbf{A})": (
        [r"\kappa(x) = \frac{|f''(x)|}{(1 + f'(x)^2)^{3/2}}"],
        [r"\kappa(\mathbf{A}) = \sigma_1/\sigma_n", r"\kappa_f(x)", r"\kappa = L/\mu"],
    ),
    r"\boldsymbol{\pi}^\top \mathbf{P} = \boldsymbol{\pi}^\top": (
        [
            r"\mathbf{A}\boldsymbol{\pi} = \boldsymbol{\pi}",
            r"\mathbf{r}^\top \mathbf{G} = \mathbf{r}^\top",
            r"\pi_k = P(z_1 = k)",
        ],
        [
            r"\boldsymbol{\pi}^\top \mathbf{P} = \boldsymbol{\pi}^\top",
            r"\mathbf{P}^\top\boldsymbol{\pi} = \boldsymbol{\pi}",
            r"\mathbf{p}_{t+1}^\top = \mathbf{p}_t^\top \mathbf{P}",
        ],
    ),
}


@pytest.mark.parametrize("form", sorted(CAUGHT))
def test_each_rule_catches_its_variants_and_passes_the_form(form):
    (variants,) = [v for f, v, _a in RULES if f == form]
    caught, clean = CAUGHT[form]
    for sample in caught:
        assert re.search(variants, sample), f"{form} misses {sample!r}"
    for sample in clean:
        assert not re.search(variants, sample), f"{form} flags {sample!r}"


# ---------------------------------------------------------------- prose


INLINE_CODE = re.compile(r"`[^`\n]+`")


def prose_of(path: Path) -> str:
    """A page's text without code (fences and inline), where prose rules apply."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    if path.suffix == ".py":
        cells = re.findall(r"^# %% \[markdown\]\n((?:#.*\n?)*)", text, re.MULTILINE)
        text = "\n".join(re.sub(r"^# ?", "", c, flags=re.MULTILINE) for c in cells)
    return INLINE_CODE.sub("", text)


def test_prose_follows_the_notation_page():
    found = []
    for path in documents():
        if path.name == "notation.md":
            continue
        text = prose_of(path)
        for pattern, advice in PROSE_RULES:
            for m in re.finditer(pattern, text):
                found.append(f"{path.relative_to(ROOT)}: {m.group(0)!r}: {advice}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("sample", "caught"),
    [
        ("a column-stochastic transition matrix", True),
        ("(columns sum to 1)", True),
        ("with row-stochastic \\(\\mathbf{P}\\) (rows sum to 1)", False),
        ("from \\(m\\) samples", True),
        ("with \\(p\\) features", True),
        ("\\(n\\) samples and \\(d\\) features", False),
        ("the geometric *curvature* \\(\\kappa\\) of the graph", True),
        ("the curvature \\(f''\\)", False),
    ],
)
def test_the_prose_rules_catch_their_variants(sample, caught):
    assert any(re.search(p, sample) for p, _a in PROSE_RULES) is caught


# ---------------------------------------------------------------- mu

#: mu means a strong-convexity constant (optimization) or a mean (probability, the
#: Gaussian's \mu and \boldsymbol{\mu}). Outside probability and information theory a
#: scalar \mu may appear only on these pages, where it is the strong-convexity constant.
#: A page that needs another constant (a shift, a multiplier, an eigenvalue) picks
#: another letter.
MU_MEANS_A_MEAN = ("probability-statistics/", "information-theory/")
MU_IS_STRONG_CONVEXITY = {
    "optimization/index.md",
    "optimization/convexity.md",
    "optimization/gradient-descent.md",
    "optimization/optimizers.md",
}
SCALAR_MU = re.compile(
    r"\\boldsymbol\{\\mu\}|\\mathcal\{N\}\s*\(\s*\\mu|(\\mu(?![a-zA-Z]))"
)


def mu_outside_its_meanings(rel: str, maths: list[str]) -> list[str]:
    if rel.startswith(MU_MEANS_A_MEAN) or rel in MU_IS_STRONG_CONVEXITY:
        return []
    return [
        f"{rel}: {m.strip()[:70]!r}: \\mu is strong convexity (or a mean); "
        "use another letter"
        for m in maths
        if any(match.group(1) for match in SCALAR_MU.finditer(m))
    ]


def test_mu_is_strong_convexity_or_a_mean():
    found = []
    for path in documents():
        rel = path.relative_to(DOCS).as_posix()
        if rel != "notation.md":
            found += mu_outside_its_meanings(rel, math_of(path))
    assert not found, "\n".join(found)


def test_the_mu_rule_catches_a_shift_and_lets_means_through():
    shift = [r"(\mathbf{A} - \mu\mathbf{I})^{-1}"]
    means = [
        r"\mathcal{N}(\boldsymbol{\mu}, \boldsymbol{\Sigma})",
        r"\mathcal{N}(\mu, 1)",
    ]
    assert mu_outside_its_meanings("numerical-methods/eigenvalue-algorithms.md", shift)
    assert not mu_outside_its_meanings("numerical-methods/linear-solvers.md", means)
    assert not mu_outside_its_meanings("optimization/convexity.md", shift)
    assert not mu_outside_its_meanings("probability-statistics/estimation.md", shift)


# ---------------------------------------------------------------- Beta pseudo-counts

#: One reading of a Beta(a, b) prior: a prior successes and b prior failures, so
#: a + b pseudo-observations (the posterior mean is (a + k) / (a + b + n)). A count
#: stated near a Beta(a, b) must be a, b or a + b (not a - 1, b - 1 or a + b - 2).
BETA = re.compile(
    r"(?:\\text\{Beta\}|\\operatorname\{Beta\}|\\mathrm\{Beta\}|Beta)\s*"
    r"(?:\\?\(|\\left\()\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*(?:\\?\)|\\right\))"
)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
PSEUDO_COUNT = re.compile(
    r"\b(\d+|one|two|three|four|five|ten)\s+"
    r"(?:pseudo-?\w+|imaginary \w+|prior (?:heads|tails|successes|failures|flips))"
    r"|worth\s+(\d+)\s+\w+"
)


def beta_count_mismatches(text: str) -> list[str]:
    found = []
    for paragraph in re.split(r"\n\s*\n", text):
        betas = [(float(a), float(b)) for a, b in BETA.findall(paragraph)]
        if not betas:
            continue
        allowed = {v for a, b in betas for v in (a, b, a + b)}
        for m in PSEUDO_COUNT.finditer(paragraph):
            word = m.group(1) or m.group(2)
            count = float(NUMBER_WORDS.get(word, word))
            if count not in allowed:
                found.append(m.group(0))
    return found


def test_beta_pseudo_counts_have_one_reading():
    found = []
    for path in documents():
        for bad in beta_count_mismatches(prose_of(path)):
            found.append(
                f"{path.relative_to(ROOT)}: {bad!r}: Beta(a, b) counts as a prior "
                "successes and b prior failures (a + b pseudo-observations)"
            )
    assert not found, "\n".join(found)


def test_the_beta_rule_catches_the_other_reading():
    assert beta_count_mismatches(
        "The Beta(2, 2) prior acts like one pseudo-head and one pseudo-tail."
    )
    assert beta_count_mismatches(r"$\text{Beta}(30, 30)$: a belief worth 58 flips")
    assert not beta_count_mismatches(r"$\text{Beta}(30, 30)$: a belief worth 60 flips")
    assert not beta_count_mismatches(
        "A Beta(2, 2) prior adds two pseudo-heads and two pseudo-tails."
    )
