"""Probability basics: sample spaces, events and the axioms, conditional probability,
independence and Bayes' theorem.

Page: docs/probability-statistics/probability-basics.md
"""

# --8<-- [start:imports]
from collections.abc import Hashable, Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
# isort: split
from matplotlib.figure import Figure

from snippets.checks import as_array, as_probability
from snippets.numerical_methods.floating_point import log_softmax
from snippets.plotting import new_figure


# --8<-- [start:event_probability]
def event_probability(
    event: Iterable[Hashable], outcomes: Sequence[Hashable], p: ArrayLike
) -> float:
    """Return P(A), the sum of p(w) over the outcomes w in the event A.

    ``outcomes`` lists the sample space (distinct outcomes) and ``p[i]`` is the
    probability of ``outcomes[i]``. The event is any collection of outcomes.

    Examples
    --------
    >>> die = [1, 2, 3, 4, 5, 6]
    >>> event_probability({2, 4, 6}, die, [1 / 6] * 6)
    0.5
    """
    p = as_probability(p, "p")
    if len(outcomes) != p.size:
        raise ValueError(f"outcomes has {len(outcomes)} entries but p has {p.size}")
    omega = set(outcomes)
    if len(omega) != len(outcomes):
        raise ValueError("outcomes must be distinct")
    a = set(event)
    if not a <= omega:  # an event is a subset of the sample space
        raise ValueError(f"event has outcomes outside the sample space: {a - omega}")
    in_a = np.array([w in a for w in outcomes], dtype=bool)  # indicator of A
    return float(p[in_a].sum())


# --8<-- [end:event_probability]


# --8<-- [start:conditional_probability]
def conditional_probability(
    a: Iterable[Hashable],
    b: Iterable[Hashable],
    outcomes: Sequence[Hashable],
    p: ArrayLike,
) -> float:
    """Return P(A | B) = P(A and B) / P(B); B must have positive probability.

    Examples
    --------
    >>> die = [1, 2, 3, 4, 5, 6]
    >>> conditional_probability({6}, {4, 5, 6}, die, [1 / 6] * 6)  # a 6, given > 3
    0.3333333333333333
    """
    a, b = set(a), set(b)
    p_b = event_probability(b, outcomes, p)
    if p_b == 0:
        raise ValueError("P(b) is 0: conditioning on an impossible event is undefined")
    return event_probability(a & b, outcomes, p) / p_b


# --8<-- [end:conditional_probability]


# --8<-- [start:are_independent]
def are_independent(
    a: Iterable[Hashable],
    b: Iterable[Hashable],
    outcomes: Sequence[Hashable],
    p: ArrayLike,
    atol: float = 1e-12,
) -> bool:
    """Return True when P(A and B) = P(A) P(B), up to the tolerance atol.

    Examples
    --------
    >>> coins = ["HH", "HT", "TH", "TT"]
    >>> are_independent({"HH", "HT"}, {"HH", "TH"}, coins, [0.25] * 4)
    True
    """
    if not atol >= 0:
        raise ValueError(f"atol must be >= 0, got {atol!r}")
    a, b = set(a), set(b)
    p_ab = event_probability(a & b, outcomes, p)
    p_a = event_probability(a, outcomes, p)
    p_b = event_probability(b, outcomes, p)
    return bool(abs(p_ab - p_a * p_b) <= atol)


# --8<-- [end:are_independent]


# --8<-- [start:bayes_posterior]
def bayes_posterior(prior: ArrayLike, likelihood: ArrayLike) -> np.ndarray:
    """Return P(H_i | E) = P(E | H_i) P(H_i) / P(E) for hypotheses H_1, ..., H_k.

    ``prior[i]`` is P(H_i) (the hypotheses are exclusive and exhaustive, so the
    prior sums to 1); ``likelihood[i]`` is P(E | H_i) or a density p(e | H_i).
    The likelihoods need not sum to 1.

    Examples
    --------
    >>> bayes_posterior([0.5, 0.5], [0.9, 0.3])
    array([0.75, 0.25])
    """
    prior = as_probability(prior, "prior")
    likelihood = as_array(likelihood, "likelihood", ndim=1)
    if likelihood.shape != prior.shape:
        raise ValueError(
            f"prior and likelihood must have the same length, "
            f"got {prior.size} and {likelihood.size}"
        )
    if np.any(likelihood < 0):
        raise ValueError("likelihood must have no negative entries")
    joint = prior * likelihood  # P(H_i and E)
    evidence = joint.sum()  # P(E), by the law of total probability
    if evidence == 0:
        raise ValueError(
            "the evidence has probability 0 under this prior and likelihood"
        )
    return joint / evidence


# --8<-- [end:bayes_posterior]


# --8<-- [start:diagnostic_posterior]
def diagnostic_posterior(
    prevalence: float, sensitivity: float, specificity: float
) -> float:
    """Return P(condition | positive test) by Bayes' theorem.

    prevalence = P(condition), sensitivity = P(positive | condition),
    specificity = P(negative | no condition); each must lie in [0, 1].

    Examples
    --------
    >>> round(diagnostic_posterior(0.01, 0.9, 0.9), 4)
    0.0833
    """
    for name, value in [
        ("prevalence", prevalence),
        ("sensitivity", sensitivity),
        ("specificity", specificity),
    ]:
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} must be in [0, 1], got {value!r}")
    prior = [1.0 - prevalence, prevalence]  # [no condition, condition]
    likelihood = [1.0 - specificity, sensitivity]  # P(positive | each)
    return float(bayes_posterior(prior, likelihood)[1])


# --8<-- [end:diagnostic_posterior]


# --8<-- [start:bayes_log_posterior]
def bayes_log_posterior(log_prior: ArrayLike, log_likelihood: ArrayLike) -> np.ndarray:
    """Return log P(H_i | E) from log P(H_i) and log P(E | H_i), without underflow.

    log posterior = log prior + log likelihood - log P(E), where
    log P(E) = logsumexp(log prior + log likelihood): that is log_softmax of the sum.

    Examples
    --------
    >>> np.exp(bayes_log_posterior(np.log([0.5, 0.5]), np.log([0.9, 0.3])))
    array([0.75, 0.25])
    """
    log_prior = as_array(log_prior, "log_prior", ndim=1)
    log_likelihood = as_array(log_likelihood, "log_likelihood", ndim=1)
    if log_likelihood.shape != log_prior.shape:
        raise ValueError(
            f"log_prior and log_likelihood must have the same length, "
            f"got {log_prior.size} and {log_likelihood.size}"
        )
    if abs(np.exp(log_prior).sum() - 1.0) > 1e-9:
        raise ValueError("log_prior must be the log of a distribution (exp sums to 1)")
    return log_softmax(log_prior + log_likelihood)  # subtracts log P(E) stably


# --8<-- [end:bayes_log_posterior]


def plot_posterior_vs_prevalence(
    sensitivity: float = 0.99, specificities: tuple[float, ...] = (0.9, 0.99, 0.999)
) -> Figure:
    """Draw P(condition | positive) against the prevalence, one line per specificity."""
    fig, ax = new_figure(
        "The probability of having a condition after a positive test, against the "
        "prevalence on a log scale from 1 in 100,000 to 1 in 2, for a test with 99% "
        "sensitivity and specificity 90%, 99% and 99.9%. For rare conditions the "
        "posterior stays small even for an accurate test.",
        width=6.4,
        height=4.0,
    )
    prevalence = np.logspace(-5, np.log10(0.5), 200)
    for spec in specificities:
        posterior = [diagnostic_posterior(q, sensitivity, spec) for q in prevalence]
        ax.plot(prevalence, posterior, label=f"specificity {spec:g}")
    ax.set_xscale("log")
    ax.set_ylim(0, 1)
    ax.set_xlabel("prevalence P(condition)")
    ax.set_ylabel("P(condition | positive)")
    ax.set_title(f"Bayes' theorem for a test with sensitivity {sensitivity:g}")
    ax.legend(loc="upper left")
    return fig
