"""Tests for snippets/linear_algebra/matrices.py (page: docs/linear-algebra/matrices.md)."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import ortho_group

from snippets.linear_algebra.matrices import (
    attention_scores,
    batched_matmul,
    classify_matrix,
    dense_layer,
    matmul,
    plot_special_matrices,
    random_orthogonal,
    special_matrices,
    symmetric_part,
    trace,
    trace_of_product,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
small = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


def matrices(shape):
    return arrays(np.float64, shape, elements=finite)


# ---------------------------------------------------------------- matmul


def test_matmul_matches_numpy():
    rng = np.random.default_rng(0)
    for m, n, p in [(1, 1, 1), (3, 4, 5), (7, 2, 6), (10, 10, 1)]:
        A, B = rng.normal(size=(m, n)), rng.normal(size=(n, p))
        np.testing.assert_allclose(matmul(A, B), np.matmul(A, B), rtol=1e-12)


@given(matrices((3, 4)), matrices((4, 2)), matrices((2, 3)))
def test_matmul_is_associative_and_transposes_in_reverse(A, B, C):
    # (AB)C = A(BC) and (AB)^T = B^T A^T, identities of the product.
    left, right = matmul(matmul(A, B), C), matmul(A, matmul(B, C))
    scale = 1 + np.abs(A).max() * np.abs(B).max() * np.abs(C).max()
    np.testing.assert_allclose(left, right, atol=1e-9 * scale)
    np.testing.assert_allclose(matmul(A, B).T, matmul(B.T, A.T), atol=1e-12)


@pytest.mark.parametrize(
    ("A", "B", "error", "fragment"),
    [
        ([[1, 2]], [[1, 2]], ValueError, "A has 2 columns but B has 1 rows"),
        ([1, 2], [[1], [2]], ValueError, "A must have 2 dimension"),
        ([[1, 2]], [[np.nan], [1]], ValueError, "B must be non-empty and finite"),
        (np.empty((0, 2)), [[1], [2]], ValueError, "A must be non-empty"),
        ([[1, 2]], "ab", TypeError, "B must be array-like"),
    ],
)
def test_matmul_rejects_bad_input(A, B, error, fragment):
    with pytest.raises(error, match=fragment):
        matmul(A, B)


# ---------------------------------------------------------------- dense_layer


def test_dense_layer_matches_an_explicit_neuron_loop():
    rng = np.random.default_rng(1)
    X, W, b = rng.normal(size=(6, 4)), rng.normal(size=(3, 4)), rng.normal(size=3)
    # Output j of sample i is the dot product of neuron j's weights with x_i, plus b_j.
    expected = np.array(
        [
            [sum(W[j, t] * X[i, t] for t in range(4)) + b[j] for j in range(3)]
            for i in range(6)
        ]
    )
    np.testing.assert_allclose(dense_layer(X, W, b), expected, rtol=1e-12)
    np.testing.assert_allclose(dense_layer(X[0], W, b), expected[0], rtol=1e-12)


@given(matrices((5, 3)), matrices((2, 3)), arrays(np.float64, 2, elements=finite))
def test_dense_layer_batch_equals_rows(X, W, b):
    Y = dense_layer(X, W, b)
    assert Y.shape == (5, 2)
    for i in range(5):
        np.testing.assert_allclose(Y[i], dense_layer(X[i], W, b), rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize(
    ("X", "W", "b", "error", "fragment"),
    [
        ([1, 2, 3], [[1, 2]], [0], ValueError, "X has 3 features but W expects 2"),
        ([1, 2], [[1, 2]], [0, 1], ValueError, "b has 2 entries but W has 1 rows"),
        (np.ones((2, 2, 2)), [[1, 2]], [0], ValueError, "X must be a vector"),
        ([1, 2], [1, 2], [0], ValueError, "W must have 2 dimension"),
        ([1, np.inf], [[1, 2]], [0], ValueError, "X must be non-empty and finite"),
        ([], [[1, 2]], [0], ValueError, "X must be non-empty"),
        ([1, 2], [[1, 2]], [[0]], ValueError, "b must have 1 dimension"),
        ([1, 2], [[1, 2]], "ab", TypeError, "b must be array-like"),
    ],
)
def test_dense_layer_rejects_bad_input(X, W, b, error, fragment):
    with pytest.raises(error, match=fragment):
        dense_layer(X, W, b)


# ---------------------------------------------------------------- classify_matrix


def test_classify_matrix_matches_scipy_and_numpy_tests():
    rng = np.random.default_rng(2)
    M = rng.normal(size=(5, 5))
    Q = ortho_group.rvs(5, random_state=3)
    cases = [M, M + M.T, np.triu(M), np.tril(M), np.diag(M.diagonal()), np.eye(5), Q]
    for A in cases:
        kinds = classify_matrix(A)
        assert ("symmetric" in kinds) == scipy.linalg.issymmetric(A, atol=1e-12)
        assert ("upper triangular" in kinds) == np.array_equal(A, np.triu(A))
        assert ("lower triangular" in kinds) == np.array_equal(A, np.tril(A))
        assert ("diagonal" in kinds) == (
            np.count_nonzero(A - np.diag(A.diagonal())) == 0
        )
        assert ("identity" in kinds) == np.array_equal(A, np.eye(5))
        assert ("orthogonal" in kinds) == np.allclose(A @ A.T, np.eye(5), atol=1e-12)


@given(matrices((4, 4)))
def test_classify_matrix_symmetric_part_and_triangles(A):
    assert "symmetric" in classify_matrix(symmetric_part(A))
    assert "upper triangular" in classify_matrix(np.triu(A))
    assert "lower triangular" in classify_matrix(np.tril(A))
    if "orthogonal" in classify_matrix(A):  # only if A happens to be orthogonal
        np.testing.assert_allclose(A.T @ A, np.eye(4), atol=1e-8)


def test_classify_matrix_tolerance():
    S = np.array([[1.0, 1.0 + 1e-12], [1.0, 1.0]])
    assert "symmetric" in classify_matrix(S)
    assert "symmetric" not in classify_matrix(S, tol=0)


@pytest.mark.parametrize(
    ("A", "tol", "error", "fragment"),
    [
        ([[1, 2, 3], [4, 5, 6]], 1e-10, ValueError, "A must be a square matrix"),
        ([1, 2], 1e-10, ValueError, "A must be a square matrix"),
        ([[1, np.nan], [0, 1]], 1e-10, ValueError, "A must be non-empty and finite"),
        (np.empty((0, 0)), 1e-10, ValueError, "A must be non-empty"),
        ([[1, 0], [0, 1]], -1.0, ValueError, "tol must be a finite number >= 0"),
        ([[1, 0], [0, 1]], np.nan, ValueError, "tol must be a finite number >= 0"),
        ("abc", 1e-10, TypeError, "A must be array-like"),
    ],
)
def test_classify_matrix_rejects_bad_input(A, tol, error, fragment):
    with pytest.raises(error, match=fragment):
        classify_matrix(A, tol)


# ---------------------------------------------------------------- symmetric_part


def test_symmetric_part_splits_a_matrix():
    rng = np.random.default_rng(4)
    A = rng.normal(size=(4, 4))
    S = symmetric_part(A)
    skew = A - S
    # A = S + K with S symmetric and K skew-symmetric (K^T = -K), the unique split.
    np.testing.assert_allclose(S, S.T)
    np.testing.assert_allclose(skew, -skew.T)


@given(matrices((3, 3)), arrays(np.float64, 3, elements=small))
def test_symmetric_part_keeps_the_quadratic_form(A, x):
    scale = 1 + np.abs(A).max() * np.abs(x).max() ** 2
    assert x @ symmetric_part(A) @ x == pytest.approx(x @ A @ x, abs=1e-9 * scale)


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 2, 3]], ValueError, "A must be a square matrix"),
        ([[np.inf]], ValueError, "A must be non-empty and finite"),
        ([], ValueError, "A must be non-empty"),
        ([["a"]], TypeError, "A must be array-like"),
    ],
)
def test_symmetric_part_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        symmetric_part(A)


# ---------------------------------------------------------------- random_orthogonal


def test_random_orthogonal_is_orthogonal_and_haar_distributed():
    rng = np.random.default_rng(5)
    n = 4
    samples = np.array([random_orthogonal(n, rng) for _ in range(4000)])
    eye = np.broadcast_to(np.eye(n), samples.shape)
    np.testing.assert_allclose(samples.transpose(0, 2, 1) @ samples, eye, atol=1e-12)
    # Under the uniform (Haar) distribution every entry has mean 0 and E[Q_ij^2] = 1/n,
    # and det(Q) is +1 or -1 with probability 1/2 each. Compare with scipy's ortho_group.
    reference = ortho_group.rvs(n, size=4000, random_state=6)
    np.testing.assert_allclose((samples**2).mean(axis=0), 1 / n, atol=0.02)
    np.testing.assert_allclose((reference**2).mean(axis=0), 1 / n, atol=0.02)
    np.testing.assert_allclose(samples.mean(axis=0), 0.0, atol=0.04)
    assert abs(np.mean(np.linalg.det(samples) > 0) - 0.5) < 0.05
    # The first column of a Haar matrix is uniform on the sphere: E[|q_11|] is the same.
    assert np.abs(samples[:, 0, 0]).mean() == pytest.approx(
        np.abs(reference[:, 0, 0]).mean(), abs=0.02
    )


@given(st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_random_orthogonal_keeps_lengths(n, seed):
    rng = np.random.default_rng(seed)
    Q = random_orthogonal(n, rng)
    x = rng.normal(size=n)
    assert np.linalg.norm(Q @ x) == pytest.approx(np.linalg.norm(x), rel=1e-12)
    assert abs(np.linalg.det(Q)) == pytest.approx(1.0, rel=1e-10)
    assert "orthogonal" in classify_matrix(Q)


def test_random_orthogonal_is_reproducible_and_defaults_rng():
    a = random_orthogonal(3, np.random.default_rng(7))
    b = random_orthogonal(3, np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    assert random_orthogonal(2).shape == (2, 2)


@pytest.mark.parametrize(
    ("n", "rng", "error", "fragment"),
    [
        (0, None, ValueError, "n must be a positive integer"),
        (-3, None, ValueError, "n must be a positive integer"),
        (2.5, None, ValueError, "n must be a positive integer"),
        (True, None, ValueError, "n must be a positive integer"),
        (3, 42, TypeError, "rng must be a numpy Generator"),
    ],
)
def test_random_orthogonal_rejects_bad_input(n, rng, error, fragment):
    with pytest.raises(error, match=fragment):
        random_orthogonal(n, rng)


# ---------------------------------------------------------------- trace, trace_of_product


def test_trace_matches_numpy_and_eigenvalues():
    rng = np.random.default_rng(8)
    for n in [1, 2, 5, 9]:
        A = rng.normal(size=(n, n))
        assert trace(A) == pytest.approx(np.trace(A), rel=1e-12)
        # tr(A) = sum of eigenvalues (complex ones come in conjugate pairs).
        assert trace(A) == pytest.approx(np.linalg.eigvals(A).sum().real, abs=1e-9)


@given(matrices((3, 3)), matrices((3, 3)), small)
def test_trace_is_linear_and_transpose_invariant(A, B, c):
    scale = 1 + np.abs(A).max() + np.abs(B).max()
    assert trace(A + c * B) == pytest.approx(
        trace(A) + c * trace(B), abs=1e-9 * scale * 10
    )
    assert trace(A.T) == trace(A)


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 2, 3], [4, 5, 6]], ValueError, "A must be a square matrix"),
        ([[np.nan]], ValueError, "A must be non-empty and finite"),
        (np.empty((0, 0)), ValueError, "A must be non-empty"),
        ("x", TypeError, "A must be array-like"),
    ],
)
def test_trace_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        trace(A)


def test_trace_of_product_matches_numpy():
    rng = np.random.default_rng(9)
    for m, n in [(1, 1), (2, 3), (5, 4), (6, 6)]:
        A, B = rng.normal(size=(m, n)), rng.normal(size=(n, m))
        assert trace_of_product(A, B) == pytest.approx(np.trace(A @ B), rel=1e-10)


@given(matrices((2, 4)), matrices((4, 2)))
def test_trace_of_product_is_cyclic(A, B):
    scale = 1 + np.abs(A).max() * np.abs(B).max()
    assert trace_of_product(A, B) == pytest.approx(
        trace_of_product(B, A), abs=1e-9 * scale
    )
    assert trace_of_product(A, A.T) == pytest.approx(
        np.linalg.norm(A) ** 2, rel=1e-9, abs=1e-12
    )


@pytest.mark.parametrize(
    ("A", "B", "error", "fragment"),
    [
        ([[1, 2]], [[1, 2]], ValueError, r"B must have shape \(2, 1\)"),
        ([1, 2], [[1], [2]], ValueError, "A must have 2 dimension"),
        ([[1, 2]], [[np.inf], [2]], ValueError, "B must be non-empty and finite"),
        ([[1, 2]], [], ValueError, "B must have 2 dimension"),
        ([[1, 2]], object(), TypeError, "B must be array-like"),
    ],
)
def test_trace_of_product_rejects_bad_input(A, B, error, fragment):
    with pytest.raises(error, match=fragment):
        trace_of_product(A, B)


# ---------------------------------------------------------------- batched_matmul


def test_batched_matmul_matches_loops_and_np_matmul():
    rng = np.random.default_rng(10)
    A, B = rng.normal(size=(6, 3, 4)), rng.normal(size=(6, 4, 2))
    loops = np.zeros((6, 3, 2))
    for b in range(6):
        for i in range(3):
            for j in range(2):
                loops[b, i, j] = sum(A[b, i, k] * B[b, k, j] for k in range(4))
    np.testing.assert_allclose(batched_matmul(A, B), loops, rtol=1e-12)
    np.testing.assert_allclose(batched_matmul(A, B), np.matmul(A, B), rtol=1e-12)


@given(matrices((2, 3, 3)), matrices((2, 3, 3)))
def test_batched_matmul_transposes_in_reverse(A, B):
    left = batched_matmul(A, B).transpose(0, 2, 1)
    right = batched_matmul(B.transpose(0, 2, 1), A.transpose(0, 2, 1))
    np.testing.assert_allclose(left, right, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize(
    ("A", "B", "error", "fragment"),
    [
        (np.ones((2, 3, 4)), np.ones((3, 4, 5)), ValueError, "same batch size"),
        (
            np.ones((2, 3, 4)),
            np.ones((2, 3, 5)),
            ValueError,
            "4 columns but B's have 3 rows",
        ),
        (np.ones((3, 4)), np.ones((2, 4, 5)), ValueError, "A must have 3 dimension"),
        (
            np.full((1, 1, 1), np.nan),
            np.ones((1, 1, 1)),
            ValueError,
            "A must be non-empty and finite",
        ),
        (np.ones((1, 1, 1)), np.empty((1, 1, 0)), ValueError, "B must be non-empty"),
        (np.ones((1, 1, 1)), "x", TypeError, "B must be array-like"),
    ],
)
def test_batched_matmul_rejects_bad_input(A, B, error, fragment):
    with pytest.raises(error, match=fragment):
        batched_matmul(A, B)


# ---------------------------------------------------------------- attention_scores


def test_attention_scores_match_loops():
    rng = np.random.default_rng(11)
    Q, K = rng.normal(size=(3, 4, 8)), rng.normal(size=(3, 6, 8))
    expected = np.empty((3, 4, 6))
    for b in range(3):
        for s in range(4):
            for t in range(6):
                expected[b, s, t] = np.dot(Q[b, s], K[b, t]) / np.sqrt(8)
    np.testing.assert_allclose(attention_scores(Q, K), expected, rtol=1e-12)


@given(matrices((2, 3, 4)), matrices((2, 5, 4)), st.floats(0.1, 10))
def test_attention_scores_scale_linearly(Q, K, c):
    np.testing.assert_allclose(
        attention_scores(c * Q, K), c * attention_scores(Q, K), rtol=1e-9, atol=1e-6
    )
    np.testing.assert_allclose(
        attention_scores(K, Q), attention_scores(Q, K).transpose(0, 2, 1), rtol=1e-12
    )


@pytest.mark.parametrize(
    ("Q", "K", "error", "fragment"),
    [
        (
            np.ones((2, 3, 4)),
            np.ones((2, 3, 5)),
            ValueError,
            "must agree in batch size",
        ),
        (
            np.ones((2, 3, 4)),
            np.ones((1, 3, 4)),
            ValueError,
            "must agree in batch size",
        ),
        (np.ones((3, 4)), np.ones((2, 3, 4)), ValueError, "Q must have 3 dimension"),
        (
            np.ones((1, 1, 1)),
            np.full((1, 1, 1), np.inf),
            ValueError,
            "K must be non-empty and finite",
        ),
        (np.empty((0, 1, 1)), np.ones((1, 1, 1)), ValueError, "Q must be non-empty"),
        ("q", np.ones((1, 1, 1)), TypeError, "Q must be array-like"),
    ],
)
def test_attention_scores_rejects_bad_input(Q, K, error, fragment):
    with pytest.raises(error, match=fragment):
        attention_scores(Q, K)


# ---------------------------------------------------------------- plot_special_matrices


def test_plot_special_matrices_shows_each_kind():
    fig = plot_special_matrices()
    assert fig.get_label()
    examples = special_matrices()
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == list(examples)
    for ax, (name, M) in zip(fig.axes, examples.items(), strict=True):
        shown = np.asarray(ax.get_images()[0].get_array())
        np.testing.assert_array_equal(shown, M)
        expected = "upper triangular" if name == "upper triangular" else name
        assert expected in classify_matrix(shown)
