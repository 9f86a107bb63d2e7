"""Tests for snippets/linear_algebra/svd_pca.py (page: docs/linear-algebra/svd-pca.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.decomposition import PCA

from snippets.linear_algebra.svd_pca import (
    eckart_young_error,
    explained_variance_ratio,
    low_rank_approximation,
    n_components_for_variance,
    pca_eig,
    pca_reconstruct,
    pca_svd,
    pca_transform,
    plot_eigendigits,
    plot_explained_variance,
    plot_low_rank_images,
    plot_pca_axes,
    plot_projection_2d,
    plot_rank_error,
    plot_reconstructions,
    svd_from_eigh,
)
from snippets.plotting import png_bytes

# Rounded draws keep hypothesis away from 1e-300-sized entries (underflow in A^T A).
finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False).map(
    lambda x: round(x, 6)
)


def matrices(shape):
    return arrays(np.float64, shape, elements=finite)


def align_signs(W: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Flip each row of W to point the same way as the matching row of ref."""
    return W * np.sign(np.sum(W * ref, axis=1))[:, None]


@pytest.fixture(scope="module")
def data() -> np.ndarray:
    # Anisotropic Gaussian data with distinct variances (well-separated components).
    rng = np.random.default_rng(0)
    return rng.normal(size=(200, 6)) * np.array([5, 3, 2, 1, 0.5, 0.2]) + 1.0


# ---------------------------------------------------------------- svd_from_eigh


def test_svd_from_eigh_matches_numpy_svd_up_to_signs():
    rng = np.random.default_rng(1)
    A = rng.normal(size=(9, 4))
    U, s, Vt = svd_from_eigh(A)
    U2, s2, Vt2 = np.linalg.svd(A, full_matrices=False)
    np.testing.assert_allclose(s, s2, rtol=1e-10)
    # Singular vectors are unique up to a simultaneous sign flip of u_i and v_i.
    signs = np.sign(np.sum(Vt * Vt2, axis=1))
    np.testing.assert_allclose(Vt, Vt2 * signs[:, None], atol=1e-10)
    np.testing.assert_allclose(U, U2 * signs, atol=1e-10)


@given(matrices((5, 3)))
def test_svd_from_eigh_factors_a(A):
    s_ref = np.linalg.svd(A, compute_uv=False)
    if s_ref[-1] < 1e-3 * max(s_ref[0], 1e-300):
        return  # ill-conditioned draws: the squared route is not accurate there
    U, s, Vt = svd_from_eigh(A)
    np.testing.assert_allclose((U * s) @ Vt, A, atol=1e-8 * (1 + np.abs(A).max()))
    np.testing.assert_allclose(U.T @ U, np.eye(3), atol=1e-8)
    np.testing.assert_allclose(Vt @ Vt.T, np.eye(3), atol=1e-10)
    assert np.all(np.diff(s) <= 0)


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 2], [2, 4], [3, 6]], ValueError, "full column rank"),
        ([[1, 2, 3], [4, 5, 6]], ValueError, "at least as many rows"),
        ([1, 2], ValueError, "A must have 2 dimension"),
        ([[np.nan, 1], [0, 1]], ValueError, "A must be non-empty and finite"),
        ("ab", TypeError, "A must be array-like"),
    ],
)
def test_svd_from_eigh_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        svd_from_eigh(A)


# ---------------------------------------------------------------- low rank, Eckart–Young


def test_low_rank_error_equals_eckart_young_in_both_norms():
    # Eckart–Young–Mirsky: |A - A_k|_2 = sigma_{k+1}, |A - A_k|_F = sqrt(sum_{i>k} s_i^2).
    rng = np.random.default_rng(2)
    A = rng.normal(size=(12, 8))
    s = np.linalg.svd(A, compute_uv=False)
    for k in range(1, 9):
        Ak = low_rank_approximation(A, k)
        assert np.linalg.matrix_rank(Ak) == k
        assert np.linalg.norm(A - Ak, 2) == pytest.approx(
            eckart_young_error(s, k, "2"), abs=1e-12
        )
        assert np.linalg.norm(A - Ak, "fro") == pytest.approx(
            eckart_young_error(s, k, "fro"), abs=1e-12
        )
    np.testing.assert_allclose(low_rank_approximation(A, 8), A, atol=1e-12)
    np.testing.assert_allclose(
        low_rank_approximation(A, np.int64(3)), low_rank_approximation(A, 3)
    )


@given(matrices((6, 5)), matrices((6, 2)), matrices((2, 5)))
def test_no_rank_k_matrix_beats_the_truncated_svd(A, B, C):
    # Any rank-2 matrix B C is at least as far from A as A_2, in both norms.
    A2 = low_rank_approximation(A, 2)
    for ord_ in (2, "fro"):
        assert np.linalg.norm(A - A2, ord_) <= np.linalg.norm(A - B @ C, ord_) + 1e-9


def test_eckart_young_error_closed_forms():
    s = [5.0, 4.0, 3.0]
    assert eckart_young_error(s, 1, "2") == 4.0
    assert eckart_young_error(s, 1, "fro") == 5.0  # sqrt(16 + 9)
    assert eckart_young_error(s, 3, "2") == 0.0
    assert eckart_young_error(s, 3, "fro") == 0.0


@pytest.mark.parametrize(
    ("A", "k", "error", "fragment"),
    [
        ([[1, 0], [0, 1]], 3, ValueError, r"k must be an integer in \[1, 2\]"),
        ([[1, 0], [0, 1]], 0, ValueError, "k must be an integer"),
        ([[1, 0], [0, 1]], 1.0, ValueError, "k must be an integer"),
        ([1, 0], 1, ValueError, "A must have 2 dimension"),
        ([[np.inf, 0], [0, 1]], 1, ValueError, "A must be non-empty and finite"),
    ],
)
def test_low_rank_approximation_rejects_bad_input(A, k, error, fragment):
    with pytest.raises(error, match=fragment):
        low_rank_approximation(A, k)


@pytest.mark.parametrize(
    ("s", "k", "norm", "error", "fragment"),
    [
        ([1, 2], 1, "2", ValueError, "sorted descending"),
        ([2, -1], 1, "2", ValueError, "non-negative"),
        ([2, 1], 3, "2", ValueError, "k must be an integer"),
        ([2, 1], 1, "nuc", ValueError, "norm must be '2' or 'fro'"),
        ([], 1, "2", ValueError, "singular_values must be non-empty"),
        ([[2, 1]], 1, "2", ValueError, "singular_values must have 1 dimension"),
    ],
)
def test_eckart_young_error_rejects_bad_input(s, k, norm, error, fragment):
    with pytest.raises(error, match=fragment):
        eckart_young_error(s, k, norm)


# ---------------------------------------------------------------- PCA


@pytest.mark.parametrize("pca", [pca_eig, pca_svd])
def test_pca_matches_scikit_learn(pca, data):
    ref = PCA(n_components=4, svd_solver="full").fit(data)
    mean, W, var = pca(data, 4)
    np.testing.assert_allclose(mean, ref.mean_, atol=1e-12)
    # Components are unique up to sign: align each row with scikit-learn's first.
    np.testing.assert_allclose(
        align_signs(W, ref.components_), ref.components_, atol=1e-9
    )
    np.testing.assert_allclose(var, ref.explained_variance_, rtol=1e-9)
    Z = pca_transform(data, mean, align_signs(W, ref.components_))
    np.testing.assert_allclose(Z, ref.transform(data), atol=1e-9)


def test_pca_eig_and_pca_svd_agree_exactly_up_to_rounding(data):
    # Same sign convention (largest-magnitude entry positive), so no alignment needed.
    for a, b in zip(pca_eig(data, 6), pca_svd(data, 6), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-9)


@given(matrices((8, 3)), st.integers(1, 3))
def test_pca_scores_are_uncorrelated_with_the_explained_variances(X, k):
    mean, W, var = pca_svd(X, k)
    Z = pca_transform(X, mean, W)
    scale = 1 + np.abs(X).max() ** 2
    np.testing.assert_allclose(
        np.cov(Z, rowvar=False).reshape(k, k), np.diag(var), atol=1e-8 * scale
    )
    np.testing.assert_allclose(W @ W.T, np.eye(k), atol=1e-8)
    assert np.all(np.diff(var) <= 1e-9 * scale)


@pytest.mark.parametrize("pca", [pca_eig, pca_svd])
@pytest.mark.parametrize(
    ("X", "k", "error", "fragment"),
    [
        ([[1, 2, 3]], 1, ValueError, "X must have at least 2 rows"),
        ([[1, 2], [3, 4]], 3, ValueError, r"k must be an integer in \[1, 2\]"),
        ([[1, 2], [3, 4]], 0, ValueError, "k must be an integer"),
        ([1, 2, 3], 1, ValueError, "X must have 2 dimension"),
        ([[1, np.nan], [3, 4]], 1, ValueError, "X must be non-empty and finite"),
        ("ab", 1, TypeError, "X must be array-like"),
    ],
)
def test_pca_rejects_bad_input(pca, X, k, error, fragment):
    with pytest.raises(error, match=fragment):
        pca(X, k)


# ---------------------------------------------------------------- transform, reconstruct


def test_reconstruct_matches_scikit_learn_inverse_transform(data):
    ref = PCA(n_components=3, svd_solver="full").fit(data)
    Z = ref.transform(data)
    np.testing.assert_allclose(
        pca_reconstruct(Z, ref.mean_, ref.components_),
        ref.inverse_transform(Z),
        atol=1e-10,
    )


@given(matrices((6, 4)))
def test_full_rank_pca_round_trips(X):
    mean, W, _ = pca_svd(X, 4)
    Z = pca_transform(X, mean, W)
    np.testing.assert_allclose(
        pca_reconstruct(Z, mean, W), X, atol=1e-9 * (1 + np.abs(X).max())
    )


@pytest.mark.parametrize(
    ("X", "mean", "W", "error", "fragment"),
    [
        ([[1, 2]], [0, 0, 0], [[1, 0]], ValueError, "same number of features"),
        ([[1, 2]], [0, 0], [[1, 0, 0]], ValueError, "same number of features"),
        ([1, 2], [0, 0], [[1, 0]], ValueError, "X must have 2 dimension"),
        (
            [[1, 2]],
            [0, np.nan],
            [[1, 0]],
            ValueError,
            "mean must be non-empty and finite",
        ),
        ([[1, 2]], [0, 0], [1, 0], ValueError, "components must have 2 dimension"),
    ],
)
def test_pca_transform_rejects_bad_input(X, mean, W, error, fragment):
    with pytest.raises(error, match=fragment):
        pca_transform(X, mean, W)


@pytest.mark.parametrize(
    ("Z", "mean", "W", "error", "fragment"),
    [
        ([[1, 2]], [0, 0], [[1, 0]], ValueError, "do not match"),
        ([[1]], [0, 0, 0], [[1, 0]], ValueError, "do not match"),
        ([1], [0, 0], [[1, 0]], ValueError, "Z must have 2 dimension"),
        ([[np.inf]], [0, 0], [[1, 0]], ValueError, "Z must be non-empty and finite"),
        ([[1]], "ab", [[1, 0]], TypeError, "mean must be array-like"),
    ],
)
def test_pca_reconstruct_rejects_bad_input(Z, mean, W, error, fragment):
    with pytest.raises(error, match=fragment):
        pca_reconstruct(Z, mean, W)


# ---------------------------------------------------------------- explained variance


def test_explained_variance_ratio_matches_scikit_learn(data):
    ref = PCA().fit(data)
    np.testing.assert_allclose(
        explained_variance_ratio(data), ref.explained_variance_ratio_, atol=1e-12
    )


def test_n_components_for_variance_matches_scikit_learn_float_n_components(data):
    # PCA(n_components=0.9) keeps the fewest components explaining more than 90 %.
    ratios = explained_variance_ratio(data)
    for threshold in (0.5, 0.8, 0.9, 0.99):
        ref = PCA(n_components=threshold, svd_solver="full").fit(data)
        assert n_components_for_variance(ratios, threshold) == ref.n_components_


@given(matrices((7, 4)), st.floats(0.01, 1.0))
def test_explained_variance_ratio_properties(X, threshold):
    if np.ptp(X, axis=0).max() == 0:
        return  # constant data has no variance to explain
    r = explained_variance_ratio(X)
    assert r.sum() == pytest.approx(1.0)
    assert np.all(r >= 0) and np.all(np.diff(r) <= 1e-12)
    np.testing.assert_allclose(explained_variance_ratio(3 * X + 1), r, atol=1e-9)
    k = n_components_for_variance(r, threshold)
    assert np.cumsum(r)[k - 1] >= threshold - 1e-9
    assert k == 1 or np.cumsum(r)[k - 2] < threshold


@pytest.mark.parametrize(
    ("X", "error", "fragment"),
    [
        ([[1, 2], [1, 2]], ValueError, "zero variance"),
        ([[1, 2]], ValueError, "at least 2 rows"),
        ([1, 2], ValueError, "X must have 2 dimension"),
        ([[np.nan, 1], [1, 2]], ValueError, "X must be non-empty and finite"),
    ],
)
def test_explained_variance_ratio_rejects_bad_input(X, error, fragment):
    with pytest.raises(error, match=fragment):
        explained_variance_ratio(X)


@pytest.mark.parametrize(
    ("r", "t", "error", "fragment"),
    [
        ([0.5, 0.4], 0.9, ValueError, "sum to 1"),
        ([1.2, -0.2], 0.9, ValueError, "non-negative"),
        ([0.6, 0.4], 0.0, ValueError, r"threshold must be in \(0, 1\]"),
        ([0.6, 0.4], 1.5, ValueError, "threshold must be in"),
        ([], 0.5, ValueError, "ratios must be non-empty"),
    ],
)
def test_n_components_for_variance_rejects_bad_input(r, t, error, fragment):
    with pytest.raises(error, match=fragment):
        n_components_for_variance(r, t)


# ---------------------------------------------------------------- figures


def test_plot_pca_axes_arrows_follow_the_components():
    fig = plot_pca_axes(n_samples=200, seed=3)
    assert fig.get_label()
    ax = fig.axes[0]
    X = ax.collections[0].get_offsets().data
    mean, W, var = pca_svd(X, 2)
    for i, line in enumerate(ax.get_lines()):
        start, end = np.array(line.get_data()).T
        np.testing.assert_allclose(start, mean)
        np.testing.assert_allclose(end - start, 2 * np.sqrt(var[i]) * W[i], atol=1e-12)


def test_plot_eigendigits_shows_mean_and_components():
    rng = np.random.default_rng(4)
    mean, W = rng.random(64), rng.normal(size=(5, 64))
    fig = plot_eigendigits(mean, W, n_components=3)
    assert fig.get_label()
    shown = [ax.images[0].get_array() for ax in fig.axes if ax.images]
    assert len(shown) == 4
    np.testing.assert_allclose(shown[0], mean.reshape(8, 8))
    np.testing.assert_allclose(shown[3], W[2].reshape(8, 8))
    with pytest.raises(ValueError, match="n_components must be an integer"):
        plot_eigendigits(mean, W, n_components=6)


def test_plot_explained_variance_draws_the_cumulative_sum():
    r = np.array([0.5, 0.3, 0.15, 0.05])
    fig = plot_explained_variance(r, n_show=3)
    assert fig.get_label()
    x, y = fig.axes[0].get_lines()[0].get_data()
    np.testing.assert_allclose(x, [1, 2, 3])
    np.testing.assert_allclose(y, [0.5, 0.8, 0.95])
    heights = [p.get_height() for p in fig.axes[0].patches]
    np.testing.assert_allclose(heights, r[:3])


def test_plot_projection_2d_places_the_scores():
    Z = np.arange(12.0).reshape(6, 2)
    fig = plot_projection_2d(Z, [0, 1, 2, 0, 1, 2])
    assert fig.get_label()
    np.testing.assert_allclose(fig.axes[0].collections[0].get_offsets(), Z)
    with pytest.raises(ValueError, match="labels one entry per row"):
        plot_projection_2d(Z, [0, 1])


def test_plot_reconstructions_shows_the_rebuilt_images(data):
    mean, W, _ = pca_svd(data, 4)
    fig = plot_reconstructions(data[:2], mean, W, ks=(1, 4), image_shape=(2, 3))
    assert fig.get_label()
    shown = [ax.images[0].get_array() for ax in fig.axes if ax.images]
    assert len(shown) == 6  # 2 samples x (original + 2 ranks)
    np.testing.assert_allclose(shown[0], data[0].reshape(2, 3))
    expected = mean + (data[1] - mean) @ W.T @ W  # full 4-component rebuild
    np.testing.assert_allclose(shown[5], expected.reshape(2, 3), atol=1e-12)


def test_plot_low_rank_images_shows_the_truncated_svd():
    rng = np.random.default_rng(5)
    image = rng.random((20, 16))
    fig = plot_low_rank_images(image, ranks=(1, 3))
    assert fig.get_label()
    shown = [ax.images[0].get_array() for ax in fig.axes]
    np.testing.assert_allclose(shown[0], image)
    U, s, Vt = np.linalg.svd(image)
    np.testing.assert_allclose(shown[2], (U[:, :3] * s[:3]) @ Vt[:3], atol=1e-12)


def test_plot_rank_error_measured_points_lie_on_the_prediction():
    rng = np.random.default_rng(6)
    image = rng.random((30, 20))
    fig = plot_rank_error(image, max_rank=20)
    assert fig.get_label()
    predicted, measured = fig.axes[0].get_lines()
    s = np.linalg.svd(image, compute_uv=False)
    k, y = predicted.get_data()
    expected = [
        eckart_young_error(s, int(kk), "fro") / np.linalg.norm(image) for kk in k
    ]
    np.testing.assert_allclose(y, expected, atol=1e-12)
    np.testing.assert_allclose(measured.get_ydata()[:-1], y[:-1], rtol=1e-8)
    with pytest.raises(ValueError, match="max_rank must be an integer"):
        plot_rank_error(image, max_rank=21)


def test_lab_figures_carry_their_description_in_the_png(data):
    # Labs read the alt text from the PNG's tEXt chunk, which holds Latin-1 only.
    mean, W, _ = pca_svd(data, 4)
    image = np.random.default_rng(7).random((12, 10))
    figures = [
        plot_eigendigits(mean, W, image_shape=(2, 3), n_components=2),
        plot_explained_variance([0.7, 0.3]),
        plot_projection_2d(data[:, :2], np.arange(200) % 3),
        plot_reconstructions(data[:1], mean, W, ks=(1,), image_shape=(2, 3)),
        plot_low_rank_images(image, ranks=(1,)),
        plot_rank_error(image, max_rank=5),
    ]
    for fig in figures:
        fig.get_label().encode("latin-1")  # raises UnicodeEncodeError otherwise
    text = b"tEXtDescription\0" + figures[1].get_label().encode("latin-1")
    assert text in png_bytes(figures[1], dpi=20)
