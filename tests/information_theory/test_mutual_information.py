"""Tests for snippets/information_theory/mutual_information.py
(page: docs/information-theory/mutual-information.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import entropy as scipy_entropy
from sklearn.feature_selection import mutual_info_classif
from sklearn.metrics import mutual_info_score
from sklearn.tree import DecisionTreeClassifier

from snippets.information_theory.mutual_information import (
    as_labels,
    best_split,
    empirical_joint,
    entropy_of_counts,
    information_gain,
    mutual_information,
    mutual_information_scores,
    plot_split_gains,
)
from tests.information_theory.strategies import distributions, joint_tables

labels = arrays(np.int64, 30, elements=st.integers(0, 3))

# ---------------------------------------------------------------- mutual_information


@given(joint_tables())
def test_mutual_information_identity_with_entropies(P):
    # I(X; Y) = H(X) + H(Y) - H(X, Y) >= 0, with every entropy from scipy
    expected = (
        scipy_entropy(P.sum(axis=1))
        + scipy_entropy(P.sum(axis=0))
        - scipy_entropy(P.ravel())
    )
    mi = mutual_information(P)
    assert mi >= 0.0
    assert mi == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert mi == pytest.approx(
        mutual_information(P.T), rel=1e-12, abs=1e-15
    )  # symmetric


@given(arrays(np.int64, (3, 4), elements=st.integers(0, 20)))
def test_mutual_information_matches_sklearn_contingency(counts):
    if counts.sum() == 0:
        return
    expected = mutual_info_score(None, None, contingency=counts)
    assert mutual_information(counts / counts.sum()) == pytest.approx(
        expected, rel=1e-9, abs=1e-12
    )


@given(distributions(), distributions())
def test_mutual_information_of_independent_variables_is_zero(px, py):
    assert mutual_information(np.outer(px, py)) == pytest.approx(0.0, abs=1e-12)


def test_mutual_information_survives_underflowing_marginals():
    # p(x) p(y) = 1e-458 underflows to 0; the log-difference form stays finite
    t = 1e-229
    mi = mutual_information([[1 - 3 * t, t], [t, t]])
    assert np.isfinite(mi)
    assert 0.0 <= mi < 1e-200


def test_mutual_information_of_a_copy_is_the_entropy():
    px = np.array([0.5, 0.25, 0.25])
    assert mutual_information(np.diag(px), base=2) == pytest.approx(1.5)  # H(X) in bits


@pytest.mark.parametrize(
    ("joint", "error", "fragment"),
    [
        ([0.5, 0.5], ValueError, "joint must have 2 dimension"),
        ([[0.5, 0.6], [0.0, -0.1]], ValueError, "joint must be non-negative"),
        ([[0.5, 0.2], [0.0, 0.1]], ValueError, "joint must sum to 1"),
        ([[np.nan, 1.0]], ValueError, "joint must be non-empty and finite"),
        ("ab", TypeError, "joint must be array-like"),
    ],
)
def test_mutual_information_rejects_bad_input(joint, error, fragment):
    with pytest.raises(error, match=fragment):
        mutual_information(joint)


# ---------------------------------------------------------------- as_labels


def test_as_labels_matches_sklearn_label_encoder():
    from sklearn.preprocessing import LabelEncoder

    y = np.array(["b", "a", "c", "a", "b"])
    np.testing.assert_array_equal(as_labels(y, "y"), LabelEncoder().fit_transform(y))


@given(labels, st.integers(-100, 100))
def test_as_labels_is_invariant_to_relabeling(y, shift):
    # shifting every label keeps the order, so the codes stay the same
    np.testing.assert_array_equal(as_labels(y + shift, "y"), as_labels(y, "y"))
    codes = as_labels(y, "y")
    assert codes.min() == 0 and codes.max() == len(np.unique(y)) - 1


@pytest.mark.parametrize(
    ("y", "error", "fragment"),
    [
        ([], ValueError, "y must be a non-empty 1-D array"),
        ([[0, 1]], ValueError, "y must be a non-empty 1-D array"),
        ([0.0, np.nan], ValueError, "y must not contain NaN"),
        (np.array([1, "a", 2.5], dtype=object), TypeError, "y must hold labels of one"),
    ],
)
def test_as_labels_rejects_bad_input(y, error, fragment):
    with pytest.raises(error, match=fragment):
        as_labels(y, "y")


# ---------------------------------------------------------------- empirical_joint


def test_empirical_joint_matches_sklearn_contingency_matrix():
    from sklearn.metrics.cluster import contingency_matrix

    rng = np.random.default_rng(0)
    x, y = rng.integers(0, 3, 100), rng.integers(0, 4, 100)
    np.testing.assert_allclose(empirical_joint(x, y), contingency_matrix(x, y) / 100)


@given(labels, labels)
def test_empirical_joint_is_a_distribution_with_the_right_marginals(x, y):
    P = empirical_joint(x, y)
    assert P.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(P.sum(axis=1), np.unique(x, return_counts=True)[1] / 30)
    np.testing.assert_allclose(P.sum(axis=0), np.unique(y, return_counts=True)[1] / 30)


@pytest.mark.parametrize(
    ("x", "y", "fragment"),
    [
        ([0, 1, 1], [0, 1], "same length, got 3 and 2"),
        ([], [], "x must be a non-empty 1-D array"),
        ([0, 1], [[0, 1]], "y must be a non-empty 1-D array"),
    ],
)
def test_empirical_joint_rejects_bad_input(x, y, fragment):
    with pytest.raises(ValueError, match=fragment):
        empirical_joint(x, y)


# ---------------------------------------------------------------- mutual_information_scores


def test_mutual_information_scores_match_sklearn():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, 300)
    X = rng.integers(0, 4, size=(300, 5))
    X[:, 2] = (y + rng.integers(0, 2, 300)) % 3  # one informative feature
    expected = mutual_info_classif(X, y, discrete_features=True)
    np.testing.assert_allclose(mutual_information_scores(X, y), expected, rtol=1e-10)
    assert np.argmax(mutual_information_scores(X, y)) == 2


@given(arrays(np.int64, (30, 3), elements=st.integers(0, 3)), labels)
def test_mutual_information_scores_bounds_and_a_copied_label(X, y):
    # 0 <= I(X_j; Y) <= H(Y), with equality on the right for a column that copies y,
    # and the scores do not depend on the order of the samples
    h_y = scipy_entropy(np.unique(y, return_counts=True)[1])
    scores = mutual_information_scores(np.column_stack([X, y]), y)
    assert np.all(scores >= 0) and np.all(scores <= h_y + 1e-12)
    assert scores[-1] == pytest.approx(h_y, rel=1e-12, abs=1e-15)
    order = np.arange(30)[::-1]
    np.testing.assert_allclose(
        mutual_information_scores(X[order], y[order]), scores[:-1], atol=1e-15
    )


@pytest.mark.parametrize(
    ("X", "y", "fragment"),
    [
        ([0, 1, 1], [0, 1, 1], "X must be a non-empty 2-D array"),
        (np.empty((3, 0)), [0, 1, 1], "X must be a non-empty 2-D array"),
        ([[0], [1], [1]], [0, 1], "X has 3 rows but y has 2 labels"),
    ],
)
def test_mutual_information_scores_rejects_bad_input(X, y, fragment):
    with pytest.raises(ValueError, match=fragment):
        mutual_information_scores(X, y)


# ---------------------------------------------------------------- entropy_of_counts


@given(arrays(np.int64, (4, 3), elements=st.integers(1, 50)))
def test_entropy_of_counts_matches_scipy(counts):
    # scipy.stats.entropy normalizes counts itself
    np.testing.assert_allclose(
        entropy_of_counts(counts, base=2),
        scipy_entropy(counts, base=2, axis=1),
        rtol=1e-10,
    )


def test_entropy_of_counts_scalar_and_zero_counts():
    assert entropy_of_counts([3, 3], base=2) == 1.0
    assert entropy_of_counts([7, 0, 0]) == 0.0  # 0 log 0 = 0
    assert isinstance(entropy_of_counts([1, 2]), float)


@pytest.mark.parametrize(
    ("counts", "error", "fragment"),
    [
        ([1, -1, 2], ValueError, "counts must be non-negative"),
        ([[1, 2], [0, 0]], ValueError, "positive total"),
        ([], ValueError, "counts must be non-empty and finite"),
        ("ab", TypeError, "counts must be array-like"),
    ],
)
def test_entropy_of_counts_rejects_bad_input(counts, error, fragment):
    with pytest.raises(error, match=fragment):
        entropy_of_counts(counts)


# ---------------------------------------------------------------- information_gain


@pytest.mark.parametrize("seed", range(10))
def test_information_gain_is_the_mutual_information_of_label_and_split(seed):
    # IG(Y; split) = I(Y; G), the empirical mutual information (sklearn, nats)
    rng = np.random.default_rng(seed)
    y, groups = rng.integers(0, 4, 50), rng.integers(0, 1 + seed % 4, 50)
    gain = information_gain(y, groups)
    assert gain == pytest.approx(mutual_info_score(y, groups), rel=1e-9, abs=1e-12)


@given(labels, arrays(np.int64, 30, elements=st.integers(0, 2)))
def test_information_gain_is_bounded_by_the_label_entropy(y, groups):
    # 0 <= IG <= H(Y); splitting by the label itself removes all of H(Y)
    h_y = scipy_entropy(np.unique(y, return_counts=True)[1])
    assert 0.0 <= information_gain(y, groups) <= h_y + 1e-12
    assert information_gain(y, y) == pytest.approx(h_y, rel=1e-12, abs=1e-15)


def test_information_gain_by_hand():
    # Parent: 4 positives, 4 negatives = 1 bit. Left (3+, 1-), right (1+, 3-):
    # each child H = 0.8113 bits, so the gain is 1 - 0.8113 = 0.1887 bits.
    y = [1, 1, 1, 0, 1, 0, 0, 0]
    left = [True] * 4 + [False] * 4
    h_child = -(0.75 * np.log2(0.75) + 0.25 * np.log2(0.25))
    assert information_gain(y, left, base=2) == pytest.approx(1 - h_child)


@pytest.mark.parametrize(
    ("y", "groups", "fragment"),
    [
        ([0, 1, 1], [0, 1], "same length, got 3 and 2"),
        ([], [], "y must be a non-empty 1-D array"),
        ([0, 1], [[0, 1]], "groups must be a non-empty 1-D array"),
        ([0.0, np.nan], [0, 1], "y must not contain NaN"),
    ],
)
def test_information_gain_rejects_bad_input(y, groups, fragment):
    with pytest.raises(ValueError, match=fragment):
        information_gain(y, groups)


# ---------------------------------------------------------------- best_split


@pytest.mark.parametrize("seed", range(5))
def test_best_split_matches_sklearn_decision_stump(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=120)
    y = (x + rng.normal(size=120) > 0.3).astype(int) + (x > 1.2)
    tree = (
        DecisionTreeClassifier(criterion="entropy", max_depth=1)
        .fit(x[:, None], y)
        .tree_
    )
    n = tree.n_node_samples
    sk_gain = (
        tree.impurity[0] - (n[1] * tree.impurity[1] + n[2] * tree.impurity[2]) / n[0]
    )
    threshold, gain = best_split(x, y, base=2)  # sklearn's entropy is in bits
    assert threshold == pytest.approx(
        tree.threshold[0], abs=1e-6
    )  # sklearn uses float32
    assert gain == pytest.approx(sk_gain, rel=1e-9)


@given(
    arrays(np.float64, 25, elements=st.floats(-10, 10)),
    arrays(np.int64, 25, elements=st.integers(0, 2)),
)
def test_best_split_beats_every_candidate(x, y):
    if len(np.unique(x)) < 2:
        return
    threshold, gain = best_split(x, y)
    assert gain == pytest.approx(information_gain(y, x <= threshold), abs=1e-12)
    values = np.unique(x)
    for t in (values[:-1] + values[1:]) / 2:  # the n_distinct - 1 candidate splits
        assert information_gain(y, x <= t) <= gain + 1e-12


@pytest.mark.parametrize(
    ("x", "y", "fragment"),
    [
        ([1.0, 1.0, 1.0], [0, 1, 0], "at least two distinct values"),
        ([1.0, 2.0], [0, 1, 0], "same length, got 2 and 3"),
        ([1.0, np.nan], [0, 1], "x must be non-empty and finite"),
        ([[1.0, 2.0]], [0, 1], "x must have 1 dimension"),
        ([1.0, 2.0], [], "y must be a non-empty 1-D array"),
    ],
)
def test_best_split_rejects_bad_input(x, y, fragment):
    with pytest.raises(ValueError, match=fragment):
        best_split(x, y)


# ---------------------------------------------------------------- plot_split_gains


def test_plot_split_gains_draws_the_gain_of_each_threshold():
    fig = plot_split_gains()
    assert fig.get_label()
    ax = fig.axes[0]
    thresholds, gains = ax.get_lines()[0].get_data()
    # the class ticks below the curve hold the data; rebuild (x, y) from them
    x0 = ax.get_lines()[2].get_xdata()
    x1 = ax.get_lines()[3].get_xdata()
    x = np.concatenate([x0, x1])
    y = np.repeat([0, 1], [len(x0), len(x1)])
    for t, g in zip(thresholds[::10], gains[::10], strict=True):
        assert g == pytest.approx(mutual_info_score(y, x <= t) / np.log(2), abs=1e-12)
    best_t = ax.get_lines()[1].get_xdata()[0]
    assert gains.max() == pytest.approx(mutual_info_score(y, x <= best_t) / np.log(2))
