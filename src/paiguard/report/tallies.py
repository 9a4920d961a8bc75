"""The counts a report shows, from the engine's tallies (`results.Tally`): outcomes per stage and
level, declared statuses, and what the met practices rest on. Plain rows for templates and
charts; every number is the engine's, this module only lays them out."""

from __future__ import annotations

from dataclasses import dataclass

from paiguard.results import STATUSES, StageSummary, Tally

LEVELS = ("baseline", "recommended")
# The outcomes in the order reports show them: met first, then the ways of not being met,
# from "claimed but does not stand up" to "not claimed".
OUTCOMES = ("met", "unverified", "waived", "grace", "gap")
# The declared statuses as column headings, in the order of `results.STATUSES`.
STATUS_HEADINGS = tuple(
    "Not declared" if name == "undeclared" else name.replace("-", " ").capitalize()
    for name in STATUSES
)


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    """How the practices of one level of one stage (or of the whole pack) stand."""

    stage: str  # the stage's title, or "Total"
    level: str
    label: str  # "Research & Development, baseline"
    total_row: bool
    met: int
    unverified: int
    waived: int
    grace: int
    gap: int
    total: int

    @property
    def counts(self) -> tuple[tuple[str, int], ...]:
        """(outcome, count) in report order: what a chart draws."""
        return tuple((name, getattr(self, name)) for name in OUTCOMES)

    @property
    def headline(self) -> str:
        """What a chart says beside the row's bar."""
        return f"{self.met}/{self.total} met"


@dataclass(frozen=True, slots=True)
class StatusRow:
    """How many practices of one level carry each declared status (or none)."""

    level: str
    counts: tuple[int, ...]  # in the order of STATUS_HEADINGS
    total: int


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """What the met practices of one level rest on (SPEC 5): of the met `implemented` ones, how
    many have a sound public item, how many only sound internal ones, and how many a sound
    independent one; the rest of the met are `not-applicable` with a justification."""

    level: str
    met: int
    public: int
    internal_only: int
    independent: int
    justified: int


def outcome_rows(
    stages: list[StageSummary], baseline: Tally, recommended: Tally
) -> tuple[OutcomeRow, ...]:
    """One row per stage and level, then the two totals."""
    rows = [
        _outcome_row(stage.title, level, tally, total_row=False)
        for stage in stages
        for level, tally in zip(LEVELS, (stage.baseline, stage.recommended), strict=True)
    ]
    rows += [
        _outcome_row("Total", level, tally, total_row=True)
        for level, tally in zip(LEVELS, (baseline, recommended), strict=True)
    ]
    return tuple(rows)


def _outcome_row(stage: str, level: str, tally: Tally, *, total_row: bool) -> OutcomeRow:
    return OutcomeRow(
        stage=stage,
        level=level,
        label=f"{stage}, {level}",
        total_row=total_row,
        met=tally.met,
        unverified=tally.unverified,
        waived=tally.waived,
        grace=tally.grace,
        gap=tally.gap,
        total=tally.total,
    )


def status_rows(baseline: Tally, recommended: Tally) -> tuple[StatusRow, ...]:
    """Declared statuses per level."""
    return tuple(
        StatusRow(level, tally.status, sum(tally.status))
        for level, tally in zip(LEVELS, (baseline, recommended), strict=True)
    )


def evidence_rows(baseline: Tally, recommended: Tally) -> tuple[EvidenceRow, ...]:
    """What the met practices rest on, per level and in all."""
    pairs = (*zip(LEVELS, (baseline, recommended), strict=True), ("all", baseline + recommended))
    return tuple(
        EvidenceRow(
            level=level,
            met=tally.met,
            public=tally.public,
            internal_only=tally.internal_only,
            independent=tally.independent,
            justified=tally.met - tally.public - tally.internal_only,
        )
        for level, tally in pairs
    )
