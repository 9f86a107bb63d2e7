"""Multivariate distributions: the multivariate Gaussian (density, sampling through a
Cholesky factor), joint, marginal and conditional distributions.

Page: docs/probability-statistics/multivariate.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike
from scipy import linalg

# --8<-- [end:imports]
# isort: split
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure
from snippets.checks import as_probability


# --8<-- [start:cholesky_factor]
def cholesky_factor(cov: ArrayLike) -> np.ndarray:
    """Return the lower-triangular L with L L^T = cov; cov must be symmetric PD.

    Examples
    --------
    >>> cholesky_factor([[4.0, 2.0], [2.0, 2.0]])
    array([[2., 0.],
           [1., 1.]])
    """
    cov = as_array(cov, "cov", ndim=2, symmetric=True)
    try:
        return np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        raise ValueError(
            "cov must be positive definite (its Cholesky factor failed)"
        ) from None


# --8<-- [end:cholesky_factor]


# --8<-- [start:mvn_logpdf]
def mvn_logpdf(x: ArrayLike, mean: ArrayLike, cov: ArrayLike) -> np.ndarray | float:
    """Return log N(x; mean, cov) for one point x (n,) or for each row of x (m, n).

    log p(x) = -(n log(2 pi) + log det(cov) + d^2) / 2, where d^2 is the squared
    Mahalanobis distance (x - mean)^T cov^-1 (x - mean). With cov = L L^T, both come
    from L: log det(cov) = 2 sum(log L_ii) and d^2 = |z|^2 where L z = x - mean.

    Examples
    --------
    >>> round(mvn_logpdf([0.0, 0.0], [0.0, 0.0], np.eye(2)), 6)  # -log(2 pi)
    -1.837877
    """
    mean = as_array(mean, "mean", ndim=1)
    L = cholesky_factor(cov)
    n = mean.size
    if L.shape[0] != n:
        raise ValueError(f"mean has {n} entries but cov is {L.shape[0]}x{L.shape[0]}")
    x = as_array(x, "x")
    if x.ndim not in (1, 2) or x.shape[-1] != n:
        raise ValueError(f"x must have shape ({n},) or (m, {n}), got {x.shape}")
    diff = np.atleast_2d(x) - mean  # (m, n)
    z = linalg.solve_triangular(L, diff.T, lower=True)  # solve L z = x - mean
    mahalanobis_sq = np.sum(z**2, axis=0)
    log_det = 2.0 * np.sum(np.log(np.diag(L)))
    out = -0.5 * (n * np.log(2 * np.pi) + log_det + mahalanobis_sq)
    return float(out[0]) if x.ndim == 1 else out


# --8<-- [end:mvn_logpdf]


# --8<-- [start:mvn_pdf]
def mvn_pdf(x: ArrayLike, mean: ArrayLike, cov: ArrayLike) -> np.ndarray | float:
    """Return the density N(x; mean, cov) = exp(mvn_logpdf(x, mean, cov)).

    Examples
    --------
    >>> round(mvn_pdf([0.0, 0.0], [0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]]), 6)  # 1/(2 pi)
    0.159155
    """
    out = np.exp(mvn_logpdf(x, mean, cov))
    return float(out) if out.ndim == 0 else out


# --8<-- [end:mvn_pdf]


# --8<-- [start:sample_mvn]
def sample_mvn(
    mean: ArrayLike,
    cov: ArrayLike,
    size: int,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """Return ``size`` draws (rows) of N(mean, cov): x = mean + L z with z ~ N(0, I).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = sample_mvn([0.0, 0.0], [[1.0, 0.9], [0.9, 1.0]], 5, rng)
    >>> x.shape
    (5, 2)
    """
    mean = as_array(mean, "mean", ndim=1)
    L = cholesky_factor(cov)
    n = mean.size
    if L.shape[0] != n:
        raise ValueError(f"mean has {n} entries but cov is {L.shape[0]}x{L.shape[0]}")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be a positive integer, got {size!r}")
    if rng is None:
        rng = np.random.default_rng()
    elif not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy.random.Generator, got {type(rng).__name__}"
        )
    z = rng.standard_normal((size, n))  # independent standard normals
    return mean + z @ L.T  # each row is mean + L z: covariance L I L^T = cov


# --8<-- [end:sample_mvn]


# --8<-- [start:marginals]
def marginals(joint: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return P(X = i) (row sums) and P(Y = j) (column sums) of a joint table.

    joint[i, j] = P(X = i, Y = j); the entries must be >= 0 and sum to 1.

    Examples
    --------
    >>> marginals([[0.1, 0.2], [0.3, 0.4]])
    (array([0.3, 0.7]), array([0.4, 0.6]))
    """
    joint = as_probability(joint, "joint", ndim=2)
    return joint.sum(axis=1), joint.sum(axis=0)


# --8<-- [end:marginals]


# --8<-- [start:conditional_table]
def conditional_table(joint: ArrayLike) -> np.ndarray:
    """Return P(Y = j | X = i) as row i: each row of joint divided by its sum.

    To condition on the column variable instead, pass ``joint.T``.

    Examples
    --------
    >>> conditional_table([[0.1, 0.3], [0.2, 0.4]])
    array([[0.25      , 0.75      ],
           [0.33333333, 0.66666667]])
    """
    joint = as_probability(joint, "joint", ndim=2)
    p_x = joint.sum(axis=1)
    if np.any(p_x == 0):
        raise ValueError(
            f"row {int(np.argmin(p_x))} of joint has probability 0: "
            "conditioning on it is undefined"
        )
    return joint / p_x[:, None]


# --8<-- [end:conditional_table]


# --8<-- [start:check_indices]
def check_indices(indices: ArrayLike, n: int, name: str) -> np.ndarray:
    """Return indices as a 1-D int array of distinct entries in 0..n-1, or raise."""
    idx = np.asarray(indices)
    if idx.ndim != 1 or idx.size == 0 or not np.issubdtype(idx.dtype, np.integer):
        raise ValueError(f"{name} must be a non-empty list of integer indices")
    if idx.min() < 0 or idx.max() >= n or np.unique(idx).size != idx.size:
        raise ValueError(f"{name} must hold distinct indices in 0..{n - 1}, got {idx}")
    return idx


# --8<-- [end:check_indices]


# --8<-- [start:gaussian_marginal]
def gaussian_marginal(
    mean: ArrayLike, cov: ArrayLike, keep: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Return the mean and covariance of the coordinates ``keep`` of N(mean, cov).

    Marginalizing a Gaussian drops the other coordinates: the result is
    N(mean[keep], cov[keep, keep]).

    Examples
    --------
    >>> gaussian_marginal([1.0, 2.0], [[2.0, 0.5], [0.5, 1.0]], [1])
    (array([2.]), array([[1.]]))
    """
    mean = as_array(mean, "mean", ndim=1)
    cov = as_array(cov, "cov", ndim=2, symmetric=True)
    if cov.shape[0] != mean.size:
        raise ValueError(
            f"mean has {mean.size} entries but cov is {cov.shape[0]}x{cov.shape[0]}"
        )
    k = check_indices(keep, mean.size, "keep")
    return mean[k], cov[np.ix_(k, k)]


# --8<-- [end:gaussian_marginal]


# --8<-- [start:gaussian_conditional]
def gaussian_conditional(
    mean: ArrayLike, cov: ArrayLike, given: ArrayLike, values: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Return the mean and covariance of x_a given x_b = values, for x ~ N(mean, cov).

    b = ``given`` (indices), a = the other indices, in increasing order:
    mean_a|b = mean_a + S_ab S_bb^-1 (values - mean_b),
    cov_a|b = S_aa - S_ab S_bb^-1 S_ba (the Schur complement of S_bb).

    Examples
    --------
    >>> gaussian_conditional([0.0, 0.0], [[1.0, 0.8], [0.8, 1.0]], [1], [1.0])
    (array([0.8]), array([[0.36]]))
    """
    mean = as_array(mean, "mean", ndim=1)
    n = mean.size
    if cholesky_factor(cov).shape[0] != n:  # checks that cov is symmetric PD
        raise ValueError(f"mean has {n} entries but cov is not {n}x{n}")
    cov = np.asarray(cov, dtype=float)
    b = check_indices(given, n, "given")
    a = np.setdiff1d(np.arange(n), b)
    if a.size == 0:
        raise ValueError("given must leave at least one coordinate to condition")
    values = as_array(values, "values", ndim=1)
    if values.size != b.size:
        raise ValueError(f"values has {values.size} entries but given has {b.size}")
    S_ab, S_bb = cov[np.ix_(a, b)], cov[np.ix_(b, b)]
    gain = np.linalg.solve(S_bb, S_ab.T).T  # S_ab S_bb^-1 without an inverse
    cond_mean = mean[a] + gain @ (values - mean[b])
    cond_cov = cov[np.ix_(a, a)] - gain @ S_ab.T
    return cond_mean, (cond_cov + cond_cov.T) / 2  # symmetric despite rounding


# --8<-- [end:gaussian_conditional]


def plot_mvn_samples(
    mean: tuple[float, float] = (1.0, 2.0),
    cov: tuple[tuple[float, float], tuple[float, float]] = ((2.0, 1.2), (1.2, 1.0)),
    m: int = 600,
    seed: int = 0,
) -> Figure:
    """Scatter Cholesky samples of a 2-D Gaussian with its 1, 2 and 3 sigma ellipses."""
    fig, ax = new_figure(
        f"{m} samples of a two-dimensional Gaussian with mean {tuple(mean)} and "
        "positively correlated coordinates, drawn through a Cholesky factor. Three "
        "nested tilted ellipses mark the points at Mahalanobis distance 1, 2 and 3 "
        "from the mean; almost all samples fall inside the outer one.",
        width=5.6,
        height=4.6,
    )
    mu = np.asarray(mean, dtype=float)
    x = sample_mvn(mu, cov, m, np.random.default_rng(seed))
    ax.scatter(x[:, 0], x[:, 1], s=5, alpha=0.5, label="samples")
    L = cholesky_factor(cov)
    t = np.linspace(0, 2 * np.pi, 361)
    circle = np.vstack([np.cos(t), np.sin(t)])  # the unit circle in whitened space
    for r in (1, 2, 3):
        ellipse = mu[:, None] + r * L @ circle  # mapped by x = mean + L z
        ax.plot(ellipse[0], ellipse[1], label=f"Mahalanobis distance {r}")
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Samples x = μ + L z and contours of the density")
    ax.legend(loc="upper left", fontsize=8)
    return fig


def plot_gaussian_conditional(value: float = 2.0) -> Figure:
    """Draw a 2-D Gaussian's contours, the slice x2 = value, and p(x1 | x2 = value)."""
    mean = np.array([0.0, 0.0])
    cov = np.array([[1.0, 0.8], [0.8, 1.0]])
    fig, (ax_joint, ax_cond) = new_figure(
        "Left: contour lines of a two-dimensional Gaussian density with correlation "
        f"0.8, and a horizontal line at x2 = {value:g}. Right: the conditional density "
        f"of x1 given x2 = {value:g}, a narrower bell shifted to {0.8 * value:g}, "
        "next to the wider marginal density of x1 centered at 0.",
        ncols=2,
        width=8.4,
        height=3.8,
    )
    g = np.linspace(-3.5, 3.5, 141)
    X1, X2 = np.meshgrid(g, g)
    grid = np.column_stack([X1.ravel(), X2.ravel()])
    dens = np.asarray(mvn_pdf(grid, mean, cov)).reshape(X1.shape)
    # Contours at Mahalanobis distances 0.5, 1, ..., 3 from the mean.
    peak = float(mvn_pdf(mean, mean, cov))
    levels = peak * np.exp(-0.5 * np.arange(3.0, 0.0, -0.5) ** 2)
    ax_joint.contour(X1, X2, dens, levels=levels)
    ax_joint.axhline(value, color="black", linestyle="--", linewidth=1.2)
    ax_joint.set_aspect("equal")
    ax_joint.set_xlabel("$x_1$")
    ax_joint.set_ylabel("$x_2$")
    ax_joint.set_title("joint density p(x1, x2)")
    cond_mean, cond_cov = gaussian_conditional(mean, cov, [1], [value])
    marg_mean, marg_cov = gaussian_marginal(mean, cov, [0])
    x = np.linspace(-3.5, 3.5, 401)[:, None]
    ax_cond.plot(
        x[:, 0], mvn_pdf(x, cond_mean, cond_cov), label=f"p(x1 | x2 = {value:g})"
    )
    ax_cond.plot(
        x[:, 0], mvn_pdf(x, marg_mean, marg_cov), linestyle="--", label="p(x1)"
    )
    ax_cond.set_xlabel("$x_1$")
    ax_cond.set_ylabel("density")
    ax_cond.set_title("conditional vs marginal")
    ax_cond.legend(loc="upper left", fontsize=8)
    return fig
