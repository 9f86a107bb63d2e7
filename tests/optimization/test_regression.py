"""Tests for snippets/optimization/regression.py (page: docs/optimization/regression.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import approx_fprime
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import log_loss

from snippets.optimization.regression import (
    check_binary_data,
    linear_regression_gd,
    logistic_gradient,
    logistic_loss,
    logistic_regression_gd,
    normal_equations,
    plot_logistic_fit,
)

coords = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


def linear_problem(n=80, p=4, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    return X, X @ rng.normal(size=p) + 0.1 * rng.normal(size=n)


def logistic_problem(n=200, p=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    z = 0.5 + X @ np.array([1.5, -2.0, 0.7])[:p]
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-z))).astype(float)
    return X, y


def sklearn_unpenalized(X, y):
    # C = inf is the unpenalized fit (penalty=None, deprecated in scikit-learn 1.8).
    return LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)


# ---------------------------------------------------------------- normal_equations


def test_normal_equations_match_lstsq_and_sklearn():
    X, y = linear_problem()
    w = normal_equations(X, y)
    np.testing.assert_allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-10)
    ref = LinearRegression(fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_, rtol=1e-10)


@given(
    arrays(np.float64, (6, 2), elements=coords), arrays(np.float64, 6, elements=coords)
)
def test_normal_equations_leave_a_residual_orthogonal_to_the_columns(X, y):
    X = X + np.array([[1.0, 0.0], [0.0, 1.0], [0, 0], [0, 0], [0, 0], [0, 0]]) * 5
    if np.linalg.cond(X) > 1e6:
        return
    w = normal_equations(X, y)
    np.testing.assert_allclose(
        X.T @ (y - X @ w), 0.0, atol=1e-8 * (1 + np.abs(y).max())
    )


@pytest.mark.parametrize(
    ("X", "y", "fragment"),
    [
        ([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]], [1.0, 2.0, 3.0], "full column rank"),
        ([[1.0], [2.0]], [1.0], "y must have 2 entries"),
        ([[1.0], [np.nan]], [1.0, 2.0], "X must be non-empty and finite"),
        ([1.0, 2.0], [1.0, 2.0], "X must have 2 dimension"),
    ],
)
def test_normal_equations_reject_bad_input(X, y, fragment):
    with pytest.raises(ValueError, match=fragment):
        normal_equations(X, y)


# ---------------------------------------------------------------- linear_regression_gd


def test_linear_regression_gd_agrees_with_normal_equations_and_lstsq():
    X, y = linear_problem()
    res = linear_regression_gd(X, y, tol=1e-10)
    assert res.converged
    np.testing.assert_allclose(res.x, normal_equations(X, y), atol=1e-8)
    np.testing.assert_allclose(res.x, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-8)


@given(st.integers(0, 10_000))
def test_linear_regression_gd_converges_on_random_problems(seed):
    X, y = linear_problem(n=30, p=3, seed=seed)
    res = linear_regression_gd(X, y, max_iter=50_000, tol=1e-9)
    assert res.converged
    np.testing.assert_allclose(res.x, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-7)


def test_linear_regression_gd_reports_non_convergence():
    X, y = linear_problem()
    res = linear_regression_gd(X, y, max_iter=3)
    assert not res.converged and res.n_iter == 3


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"lr": 0.0}, ValueError, "lr must be positive"),
        ({"lr": -1.0}, ValueError, "lr must be positive"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"y": [1.0, 2.0]}, ValueError, "y must have 80 entries"),
        ({"lr": 100.0}, ValueError, "diverged"),
    ],
)
def test_linear_regression_gd_rejects_bad_input(kwargs, error, fragment):
    X, y = linear_problem()
    args = {"X": X, "y": y, **kwargs}
    with (
        np.errstate(over="ignore", invalid="ignore"),
        pytest.raises(error, match=fragment),
    ):
        linear_regression_gd(**args)


# ---------------------------------------------------------------- logistic loss and gradient


def test_logistic_loss_matches_sklearn_log_loss():
    X, y = logistic_problem()
    w = np.array([0.3, -0.5, 1.0])
    p = 1 / (1 + np.exp(-(X @ w)))
    assert logistic_loss(w, X, y) == pytest.approx(log_loss(y, p), rel=1e-12)
    # At w = 0 every p is 1/2 and the loss is log 2.
    assert logistic_loss(np.zeros(3), X, y) == pytest.approx(np.log(2))


def test_logistic_loss_is_finite_for_huge_logits():
    # The naive -log(1 - sigmoid(1000)) is -log(0) = inf; softplus gives 1000.
    assert logistic_loss([1000.0], [[1.0]], [0.0]) == pytest.approx(1000.0)
    assert logistic_loss([1000.0], [[1.0]], [1.0]) == 0.0


def test_logistic_gradient_by_finite_differences():
    X, y = logistic_problem()
    w = np.array([0.3, -0.5, 1.0])
    fd = approx_fprime(w, lambda v: logistic_loss(v, X, y), 1e-7)
    np.testing.assert_allclose(logistic_gradient(w, X, y), fd, atol=1e-6)


@given(arrays(np.float64, 3, elements=coords), st.integers(0, 10_000))
def test_logistic_loss_is_positive_and_the_gradient_is_bounded(w, seed):
    X, y = logistic_problem(n=20, seed=seed)
    assert logistic_loss(w, X, y) > 0
    # |grad| <= mean |x_i| since |sigmoid - y| <= 1.
    bound = np.abs(X).mean(axis=0)
    assert np.all(np.abs(logistic_gradient(w, X, y)) <= bound + 1e-12)


@pytest.mark.parametrize(
    ("w", "X", "y", "fragment"),
    [
        ([0.0], [[1.0], [2.0]], [0.0, 2.0], "only the labels 0 and 1"),
        ([0.0], [[1.0], [2.0]], [0.0, 0.5], "only the labels 0 and 1"),
        (
            [0.0, 0.0],
            [[1.0], [2.0]],
            [0.0, 1.0],
            r"X must have shape \(len\(y\), len\(w\)\)",
        ),
        ([0.0], [[1.0], [2.0]], [0.0], "X must have shape"),
        ([np.nan], [[1.0], [2.0]], [0.0, 1.0], "w must be non-empty and finite"),
    ],
)
def test_logistic_functions_reject_bad_input(w, X, y, fragment):
    for fn in (check_binary_data, logistic_loss, logistic_gradient):
        with pytest.raises(ValueError, match=fragment):
            fn(w, X, y)


# ---------------------------------------------------------------- logistic_regression_gd


def test_logistic_regression_gd_matches_sklearn_unpenalized():
    X, y = logistic_problem()
    res = logistic_regression_gd(X, y, tol=1e-9, max_iter=50_000)
    ref = sklearn_unpenalized(X, y)
    assert res.converged
    np.testing.assert_allclose(res.x[0], ref.intercept_[0], atol=1e-6)
    np.testing.assert_allclose(res.x[1:], ref.coef_[0], atol=1e-6)


@given(st.integers(0, 10_000))
def test_logistic_regression_gd_zeroes_the_gradient(seed):
    X, y = logistic_problem(n=100, p=2, seed=seed)
    res = logistic_regression_gd(X, y, tol=1e-6, max_iter=20_000)
    assert res.converged
    Xb = np.column_stack([np.ones(len(y)), X])
    assert np.linalg.norm(logistic_gradient(res.x, Xb, y)) <= 1e-6
    # Optimality for the intercept: mean predicted probability = fraction of ones.
    p = 1 / (1 + np.exp(-(Xb @ res.x)))
    assert p.mean() == pytest.approx(y.mean(), abs=1e-6)


def test_logistic_regression_gd_reports_non_convergence_on_separable_data():
    # Separable classes: the loss keeps falling as |w| grows; no minimum exists.
    X, y = np.array([[-2.0], [-1.0], [1.0], [2.0]]), np.array([0.0, 0.0, 1.0, 1.0])
    res = logistic_regression_gd(X, y, max_iter=2000)
    assert not res.converged
    assert res.x[1] > 3  # the weight grows without bound


@pytest.mark.parametrize(
    ("X", "y", "kwargs", "error", "fragment"),
    [
        ([[1.0], [2.0]], [0.0, 3.0], {}, ValueError, "only the labels 0 and 1"),
        ([1.0, 2.0], [0.0, 1.0], {}, ValueError, "X must have 2 dimension"),
        ([[1.0], [2.0]], [0.0, 1.0], {"lr": 0.0}, ValueError, "lr must be positive"),
        ([[1.0], [2.0]], [0.0, 1.0, 1.0], {}, ValueError, "X must have shape"),
        ([[1.0], [2.0]], [0.0, 1.0], {"tol": -1.0}, ValueError, "tol must be positive"),
    ],
)
def test_logistic_regression_gd_rejects_bad_input(X, y, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        logistic_regression_gd(X, y, **kwargs)


# ---------------------------------------------------------------- plot


def test_plot_logistic_fit_draws_the_fitted_curve_and_the_loss():
    fig = plot_logistic_fit(n=80)
    assert fig.get_label()
    left, right = fig.axes
    data, curve = left.get_lines()
    x, y = data.get_data()
    ref = sklearn_unpenalized(x[:, None], y)
    grid, p = curve.get_data()
    expected = 1 / (1 + np.exp(-(ref.intercept_[0] + ref.coef_[0, 0] * grid)))
    np.testing.assert_allclose(p, expected, atol=1e-5)
    losses = right.get_lines()[0].get_data()[1]
    assert losses[0] == pytest.approx(np.log(2))
    assert np.all(np.diff(losses) <= 1e-15)
