"""Math typeset at build time by the KaTeX pinned in package-lock.json.

Pages ship KaTeX's HTML and MathML: no math JavaScript, no flash of raw TeX, math that
works with JavaScript off. One Node.js process serves the whole build (or the whole
`mkdocs serve` session); a page's formulas are sent to it as soon as the page's HTML
exists and typeset while other pages render, and put in place when the page is written.
Each formula is typeset once: results are kept in the build cache. KaTeX's fonts are
subset to the characters that the pages' math uses.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from site_plugins.cache import site_cache
from site_plugins.fonts import subset_fonts

#: Math as arithmatex writes it (generic mode), HTML-escaped TeX inside.
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>",
    re.DOTALL,
)
TAG = re.compile(r"<[^>]+>")
#: The TeX source that KaTeX keeps in its MathML.
ANNOTATION = re.compile(
    r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S
)
RENDER = r"""
const katex = require("katex");
const lines = require("readline").createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const out = JSON.parse(line).map(([tex, displayMode]) => {
    try {
      return [true, katex.renderToString(tex, { displayMode, throwOnError: true, strict: "ignore" })];
    } catch (error) {
      return [false, String(error.message)];
    }
  });
  process.stdout.write(JSON.stringify(out) + "\n");
});
"""
Key = tuple[str, bool]


def math_key(match: re.Match[str]) -> Key:
    display = match["display"] is not None
    return html.unescape(
        match["display"] if display else match["inline"]
    ).strip(), display


def characters(markup: str) -> set[str]:
    """The characters of typeset math (tags stripped)."""
    return set(html.unescape(TAG.sub("", markup)))


class Katex:
    """A Node.js process that typesets batches of (TeX, display) pairs, one at a time."""

    def __init__(self, root: Path):
        if not (root / "node_modules" / "katex").is_dir():
            raise PluginError("KaTeX is missing from node_modules/: run `make setup`.")
        self.process = subprocess.Popen(
            ["node", "-e", RENDER],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lock = threading.Lock()

    def render(self, items: list[Key]) -> list[tuple[bool, str]]:
        assert self.process.stdin is not None and self.process.stdout is not None
        with self.lock:
            self.process.stdin.write(json.dumps(items) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise PluginError("KaTeX (node) stopped")
        return [(bool(ok), str(out)) for ok, out in json.loads(line)]

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=10)


class MathPlugin(BasePlugin):
    def __init__(self) -> None:
        self.katex: Katex | None = None
        self.thread = ThreadPoolExecutor(max_workers=1)
        self.rendered: dict[Key, str] = {}
        self.pending: dict[Key, Future[dict[Key, str]]] = {}
        self.store: Path | None = None
        self.stored = 0
        #: The characters each page's math draws, kept across `mkdocs serve` rebuilds.
        self.page_chars: dict[str, set[str]] = {}
        #: Every page of the build: (source URI, built HTML file).
        self.pages: list[tuple[str, Path]] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keep this instance (Node.js, typeset math, characters) across rebuilds."""

    def on_config(self, config: Any) -> Any:
        core = site_cache(config)
        assert core.cache is not None
        store = core.cache.path("math", core.cache.key("katex"), ".json")
        if store != self.store:
            self.store, self.rendered = store, {}
            if core.cache.enabled and store.is_file():
                data = json.loads(store.read_text(encoding="utf-8"))
                self.rendered = {(t, bool(d)): h for t, d, h in data}
            self.stored = len(self.rendered)
        if self.katex is None:
            self.katex = Katex(core.root)
        return config

    def on_files(self, files: Any, config: Any) -> Any:
        self.pages = [
            (f.src_uri, Path(f.abs_dest_path)) for f in files.documentation_pages()
        ]
        return files

    def used_characters(self) -> set[str]:
        """The characters of every page's math; a page that this build did not redo
        (an incremental build in a folder built before) is read from its HTML."""
        used: set[str] = set()
        for uri, built in self.pages:
            if uri not in self.page_chars and built.is_file():
                chars: set[str] = set()
                for tex in ANNOTATION.findall(built.read_text(encoding="utf-8")):
                    for display in (False, True):
                        markup = self.rendered.get(
                            (html.unescape(tex).strip(), display)
                        )
                        chars |= characters(markup) if markup else set()
                self.page_chars[uri] = chars
            used |= self.page_chars.get(uri, set())
        return used

    def _render(self, items: list[Key]) -> dict[Key, str]:
        """Typeset ``items`` (in the background thread); fail on any KaTeX error."""
        assert self.katex is not None
        done, errors = {}, []
        for key, (ok, out) in zip(items, self.katex.render(items), strict=True):
            if ok:
                done[key] = out
            else:
                errors.append(f"  {key[0]!r}: {out}")
        if errors:
            raise PluginError("KaTeX cannot render:\n" + "\n".join(errors))
        return done

    def submit(self, text: str) -> set[Key]:
        """Start typesetting the formulas of ``text`` not typeset yet; return its keys."""
        keys = {math_key(m) for m in MATH.finditer(text)}
        todo = sorted(keys - self.rendered.keys() - self.pending.keys())
        if todo:
            run = self.thread.submit(self._render, todo)
            self.pending.update(dict.fromkeys(todo, run))
        return keys

    def wait(self, keys: set[Key]) -> None:
        """Collect the typeset formulas of ``keys`` (main thread only)."""
        for run in {self.pending[k] for k in keys if k in self.pending}:
            self.rendered.update(run.result())
        for key in keys:
            self.pending.pop(key, None)

    @event_priority(-50)  # after the labs plugin marked notebook math
    def on_page_content(self, html_text: str, page: Any, **_: Any) -> str:
        self.submit(html_text)
        return html_text

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self.wait(self.submit(output))
        chars: set[str] = set()

        def typeset(match: re.Match[str]) -> str:
            markup = self.rendered[math_key(match)]
            chars.update(characters(markup))
            return f'<{match["tag"]} class="arithmatex">{markup}</{match["tag"]}>'

        output = MATH.sub(typeset, output)
        self.page_chars[page.file.src_uri] = chars
        return output

    def on_post_build(self, config: Any) -> None:
        core = site_cache(config)
        assert core.cache is not None and self.store is not None
        core.stage("pages written")
        self.pending.clear()
        if core.cache.enabled and len(self.rendered) != self.stored:
            data = [[t, d, h] for (t, d), h in sorted(self.rendered.items())]
            core.cache.put("math", self.store.stem, json.dumps(data).encode(), ".json")
            self.stored = len(self.rendered)
        dist = core.root / "node_modules" / "katex" / "dist"
        target = Path(config.site_dir) / "assets" / "katex"
        (target / "fonts").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(dist / "katex.min.css", target / "katex.min.css")
        used = self.used_characters()
        subset_fonts(used, dist / "fonts", target / "fonts", core.cache)
        core.stage("fonts subset")

    def on_shutdown(self) -> None:
        if self.katex is not None:
            self.katex.close()
        self.thread.shutdown()
