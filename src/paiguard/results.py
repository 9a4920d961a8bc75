"""Results: what a run learned about each declaration, built by the engine, read by the formats
and reports.

The values made per practice are named tuples: a run over a thousand files makes hundreds of
thousands of them, and a worker process pickles them for the parent (`parallel`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from paiguard.codes import Severity
from paiguard.findings import Finding, Waived

if TYPE_CHECKING:
    from paiguard.declaration import Declaration, ModelInfo, PracticeDeclaration, Provider
    from paiguard.packs import Pack


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
    def provider(self) -> Provider | None:
        """Who provides the model; None when the declaration could not be read."""
        return None if self.declaration is None else self.declaration.provider

    def entry(self, practice: str) -> PracticeDeclaration | None:
        """What the declaration says about one practice; None when it says nothing."""
        declaration = self.declaration
        return None if declaration is None else declaration.practices.get(practice)

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
