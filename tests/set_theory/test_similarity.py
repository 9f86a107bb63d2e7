"""Tests for snippets/set_theory/similarity.py (page: docs/set-theory/similarity.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial.distance import cdist
from sklearn.metrics import jaccard_score, precision_score, recall_score
from sklearn.metrics import precision_recall_curve as sklearn_pr_curve

from snippets.probability_statistics.probability_basics import (
    conditional_probability,
    event_probability,
)
from snippets.set_theory.similarity import (
    BOX_PAIRS,
    box_iou,
    jaccard,
    mask_conditional_probability,
    mask_probability,
    pairwise_box_iou,
    pairwise_jaccard,
    plot_box_iou,
    plot_precision_recall,
    precision_recall,
    precision_recall_curve,
)
from tests.set_theory.strategies import mask_tuples

# ---------------------------------------------------------------- jaccard


def test_jaccard_hand_worked_values():
    # {0, 1, 2} and {1, 2, 3}: intersection {1, 2} (2), union {0, 1, 2, 3} (4): 2/4.
    assert jaccard([1, 1, 1, 0], [0, 1, 1, 1]) == 0.5
    # {0} and {0, 1, 2}: 1/3.
    assert jaccard([1, 0, 0], [1, 1, 1]) == pytest.approx(1 / 3)
    # Disjoint nonempty sets: 0/2.
    assert jaccard([1, 0], [0, 1]) == 0.0
    # One set empty, the other not: 0/1 = 0 (defined).
    assert jaccard([0, 0, 0], [0, 1, 0]) == 0.0


def random_mask_pairs(count=25, seed=0):
    """Pairs of random masks of assorted lengths and densities (for library checks)."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n, density = rng.integers(1, 60), rng.uniform(0.05, 0.9)
        yield rng.random(n) < density, rng.random(n) < density


def test_jaccard_matches_sklearn_and_scipy():
    for a, b in random_mask_pairs():
        if not (a | b).any():
            continue
        j = jaccard(a, b)
        assert j == pytest.approx(jaccard_score(a, b))  # TP / (TP + FP + FN)
        # 1 - J is the Jaccard distance of SciPy.
        assert 1 - j == pytest.approx(cdist(a[None], b[None], "jaccard")[0, 0])


@given(mask_tuples(2))
def test_jaccard_matches_python_sets_and_is_a_similarity(ab):
    a, b = ab
    if not (a | b).any():
        return
    j = jaccard(a, b)
    A, B = set(np.flatnonzero(a).tolist()), set(np.flatnonzero(b).tolist())
    assert j == pytest.approx(len(A & B) / len(A | B))
    assert j == jaccard(b, a)  # symmetric
    assert 0.0 <= j <= 1.0
    assert (j == 1.0) == np.array_equal(a, b)  # 1 iff equal


def test_jaccard_of_two_empty_sets_raises_by_convention():
    # Our convention: 0/0 is undefined, so we raise. (SciPy's distance returns 0, i.e.
    # similarity 1; scikit-learn's jaccard_score returns 0 with a warning.)
    with pytest.raises(
        ValueError, match=r"Jaccard index of two empty sets \(a and b\)"
    ):
        jaccard([0, 0, 0], [0, 0, 0])


@pytest.mark.parametrize(
    ("a", "b", "error", "fragment"),
    [
        ([1, 0], [1, 0, 0], ValueError, "a and b must have the same length"),
        ([1, 2], [1, 0], ValueError, "a must be a boolean mask"),
        ([1, 0], {0}, TypeError, "b must be a boolean mask"),
        ([], [], ValueError, "a must be non-empty"),
    ],
)
def test_jaccard_rejects_bad_input(a, b, error, fragment):
    with pytest.raises(error, match=fragment):
        jaccard(a, b)


@given(
    st.integers(1, 15).flatmap(
        lambda n: st.tuples(
            arrays(np.bool_, st.tuples(st.integers(1, 5), st.just(n))),
            arrays(np.bool_, st.tuples(st.integers(1, 5), st.just(n))),
        )
    )
)
def test_pairwise_jaccard_matches_scipy_cdist_and_the_scalar_version(AB):
    A, B = AB
    A[:, 0] = True  # every row nonempty, so every union is nonempty
    B[:, 0] = True
    J = pairwise_jaccard(A, B)
    np.testing.assert_allclose(J, 1 - cdist(A, B, "jaccard"), atol=1e-12)
    for i in range(A.shape[0]):
        for j in range(B.shape[0]):
            assert J[i, j] == pytest.approx(jaccard(A[i], B[j]))


@pytest.mark.parametrize(
    ("A", "B", "fragment"),
    [
        ([[0, 0], [1, 0]], [[0, 0]], r"two empty sets \(rows of A and B\)"),
        ([[1, 0]], [[1, 0, 1]], "A and B must have the same number of columns"),
        ([1, 0], [[1, 0]], "A must have 2 dimension"),
        ([[1, 0]], [[3, 0]], "B must be a boolean mask"),
    ],
)
def test_pairwise_jaccard_rejects_bad_input(A, B, fragment):
    with pytest.raises(ValueError, match=fragment):
        pairwise_jaccard(A, B)


# ---------------------------------------------------------------- box IoU


def pixel_mask(box, size=12):
    """The set of unit pixels [x, x+1) x [y, y+1) a box with integer corners covers."""
    x1, y1, x2, y2 = box
    xs, ys = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    return ((xs >= x1) & (xs < x2) & (ys >= y1) & (ys < y2)).ravel()


def test_box_iou_hand_worked_values():
    # (0,0,2,2) and (1,1,3,3): overlap (1,1,2,2) has area 1; union 4 + 4 - 1 = 7.
    assert box_iou([0, 0, 2, 2], [1, 1, 3, 3]) == pytest.approx(1 / 7)
    # (0,0,4,2) and (1,0,5,2): overlap 3 x 2 = 6; union 8 + 8 - 6 = 10: 0.6.
    assert box_iou([0, 0, 4, 2], [1, 0, 5, 2]) == pytest.approx(0.6)
    # (1,1,3,3) inside (0,0,4,4): overlap 4, union 16: 0.25.
    assert box_iou([0, 0, 4, 4], [1, 1, 3, 3]) == pytest.approx(0.25)
    # Touching along an edge: overlap has zero width, IoU 0.
    assert box_iou([0, 0, 1, 1], [1, 0, 2, 1]) == 0.0
    # Identical boxes: 1. A zero-area box against a real one: 0.
    assert box_iou([1, 2, 3, 5], [1, 2, 3, 5]) == 1.0
    assert box_iou([1, 1, 1, 3], [0, 0, 2, 2]) == 0.0


integer_boxes = st.tuples(
    st.integers(0, 10), st.integers(0, 10), st.integers(1, 5), st.integers(1, 5)
).map(lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3]))


@given(integer_boxes, integer_boxes)
def test_box_iou_equals_jaccard_of_pixel_sets(a, b):
    # Independent reference: with integer corners, the boxes are sets of unit pixels,
    # and IoU is exactly the Jaccard index of those sets.
    size = 16
    assert box_iou(a, b) == pytest.approx(
        jaccard(pixel_mask(a, size), pixel_mask(b, size))
    )


@given(
    integer_boxes,
    integer_boxes,
    st.floats(-50, 50),
    st.floats(-50, 50),
    st.floats(0.1, 10),
)
def test_box_iou_properties(a, b, dx, dy, s):
    iou = box_iou(a, b)
    assert iou == pytest.approx(box_iou(b, a))  # symmetric
    assert 0.0 <= iou <= 1.0
    assert (iou == pytest.approx(1.0)) == (a == b)  # 1 iff equal (positive-area boxes)
    # Moving or scaling both boxes together does not change the IoU.
    shift = np.array([dx, dy, dx, dy])
    assert box_iou(np.add(a, shift), np.add(b, shift)) == pytest.approx(iou, abs=1e-9)
    assert box_iou(np.multiply(a, s), np.multiply(b, s)) == pytest.approx(iou, abs=1e-9)


@pytest.mark.parametrize(
    ("a", "b", "error", "fragment"),
    [
        ([2, 0, 1, 1], [0, 0, 1, 1], ValueError, "box_a has a box with x2 < x1"),
        ([0, 0, 1, 1], [0, 2, 1, 1], ValueError, "box_b has a box with y2 < y1"),
        (
            [0, 0, np.nan, 1],
            [0, 0, 1, 1],
            ValueError,
            "box_a must be non-empty and finite",
        ),
        (
            [0, 0, 1, 1],
            [0, 0, np.inf, 1],
            ValueError,
            "box_b must be non-empty and finite",
        ),
        (
            [0, 0, 1],
            [0, 0, 1, 1],
            ValueError,
            r"box_a must hold boxes \(x1, y1, x2, y2\)",
        ),
        ([[0, 0, 1, 1]], [0, 0, 1, 1], ValueError, "box_a must have 1 dimension"),
        (
            [1, 1, 1, 1],
            [2, 2, 2, 3],
            ValueError,
            "IoU is undefined for two boxes of zero area",
        ),
        ("box", [0, 0, 1, 1], TypeError, "box_a must be array-like of numbers"),
    ],
)
def test_box_iou_rejects_bad_input(a, b, error, fragment):
    with pytest.raises(error, match=fragment):
        box_iou(a, b)


def test_pairwise_box_iou_matches_the_scalar_version():
    rng = np.random.default_rng(1)
    corners = rng.uniform(0, 10, size=(2, 7, 2))
    sides = rng.uniform(0.5, 4, size=(2, 7, 2))
    A = np.concatenate([corners[0], corners[0] + sides[0]], axis=1)
    B = np.concatenate([corners[1], corners[1] + sides[1]], axis=1)[:5]
    M = pairwise_box_iou(A, B)
    assert M.shape == (7, 5)
    expected = [[box_iou(a, b) for b in B] for a in A]
    np.testing.assert_allclose(M, expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(np.diag(pairwise_box_iou(A, A)), 1.0)


@given(
    st.lists(integer_boxes, min_size=1, max_size=5),
    st.lists(integer_boxes, min_size=1, max_size=5),
)
def test_pairwise_box_iou_equals_pixel_jaccard(boxes_a, boxes_b):
    masks_a = np.array([pixel_mask(b, 16) for b in boxes_a])
    masks_b = np.array([pixel_mask(b, 16) for b in boxes_b])
    np.testing.assert_allclose(
        pairwise_box_iou(boxes_a, boxes_b),
        pairwise_jaccard(masks_a, masks_b),
        atol=1e-12,
    )


@pytest.mark.parametrize(
    ("A", "B", "fragment"),
    [
        ([[0, 0, 1, 1]], [[3, 0, 1, 1]], "boxes_b has a box with x2 < x1"),
        ([[0, 0, 1, 1]], [[0, 0, 1]], r"boxes_b must hold boxes"),
        ([0, 0, 1, 1], [[0, 0, 1, 1]], "boxes_a must have 2 dimension"),
        ([[0, 0, 1, np.nan]], [[0, 0, 1, 1]], "boxes_a must be non-empty and finite"),
        ([[1, 1, 1, 1]], [[0, 0, 0, 0]], "IoU is undefined for two boxes of zero area"),
    ],
)
def test_pairwise_box_iou_rejects_bad_input(A, B, fragment):
    with pytest.raises(ValueError, match=fragment):
        pairwise_box_iou(A, B)


# ---------------------------------------------------------------- precision and recall


def test_precision_recall_hand_worked():
    # Retrieved {0, 1, 2}, relevant {0, 3}: one hit; precision 1/3, recall 1/2.
    assert precision_recall([1, 1, 1, 0, 0], [1, 0, 0, 1, 0]) == (1 / 3, 0.5)


def test_precision_recall_match_sklearn():
    for retrieved, relevant in random_mask_pairs(seed=1):
        if not retrieved.any() or not relevant.any():
            continue
        p, r = precision_recall(retrieved, relevant)
        assert p == pytest.approx(precision_score(relevant, retrieved))
        assert r == pytest.approx(recall_score(relevant, retrieved))


@given(mask_tuples(2))
def test_precision_recall_are_ratios_of_set_sizes(rt):
    retrieved, relevant = rt
    if not retrieved.any() or not relevant.any():
        return
    p, r = precision_recall(retrieved, relevant)
    R, T = (
        set(np.flatnonzero(retrieved).tolist()),
        set(np.flatnonzero(relevant).tolist()),
    )
    assert (p, r) == pytest.approx((len(R & T) / len(R), len(R & T) / len(T)))
    assert 0.0 <= p <= 1.0 and 0.0 <= r <= 1.0
    if R <= T:
        assert p == 1.0
    if T <= R:
        assert r == 1.0


@pytest.mark.parametrize(
    ("retrieved", "relevant", "fragment"),
    [
        ([0, 0, 0], [1, 0, 0], "precision is undefined when retrieved is empty"),
        ([1, 0, 0], [0, 0, 0], "recall is undefined when relevant is empty"),
        ([1, 0], [1, 0, 0], "retrieved and relevant must have the same length"),
        ([1, 0.5], [1, 0], "retrieved must be a boolean mask"),
    ],
)
def test_precision_recall_rejects_bad_input(retrieved, relevant, fragment):
    with pytest.raises(ValueError, match=fragment):
        precision_recall(retrieved, relevant)


def compare_with_sklearn_curve(scores, relevant):
    thresholds, precision, recall = precision_recall_curve(scores, relevant)
    p_ref, r_ref, t_ref = sklearn_pr_curve(relevant, scores)
    # scikit-learn sorts thresholds upward and appends the point (precision 1, recall 0).
    np.testing.assert_allclose(thresholds, t_ref[::-1])
    np.testing.assert_allclose(precision, p_ref[:-1][::-1])
    np.testing.assert_allclose(recall, r_ref[:-1][::-1])


def test_precision_recall_curve_matches_sklearn_with_ties():
    rng = np.random.default_rng(2)
    relevant = rng.random(200) < 0.3
    scores = np.round(relevant + rng.normal(size=200), 1)  # many ties
    compare_with_sklearn_curve(scores, relevant)


def test_precision_recall_curve_matches_sklearn_on_many_cases():
    rng = np.random.default_rng(3)
    for _ in range(25):
        n = int(rng.integers(1, 40))
        relevant = rng.random(n) < 0.4
        relevant[rng.integers(n)] = True
        scores = rng.integers(-5, 6, size=n).astype(float)  # small integers: many ties
        compare_with_sklearn_curve(scores, relevant)


@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(
            arrays(np.float64, n, elements=st.integers(-5, 5).map(float)),
            arrays(np.bool_, n),
        )
    )
)
def test_precision_recall_curve_agrees_with_the_set_version(data):
    scores, relevant = data
    if not relevant.any():
        return
    thresholds, precision, recall = precision_recall_curve(scores, relevant)
    np.testing.assert_array_equal(thresholds, np.unique(scores)[::-1])
    for t, p, r in zip(thresholds, precision, recall, strict=True):
        assert (p, r) == pytest.approx(precision_recall(scores >= t, relevant))
    assert recall[-1] == 1.0  # the lowest threshold retrieves everything
    assert np.all(np.diff(recall) >= 0)  # recall never decreases as t moves down


@pytest.mark.parametrize(
    ("scores", "relevant", "fragment"),
    [
        ([0.5, 0.2], [0, 0], "recall is undefined when relevant is empty"),
        ([0.5, np.nan], [1, 0], "scores must be non-empty and finite"),
        ([0.5, 0.2, 0.1], [1, 0], "scores and relevant must have the same length"),
        ([[0.5, 0.2]], [1, 0], "scores must have 1 dimension"),
    ],
)
def test_precision_recall_curve_rejects_bad_input(scores, relevant, fragment):
    with pytest.raises(ValueError, match=fragment):
        precision_recall_curve(scores, relevant)


# ---------------------------------------------------------------- events as sets


@given(mask_tuples(2, max_n=12), st.integers(0, 2**32 - 1))
def test_mask_probability_agrees_with_set_based_probability_and_axioms(ab, seed):
    a, b = ab
    n = a.size
    p = np.random.default_rng(seed).dirichlet(np.ones(n))
    outcomes = list(range(n))
    A, B = set(np.flatnonzero(a).tolist()), set(np.flatnonzero(b).tolist())
    assert mask_probability(a, p) == pytest.approx(event_probability(A, outcomes, p))
    assert mask_probability(a) == pytest.approx(len(A) / n)  # uniform: counting
    # Complement rule and inclusion–exclusion for probabilities.
    assert mask_probability(~a, p) == pytest.approx(1 - mask_probability(a, p))
    assert mask_probability(a | b, p) == pytest.approx(
        mask_probability(a, p) + mask_probability(b, p) - mask_probability(a & b, p)
    )
    if b.any():
        assert mask_conditional_probability(a, b, p) == pytest.approx(
            conditional_probability(A, B, outcomes, p)
        )


@given(mask_tuples(2))
def test_precision_recall_and_jaccard_are_conditional_probabilities(rt):
    retrieved, relevant = rt
    if not retrieved.any() or not relevant.any():
        return
    p, r = precision_recall(retrieved, relevant)
    assert p == pytest.approx(mask_conditional_probability(relevant, retrieved))
    assert r == pytest.approx(mask_conditional_probability(retrieved, relevant))
    union = retrieved | relevant
    assert jaccard(retrieved, relevant) == pytest.approx(
        mask_conditional_probability(retrieved & relevant, union)
    )


@pytest.mark.parametrize(
    ("event", "p", "error", "fragment"),
    [
        ([1, 0], [0.5, 0.4], ValueError, "p must sum to 1"),
        ([1, 0], [1.5, -0.5], ValueError, r"p must .*negative"),
        ([1, 0, 0], [0.5, 0.5], ValueError, r"p must have one entry per outcome \(3\)"),
        ([1, 0], [0.5, np.nan], ValueError, "p must be non-empty and finite"),
        ([], None, ValueError, "event must be non-empty"),
        ([2, 0], None, ValueError, "event must be a boolean mask"),
    ],
)
def test_mask_probability_rejects_bad_input(event, p, error, fragment):
    with pytest.raises(error, match=fragment):
        mask_probability(event, p)


@pytest.mark.parametrize(
    ("a", "given", "p", "fragment"),
    [
        ([1, 0], [0, 0], None, r"P\(given\) is 0"),
        ([1, 0], [0, 1], [1.0, 0.0], r"P\(given\) is 0"),
        ([1, 0], [0, 1, 1], None, "a and given must have the same length"),
        ([1, 0], [0, 1], [0.3, 0.3], "p must sum to 1"),
    ],
)
def test_mask_conditional_probability_rejects_bad_input(a, given, p, fragment):
    with pytest.raises(ValueError, match=fragment):
        mask_conditional_probability(a, given, p)


# ---------------------------------------------------------------- plots


def test_plot_box_iou_titles_show_the_iou_of_each_pair():
    fig = plot_box_iou()
    assert fig.get_label()
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == [f"IoU = {box_iou(a, b):.3f}" for a, b in BOX_PAIRS]
    assert titles[0] == "IoU = 1.000" and titles[-1] == "IoU = 0.000"
    assert (
        titles[1] == "IoU = 0.143"
    )  # 1/7, worked out in test_box_iou_hand_worked_values
    first = fig.axes[1].patches[0]  # box A of the second pair is drawn where it belongs
    assert (first.get_x(), first.get_y(), first.get_width(), first.get_height()) == (
        0,
        0,
        2,
        2,
    )


def test_plot_precision_recall_draws_the_curve():
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    relevant = np.array([1, 0, 1, 1, 0], dtype=bool)
    fig = plot_precision_recall(scores, relevant)
    assert fig.get_label()
    thresholds, precision, recall = precision_recall_curve(scores, relevant)
    left, right = fig.axes
    np.testing.assert_allclose(left.get_lines()[0].get_xdata(), thresholds)
    np.testing.assert_allclose(left.get_lines()[0].get_ydata(), precision)
    np.testing.assert_allclose(left.get_lines()[1].get_ydata(), recall)
    curve = right.get_lines()[0]
    np.testing.assert_allclose(curve.get_xdata(), recall)
    np.testing.assert_allclose(curve.get_ydata(), precision)
    assert plot_precision_recall().get_label()
