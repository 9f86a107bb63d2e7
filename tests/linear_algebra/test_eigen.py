"""Tests for snippets/linear_algebra/eigen.py (page: docs/linear-algebra/eigen.md)."""

from itertools import combinations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.linalg import eigvals, eigvalsh
from scipy.stats import ortho_group

from snippets.linear_algebra.eigen import (
    diagonalize,
    is_positive_definite,
    is_positive_semidefinite,
    plot_eigen_ellipse,
    power_by_diagonalization,
    power_iteration,
    spectral_decomposition,
)

# Rounded draws: LAPACK's eig can lose accuracy on entries like 1e-180 (underflow).
finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False).map(
    lambda x: round(x, 6)
)
seeds = st.integers(0, 2**31 - 1)


def symmetric(n: int = 4):
    return arrays(np.float64, (n, n), elements=finite).map(lambda B: (B + B.T) / 2)


# ---------------------------------------------------------------- power_iteration


def test_power_iteration_matches_numpy_eigh_up_to_sign():
    rng = np.random.default_rng(0)
    B = rng.normal(size=(30, 30))
    A = B @ B.T  # symmetric PSD: the dominant eigenvalue is the largest one
    w, V = np.linalg.eigh(A)
    lam, v = power_iteration(A, rng=np.random.default_rng(1))
    assert lam == pytest.approx(w[-1], rel=1e-10)
    # Eigenvectors are defined up to sign: compare |v . v_ref| with 1.
    assert abs(v @ V[:, -1]) == pytest.approx(1.0, abs=1e-8)
    assert v[np.argmax(np.abs(v))] > 0  # the documented sign convention


def test_power_iteration_handles_negative_dominant_and_nonsymmetric():
    # Triangular matrix: eigenvalues are the diagonal entries (-5, 2, 1).
    A = np.array([[-5.0, 1.0, 2.0], [0.0, 2.0, 1.0], [0.0, 0.0, 1.0]])
    lam, v = power_iteration(A, rng=np.random.default_rng(2))
    assert lam == pytest.approx(-5.0, rel=1e-9)
    np.testing.assert_allclose(A @ v, lam * v, atol=1e-8)


@given(arrays(np.float64, 4, elements=st.floats(0.1, 10)), seeds)
def test_power_iteration_finds_the_planted_top_eigenpair(d, seed):
    # A = Q diag(d) Q^T with a known top eigenvalue, separated by a factor >= 2.
    d = np.sort(d)
    d[-1] = 2 * d[-2] + 1
    Q = ortho_group.rvs(4, random_state=seed)
    A = (Q * d) @ Q.T
    lam, v = power_iteration(A, rng=np.random.default_rng(seed))
    assert lam == pytest.approx(d[-1], rel=1e-8)
    assert abs(v @ Q[:, -1]) == pytest.approx(1.0, abs=1e-6)
    assert np.linalg.norm(v) == pytest.approx(1.0)


def test_power_iteration_reports_non_convergence():
    # Eigenvalues +1 and -1 tie in absolute value: the iterate oscillates forever.
    with pytest.raises(RuntimeError, match="did not converge in max_iter=50"):
        power_iteration([[0, 1], [1, 0]], max_iter=50, rng=np.random.default_rng(0))
    # A rotation by 90 degrees scaled by 2: eigenvalues 2i and -2i, a complex pair.
    with pytest.raises(RuntimeError, match="a complex pair"):
        power_iteration([[0, -2], [2, 0]], max_iter=200, rng=np.random.default_rng(0))


@pytest.mark.parametrize("seed", range(5))
def test_power_iteration_converges_on_a_repeated_dominant_eigenvalue(seed):
    # The eigenvalue 3 twice, then 1: a tie of equal eigenvalues. The result is some
    # unit vector of the 3-eigenspace, checked against numpy.linalg.eigh's basis of it.
    Q = ortho_group.rvs(4, random_state=seed)
    A = (Q * np.array([3.0, 3.0, 1.0, 0.5])) @ Q.T
    lam, v = power_iteration(A, rng=np.random.default_rng(seed))
    assert lam == pytest.approx(3.0, rel=1e-9)
    _, V = np.linalg.eigh(A)
    top = V[:, -2:]  # eigenvectors of the two largest eigenvalues, both 3
    assert np.linalg.norm(top.T @ v) == pytest.approx(1.0, abs=1e-8)


@pytest.mark.parametrize(
    ("A", "kwargs", "error", "fragment"),
    [
        ([[1, 2, 3], [4, 5, 6]], {}, ValueError, "A must be a square matrix"),
        ([[1, np.nan], [0, 1]], {}, ValueError, "A must be non-empty and finite"),
        ([[1, 0], [0, 2]], {"max_iter": 0}, ValueError, "max_iter must be a positive"),
        (
            [[1, 0], [0, 2]],
            {"max_iter": 2.5},
            ValueError,
            "max_iter must be a positive",
        ),
        ([[1, 0], [0, 2]], {"tol": 0.0}, ValueError, "tol must be positive"),
        (
            [[1, 0], [0, 2]],
            {"rng": 0},
            TypeError,
            "rng must be a numpy.random.Generator",
        ),
        ("ab", {}, TypeError, "A must be array-like"),
    ],
)
def test_power_iteration_rejects_bad_input(A, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        power_iteration(A, **kwargs)


# ---------------------------------------------------------------- diagonalize


def test_diagonalize_matches_scipy_eigenvalues_and_reconstructs():
    rng = np.random.default_rng(3)
    A = rng.normal(size=(6, 6))  # generic: complex-conjugate pairs likely
    lam, V = diagonalize(A)
    ref = eigvals(A)
    np.testing.assert_allclose(np.sort_complex(lam), np.sort_complex(ref), atol=1e-10)
    np.testing.assert_allclose(V @ np.diag(lam) @ np.linalg.inv(V), A, atol=1e-10)
    assert np.all(np.diff(np.abs(lam)) <= 1e-12)  # sorted by decreasing |lambda|


def test_diagonalize_triangular_closed_form():
    # A triangular matrix has its diagonal as eigenvalues.
    lam, _ = diagonalize([[2.0, 0.0], [1.0, 1.0]])
    np.testing.assert_allclose(lam, [2.0, 1.0])
    assert not np.iscomplexobj(lam)


@given(arrays(np.float64, (3, 3), elements=finite))
def test_diagonalize_reconstructs_generic_matrices(A):
    try:
        lam, V = diagonalize(A)
    except ValueError:
        return  # (numerically) defective draws, e.g. the zero-padded ones
    if np.linalg.cond(V) > 1e6:
        return
    np.testing.assert_allclose(
        np.linalg.solve(V.T, (V * lam).T).T, A, atol=1e-7 * (1 + np.abs(A).max())
    )


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 1], [0, 1]], ValueError, "not diagonalizable"),  # a Jordan block
        ([[1, 2, 3]], ValueError, "A must be a square matrix"),
        ([[np.inf]], ValueError, "A must be non-empty and finite"),
        ([[]], ValueError, "A must be non-empty"),
    ],
)
def test_diagonalize_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        diagonalize(A)


def test_diagonalize_rejects_bad_max_cond():
    with pytest.raises(ValueError, match="max_cond must be greater than 1"):
        diagonalize([[1.0]], max_cond=0.5)


# ---------------------------------------------------------------- power_by_diagonalization


def test_power_by_diagonalization_matches_numpy_matrix_power():
    rng = np.random.default_rng(4)
    A = rng.normal(size=(5, 5)) / 2
    for k in [0, 1, 2, 7]:
        np.testing.assert_allclose(
            power_by_diagonalization(A, k), np.linalg.matrix_power(A, k), atol=1e-10
        )


@given(symmetric(3), st.integers(0, 5), st.integers(0, 5))
def test_power_by_diagonalization_adds_exponents(A, j, k):
    A = A / (1 + np.abs(A).max())  # keep powers of order one
    try:
        Aj = power_by_diagonalization(A, j)
        Ak = power_by_diagonalization(A, k)
    except ValueError:
        return
    np.testing.assert_allclose(Aj @ Ak, power_by_diagonalization(A, j + k), atol=1e-8)


@pytest.mark.parametrize(
    ("A", "k", "error", "fragment"),
    [
        ([[1, 0], [0, 1]], -1, ValueError, "k must be a non-negative integer"),
        ([[1, 0], [0, 1]], 1.5, ValueError, "k must be a non-negative integer"),
        ([[1, 1], [0, 1]], 2, ValueError, "not diagonalizable"),
        ([[1, 2]], 2, ValueError, "A must be a square matrix"),
    ],
)
def test_power_by_diagonalization_rejects_bad_input(A, k, error, fragment):
    with pytest.raises(error, match=fragment):
        power_by_diagonalization(A, k)


# ---------------------------------------------------------------- spectral_decomposition


def test_spectral_decomposition_matches_scipy_eigvalsh():
    rng = np.random.default_rng(5)
    B = rng.normal(size=(8, 8))
    A = (B + B.T) / 2
    lam, _ = spectral_decomposition(A)
    np.testing.assert_allclose(lam, eigvalsh(A)[::-1], atol=1e-12)
    assert np.sum(lam) == pytest.approx(np.trace(A))  # trace = sum of eigenvalues


@given(symmetric(4))
def test_spectral_theorem_orthonormal_q_and_reconstruction(A):
    lam, Q = spectral_decomposition(A)
    assert np.all(np.diff(lam) <= 0)  # sorted lam_1 >= lam_2 >= ...
    np.testing.assert_allclose(Q.T @ Q, np.eye(4), atol=1e-10)
    np.testing.assert_allclose((Q * lam) @ Q.T, A, atol=1e-9 * (1 + np.abs(A).max()))


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 2], [0, 1]], ValueError, "A must be symmetric"),
        ([[1, 2, 3]], ValueError, "A must be a square matrix"),
        ([[np.nan]], ValueError, "A must be non-empty and finite"),
        ("ab", TypeError, "A must be array-like"),
    ],
)
def test_spectral_decomposition_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        spectral_decomposition(A)


# ---------------------------------------------------------------- definiteness


def principal_minors(A: np.ndarray) -> list[float]:
    n = A.shape[0]
    return [
        float(np.linalg.det(A[np.ix_(idx, idx)]))
        for r in range(1, n + 1)
        for idx in combinations(range(n), r)
    ]


def test_definiteness_closed_forms():
    # Sylvester's criterion: PD iff leading principal minors > 0; PSD iff all >= 0.
    assert is_positive_definite([[2, -1], [-1, 2]])  # minors 2, 3
    assert not is_positive_definite([[1, 2], [2, 1]])  # minor -3
    assert is_positive_semidefinite([[1, 1], [1, 1]])  # minors 1, 1, 0
    assert not is_positive_definite([[1, 1], [1, 1]])
    assert not is_positive_semidefinite([[0, 1], [1, 0]])  # minor -1
    assert is_positive_semidefinite(np.zeros((3, 3)))


def test_covariance_matrices_are_psd():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(50, 4))
    assert is_positive_definite(np.cov(X, rowvar=False))
    few = rng.normal(size=(3, 6))  # fewer samples than features: singular
    C = np.cov(few, rowvar=False)
    assert is_positive_semidefinite(C)
    assert not is_positive_definite(C)


@given(arrays(np.float64, (3, 3), elements=finite))
def test_definiteness_agrees_with_sylvester_minors(B):
    A = B @ B.T + 0.5 * np.eye(3)  # PD by construction
    assert is_positive_definite(A)
    assert is_positive_semidefinite(A)
    assert min(principal_minors(A)) > 0
    S = (B + B.T) / 2
    scale = 1 + np.abs(S).max() ** 3
    minors = principal_minors(S)
    if min(minors) < -1e-6 * scale:  # clearly indefinite or negative
        assert not is_positive_semidefinite(S)
        assert not is_positive_definite(S)


@pytest.mark.parametrize("check", [is_positive_definite, is_positive_semidefinite])
@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 2], [0, 1]], ValueError, "A must be symmetric"),
        ([[1, 2, 3]], ValueError, "A must be a square matrix"),
        ([[np.inf]], ValueError, "A must be non-empty and finite"),
        ("ab", TypeError, "A must be array-like"),
    ],
)
def test_definiteness_rejects_bad_input(check, A, error, fragment):
    with pytest.raises(error, match=fragment):
        check(A)


@pytest.mark.parametrize("check", [is_positive_definite, is_positive_semidefinite])
def test_definiteness_rejects_negative_tol(check):
    with pytest.raises(ValueError, match="tol must be non-negative"):
        check([[1.0]], tol=-1.0)


def test_is_positive_definite_is_not_fooled_by_a_rounding_pivot():
    # [[2, 2], [2, 2]] is singular (eigenvalues 4 and 0); LAPACK's Cholesky succeeds
    # on it with a pivot near sqrt(eps), which the pivot tolerance rejects.
    A = np.array([[2.0, 2.0], [2.0, 2.0]])
    assert not is_positive_definite(A)
    assert is_positive_definite(A + 1e-3 * np.eye(2))


# ---------------------------------------------------------------- plot_eigen_ellipse


def test_plot_eigen_ellipse_axes_are_scaled_eigenvectors():
    fig = plot_eigen_ellipse()
    assert fig.get_label()
    A = np.array([[2.0, 1.0], [1.0, 1.5]])
    lines = fig.axes[0].get_lines()
    circle = np.vstack(lines[0].get_data())
    np.testing.assert_allclose(np.vstack(lines[1].get_data()), A @ circle, atol=1e-12)
    w = np.linalg.eigvalsh(A)
    for line in lines[2:]:
        end = np.array(line.get_data())[:, 1]
        lam = np.linalg.norm(end)
        assert np.any(np.isclose(lam, w))
        np.testing.assert_allclose(A @ end, lam * end, atol=1e-12)  # an eigenvector
