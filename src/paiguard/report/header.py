"""The header every report on one declaration opens with: who provides which model, what the
declaration covers (its scope), which pack it is read against, who signed it off and whether
that sign-off covers the latest changes, and which edition the report is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paiguard.report.audience import Edition
from paiguard.report.tallies import EvidenceRow, evidence_rows
from paiguard.results import FileResult

_NO_SCOPE = "not stated (the declaration has no model.surfaces)"


@dataclass(frozen=True, slots=True)
class Signoff:
    """The declaration's attestation and whether it covers the latest changes."""

    by: str | None
    date: dt.date | None
    current: bool  # signed, and no later review or significant update (no PG502, no PG303)
    words: str  # what the report says about it after the name and date
    code: str | None  # the finding that says it is missing (PG501) or behind (PG502, PG303)


@dataclass(frozen=True, slots=True)
class Header:
    """What a report on one declaration says before its findings."""

    path: str
    today: dt.date
    edition: Edition
    provider: str
    contact: str | None
    model: str
    version: str
    model_type: str
    release_type: str
    scope: str  # the surfaces the declaration covers, in words
    pack: str
    pack_version: str
    pack_title: str
    pack_url: str | None
    signoff: Signoff
    basis: EvidenceRow  # what the met practices, baseline and recommended, rest on


def header(result: FileResult, today: dt.date, shown: Edition) -> Header:
    """The header of a report on a checked declaration (one that loaded and matched a pack)."""
    model, provider, pack = result.model, result.provider, result.pack
    assert model is not None and provider is not None and pack is not None
    surfaces = ", ".join(model.surfaces)
    return Header(
        path=shown.text(result.path),
        today=today,
        edition=shown,
        provider=shown.text(provider.name),
        contact=shown.contact(provider.contact),
        model=shown.text(model.name),
        version=shown.text(model.version),
        model_type=model.model_type.value,
        release_type=model.release_type.value,
        scope=shown.text(surfaces) if surfaces.strip() else _NO_SCOPE,
        pack=pack.pack,
        pack_version=pack.version,
        pack_title=pack.title,
        pack_url=pack.source.url,
        signoff=signoff(result, shown),
        basis=evidence_rows(result.baseline, result.recommended)[-1],
    )


def signoff(result: FileResult, shown: Edition) -> Signoff:
    """The attestation as the findings about it judge it (PG501, PG502, PG303)."""
    declaration = result.declaration
    attestation = None if declaration is None else declaration.attestation
    if attestation is None:
        return Signoff(None, None, False, "none: nobody has signed the declaration off", "PG501")
    by = shown.text(attestation.by)
    for finding in result.findings:
        if finding.code == "PG502":
            why = finding.message.split("latest changes: ", 1)[-1]
            words = f"does not cover the latest changes: {shown.text(why)}"
            return Signoff(by, attestation.date, False, words, "PG502")
        if finding.code == "PG303" and finding.at == ("attestation", "date"):
            return Signoff(by, attestation.date, False, "dated after today", "PG303")
    words = "covers the latest reviews and significant model updates"
    return Signoff(by, attestation.date, True, words, None)


class HeaderFields:
    """The header's values under the names report templates have always used (user templates
    too): `report.provider`, `report.model`, `report.pack`, ..."""

    __slots__ = ()
    header: Header

    @property
    def edition(self) -> Edition:
        return self.header.edition

    @property
    def path(self) -> str:
        return self.header.path

    @property
    def today(self) -> dt.date:
        return self.header.today

    @property
    def provider(self) -> str:
        return self.header.provider

    @property
    def contact(self) -> str | None:
        return self.header.contact

    @property
    def model(self) -> str:
        return self.header.model

    @property
    def version(self) -> str:
        return self.header.version

    @property
    def model_type(self) -> str:
        return self.header.model_type

    @property
    def release_type(self) -> str:
        return self.header.release_type

    @property
    def pack(self) -> str:
        return self.header.pack

    @property
    def pack_version(self) -> str:
        return self.header.pack_version

    @property
    def pack_title(self) -> str:
        return self.header.pack_title

    @property
    def pack_url(self) -> str | None:
        return self.header.pack_url
