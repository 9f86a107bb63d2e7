"""`make serve`, the README's first command, as a new user runs it.

The Makefile's serve target is started on a copy of the repository (the tracked and the
new files, with the set-up environment linked in), a page is fetched, a snippet section
that the page shows is edited, and the served page must show the edit.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.conftest import ROOT

pytestmark = pytest.mark.build

#: What the Makefile's setup leaves, linked (not copied) into the copy.
SET_UP = (".venv", ".tools", "node_modules")
PAGE = "/linear-algebra/vectors/"
MODULE = Path("snippets/linear_algebra/vectors.py")
#: A line inside a section that the vectors page shows.
SHOWN_LINE = "# one matrix-vector product, no Python loop"


def repository_copy(target: Path) -> Path:
    """Copy the working tree's tracked and untracked (not ignored) files, keeping mtimes."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for name in SET_UP:
        if not (ROOT / name).exists():
            pytest.skip(f"{name} is missing: run `make setup` first")
        (target / name).symlink_to(ROOT / name)
    # The build cache is content-addressed, so the copy may share it: it starts warm.
    (ROOT / ".cache").mkdir(exist_ok=True)
    (target / ".cache").symlink_to(ROOT / ".cache")
    # The copy's `make serve` sets up first, and through the links it would sync the
    # shared environment to the copy (the package installed from the temporary folder)
    # if the environment is older than pyproject.toml or uv.lock. `make test` sets up
    # before the tests run, so this only stops a stale environment being repointed.
    stale = subprocess.run(
        ["make", "-q", ".venv/.synced", "node_modules/.package-lock.json"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if stale.returncode != 0:
        pytest.fail("the environment is older than its lock files: run `make setup`")
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> str | None:
    try:  # the server holds requests while it rebuilds
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


@pytest.fixture
def served_copy(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    copy = repository_copy(tmp_path / "repo")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    server = subprocess.Popen(
        ["make", "serve", f"PORT={port}"],
        cwd=copy,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield copy, f"http://127.0.0.1:{port}", server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def wait_for(
    predicate_url: str,
    want: str,
    server: subprocess.Popen[str],
    seconds: float,
) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = server.stdout.read() if server.stdout else ""
            pytest.fail(f"make serve exited with {server.returncode}:\n{log[-4000:]}")
        page = fetch(predicate_url)
        if page is not None and want in page:
            return page
        time.sleep(0.2)
    pytest.fail(f"{predicate_url} did not show {want!r} within {seconds:.0f} s")


def test_make_serve_serves_the_site_and_shows_a_snippet_edit(served_copy):
    copy, url, server = served_copy
    wait_for(url + PAGE, SHOWN_LINE, server, seconds=420)
    module = copy / MODULE
    source = module.read_text(encoding="utf-8")
    assert SHOWN_LINE in source
    marker = f"served-edit-{time.time_ns()}"
    module.write_text(
        source.replace(SHOWN_LINE, f"{SHOWN_LINE} ({marker})"), encoding="utf-8"
    )
    wait_for(url + PAGE, marker, server, seconds=120)
