"""Higher derivatives, curvature, Taylor polynomials and their error bound.

On this site "curvature" is the second derivative f''; ``graph_curvature`` computes the
different, geometric curvature of the graph as a plane curve.

Page: docs/calculus/taylor.md.
"""

# --8<-- [start:imports]
import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.calculus.limits_derivatives import (
    central_difference,
    check_count,
    check_function,
    check_positive,
)
from snippets.checks import as_array
from snippets.plotting import new_figure

#: The functions whose derivatives series_derivatives knows, with their formulas.
SERIES = ("exp", "sin", "cos", "log1p")


# --8<-- [start:second_difference]
def second_difference(
    f: Callable[[np.ndarray], ArrayLike], x: ArrayLike, h: float = 2.0**-13
) -> np.ndarray | float:
    """Return (f(x + h) - 2 f(x) + f(x - h)) / h^2, an O(h^2) estimate of f''(x).

    The default h = 2^-13 ~ 1.2e-4 ~ (machine epsilon)^(1/4) balances truncation
    against rounding, which now grows like eps / h^2.

    Examples
    --------
    >>> round(second_difference(np.exp, 0.0), 6)
    1.0
    """
    check_function(f)
    x = as_array(x, "x")
    h = check_positive(h, "h")
    fx = as_array(f(x), "f(x)")
    d = as_array(f(x + h), "f(x + h)") - 2 * fx + as_array(f(x - h), "f(x - h)")
    d = d / h**2
    return float(d) if d.ndim == 0 else d


# --8<-- [end:second_difference]


# --8<-- [start:graph_curvature]
def graph_curvature(
    f: Callable[[np.ndarray], ArrayLike], x: ArrayLike
) -> np.ndarray | float:
    """Return the geometric curvature |f''| / (1 + f'^2)^(3/2) of the graph of f at x.

    It is 1 / r for the circle of radius r that best hugs the graph at x. It equals
    |f''| where f' = 0 and is smaller elsewhere.

    Examples
    --------
    >>> round(graph_curvature(lambda t: t**2, 0.0), 6)  # f'' = 2, f' = 0
    2.0
    """
    d1 = np.asarray(central_difference(f, x))
    d2 = np.asarray(second_difference(f, x))
    k = np.abs(d2) / (1.0 + d1**2) ** 1.5
    return float(k) if k.ndim == 0 else k


# --8<-- [end:graph_curvature]


# --8<-- [start:series_derivatives]
def series_derivatives(name: str, n: int, a: float = 0.0) -> np.ndarray:
    """Return [f(a), f'(a), ..., f^(n)(a)] for f = exp, sin, cos or log1p = log(1 + x).

    Examples
    --------
    >>> series_derivatives("sin", 4)  # sin, cos, -sin, -cos, sin at 0
    array([ 0.,  1.,  0., -1.,  0.])
    """
    n = check_count(n, "n", minimum=0)
    a = float(as_array(a, "a", ndim=0))
    k = np.arange(n + 1)
    if name == "exp":
        return np.full(n + 1, np.exp(a))
    if name == "sin":  # d^k/dx^k sin(x) = sin(x + k pi / 2)
        return np.round(np.sin(a + k * np.pi / 2), 15) + 0.0
    if name == "cos":
        return np.round(np.cos(a + k * np.pi / 2), 15) + 0.0
    if name == "log1p":  # d^k/dx^k log(1 + x) = (-1)^(k-1) (k-1)! / (1 + x)^k
        if a <= -1:
            raise ValueError(f"log1p needs a > -1, got a = {a}")
        fact = np.array([math.factorial(j - 1) if j else 1 for j in k], dtype=float)
        d = (-1.0) ** (k - 1) * fact / (1.0 + a) ** k
        d[0] = np.log1p(a)
        return d
    raise ValueError(f"name must be one of 'exp', 'sin', 'cos', 'log1p', got {name!r}")


# --8<-- [end:series_derivatives]


# --8<-- [start:taylor_polynomial]
def taylor_polynomial(
    derivatives: ArrayLike, a: float, x: ArrayLike
) -> np.ndarray | float:
    """Return sum_k f^(k)(a) / k! (x - a)^k from the derivatives f^(0..n)(a).

    Examples
    --------
    >>> taylor_polynomial([1, 1, 1, 1], 0.0, 1.0)  # 1 + 1 + 1/2 + 1/6
    2.6666666666666665
    """
    d = as_array(derivatives, "derivatives", ndim=1)
    a = float(as_array(a, "a", ndim=0))
    x = as_array(x, "x")
    k = np.arange(d.size)
    factorials = np.cumprod(np.maximum(k, 1)).astype(float)  # 0!, 1!, 2!, ...
    p = np.polynomial.polynomial.polyval(x - a, d / factorials)
    return float(p) if np.ndim(p) == 0 else p


# --8<-- [end:taylor_polynomial]


# --8<-- [start:local_approximation]
def local_approximation(
    f: Callable[[np.ndarray], ArrayLike], a: float, x: ArrayLike, order: int = 2
) -> np.ndarray | float:
    """Return the tangent line (order 1) or quadratic model (order 2) of f at a, at x.

    The derivatives f'(a) and f''(a) are estimated by finite differences.

    Examples
    --------
    >>> round(local_approximation(np.exp, 0.0, 0.1, order=1), 6)  # 1 + x
    1.1
    """
    check_function(f)
    order = check_count(order, "order")
    if order > 2:
        raise ValueError(f"order must be 1 or 2, got {order}")
    a = float(as_array(a, "a", ndim=0))
    d = [
        float(as_array(f(np.asarray(a)), "f(a)", ndim=0)),
        float(central_difference(f, a)),
    ]
    if order == 2:
        d.append(float(second_difference(f, a)))
    return taylor_polynomial(d, a, x)


# --8<-- [end:local_approximation]


# --8<-- [start:taylor_error_bound]
def taylor_error_bound(M: float, a: float, x: ArrayLike, n: int) -> np.ndarray | float:
    """Return the Lagrange bound M |x - a|^(n+1) / (n+1)! on |f(x) - T_n(x)|.

    M must bound |f^(n+1)| between a and x.

    Examples
    --------
    >>> round(taylor_error_bound(1.0, 0.0, 0.5, 3), 6)  # sin: M = 1, 0.5^4 / 4!
    0.002604
    """
    M = float(as_array(M, "M", ndim=0))
    if M < 0:
        raise ValueError(f"M must be >= 0, got {M}")
    a = float(as_array(a, "a", ndim=0))
    x = as_array(x, "x")
    n = check_count(n, "n", minimum=0)
    b = M * np.abs(x - a) ** (n + 1) / math.factorial(n + 1)
    return float(b) if b.ndim == 0 else b


# --8<-- [end:taylor_error_bound]


_FUNCTIONS: dict[str, tuple[Callable[[Any], Any], str, str]] = {
    "exp": (np.exp, r"$e^x$", "e^x"),
    "sin": (np.sin, r"$\sin x$", "sin(x)"),
    "cos": (np.cos, r"$\cos x$", "cos(x)"),
    "log1p": (np.log1p, r"$\log(1 + x)$", "log(1 + x)"),
}


def _lookup(name: str) -> tuple[Callable[[Any], Any], str, str]:
    if name not in _FUNCTIONS:
        raise ValueError(f"name must be one of {', '.join(_FUNCTIONS)}, got {name!r}")
    return _FUNCTIONS[name]


def _domain(name: str) -> tuple[float, float]:
    return {"exp": (-3.0, 3.0), "log1p": (-0.95, 2.5)}.get(
        name, (-2 * np.pi, 2 * np.pi)
    )


def plot_taylor_approximations(
    name: str = "sin", orders: tuple[int, ...] = (1, 3, 5, 7, 9)
) -> Figure:
    """Draw f and its Taylor polynomials at 0 of the given orders."""
    f, label, plain = _lookup(name)
    lo, hi = _domain(name)
    behavior = (
        "near 0 each added term follows the curve more closely, but beyond x = 1, "
        "outside the radius of convergence, the higher orders swing away faster."
        if name == "log1p"
        else "each added term makes the polynomial follow the curve over a wider "
        "interval around 0."
    )
    fig, ax = new_figure(
        f"The function {plain} (thick black) on [{lo:.2f}, {hi:.2f}] with its Taylor "
        f"polynomials at 0 of orders {', '.join(map(str, orders))}: {behavior}",
        width=6.4,
        height=4.0,
    )
    x = np.linspace(lo, hi, 400)
    y = f(x)
    ax.plot(x, y, color="black", linewidth=2.6, label=label)
    d = series_derivatives(name, max(orders))
    for n in orders:
        ax.plot(x, taylor_polynomial(d[: n + 1], 0.0, x), label=f"order {n}")
    span = np.ptp(y)
    ax.set_ylim(y.min() - 0.5 * span, y.max() + 0.5 * span)
    ax.set_xlabel("$x$")
    ax.set_title(f"Taylor polynomials of {label} at 0")
    ax.legend(loc="best", fontsize=8)
    return fig


def plot_taylor_errors(
    name: str = "exp", xs: tuple[float, ...] = (0.5, 1.0, 2.0), max_order: int = 15
) -> Figure:
    """Draw |f(x) - T_n(x)| against the order n, for a few points x, on a log scale."""
    f, label, plain = _lookup(name)
    orders = np.arange(max_order + 1)
    d = series_derivatives(name, max_order)
    errors = {
        x: np.array([abs(taylor_polynomial(d[: n + 1], 0.0, x) - f(x)) for n in orders])
        for x in xs
    }
    ends = "; ".join(
        f"at x = {x:g} it {'falls' if e[-1] < e[0] else 'grows'} to {e[-1]:.1e}"
        for x, e in errors.items()
    )
    fig, ax = new_figure(
        f"Semi-log plot of the error of the Taylor polynomial of {plain} at 0 against "
        f"its order n from 0 to {max_order}: {ends}.",
        width=6.0,
        height=4.0,
    )
    for x, err in errors.items():
        ax.semilogy(
            orders, np.maximum(err, 1e-17), "o-", markersize=3, label=f"$x = {x:g}$"
        )
    ax.set_xlabel("order $n$")
    ax.set_ylabel(r"$|f(x) - T_n(x)|$")
    ax.set_title(f"Taylor error of {label} at 0")
    ax.legend(loc="best")
    return fig
