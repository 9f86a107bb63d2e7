"""Graph algorithms: breadth-first and depth-first search, connected components,
shortest paths with Dijkstra's algorithm, minimum spanning trees with Kruskal's.

Page: docs/discrete-mathematics/graph-algorithms.md
"""

# --8<-- [start:imports]
import heapq
from collections import deque

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.discrete_mathematics.graphs import check_adjacency, draw_graph, knn_graph
from snippets.plotting import COLORS, new_figure


# --8<-- [start:check_vertex]
def check_vertex(v: int, n: int, name: str = "source") -> int:
    """Return v as an int if it names one of the vertices 0..n-1, or raise."""
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
        raise TypeError(f"{name} must be an integer vertex index, got {v!r}")
    if not 0 <= v < n:
        raise ValueError(f"{name} must be a vertex in 0..{n - 1}, got {v}")
    return int(v)


# --8<-- [end:check_vertex]


# --8<-- [start:breadth_first_search]
def breadth_first_search(A: ArrayLike, source: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the BFS visiting order from source and the number of hops to each vertex.

    Follows edges i -> j where A[i, j] > 0, neighbors in increasing index order.
    Unreachable vertices are missing from the order and have hops = inf.

    Examples
    --------
    >>> order, hops = breadth_first_search([[0, 1, 1], [1, 0, 0], [1, 0, 0]], 1)
    >>> order, hops
    (array([1, 0, 2]), array([1., 0., 2.]))
    """
    A = check_adjacency(A)
    n = A.shape[0]
    source = check_vertex(source, n, "source")
    neighbors = [np.flatnonzero(row) for row in A]
    hops = np.full(n, np.inf)
    hops[source] = 0
    order = [source]
    queue = deque([source])  # first in, first out: nearest vertices first
    while queue:
        v = queue.popleft()
        for u in neighbors[v]:
            if hops[u] == np.inf:  # not seen yet
                hops[u] = hops[v] + 1
                order.append(int(u))
                queue.append(int(u))
    return np.array(order), hops


# --8<-- [end:breadth_first_search]


# --8<-- [start:depth_first_search]
def depth_first_search(A: ArrayLike, source: int) -> np.ndarray:
    """Return the depth-first (preorder) visiting order from source.

    Goes as deep as possible along the lowest-numbered unvisited neighbor, then backs
    up. An explicit stack replaces recursion (no recursion-depth limit).

    Examples
    --------
    >>> depth_first_search([[0, 1, 1], [1, 0, 0], [1, 0, 0]], 1)
    array([1, 0, 2])
    """
    A = check_adjacency(A)
    n = A.shape[0]
    source = check_vertex(source, n, "source")
    neighbors = [np.flatnonzero(row) for row in A]
    visited = np.zeros(n, dtype=bool)
    visited[source] = True
    order = [source]
    stack = [iter(neighbors[source])]  # last in, first out: deepest vertex first
    while stack:
        for u in stack[-1]:
            if not visited[u]:
                visited[u] = True
                order.append(int(u))
                stack.append(iter(neighbors[u]))
                break
        else:  # every neighbor seen: back up
            stack.pop()
    return np.array(order)


# --8<-- [end:depth_first_search]


# --8<-- [start:connected_components]
def connected_components(A: ArrayLike) -> tuple[int, np.ndarray]:
    """Return the number of connected components of an undirected graph and labels.

    Labels are 0, 1, ... in order of each component's lowest vertex.

    Examples
    --------
    >>> connected_components([[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    (2, array([0, 0, 1]))
    """
    A = check_adjacency(A, symmetric=True)
    neighbors = [np.flatnonzero(row) for row in A]
    labels = np.full(A.shape[0], -1)
    n_components = 0
    for start in range(A.shape[0]):
        if labels[start] != -1:
            continue
        labels[start] = n_components  # a new component: breadth-first from start
        queue = deque([start])
        while queue:
            v = queue.popleft()
            for u in neighbors[v]:
                if labels[u] == -1:
                    labels[u] = n_components
                    queue.append(int(u))
        n_components += 1
    return n_components, labels


# --8<-- [end:connected_components]


# --8<-- [start:dijkstra]
def dijkstra(A: ArrayLike, source: int) -> tuple[np.ndarray, np.ndarray]:
    """Return shortest-path distances from source and each vertex's predecessor.

    A[i, j] > 0 is the length of the edge i -> j (0: no edge); lengths must be
    non-negative. Unreachable vertices get distance inf; the source and unreachable
    vertices get predecessor -1.

    Examples
    --------
    >>> dist, pred = dijkstra([[0, 4, 1], [4, 0, 2], [1, 2, 0]], 0)
    >>> dist, pred
    (array([0., 3., 1.]), array([-1,  2,  0]))
    """
    A = check_adjacency(A)  # rejects negative lengths: Dijkstra needs them >= 0
    n = A.shape[0]
    source = check_vertex(source, n, "source")
    neighbors = [np.flatnonzero(row) for row in A]
    dist = np.full(n, np.inf)
    dist[source] = 0.0
    predecessors = np.full(n, -1)
    done = np.zeros(n, dtype=bool)
    heap = [(0.0, source)]  # (tentative distance, vertex), smallest first
    while heap:
        d, v = heapq.heappop(heap)
        if done[v]:
            continue  # an outdated entry: v was settled with a shorter distance
        done[v] = True
        for u in neighbors[v]:
            candidate = d + A[v, u]
            if candidate < dist[u]:  # relax the edge v -> u
                dist[u] = candidate
                predecessors[u] = v
                heapq.heappush(heap, (float(candidate), int(u)))
    return dist, predecessors


# --8<-- [end:dijkstra]


# --8<-- [start:shortest_path]
def shortest_path(A: ArrayLike, source: int, target: int) -> tuple[float, list[int]]:
    """Return the length and the vertices of a shortest path from source to target.

    (inf, []) if target cannot be reached.

    Examples
    --------
    >>> shortest_path([[0, 4, 1], [4, 0, 2], [1, 2, 0]], 0, 1)
    (3.0, [0, 2, 1])
    """
    dist, predecessors = dijkstra(A, source)
    target = check_vertex(target, dist.size, "target")
    if dist[target] == np.inf:
        return float("inf"), []
    path = [target]
    while path[-1] != source:  # walk the predecessors back to the source
        path.append(int(predecessors[path[-1]]))
    return float(dist[target]), path[::-1]


# --8<-- [end:shortest_path]


# --8<-- [start:minimum_spanning_tree]
def minimum_spanning_tree(A: ArrayLike) -> tuple[np.ndarray, float]:
    """Return the edges (n - 1, 2) and total weight of a minimum spanning tree.

    Kruskal: take edges from lightest to heaviest, skip any that would close a cycle
    (a union–find structure tracks which vertices are already joined). A must be
    undirected and connected; self-loops are ignored.

    Examples
    --------
    >>> edges, total = minimum_spanning_tree([[0, 4, 1], [4, 0, 2], [1, 2, 0]])
    >>> edges, total
    (array([[0, 2],
           [1, 2]]), 3.0)
    """
    A = check_adjacency(A, symmetric=True)
    n = A.shape[0]
    rows, cols = np.nonzero(np.triu(A, 1))
    weights = A[rows, cols]
    parent = list(range(n))  # union–find: each vertex points toward its set's root

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]  # path halving keeps the trees flat
            v = parent[v]
        return v

    tree: list[tuple[int, int]] = []
    total = 0.0
    for e in np.argsort(weights, kind="stable"):  # lightest edge first
        ri, rj = find(int(rows[e])), find(int(cols[e]))
        if ri != rj:  # the edge joins two different trees: no cycle
            parent[ri] = rj
            tree.append((int(rows[e]), int(cols[e])))
            total += float(weights[e])
            if len(tree) == n - 1:
                break
    if len(tree) < n - 1:
        raise ValueError(
            "A is disconnected: no spanning tree exists (a minimum spanning forest "
            "needs one tree per connected component)"
        )
    return np.array(sorted(tree), dtype=int).reshape(-1, 2), total


# --8<-- [end:minimum_spanning_tree]


def spiral_points(
    n_points: int = 300, noise: float = 0.3, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return n_points noisy points along a spiral arm and their position t on it."""
    if isinstance(n_points, bool) or not isinstance(n_points, int) or n_points < 2:
        raise ValueError(f"n_points must be an integer >= 2, got {n_points!r}")
    rng = np.random.default_rng(seed)
    # t = sqrt(uniform) spreads the points evenly along the arm (arc length ~ t^2).
    t = np.sort(np.sqrt(rng.uniform(np.pi**2, (3 * np.pi) ** 2, n_points)))
    X = np.column_stack([t * np.cos(t), t * np.sin(t)])
    return X + noise * rng.normal(size=X.shape), t


def plot_geodesic_path(n_points: int = 300, k: int = 10, seed: int = 0) -> Figure:
    """Draw a k-NN graph on a spiral and the shortest path between its two ends."""
    X, _ = spiral_points(n_points, seed=seed)
    A = knn_graph(X, k, mode="distance")
    source, target = 0, n_points - 1
    length, path = shortest_path(A, source, target)
    straight = float(np.linalg.norm(X[target] - X[source]))
    fig, ax = new_figure(
        f"Points on a spiral joined to their {k} nearest neighbors. The shortest path "
        f"through the graph between the two ends of the spiral (length {length:.1f}) "
        f"follows the arm; the straight line between them (length {straight:.1f}) "
        "cuts across empty space.",
        width=5.2,
        height=4.8,
    )
    draw_graph(ax, A, X, node_sizes=8, labels=False, edge_color="#cccccc")
    ax.plot(*X[path].T, color=COLORS[1], lw=2.4, label=f"graph path ({length:.1f})")
    ax.plot(
        *X[[source, target]].T,
        "--",
        color=COLORS[2],
        label=f"straight ({straight:.1f})",
    )
    ax.set_title("Geodesic distance on a k-NN graph")
    ax.legend(loc="lower left", fontsize=8)
    return fig


def plot_minimum_spanning_tree(n_per_cluster: int = 15, seed: int = 0) -> Figure:
    """Draw the MST of three point clouds; cutting its 2 heaviest edges splits them."""
    rng = np.random.default_rng(seed)
    centers = np.array([[0.0, 0.0], [4.0, 0.5], [1.5, 3.5]])
    X = np.concatenate([c + 0.6 * rng.normal(size=(n_per_cluster, 2)) for c in centers])
    diff = X[:, None, :] - X[None, :, :]
    A = np.sqrt((diff**2).sum(-1))  # complete graph, Euclidean edge lengths
    edges, total = minimum_spanning_tree(A)
    lengths = A[edges[:, 0], edges[:, 1]]
    cut = np.argsort(lengths)[-2:]  # the two heaviest tree edges
    keep = np.setdiff1d(np.arange(len(edges)), cut)
    forest = np.zeros_like(A)
    forest[edges[keep, 0], edges[keep, 1]] = 1.0
    forest = forest + forest.T
    _, labels = connected_components(forest)
    fig, ax = new_figure(
        f"Minimum spanning tree (total length {total:.1f}) of {len(X)} points in three "
        "clouds. Its two longest edges, dashed, bridge the clouds; cutting them leaves "
        "three trees, colored by cluster: single-linkage clustering.",
        width=5.2,
        height=4.6,
    )
    for e, (i, j) in enumerate(edges):
        style = "--" if e in cut else "-"
        ax.plot(*X[[i, j]].T, style, color="#666666", lw=1.2, zorder=1)
    ax.scatter(X[:, 0], X[:, 1], c=[COLORS[c] for c in labels], zorder=2, s=30)
    ax.set_aspect("equal")
    ax.set_title("Minimum spanning tree and single linkage")
    return fig
