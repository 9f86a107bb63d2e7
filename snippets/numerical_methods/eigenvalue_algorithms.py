"""Eigenvalue algorithms: power iteration's rate, inverse iteration, the QR algorithm.

Page: docs/numerical-methods/eigenvalue-algorithms.md. Power iteration itself is
linear algebra's ``power_iteration`` (snippets/linear_algebra/eigen.py); this module
adds what numerical analysis says about it and the algorithms behind numpy.linalg.
"""

# --8<-- [start:imports]
import warnings

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import hessenberg, lu_factor, lu_solve

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.calculus.limits_derivatives import check_count, check_positive
from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:rayleigh_quotients]
def rayleigh_quotients(
    A: ArrayLike, n_iter: int, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Return the Rayleigh quotients v_t^T A v_t of the first n_iter power iterates.

    For a symmetric A their error falls like (lambda_2 / lambda_1)^(2t): the
    Rayleigh quotient squares the eigenvector's error.

    Examples
    --------
    >>> q = rayleigh_quotients([[2.0, 0.0], [0.0, 1.0]], 30, np.random.default_rng(0))
    >>> round(float(q[-1]), 12)
    2.0
    """
    A = as_array(A, "A", symmetric=True)
    n_iter = check_count(n_iter, "n_iter")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator or None, got {rng!r}")
    rng = np.random.default_rng() if rng is None else rng
    v = np.asarray(rng.normal(size=A.shape[0]))
    v /= np.linalg.norm(v)
    quotients = np.empty(n_iter)
    for t in range(n_iter):  # the iteration is the algorithm
        w = A @ v
        quotients[t] = v @ w
        norm_w = np.linalg.norm(w)
        if norm_w == 0:
            raise ValueError("A v = 0: the start vector lies in the null space of A")
        v = w / norm_w
    return quotients


# --8<-- [end:rayleigh_quotients]


# --8<-- [start:inverse_iteration]
def inverse_iteration(
    A: ArrayLike,
    shift: float,
    tol: float = 1e-12,
    max_iter: int = 100,
    rng: np.random.Generator | None = None,
) -> tuple[float, np.ndarray]:
    """Return the eigenvalue of A closest to ``shift`` and a unit eigenvector.

    Power iteration with (A - shift I)^-1, whose dominant eigenvalue is
    1 / (lambda - shift) for the lambda nearest the shift. The matrix is factored
    once (LU); each step is then two triangular solves. Raises RuntimeError if the
    residual |A v - lambda v| stays above tol |A|_F for max_iter steps.

    Examples
    --------
    >>> A = [[2.0, 1.0], [1.0, 2.0]]  # eigenvalues 3 and 1
    >>> lam, v = inverse_iteration(A, 0.8, rng=np.random.default_rng(0))
    >>> round(lam, 12), np.abs(v).round(4)
    (1.0, array([0.7071, 0.7071]))
    """
    A = as_array(A, "A", square=True)
    shift = float(as_array(shift, "shift", ndim=0))
    tol = check_positive(tol, "tol")
    max_iter = check_count(max_iter, "max_iter")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator or None, got {rng!r}")
    rng = np.random.default_rng() if rng is None else rng
    n = A.shape[0]
    shifted = A - shift * np.eye(n)
    with warnings.catch_warnings():  # an exactly singular factor is reported below
        warnings.simplefilter("ignore")
        factors = lu_factor(shifted, check_finite=False)
    pivots = np.abs(np.diag(factors[0]))
    if pivots.min() <= n * np.finfo(float).eps * max(np.abs(shifted).max(), 1e-300):
        raise ValueError(
            f"shift = {shift} is an eigenvalue of A to working precision; "
            "move it slightly"
        )
    v = np.asarray(rng.normal(size=n))
    v /= np.linalg.norm(v)
    threshold = tol * np.linalg.norm(A)
    residual = float("inf")
    for _ in range(max_iter):
        w = lu_solve(factors, v, check_finite=False)  # (A - shift I) w = v
        v = w / np.linalg.norm(w)
        lam = float(v @ A @ v)
        residual = float(np.linalg.norm(A @ v - lam * v))
        if residual <= threshold:
            return lam, v
    raise RuntimeError(
        f"inverse iteration did not converge in max_iter={max_iter} steps "
        f"(residual {residual:.2e}); two eigenvalues may be equally close to the shift"
    )


# --8<-- [end:inverse_iteration]


# --8<-- [start:wilkinson_shift]
def wilkinson_shift(a: float, b: float, c: float) -> float:
    """Return the eigenvalue of [[a, b], [b, c]] closer to c (the Wilkinson shift).

    Written as c - sign(d) b^2 / (|d| + sqrt(d^2 + b^2)) with d = (a - c) / 2,
    which adds numbers of the same sign (no cancellation).

    Examples
    --------
    >>> wilkinson_shift(2.0, 1.0, 2.0)  # eigenvalues 1 and 3; the tie picks 1
    1.0
    """
    a, b, c = (
        float(as_array(v, name, ndim=0)) for v, name in ((a, "a"), (b, "b"), (c, "c"))
    )
    d = (a - c) / 2.0
    if b == 0.0:
        return float(c)
    sign = 1.0 if d >= 0 else -1.0
    return float(c - sign * b * (b / (abs(d) + np.hypot(d, b))))  # no b^2 underflow


# --8<-- [end:wilkinson_shift]


# --8<-- [start:qr_algorithm]
def qr_algorithm(
    A: ArrayLike, shift: bool = True, tol: float = 1e-14, max_iter: int = 10_000
) -> tuple[np.ndarray, np.ndarray]:
    """Return all eigenvalues of the symmetric A (largest first) and a history.

    A is first reduced to tridiagonal T (same eigenvalues). Each step factors
    T - mu I = Q R and sets T <- R Q + mu I = Q^T T Q, which keeps the eigenvalues
    and drives the last off-diagonal entry to 0; then that diagonal entry is an
    eigenvalue and the matrix shrinks by one (deflation). With shift=True, mu is
    the Wilkinson shift (cubic convergence); with shift=False, mu = 0 (linear
    convergence at rate |lambda_n / lambda_(n-1)|). The history holds the size of
    the last off-diagonal entry before every step. Raises RuntimeError after
    max_iter steps without convergence.

    Examples
    --------
    >>> lam, history = qr_algorithm([[2.0, 1.0], [1.0, 2.0]])
    >>> lam, len(history)
    (array([3., 1.]), 1)
    """
    A = as_array(A, "A", symmetric=True)
    tol = check_positive(tol, "tol")
    max_iter = check_count(max_iter, "max_iter")
    scale = np.abs(A).max()
    if scale == 0:
        return np.zeros(A.shape[0]), np.array([])
    T = hessenberg(A / scale)  # tridiagonal, entries of order 1 (no underflow)
    eigenvalues: list[float] = []
    history: list[float] = []
    n = T.shape[0]
    while n > 1:
        off = abs(T[n - 1, n - 2])
        if off <= tol:  # deflate: T[n-1, n-1] is an eigenvalue
            eigenvalues.append(T[n - 1, n - 1])
            n -= 1
            T = T[:n, :n]
            continue
        if len(history) == max_iter:
            raise RuntimeError(
                f"the QR algorithm did not converge in max_iter={max_iter} steps "
                f"(last off-diagonal entry {off:.2e}); try shift=True"
            )
        history.append(off)
        mu = (
            wilkinson_shift(T[n - 2, n - 2], T[n - 1, n - 2], T[n - 1, n - 1])
            if shift
            else 0.0
        )
        Q, R = np.linalg.qr(T - mu * np.eye(n))
        T = R @ Q + mu * np.eye(n)  # = Q^T (T - mu I) Q + mu I: similar to T
    eigenvalues.append(T[0, 0])
    return scale * np.sort(np.array(eigenvalues))[::-1], scale * np.array(history)


# --8<-- [end:qr_algorithm]


def spiked_matrix(ratio: float, n: int = 30, seed: int = 0) -> np.ndarray:
    """Return a random symmetric n x n matrix with lambda_1 = 1, lambda_2 = ratio."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    lam = np.concatenate([[1.0, ratio], np.linspace(0.0, 0.3 * ratio, n - 2)])
    return (Q * lam) @ Q.T


def plot_power_convergence(
    ratios: tuple[float, ...] = (0.5, 0.8, 0.95), n_iter: int = 60
) -> Figure:
    """Draw the Rayleigh-quotient error of power iteration for several ratios."""
    fig, ax = new_figure(
        "Semi-log plot of the error of power iteration's eigenvalue estimate against "
        "the iteration for three symmetric matrices whose second eigenvalue is 0.5, "
        "0.8 and 0.95 times the first. Each error falls along a straight line: it is "
        "multiplied by (lambda2 / lambda1) squared at every step, as the dotted "
        "predictions show, fast for 0.5 and slow for 0.95.",
        width=6.0,
        height=4.0,
    )
    t = np.arange(1, n_iter + 1)
    for ratio in ratios:
        A = spiked_matrix(ratio)
        error = np.abs(rayleigh_quotients(A, n_iter, np.random.default_rng(5)) - 1.0)
        (line,) = ax.semilogy(
            t, np.maximum(error, 1e-17), label=rf"$\lambda_2/\lambda_1 = {ratio}$"
        )
        anchor = 10  # the predicted line starts from the error at iteration 10
        predicted = error[anchor - 1] * ratio ** (2 * (t - anchor))
        ax.semilogy(t, predicted, ":", color=line.get_color())
    ax.set_ylim(1e-17, 2)
    ax.set_xlabel("iteration $t$")
    ax.set_ylabel(r"$|\lambda^{(t)} - \lambda_1|$")
    ax.set_title(r"Power iteration converges like $(\lambda_2/\lambda_1)^{2t}$")
    ax.legend(loc="upper right")
    return fig


def plot_qr_convergence(n: int = 8, seed: int = 0) -> Figure:
    """Draw the last off-diagonal entry against the step, with and without shifts."""
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(n, n))
    A = (M + M.T) / 2
    fig, ax = new_figure(
        "Semi-log plot of the size of the last off-diagonal entry of the matrix "
        "during the QR algorithm on a random symmetric 8 by 8 matrix. Without shifts "
        "it falls slowly and steadily (linear convergence) and the run takes over "
        "600 steps; with Wilkinson shifts each entry drops to rounding level in "
        "two or three steps (cubic convergence), so the run takes about 15 steps. "
        "Each jump up is a deflation: the next entry starts.",
        width=6.0,
        height=4.0,
    )
    for use_shift, label in ((False, "no shift"), (True, "Wilkinson shift")):
        _, history = qr_algorithm(A, shift=use_shift)
        ax.semilogy(
            np.arange(1, history.size + 1), history, ".-", markersize=3, label=label
        )
    ax.set_xscale("log")
    ax.set_xlabel("QR step")
    ax.set_ylabel("last off-diagonal entry")
    ax.set_title("The QR algorithm: shifts make it converge in a few steps")
    ax.legend(loc="lower left")
    return fig
