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
    np.testing.assert_allclose(logsumexp(z, axis), scipy_logsumexp(z, axis), rtol=1e-12)
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
