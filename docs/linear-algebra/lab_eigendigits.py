# %% [markdown]
# # Lab: eigendigits
#
# The handwritten digits bundled with scikit-learn are 1,797 images of $8 \times 8$
# pixels, so each image is a vector in $\mathbb{R}^{64}$. Principal component analysis
# (see [SVD and PCA](svd-pca.md)) finds the directions in which these vectors vary most.
# Each direction is itself a 64-pixel vector, so we can look at it as an image: an
# "eigendigit". In this lab we compute them, see how much variance each keeps, map every
# digit to the plane of the first two components, and rebuild digits from a few
# components.

# %%
import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

from snippets.linear_algebra.svd_pca import (
    explained_variance_ratio,
    n_components_for_variance,
    pca_svd,
    pca_transform,
    plot_eigendigits,
    plot_explained_variance,
    plot_projection_2d,
    plot_reconstructions,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

digits = load_digits()
X, y = digits.data, digits.target
print(X.shape, "pixel values from", X.min(), "to", X.max())

# %% [markdown]
# ## The mean digit and the eigendigits
#
# `pca_svd` centers the data and takes the SVD $\mathbf{X}_c = \mathbf{U}\boldsymbol{\Sigma}\mathbf{V}^\top$.
# The rows of $\mathbf{V}^\top$ are the principal components, sorted by the variance
# $\sigma_i^2/(m-1)$ they explain. A digit is approximately the mean image plus a
# weighted sum of a few components: bright pixels of a component are added where its
# score is positive and subtracted where it is negative.

# %%
mean, W, var = pca_svd(X, 64)
fig = plot_eigendigits(mean, W, n_components=7)
fig

# %% [markdown]
# A check against scikit-learn: its `PCA` finds the same components (the sign of a
# component is arbitrary; both use the same convention) and the same variances.

# %%
ref = PCA(n_components=10).fit(X)
print("components agree:", np.allclose(W[:10], ref.components_, atol=1e-8))
print("variances agree: ", np.allclose(var[:10], ref.explained_variance_))
print("first variances: ", var[:5].round(1))

# %% [markdown]
# ## How many components?
#
# The explained-variance ratio $r_i = \sigma_i^2 / \sum_j \sigma_j^2$ of each component
# falls quickly, and the cumulative curve rises toward 1. No single component dominates:
# handwriting varies in many ways at once.

# %%
ratios = explained_variance_ratio(X)
for threshold in (0.5, 0.8, 0.9, 0.95):
    k = n_components_for_variance(ratios, threshold)
    print(f"{threshold:.0%} of the variance needs {k} components")
cumulative = np.cumsum(ratios)
print(f"2 components keep {cumulative[1]:.1%}, 20 components keep {cumulative[19]:.1%}")
fig = plot_explained_variance(ratios, n_show=40)
fig

# %% [markdown]
# ## The digits in two dimensions
#
# Projecting each image onto the first two components gives its scores
# $\mathbf{z} = \mathbf{W}_2(\mathbf{x} - \bar{\mathbf{x}})$, a point in the plane.
# These two numbers keep less than a third of the variance (printed above), yet zeros,
# fours, sixes and sevens already form separate clusters. Classes such as 1, 5, 8 and 9
# overlap in the middle: telling them apart needs more components (or a nonlinear map
# such as t-SNE).

# %%
Z = pca_transform(X, mean, W[:2])
fig = plot_projection_2d(Z, y)
fig

# %% [markdown]
# ## Rebuilding digits from k components
#
# Reconstruction maps the scores back: $\hat{\mathbf{x}} = \bar{\mathbf{x}} + \mathbf{W}_k^\top \mathbf{z}$.
# With 2 components every digit looks like a blurred average; with 10 most are readable;
# with 20 (just under 90 % of the variance) they are close to the originals. The squared
# reconstruction error summed over the data set is exactly the variance left out,
# $(m-1)\sum_{i>k}\lambda_i$ (Eckart–Young).

# %%
fig = plot_reconstructions(X[:5], mean, W, ks=(2, 5, 10, 20))
fig

# %%
m = X.shape[0]
for k in (2, 5, 10, 20):
    Zk = pca_transform(X, mean, W[:k])
    X_hat = mean + Zk @ W[:k]
    error = np.sum((X - X_hat) ** 2)
    print(
        f"k = {k:2d}: squared error {error:10.0f}, variance left out x (m-1) {(m - 1) * var[k:].sum():10.0f}"
    )
