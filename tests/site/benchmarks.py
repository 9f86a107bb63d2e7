"""The shape of a snippet-speed case: a snippet, its library counterpart, realistic data.

Each area registers its cases in ``tests/<area>/bench_cases.py`` as a list ``CASES``;
``make bench`` (tests/site/bench.py) times every case and prints snippet/library ratios.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Case:
    """One comparison: ``snippet(data)`` against ``library(data)`` on ``setup(rng)``."""

    name: str  # e.g. "linear_algebra.vectors.pairwise_distances"
    snippet: Callable[[Any], Any]
    library: Callable[[Any], Any]
    setup: Callable[[np.random.Generator], Any]
    library_name: str  # e.g. "scipy.spatial.distance.cdist"
