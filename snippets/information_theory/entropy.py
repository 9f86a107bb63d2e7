"""Entropy: surprisal, entropy in bits and nats, conditional entropy, Gaussian entropy.

Page: docs/information-theory/entropy.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array, as_probability
from snippets.plotting import new_figure


# --8<-- [start:log_base]
def log_base(base: float) -> float:
    """Return log(base): divide a value in nats by it to get units of ``base``.

    base = 2 gives bits, base = e gives nats.

    Examples
    --------
    >>> log_base(np.e)
    1.0
    """
    if not isinstance(base, (int, float)) or not (
        np.isfinite(base) and base > 0 and base != 1
    ):
        raise ValueError(f"base must be a finite number > 0 and != 1, got {base!r}")
    return float(np.log(base))


# --8<-- [end:log_base]


# --8<-- [start:self_information]
def self_information(p: ArrayLike, base: float = np.e) -> np.ndarray | float:
    """Return the surprisal -log_b(p) of an event of probability p (inf for p = 0).

    Works elementwise; a scalar p gives a Python float.

    Examples
    --------
    >>> self_information(0.5, base=2)  # a fair coin flip carries one bit
    1.0
    """
    a = as_array(p, "p")
    if np.any((a < 0) | (a > 1)):
        raise ValueError("p must be a probability in [0, 1]")
    with np.errstate(divide="ignore"):  # log(0) = -inf: an impossible event
        out = (0.0 - np.log(a)) / log_base(base)  # 0.0 - x turns -0.0 into 0.0
    return float(out) if out.ndim == 0 else out


# --8<-- [end:self_information]


# --8<-- [start:entropy]
def entropy(p: ArrayLike, base: float = np.e) -> float:
    """Return H(p) = -sum p_i log p_i of a probability vector or table (0 log 0 = 0).

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)
    1.0
    """
    p = as_probability(p, "p", ndim=None)  # a joint table gives the joint entropy
    log_p = np.log(np.where(p > 0, p, 1.0))  # 0 log 0 = 0: use log 1 = 0 there
    return float(0.0 - np.sum(p * log_p) / log_base(base))


# --8<-- [end:entropy]


# --8<-- [start:binary_entropy]
def binary_entropy(p: ArrayLike, base: float = np.e) -> np.ndarray | float:
    """Return the entropy of a coin with P(heads) = p, elementwise over p in [0, 1].

    Examples
    --------
    >>> binary_entropy([0.0, 0.5, 1.0], base=2)
    array([0., 1., 0.])
    """
    a = as_array(p, "p")
    if np.any((a < 0) | (a > 1)):
        raise ValueError("p must be a probability in [0, 1]")
    b = 1.0 - a
    terms = a * np.log(np.where(a > 0, a, 1.0)) + b * np.log(np.where(b > 0, b, 1.0))
    out = (0.0 - terms) / log_base(base)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:binary_entropy]


# --8<-- [start:conditional_entropy]
def conditional_entropy(joint: ArrayLike, base: float = np.e) -> float:
    """Return H(Y | X) = -sum p(x, y) log p(y | x) for a joint table (rows: x, cols: y).

    Examples
    --------
    >>> conditional_entropy([[0.5, 0.0], [0.0, 0.5]])  # X determines Y
    0.0
    """
    P = as_probability(joint, "joint", ndim=2)
    p_x = P.sum(axis=1, keepdims=True)
    # p(y | x) = p(x, y) / p(x); where p(x, y) = 0 the term is 0, so put 1 (log 1 = 0).
    p_y_given_x = np.divide(P, p_x, out=np.ones_like(P), where=P > 0)
    return float(0.0 - np.sum(P * np.log(p_y_given_x)) / log_base(base))


# --8<-- [end:conditional_entropy]


# --8<-- [start:covariance_cholesky]
def covariance_cholesky(cov: ArrayLike, name: str) -> np.ndarray:
    """Return the Cholesky factor L (cov = L L^T) of a variance or covariance matrix.

    A scalar is a variance (a 1 x 1 matrix). Raises unless cov is symmetric positive
    definite.

    Examples
    --------
    >>> covariance_cholesky(4.0, "cov")
    array([[2.]])
    """
    c = as_array(cov, name)
    if c.ndim == 0:
        c = c.reshape(1, 1)
    c = as_array(c, name, symmetric=True)
    try:
        return np.linalg.cholesky(c)
    except np.linalg.LinAlgError:
        raise ValueError(
            f"{name} must be positive definite (a variance must be > 0)"
        ) from None


# --8<-- [end:covariance_cholesky]


# --8<-- [start:gaussian_entropy]
def gaussian_entropy(cov: ArrayLike, base: float = np.e) -> float:
    """Return the differential entropy (1/2) log((2 pi e)^n det(cov)) of N(mu, cov).

    cov is a variance (scalar) or an n x n covariance matrix; the mean plays no role.

    Examples
    --------
    >>> round(gaussian_entropy(1.0), 6)  # standard normal: (1/2) log(2 pi e)
    1.418939
    """
    L = covariance_cholesky(cov, "cov")
    n = L.shape[0]
    log_det = 2.0 * np.sum(np.log(np.diag(L)))  # det(cov) = prod(diag(L))^2
    return float(0.5 * (n * np.log(2 * np.pi * np.e) + log_det) / log_base(base))


# --8<-- [end:gaussian_entropy]


def plot_binary_entropy(num: int = 401) -> Figure:
    """Draw the entropy in bits of a coin with P(heads) = p, for p in [0, 1]."""
    fig, ax = new_figure(
        "The entropy in bits of a biased coin against its probability of heads p: an "
        "arch that is 0 at p = 0 and p = 1, symmetric about p = 0.5, where it reaches "
        "its maximum of 1 bit.",
        width=5.6,
        height=3.6,
    )
    p = np.linspace(0.0, 1.0, num)
    ax.plot(p, binary_entropy(p, base=2), label="$H(p)$ in bits")
    ax.plot([0.5], [1.0], "o", label="maximum: fair coin, 1 bit")
    ax.set_xlabel("probability of heads $p$")
    ax.set_ylabel("entropy (bits)")
    ax.set_title("Entropy of a biased coin")
    ax.set_ylim(0, 1.1)
    ax.legend(loc="lower center")
    return fig
