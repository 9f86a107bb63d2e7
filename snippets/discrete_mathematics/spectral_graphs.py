"""Spectral graph methods: the graph Laplacian, spectral clustering, PageRank as a
Markov chain on a graph, and message passing in one graph-convolution layer.

Page: docs/discrete-mathematics/spectral-graphs.md
"""

# --8<-- [start:imports]
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy.cluster.vq import kmeans2
from scipy.optimize import linear_sum_assignment

# --8<-- [end:imports]
# isort: split
from matplotlib.figure import Figure

from snippets.calculus.activations import relu
from snippets.checks import as_array
from snippets.discrete_mathematics.graphs import (
    adjacency_matrix,
    check_adjacency,
    circular_layout,
    draw_graph,
)
from snippets.plotting import COLORS, new_figure

#: A small web: page i links to the pages WEB_LINKS[i]. Page 2 is the hub many pages
#: cite; page 7 links nowhere (a dangling page).
WEB_LINKS = {
    0: [1, 2],
    1: [2],
    2: [0],
    3: [2, 4],
    4: [2, 3, 5],
    5: [6, 7],
    6: [2, 5],
    7: [],
}


def web_graph() -> np.ndarray:
    """Return the directed adjacency matrix of WEB_LINKS (A[i, j] = 1: i links to j).

    Examples
    --------
    >>> web_graph().sum(axis=1)  # out-links per page
    array([2., 1., 1., 2., 3., 2., 2., 0.])
    """
    edges = [(i, j) for i, targets in WEB_LINKS.items() for j in targets]
    return adjacency_matrix(edges, len(WEB_LINKS), directed=True)


# --8<-- [start:laplacian]
def laplacian(A: ArrayLike, normalized: bool = False) -> np.ndarray:
    """Return the graph Laplacian L = D - A of an undirected graph, or its normalized
    form I - D^(-1/2) A D^(-1/2).

    In the normalized form an isolated vertex (degree 0) gets a zero row, as in
    scipy.sparse.csgraph.laplacian.

    Examples
    --------
    >>> laplacian([[0, 1], [1, 0]])
    array([[ 1., -1.],
           [-1.,  1.]])
    """
    A = check_adjacency(A, symmetric=True)
    if np.any(np.diag(A) != 0):
        raise ValueError("A must have a zero diagonal (no self-loops)")
    d = A.sum(axis=1)
    if not normalized:
        return np.diag(d) - A
    has_edges = d > 0
    s = np.zeros_like(d)
    s[has_edges] = 1.0 / np.sqrt(d[has_edges])
    return np.diag(has_edges.astype(float)) - s[:, None] * A * s[None, :]


# --8<-- [end:laplacian]


# --8<-- [start:fiedler_vector]
def fiedler_vector(A: ArrayLike) -> tuple[float, np.ndarray]:
    """Return the second-smallest eigenvalue of L = D - A and its unit eigenvector.

    The eigenvalue (algebraic connectivity) is 0 exactly when the graph is
    disconnected. The vector's sign is fixed: its largest-magnitude entry is positive,
    the first of them where several tie (as on a symmetric graph).

    Examples
    --------
    >>> lam, v = fiedler_vector([[0, 1, 0], [1, 0, 1], [0, 1, 0]])  # a path
    >>> round(lam, 10), v.round(4)
    (1.0, array([ 0.7071,  0.    , -0.7071]))
    """
    L = laplacian(A)
    if L.shape[0] < 2:
        raise ValueError("A must have at least 2 vertices")
    eigenvalues, V = np.linalg.eigh(L)  # ascending; L is symmetric PSD
    v = V[:, 1]
    largest = np.abs(v) >= (1 - 1e-8) * np.abs(v).max()  # ties: rounding must not pick
    v = v if v[np.argmax(largest)] > 0 else -v
    return float(max(eigenvalues[1], 0.0)), v + 0.0  # + 0.0 turns -0.0 into 0.0


# --8<-- [end:fiedler_vector]


# --8<-- [start:spectral_clustering]
def spectral_clustering(
    A: ArrayLike, k: int, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Return cluster labels 0..k-1 for the vertices of an undirected weighted graph.

    Embeds vertex i as row i of the k eigenvectors of the normalized Laplacian with
    the smallest eigenvalues, scales each row to unit length (Ng, Jordan and Weiss,
    2001) and runs k-means (k-means++ starts, best of 10) on the rows. Labels are
    numbered in order of first appearance. If the rows take at most k distinct
    values (as for k disconnected pieces), each value is its own cluster.

    Examples
    --------
    >>> A = np.kron(np.eye(2), np.ones((3, 3))) - np.eye(6)  # two triangles
    >>> A[2, 3] = A[3, 2] = 1  # joined by one edge
    >>> spectral_clustering(A, 2, rng=np.random.default_rng(0))
    array([0, 0, 0, 1, 1, 1])
    """
    L = laplacian(A, normalized=True)
    n = L.shape[0]
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
        raise ValueError(f"k must be an integer in 1..{n}, got {k!r}")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator or None, got {rng!r}")
    _, V = np.linalg.eigh(L)
    U = V[:, :k]  # the k smoothest eigenvectors
    norms = np.linalg.norm(U, axis=1, keepdims=True)
    U = U / np.where(norms > 0, norms, 1.0)
    distinct, inverse = np.unique(U.round(12), axis=0, return_inverse=True)
    if distinct.shape[0] <= k:  # e.g. k components: each distinct row is a cluster
        labels = inverse.ravel()
    else:
        best = np.inf
        for _ in range(10):  # k-means++ restarts; keep the tightest clustering
            centroids, found = kmeans2(U, k, minit="++", seed=rng)
            inertia = np.sum((U - centroids[found]) ** 2)
            if inertia < best:
                best, labels = inertia, found
    _, first = np.unique(labels, return_index=True)
    rename = np.empty(labels.max() + 1, dtype=int)
    rename[labels[np.sort(first)]] = np.arange(first.size)
    return rename[labels]


# --8<-- [end:spectral_clustering]


# --8<-- [start:stochastic_block_model]
def stochastic_block_model(
    sizes: Sequence[int],
    p_in: float,
    p_out: float,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return a random undirected graph with planted communities, and their labels.

    Vertices in the same community are joined with probability p_in, others with
    probability p_out, independently.

    Examples
    --------
    >>> A, labels = stochastic_block_model([2, 2], 1.0, 0.0, np.random.default_rng(0))
    >>> A, labels
    (array([[0., 1., 0., 0.],
           [1., 0., 0., 0.],
           [0., 0., 0., 1.],
           [0., 0., 1., 0.]]), array([0, 0, 1, 1]))
    """
    sizes_arr = np.asarray(sizes)
    if (
        sizes_arr.ndim != 1
        or sizes_arr.size == 0
        or not np.issubdtype(sizes_arr.dtype, np.integer)
        or np.any(sizes_arr < 1)
    ):
        raise ValueError(
            f"sizes must be a non-empty list of positive integers: {sizes}"
        )
    for name, p in (("p_in", p_in), ("p_out", p_out)):
        if not (isinstance(p, (int, float, np.floating)) and 0 <= p <= 1):
            raise ValueError(f"{name} must be a probability in [0, 1], got {p!r}")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator or None, got {rng!r}")
    rng = np.random.default_rng() if rng is None else rng
    labels = np.repeat(np.arange(sizes_arr.size), sizes_arr)
    P = np.where(labels[:, None] == labels[None, :], p_in, p_out)
    upper = np.triu(rng.random(P.shape) < P, k=1)  # each pair once, no self-loops
    A = (upper | upper.T).astype(float)
    return A, labels


# --8<-- [end:stochastic_block_model]


# --8<-- [start:clustering_accuracy]
def clustering_accuracy(labels_true: ArrayLike, labels_pred: ArrayLike) -> float:
    """Return the fraction of points whose cluster matches its class, under the best
    one-to-one renaming of the clusters (cluster numbers are arbitrary).

    Examples
    --------
    >>> clustering_accuracy([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    """
    t = as_array(labels_true, "labels_true", ndim=1)
    p = as_array(labels_pred, "labels_pred", ndim=1)
    if t.shape != p.shape:
        raise ValueError(
            f"labels_true and labels_pred must have the same length, "
            f"got {t.size} and {p.size}"
        )
    _, t_idx = np.unique(t, return_inverse=True)
    _, p_idx = np.unique(p, return_inverse=True)
    counts = np.zeros((t_idx.max() + 1, p_idx.max() + 1))
    np.add.at(counts, (t_idx, p_idx), 1)  # the contingency table
    rows, cols = linear_sum_assignment(counts, maximize=True)  # Hungarian method
    return float(counts[rows, cols].sum() / t.size)


# --8<-- [end:clustering_accuracy]


# --8<-- [start:check_damping]
def check_damping(damping: float) -> float:
    """Return damping as a float if 0 < damping < 1, or raise."""
    if not (isinstance(damping, (int, float, np.floating)) and 0 < damping < 1):
        raise ValueError(
            f"damping must be in the open interval (0, 1), got {damping!r}"
        )
    return float(damping)


# --8<-- [end:check_damping]


# --8<-- [start:google_matrix]
def google_matrix(A: ArrayLike, damping: float = 0.85) -> np.ndarray:
    """Return the row-stochastic Google matrix of the directed graph A.

    The random surfer follows an out-link of the current page (chosen in proportion
    to the weights) with probability damping, and jumps to a uniformly random page
    otherwise; a page without out-links (dangling) always jumps.

    Examples
    --------
    >>> google_matrix([[0, 1], [0, 0]], damping=0.5)
    array([[0.25, 0.75],
           [0.5 , 0.5 ]])
    """
    A = check_adjacency(A)
    damping = check_damping(damping)
    n = A.shape[0]
    out = A.sum(axis=1, keepdims=True)
    P = np.where(out > 0, A / np.where(out > 0, out, 1.0), 1.0 / n)
    return damping * P + (1.0 - damping) / n


# --8<-- [end:google_matrix]


# --8<-- [start:pagerank]
class PageRankResult(NamedTuple):
    """PageRank scores (summing to 1), iterations used, L1 change per iteration."""

    ranks: np.ndarray
    n_iter: int
    residuals: np.ndarray


def pagerank(
    A: ArrayLike, damping: float = 0.85, tol: float = 1e-10, max_iter: int = 1000
) -> PageRankResult:
    """Return PageRank by power iteration r <- r G, never forming the dense G.

    Stops when the L1 change |r_new - r|_1 is at most tol; it shrinks at least by
    the factor damping per step. Raises RuntimeError after max_iter steps.

    Examples
    --------
    >>> result = pagerank([[0, 1], [1, 0]])
    >>> result.ranks, result.n_iter
    (array([0.5, 0.5]), 1)
    """
    A = check_adjacency(A)
    damping = check_damping(damping)
    if not tol > 0:
        raise ValueError(f"tol must be positive, got {tol!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)):
        raise TypeError(f"max_iter must be an integer, got {max_iter!r}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be at least 1, got {max_iter}")
    n = A.shape[0]
    out = A.sum(axis=1)
    dangling = out == 0
    P = A / np.where(dangling, 1.0, out)[:, None]  # dangling rows stay zero
    r = np.full(n, 1.0 / n)  # start from the uniform distribution
    residuals = []
    for t in range(1, max_iter + 1):
        # follow a link with probability damping; jump (or leave a dangling page)
        # to a uniform page otherwise
        new = damping * (r @ P) + (damping * r[dangling].sum() + 1 - damping) / n
        residuals.append(float(np.abs(new - r).sum()))
        r = new
        if residuals[-1] <= tol:
            return PageRankResult(r / r.sum(), t, np.array(residuals))
    raise RuntimeError(
        f"PageRank did not converge in max_iter={max_iter} steps (L1 change "
        f"{residuals[-1]:.2e} > tol={tol:g}); raise max_iter or lower damping"
    )


# --8<-- [end:pagerank]


# --8<-- [start:check_gcn_inputs]
def check_gcn_inputs(
    A: ArrayLike, H: ArrayLike, W: ArrayLike, activation: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return A (n, n), H (n, f_in), W (f_in, f_out) as arrays, or raise."""
    A = check_adjacency(A, symmetric=True)
    if np.any(np.diag(A) != 0):
        raise ValueError("A must have a zero diagonal: the layer adds the self-loops")
    H = as_array(H, "H", ndim=2)
    W = as_array(W, "W", ndim=2)
    if H.shape[0] != A.shape[0]:
        raise ValueError(f"H has {H.shape[0]} rows but A has {A.shape[0]} vertices")
    if W.shape[0] != H.shape[1]:
        raise ValueError(f"W has {W.shape[0]} rows but H has {H.shape[1]} features")
    if activation is not None and not callable(activation):
        raise TypeError(f"activation must be callable or None, got {activation!r}")
    return A, H, W


# --8<-- [end:check_gcn_inputs]


# --8<-- [start:gcn_layer]
def gcn_layer(
    A: ArrayLike,
    H: ArrayLike,
    W: ArrayLike,
    activation: Callable[[np.ndarray], Any] | None = relu,
) -> np.ndarray:
    """Return one graph-convolution layer sigma(D~^(-1/2) A~ D~^(-1/2) H W).

    A~ = A + I adds a self-loop to every vertex and D~ is its degree matrix (Kipf
    and Welling, 2017). activation=None leaves the layer linear.

    Examples
    --------
    >>> gcn_layer([[0, 1], [1, 0]], [[1.0], [3.0]], [[1.0]])
    array([[2.],
           [2.]])
    """
    A, H, W = check_gcn_inputs(A, H, W, activation)
    A_tilde = A + np.eye(A.shape[0])
    s = 1.0 / np.sqrt(A_tilde.sum(axis=1))  # D~^(-1/2) as a vector
    Z = s[:, None] * (A_tilde @ (s[:, None] * (H @ W)))  # no dense diagonal matrices
    return Z if activation is None else np.asarray(activation(Z))


# --8<-- [end:gcn_layer]


# --8<-- [start:gcn_layer_message_passing]
def gcn_layer_message_passing(
    A: ArrayLike,
    H: ArrayLike,
    W: ArrayLike,
    activation: Callable[[np.ndarray], Any] | None = relu,
) -> np.ndarray:
    """Return the same layer as gcn_layer, computed vertex by vertex.

    Each vertex v sums the messages h_u W / sqrt(d~_u d~_v) from its neighbors u and
    from itself (the self-loop), then applies the activation.

    Examples
    --------
    >>> gcn_layer_message_passing([[0, 1], [1, 0]], [[1.0], [3.0]], [[1.0]])
    array([[2.],
           [2.]])
    """
    A, H, W = check_gcn_inputs(A, H, W, activation)
    messages = H @ W  # every vertex transforms its features with the shared W
    deg = 1.0 + A.sum(axis=1)  # degree counting the self-loop
    out = np.zeros_like(messages)
    for v in range(A.shape[0]):  # the loop over vertices is the lesson
        out[v] = messages[v] / deg[v]  # the self-loop: 1 / sqrt(d~_v d~_v)
        for u in np.flatnonzero(A[v]):
            out[v] += A[v, u] * messages[u] / np.sqrt(deg[u] * deg[v])
    return out if activation is None else np.asarray(activation(out))


# --8<-- [end:gcn_layer_message_passing]


def two_community_graph(
    size: int = 40, p_in: float = 0.25, p_out: float = 0.04, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return a two-community SBM with its vertices shuffled, and the true labels.

    Examples
    --------
    >>> A, labels = two_community_graph()
    >>> A.shape, np.bincount(labels)
    ((80, 80), array([40, 40]))
    """
    rng = np.random.default_rng(seed)
    A, labels = stochastic_block_model([size, size], p_in, p_out, rng)
    perm = rng.permutation(labels.size)  # hide the block structure
    return A[np.ix_(perm, perm)], labels[perm]


def spectral_layout(A: ArrayLike) -> np.ndarray:
    """Return (n, 2) vertex positions from eigenvectors 2 and 3 of the normalized
    Laplacian (vertices that are strongly connected land close together)."""
    L = laplacian(A, normalized=True)
    if L.shape[0] < 3:
        raise ValueError("A must have at least 3 vertices for a 2-D spectral layout")
    _, V = np.linalg.eigh(L)
    P = V[:, 1:3]
    return P * np.sign(P[np.argmax(np.abs(P), axis=0), [0, 1]])


def plot_adjacency(
    A: ArrayLike | None = None, order: ArrayLike | None = None, title: str = ""
) -> Figure:
    """Draw the adjacency matrix as an image, rows and columns in the given order."""
    if A is None:
        A, _ = two_community_graph()
    A = check_adjacency(A)
    idx = np.arange(A.shape[0]) if order is None else np.asarray(order, dtype=int)
    if sorted(idx.tolist()) != list(range(A.shape[0])):
        raise ValueError("order must be a permutation of the vertices")
    described = "sorted by community" if order is not None else "in the given order"
    fig, ax = new_figure(
        f"Adjacency matrix of a graph with {A.shape[0]} vertices as a black-and-white "
        "image, "
        f"vertices {described}: each dark pixel is an edge."
        + (
            " Sorted by community, two dense diagonal blocks appear."
            if order is not None
            else ""
        ),
        width=4.2,
        height=4.2,
    )
    ax.imshow(A[np.ix_(idx, idx)], cmap="Greys", interpolation="nearest")
    ax.grid(False)
    ax.set_xlabel("vertex")
    ax.set_ylabel("vertex")
    ax.set_title(title or r"adjacency matrix $\mathbf{A}$")
    return fig


def plot_fiedler_vector(
    A: ArrayLike | None = None, labels: ArrayLike | None = None
) -> Figure:
    """Draw the entries of the Fiedler vector in increasing order, colored by class."""
    if A is None:
        A, labels = two_community_graph()
    lam, v = fiedler_vector(A)
    order = np.argsort(v, kind="stable")
    classes = (
        np.zeros(v.size, dtype=int) if labels is None else np.asarray(labels, dtype=int)
    )
    if classes.shape != v.shape:
        raise ValueError(f"labels must have {v.size} entries, got {classes.size}")
    fig, ax = new_figure(
        "Entries of the Fiedler vector (eigenvector of the second-smallest Laplacian "
        f"eigenvalue, {lam:.2f}) sorted in increasing order and colored by true "
        "community: a jump through zero separates the two communities.",
        width=6.0,
        height=3.6,
    )
    x = np.arange(v.size)
    for c in np.unique(classes):
        keep = classes[order] == c
        ax.plot(x[keep], v[order][keep], "o", ms=4, label=f"community {c}")
    ax.axhline(0.0, color="#999999", lw=0.8)
    ax.set_xlabel("vertices, sorted by Fiedler-vector entry")
    ax.set_ylabel("entry")
    ax.set_title(r"Fiedler vector $\mathbf{v}_2$ of $\mathbf{L}$")
    ax.legend(loc="upper left")
    return fig


def plot_communities(
    A: ArrayLike | None = None,
    labels_pred: ArrayLike | None = None,
    labels_true: ArrayLike | None = None,
) -> Figure:
    """Draw the graph in spectral coordinates, colored by the recovered clusters;
    vertices whose cluster disagrees with the true class are circled."""
    if A is None:
        A, labels_true = two_community_graph()
        labels_pred = spectral_clustering(A, 2, rng=np.random.default_rng(0))
    A = check_adjacency(A, symmetric=True)
    n = A.shape[0]
    pred = np.zeros(n, int) if labels_pred is None else np.asarray(labels_pred, int)
    true = pred if labels_true is None else np.asarray(labels_true, int)
    if pred.shape != (n,) or true.shape != (n,):
        raise ValueError(f"labels_pred and labels_true must have {n} entries")
    # Match cluster numbers to class numbers before counting the errors.
    counts = np.zeros((true.max() + 1, pred.max() + 1))
    np.add.at(counts, (true, pred), 1)
    rows, cols = linear_sum_assignment(counts, maximize=True)
    mapping = dict(zip(cols.tolist(), rows.tolist(), strict=True))
    wrong = np.array(
        [mapping.get(int(p), -1) != t for p, t in zip(pred, true, strict=True)]
    )
    pos = spectral_layout(A)
    fig, ax = new_figure(
        f"The {n}-vertex graph drawn at its spectral coordinates (eigenvectors 2 and 3 "
        "of the normalized Laplacian), vertices colored by the cluster spectral "
        f"clustering found; {int(wrong.sum())} vertices, circled, disagree with "
        "the planted community.",
        width=5.0,
        height=4.6,
    )
    draw_graph(
        ax,
        A,
        pos,
        node_sizes=36,
        node_colors=[COLORS[c % len(COLORS)] for c in pred],
        labels=False,
        edge_color="#dddddd",
    )
    if wrong.any():
        ax.scatter(*pos[wrong].T, s=160, facecolors="none", edgecolors="k", zorder=5)
    ax.set_title(f"Recovered communities ({int(wrong.sum())} disagree)")
    return fig


def plot_pagerank_graph(A: ArrayLike | None = None, damping: float = 0.85) -> Figure:
    """Draw the directed graph on a circle with node areas proportional to PageRank."""
    A = web_graph() if A is None else check_adjacency(A)
    ranks = pagerank(A, damping).ranks
    top = int(np.argmax(ranks))
    fig, ax = new_figure(
        f"A directed graph of {A.shape[0]} web pages on a circle, arrows for links, "
        f"each page drawn with area proportional to its PageRank (damping {damping}). "
        f"Page {top}, which many pages link to, is the largest, with rank "
        f"{ranks[top]:.3f}.",
        width=5.0,
        height=5.0,
    )
    pos = circular_layout(A.shape[0])
    draw_graph(ax, A, pos, node_sizes=6000 * ranks, directed=True)
    for v, (x, y) in enumerate(pos):
        ax.annotate(f"{ranks[v]:.3f}", (1.28 * x, 1.28 * y), ha="center", va="center")
    ax.set_title("PageRank: node area ∝ rank")
    return fig


def plot_pagerank_convergence(
    A: ArrayLike | None = None, dampings: tuple[float, ...] = (0.5, 0.85, 0.95, 0.99)
) -> Figure:
    """Draw the L1 change per power-iteration step for several damping factors."""
    A = web_graph() if A is None else check_adjacency(A)
    results = [pagerank(A, d, tol=1e-12, max_iter=10_000) for d in dampings]
    fig, ax = new_figure(
        "L1 change of the PageRank vector per power-iteration step, log scale, for "
        "damping factors "
        + ", ".join(
            f"{d} ({r.n_iter} steps)" for d, r in zip(dampings, results, strict=True)
        )
        + ". Each curve stays below its dashed bound 2 damping^t: the closer the "
        "damping is to 1, the slower the convergence.",
        width=6.4,
        height=4.0,
    )
    for i, (d, r) in enumerate(zip(dampings, results, strict=True)):
        t = np.arange(1, r.n_iter + 1)
        color = COLORS[i % len(COLORS)]
        ax.semilogy(t, r.residuals, color=color, label=f"damping {d}")
        ax.semilogy(t, 2 * d**t, "--", color=color, lw=0.9)
    ax.set_xlabel("iteration t")
    ax.set_ylabel(r"$\|\mathbf{r}_t - \mathbf{r}_{t-1}\|_1$")
    ax.set_title(r"Power iteration: L1 change below $2\,\mathrm{damping}^t$")
    ax.legend(loc="upper right")
    return fig


def plot_oversmoothing(n_layers: int = 30, seed: int = 0) -> Figure:
    """Draw how repeated GCN propagation first denoises, then erases, vertex features.

    Features are community-dependent means plus noise; each layer multiplies them by
    S = D~^(-1/2) A~ D~^(-1/2) (no weights, no activation).
    """
    A, labels = two_community_graph(seed=seed)
    rng = np.random.default_rng(seed)
    H = rng.normal(size=(A.shape[0], 4)) + 2.0 * labels[:, None]
    A_tilde = A + np.eye(A.shape[0])
    s = 1.0 / np.sqrt(A_tilde.sum(axis=1))
    S = s[:, None] * A_tilde * s[None, :]
    lam2 = float(np.sort(np.linalg.eigvalsh(S))[-2])
    within, gap = [], []
    for _ in range(n_layers + 1):
        # S^k H tends to rows proportional to sqrt(d~_i); scaling by s removes that.
        Hn = H * s[:, None]
        means = np.array([Hn[labels == c].mean(axis=0) for c in (0, 1)])
        scale = np.linalg.norm(Hn.mean(axis=0))  # the common feature all rows approach
        within.append(float(np.sqrt(np.mean((Hn - means[labels]) ** 2) * 4)) / scale)
        gap.append(float(np.linalg.norm(means[0] - means[1])) / scale)
        H = S @ H
    fig, ax = new_figure(
        "Repeated graph-convolution propagation on a two-community graph, log scale. "
        "The first layers shrink the noise within each community much faster than "
        "the gap between the communities' mean features (smoothing helps); after "
        f"that both shrink by the factor {lam2:.2f} per layer toward zero, until "
        "every vertex has the same features: over-smoothing.",
        width=6.4,
        height=3.8,
    )
    layers = np.arange(n_layers + 1)
    ax.semilogy(layers, within, label="spread within communities (noise)")
    ax.semilogy(layers, gap, label="gap between community means (signal)")
    ax.set_xlabel("number of propagation layers")
    ax.set_ylabel("size relative to the common mean")
    ax.set_title("Over-smoothing")
    ax.legend(loc="lower left")
    return fig
