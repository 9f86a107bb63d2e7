"""Gradients: partial derivatives, the gradient, directional derivatives, Jacobians and
the multivariate chain rule.

Page: docs/multivariable-calculus/gradients.md
"""

# --8<-- [start:imports]
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.numerical_methods.floating_point import softmax
from snippets.plotting import new_figure


# --8<-- [start:check_callable_and_step]
def check_callable_and_step(f: Any, h: Any, name: str = "f") -> float:
    """Raise unless f is callable and h is a positive finite number; return h.

    ``name`` is the argument name the error message uses for f.

    Examples
    --------
    >>> check_callable_and_step(np.sin, 1e-5)
    1e-05
    """
    if not callable(f):
        raise TypeError(f"{name} must be callable, got {type(f).__name__}")
    if isinstance(h, bool) or not isinstance(h, (int, float, np.floating)):
        raise TypeError(f"h must be a number, got {type(h).__name__}")
    if not (np.isfinite(h) and h > 0):
        raise ValueError(f"h must be a positive finite number, got {h!r}")
    return float(h)


# --8<-- [end:check_callable_and_step]


# --8<-- [start:partial_derivative]
def partial_derivative(
    f: Callable[[np.ndarray], float], x: ArrayLike, i: int, h: float = 1e-5
) -> float:
    """Return df/dx_i at x by a central difference along the i-th axis.

    Examples
    --------
    >>> f = lambda v: v[0] ** 2 * v[1]  # df/dx_0 = 2 x_0 x_1
    >>> round(partial_derivative(f, [3.0, 2.0], 0), 6)
    12.0
    """
    h = check_callable_and_step(f, h)
    x = as_array(x, "x", ndim=1)
    if isinstance(i, bool) or not isinstance(i, (int, np.integer)):
        raise TypeError(f"i must be an integer index, got {type(i).__name__}")
    if not 0 <= i < x.size:
        raise ValueError(f"i must be in [0, {x.size}), got {i}")
    e = np.zeros_like(x)
    e[i] = h  # move along axis i only; every other coordinate stays fixed
    value = (f(x + e) - f(x - e)) / (2 * h)
    if np.ndim(value) != 0 or not np.isfinite(value):
        raise ValueError("f must return a finite scalar near x")
    return float(value)


# --8<-- [end:partial_derivative]


# --8<-- [start:numerical_gradient]
def numerical_gradient(
    f: Callable[[np.ndarray], float], x: ArrayLike, h: float = 1e-5
) -> np.ndarray:
    """Return the gradient of a scalar function at x by central differences.

    x may have any shape (a vector, or a weight matrix); the gradient has the same
    shape. The cost is 2 x.size evaluations of f.

    Examples
    --------
    >>> f = lambda v: v[0] ** 2 + 3 * v[1]  # gradient (2 x_0, 3)
    >>> numerical_gradient(f, [1.0, 5.0]).round(6)
    array([2., 3.])
    """
    h = check_callable_and_step(f, h)
    x = as_array(x, "x")
    flat, shape = x.ravel(), x.shape
    steps = h * np.eye(x.size)  # row k moves entry k of x (in flat order) by h
    # The loop runs over evaluations of f (one per entry), not over array entries.
    diffs = np.array(
        [f((flat + e).reshape(shape)) - f((flat - e).reshape(shape)) for e in steps]
    )
    if diffs.shape != (x.size,):
        raise ValueError("f must return a scalar (use jacobian for vector outputs)")
    if not np.isfinite(diffs).all():
        raise ValueError("f returned a non-finite value near x")
    return (diffs / (2 * h)).reshape(x.shape)


# --8<-- [end:numerical_gradient]


# --8<-- [start:directional_derivative]
def directional_derivative(
    f: Callable[[np.ndarray], float], x: ArrayLike, u: ArrayLike, h: float = 1e-5
) -> float:
    """Return the rate of change of f at x along the unit vector u / |u|.

    Examples
    --------
    >>> f = lambda v: v[0] ** 2 + v[1] ** 2  # gradient (2, 0) at (1, 0)
    >>> round(directional_derivative(f, [1.0, 0.0], [1.0, 1.0]), 6)  # 2 / sqrt(2)
    1.414214
    """
    h = check_callable_and_step(f, h)
    x = as_array(x, "x", ndim=1)
    u = as_array(u, "u", ndim=1)
    if u.shape != x.shape:
        raise ValueError(f"u must have the shape of x {x.shape}, got {u.shape}")
    norm = np.linalg.norm(u)
    if norm == 0:
        raise ValueError("u must be a non-zero direction")
    step = h * u / norm  # a step of length h in the direction of u
    value = (f(x + step) - f(x - step)) / (2 * h)
    if np.ndim(value) != 0 or not np.isfinite(value):
        raise ValueError("f must return a finite scalar near x")
    return float(value)


# --8<-- [end:directional_derivative]


# --8<-- [start:jacobian]
def jacobian(
    f: Callable[[np.ndarray], ArrayLike], x: ArrayLike, h: float = 1e-5
) -> np.ndarray:
    """Return the Jacobian J_ij = df_i/dx_j of f: R^n -> R^m by central differences.

    Column j is the change of the whole output when x_j moves: 2 n evaluations of f.

    Examples
    --------
    >>> f = lambda v: np.array([v[0] * v[1], v[0] + v[1]])
    >>> jacobian(f, [2.0, 3.0]).round(6)
    array([[3., 2.],
           [1., 1.]])
    """
    h = check_callable_and_step(f, h)
    x = as_array(x, "x", ndim=1)
    steps = h * np.eye(x.size)
    columns = [
        np.asarray(f(x + e), dtype=float) - np.asarray(f(x - e), dtype=float)
        for e in steps  # the loop runs over evaluations of f, not array entries
    ]
    if any(c.ndim != 1 or c.shape != columns[0].shape for c in columns):
        raise ValueError("f must return 1-D vectors of one fixed length")
    J = np.column_stack(columns) / (2 * h)
    if not np.isfinite(J).all():
        raise ValueError("f returned a non-finite value near x")
    return J


# --8<-- [end:jacobian]


# --8<-- [start:softmax_jacobian]
def softmax_jacobian(z: ArrayLike) -> np.ndarray:
    """Return the Jacobian of softmax at the logits z: diag(s) - s s^T, s = softmax(z).

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])  # s = (1/2, 1/2)
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    z = as_array(z, "z", ndim=1)
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


# --8<-- [end:softmax_jacobian]


# --8<-- [start:chain_rule]
def chain_rule(jacobians: Sequence[ArrayLike]) -> np.ndarray:
    """Return the Jacobian of a composition f_k(...f_2(f_1(x))): J_k ... J_2 J_1.

    ``jacobians`` lists J_1, J_2, ..., J_k in the order the functions are applied
    (innermost first), each evaluated at its own input.

    Examples
    --------
    >>> chain_rule([[[1.0, 2.0]], [[3.0]]])  # R^2 -> R -> R
    array([[3., 6.]])
    """
    if isinstance(jacobians, (str, bytes)) or not isinstance(jacobians, Sequence):
        raise TypeError("jacobians must be a list of matrices")
    if len(jacobians) == 0:
        raise ValueError("jacobians must contain at least one matrix")
    total = as_array(jacobians[0], "jacobians[0]", ndim=2)
    for k in range(1, len(jacobians)):
        J = as_array(jacobians[k], f"jacobians[{k}]", ndim=2)
        if J.shape[1] != total.shape[0]:
            raise ValueError(
                f"jacobians[{k}] has {J.shape[1]} columns but the function before it "
                f"has {total.shape[0]} outputs"
            )
        total = J @ total  # the later function's Jacobian multiplies from the left
    return total


# --8<-- [end:chain_rule]


def _bowl(x: np.ndarray) -> np.ndarray:
    """The tilted bowl f(x) = x_0^2 + 3 x_1^2 + x_0 x_1 over the last axis of x."""
    return x[..., 0] ** 2 + 3 * x[..., 1] ** 2 + x[..., 0] * x[..., 1]


def _bowl_gradient(x: np.ndarray) -> np.ndarray:
    """The analytic gradient (2 x_0 + x_1, 6 x_1 + x_0) of :func:`_bowl`."""
    return np.stack([2 * x[..., 0] + x[..., 1], 6 * x[..., 1] + x[..., 0]], axis=-1)


def plot_gradient_field(n_arrows: int = 11) -> Figure:
    """Draw the level curves of a tilted bowl and its gradient arrows on a grid."""
    fig, ax = new_figure(
        "Level curves of the bowl f(x) = x1^2 + 3 x2^2 + x1 x2, which are tilted "
        "ellipses, with the gradient drawn as arrows on a grid. Every arrow crosses "
        "the level curve through its foot at a right angle and points uphill, away "
        "from the minimum at the origin; arrows are longer where the curves are "
        "closer together.",
        width=5.0,
        height=4.6,
    )
    t = np.linspace(-2, 2, 201)
    XX, YY = np.meshgrid(t, t)
    pts = np.stack([XX, YY], axis=-1)
    levels = [0.1, 0.4, 1, 2, 3.5, 5.5, 8, 11, 14.5]
    ax.contour(XX, YY, _bowl(pts), levels=levels, cmap="viridis", linewidths=1.0)
    ax.plot([0], [0], "o", color="#000000", ms=5)  # the minimum
    s = np.linspace(-1.8, 1.8, n_arrows)
    AX, AY = np.meshgrid(s, s)
    grid = np.stack([AX, AY], axis=-1)
    G = _bowl_gradient(grid)
    ax.quiver(AX, AY, G[..., 0], G[..., 1], color="#D55E00", angles="xy", width=0.004)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(r"Level curves of $f$ and the gradient $\nabla f$")
    return fig
