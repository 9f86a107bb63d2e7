"""Limits, continuity, derivatives, finite differences, rules and the chain rule.

Page: docs/calculus/limits-derivatives.md. The small checks ``check_function``,
``check_positive`` and ``check_count`` are shared by every module of the calculus area.
"""

# --8<-- [start:imports]
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure

#: Machine epsilon of double precision, 2**-52.
EPS = float(np.finfo(float).eps)


# --8<-- [start:check_function]
def check_function(f: object, name: str = "f") -> Callable[..., Any]:
    """Return f if it is callable, else raise a TypeError naming the argument.

    Examples
    --------
    >>> check_function(np.sin) is np.sin
    True
    """
    if not callable(f):
        raise TypeError(f"{name} must be callable, got {type(f).__name__}")
    return f


# --8<-- [end:check_function]


# --8<-- [start:check_positive]
def check_positive(value: object, name: str) -> float:
    """Return value as a float if it is a positive finite number, else raise.

    Examples
    --------
    >>> check_positive(1, "h")
    1.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be positive and finite, got {value!r}")
    return float(value)


# --8<-- [end:check_positive]


# --8<-- [start:check_count]
def check_count(value: object, name: str, minimum: int = 1) -> int:
    """Return value if it is an integer >= minimum, else raise naming the argument.

    Examples
    --------
    >>> check_count(3, "n")
    3
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


# --8<-- [end:check_count]


# --8<-- [start:one_sided_values]
def one_sided_values(
    f: Callable[[np.ndarray], ArrayLike], a: float, h0: float = 0.1, n: int = 7
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the steps h = h0, h0/10, ... and the values f(a - h) and f(a + h).

    f must accept a NumPy array. Reading the two columns downward is how you
    guess lim_{x -> a-} f(x) and lim_{x -> a+} f(x) numerically.

    Examples
    --------
    >>> h, left, right = one_sided_values(np.sign, 0.0, n=3)
    >>> left, right
    (array([-1., -1., -1.]), array([1., 1., 1.]))
    """
    check_function(f)
    a = float(as_array(a, "a", ndim=0))
    h0 = check_positive(h0, "h0")
    n = check_count(n, "n", minimum=2)
    h = h0 * 10.0 ** -np.arange(n)
    left = as_array(np.broadcast_to(f(a - h), h.shape), "f(a - h)")
    right = as_array(np.broadcast_to(f(a + h), h.shape), "f(a + h)")
    return h, left, right


# --8<-- [end:one_sided_values]


# --8<-- [start:numerical_limit]
def numerical_limit(
    f: Callable[[np.ndarray], ArrayLike],
    a: float,
    h0: float = 0.1,
    n: int = 7,
    tol: float = 1e-5,
) -> float:
    """Estimate lim_{x -> a} f(x) from both sides; raise if it does not settle or agree.

    Examples
    --------
    >>> round(numerical_limit(lambda x: np.sin(x) / x, 0.0), 8)
    1.0
    """
    tol = check_positive(tol, "tol")
    h, left, right = one_sided_values(f, a, h0, n)
    lo, hi = left[-1], right[-1]
    scale = max(1.0, abs(lo), abs(hi))
    if max(abs(lo - left[-2]), abs(hi - right[-2])) > tol * scale:
        raise ValueError(
            f"f does not settle near a = {a}: at h = {h[-1]:.0e} the values are "
            f"{lo:.6g} (left) and {hi:.6g} (right)"
        )
    if abs(lo - hi) > tol * scale:
        raise ValueError(
            f"the one-sided limits of f at a = {a} differ: {lo:.6g} (left) "
            f"and {hi:.6g} (right)"
        )
    return float((lo + hi) / 2)


# --8<-- [end:numerical_limit]


# --8<-- [start:is_continuous]
def is_continuous(
    f: Callable[[np.ndarray], ArrayLike], a: float, tol: float = 1e-5
) -> bool:
    """Return True if lim_{x -> a} f(x) exists numerically and equals f(a).

    Examples
    --------
    >>> is_continuous(np.abs, 0.0), is_continuous(np.sign, 0.0)
    (True, False)
    """
    tol = check_positive(tol, "tol")
    one_sided_values(f, a)  # bad input raises here, before the try below
    try:
        limit = numerical_limit(f, a, tol=tol)
    except ValueError:
        return False  # no limit at all: not continuous
    value = float(as_array(f(np.asarray(float(a))), "f(a)", ndim=0))
    return abs(value - limit) <= tol * max(1.0, abs(limit))


# --8<-- [end:is_continuous]


# --8<-- [start:forward_difference]
def forward_difference(
    f: Callable[[np.ndarray], ArrayLike], x: ArrayLike, h: ArrayLike = 2.0**-26
) -> np.ndarray | float:
    """Return (f(x + h) - f(x)) / h, the slope of a secant: error O(h).

    The default h = 2^-26 ~ 1.5e-8 ~ sqrt(machine epsilon) balances truncation
    against rounding for |x| and |f| of order 1. x and h broadcast.

    Examples
    --------
    >>> round(forward_difference(np.exp, 0.0), 6)
    1.0
    """
    check_function(f)
    x = as_array(x, "x")
    h = as_array(h, "h")
    if np.any(h <= 0):
        raise ValueError("h must be positive")
    d = (as_array(f(x + h), "f(x + h)") - as_array(f(x), "f(x)")) / h
    return float(d) if d.ndim == 0 else d


# --8<-- [end:forward_difference]


# --8<-- [start:central_difference]
def central_difference(
    f: Callable[[np.ndarray], ArrayLike], x: ArrayLike, h: ArrayLike = 2.0**-17
) -> np.ndarray | float:
    """Return (f(x + h) - f(x - h)) / (2h), a symmetric secant: error O(h^2).

    The default h = 2^-17 ~ 7.6e-6 ~ (machine epsilon)^(1/3). x and h broadcast.

    Examples
    --------
    >>> round(central_difference(np.sin, 0.0), 10)  # cos(0)
    1.0
    """
    check_function(f)
    x = as_array(x, "x")
    h = as_array(h, "h")
    if np.any(h <= 0):
        raise ValueError("h must be positive")
    d = (as_array(f(x + h), "f(x + h)") - as_array(f(x - h), "f(x - h)")) / (2 * h)
    return float(d) if d.ndim == 0 else d


# --8<-- [end:central_difference]


# --8<-- [start:difference_errors]
def difference_errors(
    f: Callable[[np.ndarray], ArrayLike],
    df: Callable[[np.ndarray], ArrayLike],
    x: float,
    h: ArrayLike,
) -> tuple[np.ndarray, np.ndarray]:
    """Return |forward - f'(x)| and |central - f'(x)| for every step in h.

    Examples
    --------
    >>> fwd, cen = difference_errors(np.exp, np.exp, 0.0, [1e-1, 1e-2])
    >>> fwd.round(4), cen.round(7)
    (array([0.0517, 0.005 ]), array([1.6675e-03, 1.6700e-05]))
    """
    check_function(df, "df")
    x = float(as_array(x, "x", ndim=0))
    h = as_array(h, "h", ndim=1)
    exact = float(as_array(df(np.asarray(x)), "df(x)", ndim=0))
    forward = np.abs(forward_difference(f, x, h) - exact)
    central = np.abs(central_difference(f, x, h) - exact)
    return forward, central


# --8<-- [end:difference_errors]


# --8<-- [start:Dual]
@dataclass(frozen=True)
class Dual:
    """A dual number value + deriv * eps with eps^2 = 0.

    Arithmetic on duals applies the differentiation rules, so evaluating f at
    Dual(x, 1) carries f'(x) along in ``deriv``.
    """

    value: float
    deriv: float = 0.0

    def __post_init__(self) -> None:
        for name in ("value", "deriv"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float, np.number)):
                raise TypeError(f"Dual {name} must be a number, got {type(v).__name__}")
            if not np.isfinite(v):
                raise ValueError(f"Dual {name} must be finite, got {v!r}")

    @staticmethod
    def lift(other: "Dual | float") -> "Dual":
        """A plain number c is the constant c + 0 eps (derivative 0)."""
        return other if isinstance(other, Dual) else Dual(other, 0.0)

    def __add__(self, other: "Dual | float") -> "Dual":  # sum rule
        o = Dual.lift(other)
        return Dual(self.value + o.value, self.deriv + o.deriv)

    __radd__ = __add__

    def __neg__(self) -> "Dual":
        return Dual(-self.value, -self.deriv)

    def __sub__(self, other: "Dual | float") -> "Dual":
        return self + (-Dual.lift(other))

    def __rsub__(self, other: "Dual | float") -> "Dual":
        return Dual.lift(other) - self

    def __mul__(self, other: "Dual | float") -> "Dual":  # product rule
        o = Dual.lift(other)
        return Dual(self.value * o.value, self.deriv * o.value + self.value * o.deriv)

    __rmul__ = __mul__

    def __truediv__(self, other: "Dual | float") -> "Dual":  # quotient rule
        o = Dual.lift(other)
        if o.value == 0:
            raise ValueError("division by a Dual whose value is 0")
        return Dual(
            self.value / o.value,
            (self.deriv * o.value - self.value * o.deriv) / o.value**2,
        )

    def __rtruediv__(self, other: "Dual | float") -> "Dual":
        return Dual.lift(other) / self

    def __pow__(self, n: int) -> "Dual":  # power rule (integer n)
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"exponent n must be an int, got {type(n).__name__}")
        if n < 0:
            return 1.0 / self ** (-n)
        return Dual(self.value**n, n * self.value ** (n - 1) * self.deriv if n else 0.0)

    def chain(
        self, g: Callable[[float], float], dg: Callable[[float], float]
    ) -> "Dual":
        """Return g(self) by the chain rule: (g o u)' = g'(u) u'."""
        return Dual(float(g(self.value)), float(dg(self.value)) * self.deriv)


# --8<-- [end:Dual]


# --8<-- [start:derivative_by_rules]
def derivative_by_rules(f: Callable[[Dual], Dual | float], x: float) -> float:
    """Return f'(x) exactly (up to rounding) by evaluating f at the dual number x + eps.

    f may use +, -, *, /, integer ** and Dual.chain; no step h, no truncation error.

    Examples
    --------
    >>> derivative_by_rules(lambda u: u**3 + 2 * u, 2.0)  # 3 x^2 + 2
    14.0
    """
    check_function(f)
    x = float(as_array(x, "x", ndim=0))
    out = f(Dual(x, 1.0))
    if isinstance(out, Dual):
        return float(out.deriv)
    if isinstance(out, (int, float, np.number)) and not isinstance(out, bool):
        return 0.0  # f ignored its argument: a constant has derivative 0
    raise TypeError(f"f must return a Dual or a number, got {type(out).__name__}")


# --8<-- [end:derivative_by_rules]


# --8<-- [start:chain_rule]
def chain_rule(
    x: float,
    functions: Sequence[Callable[[float], float]],
    derivatives: Sequence[Callable[[float], float]],
) -> tuple[float, float]:
    """Return (y, dy/dx) for y = f_k(...f_2(f_1(x))) by a forward and a backward pass.

    Forward: store u_0 = x, u_i = f_i(u_{i-1}). Backward: start from dy/dy = 1 and
    multiply by the local derivatives f_i'(u_{i-1}) from the output end, as
    backpropagation does.

    Examples
    --------
    >>> y, dy = chain_rule(0.0, [np.exp, np.sin], [np.exp, np.cos])  # sin(exp(x))
    >>> round(y, 6), round(dy, 6)  # sin(1), cos(1) * exp(0)
    (0.841471, 0.540302)
    """
    x = float(as_array(x, "x", ndim=0))
    if len(functions) == 0 or len(functions) != len(derivatives):
        raise ValueError(
            "functions and derivatives must be non-empty and of the same length, "
            f"got {len(functions)} and {len(derivatives)}"
        )
    for i, (f, df) in enumerate(zip(functions, derivatives, strict=True)):
        check_function(f, f"functions[{i}]")
        check_function(df, f"derivatives[{i}]")
    inputs = [x]  # forward pass: keep every intermediate value
    for f in functions:
        inputs.append(float(as_array(f(inputs[-1]), "an intermediate value", ndim=0)))
    grad = 1.0  # backward pass: dy/du_k = 1, then dy/du_{i-1} = dy/du_i * f_i'(u_{i-1})
    for df, u in zip(reversed(derivatives), reversed(inputs[:-1]), strict=True):
        grad *= float(as_array(df(u), "a local derivative", ndim=0))
    return inputs[-1], grad


# --8<-- [end:chain_rule]


def plot_secants(
    x0: float = 0.5, steps: tuple[float, ...] = (1.0, 0.5, 0.25)
) -> Figure:
    """Draw f(x) = x^2 near x0 with forward secants of shrinking h and the tangent."""
    fig, ax = new_figure(
        f"The parabola f(x) = x^2 with forward secant lines from x = {x0} for steps "
        f"h = {', '.join(f'{h:g}' for h in steps)}: as h shrinks the secants turn "
        f"toward the dashed tangent line of slope f'({x0}) = {2 * x0:g}.",
        width=5.6,
        height=4.0,
    )
    x = np.linspace(-0.5, 2.0, 301)
    ax.plot(x, x**2, color="black", label="$f(x) = x^2$")
    for h in steps:
        slope = forward_difference(np.square, x0, h)
        ax.plot(x, x0**2 + slope * (x - x0), label=f"secant, $h = {h:g}$")
        ax.plot([x0 + h], [(x0 + h) ** 2], "o", color="gray", markersize=4)
    ax.plot(x, x0**2 + 2 * x0 * (x - x0), "--", color="black", label="tangent")
    ax.plot([x0], [x0**2], "o", color="black")
    ax.set_ylim(-0.5, 4.0)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(loc="upper left")
    return fig


def plot_difference_errors(x: float = 1.0) -> Figure:
    """Draw the error of forward and central differences of exp at x against h."""
    fig, ax = new_figure(
        "Log-log plot of the error of the forward and central difference of exp at "
        "x = 1 against the step h from 1e-15 to 1: each curve is V-shaped, falling "
        "with slope 1 (forward) or 2 (central) while truncation dominates and rising "
        "with slope -1 once rounding dominates; the minima sit near h = 1e-8 and "
        "h = 1e-5, marked by dotted lines at sqrt(eps) and eps^(1/3).",
        width=6.0,
        height=4.2,
    )
    h = np.logspace(-15, 0, 301)
    forward, central = difference_errors(np.exp, np.exp, x, h)
    tiny = EPS * np.exp(x) * 1e-3  # draw exact zeros on the log axis
    ax.loglog(h, np.maximum(forward, tiny), label="forward, $O(h)$")
    ax.loglog(h, np.maximum(central, tiny), label="central, $O(h^2)$")
    for step, name in (
        (EPS**0.5, r"$\epsilon^{1/2}$"),
        (EPS ** (1 / 3), r"$\epsilon^{1/3}$"),
    ):
        ax.axvline(step, color="gray", linestyle=":", linewidth=1)
        ax.text(step, 3.0, name, ha="center", va="bottom", fontsize=9)
    ax.set_ylim(1e-13, 1e2)
    ax.set_xlabel("step $h$")
    ax.set_ylabel(r"$|$estimate $- f'(x)|$")
    ax.set_title("Finite-difference error of $e^x$ at $x = 1$")
    ax.legend(loc="lower left")
    return fig
