"""An evidence item as a report shows it, for one edition (internal or public)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from paiguard.report.audience import INTERNAL_EVIDENCE, Edition
from paiguard.report.text import is_http_url


class _Item(Protocol):
    """What a report reads of a declaration's evidence item (`declaration.Evidence`)."""

    @property
    def url(self) -> str | None: ...
    @property
    def path(self) -> str | None: ...
    @property
    def ref(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def locator(self) -> str | None: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def by(self) -> str | None: ...
    @property
    def independent(self) -> bool: ...
    @property
    def internal(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One evidence item: `text` (its title, else its url, path or ref) linked to `href` when
    that is an http(s) url, then `detail` in brackets (the url, path or ref a title stands for,
    the locator, date and author, whether it is independent or internal)."""

    text: str
    href: str | None
    detail: str | None
    internal: bool
    withheld: bool  # the public edition's "internal evidence": nothing else about it is shown
    # the item's own fields as this edition may show them (None when withheld), for templates
    # that lay an item out themselves
    url: str | None = None
    path: str | None = None
    ref: str | None = None
    title: str | None = None


def evidence_view(item: _Item, edition: Edition) -> EvidenceView:
    """`item` as `edition` shows it."""
    if item.internal and edition.public:
        return EvidenceView(INTERNAL_EVIDENCE, None, None, internal=True, withheld=True)
    target = item.url if item.url is not None else item.path if item.path is not None else item.ref
    target = target or ""
    href = target.strip() if item.url is not None and is_http_url(target) else None
    if href is not None and edition.text(href) != href:
        href = None  # an address in the url: the public edition shows neither
    titled = bool(item.title and item.title.strip())
    text = item.title if titled and item.title is not None else target
    notes = [target] if titled and href is None else []
    if item.locator and item.locator.strip():
        notes.append(item.locator)
    if item.date is not None:
        notes.append(f"dated {item.date}")
    if item.by and item.by.strip():
        notes.append(f"by {item.by}")
    if item.independent:
        notes.append("independent")
    if item.internal:
        notes.append("internal")
    detail = edition.text("; ".join(notes)) if notes else None
    return EvidenceView(
        edition.text(text),
        href,
        detail,
        item.internal,
        withheld=False,
        url=edition.optional(item.url),
        path=edition.optional(item.path),
        ref=edition.optional(item.ref),
        title=edition.optional(item.title),
    )
