# %% [markdown]
# # Lab: the learning rate of 1-D gradient descent
#
# Gradient descent repeats $x_{k+1} = x_k - \eta f'(x_k)$. On the parabola
# $f(x) = x^2$ (curvature $f'' = 2$) one step multiplies $x$ by $1 - 2\eta$, so the
# learning rate $\eta$ alone decides what happens:
#
# - $\eta = 0.05$: factor $0.9$, a slow creep down one side;
# - $\eta = 0.3$: factor $0.4$, fast;
# - $\eta = 0.85$: factor $-0.7$, hopping from side to side while closing in;
# - $\eta = 1.05$: factor $-1.1$, hopping outward: divergence, because
#   $\eta > 2/f'' = 1$.
#
# You will see the iterates drawn on the function and the loss against the iteration,
# then the same loop on a non-convex function. The theory is on the
# [gradient descent in 1-D page](gradient-descent-1d.md).

# %%
import numpy as np

from snippets.calculus.gradient_descent_1d import (
    gradient_descent_1d,
    learning_rate_regime,
    plot_gd_iterates,
    plot_gd_loss,
    steps_to_tolerance,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

# %% [markdown]
# ## Four learning rates on a parabola
#
# Each panel starts at $x_0 = 2$ (the square) and joins 8 iterates in order.

# %%
fig = plot_gd_iterates((0.05, 0.3, 0.85, 1.05), x0=2.0, n_steps=8)
fig

# %% [markdown]
# ## The loss against the iteration
#
# On a log scale the loss $f(x_k) = (1 - 2\eta)^{2k} x_0^2$ is a straight line with slope
# $2 \log|1 - 2\eta|$: steepest down for $\eta = 0.3$ among these four, upward for
# $\eta = 1.05$.

# %%
fig = plot_gd_loss((0.05, 0.3, 0.85, 1.05), x0=2.0, n_steps=40)
fig

# %% [markdown]
# The closed form predicts how many steps each rate needs to get within $10^{-6}$ of the
# minimum, and the loop agrees:

# %%
for lr in (0.05, 0.3, 0.85, 1.05):
    regime = learning_rate_regime(lr, 2.0)
    run = gradient_descent_1d(lambda x: 2 * x, 2.0, lr, max_iter=500)
    hit = np.flatnonzero(np.abs(run.iterates) <= 1e-6)
    if regime == "diverging":
        print(
            f"lr = {lr}: {regime}, stopped after {run.n_iter} steps at |x| = {abs(run.x):.1e}"
        )
    else:
        predicted = steps_to_tolerance(lr, 2.0, 2.0, 1e-6)
        print(f"lr = {lr}: {regime}, predicted {predicted} steps, observed {hit[0]}")

# %% [markdown]
# ## A non-convex function
#
# $f(x) = x^4 - 3x^2 + x$ has two valleys: a local minimum near $x = 1.13$ and the global
# one near $x = -1.30$. Its curvature $f''(x) = 12x^2 - 6$ is 42 at the start $x_0 = 2$
# and about 14.3 at the global minimum, so rates above $2/14.3 \approx 0.14$ cannot settle
# there. From $x_0 = 2$:
#
# - $\eta = 0.01$ walks down into the nearest valley, the local minimum;
# - $\eta = 0.1$ overshoots the hump on its first step and lands in the global valley;
# - $\eta = 0.15$ also jumps, but is too large for the curvature there and keeps
#   bouncing;
# - $\eta = 0.2$ is thrown out of both valleys and diverges.


# %%
def f(x):
    return x**4 - 3 * x**2 + x


def grad(x):
    return 4 * x**3 - 6 * x + 1


fig = plot_gd_iterates(
    (0.01, 0.1, 0.15, 0.2),
    x0=2.0,
    n_steps=30,
    f=f,
    grad=grad,
    description=(
        "Gradient descent on the double-well f(x) = x^4 - 3x^2 + x from x0 = 2, one "
        "panel per learning rate: 0.01 slides into the right-hand local minimum near "
        "1.13; 0.1 jumps over the hump and settles in the global minimum near -1.30; "
        "0.15 jumps too but keeps bouncing around -1.3; 0.2 leaves the picture."
    ),
)
fig

# %%
for lr in (0.01, 0.1, 0.15, 0.2):
    run = gradient_descent_1d(grad, 2.0, lr, max_iter=2000)
    print(
        f"lr = {lr}: x = {run.x:+.4g}, converged={run.converged}, "
        f"diverged={run.diverged}, steps={run.n_iter}"
    )

# %% [markdown]
# The loss along the way: the small rate is stuck at the local minimum's value $-1.07$,
# the rate 0.1 reaches the global value $-3.51$, and 0.15 oscillates around it.

# %%
fig = plot_gd_loss(
    (0.01, 0.1, 0.15),
    x0=2.0,
    n_steps=60,
    f=f,
    grad=grad,
    description=(
        "The loss f(x_k) of the double-well function against the iteration for "
        "learning rates 0.01, 0.1 and 0.15: 0.01 levels off at -1.07 (the local "
        "minimum), 0.1 at -3.51 (the global minimum), and 0.15 keeps oscillating "
        "just above -3.5."
    ),
)
fig

# %% [markdown]
# ## Takeaways
#
# - On a quadratic, gradient descent converges exactly when $0 < \eta < 2/f''$, fastest at
#   $\eta = 1/f''$.
# - The loss falls geometrically (a straight line on a log scale) when it converges.
# - On real losses the curvature changes from place to place, and the valley you end in
#   can depend on the start and on the learning rate.
