"""Labs and figures as the warm pool runs them (called in this process)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from site_plugins import worker
from site_plugins.figures import png_facts

LAB = """# %% [markdown]
# # A lab

# %%
from snippets.plotting import new_figure, show_figures_with_descriptions

show_figures_with_descriptions()
print("one")
print("two")

# %%
fig, ax = new_figure("A rising line")
_ = ax.plot([0, 1], [0, 1])
fig

# %%
21 * 2
"""


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    path = tmp_path / "lab_x.py"
    path.write_text(LAB)
    return path


def test_execute_lab_gives_the_outputs_a_kernel_would(lab: Path):
    text, seconds = worker.execute_lab(str(lab))
    assert seconds > 0
    cells = [c for c in json.loads(text)["cells"] if c["cell_type"] == "code"]
    (stream,) = cells[0]["outputs"]  # one stream output, stored as lines
    assert (stream["output_type"], stream["name"]) == ("stream", "stdout")
    assert "".join(stream["text"]) == "one\ntwo\n"
    figure = cells[1]["outputs"][0]
    assert figure["output_type"] == "execute_result"
    png = base64.b64decode(figure["data"]["image/png"])
    assert png_facts(png)[2] == "A rising line"
    assert "".join(cells[2]["outputs"][0]["data"]["text/plain"]) == "42"
    assert [c["execution_count"] for c in cells] == [1, 2, 3]


def test_execute_lab_is_deterministic(lab: Path):
    assert worker.execute_lab(str(lab))[0] == worker.execute_lab(str(lab))[0]


def test_a_failing_cell_fails_the_lab(tmp_path: Path):
    path = tmp_path / "lab_bad.py"
    path.write_text("# %%\nx = 1\n\n# %%\n1 / 0\n")
    with pytest.raises(
        RuntimeError, match=r"code cell 1 failed:(.|\n)*ZeroDivisionError"
    ):
        worker.execute_lab(str(path))


def test_draw_figure_returns_the_description_and_a_png():
    label, png = worker.draw_figure(
        "snippets.linear_algebra.vectors", "plot_unit_balls"
    )
    width, height, text = png_facts(png)
    assert text == label and label
    assert width > 100 and height > 100
