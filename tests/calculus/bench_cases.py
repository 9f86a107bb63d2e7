"""Snippet-speed cases of the calculus area (run by `make bench`)."""

import numpy as np
from scipy import integrate, special, stats
from scipy.differentiate import derivative
from scipy.optimize import minimize_scalar

from snippets.calculus.activations import log_sigmoid, relu, sigmoid, softplus
from snippets.calculus.gradient_descent_1d import gradient_descent_1d
from snippets.calculus.integrals import (
    cumulative_integral,
    expectation,
    simpson,
    trapezoid,
)
from snippets.calculus.limits_derivatives import central_difference
from tests.site.benchmarks import Case

N = 200_000  # panels of the quadrature cases


def _grid() -> np.ndarray:
    return np.linspace(0.0, 3.0, N + 1)


CASES = [
    Case(
        "calculus.activations.sigmoid",
        sigmoid,
        special.expit,
        lambda rng: rng.normal(scale=5.0, size=200_000),
        "scipy.special.expit",
    ),
    Case(
        "calculus.activations.softplus",
        softplus,
        lambda x: np.logaddexp(0.0, x),
        lambda rng: rng.normal(scale=5.0, size=200_000),
        "numpy.logaddexp",
    ),
    Case(
        "calculus.activations.log_sigmoid",
        log_sigmoid,
        special.log_expit,
        lambda rng: rng.normal(scale=5.0, size=200_000),
        "scipy.special.log_expit",
    ),
    Case(
        "calculus.activations.relu",
        relu,
        lambda x: np.maximum(x, 0.0),
        lambda rng: rng.normal(size=200_000),
        "numpy.maximum",
    ),
    Case(
        "calculus.limits_derivatives.central_difference",
        lambda x: central_difference(np.sin, x),
        lambda x: derivative(np.sin, x).df,
        lambda rng: rng.uniform(-3, 3, size=10_000),
        "scipy.differentiate.derivative",
    ),
    Case(
        "calculus.integrals.trapezoid",
        lambda _: trapezoid(np.sin, 0.0, 3.0, N),
        lambda _: integrate.trapezoid(np.sin(_grid()), _grid()),
        lambda rng: None,
        "scipy.integrate.trapezoid",
    ),
    Case(
        "calculus.integrals.simpson",
        lambda _: simpson(np.sin, 0.0, 3.0, N),
        lambda _: integrate.simpson(np.sin(_grid()), x=_grid()),
        lambda rng: None,
        "scipy.integrate.simpson",
    ),
    Case(
        "calculus.integrals.cumulative_integral",
        lambda _: cumulative_integral(np.sin, 0.0, 3.0, N)[1],
        lambda _: integrate.cumulative_trapezoid(np.sin(_grid()), _grid(), initial=0),
        lambda rng: None,
        "scipy.integrate.cumulative_trapezoid",
    ),
    Case(
        "calculus.integrals.expectation",
        lambda _: expectation(np.square, stats.norm.pdf, -10.0, 10.0),
        lambda _: integrate.quad(lambda x: x**2 * stats.norm.pdf(x), -10.0, 10.0)[0],
        lambda rng: None,
        "scipy.integrate.quad",
    ),
    Case(
        "calculus.gradient_descent_1d.gradient_descent_1d",
        lambda _: gradient_descent_1d(lambda x: 4 * x**3 - 6 * x + 1, 2.0, 0.05).x,
        lambda _: minimize_scalar(lambda x: x**4 - 3 * x**2 + x, bracket=(1.5, 2.0)).x,
        lambda rng: None,
        "scipy.optimize.minimize_scalar",
    ),
]
