"""Sets: membership with Python sets and NumPy boolean masks, power sets, cardinality.

Page: docs/set-theory/sets.md
"""

# --8<-- [start:imports]
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:as_mask]
def as_mask(x: ArrayLike, name: str, *, ndim: int = 1) -> np.ndarray:
    """Return x as a non-empty boolean array, or raise an error naming it.

    Entries may be True/False or 0/1. Any other value is an error: an integer array
    used as an index selects *positions*, not members, so it must not pass silently.

    Examples
    --------
    >>> as_mask([1, 0, 1], "a")
    array([ True, False,  True])
    """
    a = np.asarray(x)
    if a.dtype != bool:
        if a.dtype.kind not in "iuf":
            raise TypeError(f"{name} must be a boolean mask, got dtype {a.dtype}")
        if not np.isin(a, (0, 1)).all():
            raise ValueError(f"{name} must be a boolean mask (True/False or 0/1)")
        a = a.astype(bool)
    if a.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimension(s), got shape {a.shape}")
    if a.size == 0:
        raise ValueError(f"{name} must be non-empty")
    return a


# --8<-- [end:as_mask]


# --8<-- [start:to_mask]
def to_mask(indices: Iterable[int], n: int) -> np.ndarray:
    """Return the boolean mask of length n that is True exactly at ``indices``.

    The universe is the index set {0, ..., n - 1} of a data set; ``indices`` is a
    subset of it (a Python set, list or integer array; repeats are ignored).

    Examples
    --------
    >>> to_mask({0, 3}, 5)
    array([ True, False, False,  True, False])
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    idx = np.asarray(list(indices))
    if idx.size == 0:
        return np.zeros(n, dtype=bool)  # the empty set
    if idx.dtype.kind not in "iu" or idx.ndim != 1:
        raise TypeError(
            f"indices must be integers, got {idx.dtype} of shape {idx.shape}"
        )
    if idx.min() < 0 or idx.max() >= n:
        raise ValueError(
            f"indices must lie in [0, {n}), got min {idx.min()}, max {idx.max()}"
        )
    mask = np.zeros(n, dtype=bool)
    mask[idx] = True
    return mask


# --8<-- [end:to_mask]


# --8<-- [start:from_mask]
def from_mask(mask: ArrayLike) -> set[int]:
    """Return the set of indices where ``mask`` is True (the inverse of ``to_mask``).

    Examples
    --------
    >>> from_mask([True, False, False, True])
    {0, 3}
    """
    return set(np.flatnonzero(as_mask(mask, "mask")).tolist())


# --8<-- [end:from_mask]


# --8<-- [start:is_subset]
def is_subset(a: ArrayLike, b: ArrayLike) -> bool:
    """Return True when A ⊆ B: no element of A lies outside B.

    Examples
    --------
    >>> is_subset([1, 0, 0], [1, 1, 0]), is_subset([1, 0, 1], [1, 1, 0])
    (True, False)
    """
    a, b = as_mask(a, "a"), as_mask(b, "b")
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must have the same length, got {a.size} and {b.size}"
        )
    return not np.any(a & ~b)  # an element in A but not in B would break A ⊆ B


# --8<-- [end:is_subset]


# --8<-- [start:power_set_masks]
def power_set_masks(n: int) -> np.ndarray:
    """Return all 2^n subsets of {0, ..., n - 1} as the rows of a boolean matrix.

    Row i is the binary expansion of i: element j is in subset i when bit j of i is
    1. So the rows run through every subset exactly once, from the empty set (row 0)
    to the whole set (row 2^n - 1). n is limited to 20 (about a million rows).

    Examples
    --------
    >>> power_set_masks(2)
    array([[False, False],
           [ True, False],
           [False,  True],
           [ True,  True]])
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    if n > 20:
        raise ValueError(f"n must be at most 20: 2^{n} subsets is too many to list")
    codes = np.arange(2**n)[:, None]  # one integer per subset
    return ((codes >> np.arange(n)) & 1).astype(bool)  # its bits, one per element


# --8<-- [end:power_set_masks]


# --8<-- [start:power_set]
def power_set(items: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Return every subset of ``items`` as a tuple, in the row order of power_set_masks.

    Examples
    --------
    >>> power_set("ab")
    [(), ('a',), ('b',), ('a', 'b')]
    """
    items = list(items)
    if len(set(items)) != len(items):
        raise ValueError("items must be distinct (a set has no repeated elements)")
    masks = power_set_masks(len(items))
    return [tuple(items[j] for j in np.flatnonzero(row)) for row in masks]


# --8<-- [end:power_set]


# --8<-- [start:column_cardinality]
def column_cardinality(X: ArrayLike) -> np.ndarray:
    """Return the number of distinct values in each column of the data matrix X.

    Sort each column; a new value starts wherever two neighbors differ.

    Examples
    --------
    >>> column_cardinality([[1, 5], [1, 6], [2, 5]])
    array([2, 2])
    """
    X = as_array(X, "X", ndim=2)
    s = np.sort(X, axis=0)
    return 1 + (np.diff(s, axis=0) != 0).sum(axis=0)


# --8<-- [end:column_cardinality]


def plot_power_set(n: int = 4) -> Figure:
    """Draw the 2^n subsets of {a, b, c, ...} as the rows of a boolean mask matrix."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 6:
        raise ValueError(
            f"n must be an integer in [1, 6] for a readable plot, got {n!r}"
        )
    masks = power_set_masks(n)
    names = [chr(ord("a") + j) for j in range(n)]
    fig, ax = new_figure(
        f"The power set of {{{', '.join(names)}}} drawn as a {2**n} by {n} grid: one "
        "row per subset, a filled cell where the element belongs to the subset. Row i "
        "is the binary expansion of i, so the rows run from the empty set to the "
        "whole set.",
        width=3.6,
        height=1.2 + 0.28 * 2**n,
    )
    ax.imshow(masks, cmap="Blues", vmin=-0.3, vmax=1.2, aspect="auto")
    ax.set_xticks(range(n), names)
    ax.xaxis.tick_top()
    labels = [
        "{" + ", ".join(names[j] for j in np.flatnonzero(row)) + "}" for row in masks
    ]
    labels[0] = "∅"
    ax.set_yticks(range(2**n), labels, fontsize=8)
    ax.set_xticks(np.arange(n + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(2**n + 1) - 0.5, minor=True)
    ax.grid(False)
    ax.grid(which="minor", color="#999999", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    ax.set_title(f"Power set of {{{', '.join(names)}}}: $2^{n} = {2**n}$ subsets")
    return fig
