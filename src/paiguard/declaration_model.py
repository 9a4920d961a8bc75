"""The declaration format as pydantic models (SPEC §2): its JSON Schema, and the exact PG002
findings of a declaration that is not valid.

A valid declaration never comes here: `paiguard.declaration` builds it without importing
pydantic, which costs more than checking the file. These models are the format's reference;
tests hold the two to the same answer on every fixture and on generated declarations.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, NamedTuple

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
from paiguard.schema_errors import describe, dotted
from paiguard.vocabulary import (
    CONTROL,
    NO_CONTROL,
    PACK_REF,
    SHA256,
    Access,
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
    surfaces: list[str] = Field(
        default_factory=list,
        description="Where this model is offered (api, console, ...): what the declaration covers.",
    )
    updates: list[ModelUpdate] = Field(
        default_factory=list, description="Updates after deployment, oldest first."
    )


class Attestation(_Strict):
    """Who stands behind the declaration, and since when."""

    by: str = Field(description="Who signed the declaration off (name and role).")
    date: IsoDate = Field(description="When it was signed off (YYYY-MM-DD).")


# A url, path or ref: never empty, never a control character (a NUL would end the path early
# for the OS, a line break would forge output lines).
Target = Annotated[str, Field(min_length=1, pattern=anchored(NO_CONTROL))]
# What JSON Schema can say of what `paiguard check` refuses in a url (PG204): http(s), a host.
# (The host is what lies between `//` and the next / ? #, and must hold a non-blank: `check`
# strips the url first, then asks urlsplit for a host.)
_HTTP_URL = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^/?#]*[^/?#\s]"


def _evidence_schema(schema: dict[str, Any]) -> None:
    """What JSON Schema can say beyond the fields: exactly one target (a pin only on a path, a
    ref never public), and an http(s) url (PG204)."""
    targets = ("url", "path", "ref")

    def only(key: str, **more: Any) -> dict[str, Any]:
        others = {other: {"type": "null"} for other in targets if other != key}
        return {"required": [key], "properties": {key: {"type": "string"}, **others, **more}}

    unpinned = {"sha256": {"type": "null"}}
    schema["oneOf"] = [
        only("url", **unpinned),
        only("path"),
        only("ref", access={"enum": [Access.INTERNAL.value, None]}, **unpinned),
    ]
    schema["properties"]["url"]["anyOf"][0]["allOf"] = [{"pattern": _HTTP_URL}]


class Evidence(_Strict):
    """Something a reviewer can open or look up: exactly one of `url`, `path` or `ref`."""

    model_config = ConfigDict(json_schema_extra=_evidence_schema)

    url: Target | None = Field(None, description="An http(s) link to the evidence.")
    path: Target | None = Field(
        None, description="A file or folder, relative to the declaration's folder."
    )
    ref: Target | None = Field(
        None,
        description="An internal record that cannot be linked (a ticket, a document number).",
    )
    title: str | None = Field(None, description="What the evidence is.")
    locator: str | None = Field(
        None, description="Where in the document this practice is supported (section, pages)."
    )
    date: IsoDate | None = Field(None, description="The evidence's own date (YYYY-MM-DD).")
    by: str | None = Field(None, description="Who produced it (default: the provider).")
    independent: bool = Field(
        False, description="Whether a party independent of the provider produced it."
    )
    access: Access | None = Field(
        None,
        description="public or internal (default: a ref is internal, a url or path public).",
    )
    sha256: Annotated[str, Field(pattern=anchored(SHA256))] | None = Field(
        None, description="The sha256 of the file at `path` as it was reviewed."
    )

    @model_validator(mode="after")
    def _one_target(self) -> Evidence:
        if sum(value is not None for value in (self.url, self.path, self.ref)) != 1:
            raise PydanticCustomError(
                "evidence_target", "an evidence item needs exactly one of 'url', 'path' or 'ref'"
            )
        if self.sha256 is not None and self.path is None:
            raise PydanticCustomError(
                "evidence_pin", "'sha256' pins a 'path', not a 'url' or 'ref'"
            )
        if self.ref is not None and self.access is Access.PUBLIC:
            raise PydanticCustomError(
                "evidence_access", "a 'ref' is internal evidence; it cannot be 'access: public'"
            )
        return self


_MET_NEEDS: dict[str, Any] = {
    # what `paiguard check` refuses as PG201 and PG105, said in JSON Schema (as anyOf: an
    # if/then here makes yaml-language-server 2 show another practice's text on hover)
    "allOf": [
        {
            "anyOf": [
                {"properties": {"status": {"not": {"const": Status.IMPLEMENTED.value}}}},
                {"required": ["evidence"], "properties": {"evidence": {"minItems": 1}}},
            ]
        },
        {
            "anyOf": [
                {"properties": {"status": {"not": {"const": Status.NOT_APPLICABLE.value}}}},
                {
                    "required": ["justification"],
                    "properties": {"justification": {"type": "string", "pattern": "\\S"}},
                },
            ]
        },
    ]
}


class PracticeDeclaration(_Strict):
    """What the provider does about one practice of the pack."""

    model_config = ConfigDict(json_schema_extra=_MET_NEEDS)

    status: Status = Field(description="implemented, partial, planned, not-implemented, ...")
    evidence: list[Evidence] = Field(default_factory=list, description="Where to see it done.")
    owner: str | None = Field(None, description="Who is accountable for the practice.")
    reviewed: IsoDate | None = Field(None, description="When it was last reviewed.")
    due: IsoDate | None = Field(
        None, description="When a practice not yet met will be met (YYYY-MM-DD)."
    )
    justification: str | None = Field(
        None, description="Required for not-applicable: why the practice does not apply."
    )


class Waiver(_Strict):
    """An accepted, time-limited gap in one practice."""

    # `check` reports a missing reason, approver or expiry as PG403, not as a schema problem;
    # the JSON Schema, for editors and other validators, says they are needed.
    model_config = ConfigDict(
        json_schema_extra={"required": ["practice", "reason", "approved_by", "expires"]}
    )

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
    attestation: Attestation | None = Field(
        None, description="Who signed the declaration off, and when."
    )
    practices: dict[str, PracticeDeclaration] = Field(
        default_factory=dict, description="Practice id -> what the provider does about it."
    )
    waivers: list[Waiver] = Field(default_factory=list, description="Accepted, expiring gaps.")


Entry = tuple[str, str | int]  # ("practices", practice id) or ("waivers", index)


class Validated(NamedTuple):
    """A declaration the models accept, perhaps without some entries (SPEC §3, partial
    validation), and the PG002 findings of what they refused."""

    model: Declaration | None  # None: a problem outside any one entry stops the file
    findings: list[Finding]
    invalid: dict[str, Status | None]  # practice entries left out -> their status, if valid
    waivers: tuple[int, ...]  # the position in the file of each waiver kept


def validate_model(document: Document, limit: int | None = None) -> Validated:
    """The validated model of a mapping, with one located PG002 finding per schema problem (the
    first `limit` of them: describing each one costs a did-you-mean search).

    A problem inside one `practices` entry or one `waivers` item leaves that entry out and the
    rest is still a declaration; a problem anywhere else leaves none."""
    data = document.data
    try:
        model = Declaration.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
    else:
        return Validated(model, [], {}, tuple(range(len(model.waivers))))
    findings = [_error_finding(err, document) for err in errors[:limit]]
    entries = {_entry(tuple(err["loc"])) for err in errors}
    if None in entries:
        return Validated(None, findings, {}, ())
    practices = {key for kind, key in entries if kind == "practices"}  # type: ignore[misc]
    waivers = {key for kind, key in entries if kind == "waivers"}  # type: ignore[misc]
    rest = {
        **data,
        "practices": {k: v for k, v in data.get("practices", {}).items() if k not in practices},
        "waivers": [w for i, w in enumerate(data.get("waivers", [])) if i not in waivers],
    }
    try:
        model = Declaration.model_validate(rest)
    except ValidationError:  # a problem the first pass could not see: report the first pass
        return Validated(None, findings, {}, ())
    kept = tuple(i for i in range(len(data.get("waivers", []))) if i not in waivers)
    invalid = {str(pid): _status(data["practices"][pid]) for pid in practices}
    return Validated(model, findings, invalid, kept)


def _entry(loc: tuple[Any, ...]) -> Entry | None:
    """The practice entry or waiver a problem lies in; None when it lies outside any."""
    if len(loc) >= 2 and loc[0] == "practices":
        return ("practices", loc[1])
    if len(loc) >= 2 and loc[0] == "waivers" and isinstance(loc[1], int):
        return ("waivers", loc[1])
    return None


def _status(entry: Any) -> Status | None:
    """The declared status of a practice entry the models refused, when that part is valid."""
    status = entry.get("status") if isinstance(entry, dict) else None
    try:
        return Status(status) if isinstance(status, str) else None
    except ValueError:
        return None


_TARGETS = frozenset({"url", "path", "ref"})
_CONTROL = re.compile(CONTROL)
_TARGET_ERRORS = frozenset({"string_too_short", "string_pattern_mismatch"})


def _error_finding(err: Any, document: Document) -> Finding:
    loc = tuple(err["loc"])
    if err["type"] == "string_pattern_mismatch" and loc == ("pack",):
        mark = document.value_mark(("pack",))
        message = (
            f"pack: expected id@major such as 'pai-frontier-restricted-api@1', got {err['input']!r}"
        )
        return _finding(message, mark.line, mark.column, loc)
    if loc and loc[-1] in _TARGETS and err["type"] in _TARGET_ERRORS:
        mark = document.value_mark(loc)
        message = f"{dotted(loc)}: {_bad_target(str(loc[-1]), err['input'])}"
        return _finding(message, mark.line, mark.column, loc)
    if err["type"] == "string_pattern_mismatch" and loc[-1] == "sha256":
        err = {**err, "msg": "expected the 64 hexadecimal digits of a sha256"}
    message, mark = describe(err, document, Declaration)
    return _finding(message, mark.line, mark.column, loc)


def _bad_target(key: str, value: str) -> str:
    """Why an evidence url, path or ref is refused: empty, or a control character in it."""
    if not value:
        return f"the {key} is empty"
    control = _CONTROL.search(value)
    assert control is not None  # the pattern refused the value for no other reason
    return f"the {key} holds the control character U+{ord(control.group()):04X}, which no {key} can"


def _finding(message: str, line: int, column: int, loc: tuple[Any, ...]) -> Finding:
    """A PG002 finding; one inside a practice entry names the practice (its outcome is a gap)."""
    code = CODES["PG002"]
    practice = str(loc[1]) if len(loc) > 1 and loc[0] == "practices" else None
    at = tuple(part if isinstance(part, int) else str(part) for part in loc)
    return Finding("PG002", code.severity, message, line, column, practice, code.hint, None, at)
