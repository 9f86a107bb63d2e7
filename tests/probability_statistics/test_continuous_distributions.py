"""Tests for snippets/probability_statistics/continuous_distributions.py
(page: docs/probability-statistics/continuous-distributions.md; the figures of
docs/probability-statistics/lab_bayesian_coin.py)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import integrate, stats

from snippets.probability_statistics.continuous_distributions import (
    beta_cdf,
    beta_mean_var,
    beta_pdf,
    beta_ppf,
    exponential_cdf,
    exponential_mean_var,
    exponential_pdf,
    gaussian_cdf,
    gaussian_logpdf,
    gaussian_pdf,
    plot_coin_credible_interval,
    plot_coin_posteriors,
    plot_continuous_pdfs,
    uniform_cdf,
    uniform_mean_var,
    uniform_pdf,
)

X = np.linspace(-6, 6, 241)
UNIT = np.concatenate([[-0.5, 0.0, 1.0, 1.5], np.linspace(0.001, 0.999, 99)])


def moments_by_quad(pdf, lo, hi):
    """Mean and variance of a density by numerical integration (scipy.integrate.quad)."""
    mass = integrate.quad(pdf, lo, hi)[0]
    mean = integrate.quad(lambda t: t * pdf(t), lo, hi)[0]
    var = integrate.quad(lambda t: (t - mean) ** 2 * pdf(t), lo, hi)[0]
    return mass, mean, var


# ---------------------------------------------------------------- uniform


@pytest.mark.parametrize(("a", "b"), [(0.0, 1.0), (-2.0, 3.0), (0.0, 0.1)])
def test_uniform_matches_scipy(a, b):
    dist = stats.uniform(loc=a, scale=b - a)
    np.testing.assert_allclose(uniform_pdf(X, a, b), dist.pdf(X), rtol=1e-12)
    np.testing.assert_allclose(
        uniform_cdf(X, a, b), dist.cdf(X), rtol=1e-12, atol=1e-15
    )
    np.testing.assert_allclose(
        uniform_mean_var(a, b), dist.stats(moments="mv"), rtol=1e-12
    )
    mass, mean, var = moments_by_quad(lambda t: uniform_pdf(t, a, b), a, b)
    assert mass == pytest.approx(1.0)
    assert (mean, var) == pytest.approx(uniform_mean_var(a, b), rel=1e-8, abs=1e-12)


@given(st.floats(-100, 100), st.floats(0.01, 100), st.floats(-200, 200))
def test_uniform_properties(a, width, x):
    b = a + width
    assert 0.0 <= uniform_cdf(x, a, b) <= 1.0
    assert uniform_cdf(a + width / 2, a, b) == pytest.approx(0.5)
    assert uniform_pdf(x, a, b) in (0.0, pytest.approx(1 / width))


@pytest.mark.parametrize(
    ("a", "b", "error", "fragment"),
    [
        (1.0, 1.0, ValueError, "a must be less than b, got a=1.0 and b=1.0"),
        (2.0, 1.0, ValueError, "a must be less than b"),
        (np.nan, 1.0, ValueError, "a must be non-empty and finite"),
        (0.0, np.inf, ValueError, "b must be non-empty and finite"),
        (0.0, "one", TypeError, "b must be array-like"),
    ],
)
def test_uniform_rejects_bad_input(a, b, error, fragment):
    for f in (
        lambda: uniform_pdf(0.5, a, b),
        lambda: uniform_cdf(0.5, a, b),
        lambda: uniform_mean_var(a, b),
    ):
        with pytest.raises(error, match=fragment):
            f()


# ---------------------------------------------------------------- Gaussian


@pytest.mark.parametrize(
    ("mu", "sigma"), [(0.0, 1.0), (170.0, 7.0), (-3.0, 0.01), (2.0, 50.0)]
)
def test_gaussian_matches_scipy(mu, sigma):
    dist = stats.norm(mu, sigma)
    x = mu + sigma * X
    np.testing.assert_allclose(gaussian_pdf(x, mu, sigma), dist.pdf(x), rtol=1e-12)
    np.testing.assert_allclose(
        gaussian_logpdf(x, mu, sigma), dist.logpdf(x), rtol=1e-12
    )
    np.testing.assert_allclose(gaussian_cdf(x, mu, sigma), dist.cdf(x), rtol=1e-12)
    mass, mean, var = moments_by_quad(
        lambda t: gaussian_pdf(t, mu, sigma), mu - 40 * sigma, mu + 40 * sigma
    )
    assert mass == pytest.approx(1.0)
    assert mean == pytest.approx(dist.mean(), abs=1e-8 * sigma)
    assert var == pytest.approx(dist.var(), rel=1e-8)


def test_gaussian_tails_are_accurate():
    z = np.array([-38.0, -20.0, -10.0, 8.0])
    np.testing.assert_allclose(gaussian_cdf(z), stats.norm.cdf(z), rtol=1e-12)
    np.testing.assert_allclose(
        gaussian_logpdf([40.0, -1e3]), stats.norm.logpdf([40.0, -1e3]), rtol=1e-14
    )


@given(st.floats(-50, 50), st.floats(0.01, 50), st.floats(-10, 10))
def test_gaussian_properties(mu, sigma, z):
    x = mu + sigma * z
    # Standardization, symmetry, and log of the density.
    assert gaussian_cdf(x, mu, sigma) == pytest.approx(
        gaussian_cdf(z), rel=1e-9, abs=1e-300
    )
    assert gaussian_cdf(z) + gaussian_cdf(-z) == pytest.approx(1.0)
    assert gaussian_pdf(x, mu, sigma) == pytest.approx(
        gaussian_pdf(z) / sigma, rel=1e-9
    )
    assert gaussian_logpdf(x, mu, sigma) == pytest.approx(
        np.log(gaussian_pdf(z) / sigma), rel=1e-9
    )


@pytest.mark.parametrize(
    ("mu", "sigma", "error", "fragment"),
    [
        (0.0, 0.0, ValueError, "sigma must be > 0, got 0.0"),
        (0.0, -1.0, ValueError, "sigma must be > 0"),
        (np.nan, 1.0, ValueError, "mu must be non-empty and finite"),
        (0.0, [1.0, 2.0], ValueError, "sigma must have 0 dimension"),
    ],
)
def test_gaussian_rejects_bad_input(mu, sigma, error, fragment):
    for f in (gaussian_pdf, gaussian_logpdf, gaussian_cdf):
        with pytest.raises(error, match=fragment):
            f(0.0, mu, sigma)
    with pytest.raises(ValueError, match="x must be non-empty and finite"):
        gaussian_pdf([0.0, np.nan])


# ---------------------------------------------------------------- exponential


@pytest.mark.parametrize("lam", [0.01, 0.5, 1.0, 7.0])
def test_exponential_matches_scipy(lam):
    dist = stats.expon(scale=1 / lam)
    x = np.concatenate([X / lam, [1e-12, 1e-9]])
    np.testing.assert_allclose(exponential_pdf(x, lam), dist.pdf(x), rtol=1e-12)
    np.testing.assert_allclose(exponential_cdf(x, lam), dist.cdf(x), rtol=1e-12)
    np.testing.assert_allclose(
        exponential_mean_var(lam), dist.stats(moments="mv"), rtol=1e-12
    )
    mass, mean, var = moments_by_quad(lambda t: exponential_pdf(t, lam), 0, np.inf)
    assert mass == pytest.approx(1.0)
    assert (mean, var) == pytest.approx(exponential_mean_var(lam), rel=1e-7)


@given(st.floats(0.01, 10), st.floats(0, 10), st.floats(0, 10))
def test_exponential_is_memoryless(lam, s, t):
    survival_st = 1 - exponential_cdf(s + t, lam)
    survival_s = 1 - exponential_cdf(s, lam)
    # 1 - F loses relative precision in the far tail, so compare absolutely.
    assert survival_st == pytest.approx(
        survival_s * (1 - exponential_cdf(t, lam)), abs=1e-13
    )


@pytest.mark.parametrize(
    ("lam", "fragment"),
    [
        (0.0, "lam must be > 0, got 0.0"),
        (-1.0, "lam must be > 0"),
        (np.inf, "lam must be non-empty and finite"),
    ],
)
def test_exponential_rejects_bad_input(lam, fragment):
    for f in (
        lambda: exponential_pdf(1.0, lam),
        lambda: exponential_cdf(1.0, lam),
        lambda: exponential_mean_var(lam),
    ):
        with pytest.raises(ValueError, match=fragment):
            f()


# ---------------------------------------------------------------- beta


@pytest.mark.parametrize(
    ("a", "b"),
    [(1.0, 1.0), (0.5, 0.5), (2.0, 5.0), (8.0, 4.0), (71.0, 31.0), (0.3, 3.0)],
)
def test_beta_matches_scipy(a, b):
    dist = stats.beta(a, b)
    np.testing.assert_allclose(beta_pdf(UNIT, a, b), dist.pdf(UNIT), rtol=1e-10)
    np.testing.assert_allclose(
        beta_cdf(UNIT, a, b), dist.cdf(UNIT), rtol=1e-10, atol=1e-300
    )
    q = np.linspace(0.01, 0.99, 25)
    np.testing.assert_allclose(beta_ppf(q, a, b), dist.ppf(q), rtol=1e-9)
    np.testing.assert_allclose(
        beta_mean_var(a, b), dist.stats(moments="mv"), rtol=1e-12
    )


@pytest.mark.parametrize(("a", "b"), [(1.0, 1.0), (2.0, 5.0), (8.0, 4.0), (30.0, 70.0)])
def test_beta_cdf_and_moments_by_integrating_the_pdf(a, b):
    # Independent of SciPy's distribution code: integrate our density numerically.
    for x in (0.1, 0.35, 0.8):
        assert beta_cdf(x, a, b) == pytest.approx(
            integrate.quad(lambda t: beta_pdf(t, a, b), 0, x)[0], rel=1e-8, abs=1e-14
        )
    mass, mean, var = moments_by_quad(lambda t: beta_pdf(t, a, b), 0, 1)
    assert mass == pytest.approx(1.0)
    assert (mean, var) == pytest.approx(beta_mean_var(a, b), rel=1e-7)


@given(st.floats(0.1, 50), st.floats(0.1, 50), st.floats(0.001, 0.999))
def test_beta_properties(a, b, q):
    x = beta_ppf(q, a, b)
    # The round trip is as good as x can be: rounding x to a float (a relative change of
    # eps) moves the CDF by about pdf(x) * x * eps, which is large near x = 1 when b << 1
    # (the density has a pole there; seen at a=5, b=0.10, q=0.9375: 1.7e-6).
    slack = 4 * np.finfo(float).eps * x * beta_pdf(x, a, b)
    assert abs(beta_cdf(x, a, b) - q) <= 1e-9 * q + slack
    # Reflection: if theta ~ Beta(a, b) then 1 - theta ~ Beta(b, a).
    assert beta_pdf(0.3, a, b) == pytest.approx(beta_pdf(0.7, b, a), rel=1e-9)
    mean, var = beta_mean_var(a, b)
    assert 0 < mean < 1 and 0 < var < mean * (1 - mean)


@pytest.mark.parametrize(
    ("a", "b", "fragment"),
    [
        (0.0, 1.0, "a and b must be > 0, got a=0.0 and b=1.0"),
        (1.0, -2.0, "a and b must be > 0"),
        (np.nan, 1.0, "a must be non-empty and finite"),
        (1.0, np.inf, "b must be non-empty and finite"),
    ],
)
def test_beta_rejects_bad_parameters(a, b, fragment):
    for f in (beta_pdf, beta_cdf, beta_ppf):
        with pytest.raises(ValueError, match=fragment):
            f(0.5, a, b)
    with pytest.raises(ValueError, match=fragment):
        beta_mean_var(a, b)


def test_beta_ppf_rejects_bad_levels():
    with pytest.raises(ValueError, match="q must be in \\[0, 1\\]"):
        beta_ppf([0.5, 1.2], 2.0, 2.0)
    with pytest.raises(ValueError, match="q must be non-empty and finite"):
        beta_ppf(np.nan, 2.0, 2.0)


# ---------------------------------------------------------------- plots


def test_plot_continuous_pdfs_draws_the_densities():
    fig = plot_continuous_pdfs()
    assert fig.get_label()
    ax_u, ax_g, ax_e, ax_b = fig.axes
    x, y = ax_g.get_lines()[1].get_data()
    np.testing.assert_allclose(y, stats.norm.pdf(x), rtol=1e-12)
    x, y = ax_e.get_lines()[2].get_data()
    np.testing.assert_allclose(y, stats.expon.pdf(x, scale=0.5), rtol=1e-12)
    x, y = ax_b.get_lines()[2].get_data()
    np.testing.assert_allclose(y, stats.beta.pdf(x, 2, 5), rtol=1e-10)
    x, y = ax_u.get_lines()[1].get_data()
    np.testing.assert_allclose(y, stats.uniform.pdf(x, 0, 0.5), rtol=1e-12)
    # The alt text's shapes agree with scipy: Beta(2, 5) has its mode at (a-1)/(a+b-2)
    # = 0.2 and positive skewness (a long right tail), Beta(5, 5) is symmetric.
    description = fig.get_label()
    assert "(2, 5) (a hump at 0.2" in description and "skewed right" in description
    assert float(stats.beta.stats(2, 5, moments="s")) > 0
    assert float(stats.beta.stats(5, 5, moments="s")) == pytest.approx(0.0, abs=1e-12)
    x, y = ax_b.get_lines()[2].get_data()
    assert x[np.argmax(y)] == pytest.approx(0.2, abs=0.005)


def test_plot_coin_posteriors_draws_beta_posteriors_of_counted_flips():
    checkpoints = (0, 1, 5, 20, 100)
    fig = plot_coin_posteriors(
        true_bias=0.7, checkpoints=checkpoints, prior=(2.0, 3.0), seed=0
    )
    assert fig.get_label()
    flips = np.random.default_rng(0).random(100) < 0.7  # the same flips, counted here
    lines = fig.axes[0].get_lines()
    for line, n in zip(lines, checkpoints, strict=False):
        heads = int(flips[:n].sum())
        x, y = line.get_data()
        np.testing.assert_allclose(
            y, stats.beta.pdf(x, 2.0 + heads, 3.0 + n - heads), rtol=1e-9
        )
    assert lines[-1].get_xdata()[0] == 0.7  # the true bias line


def test_plot_coin_credible_interval_matches_scipy_interval():
    fig = plot_coin_credible_interval(true_bias=0.3, n_flips=50, seed=1)
    assert fig.get_label()
    ax = fig.axes[0]
    flips = np.random.default_rng(1).random(50) < 0.3
    heads = np.concatenate([[0], np.cumsum(flips)])
    n = np.arange(51)
    a, b = 1.0 + heads, 1.0 + n - heads
    _, mean = ax.get_lines()[0].get_data()
    np.testing.assert_allclose(mean, stats.beta.mean(a, b), rtol=1e-12)
    band = ax.collections[0].get_paths()[0].vertices  # the outline of the shaded band
    lower, upper = stats.beta.interval(0.95, a, b)
    for k in (0, 1, 10, 50):
        ys = band[np.isclose(band[:, 0], k), 1]
        assert np.isclose(ys, lower[k], rtol=1e-8).any()
        assert np.isclose(ys, upper[k], rtol=1e-8).any()


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"true_bias": 1.5}, "true_bias must be in \\[0, 1\\]"),
        ({"prior": (0.0, 1.0)}, "prior must be two positive numbers"),
        ({"n_flips": -3}, "n_flips must be a non-negative integer"),
        ({"level": 1.0}, "level must be in \\(0, 1\\)"),
    ],
)
def test_coin_plots_reject_bad_input(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        plot_coin_credible_interval(**kwargs)
