"""Tests for snippets/discrete_mathematics/counting.py (page: docs/discrete-mathematics/counting.md)."""

import math
from fractions import Fraction
from itertools import combinations, permutations, product

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from sklearn.model_selection import ParameterGrid

from snippets.discrete_mathematics.counting import (
    as_count,
    binomial_terms,
    birthday_approximation,
    birthday_probability,
    combinations_count,
    log_combinations,
    max_load_lower_bound,
    min_items_for_collision,
    pascal_row,
    permutations_count,
    plot_birthday,
    search_space_size,
    simulate_birthday,
    union_size,
)

# ---------------------------------------------------------------- as_count


@given(st.integers(0, 10**30))
def test_as_count_returns_python_ints(n):
    assert as_count(n, "n") == n
    assert type(as_count(np.int64(min(n, 2**62)), "n")) is int


@pytest.mark.parametrize(
    ("value", "minimum", "error", "fragment"),
    [
        (2.0, 0, TypeError, "n must be an integer, got 2.0"),
        (True, 0, TypeError, "n must be an integer"),
        ("3", 0, TypeError, "n must be an integer"),
        (-1, 0, ValueError, "n must be at least 0, got -1"),
        (0, 1, ValueError, "n must be at least 1"),
    ],
)
def test_as_count_rejects_bad_input(value, minimum, error, fragment):
    with pytest.raises(error, match=fragment):
        as_count(value, "n", minimum)


# ---------------------------------------------------------------- search_space_size


def test_search_space_size_matches_sklearn_parameter_grid():
    grids = [
        {"kernel": ["rbf"], "C": [0.1, 1, 10], "gamma": [1e-3, 1e-2]},
        {"kernel": ["linear"], "C": [0.1, 1, 10, 100]},
    ]
    assert search_space_size(grids) == len(ParameterGrid(grids)) == 10
    assert search_space_size(grids[0]) == len(ParameterGrid(grids[0])) == 6
    assert search_space_size({}) == len(ParameterGrid({})) == 1  # the empty product


@given(st.lists(st.lists(st.integers(1, 4), max_size=4), min_size=1, max_size=3))
def test_search_space_size_counts_enumerated_configurations(shapes):
    grids = [
        {f"h{i}": list(range(size)) for i, size in enumerate(sizes)} for sizes in shapes
    ]
    enumerated = sum(len(list(product(*g.values()))) for g in grids)  # brute force
    assert search_space_size(grids) == enumerated == len(ParameterGrid(grids))


@pytest.mark.parametrize(
    ("grids", "error", "fragment"),
    [
        ([], ValueError, "grids must contain at least one grid"),
        ([{"a": []}], ValueError, r"grids\[0\]\['a'\] must be non-empty"),
        ({"a": "abc"}, TypeError, r"grids\[0\]\['a'\] must be a list of values"),
        ({"a": 3}, TypeError, "must be a list of values"),
        ([{"a": [1]}, [1, 2]], TypeError, r"grids\[1\] must be a mapping"),
        ("grid", TypeError, "grids must be a mapping or a list of mappings"),
    ],
)
def test_search_space_size_rejects_bad_input(grids, error, fragment):
    with pytest.raises(error, match=fragment):
        search_space_size(grids)


# ---------------------------------------------------------------- permutations, combinations


def test_counts_match_brute_force_enumeration():
    items = range(6)
    for k in range(8):
        assert permutations_count(6, k) == sum(1 for _ in permutations(items, k))
        assert combinations_count(6, k) == sum(1 for _ in combinations(items, k))


@pytest.mark.parametrize("n", [0, 1, 5, 20, 52, 200])
def test_counts_match_math_and_scipy(n):
    for k in range(n + 3):
        assert permutations_count(n, k) == math.perm(n, k)
        assert combinations_count(n, k) == math.comb(n, k)
        assert combinations_count(n, k) == scipy.special.comb(n, k, exact=True)
        if n <= 20:
            assert permutations_count(n, k) == scipy.special.perm(n, k, exact=True)
    assert permutations_count(n) == math.factorial(n)


@given(st.integers(1, 300), st.integers(0, 300))
def test_combination_identities(n, k):
    # Pascal's rule, symmetry, and P(n, k) = C(n, k) k!.
    assert combinations_count(n, k) == combinations_count(n - 1, k - 1 if k else 0) * (
        k > 0
    ) + combinations_count(n - 1, k)
    if k <= n:
        assert combinations_count(n, k) == combinations_count(n, n - k)
    assert permutations_count(n, k) == combinations_count(n, k) * math.factorial(k)


@pytest.mark.parametrize(
    ("n", "k", "error", "fragment"),
    [
        (-1, 0, ValueError, "n must be at least 0"),
        (3, -1, ValueError, "k must be at least 0"),
        (3.0, 1, TypeError, "n must be an integer"),
        (3, 1.5, TypeError, "k must be an integer"),
    ],
)
def test_counts_reject_bad_input(n, k, error, fragment):
    for f in (permutations_count, combinations_count, log_combinations):
        with pytest.raises(error, match=fragment):
            f(n, k)


# ---------------------------------------------------------------- log_combinations


@pytest.mark.parametrize("n", [1, 10, 100, 2000, 20_000])
def test_log_combinations_matches_log_of_exact_integer(n):
    # math.log accepts arbitrarily large Python integers exactly.
    for k in {0, 1, n // 3, n // 2, n}:
        assert log_combinations(n, k) == pytest.approx(
            math.log(math.comb(n, k)), rel=1e-12, abs=1e-9
        )


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_log_combinations_symmetry_and_empty(n, k):
    if k > n:
        assert log_combinations(n, k) == -math.inf
    else:
        assert log_combinations(n, k) == pytest.approx(
            log_combinations(n, n - k), abs=1e-6
        )
        assert log_combinations(n, k) >= -1e-9


# ---------------------------------------------------------------- pascal_row, binomial_terms


@pytest.mark.parametrize("n", [0, 1, 2, 7, 30, 100])
def test_pascal_row_matches_math_comb(n):
    assert pascal_row(n) == [math.comb(n, k) for k in range(n + 1)]
    assert pascal_row(n) == [scipy.special.comb(n, k, exact=True) for k in range(n + 1)]


@given(st.integers(0, 200))
def test_pascal_row_sums(n):
    row = pascal_row(n)
    assert sum(row) == 2**n  # (1 + 1)^n: every subset
    assert sum((-1) ** k * c for k, c in enumerate(row)) == (n == 0)  # (1 - 1)^n


@pytest.mark.parametrize(
    ("n", "error", "fragment"),
    [
        (-1, ValueError, "n must be at least 0"),
        (2.0, TypeError, "n must be an integer"),
    ],
)
def test_pascal_row_rejects_bad_input(n, error, fragment):
    with pytest.raises(error, match=fragment):
        pascal_row(n)


@pytest.mark.parametrize(("n", "p"), [(1, 0.3), (10, 0.5), (40, 0.07), (500, 0.9)])
def test_binomial_terms_are_the_binomial_pmf(n, p):
    terms = binomial_terms(p, 1 - p, n)
    np.testing.assert_allclose(
        terms, scipy.stats.binom.pmf(np.arange(n + 1), n, p), rtol=1e-9, atol=1e-300
    )


@given(
    st.floats(-3, 3, allow_nan=False),
    st.floats(-3, 3, allow_nan=False),
    st.integers(0, 20),
)
def test_binomial_theorem(x, y, n):
    total = binomial_terms(x, y, n).sum()
    scale = sum(abs(t) for t in binomial_terms(abs(x), abs(y), n))
    assert total == pytest.approx((x + y) ** n, abs=1e-12 * max(scale, 1.0))


@pytest.mark.parametrize(
    ("x", "y", "n", "error", "fragment"),
    [
        (1.0, 1.0, 1001, ValueError, "n must be at most 1000"),
        (np.nan, 1.0, 3, ValueError, "x must be a finite number"),
        (1.0, np.inf, 3, ValueError, "y must be a finite number"),
        ("1", 1.0, 3, ValueError, "x must be a finite number"),
        (1.0, 1.0, -1, ValueError, "n must be at least 0"),
    ],
)
def test_binomial_terms_rejects_bad_input(x, y, n, error, fragment):
    with pytest.raises(error, match=fragment):
        binomial_terms(x, y, n)


# ---------------------------------------------------------------- union_size


def test_union_size_counts_integers_divisible_by_2_3_or_5():
    # Textbook inclusion–exclusion: 100 - (numbers up to 100 coprime to 30) = 74.
    sets = [set(range(d, 101, d)) for d in (2, 3, 5)]
    assert union_size(sets) == len(set().union(*sets)) == 74


@given(st.lists(st.sets(st.integers(0, 15), max_size=8), min_size=1, max_size=6))
def test_union_size_matches_python_union(sets):
    assert union_size(sets) == len(set().union(*sets))


@pytest.mark.parametrize(
    ("sets", "error", "fragment"),
    [
        ([], ValueError, "sets must hold between 1 and 20 sets, got 0"),
        ([{1}] * 21, ValueError, "got 21"),
        ({1, 2}, TypeError, "sets must be a list of sets"),
        ("ab", TypeError, "sets must be a list of sets"),
    ],
)
def test_union_size_rejects_bad_input(sets, error, fragment):
    with pytest.raises(error, match=fragment):
        union_size(sets)


# ---------------------------------------------------------------- max_load_lower_bound


@pytest.mark.parametrize(("n", "m"), [(0, 1), (3, 1), (4, 2), (5, 3), (6, 4), (7, 3)])
def test_pigeonhole_bound_is_attained_by_brute_force(n, m):
    best = min(
        (max(np.bincount(assign, minlength=m)) if n else 0)
        for assign in product(range(m), repeat=n)
    )
    assert max_load_lower_bound(n, m) == best


@given(st.integers(0, 10**40), st.integers(1, 10**20))
def test_pigeonhole_bound_is_the_ceiling(n, m):
    b = max_load_lower_bound(n, m)
    assert b * m >= n > (b - 1) * m or (n == 0 and b == 0)


@pytest.mark.parametrize(
    ("n", "m", "error", "fragment"),
    [
        (3, 0, ValueError, "n_boxes must be at least 1"),
        (-3, 2, ValueError, "n_items must be at least 0"),
        (3.5, 2, TypeError, "n_items must be an integer"),
    ],
)
def test_pigeonhole_rejects_bad_input(n, m, error, fragment):
    with pytest.raises(error, match=fragment):
        max_load_lower_bound(n, m)


# ---------------------------------------------------------------- birthday problem


def exact_fraction(n: int, m: int) -> Fraction:
    """1 - m (m-1) ... (m-n+1) / m^n as an exact rational number."""
    distinct = Fraction(1)
    for i in range(n):
        distinct *= Fraction(m - i, m)
    return 1 - distinct


@pytest.mark.parametrize(
    ("n", "m"), [(0, 3), (1, 4), (2, 3), (3, 4), (4, 5), (5, 4), (3, 6)]
)
def test_birthday_matches_brute_force_enumeration(n, m):
    outcomes = list(product(range(m), repeat=n))
    repeats = sum(len(set(o)) < n for o in outcomes)
    assert birthday_probability(n, m) == pytest.approx(
        repeats / len(outcomes), abs=1e-15
    )


def test_birthday_textbook_values():
    # Feller, An Introduction to Probability Theory, vol. 1, II.3: P(23) = 0.507...
    assert birthday_probability(23) == pytest.approx(0.5072972343239854, rel=1e-12)
    for n in (10, 41, 57, 100, 365):
        assert birthday_probability(n) == pytest.approx(
            float(exact_fraction(n, 365)), rel=1e-12
        )
    assert birthday_probability(366) == 1.0


@given(st.integers(0, 400), st.integers(1, 10**6))
def test_birthday_probability_properties(n, m):
    p = birthday_probability(n, m)
    assert 0.0 <= p <= 1.0
    assert p >= birthday_approximation(n, m) - 1e-12  # 1 - x <= exp(-x)
    assert birthday_probability(n + 1, m) >= p - 1e-15  # more people, more risk
    assert (
        p == pytest.approx(float(exact_fraction(n, m)), rel=1e-9, abs=1e-15) or n > 60
    )


def test_birthday_approximation_is_accurate_for_small_ratios():
    m = 2**32
    for n in (1000, 77_000, 200_000):
        assert birthday_approximation(n, m) == pytest.approx(
            birthday_probability(n, m), rel=1e-3
        )


@pytest.mark.parametrize(("n", "m"), [(23, 365), (10, 50), (3, 4)])
def test_simulation_agrees_with_closed_form(n, m):
    trials = 20_000
    p = birthday_probability(n, m)
    estimate = simulate_birthday(n, m, trials, np.random.default_rng(1))
    assert abs(estimate - p) < 4 * math.sqrt(p * (1 - p) / trials) + 1e-12


@given(st.integers(0, 30), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_simulation_is_a_frequency_with_certain_edges(n, m, seed):
    f = simulate_birthday(n, m, 50, np.random.default_rng(seed))
    assert 0.0 <= f <= 1.0 and abs(f * 50 - round(f * 50)) < 1e-9  # a count / 50
    if n <= 1:
        assert f == 0.0
    if n > m:
        assert f == 1.0  # pigeonhole: a collision in every trial


def test_simulation_is_reproducible_and_handles_edges():
    a = simulate_birthday(30, rng=np.random.default_rng(5))
    b = simulate_birthday(30, rng=np.random.default_rng(5))
    assert a == b
    assert simulate_birthday(1, 5, 100, np.random.default_rng(0)) == 0.0
    assert simulate_birthday(6, 5, 100, np.random.default_rng(0)) == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"n": 3, "m": 0}, ValueError, "m must be at least 1"),
        ({"n": -1}, ValueError, "n must be at least 0"),
        ({"n": 3, "n_trials": 0}, ValueError, "n_trials must be at least 1"),
        ({"n": 10**4, "n_trials": 10**4}, ValueError, "n \\* n_trials must be at most"),
        ({"n": 3, "m": 2**64}, ValueError, "m must be below 2\\*\\*63"),
        ({"n": 3, "rng": 0}, TypeError, "rng must be a numpy.random.Generator"),
    ],
)
def test_simulate_birthday_rejects_bad_input(kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        simulate_birthday(**kwargs)


@pytest.mark.parametrize(
    ("f", "args", "error", "fragment"),
    [
        (
            birthday_probability,
            (10**7 + 1, 10**9),
            ValueError,
            "n must be at most 10\\*\\*7",
        ),
        (birthday_probability, (3, 0), ValueError, "m must be at least 1"),
        (birthday_probability, (2.5, 10), TypeError, "n must be an integer"),
        (birthday_approximation, (-2, 10), ValueError, "n must be at least 0"),
        (birthday_approximation, (2, 0), ValueError, "m must be at least 1"),
    ],
)
def test_birthday_functions_reject_bad_input(f, args, error, fragment):
    with pytest.raises(error, match=fragment):
        f(*args)


# ---------------------------------------------------------------- min_items_for_collision


def test_min_items_known_values():
    assert min_items_for_collision(0.5) == 23
    assert min_items_for_collision(0.99) == 57
    assert min_items_for_collision(1.0) == 366
    assert min_items_for_collision(0.5, 2**32) == 77_164


@given(st.floats(1e-6, 0.999999), st.integers(1, 5000))
def test_min_items_is_the_first_crossing(p, m):
    n = min_items_for_collision(p, m)
    assert birthday_probability(n, m) >= p
    assert n == 1 or birthday_probability(n - 1, m) < p


@pytest.mark.parametrize(
    ("p", "m", "error", "fragment"),
    [
        (0.0, 365, ValueError, "p must be a probability in \\(0, 1\\]"),
        (1.5, 365, ValueError, "p must be a probability"),
        (np.nan, 365, ValueError, "p must be a probability"),
        (0.5, 0, ValueError, "m must be at least 1"),
        (0.5, 2**64, ValueError, "exceeds 10\\*\\*7 items"),
    ],
)
def test_min_items_rejects_bad_input(p, m, error, fragment):
    with pytest.raises(error, match=fragment):
        min_items_for_collision(p, m)


# ---------------------------------------------------------------- plot


def test_plot_birthday_draws_the_exact_curve():
    fig = plot_birthday(m=365, n_max=40, n_trials=200)
    assert fig.get_label()
    exact_line = fig.axes[0].get_lines()[0]
    ns, ps = exact_line.get_data()
    np.testing.assert_allclose(
        ps, [float(exact_fraction(int(n), 365)) for n in ns], rtol=1e-12
    )
