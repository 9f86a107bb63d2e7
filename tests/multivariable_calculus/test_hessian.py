"""Tests for snippets/multivariable_calculus/hessian.py
(page: docs/multivariable-calculus/hessian.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.differentiate import hessian as scipy_hessian

from snippets.multivariable_calculus.gradients import numerical_gradient
from snippets.multivariable_calculus.hessian import (
    classify_critical_points,
    curvature_along,
    find_critical_points,
    four_wells,
    four_wells_gradient,
    numerical_hessian,
    plot_critical_points,
    quadratic_approximation,
    second_order_test,
)

small = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


def smooth(x):
    """Written over axis 0 so scipy.differentiate can vectorize it."""
    return x[0] ** 2 * x[1] + np.sin(x[0]) * np.exp(x[1])


def smooth_hessian(x):
    # Closed form by hand: f_00 = 2 x1 - sin x0 e^x1, f_01 = 2 x0 + cos x0 e^x1,
    # f_11 = sin x0 e^x1.
    e = np.exp(x[1])
    return np.array(
        [
            [2 * x[1] - np.sin(x[0]) * e, 2 * x[0] + np.cos(x[0]) * e],
            [2 * x[0] + np.cos(x[0]) * e, np.sin(x[0]) * e],
        ]
    )


# ---------------------------------------------------------------- numerical_hessian


def test_numerical_hessian_matches_closed_form_and_scipy():
    x = np.array([0.4, -0.7])
    H = numerical_hessian(smooth, x)
    np.testing.assert_allclose(H, smooth_hessian(x), atol=1e-6)
    np.testing.assert_allclose(H, scipy_hessian(smooth, x).ddf, atol=1e-6)


@given(
    arrays(np.float64, (3, 3), elements=small), arrays(np.float64, 3, elements=small)
)
def test_numerical_hessian_of_a_cubic_is_exact_and_symmetric(A, x):
    # f = x^T A x + sum x^3: Hessian A + A^T + diag(6 x) (closed form).
    f = lambda v: v @ A @ v + np.sum(v**3)  # noqa: E731
    H = numerical_hessian(f, x)
    np.testing.assert_array_equal(H, H.T)
    np.testing.assert_allclose(H, A + A.T + np.diag(6 * x), atol=2e-5)


def test_numerical_hessian_rejects_bad_input():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_hessian(None, [1.0, 2.0])
    with pytest.raises(ValueError, match="h must be a positive finite number"):
        numerical_hessian(smooth, [1.0, 2.0], h=-1e-4)
    with pytest.raises(ValueError, match="f must return a scalar"):
        numerical_hessian(lambda v: v, [1.0, 2.0])
    with pytest.raises(ValueError, match="non-finite"):
        numerical_hessian(lambda v: np.nan, [1.0, 2.0])
    with pytest.raises(ValueError, match="x must have 1 dimension"):
        numerical_hessian(smooth, 1.0)


# ---------------------------------------------------------------- second_order_test


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (lambda v: v[0] ** 2 + v[1] ** 2, "minimum"),
        (lambda v: -(v[0] ** 2) - v[1] ** 2, "maximum"),
        (lambda v: v[0] ** 2 - v[1] ** 2, "saddle"),
        (lambda v: v[0] * v[1], "saddle"),
        (lambda v: v[0] ** 4 + v[1] ** 4, "inconclusive"),  # a minimum the test misses
        (lambda v: v[0] ** 2 + v[1] ** 3, "inconclusive"),  # neither min nor max
    ],
)
def test_second_order_test_classifies_textbook_critical_points(f, expected):
    assert second_order_test(numerical_hessian(f, [0.0, 0.0])) == expected


@given(arrays(np.float64, (2, 2), elements=st.floats(-10, 10)))
def test_second_order_test_agrees_with_determinant_and_trace(B):
    # Independent 2x2 criterion (Sylvester): det < 0 saddle; det > 0 and
    # trace > 0 minimum; det > 0 and trace < 0 maximum.
    H = B + B.T
    det, tr = np.linalg.det(H), np.trace(H)
    if np.abs(np.linalg.eigvalsh(H)).min() <= 1e-5:
        return  # an eigenvalue near the tolerance: "inconclusive" is right too
    expected = "saddle" if det < 0 else ("minimum" if tr > 0 else "maximum")
    assert second_order_test(H) == expected


@given(arrays(np.float64, (4, 4), elements=st.floats(-5, 5)))
def test_minimum_iff_cholesky_succeeds(B):
    H = B @ B.T + 1e-3 * np.eye(4)  # positive definite: Cholesky exists
    np.linalg.cholesky(H)
    assert second_order_test(H) == "minimum"
    assert second_order_test(-H) == "maximum"


@pytest.mark.parametrize(
    ("H", "tol", "error", "fragment"),
    [
        ([[1.0, 2.0], [0.0, 1.0]], 1e-6, ValueError, "H must be symmetric"),
        ([[1.0, 2.0]], 1e-6, ValueError, "H must be a square matrix"),
        ([[np.nan]], 1e-6, ValueError, "H must be non-empty and finite"),
        (np.eye(2), -1.0, ValueError, "tol must be a non-negative number"),
        (np.eye(2), "0", ValueError, "tol must be a non-negative number"),
        (np.eye(2), np.nan, ValueError, "tol must be a non-negative number"),
        (np.eye(2), np.inf, ValueError, "tol must be a non-negative number"),
    ],
)
def test_second_order_test_rejects_bad_input(H, tol, error, fragment):
    with pytest.raises(error, match=fragment):
        second_order_test(H, tol)


# ---------------------------------------------------------------- quadratic_approximation


@given(
    arrays(np.float64, (3, 3), elements=small),
    arrays(np.float64, 3, elements=small),
    arrays(np.float64, (4, 3), elements=small),
)
def test_quadratic_approximation_is_exact_for_quadratics(A, x0, X):
    S = A + A.T
    f = lambda v: 0.5 * v @ S @ v + v.sum()  # noqa: E731
    g = S @ x0 + 1.0  # closed form gradient
    approx = quadratic_approximation(X, x0, f(x0), g, S)
    np.testing.assert_allclose(approx, [f(x) for x in X], atol=1e-9)
    assert quadratic_approximation(X[0], x0, f(x0), g, S) == pytest.approx(
        approx[0], abs=1e-12
    )


def test_quadratic_approximation_error_is_cubic():
    # Taylor's theorem: the error of the second-order model is O(|d|^3), so halving
    # the distance divides the error by about 8.
    x0 = np.array([0.3, -0.2])
    f0, g, H = smooth(x0), numerical_gradient(smooth, x0), numerical_hessian(smooth, x0)
    direction = np.array([0.6, 0.8])
    errors = [
        abs(
            quadratic_approximation(x0 + t * direction, x0, f0, g, H)
            - smooth(x0 + t * direction)
        )
        for t in (0.1, 0.05, 0.025)
    ]
    assert errors[0] / errors[1] == pytest.approx(8, rel=0.15)
    assert errors[1] / errors[2] == pytest.approx(8, rel=0.15)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (([1.0, 2.0], [0.0, 0.0], 1.0, [1.0], np.eye(2)), ValueError, "grad must be"),
        (
            ([1.0, 2.0], [0.0, 0.0], 1.0, [1.0, 0.0], np.eye(3)),
            ValueError,
            "H \\(2, 2\\)",
        ),
        (
            ([1.0, 2.0, 3.0], [0.0, 0.0], 1.0, [1.0, 0.0], np.eye(2)),
            ValueError,
            "x \\(2,\\)",
        ),
        (
            ([1.0, 2.0], [0.0, 0.0], 1.0, [1.0, 0.0], [[1.0, 1.0], [0.0, 1.0]]),
            ValueError,
            "H must be symmetric",
        ),
        (
            ([1.0, 2.0], [0.0, 0.0], np.nan, [1.0, 0.0], np.eye(2)),
            ValueError,
            "f0 must be non-empty and finite",
        ),
        (
            ([1.0, 2.0], [0.0, 0.0], [1.0, 2.0], [1.0, 0.0], np.eye(2)),
            ValueError,
            "f0 must have 0 dimension",
        ),
        (
            (np.ones((2, 2, 2)), [0.0, 0.0], 1.0, [1.0, 0.0], np.eye(2)),
            ValueError,
            "x \\(2,\\) or \\(k, 2\\)",
        ),
    ],
)
def test_quadratic_approximation_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        quadratic_approximation(*args)


# ---------------------------------------------------------------- curvature_along


@given(
    arrays(np.float64, (3, 3), elements=small), arrays(np.float64, 3, elements=small)
)
def test_curvature_lies_between_the_extreme_eigenvalues(A, u):
    if np.linalg.norm(u) < 1e-3:
        return
    H = A + A.T
    lam, V = np.linalg.eigh(H)
    c = curvature_along(H, u)
    assert lam[0] - 1e-9 <= c <= lam[-1] + 1e-9
    assert curvature_along(H, V[:, -1]) == pytest.approx(lam[-1], abs=1e-9)


def test_curvature_is_the_second_directional_derivative():
    # d^2/dt^2 f(x + t u) at t = 0, for a unit u, by a 1-D central difference.
    x, u = np.array([0.4, -0.7]), np.array([0.6, -0.8])
    t = 1e-4
    second = (smooth(x + t * u) - 2 * smooth(x) + smooth(x - t * u)) / t**2
    assert curvature_along(smooth_hessian(x), u) == pytest.approx(second, abs=1e-5)


def test_curvature_along_rejects_bad_input():
    with pytest.raises(ValueError, match="u must be a non-zero direction"):
        curvature_along(np.eye(2), [0.0, 0.0])
    with pytest.raises(ValueError, match="u has 3 entries but H is 2x2"):
        curvature_along(np.eye(2), [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="H must be symmetric"):
        curvature_along([[1.0, 1.0], [0.0, 1.0]], [1.0, 0.0])


# ---------------------------------------------------------------- the four-well surface


def test_four_wells_gradient_and_critical_points():
    x = np.array([0.3, -1.4])
    np.testing.assert_allclose(
        four_wells_gradient(x), numerical_gradient(four_wells, x), atol=1e-8
    )
    points = find_critical_points(four_wells_gradient)
    # Closed form: each coordinate solves 4 t (t^2 - 1) = 0, so t in {-1, 0, 1}.
    expected = np.array([[a, b] for a in (-1, 0, 1) for b in (-1, 0, 1)], dtype=float)
    np.testing.assert_allclose(points, expected, atol=1e-8)
    kinds = [kind for kind, _ in classify_critical_points(four_wells, points)]
    assert kinds.count("minimum") == 4 and kinds.count("saddle") == 4
    assert kinds[4] == "maximum"  # the origin


def test_plot_critical_points_marks_each_kind_where_the_gradient_vanishes():
    fig = plot_critical_points()
    assert fig.get_label()
    ax = fig.axes[0]
    marked = {
        line.get_label(): np.column_stack(line.get_data()) for line in ax.get_lines()
    }
    assert {k: len(v) for k, v in marked.items()} == {
        "minimum": 4,
        "maximum": 1,
        "saddle": 4,
    }
    np.testing.assert_allclose(np.abs(marked["minimum"]), 1.0)
    np.testing.assert_allclose(marked["maximum"], [[0.0, 0.0]], atol=1e-12)
    for pts in marked.values():
        np.testing.assert_allclose(four_wells_gradient(pts), 0.0, atol=1e-9)


@given(arrays(np.float64, (5, 2), elements=st.floats(-2, 2)))
def test_four_wells_is_nonnegative_and_zero_only_at_the_minima(X):
    values = four_wells(X)
    assert np.all(values >= 0)
    assert four_wells([1.0, -1.0]) == 0.0 and four_wells([0.0, 0.0]) == 2.0


def test_critical_point_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="x must have 2 coordinates"):
        four_wells([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="x must have 2 coordinates"):
        four_wells_gradient(np.ones((4, 3)))
    with pytest.raises(ValueError, match="x must be non-empty and finite"):
        four_wells([np.nan, 1.0])
    with pytest.raises(TypeError, match="grad must be callable"):
        find_critical_points(None)
    with pytest.raises(ValueError, match="box must be"):
        find_critical_points(four_wells_gradient, box=(1.0, -1.0))
    with pytest.raises(ValueError, match="n_starts must be a positive integer"):
        find_critical_points(four_wells_gradient, n_starts=0)
    with pytest.raises(TypeError, match="f must be callable"):
        classify_critical_points("f", [[0.0, 0.0]])
    with pytest.raises(ValueError, match="points must have 2 dimension"):
        classify_critical_points(four_wells, [0.0, 0.0])
    assert find_critical_points(lambda v: v - 5.0).shape == (
        0,
        2,
    )  # root outside the box
