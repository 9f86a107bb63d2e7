"""Snippet-speed cases of the numerical methods area (run by `make bench`)."""

import numpy as np
import scipy.linalg
import scipy.special
from scipy.integrate import quad
from scipy.interpolate import BarycentricInterpolator, CubicSpline
from scipy.optimize import brentq
from scipy.optimize import newton as scipy_newton
from scipy.sparse.linalg import cg
from sklearn.utils.extmath import randomized_svd as sklearn_randomized_svd

from snippets.numerical_methods.conditioning import condition_number
from snippets.numerical_methods.eigenvalue_algorithms import (
    inverse_iteration,
    qr_algorithm,
    rayleigh_quotients,
)
from snippets.numerical_methods.floating_point import (
    log_softmax,
    logsumexp,
    one_minus_cos,
    quadratic_roots,
    softmax,
    variance_two_pass,
    welford_variance,
)
from snippets.numerical_methods.iterative_solvers import (
    chebyshev_spectrum,
    conjugate_gradient,
    gauss_seidel,
    jacobi,
    poisson_matrix,
    spd_with_spectrum,
)
from snippets.numerical_methods.linear_solvers import (
    cholesky,
    householder_qr,
    lstsq_normal_equations,
    lstsq_qr,
    lstsq_svd,
    lu_partial_pivoting,
    solve_with_lu,
)
from snippets.numerical_methods.numerical_calculus import (
    gauss_legendre,
    gauss_legendre_nodes,
    romberg,
)
from snippets.numerical_methods.randomized_svd import randomized_svd
from snippets.numerical_methods.roots_interpolation import (
    barycentric_interpolate,
    bisection,
    chebyshev_nodes,
    natural_cubic_spline,
    newton,
)
from tests.site.benchmarks import Case


def _square(rng: np.random.Generator) -> np.ndarray:
    return rng.normal(size=(200, 200))


def _spd(rng: np.random.Generator) -> np.ndarray:
    M = rng.normal(size=(200, 200))
    return M @ M.T + 200 * np.eye(200)


def _regression(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    return rng.normal(size=(2000, 20)), rng.normal(size=2000)


def _symmetric(n: int):
    def setup(rng: np.random.Generator) -> np.ndarray:
        M = rng.normal(size=(n, n))
        return (M + M.T) / 2

    return setup


def _lu_solve_data(rng: np.random.Generator):
    A, b = rng.normal(size=(200, 200)), rng.normal(size=200)
    return lu_partial_pivoting(A), scipy.linalg.lu_factor(A), b


def _cubic(x: float) -> float:
    return x**3 - 2 * x - 5


def _spline_data(rng: np.random.Generator):
    x = np.sort(rng.uniform(0, 10, 200))
    return x, np.sin(x), np.linspace(0, 10, 10_000)


def _interp_data(rng: np.random.Generator):
    x = chebyshev_nodes(30)
    return x, np.cos(3 * x), np.linspace(-1, 1, 10_000)


CASES = [
    # floating point
    Case(
        "numerical_methods.floating_point.logsumexp",
        lambda z: logsumexp(z, axis=1),
        lambda z: scipy.special.logsumexp(z, axis=1),
        lambda rng: rng.normal(size=(1000, 100)) * 100,
        "scipy.special.logsumexp",
    ),
    Case(
        "numerical_methods.floating_point.softmax",
        lambda z: softmax(z, axis=1),
        lambda z: scipy.special.softmax(z, axis=1),
        lambda rng: rng.normal(size=(1000, 100)) * 100,
        "scipy.special.softmax",
    ),
    Case(
        "numerical_methods.floating_point.log_softmax",
        lambda z: log_softmax(z, axis=1),
        lambda z: scipy.special.log_softmax(z, axis=1),
        lambda rng: rng.normal(size=(1000, 100)) * 100,
        "scipy.special.log_softmax",
    ),
    Case(
        "numerical_methods.floating_point.one_minus_cos",
        one_minus_cos,
        lambda x: -scipy.special.cosm1(x),
        lambda rng: rng.normal(size=1_000_000),
        "scipy.special.cosm1",
    ),
    Case(
        "numerical_methods.floating_point.quadratic_roots",
        lambda c: quadratic_roots(*c),
        np.roots,
        lambda rng: (1.0, 1e8, 1.0),
        "numpy.roots",
    ),
    Case(
        "numerical_methods.floating_point.variance_two_pass",
        variance_two_pass,
        np.var,
        lambda rng: rng.normal(1e6, 1.0, size=1_000_000),
        "numpy.var",
    ),
    Case(
        "numerical_methods.floating_point.welford_variance",
        welford_variance,
        np.var,
        lambda rng: rng.normal(1e6, 1.0, size=10_000),
        "numpy.var",
    ),
    # conditioning
    Case(
        "numerical_methods.conditioning.condition_number",
        condition_number,
        np.linalg.cond,
        _square,
        "numpy.linalg.cond",
    ),
    # linear solvers
    Case(
        "numerical_methods.linear_solvers.lu_partial_pivoting",
        lu_partial_pivoting,
        scipy.linalg.lu,
        _square,
        "scipy.linalg.lu",
    ),
    Case(
        "numerical_methods.linear_solvers.solve_with_lu",
        lambda d: solve_with_lu(*d[0], d[2]),
        lambda d: scipy.linalg.lu_solve(d[1], d[2]),
        _lu_solve_data,
        "scipy.linalg.lu_solve",
    ),
    Case(
        "numerical_methods.linear_solvers.cholesky",
        cholesky,
        np.linalg.cholesky,
        _spd,
        "numpy.linalg.cholesky",
    ),
    Case(
        "numerical_methods.linear_solvers.householder_qr",
        householder_qr,
        np.linalg.qr,
        lambda rng: rng.normal(size=(500, 50)),
        "numpy.linalg.qr",
    ),
    Case(
        "numerical_methods.linear_solvers.lstsq_normal_equations",
        lambda d: lstsq_normal_equations(*d),
        lambda d: np.linalg.lstsq(*d, rcond=None)[0],
        _regression,
        "numpy.linalg.lstsq",
    ),
    Case(
        "numerical_methods.linear_solvers.lstsq_qr",
        lambda d: lstsq_qr(*d),
        lambda d: np.linalg.lstsq(*d, rcond=None)[0],
        _regression,
        "numpy.linalg.lstsq",
    ),
    Case(
        "numerical_methods.linear_solvers.lstsq_svd",
        lambda d: lstsq_svd(*d),
        lambda d: np.linalg.lstsq(*d, rcond=None)[0],
        _regression,
        "numpy.linalg.lstsq",
    ),
    # eigenvalue algorithms
    Case(
        "numerical_methods.eigenvalue_algorithms.rayleigh_quotients",
        lambda A: rayleigh_quotients(A, 100, np.random.default_rng(0)),
        np.linalg.eigvalsh,
        _symmetric(200),
        "numpy.linalg.eigvalsh",
    ),
    Case(
        "numerical_methods.eigenvalue_algorithms.inverse_iteration",
        lambda A: inverse_iteration(A, 0.1, rng=np.random.default_rng(0)),
        np.linalg.eigh,
        _symmetric(200),
        "numpy.linalg.eigh",
    ),
    Case(
        "numerical_methods.eigenvalue_algorithms.qr_algorithm",
        qr_algorithm,
        np.linalg.eigvalsh,
        _symmetric(50),
        "numpy.linalg.eigvalsh",
    ),
    # randomized SVD
    Case(
        "numerical_methods.randomized_svd.randomized_svd",
        lambda A: randomized_svd(A, 20, rng=np.random.default_rng(0)),
        lambda A: sklearn_randomized_svd(A, 20, n_iter=2, random_state=0),
        lambda rng: rng.normal(size=(1000, 500)),
        "sklearn.utils.extmath.randomized_svd (n_iter=2)",
    ),
    # iterative solvers
    Case(
        "numerical_methods.iterative_solvers.conjugate_gradient",
        lambda d: conjugate_gradient(*d),
        lambda d: cg(*d, rtol=1e-10),
        lambda rng: (
            spd_with_spectrum(chebyshev_spectrum(100.0, 300)),
            rng.normal(size=300),
        ),
        "scipy.sparse.linalg.cg",
    ),
    Case(
        "numerical_methods.iterative_solvers.jacobi",
        lambda d: jacobi(*d),
        lambda d: np.linalg.solve(*d),
        lambda rng: (poisson_matrix(200), rng.normal(size=200)),
        "numpy.linalg.solve",
    ),
    Case(
        "numerical_methods.iterative_solvers.gauss_seidel",
        lambda d: gauss_seidel(*d),
        lambda d: np.linalg.solve(*d),
        lambda rng: (poisson_matrix(200), rng.normal(size=200)),
        "numpy.linalg.solve",
    ),
    # roots and interpolation
    Case(
        "numerical_methods.roots_interpolation.bisection",
        lambda d: bisection(_cubic, *d),
        lambda d: brentq(_cubic, *d, xtol=1e-12),
        lambda rng: (2.0, 3.0),
        "scipy.optimize.brentq",
    ),
    Case(
        "numerical_methods.roots_interpolation.newton",
        lambda x0: newton(_cubic, lambda x: 3 * x**2 - 2, x0),
        lambda x0: scipy_newton(_cubic, x0, fprime=lambda x: 3 * x**2 - 2, tol=1e-12),
        lambda rng: 2.0,
        "scipy.optimize.newton",
    ),
    Case(
        "numerical_methods.roots_interpolation.barycentric_interpolate",
        lambda d: barycentric_interpolate(*d),
        lambda d: BarycentricInterpolator(d[0], d[1])(d[2]),
        _interp_data,
        "scipy.interpolate.BarycentricInterpolator",
    ),
    Case(
        "numerical_methods.roots_interpolation.chebyshev_nodes",
        chebyshev_nodes,
        np.polynomial.chebyshev.chebpts1,
        lambda rng: 1000,
        "numpy.polynomial.chebyshev.chebpts1",
    ),
    Case(
        "numerical_methods.roots_interpolation.natural_cubic_spline",
        lambda d: natural_cubic_spline(d[0], d[1])(d[2]),
        lambda d: CubicSpline(d[0], d[1], bc_type="natural")(d[2]),
        _spline_data,
        "scipy.interpolate.CubicSpline",
    ),
    # numerical calculus
    Case(
        "numerical_methods.numerical_calculus.gauss_legendre_nodes",
        gauss_legendre_nodes,
        np.polynomial.legendre.leggauss,
        lambda rng: 100,
        "numpy.polynomial.legendre.leggauss",
    ),
    Case(
        "numerical_methods.numerical_calculus.gauss_legendre",
        lambda f: gauss_legendre(f, 0.0, 1.0, 20),
        lambda f: quad(f, 0.0, 1.0)[0],
        lambda rng: np.exp,
        "scipy.integrate.quad",
    ),
    Case(
        "numerical_methods.numerical_calculus.romberg",
        lambda f: romberg(f, 0.0, 1.0, 6),
        lambda f: quad(f, 0.0, 1.0)[0],
        lambda rng: np.exp,
        "scipy.integrate.quad",
    ),
]
