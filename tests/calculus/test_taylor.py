"""Tests for snippets/calculus/taylor.py (page: docs/calculus/taylor.md)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.interpolate import approximate_taylor_polynomial

from snippets.calculus.limits_derivatives import EPS, central_difference
from snippets.calculus.taylor import (
    graph_curvature,
    local_approximation,
    plot_taylor_approximations,
    plot_taylor_errors,
    second_difference,
    series_derivatives,
    taylor_error_bound,
    taylor_polynomial,
)

small = st.floats(-2, 2, allow_nan=False)

# ---------------------------------------------------------------- second_difference


def test_second_difference_matches_closed_forms():
    x = np.linspace(-2, 2, 21)
    np.testing.assert_allclose(second_difference(np.exp, x), np.exp(x), atol=1e-6)
    np.testing.assert_allclose(second_difference(np.sin, x), -np.sin(x), atol=1e-6)


def test_second_difference_order_two_and_best_step_near_eps_quarter():
    # Truncation error h^2 / 12 |f''''|; rounding ~ 4 eps |f| / h^2; optimum ~ eps^(1/4).
    h = np.logspace(-3, -1, 5)
    err = np.array([abs(second_difference(np.exp, 1.0, float(s)) - np.e) for s in h])
    assert np.polyfit(np.log(h), np.log(err), 1)[0] == pytest.approx(2.0, abs=0.05)
    np.testing.assert_allclose(err / h**2, np.e / 12, rtol=0.01)
    h = np.logspace(-8, -1, 141)
    err = np.array([abs(second_difference(np.exp, 1.0, float(s)) - np.e) for s in h])
    assert EPS**0.25 / 30 < h[err.argmin()] < EPS**0.25 * 30


@given(small, small, small)
def test_second_difference_is_exact_for_parabolas(a, b, x):
    d2 = second_difference(lambda t: a * t**2 + b * t, x, h=1e-2)
    assert d2 == pytest.approx(2 * a, abs=1e-9)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((np.sin, 0.0, 0.0), ValueError, "h must be positive"),
        ((np.sin, 0.0, -1.0), ValueError, "h must be positive"),
        ((np.sin, 0.0, np.nan), ValueError, "h must be positive"),
        ((np.sin, [np.nan], 1e-3), ValueError, "x must be non-empty and finite"),
        (("sin", 0.0, 1e-3), TypeError, "f must be callable"),
        ((np.sqrt, 0.0, 1e-3), ValueError, r"f\(x - h\) must be non-empty and finite"),
    ],
)
def test_second_difference_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment), np.errstate(invalid="ignore"):
        second_difference(*args)


# ---------------------------------------------------------------- curvature


@given(st.floats(0.5, 5.0), st.floats(-0.6, 0.6))
def test_curvature_of_a_circle_is_one_over_its_radius(r, t):
    # Closed form: a circle of radius r has curvature 1 / r everywhere.
    def upper_half(x):
        return np.sqrt(r**2 - x**2)

    assert graph_curvature(upper_half, t * r) == pytest.approx(1 / r, rel=1e-5)


def test_curvature_of_parabola_and_line():
    # y = a x^2 has curvature 2a / (1 + 4a^2 x^2)^(3/2) (standard formula).
    x = np.array([-1.0, 0.0, 0.5])
    expected = 2 * 3.0 / (1 + 36 * x**2) ** 1.5
    np.testing.assert_allclose(
        graph_curvature(lambda t: 3.0 * t**2, x), expected, rtol=1e-5
    )
    assert graph_curvature(lambda t: 2 * t + 1, 0.3) == pytest.approx(0.0, abs=1e-6)


def test_curvature_rejects_bad_input():
    with pytest.raises(TypeError, match="f must be callable"):
        graph_curvature(1.0, 0.0)
    with pytest.raises(ValueError, match="x must be non-empty and finite"):
        graph_curvature(np.sin, np.inf)


# ---------------------------------------------------------------- series_derivatives


def test_series_derivatives_give_the_known_maclaurin_coefficients():
    k = np.arange(9)
    fact = np.array([math.factorial(j) for j in k], dtype=float)
    # exp: 1/k!; sin: 0, 1, 0, -1/3!, ...; cos: 1, 0, -1/2!, ...; log(1+x): (-1)^(k+1)/k
    np.testing.assert_allclose(series_derivatives("exp", 8) / fact, 1 / fact)
    sin_coeffs = [0, 1, 0, -1 / 6, 0, 1 / 120, 0, -1 / 5040, 0]
    np.testing.assert_allclose(series_derivatives("sin", 8) / fact, sin_coeffs, atol=0)
    cos_coeffs = [1, 0, -1 / 2, 0, 1 / 24, 0, -1 / 720, 0, 1 / 40320]
    np.testing.assert_allclose(series_derivatives("cos", 8) / fact, cos_coeffs, atol=0)
    log_coeffs = [0] + [(-1) ** (j + 1) / j for j in k[1:]]
    np.testing.assert_allclose(series_derivatives("log1p", 8) / fact, log_coeffs)


@pytest.mark.parametrize(
    ("name", "f"),
    [("exp", np.exp), ("sin", np.sin), ("cos", np.cos), ("log1p", np.log1p)],
)
@given(a=st.floats(-0.5, 2.0))
def test_series_derivatives_match_finite_differences(name, f, a):
    d = series_derivatives(name, 2, a)
    assert d[0] == pytest.approx(f(a), rel=1e-14, abs=1e-15)
    assert d[1] == pytest.approx(central_difference(f, a), rel=1e-8, abs=1e-8)
    assert d[2] == pytest.approx(second_difference(f, a), rel=1e-5, abs=1e-6)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (("tan", 3), ValueError, "name must be one of"),
        (("exp", -1), ValueError, "n must be >= 0"),
        (("exp", 2.5), TypeError, "n must be an integer"),
        (("exp", 2, np.nan), ValueError, "a must be non-empty and finite"),
        (("log1p", 2, -1.0), ValueError, "log1p needs a > -1"),
    ],
)
def test_series_derivatives_reject_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        series_derivatives(*args)


# ---------------------------------------------------------------- taylor_polynomial


@pytest.mark.parametrize(("name", "f"), [("exp", np.exp), ("sin", np.sin)])
def test_taylor_polynomial_matches_scipy_approximation(name, f):
    a, n = 0.5, 5
    reference = approximate_taylor_polynomial(f, a, n, scale=0.5, order=n + 6)
    x = np.linspace(a - 0.3, a + 0.3, 13)
    ours = taylor_polynomial(series_derivatives(name, n, a), a, x)
    np.testing.assert_allclose(ours, reference(x - a), atol=1e-6)


@given(st.integers(0, 12), st.floats(-3, 3))
def test_taylor_error_is_within_the_lagrange_bound(n, x):
    # sin: every derivative is bounded by M = 1. exp on [0, x] or [x, 0]: M = e^max(0, x).
    t_sin = taylor_polynomial(series_derivatives("sin", n), 0.0, x)
    assert abs(np.sin(x) - t_sin) <= taylor_error_bound(1.0, 0.0, x, n) + 1e-15
    t_exp = taylor_polynomial(series_derivatives("exp", n), 0.0, x)
    bound = taylor_error_bound(np.exp(max(0.0, x)), 0.0, x, n)
    assert abs(np.exp(x) - t_exp) <= bound * (1 + 1e-12) + 1e-14


@given(arrays(np.float64, 4, elements=small), small, small)
def test_taylor_polynomial_of_a_cubic_is_the_cubic(coefficients, a, x):
    # A degree-3 polynomial equals its own Taylor polynomial of order 3 at any a.
    p = np.poly1d(coefficients)
    derivatives = [p.deriv(k)(a) if k else p(a) for k in range(4)]
    assert taylor_polynomial(derivatives, a, x) == pytest.approx(p(x), abs=1e-9)


def test_taylor_polynomial_returns_float_for_scalar_and_array_for_array():
    assert type(taylor_polynomial([1.0, 2.0], 0.0, 1.0)) is float
    assert taylor_polynomial([1.0, 2.0], 0.0, [0.0, 1.0]).tolist() == [1.0, 3.0]


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (([], 0.0, 1.0), ValueError, "derivatives must be non-empty"),
        (([[1.0]], 0.0, 1.0), ValueError, "derivatives must have 1 dimension"),
        (([1.0, np.inf], 0.0, 1.0), ValueError, "derivatives must be non-empty and"),
        (([1.0], "a", 1.0), TypeError, "a must be array-like"),
        (([1.0], 0.0, np.nan), ValueError, "x must be non-empty and finite"),
    ],
)
def test_taylor_polynomial_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        taylor_polynomial(*args)


# ---------------------------------------------------------------- local_approximation


def test_local_approximation_is_tangent_line_and_quadratic_model():
    x = np.array([-0.2, 0.1, 0.3])
    a = 0.5
    tangent = np.exp(a) * (1 + (x - a))
    quadratic = tangent + np.exp(a) * (x - a) ** 2 / 2
    np.testing.assert_allclose(local_approximation(np.exp, a, x, 1), tangent, rtol=1e-9)
    np.testing.assert_allclose(
        local_approximation(np.exp, a, x, 2), quadratic, rtol=1e-7
    )


def test_local_approximation_errors_shrink_like_distance_squared_and_cubed():
    # The error of the order-n model is O(|x - a|^(n+1)): halving the distance
    # divides it by about 4 (tangent) and 8 (quadratic).
    d = np.array([0.1, 0.05, 0.025])
    e1 = np.abs(local_approximation(np.sin, 1.0, 1.0 + d, 1) - np.sin(1.0 + d))
    e2 = np.abs(local_approximation(np.sin, 1.0, 1.0 + d, 2) - np.sin(1.0 + d))
    np.testing.assert_allclose(e1[:-1] / e1[1:], 4.0, rtol=0.05)
    np.testing.assert_allclose(e2[:-1] / e2[1:], 8.0, rtol=0.05)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((np.sin, 0.0, 1.0, 3), ValueError, "order must be 1 or 2"),
        ((np.sin, 0.0, 1.0, 0), ValueError, "order must be >= 1"),
        ((np.sin, 0.0, 1.0, 1.0), TypeError, "order must be an integer"),
        ((None, 0.0, 1.0, 1), TypeError, "f must be callable"),
        ((np.sin, np.inf, 1.0, 1), ValueError, "a must be non-empty and finite"),
    ],
)
def test_local_approximation_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        local_approximation(*args)


# ---------------------------------------------------------------- taylor_error_bound


def test_taylor_error_bound_closed_form():
    # sin at 0, n = 3, x = 0.5: 0.5^4 / 4! = 1/384.
    assert taylor_error_bound(1.0, 0.0, 0.5, 3) == pytest.approx(1 / 384)
    np.testing.assert_allclose(
        taylor_error_bound(2.0, 1.0, [0.0, 3.0], 1), [1.0, 4.0]
    )  # 2 * |x - 1|^2 / 2


@given(st.floats(0, 10), small, small, st.integers(0, 10))
def test_taylor_error_bound_is_nonnegative_and_symmetric(M, a, x, n):
    b = taylor_error_bound(M, a, x, n)
    assert b >= 0
    assert b == pytest.approx(
        taylor_error_bound(M, a, 2 * a - x, n), rel=1e-9, abs=1e-300
    )


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((-1.0, 0.0, 1.0, 2), ValueError, "M must be >= 0"),
        ((np.nan, 0.0, 1.0, 2), ValueError, "M must be non-empty and finite"),
        ((1.0, 0.0, 1.0, -1), ValueError, "n must be >= 0"),
        ((1.0, 0.0, [np.inf], 2), ValueError, "x must be non-empty and finite"),
    ],
)
def test_taylor_error_bound_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        taylor_error_bound(*args)


# ---------------------------------------------------------------- plots


def test_plot_taylor_approximations_draws_the_polynomials():
    fig = plot_taylor_approximations("sin", (1, 3))
    assert "sin(x)" in fig.get_label()
    lines = fig.axes[0].get_lines()
    x, y = lines[0].get_data()
    np.testing.assert_allclose(y, np.sin(x))
    np.testing.assert_allclose(lines[1].get_data()[1], x)  # order 1: x
    np.testing.assert_allclose(lines[2].get_data()[1], x - x**3 / 6)


def test_plot_taylor_errors_draws_the_errors():
    fig = plot_taylor_errors("log1p", (0.5, 1.5), 10)
    assert "grows" in fig.get_label() and "falls" in fig.get_label()
    _, err = fig.axes[0].get_lines()[0].get_data()
    # |log(1.5) - T_n(0.5)|, with T_n from the alternating series sum (-1)^(k+1) x^k / k
    partial = np.cumsum([0.0] + [(-1) ** (k + 1) * 0.5**k / k for k in range(1, 11)])
    np.testing.assert_allclose(err, np.abs(np.log1p(0.5) - partial), rtol=1e-9)


def test_plots_reject_unknown_functions():
    with pytest.raises(ValueError, match="name must be one of"):
        plot_taylor_approximations("tan")
    with pytest.raises(ValueError, match="name must be one of"):
        plot_taylor_errors("tan")


@given(small, small, small, small, small)
def test_quadratic_model_of_a_parabola_is_the_parabola(c2, c1, c0, a, x):
    def p(t):
        return c2 * t**2 + c1 * t + c0

    assert local_approximation(p, a, x, 2) == pytest.approx(p(x), abs=1e-5)
    tangent = p(a) + (2 * c2 * a + c1) * (x - a)
    assert local_approximation(p, a, x, 1) == pytest.approx(tangent, abs=1e-6)
