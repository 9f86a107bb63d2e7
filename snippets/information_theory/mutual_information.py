"""Mutual information: from a joint table, from data (feature selection), information
gain and the best decision-tree split.

Page: docs/information-theory/mutual-information.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.checks import as_probability
from snippets.information_theory.entropy import log_base
from snippets.plotting import new_figure


# --8<-- [start:mutual_information]
def mutual_information(joint: ArrayLike, base: float = np.e) -> float:
    """Return I(X; Y) = sum p(x, y) log(p(x, y) / (p(x) p(y))) of a joint table.

    Rows index x, columns index y; 0 log 0 = 0.

    Examples
    --------
    >>> mutual_information([[0.5, 0.0], [0.0, 0.5]], base=2)  # Y = X: one bit
    1.0
    """
    P = as_probability(joint, "joint", ndim=2)
    p_x = P.sum(axis=1, keepdims=True)
    p_y = P.sum(axis=0, keepdims=True)
    support = P > 0  # p(x) > 0 and p(y) > 0 wherever p(x, y) > 0

    def log(a: np.ndarray) -> np.ndarray:  # log where p(x, y) > 0, else 0 (0 log 0)
        return np.log(np.where(support, a, 1.0))

    # a difference of logs: the product p(x) p(y) could underflow to 0
    mi = float(np.sum(P * (log(P) - log(p_x) - log(p_y))))
    return max(mi, 0.0) / log_base(base)  # I >= 0; rounding can leave -1e-17


# --8<-- [end:mutual_information]


# --8<-- [start:as_labels]
def as_labels(y: ArrayLike, name: str) -> np.ndarray:
    """Return the labels in y encoded as integers 0..c-1 (sorted order), or raise.

    Examples
    --------
    >>> as_labels(["cat", "dog", "cat"], "y")
    array([0, 1, 0])
    """
    a = np.asarray(y)
    if a.ndim != 1 or a.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D array of labels, got {a.shape}"
        )
    if a.dtype.kind in "fc" and not np.isfinite(a).all():
        raise ValueError(f"{name} must not contain NaN or inf")
    try:
        return np.unique(a, return_inverse=True)[1].ravel()
    except TypeError:
        raise TypeError(f"{name} must hold labels of one comparable type") from None


# --8<-- [end:as_labels]


# --8<-- [start:empirical_joint]
def empirical_joint(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Return the table of relative frequencies of the label pairs (x_i, y_i).

    Rows follow the sorted distinct values of x, columns those of y.

    Examples
    --------
    >>> empirical_joint([0, 0, 1, 1], ["a", "b", "b", "b"])
    array([[0.25, 0.25],
           [0.  , 0.5 ]])
    """
    cx, cy = as_labels(x, "x"), as_labels(y, "y")
    if cx.size != cy.size:
        raise ValueError(
            f"x and y must have the same length, got {cx.size} and {cy.size}"
        )
    nx, ny = cx.max() + 1, cy.max() + 1
    counts = np.bincount(cx * ny + cy, minlength=nx * ny)  # one pass, no Python loop
    return counts.reshape(nx, ny) / cx.size


# --8<-- [end:empirical_joint]


# --8<-- [start:mutual_information_scores]
def mutual_information_scores(
    X: ArrayLike, y: ArrayLike, base: float = np.e
) -> np.ndarray:
    """Return I(X_j; Y) for each column j of a matrix of discrete features X (n, d).

    Examples
    --------
    >>> X = [[0, 1], [0, 0], [1, 1], [1, 0]]
    >>> mutual_information_scores(X, [0, 0, 1, 1], base=2)  # column 0 copies y
    array([1., 0.])
    """
    X = np.asarray(X)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"X must be a non-empty 2-D array, got shape {X.shape}")
    if X.shape[0] != np.shape(y)[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {np.shape(y)[0]} labels")
    return np.array(
        [mutual_information(empirical_joint(col, y), base) for col in X.T]
    )  # one loop over features, not over samples


# --8<-- [end:mutual_information_scores]


# --8<-- [start:entropy_of_counts]
def entropy_of_counts(counts: ArrayLike, base: float = np.e) -> np.ndarray | float:
    """Return the entropy of counts / counts.sum() along the last axis (0 log 0 = 0).

    A 2-D array gives one entropy per row: a class-count table per tree node.

    Examples
    --------
    >>> entropy_of_counts([[5, 5], [10, 0]], base=2)
    array([1., 0.])
    """
    c = as_array(counts, "counts")
    if np.any(c < 0):
        raise ValueError("counts must be non-negative")
    total = c.sum(axis=-1, keepdims=True)
    if np.any(total == 0):
        raise ValueError("counts must have a positive total along the last axis")
    p = c / total
    h = (0.0 - np.sum(p * np.log(np.where(p > 0, p, 1.0)), axis=-1)) / log_base(base)
    return float(h) if h.ndim == 0 else h


# --8<-- [end:entropy_of_counts]


# --8<-- [start:information_gain]
def information_gain(y: ArrayLike, groups: ArrayLike, base: float = np.e) -> float:
    """Return H(Y) - sum_g (m_g / m) H(Y | group g): the entropy a split removes.

    groups gives each sample's child node (e.g. x <= t); any number of children.

    Examples
    --------
    >>> information_gain([0, 0, 1, 1], [True, True, False, False], base=2)
    1.0
    """
    cy, cg = as_labels(y, "y"), as_labels(groups, "groups")
    if cy.size != cg.size:
        raise ValueError(
            f"y and groups must have the same length, got {cy.size} and {cg.size}"
        )
    k = cy.max() + 1
    counts = np.bincount(cg * k + cy, minlength=(cg.max() + 1) * k).reshape(-1, k)
    weights = counts.sum(axis=1) / cy.size
    gain = entropy_of_counts(counts.sum(axis=0), base) - weights @ entropy_of_counts(
        counts, base
    )
    return max(float(gain), 0.0)  # gain >= 0; rounding can leave -1e-17


# --8<-- [end:information_gain]


# --8<-- [start:best_split]
def best_split(x: ArrayLike, y: ArrayLike, base: float = np.e) -> tuple[float, float]:
    """Return (threshold, gain) of the split x <= threshold with the largest gain.

    Tries every midpoint between consecutive distinct values of x, all at once from
    cumulative class counts (no loop over thresholds).

    Examples
    --------
    >>> best_split([1.0, 2.0, 3.0, 4.0], [0, 0, 1, 1], base=2)
    (2.5, 1.0)
    """
    x = as_array(x, "x", ndim=1)
    cy = as_labels(y, "y")
    if cy.size != x.size:
        raise ValueError(
            f"x and y must have the same length, got {x.size} and {cy.size}"
        )
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], cy[order]
    onehot = np.eye(cy.max() + 1)[ys]  # (m, k)
    left = np.cumsum(onehot, axis=0)[:-1]  # row i: class counts of the i + 1 smallest
    right = onehot.sum(axis=0) - left
    valid = xs[1:] > xs[:-1]  # a threshold must separate two distinct values
    if not valid.any():
        raise ValueError("x must have at least two distinct values to split")
    left, right = left[valid], right[valid]
    thresholds = (xs[:-1][valid] + xs[1:][valid]) / 2
    w_left = left.sum(axis=1) / x.size
    children = w_left * entropy_of_counts(left, base) + (
        1 - w_left
    ) * entropy_of_counts(right, base)
    gains = entropy_of_counts(onehot.sum(axis=0), base) - children
    best = int(np.argmax(gains))
    return float(thresholds[best]), max(float(gains[best]), 0.0)


# --8<-- [end:best_split]


def _split_demo_data(
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return (x, y): 60 points of class 0 around 0 and 40 of class 1 around 2.5."""
    rng = np.random.default_rng(0) if rng is None else rng
    x = np.concatenate([rng.normal(0.0, 1.0, 60), rng.normal(2.5, 1.0, 40)])
    y = np.repeat([0, 1], [60, 40])
    return x, y


def plot_split_gains() -> Figure:
    """Draw the information gain of every threshold split of a 1-D two-class feature."""
    x, y = _split_demo_data()
    xs = np.unique(x)
    thresholds = (xs[:-1] + xs[1:]) / 2
    gains = [information_gain(y, x <= t, base=2) for t in thresholds]
    t_best, g_best = best_split(x, y, base=2)
    fig, ax = new_figure(
        "Information gain in bits of the split 'x <= t' against the threshold t, for "
        "100 points of two classes on a line. The gain is near 0 at the extremes and "
        "rises, jaggedly, to its highest point between the two class centers, where "
        "the best split is marked; the points of each class are ticks below the curve.",
        width=6.4,
        height=3.8,
    )
    ax.plot(thresholds, gains, label="information gain")
    ax.axvline(t_best, color="#000000", linestyle=":", label=f"best $t$ = {t_best:.2f}")
    ax.plot(x[y == 0], np.full(60, -0.02), "|", label="class 0", markersize=8)
    ax.plot(x[y == 1], np.full(40, -0.04), "|", label="class 1", markersize=8)
    ax.set_xlabel("threshold $t$")
    ax.set_ylabel("gain (bits)")
    ax.set_title(f"Information gain of $x \\leq t$ (best: {g_best:.3f} bits)")
    ax.legend(loc="upper right", fontsize=8)
    return fig
