"""Hypothesis strategies shared by the set theory tests."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


def masks(n: int):
    """A boolean mask of length n: a random subset of {0, ..., n - 1}."""
    return arrays(np.bool_, n)


@st.composite
def mask_tuples(draw, count: int = 2, max_n: int = 40):
    """`count` masks of one common length between 1 and max_n."""
    n = draw(st.integers(1, max_n))
    return tuple(draw(masks(n)) for _ in range(count))


@st.composite
def label_arrays(draw, max_n: int = 30, max_classes: int = 5):
    """A 1-D array of integer labels, or of string labels, of length 1..max_n."""
    n = draw(st.integers(1, max_n))
    codes = draw(arrays(np.int64, n, elements=st.integers(0, max_classes - 1)))
    if draw(st.booleans()):
        names = np.array(["ant", "bee", "cat", "dog", "eel", "fox", "gnu"])
        return names[codes]
    return codes * 10 - 7  # integers, including negative ones
