"""Snippet-speed cases of the probability and statistics area (run by `make bench`)."""

import numpy as np
from scipy import stats
from sklearn.metrics import log_loss

from snippets.probability_statistics.continuous_distributions import (
    beta_cdf,
    beta_pdf,
    gaussian_cdf,
    gaussian_pdf,
)
from snippets.probability_statistics.discrete_distributions import (
    binomial_cdf,
    binomial_pmf,
    poisson_cdf,
    poisson_pmf,
)
from snippets.probability_statistics.estimation import (
    gaussian_mle,
    logistic_negative_log_likelihood,
)
from snippets.probability_statistics.inference import (
    bootstrap_interval,
    t_confidence_interval,
    two_sample_t_test,
)
from snippets.probability_statistics.markov_chains import stationary_distribution
from snippets.probability_statistics.multivariate import mvn_logpdf, sample_mvn
from snippets.probability_statistics.random_variables import (
    correlation_matrix,
    covariance_matrix,
    empirical_cdf,
    histogram_density,
)
from snippets.probability_statistics.sampling_and_limits import (
    sample_discrete,
    sample_exponential,
)
from tests.site.benchmarks import Case


def _spd(rng: np.random.Generator, n: int) -> np.ndarray:
    A = rng.normal(size=(n, n))
    return A @ A.T + n * np.eye(n)


CASES = [
    # ---- random variables
    Case(
        "probability_statistics.random_variables.covariance_matrix",
        covariance_matrix,
        lambda X: np.cov(X, rowvar=False),
        lambda rng: rng.normal(size=(5_000, 50)),
        "numpy.cov",
    ),
    Case(
        "probability_statistics.random_variables.correlation_matrix",
        correlation_matrix,
        lambda X: np.corrcoef(X, rowvar=False),
        lambda rng: rng.normal(size=(5_000, 50)),
        "numpy.corrcoef",
    ),
    Case(
        "probability_statistics.random_variables.empirical_cdf",
        lambda d: empirical_cdf(d[0], d[1]),
        lambda d: stats.ecdf(d[1]).cdf.evaluate(d[0]),
        lambda rng: (rng.normal(size=1_000), rng.normal(size=100_000)),
        "scipy.stats.ecdf",
    ),
    Case(
        "probability_statistics.random_variables.histogram_density",
        lambda x: histogram_density(x, 50),
        lambda x: np.histogram(x, 50, density=True),
        lambda rng: rng.normal(size=100_000),
        "numpy.histogram",
    ),
    # ---- discrete distributions
    Case(
        "probability_statistics.discrete_distributions.binomial_pmf",
        lambda k: binomial_pmf(k, 1000, 0.3),
        lambda k: stats.binom.pmf(k, 1000, 0.3),
        lambda rng: rng.integers(0, 1001, size=100_000),
        "scipy.stats.binom.pmf",
    ),
    Case(
        "probability_statistics.discrete_distributions.binomial_cdf",
        lambda k: binomial_cdf(k, 1000, 0.3),
        lambda k: stats.binom.cdf(k, 1000, 0.3),
        lambda rng: rng.integers(0, 1001, size=100_000),
        "scipy.stats.binom.cdf",
    ),
    Case(
        "probability_statistics.discrete_distributions.poisson_pmf",
        lambda k: poisson_pmf(k, 40.0),
        lambda k: stats.poisson.pmf(k, 40.0),
        lambda rng: rng.integers(0, 100, size=100_000),
        "scipy.stats.poisson.pmf",
    ),
    Case(
        "probability_statistics.discrete_distributions.poisson_cdf",
        lambda k: poisson_cdf(k, 40.0),
        lambda k: stats.poisson.cdf(k, 40.0),
        lambda rng: rng.integers(0, 100, size=100_000),
        "scipy.stats.poisson.cdf",
    ),
    # ---- continuous distributions
    Case(
        "probability_statistics.continuous_distributions.gaussian_pdf",
        lambda x: gaussian_pdf(x, 1.0, 2.0),
        lambda x: stats.norm.pdf(x, 1.0, 2.0),
        lambda rng: rng.normal(size=100_000),
        "scipy.stats.norm.pdf",
    ),
    Case(
        "probability_statistics.continuous_distributions.gaussian_cdf",
        lambda x: gaussian_cdf(x, 1.0, 2.0),
        lambda x: stats.norm.cdf(x, 1.0, 2.0),
        lambda rng: rng.normal(size=100_000),
        "scipy.stats.norm.cdf",
    ),
    Case(
        "probability_statistics.continuous_distributions.beta_pdf",
        lambda x: beta_pdf(x, 2.5, 4.0),
        lambda x: stats.beta.pdf(x, 2.5, 4.0),
        lambda rng: rng.random(100_000),
        "scipy.stats.beta.pdf",
    ),
    Case(
        "probability_statistics.continuous_distributions.beta_cdf",
        lambda x: beta_cdf(x, 2.5, 4.0),
        lambda x: stats.beta.cdf(x, 2.5, 4.0),
        lambda rng: rng.random(10_000),
        "scipy.stats.beta.cdf",
    ),
    # ---- multivariate
    Case(
        "probability_statistics.multivariate.mvn_logpdf",
        lambda d: mvn_logpdf(d[0], d[1], d[2]),
        lambda d: stats.multivariate_normal(d[1], d[2]).logpdf(d[0]),
        lambda rng: (rng.normal(size=(10_000, 20)), rng.normal(size=20), _spd(rng, 20)),
        "scipy.stats.multivariate_normal.logpdf",
    ),
    Case(
        "probability_statistics.multivariate.sample_mvn",
        lambda d: sample_mvn(d[0], d[1], 10_000, np.random.default_rng(0)),
        lambda d: np.random.default_rng(0).multivariate_normal(
            d[0], d[1], 10_000, method="cholesky"
        ),
        lambda rng: (rng.normal(size=20), _spd(rng, 20)),
        "numpy.random.Generator.multivariate_normal",
    ),
]


# ---- sampling and limits, estimation, inference, Markov chains


def _stochastic(rng: np.random.Generator, k: int) -> np.ndarray:
    m = rng.random((k, k)) + 0.01
    return m / m.sum(axis=1, keepdims=True)


def _leading_left_eigenvector(P: np.ndarray) -> np.ndarray:
    w, V = np.linalg.eig(P.T)
    v = V[:, np.argmax(w.real)].real
    return v / v.sum()


CASES += [
    Case(
        "probability_statistics.sampling_and_limits.sample_exponential",
        lambda n: sample_exponential(2.0, n, np.random.default_rng(0)),
        lambda n: np.random.default_rng(0).exponential(0.5, n),
        lambda rng: 200_000,
        "numpy.random.Generator.exponential",
    ),
    Case(
        "probability_statistics.sampling_and_limits.sample_discrete",
        lambda p: sample_discrete(p, 100_000, np.random.default_rng(0)),
        lambda p: np.random.default_rng(0).choice(p.size, size=100_000, p=p),
        lambda rng: (lambda w: w / w.sum())(rng.random(1000)),
        "numpy.random.Generator.choice",
    ),
    Case(
        "probability_statistics.estimation.gaussian_mle",
        gaussian_mle,
        stats.norm.fit,
        lambda rng: rng.normal(3.0, 2.0, size=100_000),
        "scipy.stats.norm.fit",
    ),
    Case(
        "probability_statistics.estimation.logistic_negative_log_likelihood",
        lambda d: logistic_negative_log_likelihood(d[0], d[1], d[2]),
        lambda d: log_loss(d[1], 1 / (1 + np.exp(-(d[0] @ d[2])))),
        lambda rng: (
            rng.normal(size=(20_000, 20)),
            (rng.random(20_000) < 0.5).astype(float),
            rng.normal(size=20) * 0.3,
        ),
        "sklearn.metrics.log_loss",
    ),
    Case(
        "probability_statistics.inference.t_confidence_interval",
        t_confidence_interval,
        lambda x: stats.t.interval(0.95, x.size - 1, loc=x.mean(), scale=stats.sem(x)),
        lambda rng: rng.normal(size=10_000),
        "scipy.stats.t.interval",
    ),
    Case(
        "probability_statistics.inference.bootstrap_interval",
        lambda x: bootstrap_interval(x, rng=np.random.default_rng(0)),
        lambda x: (
            stats.bootstrap(
                (x,),
                np.mean,
                method="percentile",
                n_resamples=2000,
                rng=np.random.default_rng(0),
            ).confidence_interval
        ),
        lambda rng: rng.exponential(size=200),
        "scipy.stats.bootstrap",
    ),
    Case(
        "probability_statistics.inference.two_sample_t_test",
        lambda d: two_sample_t_test(d[0], d[1], equal_var=False),
        lambda d: stats.ttest_ind(d[0], d[1], equal_var=False),
        lambda rng: (rng.normal(size=5_000), rng.normal(0.1, 2.0, size=3_000)),
        "scipy.stats.ttest_ind",
    ),
    Case(
        "probability_statistics.markov_chains.stationary_distribution",
        stationary_distribution,
        _leading_left_eigenvector,
        lambda rng: _stochastic(rng, 60),
        "numpy.linalg.eig (leading left eigenvector)",
    ),
]
