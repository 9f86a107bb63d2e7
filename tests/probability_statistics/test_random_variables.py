"""Tests for snippets/probability_statistics/random_variables.py
(page: docs/probability-statistics/random-variables.md)."""

from collections import Counter
from itertools import product

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from snippets.probability_statistics.random_variables import (
    correlation_matrix,
    covariance_matrix,
    discrete_cdf,
    distribution_of,
    empirical_cdf,
    expectation,
    histogram_density,
    plot_correlations,
    plot_histogram_vs_pdf,
    plot_two_dice_pmf_cdf,
    variance,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
positive_weights = arrays(np.float64, 5, elements=st.floats(0.01, 10))


def normalized(w):
    return w / w.sum()


def random_pmf(rng, k):
    support = np.sort(rng.choice(np.arange(-20, 21), size=k, replace=False)).astype(
        float
    )
    return support, rng.dirichlet(np.ones(k))


# ---------------------------------------------------------------- distribution_of


def test_distribution_of_matches_counting_and_closed_form():
    dice = np.array(list(product(range(1, 7), repeat=2)))
    support, pmf = distribution_of(dice.sum(axis=1), np.full(36, 1 / 36))
    counts = Counter(int(s) for s in dice.sum(axis=1))  # independent: count outcomes
    np.testing.assert_array_equal(support, sorted(counts))
    np.testing.assert_allclose(pmf, [counts[int(s)] / 36 for s in support])
    # Closed form for the sum of two dice: p(s) = (6 - |s - 7|) / 36.
    np.testing.assert_allclose(pmf, (6 - np.abs(support - 7)) / 36)


@given(
    arrays(np.int64, 8, elements=st.integers(-3, 3)),
    arrays(np.float64, 8, elements=st.floats(0.01, 10)),
)
def test_distribution_of_pools_probability(values, w):
    p = normalized(w)
    support, pmf = distribution_of(values, p)
    assert pmf.sum() == pytest.approx(1.0)
    assert np.all(np.diff(support) > 0)
    assert float(support @ pmf) == pytest.approx(float(values @ p), abs=1e-9)


@pytest.mark.parametrize(
    ("values", "p", "error", "fragment"),
    [
        ([1, 2, 3], [0.5, 0.5], ValueError, "values has 3 entries but p has 2"),
        ([1, 2], [0.5, 0.6], ValueError, "p must sum to 1"),
        ([1, 2], [1.5, -0.5], ValueError, "p must be non-negative"),
        ([], [], ValueError, "values must be non-empty"),
        (["a", "b"], [0.5, 0.5], TypeError, "values must be array-like"),
    ],
)
def test_distribution_of_rejects_bad_input(values, p, error, fragment):
    with pytest.raises(error, match=fragment):
        distribution_of(values, p)


# ---------------------------------------------------------------- discrete_cdf


def test_discrete_cdf_matches_scipy_rv_discrete():
    rng = np.random.default_rng(0)
    for _ in range(10):
        support, pmf = random_pmf(rng, 6)
        dist = stats.rv_discrete(values=(support, pmf))
        x = rng.uniform(-25, 25, size=50)
        x[:6] = support  # exactly at the jumps
        np.testing.assert_allclose(
            discrete_cdf(x, support, pmf), dist.cdf(x), atol=1e-12
        )


def test_discrete_cdf_accepts_unsorted_support_and_scalars():
    assert discrete_cdf(1.0, [2, 0, 1], [0.5, 0.25, 0.25]) == pytest.approx(0.5)
    assert isinstance(discrete_cdf(5.0, [0, 1], [0.5, 0.5]), float)


@given(positive_weights, arrays(np.float64, 10, elements=st.floats(-10, 10)))
def test_discrete_cdf_is_a_cdf(w, x):
    support = np.array([-3.0, -1.0, 0.0, 2.5, 4.0])
    F = discrete_cdf(np.sort(x), support, normalized(w))
    assert np.all(np.diff(F) >= 0)
    assert np.all((F >= 0) & (F <= 1))
    assert discrete_cdf(4.0, support, normalized(w)) == pytest.approx(1.0)
    assert discrete_cdf(-3.5, support, normalized(w)) == 0.0


@pytest.mark.parametrize(
    ("x", "support", "pmf", "fragment"),
    [
        (0.0, [0, 1], [0.2, 0.3, 0.5], "support has 2 entries but pmf has 3"),
        (0.0, [0, 0, 1], [0.2, 0.3, 0.5], "support must have distinct values"),
        (0.0, [0, 1], [0.2, 0.3], "pmf must sum to 1"),
        (np.nan, [0, 1], [0.5, 0.5], "x must be non-empty and finite"),
        ([], [0, 1], [0.5, 0.5], "x must be non-empty"),
    ],
)
def test_discrete_cdf_rejects_bad_input(x, support, pmf, fragment):
    with pytest.raises(ValueError, match=fragment):
        discrete_cdf(x, support, pmf)


# ---------------------------------------------------------------- empirical_cdf


def test_empirical_cdf_matches_scipy_ecdf():
    rng = np.random.default_rng(1)
    samples = rng.normal(size=200).round(1)  # rounding creates ties
    x = np.linspace(-4, 4, 101)
    expected = stats.ecdf(samples).cdf.evaluate(x)
    np.testing.assert_allclose(empirical_cdf(x, samples), expected, atol=1e-15)


@given(arrays(np.float64, st.integers(1, 30), elements=finite))
def test_empirical_cdf_steps_by_one_over_m(samples):
    m = samples.size
    F = empirical_cdf(np.sort(samples), samples)
    assert np.all(np.diff(F) >= 0)
    assert F[-1] == 1.0
    np.testing.assert_allclose(F * m, np.round(F * m), atol=1e-9)  # multiples of 1/m
    assert empirical_cdf(samples.min() - 1, samples) == 0.0


@pytest.mark.parametrize(
    ("x", "samples", "fragment"),
    [
        (0.0, [], "samples must be non-empty"),
        (0.0, [[1.0, 2.0]], "samples must have 1 dimension"),
        (np.inf, [1.0], "x must be non-empty and finite"),
        (0.0, [1.0, np.nan], "samples must be non-empty and finite"),
    ],
)
def test_empirical_cdf_rejects_bad_input(x, samples, fragment):
    with pytest.raises(ValueError, match=fragment):
        empirical_cdf(x, samples)


# ---------------------------------------------------------------- histogram_density


@pytest.mark.parametrize("bins", [1, 7, 30])
def test_histogram_density_matches_numpy(bins):
    samples = np.random.default_rng(2).gamma(2.0, size=500)
    edges, density = histogram_density(samples, bins)
    ref_density, ref_edges = np.histogram(samples, bins=bins, density=True)
    np.testing.assert_allclose(edges, ref_edges, rtol=1e-12)
    np.testing.assert_allclose(density, ref_density, rtol=1e-10)


@given(arrays(np.float64, st.integers(2, 40), elements=finite), st.integers(1, 12))
def test_histogram_density_has_unit_area(samples, bins):
    if np.ptp(samples) < 1e-6:
        return
    edges, density = histogram_density(samples, bins)
    assert float(np.sum(density * np.diff(edges))) == pytest.approx(1.0)
    assert np.all(density >= 0)


@pytest.mark.parametrize(
    ("samples", "bins", "fragment"),
    [
        ([1.0, 2.0], 0, "bins must be a positive integer"),
        ([1.0, 2.0], 2.5, "bins must be a positive integer"),
        ([3.0, 3.0], 4, "samples are all equal"),
        ([], 4, "samples must be non-empty"),
    ],
)
def test_histogram_density_rejects_bad_input(samples, bins, fragment):
    with pytest.raises(ValueError, match=fragment):
        histogram_density(samples, bins)


# ---------------------------------------------------------------- expectation, variance


def test_expectation_and_variance_match_scipy_rv_discrete():
    rng = np.random.default_rng(3)
    for _ in range(10):
        support, pmf = random_pmf(rng, 7)
        dist = stats.rv_discrete(values=(support, pmf))
        assert expectation(support, pmf) == pytest.approx(dist.mean(), abs=1e-12)
        assert variance(support, pmf) == pytest.approx(dist.var(), rel=1e-10)
        assert expectation(support, pmf, np.cos) == pytest.approx(dist.expect(np.cos))


@given(positive_weights, st.floats(-100, 100), st.floats(-100, 100))
def test_expectation_is_linear_and_variance_scales(w, a, b):
    support, pmf = np.array([-2.0, 0.0, 1.0, 3.0, 7.5]), normalized(w)
    mean, var = expectation(support, pmf), variance(support, pmf)
    assert expectation(a * support + b, pmf) == pytest.approx(a * mean + b, abs=1e-9)
    assert variance(a * support + b, pmf) == pytest.approx(
        a**2 * var, rel=1e-9, abs=1e-9
    )
    assert var >= 0


def test_variance_avoids_cancellation():
    assert variance([1e9, 1e9 + 1, 1e9 + 2], [1 / 3] * 3) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (([1, 2], [0.5, 0.5], "square"), TypeError, "g must be callable, got str"),
        (
            ([1, 2], [0.5, 0.5], lambda x: x[:1]),
            ValueError,
            "g must return finite values",
        ),
        (
            ([1, 2], [0.5, 0.5], lambda x: np.log(x - 1)),
            ValueError,
            "g must return finite",
        ),
        (([1, 2, 3], [0.5, 0.5]), ValueError, "support has 3 entries but pmf has 2"),
        (([1, 2], [0.7, 0.5]), ValueError, "pmf must sum to 1"),
    ],
)
def test_expectation_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment), np.errstate(divide="ignore"):
        expectation(*args)


def test_variance_rejects_bad_input():
    with pytest.raises(ValueError, match="pmf must be non-negative"):
        variance([1, 2], [1.5, -0.5])
    with pytest.raises(ValueError, match="support must be non-empty"):
        variance([], [])


# ---------------------------------------------------------------- covariance_matrix


@pytest.mark.parametrize("ddof", [0, 1, 2])
def test_covariance_matrix_matches_numpy_cov(ddof):
    X = np.random.default_rng(4).normal(size=(50, 4)) @ np.diag([1, 2, 3, 4])
    np.testing.assert_allclose(
        covariance_matrix(X, ddof), np.cov(X, rowvar=False, ddof=ddof), rtol=1e-12
    )


@given(
    arrays(np.float64, (6, 3), elements=st.floats(-100, 100)),
    arrays(np.float64, 3, elements=finite),
)
def test_covariance_matrix_is_symmetric_psd_and_shift_invariant(X, shift):
    S = covariance_matrix(X)
    np.testing.assert_allclose(S, S.T, rtol=1e-12, atol=1e-12)
    assert np.linalg.eigvalsh(S).min() >= -1e-9 * (1 + np.abs(S).max())
    np.testing.assert_allclose(
        covariance_matrix(X + shift), S, atol=1e-7 * (1 + np.abs(S).max())
    )


@pytest.mark.parametrize(
    ("X", "ddof", "fragment"),
    [
        ([[1.0, 2.0]], 1, "X needs more than ddof=1 samples \\(rows\\), got 1"),
        (np.empty((0, 3)), 1, "X must be non-empty"),
        ([1.0, 2.0, 3.0], 1, "X must have 2 dimension"),
        ([[1.0, 2.0], [3.0, 4.0]], -1, "ddof must be a non-negative integer"),
        ([[1.0, np.nan], [3.0, 4.0]], 1, "X must be non-empty and finite"),
    ],
)
def test_covariance_matrix_rejects_bad_input(X, ddof, fragment):
    with pytest.raises(ValueError, match=fragment):
        covariance_matrix(X, ddof)


# ---------------------------------------------------------------- correlation_matrix


def test_correlation_matrix_matches_numpy_corrcoef():
    X = np.random.default_rng(5).normal(size=(80, 5)) @ np.random.default_rng(6).normal(
        size=(5, 5)
    )
    np.testing.assert_allclose(
        correlation_matrix(X), np.corrcoef(X, rowvar=False), atol=1e-12
    )


@given(
    arrays(np.float64, (8, 3), elements=st.floats(-100, 100)),
    arrays(np.float64, 3, elements=st.floats(0.1, 10)),
)
def test_correlation_matrix_is_bounded_and_scale_invariant(X, scale):
    if np.std(X, axis=0).min() < 1e-3:
        return
    R = correlation_matrix(X)
    assert np.all(np.abs(R) <= 1.0)
    np.testing.assert_array_equal(np.diag(R), 1.0)
    np.testing.assert_allclose(correlation_matrix(X * scale), R, atol=1e-9)


def test_correlation_matrix_rejects_bad_input():
    with pytest.raises(ValueError, match="X has a constant column \\(index 1\\)"):
        correlation_matrix([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    with pytest.raises(ValueError, match="X needs more than ddof=1 samples"):
        correlation_matrix([[1.0, 2.0]])


# ---------------------------------------------------------------- plots


def test_plot_two_dice_pmf_cdf_draws_the_triangle_and_staircase():
    fig = plot_two_dice_pmf_cdf()
    assert fig.get_label()
    ax_pmf, ax_cdf = fig.axes
    heights = [bar.get_height() for bar in ax_pmf.patches]
    np.testing.assert_allclose(heights, (6 - np.abs(np.arange(2, 13) - 7)) / 36)
    x, F = ax_cdf.get_lines()[0].get_data()
    dist = stats.rv_discrete(
        values=(np.arange(2, 13), (6 - np.abs(np.arange(2, 13) - 7)) / 36)
    )
    np.testing.assert_allclose(F, dist.cdf(x), atol=1e-12)


def test_plot_histogram_vs_pdf_draws_the_exponential_curves():
    fig = plot_histogram_vs_pdf(m=500, bins=20, seed=1)
    assert fig.get_label()
    ax_pdf, ax_cdf = fig.axes
    x, y = ax_pdf.get_lines()[0].get_data()
    np.testing.assert_allclose(y, stats.expon.pdf(x))
    x, y = ax_cdf.get_lines()[1].get_data()
    np.testing.assert_allclose(y, stats.expon.cdf(x), atol=1e-15)


def test_plot_correlations_scatters_correlated_points():
    fig = plot_correlations(rhos=(-0.8, 0.5), m=2000, seed=2)
    assert fig.get_label()
    for ax, rho in zip(fig.axes, (-0.8, 0.5), strict=True):
        pts = ax.collections[0].get_offsets()
        r = np.corrcoef(pts[:, 0], pts[:, 1])[0, 1]
        assert abs(r - rho) < 4 * (1 - rho**2) / np.sqrt(2000)  # approx. s.e. of r
