"""Conditioning: how much a problem amplifies relative errors in its data.

Page: docs/numerical-methods/conditioning.md
"""

# --8<-- [start:imports]
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.calculus.limits_derivatives import check_function
from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:relative_condition_number]
def relative_condition_number(
    f: Callable[[np.ndarray], Any],
    df: Callable[[np.ndarray], Any],
    x: ArrayLike,
) -> np.ndarray | float:
    """Return |x f'(x) / f(x)|: relative change of f per relative change of x.

    A condition number of 10^k means that about k digits of the input's accuracy
    are lost in the output, whatever algorithm computes f.

    Examples
    --------
    >>> relative_condition_number(np.sqrt, lambda x: 0.5 / np.sqrt(x), 4.0)
    0.5
    """
    check_function(f, "f")
    check_function(df, "df")
    x = as_array(x, "x")
    fx = as_array(f(x), "f(x)")
    dfx = as_array(df(x), "df(x)")
    if np.any(fx == 0):
        raise ValueError("f(x) is 0: the relative condition number is undefined there")
    kappa = np.abs(x * dfx / fx)
    return float(kappa) if kappa.ndim == 0 else kappa


# --8<-- [end:relative_condition_number]


# --8<-- [start:condition_number]
def condition_number(A: ArrayLike, p: float | str = 2) -> float:
    """Return kappa_p(A) = |A|_p |A^-1|_p; for p = 2, sigma_max / sigma_min.

    p = 2 also accepts a rectangular A (then sigma_1 / sigma_n, the number that
    governs least squares). p = 1, np.inf or "fro" need a square A. A singular
    matrix has condition number inf.

    Examples
    --------
    >>> condition_number([[1.0, 0.0], [0.0, 1e-3]])
    1000.0
    """
    A = as_array(A, "A", ndim=2)
    if p == 2:
        s = np.linalg.svd(A, compute_uv=False)  # sorted, largest first
        return float("inf") if s[-1] == 0 else float(s[0] / s[-1])
    if p not in (1, np.inf, "fro"):
        raise ValueError(f"p must be 1, 2, np.inf or 'fro', got {p!r}")
    A = as_array(A, "A", square=True)
    try:  # columns of A^-1 by solving A X = I (no explicit inversion routine)
        A_inv = np.linalg.solve(A, np.eye(A.shape[0]))
    except np.linalg.LinAlgError:
        return float("inf")
    if p == "fro":
        return float(np.linalg.norm(A, "fro") * np.linalg.norm(A_inv, "fro"))
    order = float(p)  # 1 or inf
    return float(np.linalg.norm(A, order) * np.linalg.norm(A_inv, order))


# --8<-- [end:condition_number]


# --8<-- [start:matrix_with_condition]
def matrix_with_condition(
    n: int, kappa: float, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Return a random n x n matrix U diag(s) V^T with sigma_1 / sigma_n = kappa.

    The singular values are spaced evenly in log scale from 1 down to 1 / kappa;
    U and V are random orthogonal matrices (QR of Gaussian matrices).

    Examples
    --------
    >>> A = matrix_with_condition(5, 1e6, np.random.default_rng(0))
    >>> round(float(np.linalg.cond(A)))
    1000000
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be an integer >= 2, got {n!r}")
    if not (isinstance(kappa, (int, float)) and np.isfinite(kappa) and kappa >= 1):
        raise ValueError(f"kappa must be a finite number >= 1, got {kappa!r}")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator or None, got {rng!r}")
    rng = np.random.default_rng() if rng is None else rng
    U, _ = np.linalg.qr(rng.normal(size=(n, n)))
    V, _ = np.linalg.qr(rng.normal(size=(n, n)))
    s = np.logspace(0.0, -np.log10(kappa), n)
    return (U * s) @ V.T


# --8<-- [end:matrix_with_condition]


# --8<-- [start:error_amplification]
def error_amplification(A: ArrayLike, b: ArrayLike, db: ArrayLike) -> float:
    """Return (|dx| / |x|) / (|db| / |b|) for A x = b and A (x + dx) = b + db.

    The ratio is at most kappa_2(A) for every perturbation db, and equals it for
    the worst b and db.

    Examples
    --------
    >>> A = [[1.0, 0.0], [0.0, 1e-3]]
    >>> error_amplification(A, [1.0, 0.0], [0.0, 1e-6])  # the worst case: kappa
    1000.0
    """
    A = as_array(A, "A", square=True)
    b = as_array(b, "b", ndim=1)
    db = as_array(db, "db", ndim=1)
    if b.shape != (A.shape[0],) or db.shape != b.shape:
        raise ValueError(
            f"b and db must have length {A.shape[0]}, got {b.size} and {db.size}"
        )
    if not (np.any(b) and np.any(db)):
        raise ValueError("b and db must be nonzero vectors")
    try:
        x = np.linalg.solve(A, b)
        dx = np.linalg.solve(A, db)  # linearity: A dx = db, no subtraction needed
    except np.linalg.LinAlgError:
        raise ValueError("A is singular: A x = b has no unique solution") from None
    rel_x = np.linalg.norm(dx) / np.linalg.norm(x)
    rel_b = np.linalg.norm(db) / np.linalg.norm(b)
    return float(rel_x / rel_b)


# --8<-- [end:error_amplification]


# --8<-- [start:scale_columns]
def scale_columns(X: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return X with every column divided by its Euclidean norm, and the norms.

    Column scaling changes the units of the features, not the model: if
    X_s w_s = y then w = w_s / scales solves X w = y. It often lowers kappa(X)
    dramatically, and it is within a factor sqrt(n) of the best diagonal scaling.

    Examples
    --------
    >>> Xs, scales = scale_columns([[3.0, 0.0], [4.0, 2.0]])
    >>> scales
    array([5., 2.])
    """
    X = as_array(X, "X", ndim=2)
    scales = np.linalg.norm(X, axis=0)
    if np.any(scales == 0):
        raise ValueError("X has a zero column: it cannot be scaled to unit norm")
    return X / scales, scales


# --8<-- [end:scale_columns]


def plot_error_amplification(
    kappas: tuple[float, ...] = (1e1, 1e3, 1e5, 1e7), n: int = 20, trials: int = 40
) -> Figure:
    """Scatter the amplification of random perturbations db against kappa(A)."""
    fig, ax = new_figure(
        "Log-log scatter of the measured error amplification (relative error of x "
        "divided by the relative perturbation of b) for random perturbations of "
        "systems whose condition numbers are 10, 1e3, 1e5 and 1e7. With a right-hand "
        "side b = A x from a random x the amplification grows almost as fast as "
        "kappa; with a random b it stays near 1; every point lies below the line "
        "amplification = kappa, which the worst-case b and db (diamonds) reach.",
        width=6.0,
        height=4.2,
    )
    rng = np.random.default_rng(0)
    random_b, model_b, worst = [], [], []
    for kappa in kappas:
        A = matrix_with_condition(n, kappa, rng)
        U, _, _ = np.linalg.svd(A)
        for _ in range(trials):
            x, b, db = rng.normal(size=(3, n))
            random_b.append((kappa, error_amplification(A, b, db)))
            model_b.append((kappa, error_amplification(A, A @ x, db)))
        worst.append((kappa, error_amplification(A, U[:, 0], U[:, -1])))
    for pts, label in ((model_b, "b = A x, random x"), (random_b, "random b")):
        a = np.array(pts)
        ax.loglog(a[:, 0], a[:, 1], "o", alpha=0.35, markersize=4, label=label)
    top = np.array(worst)
    ax.loglog(top[:, 0], top[:, 1], "D", markersize=7, label="worst-case b and db")
    line = np.array([1.0, 10 * max(kappas)])
    ax.loglog(
        line, line, color="gray", linestyle=":", label=r"bound $\kappa(\mathbf{A})$"
    )
    ax.set_xlabel(r"condition number $\kappa(\mathbf{A})$")
    ax.set_ylabel("error amplification")
    ax.set_title("Relative errors grow by at most the condition number")
    ax.legend(loc="upper left")
    return fig
