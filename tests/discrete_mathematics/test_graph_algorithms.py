"""Tests for snippets/discrete_mathematics/graph_algorithms.py
(page: docs/discrete-mathematics/graph-algorithms.md)."""

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.cluster.hierarchy import linkage
from scipy.sparse.csgraph import breadth_first_order, depth_first_order
from scipy.sparse.csgraph import connected_components as scipy_components
from scipy.sparse.csgraph import dijkstra as scipy_dijkstra
from scipy.sparse.csgraph import minimum_spanning_tree as scipy_mst
from scipy.sparse.csgraph import shortest_path as scipy_shortest_path
from scipy.spatial.distance import pdist, squareform

from snippets.discrete_mathematics.graph_algorithms import (
    breadth_first_search,
    check_vertex,
    connected_components,
    depth_first_search,
    dijkstra,
    minimum_spanning_tree,
    plot_geodesic_path,
    plot_minimum_spanning_tree,
    shortest_path,
    spiral_points,
)
from snippets.discrete_mathematics.graphs import (
    EXAMPLE_EDGES,
    adjacency_matrix,
    is_tree,
    knn_graph,
)
from tests.discrete_mathematics.strategies import graphs


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """Two labelings describe the same partition (labels are arbitrary names)."""
    return bool(np.all((a[:, None] == a[None, :]) == (b[:, None] == b[None, :])))


# ---------------------------------------------------------------- check_vertex


@given(st.integers(1, 100), st.data())
def test_check_vertex_accepts_every_vertex(n, data):
    v = data.draw(st.integers(0, n - 1))
    assert check_vertex(np.int64(v), n) == v


@pytest.mark.parametrize(
    ("v", "error", "fragment"),
    [
        (3, ValueError, r"source must be a vertex in 0..2, got 3"),
        (-1, ValueError, "source must be a vertex in 0..2"),
        (1.0, TypeError, "source must be an integer vertex index"),
        (True, TypeError, "source must be an integer vertex index"),
    ],
)
def test_check_vertex_rejects_bad_input(v, error, fragment):
    with pytest.raises(error, match=fragment):
        check_vertex(v, 3)


# ---------------------------------------------------------------- BFS and DFS


@given(graphs(max_n=10, directed=True), st.data())
def test_bfs_matches_scipy_order_and_hop_counts(A, data):
    source = data.draw(st.integers(0, A.shape[0] - 1))
    order, hops = breadth_first_search(A, source)
    np.testing.assert_array_equal(
        order, breadth_first_order(A, source, directed=True)[0]
    )
    expected_hops = scipy_shortest_path(
        A, directed=True, unweighted=True, indices=source
    )
    np.testing.assert_array_equal(hops, expected_hops)


@given(graphs(max_n=10, directed=True), st.data())
def test_dfs_matches_scipy_preorder(A, data):
    source = data.draw(st.integers(0, A.shape[0] - 1))
    np.testing.assert_array_equal(
        depth_first_search(A, source), depth_first_order(A, source, directed=True)[0]
    )


def test_bfs_and_dfs_on_the_example_graph():
    A = adjacency_matrix(EXAMPLE_EDGES, 6)
    order, hops = breadth_first_search(A, 0)
    assert order.tolist() == [0, 1, 2, 3, 4, 5]
    assert hops.tolist() == [0, 1, 1, 2, 3, 4]
    assert depth_first_search(A, 5).tolist() == [5, 4, 3, 2, 0, 1]


def test_dfs_handles_a_long_path_without_recursion_limits():
    n = 1500  # deeper than Python's default recursion limit of 1000
    A = np.eye(n, k=1) + np.eye(n, k=-1)
    np.testing.assert_array_equal(depth_first_search(A, 0), np.arange(n))


@pytest.mark.parametrize("f", [breadth_first_search, depth_first_search, dijkstra])
@pytest.mark.parametrize(
    ("A", "source", "error", "fragment"),
    [
        ([[0, 1], [1, 0]], 2, ValueError, "source must be a vertex in 0..1"),
        ([[0, 1], [1, 0]], 0.0, TypeError, "source must be an integer"),
        ([[0, -1], [1, 0]], 0, ValueError, "A must have non-negative edge weights"),
        ([[0, 1, 0]], 0, ValueError, "A must be a square matrix"),
    ],
)
def test_traversals_reject_bad_input(f, A, source, error, fragment):
    with pytest.raises(error, match=fragment):
        f(A, source)


# ---------------------------------------------------------------- connected components


@given(graphs(max_n=12))
def test_connected_components_match_scipy(A):
    n_ref, labels_ref = scipy_components(A, directed=False)
    n, labels = connected_components(A)
    assert n == n_ref
    assert same_partition(labels, labels_ref)
    assert labels[0] == 0 and np.all(np.diff(np.maximum.accumulate(labels)) <= 1)


def test_connected_components_rejects_directed_graphs():
    with pytest.raises(ValueError, match="A must be symmetric"):
        connected_components([[0, 1], [0, 0]])


# ---------------------------------------------------------------- Dijkstra


@given(graphs(max_n=10, directed=True, weighted=True), st.data())
def test_dijkstra_matches_scipy(A, data):
    source = data.draw(st.integers(0, A.shape[0] - 1))
    dist, pred = dijkstra(A, source)
    np.testing.assert_allclose(dist, scipy_dijkstra(A, indices=source), rtol=1e-12)
    # Every predecessor sits on a shortest path: dist[v] = dist[pred[v]] + A[pred[v], v].
    for v in np.flatnonzero(pred >= 0):
        assert dist[v] == pytest.approx(dist[pred[v]] + A[pred[v], v])
    # No edge can shorten a distance any more (the optimality condition).
    finite = np.isfinite(dist)
    rows, cols = np.nonzero(A)
    ok = finite[rows]
    assert np.all(dist[cols[ok]] <= dist[rows[ok]] + A[rows[ok], cols[ok]] + 1e-9)


def test_dijkstra_on_a_knn_graph_matches_scipy():
    X, _ = spiral_points(200, seed=1)
    A = knn_graph(X, 8, mode="distance")
    np.testing.assert_allclose(
        dijkstra(A, 0)[0], scipy_dijkstra(A, indices=0), rtol=1e-12
    )


@given(graphs(max_n=9, directed=True, weighted=True), st.data())
def test_shortest_path_length_is_the_sum_of_its_edges(A, data):
    n = A.shape[0]
    s, t = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
    length, path = shortest_path(A, s, t)
    reference = scipy_dijkstra(A, indices=s)[t]
    if np.isinf(reference):
        assert (length, path) == (float("inf"), [])
    else:
        assert path[0] == s and path[-1] == t
        assert length == pytest.approx(reference)
        assert length == pytest.approx(sum(A[a, b] for a, b in pairwise(path)))


def test_shortest_path_rejects_bad_target():
    with pytest.raises(ValueError, match=r"target must be a vertex in 0\.\.1"):
        shortest_path([[0, 1], [1, 0]], 0, 5)


# ---------------------------------------------------------------- minimum spanning tree


@given(graphs(max_n=10, weighted=True, connected=True))
def test_mst_weight_matches_scipy_and_is_a_tree(A):
    edges, total = minimum_spanning_tree(A)
    assert total == pytest.approx(scipy_mst(A).sum(), rel=1e-12)
    n = A.shape[0]
    T = np.zeros_like(A)
    T[edges[:, 0], edges[:, 1]] = 1
    assert edges.shape == (n - 1, 2)
    assert is_tree(T + T.T)
    assert total == pytest.approx(A[edges[:, 0], edges[:, 1]].sum())


def test_mst_weights_are_the_single_linkage_merge_heights():
    X = np.random.default_rng(5).normal(size=(30, 2))
    A = squareform(pdist(X))
    edges, _ = minimum_spanning_tree(A)
    heights = np.sort(A[edges[:, 0], edges[:, 1]])
    np.testing.assert_allclose(heights, linkage(pdist(X), method="single")[:, 2])


def test_mst_edge_cases():
    edges, total = minimum_spanning_tree([[0.0]])
    assert edges.shape == (0, 2) and total == 0.0
    edges, total = minimum_spanning_tree([[5.0, 2.0], [2.0, 0.0]])  # self-loop ignored
    assert edges.tolist() == [[0, 1]] and total == 2.0


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        (np.zeros((3, 3)), ValueError, "A is disconnected: no spanning tree exists"),
        ([[0, 1], [0, 0]], ValueError, "A must be symmetric"),
        ([[0, -1], [-1, 0]], ValueError, "non-negative"),
    ],
)
def test_mst_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        minimum_spanning_tree(A)


# ---------------------------------------------------------------- data and plots


def test_spiral_points_follow_the_spiral():
    X, t = spiral_points(100, noise=0.0, seed=3)
    np.testing.assert_allclose(X, np.column_stack([t * np.cos(t), t * np.sin(t)]))
    assert np.all(np.diff(t) >= 0)
    with pytest.raises(ValueError, match="n_points must be an integer >= 2"):
        spiral_points(1)


def test_plot_geodesic_path_draws_a_shortest_path():
    fig = plot_geodesic_path(n_points=150, k=10, seed=0)
    assert fig.get_label()
    X, _ = spiral_points(150, seed=0)
    A = knn_graph(X, 10, mode="distance")
    path_line = fig.axes[0].get_lines()[-2]
    xy = np.column_stack(path_line.get_data())
    length = np.linalg.norm(np.diff(xy, axis=0), axis=1).sum()
    assert length == pytest.approx(scipy_dijkstra(A, indices=0)[149])


def test_plot_minimum_spanning_tree_draws_n_minus_1_edges():
    fig = plot_minimum_spanning_tree(n_per_cluster=10, seed=1)
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    assert len(lines) == 29
    assert sum(line.get_linestyle() == "--" for line in lines) == 2
