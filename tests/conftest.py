"""Shared test settings: one BLAS thread per process, and the hypothesis profiles."""

import os

from hypothesis import HealthCheck, settings
from threadpoolctl import threadpool_limits

# The tests run in as many processes as there are cores (pytest-xdist), beside the site
# build. A BLAS that starts threads of its own in each process oversubscribes the cores,
# and its threads spin while they wait: the small matrices of the tests then take several
# times longer. One thread per process, here and in the processes the tests start (the
# variables are inherited; NumPy is already loaded here, so its pool is limited directly).
_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
if not any(name in os.environ for name in _THREADS):
    os.environ.update(dict.fromkeys(_THREADS, "1"))
    threadpool_limits(1)

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "default")
