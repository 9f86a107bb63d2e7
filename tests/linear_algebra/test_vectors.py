"""Tests for snippets/linear_algebra/vectors.py (page: docs/linear-algebra/vectors.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial.distance import cdist
from scipy.spatial.distance import cosine as scipy_cosine_distance

from snippets.linear_algebra.vectors import (
    angle,
    cosine_similarity,
    linear_combination,
    lp_norm,
    pairwise_distances,
    plot_unit_balls,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


def vectors(n: int = 5):
    return arrays(np.float64, n, elements=finite)


# ---------------------------------------------------------------- linear_combination


def test_linear_combination_matches_explicit_sum():
    rng = np.random.default_rng(1)
    c, V = rng.normal(size=4), rng.normal(size=(4, 7))
    expected = sum(ci * vi for ci, vi in zip(c, V, strict=True))
    np.testing.assert_allclose(linear_combination(c, V), expected, rtol=1e-12)


@given(
    arrays(np.float64, 3, elements=finite),
    arrays(np.float64, (3, 4), elements=finite),
    finite,
)
def test_linear_combination_is_linear_in_coefficients(c, V, s):
    np.testing.assert_allclose(
        linear_combination(s * c, V), s * linear_combination(c, V), rtol=1e-9, atol=1e-6
    )


@pytest.mark.parametrize(
    ("c", "V", "error", "fragment"),
    [
        (
            [1, 2],
            [[1, 0]],
            ValueError,
            "coefficients has 2 entries but vectors has 1 rows",
        ),
        ([1], [1, 0], ValueError, "vectors must have 2 dimension"),
        ([], np.empty((0, 2)), ValueError, "coefficients must be non-empty and finite"),
        ([np.nan], [[1, 0]], ValueError, "coefficients must be non-empty and finite"),
        ("ab", [[1, 0]], TypeError, "coefficients must be array-like"),
    ],
)
def test_linear_combination_rejects_bad_input(c, V, error, fragment):
    with pytest.raises(error, match=fragment):
        linear_combination(c, V)


# ---------------------------------------------------------------- cosine_similarity, angle


def test_cosine_similarity_matches_scipy():
    rng = np.random.default_rng(2)
    for _ in range(20):
        u, v = rng.normal(size=(2, 6))
        assert cosine_similarity(u, v) == pytest.approx(
            1 - scipy_cosine_distance(u, v), abs=1e-12
        )


def test_angle_closed_forms():
    # Textbook angles: orthogonal axes (pi/2), opposite vectors (pi), the diagonal (pi/4).
    assert angle([1, 0], [0, 3]) == pytest.approx(np.pi / 2)
    assert angle([1, 2], [-2, -4]) == pytest.approx(np.pi)
    assert angle([1, 0], [1, 1]) == pytest.approx(np.pi / 4)


@given(vectors(), vectors(), st.floats(1e-3, 1e3))
def test_cosine_similarity_is_bounded_symmetric_and_scale_invariant(u, v, s):
    if np.linalg.norm(u) < 1e-6 or np.linalg.norm(v) < 1e-6:
        return
    c = cosine_similarity(u, v)
    assert -1.0 <= c <= 1.0
    assert c == pytest.approx(cosine_similarity(v, u), abs=1e-12)
    assert cosine_similarity(s * u, v) == pytest.approx(c, abs=1e-9)
    assert 0.0 <= angle(u, v) <= np.pi


def test_cosine_similarity_survives_huge_vectors():
    assert cosine_similarity([1e300, 1e300], [1e300, 0]) == pytest.approx(np.sqrt(0.5))


@pytest.mark.parametrize(
    ("u", "v", "error", "fragment"),
    [
        ([0, 0], [1, 2], ValueError, "zero vector"),
        ([1, 2], [1, 2, 3], ValueError, "same length"),
        ([[1, 2]], [1, 2], ValueError, "u must have 1 dimension"),
        ([1, np.inf], [1, 2], ValueError, "u must be non-empty and finite"),
        ([1, 2], "ab", TypeError, "v must be array-like"),
    ],
)
def test_cosine_similarity_rejects_bad_input(u, v, error, fragment):
    with pytest.raises(error, match=fragment):
        cosine_similarity(u, v)
    with pytest.raises(error, match=fragment):
        angle(u, v)


# ---------------------------------------------------------------- lp_norm


@pytest.mark.parametrize("p", [1, 1.5, 2, 3, np.inf])
def test_lp_norm_matches_numpy(p):
    rng = np.random.default_rng(3)
    for _ in range(10):
        x = rng.normal(size=8) * 10
        assert lp_norm(x, p) == pytest.approx(np.linalg.norm(x, ord=p), rel=1e-12)


@given(vectors(), vectors(), st.floats(-100, 100), st.sampled_from([1, 2, 3, np.inf]))
def test_lp_norm_axioms(x, y, s, p):
    # Absolute homogeneity, triangle inequality, and the ordering inf <= 2 <= 1.
    assert lp_norm(s * x, p) == pytest.approx(
        abs(s) * lp_norm(x, p), rel=1e-9, abs=1e-9
    )
    assert lp_norm(x + y, p) <= lp_norm(x, p) + lp_norm(y, p) + 1e-9
    assert lp_norm(x, np.inf) <= lp_norm(x, 2) + 1e-9 <= lp_norm(x, 1) + 2e-9


def test_lp_norm_avoids_overflow_and_handles_zero():
    assert lp_norm([3e200, 4e200]) == pytest.approx(5e200)
    assert lp_norm([0.0, 0.0], 3) == 0.0


@pytest.mark.parametrize(
    ("x", "p", "error", "fragment"),
    [
        ([1, 2], 0.5, ValueError, "p must be a number >= 1"),
        ([1, 2], "2", ValueError, "p must be a number >= 1"),
        ([], 2, ValueError, "x must be non-empty and finite"),
        ([[1, 2]], 2, ValueError, "x must have 1 dimension"),
        ([np.nan], 2, ValueError, "finite"),
    ],
)
def test_lp_norm_rejects_bad_input(x, p, error, fragment):
    with pytest.raises(error, match=fragment):
        lp_norm(x, p)


# ---------------------------------------------------------------- pairwise_distances


@pytest.mark.parametrize("metric", ["euclidean", "cosine"])
def test_pairwise_distances_match_scipy_cdist(metric):
    rng = np.random.default_rng(4)
    X, Y = rng.normal(size=(30, 5)), rng.normal(size=(20, 5))
    np.testing.assert_allclose(
        pairwise_distances(X, Y, metric), cdist(X, Y, metric), atol=1e-10
    )


@given(arrays(np.float64, (4, 3), elements=finite))
def test_pairwise_euclidean_is_a_metric(X):
    D = pairwise_distances(X, X)
    np.testing.assert_allclose(np.diag(D), 0.0, atol=1e-4 * (1 + np.abs(X).max()))
    np.testing.assert_allclose(D, D.T, atol=1e-9)
    assert np.all(D >= 0)


@pytest.mark.parametrize(
    ("X", "Y", "metric", "error", "fragment"),
    [
        ([[1, 2]], [[1, 2, 3]], "euclidean", ValueError, "same number of columns"),
        ([[0, 0]], [[1, 2]], "cosine", ValueError, "zero row"),
        ([[1, 2]], [[1, 2]], "manhattan", ValueError, "metric must be"),
        ([1, 2], [[1, 2]], "euclidean", ValueError, "X must have 2 dimension"),
        (
            [[1, 2]],
            [[np.nan, 2]],
            "euclidean",
            ValueError,
            "Y must be non-empty and finite",
        ),
    ],
)
def test_pairwise_distances_rejects_bad_input(X, Y, metric, error, fragment):
    with pytest.raises(error, match=fragment):
        pairwise_distances(X, Y, metric)


# ---------------------------------------------------------------- plot_unit_balls


def test_plot_unit_balls_draws_points_of_norm_one():
    fig = plot_unit_balls()
    assert fig.get_label()  # alt text
    lines = fig.axes[0].get_lines()
    for line, p in zip(lines, [1, 2, np.inf], strict=True):
        pts = np.column_stack(line.get_data())
        np.testing.assert_allclose(np.linalg.norm(pts, ord=p, axis=1), 1.0, rtol=1e-12)
