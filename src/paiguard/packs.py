"""Rule packs: models, discovery of shipped and custom packs, and `id@major` resolution."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from paiguard.declaration import IsoDate, ModelType, ReleaseType
from paiguard.errors import PaiguardError
from paiguard.resources import guidance_dir
from paiguard.schema_errors import describe
from paiguard.yamlsource import Limits, YamlProblem, decode, parse

PACK_SUFFIXES = (".yaml", ".yml")
_PACK_LIMITS = Limits(max_bytes=16 * 1024 * 1024, max_depth=32, max_scalar_chars=65_536)


class _Strict(BaseModel):
    # defer_build: a run that reads the packs from the cache (pack_cache) never validates one
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Level(StrEnum):
    """Baseline practices every provider should follow; recommended ones go beyond."""

    BASELINE = "baseline"
    RECOMMENDED = "recommended"


class StageId(StrEnum):
    """The lifecycle stages of the guidance, in order."""

    RESEARCH_DEVELOPMENT = "research-development"
    PRE_DEPLOYMENT = "pre-deployment"
    POST_DEPLOYMENT = "post-deployment"
    SOCIETAL_IMPACT = "societal-impact"


class Source(_Strict):
    """Where the pack's text was published."""

    publisher: str
    document: str
    url: str | None = None
    edition: str | None = None


class AppliesTo(_Strict):
    """The one model type x release type combination a pack covers."""

    model_type: ModelType
    release_type: ReleaseType


class Practice(_Strict):
    """One checkable commitment, with the guidance text verbatim."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+\.[a-z0-9-]+$")]
    level: Level
    text: str
    effective_from: IsoDate | None = None


class Guideline(_Strict):
    """A guideline of the guidance and its practices."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    title: str
    summary: str
    notes: list[str] = Field(default_factory=list)
    resources: list[str] = Field(default_factory=list)
    practices: list[Practice]


class Stage(_Strict):
    """A stage of a model's life: research, pre-deployment, post-deployment, societal impact."""

    id: StageId
    title: str
    guidelines: list[Guideline]


@dataclass(frozen=True, slots=True)
class PracticeRef:
    """A practice with the guideline and stage it belongs to."""

    practice: Practice
    guideline: Guideline
    stage: Stage


class Pack(_Strict):
    """A versioned rule pack: the guidance for one model type x release type."""

    pack: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    version: Annotated[str, Field(pattern=r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    title: str
    source: Source
    applies_to: AppliesTo
    stages: list[Stage]
    renamed: dict[str, str] = Field(default_factory=dict)
    _index: dict[str, PracticeRef] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Pack:
        index: dict[str, PracticeRef] = {}
        for stage in self.stages:
            for guideline in stage.guidelines:
                for practice in guideline.practices:
                    if practice.id in index:
                        raise ValueError(f"practice id '{practice.id}' appears twice")
                    if not practice.id.startswith(guideline.id + "."):
                        raise ValueError(
                            f"practice id '{practice.id}' must start with its guideline "
                            f"'{guideline.id}.'"
                        )
                    index[practice.id] = PracticeRef(practice, guideline, stage)
        for old, new in self.renamed.items():
            if new not in index:
                raise ValueError(f"renamed: '{old}' -> '{new}', but '{new}' is not in the pack")
        self._index = index
        return self

    @property
    def major(self) -> int:
        return int(self.version.split(".", 1)[0])

    @property
    def ref(self) -> str:
        """`id@major`, as a declaration names the pack."""
        return f"{self.pack}@{self.major}"

    @property
    def practices(self) -> dict[str, PracticeRef]:
        """Every practice by id, in pack order."""
        return self._index

    def counts(self) -> dict[str, int]:
        """Number of guidelines and of practices per level."""
        levels = [ref.practice.level for ref in self._index.values()]
        return {
            "guidelines": sum(len(s.guidelines) for s in self.stages),
            "baseline": levels.count(Level.BASELINE),
            "recommended": levels.count(Level.RECOMMENDED),
        }


_PACK_FIELDS = frozenset(
    name
    for model in (Pack, Source, AppliesTo, Stage, Guideline, Practice)
    for name in model.model_fields
)


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file; a broken pack is a `PaiguardError` with its position."""
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PaiguardError(f"cannot read pack: {exc.strerror}", path=shown) from None
    try:
        document = parse(decode(raw), _PACK_LIMITS)
    except YamlProblem as exc:
        raise PaiguardError(
            f"invalid pack: {exc.message}", path=shown, line=exc.line, column=exc.column
        ) from None
    if not isinstance(document.data, dict):
        raise PaiguardError("invalid pack: expected a mapping", path=shown, line=1, column=1)
    try:
        return Pack.model_validate(document.data)
    except ValidationError as exc:
        message, mark = describe(exc.errors()[0], document, _PACK_FIELDS)
        raise PaiguardError(
            f"invalid pack: {message}", path=shown, line=mark.line, column=mark.column
        ) from None


class PackRegistry:
    """The packs paiguard knows: shipped ones, then those in `--pack-path` folders."""

    def __init__(self, extra_dirs: list[Path] | None = None) -> None:
        self.dirs = [guidance_dir(), *(extra_dirs or [])]
        self._packs: list[Pack] | None = None

    def all(self) -> list[Pack]:
        """Every pack, loaded once per run, sorted by id then version."""
        if self._packs is None:
            packs: dict[tuple[str, str], Pack] = {}
            for folder in self.dirs:
                if not folder.is_dir():
                    raise PaiguardError("pack folder does not exist", path=str(folder))
                for path in sorted(folder.iterdir()):
                    if path.suffix in PACK_SUFFIXES and path.is_file():
                        pack = load_pack(path)
                        packs.setdefault((pack.pack, pack.version), pack)
            self._packs = sorted(packs.values(), key=lambda p: (p.pack, _semver(p.version)))
        return self._packs

    def get(self, ref: str) -> Pack | None:
        """The newest pack for `id@major` (or plain `id`: its newest version)."""
        name, _, major = ref.partition("@")
        matches = [p for p in self.all() if p.pack == name and (not major or str(p.major) == major)]
        return matches[-1] if matches else None

    def for_types(self, model_type: str, release_type: str) -> list[Pack]:
        """The newest version of each pack that covers this combination."""
        newest: dict[str, Pack] = {}
        for pack in self.all():
            covers = pack.applies_to.model_type == model_type
            if covers and pack.applies_to.release_type == release_type:
                newest[pack.pack] = pack
        return list(newest.values())


def _semver(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def describe_packs(packs: list[Pack]) -> str:
    """`a@1 (frontier x restricted-api), ...` for messages that list what is there."""
    shown = [f"{p.ref} ({p.applies_to.model_type} x {p.applies_to.release_type})" for p in packs]
    return ", ".join(shown) or "none"


def dump(pack: Pack) -> dict[str, Any]:
    """The pack as plain data with exactly the YAML's field names."""
    return pack.model_dump(mode="json")
