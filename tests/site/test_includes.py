"""Include integrity: pages show code only through named sections, and every shown block
is a copyable unit.

- every ``--8<--`` include names an existing file and section (no line ranges);
- every section in snippets/ is shown by some page;
- a ```` ```python ```` fence on a page holds include lines only (no pasted code);
- every ``pycon`` block ends with a blank line (doctestplus reads the fence otherwise);
- every python fence, assembled from its sections, runs alone in a fresh interpreter that
  cannot import this package, and ruff finds no undefined or redefined name in it;
- every figure directive names a ``plot_*`` function that exists.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[^"]+))?"\s*$')
SECTION = re.compile(
    r"^\s*# --8<-- \[(?P<kind>start|end):(?P<name>\w+)\]\s*$", re.MULTILINE
)
FIGURE = re.compile(
    r"^<!-- figure: (?P<module>[\w.]+):(?P<function>\w+) -->$", re.MULTILINE
)


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def fences(page: Path) -> list[tuple[str, str, int]]:
    """(language, body, line number) of every fenced block of a page."""
    text = page.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        body = textwrap.dedent(
            m.group("indent") + m.group("body").replace("\n" + m.group("indent"), "\n")
        )
        out.append((m.group("lang"), body, text[: m.start()].count("\n") + 1))
    return out


def sections(path: Path) -> dict[str, str]:
    """The named sections of a snippets file, dedented as the page shows them."""
    text = path.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    starts: dict[str, int] = {}
    for m in SECTION.finditer(text):
        if m.group("kind") == "start":
            starts[m.group("name")] = m.end()
        else:
            assert m.group("name") in starts, (
                f"{path}: end without start: {m.group('name')}"
            )
            found[m.group("name")] = textwrap.dedent(
                text[starts.pop(m.group("name")) : m.start()]
            )
    assert not starts, f"{path}: sections never ended: {sorted(starts)}"
    return found


def python_blocks() -> list[tuple[str, str]]:
    """(where, assembled code) for every python fence of every page."""
    blocks = []
    for page in pages():
        for lang, body, line in fences(page):
            if lang != "python":
                continue
            parts = []
            for raw in body.strip().splitlines():
                m = INCLUDE.match(raw)
                assert m, (
                    f"{page.relative_to(ROOT)}:{line}: python fence holds pasted code: {raw!r}"
                )
                parts.append(sections(ROOT / m.group("path"))[m.group("section")])
            blocks.append((f"{page.relative_to(ROOT)}:{line}", "".join(parts)))
    return blocks


def test_every_include_resolves_to_a_named_section():
    problems = []
    for page in pages():
        for lang, body, line in fences(page):
            for raw in body.splitlines():
                m = INCLUDE.match(raw)
                if not m:
                    continue
                where = f"{page.relative_to(ROOT)}:{line}"
                target = ROOT / m.group("path")
                if not target.is_file():
                    problems.append(f"{where}: no file {m.group('path')}")
                elif (
                    not m.group("section")
                    or m.group("section").replace(",", "").isdigit()
                ):
                    problems.append(
                        f"{where}: include without a named section: {raw.strip()}"
                    )
                elif m.group("section") not in sections(target):
                    problems.append(
                        f"{where}: no section {m.group('section')} in {m.group('path')}"
                    )
                if lang != "python":
                    problems.append(
                        f"{where}: include inside a {lang or 'plain'} fence"
                    )
    assert not problems, "\n".join(problems)


def test_every_section_is_shown_by_some_page():
    shown = set()
    for page in pages():
        for _lang, body, _line in fences(page):
            for raw in body.splitlines():
                m = INCLUDE.match(raw)
                if m:
                    shown.add((m.group("path"), m.group("section")))
    unshown = [
        f"{path.relative_to(ROOT)}:{name}"
        for path in sorted(SNIPPETS.rglob("*.py"))
        for name in sections(path)
        if (path.relative_to(ROOT).as_posix(), name) not in shown
    ]
    assert not unshown, "sections no page includes:\n" + "\n".join(unshown)


def test_every_pycon_block_ends_with_a_blank_line():
    bad = [
        f"{page.relative_to(ROOT)}:{line}"
        for page in pages()
        for lang, body, line in fences(page)
        if lang == "pycon" and not body.endswith("\n\n")
    ]
    assert not bad, "pycon blocks without a closing blank line:\n" + "\n".join(bad)


def test_every_page_has_checked_examples_where_it_shows_code():
    for page in pages():
        langs = [lang for lang, _body, _line in fences(page)]
        if "python" in langs:
            assert "pycon" in langs, (
                f"{page.relative_to(ROOT)} shows code but no checked example"
            )


RUNNER = r"""
import json, sys, traceback
sys.modules["snippets"] = None  # the reader does not have this package
import matplotlib
matplotlib.use("Agg")
failures = {}
for where, code in json.load(sys.stdin):
    try:
        exec(compile(code, where, "exec"), {"__name__": "__copied__"})
    except BaseException:
        failures[where] = traceback.format_exc(limit=3)
print(json.dumps(failures))
"""


def test_every_python_block_runs_alone_without_the_package():
    blocks = python_blocks()
    assert blocks, "no python blocks found"
    proc = subprocess.run(
        [sys.executable, "-I", "-c", RUNNER],
        input=json.dumps(blocks),
        capture_output=True,
        text=True,
        cwd="/",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    failures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())


def test_every_python_block_has_no_undefined_names(tmp_path):
    blocks = python_blocks()
    names = {}
    for i, (where, code) in enumerate(blocks):
        path = tmp_path / f"block_{i:04d}.py"
        path.write_text(code, encoding="utf-8")
        names[path.name] = where
    ruff = Path(sys.executable).with_name("ruff")
    proc = subprocess.run(
        [
            str(ruff),
            "check",
            "--isolated",
            "--no-cache",
            "--select",
            "F821,F811,F823",
            "--output-format",
            "concise",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = re.sub(r"block_\d{4}\.py", lambda m: names[m.group(0)], proc.stdout)
    assert proc.returncode == 0, report + proc.stderr


def test_every_figure_directive_names_a_plot_function():
    for page in pages():
        for m in FIGURE.finditer(page.read_text(encoding="utf-8")):
            assert m.group("function").startswith("plot_"), m.group(0)
            module = importlib.import_module(m.group("module"))
            assert callable(getattr(module, m.group("function"), None)), m.group(0)


@pytest.mark.parametrize(
    "area", sorted(p.name for p in DOCS.iterdir() if (p / "index.md").is_file())
)
def test_area_mirrors_package_and_tests(area):
    """docs/<area>/<page>.md ↔ snippets/<pkg>/<page>.py ↔ tests/<pkg>/test_<page>.py."""
    pkg = area.replace("-", "_")
    for page in (DOCS / area).glob("*.md"):
        if page.name == "index.md":
            continue
        stem = page.stem.replace("-", "_")
        assert (SNIPPETS / pkg / f"{stem}.py").is_file(), (
            f"{page.relative_to(ROOT)} has no module"
        )
        assert (ROOT / "tests" / pkg / f"test_{stem}.py").is_file(), (
            f"{page.relative_to(ROOT)} has no tests"
        )


PREREQ = re.compile(
    r"^\*\*Prerequisites:\*\*(?P<prereq>.*?)\*\*Used in:\*\*(?P<used>.*?)(?:\n\s*\n|\Z)",
    re.MULTILINE | re.DOTALL,
)
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


@pytest.mark.parametrize(
    "page",
    sorted(p for p in DOCS.glob("*/*.md") if p.name != "index.md"),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_concept_page_names_prerequisites_and_uses_as_links(page):
    """The links themselves are resolved by tests/site/test_build.py on the built site."""
    text = page.read_text(encoding="utf-8")
    head = text.split("\n## ", 1)[0]
    m = PREREQ.search(head)
    assert m, (
        f"{page.relative_to(ROOT)}: no '**Prerequisites:** … **Used in:** …' before the first section"
    )
    prereq, used = m.group("prereq"), m.group("used")
    assert LINK.search(prereq) or "none" in prereq.lower(), (
        f"{page.name}: prerequisites without links"
    )
    assert LINK.search(used), f"{page.name}: 'Used in' without links"
