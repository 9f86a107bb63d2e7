"""Tests for snippets/optimization/gradient_descent.py
(page: docs/optimization/gradient-descent.md)."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import minimize, minimize_scalar

from snippets.optimization.gradient_descent import (
    SGD,
    OptimizationResult,
    backtracking_line_search,
    call_checked,
    check_max_iter,
    check_positive,
    gradient_descent,
    gradient_descent_backtracking,
    minibatch_sgd,
    optimal_step_size,
    plot_zigzag,
    run_optimizer,
)
from snippets.optimization.optimality import (
    quadratic,
    quadratic_gradient,
    rosenbrock,
    rosenbrock_gradient,
)

coords = st.floats(-3, 3, allow_nan=False, allow_infinity=False)
A2 = np.array([[3.0, 1.0], [1.0, 2.0]])


def spd(n, rng, kappa=None):
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    eig = rng.uniform(1, 5, size=n) if kappa is None else np.geomspace(1, kappa, n)
    return Q @ np.diag(eig) @ Q.T


# ---------------------------------------------------------------- small helpers


def test_check_positive_and_check_max_iter_accept_good_values():
    assert check_positive(3, "lr") == 3.0 and isinstance(check_positive(3, "lr"), float)
    assert check_positive(np.float32(0.5), "lr") == 0.5
    assert check_max_iter(np.int64(7)) == 7


@given(st.floats(1e-300, 1e300))
def test_check_positive_returns_the_value(value):
    assert check_positive(value, "x") == value


@pytest.mark.parametrize(
    ("value", "error", "fragment"),
    [
        (0.0, ValueError, "lr must be positive and finite, got 0.0"),
        (-1e-3, ValueError, "lr must be positive"),
        (np.inf, ValueError, "lr must be positive and finite"),
        (np.nan, ValueError, "lr must be positive and finite"),
        ("0.1", TypeError, "lr must be a number, got str"),
        (True, TypeError, "lr must be a number, got bool"),
    ],
)
def test_check_positive_rejects_bad_values(value, error, fragment):
    with pytest.raises(error, match=fragment):
        check_positive(value, "lr")


@given(st.integers(1, 10**9))
def test_check_max_iter_returns_the_value(value):
    assert check_max_iter(value) == value


@pytest.mark.parametrize(
    ("value", "error", "fragment"),
    [
        (0, ValueError, "max_iter must be >= 1, got 0"),
        (-5, ValueError, "max_iter must be >= 1"),
        (2.5, TypeError, "max_iter must be an integer, got float"),
        (True, TypeError, "max_iter must be an integer"),
    ],
)
def test_check_max_iter_rejects_bad_values(value, error, fragment):
    with pytest.raises(error, match=fragment):
        check_max_iter(value)


def test_call_checked_returns_checked_arrays():
    x = np.array([1.0, 2.0])
    np.testing.assert_array_equal(call_checked(lambda z: 2 * z, x, "g", (2,)), 2 * x)
    assert call_checked(lambda z: z @ z, x, "f", ()) == 5.0


@given(arrays(np.float64, 3, elements=coords))
def test_call_checked_is_the_identity_on_good_output(x):
    np.testing.assert_array_equal(call_checked(lambda z: z, x, "g", (3,)), x)


@pytest.mark.parametrize(
    ("fn", "error", "fragment"),
    [
        ("g", TypeError, "gradient must be callable, got str"),
        (lambda z: z[:1], ValueError, r"gradient\(x\) must have shape \(2,\)"),
        (lambda z: z * np.nan, ValueError, r"gradient\(x\) is not finite"),
    ],
)
def test_call_checked_rejects_bad_functions(fn, error, fragment):
    with pytest.raises(error, match=fragment):
        call_checked(fn, np.ones(2), "gradient", (2,))


def test_optimization_result_holds_its_fields():
    res = OptimizationResult(np.zeros(2), 3, True, np.zeros((4, 2)))
    assert res.n_iter == 3 and res.converged and res.path.shape == (4, 2)


# ---------------------------------------------------------------- gradient_descent


def test_gradient_descent_iterates_match_matrix_powers():
    # For f = x^T A x / 2 the iteration is x_k = (I - lr A)^k x0 exactly.
    x0, lr = np.array([1.0, -2.0]), 0.1
    res = gradient_descent(lambda x: A2 @ x, x0, lr, max_iter=5, tol=1e-12)
    for k, xk in enumerate(res.path):
        expected = np.linalg.matrix_power(np.eye(2) - lr * A2, k) @ x0
        np.testing.assert_allclose(xk, expected, rtol=1e-12)
    assert res.n_iter == 5 and not res.converged  # reports non-convergence


def test_gradient_descent_converges_to_the_linear_solve():
    rng = np.random.default_rng(0)
    A, b = spd(4, rng), rng.normal(size=4)
    res = gradient_descent(lambda x: quadratic_gradient(x, A, b), np.zeros(4), 0.2)
    assert res.converged
    np.testing.assert_allclose(res.x, np.linalg.solve(A, b), atol=1e-5)
    assert np.linalg.norm(quadratic_gradient(res.x, A, b)) <= 1e-6


@given(arrays(np.float64, 2, elements=coords), st.integers(0, 1000))
def test_gradient_descent_decreases_a_convex_quadratic(x0, seed):
    A = spd(2, np.random.default_rng(seed))
    lr = 1 / np.linalg.eigvalsh(A)[-1]  # step 1/L: monotone decrease
    res = gradient_descent(lambda x: A @ x, x0, lr, max_iter=30)
    values = [quadratic(x, A) for x in res.path]
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(values))


@pytest.mark.parametrize(
    ("gradient", "x0", "lr", "max_iter", "tol", "error", "fragment"),
    [
        (lambda x: x, [1.0], 0.0, 10, 1e-6, ValueError, "lr must be positive"),
        (lambda x: x, [1.0], -0.1, 10, 1e-6, ValueError, "lr must be positive"),
        ("grad", [1.0], 0.1, 10, 1e-6, TypeError, "gradient must be callable"),
        (lambda x: x, [1.0], 0.1, 0, 1e-6, ValueError, "max_iter must be >= 1"),
        (lambda x: x, [1.0], 0.1, 10, 0.0, ValueError, "tol must be positive"),
        (lambda x: x, [[1.0]], 0.1, 10, 1e-6, ValueError, "x0 must have 1 dimension"),
        (lambda x: x, [np.nan], 0.1, 10, 1e-6, ValueError, "x0 must be non-empty"),
        (lambda x: x[:1], [1.0, 2.0], 0.1, 10, 1e-6, ValueError, "must have shape"),
        (lambda x: 10 * x**3, [10.0], 1.0, 50, 1e-6, ValueError, "diverged"),
    ],
)
def test_gradient_descent_rejects_bad_input(
    gradient, x0, lr, max_iter, tol, error, fragment
):
    with (
        np.errstate(over="ignore", invalid="ignore"),
        pytest.raises(error, match=fragment),
    ):
        gradient_descent(gradient, x0, lr, max_iter, tol)


# ---------------------------------------------------------------- optimal_step_size, zig-zag


def test_optimal_step_minimizes_the_contraction_factor():
    # Reference: minimize max(|1 - lr mu|, |1 - lr L|) numerically over lr.
    mu, L = 1.0, 30.0
    ref = minimize_scalar(
        lambda lr: max(abs(1 - lr * mu), abs(1 - lr * L)),
        bounds=(0, 1),
        method="bounded",
        options={"xatol": 1e-10},
    )
    lr, rate = optimal_step_size(np.diag([mu, L]))
    assert lr == pytest.approx(ref.x, abs=1e-7)
    assert rate == pytest.approx(ref.fun, abs=1e-7)


def test_zigzag_error_shrinks_by_exactly_the_rate_and_flips_sign():
    A = np.diag([1.0, 10.0])
    lr, rate = optimal_step_size(A)
    res = gradient_descent(lambda x: A @ x, [10.0, 1.0], lr, max_iter=12, tol=1e-12)
    norms = np.linalg.norm(res.path, axis=1)
    np.testing.assert_allclose(norms[1:] / norms[:-1], rate, rtol=1e-10)
    stiff = res.path[:, 1]
    assert np.all(np.sign(stiff[1:]) == -np.sign(stiff[:-1]))  # zig-zag


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1000.0])
def test_iterations_grow_with_the_condition_number(kappa):
    # With the optimal step the gradient norm shrinks by exactly rho = (k-1)/(k+1)
    # per step, so reaching tol takes ceil(log(tol / |g0|) / log rho) steps ~ k/2 ln.
    A = np.diag([1.0, kappa])
    lr, rho = optimal_step_size(A)
    x0, tol = np.array([1.0, 1.0]), 1e-6
    res = gradient_descent(lambda x: A @ x, x0, lr, max_iter=100_000, tol=tol)
    predicted = np.ceil(np.log(tol / np.linalg.norm(A @ x0)) / np.log(rho))
    assert abs(res.n_iter - predicted) <= 1
    assert res.n_iter >= 0.4 * kappa  # grows linearly in kappa


@given(st.integers(0, 10_000), st.floats(1.5, 200))
def test_optimal_step_bounds_the_error_for_any_spd_matrix(seed, kappa):
    rng = np.random.default_rng(seed)
    A = spd(3, rng, kappa)
    lr, rate = optimal_step_size(A)
    assert rate == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-8)
    x0 = rng.normal(size=3)
    res = gradient_descent(lambda x: A @ x, x0, lr, max_iter=20, tol=1e-300)
    for k, xk in enumerate(res.path):
        assert np.linalg.norm(xk) <= rate**k * np.linalg.norm(x0) * (1 + 1e-9) + 1e-300


@pytest.mark.parametrize(
    ("A", "fragment"),
    [
        ([[1.0, 0.0], [0.0, -1.0]], "positive definite"),
        ([[1.0, 2.0], [0.0, 1.0]], "symmetric"),
    ],
)
def test_optimal_step_size_rejects_bad_matrices(A, fragment):
    with pytest.raises(ValueError, match=fragment):
        optimal_step_size(A)


# ---------------------------------------------------------------- backtracking


def test_backtracking_returns_the_largest_armijo_step_on_a_quadratic():
    # Closed form for f = x^T A x / 2 along d: Armijo holds iff
    # lr <= 2 (1 - c) (-g^T d) / (d^T A d). Backtracking returns the first
    # lr0 * shrink^j below that bound.
    f = lambda x: quadratic(x, A2)  # noqa: E731
    x = np.array([2.0, -1.0])
    g = A2 @ x
    for c in (1e-4, 0.3, 0.7):
        bound = 2 * (1 - c) * (g @ g) / (g @ A2 @ g)
        lr = backtracking_line_search(f, x, g, lr0=4.0, c=c, shrink=0.5)
        expected = 4.0 * 0.5 ** np.ceil(np.log2(4.0 / bound))
        assert lr == pytest.approx(expected)


@given(arrays(np.float64, 2, elements=coords), arrays(np.float64, 2, elements=coords))
def test_backtracking_step_satisfies_armijo_on_rosenbrock(x, d_raw):
    g = rosenbrock_gradient(x)
    if np.linalg.norm(g) < 1e-8:
        return
    d = d_raw if g @ d_raw < -1e-9 else -g  # any descent direction
    c = 1e-4
    lr = backtracking_line_search(rosenbrock, x, g, d, c=c)
    assert rosenbrock(x + lr * d) <= rosenbrock(x) + c * lr * (g @ d) + 1e-12


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"direction": [1.0, 0.0]}, ValueError, "descent direction"),
        ({"c": 1.5}, ValueError, "c and shrink must lie in"),
        ({"shrink": 0.0}, ValueError, "c and shrink must lie in"),
        ({"lr0": -1.0}, ValueError, "lr0 must be positive"),
        ({"direction": [1.0]}, ValueError, "must have shape"),
        ({"f": "f"}, TypeError, "f must be callable"),
        ({"g": [np.nan, 1.0]}, ValueError, "g must be non-empty and finite"),
    ],
)
def test_backtracking_rejects_bad_input(kwargs, error, fragment):
    args = {"f": lambda x: float(x @ x), "x": [1.0, 0.0], "g": [2.0, 0.0], **kwargs}
    with pytest.raises(error, match=fragment):
        backtracking_line_search(**args)


def test_backtracking_reports_failure_after_max_steps():
    # A function that jumps up next to x: no step is ever accepted.
    f = lambda z: 0.0 if np.all(z == 1.0) else 1.0  # noqa: E731
    with pytest.raises(RuntimeError, match="no step satisfies the Armijo condition"):
        backtracking_line_search(f, [1.0], [1.0], max_steps=5)


# ---------------------------------------------------------------- gradient_descent_backtracking


def test_gradient_descent_backtracking_matches_scipy_on_a_convex_problem():
    # A smooth strictly convex function: logsumexp of an affine map plus a quadratic.
    rng = np.random.default_rng(4)
    M, b = rng.normal(size=(6, 3)), rng.normal(size=6)

    def f(x):
        z = M @ x + b
        return float(np.log(np.exp(z).sum()) + 0.5 * x @ x)

    def grad(x):
        z = M @ x + b
        p = np.exp(z - z.max())
        return M.T @ (p / p.sum()) + x

    # tol = 1e-6 keeps each Armijo test well above the rounding of f (a gradient of
    # 1e-8 would ask f to resolve changes of 1e-16 near f = 1). Strong convexity with
    # mu >= 1 (the + x @ x / 2 term) gives |x - x*| <= |grad f(x)| <= tol.
    res = gradient_descent_backtracking(f, grad, np.zeros(3), tol=1e-6)
    ref = minimize(f, np.zeros(3), jac=grad, method="BFGS", tol=1e-12)
    assert res.converged
    assert np.linalg.norm(grad(ref.x)) < 1e-9
    assert np.linalg.norm(res.x - ref.x) <= 1e-6 + 1e-9
    # Every accepted step satisfied the Armijo condition with c = 1e-4.
    for x, x_next in zip(res.path, res.path[1:], strict=False):
        g = grad(x)
        lr = (x - x_next) @ g / (g @ g)
        assert f(x_next) <= f(x) - 1e-4 * lr * (g @ g) + 1e-12


def test_gradient_descent_backtracking_reports_non_convergence():
    res = gradient_descent_backtracking(
        rosenbrock, rosenbrock_gradient, [-1.2, 1.0], max_iter=50
    )
    assert not res.converged and res.n_iter == 50
    assert rosenbrock(res.x) < rosenbrock([-1.2, 1.0])  # but it did descend


@given(arrays(np.float64, 2, elements=coords))
def test_gradient_descent_backtracking_never_increases_f(x0):
    res = gradient_descent_backtracking(
        rosenbrock, rosenbrock_gradient, x0, max_iter=20
    )
    values = [rosenbrock(x) for x in res.path]
    assert all(b <= a for a, b in itertools.pairwise(values))


@pytest.mark.parametrize(
    ("f", "gradient", "x0", "max_iter", "error", "fragment"),
    [
        ("f", rosenbrock_gradient, [0.0, 0.0], 10, TypeError, "f must be callable"),
        (rosenbrock, None, [0.0, 0.0], 10, TypeError, "gradient must be callable"),
        (rosenbrock, rosenbrock_gradient, [0.0, 0.0], 0, ValueError, "max_iter"),
        (rosenbrock, rosenbrock_gradient, [[0.0, 0.0]], 10, ValueError, "x0 must have"),
    ],
)
def test_gradient_descent_backtracking_rejects_bad_input(
    f, gradient, x0, max_iter, error, fragment
):
    with pytest.raises(error, match=fragment):
        gradient_descent_backtracking(f, gradient, x0, max_iter=max_iter)


# ---------------------------------------------------------------- SGD and run_optimizer


def test_sgd_first_steps_by_hand():
    # Robbins & Monro (1951) step x <- x - lr g on f(x) = x^2 (g = 2x), lr = 0.1:
    # x1 = 1 - 0.1 * 2 = 0.8; x2 = 0.8 - 0.1 * 1.6 = 0.64; x3 = 0.64 - 0.128 = 0.512.
    opt, x = SGD(lr=0.1), np.array([1.0])
    for expected in (0.8, 0.64, 0.512):
        x = opt.step(x, lambda z: 2 * z)
        assert x[0] == pytest.approx(expected, rel=1e-14)


def test_run_optimizer_with_sgd_is_gradient_descent():
    rng = np.random.default_rng(5)
    A, b = spd(3, rng), rng.normal(size=3)
    grad = lambda x: quadratic_gradient(x, A, b)  # noqa: E731
    res = run_optimizer(SGD(lr=0.1), grad, np.zeros(3), max_iter=2000, tol=1e-9)
    ref = gradient_descent(grad, np.zeros(3), 0.1, max_iter=2000, tol=1e-9)
    np.testing.assert_allclose(res.path, ref.path, rtol=1e-14)
    assert res.converged
    np.testing.assert_allclose(res.x, np.linalg.solve(A, b), atol=1e-8)


@given(arrays(np.float64, 3, elements=coords), st.floats(1e-3, 1.0))
def test_sgd_step_moves_against_the_gradient(x, lr):
    new = SGD(lr).step(x, lambda z: z + 1.0)
    np.testing.assert_allclose(new, x - lr * (x + 1.0), rtol=1e-12, atol=1e-12)


@given(arrays(np.float64, 2, elements=coords), st.floats(0.01, 0.3))
def test_run_optimizer_with_sgd_matches_gradient_descent_everywhere(x0, lr):
    grad = lambda x: A2 @ x - 1.0  # noqa: E731
    res = run_optimizer(SGD(lr), grad, x0, max_iter=25, tol=1e-9)
    ref = gradient_descent(grad, x0, lr, max_iter=25, tol=1e-9)
    np.testing.assert_allclose(res.path, ref.path, rtol=1e-14, atol=1e-14)
    assert (res.n_iter, res.converged) == (ref.n_iter, ref.converged)


def test_run_optimizer_reports_non_convergence():
    res = run_optimizer(SGD(lr=1e-3), lambda x: 2 * x, [1.0], max_iter=10)
    assert not res.converged and res.n_iter == 10 and res.path.shape == (11, 1)


@pytest.mark.parametrize(
    ("make", "error", "fragment"),
    [
        (lambda: SGD(lr=0.0), ValueError, "lr must be positive"),
        (lambda: SGD(lr="fast"), TypeError, "lr must be a number"),
        (lambda: SGD(0.1).step([1.0], "g"), TypeError, "gradient must be callable"),
        (
            lambda: SGD(0.1).step([1.0], lambda z: [1.0, 2.0]),
            ValueError,
            "must have shape",
        ),
        (
            lambda: SGD(0.1).step([np.inf], lambda z: z),
            ValueError,
            "x must be non-empty",
        ),
        (lambda: run_optimizer(object(), lambda z: z, [1.0]), TypeError, "step"),
        (
            lambda: run_optimizer(SGD(0.1), lambda z: z, [1.0], 0),
            ValueError,
            "max_iter",
        ),
        (
            lambda: run_optimizer(SGD(0.1), lambda z: z, [1.0], 5, -1.0),
            ValueError,
            "tol",
        ),
    ],
)
def test_sgd_and_run_optimizer_reject_bad_input(make, error, fragment):
    with pytest.raises(error, match=fragment):
        make()


# ---------------------------------------------------------------- minibatch_sgd


def least_squares_problem(n=100, p=3, seed=6):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=n)
    return X, y


def test_full_batch_sgd_is_gradient_descent():
    X, y = least_squares_problem()
    batch_grad = lambda w, idx: X[idx].T @ (X[idx] @ w - y[idx]) / len(idx)  # noqa: E731
    path = minibatch_sgd(
        batch_grad,
        np.zeros(3),
        100,
        lr=0.1,
        batch_size=100,
        epochs=5,
        rng=np.random.default_rng(0),
    )
    ref = gradient_descent(
        lambda w: X.T @ (X @ w - y) / 100, np.zeros(3), 0.1, 5, 1e-300
    )
    np.testing.assert_allclose(path, ref.path, rtol=1e-12, atol=1e-14)


def test_minibatch_sgd_lands_near_the_least_squares_solution():
    X, y = least_squares_problem()
    batch_grad = lambda w, idx: X[idx].T @ (X[idx] @ w - y[idx]) / len(idx)  # noqa: E731
    path = minibatch_sgd(
        batch_grad,
        np.zeros(3),
        100,
        lr=0.02,
        batch_size=10,
        epochs=60,
        rng=np.random.default_rng(0),
    )
    w_ls = np.linalg.lstsq(X, y, rcond=None)[0]
    assert path.shape == (601, 3)
    np.testing.assert_allclose(path[-100:].mean(axis=0), w_ls, atol=0.02)


@given(
    arrays(np.float64, 12, elements=coords),
    st.sampled_from([1, 2, 3, 4, 6, 12]),
    st.integers(0, 10_000),
)
def test_minibatch_gradients_average_to_the_full_gradient(data, batch_size, seed):
    # A gradient that ignores x: after one epoch of equal batches, whatever the
    # shuffle, the total move is lr * (number of batches) * (full mean).
    grad = lambda x, idx: np.array([data[idx].mean()])  # noqa: E731
    path = minibatch_sgd(
        grad,
        [0.0],
        12,
        lr=0.5,
        batch_size=batch_size,
        epochs=1,
        rng=np.random.default_rng(seed),
    )
    expected = -0.5 * (12 // batch_size) * data.mean()
    assert path[-1, 0] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"n_samples": 0}, ValueError, "n_samples must be an integer >= 1"),
        ({"batch_size": 20}, ValueError, "batch_size must be <= n_samples"),
        ({"batch_size": 0}, ValueError, "batch_size must be an integer >= 1"),
        ({"lr": 0.0}, ValueError, "lr must be positive"),
        ({"epochs": 0}, ValueError, "epochs must be an integer >= 1"),
        ({"batch_gradient": 3}, TypeError, "batch_gradient must be callable"),
        ({"batch_gradient": lambda x, i: [1.0, 2.0]}, ValueError, "must have shape"),
        ({"x0": [np.nan]}, ValueError, "x0 must be non-empty and finite"),
    ],
)
def test_minibatch_sgd_rejects_bad_input(kwargs, error, fragment):
    args = {
        "batch_gradient": lambda x, idx: x,
        "x0": [1.0],
        "n_samples": 10,
        "lr": 0.1,
        "batch_size": 5,
        "epochs": 1,
        **kwargs,
    }
    with pytest.raises(error, match=fragment):
        minibatch_sgd(**args)


# ---------------------------------------------------------------- plot_zigzag


def test_plot_zigzag_draws_the_gradient_descent_path_and_the_counts():
    fig = plot_zigzag(condition_number=10.0, num_steps=15)
    assert fig.get_label()
    left, right = fig.axes
    path_line = left.get_lines()[0]
    px, py = path_line.get_data()
    A = np.diag([1.0, 10.0])
    lr, _ = optimal_step_size(A)
    expected = np.array([10.0, 1.0])
    for k in range(len(px)):
        np.testing.assert_allclose([px[k], py[k]], expected, rtol=1e-12, atol=1e-15)
        expected = expected - lr * A @ expected
    kappas, counts = right.get_lines()[0].get_data()
    assert np.all(np.diff(counts) > 0)
    rho = (kappas - 1) / (kappas + 1)
    predicted = np.ceil(np.log(1e-6 / np.hypot(1.0, kappas)) / np.log(rho))
    np.testing.assert_allclose(counts, predicted, atol=1)
