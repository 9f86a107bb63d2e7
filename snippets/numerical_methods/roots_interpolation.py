"""Root finding (bisection, Newton) and interpolation (polynomials, Chebyshev, splines).

Page: docs/numerical-methods/roots-interpolation.md. The root finders return the root
and the iterates, and raise RuntimeError when they do not converge in max_iter steps.
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import solve_banded

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.calculus.integrals import check_interval
from snippets.calculus.limits_derivatives import (
    check_count,
    check_function,
    check_positive,
)
from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:bisection]
def bisection(
    f: Callable[[float], Any],
    a: float,
    b: float,
    tol: float = 1e-12,
    max_iter: int = 200,
) -> tuple[float, np.ndarray]:
    """Return a root of f in [a, b] and the midpoints tried, halving the bracket.

    f(a) and f(b) must have opposite signs; then f (if continuous) has a root in
    between, and keeping the half where the sign changes never loses it. Stops
    when the bracket is shorter than 2 tol: after about log2((b - a) / tol) steps.

    Examples
    --------
    >>> root, mids = bisection(lambda x: x**2 - 2, 0.0, 2.0)
    >>> round(root, 12), len(mids)
    (1.414213562372, 41)
    """
    check_function(f)
    a, b = check_interval(a, b)
    tol = check_positive(tol, "tol")
    max_iter = check_count(max_iter, "max_iter")
    fa = float(as_array(f(a), "f(a)", ndim=0))
    fb = float(as_array(f(b), "f(b)", ndim=0))
    if fa == 0 or fb == 0:
        return (a if fa == 0 else b), np.array([])
    if np.sign(fa) == np.sign(fb):
        raise ValueError(
            f"[a, b] = [{a}, {b}] does not bracket a root: f(a) = {fa:.3g} and "
            f"f(b) = {fb:.3g} have the same sign"
        )
    mids = []
    for _ in range(max_iter):
        m = a + (b - a) / 2  # the midpoint, written so that it stays inside [a, b]
        mids.append(m)
        fm = float(as_array(f(m), "f(m)", ndim=0))
        if fm == 0 or (b - a) / 2 <= tol:
            return m, np.array(mids)
        if np.sign(fm) == np.sign(fa):
            a, fa = m, fm  # the sign change is in [m, b]
        else:
            b = m  # the sign change is in [a, m]
    raise RuntimeError(
        f"bisection did not converge in max_iter={max_iter} steps "
        f"(bracket width {b - a:.2e} > 2 tol); raise max_iter or tol"
    )


# --8<-- [end:bisection]


# --8<-- [start:newton]
def newton(
    f: Callable[[float], Any],
    df: Callable[[float], Any],
    x0: float,
    tol: float = 1e-12,
    max_iter: int = 50,
) -> tuple[float, np.ndarray]:
    """Return a root of f near x0 by Newton's method, and all the iterates.

    x <- x - f(x) / f'(x): follow the tangent line to zero. Near a simple root the
    number of correct digits doubles every step (quadratic convergence). Stops
    when the step is at most tol * max(1, |x|). Raises RuntimeError if f'(x) = 0,
    an iterate is not finite, or max_iter steps are not enough.

    Examples
    --------
    >>> root, xs = newton(lambda x: x**2 - 2, lambda x: 2 * x, 1.0)
    >>> root, len(xs)
    (1.4142135623730951, 7)
    """
    check_function(f)
    check_function(df, "df")
    x = float(as_array(x0, "x0", ndim=0))
    tol = check_positive(tol, "tol")
    max_iter = check_count(max_iter, "max_iter")
    iterates = [x]
    for k in range(max_iter):
        fx = float(as_array(f(x), "f(x)", ndim=0))
        dfx = float(as_array(df(x), "df(x)", ndim=0))
        if dfx == 0:
            raise RuntimeError(
                f"f'(x) = 0 at iterate {k} (x = {x:.6g}): no Newton step"
            )
        step = fx / dfx
        x = x - step
        iterates.append(x)
        if not np.isfinite(x):
            raise RuntimeError(f"Newton's method diverged at iterate {k + 1}")
        if abs(step) <= tol * max(1.0, abs(x)):
            return x, np.array(iterates)
    raise RuntimeError(
        f"Newton's method did not converge in max_iter={max_iter} steps "
        f"(last step {abs(step):.2e}); start closer to the root or use bisection"
    )


# --8<-- [end:newton]


# --8<-- [start:convergence_orders]
def convergence_orders(errors: ArrayLike) -> np.ndarray:
    """Return q_k = log(e_(k+1) / e_k) / log(e_k / e_(k-1)) for a sequence of errors.

    If e_(k+1) ~ C e_k^q, the estimates approach the order q: 1 for errors that shrink
    by a steady factor (Newton at a double root), 2 for quadratic convergence (Newton
    at a simple root). Bisection's errors are not monotone; their estimates have no
    limit (only bisection's error bound gives exactly 1).

    Examples
    --------
    >>> convergence_orders([1e-1, 1e-2, 1e-4, 1e-8])
    array([2., 2.])
    """
    e = as_array(errors, "errors", ndim=1)
    if e.size < 3 or np.any(e <= 0):
        raise ValueError("errors must hold at least 3 positive numbers")
    ratios = np.log(e[1:] / e[:-1])
    if np.any(ratios[:-1] == 0):
        raise ValueError("errors must change from one step to the next")
    return ratios[1:] / ratios[:-1]


# --8<-- [end:convergence_orders]


# --8<-- [start:check_nodes]
def check_nodes(nodes: ArrayLike, values: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return nodes and values (n,) as arrays, with distinct nodes, or raise.

    Examples
    --------
    >>> check_nodes([0.0, 1.0], [1.0, 3.0])[1]
    array([1., 3.])
    """
    x = as_array(nodes, "nodes", ndim=1)
    y = as_array(values, "values", ndim=1)
    if x.size != y.size:
        raise ValueError(
            f"nodes and values must have the same length, got {x.size} and {y.size}"
        )
    if np.unique(x).size != x.size:
        raise ValueError("nodes must be distinct")
    return x, y


# --8<-- [end:check_nodes]


# --8<-- [start:barycentric_interpolate]
def barycentric_interpolate(
    nodes: ArrayLike, values: ArrayLike, x: ArrayLike
) -> np.ndarray:
    """Evaluate the polynomial through (nodes, values) at x by the barycentric formula.

    Weights w_j = 1 / prod_(k != j) (x_j - x_k); then
    p(x) = sum_j w_j f_j / (x - x_j) / sum_j w_j / (x - x_j). O(n) per point and
    numerically stable, unlike solving a Vandermonde system for the coefficients.

    Examples
    --------
    >>> barycentric_interpolate([0.0, 1.0, 2.0], [1.0, 2.0, 5.0], [1.5, 3.0])  # 1 + x^2
    array([ 3.25, 10.  ])
    """
    xj, fj = check_nodes(nodes, values)
    x = as_array(x, "x")
    diff = xj[:, None] - xj[None, :]
    np.fill_diagonal(diff, 1.0)
    scale = 4.0 / (xj.max() - xj.min()) if xj.size > 1 else 1.0  # avoids overflow
    w = 1.0 / np.prod(diff * scale, axis=1)
    d = x.reshape(-1)[:, None] - xj[None, :]
    exact = d == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        c = w / d
        p = (c @ fj) / c.sum(axis=1)
    hit = exact.any(axis=1)  # x equal to a node: return the data value
    p[hit] = fj[exact[hit].argmax(axis=1)]
    return p.reshape(x.shape)


# --8<-- [end:barycentric_interpolate]


# --8<-- [start:chebyshev_nodes]
def chebyshev_nodes(n: int, a: float = -1.0, b: float = 1.0) -> np.ndarray:
    """Return the n Chebyshev points of [a, b], cos((2j + 1) pi / 2n) mapped, sorted.

    They crowd toward the ends of the interval, which keeps the interpolation
    error small everywhere (no Runge phenomenon for smooth functions).

    Examples
    --------
    >>> chebyshev_nodes(3).round(6)
    array([-0.866025,  0.      ,  0.866025])
    """
    n = check_count(n, "n")
    a, b = check_interval(a, b)
    t = np.cos((2 * np.arange(n) + 1) * np.pi / (2 * n))[::-1]  # ascending in [-1, 1]
    return (a + b) / 2 + (b - a) / 2 * t


# --8<-- [end:chebyshev_nodes]


# --8<-- [start:natural_cubic_spline]
def natural_cubic_spline(
    x: ArrayLike, y: ArrayLike
) -> Callable[[ArrayLike], np.ndarray]:
    """Return the natural cubic spline through (x, y) as a function.

    On each interval the spline is a cubic; value, slope and curvature match at
    every knot, and the curvature is 0 at both ends ("natural"). The knot
    curvatures M_i solve one tridiagonal system: O(n) work.

    Examples
    --------
    >>> s = natural_cubic_spline([0.0, 1.0, 2.0], [0.0, 1.0, 0.0])
    >>> s([0.5, 1.0])
    array([0.6875, 1.    ])
    """
    xk, yk = check_nodes(x, y)
    if xk.size < 3 or np.any(np.diff(xk) <= 0):
        raise ValueError("x must hold at least 3 strictly increasing knots")
    h = np.diff(xk)
    n = xk.size
    # Rows i = 1..n-2: h_(i-1) M_(i-1) + 2 (h_(i-1) + h_i) M_i + h_i M_(i+1) = rhs_i
    rhs = 6 * (np.diff(yk[1:]) / h[1:] - np.diff(yk[:-1]) / h[:-1])
    bands = np.zeros((3, n - 2))
    bands[0, 1:] = h[1:-1]  # superdiagonal
    bands[1] = 2 * (h[:-1] + h[1:])  # diagonal
    bands[2, :-1] = h[1:-1]  # subdiagonal
    M = np.zeros(n)
    M[1:-1] = solve_banded((1, 1), bands, rhs)

    def spline(t: ArrayLike) -> np.ndarray:
        t = as_array(t, "t")
        i = np.clip(np.searchsorted(xk, t) - 1, 0, n - 2)  # interval of each t
        hi, left, right = h[i], t - xk[i], xk[i + 1] - t
        return (
            M[i] * right**3 / (6 * hi)
            + M[i + 1] * left**3 / (6 * hi)
            + (yk[i] / hi - M[i] * hi / 6) * right
            + (yk[i + 1] / hi - M[i + 1] * hi / 6) * left
        )

    return spline


# --8<-- [end:natural_cubic_spline]


def runge(x: ArrayLike) -> np.ndarray:
    """Runge's function 1 / (1 + 25 x^2) on [-1, 1]."""
    x = np.asarray(x, dtype=float)
    return 1.0 / (1.0 + 25.0 * x**2)


def interpolation_error(nodes: ArrayLike, n_test: int = 2001) -> float:
    """Max |runge - p| on [-1, 1] for the polynomial interpolating runge at nodes."""
    t = np.linspace(-1.0, 1.0, n_test)
    nodes = as_array(nodes, "nodes", ndim=1)
    return float(
        np.abs(barycentric_interpolate(nodes, runge(nodes), t) - runge(t)).max()
    )


def plot_runge(n: int = 15) -> Figure:
    """Draw Runge's function and its interpolants on equispaced and Chebyshev nodes."""
    fig, ax = new_figure(
        "Runge's function 1 / (1 + 25 x^2) on [-1, 1] (black) with its degree-14 "
        "interpolating polynomials. Through 15 equally spaced points the polynomial "
        "swings wildly near both ends, reaching values above 7; through 15 Chebyshev "
        "points, crowded toward the ends, it follows the function closely everywhere.",
        width=6.2,
        height=4.2,
    )
    t = np.linspace(-1.0, 1.0, 1001)
    ax.plot(t, runge(t), color="black", label="$1/(1 + 25x^2)$")
    for nodes, label in (
        (np.linspace(-1.0, 1.0, n), f"{n} equispaced nodes"),
        (chebyshev_nodes(n), f"{n} Chebyshev nodes"),
    ):
        (line,) = ax.plot(
            t, barycentric_interpolate(nodes, runge(nodes), t), label=label
        )
        ax.plot(nodes, runge(nodes), "o", color=line.get_color(), markersize=4)
    ax.set_ylim(-1.5, 2.0)
    ax.set_xlabel("$x$")
    ax.set_title("Runge's phenomenon and its cure")
    ax.legend(loc="upper center", fontsize=8)
    return fig


def plot_root_convergence() -> Figure:
    """Draw the error of bisection and Newton against the iteration for x^2 = 2."""
    fig, ax = new_figure(
        "Semi-log plot of the error of the iterates when solving x^2 = 2. Bisection "
        "on [0, 2] has errors that zigzag up and down below a dashed straight line, "
        "its error bound 2 / 2^k, which halves at every step and reaches 1e-12 after "
        "about 40 steps; Newton from x0 = 1 has an error that squares at every step, "
        "a curve that plunges from 0.4 to 1e-16 in 5 steps.",
        width=6.0,
        height=4.0,
    )
    root = np.sqrt(2.0)
    _, mids = bisection(lambda x: x * x - 2.0, 0.0, 2.0)
    _, xs = newton(lambda x: x * x - 2.0, lambda x: 2.0 * x, 1.0)
    floor = 1e-17  # draw exact zeros on the log axis
    ax.semilogy(
        np.arange(1, mids.size + 1),
        np.maximum(np.abs(mids - root), floor),
        "o-",
        markersize=3,
        label="bisection",
    )
    k = np.arange(1, mids.size + 1)
    ax.semilogy(k, 2.0 / 2.0**k, "--", color="0.5", label="bisection bound $2/2^k$")
    ax.semilogy(
        np.arange(xs.size), np.maximum(np.abs(xs - root), floor), "s-", label="Newton"
    )
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$|x_k - \sqrt{2}|$")
    ax.set_title("Linear against quadratic convergence")
    ax.legend(loc="upper right")
    return fig


def plot_spline(n: int = 11) -> Figure:
    """Draw the natural cubic spline through n equispaced samples of runge."""
    fig, ax = new_figure(
        "Runge's function (black) and the natural cubic spline through 11 equally "
        "spaced samples of it (dots). Unlike the degree-10 polynomial through the same "
        "points, the spline has no oscillations near the ends and stays within a few "
        "hundredths of the function.",
        width=6.2,
        height=4.0,
    )
    t = np.linspace(-1.0, 1.0, 1001)
    x = np.linspace(-1.0, 1.0, n)
    ax.plot(t, runge(t), color="black", label="$1/(1 + 25x^2)$")
    (line,) = ax.plot(
        t, natural_cubic_spline(x, runge(x))(t), label="natural cubic spline"
    )
    ax.plot(x, runge(x), "o", color=line.get_color(), markersize=4)
    ax.plot(
        t,
        barycentric_interpolate(x, runge(x), t),
        ":",
        label=f"degree-{n - 1} polynomial",
    )
    ax.set_ylim(-0.5, 1.5)
    ax.set_xlabel("$x$")
    ax.set_title("A spline through equispaced points")
    ax.legend(loc="upper right", fontsize=8)
    return fig
