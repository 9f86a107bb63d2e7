"""Matrix calculus: gradients of quadratic forms, of least squares, of log-sum-exp, and
gradients with respect to a weight matrix (a dense layer).

Page: docs/multivariable-calculus/matrix-calculus.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from snippets.checks import as_array


# --8<-- [start:quadratic_form_gradient]
def quadratic_form_gradient(A: ArrayLike, x: ArrayLike) -> np.ndarray:
    """Return the gradient (A + A^T) x of the quadratic form f(x) = x^T A x.

    Examples
    --------
    >>> quadratic_form_gradient([[2.0, 0.0], [0.0, 3.0]], [1.0, 1.0])
    array([4., 6.])
    """
    A = as_array(A, "A", square=True)
    x = as_array(x, "x", ndim=1)
    if A.shape[0] != x.size:
        raise ValueError(f"A is {A.shape[0]}x{A.shape[0]} but x has {x.size} entries")
    return A @ x + A.T @ x  # no need to form A + A^T


# --8<-- [end:quadratic_form_gradient]


# --8<-- [start:least_squares_loss]
def least_squares_loss(X: ArrayLike, w: ArrayLike, y: ArrayLike) -> float:
    """Return the squared residual norm |X w - y|^2.

    Examples
    --------
    >>> least_squares_loss([[1.0, 0.0], [0.0, 1.0]], [1.0, 1.0], [0.0, 3.0])
    5.0
    """
    X = as_array(X, "X", ndim=2)
    w = as_array(w, "w", ndim=1)
    y = as_array(y, "y", ndim=1)
    if X.shape != (y.size, w.size):
        raise ValueError(
            f"X must have shape (len(y), len(w)) = ({y.size}, {w.size}), got {X.shape}"
        )
    r = X @ w - y
    return float(r @ r)


# --8<-- [end:least_squares_loss]


# --8<-- [start:least_squares_gradient]
def least_squares_gradient(X: ArrayLike, w: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Return the gradient 2 X^T (X w - y) of |X w - y|^2 with respect to w.

    Examples
    --------
    >>> least_squares_gradient([[1.0, 0.0], [0.0, 1.0]], [1.0, 1.0], [0.0, 3.0])
    array([ 2., -4.])
    """
    X = as_array(X, "X", ndim=2)
    w = as_array(w, "w", ndim=1)
    y = as_array(y, "y", ndim=1)
    if X.shape != (y.size, w.size):
        raise ValueError(
            f"X must have shape (len(y), len(w)) = ({y.size}, {w.size}), got {X.shape}"
        )
    return 2 * X.T @ (X @ w - y)  # two matrix-vector products: O(m n)


# --8<-- [end:least_squares_gradient]


# --8<-- [start:dense_layer_gradients]
def dense_layer_gradients(
    X: ArrayLike, W: ArrayLike, grad_Z: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Backward pass of a dense layer Z = X W + b: return (dL/dX, dL/dW, dL/db).

    X is (n, d) with one of n samples per row, W is (d, k), and grad_Z = dL/dZ is
    (n, k).
    Each gradient has the shape of the variable it belongs to.

    Examples
    --------
    >>> dX, dW, db = dense_layer_gradients([[1.0, 2.0]], [[1.0], [1.0]], [[1.0]])
    >>> dX, dW, db
    (array([[1., 1.]]), array([[1.],
           [2.]]), array([1.]))
    """
    X = as_array(X, "X", ndim=2)
    W = as_array(W, "W", ndim=2)
    G = as_array(grad_Z, "grad_Z", ndim=2)
    if X.shape[1] != W.shape[0]:
        raise ValueError(f"X has {X.shape[1]} columns but W has {W.shape[0]} rows")
    if G.shape != (X.shape[0], W.shape[1]):
        raise ValueError(
            f"grad_Z must have the shape of Z = X W, {(X.shape[0], W.shape[1])}, "
            f"got {G.shape}"
        )
    return G @ W.T, X.T @ G, G.sum(axis=0)  # b is added to every row: sum the rows


# --8<-- [end:dense_layer_gradients]
