"""What runs inside the warm pool's worker processes (see :mod:`site_plugins.pool`).

Labs run in an in-process IPython shell, not in a Jupyter kernel: the outputs are the
ones a kernel would send (streams, ``execute_result`` of a cell's last expression with
every format IPython's formatters give, ``display_data``), without a kernel's start-up
and imports for every lab.
"""

from __future__ import annotations

import base64
import importlib
import os
import re
import sys
import tempfile
import time
from typing import Any

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warm_up(root: str) -> None:
    """Import the scientific stack and the snippets package once per worker."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ["IPYTHONDIR"] = tempfile.mkdtemp(prefix="site-ipython-")
    os.chdir(root)
    if root not in sys.path:
        sys.path.insert(0, root)
    for name in (
        "numpy",
        "scipy.linalg",
        "scipy.stats",
        "scipy.optimize",
        "scipy.sparse",
        "sklearn.datasets",
        "sklearn.decomposition",
        "sklearn.linear_model",
        "matplotlib.figure",
        "IPython.core.interactiveshell",
        "jupytext",
        "nbformat",
        "snippets.plotting",
    ):
        importlib.import_module(name)


def forget_snippets() -> None:
    """Drop imported snippets modules, so that the next import reads the current code."""
    for name in [
        n for n in sys.modules if n == "snippets" or n.startswith("snippets.")
    ]:
        del sys.modules[name]


def draw_figure(module: str, function: str) -> tuple[str, bytes]:
    """Call ``module.function()``; return its description and its PNG."""
    forget_snippets()
    from snippets.plotting import png_bytes

    fig = getattr(importlib.import_module(module), function)()
    return fig.get_label(), png_bytes(fig)


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """Format data as a notebook stores it: binary formats base64-encoded."""
    return {
        mime: base64.b64encode(value).decode("ascii")
        if isinstance(value, bytes)
        else value
        for mime, value in data.items()
    }


class _Stream:
    """A file object that appends what is written to the cell's outputs."""

    def __init__(self, outputs: list[dict[str, Any]], name: str):
        self.outputs, self.name = outputs, name

    def write(self, text: str) -> int:
        if self.outputs and self.outputs[-1].get("name") == self.name:
            self.outputs[-1]["text"] += text
        elif text:
            self.outputs.append(
                {"output_type": "stream", "name": self.name, "text": text}
            )
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _shell(outputs: list[dict[str, Any]]) -> Any:
    """A fresh IPython shell whose displays go to ``outputs``, as a kernel's would."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class Hook(DisplayHook):
        def start_displayhook(self) -> None:
            pass

        def write_output_prompt(self) -> None:
            pass

        def write_format_data(self, format_dict: Any, md_dict: Any = None) -> None:
            outputs.append(
                {
                    "output_type": "execute_result",
                    "execution_count": self.prompt_count,
                    "data": _jsonable(format_dict),
                    "metadata": md_dict or {},
                }
            )

        def finish_displayhook(self) -> None:
            pass

    class Publisher(DisplayPublisher):
        def publish(
            self, data: Any, metadata: Any = None, *args: Any, **kw: Any
        ) -> None:
            outputs.append(
                {
                    "output_type": "display_data",
                    "data": _jsonable(data),
                    "metadata": metadata or {},
                }
            )

    config = Config()
    config.HistoryManager.enabled = False
    InteractiveShell.clear_instance()
    return InteractiveShell.instance(
        config=config, displayhook_class=Hook, display_pub_class=Publisher
    )


def execute_lab(path: str) -> tuple[str, float]:
    """Execute a jupytext lab; return the executed notebook (``.ipynb`` JSON) and the
    seconds it took.

    A cell that raises fails the lab with the cell's traceback.
    """
    import jupytext
    import nbformat

    start = time.perf_counter()
    forget_snippets()
    nb = jupytext.read(path)
    for index, cell in enumerate(nb.cells):  # jupytext makes random ids: fix them
        cell.id = f"cell-{index}"
    outputs: list[dict[str, Any]] = []
    shell = _shell(outputs)
    count = 0
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            outputs.clear()
            saved = sys.stdout, sys.stderr
            sys.stdout, sys.stderr = (
                _Stream(outputs, "stdout"),
                _Stream(outputs, "stderr"),
            )
            try:
                result = shell.run_cell(cell.source, store_history=True)
            finally:
                sys.stdout, sys.stderr = saved
            if not result.success:
                text = ANSI.sub("", "".join(o.get("text", "") for o in outputs))
                raise RuntimeError(f"{path}: code cell {index} failed:\n{text[-3000:]}")
            cell.execution_count = count
            for output in outputs:
                if output["output_type"] == "execute_result":
                    output["execution_count"] = count
            cell.outputs = [nbformat.from_dict(o) for o in outputs]
    finally:
        shell.clear_instance()
    nbformat.validate(nb)
    return nbformat.writes(nb), time.perf_counter() - start
