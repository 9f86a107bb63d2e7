"""Tests for snippets/calculus/gradient_descent_1d.py (page: gradient-descent-1d.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from snippets.calculus.gradient_descent_1d import (
    GDResult,
    gradient_descent_1d,
    learning_rate_regime,
    plot_gd_iterates,
    plot_gd_loss,
    quadratic_iterates,
    steps_to_tolerance,
)
from snippets.calculus.limits_derivatives import central_difference


def quadratic_grad(c, m):
    return lambda x: c * (x - m)  # f(x) = c/2 (x - m)^2


# ---------------------------------------------------------------- gradient_descent_1d


def test_converges_to_scipy_minimizer_on_smooth_functions():
    cases = [
        (lambda x: (x - 1.3) ** 2 + np.cos(x), 0.0),
        (lambda x: np.log(np.cosh(x - 0.7)) + 0.1 * x**2, -2.0),
        (lambda x: x**4 - 3 * x**2 + x, 2.0),  # non-convex: the right-hand basin
    ]
    for f, x0 in cases:

        def grad(x, f=f):
            return central_difference(f, x)

        run = gradient_descent_1d(grad, x0, lr=0.05, max_iter=5000, tol=1e-12)
        ref = minimize_scalar(f, bracket=(x0 - 0.5, x0), tol=1e-10)
        assert run.converged and not run.diverged
        assert run.x == pytest.approx(ref.x, abs=1e-6)


def test_non_convex_start_decides_the_minimum():
    def f(x):
        return x**4 - 3 * x**2 + x

    def grad(x):
        return 4 * x**3 - 6 * x + 1

    left = gradient_descent_1d(grad, -2.0, 0.01)
    right = gradient_descent_1d(grad, 2.0, 0.01)
    # the two local minima are roots of 4x^3 - 6x + 1 with f'' = 12x^2 - 6 > 0
    roots = np.sort(np.roots([4, 0, -6, 1]).real)
    assert left.x == pytest.approx(roots[0], abs=1e-7)
    assert right.x == pytest.approx(roots[2], abs=1e-7)
    assert f(left.x) < f(right.x)  # only the left one is global


@given(
    st.floats(0.1, 10),
    st.floats(-5, 5),
    st.floats(-5, 5),
    st.floats(0.05, 0.99),
)
def test_loop_matches_the_closed_form_on_quadratics(c, m, x0, q):
    lr = q * 2 / c  # any rate strictly below the edge 2 / c
    run = gradient_descent_1d(quadratic_grad(c, m), x0, lr, max_iter=30, tol=1e-300)
    expected = quadratic_iterates(c, m, x0, lr, run.n_iter)
    np.testing.assert_allclose(run.iterates, expected, rtol=1e-9, atol=1e-9)


@given(st.floats(0.1, 10), st.floats(-5, 5), st.floats(0.05, 1.95))
def test_converges_below_and_diverges_above_two_over_curvature(c, m, q):
    # Closed form: x_k - m = (1 - lr c)^k (x0 - m) -> 0 iff 0 < lr c < 2.
    grad, x0 = quadratic_grad(c, m), m + 1.0
    good = gradient_descent_1d(grad, x0, q / c, max_iter=20_000, tol=1e-12)
    assert good.converged and good.x == pytest.approx(m, abs=1e-9)
    bad = gradient_descent_1d(grad, x0, (2 + q) / c, max_iter=20_000)
    assert bad.diverged and not bad.converged
    assert np.all(np.diff(np.abs(bad.iterates - m)) > 0)  # |error| grows


def test_edge_learning_rate_bounces_forever_and_hits_max_iter():
    run = gradient_descent_1d(quadratic_grad(2.0, 0.0), 1.0, 1.0, max_iter=50)
    assert not run.converged and not run.diverged and run.n_iter == 50
    np.testing.assert_allclose(run.iterates, (-1.0) ** np.arange(51))


def test_result_fields():
    run = gradient_descent_1d(quadratic_grad(2.0, 3.0), 0.0, 0.5)  # lr = 1/c
    assert isinstance(run, GDResult) and type(run.x) is float
    assert run.iterates[0] == 0.0 and run.iterates[1] == 3.0  # one step
    assert run.n_iter == 2 and run.converged  # the second step has size 0


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"lr": 0.0}, ValueError, "lr must be positive"),
        ({"lr": -0.1}, ValueError, "lr must be positive"),
        ({"lr": np.nan}, ValueError, "lr must be positive"),
        ({"lr": "0.1"}, TypeError, "lr must be a number"),
        ({"grad": 2.0}, TypeError, "grad must be callable"),
        ({"x0": np.inf}, ValueError, "x0 must be non-empty and finite"),
        ({"x0": [1.0, 2.0]}, ValueError, "x0 must have 0 dimension"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"max_iter": 10.0}, TypeError, "max_iter must be an integer"),
        ({"tol": 0.0}, ValueError, "tol must be positive"),
        ({"bound": -1.0}, ValueError, "bound must be positive"),
        (
            {"grad": lambda x: np.nan},
            ValueError,
            r"grad\(x\) must be non-empty and finite",
        ),
    ],
)
def test_gradient_descent_rejects_bad_input(kwargs, error, fragment):
    args = {"grad": quadratic_grad(1.0, 0.0), "x0": 1.0, "lr": 0.1} | kwargs
    with pytest.raises(error, match=fragment):
        gradient_descent_1d(**args)


# ---------------------------------------------------------------- quadratic_iterates


def test_quadratic_iterates_match_explicit_steps():
    c, m, x0, lr = 3.0, -1.0, 2.0, 0.2
    xs = [x0]
    for _ in range(5):
        xs.append(xs[-1] - lr * c * (xs[-1] - m))
    np.testing.assert_allclose(quadratic_iterates(c, m, x0, lr, 5), xs, rtol=1e-14)


@given(st.floats(0.1, 10), st.floats(-5, 5), st.floats(-5, 5), st.floats(0.01, 5))
def test_quadratic_iterates_shrink_or_grow_geometrically(c, m, x0, lr):
    xs = quadratic_iterates(c, m, x0, lr, 10)
    if x0 == m:
        np.testing.assert_array_equal(xs, m)
        return
    d = xs - m
    # compare only where both distances are far above the rounding level of m
    ok = np.isfinite(d[1:]) & (np.abs(d[:-1]) > 1e-6) & (np.abs(d[1:]) > 1e-6)
    ratio = d[1:][ok] / d[:-1][ok]
    np.testing.assert_allclose(ratio, 1 - lr * c, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((0.0, 0.0, 1.0, 0.1, 5), ValueError, "curvature must be positive"),
        ((1.0, np.nan, 1.0, 0.1, 5), ValueError, "minimizer must be non-empty"),
        ((1.0, 0.0, 1.0, 0.0, 5), ValueError, "lr must be positive"),
        ((1.0, 0.0, 1.0, 0.1, -1), ValueError, "n must be >= 0"),
    ],
)
def test_quadratic_iterates_reject_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        quadratic_iterates(*args)


# ---------------------------------------------------------------- regimes and rates


@given(st.floats(0.1, 10), st.floats(0.01, 3.0))
def test_regime_names_match_the_observed_behavior(c, q):
    if abs(q - 1) < 1e-6 or abs(q - 2) < 1e-6:
        return
    regime = learning_rate_regime(q / c, c)
    e = quadratic_iterates(c, 0.0, 1.0, q / c, 6)
    signs_alternate = np.all(e[1:] * e[:-1] < 0)
    shrinking = np.all(np.abs(e[1:]) < np.abs(e[:-1]))
    expected = {
        "monotone": (not signs_alternate) and shrinking,
        "oscillating": signs_alternate and shrinking,
        "diverging": signs_alternate and not shrinking,
    }
    assert expected[regime]


def test_regime_edges():
    assert learning_rate_regime(0.5, 2.0) == "one step"
    assert learning_rate_regime(1.0, 2.0) == "bouncing"
    with pytest.raises(ValueError, match="lr must be positive"):
        learning_rate_regime(0.0, 2.0)
    with pytest.raises(ValueError, match="curvature must be positive"):
        learning_rate_regime(0.1, -2.0)


@given(st.floats(0.1, 10), st.floats(0.02, 1.98), st.floats(1e-8, 1e-2))
def test_steps_to_tolerance_matches_the_simulated_run(c, q, tol):
    if abs(q - 1) < 1e-9:
        return
    k = steps_to_tolerance(q / c, c, 1.0, tol)
    e = np.abs(quadratic_iterates(c, 0.0, 1.0, q / c, k))
    assert e[k] <= tol * (1 + 1e-9)
    assert k == 0 or e[k - 1] > tol * (1 - 1e-9)  # and not one step earlier


def test_steps_to_tolerance_special_cases():
    assert steps_to_tolerance(0.5, 2.0, 1.0, 1e-6) == 1  # lr = 1 / c
    assert steps_to_tolerance(0.1, 2.0, 1e-7, 1e-6) == 0  # already there
    assert steps_to_tolerance(0.1, 2.0, 1.0, 1e-6) == 62  # 0.8^62 < 1e-6 < 0.8^61
    with pytest.raises(ValueError, match="no convergence"):
        steps_to_tolerance(1.0, 2.0, 1.0, 1e-6)
    with pytest.raises(ValueError, match="tol must be positive"):
        steps_to_tolerance(0.1, 2.0, 1.0, 0.0)
    with pytest.raises(ValueError, match="distance must be positive"):
        steps_to_tolerance(0.1, 2.0, -1.0, 1e-6)


# ---------------------------------------------------------------- plots


def test_plot_gd_iterates_draws_the_iterates_on_the_function():
    fig = plot_gd_iterates(lrs=(0.3, 0.85, 1.05), x0=2.0, n_steps=5)
    assert fig.get_label()
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 3
    for ax, lr in zip(visible, (0.3, 0.85, 1.05), strict=True):
        curve, path = ax.get_lines()[:2]
        x, y = curve.get_data()
        np.testing.assert_allclose(y, x**2)
        xs, ys = path.get_data()
        np.testing.assert_allclose(xs, quadratic_iterates(2.0, 0.0, 2.0, lr, 5))
        np.testing.assert_allclose(ys, xs**2)


def test_plot_gd_loss_draws_the_loss_per_iteration():
    fig = plot_gd_loss(lrs=(0.3, 1.05), n_steps=10)
    assert fig.get_label()
    for line, lr in zip(fig.axes[0].get_lines(), (0.3, 1.05), strict=True):
        k, loss = line.get_data()
        np.testing.assert_allclose(loss, quadratic_iterates(2.0, 0.0, 2.0, lr, 10) ** 2)
        np.testing.assert_array_equal(k, np.arange(11))


def test_plots_accept_a_custom_function():
    def f(x):
        return np.cosh(x)

    fig = plot_gd_iterates(lrs=(0.5,), f=f, grad=np.sinh)
    assert "Gradient descent iterates" in fig.get_label()
    fig = plot_gd_loss(lrs=(0.5,), f=f, grad=np.sinh)
    assert fig.axes[0].get_lines()[0].get_data()[1][-1] == pytest.approx(1.0)


def test_plots_take_a_description_and_use_a_linear_scale_for_negative_losses():
    def f(x):
        return np.asarray(x) ** 4 - 3 * np.asarray(x) ** 2 + x

    def grad(x):
        return 4 * x**3 - 6 * x + 1

    fig = plot_gd_iterates((0.01, 0.2), f=f, grad=grad, description="Two runs")
    assert fig.get_label() == "Two runs"
    for ax in fig.axes:  # a diverging run does not blow up the axes
        assert ax.get_xlim()[1] <= (3 * 2.0 + 1) * 1.1 + 1e-9
    fig = plot_gd_loss((0.01,), f=f, grad=grad, n_steps=5, description="Loss")
    ax = fig.axes[0]
    assert ax.get_yscale() == "linear"
    _, loss = ax.get_lines()[0].get_data()
    np.testing.assert_allclose(
        loss, f(gradient_descent_1d(grad, 2.0, 0.01, 5).iterates)
    )
    assert plot_gd_loss().axes[0].get_yscale() == "log"
