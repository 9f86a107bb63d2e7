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
