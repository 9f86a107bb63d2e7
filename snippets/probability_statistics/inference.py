"""Inference: confidence intervals (t-interval), the bootstrap, and hypothesis tests
with p-values (the two-sample t-test).

Page: docs/probability-statistics/inference.md
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

# --8<-- [end:imports]
# isort: split
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:t_confidence_interval]
def t_confidence_interval(
    x: ArrayLike, confidence: float = 0.95
) -> tuple[float, float]:
    """Return the t-interval mean +- t_{n-1} * s / sqrt(n) for the population mean.

    Examples
    --------
    >>> lo, hi = t_confidence_interval([4.0, 6.0, 5.0, 7.0, 3.0])
    >>> round(lo, 3), round(hi, 3)
    (3.037, 6.963)
    """
    x = as_array(x, "x", ndim=1)
    if not (isinstance(confidence, (int, float)) and 0 < confidence < 1):
        raise ValueError(f"confidence must be in (0, 1), got {confidence!r}")
    n = x.size
    if n < 2:
        raise ValueError(f"x must hold at least 2 values, got {n}")
    mean = x.mean()
    se = x.std(ddof=1) / np.sqrt(n)  # standard error of the mean
    t = stats.t.ppf(0.5 + confidence / 2, df=n - 1)  # two-sided critical value
    return float(mean - t * se), float(mean + t * se)


# --8<-- [end:t_confidence_interval]


# --8<-- [start:bootstrap_interval]
def bootstrap_interval(
    x: ArrayLike,
    statistic: Callable[..., np.ndarray] = np.mean,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    rng: np.random.Generator | None = None,
) -> tuple[float, float]:
    """Return the percentile bootstrap interval of statistic(x).

    `statistic` must accept an array and `axis=1` (np.mean, np.median, ...): all
    resamples are drawn at once as an (n_resamples, n) array.

    Examples
    --------
    >>> x = np.random.default_rng(0).exponential(size=50)
    >>> lo, hi = bootstrap_interval(x, rng=np.random.default_rng(1))
    >>> round(lo, 3), round(hi, 3)
    (0.84, 1.447)
    """
    x = as_array(x, "x", ndim=1)
    if not callable(statistic):
        raise TypeError(f"statistic must be callable, got {type(statistic).__name__}")
    if not (isinstance(confidence, (int, float)) and 0 < confidence < 1):
        raise ValueError(f"confidence must be in (0, 1), got {confidence!r}")
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, int):
        raise ValueError(f"n_resamples must be an integer >= 100, got {n_resamples!r}")
    if n_resamples < 100:
        raise ValueError(f"n_resamples must be an integer >= 100, got {n_resamples}")
    if x.size < 2:
        raise ValueError(f"x must hold at least 2 values, got {x.size}")
    rng = np.random.default_rng() if rng is None else rng
    idx = rng.integers(0, x.size, size=(n_resamples, x.size))  # draw with replacement
    replicates = np.asarray(statistic(x[idx], axis=1), dtype=float)
    if replicates.shape != (n_resamples,) or not np.all(np.isfinite(replicates)):
        raise ValueError("statistic must return one finite number per resample")
    alpha = 1 - confidence
    lo, hi = np.quantile(replicates, [alpha / 2, 1 - alpha / 2])
    return float(lo), float(hi)


# --8<-- [end:bootstrap_interval]


# --8<-- [start:two_sample_t_test]
class TTestResult(NamedTuple):
    statistic: float
    pvalue: float
    df: float


def two_sample_t_test(
    x: ArrayLike, y: ArrayLike, equal_var: bool = True
) -> TTestResult:
    """Test H0: mean(x) = mean(y); return t, the two-sided p-value and the degrees
    of freedom. equal_var=True pools the variances (Student), False is Welch's test.

    Examples
    --------
    >>> r = two_sample_t_test([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    >>> round(r.statistic, 4), round(r.pvalue, 4), r.df
    (-3.6742, 0.0213, 4.0)
    """
    x = as_array(x, "x", ndim=1)
    y = as_array(y, "y", ndim=1)
    nx, ny = x.size, y.size
    if nx < 2 or ny < 2:
        raise ValueError(f"x and y need at least 2 values each, got {nx} and {ny}")
    vx, vy = x.var(ddof=1), y.var(ddof=1)
    if equal_var:
        df = nx + ny - 2
        pooled = ((nx - 1) * vx + (ny - 1) * vy) / df
        se2 = pooled * (1 / nx + 1 / ny)
    else:  # Welch: separate variances, Welch–Satterthwaite degrees of freedom
        a, b = vx / nx, vy / ny
        se2 = a + b
        df = se2**2 / (a**2 / (nx - 1) + b**2 / (ny - 1)) if se2 > 0 else nx + ny - 2
    if se2 == 0:
        raise ValueError(
            "x and y both have zero variance: the t statistic is undefined"
        )
    t = (x.mean() - y.mean()) / np.sqrt(se2)
    p = 2 * stats.t.sf(abs(t), df)  # two-sided: both tails
    return TTestResult(float(t), float(p), float(df))


# --8<-- [end:two_sample_t_test]


def plot_confidence_intervals(
    n_intervals: int = 50, n: int = 20, confidence: float = 0.95, seed: int = 0
) -> Figure:
    """Many t-intervals from fresh N(0, 1) samples; those missing 0 are highlighted."""
    fig, ax = new_figure(
        f"{n_intervals} horizontal {confidence:.0%} t-intervals, each from a new "
        f"sample of {n} standard normal values, stacked vertically, with a vertical "
        "line at the true mean 0. Most intervals cross the line; the few that miss "
        "it are drawn in a second color.",
        width=5.6,
        height=4.6,
    )
    rng = np.random.default_rng(seed)
    for i in range(n_intervals):
        lo, hi = t_confidence_interval(rng.normal(size=n), confidence)
        covers = lo <= 0.0 <= hi
        ax.plot([lo, hi], [i, i], color="C0" if covers else "C1", linewidth=1.6)
    ax.axvline(0.0, color="black", linewidth=1)
    ax.set_xlabel("value")
    ax.set_ylabel("experiment")
    ax.set_title(f"{confidence:.0%} t-intervals for the mean")
    return fig


def plot_bootstrap_distribution(
    n: int = 40, n_resamples: int = 5000, seed: int = 0
) -> Figure:
    """The bootstrap distribution of the mean of an exponential sample."""
    fig, ax = new_figure(
        f"A histogram of {n_resamples} bootstrap means of one sample of {n} "
        "Exponential(1) values. It is slightly skewed to the right; dashed lines mark "
        "its 2.5% and 97.5% quantiles, the percentile interval, and a solid line the "
        "true mean 1.",
        width=5.6,
        height=3.6,
    )
    rng = np.random.default_rng(seed)
    x = rng.exponential(size=n)
    idx = rng.integers(0, n, size=(n_resamples, n))
    replicates = x[idx].mean(axis=1)
    lo, hi = np.quantile(replicates, [0.025, 0.975])
    ax.hist(replicates, bins=50, density=True, color="C0", alpha=0.6)
    ax.axvline(lo, color="C1", linestyle="--", label="95% percentile interval")
    ax.axvline(hi, color="C1", linestyle="--")
    ax.axvline(1.0, color="black", linewidth=1.2, label="true mean")
    ax.set_xlabel("bootstrap mean")
    ax.set_ylabel("density")
    ax.set_title("Bootstrap distribution of the mean")
    ax.legend(loc="upper right")
    return fig


def plot_t_test(t: float = 2.3, df: float = 18.0) -> Figure:
    """The t density under H0 with the two tails beyond |t| shaded (the p-value)."""
    p = 2 * stats.t.sf(abs(t), df)
    fig, ax = new_figure(
        f"The density of Student's t distribution with {df:g} degrees of freedom, "
        f"the distribution of the t statistic if the null hypothesis holds. The two "
        f"tails beyond -{abs(t):g} and +{abs(t):g} are shaded; their total area, "
        f"{p:.3f}, is the two-sided p-value.",
        width=5.6,
        height=3.6,
    )
    grid = np.linspace(-5, 5, 401)
    ax.plot(grid, stats.t.pdf(grid, df), color="C0", label=f"$t$ density, df = {df:g}")
    tail = np.abs(grid) >= abs(t)
    ax.fill_between(
        grid,
        0,
        stats.t.pdf(grid, df),
        where=tail,
        color="C1",
        alpha=0.5,
        label=f"p-value = {p:.3f}",
    )
    ax.axvline(t, color="C1", linewidth=1)
    ax.set_xlabel("$t$")
    ax.set_ylabel("density")
    ax.set_title("The p-value is a tail area under the null")
    ax.legend(loc="upper left")
    return fig
