"""Convex sets and functions: segments, Jensen's inequality, Hessians, curvature.

Page: docs/optimization/convexity.md
"""

# --8<-- [start:imports]
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:find_nonconvexity]
def find_nonconvexity(
    contains: Callable[[np.ndarray], np.ndarray],
    points: ArrayLike,
    num_pairs: int = 1000,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray, float] | None:
    """Search for a segment between two members of a set that leaves the set.

    ``contains(P)`` takes an (m, n) array of points and returns m booleans. The
    function draws ``num_pairs`` random pairs among the rows of ``points`` that lie
    in the set and a random t in [0, 1] for each, and returns the first (x, y, t)
    with t x + (1 - t) y outside the set, or None if every tested point was inside.
    None is evidence of convexity, not a proof; a returned triple is a proof of
    non-convexity.

    Examples
    --------
    >>> disk = lambda P: np.linalg.norm(P, axis=1) <= 1.0
    >>> pts = np.random.default_rng(0).uniform(-1, 1, size=(200, 2))
    >>> find_nonconvexity(disk, pts, rng=np.random.default_rng(0)) is None
    True
    """
    if not callable(contains):
        raise TypeError(f"contains must be callable, got {type(contains).__name__}")
    P = as_array(points, "points", ndim=2)
    if isinstance(num_pairs, bool) or not isinstance(num_pairs, int) or num_pairs < 1:
        raise ValueError(f"num_pairs must be an integer >= 1, got {num_pairs!r}")
    rng = np.random.default_rng() if rng is None else rng
    inside = np.asarray(contains(P), dtype=bool)
    if inside.shape != (P.shape[0],):
        raise ValueError(f"contains(points) must return {P.shape[0]} booleans")
    members = P[inside]
    if members.shape[0] < 2:
        raise ValueError("points must contain at least 2 members of the set")
    i = rng.integers(members.shape[0], size=num_pairs)
    j = rng.integers(members.shape[0], size=num_pairs)
    t = rng.uniform(size=num_pairs)
    mixes = t[:, None] * members[i] + (1 - t[:, None]) * members[j]
    outside = np.flatnonzero(~np.asarray(contains(mixes), dtype=bool))
    if outside.size == 0:
        return None
    k = outside[0]
    return members[i[k]], members[j[k]], float(t[k])


# --8<-- [end:find_nonconvexity]


# --8<-- [start:jensen_gap]
def jensen_gap(
    f: Callable[[np.ndarray], float],
    points: ArrayLike,
    weights: ArrayLike | None = None,
) -> float:
    """Return sum_i w_i f(x_i) - f(sum_i w_i x_i): >= 0 for every convex f.

    ``points`` is (m,) for a function of one variable or (m, n) for n variables;
    ``weights`` is a probability vector (uniform if omitted).

    Examples
    --------
    >>> jensen_gap(lambda x: float(x**2), [-1.0, 1.0])  # mean of squares - 0^2
    1.0
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    X = as_array(points, "points")
    if X.ndim not in (1, 2):
        raise ValueError(f"points must have 1 or 2 dimensions, got shape {X.shape}")
    m = X.shape[0]
    w = np.full(m, 1.0 / m) if weights is None else as_array(weights, "weights", ndim=1)
    if w.size != m:
        raise ValueError(f"weights must have {m} entries, one per point, got {w.size}")
    if np.any(w < 0) or abs(w.sum() - 1.0) > 1e-9:
        raise ValueError(
            f"weights must be non-negative and sum to 1, got sum {w.sum():.6g}"
        )
    values = np.array([f(x) for x in X], dtype=float)
    mean_point = np.tensordot(w, X, axes=1)  # sum_i w_i x_i
    gap = float(w @ values - f(mean_point))
    if not np.isfinite(gap):
        raise ValueError("f returned a non-finite value")
    return gap


# --8<-- [end:jensen_gap]


# --8<-- [start:min_hessian_eigenvalue]
def min_hessian_eigenvalue(
    hessian: Callable[[np.ndarray], ArrayLike], points: ArrayLike
) -> float:
    """Return the smallest eigenvalue of the Hessian over the rows of ``points``.

    A twice-differentiable f is convex exactly when its Hessian is positive
    semidefinite everywhere. A negative result proves f is not convex; a
    non-negative one is evidence that it is (on the region sampled).

    Examples
    --------
    >>> H = lambda x: np.array([[2.0, 0.0], [0.0, 6.0 * x[1]]])  # f = x^2 + y^3
    >>> min_hessian_eigenvalue(H, [[0.0, 1.0], [0.0, -1.0]])
    -6.0
    """
    if not callable(hessian):
        raise TypeError(f"hessian must be callable, got {type(hessian).__name__}")
    P = as_array(points, "points", ndim=2)
    n = P.shape[1]
    Hs = np.array([np.asarray(hessian(x), dtype=float) for x in P])
    if Hs.shape != (P.shape[0], n, n):
        raise ValueError(f"hessian(x) must return an {n}x{n} matrix")
    if not np.isfinite(Hs).all():
        raise ValueError("hessian(x) returned a non-finite value")
    if not np.allclose(Hs, Hs.transpose(0, 2, 1), rtol=1e-10, atol=1e-12):
        raise ValueError("hessian(x) must return a symmetric matrix")
    return float(np.linalg.eigvalsh(Hs)[:, 0].min())  # batched, smallest first


# --8<-- [end:min_hessian_eigenvalue]


# --8<-- [start:curvature_bounds]
def curvature_bounds(A: ArrayLike) -> tuple[float, float, float]:
    """Return (mu, L, kappa) of the quadratic x^T A x / 2 with A positive definite.

    mu = lambda_min(A) is the strong-convexity constant, L = lambda_max(A) the
    smoothness constant, and kappa = L / mu the condition number.

    Examples
    --------
    >>> curvature_bounds([[1.0, 0.0], [0.0, 100.0]])
    (1.0, 100.0, 100.0)
    """
    A = as_array(A, "A", symmetric=True)
    eig = np.linalg.eigvalsh(A)  # ascending
    if eig[0] <= 0:
        raise ValueError(
            f"A must be positive definite, got smallest eigenvalue {eig[0]:.3g}"
        )
    mu, L = float(eig[0]), float(eig[-1])
    return mu, L, L / mu


# --8<-- [end:curvature_bounds]


def plot_jensen(points: tuple[float, float] = (-1.5, 1.0)) -> Figure:
    """Draw exp(x) with the chord between two points lying above the curve."""
    a, b = points
    fig, ax = new_figure(
        f"The convex curve exp(x) on [-2, 1.5] with the straight chord between "
        f"x = {a:g} and x = {b:g}: the chord lies above the curve everywhere in "
        "between, which is Jensen's inequality for two points.",
        width=5.6,
        height=3.8,
    )
    x = np.linspace(-2.0, 1.5, 301)
    ax.plot(x, np.exp(x), label=r"$f(x) = e^x$")
    t = np.linspace(0.0, 1.0, 51)
    ax.plot(
        t * a + (1 - t) * b,
        t * np.exp(a) + (1 - t) * np.exp(b),
        "--",
        label=r"chord $t f(a) + (1-t) f(b)$",
    )
    ax.plot([a, b], [np.exp(a), np.exp(b)], "o", color="black")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$")
    ax.set_title("A convex function lies below its chords")
    ax.legend(loc="upper left")
    return fig
