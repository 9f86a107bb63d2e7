"""Set similarity: the Jaccard index, IoU of bounding boxes, precision and recall as
ratios of sets, and events as sets in a probability space.

Page: docs/set-theory/similarity.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from snippets.checks import as_array, as_probability
from snippets.plotting import COLORS, new_figure
from snippets.set_theory.sets import as_mask

#: Box pairs drawn by plot_box_iou: identical, shifted diagonally, shifted sideways,
#: nested, and disjoint. Coordinates are (x1, y1, x2, y2).
BOX_PAIRS = (
    ((1.0, 1.0, 3.0, 3.0), (1.0, 1.0, 3.0, 3.0)),
    ((0.0, 0.0, 2.0, 2.0), (1.0, 1.0, 3.0, 3.0)),
    ((0.0, 0.5, 4.0, 2.5), (1.0, 0.5, 5.0, 2.5)),
    ((0.0, 0.0, 4.0, 4.0), (1.0, 1.0, 3.0, 3.0)),
    ((0.0, 0.0, 1.5, 1.5), (2.5, 2.5, 4.0, 4.0)),
)


# --8<-- [start:jaccard]
def jaccard(a: ArrayLike, b: ArrayLike) -> float:
    """Return the Jaccard index |A ∩ B| / |A ∪ B| of two masks, a number in [0, 1].

    Two empty sets have an empty union, and 0 / 0 has no value: that case raises
    ValueError instead of picking a convention silently.

    Examples
    --------
    >>> jaccard([1, 1, 1, 0], [0, 1, 1, 1])  # {0, 1, 2} and {1, 2, 3}: 2 / 4
    0.5
    """
    a, b = as_mask(a, "a"), as_mask(b, "b")
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must have the same length, got {a.size} and {b.size}"
        )
    union = np.count_nonzero(a | b)
    if union == 0:
        raise ValueError("the Jaccard index of two empty sets (a and b) is undefined")
    return float(np.count_nonzero(a & b) / union)


# --8<-- [end:jaccard]


# --8<-- [start:pairwise_jaccard]
def pairwise_jaccard(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Return the (m, k) Jaccard indices between the rows of masks A (m, n), B (k, n).

    One matrix product counts every intersection; inclusion–exclusion gives the
    unions: |A ∪ B| = |A| + |B| - |A ∩ B|.

    Examples
    --------
    >>> pairwise_jaccard([[1, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 1, 1]])
    array([[0.5       , 0.33333333],
           [0.        , 0.5       ]])
    """
    A = as_mask(A, "A", ndim=2).astype(float)
    B = as_mask(B, "B", ndim=2).astype(float)
    if A.shape[1] != B.shape[1]:
        raise ValueError(
            "A and B must have the same number of columns, "
            f"got {A.shape[1]} and {B.shape[1]}"
        )
    inter = A @ B.T  # |A_i ∩ B_j| for every pair
    union = A.sum(axis=1)[:, None] + B.sum(axis=1)[None, :] - inter
    if np.any(union == 0):
        raise ValueError(
            "the Jaccard index of two empty sets (rows of A and B) is undefined"
        )
    return inter / union


# --8<-- [end:pairwise_jaccard]


# --8<-- [start:as_boxes]
def as_boxes(boxes: ArrayLike, name: str, *, ndim: int = 2) -> np.ndarray:
    """Return boxes (x1, y1, x2, y2) as a float array, or raise an error naming it.

    Each box needs x1 <= x2 and y1 <= y2 (a box of zero width or height is allowed).

    Examples
    --------
    >>> as_boxes([0, 0, 2, 1], "box", ndim=1)
    array([0., 0., 2., 1.])
    """
    B = as_array(boxes, name, ndim=ndim)
    if B.shape[-1] != 4:
        raise ValueError(
            f"{name} must hold boxes (x1, y1, x2, y2), got shape {B.shape}"
        )
    if np.any(B[..., 2] < B[..., 0]):
        raise ValueError(f"{name} has a box with x2 < x1")
    if np.any(B[..., 3] < B[..., 1]):
        raise ValueError(f"{name} has a box with y2 < y1")
    return B


# --8<-- [end:as_boxes]


# --8<-- [start:box_iou]
def box_iou(box_a: ArrayLike, box_b: ArrayLike) -> float:
    """Return the intersection over union of two axis-aligned boxes (x1, y1, x2, y2).

    Examples
    --------
    >>> round(box_iou([0, 0, 2, 2], [1, 1, 3, 3]), 4)  # overlap 1, union 4 + 4 - 1
    0.1429
    """
    a = as_boxes(box_a, "box_a", ndim=1)
    b = as_boxes(box_b, "box_b", ndim=1)
    width = min(a[2], b[2]) - max(a[0], b[0])  # the overlap is itself a box
    height = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(width, 0.0) * max(height, 0.0)  # no overlap: negative sides -> 0
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[2] - b[0]) * (b[3] - b[1])
    union = area_a + area_b - inter  # inclusion–exclusion
    if union == 0:
        raise ValueError(
            "IoU is undefined for two boxes of zero area (box_a and box_b)"
        )
    return float(inter / union)


# --8<-- [end:box_iou]


# --8<-- [start:pairwise_box_iou]
def pairwise_box_iou(boxes_a: ArrayLike, boxes_b: ArrayLike) -> np.ndarray:
    """Return the (m, k) IoU matrix between boxes_a (m, 4) and boxes_b (k, 4).

    Examples
    --------
    >>> pairwise_box_iou([[0, 0, 2, 2]], [[1, 1, 3, 3], [0, 0, 2, 1]]).round(4)
    array([[0.1429, 0.5   ]])
    """
    A = as_boxes(boxes_a, "boxes_a")
    B = as_boxes(boxes_b, "boxes_b")
    lo = np.maximum(A[:, None, :2], B[None, :, :2])  # (m, k, 2): overlap's low corner
    hi = np.minimum(A[:, None, 2:], B[None, :, 2:])  # and its high corner
    inter = np.prod(np.clip(hi - lo, 0.0, None), axis=-1)
    area_a = np.prod(A[:, 2:] - A[:, :2], axis=1)
    area_b = np.prod(B[:, 2:] - B[:, :2], axis=1)
    union = area_a[:, None] + area_b[None, :] - inter
    if np.any(union == 0):
        raise ValueError(
            "IoU is undefined for two boxes of zero area (boxes_a, boxes_b)"
        )
    return inter / union


# --8<-- [end:pairwise_box_iou]


# --8<-- [start:precision_recall]
def precision_recall(retrieved: ArrayLike, relevant: ArrayLike) -> tuple[float, float]:
    """Return (precision, recall) = (|R ∩ T| / |R|, |R ∩ T| / |T|).

    R is the retrieved set (predicted positives), T the relevant set (true
    positives). Precision is undefined when R is empty, recall when T is empty.

    Examples
    --------
    >>> precision_recall([1, 1, 1, 0, 0], [1, 0, 0, 1, 0])  # 1 hit of 3 retrieved, of 2
    (0.3333333333333333, 0.5)
    """
    r, t = as_mask(retrieved, "retrieved"), as_mask(relevant, "relevant")
    if r.shape != t.shape:
        raise ValueError(
            "retrieved and relevant must have the same length, "
            f"got {r.size} and {t.size}"
        )
    if not r.any():
        raise ValueError("precision is undefined when retrieved is empty (0 / 0)")
    if not t.any():
        raise ValueError("recall is undefined when relevant is empty (0 / 0)")
    hits = np.count_nonzero(r & t)  # |R ∩ T|
    return float(hits / np.count_nonzero(r)), float(hits / np.count_nonzero(t))


# --8<-- [end:precision_recall]


# --8<-- [start:precision_recall_curve]
def precision_recall_curve(
    scores: ArrayLike, relevant: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (thresholds, precision, recall) as the retrieval threshold moves down.

    At threshold t the retrieved set is {i : scores[i] >= t}. The thresholds are the
    distinct scores, from the highest down, so each step retrieves more items.

    Examples
    --------
    >>> t, p, r = precision_recall_curve([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0])
    >>> t
    array([0.9, 0.8, 0.7, 0.6])
    >>> p.round(3), r
    (array([1.   , 0.5  , 0.667, 0.5  ]), array([0.5, 0.5, 1. , 1. ]))
    """
    s = as_array(scores, "scores", ndim=1)
    t = as_mask(relevant, "relevant")
    if s.shape != t.shape:
        raise ValueError(
            f"scores and relevant must have the same length, got {s.size} and {t.size}"
        )
    if not t.any():
        raise ValueError("recall is undefined when relevant is empty (0 / 0)")
    order = np.argsort(-s, kind="stable")  # best score first
    s_sorted, hits = s[order], np.cumsum(t[order])  # hits[j] = |R ∩ T| for top j+1
    last = np.r_[np.flatnonzero(np.diff(s_sorted) != 0), s.size - 1]  # ties together
    return s_sorted[last], hits[last] / (last + 1), hits[last] / np.count_nonzero(t)


# --8<-- [end:precision_recall_curve]


# --8<-- [start:mask_probability]
def mask_probability(event: ArrayLike, p: ArrayLike | None = None) -> float:
    """Return P(A) for an event A given as a mask over the outcomes of a sample space.

    ``p[i]`` is the probability of outcome i; without p every outcome is equally
    likely and P(A) = |A| / |Ω|.

    Examples
    --------
    >>> mask_probability([1, 1, 0, 0])  # 2 of 4 equally likely outcomes
    0.5
    >>> mask_probability([1, 1, 0, 0], [0.7, 0.1, 0.1, 0.1])
    0.8
    """
    a = as_mask(event, "event")
    if p is None:
        return float(np.count_nonzero(a) / a.size)  # counting: |A| / |Ω|
    p = as_probability(p, "p")
    if p.shape != a.shape:
        raise ValueError(f"p must have one entry per outcome ({a.size}), got {p.size}")
    return float(p[a].sum())  # add the probabilities of the outcomes in A


# --8<-- [end:mask_probability]


# --8<-- [start:mask_conditional_probability]
def mask_conditional_probability(
    a: ArrayLike, given: ArrayLike, p: ArrayLike | None = None
) -> float:
    """Return P(A | B) = P(A ∩ B) / P(B) for events given as masks.

    Examples
    --------
    >>> mask_conditional_probability([1, 0, 1, 0], given=[1, 1, 1, 0])  # 2 of 3
    0.6666666666666666
    """
    a, b = as_mask(a, "a"), as_mask(given, "given")
    if a.shape != b.shape:
        raise ValueError(
            f"a and given must have the same length, got {a.size} and {b.size}"
        )
    p_b = mask_probability(b, p)
    if p_b == 0:
        raise ValueError(
            "P(given) is 0: conditioning on an impossible event is undefined"
        )
    return mask_probability(a & b, p) / p_b


# --8<-- [end:mask_conditional_probability]


def plot_box_iou(
    pairs: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = BOX_PAIRS,
) -> Figure:
    """Draw pairs of boxes, their intersection shaded, with the IoU in each title."""
    ious = [box_iou(a, b) for a, b in pairs]
    fig, axes = new_figure(
        f"{len(pairs)} panels, each with two axis-aligned boxes, a blue box A and an "
        "orange box B, and their intersection shaded. The titles give the "
        "intersection over union: "
        + ", ".join(f"{iou:.3f}" for iou in ious)
        + ". Identical boxes give 1, disjoint boxes 0, and a small shift already "
        "lowers the IoU a lot.",
        ncols=len(pairs),
        width=2.0 * len(pairs) + 0.4,
        height=2.3,
    )
    axes = np.atleast_1d(axes)
    corners = np.array(pairs, dtype=float).reshape(-1, 4)  # one frame for all panels
    lim_x = (corners[:, [0, 2]].min() - 0.5, corners[:, [0, 2]].max() + 0.5)
    lim_y = (corners[:, [1, 3]].min() - 0.5, corners[:, [1, 3]].max() + 0.5)
    for ax, (a, b), iou in zip(axes, pairs, ious, strict=True):
        for box, color, dash in ((a, COLORS[0], "-"), (b, COLORS[1], "--")):
            x1, y1, x2, y2 = box
            ax.add_patch(
                Rectangle(
                    (x1, y1), x2 - x1, y2 - y1, fill=False, ec=color, lw=2, ls=dash
                )
            )
        lo = np.maximum(np.asarray(a[:2]), np.asarray(b[:2]))
        hi = np.minimum(np.asarray(a[2:]), np.asarray(b[2:]))
        if np.all(hi > lo):
            ax.add_patch(
                Rectangle(tuple(lo), *(hi - lo), color=COLORS[2], alpha=0.45, lw=0)
            )
        ax.set_xlim(lim_x)
        ax.set_ylim(lim_y)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        ax.set_title(f"IoU = {iou:.3f}")
    return fig


def plot_precision_recall(
    scores: ArrayLike | None = None, relevant: ArrayLike | None = None
) -> Figure:
    """Draw precision and recall against the threshold, and the precision-recall curve.

    Without arguments: 60 items, 20 of them relevant, with noisy scores (seed 0).
    """
    if scores is None or relevant is None:
        rng = np.random.default_rng(0)
        relevant = np.arange(60) < 20  # 20 relevant items out of 60
        scores = np.round(relevant + rng.normal(scale=0.7, size=60), 2)
    thresholds, precision, recall = precision_recall_curve(scores, relevant)
    fig, (left, right) = new_figure(
        "Left: precision and recall of the retrieved set {score >= t} as the threshold "
        "t moves from high to low; recall rises to 1 while precision falls toward the "
        "share of relevant items. Right: the same pairs as a precision-recall curve, "
        "recall on the horizontal axis and precision on the vertical axis.",
        ncols=2,
        width=7.6,
        height=3.4,
    )
    left.step(thresholds, precision, where="post", label="precision")
    left.step(thresholds, recall, where="post", label="recall")
    left.invert_xaxis()  # the threshold moves down: more items retrieved to the right
    left.set_xlabel("threshold t (retrieve score >= t)")
    left.set_ylim(-0.03, 1.03)
    left.set_title("as the threshold moves down")
    left.legend(loc="center right")
    right.plot(recall, precision, marker=".", color=COLORS[2])
    share = float(np.mean(as_mask(relevant, "relevant")))  # precision of retrieving all
    right.axhline(
        share, color="#888888", ls=":", lw=1.2, label="share of relevant items"
    )
    right.legend(loc="lower left")
    right.set_xlabel("recall")
    right.set_ylabel("precision")
    right.set_xlim(-0.03, 1.03)
    right.set_ylim(-0.03, 1.03)
    right.set_title("precision–recall curve")
    return fig
