"""Linear systems: Gaussian elimination, inverse and determinant, pseudoinverse and
least squares.

Page: docs/linear-algebra/linear-systems.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:forward_elimination]
def forward_elimination(
    A: ArrayLike, b: ArrayLike, pivoting: bool = True
) -> tuple[np.ndarray, np.ndarray, int]:
    """Reduce A x = b to an upper triangular system U x = c by row operations.

    For each column j: (with pivoting) swap up the row with the largest |entry| in
    column j at or below the diagonal, then subtract multiples of row j to make the
    entries below the pivot zero. b is one right-hand side (n,) or several (n, k).
    Returns U, c and the number of row swaps (each swap flips the determinant's sign).

    Examples
    --------
    >>> U, c, swaps = forward_elimination([[1, 2], [3, 4]], [5, 6])
    >>> U, c, swaps
    (array([[3.        , 4.        ],
           [0.        , 0.66666667]]), array([6., 3.]), 1)
    """
    U = as_array(A, "A", square=True).copy()
    c = as_array(b, "b").copy()
    n = U.shape[0]
    if c.ndim not in (1, 2) or c.shape[0] != n:
        raise ValueError(f"b must have shape ({n},) or ({n}, k), got {c.shape}")
    swaps = 0
    for j in range(n - 1):
        if pivoting:
            p = j + int(np.argmax(np.abs(U[j:, j])))  # the largest pivot candidate
            if p != j:
                U[[j, p]] = U[[p, j]]
                c[[j, p]] = c[[p, j]]
                swaps += 1
        if U[j, j] == 0:
            continue  # nothing to divide by: the column is already zero below
        factors = U[j + 1 :, j] / U[j, j]  # one multiplier per row below the pivot
        U[j + 1 :, j:] -= np.outer(factors, U[j, j:])
        c[j + 1 :] -= np.multiply.outer(factors, c[j])
        U[j + 1 :, j] = 0.0  # exactly zero, not rounding noise
    return U, c, swaps


# --8<-- [end:forward_elimination]


# --8<-- [start:back_substitution]
def back_substitution(U: ArrayLike, c: ArrayLike) -> np.ndarray:
    """Solve U x = c for upper triangular U, from the last unknown up.

    Examples
    --------
    >>> back_substitution([[2, 1], [0, 4]], [4, 8])  # x2 = 8/4, then x1 = (4 - 2)/2
    array([1., 2.])
    """
    U = as_array(U, "U", square=True)
    c = as_array(c, "c")
    n = U.shape[0]
    if c.ndim not in (1, 2) or c.shape[0] != n:
        raise ValueError(f"c must have shape ({n},) or ({n}, k), got {c.shape}")
    if np.any(np.tril(U, -1) != 0):
        raise ValueError("U must be upper triangular (zeros below the diagonal)")
    if np.any(np.diag(U) == 0):
        raise ValueError(
            "U has a zero on its diagonal, so U x = c has no unique solution"
        )
    x = np.zeros_like(c)
    for i in range(n - 1, -1, -1):
        x[i] = (c[i] - U[i, i + 1 :] @ x[i + 1 :]) / U[i, i]
    return x


# --8<-- [end:back_substitution]


# --8<-- [start:gaussian_elimination]
def gaussian_elimination(
    A: ArrayLike, b: ArrayLike, pivoting: bool = True
) -> np.ndarray:
    """Solve the square system A x = b by elimination and back substitution.

    A pivot smaller than n * eps * max|A_ij| counts as zero: A is then singular to
    working precision and there is no reliable solution, so a ValueError is raised.

    Examples
    --------
    >>> gaussian_elimination([[2, 1], [1, 3]], [3, 5])
    array([0.8, 1.4])
    """
    A = as_array(A, "A", square=True)
    U, c, _ = forward_elimination(A, b, pivoting)
    tol = A.shape[0] * np.finfo(float).eps * np.abs(A).max()
    small = np.flatnonzero(~(np.abs(np.diag(U)) > tol))  # also catches NaN
    if small.size:
        raise ValueError(
            f"A is singular to working precision (pivot {small[0]} is "
            f"{U[small[0], small[0]]:.1e}): A x = b has no unique solution"
        )
    return back_substitution(U, c)


# --8<-- [end:gaussian_elimination]


# --8<-- [start:determinant]
def determinant(A: ArrayLike) -> float:
    """Return det(A): the product of the pivots, with one sign flip per row swap.

    Examples
    --------
    >>> determinant([[2, 0], [0, 3]])  # the unit square becomes a 2 x 3 rectangle
    6.0
    """
    A = as_array(A, "A", square=True)
    U, _, swaps = forward_elimination(A, np.zeros(A.shape[0]))
    return float((-1) ** swaps * np.prod(np.diag(U)))


# --8<-- [end:determinant]


# --8<-- [start:inverse]
def inverse(A: ArrayLike) -> np.ndarray:
    """Return A^{-1} by solving A X = I, one column of I per right-hand side.

    Examples
    --------
    >>> inverse([[2, 0], [0, 4]])
    array([[0.5 , 0.  ],
           [0.  , 0.25]])
    """
    A = as_array(A, "A", square=True)
    return gaussian_elimination(A, np.eye(A.shape[0]))


# --8<-- [end:inverse]


# --8<-- [start:pseudoinverse]
def pseudoinverse(A: ArrayLike, rcond: float | None = None) -> np.ndarray:
    """Return the Moore-Penrose pseudoinverse A^+ = V S^+ U^T of A (m, n), shape (n, m).

    S^+ inverts the singular values above rcond * sigma_max and sets the others to
    zero; the default rcond is max(m, n) * machine epsilon.

    Examples
    --------
    >>> pseudoinverse([[1, 0], [0, 0]])  # invert what can be inverted
    array([[1., 0.],
           [0., 0.]])
    """
    A = as_array(A, "A", ndim=2)
    if rcond is None:
        rcond = max(A.shape) * np.finfo(float).eps
    elif not (isinstance(rcond, (int, float)) and np.isfinite(rcond) and rcond >= 0):
        raise ValueError(f"rcond must be a finite number >= 0, got {rcond!r}")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    keep = s > rcond * s.max()
    s_inv = np.zeros_like(s)
    s_inv[keep] = 1.0 / s[keep]
    return (Vt.T * s_inv) @ U.T  # V diag(s_inv) U^T


# --8<-- [end:pseudoinverse]


# --8<-- [start:least_squares]
def least_squares(X: ArrayLike, y: ArrayLike, rcond: float | None = None) -> np.ndarray:
    """Return the w minimizing ||X w - y||_2 (the one of least norm if not unique).

    w = X^+ y = V S^+ U^T y, computed from the SVD without forming X^+. X is (m, n);
    y is (m,) or (m, k) for k targets at once. rcond is as in ``pseudoinverse``.

    Examples
    --------
    >>> least_squares([[1, 0], [1, 1], [1, 2]], [1, 3, 5])  # y = 1 + 2 x exactly
    array([1., 2.])
    """
    X = as_array(X, "X", ndim=2)
    y = as_array(y, "y")
    if y.ndim not in (1, 2) or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must have shape ({X.shape[0]},) or ({X.shape[0]}, k) to match X's "
            f"{X.shape[0]} rows, got {y.shape}"
        )
    if rcond is None:
        rcond = max(X.shape) * np.finfo(float).eps
    elif not (isinstance(rcond, (int, float)) and np.isfinite(rcond) and rcond >= 0):
        raise ValueError(f"rcond must be a finite number >= 0, got {rcond!r}")
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    keep = s > rcond * s.max()
    Uty = U[:, keep].T @ y  # coordinates of y along the kept output directions
    return Vt[keep].T @ (Uty / (s[keep] if y.ndim == 1 else s[keep, None]))


# --8<-- [end:least_squares]


def regression_data(m: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Return m noisy samples (x, y) of y = 1 + 0.5 x on [0, 10] (the figure's data).

    Examples
    --------
    >>> x, y = regression_data(5)
    >>> x.round(2), y.round(2)
    (array([0.17, 0.41, 2.7 , 6.37, 8.13]), array([1.3 , 1.99, 2.92, 3.76, 4.31]))
    """
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 10, m))
    return x, 1.0 + 0.5 * x + rng.normal(0, 0.6, m)


def plot_least_squares(m: int = 30) -> Figure:
    """Draw noisy data, the least-squares line and the residuals it minimizes."""
    x, y = regression_data(m)
    X = np.column_stack([np.ones_like(x), x])
    w = least_squares(X, y)
    fig, ax = new_figure(
        f"{m} data points scattered around a rising line, the least-squares line "
        "through them, and a vertical segment from each point to the line: the "
        "residuals whose sum of squares the line minimizes.",
        width=5.6,
        height=3.6,
    )
    fitted = X @ w
    ax.vlines(x, fitted, y, color="#999999", lw=1, label="residuals")
    ax.plot(x, y, "o", ms=4, label="data")
    grid = np.array([0.0, 10.0])
    ax.plot(grid, w[0] + w[1] * grid, label=f"$y = {w[0]:.2f} + {w[1]:.2f}\\,x$")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title("Least squares: the line minimizing the squared residuals")
    ax.legend(loc="upper left")
    return fig


def plot_determinant() -> Figure:
    """Draw the unit square and its image under a 2 x 2 matrix; the area is |det|."""
    A = np.array([[2.0, 1.0], [0.5, 1.5]])
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    image = square @ A.T
    fig, ax = new_figure(
        "The unit square, of area 1, and its image under the matrix with rows (2, 1) "
        f"and (0.5, 1.5): a parallelogram of area {determinant(A):g}, the determinant.",
        width=4.4,
        height=3.6,
    )
    ax.fill(square[:, 0], square[:, 1], color="#999999", alpha=0.4, label="area 1")
    ax.fill(
        image[:, 0],
        image[:, 1],
        color="#0072B2",
        alpha=0.45,
        label=f"area |det A| = {abs(determinant(A)):g}",
    )
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("The determinant scales areas")
    ax.legend(loc="upper left")
    return fig
