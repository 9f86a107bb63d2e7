"""The copy text of ``pycon`` blocks: what Material's copy button copies.

A checked example is shown as a console transcript; its copy button must give code
that runs. Each ``pycon`` block gets a ``data-copy`` attribute with the prompts
stripped and the output lines dropped.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.plugins import BasePlugin

PYCON_BLOCK = re.compile(
    r'<div class="language-pycon highlight">(?P<body>.*?</code></pre>)', re.DOTALL
)
TAG = re.compile(r"<[^>]+>")


def runnable_code(console: str) -> str:
    """The code of a Python console transcript: prompts stripped, outputs dropped.

    A ``... `` line is a continuation only right after a ``>>>`` or ``...`` line;
    elsewhere it is output (doctest's ELLIPSIS), and dropped.
    """
    code: list[str] = []
    in_statement = False
    for line in console.splitlines():
        if line.startswith(">>>"):
            code.append(line[4:])
            in_statement = True
        elif in_statement and line.startswith("..."):
            code.append(line[4:])
        else:
            in_statement = False
    return "\n".join(code).strip("\n") + "\n"


def add_copy_text(match: re.Match[str]) -> str:
    text = html.unescape(TAG.sub("", match["body"]))
    copy = html.escape(runnable_code(text), quote=True)
    return f'<div class="language-pycon highlight" data-copy="{copy}">{match["body"]}'


class CopyTextPlugin(BasePlugin):
    def on_page_content(self, html_text: str, **_: Any) -> str:
        return PYCON_BLOCK.sub(add_copy_text, html_text)
