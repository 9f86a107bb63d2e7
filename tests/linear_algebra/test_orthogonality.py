"""Tests for snippets/linear_algebra/orthogonality.py (page: orthogonality.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.linalg import hilbert, orth
from scipy.stats import ortho_group

from snippets.linear_algebra.orthogonality import (
    gram_schmidt,
    is_orthonormal,
    plot_projection,
    project,
    projection_matrix,
    qr_least_squares,
)

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
# Rounded draws: entries like 1e-300 make A^T A underflow (tested separately below).
rounded = finite.map(lambda x: round(x, 6))


def well_conditioned(A: np.ndarray) -> bool:
    """Hypothesis draws many near-dependent matrices; keep those with cond < 1e6."""
    s = np.linalg.svd(A, compute_uv=False)
    return bool(s[-1] > 1e-6 * max(s[0], 1e-300))


# ---------------------------------------------------------------- is_orthonormal


def test_is_orthonormal_on_scipy_orthogonal_matrices():
    # scipy.stats.ortho_group samples Haar-random orthogonal matrices.
    Q = ortho_group.rvs(6, random_state=0)
    assert is_orthonormal(Q)
    assert is_orthonormal(Q[:, :3])  # orthonormal columns, not square
    assert not is_orthonormal(2 * Q)
    assert not is_orthonormal(np.ones((3, 2)))


@given(arrays(np.float64, 4, elements=finite), st.integers(0, 2**31 - 1))
def test_orthogonal_matrices_preserve_length_and_dot_products(x, seed):
    Q = ortho_group.rvs(4, random_state=seed)
    assert is_orthonormal(Q, tol=1e-9)
    assert np.linalg.norm(Q @ x) == pytest.approx(np.linalg.norm(x), abs=1e-9)
    assert (Q @ x) @ (Q @ x[::-1]) == pytest.approx(x @ x[::-1], abs=1e-8)


@pytest.mark.parametrize(
    ("Q", "tol", "error", "fragment"),
    [
        ([1, 0], 1e-10, ValueError, "Q must have 2 dimension"),
        ([[1, np.nan]], 1e-10, ValueError, "Q must be non-empty and finite"),
        (np.empty((0, 2)), 1e-10, ValueError, "Q must be non-empty"),
        ([[1, 0], [0, 1]], 0.0, ValueError, "tol must be positive"),
        ("ab", 1e-10, TypeError, "Q must be array-like"),
    ],
)
def test_is_orthonormal_rejects_bad_input(Q, tol, error, fragment):
    with pytest.raises(error, match=fragment):
        is_orthonormal(Q, tol)


# ---------------------------------------------------------------- projection_matrix


def test_projection_matrix_matches_orthonormal_basis_projector():
    # Independent route: P = U U^T for an orthonormal basis U of col(A) (scipy.linalg.orth).
    rng = np.random.default_rng(0)
    A = rng.normal(size=(7, 3))
    U = orth(A)
    np.testing.assert_allclose(projection_matrix(A), U @ U.T, atol=1e-12)


@given(arrays(np.float64, (5, 2), elements=rounded))
def test_projection_matrix_is_symmetric_and_idempotent(A):
    if not well_conditioned(A):
        return
    P = projection_matrix(A)
    np.testing.assert_allclose(P, P.T, atol=1e-8)
    np.testing.assert_allclose(P @ P, P, atol=1e-8)
    np.testing.assert_allclose(P @ A, A, atol=1e-7 * (1 + np.abs(A).max()))
    assert np.trace(P) == pytest.approx(2.0, abs=1e-8)  # trace = rank = 2


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 2], [2, 4], [3, 6]], ValueError, "linearly independent columns"),
        ([1, 2], ValueError, "A must have 2 dimension"),
        ([[np.inf], [1]], ValueError, "A must be non-empty and finite"),
        ("ab", TypeError, "A must be array-like"),
    ],
)
def test_projection_matrix_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        projection_matrix(A)


# ---------------------------------------------------------------- project


def test_project_matches_lstsq_fit():
    rng = np.random.default_rng(1)
    A, b = rng.normal(size=(10, 3)), rng.normal(size=10)
    x = np.linalg.lstsq(A, b, rcond=None)[0]
    np.testing.assert_allclose(project(b, A), A @ x, atol=1e-12)


@given(
    arrays(np.float64, (6, 2), elements=rounded),
    arrays(np.float64, 6, elements=rounded),
)
def test_project_residual_is_orthogonal_to_columns(A, b):
    if not well_conditioned(A):
        return
    p = project(b, A)
    scale = (1 + np.abs(A).max()) * (1 + np.abs(b).max())
    np.testing.assert_allclose(A.T @ (b - p), 0.0, atol=1e-7 * scale)
    assert np.linalg.norm(p) <= np.linalg.norm(b) + 1e-9 * scale  # never longer
    np.testing.assert_allclose(project(p, A), p, atol=1e-7 * scale)  # idempotent


def test_projection_is_scale_invariant_even_for_tiny_and_huge_columns():
    rng = np.random.default_rng(4)
    A, b = rng.normal(size=(6, 2)), rng.normal(size=6)
    for scale in (1e-200, 1e200):
        np.testing.assert_allclose(project(b, scale * A), project(b, A), atol=1e-12)
        np.testing.assert_allclose(
            projection_matrix(scale * A), projection_matrix(A), atol=1e-12
        )


@pytest.mark.parametrize(
    ("b", "A", "error", "fragment"),
    [
        ([1, 2], [[1], [1], [1]], ValueError, "A has 3 rows but b has 2 entries"),
        ([1, 2], [[1, 1], [1, 1]], ValueError, "linearly independent columns"),
        ([[1, 2]], [[1], [1]], ValueError, "b must have 1 dimension"),
        ([np.nan, 2], [[1], [1]], ValueError, "b must be non-empty and finite"),
        ([1, 2], "ab", TypeError, "A must be array-like"),
    ],
)
def test_project_rejects_bad_input(b, A, error, fragment):
    with pytest.raises(error, match=fragment):
        project(b, A)


# ---------------------------------------------------------------- gram_schmidt


def test_gram_schmidt_matches_numpy_qr_up_to_column_signs():
    # numpy.linalg.qr (Householder) may return any column of Q negated, with the
    # matching row of R negated: compare after making diag(R) positive in both.
    rng = np.random.default_rng(2)
    A = rng.normal(size=(8, 5))
    Q, R = gram_schmidt(A)
    Qn, Rn = np.linalg.qr(A)
    signs = np.sign(np.diag(Rn))
    np.testing.assert_allclose(Q, Qn * signs, atol=1e-12)
    np.testing.assert_allclose(R, Rn * signs[:, None], atol=1e-12)
    assert np.all(np.diag(R) > 0)


@given(arrays(np.float64, (5, 3), elements=rounded))
def test_gram_schmidt_gives_orthonormal_q_and_triangular_r(A):
    if not well_conditioned(A):
        return
    Q, R = gram_schmidt(A)
    assert is_orthonormal(Q, tol=1e-8)
    np.testing.assert_array_equal(R, np.triu(R))
    np.testing.assert_allclose(Q @ R, A, atol=1e-9 * (1 + np.abs(A).max()))


def test_modified_gram_schmidt_loses_orthogonality_on_ill_conditioned_input():
    # Known behavior (Björck 1967): |Q^T Q - I| grows like eps * cond(A) for MGS,
    # while Householder QR stays at eps. Hilbert(8) has cond about 1.5e10.
    Q, _ = gram_schmidt(hilbert(8))
    Qn, _ = np.linalg.qr(hilbert(8))
    assert np.abs(Q.T @ Q - np.eye(8)).max() > 1e-9
    assert np.abs(Qn.T @ Qn - np.eye(8)).max() < 1e-14


@pytest.mark.parametrize(
    ("A", "tol", "error", "fragment"),
    [
        ([[1, 2], [2, 4], [3, 6]], 1e-10, ValueError, "column 1 is"),
        ([[0, 1], [0, 1]], 1e-10, ValueError, "column 0 is"),
        ([[1, 2, 3], [4, 5, 6]], 1e-10, ValueError, "at least as many rows"),
        ([[1, 0], [0, 1]], -1.0, ValueError, "tol must be positive"),
        ([1, 2], 1e-10, ValueError, "A must have 2 dimension"),
        ([[np.nan]], 1e-10, ValueError, "A must be non-empty and finite"),
    ],
)
def test_gram_schmidt_rejects_bad_input(A, tol, error, fragment):
    with pytest.raises(error, match=fragment):
        gram_schmidt(A, tol)


# ---------------------------------------------------------------- qr_least_squares


def test_qr_least_squares_matches_numpy_lstsq():
    rng = np.random.default_rng(3)
    A, b = rng.normal(size=(50, 4)), rng.normal(size=50)
    np.testing.assert_allclose(
        qr_least_squares(A, b), np.linalg.lstsq(A, b, rcond=None)[0], atol=1e-12
    )


@given(
    arrays(np.float64, (6, 2), elements=rounded),
    arrays(np.float64, 2, elements=rounded),
)
def test_qr_least_squares_recovers_exact_solutions(A, x):
    # If b = A x exactly, the least-squares solution is x itself.
    if not well_conditioned(A):
        return
    np.testing.assert_allclose(
        qr_least_squares(A, A @ x), x, atol=1e-6 * (1 + np.abs(x).max())
    )


@pytest.mark.parametrize(
    ("A", "b", "error", "fragment"),
    [
        ([[1], [1]], [1, 2, 3], ValueError, "A has 2 rows but b has 3 entries"),
        ([[1, 1], [1, 1], [1, 1]], [1, 2, 3], ValueError, "linearly independent"),
        ([[1], [1]], [[1, 2]], ValueError, "b must have 1 dimension"),
        ([[1], [1]], "ab", TypeError, "b must be array-like"),
    ],
)
def test_qr_least_squares_rejects_bad_input(A, b, error, fragment):
    with pytest.raises(error, match=fragment):
        qr_least_squares(A, b)


# ---------------------------------------------------------------- plot_projection


def test_plot_projection_draws_an_orthogonal_residual():
    fig = plot_projection()
    assert fig.get_label()
    lines = {
        line.get_label(): np.column_stack(line.get_data())
        for line in fig.axes[0].get_lines()
    }
    p = lines["p (projection)"][1]
    b = lines["b"][1]
    a = np.array([3.0, 1.0])
    np.testing.assert_allclose(p, (a @ b) / (a @ a) * a)  # closed form for a line
    np.testing.assert_allclose((b - p) @ a, 0.0, atol=1e-12)
