"""Second-order methods: Newton's method, damped Newton with a modified Hessian, and
the quasi-Newton method BFGS.

Page: docs/optimization/newton.md
"""

# --8<-- [start:imports]
from collections.abc import Callable
from dataclasses import dataclass  # noqa: F401  (for OptimizationResult)

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import LinAlgError, cho_factor, cho_solve

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.optimization.gradient_descent import (
    OptimizationResult,
    backtracking_line_search,
    call_checked,
    check_max_iter,
    check_positive,
    gradient_descent_backtracking,
)
from snippets.optimization.optimality import (
    rosenbrock,
    rosenbrock_gradient,
    rosenbrock_hessian,
)
from snippets.plotting import new_figure


# --8<-- [start:newton_method]
def newton_method(
    gradient: Callable[[np.ndarray], ArrayLike],
    hessian: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike,
    max_iter: int = 50,
    tol: float = 1e-8,
) -> OptimizationResult:
    """Minimize by Newton's step x <- x - H(x)^{-1} g(x) until |g(x)| <= tol.

    Each step jumps to the minimum of the quadratic Taylor model at x. The linear
    system H p = -g is solved; the inverse is never formed.

    Examples
    --------
    >>> res = newton_method(lambda x: 4 * x**3, lambda x: np.diag(12 * x**2), [1.0])
    >>> res.path[:4].ravel().round(4)  # f = x^4: each step keeps 2/3 of x
    array([1.    , 0.6667, 0.4444, 0.2963])
    """
    x = as_array(x0, "x0", ndim=1)
    tol = check_positive(tol, "tol")
    max_iter = check_max_iter(max_iter)
    n = x.size
    path = [x]
    for k in range(max_iter + 1):
        g = call_checked(gradient, x, "gradient", x.shape)
        if np.linalg.norm(g) <= tol or k == max_iter:
            break
        H = call_checked(hessian, x, "hessian", (n, n))
        try:
            p = np.linalg.solve(H, -g)  # the Newton direction
        except np.linalg.LinAlgError:
            raise ValueError(f"hessian(x) is singular at x = {x}") from None
        x = x + p
        path.append(x)
    converged = bool(np.linalg.norm(g) <= tol)
    return OptimizationResult(x, len(path) - 1, converged, np.array(path))


# --8<-- [end:newton_method]


# --8<-- [start:damped_newton]
def damped_newton(
    f: Callable[[np.ndarray], float],
    gradient: Callable[[np.ndarray], ArrayLike],
    hessian: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> OptimizationResult:
    """Newton's method made safe far from a minimum: modified Hessian, line search.

    Where H is not positive definite, H + tau I is used with tau doubled until a
    Cholesky factorization succeeds (Nocedal and Wright, Algorithm 3.3), so the step
    always goes downhill; backtracking then picks its length.

    Examples
    --------
    >>> f = lambda x: float(x[0] ** 4 - 2 * x[0] ** 2)  # a maximum at 0, minima at +-1
    >>> g = lambda x: 4 * x**3 - 4 * x
    >>> H = lambda x: np.diag(12 * x**2 - 4)
    >>> damped_newton(f, g, H, [0.1]).x  # plain Newton from 0.1 goes to the maximum
    array([1.])
    """
    x = as_array(x0, "x0", ndim=1)
    tol = check_positive(tol, "tol")
    max_iter = check_max_iter(max_iter)
    n = x.size
    path = [x]
    for k in range(max_iter + 1):
        g = call_checked(gradient, x, "gradient", x.shape)
        if np.linalg.norm(g) <= tol or k == max_iter:
            break
        H = call_checked(hessian, x, "hessian", (n, n))
        tau = 0.0 if np.diag(H).min() > 0 else 1e-3 - np.diag(H).min()
        for _ in range(100):  # add tau I until the matrix is positive definite
            try:
                factor = cho_factor(H + tau * np.eye(n))
                break
            except LinAlgError:
                tau = max(2 * tau, 1e-3 * max(1.0, np.abs(H).max()))
        else:
            raise ValueError(f"could not make hessian(x) positive definite at x = {x}")
        p = cho_solve(factor, -g)  # a descent direction: g^T p < 0
        x_new = x + backtracking_line_search(f, x, g, p, lr0=1.0) * p
        if np.array_equal(x_new, x):
            break  # the step vanished in rounding: tol is finer than f can resolve
        x = x_new
        path.append(x)
    converged = bool(np.linalg.norm(g) <= tol)
    return OptimizationResult(x, len(path) - 1, converged, np.array(path))


# --8<-- [end:damped_newton]


# --8<-- [start:bfgs_update]
def bfgs_update(H_inv: ArrayLike, s: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Return the BFGS update of an inverse-Hessian approximation.

    With s = x_new - x, y = g_new - g and rho = 1 / y^T s (Nocedal and Wright, 6.17):
    H+ = (I - rho s y^T) H (I - rho y s^T) + rho s s^T, which satisfies H+ y = s.

    Examples
    --------
    >>> bfgs_update(np.eye(2), [1.0, 0.0], [2.0, 0.0])  # learns curvature 2 along x1
    array([[0.5, 0. ],
           [0. , 1. ]])
    """
    H = as_array(H_inv, "H_inv", symmetric=True)
    s = as_array(s, "s", ndim=1)
    y = as_array(y, "y", ndim=1)
    if s.shape != y.shape or H.shape[0] != s.size:
        raise ValueError(
            f"s and y must have length {H.shape[0]} to match H_inv, "
            f"got {s.size} and {y.size}"
        )
    ys = float(y @ s)
    if ys <= 0:
        raise ValueError(f"the curvature condition y^T s > 0 fails (y^T s = {ys:.3g})")
    rho = 1.0 / ys
    V = np.eye(s.size) - rho * np.outer(s, y)
    return V @ H @ V.T + rho * np.outer(s, s)


# --8<-- [end:bfgs_update]


# --8<-- [start:bfgs]
def bfgs(
    f: Callable[[np.ndarray], float],
    gradient: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike,
    max_iter: int = 500,
    tol: float = 1e-6,
) -> OptimizationResult:
    """Minimize with BFGS: Newton-like steps -H g from an inverse-Hessian estimate H
    built from gradient differences only, with a backtracking line search.

    The line search checks the Armijo condition only, not the Wolfe curvature
    condition, so y^T s > 0 is not guaranteed; when it fails (to a relative 1e-12),
    the update is skipped and H is kept. BFGS's superlinear convergence theorem
    assumes Wolfe steps, so for this variant it is observed, not guaranteed.

    Examples
    --------
    >>> A = np.array([[3.0, 1.0], [1.0, 2.0]])
    >>> res = bfgs(lambda x: float(0.5 * x @ A @ x), lambda x: A @ x, [1.0, 1.0])
    >>> res.converged, bool(np.allclose(res.x, 0, atol=1e-6))
    (True, True)
    """
    x = as_array(x0, "x0", ndim=1)
    tol = check_positive(tol, "tol")
    max_iter = check_max_iter(max_iter)
    H = np.eye(x.size)
    g = call_checked(gradient, x, "gradient", x.shape)
    path = [x]
    for k in range(max_iter):
        if np.linalg.norm(g) <= tol:
            break
        p = -H @ g
        if g @ p >= 0:  # lost the descent property (rounding): restart from -g
            H, p = np.eye(x.size), -g
        x_new = x + backtracking_line_search(f, x, g, p, lr0=1.0) * p
        if np.array_equal(x_new, x):
            break  # the step vanished in rounding: tol is finer than f can resolve
        g_new = call_checked(gradient, x_new, "gradient", x.shape)
        s, y = x_new - x, g_new - g
        if y @ s > 1e-12 * np.linalg.norm(s) * np.linalg.norm(y):
            if k == 0:
                H = (y @ s) / (y @ y) * H  # scale the first guess (N&W, 6.20)
            H = bfgs_update(H, s, y)  # otherwise skip: y^T s <= 0 would break H > 0
        x, g = x_new, g_new
        path.append(x)
    converged = bool(np.linalg.norm(g) <= tol)
    return OptimizationResult(x, len(path) - 1, converged, np.array(path))


# --8<-- [end:bfgs]


def plot_newton_convergence() -> Figure:
    """Draw the distance to the minimum against the iteration for gradient descent
    with backtracking, BFGS and Newton on the Rosenbrock function."""
    fig, ax = new_figure(
        "Distance to the minimum (1, 1) of the Rosenbrock function against the "
        "iteration, on a logarithmic axis, from (-1.2, 1): gradient descent with "
        "backtracking creeps down a straight line (linear convergence) and is still "
        "far after 1000 steps, BFGS bends down (superlinear) after about 30 steps, "
        "and Newton's method falls off a cliff (quadratic) within about 6 steps.",
        width=6.4,
        height=4.0,
    )
    x0, target = [-1.2, 1.0], np.array([1.0, 1.0])
    runs = {
        "gradient descent + backtracking": gradient_descent_backtracking(
            rosenbrock, rosenbrock_gradient, x0, max_iter=1000, tol=1e-10
        ),
        "BFGS": bfgs(rosenbrock, rosenbrock_gradient, x0, tol=1e-10),
        "Newton": newton_method(rosenbrock_gradient, rosenbrock_hessian, x0, tol=1e-10),
    }
    for name, res in runs.items():
        err = np.linalg.norm(res.path - target, axis=1)
        ax.semilogy(
            np.arange(err.size), np.maximum(err, 1e-16), "o-", markersize=2, label=name
        )
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlabel("iteration $k$ (linear up to 10, then logarithmic)")
    ax.set_ylabel(r"$\|\mathbf{x}_k - \mathbf{x}^\star\|$")
    ax.set_title("Linear, superlinear and quadratic convergence")
    ax.legend(loc="lower left")
    return fig
