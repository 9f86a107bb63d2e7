# %% [markdown]
# # Lab: least squares on an ill-conditioned Vandermonde system
#
# Fitting a polynomial $w_0 + w_1 t + \dots + w_d t^d$ to data is linear least squares
# with the Vandermonde design matrix $\mathbf{X}$ whose columns are $1, t, t^2, \dots, t^d$.
# Its columns become nearly parallel as $d$ grows, so its condition number
# $\kappa(\mathbf{X})$ explodes. In this lab you solve the same problems three ways (normal
# equations, Householder QR, SVD; see [linear solvers](linear-solvers.md)) and watch the
# normal equations lose twice as many digits, because they work with
# $\kappa(\mathbf{X}^\top\mathbf{X}) = \kappa(\mathbf{X})^2$. The last part shows how the same
# condition number slows down the conjugate gradient method.

# %%
import numpy as np

from snippets.numerical_methods.iterative_solvers import (
    chebyshev_spectrum,
    conjugate_gradient,
    plot_cg_convergence,
    spd_with_spectrum,
)
from snippets.numerical_methods.linear_solvers import (
    least_squares_errors,
    plot_error_vs_condition,
    plot_least_squares_stability,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

# %% [markdown]
# ## The condition number of a Vandermonde matrix
#
# With 100 points of $[0, 1]$, each extra degree multiplies $\kappa(\mathbf{X})$ by about 5.6.
# The data are $\mathbf{y} = \mathbf{X}\mathbf{1}$, so the true coefficients are all ones and
# the best fit has zero residual: any error in $\hat{\mathbf{w}}$ is numerical.

# %%
degrees = np.arange(1, 21)
kappas, errors = least_squares_errors(degrees)
for d in (1, 5, 10, 15, 20):
    print(
        f"degree {d:2d}: kappa(X) = {kappas[d - 1]:.1e}, kappa(X^T X) = {kappas[d - 1] ** 2:.1e}"
    )

# %% [markdown]
# ## Error against the degree
#
# Householder QR and the SVD lose digits in step with $\kappa(\mathbf{X})\,\epsilon_{\text{mach}}$
# (dotted line). The normal equations follow $\kappa(\mathbf{X})^2\epsilon_{\text{mach}}$
# (dashed line): at degree 10 they have about 3 correct digits where QR has about 9, and from
# degree 13 or 14 on (the exact degree depends on the machine's rounding) the computed
# $\mathbf{X}^\top\mathbf{X}$ is not even numerically positive definite, so the Cholesky
# factorization refuses it (the missing points).

# %%
fig = plot_least_squares_stability()
fig

# %%
for d in (5, 10, 13, 16):
    row = "  ".join(
        f"{name}: {errors[name][d - 1]:.0e}"
        if np.isfinite(errors[name][d - 1])
        else f"{name}: refused"
        for name in errors
    )
    print(f"degree {d:2d}  {row}")

# %% [markdown]
# ## Error against the condition number
#
# Plotted against $\kappa(\mathbf{X})$ itself, the two families of points line up along lines
# of slope 1 and 2. This is the practical rule: solve least squares with QR (or the SVD,
# which also handles rank deficiency), and use the normal equations only when
# $\kappa(\mathbf{X})$ is known to be modest, say below $10^4$.

# %%
fig = plot_error_vs_condition()
fig

# %% [markdown]
# ## Conjugate gradient and the condition number
#
# Large least-squares problems are often solved iteratively, for example by conjugate
# gradient on the normal equations. Its error bound
# $2\big((\sqrt{\kappa} - 1)/(\sqrt{\kappa} + 1)\big)^k$ depends on the condition number of the
# matrix it sees, here $\kappa(\mathbf{X}^\top\mathbf{X}) = \kappa(\mathbf{X})^2$, so the number of
# iterations grows like $\kappa(\mathbf{X})$ itself. The figure shows CG on symmetric
# positive definite matrices with condition numbers 10, 100 and 1000 (eigenvalues crowded
# toward both ends, the hard case): the iteration counts grow by about $\sqrt{10}$ per
# tenfold increase of $\kappa$. Methods such as LSQR avoid forming $\mathbf{X}^\top\mathbf{X}$
# explicitly, and preconditioning lowers the effective $\kappa$.

# %%
fig = plot_cg_convergence()
fig

# %%
for kappa in (10.0, 100.0, 1000.0):
    A = spd_with_spectrum(chebyshev_spectrum(kappa, 400))
    _, residuals = conjugate_gradient(A, np.ones(400), tol=1e-8, max_iter=2000)
    print(
        f"kappa = {kappa:7.0f}: {residuals.size - 1:4d} iterations, sqrt(kappa) = {np.sqrt(kappa):5.1f}"
    )
