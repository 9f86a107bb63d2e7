"""Tests for snippets/numerical_methods/numerical_calculus.py (numerical-calculus.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.optimize import minimize_scalar

from snippets.calculus.integrals import simpson, trapezoid
from snippets.calculus.limits_derivatives import difference_errors
from snippets.numerical_methods.numerical_calculus import (
    complex_step_derivative,
    difference_error_model,
    finite_difference_errors,
    gauss_legendre,
    gauss_legendre_nodes,
    optimal_step,
    plot_derivative_methods,
    plot_error_vs_step,
    plot_quadrature_convergence,
    richardson_derivative,
    romberg,
)

# ---------------------------------------------------------------- error model and step


@pytest.mark.parametrize("kind", ["forward", "central"])
@given(st.floats(0.1, 10), st.floats(0.1, 10), st.sampled_from([2.0**-52, 2.0**-23]))
def test_optimal_step_minimizes_the_model(kind, f_abs, d_abs, eps):
    # Independent check: minimize the model numerically over log10(h).
    res = minimize_scalar(
        lambda u: difference_error_model(10.0**u, f_abs, d_abs, kind, eps),
        bounds=(-16, 0),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert optimal_step(f_abs, d_abs, kind, eps) == pytest.approx(10.0**res.x, rel=1e-4)


def _median_near(errors: np.ndarray, steps: np.ndarray, step: float) -> float:
    """Median measured error over the steps within a factor 3 of step.

    Single errors near the optimum are rounding noise (a lucky step can be 30 times
    below the model, and which one depends on the CPU's exp), so the tests compare
    medians over a window, never the argmin of the curve.
    """
    return float(np.median(errors[(steps > step / 3) & (steps < step * 3)]))


def _assert_u_curve(forward, central, steps, eps):
    """Near h* the error sits within a factor 10 below the model's minimum; 1000 times
    smaller (rounding) and 100 times larger (truncation) steps are over 10 times worse."""
    e = np.e  # exp at 1: |f| = |f''| = |f'''| = e
    for measured, kind in ((forward, "forward"), (central, "central")):
        h_star = optimal_step(e, e, kind, eps)
        best = difference_error_model(h_star, e, e, kind, eps)
        assert best / 10 < _median_near(measured, steps, h_star) <= best
        assert measured.min() <= best
        assert _median_near(measured, steps, h_star / 1000) > 10 * best
        assert _median_near(measured, steps, h_star * 100) > 10 * best


def test_model_matches_closed_forms_and_measured_minima():
    # At h*, forward: truncation = rounding / 1 ... total 2 sqrt(eps |f f''|).
    h = optimal_step(1.0, 1.0, "forward")
    assert difference_error_model(h, 1.0, 1.0, "forward") == pytest.approx(
        2 * np.sqrt(2.0**-52)
    )
    steps = np.logspace(-15, 0, 301)
    forward, central = difference_errors(np.exp, np.exp, 1.0, steps)
    _assert_u_curve(forward, central, steps, 2.0**-52)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((1.0, 0.0, "forward"), "derivative_abs must be positive"),
        ((-1.0, 1.0, "forward"), "f_abs must be positive"),
        ((1.0, 1.0, "backward"), "kind must be 'forward' or 'central'"),
        ((np.nan, 1.0, "central"), "f_abs must be positive and finite"),
    ],
)
def test_model_and_step_reject_bad_input(args, fragment):
    with pytest.raises(ValueError, match=fragment):
        optimal_step(*args)
    with pytest.raises(ValueError, match=fragment):
        difference_error_model(1e-3, *args)


def test_model_rejects_bad_steps():
    with pytest.raises(ValueError, match="h must be positive"):
        difference_error_model([1e-3, 0.0], 1.0, 1.0)
    with pytest.raises(ValueError, match="eps must be positive"):
        optimal_step(1.0, 1.0, "forward", eps=0.0)


# ---------------------------------------------------------------- finite_difference_errors


def test_finite_difference_errors_in_float64_match_calculus():
    h = np.logspace(-10, -1, 10)
    ours = finite_difference_errors(np.sin, np.cos, 0.7, h)
    theirs = difference_errors(np.sin, np.cos, 0.7, h)
    np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-12, atol=1e-17)
    np.testing.assert_allclose(ours[1], theirs[1], rtol=1e-12, atol=1e-17)


def test_finite_difference_errors_in_float32_follow_the_float32_model():
    eps32 = float(np.finfo(np.float32).eps)
    h = np.logspace(-7, 0, 141)
    forward, central = finite_difference_errors(np.exp, np.exp, 1.0, h, np.float32)
    _assert_u_curve(forward, central, h, eps32)
    assert forward.min() > 1e-5  # float32 cannot do better than ~sqrt(eps32)


@given(st.floats(-2, 2), st.floats(1e-6, 1e-2))
def test_finite_difference_errors_are_nonnegative_and_small_for_moderate_h(x, h):
    fwd, cen = finite_difference_errors(np.sin, np.cos, x, [h])
    assert 0 <= cen[0] <= h**2 / 6 + 1e-9
    assert 0 <= fwd[0] <= h / 2 + 1e-7


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"dtype": np.int32}, ValueError, "dtype must be a floating-point type"),
        ({"h": [0.0]}, ValueError, "h must be positive"),
        ({"h": [[1e-3]]}, ValueError, "h must have 1 dimension"),
        ({"x": np.nan}, ValueError, "x must be non-empty and finite"),
        ({"df": None}, TypeError, "df must be callable"),
    ],
)
def test_finite_difference_errors_reject_bad_input(kwargs, error, fragment):
    args = {"f": np.exp, "df": np.exp, "x": 1.0, "h": [1e-3]} | kwargs
    with pytest.raises(error, match=fragment):
        finite_difference_errors(**args)


# ---------------------------------------------------------------- Richardson and complex step


@pytest.mark.parametrize(
    ("f", "df"),
    [(np.exp, np.exp), (np.sin, np.cos), (np.arctan, lambda x: 1 / (1 + x**2))],
)
def test_richardson_and_complex_step_match_analytic_derivatives(f, df):
    x = np.linspace(-1.5, 1.5, 7)
    np.testing.assert_allclose(
        richardson_derivative(f, x), df(x), rtol=1e-12, atol=1e-13
    )
    np.testing.assert_allclose(
        complex_step_derivative(f, x), df(x), rtol=1e-15, atol=1e-16
    )


def test_richardson_levels_raise_the_order():
    # Closed form: level 0 is the central difference (error ~ h^2 f'''/6).
    x, h = 1.0, 0.1
    central = (np.exp(x + h) - np.exp(x - h)) / (2 * h)
    assert richardson_derivative(np.exp, x, h, levels=0) == central
    errors = [abs(richardson_derivative(np.exp, x, h, k) - np.e) for k in range(3)]
    assert errors[0] > 1e3 * errors[1] and errors[1] > 1e3 * errors[2]


@given(st.floats(-3, 3), st.floats(1e-3, 0.5))
def test_richardson_beats_central_difference(x, h):
    central = (np.sin(x + h) - np.sin(x - h)) / (2 * h)
    assert (
        abs(richardson_derivative(np.sin, x, h, 3) - np.cos(x))
        <= abs(central - np.cos(x)) + 1e-13
    )


@given(st.floats(-5, 5), st.floats(1e-300, 1e-10))
def test_complex_step_is_exact_for_tiny_steps(x, h):
    # Machine precision: the exact derivative and the reference each carry a few
    # roundings (the powers, exp and the sum), so allow 4 eps relative.
    eps = np.finfo(float).eps
    assert complex_step_derivative(lambda z: z**3 + np.exp(z), x, h) == pytest.approx(
        3 * x**2 + np.exp(x), rel=4 * eps, abs=1e-15
    )


def test_derivative_methods_reject_bad_input():
    with pytest.raises(TypeError, match="f must accept and return complex"):
        complex_step_derivative(lambda x: np.abs(x) ** 0 * 1.0, 1.0)
    with pytest.raises(ValueError, match="h must be positive"):
        complex_step_derivative(np.exp, 1.0, h=0.0)
    with pytest.raises(ValueError, match="levels must be >= 0"):
        richardson_derivative(np.exp, 1.0, levels=-1)
    with pytest.raises(ValueError, match="h must be positive"):
        richardson_derivative(np.exp, 1.0, h=-0.1)
    with pytest.raises(TypeError, match="f must be callable"):
        richardson_derivative(1.0, 1.0)
    with pytest.raises(ValueError, match="x must be non-empty and finite"):
        complex_step_derivative(np.exp, [np.inf])


# ---------------------------------------------------------------- Romberg


@pytest.mark.parametrize(
    ("f", "a", "b"),
    [(np.exp, 0.0, 1.0), (np.sin, 0.0, np.pi), (lambda x: 1 / (1 + x**2), -2.0, 3.0)],
)
def test_romberg_matches_quad(f, a, b):
    assert romberg(f, a, b, levels=8) == pytest.approx(
        quad(f, a, b, epsabs=1e-14)[0], abs=1e-12
    )


@given(st.floats(-2, 2), st.floats(0.1, 3))
def test_first_romberg_step_is_simpson(a, width):
    # Identity: (4 T(2) - T(1)) / 3 is Simpson's rule with 2 panels.
    f = lambda x: np.cos(x) + x**3  # noqa: E731
    assert romberg(f, a, a + width, levels=1) == pytest.approx(
        simpson(f, a, a + width, 2), rel=1e-12, abs=1e-12
    )


@pytest.mark.parametrize("levels", [0, 1, 2, 5, 8])
def test_romberg_evaluates_f_once_at_each_trapezoid_point(levels):
    # A counting wrapper records every point f sees. The table reuses the trapezoid
    # points, so the count is the closed form 2^levels + 1, with no point twice, and
    # the points are exactly the finest trapezoid grid.
    a, b = -0.5, 2.0
    seen = []

    def counted(x):
        seen.extend(np.atleast_1d(x).tolist())
        return np.cos(x)

    romberg(counted, a, b, levels)
    assert len(seen) == 2**levels + 1
    np.testing.assert_allclose(np.sort(seen), np.linspace(a, b, 2**levels + 1))


@given(st.floats(-2, 2), st.floats(0.1, 3))
def test_romberg_level_zero_is_the_one_panel_trapezoid(a, width):
    f = lambda x: np.exp(-(x**2))  # noqa: E731
    assert romberg(f, a, a + width, levels=0) == pytest.approx(
        trapezoid(f, a, a + width, 1), rel=1e-14, abs=1e-15
    )


def test_romberg_rejects_bad_input():
    with pytest.raises(ValueError, match="a must be less than b"):
        romberg(np.exp, 1.0, 0.0)
    with pytest.raises(ValueError, match="levels must be >= 0"):
        romberg(np.exp, 0.0, 1.0, levels=-2)
    with pytest.raises(ValueError, match="f\\(x\\) must be non-empty and finite"):
        with np.errstate(divide="ignore"):
            romberg(np.log, 0.0, 1.0)


# ---------------------------------------------------------------- Gauss-Legendre


@pytest.mark.parametrize("n", [1, 2, 5, 20, 60])
def test_gauss_legendre_nodes_match_numpy_leggauss(n):
    x, w = gauss_legendre_nodes(n)
    xr, wr = np.polynomial.legendre.leggauss(n)
    np.testing.assert_allclose(x, xr, atol=1e-14)
    np.testing.assert_allclose(w, wr, rtol=1e-11, atol=1e-15)


@pytest.mark.parametrize(
    ("f", "a", "b"),
    [(np.exp, 0.0, 1.0), (np.cos, -1.0, 2.0), (lambda x: np.exp(-(x**2)), -3.0, 3.0)],
)
def test_gauss_legendre_matches_quad(f, a, b):
    assert gauss_legendre(f, a, b, 30) == pytest.approx(quad(f, a, b)[0], rel=1e-13)


@given(st.integers(1, 8), st.integers(0, 10_000))
def test_gauss_legendre_is_exact_for_degree_2n_minus_1(n, seed):
    rng = np.random.default_rng(seed)
    p = np.polynomial.Polynomial(rng.normal(size=2 * n))  # degree 2n - 1
    a, b = -1.0, 1.5
    exact = p.integ()(b) - p.integ()(a)
    assert gauss_legendre(p, a, b, n) == pytest.approx(exact, rel=1e-10, abs=1e-10)


def test_gauss_legendre_is_not_exact_for_degree_2n():
    # x^(2n) on [-1, 1]: exact 2 / (2n + 1); the n-point rule misses it.
    for n in (1, 2, 3):
        assert (
            abs(
                gauss_legendre(lambda x, n=n: x ** (2 * n), -1.0, 1.0, n)
                - 2 / (2 * n + 1)
            )
            > 1e-3
        )


def test_gauss_legendre_rejects_bad_input():
    with pytest.raises(ValueError, match="n must be >= 1"):
        gauss_legendre_nodes(0)
    with pytest.raises(TypeError, match="n must be an integer"):
        gauss_legendre(np.exp, 0.0, 1.0, 2.5)
    with pytest.raises(ValueError, match="a must be less than b"):
        gauss_legendre(np.exp, 0.0, 0.0)
    with pytest.raises(ValueError, match="f\\(x\\) must be non-empty and finite"):
        gauss_legendre(lambda x: np.full_like(x, np.nan), 0.0, 1.0)


# ---------------------------------------------------------------- plots


def test_plot_error_vs_step_draws_measurements_and_model():
    fig = plot_error_vs_step(np.float32)
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    h, measured = lines[0].get_data()
    forward, _ = finite_difference_errors(np.exp, np.exp, 1.0, h, np.float32)
    floor = float(np.finfo(np.float32).eps) * np.e * 1e-3
    np.testing.assert_allclose(measured, np.maximum(forward, floor))
    eps32 = float(np.finfo(np.float32).eps)
    np.testing.assert_allclose(
        lines[1].get_data()[1], difference_error_model(h, np.e, np.e, "forward", eps32)
    )


def test_plot_derivative_methods_and_quadrature():
    fig = plot_derivative_methods()
    assert fig.get_label()
    h, central = fig.axes[0].get_lines()[0].get_data()
    np.testing.assert_allclose(
        central,
        np.maximum(np.abs((np.exp(1 + h) - np.exp(1 - h)) / (2 * h) - np.e), 1e-17),
    )
    fig = plot_quadrature_convergence()
    assert fig.get_label()
    _n, err = fig.axes[0].get_lines()[3].get_data()
    assert err[6] < 1e-15  # Gauss-Legendre, 7 points
    np.testing.assert_allclose(
        err[2], abs(gauss_legendre(np.exp, 0.0, 1.0, 3) - (np.e - 1))
    )
