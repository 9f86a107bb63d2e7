"""Tests for snippets/numerical_methods/eigenvalue_algorithms.py (eigenvalue-algorithms.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from snippets.numerical_methods.eigenvalue_algorithms import (
    inverse_iteration,
    plot_power_convergence,
    plot_qr_convergence,
    qr_algorithm,
    rayleigh_quotients,
    spiked_matrix,
    wilkinson_shift,
)


def random_symmetric(n: int, seed: int) -> np.ndarray:
    M = np.random.default_rng(seed).normal(size=(n, n))
    return (M + M.T) / 2


# ---------------------------------------------------------------- rayleigh_quotients


def test_rayleigh_quotients_converge_to_eigh_at_the_predicted_rate():
    A = spiked_matrix(0.8)
    top = np.linalg.eigvalsh(A)[-1]
    q = rayleigh_quotients(A, 40, np.random.default_rng(5))
    error = np.abs(q - top)
    assert error[-1] < 1e-9
    # Symmetric A: the error shrinks by (lambda_2 / lambda_1)^2 = 0.64 per step.
    rate = (error[30] / error[20]) ** (1 / 10)
    assert rate == pytest.approx(0.64, rel=1e-3)


@given(st.integers(0, 10_000))
def test_rayleigh_quotients_stay_within_the_spectrum(seed):
    A = random_symmetric(5, seed)
    lam = np.linalg.eigvalsh(A)
    q = rayleigh_quotients(A, 10, np.random.default_rng(seed))
    assert np.all(q >= lam[0] - 1e-12) and np.all(q <= lam[-1] + 1e-12)


@pytest.mark.parametrize(
    ("A", "n_iter", "rng", "error", "fragment"),
    [
        ([[1.0, 2.0], [0.0, 1.0]], 5, None, ValueError, "A must be symmetric"),
        (np.eye(2), 0, None, ValueError, "n_iter must be >= 1"),
        (np.eye(2), 2.5, None, TypeError, "n_iter must be an integer"),
        (np.eye(2), 5, 3, TypeError, "rng must be a numpy.random.Generator"),
        (np.zeros((2, 2)), 5, None, ValueError, "null space"),
        ([[np.nan]], 5, None, ValueError, "A must be non-empty and finite"),
    ],
)
def test_rayleigh_quotients_rejects_bad_input(A, n_iter, rng, error, fragment):
    with pytest.raises(error, match=fragment):
        rayleigh_quotients(A, n_iter, rng)


# ---------------------------------------------------------------- inverse_iteration


def test_inverse_iteration_finds_each_eigenvalue_of_eigh():
    A = random_symmetric(6, 1)
    lam, V = np.linalg.eigh(A)
    for i in range(6):
        shift = lam[i] + 1e-3  # closer to lam[i] than to any other eigenvalue
        mu, v = inverse_iteration(A, shift, rng=np.random.default_rng(i))
        assert mu == pytest.approx(lam[i], abs=1e-10)
        assert abs(v @ V[:, i]) == pytest.approx(1.0, abs=1e-8)  # up to sign


def test_inverse_iteration_on_a_nonsymmetric_matrix_matches_eig():
    A = np.array([[4.0, 1.0, 0.0], [2.0, 3.0, 1.0], [0.0, 1.0, 1.0]])
    lam = np.sort(np.linalg.eigvals(A).real)
    mu, v = inverse_iteration(A, lam[1] - 0.05, rng=np.random.default_rng(0))
    assert mu == pytest.approx(lam[1], abs=1e-8)
    np.testing.assert_allclose(A @ v, mu * v, atol=1e-9)


@given(st.integers(0, 10_000), st.floats(-3, 3))
def test_inverse_iteration_returns_the_eigenvalue_nearest_the_shift(seed, shift):
    A = random_symmetric(4, seed)
    lam = np.linalg.eigvalsh(A)
    d = np.sort(np.abs(lam - shift))
    if d[0] > 0.8 * d[1] or d[0] < 1e-6:
        return  # slow (nearly equidistant) or exact shift: not this property
    mu, _ = inverse_iteration(A, shift, max_iter=500, rng=np.random.default_rng(seed))
    assert mu == pytest.approx(lam[np.argmin(np.abs(lam - shift))], abs=1e-8)


def test_inverse_iteration_reports_non_convergence():
    # Two eigenvalues (1 and 3) equally far from the shift 2: no dominant one.
    with pytest.raises(RuntimeError, match="did not converge in max_iter=20"):
        inverse_iteration(
            np.diag([1.0, 3.0]), 2.0, max_iter=20, rng=np.random.default_rng(0)
        )


@pytest.mark.parametrize(
    ("A", "shift", "kwargs", "error", "fragment"),
    [
        (np.diag([1.0, 2.0]), 1.0, {}, ValueError, "shift = 1.0 is an eigenvalue"),
        (np.eye(2), np.nan, {}, ValueError, "shift must be non-empty and finite"),
        (np.eye(2), 0.5, {"tol": 0.0}, ValueError, "tol must be positive"),
        (np.eye(2), 0.5, {"tol": -1.0}, ValueError, "tol must be positive"),
        (np.eye(2), 0.5, {"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        (np.ones((2, 3)), 0.5, {}, ValueError, "A must be a square matrix"),
        (np.eye(2), 0.5, {"rng": 1}, TypeError, "rng must be a numpy.random.Generator"),
    ],
)
def test_inverse_iteration_rejects_bad_input(A, shift, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        inverse_iteration(A, shift, **kwargs)


# ---------------------------------------------------------------- wilkinson_shift


@given(st.floats(-10, 10), st.floats(-10, 10), st.floats(-10, 10))
def test_wilkinson_shift_is_the_eigenvalue_nearest_c(a, b, c):
    lam = np.linalg.eigvalsh([[a, b], [b, c]])
    mu = wilkinson_shift(a, b, c)
    assert np.min(np.abs(lam - mu)) <= 1e-9 * (1 + np.abs(lam).max())
    assert abs(mu - c) <= np.max(np.abs(lam - c)) + 1e-9 * (1 + abs(c))


def test_wilkinson_shift_closed_form():
    assert wilkinson_shift(3.0, 0.0, 1.0) == 1.0
    assert wilkinson_shift(2.0, 1.0, 2.0) == 1.0  # eigenvalues 1, 3: tie picks 1
    with pytest.raises(ValueError, match="b must be non-empty and finite"):
        wilkinson_shift(1.0, np.nan, 2.0)
    with pytest.raises(ValueError, match="c must have 0 dimension"):
        wilkinson_shift(1.0, 1.0, [2.0, 3.0])


# ---------------------------------------------------------------- qr_algorithm


@pytest.mark.parametrize("shift", [True, False])
def test_qr_algorithm_matches_eigvalsh_and_eigvals(shift):
    for seed, n in [(0, 1), (1, 2), (2, 6), (3, 15)]:
        A = random_symmetric(n, seed)
        lam, _ = qr_algorithm(A, shift=shift)
        np.testing.assert_allclose(lam, np.linalg.eigvalsh(A)[::-1], atol=1e-12)
        np.testing.assert_allclose(
            lam, np.sort(np.linalg.eigvals(A).real)[::-1], atol=1e-10
        )


def test_qr_algorithm_shifts_converge_much_faster():
    A = random_symmetric(10, 4)
    _, slow = qr_algorithm(A, shift=False)
    _, fast = qr_algorithm(A, shift=True)
    assert fast.size <= 3 * 10 and slow.size > 5 * fast.size


@given(arrays(np.float64, (5, 5), elements=st.floats(-5, 5)))
def test_qr_algorithm_preserves_trace_and_frobenius_norm(M):
    A = (M + M.T) / 2
    lam, _ = qr_algorithm(A)
    scale = 1.0 + np.abs(A).max()
    assert np.sum(lam) == pytest.approx(np.trace(A), abs=1e-10 * scale)
    assert np.sum(lam**2) == pytest.approx(np.sum(A**2), abs=1e-9 * scale**2)
    assert np.all(np.diff(lam) <= 0)


def test_qr_algorithm_reports_non_convergence_without_shifts():
    # Eigenvalues +1 and -1 have equal size: unshifted QR cannot separate them.
    with pytest.raises(RuntimeError, match="did not converge in max_iter=50"):
        qr_algorithm([[0.0, 1.0], [1.0, 0.0]], shift=False, max_iter=50)
    lam, _ = qr_algorithm([[0.0, 1.0], [1.0, 0.0]], shift=True)
    np.testing.assert_allclose(lam, [1.0, -1.0], atol=1e-14)


@pytest.mark.parametrize(
    ("A", "kwargs", "error", "fragment"),
    [
        ([[1.0, 2.0], [0.0, 1.0]], {}, ValueError, "A must be symmetric"),
        (np.ones((2, 3)), {}, ValueError, "A must be a square matrix"),
        ([[np.inf]], {}, ValueError, "A must be non-empty and finite"),
        (np.eye(2), {"tol": 0.0}, ValueError, "tol must be positive"),
        (np.eye(2), {"max_iter": 0}, ValueError, "max_iter must be >= 1"),
    ],
)
def test_qr_algorithm_rejects_bad_input(A, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        qr_algorithm(A, **kwargs)


# ---------------------------------------------------------------- plots


def test_spiked_matrix_has_the_requested_ratio():
    lam = np.linalg.eigvalsh(spiked_matrix(0.7))
    assert lam[-1] == pytest.approx(1.0) and lam[-2] == pytest.approx(0.7)


def test_plot_power_convergence_draws_the_errors():
    fig = plot_power_convergence(ratios=(0.5,), n_iter=20)
    assert fig.get_label()
    measured = fig.axes[0].get_lines()[0].get_data()[1]
    q = rayleigh_quotients(spiked_matrix(0.5), 20, np.random.default_rng(5))
    np.testing.assert_allclose(measured, np.maximum(np.abs(q - 1.0), 1e-17))


def test_plot_qr_convergence_draws_the_histories():
    fig = plot_qr_convergence(n=5)
    assert fig.get_label()
    M = np.random.default_rng(0).normal(size=(5, 5))
    _, history = qr_algorithm((M + M.T) / 2, shift=True)
    np.testing.assert_allclose(fig.axes[0].get_lines()[1].get_data()[1], history)
