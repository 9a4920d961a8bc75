"""Reading reports back with a real CommonMark + GFM-table parser (markdown-it-py) and asserting
they are safe: no raw HTML, no image, no link that is not http(s), no table row that has more or
fewer cells than its header."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token

HTTP = re.compile(r"https?://", re.IGNORECASE)


def parser() -> MarkdownIt:
    """CommonMark with GFM tables, accepting every link so that no unsafe one hides: by default
    markdown-it silently drops `javascript:` links, which would mask an escaping bug."""
    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def parse(text: str) -> list[Token]:
    """The block tokens of `text`."""
    return parser().parse(text)


def walk(tokens: list[Token]) -> Iterator[Token]:
    """Every token, inline children included."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def plain(inline: Token) -> str:
    """The text a reader sees in an inline token (emphasis and link markup left out)."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


@dataclass
class Table:
    """A table as parsed: header cells and body rows of plain cell text."""

    header: list[str]
    rows: list[list[str]]
    source_cells: list[int]  # the number of cells of each source line (header and rows)


def tables(text: str) -> list[Table]:
    """Every table in `text`, with cell counts taken from the source lines themselves: the
    parser pads or drops cells to the header's count, which would hide a broken row."""
    lines = text.splitlines()
    found: list[Table] = []
    current: Table | None = None
    row: list[str] = []
    for token in parse(text):
        if token.type == "table_open":
            current = Table([], [], [])
            found.append(current)
        elif token.type == "tr_open" and current is not None:
            row = []
            assert token.map is not None
            current.source_cells.append(_source_cells(lines[token.map[0]]))
        elif token.type == "inline" and current is not None:
            row.append(plain(token))
        elif token.type == "tr_close" and current is not None:
            if current.header:
                current.rows.append(row)
            else:
                current.header = row
        elif token.type == "table_close":
            current = None
    return found


def _source_cells(line: str) -> int:
    cells = escapedSplit(line.strip())
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return len(cells)


def links(text: str) -> list[str]:
    """The href of every link in `text`."""
    return [t.attrGet("href") or "" for t in walk(parse(text)) if t.type == "link_open"]


def assert_safe(text: str) -> None:
    """No raw HTML, no image, only http(s) links, no setext heading, and every table row as
    wide as its header."""
    for token in walk(parse(text)):
        assert token.type not in ("html_block", "html_inline"), token
        assert token.type != "image", token
        # an accidental `---` or `===` under a line of text makes it a (setext) heading
        assert not (token.type == "heading_open" and token.markup in ("=", "-")), token
        if token.type == "link_open":
            href = token.attrGet("href") or ""
            assert HTTP.match(str(href)), f"link to {href!r}"
    for table in tables(text):
        width = len(table.header)
        assert table.source_cells == [width] * len(table.source_cells), table.header
