"""Objective functions, local and global minima, first- and second-order conditions.

Page: docs/optimization/optimality.md. The test objectives here (Rosenbrock, a
quadratic, a tilted double well) are used throughout the optimization area.
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import LinAlgError, cho_factor, cho_solve

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:rosenbrock]
def rosenbrock(x: ArrayLike, a: float = 1.0, b: float = 100.0) -> float:
    """Return the Rosenbrock function sum_i b (x_{i+1} - x_i^2)^2 + (a - x_i)^2.

    For b > 0 its minimum is 0 at (a, a^2) when x has 2 entries. With 3 or more, the
    value 0 is reached only if a is 0 or 1, at (a, ..., a); for a = 1 that is
    (1, 1, ..., 1). For other a the minimum is positive.

    Examples
    --------
    >>> rosenbrock([1.0, 1.0]), rosenbrock([-1.2, 1.0])
    (0.0, 24.2)
    """
    x = as_array(x, "x", ndim=1)
    if x.size < 2:
        raise ValueError(f"x must have at least 2 entries, got {x.size}")
    head, tail = x[:-1], x[1:]
    return float(np.sum(b * (tail - head**2) ** 2 + (a - head) ** 2))


# --8<-- [end:rosenbrock]


# --8<-- [start:rosenbrock_gradient]
def rosenbrock_gradient(x: ArrayLike, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """Return the gradient of :func:`rosenbrock` (a vector like x).

    Examples
    --------
    >>> rosenbrock_gradient([1.0, 1.0])
    array([0., 0.])
    """
    x = as_array(x, "x", ndim=1)
    if x.size < 2:
        raise ValueError(f"x must have at least 2 entries, got {x.size}")
    head, tail = x[:-1], x[1:]
    r = tail - head**2  # the "valley" residuals
    g = np.zeros_like(x)
    g[:-1] += -4 * b * head * r - 2 * (a - head)  # x_i as the first variable of term i
    g[1:] += 2 * b * r  # x_{i+1} as the second variable of term i
    return g


# --8<-- [end:rosenbrock_gradient]


# --8<-- [start:rosenbrock_hessian]
def rosenbrock_hessian(x: ArrayLike, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """Return the (tridiagonal) Hessian matrix of :func:`rosenbrock`.

    Examples
    --------
    >>> rosenbrock_hessian([1.0, 1.0])
    array([[ 802., -400.],
           [-400.,  200.]])
    """
    x = as_array(x, "x", ndim=1)
    if x.size < 2:
        raise ValueError(f"x must have at least 2 entries, got {x.size}")
    head, tail = x[:-1], x[1:]
    diag = np.zeros_like(x)
    diag[:-1] += 12 * b * head**2 - 4 * b * tail + 2
    diag[1:] += 2 * b
    off = -4 * b * head  # d^2 f / dx_i dx_{i+1}
    return np.diag(diag) + np.diag(off, 1) + np.diag(off, -1)


# --8<-- [end:rosenbrock_hessian]


# --8<-- [start:quadratic_parts]
def quadratic_parts(
    x: ArrayLike, A: ArrayLike, b: ArrayLike | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return x, A, b of a quadratic as checked arrays of matching sizes (b = 0)."""
    x = as_array(x, "x", ndim=1)
    A = as_array(A, "A", symmetric=True)
    bv = np.zeros_like(x) if b is None else as_array(b, "b", ndim=1)
    if A.shape[0] != x.size or bv.size != x.size:
        raise ValueError(
            f"A must be {x.size}x{x.size} and b of length {x.size} to match x, "
            f"got A {A.shape} and b {bv.shape}"
        )
    return x, A, bv


# --8<-- [end:quadratic_parts]


# --8<-- [start:quadratic]
def quadratic(x: ArrayLike, A: ArrayLike, b: ArrayLike | None = None) -> float:
    """Return f(x) = x^T A x / 2 - b^T x for a symmetric matrix A (b = 0 if omitted).

    Examples
    --------
    >>> quadratic([1.0, 2.0], [[2.0, 0.0], [0.0, 4.0]], [1.0, 1.0])  # 1 + 8 - 3
    6.0
    """
    x, A, bv = quadratic_parts(x, A, b)
    return float(0.5 * x @ A @ x - bv @ x)


# --8<-- [end:quadratic]


# --8<-- [start:quadratic_gradient]
def quadratic_gradient(
    x: ArrayLike, A: ArrayLike, b: ArrayLike | None = None
) -> np.ndarray:
    """Return the gradient A x - b of :func:`quadratic`.

    Examples
    --------
    >>> quadratic_gradient([1.0, 2.0], [[2.0, 0.0], [0.0, 4.0]], [1.0, 1.0])
    array([1., 7.])
    """
    x, A, bv = quadratic_parts(x, A, b)
    return A @ x - bv


# --8<-- [end:quadratic_gradient]


# --8<-- [start:double_well]
def double_well(x: ArrayLike) -> float:
    """Return sum_i (x_i^4 - 3 x_i^2 + x_i): two wells per coordinate, one deeper.

    In one dimension the global minimum is near -1.30 and a local one near 1.13.

    Examples
    --------
    >>> double_well([0.0]), double_well([1.0, -1.0])
    (0.0, -4.0)
    """
    x = as_array(x, "x", ndim=1)
    return float(np.sum(x**4 - 3 * x**2 + x))


# --8<-- [end:double_well]


# --8<-- [start:double_well_gradient]
def double_well_gradient(x: ArrayLike) -> np.ndarray:
    """Return the gradient 4 x^3 - 6 x + 1 (entrywise) of :func:`double_well`.

    Examples
    --------
    >>> double_well_gradient([0.0, 1.0])
    array([ 1., -1.])
    """
    x = as_array(x, "x", ndim=1)
    return 4 * x**3 - 6 * x + 1


# --8<-- [end:double_well_gradient]


# --8<-- [start:grid_minimum]
def grid_minimum(
    f: Callable[[np.ndarray], float],
    lower: ArrayLike,
    upper: ArrayLike,
    num: int = 101,
) -> tuple[np.ndarray, float]:
    """Return the best point and value of f over a grid of num^n points in a box.

    This finds the global minimum up to the grid spacing, at a cost that grows as
    num^n: fine for n = 1 or 2, hopeless for the millions of weights of a network.

    Examples
    --------
    >>> x, fx = grid_minimum(lambda x: float((x[0] - 0.3) ** 2), [-1.0], [1.0], 21)
    >>> x, round(fx, 12)
    (array([0.3]), 0.0)
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    lo = as_array(lower, "lower", ndim=1)
    hi = as_array(upper, "upper", ndim=1)
    if lo.shape != hi.shape or np.any(lo >= hi):
        raise ValueError("lower and upper must have the same length with lower < upper")
    if isinstance(num, bool) or not isinstance(num, int) or num < 2:
        raise ValueError(f"num must be an integer >= 2, got {num!r}")
    axes = [np.linspace(a, b, num) for a, b in zip(lo, hi, strict=True)]
    points = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, lo.size)
    values = np.array([f(p) for p in points], dtype=float)  # num**n evaluations
    if not np.isfinite(values).all():
        raise ValueError("f returned a non-finite value on the grid")
    best = int(np.argmin(values))
    return points[best], float(values[best])


# --8<-- [end:grid_minimum]


# --8<-- [start:quadratic_minimizer]
def quadratic_minimizer(A: ArrayLike, b: ArrayLike) -> np.ndarray:
    """Return the x where the gradient A x - b of x^T A x / 2 - b^T x vanishes.

    The first-order condition turns minimization into the linear system A x = b,
    solved by a Cholesky factorization (never the inverse). A must be positive
    definite, or the stationary point is not a minimum.

    Examples
    --------
    >>> quadratic_minimizer([[2.0, 0.0], [0.0, 4.0]], [2.0, 2.0])
    array([1. , 0.5])
    """
    A = as_array(A, "A", symmetric=True)
    b = as_array(b, "b", ndim=1)
    if b.size != A.shape[0]:
        raise ValueError(f"b must have length {A.shape[0]} to match A, got {b.size}")
    try:
        factor = cho_factor(A)  # Cholesky A = L L^T exists iff A is positive definite
    except LinAlgError:
        raise ValueError("A must be positive definite for a unique minimum") from None
    return cho_solve(factor, b)


# --8<-- [end:quadratic_minimizer]


# --8<-- [start:classify_point]
def classify_point(gradient: ArrayLike, hessian: ArrayLike, tol: float = 1e-8) -> str:
    """Classify a point from its gradient and Hessian by the optimality conditions.

    Returns "not stationary" (gradient norm > tol), "local minimum" (Hessian
    positive definite), "local maximum" (negative definite), "saddle point"
    (eigenvalues of both signs) or "inconclusive" (a zero eigenvalue).

    Examples
    --------
    >>> classify_point([0.0, 0.0], [[2.0, 0.0], [0.0, -1.0]])
    'saddle point'
    """
    g = as_array(gradient, "gradient", ndim=1)
    H = as_array(hessian, "hessian", symmetric=True)
    if H.shape[0] != g.size:
        raise ValueError(f"hessian must be {g.size}x{g.size}, got {H.shape}")
    if not (isinstance(tol, (int, float)) and tol > 0):
        raise ValueError(f"tol must be a positive number, got {tol!r}")
    if np.linalg.norm(g) > tol:
        return "not stationary"  # first-order condition fails
    eig = np.linalg.eigvalsh(H)
    scale = max(1.0, float(np.abs(eig).max()))
    if eig[0] > tol * scale:
        return "local minimum"
    if eig[-1] < -tol * scale:
        return "local maximum"
    if eig[0] < -tol * scale and eig[-1] > tol * scale:
        return "saddle point"
    return "inconclusive"


# --8<-- [end:classify_point]


def plot_local_global() -> Figure:
    """Draw the 1-D double well with its local and global minimum marked."""
    fig, ax = new_figure(
        "The curve f(x) = x^4 - 3x^2 + x on [-2.2, 2.2]: a deep well with the global "
        "minimum near x = -1.30 and a shallower well with a local minimum near "
        "x = 1.13, separated by a local maximum near x = 0.17.",
        width=6.0,
        height=3.6,
    )
    x = np.linspace(-2.2, 2.2, 401)
    ax.plot(x, x**4 - 3 * x**2 + x, label="$f(x) = x^4 - 3x^2 + x$")
    roots = np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)  # f'(x) = 0
    names = ["global minimum", "local maximum", "local minimum"]
    for r, name, marker in zip(roots, names, ["o", "^", "s"], strict=True):
        ax.plot([r], [r**4 - 3 * r**2 + r], marker, markersize=8, label=name)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    ax.set_title("Local and global minima")
    ax.legend(loc="upper center")
    return fig
