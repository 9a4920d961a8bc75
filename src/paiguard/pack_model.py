"""The rule pack format as pydantic models: what `load_pack` validates a pack file against.

A run reads its packs from the cache (`pack_cache`) as `paiguard.packs` records, so these models
are built only when a pack file is new or changed.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from paiguard.declaration_model import IsoDate
from paiguard.vocabulary import (
    ID,
    PRACTICE_ID,
    SEMVER,
    Level,
    ModelType,
    ReleaseType,
    StageId,
    anchored,
)


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


class Guideline(_Strict):
    """A guideline of the guidance and its practices."""

    id: Annotated[str, Field(pattern=anchored(ID))]
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
        index: set[str] = set()
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
                    index.add(practice.id)
        for old, new in self.renamed.items():
            if new not in index:
                raise ValueError(f"renamed: '{old}' -> '{new}', but '{new}' is not in the pack")
        return self
