"""The cache, the module graph and the warm pool."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from site_plugins.cache import BuildCache, ModuleGraph, sha, snippet_imports

ROOT = Path(__file__).resolve().parents[2]


def imports_by_ast(source: str) -> set[str]:
    """An independent reading of the same imports, through the parser."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "snippets"
        ):
            found.add(node.module or "")
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("snippets."))
    return found


SOURCES = sorted([*ROOT.glob("snippets/**/*.py"), *ROOT.glob("docs/*/lab_*.py")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_snippet_imports_agree_with_the_parser(path: Path):
    source = path.read_text(encoding="utf-8")
    assert snippet_imports(source) == imports_by_ast(source)


def test_snippet_imports_reads_parenthesised_and_nested_imports():
    source = (
        "from snippets.a import (\n    b,\n    c as d,\n)\n"
        "def f():\n    from snippets.e import g\n    import snippets.h\n"
    )
    assert snippet_imports(source) == {
        "snippets.a",
        "snippets.a.b",
        "snippets.a.c",
        "snippets.e",
        "snippets.e.g",
        "snippets.h",
    }


def test_closure_follows_imports_and_sees_edits(tmp_path: Path):
    package = tmp_path / "snippets"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from snippets.b import x\n")
    (package / "b.py").write_text("x = 1\n")
    (package / "c.py").write_text("y = 2\n")
    graph = ModuleGraph(tmp_path)
    assert graph.closure(["snippets.a"]) == [package / "a.py", package / "b.py"]
    (package / "b.py").write_text("from snippets.c import y\nx = 1\n")
    assert package / "c.py" in graph.closure(["snippets.a"])


def test_sha_separates_its_parts():
    assert sha("ab", "c") != sha("a", "bc")
    assert sha("a", "b") == sha(b"a", b"b")


def test_cache_round_trip_and_keys(tmp_path: Path):
    lock = tmp_path / "uv.lock"
    lock.write_text("v1")
    cache = BuildCache(tmp_path / "c", [lock], enabled=True)
    key = cache.key("figure", "x")
    assert cache.get("figures", key) is None
    cache.put("figures", key, b"png")
    assert cache.get("figures", key) == b"png"
    assert not list((tmp_path / "c" / "figures").glob(".tmp-*"))
    lock.write_text("v2")  # a new lock names every entry anew
    assert BuildCache(tmp_path / "c", [lock], enabled=True).key("figure", "x") != key


def test_disabled_cache_stores_nothing(tmp_path: Path):
    cache = BuildCache(tmp_path / "c", [], enabled=False)
    cache.put("figures", "k", b"png")
    assert cache.get("figures", "k") is None
    assert not (tmp_path / "c").exists()
