"""Tests for snippets/probability_statistics/markov_chains.py
(page: docs/probability-statistics/markov-chains.md)."""

from itertools import product

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from snippets.probability_statistics.markov_chains import (
    HMM_EXAMPLE,
    WEATHER_P,
    ForwardResult,
    check_hmm,
    check_stochastic_matrix,
    distribution_after,
    hmm_brute_force_likelihood,
    hmm_forward,
    plot_chain_convergence,
    plot_hmm_filtering,
    simulate_chain,
    stationary_distribution,
)


def stochastic(rows: int, cols: int | None = None, low: float = 0.0):
    """Hypothesis strategy for a matrix with rows summing to 1 (entries >= low)."""
    cols = rows if cols is None else cols
    raw = arrays(np.float64, (rows, cols), elements=st.floats(0.01, 1.0))
    return raw.map(lambda m: (m + low) / (m + low).sum(axis=1, keepdims=True))


def random_stochastic(rng, rows, cols=None):
    m = rng.random((rows, rows if cols is None else cols)) + 0.05
    return m / m.sum(axis=1, keepdims=True)


BAD_MATRICES = [
    ([[0.5, 0.5]], ValueError, "P must be a square matrix"),
    ([[1.2, -0.2], [0.5, 0.5]], ValueError, "P must have no negative entries"),
    (
        [[0.5, 0.4], [0.5, 0.5]],
        ValueError,
        "each row of P must sum to 1, row 0 sums to 0.9",
    ),
    ([[0.5, 0.5], [np.nan, 0.5]], ValueError, "P must be non-empty and finite"),
    (np.empty((0, 0)), ValueError, "P must be non-empty"),
    ([0.5, 0.5], ValueError, "P must have 2 dimension"),
    ("ab", TypeError, "P must be array-like"),
]


# ---------------------------------------------------------------- check_stochastic_matrix


@given(st.integers(1, 5).flatmap(lambda k: stochastic(k)))
def test_check_stochastic_matrix_accepts_row_stochastic_matrices(P):
    np.testing.assert_array_equal(check_stochastic_matrix(P), P)


def test_check_stochastic_matrix_allows_rectangular_emissions():
    B = [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]]
    assert check_stochastic_matrix(B, "B", square=False).shape == (2, 3)


@pytest.mark.parametrize(("P", "error", "fragment"), BAD_MATRICES)
def test_check_stochastic_matrix_rejects_bad_input(P, error, fragment):
    with pytest.raises(error, match=fragment):
        check_stochastic_matrix(P)


# ---------------------------------------------------------------- distribution_after


def test_distribution_after_matches_repeated_products_and_simulation():
    P, p0 = WEATHER_P, np.array([0.2, 0.0, 0.8])
    expected = p0.copy()
    for _ in range(5):
        expected = expected @ P  # one step at a time: p_{t+1}^T = p_t^T P
    np.testing.assert_allclose(distribution_after(P, p0, 5), expected, rtol=1e-12)
    # Simulate 20 000 independent chains for 5 steps with NumPy's own sampler.
    rng = np.random.default_rng(1)
    states = rng.choice(3, size=20_000, p=p0)
    for _ in range(5):
        nxt = np.empty_like(states)
        for i in range(3):  # every chain now in state i moves by row i of P
            mask = states == i
            nxt[mask] = rng.choice(3, size=mask.sum(), p=P[i])
        states = nxt
    counts = np.bincount(states, minlength=3)
    assert stats.chisquare(counts, 20_000 * expected).pvalue > 0.01


@given(
    st.integers(1, 4).flatmap(lambda k: stochastic(k)),
    st.integers(0, 6),
    st.integers(0, 6),
)
def test_chapman_kolmogorov(P, m, n):
    k = P.shape[0]
    p0 = np.full(k, 1.0 / k)
    direct = distribution_after(P, p0, m + n)
    two_legs = distribution_after(P, distribution_after(P, p0, m), n)
    np.testing.assert_allclose(direct, two_legs, atol=1e-12)
    assert direct.sum() == pytest.approx(1.0) and np.all(direct >= -1e-15)


def test_distribution_after_zero_steps_is_the_start():
    np.testing.assert_array_equal(
        distribution_after(WEATHER_P, [0, 1, 0], 0), [0, 1, 0]
    )


@pytest.mark.parametrize(
    ("p0", "n", "error", "fragment"),
    [
        ([0.5, 0.5], 1, ValueError, "p0 has 2 entries but P is 3 x 3"),
        ([0.5, 0.7, -0.2], 1, ValueError, "p0 must be non-negative"),
        ([0.5, 0.2, 0.2], 1, ValueError, "p0 must sum to 1"),
        ([], 1, ValueError, "p0 must be non-empty"),
        ([1, 0, 0], -1, ValueError, "n_steps must be non-negative"),
        ([1, 0, 0], 2.0, TypeError, "n_steps must be an integer"),
    ],
)
def test_distribution_after_rejects_bad_input(p0, n, error, fragment):
    with pytest.raises(error, match=fragment):
        distribution_after(WEATHER_P, p0, n)


@pytest.mark.parametrize(("P", "error", "fragment"), BAD_MATRICES)
def test_distribution_after_rejects_bad_matrices(P, error, fragment):
    with pytest.raises(error, match=fragment):
        distribution_after(P, [0.5, 0.5], 1)


# ---------------------------------------------------------------- stationary_distribution


def leading_left_eigenvector(P):
    w, V = np.linalg.eig(P.T)
    v = V[:, np.argmin(np.abs(w - 1.0))].real
    return v / v.sum()


def test_stationary_distribution_of_the_weather_chain():
    pi = stationary_distribution(WEATHER_P)
    # Closed form (solve by hand): (21, 13, 12) / 46.
    np.testing.assert_allclose(pi, np.array([21, 13, 12]) / 46, rtol=1e-12)
    np.testing.assert_allclose(pi, leading_left_eigenvector(WEATHER_P), rtol=1e-10)


def test_stationary_distribution_matches_a_long_simulation():
    # 200 000 steps; the chain's second eigenvalue is about 0.47, so successive states
    # are correlated and the effective sample size is about n (1 - 0.47) / (1 + 0.47)
    # = 0.36 n: each frequency has standard error <= 0.5 / sqrt(0.36 n) ~ 0.002. We
    # allow 0.01 (five standard errors).
    states = simulate_chain(WEATHER_P, 0, 200_000, np.random.default_rng(2))
    freq = np.bincount(states, minlength=3) / states.size
    np.testing.assert_allclose(freq, stationary_distribution(WEATHER_P), atol=0.01)


@given(st.integers(1, 6).flatmap(lambda k: stochastic(k)))
def test_stationary_distribution_is_the_leading_left_eigenvector(P):
    pi = stationary_distribution(P)
    assert np.all(pi >= 0) and pi.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(pi @ P, pi, atol=1e-10)
    np.testing.assert_allclose(pi, leading_left_eigenvector(P), atol=1e-8)


def test_periodic_chain_has_a_stationary_distribution_but_does_not_converge():
    flip = [[0.0, 1.0], [1.0, 0.0]]
    np.testing.assert_allclose(stationary_distribution(flip), [0.5, 0.5])
    np.testing.assert_array_equal(distribution_after(flip, [1, 0], 101), [0, 1])


def test_stationary_distribution_rejects_reducible_chains():
    with pytest.raises(ValueError, match="more than one stationary distribution"):
        stationary_distribution(np.eye(3))
    block = [[0.5, 0.5, 0, 0], [0.5, 0.5, 0, 0], [0, 0, 0.1, 0.9], [0, 0, 0.9, 0.1]]
    with pytest.raises(ValueError, match="reducible"):
        stationary_distribution(block)


@pytest.mark.parametrize(("P", "error", "fragment"), BAD_MATRICES)
def test_stationary_distribution_rejects_bad_matrices(P, error, fragment):
    with pytest.raises(error, match=fragment):
        stationary_distribution(P)


# ---------------------------------------------------------------- simulate_chain


def test_simulated_transitions_follow_the_rows_of_P():
    states = simulate_chain(WEATHER_P, 1, 60_000, np.random.default_rng(3))
    pairs = np.zeros((3, 3))
    np.add.at(pairs, (states[:-1], states[1:]), 1)
    for i in range(3):
        expected = pairs[i].sum() * WEATHER_P[i]
        assert stats.chisquare(pairs[i], expected).pvalue > 0.01


@given(
    st.integers(1, 4).flatmap(lambda k: stochastic(k)), st.integers(0, 50), st.data()
)
def test_simulate_chain_shape_start_and_range(P, n, data):
    start = data.draw(st.integers(0, P.shape[0] - 1))
    states = simulate_chain(P, start, n, np.random.default_rng(4))
    assert states.shape == (n + 1,) and states[0] == start
    assert states.min() >= 0 and states.max() < P.shape[0]


def test_simulate_chain_never_takes_a_zero_probability_transition():
    P = np.array([[0.0, 1.0, 0.0], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0]])
    states = simulate_chain(P, 0, 5_000, np.random.default_rng(5))
    assert np.all(P[states[:-1], states[1:]] > 0)


@pytest.mark.parametrize(
    ("start", "n", "error", "fragment"),
    [
        (3, 10, ValueError, "start must be a state in 0..2"),
        (-1, 10, ValueError, "start must be a state in 0..2"),
        (1.0, 10, TypeError, "start must be an integer state"),
        (0, -5, ValueError, "n_steps must be non-negative"),
        (0, 2.5, TypeError, "n_steps must be an integer"),
    ],
)
def test_simulate_chain_rejects_bad_input(start, n, error, fragment):
    with pytest.raises(error, match=fragment):
        simulate_chain(WEATHER_P, start, n)


@pytest.mark.parametrize(("P", "error", "fragment"), BAD_MATRICES)
def test_simulate_chain_rejects_bad_matrices(P, error, fragment):
    with pytest.raises(error, match=fragment):
        simulate_chain(P, 0, 3)


# ---------------------------------------------------------------- HMM


def brute_force_last_posterior(p1, A, B, obs):
    """P(z_T = k | x_1..x_T) by enumerating every hidden path (test-only reference)."""
    K, T = len(p1), len(obs)
    post = np.zeros(K)
    for path in product(range(K), repeat=T):
        p = p1[path[0]] * B[path[0], obs[0]]
        for t in range(1, T):
            p *= A[path[t - 1], path[t]] * B[path[t], obs[t]]
        post[path[-1]] += p
    return post / post.sum()


def log_space_forward(p1, A, B, obs):
    """The forward recursion in log space with np.logaddexp (test-only reference)."""
    log_alpha = np.log(p1) + np.log(B[:, obs[0]])
    for x in obs[1:]:
        log_alpha = np.logaddexp.reduce(
            log_alpha[:, None] + np.log(A), axis=0
        ) + np.log(B[:, x])
    return np.logaddexp.reduce(log_alpha)


def test_forward_matches_brute_force_on_the_classic_example():
    p1, A, B = HMM_EXAMPLE
    r = hmm_forward(p1, A, B, [0, 1, 2])
    assert isinstance(r, ForwardResult)
    # Known value of this textbook example: P(walk, shop, clean) = 0.033612.
    assert np.exp(r.log_likelihood) == pytest.approx(0.033612, rel=1e-12)
    assert np.exp(r.log_likelihood) == pytest.approx(
        hmm_brute_force_likelihood(p1, A, B, [0, 1, 2]), rel=1e-12
    )


@given(
    st.integers(1, 3).flatmap(
        lambda k: st.tuples(
            stochastic(1, k).map(lambda m: m[0]),
            stochastic(k),
            st.integers(1, 3).flatmap(lambda m: stochastic(k, m)),
        )
    ),
    st.data(),
)
def test_forward_agrees_with_brute_force_enumeration(model, data):
    p1, A, B = model
    obs = data.draw(st.lists(st.integers(0, B.shape[1] - 1), min_size=1, max_size=6))
    r = hmm_forward(p1, A, B, obs)
    assert np.exp(r.log_likelihood) == pytest.approx(
        hmm_brute_force_likelihood(p1, A, B, obs), rel=1e-9
    )
    np.testing.assert_allclose(r.filtered.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(
        r.filtered[-1], brute_force_last_posterior(p1, A, B, obs), atol=1e-9
    )


def test_likelihoods_of_all_sequences_sum_to_one():
    rng = np.random.default_rng(6)
    p1, A, B = (
        random_stochastic(rng, 1, 3)[0],
        random_stochastic(rng, 3),
        random_stochastic(rng, 3, 2),
    )
    total_forward = sum(
        np.exp(hmm_forward(p1, A, B, list(seq)).log_likelihood)
        for seq in product(range(2), repeat=4)
    )
    total_brute = sum(
        hmm_brute_force_likelihood(p1, A, B, list(seq))
        for seq in product(range(2), repeat=4)
    )
    assert total_forward == pytest.approx(1.0, rel=1e-12)
    assert total_brute == pytest.approx(1.0, rel=1e-12)


def test_independent_hidden_states_factorize():
    # If every row of A equals p1, the hidden states are i.i.d. and
    # P(x_1..x_T) = prod_t sum_k pi_k B[k, x_t] (closed form).
    rng = np.random.default_rng(7)
    p1, B = random_stochastic(rng, 1, 3)[0], random_stochastic(rng, 3, 4)
    A = np.tile(p1, (3, 1))
    obs = rng.integers(0, 4, size=7)
    expected = np.prod((p1 @ B)[obs])
    assert np.exp(hmm_forward(p1, A, B, obs).log_likelihood) == pytest.approx(
        expected, rel=1e-12
    )
    assert hmm_brute_force_likelihood(p1, A, B, obs) == pytest.approx(
        expected, rel=1e-12
    )


def test_forward_stays_finite_on_long_sequences():
    p1, A, B = HMM_EXAMPLE
    obs = np.random.default_rng(8).integers(0, 3, size=2000)
    r = hmm_forward(p1, A, B, obs)
    assert np.isfinite(r.log_likelihood)
    assert r.log_likelihood == pytest.approx(
        log_space_forward(p1, A, B, obs), rel=1e-12
    )


BAD_HMMS = [
    (
        [0.5, 0.5, 0.0],
        None,
        None,
        [0],
        ValueError,
        "must agree on the number of hidden states",
    ),
    ([0.6, 0.5], None, None, [0], ValueError, "p1 must sum to 1"),
    ([1.5, -0.5], None, None, [0], ValueError, "p1 must be non-negative"),
    (None, [[0.7, 0.3]], None, [0], ValueError, "A must be a square matrix"),
    (
        None,
        [[0.7, 0.4], [0.4, 0.6]],
        None,
        [0],
        ValueError,
        "each row of A must sum to 1",
    ),
    (
        None,
        None,
        [[0.1, 0.4, 0.6], [0.6, 0.3, 0.1]],
        [0],
        ValueError,
        "each row of B must sum to 1",
    ),
    (
        None,
        None,
        [[1.1, -0.1, 0.0], [0.6, 0.3, 0.1]],
        [0],
        ValueError,
        "B must have no negative entries",
    ),
    (None, None, None, [0, 3], ValueError, "observations must be integers in 0..2"),
    (None, None, None, [0, 1.5], ValueError, "observations must be integers in 0..2"),
    (None, None, None, [], ValueError, "observations must be non-empty"),
]


@pytest.mark.parametrize(("p1", "A", "B", "obs", "error", "fragment"), BAD_HMMS)
def test_hmm_functions_reject_bad_input(p1, A, B, obs, error, fragment):
    p1_default, A0, B0 = HMM_EXAMPLE
    args = (
        p1_default if p1 is None else p1,
        A0 if A is None else A,
        B0 if B is None else B,
        obs,
    )
    for f in (check_hmm, hmm_forward, hmm_brute_force_likelihood):
        with pytest.raises(error, match=fragment):
            f(*args)


def test_forward_rejects_impossible_observations():
    with pytest.raises(ValueError, match="observations\\[1\\] has probability 0"):
        hmm_forward(
            [1.0, 0.0], [[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]], [0, 1]
        )


def test_brute_force_refuses_huge_enumerations():
    p1, A, B = HMM_EXAMPLE
    with pytest.raises(ValueError, match="too many for brute force"):
        hmm_brute_force_likelihood(p1, A, B, [0] * 25)


def test_check_hmm_returns_integer_observations():
    p1, A, B, obs = check_hmm(*HMM_EXAMPLE, [0.0, 2.0])
    assert obs.dtype.kind == "i" and obs.tolist() == [0, 2]
    for got, expected in zip((p1, A, B), HMM_EXAMPLE, strict=True):
        np.testing.assert_array_equal(got, expected)


# ---------------------------------------------------------------- plots


def test_plot_chain_convergence_draws_distributions_and_frequencies():
    fig = plot_chain_convergence(n_steps=10, sim_steps=5_000)
    assert fig.get_label()
    left, right = fig.axes
    pi = stationary_distribution(WEATHER_P)
    lines = left.get_lines()
    for i in range(3):
        n, y = lines[i].get_data()
        expected = [distribution_after(WEATHER_P, [0, 0, 1], int(k))[i] for k in n]
        np.testing.assert_allclose(y, expected, rtol=1e-12)
        assert lines[3 + i].get_ydata()[0] == pytest.approx(pi[i])
    final = [line.get_ydata()[-1] for line in right.get_lines()[:3]]
    assert sum(final) == pytest.approx(1.0)
    np.testing.assert_allclose(final, pi, atol=0.05)


def test_plot_hmm_filtering_plots_probabilities_that_track_the_truth():
    fig = plot_hmm_filtering(n_steps=80)
    assert fig.get_label()
    truth, filtered = fig.axes[0].get_lines()
    y_true, y_filt = np.asarray(truth.get_ydata()), np.asarray(filtered.get_ydata())
    assert set(np.unique(y_true)) <= {0.0, 1.0}
    assert np.all((y_filt >= 0) & (y_filt <= 1))
    # Filtering is informative: the most probable state is right more often than not.
    assert np.mean((y_filt > 0.5) == (y_true == 1.0)) > 0.6
