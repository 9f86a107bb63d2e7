"""Tests for snippets/probability_statistics/multivariate.py
(page: docs/probability-statistics/multivariate.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import linalg, stats

from snippets.probability_statistics.multivariate import (
    check_indices,
    cholesky_factor,
    conditional_table,
    gaussian_conditional,
    gaussian_marginal,
    marginals,
    mvn_logpdf,
    mvn_pdf,
    plot_gaussian_conditional,
    plot_mvn_samples,
    sample_mvn,
)


def random_spd(rng, n):
    A = rng.normal(size=(n, n))
    return A @ A.T + n * np.eye(n)


spd_seeds = st.integers(0, 2**32 - 1)

BAD_COVS = [
    ([[1.0, 0.5], [0.4, 1.0]], "cov must be symmetric"),
    ([[1.0, 2.0], [2.0, 1.0]], "cov must be positive definite"),
    ([[1.0, 1.0], [1.0, 1.0]], "cov must be positive definite"),
    ([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], "cov must be a square matrix"),
    ([[1.0, np.nan], [np.nan, 1.0]], "cov must be non-empty and finite"),
    ([1.0, 2.0], "cov must have 2 dimension"),
]


# ---------------------------------------------------------------- cholesky_factor


def test_cholesky_factor_matches_scipy_and_reconstructs():
    cov = random_spd(np.random.default_rng(0), 5)
    L = cholesky_factor(cov)
    np.testing.assert_allclose(L, linalg.cholesky(cov, lower=True), rtol=1e-12)
    np.testing.assert_allclose(L @ L.T, cov, rtol=1e-12)


@given(spd_seeds, st.integers(1, 6))
def test_cholesky_factor_is_lower_triangular_with_positive_diagonal(seed, n):
    cov = random_spd(np.random.default_rng(seed), n)
    L = cholesky_factor(cov)
    np.testing.assert_array_equal(L, np.tril(L))
    assert np.all(np.diag(L) > 0)
    np.testing.assert_allclose(L @ L.T, cov, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize(("cov", "fragment"), BAD_COVS)
def test_cholesky_factor_rejects_bad_covariances(cov, fragment):
    with pytest.raises(ValueError, match=fragment):
        cholesky_factor(cov)


# ---------------------------------------------------------------- mvn_logpdf, mvn_pdf


@pytest.mark.parametrize("n", [1, 2, 5, 40])
def test_mvn_logpdf_and_pdf_match_scipy(n):
    rng = np.random.default_rng(n)
    mean, cov = rng.normal(size=n), random_spd(rng, n)
    x = rng.multivariate_normal(mean, cov, size=30) * 1.5
    dist = stats.multivariate_normal(mean, cov)
    np.testing.assert_allclose(mvn_logpdf(x, mean, cov), dist.logpdf(x), rtol=1e-10)
    np.testing.assert_allclose(mvn_pdf(x, mean, cov), dist.pdf(x), rtol=1e-9)
    assert mvn_logpdf(x[0], mean, cov) == pytest.approx(dist.logpdf(x[0]), rel=1e-10)
    assert isinstance(mvn_pdf(x[0], mean, cov), float)


def test_mvn_logpdf_of_diagonal_cov_is_a_sum_of_1d_logpdfs():
    # Independent coordinates: the log density is the sum of univariate log densities.
    sd = np.array([0.5, 2.0, 3.0])
    x, mean = np.array([0.3, -1.0, 4.0]), np.array([0.0, 1.0, 2.0])
    expected = stats.norm.logpdf(x, mean, sd).sum()
    assert mvn_logpdf(x, mean, np.diag(sd**2)) == pytest.approx(expected, rel=1e-12)


def test_mvn_pdf_integrates_to_one_in_2d():
    mean, cov = np.array([0.5, -0.5]), np.array([[1.0, 0.6], [0.6, 2.0]])
    g = np.linspace(-9, 9, 361)
    X1, X2 = np.meshgrid(g, g)
    dens = mvn_pdf(np.column_stack([X1.ravel(), X2.ravel()]), mean, cov)
    assert dens.sum() * (g[1] - g[0]) ** 2 == pytest.approx(1.0, rel=1e-6)


def test_mvn_logpdf_survives_high_dimension():
    # Closed form at the mean of N(0, s I_n): -(n log(2 pi) + n log s) / 2.
    n, s = 500, 0.01
    expected = -0.5 * (n * np.log(2 * np.pi) + n * np.log(s))
    assert mvn_logpdf(np.zeros(n), np.zeros(n), s * np.eye(n)) == pytest.approx(
        expected, rel=1e-12
    )


@given(spd_seeds, arrays(np.float64, 3, elements=st.floats(-10, 10)))
def test_mvn_logpdf_is_maximal_at_the_mean_and_shift_invariant(seed, x):
    rng = np.random.default_rng(seed)
    mean, cov = rng.normal(size=3), random_spd(rng, 3)
    assert mvn_logpdf(x, mean, cov) <= mvn_logpdf(mean, mean, cov) + 1e-12
    assert mvn_logpdf(x + 5.0, mean + 5.0, cov) == pytest.approx(
        mvn_logpdf(x, mean, cov), rel=1e-9, abs=1e-9
    )


@pytest.mark.parametrize(("cov", "fragment"), BAD_COVS)
def test_mvn_logpdf_rejects_bad_covariances(cov, fragment):
    with pytest.raises(ValueError, match=fragment):
        mvn_logpdf([0.0, 0.0], [0.0, 0.0], cov)
    with pytest.raises(ValueError, match=fragment):
        mvn_pdf([0.0, 0.0], [0.0, 0.0], cov)


@pytest.mark.parametrize(
    ("x", "mean", "fragment"),
    [
        ([0.0, 0.0], [0.0, 0.0, 0.0], "mean has 3 entries but cov is 2x2"),
        ([0.0, 0.0, 0.0], [0.0, 0.0], "x must have shape \\(2,\\) or \\(m, 2\\)"),
        ([[[0.0, 0.0]]], [0.0, 0.0], "x must have shape"),
        ([0.0, np.inf], [0.0, 0.0], "x must be non-empty and finite"),
        ([0.0, 0.0], [[0.0, 0.0]], "mean must have 1 dimension"),
    ],
)
def test_mvn_logpdf_rejects_bad_shapes(x, mean, fragment):
    with pytest.raises(ValueError, match=fragment):
        mvn_logpdf(x, mean, np.eye(2))


# ---------------------------------------------------------------- sample_mvn

M = 20_000  # sample size of the goodness-of-fit tests


@pytest.fixture(scope="module")
def target_and_samples():
    rng = np.random.default_rng(123)
    mean = np.array([1.0, -2.0, 0.5, 3.0])
    cov = random_spd(rng, 4)
    x = sample_mvn(mean, cov, M, np.random.default_rng(2024))
    return mean, cov, x


def test_sample_mvn_whitened_coordinates_pass_ks_test(target_and_samples):
    # Independent check: whiten with SciPy's Cholesky; each coordinate must be N(0, 1).
    mean, cov, x = target_and_samples
    z = linalg.solve_triangular(
        linalg.cholesky(cov, lower=True), (x - mean).T, lower=True
    )
    for row in z:
        assert stats.kstest(row, "norm").pvalue > 0.01


def test_sample_mvn_mahalanobis_distances_are_chi_square(target_and_samples):
    # d^2 = (x - mu)^T Sigma^-1 (x - mu) ~ chi-square with n degrees of freedom.
    mean, cov, x = target_and_samples
    d2 = np.einsum("ij,ij->i", x - mean, np.linalg.solve(cov, (x - mean).T).T)
    assert stats.kstest(d2, stats.chi2(df=4).cdf).pvalue > 0.01


def test_sample_mvn_matches_target_moments_within_sampling_error(target_and_samples):
    # Tolerances from the sample size M: the sample mean of coordinate i has standard
    # error sqrt(Sigma_ii / M); a sample covariance entry of Gaussian data has standard
    # deviation sqrt((Sigma_ii Sigma_jj + Sigma_ij^2) / M) (Wishart). We allow 5 of each:
    # a false failure has probability below 1e-5 per entry.
    mean, cov, x = target_and_samples
    se_mean = np.sqrt(np.diag(cov) / M)
    assert np.all(np.abs(x.mean(axis=0) - mean) < 5 * se_mean)
    d = np.diag(cov)
    se_cov = np.sqrt((np.outer(d, d) + cov**2) / M)
    assert np.all(np.abs(np.cov(x, rowvar=False) - cov) < 5 * se_cov)


@given(spd_seeds, st.integers(1, 5), st.integers(1, 20))
def test_sample_mvn_is_the_affine_map_of_standard_normals(seed, n, size):
    # Same seed, same z: x = mean + z L^T exactly, with z from the same generator.
    rng = np.random.default_rng(seed)
    mean, cov = rng.normal(size=n), random_spd(rng, n)
    x = sample_mvn(mean, cov, size, np.random.default_rng(seed))
    z = np.random.default_rng(seed).standard_normal((size, n))
    np.testing.assert_allclose(x, mean + z @ np.linalg.cholesky(cov).T, rtol=1e-12)
    assert x.shape == (size, n)


def test_sample_mvn_is_reproducible_and_defaults_rng():
    a = sample_mvn([0.0], [[1.0]], 5, np.random.default_rng(7))
    b = sample_mvn([0.0], [[1.0]], 5, np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    assert sample_mvn([0.0, 0.0], np.eye(2), 3).shape == (3, 2)


@pytest.mark.parametrize(("cov", "fragment"), BAD_COVS)
def test_sample_mvn_rejects_bad_covariances(cov, fragment):
    with pytest.raises(ValueError, match=fragment):
        sample_mvn([0.0, 0.0], cov, 5, np.random.default_rng(0))


@pytest.mark.parametrize(
    ("mean", "size", "rng", "error", "fragment"),
    [
        ([0.0, 0.0, 0.0], 5, None, ValueError, "mean has 3 entries but cov is 2x2"),
        ([0.0, 0.0], 0, None, ValueError, "size must be a positive integer, got 0"),
        ([0.0, 0.0], 2.5, None, ValueError, "size must be a positive integer"),
        ([0.0, 0.0], 5, 42, TypeError, "rng must be a numpy.random.Generator, got int"),
        ([], 5, None, ValueError, "mean must be non-empty"),
    ],
)
def test_sample_mvn_rejects_bad_arguments(mean, size, rng, error, fragment):
    with pytest.raises(error, match=fragment):
        sample_mvn(mean, np.eye(2), size, rng)


# ---------------------------------------------------------------- marginals, conditional_table


def test_joint_table_views_match_direct_counts():
    # Independent reference: simulate pairs (X, Y) from a joint table and count them.
    rng = np.random.default_rng(5)
    joint = rng.dirichlet(np.ones(12)).reshape(3, 4)
    m = 200_000
    cells = rng.choice(12, size=m, p=joint.ravel())
    xs, ys = np.divmod(cells, 4)
    p_x, p_y = marginals(joint)
    se = 5 * np.sqrt(0.25 / m)
    assert np.all(np.abs(np.bincount(xs, minlength=3) / m - p_x) < se)
    assert np.all(np.abs(np.bincount(ys, minlength=4) / m - p_y) < se)
    cond = conditional_table(joint)
    for i in range(3):
        freq = np.bincount(ys[xs == i], minlength=4) / np.sum(xs == i)
        assert np.all(np.abs(freq - cond[i]) < 5 * np.sqrt(0.25 / np.sum(xs == i)))


@given(arrays(np.float64, (3, 4), elements=st.floats(0.01, 10)))
def test_joint_equals_conditional_times_marginal(w):
    joint = w / w.sum()
    p_x, p_y = marginals(joint)
    assert p_x.sum() == pytest.approx(1.0) and p_y.sum() == pytest.approx(1.0)
    cond = conditional_table(joint)
    np.testing.assert_allclose(cond.sum(axis=1), 1.0)
    np.testing.assert_allclose(cond * p_x[:, None], joint, rtol=1e-12)
    # Bayes' theorem in table form: P(X | Y) from P(Y | X) and P(X).
    np.testing.assert_allclose(
        conditional_table(joint.T), (cond * p_x[:, None]).T / p_y[:, None], rtol=1e-10
    )


@given(
    arrays(np.float64, 3, elements=st.floats(0.01, 10)),
    arrays(np.float64, 2, elements=st.floats(0.01, 10)),
)
def test_independent_joint_has_identical_conditional_rows(a, b):
    p, q = a / a.sum(), b / b.sum()
    cond = conditional_table(np.outer(p, q))
    np.testing.assert_allclose(cond, np.tile(q, (3, 1)), rtol=1e-12)


@pytest.mark.parametrize(
    ("joint", "fragment"),
    [
        ([[0.5, 0.6], [0.0, 0.0]], "joint must sum to 1"),
        ([[0.6, -0.1], [0.3, 0.2]], "joint must be non-negative"),
        ([0.5, 0.5], "joint must have 2 dimension"),
        (np.empty((0, 2)), "joint must be non-empty"),
    ],
)
def test_joint_table_functions_reject_bad_tables(joint, fragment):
    with pytest.raises(ValueError, match=fragment):
        marginals(joint)
    with pytest.raises(ValueError, match=fragment):
        conditional_table(joint)


def test_conditional_table_rejects_zero_probability_rows():
    with pytest.raises(ValueError, match="row 1 of joint has probability 0"):
        conditional_table([[0.5, 0.5], [0.0, 0.0]])


# ---------------------------------------------------------------- check_indices


def test_check_indices_accepts_and_rejects():
    np.testing.assert_array_equal(check_indices([2, 0], 3, "given"), [2, 0])
    for bad, fragment in [
        ([], "given must be a non-empty list of integer indices"),
        ([0.5], "given must be a non-empty list of integer indices"),
        ([[0]], "given must be a non-empty list"),
        ([3], "given must hold distinct indices in 0..2"),
        ([-1], "given must hold distinct indices"),
        ([1, 1], "given must hold distinct indices"),
    ]:
        with pytest.raises(ValueError, match=fragment):
            check_indices(bad, 3, "given")


@given(st.lists(st.integers(0, 9), min_size=1, max_size=10, unique=True))
def test_check_indices_returns_its_input(idx):
    np.testing.assert_array_equal(check_indices(idx, 10, "keep"), idx)


# ---------------------------------------------------------------- gaussian_marginal


def test_gaussian_marginal_matches_sampled_moments_and_scipy():
    rng = np.random.default_rng(6)
    mean, cov = rng.normal(size=4), random_spd(rng, 4)
    m, S = gaussian_marginal(mean, cov, [3, 1])
    x = np.array([[0.2, -0.4]])
    # The marginal density is the joint density integrated over the other coordinates;
    # check one value against scipy's marginal built from the same sub-blocks by hand.
    np.testing.assert_allclose(m, mean[[3, 1]])
    np.testing.assert_allclose(S, [[cov[3, 3], cov[3, 1]], [cov[1, 3], cov[1, 1]]])
    samples = rng.multivariate_normal(mean, cov, size=20_000)[:, [3, 1]]
    np.testing.assert_allclose(np.cov(samples, rowvar=False), S, rtol=0.1)
    assert mvn_logpdf(x, m, S)[0] == pytest.approx(
        stats.multivariate_normal(m, S).logpdf(x[0])
    )


def test_gaussian_marginal_equals_integrating_out_in_2d():
    mean, cov = np.array([1.0, -1.0]), np.array([[2.0, 0.9], [0.9, 1.0]])
    m, S = gaussian_marginal(mean, cov, [0])
    x1 = 1.7
    g = np.linspace(-12, 10, 4401)
    integral = mvn_pdf(np.column_stack([np.full(g.size, x1), g]), mean, cov).sum() * (
        g[1] - g[0]
    )
    assert integral == pytest.approx(mvn_pdf([x1], m, S), rel=1e-8)


def test_gaussian_marginal_rejects_bad_input():
    with pytest.raises(ValueError, match=r"keep must hold distinct indices in 0\.\.1"):
        gaussian_marginal([0.0, 0.0], np.eye(2), [2])
    with pytest.raises(ValueError, match="mean has 3 entries but cov is 2x2"):
        gaussian_marginal([0.0, 0.0, 0.0], np.eye(2), [0])
    with pytest.raises(ValueError, match="cov must be symmetric"):
        gaussian_marginal([0.0, 0.0], [[1.0, 0.2], [0.3, 1.0]], [0])


# ---------------------------------------------------------------- gaussian_conditional


@given(
    spd_seeds,
    arrays(np.float64, 2, elements=st.floats(-5, 5)),
    arrays(np.float64, 3, elements=st.floats(-5, 5)),
)
def test_gaussian_conditional_density_is_joint_over_marginal(seed, v, xa):
    # Independent reference: log p(x_a | x_b) = log p(x_a, x_b) - log p(x_b), by SciPy.
    rng = np.random.default_rng(seed)
    mean, cov = rng.normal(size=5), random_spd(rng, 5)
    b, a = [4, 1], [0, 2, 3]
    m, S = gaussian_conditional(mean, cov, b, v)
    x = np.empty(5)
    x[a], x[b] = xa, v
    expected = stats.multivariate_normal(mean, cov).logpdf(
        x
    ) - stats.multivariate_normal(mean[b], cov[np.ix_(b, b)]).logpdf(v)
    assert mvn_logpdf(xa, m, S) == pytest.approx(expected, rel=1e-8, abs=1e-8)


def test_gaussian_conditional_matches_precision_matrix_form():
    # With Lambda = Sigma^-1: cov_a|b = Lambda_aa^-1, mean_a|b = mu_a - Lambda_aa^-1 Lambda_ab (v - mu_b).
    rng = np.random.default_rng(8)
    mean, cov = rng.normal(size=4), random_spd(rng, 4)
    P = np.linalg.inv(cov)
    a, b, v = [0, 2], [1, 3], np.array([0.3, -1.2])
    m, S = gaussian_conditional(mean, cov, b, v)
    S_ref = np.linalg.inv(P[np.ix_(a, a)])
    np.testing.assert_allclose(S, S_ref, rtol=1e-10)
    np.testing.assert_allclose(
        m, mean[a] - S_ref @ P[np.ix_(a, b)] @ (v - mean[b]), rtol=1e-10
    )


def test_gaussian_conditional_of_independent_blocks_is_the_marginal():
    cov = np.diag([1.0, 2.0, 3.0])
    m, S = gaussian_conditional([1.0, 2.0, 3.0], cov, [1], [100.0])
    np.testing.assert_allclose(m, [1.0, 3.0])
    np.testing.assert_allclose(S, np.diag([1.0, 3.0]))


@pytest.mark.parametrize(
    ("given", "values", "fragment"),
    [
        ([0, 1], [1.0, 2.0], "given must leave at least one coordinate"),
        ([5], [1.0], "given must hold distinct indices in 0..1"),
        ([0], [1.0, 2.0], "values has 2 entries but given has 1"),
        ([0], [np.nan], "values must be non-empty and finite"),
        ([], [], "given must be a non-empty list"),
    ],
)
def test_gaussian_conditional_rejects_bad_arguments(given, values, fragment):
    with pytest.raises(ValueError, match=fragment):
        gaussian_conditional([0.0, 0.0], np.eye(2), given, values)


@pytest.mark.parametrize(("cov", "fragment"), BAD_COVS)
def test_gaussian_conditional_rejects_bad_covariances(cov, fragment):
    with pytest.raises(ValueError, match=fragment):
        gaussian_conditional([0.0, 0.0], cov, [0], [1.0])


# ---------------------------------------------------------------- plots


def test_plot_mvn_samples_draws_samples_and_mahalanobis_ellipses():
    fig = plot_mvn_samples(m=300, seed=3)
    assert fig.get_label()
    ax = fig.axes[0]
    mean, cov = np.array([1.0, 2.0]), np.array([[2.0, 1.2], [1.2, 1.0]])
    np.testing.assert_allclose(
        ax.collections[0].get_offsets(),
        sample_mvn(mean, cov, 300, np.random.default_rng(3)),
    )
    for line, r in zip(ax.get_lines(), (1, 2, 3), strict=True):
        pts = np.column_stack(line.get_data()) - mean
        d = np.sqrt(np.einsum("ij,ij->i", pts, np.linalg.solve(cov, pts.T).T))
        np.testing.assert_allclose(d, r, rtol=1e-10)


def test_plot_gaussian_conditional_draws_the_conditional_density():
    fig = plot_gaussian_conditional(value=1.5)
    assert fig.get_label()
    ax_cond = fig.axes[1]
    x, y = ax_cond.get_lines()[0].get_data()
    # Closed form for a standard bivariate normal with correlation rho:
    # x1 | x2 = v ~ N(rho v, 1 - rho^2).
    np.testing.assert_allclose(
        y, stats.norm.pdf(x, 0.8 * 1.5, np.sqrt(1 - 0.8**2)), rtol=1e-10
    )
    x, y = ax_cond.get_lines()[1].get_data()
    np.testing.assert_allclose(y, stats.norm.pdf(x), rtol=1e-10)
