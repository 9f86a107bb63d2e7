"""Tests for snippets/linear_algebra/linear_maps.py (page: docs/linear-algebra/linear-maps.md)."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.transforms import Affine2D

from snippets.linear_algebra.linear_maps import (
    EXAMPLE_MAPS,
    UNIT_SQUARE,
    check_basis,
    in_span,
    is_linearly_independent,
    matrix_in_basis,
    null_space,
    plot_linear_maps,
    rank,
    rotation_matrix,
    scaling_matrix,
    shear_matrix,
    to_basis,
    transform_points,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
small = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
angles = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


def low_rank(rng, m, n, r):
    """A random m x n matrix of rank exactly r (with probability 1)."""
    return rng.normal(size=(m, r)) @ rng.normal(size=(r, n))


# ---------------------------------------------------------------- 2-D maps


@pytest.mark.parametrize("theta", [0.0, 0.3, np.pi / 2, -2.0, 7.0])
def test_rotation_matches_matplotlib_affine2d(theta):
    expected = Affine2D().rotate(theta).get_matrix()[:2, :2]
    np.testing.assert_allclose(rotation_matrix(theta), expected, atol=1e-15)


@pytest.mark.parametrize(("sx", "sy"), [(1, 1), (2, 0.5), (-1, 3), (0, 1)])
def test_scaling_matches_matplotlib_affine2d(sx, sy):
    expected = Affine2D().scale(sx, sy).get_matrix()[:2, :2]
    np.testing.assert_allclose(scaling_matrix(sx, sy), expected)


@pytest.mark.parametrize(("kx", "ky"), [(0, 0), (0.8, 0), (0, -0.5), (-1.5, 0)])
def test_shear_matches_matplotlib_affine2d_skew(kx, ky):
    # Affine2D.skew takes angles: a shear factor k is tan(angle).
    expected = Affine2D().skew(np.arctan(kx), np.arctan(ky)).get_matrix()[:2, :2]
    np.testing.assert_allclose(shear_matrix(kx, ky), expected, atol=1e-15)


@given(angles, angles, st.floats(0.1, 10), st.floats(0.1, 10), small)
def test_2d_maps_compose_and_scale_areas(a, b, sx, sy, k):
    np.testing.assert_allclose(
        rotation_matrix(a) @ rotation_matrix(b), rotation_matrix(a + b), atol=1e-12
    )
    # Areas scale by |det|: 1 for rotations and shears, sx * sy for scalings.
    assert np.linalg.det(rotation_matrix(a)) == pytest.approx(1.0)
    assert np.linalg.det(shear_matrix(kx=k)) == pytest.approx(1.0)
    assert np.linalg.det(shear_matrix(ky=k)) == pytest.approx(1.0)
    assert np.linalg.det(scaling_matrix(sx, sy)) == pytest.approx(sx * sy)


@pytest.mark.parametrize(
    ("make", "args", "error", "fragment"),
    [
        (rotation_matrix, (np.nan,), ValueError, "theta must be non-empty and finite"),
        (rotation_matrix, ([0.1, 0.2],), ValueError, "theta must have 0 dimension"),
        (rotation_matrix, ("a",), TypeError, "theta must be array-like"),
        (scaling_matrix, (1.0, np.inf), ValueError, "sy must be non-empty and finite"),
        (scaling_matrix, ([], 1.0), ValueError, "sx must have 0 dimension"),
        (scaling_matrix, (None, 1.0), ValueError, "sx must be non-empty and finite"),
        (shear_matrix, (np.inf,), ValueError, "kx must be non-empty and finite"),
        (shear_matrix, (0.0, [1, 2]), ValueError, "ky must have 0 dimension"),
        (shear_matrix, (0.0, "x"), TypeError, "ky must be array-like"),
        (shear_matrix, (1.5, 0.25), ValueError, "give kx or ky, not both"),
    ],
)
def test_2d_maps_reject_bad_input(make, args, error, fragment):
    with pytest.raises(error, match=fragment):
        make(*args)


# ---------------------------------------------------------------- transform_points


def test_transform_points_matches_one_point_at_a_time():
    rng = np.random.default_rng(0)
    A, P = rng.normal(size=(3, 3)), rng.normal(size=(10, 3))
    expected = np.array([A @ p for p in P])
    np.testing.assert_allclose(transform_points(A, P), expected, rtol=1e-12)
    # and matplotlib's transform of row points for a 2-D rotation
    R = Affine2D().rotate(0.7)
    Q = rng.normal(size=(10, 2))
    np.testing.assert_allclose(
        transform_points(rotation_matrix(0.7), Q), R.transform(Q), atol=1e-12
    )


@given(
    arrays(np.float64, (6, 2), elements=finite),
    arrays(np.float64, (6, 2), elements=finite),
    small,
    angles,
)
def test_transform_points_is_linear_and_rotations_keep_lengths(P, Q, c, theta):
    A = np.array([[1.0, 0.5], [-0.3, 1.0]])
    scale = 1 + np.abs(P).max() + np.abs(Q).max() * (1 + abs(c))
    np.testing.assert_allclose(
        transform_points(A, P + c * Q),
        transform_points(A, P) + c * transform_points(A, Q),
        atol=1e-9 * scale,
    )
    np.testing.assert_allclose(
        np.linalg.norm(transform_points(rotation_matrix(theta), P), axis=1),
        np.linalg.norm(P, axis=1),
        rtol=1e-9,
        atol=1e-9,
    )


@pytest.mark.parametrize(
    ("A", "points", "error", "fragment"),
    [
        (
            np.eye(2),
            [[1, 2, 3]],
            ValueError,
            "points have 3 coordinates but A is 2 x 2",
        ),
        ([[1, 2, 3]], [[1, 2]], ValueError, "A must be a square matrix"),
        (np.eye(2), [1, 2], ValueError, "points must have 2 dimension"),
        (np.eye(2), [[1, np.nan]], ValueError, "points must be non-empty and finite"),
        (np.eye(2), np.empty((0, 2)), ValueError, "points must be non-empty"),
        ("A", [[1, 2]], TypeError, "A must be array-like"),
    ],
)
def test_transform_points_rejects_bad_input(A, points, error, fragment):
    with pytest.raises(error, match=fragment):
        transform_points(A, points)


# ---------------------------------------------------------------- rank


def test_rank_matches_numpy_matrix_rank():
    rng = np.random.default_rng(1)
    for m, n, r in [(5, 5, 5), (5, 5, 2), (8, 3, 3), (3, 8, 1), (6, 6, 0)]:
        A = low_rank(rng, m, n, r) if r else np.zeros((m, n))
        assert rank(A) == np.linalg.matrix_rank(A) == r


@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 6), st.integers(0, 1000))
def test_rank_of_a_product_of_thin_factors(m, n, r, seed):
    r = min(r, m, n)
    A = low_rank(np.random.default_rng(seed), m, n, r)
    assert rank(A) == r == rank(A.T)
    assert rank(A, tol=0) >= rank(A)


@pytest.mark.parametrize(
    ("A", "tol", "error", "fragment"),
    [
        ([1, 2], None, ValueError, "A must have 2 dimension"),
        ([[1, np.inf]], None, ValueError, "A must be non-empty and finite"),
        (np.empty((0, 3)), None, ValueError, "A must be non-empty"),
        ([[1, 2]], -1.0, ValueError, "tol must be a finite number >= 0"),
        ([[1, 2]], np.nan, ValueError, "tol must be a finite number >= 0"),
        ([["a"]], None, TypeError, "A must be array-like"),
    ],
)
def test_rank_rejects_bad_input(A, tol, error, fragment):
    with pytest.raises(error, match=fragment):
        rank(A, tol)


# ---------------------------------------------------------------- span, independence


def test_independence_and_span_match_least_squares():
    rng = np.random.default_rng(2)
    V = rng.normal(size=(2, 4))
    assert is_linearly_independent(V)
    assert not is_linearly_independent(np.vstack([V, V[0] - 3 * V[1]]))
    inside, outside = 2 * V[0] - V[1], rng.normal(size=4)
    for x, expected in [(inside, True), (outside, False)]:
        # Independent check: x is in the row span iff the least-squares residual is zero.
        c, *_ = np.linalg.lstsq(V.T, x, rcond=None)
        assert (np.linalg.norm(V.T @ c - x) < 1e-10) == expected
        assert in_span(V, x) == expected


@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 1000))
def test_independence_of_random_vectors_depends_on_count(k, n, seed):
    V = np.random.default_rng(seed).normal(size=(k, n))
    assert is_linearly_independent(V) == (k <= n)


@given(arrays(np.float64, 2, elements=small), st.integers(0, 1000))
def test_every_combination_is_in_the_span(c, seed):
    V = np.random.default_rng(seed).normal(size=(2, 4))
    assert in_span(V, c @ V)


@pytest.mark.parametrize(
    ("vectors", "x", "error", "fragment"),
    [
        ([[1, 0]], [1, 0, 0], ValueError, "x has 3 entries but the vectors have 2"),
        ([1, 0], [1, 0], ValueError, "vectors must have 2 dimension"),
        ([[1, 0]], [[1, 0]], ValueError, "x must have 1 dimension"),
        ([[1, np.nan]], [1, 0], ValueError, "vectors must be non-empty and finite"),
        ([[1, 0]], [], ValueError, "x must be non-empty"),
        ([[1, 0]], "xy", TypeError, "x must be array-like"),
    ],
)
def test_in_span_rejects_bad_input(vectors, x, error, fragment):
    with pytest.raises(error, match=fragment):
        in_span(vectors, x)


@pytest.mark.parametrize(
    ("vectors", "error", "fragment"),
    [
        ([1, 0], ValueError, "vectors must have 2 dimension"),
        ([[np.inf, 0]], ValueError, "vectors must be non-empty and finite"),
        (np.empty((0, 2)), ValueError, "vectors must be non-empty"),
        ([["a", 1]], TypeError, "vectors must be array-like"),
    ],
)
def test_is_linearly_independent_rejects_bad_input(vectors, error, fragment):
    with pytest.raises(error, match=fragment):
        is_linearly_independent(vectors)


# ---------------------------------------------------------------- null_space


def test_null_space_matches_scipy():
    rng = np.random.default_rng(3)
    for m, n, r in [(3, 5, 3), (5, 5, 2), (6, 4, 4), (2, 6, 1)]:
        A = low_rank(rng, m, n, r)
        N, ref = null_space(A), scipy.linalg.null_space(A)
        assert N.shape == ref.shape == (n, n - r)
        # Bases differ by a rotation; the projectors onto the space agree.
        np.testing.assert_allclose(N @ N.T, ref @ ref.T, atol=1e-10)


@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 6), st.integers(0, 1000))
def test_rank_nullity_and_orthonormality(m, n, r, seed):
    r = min(r, m, n)
    A = low_rank(np.random.default_rng(seed), m, n, r)
    N = null_space(A)
    assert rank(A) + N.shape[1] == n
    np.testing.assert_allclose(A @ N, 0.0, atol=1e-9 * (1 + np.abs(A).max()))
    np.testing.assert_allclose(N.T @ N, np.eye(N.shape[1]), atol=1e-12)


def test_null_space_tol_and_full_rank():
    assert null_space(np.eye(3)).shape == (3, 0)
    nearly = [[1.0, 2.0], [2.0, 4.0 + 1e-15]]
    assert null_space(nearly).shape == (2, 1)
    assert null_space(nearly, tol=0).shape == (2, 0)


@pytest.mark.parametrize(
    ("A", "tol", "error", "fragment"),
    [
        ([1, 2], None, ValueError, "A must have 2 dimension"),
        ([[np.nan, 1]], None, ValueError, "A must be non-empty and finite"),
        (np.empty((2, 0)), None, ValueError, "A must be non-empty"),
        ([[1, 2]], -0.1, ValueError, "tol must be a finite number >= 0"),
        ([[1, 2]], "0", ValueError, "tol must be a finite number >= 0"),
        (object(), None, TypeError, "A must be array-like"),
    ],
)
def test_null_space_rejects_bad_input(A, tol, error, fragment):
    with pytest.raises(error, match=fragment):
        null_space(A, tol)


# ---------------------------------------------------------------- change of basis


def test_check_basis_accepts_invertible_and_rejects_singular():
    rng = np.random.default_rng(4)
    B = rng.normal(size=(4, 4))
    np.testing.assert_array_equal(check_basis(B), B)
    with pytest.raises(ValueError, match="B must be invertible"):
        check_basis(low_rank(rng, 4, 4, 3))
    with pytest.raises(ValueError, match="W must be invertible"):
        check_basis(np.zeros((2, 2)), "W")


@given(st.integers(1, 5), st.integers(0, 1000))
def test_check_basis_agrees_with_numpy_rank(n, seed):
    rng = np.random.default_rng(seed)
    r = int(rng.integers(0, n + 1))
    B = low_rank(rng, n, n, r) if r else np.zeros((n, n))
    if np.linalg.matrix_rank(B) == n:
        check_basis(B)
    else:
        with pytest.raises(ValueError, match="invertible"):
            check_basis(B)


@pytest.mark.parametrize(
    ("B", "error", "fragment"),
    [
        ([[1, 2, 3]], ValueError, "B must be a square matrix"),
        ([[np.inf]], ValueError, "B must be non-empty and finite"),
        ([], ValueError, "B must be non-empty"),
        ("B", TypeError, "B must be array-like"),
    ],
)
def test_check_basis_rejects_bad_input(B, error, fragment):
    with pytest.raises(error, match=fragment):
        check_basis(B)


def test_to_basis_matches_numpy_solve_and_reconstructs():
    rng = np.random.default_rng(5)
    B, X = rng.normal(size=(3, 3)), rng.normal(size=(7, 3))
    C = to_basis(X, B)
    np.testing.assert_allclose(C @ B.T, X, atol=1e-10)  # x = B c for every row
    np.testing.assert_allclose(to_basis(X[0], B), np.linalg.solve(B, X[0]), rtol=1e-12)
    # In an orthonormal basis the coordinates are the dot products Q^T x.
    Q = scipy.linalg.qr(rng.normal(size=(3, 3)))[0]
    np.testing.assert_allclose(to_basis(X[0], Q), Q.T @ X[0], atol=1e-12)


@given(arrays(np.float64, 3, elements=small), arrays(np.float64, 3, elements=small))
def test_to_basis_is_linear(x, y):
    B = np.array([[2.0, 1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 0.0, 3.0]])
    np.testing.assert_allclose(
        to_basis(x + y, B), to_basis(x, B) + to_basis(y, B), atol=1e-10
    )


@pytest.mark.parametrize(
    ("x", "B", "error", "fragment"),
    [
        ([1, 2, 3], np.eye(2), ValueError, r"x must have shape \(2,\) or \(m, 2\)"),
        (np.ones((2, 2, 2)), np.eye(2), ValueError, "x must have shape"),
        ([1, 2], [[1, 2], [2, 4]], ValueError, "B must be invertible"),
        ([1, 2], [[1, 2, 3], [4, 5, 6]], ValueError, "B must be a square matrix"),
        ([1, np.nan], np.eye(2), ValueError, "x must be non-empty and finite"),
        ([], np.eye(2), ValueError, "x must be non-empty"),
        ("ab", np.eye(2), TypeError, "x must be array-like"),
    ],
)
def test_to_basis_rejects_bad_input(x, B, error, fragment):
    with pytest.raises(error, match=fragment):
        to_basis(x, B)


def test_matrix_in_basis_matches_explicit_inverse_and_eigh():
    rng = np.random.default_rng(6)
    A, B = rng.normal(size=(4, 4)), rng.normal(size=(4, 4))
    np.testing.assert_allclose(
        matrix_in_basis(A, B), np.linalg.inv(B) @ A @ B, rtol=1e-8, atol=1e-10
    )
    # In the basis of its eigenvectors, a symmetric matrix is diagonal.
    S = A + A.T
    w, V = np.linalg.eigh(S)
    np.testing.assert_allclose(matrix_in_basis(S, V), np.diag(w), atol=1e-10)


@given(st.integers(0, 1000))
def test_matrix_in_basis_keeps_trace_and_determinant(seed):
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(3, 3)), rng.normal(size=(3, 3)) + 3 * np.eye(3)
    M = matrix_in_basis(A, B)
    assert np.trace(M) == pytest.approx(np.trace(A), abs=1e-8)
    assert np.linalg.det(M) == pytest.approx(np.linalg.det(A), abs=1e-8)
    # and it acts on coordinates: coords(A x) = M coords(x)
    x = rng.normal(size=3)
    np.testing.assert_allclose(to_basis(A @ x, B), M @ to_basis(x, B), atol=1e-8)


@pytest.mark.parametrize(
    ("A", "B", "error", "fragment"),
    [
        (np.eye(3), np.eye(2), ValueError, "A and B must have the same shape"),
        ([[1, 2, 3]], np.eye(2), ValueError, "A must be a square matrix"),
        (np.eye(2), np.ones((2, 2)), ValueError, "B must be invertible"),
        ([[np.nan]], [[1]], ValueError, "A must be non-empty and finite"),
        (np.eye(2), np.empty((0, 0)), ValueError, "B must be non-empty"),
        (np.eye(2), "B", TypeError, "B must be array-like"),
    ],
)
def test_matrix_in_basis_rejects_bad_input(A, B, error, fragment):
    with pytest.raises(error, match=fragment):
        matrix_in_basis(A, B)


# ---------------------------------------------------------------- plot_linear_maps


def test_plot_linear_maps_draws_the_image_of_the_unit_square():
    fig = plot_linear_maps()
    assert fig.get_label()
    assert len(fig.axes) == len(EXAMPLE_MAPS)
    for ax, A in zip(fig.axes, EXAMPLE_MAPS.values(), strict=True):
        patches = ax.patches
        original, image = patches[0].get_xy(), patches[1].get_xy()
        np.testing.assert_allclose(original[:5], UNIT_SQUARE)
        np.testing.assert_allclose(image[:5], UNIT_SQUARE @ A.T, atol=1e-12)
        # The arrows end at the columns of A, the images of e1 and e2.
        tips = [np.array(t.xy) for t in ax.texts]
        np.testing.assert_allclose(tips, A.T, atol=1e-12)
