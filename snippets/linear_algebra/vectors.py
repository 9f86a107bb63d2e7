"""Vectors: linear combinations, dot products and cosine similarity, norms, distances.

Page: docs/linear-algebra/vectors.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:linear_combination]
def linear_combination(coefficients: ArrayLike, vectors: ArrayLike) -> np.ndarray:
    """Return sum_i c_i v_i for coefficients c (k,) and vectors stacked as rows (k, n).

    Examples
    --------
    >>> linear_combination([2, -1], [[1, 0], [0, 1]])
    array([ 2., -1.])
    """
    c = as_array(coefficients, "coefficients", ndim=1)
    v = as_array(vectors, "vectors", ndim=2)
    if v.shape[0] != c.shape[0]:
        raise ValueError(
            f"coefficients has {c.shape[0]} entries but vectors has {v.shape[0]} rows"
        )
    return c @ v  # one matrix-vector product, no Python loop


# --8<-- [end:linear_combination]


# --8<-- [start:cosine_similarity]
def cosine_similarity(u: ArrayLike, v: ArrayLike) -> float:
    """Return cos(theta) = u.v / (|u| |v|), a number in [-1, 1].

    Examples
    --------
    >>> cosine_similarity([1, 0], [1, 1])
    0.7071067811865475
    """
    u = as_array(u, "u", ndim=1)
    v = as_array(v, "v", ndim=1)
    if u.shape != v.shape:
        raise ValueError(
            f"u and v must have the same length, got {u.size} and {v.size}"
        )
    scale_u, scale_v = np.abs(u).max(), np.abs(v).max()
    if scale_u == 0 or scale_v == 0:
        raise ValueError("cosine similarity is undefined for a zero vector (u or v)")
    # Cosine ignores length: rescale so the largest entry is 1 (no square overflows).
    u, v = u / scale_u, v / scale_v
    cos = np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
    return float(np.clip(cos, -1.0, 1.0))  # rounding can leave |cos| a hair above 1


# --8<-- [end:cosine_similarity]


# --8<-- [start:angle]
def angle(u: ArrayLike, v: ArrayLike) -> float:
    """Return the angle between u and v in radians, in [0, pi].

    Examples
    --------
    >>> round(angle([1, 0], [0, 2]), 6)  # pi / 2
    1.570796
    """
    return float(np.arccos(cosine_similarity(u, v)))


# --8<-- [end:angle]


# --8<-- [start:lp_norm]
def lp_norm(x: ArrayLike, p: float = 2) -> float:
    """Return the L^p norm (sum |x_i|^p)^(1/p); p = np.inf gives max |x_i|.

    Examples
    --------
    >>> lp_norm([3, -4], 1), lp_norm([3, -4], 2), lp_norm([3, -4], np.inf)
    (7.0, 5.0, 4.0)
    """
    x = as_array(x, "x", ndim=1)
    if not (isinstance(p, (int, float)) and (p >= 1)):
        raise ValueError(f"p must be a number >= 1 (or np.inf), got {p!r}")
    a = np.abs(x)
    if p == np.inf:
        return float(a.max())
    if p == 1:
        return float(a.sum())
    scale = a.max()  # divide by the largest entry so a**p cannot overflow
    if scale == 0:
        return 0.0
    return float(scale * np.sum((a / scale) ** p) ** (1.0 / p))


# --8<-- [end:lp_norm]


# --8<-- [start:pairwise_distances]
def pairwise_distances(
    X: ArrayLike, Y: ArrayLike, metric: str = "euclidean"
) -> np.ndarray:
    """Return the (m, k) matrix of distances between rows of X (m, n) and Y (k, n).

    metric is "euclidean" (|x - y|_2) or "cosine" (1 - cosine similarity).

    Examples
    --------
    >>> pairwise_distances([[0, 0], [3, 4]], [[0, 0]])
    array([[0.],
           [5.]])
    """
    X = as_array(X, "X", ndim=2)
    Y = as_array(Y, "Y", ndim=2)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must have the same number of columns, "
            f"got {X.shape[1]} and {Y.shape[1]}"
        )
    if metric == "euclidean":
        # |x - y|^2 = |x|^2 - 2 x.y + |y|^2: one matrix product, no (m, k, n) array.
        sq = (X**2).sum(1)[:, None] - 2 * X @ Y.T + (Y**2).sum(1)[None, :]
        return np.sqrt(np.maximum(sq, 0.0))  # cancellation can leave tiny negatives
    if metric == "cosine":
        nx = np.linalg.norm(X, axis=1)
        ny = np.linalg.norm(Y, axis=1)
        if np.any(nx == 0) or np.any(ny == 0):
            raise ValueError("cosine distance is undefined for a zero row in X or Y")
        return 1.0 - (X / nx[:, None]) @ (Y / ny[:, None]).T
    raise ValueError(f"metric must be 'euclidean' or 'cosine', got {metric!r}")


# --8<-- [end:pairwise_distances]


def plot_unit_balls(ps: tuple[float, ...] = (1, 2, np.inf)) -> Figure:
    """Draw the unit spheres {x in R^2 : |x|_p = 1} for each p."""
    fig, ax = new_figure(
        "The unit balls of the L1, L2 and L-infinity norms in the plane: a diamond "
        "with corners on the axes, the round unit circle, and a square with corners "
        "at (±1, ±1).",
        width=4.2,
        height=4.2,
    )
    t = np.linspace(0, 2 * np.pi, 721)
    directions = np.column_stack([np.cos(t), np.sin(t)])
    for p in ps:
        radii = np.array([lp_norm(d, p) for d in directions])
        points = (
            directions / radii[:, None]
        )  # scale each direction onto the unit sphere
        label = r"$L_\infty$" if p == np.inf else f"$L_{{{p:g}}}$"
        ax.plot(points[:, 0], points[:, 1], label=label)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(r"Unit balls $\|x\|_p = 1$")
    ax.legend(loc="upper right")
    return fig
