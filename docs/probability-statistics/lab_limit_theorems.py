# %% [markdown]
# # Lab: the limit theorems, simulated
#
# Two theorems make statistics work. The **law of large numbers** says that the average
# of $n$ independent draws settles on the mean $\mu$ as $n$ grows. The **central limit
# theorem** says that the error of that average, rescaled as
# $\sqrt{n}\,(\bar{x}_n - \mu)/\sigma$, looks like a standard normal for large $n$,
# whatever the shape of the original distribution. In this lab we watch both happen,
# see the law fail for a distribution without a mean, and then watch a third limit: a
# weather Markov chain forgetting where it started and settling on its stationary
# distribution. The concepts are on the pages
# [Sampling and limits](../sampling-and-limits/) and [Markov chains](../markov-chains/).

# %%
import numpy as np
from scipy import stats

from snippets.plotting import show_figures_with_descriptions
from snippets.probability_statistics.markov_chains import (
    WEATHER_P,
    WEATHER_STATES,
    distribution_after,
    plot_chain_convergence,
    simulate_chain,
    stationary_distribution,
)
from snippets.probability_statistics.sampling_and_limits import (
    plot_clt,
    plot_running_means,
    running_mean,
    standardized_means,
)

show_figures_with_descriptions()

# %% [markdown]
# ## The law of large numbers: running means
#
# We draw 10 000 values from three distributions with known means: Uniform(0, 1)
# (mean 0.5), Exponential(1) (mean 1) and Bernoulli(0.3) (mean 0.3), and plot the
# running mean $\bar{x}_k$ against $k$ on a log scale. The right panel does the same
# for the standard Cauchy distribution, which has no mean at all.

# %%
fig = plot_running_means(n=10_000, seed=0)
fig

# %% [markdown]
# The typical error after $n$ draws is the standard error $\sigma/\sqrt{n}$. For the
# exponential ($\sigma = 1$) that is 0.01 at $n = 10\,000$. The actual errors of one
# run are random too, so they are sometimes smaller and sometimes a little larger, but
# they stay of that order as it shrinks by $\sqrt{10} \approx 3.2$ per decade. The
# Cauchy's running mean keeps lurching whenever a huge draw arrives.

# %%
rng = np.random.default_rng(1)
x = rng.exponential(size=100_000)
c = rng.standard_cauchy(size=100_000)
for n in (100, 1_000, 10_000, 100_000):
    print(
        f"n = {n:>7}: exponential error {abs(running_mean(x)[n - 1] - 1):.4f} "
        f"(standard error {1 / np.sqrt(n):.4f}),  Cauchy running mean {running_mean(c)[n - 1]:+.3f}"
    )

# %% [markdown]
# ## The central limit theorem: standardized means
#
# Now repeat an experiment 20 000 times: draw $n$ values from Exponential(1), a very
# skewed distribution, and standardize their mean. For $n = 1$ the histogram is the
# exponential itself. As $n$ grows it becomes the bell curve drawn on top, the
# standard normal density.

# %%
fig = plot_clt(ns=(1, 2, 5, 30), reps=20_000, seed=0)
fig

# %% [markdown]
# Two numbers per $n$ measure the approach. The Kolmogorov–Smirnov distance is the
# largest gap between the empirical CDF of the standardized means and the normal CDF
# $\Phi$; it would be 0 for a perfect match (up to sampling noise of about 0.01 with
# 20 000 experiments). The skewness should be 0; for exponential data it is exactly
# $2/\sqrt{n}$, so it fades slowly, which is why "$n = 30$ is enough" is only a rule of
# thumb.

# %%
for n in (1, 2, 5, 30, 300):
    z = standardized_means(
        np.random.default_rng(0).exponential(size=(20_000, n)), 1.0, 1.0
    )
    gap = stats.kstest(z, "norm").statistic
    print(
        f"n = {n:>3}: KS distance to N(0, 1) {gap:.3f}, skewness {stats.skew(z):.2f} (theory {2 / np.sqrt(n):.2f})"
    )

# %% [markdown]
# ## A third limit: a weather Markov chain
#
# A Markov chain's state distribution after $n$ steps is $\mathbf{p}_0^\top\mathbf{P}^n$.
# For the weather chain below (rows: today sunny, cloudy, rainy; columns: tomorrow),
# every start leads to the same limit, the stationary distribution
# $\boldsymbol{\pi}$ with $\boldsymbol{\pi}^\top\mathbf{P} = \boldsymbol{\pi}^\top$. And by
# a law of large numbers for Markov chains, one long run spends a fraction $\pi_i$ of
# its days in state $i$.

# %%
print("P =")
print(WEATHER_P)
pi = stationary_distribution(WEATHER_P)
print(
    "stationary distribution:",
    dict(zip(WEATHER_STATES, pi.round(4).tolist(), strict=True)),
)
for start in range(3):
    p0 = np.eye(3)[start]
    print(
        f"from {WEATHER_STATES[start]:>6}: after 10 days {distribution_after(WEATHER_P, p0, 10).round(4)}"
    )

# %% [markdown]
# The left panel follows the distribution day by day from a rainy start; the right
# panel follows the fraction of days in each state along one simulated run.

# %%
fig = plot_chain_convergence(WEATHER_P, start=2, n_steps=15, sim_steps=20_000, seed=0)
fig

# %% [markdown]
# The speed of forgetting is set by the second-largest eigenvalue of $\mathbf{P}$
# (about 0.47 here): the distance to $\boldsymbol{\pi}$ shrinks by roughly that factor per
# day. The simulation converges much more slowly, like $1/\sqrt{n}$, as any average does.

# %%
eigenvalues = np.sort(np.abs(np.linalg.eigvals(WEATHER_P)))[::-1]
print("eigenvalue moduli:", eigenvalues.round(4))
distance = [
    np.abs(distribution_after(WEATHER_P, [0, 0, 1], n) - pi).sum() for n in range(1, 8)
]
print("L1 distance to pi, days 1..7:", np.round(distance, 5))
print("ratios:", np.round(np.array(distance[1:]) / np.array(distance[:-1]), 3))
states = simulate_chain(WEATHER_P, 2, 200_000, np.random.default_rng(0))
print("frequencies of a 200 000-day run:", (np.bincount(states) / states.size).round(4))
