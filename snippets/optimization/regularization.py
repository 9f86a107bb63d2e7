"""Regularization: ridge (L2, closed form), soft thresholding, the lasso (L1) by ISTA,
and regularization paths.

Page: docs/optimization/regularization.md. Both penalties are added to the mean
squared error with the factor 1/(2n) that scikit-learn's Lasso uses:

    ridge:  ||y - X w||^2 / (2n) + (lam / 2) ||w||_2^2
    lasso:  ||y - X w||^2 / (2n) + lam ||w||_1
"""

# --8<-- [start:imports]
from dataclasses import dataclass  # noqa: F401  (for OptimizationResult)

import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.optimization.gradient_descent import (
    OptimizationResult,
    check_max_iter,
    check_positive,
)
from snippets.plotting import new_figure


# --8<-- [start:check_regression_data]
def check_regression_data(
    X: ArrayLike, y: ArrayLike, lam: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """Return X (n, d), y (n,) and lam >= 0 as checked values, or raise naming them."""
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1)
    if y.size != X.shape[0]:
        raise ValueError(f"y must have {X.shape[0]} entries (rows of X), got {y.size}")
    if isinstance(lam, bool) or not isinstance(lam, (int, float, np.number)):
        raise TypeError(f"lam must be a number, got {type(lam).__name__}")
    if not (np.isfinite(lam) and lam >= 0):
        raise ValueError(f"lam must be >= 0 and finite, got {lam!r}")
    return X, y, float(lam)


# --8<-- [end:check_regression_data]


# --8<-- [start:ridge]
def ridge(X: ArrayLike, y: ArrayLike, lam: float) -> np.ndarray:
    """Return the ridge weights w = (X^T X + n lam I)^{-1} X^T y, through the SVD.

    With X = U diag(s) V^T, w = V diag(s / (s^2 + n lam)) U^T y: each singular
    direction is shrunk by s^2 / (s^2 + n lam). lam = 0 gives the minimum-norm
    least-squares solution (the pseudoinverse).

    Examples
    --------
    >>> X = [[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]]
    >>> ridge(X, [1.0, 2.0, 0.0], 0.0), ridge(X, [1.0, 2.0, 0.0], 1 / 3)
    (array([1., 1.]), array([0.5, 0.8]))
    """
    X, y, lam = check_regression_data(X, y, lam)
    n = X.shape[0]
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    keep = s > s.max() * max(X.shape) * np.finfo(float).eps  # drop zero directions
    shrink = np.zeros_like(s)
    shrink[keep] = s[keep] / (s[keep] ** 2 + n * lam)
    return Vt.T @ (shrink * (U.T @ y))


# --8<-- [end:ridge]


# --8<-- [start:soft_threshold]
def soft_threshold(z: ArrayLike, t: float) -> np.ndarray | float:
    """Return sign(z) max(|z| - t, 0): the proximal operator of t ||.||_1.

    It is the minimizer of (1/2)(w - z)^2 + t |w|, entry by entry: entries
    within t of zero become exactly zero, the others move t toward zero.

    Examples
    --------
    >>> soft_threshold([-3.0, -0.5, 0.2, 2.0], 1.0)
    array([-2., -0.,  0.,  1.])
    """
    z = as_array(z, "z")
    if isinstance(t, bool) or not isinstance(t, (int, float, np.number)):
        raise TypeError(f"t must be a number, got {type(t).__name__}")
    if not (np.isfinite(t) and t >= 0):
        raise ValueError(f"t must be >= 0 and finite, got {t!r}")
    out = np.sign(z) * np.maximum(np.abs(z) - t, 0.0)
    return float(out) if out.ndim == 0 else out


# --8<-- [end:soft_threshold]


# --8<-- [start:lasso_ista]
def lasso_ista(
    X: ArrayLike,
    y: ArrayLike,
    lam: float,
    max_iter: int = 10_000,
    tol: float = 1e-8,
    w0: ArrayLike | None = None,
) -> OptimizationResult:
    """Minimize ||y - X w||^2 / (2n) + lam ||w||_1 by ISTA (proximal gradient).

    Each step is a gradient step on the smooth part followed by soft thresholding,
    w <- S_{lam/L}(w - X^T (X w - y) / (n L)), with L = s_max(X)^2 / n. It stops
    when L |w_new - w| <= tol (the step is zero exactly at the minimum).

    Examples
    --------
    >>> X, y = [[1.0, 1.0], [1.0, -1.0]], [1.25, 0.75]  # X^T X / n = I, X^T y / n
    >>> lasso_ista(X, y, lam=0.5).x  # = (1, 0.25): the answer is S_0.5((1, 0.25))
    array([0.5, 0. ])
    """
    X, y, lam = check_regression_data(X, y, lam)
    tol = check_positive(tol, "tol")
    max_iter = check_max_iter(max_iter)
    n, p = X.shape
    w = np.zeros(p) if w0 is None else as_array(w0, "w0", ndim=1)
    if w.size != p:
        raise ValueError(f"w0 must have {p} entries (columns of X), got {w.size}")
    L = np.linalg.norm(X, 2) ** 2 / n  # Lipschitz constant of the smooth gradient
    if L == 0:
        raise ValueError("X must not be all zeros")
    path = [w]
    converged = False
    for _ in range(max_iter):
        grad = X.T @ (X @ w - y) / n
        z = w - grad / L
        w_new = np.sign(z) * np.maximum(np.abs(z) - lam / L, 0.0)  # soft threshold
        converged = bool(L * np.abs(w_new - w).max() <= tol)
        w = w_new
        path.append(w)
        if converged:
            break
    return OptimizationResult(w, len(path) - 1, converged, np.array(path))


# --8<-- [end:lasso_ista]


# --8<-- [start:regularization_path]
def regularization_path(
    X: ArrayLike, y: ArrayLike, lams: ArrayLike, kind: str = "lasso", tol: float = 1e-8
) -> np.ndarray:
    """Return the weights for each lam in ``lams``, shape (len(lams), p).

    kind is "ridge" or "lasso". The lasso solves (by ISTA, to tolerance tol) from
    the largest lam down, each warm-started from the previous solution.

    Examples
    --------
    >>> X, y = [[1.0, 1.0], [1.0, -1.0]], [1.25, 0.75]
    >>> regularization_path(X, y, [2.0, 0.5, 0.0])
    array([[0.  , 0.  ],
           [0.5 , 0.  ],
           [1.  , 0.25]])
    """
    X = as_array(X, "X", ndim=2)
    lam_values = as_array(lams, "lams", ndim=1)
    if np.any(lam_values < 0):
        raise ValueError("lams must be >= 0")
    if kind not in ("ridge", "lasso"):
        raise ValueError(f"kind must be 'ridge' or 'lasso', got {kind!r}")
    W = np.zeros((lam_values.size, X.shape[1]))
    w = np.zeros(X.shape[1])
    for i in np.argsort(-lam_values):  # from strong to weak regularization
        lam = float(lam_values[i])
        if kind == "ridge":
            W[i] = ridge(X, y, lam)
        else:
            res = lasso_ista(X, y, lam, max_iter=100_000, tol=tol, w0=w)
            if not res.converged:
                raise RuntimeError(f"ISTA did not converge for lam = {lam:g}")
            W[i] = w = res.x
    return W


# --8<-- [end:regularization_path]


def diabetes_standardized() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return scikit-learn's diabetes data with standardized features, centered target.

    442 patients, 10 features (age, sex, body-mass index, blood pressure and six
    blood serum measurements), target: disease progression after one year. Centering
    removes the intercept, so the penalized models need no unpenalized constant.
    """
    from sklearn.datasets import load_diabetes

    data = load_diabetes()
    X = (data.data - data.data.mean(axis=0)) / data.data.std(axis=0)
    y = data.target - data.target.mean()
    return X, y, list(data.feature_names)


def plot_coefficient_paths(kind: str = "lasso", num: int = 30) -> Figure:
    """Draw the ridge or lasso coefficients of the diabetes data against lam."""
    X, y, names = diabetes_standardized()
    lam_max = float(np.abs(X.T @ y).max() / X.shape[0])  # the lasso's w = 0 from here
    lams = (
        lam_max * np.logspace(0.5, -2.5, num)
        if kind == "lasso"
        else np.logspace(3, -3, num)
    )
    W = regularization_path(X, y, lams, kind, tol=1e-4)  # plenty for a plot
    story = (
        "coefficients hit exactly zero one after another as lambda grows, leaving a "
        f"sparse model; from lambda = {lam_max:.1f} on all ten are zero"
        if kind == "lasso"
        else "all ten coefficients shrink smoothly toward zero as lambda grows, but "
        "none becomes exactly zero"
    )
    fig, ax = new_figure(
        f"The {kind} coefficients of the ten standardized diabetes features against "
        f"the regularization strength lambda on a logarithmic axis: the {story}.",
        width=6.4,
        height=4.2,
    )
    for j, name in enumerate(names):
        style = "-" if j < 7 else "--"  # 7 colors for 10 lines: dash the last three
        ax.semilogx(lams, W[:, j], style, label=name)
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.set_xlabel(r"regularization strength $\lambda$")
    ax.set_ylabel("coefficient")
    ax.set_title(f"{kind.capitalize()} coefficient paths (diabetes data)")
    ax.legend(loc="upper right", fontsize=7, ncols=2)
    return fig
