"""Numerical calculus: the finite-difference error model, Richardson extrapolation,
the complex step, Romberg integration and Gaussian quadrature.

Page: docs/numerical-methods/numerical-calculus.md. The finite differences and the
trapezoid and Simpson rules themselves are calculus's (snippets/calculus/).
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.calculus.integrals import check_interval, simpson, trapezoid
from snippets.calculus.limits_derivatives import (
    check_count,
    check_function,
    check_positive,
)
from snippets.checks import as_array
from snippets.plotting import new_figure

#: Machine epsilon of double precision, 2**-52.
EPS = float(np.finfo(np.float64).eps)


# --8<-- [start:difference_error_model]
def difference_error_model(
    h: ArrayLike,
    f_abs: float,
    derivative_abs: float,
    kind: str = "forward",
    eps: float = 2.0**-52,
) -> np.ndarray | float:
    """Return the predicted error of a finite difference with step h.

    forward: h |f''| / 2 + 2 eps |f| / h (pass |f''| as derivative_abs);
    central: h^2 |f'''| / 6 + eps |f| / h (pass |f'''|). The first term is the
    truncation error of the formula, the second the rounding error of f,
    divided by h.

    Examples
    --------
    >>> f"{difference_error_model(1e-8, 1.0, 1.0):.2e}"  # forward, f = f'' = 1
    '4.94e-08'
    """
    h = as_array(h, "h")
    if np.any(h <= 0):
        raise ValueError("h must be positive")
    f_abs = check_positive(f_abs, "f_abs")
    derivative_abs = check_positive(derivative_abs, "derivative_abs")
    eps = check_positive(eps, "eps")
    if kind == "forward":
        out = h * derivative_abs / 2 + 2 * eps * f_abs / h
    elif kind == "central":
        out = h**2 * derivative_abs / 6 + eps * f_abs / h
    else:
        raise ValueError(f"kind must be 'forward' or 'central', got {kind!r}")
    return float(out) if out.ndim == 0 else out


# --8<-- [end:difference_error_model]


# --8<-- [start:optimal_step]
def optimal_step(
    f_abs: float, derivative_abs: float, kind: str = "forward", eps: float = 2.0**-52
) -> float:
    """Return the step h that minimizes difference_error_model.

    forward: h* = 2 sqrt(eps |f| / |f''|); central: h* = (3 eps |f| / |f'''|)^(1/3),
    from setting the derivative of the model to zero.

    Examples
    --------
    >>> f"{optimal_step(1.0, 1.0):.2e}", f"{optimal_step(1.0, 1.0, 'central'):.2e}"
    ('2.98e-08', '8.73e-06')
    """
    f_abs = check_positive(f_abs, "f_abs")
    derivative_abs = check_positive(derivative_abs, "derivative_abs")
    eps = check_positive(eps, "eps")
    if kind == "forward":
        return float(2 * np.sqrt(eps * f_abs / derivative_abs))
    if kind == "central":
        return float((3 * eps * f_abs / derivative_abs) ** (1 / 3))
    raise ValueError(f"kind must be 'forward' or 'central', got {kind!r}")


# --8<-- [end:optimal_step]


# --8<-- [start:finite_difference_errors]
def finite_difference_errors(
    f: Callable[[np.ndarray], Any],
    df: Callable[[np.ndarray], Any],
    x: float,
    h: ArrayLike,
    dtype: DTypeLike = np.float64,
) -> tuple[np.ndarray, np.ndarray]:
    """Return |forward - f'(x)| and |central - f'(x)| for each h, computed in dtype.

    Every operation of the difference quotients runs in dtype (float32 for a GPU
    model, say); the exact derivative df(x) is evaluated in float64.

    Examples
    --------
    >>> fwd, cen = finite_difference_errors(np.exp, np.exp, 0.0, [1e-3], np.float32)
    >>> f"{fwd[0]:.1e}", f"{cen[0]:.1e}"
    ('5.2e-04', '1.7e-05')
    """
    check_function(f)
    check_function(df, "df")
    t = np.dtype(dtype).type
    if not issubclass(t, np.floating):
        raise ValueError(
            f"dtype must be a floating-point type, got {np.dtype(dtype).name}"
        )
    x = float(as_array(x, "x", ndim=0))
    h = as_array(h, "h", ndim=1)
    if np.any(h <= 0):
        raise ValueError("h must be positive")
    exact = float(as_array(df(np.asarray(x)), "df(x)", ndim=0))
    xd, hd = np.asarray(x, dtype=t), h.astype(t)
    forward = (f(xd + hd) - f(xd)) / hd  # every operation in dtype
    central = (f(xd + hd) - f(xd - hd)) / (t(2) * hd)
    return (
        np.abs(forward.astype(np.float64) - exact),
        np.abs(central.astype(np.float64) - exact),
    )


# --8<-- [end:finite_difference_errors]


# --8<-- [start:richardson_derivative]
def richardson_derivative(
    f: Callable[[np.ndarray], Any], x: ArrayLike, h: float = 0.1, levels: int = 4
) -> np.ndarray | float:
    """Return f'(x) by Richardson extrapolation of central differences.

    D(h) = f'(x) + c1 h^2 + c2 h^4 + ...; combining D(h) and D(h/2) as
    (4 D(h/2) - D(h)) / 3 cancels the h^2 term, and repeating the trick cancels
    h^4, h^6, ... With a large h, rounding stays small while the truncation
    error is removed order by order.

    Examples
    --------
    >>> round(richardson_derivative(np.exp, 0.0), 12)
    1.0
    """
    check_function(f)
    x = as_array(x, "x")
    h = check_positive(h, "h")
    levels = check_count(levels, "levels", minimum=0)
    table: list[list[np.ndarray]] = []  # table[i][j]: step h / 2^i, j extrapolations
    for i in range(levels + 1):  # a few levels: the loop is the method
        step = h / 2**i
        row = [
            (as_array(f(x + step), "f(x + h)") - as_array(f(x - step), "f(x - h)"))
            / (2 * step)
        ]
        for j in range(1, i + 1):
            row.append(row[j - 1] + (row[j - 1] - table[i - 1][j - 1]) / (4**j - 1))
        table.append(row)
    out = table[-1][-1]
    return float(out) if out.ndim == 0 else out


# --8<-- [end:richardson_derivative]


# --8<-- [start:complex_step_derivative]
def complex_step_derivative(
    f: Callable[[np.ndarray], Any], x: ArrayLike, h: float = 1e-20
) -> np.ndarray | float:
    """Return f'(x) = Im f(x + i h) / h for a real-analytic f that accepts complex x.

    f(x + ih) = f(x) + ih f'(x) - h^2 f''(x) / 2 - ...: the imaginary part is
    h f'(x) with error O(h^2), and nothing is subtracted, so h can be tiny and
    the result is accurate to machine precision.

    Examples
    --------
    >>> complex_step_derivative(np.exp, 1.0) == np.e
    True
    """
    check_function(f)
    x = as_array(x, "x")
    h = check_positive(h, "h")
    value = np.asarray(f(x + 1j * h))
    if not np.iscomplexobj(value):
        raise TypeError(
            "f must accept and return complex numbers (use np.exp, not math.exp)"
        )
    d = as_array(value.imag / h, "Im f(x + ih) / h")
    return float(d) if d.ndim == 0 else d


# --8<-- [end:complex_step_derivative]


# --8<-- [start:romberg]
def romberg(
    f: Callable[[np.ndarray], Any], a: float, b: float, levels: int = 5
) -> float:
    """Return the Romberg estimate of the integral of f over [a, b].

    Trapezoid sums T(n) with n = 1, 2, 4, ..., 2^levels panels have errors
    c1 h^2 + c2 h^4 + ... (Euler–Maclaurin, for f smooth enough), so Richardson
    extrapolation removes them order by order; the first extrapolation is Simpson's
    rule. Each sum reuses the previous one, T(h/2) = T(h)/2 + (h/2) * (f at the new
    midpoints), so f is evaluated at 2^levels + 1 points in all.

    Examples
    --------
    >>> round(romberg(np.exp, 0.0, 1.0), 12)  # e - 1
    1.718281828459
    """
    check_function(f)
    a, b = check_interval(a, b)
    levels = check_count(levels, "levels", minimum=0)

    def values(x: np.ndarray) -> np.ndarray:
        return as_array(np.broadcast_to(f(x), x.shape), "f(x)")

    h = b - a
    ends = values(np.array([a, b]))
    previous = [h * (ends[0] + ends[1]) / 2]  # R_00: one panel
    for i in range(1, levels + 1):
        h /= 2
        midpoints = a + h * np.arange(1, 2**i, 2)  # the 2^(i-1) new points
        row = [previous[0] / 2 + h * float(values(midpoints).sum())]
        for j in range(1, i + 1):
            row.append(row[j - 1] + (row[j - 1] - previous[j - 1]) / (4**j - 1))
        previous = row
    return float(previous[-1])


# --8<-- [end:romberg]


# --8<-- [start:gauss_legendre_nodes]
def gauss_legendre_nodes(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the n Gauss–Legendre nodes in [-1, 1] and their weights (Golub–Welsch).

    The nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix
    with off-diagonal k / sqrt(4 k^2 - 1); each weight is 2 v_1^2 for the unit
    eigenvector v. The rule integrates every polynomial of degree <= 2n - 1 exactly.

    Examples
    --------
    >>> x, w = gauss_legendre_nodes(2)
    >>> x.round(6), w
    (array([-0.57735,  0.57735]), array([1., 1.]))
    """
    n = check_count(n, "n")
    k = np.arange(1, n)
    beta = k / np.sqrt(4.0 * k**2 - 1.0)
    J = np.diag(beta, 1) + np.diag(beta, -1)
    nodes, V = np.linalg.eigh(J)  # ascending
    return nodes, 2.0 * V[0] ** 2


# --8<-- [end:gauss_legendre_nodes]


# --8<-- [start:gauss_legendre]
def gauss_legendre(
    f: Callable[[np.ndarray], Any], a: float, b: float, n: int = 10
) -> float:
    """Return the n-point Gauss–Legendre estimate of the integral of f over [a, b].

    Examples
    --------
    >>> gauss_legendre(lambda x: x**3, 0.0, 1.0, 2)  # exact for degree <= 3: 1/4
    0.25
    """
    check_function(f)
    a, b = check_interval(a, b)
    t, w = gauss_legendre_nodes(n)
    x = (b - a) / 2 * t + (a + b) / 2  # map [-1, 1] onto [a, b]
    y = as_array(np.broadcast_to(f(x), x.shape), "f(x)")
    return float((b - a) / 2 * (w @ y))


# --8<-- [end:gauss_legendre]


def plot_error_vs_step(dtype: DTypeLike = np.float64, x: float = 1.0) -> Figure:
    """Draw measured and predicted finite-difference errors of exp at x against h."""
    t = np.dtype(dtype).type
    eps = float(np.finfo(t).eps)
    name = np.dtype(dtype).name
    fx = float(np.exp(x))  # |f| = |f''| = |f'''| = e^x for exp
    h_fwd = optimal_step(fx, fx, "forward", eps)
    h_cen = optimal_step(fx, fx, "central", eps)
    fig, ax = new_figure(
        f"Log-log plot of the error of forward and central differences of exp at "
        f"x = {x:g}, computed in {name}, against the step h (dots), with the "
        f"predicted error curves truncation plus rounding (lines) and the predicted "
        f"best steps (dotted verticals). Both measured clouds follow the V shapes "
        f"of the model; the forward minimum sits near {h_fwd:.0e} and the central "
        f"one near {h_cen:.0e}.",
        width=6.2,
        height=4.4,
    )
    low = np.log10(eps) + 1
    h = np.logspace(low, 0, 160)
    forward, central = finite_difference_errors(np.exp, np.exp, x, h, dtype)
    floor = eps * fx * 1e-3  # draw exact zeros on the log axis
    for measured, kind, label in (
        (forward, "forward", "forward"),
        (central, "central", "central"),
    ):
        (dots,) = ax.loglog(
            h,
            np.maximum(measured, floor),
            ".",
            markersize=3,
            label=f"{label}, measured",
        )
        ax.loglog(
            h,
            difference_error_model(h, fx, fx, kind, eps),
            color=dots.get_color(),
            label=f"{label}, model",
        )
        ax.axvline(
            optimal_step(fx, fx, kind, eps),
            color=dots.get_color(),
            linestyle=":",
            linewidth=1,
        )
    ax.set_ylim(eps * fx * 1e-2, 10)
    ax.set_xlabel("step $h$")
    ax.set_ylabel(r"$|$estimate $- f'(x)|$")
    ax.set_title(f"Finite-difference error of $e^x$ in {name}")
    ax.legend(loc="lower right", fontsize=8)
    return fig


def plot_derivative_methods(x: float = 1.0) -> Figure:
    """Draw the error of central differences, Richardson and the complex step vs h."""
    fig, ax = new_figure(
        "Log-log plot of the error in the derivative of exp at x = 1 against the "
        "step h for three methods. Central differences reach about 1e-11 at the best "
        "step; Richardson extrapolation with three levels reaches about 1e-14 with "
        "steps as large as 0.1; the complex step is accurate to rounding level, "
        "about 1e-16, for every step below about 1e-8.",
        width=6.2,
        height=4.2,
    )
    h = np.logspace(-16, 0, 161)
    exact = float(np.exp(x))
    floor = 1e-17
    central = np.abs((np.exp(x + h) - np.exp(x - h)) / (2 * h) - exact)
    richardson = np.abs(
        np.array([richardson_derivative(np.exp, x, step, 3) for step in h]) - exact
    )
    complex_step = np.abs(
        np.array([complex_step_derivative(np.exp, x, step) for step in h]) - exact
    )
    ax.loglog(h, np.maximum(central, floor), label="central difference")
    ax.loglog(h, np.maximum(richardson, floor), label="Richardson, 3 levels")
    ax.loglog(h, np.maximum(complex_step, floor), label="complex step")
    ax.set_ylim(1e-19, 10)
    ax.set_xlabel("step $h$")
    ax.set_ylabel(r"$|$estimate $- f'(x)|$")
    ax.set_title("Beating the rounding floor")
    ax.legend(loc="lower right", fontsize=8)
    return fig


def plot_quadrature_convergence() -> Figure:
    """Draw the error of four integration rules against the number of evaluations."""
    exact = np.e - 1.0  # the integral of exp over [0, 1]
    fig, ax = new_figure(
        "Log-log plot of the error of four rules for the integral of exp over [0, 1] "
        "against the number of function evaluations. The trapezoid error falls like "
        "n^-2 and Simpson's like n^-4; Romberg reaches 1e-15 with 33 evaluations; "
        "Gauss-Legendre reaches rounding level with only 7.",
        width=6.2,
        height=4.2,
    )
    floor = 1e-17
    n = 2 ** np.arange(1, 11)
    ax.loglog(
        n + 1,
        [max(abs(trapezoid(np.exp, 0.0, 1.0, int(k)) - exact), floor) for k in n],
        "o-",
        label="trapezoid",
    )
    ax.loglog(
        n + 1,
        [max(abs(simpson(np.exp, 0.0, 1.0, int(k)) - exact), floor) for k in n],
        "s-",
        label="Simpson",
    )
    levels = np.arange(1, 7)
    ax.loglog(
        2**levels + 1,
        [max(abs(romberg(np.exp, 0.0, 1.0, int(k)) - exact), floor) for k in levels],
        "^-",
        label="Romberg",
    )
    points = np.arange(1, 11)
    ax.loglog(
        points,
        [
            max(abs(gauss_legendre(np.exp, 0.0, 1.0, int(k)) - exact), floor)
            for k in points
        ],
        "D-",
        label="Gauss–Legendre",
    )
    ax.set_ylim(1e-17, 1)
    ax.set_xlabel("function evaluations")
    ax.set_ylabel("absolute error")
    ax.set_title(r"Integrating $e^x$ on $[0, 1]$")
    ax.legend(loc="lower left", fontsize=8)
    return fig
