"""What a crosswalk report shows: one declaration read against another framework (SPEC 1.3).

Every decision is made here, none in a template, so that another edition (HTML) renders the
same view: each item's coverage, the words for relations and outcomes, the tallies. Whether a
practice is met, and its outcome in words, come from `view.is_met` and `view.outcome_words`,
as in every report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from paiguard.crosswalks import Applied, Framework, Item, Mapping
from paiguard.errors import PaiguardError
from paiguard.packs import Pack
from paiguard.report import view
from paiguard.report.audience import edition
from paiguard.report.header import Header, HeaderFields, header
from paiguard.report.tallies import OutcomeRow, outcome_rows
from paiguard.report.text import Segment, segments
from paiguard.results import FileResult, PracticeOutcome
from paiguard.vocabulary import Audience


class Coverage(StrEnum):
    """Where a declaration leaves one item of the framework (SPEC 1.3)."""

    COVERED = "covered"
    PARTLY = "partly covered"
    NOT_COVERED = "not covered"
    OUTSIDE = "outside the guidance"

    @property
    def state(self) -> str:
        """Its key in charts and styles: `covered`, `partly`, `not-covered`, `outside`."""
        return _STATES[self]


_STATES = {
    Coverage.COVERED: "covered",
    Coverage.PARTLY: "partly",
    Coverage.NOT_COVERED: "not-covered",
    Coverage.OUTSIDE: "outside",
}


@dataclass(frozen=True, slots=True)
class Tally:
    """How many items are in each coverage state; the four add up to `total`."""

    covered: int
    partly: int
    not_covered: int
    outside: int

    @property
    def total(self) -> int:
        return self.covered + self.partly + self.not_covered + self.outside


@dataclass(frozen=True, slots=True)
class MappedPractice:
    """A practice mapped to an item: how it relates, and where the declaration stands on it."""

    id: str
    level: str
    text: str
    relation: str  # in words: "covers it", "covers part of it", "is related"
    predicate: str  # the SKOS predicate of the row
    outcome: str  # in words, as every report says it
    state: str  # the outcome: met, grace, waived, unverified, gap
    met: bool
    comment: str  # the crosswalk's one line on why the mapping holds


@dataclass(frozen=True, slots=True)
class ItemView:
    """An item of the framework and its coverage."""

    id: str
    curie: str
    label: str
    subgroup: str
    coverage: str
    state: str  # `Coverage.state`
    practices: tuple[MappedPractice, ...]


@dataclass(frozen=True, slots=True)
class GroupView:
    """A group of the framework's items (NIST's function, FMTI's domain)."""

    key: str
    anchor: str  # `c-gv`
    name: str
    title: str  # "Govern (GV)", or the name alone where the key is the name
    items: tuple[ItemView, ...]
    tally: Tally

    # What a chart of coverage per group draws (`html.chart`).
    @property
    def label(self) -> str:
        return self.title

    @property
    def total(self) -> int:
        return self.tally.total

    @property
    def counts(self) -> tuple[tuple[str, int], ...]:
        t = self.tally
        return (
            ("covered", t.covered),
            ("partly", t.partly),
            ("not-covered", t.not_covered),
            ("outside", t.outside),
        )

    @property
    def headline(self) -> str:
        return f"{self.tally.covered}/{self.tally.total} covered"


@dataclass(frozen=True, slots=True)
class Unmapped:
    """A practice of the pack that the crosswalk does not map (one an extending pack added)."""

    id: str
    level: str
    text: str
    outcome: str
    state: str


@dataclass(frozen=True, slots=True)
class CrosswalkView(HeaderFields):
    """Everything a crosswalk report template can show."""

    header: Header
    outcomes: tuple[OutcomeRow, ...]  # the declaration's own outcomes, baseline and recommended
    framework: str
    framework_title: str
    framework_version: str
    framework_url: str
    framework_license: tuple[Segment, ...]
    attribution: tuple[Segment, ...]
    crosswalk: str
    crosswalk_version: str | None
    shipped: bool
    inherited_from: str | None
    group_label: str  # "Function"
    subgroup_label: str  # "Subcategory"
    item_label: str  # "Action"
    items_label: str  # "Actions"
    item_noun: str  # "action"
    items_noun: str  # "actions"
    groups: tuple[GroupView, ...]
    tally: Tally
    no_counterpart: int  # practices the crosswalk marks sssom:NoTermFound
    unmapped: tuple[Unmapped, ...]


def build(
    result: FileResult,
    applied: Applied,
    today: dt.date,
    audience: Audience = Audience.INTERNAL,
) -> CrosswalkView:
    """The crosswalk view of a checked declaration (one that loaded and matched a pack)."""
    pack = result.pack
    assert pack is not None
    crosswalk, framework = applied.crosswalk, applied.crosswalk.framework
    facts = _Facts(pack, {o.practice: o for o in result.outcomes}, today)
    mapped = {m.practice for m in crosswalk.mappings}
    for mapping in crosswalk.mappings:
        facts.outcome(mapping.practice)  # every mapped practice is one of the pack's
    by_item: dict[str, list[Mapping]] = {}
    for mapping in crosswalk.mappings:
        if mapping.item is not None:
            by_item.setdefault(mapping.item, []).append(mapping)
    groups = tuple(_group(framework, group, by_item, facts) for group in framework.groups())
    vocabulary = framework.vocabulary
    return CrosswalkView(
        header=header(result, today, edition(audience)),
        outcomes=outcome_rows(result.stages, result.baseline, result.recommended)[-2:],
        framework=framework.name,
        framework_title=framework.title,
        framework_version=framework.version,
        framework_url=framework.url,
        framework_license=segments(framework.license, linked=crosswalk.shipped),
        attribution=segments(framework.attribution, linked=crosswalk.shipped),
        crosswalk=crosswalk.name,
        crosswalk_version=crosswalk.version,
        shipped=crosswalk.shipped,
        inherited_from=applied.inherited_from,
        group_label=vocabulary.group.capitalize(),
        subgroup_label=vocabulary.subgroup.capitalize(),
        item_label=vocabulary.item.capitalize(),
        items_label=vocabulary.items.capitalize(),
        item_noun=vocabulary.item,
        items_noun=vocabulary.items,
        groups=groups,
        tally=_sum(g.tally for g in groups),
        no_counterpart=len({m.practice for m in crosswalk.mappings if m.item is None}),
        unmapped=tuple(facts.unmapped(pid) for pid in pack.practices if pid not in mapped),
    )


@dataclass(frozen=True, slots=True)
class _Facts:
    """The pack and the declaration's outcomes, by practice id."""

    pack: Pack
    outcomes: dict[str, PracticeOutcome]
    today: dt.date

    def outcome(self, practice: str) -> PracticeOutcome:
        outcome = self.outcomes.get(practice)
        if outcome is None:  # a crosswalk is read against the pack's chain: cannot happen
            raise PaiguardError(f"the crosswalk maps {practice}, which {self.pack.ref} lacks")
        return outcome

    def words(self, practice: str) -> str:
        effective = self.pack.practices[practice].practice.effective_from
        grace = effective if effective is not None and self.today < effective else None
        return view.outcome_words(self.outcome(practice), grace)

    def mapped(self, mapping: Mapping) -> MappedPractice:
        practice = self.pack.practices[mapping.practice].practice
        return MappedPractice(
            id=practice.id,
            level=practice.level.value,
            text=practice.text,
            relation=mapping.relation.words,
            predicate=mapping.relation.value,
            outcome=self.words(practice.id),
            state=self.outcome(practice.id).outcome.value,
            met=view.is_met(self.outcome(practice.id)),
            comment=mapping.comment,
        )

    def unmapped(self, practice_id: str) -> Unmapped:
        practice = self.pack.practices[practice_id].practice
        state = self.outcome(practice_id).outcome.value
        return Unmapped(
            practice.id, practice.level.value, practice.text, self.words(practice_id), state
        )


def _group(
    framework: Framework, group: str, by_item: dict[str, list[Mapping]], facts: _Facts
) -> GroupView:
    items = tuple(
        _item(framework, item, by_item.get(item.id, []), facts)
        for item in framework.items.values()
        if item.group == group
    )
    name = framework.group_name(group)
    states = [item.coverage for item in items]
    tally = Tally(*(states.count(state.value) for state in Coverage))
    title = name if name == group else f"{name} ({group})"
    return GroupView(group, _group_anchor(group), name, title, items, tally)


def _group_anchor(key: str) -> str:
    """`c-gv`: the group's key in lower case, each run of other characters one `-` (keys are
    distinct; a key of no letter or digit gets its code points)."""
    words = re.findall(r"[a-z0-9]+", key.lower())
    return "c-" + ("-".join(words) if words else "-".join(str(ord(c)) for c in key) or "group")


def _item(framework: Framework, item: Item, mappings: list[Mapping], facts: _Facts) -> ItemView:
    practices = tuple(facts.mapped(m) for m in mappings)
    coverage = _coverage(mappings, [p.met for p in practices])
    return ItemView(
        id=item.id,
        curie=f"{framework.prefix}:{item.id}",
        label=item.label,
        subgroup=item.subgroup,
        coverage=coverage.value,
        state=coverage.state,
        practices=practices,
    )


def _coverage(mappings: list[Mapping], met: list[bool]) -> Coverage:
    """SPEC 1.3: covered when a practice mapped by exactMatch or narrowMatch is met; partly
    covered when not, but one mapped by broadMatch or relatedMatch is; not covered when it has
    mappings and none is met; outside the guidance when nothing maps to it."""
    if not mappings:
        return Coverage.OUTSIDE
    if any(m.relation.covers and ok for m, ok in zip(mappings, met, strict=True)):
        return Coverage.COVERED
    if any(met):
        return Coverage.PARTLY
    return Coverage.NOT_COVERED


def _sum(tallies: Iterable[Tally]) -> Tally:
    parts = list(tallies)
    return Tally(
        sum(t.covered for t in parts),
        sum(t.partly for t in parts),
        sum(t.not_covered for t in parts),
        sum(t.outside for t in parts),
    )
