"""Snippet-speed cases of the multivariable calculus area (run by `make bench`)."""

import numpy as np
from scipy.differentiate import hessian as scipy_hessian
from scipy.differentiate import jacobian as scipy_jacobian
from scipy.integrate import nquad, qmc_quad
from scipy.optimize import approx_fprime

from snippets.multivariable_calculus.gradients import jacobian, numerical_gradient
from snippets.multivariable_calculus.hessian import numerical_hessian
from snippets.multivariable_calculus.multiple_integrals import (
    grid_integral,
    monte_carlo_integral,
)
from tests.site.benchmarks import Case

_X = np.random.default_rng(0).normal(size=(200, 50))
_y = np.random.default_rng(2).normal(size=200)


def _loss(w: np.ndarray) -> float:
    """A least-squares loss in 50 parameters: the size of a small gradient check."""
    r = _X @ w - _y
    return float(r @ r)


_A = np.random.default_rng(1).normal(size=(20, 20))


def _map(x: np.ndarray) -> np.ndarray:
    """A map R^20 -> R^20 written over axis 0, so scipy can vectorize it."""
    return np.tanh(np.tensordot(_A, x, axes=1))


def _scalar(x: np.ndarray) -> np.ndarray:
    """A smooth scalar function of 8 variables written over axis 0."""
    return np.sum(np.sin(x) * np.cos(x[::-1]), axis=0) + np.prod(x[:3], axis=0)


def _bump(p: np.ndarray) -> np.ndarray:
    return np.exp(-np.sum(p**2, axis=1))


CASES = [
    Case(
        "multivariable_calculus.gradients.numerical_gradient",
        lambda w: numerical_gradient(_loss, w),
        lambda w: approx_fprime(w, _loss, 1e-6),
        lambda rng: rng.normal(size=50),
        "scipy.optimize.approx_fprime (forward differences)",
    ),
    Case(
        "multivariable_calculus.gradients.jacobian",
        lambda x: jacobian(_map, x),
        lambda x: scipy_jacobian(_map, x).df,
        lambda rng: rng.normal(size=20),
        "scipy.differentiate.jacobian",
    ),
    Case(
        "multivariable_calculus.hessian.numerical_hessian",
        lambda x: numerical_hessian(_scalar, x),
        lambda x: scipy_hessian(_scalar, x).ddf,
        lambda rng: rng.normal(size=8),
        "scipy.differentiate.hessian",
    ),
    Case(
        "multivariable_calculus.multiple_integrals.grid_integral",
        lambda _: grid_integral(_bump, [-2, -2], [2, 2], 200),
        lambda _: nquad(lambda x, y: np.exp(-x * x - y * y), [[-2, 2], [-2, 2]])[0],
        lambda rng: None,
        "scipy.integrate.nquad",
    ),
    Case(
        "multivariable_calculus.multiple_integrals.monte_carlo_integral",
        lambda rng: monte_carlo_integral(_bump, [-2] * 6, [2] * 6, 2**13, rng),
        lambda rng: (
            qmc_quad(
                lambda x: np.exp(-np.sum(x**2, axis=0)),
                [-2] * 6,
                [2] * 6,
                n_estimates=8,
                n_points=2**10,
            ).integral
        ),
        lambda rng: np.random.default_rng(0),
        "scipy.integrate.qmc_quad",
    ),
]
