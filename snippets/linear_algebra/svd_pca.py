"""SVD and PCA: the SVD, low-rank approximation (Eckart–Young), PCA, explained variance.

Page: docs/linear-algebra/svd-pca.md
Labs: docs/linear-algebra/lab_eigendigits.py and lab_image_compression.py
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


def _check_rank(k: int, limit: int, name: str = "k") -> None:
    if not (isinstance(k, (int, np.integer)) and 1 <= k <= limit):
        raise ValueError(f"{name} must be an integer in [1, {limit}], got {k!r}")


# --8<-- [start:svd_from_eigh]
def svd_from_eigh(A: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the thin SVD U (m, n), s (n,), Vt (n, n) of A from eigh of A^T A.

    A^T A = V diag(s^2) V^T, so the right singular vectors are its eigenvectors and
    s_i = sqrt(lambda_i); then U = A V / s. A (m, n) needs m >= n and full column
    rank. Each row of Vt has its largest-magnitude entry made positive. This squares
    the condition number: for accurate small singular values use numpy.linalg.svd.

    Examples
    --------
    >>> U, s, Vt = svd_from_eigh([[3, 0], [0, -2], [0, 0]])
    >>> s
    array([3., 2.])
    """
    A = as_array(A, "A", ndim=2)
    m, n = A.shape
    if m < n:
        raise ValueError(f"A must have at least as many rows as columns, got {A.shape}")
    lam, V = np.linalg.eigh(A.T @ A)
    lam, V = lam[::-1], V[:, ::-1]  # descending: sigma_1 >= sigma_2 >= ...
    if lam[-1] <= n * np.finfo(float).eps * lam[0]:
        raise ValueError("A must have full column rank (A^T A is numerically singular)")
    V = V * np.sign(V[np.argmax(np.abs(V), axis=0), np.arange(n)])  # sign convention
    s = np.sqrt(lam)
    U = (A @ V) / s  # column i is A v_i / sigma_i
    return U, s, V.T


# --8<-- [end:svd_from_eigh]


# --8<-- [start:low_rank_approximation]
def low_rank_approximation(A: ArrayLike, k: int) -> np.ndarray:
    """Return the best rank-k approximation A_k = U_k diag(s_k) V_k^T of A (m, n).

    By the Eckart–Young theorem no rank-k matrix is closer to A in the 2-norm or
    the Frobenius norm.

    Examples
    --------
    >>> low_rank_approximation([[3, 0], [0, 1]], 1)
    array([[3., 0.],
           [0., 0.]])
    """
    A = as_array(A, "A", ndim=2)
    if not (isinstance(k, (int, np.integer)) and 1 <= k <= min(A.shape)):
        raise ValueError(f"k must be an integer in [1, {min(A.shape)}], got {k!r}")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]  # keep the k largest singular triplets


# --8<-- [end:low_rank_approximation]


# --8<-- [start:eckart_young_error]
def eckart_young_error(singular_values: ArrayLike, k: int, norm: str = "2") -> float:
    """Return |A - A_k| predicted from the singular values of A (sorted descending).

    norm "2": the first discarded singular value sigma_{k+1} (0 if none is left);
    norm "fro": sqrt(sigma_{k+1}^2 + ... + sigma_r^2).

    Examples
    --------
    >>> eckart_young_error([4, 3, 0], 1), eckart_young_error([4, 3, 0], 1, "fro")
    (3.0, 3.0)
    """
    s = as_array(singular_values, "singular_values", ndim=1)
    if np.any(s < 0) or np.any(np.diff(s) > 0):
        raise ValueError("singular_values must be non-negative and sorted descending")
    if not (isinstance(k, (int, np.integer)) and 1 <= k <= s.size):
        raise ValueError(f"k must be an integer in [1, {s.size}], got {k!r}")
    tail = s[k:]  # the discarded singular values
    if norm == "2":
        return float(tail[0]) if tail.size else 0.0
    if norm == "fro":
        return float(np.sqrt(np.sum(tail**2)))
    raise ValueError(f"norm must be '2' or 'fro', got {norm!r}")


# --8<-- [end:eckart_young_error]


# --8<-- [start:pca_eig]
def pca_eig(X: ArrayLike, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return mean (d,), components (k, d) and explained variances (k,) of X (n, d).

    The components are the top-k eigenvectors of the sample covariance matrix
    C = X_c^T X_c / (n - 1) of the centered data X_c; the variances are its
    eigenvalues. Each component's largest-magnitude entry is made positive.

    Examples
    --------
    >>> mean, W, var = pca_eig([[0, 0], [2, 2], [4, 4]], 1)
    >>> W.round(4), var
    (array([[0.7071, 0.7071]]), array([8.]))
    """
    X = as_array(X, "X", ndim=2)
    n, d = X.shape
    if n < 2:
        raise ValueError(f"X must have at least 2 rows (samples), got {n}")
    if not (isinstance(k, (int, np.integer)) and 1 <= k <= min(n, d)):
        raise ValueError(f"k must be an integer in [1, {min(n, d)}], got {k!r}")
    mean = X.mean(axis=0)
    Xc = X - mean
    C = Xc.T @ Xc / (n - 1)  # sample covariance matrix (d, d)
    lam, V = np.linalg.eigh(C)
    lam, W = lam[::-1][:k], V[:, ::-1][:, :k].T  # top k, as rows
    W = W * np.sign(W[np.arange(k), np.argmax(np.abs(W), axis=1)])[:, None]
    return mean, W, np.maximum(lam, 0.0)  # clip rounding noise below 0


# --8<-- [end:pca_eig]


# --8<-- [start:pca_svd]
def pca_svd(X: ArrayLike, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return mean (d,), components (k, d) and explained variances (k,) of X (n, d).

    Uses the SVD X_c = U diag(s) V^T of the centered data: the components are the
    first k rows of V^T and the variances are s_i^2 / (n - 1). No covariance matrix
    is formed. Each component's largest-magnitude entry is made positive.

    Examples
    --------
    >>> mean, W, var = pca_svd([[0, 0], [2, 2], [4, 4]], 1)
    >>> W.round(4), var.round(10)
    (array([[0.7071, 0.7071]]), array([8.]))
    """
    X = as_array(X, "X", ndim=2)
    n, d = X.shape
    if n < 2:
        raise ValueError(f"X must have at least 2 rows (samples), got {n}")
    if not (isinstance(k, (int, np.integer)) and 1 <= k <= min(n, d)):
        raise ValueError(f"k must be an integer in [1, {min(n, d)}], got {k!r}")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    W = Vt[:k] * np.sign(Vt[np.arange(k), np.argmax(np.abs(Vt[:k]), axis=1)])[:, None]
    return mean, W, s[:k] ** 2 / (n - 1)


# --8<-- [end:pca_svd]


# --8<-- [start:pca_transform]
def pca_transform(X: ArrayLike, mean: ArrayLike, components: ArrayLike) -> np.ndarray:
    """Return the scores Z = (X - mean) W^T (n, k) of X (n, d) on components W (k, d).

    Examples
    --------
    >>> pca_transform([[1, 1], [3, 3]], [2, 2], [[0.6, 0.8]])
    array([[-1.4],
           [ 1.4]])
    """
    X = as_array(X, "X", ndim=2)
    mu = as_array(mean, "mean", ndim=1)
    W = as_array(components, "components", ndim=2)
    if not X.shape[1] == mu.shape[0] == W.shape[1]:
        raise ValueError(
            f"X, mean and components must have the same number of features, got "
            f"{X.shape[1]}, {mu.shape[0]} and {W.shape[1]}"
        )
    return (X - mu) @ W.T


# --8<-- [end:pca_transform]


# --8<-- [start:pca_reconstruct]
def pca_reconstruct(Z: ArrayLike, mean: ArrayLike, components: ArrayLike) -> np.ndarray:
    """Return mean + Z W (n, d), the data rebuilt from scores Z (n, k) and W (k, d).

    Examples
    --------
    >>> pca_reconstruct([[-1.4], [1.4]], [2, 2], [[0.6, 0.8]])
    array([[1.16, 0.88],
           [2.84, 3.12]])
    """
    Z = as_array(Z, "Z", ndim=2)
    mu = as_array(mean, "mean", ndim=1)
    W = as_array(components, "components", ndim=2)
    if Z.shape[1] != W.shape[0] or W.shape[1] != mu.shape[0]:
        raise ValueError(
            f"Z (n, k), components (k, d) and mean (d,) do not match: got "
            f"{Z.shape}, {W.shape} and {mu.shape}"
        )
    return mu + Z @ W


# --8<-- [end:pca_reconstruct]


# --8<-- [start:explained_variance_ratio]
def explained_variance_ratio(X: ArrayLike) -> np.ndarray:
    """Return the share of the total variance of X (n, d) along each principal axis.

    The ratios are s_i^2 / sum_j s_j^2 for the singular values s of the centered
    data, in decreasing order; there are min(n, d) of them and they sum to 1.

    Examples
    --------
    >>> explained_variance_ratio([[0, 0], [2, 1], [4, 2], [6, 3]]).round(4)
    array([1., 0.])
    """
    X = as_array(X, "X", ndim=2)
    if X.shape[0] < 2:
        raise ValueError(f"X must have at least 2 rows (samples), got {X.shape[0]}")
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    total = np.sum(s**2)
    if total == 0:
        raise ValueError("X has zero variance: every row is the same")
    return s**2 / total


# --8<-- [end:explained_variance_ratio]


# --8<-- [start:n_components_for_variance]
def n_components_for_variance(ratios: ArrayLike, threshold: float = 0.95) -> int:
    """Return the smallest k whose first k variance ratios sum to at least threshold.

    Examples
    --------
    >>> n_components_for_variance([0.6, 0.3, 0.1], 0.85)
    2
    """
    r = as_array(ratios, "ratios", ndim=1)
    if np.any(r < 0) or abs(r.sum() - 1) > 1e-9:
        raise ValueError(f"ratios must be non-negative and sum to 1, got sum {r.sum()}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    cumulative = np.cumsum(r)
    # The tolerance keeps a threshold of exactly 1 reachable despite rounding.
    return int(np.searchsorted(cumulative, threshold - 1e-12) + 1)


# --8<-- [end:n_components_for_variance]


# ---------------------------------------------------------------- figures


def plot_pca_axes(n_samples: int = 300, seed: int = 0) -> Figure:
    """Scatter a correlated 2-D Gaussian sample with its two principal axes."""
    rng = np.random.default_rng(seed)
    cov = np.array([[3.0, 1.6], [1.6, 1.4]])
    X = rng.multivariate_normal([1.0, 0.5], cov, size=n_samples)
    mean, W, var = pca_svd(X, 2)
    fig, ax = new_figure(
        "A cloud of 300 correlated two-dimensional points with its two principal "
        "axes drawn from the mean: the first axis points along the long direction "
        "of the cloud, the second is perpendicular to it; each arrow is two standard "
        "deviations long.",
        width=5.0,
        height=4.0,
    )
    ax.scatter(X[:, 0], X[:, 1], s=8, alpha=0.5, color="#56B4E9", label="samples")
    for i in range(2):
        end = mean + 2 * np.sqrt(var[i]) * W[i]
        ax.plot([mean[0], end[0]], [mean[1], end[1]], lw=2.5, label=f"PC {i + 1}")
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Principal axes of a 2-D sample")
    ax.legend(loc="upper left")
    return fig


def _image_grid(
    images: list[np.ndarray],
    titles: list[str],
    description: str,
    ncols: int,
    panel: float = 1.5,
    clims: list[tuple[float, float]] | None = None,
) -> Figure:
    """Images in a grid; clims[i] fixes the gray scale (vmin, vmax) of image i."""
    nrows = -(-len(images) // ncols)
    fig, axes = new_figure(
        description,
        ncols=ncols,
        nrows=nrows,
        width=panel * ncols,
        height=panel * nrows * 1.12,
    )
    flat = np.atleast_1d(axes).ravel()
    limits = clims or [(float(im.min()), float(im.max())) for im in images]
    for ax, image, title, (lo, hi) in zip(flat, images, titles, limits, strict=False):
        ax.imshow(image, cmap="gray", interpolation="nearest", vmin=lo, vmax=hi)
        ax.set_title(title, fontsize=8)
    for ax in flat:
        ax.set_axis_off()
    return fig


def plot_eigendigits(
    mean: ArrayLike,
    components: ArrayLike,
    image_shape: tuple[int, int] = (8, 8),
    n_components: int = 7,
) -> Figure:
    """Show the mean image and the first principal components as images."""
    mu = as_array(mean, "mean", ndim=1)
    W = as_array(components, "components", ndim=2)
    _check_rank(n_components, W.shape[0], "n_components")
    images = [mu.reshape(image_shape)] + [
        W[i].reshape(image_shape) for i in range(n_components)
    ]
    titles = ["mean"] + [f"PC {i + 1}" for i in range(n_components)]
    # Components are signed: a symmetric gray scale puts 0 at mid-gray.
    clims = [(float(mu.min()), float(mu.max()))] + [
        (-float(np.abs(W[i]).max()), float(np.abs(W[i]).max()))
        for i in range(n_components)
    ]
    return _image_grid(
        images,
        titles,
        f"The mean image and the first {n_components} principal components shown "
        "as images ('eigendigits'): the mean looks like a blurred digit, and each "
        "component is a pattern of light (positive) and dark (negative) pixels on a "
        "mid-gray zero background that is added to or subtracted from the mean.",
        ncols=4,
        clims=clims,
    )


def plot_explained_variance(ratios: ArrayLike, n_show: int | None = None) -> Figure:
    """Bars of each component's explained-variance ratio and the cumulative curve."""
    r = as_array(ratios, "ratios", ndim=1)
    n = r.size if n_show is None else n_show
    _check_rank(n, r.size, "n_show")
    k = np.arange(1, n + 1)
    fig, ax = new_figure(
        f"Explained-variance ratio of the first {n} principal components: bars for "
        "each component, falling quickly, and a rising curve for the cumulative "
        "share of the total variance.",
        width=6.0,
        height=3.6,
    )
    ax.bar(k, r[:n], color="#56B4E9", label="per component")
    ax.plot(k, np.cumsum(r)[:n], marker="o", ms=3, label="cumulative")
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("number of components $k$")
    ax.set_ylabel("share of total variance")
    ax.set_title("Explained variance")
    ax.legend(loc="center right")
    return fig


def plot_projection_2d(Z: ArrayLike, labels: ArrayLike) -> Figure:
    """Scatter the first two PCA scores of each sample, colored by its label."""
    scores = as_array(Z, "Z", ndim=2)
    y = np.asarray(labels)
    if scores.shape[1] < 2 or y.shape != (scores.shape[0],):
        raise ValueError(
            f"Z must have >= 2 columns and labels one entry per row, got "
            f"{scores.shape} and {y.shape}"
        )
    fig, ax = new_figure(
        "Every sample projected on the first two principal components, colored by "
        "its class label: samples of the same class form clusters, some of which "
        "overlap.",
        width=6.0,
        height=4.6,
    )
    points = ax.scatter(
        scores[:, 0], scores[:, 1], c=y, cmap="tab10", s=4, linewidths=0
    )
    fig.colorbar(points, ax=ax, label="label")
    ax.set_xlabel("score on PC 1")
    ax.set_ylabel("score on PC 2")
    ax.set_title("Projection on the first two components")
    return fig


def plot_reconstructions(
    X: ArrayLike,
    mean: ArrayLike,
    components: ArrayLike,
    ks: tuple[int, ...] = (2, 5, 10, 20),
    image_shape: tuple[int, int] = (8, 8),
) -> Figure:
    """Rows: samples; columns: the original, then its rebuild from the first k PCs."""
    images_in = as_array(X, "X", ndim=2)
    W = as_array(components, "components", ndim=2)
    for k in ks:
        _check_rank(k, W.shape[0], "each k")
    images, titles = [], []
    rebuilt = {
        k: pca_reconstruct(pca_transform(images_in, mean, W[:k]), mean, W[:k])
        for k in ks
    }
    for i in range(images_in.shape[0]):
        images.append(images_in[i].reshape(image_shape))
        titles.append("original")
        for k in ks:
            images.append(rebuilt[k][i].reshape(image_shape))
            titles.append(f"k = {k}")
    limits = (float(images_in.min()), float(images_in.max()))
    return _image_grid(
        images,
        titles,
        f"{images_in.shape[0]} images (rows), each shown as the original and rebuilt "
        f"from its first {', '.join(map(str, ks))} principal components: the "
        "rebuilds sharpen toward the original as k grows.",
        ncols=len(ks) + 1,
        panel=1.2,
        clims=[limits] * len(images),  # one gray scale for all panels
    )


def plot_low_rank_images(
    image: ArrayLike, ranks: tuple[int, ...] = (1, 5, 20, 50)
) -> Figure:
    """Show a grayscale image and its best rank-k approximations."""
    A = as_array(image, "image", ndim=2)
    images = [A] + [low_rank_approximation(A, k) for k in ranks]
    titles = ["original"] + [f"rank {k}" for k in ranks]
    limits = (float(A.min()), float(A.max()))
    return _image_grid(
        images,
        titles,
        f"A grayscale photo and its best approximations of rank "
        f"{', '.join(map(str, ranks))}: rank 1 shows only blurred horizontal and "
        "vertical bands, and the face becomes recognizable as the rank grows.",
        ncols=len(images),
        panel=1.7,
        clims=[limits] * len(images),  # the same gray scale in every panel
    )


def plot_rank_error(image: ArrayLike, max_rank: int = 60) -> Figure:
    """Relative Frobenius error of the rank-k approximation: measured vs predicted."""
    A = as_array(image, "image", ndim=2)
    _check_rank(max_rank, min(A.shape), "max_rank")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    ks = np.arange(1, max_rank + 1)
    norm_a = np.linalg.norm(A)
    measured = np.array(
        [np.linalg.norm(A - (U[:, :k] * s[:k]) @ Vt[:k]) / norm_a for k in ks]
    )
    tail = np.sqrt(np.cumsum((s**2)[::-1])[::-1])  # tail[k] = sqrt(sum_{i>=k} s_i^2)
    predicted = np.append(tail, 0.0)[ks] / norm_a
    fig, ax = new_figure(
        "Relative error of the best rank-k approximation of the photo against k: "
        "the measured error (dots) lies on the Eckart-Young prediction from the "
        "discarded singular values (line), falling fast at first and then slowly.",
        width=6.0,
        height=3.6,
    )
    ax.plot(ks, predicted, label=r"predicted $\sqrt{\sum_{i>k}\sigma_i^2}/\|A\|_F$")
    ax.plot(ks, measured, ls="none", marker="o", ms=3, label="measured")
    ax.set_yscale("log")
    ax.set_xlabel("rank $k$")
    ax.set_ylabel(r"$\|A - A_k\|_F / \|A\|_F$")
    ax.set_title("Error of the rank-k approximation")
    ax.legend(loc="upper right")
    return fig
