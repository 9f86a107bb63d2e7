"""Tests for snippets/checks.py: the input checks every module shares."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from snippets.checks import as_array, as_probability


@given(arrays(np.float64, array_shapes(max_dims=3), elements=st.floats(-1e6, 1e6)))
def test_as_array_returns_finite_arrays_unchanged(x):
    np.testing.assert_array_equal(as_array(x, "x"), x)
    assert as_array(x.tolist(), "x").dtype == np.float64


def test_as_array_checks_square_and_symmetric():
    assert as_array([[1, 2], [2, 1]], "A", symmetric=True).shape == (2, 2)
    with pytest.raises(ValueError, match="A must be a square matrix, got shape"):
        as_array([[1, 2, 3], [4, 5, 6]], "A", square=True)
    with pytest.raises(ValueError, match="A must be symmetric"):
        as_array([[1, 2], [3, 1]], "A", symmetric=True)


@pytest.mark.parametrize(
    ("x", "kwargs", "error", "fragment"),
    [
        ([], {}, ValueError, "x must be non-empty and finite"),
        ([1.0, np.nan], {}, ValueError, "x must be non-empty and finite"),
        ([1.0, -np.inf], {}, ValueError, "x must be non-empty and finite"),
        (
            [[1.0]],
            {"ndim": 1},
            ValueError,
            r"x must have 1 dimension\(s\), got shape \(1, 1\)",
        ),
        ("abc", {}, TypeError, "x must be array-like of numbers, got str"),
        ([[1, 2], [3]], {}, TypeError, "x must be array-like of numbers, got list"),
        (None, {}, ValueError, "x must be non-empty and finite"),
    ],
)
def test_as_array_rejects_bad_input(x, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        as_array(x, "x", **kwargs)


@given(arrays(np.float64, st.integers(1, 12), elements=st.floats(0.01, 10)))
def test_as_probability_accepts_normalized_weights_unchanged(w):
    p = w / w.sum()
    np.testing.assert_array_equal(as_probability(p, "p"), p)


def test_as_probability_tables_and_tolerance():
    rng = np.random.default_rng(0)
    table = rng.dirichlet(np.ones(12)).reshape(3, 4)
    np.testing.assert_array_equal(as_probability(table, "joint", ndim=2), table)
    as_probability([0.5, 0.5 + 1e-12], "p")  # within the default tolerance 1e-9
    with pytest.raises(
        ValueError, match=r"p must sum to 1 \(within 1e-09\), got 1.000001"
    ):
        as_probability([0.5, 0.5 + 1e-6], "p")
    assert as_probability([0.5, 0.5 + 1e-6], "p", tol=1e-5).shape == (2,)


@pytest.mark.parametrize(
    ("p", "error", "fragment"),
    [
        ([0.5, -0.1, 0.6], ValueError, "p must be non-negative, got an entry -0.1"),
        ([0.2, 0.3, 0.4], ValueError, r"p must sum to 1 \(within 1e-09\), got 0.9"),
        ([], ValueError, "p must be non-empty"),
        ([0.5, np.nan], ValueError, "p must be non-empty and finite"),
        ([[0.5, 0.5]], ValueError, "p must have 1 dimension"),
        (["a", "b"], TypeError, "p must be array-like"),
    ],
)
def test_as_probability_rejects_bad_input(p, error, fragment):
    with pytest.raises(error, match=fragment):
        as_probability(p, "p")
