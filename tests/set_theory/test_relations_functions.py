"""Tests for snippets/set_theory/relations_functions.py
(page: docs/set-theory/relations-functions.md)."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.sparse.csgraph import connected_components
from sklearn.preprocessing import LabelEncoder

from snippets.set_theory.relations_functions import (
    as_labels,
    as_map,
    decode_labels,
    encode_labels,
    equivalence_classes,
    inverse_map,
    is_bijective,
    is_injective,
    is_surjective,
    plot_same_label_relation,
    relation_properties,
    same_label_relation,
)
from tests.set_theory.strategies import label_arrays

# ---------------------------------------------------------------- as_labels


@pytest.mark.parametrize(
    ("labels", "error", "fragment"),
    [
        ([{1}, {2}], TypeError, "y must hold numbers or strings"),
        ([["a", "b"]], ValueError, "y must have 1 dimension"),
        ([], ValueError, "y must be non-empty"),
        ([1.0, np.nan], ValueError, "y must be finite"),
    ],
)
def test_as_labels_rejects_bad_input(labels, error, fragment):
    with pytest.raises(error, match=fragment):
        as_labels(labels, "y")


# ---------------------------------------------------------------- relations


def brute_force_properties(R):
    """The definitions, quantifier by quantifier, with Python loops."""
    n = len(R)
    idx = range(n)
    return {
        "reflexive": all(R[i][i] for i in idx),
        "symmetric": all(R[j][i] for i in idx for j in idx if R[i][j]),
        "antisymmetric": all(i == j for i in idx for j in idx if R[i][j] and R[j][i]),
        "transitive": all(
            R[i][j] for i in idx for j in idx for k in idx if R[i][k] and R[k][j]
        ),
    }


@given(st.integers(1, 6).flatmap(lambda n: arrays(np.bool_, (n, n))))
def test_relation_properties_match_the_definitions(R):
    assert relation_properties(R) == brute_force_properties(R.tolist())


def test_relation_properties_of_familiar_relations():
    x = np.arange(5)
    less_equal = x[:, None] <= x[None, :]  # a partial (indeed total) order
    assert relation_properties(less_equal) == {
        "reflexive": True,
        "symmetric": False,
        "antisymmetric": True,
        "transitive": True,
    }
    # "is the nearest neighbor of" on the points 0, 1, 3 is not symmetric.
    points = np.array([0.0, 1.0, 3.0])
    D = np.abs(points[:, None] - points[None, :]) + np.diag([np.inf] * 3)
    nn = np.zeros((3, 3), dtype=bool)
    nn[np.arange(3), D.argmin(axis=1)] = True
    props = relation_properties(nn)
    assert not props["symmetric"] and not props["reflexive"]


@given(label_arrays())
def test_same_label_relation_is_an_equivalence_relation(labels):
    R = same_label_relation(labels)
    expected = [[a == b for b in labels] for a in labels]  # the definition
    np.testing.assert_array_equal(R, expected)
    props = relation_properties(R)
    assert props["reflexive"] and props["symmetric"] and props["transitive"]


@pytest.mark.parametrize(
    ("R", "error", "fragment"),
    [
        ([[1, 0, 1], [0, 1, 0]], ValueError, "R must be a square matrix"),
        ([1, 0], ValueError, "R must have 2 dimension"),
        ([[1, 2], [0, 1]], ValueError, "R must be a boolean mask"),
        (np.empty((0, 0)), ValueError, "R must be non-empty"),
    ],
)
def test_relation_properties_rejects_bad_input(R, error, fragment):
    with pytest.raises(error, match=fragment):
        relation_properties(R)


def test_same_label_relation_rejects_bad_input():
    with pytest.raises(ValueError, match="labels must be non-empty"):
        same_label_relation([])


# ---------------------------------------------------------------- equivalence_classes


@given(label_arrays())
def test_equivalence_classes_form_the_partition_of_numpy_unique(labels):
    R = same_label_relation(labels)
    codes = equivalence_classes(R)
    # The classes generate the same relation back ...
    np.testing.assert_array_equal(same_label_relation(codes), R)
    # ... are disjoint and cover: every element has exactly one class number in 0..K-1,
    # and every number is used.
    K = codes.max() + 1
    assert set(codes.tolist()) == set(range(K))
    # ... and agree with numpy.unique's inverse up to renaming the classes.
    _, inverse = np.unique(labels, return_inverse=True)
    blocks = {frozenset(np.flatnonzero(codes == j).tolist()) for j in range(K)}
    reference = {
        frozenset(np.flatnonzero(inverse == j).tolist())
        for j in range(inverse.max() + 1)
    }
    assert blocks == reference
    # Classes are numbered in the order of their smallest member.
    firsts = [np.flatnonzero(codes == j)[0] for j in range(K)]
    assert firsts == sorted(firsts)


def test_equivalence_classes_match_scipy_connected_components():
    # The classes of an equivalence relation are the connected components of its graph.
    labels = np.random.default_rng(0).integers(0, 7, size=200)
    R = same_label_relation(labels)
    n_components, components = connected_components(R, directed=False)
    codes = equivalence_classes(R)
    assert codes.max() + 1 == n_components
    np.testing.assert_array_equal(same_label_relation(components), R)
    np.testing.assert_array_equal(
        same_label_relation(codes), same_label_relation(components)
    )


def test_equivalence_classes_small_example():
    R = same_label_relation(["b", "a", "b", "c", "a"])
    np.testing.assert_array_equal(equivalence_classes(R), [0, 1, 0, 2, 1])


@pytest.mark.parametrize(
    ("R", "fragment"),
    [
        ([[1, 1], [0, 1]], r"not \['symmetric'\]"),
        ([[0, 1], [1, 0]], r"not \['reflexive', 'transitive'\]"),
        ([[1, 1, 0], [1, 1, 1], [0, 1, 1]], r"not \['transitive'\]"),
        ([[1, 1, 0], [1, 1, 1]], "R must be a square matrix"),
    ],
)
def test_equivalence_classes_rejects_non_equivalences(R, fragment):
    with pytest.raises(ValueError, match=fragment):
        equivalence_classes(R)


# ---------------------------------------------------------------- injective, surjective


def all_maps(n, m):
    """Every map {0..n-1} -> {0..m-1} as a tuple of images."""
    return itertools.product(range(m), repeat=n)


def surjection_count(n, m):
    """Closed form by inclusion–exclusion: sum_j (-1)^j C(m, j) (m - j)^n."""
    return sum((-1) ** j * math.comb(m, j) * (m - j) ** n for j in range(m + 1))


@pytest.mark.parametrize(("n", "m"), [(n, m) for n in range(1, 5) for m in range(1, 5)])
def test_injective_surjective_bijective_against_brute_force(n, m):
    injective = surjective = bijective = 0
    for f in all_maps(n, m):
        inj = all(f[i] != f[j] for i in range(n) for j in range(i + 1, n))
        sur = all(any(f[i] == y for i in range(n)) for y in range(m))
        assert is_injective(np.array(f)) == inj
        assert is_surjective(np.array(f), m) == sur
        assert is_bijective(np.array(f), m) == (inj and sur)
        injective, surjective, bijective = (
            injective + inj,
            surjective + sur,
            bijective + (inj and sur),
        )
    # Counting checks: m!/(m-n)! injections, n! bijections when n = m, else none.
    assert injective == math.perm(m, n)
    assert surjective == surjection_count(n, m)
    assert bijective == (math.factorial(n) if n == m else 0)


@given(
    st.integers(1, 8).flatmap(
        lambda m: st.tuples(
            st.just(m),
            arrays(np.int64, st.integers(1, 10), elements=st.integers(0, m - 1)),
        )
    )
)
def test_function_properties_and_pigeonhole(m_and_f):
    m, f = m_and_f
    if f.size > m:
        assert not is_injective(f)  # pigeonhole: more inputs than targets
    if f.size < m:
        assert not is_surjective(f, m)
    assert is_injective(f) == (len(set(f.tolist())) == f.size)
    assert is_surjective(f, m) == (set(f.tolist()) == set(range(m)))


@pytest.mark.parametrize(
    ("f", "m", "error", "fragment"),
    [
        ([0.0, 1.0], 2, TypeError, "f must be an array of integers"),
        (["a"], 2, TypeError, "f must be an array of integers"),
        ([], 2, ValueError, "f must be a non-empty 1-D array"),
        ([[0, 1]], 2, ValueError, "f must be a non-empty 1-D array"),
        ([0, -1], 2, ValueError, "f must take values >= 0"),
        ([0, 2], 2, ValueError, r"f must take values in \[0, 2\)"),
        ([0, 1], 0, ValueError, "codomain size must be a positive integer"),
        ([0, 1], 2.0, ValueError, "codomain size must be a positive integer"),
    ],
)
def test_surjective_and_bijective_reject_bad_input(f, m, error, fragment):
    with pytest.raises(error, match=fragment):
        is_surjective(f, m)
    with pytest.raises(error, match=fragment):
        is_bijective(f, m)


def test_is_injective_and_as_map_reject_bad_input():
    with pytest.raises(TypeError, match="f must be an array of integers"):
        is_injective([0.5])
    with pytest.raises(ValueError, match="f must take values >= 0"):
        is_injective([-3, 1])
    with pytest.raises(ValueError, match=r"codes must take values in \[0, 3\)"):
        as_map([0, 3], 3, "codes")


# ---------------------------------------------------------------- inverse_map


@given(st.integers(1, 30).flatmap(lambda n: st.permutations(list(range(n)))))
def test_inverse_map_undoes_a_permutation(perm):
    f = np.array(perm)
    g = inverse_map(f)
    np.testing.assert_array_equal(g, np.argsort(f))  # NumPy's inverse permutation
    np.testing.assert_array_equal(g[f], np.arange(f.size))  # g after f = identity
    np.testing.assert_array_equal(f[g], np.arange(f.size))  # f after g = identity


def test_inverse_map_undoes_a_shuffle():
    rng = np.random.default_rng(0)
    x = rng.normal(size=10)
    perm = rng.permutation(10)
    np.testing.assert_array_equal(x[perm][inverse_map(perm)], x)


@pytest.mark.parametrize("f", [[0, 0, 1], [1, 2], [0, 2, 3]])
def test_inverse_map_rejects_non_bijections(f):
    with pytest.raises(ValueError, match="f must be a bijection"):
        inverse_map(f)


# ---------------------------------------------------------------- label encoding


def test_encode_and_decode_match_sklearn_label_encoder():
    labels = np.array(["dog", "cat", "dog", "bird", "cat", "eel"])
    encoder = LabelEncoder().fit(labels)
    codes, classes = encode_labels(labels)
    np.testing.assert_array_equal(classes, encoder.classes_)
    np.testing.assert_array_equal(codes, encoder.transform(labels))
    np.testing.assert_array_equal(
        decode_labels(codes, classes), encoder.inverse_transform(codes)
    )
    new = ["eel", "bird"]
    np.testing.assert_array_equal(
        encode_labels(new, classes)[0], encoder.transform(new)
    )


@given(label_arrays())
def test_encode_decode_round_trip_and_agree_with_label_encoder(labels):
    codes, classes = encode_labels(labels)
    encoder = LabelEncoder().fit(labels)
    np.testing.assert_array_equal(classes, encoder.classes_)
    np.testing.assert_array_equal(codes, encoder.transform(labels))
    np.testing.assert_array_equal(
        decode_labels(codes, classes), labels
    )  # decode(encode) = id
    # Encoding with the learned classes gives the same codes; the code map is a bijection.
    np.testing.assert_array_equal(encode_labels(labels, classes)[0], codes)
    assert is_bijective(np.unique(codes), classes.size)
    k = np.arange(classes.size)
    np.testing.assert_array_equal(
        encode_labels(decode_labels(k, classes), classes)[0], k
    )


@pytest.mark.parametrize(
    ("labels", "classes", "error", "fragment"),
    [
        (
            ["cat", "wolf"],
            ["cat", "dog"],
            ValueError,
            r"labels contains values not in classes: \['wolf'\]",
        ),
        (
            [1, 5, 9],
            [1, 5],
            ValueError,
            r"labels contains values not in classes: \[9\]",
        ),
        (["b"], ["b", "a"], ValueError, "classes must be sorted and distinct"),
        (["a"], ["a", "a"], ValueError, "classes must be sorted and distinct"),
        (
            ["a"],
            [1, 2],
            TypeError,
            "labels and classes must both be numbers or both be strings",
        ),
        ([], None, ValueError, "labels must be non-empty"),
        ([1.0, np.nan], None, ValueError, "labels must be finite"),
        ([[1, 2]], None, ValueError, "labels must have 1 dimension"),
        ([1], [], ValueError, "classes must be non-empty"),
    ],
)
def test_encode_labels_rejects_bad_input(labels, classes, error, fragment):
    with pytest.raises(error, match=fragment):
        encode_labels(labels, classes)


@pytest.mark.parametrize(
    ("codes", "error", "fragment"),
    [
        ([0, 3], ValueError, r"codes must take values in \[0, 3\)"),
        ([-1], ValueError, "codes must take values >= 0"),
        ([0.0, 1.0], TypeError, "codes must be an array of integers"),
        ([], ValueError, "codes must be a non-empty 1-D array"),
    ],
)
def test_decode_labels_rejects_unseen_codes(codes, error, fragment):
    with pytest.raises(error, match=fragment):
        decode_labels(codes, ["bird", "cat", "dog"])


# ---------------------------------------------------------------- plot_same_label_relation


def test_plot_same_label_relation_draws_the_relation():
    labels = np.array([2, 0, 1, 0, 2, 1, 1])
    fig = plot_same_label_relation(labels)
    assert fig.get_label()
    left, right = (np.asarray(ax.get_images()[0].get_array()) for ax in fig.axes)
    np.testing.assert_array_equal(left, same_label_relation(labels))
    np.testing.assert_array_equal(right, same_label_relation(np.sort(labels)))
    assert plot_same_label_relation().get_label()
