"""Discrete distributions: Bernoulli, binomial, categorical and Poisson.

Page: docs/probability-statistics/discrete-distributions.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike
from scipy import special

# --8<-- [end:imports]
# isort: split
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.numerical_methods.floating_point import softmax
from snippets.plotting import new_figure
from snippets.checks import as_probability


# --8<-- [start:bernoulli_pmf]
def bernoulli_pmf(k: ArrayLike, p: float) -> np.ndarray | float:
    """Return P(X = k) = p^k (1 - p)^(1 - k) for k in {0, 1}, and 0 for other k.

    Examples
    --------
    >>> bernoulli_pmf([0, 1, 2], 0.3)
    array([0.7, 0.3, 0. ])
    """
    k = as_array(k, "k")
    p = float(as_array(p, "p", ndim=0))
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    out = np.where(k == 1, p, np.where(k == 0, 1.0 - p, 0.0))
    return float(out) if out.ndim == 0 else out


# --8<-- [end:bernoulli_pmf]


# --8<-- [start:bernoulli_cdf]
def bernoulli_cdf(k: ArrayLike, p: float) -> np.ndarray | float:
    """Return P(X <= k): 0 below 0, 1 - p on [0, 1), and 1 from 1 on.

    Examples
    --------
    >>> bernoulli_cdf([-1, 0, 0.5, 1], 0.3)
    array([0. , 0.7, 0.7, 1. ])
    """
    k = as_array(k, "k")
    p = float(as_array(p, "p", ndim=0))
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    out = np.where(k < 0, 0.0, np.where(k < 1, 1.0 - p, 1.0))
    return float(out) if out.ndim == 0 else out


# --8<-- [end:bernoulli_cdf]


# --8<-- [start:bernoulli_mean_var]
def bernoulli_mean_var(p: float) -> tuple[float, float]:
    """Return the mean p and the variance p (1 - p) of a Bernoulli(p) variable.

    Examples
    --------
    >>> bernoulli_mean_var(0.5)
    (0.5, 0.25)
    """
    p = float(as_array(p, "p", ndim=0))
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    return p, p * (1.0 - p)


# --8<-- [end:bernoulli_mean_var]


# --8<-- [start:binomial_pmf]
def binomial_pmf(k: ArrayLike, n: int, p: float) -> np.ndarray | float:
    """Return P(X = k) = C(n, k) p^k (1 - p)^(n - k), computed in log space.

    X counts the successes in n independent Bernoulli(p) trials; the PMF is 0 for k
    outside {0, ..., n}.

    Examples
    --------
    >>> binomial_pmf([0, 1, 2], 2, 0.5)
    array([0.25, 0.5 , 0.25])
    """
    k = as_array(k, "k")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    p = float(as_array(p, "p", ndim=0))
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    valid = (k == np.round(k)) & (k >= 0) & (k <= n)
    j = np.where(valid, k, 0.0)
    # log C(n, j) from log-gamma; xlogy and xlog1py give 0 * log 0 = 0 at p = 0 or 1.
    log_pmf = (
        special.gammaln(n + 1)
        - special.gammaln(j + 1)
        - special.gammaln(n - j + 1)
        + special.xlogy(j, p)
        + special.xlog1py(n - j, -p)
    )
    out = np.where(valid, np.exp(log_pmf), 0.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:binomial_pmf]


# --8<-- [start:binomial_cdf]
def binomial_cdf(k: ArrayLike, n: int, p: float) -> np.ndarray | float:
    """Return P(X <= k) for X ~ Binomial(n, p): the running sum of the PMF.

    Examples
    --------
    >>> binomial_cdf([0, 1, 2], 2, 0.5)
    array([0.25, 0.75, 1.  ])
    """
    k = as_array(k, "k")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    pmf = binomial_pmf(np.arange(n + 1), n, p)  # all n + 1 probabilities (checks p)
    running = np.concatenate([[0.0], np.cumsum(pmf)])  # running[j + 1] = P(X <= j)
    index = np.clip(np.floor(k) + 1, 0, n + 1).astype(int)
    out = np.minimum(running[index], 1.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:binomial_cdf]


# --8<-- [start:binomial_mean_var]
def binomial_mean_var(n: int, p: float) -> tuple[float, float]:
    """Return the mean n p and the variance n p (1 - p) of a Binomial(n, p) variable.

    Examples
    --------
    >>> binomial_mean_var(20, 0.5)
    (10.0, 5.0)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    p = float(as_array(p, "p", ndim=0))
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    return n * p, n * p * (1.0 - p)


# --8<-- [end:binomial_mean_var]


# --8<-- [start:categorical_pmf]
def categorical_pmf(k: ArrayLike, p: ArrayLike) -> np.ndarray | float:
    """Return P(X = k) = p[k] for a class label k in {0, ..., K-1}, and 0 otherwise.

    Examples
    --------
    >>> categorical_pmf([0, 2, 3], [0.5, 0.3, 0.2])
    array([0.5, 0.2, 0. ])
    """
    k = as_array(k, "k")
    p = as_probability(p, "p")
    valid = (k == np.round(k)) & (k >= 0) & (k <= p.size - 1)
    out = np.where(valid, p[np.where(valid, k, 0).astype(int)], 0.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:categorical_pmf]


# --8<-- [start:categorical_cdf]
def categorical_cdf(k: ArrayLike, p: ArrayLike) -> np.ndarray | float:
    """Return P(X <= k) = p[0] + ... + p[floor(k)] for labels ordered 0, ..., K-1.

    Examples
    --------
    >>> categorical_cdf([-1, 0, 1.5, 2], [0.5, 0.3, 0.2])
    array([0. , 0.5, 0.8, 1. ])
    """
    k = as_array(k, "k")
    p = as_probability(p, "p")
    running = np.concatenate([[0.0], np.cumsum(p)])
    index = np.clip(np.floor(k) + 1, 0, p.size).astype(int)
    out = np.minimum(running[index], 1.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:categorical_cdf]


# --8<-- [start:categorical_mean_cov]
def categorical_mean_cov(p: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return the mean p and the covariance diag(p) - p p^T of the one-hot vector of X.

    Examples
    --------
    >>> mean, cov = categorical_mean_cov([0.5, 0.5])
    >>> cov
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    p = as_probability(p, "p")
    return p.copy(), np.diag(p) - np.outer(p, p)


# --8<-- [end:categorical_mean_cov]


# --8<-- [start:poisson_pmf]
def poisson_pmf(k: ArrayLike, lam: float) -> np.ndarray | float:
    """Return P(X = k) = lam^k e^(-lam) / k! for k = 0, 1, 2, ..., in log space.

    Examples
    --------
    >>> round(poisson_pmf(0, 2.0), 6)  # e^-2
    0.135335
    """
    k = as_array(k, "k")
    lam = float(as_array(lam, "lam", ndim=0))
    if lam <= 0:
        raise ValueError(f"lam must be > 0, got {lam}")
    valid = (k == np.round(k)) & (k >= 0)
    j = np.where(valid, k, 0.0)
    out = np.where(
        valid, np.exp(special.xlogy(j, lam) - lam - special.gammaln(j + 1)), 0.0
    )
    return float(out) if out.ndim == 0 else out


# --8<-- [end:poisson_pmf]


# --8<-- [start:poisson_cdf]
def poisson_cdf(k: ArrayLike, lam: float) -> np.ndarray | float:
    """Return P(X <= k) for X ~ Poisson(lam): the running sum of the PMF.

    Examples
    --------
    >>> round(poisson_cdf(1, 2.0), 6)  # 3 e^-2
    0.406006
    """
    k = as_array(k, "k")
    lam = float(as_array(lam, "lam", ndim=0))
    if lam <= 0:
        raise ValueError(f"lam must be > 0, got {lam}")
    # Beyond lam + 40 sqrt(lam) + 50 the remaining mass is far below 1e-16.
    top = int(max(0.0, min(np.floor(k.max()), lam + 40 * np.sqrt(lam) + 50)))
    pmf = poisson_pmf(np.arange(top + 1), lam)
    running = np.concatenate([[0.0], np.cumsum(pmf)])  # running[j + 1] = P(X <= j)
    index = np.clip(np.floor(k) + 1, 0, top + 1).astype(int)
    out = np.minimum(running[index], 1.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:poisson_cdf]


# --8<-- [start:poisson_mean_var]
def poisson_mean_var(lam: float) -> tuple[float, float]:
    """Return the mean and the variance of a Poisson(lam) variable: both equal lam.

    Examples
    --------
    >>> poisson_mean_var(3.5)
    (3.5, 3.5)
    """
    lam = float(as_array(lam, "lam", ndim=0))
    if lam <= 0:
        raise ValueError(f"lam must be > 0, got {lam}")
    return lam, lam


# --8<-- [end:poisson_mean_var]


def plot_discrete_pmfs() -> Figure:
    """Draw the PMFs of Bernoulli(0.3), Binomial(20, 0.3), a categorical, Poisson(4)."""
    fig, axes = new_figure(
        "Four probability mass functions as bar charts: Bernoulli with p = 0.3 (bars "
        "0.7 at 0 and 0.3 at 1); binomial with n = 20 and p = 0.3 (a hump around 6); "
        "a categorical distribution over 5 classes from the softmax of logits "
        "(2, 1, 0.5, 0, -1); Poisson with rate 4 (a skewed hump around 3 and 4).",
        ncols=2,
        nrows=2,
        width=7.5,
        height=5.5,
    )
    (ax1, ax2), (ax3, ax4) = axes
    ax1.bar([0, 1], bernoulli_pmf([0, 1], 0.3), width=0.5)
    ax1.set_xticks([0, 1])
    ax1.set_title("Bernoulli(0.3)")
    k = np.arange(21)
    ax2.bar(k, binomial_pmf(k, 20, 0.3), width=0.7)
    ax2.set_title("Binomial(20, 0.3)")
    p = softmax(np.array([2.0, 1.0, 0.5, 0.0, -1.0]))
    ax3.bar(np.arange(5), categorical_pmf(np.arange(5), p), width=0.6)
    ax3.set_title("Categorical: softmax of logits")
    k = np.arange(16)
    ax4.bar(k, poisson_pmf(k, 4.0), width=0.7)
    ax4.set_title("Poisson(4)")
    for ax in (ax1, ax2, ax3, ax4):
        ax.set_xlabel("k")
        ax.set_ylabel("P(X = k)")
    return fig


def plot_poisson_limit(lam: float = 3.0, ns: tuple[int, ...] = (5, 15, 100)) -> Figure:
    """Draw Binomial(n, lam / n) PMFs for growing n against the Poisson(lam) PMF."""
    fig, ax = new_figure(
        f"Binomial probability mass functions with n = {', '.join(map(str, ns))} "
        f"trials and success probability {lam:g}/n, drawn as lines with markers, "
        f"approaching the Poisson probability mass function with rate {lam:g} "
        "(black) as n grows.",
        width=6.4,
        height=4.0,
    )
    k = np.arange(13)
    for n in ns:
        ax.plot(
            k,
            binomial_pmf(k, n, lam / n),
            marker="o",
            label=f"Binomial({n}, {lam:g}/{n})",
        )
    ax.plot(
        k, poisson_pmf(k, lam), color="black", marker="s", label=f"Poisson({lam:g})"
    )
    ax.set_xlabel("k")
    ax.set_ylabel("P(X = k)")
    ax.set_title("Rare events: the binomial tends to the Poisson")
    ax.legend(loc="upper right")
    return fig
