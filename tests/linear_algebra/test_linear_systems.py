"""Tests for snippets/linear_algebra/linear_systems.py (page: docs/linear-algebra/linear-systems.md)."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from sklearn.linear_model import LinearRegression

from snippets.linear_algebra.linear_systems import (
    back_substitution,
    determinant,
    forward_elimination,
    gaussian_elimination,
    inverse,
    least_squares,
    plot_determinant,
    plot_least_squares,
    pseudoinverse,
    regression_data,
)

small = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
seeds = st.integers(0, 2**32 - 1)


def well_conditioned(rng, n):
    """A random n x n matrix, shifted away from singular (condition number modest)."""
    return rng.normal(size=(n, n)) + n * np.eye(n)


# ---------------------------------------------------------------- forward_elimination


def test_forward_elimination_matches_scipy_lu():
    rng = np.random.default_rng(0)
    A, b = rng.normal(size=(5, 5)), rng.normal(size=5)
    U, c, swaps = forward_elimination(A, b)
    # scipy.linalg.lu with partial pivoting: A = P L U, with the same U.
    P, _, U_ref = scipy.linalg.lu(A)
    np.testing.assert_allclose(U, U_ref, atol=1e-12)
    # the number of swaps has the parity of the permutation: det(P) = (-1)^swaps
    assert round(np.linalg.det(P)) == (-1) ** swaps
    np.testing.assert_allclose(np.linalg.solve(U, c), np.linalg.solve(A, b), rtol=1e-10)


@given(seeds, st.integers(1, 6), st.booleans())
def test_forward_elimination_keeps_the_solution(seed, n, pivoting):
    rng = np.random.default_rng(seed)
    A, b = well_conditioned(rng, n), rng.normal(size=(n, 2))
    U, c, _ = forward_elimination(A, b, pivoting)
    assert np.all(np.tril(U, -1) == 0)
    np.testing.assert_allclose(np.linalg.solve(U, c), np.linalg.solve(A, b), atol=1e-9)


@pytest.mark.parametrize(
    ("A", "b", "error", "fragment"),
    [
        (
            [[1, 2], [3, 4]],
            [1, 2, 3],
            ValueError,
            r"b must have shape \(2,\) or \(2, k\)",
        ),
        ([[1, 2], [3, 4]], np.ones((2, 2, 2)), ValueError, "b must have shape"),
        ([[1, 2, 3], [4, 5, 6]], [1, 2], ValueError, "A must be a square matrix"),
        ([[1, np.nan], [3, 4]], [1, 2], ValueError, "A must be non-empty and finite"),
        ([[1, 2], [3, 4]], [np.inf, 2], ValueError, "b must be non-empty and finite"),
        (np.empty((0, 0)), [], ValueError, "A must be non-empty"),
        ([[1, 2], [3, 4]], "ab", TypeError, "b must be array-like"),
    ],
)
def test_forward_elimination_rejects_bad_input(A, b, error, fragment):
    with pytest.raises(error, match=fragment):
        forward_elimination(A, b)


# ---------------------------------------------------------------- back_substitution


def test_back_substitution_matches_scipy_solve_triangular():
    rng = np.random.default_rng(1)
    U = np.triu(rng.normal(size=(6, 6))) + 6 * np.eye(6)
    for c in [rng.normal(size=6), rng.normal(size=(6, 3))]:
        np.testing.assert_allclose(
            back_substitution(U, c), scipy.linalg.solve_triangular(U, c), rtol=1e-12
        )


@given(seeds, st.integers(1, 6))
def test_back_substitution_inverts_the_product(seed, n):
    rng = np.random.default_rng(seed)
    U = np.triu(rng.normal(size=(n, n)))
    U[np.diag_indices(n)] = rng.uniform(1, 2, n) * rng.choice([-1, 1], n)
    x = rng.normal(size=n)
    np.testing.assert_allclose(back_substitution(U, U @ x), x, atol=1e-8)


@pytest.mark.parametrize(
    ("U", "c", "error", "fragment"),
    [
        ([[1, 0], [1, 1]], [1, 2], ValueError, "U must be upper triangular"),
        ([[1, 1], [0, 0]], [1, 2], ValueError, "U has a zero on its diagonal"),
        ([[1, 1], [0, 1]], [1, 2, 3], ValueError, r"c must have shape \(2,\)"),
        ([[1, 1, 1], [0, 1, 1]], [1, 2], ValueError, "U must be a square matrix"),
        ([[1, 1], [0, np.inf]], [1, 2], ValueError, "U must be non-empty and finite"),
        ([[1, 1], [0, 1]], [], ValueError, "c must be non-empty"),
        ("U", [1], TypeError, "U must be array-like"),
    ],
)
def test_back_substitution_rejects_bad_input(U, c, error, fragment):
    with pytest.raises(error, match=fragment):
        back_substitution(U, c)


# ---------------------------------------------------------------- gaussian_elimination


def test_gaussian_elimination_matches_numpy_solve():
    rng = np.random.default_rng(2)
    for n in [1, 2, 5, 20, 60]:
        A, b = rng.normal(size=(n, n)), rng.normal(size=n)
        np.testing.assert_allclose(
            gaussian_elimination(A, b), np.linalg.solve(A, b), rtol=1e-8, atol=1e-10
        )
    B = rng.normal(size=(20, 4))
    A = rng.normal(size=(20, 20))
    np.testing.assert_allclose(
        gaussian_elimination(A, B), np.linalg.solve(A, B), rtol=1e-8, atol=1e-10
    )


def test_gaussian_elimination_needs_pivoting_for_a_zero_pivot():
    A, b = [[0.0, 1.0], [1.0, 0.0]], [2.0, 3.0]
    np.testing.assert_allclose(gaussian_elimination(A, b), [3.0, 2.0])
    with pytest.raises(ValueError, match="A is singular to working precision"):
        gaussian_elimination(A, b, pivoting=False)


@given(seeds, st.integers(1, 7))
def test_gaussian_elimination_has_a_small_backward_error(seed, n):
    rng = np.random.default_rng(seed)
    A, x = rng.normal(size=(n, n)), rng.normal(size=n)
    b = A @ x
    if np.linalg.cond(A) > 1e10:
        return
    x_hat = gaussian_elimination(A, b)
    # With partial pivoting the residual is at rounding level relative to |A| |x|.
    residual = np.linalg.norm(A @ x_hat - b)
    assert residual <= 1e-12 * np.linalg.norm(A) * np.linalg.norm(x_hat) + 1e-300


@pytest.mark.parametrize(
    ("A", "b", "error", "fragment"),
    [
        ([[1, 2], [2, 4]], [1, 2], ValueError, "A is singular to working precision"),
        (np.zeros((3, 3)), [1, 2, 3], ValueError, "A is singular"),
        ([[1, 2], [2, 4 + 1e-16]], [1, 2], ValueError, "A is singular"),
        ([[1, 2, 3]], [1], ValueError, "A must be a square matrix"),
        ([[1, 2], [3, 4]], [1], ValueError, r"b must have shape \(2,\)"),
        ([[np.nan, 2], [3, 4]], [1, 2], ValueError, "A must be non-empty and finite"),
        ([[1, 2], [3, 4]], [1, np.nan], ValueError, "b must be non-empty and finite"),
        ([], [], ValueError, "A must be non-empty"),
        ([[1, 2], [3, 4]], None, ValueError, "b must be non-empty and finite"),
        ([[1, 2], [3, "x"]], [1, 2], TypeError, "A must be array-like"),
    ],
)
def test_gaussian_elimination_rejects_bad_input(A, b, error, fragment):
    with pytest.raises(error, match=fragment):
        gaussian_elimination(A, b)


# ---------------------------------------------------------------- determinant


def test_determinant_matches_numpy_det():
    rng = np.random.default_rng(3)
    for n in [1, 2, 3, 6, 10]:
        A = rng.normal(size=(n, n))
        assert determinant(A) == pytest.approx(np.linalg.det(A), rel=1e-9)
    assert determinant([[1, 2], [2, 4]]) == 0.0
    assert determinant(np.zeros((3, 3))) == 0.0


def test_determinant_is_the_area_of_the_image_of_the_unit_square():
    # The shoelace formula gives the signed area of a polygon from its corners.
    rng = np.random.default_rng(4)
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    for _ in range(10):
        A = rng.normal(size=(2, 2))
        p = square @ A.T
        x, y = p[:, 0], p[:, 1]
        area = 0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)
        assert determinant(A) == pytest.approx(area, rel=1e-12)


@given(seeds, st.integers(1, 5), small)
def test_determinant_is_multiplicative_and_homogeneous(seed, n, c):
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(2, n, n))
    assert determinant(A @ B) == pytest.approx(
        determinant(A) * determinant(B), rel=1e-8, abs=1e-10
    )
    assert determinant(c * A) == pytest.approx(
        c**n * determinant(A), rel=1e-8, abs=1e-10
    )
    assert determinant(A.T) == pytest.approx(determinant(A), rel=1e-8, abs=1e-10)


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 2, 3], [4, 5, 6]], ValueError, "A must be a square matrix"),
        ([1, 2], ValueError, "A must be a square matrix"),
        ([[np.inf]], ValueError, "A must be non-empty and finite"),
        (np.empty((0, 0)), ValueError, "A must be non-empty"),
        ({"a": 1}, TypeError, "A must be array-like"),
    ],
)
def test_determinant_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        determinant(A)


# ---------------------------------------------------------------- inverse


def test_inverse_matches_numpy_inv():
    rng = np.random.default_rng(5)
    for n in [1, 3, 8, 25]:
        A = rng.normal(size=(n, n))
        np.testing.assert_allclose(inverse(A), np.linalg.inv(A), rtol=1e-8, atol=1e-10)


@given(seeds, st.integers(1, 6))
def test_inverse_is_a_two_sided_inverse(seed, n):
    rng = np.random.default_rng(seed)
    A = well_conditioned(rng, n)
    A_inv = inverse(A)
    np.testing.assert_allclose(A @ A_inv, np.eye(n), atol=1e-10)
    np.testing.assert_allclose(A_inv @ A, np.eye(n), atol=1e-10)
    np.testing.assert_allclose(inverse(A_inv), A, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1, 2], [2, 4]], ValueError, "A is singular to working precision"),
        (np.ones((3, 3)), ValueError, "A is singular"),
        ([[1, 2, 3], [4, 5, 6]], ValueError, "A must be a square matrix"),
        ([[np.nan, 0], [0, 1]], ValueError, "A must be non-empty and finite"),
        ([], ValueError, "A must be non-empty"),
        ("A", TypeError, "A must be array-like"),
    ],
)
def test_inverse_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        inverse(A)


# ---------------------------------------------------------------- pseudoinverse


def test_pseudoinverse_matches_numpy_and_scipy_pinv():
    rng = np.random.default_rng(6)
    cases = [
        rng.normal(size=(6, 3)),
        rng.normal(size=(3, 6)),
        rng.normal(size=(5, 2)) @ rng.normal(size=(2, 5)),  # rank 2
        np.zeros((2, 3)),
    ]
    for A in cases:
        np.testing.assert_allclose(pseudoinverse(A), np.linalg.pinv(A), atol=1e-10)
        np.testing.assert_allclose(pseudoinverse(A), scipy.linalg.pinv(A), atol=1e-10)


@given(seeds, st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_pseudoinverse_satisfies_the_penrose_conditions(seed, m, n, r):
    rng = np.random.default_rng(seed)
    r = min(r, m, n)
    A = rng.normal(size=(m, r)) @ rng.normal(size=(r, n))
    P = pseudoinverse(A)
    assert P.shape == (n, m)
    # The four Moore-Penrose conditions define A^+ uniquely.
    np.testing.assert_allclose(A @ P @ A, A, atol=1e-8)
    np.testing.assert_allclose(P @ A @ P, P, atol=1e-8 * (1 + np.abs(P).max()))
    np.testing.assert_allclose((A @ P).T, A @ P, atol=1e-8)
    np.testing.assert_allclose((P @ A).T, P @ A, atol=1e-8)


@pytest.mark.parametrize(
    ("A", "rcond", "error", "fragment"),
    [
        ([1, 2], None, ValueError, "A must have 2 dimension"),
        ([[1, np.nan]], None, ValueError, "A must be non-empty and finite"),
        (np.empty((0, 2)), None, ValueError, "A must be non-empty"),
        ([[1, 2]], -1.0, ValueError, "rcond must be a finite number >= 0"),
        ([[1, 2]], np.inf, ValueError, "rcond must be a finite number >= 0"),
        ("A", None, TypeError, "A must be array-like"),
    ],
)
def test_pseudoinverse_rejects_bad_input(A, rcond, error, fragment):
    with pytest.raises(error, match=fragment):
        pseudoinverse(A, rcond)


# ---------------------------------------------------------------- least_squares


def test_least_squares_matches_numpy_lstsq_and_sklearn():
    rng = np.random.default_rng(7)
    X, Y = rng.normal(size=(40, 5)), rng.normal(size=(40, 3))
    np.testing.assert_allclose(
        least_squares(X, Y), np.linalg.lstsq(X, Y, rcond=None)[0], atol=1e-10
    )
    x, y = regression_data()
    model = LinearRegression().fit(x[:, None], y)
    w = least_squares(np.column_stack([np.ones_like(x), x]), y)
    np.testing.assert_allclose(w, [model.intercept_, model.coef_[0]], rtol=1e-10)


def test_least_squares_gives_the_minimum_norm_solution():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(4, 7))  # underdetermined: many exact fits
    y = rng.normal(size=4)
    w = least_squares(X, y)
    np.testing.assert_allclose(X @ w, y, atol=1e-10)
    np.testing.assert_allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-10)
    # Adding a null-space direction keeps the fit but makes w longer.
    z = scipy.linalg.null_space(X)[:, 0]
    assert np.linalg.norm(w + 0.1 * z) > np.linalg.norm(w)


@given(seeds, st.integers(3, 12), st.integers(1, 3))
def test_least_squares_residual_is_orthogonal_to_the_columns(seed, m, n):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(m, n)), rng.normal(size=m)
    w = least_squares(X, y)
    np.testing.assert_allclose(X.T @ (y - X @ w), 0.0, atol=1e-9)
    # No other w does better (the objective is convex; a random perturbation is worse).
    other = w + rng.normal(size=n) * 1e-3
    assert np.linalg.norm(X @ w - y) <= np.linalg.norm(X @ other - y) + 1e-12


@pytest.mark.parametrize(
    ("X", "y", "rcond", "error", "fragment"),
    [
        (
            [[1, 2], [3, 4]],
            [1, 2, 3],
            None,
            ValueError,
            r"y must have shape \(2,\) or \(2, k\)",
        ),
        ([[1, 2], [3, 4]], np.ones((2, 2, 2)), None, ValueError, "y must have shape"),
        ([1, 2], [1, 2], None, ValueError, "X must have 2 dimension"),
        ([[1, np.inf]], [1], None, ValueError, "X must be non-empty and finite"),
        ([[1, 2]], [np.nan], None, ValueError, "y must be non-empty and finite"),
        ([[1, 2]], [], None, ValueError, "y must be non-empty"),
        ([[1, 2]], [1], -0.5, ValueError, "rcond must be a finite number >= 0"),
        ([[1, 2]], "y", None, TypeError, "y must be array-like"),
    ],
)
def test_least_squares_rejects_bad_input(X, y, rcond, error, fragment):
    with pytest.raises(error, match=fragment):
        least_squares(X, y, rcond)


# ---------------------------------------------------------------- plots


def test_plot_least_squares_draws_the_fitted_line():
    fig = plot_least_squares()
    assert fig.get_label()
    x, y = regression_data()
    intercept, slope = np.polyfit(x, y, 1)[::-1]  # an independent fit
    lines = fig.axes[0].get_lines()
    data, line = lines[0], lines[1]
    np.testing.assert_allclose(data.get_ydata(), y)
    gx, gy = line.get_data()
    np.testing.assert_allclose(gy, intercept + slope * np.asarray(gx), rtol=1e-10)


def test_plot_determinant_area_matches_the_shoelace_formula():
    fig = plot_determinant()
    assert fig.get_label()
    square, image = (p.get_xy()[:4] for p in fig.axes[0].patches)
    for polygon, expected in [(square, 1.0), (image, 2.5)]:
        x, y = polygon[:, 0], polygon[:, 1]
        area = 0.5 * abs(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
        assert area == pytest.approx(expected)
