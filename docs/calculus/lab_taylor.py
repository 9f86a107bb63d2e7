# %% [markdown]
# # Lab: Taylor approximations, term by term
#
# A Taylor polynomial rebuilds a function near a point $a$ from its derivatives there:
# $$T_n(x) = \sum_{k=0}^{n} \frac{f^{(k)}(a)}{k!} (x - a)^k.$$
# In this lab you watch $T_n$ grow term by term for $\sin x$, $e^x$ and $\log(1 + x)$,
# then measure the error against the order $n$. Two lessons: the approximation is
# excellent near $a$ and degrades with the distance, and for $\log(1 + x)$ there is a
# hard wall at distance 1 (the radius of convergence) beyond which more terms make it
# worse. The functions used here are explained on the
# [Taylor series page](taylor.md).

# %%
import numpy as np

from snippets.calculus.taylor import (
    plot_taylor_approximations,
    plot_taylor_errors,
    series_derivatives,
    taylor_error_bound,
    taylor_polynomial,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

# %% [markdown]
# ## The sine, one odd power at a time
#
# $\sin x = x - x^3/3! + x^5/5! - \dots$ has only odd powers, so the orders 1, 3, 5, 7
# and 9 each add one term. Every new term bends the polynomial back toward the curve
# over a wider stretch around 0.

# %%
fig = plot_taylor_approximations("sin", (1, 3, 5, 7, 9))
fig

# %% [markdown]
# ## The exponential, every power
#
# All derivatives of $e^x$ at 0 equal 1, so $T_n(x) = \sum_{k \le n} x^k / k!$. To the
# left of 0 the terms alternate in sign and the low orders swing above and below the
# curve; to the right they all add up.

# %%
fig = plot_taylor_approximations("exp", (1, 2, 3, 4, 6))
fig

# %% [markdown]
# ## The error against the order
#
# For $e^x$ the error of $T_n$ at $x$ is at most $e^{\max(0, x)} |x|^{n+1} / (n+1)!$
# (the Lagrange bound). The factorial wins in the end, so the error falls faster than
# any geometric sequence, but the farther $x$ is from 0 the later it starts falling.

# %%
fig = plot_taylor_errors("exp", (0.5, 1.0, 2.0, 4.0), 20)
fig

# %% [markdown]
# The bound is not just a guarantee; it is close to the true error. At $x = 2$:

# %%
d = series_derivatives("exp", 12)
for n in (2, 4, 8, 12):
    actual = abs(np.exp(2.0) - taylor_polynomial(d[: n + 1], 0.0, 2.0))
    bound = taylor_error_bound(np.exp(2.0), 0.0, 2.0, n)
    print(f"n = {n:2d}: error {actual:.2e}, bound {bound:.2e}")

# %% [markdown]
# ## Where the series stops working: the logarithm
#
# The $k$-th derivative of $\log(1 + x)$ at 0 is $(-1)^{k-1}(k-1)!$, so the series is
# $x - x^2/2 + x^3/3 - \dots$. Its terms shrink only if $|x| < 1$: the function blows up
# at $x = -1$, one unit from the center, and no polynomial can see past that. Inside,
# the polynomials converge (slowly near the edge); outside, they fan out.

# %%
fig = plot_taylor_approximations("log1p", (1, 2, 3, 5, 8))
fig

# %%
fig = plot_taylor_errors("log1p", (0.5, 0.9, 1.5), 20)
fig

# %% [markdown]
# ## Takeaways
#
# - A low-order Taylor polynomial is an excellent *local* model; this is why gradient
#   descent (order 1) and Newton's method (order 2) work when their steps stay small.
# - The Lagrange bound tells you how many terms you need at a given distance.
# - Some series converge only within a radius; outside it, adding terms hurts.
