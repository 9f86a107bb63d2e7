"""Tests for snippets/optimization/newton.py (page: docs/optimization/newton.md)."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import minimize

from snippets.optimization.gradient_descent import backtracking_line_search
from snippets.optimization.newton import (
    bfgs,
    bfgs_update,
    damped_newton,
    newton_method,
    plot_newton_convergence,
)
from snippets.optimization.optimality import (
    classify_point,
    rosenbrock,
    rosenbrock_gradient,
    rosenbrock_hessian,
)

coords = st.floats(-2, 2, allow_nan=False, allow_infinity=False)
X0 = [-1.2, 1.0]  # the standard start for Rosenbrock


def well(x):  # x^4 - 2x^2: a maximum at 0, minima at -1 and 1
    return float(np.sum(x**4 - 2 * x**2))


def well_grad(x):
    return 4 * x**3 - 4 * x


def well_hess(x):
    return np.diag(12 * x**2 - 4)


# ---------------------------------------------------------------- newton_method


def test_newton_matches_scipy_on_rosenbrock():
    res = newton_method(rosenbrock_gradient, rosenbrock_hessian, X0, tol=1e-10)
    ref = minimize(
        rosenbrock,
        X0,
        jac=rosenbrock_gradient,
        hess=rosenbrock_hessian,
        method="trust-exact",
        tol=1e-12,
    )
    assert res.converged and res.n_iter <= 10
    np.testing.assert_allclose(res.x, ref.x, atol=1e-8)
    np.testing.assert_allclose(res.x, [1.0, 1.0], atol=1e-10)


def test_newton_converges_quadratically():
    res = newton_method(rosenbrock_gradient, rosenbrock_hessian, X0, tol=1e-14)
    err = np.linalg.norm(res.path - 1.0, axis=1)
    tail = [(e1, e0) for e0, e1 in itertools.pairwise(err) if 1e-12 < e1 < 1e-2]
    assert tail, "no iterations in the quadratic regime"
    for e1, e0 in tail:
        assert e1 <= 10 * e0**2  # e_{k+1} <= C e_k^2


@given(arrays(np.float64, 3, elements=coords), st.integers(0, 10_000))
def test_one_newton_step_solves_a_quadratic(x0, seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(3, 3))
    A, b = M @ M.T + np.eye(3), rng.normal(size=3)
    res = newton_method(lambda x: A @ x - b, lambda x: A, x0, max_iter=1)
    np.testing.assert_allclose(res.path[1], np.linalg.solve(A, b), atol=1e-9)


def test_newton_reports_non_convergence_and_can_find_a_maximum():
    res = newton_method(rosenbrock_gradient, rosenbrock_hessian, X0, max_iter=2)
    assert not res.converged and res.n_iter == 2
    # Newton seeks stationary points, not minima: from 0.1 it finds the maximum 0.
    res = newton_method(well_grad, well_hess, [0.1])
    assert res.converged and abs(res.x[0]) < 1e-8
    assert classify_point(well_grad(res.x), well_hess(res.x)) == "local maximum"


@pytest.mark.parametrize(
    ("gradient", "hessian", "x0", "kwargs", "error", "fragment"),
    [
        (well_grad, lambda x: np.zeros((1, 1)), [0.5], {}, ValueError, "singular"),
        (
            well_grad,
            lambda x: np.eye(2),
            [0.5],
            {},
            ValueError,
            r"hessian\(x\) must have shape",
        ),
        ("g", well_hess, [0.5], {}, TypeError, "gradient must be callable"),
        (well_grad, None, [0.5], {}, TypeError, "hessian must be callable"),
        (well_grad, well_hess, [0.5], {"max_iter": 0}, ValueError, "max_iter"),
        (
            well_grad,
            well_hess,
            [0.5],
            {"tol": -1.0},
            ValueError,
            "tol must be positive",
        ),
        (well_grad, well_hess, [np.nan], {}, ValueError, "x0 must be non-empty"),
    ],
)
def test_newton_rejects_bad_input(gradient, hessian, x0, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        newton_method(gradient, hessian, x0, **kwargs)


# ---------------------------------------------------------------- damped_newton


def test_damped_newton_matches_scipy_on_rosenbrock():
    res = damped_newton(rosenbrock, rosenbrock_gradient, rosenbrock_hessian, X0)
    ref = minimize(
        rosenbrock,
        X0,
        jac=rosenbrock_gradient,
        hess=rosenbrock_hessian,
        method="Newton-CG",
        options={"xtol": 1e-12},
    )
    assert res.converged
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)


def test_damped_newton_finds_a_minimum_where_plain_newton_finds_the_maximum():
    res = damped_newton(well, well_grad, well_hess, [0.1])
    assert res.converged
    assert classify_point(well_grad(res.x), well_hess(res.x)) == "local minimum"
    np.testing.assert_allclose(np.abs(res.x), 1.0, atol=1e-10)


@given(arrays(np.float64, 2, elements=coords))
def test_damped_newton_always_descends(x0):
    res = damped_newton(
        rosenbrock, rosenbrock_gradient, rosenbrock_hessian, x0, max_iter=30
    )
    values = [rosenbrock(x) for x in res.path]
    assert all(b <= a for a, b in itertools.pairwise(values))


@pytest.mark.parametrize(
    ("f", "x0", "kwargs", "error", "fragment"),
    [
        ("f", [0.5, 0.5], {}, TypeError, "f must be callable"),
        (rosenbrock, [0.5, 0.5], {"max_iter": 0}, ValueError, "max_iter"),
        (rosenbrock, [[0.5, 0.5]], {}, ValueError, "x0 must have 1 dimension"),
        (rosenbrock, [0.5, 0.5], {"tol": 0.0}, ValueError, "tol must be positive"),
    ],
)
def test_damped_newton_rejects_bad_input(f, x0, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        damped_newton(f, rosenbrock_gradient, rosenbrock_hessian, x0, **kwargs)


# ---------------------------------------------------------------- bfgs_update


def test_bfgs_update_is_the_inverse_of_the_direct_hessian_update():
    # Reference: the BFGS update of the Hessian approximation B (Nocedal & Wright,
    # eq. 6.19), B+ = B - B s s^T B / (s^T B s) + y y^T / (y^T s), inverted with
    # numpy. By Sherman-Morrison-Woodbury, inv(B+) is the update of H = inv(B).
    rng = np.random.default_rng(9)
    M = rng.normal(size=(4, 4))
    B = M @ M.T + np.eye(4)
    s = rng.normal(size=4)
    y = B @ s + 0.1 * rng.normal(size=4)
    assert y @ s > 0
    Bs = B @ s
    B_new = B - np.outer(Bs, Bs) / (s @ Bs) + np.outer(y, y) / (y @ s)
    np.testing.assert_allclose(
        bfgs_update(np.linalg.inv(B), s, y), np.linalg.inv(B_new), rtol=1e-9, atol=1e-12
    )


@given(
    arrays(np.float64, 3, elements=coords),
    arrays(np.float64, 3, elements=coords),
    st.integers(0, 10_000),
)
def test_bfgs_update_keeps_secant_symmetry_and_definiteness(s, y, seed):
    if y @ s <= 1e-3 * (1 + np.linalg.norm(s) * np.linalg.norm(y)):
        return
    M = np.random.default_rng(seed).normal(size=(3, 3))
    H = M @ M.T + np.eye(3)
    H_new = bfgs_update(H, s, y)
    np.testing.assert_allclose(H_new @ y, s, atol=1e-8 * (1 + np.abs(H_new).max()))
    np.testing.assert_allclose(H_new, H_new.T, atol=1e-10 * (1 + np.abs(H_new).max()))
    assert np.linalg.eigvalsh((H_new + H_new.T) / 2)[0] > 0


@pytest.mark.parametrize(
    ("H", "s", "y", "fragment"),
    [
        (np.eye(2), [1.0, 0.0], [-1.0, 0.0], "curvature condition"),
        (np.eye(2), [1.0, 0.0], [1.0], "s and y must have length 2"),
        (np.eye(2), [1.0, 0.0, 0.0], [1.0, 0.0, 0.0], "must have length 2"),
        ([[1.0, 1.0], [0.0, 1.0]], [1.0, 0.0], [1.0, 0.0], "H_inv must be symmetric"),
        (np.eye(2), [np.inf, 0.0], [1.0, 0.0], "s must be non-empty and finite"),
    ],
)
def test_bfgs_update_rejects_bad_input(H, s, y, fragment):
    with pytest.raises(ValueError, match=fragment):
        bfgs_update(H, s, y)


# ---------------------------------------------------------------- bfgs


def test_bfgs_matches_scipy_on_rosenbrock():
    res = bfgs(rosenbrock, rosenbrock_gradient, X0, tol=1e-8)
    ref = minimize(rosenbrock, X0, jac=rosenbrock_gradient, method="BFGS", tol=1e-10)
    assert res.converged and res.n_iter < 100
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)


def test_bfgs_on_a_higher_dimensional_rosenbrock():
    x0 = np.array([-1.2, 1.0, -0.5, 0.8, 1.3])
    res = bfgs(rosenbrock, rosenbrock_gradient, x0, tol=1e-8)
    ref = minimize(rosenbrock, x0, jac=rosenbrock_gradient, method="BFGS", tol=1e-10)
    assert res.converged
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)


@given(arrays(np.float64, 3, elements=coords), st.integers(0, 10_000))
def test_bfgs_solves_convex_quadratics(x0, seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(3, 3))
    A, b = M @ M.T + np.eye(3), rng.normal(size=3)
    res = bfgs(
        lambda x: float(0.5 * x @ A @ x - b @ x), lambda x: A @ x - b, x0, tol=1e-7
    )
    assert res.converged
    np.testing.assert_allclose(res.x, np.linalg.solve(A, b), atol=1e-7)


def test_bfgs_skips_the_update_when_an_armijo_step_has_negative_curvature():
    # From 0.1 on x^4 - 2x^2, the first Armijo step gives y s < 0 (Wolfe's curvature
    # condition fails). The update is skipped, so the second step is a plain
    # gradient step from x1 with H = I: the same point as the backtracking search of
    # gradient descent (the reference) computes.
    f = lambda x: float(x[0] ** 4 - 2 * x[0] ** 2)  # noqa: E731
    grad = lambda x: 4 * x**3 - 4 * x  # noqa: E731
    res = bfgs(f, grad, [0.1])
    x0, x1, x2 = res.path[:3]
    s, y = x1 - x0, grad(x1) - grad(x0)
    assert y @ s < 0
    assert grad(x1) @ s < 0.9 * grad(x0) @ s  # Wolfe's curvature condition fails
    g1 = grad(x1)
    step = backtracking_line_search(f, x1, g1, -g1, lr0=1.0)
    np.testing.assert_allclose(x2, x1 - step * g1, rtol=1e-15)
    assert res.converged
    np.testing.assert_allclose(res.x, [1.0], atol=1e-6)


def test_bfgs_reports_non_convergence():
    res = bfgs(rosenbrock, rosenbrock_gradient, X0, max_iter=3)
    assert not res.converged and res.n_iter == 3


@pytest.mark.parametrize(
    ("f", "gradient", "x0", "kwargs", "error", "fragment"),
    [
        ("f", rosenbrock_gradient, X0, {}, TypeError, "f must be callable"),
        (rosenbrock, "g", X0, {}, TypeError, "gradient must be callable"),
        (rosenbrock, lambda x: [1.0], X0, {}, ValueError, "must have shape"),
        (rosenbrock, rosenbrock_gradient, X0, {"max_iter": -3}, ValueError, "max_iter"),
        (rosenbrock, rosenbrock_gradient, X0, {"tol": np.inf}, ValueError, "tol must"),
        (
            rosenbrock,
            rosenbrock_gradient,
            [1.0, "a"],
            {},
            TypeError,
            "x0 must be array",
        ),
    ],
)
def test_bfgs_rejects_bad_input(f, gradient, x0, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        bfgs(f, gradient, x0, **kwargs)


# ---------------------------------------------------------------- plot


def test_plot_newton_convergence_draws_the_three_error_curves():
    fig = plot_newton_convergence()
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    assert [line.get_label() for line in lines] == [
        "gradient descent + backtracking",
        "BFGS",
        "Newton",
    ]
    newton = newton_method(rosenbrock_gradient, rosenbrock_hessian, X0, tol=1e-10)
    expected = np.maximum(np.linalg.norm(newton.path - 1.0, axis=1), 1e-16)
    np.testing.assert_allclose(lines[2].get_data()[1], expected)
    # Newton gets within 1e-10 in fewer steps than BFGS, and BFGS than GD.
    first_below = [int(np.argmax(line.get_data()[1] < 1e-8)) for line in lines[1:]]
    assert first_below[1] < first_below[0]
    assert lines[0].get_data()[1].min() > 1e-3  # GD is still far after 1000 steps
