"""Snippet-speed cases of the information theory area (run by `make bench`)."""

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.special import log_softmax as scipy_log_softmax
from scipy.stats import entropy as scipy_entropy
from scipy.stats import multivariate_normal
from sklearn.feature_selection import mutual_info_classif
from sklearn.metrics import mutual_info_score
from sklearn.tree import DecisionTreeClassifier

from snippets.information_theory.divergences import (
    cross_entropy_from_logits,
    jensen_shannon,
    kl_divergence,
)
from snippets.information_theory.entropy import entropy, gaussian_entropy
from snippets.information_theory.mutual_information import (
    best_split,
    empirical_joint,
    mutual_information,
    mutual_information_scores,
)
from tests.site.benchmarks import Case


def _distribution(rng, n=10_000):
    w = rng.random(n)
    return w / w.sum()


def _spd(rng, n=50):
    A = rng.normal(size=(n, n))
    return A @ A.T + n * np.eye(n)


def _nll_library(d):
    z, y = d
    return -np.mean(scipy_log_softmax(z, axis=1)[np.arange(len(y)), y])


def _stump_threshold(d):
    x, y = d
    return DecisionTreeClassifier(criterion="entropy", max_depth=1).fit(x[:, None], y)


CASES = [
    Case(
        "information_theory.entropy.entropy",
        entropy,
        scipy_entropy,
        _distribution,
        "scipy.stats.entropy",
    ),
    Case(
        "information_theory.entropy.gaussian_entropy",
        gaussian_entropy,
        lambda C: multivariate_normal(cov=C).entropy(),
        _spd,
        "scipy.stats.multivariate_normal.entropy",
    ),
    Case(
        "information_theory.divergences.kl_divergence",
        lambda d: kl_divergence(d[0], d[1]),
        lambda d: scipy_entropy(d[0], d[1]),
        lambda rng: (_distribution(rng), _distribution(rng)),
        "scipy.stats.entropy",
    ),
    Case(
        "information_theory.divergences.jensen_shannon",
        lambda d: jensen_shannon(d[0], d[1]),
        lambda d: jensenshannon(d[0], d[1]) ** 2,
        lambda rng: (_distribution(rng), _distribution(rng)),
        "scipy.spatial.distance.jensenshannon",
    ),
    Case(
        "information_theory.divergences.cross_entropy_from_logits",
        lambda d: cross_entropy_from_logits(d[0], d[1]),
        _nll_library,
        lambda rng: (rng.normal(size=(1000, 100)), rng.integers(0, 100, 1000)),
        "scipy.special.log_softmax",
    ),
    Case(
        "information_theory.mutual_information.mutual_information",
        lambda d: mutual_information(empirical_joint(d[0], d[1])),
        lambda d: mutual_info_score(d[0], d[1]),
        lambda rng: (rng.integers(0, 20, 10_000), rng.integers(0, 10, 10_000)),
        "sklearn.metrics.mutual_info_score",
    ),
    Case(
        "information_theory.mutual_information.mutual_information_scores",
        lambda d: mutual_information_scores(d[0], d[1]),
        lambda d: mutual_info_classif(d[0], d[1], discrete_features=True),
        lambda rng: (rng.integers(0, 4, size=(2000, 20)), rng.integers(0, 5, 2000)),
        "sklearn.feature_selection.mutual_info_classif",
    ),
    Case(
        "information_theory.mutual_information.best_split",
        lambda d: best_split(d[0], d[1]),
        _stump_threshold,
        lambda rng: (rng.normal(size=5000), rng.integers(0, 3, 5000)),
        "sklearn.tree.DecisionTreeClassifier(max_depth=1)",
    ),
]
