"""Rule packs: records, discovery of shipped and custom packs, and `id@major` resolution.

The records are named tuples (cheap to define at start-up, which every run pays), but for
`Pack`, which indexes its practices once it is built.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from paiguard.pack_refs import Outline, citations, meant
from paiguard.vocabulary import Level, ModelType, ReleaseType, Scope, StageId


class Source(NamedTuple):
    """Where the pack's text was published."""

    publisher: str
    document: str
    url: str | None = None
    edition: str | None = None


class AppliesTo(NamedTuple):
    """The one model type x release type combination a pack covers."""

    model_type: ModelType
    release_type: ReleaseType


class Practice(NamedTuple):
    """One checkable commitment, with the guidance text verbatim."""

    id: str
    level: Level
    text: str
    effective_from: dt.date | None
    scope: Scope  # does a significant model update call it into question?
    leans_on: str | None  # the practice whose sentence this one continues
    refers_to: list[str]  # the guidelines that "per guidance below" means


class Guideline(NamedTuple):
    """A guideline of the guidance and its practices."""

    id: str
    number: int | None
    title: str
    summary: str
    notes: list[str]
    resources: list[str]
    practices: list[Practice]


class Stage(NamedTuple):
    """A stage of a model's life: research, pre-deployment, post-deployment, societal impact."""

    id: StageId
    title: str
    guidelines: list[Guideline]


class PracticeRef(NamedTuple):
    """A practice with the guideline and stage it belongs to."""

    practice: Practice
    guideline: Guideline
    stage: Stage


@dataclass(frozen=True, slots=True)
class Pack:
    """A versioned rule pack: the guidance for one model type x release type.

    Built from validated data only (`pack_from_data`): `pack_model` holds the format's rules.
    """

    pack: str
    version: str
    title: str
    source: Source
    applies_to: AppliesTo
    stages: list[Stage]
    renamed: dict[str, str]
    extends: str | None = None  # the `id@major` this pack was built on
    practices: dict[str, PracticeRef] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {
            practice.id: PracticeRef(practice, guideline, stage)
            for stage in self.stages
            for guideline in stage.guidelines
            for practice in guideline.practices
        }
        object.__setattr__(self, "practices", index)  # every practice by id, in pack order

    @property
    def major(self) -> int:
        return int(self.version.split(".", 1)[0])

    @property
    def ref(self) -> str:
        """`id@major`, as a declaration names the pack."""
        return f"{self.pack}@{self.major}"

    def guidelines(self) -> Iterator[tuple[Guideline, Stage]]:
        """Every guideline with its stage, in pack order."""
        for stage in self.stages:
            for guideline in stage.guidelines:
                yield guideline, stage

    def outline(self) -> Outline:
        """The guidelines' ids in order and their numbers: what citations resolve against."""
        return Outline.of(g for g, _ in self.guidelines())

    def cited(self, ref: PracticeRef) -> list[tuple[str, Guideline]]:
        """Each cross-reference in a practice's text ("guidance 19", "per guidance below")
        with the guideline it means."""
        outline = self.outline()
        by_id = {g.id: g for g, _ in self.guidelines()}
        practice = ref.practice
        return [
            (citation.phrase, by_id[gid])
            for citation in citations(practice.text)
            for gid in meant(citation, ref.guideline.id, practice.refers_to, outline)
        ]

    def counts(self) -> dict[str, int]:
        """Number of guidelines and of practices per level."""
        levels = [ref.practice.level for ref in self.practices.values()]
        return {
            "guidelines": sum(len(s.guidelines) for s in self.stages),
            "baseline": levels.count(Level.BASELINE),
            "recommended": levels.count(Level.RECOMMENDED),
        }


def pack_from_data(data: dict[str, Any], extends: str | None = None) -> Pack:
    """The pack of validated plain data, shaped as `dump` writes it (JSON types: enums as
    their values, dates as ISO text); malformed data raises KeyError, TypeError or ValueError."""
    _exactly(data, Pack, "extends")
    return Pack(
        pack=_str(data["pack"]),
        version=_str(data["version"]),
        title=_str(data["title"]),
        source=Source(**data["source"]),
        applies_to=AppliesTo(
            ModelType(data["applies_to"]["model_type"]),
            ReleaseType(data["applies_to"]["release_type"]),
        ),
        stages=[_stage(stage) for stage in data["stages"]],
        renamed=dict(data["renamed"]),
        extends=extends,
    )


def _stage(data: dict[str, Any]) -> Stage:
    _exactly(data, Stage)
    return Stage(StageId(data["id"]), data["title"], [_guideline(g) for g in data["guidelines"]])


def _guideline(data: dict[str, Any]) -> Guideline:
    _exactly(data, Guideline)
    number = data["number"]
    if number is not None and type(number) is not int:
        raise TypeError(f"guideline number: expected an integer, got {type(number).__name__}")
    return Guideline(
        id=data["id"],
        number=number,
        title=data["title"],
        summary=data["summary"],
        notes=list(data["notes"]),
        resources=list(data["resources"]),
        practices=[_practice(p) for p in data["practices"]],
    )


def _practice(data: dict[str, Any]) -> Practice:
    _exactly(data, Practice)
    effective, leans_on = data["effective_from"], data["leans_on"]
    return Practice(
        id=data["id"],
        level=Level(data["level"]),
        text=data["text"],
        effective_from=None if effective is None else dt.date.fromisoformat(effective),
        scope=Scope(data["scope"]),
        leans_on=None if leans_on is None else _str(leans_on),
        refers_to=[_str(gid) for gid in _list(data["refers_to"])],
    )


def _exactly(data: dict[str, Any], record: type, *optional: str) -> None:
    """Data written by another version of the format is refused, not half read."""
    expected = set(_field_names(record))
    if not set(optional) <= expected or not expected - set(optional) <= data.keys() <= expected:
        raise KeyError(f"{record.__name__} fields: {sorted(data)}")


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def describe_packs(packs: list[Pack]) -> str:
    """`a@1 (frontier x restricted-api), ...` for messages that list what is there."""
    shown = [f"{p.ref} ({p.applies_to.model_type} x {p.applies_to.release_type})" for p in packs]
    return ", ".join(shown) or "none"


def dump(pack: Pack) -> dict[str, Any]:
    """The pack as plain data with exactly the YAML's field names (an extending pack: the
    effective pack, with `extends` naming its base); `pack_from_data` reads it back."""
    data: dict[str, Any] = _plain(pack)
    del data["extends"]
    if pack.extends is None:
        return data
    head = {key: data.pop(key) for key in ("pack", "version", "title")}
    return {**head, "extends": pack.extends, **data}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | Pack):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


def _field_names(record: type) -> tuple[str, ...]:
    if dataclasses.is_dataclass(record):
        return tuple(f.name for f in dataclasses.fields(record) if f.init)
    names: tuple[str, ...] = record._fields  # type: ignore[attr-defined]
    return names
