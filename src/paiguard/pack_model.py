"""The rule pack format as pydantic models: what `load_pack` validates a pack file against.

A run reads its packs from the cache (`pack_cache`) as `paiguard.packs` records, so these models
are built only when a pack file is new or changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from paiguard.model_fields import IsoDate
from paiguard.pack_refs import Outline, problems
from paiguard.vocabulary import (
    ID,
    PRACTICE_ID,
    SEMVER,
    Level,
    ModelType,
    ReleaseType,
    Scope,
    StageId,
    anchored,
)

GuidelineNumber = Annotated[StrictInt, Field(ge=1)]
PracticeRefId = Annotated[str, Field(pattern=anchored(PRACTICE_ID))]
GuidelineRefId = Annotated[str, Field(pattern=anchored(ID))]


class _Strict(BaseModel):
    # defer_build: a run that reads the packs from the cache (pack_cache) never validates one
    model_config = ConfigDict(extra="forbid", defer_build=True)


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

    id: Annotated[str, Field(pattern=anchored(PRACTICE_ID))]
    level: Level
    text: str
    effective_from: IsoDate | None = None
    scope: Scope = Scope.MODEL
    leans_on: PracticeRefId | None = None  # the practice whose sentence this one continues
    refers_to: list[GuidelineRefId] = Field(default_factory=list)  # "per guidance below"


class Guideline(_Strict):
    """A guideline of the guidance and its practices."""

    id: Annotated[str, Field(pattern=anchored(ID))]
    number: GuidelineNumber | None = None  # its number in the published text
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


class PackModel(_Strict):
    """A versioned rule pack: the guidance for one model type x release type."""

    pack: Annotated[str, Field(pattern=anchored(ID))]
    version: Annotated[str, Field(pattern=anchored(SEMVER))]
    title: str
    source: Source
    applies_to: AppliesTo
    stages: list[Stage]
    renamed: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> PackModel:
        ids: set[str] = set()
        for practice, guideline, loc in self._practices():
            if practice.id in ids:
                raise PackProblem(f"practice id '{practice.id}' appears twice", (*loc, "id"))
            if not practice.id.startswith(guideline.id + "."):
                raise PackProblem(
                    f"practice id '{practice.id}' must start with its guideline '{guideline.id}.'",
                    (*loc, "id"),
                )
            ids.add(practice.id)
        for old, new in self.renamed.items():
            if new not in ids:
                raise PackProblem(
                    f"renamed: '{old}' -> '{new}', but '{new}' is not in the pack", ("renamed", old)
                )
        self._check_numbers()
        self._check_references(ids)
        return self

    def _practices(self) -> Iterator[tuple[Practice, Guideline, tuple[str | int, ...]]]:
        for i, stage in enumerate(self.stages):
            for j, guideline in enumerate(stage.guidelines):
                for k, practice in enumerate(guideline.practices):
                    yield practice, guideline, ("stages", i, "guidelines", j, "practices", k)

    def _check_numbers(self) -> None:
        holders: dict[int, str] = {}
        for i, stage in enumerate(self.stages):
            for j, guideline in enumerate(stage.guidelines):
                number = guideline.number
                if number is not None and holders.setdefault(number, guideline.id) != guideline.id:
                    raise PackProblem(
                        f"guideline {guideline.id}: number {number} is taken by guideline "
                        f"{holders[number]}",
                        ("stages", i, "guidelines", j, "number"),
                        subject=guideline.id,
                    )

    def _check_references(self, ids: set[str]) -> None:
        """`leans_on` names another practice; the text's citations resolve (`pack_refs`)."""
        outline = Outline.of(g for stage in self.stages for g in stage.guidelines)
        for practice, guideline, loc in self._practices():
            lean = practice.leans_on
            if lean is not None and (lean == practice.id or lean not in ids):
                raise PackProblem(
                    f"practice {practice.id}: leans_on '{lean}' is not another practice of "
                    "the pack",
                    (*loc, "leans_on"),
                    subject=practice.id,
                )
            found = problems(practice.text, guideline.id, practice.refers_to, outline)
            if found:
                field, problem = found[0]
                raise PackProblem(
                    f"practice {practice.id}: {problem}", (*loc, field), subject=practice.id
                )


class PackProblem(ValueError):
    """A rule across the pack, broken: with the place it concerns, which pydantic keeps in the
    error's `ctx` so that the loader can point at it, and the guideline or practice it is about
    (an extending pack points at its own entry for it)."""

    def __init__(
        self, message: str, loc: tuple[str | int, ...], *, subject: str | None = None
    ) -> None:
        super().__init__(message)
        self.loc = loc
        self.subject = subject
        self.field = str(loc[-1])
