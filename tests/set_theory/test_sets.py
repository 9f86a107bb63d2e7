"""Tests for snippets/set_theory/sets.py (page: docs/set-theory/sets.md)."""

import math
from itertools import chain, combinations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from snippets.set_theory.sets import (
    as_mask,
    column_cardinality,
    from_mask,
    is_subset,
    plot_power_set,
    power_set,
    power_set_masks,
    to_mask,
)
from tests.set_theory.strategies import mask_tuples, masks

# ---------------------------------------------------------------- as_mask


def test_as_mask_accepts_booleans_and_zero_one():
    np.testing.assert_array_equal(as_mask([1, 0, 1], "a"), [True, False, True])
    np.testing.assert_array_equal(as_mask([1.0, 0.0], "a"), [True, False])
    assert as_mask(np.array([True, False]), "a").dtype == bool
    assert as_mask([[1, 0], [0, 1]], "R", ndim=2).shape == (2, 2)


@given(st.integers(1, 30).flatmap(masks))
def test_as_mask_is_identity_on_masks_and_their_integer_form(m):
    np.testing.assert_array_equal(as_mask(m, "m"), m)
    np.testing.assert_array_equal(as_mask(m.astype(int), "m"), m)


@pytest.mark.parametrize(
    ("x", "ndim", "error", "fragment"),
    [
        ({1, 2}, 1, TypeError, "a must be a boolean mask, got dtype object"),
        (["x", "y"], 1, TypeError, "a must be a boolean mask"),
        ([0, 2, 1], 1, ValueError, r"a must be a boolean mask \(True/False or 0/1\)"),
        ([0, np.nan], 1, ValueError, "a must be a boolean mask"),
        ([[True, False]], 1, ValueError, "a must have 1 dimension"),
        ([True, False], 2, ValueError, "a must have 2 dimension"),
        ([], 1, ValueError, "a must be non-empty"),
    ],
)
def test_as_mask_rejects_bad_input(x, ndim, error, fragment):
    with pytest.raises(error, match=fragment):
        as_mask(x, "a", ndim=ndim)


# ---------------------------------------------------------------- to_mask, from_mask


def test_to_mask_matches_membership_test():
    s = {0, 3, 7}
    expected = [i in s for i in range(10)]  # the definition: x in A
    np.testing.assert_array_equal(to_mask(s, 10), expected)
    np.testing.assert_array_equal(to_mask([3, 3, 0, 7], 10), expected)  # repeats
    np.testing.assert_array_equal(to_mask(set(), 3), [False, False, False])
    assert from_mask([False, True, True]) == {1, 2}


@given(
    st.integers(1, 50).flatmap(
        lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1)))
    )
)
def test_to_mask_and_from_mask_are_inverse(n_and_set):
    n, s = n_and_set
    m = to_mask(s, n)
    assert from_mask(m) == s
    assert int(m.sum()) == len(s)  # cardinality is the number of True entries
    np.testing.assert_array_equal(to_mask(from_mask(m), n), m)
    np.testing.assert_array_equal(m, np.isin(np.arange(n), list(s)))


@pytest.mark.parametrize(
    ("indices", "n", "error", "fragment"),
    [
        ([0, 1], 0, ValueError, "n must be a positive integer"),
        ([0, 1], 2.0, ValueError, "n must be a positive integer"),
        ([0, 1], True, ValueError, "n must be a positive integer"),
        ([0, 5], 5, ValueError, r"indices must lie in \[0, 5\)"),
        ([-1], 5, ValueError, r"indices must lie in \[0, 5\)"),
        ([0.5], 5, TypeError, "indices must be integers"),
        (["a"], 5, TypeError, "indices must be integers"),
    ],
)
def test_to_mask_rejects_bad_input(indices, n, error, fragment):
    with pytest.raises(error, match=fragment):
        to_mask(indices, n)


@pytest.mark.parametrize(
    ("mask", "error", "fragment"),
    [
        ([], ValueError, "mask must be non-empty"),
        ([2, 0], ValueError, "mask must be a boolean mask"),
        ([[True]], ValueError, "mask must have 1 dimension"),
    ],
)
def test_from_mask_rejects_bad_input(mask, error, fragment):
    with pytest.raises(error, match=fragment):
        from_mask(mask)


# ---------------------------------------------------------------- is_subset


@given(mask_tuples(3))
def test_is_subset_agrees_with_python_and_is_a_partial_order(abc):
    a, b, c = abc
    assert is_subset(a, b) == (from_mask(a) <= from_mask(b))
    assert is_subset(a, a)  # reflexive
    assert is_subset(a & b, a) and is_subset(a, a | b)
    if is_subset(a, b) and is_subset(b, a):  # antisymmetric
        np.testing.assert_array_equal(a, b)
    if is_subset(a, b) and is_subset(b, c):  # transitive
        assert is_subset(a, c)


@pytest.mark.parametrize(
    ("a", "b", "error", "fragment"),
    [
        ([1, 0], [1, 0, 0], ValueError, "a and b must have the same length"),
        ([1, 0], [1, 3], ValueError, "b must be a boolean mask"),
        ({1}, [1, 0], TypeError, "a must be a boolean mask"),
    ],
)
def test_is_subset_rejects_bad_input(a, b, error, fragment):
    with pytest.raises(error, match=fragment):
        is_subset(a, b)


# ---------------------------------------------------------------- power sets


def itertools_power_set(items):
    """The textbook construction: all combinations of every size r = 0..n."""
    return chain.from_iterable(combinations(items, r) for r in range(len(items) + 1))


@pytest.mark.parametrize("n", range(0, 11))
def test_power_set_masks_has_2_to_the_n_distinct_subsets(n):
    P = power_set_masks(n)
    assert P.shape == (2**n, n)
    assert len({row.tobytes() for row in P}) == 2**n  # all distinct
    expected = {frozenset(c) for c in itertools_power_set(range(n))}
    assert {frozenset(np.flatnonzero(row).tolist()) for row in P} == expected
    # Subsets of size k: binomial(n, k) of them.
    counts = np.bincount(P.sum(axis=1), minlength=n + 1)
    np.testing.assert_array_equal(counts, [math.comb(n, k) for k in range(n + 1)])


def test_power_set_masks_row_i_is_binary_i():
    P = power_set_masks(5)
    values = P.astype(int) @ (2 ** np.arange(5))
    np.testing.assert_array_equal(values, np.arange(32))


@given(st.lists(st.integers(-100, 100), unique=True, max_size=8))
def test_power_set_agrees_with_itertools(items):
    subsets = power_set(items)
    assert len(subsets) == 2 ** len(items)
    assert {frozenset(s) for s in subsets} == {
        frozenset(s) for s in itertools_power_set(items)
    }
    assert subsets[0] == () and set(subsets[-1]) == set(items)


@pytest.mark.parametrize(
    ("n", "fragment"),
    [
        (-1, "n must be a non-negative integer"),
        (2.0, "n must be a non-negative integer"),
        (True, "n must be a non-negative integer"),
        (21, "n must be at most 20"),
    ],
)
def test_power_set_masks_rejects_bad_n(n, fragment):
    with pytest.raises(ValueError, match=fragment):
        power_set_masks(n)


def test_power_set_rejects_bad_items():
    with pytest.raises(ValueError, match="items must be distinct"):
        power_set(["a", "b", "a"])
    with pytest.raises(ValueError, match="n must be at most 20"):
        power_set(range(21))


# ---------------------------------------------------------------- column_cardinality


def test_column_cardinality_matches_python_sets():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 5, size=(50, 6)) * 0.5
    expected = [len(set(col.tolist())) for col in X.T]
    np.testing.assert_array_equal(column_cardinality(X), expected)
    assert column_cardinality([[0.0], [-0.0]])[0] == len({0.0, -0.0}) == 1


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 20), st.integers(1, 4)),
        elements=st.integers(-3, 3).map(float),
    )
)
def test_column_cardinality_equals_numpy_unique_per_column(X):
    expected = [np.unique(col).size for col in X.T]
    c = column_cardinality(X)
    np.testing.assert_array_equal(c, expected)
    assert np.all((1 <= c) & (c <= X.shape[0]))


@pytest.mark.parametrize(
    ("X", "error", "fragment"),
    [
        ([1, 2, 3], ValueError, "X must have 2 dimension"),
        ([[1.0], [np.nan]], ValueError, "X must be non-empty and finite"),
        (np.empty((0, 2)), ValueError, "X must be non-empty and finite"),
        ([["a"], ["b"]], TypeError, "X must be array-like of numbers"),
    ],
)
def test_column_cardinality_rejects_bad_input(X, error, fragment):
    with pytest.raises(error, match=fragment):
        column_cardinality(X)


# ---------------------------------------------------------------- plot_power_set


def test_plot_power_set_draws_the_mask_matrix():
    fig = plot_power_set(3)
    assert fig.get_label()
    image = fig.axes[0].get_images()[0].get_array()
    np.testing.assert_array_equal(np.asarray(image), power_set_masks(3))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "∅" and labels[-1] == "{a, b, c}"
    with pytest.raises(ValueError, match="n must be an integer in"):
        plot_power_set(7)
