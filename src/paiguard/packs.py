"""Rule packs: records, discovery of shipped and custom packs, and `id@major` resolution.

The records are named tuples (cheap to define at start-up, which every run pays), but for
`Pack`, which indexes its practices once it is built.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from paiguard.errors import PaiguardError
from paiguard.limits import Limits
from paiguard.resources import guidance_dir
from paiguard.vocabulary import Level, ModelType, ReleaseType, StageId

if TYPE_CHECKING:
    from paiguard.pack_extends import PackExtension
    from paiguard.yamlsource import Document

PACK_SUFFIXES = (".yaml", ".yml")
_PACK_LIMITS = Limits(max_bytes=16 * 1024 * 1024, max_depth=32, max_scalar_chars=65_536)


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
    effective_from: dt.date | None = None


class Guideline(NamedTuple):
    """A guideline of the guidance and its practices."""

    id: str
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
    return Guideline(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        notes=list(data["notes"]),
        resources=list(data["resources"]),
        practices=[_practice(p) for p in data["practices"]],
    )


def _practice(data: dict[str, Any]) -> Practice:
    _exactly(data, Practice)
    effective = data["effective_from"]
    return Practice(
        id=data["id"],
        level=Level(data["level"]),
        text=data["text"],
        effective_from=None if effective is None else dt.date.fromisoformat(effective),
    )


def _exactly(data: dict[str, Any], record: type, *optional: str) -> None:
    """Data written by another version of the format is refused, not half read."""
    expected = set(_field_names(record))
    if not set(optional) <= expected or not expected - set(optional) <= data.keys() <= expected:
        raise KeyError(f"{record.__name__} fields: {sorted(data)}")


def _str(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def load_pack(path: Path) -> Pack | PackFile:
    """Read and validate one pack file; a broken pack is a `PaiguardError` with its position.

    A pack that `extends` another comes back as a `PackFile`, resolved by `PackRegistry` once
    every pack is loaded."""
    from pydantic import ValidationError

    from paiguard.pack_extends import PackExtension
    from paiguard.pack_model import PackModel
    from paiguard.schema_errors import describe

    shown = str(path)
    document = _read_pack_document(path)
    extending = "extends" in document.data
    try:
        if extending:
            return PackFile(path, document, PackExtension.model_validate(document.data))
        return pack_from_data(PackModel.model_validate(document.data).model_dump(mode="json"))
    except ValidationError as exc:
        errors = exc.errors()  # an unknown key explains the rest ("extend:" -> no source)
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        # both formats' keys (they differ by `extends`): a pack without it hears of "extend:"
        message, mark = describe(first, document, PackModel, PackExtension)
        raise PaiguardError(
            f"invalid pack: {message}", path=shown, line=mark.line, column=mark.column
        ) from None


def _read_pack_document(path: Path) -> Document:
    from paiguard.yamlsource import YamlProblem, decode, parse, read_limited

    shown = str(path)
    try:  # read like a declaration: a FIFO or a link to a device must never hang the run
        document = parse(decode(read_limited(path, _PACK_LIMITS)), _PACK_LIMITS)
    except YamlProblem as exc:
        raise PaiguardError(
            f"invalid pack: {exc.message}", path=shown, line=exc.line, column=exc.column
        ) from None
    if not isinstance(document.data, dict):
        raise PaiguardError("invalid pack: expected a mapping", path=shown, line=1, column=1)
    return document


@dataclass(frozen=True, slots=True)
class PackFile:
    """A pack that extends another, as read from its file, before its base is applied."""

    path: Path
    document: Document
    extension: PackExtension

    @property
    def key(self) -> tuple[str, int]:
        """(pack id, major) of the pack this file will become."""
        return self.extension.pack, self.extension.major


class PackRegistry:
    """The packs paiguard knows: shipped ones, then those in `--pack-path` folders."""

    def __init__(self, extra_dirs: list[Path] | None = None) -> None:
        self.dirs = [guidance_dir(), *(extra_dirs or [])]
        self._packs: list[Pack] | None = None

    def all(self) -> list[Pack]:
        """Every pack, loaded once per run, sorted by id then version."""
        if self._packs is None:
            packs: dict[tuple[str, str], Pack] = {}
            pending: list[PackFile] = []
            for folder in self.dirs:
                if not folder.is_dir():
                    raise PaiguardError("pack folder does not exist", path=str(folder))
                for path in sorted(folder.iterdir()):
                    if path.suffix in PACK_SUFFIXES and path.is_file():
                        loaded = load_pack(path)
                        if isinstance(loaded, PackFile):
                            pending.append(loaded)
                        else:
                            packs.setdefault((loaded.pack, loaded.version), loaded)
            _resolve(packs, pending)
            self._packs = sorted(packs.values(), key=lambda p: (p.pack, _semver(p.version)))
        return self._packs

    def get(self, ref: str) -> Pack | None:
        """The newest pack for `id@major` (or plain `id`: its newest version)."""
        name, _, major = ref.partition("@")
        matches = [p for p in self.all() if p.pack == name and (not major or str(p.major) == major)]
        return matches[-1] if matches else None

    def require(self, ref: str) -> Pack:
        """`get(ref)`, or a `PaiguardError` with a did-you-mean or the packs there are."""
        pack = self.get(ref)
        if pack is not None:
            return pack
        known = sorted({p.pack for p in self.all()} | {p.ref for p in self.all()})
        close = difflib.get_close_matches(ref, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else f"; packs: {describe_packs(self.all())}"
        raise PaiguardError(f"no pack {ref}{hint}")

    def for_types(self, model_type: str, release_type: str) -> list[Pack]:
        """The newest version of each pack that covers this combination."""
        newest: dict[str, Pack] = {}
        for pack in self.all():
            covers = pack.applies_to.model_type == model_type
            if covers and pack.applies_to.release_type == release_type:
                newest[pack.pack] = pack
        return list(newest.values())


def _resolve(packs: dict[tuple[str, str], Pack], pending: list[PackFile]) -> None:
    """Apply extending packs to their bases, bases first; an extension waits while another
    pending file could still be the newest version of its base's major."""
    from paiguard.pack_extends import extend

    while pending:
        waiting = {item.key for item in pending}
        for item in pending:
            name, _, major = item.extension.extends.partition("@")
            if (name, int(major)) in waiting:
                continue
            bases = [p for (pid, _), p in packs.items() if pid == name and p.major == int(major)]
            if not bases:
                _no_base(item, list(packs.values()))
            base = max(bases, key=lambda p: _semver(p.version))
            pack = extend(base, item.extension, str(item.path), item.document)
            packs.setdefault((pack.pack, pack.version), pack)
            pending.remove(item)
            break
        else:
            cycle = " -> ".join(f"{i.extension.pack}@{i.extension.major}" for i in pending)
            _fail_at_extends(pending[0], f"packs extend each other in a cycle: {cycle}")


def _no_base(item: PackFile, known: list[Pack]) -> NoReturn:
    ref = item.extension.extends
    _fail_at_extends(
        item, f"extends {ref}, but there is no such pack; packs: {describe_packs(known)}"
    )


def _fail_at_extends(item: PackFile, message: str) -> NoReturn:
    mark = item.document.value_mark(("extends",))
    raise PaiguardError(
        f"invalid pack: {message}", path=str(item.path), line=mark.line, column=mark.column
    )


def _semver(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


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
