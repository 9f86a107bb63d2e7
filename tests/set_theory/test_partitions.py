"""Tests for snippets/set_theory/partitions.py (page: docs/set-theory/partitions.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.model_selection import KFold
from sklearn.preprocessing import OneHotEncoder

from snippets.set_theory.partitions import (
    blocks_from_labels,
    from_one_hot,
    is_partition,
    kfold_indices,
    kfold_labels,
    one_hot,
    plot_kfold,
    split_indices,
)
from snippets.set_theory.relations_functions import encode_labels
from tests.set_theory.strategies import label_arrays


def is_partition_by_definition(blocks, n):
    """Nonempty blocks, pairwise disjoint, union = {0..n-1}, with Python sets."""
    sets = [set(np.asarray(b).tolist()) for b in blocks]
    if not sets or any(len(s) == 0 for s in sets):
        return False
    if sum(len(b) for b in blocks) != sum(len(s) for s in sets):
        return False  # an index repeated inside one block
    disjoint = all(not (sets[i] & sets[j]) for i in range(len(sets)) for j in range(i))
    return disjoint and set().union(*sets) == set(range(n))


# ---------------------------------------------------------------- is_partition


def test_is_partition_examples():
    assert is_partition([[0, 2], [1, 3]], 4)
    assert not is_partition([[0, 2], [2, 3]], 4)  # 2 twice, 1 missing
    assert not is_partition([[0, 1], [2]], 4)  # 3 missing: does not cover
    assert not is_partition([[0, 1, 2, 3], []], 4)  # an empty block
    assert not is_partition([], 1)
    assert is_partition([np.arange(5)], 5)  # the one-block partition


@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.lists(st.integers(0, n - 1), max_size=6), min_size=1, max_size=5
            ),
        )
    )
)
def test_is_partition_matches_the_definition(n_and_blocks):
    n, blocks = n_and_blocks
    blocks = [np.array(b, dtype=int) for b in blocks]
    assert is_partition(blocks, n) == is_partition_by_definition(blocks, n)


@pytest.mark.parametrize(
    ("blocks", "n", "error", "fragment"),
    [
        ([[0]], 0, ValueError, "n must be a positive integer"),
        ([[0]], 1.0, ValueError, "n must be a positive integer"),
        ([[0.0, 1.0]], 2, TypeError, r"blocks\[0\] must be a 1-D array of integer"),
        ([[0], [[1]]], 2, TypeError, r"blocks\[1\] must be a 1-D array of integer"),
        ([[0], [2]], 2, ValueError, r"blocks\[1\] has indices outside \[0, 2\)"),
        ([[-1, 0]], 2, ValueError, r"blocks\[0\] has indices outside"),
    ],
)
def test_is_partition_rejects_bad_input(blocks, n, error, fragment):
    with pytest.raises(error, match=fragment):
        is_partition(blocks, n)


# ---------------------------------------------------------------- blocks_from_labels


@given(label_arrays())
def test_blocks_from_labels_agree_with_numpy_unique_inverse(labels):
    blocks = blocks_from_labels(labels)
    assert is_partition(blocks, labels.size)
    values, inverse = np.unique(labels, return_inverse=True)
    assert len(blocks) == values.size
    for j, block in enumerate(blocks):
        np.testing.assert_array_equal(block, np.flatnonzero(inverse == j))
        assert np.all(labels[block] == values[j])


def test_blocks_from_labels_rejects_bad_input():
    with pytest.raises(ValueError, match="labels must be non-empty"):
        blocks_from_labels([])
    with pytest.raises(ValueError, match="labels must have 1 dimension"):
        blocks_from_labels([[1, 2]])


# ---------------------------------------------------------------- split_indices


def test_split_indices_default_is_60_20_20_and_reproducible():
    parts = split_indices(100, rng=np.random.default_rng(3))
    assert [p.size for p in parts] == [60, 20, 20]
    assert is_partition(parts, 100)
    again = split_indices(100, rng=np.random.default_rng(3))
    for a, b in zip(parts, again, strict=True):
        np.testing.assert_array_equal(a, b)


def test_split_indices_largest_remainder_by_hand():
    # n = 10, shares 1/3 each: 3.33 + 3.33 + 3.33; floors 3 + 3 + 3, one left over,
    # it goes to the first of the equal remainders.
    sizes = [
        p.size
        for p in split_indices(10, [1 / 3, 1 / 3, 1 / 3], np.random.default_rng(0))
    ]
    assert sizes == [4, 3, 3]
    # n = 7, 0.5/0.3/0.2: 3.5, 2.1, 1.4 -> floors 3, 2, 1 (6); remainders .5, .1, .4.
    sizes = [
        p.size for p in split_indices(7, [0.5, 0.3, 0.2], np.random.default_rng(0))
    ]
    assert sizes == [4, 2, 1]


@given(
    st.integers(1, 200),
    arrays(np.float64, st.integers(1, 5), elements=st.floats(0.0, 1.0)),
    st.integers(0, 2**32 - 1),
)
def test_split_indices_are_disjoint_cover_and_have_requested_sizes(n, w, seed):
    if w.sum() < 1e-3:
        return
    fractions = w / w.sum()
    parts = split_indices(n, fractions, np.random.default_rng(seed))
    sizes = np.array([p.size for p in parts])
    assert sizes.sum() == n
    assert np.all(np.abs(sizes - fractions * n) < 1)  # each within 1 of its share
    assert np.all(sizes[fractions == 0] == 0)
    everything = np.concatenate(parts)
    np.testing.assert_array_equal(np.sort(everything), np.arange(n))  # disjoint, cover


@pytest.mark.parametrize(
    ("n", "fractions", "error", "fragment"),
    [
        (10, [0.5, 0.4], ValueError, "fractions must sum to 1, got 0.9"),
        (10, [0.7, 0.4, -0.1], ValueError, "fractions must be non-negative"),
        (10, [0.5, np.nan], ValueError, "fractions must be non-empty and finite"),
        (10, [], ValueError, "fractions must be non-empty and finite"),
        (10, [[0.5, 0.5]], ValueError, "fractions must have 1 dimension"),
        (0, [0.5, 0.5], ValueError, "n must be a positive integer"),
        (10.0, [0.5, 0.5], ValueError, "n must be a positive integer"),
    ],
)
def test_split_indices_rejects_bad_input(n, fractions, error, fragment):
    with pytest.raises(error, match=fragment):
        split_indices(n, fractions, np.random.default_rng(0))


# ---------------------------------------------------------------- k-fold


@pytest.mark.parametrize(("n", "k"), [(10, 2), (10, 3), (7, 7), (23, 5), (100, 10)])
def test_kfold_without_shuffle_equals_sklearn_kfold(n, k):
    ours = kfold_indices(n, k)
    theirs = list(KFold(n_splits=k).split(np.zeros(n)))
    assert len(ours) == len(theirs) == k
    for (tr, va), (tr_ref, va_ref) in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(tr, tr_ref)
        np.testing.assert_array_equal(va, va_ref)


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_kfold_with_shuffle_equals_sklearn_kfold_on_the_same_permutation(seed):
    n, k = 23, 4

    class LegacyRng:
        """Hands kfold the permutation that KFold(shuffle=True, random_state=seed) uses."""

        def permutation(self, m):
            return np.random.RandomState(seed).permutation(m)

    ours = kfold_indices(n, k, shuffle=True, rng=LegacyRng())
    theirs = KFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(n))
    for (tr, va), (tr_ref, va_ref) in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(tr, tr_ref)
        np.testing.assert_array_equal(va, va_ref)
    # With a Generator: the stated rule, "cut rng.permutation(n) into consecutive folds".
    perm = np.random.default_rng(seed).permutation(n)
    ours = kfold_indices(n, k, shuffle=True, rng=np.random.default_rng(seed))
    for (tr, va), (tr_pos, va_pos) in zip(
        ours, KFold(k).split(np.zeros(n)), strict=True
    ):
        np.testing.assert_array_equal(va, np.sort(perm[va_pos]))
        np.testing.assert_array_equal(tr, np.sort(perm[tr_pos]))


@given(
    st.integers(2, 60).flatmap(lambda n: st.tuples(st.just(n), st.integers(2, n))),
    st.booleans(),
)
def test_kfold_validation_folds_partition_the_data(n_and_k, shuffle):
    n, k = n_and_k
    folds = kfold_indices(n, k, shuffle, np.random.default_rng(0))
    validation = [va for _, va in folds]
    assert is_partition(validation, n)  # disjoint and covering
    sizes = [va.size for va in validation]
    assert max(sizes) - min(sizes) <= 1
    for tr, va in folds:
        assert not set(tr.tolist()) & set(va.tolist())  # train and validation disjoint
        assert tr.size + va.size == n  # and together they cover
    labels = kfold_labels(n, k, shuffle, np.random.default_rng(0))
    for j, (_, va) in enumerate(folds):
        np.testing.assert_array_equal(va, np.flatnonzero(labels == j))


@pytest.mark.parametrize(
    ("n", "k", "fragment"),
    [
        (10, 1, r"k must be an integer with 2 <= k <= n = 10"),
        (10, 11, r"k must be an integer with 2 <= k <= n = 10"),
        (10, 2.5, r"k must be an integer with 2 <= k <= n"),
        (10, True, r"k must be an integer with 2 <= k <= n"),
        (1, 2, "n must be an integer >= 2"),
        (10.0, 2, "n must be an integer >= 2"),
    ],
)
def test_kfold_rejects_bad_k_and_n(n, k, fragment):
    with pytest.raises(ValueError, match=fragment):
        kfold_labels(n, k)
    with pytest.raises(ValueError, match=fragment):
        kfold_indices(n, k)


# ---------------------------------------------------------------- one-hot


def test_one_hot_matches_sklearn_one_hot_encoder_on_labels():
    labels = np.array(["dog", "cat", "dog", "bird", "eel"])
    encoder = OneHotEncoder(sparse_output=False).fit(labels[:, None])
    codes, classes = encode_labels(labels)
    Y = one_hot(codes, classes.size)
    np.testing.assert_array_equal(Y, encoder.transform(labels[:, None]))
    np.testing.assert_array_equal(classes, encoder.categories_[0])
    np.testing.assert_array_equal(
        classes[from_one_hot(Y)], encoder.inverse_transform(Y).ravel()
    )


@pytest.mark.parametrize("K", [1, 2, 5])
def test_one_hot_agrees_with_one_hot_encoder_and_its_inverse(K):
    codes = np.random.default_rng(K).integers(0, K, size=40)
    encoder = OneHotEncoder(categories=[list(range(K))], sparse_output=False)
    Y = one_hot(codes, K)
    np.testing.assert_array_equal(Y, encoder.fit_transform(codes[:, None]))
    np.testing.assert_array_equal(from_one_hot(Y), encoder.inverse_transform(Y).ravel())


@given(
    st.integers(1, 6).flatmap(
        lambda K: st.tuples(
            st.just(K),
            arrays(np.int64, st.integers(1, 30), elements=st.integers(0, K - 1)),
        )
    )
)
def test_one_hot_rows_are_class_indicators_and_round_trip(K_and_codes):
    K, codes = K_and_codes
    Y = one_hot(codes, K)
    np.testing.assert_array_equal(
        Y, codes[:, None] == np.arange(K)[None, :]
    )  # 1[c_i = j]
    np.testing.assert_array_equal(from_one_hot(Y), codes)
    # Rows are indicator vectors (sum 1): classes partition the samples; column j is
    # the indicator function of class j, so it sums to the class size.
    np.testing.assert_array_equal(Y.sum(axis=1), 1.0)
    np.testing.assert_array_equal(Y.sum(axis=0), np.bincount(codes, minlength=K))


@pytest.mark.parametrize(
    ("codes", "K", "error", "fragment"),
    [
        ([0, 3], 3, ValueError, r"codes must take values in \[0, 3\)"),
        ([-1, 0], 3, ValueError, "codes must take values >= 0"),
        ([0.0, 1.0], 3, TypeError, "codes must be an array of integers"),
        ([], 3, ValueError, "codes must be a non-empty 1-D array"),
        ([0, 1], 0, ValueError, "codomain size must be a positive integer"),
    ],
)
def test_one_hot_rejects_bad_input(codes, K, error, fragment):
    with pytest.raises(error, match=fragment):
        one_hot(codes, K)


@pytest.mark.parametrize(
    ("Y", "fragment"),
    [
        ([[0, 0, 0]], "Y must be one-hot"),
        ([[1, 1, 0]], "Y must be one-hot"),
        ([[0.5, 0.5]], "Y must be one-hot"),
        ([0, 1, 0], "Y must have 2 dimension"),
        ([[np.nan, 1.0]], "Y must be non-empty and finite"),
    ],
)
def test_from_one_hot_rejects_bad_input(Y, fragment):
    with pytest.raises(ValueError, match=fragment):
        from_one_hot(Y)


# ---------------------------------------------------------------- plot_kfold


@pytest.mark.parametrize("shuffle", [False, True])
def test_plot_kfold_draws_the_fold_grid(shuffle):
    fig = plot_kfold(n=12, k=3, shuffle=shuffle, seed=5)
    assert fig.get_label()
    image = np.asarray(fig.axes[0].get_images()[0].get_array())
    folds = kfold_labels(12, 3, shuffle, np.random.default_rng(5))
    np.testing.assert_array_equal(image, folds[None, :] == np.arange(3)[:, None])
    assert image.sum() == 12  # every sample validated exactly once
