"""Pydantic validation errors as one located sentence each, for declarations, packs and config."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from paiguard.yamlsource import Document, Mark, YamlPath


def describe(err: Any, document: Document, field_names: Iterable[str]) -> tuple[str, Mark]:
    """A message for one pydantic error and the position of the key or value it is about."""
    loc: YamlPath = tuple(err["loc"])
    kind = err["type"]
    shown = _shown(err.get("input"))
    if kind == "extra_forbidden":
        message = f"unknown key '{loc[-1]}'" + (f" in {dotted(loc[:-1])}" if loc[:-1] else "")
        close = difflib.get_close_matches(str(loc[-1]), sorted(set(field_names)), n=1)
        if close:
            message += f"; did you mean '{close[0]}'?"
        return message, document.key_mark(loc)
    if kind == "missing":
        parent = dotted(loc[:-1]) or "the top level"
        return f"missing required key '{loc[-1]}' in {parent}", document.key_mark(loc[:-1])
    msg = err["msg"].removeprefix("Value error, ")
    if kind in ("enum", "literal_error") and shown:
        msg += f", got {shown}"
    elif kind == "string_type" and isinstance(err.get("input"), int | float):
        msg += f", got the number {shown}; quote it to keep it text"
    elif kind == "string_pattern_mismatch" and shown:
        msg += f", got {shown}"
    where = dotted(loc)
    return (f"{where}: {msg}" if where else msg), document.value_mark(loc)


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
