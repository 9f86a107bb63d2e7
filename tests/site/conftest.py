"""Fixtures of the site tests: one strict build per test run, a loopback server, a browser.

The build runs once per test run (``built_site``), also when pytest-xdist runs the tests
in several processes: the first process to take a lock in the folder the processes share
builds there and records the log; the others wait for the lock and reuse the site. The
build starts as soon as a process has collected a test that needs it, in the background,
so that the unit tests run on the other cores meanwhile. The browser is the system
Chromium driven by Playwright. Without Chromium the browser tests are skipped on a
developer's machine and fail in CI (``CI=true``).

Every test that needs the built site is marked ``build``, every test that drives
Chromium ``browser`` (``make test-fast`` deselects both); the marks are also added here
from the fixtures a test uses, so that a new test cannot miss them.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str
    seconds: float


def _mkdocs_build(target: Path) -> tuple[int, str, float]:
    """Run ``mkdocs build --strict`` into ``target``: (return code, log, seconds)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTEBOOK_CACHE": "false"}
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-d",
            str(target),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start


def _failed(returncode: int, log: str) -> str:
    return f"mkdocs build --strict failed ({returncode}):\n{log[-6000:]}"


def build_site(target: Path) -> BuiltSite:
    """Build the site strictly into ``target`` and return it with the build log."""
    returncode, log, seconds = _mkdocs_build(target)
    if returncode != 0:
        pytest.fail(_failed(returncode, log))
    return BuiltSite(target, log, seconds)


# ------------------------------------------------------- one build for all processes
#
# ``shared/site`` is the site and ``shared/site.json`` its record (return code, log,
# seconds); ``shared/site.lock`` is held while the site is built. A record is written
# only after the build, so a process that finds one can use the site at once.


def _build_once(shared: Path, *, wait: bool) -> bool:
    """Build into ``shared/site`` unless it is built; False if another process holds the
    lock and ``wait`` is false."""
    from filelock import FileLock, Timeout

    lock = FileLock(shared / "site.lock")
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        return False
    try:
        record = shared / "site.json"
        if not record.exists():
            returncode, log, seconds = _mkdocs_build(shared / "site")
            record.write_text(
                json.dumps({"returncode": returncode, "log": log, "seconds": seconds}),
                encoding="utf-8",
            )
    finally:
        lock.release()
    return True


def _shared_folder(basetemp: Path) -> Path:
    """The folder every process of this run shares: under pytest-xdist each worker's
    base temporary folder lies in the run's base folder, which is shared."""
    return basetemp.resolve().parent


_early_build: threading.Thread | None = None

#: Module fixtures that visit every page in the browser once for several tests.
SHARED_VISITS = {"page_reports"}


def pytest_collection_finish(session: pytest.Session) -> None:
    """Under pytest-xdist, start the build as soon as the tests are known, if one needs
    it: the process that takes the lock builds in a background thread (the build is a
    subprocess) while its own tests run; the other processes leave the build to it."""
    global _early_build
    basetemp = session.config.option.basetemp
    if not os.environ.get("PYTEST_XDIST_WORKER") or not basetemp or session.testsfailed:
        return  # not under xdist, or the collection failed and the run will stop
    if os.environ.get("BUILT_SITE"):
        return  # the site is given (see built_site)
    if not any(
        "built_site" in getattr(item, "fixturenames", ()) for item in session.items
    ):
        return
    shared = _shared_folder(Path(basetemp))
    shared.mkdir(parents=True, exist_ok=True)
    _early_build = threading.Thread(
        target=_build_once, args=(shared,), kwargs={"wait": False}, daemon=True
    )
    _early_build.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    # A process whose tests are done still finishes a build it started: the others
    # may be waiting for it, and the lock goes when the process does.
    if _early_build is not None:
        _early_build.join()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what needs the built site ``build`` and what drives Chromium ``browser``
    (``fixturenames`` holds every fixture a test needs, directly or not), and order the
    run for pytest-xdist (``--dist loadgroup`` hands out tests in this order).

    The tests that share a module fixture visiting every page (``SHARED_VISITS``) form
    one xdist group per module, so that they run in one process and the visits are not
    repeated in another. The long tests that cannot be split come first, the many short
    unit tests last, so that at the end of the run every process has work until all is
    done: first what builds a site of its own (``make serve``), then the browser tests,
    then the other tests of the built site, then the rest.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "built_site" in fixtures:
            item.add_marker(pytest.mark.build)
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & SHARED_VISITS:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))

    def rank(item: pytest.Item) -> int:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("build") and "built_site" not in fixtures:
            return 0
        if "browser" in fixtures:
            return 1
        return 2 if "built_site" in fixtures else 3

    items.sort(key=rank)


def _shared_json(shared: Path, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once for all processes of the run, kept as ``shared/name.json``."""
    from filelock import FileLock

    path = shared / f"{name}.json"
    with FileLock(shared / f"{name}.lock"):
        if not path.exists():
            path.write_text(json.dumps(compute()), encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that every process of this test run sees (one process: its own)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return _shared_folder(tmp_path_factory.getbasetemp())
    return tmp_path_factory.mktemp("shared")


@pytest.fixture(scope="session")
def built_site(shared_folder: Path) -> BuiltSite:
    given = os.environ.get("BUILT_SITE")
    if given:  # the deploy workflow tests the very site it deploys (`make site` output)
        site = (ROOT / given).resolve()
        log_file = os.environ.get("BUILT_SITE_LOG")
        if not (site / "index.html").is_file() or not log_file:
            pytest.fail(
                "BUILT_SITE needs a built site and BUILT_SITE_LOG its build log"
            )
        return BuiltSite(site, (ROOT / log_file).read_text(encoding="utf-8"), 0.0)
    if _early_build is not None:
        _early_build.join()
    _build_once(shared_folder, wait=True)
    record = json.loads((shared_folder / "site.json").read_text(encoding="utf-8"))
    if record["returncode"] != 0:
        pytest.fail(_failed(record["returncode"], record["log"]))
    return BuiltSite(shared_folder / "site", record["log"], record["seconds"])


@pytest.fixture(scope="session")
def html_reports(built_site: BuiltSite, shared_folder: Path) -> dict[str, dict]:
    """What each page's HTML shows (tests.site.html_report), by URL path."""
    from tests.site.html_report import scan

    def scan_all() -> dict[str, dict]:
        return {
            path: dataclasses.asdict(
                scan(built_site.path / path.strip("/") / "index.html")
            )
            for path in site_pages(built_site.path)
        }

    return _shared_json(shared_folder, "html-reports", scan_all)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site.path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        message = "no system Chromium (apt-get install chromium)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{message}: browser tests are required in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ('/', '/linear-algebra/vectors/')."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages
