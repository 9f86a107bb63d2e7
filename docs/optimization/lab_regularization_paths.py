# %% [markdown]
# # Lab: ridge and lasso regularization paths
#
# How do the weights of a linear model change as the penalty grows? This lab computes
# the *regularization paths* of ridge and the lasso (see
# [the regularization page](regularization.md)) on the diabetes data that ships with
# scikit-learn: 442 patients, ten features (age, sex, body-mass index `bmi`, blood
# pressure `bp` and six blood serum measurements `s1` to `s6`), and a measure of disease
# progression one year later as the target.
#
# Both models minimize the mean squared error plus a penalty of strength $\lambda$:
#
# $$\frac{1}{2n}\|\mathbf{y} - \mathbf{X}\mathbf{w}\|_2^2 + \frac{\lambda}{2}\|\mathbf{w}\|_2^2
# \quad\text{(ridge)},\qquad
# \frac{1}{2n}\|\mathbf{y} - \mathbf{X}\mathbf{w}\|_2^2 + \lambda\|\mathbf{w}\|_1
# \quad\text{(lasso)}.$$
#
# The features are standardized (mean 0, variance 1) so that one penalty treats them
# alike, and the target is centered so that no intercept is needed.

# %%
import numpy as np

from snippets.optimization.regularization import (
    diabetes_standardized,
    lasso_ista,
    plot_coefficient_paths,
    ridge,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

X, y, names = diabetes_standardized()
n = len(y)
print(X.shape, names)

# %% [markdown]
# ## Ridge: everything shrinks, nothing vanishes
#
# Ridge multiplies the component of the least-squares solution along each singular
# direction of $\mathbf{X}$ by $\sigma_i^2/(\sigma_i^2 + n\lambda)$. As $\lambda$ grows
# every weight moves smoothly toward zero, but none reaches it.

# %%
fig = plot_coefficient_paths("ridge")
fig

# %% [markdown]
# ## Lasso: features drop out one by one
#
# The lasso path starts at $\lambda_{\max} = \|\mathbf{X}^\top\mathbf{y}\|_\infty / n$,
# where every weight is zero. As $\lambda$ decreases, features enter the model one at a
# time: each enters when its correlation with the current residual reaches $\lambda$.

# %%
fig = plot_coefficient_paths("lasso")
fig

# %% [markdown]
# ## Sparsity in numbers
#
# At each penalty strength the lasso keeps only a few features while ridge keeps all
# ten (a weight counts as zero below $10^{-8}$). The training error rises with
# $\lambda$ for both: the penalty trades fit for simplicity. (The two penalties are
# measured in different units, so compare each model with itself along $\lambda$, not
# one model with the other at the same $\lambda$.)

# %%
lam_max = np.abs(X.T @ y).max() / n
print(f"lambda_max = {lam_max:.2f}")
for lam in [30.0, 10.0, 3.0, 1.0]:
    w_lasso = lasso_ista(X, y, lam, max_iter=50_000).x
    w_ridge = ridge(X, y, lam)
    mse_lasso = np.mean((y - X @ w_lasso) ** 2)
    mse_ridge = np.mean((y - X @ w_ridge) ** 2)
    kept = [names[j] for j in np.flatnonzero(np.abs(w_lasso) > 1e-8)]
    print(
        f"lambda {lam:5.1f}: lasso keeps {len(kept):2d} ({', '.join(kept)}), "
        f"MSE {mse_lasso:7.1f}; ridge keeps "
        f"{np.count_nonzero(np.abs(w_ridge) > 1e-8):2d}, MSE {mse_ridge:7.1f}"
    )

# %% [markdown]
# Body-mass index and `s5` (a triglyceride measurement) are the first to enter the lasso
# path and keep large weights all along it: they carry most of the signal. In
# practice $\lambda$ is chosen by cross-validation along such a path (scikit-learn's
# `LassoCV` and `RidgeCV`).
