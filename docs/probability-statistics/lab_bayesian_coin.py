# %% [markdown]
# # Lab: Bayesian updating of a coin's bias
#
# A coin lands heads with an unknown probability $\theta$. We watch it being flipped and
# update our belief about $\theta$ after every flip with
# [Bayes' theorem](probability-basics.md#bayes-theorem). The belief is a whole
# distribution over $[0, 1]$, not a single number: before any flip it is the uniform
# $\text{Beta}(1, 1)$, and after $h$ heads and $t$ tails it is
#
# $$p(\theta \mid h, t) \propto \theta^{h}(1 - \theta)^{t} \cdot 1 \quad\Longrightarrow\quad \theta \mid h, t \sim \text{Beta}(1 + h,\ 1 + t),$$
#
# the [beta distribution](continuous-distributions.md#beta) again (the conjugate update
# of the [estimation](estimation.md) page). In this lab the coin's true bias is
# $\theta = 0.7$, and we pretend not to know it. We will see the posterior
# density narrow around the truth, and check that the 95% credible interval behaves as
# promised.

# %%
import numpy as np

from snippets.plotting import show_figures_with_descriptions
from snippets.probability_statistics.continuous_distributions import (
    beta_mean_var,
    beta_pdf,
    beta_ppf,
    plot_coin_credible_interval,
    plot_coin_posteriors,
)
from snippets.probability_statistics.estimation import beta_binomial_update
from snippets.probability_statistics.probability_basics import bayes_log_posterior

show_figures_with_descriptions()

TRUE_BIAS = 0.7
flips = np.random.default_rng(0).random(100) < TRUE_BIAS  # True = heads
print("first 20 flips:", "".join("H" if f else "T" for f in flips[:20]))
print("heads in 100 flips:", int(flips.sum()))

# %% [markdown]
# ## Bayes' theorem on a grid agrees with the beta formula
#
# Before trusting the closed form, apply Bayes' theorem directly. Replace the interval
# $[0, 1]$ by 999 candidate biases $\theta_i$, each with the same prior probability,
# multiply by the likelihood $\theta_i^h (1 - \theta_i)^t$ and normalize. We work with
# logarithms (`bayes_log_posterior`), since a likelihood of 100 flips is a product of
# 100 numbers below 1. Divided by the grid spacing, the posterior probabilities are a
# density, and it matches the $\text{Beta}(1 + h, 1 + t)$ density to within the grid's
# discretization error.

# %%
theta = np.linspace(0.0005, 0.9995, 999)
spacing = theta[1] - theta[0]
h = int(flips.sum())
t = flips.size - h
log_prior = np.full(theta.size, -np.log(theta.size))
log_likelihood = h * np.log(theta) + t * np.log1p(-theta)
grid_density = np.exp(bayes_log_posterior(log_prior, log_likelihood)) / spacing
a, b = beta_binomial_update(1.0, 1.0, heads=h, tails=t)
print(f"posterior after {flips.size} flips: Beta({a:g}, {b:g})")
gap = float(np.abs(grid_density - beta_pdf(theta, a, b)).max())
print(f"largest gap between grid and formula: {gap:.1e}")
print("peak density:", float(beta_pdf(theta, a, b).max().round(3)))

# %% [markdown]
# ## The posterior after 0, 1, 5, 20 and 100 flips
#
# Each curve is the density of our belief after the first $n$ flips. With no data it is
# flat. One flip tilts it toward the side that came up. After 20 flips it is a hump near
# the observed frequency, and after 100 it is a narrow peak close to the true bias
# (the dashed line).

# %%
fig = plot_coin_posteriors(true_bias=TRUE_BIAS, checkpoints=(0, 1, 5, 20, 100), seed=0)
fig

# %% [markdown]
# The same numbers as a table: the posterior mean
# $\alpha / (\alpha + \beta)$, the central 95% credible interval (the 2.5% and 97.5%
# quantiles of the posterior, from `beta_ppf`), and whether it contains the true bias.

# %%
print(f"{'flips':>5} {'heads':>5} {'posterior':>16} {'mean':>6} {'95% interval':>17} {'has 0.7':>8}")
for n in (0, 1, 5, 20, 100):
    heads = int(flips[:n].sum())
    a, b = beta_binomial_update(1.0, 1.0, heads=heads, tails=n - heads)
    mean, var = beta_mean_var(a, b)
    lo, hi = beta_ppf([0.025, 0.975], a, b)
    print(f"{n:>5} {heads:>5} {f'Beta({a:g}, {b:g})':>16} {mean:>6.3f} [{lo:.3f}, {hi:.3f}]{'':>2} {lo <= TRUE_BIAS <= hi!s:>8}")

# %% [markdown]
# ## The credible interval shrinks like $1/\sqrt{n}$
#
# Flip by flip, the posterior mean wanders at first and settles near $0.7$. The band is
# the 95% credible interval. Its width is about four posterior standard deviations,
# $4\sqrt{\theta(1-\theta)/n}$ for large $n$, so it halves when the number of flips
# quadruples.

# %%
fig = plot_coin_credible_interval(true_bias=TRUE_BIAS, n_flips=100, seed=0)
fig

# %%
for n in (25, 100, 400):
    heads = int((np.random.default_rng(1).random(n) < TRUE_BIAS).sum())
    a, b = beta_binomial_update(1.0, 1.0, heads=heads, tails=n - heads)
    lo, hi = beta_ppf([0.025, 0.975], a, b)
    print(f"n = {n:>3}: interval width {hi - lo:.3f}   (4 sqrt(0.21 / n) = {4 * np.sqrt(0.21 / n):.3f})")

# %% [markdown]
# ## A confident prior needs more data
#
# A skeptic who is sure the coin is fair might start from $\text{Beta}(30, 30)$: a
# belief worth 60 imaginary flips, 30 heads and 30 tails. The same 100 real flips move this
# posterior much more slowly, and its mean is pulled toward $0.5$: after 100 flips its
# 95% interval still excludes the true bias. With enough data every prior that gives
# the truth a positive density is overruled, but "enough" grows with the prior's
# confidence.

# %%
fig = plot_coin_credible_interval(true_bias=TRUE_BIAS, n_flips=100, prior=(30.0, 30.0), seed=0)
fig

# %%
heads = int(flips.sum())
for prior in [(1.0, 1.0), (30.0, 30.0)]:
    a, b = beta_binomial_update(*prior, heads=heads, tails=100 - heads)
    lo, hi = beta_ppf([0.025, 0.975], a, b)
    print(f"prior Beta{prior}: posterior mean {a / (a + b):.3f}, 95% interval [{lo:.3f}, {hi:.3f}]")

# %% [markdown]
# ## Do 95% intervals contain the truth 95% of the time?
#
# Repeat the whole experiment 2,000 times with 20 flips each and count how often the
# 95% credible interval from the uniform prior contains $\theta = 0.7$. For a uniform
# prior the Bayesian interval is also a good frequentist interval: the coverage is
# close to 95% (not exactly, since the number of heads is discrete). Confidence
# intervals are the subject of the [inference](inference.md) page.

# %%
rng = np.random.default_rng(2)
heads = (rng.random((2000, 20)) < TRUE_BIAS).sum(axis=1)
covered = [
    beta_ppf(0.025, 1.0 + k, 21.0 - k) <= TRUE_BIAS <= beta_ppf(0.975, 1.0 + k, 21.0 - k)
    for k in heads
]
print("coverage of the 95% interval over 2,000 experiments:", np.mean(covered))
