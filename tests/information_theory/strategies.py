"""Hypothesis strategies shared by the information theory tests."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


@st.composite
def distributions(draw, n=None, *, positive=False, shape=None):
    """A probability vector (or table of `shape`), normalized from random weights.

    With positive=False some entries may be exactly 0 (to exercise 0 log 0 = 0).
    """
    if shape is None:
        shape = (draw(st.integers(1, 8)) if n is None else n,)
    low = 1e-3 if positive else 0.0
    # No subnormal weights: scipy.spatial.distance.jensenshannon, a reference here,
    # returns inf when half of the smallest subnormal rounds to 0 (see the regression
    # test test_jensen_shannon_survives_subnormal_probabilities).
    w = draw(
        arrays(np.float64, shape, elements=st.floats(low, 1.0, allow_subnormal=False))
    )
    if w.sum() < 1e-6:
        w = w.copy()
        w.flat[0] = 1.0
    return w / w.sum()


@st.composite
def distribution_pairs(draw, *, q_positive=True):
    """(p, q) of the same length; q > 0 everywhere unless q_positive is False."""
    n = draw(st.integers(1, 8))
    return draw(distributions(n)), draw(distributions(n, positive=q_positive))


@st.composite
def joint_tables(draw):
    """A joint probability table of random shape (rows: x, columns: y)."""
    shape = (draw(st.integers(1, 5)), draw(st.integers(1, 5)))
    return draw(distributions(shape=shape))
