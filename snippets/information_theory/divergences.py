"""Divergences: KL divergence, Gaussian KL and the VAE term, forward vs reverse KL,
cross-entropy from logits, Jensen–Shannon divergence.

Page: docs/information-theory/divergences.md
"""

# --8<-- [start:imports]
import numpy as np
from numpy.typing import ArrayLike
from scipy.integrate import trapezoid
from scipy.linalg import solve_triangular
from scipy.optimize import minimize

# --8<-- [end:imports]
from matplotlib.figure import Figure

from snippets.checks import as_array, as_probability
from snippets.information_theory.entropy import (
    covariance_cholesky,
    log_base,
)
from snippets.numerical_methods.floating_point import log_softmax, logsumexp
from snippets.plotting import new_figure


# --8<-- [start:kl_divergence]
def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = np.e) -> float:
    """Return D_KL(p || q) = sum p_i log(p_i / q_i), with 0 log 0 = 0.

    Returns inf when q_i = 0 for some p_i > 0: q calls impossible what p says happens.

    Examples
    --------
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1]), 6)
    0.510826
    """
    p, q = as_probability(p, "p"), as_probability(q, "q")
    if p.shape != q.shape:
        raise ValueError(
            f"p and q must have the same length, got {p.size} and {q.size}"
        )
    support = p > 0  # terms with p_i = 0 are 0, whatever q_i is
    if np.any(support & (q == 0)):
        return np.inf
    # log p - log q rather than log(p / q): the ratio of tiny numbers can overflow
    log_ratio = np.log(np.where(support, p, 1.0)) - np.log(np.where(support, q, 1.0))
    kl = float(np.sum(p * log_ratio))
    return max(kl, 0.0) / log_base(base)  # KL >= 0; rounding can leave -1e-17


# --8<-- [end:kl_divergence]


# --8<-- [start:cross_entropy]
def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = np.e) -> float:
    """Return H(p, q) = -sum p_i log q_i: the average surprisal of q on data from p.

    Returns inf when q_i = 0 for some p_i > 0.

    Examples
    --------
    >>> round(cross_entropy([1.0, 0.0], [0.8, 0.2]), 6)  # -log 0.8
    0.223144
    """
    p, q = as_probability(p, "p"), as_probability(q, "q")
    if p.shape != q.shape:
        raise ValueError(
            f"p and q must have the same length, got {p.size} and {q.size}"
        )
    support = p > 0
    if np.any(support & (q == 0)):
        return np.inf
    return float(0.0 - np.sum(p * np.log(np.where(support, q, 1.0))) / log_base(base))


# --8<-- [end:cross_entropy]


# --8<-- [start:cross_entropy_from_logits]
def cross_entropy_from_logits(logits: ArrayLike, labels: ArrayLike) -> float:
    """Return the mean of -log softmax(z_i)[y_i] over samples: the classification loss.

    logits has shape (n, k) (or (k,) for one sample); labels holds n integer class
    indices in [0, k). Computed with log_softmax, so it stays exact for huge logits.

    Examples
    --------
    >>> cross_entropy_from_logits([[1000.0, 0.0]], [1])  # softmax would give 0 -> inf
    1000.0
    """
    z = as_array(logits, "logits")
    if z.ndim == 1:
        z = z[None, :]
    if z.ndim != 2:
        raise ValueError(f"logits must have shape (k,) or (n, k), got shape {z.shape}")
    n, k = z.shape
    y = np.atleast_1d(np.asarray(labels))
    if y.shape != (n,):
        raise ValueError(
            f"labels must hold one class index per row of logits ({n}), "
            f"got shape {y.shape}"
        )
    if not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"labels must be integer class indices, got dtype {y.dtype}")
    if np.any((y < 0) | (y >= k)):
        raise ValueError(f"labels must be class indices in [0, {k}), got {y.tolist()}")
    log_probs = log_softmax(z, axis=1)  # z - logsumexp(z): no exp overflows
    return float(0.0 - np.mean(log_probs[np.arange(n), y]))


# --8<-- [end:cross_entropy_from_logits]


# --8<-- [start:kl_gaussians]
def kl_gaussians(
    mu_p: ArrayLike, cov_p: ArrayLike, mu_q: ArrayLike, cov_q: ArrayLike
) -> float:
    """Return D_KL(N(mu_p, cov_p) || N(mu_q, cov_q)) in nats, by the closed form.

    Means are vectors (or scalars); covariances are matrices (or variances).

    Examples
    --------
    >>> round(kl_gaussians(0.0, 1.0, 1.0, 1.0), 6)  # shift by one sd: 1/2
    0.5
    """
    mp = np.atleast_1d(as_array(mu_p, "mu_p"))
    mq = np.atleast_1d(as_array(mu_q, "mu_q"))
    if mp.ndim != 1 or mp.shape != mq.shape:
        raise ValueError(
            f"mu_p and mu_q must be vectors of the same length, "
            f"got shapes {mp.shape} and {mq.shape}"
        )
    n = mp.size
    Lp, Lq = covariance_cholesky(cov_p, "cov_p"), covariance_cholesky(cov_q, "cov_q")
    if Lp.shape != (n, n) or Lq.shape != (n, n):
        raise ValueError(f"cov_p and cov_q must be {n} x {n} to match the means")
    A = solve_triangular(Lq, Lp, lower=True)  # tr(cov_q^-1 cov_p) = ||A||_F^2
    d = solve_triangular(Lq, mq - mp, lower=True)  # Mahalanobis distance = ||d||^2
    log_det_ratio = 2.0 * np.sum(np.log(np.diag(Lq)) - np.log(np.diag(Lp)))
    kl = 0.5 * (np.sum(A**2) + d @ d - n + log_det_ratio)
    return max(float(kl), 0.0)  # KL >= 0; rounding can leave -1e-16


# --8<-- [end:kl_gaussians]


# --8<-- [start:vae_kl]
def vae_kl(mu: ArrayLike, log_var: ArrayLike) -> np.ndarray | float:
    """Return D_KL(N(mu, diag(exp(log_var))) || N(0, I)) summed over the last axis.

    A (m, d) batch gives m values; one (d,) vector gives a float.

    Examples
    --------
    >>> vae_kl([0.0, 0.0], [0.0, 0.0])  # the encoder already outputs the prior
    0.0
    """
    m = as_array(mu, "mu")
    lv = as_array(log_var, "log_var")
    if m.shape != lv.shape or m.ndim not in (1, 2):
        raise ValueError(
            f"mu and log_var must have the same shape (d,) or (m, d), "
            f"got {m.shape} and {lv.shape}"
        )
    # exp(lv) - 1 - lv, written with expm1 to stay accurate for small log-variances
    kl = 0.5 * np.sum(np.expm1(lv) - lv + m**2, axis=-1)
    return float(kl) if kl.ndim == 0 else kl


# --8<-- [end:vae_kl]


# --8<-- [start:jensen_shannon]
def jensen_shannon(p: ArrayLike, q: ArrayLike, base: float = np.e) -> float:
    """Return JS(p, q) = KL(p || m)/2 + KL(q || m)/2 with m = (p + q)/2.

    Symmetric, finite and at most log(2) (1 bit), even where p or q is zero.

    Examples
    --------
    >>> jensen_shannon([1.0, 0.0], [0.0, 1.0], base=2)  # disjoint supports: 1 bit
    1.0
    """
    p, q = as_probability(p, "p"), as_probability(q, "q")
    if p.shape != q.shape:
        raise ValueError(
            f"p and q must have the same length, got {p.size} and {q.size}"
        )
    scale = log_base(base)
    total = p + q  # KL(x || m) with m = total/2; the ratio 2x/total lies in (0, 2]

    def half(x: np.ndarray) -> float:
        on = x > 0  # 0 log 0 = 0
        return float(np.sum(x[on] * np.log(2 * x[on] / total[on])))

    # Not m = (p + q)/2 itself: halving the smallest subnormal gives 0, and KL(q || 0)
    # would be inf. The ratio form stays finite.
    return 0.5 * (half(p) + half(q)) / scale


# --8<-- [end:jensen_shannon]


# --8<-- [start:mixture_logpdf]
def mixture_logpdf(
    x: ArrayLike, weights: ArrayLike, means: ArrayLike, stds: ArrayLike
) -> np.ndarray | float:
    """Return log p(x) of the 1-D Gaussian mixture sum_k w_k N(x; mu_k, s_k^2).

    Computed with logsumexp over the components, so it is finite far in the tails.

    Examples
    --------
    >>> round(mixture_logpdf(0.0, [1.0], [0.0], [1.0]), 6)  # log N(0; 0, 1)
    -0.918939
    """
    x = as_array(x, "x")
    w = as_probability(weights, "weights")
    mu, s = as_array(means, "means", ndim=1), as_array(stds, "stds", ndim=1)
    if not (w.shape == mu.shape == s.shape):
        raise ValueError("weights, means and stds must have the same length")
    if np.any(w <= 0) or np.any(s <= 0):
        raise ValueError("weights and stds must be positive")
    z = (x[..., None] - mu) / s  # one column per component
    log_terms = np.log(w) - 0.5 * z**2 - np.log(s) - 0.5 * np.log(2 * np.pi)
    return logsumexp(log_terms, axis=-1)


# --8<-- [end:mixture_logpdf]


# --8<-- [start:fit_gaussian_kl]
def fit_gaussian_kl(
    x: ArrayLike,
    log_p: ArrayLike,
    direction: str = "forward",
    *,
    init: tuple[float, float] | None = None,
    tol: float = 1e-8,
    max_iter: int = 2000,
) -> tuple[float, float]:
    """Return (mu, sigma) of the Gaussian q minimizing a KL to the density p on a grid.

    direction="forward" minimizes D_KL(p || q) (mass-covering), "reverse" minimizes
    D_KL(q || p) (mode-seeking). x is an increasing grid, log_p the log-density on it;
    p must have (almost) all its mass on the grid, and is taken as 0 outside it.
    The forward fit uses the exact Gaussian density: the fit over all Gaussians.
    The reverse fit renormalizes q on the grid (a wide q cannot escape by leaving it),
    so it fits a Gaussian truncated to [x[0], x[-1]]. If the result puts more than 1e-3
    of its mass outside the grid, D_KL(q || p) is infinite for the untruncated q and
    the function raises ValueError instead of returning the truncated fit.
    The search starts at init (default: the highest point of p, sigma = sd(p) / 2).

    Examples
    --------
    >>> x = np.linspace(-10, 10, 2001)
    >>> mu, sigma = fit_gaussian_kl(x, -0.5 * (x - 1) ** 2 - 0.5 * np.log(2 * np.pi))
    >>> round(mu, 4), round(sigma, 4)  # p is N(1, 1): the fit recovers it
    (1.0, 1.0)
    """
    x, lp = as_array(x, "x", ndim=1), as_array(log_p, "log_p", ndim=1)
    if x.shape != lp.shape or x.size < 3:
        raise ValueError("x and log_p must have the same length (at least 3 points)")
    if np.any(np.diff(x) <= 0):
        raise ValueError("x must be strictly increasing")
    p = np.exp(lp)
    mass = trapezoid(p, x)
    if abs(mass - 1.0) > 1e-3:
        raise ValueError(f"exp(log_p) must integrate to 1 over x, got {mass:.6g}")
    if direction not in ("forward", "reverse"):
        raise ValueError(f"direction must be 'forward' or 'reverse', got {direction!r}")
    if not (isinstance(max_iter, int) and max_iter > 0 and tol > 0):
        raise ValueError("max_iter must be a positive int and tol must be > 0")

    def log_gauss(theta: np.ndarray) -> np.ndarray:
        mu, log_sigma = theta
        z = (x - mu) / np.exp(log_sigma)
        return -0.5 * z**2 - log_sigma - 0.5 * np.log(2 * np.pi)

    def kl(theta: np.ndarray) -> float:
        log_q = log_gauss(theta)
        if direction == "forward":  # exact q: p's mass is on the grid
            return float(trapezoid(p * (lp - log_q), x))
        mass_q = trapezoid(np.exp(log_q), x)
        if not mass_q > 0:  # sigma far below the grid spacing: reject this step
            return np.inf
        log_q -= np.log(mass_q)  # q truncated to the grid and renormalized
        return float(trapezoid(np.exp(log_q) * (log_q - lp), x))

    if init is None:
        sd = np.sqrt(trapezoid(p * (x - trapezoid(p * x, x)) ** 2, x))
        init = (float(x[np.argmax(lp)]), float(sd / 2))
    if not init[1] > 0:
        raise ValueError(f"init sigma must be positive, got {init[1]}")
    start = np.array([init[0], np.log(init[1])])
    # a first simplex on the scale of the problem (scipy's default step in
    # log(sigma) would be 0.00025 and the search could crawl)
    simplex = start + np.array([[0.0, 0.0], [init[1], 0.0], [0.0, 0.5]])
    result = minimize(
        kl,
        start,
        method="Nelder-Mead",
        options={
            "xatol": tol,
            "fatol": tol,
            "maxiter": max_iter,
            "initial_simplex": simplex,
        },
    )
    if not result.success:
        raise RuntimeError(f"no convergence in max_iter={max_iter}: {result.message}")
    outside = 1.0 - trapezoid(np.exp(log_gauss(result.x)), x)
    if direction == "reverse" and outside > 1e-3:
        raise ValueError(
            f"the reverse fit puts {outside:.3g} of q's mass outside the grid, where p "
            "is taken as 0, so KL(q || p) is infinite for the untruncated Gaussian; "
            "widen x if p has mass there"
        )
    return float(result.x[0]), float(np.exp(result.x[1]))


# --8<-- [end:fit_gaussian_kl]


def _gaussian_pdf(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))


def plot_kl_fits(
    weights: tuple[float, ...] = (0.6, 0.4),
    means: tuple[float, ...] = (-2.5, 2.5),
    stds: tuple[float, ...] = (0.8, 0.8),
) -> Figure:
    """Draw a bimodal mixture p and the Gaussians fitted by forward and reverse KL."""
    x = np.linspace(-15.0, 15.0, 3001)
    log_p = np.asarray(mixture_logpdf(x, weights, means, stds))
    mu_f, sd_f = fit_gaussian_kl(x, log_p, "forward")
    mu_r, sd_r = fit_gaussian_kl(x, log_p, "reverse")
    if abs(mu_f - mu_r) > sd_r:
        shape = (
            "The forward fit is one wide bell covering all the bumps; the reverse "
            "fit is a narrow bell sitting on the tallest bump, ignoring the others."
        )
    else:
        shape = "The two fits nearly coincide."
    centers = ", ".join(f"{m:g}" for m in means)
    fig, ax = new_figure(
        f"A mixture density p of Gaussian bumps centered at {centers}, shaded, with "
        f"two Gaussian fits drawn over it: the forward-KL fit, minimizing KL(p || q), "
        f"with mean {mu_f:.2f} and standard deviation {sd_f:.2f}, and the reverse-KL "
        f"fit, minimizing KL(q || p), with mean {mu_r:.2f} and standard deviation "
        f"{sd_r:.2f}. {shape}",
        width=6.4,
        height=3.8,
    )
    ax.fill_between(x, np.exp(log_p), color="#bbbbbb", label="mixture $p$")
    ax.plot(
        x,
        _gaussian_pdf(x, mu_f, sd_f),
        label=rf"forward $D_{{KL}}(p\|q)$: $\mu$={mu_f:.2f}, $\sigma$={sd_f:.2f}",
    )
    ax.plot(
        x,
        _gaussian_pdf(x, mu_r, sd_r),
        "--",
        label=rf"reverse $D_{{KL}}(q\|p)$: $\mu$={mu_r:.2f}, $\sigma$={sd_r:.2f}",
    )
    lo, hi = min(means) - 4 * max(stds), max(means) + 4 * max(stds)
    ax.set_xlim(lo, hi)
    ax.set_xlabel("$x$")
    ax.set_ylabel("density")
    ax.set_title("Fitting one Gaussian $q$ to a mixture $p$")
    ax.legend(loc="upper right", fontsize=8)
    return fig
