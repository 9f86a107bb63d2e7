"""Tests for snippets/discrete_mathematics/counting_in_ml.py
(page: docs/discrete-mathematics/counting-in-ml.md)."""

import math
from collections import Counter
from collections.abc import Iterator
from itertools import combinations, combinations_with_replacement, product

import numpy as np
import pytest
import scipy.special
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.preprocessing import PolynomialFeatures

from snippets.discrete_mathematics.counting_in_ml import (
    bell_number,
    n_candidate_splits,
    n_categorical_splits,
    n_polynomial_features,
    plot_partition_counts,
    plot_polynomial_feature_counts,
    stirling2,
    stirling2_row,
)


def set_partitions(items: list[int]) -> Iterator[list[list[int]]]:
    """Every partition of items into non-empty blocks (brute force, recursive)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for partition in set_partitions(rest):
        for i in range(len(partition)):  # put `first` into an existing block
            yield [*partition[:i], [first, *partition[i]], *partition[i + 1 :]]
        yield [[first], *partition]  # or into a block of its own


def partitions_by_size(n: int) -> Counter:
    return Counter(len(p) for p in set_partitions(list(range(n))))


# ---------------------------------------------------------------- Stirling numbers


@pytest.mark.parametrize("n", range(9))
def test_stirling2_matches_enumerated_set_partitions(n):
    counts = partitions_by_size(n)
    assert stirling2_row(n) == [counts.get(k, 0) for k in range(n + 1)]
    assert bell_number(n) == sum(counts.values())


@pytest.mark.parametrize("n", [0, 1, 5, 10, 25, 26, 60])
def test_stirling2_matches_scipy(n):
    for k in range(n + 3):
        assert stirling2(n, k) == int(scipy.special.stirling2(n, k, exact=True))


@pytest.mark.parametrize(("n", "k"), [(4, 2), (6, 3), (7, 4), (5, 5), (5, 1)])
def test_stirling2_counts_surjections(n, k):
    # A labeling that uses all k labels is a partition with numbered blocks: k! each.
    onto = sum(len(set(labels)) == k for labels in product(range(k), repeat=n))
    assert stirling2(n, k) * math.factorial(k) == onto


@given(st.integers(1, 80), st.integers(1, 80))
def test_stirling2_recurrence_and_explicit_formula(n, k):
    assert stirling2(n, k) == k * stirling2(n - 1, k) + stirling2(n - 1, k - 1)
    # Inclusion–exclusion over the empty labels: S(n,k) k! = sum (-1)^j C(k,j) (k-j)^n.
    explicit = sum((-1) ** j * math.comb(k, j) * (k - j) ** n for j in range(k + 1))
    assert stirling2(n, k) * math.factorial(k) == explicit


def test_bell_numbers_oeis_and_recurrence():
    # OEIS A000110.
    assert [bell_number(n) for n in range(11)] == [
        1, 1, 2, 5, 15, 52, 203, 877, 4140, 21147, 115975,
    ]  # fmt: skip
    for n in range(30):  # B(n+1) = sum_k C(n, k) B(k)
        assert bell_number(n + 1) == sum(
            math.comb(n, k) * bell_number(k) for k in range(n + 1)
        )


@pytest.mark.parametrize(
    ("f", "args", "error", "fragment"),
    [
        (stirling2_row, (-1,), ValueError, "n must be at least 0"),
        (stirling2_row, (2.0,), TypeError, "n must be an integer"),
        (stirling2, (3, -1), ValueError, "k must be at least 0"),
        (stirling2, (-3, 1), ValueError, "n must be at least 0"),
        (bell_number, (-1,), ValueError, "n must be at least 0"),
        (bell_number, ("4",), TypeError, "n must be an integer"),
    ],
)
def test_partition_counts_reject_bad_input(f, args, error, fragment):
    with pytest.raises(error, match=fragment):
        f(*args)


def test_stirling2_above_n_is_zero():
    assert stirling2(3, 5) == 0 == scipy.special.stirling2(3, 5, exact=True)


# ---------------------------------------------------------------- decision-tree splits


def brute_force_categorical_splits(q: int) -> int:
    """Distinct {left, right} splits of q categories, both sides non-empty."""
    splits = set()
    for r in range(1, q):
        for left in combinations(range(q), r):
            right = tuple(c for c in range(q) if c not in left)
            splits.add(frozenset([left, right]))
    return len(splits)


@pytest.mark.parametrize("q", range(1, 10))
def test_categorical_splits_match_enumeration_and_stirling(q):
    assert n_categorical_splits(q) == brute_force_categorical_splits(q)
    assert n_categorical_splits(q) == stirling2(q, 2)  # two non-empty blocks


def brute_force_numeric_splits(x: np.ndarray) -> int:
    """Distinct non-trivial row subsets {x <= t} over all thresholds t."""
    values = np.unique(x)
    thresholds = np.concatenate([values, (values[:-1] + values[1:]) / 2])
    subsets = {tuple(x <= t) for t in thresholds}
    return sum(any(s) and not all(s) for s in subsets)


@given(
    arrays(
        np.int64,
        st.tuples(st.integers(1, 12), st.integers(1, 4)),
        elements=st.integers(0, 5),
    ),
    st.data(),
)
def test_candidate_splits_match_brute_force(X, data):
    d = X.shape[1]
    categorical = data.draw(st.lists(st.integers(0, d - 1), unique=True))
    expected = [
        brute_force_categorical_splits(np.unique(X[:, j]).size)
        if j in categorical
        else brute_force_numeric_splits(X[:, j])
        for j in range(d)
    ]
    assert n_candidate_splits(X, categorical) == expected


@pytest.mark.parametrize(
    ("X", "categorical", "error", "fragment"),
    [
        (
            [[1.0, 2.0]],
            [2],
            ValueError,
            "categorical index 2 is out of range for 2 columns",
        ),
        ([[1.0, 2.0]], [-1], ValueError, "categorical index must be at least 0"),
        ([1.0, 2.0], (), ValueError, "X must have 2 dimension"),
        ([[np.nan]], (), ValueError, "X must be non-empty and finite"),
        ([[1.0]], [0.5], TypeError, "categorical index must be an integer"),
    ],
)
def test_candidate_splits_reject_bad_input(X, categorical, error, fragment):
    with pytest.raises(error, match=fragment):
        n_candidate_splits(X, categorical)


@pytest.mark.parametrize(
    ("q", "error", "fragment"),
    [(0, ValueError, "q must be at least 1"), (2.0, TypeError, "q must be an integer")],
)
def test_categorical_splits_reject_bad_input(q, error, fragment):
    with pytest.raises(error, match=fragment):
        n_categorical_splits(q)


# ---------------------------------------------------------------- polynomial features


@pytest.mark.parametrize("n", [1, 2, 3, 7, 20])
@pytest.mark.parametrize("degree", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("interaction_only", [False, True])
@pytest.mark.parametrize("include_bias", [False, True])
def test_polynomial_features_match_sklearn(n, degree, interaction_only, include_bias):
    if degree == 0 and not include_bias:
        return  # scikit-learn refuses to produce zero features
    poly = PolynomialFeatures(
        degree=degree, interaction_only=interaction_only, include_bias=include_bias
    ).fit(np.zeros((1, n)))
    assert n_polynomial_features(n, degree, interaction_only, include_bias) == (
        poly.n_output_features_
    )


@given(st.integers(1, 6), st.integers(0, 5))
def test_polynomial_features_match_enumerated_monomials(n, degree):
    monomials = sum(
        1 for d in range(degree + 1) for _ in combinations_with_replacement(range(n), d)
    )
    square_free = sum(1 for d in range(degree + 1) for _ in combinations(range(n), d))
    assert n_polynomial_features(n, degree) == monomials
    assert n_polynomial_features(n, degree, interaction_only=True) == square_free


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((0, 2), ValueError, "n_features must be at least 1"),
        ((3, -1), ValueError, "degree must be at least 0"),
        ((3.0, 2), TypeError, "n_features must be an integer"),
        ((3, 2.5), TypeError, "degree must be an integer"),
    ],
)
def test_polynomial_features_reject_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        n_polynomial_features(*args)


# ---------------------------------------------------------------- plots


def test_plot_partition_counts_draws_log_counts():
    fig = plot_partition_counts(n_max=12, ks=(2, 3))
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    ns, ys = lines[0].get_data()
    np.testing.assert_allclose(
        ys, [math.log10(2 ** (n - 1) - 1) for n in ns]
    )  # S(n, 2)
    ns, ys = lines[-1].get_data()
    np.testing.assert_allclose(ys, [math.log10(bell_number(int(n))) for n in ns])


def test_plot_polynomial_feature_counts_draws_binomials():
    fig = plot_polynomial_feature_counts(max_degree=4, ns=(10, 50))
    assert fig.get_label()
    for line, n in zip(fig.axes[0].get_lines(), (10, 50), strict=True):
        ds, ys = line.get_data()
        np.testing.assert_array_equal(ys, [math.comb(n + int(d), int(d)) for d in ds])
