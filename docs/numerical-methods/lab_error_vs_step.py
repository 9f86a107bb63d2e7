# %% [markdown]
# # Lab: the error-vs-step U curve
#
# A finite difference $\big(f(x + h) - f(x)\big)/h$ approximates $f'(x)$ with two
# competing errors: truncation, which shrinks with the step $h$, and rounding, which
# grows like $\epsilon/h$. On a log-log plot their sum is a U (or V): too large a step is
# inaccurate, and so is too small a one. In this lab you measure that curve for $e^x$ at
# $x = 1$ in float64 and in float32, compare it with the error model of the
# [numerical calculus page](numerical-calculus.md), and then beat the rounding floor
# with Richardson extrapolation and the complex step.

# %%
import numpy as np

from snippets.numerical_methods.numerical_calculus import (
    complex_step_derivative,
    difference_error_model,
    finite_difference_errors,
    optimal_step,
    plot_derivative_methods,
    plot_error_vs_step,
    richardson_derivative,
)
from snippets.plotting import show_figures_with_descriptions

show_figures_with_descriptions()

# %% [markdown]
# ## The model
#
# For $e^x$ at $x = 1$, $|f| = |f''| = |f'''| = e$. The model predicts
# $$E_{\text{fwd}}(h) = \frac{h}{2}|f''| + \frac{2\epsilon|f|}{h}, \qquad
# E_{\text{cen}}(h) = \frac{h^2}{6}|f'''| + \frac{\epsilon|f|}{h},$$
# with minima at $h^\ast_{\text{fwd}} = 2\sqrt{\epsilon|f|/|f''|}$ and
# $h^\ast_{\text{cen}} = (3\epsilon|f|/|f'''|)^{1/3}$.

# %%
e = np.e
for dtype in (np.float64, np.float32):
    eps = float(np.finfo(dtype).eps)
    for kind in ("forward", "central"):
        h = optimal_step(e, e, kind, eps)
        best = difference_error_model(h, e, e, kind, eps)
        print(
            f"{np.dtype(dtype).name:8s} {kind:8s} h* = {h:.1e}   predicted error {best:.1e}"
        )

# %% [markdown]
# ## The U curve in float64
#
# The dots are measured errors, the lines the model, and the dotted verticals the
# predicted best steps. To the right of each minimum the dots sit exactly on a line of
# slope 1 (forward) or 2 (central): pure truncation. To the left they scatter around a
# line of slope $-1$: rounding noise, whose size depends on the luck of each rounding,
# which is why the model is an upper estimate there.

# %%
fig = plot_error_vs_step(np.float64)
fig

# %%
h = np.logspace(-15, 0, 301)
forward, central = finite_difference_errors(np.exp, np.exp, 1.0, h)
print(
    f"forward: best measured step {h[forward.argmin()]:.1e}, error {forward.min():.1e}"
)
print(
    f"central: best measured step {h[central.argmin()]:.1e}, error {central.min():.1e}"
)

# %% [markdown]
# ## The same curve in float32
#
# Neural networks usually run in float32, where $\epsilon = 2^{-23} \approx 1.2 \times 10^{-7}$.
# The whole picture shifts: the best forward step grows to about $7 \times 10^{-4}$ and
# the best central step to about $7 \times 10^{-3}$, and the best achievable errors are
# only about $10^{-3}$ and $10^{-4}$ to $10^{-5}$. A gradient check in float32 cannot
# confirm more than three or four digits.

# %%
fig = plot_error_vs_step(np.float32)
fig

# %%
h = np.logspace(-7, 0, 141)
forward, central = finite_difference_errors(np.exp, np.exp, 1.0, h, np.float32)
print(
    f"forward: best measured step {h[forward.argmin()]:.1e}, error {forward.min():.1e}"
)
print(
    f"central: best measured step {h[central.argmin()]:.1e}, error {central.min():.1e}"
)

# %% [markdown]
# ## Beating the rounding floor
#
# Two ways out of the U. Richardson extrapolation combines central differences at the
# steps $h, h/2, h/4, h/8$ to cancel the $h^2, h^4, h^6$ error terms, so it can use a large
# step, where rounding is harmless. The complex step
# $f'(x) \approx \operatorname{Im} f(x + ih)/h$ subtracts nothing at all, so its step can be
# tiny and it is exact to machine precision.

# %%
fig = plot_derivative_methods()
fig

# %%
for label, estimate in (
    ("central, h = 1e-5", (np.exp(1 + 1e-5) - np.exp(1 - 1e-5)) / 2e-5),
    ("Richardson, h = 0.1, 3 levels", richardson_derivative(np.exp, 1.0, 0.1, 3)),
    ("complex step, h = 1e-20", complex_step_derivative(np.exp, 1.0)),
):
    print(f"{label:32s} error {abs(estimate - e):.1e}")
