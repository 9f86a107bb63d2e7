"""Figures of the site (snippets/plotting.py): descriptions, and palette PNGs that look the same."""

from __future__ import annotations

import pytest

from snippets.plotting import new_figure, png_bytes


def test_figure_without_description_is_rejected():
    fig, _ = new_figure("x")
    fig.set_label("")
    with pytest.raises(ValueError, match="fig has no description"):
        png_bytes(fig)
    with pytest.raises(ValueError, match="description must be a non-empty string"):
        new_figure("  ")


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
