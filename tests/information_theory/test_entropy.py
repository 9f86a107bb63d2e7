"""Tests for snippets/information_theory/entropy.py (page: docs/information-theory/entropy.md)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import entr
from scipy.stats import entropy as scipy_entropy
from scipy.stats import multivariate_normal, norm

from snippets.information_theory.entropy import (
    binary_entropy,
    conditional_entropy,
    covariance_cholesky,
    entropy,
    gaussian_entropy,
    log_base,
    plot_binary_entropy,
    self_information,
)
from tests.information_theory.strategies import distributions, joint_tables

BAD_PROBABILITIES = [
    ([0.5, -0.1, 0.6], ValueError, "p must be non-negative"),
    ([0.5, 0.4], ValueError, "p must sum to 1"),
    ([], ValueError, "p must be non-empty and finite"),
    ([0.5, np.nan], ValueError, "p must be non-empty and finite"),
    ("ab", TypeError, "p must be array-like"),
]
BAD_BASES = [0, -2, 1, np.inf, "2", None]

# ---------------------------------------------------------------- log_base


@pytest.mark.parametrize(
    ("base", "expected"), [(2, np.log(2)), (np.e, 1.0), (10, np.log(10))]
)
def test_log_base_matches_numpy(base, expected):
    assert log_base(base) == pytest.approx(expected, rel=1e-15)


@given(st.floats(1e-3, 1e3).filter(lambda b: abs(b - 1) > 1e-6), st.floats(1e-3, 1e3))
def test_log_base_changes_units(base, x):
    # y = log(x) / log_base(b) is log_b(x): raising b to it gives x back
    assert base ** (np.log(x) / log_base(base)) == pytest.approx(x, rel=1e-9)


@pytest.mark.parametrize("base", BAD_BASES)
def test_log_base_rejects_bad_base(base):
    with pytest.raises(ValueError, match="base must be a finite number > 0 and != 1"):
        log_base(base)


# ---------------------------------------------------------------- self_information


def test_self_information_closed_forms():
    # -log2(1/2) = 1 bit, -log2(1/8) = 3 bits, -ln(1/e) = 1 nat, a sure event: 0
    assert self_information(0.5, base=2) == 1.0
    assert self_information(1 / 8, base=2) == pytest.approx(3.0)
    assert self_information(1 / np.e) == pytest.approx(1.0)
    assert self_information(1.0) == 0.0
    assert str(self_information(1.0)) == "0.0"  # not -0.0
    assert (
        self_information(0.0) == np.inf
    )  # an impossible event is infinitely surprising
    np.testing.assert_allclose(self_information([0.25, 0.5], base=2), [2.0, 1.0])


@given(st.floats(1e-12, 1.0), st.floats(1e-12, 1.0))
def test_self_information_adds_over_independent_events(p, q):
    # I(pq) = I(p) + I(q): surprisal is additive for independent events
    assert self_information(p * q) == pytest.approx(
        self_information(p) + self_information(q), rel=1e-9, abs=1e-12
    )
    assert self_information(p) >= 0


@pytest.mark.parametrize(
    ("p", "base", "error", "fragment"),
    [
        (1.5, np.e, ValueError, "p must be a probability in"),
        (-0.1, np.e, ValueError, "p must be a probability in"),
        (np.nan, np.e, ValueError, "p must be non-empty and finite"),
        ("x", np.e, TypeError, "p must be array-like"),
        (0.5, 1, ValueError, "base must be"),
    ],
)
def test_self_information_rejects_bad_input(p, base, error, fragment):
    with pytest.raises(error, match=fragment):
        self_information(p, base)


# ---------------------------------------------------------------- entropy


@given(distributions(), st.sampled_from([2, np.e, 10]))
def test_entropy_matches_scipy(p, base):
    assert entropy(p, base) == pytest.approx(
        scipy_entropy(p, base=base), rel=1e-10, abs=1e-12
    )
    # scipy.special.entr(p) = -p log p, with entr(0) = 0
    assert entropy(p) == pytest.approx(float(np.sum(entr(p))), rel=1e-10, abs=1e-12)


@given(st.integers(1, 200))
def test_entropy_of_uniform_is_log_n(n):
    assert entropy(np.full(n, 1.0 / n)) == pytest.approx(
        np.log(n), rel=1e-12, abs=1e-14
    )
    assert entropy(np.full(n, 1.0 / n), base=2) == pytest.approx(np.log2(n), abs=1e-12)


@given(distributions())
def test_entropy_bounds_and_zero_convention(p):
    # 0 <= H(p) <= log n, and appending impossible outcomes (0 log 0 = 0) changes nothing
    h = entropy(p)
    assert -1e-12 <= h <= np.log(p.size) + 1e-12
    assert entropy(np.concatenate([p, [0.0, 0.0]])) == pytest.approx(h, abs=1e-15)


def test_entropy_of_a_certain_outcome_is_zero():
    assert entropy([0.0, 1.0, 0.0]) == 0.0
    assert str(entropy([1.0])) == "0.0"


@pytest.mark.parametrize(("p", "error", "fragment"), BAD_PROBABILITIES)
def test_entropy_rejects_bad_input(p, error, fragment):
    with pytest.raises(error, match=fragment):
        entropy(p)


@pytest.mark.parametrize("base", BAD_BASES)
def test_entropy_rejects_bad_base(base):
    with pytest.raises(ValueError, match="base must be"):
        entropy([0.5, 0.5], base)


# ---------------------------------------------------------------- binary_entropy


def test_binary_entropy_matches_scipy_entropy():
    ps = np.linspace(0, 1, 101)
    expected = [scipy_entropy([p, 1 - p], base=2) for p in ps]
    np.testing.assert_allclose(binary_entropy(ps, base=2), expected, atol=1e-12)
    assert binary_entropy(0.5, base=2) == 1.0
    assert isinstance(binary_entropy(0.3), float)


@given(st.floats(0.0, 1.0))
def test_binary_entropy_is_symmetric_and_bounded(p):
    h = binary_entropy(p, base=2)
    assert 0.0 <= h <= 1.0 + 1e-15
    assert h == pytest.approx(binary_entropy(1 - p, base=2), abs=1e-12)
    assert h == pytest.approx(entropy([p, 1 - p], base=2), abs=1e-12)


@pytest.mark.parametrize(
    ("p", "error", "fragment"),
    [
        ([0.2, 1.2], ValueError, "p must be a probability"),
        (-0.5, ValueError, "p must be a probability"),
        ([np.inf], ValueError, "p must be non-empty and finite"),
        ([], ValueError, "p must be non-empty and finite"),
    ],
)
def test_binary_entropy_rejects_bad_input(p, error, fragment):
    with pytest.raises(error, match=fragment):
        binary_entropy(p)


# ---------------------------------------------------------------- conditional_entropy


def test_conditional_entropy_by_hand():
    # X a fair coin; if X = 0 then Y = 0, if X = 1 then Y is a fair coin: H(Y|X) = 1/2 bit
    joint = [[0.5, 0.0], [0.25, 0.25]]
    assert conditional_entropy(joint, base=2) == pytest.approx(0.5)
    # Independent: H(Y|X) = H(Y)
    px, py = np.array([0.3, 0.7]), np.array([0.2, 0.5, 0.3])
    assert conditional_entropy(np.outer(px, py)) == pytest.approx(scipy_entropy(py))


@given(joint_tables())
def test_chain_rule_of_entropy(P):
    # H(X, Y) = H(X) + H(Y | X), with the joint and marginal entropies from scipy
    h_xy = scipy_entropy(P.ravel())
    h_x = scipy_entropy(P.sum(axis=1))
    assert entropy(P) == pytest.approx(h_xy, rel=1e-10, abs=1e-12)
    assert h_xy == pytest.approx(h_x + conditional_entropy(P), rel=1e-9, abs=1e-12)
    # Conditioning reduces entropy: 0 <= H(Y | X) <= H(Y)
    h_y_given_x = conditional_entropy(P)
    assert -1e-12 <= h_y_given_x <= scipy_entropy(P.sum(axis=0)) + 1e-9


@pytest.mark.parametrize(
    ("joint", "error", "fragment"),
    [
        ([0.5, 0.5], ValueError, "joint must have 2 dimension"),
        ([[0.5, 0.6], [0.0, -0.1]], ValueError, "joint must be non-negative"),
        ([[0.5, 0.2], [0.0, 0.1]], ValueError, "joint must sum to 1"),
        ([[np.nan, 1.0]], ValueError, "joint must be non-empty and finite"),
    ],
)
def test_conditional_entropy_rejects_bad_input(joint, error, fragment):
    with pytest.raises(error, match=fragment):
        conditional_entropy(joint)


# ---------------------------------------------------------------- covariance_cholesky


def test_covariance_cholesky_matches_numpy():
    C = np.array([[4.0, 2.0], [2.0, 3.0]])
    L = covariance_cholesky(C, "cov")
    np.testing.assert_allclose(L, np.linalg.cholesky(C))
    np.testing.assert_allclose(covariance_cholesky(9.0, "cov"), [[3.0]])


@given(st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_covariance_cholesky_reconstructs(n, seed):
    A = np.random.default_rng(seed).normal(size=(n, n))
    C = A @ A.T + n * np.eye(n)
    L = covariance_cholesky(C, "cov")
    np.testing.assert_allclose(L @ L.T, C, rtol=1e-10, atol=1e-10)
    assert np.allclose(L, np.tril(L))


@pytest.mark.parametrize(
    ("cov", "fragment"),
    [
        (0.0, "cov must be positive definite"),
        (-1.0, "cov must be positive definite"),
        ([[1.0, 2.0], [2.0, 1.0]], "cov must be positive definite"),
        ([[1.0, 0.5], [0.0, 1.0]], "cov must be symmetric"),
        ([1.0, 2.0], "cov must be a square matrix"),
        ([[np.inf]], "cov must be non-empty and finite"),
    ],
)
def test_covariance_cholesky_rejects_bad_input(cov, fragment):
    with pytest.raises(ValueError, match=fragment):
        covariance_cholesky(cov, "cov")


# ---------------------------------------------------------------- gaussian_entropy


@pytest.mark.parametrize("sigma", [0.1, 1.0, 7.5])
def test_gaussian_entropy_matches_scipy_norm(sigma):
    assert gaussian_entropy(sigma**2) == pytest.approx(
        norm(scale=sigma).entropy(), rel=1e-12
    )
    assert gaussian_entropy(sigma**2, base=2) == pytest.approx(
        norm(scale=sigma).entropy() / np.log(2), rel=1e-12
    )


@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_gaussian_entropy_matches_scipy_multivariate(n, seed):
    A = np.random.default_rng(seed).normal(size=(n, n))
    C = A @ A.T + 0.5 * np.eye(n)
    assert gaussian_entropy(C) == pytest.approx(
        multivariate_normal(cov=C).entropy(), rel=1e-9, abs=1e-9
    )


@given(st.floats(1e-3, 1e3), st.floats(0.01, 100))
def test_gaussian_entropy_scaling_property(var, a):
    # h(aX) = h(X) + log|a|, i.e. scaling the variance by a^2 adds log a
    assert gaussian_entropy(a**2 * var) == pytest.approx(
        gaussian_entropy(var) + np.log(a), rel=1e-9, abs=1e-9
    )


@pytest.mark.parametrize(
    ("cov", "fragment"),
    [
        (0.0, "cov must be positive definite"),
        (-2.0, "cov must be positive definite"),
        ([[1.0, 0.0], [0.0, -1.0]], "cov must be positive definite"),
        ([[1.0, 2.0, 3.0]], "cov must be a square matrix"),
        (np.nan, "cov must be non-empty and finite"),
    ],
)
def test_gaussian_entropy_rejects_bad_input(cov, fragment):
    with pytest.raises(ValueError, match=fragment):
        gaussian_entropy(cov)


# ---------------------------------------------------------------- plot_binary_entropy


def test_plot_binary_entropy_draws_the_formula():
    fig = plot_binary_entropy()
    assert fig.get_label()
    p, h = fig.axes[0].get_lines()[0].get_data()
    np.testing.assert_allclose(h, (entr(p) + entr(1 - p)) / np.log(2), atol=1e-12)
    assert p[0] == 0.0 and p[-1] == 1.0
