"""Estimation: maximum likelihood, MAP with conjugate priors, bias/variance/MSE of
estimators, and logistic regression's output as a probability.

Page: docs/probability-statistics/estimation.md
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize

# --8<-- [end:imports]
# isort: split
from matplotlib.figure import Figure
from scipy import stats

from snippets.calculus.activations import sigmoid
from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:gaussian_mle]
def gaussian_mle(x: ArrayLike) -> tuple[float, float]:
    """Return the maximum-likelihood (mean, variance) of a Gaussian sample.

    The variance divides by n, not n - 1: that is what maximizes the likelihood.

    Examples
    --------
    >>> gaussian_mle([1.0, 2.0, 3.0, 6.0])
    (3.0, 3.5)
    """
    x = as_array(x, "x", ndim=1)
    mu = x.mean()
    return float(mu), float(np.mean((x - mu) ** 2))


# --8<-- [end:gaussian_mle]


# --8<-- [start:gaussian_log_likelihood]
def gaussian_log_likelihood(x: ArrayLike, mu: float, var: float) -> float:
    """Return the log-likelihood sum_i log N(x_i; mu, var) of a sample.

    Examples
    --------
    >>> round(gaussian_log_likelihood([0.0], 0.0, 1.0), 6)  # log(1 / sqrt(2 pi))
    -0.918939
    """
    x = as_array(x, "x", ndim=1)
    if not (np.isfinite(mu) and np.isfinite(var)):
        raise ValueError(f"mu and var must be finite, got {mu!r} and {var!r}")
    if var <= 0:
        raise ValueError(f"var must be positive, got {var!r}")
    n = x.size
    return float(-0.5 * n * np.log(2 * np.pi * var) - np.sum((x - mu) ** 2) / (2 * var))


# --8<-- [end:gaussian_log_likelihood]


# --8<-- [start:bernoulli_mle]
def bernoulli_mle(x: ArrayLike) -> float:
    """Return the maximum-likelihood success probability of 0/1 outcomes: k / n.

    Examples
    --------
    >>> bernoulli_mle([1, 0, 1, 1])
    0.75
    """
    x = as_array(x, "x", ndim=1)
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("x must contain only 0 and 1")
    return float(x.mean())


# --8<-- [end:bernoulli_mle]


# --8<-- [start:bernoulli_log_likelihood]
def bernoulli_log_likelihood(x: ArrayLike, p: float) -> float:
    """Return sum_i [x_i log p + (1 - x_i) log(1 - p)] for 0/1 outcomes x.

    Uses 0 log 0 = 0, so p = 0 or p = 1 is allowed (the result may be -inf).

    Examples
    --------
    >>> round(bernoulli_log_likelihood([1, 0, 1, 1], 0.75), 6)
    -2.249341
    """
    x = as_array(x, "x", ndim=1)
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("x must contain only 0 and 1")
    if not (np.isfinite(p) and 0 <= p <= 1):
        raise ValueError(f"p must be a probability in [0, 1], got {p!r}")
    k, n = x.sum(), x.size
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right answer here
        heads = k * np.log(p) if k > 0 else 0.0
        tails = (n - k) * np.log1p(-p) if n > k else 0.0
    return float(heads + tails)


# --8<-- [end:bernoulli_log_likelihood]


# --8<-- [start:numerical_mle]
def numerical_mle(
    negative_log_likelihood: Callable[[np.ndarray], float],
    theta0: ArrayLike,
    max_iter: int = 1000,
    tol: float = 1e-8,
) -> np.ndarray:
    """Minimize a negative log-likelihood with BFGS; return the estimate theta-hat.

    Raises RuntimeError when the optimizer does not converge within max_iter.

    Examples
    --------
    >>> nll = lambda t: (t[0] - 3.0) ** 2  # a toy objective with minimum at 3
    >>> numerical_mle(nll, [0.0]).round(6)
    array([3.])
    """
    if not callable(negative_log_likelihood):
        raise TypeError("negative_log_likelihood must be callable")
    theta0 = as_array(theta0, "theta0", ndim=1)
    if isinstance(max_iter, bool) or not isinstance(max_iter, int) or max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}")
    if not (np.isfinite(tol) and tol > 0):
        raise ValueError(f"tol must be positive, got {tol!r}")
    result = optimize.minimize(
        negative_log_likelihood,
        theta0,
        method="BFGS",
        options={"maxiter": max_iter, "gtol": tol},
    )
    if not np.all(np.isfinite(result.x)):
        raise RuntimeError("numerical_mle diverged (non-finite parameters)")
    if not result.success and result.nit >= max_iter:
        raise RuntimeError(f"numerical_mle did not converge in {max_iter} iterations")
    return np.asarray(result.x)


# --8<-- [end:numerical_mle]


# --8<-- [start:beta_binomial_update]
def beta_binomial_update(
    alpha: float, beta: float, heads: int, tails: int
) -> tuple[float, float]:
    """Return the posterior Beta(alpha + heads, beta + tails) after coin flips.

    A Beta(alpha, beta) prior on a coin's bias is conjugate to the binomial
    likelihood: the posterior is again a Beta, with the counts added.

    Examples
    --------
    >>> beta_binomial_update(2.0, 2.0, heads=7, tails=3)
    (9.0, 5.0)
    """
    for name, value in (("alpha", alpha), ("beta", beta)):
        if not (isinstance(value, (int, float)) and np.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    for name, count in (("heads", heads), ("tails", tails)):
        if isinstance(count, bool) or not isinstance(count, (int, np.integer)):
            raise TypeError(f"{name} must be an integer count, got {count!r}")
        if count < 0:
            raise ValueError(f"{name} must be non-negative, got {count}")
    return float(alpha + heads), float(beta + tails)


# --8<-- [end:beta_binomial_update]


# --8<-- [start:beta_map]
def beta_map(alpha: float, beta: float) -> float:
    """Return the mode (alpha - 1) / (alpha + beta - 2) of Beta(alpha, beta).

    Applied to a posterior, this is the MAP estimate of the coin's bias. The mode is
    unique when alpha >= 1, beta >= 1 and alpha + beta > 2.

    Examples
    --------
    >>> beta_map(9.0, 5.0)
    0.6666666666666666
    """
    for name, value in (("alpha", alpha), ("beta", beta)):
        if not (isinstance(value, (int, float)) and np.isfinite(value) and value >= 1):
            raise ValueError(f"{name} must be a finite number >= 1, got {value!r}")
    if alpha + beta <= 2:
        raise ValueError("alpha + beta must exceed 2 (Beta(1, 1) has no unique mode)")
    return float((alpha - 1) / (alpha + beta - 2))


# --8<-- [end:beta_map]


# --8<-- [start:estimator_stats]
class EstimatorStats(NamedTuple):
    bias: float
    variance: float
    mse: float


def estimator_stats(estimates: ArrayLike, true_value: float) -> EstimatorStats:
    """Return bias, variance and MSE of an estimator from repeated estimates.

    `estimates` holds the estimator's value on many independent data sets drawn
    from a distribution whose parameter is `true_value`. The three numbers satisfy
    mse = bias**2 + variance exactly.

    Examples
    --------
    >>> estimator_stats([1.0, 3.0], true_value=1.0)
    EstimatorStats(bias=1.0, variance=1.0, mse=2.0)
    """
    e = as_array(estimates, "estimates", ndim=1)
    if not np.isfinite(true_value):
        raise ValueError(f"true_value must be finite, got {true_value!r}")
    bias = e.mean() - true_value
    variance = e.var()  # ddof=0: the spread of the estimates around their own mean
    mse = np.mean((e - true_value) ** 2)
    return EstimatorStats(float(bias), float(variance), float(mse))


# --8<-- [end:estimator_stats]


# --8<-- [start:logistic_probability]
def logistic_probability(X: ArrayLike, w: ArrayLike, b: float = 0.0) -> np.ndarray:
    """Return P(y = 1 | x) = sigmoid(w.x + b) for every row x of X (n, d).

    Examples
    --------
    >>> logistic_probability([[0.0], [2.0]], w=[1.0], b=-2.0).round(4)
    array([0.1192, 0.5   ])
    """
    X = as_array(X, "X", ndim=2)
    w = as_array(w, "w", ndim=1)
    if X.shape[1] != w.shape[0]:
        raise ValueError(f"X has {X.shape[1]} columns but w has {w.shape[0]} entries")
    if not np.isfinite(b):
        raise ValueError(f"b must be finite, got {b!r}")
    return np.asarray(sigmoid(X @ w + b))


# --8<-- [end:logistic_probability]


# --8<-- [start:logistic_negative_log_likelihood]
def logistic_negative_log_likelihood(
    X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float = 0.0
) -> float:
    """Return the mean Bernoulli negative log-likelihood of logistic regression.

    With z = Xw + b and p = sigmoid(z), each term -[y log p + (1 - y) log(1 - p)]
    equals log(1 + e^z) - y z, which np.logaddexp computes without overflow.

    Examples
    --------
    >>> round(logistic_negative_log_likelihood([[0.0]], [1], w=[1.0]), 6)  # log 2
    0.693147
    """
    X = as_array(X, "X", ndim=2)
    w = as_array(w, "w", ndim=1)
    y = as_array(y, "y", ndim=1)
    if X.shape[1] != w.shape[0]:
        raise ValueError(f"X has {X.shape[1]} columns but w has {w.shape[0]} entries")
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y has {y.shape[0]} labels but X has {X.shape[0]} rows")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must contain only 0 and 1")
    if not np.isfinite(b):
        raise ValueError(f"b must be finite, got {b!r}")
    z = X @ w + b
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


# --8<-- [end:logistic_negative_log_likelihood]


def plot_bernoulli_log_likelihood(heads: int = 7, tails: int = 3) -> Figure:
    """The Bernoulli log-likelihood of p for `heads` ones and `tails` zeros."""
    n = heads + tails
    fig, ax = new_figure(
        f"The Bernoulli log-likelihood of the success probability p for {heads} "
        f"successes in {n} trials: a concave curve that tends to minus infinity at "
        f"p = 0 and p = 1 and peaks at the maximum-likelihood estimate p = "
        f"{heads / n:g}, marked by a dashed vertical line.",
        width=5.6,
        height=3.6,
    )
    p = np.linspace(0.005, 0.995, 397)
    x = np.r_[np.ones(heads), np.zeros(tails)]
    ll = np.array([bernoulli_log_likelihood(x, pi) for pi in p])
    ax.plot(p, ll, color="C0", label=r"$\ell(p)$")
    ax.axvline(bernoulli_mle(x), color="C1", linestyle="--", label=r"$\hat{p} = k/n$")
    ax.set_ylim(ll.max() - 15, ll.max() + 1)
    ax.set_xlabel("$p$")
    ax.set_ylabel("log-likelihood")
    ax.set_title(f"{heads} successes in {n} trials")
    ax.legend(loc="lower center")
    return fig


def plot_beta_updates(
    prior: tuple[float, float] = (2.0, 2.0),
    batches: tuple[tuple[int, int], ...] = ((3, 1), (5, 5), (30, 15)),
) -> Figure:
    """A Beta prior and the posteriors after successive batches of (heads, tails)."""
    fig, ax = new_figure(
        f"Densities of the coin's bias: the Beta{prior} prior, a wide hump centered at "
        "0.5, and the posteriors after each new batch of flips. Each posterior is "
        "narrower than the one before and moves toward the observed fraction of "
        "heads.",
        width=5.6,
        height=3.6,
    )
    p = np.linspace(0, 1, 401)
    a, b = prior
    ax.plot(p, stats.beta.pdf(p, a, b), color="C0", linestyle="--", label="prior")
    total_heads = total_tails = 0
    for i, (h, t) in enumerate(batches, start=1):
        a, b = beta_binomial_update(a, b, h, t)
        total_heads, total_tails = total_heads + h, total_tails + t
        ax.plot(
            p,
            stats.beta.pdf(p, a, b),
            color=f"C{i}",
            label=f"after {total_heads} heads, {total_tails} tails",
        )
    ax.set_xlabel("bias $\\theta$ (probability of heads)")
    ax.set_ylabel("density")
    ax.set_title("Beta–Binomial updating")
    ax.legend(loc="upper left")
    return fig


def plot_variance_estimators(
    n: int = 5, reps: int = 20_000, var: float = 1.0, seed: int = 0
) -> Figure:
    """Histograms of the 1/n and 1/(n-1) variance estimates with their means."""
    fig, ax = new_figure(
        f"Histograms of two variance estimates over {reps} Gaussian samples of size "
        f"{n} with true variance {var:g}. The estimate that divides by n has its "
        "mean (dashed line) below the true variance (solid black line), a bias of "
        "-1/n of it; the estimate that divides by n - 1 is centered on the truth but "
        "more spread out.",
        width=5.6,
        height=3.6,
    )
    x = np.random.default_rng(seed).normal(0.0, np.sqrt(var), size=(reps, n))
    bins = np.linspace(0, 4 * var, 61)
    for ddof, color in ((0, "C0"), (1, "C1")):
        v = x.var(axis=1, ddof=ddof)
        label = "divide by $n$" if ddof == 0 else "divide by $n-1$"
        ax.hist(v, bins=bins, density=True, alpha=0.5, color=color, label=label)
        ax.axvline(v.mean(), color=color, linestyle="--")
    ax.axvline(var, color="black", linewidth=1.2, label=r"true $\sigma^2$")
    ax.set_xlabel("estimate of $\\sigma^2$")
    ax.set_ylabel("density")
    ax.set_title(f"Variance estimators, $n = {n}$")
    ax.legend(loc="upper right")
    return fig
