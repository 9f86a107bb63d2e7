"""Gradient descent in one dimension and the effect of the learning rate.

Page: docs/calculus/gradient-descent-1d.md.
"""

# --8<-- [start:imports]
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike  # noqa: F401  (used by as_array, shown alongside)

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.calculus.limits_derivatives import (
    check_count,
    check_function,
    check_positive,
)
from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:GDResult]
@dataclass(frozen=True)
class GDResult:
    """The outcome of a gradient-descent run.

    x: the last iterate; iterates: x_0, x_1, ..., x_k; converged: the step fell
    below tol; diverged: an iterate left [-bound, bound] (the run stopped there).
    """

    x: float
    iterates: np.ndarray
    converged: bool
    diverged: bool

    @property
    def n_iter(self) -> int:
        """The number of steps taken."""
        return len(self.iterates) - 1


# --8<-- [end:GDResult]


# --8<-- [start:gradient_descent_1d]
def gradient_descent_1d(
    grad: Callable[[float], float],
    x0: float,
    lr: float,
    max_iter: int = 1000,
    tol: float = 1e-10,
    bound: float = 1e10,
) -> GDResult:
    """Minimize f by x_{k+1} = x_k - lr * f'(x_k), given grad = f'.

    Stops when |x_{k+1} - x_k| <= tol (converged), when |x| exceeds bound
    (diverged), or after max_iter steps (neither).

    Examples
    --------
    >>> r = gradient_descent_1d(lambda x: 2 * (x - 3), x0=0.0, lr=0.25)
    >>> round(r.x, 8), r.converged, r.n_iter
    (3.0, True, 35)
    """
    check_function(grad, "grad")
    x = float(as_array(x0, "x0", ndim=0))
    lr = check_positive(lr, "lr")
    max_iter = check_count(max_iter, "max_iter")
    tol = check_positive(tol, "tol")
    bound = check_positive(bound, "bound")
    iterates = [x]
    converged = diverged = False
    for _ in range(max_iter):
        g = float(as_array(grad(x), "grad(x)", ndim=0))
        step = lr * g
        x = x - step
        iterates.append(x)
        if abs(x) > bound:
            diverged = True
            break
        if abs(step) <= tol:
            converged = True
            break
    return GDResult(x, np.array(iterates), converged, diverged)


# --8<-- [end:gradient_descent_1d]


# --8<-- [start:quadratic_iterates]
def quadratic_iterates(
    curvature: float, minimizer: float, x0: float, lr: float, n: int
) -> np.ndarray:
    """Return x_0..x_n of gradient descent on f(x) = c/2 (x - m)^2, in closed form.

    Each step multiplies the distance to m by (1 - lr c):
    x_k = m + (1 - lr c)^k (x0 - m).

    Examples
    --------
    >>> quadratic_iterates(2.0, 0.0, 1.0, 0.75, 3)  # factor 1 - 1.5 = -0.5
    array([ 1.   , -0.5  ,  0.25 , -0.125])
    """
    c = check_positive(curvature, "curvature")
    m = float(as_array(minimizer, "minimizer", ndim=0))
    x0 = float(as_array(x0, "x0", ndim=0))
    lr = check_positive(lr, "lr")
    n = check_count(n, "n", minimum=0)
    k = np.arange(n + 1)
    with np.errstate(over="ignore"):  # a diverging run may overflow to inf: shown as is
        return m + (1.0 - lr * c) ** k * (x0 - m)


# --8<-- [end:quadratic_iterates]


# --8<-- [start:learning_rate_regime]
def learning_rate_regime(lr: float, curvature: float) -> str:
    """Name what gradient descent does on a quadratic with f'' = curvature.

    With q = lr * curvature: q < 1 "monotone", q = 1 "one step", 1 < q < 2
    "oscillating", q = 2 "bouncing", q > 2 "diverging".

    Examples
    --------
    >>> [learning_rate_regime(lr, 2.0) for lr in (0.1, 0.5, 0.8, 1.0, 1.2)]
    ['monotone', 'one step', 'oscillating', 'bouncing', 'diverging']
    """
    q = check_positive(lr, "lr") * check_positive(curvature, "curvature")
    if math.isclose(q, 1.0):
        return "one step"
    if math.isclose(q, 2.0):
        return "bouncing"
    if q < 1:
        return "monotone"
    return "oscillating" if q < 2 else "diverging"


# --8<-- [end:learning_rate_regime]


# --8<-- [start:steps_to_tolerance]
def steps_to_tolerance(lr: float, curvature: float, distance: float, tol: float) -> int:
    """Return the number of steps k with |1 - lr c|^k * distance <= tol on a quadratic.

    Examples
    --------
    >>> steps_to_tolerance(0.1, 2.0, 1.0, 1e-6)  # factor 0.8: 0.8^62 < 1e-6
    62
    """
    c = check_positive(curvature, "curvature")
    lr = check_positive(lr, "lr")
    distance = check_positive(distance, "distance")
    tol = check_positive(tol, "tol")
    rate = abs(1.0 - lr * c)
    if distance <= tol:
        return 0
    if rate == 0.0:
        return 1  # lr = 1 / c: one step lands on the minimizer
    if rate >= 1.0:
        raise ValueError(
            f"no convergence: |1 - lr * curvature| = {rate:g} >= 1 "
            "(lr >= 2 / curvature)"
        )
    return math.ceil(math.log(tol / distance) / math.log(rate))


# --8<-- [end:steps_to_tolerance]


def _quadratic(c: float) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    return (lambda x: 0.5 * c * np.asarray(x) ** 2), (lambda x: c * x)


_DEFAULT_RATES = (0.05, 0.3, 0.85, 1.05)


def _rates(lrs: tuple[float, ...]) -> str:
    return ", ".join(f"{lr:g}" for lr in lrs)


def plot_gd_iterates(
    lrs: tuple[float, ...] = _DEFAULT_RATES,
    x0: float = 2.0,
    n_steps: int = 8,
    f: Callable[[Any], Any] | None = None,
    grad: Callable[[Any], Any] | None = None,
    description: str | None = None,
) -> Figure:
    """Draw gradient-descent iterates on f, one panel per learning rate.

    The default f is the quadratic f(x) = x^2 (f'' = 2, so lr = 1 is the edge).
    Pass ``description`` (the alt text) when you pass your own f and grad.
    """
    default = f is None or grad is None
    if f is None or grad is None:
        f, grad = _quadratic(2.0)
    if description is None:
        description = (
            f"Gradient descent on f(x) = x^2 from x0 = {x0:g} with learning rates "
            f"{_rates(lrs)}, one panel each: the iterates are joined in order on the "
            "parabola; rates below 0.5 approach 0 from one side, rates between 0.5 "
            "and 1 hop from side to side while closing in, rates above 1 hop outward."
            if default
            else f"Gradient descent iterates from x0 = {x0:g} for learning rates "
            f"{_rates(lrs)}, one panel each, drawn on the function."
        )
    rows = (len(lrs) + 1) // 2
    fig, axes = new_figure(
        description, ncols=2, nrows=rows, width=7.6, height=3.0 * rows
    )
    for ax, lr in zip(np.ravel(axes), lrs, strict=False):
        run = gradient_descent_1d(grad, x0, lr, max_iter=n_steps)
        xs = run.iterates
        # Wide enough for every iterate, but at most 3 |x0|: a diverging run leaves it.
        span = min(max(abs(x0), float(np.abs(xs).max())), 3 * abs(x0) + 1) * 1.1
        grid = np.linspace(-span, span, 300)
        values = np.asarray(f(grid))
        ax.plot(grid, values, color="black", linewidth=1.2)
        ax.plot(xs, f(xs), "o-", color="#D55E00", markersize=4, linewidth=1)
        ax.plot(xs[:1], f(xs[:1]), "s", color="#0072B2", markersize=6)
        margin = 0.05 * float(np.ptp(values))
        ax.set_xlim(-span, span)
        ax.set_ylim(values.min() - margin, values.max() + margin)
        ax.set_title(rf"$\eta = {lr:g}$", fontsize=10)
        ax.set_xlabel("$x$")
    for ax in np.ravel(axes)[len(lrs) :]:
        ax.set_visible(False)
    return fig


def plot_gd_loss(
    lrs: tuple[float, ...] = _DEFAULT_RATES,
    x0: float = 2.0,
    n_steps: int = 40,
    f: Callable[[Any], Any] | None = None,
    grad: Callable[[Any], Any] | None = None,
    description: str | None = None,
) -> Figure:
    """Draw f(x_k) against the iteration k for each learning rate.

    The y axis is logarithmic when every loss is positive (as for the default x^2).
    """
    default = f is None or grad is None
    if f is None or grad is None:
        f, grad = _quadratic(2.0)
    if description is None:
        description = (
            "Semi-log plot of the loss f(x_k) = x_k^2 against the iteration k for "
            f"learning rates {_rates(lrs)}: straight lines with slope "
            "2 log|1 - 2 lr|, falling for rates between 0 and 1, fastest near 0.5, "
            "and rising for rates above 1."
            if default
            else "The loss against the iteration for learning rates "
            f"{_rates(lrs)}, from x0 = {x0:g}."
        )
    fig, ax = new_figure(description, width=6.0, height=4.0)
    losses = []
    for lr in lrs:
        run = gradient_descent_1d(grad, x0, lr, max_iter=n_steps, tol=1e-300)
        losses.append(np.asarray(f(run.iterates), dtype=float))
    log_scale = all(np.all(loss > 0) for loss in losses)
    for lr, loss in zip(lrs, losses, strict=True):
        ax.plot(np.arange(loss.size), loss, label=rf"$\eta = {lr:g}$")
    if log_scale:
        ax.set_yscale("log")
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel("loss $f(x_k)$")
    ax.set_title("Loss against iteration")
    ax.legend(loc="best")
    return fig
