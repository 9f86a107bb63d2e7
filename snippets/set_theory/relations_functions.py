"""Relations and functions: relation matrices, equivalence relations and classes,
injective / surjective / bijective maps, label encoding and decoding.

Page: docs/set-theory/relations-functions.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.plotting import new_figure
from snippets.set_theory.sets import as_mask


# --8<-- [start:as_labels]
def as_labels(labels: ArrayLike, name: str) -> np.ndarray:
    """Return labels as a non-empty 1-D array of numbers or strings, or raise.

    Examples
    --------
    >>> as_labels(["b", "a"], "y")
    array(['b', 'a'], dtype='<U1')
    """
    y = np.asarray(labels)
    if y.dtype.kind not in "biufUS":
        raise TypeError(f"{name} must hold numbers or strings, got dtype {y.dtype}")
    if y.ndim != 1:
        raise ValueError(f"{name} must have 1 dimension, got shape {y.shape}")
    if y.size == 0:
        raise ValueError(f"{name} must be non-empty")
    if y.dtype.kind == "f" and not np.isfinite(y).all():
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    return y


# --8<-- [end:as_labels]


# --8<-- [start:same_label_relation]
def same_label_relation(labels: ArrayLike) -> np.ndarray:
    """Return the relation "has the same label as" as an (n, n) boolean matrix.

    Entry (i, j) is True when labels[i] == labels[j].

    Examples
    --------
    >>> same_label_relation(["cat", "dog", "cat"])
    array([[ True, False,  True],
           [False,  True, False],
           [ True, False,  True]])
    """
    y = as_labels(labels, "labels")
    return y[:, None] == y[None, :]  # broadcasting compares every pair


# --8<-- [end:same_label_relation]


# --8<-- [start:relation_properties]
def relation_properties(R: ArrayLike) -> dict[str, bool]:
    """Return which of the four basic properties the relation matrix R has.

    R is a square boolean matrix: R[i, j] is True when i is related to j.

    - reflexive: every i is related to itself (all of the diagonal);
    - symmetric: i R j implies j R i (R equals its transpose);
    - antisymmetric: i R j and j R i imply i = j;
    - transitive: i R k and k R j imply i R j (R composed with R lies inside R).

    Examples
    --------
    >>> relation_properties([[1, 1], [0, 1]])  # "<=" on {0, 1}
    {'reflexive': True, 'symmetric': False, 'antisymmetric': True, 'transitive': True}
    """
    R = as_mask(R, "R", ndim=2)
    if R.shape[0] != R.shape[1]:
        raise ValueError(
            f"R must be a square matrix (a relation on one set), got {R.shape}"
        )
    off_diagonal = ~np.eye(R.shape[0], dtype=bool)
    Rf = R.astype(float)  # a float product uses BLAS; counts stay exact
    two_steps = (Rf @ Rf) > 0  # (i, j): some k with i R k and k R j
    return {
        "reflexive": bool(np.diag(R).all()),
        "symmetric": bool(np.array_equal(R, R.T)),
        "antisymmetric": not bool((R & R.T & off_diagonal).any()),
        "transitive": not bool((two_steps & ~R).any()),
    }


# --8<-- [end:relation_properties]


# --8<-- [start:equivalence_classes]
def equivalence_classes(R: ArrayLike) -> np.ndarray:
    """Return the class number of each element under the equivalence relation R.

    Classes are numbered 0, 1, ... in the order of their smallest member. R must be
    reflexive, symmetric and transitive.

    Examples
    --------
    >>> R = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]  # 0 ~ 2, and 1 alone
    >>> equivalence_classes(R)
    array([0, 1, 0])
    """
    props = relation_properties(R)
    missing = [p for p in ("reflexive", "symmetric", "transitive") if not props[p]]
    if missing:
        raise ValueError(f"R must be an equivalence relation; it is not {missing}")
    R = as_mask(R, "R", ndim=2)
    first = R.argmax(axis=1)  # the smallest member of each element's class
    _, codes = np.unique(first, return_inverse=True)
    return codes


# --8<-- [end:equivalence_classes]


# --8<-- [start:as_map]
def as_map(
    f: ArrayLike, codomain_size: int | None = None, name: str = "f"
) -> np.ndarray:
    """Return f as a finite map {0..n-1} -> {0..m-1}: an integer array, f[i] = f(i).

    Raises an error naming ``name`` when f is not a non-empty 1-D integer array with
    values in [0, codomain_size).

    Examples
    --------
    >>> as_map([2, 0, 1], codomain_size=3)
    array([2, 0, 1])
    """
    a = np.asarray(f)
    if a.ndim != 1 or a.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array, got shape {a.shape}")
    if a.dtype.kind not in "iu":
        raise TypeError(f"{name} must be an array of integers, got dtype {a.dtype}")
    if a.min() < 0:
        raise ValueError(f"{name} must take values >= 0, got {a.min()}")
    if codomain_size is not None:
        m = codomain_size
        if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m < 1:
            raise ValueError(f"codomain size must be a positive integer, got {m!r}")
        if a.max() >= m:
            raise ValueError(f"{name} must take values in [0, {m}), got {a.max()}")
    return a


# --8<-- [end:as_map]


# --8<-- [start:is_injective]
def is_injective(f: ArrayLike) -> bool:
    """Return True when no two inputs share an image (f(i) = f(j) only if i = j).

    Examples
    --------
    >>> is_injective([2, 0, 1]), is_injective([1, 0, 1])
    (True, False)
    """
    a = as_map(f)
    return np.unique(a).size == a.size  # as many distinct images as inputs


# --8<-- [end:is_injective]


# --8<-- [start:is_surjective]
def is_surjective(f: ArrayLike, codomain_size: int) -> bool:
    """Return True when every element of {0, ..., codomain_size - 1} is an image.

    Examples
    --------
    >>> is_surjective([1, 0, 1], 2), is_surjective([1, 0, 1], 3)
    (True, False)
    """
    a = as_map(f, codomain_size)
    return np.unique(a).size == codomain_size  # every target is hit


# --8<-- [end:is_surjective]


# --8<-- [start:is_bijective]
def is_bijective(f: ArrayLike, codomain_size: int) -> bool:
    """Return True when f is injective and surjective: a one-to-one pairing.

    Examples
    --------
    >>> is_bijective([2, 0, 1], 3), is_bijective([2, 0], 3)
    (True, False)
    """
    return is_injective(f) and is_surjective(f, codomain_size)


# --8<-- [end:is_bijective]


# --8<-- [start:inverse_map]
def inverse_map(f: ArrayLike) -> np.ndarray:
    """Return the inverse g of a bijection f of {0, ..., n-1}: g[f[i]] = i.

    Examples
    --------
    >>> inverse_map([2, 0, 1])
    array([1, 2, 0])
    """
    a = as_map(f)
    if a.max() != a.size - 1 or not is_injective(a):  # n distinct values in 0..n-1
        raise ValueError("f must be a bijection of {0, ..., n-1} (a permutation)")
    g = np.empty_like(a)
    g[a] = np.arange(a.size)  # send each image back to its input
    return g


# --8<-- [end:inverse_map]


# --8<-- [start:encode_labels]
def encode_labels(
    labels: ArrayLike, classes: ArrayLike | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return (codes, classes): each label replaced by its index in sorted classes.

    Without ``classes`` they are learned from ``labels`` (the sorted distinct
    values). With ``classes`` (sorted and distinct, e.g. from training data), a label
    outside them is an error, not a silent new code.

    Examples
    --------
    >>> codes, classes = encode_labels(["dog", "cat", "dog", "bird"])
    >>> codes, classes
    (array([2, 1, 2, 0]), array(['bird', 'cat', 'dog'], dtype='<U4'))
    """
    y = as_labels(labels, "labels")
    if classes is None:
        found, codes = np.unique(y, return_inverse=True)
        return codes, found
    c = as_labels(classes, "classes")
    if (y.dtype.kind in "US") != (c.dtype.kind in "US"):
        raise TypeError("labels and classes must both be numbers or both be strings")
    if np.any(c[1:] <= c[:-1]):
        raise ValueError("classes must be sorted and distinct (as np.unique returns)")
    codes = np.searchsorted(c, y)  # binary search for each label
    unseen = c[np.minimum(codes, c.size - 1)] != y
    if unseen.any():
        raise ValueError(
            f"labels contains values not in classes: {sorted(set(y[unseen].tolist()))}"
        )
    return codes, c


# --8<-- [end:encode_labels]


# --8<-- [start:decode_labels]
def decode_labels(codes: ArrayLike, classes: ArrayLike) -> np.ndarray:
    """Return the labels classes[codes]: the inverse of encode_labels.

    Examples
    --------
    >>> decode_labels([2, 1, 2, 0], ["bird", "cat", "dog"])
    array(['dog', 'cat', 'dog', 'bird'], dtype='<U4')
    """
    c = as_labels(classes, "classes")
    k = as_map(codes, c.size, "codes")  # one code per class: 0, ..., K - 1
    return c[k]


# --8<-- [end:decode_labels]


def plot_same_label_relation(labels: ArrayLike | None = None) -> Figure:
    """Draw the same-label relation as a matrix, before and after sorting by label."""
    if labels is None:
        labels = np.random.default_rng(0).integers(0, 3, size=24)
    y = as_labels(labels, "labels")
    order = np.argsort(y, kind="stable")
    fig, axes = new_figure(
        "Two square boolean matrices of the relation 'has the same label as' on "
        f"{y.size} samples with {np.unique(y).size} classes. Left: samples in their "
        "original order, the related pairs are scattered. Right: the same relation "
        "with the samples sorted by label, solid blocks on the diagonal, one per "
        "equivalence class.",
        ncols=2,
        width=7.0,
        height=3.7,
    )
    for ax, idx, title in (
        (axes[0], np.arange(y.size), "samples in data order"),
        (axes[1], order, "sorted by label: one block per class"),
    ):
        ax.imshow(same_label_relation(y[idx]), cmap="Blues", vmin=-0.2, vmax=1.2)
        ax.set_title(title)
        ax.set_xlabel("sample j")
        ax.set_ylabel("sample i")
        ax.grid(False)
    return fig
