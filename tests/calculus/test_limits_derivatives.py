"""Tests for snippets/calculus/limits_derivatives.py (page: limits-derivatives.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from snippets.calculus.activations import sigmoid, sigmoid_derivative
from snippets.calculus.limits_derivatives import (
    EPS,
    Dual,
    central_difference,
    chain_rule,
    check_count,
    check_function,
    check_positive,
    derivative_by_rules,
    difference_errors,
    forward_difference,
    is_continuous,
    numerical_limit,
    one_sided_values,
    plot_difference_errors,
    plot_secants,
)

small = st.floats(-3, 3, allow_nan=False)


def log_slope(h, err):
    return np.polyfit(np.log(h), np.log(err), 1)[0]


# ---------------------------------------------------------------- checks


def test_checks_accept_good_values():
    assert check_function(np.sin) is np.sin
    assert check_positive(np.float32(0.5), "h") == 0.5
    assert type(check_positive(2, "h")) is float
    assert check_count(np.int64(3), "n") == 3
    assert check_count(0, "n", minimum=0) == 0


@given(st.floats(1e-300, 1e300))
def test_check_positive_returns_the_same_number(v):
    assert check_positive(v, "v") == v


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: check_function(3.0, "grad"), TypeError, "grad must be callable"),
        (lambda: check_positive(0.0, "h"), ValueError, "h must be positive and finite"),
        (lambda: check_positive(-1, "lr"), ValueError, "lr must be positive"),
        (lambda: check_positive(np.inf, "h"), ValueError, "h must be positive and"),
        (lambda: check_positive(np.nan, "h"), ValueError, "h must be positive and"),
        (lambda: check_positive("1", "h"), TypeError, "h must be a number"),
        (lambda: check_positive(True, "h"), TypeError, "h must be a number"),
        (lambda: check_count(0, "n"), ValueError, "n must be >= 1"),
        (lambda: check_count(2.0, "n"), TypeError, "n must be an integer"),
        (lambda: check_count(True, "n"), TypeError, "n must be an integer"),
    ],
)
def test_checks_reject_bad_values(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


# ---------------------------------------------------------------- limits


def test_one_sided_values_evaluate_f_at_a_plus_minus_h():
    h, left, right = one_sided_values(np.exp, 1.0, h0=0.5, n=4)
    np.testing.assert_allclose(h, [0.5, 0.05, 0.005, 0.0005])
    np.testing.assert_allclose(left, np.exp(1.0 - h))
    np.testing.assert_allclose(right, np.exp(1.0 + h))


def test_one_sided_values_broadcast_a_constant_function():
    _, left, _ = one_sided_values(lambda x: 2.0, 0.0, n=3)
    np.testing.assert_array_equal(left, [2.0, 2.0, 2.0])


@pytest.mark.parametrize(
    ("f", "a", "limit"),
    [
        (lambda x: np.sin(x) / x, 0.0, 1.0),  # the classic limit
        (lambda x: np.expm1(x) / x, 0.0, 1.0),  # derivative of exp at 0
        (lambda x: (1 + x) ** (1 / x), 0.0, np.e),  # definition of e
        (lambda x: (x**2 - 1) / (x - 1), 1.0, 2.0),  # removable singularity
        (lambda x: (np.sqrt(1 + x) - 1) / x, 0.0, 0.5),  # derivative of sqrt at 1
    ],
)
def test_numerical_limit_matches_known_limits(f, a, limit):
    assert numerical_limit(f, a) == pytest.approx(limit, abs=1e-6)


@given(arrays(np.float64, 4, elements=small), small)
def test_numerical_limit_of_a_polynomial_is_its_value(coefficients, a):
    def p(x):
        return np.polyval(coefficients, x)

    assert numerical_limit(p, a) == pytest.approx(p(a), abs=1e-5)
    assert is_continuous(p, a)


@pytest.mark.parametrize(
    ("f", "fragment"),
    [
        (np.sign, "one-sided limits of f at a = 0.0 differ"),
        (lambda x: np.sin(1 / x), "does not settle"),
        (lambda x: 1 / x, "does not settle"),
    ],
)
def test_numerical_limit_reports_missing_limits(f, fragment):
    with pytest.raises(ValueError, match=fragment):
        numerical_limit(f, 0.0)


def test_cancellation_spoils_a_limit_at_tiny_steps():
    # (1 - cos x) / x^2 -> 1/2, but 1 - cos(x) rounds to 0 once x^2 / 2 < eps / 2.
    _, left, _ = one_sided_values(lambda x: (1 - np.cos(x)) / x**2, 0.0, n=10)
    assert left[3] == pytest.approx(0.5, abs=1e-8)
    assert left[-1] == 0.0


def test_is_continuous_detects_jumps_and_holes():
    def hole(x):
        x = np.asarray(x, dtype=float)
        safe = np.where(x == 0, 1.0, x)
        return np.where(x == 0, 0.0, np.sin(safe) / safe)  # f(0) = 0, limit 1

    assert is_continuous(np.abs, 0.0)
    assert not is_continuous(np.sign, 0.0)  # jump
    assert not is_continuous(hole, 0.0)  # the limit exists but differs from f(0)
    assert not is_continuous(lambda x: np.sin(1 / x), 0.0)  # no limit


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"f": "sin"}, TypeError, "f must be callable"),
        ({"a": np.nan}, ValueError, "a must be non-empty and finite"),
        ({"a": [0.0, 1.0]}, ValueError, "a must have 0 dimension"),
        ({"h0": 0.0}, ValueError, "h0 must be positive"),
        ({"n": 1}, ValueError, "n must be >= 2"),
        ({"tol": -1.0}, ValueError, "tol must be positive"),
        (
            {"f": lambda x: np.log(x)},
            ValueError,
            r"f\(a - h\) must be non-empty and finite",
        ),
    ],
)
def test_numerical_limit_rejects_bad_input(kwargs, error, fragment):
    args = {"f": np.sin, "a": 0.0} | kwargs
    with pytest.raises(error, match=fragment), np.errstate(invalid="ignore"):
        numerical_limit(**args)


def test_is_continuous_rejects_bad_input():
    with pytest.raises(TypeError, match="f must be callable"):
        is_continuous(None, 0.0)
    with pytest.raises(ValueError, match="tol must be positive"):
        is_continuous(np.sin, 0.0, tol=0.0)
    with pytest.raises(ValueError, match=r"f\(a - h\) must be non-empty and finite"):
        with np.errstate(invalid="ignore"):
            is_continuous(np.log, 0.0)


# ---------------------------------------------------------------- finite differences


@pytest.mark.parametrize(
    ("f", "df"), [(np.exp, np.exp), (np.sin, np.cos), (np.log1p, lambda x: 1 / (1 + x))]
)
def test_differences_match_closed_form_derivatives(f, df):
    x = np.linspace(-0.5, 2.0, 26)
    np.testing.assert_allclose(forward_difference(f, x), df(x), atol=3e-7)
    np.testing.assert_allclose(central_difference(f, x), df(x), atol=1e-9)


def test_truncation_orders_are_one_and_two():
    # In the truncation regime the error is ~ |f''|/2 h (forward), |f'''|/6 h^2 (central).
    h = np.logspace(-4, -1, 7)
    forward, central = difference_errors(np.exp, np.exp, 1.0, h)
    assert log_slope(h, forward) == pytest.approx(1.0, abs=0.05)
    assert log_slope(h, central) == pytest.approx(2.0, abs=0.05)
    np.testing.assert_allclose(forward / h, np.e / 2, rtol=0.06)
    np.testing.assert_allclose(central / h**2, np.e / 6, rtol=0.02)


def test_rounding_error_grows_like_one_over_h():
    h = np.logspace(-14, -11, 13)
    forward, central = difference_errors(np.exp, np.exp, 1.0, h)
    assert log_slope(h, forward) == pytest.approx(-1.0, abs=0.35)
    assert log_slope(h, central) == pytest.approx(-1.0, abs=0.35)


def test_best_steps_are_near_eps_half_and_eps_third():
    h = np.logspace(-14, -1, 261)
    for x in (0.3, 1.0, 2.0):
        forward, central = difference_errors(np.exp, np.exp, x, h)
        # the minimum of a noisy V: compare with the theory within a factor 30
        assert EPS**0.5 / 30 < h[forward.argmin()] < EPS**0.5 * 30
        assert EPS ** (1 / 3) / 30 < h[central.argmin()] < EPS ** (1 / 3) * 30
        # and the best errors are about eps^(1/2) and eps^(2/3)
        assert forward.min() < 10 * EPS**0.5
        assert central.min() < 10 * EPS ** (2 / 3)


@given(small, small, small, st.floats(1e-4, 1e-1))
def test_exact_for_low_degree_polynomials(a, b, x, h):
    # Forward differences are exact for lines; central differences for parabolas.
    assert forward_difference(lambda t: a * t + b, x, h) == pytest.approx(a, abs=1e-9)
    c = central_difference(lambda t: a * t**2 + b * t, x, h)
    assert c == pytest.approx(2 * a * x + b, abs=1e-9)


def test_differences_return_float_for_scalars_and_broadcast():
    assert type(forward_difference(np.sin, 0.0)) is float
    out = central_difference(np.sin, [0.0, 1.0], [1e-3, 1e-4])
    assert out.shape == (2,)


@pytest.mark.parametrize("method", [forward_difference, central_difference])
@pytest.mark.parametrize(
    ("f", "x", "h", "error", "fragment"),
    [
        (np.sin, 0.0, 0.0, ValueError, "h must be positive"),
        (np.sin, 0.0, -1e-3, ValueError, "h must be positive"),
        (np.sin, 0.0, [1e-3, 0.0], ValueError, "h must be positive"),
        (np.sin, 0.0, np.nan, ValueError, "h must be non-empty and finite"),
        (np.sin, np.inf, 1e-3, ValueError, "x must be non-empty and finite"),
        (np.sin, "x", 1e-3, TypeError, "x must be array-like"),
        (1.0, 0.0, 1e-3, TypeError, "f must be callable"),
        (np.log, -1.0, 1e-3, ValueError, "must be non-empty and finite"),
    ],
)
def test_differences_reject_bad_input(method, f, x, h, error, fragment):
    with pytest.raises(error, match=fragment), np.errstate(invalid="ignore"):
        method(f, x, h)


def test_difference_errors_reject_bad_input():
    with pytest.raises(TypeError, match="df must be callable"):
        difference_errors(np.sin, "cos", 0.0, [1e-3])
    with pytest.raises(ValueError, match="h must have 1 dimension"):
        difference_errors(np.sin, np.cos, 0.0, 1e-3)
    with pytest.raises(ValueError, match="x must have 0 dimension"):
        difference_errors(np.sin, np.cos, [0.0, 1.0], [1e-3])


# ---------------------------------------------------------------- rules (dual numbers)


def test_dual_rules_match_closed_forms():
    x = 1.7
    # quotient rule on (x^2 + 1) / (x - 3): ((2x)(x - 3) - (x^2 + 1)) / (x - 3)^2
    d = derivative_by_rules(lambda u: (u**2 + 1) / (u - 3), x)
    assert d == pytest.approx((2 * x * (x - 3) - (x**2 + 1)) / (x - 3) ** 2, rel=1e-14)
    # product rule with the chain rule: d/dx x sin(x^2) = sin(x^2) + 2 x^2 cos(x^2)
    d = derivative_by_rules(lambda u: u * (u**2).chain(np.sin, np.cos), x)
    assert d == pytest.approx(np.sin(x**2) + 2 * x**2 * np.cos(x**2), rel=1e-14)
    # negative powers and reflected operators: d/dx (1 - 2 / x^3) = 6 / x^4
    assert derivative_by_rules(lambda u: 1 - 2 / u**3, x) == pytest.approx(6 / x**4)
    assert derivative_by_rules(lambda u: 2 - u - 3, x) == -1.0


def test_dual_matches_central_differences_on_the_sigmoid():
    def sig(u):
        return 1 / (1 + u.chain(lambda v: np.exp(-v), lambda v: -np.exp(-v)))

    for x in (-3.0, 0.0, 0.5, 4.0):
        d = derivative_by_rules(sig, x)
        assert d == pytest.approx(central_difference(sigmoid, x), abs=1e-10)
        assert d == pytest.approx(sigmoid_derivative(x), rel=1e-13)


@given(arrays(np.float64, 5, elements=small), small)
def test_dual_derivative_of_polynomials_matches_numpy_polyder(coefficients, x):
    def p(u):
        total = 0.0
        for c in coefficients:  # Horner's scheme on duals
            total = total * u + float(c)
        return total

    expected = np.polyval(np.polyder(coefficients), x)
    assert derivative_by_rules(p, x) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_derivative_of_a_constant_is_zero():
    assert derivative_by_rules(lambda u: 5.0, 2.0) == 0.0


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: Dual("a"), TypeError, "Dual value must be a number"),
        (lambda: Dual(1.0, np.nan), ValueError, "Dual deriv must be finite"),
        (lambda: Dual(1.0) / Dual(0.0, 1.0), ValueError, "division by a Dual"),
        (lambda: Dual(1.0) ** 0.5, TypeError, "exponent n must be an int"),
        (lambda: derivative_by_rules(42, 1.0), TypeError, "f must be callable"),
        (lambda: derivative_by_rules(lambda u: "x", 1.0), TypeError, "f must return"),
        (lambda: derivative_by_rules(lambda u: u, np.inf), ValueError, "x must be"),
    ],
)
def test_dual_and_rules_reject_bad_input(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


# ---------------------------------------------------------------- chain rule


def test_chain_rule_matches_forward_mode_and_differences():
    fs = [lambda x: 3 * x, np.tanh, sigmoid]
    dfs = [lambda x: 3.0, lambda x: 1 - np.tanh(x) ** 2, sigmoid_derivative]
    for x in (-1.0, 0.2, 0.9):
        y, dy = chain_rule(x, fs, dfs)
        assert y == pytest.approx(sigmoid(np.tanh(3 * x)), rel=1e-15)
        composite = lambda t: sigmoid(np.tanh(3 * t))  # noqa: E731
        assert dy == pytest.approx(central_difference(composite, x), abs=1e-9)


@given(st.lists(st.floats(-2, 2), min_size=1, max_size=6), small)
def test_chain_of_affine_maps_multiplies_slopes(slopes, x):
    fs = [lambda u, s=s: s * u + 1.0 for s in slopes]
    dfs = [lambda u, s=s: s for s in slopes]
    _, dy = chain_rule(x, fs, dfs)
    assert dy == pytest.approx(float(np.prod(slopes)), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize(
    ("functions", "derivatives", "error", "fragment"),
    [
        ([], [], ValueError, "must be non-empty and of the same length"),
        ([np.sin], [np.cos, np.cos], ValueError, "got 1 and 2"),
        ([np.sin, 3], [np.cos, np.cos], TypeError, r"functions\[1\] must be callable"),
        ([np.sin], [None], TypeError, r"derivatives\[0\] must be callable"),
        ([np.log], [np.reciprocal], ValueError, "intermediate value must be"),
    ],
)
def test_chain_rule_rejects_bad_input(functions, derivatives, error, fragment):
    with pytest.raises(error, match=fragment), np.errstate(divide="ignore"):
        chain_rule(0.0, functions, derivatives)


# ---------------------------------------------------------------- plots


def test_plot_secants_draws_the_secant_slopes():
    fig = plot_secants(x0=0.5, steps=(1.0, 0.5))
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    x, y = lines[0].get_data()
    np.testing.assert_allclose(y, x**2)
    for line, h in ((lines[1], 1.0), (lines[3], 0.5)):  # secants, then marker
        x, y = line.get_data()
        np.testing.assert_allclose(np.diff(y) / np.diff(x), 2 * 0.5 + h)  # (x0+h)^2 ...


def test_plot_difference_errors_draws_the_errors():
    fig = plot_difference_errors()
    assert fig.get_label()
    forward, central = fig.axes[0].get_lines()[:2]
    h, err = forward.get_data()
    expected, _ = difference_errors(np.exp, np.exp, 1.0, h)
    np.testing.assert_allclose(err, np.maximum(expected, EPS * np.e * 1e-3))
    assert central.get_data()[1].min() < 1e-9


@given(st.integers(-(10**6), 10**6))
def test_check_count_accepts_integers_at_or_above_the_minimum(n):
    if n >= 1:
        assert check_count(n, "n") == n
    else:
        with pytest.raises(ValueError, match="n must be >= 1"):
            check_count(n, "n")


@given(small, small, small)
def test_difference_errors_are_tiny_for_lines_and_scale_with_curvature(a, b, x):
    h = np.array([1e-3, 1e-2])
    fwd, cen = difference_errors(lambda t: a * t + b, lambda t: a, x, h)
    assert np.all(fwd < 1e-9) and np.all(cen < 1e-9)
    # f = a t^2: forward error is exactly |a| h (truncation h/2 * f'' = h/2 * 2a)
    fwd, _ = difference_errors(lambda t: a * t**2, lambda t: 2 * a * t, x, h)
    np.testing.assert_allclose(fwd, abs(a) * h, atol=1e-9)
