"""Regression as optimization: linear regression by the normal equations and by
gradient descent; logistic regression's loss, gradient and training by gradient descent.

Page: docs/optimization/regression.md. The sigmoid and softplus come from
snippets/calculus/activations.py (shared, not rewritten).
"""

# --8<-- [start:imports]
from collections.abc import Callable  # noqa: F401  (the shared helpers use these two)
from dataclasses import dataclass  # noqa: F401

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.calculus.activations import sigmoid, softplus
from snippets.checks import as_array
from snippets.optimization.gradient_descent import (
    OptimizationResult,
    check_positive,
    gradient_descent,
)
from snippets.plotting import new_figure


# --8<-- [start:normal_equations]
def normal_equations(X: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Return the least-squares weights solving X^T X w = X^T y.

    Setting the gradient of ||X w - y||^2 / (2n) to zero gives these equations.
    X must have full column rank; for ill-conditioned X prefer a QR- or SVD-based
    solver such as numpy.linalg.lstsq.

    Examples
    --------
    >>> X = [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]  # intercept column, then x
    >>> normal_equations(X, [1.0, 3.0, 5.0])  # y = 1 + 2 x exactly
    array([1., 2.])
    """
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1)
    if y.size != X.shape[0]:
        raise ValueError(f"y must have {X.shape[0]} entries (rows of X), got {y.size}")
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise ValueError("X must have full column rank (independent columns)")
    return np.linalg.solve(X.T @ X, X.T @ y)


# --8<-- [end:normal_equations]


# --8<-- [start:linear_regression_gd]
def linear_regression_gd(
    X: ArrayLike,
    y: ArrayLike,
    lr: float | None = None,
    max_iter: int = 10_000,
    tol: float = 1e-8,
) -> OptimizationResult:
    """Minimize ||X w - y||^2 / (2n) by gradient descent from w = 0.

    The gradient is X^T (X w - y) / n. The default step is 1 / L with
    L = s_max(X)^2 / n, the largest curvature, which always converges.

    Examples
    --------
    >>> X = [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]
    >>> res = linear_regression_gd(X, [1.0, 3.0, 5.0])
    >>> res.x.round(6), res.converged
    (array([1., 2.]), True)
    """
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1)
    if y.size != X.shape[0]:
        raise ValueError(f"y must have {X.shape[0]} entries (rows of X), got {y.size}")
    n = X.shape[0]
    if lr is None:
        lr = n / np.linalg.norm(X, 2) ** 2  # 1 / L
    lr = check_positive(lr, "lr")

    def grad(w: np.ndarray) -> np.ndarray:
        return X.T @ (X @ w - y) / n

    return gradient_descent(grad, np.zeros(X.shape[1]), lr, max_iter, tol)


# --8<-- [end:linear_regression_gd]


# --8<-- [start:check_binary_data]
def check_binary_data(
    w: ArrayLike, X: ArrayLike, y: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return w (d,), X (n, d) and labels y in {0, 1} (n,) as checked arrays."""
    w = as_array(w, "w", ndim=1)
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1)
    if X.shape != (y.size, w.size):
        raise ValueError(
            f"X must have shape (len(y), len(w)) = ({y.size}, {w.size}), got {X.shape}"
        )
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("y must contain only the labels 0 and 1")
    return w, X, y


# --8<-- [end:check_binary_data]


# --8<-- [start:logistic_loss]
def logistic_loss(w: ArrayLike, X: ArrayLike, y: ArrayLike) -> float:
    """Return the mean cross-entropy of p = sigmoid(X w) against labels y in {0, 1}.

    -[y log p + (1 - y) log(1 - p)] simplifies to softplus(z) - y z with z = x^T w,
    which never takes the log of 0 and never overflows.

    Examples
    --------
    >>> round(logistic_loss([0.0], [[1.0], [2.0]], [0.0, 1.0]), 6)  # p = 1/2: log 2
    0.693147
    """
    w, X, y = check_binary_data(w, X, y)
    z = X @ w
    return float(np.mean(np.asarray(softplus(z)) - y * z))


# --8<-- [end:logistic_loss]


# --8<-- [start:logistic_gradient]
def logistic_gradient(w: ArrayLike, X: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Return the gradient X^T (sigmoid(X w) - y) / n of :func:`logistic_loss`.

    Examples
    --------
    >>> logistic_gradient([0.0], [[1.0], [2.0]], [0.0, 1.0])  # (0.5*1 - 0.5*2) / 2
    array([-0.25])
    """
    w, X, y = check_binary_data(w, X, y)
    p = np.asarray(sigmoid(X @ w))  # predicted probabilities
    return X.T @ (p - y) / y.size


# --8<-- [end:logistic_gradient]


# --8<-- [start:logistic_regression_gd]
def logistic_regression_gd(
    X: ArrayLike,
    y: ArrayLike,
    lr: float | None = None,
    max_iter: int = 20_000,
    tol: float = 1e-7,
) -> OptimizationResult:
    """Fit logistic regression (with intercept, no penalty) by gradient descent.

    Returns the optimization result; ``x[0]`` is the intercept and ``x[1:]`` the
    weights. The default step 1 / L uses L = s_max([1 X])^2 / (4n), a bound on the
    curvature (sigmoid' <= 1/4).

    Examples
    --------
    >>> X, y = [[-2.0], [-1.0], [1.0], [0.5], [2.0]], [0.0, 1.0, 0.0, 1.0, 1.0]
    >>> res = logistic_regression_gd(X, y)
    >>> res.x.round(3), res.converged
    (array([0.402, 0.52 ]), True)
    """
    X = as_array(X, "X", ndim=2)
    Xb = np.column_stack([np.ones(X.shape[0]), X])  # intercept column
    check_binary_data(np.zeros(Xb.shape[1]), Xb, y)
    y = np.asarray(y, dtype=float)
    if lr is None:
        lr = 4 * X.shape[0] / np.linalg.norm(Xb, 2) ** 2  # 1 / L
    lr = check_positive(lr, "lr")

    def grad(w: np.ndarray) -> np.ndarray:
        return logistic_gradient(w, Xb, y)

    return gradient_descent(grad, np.zeros(Xb.shape[1]), lr, max_iter, tol)


# --8<-- [end:logistic_regression_gd]


def plot_logistic_fit(n: int = 80) -> Figure:
    """Draw 1-D two-class data, the fitted probability curve and the training loss."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=n)
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(0.5 + 2.0 * x)))).astype(float)
    res = logistic_regression_gd(x[:, None], y, tol=1e-6)
    b, w = res.x
    fig, (ax, ax2) = new_figure(
        f"Left: {n} points with labels 0 and 1 against one feature x, and the fitted "
        f"probability curve sigmoid({b:.2f} + {w:.2f} x) rising from 0 to 1 across the "
        "region where the classes overlap. Right: the mean cross-entropy loss of "
        "gradient descent against the iteration, falling fast and then leveling off "
        "at its minimum.",
        ncols=2,
        width=10.0,
        height=3.8,
    )
    ax.plot(x, y, "o", alpha=0.5, markersize=4, label="data (label 0 or 1)")
    grid = np.linspace(x.min() - 0.5, x.max() + 0.5, 200)
    ax.plot(grid, sigmoid(b + w * grid), label=r"$\sigma(b + w x)$")
    ax.set_xlabel("feature $x$")
    ax.set_ylabel("label / probability")
    ax.set_title("Logistic regression fitted by gradient descent")
    ax.legend(loc="center right")
    Xb = np.column_stack([np.ones(n), x])
    losses = [logistic_loss(wk, Xb, y) for wk in res.path]
    ax2.plot(np.arange(len(losses)), losses)
    ax2.set_xscale("symlog", linthresh=1)
    ax2.set_xlabel("iteration $k$")
    ax2.set_ylabel("mean cross-entropy")
    ax2.set_title("Training loss")
    return fig
