"""Lighthouse (pinned in package-lock.json) against the built site on a loopback server.

The server compresses text as a static host does (tests.site.bench.serve). Desktop preset,
performance and accessibility categories. Used by the browser tests and by `make bench`.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from tests.site.conftest import CHROMIUM_FLAGS, ROOT, chromium_path

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


def lighthouse_scores(url: str) -> dict[str, float]:
    """Scores (0–100) of one page: {'performance': …, 'accessibility': …}."""
    executable = chromium_path()
    if executable is None or not LIGHTHOUSE.exists():
        raise RuntimeError("Lighthouse needs the system Chromium and `npm ci`")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
        proc = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                f"--chrome-flags={flags}",
                "--preset=desktop",
                "--only-categories=performance,accessibility",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": executable},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if proc.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed: {proc.stderr[-2000:]}")
        data = json.loads(report.read_text())
    return {name: round(100 * cat["score"]) for name, cat in data["categories"].items()}
