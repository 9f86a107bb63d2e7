"""KaTeX's fonts, subset to the characters that the pages' math uses.

KaTeX places every glyph itself (its metrics are in its JavaScript, not read from the
fonts), so a font needs only the characters the pages draw: R (drawn for ℝ) and ≤
rather than the whole AMS set. That cuts the fonts a page loads by about a third.
A subset is kept in the build cache under the hash of its character set.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from site_plugins.cache import BuildCache


def subset_font(source: Path, target: Path, chars: set[str]) -> None:
    """Write ``source`` (WOFF2) to ``target`` keeping only the glyphs of ``chars``."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes={ord(c) for c in chars})
        subsetter.subset(font)
        subset.save_font(font, str(target), options)
    finally:
        font.close()


def subset_fonts(chars: set[str], fonts: Path, target: Path, cache: BuildCache) -> None:
    """Subset every WOFF2 font of ``fonts`` into ``target``, through the cache."""
    sources = sorted(fonts.glob("*.woff2"))
    key = cache.key("fonts", "".join(sorted(chars)), *(p.read_bytes() for p in sources))
    stored = cache.path("fonts", key, "")
    if not (cache.enabled and stored.is_dir()):
        work = stored if cache.enabled else target
        work.mkdir(parents=True, exist_ok=True)
        for source in sources:
            subset_font(source, work / source.name, chars)
    if cache.enabled:
        shutil.copytree(stored, target, dirs_exist_ok=True)
