"""Tests for snippets/calculus/activations.py (page: docs/calculus/activations.md)."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import expit, log_expit

from snippets.calculus.activations import (
    log_sigmoid,
    plot_activations,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softplus,
    softplus_derivative,
    tanh_derivative,
)
from snippets.calculus.limits_derivatives import central_difference

ALL = [
    sigmoid,
    sigmoid_derivative,
    tanh_derivative,
    relu,
    relu_derivative,
    softplus,
    softplus_derivative,
    log_sigmoid,
]
SMOOTH = [  # (function, its derivative) for the finite-difference check
    (sigmoid, sigmoid_derivative),
    (np.tanh, tanh_derivative),
    (softplus, softplus_derivative),
    (log_sigmoid, lambda x: 1 - sigmoid(x)),  # d/dx log sigma = 1 - sigma
]
moderate = st.floats(-30, 30, allow_nan=False)
wide = st.floats(-1000, 1000, allow_nan=False)


# ---------------------------------------------------------------- references


def test_match_library_forms():
    x = np.linspace(-40, 40, 801)
    np.testing.assert_allclose(sigmoid(x), expit(x), rtol=1e-14)
    np.testing.assert_allclose(softplus(x), np.logaddexp(0.0, x), rtol=1e-14)
    np.testing.assert_allclose(log_sigmoid(x), log_expit(x), rtol=1e-14)
    np.testing.assert_allclose(relu(x), np.maximum(x, 0), rtol=0)


def test_derivatives_match_closed_forms():
    # Closed forms from the textbook definitions: sigma' = sigma (1 - sigma),
    # tanh' = 1 / cosh^2, relu' = step, softplus' = sigma; for moderate x no cancellation.
    x = np.linspace(-15, 15, 301)
    s = expit(x)
    np.testing.assert_allclose(sigmoid_derivative(x), s * (1 - s), rtol=1e-9)
    np.testing.assert_allclose(tanh_derivative(x), 1 / np.cosh(x) ** 2, rtol=1e-12)
    np.testing.assert_allclose(relu_derivative(x), np.heaviside(x, 0.0))
    np.testing.assert_allclose(softplus_derivative(x), s, rtol=1e-14)


@pytest.mark.parametrize(("f", "df"), SMOOTH)
def test_derivatives_match_central_differences(f, df):
    x = np.linspace(-8, 8, 161)
    np.testing.assert_allclose(central_difference(f, x), df(x), atol=1e-9)


def test_relu_derivative_matches_differences_away_from_the_kink():
    x = np.array([-3.0, -0.5, 0.5, 3.0])
    np.testing.assert_allclose(central_difference(relu, x), relu_derivative(x))


def test_tails_are_accurate_where_textbook_forms_round_to_zero():
    # sigma'(x) ~ e^(-|x|) and tanh'(x) ~ 4 e^(-2|x|) as |x| -> infinity.
    x = np.array([-40.0, 40.0])
    np.testing.assert_allclose(sigmoid_derivative(x), np.exp(-40.0), rtol=1e-12)
    np.testing.assert_allclose(tanh_derivative(x), 4 * np.exp(-80.0), rtol=1e-12)
    assert 1 - np.tanh(40.0) ** 2 == 0.0  # the textbook form has lost everything


# ---------------------------------------------------------------- properties


@given(arrays(np.float64, 7, elements=wide))
def test_no_overflow_and_finite_for_large_inputs(x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            for f in ALL:
                assert np.all(np.isfinite(f(x)))


@given(moderate)
def test_symmetries_and_bounds(x):
    assert sigmoid(x) + sigmoid(-x) == pytest.approx(1.0, abs=1e-15)
    assert 0 <= sigmoid(x) <= 1
    assert 0 <= sigmoid_derivative(x) <= 0.25 * (1 + 1e-15)  # up to one rounding
    assert 0 <= tanh_derivative(x) <= 1 + 1e-15
    assert tanh_derivative(x) == pytest.approx(4 * sigmoid_derivative(2 * x), rel=1e-12)
    assert softplus(x) - softplus(-x) == pytest.approx(x, abs=1e-12)
    assert relu(x) >= 0 and softplus(x) >= relu(x)
    assert softplus(x) - relu(x) <= np.log(2) + 1e-15
    assert log_sigmoid(x) == pytest.approx(-softplus(-x), rel=1e-15, abs=1e-300)


@pytest.mark.parametrize("f", ALL)
def test_float_in_float_out_and_array_in_array_out(f):
    assert type(f(0.3)) is float
    assert type(f(np.float64(-2.0))) is float
    out = f([[0.1, -2.0], [3.0, 0.0]])
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("f", ALL)
@pytest.mark.parametrize(
    ("x", "error", "fragment"),
    [
        (np.nan, ValueError, "x must be non-empty and finite"),
        ([1.0, np.inf], ValueError, "x must be non-empty and finite"),
        ([], ValueError, "x must be non-empty and finite"),
        ("abc", TypeError, "x must be array-like"),
    ],
)
def test_reject_bad_input(f, x, error, fragment):
    with pytest.raises(error, match=fragment):
        f(x)


# ---------------------------------------------------------------- plot


def test_plot_activations_draws_each_function_and_derivative():
    fig = plot_activations()
    assert fig.get_label()
    left, right = fig.axes
    expected = [sigmoid, np.tanh, relu, softplus]
    slopes = [sigmoid_derivative, tanh_derivative, relu_derivative, softplus_derivative]
    for line, f in zip(left.get_lines(), expected, strict=True):
        x, y = line.get_data()
        np.testing.assert_allclose(y, f(x), rtol=1e-12)
    for line, df in zip(right.get_lines(), slopes, strict=True):
        x, y = line.get_data()
        np.testing.assert_allclose(y, df(x), rtol=1e-12)
