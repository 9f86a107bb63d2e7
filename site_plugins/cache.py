"""One content-addressed cache for every build: `make serve`, `make site`, tests, deploy.

An entry is named by a hash of everything that can change it: its own sources (a page,
a lab, the snippets modules they import, transitively) and the build's global inputs
(uv.lock, package-lock.json, the Python version, mkdocs.yml and this package's code).
A stale entry is never read, because its name can no longer be computed; nothing is
ever invalidated by hand. Entries are written atomically, so concurrent builds are safe.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from site_plugins.pool import WarmPool
from site_plugins.scan import PageScan, scan_file

log = logging.getLogger("mkdocs.plugins.site")
PACKAGE = Path(__file__).resolve().parent


def sha(*parts: str | bytes) -> str:
    """A hex digest of ``parts``, unambiguous about where one part ends."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<module>snippets(?:\.\w+)*)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n#]+)|import[ \t]+(?P<plain>snippets(?:\.\w+)+))",
    re.MULTILINE,
)


def snippet_imports(source: str) -> set[str]:
    """The ``snippets`` modules that a Python source imports, anywhere in it.

    ``from snippets.a import b`` yields ``snippets.a`` and ``snippets.a.b`` (``b`` may
    be a module); the caller keeps the names that are files.
    """
    found: set[str] = set()
    for m in IMPORT.finditer(source):
        if m["plain"]:
            found.add(m["plain"])
            continue
        found.add(m["module"])
        names = m["names"].strip("() \t\n").replace("\n", " ").split(",")
        for name in names:
            name = name.split(" as ")[0].strip()
            if name.isidentifier():
                found.add(f"{m['module']}.{name}")
    return found


def module_file(root: Path, module: str) -> Path | None:
    """The source file of a ``snippets`` module under ``root``, if there is one."""
    path = root / Path(*module.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


class ModuleGraph:
    """The import graph of the snippets modules, read once per file version."""

    def __init__(self, root: Path):
        self.root = root
        self._facts: dict[tuple[Path, str], tuple[tuple[int, int], Any]] = {}

    def fact(self, path: Path, name: str, read: Callable[[str], Any]) -> Any:
        """``read(source of path)``, computed again only when the file changes."""
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        known = self._facts.get((path, name))
        if known is None or known[0] != version:
            known = (version, read(path.read_text(encoding="utf-8")))
            self._facts[path, name] = known
        return known[1]

    def imports(self, path: Path) -> set[str]:
        return set(self.fact(path, "imports", snippet_imports))

    def closure(self, modules: Iterable[str]) -> list[Path]:
        """The files of ``modules`` and of every snippets module they import."""
        seen: dict[str, Path] = {}
        pending = list(modules)
        while pending:
            module = pending.pop()
            if module in seen:
                continue
            path = module_file(self.root, module)
            if path is None:
                continue
            seen[module] = path
            pending.extend(self.imports(path))
        return sorted(set(seen.values()))


class BuildCache:
    """Files named by content hashes under ``directory``; ``enabled=False`` stores nothing."""

    def __init__(self, directory: Path, global_inputs: Iterable[Path], enabled: bool):
        self.directory = directory
        self.enabled = enabled
        files = sorted(set(global_inputs))
        self.global_key = sha(
            platform.python_version(),
            *(f"{p.name}\0".encode() + p.read_bytes() for p in files if p.is_file()),
        )

    def key(self, *parts: str | bytes) -> str:
        return sha(self.global_key, *parts)[:32]

    def files_key(self, kind: str, files: Iterable[Path], *extra: str) -> str:
        return self.key(kind, *extra, *(p.read_bytes() for p in sorted(set(files))))

    def path(self, kind: str, key: str, suffix: str) -> Path:
        return self.directory / kind / f"{key}{suffix}"

    def get(self, kind: str, key: str, suffix: str = "") -> bytes | None:
        path = self.path(kind, key, suffix)
        if self.enabled and path.is_file():
            return path.read_bytes()
        return None

    def put(self, kind: str, key: str, data: bytes, suffix: str = "") -> None:
        if not self.enabled:
            return
        path = self.path(kind, key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)


def global_inputs(config_file: Path) -> list[Path]:
    """What every cache entry depends on: locks, site config and this package's code."""
    root = config_file.parent
    return [
        root / "uv.lock",
        root / "package-lock.json",
        config_file,
        *sorted(PACKAGE.glob("*.py")),
    ]


class MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja templates in memory, for the rebuilds of one process."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Any) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Any) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class CacheConfig(Config):
    enabled = c.Type(bool, default=True)
    directory = c.Type(str, default=".cache/site")
    workers = c.Type(int, default=0)


class CachePlugin(BasePlugin[CacheConfig]):
    """Owns the cache and the warm pool; the other site plugins use both.

    It also times the build's stages (``stage <name>: <seconds> s`` at INFO level), which
    the bench reads.
    """

    def __init__(self) -> None:
        self.cache: BuildCache | None = None
        self.pool: WarmPool | None = None
        self.root = Path.cwd()
        self.keep_pool = False
        #: Every Markdown page of the docs, scanned once per build (by source URI).
        self.pages: dict[str, PageScan] = {}
        self.graph = ModuleGraph(self.root)
        self.templates = MemoryBytecodeCache()
        self._started = 0.0
        self._last = 0.0

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.keep_pool = command == "serve"

    def on_config(self, config: Any) -> Any:
        self._started = self._last = time.perf_counter()
        self.root = Path(config.config_file_path).resolve().parent
        if self.graph.root != self.root:
            self.graph = ModuleGraph(self.root)
        directory = Path(self.config.directory)
        if not directory.is_absolute():
            directory = self.root / directory
        self.cache = BuildCache(
            directory, global_inputs(Path(config.config_file_path)), self.config.enabled
        )
        if self.pool is None:
            log.debug("starting the warm pool")
            self.pool = WarmPool(self.root, self.config.workers or os.cpu_count() or 2)
        return config

    def stage(self, name: str) -> None:
        """Log the time since the previous stage."""
        now = time.perf_counter()
        log.info("stage %s: %.2f s", name, now - self._last)
        self._last = now

    @event_priority(100)  # first: the other plugins read the scans
    def on_files(self, files: Any, config: Any) -> Any:
        self.pages = {
            f.src_uri: scan_file(Path(f.abs_src_path))
            for f in files.documentation_pages()
            if f.src_uri.endswith(".md") and f.abs_src_path and not f.generated_by
        }
        self.stage("config and files")
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Keep compiled templates across rebuilds (Jinja checks each source's hash)."""
        env.bytecode_cache = self.templates
        self.stage("pages read and rendered to HTML")
        return env

    @event_priority(-100)  # last: after the other plugins' post-build work
    def on_post_build(self, config: Any) -> None:
        self.stage("post-build")
        log.info("stage total: %.2f s", time.perf_counter() - self._started)
        if not self.keep_pool and self.pool is not None:
            self.pool.close()
            self.pool = None

    def on_build_error(self, error: Exception) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def on_shutdown(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None


def site_cache(config: Any) -> CachePlugin:
    """The ``site-cache`` plugin of a config; the other site plugins need it first."""
    plugin = config.plugins.get("site-cache")
    if not isinstance(plugin, CachePlugin):
        raise LookupError("list the site-cache plugin first in mkdocs.yml")
    return plugin
