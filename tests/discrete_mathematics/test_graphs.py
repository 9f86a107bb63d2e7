"""Tests for snippets/discrete_mathematics/graphs.py (page: docs/discrete-mathematics/graphs.md)."""

from itertools import pairwise, product

import numpy as np
import pytest
import scipy.sparse
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.figure import Figure
from scipy.sparse.csgraph import connected_components as scipy_components
from scipy.sparse.csgraph import laplacian as scipy_laplacian
from sklearn.neighbors import kneighbors_graph

from snippets.discrete_mathematics.graphs import (
    EXAMPLE_EDGES,
    adjacency_list,
    adjacency_matrix,
    check_adjacency,
    circular_layout,
    count_spanning_trees,
    degrees,
    draw_graph,
    is_connected,
    is_tree,
    knn_graph,
    plot_graph_and_adjacency,
    plot_spanning_trees,
    spanning_trees,
    walk_counts,
)
from snippets.plotting import new_figure
from tests.discrete_mathematics.strategies import graphs


def edges_of(A: np.ndarray) -> list[tuple[int, int]]:
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(A, 1)), strict=True)]


def prufer_tree(seq: list[int], n: int) -> np.ndarray:
    """The labeled tree with Prüfer sequence seq (a bijection onto trees, n >= 2)."""
    degree = np.ones(n, dtype=int)
    for v in seq:
        degree[v] += 1
    A = np.zeros((n, n))
    for v in seq:
        leaf = int(np.flatnonzero(degree == 1)[0])
        A[leaf, v] = A[v, leaf] = 1
        degree[leaf] -= 1
        degree[v] -= 1
    u, w = np.flatnonzero(degree == 1)
    A[u, w] = A[w, u] = 1
    return A


# ---------------------------------------------------------------- check_adjacency


def test_check_adjacency_accepts_and_returns_floats():
    A = check_adjacency([[0, 2], [2, 0]], symmetric=True)
    assert A.dtype == float
    np.testing.assert_array_equal(A, [[0, 2], [2, 0]])


@given(graphs(directed=True, weighted=True))
def test_check_adjacency_keeps_valid_graphs(A):
    np.testing.assert_array_equal(check_adjacency(A), A)


@pytest.mark.parametrize(
    ("A", "kwargs", "error", "fragment"),
    [
        ([[0, 1, 0], [1, 0, 1]], {}, ValueError, "A must be a square matrix"),
        ([0, 1], {}, ValueError, "A must have 2 dimension"),
        ([[0, -1], [-1, 0]], {}, ValueError, "A must have non-negative edge weights"),
        ([[0, 1], [0, 0]], {"symmetric": True}, ValueError, "A must be symmetric"),
        ([[0, np.nan], [1, 0]], {}, ValueError, "A must be non-empty and finite"),
        ("ab", {}, TypeError, "A must be array-like"),
    ],
)
def test_check_adjacency_rejects_bad_input(A, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        check_adjacency(A, **kwargs)


# ---------------------------------------------------------------- adjacency_matrix, list


def test_adjacency_matrix_matches_scipy_sparse():
    rng = np.random.default_rng(0)
    n = 12
    pairs = np.array([(i, j) for i in range(n) for j in range(n) if i != j])
    E = pairs[rng.choice(len(pairs), 30, replace=False)]
    w = rng.uniform(0.5, 2.0, size=30)
    ref = scipy.sparse.coo_array((w, (E[:, 0], E[:, 1])), shape=(n, n)).toarray()
    np.testing.assert_allclose(adjacency_matrix(E, n, w, directed=True), ref)
    upper = E[E[:, 0] < E[:, 1]]
    upper = upper[np.unique(upper, axis=0, return_index=True)[1]]
    U = scipy.sparse.coo_array((np.ones(len(upper)), upper.T), shape=(n, n)).toarray()
    np.testing.assert_array_equal(adjacency_matrix(upper, n), U + U.T)


@given(graphs(directed=False))
def test_adjacency_round_trip_and_handshake(A):
    n = A.shape[0]
    E = edges_of(A)
    B = adjacency_matrix(np.array(E, dtype=int).reshape(-1, 2), n)
    np.testing.assert_array_equal(B, A)
    lists = adjacency_list(B)
    assert sum(len(nbrs) for nbrs in lists) == 2 * len(E)  # handshake lemma
    assert all(all(i in lists[j] for j in lists[i]) for i in range(n))  # symmetric


def test_adjacency_list_matches_scipy_csr():
    A = np.random.default_rng(1).random((15, 15)) < 0.3
    csr = scipy.sparse.csr_array(A.astype(float))
    expected = [
        csr.indices[csr.indptr[i] : csr.indptr[i + 1]].tolist() for i in range(15)
    ]
    assert adjacency_list(A) == expected


def test_edgeless_graph():
    np.testing.assert_array_equal(adjacency_matrix([], 3), np.zeros((3, 3)))


@pytest.mark.parametrize(
    ("edges", "n", "kwargs", "error", "fragment"),
    [
        ([(0, 3)], 3, {}, ValueError, "edges must name vertices in 0..2"),
        ([(0, -1)], 3, {}, ValueError, "edges must name vertices in 0..2"),
        ([(1, 1)], 3, {}, ValueError, "self-loops"),
        ([(0, 1), (1, 0)], 3, {}, ValueError, "edges must not repeat an edge"),
        ([(0, 1), (0, 1)], 3, {"directed": True}, ValueError, "repeat"),
        ([(0.5, 1)], 3, {}, ValueError, "edges must be integer pairs"),
        ([0, 1], 3, {}, ValueError, "edges must be integer pairs of shape"),
        ([(0, 1)], 0, {}, ValueError, "n_vertices must be at least 1"),
        ([(0, 1)], 2.0, {}, TypeError, "n_vertices must be an integer"),
        (
            [(0, 1)],
            2,
            {"weights": [1, 2]},
            ValueError,
            "weights has 2 entries for 1 edges",
        ),
        ([(0, 1)], 2, {"weights": [0.0]}, ValueError, "weights must be positive"),
        (
            [(0, 1)],
            2,
            {"weights": [np.inf]},
            ValueError,
            "weights must be non-empty and finite",
        ),
    ],
)
def test_adjacency_matrix_rejects_bad_input(edges, n, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        adjacency_matrix(edges, n, **kwargs)


def test_adjacency_list_rejects_bad_input():
    with pytest.raises(ValueError, match="A must be a square matrix"):
        adjacency_list([[0, 1]])


# ---------------------------------------------------------------- knn_graph


@pytest.mark.parametrize("mode", ["connectivity", "distance"])
@pytest.mark.parametrize("k", [1, 3, 7])
def test_knn_graph_matches_sklearn(mode, k):
    X = np.random.default_rng(2).normal(size=(40, 3))
    G = kneighbors_graph(X, k, mode=mode, include_self=False)
    expected = G.maximum(G.T).toarray()
    np.testing.assert_allclose(knn_graph(X, k, mode), expected, rtol=1e-10, atol=1e-12)


@given(
    arrays(np.float64, (10, 2), elements=st.floats(-10, 10), unique=True),
    st.integers(1, 9),
)
def test_knn_graph_is_symmetric_with_at_least_k_neighbors(X, k):
    D = np.linalg.norm(X[:, None] - X[None], axis=-1)
    np.fill_diagonal(D, np.inf)
    if D.min() < 1e-6:
        return  # near-duplicate points
    A = knn_graph(X, k)
    np.testing.assert_array_equal(A, A.T)
    assert np.all(np.diag(A) == 0)
    assert np.all((A > 0).sum(axis=1) >= k)


@pytest.mark.parametrize(
    ("X", "k", "mode", "error", "fragment"),
    [
        (
            [[0.0], [1.0]],
            2,
            "connectivity",
            ValueError,
            r"k must be an integer in 1..1",
        ),
        ([[0.0], [1.0]], 0, "connectivity", ValueError, "k must be an integer"),
        ([[0.0], [1.0]], True, "connectivity", ValueError, "k must be an integer"),
        ([[0.0], [1.0]], 1, "cosine", ValueError, "mode must be 'connectivity' or"),
        ([[0.0], [0.0], [1.0]], 1, "distance", ValueError, "X has duplicate rows"),
        ([0.0, 1.0], 1, "distance", ValueError, "X must have 2 dimension"),
    ],
)
def test_knn_graph_rejects_bad_input(X, k, mode, error, fragment):
    with pytest.raises(error, match=fragment):
        knn_graph(X, k, mode)


# ---------------------------------------------------------------- degrees


@given(graphs(directed=True, weighted=True))
def test_degrees_match_edge_list_counts(A):
    i, j = np.nonzero(A)
    n = A.shape[0]
    np.testing.assert_allclose(degrees(A), np.bincount(i, A[i, j], minlength=n))
    np.testing.assert_allclose(degrees(A, "in"), np.bincount(j, A[i, j], minlength=n))


@given(graphs(directed=False))
def test_degrees_match_scipy_laplacian_and_handshake(A):
    d = degrees(A)
    np.testing.assert_allclose(d, np.diag(scipy_laplacian(A)))
    assert d.sum() == 2 * len(edges_of(A))


@pytest.mark.parametrize(
    ("A", "direction", "error", "fragment"),
    [
        ([[0, 1], [1, 0]], "both", ValueError, "direction must be 'out' or 'in'"),
        ([[0, -1], [1, 0]], "out", ValueError, "non-negative"),
    ],
)
def test_degrees_reject_bad_input(A, direction, error, fragment):
    with pytest.raises(error, match=fragment):
        degrees(A, direction)


# ---------------------------------------------------------------- walk_counts


def brute_force_walks(A: np.ndarray, k: int) -> np.ndarray:
    n = A.shape[0]
    W = np.zeros((n, n))
    for walk in product(range(n), repeat=k + 1):
        W[walk[0], walk[-1]] += np.prod([A[a, b] for a, b in pairwise(walk)])
    return W


@pytest.mark.parametrize("k", [0, 1, 2, 3, 4])
def test_walk_counts_match_enumerated_walks(k):
    A = adjacency_matrix(EXAMPLE_EDGES, 6)
    np.testing.assert_array_equal(walk_counts(A, k), brute_force_walks(A, k))
    B = np.random.default_rng(3).random((4, 4)) * (
        np.random.default_rng(4).random((4, 4)) < 0.6
    )
    np.testing.assert_allclose(walk_counts(B, k), brute_force_walks(B, k), atol=1e-12)


@given(graphs(max_n=6, directed=True), st.integers(0, 4), st.integers(0, 4))
def test_walk_counts_compose(A, a, b):
    np.testing.assert_array_equal(
        walk_counts(A, a + b), walk_counts(A, a) @ walk_counts(A, b)
    )


@pytest.mark.parametrize("k", [-1, 1.5, True])
def test_walk_counts_reject_bad_k(k):
    with pytest.raises(ValueError, match="k must be a non-negative integer"):
        walk_counts([[0, 1], [1, 0]], k)


# ---------------------------------------------------------------- is_connected, is_tree


@given(graphs(max_n=9))
def test_is_connected_matches_scipy(A):
    assert is_connected(A) == (scipy_components(A, directed=False)[0] == 1)


@given(st.integers(2, 9), st.data())
def test_prufer_trees_are_trees_and_one_more_edge_is_not(n, data):
    seq = data.draw(st.lists(st.integers(0, n - 1), min_size=n - 2, max_size=n - 2))
    T = prufer_tree(seq, n)
    assert is_tree(T)
    assert count_spanning_trees(T) == 1  # a tree spans itself only
    missing = [(i, j) for i in range(n) for j in range(i + 1, n) if T[i, j] == 0]
    if missing:
        i, j = data.draw(st.sampled_from(missing))
        T[i, j] = T[j, i] = 1
        assert not is_tree(T)  # a cycle
    i, j = edges_of(prufer_tree(seq, n))[0]
    T = prufer_tree(seq, n)
    T[i, j] = T[j, i] = 0
    assert not is_tree(T)  # disconnected


@given(graphs(max_n=7))
def test_is_tree_iff_connected_with_exactly_one_spanning_tree_and_no_extra_edge(A):
    n = A.shape[0]
    expected = count_spanning_trees(A) == 1 and len(edges_of(A)) == n - 1
    assert is_tree(A) == expected


def test_is_tree_rejects_self_loops_and_directed():
    assert not is_tree([[1.0, 1.0], [1.0, 0.0]])
    assert is_tree([[0.0]])
    with pytest.raises(ValueError, match="A must be symmetric"):
        is_tree([[0, 1], [0, 0]])
    with pytest.raises(ValueError, match="A must be symmetric"):
        is_connected([[0, 1], [0, 0]])


# ---------------------------------------------------------------- spanning trees


@pytest.mark.parametrize("n", range(1, 8))
def test_cayley_formula_for_complete_graphs(n):
    K = np.ones((n, n)) - np.eye(n)
    assert count_spanning_trees(K) == n ** (n - 2) if n > 1 else 1
    if n <= 5:
        assert len(spanning_trees(K)) == max(n ** (n - 2), 1)


@pytest.mark.parametrize("n", range(3, 10))
def test_a_cycle_has_n_spanning_trees(n):
    C = adjacency_matrix([(i, (i + 1) % n) for i in range(n)], n)
    assert count_spanning_trees(C) == n == len(spanning_trees(C))


@given(graphs(max_n=6))
def test_matrix_tree_theorem_matches_brute_force(A):
    trees = spanning_trees(A)
    assert count_spanning_trees(A) == len(trees)
    for tree in trees[:10]:
        assert is_tree(
            adjacency_matrix(np.array(tree, dtype=int).reshape(-1, 2), A.shape[0])
        )


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[0, 2], [2, 0]], ValueError, "A must be a 0/1 adjacency matrix"),
        ([[1, 1], [1, 0]], ValueError, "zero diagonal"),
        ([[0, 1], [0, 0]], ValueError, "A must be symmetric"),
    ],
)
def test_count_spanning_trees_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        count_spanning_trees(A)


def test_spanning_trees_rejects_large_graphs():
    with pytest.raises(
        ValueError, match="A has 21 edges; brute force allows at most 20"
    ):
        spanning_trees(np.ones((7, 7)) - np.eye(7))


# ---------------------------------------------------------------- drawing


@given(st.integers(1, 40))
def test_circular_layout_is_on_the_unit_circle(n):
    P = circular_layout(n)
    np.testing.assert_allclose(np.linalg.norm(P, axis=1), 1.0)
    np.testing.assert_allclose(P[0], [0.0, 1.0], atol=1e-15)
    if n > 1:  # equally spaced: every neighbor at the same distance
        gaps = np.linalg.norm(P - np.roll(P, -1, axis=0), axis=1)
        np.testing.assert_allclose(gaps, 2 * np.sin(np.pi / n))


@pytest.mark.parametrize("n", [0, 2.5, True])
def test_circular_layout_rejects_bad_n(n):
    with pytest.raises(ValueError, match="n must be a positive integer"):
        circular_layout(n)


def test_draw_graph_draws_one_line_per_undirected_edge():
    _, ax = new_figure("test")
    A = adjacency_matrix(EXAMPLE_EDGES, 6)
    draw_graph(ax, A, circular_layout(6), highlight=[(3, 2)])
    plain, highlighted = ax.collections[:2]
    assert len(plain.get_segments()) == len(EXAMPLE_EDGES) - 1
    np.testing.assert_allclose(
        highlighted.get_segments()[0], circular_layout(6)[[2, 3]]
    )
    _, ax = new_figure("test")
    draw_graph(ax, A, circular_layout(6), directed=True, labels=False)
    assert len(ax.texts) == 2 * len(EXAMPLE_EDGES)  # one arrow per direction
    with pytest.raises(ValueError, match=r"pos must have shape \(6, 2\)"):
        draw_graph(ax, A, circular_layout(5))


def test_plot_graph_and_adjacency_shows_the_matrix():
    fig = plot_graph_and_adjacency()
    assert isinstance(fig, Figure) and fig.get_label()
    image = fig.axes[1].get_images()[0].get_array()
    np.testing.assert_array_equal(image, adjacency_matrix(EXAMPLE_EDGES, 6))
    assert len(fig.axes[0].collections[0].get_segments()) == len(EXAMPLE_EDGES)


def test_plot_spanning_trees_draws_each_tree():
    fig = plot_spanning_trees()
    assert fig.get_label()
    assert len(fig.axes) == 8
    for ax in fig.axes:
        plain, highlighted = ax.collections[:2]
        assert len(highlighted.get_segments()) == 3  # n - 1 tree edges of 4 vertices
        assert len(plain.get_segments()) == 2
