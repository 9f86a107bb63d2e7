"""`make bench`: the figures the project tracks, printed as one report.

- clean build time of the whole site (strict, labs executed, notebook cache off);
- test time of the whole suite (`pytest`, as `make test` runs it);
- Lighthouse performance and accessibility of the home page and the heaviest page;
- per-page transfer size on a cold visit, concept pages and lab pages apart, measured in
  the system Chromium over a loopback server that compresses text with gzip as a static
  host does (every request of the page counted until the network is idle);
- live-reload time: `mkdocs serve` running, a snippet edited, until the page has changed;
- for each snippet with a library counterpart, its time over the counterpart's.

Run parts alone with ``python -m tests.site.bench build weights lighthouse reload tests speed``.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import importlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import timeit
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.site.conftest import CHROMIUM_FLAGS, build_site, chromium_path, site_pages  # noqa: E402

COMPRESSIBLE = (
    ".html",
    ".js",
    ".css",
    ".json",
    ".svg",
    ".xml",
    ".map",
    ".py",
    ".txt",
    ".ttf",
)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files over loopback, gzip-compressed where a static host would compress."""

    _cache: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        if path not in self._cache:
            self._cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self._cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def kb(n: float) -> str:
    return f"{n / 1000:.0f} kB"


def measure_build(target: Path) -> float:
    seconds = build_site(target).seconds
    print(f"clean build (strict, labs executed): {seconds:.1f} s   [target <= 60 s]")
    return seconds


def measure_tests() -> None:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    summary = (
        proc.stdout.strip().splitlines()[-1]
        if proc.stdout.strip()
        else proc.stderr[-300:]
    )
    print(f"test suite: {seconds:.1f} s   ({summary})")


def page_weights(site: Path) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise SystemExit(
            "page weights need the system Chromium (apt-get install chromium)"
        )
    weights: dict[str, int] = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        for path in site_pages(site):
            context = browser.new_context()  # empty cache: a cold visit
            page = context.new_page()
            responses = []
            page.on(
                "requestfinished", lambda r, responses=responses: responses.append(r)
            )
            page.goto(url + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            total = 0
            for request in responses:
                sizes = request.sizes()
                total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            weights[path] = total
            context.close()
        browser.close()
    return weights


def report_weights(site: Path) -> None:
    weights = page_weights(site)
    labs = {p: w for p, w in weights.items() if "/lab_" in p}
    concepts = {p: w for p, w in weights.items() if p not in labs}
    for name, group, target in (
        ("concept pages", concepts, 250_000),
        ("lab pages", labs, 400_000),
    ):
        if not group:
            continue
        values = sorted(group.values())
        heaviest = max(group, key=lambda p: group[p])
        print(
            f"{name} ({len(group)}): min {kb(values[0])}, median "
            f"{kb(statistics.median(values))}, max {kb(values[-1])} ({heaviest})"
            f"   [target <= {kb(target)}]"
        )
        over = [p for p, w in group.items() if w > target]
        if over:
            print(f"  over target: {', '.join(sorted(over))}")


def measure_reload() -> None:
    """Time from saving a snippet to the rebuilt page being served by `mkdocs serve`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTEBOOK_CACHE": "true"}
    port = 8765
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--livereload",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    module = ROOT / "snippets" / "linear_algebra" / "vectors.py"
    original = module.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/linear-algebra/vectors/"
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(2)
        marker = f"reload-marker-{int(time.time())}"
        edited = original.replace(
            "# one matrix-vector product, no Python loop",
            f"# one matrix-vector product, no Python loop ({marker})",
        )
        start = time.perf_counter()
        module.write_text(edited, encoding="utf-8")
        while time.perf_counter() - start < 120:
            try:  # the server holds requests while it rebuilds
                if marker in urllib.request.urlopen(url, timeout=60).read().decode():
                    break
            except OSError:
                pass
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        print(f"live reload after a snippet edit: {seconds:.2f} s   [target <= 1 s]")
    finally:
        module.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def snippet_speed() -> None:
    rng = __import__("numpy").random.default_rng(0)
    rows = []
    for bench in sorted((ROOT / "tests").glob("*/bench_cases.py")):
        module = importlib.import_module(f"tests.{bench.parent.name}.bench_cases")
        for case in module.CASES:
            data = case.setup(rng)
            times = []
            for fn in (case.snippet, case.library):
                timer = timeit.Timer(lambda fn=fn, data=data: fn(data))
                number, _ = timer.autorange()
                times.append(min(timer.repeat(repeat=5, number=number)) / number)
            rows.append((case.name, case.library_name, times[0], times[1]))
    width = max(len(r[0]) for r in rows) if rows else 10
    print(f"\nsnippet speed ({len(rows)} cases): snippet time / library time")
    for name, library, mine, theirs in rows:
        flag = "  > 3x: the page says why" if mine / theirs > 3 else ""
        print(
            f"  {name:<{width}}  {mine * 1e6:9.1f} us  vs {library}: {theirs * 1e6:9.1f} us"
            f"  ratio {mine / theirs:6.2f}{flag}"
        )


def report_lighthouse(site: Path) -> None:
    from tests.site.lighthouse import lighthouse_scores

    pages = site_pages(site)
    heaviest = max(
        pages, key=lambda p: (site / p.strip("/") / "index.html").stat().st_size
    )
    with serve(site) as url:
        for path in ("/", heaviest):
            score = lighthouse_scores(url + path)
            print(
                f"lighthouse {path}: performance {score['performance']}, "
                f"accessibility {score['accessibility']}   [target >= 95, 100]"
            )


def main(parts: list[str]) -> None:
    parts = parts or ["build", "weights", "lighthouse", "reload", "tests", "speed"]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if {"build", "weights", "lighthouse"} & set(parts):
            measure_build(site)
        if "weights" in parts:
            report_weights(site)
        if "lighthouse" in parts:
            report_lighthouse(site)
    if "reload" in parts:
        measure_reload()
    if "tests" in parts:
        measure_tests()
    if "speed" in parts:
        snippet_speed()


if __name__ == "__main__":
    main(sys.argv[1:])
