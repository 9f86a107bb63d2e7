# %% [markdown]
# # Lab: image compression with the SVD
#
# A grayscale photo is a matrix of brightness values. Its singular value decomposition
# $\mathbf{A} = \sum_i \sigma_i \mathbf{u}_i \mathbf{v}_i^\top$ (see
# [SVD and PCA](svd-pca.md)) splits it into rank-one layers, ordered by importance.
# Keeping the first $k$ layers gives the best rank-$k$ approximation $\mathbf{A}_k$, and
# the Eckart–Young theorem predicts its error from the singular values alone. In this lab
# we compress the photo of Grace Hopper bundled with matplotlib and check that
# prediction.

# %%
import numpy as np
from matplotlib import cbook, image

from snippets.linear_algebra.svd_pca import (
    eckart_young_error,
    low_rank_approximation,
    plot_low_rank_images,
    plot_rank_error,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

with cbook.get_sample_data("grace_hopper.jpg") as file:
    rgb = image.imread(file)  # (600, 512, 3) integers 0..255

# Every 2nd pixel keeps the page light; a weighted sum of the channels gives gray.
A = rgb[::2, ::2] @ np.array([0.299, 0.587, 0.114]) / 255
m, n = A.shape
print("image:", A.shape, "values from", round(A.min(), 3), "to", round(A.max(), 3))

# %% [markdown]
# ## The photo at several ranks
#
# Rank 1 is a single outer product $\sigma_1 \mathbf{u}_1 \mathbf{v}_1^\top$: every
# row is a multiple of the same row, so it shows only horizontal and vertical bands.
# Each extra rank adds detail. By rank 50 the photo is hard to tell from the original.

# %%
fig = plot_low_rank_images(A, ranks=(1, 5, 20, 50))
fig

# %% [markdown]
# ## Storage
#
# A rank-$k$ approximation is stored as $k$ columns of $\mathbf{U}$, $k$ singular values
# and $k$ rows of $\mathbf{V}^\top$: $k(m + n + 1)$ numbers instead of $mn$.

# %%
for k in (1, 5, 20, 50):
    stored = k * (m + n + 1)
    print(f"rank {k:2d}: {stored:6d} numbers = {stored / (m * n):6.1%} of {m * n}")

# %% [markdown]
# ## Error against rank, and the Eckart–Young prediction
#
# The theorem says $\|\mathbf{A} - \mathbf{A}_k\|_F = \sqrt{\sum_{i>k} \sigma_i^2}$ and
# $\|\mathbf{A} - \mathbf{A}_k\|_2 = \sigma_{k+1}$. The figure divides the Frobenius
# error by $\|\mathbf{A}\|_F$. The measured errors (dots) sit on the predicted curve
# (line): the singular values tell you the quality of every rank before you compute any
# approximation. The error falls fast for the first few ranks, then slowly, because a
# photo's singular values decay quickly at first and then form a long tail of fine
# detail and noise.

# %%
fig = plot_rank_error(A, max_rank=80)
fig

# %% [markdown]
# The same check in numbers, for both norms:

# %%
s = np.linalg.svd(A, compute_uv=False)
for k in (5, 20, 50):
    Ak = low_rank_approximation(A, k)
    print(
        f"rank {k:2d}: 2-norm {np.linalg.norm(A - Ak, 2):.4f} (predicted {eckart_young_error(s, k, '2'):.4f}), "
        f"Frobenius {np.linalg.norm(A - Ak):.4f} (predicted {eckart_young_error(s, k, 'fro'):.4f})"
    )
