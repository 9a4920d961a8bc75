"""A fast reader for the YAML that declarations actually use, exact or silent.

`read_subset` reads the plain, line-oriented YAML that `paiguard init` scaffolds and providers
write (block mappings and sequences, one-line plain and quoted scalars, one-line flow
collections, simple folded and literal block scalars, comments) in one pass over the lines,
without loading the YAML library. It gives exactly the `Document` that the full reader in
`yamlsource` gives (the same data and types, and the same position for every key and value,
as libyaml reports them), or None as soon as the text leaves that subset or would make the full
reader raise (a syntax error, a limit, an anchor, a tag, a duplicate key). None is always safe:
the caller then runs the full reader, which reports the problem as it always has. So every rule
below refuses rather than guesses; tests/test_yaml_subset.py holds the two readers to each other.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.machinery import PathFinder
from itertools import count, islice, repeat
from typing import Any

from paiguard.limits import Limits
from paiguard.yamlsource import (
    _FALSE,
    _FLOAT,
    _HEX,
    _INT,
    _MAYBE_TYPED,
    _NULLS,
    _OCT,
    _SPECIAL_FLOATS,
    _TRUE,
    Document,
    Mark,
    YamlPath,
    _resolve_plain,
)

# Document markers and directives start at a line's first column.
_MARKER = re.compile(r"\n(?:---|\.\.\.|%)")
# A key: a one-line plain scalar that starts with no indicator and holds no ':', '#' or flow
# indicator, followed by ':' and a space or the line's end.
_KEY = r"[^ \n#:\-?,\[\]{}&*!|>'\"%@`][^ \n:#,\[\]{}]*(?: +[^ \n:#,\[\]{}]+)*"
_ENTRY = re.compile(f"({_KEY}):(?: +|$)")
# After a value: spaces, then a comment or nothing.
_TAIL_MATCH = re.compile(r"(?: +(?:#.*)?)?$").match
# A plain scalar in block context cannot start with these (nor with '- '); it ends at ' #'
# and must hold no ': ' nor end with ':'. Flow indicators inside it are plain text.
_PLAIN_FIRST = frozenset("?:,[]{}#&*!|>'\"%@`")
# What the fast path leaves to the general one as a value's first character: the above, a space
# (more than one after the colon) and '-'.
_NOT_FIRST = _PLAIN_FIRST | {" ", "-"}
_BLOCK = re.compile(r"([|>])(-?) *$")
# Inside a flow collection: plain scalars hold no ':' at all (libyaml refuses 'a:b' there), no
# '?' (it ends one there), nor a flow indicator, nor ' #'; quoted scalars hold no line break,
# and double-quoted ones no escape (left to the full reader).
_FLOW_PLAIN = (
    r"(?:[^ \-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^ ,\[\]{}:#?]))[^ :,\[\]{}?]*"
    r"(?: +[^ :,\[\]{}#?][^ :,\[\]{}?]*)*"
)
_FLOW_PLAIN_MATCH = re.compile(_FLOW_PLAIN).match
_FLOW_KEY_MATCH = re.compile(f"({_FLOW_PLAIN}): +").match
_FLOW_SINGLE_MATCH = re.compile(r"'((?:[^']|'')*)'").match
_FLOW_DOUBLE_MATCH = re.compile(r'"([^"\\]*)"').match
# Every plain scalar that `_resolve_plain` does not leave a string matches this, built from the
# same words and patterns: one match instead of its several for the common string (a date, a name).
_TYPED_FORM = re.compile(
    "|".join(
        [
            *(
                re.escape(word)
                for word in sorted(_NULLS | _TRUE | _FALSE | set(_SPECIAL_FLOATS))
                if word
            ),
            *(pattern.pattern for pattern in (_INT, _OCT, _HEX, _FLOAT)),
        ]
    )
).fullmatch
# libyaml looks for a simple key's ':' at most 1024 characters after the key starts.
_LONGEST_KEY = 1000


class _Refused(Exception):
    """The text leaves the subset: the full reader must read it."""


def read_subset(text: str, limits: Limits) -> Document | None:
    """The document the full reader makes of `text`, or None when the text leaves the subset
    or the full reader would refuse it. Never raises."""
    # Printable: no tab, carriage return, control character, line or paragraph separator,
    # byte order mark, surrogate or non-character, which libyaml refuses or reads apart (it
    # also turns away a few characters libyaml takes, such as U+00A0: the full reader reads those).
    if not text.replace("\n", " ").isprintable():
        return None
    if text.startswith(("---", "...", "%")) or _MARKER.search(text):
        return None
    if not libyaml_available():
        return None
    try:
        document = _Reader(text, limits).read()
    except Exception:  # _Refused, and any surprise: the full reader decides
        return None
    if len(document.keys) + len(document.values) > limits.max_nodes:
        return None
    return document


@cache
def libyaml_available() -> bool:
    """Whether the full reader runs on libyaml (ruamel.yaml.clib), whose positions this module
    reproduces. Without it the full reader falls back to ruamel's pure-Python parser, which
    places some marks elsewhere (an empty value at the next token, not after its colon), so
    the fast reader steps aside. Looked up once, without importing anything."""
    return PathFinder.find_spec("_ruamel_yaml") is not None


class _Reader:
    """One pass over the lines, with the open block collections on a stack."""

    def __init__(self, text: str, limits: Limits) -> None:
        self.lines = text.split("\n")
        self.keys: dict[YamlPath, Mark] = {}
        self.values: dict[YamlPath, Mark] = {}
        self.max_depth = limits.max_depth
        self.max_chars = limits.max_scalar_chars

    def read(self) -> Document:  # noqa: PLR0912, PLR0915
        """Read every line; one function with local names, for speed."""
        lines, keys, values = self.lines, self.keys, self.values
        max_chars, max_depth = self.max_chars, self.max_depth
        key_chars = min(_LONGEST_KEY, max_chars)
        # When no line is longer than a key may be, no key or one-line scalar is over a limit.
        short_lines = max(map(len, lines)) <= key_chars
        entry, maybe_typed, typed_form = _ENTRY.match, _MAYBE_TYPED, _TYPED_FORM
        not_first = _NOT_FIRST
        new_mark = tuple.__new__  # Mark(line, column), without the Python-level Mark.__new__
        good_keys: set[str] = set()  # keys already found to be plain strings within the limit
        # Declarations repeat lines (`    status: implemented`): each `key: text` line read by
        # the fast path, with its key and value, so that the same line is not read twice.
        lines_read: dict[str, tuple[str, Any]] = {}
        read_before = lines_read.get
        root: Any = None
        # The innermost open block collection and its column; the enclosing ones on `stack`.
        top: Any = None
        top_indent = -1
        top_path: YamlPath = ()
        top_is_seq = indentless = False
        depth = 0  # how many collections enclose `top`
        stack: list[tuple[Any, int, YamlPath, bool, bool]] = []
        # A key read with nothing after it: (its path, where an empty value would sit, column).
        pending: tuple[YamlPath, Mark, int] | None = None
        # The column at which `key: text` goes straight into `top`; -1 while `top` is a
        # sequence or a key waits for its value.
        direct = -1
        # Each line with its leading spaces stripped, all in one go (a C loop).
        numbered = zip(count(1), lines, map(str.lstrip, lines, repeat(" ")), strict=False)
        for number, line, rest in numbered:
            if not rest or rest[0] == "#":
                continue
            indent = len(line) - len(rest)
            is_item = rest[0] == "-" and (len(rest) == 1 or rest[1] == " ")
            if pending is not None:  # this line starts the key's nested block, or it has none
                path, empty, column = pending
                pending = None
                if indent > column or (indent == column and is_item):
                    if depth + 1 >= max_depth:
                        raise _Refused
                    nested: Any = [] if is_item else {}
                    top[path[-1]] = nested
                    values[path] = new_mark(Mark, (number, indent + 1))
                    stack.append((top, top_indent, top_path, top_is_seq, indentless))
                    depth += 1
                    indentless = indent == column
                    top, top_indent, top_path, top_is_seq = nested, indent, path, is_item
                else:
                    top[path[-1]] = None
                    values[path] = empty
                direct = -1 if top_is_seq or not short_lines else top_indent
            if indent < top_indent or (indentless and indent == top_indent and not is_item):
                while indent < top_indent or (indentless and indent == top_indent and not is_item):
                    top, top_indent, top_path, top_is_seq, indentless = stack.pop()
                    depth -= 1
                direct = -1 if top_is_seq or not short_lines else top_indent
            if indent == direct:  # most lines: `key: text` in the mapping in hand
                seen = read_before(line)
                if seen is not None:  # the same line earlier in the file: its key and value
                    key = seen[0]
                    if key in top:
                        raise _Refused
                    path = top_path + (key,)  # noqa: RUF005 - faster than unpacking
                    keys[path] = new_mark(Mark, (number, indent + 1))
                    top[key] = seen[1]
                    values[path] = new_mark(Mark, (number, indent + len(key) + 3))
                    continue
                key, colon, text = rest.partition(": ")
                if (
                    colon
                    and text
                    and key in good_keys
                    and text[0] not in not_first
                    and text[-1] not in ": "
                    and " #" not in text
                    and ": " not in text
                ):
                    if key in top:
                        raise _Refused
                    path = top_path + (key,)  # noqa: RUF005 - faster than unpacking
                    keys[path] = new_mark(Mark, (number, indent + 1))
                    value = (
                        _resolve_plain(text)
                        if text[0] in maybe_typed and typed_form(text)
                        else text
                    )
                    top[key] = value
                    values[path] = new_mark(Mark, (number, indent + len(key) + 3))
                    lines_read[line] = (key, value)
                    continue
                if not colon and rest[-1] == ":" and rest[:-1] in good_keys:  # `key:`
                    key = rest[:-1]
                    if key in top:
                        raise _Refused
                    path = top_path + (key,)  # noqa: RUF005 - faster than unpacking
                    keys[path] = new_mark(Mark, (number, indent + 1))
                    pending = (path, new_mark(Mark, (number, indent + len(key) + 2)), indent)
                    direct = -1
                    continue
            if top is None:  # the first node: the root collection
                if max_depth <= 0 or not (is_item or entry(line, indent)):
                    raise _Refused
                root = top = [] if is_item else {}
                top_indent, top_is_seq = indent, is_item
                values[()] = new_mark(Mark, (number, indent + 1))
            if indent != top_indent or is_item is not top_is_seq:
                raise _Refused
            column = indent
            if is_item:
                path = top_path + (len(top),)  # noqa: RUF005 - faster than unpacking
                column = len(line) - len(rest[1:].lstrip(" "))
                if column == len(line) or line[column] == "#":
                    raise _Refused  # an empty item
                body = line[column:]
            else:
                body = rest
            # The key: one seen before, or one the key pattern accepts.
            key, colon, after = body.partition(":")
            if colon and key in good_keys and (not after or after[0] == " "):
                after = after.lstrip(" ")
                start = len(line) - len(after)
            else:
                found = entry(line, column)
                if found is None:
                    if not is_item:
                        raise _Refused
                    value, end = self._value(line, column, number, path, depth + 1)
                    top.append(value)  # an item that is a scalar or a flow collection
                    if not _TAIL_MATCH(line, end):
                        raise _Refused
                    direct = -1
                    continue
                key = found.group(1)
                if len(key) > key_chars or (key[0] in maybe_typed and typed_form(key)):
                    raise _Refused  # too long, or not a string
                good_keys.add(key)
                start = found.end()
                after = line[start:]
            if is_item:  # an item that is a mapping, starting with this key
                if depth + 1 >= max_depth:
                    raise _Refused
                value = {}
                top.append(value)
                values[path] = new_mark(Mark, (number, column + 1))
                stack.append((top, top_indent, top_path, top_is_seq, indentless))
                depth += 1
                top, top_indent, top_path, top_is_seq, indentless = (
                    value,
                    column,
                    path,
                    False,
                    False,
                )
            elif key in top:
                raise _Refused
            direct = top_indent if short_lines else -1
            path = top_path + (key,)  # noqa: RUF005 - faster than unpacking
            keys[path] = new_mark(Mark, (number, column + 1))
            first = after[0] if after else "#"
            if first == "#":
                pending = (path, new_mark(Mark, (number, column + len(key) + 2)), column)
                direct = -1
            elif first in "|>":
                values[path] = new_mark(Mark, (number, start + 1))
                top[key], taken = self._block_scalar(line, start, number, column)
                next(islice(numbered, taken, taken), None)  # skip the lines it took
            elif first in "'\"{[":
                top[key], end = self._flow_node(line, start, number, path, depth + 1)
                if not _TAIL_MATCH(line, end):
                    raise _Refused
            else:  # a plain scalar, up to a comment or trailing spaces
                text = after[: after.index(" #")] if " #" in after else after
                if text[-1] == " ":
                    text = text.rstrip(" ")
                if first in not_first and (first != "-" or len(text) == 1 or text[1] == " "):
                    raise _Refused  # an indicator, or '- '
                if ": " in text or text[-1] == ":" or len(text) > max_chars:
                    raise _Refused
                top[key] = (
                    _resolve_plain(text) if first in maybe_typed and typed_form(text) else text
                )
                values[path] = new_mark(Mark, (number, start + 1))
        if root is None:
            raise _Refused
        if pending is not None:
            path, empty, _ = pending
            top[path[-1]] = None
            values[path] = empty
        return Document(root, keys, values)

    def _value(
        self, line: str, pos: int, number: int, path: YamlPath, depth: int
    ) -> tuple[Any, int]:
        """A value that starts at `pos` in block context: a one-line plain or quoted scalar, or
        a one-line flow collection; the value and where it ends."""
        first = line[pos]
        if first in "'\"{[":
            return self._flow_node(line, pos, number, path, depth)
        # A plain scalar, read with string methods: a regex would test it character by character.
        hashed = line.find(" #", pos)
        text = (line[pos:hashed] if hashed >= 0 else line[pos:]).rstrip(" ")
        if first in _PLAIN_FIRST or ": " in text or text[-1] == ":" or len(text) > self.max_chars:
            raise _Refused
        if first == "-" and (len(text) == 1 or text[1] == " "):
            raise _Refused
        self.values[path] = tuple.__new__(Mark, (number, pos + 1))
        return _plain_value(text), len(line)

    def _flow_node(
        self, line: str, pos: int, number: int, path: YamlPath, depth: int
    ) -> tuple[Any, int]:
        """A scalar or collection inside (or opening) a flow collection."""
        first = line[pos]
        if first in "{[":
            if depth >= self.max_depth:
                raise _Refused
            self.values[path] = tuple.__new__(Mark, (number, pos + 1))
            if first == "{":
                return self._flow_mapping(line, pos + 1, number, path, depth)
            return self._flow_sequence(line, pos + 1, number, path, depth)
        value: Any
        if first == "'":
            match = _FLOW_SINGLE_MATCH(line, pos)
            if match is None:
                raise _Refused
            value = match.group(1).replace("''", "'")
        elif first == '"':
            match = _FLOW_DOUBLE_MATCH(line, pos)
            if match is None:
                raise _Refused
            value = match.group(1)
        else:
            match = _FLOW_PLAIN_MATCH(line, pos)
            if match is None:
                raise _Refused
            text = match.group()
            value = _plain_value(text)
        if len(value if type(value) is str else match.group()) > self.max_chars:
            raise _Refused
        self.values[path] = tuple.__new__(Mark, (number, pos + 1))
        return value, match.end()

    def _flow_sequence(
        self, line: str, pos: int, number: int, path: YamlPath, depth: int
    ) -> tuple[list[Any], int]:
        """The items of `[...]` after its bracket, all on this line; the list and its end."""
        items: list[Any] = []
        pos = _skip_spaces(line, pos)
        if line[pos] == "]":
            return items, pos + 1
        while True:
            value, pos = self._flow_node(line, pos, number, (*path, len(items)), depth + 1)
            items.append(value)
            pos = _skip_spaces(line, pos)
            if line[pos] == "]":
                return items, pos + 1
            if line[pos] != ",":
                raise _Refused
            pos = _skip_spaces(line, pos + 1)

    def _flow_mapping(
        self, line: str, pos: int, number: int, path: YamlPath, depth: int
    ) -> tuple[dict[str, Any], int]:
        """The `key: value` pairs of `{...}` after its brace, all on this line."""
        mapping: dict[str, Any] = {}
        pos = _skip_spaces(line, pos)
        if line[pos] == "}":
            return mapping, pos + 1
        while True:
            match = _FLOW_KEY_MATCH(line, pos)
            if match is None:
                raise _Refused
            key = match.group(1)
            if len(key) > min(_LONGEST_KEY, self.max_chars) or key in mapping:
                raise _Refused
            if key[0] in _MAYBE_TYPED and _TYPED_FORM(key):
                raise _Refused
            at = (*path, key)
            self.keys[at] = tuple.__new__(Mark, (number, pos + 1))
            mapping[key], pos = self._flow_node(line, match.end(), number, at, depth + 1)
            pos = _skip_spaces(line, pos)
            if line[pos] == "}":
                return mapping, pos + 1
            if line[pos] != ",":
                raise _Refused
            pos = _skip_spaces(line, pos + 1)

    def _block_scalar(self, line: str, pos: int, number: int, column: int) -> tuple[str, int]:
        """A `|`, `|-`, `>` or `>-` scalar whose header is at `pos` of line `number`, the value
        of a key at `column`; its text and how many lines after the header it takes."""
        header = _BLOCK.match(line, pos)
        if header is None:
            raise _Refused
        literal, strip = header.group(1) == "|", header.group(2) == "-"
        lines, total = self.lines, len(self.lines)
        if number >= total:
            raise _Refused
        first = lines[number]
        indent = len(first) - len(first.lstrip(" "))
        if indent == len(first) or indent <= column:
            raise _Refused  # leading empty lines, or an empty scalar
        content: list[str] = []
        end = number  # index after the last line with text
        at = number
        while at < total:
            text = lines[at]
            body = text.lstrip(" ")
            if body:
                spaces = len(text) - len(body)
                if spaces < indent:
                    break
                if spaces > indent and not literal:
                    raise _Refused  # more-indented lines keep their breaks in folded text
                content.append(text[indent:])
                end = at + 1
            elif len(text) > indent:
                raise _Refused  # spaces beyond the indentation are content
            else:
                content.append("")
            at += 1
        del content[end - number :]
        value = "\n".join(content) if literal else _folded(content)
        if not strip and end < total:
            value += "\n"
        if len(value) > self.max_chars:
            raise _Refused
        return value, at - number


def _skip_spaces(line: str, pos: int) -> int:
    """The index of the first character at or after `pos` that is not a space."""
    while pos < len(line) and line[pos] == " ":
        pos += 1
    return pos


def _plain_value(text: str) -> Any:
    """A plain scalar's value under the core schema, as the full reader resolves it."""
    return _resolve_plain(text) if text[0] in _MAYBE_TYPED and _TYPED_FORM(text) else text


def _folded(content: list[str]) -> str:
    """A folded scalar's lines joined: a space between adjacent lines, a break per empty line."""
    out = [content[0]]
    breaks = 0
    for text in content[1:]:
        if not text:
            breaks += 1
            continue
        out.append("\n" * breaks if breaks else " ")
        out.append(text)
        breaks = 0
    return "".join(out)
