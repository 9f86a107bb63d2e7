"""Multiple integrals: grid (midpoint) rules over a box, Monte Carlo integration and its
1/sqrt(n) error, the curse of dimensionality, and change of variables (the Jacobian
determinant of normalizing flows).

Page: docs/multivariable-calculus/multiple-integrals.md
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.multivariable_calculus.gradients import check_callable_and_step
from snippets.plotting import new_figure


# --8<-- [start:check_box]
def check_box(
    f: Any, lower: ArrayLike, upper: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Raise unless f is callable and lower < upper in every coordinate; return both.

    Examples
    --------
    >>> check_box(np.sum, [0, 0], [1, 2])
    (array([0., 0.]), array([1., 2.]))
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    lo = as_array(lower, "lower", ndim=1)
    hi = as_array(upper, "upper", ndim=1)
    if lo.shape != hi.shape:
        raise ValueError(
            f"lower and upper must have the same length, got {lo.size} and {hi.size}"
        )
    if np.any(hi <= lo):
        raise ValueError("upper must be greater than lower in every coordinate")
    return lo, hi


# --8<-- [end:check_box]


# --8<-- [start:integrand_values]
def integrand_values(f: Callable[[np.ndarray], Any], points: np.ndarray) -> np.ndarray:
    """Return f at the (N, d) points as an (N,) array; f takes all rows at once.

    Examples
    --------
    >>> integrand_values(lambda p: p.sum(axis=1), np.array([[1.0, 2.0], [3.0, 4.0]]))
    array([3., 7.])
    """
    values = np.asarray(f(points), dtype=float)
    if values.shape != (points.shape[0],):
        raise ValueError(
            f"f must map an (N, d) array of points to N values, "
            f"got shape {values.shape} for N = {points.shape[0]}"
        )
    if not np.isfinite(values).all():
        raise ValueError("f returned a non-finite value inside the box")
    return values


# --8<-- [end:integrand_values]


# --8<-- [start:grid_integral]
def grid_integral(
    f: Callable[[np.ndarray], Any],
    lower: ArrayLike,
    upper: ArrayLike,
    n_per_dim: int = 100,
    max_points: int = 10_000_000,
) -> float:
    """Integrate f over the box [lower, upper] with the midpoint rule on a full grid.

    The grid has n_per_dim ** d points: fine in 1-3 dimensions, impossible beyond.

    Examples
    --------
    >>> grid_integral(lambda p: p[:, 0] * p[:, 1], [0, 0], [1, 2])  # (1/2) * 2
    1.0
    """
    lo, hi = check_box(f, lower, upper)
    if isinstance(n_per_dim, bool) or not isinstance(n_per_dim, (int, np.integer)):
        raise TypeError(f"n_per_dim must be an integer, got {type(n_per_dim).__name__}")
    if n_per_dim < 1:
        raise ValueError(f"n_per_dim must be at least 1, got {n_per_dim}")
    d = lo.size
    if float(n_per_dim) ** d > max_points:
        raise ValueError(
            f"the grid needs n_per_dim ** d = {n_per_dim} ** {d} points, more than "
            f"max_points = {max_points}; use Monte Carlo instead"
        )
    width = (hi - lo) / n_per_dim
    axes = lo[:, None] + width[:, None] * (np.arange(n_per_dim) + 0.5)  # midpoints
    points = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, d)
    return float(np.prod(width) * integrand_values(f, points).sum())


# --8<-- [end:grid_integral]


# --8<-- [start:monte_carlo_integral]
def monte_carlo_integral(
    f: Callable[[np.ndarray], Any],
    lower: ArrayLike,
    upper: ArrayLike,
    n: int = 10_000,
    rng: np.random.Generator | None = None,
) -> tuple[float, float]:
    """Estimate the integral of f over the box [lower, upper] from n uniform points.

    Returns (estimate, standard error); the standard error shrinks like 1/sqrt(n)
    in every dimension.

    Examples
    --------
    >>> est, se = monte_carlo_integral(lambda p: p.sum(axis=1), [0] * 10, [1] * 10,
    ...                                n=100_000, rng=np.random.default_rng(0))
    >>> abs(est - 5.0) < 3 * se  # exact value: 10 * (1/2)
    True
    """
    lo, hi = check_box(f, lower, upper)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be an integer, got {type(n).__name__}")
    if n < 2:
        raise ValueError(
            f"n must be at least 2 (the error estimate needs two), got {n}"
        )
    rng = np.random.default_rng() if rng is None else rng
    points = lo + (hi - lo) * rng.random((n, lo.size))  # uniform in the box
    values = integrand_values(f, points)
    volume = float(np.prod(hi - lo))
    estimate = volume * float(values.mean())
    standard_error = volume * float(values.std(ddof=1)) / float(np.sqrt(n))
    return estimate, standard_error


# --8<-- [end:monte_carlo_integral]


# --8<-- [start:change_of_variables_density]
def change_of_variables_density(
    p_z: Callable[[np.ndarray], Any],
    T_inv: Callable[[np.ndarray], Any],
    x: ArrayLike,
    h: float = 1e-5,
) -> np.ndarray:
    """Return the density of x = T(z) at the (k, d) points x, when z has density p_z:

    p_x(x) = p_z(T_inv(x)) |det J_{T_inv}(x)|, the Jacobian by central differences.

    Examples
    --------
    >>> p_z = lambda z: np.where(np.all((z >= 0) & (z <= 1), axis=1), 1.0, 0.0)
    >>> change_of_variables_density(p_z, lambda x: x / 2, [[1.0, 1.0]])  # x = 2 z
    array([0.25])
    """
    h = check_callable_and_step(p_z, h, name="p_z")
    check_callable_and_step(T_inv, h, name="T_inv")
    x = as_array(x, "x", ndim=2)
    k, d = x.shape
    z = np.asarray(T_inv(x), dtype=float)
    if z.shape != (k, d):
        raise ValueError(f"T_inv must map (k, d) points to (k, d), got {z.shape}")
    E = h * np.eye(d)
    # J[p, i, j] = dz_i / dx_j at point p: one column per coordinate, all points.
    J = np.stack([(T_inv(x + e) - T_inv(x - e)) / (2 * h) for e in E], axis=-1)
    sign, logdet = np.linalg.slogdet(J)  # log |det J|: no overflow for large d
    if np.any(sign == 0) or not np.isfinite(logdet).all():
        raise ValueError("T_inv must be invertible: its Jacobian is singular at some x")
    density = integrand_values(p_z, z)
    if np.any(density < 0):
        raise ValueError("p_z must return non-negative densities")
    return density * np.exp(logdet)


# --8<-- [end:change_of_variables_density]


def _sine_product(points: np.ndarray) -> np.ndarray:
    """The test integrand prod_i (pi/2) sin(pi x_i); its integral over [0, 1]^d is 1."""
    return np.prod(np.pi / 2 * np.sin(np.pi * points), axis=1)


def _error_curves(
    d: int, n_evals: np.ndarray, repeats: int = 5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (grid points, grid error, Monte Carlo RMS error) for sine_product in d-D.

    The grid uses n_per_dim = round(N ** (1/d)), so its point counts are n_per_dim ** d.
    """
    rng = np.random.default_rng(seed)
    per_dim = np.unique(np.maximum(2, np.round(n_evals ** (1 / d)).astype(int)))
    lo, hi = np.zeros(d), np.ones(d)
    grid_n = per_dim.astype(float) ** d
    grid_err = np.array(
        [abs(grid_integral(_sine_product, lo, hi, int(m)) - 1.0) for m in per_dim]
    )
    mc_err = np.array(
        [
            np.sqrt(
                np.mean(
                    [
                        (
                            monte_carlo_integral(_sine_product, lo, hi, int(n), rng)[0]
                            - 1
                        )
                        ** 2
                        for _ in range(repeats)
                    ]
                )
            )
            for n in n_evals
        ]
    )
    return grid_n, grid_err, mc_err


def plot_mc_vs_grid(dims: tuple[int, ...] = (2, 8)) -> Figure:
    """Error against the number of evaluations: midpoint grid vs Monte Carlo."""
    fig, axes = new_figure(
        "Two log-log panels of integration error against the number of function "
        "evaluations, for a product of sines over the unit cube whose exact integral "
        "is 1. In 2 dimensions the midpoint grid (error falling like N^-1) beats Monte "
        "Carlo (falling like N^-1/2). In 8 dimensions the grid error falls only like "
        "N^-1/4 and Monte Carlo, still falling like N^-1/2, is far more accurate. A "
        "dashed line in each panel shows the theoretical Monte Carlo error sigma / "
        "sqrt(N).",
        ncols=len(dims),
        width=4.6 * len(dims),
        height=4.0,
    )
    n_evals = np.geomspace(16, 65536, 9).round()
    for ax, d in zip(np.atleast_1d(axes), dims, strict=True):
        grid_n, grid_err, mc_err = _error_curves(d, n_evals)
        ax.loglog(grid_n, grid_err, "o-", label="midpoint grid")
        ax.loglog(n_evals, mc_err, "s-", label="Monte Carlo (RMS of 5 runs)")
        sigma = np.sqrt((np.pi**2 / 8) ** d - 1)  # std of the integrand, closed form
        ax.loglog(n_evals, sigma / np.sqrt(n_evals), "--", label=r"$\sigma/\sqrt{N}$")
        ax.set_xlabel("function evaluations $N$")
        ax.set_ylabel("absolute error")
        ax.set_title(f"$d = {d}$")
        ax.legend(loc="lower left")
    return fig
