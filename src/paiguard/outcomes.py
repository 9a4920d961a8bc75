"""Each practice of the pack gets exactly one outcome (SPEC §3), decided in this order:

- `met`: implemented with at least one sound evidence item, or not applicable with a
  justification that says something; and its review not stale;
- `grace`: not met, before the practice's `effective_from`;
- `waived`: not met, and a waiver in force names it;
- `unverified`: not met, but claimed met: every evidence item unsound, a stale review, or a
  justification that says nothing;
- `gap`: anything else.

An evidence item is sound when no PG202-PG205 finding points at it and its date, if any, is
not after today. The findings decide, so the outcome and what the user reads can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from paiguard.declaration import Declaration, Evidence, PracticeDeclaration
from paiguard.findings import Finding, Waived
from paiguard.packs import Pack
from paiguard.results import PracticeOutcome, StageSummary, Tally
from paiguard.vocabulary import Level, Outcome, Status

_UNSOUND = frozenset({"PG202", "PG203", "PG204", "PG205"})
_STALE = frozenset({"PG302", "PG304"})


class Verdict(NamedTuple):
    """One practice's outcome, and what its met evidence rests on."""

    outcome: Outcome
    waiver: Waived | None = None  # the waiver in force, when it is `waived`
    public: bool = False  # a sound public item
    internal_only: bool = False  # every sound item internal
    independent: bool = False  # a sound item by an independent party


def decide(
    pack: Pack,
    declaration: Declaration,
    findings: Iterable[Finding],
    waivers: Mapping[str, Waived],
    today: dt.date,
    *,
    complete: bool = True,
) -> dict[str, Verdict]:
    """The verdict on every practice of the pack, by id, in pack order.

    `findings` are the checks' findings before any severity is weighed. When the checks did
    not all run (`complete` false: the findings limit stopped them), nothing is met: a claim
    that was not checked must not count.
    """
    unsound: set[tuple[str, int]] = set()
    stale: set[str] = set()
    empty_reason: set[str] = set()
    for finding in findings:
        at = finding.at
        if finding.code in _UNSOUND and len(at) > 3 and at[2] == "evidence":
            unsound.add((str(at[1]), int(at[3])))
        elif finding.code in _STALE and finding.practice:
            stale.add(finding.practice)
        elif finding.code == "PG106" and at[-1:] == ("justification",) and finding.practice:
            empty_reason.add(finding.practice)
    verdicts = {}
    for pid, ref in pack.practices.items():
        entry = declaration.practices.get(pid)
        claimed = entry is not None and entry.claims_met
        verdict = Verdict(Outcome.GAP)
        if entry is not None and claimed:
            sound = [
                item
                for i, item in enumerate(entry.evidence)
                if (pid, i) not in unsound and (item.date is None or item.date <= today)
            ]
            verdict = _claimed(entry, sound, pid in stale or pid in empty_reason, complete)
        if verdict.outcome is not Outcome.MET:
            effective = ref.practice.effective_from
            if effective is not None and today < effective:
                verdict = Verdict(Outcome.GRACE)
            elif pid in waivers:
                verdict = Verdict(Outcome.WAIVED, waivers[pid])
        verdicts[pid] = verdict
    return verdicts


def _claimed(
    entry: PracticeDeclaration, sound: list[Evidence], doubted: bool, complete: bool
) -> Verdict:
    """A practice claimed met: met when what backs the claim stands up, else unverified."""
    if doubted or not complete:
        return Verdict(Outcome.UNVERIFIED)
    if entry.status is Status.NOT_APPLICABLE:
        return Verdict(Outcome.MET)
    if not sound:
        return Verdict(Outcome.UNVERIFIED)
    internal = [item.internal for item in sound]
    return Verdict(
        Outcome.MET,
        None,
        public=not all(internal),
        internal_only=all(internal),
        independent=any(item.independent for item in sound),
    )


def practice_outcomes(
    pack: Pack,
    declaration: Declaration,
    invalid: Mapping[str, Status | None],
    verdicts: Mapping[str, Verdict],
    findings: Iterable[Finding],
) -> list[PracticeOutcome]:
    """One `PracticeOutcome` per practice of the pack, in pack order."""
    codes: dict[str, list[str]] = {}
    for finding in findings:
        if finding.practice:
            codes.setdefault(finding.practice, []).append(finding.code)
    outcomes = []
    for pid, (practice, guideline, stage) in pack.practices.items():
        entry = declaration.practices.get(pid)
        status = entry.status if entry is not None else invalid.get(pid)
        verdict = verdicts[pid]
        outcomes.append(
            PracticeOutcome(
                pid,
                practice.level.value,
                stage.id.value,
                guideline.id,
                None if status is None else status.value,
                verdict.outcome,
                verdict.waiver,
                tuple(codes.get(pid, ())),
                verdict.public,
                verdict.internal_only,
                verdict.independent,
            )
        )
    return outcomes


def stage_summaries(pack: Pack, outcomes: list[PracticeOutcome]) -> list[StageSummary]:
    """The tallies of each stage of the pack, baseline and recommended apart."""
    by_stage: dict[str, list[PracticeOutcome]] = {}
    for outcome in outcomes:
        by_stage.setdefault(outcome.stage, []).append(outcome)
    summaries = []
    for stage in pack.stages:
        mine = by_stage.get(stage.id.value, [])
        baseline = Tally.of(o for o in mine if o.level == Level.BASELINE.value)
        recommended = Tally.of(o for o in mine if o.level == Level.RECOMMENDED.value)
        summaries.append(StageSummary(stage.id.value, stage.title, baseline, recommended))
    return summaries
