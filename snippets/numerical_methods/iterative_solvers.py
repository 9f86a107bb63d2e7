"""Iterative linear solvers: Jacobi, Gauss–Seidel, conjugate gradient, preconditioning.

Page: docs/numerical-methods/iterative-solvers.md. Every solver returns the solution
and the history of relative residuals |b - A x_k| / |b|, and raises RuntimeError when
it does not reach tol within max_iter iterations.
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import solve_triangular

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.calculus.limits_derivatives import check_count, check_positive
from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:is_diagonally_dominant]
def is_diagonally_dominant(A: ArrayLike) -> bool:
    """Return True if |a_ii| > sum_(j != i) |a_ij| for every row i (strictly).

    Examples
    --------
    >>> is_diagonally_dominant([[4.0, 1.0], [2.0, 5.0]])
    True
    """
    A = as_array(A, "A", square=True)
    diagonal = np.abs(np.diag(A))
    off_diagonal = np.abs(A).sum(axis=1) - diagonal
    return bool(np.all(diagonal > off_diagonal))


# --8<-- [end:is_diagonally_dominant]


# --8<-- [start:check_system]
def check_system(
    A: ArrayLike, b: ArrayLike, x0: ArrayLike | None, symmetric: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return A (n, n), b (n,) and a start vector x0 (zeros if None), checked.

    Examples
    --------
    >>> A, b, x0 = check_system(np.eye(2), [1.0, 2.0], None)
    >>> x0
    array([0., 0.])
    """
    A = as_array(A, "A", square=True, symmetric=symmetric)
    b = as_array(b, "b", ndim=1)
    if b.size != A.shape[0]:
        raise ValueError(f"b must have length {A.shape[0]}, got {b.size}")
    x0 = np.zeros_like(b) if x0 is None else as_array(x0, "x0", ndim=1)
    if x0.shape != b.shape:
        raise ValueError(f"x0 must have length {b.size}, got {x0.size}")
    return A, b, x0


# --8<-- [end:check_system]


# --8<-- [start:stationary_iteration]
def stationary_iteration(
    step: Callable[[np.ndarray], np.ndarray],
    A: np.ndarray,
    b: np.ndarray,
    x: np.ndarray,
    tol: float,
    max_iter: int,
    name: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Repeat x <- step(x) until |b - A x| <= tol |b|; return x and the residuals.

    Raises RuntimeError when the residual is still above tol after max_iter
    steps, or as soon as it blows up (above 1e100 times its start or non-finite).

    Examples
    --------
    >>> A, b = np.diag([2.0, 4.0]), np.array([2.0, 4.0])
    >>> step = lambda x: b / np.diag(A)  # solves a diagonal system in one step
    >>> x, res = stationary_iteration(step, A, b, np.zeros(2), 1e-12, 5, "demo")
    >>> x, res
    (array([1., 1.]), array([1., 0.]))
    """
    tol = check_positive(tol, "tol")
    max_iter = check_count(max_iter, "max_iter")
    b_norm = np.linalg.norm(b)
    if b_norm == 0:
        return np.zeros_like(b), np.array([0.0])
    residuals = [np.linalg.norm(b - A @ x) / b_norm]
    for _ in range(max_iter):
        if residuals[-1] <= tol:
            break
        x = step(x)  # one sweep of the method
        residuals.append(np.linalg.norm(b - A @ x) / b_norm)
        if not np.isfinite(residuals[-1]) or residuals[-1] > 1e100 * residuals[0]:
            raise RuntimeError(
                f"{name} diverged after {len(residuals) - 1} iterations; "
                "A is not diagonally dominant (or its spectral radius is >= 1)"
            )
    if residuals[-1] > tol:
        raise RuntimeError(
            f"{name} did not converge in max_iter={max_iter} iterations "
            f"(relative residual {residuals[-1]:.2e} > tol = {tol:.1e})"
        )
    return x, np.array(residuals)


# --8<-- [end:stationary_iteration]


# --8<-- [start:jacobi]
def jacobi(
    A: ArrayLike,
    b: ArrayLike,
    x0: ArrayLike | None = None,
    tol: float = 1e-10,
    max_iter: int = 1000,
) -> tuple[np.ndarray, np.ndarray]:
    """Solve A x = b by Jacobi: x <- D^-1 (b - (A - D) x), D = diag(A).

    Every unknown is updated from the previous iterate, all at once (vectorized).
    Converges for every start if A is strictly diagonally dominant. Returns x and
    the relative residuals |b - A x_k| / |b|.

    Examples
    --------
    >>> x, res = jacobi([[4.0, 1.0], [2.0, 5.0]], [5.0, 7.0])
    >>> x.round(10), len(res)
    (array([1., 1.]), 22)
    """
    A, b, x = check_system(A, b, x0)
    tol = check_positive(tol, "tol")
    max_iter = check_count(max_iter, "max_iter")
    d = np.diag(A)
    if np.any(d == 0):
        raise ValueError(
            f"A has a zero on its diagonal (row {int(np.argmin(np.abs(d)))})"
        )
    R = A - np.diag(d)  # the off-diagonal part
    return stationary_iteration(
        lambda x: (b - R @ x) / d, A, b, x, tol, max_iter, "Jacobi"
    )


# --8<-- [end:jacobi]


# --8<-- [start:gauss_seidel]
def gauss_seidel(
    A: ArrayLike,
    b: ArrayLike,
    x0: ArrayLike | None = None,
    tol: float = 1e-10,
    max_iter: int = 1000,
) -> tuple[np.ndarray, np.ndarray]:
    """Solve A x = b by Gauss–Seidel: (D + L) x_new = b - U x, a triangular solve.

    Row by row, each unknown uses the values just updated above it; the forward
    substitution with the lower triangle D + L does exactly that in one call.
    Converges if A is strictly diagonally dominant or symmetric positive definite.

    Examples
    --------
    >>> x, res = gauss_seidel([[4.0, 1.0], [2.0, 5.0]], [5.0, 7.0])
    >>> x.round(10), len(res)
    (array([1., 1.]), 12)
    """
    A, b, x = check_system(A, b, x0)
    tol = check_positive(tol, "tol")
    max_iter = check_count(max_iter, "max_iter")
    if np.any(np.diag(A) == 0):
        raise ValueError("A has a zero on its diagonal")
    lower, upper = np.tril(A), np.triu(A, 1)  # D + L and U
    return stationary_iteration(
        lambda x: solve_triangular(lower, b - upper @ x, lower=True),
        A,
        b,
        x,
        tol,
        max_iter,
        "Gauss-Seidel",
    )


# --8<-- [end:gauss_seidel]


# --8<-- [start:conjugate_gradient]
def conjugate_gradient(
    A: ArrayLike,
    b: ArrayLike,
    x0: ArrayLike | None = None,
    tol: float = 1e-10,
    max_iter: int = 1000,
    preconditioner: ArrayLike | None = None,
    callback: Callable[[np.ndarray], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Solve A x = b for symmetric positive definite A by conjugate gradients.

    Each step minimizes the A-norm of the error over a growing Krylov subspace,
    using one product A p. ``preconditioner`` is the diagonal m of M = diag(m),
    an easy-to-invert approximation of A (e.g. diag(A): Jacobi preconditioning).
    ``callback(x)`` is called after every step. Returns x and the relative
    residuals |b - A x_k| / |b|. A direction with p^T A p <= 0 proves that A is
    not positive definite and raises ValueError.

    Examples
    --------
    >>> x, res = conjugate_gradient([[4.0, 1.0], [1.0, 3.0]], [5.0, 4.0])
    >>> x.round(10), len(res) - 1  # exact in n = 2 steps (in exact arithmetic)
    (array([1., 1.]), 2)
    """
    A, b, x = check_system(A, b, x0, symmetric=True)
    tol = check_positive(tol, "tol")
    max_iter = check_count(max_iter, "max_iter")
    m = (
        np.ones_like(b)
        if preconditioner is None
        else as_array(preconditioner, "preconditioner", ndim=1)
    )
    if m.shape != b.shape or np.any(m <= 0):
        raise ValueError(
            f"preconditioner must be {b.size} positive numbers (the diagonal of M)"
        )
    b_norm = np.linalg.norm(b)
    if b_norm == 0:
        return np.zeros_like(b), np.array([0.0])
    r = b - A @ x
    z = r / m  # solve M z = r
    p, rz = z.copy(), r @ z
    residuals = [np.linalg.norm(r) / b_norm]
    for _ in range(max_iter):
        if residuals[-1] <= tol:
            return x, np.array(residuals)
        Ap = A @ p
        pAp = p @ Ap
        if pAp <= 0:
            raise ValueError(
                f"A must be positive definite (found p with p^T A p = {pAp:.2e})"
            )
        alpha = rz / pAp  # exact line search along p
        x = x + alpha * p
        r = r - alpha * Ap
        residuals.append(np.linalg.norm(r) / b_norm)
        if callback is not None:
            callback(x)
        z = r / m
        rz, rz_old = r @ z, rz
        p = z + (rz / rz_old) * p  # the new direction is A-conjugate to the old ones
    if residuals[-1] <= tol:
        return x, np.array(residuals)
    raise RuntimeError(
        f"conjugate gradient did not converge in max_iter={max_iter} iterations "
        f"(relative residual {residuals[-1]:.2e} > tol = {tol:.1e})"
    )


# --8<-- [end:conjugate_gradient]


# --8<-- [start:cg_error_bound]
def cg_error_bound(kappa: float, k: ArrayLike) -> np.ndarray | float:
    """Return 2 ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^k, CG's bound on the error.

    The bound is on |e_k|_A / |e_0|_A, where |e|_A = sqrt(e^T A e).

    Examples
    --------
    >>> round(cg_error_bound(100.0, 10), 4)  # (9 / 11)^10 * 2
    0.2689
    """
    kappa = check_positive(kappa, "kappa")
    if kappa < 1:
        raise ValueError(f"kappa must be >= 1, got {kappa}")
    k = as_array(k, "k")
    if np.any(k < 0):
        raise ValueError("k must be non-negative")
    rate = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    out = 2 * rate**k
    return float(out) if out.ndim == 0 else out


# --8<-- [end:cg_error_bound]


def spd_with_spectrum(eigenvalues: ArrayLike, seed: int = 0) -> np.ndarray:
    """Return Q diag(eigenvalues) Q^T for a random orthogonal Q (a test matrix)."""
    lam = as_array(eigenvalues, "eigenvalues", ndim=1)
    Q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(lam.size, lam.size)))
    return (Q * lam) @ Q.T


def chebyshev_spectrum(kappa: float, n: int) -> np.ndarray:
    """Return n eigenvalues in [1, kappa] at Chebyshev points: crowded at both ends."""
    j = np.arange(n)
    return (kappa + 1) / 2 + (kappa - 1) / 2 * np.cos(np.pi * (j + 0.5) / n)


def poisson_matrix(n: int = 50, shift: float = 0.2) -> np.ndarray:
    """Return tridiag(-1, 2 + shift, -1): a path-graph Laplacian plus a shift."""
    return (2 + shift) * np.eye(n) - np.eye(n, k=1) - np.eye(n, k=-1)


def plot_stationary_convergence(n: int = 50) -> Figure:
    """Draw the residuals of Jacobi, Gauss–Seidel and CG on one dominant system."""
    A = poisson_matrix(n)
    b = np.ones(n)
    fig, ax = new_figure(
        "Semi-log plot of the relative residual against the iteration for Jacobi, "
        "Gauss-Seidel and conjugate gradient on a 50 by 50 diagonally dominant "
        "tridiagonal system (2.2 on the diagonal, -1 beside it). Jacobi falls "
        "steadily and needs the most iterations, Gauss-Seidel falls twice as fast, "
        "and conjugate gradient reaches 1e-10 in about 25 iterations.",
        width=6.0,
        height=4.0,
    )
    for method, label in (
        (jacobi, "Jacobi"),
        (gauss_seidel, "Gauss–Seidel"),
        (conjugate_gradient, "conjugate gradient"),
    ):
        _, res = method(A, b)
        ax.semilogy(np.arange(res.size), res, label=label)
    ax.axhline(1e-10, color="gray", linestyle=":", linewidth=1)
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$\|\mathbf{b} - \mathbf{A}\mathbf{x}_k\| / \|\mathbf{b}\|$")
    ax.set_title("Three iterative solvers on the same system")
    ax.legend(loc="upper right")
    return fig


def cg_a_norm_errors(A: np.ndarray, b: np.ndarray, x_true: np.ndarray) -> np.ndarray:
    """Return |x_k - x_true|_A for every CG iterate x_k from x_0 = 0 (tol 1e-12)."""
    errors: list[float] = []

    def record(x: np.ndarray) -> None:
        e = x - x_true
        errors.append(float(np.sqrt(e @ A @ e)))

    record(np.zeros_like(b))
    conjugate_gradient(A, b, tol=1e-12, callback=record)
    return np.array(errors)


def plot_cg_convergence(
    kappas: tuple[float, ...] = (10.0, 100.0, 1000.0), n: int = 400
) -> Figure:
    """Draw CG's A-norm error against the iteration, with its bound, per kappa."""
    fig, ax = new_figure(
        "Semi-log plot of the relative A-norm error of conjugate gradient against the "
        "iteration for 400 by 400 symmetric positive definite matrices with condition "
        "numbers 10, 100 and 1000 (eigenvalues crowded toward both ends of [1, kappa], "
        "the hardest case for CG). Each solid curve stays below its dotted bound "
        "2((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^k and runs nearly parallel to it: "
        "about 40, 125 and 350 iterations to reach 1e-12, growing like sqrt(kappa).",
        width=6.0,
        height=4.0,
    )
    for kappa in kappas:
        A = spd_with_spectrum(chebyshev_spectrum(kappa, n))
        x_true = np.random.default_rng(1).normal(size=n)
        errors = cg_a_norm_errors(A, A @ x_true, x_true)
        rel = errors / errors[0]
        k = np.arange(rel.size)
        (line,) = ax.semilogy(k, rel, label=rf"$\kappa = {kappa:g}$")
        ax.semilogy(k, cg_error_bound(kappa, k), ":", color=line.get_color())
    ax.set_ylim(1e-12, 10)
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$\|\mathbf{e}_k\|_{\mathbf{A}} / \|\mathbf{e}_0\|_{\mathbf{A}}$")
    ax.set_title("Conjugate gradient: iterations grow like $\\sqrt{\\kappa}$")
    ax.legend(loc="upper right")
    return fig
