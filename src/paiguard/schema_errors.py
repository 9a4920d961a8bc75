"""Pydantic validation errors as one located sentence each, for declarations, packs and config."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from paiguard.key_places import suggestion
from paiguard.yamlsource import Document, Mark, YamlPath


def describe(err: Any, document: Document, *roots: type[BaseModel]) -> tuple[str, Mark]:
    """A message for one pydantic error and the position of the key or value it is about.

    `roots` are the models the document was validated against: an unknown key's did-you-mean
    comes from the keys they allow at its place, or says where else the key belongs."""
    loc: YamlPath = tuple(err["loc"])
    kind = err["type"]
    shown = _shown(err.get("input"))
    if kind == "extra_forbidden":
        message = f"unknown key '{loc[-1]}'" + (f" in {dotted(loc[:-1])}" if loc[:-1] else "")
        return message + suggestion(roots, loc[:-1], str(loc[-1])), document.key_mark(loc)
    if kind == "missing":
        parent = dotted(loc[:-1]) or "the top level"
        return f"missing required key '{loc[-1]}' in {parent}", document.key_mark(loc[:-1])
    where = dotted(loc)
    msg = _problem(kind, err, shown)
    return (f"{where}: {msg}" if where else msg), document.value_mark(loc)


# Type errors in the words of the YAML a user wrote, not of the Python models behind it
# (pydantic says "a valid dictionary or instance of PracticeDeclaration").
_EXPECTED = {
    "model_type": "a mapping",
    "dict_type": "a mapping",
    "list_type": "a list",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
}


def _problem(kind: str, err: Any, shown: str) -> str:
    value = err.get("input")
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{err['msg']}, got the number {shown}; quote it to keep it text"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_kind(value)}"
    msg: str = err["msg"].removeprefix("Value error, ")
    if kind in ("enum", "literal_error", "string_pattern_mismatch") and shown:
        msg += f", got {shown}"
    return msg


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return _shown(value) or type(value).__name__


def dotted(loc: YamlPath) -> str:
    """`practices.red-teaming.b1.evidence[0]` for a pydantic location."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(value: Any) -> str:
    if isinstance(value, str | int | float | bool) or value is None:
        return repr(value)
    return ""
