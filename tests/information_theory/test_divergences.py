"""Tests for snippets/information_theory/divergences.py
(page: docs/information-theory/divergences.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.integrate import quad
from scipy.optimize import minimize_scalar
from scipy.spatial.distance import jensenshannon
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import rel_entr, softmax, xlogy
from scipy.stats import entropy as scipy_entropy
from scipy.stats import gamma, multivariate_normal, norm
from scipy.stats import t as t_dist
from sklearn.metrics import log_loss

from snippets.information_theory.divergences import (
    cross_entropy,
    cross_entropy_from_logits,
    fit_gaussian_kl,
    jensen_shannon,
    kl_divergence,
    kl_gaussians,
    mixture_logpdf,
    plot_kl_fits,
    vae_kl,
)
from tests.information_theory.strategies import distribution_pairs, distributions

BAD_PAIRS = [
    ([0.5, 0.5], [1.2, -0.2], ValueError, "q must be non-negative"),
    ([-0.5, 1.5], [0.5, 0.5], ValueError, "p must be non-negative"),
    ([0.5, 0.4], [0.5, 0.5], ValueError, "p must sum to 1"),
    ([0.5, 0.5], [0.5, 0.6], ValueError, "q must sum to 1"),
    ([0.5, 0.5], [0.2, 0.3, 0.5], ValueError, "same length, got 2 and 3"),
    ([], [], ValueError, "p must be non-empty and finite"),
    ([0.5, 0.5], [np.nan, 1.0], ValueError, "q must be non-empty and finite"),
    ([[0.5, 0.5]], [[0.5, 0.5]], ValueError, "p must have 1 dimension"),
    ("ab", [1.0], TypeError, "p must be array-like"),
]


def random_spd(rng, n):
    A = rng.normal(size=(n, n))
    return A @ A.T + 0.5 * np.eye(n)


# ---------------------------------------------------------------- kl_divergence


@given(distribution_pairs(), st.sampled_from([2, np.e]))
def test_kl_matches_scipy_and_is_non_negative(pq, base):
    p, q = pq
    assert kl_divergence(p, q, base) == pytest.approx(
        scipy_entropy(p, q, base=base), rel=1e-9, abs=1e-12
    )
    # scipy.special.rel_entr(p, q) = p log(p / q), with 0 where p = 0
    assert kl_divergence(p, q) == pytest.approx(
        max(float(np.sum(rel_entr(p, q))), 0.0), rel=1e-9, abs=1e-12
    )
    # properties: KL >= 0, and KL(p || p) = 0
    assert kl_divergence(p, q) >= 0.0
    assert kl_divergence(p, p) == 0.0
    assert kl_divergence(q, q) == 0.0


def test_kl_is_asymmetric():
    p, q = [0.5, 0.5], [0.9, 0.1]
    # By hand: KL(p||q) = 0.5 log(0.5/0.9) + 0.5 log(0.5/0.1) = 0.5108...
    #          KL(q||p) = 0.9 log(1.8) + 0.1 log(0.2) = 0.3680...
    assert kl_divergence(p, q) == pytest.approx(0.5 * np.log(5 / 9) + 0.5 * np.log(5))
    assert kl_divergence(q, p) == pytest.approx(0.9 * np.log(1.8) + 0.1 * np.log(0.2))
    assert kl_divergence(p, q) != pytest.approx(kl_divergence(q, p))


def test_kl_stays_finite_when_the_ratio_would_overflow():
    # p/q = 0.5/1e-320 overflows, but log p - log q = log 0.5 + 736.8 is finite
    tiny = 1e-320
    kl = kl_divergence([0.5, 0.5], [1 - tiny, tiny])
    expected = 0.5 * np.log(0.5) + 0.5 * (np.log(0.5) - np.log(tiny))  # by hand
    assert kl == pytest.approx(expected, rel=1e-12)


def test_kl_is_inf_where_q_is_zero_and_p_is_not():
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert scipy_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf  # the reference agrees
    # the other way round is finite: p = 0 where q > 0 costs nothing (0 log 0 = 0)
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(np.log(2))


@pytest.mark.parametrize(("p", "q", "error", "fragment"), BAD_PAIRS)
def test_kl_rejects_bad_input(p, q, error, fragment):
    with pytest.raises(error, match=fragment):
        kl_divergence(p, q)


def test_kl_rejects_bad_base():
    with pytest.raises(ValueError, match="base must be"):
        kl_divergence([0.5, 0.5], [0.5, 0.5], base=1)


# ---------------------------------------------------------------- cross_entropy


@given(distribution_pairs())
def test_cross_entropy_matches_scipy_and_decomposes(pq):
    p, q = pq
    # H(p, q) = -sum xlogy(p, q), xlogy(0, q) = 0
    assert cross_entropy(p, q) == pytest.approx(
        -np.sum(xlogy(p, q)), rel=1e-9, abs=1e-12
    )
    # H(p, q) = H(p) + KL(p || q), with H and KL from scipy
    assert cross_entropy(p, q) == pytest.approx(
        scipy_entropy(p) + scipy_entropy(p, q), rel=1e-9, abs=1e-12
    )
    assert cross_entropy(p, q) >= scipy_entropy(p) - 1e-12  # Gibbs' inequality


def test_cross_entropy_is_inf_where_q_is_zero_and_p_is_not():
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0


def test_cross_entropy_in_bits():
    assert cross_entropy([0.5, 0.5], [0.25, 0.75], base=2) == pytest.approx(
        -(0.5 * np.log2(0.25) + 0.5 * np.log2(0.75))
    )


@pytest.mark.parametrize(("p", "q", "error", "fragment"), BAD_PAIRS)
def test_cross_entropy_rejects_bad_input(p, q, error, fragment):
    with pytest.raises(error, match=fragment):
        cross_entropy(p, q)


# ---------------------------------------------------------------- cross_entropy_from_logits


def test_cross_entropy_from_logits_matches_sklearn_log_loss():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(50, 4)) * 3
    y = rng.integers(0, 4, size=50)
    expected = log_loss(y, softmax(z, axis=1), labels=range(4))
    assert cross_entropy_from_logits(z, y) == pytest.approx(expected, rel=1e-10)


@given(
    arrays(np.float64, (6, 3), elements=st.floats(-1e3, 1e3)),
    arrays(np.int64, 6, elements=st.integers(0, 2)),
)
def test_cross_entropy_from_logits_is_the_nll(z, y):
    # mean negative log-likelihood of the labels under scipy's log-softmax
    nll = -np.mean(scipy_log_softmax(z, axis=1)[np.arange(6), y])
    loss = cross_entropy_from_logits(z, y)
    assert np.isfinite(loss)
    assert loss == pytest.approx(nll, rel=1e-10, abs=1e-10)
    assert loss >= 0.0


@given(arrays(np.float64, 4, elements=st.floats(-50, 50)), st.integers(0, 3))
def test_cross_entropy_from_logits_equals_cross_entropy_of_one_hot(z, label):
    onehot = np.eye(4)[label]
    expected = cross_entropy(onehot, softmax(z))
    assert cross_entropy_from_logits(z, [label]) == pytest.approx(
        expected, rel=1e-9, abs=1e-12
    )


def test_cross_entropy_from_logits_exact_for_huge_logits():
    # By hand: logits (1000, 0), label 1: loss = log(e^1000 + 1) - 0 = 1000 (to 1e-434)
    assert cross_entropy_from_logits([1000.0, 0.0], [1]) == 1000.0
    # label 0 is almost sure: loss = log(1 + e^-1000) = 0 in double precision
    assert cross_entropy_from_logits([1000.0, 0.0], [0]) == 0.0
    # equal huge logits: loss = log 2 for any label
    assert cross_entropy_from_logits([[1000.0, 1000.0]], [0]) == pytest.approx(
        np.log(2)
    )
    # the naive route: exp(1000) overflows, softmax gives 0 for label 1, -log 0 = inf
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        naive = -np.log(np.exp(0.0) / np.sum(np.exp([1000.0, 0.0])))
    assert naive == np.inf


@pytest.mark.parametrize(
    ("z", "y", "fragment"),
    [
        ([[1.0, 2.0]], [2], r"labels must be class indices in \[0, 2\)"),
        ([[1.0, 2.0]], [-1], r"labels must be class indices in \[0, 2\)"),
        ([[1.0, 2.0]], [0.5], "labels must be integer class indices"),
        ([[1.0, 2.0]], [True], "labels must be integer class indices"),
        ([[1.0, 2.0], [0.0, 1.0]], [0], "one class index per row of logits"),
        ([[1.0, 2.0]], [[0]], "one class index per row of logits"),
        (np.ones((2, 2, 2)), [0, 1], r"logits must have shape \(k,\) or \(n, k\)"),
        ([[np.inf, 0.0]], [0], "logits must be non-empty and finite"),
    ],
)
def test_cross_entropy_from_logits_rejects_bad_input(z, y, fragment):
    with pytest.raises(ValueError, match=fragment):
        cross_entropy_from_logits(z, y)


# ---------------------------------------------------------------- kl_gaussians


@pytest.mark.parametrize(
    ("m1", "s1", "m2", "s2"),
    [(0.0, 1.0, 1.0, 1.0), (1.0, 0.5, -2.0, 3.0), (3.0, 2.0, 3.0, 0.1)],
)
def test_kl_gaussians_univariate_closed_form(m1, s1, m2, s2):
    # Textbook 1-D formula: log(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2
    expected = np.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - 0.5
    assert kl_gaussians(m1, s1**2, m2, s2**2) == pytest.approx(expected, rel=1e-12)


def test_kl_gaussians_matches_monte_carlo():
    # KL(p||q) = E_p[log p(X) - log q(X)], estimated from N samples of p with scipy's
    # log-densities; the error of the mean is about sd / sqrt(N), so allow 5 of those.
    rng = np.random.default_rng(42)
    n, N = 3, 200_000
    mp, mq = rng.normal(size=n), rng.normal(size=n)
    Cp, Cq = random_spd(rng, n), random_spd(rng, n)
    samples = rng.multivariate_normal(mp, Cp, size=N)
    log_ratio = multivariate_normal(mp, Cp).logpdf(samples) - multivariate_normal(
        mq, Cq
    ).logpdf(samples)
    tolerance = 5 * log_ratio.std() / np.sqrt(N)
    assert abs(kl_gaussians(mp, Cp, mq, Cq) - log_ratio.mean()) < tolerance


@given(st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_kl_gaussians_properties(n, seed):
    rng = np.random.default_rng(seed)
    mp, mq = rng.normal(size=n), rng.normal(size=n)
    Cp, Cq = random_spd(rng, n), random_spd(rng, n)
    assert kl_gaussians(mp, Cp, mq, Cq) >= 0.0
    assert kl_gaussians(mp, Cp, mp, Cp) == pytest.approx(0.0, abs=1e-10)
    # invariant under a common invertible affine map x -> A x + b
    A, b = rng.normal(size=(n, n)) + 3 * np.eye(n), rng.normal(size=n)
    assert kl_gaussians(
        A @ mp + b, A @ Cp @ A.T, A @ mq + b, A @ Cq @ A.T
    ) == pytest.approx(kl_gaussians(mp, Cp, mq, Cq), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((0.0, 0.0, 0.0, 1.0), "cov_p must be positive definite"),
        ((0.0, 1.0, 0.0, -1.0), "cov_q must be positive definite"),
        (([0.0, 0.0], np.eye(2), [0.0], np.eye(1)), "same length"),
        (([0.0, 0.0], np.eye(3), [0.0, 0.0], np.eye(2)), "must be 2 x 2"),
        (
            ([0.0, 0.0], [[1.0, 0.5], [0.0, 1.0]], [0.0, 0.0], np.eye(2)),
            "cov_p must be symmetric",
        ),
        (([np.nan], 1.0, [0.0], 1.0), "mu_p must be non-empty and finite"),
        (([[0.0]], 1.0, [[0.0]], 1.0), "must be vectors"),
    ],
)
def test_kl_gaussians_rejects_bad_input(args, fragment):
    with pytest.raises(ValueError, match=fragment):
        kl_gaussians(*args)


# ---------------------------------------------------------------- vae_kl


def test_vae_kl_matches_the_general_gaussian_kl():
    rng = np.random.default_rng(3)
    mu, log_var = rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    expected = [
        kl_gaussians(m, np.diag(np.exp(lv)), np.zeros(4), np.eye(4))
        for m, lv in zip(mu, log_var, strict=True)
    ]
    np.testing.assert_allclose(vae_kl(mu, log_var), expected, rtol=1e-10)
    assert isinstance(vae_kl(mu[0], log_var[0]), float)


def test_vae_kl_matches_monte_carlo():
    # E_q[log q(z) - log N(z; 0, I)] with scipy log-densities; 5 standard errors
    rng = np.random.default_rng(7)
    mu, log_var, N = np.array([0.5, -1.0]), np.array([-0.5, 0.3]), 200_000
    sd = np.exp(0.5 * log_var)
    z = mu + sd * rng.normal(size=(N, 2))
    log_ratio = norm.logpdf(z, mu, sd).sum(1) - norm.logpdf(z).sum(1)
    assert abs(vae_kl(mu, log_var) - log_ratio.mean()) < 5 * log_ratio.std() / np.sqrt(
        N
    )


@given(
    arrays(np.float64, 3, elements=st.floats(-10, 10)),
    arrays(np.float64, 3, elements=st.floats(-10, 10)),
)
def test_vae_kl_is_non_negative_and_zero_only_at_the_prior(mu, log_var):
    assert vae_kl(mu, log_var) >= 0.0
    assert vae_kl(np.zeros(3), np.zeros(3)) == 0.0
    # tiny log-variances: expm1 keeps the exact small value log_var^2 / 4 per dimension
    assert vae_kl([0.0], [1e-8]) == pytest.approx(0.25e-16, rel=1e-6)


@pytest.mark.parametrize(
    ("mu", "log_var", "fragment"),
    [
        ([0.0, 0.0], [0.0], "same shape"),
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), "same shape"),
        ([np.nan], [0.0], "mu must be non-empty and finite"),
        ([0.0], [np.inf], "log_var must be non-empty and finite"),
    ],
)
def test_vae_kl_rejects_bad_input(mu, log_var, fragment):
    with pytest.raises(ValueError, match=fragment):
        vae_kl(mu, log_var)


# ---------------------------------------------------------------- jensen_shannon


@given(distribution_pairs(q_positive=False), st.sampled_from([2, np.e]))
def test_jensen_shannon_matches_scipy_and_is_a_bounded_symmetric_divergence(pq, base):
    p, q = pq
    # scipy returns the JS *distance*, the square root of the divergence
    assert jensen_shannon(p, q, base) == pytest.approx(
        jensenshannon(p, q, base=base) ** 2, rel=1e-7, abs=1e-12
    )
    # properties: symmetric, finite even with zeros, between 0 and 1 bit
    js = jensen_shannon(p, q, base=2)
    assert js == pytest.approx(jensen_shannon(q, p, base=2), abs=1e-15)
    assert 0.0 <= js <= 1.0 + 1e-12
    assert jensen_shannon(p, p) == 0.0


def test_jensen_shannon_of_disjoint_supports_is_one_bit():
    assert jensen_shannon([0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.2, 0.8], base=2) == 1.0


@pytest.mark.parametrize(("p", "q", "error", "fragment"), BAD_PAIRS)
def test_jensen_shannon_rejects_bad_input(p, q, error, fragment):
    with pytest.raises(error, match=fragment):
        jensen_shannon(p, q)


# ---------------------------------------------------------------- mixture_logpdf


def test_mixture_logpdf_matches_scipy_norm():
    x = np.linspace(-40, 40, 101)
    w, m, s = [0.3, 0.7], [-1.0, 2.0], [0.5, 1.5]
    expected = np.log(w[0] * norm.pdf(x, m[0], s[0]) + w[1] * norm.pdf(x, m[1], s[1]))
    finite = np.isfinite(expected)  # far out the reference underflows to log 0
    np.testing.assert_allclose(
        mixture_logpdf(x, w, m, s)[finite], expected[finite], rtol=1e-10
    )
    assert np.all(np.isfinite(mixture_logpdf(x, w, m, s)))
    assert isinstance(mixture_logpdf(0.0, w, m, s), float)


@given(
    distributions(3, positive=True), arrays(np.float64, 3, elements=st.floats(-5, 5))
)
def test_mixture_logpdf_integrates_to_one(w, means):
    x = np.linspace(-20, 20, 4001)
    density = np.exp(mixture_logpdf(x, w, means, [1.0, 0.5, 2.0]))
    assert np.trapezoid(density, x) == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize(
    ("w", "m", "s", "fragment"),
    [
        ([0.5, 0.5], [0.0, 1.0], [1.0, 0.0], "weights and stds must be positive"),
        ([0.5, 0.5], [0.0, 1.0], [1.0, -1.0], "weights and stds must be positive"),
        ([1.0, 0.0], [0.0, 1.0], [1.0, 1.0], "weights and stds must be positive"),
        ([0.5, 0.6], [0.0, 1.0], [1.0, 1.0], "weights must sum to 1"),
        ([0.5, 0.5], [0.0], [1.0, 1.0], "same length"),
    ],
)
def test_mixture_logpdf_rejects_bad_input(w, m, s, fragment):
    with pytest.raises(ValueError, match=fragment):
        mixture_logpdf(0.0, w, m, s)


# ---------------------------------------------------------------- fit_gaussian_kl

GRID = np.linspace(-15, 15, 3001)


def test_forward_kl_fit_matches_the_moments():
    # Minimizing KL(p || q) over Gaussians q matches mean and variance of p (moment
    # matching); mixture moments: mean = sum w m, var = sum w (s^2 + m^2) - mean^2.
    w, m, s = np.array([0.6, 0.4]), np.array([-2.5, 2.5]), np.array([0.8, 0.8])
    mean = w @ m
    sd = np.sqrt(w @ (s**2 + m**2) - mean**2)
    mu, sigma = fit_gaussian_kl(GRID, mixture_logpdf(GRID, w, m, s), "forward")
    assert mu == pytest.approx(mean, abs=1e-4)
    assert sigma == pytest.approx(sd, abs=1e-4)


def test_reverse_kl_fit_seeks_a_mode():
    w, m, s = [0.6, 0.4], [-2.5, 2.5], [0.8, 0.8]
    log_p = mixture_logpdf(GRID, w, m, s)
    mu, sigma = fit_gaussian_kl(GRID, log_p, "reverse")
    assert mu == pytest.approx(-2.5, abs=0.05)  # the heavier mode
    assert sigma == pytest.approx(0.8, abs=0.05)  # about that component's width
    # started at the other mode, it stays there: a local minimum
    mu2, _ = fit_gaussian_kl(GRID, log_p, "reverse", init=(2.5, 1.0))
    assert mu2 == pytest.approx(2.5, abs=0.05)


@pytest.mark.parametrize("shape", [1.5, 3.0])
def test_forward_kl_fit_is_the_untruncated_gaussian_for_a_one_sided_p(shape):
    # Gamma(a) is 0 on x <= 0 and the grid (0, 40] ends there. The forward fit over all
    # Gaussians is moment matching (scipy's Gamma mean and sd); a q renormalized on the
    # grid would fit a truncated Gaussian instead (mu = -1.4 for a = 1.5).
    x = np.linspace(0, 40, 40001)[1:]
    mu, sigma = fit_gaussian_kl(x, gamma.logpdf(x, shape), "forward")
    assert mu == pytest.approx(gamma.mean(shape), abs=1e-3)
    assert sigma == pytest.approx(gamma.std(shape), abs=1e-3)


def test_reverse_kl_fit_refuses_a_truncated_answer():
    # Every Gaussian has mass on x < 0, where Gamma(1.5) is 0: KL(q || p) is infinite.
    x = np.linspace(0, 40, 4001)[1:]
    with pytest.raises(ValueError, match="outside the grid"):
        fit_gaussian_kl(x, gamma.logpdf(x, 1.5), "reverse")


def test_reverse_kl_fit_on_a_wide_grid_is_the_untruncated_fit():
    # The reverse KL from a Gaussian q to the Student-t(5) p, by scipy.integrate.quad
    # on the whole line, is minimal where the grid-based fit says.
    x = np.linspace(-60, 60, 12001)
    mu, sigma = fit_gaussian_kl(x, t_dist.logpdf(x, 5), "reverse", tol=1e-10)

    def reverse_kl(s):
        def f(v):
            return norm.pdf(v, 0, s) * (norm.logpdf(v, 0, s) - t_dist.logpdf(v, 5))

        return quad(f, -np.inf, np.inf)[0]

    best = minimize_scalar(reverse_kl, bounds=(0.3, 3.0), method="bounded").x
    assert mu == pytest.approx(0.0, abs=1e-4)
    assert sigma == pytest.approx(best, abs=1e-4)


@given(st.floats(-3, 3), st.floats(0.5, 2.0), st.sampled_from(["forward", "reverse"]))
def test_kl_fit_recovers_a_gaussian(mu, sigma, direction):
    # If p is itself Gaussian, both KLs reach 0 at q = p. A coarse grid is enough:
    # the trapezoid rule is extremely accurate for smooth, fast-decaying integrands.
    grid = np.linspace(-15, 15, 301)
    fit = fit_gaussian_kl(grid, norm.logpdf(grid, mu, sigma), direction, tol=1e-6)
    np.testing.assert_allclose(fit, (mu, sigma), atol=1e-4)


@pytest.mark.parametrize(
    ("x", "log_p", "kwargs", "error", "fragment"),
    [
        (
            GRID,
            norm.logpdf(GRID),
            {"direction": "sideways"},
            ValueError,
            "direction must be",
        ),
        (GRID, norm.logpdf(GRID) + 1, {}, ValueError, "must integrate to 1"),
        (GRID[::-1], norm.logpdf(GRID), {}, ValueError, "strictly increasing"),
        (GRID, norm.logpdf(GRID)[:-1], {}, ValueError, "same length"),
        (GRID, norm.logpdf(GRID), {"max_iter": 0}, ValueError, "max_iter must be"),
        (GRID, norm.logpdf(GRID), {"tol": -1.0}, ValueError, "tol must be"),
        (GRID, norm.logpdf(GRID), {"init": (0.0, -1.0)}, ValueError, "init sigma"),
        (GRID, norm.logpdf(GRID), {"max_iter": 3}, RuntimeError, "no convergence"),
    ],
)
def test_fit_gaussian_kl_rejects_bad_input(x, log_p, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        fit_gaussian_kl(x, log_p, **kwargs)


# ---------------------------------------------------------------- plot_kl_fits


def test_plot_kl_fits_draws_the_mixture_and_the_moment_matched_fit():
    fig = plot_kl_fits()
    assert fig.get_label()
    ax = fig.axes[0]
    forward, reverse = ax.get_lines()[:2]
    x, y = forward.get_data()
    # forward fit = the Gaussian with the mixture's mean -0.5 and sd sqrt(6.64 - 0.25)
    np.testing.assert_allclose(
        y, norm.pdf(x, -0.5, np.sqrt(0.64 + 6.25 - 0.25)), atol=1e-5
    )
    x, y = reverse.get_data()
    assert (
        abs(x[np.argmax(y)] + 2.5) < 0.05
    )  # the reverse fit peaks at the heavier mode
    # the shaded area is the mixture density
    filled = ax.collections[0].get_paths()[0].vertices
    assert filled[:, 1].max() == pytest.approx(
        0.6 * norm.pdf(-2.5, -2.5, 0.8) + 0.4 * norm.pdf(-2.5, 2.5, 0.8), rel=1e-3
    )


def test_jensen_shannon_survives_subnormal_probabilities():
    # m = (p + q)/2 underflows to 0 where q holds the smallest subnormal, 5e-324; the exact
    # JS is then 5e-324 * log(2) / 2 per nat, which rounds to 0. scipy returns inf here.
    p, q = np.array([1.0, 0.0]), np.array([1.0, 5e-324])
    assert jensen_shannon(p, q, base=2) == pytest.approx(0.0, abs=1e-300)
    assert jensen_shannon(q, p) == jensen_shannon(p, q)
