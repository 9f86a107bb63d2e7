"""Tests for snippets/multivariable_calculus/matrix_calculus.py
(page: docs/multivariable-calculus/matrix-calculus.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import logsumexp as scipy_logsumexp
from scipy.special import softmax as scipy_softmax

from snippets.multivariable_calculus.gradients import (
    numerical_gradient,
    softmax_jacobian,
)
from snippets.multivariable_calculus.hessian import numerical_hessian
from snippets.multivariable_calculus.matrix_calculus import (
    dense_layer_gradients,
    least_squares_gradient,
    least_squares_loss,
    quadratic_form_gradient,
)

small = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


# ---------------------------------------------------------------- quadratic_form_gradient


@given(
    arrays(np.float64, (4, 4), elements=small), arrays(np.float64, 4, elements=small)
)
def test_quadratic_form_gradient_matches_finite_differences(A, x):
    numeric = numerical_gradient(lambda v: v @ A @ v, x)
    np.testing.assert_allclose(quadratic_form_gradient(A, x), numeric, atol=1e-7)


@given(
    arrays(np.float64, (3, 3), elements=small), arrays(np.float64, 3, elements=small)
)
def test_quadratic_form_gradient_symmetric_case_and_hessian(B, x):
    # Closed form for symmetric S: grad x^T S x = 2 S x; the Hessian is S + S^T = 2 S.
    S = B + B.T
    np.testing.assert_allclose(quadratic_form_gradient(S, x), 2 * S @ x, atol=1e-12)
    H = numerical_hessian(lambda v: v @ B @ v, x)
    np.testing.assert_allclose(H, B + B.T, atol=1e-5)


@pytest.mark.parametrize(
    ("A", "x", "error", "fragment"),
    [
        (np.ones((2, 3)), [1.0, 2.0], ValueError, "A must be a square matrix"),
        (np.eye(2), [1.0, 2.0, 3.0], ValueError, "A is 2x2 but x has 3 entries"),
        (np.eye(2), [[1.0, 2.0]], ValueError, "x must have 1 dimension"),
        (
            [[1.0, np.nan], [0.0, 1.0]],
            [1.0, 2.0],
            ValueError,
            "A must be non-empty and finite",
        ),
        ("A", [1.0], TypeError, "A must be array-like"),
    ],
)
def test_quadratic_form_gradient_rejects_bad_input(A, x, error, fragment):
    with pytest.raises(error, match=fragment):
        quadratic_form_gradient(A, x)


# ---------------------------------------------------------------- least squares


def test_least_squares_loss_matches_numpy_norm():
    rng = np.random.default_rng(0)
    X, w, y = rng.normal(size=(20, 3)), rng.normal(size=3), rng.normal(size=20)
    assert least_squares_loss(X, w, y) == pytest.approx(np.linalg.norm(X @ w - y) ** 2)


@given(
    arrays(np.float64, (6, 3), elements=small),
    arrays(np.float64, 3, elements=small),
    arrays(np.float64, 6, elements=small),
)
def test_least_squares_gradient_matches_finite_differences(X, w, y):
    numeric = numerical_gradient(lambda v: least_squares_loss(X, v, y), w)
    np.testing.assert_allclose(least_squares_gradient(X, w, y), numeric, atol=1e-6)


@given(arrays(np.float64, 3, elements=small))
def test_gradient_vanishes_at_the_lstsq_solution(w):
    # Normal equations: X^T X w* = X^T y, i.e. the gradient is zero at numpy's lstsq.
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(10, 3)), rng.normal(size=10)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(least_squares_gradient(X, w_star, y), 0.0, atol=1e-12)
    assert least_squares_loss(X, w_star, y) <= least_squares_loss(X, w, y) + 1e-12


@pytest.mark.parametrize("func", [least_squares_loss, least_squares_gradient])
@pytest.mark.parametrize(
    ("X", "w", "y", "error", "fragment"),
    [
        (
            np.ones((3, 2)),
            [1.0, 2.0, 3.0],
            [1.0, 2.0, 3.0],
            ValueError,
            r"X must have shape",
        ),
        (
            np.ones((3, 2)),
            [1.0, 2.0],
            [1.0, 2.0],
            ValueError,
            r"\(2, 2\), got \(3, 2\)",
        ),
        (np.ones(3), [1.0], [1.0, 2.0, 3.0], ValueError, "X must have 2 dimension"),
        (
            np.ones((1, 1)),
            [np.inf],
            [1.0],
            ValueError,
            "w must be non-empty and finite",
        ),
        (np.ones((1, 1)), [1.0], "y", TypeError, "y must be array-like"),
    ],
)
def test_least_squares_reject_bad_input(func, X, w, y, error, fragment):
    with pytest.raises(error, match=fragment):
        func(X, w, y)


# ---------------------------------------------------------------- log-sum-exp identities


@given(arrays(np.float64, 5, elements=st.floats(-20, 20)))
def test_gradient_of_logsumexp_is_softmax(z):
    # Identity checked with independent SciPy functions and finite differences.
    numeric = numerical_gradient(scipy_logsumexp, z)
    np.testing.assert_allclose(numeric, scipy_softmax(z), atol=1e-8)


@given(arrays(np.float64, 3, elements=st.floats(-5, 5)))
def test_hessian_of_logsumexp_is_the_softmax_jacobian(z):
    naive = lambda v: np.log(np.sum(np.exp(v)))  # noqa: E731  (safe for |z| <= 5)
    H = numerical_hessian(naive, z)
    np.testing.assert_allclose(H, softmax_jacobian(z), atol=1e-6)


# ---------------------------------------------------------------- dense_layer_gradients


@given(
    arrays(np.float64, (3, 4), elements=small),
    arrays(np.float64, (4, 2), elements=small),
    arrays(np.float64, (3, 2), elements=small),
)
def test_dense_layer_gradients_match_finite_differences(X, W, G):
    # A loss whose gradient with respect to Z = X W + b is exactly G: L = sum(G * Z).
    b = np.array([0.5, -1.0])

    def loss(X_, W_, b_):
        return np.sum(G * (X_ @ W_ + b_))

    dX, dW, db = dense_layer_gradients(X, W, G)
    np.testing.assert_allclose(
        dX, numerical_gradient(lambda v: loss(v, W, b), X), atol=1e-7
    )
    np.testing.assert_allclose(
        dW, numerical_gradient(lambda v: loss(X, v, b), W), atol=1e-7
    )
    np.testing.assert_allclose(
        db, numerical_gradient(lambda v: loss(X, W, v), b), atol=1e-7
    )
    assert dX.shape == X.shape and dW.shape == W.shape and db.shape == b.shape


@pytest.mark.parametrize(
    ("X", "W", "G", "fragment"),
    [
        (
            np.ones((3, 4)),
            np.ones((5, 2)),
            np.ones((3, 2)),
            "X has 4 columns but W has 5 rows",
        ),
        (
            np.ones((3, 4)),
            np.ones((4, 2)),
            np.ones((2, 3)),
            r"grad_Z must have the shape of Z",
        ),
        (np.ones(4), np.ones((4, 2)), np.ones((1, 2)), "X must have 2 dimension"),
        (
            np.ones((3, 4)),
            np.ones((4, 2)),
            np.full((3, 2), np.nan),
            "grad_Z must be non-empty",
        ),
    ],
)
def test_dense_layer_gradients_reject_bad_input(X, W, G, fragment):
    with pytest.raises(ValueError, match=fragment):
        dense_layer_gradients(X, W, G)
