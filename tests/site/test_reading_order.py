"""One reading order: every "Prerequisites" link points backwards in the navigation.

The navigation reads the areas in the order of ``nav_areas()`` and, inside an area, its
``index.md`` first and then the pages its front matter lists under ``pages:``. A page's
**Prerequisites:** paragraph may link only to what a reader has already met: an earlier
page, or an earlier section of the same page. The notation page is a reference that is
read alongside every page, so a link to it is always allowed.
"""

from __future__ import annotations

import ast
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REFERENCE_PAGES = {"notation.md"}

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
CODE_FENCE = re.compile(r"^\s*```.*?^\s*```", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
PREREQUISITES = re.compile(
    r"\*\*Prerequisites:?\*\*:?(?P<body>.*?)(?=\*\*Used in|\n\s*\n|\Z)", re.DOTALL
)
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


class _AnyTagLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' custom tags (!ENV, !relative) as plain values."""


def _any_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_AnyTagLoader.add_multi_constructor("!", _any_tag)


def _areas_from_mkdocs_yml() -> list[str] | None:
    """The folders of ``plugins: - site-nav: areas:`` in mkdocs.yml, if it is there."""
    config = yaml.load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader
    )
    for plugin in (config or {}).get("plugins") or []:
        if isinstance(plugin, dict) and "site-nav" in plugin:
            areas = (plugin["site-nav"] or {}).get("areas")
            if areas:
                return [area["folder"] for area in areas]
    return None


def _areas_from_hooks() -> list[str]:
    """The folders of the AREAS tuple in overrides/hooks/site.py (read, not imported)."""
    hooks = ROOT / "overrides" / "hooks" / "site.py"
    assert hooks.is_file(), "mkdocs.yml has no `site-nav: areas:` and there is no AREAS"
    tree = ast.parse(hooks.read_text("utf-8"))
    for node in ast.walk(tree):
        target = getattr(node, "target", None) or next(
            iter(getattr(node, "targets", []) or []), None
        )
        if isinstance(target, ast.Name) and target.id == "AREAS":
            return [area[0] for area in ast.literal_eval(node.value)]  # type: ignore[arg-type]
    raise AssertionError("no AREAS in overrides/hooks/site.py")


def nav_areas() -> list[str]:
    """The area folders in navigation order: mkdocs.yml's ``site-nav`` plugin config,
    falling back to the AREAS tuple of overrides/hooks/site.py while that still holds it."""
    return _areas_from_mkdocs_yml() or _areas_from_hooks()


def area_pages(folder: str) -> list[str]:
    """An area's index followed by the pages its front matter lists, in order."""
    text = (DOCS / folder / "index.md").read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1)) if match else {}
    return ["index.md", *(meta or {}).get("pages", [])]


def nav_order() -> list[str]:
    """Every page under docs/ in reading order, as paths relative to docs/."""
    order = ["index.md"]
    for folder in nav_areas():
        if (DOCS / folder / "index.md").is_file():
            order += [f"{folder}/{page}" for page in area_pages(folder)]
    return order


def section_slugs(text: str) -> list[str]:
    """The anchors of a page's headings (level 2 and below), in order of appearance."""
    seen: dict[str, int] = {}
    slugs = []
    for m in HEADING.finditer(CODE_FENCE.sub("", text)):
        slug = slugify(re.sub(r"[*_`]", "", m.group(2)), "-")
        if slug in seen:
            seen[slug] += 1
            slug = f"{slug}_{seen[slug]}"
        else:
            seen[slug] = 0
        slugs.append(slug)
    return slugs


def section_at(text: str, offset: int) -> int:
    """How many headings (level 2 and below) come before ``offset``."""
    return len(HEADING.findall(CODE_FENCE.sub("", text[:offset])))


def backward_violations(order: list[str]) -> list[str]:
    """Every Prerequisites link that does not point to something earlier in ``order``."""
    position = {page: i for i, page in enumerate(order)}
    found = []
    for page in order:
        path = DOCS / page
        if path.suffix != ".md":
            continue
        text = path.read_text(encoding="utf-8")
        for para in PREREQUISITES.finditer(text):
            here = (position[page], section_at(text, para.start()))
            for link in LINK.finditer(para.group("body")):
                target = link.group("target")
                if re.match(r"[a-z]+:", target):
                    continue  # an external link
                file, _, anchor = target.partition("#")
                resolved = (
                    posixpath.normpath(posixpath.join(posixpath.dirname(page), file))
                    if file
                    else page
                )
                if resolved in REFERENCE_PAGES:
                    continue
                if resolved not in position:
                    found.append(f"{page}: prerequisite {target} is not in the nav")
                    continue
                section = 0
                if anchor:
                    slugs = section_slugs((DOCS / resolved).read_text("utf-8"))
                    if anchor not in slugs:
                        found.append(f"{page}: prerequisite {target}: no such section")
                        continue
                    section = slugs.index(anchor) + 1
                if (position[resolved], section) >= here:
                    found.append(f"{page}: prerequisite {target} is not earlier")
    return found


def test_nav_areas_are_the_area_folders():
    areas = nav_areas()
    folders = sorted(p.parent.name for p in DOCS.glob("*/index.md"))
    assert sorted(areas) == folders


def test_every_prerequisite_points_backwards():
    found = backward_violations(nav_order())
    assert not found, "\n".join(found)


def test_every_page_has_a_prerequisites_line():
    missing = [
        page
        for page in nav_order()[1:]  # the home page has a learning path instead
        if page.endswith(".md")
        and not PREREQUISITES.search((DOCS / page).read_text(encoding="utf-8"))
    ]
    assert not missing, missing


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (["calculus/index.md", "set-theory/index.md"], []),
        (["set-theory/index.md", "calculus/index.md"], ["is not earlier"]),
    ],
)
def test_the_check_catches_a_forward_link(tmp_path, monkeypatch, order, expected):
    """A page whose prerequisite comes after it is reported; before it, it is not."""
    (tmp_path / "calculus").mkdir()
    (tmp_path / "set-theory").mkdir()
    (tmp_path / "calculus" / "index.md").write_text(
        "# C\n\n## A section\n\ntext\n", encoding="utf-8"
    )
    (tmp_path / "set-theory" / "index.md").write_text(
        "# S\n\n**Prerequisites:** [calculus](../calculus/index.md#a-section),\n"
        "[notation](../notation.md).\n**Used in:** [later](../calculus/index.md).\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(globals(), "DOCS", tmp_path)
    found = backward_violations(order)
    assert len(found) == len(expected)
    assert all(e in f for e, f in zip(expected, found, strict=True))


def test_the_check_catches_a_later_section_of_the_same_page(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.md").write_text(
        "# A\n\n## First\n\n**Prerequisites:** [first](#first).\n\n"
        "## Second\n\n**Prerequisites:** [second](#second), [third](#third).\n\n"
        "## Third\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(globals(), "DOCS", tmp_path)
    found = backward_violations(["a/index.md"])
    assert found == [
        "a/index.md: prerequisite #first is not earlier",
        "a/index.md: prerequisite #second is not earlier",
        "a/index.md: prerequisite #third is not earlier",
    ]


def test_nav_areas_reads_mkdocs_yml_first(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [SITE_URL, 'x']\nplugins:\n  - search\n  - site-nav:\n"
        "      areas:\n        - {folder: set-theory, title: Set Theory, summary: s}\n"
        "        - {folder: calculus, title: Calculus, summary: c}\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert nav_areas() == ["set-theory", "calculus"]
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - search\n", encoding="utf-8")
    (tmp_path / "overrides" / "hooks").mkdir(parents=True)
    (tmp_path / "overrides" / "hooks" / "site.py").write_text(
        'AREAS: tuple = (("a", "A", "a"), ("b", "B", "b"))\n', encoding="utf-8"
    )
    assert nav_areas() == ["a", "b"]
