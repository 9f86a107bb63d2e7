"""Tests for snippets/numerical_methods/roots_interpolation.py (roots-interpolation.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.interpolate import BarycentricInterpolator, CubicSpline
from scipy.optimize import brentq

from snippets.numerical_methods.roots_interpolation import (
    barycentric_interpolate,
    bisection,
    chebyshev_nodes,
    check_nodes,
    convergence_orders,
    interpolation_error,
    natural_cubic_spline,
    newton,
    plot_root_convergence,
    plot_runge,
    plot_spline,
    runge,
)

FUNCTIONS = [  # (f, f', bracket)
    (lambda x: x**3 - 2 * x - 5, lambda x: 3 * x**2 - 2, (2.0, 3.0)),
    (np.cos, lambda x: -np.sin(x), (0.0, 3.0)),
    (lambda x: np.exp(x) - 3.0, np.exp, (-1.0, 4.0)),
    (lambda x: x - np.tanh(2 * x), lambda x: 1 - 2 / np.cosh(2 * x) ** 2, (0.5, 2.0)),
]

# ---------------------------------------------------------------- bisection


@pytest.mark.parametrize(("f", "df", "bracket"), FUNCTIONS)
def test_bisection_matches_brentq(f, df, bracket):
    root, mids = bisection(f, *bracket, tol=1e-13)
    assert root == pytest.approx(brentq(f, *bracket, xtol=1e-14), abs=1e-12)
    # Width halves each step: about log2((b - a) / tol) steps.
    assert mids.size == pytest.approx(np.log2((bracket[1] - bracket[0]) / 1e-13), abs=2)


@given(st.floats(-10, 10), st.floats(0.01, 5), st.floats(0.01, 5))
def test_bisection_finds_the_root_of_a_line_in_any_bracket(r, left, right):
    root, _ = bisection(lambda x: 3.0 * (x - r), r - left, r + right, tol=1e-10)
    assert abs(root - r) <= 1e-10 + 1e-14 * abs(r)


def test_bisection_returns_an_endpoint_root_and_reports_non_convergence():
    assert bisection(lambda x: x, 0.0, 1.0)[0] == 0.0
    with pytest.raises(RuntimeError, match="did not converge in max_iter=5"):
        bisection(lambda x: x - 0.3, 0.0, 1.0, max_iter=5)


@pytest.mark.parametrize(
    ("f", "a", "b", "kwargs", "error", "fragment"),
    [
        (lambda x: x**2 + 1, -1.0, 1.0, {}, ValueError, "does not bracket a root"),
        (lambda x: x**2 - 1, -2.0, 2.0, {}, ValueError, "have the same sign"),
        (lambda x: x, 1.0, -1.0, {}, ValueError, "a must be less than b"),
        (lambda x: x, np.nan, 1.0, {}, ValueError, "a must be non-empty and finite"),
        (lambda x: x, -1.0, 1.0, {"tol": 0.0}, ValueError, "tol must be positive"),
        (lambda x: x, -1.0, 1.0, {"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ("x", -1.0, 1.0, {}, TypeError, "f must be callable"),
        (
            lambda x: np.log(x),
            0.0,
            1.0,
            {},
            ValueError,
            "f\\(a\\) must be non-empty and finite",
        ),
    ],
)
def test_bisection_rejects_bad_input(f, a, b, kwargs, error, fragment):
    with np.errstate(divide="ignore"), pytest.raises(error, match=fragment):
        bisection(f, a, b, **kwargs)


# ---------------------------------------------------------------- newton


@pytest.mark.parametrize(("f", "df", "bracket"), FUNCTIONS)
def test_newton_matches_brentq(f, df, bracket):
    root, xs = newton(f, df, sum(bracket) / 2)
    assert root == pytest.approx(brentq(f, *bracket, xtol=1e-14), abs=1e-12)
    assert xs[0] == sum(bracket) / 2


def test_newton_converges_quadratically():
    _root, xs = newton(lambda x: x**2 - 2, lambda x: 2 * x, 1.0)
    errors = np.abs(xs - np.sqrt(2))[:5]  # before rounding level
    np.testing.assert_allclose(convergence_orders(errors)[-2:], 2.0, atol=0.05)
    # For x^2 - 2 the error obeys e_(k+1) = e_k^2 / (2 x_k) exactly.
    np.testing.assert_allclose(errors[1:], errors[:-1] ** 2 / (2 * xs[:4]), rtol=1e-3)


@given(st.floats(0.5, 100))
def test_newton_square_root_property(c):
    root, _ = newton(lambda x: x * x - c, lambda x: 2 * x, max(c, 1.0))
    assert root == pytest.approx(np.sqrt(c), rel=1e-14)


def test_newton_reports_failures():
    with pytest.raises(RuntimeError, match="f'\\(x\\) = 0 at iterate 0"):
        newton(lambda x: x**2 - 1, lambda x: 2 * x, 0.0)
    with pytest.raises(RuntimeError, match="did not converge in max_iter=5 "):
        newton(
            lambda x: np.arctan(x), lambda x: 1 / (1 + x**2), 2.0, max_iter=5
        )  # cycles outward
    with pytest.raises(RuntimeError, match="did not converge in max_iter=50"):
        newton(lambda x: x**2 + 1, lambda x: 2 * x, 0.5)  # no real root


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"x0": np.inf}, ValueError, "x0 must be non-empty and finite"),
        ({"tol": -1.0}, ValueError, "tol must be positive"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"df": 3.0}, TypeError, "df must be callable"),
    ],
)
def test_newton_rejects_bad_input(kwargs, error, fragment):
    args = {"f": np.sin, "df": np.cos, "x0": 1.0} | kwargs
    with pytest.raises(error, match=fragment):
        newton(**args)


# ---------------------------------------------------------------- convergence_orders


@given(st.floats(0.1, 0.9), st.floats(1.0, 3.0))
def test_convergence_orders_recover_q(c, q):
    # e_(k+1) = c * e_k^q exactly, from e_0 = 0.5.
    e = [0.5]
    for _ in range(4):
        e.append(c * e[-1] ** q)
    if e[-1] < 1e-300 or len(set(e)) < len(e):
        return
    np.testing.assert_allclose(convergence_orders(e)[-1], q, rtol=1e-3)


def test_bisection_errors_have_no_order_but_their_bound_has_order_one():
    # The midpoints' errors against scipy's brentq root are not monotone, so q_k swings
    # widely; the bound (b - a) / 2^(k+1) that bisection guarantees has q_k = 1 exactly.
    f = lambda x: x**3 - 2 * x - 5  # noqa: E731
    _, mids = bisection(f, 2.0, 3.0)
    errors = np.abs(mids - brentq(f, 2.0, 3.0, xtol=1e-15))[:30]
    assert np.all(errors <= 1.0 / 2.0 ** np.arange(1, 31))
    q = convergence_orders(errors)
    assert q.min() < -50 and q.max() > 5
    np.testing.assert_allclose(convergence_orders(1.0 / 2.0 ** np.arange(1, 31)), 1.0)


def test_convergence_orders_rejects_bad_input():
    with pytest.raises(ValueError, match="at least 3 positive"):
        convergence_orders([1e-1, 1e-2])
    with pytest.raises(ValueError, match="at least 3 positive"):
        convergence_orders([1e-1, 0.0, 1e-2])
    with pytest.raises(ValueError, match="must change"):
        convergence_orders([1e-1, 1e-1, 1e-2])


# ---------------------------------------------------------------- polynomial interpolation


def test_barycentric_matches_scipy_and_polyfit():
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(-1, 1, 8))
    y = rng.normal(size=8)
    t = np.linspace(-1, 1, 50)
    np.testing.assert_allclose(
        barycentric_interpolate(x, y, t),
        BarycentricInterpolator(x, y)(t),
        rtol=1e-10,
        atol=1e-10,
    )
    coef = np.polyfit(x, y, 7)  # degree n - 1 through n points: the same polynomial
    np.testing.assert_allclose(
        barycentric_interpolate(x, y, t), np.polyval(coef, t), rtol=1e-6, atol=1e-6
    )
    np.testing.assert_array_equal(barycentric_interpolate(x, y, x), y)  # exact at nodes


@given(st.lists(st.floats(-3, 3), min_size=1, max_size=6), st.floats(-2, 2))
def test_barycentric_reproduces_polynomials_of_degree_below_n(coef, t):
    # Uniqueness: a polynomial of degree < n is its own interpolant on n nodes.
    nodes = chebyshev_nodes(len(coef) + 1)
    p = np.polynomial.Polynomial(coef)
    assert barycentric_interpolate(nodes, p(nodes), t) == pytest.approx(
        p(t), abs=1e-9 * (1 + np.abs(coef).sum()) * 10
    )


def test_chebyshev_nodes_are_the_roots_of_t_n():
    for n in (1, 4, 9):
        nodes = chebyshev_nodes(n)
        np.testing.assert_allclose(
            np.polynomial.chebyshev.Chebyshev.basis(n)(nodes), 0, atol=1e-13
        )
        np.testing.assert_allclose(
            nodes, np.sort(np.polynomial.chebyshev.chebpts1(n)), atol=1e-15
        )
    np.testing.assert_allclose(
        chebyshev_nodes(2, 0.0, 4.0), [2 - np.sqrt(2), 2 + np.sqrt(2)]
    )


def test_runge_phenomenon_and_its_cure():
    errors_equi = [interpolation_error(np.linspace(-1, 1, n)) for n in (9, 15, 21)]
    errors_cheb = [interpolation_error(chebyshev_nodes(n)) for n in (9, 15, 21)]
    assert errors_equi[0] < errors_equi[1] < errors_equi[2] and errors_equi[2] > 50
    assert errors_cheb[0] > errors_cheb[1] > errors_cheb[2] and errors_cheb[2] < 0.02


@pytest.mark.parametrize(
    ("nodes", "values", "error", "fragment"),
    [
        ([0.0, 0.0, 1.0], [1.0, 2.0, 3.0], ValueError, "nodes must be distinct"),
        ([0.0, 1.0], [1.0], ValueError, "same length"),
        ([0.0, np.nan], [1.0, 2.0], ValueError, "nodes must be non-empty and finite"),
        ([[0.0, 1.0]], [1.0, 2.0], ValueError, "nodes must have 1 dimension"),
    ],
)
def test_interpolation_rejects_bad_input(nodes, values, error, fragment):
    with pytest.raises(error, match=fragment):
        barycentric_interpolate(nodes, values, [0.5])
    with pytest.raises(error, match=fragment):
        check_nodes(nodes, values)


def test_chebyshev_nodes_rejects_bad_input():
    with pytest.raises(ValueError, match="n must be >= 1"):
        chebyshev_nodes(0)
    with pytest.raises(ValueError, match="a must be less than b"):
        chebyshev_nodes(3, 1.0, 0.0)


# ---------------------------------------------------------------- cubic spline


def test_natural_cubic_spline_matches_scipy_cubic_spline():
    rng = np.random.default_rng(1)
    x = np.sort(rng.uniform(0, 10, 12))
    y = rng.normal(size=12)
    t = np.linspace(x[0] - 0.5, x[-1] + 0.5, 300)  # includes extrapolation
    np.testing.assert_allclose(
        natural_cubic_spline(x, y)(t),
        CubicSpline(x, y, bc_type="natural")(t),
        rtol=1e-10,
        atol=1e-10,
    )


@given(st.floats(-5, 5), st.floats(-5, 5), st.floats(0.1, 3))
def test_natural_cubic_spline_reproduces_lines(c0, c1, spacing):
    # A line has zero curvature everywhere, so it is its own natural spline.
    x = np.arange(6) * spacing
    s = natural_cubic_spline(x, c0 + c1 * x)
    t = np.linspace(x[0], x[-1], 17)
    np.testing.assert_allclose(
        s(t), c0 + c1 * t, atol=1e-9 * (1 + abs(c0) + abs(c1) * x[-1])
    )


def test_natural_cubic_spline_rejects_bad_input():
    with pytest.raises(ValueError, match="at least 3 strictly increasing"):
        natural_cubic_spline([0.0, 1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="at least 3 strictly increasing"):
        natural_cubic_spline([0.0, 2.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="nodes must be distinct"):
        natural_cubic_spline([0.0, 1.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="t must be non-empty and finite"):
        natural_cubic_spline([0.0, 1.0, 2.0], [1.0, 2.0, 3.0])([np.nan])


# ---------------------------------------------------------------- plots


def test_plots_draw_the_right_data():
    fig = plot_runge()
    assert fig.get_label()
    t, y = fig.axes[0].get_lines()[0].get_data()
    np.testing.assert_allclose(y, runge(t))
    fig = plot_root_convergence()
    assert fig.get_label()
    _, mids = bisection(lambda x: x * x - 2.0, 0.0, 2.0)
    errors = np.abs(mids - np.sqrt(2))
    np.testing.assert_allclose(
        fig.axes[0].get_lines()[0].get_data()[1], np.maximum(errors, 1e-17)
    )
    # The dashed line is the bound (b - a) / 2^(k+1) for the k-th midpoint (from 0):
    # every error lies below it, and the errors are not monotone (the alt text says so).
    _, bound = fig.axes[0].get_lines()[1].get_data()
    np.testing.assert_allclose(bound, 2.0 / 2.0 ** (np.arange(mids.size) + 1))
    assert np.all(errors <= bound)
    assert np.any(np.diff(errors) > 0)
    assert (
        "zigzag" in fig.get_label() and "straight line reaching" not in fig.get_label()
    )
    fig = plot_spline()
    assert fig.get_label()
    x = np.linspace(-1, 1, 11)
    t, y = fig.axes[0].get_lines()[1].get_data()
    np.testing.assert_allclose(
        y, CubicSpline(x, runge(x), bc_type="natural")(t), atol=1e-12
    )
