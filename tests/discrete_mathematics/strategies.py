"""Hypothesis strategies shared by the discrete mathematics tests: random graphs."""

from itertools import pairwise

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


@st.composite
def graphs(
    draw: st.DrawFn,
    min_n: int = 1,
    max_n: int = 8,
    directed: bool = False,
    weighted: bool = False,
    connected: bool = False,
) -> np.ndarray:
    """A random adjacency matrix without self-loops (symmetric unless directed).

    With connected=True a random path through all vertices is added first.
    """
    n = draw(st.integers(min_n, max_n))
    mask = draw(arrays(np.bool_, (n, n)))
    if weighted:
        W = draw(
            arrays(np.float64, (n, n), elements=st.floats(0.1, 10.0, allow_nan=False))
        )
    else:
        W = np.ones((n, n))
    A = np.where(mask, W, 0.0)
    if connected and n > 1:
        perm = draw(st.permutations(range(n)))
        for a, b in pairwise(perm):
            A[a, b] = max(A[a, b], W[a, b])
    np.fill_diagonal(A, 0.0)
    if not directed:
        U = np.triu(np.maximum(A, A.T), 1)  # an edge in either direction counts
        A = U + U.T
    return A
