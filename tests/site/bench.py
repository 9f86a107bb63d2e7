"""`make bench`: the figures the project tracks, printed as one report.

- clean build time of the whole site with an empty cache, per stage, then from the warm cache;
- test time: `make test` (the whole suite) and `make test-fast` (no build, no browser);
- Lighthouse performance and accessibility of the home page and the heaviest page;
- per-page transfer size on a cold visit, concept pages and lab pages apart, measured in
  the system Chromium over a loopback server that compresses text with gzip as a static
  host does (every request of the page counted until the network is idle);
- live-reload time: `make serve` running, a shown snippet section, a page's Markdown and a
  module that labs import edited in turn, until the page has changed;
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
import re
import signal
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

from tests.site.conftest import CHROMIUM_FLAGS, chromium_path, site_pages  # noqa: E402

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


STAGE = re.compile(r"stage (?P<name>[^:]+): (?P<seconds>[\d.]+) s")
LAB = re.compile(r"lab (?P<lab>\S+) executed in (?P<seconds>[\d.]+) s")


def stages(log: str) -> str:
    """The build's stage times, as the site-cache plugin logs them."""
    return ", ".join(
        f"{m['name']} {float(m['seconds']):.1f} s" for m in STAGE.finditer(log)
    )


def measure_build(target: Path) -> float:
    """A clean build with an empty cache (``rm -rf .cache site && make site``), then the
    same build from the warm cache it left."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    with tempfile.TemporaryDirectory() as cache:
        env["SITE_CACHE_DIR"] = cache
        results = []
        for label in ("clean build, empty cache", "build from a warm cache"):
            start = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "--clean",
                    "-v",
                    "-d",
                    str(target),
                ],
                cwd=ROOT,
                env={**env, "NO_MKDOCS_2_WARNING": "1"},
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - start
            log = proc.stdout + proc.stderr
            if proc.returncode != 0:
                raise SystemExit(f"build failed:\n{log[-3000:]}")
            labs = [float(m["seconds"]) for m in LAB.finditer(log)]
            lab_note = (
                f"; {len(labs)} labs executed, {sum(labs):.1f} s in workers"
                if labs
                else ""
            )
            budget = "   [target <= 30 s]" if not results else ""
            print(
                f"{label}: {seconds:.1f} s{budget}\n  stages: {stages(log)}{lab_note}"
            )
            results.append(seconds)
    return results[0]


def measure_tests() -> None:
    """`make test` and `make test-fast`, run as the README says, timed."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    for target, budget in (("test", "3 min"), ("test-fast", "1 min")):
        start = time.perf_counter()
        proc = subprocess.run(
            ["make", "--no-print-directory", target],
            cwd=ROOT,
            env=env,
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
        print(f"make {target}: {seconds:.1f} s   ({summary})   [target <= {budget}]")


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


#: The three edits whose reload the bench times: (what, file, text to append to).
RELOAD_CASES = (
    (
        "snippet section a concept page shows",
        "snippets/linear_algebra/vectors.py",
        "# one matrix-vector product, no Python loop",
        "/linear-algebra/vectors/",
    ),
    (
        "Markdown of a concept page",
        "docs/linear-algebra/vectors.md",
        "## Exercises",
        "/linear-algebra/vectors/",
    ),
    (
        "snippet module a lab imports",
        "snippets/linear_algebra/svd_pca.py",
        "# --8<-- [start:imports]",
        "/linear-algebra/lab_eigendigits/",
    ),
)


def _wait_for(url: str, marker: str, seconds: float) -> bool:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:  # the server holds requests while it rebuilds
            if marker in urllib.request.urlopen(url, timeout=120).read().decode():
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def measure_reload() -> None:
    """`make serve` running: time from saving an edit to the served page showing it.

    Three cases: a snippet section that a concept page shows, a page's Markdown, and a
    module that a lab imports (its budget is the lab's own run time plus 1 s).
    """
    port = 8765
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log: list[str] = []
    threading.Thread(
        target=lambda: log.extend(iter(server.stdout.readline, "")), daemon=True
    ).start()
    base = f"http://127.0.0.1:{port}"
    worst = 0.0
    try:
        if not _wait_for(base + "/", "</html>", 900):
            raise SystemExit("make serve did not come up:\n" + "".join(log[-40:]))
        time.sleep(3)
        for what, name, anchor, page in RELOAD_CASES:
            path = ROOT / name
            original = path.read_text(encoding="utf-8")
            marker = f"reload-marker-{time.time_ns()}"
            edited = original.replace(
                anchor,
                f"{anchor}\n# {marker}"
                if name.endswith(".py")
                else f"{anchor}\n\n{marker}\n",
                1,
            )
            seen = len(log)
            start = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            try:
                shown = _wait_for(base + page, marker, 300)
                seconds = time.perf_counter() - start
            finally:
                path.write_text(original, encoding="utf-8")
            labs = [
                float(m["seconds"]) for line in log[seen:] for m in LAB.finditer(line)
            ]
            if not shown:
                print("".join(log[seen:])[-3000:])
            budget = (max(labs) + 1) if labs else 1.0
            worst = max(worst, seconds - (budget - 1))
            print(
                f"reload after an edit of a {what}: {seconds:.2f} s"
                f"{'' if shown else ' (never shown)'}   [target <= {budget:.1f} s"
                f"{' = lab run time + 1 s' if labs else ''}]"
            )
            time.sleep(3)  # let the restore rebuild settle
        print(
            f"reload, worst case over the budget's lab time: {worst:.2f} s   [target <= 1 s]"
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
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
