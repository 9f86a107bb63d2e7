"""Tests for snippets/probability_statistics/discrete_distributions.py
(page: docs/probability-statistics/discrete-distributions.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from snippets.numerical_methods.floating_point import softmax
from snippets.probability_statistics.discrete_distributions import (
    bernoulli_cdf,
    bernoulli_mean_var,
    bernoulli_pmf,
    binomial_cdf,
    binomial_mean_var,
    binomial_pmf,
    categorical_cdf,
    categorical_mean_cov,
    categorical_pmf,
    plot_discrete_pmfs,
    plot_poisson_limit,
    poisson_cdf,
    poisson_mean_var,
    poisson_pmf,
)

probs = st.floats(0.0, 1.0)
K_GRID = np.concatenate(
    [np.arange(-3, 60), [0.5, 2.7, -0.5, 1e6]]
)  # incl. non-integers


# ---------------------------------------------------------------- Bernoulli


@pytest.mark.parametrize("p", [0.0, 0.03, 0.5, 0.77, 1.0])
def test_bernoulli_matches_scipy(p):
    k = np.array([-1, 0, 0.5, 1, 1.5, 2])
    dist = stats.bernoulli(p)
    np.testing.assert_allclose(bernoulli_pmf(k, p), dist.pmf(k), atol=1e-15)
    np.testing.assert_allclose(bernoulli_cdf(k, p), dist.cdf(k), atol=1e-15)
    np.testing.assert_allclose(
        bernoulli_mean_var(p), dist.stats(moments="mv"), atol=1e-15
    )


@given(probs)
def test_bernoulli_properties(p):
    assert bernoulli_pmf(0, p) + bernoulli_pmf(1, p) == pytest.approx(1.0)
    assert bernoulli_cdf(1, p) == 1.0
    # Bernoulli(p) is Binomial(1, p).
    np.testing.assert_allclose(
        bernoulli_pmf([0, 1], p), binomial_pmf([0, 1], 1, p), atol=1e-15
    )
    mean, var = bernoulli_mean_var(p)
    assert var == pytest.approx(mean - mean**2, abs=1e-15) and var <= 0.25


@pytest.mark.parametrize(
    ("k", "p", "error", "fragment"),
    [
        (0, 1.5, ValueError, "p must be in \\[0, 1\\], got 1.5"),
        (0, -0.1, ValueError, "p must be in \\[0, 1\\]"),
        (0, np.nan, ValueError, "p must be non-empty and finite"),
        (0, [0.2, 0.3], ValueError, "p must have 0 dimension"),
        (np.nan, 0.5, ValueError, "k must be non-empty and finite"),
        ([], 0.5, ValueError, "k must be non-empty"),
        (0, "half", TypeError, "p must be array-like"),
    ],
)
def test_bernoulli_rejects_bad_input(k, p, error, fragment):
    with pytest.raises(error, match=fragment):
        bernoulli_pmf(k, p)
    with pytest.raises(error, match=fragment):
        bernoulli_cdf(k, p)
    if k == 0 and not isinstance(k, list):
        with pytest.raises(error, match=fragment):
            bernoulli_mean_var(p)


# ---------------------------------------------------------------- binomial


@pytest.mark.parametrize(
    ("n", "p"), [(0, 0.3), (1, 0.5), (20, 0.9), (50, 0.0), (50, 1.0), (400, 0.37)]
)
def test_binomial_matches_scipy(n, p):
    dist = stats.binom(n, p)
    np.testing.assert_allclose(
        binomial_pmf(K_GRID, n, p), dist.pmf(K_GRID), rtol=1e-10, atol=1e-300
    )
    np.testing.assert_allclose(
        binomial_cdf(K_GRID, n, p), dist.cdf(K_GRID), rtol=1e-10, atol=1e-14
    )
    np.testing.assert_allclose(
        binomial_mean_var(n, p), dist.stats(moments="mv"), rtol=1e-12
    )


def test_binomial_pmf_survives_large_n():
    assert binomial_pmf(1000, 2000, 0.5) == pytest.approx(
        stats.binom.pmf(1000, 2000, 0.5), rel=1e-10
    )
    assert isinstance(binomial_pmf(3, 10, 0.5), float)


@given(st.integers(0, 60), probs)
def test_binomial_properties(n, p):
    k = np.arange(n + 1)
    pmf = binomial_pmf(k, n, p)
    assert pmf.sum() == pytest.approx(1.0)
    # Symmetry (1 - p is rounded, so compare absolutely).
    np.testing.assert_allclose(
        binomial_pmf(n - k, n, 1 - p), pmf, rtol=1e-9, atol=1e-12
    )
    np.testing.assert_allclose(binomial_cdf(k, n, p), np.cumsum(pmf), atol=1e-12)
    mean, var = binomial_mean_var(n, p)
    assert float(k @ pmf) == pytest.approx(mean, abs=1e-9)
    assert float((k - mean) ** 2 @ pmf) == pytest.approx(var, abs=1e-8)


@pytest.mark.parametrize(
    ("n", "p", "fragment"),
    [
        (-1, 0.5, "n must be a non-negative integer, got -1"),
        (2.5, 0.5, "n must be a non-negative integer"),
        (True, 0.5, "n must be a non-negative integer"),
        (10, 1.01, "p must be in \\[0, 1\\]"),
        (10, np.inf, "p must be non-empty and finite"),
    ],
)
def test_binomial_rejects_bad_input(n, p, fragment):
    with pytest.raises(ValueError, match=fragment):
        binomial_pmf(1, n, p)
    with pytest.raises(ValueError, match=fragment):
        binomial_cdf(1, n, p)
    with pytest.raises(ValueError, match=fragment):
        binomial_mean_var(n, p)


def test_binomial_rejects_bad_k():
    with pytest.raises(ValueError, match="k must be non-empty and finite"):
        binomial_pmf([1, np.nan], 5, 0.5)
    with pytest.raises(ValueError, match="k must be non-empty and finite"):
        binomial_cdf(np.inf, 5, 0.5)


# ---------------------------------------------------------------- categorical


def test_categorical_matches_scipy():
    rng = np.random.default_rng(0)
    for _ in range(5):
        p = rng.dirichlet(np.ones(6))
        labels = np.arange(6)
        k = np.array([-1, 0, 1, 2.5, 3, 5, 6, 9])
        dist = stats.rv_discrete(values=(labels, p))
        np.testing.assert_allclose(categorical_pmf(k, p), dist.pmf(k), atol=1e-15)
        np.testing.assert_allclose(categorical_cdf(k, p), dist.cdf(k), atol=1e-12)
        # The one-hot vector of a categorical draw is Multinomial(1, p).
        onehot = stats.multinomial(1, p)
        mean, cov = categorical_mean_cov(p)
        np.testing.assert_allclose(mean, onehot.mean(), atol=1e-15)
        np.testing.assert_allclose(cov, onehot.cov(), atol=1e-15)
        np.testing.assert_allclose(
            categorical_pmf(labels, p), onehot.pmf(np.eye(6)), rtol=1e-12
        )


@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(-20, 20)))
def test_categorical_properties(logits):
    p = softmax(logits)
    K = p.size
    assert categorical_pmf(np.arange(K), p).sum() == pytest.approx(1.0)
    assert categorical_cdf(K - 1, p) == pytest.approx(1.0)
    _mean, cov = categorical_mean_cov(p)
    np.testing.assert_allclose(cov, cov.T)
    np.testing.assert_allclose(cov.sum(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(np.diag(cov), p * (1 - p), atol=1e-15)
    assert np.linalg.eigvalsh(cov).min() >= -1e-12


@pytest.mark.parametrize(
    ("p", "fragment"),
    [
        ([0.5, 0.6], "p must sum to 1"),
        ([1.2, -0.2], "p must be non-negative"),
        ([], "p must be non-empty"),
        ([[0.5, 0.5]], "p must have 1 dimension"),
    ],
)
def test_categorical_rejects_bad_input(p, fragment):
    with pytest.raises(ValueError, match=fragment):
        categorical_pmf(0, p)
    with pytest.raises(ValueError, match=fragment):
        categorical_cdf(0, p)
    with pytest.raises(ValueError, match=fragment):
        categorical_mean_cov(p)


# ---------------------------------------------------------------- Poisson


@pytest.mark.parametrize("lam", [1e-3, 0.5, 4.0, 37.5, 1000.0])
def test_poisson_matches_scipy(lam):
    dist = stats.poisson(lam)
    k = np.concatenate([K_GRID, np.arange(900, 1100, 7)])
    np.testing.assert_allclose(poisson_pmf(k, lam), dist.pmf(k), rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(poisson_cdf(k, lam), dist.cdf(k), rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(
        poisson_mean_var(lam), dist.stats(moments="mv"), rtol=1e-12
    )


@given(st.floats(0.01, 50))
def test_poisson_properties(lam):
    k = np.arange(0, int(lam + 20 * np.sqrt(lam) + 30))
    pmf = poisson_pmf(k, lam)
    assert pmf.sum() == pytest.approx(1.0)
    # Recurrence p(k + 1) = p(k) lam / (k + 1), from the closed form.
    np.testing.assert_allclose(
        pmf[1:], pmf[:-1] * lam / (k[:-1] + 1), rtol=1e-9, atol=1e-300
    )
    np.testing.assert_allclose(poisson_cdf(k, lam), np.cumsum(pmf), atol=1e-12)
    assert float(k @ pmf) == pytest.approx(poisson_mean_var(lam)[0], rel=1e-9)


def test_poisson_cdf_of_huge_k_is_one_without_huge_memory():
    assert poisson_cdf(1e12, 3.0) == pytest.approx(1.0)
    assert poisson_cdf(-5, 3.0) == 0.0


@pytest.mark.parametrize(
    ("lam", "fragment"),
    [
        (0.0, "lam must be > 0, got 0.0"),
        (-2.0, "lam must be > 0"),
        (np.nan, "lam must be non-empty and finite"),
        ([1.0, 2.0], "lam must have 0 dimension"),
    ],
)
def test_poisson_rejects_bad_input(lam, fragment):
    with pytest.raises(ValueError, match=fragment):
        poisson_pmf(1, lam)
    with pytest.raises(ValueError, match=fragment):
        poisson_cdf(1, lam)
    with pytest.raises(ValueError, match=fragment):
        poisson_mean_var(lam)


# ---------------------------------------------------------------- plots


def test_plot_discrete_pmfs_draws_the_four_pmfs():
    fig = plot_discrete_pmfs()
    assert fig.get_label()
    ax1, ax2, ax3, ax4 = fig.axes
    np.testing.assert_allclose([b.get_height() for b in ax1.patches], [0.7, 0.3])
    np.testing.assert_allclose(
        [b.get_height() for b in ax2.patches], stats.binom.pmf(np.arange(21), 20, 0.3)
    )
    np.testing.assert_allclose(
        [b.get_height() for b in ax3.patches],
        softmax(np.array([2.0, 1.0, 0.5, 0.0, -1.0])),
    )
    np.testing.assert_allclose(
        [b.get_height() for b in ax4.patches], stats.poisson.pmf(np.arange(16), 4.0)
    )


def test_plot_poisson_limit_draws_binomials_and_poisson():
    fig = plot_poisson_limit(lam=2.0, ns=(10, 50))
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    assert len(lines) == 3
    for line, n in zip(lines[:2], (10, 50), strict=True):
        k, y = line.get_data()
        np.testing.assert_allclose(y, stats.binom.pmf(k, n, 2.0 / n), rtol=1e-10)
    k, y = lines[2].get_data()
    np.testing.assert_allclose(y, stats.poisson.pmf(k, 2.0), rtol=1e-10)
