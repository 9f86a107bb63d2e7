"""Orthogonality: orthonormal bases, orthogonal projection, Gram–Schmidt and QR.

Page: docs/linear-algebra/orthogonality.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import solve_triangular

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:is_orthonormal]
def is_orthonormal(Q: ArrayLike, tol: float = 1e-10) -> bool:
    """Return True if the columns of Q (m, n) are orthonormal: Q^T Q = I_n.

    A square Q with orthonormal columns is an orthogonal matrix.

    Examples
    --------
    >>> is_orthonormal([[0, -1], [1, 0]])  # a rotation by 90 degrees
    True
    >>> is_orthonormal([[1, 1], [0, 1]])
    False
    """
    Q = as_array(Q, "Q", ndim=2)
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol!r}")
    gram = Q.T @ Q  # all dot products between columns at once
    return bool(np.abs(gram - np.eye(Q.shape[1])).max() <= tol)


# --8<-- [end:is_orthonormal]


# --8<-- [start:projection_matrix]
def projection_matrix(A: ArrayLike) -> np.ndarray:
    """Return P = A (A^T A)^{-1} A^T, the orthogonal projector onto the columns of A.

    A (m, n) must have linearly independent columns (so A^T A is invertible).

    Examples
    --------
    >>> projection_matrix([[1], [1]])  # onto the line through (1, 1)
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    A = as_array(A, "A", ndim=2)
    S = A / np.abs(A).max()  # P ignores the scale of A; this avoids under/overflow
    if np.linalg.matrix_rank(S) < S.shape[1]:
        raise ValueError("A must have linearly independent columns (full column rank)")
    # Solve (S^T S) X = S^T instead of forming the inverse.
    return S @ np.linalg.solve(S.T @ S, S.T)


# --8<-- [end:projection_matrix]


# --8<-- [start:project]
def project(b: ArrayLike, A: ArrayLike) -> np.ndarray:
    """Return the orthogonal projection of b (m,) onto the column space of A (m, n).

    The projection is A x_hat, where x_hat solves the normal equations
    A^T A x = A^T b; the residual b - A x_hat is orthogonal to every column of A.

    Examples
    --------
    >>> project([2, 0], [[1], [1]])  # onto the line through (1, 1)
    array([1., 1.])
    """
    b = as_array(b, "b", ndim=1)
    A = as_array(A, "A", ndim=2)
    if A.shape[0] != b.shape[0]:
        raise ValueError(f"A has {A.shape[0]} rows but b has {b.shape[0]} entries")
    S = A / np.abs(A).max()  # p ignores the scale of A; this avoids under/overflow
    if np.linalg.matrix_rank(S) < S.shape[1]:
        raise ValueError("A must have linearly independent columns (full column rank)")
    x_hat = np.linalg.solve(S.T @ S, S.T @ b)  # normal equations for the scaled S
    return S @ x_hat


# --8<-- [end:project]


# --8<-- [start:gram_schmidt]
def gram_schmidt(A: ArrayLike, tol: float = 1e-10) -> tuple[np.ndarray, np.ndarray]:
    """Return Q (m, n) with orthonormal columns and upper-triangular R with A = Q R.

    Modified Gram–Schmidt: each new unit vector is removed from all later columns
    at once. A (m, n) needs m >= n and linearly independent columns; a column whose
    remainder is shorter than tol times its original length is rejected.

    Examples
    --------
    >>> Q, R = gram_schmidt([[3, 1], [4, 1]])
    >>> Q.round(4)
    array([[ 0.6,  0.8],
           [ 0.8, -0.6]])
    >>> R.round(4)
    array([[5. , 1.4],
           [0. , 0.2]])
    """
    A = as_array(A, "A", ndim=2)
    m, n = A.shape
    if m < n:
        raise ValueError(f"A must have at least as many rows as columns, got {A.shape}")
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol!r}")
    Q = A.copy()
    R = np.zeros((n, n))
    lengths = np.linalg.norm(A, axis=0)
    for j in range(n):  # the loop over columns is the algorithm
        R[j, j] = np.linalg.norm(Q[:, j])
        if R[j, j] <= tol * lengths[j]:
            raise ValueError(
                f"A must have linearly independent columns: column {j} is "
                "(numerically) a combination of the previous ones"
            )
        Q[:, j] /= R[j, j]
        # Subtract the component along q_j from every later column in one step.
        R[j, j + 1 :] = Q[:, j] @ Q[:, j + 1 :]
        Q[:, j + 1 :] -= np.outer(Q[:, j], R[j, j + 1 :])
    return Q, R


# --8<-- [end:gram_schmidt]


# --8<-- [start:qr_least_squares]
def qr_least_squares(A: ArrayLike, b: ArrayLike) -> np.ndarray:
    """Return x minimizing |A x - b|_2 by solving R x = Q^T b (A = Q R, Gram–Schmidt).

    Examples
    --------
    >>> qr_least_squares([[1, 0], [1, 1], [1, 2]], [1, 2, 4]).round(4)  # line fit
    array([0.8333, 1.5   ])
    """
    A = as_array(A, "A", ndim=2)
    b = as_array(b, "b", ndim=1)
    if A.shape[0] != b.shape[0]:
        raise ValueError(f"A has {A.shape[0]} rows but b has {b.shape[0]} entries")
    Q, R = gram_schmidt(A)
    # R is upper triangular: back substitution, no inverse and no A^T A.
    return solve_triangular(R, Q.T @ b)


# --8<-- [end:qr_least_squares]


def plot_projection(
    b: tuple[float, float] = (1.0, 2.0), a: tuple[float, float] = (3.0, 1.0)
) -> Figure:
    """Draw b, its projection p onto the line through a, and the residual b - p."""
    b_vec = np.asarray(b, dtype=float)
    a_vec = np.asarray(a, dtype=float)
    p = project(b_vec, a_vec[:, None])
    fig, ax = new_figure(
        "Orthogonal projection in the plane: a vector b, its projection p onto the "
        "line spanned by a, and the residual b minus p, which meets the line at a "
        "right angle.",
        width=4.6,
        height=3.6,
    )
    t = np.array([-0.3, 1.3])
    ax.plot(t * a_vec[0], t * a_vec[1], color="#999999", lw=1, label="span of a")
    ax.plot([0, b_vec[0]], [0, b_vec[1]], label="b")
    ax.plot([0, p[0]], [0, p[1]], label="p (projection)")
    ax.plot([p[0], b_vec[0]], [p[1], b_vec[1]], ls="--", label="b - p (residual)")
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Projection onto a line")
    ax.legend(loc="upper left")
    return fig
