"""Results: what a run learned about each declaration, built by the engine, read by the formats
and reports.

The values made per practice are named tuples: a run over a thousand files makes hundreds of
thousands of them, and a worker process pickles them for the parent (`parallel`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from paiguard.codes import Severity
from paiguard.findings import Finding, Waived
from paiguard.vocabulary import Outcome, Status

if TYPE_CHECKING:
    from paiguard.declaration import Declaration, ModelInfo, PracticeDeclaration, Provider
    from paiguard.packs import Pack


STATUSES = (*(status.value for status in Status), "undeclared")


@dataclass(frozen=True, slots=True)
class Tally:
    """How the practices of one level stand (SPEC §5): outcome counts, which add up to `total`;
    counts by declared status; and, of the met `implemented` ones, how many rest on public,
    only internal, and independent evidence."""

    met: int = 0
    grace: int = 0
    waived: int = 0
    unverified: int = 0
    gap: int = 0
    status: tuple[int, ...] = (0,) * len(STATUSES)  # counts in the order of STATUSES
    public: int = 0
    internal_only: int = 0
    independent: int = 0

    @property
    def total(self) -> int:
        return self.met + self.grace + self.waived + self.unverified + self.gap

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            met=self.met + other.met,
            grace=self.grace + other.grace,
            waived=self.waived + other.waived,
            unverified=self.unverified + other.unverified,
            gap=self.gap + other.gap,
            status=tuple(a + b for a, b in zip(self.status, other.status, strict=True)),
            public=self.public + other.public,
            internal_only=self.internal_only + other.internal_only,
            independent=self.independent + other.independent,
        )

    @classmethod
    def of(cls, outcomes: Iterable[PracticeOutcome]) -> Tally:
        """The tally of some practices' outcomes."""
        by_outcome = dict.fromkeys(Outcome, 0)
        status = [0] * len(STATUSES)
        public = internal_only = independent = 0
        for outcome in outcomes:
            by_outcome[outcome.outcome] += 1
            status[_STATUS_INDEX[outcome.declared_status or "undeclared"]] += 1
            public += outcome.public
            internal_only += outcome.internal_only
            independent += outcome.independent
        return cls(
            met=by_outcome[Outcome.MET],
            grace=by_outcome[Outcome.GRACE],
            waived=by_outcome[Outcome.WAIVED],
            unverified=by_outcome[Outcome.UNVERIFIED],
            gap=by_outcome[Outcome.GAP],
            status=tuple(status),
            public=public,
            internal_only=internal_only,
            independent=independent,
        )


_STATUS_INDEX = {name: i for i, name in enumerate(STATUSES)}


class StageSummary(NamedTuple):
    """Coverage of one lifecycle stage of the pack."""

    stage: str
    title: str
    baseline: Tally
    recommended: Tally


class PracticeOutcome(NamedTuple):
    """Where one pack practice stands in one declaration: its outcome (SPEC §3) and the facts
    the reports and tallies show."""

    practice: str
    level: str
    stage: str
    guideline: str
    declared_status: str | None  # None: not declared, or an entry with a schema problem
    outcome: Outcome
    waived: Waived | None
    codes: tuple[str, ...]
    # of a met `implemented` practice: whether its sound evidence holds a public item, is all
    # internal, holds an item by an independent party
    public: bool = False
    internal_only: bool = False
    independent: bool = False

    @property
    def met(self) -> bool:
        """Only `met` counts as met, in every tally, report and ranking."""
        return self.outcome is Outcome.MET


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
