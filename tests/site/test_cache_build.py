"""The build cache changes nothing: a build from a warm cache equals a cold build.

Everything the cache keeps (executed labs, figures, typeset math, font subsets, the
generated reference pages) must come out the same as when it is made anew, so the
cold build writes a fresh cache and the warm build reads it; every file of the two
sites must be byte for byte equal.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site.conftest import ROOT

pytestmark = pytest.mark.build


def build(target: Path, cache: Path) -> str:
    # SOURCE_DATE_EPOCH fixes the build date (sitemap, gzip header) as for any
    # reproducible build: the dates say when a site was built, not what it holds.
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_CACHE_DIR": str(cache),
        "SOURCE_DATE_EPOCH": "1796601600",
    }
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
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]
    return log


def tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file()
    }


def test_a_warm_build_equals_a_cold_build(tmp_path: Path):
    cache = tmp_path / "cache"
    cold_log = build(tmp_path / "cold", cache)
    assert "executed in" in cold_log, (
        "the cold build executed no lab: was the cache empty?"
    )
    warm_log = build(tmp_path / "warm", cache)
    assert "executed in" not in warm_log, "the warm build executed a lab again"
    cold, warm = tree(tmp_path / "cold"), tree(tmp_path / "warm")
    assert cold.keys() == warm.keys()
    differ = sorted(name for name in cold if cold[name] != warm[name])
    assert not differ, differ[:20]
