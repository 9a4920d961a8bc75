"""`extends: <pack>@<major>`: an organisation pack built on another pack.

An extending pack inherits its base's source, applies_to and stages. It may add stages,
guidelines and practices (its own guidelines may give a `number`, its own practices a `scope`,
`leans_on` and `refers_to`), add notes and resources to a guideline, raise a recommended practice
to baseline (list its id with `level: baseline`, optionally with an `effective_from` grace
period; it keeps its scope). It can never lower or postpone a baseline practice nor rewrite the
base's text, numbers or scopes: the result would no longer enforce the guidance it claims to
extend, so that is a broken pack (exit 2, with the file and line).
"""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from paiguard.errors import PaiguardError
from paiguard.model_fields import IsoDate
from paiguard.pack_model import (
    AppliesTo,
    GuidelineNumber,
    GuidelineRefId,
    PackModel,
    PackProblem,
    PracticeRefId,
    Source,
)
from paiguard.packs import Pack, dump, pack_from_data
from paiguard.vocabulary import ID, PACK_REF, PRACTICE_ID, SEMVER, Level, Scope, StageId, anchored
from paiguard.yamlsource import Document, YamlPath


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PracticePatch(_Strict):
    """A new practice (id, level, text, ...), or a change to a base practice (level,
    effective_from)."""

    id: Annotated[str, Field(pattern=anchored(PRACTICE_ID))]
    level: Level | None = None
    text: str | None = None
    effective_from: IsoDate | None = None
    scope: Scope | None = None
    leans_on: PracticeRefId | None = None
    refers_to: list[GuidelineRefId] | None = None


class GuidelinePatch(_Strict):
    """A new guideline, or practices, notes and resources added to one of the base's."""

    id: Annotated[str, Field(pattern=anchored(ID))]
    number: GuidelineNumber | None = None
    title: str | None = None
    summary: str | None = None
    notes: list[str] = Field(default_factory=list)
    resources: list[str] = Field(default_factory=list)
    practices: list[PracticePatch] = Field(default_factory=list)


class StagePatch(_Strict):
    """Guidelines added to a stage (a stage the base lacks needs a title)."""

    id: StageId
    title: str | None = None
    guidelines: list[GuidelinePatch] = Field(default_factory=list)


class PackExtension(_Strict):
    """A pack file with `extends`: everything but its own id, version and title is optional."""

    pack: Annotated[str, Field(pattern=anchored(ID))]
    version: Annotated[str, Field(pattern=anchored(SEMVER))]
    title: str
    extends: Annotated[str, Field(pattern=anchored(PACK_REF))]
    source: Source | None = None
    applies_to: AppliesTo | None = None
    stages: list[StagePatch] = Field(default_factory=list)
    renamed: dict[str, str] = Field(default_factory=dict)

    @property
    def major(self) -> int:
        return int(self.version.split(".", 1)[0])


class _Where:
    """Turns a place in the extension file into a located `PaiguardError`."""

    def __init__(self, path: str, document: Document) -> None:
        self.path = path
        self.document = document

    def fail(self, loc: YamlPath, message: str, *, key: bool = False) -> NoReturn:
        mark = self.document.key_mark(loc) if key else self.document.value_mark(loc)
        raise PaiguardError(
            f"invalid pack: {message}", path=self.path, line=mark.line, column=mark.column
        )


def extend(base: Pack, ext: PackExtension, path: str, document: Document) -> Pack:
    """The effective pack: `base` with `ext` applied; a rule broken is a located error."""
    where = _Where(path, document)
    applies_to = base.applies_to
    wanted = (applies_to.model_type, applies_to.release_type)
    if (
        ext.applies_to is not None
        and (ext.applies_to.model_type, ext.applies_to.release_type) != wanted
    ):
        where.fail(
            ("applies_to",),
            f"applies_to must be that of {base.ref} "
            f"({base.applies_to.model_type} x {base.applies_to.release_type})",
        )
    data = dump(base)
    data.pop("extends", None)
    merger = _Merger(base, data, where)
    for i, stage in enumerate(ext.stages):
        merger.stage(stage, ("stages", i))
    for old, new in ext.renamed.items():
        if new not in merger.levels:
            where.fail(
                ("renamed", old), f"renamed: '{old}' -> '{new}', but '{new}' is not a practice"
            )
    data.update(
        pack=ext.pack,
        version=ext.version,
        title=ext.title,
        source=ext.source.model_dump() if ext.source else data["source"],
        renamed={**data["renamed"], **ext.renamed},
    )
    try:
        valid = PackModel.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        problem = error.get("ctx", {}).get("error")
        if isinstance(problem, PackProblem) and problem.subject in merger.places:
            where.fail((*merger.places[problem.subject], problem.field), str(problem))
        where.fail((), error["msg"].removeprefix("Value error, "))
    return pack_from_data(valid.model_dump(mode="json"), extends=ext.extends)


class _Merger:
    """Applies an extension's stages, guidelines and practices to the base pack's data."""

    def __init__(self, base: Pack, data: dict[str, Any], where: _Where) -> None:
        self.base = base
        self.data = data
        self.where = where
        self.levels = {pid: ref.practice.level for pid, ref in base.practices.items()}
        self.added: set[str] = set()
        self.places: dict[str, YamlPath] = {}  # guidelines and practices added, by id
        self.numbers = {g.number: g.id for g, _ in base.guidelines() if g.number is not None}

    def stage(self, patch: StagePatch, loc: YamlPath) -> None:
        stages: list[dict[str, Any]] = self.data["stages"]
        found = next((s for s in stages if s["id"] == patch.id.value), None)
        if found is None:
            if patch.title is None:
                self.where.fail(loc, f"stage {patch.id.value} is new here and needs a title")
            found = {"id": patch.id.value, "title": patch.title, "guidelines": []}
            order = list(StageId)
            stages.append(found)
            stages.sort(key=lambda s: order.index(StageId(s["id"])))
        elif patch.title is not None:
            self.where.fail(
                (*loc, "title"), f"stage {patch.id.value} comes from {self.base.ref} with its title"
            )
        for j, guideline in enumerate(patch.guidelines):
            self.guideline(found, guideline, (*loc, "guidelines", j))

    def guideline(self, stage: dict[str, Any], patch: GuidelinePatch, loc: YamlPath) -> None:
        owner = self._find_guideline(patch.id)
        if owner is None:
            if patch.title is None or patch.summary is None:
                self.where.fail(
                    loc, f"guideline {patch.id} is new here and needs a title and summary"
                )
            if patch.number is not None and patch.number in self.numbers:
                self.where.fail(
                    (*loc, "number"),
                    f"guideline {patch.id}: number {patch.number} is taken by guideline "
                    f"{self.numbers[patch.number]}",
                )
            if patch.number is not None:
                self.numbers[patch.number] = patch.id
            target: dict[str, Any] = {**patch.model_dump(exclude={"practices"}), "practices": []}
            stage["guidelines"].append(target)
            self.places[patch.id] = loc
        else:
            owner_stage, target = owner
            if owner_stage != stage["id"]:
                self.where.fail(
                    (*loc, "id"),
                    f"guideline {patch.id} is in stage {owner_stage} of {self.base.ref}",
                )
            for name in ("number", "title", "summary"):
                if getattr(patch, name) is not None:
                    self.where.fail(
                        (*loc, name),
                        f"guideline {patch.id} comes from {self.base.ref} with its {name}; "
                        "an extending pack may add practices, notes and resources to it",
                        key=True,
                    )
            target["notes"] += patch.notes
            target["resources"] += patch.resources
        for k, practice in enumerate(patch.practices):
            self.practice(target, practice, (*loc, "practices", k))

    def practice(self, guideline: dict[str, Any], patch: PracticePatch, loc: YamlPath) -> None:
        if patch.id in self.added:
            self.where.fail((*loc, "id"), f"practice {patch.id} appears twice")
        existing = next((p for p in guideline["practices"] if p["id"] == patch.id), None)
        if existing is not None:
            self._change(existing, patch, loc)
            return
        if patch.id in self.levels:
            self.where.fail((*loc, "id"), f"practice {patch.id} is in another guideline")
        if not patch.id.startswith(guideline["id"] + "."):
            self.where.fail(
                (*loc, "id"), f"practice id '{patch.id}' must start with '{guideline['id']}.'"
            )
        if patch.level is None or patch.text is None:
            self.where.fail(loc, f"practice {patch.id} is new here and needs a level and text")
        guideline["practices"].append(patch.model_dump(mode="json", exclude_none=True))
        self.levels[patch.id] = patch.level
        self.added.add(patch.id)
        self.places[patch.id] = loc

    def _change(self, existing: dict[str, Any], patch: PracticePatch, loc: YamlPath) -> None:
        """Raise a base practice to baseline, optionally with a grace period; nothing else."""
        for name in ("text", "scope", "leans_on", "refers_to"):
            if getattr(patch, name) is not None:
                self.where.fail(
                    (*loc, name),
                    f"practice {patch.id} comes from {self.base.ref}: its {name} cannot change",
                    key=True,
                )
        baseline = existing["level"] == Level.BASELINE.value
        if baseline and patch.level is Level.RECOMMENDED:
            self.where.fail(
                (*loc, "level"),
                f"practice {patch.id} is baseline in {self.base.ref}; an extending pack can "
                "never lower a baseline practice",
            )
        if baseline and patch.effective_from is not None:
            self.where.fail(
                (*loc, "effective_from"),
                f"practice {patch.id} is baseline in {self.base.ref}; an extending pack cannot "
                "postpone it (effective_from is for the practices it adds or raises)",
            )
        if patch.level is not Level.BASELINE:
            self.where.fail(loc, f"practice {patch.id}: give `level: baseline` to raise it")
        existing["level"] = Level.BASELINE.value
        if patch.effective_from is not None:
            existing["effective_from"] = patch.effective_from.isoformat()

    def _find_guideline(self, guideline_id: str) -> tuple[str, dict[str, Any]] | None:
        for stage in self.data["stages"]:
            for guideline in stage["guidelines"]:
                if guideline["id"] == guideline_id:
                    return stage["id"], guideline
        return None
