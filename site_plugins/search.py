"""Search ranking: a concept's name, or a synonym, finds the page that teaches it first.

Material ranks results by page, and a page's title outweighs the headings of its
sections: "conjugate gradient" found "Gradients and Jacobians" before the page with a
section called "Conjugate gradient". The concept names (the ``##`` headings) and the
``synonyms:`` of a page's front matter become the page's search tags, the field
Material weighs most. Lab pages, worked examples of concepts taught elsewhere, get a
lower boost than concept pages.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from site_plugins.cache import site_cache
from site_plugins.labs import is_lab
from site_plugins.nav import nav_plugin


class SearchConfig(Config):
    lab_boost = c.Type(float, default=0.5)


class SearchTagsPlugin(BasePlugin[SearchConfig]):
    def on_page_markdown(self, markdown: str, page: Any, config: Any, **_: Any) -> str:
        uri = page.file.src_uri
        if is_lab(uri):
            page.meta.setdefault("search", {}).setdefault(
                "boost", self.config.lab_boost
            )
            return markdown
        if uri.split("/", 1)[0] not in {a.folder for a in nav_plugin(config).built}:
            return markdown
        scan = site_cache(config).pages.get(uri)
        concepts = [s.title for s in scan.concepts] if scan else []
        synonyms = page.meta.get("synonyms") or []
        if not isinstance(synonyms, list):
            raise PluginError(f"{uri}: synonyms must be a list")
        if concepts or synonyms:
            page.meta["tags"] = concepts + [str(s) for s in synonyms]
        return markdown
