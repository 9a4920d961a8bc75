"""What a one-declaration report shows, built from a `FileResult`: plain values for templates.

Nothing here decides whether a practice is met or what is wrong with it: that comes from the
engine (outcomes and findings). This module arranges it by stage, guideline and practice, and
asks the report's `Edition` for every value it shows, so the public edition leaves out what
it must whatever the template. Every choice a template could make is made here, so that the
Markdown and HTML templates render the same view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paiguard.codes import Severity
from paiguard.findings import Finding, Waived
from paiguard.packs import Guideline, Pack, Practice, Stage
from paiguard.report import tallies
from paiguard.report.audience import Edition, edition
from paiguard.report.evidence import EvidenceView, evidence_view
from paiguard.report.header import Header, HeaderFields, header
from paiguard.report.problems import Problem, practice_problem, problem
from paiguard.results import FileResult, PracticeOutcome, RunResult, StageSummary, Tally
from paiguard.vocabulary import Audience, Outcome


@dataclass(frozen=True, slots=True)
class LeansOn:
    """The practice whose sentence a split practice continues, shown as its context."""

    id: str
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class PracticeView:
    """One pack practice and where the declaration stands on it."""

    id: str
    anchor: str
    level: str
    text: str
    leans_on: LeansOn | None
    guideline: str  # the guideline's heading, "8. Conduct red teaming"
    status: str | None
    declared: str  # the declared status in words: "planned", "not declared"
    result: str
    met: bool
    listed: bool
    waiver: Waived | None
    required_from: dt.date | None
    owner: str | None
    reviewed: dt.date | None
    due: dt.date | None
    justification: str | None
    evidence: tuple[EvidenceView, ...]
    problems: tuple[Problem, ...]
    outcome: Outcome

    @property
    def problems_heading(self) -> str:
        """What the practice's findings are to a reader: why a claim does not stand up, what a
        gap is missing, or what a met practice needs."""
        if self.outcome is Outcome.MET:
            return "Needs attention"
        if self.outcome is Outcome.UNVERIFIED:
            return "Does not stand up"
        return "Missing"


@dataclass(frozen=True, slots=True)
class GuidelineView:
    """A guideline of the pack with its practices and the guidance's own notes."""

    id: str
    number: int | None
    title: str
    heading: str  # "8. Conduct red teaming": its number in the published text, and its title
    anchor: str
    notes: tuple[str, ...]
    practices: tuple[PracticeView, ...]

    @property
    def listed(self) -> tuple[PracticeView, ...]:
        """The practices a gap report lists: unmet, waived, or with findings."""
        return tuple(p for p in self.practices if p.listed)


@dataclass(frozen=True, slots=True)
class StageView:
    """A lifecycle stage: its coverage and its guidelines."""

    id: str
    anchor: str
    title: str
    baseline: Tally
    recommended: Tally
    guidelines: tuple[GuidelineView, ...]

    @property
    def listed(self) -> tuple[GuidelineView, ...]:
        """The guidelines that have a practice a gap report lists."""
        return tuple(g for g in self.guidelines if g.listed)


@dataclass(frozen=True, slots=True)
class ReportView(HeaderFields):
    """Everything a gap or conformance report template can show."""

    header: Header
    errors: int
    warnings: int
    waived: int
    unverified_count: int
    baseline: Tally
    recommended: Tally
    outcomes: tuple[tallies.OutcomeRow, ...]
    statuses: tuple[tallies.StatusRow, ...]
    status_headings: tuple[str, ...]
    evidence_basis: tuple[tallies.EvidenceRow, ...]
    stages: tuple[StageView, ...]
    unverified: tuple[PracticeView, ...]  # claimed met, but the claim does not stand up
    other_problems: tuple[Problem, ...]
    passes: bool  # whether `paiguard check` with the same settings would pass

    @property
    def stage_outcomes(self) -> tuple[tallies.OutcomeRow, ...]:
        """The outcome rows of the stages, without the totals: what a coverage chart draws."""
        return tuple(row for row in self.outcomes if not row.total_row)


def build(
    result: FileResult,
    today: dt.date,
    audience: Audience = Audience.INTERNAL,
) -> ReportView:
    """The report view of a checked declaration (one that loaded and matched a pack)."""
    pack = result.pack
    assert pack is not None
    shown = edition(audience)
    facts = _Facts(result, pack, {o.practice: o for o in result.outcomes}, {}, today, shown)
    others: list[Problem] = []
    for finding in result.findings:
        if finding.practice in pack.practices:
            facts.findings.setdefault(finding.practice, []).append(finding)
        else:
            others.append(problem(finding, finding.message, shown, result))
    summaries = {s.stage: s for s in result.stages}
    stages = tuple(facts.stage(stage, summaries[stage.id.value]) for stage in pack.stages)
    practices = [p for s in stages for g in s.guidelines for p in g.practices]
    baseline, recommended = result.baseline, result.recommended
    return ReportView(
        header=header(result, today, shown),
        errors=result.count(Severity.ERROR),
        warnings=result.count(Severity.WARNING),
        waived=sum(1 for o in result.outcomes if o.waived is not None and not o.met),
        unverified_count=baseline.unverified + recommended.unverified,
        baseline=baseline,
        recommended=recommended,
        outcomes=tallies.outcome_rows(result.stages, baseline, recommended),
        statuses=tallies.status_rows(baseline, recommended),
        status_headings=tallies.STATUS_HEADINGS,
        evidence_basis=tallies.evidence_rows(baseline, recommended),
        stages=stages,
        unverified=tuple(p for p in practices if p.outcome is Outcome.UNVERIFIED),
        other_problems=tuple(others),
        passes=not RunResult([result]).failed,
    )


def stage_anchor(stage: Stage) -> str:
    """The anchor of a stage's section: `s-pre-deployment`."""
    return f"s-{stage.id.value}"


def guideline_anchor(guideline: Guideline) -> str:
    """The anchor of a guideline's section: `g-8-red-teaming` (`g-<id>` without a number)."""
    number = "" if guideline.number is None else f"{guideline.number}-"
    return f"g-{number}{guideline.id}"


def practice_anchor(practice_id: str) -> str:
    """The anchor of a practice: `p-red-teaming.b1`."""
    return f"p-{practice_id}"


def guideline_heading(guideline: Guideline) -> str:
    """A guideline as the published text names it: its number, then its title."""
    return guideline.title if guideline.number is None else f"{guideline.number}. {guideline.title}"


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the engine found about one declaration, indexed by practice id."""

    result: FileResult
    pack: Pack
    outcomes: dict[str, PracticeOutcome]
    findings: dict[str, list[Finding]]
    today: dt.date
    edition: Edition

    def stage(self, stage: Stage, summary: StageSummary) -> StageView:
        guidelines = tuple(self.guideline(g) for g in stage.guidelines)
        return StageView(
            stage.id.value,
            stage_anchor(stage),
            stage.title,
            summary.baseline,
            summary.recommended,
            guidelines,
        )

    def guideline(self, guideline: Guideline) -> GuidelineView:
        heading = guideline_heading(guideline)
        practices = tuple(self.practice(p, heading) for p in guideline.practices)
        return GuidelineView(
            id=guideline.id,
            number=guideline.number,
            title=guideline.title,
            heading=heading,
            anchor=guideline_anchor(guideline),
            notes=tuple(guideline.notes),
            practices=practices,
        )

    def practice(self, practice: Practice, guideline: str) -> PracticeView:
        entry = self.result.entry(practice.id)
        outcome = self.outcomes[practice.id]
        effective = practice.effective_from
        required_from = effective if effective is not None and self.today < effective else None
        problems = tuple(
            practice_problem(f, outcome.declared_status, self.edition, self.result)
            for f in self.findings.get(practice.id, [])
        )
        shown = self.edition
        waiver = outcome.waived
        return PracticeView(
            id=practice.id,
            anchor=practice_anchor(practice.id),
            level=practice.level.value,
            text=practice.text,
            leans_on=self.leans_on(practice),
            guideline=guideline,
            status=outcome.declared_status,
            declared=outcome.declared_status or "not declared",
            result=_result(outcome, required_from, bool(problems)),
            met=outcome.met,
            listed=not outcome.met or outcome.waived is not None or bool(problems),
            waiver=None
            if waiver is None
            else waiver._replace(
                reason=shown.text(waiver.reason), approved_by=shown.text(waiver.approved_by)
            ),
            required_from=required_from,
            owner=shown.owner(entry.owner) if entry else None,
            reviewed=entry.reviewed if entry else None,
            due=entry.due if entry else None,
            justification=shown.optional(entry.justification) if entry else None,
            evidence=tuple(evidence_view(e, shown) for e in entry.evidence) if entry else (),
            problems=problems,
            outcome=outcome.outcome,
        )

    def leans_on(self, practice: Practice) -> LeansOn | None:
        ref = self.pack.practices.get(practice.leans_on) if practice.leans_on else None
        if ref is None:
            return None
        return LeansOn(ref.practice.id, ref.practice.text, practice_anchor(ref.practice.id))


def is_met(outcome: PracticeOutcome) -> bool:
    """Whether a practice counts as met, where the crosswalk and a practice's words ask it
    (`PracticeOutcome.met`: only the outcome `met` counts, SPEC 3)."""
    return outcome.met


def outcome_words(outcome: PracticeOutcome, required_from: dt.date | None = None) -> str:
    """A practice's outcome in words, as every report shows it; `required_from` is the end of
    its grace period when today lies in it."""
    kind = outcome.outcome
    if is_met(outcome):
        return "met"
    if kind is Outcome.WAIVED and outcome.waived is not None:
        return f"waived until {outcome.waived.expires}"
    if kind is Outcome.GRACE and required_from is not None:
        return f"gap, required from {required_from}"
    if kind is Outcome.UNVERIFIED:
        return "unverified"
    return "gap"


def _result(outcome: PracticeOutcome, required_from: dt.date | None, problems: bool) -> str:
    words = outcome_words(outcome, required_from)
    return "met, needs attention" if words == "met" and problems else words
