# %% [markdown]
# # Lab: entropy of a coin and fitting a Gaussian by KL
#
# Two experiments with the functions of this area. First, the entropy of a biased coin:
# how the uncertainty of one yes/no outcome depends on its probability $p$. Second, what
# the *direction* of a KL divergence does when a single Gaussian $q$ must approximate a
# density $p$ with two bumps: the forward KL $D_{\mathrm{KL}}(p \,\|\, q)$ spreads $q$ over
# both bumps, the reverse KL $D_{\mathrm{KL}}(q \,\|\, p)$ squeezes it into one. Maximum
# likelihood behaves like the first, variational inference like the second.

# %%
import numpy as np
from scipy.integrate import trapezoid
from scipy.stats import norm
from scipy.stats import t as student_t

from snippets.information_theory.divergences import (
    fit_gaussian_kl,
    mixture_logpdf,
    plot_kl_fits,
)
from snippets.information_theory.entropy import binary_entropy, plot_binary_entropy
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

# %% [markdown]
# ## The entropy of a biased coin
#
# A coin with probability $p$ of heads has entropy
# $H(p) = -p \log_2 p - (1 - p) \log_2 (1 - p)$ bits. A fair coin is the hardest to
# predict (1 bit); a coin that always lands heads tells you nothing new (0 bits). The
# curve is steep near the ends: going from $p = 0.99$ to $p = 0.9$ adds far more
# uncertainty than going from $0.6$ to $0.5$.

# %%
fig = plot_binary_entropy()
fig

# %%
for p in [0.5, 0.6, 0.9, 0.99, 0.999]:
    print(f"p = {p:<6} H = {binary_entropy(p, base=2):.4f} bits")

# %% [markdown]
# ## Forward versus reverse KL on a bimodal density
#
# The target is the mixture $p = 0.6\,\mathcal{N}(-2.5, 0.8^2) + 0.4\,\mathcal{N}(2.5, 0.8^2)$
# on a grid. `fit_gaussian_kl` minimizes each KL over the mean and log standard deviation
# of $q$ with Nelder–Mead, evaluating the integrals with the trapezoid rule.

# %%
x = np.linspace(-15, 15, 3001)
weights, means, stds = (0.6, 0.4), (-2.5, 2.5), (0.8, 0.8)
log_p = mixture_logpdf(x, weights, means, stds)
forward = fit_gaussian_kl(x, log_p, "forward")
reverse = fit_gaussian_kl(x, log_p, "reverse")
print(f"forward fit: mu = {forward[0]:.3f}, sigma = {forward[1]:.3f}")
print(f"reverse fit: mu = {reverse[0]:.3f}, sigma = {reverse[1]:.3f}")

# %%
fig = plot_kl_fits(weights, means, stds)
fig

# %% [markdown]
# The forward fit is exactly the Gaussian with the mixture's mean and variance
# ($-0.5$ and $2.577^2$): it puts most of its mass in the empty valley between the bumps.
# The reverse fit is almost the heavier component itself. Each fit wins its own
# objective and loses the other one badly:

# %%
def kl_on_grid(log_a, log_b):
    """KL(a || b) for log-densities on the grid x, by the trapezoid rule."""
    return trapezoid(np.exp(log_a) * (log_a - log_b), x)


for name, (mu, sigma) in [("forward fit", forward), ("reverse fit", reverse)]:
    log_q = norm.logpdf(x, mu, sigma)
    print(
        f"{name}: KL(p||q) = {kl_on_grid(log_p, log_q):.3f}, "
        f"KL(q||p) = {kl_on_grid(log_q, log_p):.3f}"
    )

# %% [markdown]
# ## When the bumps overlap, the directions agree
#
# Move the bumps closer, to $\pm 1$, and the second bump becomes a shoulder of the
# first. There is no longer a valley to avoid, and the two fits nearly coincide.

# %%
fig = plot_kl_fits(weights, (-1.0, 1.0), stds)
fig

# %% [markdown]
# ## One bump is not enough to make them agree
#
# Two modes are not the only thing that separates the directions. Heavy tails do too. The
# Student-t density with 3 degrees of freedom has one mode, at 0, and variance 3. The
# forward fit matches that variance ($\sigma \approx \sqrt 3 \approx 1.73$; the grid
# cuts a little of the tail). The reverse fit ignores the tails, where $q$ has almost no
# mass, and is much narrower. A factorized $q(x_1)q(x_2)$ fitted to a correlated
# Gaussian $p$ separates them as well: the forward fit keeps the marginal variances
# $\Sigma_{ii}$, the reverse fit shrinks them to $1/(\boldsymbol{\Sigma}^{-1})_{ii}$
# (Bishop, *Pattern Recognition and Machine Learning*, §10.1.2).

# %%
x_wide = np.linspace(-200, 200, 40001)
log_t = student_t.logpdf(x_wide, 3)
for direction in ("forward", "reverse"):
    mu, sigma = fit_gaussian_kl(x_wide, log_t, direction)
    print(f"{direction} fit to Student-t(3): mu = {mu:.3f}, sigma = {sigma:.3f}")

# %% [markdown]
# ## What to take away
#
# - Entropy measures unpredictability; it is largest for the uniform distribution.
# - $D_{\mathrm{KL}}(p \,\|\, q)$ is asymmetric, and the direction matters: minimizing it
#   over $q$ covers all of $p$'s mass (maximum likelihood), while minimizing
#   $D_{\mathrm{KL}}(q \,\|\, p)$ picks one mode (variational inference).
# - The reverse-KL search is local: started on the lighter bump, it stays there. Try
#   `fit_gaussian_kl(x, log_p, "reverse", init=(2.5, 1.0))`.
