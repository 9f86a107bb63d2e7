"""Tests for snippets/numerical_methods/conditioning.py (page: conditioning.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from snippets.numerical_methods.conditioning import (
    condition_number,
    error_amplification,
    matrix_with_condition,
    plot_error_amplification,
    relative_condition_number,
    scale_columns,
)

# ---------------------------------------------------------------- relative_condition_number


def test_relative_condition_number_closed_forms():
    # kappa of x^a is |a|; of log at x is 1 / |log x|; of x - 1 is |x / (x - 1)|.
    x = np.array([0.5, 2.0, 10.0])
    np.testing.assert_allclose(
        relative_condition_number(lambda t: t**3, lambda t: 3 * t**2, x), 3.0
    )
    np.testing.assert_allclose(
        relative_condition_number(np.log, lambda t: 1 / t, x), 1 / np.abs(np.log(x))
    )
    assert relative_condition_number(
        lambda t: t - 1, lambda t: np.ones_like(t), 1.001
    ) == pytest.approx(1001.0)


@given(st.floats(0.1, 10.0), st.floats(1e-7, 1e-5))
def test_relative_condition_number_predicts_relative_change(x, rel):
    # Finite-difference check: relative output change / relative input change -> kappa.
    f, df = np.exp, np.exp
    measured = abs((f(x * (1 + rel)) - f(x)) / f(x)) / rel
    assert relative_condition_number(f, df, x) == pytest.approx(measured, rel=1e-3)


@pytest.mark.parametrize(
    ("f", "df", "x", "error", "fragment"),
    [
        (np.sin, np.cos, 0.0, ValueError, "f\\(x\\) is 0"),
        ("sin", np.cos, 1.0, TypeError, "f must be callable"),
        (np.sin, None, 1.0, TypeError, "df must be callable"),
        (np.sin, np.cos, np.nan, ValueError, "x must be non-empty and finite"),
        (
            np.log,
            lambda t: 1 / t,
            0.0,
            ValueError,
            "f\\(x\\) must be non-empty and finite",
        ),
    ],
)
def test_relative_condition_number_rejects_bad_input(f, df, x, error, fragment):
    with np.errstate(divide="ignore"), pytest.raises(error, match=fragment):
        relative_condition_number(f, df, x)


# ---------------------------------------------------------------- condition_number


@pytest.mark.parametrize("p", [2, 1, np.inf, "fro"])
def test_condition_number_matches_numpy_cond(p):
    rng = np.random.default_rng(0)
    for _ in range(10):
        A = rng.normal(size=(6, 6))
        assert condition_number(A, p) == pytest.approx(np.linalg.cond(A, p), rel=1e-9)
    X = rng.normal(size=(30, 4))  # rectangular: sigma_1 / sigma_n
    assert condition_number(X) == pytest.approx(np.linalg.cond(X), rel=1e-12)


def test_condition_number_of_singular_matrix_is_inf():
    assert condition_number([[1.0, 2.0], [2.0, 4.0]], 1) == float("inf")
    assert condition_number(np.zeros((3, 3))) == float("inf")


@given(arrays(np.float64, (4, 4), elements=st.floats(-10, 10)), st.floats(0.01, 100))
def test_condition_number_is_scale_invariant_and_at_least_one(A, c):
    kappa = condition_number(A)
    if not np.isfinite(kappa) or kappa > 1e8:
        return  # sigma_n is only accurate to ~kappa eps: keep kappa moderate
    assert kappa >= 1 - 1e-12
    assert condition_number(c * A) == pytest.approx(kappa, rel=1e-6)
    assert condition_number(A.T) == pytest.approx(kappa, rel=1e-6)


@pytest.mark.parametrize(
    ("A", "p", "error", "fragment"),
    [
        ([1.0, 2.0], 2, ValueError, "A must have 2 dimension"),
        ([[1.0, np.inf]], 2, ValueError, "A must be non-empty and finite"),
        (np.ones((2, 3)), 1, ValueError, "A must be a square matrix"),
        (np.eye(2), 3, ValueError, "p must be 1, 2, np.inf or 'fro'"),
        ("A", 2, TypeError, "A must be array-like"),
    ],
)
def test_condition_number_rejects_bad_input(A, p, error, fragment):
    with pytest.raises(error, match=fragment):
        condition_number(A, p)


# ---------------------------------------------------------------- matrix_with_condition


@pytest.mark.parametrize("kappa", [1.0, 10.0, 1e8])
def test_matrix_with_condition_has_the_requested_condition_number(kappa):
    A = matrix_with_condition(8, kappa, np.random.default_rng(1))
    assert np.linalg.cond(A) == pytest.approx(kappa, rel=1e-6)
    np.testing.assert_allclose(np.linalg.norm(A, 2), 1.0)


@given(st.integers(2, 12), st.floats(1.0, 1e6), st.integers(0, 1000))
def test_matrix_with_condition_property(n, kappa, seed):
    A = matrix_with_condition(n, kappa, np.random.default_rng(seed))
    assert A.shape == (n, n)
    assert np.linalg.cond(A) == pytest.approx(kappa, rel=1e-6)


@pytest.mark.parametrize(
    ("n", "kappa", "rng", "error", "fragment"),
    [
        (1, 10.0, None, ValueError, "n must be an integer >= 2"),
        (3.0, 10.0, None, ValueError, "n must be an integer >= 2"),
        (3, 0.5, None, ValueError, "kappa must be a finite number >= 1"),
        (3, np.inf, None, ValueError, "kappa must be a finite number >= 1"),
        (3, 10.0, 0, TypeError, "rng must be a numpy.random.Generator"),
    ],
)
def test_matrix_with_condition_rejects_bad_input(n, kappa, rng, error, fragment):
    with pytest.raises(error, match=fragment):
        matrix_with_condition(n, kappa, rng)


# ---------------------------------------------------------------- error_amplification


def test_error_amplification_matches_a_perturbed_solve():
    # Reference: solve the perturbed system and difference the solutions.
    rng = np.random.default_rng(2)
    A = rng.normal(size=(5, 5))
    b, db = rng.normal(size=5), 1e-6 * rng.normal(size=5)
    x, x2 = np.linalg.solve(A, b), np.linalg.solve(A, b + db)
    expected = (np.linalg.norm(x2 - x) / np.linalg.norm(x)) / (
        np.linalg.norm(db) / np.linalg.norm(b)
    )
    assert error_amplification(A, b, db) == pytest.approx(expected, rel=1e-6)


def test_error_amplification_attains_kappa_in_the_worst_case():
    # Worst case (SVD): b along the top left singular vector, db along the last one.
    A = matrix_with_condition(10, 1e6, np.random.default_rng(3))
    U, s, _ = np.linalg.svd(A)
    assert error_amplification(A, U[:, 0], U[:, -1]) == pytest.approx(
        s[0] / s[-1], rel=1e-6
    )


@given(st.integers(0, 10_000))
def test_error_amplification_is_bounded_by_kappa(seed):
    rng = np.random.default_rng(seed)
    A = matrix_with_condition(6, 1e4, rng)
    b, db = rng.normal(size=(2, 6))
    assert error_amplification(A, b, db) <= np.linalg.cond(A) * (1 + 1e-8)


@pytest.mark.parametrize(
    ("A", "b", "db", "error", "fragment"),
    [
        ([[1.0, 2.0], [2.0, 4.0]], [1.0, 1.0], [1.0, 0.0], ValueError, "A is singular"),
        (np.eye(2), [0.0, 0.0], [1.0, 0.0], ValueError, "b and db must be nonzero"),
        (np.eye(2), [1.0, 0.0], [0.0, 0.0], ValueError, "b and db must be nonzero"),
        (
            np.eye(2),
            [1.0, 0.0, 1.0],
            [1.0, 0.0],
            ValueError,
            "b and db must have length 2",
        ),
        (np.ones((2, 3)), [1.0, 0.0], [1.0, 0.0], ValueError, "A must be a square"),
        (
            np.eye(2),
            [1.0, np.nan],
            [1.0, 0.0],
            ValueError,
            "b must be non-empty and finite",
        ),
    ],
)
def test_error_amplification_rejects_bad_input(A, b, db, error, fragment):
    with pytest.raises(error, match=fragment):
        error_amplification(A, b, db)


# ---------------------------------------------------------------- scale_columns


def test_scale_columns_matches_sklearn_normalize():
    from sklearn.preprocessing import normalize

    X = np.random.default_rng(4).normal(size=(20, 3)) * [1.0, 1e3, 1e-3]
    Xs, scales = scale_columns(X)
    np.testing.assert_allclose(Xs, normalize(X, axis=0), rtol=1e-12)
    np.testing.assert_allclose(Xs * scales, X, rtol=1e-12)


@given(st.integers(0, 10_000))
def test_scale_columns_is_nearly_optimal_van_der_sluis(seed):
    # van der Sluis (1969): unit-norm columns give kappa_2 within sqrt(n) of the
    # smallest kappa_2 over all diagonal column scalings X D.
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(15, 4)) * 10.0 ** rng.uniform(-3, 3, size=4)
    Xs, _ = scale_columns(X)
    D = 10.0 ** rng.uniform(-3, 3, size=4)
    assert np.linalg.cond(Xs) <= np.sqrt(4) * np.linalg.cond(X * D) * (1 + 1e-9)


@pytest.mark.parametrize(
    ("X", "error", "fragment"),
    [
        ([[1.0, 0.0], [2.0, 0.0]], ValueError, "X has a zero column"),
        ([1.0, 2.0], ValueError, "X must have 2 dimension"),
        ([[np.nan]], ValueError, "X must be non-empty and finite"),
    ],
)
def test_scale_columns_rejects_bad_input(X, error, fragment):
    with pytest.raises(error, match=fragment):
        scale_columns(X)


# ---------------------------------------------------------------- plot


def test_plot_error_amplification_points_lie_below_kappa():
    fig = plot_error_amplification(kappas=(1e2, 1e4), n=6, trials=5)
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    for line in lines[:2]:
        kappa, amp = line.get_data()
        assert np.all(amp <= kappa * (1 + 1e-8))
    kappa, worst = lines[2].get_data()
    np.testing.assert_allclose(worst, kappa, rtol=1e-6)
