"""Matrices: products, special matrices, the trace, tensors and einsum.

Page: docs/linear-algebra/matrices.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:matmul]
def matmul(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Return the product C = AB of A (m, n) and B (n, p) by its definition.

    Entry C_ij is the dot product of row i of A with column j of B. Broadcasting
    forms every product A_ik B_kj in an (m, n, p) array and sums over k.

    Examples
    --------
    >>> matmul([[1, 2], [3, 4]], [[0, 1], [1, 0]])  # swaps the columns
    array([[2., 1.],
           [4., 3.]])
    """
    A = as_array(A, "A", ndim=2)
    B = as_array(B, "B", ndim=2)
    if A.shape[1] != B.shape[0]:
        raise ValueError(
            f"A has {A.shape[1]} columns but B has {B.shape[0]} rows; they must match"
        )
    return (A[:, :, None] * B[None, :, :]).sum(axis=1)


# --8<-- [end:matmul]


# --8<-- [start:dense_layer]
def dense_layer(X: ArrayLike, W: ArrayLike, b: ArrayLike) -> np.ndarray:
    """Return the pre-activation W x + b of a dense layer, for one input or a batch.

    X is one input (n,) or a batch of inputs stacked as rows (m, n); W (k, n) maps n
    inputs to k outputs and b (k,) is the bias. A batch gives X W^T + b, shape (m, k).

    Examples
    --------
    >>> dense_layer([1, 2], [[1, 0], [0, 1], [1, 1]], [0, 0, 0.5])
    array([1. , 2. , 3.5])
    """
    X = as_array(X, "X")
    W = as_array(W, "W", ndim=2)
    b = as_array(b, "b", ndim=1)
    if X.ndim not in (1, 2):
        raise ValueError(f"X must be a vector (n,) or a batch (m, n), got {X.shape}")
    if X.shape[-1] != W.shape[1]:
        raise ValueError(
            f"X has {X.shape[-1]} features but W expects {W.shape[1]} (W is (k, n))"
        )
    if b.shape[0] != W.shape[0]:
        raise ValueError(f"b has {b.shape[0]} entries but W has {W.shape[0]} rows")
    return X @ W.T + b  # the bias broadcasts over the rows of a batch


# --8<-- [end:dense_layer]


# --8<-- [start:classify_matrix]
def classify_matrix(A: ArrayLike, tol: float = 1e-10) -> list[str]:
    """Return the special kinds a square matrix A is, up to a relative tolerance.

    The kinds, in this order: "identity", "diagonal", "symmetric", "upper
    triangular", "lower triangular", "orthogonal". Entries count as zero when
    their size is at most tol * max(1, max |A_ij|).

    Examples
    --------
    >>> classify_matrix([[2, 0], [0, 3]])
    ['diagonal', 'symmetric', 'upper triangular', 'lower triangular']
    """
    A = as_array(A, "A", square=True)
    if not (isinstance(tol, (int, float)) and np.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a finite number >= 0, got {tol!r}")
    n = A.shape[0]
    atol = tol * max(1.0, float(np.abs(A).max()))
    eye = np.eye(n)

    def close(X: np.ndarray, Y: np.ndarray, scale: float = atol) -> bool:
        return bool(np.abs(X - Y).max() <= scale)

    checks = {
        "identity": close(A, eye),
        "diagonal": close(A, np.diag(np.diag(A))),
        "symmetric": close(A, A.T),
        "upper triangular": close(A, np.triu(A)),
        "lower triangular": close(A, np.tril(A)),
        # Q^T Q = I: the columns are orthonormal (rounding grows with n).
        "orthogonal": close(A.T @ A, eye, scale=tol * n),
    }
    return [kind for kind, holds in checks.items() if holds]


# --8<-- [end:classify_matrix]


# --8<-- [start:symmetric_part]
def symmetric_part(A: ArrayLike) -> np.ndarray:
    """Return (A + A^T) / 2, the symmetric part of a square matrix A.

    A quadratic form only sees this part: x^T A x = x^T sym(A) x for every x.

    Examples
    --------
    >>> symmetric_part([[1, 4], [0, 3]])
    array([[1., 2.],
           [2., 3.]])
    """
    A = as_array(A, "A", square=True)
    return (A + A.T) / 2


# --8<-- [end:symmetric_part]


# --8<-- [start:random_orthogonal]
def random_orthogonal(n: int, rng: np.random.Generator | None = None) -> np.ndarray:
    """Return a random n x n orthogonal matrix, uniform over rotations and reflections.

    Take the QR factorization of a Gaussian matrix and flip the sign of each column of
    Q so that R has a positive diagonal; without the flip the result is not uniform.

    Examples
    --------
    >>> Q = random_orthogonal(3, np.random.default_rng(0))
    >>> np.allclose(Q.T @ Q, np.eye(3))
    True
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if rng is None:
        rng = np.random.default_rng()
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator, got {type(rng).__name__}")
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * signs  # scales column j by signs[j]


# --8<-- [end:random_orthogonal]


# --8<-- [start:trace]
def trace(A: ArrayLike) -> float:
    """Return tr(A), the sum of the diagonal entries of a square matrix A.

    Examples
    --------
    >>> trace([[1, 2], [3, 4]])
    5.0
    """
    A = as_array(A, "A", square=True)
    return float(np.sum(np.diagonal(A)))


# --8<-- [end:trace]


# --8<-- [start:trace_of_product]
def trace_of_product(A: ArrayLike, B: ArrayLike) -> float:
    """Return tr(AB) for A (m, n) and B (n, m) without forming the product AB.

    tr(AB) = sum_ij A_ij B_ji: one elementwise product, O(mn) work instead of the
    O(m^2 n) of the full matrix product.

    Examples
    --------
    >>> trace_of_product([[1, 2], [3, 4]], [[5, 6], [7, 8]])  # tr([[19, 22], [43, 50]])
    69.0
    """
    A = as_array(A, "A", ndim=2)
    B = as_array(B, "B", ndim=2)
    if B.shape != A.shape[::-1]:
        raise ValueError(
            f"B must have shape {A.shape[::-1]} (the transpose of A's), got {B.shape}"
        )
    return float(np.sum(A * B.T))


# --8<-- [end:trace_of_product]


# --8<-- [start:batched_matmul]
def batched_matmul(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Return the stack of products A[i] @ B[i] for A (b, m, n) and B (b, n, p).

    The einsum string names every axis: "bmn,bnp->bmp" keeps the batch axis b, sums
    over the shared axis n (it is missing from the output) and keeps m and p.

    Examples
    --------
    >>> A = np.stack([np.eye(2), 2 * np.eye(2)])
    >>> batched_matmul(A, np.ones((2, 2, 1)))[:, :, 0]
    array([[1., 1.],
           [2., 2.]])
    """
    A = as_array(A, "A", ndim=3)
    B = as_array(B, "B", ndim=3)
    if A.shape[0] != B.shape[0]:
        raise ValueError(
            f"A and B must have the same batch size, got {A.shape[0]} and {B.shape[0]}"
        )
    if A.shape[2] != B.shape[1]:
        raise ValueError(
            f"A's matrices have {A.shape[2]} columns but B's have {B.shape[1]} rows"
        )
    return np.einsum("bmn,bnp->bmp", A, B, optimize=True)


# --8<-- [end:batched_matmul]


# --8<-- [start:attention_scores]
def attention_scores(Q: ArrayLike, K: ArrayLike) -> np.ndarray:
    """Return the scaled dot-product scores Q K^T / sqrt(d) for every batch element.

    Q (b, q, d) holds q query vectors and K (b, k, d) holds k key vectors per batch
    element, all of width d; entry [i, s, t] is the dot product of query s with key t,
    over sqrt(d). In the einsum string, j runs over the d entries of the width axis.

    Examples
    --------
    >>> attention_scores(np.ones((1, 1, 4)), np.ones((1, 2, 4)))  # 4 / sqrt(4)
    array([[[2., 2.]]])
    """
    Q = as_array(Q, "Q", ndim=3)
    K = as_array(K, "K", ndim=3)
    if Q.shape[0] != K.shape[0] or Q.shape[2] != K.shape[2]:
        raise ValueError(
            "Q (b, q, d) and K (b, k, d) must agree in batch size b and width d, "
            f"got {Q.shape} and {K.shape}"
        )
    return np.einsum("bqj,bkj->bqk", Q, K, optimize=True) / np.sqrt(Q.shape[2])


# --8<-- [end:attention_scores]


def special_matrices(n: int = 6) -> dict[str, np.ndarray]:
    """Return one example of each special matrix, n x n (used by the figure).

    Examples
    --------
    >>> list(special_matrices(3))
    ['identity', 'diagonal', 'symmetric', 'upper triangular', 'orthogonal']
    """
    rng = np.random.default_rng(0)
    M = rng.normal(size=(n, n))
    return {
        "identity": np.eye(n),
        "diagonal": np.diag(np.linspace(1.0, -1.0, n)),
        "symmetric": symmetric_part(M),
        "upper triangular": np.triu(M),
        "orthogonal": random_orthogonal(n, rng),
    }


def plot_special_matrices(n: int = 6) -> Figure:
    """Draw each special matrix as a grid of colored cells (blue > 0, red < 0)."""
    examples = special_matrices(n)
    fig, axes = new_figure(
        f"Five {n} by {n} matrices drawn as colored grids, blue for positive entries, "
        "red for negative and white for zero: the identity (a blue diagonal), a "
        "diagonal matrix, a symmetric matrix (mirror image across the diagonal), an "
        "upper triangular matrix (white below the diagonal) and an orthogonal matrix.",
        ncols=len(examples),
        width=9.0,
        height=2.4,
    )
    limit = max(float(np.abs(M).max()) for M in examples.values())
    for ax, (name, M) in zip(axes, examples.items(), strict=True):
        ax.imshow(M, cmap="RdBu", vmin=-limit, vmax=limit)
        ax.set_title(name, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    return fig
