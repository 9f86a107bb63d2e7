"""Tests for snippets.numerical_methods.floating_point.py: log-sum-exp, softmax, log-softmax."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import logsumexp as scipy_logsumexp
from scipy.special import softmax as scipy_softmax

from snippets.numerical_methods.floating_point import log_softmax, logsumexp, softmax

logits = arrays(np.float64, (3, 5), elements=st.floats(-1e4, 1e4))


@given(logits, st.sampled_from([0, 1, -1]))
def test_match_scipy_special(z, axis):
    # atol: a result near 0 (log of a sum near 1) carries an absolute error of ~eps.
    np.testing.assert_allclose(
        logsumexp(z, axis), scipy_logsumexp(z, axis), rtol=1e-12, atol=1e-14
    )
    np.testing.assert_allclose(softmax(z, axis), scipy_softmax(z, axis), atol=1e-15)
    np.testing.assert_allclose(
        log_softmax(z, axis), scipy_log_softmax(z, axis), rtol=1e-12, atol=1e-12
    )


@given(logits, st.floats(-1e3, 1e3))
def test_properties_shift_invariance_and_normalisation(z, c):
    p = softmax(z)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(softmax(z + c), p, atol=1e-12)
    np.testing.assert_allclose(
        logsumexp(z + c), logsumexp(z) + c, rtol=1e-12, atol=1e-9
    )


def test_exact_where_the_naive_form_overflows():
    # Closed form: logsumexp([a, a]) = a + log 2, for any a, including 1000 (exp overflows).
    with np.errstate(over="ignore"):
        assert np.isinf(np.log(np.sum(np.exp([1000.0, 1000.0]))))
    assert logsumexp([1000.0, 1000.0]) == pytest.approx(1000 + np.log(2), rel=1e-15)
    assert logsumexp([-1000.0, -1000.0]) == pytest.approx(-1000 + np.log(2), rel=1e-15)
    assert log_softmax([0.0, 1000.0])[0] == -1000.0
    assert isinstance(logsumexp([1.0, 2.0]), float)


@pytest.mark.parametrize("f", [logsumexp, softmax, log_softmax])
@pytest.mark.parametrize(
    ("z", "error", "fragment"),
    [
        ([], ValueError, "z must be non-empty"),
        ([1.0, np.nan], ValueError, "finite"),
        ("abc", TypeError, "z must be array-like"),
    ],
)
def test_bad_input(f, z, error, fragment):
    with pytest.raises(error, match=fragment):
        f(z)


# ---------------------------------------------------------------- float_type, machine_epsilon

from decimal import Decimal, getcontext  # noqa: E402

from snippets.numerical_methods.floating_point import (  # noqa: E402
    check_ddof,
    float_type,
    machine_epsilon,
    one_minus_cos,
    plot_cancellation,
    plot_float_spacing,
    quadratic_roots,
    relative_rounding_error,
    variance_textbook,
    variance_two_pass,
    welford_variance,
)

FLOAT_TYPES = [np.float16, np.float32, np.float64, np.longdouble]


@pytest.mark.parametrize("dtype", FLOAT_TYPES)
def test_machine_epsilon_matches_finfo(dtype):
    assert machine_epsilon(dtype) == float(np.finfo(dtype).eps)
    assert float_type(dtype) is np.dtype(dtype).type


@pytest.mark.parametrize("dtype", FLOAT_TYPES)
def test_machine_epsilon_is_the_gap_above_one(dtype):
    # Identity: 1 + eps is the next float after 1, and 1 + eps / 2 rounds back to 1.
    t = np.dtype(dtype).type
    eps = t(machine_epsilon(dtype))
    assert t(1) + eps > t(1)
    assert t(1) + eps / t(2) == t(1)
    assert np.nextafter(t(1), t(2)) == t(1) + eps


@pytest.mark.parametrize(
    ("dtype", "error", "fragment"),
    [
        (np.int64, ValueError, "dtype must be a floating-point type"),
        (bool, ValueError, "dtype must be a floating-point type"),
        ("not a dtype", TypeError, "dtype must be a NumPy dtype"),
    ],
)
def test_machine_epsilon_rejects_bad_dtype(dtype, error, fragment):
    with pytest.raises(error, match=fragment):
        machine_epsilon(dtype)
    with pytest.raises(error, match=fragment):
        float_type(dtype)


# ---------------------------------------------------------------- relative_rounding_error


def test_relative_rounding_error_matches_decimal_arithmetic():
    getcontext().prec = 60
    for text in ["0.1", "0.2", "0.3", "3.14159", "1e-5", "123456.789"]:
        exact = Decimal(text)
        stored64 = Decimal(float(text))  # Decimal(float) is the exact binary value
        stored32 = Decimal(float(np.float32(float(text))))
        assert relative_rounding_error(text) == pytest.approx(
            float(abs(stored64 - exact) / exact), rel=1e-12
        )
        # float32 from a decimal string: rounding float64 then float32 adds < 2^-53.
        assert relative_rounding_error(text, np.float32) == pytest.approx(
            float(abs(stored32 - exact) / exact), rel=1e-7, abs=2e-16
        )
    assert relative_rounding_error(0.5) == 0.0  # a power of two is stored exactly
    assert relative_rounding_error(0.0, np.float16) == 0.0


@given(
    st.floats(1e-30, 1e30) | st.floats(-1e30, -1e-30),
    st.sampled_from([np.float16, np.float32, np.float64]),
)
def test_relative_rounding_error_is_at_most_half_eps(x, dtype):
    info = np.finfo(dtype)
    if not float(info.tiny) <= abs(x) <= float(info.max) / 2:
        return  # outside the normal range of dtype (underflow or overflow)
    err = relative_rounding_error(x, dtype)
    assert 0.0 <= err <= float(info.eps) / 2 * (1 + 1e-12)


@pytest.mark.parametrize(
    ("x", "dtype", "error", "fragment"),
    [
        (float("nan"), np.float64, ValueError, "x must be finite"),
        ("inf", np.float64, ValueError, "x must be finite"),
        ("abc", np.float64, ValueError, "x must be a number or a decimal string"),
        ([1.0], np.float64, TypeError, "x must be a number or a decimal string"),
        (1e39, np.float32, ValueError, "overflows float32"),
        (0.1, np.int32, ValueError, "dtype must be a floating-point type"),
    ],
)
def test_relative_rounding_error_rejects_bad_input(x, dtype, error, fragment):
    with pytest.raises(error, match=fragment):
        relative_rounding_error(x, dtype)


# ---------------------------------------------------------------- one_minus_cos


def test_one_minus_cos_matches_direct_form_and_taylor_series():
    x = np.linspace(0.5, 3.0, 11)  # no cancellation here: the direct form is accurate
    np.testing.assert_allclose(one_minus_cos(x), 1 - np.cos(x), rtol=1e-14)
    small = np.logspace(-12, -4, 9)  # Taylor: x^2/2 - x^4/24, remainder < x^6/720
    np.testing.assert_allclose(
        one_minus_cos(small), small**2 / 2 - small**4 / 24, rtol=1e-15
    )
    assert isinstance(one_minus_cos(1e-8), float)


@given(st.floats(-1e3, 1e3))
def test_one_minus_cos_is_even_and_in_range(x):
    y = one_minus_cos(x)
    assert 0.0 <= y <= 2.0
    assert y == one_minus_cos(-x)


@pytest.mark.parametrize(
    ("x", "error", "fragment"),
    [
        ([], ValueError, "x must be non-empty"),
        (np.inf, ValueError, "finite"),
        ("abc", TypeError, "x must be array-like"),
    ],
)
def test_one_minus_cos_rejects_bad_input(x, error, fragment):
    with pytest.raises(error, match=fragment):
        one_minus_cos(x)


# ---------------------------------------------------------------- quadratic_roots


def test_quadratic_roots_match_numpy_roots():
    rng = np.random.default_rng(3)
    for _ in range(50):
        a, b, c = rng.normal(size=3)
        if b * b - 4 * a * c < 0:
            continue
        np.testing.assert_allclose(
            quadratic_roots(a, b, c), np.sort(np.roots([a, b, c]).real), rtol=1e-9
        )


def test_quadratic_roots_small_root_is_accurate_where_the_textbook_fails():
    # x^2 + 1e8 x + 1: the small root is -1 / (1e8 - 1e-8 ...) = -1.0000000000000001e-8
    # to double precision (Vieta: it is c / (a x_big) with x_big ~ -1e8).
    exact_small = -2.0 / (1e8 + np.sqrt(1e16 - 4.0))
    big, small = quadratic_roots(1.0, 1e8, 1.0)
    assert small == pytest.approx(exact_small, rel=1e-15)
    assert big == pytest.approx(-1e8, rel=1e-15)
    textbook = (-1e8 + np.sqrt(1e16 - 4.0)) / 2
    assert abs(textbook - exact_small) / abs(exact_small) > 0.1  # wrong in digit one
    assert quadratic_roots(2.0, 0.0, 0.0) == (0.0, 0.0)


@given(
    st.floats(0.1, 10),
    st.floats(-1e6, 1e6, allow_subnormal=False),
    st.floats(-10, 10, allow_subnormal=False),
)
def test_quadratic_roots_are_backward_stable(a, b, c):
    if b * b - 4 * a * c < 0:
        return
    for r in quadratic_roots(a, b, c):
        scale = abs(a * r * r) + abs(b * r) + abs(c)
        assert abs(a * r * r + b * r + c) <= 1e-13 * scale + 1e-300  # 1e-300: underflow


@pytest.mark.parametrize(
    ("abc", "error", "fragment"),
    [
        ((0.0, 1.0, 1.0), ValueError, "a must be nonzero"),
        ((1.0, 0.0, 1.0), ValueError, "the roots are not real"),
        ((1.0, np.nan, 1.0), ValueError, "b must be non-empty and finite"),
        ((1.0, 2.0, [1.0, 2.0]), ValueError, "c must have 0 dimension"),
        (("a", 2.0, 1.0), TypeError, "a must be array-like"),
    ],
)
def test_quadratic_roots_rejects_bad_input(abc, error, fragment):
    with pytest.raises(error, match=fragment):
        quadratic_roots(*abc)


# ---------------------------------------------------------------- variances


VARIANCES = [variance_textbook, variance_two_pass, welford_variance]


@pytest.mark.parametrize("f", VARIANCES)
@pytest.mark.parametrize("ddof", [0, 1])
def test_variances_match_numpy_var(f, ddof):
    x = np.random.default_rng(4).normal(3.0, 2.0, size=200)
    assert f(x, ddof) == pytest.approx(float(np.var(x, ddof=ddof)), rel=1e-12)
    assert isinstance(f(x, ddof), float)


@pytest.mark.parametrize("f", [variance_two_pass, welford_variance])
@given(
    arrays(np.float64, 20, elements=st.integers(-10, 10).map(float)),
    st.integers(-(10**6), 10**6).map(float),
)
def test_stable_variances_are_shift_invariant(f, x, shift):
    # Var(X + c) = Var(X). Integers plus an integer shift are exact in float64, so
    # np.var(x) of the unshifted data is the exact reference.
    assert f(x + shift) == pytest.approx(float(np.var(x)), rel=1e-8, abs=1e-9)


def test_textbook_variance_fails_with_a_large_mean():
    # Sample variance of 1e9 + (4, 7, 13, 16) is 30 (closed form: deviations -6, -3, 3, 6).
    x = 1e9 + np.array([4.0, 7.0, 13.0, 16.0])
    assert variance_two_pass(x, ddof=1) == 30.0
    assert welford_variance(x, ddof=1) == 30.0
    assert variance_textbook(x, ddof=1) < 0  # a negative variance


@pytest.mark.parametrize("f", VARIANCES)
@pytest.mark.parametrize(
    ("x", "ddof", "error", "fragment"),
    [
        ([1.0, 2.0], 2, ValueError, "ddof must be 0"),
        ([1.0], 1, ValueError, "x needs more than ddof = 1 values"),
        ([1.0, np.nan], 0, ValueError, "x must be non-empty and finite"),
        ([[1.0, 2.0]], 0, ValueError, "x must have 1 dimension"),
        ("ab", 0, TypeError, "x must be array-like"),
    ],
)
def test_variances_reject_bad_input(f, x, ddof, error, fragment):
    with pytest.raises(error, match=fragment):
        f(x, ddof)


def test_check_ddof():
    assert check_ddof(np.ones(2), 0) == 0
    with pytest.raises(ValueError, match="ddof must be 0"):
        check_ddof(np.ones(2), True)


# ---------------------------------------------------------------- plots


def test_plot_float_spacing_draws_the_relative_gap():
    fig = plot_float_spacing()
    assert fig.get_label()
    x, y = fig.axes[0].get_lines()[0].get_data()
    np.testing.assert_array_equal(y, np.spacing(x) / x)
    eps = np.finfo(float).eps
    assert np.all((y >= eps / 2) & (y <= eps))


def test_plot_cancellation_draws_the_two_errors():
    fig = plot_cancellation()
    assert fig.get_label()
    direct, stable = fig.axes[0].get_lines()[:2]
    x, y = stable.get_data()
    assert np.max(y) < 1e-15  # the stable form is accurate everywhere
    assert np.max(direct.get_data()[1]) >= 1.0  # the direct form loses everything
    np.testing.assert_allclose(x, np.logspace(-9, 0, 400))
