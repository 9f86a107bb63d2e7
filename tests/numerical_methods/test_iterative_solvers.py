"""Tests for snippets/numerical_methods/iterative_solvers.py (iterative-solvers.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.sparse.linalg import cg as scipy_cg

from snippets.numerical_methods.iterative_solvers import (
    cg_a_norm_errors,
    cg_error_bound,
    chebyshev_spectrum,
    check_system,
    conjugate_gradient,
    gauss_seidel,
    is_diagonally_dominant,
    jacobi,
    plot_cg_convergence,
    plot_stationary_convergence,
    poisson_matrix,
    spd_with_spectrum,
    stationary_iteration,
)


def dominant_system(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n))
    A += np.diag(np.abs(A).sum(axis=1) + 0.5)  # strictly diagonally dominant
    return A, rng.normal(size=n)


def spd_system(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(n, n))
    return M @ M.T + n * np.eye(n), rng.normal(size=n)


# ---------------------------------------------------------------- is_diagonally_dominant


def test_is_diagonally_dominant_matches_an_explicit_row_check():
    rng = np.random.default_rng(0)
    for _ in range(50):
        A = rng.normal(size=(4, 4)) * rng.uniform(0.1, 3, size=(4, 1))
        rows = [
            abs(A[i, i]) > sum(abs(A[i, j]) for j in range(4) if j != i)
            for i in range(4)
        ]
        assert is_diagonally_dominant(A) == all(rows)


@given(arrays(np.float64, (3, 3), elements=st.floats(-5, 5)), st.floats(0.1, 10))
def test_is_diagonally_dominant_is_scale_invariant(A, c):
    assert is_diagonally_dominant(c * A) == is_diagonally_dominant(A)


def test_is_diagonally_dominant_rejects_bad_input():
    with pytest.raises(ValueError, match="A must be a square matrix"):
        is_diagonally_dominant(np.ones((2, 3)))
    with pytest.raises(ValueError, match="A must be non-empty and finite"):
        is_diagonally_dominant([[np.nan]])


# ---------------------------------------------------------------- Jacobi, Gauss-Seidel


@pytest.mark.parametrize("method", [jacobi, gauss_seidel])
def test_stationary_methods_match_numpy_solve(method):
    for seed in range(5):
        A, b = dominant_system(8, seed)
        x, res = method(A, b, tol=1e-12)
        np.testing.assert_allclose(x, np.linalg.solve(A, b), rtol=1e-9, atol=1e-12)
        assert res[-1] <= 1e-12 and res[0] == pytest.approx(1.0)


@pytest.mark.parametrize("method", [jacobi, gauss_seidel])
@given(st.integers(0, 10_000), st.integers(2, 8))
def test_stationary_methods_converge_on_dominant_systems(method, seed, n):
    A, b = dominant_system(n, seed)
    x, res = method(A, b)
    assert np.linalg.norm(b - A @ x) <= 1e-10 * np.linalg.norm(b) * (1 + 1e-9)
    assert res.size >= 1


def test_gauss_seidel_converges_on_spd_and_faster_than_jacobi():
    # Theory: for this consistently ordered tridiagonal matrix, rho(GS) = rho(J)^2.
    A, b = poisson_matrix(30), np.ones(30)
    _, res_j = jacobi(A, b)
    _, res_gs = gauss_seidel(A, b)
    assert res_j.size == pytest.approx(2 * res_gs.size, rel=0.1)
    S, c = spd_system(6, 1)  # SPD but not dominant: Gauss-Seidel still converges
    x, _ = gauss_seidel(S, c)
    np.testing.assert_allclose(x, np.linalg.solve(S, c), rtol=1e-8)


def test_jacobi_reports_divergence_and_non_convergence():
    A = np.array([[1.0, 2.0], [3.0, 1.0]])  # not dominant: spectral radius sqrt(6)
    with pytest.raises(RuntimeError, match="Jacobi diverged after"):
        jacobi(A, [1.0, 1.0], max_iter=10_000)
    with pytest.raises(RuntimeError, match="did not converge in max_iter=3"):
        jacobi(poisson_matrix(10), np.ones(10), max_iter=3)
    with pytest.raises(RuntimeError, match="Gauss-Seidel diverged"):
        gauss_seidel(A, [1.0, 1.0], max_iter=10_000)


@pytest.mark.parametrize("method", [jacobi, gauss_seidel])
@pytest.mark.parametrize(
    ("A", "b", "kwargs", "error", "fragment"),
    [
        ([[0.0, 1.0], [1.0, 1.0]], [1.0, 1.0], {}, ValueError, "zero on its diagonal"),
        (np.eye(2), [1.0, 1.0, 1.0], {}, ValueError, "b must have length 2"),
        (np.eye(2), [1.0, 1.0], {"x0": [1.0]}, ValueError, "x0 must have length 2"),
        (np.eye(2), [1.0, np.nan], {}, ValueError, "b must be non-empty and finite"),
        (np.eye(2), [1.0, 1.0], {"tol": 0.0}, ValueError, "tol must be positive"),
        (np.eye(2), [1.0, 1.0], {"tol": np.inf}, ValueError, "tol must be positive"),
        (np.eye(2), [1.0, 1.0], {"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        (np.ones((2, 3)), [1.0, 1.0], {}, ValueError, "A must be a square matrix"),
    ],
)
def test_stationary_methods_reject_bad_input(method, A, b, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        method(A, b, **kwargs)


def test_zero_right_hand_side_and_check_system():
    x, res = jacobi(np.eye(2) * 3, [0.0, 0.0])
    np.testing.assert_array_equal(x, 0.0)
    assert res.tolist() == [0.0]
    _A, _b, x0 = check_system(np.eye(2), [1.0, 2.0], [3.0, 4.0])
    np.testing.assert_array_equal(x0, [3.0, 4.0])
    with pytest.raises(ValueError, match="A must be symmetric"):
        check_system([[1.0, 2.0], [0.0, 1.0]], [1.0, 1.0], None, symmetric=True)


def test_stationary_iteration_rejects_bad_input():
    A, b = np.eye(2), np.ones(2)
    with pytest.raises(ValueError, match="tol must be positive"):
        stationary_iteration(lambda x: b, A, b, np.zeros(2), 0.0, 5, "demo")
    with pytest.raises(ValueError, match="max_iter must be >= 1"):
        stationary_iteration(lambda x: b, A, b, np.zeros(2), 1e-8, 0, "demo")


def test_stationary_iteration_counts_steps():
    A, b = np.diag([2.0, 4.0]), np.array([2.0, 4.0])
    _x, res = stationary_iteration(
        lambda x: x + 0.5 * (b / np.diag(A) - x),
        A,
        b,
        np.zeros(2),
        1e-3,
        100,
        "halving",
    )
    assert res.size - 1 == 10  # the residual halves each step: 2^-10 < 1e-3


# ---------------------------------------------------------------- conjugate gradient


def test_conjugate_gradient_matches_scipy_cg():
    for seed in range(4):
        A, b = spd_system(20, seed)
        x, _res = conjugate_gradient(A, b, tol=1e-10)
        x_ref, info = scipy_cg(A, b, rtol=1e-10, maxiter=1000)
        assert info == 0
        np.testing.assert_allclose(x, x_ref, rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(x, np.linalg.solve(A, b), rtol=1e-8, atol=1e-10)


def test_conjugate_gradient_residuals_match_scipy_iterates():
    # scipy's callback gives x_k; our history must be |b - A x_k| / |b| for each.
    A, b = spd_system(15, 7)
    iterates = []
    scipy_cg(A, b, rtol=1e-10, callback=lambda xk: iterates.append(xk.copy()))
    _, res = conjugate_gradient(A, b, tol=1e-10)
    expected = [np.linalg.norm(b - A @ xk) / np.linalg.norm(b) for xk in iterates]
    np.testing.assert_allclose(res[1:], expected, rtol=1e-6, atol=1e-14)


@given(st.integers(0, 10_000), st.integers(1, 10))
def test_conjugate_gradient_solves_spd_systems_in_at_most_n_steps_plus_rounding(
    seed, n
):
    A, b = spd_system(n, seed)
    x, res = conjugate_gradient(A, b)
    np.testing.assert_allclose(A @ x, b, atol=1e-9 * np.linalg.norm(b))
    assert res.size - 1 <= 2 * n  # n steps in exact arithmetic


def test_jacobi_preconditioning_helps_a_badly_scaled_matrix():
    S, b = spd_system(40, 3)
    d = 10.0 ** np.linspace(0, 4, 40)
    A = d[:, None] * S * d[None, :]  # badly scaled rows and columns
    _x_plain, res_plain = conjugate_gradient(A, b, max_iter=5000)
    x_pre, res_pre = conjugate_gradient(A, b, preconditioner=np.diag(A))
    assert res_pre.size < res_plain.size / 2
    np.testing.assert_allclose(x_pre, np.linalg.solve(A, b), rtol=1e-6)


def test_conjugate_gradient_rejects_indefinite_and_reports_non_convergence():
    with pytest.raises(ValueError, match="A must be positive definite"):
        conjugate_gradient([[1.0, 2.0], [2.0, 1.0]], [1.0, -1.0])
    A = spd_with_spectrum(chebyshev_spectrum(1e4, 100))
    with pytest.raises(RuntimeError, match="did not converge in max_iter=5 iterations"):
        conjugate_gradient(A, np.ones(100), max_iter=5)


@pytest.mark.parametrize(
    ("A", "b", "kwargs", "error", "fragment"),
    [
        ([[1.0, 2.0], [0.0, 1.0]], [1.0, 1.0], {}, ValueError, "A must be symmetric"),
        (np.eye(2), [1.0, 1.0], {"tol": -1.0}, ValueError, "tol must be positive"),
        (np.eye(2), [1.0, 1.0], {"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        (
            np.eye(2),
            [1.0, 1.0],
            {"max_iter": 2.0},
            TypeError,
            "max_iter must be an integer",
        ),
        (
            np.eye(2),
            [1.0, 1.0],
            {"preconditioner": [1.0, -1.0]},
            ValueError,
            "preconditioner must be 2 positive",
        ),
        (
            np.eye(2),
            [1.0, 1.0],
            {"preconditioner": [1.0]},
            ValueError,
            "preconditioner must be 2 positive",
        ),
        (np.eye(2), [np.inf, 1.0], {}, ValueError, "b must be non-empty and finite"),
    ],
)
def test_conjugate_gradient_rejects_bad_input(A, b, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        conjugate_gradient(A, b, **kwargs)


# ---------------------------------------------------------------- cg_error_bound


def test_cg_error_bound_holds_for_the_a_norm_error():
    for kappa in (10.0, 300.0):
        A = spd_with_spectrum(chebyshev_spectrum(kappa, 80), seed=2)
        x_true = np.random.default_rng(0).normal(size=80)
        errors = cg_a_norm_errors(A, A @ x_true, x_true)
        k = np.arange(errors.size)
        assert np.all(
            errors / errors[0] <= cg_error_bound(kappa, k) * (1 + 1e-6) + 1e-12
        )


@given(st.floats(1.0, 1e8), st.integers(0, 500))
def test_cg_error_bound_closed_form_and_monotone(kappa, k):
    rate = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    assert cg_error_bound(kappa, k) == pytest.approx(2 * rate**k)
    assert cg_error_bound(kappa, k + 1) <= cg_error_bound(kappa, k)


def test_cg_error_bound_rejects_bad_input():
    with pytest.raises(ValueError, match="kappa must be >= 1"):
        cg_error_bound(0.5, 3)
    with pytest.raises(ValueError, match="kappa must be positive"):
        cg_error_bound(-1.0, 3)
    with pytest.raises(ValueError, match="k must be non-negative"):
        cg_error_bound(10.0, -1)


# ---------------------------------------------------------------- test matrices and plots


def test_test_matrices_have_the_stated_spectra():
    lam = chebyshev_spectrum(100.0, 50)
    assert lam.min() >= 1 and lam.max() <= 100
    np.testing.assert_allclose(np.linalg.eigvalsh(spd_with_spectrum(lam)), np.sort(lam))
    assert is_diagonally_dominant(poisson_matrix(5))


def test_plots_draw_the_solver_histories():
    fig = plot_stationary_convergence(n=20)
    assert fig.get_label()
    _, res = jacobi(poisson_matrix(20), np.ones(20))
    np.testing.assert_allclose(fig.axes[0].get_lines()[0].get_data()[1], res)
    fig = plot_cg_convergence(kappas=(10.0,), n=50)
    assert fig.get_label()
    measured, bound = fig.axes[0].get_lines()[:2]
    k = measured.get_data()[0]
    np.testing.assert_allclose(bound.get_data()[1], cg_error_bound(10.0, k))
    assert np.all(measured.get_data()[1] <= bound.get_data()[1] * (1 + 1e-6) + 1e-12)
