"""Derivatives of the functions ML uses: sigmoid, tanh, ReLU, softplus, log and exp.

Page: docs/calculus/activations.md. Other areas import or include these sections (the
sigmoid of logistic regression, the activations of backpropagation) instead of writing
their own. Each function takes a float or an array and returns the same kind.
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:sigmoid]
def sigmoid(x: ArrayLike) -> np.ndarray | float:
    """Return the logistic sigmoid 1 / (1 + exp(-x)), with no overflow for any x.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-1000.0, 1000.0])
    array([0., 1.])
    """
    x = as_array(x, "x")
    e = np.exp(-np.abs(x))  # in (0, 1]: exp never sees a large positive argument
    r = 1.0 / (1.0 + e)  # sigma(|x|)
    s = np.where(x >= 0, r, e * r)  # sigma(x) = e^x / (1 + e^x) for x < 0
    return float(s) if s.ndim == 0 else s


# --8<-- [end:sigmoid]


# --8<-- [start:sigmoid_derivative]
def sigmoid_derivative(x: ArrayLike) -> np.ndarray | float:
    """Return sigma'(x) = sigma(x) (1 - sigma(x)), accurate also far in the tails.

    Examples
    --------
    >>> sigmoid_derivative(0.0)
    0.25
    """
    x = as_array(x, "x")
    e = np.exp(-np.abs(x))
    d = e / (1.0 + e) ** 2  # = sigma(|x|) sigma(-|x|): no 1 - sigma cancellation
    return float(d) if d.ndim == 0 else d


# --8<-- [end:sigmoid_derivative]


# --8<-- [start:tanh_derivative]
def tanh_derivative(x: ArrayLike) -> np.ndarray | float:
    """Return tanh'(x) = 1 - tanh(x)^2 = 4 e^(-2|x|) / (1 + e^(-2|x|))^2.

    Examples
    --------
    >>> tanh_derivative(0.0)
    1.0
    """
    x = as_array(x, "x")
    e = np.exp(-2.0 * np.abs(x))
    d = 4.0 * e / (1.0 + e) ** 2  # stays accurate where tanh(x) rounds to +-1
    return float(d) if d.ndim == 0 else d


# --8<-- [end:tanh_derivative]


# --8<-- [start:relu]
def relu(x: ArrayLike) -> np.ndarray | float:
    """Return the rectified linear unit max(x, 0).

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    x = as_array(x, "x")
    r = np.maximum(x, 0.0)
    return float(r) if r.ndim == 0 else r


# --8<-- [end:relu]


# --8<-- [start:relu_derivative]
def relu_derivative(x: ArrayLike) -> np.ndarray | float:
    """Return 1 where x > 0 and 0 elsewhere (the convention at the kink x = 0 is 0).

    Examples
    --------
    >>> relu_derivative([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    x = as_array(x, "x")
    d = np.where(x > 0, 1.0, 0.0)
    return float(d) if d.ndim == 0 else d


# --8<-- [end:relu_derivative]


# --8<-- [start:softplus]
def softplus(x: ArrayLike) -> np.ndarray | float:
    """Return log(1 + exp(x)) = max(x, 0) + log(1 + exp(-|x|)), with no overflow.

    Examples
    --------
    >>> round(softplus(0.0), 6)  # log 2
    0.693147
    >>> softplus([-1000.0, 1000.0])
    array([   0., 1000.])
    """
    x = as_array(x, "x")
    s = np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))
    return float(s) if s.ndim == 0 else s


# --8<-- [end:softplus]


# --8<-- [start:softplus_derivative]
def softplus_derivative(x: ArrayLike) -> np.ndarray | float:
    """Return softplus'(x) = sigma(x): the smooth ReLU's slope is the sigmoid.

    Examples
    --------
    >>> softplus_derivative(0.0)
    0.5
    """
    return sigmoid(x)


# --8<-- [end:softplus_derivative]


# --8<-- [start:log_sigmoid]
def log_sigmoid(x: ArrayLike) -> np.ndarray | float:
    """Return log(sigma(x)) = -softplus(-x), finite where sigma(x) underflows to 0.

    Its derivative is d/dx log sigma(x) = sigma'(x) / sigma(x) = 1 - sigma(x).

    Examples
    --------
    >>> log_sigmoid(-1000.0), round(log_sigmoid(0.0), 6)  # -log 2
    (-1000.0, -0.693147)
    """
    x = as_array(x, "x")
    s = np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))
    return float(s) if s.ndim == 0 else s


# --8<-- [end:log_sigmoid]


def plot_activations(lim: float = 5.0) -> Figure:
    """Draw sigmoid, tanh, ReLU and softplus (left) and their derivatives (right)."""
    fig, (ax_f, ax_d) = new_figure(
        "Left: the activations sigmoid, tanh, ReLU and softplus on [-5, 5]. Right: "
        "their derivatives: the sigmoid's peaks at 0.25 and tanh's at 1 at the origin "
        "and both vanish in the tails; ReLU's jumps from 0 to 1 at the origin; "
        "softplus's is the sigmoid.",
        ncols=2,
        width=8.0,
        height=3.6,
    )
    x = np.linspace(-lim, lim, 401)
    curves = (
        ("sigmoid", sigmoid(x), sigmoid_derivative(x)),
        ("tanh", np.tanh(x), tanh_derivative(x)),
        ("ReLU", relu(x), relu_derivative(x)),
        ("softplus", softplus(x), softplus_derivative(x)),
    )
    for name, values, slopes in curves:
        ax_f.plot(x, values, label=name)
        ax_d.plot(x, slopes, label=name)
    ax_f.set_ylim(-1.2, 3.0)
    ax_f.set_title("Activation $g(x)$")
    ax_d.set_title("Derivative $g'(x)$")
    for ax in (ax_f, ax_d):
        ax.set_xlabel("$x$")
        ax.legend(loc="upper left")
    return fig
