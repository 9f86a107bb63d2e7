"""Tests for snippets/probability_statistics/sampling_and_limits.py
(page: docs/probability-statistics/sampling-and-limits.md).

Tolerances for moments come from the sample size: a sample mean of n draws with
standard deviation sigma has standard error sigma / sqrt(n), and we accept
|estimate - truth| <= 4 standard errors (a two-sided miss has probability about
6e-5 for a fresh seed; the seeds here are fixed, so the tests are deterministic).
Goodness of fit: a Kolmogorov–Smirnov or chi-square test must not reject at the
1% level at the fixed seed.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.lines import Line2D
from scipy import stats
from scipy.integrate import quad

from snippets.probability_statistics.sampling_and_limits import (
    monte_carlo_estimate,
    plot_clt,
    plot_inverse_cdf,
    plot_running_means,
    running_mean,
    sample_discrete,
    sample_exponential,
    standardized_means,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


def within_standard_errors(estimate, truth, sd, n, k=4.0):
    return abs(estimate - truth) <= k * sd / np.sqrt(n)


# ---------------------------------------------------------------- running_mean


def test_running_mean_matches_prefix_means():
    x = np.random.default_rng(1).normal(size=50)
    expected = [np.mean(x[: k + 1]) for k in range(x.size)]
    np.testing.assert_allclose(running_mean(x), expected, rtol=1e-12)


def test_law_of_large_numbers_for_the_exponential():
    # Exponential(scale 2): mean 2, standard deviation 2.
    n = 200_000
    x = np.random.default_rng(2).exponential(scale=2.0, size=n)
    assert within_standard_errors(running_mean(x)[-1], 2.0, 2.0, n)


@given(arrays(np.float64, st.integers(1, 30), elements=finite))
def test_running_mean_ends_at_the_mean_and_stays_in_range(x):
    m = running_mean(x)
    assert m[-1] == pytest.approx(np.mean(x), rel=1e-9, abs=1e-9)
    assert np.all(m >= x.min() - 1e-9) and np.all(m <= x.max() + 1e-9)


@pytest.mark.parametrize(
    ("x", "error", "fragment"),
    [
        ([], ValueError, "samples must be non-empty"),
        ([[1.0, 2.0]], ValueError, "samples must have 1 dimension"),
        ([1.0, np.nan], ValueError, "finite"),
        ("ab", TypeError, "samples must be array-like"),
    ],
)
def test_running_mean_rejects_bad_input(x, error, fragment):
    with pytest.raises(error, match=fragment):
        running_mean(x)


# ---------------------------------------------------------------- standardized_means


def test_standardized_means_of_gaussians_are_exactly_standard_normal():
    # The mean of n N(mu, s^2) draws is N(mu, s^2 / n) for every n (closed form).
    rng = np.random.default_rng(3)
    z = standardized_means(rng.normal(5.0, 2.0, size=(4000, 7)), 5.0, 2.0)
    assert stats.kstest(z, "norm").pvalue > 0.01


def test_central_limit_theorem_for_uniform_means():
    rng = np.random.default_rng(4)
    z = standardized_means(rng.uniform(size=(4000, 12)), 0.5, np.sqrt(1 / 12))
    assert stats.kstest(z, "norm").pvalue > 0.01
    assert within_standard_errors(z.mean(), 0.0, 1.0, z.size)


@pytest.mark.parametrize("n", [5, 30])
def test_skewness_of_exponential_means_decays_like_two_over_root_n(n):
    # The sum of n Exponential(1) draws is Gamma(n, 1), whose skewness is 2 / sqrt(n).
    # The sample skewness of m values has standard error about sqrt(6 / m); allow 5.
    m = 40_000
    z = standardized_means(np.random.default_rng(5).exponential(size=(m, n)), 1.0, 1.0)
    assert abs(stats.skew(z) - 2 / np.sqrt(n)) <= 5 * np.sqrt(6 / m)


@given(
    arrays(np.float64, (3, 4), elements=finite),
    finite,
    st.floats(0.1, 10),
    finite,
    st.floats(0.1, 10),
)
def test_standardized_means_are_invariant_under_affine_maps(x, mu, sd, a, b):
    # Standardizing removes any shift a and positive scale b applied to data and truth.
    np.testing.assert_allclose(
        standardized_means(a + b * x, a + b * mu, b * sd),
        standardized_means(x, mu, sd),
        rtol=1e-7,
        atol=1e-6,
    )


@pytest.mark.parametrize(
    ("x", "mu", "sd", "error", "fragment"),
    [
        ([[1.0, 2.0]], 0.0, 0.0, ValueError, "std must be positive"),
        ([[1.0, 2.0]], 0.0, -1.0, ValueError, "std must be positive"),
        ([[1.0, 2.0]], np.nan, 1.0, ValueError, "mean and std must be finite"),
        ([1.0, 2.0], 0.0, 1.0, ValueError, "samples must have 2 dimension"),
        (np.empty((0, 3)), 0.0, 1.0, ValueError, "samples must be non-empty"),
    ],
)
def test_standardized_means_reject_bad_input(x, mu, sd, error, fragment):
    with pytest.raises(error, match=fragment):
        standardized_means(x, mu, sd)


# ---------------------------------------------------------------- sample_exponential


@pytest.mark.parametrize("rate", [0.5, 1.0, 4.0])
def test_sample_exponential_passes_ks_and_matches_moments(rate):
    n = 50_000
    x = sample_exponential(rate, n, np.random.default_rng(6))
    assert stats.kstest(x, stats.expon(scale=1 / rate).cdf).pvalue > 0.01
    # Mean 1/rate with sd 1/rate; the sample variance has sd about sqrt(8)/rate^2/sqrt(n)
    # (Var(s^2) ~ (kurtosis - 1) sigma^4 / n, kurtosis 9 for the exponential).
    assert within_standard_errors(x.mean(), 1 / rate, 1 / rate, n)
    assert within_standard_errors(x.var(), 1 / rate**2, np.sqrt(8) / rate**2, n)


@given(st.floats(0.01, 100), st.integers(1, 200))
def test_sample_exponential_is_positive_and_scales_with_the_rate(rate, size):
    x = sample_exponential(rate, size, np.random.default_rng(7))
    x1 = sample_exponential(1.0, size, np.random.default_rng(7))
    assert x.shape == (size,) and np.all(x >= 0)
    np.testing.assert_allclose(rate * x, x1, rtol=1e-12)


@pytest.mark.parametrize(
    ("rate", "size", "fragment"),
    [
        (0.0, 10, "rate must be a positive finite number"),
        (-1.0, 10, "rate must be a positive finite number"),
        (np.inf, 10, "rate must be a positive finite number"),
        ("2", 10, "rate must be a positive finite number"),
        (1.0, 0, "size must be a positive integer"),
        (1.0, 2.5, "size must be a positive integer"),
        (1.0, True, "size must be a positive integer"),
    ],
)
def test_sample_exponential_rejects_bad_input(rate, size, fragment):
    with pytest.raises(ValueError, match=fragment):
        sample_exponential(rate, size)


# ---------------------------------------------------------------- sample_discrete


def test_sample_discrete_passes_chi_square_and_matches_frequencies():
    p = np.array([0.05, 0.25, 0.0, 0.4, 0.3])
    n = 60_000
    k = sample_discrete(p, n, np.random.default_rng(8))
    counts = np.bincount(k, minlength=p.size)
    assert counts[2] == 0  # a zero-probability category is never drawn
    keep = p > 0
    assert stats.chisquare(counts[keep], n * p[keep]).pvalue > 0.01
    # Each frequency is a mean of n indicators: sd sqrt(p (1 - p)).
    for j in np.flatnonzero(keep):
        assert within_standard_errors(
            counts[j] / n, p[j], np.sqrt(p[j] * (1 - p[j])), n
        )


def test_sample_discrete_matches_the_binomial_count():
    # The count of category 0 among n draws is Binomial(n, p0): compare with scipy's
    # central 99.9% range.
    n, p0 = 10_000, 0.2
    k = sample_discrete([p0, 1 - p0], n, np.random.default_rng(9))
    lo, hi = stats.binom(n, p0).interval(0.999)
    assert lo <= np.sum(k == 0) <= hi


@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(0, 10)))
def test_sample_discrete_draws_only_categories_with_positive_probability(w):
    if w.sum() == 0:
        return
    p = w / w.sum()
    k = sample_discrete(p, 500, np.random.default_rng(10))
    assert k.min() >= 0 and k.max() < p.size
    assert np.all(p[k] > 0)


@pytest.mark.parametrize(
    ("p", "size", "fragment"),
    [
        ([0.5, -0.5, 1.0], 10, "p must be non-negative"),
        ([0.3, 0.3], 10, "p must sum to 1"),
        ([], 10, "p must be non-empty"),
        ([0.5, 0.5], 0, "size must be a positive integer"),
    ],
)
def test_sample_discrete_rejects_bad_input(p, size, fragment):
    with pytest.raises(ValueError, match=fragment):
        sample_discrete(p, size)


# ---------------------------------------------------------------- monte_carlo_estimate


def test_monte_carlo_integral_agrees_with_quad():
    n = 100_000
    u = np.random.default_rng(11).uniform(size=n)
    est, se = monte_carlo_estimate(lambda x: np.exp(-(x**2)), u)
    exact, _ = quad(lambda x: np.exp(-(x**2)), 0, 1)
    assert abs(est - exact) <= 4 * se


def test_monte_carlo_standard_error_matches_closed_form_and_repetition():
    # f(U) = U^2 with U ~ Uniform(0, 1): Var = E[U^4] - E[U^2]^2 = 1/5 - 1/9 = 4/45.
    n = 2_000
    rng = np.random.default_rng(12)
    results = np.array(
        [monte_carlo_estimate(np.square, rng.uniform(size=n)) for _ in range(300)]
    )
    true_se = np.sqrt(4 / 45 / n)
    assert np.mean(results[:, 1]) == pytest.approx(true_se, rel=0.02)
    # The spread of repeated estimates is the standard error (300 repeats: ~4% noise).
    assert np.std(results[:, 0], ddof=1) == pytest.approx(true_se, rel=0.2)


def test_monte_carlo_pi_with_two_dimensional_samples():
    n = 200_000
    pts = np.random.default_rng(13).uniform(size=(n, 2))
    est, se = monte_carlo_estimate(lambda p: 4.0 * (np.sum(p**2, axis=1) <= 1), pts)
    assert abs(est - np.pi) <= 4 * se


@given(arrays(np.float64, st.integers(2, 30), elements=finite), finite, finite)
def test_monte_carlo_estimate_is_affine_in_f(x, a, b):
    est, se = monte_carlo_estimate(lambda t: t, x)
    est2, se2 = monte_carlo_estimate(lambda t: a * t + b, x)
    assert est2 == pytest.approx(a * est + b, rel=1e-9, abs=1e-6)
    assert se2 == pytest.approx(abs(a) * se, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize(
    ("f", "x", "error", "fragment"),
    [
        ("x**2", [1.0, 2.0], TypeError, "f must be callable"),
        (np.square, [], ValueError, "samples must be non-empty"),
        (np.square, [1.0], ValueError, "at least 2 draws"),
        (np.sum, [1.0, 2.0], ValueError, "f\\(samples\\) must have 1 dimension"),
        (lambda t: t[:1], [1.0, 2.0], ValueError, "one value per sample"),
        (
            np.log,
            [-1.0, 2.0],
            ValueError,
            "f\\(samples\\) must be non-empty and finite",
        ),
    ],
)
def test_monte_carlo_estimate_rejects_bad_input(f, x, error, fragment):
    with (
        np.errstate(invalid="ignore"),
        pytest.raises(error, match=fragment),
    ):
        monte_carlo_estimate(f, x)


# ---------------------------------------------------------------- plots


def test_plot_running_means_settles_on_the_true_means():
    fig = plot_running_means(n=20_000)
    assert fig.get_label()
    left = fig.axes[0]
    lines = left.get_lines()
    means = [0.5, 1.0, 0.3]
    sds = [np.sqrt(1 / 12), 1.0, np.sqrt(0.21)]
    for line, mu, sd in zip(lines[:3], means, sds, strict=True):
        x, y = line.get_data()
        assert x[-1] == 20_000
        assert within_standard_errors(y[-1], mu, sd, 20_000)
    dashed = [line.get_ydata()[0] for line in lines[3:]]
    np.testing.assert_allclose(dashed, means)


def test_plot_clt_draws_the_normal_density_and_normalized_histograms():
    fig = plot_clt(ns=(1, 30), reps=5_000)
    assert fig.get_label()
    for ax in fig.axes:
        x, y = ax.get_lines()[0].get_data()
        np.testing.assert_allclose(y, stats.norm.pdf(x), rtol=1e-12)
        area = sum(p.get_height() * p.get_width() for p in ax.patches)
        assert area == pytest.approx(1.0, abs=0.01)  # few means fall outside [-4, 6]


def test_plot_inverse_cdf_maps_uniforms_through_the_inverse():
    fig = plot_inverse_cdf(rate=2.0)
    assert fig.get_label()
    lines: list[Line2D] = fig.axes[0].get_lines()
    x, y = lines[0].get_data()
    np.testing.assert_allclose(y, stats.expon(scale=0.5).cdf(x), atol=1e-12)
    u = lines[-2].get_ydata()
    samples = lines[-1].get_xdata()
    np.testing.assert_allclose(stats.expon(scale=0.5).cdf(samples), u, atol=1e-12)
