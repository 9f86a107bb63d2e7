"""Tests for snippets/optimization/optimizers.py (page: docs/optimization/optimizers.md).

The first steps of each optimizer are checked against the published update rules,
worked out by hand on f(x) = x^2 (gradient g = 2x) from x0 = 1.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from snippets.optimization.gradient_descent import SGD, run_optimizer
from snippets.optimization.optimality import quadratic, rosenbrock
from snippets.optimization.optimizers import (
    RACE_QUADRATIC,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    RMSprop,
    check_fraction,
    plot_optimizer_race,
    race,
    race_values,
    state_like,
)

coords = st.floats(-3, 3, allow_nan=False, allow_infinity=False)


def square_grad(x):
    return 2 * x


def first_steps(opt, n=3, x0=1.0):
    x, out = np.array([x0]), []
    for _ in range(n):
        x = opt.step(x, square_grad)
        out.append(float(x[0]))
    return out


# ---------------------------------------------------------------- hand-worked steps


def test_momentum_first_steps_by_hand():
    # Polyak (1964) heavy ball, in Sutskever et al. (2013) form v <- beta v - lr g,
    # x <- x + v, with lr = 0.1, beta = 0.9:
    #   v1 = -0.1 * 2 = -0.2                          x1 = 0.8
    #   v2 = 0.9 * -0.2 - 0.1 * 1.6 = -0.34           x2 = 0.46
    #   v3 = 0.9 * -0.34 - 0.1 * 0.92 = -0.398        x3 = 0.062
    # (Polyak's form x2 = x1 - lr g1 + beta (x1 - x0) = 0.8 - 0.16 - 0.18 agrees.)
    assert first_steps(Momentum(lr=0.1, beta=0.9)) == pytest.approx(
        [0.8, 0.46, 0.062], rel=1e-12
    )


def test_nesterov_first_steps_by_hand():
    # Nesterov (1983) as in Sutskever et al. (2013), eq. (3)-(4):
    # v <- beta v - lr g(x + beta v), x <- x + v, with lr = 0.1, beta = 0.9:
    #   look-ahead 1.0:                      g = 2.0     v1 = -0.2       x1 = 0.8
    #   look-ahead 0.8 - 0.18 = 0.62:        g = 1.24    v2 = -0.304     x2 = 0.496
    #   look-ahead 0.496 - 0.2736 = 0.2224:  g = 0.4448  v3 = -0.31808   x3 = 0.17792
    assert first_steps(Nesterov(lr=0.1, beta=0.9)) == pytest.approx(
        [0.8, 0.496, 0.17792], rel=1e-12
    )


def test_adagrad_first_steps_by_hand():
    # Duchi, Hazan & Singer (2011), diagonal AdaGrad: G <- G + g^2,
    # x <- x - lr g / (sqrt(G) + eps), lr = 0.1, eps = 1e-8 (negligible here):
    #   G1 = 4                    x1 = 1 - 0.1 * 2 / 2 = 0.9
    #   G2 = 4 + 1.8^2 = 7.24     x2 = 0.9 - 0.1 * 1.8 / 2.690725 = 0.8331035
    #   g3 = 1.6662071, G3 = 10.016246, x3 = 0.8331035 - 0.16662071 / 3.1648453 = 0.7804562
    x2 = 0.9 - 0.1 * 1.8 / math.sqrt(7.24)
    g3 = 2 * x2
    x3 = x2 - 0.1 * g3 / math.sqrt(7.24 + g3**2)
    steps = first_steps(AdaGrad(lr=0.1))
    assert steps == pytest.approx([0.9, x2, x3], rel=1e-7)
    assert steps == pytest.approx([0.9, 0.8331035, 0.7804562], abs=1e-7)


def test_rmsprop_first_steps_by_hand():
    # Tieleman & Hinton (2012), lecture 6.5: s <- rho s + (1 - rho) g^2,
    # x <- x - lr g / (sqrt(s) + eps), lr = 0.01, rho = 0.9:
    #   s1 = 0.1 * 4 = 0.4               x1 = 1 - 0.01 * 2 / 0.6324555 = 0.9683772
    #   g2 = 1.9367544, s2 = 0.36 + 0.1 * 3.7510178 = 0.7351018
    #                                    x2 = 0.9683772 - 0.0193675 / 0.8573808 = 0.9457880
    steps = first_steps(RMSprop(lr=0.01, rho=0.9), n=2)
    assert steps == pytest.approx([0.9683772, 0.9457880], abs=1e-7)


def test_adam_first_steps_by_hand():
    # Kingma & Ba (2015), Algorithm 1, lr = 0.1, beta1 = 0.9, beta2 = 0.999:
    #   t=1: m = 0.2, v = 0.004; m_hat = 0.2/0.1 = 2, v_hat = 0.004/0.001 = 4
    #        x1 = 1 - 0.1 * 2 / 2 = 0.9  (the first step has length lr)
    #   t=2: g = 1.8, m = 0.18 + 0.18 = 0.36, v = 0.003996 + 0.00324 = 0.007236
    #        m_hat = 0.36 / 0.19 = 1.8947368, v_hat = 0.007236 / 0.001999 = 3.6198099
    #        x2 = 0.9 - 0.1 * 1.8947368 / 1.9025798 = 0.8004122
    #   t=3: g = 1.6008245, m = 0.324 + 0.16008245 = 0.48408245,
    #        v = 0.007228764 + 0.0025626 = 0.009791404,
    #        m_hat = 0.48408245 / 0.271 = 1.7862821, v_hat = 0.009791404 / 0.002997001
    #        = 3.2670672, x3 = 0.8004122 - 0.1 * 1.7862821 / 1.8075029 = 0.7015862
    steps = first_steps(Adam(lr=0.1))
    assert steps == pytest.approx([0.9, 0.8004122, 0.7015862], abs=1e-7)


def test_adam_bias_correction_matters():
    # Without the 1 - beta^t factors the first step would be
    # lr * (0.1 g) / sqrt(0.001 g^2) = lr * 3.162: more than three times too long.
    opt = Adam(lr=0.1)
    x1 = opt.step([1.0], square_grad)
    assert 1.0 - x1[0] == pytest.approx(0.1, rel=1e-8)
    assert opt.m[0] / math.sqrt(opt.v[0]) == pytest.approx(math.sqrt(10), rel=1e-8)


# ---------------------------------------------------------------- properties


@given(st.floats(1e-2, 1e3), st.sampled_from([-1.0, 1.0]), st.floats(1e-3, 1.0))
def test_adaptive_first_steps_ignore_the_gradient_scale(scale, sign, lr):
    # Adam and AdaGrad move the first step by lr * sign(g); RMSprop by
    # lr / sqrt(1 - rho) * sign(g): whatever the size of g.
    g = lambda x: np.array([sign * scale])  # noqa: E731
    assert Adam(lr).step([0.0], g)[0] == pytest.approx(-sign * lr, rel=1e-5)
    assert AdaGrad(lr).step([0.0], g)[0] == pytest.approx(-sign * lr, rel=1e-5)
    assert RMSprop(lr, rho=0.9).step([0.0], g)[0] == pytest.approx(
        -sign * lr / math.sqrt(0.1), rel=1e-5
    )


@given(arrays(np.float64, 3, elements=coords), st.floats(1e-3, 0.5))
def test_momentum_methods_without_momentum_are_sgd(x0, lr):
    grad = lambda x: x**3 - x  # noqa: E731
    expected = SGD(lr).step(SGD(lr).step(x0, grad), grad)
    for cls in (Momentum, Nesterov):
        opt = cls(lr, beta=0.0)
        np.testing.assert_allclose(
            opt.step(opt.step(x0, grad), grad), expected, rtol=1e-12, atol=1e-12
        )


def spd(n, seed):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return Q @ np.diag(np.geomspace(1, 10, n)) @ Q.T, rng.normal(size=n)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Momentum(lr=0.05, beta=0.9),
        lambda: Nesterov(lr=0.05, beta=0.9),
        lambda: AdaGrad(lr=1.0),
        lambda: RMSprop(lr=0.01, rho=0.99),
        lambda: Adam(lr=0.05),
    ],
)
def test_every_optimizer_converges_on_a_convex_quadratic(make):
    A, b = spd(3, 7)
    x_star = np.linalg.solve(A, b)
    res = run_optimizer(make(), lambda x: A @ x - b, np.zeros(3), 20_000, 1e-3)
    assert res.converged
    np.testing.assert_allclose(res.x, x_star, atol=2e-3)
    assert quadratic(res.x, A, b) - quadratic(x_star, A, b) < 1e-6


# ---------------------------------------------------------------- helpers and bad input


def test_check_fraction_and_state_like():
    assert check_fraction(0, "beta") == 0.0 and check_fraction(0.999, "beta") == 0.999
    x = np.ones(3)
    np.testing.assert_array_equal(state_like(None, x), np.zeros(3))
    s = np.arange(3.0)
    assert state_like(s, x) is s


@given(st.floats(0, 0.999999))
def test_check_fraction_returns_values_in_range(v):
    assert check_fraction(v, "rho") == v


@pytest.mark.parametrize(
    ("make", "error", "fragment"),
    [
        (lambda: Momentum(lr=0.0), ValueError, "lr must be positive"),
        (lambda: Momentum(lr=0.1, beta=1.0), ValueError, r"beta must lie in \[0, 1\)"),
        (lambda: Nesterov(lr=-1.0), ValueError, "lr must be positive"),
        (lambda: Nesterov(lr=0.1, beta=-0.1), ValueError, "beta must lie in"),
        (lambda: AdaGrad(lr=0.1, eps=0.0), ValueError, "eps must be positive"),
        (lambda: AdaGrad(lr=np.nan), ValueError, "lr must be positive and finite"),
        (lambda: RMSprop(rho=1.5), ValueError, "rho must lie in"),
        (lambda: Adam(beta1=1.0), ValueError, "beta1 must lie in"),
        (lambda: Adam(beta2="0.9"), TypeError, "beta2 must be a number"),
        (lambda: Adam(lr=None), TypeError, "lr must be a number"),
        (lambda: Adam().step([1.0], "g"), TypeError, "gradient must be callable"),
        (lambda: Adam().step([1.0], lambda x: [np.nan]), ValueError, "not finite"),
        (lambda: Momentum(0.1).step([[1.0]], square_grad), ValueError, "x must have 1"),
        (lambda: state_like(np.zeros(2), np.ones(3)), ValueError, "new optimizer"),
        (lambda: check_fraction(True, "beta"), TypeError, "beta must be a number"),
    ],
)
def test_optimizers_reject_bad_input(make, error, fragment):
    with pytest.raises(error, match=fragment):
        make()


@pytest.mark.parametrize("cls", [Momentum, Nesterov, AdaGrad, RMSprop, Adam])
def test_an_optimizer_refuses_a_problem_of_another_size(cls):
    opt = cls(lr=0.1)
    opt.step([1.0, 2.0], square_grad)
    with pytest.raises(ValueError, match="create a new optimizer"):
        opt.step([1.0], square_grad)


# ---------------------------------------------------------------- race and its figure


def test_race_values_match_the_objectives():
    pts = np.random.default_rng(8).uniform(-2, 2, size=(20, 2))
    np.testing.assert_allclose(
        race_values("rosenbrock", pts), [rosenbrock(p) for p in pts], rtol=1e-12
    )
    np.testing.assert_allclose(
        race_values("quadratic", pts),
        [quadratic(p, RACE_QUADRATIC) for p in pts],
        rtol=1e-12,
    )
    assert np.linalg.cond(RACE_QUADRATIC) == pytest.approx(25.0)


@given(arrays(np.float64, (4, 2), elements=coords))
def test_race_values_are_nonnegative(P):
    assert np.all(race_values("rosenbrock", P) >= 0)
    assert np.all(race_values("quadratic", P) >= -1e-12)


def test_race_on_the_quadratic_reproduces_each_optimizer():
    results = race("quadratic")
    assert list(results) == [
        "gradient descent",
        "momentum",
        "Nesterov",
        "AdaGrad",
        "RMSprop",
        "Adam",
    ]
    ref = run_optimizer(
        Nesterov(0.04, 0.7), lambda x: RACE_QUADRATIC @ x, [-4.0, 3.0], 500, 1e-8
    )
    np.testing.assert_allclose(results["Nesterov"].path, ref.path)
    # Momentum beats plain gradient descent on this ill-conditioned problem.
    assert results["momentum"].n_iter < results["gradient descent"].n_iter


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: race("himmelblau"), "problem must be"),
        (lambda: race_values("himmelblau", [[0.0, 0.0]]), "problem must be"),
        (lambda: race_values("rosenbrock", [[0.0, 0.0, 0.0]]), "points must have 2"),
        (lambda: race_values("rosenbrock", [0.0, 0.0]), "points must have 2 dimension"),
    ],
)
def test_race_rejects_bad_input(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


def test_plot_optimizer_race_draws_the_paths_and_loss_curves():
    fig = plot_optimizer_race("quadratic")
    assert fig.get_label()
    left, right = fig.axes
    results = race("quadratic")
    paths = left.get_lines()[:6]
    losses = right.get_lines()
    assert [line.get_label() for line in paths] == list(results)
    for path_line, loss_line, res in zip(paths, losses, results.values(), strict=True):
        np.testing.assert_allclose(np.column_stack(path_line.get_data()), res.path)
        expected = [max(quadratic(p, RACE_QUADRATIC), 1e-16) for p in res.path]
        np.testing.assert_allclose(loss_line.get_data()[1], expected, rtol=1e-9)
    assert right.get_yscale() == "log"
