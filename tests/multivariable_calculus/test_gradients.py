"""Tests for snippets/multivariable_calculus/gradients.py
(page: docs/multivariable-calculus/gradients.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.quiver import Quiver
from scipy.differentiate import jacobian as scipy_jacobian
from scipy.special import softmax as scipy_softmax

from snippets.multivariable_calculus.gradients import (
    _bowl,
    _bowl_gradient,
    chain_rule,
    check_callable_and_step,
    directional_derivative,
    jacobian,
    numerical_gradient,
    partial_derivative,
    plot_gradient_field,
    softmax_jacobian,
)
from snippets.numerical_methods.floating_point import softmax

small = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


def smooth(x):
    """A smooth test function written over axis 0, so scipy can vectorize it."""
    return x[0] ** 2 * x[1] + np.sin(x[1]) * np.exp(x[2] / 2)


def smooth_gradient(x):
    # Closed form, by hand: d/dx0 = 2 x0 x1, d/dx1 = x0^2 + cos(x1) e^(x2/2),
    # d/dx2 = sin(x1) e^(x2/2) / 2.
    e = np.exp(x[2] / 2)
    return np.array(
        [2 * x[0] * x[1], x[0] ** 2 + np.cos(x[1]) * e, np.sin(x[1]) * e / 2]
    )


def bad_f_cases(func, *args):
    """The bad-input cases every finite-difference function shares."""
    with pytest.raises(TypeError, match="f must be callable"):
        func("not a function", *args)
    for h in (0.0, -1e-3, np.inf, np.nan):
        with pytest.raises(ValueError, match="h must be a positive finite number"):
            func(smooth, *args, h=h)
    with pytest.raises(TypeError, match="h must be a number"):
        func(smooth, *args, h="0.1")


# ---------------------------------------------------------------- check_callable_and_step


@given(st.floats(1e-12, 1e3))
def test_check_callable_and_step_returns_h(h):
    assert check_callable_and_step(np.sin, h) == h
    assert isinstance(check_callable_and_step(np.sin, 1), float)


def test_check_callable_and_step_names_the_argument():
    with pytest.raises(TypeError, match="p_z must be callable, got int"):
        check_callable_and_step(3, 1e-5, name="p_z")
    with pytest.raises(TypeError, match="h must be a number, got bool"):
        check_callable_and_step(np.sin, True)
    with pytest.raises(ValueError, match="h must be a positive finite number"):
        check_callable_and_step(np.sin, 0)


# ---------------------------------------------------------------- partial_derivative


def test_partial_derivative_matches_closed_form():
    x = np.array([0.7, -1.2, 0.4])
    expected = smooth_gradient(x)
    for i in range(3):
        assert partial_derivative(smooth, x, i) == pytest.approx(expected[i], abs=1e-9)


@given(arrays(np.float64, 3, elements=small), st.integers(0, 2))
def test_partial_derivative_is_a_gradient_entry(x, i):
    g = smooth_gradient(x)
    assert partial_derivative(smooth, x, i) == pytest.approx(g[i], rel=1e-6, abs=1e-6)


def test_partial_derivative_rejects_bad_input():
    bad_f_cases(partial_derivative, [1.0, 2.0, 3.0], 0)
    with pytest.raises(ValueError, match=r"i must be in \[0, 3\), got 3"):
        partial_derivative(smooth, [1.0, 2.0, 3.0], 3)
    with pytest.raises(TypeError, match="i must be an integer index"):
        partial_derivative(smooth, [1.0, 2.0, 3.0], 1.0)
    with pytest.raises(ValueError, match="x must have 1 dimension"):
        partial_derivative(smooth, [[1.0, 2.0, 3.0]], 0)
    with pytest.raises(ValueError, match="x must be non-empty and finite"):
        partial_derivative(smooth, [1.0, np.nan, 3.0], 0)
    with pytest.raises(ValueError, match="finite scalar"):
        partial_derivative(lambda v: v, [1.0, 2.0], 0)
    with pytest.raises(ValueError, match="finite scalar"):
        partial_derivative(lambda v: np.nan, [1.0, 2.0], 0)


# ---------------------------------------------------------------- numerical_gradient


def test_numerical_gradient_matches_scipy_differentiate():
    x = np.array([0.3, 1.1, -0.8])
    reference = scipy_jacobian(smooth, x).df  # adaptive, independent implementation
    np.testing.assert_allclose(numerical_gradient(smooth, x), reference, atol=1e-9)
    np.testing.assert_allclose(
        numerical_gradient(smooth, x), smooth_gradient(x), atol=1e-9
    )


@given(
    arrays(np.float64, (3, 3), elements=small),
    arrays(np.float64, 3, elements=small),
    arrays(np.float64, 3, elements=small),
)
def test_numerical_gradient_of_quadratics(A, b, x):
    # Closed form: grad (x^T A x + b^T x) = (A + A^T) x + b. Central differences are
    # exact for quadratics up to rounding.
    f = lambda v: v @ A @ v + b @ v  # noqa: E731
    np.testing.assert_allclose(numerical_gradient(f, x), (A + A.T) @ x + b, atol=1e-7)


def test_numerical_gradient_keeps_the_shape_of_a_matrix():
    W = np.arange(6.0).reshape(2, 3) / 5
    g = numerical_gradient(lambda M: np.sum(M**3), W)
    assert g.shape == (2, 3)
    np.testing.assert_allclose(g, 3 * W**2, atol=1e-8)  # d/dW sum W^3 = 3 W^2


def test_numerical_gradient_rejects_bad_input():
    bad_f_cases(numerical_gradient, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="f must return a scalar"):
        numerical_gradient(lambda v: v * 2, [1.0, 2.0])
    with pytest.raises(ValueError, match="non-finite"):
        numerical_gradient(lambda v: np.nan if v[0] > 0 else 1.0, [0.0, 1.0])
    with pytest.raises(ValueError, match="x must be non-empty and finite"):
        numerical_gradient(smooth, [])
    with pytest.raises(TypeError, match="x must be array-like"):
        numerical_gradient(smooth, "abc")


# ---------------------------------------------------------------- directional_derivative


def test_directional_derivative_is_gradient_dot_unit_vector():
    x, u = np.array([0.5, -0.3, 1.0]), np.array([1.0, 2.0, -2.0])
    expected = smooth_gradient(x) @ u / 3.0  # |u| = 3
    assert directional_derivative(smooth, x, u) == pytest.approx(expected, abs=1e-9)


@given(arrays(np.float64, 3, elements=small), arrays(np.float64, 3, elements=small))
def test_gradient_is_the_direction_of_steepest_ascent(x, u):
    # Cauchy-Schwarz: D_u f <= |grad f|, with equality along the gradient itself.
    g = smooth_gradient(x)
    if np.linalg.norm(u) < 1e-3 or np.linalg.norm(g) < 1e-3:
        return
    tol = 1e-6 * (1 + np.linalg.norm(g))
    assert directional_derivative(smooth, x, u) <= np.linalg.norm(g) + tol
    assert directional_derivative(smooth, x, g) == pytest.approx(
        np.linalg.norm(g), abs=tol
    )
    assert directional_derivative(smooth, x, 7 * u) == pytest.approx(
        directional_derivative(smooth, x, u), abs=tol
    )


def test_directional_derivative_rejects_bad_input():
    bad_f_cases(directional_derivative, [1.0, 2.0, 3.0], [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="u must be a non-zero direction"):
        directional_derivative(smooth, [1.0, 2.0, 3.0], [0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match=r"u must have the shape of x \(3,\)"):
        directional_derivative(smooth, [1.0, 2.0, 3.0], [1.0, 0.0])
    with pytest.raises(ValueError, match="u must be non-empty and finite"):
        directional_derivative(smooth, [1.0, 2.0, 3.0], [1.0, np.inf, 0.0])
    with pytest.raises(ValueError, match="finite scalar"):
        directional_derivative(lambda v: v, [1.0, 2.0], [1.0, 0.0])


# ---------------------------------------------------------------- jacobian


def polar(v):
    return np.array([v[0] * np.cos(v[1]), v[0] * np.sin(v[1])])


def test_jacobian_matches_closed_form_and_scipy():
    r, t = 1.5, 0.7
    # Closed form of the polar map: [[cos t, -r sin t], [sin t, r cos t]], det = r.
    expected = np.array([[np.cos(t), -r * np.sin(t)], [np.sin(t), r * np.cos(t)]])
    J = jacobian(polar, [r, t])
    np.testing.assert_allclose(J, expected, atol=1e-9)
    np.testing.assert_allclose(scipy_jacobian(polar, np.array([r, t])).df, J, atol=1e-9)
    assert np.linalg.det(J) == pytest.approx(r)


@given(
    arrays(np.float64, (2, 4), elements=small), arrays(np.float64, 4, elements=small)
)
def test_jacobian_of_a_linear_map_is_its_matrix(A, x):
    np.testing.assert_allclose(jacobian(lambda v: A @ v, x), A, atol=1e-8)


def test_jacobian_rejects_bad_input():
    bad_f_cases(jacobian, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="1-D vectors of one fixed length"):
        jacobian(lambda v: float(v.sum()), [1.0, 2.0])
    with pytest.raises(ValueError, match="1-D vectors of one fixed length"):
        jacobian(lambda v: v[: 1 + int(v[0] > 1)], [1.0, 2.0], h=0.1)
    with pytest.raises(ValueError, match="non-finite"):
        jacobian(lambda v: np.where(v > 0, np.nan, v), [0.0, 1.0])
    with pytest.raises(ValueError, match="x must have 1 dimension"):
        jacobian(polar, [[1.0, 2.0]])


# ---------------------------------------------------------------- softmax_jacobian


def test_softmax_jacobian_matches_scipy_differentiation():
    z = np.array([1.0, -0.5, 2.0, 0.3])
    reference = scipy_jacobian(lambda v: scipy_softmax(v, axis=0), z).df
    np.testing.assert_allclose(softmax_jacobian(z), reference, atol=1e-10)


@given(arrays(np.float64, 5, elements=st.floats(-30, 30)))
def test_softmax_jacobian_properties(z):
    J = softmax_jacobian(z)
    np.testing.assert_allclose(J, J.T, atol=1e-15)  # symmetric
    np.testing.assert_allclose(J.sum(axis=1), 0.0, atol=1e-12)  # softmax sums to 1
    assert np.linalg.eigvalsh(J).min() > -1e-12  # PSD: log-sum-exp is convex
    np.testing.assert_allclose(J, jacobian(softmax, z), atol=1e-8)


def test_softmax_jacobian_rejects_bad_input():
    with pytest.raises(ValueError, match="z must have 1 dimension"):
        softmax_jacobian([[1.0, 2.0]])
    with pytest.raises(ValueError, match="z must be non-empty and finite"):
        softmax_jacobian([1.0, np.nan])
    with pytest.raises(TypeError, match="z must be array-like"):
        softmax_jacobian("ab")


# ---------------------------------------------------------------- chain_rule


def test_chain_rule_matches_jacobian_of_the_composition():
    rng = np.random.default_rng(0)
    W = rng.normal(size=(3, 4))
    x = rng.normal(size=4)
    composed = jacobian(lambda v: np.tanh(softmax(W @ v)), x)
    s = softmax(W @ x)
    J = chain_rule([W, softmax_jacobian(W @ x), np.diag(1 - np.tanh(s) ** 2)])
    np.testing.assert_allclose(J, composed, atol=1e-9)


@given(
    arrays(np.float64, (2, 3), elements=small),
    arrays(np.float64, (4, 2), elements=small),
    arrays(np.float64, (1, 4), elements=small),
)
def test_chain_rule_is_the_ordered_product(A, B, C):
    np.testing.assert_allclose(chain_rule([A, B, C]), C @ B @ A, atol=1e-9)
    np.testing.assert_allclose(
        chain_rule([A, B, C]), chain_rule([chain_rule([A, B]), C])
    )
    np.testing.assert_array_equal(chain_rule([A]), A)


@pytest.mark.parametrize(
    ("jacobians", "error", "fragment"),
    [
        (
            [np.ones((2, 3)), np.ones((2, 3))],
            ValueError,
            "jacobians\\[1\\] has 3 columns",
        ),
        ([], ValueError, "at least one matrix"),
        ("ab", TypeError, "jacobians must be a list"),
        (np.ones((2, 2)), TypeError, "jacobians must be a list"),
        ([np.ones(3)], ValueError, "jacobians\\[0\\] must have 2 dimension"),
        (
            [np.ones((2, 2)), [[np.nan, 1.0]]],
            ValueError,
            "jacobians\\[1\\] must be non-empty",
        ),
    ],
)
def test_chain_rule_rejects_bad_input(jacobians, error, fragment):
    with pytest.raises(error, match=fragment):
        chain_rule(jacobians)


# ---------------------------------------------------------------- plot_gradient_field


def test_bowl_gradient_matches_finite_differences():
    x = np.array([0.4, -1.3])
    np.testing.assert_allclose(
        _bowl_gradient(x), numerical_gradient(_bowl, x), atol=1e-9
    )


def test_plot_gradient_field_draws_the_gradient():
    fig = plot_gradient_field()
    assert fig.get_label()
    ax = fig.axes[0]
    (q,) = [c for c in ax.collections if isinstance(c, Quiver)]
    points = q.XY
    U, V = np.ravel(q.U), np.ravel(q.V)
    for (x, y), u, v in zip(points, U, V, strict=True):
        g = numerical_gradient(_bowl, [x, y])
        np.testing.assert_allclose([u, v], g, atol=1e-8)
