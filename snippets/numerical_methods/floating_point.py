"""Floating point: overflow, underflow and the log-sum-exp trick (stable softmax).

Page: docs/numerical-methods/floating-point.md (the section on log-sum-exp). Other areas
(information theory's cross-entropy, multivariable calculus's softmax Jacobian) include
these sections rather than writing them again.
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from snippets.checks import as_array


# --8<-- [start:logsumexp]
def logsumexp(z: ArrayLike, axis: int = -1) -> np.ndarray | float:
    """Return log(sum(exp(z))) along ``axis`` without overflow or underflow.

    Shifting by the maximum m leaves the value unchanged,
    log sum exp(z) = m + log sum exp(z - m), and makes every exponent <= 0.

    Examples
    --------
    >>> logsumexp([1000.0, 1000.0])  # 1000 + log 2; the naive form gives inf
    1000.6931471805599
    """
    z = as_array(z, "z")
    m = np.max(z, axis=axis, keepdims=True)
    out = np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(z - m), axis=axis))
    return float(out) if out.ndim == 0 else out


# --8<-- [end:logsumexp]


# --8<-- [start:softmax]
def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """Return exp(z) / sum(exp(z)) along ``axis``, computed stably (max subtracted).

    Examples
    --------
    >>> softmax([1000.0, 1000.0, 1000.0])
    array([0.33333333, 0.33333333, 0.33333333])
    """
    z = as_array(z, "z")
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


# --8<-- [end:softmax]


# --8<-- [start:log_softmax]
def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """Return log(softmax(z)) = z - logsumexp(z), finite even where softmax underflows.

    Examples
    --------
    >>> log_softmax([0.0, 1000.0])  # softmax gives 0.0 for the first entry
    array([-1000.,     0.])
    """
    z = as_array(z, "z")
    m = np.max(z, axis=axis, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))


# --8<-- [end:log_softmax]
