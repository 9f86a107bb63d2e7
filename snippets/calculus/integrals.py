"""Riemann sums, the fundamental theorem, trapezoid and Simpson, expectations.

Page: docs/calculus/integrals.md.
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from snippets.calculus.limits_derivatives import check_count, check_function
from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:check_interval]
def check_interval(a: float, b: float) -> tuple[float, float]:
    """Return (a, b) as floats if both are finite and a < b, else raise.

    Examples
    --------
    >>> check_interval(0, 1)
    (0.0, 1.0)
    """
    a = float(as_array(a, "a", ndim=0))
    b = float(as_array(b, "b", ndim=0))
    if not a < b:
        raise ValueError(f"a must be less than b, got a = {a} and b = {b}")
    return a, b


# --8<-- [end:check_interval]


# --8<-- [start:riemann_sum]
def riemann_sum(
    f: Callable[[np.ndarray], ArrayLike],
    a: float,
    b: float,
    n: int,
    rule: str = "midpoint",
) -> float:
    """Return sum_i f(t_i) h, h = (b - a) / n, t_i the left end, right end or midpoint.

    Examples
    --------
    >>> riemann_sum(lambda x: x, 0.0, 1.0, 4, "left")  # (0 + 1/4 + 1/2 + 3/4) / 4
    0.375
    """
    check_function(f)
    a, b = check_interval(a, b)
    n = check_count(n, "n")
    offsets = {"left": 0.0, "midpoint": 0.5, "right": 1.0}
    if rule not in offsets:
        raise ValueError(f"rule must be 'left', 'midpoint' or 'right', got {rule!r}")
    h = (b - a) / n
    t = a + (np.arange(n) + offsets[rule]) * h
    y = as_array(np.broadcast_to(f(t), t.shape), "f(x)")
    return float(h * y.sum())


# --8<-- [end:riemann_sum]


# --8<-- [start:cumulative_integral]
def cumulative_integral(
    f: Callable[[np.ndarray], ArrayLike], a: float, b: float, n: int = 1000
) -> tuple[np.ndarray, np.ndarray]:
    """Return the grid x_0 = a, ..., x_n = b and F(x_i) = integral of f from a to x_i.

    F is built from trapezoids; by the fundamental theorem of calculus F' = f.

    Examples
    --------
    >>> x, F = cumulative_integral(lambda t: 2 * t, 0.0, 1.0, n=4)  # F(x) = x^2
    >>> F
    array([0.    , 0.0625, 0.25  , 0.5625, 1.    ])
    """
    check_function(f)
    a, b = check_interval(a, b)
    n = check_count(n, "n")
    x = np.linspace(a, b, n + 1)
    y = as_array(np.broadcast_to(f(x), x.shape), "f(x)")
    pieces = (y[1:] + y[:-1]) / 2 * np.diff(x)
    return x, np.concatenate([[0.0], np.cumsum(pieces)])


# --8<-- [end:cumulative_integral]


# --8<-- [start:trapezoid]
def trapezoid(
    f: Callable[[np.ndarray], ArrayLike], a: float, b: float, n: int = 100
) -> float:
    """Return the composite trapezoid rule with n panels: error O(h^2), h = (b - a) / n.

    Examples
    --------
    >>> trapezoid(lambda x: x**2, 0.0, 1.0, 2)  # (0 + 2 * 1/4 + 1) / 4; exact 1/3
    0.375
    """
    check_function(f)
    a, b = check_interval(a, b)
    n = check_count(n, "n")
    x = np.linspace(a, b, n + 1)
    y = as_array(np.broadcast_to(f(x), x.shape), "f(x)")
    h = (b - a) / n
    return float(h * (y.sum() - (y[0] + y[-1]) / 2))


# --8<-- [end:trapezoid]


# --8<-- [start:simpson]
def simpson(
    f: Callable[[np.ndarray], ArrayLike], a: float, b: float, n: int = 100
) -> float:
    """Return composite Simpson's rule with n (even) panels: error O(h^4).

    It fits a parabola through each pair of panels:
    weights h/3 * (1, 4, 2, 4, ..., 4, 1).

    Examples
    --------
    >>> simpson(lambda x: x**3, 0.0, 1.0, 2)  # exact for cubics: 1/4
    0.25
    """
    check_function(f)
    a, b = check_interval(a, b)
    n = check_count(n, "n", minimum=2)
    if n % 2:
        raise ValueError(f"n must be even for Simpson's rule, got {n}")
    x = np.linspace(a, b, n + 1)
    y = as_array(np.broadcast_to(f(x), x.shape), "f(x)")
    h = (b - a) / n
    return float(h / 3 * (y[0] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum() + y[-1]))


# --8<-- [end:simpson]


# --8<-- [start:convergence_order]
def convergence_order(n: ArrayLike, errors: ArrayLike) -> float:
    """Return p in error ~ C n^-p, the slope of a least-squares line in log-log scale.

    Examples
    --------
    >>> convergence_order([10, 20, 40], [1e-2, 2.5e-3, 6.25e-4])  # halves twice: p = 2
    2.0
    """
    n = as_array(n, "n", ndim=1)
    e = as_array(errors, "errors", ndim=1)
    if n.size != e.size or n.size < 2:
        raise ValueError(
            f"n and errors need the same length >= 2, got {n.size} and {e.size}"
        )
    if np.any(n <= 0) or np.any(e <= 0):
        raise ValueError("n and errors must be positive (their logarithms are fitted)")
    slope = np.polyfit(np.log(n), np.log(e), 1)[0]
    return float(-slope)


# --8<-- [end:convergence_order]


# --8<-- [start:expectation]
def expectation(
    g: Callable[[np.ndarray], ArrayLike],
    pdf: Callable[[np.ndarray], ArrayLike],
    a: float,
    b: float,
    n: int = 2000,
) -> float:
    """Return E[g(X)] = integral of g(x) p(x) over [a, b] by Simpson's rule.

    [a, b] must hold all but a negligible part of the probability mass.

    Examples
    --------
    >>> round(expectation(lambda x: x, lambda x: np.ones_like(x), 0.0, 1.0), 12)
    0.5
    """
    check_function(g, "g")
    check_function(pdf, "pdf")

    def integrand(x: np.ndarray) -> Any:
        p = as_array(np.broadcast_to(pdf(x), x.shape), "pdf(x)")
        if np.any(p < 0):
            raise ValueError("pdf must be non-negative")
        return np.asarray(g(x)) * p

    return simpson(integrand, a, b, n)


# --8<-- [end:expectation]


# --8<-- [start:probability]
def probability(
    pdf: Callable[[np.ndarray], ArrayLike], a: float, b: float, n: int = 2000
) -> float:
    """Return P(a <= X <= b), the area under the density p between a and b.

    Examples
    --------
    >>> round(probability(lambda x: np.exp(-x), 0.0, np.log(2)), 10)  # Exp(1)
    0.5
    """
    return expectation(lambda x: np.ones_like(x), pdf, a, b, n)


# --8<-- [end:probability]


def plot_riemann_sum(n: int = 8, rule: str = "midpoint") -> Figure:
    """Draw f(x) = sin(x) + 1.2 on [0, 4] with the n rectangles of a Riemann sum."""

    def f(x: Any) -> Any:
        return np.sin(x) + 1.2

    a, b = 0.0, 4.0
    total = riemann_sum(f, a, b, n, rule)
    exact = 1.0 - np.cos(b) + 1.2 * b  # antiderivative -cos(x) + 1.2 x
    fig, ax = new_figure(
        f"The curve y = sin(x) + 1.2 on [0, 4] and the {n} rectangles of its {rule} "
        f"Riemann sum: their total area {total:.4f} approximates the integral "
        f"{exact:.4f}.",
        width=6.0,
        height=3.6,
    )
    h = (b - a) / n
    offset = {"left": 0.0, "midpoint": 0.5, "right": 1.0}[rule]
    for i in range(n):
        t = a + (i + offset) * h
        ax.add_patch(
            Rectangle(
                (a + i * h, 0.0),
                h,
                f(t),
                facecolor="#56B4E9",
                edgecolor="#0072B2",
                alpha=0.5,
            )
        )
    x = np.linspace(a, b, 400)
    ax.plot(x, f(x), color="black", label=r"$f(x) = \sin x + 1.2$")
    ax.set_xlabel("$x$")
    ax.set_title(
        f"{rule.capitalize()} Riemann sum, $n = {n}$: {total:.4f} (exact {exact:.4f})"
    )
    ax.legend(loc="upper right")
    return fig


def plot_integration_convergence() -> Figure:
    """Draw the error of the rules on the integral of exp over [0, 1] against n."""
    fig, ax = new_figure(
        "Log-log plot of the error of the left and midpoint Riemann sums, the "
        "trapezoid rule and Simpson's rule for the integral of e^x over [0, 1] "
        "against the number of panels n from 2 to 1024: straight lines of slope -1 "
        "(left Riemann sum), -2 (midpoint and trapezoid, the midpoint about half as "
        "large) and -4 (Simpson, down to about 1e-14 at n = 1024).",
        width=6.0,
        height=4.0,
    )
    exact = np.e - 1.0
    n = 2 ** np.arange(1, 11)
    rules = (
        (
            "left Riemann sum, $O(h)$",
            lambda k: riemann_sum(np.exp, 0.0, 1.0, k, "left"),
        ),
        ("midpoint, $O(h^2)$", lambda k: riemann_sum(np.exp, 0.0, 1.0, k)),
        ("trapezoid, $O(h^2)$", lambda k: trapezoid(np.exp, 0.0, 1.0, k)),
        ("Simpson, $O(h^4)$", lambda k: simpson(np.exp, 0.0, 1.0, k)),
    )
    for label, rule in rules:
        err = np.array([abs(rule(int(k)) - exact) for k in n])
        ax.loglog(n, np.maximum(err, 1e-17), "o-", markersize=3, label=label)
    ax.set_xlabel("panels $n$")
    ax.set_ylabel("absolute error")
    ax.set_title(r"Error of $\int_0^1 e^x\,dx$")
    ax.legend(loc="lower left")
    return fig
