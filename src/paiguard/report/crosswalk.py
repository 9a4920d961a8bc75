"""What a crosswalk report shows: one declaration read against another framework (SPEC 1.3).

Every decision is made here, none in a template, so that another edition (HTML) renders the
same view: each item's coverage, the words for relations and outcomes, the tallies. Whether a
practice is met, and its outcome in words, come from `view.is_met` and `view.outcome_words`,
as in every report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from paiguard.crosswalks import Applied, Framework, Item, Mapping
from paiguard.errors import PaiguardError
from paiguard.packs import Pack
from paiguard.report import view
from paiguard.results import FileResult, PracticeOutcome


class Coverage(StrEnum):
    """Where a declaration leaves one item of the framework (SPEC 1.3)."""

    COVERED = "covered"
    PARTLY = "partly covered"
    NOT_COVERED = "not covered"
    OUTSIDE = "outside the guidance"


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
    practices: tuple[MappedPractice, ...]


@dataclass(frozen=True, slots=True)
class GroupView:
    """A group of the framework's items (NIST's function, FMTI's domain)."""

    key: str
    name: str
    title: str  # "Govern (GV)", or the name alone where the key is the name
    items: tuple[ItemView, ...]
    tally: Tally


@dataclass(frozen=True, slots=True)
class Unmapped:
    """A practice of the pack that the crosswalk does not map (one an extending pack added)."""

    id: str
    level: str
    text: str
    outcome: str


@dataclass(frozen=True, slots=True)
class CrosswalkView:
    """Everything a crosswalk report template can show."""

    path: str
    today: dt.date
    provider: str
    model: str
    version: str
    model_type: str
    release_type: str
    pack: str
    pack_version: str
    pack_title: str
    framework: str
    framework_title: str
    framework_version: str
    framework_url: str
    framework_license: str
    attribution: str
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


def build(result: FileResult, applied: Applied, today: dt.date) -> CrosswalkView:
    """The crosswalk view of a checked declaration (one that loaded and matched a pack)."""
    model, provider, pack = result.model, result.provider, result.pack
    assert model is not None and provider is not None and pack is not None
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
        path=result.path,
        today=today,
        provider=provider.name,
        model=model.name,
        version=model.version,
        model_type=model.model_type.value,
        release_type=model.release_type.value,
        pack=pack.pack,
        pack_version=pack.version,
        pack_title=pack.title,
        framework=framework.name,
        framework_title=framework.title,
        framework_version=framework.version,
        framework_url=framework.url,
        framework_license=framework.license,
        attribution=framework.attribution,
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
            met=view.is_met(self.outcome(practice.id)),
            comment=mapping.comment,
        )

    def unmapped(self, practice_id: str) -> Unmapped:
        practice = self.pack.practices[practice_id].practice
        return Unmapped(practice.id, practice.level.value, practice.text, self.words(practice_id))


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
    return GroupView(group, name, name if name == group else f"{name} ({group})", items, tally)


def _item(framework: Framework, item: Item, mappings: list[Mapping], facts: _Facts) -> ItemView:
    practices = tuple(facts.mapped(m) for m in mappings)
    return ItemView(
        id=item.id,
        curie=f"{framework.prefix}:{item.id}",
        label=item.label,
        subgroup=item.subgroup,
        coverage=_coverage(mappings, [p.met for p in practices]).value,
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
