"""Markov chains: the transition matrix and the distribution after n steps, the
stationary distribution, and hidden Markov models with the forward algorithm.

Page: docs/probability-statistics/markov-chains.md
"""

# --8<-- [start:imports]
import bisect
from itertools import product
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
# isort: split
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure
from snippets.checks import as_probability

#: A three-state weather chain (sunny, cloudy, rainy); row i is tomorrow given today i.
WEATHER_STATES = ("sunny", "cloudy", "rainy")
WEATHER_P = np.array(
    [
        [0.7, 0.2, 0.1],
        [0.3, 0.4, 0.3],
        [0.2, 0.3, 0.5],
    ]
)


# --8<-- [start:check_stochastic_matrix]
def check_stochastic_matrix(
    M: ArrayLike, name: str = "P", *, square: bool = True
) -> np.ndarray:
    """Return M as a float matrix whose rows are probability vectors, or raise."""
    M = as_array(M, name, ndim=2, square=square)
    if np.any(M < 0):
        raise ValueError(f"{name} must have no negative entries, got {M.min():.6g}")
    sums = M.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-9)
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            f"each row of {name} must sum to 1, row {i} sums to {sums[i]:.10g}"
        )
    return M


# --8<-- [end:check_stochastic_matrix]


# --8<-- [start:distribution_after]
def distribution_after(P: ArrayLike, p0: ArrayLike, n_steps: int) -> np.ndarray:
    """Return the distribution p0^T P^n of the state after n_steps steps.

    Examples
    --------
    >>> distribution_after([[0.9, 0.1], [0.5, 0.5]], [1.0, 0.0], 2)
    array([0.86, 0.14])
    """
    P = check_stochastic_matrix(P, "P")
    p0 = as_probability(p0, "p0")
    if p0.size != P.shape[0]:
        raise ValueError(
            f"p0 has {p0.size} entries but P is {P.shape[0]} x {P.shape[0]}"
        )
    if isinstance(n_steps, bool) or not isinstance(n_steps, (int, np.integer)):
        raise TypeError(f"n_steps must be an integer, got {n_steps!r}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be non-negative, got {n_steps}")
    # matrix_power squares repeatedly: O(log n) matrix products instead of n.
    return p0 @ np.linalg.matrix_power(P, int(n_steps))


# --8<-- [end:distribution_after]


# --8<-- [start:stationary_distribution]
def stationary_distribution(P: ArrayLike) -> np.ndarray:
    """Return the unique pi with pi^T P = pi^T and sum(pi) = 1.

    Solves the linear system (P^T - I) pi = 0 together with 1^T pi = 1. Raises if
    the chain has more than one stationary distribution (several closed classes).

    Examples
    --------
    >>> stationary_distribution([[0.9, 0.1], [0.5, 0.5]])
    array([0.83333333, 0.16666667])
    """
    P = check_stochastic_matrix(P, "P")
    n = P.shape[0]
    A = np.vstack([P.T - np.eye(n), np.ones((1, n))])
    b = np.r_[np.zeros(n), 1.0]
    if np.linalg.matrix_rank(A) < n:
        raise ValueError(
            "P has more than one stationary distribution (the chain is reducible)"
        )
    pi = np.linalg.lstsq(A, b, rcond=None)[0]
    pi = np.clip(pi, 0.0, None)  # remove rounding noise like -1e-17
    return pi / pi.sum()


# --8<-- [end:stationary_distribution]


# --8<-- [start:simulate_chain]
def simulate_chain(
    P: ArrayLike, start: int, n_steps: int, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Return the states X_0 = start, X_1, ..., X_{n_steps} of one simulated run.

    Each step samples the next state from row X_t of P by the inverse CDF.

    Examples
    --------
    >>> simulate_chain([[0.0, 1.0], [1.0, 0.0]], start=0, n_steps=4)
    array([0, 1, 0, 1, 0])
    """
    P = check_stochastic_matrix(P, "P")
    n = P.shape[0]
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)):
        raise TypeError(f"start must be an integer state, got {start!r}")
    if not 0 <= start < n:
        raise ValueError(f"start must be a state in 0..{n - 1}, got {start}")
    if isinstance(n_steps, bool) or not isinstance(n_steps, (int, np.integer)):
        raise TypeError(f"n_steps must be an integer, got {n_steps!r}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be non-negative, got {n_steps}")
    rng = np.random.default_rng() if rng is None else rng
    cdf = np.cumsum(P, axis=1)
    cdf[:, -1] = 1.0
    rows = cdf.tolist()  # plain lists: bisect on them is the fastest step in Python
    u = rng.random(n_steps).tolist()
    states = [int(start)]
    for t in range(n_steps):  # sequential by nature: step t needs state t
        states.append(bisect.bisect_right(rows[states[-1]], u[t]))
    return np.array(states)


# --8<-- [end:simulate_chain]


# --8<-- [start:check_hmm]
def check_hmm(
    p1: ArrayLike, A: ArrayLike, B: ArrayLike, observations: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Validate an HMM (p1, A, B) and its observations; return them as arrays."""
    p1 = as_probability(p1, "p1")
    A = check_stochastic_matrix(A, "A")
    B = check_stochastic_matrix(B, "B", square=False)
    if not (p1.size == A.shape[0] == B.shape[0]):
        raise ValueError(
            f"p1, A and B must agree on the number of hidden states, got "
            f"{p1.size}, {A.shape[0]} and {B.shape[0]}"
        )
    obs = as_array(observations, "observations", ndim=1)
    if np.any(obs != np.round(obs)) or np.any(obs < 0) or np.any(obs >= B.shape[1]):
        raise ValueError(
            f"observations must be integers in 0..{B.shape[1] - 1} (columns of B)"
        )
    return p1, A, B, obs.astype(int)


# --8<-- [end:check_hmm]


# --8<-- [start:hmm_forward]
class ForwardResult(NamedTuple):
    log_likelihood: float  # log P(x_1, ..., x_T)
    filtered: np.ndarray  # row t: P(z_t = k | x_1, ..., x_t)


def hmm_forward(
    p1: ArrayLike, A: ArrayLike, B: ArrayLike, observations: ArrayLike
) -> ForwardResult:
    """Run the scaled forward algorithm of a hidden Markov model.

    p1 (K,) is the initial distribution (of z_1), A (K, K) the transition matrix,
    B (K, M) the emission matrix (B[k, m] = P(x = m | z = k)), and observations are
    integers in 0..M-1. Each step is normalized to sum to 1; the logs of the normalizers
    add up to the log-likelihood, so long sequences never underflow.

    Examples
    --------
    >>> r = hmm_forward([0.5, 0.5], [[0.9, 0.1], [0.1, 0.9]],
    ...                 [[0.8, 0.2], [0.2, 0.8]], [0, 0])
    >>> round(r.log_likelihood, 6), r.filtered[-1].round(4)
    (-1.133204, array([0.9193, 0.0807]))
    """
    p1, A, B, obs = check_hmm(p1, A, B, observations)
    filtered = np.empty((obs.size, p1.size))
    log_likelihood = 0.0
    alpha = p1 * B[:, obs[0]]  # P(z_1 = k, x_1)
    for t in range(obs.size):  # the recursion runs forward in time
        if t > 0:
            alpha = (filtered[t - 1] @ A) * B[:, obs[t]]  # predict, then weigh
        c = alpha.sum()  # c_t = P(x_t | x_1, ..., x_{t-1})
        if c == 0:
            raise ValueError(f"observations[{t}] has probability 0 under the model")
        filtered[t] = alpha / c
        log_likelihood += np.log(c)
    return ForwardResult(float(log_likelihood), filtered)


# --8<-- [end:hmm_forward]


# --8<-- [start:hmm_brute_force_likelihood]
def hmm_brute_force_likelihood(
    p1: ArrayLike, A: ArrayLike, B: ArrayLike, observations: ArrayLike
) -> float:
    """Return P(x_1, ..., x_T) by summing over all K**T hidden paths (small T only).

    Examples
    --------
    >>> hmm_brute_force_likelihood([0.5, 0.5], [[0.9, 0.1], [0.1, 0.9]],
    ...                            [[0.8, 0.2], [0.2, 0.8]], [0])
    0.5
    """
    p1, A, B, obs = check_hmm(p1, A, B, observations)
    K, T = p1.size, obs.size
    if K**T > 2_000_000:
        raise ValueError(f"{K}**{T} hidden paths is too many for brute force")
    paths = np.array(list(product(range(K), repeat=T)))  # (K**T, T)
    p = p1[paths[:, 0]] * np.prod(B[paths, obs], axis=1)
    if T > 1:
        p = p * np.prod(A[paths[:, :-1], paths[:, 1:]], axis=1)
    return float(p.sum())


# --8<-- [end:hmm_brute_force_likelihood]


def plot_chain_convergence(
    P: ArrayLike = WEATHER_P,
    start: int = 2,
    n_steps: int = 15,
    sim_steps: int = 20_000,
    seed: int = 0,
) -> Figure:
    """Left: the distribution after n steps; right: running state frequencies."""
    P = check_stochastic_matrix(P, "P")
    k = P.shape[0]
    names = WEATHER_STATES if k == 3 else tuple(f"state {i}" for i in range(k))
    fig, (left, right) = new_figure(
        f"Left: the probability of each state of a {k}-state Markov chain after "
        f"0 to {n_steps} steps, starting from {names[start]}; the curves flatten "
        "onto the stationary probabilities (dashed) within a few steps. Right: in "
        f"one simulated run of {sim_steps} steps, the fraction of time spent in each "
        "state converges to the same stationary probabilities.",
        ncols=2,
        width=8.0,
        height=3.6,
    )
    pi = stationary_distribution(P)
    steps = np.arange(n_steps + 1)
    p0 = np.eye(k)[start]
    dist = np.array([distribution_after(P, p0, int(n)) for n in steps])
    for i in range(k):
        left.plot(steps, dist[:, i], "o-", color=f"C{i}", markersize=3, label=names[i])
    for i in range(k):
        left.axhline(pi[i], color=f"C{i}", linestyle="--", linewidth=1)
    left.set_xlabel("step $n$")
    left.set_ylabel("probability")
    left.set_title(f"Distribution after $n$ steps from {names[start]}")
    left.legend(loc="upper right")
    states = simulate_chain(P, start, sim_steps, np.random.default_rng(seed))
    t = np.arange(1, sim_steps + 2)
    for i in range(k):
        right.plot(t, np.cumsum(states == i) / t, color=f"C{i}", label=names[i])
    for i in range(k):
        right.axhline(pi[i], color=f"C{i}", linestyle="--", linewidth=1)
    right.set_xscale("log")
    right.set_xlabel("steps simulated")
    right.set_ylabel("fraction of time in state")
    right.set_title("One long run")
    return fig


def plot_hmm_filtering(n_steps: int = 60, seed: int = 3) -> Figure:
    """Filtered P(rainy | observations so far) on a simulated rainy/sunny HMM."""
    p1, A, B = HMM_EXAMPLE
    fig, ax = new_figure(
        f"A simulated sequence of {n_steps} days of a hidden Markov model with "
        "hidden weather (rainy or sunny) and observed activities (walk, shop, "
        "clean). The true hidden state is drawn as a step line (1 for rainy); the "
        "forward algorithm's filtered probability of rain given the activities so "
        "far follows it, rising on days with cleaning and falling on walking days.",
        width=6.4,
        height=3.4,
    )
    rng = np.random.default_rng(seed)
    hidden = simulate_chain(A, int(rng.choice(2, p=p1)), n_steps - 1, rng)
    u = rng.random(n_steps)
    cdf = np.cumsum(B, axis=1)
    obs = (u[:, None] >= cdf[hidden]).sum(axis=1)  # emission by the inverse CDF
    filtered = hmm_forward(p1, A, B, obs).filtered
    days = np.arange(1, n_steps + 1)
    ax.step(
        days,
        (hidden == 0).astype(float),
        where="mid",
        color="#999999",
        linewidth=1.2,
        label="rainy (truth)",
    )
    ax.plot(
        days,
        filtered[:, 0],
        "o-",
        markersize=3,
        color="C0",
        label="P(rainy | activities)",
    )
    ax.set_ylim(-0.05, 1.3)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel("day $t$")
    ax.set_ylabel("probability of rain")
    ax.set_title("Filtering with the forward algorithm")
    ax.legend(loc="upper center", ncols=2)
    return fig


#: The classic rainy/sunny HMM: p1, A (rainy, sunny), B over (walk, shop, clean).
HMM_EXAMPLE = (
    np.array([0.6, 0.4]),
    np.array([[0.7, 0.3], [0.4, 0.6]]),
    np.array([[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]]),
)
