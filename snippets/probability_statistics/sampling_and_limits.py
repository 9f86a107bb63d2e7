"""Sampling and limits: the law of large numbers, the central limit theorem,
inverse-CDF sampling and Monte Carlo estimation.

Page: docs/probability-statistics/sampling-and-limits.md
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure
from scipy import stats

from snippets.checks import as_array
from snippets.checks import as_probability
from snippets.plotting import new_figure


# --8<-- [start:running_mean]
def running_mean(samples: ArrayLike) -> np.ndarray:
    """Return the running means (x_1 + ... + x_k) / k for k = 1, ..., n.

    Examples
    --------
    >>> running_mean([2, 4, 0, 6])
    array([2., 3., 2., 3.])
    """
    x = as_array(samples, "samples", ndim=1)
    return np.cumsum(x) / np.arange(1, x.size + 1)


# --8<-- [end:running_mean]


# --8<-- [start:standardized_means]
def standardized_means(samples: ArrayLike, mean: float, std: float) -> np.ndarray:
    """Return sqrt(n) (mean of each row - mean) / std for samples of shape (reps, n).

    Each row is one experiment of n independent draws with the given mean and
    standard deviation. By the central limit theorem the result is close to
    standard normal when n is large.

    Examples
    --------
    >>> standardized_means([[1.0, 3.0], [2.0, 2.0]], mean=2.0, std=1.0)
    array([0., 0.])
    """
    x = as_array(samples, "samples", ndim=2)
    if not (np.isfinite(mean) and np.isfinite(std)):
        raise ValueError(f"mean and std must be finite, got {mean!r} and {std!r}")
    if std <= 0:
        raise ValueError(f"std must be positive, got {std!r}")
    n = x.shape[1]
    return np.sqrt(n) * (x.mean(axis=1) - mean) / std


# --8<-- [end:standardized_means]


# --8<-- [start:sample_exponential]
def sample_exponential(
    rate: float, size: int, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Draw `size` samples of Exponential(rate) by the inverse CDF.

    F(x) = 1 - exp(-rate x), so F^{-1}(u) = -log(1 - u) / rate for u ~ Uniform[0, 1).

    Examples
    --------
    >>> x = sample_exponential(2.0, 100_000, np.random.default_rng(0))
    >>> round(float(x.mean()), 2)  # 1 / rate
    0.5
    """
    if not (isinstance(rate, (int, float)) and np.isfinite(rate) and rate > 0):
        raise ValueError(f"rate must be a positive finite number, got {rate!r}")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be a positive integer, got {size!r}")
    rng = np.random.default_rng() if rng is None else rng
    u = rng.random(size)  # uniform on [0, 1)
    return -np.log1p(-u) / rate  # log1p keeps accuracy for small u


# --8<-- [end:sample_exponential]


# --8<-- [start:sample_discrete]
def sample_discrete(
    p: ArrayLike, size: int, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Draw `size` indices k with P(k) = p[k] by inverting the step-shaped CDF.

    Examples
    --------
    >>> k = sample_discrete([0.2, 0.5, 0.3], 100_000, np.random.default_rng(0))
    >>> np.bincount(k) / k.size
    array([0.20127, 0.49954, 0.29919])
    """
    p = as_probability(p, "p")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be a positive integer, got {size!r}")
    rng = np.random.default_rng() if rng is None else rng
    cdf = np.cumsum(p)
    cdf[-1] = 1.0  # rounding must not leave a gap just below 1
    u = rng.random(size)
    # The sample is the first k with F(k) > u: a binary search, no Python loop.
    return np.searchsorted(cdf, u, side="right")


# --8<-- [end:sample_discrete]


# --8<-- [start:monte_carlo_estimate]
def monte_carlo_estimate(
    f: Callable[[np.ndarray], ArrayLike], samples: ArrayLike
) -> tuple[float, float]:
    """Estimate E[f(X)] from samples of X; return (estimate, standard error).

    `f` maps the array of samples (one sample per row, or one per entry of a 1-D
    array) to the array of n values f(x_i). The standard error is s / sqrt(n),
    with s the sample standard deviation of the values.

    Examples
    --------
    >>> x = np.random.default_rng(0).uniform(size=100_000)
    >>> est, se = monte_carlo_estimate(lambda x: x**2, x)  # E[U^2] = 1/3
    >>> round(est, 3), round(se, 4)
    (0.333, 0.0009)
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    x = as_array(samples, "samples")
    n = x.shape[0]
    if n < 2:
        raise ValueError(f"samples must hold at least 2 draws, got {n}")
    values = as_array(f(x), "f(samples)", ndim=1)
    if values.shape[0] != n:
        raise ValueError(
            f"f(samples) must return one value per sample ({n}), got {values.shape[0]}"
        )
    return float(values.mean()), float(values.std(ddof=1) / np.sqrt(n))


# --8<-- [end:monte_carlo_estimate]


def plot_running_means(n: int = 10_000, seed: int = 0) -> Figure:
    """Running means of three distributions (left) and of the Cauchy (right)."""
    fig, (left, right) = new_figure(
        "Left: running means of Uniform(0, 1), Exponential(1) and Bernoulli(0.3) "
        "samples against the number of draws on a log scale; each wanders at first "
        "and settles on its true mean (dashed lines at 0.5, 1 and 0.3). Right: the "
        "running mean of standard Cauchy samples keeps jumping and never settles, "
        "because the Cauchy distribution has no mean.",
        ncols=2,
        width=8.0,
        height=3.6,
    )
    rng = np.random.default_rng(seed)
    k = np.arange(1, n + 1)
    cases = [
        ("Uniform(0, 1)", rng.uniform(size=n), 0.5),
        ("Exponential(1)", rng.exponential(size=n), 1.0),
        ("Bernoulli(0.3)", (rng.random(n) < 0.3).astype(float), 0.3),
    ]
    for (label, x, _), color in zip(cases, ("C0", "C1", "C2"), strict=True):
        left.plot(k, running_mean(x), color=color, label=label)
    for (_, _, mu), color in zip(cases, ("C0", "C1", "C2"), strict=True):
        left.axhline(mu, color=color, linestyle="--", linewidth=1)
    left.set_xscale("log")
    left.set_xlabel("number of draws $n$")
    left.set_ylabel("running mean")
    left.set_title("Finite mean: the running mean converges")
    left.set_ylim(-0.05, 1.55)
    left.legend(loc="upper center", ncols=2, fontsize=8)
    right.plot(k, running_mean(rng.standard_cauchy(size=n)), color="C3")
    right.set_xscale("log")
    right.set_xlabel("number of draws $n$")
    right.set_title("Cauchy: no mean, no convergence")
    return fig


def plot_clt(
    ns: tuple[int, ...] = (1, 2, 5, 30), reps: int = 20_000, seed: int = 0
) -> Figure:
    """Histograms of standardized means of n Exponential(1) draws vs the N(0, 1) PDF."""
    fig, axes = new_figure(
        "Four histograms of standardized sample means of n Exponential(1) draws, for "
        f"n = {', '.join(str(n) for n in ns)}, each with the standard normal density "
        "drawn on top. For n = 1 the histogram is the skewed exponential shape; as n "
        "grows it becomes symmetric and matches the bell curve.",
        ncols=len(ns),
        width=2.4 * len(ns),
        height=2.8,
    )
    axes = np.atleast_1d(axes)
    rng = np.random.default_rng(seed)
    grid = np.linspace(-4, 4, 201)
    for ax, n in zip(axes, ns, strict=True):
        z = standardized_means(rng.exponential(size=(reps, n)), mean=1.0, std=1.0)
        ax.hist(z, bins=np.linspace(-4, 6, 51), density=True, color="C0", alpha=0.6)
        ax.plot(grid, stats.norm.pdf(grid), color="C1", label=r"$\mathcal{N}(0, 1)$")
        ax.set_title(f"$n = {n}$")
        ax.set_xlim(-4, 6)
        ax.set_xlabel(r"$\sqrt{n}(\bar{x} - \mu)/\sigma$")
    axes[0].set_ylabel("density")
    axes[0].legend(loc="upper right")
    return fig


def plot_inverse_cdf(rate: float = 1.0, seed: int = 0) -> Figure:
    """The exponential CDF with a few uniforms u mapped to x = F^{-1}(u)."""
    fig, ax = new_figure(
        "The CDF of the Exponential(1) distribution rising from 0 to 1. Eight "
        "uniform numbers on the vertical axis are each traced horizontally to the "
        "curve and then down to the horizontal axis, where they land as exponential "
        "samples. Where the CDF is steep, near 0, a wide band of uniforms maps to a "
        "short stretch of x, so samples are dense there.",
        width=5.6,
        height=3.6,
    )
    x = np.linspace(0, 5 / rate, 301)
    ax.plot(x, 1 - np.exp(-rate * x), color="C0", label=r"$F(x) = 1 - e^{-\lambda x}$")
    u = np.random.default_rng(seed).random(8)
    samples = -np.log1p(-u) / rate
    for ui, xi in zip(u, samples, strict=True):
        ax.plot([0, xi, xi], [ui, ui, 0], color="C1", linewidth=0.9, linestyle=":")
    ax.plot(np.zeros_like(u), u, "o", color="C1", label="$u \\sim$ Uniform[0, 1)")
    ax.plot(samples, np.zeros_like(u), "s", color="C2", label="$x = F^{-1}(u)$")
    ax.set_xlim(-0.1, 5 / rate)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$F(x)$")
    ax.set_title("Inverse-CDF sampling")
    ax.legend(loc="lower right")
    return fig
