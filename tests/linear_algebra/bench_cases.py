"""Snippet-speed cases of the linear algebra area (run by `make bench`)."""

import numpy as np
from scipy.spatial.distance import cdist, cosine

from snippets.linear_algebra.vectors import (
    cosine_similarity,
    lp_norm,
    pairwise_distances,
)
from tests.site.benchmarks import Case

CASES = [
    Case(
        "linear_algebra.vectors.pairwise_distances",
        lambda d: pairwise_distances(d[0], d[1]),
        lambda d: cdist(d[0], d[1]),
        lambda rng: (rng.normal(size=(1000, 64)), rng.normal(size=(500, 64))),
        "scipy.spatial.distance.cdist",
    ),
    Case(
        "linear_algebra.vectors.lp_norm",
        lambda x: lp_norm(x, 3),
        lambda x: np.linalg.norm(x, 3),
        lambda rng: rng.normal(size=100_000),
        "numpy.linalg.norm",
    ),
    Case(
        "linear_algebra.vectors.cosine_similarity",
        lambda d: cosine_similarity(d[0], d[1]),
        lambda d: 1 - cosine(d[0], d[1]),
        lambda rng: rng.normal(size=(2, 768)),
        "scipy.spatial.distance.cosine",
    ),
]


def _orthogonality_eigen_svd_cases() -> list[Case]:
    """Cases of orthogonality.py, eigen.py and svd_pca.py."""
    from sklearn.decomposition import PCA

    from snippets.linear_algebra.eigen import (
        power_by_diagonalization,
        power_iteration,
        spectral_decomposition,
    )
    from snippets.linear_algebra.orthogonality import (
        gram_schmidt,
        project,
        qr_least_squares,
    )
    from snippets.linear_algebra.svd_pca import (
        explained_variance_ratio,
        low_rank_approximation,
        pca_eig,
        pca_svd,
        svd_from_eigh,
    )

    def spiked(rng: np.random.Generator) -> np.ndarray:
        # Symmetric 200 x 200 with a top eigenvalue twice the next one.
        Q, _ = np.linalg.qr(rng.normal(size=(200, 200)))
        d = np.linspace(0.0, 1.0, 200)
        d[-1] = 2.0
        return (Q * d) @ Q.T

    def lstsq_projection(d: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        return d[1] @ np.linalg.lstsq(d[1], d[0], rcond=None)[0]

    def low_rank_numpy(A: np.ndarray) -> np.ndarray:
        U, s, Vt = np.linalg.svd(A, full_matrices=False)
        return (U[:, :20] * s[:20]) @ Vt[:20]

    return [
        Case(
            "linear_algebra.orthogonality.gram_schmidt",
            gram_schmidt,
            np.linalg.qr,
            lambda rng: rng.normal(size=(500, 50)),
            "numpy.linalg.qr",
        ),
        Case(
            "linear_algebra.orthogonality.project",
            lambda d: project(d[0], d[1]),
            lstsq_projection,
            lambda rng: (rng.normal(size=2000), rng.normal(size=(2000, 20))),
            "numpy.linalg.lstsq",
        ),
        Case(
            "linear_algebra.orthogonality.qr_least_squares",
            lambda d: qr_least_squares(d[1], d[0]),
            lambda d: np.linalg.lstsq(d[1], d[0], rcond=None)[0],
            lambda rng: (rng.normal(size=2000), rng.normal(size=(2000, 20))),
            "numpy.linalg.lstsq",
        ),
        Case(
            "linear_algebra.eigen.power_iteration",
            lambda A: power_iteration(A, rng=np.random.default_rng(0)),
            np.linalg.eigh,
            spiked,
            "numpy.linalg.eigh",
        ),
        Case(
            "linear_algebra.eigen.spectral_decomposition",
            spectral_decomposition,
            np.linalg.eigh,
            spiked,
            "numpy.linalg.eigh",
        ),
        Case(
            "linear_algebra.eigen.power_by_diagonalization",
            lambda A: power_by_diagonalization(A, 20),
            lambda A: np.linalg.matrix_power(A, 20),
            lambda rng: rng.normal(size=(50, 50)) / 7,
            "numpy.linalg.matrix_power",
        ),
        Case(
            "linear_algebra.svd_pca.svd_from_eigh",
            svd_from_eigh,
            lambda A: np.linalg.svd(A, full_matrices=False),
            lambda rng: rng.normal(size=(1000, 50)),
            "numpy.linalg.svd",
        ),
        Case(
            "linear_algebra.svd_pca.low_rank_approximation",
            lambda A: low_rank_approximation(A, 20),
            low_rank_numpy,
            lambda rng: rng.normal(size=(256, 128)),
            "numpy.linalg.svd",
        ),
        Case(
            "linear_algebra.svd_pca.pca_svd",
            lambda X: pca_svd(X, 10),
            lambda X: PCA(n_components=10, svd_solver="full").fit(X),
            lambda rng: rng.normal(size=(1797, 64)),
            "sklearn.decomposition.PCA (full SVD)",
        ),
        Case(
            "linear_algebra.svd_pca.pca_eig",
            lambda X: pca_eig(X, 10),
            lambda X: PCA(n_components=10, svd_solver="covariance_eigh").fit(X),
            lambda rng: rng.normal(size=(1797, 64)),
            "sklearn.decomposition.PCA (covariance_eigh)",
        ),
        Case(
            "linear_algebra.svd_pca.explained_variance_ratio",
            explained_variance_ratio,
            lambda X: PCA(svd_solver="full").fit(X).explained_variance_ratio_,
            lambda rng: rng.normal(size=(1797, 64)),
            "sklearn.decomposition.PCA",
        ),
    ]


CASES += _orthogonality_eigen_svd_cases()


def _matrices_maps_systems_cases() -> list[Case]:
    """Cases of matrices.py, linear_maps.py and linear_systems.py."""
    import scipy.linalg
    from matplotlib.transforms import Affine2D
    from scipy.stats import ortho_group

    from snippets.linear_algebra.linear_maps import (
        null_space,
        rank,
        rotation_matrix,
        transform_points,
    )
    from snippets.linear_algebra.linear_systems import (
        back_substitution,
        determinant,
        gaussian_elimination,
        inverse,
        least_squares,
        pseudoinverse,
    )
    from snippets.linear_algebra.matrices import (
        attention_scores,
        batched_matmul,
        matmul,
        random_orthogonal,
        trace_of_product,
    )

    def square_system(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        return rng.normal(size=(200, 200)), rng.normal(size=200)

    def upper_system(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        U = np.triu(rng.normal(size=(300, 300))) + 300 * np.eye(300)
        return U, rng.normal(size=300)

    def rank_deficient(rng: np.random.Generator) -> np.ndarray:
        return rng.normal(size=(300, 150)) @ rng.normal(size=(150, 200))

    rotation = rotation_matrix(0.3)
    return [
        Case(
            "linear_algebra.matrices.matmul",
            lambda d: matmul(d[0], d[1]),
            lambda d: d[0] @ d[1],
            lambda rng: (rng.normal(size=(200, 200)), rng.normal(size=(200, 200))),
            "numpy.matmul",
        ),
        Case(
            "linear_algebra.matrices.trace_of_product",
            lambda d: trace_of_product(d[0], d[1]),
            lambda d: np.trace(d[0] @ d[1]),
            lambda rng: (rng.normal(size=(500, 300)), rng.normal(size=(300, 500))),
            "numpy.trace of numpy.matmul",
        ),
        Case(
            "linear_algebra.matrices.batched_matmul",
            lambda d: batched_matmul(d[0], d[1]),
            lambda d: np.matmul(d[0], d[1]),
            lambda rng: (rng.normal(size=(32, 64, 64)), rng.normal(size=(32, 64, 64))),
            "numpy.matmul",
        ),
        Case(
            "linear_algebra.matrices.attention_scores",
            lambda d: attention_scores(d[0], d[1]),
            lambda d: d[0] @ d[1].transpose(0, 2, 1) / 8.0,
            lambda rng: (rng.normal(size=(8, 128, 64)), rng.normal(size=(8, 128, 64))),
            "numpy.matmul",
        ),
        Case(
            "linear_algebra.matrices.random_orthogonal",
            lambda n: random_orthogonal(n, np.random.default_rng(0)),
            lambda n: ortho_group.rvs(n, random_state=0),
            lambda rng: 100,
            "scipy.stats.ortho_group",
        ),
        Case(
            "linear_algebra.linear_maps.transform_points",
            lambda P: transform_points(rotation, P),
            lambda P: Affine2D().rotate(0.3).transform(P),
            lambda rng: rng.normal(size=(100_000, 2)),
            "matplotlib.transforms.Affine2D",
        ),
        Case(
            "linear_algebra.linear_maps.rank",
            rank,
            np.linalg.matrix_rank,
            rank_deficient,
            "numpy.linalg.matrix_rank",
        ),
        Case(
            "linear_algebra.linear_maps.null_space",
            null_space,
            scipy.linalg.null_space,
            rank_deficient,
            "scipy.linalg.null_space",
        ),
        Case(
            "linear_algebra.linear_systems.gaussian_elimination",
            lambda d: gaussian_elimination(d[0], d[1]),
            lambda d: np.linalg.solve(d[0], d[1]),
            square_system,
            "numpy.linalg.solve",
        ),
        Case(
            "linear_algebra.linear_systems.back_substitution",
            lambda d: back_substitution(d[0], d[1]),
            lambda d: scipy.linalg.solve_triangular(d[0], d[1]),
            upper_system,
            "scipy.linalg.solve_triangular",
        ),
        Case(
            "linear_algebra.linear_systems.determinant",
            lambda d: determinant(d[0]),
            lambda d: np.linalg.det(d[0]),
            square_system,
            "numpy.linalg.det",
        ),
        Case(
            "linear_algebra.linear_systems.inverse",
            lambda d: inverse(d[0]),
            lambda d: np.linalg.inv(d[0]),
            square_system,
            "numpy.linalg.inv",
        ),
        Case(
            "linear_algebra.linear_systems.pseudoinverse",
            pseudoinverse,
            np.linalg.pinv,
            rank_deficient,
            "numpy.linalg.pinv",
        ),
        Case(
            "linear_algebra.linear_systems.least_squares",
            lambda d: least_squares(d[0], d[1]),
            lambda d: np.linalg.lstsq(d[0], d[1], rcond=None)[0],
            lambda rng: (rng.normal(size=(2000, 20)), rng.normal(size=2000)),
            "numpy.linalg.lstsq",
        ),
    ]


CASES += _matrices_maps_systems_cases()
