# %% [markdown]
# # Lab: spectral clustering of a two-community graph
#
# A stochastic block model plants two communities of 40 vertices: two vertices of the
# same community are joined with probability $p_{\text{in}} = 0.25$, vertices of
# different communities with probability $p_{\text{out}} = 0.04$. The vertices are then
# shuffled, so nothing in their order gives the communities away. In this lab we look at
# the adjacency matrix, compute the Fiedler vector of the graph Laplacian, recover the
# communities with spectral clustering, and see where recovery fails. The method is
# explained on the [spectral graph methods](spectral-graphs.md#spectral-clustering) page.

# %%
import numpy as np
from sklearn.cluster import SpectralClustering

from snippets.discrete_mathematics.spectral_graphs import (
    clustering_accuracy,
    fiedler_vector,
    laplacian,
    plot_adjacency,
    plot_communities,
    plot_fiedler_vector,
    spectral_clustering,
    stochastic_block_model,
    two_community_graph,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

A, labels = two_community_graph(size=40, p_in=0.25, p_out=0.04, seed=0)
same = labels[:, None] == labels[None, :]
n_edges = int(A.sum() // 2)
n_across = int(A[~same].sum() // 2)
print(f"{A.shape[0]} vertices, {n_edges} edges, {n_across} of them between communities")

# %% [markdown]
# ## The adjacency matrix
#
# In the shuffled order the adjacency matrix looks like noise: each dark pixel is an
# edge, and the communities are invisible.

# %%
fig = plot_adjacency(A, title="adjacency matrix, shuffled vertices")
fig

# %% [markdown]
# ## The Fiedler vector
#
# The Laplacian $\mathbf{L} = \mathbf{D} - \mathbf{A}$ has the eigenvalue 0 (the
# constant vector). The eigenvector of the next eigenvalue, the Fiedler vector
# $\mathbf{v}_2$, is the smoothest non-constant function on the vertices: it changes
# little across edges, so it stays nearly constant inside a dense community and changes
# across the few edges between communities. Sorting its entries shows a jump through
# zero.

# %%
mu = np.linalg.eigvalsh(laplacian(A, normalized=True))
print("smallest eigenvalues of the normalized Laplacian:", mu[:5].round(3) + 0.0)
lam2, v2 = fiedler_vector(A)
sign_split = (v2 > 0).astype(int)
print("accuracy of the sign of the Fiedler vector:", clustering_accuracy(labels, sign_split))
fig = plot_fiedler_vector(A, labels)
fig

# %% [markdown]
# The eigenvalues of the normalized Laplacian $\mathbf{L}_{\text{sym}}$ (printed above;
# they lie in $[0, 2]$ whatever the degrees) show the same thing: the second one is well
# below the third. A graph with two separate pieces would have a second zero eigenvalue;
# a small $\lambda_2$ followed by a gap says the graph is close to falling apart in two,
# which is the signature of two communities.
#
# ## Spectral clustering
#
# `spectral_clustering` embeds each vertex as its row of the first $k = 2$ eigenvectors
# of the normalized Laplacian, scales the rows to unit length and runs k-means on them.
# Cluster numbers are arbitrary, so the accuracy is measured after the best renaming. We
# also compare with scikit-learn's `SpectralClustering` on the same graph.

# %%
pred = spectral_clustering(A, 2, rng=np.random.default_rng(0))
reference = SpectralClustering(2, affinity="precomputed", random_state=0).fit_predict(A)
print("accuracy against the planted communities:", clustering_accuracy(labels, pred))
print("agreement with scikit-learn:             ", clustering_accuracy(reference, pred))

# %% [markdown]
# Reordering the vertices by the recovered clusters reveals two dense diagonal blocks
# and a sparse off-diagonal: the picture the shuffle had hidden.

# %%
order = np.argsort(pred, kind="stable")
fig = plot_adjacency(A, order=order, title="adjacency matrix, sorted by recovered cluster")
fig

# %% [markdown]
# Drawn at its spectral coordinates (the eigenvectors 2 and 3 of the normalized
# Laplacian), the graph separates into two clouds; colors are the recovered clusters,
# and a circle would mark any vertex placed in the wrong community.

# %%
fig = plot_communities(A, pred, labels)
fig

# %% [markdown]
# ## Where recovery fails
#
# Keep $p_{\text{in}} = 0.25$ and raise $p_{\text{out}}$. The communities become less
# distinct, the gap $\lambda_3 - \lambda_2$ between the second and third eigenvalues of the
# normalized Laplacian closes, and the accuracy falls toward 0.5, the value of a random
# split. Each row averages 5 random graphs.

# %%
print("p_out   accuracy   lam_3 - lam_2")
for p_out in (0.02, 0.05, 0.08, 0.11, 0.14, 0.17, 0.20):
    scores, gaps = [], []
    for seed in range(5):
        rng = np.random.default_rng(seed)
        B, truth = stochastic_block_model([40, 40], 0.25, p_out, rng)
        found = spectral_clustering(B, 2, rng=np.random.default_rng(0))
        scores.append(clustering_accuracy(truth, found))
        lam = np.linalg.eigvalsh(laplacian(B, normalized=True))
        gaps.append(lam[2] - lam[1])
    print(f"{p_out:5.2f}   {np.mean(scores):8.3f}   {np.mean(gaps):13.3f}")

# %% [markdown]
# Spectral clustering always returns a split; only the eigenvalue gap and the accuracy
# on planted data tell us whether the split means anything.
