"""Tests for snippets/set_theory/set_operations.py (page: docs/set-theory/set-operations.md)."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.model_selection import ParameterGrid

from snippets.set_theory.set_operations import (
    cartesian_product,
    check_set_laws,
    complement,
    inclusion_exclusion,
    parameter_grid,
    plot_set_operations,
    set_operation,
)
from snippets.set_theory.sets import from_mask
from tests.set_theory.strategies import mask_tuples

# The same operations on Python sets, and on sorted index arrays (NumPy's *1d functions).
PYTHON_SETS = {
    "union": lambda A, B: A | B,
    "intersection": lambda A, B: A & B,
    "difference": lambda A, B: A - B,
    "symmetric_difference": lambda A, B: A ^ B,
}
NUMPY_1D = {
    "union": np.union1d,
    "intersection": np.intersect1d,
    "difference": np.setdiff1d,
    "symmetric_difference": np.setxor1d,
}

# ---------------------------------------------------------------- set_operation


@given(mask_tuples(2))
def test_set_operation_agrees_with_python_sets_and_numpy_1d(ab):
    a, b = ab
    A, B = from_mask(a), from_mask(b)
    for op in PYTHON_SETS:
        result = set_operation(a, b, op)
        assert from_mask(result) == PYTHON_SETS[op](A, B), op
        np.testing.assert_array_equal(
            np.flatnonzero(result), NUMPY_1D[op](np.flatnonzero(a), np.flatnonzero(b))
        )


def test_set_operation_small_example():
    a = [True, True, False, False]  # A = {0, 1}
    b = [True, False, True, False]  # B = {0, 2}
    assert from_mask(set_operation(a, b, "union")) == {0, 1, 2}
    assert from_mask(set_operation(a, b, "intersection")) == {0}
    assert from_mask(set_operation(a, b, "difference")) == {1}
    assert from_mask(set_operation(a, b, "symmetric_difference")) == {1, 2}


@pytest.mark.parametrize(
    ("a", "b", "op", "error", "fragment"),
    [
        (
            [1, 0],
            [1, 0, 1],
            "union",
            ValueError,
            "a and b must be masks of the same universe",
        ),
        ([1, 0], [1, 0], "xor", ValueError, "op must be 'union'"),
        ([1, 2], [1, 0], "union", ValueError, "a must be a boolean mask"),
        ([1, 0], {1}, "union", TypeError, "b must be a boolean mask"),
        ([], [], "union", ValueError, "a must be non-empty"),
    ],
)
def test_set_operation_rejects_bad_input(a, b, op, error, fragment):
    with pytest.raises(error, match=fragment):
        set_operation(a, b, op)


# ---------------------------------------------------------------- complement


@given(mask_tuples(1))
def test_complement_is_universe_minus_a(masks):
    (a,) = masks
    universe = set(range(a.size))
    assert from_mask(complement(a)) == universe - from_mask(a)
    np.testing.assert_array_equal(complement(complement(a)), a)  # (A^c)^c = A
    assert not np.any(a & complement(a))  # A ∩ A^c = ∅
    assert np.all(a | complement(a))  # A ∪ A^c = universe


def test_complement_of_integer_mask_is_logical_not():
    # ~ on an int array is bitwise NOT (~1 = -2); complement must not do that.
    np.testing.assert_array_equal(complement(np.array([1, 0])), [False, True])


@pytest.mark.parametrize(
    ("a", "error", "fragment"),
    [
        ([3, 0], ValueError, "a must be a boolean mask"),
        ([], ValueError, "a must be non-empty"),
    ],
)
def test_complement_rejects_bad_input(a, error, fragment):
    with pytest.raises(error, match=fragment):
        complement(a)


# ---------------------------------------------------------------- check_set_laws


@given(mask_tuples(3))
def test_set_laws_hold_for_masks_and_for_python_sets(abc):
    a, b, c = abc
    laws = check_set_laws(a, b, c)
    assert all(laws.values()), laws
    # The same laws on Python sets: an independent check of every identity.
    U = set(range(a.size))
    A, B, C = from_mask(a), from_mask(b), from_mask(c)
    assert U - (A | B) == (U - A) & (U - B)
    assert U - (A & B) == (U - A) | (U - B)
    assert A & (B | C) == (A & B) | (A & C)
    assert A | (B & C) == (A | B) & (A | C)
    assert len(A | B) == len(A) + len(B) - len(A & B)


def test_set_laws_names():
    laws = check_set_laws([1, 0], [0, 1], [1, 1])
    assert set(laws) == {
        "de_morgan_union",
        "de_morgan_intersection",
        "distributive_over_union",
        "distributive_over_intersection",
        "inclusion_exclusion",
    }
    assert all(type(v) is bool for v in laws.values())


def test_check_set_laws_rejects_bad_input():
    with pytest.raises(ValueError, match="a, b and c must have the same length"):
        check_set_laws([1, 0], [1, 0], [1])
    with pytest.raises(ValueError, match="c must be a boolean mask"):
        check_set_laws([1, 0], [1, 0], [1, 5])


# ---------------------------------------------------------------- inclusion_exclusion


def test_inclusion_exclusion_two_and_three_sets_by_hand():
    # A = {0, 1, 2}, B = {2, 3}: |A ∪ B| = 3 + 2 - 1 = 4.
    assert inclusion_exclusion([[1, 1, 1, 0, 0], [0, 0, 1, 1, 0]]) == 4
    # A = {0,1,2,3}, B = {2,3,4}, C = {3,4,5}: 4 + 3 + 3 - 2 - 1 - 2 + 1 = 6.
    masks = [[1, 1, 1, 1, 0, 0], [0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 1]]
    assert inclusion_exclusion(masks) == 6
    assert inclusion_exclusion(masks, order=1) == 10  # union bound: 4 + 3 + 3
    assert inclusion_exclusion(masks, order=2) == 5  # 10 - 5: a lower bound


@given(
    st.integers(1, 5).flatmap(
        lambda k: arrays(np.bool_, st.tuples(st.just(k), st.integers(1, 25)))
    )
)
def test_inclusion_exclusion_equals_union_size_and_bonferroni_bounds(M):
    union = len(set().union(*(from_mask(row) for row in M)))
    assert inclusion_exclusion(M) == union == int(np.any(M, axis=0).sum())
    assert inclusion_exclusion(M, order=1) == int(M.sum())  # the union bound
    for order in range(1, M.shape[0] + 1):
        value = inclusion_exclusion(M, order=order)
        assert value >= union if order % 2 == 1 else value <= union


@pytest.mark.parametrize(
    ("masks", "order", "fragment"),
    [
        (np.ones((13, 3), dtype=bool), None, "masks must have at most 12 rows"),
        ([[1, 0]], 0, "order must be a positive integer"),
        ([[1, 0]], 1.5, "order must be a positive integer"),
        ([1, 0], None, "masks must have 2 dimension"),
        ([[1, 4]], None, "masks must be a boolean mask"),
    ],
)
def test_inclusion_exclusion_rejects_bad_input(masks, order, fragment):
    with pytest.raises(ValueError, match=fragment):
        inclusion_exclusion(masks, order)


# ---------------------------------------------------------------- cartesian_product


def test_cartesian_product_matches_itertools_product():
    a, b, c = [0.1, 1.0], [1, 2, 3], [-1.0, 5.0]
    expected = np.array(list(itertools.product(a, b, c)))
    np.testing.assert_array_equal(cartesian_product(a, b, c), expected)


@given(
    st.lists(
        st.lists(st.integers(-50, 50).map(float), min_size=1, max_size=4),
        min_size=1,
        max_size=4,
    )
)
def test_cartesian_product_size_and_order(factors):
    P = cartesian_product(*factors)
    assert P.shape == (
        math.prod(len(f) for f in factors),
        len(factors),
    )  # |A x B| = |A||B|
    np.testing.assert_array_equal(P, np.array(list(itertools.product(*factors))))


@pytest.mark.parametrize(
    ("arrays_", "error", "fragment"),
    [
        ((), ValueError, "arrays must hold at least one array"),
        (([1, 2], []), ValueError, r"arrays\[1\] must be non-empty"),
        (([[1, 2]],), ValueError, r"arrays\[0\] must have 1 dimension"),
        (([1, np.nan],), ValueError, r"arrays\[0\] must be non-empty and finite"),
        ((["a", "b"],), TypeError, r"arrays\[0\] must be array-like of numbers"),
    ],
)
def test_cartesian_product_rejects_bad_input(arrays_, error, fragment):
    with pytest.raises(error, match=fragment):
        cartesian_product(*arrays_)


# ---------------------------------------------------------------- parameter_grid


def test_parameter_grid_matches_sklearn_parameter_grid():
    grid = {
        "learning_rate": [1e-3, 1e-2, 1e-1],
        "batch_size": [32, 128],
        "optimizer": ["sgd", "adam"],
    }
    assert parameter_grid(grid) == list(ParameterGrid(grid))
    assert len(parameter_grid(grid)) == 3 * 2 * 2


@given(
    st.dictionaries(
        st.text("abcdefgh", min_size=1, max_size=3),
        st.lists(
            st.integers(0, 9) | st.sampled_from(["x", "y", None]),
            min_size=1,
            max_size=3,
        ),
        max_size=4,
    )
)
def test_parameter_grid_agrees_with_sklearn_and_itertools(grid):
    combos = parameter_grid(grid)
    assert combos == list(ParameterGrid(grid))
    names = sorted(grid)
    expected = [
        dict(zip(names, v, strict=True))
        for v in itertools.product(*(grid[k] for k in names))
    ]
    assert combos == expected
    assert len(combos) == math.prod(len(v) for v in grid.values())  # empty product: 1


def test_parameter_grid_accepts_numpy_values_and_empty_grid():
    assert parameter_grid({"alpha": np.array([0.1, 1.0])}) == [
        {"alpha": 0.1},
        {"alpha": 1.0},
    ]
    assert parameter_grid({}) == [{}] == list(ParameterGrid({}))


@pytest.mark.parametrize(
    ("grid", "error", "fragment"),
    [
        ([("a", [1])], TypeError, "grid must be a dict"),
        ({1: [1, 2]}, TypeError, "grid must have string keys"),
        ({"C": []}, ValueError, r"grid\['C'\] must be a non-empty list"),
        ({"kernel": "rbf"}, ValueError, r"grid\['kernel'\] must be a list of values"),
        ({"C": 1.0}, ValueError, r"grid\['C'\] must be a list of values"),
    ],
)
def test_parameter_grid_rejects_bad_input(grid, error, fragment):
    with pytest.raises(error, match=fragment):
        parameter_grid(grid)


# ---------------------------------------------------------------- plot_set_operations


def test_plot_set_operations_draws_the_operations():
    fig = plot_set_operations(resolution=61)
    assert fig.get_label()
    images = [np.asarray(ax.get_images()[0].get_array()) for ax in fig.axes]
    union, inter, diff, sym, comp_a, comp_union = images
    # Recover A and B from the drawn panels and check every identity on pixels.
    a = diff | inter
    b = union & ~diff
    np.testing.assert_array_equal(union, a | b)
    np.testing.assert_array_equal(sym, a ^ b)
    np.testing.assert_array_equal(comp_a, ~a)
    np.testing.assert_array_equal(comp_union, ~a & ~b)  # De Morgan
    assert inter.any() and diff.any() and (b & ~a).any()
