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


def test_few_colour_figures_get_a_palette_that_looks_the_same():
    import io

    import numpy as np
    from PIL import Image

    fig, ax = new_figure("Two curves")
    x = np.linspace(0, 6, 200)
    ax.plot(x, np.sin(x), x, np.cos(x))
    png = png_bytes(fig)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P"
    # The reference: matplotlib's own full-colour rendering of the same figure.
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    full = np.asarray(Image.open(buffer).convert("RGB"), dtype=float)
    palette = np.asarray(image.convert("RGB"), dtype=float)
    assert palette.shape == full.shape
    assert np.abs(palette - full).mean() < 1.0  # out of 255, averaged over the pixels
    assert len(png) < 0.6 * len(buffer.getvalue())


def test_many_colour_figures_keep_every_colour():
    import io

    import numpy as np
    from PIL import Image

    fig, ax = new_figure("Noise")
    ax.imshow(np.random.default_rng(0).random((120, 120)), cmap="viridis")
    image = Image.open(io.BytesIO(png_bytes(fig)))
    assert image.mode == "RGB"


@pytest.mark.parametrize(
    ("page_url", "prefix"),
    [
        ("", ""),
        ("linear-algebra/", "../"),
        ("linear-algebra/vectors/", "../../"),
        ("linear-algebra/vectors.html", "../"),  # use_directory_urls: false
    ],
)
def test_figures_are_files_referenced_from_the_page(page_url, prefix):
    import io
    import posixpath
    import re

    from PIL import Image

    hooks.figure_files.clear()
    fig, ax = new_figure('A "quoted" <line>')
    ax.plot([0, 1], [0, 1])
    png = png_bytes(fig)
    tag = hooks.figure_img(png, 'A "quoted" <line>', page_url)
    src = re.search(r'src="([^"]+)"', tag).group(1)
    assert src.startswith(prefix + "assets/figures/") and src.endswith(".png")
    # The src, resolved from the page's folder, names the file the build writes.
    folder = page_url.rpartition("/")[0]
    resolved = posixpath.normpath(posixpath.join(folder, src))
    assert resolved == f"assets/figures/{posixpath.basename(src)}"
    assert hooks.figure_files == {posixpath.basename(src): png}
    width, height = Image.open(io.BytesIO(png)).size
    assert f'width="{width}" height="{height}"' in tag
    assert 'alt="A &quot;quoted&quot; &lt;line&gt;"' in tag and 'loading="lazy"' in tag
    hooks.figure_files.clear()
