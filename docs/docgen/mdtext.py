"""Text from packs and models, made safe to place in Markdown.

Only characters that both Python-Markdown (MkDocs) and CommonMark read the same way when
escaped are backslash-escaped; `&`, `<` and `>` become entities, which both pass through.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """`text` as literal inline Markdown, on one line."""
    text = " ".join(text.split())
    text = "".join(_ENTITIES.get(char, char) for char in text)
    return _SPECIAL.sub(r"\\\1", text)


def prose(text: str) -> str:
    """Text written for paiguard's own docs (docstrings, descriptions), on one line: its
    Markdown is kept; a `|` would end a table cell, so it is refused."""
    if "|" in text:
        raise ValueError(f"cannot place {text!r} in a table cell")
    return " ".join(text.split())


def code(text: str) -> str:
    """`text` as an inline code span (ids, values): never contains a backtick."""
    if "`" in text:
        raise ValueError(f"cannot show {text!r} as inline code")
    return f"`{text}`"
