"""Set operations: union, intersection, difference, complement, symmetric difference,
De Morgan's laws, inclusion–exclusion and Cartesian products (hyperparameter grids).

Page: docs/set-theory/set-operations.md
"""

# --8<-- [start:imports]
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure
from snippets.set_theory.sets import as_mask, power_set_masks

#: The operations set_operation knows, with their symbols.
OPERATIONS = {
    "union": "A \\cup B",
    "intersection": "A \\cap B",
    "difference": "A \\setminus B",
    "symmetric_difference": "A \\triangle B",
}


# --8<-- [start:set_operation]
def set_operation(a: ArrayLike, b: ArrayLike, op: str) -> np.ndarray:
    """Return the mask of A ∪ B, A ∩ B, A \\ B or A △ B for masks a and b.

    ``op`` is "union", "intersection", "difference" or "symmetric_difference". Both
    masks live in the same universe {0, ..., n - 1}, so they must have equal length.

    Examples
    --------
    >>> a, b = [True, True, False, False], [True, False, True, False]
    >>> set_operation(a, b, "union")
    array([ True,  True,  True, False])
    >>> set_operation(a, b, "symmetric_difference")
    array([False,  True,  True, False])
    """
    a, b = as_mask(a, "a"), as_mask(b, "b")
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must be masks of the same universe (same length), "
            f"got {a.size} and {b.size}"
        )
    if op == "union":
        return a | b  # in A or in B
    if op == "intersection":
        return a & b  # in A and in B
    if op == "difference":
        return a & ~b  # in A and not in B
    if op == "symmetric_difference":
        return a ^ b  # in exactly one of them
    raise ValueError(
        "op must be 'union', 'intersection', 'difference' or "
        f"'symmetric_difference', got {op!r}"
    )


# --8<-- [end:set_operation]


# --8<-- [start:complement]
def complement(a: ArrayLike) -> np.ndarray:
    """Return the mask of A^c: every element of the universe that is not in A.

    Examples
    --------
    >>> complement([True, False, False])
    array([False,  True,  True])
    """
    return ~as_mask(a, "a")  # ~ is logical NOT only on a *boolean* array


# --8<-- [end:complement]


# --8<-- [start:check_set_laws]
def check_set_laws(a: ArrayLike, b: ArrayLike, c: ArrayLike) -> dict[str, bool]:
    """Evaluate De Morgan's laws, distributivity and inclusion–exclusion on masks.

    Each entry is True when the law holds for these three sets (it always should).

    Examples
    --------
    >>> laws = check_set_laws([1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 1, 0])
    >>> all(laws.values())
    True
    """
    a, b, c = as_mask(a, "a"), as_mask(b, "b"), as_mask(c, "c")
    if not a.shape == b.shape == c.shape:
        raise ValueError(
            f"a, b and c must have the same length, got {a.size}, {b.size}, {c.size}"
        )
    return {
        "de_morgan_union": np.array_equal(~(a | b), ~a & ~b),
        "de_morgan_intersection": np.array_equal(~(a & b), ~a | ~b),
        "distributive_over_union": np.array_equal(a & (b | c), (a & b) | (a & c)),
        "distributive_over_intersection": np.array_equal(
            a | (b & c), (a | b) & (a | c)
        ),
        "inclusion_exclusion": bool((a | b).sum() == a.sum() + b.sum() - (a & b).sum()),
    }


# --8<-- [end:check_set_laws]


# --8<-- [start:inclusion_exclusion]
def inclusion_exclusion(masks: ArrayLike, order: int | None = None) -> int:
    """Return |A_1 ∪ ... ∪ A_k| computed from the sizes of intersections.

    Row i of ``masks`` (shape (k, n)) is the set A_i. The sum runs over every
    nonempty collection S of the sets, with sign (-1)^(|S| + 1). Keeping only the
    collections of size <= ``order`` gives the Bonferroni bounds: an upper bound for
    odd ``order`` (order=1 is the union bound), a lower bound for even ``order``.

    Examples
    --------
    >>> masks = [[1, 1, 0, 0], [0, 1, 1, 0]]
    >>> inclusion_exclusion(masks), inclusion_exclusion(masks, order=1)
    (3, 4)
    """
    M = as_mask(masks, "masks", ndim=2)
    k = M.shape[0]
    if k > 12:
        raise ValueError(f"masks must have at most 12 rows (2^k - 1 terms), got {k}")
    if order is None:
        order = k
    if isinstance(order, bool) or not isinstance(order, (int, np.integer)) or order < 1:
        raise ValueError(f"order must be a positive integer, got {order!r}")
    S = power_set_masks(k)[1:]  # every nonempty collection of the k sets
    sizes = S.sum(axis=1)
    S, sizes = S[sizes <= order], sizes[sizes <= order]
    # x lies in every set of S exactly when it is missing from none of them.
    in_all = (S.astype(int) @ (~M).astype(int)) == 0  # (collections, n)
    signs = np.where(sizes % 2 == 1, 1, -1)
    return int(signs @ in_all.sum(axis=1))


# --8<-- [end:inclusion_exclusion]


# --8<-- [start:cartesian_product]
def cartesian_product(*arrays: ArrayLike) -> np.ndarray:
    """Return A_1 × ... × A_k as an array with one k-tuple per row.

    The rows come in the order of ``itertools.product``: the last factor varies
    fastest. There are |A_1| |A_2| ... |A_k| rows.

    Examples
    --------
    >>> cartesian_product([1, 2], [10, 20, 30])
    array([[ 1., 10.],
           [ 1., 20.],
           [ 1., 30.],
           [ 2., 10.],
           [ 2., 20.],
           [ 2., 30.]])
    """
    if len(arrays) == 0:
        raise ValueError("arrays must hold at least one array")
    axes = [as_array(a, f"arrays[{i}]", ndim=1) for i, a in enumerate(arrays)]
    grids = np.meshgrid(*axes, indexing="ij")  # "ij": the first factor is the slowest
    return np.stack(grids, axis=-1).reshape(-1, len(axes))


# --8<-- [end:cartesian_product]


# --8<-- [start:parameter_grid]
def parameter_grid(grid: Mapping[str, Iterable[Any]]) -> list[dict[str, Any]]:
    """Return every combination of hyperparameter values, one dict per combination.

    The grid is the Cartesian product of the value lists. Names are sorted and the
    last name varies fastest, which is the order of scikit-learn's ``ParameterGrid``.
    An empty grid is the empty product: a single empty combination.

    Examples
    --------
    >>> parameter_grid({"C": [0.1, 1.0], "kernel": ["linear", "rbf"]})
    [{'C': 0.1, 'kernel': 'linear'}, {'C': 0.1, 'kernel': 'rbf'},
     {'C': 1.0, 'kernel': 'linear'}, {'C': 1.0, 'kernel': 'rbf'}]
    """
    if not isinstance(grid, Mapping):
        raise TypeError(
            f"grid must be a dict of name -> values, got {type(grid).__name__}"
        )
    if not all(isinstance(key, str) for key in grid):
        raise TypeError("grid must have string keys (hyperparameter names)")
    names = sorted(grid)
    values = []
    for name in names:
        v = grid[name]
        if isinstance(v, (str, bytes)) or not isinstance(v, Iterable):
            raise ValueError(f"grid[{name!r}] must be a list of values, got {v!r}")
        v = list(v)
        if len(v) == 0:
            raise ValueError(f"grid[{name!r}] must be a non-empty list of values")
        values.append(v)
    if not names:
        return [{}]
    # The product of the index sets {0..|V_1|-1} x ... x {0..|V_k|-1}, last fastest.
    index = np.indices([len(v) for v in values]).reshape(len(names), -1).T
    return [
        {name: v[i] for name, v, i in zip(names, values, row, strict=True)}
        for row in index.tolist()
    ]


# --8<-- [end:parameter_grid]


def plot_set_operations(resolution: int = 161) -> Figure:
    """Draw A ∪ B, A ∩ B, A \\ B, A △ B, A^c and A^c ∩ B^c as masks of pixels."""
    xs = np.linspace(-2.2, 2.2, resolution)
    ys = np.linspace(-1.4, 1.4, resolution * 2 // 3)
    x, y = np.meshgrid(xs, ys)
    in_a = ((x + 0.55) ** 2 + y**2 <= 1.0).ravel()  # each pixel is one element
    in_b = ((x - 0.55) ** 2 + y**2 <= 1.0).ravel()
    panels = [
        (set_operation(in_a, in_b, op), f"${symbol}$")
        for op, symbol in OPERATIONS.items()
    ]
    panels.append((complement(in_a), "$A^c$"))
    panels.append(
        (
            complement(set_operation(in_a, in_b, "union")),
            "$(A \\cup B)^c = A^c \\cap B^c$",
        )
    )
    fig, axes = new_figure(
        "Six panels, each a rectangle of pixels with two overlapping disks A (left) "
        "and B (right); the shaded pixels are the set named in the title: the union, "
        "the intersection, the difference A minus B, the symmetric difference, the "
        "complement of A, and the complement of the union, which by De Morgan's law "
        "equals the intersection of the complements.",
        nrows=2,
        ncols=3,
        width=7.2,
        height=3.6,
    )
    angle = np.linspace(0, 2 * np.pi, 200)
    for ax, (mask, title) in zip(axes.ravel(), panels, strict=True):
        ax.imshow(
            mask.reshape(x.shape),
            cmap="Blues",
            vmin=-0.2,
            vmax=1.3,
            origin="lower",
            extent=(xs[0], xs[-1], ys[0], ys[-1]),
        )
        for cx, name in ((-0.55, "A"), (0.55, "B")):
            ax.plot(cx + np.cos(angle), np.sin(angle), color="#333333", lw=1.0)
            ax.text(
                cx + 0.85 * np.sign(cx),
                0.95,
                name,
                ha="center",
                fontsize=10,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
            )
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    return fig
