"""Safe YAML reading with a position for every key and value: the only module that knows ruamel.

Declarations are untrusted input, so they are never handed to a YAML constructor. The parser's
event stream (libyaml through `ruamel.yaml.clib` when it is installed) is folded into plain data
here, which lets us refuse anchors, aliases and custom tags before anything is built, stop at the
depth limit before a deep file costs memory, and record where each key and value starts.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from paiguard.limits import Limits

YamlPath = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_CONTAINER_TAGS = {None, "!", _CORE + "map", _CORE + "seq"}
_TYPED: dict[str, tuple[type, ...]] = {
    _CORE + "null": (type(None),),
    _CORE + "bool": (bool,),
    _CORE + "int": (int,),
    _CORE + "float": (int, float),
}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# A plain scalar can only resolve to something other than a string when it starts with one of
# these (null, ~, booleans, numbers, .inf/.nan); the rest skip the pattern matching.
_MAYBE_TYPED = frozenset("~nNtTfF0123456789+-.") | {""}
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}


class Mark(NamedTuple):
    """A 1-based line and column (a tuple: one is made for every node of every file)."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Span:
    """Where a scalar sits in the text: `text[start:end]`, quotes included."""

    start: int
    end: int


Spans = dict[tuple[YamlPath, bool], Span]


class YamlProblem(Exception):
    """The file cannot be read as a declaration: PG001 (syntax, encoding) or PG003 (a limit)."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class Document:
    """Plain data (dicts, lists, str, int, float, bool, None) and where each part starts."""

    data: Any
    keys: dict[YamlPath, Mark] = field(default_factory=dict)
    values: dict[YamlPath, Mark] = field(default_factory=dict)

    def key_mark(self, path: YamlPath) -> Mark:
        """Where the key of `path` stands, or the nearest enclosing position that exists."""
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Mark(1, 1))

    def value_mark(self, path: YamlPath) -> Mark:
        """Where the value at `path` starts, or the nearest enclosing position that exists."""
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), Mark(1, 1))


_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def read_limited(path: Path, limits: Limits) -> bytes:
    """The bytes of a declaration file, refusing anything that is not a regular file within
    the size limit before reading it whole (PG001, PG003).

    The file is opened non-blocking so that a FIFO or a device named like a declaration can
    never hang the run; its type and size are taken from the open descriptor, not the name.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise YamlProblem("PG001", f"cannot read the file: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem("PG001", "cannot read the file: not a regular file")
        if info.st_size > limits.max_bytes:
            raise YamlProblem("PG003", size_message(info.st_size, limits))
        try:
            raw = handle.read(limits.max_bytes + 1)
        except OSError as exc:
            raise YamlProblem("PG001", f"cannot read the file: {exc.strerror}") from None
    if len(raw) > limits.max_bytes:  # it grew between fstat and read
        raise YamlProblem("PG003", size_message(len(raw), limits, at_least=True))
    return raw


def size_message(size: int, limits: Limits, *, at_least: bool = False) -> str:
    """Why a file of `size` bytes is refused (PG003)."""
    shown = f"at least {size}" if at_least else str(size)
    return f"the file is {shown} bytes, over the max_file_bytes limit of {limits.max_bytes}"


def decode(raw: bytes) -> str:
    """UTF-8 text of a file, or PG001 at the first byte that is not UTF-8.

    A UTF-8 byte order mark is allowed (YAML allows it) and dropped; UTF-16 and UTF-32 are not.
    """
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            raise YamlProblem("PG001", f"the file is {name} encoded; save it as UTF-8")
    if b"\x00" in raw[:4]:
        raise YamlProblem(
            "PG001", "the file has NUL bytes (UTF-16 or UTF-32 text?); save it as UTF-8"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # Columns count characters, as the parser's do: everything before the bad byte decodes.
        before = raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")
        column = len(before.removeprefix("\ufeff")) + 1
        raise YamlProblem(
            "PG001", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", line, column
        ) from None
    return text.removeprefix("\ufeff")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def parse(text: str, limits: Limits | None = None) -> Document:
    """Parse one YAML document of untrusted text into plain data with positions."""
    control = _CONTROL.search(text)
    if control:
        at = control.start()
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise YamlProblem(
            "PG001", f"control character U+{ord(control.group()):04X} is not allowed", line, column
        )
    return _read(text, limits or Limits(), None)


def _read(text: str, limits: Limits, spans: Spans | None) -> Document:
    try:
        return _fold(_events(text), limits, spans)
    except YamlProblem:
        raise
    except Exception as exc:  # ruamel's MarkedYAMLError and its kin
        raise _explained(_syntax_problem(exc), text) from None


def _explained(problem: YamlProblem, text: str) -> YamlProblem:
    """The parser's words, plus the likely cause when a tab stands where it stopped."""
    lines = text.splitlines()
    line = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
    if "\t" in line[: problem.column]:
        problem.message += "; a tab cannot indent YAML: indent with spaces"
    return problem


def _events(text: str) -> Iterator[Any]:
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # no C extension here: the pure-Python parser yields the same events
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    try:
        # libyaml answers None once the stream has ended; iter() with a sentinel runs the
        # loop in C, which matters at thousands of events per declaration.
        yield from iter(parser.get_event, None)
    finally:
        parser.dispose()


def _syntax_problem(exc: Exception) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).strip().splitlines()[-1]
    context = getattr(exc, "context", None)
    message = f"{problem} ({context})" if context else str(problem)
    if mark is None:
        return YamlProblem("PG001", message)
    return YamlProblem("PG001", message, mark.line + 1, mark.column + 1)


def _fold(  # noqa: PLR0912, PLR0915
    events: Iterable[Any], limits: Limits, spans: Spans | None
) -> Document:
    """Fold parser events into plain data and positions, enforcing the limits as each event
    arrives, so that no limit is passed by more than one node before the work stops.

    With `spans`, the offsets of every scalar key and value are recorded there too.
    This loop runs once per node of every declaration, so it is written for speed: one
    function, local names, event classes compared by identity. The order of its checks is
    recorded (tests/test_fast_path.py), so the same file always reports the same first problem.
    """
    from ruamel.yaml import events as ev

    scalar, mapping, sequence = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    keys: dict[YamlPath, Mark] = {}
    values: dict[YamlPath, Mark] = {}
    root: Any = None
    stack: list[tuple[Any, YamlPath, str | None]] = []  # enclosing (container, path, key)
    container: Any = None  # the innermost open dict or list; None at the top
    path: YamlPath = ()
    key: str | None = None  # the key read in `container`, waiting for its value
    documents = 0
    max_depth, max_chars = limits.max_depth, limits.max_scalar_chars
    nodes_left = limits.max_nodes
    for event in events:
        kind = type(event)
        if kind in ends:
            container, path, key = stack.pop()
            continue
        if kind is not scalar and kind is not mapping and kind is not sequence:
            documents = _other_event(event, documents)
            continue
        start = event.start_mark
        mark = Mark(start.line + 1, start.column + 1)
        nodes_left -= 1
        if nodes_left < 0:
            raise _too_many_nodes(limits.max_nodes, mark)
        if event.anchor:
            raise YamlProblem(
                "PG003",
                f"YAML anchors are not allowed in a declaration (&{event.anchor})",
                mark.line,
                mark.column,
            )
        value: Any
        if kind is scalar:
            text: str = event.value
            if len(text) > max_chars:
                raise _long_scalar(text, max_chars, mark)
            if event.ctag is None and not event.style and event.implicit[0]:
                value = _resolve_plain_at(text, mark) if text[:1] in _MAYBE_TYPED else text
            else:
                value = _tagged_scalar(event, mark)
        else:
            if event.tag not in _CONTAINER_TAGS:
                raise _tag_problem(event.tag, mark)
            value = {} if kind is mapping else []
        if container is None:
            root = value
            at: YamlPath = ()
        elif type(container) is list:
            at = (*path, len(container))
            container.append(value)
        elif key is None:  # this node is a key of the mapping
            if kind is not scalar:
                raise YamlProblem(
                    "PG001", "a mapping key must be a plain string", mark.line, mark.column
                )
            key = value if type(value) is str else str(value)
            at = (*path, key)
            if key in container:
                raise _duplicate(key, keys[at], mark)
            keys[at] = mark
            if spans is not None:
                spans[(at, True)] = Span(start.index, event.end_mark.index)
            continue
        else:
            at = (*path, key)
            container[key] = value
            key = None
        values[at] = mark
        if kind is scalar:
            if spans is not None:
                spans[(at, False)] = Span(start.index, event.end_mark.index)
        else:
            if len(stack) >= max_depth:
                raise YamlProblem(
                    "PG003",
                    f"nesting deeper than the max_depth limit of {max_depth} levels",
                    mark.line,
                    mark.column,
                )
            stack.append((container, path, key))
            container, path, key = value, at, None
    return Document(root, keys, values)


def _other_event(event: Any, documents: int) -> int:
    """Aliases are refused and a second document is an error; the rest carries no data."""
    kind = type(event).__name__
    if kind == "AliasEvent":
        raise YamlProblem(
            "PG003",
            f"YAML aliases are not allowed in a declaration (*{event.anchor})",
            *_start(event),
        )
    if kind == "DocumentStartEvent":
        documents += 1
        if documents > 1:
            raise YamlProblem("PG001", "expected one YAML document, found a second", *_start(event))
    return documents


def _long_scalar(text: str, limit: int, mark: Mark) -> YamlProblem:
    return YamlProblem(
        "PG003",
        f"a scalar of {len(text)} characters exceeds the max_scalar_chars limit of {limit}",
        mark.line,
        mark.column,
    )


def _duplicate(key: str, first: Mark, mark: Mark) -> YamlProblem:
    return YamlProblem(
        "PG001",
        f"duplicate key '{key}' (first defined at line {first.line})",
        mark.line,
        mark.column,
    )


def _tagged_scalar(event: Any, mark: Mark) -> Any:
    """A quoted or explicitly tagged scalar: text, or the value its core tag asks for."""
    text: str = event.value
    tag = event.tag
    if tag in (None, "!"):
        plain = event.style in (None, "") and event.implicit[0]
        return _resolve_plain_at(text, mark) if plain else text
    if tag == _CORE + "str":
        return text
    if tag in _TYPED:
        value = _resolve_plain_at(text, mark)
        if type(value) in _TYPED[tag]:
            return float(value) if tag.endswith("float") else value
        raise YamlProblem(
            "PG001",
            f"'{text}' cannot be read as !!{tag.removeprefix(_CORE)}",
            mark.line,
            mark.column,
        )
    raise _tag_problem(tag, mark)


def _too_many_nodes(limit: int, mark: Mark) -> YamlProblem:
    return YamlProblem("PG003", f"more than the max_nodes limit of {limit} keys and values", *mark)


def _start(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _tag_problem(tag: str, mark: Mark) -> YamlProblem:
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return YamlProblem(
        "PG003",
        f"custom YAML tags are not allowed in a declaration ({shown})",
        mark.line,
        mark.column,
    )


def _resolve_plain_at(text: str, mark: Mark) -> Any:
    try:
        return _resolve_plain(text)
    except ValueError:  # Python refuses to convert integers of thousands of digits (a DoS guard)
        raise YamlProblem(
            "PG003",
            f"a number of {len(text)} digits is longer than paiguard reads "
            f"({sys.get_int_max_str_digits()})",
            mark.line,
            mark.column,
        ) from None


def _resolve_plain(text: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema (dates stay strings)."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _OCT.fullmatch(text):
        return int(text[2:], 8)
    if _HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text, text)


def parse_with_spans(text: str, limits: Limits | None = None) -> tuple[Document, Spans]:
    """`parse`, plus the span of every scalar key (`True`) and scalar value (`False`).

    For rewrites that must leave every other character alone (`paiguard upgrade`): a round-trip
    dump re-emits the whole file and normalises what it does not model (it turns
    `[{url: x}]` into `[url: x]`), while replacing spans keeps comments and layout exactly.
    """
    spans: Spans = {}
    return _read(text, limits or Limits(), spans), spans


def dump(data: Any) -> str:
    """Plain data (dicts, lists, text, numbers) as block-style YAML, keys in their order."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 100
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
