"""Findings: the small values checks yield and the engine weighs.

A finding is a named tuple: a run over a thousand files makes hundreds of thousands of them,
and a worker process pickles them for the parent (`parallel`).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from paiguard.codes import Severity


def printable(text: str) -> str:
    """`text` as one line of visible characters: controls, line breaks, bidi overrides and
    other invisible characters become escapes, so declaration text quoted in a message can
    neither break a line-based format nor drive a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


class Waived(NamedTuple):
    """The waiver that turned a gap into an info finding (SARIF shows it as a suppression)."""

    reason: str
    approved_by: str
    expires: dt.date


class Finding(NamedTuple):
    """One problem at one place in one file."""

    code: str
    severity: Severity
    message: str
    line: int = 1
    column: int = 1
    practice: str | None = None
    hint: str | None = None
    waived: Waived | None = None
    at: tuple[str | int, ...] = ()  # the key path of what it points at, e.g. ("practices", id)
    # with `--since REF`: "new", or "unchanged" when REF already had it (SPEC 4.1); else None
    baseline_state: str | None = None

    def sort_key(self) -> tuple[int, int]:
        """Order by position; a stable sort keeps pack order among findings at one place."""
        return (self.line, self.column)
