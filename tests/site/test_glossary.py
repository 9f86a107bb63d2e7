"""The glossary (docs/abbreviations.md, appended to every page by pymdownx.snippets for
the tooltips) and the notation page's table of abbreviations say the same thing."""

from __future__ import annotations

import re

from tests.site.conftest import ROOT

ROW = re.compile(r"^\| (?P<abbr>[^|]+?) \| (?P<meaning>[^|]+?) \|$", re.MULTILINE)
DEFINITION = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]: (?P<meaning>.+)$", re.MULTILINE)


def notation_table() -> dict[str, str]:
    text = (ROOT / "docs" / "notation.md").read_text(encoding="utf-8")
    section = text.split("## Abbreviations", 1)[1].split("\n## ", 1)[0]
    rows = {m["abbr"]: m["meaning"] for m in ROW.finditer(section)}
    rows.pop("Abbreviation", None)
    return rows


def glossary() -> dict[str, str]:
    text = (ROOT / "docs" / "abbreviations.md").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    found = {m["abbr"]: m["meaning"] for m in DEFINITION.finditer(text)}
    assert len(found) == len(lines), "every line of the glossary is a *[ABBR]: meaning"
    return found


def test_glossary_and_notation_page_agree():
    table, defined = notation_table(), glossary()
    assert table, "the notation page has no abbreviations table"
    assert defined == table, {
        "only on the notation page": sorted(table.keys() - defined.keys()),
        "only in the glossary": sorted(defined.keys() - table.keys()),
        "different meaning": sorted(
            k for k in table.keys() & defined.keys() if table[k] != defined[k]
        ),
    }


def test_the_glossary_is_appended_to_every_page():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions = config["markdown_extensions"]
    snippets = next(
        e for e in extensions if isinstance(e, dict) and "pymdownx.snippets" in e
    )
    assert "docs/abbreviations.md" in snippets["pymdownx.snippets"]["auto_append"]
    assert "abbr" in extensions
