"""Gradient descent: the step size, zig-zag on ill-conditioned problems, backtracking
line search, and stochastic (mini-batch) gradient descent.

Page: docs/optimization/gradient-descent.md. The helpers here (argument checks, the
result record, the optimizer loop) are shared by the other optimization modules.
"""

# --8<-- [start:imports]
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.optimization.convexity import curvature_bounds
from snippets.plotting import new_figure


# --8<-- [start:check_positive]
def check_positive(value: float, name: str) -> float:
    """Return value as a float if it is a finite number > 0; raise naming it if not."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be positive and finite, got {value!r}")
    return float(value)


# --8<-- [end:check_positive]


# --8<-- [start:check_max_iter]
def check_max_iter(max_iter: int) -> int:
    """Return max_iter if it is an integer >= 1; raise naming it if not."""
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError(f"max_iter must be an integer, got {type(max_iter).__name__}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be >= 1, got {max_iter}")
    return int(max_iter)


# --8<-- [end:check_max_iter]


# --8<-- [start:call_checked]
def call_checked(
    fn: Callable[[np.ndarray], ArrayLike],
    x: np.ndarray,
    name: str,
    shape: tuple[int, ...],
) -> np.ndarray:
    """Return fn(x) as a float array of the given shape, or raise naming fn."""
    if not callable(fn):
        raise TypeError(f"{name} must be callable, got {type(fn).__name__}")
    value = np.asarray(fn(x), dtype=float)
    if value.shape != shape:
        raise ValueError(f"{name}(x) must have shape {shape}, got {value.shape}")
    if not np.isfinite(value).all():
        raise ValueError(
            f"{name}(x) is not finite at x = {x}: the iterates diverged "
            "(try a smaller step) or left the domain"
        )
    return value


# --8<-- [end:call_checked]


# --8<-- [start:OptimizationResult]
@dataclass
class OptimizationResult:
    """What an iterative method returns: where it stopped and how it got there."""

    x: np.ndarray  # the last iterate
    n_iter: int  # the number of steps taken
    converged: bool  # True if the stopping test was met before max_iter
    path: np.ndarray  # every iterate, shape (n_iter + 1, n)


# --8<-- [end:OptimizationResult]


# --8<-- [start:gradient_descent]
def gradient_descent(
    gradient: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike,
    lr: float,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> OptimizationResult:
    """Minimize by x <- x - lr * gradient(x) until |gradient(x)| <= tol.

    Examples
    --------
    >>> res = gradient_descent(lambda x: 2 * x, [1.0], lr=0.25)  # f(x) = x^2
    >>> res.path[:3].ravel(), res.n_iter, res.converged
    (array([1.  , 0.5 , 0.25]), 21, True)
    """
    x = as_array(x0, "x0", ndim=1)
    lr = check_positive(lr, "lr")
    tol = check_positive(tol, "tol")
    max_iter = check_max_iter(max_iter)
    path = [x]
    for k in range(max_iter + 1):
        g = call_checked(gradient, x, "gradient", x.shape)
        if np.linalg.norm(g) <= tol or k == max_iter:
            break
        x = x - lr * g  # the whole method is this line
        path.append(x)
    converged = bool(np.linalg.norm(g) <= tol)
    return OptimizationResult(x, len(path) - 1, converged, np.array(path))


# --8<-- [end:gradient_descent]


# --8<-- [start:optimal_step_size]
def optimal_step_size(A: ArrayLike) -> tuple[float, float]:
    """Return the best fixed step 2 / (mu + L) for x^T A x / 2 and its rate.

    With that step every gradient-descent iteration shrinks the error by exactly
    (kappa - 1) / (kappa + 1), kappa = L / mu, in the worst direction.

    Examples
    --------
    >>> optimal_step_size([[1.0, 0.0], [0.0, 9.0]])  # kappa = 9
    (0.2, 0.8)
    """
    mu, L, kappa = curvature_bounds(A)
    return 2.0 / (mu + L), (kappa - 1.0) / (kappa + 1.0)


# --8<-- [end:optimal_step_size]


# --8<-- [start:backtracking_line_search]
def backtracking_line_search(
    f: Callable[[np.ndarray], float],
    x: ArrayLike,
    g: ArrayLike,
    direction: ArrayLike | None = None,
    lr0: float = 1.0,
    c: float = 1e-4,
    shrink: float = 0.5,
    max_steps: int = 60,
) -> float:
    """Return a step lr with f(x + lr d) <= f(x) + c lr g^T d (the Armijo condition).

    ``g`` is the gradient at x and ``d`` the search direction (default -g). The step
    starts at lr0 and is multiplied by ``shrink`` until the condition holds.

    Examples
    --------
    >>> f = lambda x: float(x @ x)
    >>> backtracking_line_search(f, [1.0], [2.0])  # lr = 1 overshoots to x = -1
    0.5
    """
    x = as_array(x, "x", ndim=1)
    g = as_array(g, "g", ndim=1)
    d = -g if direction is None else as_array(direction, "direction", ndim=1)
    if g.shape != x.shape or d.shape != x.shape:
        raise ValueError(f"g and direction must have shape {x.shape} like x")
    lr = check_positive(lr0, "lr0")
    if not (0 < c < 1 and 0 < shrink < 1):
        raise ValueError(f"c and shrink must lie in (0, 1), got {c} and {shrink}")
    slope = float(g @ d)
    if slope >= 0:
        raise ValueError("direction must be a descent direction (g @ direction < 0)")
    fx = float(call_checked(f, x, "f", ()))
    for _ in range(max_steps):
        trial = np.asarray(f(x + lr * d), dtype=float)
        if np.isfinite(trial) and trial <= fx + c * lr * slope:
            return lr
        lr *= shrink
    raise RuntimeError(f"no step satisfies the Armijo condition after {max_steps} cuts")


# --8<-- [end:backtracking_line_search]


# --8<-- [start:gradient_descent_backtracking]
def gradient_descent_backtracking(
    f: Callable[[np.ndarray], float],
    gradient: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike,
    lr0: float = 1.0,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> OptimizationResult:
    """Gradient descent whose step is chosen at each iteration by backtracking.

    Examples
    --------
    >>> f, grad = lambda x: float(x @ x), lambda x: 2 * x
    >>> res = gradient_descent_backtracking(f, grad, [3.0, -4.0])
    >>> res.x, res.n_iter, res.converged
    (array([0., 0.]), 1, True)
    """
    x = as_array(x0, "x0", ndim=1)
    tol = check_positive(tol, "tol")
    max_iter = check_max_iter(max_iter)
    path = [x]
    for k in range(max_iter + 1):
        g = call_checked(gradient, x, "gradient", x.shape)
        if np.linalg.norm(g) <= tol or k == max_iter:
            break
        x_new = x - backtracking_line_search(f, x, g, lr0=lr0) * g
        if np.array_equal(x_new, x):
            break  # the step vanished in rounding: tol is finer than f can resolve
        x = x_new
        path.append(x)
    converged = bool(np.linalg.norm(g) <= tol)
    return OptimizationResult(x, len(path) - 1, converged, np.array(path))


# --8<-- [end:gradient_descent_backtracking]


# --8<-- [start:SGD]
class SGD:
    """The plain gradient step x <- x - lr * g (Robbins and Monro, 1951).

    Every optimizer of this area is a small class with this interface: settings in
    the constructor, state (if any) kept between calls, and ``step(x, gradient)``
    returning the next iterate.

    Examples
    --------
    >>> SGD(lr=0.1).step([1.0], lambda x: 2 * x)  # 1 - 0.1 * 2
    array([0.8])
    """

    def __init__(self, lr: float) -> None:
        self.lr = check_positive(lr, "lr")

    def step(
        self, x: ArrayLike, gradient: Callable[[np.ndarray], ArrayLike]
    ) -> np.ndarray:
        x = as_array(x, "x", ndim=1)
        g = call_checked(gradient, x, "gradient", x.shape)
        return x - self.lr * g


# --8<-- [end:SGD]


# --8<-- [start:Optimizer]
class Optimizer(Protocol):
    """Anything with a step(x, gradient) method that returns the next iterate."""

    def step(
        self, x: ArrayLike, gradient: Callable[[np.ndarray], ArrayLike]
    ) -> np.ndarray: ...


# --8<-- [end:Optimizer]


# --8<-- [start:run_optimizer]
def run_optimizer(
    optimizer: Optimizer,
    gradient: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> OptimizationResult:
    """Call optimizer.step until |gradient(x)| <= tol or max_iter steps are done.

    ``optimizer`` is any object with a ``step(x, gradient)`` method (SGD, Momentum,
    Nesterov, AdaGrad, RMSprop, Adam).

    Examples
    --------
    >>> res = run_optimizer(SGD(lr=0.5), lambda x: 2 * x, [1.0])  # f(x) = x^2
    >>> res.x, res.n_iter, res.converged
    (array([0.]), 1, True)
    """
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError("optimizer must have a step(x, gradient) method")
    x = as_array(x0, "x0", ndim=1)
    tol = check_positive(tol, "tol")
    max_iter = check_max_iter(max_iter)
    path = [x]
    for k in range(max_iter + 1):
        g = call_checked(gradient, x, "gradient", x.shape)
        if np.linalg.norm(g) <= tol or k == max_iter:
            break
        x = optimizer.step(x, gradient)
        path.append(x)
    converged = bool(np.linalg.norm(g) <= tol)
    return OptimizationResult(x, len(path) - 1, converged, np.array(path))


# --8<-- [end:run_optimizer]


# --8<-- [start:minibatch_sgd]
def minibatch_sgd(
    batch_gradient: Callable[[np.ndarray, np.ndarray], ArrayLike],
    x0: ArrayLike,
    n_samples: int,
    lr: float,
    batch_size: int = 32,
    epochs: int = 10,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """Run mini-batch SGD and return every iterate, shape (steps + 1, n).

    ``batch_gradient(x, idx)`` returns the average gradient of the loss over the
    samples whose indices are ``idx``. Each epoch shuffles the samples and takes
    one step per batch. ``epochs`` bounds the work the way max_iter does.

    Examples
    --------
    >>> data = np.array([1.0, 2.0, 3.0, 6.0])  # minimize the mean of (x - d_i)^2 / 2
    >>> grad = lambda x, idx: x - data[idx].mean()
    >>> path = minibatch_sgd(grad, [0.0], 4, lr=0.5, batch_size=2, epochs=20,
    ...                      rng=np.random.default_rng(0))
    >>> path.shape, round(float(path[-1, 0]), 1)  # near the mean, 3, and noisy
    ((41, 1), 2.9)
    """
    x = as_array(x0, "x0", ndim=1)
    lr = check_positive(lr, "lr")
    for value, name in [
        (n_samples, "n_samples"),
        (batch_size, "batch_size"),
        (epochs, "epochs"),
    ]:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    if batch_size > n_samples:
        raise ValueError(f"batch_size must be <= n_samples, got {batch_size}")
    if not callable(batch_gradient):
        raise TypeError(
            f"batch_gradient must be callable, got {type(batch_gradient).__name__}"
        )
    rng = np.random.default_rng() if rng is None else rng
    path = [x]
    for _ in range(epochs):
        order = rng.permutation(n_samples)  # a fresh shuffle every epoch
        for start in range(0, n_samples, batch_size):
            idx = order[start : start + batch_size]
            batch = lambda z, idx=idx: batch_gradient(z, idx)  # noqa: E731
            g = call_checked(batch, x, "batch_gradient", x.shape)
            x = x - lr * g  # a noisy but unbiased estimate of the full gradient
            path.append(x)
    return np.array(path)


# --8<-- [end:minibatch_sgd]


def plot_zigzag(condition_number: float = 10.0, num_steps: int = 15) -> Figure:
    """Draw gradient descent zig-zagging on an ill-conditioned quadratic, and the
    iterations it needs as the condition number grows."""
    fig, (ax, ax2) = new_figure(
        f"Left: contour lines of the quadratic (x1^2 + {condition_number:g} x2^2) / 2 "
        f"with {num_steps} gradient-descent steps at the best fixed step size; the "
        "path bounces across the narrow valley while creeping along it. Right: the "
        "iterations needed to bring the gradient norm below 1e-6 grow in proportion "
        "to the condition number, on log-log axes.",
        ncols=2,
        width=9.6,
        height=4.0,
    )
    A = np.diag([1.0, condition_number])
    lr, _rate = optimal_step_size(A)
    res = gradient_descent(lambda x: A @ x, [condition_number, 1.0], lr, num_steps)
    u = np.linspace(-1.15 * condition_number, 1.15 * condition_number, 241)
    v = np.linspace(-1.6, 1.6, 161)
    U, V = np.meshgrid(u, v)
    levels = np.sort(0.5 * condition_number**2 * np.array([1.1, 0.5, 0.2, 0.05, 0.01]))
    ax.contour(
        U, V, 0.5 * (U**2 + condition_number * V**2), levels=levels, colors="#999999"
    )
    ax.plot(
        res.path[:, 0], res.path[:, 1], "o-", markersize=3, label="gradient descent"
    )
    ax.plot([0], [0], "*", markersize=12, color="black", label="minimum")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(rf"Zig-zag at $\kappa = {condition_number:g}$")
    ax.legend(loc="lower left")
    kappas = np.logspace(0.3, 3, 12)
    counts = []
    for kappa in kappas:
        d = np.array([1.0, kappa])  # A = diag(d), so the gradient is d * x
        step, _ = optimal_step_size(np.diag(d))
        res_k = gradient_descent(d.__mul__, [1.0, 1.0], step, 100_000, 1e-6)
        counts.append(res_k.n_iter)
    ax2.loglog(kappas, counts, "o-", label="iterations to tolerance")
    ax2.set_xlabel(r"condition number $\kappa$")
    ax2.set_ylabel("iterations")
    ax2.set_title("Cost grows with the condition number")
    ax2.legend(loc="upper left")
    return fig
