"""A provider's declaration as the checks read it (SPEC §2), built without pydantic.

The records are named tuples: a run builds hundreds per file, and ships them between processes
(`parallel`), where a tuple pickles several times faster than a slotted dataclass.

`paiguard check` runs on every commit, and importing pydantic and building its validators
costs more than reading and checking a declaration. So a declaration is built here, from the
plain data of the YAML, by a builder that accepts only what is unmistakably valid; anything else
(a typo, a missing key, a value pydantic would coerce) goes to the pydantic models of
`paiguard.declaration_model`, which are the format's reference and word every PG002 finding.
Tests hold the builder to the models on every fixture and on generated declarations.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from paiguard.codes import CODES
from paiguard.findings import Finding
from paiguard.vocabulary import (
    ISO_DATE,
    NO_CONTROL,
    PACK_REF,
    SHA256,
    Access,
    ModelType,
    ReleaseType,
    Status,
)
from paiguard.yamlsource import Document

if TYPE_CHECKING:
    from pydantic import BaseModel


class Provider(NamedTuple):
    """Who provides the model."""

    name: str
    contact: str | None


class ModelUpdate(NamedTuple):
    """A change to the model after deployment."""

    date: dt.date
    description: str
    significant: bool


class ModelInfo(NamedTuple):
    """The model the declaration is about."""

    name: str
    version: str
    model_type: ModelType
    release_type: ReleaseType
    surfaces: list[str]
    updates: list[ModelUpdate]


class Attestation(NamedTuple):
    """Who signed the declaration off, and when."""

    by: str
    date: dt.date


class Evidence(NamedTuple):
    """Something a reviewer can open or look up: exactly one of `url`, `path` or `ref`."""

    url: str | None
    path: str | None
    ref: str | None
    title: str | None
    locator: str | None
    date: dt.date | None
    by: str | None
    independent: bool
    access: Access | None
    sha256: str | None

    @property
    def internal(self) -> bool:
        """Whether only the provider can see it: a `ref`, or an item marked internal."""
        return self.ref is not None or self.access is Access.INTERNAL

    @property
    def document(self) -> str | None:
        """The document it cites, as a url without its fragment or a path; None for a ref."""
        if self.url is not None:
            return self.url.split("#", 1)[0]
        return self.path


class PracticeDeclaration(NamedTuple):
    """What the provider does about one practice of the pack."""

    status: Status
    evidence: list[Evidence]
    owner: str | None
    reviewed: dt.date | None
    due: dt.date | None
    justification: str | None

    @property
    def claims_met(self) -> bool:
        """Met on paper: implemented with evidence, or not applicable with a justification.
        Whether it is met is the engine's to decide (sound evidence, no stale review)."""
        if self.status is Status.IMPLEMENTED:
            return bool(self.evidence)
        if self.status is Status.NOT_APPLICABLE:
            return bool(self.justification and self.justification.strip())
        return False


class Waiver(NamedTuple):
    """An accepted, time-limited gap in one practice."""

    practice: str
    reason: str | None
    approved_by: str | None
    expires: dt.date | None


class Declaration(NamedTuple):
    """A provider's declaration of the practices it follows for one model."""

    paiguard: int
    pack: str | None
    provider: Provider
    model: ModelInfo
    attestation: Attestation | None
    practices: dict[str, PracticeDeclaration]
    waivers: list[Waiver]


class Validation(NamedTuple):
    """What validating a declaration gave: the declaration (None when a problem outside any one
    practice entry or waiver stops the file), one PG002 finding per problem, the practice
    entries left out for a problem inside them (with their status where it is valid), and the
    position in the file of each waiver kept (SPEC §3, partial validation)."""

    declaration: Declaration | None
    findings: list[Finding]
    invalid: dict[str, Status | None]
    waivers: tuple[int, ...]


def validate(document: Document, limit: int | None = None) -> Validation:
    """The declaration and the PG002 findings of its schema problems (the first `limit`)."""
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else _kind(document.data)
        mark = document.value_mark(())
        code = CODES["PG002"]
        message = (
            f"a declaration is a mapping with 'paiguard', 'provider', 'model' and "
            f"'practices'; found {found}"
        )
        return Validation(
            None, [Finding("PG002", code.severity, message, *mark, hint=code.hint)], {}, ()
        )
    built = build(document.data)
    if built is not None:
        return Validation(built, [], {}, tuple(range(len(built.waivers))))
    from paiguard.declaration_model import validate_model

    model, problems, invalid, waivers = validate_model(document, limit)
    declaration = None if model is None else from_model(model)
    return Validation(declaration, problems, invalid, waivers)


def from_model(model: BaseModel) -> Declaration:
    """The declaration of a model pydantic validated (its dump is always plainly valid)."""
    built = build(model.model_dump())
    if built is None:
        raise AssertionError("a validated declaration did not rebuild")  # the tests prove not
    return built


class _Invalid(Exception):
    """The data is not plainly valid: let the pydantic models decide and explain."""


_ISO_DATE = re.compile(ISO_DATE)
_SHA256 = re.compile(SHA256)
_PACK_REF = re.compile(PACK_REF)
_STATUSES = {status.value: status for status in Status}
_MODEL_TYPES = {kind.value: kind for kind in ModelType}
_RELEASE_TYPES = {kind.value: kind for kind in ReleaseType}
_ACCESS = {kind.value: kind for kind in Access}
_TARGET = re.compile(NO_CONTROL)
T = TypeVar("T")


def build(data: dict[str, Any]) -> Declaration | None:
    """The declaration in `data` when it is plainly valid, else None (the models decide)."""
    try:
        return _declaration(data)
    except _Invalid:
        return None


def _declaration(data: Any) -> Declaration:
    _fields(data, Declaration)
    if type(_required(data, "paiguard")) is not int or data["paiguard"] != 1:
        raise _Invalid
    practices = _mapping(data.get("practices", _NO_PRACTICES))
    return Declaration(
        paiguard=1,
        pack=_optional(data.get("pack"), _pack_ref),
        provider=_provider(_required(data, "provider")),
        model=_model(_required(data, "model")),
        attestation=_optional(data.get("attestation"), _attestation),
        practices={pid: _practice(entry) for pid, entry in practices.items()},
        waivers=[_waiver(item) for item in _list(data.get("waivers", _NONE))],
    )


def _provider(data: Any) -> Provider:
    _fields(data, Provider)
    return Provider(_text(_required(data, "name")), _optional(data.get("contact"), _text))


def _model(data: Any) -> ModelInfo:
    _fields(data, ModelInfo)
    return ModelInfo(
        name=_text(_required(data, "name")),
        version=_text(_required(data, "version")),
        model_type=_word(_required(data, "model_type"), _MODEL_TYPES),
        release_type=_word(_required(data, "release_type"), _RELEASE_TYPES),
        surfaces=[_text(item) for item in _list(data.get("surfaces", _NONE))],
        updates=[_update(item) for item in _list(data.get("updates", _NONE))],
    )


def _attestation(data: Any) -> Attestation:
    _fields(data, Attestation)
    return Attestation(_text(_required(data, "by")), _date(_required(data, "date")))


def _update(data: Any) -> ModelUpdate:
    _fields(data, ModelUpdate)
    significant = data.get("significant", False)
    if type(significant) is not bool:
        raise _Invalid
    date, description = _required(data, "date"), _required(data, "description")
    return ModelUpdate(_date(date), _text(description), significant)


# Written out for speed: a declaration has a hundred practices and more evidence items.
def _practice(data: Any) -> PracticeDeclaration:
    if type(data) is not dict or not data.keys() <= _PRACTICE_KEYS:
        raise _Invalid
    raw = data.get("status")
    status = _STATUSES.get(raw) if isinstance(raw, str) else None  # a model's dump: the enum
    evidence = data.get("evidence", _NONE)
    owner, reviewed, why = data.get("owner"), data.get("reviewed"), data.get("justification")
    due = data.get("due")
    if status is None or type(evidence) is not list:
        raise _Invalid
    if owner is not None and type(owner) is not str:
        raise _Invalid
    if why is not None and type(why) is not str:
        raise _Invalid
    return PracticeDeclaration(
        status,
        [_evidence(item) for item in evidence],
        owner,
        None if reviewed is None else _date(reviewed),
        None if due is None else _date(due),
        why,
    )


def _evidence(data: Any) -> Evidence:
    if type(data) is not dict or not data.keys() <= _EVIDENCE_KEYS:
        raise _Invalid
    get = data.get
    url, path, ref = get("url"), get("path"), get("ref")
    targets = [value for value in (url, path, ref) if value is not None]
    if len(targets) != 1 or type(targets[0]) is not str or not _TARGET.fullmatch(targets[0]):
        raise _Invalid
    for key in ("title", "locator", "by"):
        if get(key) is not None and type(get(key)) is not str:
            raise _Invalid
    independent, access, sha256 = get("independent", False), get("access"), get("sha256")
    if type(independent) is not bool:
        raise _Invalid
    if access is not None:
        access = _word(access, _ACCESS)
        if ref is not None and access is Access.PUBLIC:
            raise _Invalid
    if sha256 is not None:
        if path is None:
            raise _Invalid
        sha256 = _sha256(sha256)
    date = get("date")
    return Evidence(
        url,
        path,
        ref,
        get("title"),
        get("locator"),
        None if date is None else _date(date),
        get("by"),
        independent,
        access,
        sha256,
    )


def _waiver(data: Any) -> Waiver:
    _fields(data, Waiver)
    return Waiver(
        practice=_text(_required(data, "practice")),
        reason=_optional(data.get("reason"), _text),
        approved_by=_optional(data.get("approved_by"), _text),
        expires=_optional(data.get("expires"), _date),
    )


RECORDS = (
    Declaration,
    Provider,
    ModelInfo,
    ModelUpdate,
    Attestation,
    PracticeDeclaration,
    Evidence,
    Waiver,
)
_KEYS: dict[type, frozenset[str]] = {record: frozenset(record._fields) for record in RECORDS}
_PRACTICE_KEYS = _KEYS[PracticeDeclaration]
_EVIDENCE_KEYS = _KEYS[Evidence]
_NONE: list[Any] = []  # the default of a list field (only read, never changed)
_NO_PRACTICES: dict[str, Any] = {}


def _fields(data: Any, record: type) -> None:
    """Refuse what is not a mapping of the record's fields."""
    if type(data) is not dict or not data.keys() <= _KEYS[record]:
        raise _Invalid


def _required(data: dict[str, Any], name: str) -> Any:
    if name not in data:
        raise _Invalid
    return data[name]


def _optional(value: Any, read: Callable[[Any], T]) -> T | None:
    return None if value is None else read(value)


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Invalid
    return value


def _word(value: Any, words: dict[str, T]) -> T:
    if not isinstance(value, str) or value not in words:  # a model's dump holds the enums
        raise _Invalid
    return words[value]


def _date(value: Any) -> dt.date:
    if type(value) is dt.date:
        return value
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise _Invalid
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid from None


def _sha256(value: Any) -> str:
    if type(value) is not str or not _SHA256.fullmatch(value):
        raise _Invalid
    return value


def _pack_ref(value: Any) -> str:
    if type(value) is not str or not _PACK_REF.fullmatch(value):
        raise _Invalid
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Invalid
    return value


def _mapping(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise _Invalid
    return value


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    return f"a single value ({value!r})"[:80]
