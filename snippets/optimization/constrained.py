"""Constrained optimization: Lagrange multipliers, the KKT conditions, linear
programming (the simplex method) and quadratic programming (an interior-point method).

Page: docs/optimization/constrained.md
"""

# --8<-- [start:imports]
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.optimization.gradient_descent import check_max_iter, check_positive
from snippets.plotting import new_figure


# --8<-- [start:equality_qp]
def equality_qp(
    Q: ArrayLike, c: ArrayLike, A: ArrayLike, b: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Minimize x^T Q x / 2 + c^T x subject to A x = b; return (x, lambda).

    The Lagrangian L = f + lambda^T (A x - b) is stationary where
    Q x + c + A^T lambda = 0 and A x = b: one linear system (the KKT system).

    Examples
    --------
    >>> x, lam = equality_qp(np.eye(2), [0.0, 0.0], [[1.0, 1.0]], [1.0])
    >>> x, lam  # the point of the line x1 + x2 = 1 nearest the origin
    (array([0.5, 0.5]), array([-0.5]))
    """
    Q = as_array(Q, "Q", symmetric=True)
    c = as_array(c, "c", ndim=1)
    A = as_array(A, "A", ndim=2)
    b = as_array(b, "b", ndim=1)
    n, m = Q.shape[0], A.shape[0]
    if c.size != n or A.shape[1] != n or b.size != m:
        raise ValueError(
            f"shapes do not match: Q {Q.shape}, c {c.shape}, A {A.shape}, b {b.shape}"
        )
    if np.linalg.matrix_rank(A) < m:
        raise ValueError("A must have full row rank (no redundant constraints)")
    Z = np.linalg.svd(A)[2][m:].T  # a basis of the null space of A
    if Z.size and np.linalg.eigvalsh(Z.T @ Q @ Z)[0] <= 0:
        raise ValueError("Q must be positive definite on the null space of A")
    K = np.block([[Q, A.T], [A, np.zeros((m, m))]])
    sol = np.linalg.solve(K, np.concatenate([-c, b]))
    return sol[:n], sol[n:]


# --8<-- [end:equality_qp]


# --8<-- [start:kkt_residuals]
def kkt_residuals(
    grad_f: ArrayLike,
    g_values: ArrayLike,
    g_jacobian: ArrayLike,
    nu: ArrayLike,
    h_values: ArrayLike | None = None,
    h_jacobian: ArrayLike | None = None,
    lam: ArrayLike | None = None,
) -> dict[str, float]:
    """Return how far a point is from the KKT conditions of
    min f(x) subject to g(x) <= 0 and h(x) = 0, with multipliers nu and lam.

    Each entry is 0 at a KKT point: stationarity |grad f + J_g^T nu + J_h^T lam|,
    primal feasibility max(g+, |h|), dual feasibility max(-nu)+, and
    complementary slackness max |nu_i g_i|.

    Examples
    --------
    >>> # min x^2 s.t. 1 - x <= 0: the solution x = 1 with nu = 2
    >>> kkt_residuals([2.0], [0.0], [[-1.0]], [2.0])
    {'stationarity': 0.0, 'primal feasibility': 0.0, 'dual feasibility': 0.0,
     'complementary slackness': 0.0}
    """
    grad = as_array(grad_f, "grad_f", ndim=1)
    g = as_array(g_values, "g_values", ndim=1)
    Jg = as_array(g_jacobian, "g_jacobian", ndim=2)
    nu = as_array(nu, "nu", ndim=1)
    if Jg.shape != (g.size, grad.size) or nu.size != g.size:
        raise ValueError(
            f"g_jacobian must be {g.size}x{grad.size} and nu of length {g.size}, "
            f"got {Jg.shape} and {nu.shape}"
        )
    station = grad + Jg.T @ nu
    infeasible = float(np.maximum(g, 0).max())
    if h_values is not None or h_jacobian is not None or lam is not None:
        if h_values is None or h_jacobian is None or lam is None:
            raise ValueError("h_values, h_jacobian and lam must be given together")
        h = as_array(h_values, "h_values", ndim=1)
        Jh = as_array(h_jacobian, "h_jacobian", ndim=2)
        lam = as_array(lam, "lam", ndim=1)
        if Jh.shape != (h.size, grad.size) or lam.size != h.size:
            raise ValueError(
                f"h_jacobian must be {h.size}x{grad.size} and lam of length {h.size}"
            )
        station = station + Jh.T @ lam
        infeasible = max(infeasible, float(np.abs(h).max()))
    return {
        "stationarity": float(np.linalg.norm(station)),
        "primal feasibility": infeasible,
        "dual feasibility": float(np.maximum(-nu, 0).max()),
        "complementary slackness": float(np.abs(nu * g).max()),
    }


# --8<-- [end:kkt_residuals]


# --8<-- [start:LPResult]
@dataclass
class LPResult:
    """The outcome of a linear program."""

    x: np.ndarray  # the solution (the last vertex visited if not optimal)
    fun: float  # c^T x
    n_iter: int  # pivots made
    status: str  # "optimal", "unbounded" or "max_iter"


# --8<-- [end:LPResult]


# --8<-- [start:simplex]
def simplex(
    c: ArrayLike, A_ub: ArrayLike, b_ub: ArrayLike, max_iter: int = 1000
) -> LPResult:
    """Minimize c^T x subject to A_ub x <= b_ub and x >= 0, with b_ub >= 0.

    The tableau simplex method walks from vertex to vertex of the feasible
    polytope, starting at x = 0 (feasible because b_ub >= 0), each pivot
    lowering the objective. Bland's rule (smallest index) prevents cycling.

    Examples
    --------
    >>> # maximize x1 + x2 s.t. x1 + 2 x2 <= 4, 3 x1 + x2 <= 6, x >= 0
    >>> res = simplex([-1.0, -1.0], [[1.0, 2.0], [3.0, 1.0]], [4.0, 6.0])
    >>> res.x, res.fun, res.status
    (array([1.6, 1.2]), -2.8, 'optimal')
    """
    c = as_array(c, "c", ndim=1)
    A = as_array(A_ub, "A_ub", ndim=2)
    b = as_array(b_ub, "b_ub", ndim=1)
    m, n = A.shape
    if c.size != n or b.size != m:
        raise ValueError(
            f"shapes do not match: c {c.shape}, A_ub {A.shape}, b_ub {b.shape}"
        )
    if np.any(b < 0):
        raise ValueError("b_ub must be >= 0 so that x = 0 is a feasible start")
    max_iter = check_max_iter(max_iter)
    # Tableau [A I b; c 0 0]: slack variables s = b - A x >= 0 start in the basis.
    T = np.zeros((m + 1, n + m + 1))
    T[:m, :n], T[:m, n : n + m], T[:m, -1] = A, np.eye(m), b
    T[m, :n] = c
    basis = np.arange(n, n + m)
    tol = 1e-10 * max(1.0, float(np.abs(T).max()))
    status = "max_iter"
    for k in range(max_iter + 1):
        negative = np.flatnonzero(T[m, :-1] < -tol)  # reduced costs that improve
        if negative.size == 0:
            status = "optimal"
            break
        if k == max_iter:
            break
        j = negative[0]  # Bland: entering variable of smallest index
        col = T[:m, j]
        rows = np.flatnonzero(col > tol)
        if rows.size == 0:
            status = "unbounded"  # x_j can grow for ever, lowering c^T x
            break
        ratios = T[rows, -1] / col[rows]
        ties = rows[ratios <= ratios.min() + tol]
        i = ties[np.argmin(basis[ties])]  # Bland: leaving variable of smallest index
        T[i] /= T[i, j]  # pivot: make column j a unit vector
        others = np.arange(m + 1) != i
        T[others] -= np.outer(T[others, j], T[i])
        basis[i] = j
    x = np.zeros(n + m)
    x[basis] = T[:m, -1]
    return LPResult(x[:n], float(c @ x[:n]), k, status)


# --8<-- [end:simplex]


# --8<-- [start:QPResult]
@dataclass
class QPResult:
    """The outcome of a quadratic program."""

    x: np.ndarray  # the primal solution
    multipliers: np.ndarray  # one nu_i >= 0 per inequality
    n_iter: int  # interior-point iterations
    converged: bool  # True if every KKT residual fell below tol


# --8<-- [end:QPResult]


# --8<-- [start:step_to_boundary]
def step_to_boundary(v: np.ndarray, dv: np.ndarray) -> float:
    """Return the largest alpha <= 1 with v + alpha dv >= 0 (v > 0 entrywise)."""
    if v.shape != dv.shape or np.any(v <= 0):
        raise ValueError("v must be positive and dv must have the shape of v")
    shrinking = dv < 0
    if not shrinking.any():
        return 1.0
    return min(1.0, float(np.min(-v[shrinking] / dv[shrinking])))


# --8<-- [end:step_to_boundary]


# --8<-- [start:kkt_newton_step]
def kkt_newton_step(
    Q: np.ndarray,
    A: np.ndarray,
    r_dual: np.ndarray,
    r_prim: np.ndarray,
    nu: np.ndarray,
    s: np.ndarray,
    goal: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (dx, dnu, ds): one Newton step on the KKT equations of the QP,
    Q x + c + A^T nu = 0, A x + s = b, and nu_i s_i = goal_i.

    Eliminating ds and dnu leaves (Q + A^T diag(nu/s) A) dx = rhs, a positive
    definite system.
    """
    m = A.shape[0]
    if not (nu.shape == s.shape == r_prim.shape == goal.shape == (m,)):
        raise ValueError("nu, s, r_prim and goal must have one entry per row of A")
    if np.any(nu <= 0) or np.any(s <= 0):
        raise ValueError("nu and s must be positive (strictly inside the feasible set)")
    ratio = nu / s
    w = -r_prim - (goal - nu * s) / nu
    dx = np.linalg.solve(Q + A.T @ (ratio[:, None] * A), -r_dual + A.T @ (w * ratio))
    dnu = (A @ dx - w) * ratio
    ds = (goal - nu * s - s * dnu) / nu
    return dx, dnu, ds


# --8<-- [end:kkt_newton_step]


# --8<-- [start:quadratic_program]
def quadratic_program(
    Q: ArrayLike,
    c: ArrayLike,
    A: ArrayLike,
    b: ArrayLike,
    max_iter: int = 100,
    tol: float = 1e-9,
) -> QPResult:
    """Minimize x^T Q x / 2 + c^T x subject to A x <= b, for Q positive definite.

    A primal-dual interior-point method (Mehrotra's predictor-corrector): with
    slacks s = b - A x >= 0 and multipliers nu >= 0 kept strictly positive, each
    iteration takes Newton steps on the KKT equations in which the
    complementarity nu_i s_i = 0 is relaxed to a target that shrinks to zero.

    Examples
    --------
    >>> # the point of the half-plane x1 + x2 <= -1 nearest (1, 0)
    >>> res = quadratic_program(np.eye(2), [-1.0, 0.0], [[1.0, 1.0]], [-1.0])
    >>> res.x.round(6), res.multipliers.round(6), res.converged
    (array([ 0., -1.]), array([1.]), True)
    """
    Q = as_array(Q, "Q", symmetric=True)
    c = as_array(c, "c", ndim=1)
    A = as_array(A, "A", ndim=2)
    b = as_array(b, "b", ndim=1)
    n, m = c.size, b.size
    if Q.shape[0] != n or A.shape != (m, n):
        raise ValueError(
            f"shapes do not match: Q {Q.shape}, c {c.shape}, A {A.shape}, b {b.shape}"
        )
    if np.linalg.eigvalsh(Q)[0] <= 0:
        raise ValueError("Q must be positive definite")
    tol = check_positive(tol, "tol")
    max_iter = check_max_iter(max_iter)
    x, s, nu = np.zeros(n), np.maximum(np.abs(b), 1.0), np.ones(m)  # s, nu > 0
    done = False
    for k in range(max_iter + 1):
        r_dual = Q @ x + c + A.T @ nu  # stationarity of the Lagrangian
        r_prim = A @ x + s - b  # primal feasibility
        gap = float(nu @ s) / m  # average complementarity nu_i s_i
        done = max(np.abs(r_dual).max(), np.abs(r_prim).max(), gap) <= tol
        if done or k == max_iter or not np.isfinite(nu / s).all():
            break  # (a non-finite nu/s means the problem is infeasible)
        # Predictor: aim straight at nu_i s_i = 0 to see how far we could go.
        _, dnu, ds = kkt_newton_step(Q, A, r_dual, r_prim, nu, s, np.zeros(m))
        a = min(step_to_boundary(nu, dnu), step_to_boundary(s, ds))
        sigma = (float((nu + a * dnu) @ (s + a * ds)) / m / gap) ** 3
        # Corrector: a target sigma * gap (small if the predictor went far),
        # plus the second-order term the linearization dropped.
        goal = sigma * gap - dnu * ds
        dx, dnu, ds = kkt_newton_step(Q, A, r_dual, r_prim, nu, s, goal)
        a = 0.99 * min(step_to_boundary(nu, dnu), step_to_boundary(s, ds))
        x, nu, s = x + a * dx, nu + a * dnu, s + a * ds
    return QPResult(x, nu, k, bool(done))


# --8<-- [end:quadratic_program]


def plot_kkt() -> Figure:
    """Draw min (x1-2)^2 + (x2-1)^2 over the unit disk: at the solution the
    negative gradient of f is a positive multiple of the constraint's gradient."""
    fig, ax = new_figure(
        "Contour circles of f(x) = (x1 - 2)^2 + (x2 - 1)^2 around its unconstrained "
        "minimum (2, 1), the unit disk as the feasible set, and the constrained "
        "minimum (2, 1)/sqrt(5) on the disk's edge. Two arrows leave that point: "
        "minus the gradient of f and the gradient of the constraint, pointing the "
        "same way, as the KKT condition demands.",
        width=5.6,
        height=5.0,
    )
    t = np.linspace(0, 2 * np.pi, 361)
    ax.fill(np.cos(t), np.sin(t), color="#0072B2", alpha=0.15, label="feasible set")
    ax.plot(np.cos(t), np.sin(t), color="#0072B2")
    u = np.linspace(-1.5, 3.0, 181)
    U, V = np.meshgrid(u, u)
    ax.contour(
        U,
        V,
        (U - 2) ** 2 + (V - 1) ** 2,
        levels=[0.1, 0.5, 1.5, 3, 5],
        colors="#999999",
    )
    p = np.array([2.0, 1.0])
    x = p / np.linalg.norm(p)  # the solution; nu = sqrt(5) - 1
    ax.plot(*p, "+", color="black", markersize=12, label="unconstrained minimum")
    ax.plot(*x, "o", color="#D55E00", markersize=8, label="constrained minimum")
    ax.annotate(
        "",
        xy=x + 0.6 * (-2 * (x - p)) / np.linalg.norm(2 * (x - p)),
        xytext=x,
        arrowprops={"arrowstyle": "->", "color": "#009E73", "lw": 2},
    )
    ax.annotate(
        "",
        xy=x + 0.35 * x,
        xytext=x,
        arrowprops={"arrowstyle": "->", "color": "#CC79A7", "lw": 2},
    )
    ax.text(1.0, 0.12, r"$-\nabla f$ and $\nabla g$", fontsize=9)
    ax.set_aspect("equal")
    ax.set_xlim(-1.5, 3.0)
    ax.set_ylim(-1.5, 2.5)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("KKT at the constrained minimum")
    ax.legend(loc="lower right", fontsize=8)
    return fig
