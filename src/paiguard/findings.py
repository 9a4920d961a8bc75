"""Findings and results: small values the engine builds and the formats render.

The values made per practice and per finding are named tuples: a run over a thousand files makes
hundreds of thousands of them, and a worker process pickles them for the parent (`parallel`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from paiguard.declaration import Declaration, ModelInfo
    from paiguard.packs import Pack


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


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

    def sort_key(self) -> tuple[int, int]:
        """Order by position; a stable sort keeps pack order among findings at one place."""
        return (self.line, self.column)


@dataclass(frozen=True, slots=True)
class Tally:
    """Met out of total practices of one level."""

    met: int = 0
    total: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.met + other.met, self.total + other.total)


class StageSummary(NamedTuple):
    """Coverage of one lifecycle stage of the pack."""

    stage: str
    title: str
    baseline: Tally
    recommended: Tally


class PracticeOutcome(NamedTuple):
    """Where one pack practice stands in one declaration (for JUnit and the reports)."""

    practice: str
    level: str
    stage: str
    guideline: str
    declared_status: str | None
    met: bool
    waived: Waived | None
    codes: tuple[str, ...]


@dataclass(slots=True)
class FileResult:
    """Everything paiguard learned about one declaration file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    repo_path: str | None = None  # POSIX path from the repository root (SARIF uri, annotations)
    pack: Pack | None = None
    declaration: Declaration | None = None
    stages: list[StageSummary] = field(default_factory=list)
    outcomes: list[PracticeOutcome] = field(default_factory=list)
    fail_on: Severity | None = None  # the fail level of this file's configuration (None: the run's)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def model(self) -> ModelInfo | None:
        """The model the declaration is about; None when it could not be read."""
        return None if self.declaration is None else self.declaration.model

    @property
    def baseline(self) -> Tally:
        return sum((s.baseline for s in self.stages), Tally())

    @property
    def recommended(self) -> Tally:
        return sum((s.recommended for s in self.stages), Tally())


@dataclass(slots=True)
class RunResult:
    """The results of one run over one or more files, in the order they were given."""

    files: list[FileResult]
    fail_on: Severity = Severity.ERROR  # for files without a fail level of their own

    def count(self, severity: Severity) -> int:
        return sum(f.count(severity) for f in self.files)

    def fail_level(self, result: FileResult) -> Severity:
        """The lowest severity that fails the run in `result`'s file."""
        return result.fail_on or self.fail_on

    @property
    def failed(self) -> bool:
        """Whether any file has a finding at or above its fail level."""
        return any(
            f.severity.rank >= self.fail_level(r).rank for r in self.files for f in r.findings
        )
