"""Backpropagation through a two-layer network (tanh hidden layer, softmax
cross-entropy), checked against finite differences.

Page: docs/multivariable-calculus/backpropagation.md
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.multivariable_calculus.gradients import numerical_gradient
from snippets.multivariable_calculus.matrix_calculus import dense_layer_gradients
from snippets.numerical_methods.floating_point import log_softmax, softmax
from snippets.plotting import new_figure

PARAMETER_NAMES = ("W1", "b1", "W2", "b2")


# --8<-- [start:init_two_layer]
def init_two_layer(
    n_in: int, n_hidden: int, n_out: int, rng: np.random.Generator | None = None
) -> dict[str, np.ndarray]:
    """Return random weights W1 (n_in, n_hidden), W2 (n_hidden, n_out), zero biases.

    Each weight has variance 1 / fan-in, so the pre-activations start near unit scale.

    Examples
    --------
    >>> params = init_two_layer(4, 8, 3, np.random.default_rng(0))
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (4, 8), 'b1': (8,), 'W2': (8, 3), 'b2': (3,)}
    """
    sizes = {"n_in": n_in, "n_hidden": n_hidden, "n_out": n_out}
    for name, size in sizes.items():
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
            raise TypeError(f"{name} must be an integer, got {type(size).__name__}")
        if size < 1:
            raise ValueError(f"{name} must be at least 1, got {size}")
    rng = np.random.default_rng() if rng is None else rng
    return {
        "W1": rng.normal(0.0, 1 / np.sqrt(n_in), size=(n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0.0, 1 / np.sqrt(n_hidden), size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


# --8<-- [end:init_two_layer]


# --8<-- [start:check_params]
def check_params(params: Any) -> dict[str, np.ndarray]:
    """Return the four parameter arrays as floats, or raise if they do not fit together.

    Examples
    --------
    >>> sorted(check_params(init_two_layer(2, 3, 2, np.random.default_rng(0))))
    ['W1', 'W2', 'b1', 'b2']
    """
    if not isinstance(params, dict):
        raise TypeError("params must be a dict with keys W1, b1, W2, b2")
    missing = [k for k in ("W1", "b1", "W2", "b2") if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing}")
    W1 = as_array(params["W1"], "W1", ndim=2)
    b1 = as_array(params["b1"], "b1", ndim=1)
    W2 = as_array(params["W2"], "W2", ndim=2)
    b2 = as_array(params["b2"], "b2", ndim=1)
    if not (b1.size == W1.shape[1] == W2.shape[0] and b2.size == W2.shape[1]):
        raise ValueError(
            f"params shapes do not fit together: W1 {W1.shape}, b1 {b1.shape}, "
            f"W2 {W2.shape}, b2 {b2.shape}"
        )
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# --8<-- [end:check_params]


# --8<-- [start:two_layer_forward]
def two_layer_forward(params: dict[str, np.ndarray], X: ArrayLike) -> dict[str, Any]:
    """Run the forward pass and return the cache {X, Z1, H, Z2} backprop needs.

    Z1 = X W1 + b1, H = tanh(Z1), Z2 = H W2 + b2 (the logits); one sample per row.

    Examples
    --------
    >>> params = init_two_layer(2, 3, 2, np.random.default_rng(0))
    >>> two_layer_forward(params, [[0.0, 0.0]])["Z2"]  # zero input, zero biases
    array([[0., 0.]])
    """
    p = check_params(params)
    X = as_array(X, "X", ndim=2)
    if X.shape[1] != p["W1"].shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} columns but W1 has {p['W1'].shape[0]} rows"
        )
    Z1 = X @ p["W1"] + p["b1"]  # (m, n_hidden)
    H = np.tanh(Z1)
    Z2 = H @ p["W2"] + p["b2"]  # (m, n_out): the logits
    return {"X": X, "Z1": Z1, "H": H, "Z2": Z2}


# --8<-- [end:two_layer_forward]


# --8<-- [start:softmax_cross_entropy]
def softmax_cross_entropy(logits: ArrayLike, y: ArrayLike) -> tuple[float, np.ndarray]:
    """Return the mean cross-entropy of softmax(logits) against labels y, and its
    gradient (softmax(logits) - onehot(y)) / n with respect to the logits.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy([[0.0, 0.0]], [1])
    >>> round(loss, 6), grad  # log 2, and (1/2, 1/2) - (0, 1)
    (0.693147, array([[ 0.5, -0.5]]))
    """
    Z = as_array(logits, "logits", ndim=2)
    labels = np.asarray(y)
    n, k = Z.shape
    if not np.issubdtype(labels.dtype, np.integer):
        raise TypeError(f"y must hold integer class labels, got dtype {labels.dtype}")
    if labels.shape != (n,):
        raise ValueError(
            f"y must have shape ({n},) to match logits, got {labels.shape}"
        )
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"y must hold labels in 0..{k - 1}")
    rows = np.arange(n)
    loss = -log_softmax(Z)[rows, labels].mean()  # stable: never log(0)
    grad = softmax(Z)
    grad[rows, labels] -= 1.0  # s - onehot(y)
    return float(loss), grad / n


# --8<-- [end:softmax_cross_entropy]


# --8<-- [start:backprop]
def backprop(
    params: dict[str, np.ndarray], X: ArrayLike, y: ArrayLike
) -> tuple[float, dict[str, np.ndarray]]:
    """Return the loss and its gradient with respect to W1, b1, W2, b2.

    One forward pass, then the chain rule backward, layer by layer, reusing the cache.

    Examples
    --------
    >>> params = init_two_layer(2, 3, 2, np.random.default_rng(0))
    >>> loss, grads = backprop(params, [[1.0, -1.0]], [0])
    >>> {name: g.shape for name, g in grads.items()}
    {'W1': (2, 3), 'b1': (3,), 'W2': (3, 2), 'b2': (2,)}
    """
    p = check_params(params)
    cache = two_layer_forward(p, X)
    loss, dZ2 = softmax_cross_entropy(cache["Z2"], y)  # dL/dZ2 = (s - onehot) / m
    dH, dW2, db2 = dense_layer_gradients(cache["H"], p["W2"], dZ2)
    dZ1 = dH * (1.0 - cache["H"] ** 2)  # tanh'(z) = 1 - tanh(z)^2, from the cache
    _, dW1, db1 = dense_layer_gradients(cache["X"], p["W1"], dZ1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# --8<-- [end:backprop]


# --8<-- [start:parameter_loss]
def parameter_loss(
    params: dict[str, np.ndarray], name: str, X: ArrayLike, y: ArrayLike
) -> Callable[[np.ndarray], float]:
    """Return the loss as a function of the one parameter array ``name``, others fixed.

    Examples
    --------
    >>> params = init_two_layer(2, 3, 2, np.random.default_rng(0))
    >>> loss_of_b2 = parameter_loss(params, "b2", [[0.0, 0.0]], [0])
    >>> round(loss_of_b2(np.array([0.0, 0.0])), 6)  # equal logits: log 2
    0.693147
    """
    p = check_params(params)
    if name not in p:
        raise ValueError(f"name must be one of W1, b1, W2, b2, got {name!r}")

    def loss(value: np.ndarray) -> float:
        logits = two_layer_forward({**p, name: value}, X)["Z2"]
        return softmax_cross_entropy(logits, y)[0]

    return loss


# --8<-- [end:parameter_loss]


# --8<-- [start:relative_error]
def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    """Return |a - b| / (|a| + |b|), a scale-free gap between two arrays (0 if both 0).

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    """
    a = as_array(a, "a")
    b = as_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must have the same shape, got {a.shape} and {b.shape}"
        )
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


# --8<-- [end:relative_error]


# --8<-- [start:gradient_check]
def gradient_check(
    params: dict[str, np.ndarray], X: ArrayLike, y: ArrayLike, h: float = 1e-5
) -> dict[str, float]:
    """Return, per parameter, the relative error between backprop and central
    differences. Values below about 1e-6 mean the backward pass is right.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> params = init_two_layer(3, 4, 2, rng)
    >>> errors = gradient_check(params, rng.normal(size=(5, 3)), [0, 1, 1, 0, 1])
    >>> all(e < 1e-6 for e in errors.values())
    True
    """
    p = check_params(params)
    _, grads = backprop(p, X, y)
    errors = {}
    for name in grads:  # four parameter arrays: W1, b1, W2, b2
        numeric = numerical_gradient(parameter_loss(p, name, X, y), p[name], h)
        errors[name] = relative_error(grads[name], numeric)
    return errors


# --8<-- [end:gradient_check]


def _toy_problem(
    n_samples: int = 30, seed: int = 0
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """A small network (4 -> 5 -> 3) and a random three-class data set for figures."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, 4))
    y = rng.integers(0, 3, size=n_samples)
    return init_two_layer(4, 5, 3, rng), X, y


def _flat_gradients(
    params: dict[str, np.ndarray], X: ArrayLike, y: ArrayLike, h: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return backprop and finite-difference gradients, flattened, with entry names."""
    p = check_params(params)
    _, grads = backprop(p, X, y)
    analytic, numeric, names = [], [], []
    for name in PARAMETER_NAMES:
        loss_of = parameter_loss(p, name, X, y)
        analytic.append(grads[name].ravel())
        numeric.append(numerical_gradient(loss_of, p[name], h).ravel())
        names += [name] * grads[name].size
    return np.concatenate(analytic), np.concatenate(numeric), names


def plot_gradient_check(
    params: dict[str, np.ndarray] | None = None,
    X: ArrayLike | None = None,
    y: ArrayLike | None = None,
) -> Figure:
    """Scatter backprop against finite differences, and bar the per-entry errors."""
    if params is None or X is None or y is None:
        params, X, y = _toy_problem()
    analytic, numeric, names = _flat_gradients(params, X, y)
    fig, (ax1, ax2) = new_figure(
        "Left: every gradient entry of a two-layer network, backpropagation on the "
        "horizontal axis against central finite differences on the vertical axis; all "
        "points lie on the diagonal. Right: the absolute difference of each entry on a "
        "log scale, grouped by parameter (W1, b1, W2, b2), far below the size of the "
        "gradients themselves.",
        ncols=2,
        width=9.0,
        height=4.0,
    )
    colors = {"W1": "#0072B2", "b1": "#56B4E9", "W2": "#D55E00", "b2": "#E69F00"}
    for name in PARAMETER_NAMES:
        mask = np.array([n == name for n in names])
        ax1.plot(
            analytic[mask], numeric[mask], "o", ms=4, label=name, color=colors[name]
        )
    lim = 1.1 * np.abs(np.concatenate([analytic, numeric])).max()
    ax1.plot([-lim, lim], [-lim, lim], "-", color="#999999", lw=1, zorder=0)
    ax1.set_xlabel("backpropagation")
    ax1.set_ylabel("finite differences")
    ax1.set_title("Gradient entries")
    ax1.legend(loc="upper left")
    gap = np.maximum(np.abs(analytic - numeric), 1e-18)  # log scale needs > 0
    ax2.bar(np.arange(gap.size), gap, color=[colors[n] for n in names], width=0.8)
    ax2.set_yscale("log")
    ax2.set_xlabel("gradient entry")
    ax2.set_ylabel("|backprop - finite difference|")
    ax2.set_title("Absolute differences")
    return fig
