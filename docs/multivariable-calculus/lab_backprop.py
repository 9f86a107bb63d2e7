# %% [markdown]
# # Lab: backpropagation by hand, and a loss surface with a saddle
#
# Two experiments with the tools of this area. First, a small network classifies the
# iris flowers bundled with scikit-learn; we compute its gradient by
# [backpropagation](backpropagation.md), compare every entry with central finite
# differences, train it, and check the gradient again at the trained weights. Second, we
# draw a two-parameter loss surface with its gradient field, find its critical points,
# and let the eigenvalues of the [Hessian](hessian.md) tell the minima, the maximum and
# the saddles apart. Then we watch gradient descent stall near a saddle.

# %%
import numpy as np
from sklearn.datasets import load_iris

from snippets.multivariable_calculus.backpropagation import (
    backprop,
    gradient_check,
    init_two_layer,
    plot_gradient_check,
    two_layer_forward,
)
from snippets.multivariable_calculus.hessian import (
    classify_critical_points,
    find_critical_points,
    four_wells,
    four_wells_gradient,
    plot_critical_points,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

iris = load_iris()
X = (iris.data - iris.data.mean(axis=0)) / iris.data.std(axis=0)  # standardized features
y = iris.target
print(X.shape, "samples x features;", np.bincount(y), "flowers per class")

# %% [markdown]
# ## Backpropagation against finite differences
#
# The network has 4 inputs, 8 tanh hidden units and 3 outputs (softmax), so
# $4 \cdot 8 + 8 + 8 \cdot 3 + 3 = 67$ parameters. One call to `backprop` gives the loss
# and all 67 partial derivatives. `gradient_check` recomputes each one with central
# differences, $(\mathcal{L}(\theta + h) - \mathcal{L}(\theta - h)) / 2h$ with $h = 10^{-5}$: 134 evaluations
# of the loss on all 150 flowers. The tolerance of this site is a relative error below
# $10^{-6}$.

# %%
rng = np.random.default_rng(0)
params = init_two_layer(4, 8, 3, rng)
params["b1"] = 0.1 * rng.normal(size=8)  # non-zero biases exercise every term
loss, grads = backprop(params, X, y)
print(f"loss at the start: {loss:.4f}  (log 3 = {np.log(3):.4f} for a uniform guess)")
for name, error in gradient_check(params, X, y).items():
    print(f"{name}: relative error {error:.1e}", "ok" if error < 1e-6 else "FAIL")

# %% [markdown]
# Every point sits on the diagonal: backpropagation and finite differences agree. The
# right panel shows the absolute differences, which are far below the size of the
# gradient entries.

# %%
fig = plot_gradient_check(params, X, y)
fig

# %% [markdown]
# ## Train, then check again
#
# Plain gradient descent with $\eta = 0.5$, 500 steps. The gradient check must still pass
# at the trained weights, where the gradient is small and the hidden units are more
# saturated.

# %%
eta = 0.5
for step in range(501):
    loss, grads = backprop(params, X, y)
    if step % 100 == 0:
        accuracy = np.mean(two_layer_forward(params, X)["Z2"].argmax(axis=1) == y)
        print(f"step {step:3d}: loss {loss:.4f}, training accuracy {accuracy:.3f}")
    params = {name: params[name] - eta * grads[name] for name in params}

errors = gradient_check(params, X, y)
print("largest relative error after training:", f"{max(errors.values()):.1e}")

# %% [markdown]
# ## A loss surface with minima, a maximum and saddles
#
# The surface $f(\mathbf{x}) = (x_1^2 - 1)^2 + (x_2^2 - 1)^2$ is a toy version of a
# network's loss with symmetric solutions: four equally good minima, separated by
# saddle points. The arrows show $-\nabla f$, the direction gradient descent moves.
# We find the critical points by solving $\nabla f = \mathbf{0}$ from a grid of starting
# points, then classify each one by the eigenvalues of its numerical Hessian.

# %%
points = find_critical_points(four_wells_gradient)
print(" critical point     Hessian eigenvalues   second-order test")
for p, (kind, eigenvalues) in zip(points, classify_critical_points(four_wells, points), strict=True):
    print(f" ({p[0]:+.0f}, {p[1]:+.0f})          ({eigenvalues[0]:+5.2f}, {eigenvalues[1]:+5.2f})        {kind}")

# %%
fig = plot_critical_points()
fig

# %% [markdown]
# ## Gradient descent near a saddle
#
# At the saddle $(1, 0)$ the Hessian has eigenvalues $8$ (along $x_1$) and $-4$ (along
# $x_2$). Started exactly on the $x_1$-axis, gradient descent slides into the saddle and
# stays there, because the gradient has no $x_2$ component. A perturbation of $10^{-6}$
# grows by a factor $1 + 4\eta$ per step along the unstable direction, so the iterate
# lingers near the saddle for a while, then escapes to a minimum. This is why saddles
# slow training down, and why the noise of SGD helps.

# %%
def descend(start, eta=0.05, steps=80):
    x = np.array(start, dtype=float)
    path = [x.copy()]
    for _ in range(steps):
        x = x - eta * four_wells_gradient(x)
        path.append(x.copy())
    return np.array(path)


for start in ([1.5, 0.0], [1.5, 1e-6]):
    path = descend(start)
    print(f"start {start}: after 20 steps {path[20].round(4)}, after 80 steps {path[80].round(4)}")
