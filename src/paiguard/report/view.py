"""What a one-declaration report shows, built from a `FileResult`: plain values for templates.

Nothing here decides whether a practice is met or what is wrong with it: that comes from the
engine (outcomes and findings). This module only arranges it by stage, guideline and practice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paiguard.codes import CODES, Severity
from paiguard.findings import Finding, Waived
from paiguard.packs import Guideline, Practice, Stage
from paiguard.results import FileResult, PracticeOutcome, RunResult, StageSummary, Tally
from paiguard.vocabulary import Outcome

_AREAS = {
    **dict.fromkeys(("PG101", "PG104"), "declaration"),
    **dict.fromkeys(("PG102", "PG103"), "status"),
    **dict.fromkeys(("PG105", "PG106"), "justification"),
    **dict.fromkeys(("PG201", "PG202", "PG203", "PG204", "PG205"), "evidence"),
    **dict.fromkeys(("PG301", "PG302", "PG303"), "review"),
    **dict.fromkeys(("PG401", "PG402", "PG403"), "waiver"),
}
_MET_MEANS = "met means implemented with evidence, or not-applicable with a justification"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a practice, phrased for a reader: what is wrong and what closes it."""

    code: str
    severity: str
    area: str
    message: str
    hint: str  # paiguard's own Markdown, from the table of codes
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One evidence item as declared; only an http(s) `url` is ever rendered as a link."""

    url: str | None
    path: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class PracticeView:
    """One pack practice and where the declaration stands on it."""

    id: str
    level: str
    text: str
    status: str | None
    result: str
    met: bool
    listed: bool
    waiver: Waived | None
    required_from: dt.date | None
    owner: str | None
    reviewed: dt.date | None
    justification: str | None
    evidence: tuple[EvidenceItem, ...]
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
    title: str
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
    title: str
    baseline: Tally
    recommended: Tally
    guidelines: tuple[GuidelineView, ...]

    @property
    def listed(self) -> tuple[GuidelineView, ...]:
        """The guidelines that have a practice a gap report lists."""
        return tuple(g for g in self.guidelines if g.listed)


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything a gap or conformance report template can show."""

    path: str
    today: dt.date
    provider: str
    contact: str | None
    model: str
    version: str
    model_type: str
    release_type: str
    pack: str
    pack_version: str
    pack_title: str
    pack_url: str | None
    errors: int
    warnings: int
    waived: int
    baseline: Tally
    recommended: Tally
    stages: tuple[StageView, ...]
    other_problems: tuple[Problem, ...]
    passes: bool  # whether `paiguard check` with the same settings would pass


def build(result: FileResult, today: dt.date, fail_on: Severity = Severity.ERROR) -> ReportView:
    """The report view of a checked declaration (one that loaded and matched a pack)."""
    model, provider, pack = result.model, result.provider, result.pack
    assert model is not None and provider is not None and pack is not None
    facts = _Facts(result, {o.practice: o for o in result.outcomes}, {}, today)
    others: list[Problem] = []
    for finding in result.findings:
        if finding.practice in pack.practices:
            facts.findings.setdefault(finding.practice, []).append(finding)
        else:
            others.append(_problem(finding, finding.message))
    summaries = {s.stage: s for s in result.stages}
    stages = tuple(facts.stage(stage, summaries[stage.id.value]) for stage in pack.stages)
    return ReportView(
        path=result.path,
        today=today,
        provider=provider.name,
        contact=provider.contact,
        model=model.name,
        version=model.version,
        model_type=model.model_type.value,
        release_type=model.release_type.value,
        pack=pack.pack,
        pack_version=pack.version,
        pack_title=pack.title,
        pack_url=pack.source.url,
        errors=result.count(Severity.ERROR),
        warnings=result.count(Severity.WARNING),
        waived=sum(1 for o in result.outcomes if o.waived is not None and not o.met),
        baseline=result.baseline,
        recommended=result.recommended,
        stages=stages,
        other_problems=tuple(others),
        passes=not RunResult([result], fail_on).failed,
    )


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the engine found about one declaration, indexed by practice id."""

    result: FileResult
    outcomes: dict[str, PracticeOutcome]
    findings: dict[str, list[Finding]]
    today: dt.date

    def stage(self, stage: Stage, summary: StageSummary) -> StageView:
        guidelines = tuple(self.guideline(g) for g in stage.guidelines)
        return StageView(
            stage.id.value, stage.title, summary.baseline, summary.recommended, guidelines
        )

    def guideline(self, guideline: Guideline) -> GuidelineView:
        practices = tuple(self.practice(p) for p in guideline.practices)
        return GuidelineView(guideline.id, guideline.title, tuple(guideline.notes), practices)

    def practice(self, practice: Practice) -> PracticeView:
        entry = self.result.entry(practice.id)
        outcome = self.outcomes[practice.id]
        effective = practice.effective_from
        required_from = effective if effective is not None and self.today < effective else None
        problems = tuple(
            _practice_problem(f, outcome.declared_status)
            for f in self.findings.get(practice.id, [])
        )
        return PracticeView(
            id=practice.id,
            level=practice.level.value,
            text=practice.text,
            status=outcome.declared_status,
            result=_result(outcome, required_from, bool(problems)),
            met=outcome.met,
            listed=not outcome.met or outcome.waived is not None or bool(problems),
            waiver=outcome.waived,
            required_from=required_from,
            owner=entry.owner if entry else None,
            reviewed=entry.reviewed if entry else None,
            justification=entry.justification if entry else None,
            evidence=tuple(EvidenceItem(e.url, e.path, e.title) for e in entry.evidence)
            if entry
            else (),
            problems=problems,
            outcome=outcome.outcome,
        )


def is_met(outcome: PracticeOutcome) -> bool:
    """Whether a practice counts as met: the one place reports read it (SPEC 3: only the
    outcome `met` counts, in every tally, report and crosswalk)."""
    return outcome.outcome is Outcome.MET


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


def _practice_problem(finding: Finding, status: str | None) -> Problem:
    """The gap codes' messages repeat the guidance text the report already shows in full, and
    a waived one starts with the waiver, which the report shows on its own line."""
    if finding.code in ("PG101", "PG102", "PG103"):
        if status is None:
            return _problem(finding, "not declared", area="declaration")
        return _problem(finding, f"declared {status}; {_MET_MEANS}")
    if finding.code == "PG201" and status is not None:
        return _problem(finding, f"declared {status} but lists no evidence")
    return _problem(finding, finding.message)


def _problem(finding: Finding, message: str, area: str | None = None) -> Problem:
    return Problem(
        code=finding.code,
        severity=finding.severity.value,
        area=area or _AREAS.get(finding.code, "declaration"),
        message=message,
        hint=CODES[finding.code].hint,
        line=finding.line,
        column=finding.column,
    )
