"""Snippet-speed cases of the optimization area (run by `make bench`)."""

import numpy as np
from scipy.optimize import linprog, minimize, rosen, rosen_der, rosen_hess
from sklearn.linear_model import Lasso, LogisticRegression, Ridge
from sklearn.metrics import log_loss

from snippets.optimization.constrained import equality_qp, quadratic_program, simplex
from snippets.optimization.convexity import curvature_bounds
from snippets.optimization.newton import bfgs, newton_method
from snippets.optimization.optimality import (
    quadratic_minimizer,
    rosenbrock,
    rosenbrock_gradient,
    rosenbrock_hessian,
)
from snippets.optimization.regression import (
    logistic_loss,
    logistic_regression_gd,
    normal_equations,
)
from snippets.optimization.regularization import (
    diabetes_standardized,
    lasso_ista,
    ridge,
)
from tests.site.benchmarks import Case

X0 = np.array([-1.2, 1.0])


def _spd(rng, n):
    M = rng.normal(size=(n, n))
    return M @ M.T + n * np.eye(n)


def _regression(rng, n=500, p=20):
    X = rng.normal(size=(n, p))
    return X, X @ rng.normal(size=p) + rng.normal(size=n)


def _classification(rng, n=500, p=5):
    X = rng.normal(size=(n, p))
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X @ rng.normal(size=p))))).astype(
        float
    )
    return X, y


def _lp(rng, m=10, n=10):
    return rng.normal(size=n), rng.uniform(0.1, 2.0, size=(m, n)), rng.uniform(1, 5, m)


def _qp(rng, n=10, m=20):
    A = rng.normal(size=(m, n))
    b = A @ rng.normal(size=n) + rng.uniform(0.1, 1.0, size=m)
    return _spd(rng, n), rng.normal(size=n), A, b


def _slsqp_qp(d):
    Q, c, A, b = d
    return minimize(
        lambda x: 0.5 * x @ Q @ x + c @ x,
        np.zeros(c.size),
        jac=lambda x: Q @ x + c,
        method="SLSQP",
        constraints=[{"type": "ineq", "fun": lambda x: b - A @ x, "jac": lambda x: -A}],
    )


def _slsqp_eq(d):
    Q, c, A, b = d
    return minimize(
        lambda x: 0.5 * x @ Q @ x + c @ x,
        np.zeros(c.size),
        jac=lambda x: Q @ x + c,
        method="SLSQP",
        constraints=[{"type": "eq", "fun": lambda x: A @ x - b, "jac": lambda x: A}],
    )


CASES = [
    Case(
        "optimization.optimality.rosenbrock",
        rosenbrock,
        rosen,
        lambda rng: rng.uniform(-2, 2, size=10_000),
        "scipy.optimize.rosen",
    ),
    Case(
        "optimization.optimality.rosenbrock_gradient",
        rosenbrock_gradient,
        rosen_der,
        lambda rng: rng.uniform(-2, 2, size=10_000),
        "scipy.optimize.rosen_der",
    ),
    Case(
        "optimization.optimality.rosenbrock_hessian",
        rosenbrock_hessian,
        rosen_hess,
        lambda rng: rng.uniform(-2, 2, size=500),
        "scipy.optimize.rosen_hess",
    ),
    Case(
        "optimization.optimality.quadratic_minimizer",
        lambda d: quadratic_minimizer(d[0], d[1]),
        lambda d: np.linalg.solve(d[0], d[1]),
        lambda rng: (_spd(rng, 300), rng.normal(size=300)),
        "numpy.linalg.solve",
    ),
    Case(
        "optimization.convexity.curvature_bounds",
        curvature_bounds,
        np.linalg.cond,
        lambda rng: _spd(rng, 200),
        "numpy.linalg.cond",
    ),
    Case(
        "optimization.newton.newton_method",
        lambda x0: newton_method(rosenbrock_gradient, rosenbrock_hessian, x0),
        lambda x0: minimize(
            rosen, x0, jac=rosen_der, hess=rosen_hess, method="trust-exact"
        ),
        lambda rng: X0,
        "scipy.optimize.minimize(method='trust-exact')",
    ),
    Case(
        "optimization.newton.bfgs",
        lambda x0: bfgs(rosenbrock, rosenbrock_gradient, x0),
        lambda x0: minimize(rosen, x0, jac=rosen_der, method="BFGS"),
        lambda rng: X0,
        "scipy.optimize.minimize(method='BFGS')",
    ),
    Case(
        "optimization.constrained.equality_qp",
        lambda d: equality_qp(*d),
        _slsqp_eq,
        lambda rng: (
            _spd(rng, 10),
            rng.normal(size=10),
            rng.normal(size=(3, 10)),
            rng.normal(size=3),
        ),
        "scipy.optimize.minimize(method='SLSQP')",
    ),
    Case(
        "optimization.constrained.simplex",
        lambda d: simplex(*d),
        lambda d: linprog(d[0], A_ub=d[1], b_ub=d[2], method="highs"),
        _lp,
        "scipy.optimize.linprog(method='highs')",
    ),
    Case(
        "optimization.constrained.quadratic_program",
        lambda d: quadratic_program(*d),
        _slsqp_qp,
        _qp,
        "scipy.optimize.minimize(method='SLSQP')",
    ),
    Case(
        "optimization.regularization.ridge",
        lambda d: ridge(d[0], d[1], 0.1),
        lambda d: Ridge(alpha=0.1 * len(d[1]), fit_intercept=False).fit(d[0], d[1]),
        _regression,
        "sklearn.linear_model.Ridge",
    ),
    Case(
        "optimization.regularization.lasso_ista",
        lambda d: lasso_ista(d[0], d[1], 0.1, tol=1e-6),
        lambda d: Lasso(alpha=0.1, fit_intercept=False, tol=1e-6).fit(d[0], d[1]),
        _regression,
        "sklearn.linear_model.Lasso",
    ),
    Case(
        "optimization.regularization.lasso_ista[diabetes]",
        lambda d: lasso_ista(d[0], d[1], 1.0, tol=1e-6, max_iter=100_000),
        lambda d: Lasso(alpha=1.0, fit_intercept=False, tol=1e-6).fit(d[0], d[1]),
        lambda rng: diabetes_standardized()[:2],
        "sklearn.linear_model.Lasso",
    ),
    Case(
        "optimization.regression.normal_equations",
        lambda d: normal_equations(*d),
        lambda d: np.linalg.lstsq(d[0], d[1], rcond=None),
        _regression,
        "numpy.linalg.lstsq",
    ),
    Case(
        "optimization.regression.logistic_loss",
        lambda d: logistic_loss(np.zeros(d[0].shape[1]) + 0.1, d[0], d[1]),
        lambda d: log_loss(
            d[1], 1 / (1 + np.exp(-(d[0] @ (np.zeros(d[0].shape[1]) + 0.1))))
        ),
        _classification,
        "sklearn.metrics.log_loss",
    ),
    Case(
        "optimization.regression.logistic_regression_gd",
        lambda d: logistic_regression_gd(d[0], d[1], tol=1e-6),
        lambda d: LogisticRegression(C=np.inf, tol=1e-6).fit(d[0], d[1]),
        _classification,
        "sklearn.linear_model.LogisticRegression",
    ),
]
