# %% [markdown]
# # Lab: an optimizer race
#
# Six optimizers start from the same point on two classic test problems: plain gradient
# descent, momentum, Nesterov, AdaGrad, RMSprop and Adam (see
# [the optimizers page](optimizers.md)). For each problem the figure draws their paths over
# the contour lines of the function and, next to it, the loss $f(\mathbf{x}_k) - f^\star$
# against the iteration $k$ on a logarithmic axis. A straight falling line on that axis
# is linear convergence; its slope is the rate.
#
# The two problems stress different things:
#
# - an ill-conditioned quadratic $f(\mathbf{x}) = \tfrac12 \mathbf{x}^\top \mathbf{A} \mathbf{x}$
#   whose matrix has condition number $\kappa = 25$ and axes turned by 30 degrees, so no
#   coordinate is special;
# - the Rosenbrock function $f(\mathbf{x}) = (1 - x_1)^2 + 100\,(x_2 - x_1^2)^2$ from the
#   classic start $(-1.2, 1)$: a curved, flat-bottomed valley with its minimum at $(1, 1)$.
#
# The settings (step sizes, momentum) are sensible values for each method, not tuned to
# crown a winner: change them and rerun to see how sensitive each method is.

# %%
import numpy as np

from snippets.optimization.optimizers import RACE_QUADRATIC, plot_optimizer_race, race
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

# %% [markdown]
# ## The ill-conditioned quadratic
#
# The condition number of the matrix, and the iterations each method needed to bring
# the gradient norm below $10^{-8}$ (500 means it ran out of steps):

# %%
print(f"condition number: {np.linalg.cond(RACE_QUADRATIC):.1f}")
quadratic = race("quadratic")
for name, res in quadratic.items():
    print(f"{name:18s} iterations {res.n_iter:4d}   converged {res.converged}")

# %%
fig = plot_optimizer_race("quadratic", quadratic)
fig

# %% [markdown]
# Gradient descent pays for the condition number: its loss falls along a straight line
# with a shallow slope. Momentum and Nesterov reuse past steps and cut the iteration
# count several times; their loss curves wiggle because the velocity overshoots and
# comes back. Because the axes are tilted, the per-coordinate step sizes of AdaGrad,
# RMSprop and Adam do not line up with the valley: they help little here, and
# RMSprop's constant step leaves it hovering around the minimum instead of converging.

# %% [markdown]
# ## The Rosenbrock valley
#
# Distance to the minimum $(1, 1)$ and final loss after 2000 steps:

# %%
rosenbrock = race("rosenbrock")
for name, res in rosenbrock.items():
    x1, x2 = res.x
    loss = (1 - x1) ** 2 + 100 * (x2 - x1**2) ** 2
    print(
        f"{name:18s} distance {np.hypot(x1 - 1, x2 - 1):.2e}   loss {loss:.2e}"
    )

# %%
fig = plot_optimizer_race("rosenbrock", rosenbrock)
fig

# %% [markdown]
# Every method first drops quickly into the valley; the race is decided along its
# floor, where the gradient is small and points mostly across the valley. Plain gradient
# descent crawls. Momentum and Nesterov build up speed along the curved floor and
# arrive first; Adam's normalized steps keep a useful length where the gradient is
# tiny and reach the same accuracy by the end. AdaGrad's accumulated squared gradients
# from the steep walls shrink its steps for good, and RMSprop, whose steps stay close
# to its learning rate, stalls well short of the minimum.
#
# Second-order methods change the picture completely: [Newton's method](newton.md)
# solves this problem in six steps. The lesson of the race is not that one optimizer is
# best, but that the geometry of the problem (its conditioning and curvature) decides.
