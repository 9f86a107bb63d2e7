"""Eigenvalues: power iteration, diagonalization, the spectral theorem, definiteness.

Page: docs/linear-algebra/eigen.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:power_iteration]
def power_iteration(
    A: ArrayLike,
    max_iter: int = 1000,
    tol: float = 1e-10,
    rng: np.random.Generator | None = None,
) -> tuple[float, np.ndarray]:
    """Return the dominant eigenvalue of A (n, n) and a unit eigenvector.

    Repeats v <- A v / |A v| from a random start until the residual
    |A v - lambda v| is at most tol * |A|_F; lambda = v^T A v (Rayleigh quotient).
    Converges when every eigenvalue of largest absolute value is the same number (a
    repeated eigenvalue is fine; if it is defective, convergence is slow); fails when
    different eigenvalues share it (lambda and -lambda, a complex pair).
    The eigenvector's sign is fixed so that its largest-magnitude entry is positive.

    Raises RuntimeError if the residual is still above tol after max_iter steps.

    Examples
    --------
    >>> lam, v = power_iteration([[2, 1], [1, 2]], rng=np.random.default_rng(0))
    >>> round(lam, 8), v.round(4)
    (3.0, array([0.7071, 0.7071]))
    """
    A = as_array(A, "A", square=True)
    if not (isinstance(max_iter, (int, np.integer)) and max_iter >= 1):
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}")
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol!r}")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator or None, got {rng!r}")
    rng = np.random.default_rng() if rng is None else rng
    v = np.asarray(rng.normal(size=A.shape[0]))
    v /= np.linalg.norm(v)
    threshold = tol * np.linalg.norm(A)
    residual = float("inf")
    for _ in range(max_iter):  # the iteration is the algorithm
        w = A @ v
        lam = v @ w  # Rayleigh quotient (v has unit length)
        residual = float(np.linalg.norm(w - lam * v))
        if residual <= threshold:
            v = v if v[np.argmax(np.abs(v))] > 0 else -v  # sign convention
            return float(lam), v
        v = w / np.linalg.norm(w)
    raise RuntimeError(
        f"power iteration did not converge in max_iter={max_iter} steps "
        f"(residual {residual:.2e}); different eigenvalues may share the largest "
        "absolute value (lambda and -lambda, a complex pair), or the next is too close"
    )


# --8<-- [end:power_iteration]


# --8<-- [start:diagonalize]
def diagonalize(A: ArrayLike, max_cond: float = 1e12) -> tuple[np.ndarray, np.ndarray]:
    """Return eigenvalues lam (n,) and eigenvectors V (n, n) with A = V diag(lam) V^-1.

    Eigenvalues are sorted by decreasing absolute value; they (and V) are complex
    if A has complex eigenvalues. A matrix whose eigenvector matrix has condition
    number above max_cond is rejected as (numerically) not diagonalizable.

    Examples
    --------
    >>> lam, V = diagonalize([[2, 0], [1, 1]])
    >>> lam
    array([2., 1.])
    """
    A = as_array(A, "A", square=True)
    if not max_cond > 1:
        raise ValueError(f"max_cond must be greater than 1, got {max_cond!r}")
    lam, V = np.linalg.eig(A)
    if np.linalg.cond(V) > max_cond:
        raise ValueError(
            "A is not diagonalizable: its eigenvectors are (numerically) dependent"
        )
    order = np.argsort(-np.abs(lam), kind="stable")
    lam, V = lam[order], V[:, order]
    if np.all(lam.imag == 0):
        lam, V = lam.real, V.real
        V = V * np.sign(V[np.argmax(np.abs(V), axis=0), np.arange(V.shape[1])])
    return lam, V


# --8<-- [end:diagonalize]


# --8<-- [start:power_by_diagonalization]
def power_by_diagonalization(A: ArrayLike, k: int) -> np.ndarray:
    """Return A^k = V diag(lam^k) V^-1 for a diagonalizable A and an integer k >= 0.

    Examples
    --------
    >>> power_by_diagonalization([[2, 0], [1, 1]], 3)
    array([[8., 0.],
           [7., 1.]])
    """
    if not (isinstance(k, (int, np.integer)) and k >= 0):
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    lam, V = diagonalize(A)
    # (V diag(lam^k)) V^-1, computed as a solve with V^T instead of an inverse.
    Ak = np.linalg.solve(V.T, (V * lam**k).T).T
    return Ak.real if np.iscomplexobj(Ak) else Ak


# --8<-- [end:power_by_diagonalization]


# --8<-- [start:spectral_decomposition]
def spectral_decomposition(A: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return eigenvalues lam_1 >= ... >= lam_n and orthonormal Q, A = Q diag(lam) Q^T.

    A must be symmetric; its eigenvalues are then real. Each eigenvector's
    largest-magnitude entry is made positive.

    Examples
    --------
    >>> lam, Q = spectral_decomposition([[2, 1], [1, 2]])
    >>> lam
    array([3., 1.])
    """
    A = as_array(A, "A", symmetric=True)
    lam, Q = np.linalg.eigh(A)  # ascending order
    lam, Q = lam[::-1], Q[:, ::-1]
    Q = Q * np.sign(Q[np.argmax(np.abs(Q), axis=0), np.arange(Q.shape[1])])
    return lam, Q


# --8<-- [end:spectral_decomposition]


# --8<-- [start:is_positive_definite]
def is_positive_definite(A: ArrayLike, tol: float = 1e-12) -> bool:
    """Return True if the symmetric A is (numerically) positive definite.

    Tries the Cholesky factorization A = L L^T. It must succeed, and every pivot
    L_ii^2 must exceed tol * max |A_ij|: rounding can let Cholesky "succeed" on a
    singular matrix with a pivot near machine epsilon.

    Examples
    --------
    >>> is_positive_definite([[2, 1], [1, 2]]), is_positive_definite([[1, 2], [2, 1]])
    (True, False)
    """
    A = as_array(A, "A", symmetric=True)
    if not tol >= 0:
        raise ValueError(f"tol must be non-negative, got {tol!r}")
    try:
        L = np.linalg.cholesky(A)  # exists with a positive diagonal iff A is PD
    except np.linalg.LinAlgError:
        return False
    return bool(np.min(np.diag(L)) ** 2 > tol * np.abs(A).max())


# --8<-- [end:is_positive_definite]


# --8<-- [start:is_positive_semidefinite]
def is_positive_semidefinite(A: ArrayLike, tol: float = 1e-10) -> bool:
    """Return True if every eigenvalue of the symmetric A is >= -tol * max |eigenvalue|.

    The tolerance absorbs rounding: a singular covariance matrix often has
    eigenvalues like -1e-17 that are zero in exact arithmetic.

    Examples
    --------
    >>> is_positive_semidefinite([[1, 1], [1, 1]])  # eigenvalues 2 and 0
    True
    """
    A = as_array(A, "A", symmetric=True)
    if not tol >= 0:
        raise ValueError(f"tol must be non-negative, got {tol!r}")
    lam = np.linalg.eigvalsh(A)
    return bool(lam[0] >= -tol * np.abs(lam).max())


# --8<-- [end:is_positive_semidefinite]


def plot_eigen_ellipse(
    A: tuple[tuple[float, float], tuple[float, float]] = ((2.0, 1.0), (1.0, 1.5)),
) -> Figure:
    """Draw the unit circle, its image under the symmetric A, and lam_i q_i."""
    lam, Q = spectral_decomposition(A)
    M = np.asarray(A, dtype=float)
    t = np.linspace(0, 2 * np.pi, 361)
    circle = np.vstack([np.cos(t), np.sin(t)])
    ellipse = M @ circle
    fig, ax = new_figure(
        "A symmetric 2 by 2 matrix maps the unit circle to an ellipse. Its two "
        "orthogonal eigenvectors, scaled by their eigenvalues, are the semi-axes of "
        "the ellipse.",
        width=4.6,
        height=4.2,
    )
    ax.plot(circle[0], circle[1], color="#999999", lw=1, label="unit circle")
    ax.plot(ellipse[0], ellipse[1], label="image of the circle")
    for i in range(2):
        end = lam[i] * Q[:, i]
        ax.plot([0, end[0]], [0, end[1]], lw=2.5, label=rf"$\lambda_{i + 1} q_{i + 1}$")
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Eigenvectors are the axes of the ellipse")
    ax.legend(loc="upper left", fontsize=8)
    return fig
