"""Tests for snippets/probability_statistics/estimation.py
(page: docs/probability-statistics/estimation.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import integrate, optimize, special, stats
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from snippets.probability_statistics.estimation import (
    EstimatorStats,
    bernoulli_log_likelihood,
    bernoulli_mle,
    beta_binomial_update,
    beta_map,
    estimator_stats,
    gaussian_log_likelihood,
    gaussian_mle,
    logistic_negative_log_likelihood,
    logistic_probability,
    numerical_mle,
    plot_bernoulli_log_likelihood,
    plot_beta_updates,
    plot_variance_estimators,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
samples = arrays(np.float64, st.integers(2, 30), elements=finite)
binary = arrays(np.float64, st.integers(1, 30), elements=st.sampled_from([0.0, 1.0]))


# ---------------------------------------------------------------- Gaussian MLE


def test_gaussian_mle_matches_scipy_norm_fit():
    x = np.random.default_rng(1).normal(3.0, 2.0, size=500)
    loc, scale = stats.norm.fit(x)  # SciPy's maximum-likelihood fit
    mu, var = gaussian_mle(x)
    assert mu == pytest.approx(loc, rel=1e-12)
    assert var == pytest.approx(scale**2, rel=1e-12)


def test_gaussian_log_likelihood_matches_scipy_logpdf():
    x = np.random.default_rng(2).normal(size=40)
    expected = stats.norm.logpdf(x, loc=0.3, scale=np.sqrt(1.7)).sum()
    assert gaussian_log_likelihood(x, 0.3, 1.7) == pytest.approx(expected, rel=1e-12)


@given(samples, st.floats(-5, 5), st.floats(0.2, 5))
def test_gaussian_mle_maximizes_the_log_likelihood(x, dmu, factor):
    mu, var = gaussian_mle(x)
    if var < 1e-6:
        return
    best = gaussian_log_likelihood(x, mu, var)
    assert best >= gaussian_log_likelihood(x, mu + dmu, var) - 1e-6 * abs(best)
    assert best >= gaussian_log_likelihood(x, mu, var * factor) - 1e-6 * abs(best)


@given(samples, finite, st.floats(0.1, 10))
def test_gaussian_mle_is_affine_equivariant(x, a, b):
    mu, var = gaussian_mle(x)
    mu2, var2 = gaussian_mle(a + b * x)
    assert mu2 == pytest.approx(a + b * mu, rel=1e-9, abs=1e-6)
    assert var2 == pytest.approx(b**2 * var, rel=1e-7, abs=1e-6)


@pytest.mark.parametrize(
    ("x", "error", "fragment"),
    [
        ([], ValueError, "x must be non-empty"),
        ([[1.0, 2.0]], ValueError, "x must have 1 dimension"),
        ([1.0, np.inf], ValueError, "finite"),
        ("ab", TypeError, "x must be array-like"),
    ],
)
def test_gaussian_mle_rejects_bad_input(x, error, fragment):
    with pytest.raises(error, match=fragment):
        gaussian_mle(x)
    with pytest.raises(error, match=fragment):
        gaussian_log_likelihood(x, 0.0, 1.0)


@pytest.mark.parametrize(
    ("mu", "var", "fragment"),
    [
        (0.0, 0.0, "var must be positive"),
        (0.0, -1.0, "var must be positive"),
        (np.nan, 1.0, "mu and var must be finite"),
        (0.0, np.inf, "mu and var must be finite"),
    ],
)
def test_gaussian_log_likelihood_rejects_bad_parameters(mu, var, fragment):
    with pytest.raises(ValueError, match=fragment):
        gaussian_log_likelihood([1.0, 2.0], mu, var)


# ---------------------------------------------------------------- Bernoulli MLE


def test_bernoulli_log_likelihood_matches_scipy_logpmf():
    x = (np.random.default_rng(3).random(30) < 0.4).astype(float)
    for p in (0.1, 0.4, 0.93):
        expected = stats.bernoulli.logpmf(x, p).sum()
        assert bernoulli_log_likelihood(x, p) == pytest.approx(expected, rel=1e-12)


def test_bernoulli_log_likelihood_edges_follow_0_log_0():
    assert bernoulli_log_likelihood([1, 1], 1.0) == 0.0
    assert bernoulli_log_likelihood([0, 0], 0.0) == 0.0
    assert bernoulli_log_likelihood([0, 1], 1.0) == -np.inf


def test_bernoulli_mle_matches_scipy_bounded_maximization():
    x = (np.random.default_rng(4).random(57) < 0.3).astype(float)
    res = optimize.minimize_scalar(
        lambda p: -stats.bernoulli.logpmf(x, p).sum(),
        bounds=(1e-9, 1 - 1e-9),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert bernoulli_mle(x) == pytest.approx(res.x, abs=1e-7)


@given(binary, st.floats(0.01, 0.99))
def test_bernoulli_mle_maximizes_the_log_likelihood(x, p):
    assert bernoulli_log_likelihood(x, bernoulli_mle(x)) >= (
        bernoulli_log_likelihood(x, p) - 1e-9
    )


@pytest.mark.parametrize(
    ("x", "error", "fragment"),
    [
        ([0, 1, 2], ValueError, "x must contain only 0 and 1"),
        ([0.5], ValueError, "x must contain only 0 and 1"),
        ([], ValueError, "x must be non-empty"),
        ([[0, 1]], ValueError, "x must have 1 dimension"),
    ],
)
def test_bernoulli_functions_reject_bad_data(x, error, fragment):
    with pytest.raises(error, match=fragment):
        bernoulli_mle(x)
    with pytest.raises(error, match=fragment):
        bernoulli_log_likelihood(x, 0.5)


@pytest.mark.parametrize("p", [-0.1, 1.5, np.nan])
def test_bernoulli_log_likelihood_rejects_bad_p(p):
    with pytest.raises(ValueError, match="p must be a probability"):
        bernoulli_log_likelihood([0, 1], p)


# ---------------------------------------------------------------- numerical_mle


def test_numerical_mle_recovers_the_gaussian_closed_form():
    x = np.random.default_rng(5).normal(-1.0, 0.5, size=300)
    # Parametrize by (mu, log sigma) so every step keeps the variance positive.
    theta = numerical_mle(
        lambda t: -stats.norm.logpdf(x, t[0], np.exp(t[1])).sum(), [0.0, 0.0]
    )
    mu, var = gaussian_mle(x)
    assert theta[0] == pytest.approx(mu, abs=1e-6)
    assert np.exp(2 * theta[1]) == pytest.approx(var, rel=1e-6)


def test_numerical_mle_recovers_the_bernoulli_closed_form():
    x = (np.random.default_rng(6).random(80) < 0.35).astype(float)
    theta = numerical_mle(
        lambda t: -stats.bernoulli.logpmf(x, special.expit(t[0])).sum(), [0.0]
    )
    assert special.expit(theta[0]) == pytest.approx(bernoulli_mle(x), abs=1e-6)


@given(arrays(np.float64, st.integers(1, 4), elements=st.floats(-10, 10)))
def test_numerical_mle_finds_the_minimum_of_a_quadratic(c):
    theta = numerical_mle(lambda t: float(np.sum((t - c) ** 2)), np.zeros_like(c))
    np.testing.assert_allclose(theta, c, atol=1e-5)


def test_numerical_mle_reports_non_convergence():
    rosenbrock = optimize.rosen
    with pytest.raises(RuntimeError, match="did not converge in 2 iterations"):
        numerical_mle(rosenbrock, [-1.2, 1.0], max_iter=2)


@pytest.mark.parametrize(
    ("f", "theta0", "kwargs", "error", "fragment"),
    [
        ("nll", [0.0], {}, TypeError, "negative_log_likelihood must be callable"),
        (np.sum, [], {}, ValueError, "theta0 must be non-empty"),
        (np.sum, [np.nan], {}, ValueError, "theta0 must be non-empty and finite"),
        (np.sum, [0.0], {"max_iter": 0}, ValueError, "max_iter must be a positive"),
        (np.sum, [0.0], {"tol": 0.0}, ValueError, "tol must be positive"),
    ],
)
def test_numerical_mle_rejects_bad_input(f, theta0, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        numerical_mle(f, theta0, **kwargs)


# ---------------------------------------------------------------- Beta–Binomial


def test_beta_binomial_update_matches_a_numerical_posterior():
    # Bayes on a grid: prior density times binomial likelihood, normalized by quadrature.
    a, b, heads, tails = 2.5, 1.5, 7, 4
    post_a, post_b = beta_binomial_update(a, b, heads, tails)
    theta = np.linspace(0, 1, 2001)
    unnormalized = stats.beta.pdf(theta, a, b) * stats.binom.pmf(
        heads, heads + tails, theta
    )
    posterior = unnormalized / integrate.trapezoid(unnormalized, theta)
    np.testing.assert_allclose(
        posterior, stats.beta.pdf(theta, post_a, post_b), atol=1e-4
    )


@given(
    st.floats(0.1, 10),
    st.floats(0.1, 10),
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), min_size=1, max_size=6),
)
def test_sequential_updating_equals_batch_updating(a, b, batches):
    seq = (a, b)
    for h, t in batches:
        seq = beta_binomial_update(*seq, h, t)
    heads = sum(h for h, _ in batches)
    tails = sum(t for _, t in batches)
    assert seq == pytest.approx(beta_binomial_update(a, b, heads, tails), rel=1e-12)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((0.0, 1.0, 1, 1), ValueError, "alpha must be a positive finite number"),
        ((1.0, -1.0, 1, 1), ValueError, "beta must be a positive finite number"),
        ((np.nan, 1.0, 1, 1), ValueError, "alpha must be a positive finite number"),
        ((1.0, 1.0, -1, 1), ValueError, "heads must be non-negative"),
        ((1.0, 1.0, 1, 2.5), TypeError, "tails must be an integer count"),
        ((1.0, 1.0, True, 1), TypeError, "heads must be an integer count"),
    ],
)
def test_beta_binomial_update_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        beta_binomial_update(*args)


def test_beta_map_matches_numerical_maximization_of_the_posterior():
    for a, b in [(9.0, 5.0), (1.0, 3.0), (2.5, 2.5), (30.0, 2.0)]:
        res = optimize.minimize_scalar(
            lambda t, a=a, b=b: -stats.beta.logpdf(t, a, b),
            bounds=(1e-9, 1 - 1e-9),
            method="bounded",
            options={"xatol": 1e-10},
        )
        assert beta_map(a, b) == pytest.approx(res.x, abs=1e-6)


@given(st.integers(0, 50), st.integers(0, 50))
def test_map_with_a_uniform_prior_is_the_mle(heads, tails):
    if heads + tails == 0:
        return
    flips = np.r_[np.ones(heads), np.zeros(tails)]
    post = beta_binomial_update(1.0, 1.0, heads, tails)
    assert beta_map(*post) == pytest.approx(bernoulli_mle(flips), abs=1e-12)


@pytest.mark.parametrize(
    ("a", "b", "fragment"),
    [
        (0.5, 2.0, "alpha must be a finite number >= 1"),
        (2.0, np.inf, "beta must be a finite number >= 1"),
        (1.0, 1.0, "alpha \\+ beta must exceed 2"),
    ],
)
def test_beta_map_rejects_bad_input(a, b, fragment):
    with pytest.raises(ValueError, match=fragment):
        beta_map(a, b)


# ---------------------------------------------------------------- estimator_stats


@pytest.mark.parametrize("n", [3, 10])
def test_variance_estimators_match_their_closed_forms(n):
    # For Gaussian data with variance 1 (Cochran's theorem, (n-1) s^2 ~ chi2(n-1)):
    # 1/n estimator: bias -1/n, variance 2(n-1)/n^2; 1/(n-1): bias 0, variance 2/(n-1).
    reps = 40_000
    x = np.random.default_rng(7).normal(size=(reps, n))
    biased = estimator_stats(x.var(axis=1, ddof=0), 1.0)
    unbiased = estimator_stats(x.var(axis=1, ddof=1), 1.0)
    # The bias is a mean of `reps` estimates: allow 4 standard errors.
    assert abs(biased.bias + 1 / n) <= 4 * np.sqrt(2 * (n - 1) / n**2 / reps)
    assert abs(unbiased.bias) <= 4 * np.sqrt(2 / (n - 1) / reps)
    assert biased.variance == pytest.approx(2 * (n - 1) / n**2, rel=0.05)
    assert unbiased.variance == pytest.approx(2 / (n - 1), rel=0.05)
    assert biased.mse < unbiased.mse  # the biased one wins on MSE for Gaussians


@given(arrays(np.float64, st.integers(1, 30), elements=finite), finite)
def test_mse_is_bias_squared_plus_variance(e, theta):
    s = estimator_stats(e, theta)
    assert isinstance(s, EstimatorStats)
    assert s.mse == pytest.approx(s.bias**2 + s.variance, rel=1e-7, abs=1e-6)
    assert s.variance >= 0


@pytest.mark.parametrize(
    ("e", "theta", "error", "fragment"),
    [
        ([], 0.0, ValueError, "estimates must be non-empty"),
        ([1.0, np.nan], 0.0, ValueError, "estimates must be non-empty and finite"),
        ([[1.0]], 0.0, ValueError, "estimates must have 1 dimension"),
        ([1.0], np.nan, ValueError, "true_value must be finite"),
    ],
)
def test_estimator_stats_rejects_bad_input(e, theta, error, fragment):
    with pytest.raises(error, match=fragment):
        estimator_stats(e, theta)


# ---------------------------------------------------------------- logistic regression


def logistic_data(seed=8, m=200):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 2))
    y = (rng.random(m) < special.expit(X @ [2.0, -1.0] + 0.5)).astype(float)
    return X, y


def test_logistic_probability_matches_scipy_expit():
    X, _ = logistic_data()
    w, b = np.array([0.7, -2.0]), 0.3
    np.testing.assert_allclose(
        logistic_probability(X, w, b), special.expit(X @ w + b), rtol=1e-12
    )


@given(arrays(np.float64, (5, 2), elements=st.floats(-50, 50)), st.floats(-5, 5))
def test_logistic_probability_is_a_probability_and_symmetric(X, b):
    w = np.array([1.0, -0.5])
    p = logistic_probability(X, w, b)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(logistic_probability(-X, w, -b), 1 - p, atol=1e-12)


def test_logistic_nll_matches_sklearn_log_loss_and_is_stable():
    X, y = logistic_data()
    w, b = np.array([1.5, -0.5]), 0.2
    expected = log_loss(y, special.expit(X @ w + b))
    assert logistic_negative_log_likelihood(X, y, w, b) == pytest.approx(
        expected, rel=1e-10
    )
    # Huge margins: -log sigma(-800) = 800 exactly in the stable form.
    assert logistic_negative_log_likelihood([[-800.0]], [1], [1.0]) == 800.0


def test_logistic_mle_matches_unpenalized_sklearn():
    X, y = logistic_data()
    theta = numerical_mle(
        lambda t: logistic_negative_log_likelihood(X, y, t[:2], t[2]), np.zeros(3)
    )
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X, y)
    np.testing.assert_allclose(theta[:2], model.coef_[0], atol=1e-4)
    assert theta[2] == pytest.approx(model.intercept_[0], abs=1e-4)


@given(
    arrays(np.float64, (6, 2), elements=st.floats(-10, 10)),
    arrays(np.float64, 6, elements=st.sampled_from([0.0, 1.0])),
)
def test_logistic_nll_is_non_negative_and_log_2_at_zero_weights(X, y):
    assert logistic_negative_log_likelihood(X, y, [0.3, -0.2], 0.1) >= 0
    # w = 0, b = 0 gives p = 1/2 everywhere: the loss is exactly log 2.
    assert logistic_negative_log_likelihood(X, y, [0.0, 0.0]) == pytest.approx(
        np.log(2)
    )


@pytest.mark.parametrize(
    ("X", "y", "w", "b", "fragment"),
    [
        ([[1.0, 2.0]], [1], [1.0], 0.0, "X has 2 columns but w has 1 entries"),
        ([[1.0]], [1, 0], [1.0], 0.0, "y has 2 labels but X has 1 rows"),
        ([[1.0]], [2], [1.0], 0.0, "y must contain only 0 and 1"),
        ([[1.0]], [1], [1.0], np.nan, "b must be finite"),
        ([1.0], [1], [1.0], 0.0, "X must have 2 dimension"),
        ([[1.0]], [1], [], 0.0, "w must be non-empty"),
    ],
)
def test_logistic_functions_reject_bad_input(X, y, w, b, fragment):
    with pytest.raises(ValueError, match=fragment):
        logistic_negative_log_likelihood(X, y, w, b)
    if "y " not in fragment:
        with pytest.raises(ValueError, match=fragment):
            logistic_probability(X, w, b)


# ---------------------------------------------------------------- plots


def test_plot_bernoulli_log_likelihood_draws_the_formula():
    fig = plot_bernoulli_log_likelihood(heads=7, tails=3)
    assert fig.get_label()
    curve, mle = fig.axes[0].get_lines()
    p, ll = curve.get_data()
    np.testing.assert_allclose(ll, 7 * np.log(p) + 3 * np.log1p(-p), rtol=1e-12)
    assert mle.get_xdata()[0] == pytest.approx(0.7)


def test_plot_beta_updates_draws_the_conjugate_posteriors():
    fig = plot_beta_updates(prior=(2.0, 2.0), batches=((3, 1), (5, 5)))
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    for line, (a, b) in zip(lines, [(2, 2), (5, 3), (10, 8)], strict=True):
        theta, density = line.get_data()
        np.testing.assert_allclose(density, stats.beta.pdf(theta, a, b), rtol=1e-12)


def test_plot_variance_estimators_marks_the_two_means():
    n = 4
    fig = plot_variance_estimators(n=n, reps=20_000)
    assert fig.get_label()
    verticals = [line.get_xdata()[0] for line in fig.axes[0].get_lines()]
    biased_mean, unbiased_mean, truth = verticals
    assert truth == 1.0
    assert biased_mean == pytest.approx((n - 1) / n, abs=0.03)
    assert unbiased_mean == pytest.approx(1.0, abs=0.03)
