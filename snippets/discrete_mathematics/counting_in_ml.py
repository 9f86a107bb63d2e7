"""Counting in machine learning: partitions into clusters (Stirling numbers of the
second kind, Bell numbers), candidate decision-tree splits, polynomial features.

Page: docs/discrete-mathematics/counting-in-ml.md
"""

# --8<-- [start:imports]
import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.discrete_mathematics.counting import as_count
from snippets.plotting import new_figure


# --8<-- [start:stirling2_row]
def stirling2_row(n: int) -> list[int]:
    """Return [S(n, 0), ..., S(n, n)]: the ways to split n items into k non-empty sets.

    Built row by row from S(m, k) = k S(m-1, k) + S(m-1, k-1), S(0, 0) = 1, in exact
    Python integers (the counts overflow 64-bit integers from n = 26 on).

    Examples
    --------
    >>> stirling2_row(4)
    [0, 1, 7, 6, 1]
    """
    n = as_count(n, "n")
    row = [1]  # S(0, 0) = 1: the empty set has one partition, into no groups
    for _ in range(n):
        # new[k] = k * S(m-1, k) + S(m-1, k-1), with zeros padded at both ends
        padded = zip([*row, 0], [0, *row], strict=True)
        row = [k * a + b for k, (a, b) in enumerate(padded)]
    return row


# --8<-- [end:stirling2_row]


# --8<-- [start:stirling2]
def stirling2(n: int, k: int) -> int:
    """Return S(n, k), the number of partitions of n labeled items into k clusters.

    0 for k > n (no way to fill more clusters than there are items), as in SciPy.

    Examples
    --------
    >>> stirling2(4, 2)  # {a|bcd}x4, {ab|cd}x3
    7
    """
    n, k = as_count(n, "n"), as_count(k, "k")
    return 0 if k > n else stirling2_row(n)[k]


# --8<-- [end:stirling2]


# --8<-- [start:bell_number]
def bell_number(n: int) -> int:
    """Return B(n) = sum_k S(n, k), the number of partitions of n items into any groups.

    Examples
    --------
    >>> [bell_number(n) for n in range(6)]
    [1, 1, 2, 5, 15, 52]
    """
    return sum(stirling2_row(n))


# --8<-- [end:bell_number]


# --8<-- [start:n_categorical_splits]
def n_categorical_splits(q: int) -> int:
    """Return 2^(q-1) - 1, the number of ways to split q categories into two groups.

    Each category goes left or right (2^q ways); the two all-on-one-side choices
    are not splits, and swapping left and right gives the same split.

    Examples
    --------
    >>> [n_categorical_splits(q) for q in (1, 2, 3, 4)]
    [0, 1, 3, 7]
    """
    q = as_count(q, "q", minimum=1)
    return 2 ** (q - 1) - 1


# --8<-- [end:n_categorical_splits]


# --8<-- [start:n_candidate_splits]
def n_candidate_splits(X: ArrayLike, categorical: Sequence[int] = ()) -> list[int]:
    """Return, per column of X (m, d), the number of distinct binary splits of the rows.

    A numeric column with u distinct values has u - 1 thresholds (one between each
    pair of neighbors); a categorical column with q distinct values has
    2^(q-1) - 1 subset splits. Python integers, since the latter grows fast.

    Examples
    --------
    >>> n_candidate_splits([[1.0, 0], [2.5, 1], [2.5, 2], [4.0, 0]], categorical=[1])
    [2, 3]
    """
    X = as_array(X, "X", ndim=2)
    d = X.shape[1]
    cat = {as_count(j, "categorical index") for j in categorical}
    if cat and max(cat) >= d:
        raise ValueError(
            f"categorical index {max(cat)} is out of range for {d} columns"
        )
    counts = []
    for j in range(d):  # one loop per feature, not per element
        u = np.unique(X[:, j]).size
        counts.append(n_categorical_splits(u) if j in cat else u - 1)
    return counts


# --8<-- [end:n_candidate_splits]


# --8<-- [start:n_polynomial_features]
def n_polynomial_features(
    n_features: int,
    degree: int,
    interaction_only: bool = False,
    include_bias: bool = True,
) -> int:
    """Return the number of monomials of degree <= degree in n_features variables.

    Stars and bars: C(n + d, d) monomials (with the constant 1). With
    interaction_only, no variable is repeated: sum_{j <= d} C(n, j).

    Examples
    --------
    >>> n_polynomial_features(2, 2)  # 1, a, b, a^2, ab, b^2
    6
    """
    n = as_count(n_features, "n_features", minimum=1)
    d = as_count(degree, "degree")
    if interaction_only:
        count = sum(math.comb(n, j) for j in range(d + 1))
    else:
        count = math.comb(n + d, d)
    return count if include_bias else count - 1


# --8<-- [end:n_polynomial_features]


def plot_partition_counts(
    n_max: int = 30, ks: tuple[int, ...] = (2, 3, 4, 5)
) -> Figure:
    """Draw log10 S(n, k) for several k and log10 B(n) against n."""
    fig, ax = new_figure(
        "Number of ways to partition n points into k clusters, on a log scale, for "
        "k = 2 to 5, and the Bell number (any number of clusters): every curve grows "
        "exponentially; 30 points already have more than 10^23 partitions.",
        width=6.4,
        height=3.8,
    )
    ns = np.arange(1, n_max + 1)
    for k in ks:
        values = [stirling2(int(n), k) for n in ns]
        keep = [v > 0 for v in values]
        ax.plot(
            ns[keep],
            [math.log10(v) for v in values if v > 0],
            label=f"$S(n, {k})$",
        )
    ax.plot(
        ns, [math.log10(bell_number(int(n))) for n in ns], "k--", label="Bell $B(n)$"
    )
    ax.set_xlabel("number of points n")
    ax.set_ylabel(r"$\log_{10}$ count")
    ax.set_title("Partitions into clusters")
    ax.legend(loc="upper left")
    return fig


def plot_polynomial_feature_counts(
    max_degree: int = 6, ns: tuple[int, ...] = (10, 100, 1000)
) -> Figure:
    """Draw the number of polynomial features against the degree, on a log scale."""
    fig, ax = new_figure(
        "Number of polynomial features (monomials up to the given degree, with the "
        "constant) for 10, 100 and 1000 input features, on a log scale: for 1000 "
        "inputs, degree 3 already gives about 1.7 x 10^8 features.",
        width=6.4,
        height=3.8,
    )
    degrees = np.arange(1, max_degree + 1)
    for n in ns:
        ax.semilogy(
            degrees,
            [n_polynomial_features(n, int(d)) for d in degrees],
            "o-",
            label=f"n = {n}",
        )
    ax.set_xlabel("degree d")
    ax.set_ylabel("number of features")
    ax.set_title(r"Polynomial features: $\binom{n + d}{d}$")
    ax.legend(loc="upper left")
    return fig
