"""One warm worker pool for the build's Python work: figures and labs.

The workers are spawned (not forked: the build runs threads) once per build, or once
per `mkdocs serve` session, and import NumPy, SciPy, scikit-learn, Matplotlib, IPython
and the snippets package before the first task, so a task pays only for its own work.
Each task starts from the current snippets code (see :mod:`site_plugins.worker`).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from site_plugins import worker


class WarmPool:
    """A lazily started process pool whose workers preload the scientific stack."""

    def __init__(self, root: Path, workers: int):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.root = root
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=worker.warm_up,
                initargs=(str(self.root),),
            )
        return self._executor

    def submit(self, function: Any, *args: Any) -> Future[Any]:
        """Run ``worker.<function>(*args)`` in a warm worker."""
        return self._start().submit(function, *args)

    def draw_figure(self, module: str, function: str) -> Future[tuple[str, bytes]]:
        return self.submit(worker.draw_figure, module, function)

    def execute_lab(self, source: Path) -> Future[tuple[str, float]]:
        return self.submit(worker.execute_lab, str(source))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
