"""What the build needs to know of each Markdown page, read once per build.

The concept index, the API pages, the search tags, the figures and the incremental
rebuild all read the same facts: a page's front matter, its ``##`` concept headings,
the snippet sections it includes and the figures it draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
HEADING = re.compile(r"^## (?P<title>.+?)\s*$")
INCLUDE = re.compile(r'--8<-- "(?P<path>snippets/[\w/]+)\.py:(?P<section>\w+)"')
FIGURE = re.compile(r"^<!-- figure: (?P<module>[\w.]+):(?P<function>\w+) -->$", re.M)
#: ``##`` headings that are not concepts.
NOT_CONCEPTS = frozenset({"Exercises", "Concept map", "Labs", "Lab"})


@dataclass(frozen=True)
class Section:
    """A ``##`` section: its plain title and its anchor."""

    title: str
    anchor: str


@dataclass
class PageScan:
    """The facts of one Markdown page."""

    meta: dict[str, Any] = field(default_factory=dict)
    concepts: list[Section] = field(default_factory=list)
    #: (module, section name, the concept section it appears under or None)
    includes: list[tuple[str, str, Section | None]] = field(default_factory=list)
    #: (module, function, the concept section it appears under or None)
    figures: list[tuple[str, str, Section | None]] = field(default_factory=list)

    @property
    def modules(self) -> set[str]:
        """The snippets modules the page shows or draws from."""
        return {m for m, _, _ in self.includes} | {m for m, _, _ in self.figures}


def plain_title(title: str) -> str:
    return title.replace("`", "").replace("*", "")


def front_matter(text: str) -> dict[str, Any]:
    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1)) if match else None
    return meta if isinstance(meta, dict) else {}


def scan_markdown(text: str) -> PageScan:
    """Read a page's front matter, concept headings, includes and figures."""
    scan = PageScan(meta=front_matter(text))
    body = FRONT_MATTER.sub("", text)
    section: Section | None = None
    in_fence = False
    for line in body.splitlines():
        if line.startswith("```"):  # a fence at column 0 (headings live there too)
            in_fence = not (in_fence and line.strip() == "```")
        heading = None if in_fence else HEADING.match(line)
        if heading:
            title = plain_title(heading.group("title"))
            section = Section(title, slugify(title, "-"))
            if title not in NOT_CONCEPTS:
                scan.concepts.append(section)
            else:
                section = None
            continue
        for m in INCLUDE.finditer(line):
            module = m.group("path").replace("/", ".")
            scan.includes.append((module, m.group("section"), section))
        figure = FIGURE.match(line)
        if figure:
            scan.figures.append((figure["module"], figure["function"], section))
    return scan


def scan_file(path: Path) -> PageScan:
    return scan_markdown(path.read_text(encoding="utf-8"))
