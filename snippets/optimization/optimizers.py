"""The optimizers of deep learning, one update rule each: momentum (heavy ball),
Nesterov, AdaGrad, RMSprop and Adam.

Page: docs/optimization/optimizers.md. Each rule is a small class with the interface
of :class:`snippets.optimization.gradient_descent.SGD`: settings in the constructor,
state kept between calls, and ``step(x, gradient)`` returning the next iterate. Run one
with :func:`snippets.optimization.gradient_descent.run_optimizer`.
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.optimization.gradient_descent import (
    SGD,
    OptimizationResult,
    Optimizer,
    call_checked,
    check_positive,
    run_optimizer,
)
from snippets.optimization.optimality import rosenbrock_gradient
from snippets.plotting import new_figure


# --8<-- [start:check_fraction]
def check_fraction(value: float, name: str) -> float:
    """Return value as a float if 0 <= value < 1 (a decay rate); raise naming it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not 0 <= value < 1:
        raise ValueError(f"{name} must lie in [0, 1), got {value!r}")
    return float(value)


# --8<-- [end:check_fraction]


# --8<-- [start:state_like]
def state_like(state: np.ndarray | None, x: np.ndarray) -> np.ndarray:
    """Return the optimizer's state, or zeros like x on the first step."""
    if state is None:
        return np.zeros_like(x)
    if state.shape != x.shape:
        raise ValueError(
            f"x has shape {x.shape} but this optimizer was used with {state.shape}; "
            "create a new optimizer for a new problem"
        )
    return state


# --8<-- [end:state_like]


# --8<-- [start:Momentum]
class Momentum:
    """Heavy-ball momentum (Polyak, 1964), written as in Sutskever et al. (2013):

        v <- beta * v - lr * g(x),    x <- x + v.

    Examples
    --------
    >>> opt = Momentum(lr=0.1, beta=0.9)
    >>> x1 = opt.step([1.0], lambda x: 2 * x)  # v = -0.2
    >>> x1, opt.step(x1, lambda x: 2 * x)      # v = 0.9 (-0.2) - 0.1 (1.6) = -0.34
    (array([0.8]), array([0.46]))
    """

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        self.lr = check_positive(lr, "lr")
        self.beta = check_fraction(beta, "beta")
        self.v: np.ndarray | None = None  # the velocity

    def step(
        self, x: ArrayLike, gradient: Callable[[np.ndarray], ArrayLike]
    ) -> np.ndarray:
        x = as_array(x, "x", ndim=1)
        g = call_checked(gradient, x, "gradient", x.shape)
        self.v = self.beta * state_like(self.v, x) - self.lr * g
        return x + self.v


# --8<-- [end:Momentum]


# --8<-- [start:Nesterov]
class Nesterov:
    """Nesterov's accelerated gradient (Nesterov, 1983) in the momentum form of
    Sutskever et al. (2013): the gradient is taken at the look-ahead point x + beta v,

        v <- beta * v - lr * g(x + beta * v),    x <- x + v.

    Examples
    --------
    >>> opt = Nesterov(lr=0.1, beta=0.9)
    >>> x1 = opt.step([1.0], lambda x: 2 * x)  # v = -0.2
    >>> x1, opt.step(x1, lambda x: 2 * x)      # look-ahead 0.62: v = -0.18 - 0.124
    (array([0.8]), array([0.496]))
    """

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        self.lr = check_positive(lr, "lr")
        self.beta = check_fraction(beta, "beta")
        self.v: np.ndarray | None = None

    def step(
        self, x: ArrayLike, gradient: Callable[[np.ndarray], ArrayLike]
    ) -> np.ndarray:
        x = as_array(x, "x", ndim=1)
        v = state_like(self.v, x)
        g = call_checked(gradient, x + self.beta * v, "gradient", x.shape)
        self.v = self.beta * v - self.lr * g
        return x + self.v


# --8<-- [end:Nesterov]


# --8<-- [start:AdaGrad]
class AdaGrad:
    """AdaGrad (Duchi, Hazan and Singer, 2011), diagonal version: each coordinate's
    step is divided by the root of its summed squared gradients,

        G <- G + g * g,    x <- x - lr * g / (sqrt(G) + eps).

    Examples
    --------
    >>> opt = AdaGrad(lr=0.1)
    >>> x1 = opt.step([1.0], lambda x: 2 * x)  # G = 4: step 0.1 * 2 / 2
    >>> x1, opt.step(x1, lambda x: 2 * x)      # G = 4 + 3.24: step 0.1 * 1.8 / 2.69
    (array([0.9]), array([0.83309691]))
    """

    def __init__(self, lr: float, eps: float = 1e-8) -> None:
        self.lr = check_positive(lr, "lr")
        self.eps = check_positive(eps, "eps")
        self.G: np.ndarray | None = None  # running sum of squared gradients

    def step(
        self, x: ArrayLike, gradient: Callable[[np.ndarray], ArrayLike]
    ) -> np.ndarray:
        x = as_array(x, "x", ndim=1)
        g = call_checked(gradient, x, "gradient", x.shape)
        self.G = state_like(self.G, x) + g * g
        return x - self.lr * g / (np.sqrt(self.G) + self.eps)


# --8<-- [end:AdaGrad]


# --8<-- [start:RMSprop]
class RMSprop:
    """RMSprop (Tieleman and Hinton, 2012): like AdaGrad, but a moving average of
    squared gradients replaces the sum, so the steps do not shrink for ever,

        s <- rho * s + (1 - rho) * g * g,    x <- x - lr * g / (sqrt(s) + eps).

    Examples
    --------
    >>> opt = RMSprop(lr=0.01, rho=0.9)
    >>> x1 = opt.step([1.0], lambda x: 2 * x)  # s = 0.4: step 0.01 * 2 / 0.632
    >>> x1, opt.step(x1, lambda x: 2 * x)
    (array([0.96837722]), array([0.94578803]))
    """

    def __init__(self, lr: float = 0.001, rho: float = 0.9, eps: float = 1e-8) -> None:
        self.lr = check_positive(lr, "lr")
        self.rho = check_fraction(rho, "rho")
        self.eps = check_positive(eps, "eps")
        self.s: np.ndarray | None = None  # moving average of squared gradients

    def step(
        self, x: ArrayLike, gradient: Callable[[np.ndarray], ArrayLike]
    ) -> np.ndarray:
        x = as_array(x, "x", ndim=1)
        g = call_checked(gradient, x, "gradient", x.shape)
        self.s = self.rho * state_like(self.s, x) + (1 - self.rho) * g * g
        return x - self.lr * g / (np.sqrt(self.s) + self.eps)


# --8<-- [end:RMSprop]


# --8<-- [start:Adam]
class Adam:
    """Adam (Kingma and Ba, 2015, Algorithm 1): momentum on the gradient (m) and
    RMSprop's scaling (v), each divided by 1 - beta^t to undo its start at zero,

        m <- beta1 m + (1 - beta1) g,        v <- beta2 v + (1 - beta2) g * g,
        m_hat = m / (1 - beta1^t),           v_hat = v / (1 - beta2^t),
        x <- x - lr * m_hat / (sqrt(v_hat) + eps).

    Examples
    --------
    >>> opt = Adam(lr=0.1)
    >>> x1 = opt.step([1.0], lambda x: 2 * x)  # m_hat = g, v_hat = g^2: step = lr
    >>> x1, opt.step(x1, lambda x: 2 * x)
    (array([0.9]), array([0.80041226]))
    """

    def __init__(
        self,
        lr: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        self.lr = check_positive(lr, "lr")
        self.beta1 = check_fraction(beta1, "beta1")
        self.beta2 = check_fraction(beta2, "beta2")
        self.eps = check_positive(eps, "eps")
        self.m: np.ndarray | None = None  # first moment (mean) estimate
        self.v: np.ndarray | None = None  # second moment (uncentered variance)
        self.t = 0  # steps taken

    def step(
        self, x: ArrayLike, gradient: Callable[[np.ndarray], ArrayLike]
    ) -> np.ndarray:
        x = as_array(x, "x", ndim=1)
        g = call_checked(gradient, x, "gradient", x.shape)
        self.t += 1
        self.m = self.beta1 * state_like(self.m, x) + (1 - self.beta1) * g
        self.v = self.beta2 * state_like(self.v, x) + (1 - self.beta2) * g * g
        m_hat = self.m / (1 - self.beta1**self.t)  # bias correction
        v_hat = self.v / (1 - self.beta2**self.t)
        return x - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


# --8<-- [end:Adam]


#: The 2-D ill-conditioned quadratic of the race: kappa = 25, axes turned by 30 degrees.
_ROT = np.array(
    [[np.cos(np.pi / 6), -np.sin(np.pi / 6)], [np.sin(np.pi / 6), np.cos(np.pi / 6)]]
)
RACE_QUADRATIC = _ROT @ np.diag([1.0, 25.0]) @ _ROT.T


def race(problem: str = "rosenbrock") -> dict[str, OptimizationResult]:
    """Run the six optimizers of the race on one problem and return their results.

    ``problem`` is "rosenbrock" (2000 steps from the classic start (-1.2, 1)) or
    "quadratic" (500 steps on :data:`RACE_QUADRATIC` from (-4, 3)). The settings are
    sensible choices for each method, not tuned to make one of them win.
    """
    if problem == "rosenbrock":
        grad: Callable[[np.ndarray], np.ndarray] = rosenbrock_gradient
        x0, max_iter = [-1.2, 1.0], 2000
        opts: dict[str, Optimizer] = {
            "gradient descent": SGD(lr=1.5e-3),
            "momentum": Momentum(lr=1e-3, beta=0.9),
            "Nesterov": Nesterov(lr=1e-3, beta=0.9),
            "AdaGrad": AdaGrad(lr=1.0),
            "RMSprop": RMSprop(lr=3e-3, rho=0.9),
            "Adam": Adam(lr=0.05),
        }
    elif problem == "quadratic":
        A = RACE_QUADRATIC
        grad = lambda x: A @ x  # noqa: E731  (the gradient of x^T A x / 2)
        x0, max_iter = [-4.0, 3.0], 500
        opts = {
            "gradient descent": SGD(lr=0.04),
            "momentum": Momentum(lr=0.04, beta=0.7),
            "Nesterov": Nesterov(lr=0.04, beta=0.7),
            "AdaGrad": AdaGrad(lr=2.0),
            "RMSprop": RMSprop(lr=0.01, rho=0.9),
            "Adam": Adam(lr=0.3),
        }
    else:
        raise ValueError(
            f"problem must be 'rosenbrock' or 'quadratic', got {problem!r}"
        )
    return {
        name: run_optimizer(o, grad, x0, max_iter, 1e-8) for name, o in opts.items()
    }


def race_values(problem: str, points: ArrayLike) -> np.ndarray:
    """Return the race objective at every row of ``points`` (shape (m, 2)), vectorized.

    Rosenbrock: (1 - x1)^2 + 100 (x2 - x1^2)^2; quadratic: x^T A x / 2 with
    A = :data:`RACE_QUADRATIC`. Both have minimum value 0.
    """
    P = as_array(points, "points", ndim=2)
    if P.shape[1] != 2:
        raise ValueError(f"points must have 2 columns, got shape {P.shape}")
    if problem == "rosenbrock":
        return (1 - P[:, 0]) ** 2 + 100 * (P[:, 1] - P[:, 0] ** 2) ** 2
    if problem == "quadratic":
        return 0.5 * np.einsum("ij,jk,ik->i", P, RACE_QUADRATIC, P)
    raise ValueError(f"problem must be 'rosenbrock' or 'quadratic', got {problem!r}")


def plot_optimizer_race(
    problem: str = "rosenbrock", results: dict[str, OptimizationResult] | None = None
) -> Figure:
    """Draw the optimizers' paths over contour lines and their loss curves.

    ``results`` are the outcome of :func:`race` for this problem (run if omitted).
    """
    if results is None:
        results = race(problem)
    where = (
        "the Rosenbrock function from (-1.2, 1); its minimum (1, 1) lies at the end "
        "of a curved, flat-bottomed valley"
        if problem == "rosenbrock"
        else "an ill-conditioned quadratic (condition number 25, tilted axes) from "
        "(-4, 3); its minimum is the origin"
    )
    fig, (ax, ax2) = new_figure(
        f"Left: contour lines of {where}, with the paths of gradient descent, "
        "momentum, Nesterov, AdaGrad, RMSprop and Adam. Right: the loss minus its "
        "minimum against the iteration on a logarithmic axis; steep lines converge "
        "fast, flat lines stall.",
        ncols=2,
        width=11.0,
        height=4.6,
    )
    if problem == "rosenbrock":
        u, v = np.linspace(-1.6, 1.6, 161), np.linspace(-0.6, 1.6, 111)
        levels, target = np.logspace(-1, 3, 14), (1.0, 1.0)
    else:
        u, v = np.linspace(-5.0, 5.0, 161), np.linspace(-4.0, 4.0, 129)
        levels, target = np.logspace(-2, 2.2, 12), (0.0, 0.0)
    U, V = np.meshgrid(u, v)
    Z = race_values(problem, np.column_stack([U.ravel(), V.ravel()]))
    ax.contour(
        U, V, Z.reshape(U.shape), levels=levels, colors="#aaaaaa", linewidths=0.7
    )
    for name, res in results.items():
        ax.plot(res.path[:, 0], res.path[:, 1], "-", linewidth=1.3, label=name)
        gap = race_values(problem, res.path)  # both problems have f* = 0
        ax2.semilogy(np.arange(gap.size), np.maximum(gap, 1e-16), label=name)
    ax.plot(*target, "*", markersize=13, color="black", label="minimum")
    ax.set_xlim(u[0], u[-1])
    ax.set_ylim(v[0], v[-1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(f"Paths on the {problem} problem")
    ax.legend(loc="lower right", fontsize=8)
    ax2.set_xlabel("iteration $k$")
    ax2.set_ylabel(r"$f(\mathbf{x}_k) - f^\star$")
    ax2.set_title("Loss against iteration")
    return fig
