"""The Hessian: second partial derivatives, the second-order test, the quadratic
(second-order Taylor) approximation, and curvature along a direction.

Page: docs/multivariable-calculus/hessian.md
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure
from scipy.optimize import root

from snippets.checks import as_array
from snippets.multivariable_calculus.gradients import check_callable_and_step
from snippets.plotting import new_figure


# --8<-- [start:numerical_hessian]
def numerical_hessian(
    f: Callable[[np.ndarray], float], x: ArrayLike, h: float = 1e-4
) -> np.ndarray:
    """Return the (n, n) Hessian H_ij = d^2 f / dx_i dx_j at x by central differences.

    Each entry uses four evaluations of f at x +- h e_i +- h e_j; only the upper
    triangle is computed, the lower one is its mirror (the Hessian is symmetric).

    Examples
    --------
    >>> f = lambda v: v[0] ** 2 * v[1]  # Hessian [[2 x_1, 2 x_0], [2 x_0, 0]]
    >>> numerical_hessian(f, [1.0, 3.0]).round(6)
    array([[6., 2.],
           [2., 0.]])
    """
    h = check_callable_and_step(f, h)
    x = as_array(x, "x", ndim=1)
    E = h * np.eye(x.size)
    rows, cols = np.triu_indices(x.size)
    # The loop runs over evaluations of f (four per entry), not over array entries.
    second = np.array(
        [
            f(x + E[i] + E[j])
            - f(x + E[i] - E[j])
            - f(x - E[i] + E[j])
            + f(x - E[i] - E[j])
            for i, j in zip(rows, cols, strict=True)
        ]
    )
    if second.shape != rows.shape:
        raise ValueError("f must return a scalar")
    if not np.isfinite(second).all():
        raise ValueError("f returned a non-finite value near x")
    H = np.zeros((x.size, x.size))
    H[rows, cols] = second / (4 * h * h)
    H[cols, rows] = H[rows, cols]
    return H


# --8<-- [end:numerical_hessian]


# --8<-- [start:second_order_test]
def second_order_test(H: ArrayLike, tol: float = 1e-6) -> str:
    """Classify a critical point from the eigenvalues of its (symmetric) Hessian.

    Returns "minimum" (all eigenvalues > 0), "maximum" (all < 0), "saddle" (both
    signs) or "inconclusive" (an eigenvalue is zero). Eigenvalues with |lambda| <= tol
    count as zero: a finite-difference Hessian is only accurate to about 1e-7.

    Examples
    --------
    >>> second_order_test([[2.0, 0.0], [0.0, -2.0]])  # f = x^2 - y^2 at (0, 0)
    'saddle'
    """
    H = as_array(H, "H", symmetric=True)
    if isinstance(tol, bool) or not isinstance(tol, (int, float)):
        raise ValueError(f"tol must be a non-negative number, got {tol!r}")
    if not (np.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a non-negative number, got {tol!r}")
    lam = np.linalg.eigvalsh(H)  # real, because H is symmetric
    if np.all(lam > tol):
        return "minimum"
    if np.all(lam < -tol):
        return "maximum"
    if lam.min() < -tol and lam.max() > tol:
        return "saddle"
    return "inconclusive"


# --8<-- [end:second_order_test]


# --8<-- [start:quadratic_approximation]
def quadratic_approximation(
    x: ArrayLike, x0: ArrayLike, f0: float, grad: ArrayLike, H: ArrayLike
) -> np.ndarray | float:
    """Return f0 + g^T d + d^T H d / 2 with d = x - x0: the second-order Taylor model.

    x is one point (n,) or a batch of points (k, n), one per row.

    Examples
    --------
    >>> quadratic_approximation([1.0, 1.0], [0.0, 0.0], 1.0, [1.0, 0.0], np.eye(2))
    3.0
    """
    x = as_array(x, "x")
    x0 = as_array(x0, "x0", ndim=1)
    g = as_array(grad, "grad", ndim=1)
    H = as_array(H, "H", symmetric=True)
    f0 = float(as_array(f0, "f0", ndim=0))
    n = x0.size
    if g.size != n or H.shape[0] != n or x.ndim > 2 or x.shape[-1] != n:
        raise ValueError(
            f"x0 has {n} entries, so grad must be ({n},), H ({n}, {n}) and x "
            f"({n},) or (k, {n}); got grad {g.shape}, H {H.shape}, x {x.shape}"
        )
    d = x - x0
    out = f0 + d @ g + 0.5 * np.einsum("...i,ij,...j->...", d, H, d)
    return float(out) if np.ndim(out) == 0 else out


# --8<-- [end:quadratic_approximation]


# --8<-- [start:curvature_along]
def curvature_along(H: ArrayLike, u: ArrayLike) -> float:
    """Return the curvature u^T H u / u^T u of f along the direction u.

    It always lies between the smallest and the largest eigenvalue of H.

    Examples
    --------
    >>> curvature_along([[1.0, 0.0], [0.0, 100.0]], [0.0, 1.0])
    100.0
    """
    H = as_array(H, "H", symmetric=True)
    u = as_array(u, "u", ndim=1)
    if u.size != H.shape[0]:
        raise ValueError(f"u has {u.size} entries but H is {H.shape[0]}x{H.shape[0]}")
    uu = u @ u
    if uu == 0:
        raise ValueError("u must be a non-zero direction")
    return float(u @ H @ u / uu)


# --8<-- [end:curvature_along]


def four_wells(x: ArrayLike) -> np.ndarray | float:
    """The loss surface f(x) = (x_0^2 - 1)^2 + (x_1^2 - 1)^2 over the last axis of x.

    Four minima at (+-1, +-1), a maximum at the origin, four saddles in between.
    """
    x = as_array(x, "x")
    if x.shape[-1] != 2:
        raise ValueError(f"x must have 2 coordinates in its last axis, got {x.shape}")
    out = (x[..., 0] ** 2 - 1) ** 2 + (x[..., 1] ** 2 - 1) ** 2
    return float(out) if out.ndim == 0 else out


def four_wells_gradient(x: ArrayLike) -> np.ndarray:
    """The analytic gradient (4 x_0 (x_0^2 - 1), 4 x_1 (x_1^2 - 1)) of four_wells."""
    x = as_array(x, "x")
    if x.shape[-1] != 2:
        raise ValueError(f"x must have 2 coordinates in its last axis, got {x.shape}")
    return 4 * x * (x**2 - 1)


def find_critical_points(
    grad: Callable[[np.ndarray], np.ndarray],
    box: tuple[float, float] = (-1.6, 1.6),
    n_starts: int = 7,
) -> np.ndarray:
    """Solve grad(x) = 0 (scipy.optimize.root) from a grid of starts in a 2-D box.

    Returns the distinct solutions inside the box, rounded to 8 digits, sorted.
    """
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {type(grad).__name__}")
    lo, hi = (float(v) for v in as_array(box, "box", ndim=1))
    if len(box) != 2 or not lo < hi:
        raise ValueError(f"box must be (low, high) with low < high, got {box!r}")
    if isinstance(n_starts, bool) or not isinstance(n_starts, int) or n_starts < 1:
        raise ValueError(f"n_starts must be a positive integer, got {n_starts!r}")
    s = np.linspace(lo, hi, n_starts)
    found = []
    for start in np.stack(np.meshgrid(s, s), axis=-1).reshape(-1, 2):
        sol = root(grad, start, tol=1e-12)
        if sol.success and np.all((sol.x >= lo) & (sol.x <= hi)):
            found.append(np.round(sol.x, 8) + 0.0)  # + 0.0 turns -0.0 into 0.0
    if not found:
        return np.empty((0, 2))
    return np.unique(np.array(found), axis=0)


def classify_critical_points(
    f: Callable[[np.ndarray], Any], points: ArrayLike
) -> list[tuple[str, np.ndarray]]:
    """Return (second-order test, Hessian eigenvalues) for each row of points."""
    check_callable_and_step(f, 1e-4)
    pts = as_array(points, "points", ndim=2)
    out = []
    for p in pts:
        H = numerical_hessian(f, p)
        out.append((second_order_test(H), np.linalg.eigvalsh(H)))
    return out


def plot_critical_points() -> Figure:
    """Contours of the four-well loss, its negative gradient field and its critical
    points marked by the second-order test."""
    fig, ax = new_figure(
        "Contour plot of the loss (x1^2 - 1)^2 + (x2^2 - 1)^2 with arrows of the "
        "negative gradient, the direction gradient descent moves. Arrows flow into "
        "four minima at (±1, ±1), marked with circles, and away from the maximum at "
        "the origin, marked with a triangle. Four saddle points, marked with crosses, "
        "sit between neighboring minima: arrows arrive along one axis and leave along "
        "the other.",
        width=5.2,
        height=4.8,
    )
    t = np.linspace(-1.7, 1.7, 241)
    XX, YY = np.meshgrid(t, t)
    Z = four_wells(np.stack([XX, YY], axis=-1))
    ax.contour(
        XX, YY, Z, levels=np.geomspace(0.02, 7, 14), cmap="viridis", linewidths=0.9
    )
    s = np.linspace(-1.6, 1.6, 17)
    AX, AY = np.meshgrid(s, s)
    G = -four_wells_gradient(np.stack([AX, AY], axis=-1))
    norm = np.hypot(G[..., 0], G[..., 1]) + 1e-12
    # Arrows of equal length show the direction; the contours show the steepness.
    ax.quiver(AX, AY, G[..., 0] / norm, G[..., 1] / norm, color="#777777", width=0.003)
    points = find_critical_points(four_wells_gradient)
    styles = {
        "minimum": ("o", "#0072B2"),
        "maximum": ("^", "#D55E00"),
        "saddle": ("X", "#009E73"),
        "inconclusive": ("s", "#000000"),
    }
    kinds = [kind for kind, _ in classify_critical_points(four_wells, points)]
    for kind, (marker, color) in styles.items():
        chosen = points[[k == kind for k in kinds]]
        if chosen.size:
            ax.plot(
                chosen[:, 0],
                chosen[:, 1],
                marker,
                color=color,
                ms=10,
                ls="none",
                label=kind,
            )
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(r"Loss, $-\nabla f$ and the critical points")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3)
    return fig
