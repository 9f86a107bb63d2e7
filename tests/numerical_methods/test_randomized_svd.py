"""Tests for snippets/numerical_methods/randomized_svd.py (page: randomized-svd.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.utils.extmath import randomized_svd as sklearn_randomized_svd

from snippets.numerical_methods.randomized_svd import (
    check_count_in,
    matrix_with_spectrum,
    plot_randomized_svd_error,
    plot_singular_value_estimates,
    randomized_range_finder,
    randomized_svd,
    slow_decay_matrix,
    spectral_error,
)

# ---------------------------------------------------------------- range finder


def test_range_finder_captures_an_exactly_low_rank_range():
    # Rank 5 matrix, 5 samples: Q Q^T A = A (the range is found exactly).
    rng = np.random.default_rng(0)
    A = rng.normal(size=(60, 5)) @ rng.normal(size=(5, 40))
    Q = randomized_range_finder(A, 5, rng=rng)
    np.testing.assert_allclose(Q.T @ Q, np.eye(5), atol=1e-12)
    np.testing.assert_allclose(Q @ (Q.T @ A), A, atol=1e-10)


@given(st.integers(0, 10_000), st.integers(1, 8), st.integers(2, 10))
def test_range_finder_error_obeys_the_halko_martinsson_tropp_bound(seed, k, p):
    # Halko, Martinsson and Tropp (SIAM Review 2011), eq. (1.9): with probability
    # at least 1 - 6 p^-p, |A - Q Q^T A| <= (1 + 11 sqrt(k + p) sqrt(min(m, n))) s_{k+1}.
    # Eckart-Young: no rank-(k + p) projection beats s_{k+p+1}.
    rng = np.random.default_rng(seed)
    s = np.sort(rng.uniform(0.0, 1.0, 20))[::-1]
    A = matrix_with_spectrum(s, 30, 25, rng)
    Q = randomized_range_finder(A, k + p, rng=rng)
    err = np.linalg.norm(A - Q @ (Q.T @ A), 2)
    assert err <= (1 + 11 * np.sqrt(k + p) * np.sqrt(20)) * s[k] + 1e-12
    assert err >= s[k + p] - 1e-12


@pytest.mark.parametrize(
    ("A", "size", "q", "rng", "error", "fragment"),
    [
        (np.ones((3, 2)), 3, 0, None, ValueError, "size must be in \\[1, 2\\]"),
        (np.ones((3, 2)), 0, 0, None, ValueError, "size must be in"),
        (np.ones((3, 2)), 1, -1, None, ValueError, "n_power_iter must be in"),
        (np.ones((3, 2)), 1.0, 0, None, TypeError, "size must be an integer"),
        (np.ones((3, 2)), 1, 0, 5, TypeError, "rng must be a numpy.random.Generator"),
        ([[np.nan, 1.0]], 1, 0, None, ValueError, "A must be non-empty and finite"),
        (np.ones(3), 1, 0, None, ValueError, "A must have 2 dimension"),
    ],
)
def test_range_finder_rejects_bad_input(A, size, q, rng, error, fragment):
    with pytest.raises(error, match=fragment):
        randomized_range_finder(A, size, q, rng)


# ---------------------------------------------------------------- randomized_svd


def test_randomized_svd_matches_numpy_on_a_low_rank_matrix():
    rng = np.random.default_rng(1)
    A = matrix_with_spectrum([10.0, 5.0, 2.0, 1.0], 50, 30, rng)
    U, s, Vt = randomized_svd(A, 4, rng=rng)
    Un, sn, Vtn = np.linalg.svd(A, full_matrices=False)
    np.testing.assert_allclose(s, sn[:4], rtol=1e-12)
    # Singular vectors are unique up to sign: compare |u_i^T u_i'|.
    np.testing.assert_allclose(np.abs(np.sum(U * Un[:, :4], axis=0)), 1.0, atol=1e-10)
    np.testing.assert_allclose(np.abs(np.sum(Vt * Vtn[:4], axis=1)), 1.0, atol=1e-10)


def test_randomized_svd_agrees_with_sklearn_randomized_svd():
    A = slow_decay_matrix()
    sigma = np.linalg.svd(A, compute_uv=False)
    U, s, Vt = randomized_svd(
        A, 20, oversample=10, n_power_iter=4, rng=np.random.default_rng(0)
    )
    Us, ss, Vts = sklearn_randomized_svd(
        A,
        20,
        n_oversamples=10,
        n_iter=4,
        power_iteration_normalizer="QR",
        random_state=0,
    )
    np.testing.assert_allclose(s, ss, rtol=2e-2)
    np.testing.assert_allclose(s, sigma[:20], rtol=2e-2)
    mine, theirs = spectral_error(A, U, s, Vt), spectral_error(A, Us, ss, Vts)
    assert mine == pytest.approx(theirs, rel=0.1)
    assert sigma[20] <= mine <= 1.1 * sigma[20]


@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(0, 2))
def test_randomized_svd_error_between_eckart_young_and_its_bound(seed, k, q):
    # Lower bound: Eckart-Young, |A - A_k| >= s_{k+1} for every rank-k A_k.
    # Upper bound (HMT 2011, eq. 1.9 and Sec. 9.4): |A - Q B_k| <=
    # s_{k+1} + |A - Q Q^T A| <= (2 + 11 sqrt(k + p) sqrt(min(m, n))) s_{k+1}.
    rng = np.random.default_rng(seed)
    s = np.sort(rng.uniform(0.0, 1.0, 15))[::-1]
    A = matrix_with_spectrum(s, 25, 20, rng)
    p = 5
    U, sk, Vt = randomized_svd(A, k, oversample=p, n_power_iter=q, rng=rng)
    err = spectral_error(A, U, sk, Vt)
    assert s[k] - 1e-12 <= err <= (2 + 11 * np.sqrt(k + p) * np.sqrt(15)) * s[k] + 1e-12
    np.testing.assert_allclose(U.T @ U, np.eye(k), atol=1e-10)
    assert np.all(np.diff(sk) <= 1e-12)
    assert np.all(sk <= s[0] * (1 + 1e-10))  # interlacing: never above sigma_1


def test_power_iterations_reduce_the_error():
    A = slow_decay_matrix()
    sigma = np.linalg.svd(A, compute_uv=False)
    errors = [
        spectral_error(A, *randomized_svd(A, 20, 10, q, np.random.default_rng(0)))
        for q in (0, 2)
    ]
    assert errors[0] > 1.3 * sigma[20]
    assert errors[1] < 1.1 * sigma[20]


@pytest.mark.parametrize(
    ("k", "kwargs", "error", "fragment"),
    [
        (0, {}, ValueError, "k must be in \\[1, 3\\]"),
        (4, {}, ValueError, "k must be in"),
        (2, {"oversample": -1}, ValueError, "oversample must be in"),
        (2, {"n_power_iter": 2.5}, TypeError, "n_power_iter must be an integer"),
        (True, {}, TypeError, "k must be an integer"),
    ],
)
def test_randomized_svd_rejects_bad_input(k, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        randomized_svd(np.ones((5, 3)), k, **kwargs)


# ---------------------------------------------------------------- helpers


def test_spectral_error_matches_the_eckart_young_closed_form():
    A = matrix_with_spectrum([4.0, 3.0, 2.0], 6, 5, np.random.default_rng(2))
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    assert spectral_error(A, U[:, :1], s[:1], Vt[:1]) == pytest.approx(3.0)
    with pytest.raises(ValueError, match="U, s, Vt must have shapes"):
        spectral_error(A, U[:, :2], s[:1], Vt[:1])
    with pytest.raises(ValueError, match="s must have 1 dimension"):
        spectral_error(A, U[:, :1], [[1.0]], Vt[:1])


@given(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=5), st.integers(0, 1000))
def test_matrix_with_spectrum_has_that_spectrum(values, seed):
    A = matrix_with_spectrum(values, 7, 6, np.random.default_rng(seed))
    s = np.linalg.svd(A, compute_uv=False)
    np.testing.assert_allclose(s[: len(values)], np.sort(values)[::-1], atol=1e-10)
    np.testing.assert_allclose(s[len(values) :], 0.0, atol=1e-10)


@pytest.mark.parametrize(
    ("values", "m", "n", "error", "fragment"),
    [
        ([-1.0], 3, 3, ValueError, "singular_values must be non-negative"),
        ([1.0, 2.0], 1, 3, ValueError, "m must be in \\[2,"),
        ([1.0], 3, 0, ValueError, "n must be in"),
        ([np.inf], 3, 3, ValueError, "singular_values must be non-empty and finite"),
    ],
)
def test_matrix_with_spectrum_rejects_bad_input(values, m, n, error, fragment):
    with pytest.raises(error, match=fragment):
        matrix_with_spectrum(values, m, n)


def test_check_count_in():
    assert check_count_in(np.int64(2), "k", 1, 3) == 2
    with pytest.raises(TypeError, match="k must be an integer, got bool"):
        check_count_in(True, "k", 1, 3)


# ---------------------------------------------------------------- plots


def test_plot_randomized_svd_error_draws_the_ratios():
    fig = plot_randomized_svd_error(ks=(5, 10), powers=(0, 2))
    assert fig.get_label()
    A = slow_decay_matrix()
    sigma = np.linalg.svd(A, compute_uv=False)
    expected = spectral_error(
        A, *randomized_svd(A, 10, 10, 2, np.random.default_rng(10))
    )
    _, ratios = fig.axes[0].get_lines()[1].get_data()
    assert ratios[1] == pytest.approx(expected / sigma[10])
    assert np.all(np.asarray(ratios) >= 1 - 1e-12)  # Eckart-Young


def test_plot_singular_value_estimates_draws_the_exact_values():
    fig = plot_singular_value_estimates(k=10)
    assert fig.get_label()
    sigma = np.linalg.svd(slow_decay_matrix(), compute_uv=False)
    np.testing.assert_allclose(fig.axes[0].get_lines()[0].get_data()[1], sigma[:10])
    np.testing.assert_allclose(sigma, 1 / np.sqrt(np.arange(1, 301)), rtol=1e-10)
