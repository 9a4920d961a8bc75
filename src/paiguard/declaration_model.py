"""The declaration format as pydantic models (SPEC §2): its JSON Schema, and the exact PG002
findings of a declaration that is not valid.

A valid declaration never comes here: `paiguard.declaration` builds it without importing
pydantic, which costs more than checking the file. These models are the format's reference;
tests hold the two to the same answer on every fixture and on generated declarations.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from paiguard.codes import CODES
from paiguard.findings import Finding
from paiguard.model_fields import IsoDate
from paiguard.schema_errors import describe
from paiguard.vocabulary import (
    PACK_REF,
    SHA256,
    ModelType,
    ReleaseType,
    Status,
    anchored,
)
from paiguard.yamlsource import Document


class _Strict(BaseModel):
    # defer_build: the validators are built on the first validation, so commands that never
    # validate a declaration (packs, explain) do not pay for them at import
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Provider(_Strict):
    """Who provides the model."""

    name: str = Field(description="The organisation that provides the model.")
    contact: str | None = Field(None, description="Where to reach its safety team.")


class ModelUpdate(_Strict):
    """A change to the model after deployment."""

    date: IsoDate = Field(description="When the update was deployed (YYYY-MM-DD).")
    description: str = Field(description="What changed.")
    significant: bool = Field(
        False, description="Whether it expands capabilities enough to need renewed governance."
    )


class ModelInfo(_Strict):
    """The model the declaration is about."""

    name: str = Field(description="The model's name.")
    version: str = Field(description="The model's version (quote it if it looks like a number).")
    model_type: ModelType = Field(description="frontier or general-purpose.")
    release_type: ReleaseType = Field(description="restricted-api, open or closed.")
    updates: list[ModelUpdate] = Field(
        default_factory=list, description="Updates after deployment, oldest first."
    )


class Evidence(_Strict):
    """Something a reviewer can open: exactly one of `url` or `path`."""

    url: str | None = Field(None, description="An http(s) link to the evidence.")
    path: str | None = Field(
        None, description="A file or folder, relative to the declaration's folder."
    )
    title: str | None = Field(None, description="What the evidence is.")
    sha256: Annotated[str, Field(pattern=anchored(SHA256))] | None = Field(
        None, description="The sha256 of the file at `path` as it was reviewed."
    )

    @model_validator(mode="after")
    def _one_target(self) -> Evidence:
        if (self.url is None) == (self.path is None):
            raise PydanticCustomError(
                "evidence_target", "an evidence item needs exactly one of 'url' or 'path'"
            )
        if self.sha256 is not None and self.path is None:
            raise PydanticCustomError("evidence_pin", "'sha256' pins a 'path', not a 'url'")
        return self


class PracticeDeclaration(_Strict):
    """What the provider does about one practice of the pack."""

    status: Status = Field(description="implemented, partial, planned, not-implemented, ...")
    evidence: list[Evidence] = Field(default_factory=list, description="Where to see it done.")
    owner: str | None = Field(None, description="Who is accountable for the practice.")
    reviewed: IsoDate | None = Field(None, description="When it was last reviewed.")
    justification: str | None = Field(
        None, description="Required for not-applicable: why the practice does not apply."
    )


class Waiver(_Strict):
    """An accepted, time-limited gap in one practice."""

    practice: str = Field(description="The practice id the waiver covers.")
    reason: str | None = Field(None, description="Why the gap is accepted.")
    approved_by: str | None = Field(None, description="Who accepted the risk.")
    expires: IsoDate | None = Field(None, description="At most 365 days after today.")


class Declaration(_Strict):
    """A provider's declaration of the practices it follows for one model."""

    paiguard: Literal[1] = Field(description="The declaration format version: 1.")
    pack: Annotated[str, Field(pattern=anchored(PACK_REF))] | None = Field(
        None, description="The rule pack as id@major; default: the pack for the model's types."
    )
    provider: Provider
    model: ModelInfo
    practices: dict[str, PracticeDeclaration] = Field(
        default_factory=dict, description="Practice id -> what the provider does about it."
    )
    waivers: list[Waiver] = Field(default_factory=list, description="Accepted, expiring gaps.")


def validate_model(
    document: Document, limit: int | None = None
) -> tuple[Declaration | None, list[Finding]]:
    """The validated model of a mapping, or one located PG002 finding per schema problem (the
    first `limit` of them: describing each one costs a did-you-mean search)."""
    try:
        return Declaration.model_validate(document.data), []
    except ValidationError as exc:
        return None, [_error_finding(err, document) for err in exc.errors()[:limit]]


def _error_finding(err: Any, document: Document) -> Finding:
    if err["type"] == "string_pattern_mismatch" and tuple(err["loc"]) == ("pack",):
        mark = document.value_mark(("pack",))
        message = (
            f"pack: expected id@major such as 'pai-frontier-restricted-api@1', got {err['input']!r}"
        )
        return _finding(message, mark.line, mark.column)
    if err["type"] == "string_pattern_mismatch" and err["loc"][-1] == "sha256":
        err = {**err, "msg": "expected the 64 hexadecimal digits of a sha256"}
    message, mark = describe(err, document, Declaration)
    return _finding(message, mark.line, mark.column)


def _finding(message: str, line: int, column: int) -> Finding:
    code = CODES["PG002"]
    return Finding("PG002", code.severity, message, line, column, hint=code.hint)
