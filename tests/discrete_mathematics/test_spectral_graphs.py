"""Tests for snippets/discrete_mathematics/spectral_graphs.py
(page: docs/discrete-mathematics/spectral-graphs.md)."""

from itertools import permutations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components as scipy_components
from scipy.sparse.csgraph import laplacian as scipy_laplacian
from sklearn.cluster import SpectralClustering

from snippets.calculus.activations import relu
from snippets.discrete_mathematics.graphs import adjacency_matrix
from snippets.discrete_mathematics.spectral_graphs import (
    WEB_LINKS,
    check_damping,
    check_gcn_inputs,
    clustering_accuracy,
    fiedler_vector,
    gcn_layer,
    gcn_layer_message_passing,
    google_matrix,
    laplacian,
    pagerank,
    plot_adjacency,
    plot_communities,
    plot_fiedler_vector,
    plot_oversmoothing,
    plot_pagerank_convergence,
    plot_pagerank_graph,
    spectral_clustering,
    spectral_layout,
    stochastic_block_model,
    two_community_graph,
    web_graph,
)
from snippets.linear_algebra.eigen import power_iteration
from snippets.probability_statistics.markov_chains import stationary_distribution
from tests.discrete_mathematics.strategies import graphs

# ---------------------------------------------------------------- laplacian


@given(graphs(max_n=10, weighted=True))
def test_laplacian_matches_scipy(A):
    np.testing.assert_allclose(laplacian(A), scipy_laplacian(A), atol=1e-12)
    np.testing.assert_allclose(
        laplacian(A, normalized=True), scipy_laplacian(A, normed=True), atol=1e-12
    )


@given(graphs(max_n=10, weighted=True), st.data())
def test_laplacian_quadratic_form_psd_and_components(A, data):
    n = A.shape[0]
    L = laplacian(A)
    x = data.draw(arrays(np.float64, n, elements=st.floats(-5, 5)))
    # x^T L x = sum over edges w_ij (x_i - x_j)^2 (each edge once).
    i, j = np.nonzero(np.triu(A, 1))
    assert x @ L @ x == pytest.approx(np.sum(A[i, j] * (x[i] - x[j]) ** 2), abs=1e-8)
    np.testing.assert_allclose(L @ np.ones(n), 0.0, atol=1e-9)
    for M in (L, laplacian(A, normalized=True)):
        w = np.linalg.eigvalsh(M)
        assert w.min() >= -1e-9  # positive semidefinite
        # The multiplicity of the eigenvalue 0 is the number of components.
        assert np.sum(w < 1e-8) == scipy_components(A, directed=False)[0]
    assert np.linalg.eigvalsh(laplacian(A, normalized=True)).max() <= 2 + 1e-9


@pytest.mark.parametrize(
    ("A", "error", "fragment"),
    [
        ([[0, 1], [0, 0]], ValueError, "A must be symmetric"),
        ([[1, 1], [1, 0]], ValueError, "A must have a zero diagonal"),
        ([[0, -1], [-1, 0]], ValueError, "non-negative"),
        ([[0, 1, 1], [1, 0, 1]], ValueError, "A must be a square matrix"),
        ([[np.inf]], ValueError, "A must be non-empty and finite"),
    ],
)
def test_laplacian_rejects_bad_input(A, error, fragment):
    with pytest.raises(error, match=fragment):
        laplacian(A)


# ---------------------------------------------------------------- Fiedler vector


@pytest.mark.parametrize("n", [2, 3, 5, 10, 30])
def test_fiedler_value_of_a_path(n):
    # The path on n vertices has Laplacian eigenvalues 2 - 2 cos(pi k / n), k = 0..n-1.
    P = adjacency_matrix([(i, i + 1) for i in range(n - 1)], n)
    lam, v = fiedler_vector(P)
    assert lam == pytest.approx(2 - 2 * np.cos(np.pi / n))
    # Its eigenvector is cos(pi (i + 1/2) / n): monotone along the path.
    expected = np.cos(np.pi * (np.arange(n) + 0.5) / n)
    assert abs(v @ expected / np.linalg.norm(expected)) == pytest.approx(1.0)


@given(graphs(min_n=2, max_n=10, weighted=True))
def test_fiedler_vector_is_an_eigenpair_and_detects_connectivity(A):
    lam, v = fiedler_vector(A)
    L = scipy_laplacian(A)
    np.testing.assert_allclose(L @ v, lam * v, atol=1e-8)
    assert np.linalg.norm(v) == pytest.approx(1.0)
    assert lam == pytest.approx(np.sort(np.linalg.eigvalsh(L))[1], abs=1e-9)
    connected = scipy_components(A, directed=False)[0] == 1
    assert (lam > 1e-9) == connected
    largest = np.flatnonzero(np.abs(v) >= (1 - 1e-8) * np.abs(v).max())
    assert v[largest[0]] > 0  # the sign convention, ties going to the first entry


def test_fiedler_vector_sign_is_fixed_on_a_symmetric_graph():
    # Two triangles joined by the edge 2-3 (worked by hand): lambda_2 = (5 - sqrt 17) / 2
    # and the vector is +a, +a, +b, -b, -a, -a. Entries 0, 1, 4, 5 tie in magnitude, so
    # only the tie rule fixes the sign, the same way under a mirror relabelling.
    T = np.kron(np.eye(2), np.ones((3, 3))) - np.eye(6)
    T[2, 3] = T[3, 2] = 1
    mirror = np.arange(6)[::-1]
    for A in (T, T[np.ix_(mirror, mirror)]):
        lam, v = fiedler_vector(A)
        assert lam == pytest.approx((5 - np.sqrt(17)) / 2)
        np.testing.assert_array_equal(np.sign(v), [1, 1, 1, -1, -1, -1])


def test_fiedler_vector_rejects_a_single_vertex():
    with pytest.raises(ValueError, match="A must have at least 2 vertices"):
        fiedler_vector([[0.0]])


# ---------------------------------------------------------------- SBM


def test_sbm_edge_densities_match_the_probabilities():
    rng = np.random.default_rng(0)
    A, labels = stochastic_block_model([150, 100], 0.3, 0.05, rng)
    np.testing.assert_array_equal(A, A.T)
    assert np.all(np.diag(A) == 0)
    np.testing.assert_array_equal(np.bincount(labels), [150, 100])
    same = labels[:, None] == labels[None, :]
    iu = np.triu_indices(250, 1)
    inside, across = A[iu][same[iu]], A[iu][~same[iu]]
    for edges, p in ((inside, 0.3), (across, 0.05)):  # binomial: 5 standard errors
        assert abs(edges.mean() - p) < 5 * np.sqrt(p * (1 - p) / edges.size)


@given(st.lists(st.integers(1, 6), min_size=1, max_size=4), st.integers(0, 2**32 - 1))
def test_sbm_extremes_give_disjoint_cliques(sizes, seed):
    A, labels = stochastic_block_model(sizes, 1.0, 0.0, np.random.default_rng(seed))
    expected = (labels[:, None] == labels[None, :]).astype(float) - np.eye(labels.size)
    np.testing.assert_array_equal(A, expected)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (([], 0.5, 0.1), ValueError, "sizes must be a non-empty list of positive"),
        (([3, 0], 0.5, 0.1), ValueError, "sizes must be"),
        (([2.5], 0.5, 0.1), ValueError, "sizes must be"),
        (([3], 1.5, 0.1), ValueError, "p_in must be a probability in \\[0, 1\\]"),
        (([3], 0.5, -0.1), ValueError, "p_out must be a probability"),
        (([3], 0.5, np.nan), ValueError, "p_out must be a probability"),
    ],
)
def test_sbm_rejects_bad_input(args, error, fragment):
    with pytest.raises(error, match=fragment):
        stochastic_block_model(*args)
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        stochastic_block_model([3], 0.5, 0.1, rng=1)


# ---------------------------------------------------------------- clustering accuracy


@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=12).flatmap(
        lambda t: st.tuples(
            st.just(t), st.lists(st.integers(0, 3), min_size=len(t), max_size=len(t))
        )
    )
)
def test_clustering_accuracy_matches_brute_force_over_renamings(pair):
    true, pred = np.array(pair[0]), np.array(pair[1])
    best = max(np.mean(np.array(perm)[pred] == true) for perm in permutations(range(4)))
    assert clustering_accuracy(true, pred) == pytest.approx(best)
    renamed = np.array([3, 1, 0, 2])[pred]
    assert clustering_accuracy(true, renamed) == pytest.approx(best)


def test_clustering_accuracy_rejects_bad_input():
    with pytest.raises(
        ValueError, match="labels_true and labels_pred must have the same"
    ):
        clustering_accuracy([0, 1], [0, 1, 1])
    with pytest.raises(ValueError, match="labels_pred must be non-empty"):
        clustering_accuracy([0], [])
    with pytest.raises(ValueError, match="labels_true must have 1 dimension"):
        clustering_accuracy([[0]], [0])


# ---------------------------------------------------------------- spectral clustering


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_spectral_clustering_recovers_planted_communities(seed):
    rng = np.random.default_rng(seed)
    A, labels = stochastic_block_model([40, 40, 40], 0.3, 0.02, rng)
    pred = spectral_clustering(A, 3, rng=np.random.default_rng(0))
    assert clustering_accuracy(labels, pred) >= 0.95
    reference = SpectralClustering(
        3, affinity="precomputed", random_state=0, assign_labels="kmeans"
    ).fit_predict(A)
    assert clustering_accuracy(reference, pred) >= 0.95


@given(st.lists(st.integers(2, 6), min_size=1, max_size=4))
def test_spectral_clustering_separates_components_exactly(sizes):
    A, labels = stochastic_block_model(sizes, 1.0, 0.0, np.random.default_rng(0))
    pred = spectral_clustering(A, len(sizes), rng=np.random.default_rng(0))
    assert clustering_accuracy(labels, pred) == 1.0
    assert pred[0] == 0  # numbered in order of first appearance


@pytest.mark.parametrize(
    ("k", "kwargs", "error", "fragment"),
    [
        (0, {}, ValueError, "k must be an integer in 1..4"),
        (5, {}, ValueError, "k must be an integer in 1..4"),
        (2.0, {}, ValueError, "k must be an integer"),
        (2, {"rng": 0}, TypeError, "rng must be a numpy.random.Generator"),
    ],
)
def test_spectral_clustering_rejects_bad_input(k, kwargs, error, fragment):
    A = np.ones((4, 4)) - np.eye(4)
    with pytest.raises(error, match=fragment):
        spectral_clustering(A, k, **kwargs)
    with pytest.raises(ValueError, match="A must be symmetric"):
        spectral_clustering([[0, 1], [0, 0]], 1)


# ---------------------------------------------------------------- PageRank


@pytest.mark.parametrize("damping", [0.1, 0.5, 0.85, 0.99])
def test_google_matrix_is_row_stochastic_and_explicit(damping):
    A = web_graph()
    G = google_matrix(A, damping)
    np.testing.assert_allclose(G.sum(axis=1), 1.0)
    n = A.shape[0]
    for i, targets in WEB_LINKS.items():  # the surfer's rule, row by row
        expected = np.full(n, (1 - damping) / n)
        if targets:
            expected[targets] += damping / len(targets)
        else:
            expected += damping / n
        np.testing.assert_allclose(G[i], expected)


def leading_left_eigenvector(G: np.ndarray) -> np.ndarray:
    w, V = np.linalg.eig(G.T)
    v = np.real(V[:, np.argmax(np.real(w))])
    return v / v.sum()


@pytest.mark.parametrize("damping", [0.5, 0.85, 0.95])
def test_pagerank_matches_eigenvector_stationary_distribution_and_solve(damping):
    A = web_graph()
    ranks = pagerank(A, damping, tol=1e-13).ranks
    G = google_matrix(A, damping)
    np.testing.assert_allclose(ranks, leading_left_eigenvector(G), atol=1e-10)
    np.testing.assert_allclose(ranks, stationary_distribution(G), atol=1e-10)
    # Closed form: r^T (I - damping P) = (1 - damping)/n 1^T with dangling rows uniform.
    n = A.shape[0]
    P = (G - (1 - damping) / n) / damping
    r = np.linalg.solve((np.eye(n) - damping * P).T, np.full(n, (1 - damping) / n))
    np.testing.assert_allclose(ranks, r, atol=1e-10)
    # Power iteration from the linear algebra area, on G^T.
    _, v = power_iteration(
        G.T, tol=1e-13, max_iter=10_000, rng=np.random.default_rng(0)
    )
    np.testing.assert_allclose(ranks, v / v.sum(), atol=1e-9)


@given(graphs(max_n=9, directed=True, weighted=True), st.floats(0.05, 0.95))
def test_pagerank_properties(A, damping):
    result = pagerank(A, damping, tol=1e-12)
    n = A.shape[0]
    G = google_matrix(A, damping)
    np.testing.assert_allclose(G.sum(axis=1), 1.0)
    assert np.all(G >= (1 - damping) / n - 1e-15)  # every page reachable in one step
    assert result.ranks.sum() == pytest.approx(1.0)
    assert np.all(result.ranks >= (1 - damping) / n - 1e-12)  # everyone gets the jumps
    np.testing.assert_allclose(
        result.ranks, leading_left_eigenvector(google_matrix(A, damping)), atol=1e-9
    )
    # The L1 change shrinks at least by the factor damping per step (from at most 2).
    assert result.n_iter <= np.log(1e-12 / 2) / np.log(damping) + 2
    assert np.all(
        result.residuals <= 2 * damping ** np.arange(1, result.n_iter + 1) + 1e-15
    )
    # Relabeling the pages relabels the ranks.
    perm = np.random.default_rng(0).permutation(n)
    permuted = pagerank(A[np.ix_(perm, perm)], damping, tol=1e-12).ranks
    np.testing.assert_allclose(permuted, result.ranks[perm], atol=1e-10)


def test_pagerank_reports_non_convergence():
    with pytest.raises(RuntimeError, match="did not converge in max_iter=3 steps"):
        pagerank(web_graph(), 0.99, tol=1e-12, max_iter=3)


@pytest.mark.parametrize("damping", [0.0, 1.0, -0.5, 1.5, np.nan, "0.85", None])
def test_damping_outside_the_open_interval_is_rejected(damping):
    for f in (
        check_damping,
        lambda d: google_matrix(web_graph(), d),
        lambda d: pagerank(web_graph(), d),
    ):
        with pytest.raises(
            ValueError, match="damping must be in the open interval \\(0, 1\\)"
        ):
            f(damping)


@given(st.floats(1e-6, 1 - 1e-6))
def test_check_damping_accepts_the_open_interval(d):
    assert check_damping(d) == d


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"tol": 0.0}, ValueError, "tol must be positive"),
        ({"tol": np.nan}, ValueError, "tol must be positive"),
        ({"max_iter": 0}, ValueError, "max_iter must be at least 1"),
        ({"max_iter": 10.0}, TypeError, "max_iter must be an integer"),
    ],
)
def test_pagerank_rejects_bad_input(kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        pagerank(web_graph(), **kwargs)
    with pytest.raises(ValueError, match="A must have non-negative edge weights"):
        pagerank([[0, -1], [1, 0]])
    with pytest.raises(ValueError, match="A must be a square matrix"):
        google_matrix([[0, 1, 1]])


# ---------------------------------------------------------------- graph convolution


def gcn_edge_list(A, H, W):
    """Independent form: scatter-add over an edge list with self-loops (sparse)."""
    n = A.shape[0]
    At = coo_array(A + np.eye(n))
    deg = np.bincount(At.row, At.data, minlength=n)
    coef = At.data / np.sqrt(deg[At.row] * deg[At.col])
    out = np.zeros((n, W.shape[1]))
    np.add.at(out, At.row, coef[:, None] * (H @ W)[At.col])
    return out


def test_gcn_layer_matches_the_matrix_formula_written_out():
    rng = np.random.default_rng(0)
    A, _ = stochastic_block_model([6, 6], 0.6, 0.1, rng)
    H, W = rng.normal(size=(12, 5)), rng.normal(size=(5, 3))
    A_tilde = A + np.eye(12)
    D_inv_sqrt = np.diag(A_tilde.sum(axis=1) ** -0.5)
    expected = np.maximum(D_inv_sqrt @ A_tilde @ D_inv_sqrt @ H @ W, 0.0)
    np.testing.assert_allclose(gcn_layer(A, H, W), expected, atol=1e-12)
    np.testing.assert_allclose(gcn_layer_message_passing(A, H, W), expected, atol=1e-12)


@given(graphs(max_n=8, weighted=True), st.integers(1, 4), st.integers(1, 3), st.data())
def test_gcn_message_passing_equals_matrix_form(A, f_in, f_out, data):
    n = A.shape[0]
    H = data.draw(arrays(np.float64, (n, f_in), elements=st.floats(-3, 3)))
    W = data.draw(arrays(np.float64, (f_in, f_out), elements=st.floats(-3, 3)))
    linear = gcn_layer(A, H, W, activation=None)
    np.testing.assert_allclose(linear, gcn_edge_list(A, H, W), atol=1e-9)
    np.testing.assert_allclose(
        gcn_layer_message_passing(A, H, W, activation=None), linear, atol=1e-9
    )
    np.testing.assert_allclose(
        gcn_layer_message_passing(A, H, W, activation=np.tanh),
        np.tanh(linear),
        atol=1e-9,
    )
    # Permutation equivariance: relabel the vertices, and the outputs follow.
    perm = np.random.default_rng(0).permutation(n)
    np.testing.assert_allclose(
        gcn_layer(A[np.ix_(perm, perm)], H[perm], W),
        gcn_layer(A, H, W)[perm],
        atol=1e-9,
    )


def test_gcn_without_edges_is_a_dense_layer():
    rng = np.random.default_rng(1)
    H, W = rng.normal(size=(4, 3)), rng.normal(size=(3, 2))
    np.testing.assert_allclose(gcn_layer(np.zeros((4, 4)), H, W), relu(H @ W))


@pytest.mark.parametrize(
    ("A", "H", "W", "activation", "error", "fragment"),
    [
        (
            np.zeros((3, 3)),
            np.ones((2, 2)),
            np.ones((2, 1)),
            None,
            ValueError,
            "H has 2 rows but A has 3 vertices",
        ),
        (
            np.zeros((2, 2)),
            np.ones((2, 3)),
            np.ones((2, 1)),
            None,
            ValueError,
            "W has 2 rows but H has 3 features",
        ),
        (
            np.eye(2),
            np.ones((2, 2)),
            np.ones((2, 1)),
            None,
            ValueError,
            "A must have a zero diagonal",
        ),
        (
            [[0, 1], [0, 0]],
            np.ones((2, 2)),
            np.ones((2, 1)),
            None,
            ValueError,
            "A must be symmetric",
        ),
        (
            np.zeros((2, 2)),
            np.ones(2),
            np.ones((2, 1)),
            None,
            ValueError,
            "H must have 2 dimension",
        ),
        (
            np.zeros((2, 2)),
            np.ones((2, 2)),
            [[np.nan], [1]],
            None,
            ValueError,
            "W must be non-empty and finite",
        ),
        (
            np.zeros((2, 2)),
            np.ones((2, 2)),
            np.ones((2, 1)),
            "relu",
            TypeError,
            "activation must be callable or None",
        ),
    ],
)
def test_gcn_rejects_bad_input(A, H, W, activation, error, fragment):
    for f in (gcn_layer, gcn_layer_message_passing):
        with pytest.raises(error, match=fragment):
            f(A, H, W, activation)
    with pytest.raises(error, match=fragment):
        check_gcn_inputs(A, H, W, activation)


# ---------------------------------------------------------------- data, layout and plots


def test_web_graph_and_two_community_graph():
    A = web_graph()
    assert [np.flatnonzero(A[i]).tolist() for i in range(8)] == [
        WEB_LINKS[i] for i in range(8)
    ]
    B, labels = two_community_graph(size=10, seed=3)
    np.testing.assert_array_equal(B, B.T)
    np.testing.assert_array_equal(np.bincount(labels), [10, 10])


def test_spectral_layout_uses_eigenvectors_two_and_three():
    A, _ = two_community_graph(size=10)
    P = spectral_layout(A)
    L = scipy_laplacian(A, normed=True)
    w = np.sort(np.linalg.eigvalsh(L))
    for c, lam in zip(P.T, w[1:3], strict=True):
        np.testing.assert_allclose(L @ c, lam * c, atol=1e-9)
    with pytest.raises(ValueError, match="at least 3 vertices"):
        spectral_layout([[0, 1], [1, 0]])


def test_plot_adjacency_shows_the_permuted_matrix():
    A, labels = two_community_graph(size=8)
    order = np.argsort(labels, kind="stable")
    fig = plot_adjacency(A, order)
    assert fig.get_label()
    np.testing.assert_array_equal(
        fig.axes[0].get_images()[0].get_array(), A[np.ix_(order, order)]
    )
    assert plot_adjacency().get_label()
    with pytest.raises(ValueError, match="order must be a permutation"):
        plot_adjacency(A, [0, 0, 1])


def test_plot_fiedler_vector_plots_the_sorted_entries():
    A, labels = two_community_graph(size=10)
    fig = plot_fiedler_vector(A, labels)
    assert fig.get_label()
    ys = np.concatenate([line.get_ydata() for line in fig.axes[0].get_lines()[:2]])
    np.testing.assert_allclose(np.sort(ys), np.sort(fiedler_vector(A)[1]))
    assert plot_fiedler_vector().get_label()
    with pytest.raises(ValueError, match="labels must have 20 entries"):
        plot_fiedler_vector(A, [0, 1])


def test_plot_communities_counts_the_disagreements():
    A, labels = two_community_graph(size=10)
    fig = plot_communities(A, 1 - labels, labels)  # renamed clusters: no error
    assert "0 disagree" in fig.axes[0].get_title()
    flipped = labels.copy()
    flipped[:3] = 1 - flipped[:3]
    assert "3 disagree" in plot_communities(A, flipped, labels).axes[0].get_title()
    assert plot_communities().get_label()
    with pytest.raises(
        ValueError, match="labels_pred and labels_true must have 20 entries"
    ):
        plot_communities(A, [0, 1], labels)


def test_plot_pagerank_graph_sizes_nodes_by_rank():
    fig = plot_pagerank_graph()
    assert fig.get_label()
    sizes = fig.axes[0].collections[0].get_sizes()
    np.testing.assert_allclose(sizes / sizes.sum(), pagerank(web_graph()).ranks)


def test_plot_pagerank_convergence_plots_the_residuals():
    fig = plot_pagerank_convergence(dampings=(0.5, 0.9))
    assert fig.get_label()
    lines = fig.axes[0].get_lines()
    np.testing.assert_allclose(
        lines[0].get_ydata(), pagerank(web_graph(), 0.5, tol=1e-12).residuals
    )
    t = lines[3].get_xdata()
    np.testing.assert_allclose(lines[3].get_ydata(), 2 * 0.9**t)


def test_plot_oversmoothing_decays_geometrically():
    fig = plot_oversmoothing(n_layers=20)
    assert fig.get_label()
    for line in fig.axes[0].get_lines():
        y = line.get_ydata()
        assert y[-1] < 1e-2 * y[0]
        ratios = y[11:] / y[10:-1]
        np.testing.assert_allclose(ratios, ratios[-1], rtol=1e-2)  # a constant factor
