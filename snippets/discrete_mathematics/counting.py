"""Counting: sum and product rules, permutations and combinations, the binomial
theorem, inclusion–exclusion, the pigeonhole principle and the birthday problem.

Page: docs/discrete-mathematics/counting.md
"""

# --8<-- [start:imports]
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import combinations

import numpy as np

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.plotting import new_figure


# --8<-- [start:as_count]
def as_count(value: int, name: str, minimum: int = 0) -> int:
    """Return value as a Python int >= minimum, or raise an error naming it.

    Examples
    --------
    >>> as_count(np.int64(3), "n")
    3
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


# --8<-- [end:as_count]


# --8<-- [start:search_space_size]
def search_space_size(
    grids: Mapping[str, Sequence[object]] | Sequence[Mapping[str, Sequence[object]]],
) -> int:
    """Return the number of configurations in a hyperparameter grid or a list of grids.

    Inside one grid each hyperparameter takes one of its values: the product rule.
    Separate grids (say, one per model family) share no configuration: the sum rule.

    Examples
    --------
    >>> search_space_size({"lr": [0.1, 0.01], "depth": [2, 4, 8]})
    6
    """
    if isinstance(grids, Mapping):
        grids = [grids]
    if isinstance(grids, (str, bytes)) or not isinstance(grids, Sequence):
        raise TypeError(f"grids must be a mapping or a list of mappings, got {grids!r}")
    if len(grids) == 0:
        raise ValueError("grids must contain at least one grid")
    total = 0
    for g, grid in enumerate(grids):
        if not isinstance(grid, Mapping):
            raise TypeError(f"grids[{g}] must be a mapping, got {type(grid).__name__}")
        size = 1  # the empty product: a grid with no hyperparameters has one point
        for key, values in grid.items():
            if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
                raise TypeError(f"grids[{g}][{key!r}] must be a list of values")
            if len(values) == 0:
                raise ValueError(f"grids[{g}][{key!r}] must be non-empty")
            size *= len(values)  # product rule
        total += size  # sum rule
    return total


# --8<-- [end:search_space_size]


# --8<-- [start:permutations_count]
def permutations_count(n: int, k: int | None = None) -> int:
    """Return P(n, k) = n! / (n - k)!, the number of ordered k-sequences of n items.

    k defaults to n (n! orderings). For k > n there is no such sequence: 0, as in
    math.perm.

    Examples
    --------
    >>> permutations_count(5, 2), permutations_count(4)
    (20, 24)
    """
    n = as_count(n, "n")
    k = n if k is None else as_count(k, "k")
    if k > n:
        return 0
    return math.prod(range(n - k + 1, n + 1))  # n (n-1) ... (n-k+1), exact integers


# --8<-- [end:permutations_count]


# --8<-- [start:combinations_count]
def combinations_count(n: int, k: int) -> int:
    """Return the binomial coefficient C(n, k) = n! / (k! (n - k)!), exactly.

    For k > n there is no such subset: 0, as in math.comb.

    Examples
    --------
    >>> combinations_count(5, 2), combinations_count(52, 5)
    (10, 2598960)
    """
    n, k = as_count(n, "n"), as_count(k, "k")
    if k > n:
        return 0
    k = min(k, n - k)  # C(n, k) = C(n, n - k): fewer factors
    return math.prod(range(n - k + 1, n + 1)) // math.factorial(k)


# --8<-- [end:combinations_count]


# --8<-- [start:log_combinations]
def log_combinations(n: int, k: int) -> float:
    """Return log C(n, k) through the log-gamma function, without huge integers.

    -inf for k > n (log 0).

    Examples
    --------
    >>> round(log_combinations(5, 2), 10) == round(math.log(10), 10)
    True
    """
    n, k = as_count(n, "n"), as_count(k, "k")
    if k > n:
        return -math.inf
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


# --8<-- [end:log_combinations]


# --8<-- [start:pascal_row]
def pascal_row(n: int) -> list[int]:
    """Return [C(n, 0), ..., C(n, n)] built by Pascal's rule, as exact integers.

    Examples
    --------
    >>> pascal_row(4)
    [1, 4, 6, 4, 1]
    """
    n = as_count(n, "n")
    row = [1]
    for _ in range(n):  # C(m+1, k) = C(m, k-1) + C(m, k): the recurrence is the lesson
        row = [a + b for a, b in zip([0, *row], [*row, 0], strict=True)]
    return row


# --8<-- [end:pascal_row]


# --8<-- [start:binomial_terms]
def binomial_terms(x: float, y: float, n: int) -> np.ndarray:
    """Return the n + 1 terms C(n, k) x^k y^(n-k), k = 0..n; they sum to (x + y)^n.

    With x = p and y = 1 - p the terms are the binomial probabilities. n is at most
    1000 (larger coefficients do not fit in a float: work in logs instead).

    Examples
    --------
    >>> binomial_terms(1.0, 1.0, 3)
    array([1., 3., 3., 1.])
    """
    n = as_count(n, "n")
    if n > 1000:
        raise ValueError(f"n must be at most 1000 (C(n, k) overflows a float), got {n}")
    for name, value in (("x", x), ("y", y)):
        if not (isinstance(value, (int, float, np.number)) and math.isfinite(value)):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    k = np.arange(n + 1)
    log_coefficients = np.array([math.log(c) for c in pascal_row(n)])
    # Multiply in logs: x^k alone can underflow while the whole term does not.
    with np.errstate(divide="ignore"):  # log 0 = -inf gives the term 0
        log_x, log_y = np.log(abs(float(x))), np.log(abs(float(y)))
    log_terms = log_coefficients.copy()
    log_terms[1:] += k[1:] * log_x  # skip k = 0: x^0 = 1, also for x = 0
    log_terms[:-1] += (n - k[:-1]) * log_y  # skip k = n: y^0 = 1
    signs = np.sign(float(x) or 1.0) ** k * np.sign(float(y) or 1.0) ** (n - k)
    return signs * np.exp(log_terms)


# --8<-- [end:binomial_terms]


# --8<-- [start:union_size]
def union_size(sets: Sequence[Iterable[Hashable]]) -> int:
    """Return |A_1 ∪ ... ∪ A_m| by inclusion–exclusion over all 2^m - 1 intersections.

    At most 20 sets (the number of terms doubles with every set).

    Examples
    --------
    >>> union_size([{1, 2, 3}, {3, 4}, {4, 5, 1}])
    5
    """
    if isinstance(sets, (str, bytes)) or not isinstance(sets, Sequence):
        raise TypeError(f"sets must be a list of sets, got {type(sets).__name__}")
    if not 1 <= len(sets) <= 20:
        raise ValueError(f"sets must hold between 1 and 20 sets, got {len(sets)}")
    as_sets = [set(s) for s in sets]
    total = 0
    for r in range(1, len(as_sets) + 1):  # add singles, subtract pairs, add triples...
        sign = 1 if r % 2 == 1 else -1
        for chosen in combinations(as_sets, r):
            total += sign * len(set.intersection(*chosen))
    return total


# --8<-- [end:union_size]


# --8<-- [start:max_load_lower_bound]
def max_load_lower_bound(n_items: int, n_boxes: int) -> int:
    """Return ceil(n_items / n_boxes): some box must hold at least this many items.

    The pigeonhole principle. No assignment does better: spread the items evenly.

    Examples
    --------
    >>> max_load_lower_bound(13, 12)  # 13 people, 12 birth months
    2
    """
    n_items = as_count(n_items, "n_items")
    n_boxes = as_count(n_boxes, "n_boxes", minimum=1)
    return -(-n_items // n_boxes)  # integer ceiling, exact for huge counts


# --8<-- [end:max_load_lower_bound]


# --8<-- [start:birthday_probability]
def birthday_probability(n: int, m: int = 365) -> float:
    """Return P(some two of n uniform draws from m values coincide), exactly.

    1 - prod_{i<n} (1 - i/m), summed in logs with log1p. For n > m it is 1
    (pigeonhole). n is at most 10**7; use birthday_approximation beyond.

    Examples
    --------
    >>> round(birthday_probability(23), 4)
    0.5073
    """
    n, m = as_count(n, "n"), as_count(m, "m", minimum=1)
    if n > m:
        return 1.0
    if n > 10**7:
        raise ValueError(f"n must be at most 10**7 for the exact product, got {n}")
    log_all_distinct = np.sum(np.log1p(-np.arange(n) / m))
    return float(-np.expm1(log_all_distinct))  # 1 - exp(s) without cancellation


# --8<-- [end:birthday_probability]


# --8<-- [start:birthday_approximation]
def birthday_approximation(n: int, m: int = 365) -> float:
    """Return 1 - exp(-n (n - 1) / (2 m)), accurate when n is much smaller than m.

    Examples
    --------
    >>> round(birthday_approximation(23), 4)
    0.5
    """
    n, m = as_count(n, "n"), as_count(m, "m", minimum=1)
    return float(-np.expm1(-n * (n - 1) / (2 * m)))


# --8<-- [end:birthday_approximation]


# --8<-- [start:simulate_birthday]
def simulate_birthday(
    n: int, m: int = 365, n_trials: int = 10_000, rng: np.random.Generator | None = None
) -> float:
    """Return the fraction of n_trials simulated groups of n draws with a repeat.

    Examples
    --------
    >>> simulate_birthday(23, rng=np.random.default_rng(0))
    0.4958
    """
    n, m = as_count(n, "n"), as_count(m, "m", minimum=1)
    n_trials = as_count(n_trials, "n_trials", minimum=1)
    if m >= 2**63:
        raise ValueError(f"m must be below 2**63, got {m}")
    if n * n_trials > 5 * 10**7:
        raise ValueError(f"n * n_trials must be at most 5e7, got {n * n_trials}")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator or None, got {rng!r}")
    rng = np.random.default_rng() if rng is None else rng
    draws = np.sort(rng.integers(m, size=(n_trials, n)), axis=1)
    has_repeat = np.any(draws[:, 1:] == draws[:, :-1], axis=1)  # sorted: neighbors
    return float(has_repeat.mean())


# --8<-- [end:simulate_birthday]


# --8<-- [start:min_items_for_collision]
def min_items_for_collision(p: float, m: int = 365) -> int:
    """Return the smallest n with birthday_probability(n, m) >= p, for 0 < p <= 1.

    Examples
    --------
    >>> min_items_for_collision(0.5)
    23
    """
    m = as_count(m, "m", minimum=1)
    if not (isinstance(p, (int, float, np.floating)) and 0 < p <= 1):
        raise ValueError(f"p must be a probability in (0, 1], got {p!r}")
    if p == 1:
        return m + 1  # only the pigeonhole principle guarantees a collision
    # The exact probability is at least the approximation, so the approximate answer
    # (plus a margin) bounds the search from above.
    limit = min(m + 1, math.ceil(math.sqrt(2 * m * -math.log1p(-p))) + 2)
    if limit > 10**7:
        raise ValueError(f"the answer for m = {m} exceeds 10**7 items")
    with np.errstate(divide="ignore"):  # log(1 - m/m) = -inf: certain collision
        log_all_distinct = np.cumsum(np.log1p(-np.arange(limit) / m))  # n = 1..limit
    probabilities = -np.expm1(log_all_distinct)
    return int(np.argmax(probabilities >= p)) + 1


# --8<-- [end:min_items_for_collision]


def plot_birthday(m: int = 365, n_max: int = 70, n_trials: int = 4000) -> Figure:
    """Draw the collision probability against n: exact, approximation, simulation."""
    fig, ax = new_figure(
        f"Probability that at least two of n people share a birthday (m = {m} days) "
        "against n: the exact product, the exponential approximation just below it, "
        "and simulated frequencies on the exact curve; it crosses one half at n = 23.",
        width=6.4,
        height=3.8,
    )
    ns = np.arange(n_max + 1)
    exact = [birthday_probability(int(n), m) for n in ns]
    approx = [birthday_approximation(int(n), m) for n in ns]
    rng = np.random.default_rng(0)
    sim_ns = np.arange(5, n_max + 1, 5)
    simulated = [simulate_birthday(int(n), m, n_trials, rng) for n in sim_ns]
    ax.plot(ns, exact, label="exact")
    ax.plot(ns, approx, "--", label=r"$1 - e^{-n(n-1)/2m}$")
    ax.plot(sim_ns, simulated, "o", label=f"simulated ({n_trials} groups)")
    n_half = min_items_for_collision(0.5, m)
    ax.axhline(0.5, color="#999999", linewidth=0.8)
    ax.axvline(n_half, color="#999999", linewidth=0.8)
    ax.annotate(f"n = {n_half}", (n_half, 0.5), xytext=(n_half + 3, 0.35))
    ax.set_xlabel("number of people n")
    ax.set_ylabel("P(shared birthday)")
    ax.set_title("The birthday problem")
    ax.legend(loc="lower right")
    return fig
