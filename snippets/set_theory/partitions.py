"""Partitions: blocks and labels, train/validation/test splits, k-fold
cross-validation, indicator functions and one-hot encoding.

Page: docs/set-theory/partitions.md
"""

# --8<-- [start:imports]
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from snippets.checks import as_array
from snippets.plotting import COLORS, new_figure
from snippets.set_theory.relations_functions import as_labels, as_map


# --8<-- [start:is_partition]
def is_partition(blocks: Sequence[ArrayLike], n: int) -> bool:
    """Return True when the index arrays in ``blocks`` partition {0, ..., n - 1}.

    A partition: every block is nonempty, and every element lies in exactly one
    block (the blocks are pairwise disjoint and together cover the set).

    Examples
    --------
    >>> is_partition([[0, 2], [1, 3]], 4), is_partition([[0, 2], [2, 3]], 4)
    (True, False)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    arrays = [np.asarray(b) for b in blocks]
    for i, b in enumerate(arrays):
        if b.size and (b.dtype.kind not in "iu" or b.ndim != 1):
            raise TypeError(f"blocks[{i}] must be a 1-D array of integer indices")
        if b.size and (b.min() < 0 or b.max() >= n):
            raise ValueError(f"blocks[{i}] has indices outside [0, {n})")
    if not arrays or any(b.size == 0 for b in arrays):
        return False  # a partition has at least one block, and no empty block
    counts = np.bincount(np.concatenate(arrays).astype(np.intp), minlength=n)
    return bool(np.all(counts == 1))  # each element in exactly one block


# --8<-- [end:is_partition]


# --8<-- [start:blocks_from_labels]
def blocks_from_labels(labels: ArrayLike) -> list[np.ndarray]:
    """Return the partition that ``labels`` induce: one index array per label value.

    Blocks come in sorted label order; indices in a block are increasing.

    Examples
    --------
    >>> blocks_from_labels(["b", "a", "b", "c"])
    [array([1]), array([0, 2]), array([3])]
    """
    y = as_labels(labels, "labels")
    _, codes = np.unique(y, return_inverse=True)
    order = np.argsort(codes, kind="stable")  # indices grouped by class
    return np.split(order, np.cumsum(np.bincount(codes))[:-1])


# --8<-- [end:blocks_from_labels]


# --8<-- [start:split_indices]
def split_indices(
    n: int,
    fractions: ArrayLike = (0.6, 0.2, 0.2),
    rng: np.random.Generator | None = None,
) -> list[np.ndarray]:
    """Return disjoint, covering index sets of {0, ..., n - 1} with the given shares.

    The default gives train, validation and test sets of 60%, 20% and 20%. Sizes use
    the largest-remainder rule: every share is rounded down, then the samples left
    over go to the largest fractional parts, so each size is within 1 of
    ``fraction * n`` and the sizes add up to n. Indices in each part are sorted.

    Examples
    --------
    >>> train, val, test = split_indices(10, rng=np.random.default_rng(0))
    >>> train.size, val.size, test.size
    (6, 2, 2)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    f = as_array(fractions, "fractions", ndim=1)
    if np.any(f < 0):
        raise ValueError(f"fractions must be non-negative, got {f.min():.6g}")
    if abs(f.sum() - 1.0) > 1e-9:
        raise ValueError(f"fractions must sum to 1, got {f.sum():.10g}")
    rng = np.random.default_rng() if rng is None else rng
    exact = f * n
    sizes = np.floor(exact).astype(int)
    leftover = n - sizes.sum()
    sizes[np.argsort(sizes - exact, kind="stable")[:leftover]] += 1
    perm = rng.permutation(n)  # a random order, cut into consecutive pieces
    return [np.sort(part) for part in np.split(perm, np.cumsum(sizes)[:-1])]


# --8<-- [end:split_indices]


# --8<-- [start:kfold_labels]
def kfold_labels(
    n: int, k: int, shuffle: bool = False, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Return the fold number (0, ..., k - 1) of each of n samples.

    The rule of scikit-learn's ``KFold``: take the samples in order (or in the order
    ``rng.permutation(n)`` when ``shuffle``) and cut that order into k consecutive
    folds; the first n % k folds get n // k + 1 samples, the others n // k.

    Examples
    --------
    >>> kfold_labels(7, 3)
    array([0, 0, 0, 1, 1, 2, 2])
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be an integer >= 2, got {n!r}")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= n:
        raise ValueError(f"k must be an integer with 2 <= k <= n = {n}, got {k!r}")
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    if shuffle:
        rng = np.random.default_rng() if rng is None else rng
        order = rng.permutation(n)
    else:
        order = np.arange(n)
    folds = np.empty(n, dtype=int)
    folds[order] = np.repeat(np.arange(k), sizes)  # consecutive pieces of the order
    return folds


# --8<-- [end:kfold_labels]


# --8<-- [start:kfold_indices]
def kfold_indices(
    n: int, k: int, shuffle: bool = False, rng: np.random.Generator | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Return k pairs (train, validation) of sorted index arrays, one per fold.

    Fold j validates on the samples with fold number j and trains on all others.

    Examples
    --------
    >>> for train, val in kfold_indices(5, 2):
    ...     print(train, val)
    [3 4] [0 1 2]
    [0 1 2] [3 4]
    """
    folds = kfold_labels(n, k, shuffle, rng)
    return [(np.flatnonzero(folds != j), np.flatnonzero(folds == j)) for j in range(k)]


# --8<-- [end:kfold_indices]


# --8<-- [start:one_hot]
def one_hot(codes: ArrayLike, n_classes: int) -> np.ndarray:
    """Return the (n, n_classes) one-hot matrix: row i is the indicator of codes[i].

    Column j is the indicator function of class j over the n samples.

    Examples
    --------
    >>> one_hot([2, 0, 1], 3)
    array([[0., 0., 1.],
           [1., 0., 0.],
           [0., 1., 0.]])
    """
    c = as_map(codes, n_classes, "codes")  # integers in [0, n_classes)
    Y = np.zeros((c.size, n_classes))
    Y[np.arange(c.size), c] = 1.0  # one 1 per row, in the column of its class
    return Y


# --8<-- [end:one_hot]


# --8<-- [start:from_one_hot]
def from_one_hot(Y: ArrayLike) -> np.ndarray:
    """Return the class code of each row of a one-hot matrix (the inverse of one_hot).

    Examples
    --------
    >>> from_one_hot([[0, 0, 1], [1, 0, 0]])
    array([2, 0])
    """
    Y = as_array(Y, "Y", ndim=2)
    if not (np.isin(Y, (0.0, 1.0)).all() and np.all(Y.sum(axis=1) == 1)):
        raise ValueError(
            "Y must be one-hot: a single 1 in each row and zeros elsewhere"
        )
    return Y.argmax(axis=1)


# --8<-- [end:from_one_hot]


def plot_kfold(
    n: int = 20, k: int = 5, shuffle: bool = False, seed: int | None = 0
) -> Figure:
    """Draw k-fold cross-validation as a folds-by-samples grid of train/validation."""
    folds = kfold_labels(n, k, shuffle, np.random.default_rng(seed))
    is_val = folds[None, :] == np.arange(k)[:, None]  # (k, n): validation cells
    how = "in shuffled order" if shuffle else "in data order"
    fig, ax = new_figure(
        f"A grid with one row per fold ({k} folds) and one column per sample ({n} "
        f"samples). In each row the validation samples are colored orange and the "
        f"training samples blue; the folds were cut {how}, so every sample is "
        "validated in exactly one row.",
        width=min(9.0, 1.6 + 0.3 * n),
        height=1.0 + 0.4 * k,
    )
    cmap = ListedColormap([COLORS[0], COLORS[1]])
    ax.imshow(is_val, cmap=cmap, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(0, n, max(1, n // 10)))  # integers: no clash with the grid
    ax.set_xticks(np.arange(n + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(k + 1) - 0.5, minor=True)
    ax.grid(False)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.set_yticks(range(k), [f"fold {j + 1}" for j in range(k)])
    ax.set_xlabel("sample index")
    ax.set_title(f"{k}-fold cross-validation, {how}")
    ax.legend(
        handles=[
            Patch(color=COLORS[0], label="train"),
            Patch(color=COLORS[1], label="validation"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.25),
        ncol=2,
    )
    return fig
