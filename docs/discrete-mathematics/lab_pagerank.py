# %% [markdown]
# # Lab: PageRank on a small web
#
# PageRank ranks the pages of a web by how often a random surfer visits them. The surfer
# follows a random link with probability $\alpha$ (the damping factor) and jumps to a
# uniformly random page otherwise. In this lab we compute the ranks of an 8-page web by
# power iteration, check them against an eigen-solver and against the stationary
# distribution of the surfer's [Markov chain](../probability-statistics/markov-chains.md),
# draw the web with each page sized by its rank, and watch how the damping factor sets
# the speed of [power iteration](../linear-algebra/eigen.md). The formulas are on the
# [spectral graph methods](spectral-graphs.md#pagerank-as-a-markov-chain-on-a-graph) page.

# %%
import numpy as np

from snippets.discrete_mathematics.graphs import adjacency_matrix
from snippets.discrete_mathematics.spectral_graphs import (
    WEB_LINKS,
    google_matrix,
    pagerank,
    plot_pagerank_convergence,
    plot_pagerank_graph,
    web_graph,
)
from snippets.plotting import show_figures_with_descriptions
from snippets.probability_statistics.markov_chains import stationary_distribution

show_figures_with_descriptions()

A = web_graph()
for page, links in WEB_LINKS.items():
    print(f"page {page} links to {links if links else 'nothing (dangling)'}")

# %% [markdown]
# ## The ranks, three ways
#
# `pagerank` iterates $\mathbf{p}_{t+1}^\top = \mathbf{p}_t^\top \mathbf{G}$ from the
# uniform distribution until the $L_1$ change falls below $10^{-10}$. The result must be
# the eigenvector of $\mathbf{G}^\top$ for the eigenvalue 1, scaled to sum to 1, and the
# solution of the linear system $\boldsymbol{\pi}^\top \mathbf{G} = \boldsymbol{\pi}^\top$,
# $\mathbf{1}^\top \boldsymbol{\pi} = 1$ that the Markov chains page solves.

# %%
result = pagerank(A, damping=0.85)
G = google_matrix(A, 0.85)
w, V = np.linalg.eig(G.T)
top = V[:, np.argmax(w.real)].real
top = top / top.sum()
pi = stationary_distribution(G)
print(f"power iteration converged in {result.n_iter} steps")
print("page  in-links  PageRank  eigenvector  stationary")
for page in np.argsort(-result.ranks):
    print(
        f"{page:4d}  {int(A[:, page].sum()):8d}  {result.ranks[page]:8.4f}"
        f"  {top[page]:11.4f}  {pi[page]:10.4f}"
    )
print("all three agree:", np.allclose(result.ranks, top) and np.allclose(result.ranks, pi))

# %% [markdown]
# Page 2 has the most in-links and ranks first. Page 0 has a single in-link, yet ranks
# second: that link comes from page 2, which passes its whole rank on to page 0. Counting
# links is not the same as PageRank: a link is worth the rank of the page it comes from,
# divided among that page's out-links. Pages 6 and 7 tie: each receives exactly half of
# page 5's rank, and page 7, which links nowhere, gives its rank back to every page
# uniformly.

# %%
fig = plot_pagerank_graph(A, damping=0.85)
fig

# %% [markdown]
# ## Convergence of power iteration and the damping factor
#
# Each step of power iteration shrinks the distance to $\boldsymbol{\pi}$ by the second-largest
# eigenvalue modulus $|\lambda_2(\mathbf{G})|$, which is at most $\alpha$: the random jump
# forgets a fraction $1 - \alpha$ of where the surfer was. The closer $\alpha$ is to 1,
# the more the ranks reflect the link structure and the slower they converge. The dashed
# lines show the guaranteed bound $2\alpha^t$; on this web every curve falls faster than
# its bound, because $|\lambda_2(\mathbf{G})| = \alpha\,|\lambda_2(\mathbf{P})|$ and
# $|\lambda_2(\mathbf{P})| \approx 0.71$ here.

# %%
fig = plot_pagerank_convergence(A, dampings=(0.5, 0.85, 0.95, 0.99))
fig

# %%
for damping in (0.5, 0.85, 0.95, 0.99):
    G = google_matrix(A, damping)
    modulus = np.sort(np.abs(np.linalg.eigvals(G)))[::-1]
    steps = pagerank(A, damping, tol=1e-12, max_iter=10_000).n_iter
    print(f"damping {damping}: |lambda_2(G)| = {modulus[1]:.3f}, {steps} steps to 1e-12")

# %% [markdown]
# ## When the bound is tight
#
# If the web contains two separate groups of pages that link only among themselves, the
# surfer without jumps would be trapped in whichever group it entered: $\mathbf{P}$ has
# the eigenvalue 1 twice, so $|\lambda_2(\mathbf{G})| = \alpha$ exactly, and convergence
# takes as long as the bound says. With $\alpha = 0.99$ that is thousands of steps.

# %%
rings = adjacency_matrix(
    [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (6, 0), (6, 3)], 7, directed=True
)
fig = plot_pagerank_convergence(rings, dampings=(0.5, 0.85, 0.95, 0.99))
fig

# %%
for damping in (0.85, 0.99):
    modulus = np.sort(np.abs(np.linalg.eigvals(google_matrix(rings, damping))))[::-1]
    ranks = pagerank(rings, damping, tol=1e-12, max_iter=10_000)
    print(
        f"damping {damping}: |lambda_2(G)| = {modulus[1]:.3f}, {ranks.n_iter} steps, "
        f"ranks {ranks.ranks.round(3)}"
    )

# %% [markdown]
# The two rings share the rank equally, and page 6, which nobody links to, keeps only
# the jump share $(1 - \alpha)/n$. A budget of `max_iter` steps is a real constraint
# here: too small a budget raises an error instead of returning unconverged ranks.

# %%
try:
    pagerank(rings, 0.99, tol=1e-12, max_iter=500)
except RuntimeError as error:
    print("RuntimeError:", error)
