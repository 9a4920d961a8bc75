"""A provider's declaration as the checks read it (SPEC §2), built without pydantic.

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
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

from paiguard.codes import CODES
from paiguard.findings import Finding
from paiguard.vocabulary import ModelType, ReleaseType, Status
from paiguard.yamlsource import Document

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class Provider:
    """Who provides the model."""

    name: str
    contact: str | None = None


@dataclass(frozen=True, slots=True)
class ModelUpdate:
    """A change to the model after deployment."""

    date: dt.date
    description: str
    significant: bool = False


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """The model the declaration is about."""

    name: str
    version: str
    model_type: ModelType
    release_type: ReleaseType
    updates: list[ModelUpdate] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Something a reviewer can open: exactly one of `url` or `path`."""

    url: str | None = None
    path: str | None = None
    title: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class PracticeDeclaration:
    """What the provider does about one practice of the pack."""

    status: Status
    evidence: list[Evidence] = field(default_factory=list)
    owner: str | None = None
    reviewed: dt.date | None = None
    justification: str | None = None

    @property
    def met(self) -> bool:
        """Implemented with evidence, or not applicable with a justification (SPEC §3)."""
        if self.status is Status.IMPLEMENTED:
            return bool(self.evidence)
        if self.status is Status.NOT_APPLICABLE:
            return bool(self.justification and self.justification.strip())
        return False


@dataclass(frozen=True, slots=True)
class Waiver:
    """An accepted, time-limited gap in one practice."""

    practice: str
    reason: str | None = None
    approved_by: str | None = None
    expires: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Declaration:
    """A provider's declaration of the practices it follows for one model."""

    paiguard: int
    pack: str | None = None
    provider: Provider
    model: ModelInfo
    practices: dict[str, PracticeDeclaration] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)


def validate(
    document: Document, limit: int | None = None
) -> tuple[Declaration | None, list[Finding]]:
    """The declaration, or one located PG002 finding per schema problem (the first `limit`)."""
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else _kind(document.data)
        mark = document.value_mark(())
        code = CODES["PG002"]
        message = (
            f"a declaration is a mapping with 'paiguard', 'provider', 'model' and "
            f"'practices'; found {found}"
        )
        return None, [Finding("PG002", code.severity, message, *mark, hint=code.hint)]
    built = build(document.data)
    if built is not None:
        return built, []
    from paiguard.declaration_model import validate_model

    model, problems = validate_model(document, limit)
    return (None, problems) if model is None else (from_model(model), [])


def from_model(model: BaseModel) -> Declaration:
    """The declaration of a model pydantic validated (its dump is always plainly valid)."""
    built = build(model.model_dump())
    if built is None:
        raise AssertionError("a validated declaration did not rebuild")  # the tests prove not
    return built


class _Invalid(Exception):
    """The data is not plainly valid: let the pydantic models decide and explain."""


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_PACK_REF = re.compile(r"[a-z0-9-]+@[0-9]+")
_STATUSES = {status.value: status for status in Status}
_MODEL_TYPES = {kind.value: kind for kind in ModelType}
_RELEASE_TYPES = {kind.value: kind for kind in ReleaseType}
T = TypeVar("T")


def build(data: dict[str, Any]) -> Declaration | None:
    """The declaration in `data` when it is plainly valid, else None (the models decide)."""
    try:
        return _declaration(data)
    except _Invalid:
        return None


def _declaration(data: Any) -> Declaration:
    get = _fields(data, Declaration)
    if type(get("paiguard")) is not int or data["paiguard"] != 1:
        raise _Invalid
    practices = _mapping(get("practices", {}))
    return Declaration(
        paiguard=1,
        provider=_provider(get("provider")),
        model=_model(get("model")),
        pack=_optional(get("pack", None), _pack_ref),
        practices={pid: _practice(entry) for pid, entry in practices.items()},
        waivers=[_waiver(item) for item in _list(get("waivers", []))],
    )


def _provider(data: Any) -> Provider:
    get = _fields(data, Provider)
    return Provider(_text(get("name")), _optional(get("contact", None), _text))


def _model(data: Any) -> ModelInfo:
    get = _fields(data, ModelInfo)
    return ModelInfo(
        name=_text(get("name")),
        version=_text(get("version")),
        model_type=_word(get("model_type"), _MODEL_TYPES),
        release_type=_word(get("release_type"), _RELEASE_TYPES),
        updates=[_update(item) for item in _list(get("updates", []))],
    )


def _update(data: Any) -> ModelUpdate:
    get = _fields(data, ModelUpdate)
    significant = get("significant", False)
    if type(significant) is not bool:
        raise _Invalid
    return ModelUpdate(_date(get("date")), _text(get("description")), significant)


def _practice(data: Any) -> PracticeDeclaration:
    get = _fields(data, PracticeDeclaration)
    return PracticeDeclaration(
        status=_word(get("status"), _STATUSES),
        evidence=[_evidence(item) for item in _list(get("evidence", []))],
        owner=_optional(get("owner", None), _text),
        reviewed=_optional(get("reviewed", None), _date),
        justification=_optional(get("justification", None), _text),
    )


def _evidence(data: Any) -> Evidence:
    get = _fields(data, Evidence)
    evidence = Evidence(
        url=_optional(get("url", None), _text),
        path=_optional(get("path", None), _text),
        title=_optional(get("title", None), _text),
        sha256=_optional(get("sha256", None), _sha256),
    )
    if (evidence.url is None) == (evidence.path is None):
        raise _Invalid
    if evidence.sha256 is not None and evidence.path is None:
        raise _Invalid
    return evidence


def _waiver(data: Any) -> Waiver:
    get = _fields(data, Waiver)
    return Waiver(
        practice=_text(get("practice")),
        reason=_optional(get("reason", None), _text),
        approved_by=_optional(get("approved_by", None), _text),
        expires=_optional(get("expires", None), _date),
    )


_MISSING = object()
RECORDS = (Declaration, Provider, ModelInfo, ModelUpdate, PracticeDeclaration, Evidence, Waiver)
_KEYS: dict[type, frozenset[str]] = {
    record: frozenset(f.name for f in fields(record)) for record in RECORDS
}


def _fields(data: Any, record: type) -> Callable[..., Any]:
    """A getter of a mapping's fields that refuses unknown keys and missing required ones."""
    if type(data) is not dict or not data.keys() <= _KEYS[record]:
        raise _Invalid

    def get(name: str, default: Any = _MISSING) -> Any:
        value = data.get(name, default)
        if value is _MISSING:
            raise _Invalid
        return value

    return get


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
