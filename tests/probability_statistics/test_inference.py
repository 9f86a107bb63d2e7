"""Tests for snippets/probability_statistics/inference.py
(page: docs/probability-statistics/inference.md).

Coverage simulations: with R repetitions, the observed coverage of a 95% interval is a
Binomial(R, c) / R proportion; we accept |coverage - 0.95| <= 3 sqrt(0.95 * 0.05 / R)
(R = 200 gives 0.046), which also leaves room for the small undercoverage that the
percentile bootstrap has at n = 30.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from snippets.probability_statistics.inference import (
    TTestResult,
    bootstrap_interval,
    plot_bootstrap_distribution,
    plot_confidence_intervals,
    plot_t_test,
    t_confidence_interval,
    two_sample_t_test,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
samples = arrays(np.float64, st.integers(2, 25), elements=finite)


def binomial_tolerance(reps, level=0.95, k=3.0):
    return k * np.sqrt(level * (1 - level) / reps)


# ---------------------------------------------------------------- t_confidence_interval


@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_t_interval_matches_scipy_t_interval(confidence):
    x = np.random.default_rng(1).normal(10.0, 3.0, size=17)
    expected = stats.t.interval(
        confidence, x.size - 1, loc=x.mean(), scale=stats.sem(x)
    )
    np.testing.assert_allclose(
        t_confidence_interval(x, confidence), expected, rtol=1e-12
    )


def test_t_interval_covers_the_true_mean_at_its_nominal_rate():
    reps = 1000
    rng = np.random.default_rng(2)
    hits = [
        lo <= 10.0 <= hi
        for lo, hi in (t_confidence_interval(rng.normal(10, 3, 8)) for _ in range(reps))
    ]
    assert abs(np.mean(hits) - 0.95) <= binomial_tolerance(reps)


@given(samples, st.floats(0.5, 0.98), finite)
def test_t_interval_is_centered_shift_equivariant_and_grows_with_confidence(x, c, a):
    lo, hi = t_confidence_interval(x, c)
    assert lo <= x.mean() + 1e-9 and x.mean() - 1e-9 <= hi
    assert (lo + hi) / 2 == pytest.approx(x.mean(), rel=1e-9, abs=1e-6)
    lo2, hi2 = t_confidence_interval(x + a, c)
    assert lo2 == pytest.approx(lo + a, rel=1e-9, abs=1e-6)
    assert hi2 == pytest.approx(hi + a, rel=1e-9, abs=1e-6)
    lo3, hi3 = t_confidence_interval(x, (1 + c) / 2)  # higher confidence: wider
    assert hi3 - lo3 >= hi - lo - 1e-9


@pytest.mark.parametrize(
    ("x", "c", "error", "fragment"),
    [
        ([1.0, 2.0], 0.0, ValueError, "confidence must be in \\(0, 1\\)"),
        ([1.0, 2.0], 1.0, ValueError, "confidence must be in \\(0, 1\\)"),
        ([1.0, 2.0], 95, ValueError, "confidence must be in \\(0, 1\\)"),
        ([1.0, 2.0], "0.9", ValueError, "confidence must be in \\(0, 1\\)"),
        ([], 0.95, ValueError, "x must be non-empty"),
        ([1.0], 0.95, ValueError, "x must hold at least 2 values"),
        ([1.0, np.nan], 0.95, ValueError, "finite"),
        ([[1.0, 2.0]], 0.95, ValueError, "x must have 1 dimension"),
    ],
)
def test_t_interval_rejects_bad_input(x, c, error, fragment):
    with pytest.raises(error, match=fragment):
        t_confidence_interval(x, c)


# ---------------------------------------------------------------- bootstrap_interval


def test_bootstrap_interval_matches_scipy_percentile_bootstrap():
    x = np.random.default_rng(3).exponential(size=40)
    ours = bootstrap_interval(x, n_resamples=20_000, rng=np.random.default_rng(4))
    ref = stats.bootstrap(
        (x,),
        np.mean,
        n_resamples=20_000,
        method="percentile",
        rng=np.random.default_rng(5),
    ).confidence_interval
    # Different random resamples: the endpoints agree up to Monte Carlo error (~0.005).
    np.testing.assert_allclose(ours, (ref.low, ref.high), atol=0.02)


def test_bootstrap_interval_covers_the_true_mean_at_about_its_nominal_rate():
    reps, n = 200, 30
    rng = np.random.default_rng(6)
    hits = 0
    for _ in range(reps):
        x = rng.normal(5.0, 2.0, size=n)
        lo, hi = bootstrap_interval(x, n_resamples=1000, rng=rng)
        hits += lo <= 5.0 <= hi
    assert abs(hits / reps - 0.95) <= binomial_tolerance(reps)


def test_bootstrap_interval_of_the_median():
    # Exponential(1) median is log 2; a 95% interval from 200 draws should cover it.
    x = np.random.default_rng(7).exponential(size=200)
    lo, hi = bootstrap_interval(x, np.median, rng=np.random.default_rng(8))
    assert lo <= np.log(2) <= hi


@given(samples, st.floats(0.5, 0.99))
def test_bootstrap_interval_of_the_mean_lies_within_the_data_range(x, c):
    lo, hi = bootstrap_interval(
        x, confidence=c, n_resamples=200, rng=np.random.default_rng(9)
    )
    span = 1e-9 * (1 + np.abs(x).max())
    assert x.min() - span <= lo <= hi <= x.max() + span


@pytest.mark.parametrize(
    ("x", "kwargs", "error", "fragment"),
    [
        ([1.0, 2.0], {"statistic": "mean"}, TypeError, "statistic must be callable"),
        (
            [1.0, 2.0],
            {"statistic": lambda a, axis: float(a.mean())},
            ValueError,
            "one finite number per resample",
        ),
        (
            [1.0, 2.0],
            {"confidence": 1.2},
            ValueError,
            "confidence must be in \\(0, 1\\)",
        ),
        (
            [1.0, 2.0],
            {"confidence": -0.5},
            ValueError,
            "confidence must be in \\(0, 1\\)",
        ),
        (
            [1.0, 2.0],
            {"n_resamples": 10},
            ValueError,
            "n_resamples must be an integer >= 100",
        ),
        (
            [1.0, 2.0],
            {"n_resamples": 500.0},
            ValueError,
            "n_resamples must be an integer >= 100",
        ),
        ([], {}, ValueError, "x must be non-empty"),
        ([1.0], {}, ValueError, "x must hold at least 2 values"),
    ],
)
def test_bootstrap_interval_rejects_bad_input(x, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        bootstrap_interval(x, **kwargs)


# ---------------------------------------------------------------- two_sample_t_test


@pytest.mark.parametrize("equal_var", [True, False])
@pytest.mark.parametrize(
    ("nx", "ny", "shift", "scale"),
    [(30, 30, 0.6, 1.0), (8, 25, 0.0, 3.0), (5, 3, 2.0, 0.5)],
)
def test_t_test_matches_scipy_ttest_ind(equal_var, nx, ny, shift, scale):
    rng = np.random.default_rng(10)
    x, y = rng.normal(size=nx), rng.normal(shift, scale, size=ny)
    ours = two_sample_t_test(x, y, equal_var)
    ref = stats.ttest_ind(x, y, equal_var=equal_var)
    assert isinstance(ours, TTestResult)
    assert ours.statistic == pytest.approx(ref.statistic, rel=1e-12)
    assert ours.pvalue == pytest.approx(ref.pvalue, rel=1e-10)
    assert ours.df == pytest.approx(ref.df, rel=1e-12)


def test_t_test_p_values_are_uniform_under_the_null():
    rng = np.random.default_rng(11)
    p = [
        two_sample_t_test(rng.normal(size=12), rng.normal(size=9)).pvalue
        for _ in range(500)
    ]
    assert stats.kstest(p, "uniform").pvalue > 0.01


@given(samples, samples, st.booleans(), finite)
def test_t_test_is_antisymmetric_and_shift_invariant(x, y, equal_var, a):
    if x.var() < 1e-6 and y.var() < 1e-6:
        return
    r = two_sample_t_test(x, y, equal_var)
    s = two_sample_t_test(y, x, equal_var)
    assert 0.0 <= r.pvalue <= 1.0
    assert s.statistic == pytest.approx(-r.statistic, rel=1e-9, abs=1e-9)
    assert s.pvalue == pytest.approx(r.pvalue, rel=1e-9, abs=1e-12)
    shifted = two_sample_t_test(x + a, y + a, equal_var)
    assert shifted.statistic == pytest.approx(r.statistic, rel=1e-5, abs=1e-5)


@pytest.mark.parametrize(
    ("x", "y", "error", "fragment"),
    [
        ([1.0], [1.0, 2.0], ValueError, "at least 2 values each"),
        ([1.0, 1.0], [2.0, 2.0], ValueError, "zero variance"),
        ([], [1.0, 2.0], ValueError, "x must be non-empty"),
        ([1.0, 2.0], [np.nan, 2.0], ValueError, "y must be non-empty and finite"),
        ([[1.0, 2.0]], [1.0, 2.0], ValueError, "x must have 1 dimension"),
    ],
)
def test_t_test_rejects_bad_input(x, y, error, fragment):
    for equal_var in (True, False):
        with pytest.raises(error, match=fragment):
            two_sample_t_test(x, y, equal_var)


# ---------------------------------------------------------------- plots


def test_plot_confidence_intervals_colors_the_misses():
    fig = plot_confidence_intervals(n_intervals=60, n=10)
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    segments = lines[:-1]
    assert len(segments) == 60
    misses = 0
    for seg in segments:
        lo, hi = seg.get_xdata()
        covers = lo <= 0.0 <= hi
        misses += not covers
        assert seg.get_color() == ("C0" if covers else "C1")
    assert 0 < misses < 12  # 60 intervals at 95%: about 3 misses expected


def test_plot_bootstrap_distribution_marks_the_percentile_interval():
    fig = plot_bootstrap_distribution(n=40, n_resamples=5000, seed=0)
    assert fig.get_label()
    rng = np.random.default_rng(0)
    x = rng.exponential(size=40)
    idx = rng.integers(0, 40, size=(5000, 40))
    expected = np.quantile(x[idx].mean(axis=1), [0.025, 0.975])
    verticals = [line.get_xdata()[0] for line in fig.axes[0].get_lines()]
    np.testing.assert_allclose(verticals[:2], expected, rtol=1e-12)
    assert verticals[2] == 1.0


def test_plot_t_test_draws_the_t_density_and_shades_the_tails():
    fig = plot_t_test(t=2.3, df=18.0)
    assert fig.get_label()
    ax = fig.axes[0]
    x, y = ax.get_lines()[0].get_data()
    np.testing.assert_allclose(y, stats.t.pdf(x, 18.0), rtol=1e-12)
    p = 2 * stats.t.sf(2.3, 18.0)
    assert f"{p:.3f}" in fig.get_label()
    shaded = ax.collections[0].get_paths()
    xs = np.concatenate([path.vertices[:, 0] for path in shaded])
    assert np.all(np.abs(xs) >= 2.3 - 0.03)  # within one grid step of the cut-off
