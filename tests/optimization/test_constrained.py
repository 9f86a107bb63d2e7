"""Tests for snippets/optimization/constrained.py (page: docs/optimization/constrained.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog, minimize

from snippets.optimization.constrained import (
    LPResult,
    QPResult,
    equality_qp,
    kkt_newton_step,
    kkt_residuals,
    plot_kkt,
    quadratic_program,
    simplex,
    step_to_boundary,
)


def random_qp(seed, n=4, m=2):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(n, n))
    return (
        M @ M.T + np.eye(n),
        rng.normal(size=n),
        rng.normal(size=(m, n)),
        rng.normal(size=m),
    )


def feasible_qp(seed, n=3, m=5):
    """A random strictly convex QP with a strictly feasible point."""
    rng = np.random.default_rng(seed)
    M, A = rng.normal(size=(n, n)), rng.normal(size=(m, n))
    b = A @ rng.normal(size=n) + rng.uniform(0.1, 1.0, size=m)
    return M @ M.T + np.eye(n), 3 * rng.normal(size=n), A, b


def slsqp(Q, c, constraints, n):
    return minimize(
        lambda x: 0.5 * x @ Q @ x + c @ x,
        np.zeros(n),
        jac=lambda x: Q @ x + c,
        method="SLSQP",
        constraints=constraints,
        options={"ftol": 1e-12, "maxiter": 500},
    )


# ---------------------------------------------------------------- equality_qp


def test_equality_qp_matches_slsqp_and_satisfies_kkt():
    Q, c, A, b = random_qp(0)
    x, lam = equality_qp(Q, c, A, b)
    ref = slsqp(
        Q, c, [{"type": "eq", "fun": lambda z: A @ z - b, "jac": lambda z: A}], 4
    )
    np.testing.assert_allclose(x, ref.x, atol=1e-6)
    # KKT: stationarity Q x + c + A^T lam = 0 and feasibility A x = b.
    np.testing.assert_allclose(Q @ x + c + A.T @ lam, 0.0, atol=1e-10)
    np.testing.assert_allclose(A @ x, b, atol=1e-10)


@given(st.integers(0, 10_000))
def test_equality_qp_projects_onto_a_hyperplane(seed):
    # Closed form: the point of {x : a^T x = beta} nearest p is p - (a^T p - beta) a / |a|^2,
    # and the multiplier is (a^T p - beta) / |a|^2.
    rng = np.random.default_rng(seed)
    p, a, beta = rng.normal(size=3), rng.normal(size=3), rng.normal()
    x, lam = equality_qp(np.eye(3), -p, a[None, :], [beta])
    t = (a @ p - beta) / (a @ a)
    np.testing.assert_allclose(x, p - t * a, atol=1e-9)
    assert lam[0] == pytest.approx(t, abs=1e-9)


def test_equality_qp_accepts_an_indefinite_q_that_is_positive_on_the_constraint():
    # min x1^2 - x2^2 s.t. x2 = 1: Q is indefinite but positive on the null space of A.
    x, lam = equality_qp(np.diag([2.0, -2.0]), [0.0, 0.0], [[0.0, 1.0]], [1.0])
    np.testing.assert_allclose(x, [0.0, 1.0])
    np.testing.assert_allclose(lam, [2.0])


@pytest.mark.parametrize(
    ("Q", "c", "A", "b", "fragment"),
    [
        (np.eye(2), [0.0, 0.0], [[1.0, 1.0], [2.0, 2.0]], [1.0, 2.0], "full row rank"),
        (np.diag([1.0, -1.0]), [0.0, 0.0], [[1.0, 0.0]], [1.0], "null space of A"),
        (np.eye(2), [0.0], [[1.0, 1.0]], [1.0], "shapes do not match"),
        (np.eye(2), [0.0, 0.0], [[1.0, 1.0]], [1.0, 2.0], "shapes do not match"),
        (
            [[1.0, 2.0], [0.0, 1.0]],
            [0.0, 0.0],
            [[1.0, 1.0]],
            [1.0],
            "Q must be symmetric",
        ),
        (
            np.eye(2),
            [0.0, np.nan],
            [[1.0, 1.0]],
            [1.0],
            "c must be non-empty and finite",
        ),
    ],
)
def test_equality_qp_rejects_bad_input(Q, c, A, b, fragment):
    with pytest.raises(ValueError, match=fragment):
        equality_qp(Q, c, A, b)


# ---------------------------------------------------------------- kkt_residuals


def circle_problem_terms(x, nu):
    """min (x1-2)^2 + (x2-1)^2 s.t. g(x) = |x|^2 - 1 <= 0."""
    p = np.array([2.0, 1.0])
    return 2 * (x - p), [x @ x - 1], [2 * x], [nu]


def test_kkt_residuals_vanish_at_the_closed_form_solution():
    # Closed form: x* = p / |p| and nu* = |p| - 1 = sqrt(5) - 1 (from 2(x - p) + 2 nu x = 0).
    x = np.array([2.0, 1.0]) / np.sqrt(5)
    res = kkt_residuals(*circle_problem_terms(x, np.sqrt(5) - 1))
    assert max(res.values()) < 1e-12


def test_kkt_residuals_at_the_slsqp_solution():
    p = np.array([2.0, 1.0])
    ref = minimize(
        lambda x: (x - p) @ (x - p),
        np.zeros(2),
        jac=lambda x: 2 * (x - p),
        method="SLSQP",
        constraints=[
            {"type": "ineq", "fun": lambda x: 1 - x @ x, "jac": lambda x: -2 * x}
        ],
        options={"ftol": 1e-14},
    )
    # Recover nu from stationarity by least squares, then check every condition.
    grad, g, Jg, _ = circle_problem_terms(ref.x, 0.0)
    nu = np.linalg.lstsq(np.array(Jg).T, -grad, rcond=None)[0]
    res = kkt_residuals(grad, g, Jg, nu)
    assert nu[0] == pytest.approx(np.sqrt(5) - 1, abs=1e-6)
    assert max(res.values()) < 1e-6


def test_kkt_residuals_detect_each_violation():
    x = np.array([1.0, 1.0])  # outside the disk
    res = kkt_residuals(*circle_problem_terms(x, 0.5))
    assert res["primal feasibility"] == pytest.approx(1.0)
    assert res["complementary slackness"] == pytest.approx(0.5)
    res = kkt_residuals(*circle_problem_terms(np.zeros(2), -1.0))
    assert res["dual feasibility"] == pytest.approx(1.0)
    assert res["stationarity"] == pytest.approx(np.hypot(4.0, 2.0))


def test_kkt_residuals_with_equality_constraints_at_equality_qp():
    Q, c, A, b = random_qp(1)
    x, lam = equality_qp(Q, c, A, b)
    # One inactive inequality x1 <= 100 with nu = 0, plus the equalities.
    res = kkt_residuals(
        Q @ x + c, [x[0] - 100], [[1.0, 0, 0, 0]], [0.0], A @ x - b, A, lam
    )
    assert max(res.values()) < 1e-9


@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(-2, 2))
def test_kkt_residuals_are_nonnegative(x1, x2, nu):
    res = kkt_residuals(*circle_problem_terms(np.array([x1, x2]), nu))
    assert all(v >= 0 for v in res.values())
    assert (res["dual feasibility"] > 0) == (nu < 0)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (([1.0, 0.0], [0.0], [[1.0]], [1.0]), "g_jacobian must be 1x2"),
        (([1.0, 0.0], [0.0], [[1.0, 0.0]], [1.0, 2.0]), "nu of length 1"),
        (([1.0, 0.0], [0.0], [[1.0, 0.0]], [1.0], [0.0]), "must be given together"),
        (([1.0, 0.0], [0.0], [[1.0, 0.0]], [1.0], [0.0], [[1.0]], [1.0]), "h_jacobian"),
        (([np.nan, 0.0], [0.0], [[1.0, 0.0]], [1.0]), "grad_f must be non-empty"),
    ],
)
def test_kkt_residuals_rejects_bad_input(args, fragment):
    with pytest.raises(ValueError, match=fragment):
        kkt_residuals(*args)


# ---------------------------------------------------------------- simplex


@given(st.integers(0, 10_000))
def test_simplex_matches_linprog_on_random_lps(seed):
    rng = np.random.default_rng(seed)
    m, n = rng.integers(2, 6), rng.integers(2, 6)
    A = rng.uniform(0.1, 2.0, size=(m, n))  # positive A: a bounded polytope
    b = rng.uniform(1.0, 5.0, size=m)
    c = rng.normal(size=n)
    res = simplex(c, A, b)
    ref = linprog(c, A_ub=A, b_ub=b, bounds=(0, None), method="highs")
    assert res.status == "optimal"
    assert res.fun == pytest.approx(ref.fun, abs=1e-9)
    assert np.all(A @ res.x <= b + 1e-9) and np.all(res.x >= -1e-12)


def test_simplex_does_not_cycle_on_beales_example():
    # Beale (1955): the textbook LP on which the most-negative-cost rule cycles.
    # Bland's rule terminates; the optimum is -5/4 (linprog agrees).
    c = [-0.75, 20.0, -0.5, 6.0]
    A = [[0.25, -8.0, -1.0, 9.0], [0.5, -12.0, -0.5, 3.0], [0.0, 0.0, 1.0, 0.0]]
    b = [0.0, 0.0, 1.0]
    res = simplex(c, A, b)
    ref = linprog(c, A_ub=A, b_ub=b, method="highs")
    assert res.status == "optimal"
    assert res.fun == pytest.approx(-1.25) == ref.fun


def test_simplex_reports_unbounded_and_max_iter():
    res = simplex([-1.0, 0.0], [[-1.0, 1.0]], [1.0])  # x1 can grow for ever
    assert res.status == "unbounded"
    assert linprog([-1.0, 0.0], A_ub=[[-1.0, 1.0]], b_ub=[1.0]).status == 3  # unbounded
    res = simplex([-1.0, -1.0], [[1.0, 2.0], [3.0, 1.0]], [4.0, 6.0], max_iter=1)
    assert res.status == "max_iter" and res.n_iter == 1
    assert isinstance(res, LPResult)


@pytest.mark.parametrize(
    ("c", "A", "b", "error", "fragment"),
    [
        ([1.0, 1.0], [[1.0, 1.0]], [-1.0], ValueError, "b_ub must be >= 0"),
        ([1.0], [[1.0, 1.0]], [1.0], ValueError, "shapes do not match"),
        ([1.0, 1.0], [[1.0, 1.0]], [1.0, 2.0], ValueError, "shapes do not match"),
        ([1.0, np.inf], [[1.0, 1.0]], [1.0], ValueError, "c must be non-empty"),
        ([1.0, 1.0], [1.0, 1.0], [1.0], ValueError, "A_ub must have 2 dimension"),
    ],
)
def test_simplex_rejects_bad_input(c, A, b, error, fragment):
    with pytest.raises(error, match=fragment):
        simplex(c, A, b)


def test_simplex_rejects_bad_max_iter():
    with pytest.raises(ValueError, match="max_iter must be >= 1"):
        simplex([1.0], [[1.0]], [1.0], max_iter=0)


# ---------------------------------------------------------------- quadratic_program


@given(st.integers(0, 10_000), st.sampled_from([(2, 1), (3, 5), (4, 10)]))
def test_quadratic_program_matches_slsqp_and_satisfies_kkt(seed, shape):
    n, m = shape
    Q, c, A, b = feasible_qp(seed, n, m)
    res = quadratic_program(Q, c, A, b)
    ref = slsqp(
        Q, c, [{"type": "ineq", "fun": lambda z: b - A @ z, "jac": lambda z: -A}], n
    )
    assert res.converged and isinstance(res, QPResult)
    if ref.success:
        np.testing.assert_allclose(res.x, ref.x, atol=1e-5)
    # KKT with the returned multipliers, checked directly.
    nu, r = res.multipliers, A @ res.x - b
    np.testing.assert_allclose(Q @ res.x + c + A.T @ nu, 0.0, atol=1e-8)
    assert np.all(r <= 1e-8) and np.all(nu >= 0) and np.all(np.abs(nu * r) <= 1e-8)


def test_quadratic_program_reports_an_infeasible_problem():
    # x <= -1 and x >= 1 cannot both hold: no convergence, and no exception.
    with np.errstate(all="ignore"):
        res = quadratic_program([[1.0]], [0.0], [[1.0], [-1.0]], [-1.0, -1.0])
    assert not res.converged


def test_step_to_boundary_by_hand():
    # The largest alpha <= 1 keeping v + alpha dv >= 0: 1 / 4 here, 1 if nothing shrinks.
    assert step_to_boundary(np.array([1.0, 2.0]), np.array([-4.0, 1.0])) == 0.25
    assert step_to_boundary(np.array([1.0]), np.array([3.0])) == 1.0


@given(st.integers(0, 10_000))
def test_kkt_newton_step_solves_the_linearized_kkt_equations(seed):
    # Checked as residuals of the three linearized equations.
    Q, c, A, b = feasible_qp(seed)
    rng = np.random.default_rng(seed + 1)
    x, nu, s = rng.normal(size=3), rng.uniform(0.5, 2, 5), rng.uniform(0.5, 2, 5)
    r_dual, r_prim, goal = Q @ x + c + A.T @ nu, A @ x + s - b, rng.uniform(size=5)
    dx, dnu, ds = kkt_newton_step(Q, A, r_dual, r_prim, nu, s, goal)
    np.testing.assert_allclose(Q @ dx + A.T @ dnu, -r_dual, atol=1e-10)
    np.testing.assert_allclose(A @ dx + ds, -r_prim, atol=1e-10)
    np.testing.assert_allclose(s * dnu + nu * ds, goal - nu * s, atol=1e-10)


def test_interior_point_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="v must be positive"):
        step_to_boundary(np.array([0.0, 1.0]), np.array([1.0, 1.0]))
    with pytest.raises(ValueError, match="dv must have the shape of v"):
        step_to_boundary(np.array([1.0, 1.0]), np.array([1.0]))
    Q, A, one = np.eye(2), np.ones((1, 2)), np.ones(1)
    with pytest.raises(ValueError, match="one entry per row of A"):
        kkt_newton_step(Q, A, np.zeros(2), one, np.ones(2), one, one)
    with pytest.raises(ValueError, match="nu and s must be positive"):
        kkt_newton_step(Q, A, np.zeros(2), one, -one, one, one)


@given(
    st.lists(st.floats(0.01, 10), min_size=3, max_size=3),
    st.lists(st.floats(-10, 10, allow_subnormal=False), min_size=3, max_size=3),
)
def test_step_to_boundary_stays_feasible(v, dv):
    v, dv = np.array(v), np.array(dv)
    a = step_to_boundary(v, dv)
    assert 0 < a <= 1 and np.all(v + a * dv >= -1e-12)


def test_quadratic_program_small_example_by_hand():
    # min (x1 - 1)^2 + (x2 - 2)^2 over the box 0 <= x <= 1.5 (as A x <= b):
    # f = |x|^2 - 2 x1 - 4 x2 + 5 (Q = 2 I, c = (-2, -4)). The nearest point of the box
    # to (1, 2) is (1, 1.5); only x2 <= 1.5 is active, and stationarity
    # 2 x2 - 4 + nu = 0 gives nu = 1.
    A = np.vstack([np.eye(2), -np.eye(2)])
    b = np.array([1.5, 1.5, 0.0, 0.0])
    res = quadratic_program(2 * np.eye(2), [-2.0, -4.0], A, b)
    np.testing.assert_allclose(res.x, [1.0, 1.5], atol=1e-8)
    np.testing.assert_allclose(res.multipliers, [0.0, 1.0, 0.0, 0.0], atol=1e-8)


def test_quadratic_program_reports_non_convergence():
    Q, c, A, b = random_qp(3, n=3, m=3)
    res = quadratic_program(Q, c, A, b, max_iter=1)
    assert not res.converged and res.n_iter == 1


@pytest.mark.parametrize(
    ("Q", "kwargs", "error", "fragment"),
    [
        (np.diag([1.0, -1.0]), {}, ValueError, "Q must be positive definite"),
        (np.eye(3), {}, ValueError, "shapes do not match"),
        (np.eye(2), {"tol": 0.0}, ValueError, "tol must be positive"),
        (np.eye(2), {"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ([[1.0, 0.5], [0.0, 1.0]], {}, ValueError, "Q must be symmetric"),
    ],
)
def test_quadratic_program_rejects_bad_input(Q, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        quadratic_program(Q, [0.0, 0.0], [[1.0, 1.0]], [1.0], **kwargs)


# ---------------------------------------------------------------- plot_kkt


def test_plot_kkt_draws_the_disk_and_the_solution():
    fig = plot_kkt()
    assert fig.get_label()
    lines = {line.get_label(): line for line in fig.axes[0].get_lines()}
    circle = next(line for name, line in lines.items() if name.startswith("_"))
    np.testing.assert_allclose(np.hypot(*circle.get_data()), 1.0, rtol=1e-12)
    (sx,), (sy,) = lines["constrained minimum"].get_data()
    np.testing.assert_allclose([sx, sy], np.array([2.0, 1.0]) / np.sqrt(5), rtol=1e-12)
    res = quadratic_program(2 * np.eye(2), [-4.0, -2.0], [[1.0, 0.0]], [10.0])
    np.testing.assert_allclose(
        lines["unconstrained minimum"].get_data(), [[2.0], [1.0]]
    )
    np.testing.assert_allclose(
        res.x, [2.0, 1.0], atol=1e-9
    )  # the same point, unconstrained
