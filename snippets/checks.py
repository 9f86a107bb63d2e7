"""Input checks shared by every module: bad input becomes one clear error.

Pages show :func:`as_array` next to the functions that call it, so each code block
stays a copyable unit.
"""

import numpy as np
from numpy.typing import ArrayLike


# fmt: off
# --8<-- [start:as_array]
def as_array(x: ArrayLike, name: str, *, ndim: int | None = None,
             square: bool = False, symmetric: bool = False) -> np.ndarray:
    """Return x as a finite, non-empty float array, or raise an error naming it."""
    try:
        a = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        kind = type(x).__name__
        raise TypeError(f"{name} must be array-like of numbers, got {kind}") from None
    if ndim is not None and a.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimension(s), got shape {a.shape}")
    if a.size == 0 or not np.isfinite(a).all():
        raise ValueError(f"{name} must be non-empty and finite (no NaN or inf)")
    if (square or symmetric) and (a.ndim != 2 or a.shape[0] != a.shape[1]):
        raise ValueError(f"{name} must be a square matrix, got shape {a.shape}")
    if symmetric and not np.allclose(a, a.T, rtol=1e-10, atol=1e-12):
        raise ValueError(f"{name} must be symmetric")
    return a


# --8<-- [end:as_array]
# fmt: on


# --8<-- [start:as_probability]
def as_probability(
    p: ArrayLike, name: str, *, ndim: int | None = 1, tol: float = 1e-9
) -> np.ndarray:
    """Return p as probabilities (entries >= 0, summing to 1 within tol) or raise."""
    a = as_array(p, name, ndim=ndim)
    if np.any(a < 0):
        raise ValueError(f"{name} must be non-negative, got an entry {a.min():.3g}")
    total = float(a.sum())
    if abs(total - 1.0) > tol:
        raise ValueError(f"{name} must sum to 1 (within {tol:g}), got {total:.12g}")
    return a


# --8<-- [end:as_probability]
