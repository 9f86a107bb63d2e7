"""Tests for snippets/numerical_methods/linear_solvers.py (page: linear-solvers.md)."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from snippets.numerical_methods.linear_solvers import (
    backward_error,
    check_least_squares,
    cholesky,
    householder_qr,
    least_squares_errors,
    lstsq_normal_equations,
    lstsq_qr,
    lstsq_svd,
    lu_partial_pivoting,
    plot_error_vs_condition,
    plot_least_squares_stability,
    solve_with_lu,
)

entries = st.floats(-10, 10, allow_nan=False)


def well_conditioned(n: int):
    return arrays(np.float64, (n, n), elements=entries).filter(
        lambda A: np.linalg.cond(A) < 1e8
    )


# ---------------------------------------------------------------- LU


def test_lu_matches_scipy_up_to_the_permutation_convention():
    # scipy.linalg.lu returns A = P_s L U, i.e. P_s^T A = L U: our P is P_s^T.
    rng = np.random.default_rng(0)
    for n in (1, 2, 5, 30):
        A = rng.normal(size=(n, n))
        P, L, U = lu_partial_pivoting(A)
        Ps, Ls, Us = scipy.linalg.lu(A)
        np.testing.assert_array_equal(P, Ps.T)
        np.testing.assert_allclose(L, Ls, atol=1e-12)
        np.testing.assert_allclose(U, Us, atol=1e-12)


def test_lu_matches_scipy_lu_factor_pivots():
    # lu_factor stores the same L and U in one matrix: L below the diagonal, U on
    # and above it.
    A = np.random.default_rng(1).normal(size=(6, 6))
    _, L, U = lu_partial_pivoting(A)
    lu, _ = scipy.linalg.lu_factor(A)
    np.testing.assert_allclose(np.tril(lu, -1) + np.eye(6), L, atol=1e-12)
    np.testing.assert_allclose(np.triu(lu), U, atol=1e-12)


@given(well_conditioned(4))
def test_lu_reconstructs_with_bounded_multipliers(A):
    P, L, U = lu_partial_pivoting(A)
    np.testing.assert_allclose(P @ A, L @ U, atol=1e-10 * max(1.0, np.abs(A).max()))
    assert np.all(np.abs(L) <= 1 + 1e-12)  # partial pivoting: |l_ik| <= 1
    np.testing.assert_array_equal(np.sort(P.sum(0)), np.ones(4))
    np.testing.assert_array_equal(np.triu(L, 1), 0)
    np.testing.assert_array_equal(np.tril(U, -1), 0)


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1.0, 2.0], [2.0, 4.0]], ValueError, "A is singular to working precision"),
        (np.zeros((3, 3)), ValueError, "A is singular"),
        (np.ones((2, 3)), ValueError, "A must be a square matrix"),
        ([[1.0, np.nan], [0.0, 1.0]], ValueError, "A must be non-empty and finite"),
        ("A", TypeError, "A must be array-like"),
    ],
)
def test_lu_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        lu_partial_pivoting(A)


def test_solve_with_lu_matches_numpy_and_scipy_lu_solve():
    rng = np.random.default_rng(2)
    A, b, B = rng.normal(size=(8, 8)), rng.normal(size=8), rng.normal(size=(8, 3))
    factors = lu_partial_pivoting(A)
    np.testing.assert_allclose(solve_with_lu(*factors, b), np.linalg.solve(A, b))
    np.testing.assert_allclose(
        solve_with_lu(*factors, B), scipy.linalg.lu_solve(scipy.linalg.lu_factor(A), B)
    )


@given(well_conditioned(5), arrays(np.float64, 5, elements=entries))
def test_solve_with_lu_has_small_backward_error(A, b):
    if np.linalg.norm(b) < 1e-6:
        return
    x = solve_with_lu(*lu_partial_pivoting(A), b)
    if np.any(x):
        assert backward_error(A, x, b) < 1e-13


@pytest.mark.parametrize(
    ("b", "error", "fragment"),
    [
        ([1.0, 2.0, 3.0], ValueError, "b must have 2 rows"),
        (np.ones((2, 2, 2)), ValueError, "b must be \\(n,\\) or \\(n, k\\)"),
        ([np.inf, 1.0], ValueError, "b must be non-empty and finite"),
    ],
)
def test_solve_with_lu_rejects_bad_input(b, error, fragment):
    factors = lu_partial_pivoting([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(error, match=fragment):
        solve_with_lu(*factors, b)


# ---------------------------------------------------------------- Cholesky


def test_cholesky_matches_numpy_and_scipy():
    rng = np.random.default_rng(3)
    for n in (1, 3, 20):
        M = rng.normal(size=(n, n))
        A = M @ M.T + n * np.eye(n)
        L = cholesky(A)
        np.testing.assert_allclose(L, np.linalg.cholesky(A), atol=1e-12)
        np.testing.assert_allclose(L, scipy.linalg.cholesky(A, lower=True), atol=1e-12)


@given(arrays(np.float64, (4, 4), elements=st.floats(-3, 3).map(lambda v: round(v, 3))))
def test_cholesky_accepts_exactly_what_numpy_accepts(M):
    A = M @ M.T + 1e-3 * np.eye(4)  # positive definite
    L = cholesky(A)
    np.testing.assert_allclose(L @ L.T, A, atol=1e-10)
    assert np.all(np.diag(L) > 0)
    S = M + M.T  # symmetric, usually indefinite
    try:
        np.linalg.cholesky(S)
        numpy_ok = True
    except np.linalg.LinAlgError:
        numpy_ok = False
    if numpy_ok:
        cholesky(S)
    else:
        with pytest.raises(ValueError, match="A must be positive definite"):
            cholesky(S)


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        (
            [[1.0, 2.0], [2.0, 1.0]],
            ValueError,
            "A must be positive definite \\(pivot 1",
        ),
        ([[1.0, 1.0], [1.0, 1.0]], ValueError, "A must be positive definite"),
        ([[-1.0]], ValueError, "pivot 0 is -1.00e\\+00"),
        ([[1.0, 2.0], [0.0, 1.0]], ValueError, "A must be symmetric"),
        (np.ones((2, 3)), ValueError, "A must be a square matrix"),
        ([[np.nan]], ValueError, "A must be non-empty and finite"),
    ],
)
def test_cholesky_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        cholesky(A)


# ---------------------------------------------------------------- Householder QR


def test_householder_qr_matches_numpy_qr_up_to_column_signs():
    # numpy's R may have negative diagonal entries; with D = diag(sign(diag R_np)),
    # Q_np D and D R_np are the unique factors with diag(R) >= 0.
    rng = np.random.default_rng(4)
    for shape in [(5, 5), (40, 6), (7, 1)]:
        A = rng.normal(size=shape)
        Q, R = householder_qr(A)
        Qn, Rn = np.linalg.qr(A)
        D = np.sign(np.diag(Rn))
        np.testing.assert_allclose(Q, Qn * D, atol=1e-12)
        np.testing.assert_allclose(R, Rn * D[:, None], atol=1e-12)


@given(arrays(np.float64, (6, 3), elements=entries))
def test_householder_qr_is_orthonormal_and_reconstructs(A):
    Q, R = householder_qr(A)
    np.testing.assert_allclose(Q.T @ Q, np.eye(3), atol=1e-12)
    np.testing.assert_allclose(Q @ R, A, atol=1e-12 * max(1.0, np.abs(A).max()) * 10)
    np.testing.assert_array_equal(np.tril(R, -1), 0)
    assert np.all(np.diag(R) >= 0)


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        (np.ones((2, 3)), ValueError, "at least as many rows as columns"),
        ([1.0, 2.0], ValueError, "A must have 2 dimension"),
        ([[np.inf]], ValueError, "A must be non-empty and finite"),
    ],
)
def test_householder_qr_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        householder_qr(A)


# ---------------------------------------------------------------- backward_error


@given(st.integers(0, 10_000))
def test_backward_error_is_attained_by_a_rank_one_perturbation(seed):
    # Rigal-Gaches: dA = r x^T / |x|^2 (r = b - A x) satisfies (A + dA) x = b and
    # |dA|_2 / |A|_2 equals the backward error; no smaller perturbation does.
    rng = np.random.default_rng(seed)
    A, x, b = rng.normal(size=(4, 3)), rng.normal(size=3), rng.normal(size=4)
    r = b - A @ x
    dA = np.outer(r, x) / (x @ x)
    np.testing.assert_allclose((A + dA) @ x, b, atol=1e-12)
    assert backward_error(A, x, b) == pytest.approx(
        np.linalg.norm(dA, 2) / np.linalg.norm(A, 2), rel=1e-10
    )


@pytest.mark.parametrize(
    ("A", "x", "b", "error", "fragment"),
    [
        (np.eye(2), [1.0, 1.0, 1.0], [1.0, 1.0], ValueError, "A must have shape"),
        (
            np.zeros((2, 2)),
            [1.0, 1.0],
            [1.0, 1.0],
            ValueError,
            "A and x must be nonzero",
        ),
        (np.eye(2), [0.0, 0.0], [1.0, 1.0], ValueError, "A and x must be nonzero"),
        (np.eye(2), [1.0, np.nan], [1.0, 1.0], ValueError, "x must be non-empty"),
    ],
)
def test_backward_error_rejects_bad_input(A, x, b, error, fragment):
    with pytest.raises(error, match=fragment):
        backward_error(A, x, b)


# ---------------------------------------------------------------- least squares

METHODS = [lstsq_normal_equations, lstsq_qr, lstsq_svd]


@pytest.mark.parametrize("method", METHODS)
def test_least_squares_methods_match_numpy_lstsq(method):
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(50, 4)), rng.normal(size=50)
    np.testing.assert_allclose(
        method(X, y), np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-10
    )


@pytest.mark.parametrize("method", METHODS)
@given(
    arrays(np.float64, (8, 3), elements=st.floats(-5, 5)),
    arrays(np.float64, 8, elements=st.floats(-5, 5)),
)
def test_least_squares_residual_is_orthogonal_to_the_columns(method, X, y):
    if np.linalg.cond(X) > 1e5:
        return
    w = method(X, y)
    scale = np.linalg.norm(X) * (np.linalg.norm(y) + 1.0)
    np.testing.assert_allclose(X.T @ (y - X @ w), 0, atol=1e-9 * scale)


def test_lstsq_svd_matches_pinv_on_rank_deficient_data():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(20, 2)) @ rng.normal(size=(2, 4))  # rank 2
    y = rng.normal(size=20)
    np.testing.assert_allclose(lstsq_svd(X, y), np.linalg.pinv(X) @ y, atol=1e-10)
    with pytest.raises(ValueError, match="rank deficient"):
        lstsq_qr(X, y)
    with pytest.raises(ValueError, match="not numerically positive definite"):
        lstsq_normal_equations(np.column_stack([X[:, 0], X[:, 0]]), y)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("X", "y", "error", "fragment"),
    [
        (np.ones((3, 2)), [1.0, 2.0], ValueError, "X has 3 rows but y has 2"),
        ([[1.0, np.nan]], [1.0], ValueError, "X must be non-empty and finite"),
        (np.ones((3, 2)), [1.0, 2.0, np.inf], ValueError, "y must be non-empty"),
        ([1.0, 2.0], [1.0, 2.0], ValueError, "X must have 2 dimension"),
    ],
)
def test_least_squares_reject_bad_input(method, X, y, error, fragment):
    with pytest.raises(error, match=fragment):
        method(X, y)


def test_least_squares_need_tall_x_and_valid_rcond():
    with pytest.raises(ValueError, match="at least as many rows as columns"):
        check_least_squares(np.ones((1, 2)), [1.0])
    with pytest.raises(ValueError, match="rcond must be a number in"):
        lstsq_svd(np.eye(2), [1.0, 1.0], rcond=2.0)


# ---------------------------------------------------------------- the Vandermonde experiment


def test_least_squares_errors_show_the_squared_condition_number():
    kappas, errors = least_squares_errors(np.arange(1, 13))
    np.testing.assert_allclose(
        kappas,
        [
            np.linalg.cond(np.vander(np.linspace(0, 1, 100), d + 1))
            for d in range(1, 13)
        ],
        rtol=1e-8,
    )
    eps = np.finfo(float).eps
    # QR and SVD: error at most a modest multiple of kappa eps.
    assert np.all(errors["qr"] <= 100 * kappas * eps)
    assert np.all(errors["svd"] <= 100 * kappas * eps)
    # Normal equations: far worse once kappa is large.
    assert errors["normal equations"][-1] > 1e4 * errors["qr"][-1]


@pytest.mark.parametrize(
    ("degrees", "m", "fragment"),
    [
        ([0, 1], 100, "degrees must be positive integers"),
        ([1.5], 100, "degrees must be positive integers"),
        ([5], 5, "m must be an integer larger than every degree"),
        ([5], 50.0, "m must be an integer"),
    ],
)
def test_least_squares_errors_rejects_bad_input(degrees, m, fragment):
    with pytest.raises(ValueError, match=fragment):
        least_squares_errors(degrees, m)


def test_plots_draw_the_experiment():
    kappas, errors = least_squares_errors(np.arange(1, 6))
    fig = plot_least_squares_stability(max_degree=5)
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    np.testing.assert_allclose(lines[1].get_data()[1], errors["qr"])
    np.testing.assert_allclose(lines[3].get_data()[1], kappas * np.finfo(float).eps)
    fig = plot_error_vs_condition(max_degree=5)
    assert fig.get_label()
    x, y = fig.axes[0].get_lines()[2].get_data()
    np.testing.assert_allclose(x, kappas)
    np.testing.assert_allclose(y, errors["svd"])
