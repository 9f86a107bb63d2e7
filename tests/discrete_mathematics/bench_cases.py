"""Snippet-speed cases of the discrete mathematics area (run by `make bench`)."""

import math

import numpy as np
import scipy.special
from scipy.sparse.csgraph import (
    breadth_first_order,
    depth_first_order,
)
from scipy.sparse.csgraph import connected_components as scipy_components
from scipy.sparse.csgraph import dijkstra as scipy_dijkstra
from scipy.sparse.csgraph import laplacian as scipy_laplacian
from scipy.sparse.csgraph import minimum_spanning_tree as scipy_mst
from sklearn.cluster import SpectralClustering
from sklearn.neighbors import kneighbors_graph

from snippets.discrete_mathematics.counting import (
    combinations_count,
    log_combinations,
    permutations_count,
)
from snippets.discrete_mathematics.counting_in_ml import stirling2
from snippets.discrete_mathematics.graph_algorithms import (
    breadth_first_search,
    connected_components,
    depth_first_search,
    dijkstra,
    minimum_spanning_tree,
)
from snippets.discrete_mathematics.graphs import knn_graph
from snippets.discrete_mathematics.spectral_graphs import (
    google_matrix,
    laplacian,
    pagerank,
    spectral_clustering,
    stochastic_block_model,
)
from tests.site.benchmarks import Case


def sparse_graph(rng: np.random.Generator) -> np.ndarray:
    """An undirected weighted graph: 500 vertices, about 8 neighbors each."""
    n = 500
    A = np.triu((rng.random((n, n)) < 8 / n) * rng.uniform(0.5, 2.0, (n, n)), 1)
    A[np.arange(n - 1), np.arange(1, n)] = 1.0  # a path keeps it connected
    return A + A.T


def sbm(rng: np.random.Generator) -> np.ndarray:
    return stochastic_block_model([100, 100, 100], 0.2, 0.01, rng)[0]


def leading_left_eigenvector(A: np.ndarray) -> np.ndarray:
    w, V = np.linalg.eig(google_matrix(A).T)
    v = np.real(V[:, np.argmax(np.real(w))])
    return v / v.sum()


CASES = [
    Case(
        "discrete_mathematics.counting.combinations_count",
        lambda nk: combinations_count(*nk),
        lambda nk: math.comb(*nk),
        lambda rng: (2000, 1000),
        "math.comb",
    ),
    Case(
        "discrete_mathematics.counting.permutations_count",
        lambda nk: permutations_count(*nk),
        lambda nk: math.perm(*nk),
        lambda rng: (2000, 1000),
        "math.perm",
    ),
    Case(
        "discrete_mathematics.counting.log_combinations",
        lambda nk: log_combinations(*nk),
        lambda nk: (
            scipy.special.gammaln(nk[0] + 1)
            - scipy.special.gammaln(nk[1] + 1)
            - scipy.special.gammaln(nk[0] - nk[1] + 1)
        ),
        lambda rng: (10**6, 3 * 10**5),
        "scipy.special.gammaln",
    ),
    Case(
        "discrete_mathematics.counting_in_ml.stirling2",
        lambda nk: stirling2(*nk),
        lambda nk: scipy.special.stirling2(*nk, exact=True),
        lambda rng: (200, 20),
        "scipy.special.stirling2 (exact)",
    ),
    Case(
        "discrete_mathematics.graphs.knn_graph",
        lambda X: knn_graph(X, 10),
        lambda X: kneighbors_graph(X, 10).maximum(kneighbors_graph(X, 10).T),
        lambda rng: rng.normal(size=(800, 8)),
        "sklearn.neighbors.kneighbors_graph",
    ),
    Case(
        "discrete_mathematics.graph_algorithms.breadth_first_search",
        lambda A: breadth_first_search(A, 0),
        lambda A: breadth_first_order(A, 0, directed=False),
        sparse_graph,
        "scipy.sparse.csgraph.breadth_first_order",
    ),
    Case(
        "discrete_mathematics.graph_algorithms.depth_first_search",
        lambda A: depth_first_search(A, 0),
        lambda A: depth_first_order(A, 0, directed=False),
        sparse_graph,
        "scipy.sparse.csgraph.depth_first_order",
    ),
    Case(
        "discrete_mathematics.graph_algorithms.connected_components",
        connected_components,
        lambda A: scipy_components(A, directed=False),
        sparse_graph,
        "scipy.sparse.csgraph.connected_components",
    ),
    Case(
        "discrete_mathematics.graph_algorithms.dijkstra",
        lambda A: dijkstra(A, 0),
        lambda A: scipy_dijkstra(A, indices=0),
        sparse_graph,
        "scipy.sparse.csgraph.dijkstra",
    ),
    Case(
        "discrete_mathematics.graph_algorithms.minimum_spanning_tree",
        minimum_spanning_tree,
        scipy_mst,
        sparse_graph,
        "scipy.sparse.csgraph.minimum_spanning_tree",
    ),
    Case(
        "discrete_mathematics.spectral_graphs.laplacian",
        lambda A: laplacian(A, normalized=True),
        lambda A: scipy_laplacian(A, normed=True),
        sparse_graph,
        "scipy.sparse.csgraph.laplacian",
    ),
    Case(
        "discrete_mathematics.spectral_graphs.spectral_clustering",
        lambda A: spectral_clustering(A, 3, rng=np.random.default_rng(0)),
        lambda A: SpectralClustering(
            3, affinity="precomputed", random_state=0
        ).fit_predict(A),
        sbm,
        "sklearn.cluster.SpectralClustering",
    ),
    Case(
        "discrete_mathematics.spectral_graphs.pagerank",
        pagerank,
        leading_left_eigenvector,
        lambda rng: (rng.random((300, 300)) < 0.02).astype(float),
        "numpy.linalg.eig of the Google matrix",
    ),
]
