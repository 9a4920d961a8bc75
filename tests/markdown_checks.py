"""Reading reports back with a real CommonMark + GFM-table parser (markdown-it-py) and with
GitHub's own renderer (cmark-gfm with every GitHub extension: autolink, table, strikethrough,
tagfilter, tasklist), and asserting they are safe: no raw HTML but the report's own anchors, no
image, no link that is not http(s) or to an anchor of the report, no table row that has more or
fewer cells than its header."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token

HTTP = re.compile(r"https?://", re.IGNORECASE)
# The only raw HTML a Markdown report holds: the anchors it makes itself (markdown.anchor).
ANCHOR_OPEN = re.compile(r'<a name="([a-z0-9][a-z0-9.-]*)">')
ANCHOR_CLOSE = "</a>"


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
    """The href of every link in `text` (in-page links to the report's anchors included)."""
    return [t.attrGet("href") or "" for t in walk(parse(text)) if t.type == "link_open"]


def anchors(text: str) -> list[str]:
    """The anchors the report makes (`<a name="...">`), in order."""
    return [
        m[1]
        for t in walk(parse(text))
        if t.type == "html_inline"
        for m in [ANCHOR_OPEN.fullmatch(t.content)]
        if m
    ]


def assert_safe(text: str) -> None:
    """No raw HTML but the report's own anchors, no image, only http(s) links and links to
    anchors the report has, no setext heading, and every table row as wide as its header; the
    same when GitHub renders it."""
    names = set(anchors(text))
    assert len(names) == len(anchors(text)), "an anchor is made twice"
    for token in walk(parse(text)):
        assert token.type != "html_block", token
        if token.type == "html_inline":
            assert ANCHOR_OPEN.fullmatch(token.content) or token.content == ANCHOR_CLOSE, token
        assert token.type != "image", token
        # an accidental `---` or `===` under a line of text makes it a (setext) heading
        assert not (token.type == "heading_open" and token.markup in ("=", "-")), token
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            assert allowed(href, names), f"link to {href!r}"
    for table in tables(text):
        width = len(table.header)
        assert table.source_cells == [width] * len(table.source_cells), table.header
    rendered = github(text)
    assert rendered.tags <= {*GITHUB_MARKDOWN_TAGS, "a"}, rendered.tags - GITHUB_MARKDOWN_TAGS
    assert sorted(rendered.names) == sorted(names), "GitHub does not keep the report's anchors"
    for href in rendered.hrefs:
        assert allowed(href, names), f"GitHub links {href!r}"
    assert [len(rows) for rows in rendered.tables] == [len(t.rows) + 1 for t in tables(text)]
    for table, rows in zip(tables(text), rendered.tables, strict=True):
        assert rows == [len(table.header)] * len(rows), table.header


# The elements cmark-gfm makes from Markdown itself (so any other one came from raw HTML).
GITHUB_MARKDOWN_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "code", "pre"}
    | {"em", "strong", "del", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"}
)


def allowed(href: str, names: set[str]) -> bool:
    """Whether a report may link to `href`: an http(s) url, or an anchor the report has."""
    return bool(HTTP.match(href)) or (href.startswith("#") and href[1:] in names)


class GitHubHtml(HTMLParser):
    """What GitHub's renderer made of a report: every element, link, anchor and table row."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.names: list[str] = []
        self.tables: list[list[int]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs)
        if tag == "a":
            if "href" in found:
                self.hrefs.append(found["href"] or "")
            if "name" in found:
                self.names.append(found["name"] or "")
            assert set(found) <= {"href", "name"}, attrs
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def github(text: str) -> GitHubHtml:
    """`text` rendered by cmark-gfm with every GitHub extension, raw HTML kept (GitHub keeps
    it too, then filters it: keeping it here shows what a report would have let through)."""
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    parsed = GitHubHtml()
    parsed.feed(html)
    parsed.close()
    return parsed
