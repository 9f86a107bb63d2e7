"""Unit tests of the site hooks (overrides/hooks/site.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from snippets.plotting import new_figure, png_bytes

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "site_hooks", ROOT / "overrides/hooks/site.py"
)
assert spec and spec.loader
hooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hooks)


def test_runnable_code_strips_prompts_and_drops_output():
    console = (
        ">>> import numpy as np\n"
        ">>> for i in range(2):\n"
        "...     print(i)\n"
        "0\n"
        "1\n"
        ">>> np.arange(3)\n"
        "array([0, 1, 2])\n"
        "...\n"  # an ELLIPSIS output line is output, not a continuation
    )
    assert hooks.runnable_code(console) == (
        "import numpy as np\nfor i in range(2):\n    print(i)\nnp.arange(3)\n"
    )


def test_pycon_blocks_get_their_copy_text():
    block = (
        '<div class="language-pycon highlight"><pre><span></span><code>'
        '<span class="gp">&gt;&gt;&gt; </span>x = 1 &lt; 2\n'
        '<span class="go">True</span>\n</code></pre></div>'
    )
    out = hooks.PYCON_BLOCK.sub(hooks._add_copy_text, block)
    assert 'data-copy="x = 1 &lt; 2\n"' in out


@pytest.mark.parametrize(
    "text", ["Three points on a line", "Eckart–Young: σ₁ ≥ σ₂ ≥ …"]
)
def test_png_description_round_trip(text):
    fig, ax = new_figure(text)
    ax.plot([0, 1, 2], [0, 1, 2])
    assert hooks.png_description(png_bytes(fig)) == text


def test_figure_without_description_is_rejected():
    fig, _ = new_figure("x")
    fig.set_label("")
    with pytest.raises(ValueError, match="fig has no description"):
        png_bytes(fig)
    with pytest.raises(ValueError, match="description must be a non-empty string"):
        new_figure("  ")


def test_area_pages_must_match_the_folder(tmp_path):
    area = tmp_path / "area"
    area.mkdir()
    (area / "a.md").write_text("# A\n")
    (area / "lab_x.py").write_text("# %%\n")
    index = area / "index.md"
    index.write_text("---\npages:\n  - a.md\n---\n# Area\n")
    with pytest.raises(Exception, match=r"present but unlisted \['lab_x.py'\]"):
        hooks.area_pages(index)
    index.write_text("---\npages:\n  - a.md\n  - lab_x.py\n  - b.md\n---\n# Area\n")
    with pytest.raises(Exception, match=r"listed but absent \['b.md'\]"):
        hooks.area_pages(index)
    index.write_text("---\npages:\n  - a.md\n  - lab_x.py\n---\n# Area\n")
    assert hooks.area_pages(index) == ["a.md", "lab_x.py"]
