"""Floating point: rounding, cancellation, overflow and the log-sum-exp trick.

Page: docs/numerical-methods/floating-point.md. Other areas (information theory's
cross-entropy, multivariable calculus's softmax Jacobian) include the sections
``logsumexp``, ``softmax`` and ``log_softmax`` rather than writing them again.
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike, DTypeLike

# --8<-- [end:imports]
from fractions import Fraction
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:float_type]
def float_type(dtype: DTypeLike) -> type[np.floating]:
    """Return the NumPy scalar type of a floating-point dtype, or raise naming dtype.

    Examples
    --------
    >>> float_type("float32")
    <class 'numpy.float32'>
    """
    try:
        t = np.dtype(dtype).type
    except TypeError:
        raise TypeError(f"dtype must be a NumPy dtype, got {dtype!r}") from None
    if not issubclass(t, np.floating):
        raise ValueError(
            f"dtype must be a floating-point type (float16, float32, float64), "
            f"got {np.dtype(dtype).name}"
        )
    return t


# --8<-- [end:float_type]


# --8<-- [start:machine_epsilon]
def machine_epsilon(dtype: DTypeLike = np.float64) -> float:
    """Return the gap between 1 and the next larger float of ``dtype``.

    Halves a candidate until adding half of it to 1 no longer changes 1. The loop
    is the lesson; ``numpy.finfo(dtype).eps`` is the library answer.

    Examples
    --------
    >>> machine_epsilon()  # 2**-52
    2.220446049250313e-16
    """
    t = float_type(dtype)
    one, two, eps = t(1), t(2), t(1)
    while one + eps / two > one:  # at most a few dozen halvings
        eps = eps / two
    return float(eps)


# --8<-- [end:machine_epsilon]


# --8<-- [start:relative_rounding_error]
def relative_rounding_error(x: float | str, dtype: DTypeLike = np.float64) -> float:
    """Return |fl(x) - x| / |x|, the relative error of storing x in ``dtype``.

    x is a number or a decimal string such as "0.1"; the error is computed in exact
    rational arithmetic. For x in the normal range it is at most eps / 2.

    Examples
    --------
    >>> relative_rounding_error("0.1")  # 0.1 has no exact binary representation
    5.551115123125783e-17
    """
    from fractions import Fraction  # exact rational arithmetic (standard library)

    t = float_type(dtype)
    if not isinstance(x, (int, float, str, np.number)) or isinstance(x, bool):
        raise TypeError(f"x must be a number or a decimal string, got {x!r}")
    try:
        value = float(x)
    except ValueError:
        raise ValueError(f"x must be a number or a decimal string, got {x!r}") from None
    if not np.isfinite(value):
        raise ValueError(f"x must be finite, got {x!r}")
    exact = Fraction(x) if isinstance(x, str) else Fraction(value)
    with np.errstate(over="ignore"):  # overflow is reported below
        stored = t(x if isinstance(x, str) else value)
    if not np.isfinite(stored):
        raise ValueError(f"x = {x!r} overflows {np.dtype(t).name}")
    if exact == 0:
        return 0.0
    return float(abs(Fraction(float(stored)) - exact) / abs(exact))


# --8<-- [end:relative_rounding_error]


# --8<-- [start:one_minus_cos]
def one_minus_cos(x: ArrayLike) -> np.ndarray | float:
    """Return 1 - cos(x) as 2 sin^2(x / 2): no cancellation for small x.

    Examples
    --------
    >>> one_minus_cos(1e-8)  # the direct 1 - np.cos(1e-8) gives 0.0
    5.0000000000000005e-17
    """
    x = as_array(x, "x")
    out = 2.0 * np.sin(x / 2.0) ** 2  # the same value, with nothing subtracted
    return float(out) if out.ndim == 0 else out


# --8<-- [end:one_minus_cos]


# --8<-- [start:quadratic_roots]
def quadratic_roots(a: float, b: float, c: float) -> tuple[float, float]:
    """Return the two real roots of a x^2 + b x + c = 0, smaller first, accurately.

    The textbook (-b ± sqrt(b^2 - 4ac)) / 2a subtracts nearly equal numbers for one
    root when b^2 >> |4ac|. Instead compute q = -(b + sign(b) sqrt(b^2 - 4ac)) / 2,
    which adds numbers of the same sign, and take the roots q / a and c / q (Vieta:
    their product is c / a).

    Examples
    --------
    >>> quadratic_roots(1.0, -3.0, 2.0)
    (1.0, 2.0)
    """
    a, b, c = (
        float(as_array(v, name, ndim=0)) for v, name in ((a, "a"), (b, "b"), (c, "c"))
    )
    if a == 0:
        raise ValueError("a must be nonzero (with a = 0 the equation is linear)")
    disc = b * b - 4.0 * a * c
    if disc < 0:
        raise ValueError(
            f"the roots are not real: the discriminant b^2 - 4ac = {disc:.3g} < 0"
        )
    q = -0.5 * (b + float(np.copysign(np.sqrt(disc), b)))
    if q == 0:  # b = 0 and c = 0: a double root at 0
        return 0.0, 0.0
    r1, r2 = q / a, c / q
    return (r1, r2) if r1 <= r2 else (r2, r1)


# --8<-- [end:quadratic_roots]


# --8<-- [start:check_ddof]
def check_ddof(x: np.ndarray, ddof: int) -> int:
    """Return ddof if it is 0 or 1 and x has more than ddof entries, else raise.

    Examples
    --------
    >>> check_ddof(np.ones(3), 1)
    1
    """
    if ddof not in (0, 1) or isinstance(ddof, bool):
        raise ValueError(f"ddof must be 0 (population) or 1 (sample), got {ddof!r}")
    if x.size <= ddof:
        raise ValueError(f"x needs more than ddof = {ddof} values, got {x.size}")
    return int(ddof)


# --8<-- [end:check_ddof]


# --8<-- [start:variance_textbook]
def variance_textbook(x: ArrayLike, ddof: int = 0) -> float:
    """Return (sum x^2 - (sum x)^2 / n) / (n - ddof): one pass, but unstable.

    The two sums are huge and nearly equal when the mean is large compared with
    the spread, and their difference loses every digit. Shown as the trap.

    Examples
    --------
    >>> variance_textbook([1.0, 2.0, 3.0, 4.0])
    1.25
    """
    x = as_array(x, "x", ndim=1)
    ddof = check_ddof(x, ddof)
    n = x.size
    return float((np.sum(x * x) - np.sum(x) ** 2 / n) / (n - ddof))


# --8<-- [end:variance_textbook]


# --8<-- [start:variance_two_pass]
def variance_two_pass(x: ArrayLike, ddof: int = 0) -> float:
    """Return sum (x - mean)^2 / (n - ddof): the mean first, then the deviations.

    Examples
    --------
    >>> variance_two_pass([1.0, 2.0, 3.0, 4.0], ddof=1)
    1.6666666666666667
    """
    x = as_array(x, "x", ndim=1)
    ddof = check_ddof(x, ddof)
    d = x - x.mean()  # small numbers: nothing large is subtracted later
    return float(np.dot(d, d) / (x.size - ddof))


# --8<-- [end:variance_two_pass]


# --8<-- [start:welford_variance]
def welford_variance(x: ArrayLike, ddof: int = 0) -> float:
    """Return the variance in one streaming pass with Welford's update.

    Keeps the running mean and M2 = sum of squared deviations from it; each new
    value updates both with small corrections, so a stream never needs storing.

    Examples
    --------
    >>> welford_variance([1.0, 2.0, 3.0, 4.0])
    1.25
    """
    x = as_array(x, "x", ndim=1)
    ddof = check_ddof(x, ddof)
    mean, m2 = 0.0, 0.0
    for k, value in enumerate(x.tolist(), start=1):  # one value at a time: a stream
        delta = value - mean
        mean += delta / k
        m2 += delta * (value - mean)  # uses the old and the new mean
    return m2 / (x.size - ddof)


# --8<-- [end:welford_variance]


# --8<-- [start:logsumexp]
def logsumexp(z: ArrayLike, axis: int = -1) -> np.ndarray | float:
    """Return log(sum(exp(z))) along ``axis`` without overflow or underflow.

    Shifting by the maximum m leaves the value unchanged,
    log sum exp(z) = m + log sum exp(z - m), and makes every exponent <= 0.

    Examples
    --------
    >>> logsumexp([1000.0, 1000.0])  # 1000 + log 2; the naive form gives inf
    1000.6931471805599
    """
    z = as_array(z, "z")
    m = np.max(z, axis=axis, keepdims=True)
    out = np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(z - m), axis=axis))
    return float(out) if out.ndim == 0 else out


# --8<-- [end:logsumexp]


# --8<-- [start:softmax]
def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """Return exp(z) / sum(exp(z)) along ``axis``, computed stably (max subtracted).

    Examples
    --------
    >>> softmax([1000.0, 1000.0, 1000.0])
    array([0.33333333, 0.33333333, 0.33333333])
    """
    z = as_array(z, "z")
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


# --8<-- [end:softmax]


# --8<-- [start:log_softmax]
def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """Return log(softmax(z)) = z - logsumexp(z), finite even where softmax underflows.

    Examples
    --------
    >>> log_softmax([0.0, 1000.0])  # softmax gives 0.0 for the first entry
    array([-1000.,     0.])
    """
    z = as_array(z, "z")
    m = np.max(z, axis=axis, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


# --8<-- [end:log_softmax]


def plot_float_spacing(dtype: DTypeLike = np.float64) -> Figure:
    """Draw the relative gap between neighboring floats, spacing(x) / x, against x."""
    t = float_type(dtype)
    eps = machine_epsilon(t)
    fig, ax = new_figure(
        "Log-log plot of the gap between a float x and the next float, divided by x, "
        "for x from 1/16 to 16: a sawtooth that drops from eps to eps/2 within each "
        "power of two and jumps back up at every power of two, so the relative "
        "rounding error never exceeds eps/2.",
        width=6.0,
        height=3.6,
    )
    x = np.logspace(-4, 4, 2001, base=2.0).astype(t)
    ax.loglog(x, np.spacing(x) / x, label="spacing$(x)/x$")
    ax.axhline(eps, color="gray", linestyle=":", linewidth=1)
    ax.axhline(eps / 2, color="gray", linestyle="--", linewidth=1)
    ax.text(x[0], eps * 1.08, r"$\epsilon_{\mathrm{mach}}$", fontsize=9)
    ax.text(x[0], eps / 2 * 0.8, r"$\epsilon_{\mathrm{mach}}/2$", va="top", fontsize=9)
    ax.set_xlabel("$x$")
    ax.set_ylabel("relative gap to the next float")
    ax.set_title(f"The relative gap between {np.dtype(t).name} numbers")
    ax.set_ylim(eps / 4, eps * 2)
    return fig


def plot_cancellation() -> Figure:
    """Draw the relative error of 1 - cos x, direct and as 2 sin^2(x/2), against x."""
    fig, ax = new_figure(
        "Log-log plot of the relative error of 1 - cos(x) for x from 1e-9 to 1: "
        "computed directly the error grows like eps / x^2 as x shrinks, reaching 100 "
        "percent (the result 0) below about 1e-8, while 2 sin^2(x/2) stays at the "
        "rounding level of about 1e-16 everywhere.",
        width=6.0,
        height=3.8,
    )
    x = np.logspace(-9, 0, 400)
    exact = np.array([_one_minus_cos_exact(v) for v in x])
    floor = 1e-18  # draw exact zeros on the log axis
    direct = np.abs((1.0 - np.cos(x)) - exact) / exact
    stable = np.abs(one_minus_cos(x) - exact) / exact
    ax.loglog(x, np.maximum(direct, floor), label=r"direct $1 - \cos x$")
    ax.loglog(x, np.maximum(stable, floor), label=r"$2\sin^2(x/2)$")
    eps = float(np.finfo(float).eps)
    ax.loglog(
        x, np.minimum(eps / x**2, 1.0), ":", color="gray", label=r"$\epsilon/x^2$"
    )
    ax.set_ylim(1e-18, 10)
    ax.set_xlabel("$x$")
    ax.set_ylabel("relative error")
    ax.set_title("Catastrophic cancellation in $1 - \\cos x$")
    ax.legend(loc="upper right")
    return fig


def _one_minus_cos_exact(x: float, terms: int = 12) -> float:
    """1 - cos x from its Taylor series x^2/2! - x^4/4! + ..., in exact rationals."""
    xf = Fraction(x)
    total, term = Fraction(0), Fraction(1)
    for k in range(1, terms + 1):
        term = term * xf * xf / ((2 * k - 1) * (2 * k))
        total += term if k % 2 else -term
    return float(total)
