"""Tab-separated files with a `#` header of metadata, as SSSOM TSV writes them: strictly read.

The header is YAML, and the files paiguard reads hold a small subset of it, which is all this
module accepts: `key: value` lines, a value plain or quoted ("..." with backslash escapes,
'...' with '' for a quote), and a key followed by more indented lines holding either
`name: value` pairs (SSSOM's `curie_map`) or `- value` items (`creator_label`). Anything else,
such as a flow collection, an anchor or a plain value a YAML reader would read differently
(one holding `: ` or ` #`), is an error at its line: the file must mean the same to an SSSOM
tool as it does here. Then comes the table: a row of column names, one row per record, every
row as wide as the first.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, NoReturn

from paiguard.errors import PaiguardError

MAX_BYTES = 16 * 1024 * 1024
Value = str | dict[str, str] | list[str]

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?")
_DOUBLE = re.compile(r'(?:[^"\\]|\\(?:u[0-9A-Fa-f]{4}|["\\/nt]))*')
_ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|["\\/nt])')
_ESCAPED = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t"}
_INDICATORS = frozenset("[]{}&*!|>%@`#,?")


class Header(NamedTuple):
    """The `#` lines of a file as data, the line of each key, and where the table starts."""

    values: dict[str, Value]
    lines: dict[str, int]
    end: int  # index into the file's lines of the first line after the header
    shown: str  # the file, as messages name it


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file of at most `MAX_BYTES`, without line ends; a control
    character other than a tab is an error at its line."""
    shown = str(path)
    if not path.is_file():  # a FIFO or a device is never opened
        raise PaiguardError("not a regular file", path=shown)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise PaiguardError(f"cannot read: {exc.strerror}", path=shown) from None
    if len(data) > MAX_BYTES:
        raise PaiguardError(f"larger than {MAX_BYTES // 1024 // 1024} MiB", path=shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        raise PaiguardError(f"not UTF-8: {exc.reason}", path=shown, line=where) from None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    lines = [line.removesuffix("\r") for line in lines]
    for number, line in enumerate(lines, start=1):
        bad = next((c for c in line if c != "\t" and unicodedata.category(c) == "Cc"), None)
        if bad is not None:
            raise PaiguardError(f"control character U+{ord(bad):04X}", path=shown, line=number)
    return lines


def read_header(lines: list[str], shown: str) -> Header:
    """The leading `#` lines of `lines` as data (see the module's docstring)."""
    reader = _HeaderReader(shown)
    end = 0
    while end < len(lines) and lines[end].startswith("#"):
        reader.line(lines[end][1:], end + 1)
        end += 1
    reader.close()
    return Header(reader.values, reader.lines, end, shown)


def text_value(header: Header, key: str) -> str:
    """The header's text value `key`; missing or not text is an error."""
    value = header.values.get(key)
    if isinstance(value, str) and value.strip():
        return value
    where = header.lines.get(key, 1)
    message = f"the header has no {key}" if value is None else f"{key} must be a line of text"
    raise PaiguardError(message, path=header.shown, line=where)


def read_table(
    lines: list[str], header: Header, required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) of each row after the header; the columns must include
    `required` (others are allowed, as SSSOM has many optional ones)."""
    shown, start = header.shown, header.end + 1
    rows = csv.reader(lines[header.end :], delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    columns = next(rows, None)
    if columns is None:
        raise PaiguardError(
            f"no table after the header: expected the columns {_listed(required)}",
            path=shown,
            line=len(lines),
        )
    missing = [c for c in required if c not in columns]
    twice = [c for c in columns if columns.count(c) > 1]
    if missing or twice:
        problem = f"missing column {missing[0]}" if missing else f"column {twice[0]} twice"
        message = f"{problem}: the columns are {_listed(required)}"
        raise PaiguardError(message, path=shown, line=start)
    for number, row in enumerate(rows, start=start + 1):
        if len(row) != len(columns):
            what = "an empty line" if not row else f"{len(row)} fields"
            message = f"{what}, expected {len(columns)} tab-separated fields"
            raise PaiguardError(message, path=shown, line=number)
        yield number, dict(zip(columns, row, strict=True))


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


class _HeaderReader:
    """Reads header lines one at a time: top-level keys, and one level of nested lines."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.values: dict[str, Value] = {}
        self.lines: dict[str, int] = {}
        self.top: int | None = None  # the indentation of top-level keys
        self.block: str | None = None  # the key whose nested lines follow
        self.nested: int | None = None  # their indentation

    def line(self, text: str, number: int) -> None:
        if not text.strip():
            return
        body = text.lstrip(" ")
        indent = len(text) - len(body)
        body = body.rstrip()
        if body.startswith("\t"):
            self._fail(number, "a tab in the indentation")
        if self.top is None:
            self.top = indent
        if indent == self.top:
            self.close()
            self._top(body, number)
        elif indent < self.top:
            self._fail(number, "indented less than the header's first line")
        else:
            self._nested(body, indent, number)

    def close(self) -> None:
        """End the block of nested lines of the last top-level key."""
        if self.block is not None and self.nested is None:
            self._fail(self.lines[self.block], f"{self.block} has no value")
        self.block = self.nested = None

    def _top(self, body: str, number: int) -> None:
        key, value = self._key_value(body, number)
        if key in self.values:
            self._fail(number, f"{key} a second time (first at line {self.lines[key]})")
        self.lines[key] = number
        if value is None:
            self.block = key
            self.values[key] = {}
        else:
            self.values[key] = self._scalar(value, number)

    def _nested(self, body: str, indent: int, number: int) -> None:
        if self.block is None:
            self._fail(number, "an indented line under a key that has a value")
        if self.nested is None:
            self.nested = indent
        elif indent != self.nested:
            self._fail(number, "indented unlike the lines above it (one level of nesting only)")
        container = self.values[self.block]
        if body == "-" or body.startswith("- "):
            if isinstance(container, dict) and container:
                self._fail(number, f"a list item among the `name: value` lines of {self.block}")
            items = container if isinstance(container, list) else []
            items.append(self._scalar(body[1:].strip(), number))
            self.values[self.block] = items
            return
        if isinstance(container, list):
            self._fail(number, f"a `name: value` line among the list items of {self.block}")
        assert isinstance(container, dict)
        key, value = self._key_value(body, number)
        if value is None:
            self._fail(number, f"{key} has no value (one level of nesting only)")
        if key in container:
            self._fail(number, f"{self.block}: {key} a second time")
        container[key] = self._scalar(value, number)

    def _key_value(self, body: str, number: int) -> tuple[str, str | None]:
        match = _KEY.fullmatch(body)
        if match is None:
            self._fail(number, "expected `key: value`")
        return match[1], match[2]

    def _scalar(self, text: str, number: int) -> str:
        if not text:
            self._fail(number, "an empty value")
        if text[0] == '"':
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != '"' or not _DOUBLE.fullmatch(inner):
                self._fail(number, 'a "quoted" value must end at its closing quote')
            return _ESCAPE.sub(_unescape, inner)
        if text[0] == "'":
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
                self._fail(number, "a 'quoted' value must end at its closing quote")
            return inner.replace("''", "'")
        if text[0] in _INDICATORS or text.startswith(("- ", ": ")) or ": " in text or " #" in text:
            self._fail(number, f"quote this value: YAML reads {text!r} as more than text")
        return text

    def _fail(self, number: int, message: str) -> NoReturn:
        raise PaiguardError(message, path=self.shown, line=number)


def _unescape(match: re.Match[str]) -> str:
    code = match[1]
    return chr(int(code[1:], 16)) if code[0] == "u" else _ESCAPED[code]
