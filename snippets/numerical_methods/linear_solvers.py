"""Direct linear solvers: LU with pivoting, Cholesky, Householder QR, least squares.

Page: docs/numerical-methods/linear-solvers.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import solve_triangular

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:lu_partial_pivoting]
def lu_partial_pivoting(A: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return P, L, U with P A = L U: P a permutation, L unit lower, U upper triangular.

    Gaussian elimination that, at step k, swaps up the row with the largest
    |entry| in column k (partial pivoting), so every multiplier has |l_ik| <= 1.
    scipy.linalg.lu returns the same factors in the form A = P^T L U.

    Examples
    --------
    >>> P, L, U = lu_partial_pivoting([[1.0, 2.0], [3.0, 4.0]])
    >>> P
    array([[0., 1.],
           [1., 0.]])
    >>> U
    array([[3.        , 4.        ],
           [0.        , 0.66666667]])
    """
    A = as_array(A, "A", square=True)
    n = A.shape[0]
    U, L, perm = A.copy(), np.eye(n), np.arange(n)
    threshold = n * np.finfo(float).eps * np.abs(A).max()
    for k in range(n):  # the loop over columns is the algorithm; rows are vectorized
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if abs(U[p, k]) <= threshold:
            raise ValueError(
                f"A is singular to working precision (pivot {k} is {U[p, k]:.1e})"
            )
        if p != k:  # swap rows k and p of U, of the finished part of L, and of perm
            U[[k, p], k:] = U[[p, k], k:]
            L[[k, p], :k] = L[[p, k], :k]
            perm[[k, p]] = perm[[p, k]]
        multipliers = U[k + 1 :, k] / U[k, k]
        L[k + 1 :, k] = multipliers
        U[k + 1 :, k:] -= np.outer(multipliers, U[k, k:])
    return np.eye(n)[perm], L, np.triu(U)


# --8<-- [end:lu_partial_pivoting]


# --8<-- [start:solve_with_lu]
def solve_with_lu(P: ArrayLike, L: ArrayLike, U: ArrayLike, b: ArrayLike) -> np.ndarray:
    """Solve A x = b from P A = L U: L y = P b (forward), then U x = y (backward).

    b may be a vector (n,) or a matrix (n, k) of k right-hand sides; each costs
    O(n^2) once the O(n^3) factorization is done.

    Examples
    --------
    >>> factors = lu_partial_pivoting([[1.0, 2.0], [3.0, 4.0]])
    >>> solve_with_lu(*factors, [5.0, 6.0])
    array([-4. ,  4.5])
    """
    P = as_array(P, "P", square=True)
    L = as_array(L, "L", square=True)
    U = as_array(U, "U", square=True)
    b = as_array(b, "b")
    if not (P.shape == L.shape == U.shape and b.ndim in (1, 2)):
        raise ValueError("P, L, U must be n x n and b must be (n,) or (n, k)")
    if b.shape[0] != P.shape[0]:
        raise ValueError(f"b must have {P.shape[0]} rows, got {b.shape[0]}")
    y = solve_triangular(L, P @ b, lower=True, unit_diagonal=True)
    return solve_triangular(U, y)


# --8<-- [end:solve_with_lu]


# --8<-- [start:cholesky]
def cholesky(A: ArrayLike) -> np.ndarray:
    """Return the lower-triangular L with positive diagonal such that A = L L^T.

    Exists exactly when A is symmetric positive definite; a pivot <= 0 proves A
    is not (the same test as LAPACK's, used by numpy.linalg.cholesky).

    Examples
    --------
    >>> cholesky([[4.0, 2.0], [2.0, 5.0]])
    array([[2., 0.],
           [1., 2.]])
    """
    A = as_array(A, "A", symmetric=True)
    n = A.shape[0]
    L = np.zeros_like(A)
    for j in range(n):  # column by column; each column is one vectorized step
        d = A[j, j] - L[j, :j] @ L[j, :j]
        if not d > 0:  # also catches NaN from overflow
            raise ValueError(f"A must be positive definite (pivot {j} is {d:.2e} <= 0)")
        L[j, j] = np.sqrt(d)
        L[j + 1 :, j] = (A[j + 1 :, j] - L[j + 1 :, :j] @ L[j, :j]) / L[j, j]
    return L


# --8<-- [end:cholesky]


# --8<-- [start:householder_qr]
def householder_qr(A: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return the reduced QR factorization A = Q R of an m x n A with m >= n.

    Each Householder reflection H = I - 2 v v^T zeroes one column below the
    diagonal. Q (m, n) has orthonormal columns; R (n, n) is upper triangular.
    Signs are fixed so that diag(R) >= 0, which makes the factors unique when A
    has full column rank (numpy.linalg.qr may differ by the sign of each column).

    Examples
    --------
    >>> Q, R = householder_qr([[3.0, 1.0], [4.0, 2.0]])
    >>> R
    array([[5. , 2.2],
           [0. , 0.4]])
    """
    A = as_array(A, "A", ndim=2)
    m, n = A.shape
    if m < n:
        raise ValueError(f"A must have at least as many rows as columns, got {A.shape}")
    R = A.copy()
    reflectors = []
    for k in range(n):  # one reflection per column
        x = R[k:, k]
        scale = np.abs(x).max()  # work with x / scale: no underflow in the norm
        v = x / scale if scale > 0 else np.zeros_like(x)  # zero column: H = I
        v[0] += np.copysign(np.linalg.norm(v), v[0])  # x + sign(x_0)|x| e_1
        norm_v = np.linalg.norm(v)
        if norm_v > 0:
            v /= norm_v
            R[k:, k:] -= 2.0 * np.outer(v, v @ R[k:, k:])
        reflectors.append(v)
    Q = np.eye(m, n)  # Q = H_0 H_1 ... H_(n-1) applied to the first n columns of I
    for k in reversed(range(n)):
        v = reflectors[k]
        Q[k:, :] -= 2.0 * np.outer(v, v @ Q[k:, :])
    R = np.triu(R[:n])
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * signs, R * signs[:, None]


# --8<-- [end:householder_qr]


# --8<-- [start:backward_error]
def backward_error(A: ArrayLike, x: ArrayLike, b: ArrayLike) -> float:
    """Return |b - A x| / (|A| |x|) in the 2-norm: the relative backward error of x.

    It is the smallest |dA| / |A| such that (A + dA) x = b holds exactly
    (Rigal and Gaches, 1967). A backward-stable solver makes it O(eps).

    Examples
    --------
    >>> backward_error([[2.0, 0.0], [0.0, 1.0]], [1.0, 1.0], [2.0, 1.0])
    0.0
    """
    A = as_array(A, "A", ndim=2)
    x = as_array(x, "x", ndim=1)
    b = as_array(b, "b", ndim=1)
    if A.shape != (b.size, x.size):
        raise ValueError(
            f"A must have shape (len(b), len(x)) = {(b.size, x.size)}, got {A.shape}"
        )
    scale = np.linalg.norm(A, 2) * np.linalg.norm(x)
    if scale == 0:
        raise ValueError("A and x must be nonzero")
    return float(np.linalg.norm(b - A @ x) / scale)


# --8<-- [end:backward_error]


# --8<-- [start:check_least_squares]
def check_least_squares(X: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return X (n, d) with n >= d and y (n,) as arrays, or raise naming the problem.

    Examples
    --------
    >>> X, y = check_least_squares([[1.0], [1.0]], [1.0, 2.0])
    >>> X.shape, y.shape
    ((2, 1), (2,))
    """
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1)
    if X.shape[0] != y.size:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.size} entries")
    if X.shape[0] < X.shape[1]:
        raise ValueError(f"X must have at least as many rows as columns, got {X.shape}")
    return X, y


# --8<-- [end:check_least_squares]


# --8<-- [start:lstsq_normal_equations]
def lstsq_normal_equations(X: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Return argmin |X w - y| from X^T X w = X^T y, solved with a Cholesky factor.

    Fast (one d x d system for d features), but kappa(X^T X) = kappa(X)^2: it loses
    twice the digits of QR, and fails when X^T X is not numerically positive definite.

    Examples
    --------
    >>> lstsq_normal_equations([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1.0, 2.0, 3.0])
    array([1., 1.])
    """
    X, y = check_least_squares(X, y)
    G = X.T @ X
    try:
        L = cholesky(G)
    except ValueError:
        raise ValueError(
            "X^T X is not numerically positive definite: the columns of X are "
            "(nearly) dependent; use QR or the SVD"
        ) from None
    z = solve_triangular(L, X.T @ y, lower=True)
    return solve_triangular(L.T, z)


# --8<-- [end:lstsq_normal_equations]


# --8<-- [start:lstsq_qr]
def lstsq_qr(X: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Return argmin |X w - y| from X = Q R: solve R w = Q^T y (back substitution).

    Q is orthogonal, so it does not amplify errors: the accuracy is governed by
    kappa(X), not kappa(X)^2.

    Examples
    --------
    >>> lstsq_qr([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1.0, 2.0, 3.0])
    array([1., 1.])
    """
    X, y = check_least_squares(X, y)
    Q, R = householder_qr(X)
    d = np.abs(np.diag(R))
    if d.min() <= max(X.shape) * np.finfo(float).eps * d.max():
        raise ValueError("X is rank deficient to working precision: use the SVD")
    return solve_triangular(R, Q.T @ y)


# --8<-- [end:lstsq_qr]


# --8<-- [start:lstsq_svd]
def lstsq_svd(X: ArrayLike, y: ArrayLike, rcond: float | None = None) -> np.ndarray:
    """Return the minimum-norm argmin |X w - y| from the SVD X = U S V^T.

    w = V S^+ U^T y, where singular values below rcond * sigma_1 count as zero
    (default rcond = eps * max(n, d) for X (n, d), as numpy.linalg.lstsq). Handles rank
    deficiency; the most robust and the most expensive of the three.

    Examples
    --------
    >>> lstsq_svd([[1.0, 1.0], [1.0, 1.0]], [2.0, 2.0])  # dependent columns
    array([1., 1.])
    """
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y", ndim=1)
    if X.shape[0] != y.size:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.size} entries")
    if rcond is None:
        rcond = max(X.shape) * np.finfo(float).eps
    if not (isinstance(rcond, (int, float)) and 0 <= rcond < 1):
        raise ValueError(f"rcond must be a number in [0, 1), got {rcond!r}")
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    keep = s > rcond * s[0]
    return Vt[keep].T @ ((U[:, keep].T @ y) / s[keep])


# --8<-- [end:lstsq_svd]


# --8<-- [start:least_squares_errors]
def least_squares_errors(
    degrees: ArrayLike, m: int = 100
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Fit polynomials of each degree d to m points of [0, 1] by the three methods.

    The data y = X w come from the all-ones coefficient vector w, so the exact
    fit has zero residual. Returns kappa(X) per degree and, per method, the
    relative error |w_hat - w| / |w|; NaN marks a method that refused (the
    normal equations once X^T X stops being numerically positive definite).

    Examples
    --------
    >>> kappas, errors = least_squares_errors([3])
    >>> bool(errors["qr"][0] < 1e-12)
    True
    """
    degrees = as_array(degrees, "degrees", ndim=1)
    if np.any(degrees < 1) or np.any(degrees != np.round(degrees)):
        raise ValueError("degrees must be positive integers")
    if isinstance(m, bool) or not isinstance(m, int) or m <= degrees.max():
        raise ValueError(f"m must be an integer larger than every degree, got {m!r}")
    t = np.linspace(0.0, 1.0, m)
    methods = {
        "normal equations": lstsq_normal_equations,
        "qr": lstsq_qr,
        "svd": lstsq_svd,
    }
    kappas = np.empty(degrees.size)
    errors = {name: np.full(degrees.size, np.nan) for name in methods}
    for i, d in enumerate(degrees.astype(int)):
        X = np.vander(t, d + 1, increasing=True)  # columns 1, t, t^2, ..., t^d
        w = np.ones(d + 1)
        y = X @ w
        kappas[i] = np.linalg.cond(X)
        for name, method in methods.items():
            try:
                w_hat = method(X, y)
            except ValueError:
                continue  # the method refused: leave NaN
            errors[name][i] = np.linalg.norm(w_hat - w) / np.linalg.norm(w)
    return kappas, errors


# --8<-- [end:least_squares_errors]


def plot_least_squares_stability(max_degree: int = 20) -> Figure:
    """Draw the relative error of the three least-squares methods against the degree."""
    degrees = np.arange(1, max_degree + 1)
    kappas, errors = least_squares_errors(degrees)
    eps = np.finfo(float).eps
    fig, ax = new_figure(
        "Relative error of the polynomial coefficients fitted by the normal "
        "equations, by Householder QR and by the SVD, against the degree of the "
        "polynomial (a Vandermonde system on 100 points of [0, 1], log scale). All "
        "errors grow with the degree; the normal equations grow twice as fast in "
        "digits, reach 100 percent error near degree 12 and refuse from degree 13 "
        "or 14 on, while QR and SVD stay near kappa times eps.",
        width=6.2,
        height=4.2,
    )
    for name, label in (
        ("normal equations", r"normal equations ($\kappa^2$)"),
        ("qr", "Householder QR"),
        ("svd", "SVD"),
    ):
        ax.semilogy(degrees, errors[name], "o-", markersize=4, label=label)
    ax.semilogy(
        degrees,
        kappas * eps,
        ":",
        color="gray",
        label=r"$\kappa(\mathbf{X})\,\epsilon$",
    )
    ax.semilogy(
        degrees,
        kappas**2 * eps,
        "--",
        color="gray",
        label=r"$\kappa(\mathbf{X})^2\epsilon$",
    )
    ax.set_ylim(1e-17, 1e3)
    ax.set_xlabel("polynomial degree")
    ax.set_ylabel(
        r"relative error $\|\hat{\mathbf{w}} - \mathbf{w}\| / \|\mathbf{w}\|$"
    )
    ax.set_title("Least squares on a Vandermonde matrix")
    ax.legend(loc="upper left", fontsize=8)
    return fig


def plot_error_vs_condition(max_degree: int = 20) -> Figure:
    """Draw the same errors against kappa(X), with lines kappa eps and kappa^2 eps."""
    degrees = np.arange(1, max_degree + 1)
    kappas, errors = least_squares_errors(degrees)
    eps = np.finfo(float).eps
    fig, ax = new_figure(
        "Log-log plot of the relative error of the three least-squares methods "
        "against the condition number of the Vandermonde matrix, from about 4 to "
        "1e15. The normal-equation errors follow the line kappa squared times eps; "
        "the QR and SVD errors stay below the line kappa times eps.",
        width=6.2,
        height=4.2,
    )
    for name, label in (
        ("normal equations", "normal equations"),
        ("qr", "Householder QR"),
        ("svd", "SVD"),
    ):
        ax.loglog(kappas, errors[name], "o", markersize=5, label=label)
    k = np.logspace(0, np.log10(kappas.max()) + 0.5, 50)
    ax.loglog(k, k * eps, ":", color="gray", label=r"$\kappa\,\epsilon$")
    ax.loglog(k, k**2 * eps, "--", color="gray", label=r"$\kappa^2\epsilon$")
    ax.set_ylim(1e-17, 1e3)
    ax.set_xlabel(r"condition number $\kappa(\mathbf{X})$")
    ax.set_ylabel("relative error of the coefficients")
    ax.set_title("Normal equations lose twice the digits")
    ax.legend(loc="upper left", fontsize=8)
    return fig
