"""Tests for snippets/probability_statistics/probability_basics.py
(page: docs/probability-statistics/probability-basics.md)."""

from fractions import Fraction
from itertools import product

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import logsumexp

from snippets.probability_statistics.probability_basics import (
    are_independent,
    bayes_log_posterior,
    bayes_posterior,
    conditional_probability,
    diagnostic_posterior,
    event_probability,
    plot_posterior_vs_prevalence,
)

DICE = list(product(range(1, 7), repeat=2))
UNIFORM36 = np.full(36, 1 / 36)
weights = arrays(np.float64, 6, elements=st.floats(0.01, 10))
subsets = st.sets(st.integers(0, 5))


def normalized(w):
    return w / w.sum()


# ---------------------------------------------------------------- event_probability


def test_event_probability_counts_outcomes_under_uniform_p():
    # Classical probability (Laplace): with equally likely outcomes P(A) = |A| / |Omega|.
    for target in range(2, 13):
        event = {w for w in DICE if sum(w) == target}
        assert event_probability(event, DICE, UNIFORM36) == pytest.approx(
            len(event) / 36, abs=1e-15
        )


def test_event_probability_matches_exact_fractions():
    rng = np.random.default_rng(1)
    counts = rng.integers(1, 100, size=10)
    p = counts / counts.sum()
    outcomes = list("abcdefghij")
    event = {"a", "c", "j"}
    exact = Fraction(int(counts[[0, 2, 9]].sum()), int(counts.sum()))
    assert event_probability(event, outcomes, p) == pytest.approx(float(exact))


@given(weights, subsets, subsets)
def test_event_probability_obeys_the_axioms(w, a, b):
    p, omega = normalized(w), list(range(6))
    pa, pb = event_probability(a, omega, p), event_probability(b, omega, p)
    assert pa >= 0
    assert event_probability(omega, omega, p) == pytest.approx(1.0)
    assert event_probability(set(), omega, p) == 0.0
    assert event_probability(set(omega) - a, omega, p) == pytest.approx(
        1 - pa, abs=1e-12
    )
    assert event_probability(a | b, omega, p) == pytest.approx(
        pa + pb - event_probability(a & b, omega, p), abs=1e-12
    )
    if a <= b:
        assert pa <= pb + 1e-12


@pytest.mark.parametrize(
    ("event", "outcomes", "p", "fragment"),
    [
        ({1}, [1, 2, 3], [0.5, 0.5], "outcomes has 3 entries but p has 2"),
        ({1}, [1, 1, 2], [0.2, 0.3, 0.5], "outcomes must be distinct"),
        (
            {7},
            [1, 2, 3],
            [0.2, 0.3, 0.5],
            "event has outcomes outside the sample space",
        ),
        ({1}, [1, 2, 3], [0.2, 0.3, 0.4], "p must sum to 1"),
        ({1}, [1, 2, 3], [-0.2, 0.7, 0.5], "p must be non-negative"),
    ],
)
def test_event_probability_rejects_bad_input(event, outcomes, p, fragment):
    with pytest.raises(ValueError, match=fragment):
        event_probability(event, outcomes, p)


# ---------------------------------------------------------------- conditional_probability


def test_conditional_probability_matches_simulated_frequency():
    # Independent reference: the fraction of simulated dice pairs in B that are also in A.
    rng = np.random.default_rng(2)
    rolls = rng.integers(1, 7, size=(200_000, 2))
    in_b = rolls[:, 0] + rolls[:, 1] >= 9
    in_a = rolls[:, 0] == rolls[:, 1]
    freq = in_a[in_b].mean()
    a = {w for w in DICE if w[0] == w[1]}
    b = {w for w in DICE if sum(w) >= 9}
    exact = conditional_probability(a, b, DICE, UNIFORM36)
    assert exact == pytest.approx(2 / 10)  # (5,5), (6,6) among 10 outcomes
    se = np.sqrt(exact * (1 - exact) / in_b.sum())
    assert abs(freq - exact) < 5 * se


@given(weights, subsets, st.integers(1, 5))
def test_conditional_probability_chain_rule_and_total_probability(w, a, cut):
    p, omega = normalized(w), list(range(6))
    parts = [set(range(cut)), set(range(cut, 6))]  # a partition of omega
    total = sum(
        conditional_probability(a, part, omega, p) * event_probability(part, omega, p)
        for part in parts
    )
    assert total == pytest.approx(event_probability(a, omega, p), abs=1e-12)
    b = parts[0]
    assert conditional_probability(a, b, omega, p) * event_probability(
        b, omega, p
    ) == pytest.approx(event_probability(a & b, omega, p), abs=1e-12)


def test_conditional_probability_rejects_impossible_condition():
    with pytest.raises(ValueError, match="P\\(b\\) is 0"):
        conditional_probability({1}, {3}, [1, 2, 3], [0.5, 0.5, 0.0])
    with pytest.raises(ValueError, match="event has outcomes outside"):
        conditional_probability({1}, {9}, [1, 2, 3], [0.5, 0.5, 0.0])
    with pytest.raises(ValueError, match="p must sum to 1"):
        conditional_probability({1}, {2}, [1, 2, 3], [0.5, 0.6, 0.0])


# ---------------------------------------------------------------- are_independent


@given(
    arrays(np.float64, 3, elements=st.floats(0.01, 10)),
    arrays(np.float64, 4, elements=st.floats(0.01, 10)),
    st.sets(st.integers(0, 2)),
    st.sets(st.integers(0, 3)),
)
def test_events_on_separate_factors_of_a_product_space_are_independent(q, r, ia, ib):
    # Independent reference: a product distribution p(i, j) = q_i r_j makes any event
    # about i independent of any event about j (the definition of a product measure).
    q, r = normalized(q), normalized(r)
    omega = list(product(range(3), range(4)))
    p = np.outer(q, r).ravel()
    a = {w for w in omega if w[0] in ia}
    b = {w for w in omega if w[1] in ib}
    assert are_independent(a, b, omega, p)


def test_are_independent_detects_dependence():
    first6 = {w for w in DICE if w[0] == 6}
    assert are_independent(first6, {w for w in DICE if sum(w) == 7}, DICE, UNIFORM36)
    assert not are_independent(
        first6, {w for w in DICE if sum(w) == 12}, DICE, UNIFORM36
    )
    # Pairwise independent but not mutually (two coins, "same face").
    coins, p = ["HH", "HT", "TH", "TT"], [0.25] * 4
    a, b, c = {"HH", "HT"}, {"HH", "TH"}, {"HH", "TT"}
    assert are_independent(a, c, coins, p)
    assert not are_independent(a & b, c, coins, p)


def test_are_independent_rejects_bad_input():
    with pytest.raises(ValueError, match="atol must be >= 0"):
        are_independent({1}, {2}, [1, 2], [0.5, 0.5], atol=-1.0)
    with pytest.raises(ValueError, match="outcomes has 2 entries but p has 3"):
        are_independent({1}, {2}, [1, 2], [0.2, 0.3, 0.5])


# ---------------------------------------------------------------- bayes_posterior


def test_bayes_posterior_matches_count_on_enumerated_population():
    # A population of 10,000 with exact integer counts: 100 sick, 90 of them positive;
    # 9,900 healthy, 990 of them positive. P(sick | positive) = 90 / 1080 by counting.
    sick = np.zeros(10_000, dtype=bool)
    sick[:100] = True
    positive = np.zeros(10_000, dtype=bool)
    positive[:90] = True
    positive[100:1090] = True
    count = sick[positive].sum() / positive.sum()
    assert count == pytest.approx(90 / 1080)
    post = bayes_posterior([0.99, 0.01], [0.1, 0.9])
    assert post[1] == pytest.approx(count, rel=1e-12)
    assert diagnostic_posterior(0.01, 0.9, 0.9) == pytest.approx(count, rel=1e-12)


def test_bayes_posterior_matches_simulated_population():
    # Three hypotheses, binary evidence: draw H from the prior, E from P(E | H), count.
    rng = np.random.default_rng(3)
    prior = np.array([0.5, 0.3, 0.2])
    likelihood = np.array([0.1, 0.5, 0.8])
    n = 400_000
    h = rng.choice(3, size=n, p=prior)
    e = rng.random(n) < likelihood[h]
    freq = np.bincount(h[e], minlength=3) / e.sum()
    post = bayes_posterior(prior, likelihood)
    se = np.sqrt(post * (1 - post) / e.sum())
    assert np.all(np.abs(freq - post) < 5 * se)


@given(
    weights, arrays(np.float64, 6, elements=st.floats(0.001, 1)), st.floats(1e-3, 1e3)
)
def test_bayes_posterior_properties(w, lik, scale):
    prior = normalized(w)
    post = bayes_posterior(prior, lik)
    assert post.sum() == pytest.approx(1.0)
    assert np.all(post >= 0)
    # Only ratios of likelihoods matter; a constant likelihood returns the prior.
    np.testing.assert_allclose(bayes_posterior(prior, scale * lik), post, rtol=1e-9)
    np.testing.assert_allclose(
        bayes_posterior(prior, np.full(6, 0.3)), prior, rtol=1e-12
    )


@pytest.mark.parametrize(
    ("prior", "likelihood", "error", "fragment"),
    [
        ([0.5, 0.5], [0.1, 0.2, 0.3], ValueError, "same length, got 2 and 3"),
        ([0.5, 0.5], [-0.1, 0.2], ValueError, "likelihood must have no negative"),
        ([0.5, 0.6], [0.1, 0.2], ValueError, "prior must sum to 1"),
        ([1.5, -0.5], [0.1, 0.2], ValueError, "prior must be non-negative"),
        ([1.0, 0.0], [0.0, 0.5], ValueError, "evidence has probability 0"),
        (
            [0.5, 0.5],
            [np.inf, 0.2],
            ValueError,
            "likelihood must be non-empty and finite",
        ),
        ([], [], ValueError, "prior must be non-empty"),
    ],
)
def test_bayes_posterior_rejects_bad_input(prior, likelihood, error, fragment):
    with pytest.raises(error, match=fragment):
        bayes_posterior(prior, likelihood)


# ---------------------------------------------------------------- diagnostic_posterior


def test_diagnostic_posterior_closed_form():
    # Exact fractions: P = sens * q / (sens * q + (1 - spec) * (1 - q)).
    q, sens, spec = Fraction(2, 100), Fraction(99, 100), Fraction(97, 100)
    exact = sens * q / (sens * q + (1 - spec) * (1 - q))
    assert diagnostic_posterior(0.02, 0.99, 0.97) == pytest.approx(float(exact))


@given(st.floats(0.001, 0.999), st.floats(0.001, 0.998), st.floats(0.01, 0.99))
def test_diagnostic_posterior_properties(q, sens, spec):
    post = diagnostic_posterior(q, sens, spec)
    assert 0 <= post <= 1
    # An uninformative test (P(+ | sick) = P(+ | healthy)) leaves the prior unchanged.
    assert diagnostic_posterior(q, 1 - spec, spec) == pytest.approx(q)
    # A more common condition gives a larger posterior.
    assert diagnostic_posterior(min(q * 1.01, 1.0), sens, spec) >= post - 1e-12


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((1.5, 0.9, 0.9), "prevalence must be in \\[0, 1\\]"),
        ((0.1, -0.1, 0.9), "sensitivity must be in \\[0, 1\\]"),
        ((0.1, 0.9, float("nan")), "specificity must be in \\[0, 1\\]"),
        ((0.0, 0.9, 1.0), "evidence has probability 0"),
    ],
)
def test_diagnostic_posterior_rejects_bad_input(args, fragment):
    with pytest.raises(ValueError, match=fragment):
        diagnostic_posterior(*args)


# ---------------------------------------------------------------- bayes_log_posterior


def test_bayes_log_posterior_matches_scipy_logsumexp():
    rng = np.random.default_rng(4)
    prior = rng.dirichlet(np.ones(5))
    loglik = rng.normal(-2000, 30, size=5)  # exp() of these underflows to 0
    expected = np.log(prior) + loglik - logsumexp(np.log(prior) + loglik)
    np.testing.assert_allclose(bayes_log_posterior(np.log(prior), loglik), expected)


@given(weights, arrays(np.float64, 6, elements=st.floats(-50, 0)), st.floats(-1e4, 1e4))
def test_bayes_log_posterior_agrees_with_bayes_posterior(w, loglik, shift):
    prior = normalized(w)
    expected = bayes_posterior(prior, np.exp(loglik))
    got = np.exp(bayes_log_posterior(np.log(prior), loglik + shift))
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize(
    ("log_prior", "log_likelihood", "fragment"),
    [
        (np.log([0.5, 0.5]), [0.0], "same length, got 2 and 1"),
        (np.log([0.5, 0.6]), [0.0, 0.0], "log_prior must be the log of a distribution"),
        ([0.0, -np.inf], [0.0, 0.0], "log_prior must be non-empty and finite"),
        (
            np.log([0.5, 0.5]),
            [np.nan, 0.0],
            "log_likelihood must be non-empty and finite",
        ),
    ],
)
def test_bayes_log_posterior_rejects_bad_input(log_prior, log_likelihood, fragment):
    with pytest.raises(ValueError, match=fragment):
        bayes_log_posterior(log_prior, log_likelihood)


# ---------------------------------------------------------------- plot


def test_plot_posterior_vs_prevalence_draws_bayes_formula():
    fig = plot_posterior_vs_prevalence(sensitivity=0.95, specificities=(0.9, 0.99))
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    assert len(lines) == 2
    for line, spec in zip(lines, (0.9, 0.99), strict=True):
        q, post = line.get_data()
        expected = 0.95 * q / (0.95 * q + (1 - spec) * (1 - q))
        np.testing.assert_allclose(post, expected, rtol=1e-12)
