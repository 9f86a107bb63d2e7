"""Tests for snippets/multivariable_calculus/backpropagation.py
(page: docs/multivariable-calculus/backpropagation.md)."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import log_loss
from sklearn.neural_network import MLPClassifier

import snippets.multivariable_calculus.backpropagation as bp
from snippets.multivariable_calculus.backpropagation import (
    _toy_problem,
    backprop,
    check_params,
    gradient_check,
    init_two_layer,
    parameter_loss,
    plot_gradient_check,
    relative_error,
    softmax_cross_entropy,
    two_layer_forward,
)
from snippets.multivariable_calculus.gradients import numerical_gradient
from snippets.numerical_methods.floating_point import softmax

#: The tolerance the page states: backprop and central differences agree to 1e-6.
TOLERANCE = 1e-6


def sklearn_network(params, X, y):
    """scikit-learn's MLPClassifier (tanh, softmax output) with our weights."""
    model = MLPClassifier(
        hidden_layer_sizes=(params["W1"].shape[1],),
        activation="tanh",
        alpha=0.0,
        max_iter=1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one iteration: a convergence warning
        model.fit(X, y)
    model.coefs_ = [params["W1"], params["W2"]]
    model.intercepts_ = [params["b1"], params["b2"]]
    return model


# ---------------------------------------------------------------- init_two_layer


def test_init_two_layer_shapes_and_fan_in_scale():
    params = init_two_layer(400, 300, 3, np.random.default_rng(0))
    assert {k: v.shape for k, v in params.items()} == {
        "W1": (400, 300),
        "b1": (300,),
        "W2": (300, 3),
        "b2": (3,),
    }
    # Variance 1 / fan-in: 120 000 draws estimate it to about 0.5 %.
    assert params["W1"].var() * 400 == pytest.approx(1.0, rel=0.02)
    assert np.all(params["b1"] == 0) and np.all(params["b2"] == 0)


@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 6), st.integers(0, 100))
def test_init_two_layer_is_reproducible_and_valid(n_in, n_hidden, n_out, seed):
    a = init_two_layer(n_in, n_hidden, n_out, np.random.default_rng(seed))
    b = init_two_layer(n_in, n_hidden, n_out, np.random.default_rng(seed))
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])
    assert check_params(a).keys() == a.keys()


@pytest.mark.parametrize(
    ("sizes", "error", "fragment"),
    [
        ((0, 3, 2), ValueError, "n_in must be at least 1"),
        ((2, -1, 2), ValueError, "n_hidden must be at least 1"),
        ((2, 3, 2.0), TypeError, "n_out must be an integer"),
        ((True, 3, 2), TypeError, "n_in must be an integer"),
    ],
)
def test_init_two_layer_rejects_bad_input(sizes, error, fragment):
    with pytest.raises(error, match=fragment):
        init_two_layer(*sizes)


# ---------------------------------------------------------------- check_params


def test_check_params_rejects_bad_input():
    good = init_two_layer(2, 3, 2, np.random.default_rng(0))
    with pytest.raises(TypeError, match="params must be a dict"):
        check_params([good["W1"]])
    with pytest.raises(ValueError, match=r"params is missing \['b2'\]"):
        check_params({k: v for k, v in good.items() if k != "b2"})
    with pytest.raises(ValueError, match="params shapes do not fit together"):
        check_params({**good, "b1": np.zeros(4)})
    with pytest.raises(ValueError, match="W2 must be non-empty and finite"):
        check_params({**good, "W2": np.full((3, 2), np.nan)})
    with pytest.raises(ValueError, match="b1 must have 1 dimension"):
        check_params({**good, "b1": np.zeros((1, 3))})


# ---------------------------------------------------------------- two_layer_forward


def test_forward_matches_scikit_learn_mlp():
    rng = np.random.default_rng(1)
    params = init_two_layer(4, 6, 3, rng)
    params["b1"], params["b2"] = rng.normal(size=6), rng.normal(size=3)
    X, y = rng.normal(size=(15, 4)), np.arange(15) % 3
    model = sklearn_network(params, X, y)
    logits = two_layer_forward(params, X)["Z2"]
    np.testing.assert_allclose(softmax(logits), model.predict_proba(X), atol=1e-14)


@given(arrays(np.float64, (5, 3), elements=st.floats(-10, 10)), st.integers(0, 50))
def test_forward_cache_is_consistent(X, seed):
    params = init_two_layer(3, 4, 2, np.random.default_rng(seed))
    cache = two_layer_forward(params, X)
    assert cache["Z2"].shape == (5, 2)
    assert np.all(np.abs(cache["H"]) <= 1)  # tanh is bounded
    np.testing.assert_allclose(
        np.arctanh(np.clip(cache["H"], -0.999, 0.999)),
        np.clip(cache["Z1"], -3.8, 3.8),
        atol=1e-3,
    )


def test_forward_rejects_bad_input():
    params = init_two_layer(3, 4, 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match="X has 2 columns but W1 has 3 rows"):
        two_layer_forward(params, np.ones((5, 2)))
    with pytest.raises(ValueError, match="X must have 2 dimension"):
        two_layer_forward(params, np.ones(3))
    with pytest.raises(ValueError, match="X must be non-empty and finite"):
        two_layer_forward(params, [[1.0, np.inf, 0.0]])


# ---------------------------------------------------------------- softmax_cross_entropy


def test_softmax_cross_entropy_matches_sklearn_log_loss_and_finite_differences():
    rng = np.random.default_rng(2)
    Z, y = rng.normal(size=(8, 4)) * 3, np.array([0, 1, 2, 3, 3, 2, 1, 0])
    loss, grad = softmax_cross_entropy(Z, y)
    assert loss == pytest.approx(log_loss(y, softmax(Z), labels=range(4)), rel=1e-12)
    numeric = numerical_gradient(lambda V: softmax_cross_entropy(V, y)[0], Z)
    np.testing.assert_allclose(grad, numeric, atol=1e-9)


@given(arrays(np.float64, (4, 3), elements=st.floats(-500, 500)), st.integers(0, 2))
def test_softmax_cross_entropy_properties(Z, label):
    y = np.full(4, label)
    loss, grad = softmax_cross_entropy(Z, y)
    assert np.isfinite(loss) and loss >= 0  # stable even for logits of size 500
    np.testing.assert_allclose(
        grad.sum(axis=1), 0.0, atol=1e-12
    )  # s and onehot sum to 1
    assert np.all(grad[:, label] <= 0)  # pushing the true logit up lowers the loss


@pytest.mark.parametrize(
    ("y", "error", "fragment"),
    [
        ([0.0, 1.0], TypeError, "y must hold integer class labels"),
        ([0, 1, 1], ValueError, r"y must have shape \(2,\)"),
        ([0, 3], ValueError, r"y must hold labels in 0..2"),
        ([-1, 0], ValueError, r"y must hold labels in 0..2"),
    ],
)
def test_softmax_cross_entropy_rejects_bad_labels(y, error, fragment):
    with pytest.raises(error, match=fragment):
        softmax_cross_entropy(np.zeros((2, 3)), y)


def test_softmax_cross_entropy_rejects_bad_logits():
    with pytest.raises(ValueError, match="logits must have 2 dimension"):
        softmax_cross_entropy([0.0, 1.0], [0])
    with pytest.raises(ValueError, match="logits must be non-empty and finite"):
        softmax_cross_entropy([[0.0, np.nan]], [0])


# ---------------------------------------------------------------- backprop


def test_backprop_loss_matches_scikit_learn():
    params, X, y = _toy_problem()
    loss, _ = backprop(params, X, y)
    model = sklearn_network(params, X, y)
    assert loss == pytest.approx(log_loss(y, model.predict_proba(X)), rel=1e-12)


@given(
    st.integers(1, 3),
    st.integers(1, 4),
    st.integers(2, 3),
    st.integers(1, 4),
    st.integers(0, 10_000),
)
def test_backprop_agrees_with_finite_differences(n_in, n_hidden, n_out, m, seed):
    rng = np.random.default_rng(seed)
    params = init_two_layer(n_in, n_hidden, n_out, rng)
    params["b1"] = rng.normal(size=n_hidden)  # non-zero biases exercise every term
    X, y = rng.normal(size=(m, n_in)), rng.integers(0, n_out, size=m)
    for name, error in gradient_check(params, X, y).items():
        assert error < TOLERANCE, name


def test_one_gradient_step_lowers_the_loss():
    params, X, y = _toy_problem()
    loss, grads = backprop(params, X, y)
    stepped = {k: v - 0.1 * grads[k] for k, v in params.items()}
    assert backprop(stepped, X, y)[0] < loss


def test_backprop_rejects_bad_input():
    params, X, y = _toy_problem()
    with pytest.raises(ValueError, match="X has 3 columns but W1 has 4 rows"):
        backprop(params, X[:, :3], y)
    with pytest.raises(ValueError, match=r"y must have shape \(30,\)"):
        backprop(params, X, y[:5])
    with pytest.raises(TypeError, match="params must be a dict"):
        backprop(None, X, y)


# ---------------------------------------------------------------- parameter_loss


def test_parameter_loss_matches_scikit_learn_at_changed_weights():
    params, X, y = _toy_problem()
    W2 = params["W2"] + 0.3
    model = sklearn_network({**params, "W2": W2}, X, y)
    loss = parameter_loss(params, "W2", X, y)(W2)
    assert loss == pytest.approx(log_loss(y, model.predict_proba(X)), rel=1e-12)


@given(st.sampled_from(["W1", "b1", "W2", "b2"]), st.integers(0, 100))
def test_parameter_loss_at_the_current_value_is_the_loss(name, seed):
    rng = np.random.default_rng(seed)
    params = init_two_layer(3, 4, 3, rng)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, size=6)
    f = parameter_loss(params, name, X, y)
    assert f(params[name]) == pytest.approx(backprop(params, X, y)[0], rel=1e-14)


def test_parameter_loss_rejects_bad_input():
    params, X, y = _toy_problem()
    with pytest.raises(
        ValueError, match="name must be one of W1, b1, W2, b2, got 'W3'"
    ):
        parameter_loss(params, "W3", X, y)
    with pytest.raises(ValueError, match="params shapes do not fit together"):
        parameter_loss(params, "b1", X, y)(np.zeros(7))


# ---------------------------------------------------------------- relative_error


def test_relative_error_closed_values():
    assert relative_error([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == 1.0  # |2| / (1 + 1)
    assert relative_error([3.0, 4.0], [3.0, 4.5]) == pytest.approx(
        0.5 / (5 + np.hypot(3, 4.5))
    )


@given(
    arrays(np.float64, 4, elements=st.floats(-1e3, 1e3)),
    arrays(np.float64, 4, elements=st.floats(-1e3, 1e3)),
    st.floats(1e-3, 1e3),
)
def test_relative_error_is_symmetric_bounded_and_scale_free(a, b, s):
    e = relative_error(a, b)
    assert 0.0 <= e <= 1.0 + 1e-12  # triangle inequality
    assert e == relative_error(b, a)
    assert relative_error(s * a, s * b) == pytest.approx(e, rel=1e-9, abs=1e-12)


def test_relative_error_rejects_bad_input():
    with pytest.raises(ValueError, match="a and b must have the same shape"):
        relative_error([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="b must be non-empty and finite"):
        relative_error([1.0], [np.nan])


# ---------------------------------------------------------------- gradient_check


def test_gradient_check_passes_and_catches_a_bug(monkeypatch):
    params, X, y = _toy_problem()
    errors = gradient_check(params, X, y)
    assert set(errors) == {"W1", "b1", "W2", "b2"}
    assert max(errors.values()) < TOLERANCE

    def buggy_backprop(params, X, y):  # forgets the tanh derivative
        p = check_params(params)
        cache = two_layer_forward(p, X)
        loss, dZ2 = softmax_cross_entropy(cache["Z2"], y)
        dH, dW2, db2 = bp.dense_layer_gradients(cache["H"], p["W2"], dZ2)
        _, dW1, db1 = bp.dense_layer_gradients(cache["X"], p["W1"], dH)
        return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    monkeypatch.setattr(bp, "backprop", buggy_backprop)
    errors = bp.gradient_check(params, X, y)
    assert errors["W1"] > 1e-2 and errors["b1"] > 1e-2  # the bug is in layer 1
    assert errors["W2"] < TOLERANCE  # layer 2 is still right


def test_gradient_check_rejects_bad_input():
    params, X, y = _toy_problem()
    with pytest.raises(ValueError, match="h must be a positive finite number"):
        gradient_check(params, X, y, h=0.0)
    with pytest.raises(ValueError, match=r"y must hold labels in 0\.\.2"):
        gradient_check(params, X, np.full(30, 5))


# ---------------------------------------------------------------- plot_gradient_check


def test_plot_gradient_check_puts_every_entry_on_the_diagonal():
    fig = plot_gradient_check()
    assert fig.get_label()
    ax_scatter, ax_bars = fig.axes
    points = [line for line in ax_scatter.get_lines() if line.get_marker() == "o"]
    assert len(points) == 4  # W1, b1, W2, b2
    total = 0
    for line in points:
        analytic, numeric = (np.asarray(v) for v in line.get_data())
        np.testing.assert_allclose(analytic, numeric, atol=1e-9)
        total += analytic.size
    assert total == 4 * 5 + 5 + 5 * 3 + 3
    heights = np.array([patch.get_height() for patch in ax_bars.patches])
    assert heights.size == total and np.all(heights < 1e-8)
