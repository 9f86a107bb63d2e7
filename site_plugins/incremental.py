"""Which pages an incremental rebuild (`mkdocs serve --dirty`) must redo.

MkDocs redoes a page only when its own source is newer than its HTML. A page also
depends on what it includes and draws: the snippet sections it shows, the modules its
figures import, the modules a lab imports, the package an API page documents. This
plugin keeps a fingerprint of those per page across rebuilds, and removes the HTML of
every page whose fingerprint changed, so that MkDocs redoes exactly those pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from site_plugins.cache import ModuleGraph, module_file, sha, site_cache
from site_plugins.scan import PageScan

API_PAGE = re.compile(r"^api/(?P<folder>[\w-]+)/(?P<stem>\w+)\.md$")


SECTION = re.compile(
    r"^[ \t]*# --8<-- \[start:(?P<name>\w+)\]\n(?P<text>.*?)^[ \t]*# --8<-- \[end:(?P=name)\]",
    re.MULTILINE | re.DOTALL,
)


def sections(source: str) -> dict[str, str]:
    """The named ``--8<--`` sections of a module's source, by name."""
    return {m["name"]: m["text"] for m in SECTION.finditer(source)}


def page_fingerprint(graph: ModuleGraph, scan: PageScan) -> str:
    """What a Markdown page shows besides its own text: sections and figure modules."""
    parts: list[str | bytes] = []
    for module, section, _ in scan.includes:
        path = module_file(graph.root, module)
        shown = graph.fact(path, "sections", sections).get(section, "") if path else ""
        parts += [module, section, shown]
    figures = [module for module, _, _ in scan.figures]
    for path in graph.closure(figures):
        parts += [str(path), path.read_bytes()]
    return sha(*parts)


def module_fingerprint(root: Path, folder: str, stem: str) -> str:
    """What an API page documents: its module's source (docstrings and signatures)."""
    path = root / "snippets" / folder.replace("-", "_") / f"{stem}.py"
    return sha(path.read_bytes() if path.is_file() else b"")


class IncrementalPlugin(BasePlugin):
    def __init__(self) -> None:
        self.active = False
        self.fingerprints: dict[str, str] = {}
        self.redone: list[str] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.active = dirty

    def fingerprint(self, file: Any, config: Any) -> str | None:
        core = site_cache(config)
        uri = file.src_uri
        if uri in core.pages:
            return page_fingerprint(core.graph, core.pages[uri])
        api = API_PAGE.match(uri)
        if api:
            return module_fingerprint(core.root, api["folder"], api["stem"])
        labs = config.plugins["site-labs"]
        if uri in labs.executed:
            return str(labs.executed[uri])
        return None

    @event_priority(-100)  # last: after the generated pages and the labs are known
    def on_files(self, files: Files, config: Any) -> Files:
        self.redone = []
        if not self.active:
            return files
        for file in files.documentation_pages():
            now = self.fingerprint(file, config)
            before = self.fingerprints.get(file.src_uri)
            dest = Path(file.abs_dest_path)
            if before is not None and now != before and dest.is_file():
                dest.unlink()
                self.redone.append(file.src_uri)
            if now is not None:
                self.fingerprints[file.src_uri] = now
        return files
