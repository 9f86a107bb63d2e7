"""Tests for snippets/calculus/integrals.py (page: docs/calculus/integrals.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import integrate, stats

from snippets.calculus.integrals import (
    check_interval,
    convergence_order,
    cumulative_integral,
    expectation,
    plot_integration_convergence,
    plot_riemann_sum,
    probability,
    riemann_sum,
    simpson,
    trapezoid,
)
from snippets.calculus.limits_derivatives import central_difference

small = st.floats(-3, 3, allow_nan=False)
INTEGRANDS = [
    (np.exp, 0.0, 1.0),
    (np.sin, 0.0, np.pi),
    (lambda x: 1 / (1 + x**2), -2.0, 3.0),
    (lambda x: np.sqrt(x) * np.cos(x), 0.5, 4.0),
]


def quad(f, a, b):
    return integrate.quad(f, a, b, epsabs=1e-13, epsrel=1e-13, limit=200)[0]


def panels_and_errors(rule, f, a, b, ns):
    exact = quad(f, a, b)
    return np.array([abs(rule(f, a, b, int(n)) - exact) for n in ns])


# ---------------------------------------------------------------- rules vs quad


@pytest.mark.parametrize(("f", "a", "b"), INTEGRANDS)
def test_rules_agree_with_scipy_quad(f, a, b):
    exact = quad(f, a, b)
    assert riemann_sum(f, a, b, 20_000, "left") == pytest.approx(exact, rel=1e-3)
    assert riemann_sum(f, a, b, 2000) == pytest.approx(exact, rel=1e-6)
    assert trapezoid(f, a, b, 2000) == pytest.approx(exact, rel=1e-6)
    assert simpson(f, a, b, 200) == pytest.approx(exact, rel=1e-8)


@pytest.mark.parametrize(("f", "a", "b"), INTEGRANDS)
def test_rules_agree_with_scipy_on_the_same_grid(f, a, b):
    x = np.linspace(a, b, 101)
    assert trapezoid(f, a, b, 100) == pytest.approx(integrate.trapezoid(f(x), x))
    assert simpson(f, a, b, 100) == pytest.approx(integrate.simpson(f(x), x=x))


@pytest.mark.parametrize(
    ("rule", "order"),
    [
        (lambda f, a, b, n: riemann_sum(f, a, b, n, "left"), 1),
        (lambda f, a, b, n: riemann_sum(f, a, b, n, "right"), 1),
        (riemann_sum, 2),  # midpoint
        (trapezoid, 2),
        (simpson, 4),
    ],
)
@pytest.mark.parametrize(("f", "a", "b"), [INTEGRANDS[0], INTEGRANDS[3]])
def test_rules_converge_with_their_order(rule, order, f, a, b):
    # (sin on [0, pi] would fool the test: f(a) = f(b) = 0 makes left = trapezoid.)
    ns = np.array([16, 32, 64, 128])
    errors = panels_and_errors(rule, f, a, b, ns)
    assert convergence_order(ns, errors) == pytest.approx(order, abs=0.15)


def test_error_constants_of_midpoint_and_trapezoid():
    # Classic error terms: trapezoid -(b-a) h^2 f''/12, midpoint +(b-a) h^2 f''/24,
    # so for f = exp on [0, 1] the trapezoid error is about -2 times the midpoint error.
    exact = np.e - 1
    mid = riemann_sum(np.exp, 0.0, 1.0, 64) - exact
    trap = trapezoid(np.exp, 0.0, 1.0, 64) - exact
    assert trap / mid == pytest.approx(-2.0, rel=1e-3)
    assert trap == pytest.approx(exact / 12 / 64**2, rel=1e-3)


@given(arrays(np.float64, 4, elements=small), small, st.floats(0.1, 3))
def test_simpson_is_exact_for_cubics_and_trapezoid_for_lines(coefficients, a, width):
    b = a + width
    p = np.poly1d(coefficients)
    exact = p.integ()(b) - p.integ()(a)
    assert simpson(p, a, b, 2) == pytest.approx(exact, rel=1e-10, abs=1e-10)
    line = np.poly1d(coefficients[:2])
    exact = line.integ()(b) - line.integ()(a)
    assert trapezoid(line, a, b, 1) == pytest.approx(exact, rel=1e-10, abs=1e-10)
    assert riemann_sum(line, a, b, 1) == pytest.approx(exact, rel=1e-10, abs=1e-10)


@given(small, st.floats(0.1, 3), st.floats(-5, 5))
def test_rules_are_linear_in_f(a, width, c):
    b = a + width
    for rule in (riemann_sum, trapezoid, simpson):
        scaled = rule(lambda x: c * np.sin(x) + 1.0, a, b, 10)
        assert scaled == pytest.approx(
            c * rule(np.sin, a, b, 10) + width, rel=1e-9, abs=1e-9
        )


# ---------------------------------------------------------------- fundamental theorem


def test_cumulative_integral_matches_scipy_and_the_antiderivative():
    x, F = cumulative_integral(np.cos, 0.0, 2.0, 400)
    np.testing.assert_allclose(
        F, integrate.cumulative_trapezoid(np.cos(x), x, initial=0)
    )
    np.testing.assert_allclose(F, np.sin(x), atol=1e-5)  # F(x) = sin(x) - sin(0)


def test_derivative_of_the_cumulative_integral_is_f():
    # Fundamental theorem: d/dx int_a^x f = f(x). Differentiate F on its grid.
    x, F = cumulative_integral(np.exp, 0.0, 1.0, 1000)
    dF = np.gradient(F, x)
    np.testing.assert_allclose(dF[1:-1], np.exp(x[1:-1]), rtol=1e-5)
    # and the antiderivative route: central differences of the exact F = e^x - 1
    assert central_difference(lambda t: np.exp(t) - 1, 0.3) == pytest.approx(
        np.exp(0.3)
    )


@given(small, st.floats(0.1, 3))
def test_cumulative_integral_is_additive(a, width):
    b = a + width
    x, F = cumulative_integral(np.sin, a, b, 100)
    assert F[0] == 0.0 and len(x) == 101
    assert F[-1] == pytest.approx(trapezoid(np.sin, a, b, 100), abs=1e-12)
    assert np.all(
        np.diff(F) == pytest.approx((np.sin(x[1:]) + np.sin(x[:-1])) / 2 * np.diff(x))
    )


# ---------------------------------------------------------------- convergence_order


@given(st.floats(0.5, 6), st.floats(1e-3, 1e3))
def test_convergence_order_recovers_a_power_law(p, C):
    n = np.array([10, 20, 40, 80, 160])
    assert convergence_order(n, C * n**-p) == pytest.approx(p, rel=1e-9)


@pytest.mark.parametrize(
    ("n", "errors", "fragment"),
    [
        ([10], [0.1], "same length >= 2"),
        ([10, 20], [0.1], "same length >= 2"),
        ([10, 20], [0.1, 0.0], "must be positive"),
        ([10, -20], [0.1, 0.2], "must be positive"),
        ([10, 20], [0.1, np.nan], "errors must be non-empty and finite"),
    ],
)
def test_convergence_order_rejects_bad_input(n, errors, fragment):
    with pytest.raises(ValueError, match=fragment):
        convergence_order(n, errors)


# ---------------------------------------------------------------- expectations


def test_area_under_normal_pdf_matches_scipy_stats():
    for a, b in [(-1.0, 1.0), (-1.96, 1.96), (0.0, 3.0), (-10.0, 10.0)]:
        expected = stats.norm.cdf(b) - stats.norm.cdf(a)
        assert probability(stats.norm.pdf, a, b) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("dist", "a", "b"),
    [
        (stats.norm(loc=1.5, scale=2.0), 1.5 - 30, 1.5 + 30),
        (stats.expon(scale=0.5), 0.0, 30.0),
        (stats.beta(2.0, 5.0), 0.0, 1.0),
        (stats.uniform(loc=-1, scale=3), -1.0, 2.0),
    ],
)
def test_moments_as_integrals_match_scipy_stats(dist, a, b):
    mean = expectation(lambda x: x, dist.pdf, a, b, n=4000)
    assert mean == pytest.approx(dist.mean(), rel=1e-8, abs=1e-10)
    var = expectation(lambda x: (x - mean) ** 2, dist.pdf, a, b, n=4000)
    assert var == pytest.approx(dist.var(), rel=1e-7)
    assert probability(dist.pdf, a, b, n=4000) == pytest.approx(1.0, abs=1e-8)


@given(st.floats(-2, 2), st.floats(0.3, 3))
def test_gaussian_moments_for_many_parameters(mu, sigma):
    pdf = stats.norm(mu, sigma).pdf
    a, b = mu - 12 * sigma, mu + 12 * sigma
    assert expectation(lambda x: x, pdf, a, b) == pytest.approx(mu, abs=1e-9)
    second = expectation(lambda x: x**2, pdf, a, b)
    assert second == pytest.approx(mu**2 + sigma**2, rel=1e-8)


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (
            lambda: expectation("x", stats.norm.pdf, -1, 1),
            TypeError,
            "g must be callable",
        ),
        (lambda: expectation(np.abs, None, -1, 1), TypeError, "pdf must be callable"),
        (
            lambda: probability(lambda x: -np.ones_like(x), 0, 1),
            ValueError,
            "pdf must be non-negative",
        ),
        (
            lambda: probability(stats.norm.pdf, 1.0, -1.0),
            ValueError,
            "a must be less than b",
        ),
        (
            lambda: probability(stats.norm.pdf, -np.inf, 1.0),
            ValueError,
            "a must be non-empty and finite",
        ),
        (
            lambda: probability(stats.norm.pdf, -1.0, 1.0, n=3),
            ValueError,
            "n must be even",
        ),
        (
            lambda: probability(lambda x: x / 0.0 * 0, -1.0, 1.0),
            ValueError,
            r"pdf\(x\) must be",
        ),
    ],
)
def test_expectation_and_probability_reject_bad_input(call, error, fragment):
    with pytest.raises(error, match=fragment), np.errstate(all="ignore"):
        call()


# ---------------------------------------------------------------- bad input of the rules


@pytest.mark.parametrize("rule", [riemann_sum, trapezoid, simpson, cumulative_integral])
@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (
            (np.sin, 1.0, 0.0, 4),
            ValueError,
            "a must be less than b, got a = 1.0 and b = 0.0",
        ),
        ((np.sin, 1.0, 1.0, 4), ValueError, "a must be less than b"),
        ((np.sin, 0.0, np.nan, 4), ValueError, "b must be non-empty and finite"),
        ((np.sin, [0.0], 1.0, 4), ValueError, "a must have 0 dimension"),
        ((np.sin, 0.0, 1.0, 0), ValueError, "n must be >= "),
        ((np.sin, 0.0, 1.0, 4.0), TypeError, "n must be an integer"),
        (("sin", 0.0, 1.0, 4), TypeError, "f must be callable"),
        ((np.log, -1.0, 1.0, 4), ValueError, r"f\(x\) must be non-empty and finite"),
    ],
)
def test_rules_reject_bad_input(rule, args, error, fragment):
    with pytest.raises(error, match=fragment), np.errstate(all="ignore"):
        rule(*args)


def test_specific_bad_inputs():
    with pytest.raises(ValueError, match="n must be even for Simpson's rule, got 3"):
        simpson(np.sin, 0.0, 1.0, 3)
    with pytest.raises(ValueError, match="rule must be 'left', 'midpoint' or 'right'"):
        riemann_sum(np.sin, 0.0, 1.0, 4, "upper")
    with pytest.raises(ValueError, match="a must be less than b"):
        check_interval(2, 1)


# ---------------------------------------------------------------- plots


def test_plot_riemann_sum_draws_rectangles_of_the_right_heights():
    fig = plot_riemann_sum(n=6, rule="left")
    assert fig.get_label()
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    x_left = np.arange(6) * 4.0 / 6
    np.testing.assert_allclose(heights, np.sin(x_left) + 1.2)
    x, y = ax.get_lines()[0].get_data()
    np.testing.assert_allclose(y, np.sin(x) + 1.2)


def test_plot_integration_convergence_draws_the_errors():
    fig = plot_integration_convergence()
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    n, err = lines[3].get_data()  # Simpson
    expected = panels_and_errors(simpson, np.exp, 0.0, 1.0, n)
    np.testing.assert_allclose(err, np.maximum(expected, 1e-17), rtol=1e-6, atol=1e-15)
    assert convergence_order(n[:6], err[:6]) == pytest.approx(4.0, abs=0.1)


@given(st.floats(-1e6, 1e6), st.floats(1e-3, 1e3))
def test_check_interval_returns_floats_in_order(a, width):
    lo, hi = check_interval(a, a + width)
    assert (lo, hi) == (float(a), float(a + width))
    assert type(lo) is float and type(hi) is float


@given(st.floats(-2, 2), st.floats(0.3, 3), st.floats(0.2, 3))
def test_normal_probabilities_match_scipy_cdf(mu, sigma, k):
    dist = stats.norm(mu, sigma)
    p = probability(dist.pdf, mu - k * sigma, mu + k * sigma)
    expected = dist.cdf(mu + k * sigma) - dist.cdf(mu - k * sigma)
    assert p == pytest.approx(expected, abs=1e-10)
