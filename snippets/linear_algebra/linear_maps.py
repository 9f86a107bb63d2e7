"""Linear maps: transformations of the plane, span and basis, rank and null space,
change of basis.

Page: docs/linear-algebra/linear-maps.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array
from snippets.plotting import new_figure


# --8<-- [start:rotation_matrix]
def rotation_matrix(theta: float) -> np.ndarray:
    """Return the 2 x 2 matrix that rotates the plane counterclockwise by theta radians.

    Examples
    --------
    >>> rotation_matrix(np.pi / 2).round(12)  # e1 -> e2, e2 -> -e1
    array([[ 0., -1.],
           [ 1.,  0.]])
    """
    t = float(as_array(theta, "theta", ndim=0))
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s], [s, c]])


# --8<-- [end:rotation_matrix]


# --8<-- [start:scaling_matrix]
def scaling_matrix(sx: float, sy: float) -> np.ndarray:
    """Return diag(sx, sy): stretch x by sx and y by sy (negative values reflect).

    Examples
    --------
    >>> scaling_matrix(2, 0.5)
    array([[2. , 0. ],
           [0. , 0.5]])
    """
    sx = float(as_array(sx, "sx", ndim=0))
    sy = float(as_array(sy, "sy", ndim=0))
    return np.diag([sx, sy])


# --8<-- [end:scaling_matrix]


# --8<-- [start:shear_matrix]
def shear_matrix(kx: float = 0.0, ky: float = 0.0) -> np.ndarray:
    """Return the shear [[1, kx], [0, 1]] (x moves by kx * y) or [[1, 0], [ky, 1]].

    A shear slides one coordinate only, so at most one of kx, ky may be non-zero:
    [[1, kx], [ky, 1]] with both non-zero has determinant 1 - kx * ky: not a shear.

    Examples
    --------
    >>> shear_matrix(kx=1.0) @ np.array([0.0, 2.0])  # the top edge slides right
    array([2., 2.])
    """
    kx = float(as_array(kx, "kx", ndim=0))
    ky = float(as_array(ky, "ky", ndim=0))
    if kx != 0.0 and ky != 0.0:
        raise ValueError(
            "a shear moves one coordinate: give kx or ky, not both "
            f"(got kx={kx}, ky={ky})"
        )
    return np.array([[1.0, kx], [ky, 1.0]])


# --8<-- [end:shear_matrix]


# --8<-- [start:transform_points]
def transform_points(A: ArrayLike, points: ArrayLike) -> np.ndarray:
    """Apply the matrix A (d, d) to every point of ``points`` (m, d), stored as rows.

    Each row p becomes A p; for rows that is points @ A^T, one matrix product.

    Examples
    --------
    >>> transform_points([[2, 0], [0, 1]], [[1, 1], [0, 3]])
    array([[2., 1.],
           [0., 3.]])
    """
    A = as_array(A, "A", square=True)
    P = as_array(points, "points", ndim=2)
    if P.shape[1] != A.shape[0]:
        raise ValueError(
            f"points have {P.shape[1]} coordinates but A is {A.shape[0]} x {A.shape[0]}"
        )
    return P @ A.T


# --8<-- [end:transform_points]


# --8<-- [start:rank]
def rank(A: ArrayLike, tol: float | None = None) -> int:
    """Return the number of singular values of A above tol.

    The default tol is sigma_max * max(m, n) * machine epsilon, as in NumPy: singular
    values below it are rounding noise, not directions the matrix really keeps.

    Examples
    --------
    >>> rank([[1, 2], [2, 4]])  # the second row is twice the first
    1
    """
    A = as_array(A, "A", ndim=2)
    s = np.linalg.svd(A, compute_uv=False)
    if tol is None:
        tol = s.max() * max(A.shape) * np.finfo(float).eps
    elif not (isinstance(tol, (int, float)) and np.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a finite number >= 0, got {tol!r}")
    return int(np.sum(s > tol))


# --8<-- [end:rank]


# --8<-- [start:is_linearly_independent]
def is_linearly_independent(vectors: ArrayLike) -> bool:
    """Return True if the rows of ``vectors`` (k, n) are linearly independent.

    They are when no row is a combination of the others: the rank is k.

    Examples
    --------
    >>> is_linearly_independent([[1, 0, 1], [0, 1, 1], [1, 1, 2]])  # row 3 = 1 + 2
    False
    """
    V = as_array(vectors, "vectors", ndim=2)
    return rank(V) == V.shape[0]


# --8<-- [end:is_linearly_independent]


# --8<-- [start:in_span]
def in_span(vectors: ArrayLike, x: ArrayLike) -> bool:
    """Return True if x (n,) is a linear combination of the rows of ``vectors`` (k, n).

    Adding x as one more row leaves the rank unchanged exactly when x is in the span.

    Examples
    --------
    >>> in_span([[1, 0, 0], [0, 1, 0]], [3, -2, 0]), in_span([[1, 0, 0]], [0, 1, 0])
    (True, False)
    """
    V = as_array(vectors, "vectors", ndim=2)
    x = as_array(x, "x", ndim=1)
    if x.shape[0] != V.shape[1]:
        raise ValueError(
            f"x has {x.shape[0]} entries but the vectors have {V.shape[1]}"
        )
    return rank(np.vstack([V, x])) == rank(V)


# --8<-- [end:in_span]


# --8<-- [start:null_space]
def null_space(A: ArrayLike, tol: float | None = None) -> np.ndarray:
    """Return an orthonormal basis of {x : A x = 0}, as columns: shape (n, n - r).

    From the SVD A = U S V^T: the rows of V^T past the rank r are the directions that
    A sends to zero. The default tol is the one of ``rank``.

    Examples
    --------
    >>> N = null_space([[1, 1]])  # the line x1 = -x2
    >>> (N * np.sign(N[0])).round(4)
    array([[ 0.7071],
           [-0.7071]])
    """
    A = as_array(A, "A", ndim=2)
    _, s, Vt = np.linalg.svd(A, full_matrices=True)
    if tol is None:
        tol = s.max() * max(A.shape) * np.finfo(float).eps
    elif not (isinstance(tol, (int, float)) and np.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a finite number >= 0, got {tol!r}")
    r = int(np.sum(s > tol))
    return Vt[r:].T


# --8<-- [end:null_space]


# --8<-- [start:check_basis]
def check_basis(B: ArrayLike, name: str = "B") -> np.ndarray:
    """Return B as an array if its columns form a basis (square and invertible).

    Raise ValueError naming ``name`` if B is not square, or if its smallest singular
    value is rounding noise next to the largest (the columns are dependent).
    """
    B = as_array(B, name, square=True)
    s = np.linalg.svd(B, compute_uv=False)
    if s[-1] <= s[0] * B.shape[0] * np.finfo(float).eps:
        raise ValueError(
            f"{name} must be invertible: its columns are linearly dependent, "
            "so they are not a basis"
        )
    return B


# --8<-- [end:check_basis]


# --8<-- [start:to_basis]
def to_basis(x: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Return the coordinates c of x in the basis formed by the columns of B: B c = x.

    x is one vector (n,) or several stacked as rows (m, n); the result has its shape.

    Examples
    --------
    >>> to_basis([3, 1], [[1, 1], [1, -1]])  # x = 2 (1, 1) + 1 (1, -1)
    array([2., 1.])
    """
    B = check_basis(B)
    x = as_array(x, "x")
    if x.ndim not in (1, 2) or x.shape[-1] != B.shape[0]:
        raise ValueError(
            f"x must have shape ({B.shape[0]},) or (m, {B.shape[0]}), got {x.shape}"
        )
    return np.linalg.solve(B, x.T).T  # solve B c = x; never form the inverse


# --8<-- [end:to_basis]


# --8<-- [start:matrix_in_basis]
def matrix_in_basis(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Return B^{-1} A B: the map A written in the coordinates of the basis B.

    Examples
    --------
    >>> matrix_in_basis([[2, 1], [1, 2]], [[1, 1], [1, -1]])  # eigenvectors: diagonal
    array([[3., 0.],
           [0., 1.]])
    """
    A = as_array(A, "A", square=True)
    B = check_basis(B)
    if A.shape != B.shape:
        raise ValueError(
            f"A and B must have the same shape, got {A.shape} and {B.shape}"
        )
    return np.linalg.solve(B, A @ B)


# --8<-- [end:matrix_in_basis]


#: The three maps of the figure: a rotation by 30 degrees, a scaling, a shear.
EXAMPLE_MAPS = {
    "rotation by 30°": rotation_matrix(np.pi / 6),
    "scaling (1.5, 0.5)": scaling_matrix(1.5, 0.5),
    "shear, $k_x = 0.8$": shear_matrix(kx=0.8),
}
UNIT_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])


def plot_linear_maps() -> Figure:
    """Draw a grid and the unit square before (gray) and after each example map."""
    fig, axes = new_figure(
        "Three panels. Each shows a gray grid with the unit square, and the same grid "
        "and square after a linear map: a rotation by 30 degrees turns the square, a "
        "scaling by 1.5 in x and 0.5 in y stretches it into a wide rectangle, and a "
        "shear with k_x = 0.8 slants it into a parallelogram. The arrows are the "
        "images of the basis vectors e1 and e2, which are the columns of the matrix.",
        ncols=3,
        width=9.0,
        height=3.4,
    )
    ticks = np.linspace(-1.0, 1.0, 5)
    lines = [np.column_stack([np.full(50, t), np.linspace(-1, 1, 50)]) for t in ticks]
    lines += [np.column_stack([np.linspace(-1, 1, 50), np.full(50, t)]) for t in ticks]
    for ax, (name, A) in zip(axes, EXAMPLE_MAPS.items(), strict=True):
        for line in lines:
            ax.plot(line[:, 0], line[:, 1], color="#bbbbbb", lw=0.6)
            moved = transform_points(A, line)
            ax.plot(moved[:, 0], moved[:, 1], color="#56B4E9", lw=0.8)
        ax.fill(UNIT_SQUARE[:, 0], UNIT_SQUARE[:, 1], color="#999999", alpha=0.3)
        image = transform_points(A, UNIT_SQUARE)
        ax.fill(image[:, 0], image[:, 1], color="#0072B2", alpha=0.45, label="image")
        for column, color in zip(A.T, ("#D55E00", "#009E73"), strict=True):
            ax.annotate(
                "",
                xy=(column[0], column[1]),
                xytext=(0, 0),
                arrowprops={"arrowstyle": "->", "color": color, "lw": 2},
            )
        ax.set_title(name)
        ax.set_aspect("equal")
        ax.set_xlim(-1.9, 1.9)
        ax.set_ylim(-1.6, 1.6)
    return fig
