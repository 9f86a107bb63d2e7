"""Tests for snippets/optimization/optimality.py (page: docs/optimization/optimality.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import approx_fprime, brute, minimize, rosen, rosen_der, rosen_hess

from snippets.optimization.optimality import (
    classify_point,
    double_well,
    double_well_gradient,
    grid_minimum,
    plot_local_global,
    quadratic,
    quadratic_gradient,
    quadratic_minimizer,
    quadratic_parts,
    rosenbrock,
    rosenbrock_gradient,
    rosenbrock_hessian,
)

coords = st.floats(-2, 2, allow_nan=False, allow_infinity=False)


def spd(n: int, rng: np.random.Generator) -> np.ndarray:
    M = rng.normal(size=(n, n))
    return M @ M.T + n * np.eye(n)


# ---------------------------------------------------------------- rosenbrock


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_rosenbrock_value_gradient_hessian_match_scipy(n):
    rng = np.random.default_rng(n)
    for _ in range(10):
        x = rng.uniform(-2, 2, size=n)
        assert rosenbrock(x) == pytest.approx(rosen(x), rel=1e-12)
        np.testing.assert_allclose(rosenbrock_gradient(x), rosen_der(x), rtol=1e-12)
        np.testing.assert_allclose(rosenbrock_hessian(x), rosen_hess(x), rtol=1e-12)


def test_rosenbrock_general_a_b_by_finite_differences():
    x, a, b = np.array([0.3, -0.7, 1.1]), 2.0, 10.0
    f = lambda z: rosenbrock(z, a, b)  # noqa: E731
    np.testing.assert_allclose(
        rosenbrock_gradient(x, a, b), approx_fprime(x, f, 1e-7), rtol=1e-5
    )
    g = lambda z: rosenbrock_gradient(z, a, b)  # noqa: E731
    fd = np.array([approx_fprime(x, lambda z, i=i: g(z)[i], 1e-7) for i in range(3)])
    np.testing.assert_allclose(rosenbrock_hessian(x, a, b), fd, rtol=1e-5, atol=1e-5)
    # The minimum is (a, a^2, a^4, ...) only for n = 2; check it there.
    assert rosenbrock([a, a**2], a, b) == 0.0


@pytest.mark.parametrize("a", [-1.0, 0.5, 2.0, 3.0])
def test_rosenbrock_minimum_is_positive_for_n_3_unless_a_is_0_or_1(a):
    # For n >= 3 the value 0 needs x_1 = x_2 = a and x_2 = a^2; scipy's BFGS from
    # (a, a^2, a^4) finds a positive minimum, below the value there, for a not in {0, 1}.
    res = minimize(
        rosenbrock,
        [a, a**2, a**4],
        args=(a, 100.0),
        jac=rosenbrock_gradient,
        method="BFGS",
        options={"gtol": 1e-9},
    )
    assert 0 < res.fun < rosenbrock([a, a**2, a**4], a)
    for a0 in (0.0, 1.0):
        assert rosenbrock([a0, a0, a0], a0) == 0.0
        np.testing.assert_array_equal(rosenbrock_gradient([a0, a0, a0], a0), 0.0)


@given(arrays(np.float64, 3, elements=coords))
def test_rosenbrock_is_nonnegative_and_zero_only_at_ones(x):
    value = rosenbrock(x)
    assert value >= 0
    if value == 0:
        np.testing.assert_allclose(x, 1.0)
    H = rosenbrock_hessian(x)
    np.testing.assert_allclose(H, H.T)
    fd = approx_fprime(x, rosenbrock, 1e-7)
    np.testing.assert_allclose(rosenbrock_gradient(x), fd, rtol=1e-4, atol=1e-3)


@pytest.mark.parametrize(
    ("x", "error", "fragment"),
    [
        ([1.0], ValueError, "at least 2 entries"),
        ([[1.0, 1.0]], ValueError, "x must have 1 dimension"),
        ([1.0, np.nan], ValueError, "x must be non-empty and finite"),
        ("ab", TypeError, "x must be array-like"),
    ],
)
def test_rosenbrock_functions_reject_bad_input(x, error, fragment):
    for fn in (rosenbrock, rosenbrock_gradient, rosenbrock_hessian):
        with pytest.raises(error, match=fragment):
            fn(x)


# ---------------------------------------------------------------- quadratic


def test_quadratic_minimum_value_closed_form_and_gradient_by_finite_differences():
    rng = np.random.default_rng(1)
    A, b = spd(4, rng), rng.normal(size=4)
    x_star = np.linalg.solve(A, b)
    # Closed form: min of x^T A x / 2 - b^T x is -b^T A^{-1} b / 2.
    assert quadratic(x_star, A, b) == pytest.approx(-0.5 * b @ x_star, rel=1e-12)
    x = rng.normal(size=4)
    np.testing.assert_allclose(
        quadratic_gradient(x, A, b),
        approx_fprime(x, lambda z: quadratic(z, A, b), 1e-7),
        rtol=1e-5,
        atol=1e-5,
    )
    assert quadratic(x, A) == pytest.approx(quadratic(x, A, np.zeros(4)))


@given(
    arrays(np.float64, 3, elements=coords),
    arrays(np.float64, 3, elements=coords),
    arrays(np.float64, 3, elements=coords),
    arrays(np.float64, (3, 3), elements=coords),
)
def test_quadratic_taylor_expansion_is_exact(x, d, b, M):
    # For a quadratic, f(x + d) = f(x) + grad f(x)^T d + d^T A d / 2 with no remainder.
    A = M + M.T
    lhs = quadratic(x + d, A, b)
    rhs = quadratic(x, A, b) + quadratic_gradient(x, A, b) @ d + 0.5 * d @ A @ d
    assert lhs == pytest.approx(rhs, abs=1e-9)


@pytest.mark.parametrize(
    ("x", "A", "b", "error", "fragment"),
    [
        ([1.0, 2.0], [[1.0, 2.0], [0.0, 1.0]], None, ValueError, "A must be symmetric"),
        ([1.0, 2.0], np.eye(3), None, ValueError, "A must be 2x2"),
        ([1.0, 2.0], np.eye(2), [1.0], ValueError, "b of length 2"),
        ([1.0, np.inf], np.eye(2), None, ValueError, "x must be non-empty and finite"),
        ([1.0, 2.0], [[1.0, 0.0]], None, ValueError, "A must be a square matrix"),
    ],
)
def test_quadratic_rejects_bad_input(x, A, b, error, fragment):
    for fn in (quadratic, quadratic_gradient, quadratic_parts):
        with pytest.raises(error, match=fragment):
            fn(x, A, b)


# ---------------------------------------------------------------- double_well


def test_double_well_gradient_by_finite_differences_and_critical_points():
    x = np.array([-1.7, 0.2, 1.4])
    np.testing.assert_allclose(
        double_well_gradient(x), approx_fprime(x, double_well, 1e-7), rtol=1e-5
    )
    # Critical points: the roots of 4x^3 - 6x + 1 (numpy.roots as the reference).
    roots = np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)
    np.testing.assert_allclose(double_well_gradient(roots), 0.0, atol=1e-12)
    assert double_well([roots[0]]) < double_well([roots[2]])  # global < local


@given(arrays(np.float64, 2, elements=coords))
def test_double_well_is_a_sum_over_coordinates(x):
    assert double_well(x) == pytest.approx(
        double_well(x[:1]) + double_well(x[1:]), abs=1e-12
    )


@pytest.mark.parametrize(
    ("x", "error", "fragment"),
    [
        ([[1.0]], ValueError, "x must have 1 dimension"),
        ([], ValueError, "x must be non-empty"),
        ([np.nan], ValueError, "finite"),
    ],
)
def test_double_well_rejects_bad_input(x, error, fragment):
    for fn in (double_well, double_well_gradient):
        with pytest.raises(error, match=fragment):
            fn(x)


# ---------------------------------------------------------------- grid_minimum


def test_grid_minimum_matches_scipy_brute():
    lower, upper, num = [-2.0, -2.0], [2.0, 2.0], 41
    x, fx = grid_minimum(double_well, lower, upper, num)
    ref = brute(double_well, [(-2, 2), (-2, 2)], Ns=num, finish=None, full_output=True)
    np.testing.assert_allclose(x, ref[0], atol=1e-12)
    assert fx == pytest.approx(ref[1])
    # The grid lands in the global well of each coordinate (near -1.30).
    np.testing.assert_allclose(x, [-1.3, -1.3], atol=0.05)


@given(st.floats(-0.9, 0.9))
def test_grid_minimum_finds_the_nearest_grid_point(c):
    x, _ = grid_minimum(lambda z: float((z[0] - c) ** 2), [-1.0], [1.0], 201)
    assert abs(x[0] - c) <= 0.005 + 1e-12  # half the grid spacing


@pytest.mark.parametrize(
    ("f", "lower", "upper", "num", "error", "fragment"),
    [
        ("f", [0.0], [1.0], 5, TypeError, "f must be callable"),
        (double_well, [1.0], [0.0], 5, ValueError, "lower < upper"),
        (double_well, [0.0], [1.0, 2.0], 5, ValueError, "same length"),
        (double_well, [0.0], [1.0], 1, ValueError, "num must be an integer >= 2"),
        (lambda x: np.nan, [0.0], [1.0], 5, ValueError, "non-finite"),
        (double_well, [np.nan], [1.0], 5, ValueError, "lower must be non-empty"),
    ],
)
def test_grid_minimum_rejects_bad_input(f, lower, upper, num, error, fragment):
    with pytest.raises(error, match=fragment):
        grid_minimum(f, lower, upper, num)


# ---------------------------------------------------------------- quadratic_minimizer


def test_quadratic_minimizer_matches_scipy_minimize():
    rng = np.random.default_rng(2)
    A, b = spd(5, rng), rng.normal(size=5)
    ref = minimize(lambda x: quadratic(x, A, b), np.zeros(5), method="BFGS", tol=1e-12)
    np.testing.assert_allclose(quadratic_minimizer(A, b), ref.x, atol=1e-6)


@given(
    arrays(np.float64, (3, 3), elements=coords), arrays(np.float64, 3, elements=coords)
)
def test_quadratic_minimizer_zeroes_the_gradient(M, b):
    A = M @ M.T + np.eye(3)
    x = quadratic_minimizer(A, b)
    np.testing.assert_allclose(quadratic_gradient(x, A, b), 0.0, atol=1e-9)


@pytest.mark.parametrize(
    ("A", "b", "error", "fragment"),
    [
        ([[1.0, 0.0], [0.0, -1.0]], [1.0, 1.0], ValueError, "positive definite"),
        (np.eye(2), [1.0, 1.0, 1.0], ValueError, "b must have length 2"),
        ([[1.0, 2.0], [3.0, 1.0]], [1.0, 1.0], ValueError, "symmetric"),
        (np.eye(2), [np.nan, 1.0], ValueError, "b must be non-empty and finite"),
    ],
)
def test_quadratic_minimizer_rejects_bad_input(A, b, error, fragment):
    with pytest.raises(error, match=fragment):
        quadratic_minimizer(A, b)


# ---------------------------------------------------------------- classify_point


def test_classify_point_on_textbook_functions():
    # Hessians of x^2 + y^2, -x^2 - y^2, x^2 - y^2 and x^4 + y^4 at the origin.
    zero = [0.0, 0.0]
    assert classify_point(zero, 2 * np.eye(2)) == "local minimum"
    assert classify_point(zero, -2 * np.eye(2)) == "local maximum"
    assert classify_point(zero, np.diag([2.0, -2.0])) == "saddle point"
    assert classify_point(zero, np.zeros((2, 2))) == "inconclusive"
    # Rosenbrock: minimum at (1, 1); not stationary at the classic start.
    one = [1.0, 1.0]
    assert classify_point(rosenbrock_gradient(one), rosenbrock_hessian(one)) == (
        "local minimum"
    )
    start = [-1.2, 1.0]
    assert classify_point(rosenbrock_gradient(start), rosenbrock_hessian(start)) == (
        "not stationary"
    )


@given(
    arrays(np.float64, 3, elements=st.floats(0.1, 10)),
    st.lists(st.sampled_from([-1.0, 1.0]), min_size=3, max_size=3),
    st.integers(0, 10_000),
)
def test_classify_point_follows_the_eigenvalue_signs(magnitudes, signs, seed):
    Qm, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(3, 3)))
    eig = magnitudes * np.array(signs)
    H = Qm @ np.diag(eig) @ Qm.T
    H = (H + H.T) / 2
    expected = (
        "local minimum"
        if np.all(eig > 0)
        else "local maximum"
        if np.all(eig < 0)
        else "saddle point"
    )
    assert classify_point(np.zeros(3), H) == expected


@pytest.mark.parametrize(
    ("g", "H", "tol", "error", "fragment"),
    [
        ([0.0, 0.0], np.eye(3), 1e-8, ValueError, "hessian must be 2x2"),
        ([0.0, 0.0], [[1.0, 1.0], [0.0, 1.0]], 1e-8, ValueError, "symmetric"),
        ([0.0, 0.0], np.eye(2), 0.0, ValueError, "tol must be a positive number"),
        ([np.nan, 0.0], np.eye(2), 1e-8, ValueError, "gradient must be non-empty"),
        ([[0.0, 0.0]], np.eye(2), 1e-8, ValueError, "gradient must have 1 dimension"),
    ],
)
def test_classify_point_rejects_bad_input(g, H, tol, error, fragment):
    with pytest.raises(error, match=fragment):
        classify_point(g, H, tol)


# ---------------------------------------------------------------- plot_local_global


def test_plot_local_global_draws_the_curve_and_its_critical_points():
    fig = plot_local_global()
    assert fig.get_label()
    curve, *markers = fig.axes[0].get_lines()
    x, y = curve.get_data()
    np.testing.assert_allclose(y, x**4 - 3 * x**2 + x, rtol=1e-12)
    assert len(markers) == 3
    for line in markers:
        (mx,), (my,) = line.get_data()
        assert double_well_gradient([mx])[0] == pytest.approx(0.0, abs=1e-10)
        assert my == pytest.approx(double_well([mx]))
