"""Snippet-speed cases of the set theory area (run by `make bench`)."""

import itertools

import numpy as np
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import cdist
from sklearn.metrics import jaccard_score, precision_score, recall_score
from sklearn.metrics import precision_recall_curve as sklearn_pr_curve
from sklearn.model_selection import KFold, ParameterGrid
from sklearn.preprocessing import LabelEncoder, OneHotEncoder

from snippets.set_theory.partitions import blocks_from_labels, kfold_indices, one_hot
from snippets.set_theory.relations_functions import (
    decode_labels,
    encode_labels,
    equivalence_classes,
)
from snippets.set_theory.set_operations import (
    cartesian_product,
    parameter_grid,
    set_operation,
)
from snippets.set_theory.sets import column_cardinality, power_set_masks
from snippets.set_theory.similarity import (
    jaccard,
    pairwise_jaccard,
    precision_recall,
    precision_recall_curve,
)
from tests.site.benchmarks import Case


def _masks(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    return rng.random(100_000) < 0.3, rng.random(100_000) < 0.5


def _labels(rng: np.random.Generator) -> np.ndarray:
    return rng.choice(np.array(["bird", "cat", "dog", "eel", "fox"]), size=50_000)


def _onehot_sklearn(codes: np.ndarray) -> np.ndarray:
    return OneHotEncoder(
        categories=[list(range(10))], sparse_output=False
    ).fit_transform(codes[:, None])


_GRID = {
    "C": [0.01, 0.1, 1, 10, 100],
    "gamma": [1e-3, 1e-2, 1e-1],
    "kernel": ["rbf", "poly"],
}

CASES = [
    Case(
        "set_theory.sets.power_set_masks",
        power_set_masks,
        lambda n: list(
            itertools.chain.from_iterable(
                itertools.combinations(range(n), r) for r in range(n + 1)
            )
        ),
        lambda rng: 16,
        "itertools.combinations",
    ),
    Case(
        "set_theory.sets.column_cardinality",
        column_cardinality,
        lambda X: [np.unique(col).size for col in X.T],
        lambda rng: rng.integers(0, 17, size=(1797, 64)).astype(float),
        "numpy.unique per column",
    ),
    Case(
        "set_theory.set_operations.set_operation",
        lambda d: set_operation(d[0], d[1], "intersection"),
        lambda d: np.intersect1d(np.flatnonzero(d[0]), np.flatnonzero(d[1])),
        _masks,
        "numpy.intersect1d",
    ),
    Case(
        "set_theory.set_operations.cartesian_product",
        lambda axes: cartesian_product(*axes),
        lambda axes: np.array(list(itertools.product(*axes))),
        lambda rng: [rng.normal(size=20), rng.normal(size=20), rng.normal(size=20)],
        "itertools.product",
    ),
    Case(
        "set_theory.set_operations.parameter_grid",
        parameter_grid,
        lambda g: list(ParameterGrid(g)),
        lambda rng: _GRID,
        "sklearn.model_selection.ParameterGrid",
    ),
    Case(
        "set_theory.relations_functions.equivalence_classes",
        equivalence_classes,
        lambda R: connected_components(R, directed=False)[1],
        lambda rng: (lambda y: y[:, None] == y[None, :])(
            rng.integers(0, 10, size=1000)
        ),
        "scipy.sparse.csgraph.connected_components",
    ),
    Case(
        "set_theory.relations_functions.encode_labels",
        encode_labels,
        lambda y: LabelEncoder().fit_transform(y),
        _labels,
        "sklearn.preprocessing.LabelEncoder",
    ),
    Case(
        "set_theory.relations_functions.decode_labels",
        lambda d: decode_labels(d[0], d[1].classes_),
        lambda d: d[1].inverse_transform(d[0]),
        lambda rng: (
            rng.integers(0, 5, size=50_000),
            LabelEncoder().fit(["bird", "cat", "dog", "eel", "fox"]),
        ),
        "sklearn.preprocessing.LabelEncoder.inverse_transform",
    ),
    Case(
        "set_theory.partitions.blocks_from_labels",
        blocks_from_labels,
        lambda y: [np.flatnonzero(y == v) for v in np.unique(y)],
        lambda rng: rng.integers(0, 10, size=100_000),
        "numpy.flatnonzero per class",
    ),
    Case(
        "set_theory.partitions.kfold_indices",
        lambda n: kfold_indices(n, 5, shuffle=True, rng=np.random.default_rng(0)),
        lambda n: list(KFold(5, shuffle=True, random_state=0).split(np.zeros(n))),
        lambda rng: 100_000,
        "sklearn.model_selection.KFold",
    ),
    Case(
        "set_theory.partitions.one_hot",
        lambda c: one_hot(c, 10),
        _onehot_sklearn,
        lambda rng: rng.integers(0, 10, size=50_000),
        "sklearn.preprocessing.OneHotEncoder",
    ),
    Case(
        "set_theory.similarity.jaccard",
        lambda d: jaccard(d[0], d[1]),
        lambda d: jaccard_score(d[0], d[1]),
        _masks,
        "sklearn.metrics.jaccard_score",
    ),
    Case(
        "set_theory.similarity.pairwise_jaccard",
        lambda d: pairwise_jaccard(d[0], d[1]),
        lambda d: 1 - cdist(d[0], d[1], "jaccard"),
        lambda rng: (rng.random((200, 500)) < 0.2, rng.random((100, 500)) < 0.2),
        "scipy.spatial.distance.cdist",
    ),
    Case(
        "set_theory.similarity.precision_recall",
        lambda d: precision_recall(d[0], d[1]),
        lambda d: (precision_score(d[1], d[0]), recall_score(d[1], d[0])),
        _masks,
        "sklearn.metrics.precision_score/recall_score",
    ),
    Case(
        "set_theory.similarity.precision_recall_curve",
        lambda d: precision_recall_curve(d[0], d[1]),
        lambda d: sklearn_pr_curve(d[1], d[0]),
        lambda rng: (rng.normal(size=100_000), rng.random(100_000) < 0.3),
        "sklearn.metrics.precision_recall_curve",
    ),
]
