"""Tests for snippets/optimization/convexity.py (page: docs/optimization/convexity.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import logsumexp

from snippets.optimization.convexity import (
    curvature_bounds,
    find_nonconvexity,
    jensen_gap,
    min_hessian_eigenvalue,
    plot_jensen,
)
from snippets.optimization.optimality import rosenbrock, rosenbrock_hessian

coords = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


def disk(P):
    return np.linalg.norm(P, axis=1) <= 1.0


def annulus(P):
    r = np.linalg.norm(P, axis=1)
    return (r >= 0.5) & (r <= 1.0)


# ---------------------------------------------------------------- find_nonconvexity


def test_find_nonconvexity_on_a_disk_and_an_annulus():
    rng = np.random.default_rng(0)
    pts = rng.uniform(-1, 1, size=(300, 2))
    assert find_nonconvexity(disk, pts, 2000, np.random.default_rng(1)) is None
    found = find_nonconvexity(annulus, pts, 2000, np.random.default_rng(1))
    assert found is not None
    x, y, t = found
    # Independent check of the counterexample: both ends in the ring, the mix not.
    assert 0.5 <= np.linalg.norm(x) <= 1 and 0.5 <= np.linalg.norm(y) <= 1
    assert 0 <= t <= 1
    assert not 0.5 <= np.linalg.norm(t * x + (1 - t) * y) <= 1


@given(st.integers(0, 10_000))
def test_find_nonconvexity_never_flags_a_polyhedron(seed):
    # {x : A x <= b} is an intersection of half-spaces, hence convex.
    rng = np.random.default_rng(seed)
    A, b = rng.normal(size=(5, 3)), rng.uniform(0.5, 2, size=5)
    pts = rng.uniform(-2, 2, size=(400, 3))
    inside = lambda P: np.all(P @ A.T <= b + 1e-12, axis=1)  # noqa: E731
    if inside(pts).sum() < 2:
        return
    assert find_nonconvexity(inside, pts, 500, rng) is None


@pytest.mark.parametrize(
    ("contains", "points", "num_pairs", "error", "fragment"),
    [
        ("disk", [[0.0, 0.0], [0.1, 0.1]], 10, TypeError, "contains must be callable"),
        (disk, [0.0, 0.1], 10, ValueError, "points must have 2 dimension"),
        (disk, [[0.0, 0.0], [0.1, 0.1]], 0, ValueError, "num_pairs must be"),
        (disk, [[0.0, 0.0], [5.0, 5.0]], 10, ValueError, "at least 2 members"),
        (lambda P: True, [[0.0, 0.0], [0.1, 0.1]], 10, ValueError, "must return 2"),
        (disk, [[0.0, np.nan]], 10, ValueError, "points must be non-empty and finite"),
    ],
)
def test_find_nonconvexity_rejects_bad_input(
    contains, points, num_pairs, error, fragment
):
    with pytest.raises(error, match=fragment):
        find_nonconvexity(contains, points, num_pairs, np.random.default_rng(0))


# ---------------------------------------------------------------- jensen_gap


def test_jensen_gap_of_the_square_is_the_variance():
    # Closed form: E[x^2] - E[x]^2 = Var(x); numpy.cov with weights is the reference.
    rng = np.random.default_rng(2)
    x, w = rng.normal(size=50), rng.dirichlet(np.ones(50))
    gap = jensen_gap(lambda t: float(t**2), x, w)
    assert gap == pytest.approx(np.cov(x, aweights=w, bias=True), rel=1e-10)
    # For vectors and f = |x|^2 it is the trace of the weighted covariance.
    X = rng.normal(size=(50, 3))
    gap = jensen_gap(lambda v: float(v @ v), X, w)
    assert gap == pytest.approx(np.trace(np.cov(X.T, aweights=w, bias=True)), rel=1e-10)


CONVEX = [np.exp, np.abs, lambda t: t**2, lambda t: max(t, 0.0)]


@given(
    arrays(np.float64, 6, elements=coords),
    st.integers(0, 10_000),
    st.sampled_from(range(len(CONVEX))),
)
def test_jensen_gap_is_nonnegative_for_convex_and_nonpositive_for_concave(x, seed, k):
    w = np.random.default_rng(seed).dirichlet(np.ones(6))
    f = CONVEX[k]
    assert jensen_gap(lambda t: float(f(t)), x, w) >= -1e-9
    assert jensen_gap(lambda t: float(-f(t)), x, w) <= 1e-9  # -convex is concave
    assert jensen_gap(lambda t: float(np.log(t)), np.exp(x), w) <= 1e-9


@given(arrays(np.float64, (5, 3), elements=coords), st.integers(0, 10_000))
def test_jensen_gap_of_logsumexp_is_nonnegative(X, seed):
    w = np.random.default_rng(seed).dirichlet(np.ones(5))
    assert jensen_gap(lambda v: float(logsumexp(v)), X, w) >= -1e-9


@pytest.mark.parametrize(
    ("f", "points", "weights", "error", "fragment"),
    [
        ("f", [1.0, 2.0], None, TypeError, "f must be callable"),
        (np.exp, [1.0, 2.0], [0.5, 0.6], ValueError, "sum to 1"),
        (np.exp, [1.0, 2.0], [1.5, -0.5], ValueError, "non-negative"),
        (np.exp, [1.0, 2.0], [1.0], ValueError, "weights must have 2 entries"),
        (np.exp, np.ones((2, 2, 2)), None, ValueError, "1 or 2 dimensions"),
        (np.log, [-1.0, 2.0], None, ValueError, "non-finite"),
        (np.exp, [np.inf, 2.0], None, ValueError, "points must be non-empty"),
    ],
)
def test_jensen_gap_rejects_bad_input(f, points, weights, error, fragment):
    with np.errstate(invalid="ignore"), pytest.raises(error, match=fragment):
        jensen_gap(f, points, weights)


# ---------------------------------------------------------------- min_hessian_eigenvalue


def test_min_hessian_eigenvalue_closed_forms():
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    # A constant Hessian: its smallest eigenvalue, (7 - sqrt(5)) / 2.
    value = min_hessian_eigenvalue(lambda x: A, [[0.0, 0.0], [5.0, -5.0]])
    assert value == pytest.approx((7 - np.sqrt(5)) / 2, rel=1e-12)
    # Rosenbrock at (0, 1): H = [[2 - 400, 0], [0, 200]], so -398.
    assert min_hessian_eigenvalue(rosenbrock_hessian, [[0.0, 1.0]]) == pytest.approx(
        -398.0
    )


def test_negative_hessian_eigenvalue_gives_a_jensen_violation():
    # Where the Hessian has a negative eigenvalue, a short chord along its
    # eigenvector lies below the function: Jensen fails, so f is not convex.
    x0 = np.array([0.0, 1.0])
    eigval, eigvec = np.linalg.eigh(rosenbrock_hessian(x0))
    assert eigval[0] < 0
    d = 1e-2 * eigvec[:, 0]
    assert jensen_gap(rosenbrock, np.array([x0 - d, x0 + d])) < 0


@given(arrays(np.float64, (6, 2), elements=coords), st.integers(0, 10_000))
def test_logistic_loss_hessian_is_psd(points, seed):
    # Hessian of the mean logistic loss: X^T diag(p (1 - p)) X / n, convex everywhere.
    X = np.random.default_rng(seed).normal(size=(20, 2))

    def hessian(w):
        p = 1 / (1 + np.exp(-(X @ w)))
        return X.T @ (X * (p * (1 - p))[:, None]) / len(X)

    assert min_hessian_eigenvalue(hessian, points) >= -1e-12


@pytest.mark.parametrize(
    ("hessian", "points", "error", "fragment"),
    [
        ("H", [[0.0, 0.0]], TypeError, "hessian must be callable"),
        (lambda x: np.eye(3), [[0.0, 0.0]], ValueError, "must return an 2x2"),
        (lambda x: [[1.0, 2.0], [0.0, 1.0]], [[0.0, 0.0]], ValueError, "symmetric"),
        (lambda x: np.full((2, 2), np.nan), [[0.0, 0.0]], ValueError, "non-finite"),
        (lambda x: np.eye(2), [0.0, 0.0], ValueError, "points must have 2 dimension"),
    ],
)
def test_min_hessian_eigenvalue_rejects_bad_input(hessian, points, error, fragment):
    with pytest.raises(error, match=fragment):
        min_hessian_eigenvalue(hessian, points)


# ---------------------------------------------------------------- curvature_bounds


def test_curvature_bounds_match_numpy_norms_and_cond():
    rng = np.random.default_rng(3)
    M = rng.normal(size=(6, 6))
    A = M @ M.T + 0.1 * np.eye(6)
    mu, L, kappa = curvature_bounds(A)
    assert L == pytest.approx(np.linalg.norm(A, 2), rel=1e-10)
    assert mu == pytest.approx(1 / np.linalg.norm(np.linalg.inv(A), 2), rel=1e-8)
    assert kappa == pytest.approx(np.linalg.cond(A), rel=1e-8)


@given(arrays(np.float64, (3, 3), elements=coords), st.floats(0.01, 100))
def test_curvature_bounds_scale_with_the_matrix(M, c):
    A = M @ M.T + np.eye(3)
    mu, L, kappa = curvature_bounds(A)
    mu_c, L_c, kappa_c = curvature_bounds(c * A)
    assert (mu_c, L_c) == pytest.approx((c * mu, c * L), rel=1e-9)
    assert kappa_c == pytest.approx(kappa, rel=1e-9)
    assert 0 < mu <= L and kappa >= 1


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[1.0, 0.0], [0.0, 0.0]], ValueError, "A must be positive definite"),
        ([[1.0, 2.0], [0.0, 1.0]], ValueError, "A must be symmetric"),
        ([[1.0, 0.0]], ValueError, "A must be a square matrix"),
        ([[np.nan]], ValueError, "A must be non-empty and finite"),
    ],
)
def test_curvature_bounds_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        curvature_bounds(A)


# ---------------------------------------------------------------- plot_jensen


def test_plot_jensen_draws_exp_and_a_chord_above_it():
    fig = plot_jensen((-1.5, 1.0))
    assert fig.get_label()
    curve, chord, ends = fig.axes[0].get_lines()
    x, y = curve.get_data()
    np.testing.assert_allclose(y, np.exp(x), rtol=1e-12)
    cx, cy = chord.get_data()
    assert np.all(cy >= np.exp(cx) - 1e-12)  # Jensen: chord above the curve
    np.testing.assert_allclose(ends.get_data()[1], np.exp([-1.5, 1.0]))
