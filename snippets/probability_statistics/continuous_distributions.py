"""Continuous distributions: uniform, Gaussian, exponential and beta.

Page: docs/probability-statistics/continuous-distributions.md. The figures of the
Bayesian coin lab (docs/probability-statistics/lab_bayesian_coin.py) live here too,
because the coin's posterior is a beta distribution.
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike
from scipy import special

# --8<-- [end:imports]
# isort: split
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure
from snippets.probability_statistics.estimation import beta_binomial_update


# --8<-- [start:uniform_pdf]
def uniform_pdf(x: ArrayLike, a: float = 0.0, b: float = 1.0) -> np.ndarray | float:
    """Return the density 1 / (b - a) on [a, b] and 0 outside.

    Examples
    --------
    >>> uniform_pdf([-1.0, 0.5, 3.0], 0.0, 2.0)
    array([0. , 0.5, 0. ])
    """
    x = as_array(x, "x")
    a, b = float(as_array(a, "a", ndim=0)), float(as_array(b, "b", ndim=0))
    if not a < b:
        raise ValueError(f"a must be less than b, got a={a} and b={b}")
    out = np.where((x >= a) & (x <= b), 1.0 / (b - a), 0.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:uniform_pdf]


# --8<-- [start:uniform_cdf]
def uniform_cdf(x: ArrayLike, a: float = 0.0, b: float = 1.0) -> np.ndarray | float:
    """Return P(X <= x) = (x - a) / (b - a), clipped to [0, 1].

    Examples
    --------
    >>> uniform_cdf([-1.0, 0.5, 3.0], 0.0, 2.0)
    array([0.  , 0.25, 1.  ])
    """
    x = as_array(x, "x")
    a, b = float(as_array(a, "a", ndim=0)), float(as_array(b, "b", ndim=0))
    if not a < b:
        raise ValueError(f"a must be less than b, got a={a} and b={b}")
    out = np.clip((x - a) / (b - a), 0.0, 1.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:uniform_cdf]


# --8<-- [start:uniform_mean_var]
def uniform_mean_var(a: float = 0.0, b: float = 1.0) -> tuple[float, float]:
    """Return the mean (a + b) / 2 and the variance (b - a)^2 / 12 of Uniform(a, b).

    Examples
    --------
    >>> uniform_mean_var(0.0, 6.0)
    (3.0, 3.0)
    """
    a, b = float(as_array(a, "a", ndim=0)), float(as_array(b, "b", ndim=0))
    if not a < b:
        raise ValueError(f"a must be less than b, got a={a} and b={b}")
    return (a + b) / 2, (b - a) ** 2 / 12


# --8<-- [end:uniform_mean_var]


# --8<-- [start:gaussian_pdf]
def gaussian_pdf(
    x: ArrayLike, mu: float = 0.0, sigma: float = 1.0
) -> np.ndarray | float:
    """Return the density exp(-(x - mu)^2 / (2 sigma^2)) / (sigma sqrt(2 pi)).

    Examples
    --------
    >>> round(gaussian_pdf(0.0), 6)  # 1 / sqrt(2 pi)
    0.398942
    """
    x = as_array(x, "x")
    mu, sigma = (
        float(as_array(mu, "mu", ndim=0)),
        float(as_array(sigma, "sigma", ndim=0)),
    )
    if sigma <= 0:
        raise ValueError(f"sigma must be > 0, got {sigma}")
    z = (x - mu) / sigma
    out = np.exp(-0.5 * z**2) / (sigma * np.sqrt(2 * np.pi))
    return float(out) if out.ndim == 0 else out


# --8<-- [end:gaussian_pdf]


# --8<-- [start:gaussian_logpdf]
def gaussian_logpdf(
    x: ArrayLike, mu: float = 0.0, sigma: float = 1.0
) -> np.ndarray | float:
    """Return log p(x) = -(x - mu)^2 / (2 sigma^2) - log(sigma) - log(2 pi) / 2.

    Finite wherever x is, even where the density itself underflows to 0.

    Examples
    --------
    >>> round(gaussian_logpdf(40.0), 4)  # the density, e^-800.9, underflows
    -800.9189
    """
    x = as_array(x, "x")
    mu, sigma = (
        float(as_array(mu, "mu", ndim=0)),
        float(as_array(sigma, "sigma", ndim=0)),
    )
    if sigma <= 0:
        raise ValueError(f"sigma must be > 0, got {sigma}")
    z = (x - mu) / sigma
    out = -0.5 * z**2 - np.log(sigma) - 0.5 * np.log(2 * np.pi)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:gaussian_logpdf]


# --8<-- [start:gaussian_cdf]
def gaussian_cdf(
    x: ArrayLike, mu: float = 0.0, sigma: float = 1.0
) -> np.ndarray | float:
    """Return P(X <= x) = erfc(-(x - mu) / (sigma sqrt 2)) / 2, accurate in both tails.

    Examples
    --------
    >>> round(gaussian_cdf(1.96), 4)
    0.975
    """
    x = as_array(x, "x")
    mu, sigma = (
        float(as_array(mu, "mu", ndim=0)),
        float(as_array(sigma, "sigma", ndim=0)),
    )
    if sigma <= 0:
        raise ValueError(f"sigma must be > 0, got {sigma}")
    z = (x - mu) / sigma
    out = 0.5 * special.erfc(
        -z / np.sqrt(2)
    )  # not (1 + erf): no cancellation for z < 0
    return float(out) if out.ndim == 0 else out


# --8<-- [end:gaussian_cdf]


# --8<-- [start:exponential_pdf]
def exponential_pdf(x: ArrayLike, lam: float = 1.0) -> np.ndarray | float:
    """Return the density lam e^(-lam x) for x >= 0, and 0 for x < 0.

    Examples
    --------
    >>> exponential_pdf([-1.0, 0.0], 2.0)
    array([0., 2.])
    """
    x = as_array(x, "x")
    lam = float(as_array(lam, "lam", ndim=0))
    if lam <= 0:
        raise ValueError(f"lam must be > 0, got {lam}")
    out = np.where(x >= 0, lam * np.exp(-lam * np.maximum(x, 0.0)), 0.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:exponential_pdf]


# --8<-- [start:exponential_cdf]
def exponential_cdf(x: ArrayLike, lam: float = 1.0) -> np.ndarray | float:
    """Return P(X <= x) = 1 - e^(-lam x) for x >= 0, computed as -expm1(-lam x).

    Examples
    --------
    >>> round(exponential_cdf(1.0, 1.0), 6)  # 1 - 1/e
    0.632121
    """
    x = as_array(x, "x")
    lam = float(as_array(lam, "lam", ndim=0))
    if lam <= 0:
        raise ValueError(f"lam must be > 0, got {lam}")
    out = -np.expm1(-lam * np.maximum(x, 0.0))  # exact digits even for tiny lam x
    return float(out) if out.ndim == 0 else out


# --8<-- [end:exponential_cdf]


# --8<-- [start:exponential_mean_var]
def exponential_mean_var(lam: float = 1.0) -> tuple[float, float]:
    """Return the mean 1 / lam and the variance 1 / lam^2 of Exponential(lam).

    Examples
    --------
    >>> exponential_mean_var(2.0)
    (0.5, 0.25)
    """
    lam = float(as_array(lam, "lam", ndim=0))
    if lam <= 0:
        raise ValueError(f"lam must be > 0, got {lam}")
    return 1.0 / lam, 1.0 / lam**2


# --8<-- [end:exponential_mean_var]


# --8<-- [start:beta_pdf]
def beta_pdf(x: ArrayLike, a: float, b: float) -> np.ndarray | float:
    """Return the density x^(a-1) (1 - x)^(b-1) / B(a, b) on [0, 1], 0 outside.

    B(a, b) is the beta function; the density is computed in log space.

    Examples
    --------
    >>> beta_pdf([0.25, 0.5], 2.0, 2.0)  # 6 x (1 - x)
    array([1.125, 1.5  ])
    """
    x = as_array(x, "x")
    a, b = float(as_array(a, "a", ndim=0)), float(as_array(b, "b", ndim=0))
    if a <= 0 or b <= 0:
        raise ValueError(f"a and b must be > 0, got a={a} and b={b}")
    inside = (x >= 0) & (x <= 1)
    t = np.clip(x, 0.0, 1.0)
    log_pdf = (
        special.xlogy(a - 1, t) + special.xlog1py(b - 1, -t) - special.betaln(a, b)
    )
    out = np.where(inside, np.exp(log_pdf), 0.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:beta_pdf]


# --8<-- [start:beta_cdf]
def beta_cdf(x: ArrayLike, a: float, b: float) -> np.ndarray | float:
    """Return P(X <= x), the regularized incomplete beta function I_x(a, b).

    Examples
    --------
    >>> beta_cdf([0.0, 0.5, 1.0], 2.0, 2.0)
    array([0. , 0.5, 1. ])
    """
    x = as_array(x, "x")
    a, b = float(as_array(a, "a", ndim=0)), float(as_array(b, "b", ndim=0))
    if a <= 0 or b <= 0:
        raise ValueError(f"a and b must be > 0, got a={a} and b={b}")
    out = special.betainc(a, b, np.clip(x, 0.0, 1.0))
    return float(out) if out.ndim == 0 else out


# --8<-- [end:beta_cdf]


# --8<-- [start:beta_ppf]
def beta_ppf(q: ArrayLike, a: float, b: float) -> np.ndarray | float:
    """Return the quantile x with P(X <= x) = q, the inverse of beta_cdf.

    Examples
    --------
    >>> beta_ppf(0.5, 2.0, 2.0)  # the median of a symmetric beta
    0.5
    """
    q = as_array(q, "q")
    if np.any((q < 0) | (q > 1)):
        raise ValueError("q must be in [0, 1]")
    a, b = float(as_array(a, "a", ndim=0)), float(as_array(b, "b", ndim=0))
    if a <= 0 or b <= 0:
        raise ValueError(f"a and b must be > 0, got a={a} and b={b}")
    out = special.betaincinv(a, b, q)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:beta_ppf]


# --8<-- [start:beta_mean_var]
def beta_mean_var(a: float, b: float) -> tuple[float, float]:
    """Return the mean a / (a + b) and the variance a b / ((a + b)^2 (a + b + 1)).

    Examples
    --------
    >>> beta_mean_var(1.0, 1.0)  # Beta(1, 1) is Uniform(0, 1)
    (0.5, 0.08333333333333333)
    """
    a, b = float(as_array(a, "a", ndim=0)), float(as_array(b, "b", ndim=0))
    if a <= 0 or b <= 0:
        raise ValueError(f"a and b must be > 0, got a={a} and b={b}")
    s = a + b
    return a / s, a * b / (s**2 * (s + 1))


# --8<-- [end:beta_mean_var]


def plot_continuous_pdfs() -> Figure:
    """Draw the densities of the four distributions, a few parameter values each."""
    fig, axes = new_figure(
        "Four panels of probability density functions. Uniform on [0, 1] and on "
        "[0, 0.5] (flat steps of height 1 and 2). Gaussians with mean 0 and standard "
        "deviation 0.5, 1 and 2 (bells that get lower as they get wider). "
        "Exponentials with rate 0.5, 1 and 2 (decaying curves starting at the rate). "
        "Betas on [0, 1] with parameters (0.5, 0.5) (U shaped), (1, 1) (flat), "
        "(2, 5) (a hump at 0.2 with a long tail to the right: skewed right) and "
        "(5, 5) (a symmetric hump).",
        ncols=2,
        nrows=2,
        width=8.0,
        height=6.0,
    )
    (ax_u, ax_g), (ax_e, ax_b) = axes
    x = np.linspace(-0.25, 1.25, 601)
    for a, b in [(0.0, 1.0), (0.0, 0.5)]:
        ax_u.plot(x, uniform_pdf(x, a, b), label=f"U({a:g}, {b:g})")
    x = np.linspace(-5, 5, 401)
    for sigma in (0.5, 1.0, 2.0):
        ax_g.plot(x, gaussian_pdf(x, 0.0, sigma), label=f"N(0, {sigma:g}²)")
    x = np.linspace(0, 5, 401)
    for lam in (0.5, 1.0, 2.0):
        ax_e.plot(x, exponential_pdf(x, lam), label=f"λ = {lam:g}")
    x = np.linspace(0.005, 0.995, 397)
    for a, b in [(0.5, 0.5), (1.0, 1.0), (2.0, 5.0), (5.0, 5.0)]:
        ax_b.plot(x, beta_pdf(x, a, b), label=f"Beta({a:g}, {b:g})")
    titles = ["Uniform", "Gaussian", "Exponential", "Beta"]
    for ax, title in zip((ax_u, ax_g, ax_e, ax_b), titles, strict=True):
        ax.set_title(title)
        ax.set_xlabel("x")
        ax.set_ylabel("p(x)")
        ax.legend(loc="upper right", fontsize=8)
    ax_b.set_ylim(0, 3.2)
    return fig


def _coin_posterior_path(
    true_bias: float, n_flips: int, prior: tuple[float, float], seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Flip a coin n_flips times; return the Beta posterior (a_t, b_t), t = 0..n_flips.

    A Beta(a, b) prior on the bias becomes Beta(a + heads, b + tails) after the flips
    (the conjugate update of the estimation page, ``beta_binomial_update``).
    """
    if not 0.0 <= true_bias <= 1.0:
        raise ValueError(f"true_bias must be in [0, 1], got {true_bias!r}")
    if isinstance(n_flips, bool) or not isinstance(n_flips, (int, np.integer)):
        raise ValueError(f"n_flips must be a non-negative integer, got {n_flips!r}")
    if n_flips < 0:
        raise ValueError(f"n_flips must be a non-negative integer, got {n_flips!r}")
    a0, b0 = float(prior[0]), float(prior[1])
    if not (np.isfinite(a0) and np.isfinite(b0) and a0 > 0 and b0 > 0):
        raise ValueError(f"prior must be two positive numbers (a, b), got {prior!r}")
    flips = np.random.default_rng(seed).random(n_flips) < true_bias  # True = heads
    heads = np.concatenate([[0], np.cumsum(flips)])  # heads among the first t flips
    posteriors = [
        beta_binomial_update(a0, b0, heads=int(h), tails=int(t - h))
        for t, h in enumerate(heads)
    ]
    a, b = np.array(posteriors).T
    return a, b


def plot_coin_posteriors(
    true_bias: float = 0.7,
    checkpoints: tuple[int, ...] = (0, 1, 5, 20, 100),
    prior: tuple[float, float] = (1.0, 1.0),
    seed: int = 0,
) -> Figure:
    """Draw the Beta posterior density of a coin's bias after each number of flips."""
    if not checkpoints or min(checkpoints) < 0:
        raise ValueError(
            f"checkpoints must be non-negative flip counts, got {checkpoints!r}"
        )
    a, b = _coin_posterior_path(true_bias, max(checkpoints), prior, seed)
    fig, ax = new_figure(
        f"Posterior densities of a coin's probability of heads after "
        f"{', '.join(map(str, checkpoints))} flips, starting from a "
        f"Beta({prior[0]:g}, {prior[1]:g}) prior. The curves narrow and their peak "
        f"moves toward the true bias {true_bias:g}, marked by a vertical dashed line.",
        width=6.8,
        height=4.2,
    )
    x = np.linspace(0.0, 1.0, 501)
    for n in checkpoints:
        heads = int(a[n] - prior[0])
        ax.plot(
            x,
            beta_pdf(x, a[n], b[n]),
            label=f"{n} flips ({heads} heads): Beta({a[n]:g}, {b[n]:g})",
        )
    ax.axvline(
        true_bias, color="black", linestyle="--", linewidth=1.2, label="true bias"
    )
    ax.set_xlabel("θ = P(heads)")
    ax.set_ylabel("posterior density p(θ | flips)")
    ax.set_title("Bayesian updating of a coin's bias")
    ax.legend(loc="upper left", fontsize=8)
    return fig


def plot_coin_credible_interval(
    true_bias: float = 0.7,
    n_flips: int = 100,
    prior: tuple[float, float] = (1.0, 1.0),
    seed: int = 0,
    level: float = 0.95,
) -> Figure:
    """Draw the posterior mean and the central credible interval against the flips."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level!r}")
    a, b = _coin_posterior_path(true_bias, n_flips, prior, seed)
    n = np.arange(n_flips + 1)
    mean = a / (a + b)
    tail = (1.0 - level) / 2
    lower = special.betaincinv(a, b, tail)
    upper = special.betaincinv(a, b, 1.0 - tail)
    inside = "contains" if lower[-1] <= true_bias <= upper[-1] else "does not contain"
    fig, ax = new_figure(
        f"The posterior mean of a coin's bias (a line) and its central "
        f"{level:.0%} credible interval (a shaded band) after 0 to {n_flips} flips, "
        f"from a Beta({prior[0]:g}, {prior[1]:g}) prior. The band narrows as flips "
        f"accumulate; after {n_flips} flips it is [{lower[-1]:.2f}, {upper[-1]:.2f}], "
        f"which {inside} the true bias {true_bias:g} (dashed line).",
        width=6.8,
        height=4.0,
    )
    ax.fill_between(n, lower, upper, alpha=0.3, label=f"{level:.0%} credible interval")
    ax.plot(n, mean, label="posterior mean")
    ax.axhline(
        true_bias, color="black", linestyle="--", linewidth=1.2, label="true bias"
    )
    ax.set_ylim(0, 1)
    ax.set_xlabel("number of flips")
    ax.set_ylabel("θ = P(heads)")
    ax.set_title("Posterior mean and credible interval")
    ax.legend(loc="lower right")
    return fig
