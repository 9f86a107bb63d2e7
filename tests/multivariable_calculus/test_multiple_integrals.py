"""Tests for snippets/multivariable_calculus/multiple_integrals.py
(page: docs/multivariable-calculus/multiple-integrals.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.integrate import nquad, qmc_quad, tplquad
from scipy.stats import multivariate_normal, norm

from snippets.multivariable_calculus.multiple_integrals import (
    _error_curves,
    _sine_product,
    change_of_variables_density,
    check_box,
    grid_integral,
    integrand_values,
    monte_carlo_integral,
    plot_mc_vs_grid,
)


def bump(p):
    """exp(-|x|^2) * (1 + x_0), vectorized over the rows of p."""
    return np.exp(-np.sum(p**2, axis=1)) * (1 + p[:, 0])


# ---------------------------------------------------------------- check_box, integrand_values


@given(arrays(np.float64, 3, elements=st.floats(-100, 100)), st.floats(1e-3, 10))
def test_check_box_accepts_any_proper_box(lo, width):
    a, b = check_box(np.sum, lo, lo + width)
    np.testing.assert_array_equal(a, lo)
    assert np.all(b > a)


@pytest.mark.parametrize(
    ("f", "lower", "upper", "error", "fragment"),
    [
        (3, [0], [1], TypeError, "f must be callable"),
        (np.sum, [0, 0], [1], ValueError, "lower and upper must have the same length"),
        (np.sum, [0, 1], [1, 1], ValueError, "upper must be greater than lower"),
        (
            np.sum,
            [0, -np.inf],
            [1, 1],
            ValueError,
            "lower must be non-empty and finite",
        ),
        (np.sum, [[0, 0]], [[1, 1]], ValueError, "lower must have 1 dimension"),
    ],
)
def test_check_box_rejects_bad_input(f, lower, upper, error, fragment):
    with pytest.raises(error, match=fragment):
        check_box(f, lower, upper)


def test_integrand_values_checks_shape_and_finiteness():
    pts = np.zeros((4, 2))
    np.testing.assert_array_equal(
        integrand_values(lambda p: p[:, 0] + 1, pts), np.ones(4)
    )
    with pytest.raises(
        ValueError, match=r"f must map an \(N, d\) array of points to N values"
    ):
        integrand_values(lambda p: 1.0, pts)
    with pytest.raises(ValueError, match="non-finite"):
        integrand_values(lambda p: np.full(4, np.inf), pts)


# ---------------------------------------------------------------- grid_integral


def test_grid_integral_matches_scipy_nquad_and_tplquad():
    lo, hi = [-1.0, -0.5], [1.5, 2.0]
    reference, _ = nquad(
        lambda x, y: bump(np.array([[x, y]]))[0], list(zip(lo, hi, strict=True))
    )
    assert grid_integral(bump, lo, hi, 400) == pytest.approx(reference, rel=1e-5)
    # tplquad integrates f(z, y, x) over x in [a, b], y in [c, d], z in [e, g].
    ref3, _ = tplquad(lambda z, y, x: bump(np.array([[x, y, z]]))[0], 0, 1, 0, 1, 0, 1)
    assert grid_integral(bump, [0, 0, 0], [1, 1, 1], 100) == pytest.approx(
        ref3, rel=1e-4
    )


def test_grid_integral_error_falls_like_n_squared():
    # Midpoint rule: error ~ C / n^2 per dimension, so doubling n divides it by 4.
    errors = [
        abs(grid_integral(_sine_product, [0, 0], [1, 1], n) - 1.0) for n in (10, 20, 40)
    ]
    assert errors[0] / errors[1] == pytest.approx(4, rel=0.05)
    assert errors[1] / errors[2] == pytest.approx(4, rel=0.05)


@given(
    arrays(np.float64, 2, elements=st.floats(-5, 5)),
    arrays(np.float64, 2, elements=st.floats(0.1, 3)),
    arrays(np.float64, 3, elements=st.floats(-5, 5)),
)
def test_grid_integral_is_exact_for_affine_functions(lo, width, c):
    # The midpoint rule integrates c0 + c1 x + c2 y exactly: volume * f(center).
    hi = lo + width
    f = lambda p: c[0] + p @ c[1:]  # noqa: E731
    center = (lo + hi) / 2
    exact = np.prod(width) * (c[0] + center @ c[1:])
    assert grid_integral(f, lo, hi, 3) == pytest.approx(exact, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("n", "error", "fragment"),
    [
        (0, ValueError, "n_per_dim must be at least 1"),
        (2.5, TypeError, "n_per_dim must be an integer"),
        (
            10_000,
            ValueError,
            "the grid needs n_per_dim \\*\\* d = 10000 \\*\\* 2 points",
        ),
    ],
)
def test_grid_integral_rejects_bad_input(n, error, fragment):
    with pytest.raises(error, match=fragment):
        grid_integral(bump, [0, 0], [1, 1], n)


def test_grid_integral_rejects_bad_integrands():
    with pytest.raises(TypeError, match="f must be callable"):
        grid_integral("bump", [0], [1])
    with pytest.raises(ValueError, match="f must map an"):
        grid_integral(lambda p: p, [0, 0], [1, 1], 5)


# ---------------------------------------------------------------- monte_carlo_integral


@pytest.mark.parametrize("d", [1, 5, 20])
def test_monte_carlo_matches_closed_form_within_its_standard_error(d):
    # Closed form: the integral of sum x_i^2 over [0, 1]^d is d / 3.
    est, se = monte_carlo_integral(
        lambda p: np.sum(p**2, axis=1),
        [0] * d,
        [1] * d,
        40_000,
        np.random.default_rng(d),
    )
    assert abs(est - d / 3) < 5 * se
    # The standard error itself is right: Var(sum U^2) = d * (1/5 - 1/9) = 4 d / 45.
    assert se == pytest.approx(np.sqrt(4 * d / 45 / 40_000), rel=0.05)


def test_monte_carlo_matches_scipy_qmc_quad_and_a_gaussian_probability():
    lo, hi = [-1.0, -1.0, 0.0], [1.0, 0.5, 2.0]
    est, se = monte_carlo_integral(bump, lo, hi, 200_000, np.random.default_rng(0))
    bump_columns = lambda x: np.exp(-np.sum(x**2, axis=0)) * (1 + x[0])  # noqa: E731
    reference = qmc_quad(bump_columns, lo, hi, n_points=2**14).integral
    assert abs(est - reference) < 5 * se
    # P(|Z_i| < 1 for i = 1..4) for a standard Gaussian: (2 Phi(1) - 1)^4.
    pdf = lambda p: np.exp(-np.sum(p**2, axis=1) / 2) / (2 * np.pi) ** 2  # noqa: E731
    est, se = monte_carlo_integral(
        pdf, [-1] * 4, [1] * 4, 100_000, np.random.default_rng(1)
    )
    assert abs(est - (2 * norm.cdf(1) - 1) ** 4) < 5 * se


def test_monte_carlo_error_shrinks_like_one_over_sqrt_n():
    f = lambda p: np.sum(p**2, axis=1)  # noqa: E731
    _, se1 = monte_carlo_integral(f, [0] * 3, [1] * 3, 10_000, np.random.default_rng(0))
    _, se4 = monte_carlo_integral(f, [0] * 3, [1] * 3, 40_000, np.random.default_rng(0))
    assert se1 / se4 == pytest.approx(2.0, rel=0.05)


@given(
    arrays(np.float64, 3, elements=st.floats(-3, 3)),
    arrays(np.float64, 3, elements=st.floats(0.1, 2)),
    st.integers(0, 2**32 - 1),
)
def test_monte_carlo_is_reproducible_and_exact_for_constants(lo, width, seed):
    hi = lo + width
    a = monte_carlo_integral(bump, lo, hi, 500, np.random.default_rng(seed))
    b = monte_carlo_integral(bump, lo, hi, 500, np.random.default_rng(seed))
    assert a == b
    assert all(type(v) is float for v in a)  # Python floats, not NumPy scalars
    est, se = monte_carlo_integral(lambda p: np.full(len(p), 2.0), lo, hi, 50)
    assert est == pytest.approx(2.0 * np.prod(width), rel=1e-12) and se == 0.0


@pytest.mark.parametrize(
    ("n", "error", "fragment"),
    [(1, ValueError, "n must be at least 2"), (1e4, TypeError, "n must be an integer")],
)
def test_monte_carlo_rejects_bad_input(n, error, fragment):
    with pytest.raises(error, match=fragment):
        monte_carlo_integral(bump, [0], [1], n)
    with pytest.raises(ValueError, match="upper must be greater than lower"):
        monte_carlo_integral(bump, [0], [0], 100)


# ---------------------------------------------------------------- change_of_variables_density


def standard_normal(z):
    return np.exp(-np.sum(z**2, axis=1) / 2) / (2 * np.pi) ** (z.shape[1] / 2)


def test_affine_flow_gives_the_gaussian_of_scipy():
    # x = A z + b with z ~ N(0, I) has the density N(b, A A^T) (scipy.stats).
    A, b = np.array([[2.0, 0.0], [1.0, 0.5]]), np.array([1.0, -1.0])
    x = np.random.default_rng(0).normal(size=(10, 2)) * 2
    dens = change_of_variables_density(
        standard_normal, lambda x: np.linalg.solve(A, (x - b).T).T, x
    )
    np.testing.assert_allclose(dens, multivariate_normal(b, A @ A.T).pdf(x), rtol=1e-8)


@given(arrays(np.float64, (2, 2), elements=st.floats(-1, 1)))
def test_pushed_forward_density_integrates_to_one(B):
    A = B + 3 * np.eye(2)  # diagonally dominant: invertible, condition number <= 2
    T_inv = lambda x: np.linalg.solve(A, x.T).T  # noqa: E731
    p_x = lambda x: change_of_variables_density(standard_normal, T_inv, x)  # noqa: E731
    r = 7 * np.linalg.norm(A, 2)  # 7 standard deviations: the box holds all the mass
    assert grid_integral(p_x, [-r, -r], [r, r], 60) == pytest.approx(1.0, abs=1e-8)


def test_change_of_variables_in_polar_coordinates():
    # Closed form: the Gaussian integral over the plane is pi; in polar coordinates
    # the Jacobian determinant is r.
    exact = np.pi
    polar_integrand = lambda q: np.exp(-(q[:, 0] ** 2)) * q[:, 0]  # noqa: E731
    assert grid_integral(polar_integrand, [0, 0], [6, 2 * np.pi], 400) == pytest.approx(
        exact, rel=1e-4
    )


def test_change_of_variables_density_rejects_bad_input():
    ident = lambda x: x  # noqa: E731
    pts = np.zeros((3, 2))
    with pytest.raises(TypeError, match="p_z must be callable"):
        change_of_variables_density(None, ident, pts)
    with pytest.raises(TypeError, match="T_inv must be callable"):
        change_of_variables_density(standard_normal, "T", pts)
    with pytest.raises(ValueError, match="h must be a positive finite number"):
        change_of_variables_density(standard_normal, ident, pts, h=0)
    with pytest.raises(ValueError, match=r"T_inv must map \(k, d\) points to \(k, d\)"):
        change_of_variables_density(standard_normal, lambda x: x[:, :1], pts)
    with pytest.raises(ValueError, match="Jacobian is singular"):
        change_of_variables_density(standard_normal, lambda x: x * [1, 0], pts)
    with pytest.raises(ValueError, match="p_z must return non-negative densities"):
        change_of_variables_density(lambda z: -standard_normal(z), ident, pts)
    with pytest.raises(ValueError, match="x must have 2 dimension"):
        change_of_variables_density(standard_normal, ident, [1.0, 2.0])


# ---------------------------------------------------------------- the figure


def test_sine_product_integrates_to_one():
    value, _ = nquad(
        lambda x, y: _sine_product(np.array([[x, y]]))[0], [[0, 1], [0, 1]]
    )
    assert value == pytest.approx(1.0, rel=1e-10)


def test_error_curves_show_the_curse_of_dimensionality():
    n = np.array([256.0, 65536.0])
    _, grid2, mc2 = _error_curves(2, n)
    _, grid8, mc8 = _error_curves(8, n)
    assert grid2[-1] < mc2[-1]  # low dimension: the grid wins
    assert mc8[-1] < grid8[-1] / 10  # d = 8: Monte Carlo wins by far


def test_plot_mc_vs_grid_draws_the_theoretical_rate():
    fig = plot_mc_vs_grid()
    assert fig.get_label()
    for ax, d in zip(fig.axes, (2, 8), strict=True):
        theory = ax.get_lines()[2]
        N, err = (np.asarray(v) for v in theory.get_data())
        sigma = np.sqrt((np.pi**2 / 8) ** d - 1)  # std of the integrand (closed form)
        np.testing.assert_allclose(err, sigma / np.sqrt(N))
        grid = ax.get_lines()[0]
        assert np.all(np.diff(grid.get_ydata()) < 0)  # the grid error falls steadily
