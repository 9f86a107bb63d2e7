"""Random variables: PMF, PDF and CDF, expectation and variance, covariance,
correlation and the covariance matrix.

Page: docs/probability-statistics/random-variables.md
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
# isort: split
from itertools import product

from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure
from snippets.checks import as_probability


# --8<-- [start:distribution_of]
def distribution_of(values: ArrayLike, p: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return the support and the PMF of X, where X(w_i) = values[i] has prob. p[i].

    A random variable maps each outcome to a number; outcomes with the same value
    pool their probabilities: p_X(x) = sum of p(w) over the w with X(w) = x.

    Examples
    --------
    >>> distribution_of([0, 1, 1, 2], [0.25, 0.25, 0.25, 0.25])  # heads in 2 tosses
    (array([0., 1., 2.]), array([0.25, 0.5 , 0.25]))
    """
    values = as_array(values, "values", ndim=1)
    p = as_probability(p, "p")
    if values.size != p.size:
        raise ValueError(f"values has {values.size} entries but p has {p.size}")
    support, which = np.unique(values, return_inverse=True)  # sorted distinct values
    pmf = np.bincount(which, weights=p, minlength=support.size)
    return support, pmf


# --8<-- [end:distribution_of]


# --8<-- [start:discrete_cdf]
def discrete_cdf(
    x: ArrayLike, support: ArrayLike, pmf: ArrayLike
) -> np.ndarray | float:
    """Return F(x) = P(X <= x) for a discrete X with the given support and PMF.

    Examples
    --------
    >>> discrete_cdf([-1, 0, 1.5, 2], [0, 1, 2], [0.25, 0.5, 0.25])
    array([0.  , 0.25, 0.75, 1.  ])
    """
    x = as_array(x, "x")
    support = as_array(support, "support", ndim=1)
    pmf = as_probability(pmf, "pmf")
    if support.size != pmf.size:
        raise ValueError(f"support has {support.size} entries but pmf has {pmf.size}")
    order = np.argsort(support)
    s = support[order]
    if np.any(np.diff(s) == 0):
        raise ValueError("support must have distinct values")
    running = np.concatenate([[0.0], np.cumsum(pmf[order])])  # F just after each s_i
    out = np.minimum(running[np.searchsorted(s, x, side="right")], 1.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:discrete_cdf]


# --8<-- [start:empirical_cdf]
def empirical_cdf(x: ArrayLike, samples: ArrayLike) -> np.ndarray | float:
    """Return the empirical CDF F_m(x) = (number of samples <= x) / m.

    Examples
    --------
    >>> empirical_cdf([0, 2, 10], [3, 1, 2, 2])
    array([0.  , 0.75, 1.  ])
    """
    x = as_array(x, "x")
    s = np.sort(as_array(samples, "samples", ndim=1))
    out = np.searchsorted(s, x, side="right") / s.size
    return float(out) if out.ndim == 0 else out


# --8<-- [end:empirical_cdf]


# --8<-- [start:histogram_density]
def histogram_density(
    samples: ArrayLike, bins: int = 10
) -> tuple[np.ndarray, np.ndarray]:
    """Return (edges, density): a histogram scaled so its area is 1, a PDF estimate.

    The bins split [min, max] of the samples into ``bins`` equal intervals; the
    density of a bin is (count in bin) / (m * bin width).

    Examples
    --------
    >>> edges, density = histogram_density([0.1, 0.2, 0.3, 0.9], bins=2)
    >>> edges, density
    (array([0.1, 0.5, 0.9]), array([1.875, 0.625]))
    """
    s = as_array(samples, "samples", ndim=1)
    if not (isinstance(bins, (int, np.integer)) and bins >= 1):
        raise ValueError(f"bins must be a positive integer, got {bins!r}")
    lo, hi = float(s.min()), float(s.max())
    if lo == hi:
        raise ValueError("samples are all equal: the histogram has zero width")
    edges = np.linspace(lo, hi, bins + 1)
    which = np.minimum(np.searchsorted(edges, s, side="right") - 1, bins - 1)
    counts = np.bincount(which, minlength=bins)  # the last bin includes its right edge
    return edges, counts / (s.size * np.diff(edges))


# --8<-- [end:histogram_density]


# --8<-- [start:expectation]
def expectation(
    support: ArrayLike,
    pmf: ArrayLike,
    g: Callable[[np.ndarray], np.ndarray] | None = None,
) -> float:
    """Return E[g(X)] = sum_x g(x) p(x) for a discrete X; g defaults to the identity.

    g must be vectorized: it takes the array of support points and returns an array
    of the same shape.

    Examples
    --------
    >>> expectation([1, 2, 3, 4, 5, 6], [1 / 6] * 6)  # a fair die
    3.5
    """
    support = as_array(support, "support", ndim=1)
    pmf = as_probability(pmf, "pmf")
    if support.size != pmf.size:
        raise ValueError(f"support has {support.size} entries but pmf has {pmf.size}")
    if g is None:
        values = support
    elif not callable(g):
        raise TypeError(f"g must be callable, got {type(g).__name__}")
    else:
        values = np.asarray(g(support), dtype=float)
        if values.shape != support.shape or not np.isfinite(values).all():
            raise ValueError("g must return finite values, one per support point")
    return float(values @ pmf)


# --8<-- [end:expectation]


# --8<-- [start:variance]
def variance(support: ArrayLike, pmf: ArrayLike) -> float:
    """Return Var(X) = E[(X - E[X])^2] for a discrete X (two passes: no cancellation).

    Examples
    --------
    >>> round(variance([1, 2, 3, 4, 5, 6], [1 / 6] * 6), 6)  # 35 / 12
    2.916667
    """
    mean = expectation(support, pmf)
    return expectation(support, pmf, lambda x: (x - mean) ** 2)


# --8<-- [end:variance]


# --8<-- [start:covariance_matrix]
def covariance_matrix(X: ArrayLike, ddof: int = 1) -> np.ndarray:
    """Return the (d, d) sample covariance of a data matrix X (n samples, d features).

    S = (X - mean)^T (X - mean) / (n - ddof); ddof=1 gives the unbiased estimate.

    Examples
    --------
    >>> covariance_matrix([[1, 2], [2, 4], [3, 6]])
    array([[1., 2.],
           [2., 4.]])
    """
    X = as_array(X, "X", ndim=2)
    if not (isinstance(ddof, (int, np.integer)) and ddof >= 0):
        raise ValueError(f"ddof must be a non-negative integer, got {ddof!r}")
    n = X.shape[0]
    if n <= ddof:
        raise ValueError(f"X needs more than ddof={ddof} samples (rows), got {n}")
    centered = X - X.mean(axis=0)  # subtract each feature's mean
    return centered.T @ centered / (n - ddof)


# --8<-- [end:covariance_matrix]


# --8<-- [start:correlation_matrix]
def correlation_matrix(X: ArrayLike) -> np.ndarray:
    """Return the (d, d) Pearson correlations of the columns of X (n samples, d cols).

    R_ij = S_ij / sqrt(S_ii S_jj): the covariance of the standardized features.

    Examples
    --------
    >>> correlation_matrix([[1, 3], [2, 2], [3, 1]])
    array([[ 1., -1.],
           [-1.,  1.]])
    """
    S = covariance_matrix(X)
    sd = np.sqrt(np.diag(S))
    if np.any(sd == 0):
        raise ValueError(
            f"X has a constant column (index {int(np.argmin(sd))}): "
            "its correlation is undefined"
        )
    R = np.clip(S / np.outer(sd, sd), -1.0, 1.0)  # rounding can leave |R| above 1
    np.fill_diagonal(R, 1.0)
    return R


# --8<-- [end:correlation_matrix]


def plot_two_dice_pmf_cdf() -> Figure:
    """Draw the PMF (bars) and the CDF (a staircase) of the sum of two fair dice."""
    fig, (ax_pmf, ax_cdf) = new_figure(
        "Left: the probability mass function of the sum of two fair dice, a triangle "
        "of bars rising from 1/36 at 2 to 6/36 at 7 and falling to 1/36 at 12. Right: "
        "its cumulative distribution function, a staircase from 0 to 1 with a jump at "
        "each value equal to the bar's height.",
        ncols=2,
        width=8.0,
        height=3.4,
    )
    outcomes = np.array(list(product(range(1, 7), repeat=2)))
    support, pmf = distribution_of(outcomes.sum(axis=1), np.full(36, 1 / 36))
    ax_pmf.bar(support, pmf, width=0.6)
    ax_pmf.set_xlabel("x (sum of two dice)")
    ax_pmf.set_ylabel("p(x) = P(X = x)")
    ax_pmf.set_title("PMF")
    x = np.linspace(0, 14, 1401)
    ax_cdf.step(x, discrete_cdf(x, support, pmf), where="post")
    ax_cdf.set_xlabel("x")
    ax_cdf.set_ylabel("F(x) = P(X ≤ x)")
    ax_cdf.set_title("CDF")
    return fig


def plot_histogram_vs_pdf(m: int = 1000, bins: int = 30, seed: int = 0) -> Figure:
    """Draw a density histogram and the empirical CDF of exponential samples."""
    fig, (ax_pdf, ax_cdf) = new_figure(
        f"Left: a density histogram of {m} samples from the exponential distribution "
        "with rate 1, close to the curve exp(-x) it estimates. Right: the empirical "
        "CDF of the same samples, a fine staircase that follows the curve 1 - exp(-x).",
        ncols=2,
        width=8.0,
        height=3.4,
    )
    samples = np.random.default_rng(seed).exponential(1.0, size=m)
    edges, density = histogram_density(samples, bins)
    ax_pdf.stairs(density, edges, fill=True, alpha=0.4, label="histogram")
    x = np.linspace(0, edges[-1], 400)
    ax_pdf.plot(x, np.exp(-x), label="PDF $e^{-x}$")
    ax_pdf.set_xlabel("x")
    ax_pdf.set_ylabel("density")
    ax_pdf.set_title("PDF and its histogram estimate")
    ax_pdf.legend(loc="upper right")
    ax_cdf.step(x, empirical_cdf(x, samples), where="post", label="empirical CDF")
    ax_cdf.plot(x, 1 - np.exp(-x), linestyle="--", label="CDF $1 - e^{-x}$")
    ax_cdf.set_xlabel("x")
    ax_cdf.set_ylabel("F(x)")
    ax_cdf.set_title("CDF and the empirical CDF")
    ax_cdf.legend(loc="lower right")
    return fig


def plot_correlations(
    rhos: tuple[float, ...] = (-0.8, 0.0, 0.8), m: int = 300, seed: int = 0
) -> Figure:
    """Scatter m pairs of standard Gaussians with each correlation in rhos."""
    fig, axes = new_figure(
        "Three scatter plots of 300 pairs of standard Gaussian features with "
        "correlation -0.8 (a cloud along a falling line), 0 (a round cloud) and 0.8 "
        "(a cloud along a rising line); each title shows the sample correlation.",
        ncols=len(rhos),
        width=3.0 * len(rhos),
        height=3.2,
    )
    rng = np.random.default_rng(seed)
    for ax, rho in zip(np.atleast_1d(axes), rhos, strict=True):
        z = rng.standard_normal((m, 2))
        # x2 = rho x1 + sqrt(1 - rho^2) noise has unit variance and correlation rho.
        pts = np.column_stack([z[:, 0], rho * z[:, 0] + np.sqrt(1 - rho**2) * z[:, 1]])
        ax.scatter(pts[:, 0], pts[:, 1], s=6, alpha=0.6)
        r = correlation_matrix(pts)[0, 1]
        ax.set_title(f"ρ = {rho:g} (sample r = {r:.2f})")
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.set_aspect("equal")
    return fig
