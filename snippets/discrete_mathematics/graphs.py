"""Graphs: adjacency matrix and adjacency list, k-nearest-neighbor graphs, degree,
walks and powers of the adjacency matrix, trees and spanning trees.

Page: docs/discrete-mathematics/graphs.md
"""

# --8<-- [start:imports]
from itertools import combinations

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from typing import Any

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import COLORS, new_figure

#: A small undirected example graph: a triangle 0-1-2 joined by the edge 2-3 to a
#: path 3-4-5.
EXAMPLE_EDGES = [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (4, 5)]


# --8<-- [start:check_adjacency]
def check_adjacency(
    A: ArrayLike, name: str = "A", *, symmetric: bool = False
) -> np.ndarray:
    """Return A as a square float matrix of non-negative edge weights, or raise.

    A[i, j] > 0 is the weight of the edge i -> j; 0 means no edge. With
    symmetric=True the graph must be undirected (A equal to its transpose).
    """
    A = as_array(A, name, ndim=2, square=True)
    if np.any(A < 0):
        raise ValueError(f"{name} must have non-negative edge weights, got {A.min():g}")
    if symmetric and np.abs(A - A.T).max() > 1e-10 * max(1.0, A.max()):
        raise ValueError(f"{name} must be symmetric (an undirected graph)")
    return A


# --8<-- [end:check_adjacency]


# --8<-- [start:adjacency_matrix]
def adjacency_matrix(
    edges: ArrayLike,
    n_vertices: int,
    weights: ArrayLike | None = None,
    directed: bool = False,
) -> np.ndarray:
    """Return the (n, n) adjacency matrix of the edges (i, j) on vertices 0..n-1.

    Undirected edges are stored in both directions. weights (one positive number per
    edge) default to 1. Self-loops and repeated edges are rejected.

    Examples
    --------
    >>> adjacency_matrix([(0, 1), (1, 2)], 3)
    array([[0., 1., 0.],
           [1., 0., 1.],
           [0., 1., 0.]])
    """
    if isinstance(n_vertices, bool) or not isinstance(n_vertices, (int, np.integer)):
        raise TypeError(f"n_vertices must be an integer, got {n_vertices!r}")
    if n_vertices < 1:
        raise ValueError(f"n_vertices must be at least 1, got {n_vertices}")
    E = np.asarray(edges)
    A = np.zeros((n_vertices, n_vertices))
    if E.size == 0:  # a graph without edges is still a graph
        return A
    if E.ndim != 2 or E.shape[1] != 2 or not np.issubdtype(E.dtype, np.integer):
        raise ValueError(f"edges must be integer pairs of shape (m, 2), got {E.shape}")
    if E.min() < 0 or E.max() >= n_vertices:
        raise ValueError(f"edges must name vertices in 0..{n_vertices - 1}")
    if np.any(E[:, 0] == E[:, 1]):
        raise ValueError("edges must not contain self-loops (i, i)")
    w = np.ones(len(E)) if weights is None else as_array(weights, "weights", ndim=1)
    if w.shape[0] != E.shape[0]:
        raise ValueError(f"weights has {w.shape[0]} entries for {E.shape[0]} edges")
    if np.any(w <= 0):
        raise ValueError("weights must be positive (0 would mean no edge)")
    key = E if directed else np.sort(E, axis=1)  # {i, j} = {j, i} when undirected
    if np.unique(key, axis=0).shape[0] < E.shape[0]:
        raise ValueError("edges must not repeat an edge")
    A[E[:, 0], E[:, 1]] = w
    if not directed:
        A[E[:, 1], E[:, 0]] = w
    return A


# --8<-- [end:adjacency_matrix]


# --8<-- [start:adjacency_list]
def adjacency_list(A: ArrayLike) -> list[list[int]]:
    """Return, for each vertex, the sorted list of vertices its edges point to.

    Examples
    --------
    >>> adjacency_list([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
    [[1, 2], [0], [0]]
    """
    A = check_adjacency(A)
    return [np.flatnonzero(row).tolist() for row in A]


# --8<-- [end:adjacency_list]


# --8<-- [start:knn_graph]
def knn_graph(X: ArrayLike, k: int, mode: str = "connectivity") -> np.ndarray:
    """Return the symmetric k-nearest-neighbor graph of the rows of X (m, n).

    i and j are joined if either is among the other's k nearest neighbors (Euclidean
    distance, the point itself excluded). mode="connectivity" gives weight 1,
    mode="distance" the distance.

    Examples
    --------
    >>> knn_graph([[0.0], [1.0], [3.0]], 1)
    array([[0., 1., 0.],
           [1., 0., 1.],
           [0., 1., 0.]])
    """
    X = as_array(X, "X", ndim=2)
    m = X.shape[0]
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k < m:
        raise ValueError(f"k must be an integer in 1..{m - 1} (m - 1), got {k!r}")
    if mode not in ("connectivity", "distance"):
        raise ValueError(f"mode must be 'connectivity' or 'distance', got {mode!r}")
    sq = np.sum(X**2, axis=1)
    D = np.sqrt(np.maximum(sq[:, None] - 2 * X @ X.T + sq[None, :], 0.0))
    np.fill_diagonal(D, np.inf)  # a point is not its own neighbor
    nearest = np.argpartition(D, k - 1, axis=1)[:, :k]  # the k smallest per row
    rows = np.repeat(np.arange(m), k)
    cols = nearest.ravel()
    weights = D[rows, cols] if mode == "distance" else np.ones(rows.size)
    if np.any(weights == 0):
        raise ValueError("X has duplicate rows: a zero distance cannot be an edge")
    A = np.zeros((m, m))
    A[rows, cols] = weights
    return np.maximum(A, A.T)  # symmetrize: keep an edge found from either end


# --8<-- [end:knn_graph]


# --8<-- [start:degrees]
def degrees(A: ArrayLike, direction: str = "out") -> np.ndarray:
    """Return the (weighted) degree of every vertex: row sums ("out") or column sums.

    For an undirected graph both agree and sum to twice the number of edges.

    Examples
    --------
    >>> degrees([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
    array([2., 1., 1.])
    """
    A = check_adjacency(A)
    if direction == "out":
        return A.sum(axis=1)
    if direction == "in":
        return A.sum(axis=0)
    raise ValueError(f"direction must be 'out' or 'in', got {direction!r}")


# --8<-- [end:degrees]


# --8<-- [start:walk_counts]
def walk_counts(A: ArrayLike, k: int) -> np.ndarray:
    """Return A^k, whose entry (i, j) counts the walks of length k from i to j.

    With weights, it sums the products of the weights along each walk.

    Examples
    --------
    >>> walk_counts([[0, 1, 0], [1, 0, 1], [0, 1, 0]], 2)
    array([[1., 0., 1.],
           [0., 2., 0.],
           [1., 0., 1.]])
    """
    A = check_adjacency(A)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    return np.linalg.matrix_power(A, int(k))  # repeated squaring: O(log k) products


# --8<-- [end:walk_counts]


# --8<-- [start:is_connected]
def is_connected(A: ArrayLike) -> bool:
    """Return True if every vertex of the undirected graph A can reach every other.

    Squares the boolean reachability matrix (I + A > 0) until it covers paths of
    length n - 1: about log2(n) matrix products.

    Examples
    --------
    >>> is_connected([[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    False
    """
    A = check_adjacency(A, symmetric=True)
    n = A.shape[0]
    R = ((A > 0) | np.eye(n, dtype=bool)).astype(np.int64)
    length = 1  # R holds the pairs joined by a walk of length <= length
    while length < n - 1:
        R = (R @ R > 0).astype(np.int64)
        length *= 2
    return bool(R[0].all())


# --8<-- [end:is_connected]


# --8<-- [start:is_tree]
def is_tree(A: ArrayLike) -> bool:
    """Return True if the undirected graph A is a tree: connected with n - 1 edges.

    Examples
    --------
    >>> is_tree([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
    True
    """
    A = check_adjacency(A, symmetric=True)
    if np.any(np.diag(A) != 0):
        return False  # a self-loop is a cycle
    n_edges = np.count_nonzero(np.triu(A, 1))
    return bool(n_edges == A.shape[0] - 1) and is_connected(A)


# --8<-- [end:is_tree]


# --8<-- [start:count_spanning_trees]
def count_spanning_trees(A: ArrayLike) -> int:
    """Return the number of spanning trees of a simple undirected graph (0/1 matrix).

    Kirchhoff's matrix-tree theorem: any cofactor of the Laplacian L = D - A, here
    det(L with row and column 0 deleted). 0 for a disconnected graph. Computed in
    floating point, so exact up to about 2^53 trees.

    Examples
    --------
    >>> count_spanning_trees(np.ones((4, 4)) - np.eye(4))  # Cayley: 4^(4-2)
    16
    """
    A = check_adjacency(A, symmetric=True)
    if not np.all((A == 0) | (A == 1)) or np.any(np.diag(A) != 0):
        raise ValueError("A must be a 0/1 adjacency matrix with a zero diagonal")
    L = np.diag(A.sum(axis=1)) - A
    if A.shape[0] == 1:
        return 1  # a single vertex is its own spanning tree
    sign, logdet = np.linalg.slogdet(L[1:, 1:])
    return int(np.rint(sign * np.exp(logdet))) if sign > 0 else 0


# --8<-- [end:count_spanning_trees]


# --8<-- [start:spanning_trees]
def spanning_trees(A: ArrayLike) -> list[list[tuple[int, int]]]:
    """Return every spanning tree of a small undirected graph as a list of edges.

    Brute force: try every set of n - 1 edges and keep those without a cycle (n - 1
    edges without a cycle always form a tree). At most 20 edges.

    Examples
    --------
    >>> spanning_trees([[0, 1, 1], [1, 0, 1], [1, 1, 0]])
    [[(0, 1), (0, 2)], [(0, 1), (1, 2)], [(0, 2), (1, 2)]]
    """
    A = check_adjacency(A, symmetric=True)
    n = A.shape[0]
    edges = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(A, 1)), strict=True)]
    if len(edges) > 20:
        raise ValueError(f"A has {len(edges)} edges; brute force allows at most 20")
    trees = []
    for chosen in combinations(edges, n - 1):  # C(|E|, n-1) candidates
        root = list(range(n))  # n - 1 edges without a cycle form a tree
        for i, j in chosen:
            while root[i] != i:
                i = root[i]
            while root[j] != j:
                j = root[j]
            if i == j:  # both ends already joined: this edge closes a cycle
                break
            root[i] = j
        else:
            trees.append(list(chosen))
    return trees


# --8<-- [end:spanning_trees]


def circular_layout(n: int) -> np.ndarray:
    """Return (n, 2) positions of n vertices evenly spaced on the unit circle.

    Examples
    --------
    >>> circular_layout(4).round(6)
    array([[ 0.,  1.],
           [ 1.,  0.],
           [ 0., -1.],
           [-1.,  0.]])
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    t = np.pi / 2 - 2 * np.pi * np.arange(n) / n  # clockwise from the top
    return np.column_stack([np.cos(t), np.sin(t)]) + 0.0  # + 0.0 turns -0.0 into 0.0


def draw_graph(
    ax: Any,
    A: ArrayLike,
    pos: ArrayLike,
    *,
    node_sizes: ArrayLike | float = 300.0,
    node_colors: Any = None,
    directed: bool = False,
    labels: bool = True,
    edge_color: str = "#888888",
    highlight: list[tuple[int, int]] | None = None,
) -> None:
    """Draw the graph A at positions pos (n, 2) on the axes ax, edges under nodes."""
    A = check_adjacency(A)
    P = as_array(pos, "pos", ndim=2)
    n = A.shape[0]
    if P.shape != (n, 2):
        raise ValueError(f"pos must have shape ({n}, 2), got {P.shape}")
    marked = {tuple(sorted(e)) for e in highlight} if highlight else set()
    sizes = np.broadcast_to(np.asarray(node_sizes, dtype=float), (n,))
    radius = np.sqrt(sizes) / 2  # marker radius in points (size is an area in pt^2)
    if directed:
        for i, j in zip(*np.nonzero(A), strict=True):
            on = (min(i, j), max(i, j)) in marked
            ax.annotate(
                "",
                xy=P[j],
                xytext=P[i],
                arrowprops={
                    "arrowstyle": "-|>",
                    "shrinkA": radius[i] + 1,
                    "shrinkB": radius[j] + 2,
                    "mutation_scale": 12,
                    "connectionstyle": "arc3,rad=0.12",  # i->j and j->i apart
                    "color": COLORS[1] if on else edge_color,
                    "lw": 2.6 if on else 1.0,
                },
            )
    else:
        rows, cols = np.nonzero(np.triu(A, 1))
        pairs = zip(rows.tolist(), cols.tolist(), strict=True)
        lit = np.array([pair in marked for pair in pairs], dtype=bool)
        segments = np.stack([P[rows], P[cols]], axis=1)  # (edges, 2 ends, 2 coords)
        ax.add_collection(
            LineCollection(segments[~lit], colors=edge_color, linewidths=1.0, zorder=1)
        )
        ax.add_collection(
            LineCollection(segments[lit], colors=COLORS[1], linewidths=2.6, zorder=2)
        )
    colors = COLORS[0] if node_colors is None else node_colors
    ax.scatter(P[:, 0], P[:, 1], s=sizes, c=colors, zorder=3, edgecolors="white")
    if labels:
        for v, (x, y) in enumerate(P):
            ax.annotate(
                str(v), (x, y), ha="center", va="center", color="white", zorder=4
            )
    ax.set_aspect("equal")
    ax.margins(0.15)
    ax.axis("off")


def plot_graph_and_adjacency() -> Figure:
    """Draw the example graph next to its adjacency matrix."""
    fig, (left, right) = new_figure(
        "Left: the example graph, a triangle of vertices 0, 1, 2 joined through "
        "vertex 3 to a path 3-4-5. Right: its 6 x 6 adjacency matrix, symmetric, with "
        "a dark cell at (i, j) for each edge.",
        ncols=2,
        width=7.0,
        height=3.4,
    )
    A = adjacency_matrix(EXAMPLE_EDGES, 6)
    pos = np.array([[0, 1], [0, -1], [1, 0], [2.2, 0], [3.4, 0.6], [4.6, 0]], float)
    draw_graph(left, A, pos)
    left.set_title("graph")
    right.imshow(A, cmap="Greys", vmin=0, vmax=1.3)
    right.set_xticks(range(6))
    right.set_yticks(range(6))
    right.grid(False)
    right.set_xlabel("j")
    right.set_ylabel("i")
    right.set_title(r"adjacency matrix $\mathbf{A}$")
    return fig


def plot_spanning_trees() -> Figure:
    """Draw all 8 spanning trees of the 4-cycle with one diagonal."""
    A = adjacency_matrix([(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)], 4)
    trees = spanning_trees(A)
    fig, axes = new_figure(
        f"The {len(trees)} spanning trees of a square with one diagonal (vertices "
        "0 to 3): each uses 3 of the 5 edges, highlighted, and reaches every vertex "
        "without a cycle. Kirchhoff's theorem predicts the same count.",
        ncols=len(trees) // 2,
        nrows=2,
        width=7.0,
        height=3.6,
    )
    pos = np.array([[0, 1], [1, 1], [1, 0], [0, 0]], float)
    for ax, tree in zip(axes.ravel(), trees, strict=True):
        draw_graph(ax, A, pos, node_sizes=120, labels=False, highlight=tree)
    return fig
