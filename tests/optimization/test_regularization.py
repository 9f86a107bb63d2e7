"""Tests for snippets/optimization/regularization.py
(page: docs/optimization/regularization.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import minimize_scalar
from sklearn.linear_model import Lasso, Ridge, lasso_path

from snippets.optimization.regularization import (
    check_regression_data,
    diabetes_standardized,
    lasso_ista,
    plot_coefficient_paths,
    regularization_path,
    ridge,
    soft_threshold,
)


def problem(n=60, p=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    y = X @ np.resize([2.0, -1.0, 0.0, 0.0, 0.5], p) + 0.3 * rng.normal(size=n)
    return X, y


def assert_lasso_optimal(X, y, w, lam, atol=1e-7):
    """Subgradient conditions of ||y - X w||^2 / (2n) + lam ||w||_1 at w:
    |X^T (y - X w)| / n <= lam everywhere, with equality and sign(w_j) on the support."""
    corr = X.T @ (y - X @ w) / len(y)
    assert np.all(np.abs(corr) <= lam + atol)
    support = w != 0
    np.testing.assert_allclose(corr[support], lam * np.sign(w[support]), atol=atol)


# ---------------------------------------------------------------- check_regression_data


@pytest.mark.parametrize(
    ("X", "y", "lam", "error", "fragment"),
    [
        ([[1.0], [2.0]], [1.0], 0.1, ValueError, "y must have 2 entries"),
        ([[1.0], [2.0]], [1.0, 2.0], -0.1, ValueError, "lam must be >= 0"),
        ([[1.0], [2.0]], [1.0, 2.0], np.inf, ValueError, "lam must be >= 0 and finite"),
        ([[1.0], [2.0]], [1.0, 2.0], "0.1", TypeError, "lam must be a number"),
        ([1.0, 2.0], [1.0, 2.0], 0.1, ValueError, "X must have 2 dimension"),
        (
            [[1.0], [np.nan]],
            [1.0, 2.0],
            0.1,
            ValueError,
            "X must be non-empty and finite",
        ),
    ],
)
def test_regularized_fits_reject_bad_input(X, y, lam, error, fragment):
    for fn in (check_regression_data, ridge, lasso_ista):
        with pytest.raises(error, match=fragment):
            fn(X, y, lam)


# ---------------------------------------------------------------- ridge


def test_ridge_matches_the_normal_equations_and_sklearn():
    X, y = problem()
    n, lam = len(y), 0.3
    w = ridge(X, y, lam)
    # Closed form (X^T X + n lam I)^{-1} X^T y, by a different route (a linear solve).
    np.testing.assert_allclose(
        w, np.linalg.solve(X.T @ X + n * lam * np.eye(5), X.T @ y), rtol=1e-10
    )
    # scikit-learn minimizes ||y - X w||^2 + alpha ||w||^2: alpha = n * lam.
    ref = Ridge(alpha=n * lam, fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, rtol=1e-8)


def test_ridge_without_penalty_is_the_minimum_norm_least_squares_solution():
    X, y = problem()
    X = np.column_stack([X, X[:, 0] + X[:, 1]])  # rank deficient: 6 columns, rank 5
    np.testing.assert_allclose(
        ridge(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-10
    )


@given(st.floats(1e-4, 1e2), st.floats(1.01, 10.0), st.integers(0, 10_000))
def test_ridge_shrinks_as_lam_grows(lam, factor, seed):
    X, y = problem(seed=seed)
    assert np.linalg.norm(ridge(X, y, lam * factor)) < np.linalg.norm(ridge(X, y, lam))


# ---------------------------------------------------------------- soft_threshold


def test_soft_threshold_is_the_proximal_operator_of_the_l1_norm():
    # Reference: minimize (w - z)^2 / 2 + t |w| numerically for each entry.
    z, t = np.array([-3.0, -0.8, -0.2, 0.0, 0.5, 1.7]), 0.6
    ref = [
        minimize_scalar(
            lambda w, zi=zi: 0.5 * (w - zi) ** 2 + t * abs(w),
            bounds=(-5, 5),
            method="bounded",
            options={"xatol": 1e-10},
        ).x
        for zi in z
    ]
    np.testing.assert_allclose(soft_threshold(z, t), ref, atol=1e-7)
    assert soft_threshold(2.5, 1.0) == 1.5 and isinstance(
        soft_threshold(2.5, 1.0), float
    )


@given(arrays(np.float64, 6, elements=st.floats(-10, 10)), st.floats(0, 5))
def test_soft_threshold_shrinks_by_at_most_t_and_zeros_the_small(z, t):
    s = soft_threshold(z, t)
    assert np.all(np.abs(s) <= np.abs(z))
    assert np.all(np.abs(s - z) <= t + 1e-12)
    np.testing.assert_array_equal(s == 0, np.abs(z) <= t)


@pytest.mark.parametrize(
    ("z", "t", "error", "fragment"),
    [
        ([1.0], -0.1, ValueError, "t must be >= 0"),
        ([1.0], np.nan, ValueError, "t must be >= 0 and finite"),
        ([1.0], None, TypeError, "t must be a number"),
        ([np.inf], 0.1, ValueError, "z must be non-empty and finite"),
        ([], 0.1, ValueError, "z must be non-empty"),
    ],
)
def test_soft_threshold_rejects_bad_input(z, t, error, fragment):
    with pytest.raises(error, match=fragment):
        soft_threshold(z, t)


# ---------------------------------------------------------------- lasso_ista


def test_lasso_ista_satisfies_the_subgradient_conditions_and_matches_sklearn():
    X, y = problem()
    lam = 0.1
    res = lasso_ista(X, y, lam, tol=1e-10)
    assert res.converged
    assert_lasso_optimal(X, y, res.x, lam)
    ref = Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(res.x, ref.coef_, atol=1e-8)
    assert np.count_nonzero(res.x) < 5  # sparse: the irrelevant features are zero


def test_lasso_ista_is_zero_beyond_lam_max():
    # Closed form: w = 0 is optimal exactly when lam >= |X^T y|_inf / n.
    X, y = problem()
    lam_max = np.abs(X.T @ y).max() / len(y)
    assert np.all(lasso_ista(X, y, lam_max * 1.0001).x == 0)
    assert np.any(lasso_ista(X, y, lam_max * 0.99).x != 0)


@given(st.integers(0, 10_000), st.floats(0.01, 1.0))
def test_lasso_ista_optimality_on_random_problems(seed, lam):
    X, y = problem(n=30, p=4, seed=seed)
    res = lasso_ista(X, y, lam, tol=1e-10, max_iter=100_000)
    assert res.converged
    assert_lasso_optimal(X, y, res.x, lam, atol=1e-8)


def test_lasso_ista_reports_non_convergence_and_uses_the_warm_start():
    X, y = problem()
    res = lasso_ista(X, y, 0.1, max_iter=3)
    assert not res.converged and res.n_iter == 3
    good = lasso_ista(X, y, 0.1, tol=1e-10).x
    warm = lasso_ista(X, y, 0.1, tol=1e-10, w0=good)
    assert warm.n_iter <= 2


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"w0": [0.0, 0.0]}, ValueError, "w0 must have 5 entries"),
        ({"tol": 0.0}, ValueError, "tol must be positive"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"lam": -1.0}, ValueError, "lam must be >= 0"),
        ({"X": np.zeros((60, 5))}, ValueError, "X must not be all zeros"),
    ],
)
def test_lasso_ista_rejects_bad_input(kwargs, error, fragment):
    X, y = problem()
    args = {"X": X, "y": y, "lam": 0.1, **kwargs}
    with pytest.raises(error, match=fragment):
        lasso_ista(**args)


# ---------------------------------------------------------------- regularization_path


def test_regularization_paths_match_ridge_and_sklearn_lasso_path():
    X, y = problem()
    lams = np.array([1.0, 0.3, 0.1, 0.03, 0.01])
    W = regularization_path(X, y, lams, "ridge")
    for w, lam in zip(W, lams, strict=True):
        np.testing.assert_allclose(w, ridge(X, y, lam))
    W = regularization_path(X, y, lams, "lasso")
    _, coefs, _ = lasso_path(X, y, alphas=lams, tol=1e-12, max_iter=100_000)
    np.testing.assert_allclose(W, coefs.T, atol=1e-7)
    # Any order of lams gives the same rows.
    np.testing.assert_allclose(
        regularization_path(X, y, lams[::-1], "lasso"), W[::-1], atol=1e-8
    )


@given(st.integers(0, 10_000))
def test_lasso_path_starts_at_zero_and_ends_near_least_squares(seed):
    X, y = problem(seed=seed)
    lam_max = np.abs(X.T @ y).max() / len(y)
    W = regularization_path(X, y, [lam_max, 0.0], "lasso")
    assert np.all(W[0] == 0)
    np.testing.assert_allclose(W[1], np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-6)


@pytest.mark.parametrize(
    ("lams", "kind", "fragment"),
    [
        ([0.1, -0.1], "lasso", "lams must be >= 0"),
        ([0.1], "elastic", "kind must be 'ridge' or 'lasso'"),
        ([], "ridge", "lams must be non-empty"),
    ],
)
def test_regularization_path_rejects_bad_input(lams, kind, fragment):
    X, y = problem()
    with pytest.raises(ValueError, match=fragment):
        regularization_path(X, y, lams, kind)


# ---------------------------------------------------------------- data and figure


def test_diabetes_standardized():
    X, y, names = diabetes_standardized()
    assert X.shape == (442, 10) and len(names) == 10 and names[2] == "bmi"
    np.testing.assert_allclose(X.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1, rtol=1e-12)
    assert abs(y.mean()) < 1e-10


@pytest.mark.parametrize("kind", ["ridge", "lasso"])
def test_plot_coefficient_paths_draws_the_path(kind):
    fig = plot_coefficient_paths(kind, num=8)
    assert fig.get_label()
    lines = fig.axes[0].get_lines()[:10]
    X, y, names = diabetes_standardized()
    lams = lines[0].get_data()[0]
    W = regularization_path(X, y, lams, kind, tol=1e-4)
    assert [line.get_label() for line in lines] == names
    for j, line in enumerate(lines):
        np.testing.assert_allclose(line.get_data()[1], W[:, j], atol=1e-9)
    if kind == "lasso":
        assert np.all(W[0] == 0)  # the largest lam is beyond lam_max
