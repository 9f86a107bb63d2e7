"""Figures drawn from the package at build time and served from their own PNG files.

A page asks for a figure with one line, ``<!-- figure: snippets.<area>.<page>:plot_x -->``.
Every figure of the build is started in the warm pool as soon as the pages are known,
and read from the cache when the modules it depends on are unchanged. Each PNG is served
from ``assets/figures/<hash>.png``, sized and lazily loaded: inlined as a data URI it
would weigh a third more and travel inside the HTML even far below the fold. The PNG's
``Description`` text (written by :func:`snippets.plotting.png_bytes`) is its alt text.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import posixpath
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from site_plugins.cache import site_cache
from site_plugins.scan import FIGURE

FIGURE_DIR = "assets/figures"


def png_facts(png: bytes) -> tuple[int, int, str | None]:
    """Width, height and ``Description`` text of a PNG."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        text = getattr(image, "text", {}).get("Description")
        return image.width, image.height, text


def figure_img(png: bytes, alt: str, page_url: str) -> tuple[str, str]:
    """The file name for ``png`` and an ``<img>`` that shows it from ``page_url``."""
    name = hashlib.sha256(png).hexdigest()[:16] + ".png"
    width, height, _ = png_facts(png)
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    src = posixpath.relpath(f"{FIGURE_DIR}/{name}", base or ".")
    tag = (
        f'<img alt="{html.escape(alt, quote=True)}" width="{width}" height="{height}" '
        f'loading="lazy" decoding="async" src="{src}">'
    )
    return name, tag


class FiguresPlugin(BasePlugin):
    """Draws the figures of pages; the labs plugin adds those of notebooks."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.runs: dict[tuple[str, str], Future[tuple[str, bytes]]] = {}
        self.keys: dict[tuple[str, str], str] = {}

    @event_priority(60)  # before the labs: figures are short and wanted first
    def on_files(self, files: Any, config: Any) -> Any:
        core = site_cache(config)
        assert core.cache is not None and core.pool is not None
        self.files.clear()
        self.runs.clear()
        wanted = {
            (module, function)
            for scan in core.pages.values()
            for module, function, _ in scan.figures
        }
        for module, function in sorted(wanted):
            deps = core.graph.closure([module])
            key = core.cache.files_key("figure", deps, module, function)
            self.keys[module, function] = key
            if core.cache.get("figures", key, ".json") is None:
                self.runs[module, function] = core.pool.draw_figure(module, function)
        return files

    def add(self, png: bytes, alt: str, page_url: str) -> str:
        """Register a figure file; return the ``<img>`` that shows it."""
        name, tag = figure_img(png, alt, page_url)
        self.files[name] = png
        return tag

    def figure(self, module: str, function: str, config: Any) -> tuple[str, bytes]:
        cache = site_cache(config).cache
        assert cache is not None
        key = self.keys[module, function]
        stored = cache.get("figures", key, ".json")
        if stored is not None:
            label, hexdata = json.loads(stored)
            return label, bytes.fromhex(hexdata)
        run = self.runs.pop((module, function))
        try:
            label, png = run.result()
        except Exception as error:
            raise PluginError(
                f"figure {module}:{function} failed: {error!r}"
            ) from error
        cache.put("figures", key, json.dumps([label, png.hex()]).encode(), ".json")
        return label, png

    def on_page_markdown(self, markdown: str, page: Any, config: Any, **_: Any) -> str:
        def replace(match: Any) -> str:
            label, png = self.figure(match["module"], match["function"], config)
            tag = self.add(png, label, page.url)
            return f'<figure class="site-figure">{tag}</figure>'

        return FIGURE.sub(replace, markdown)

    def on_post_build(self, config: Any) -> None:
        target = Path(config.site_dir) / FIGURE_DIR
        target.mkdir(parents=True, exist_ok=True)
        for name, png in self.files.items():
            path = target / name
            if not path.is_file():
                path.write_bytes(png)
