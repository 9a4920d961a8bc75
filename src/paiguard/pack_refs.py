"""The guidance's cross-references in a practice's text, and the guidelines they mean.

The published text points at other guidelines in two ways. By number ("aligned with guidance
19"): resolved through each guideline's `number`. By direction ("per guidance below", "aligned
with guidance below on public reporting", "per guidelines above"): the words name no guideline,
so the pack names them in the practice's `refers_to`, and these rules hold that list to the
words (each one above or below the practice's guideline as the text says, none left out). The
pack model refuses a pack whose citations do not resolve and `paiguard explain` shows them
resolved, both with the functions here, so the two cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol

_CITATION = re.compile(
    r"\bguid(?:ance|elines?) "
    r"(?:(?P<number>[0-9]+)\b|(?P<direction>above|below)\b(?: on [^.,;:]+)?)"
)


class Citation(NamedTuple):
    """A cross-reference as the text words it."""

    phrase: str  # "guidance 19", "guidance below on public reporting", "guidelines above"
    number: int | None
    direction: str | None  # "above" or "below"


class Outline(NamedTuple):
    """A pack's guidelines as citations see them: their ids in pack order, and their numbers."""

    order: Sequence[str]
    numbers: Mapping[int, str]

    @classmethod
    def of(cls, guidelines: Iterable[Numbered]) -> Outline:
        """The outline of guidelines in pack order (a guideline without a number has none)."""
        listed = list(guidelines)
        numbers = {g.number: g.id for g in listed if g.number is not None}
        return cls([g.id for g in listed], numbers)


class Numbered(Protocol):
    """A guideline as an outline reads it (a pack's record, or its model being validated)."""

    @property
    def id(self) -> str:
        """The guideline's id."""

    @property
    def number(self) -> int | None:
        """Its place in the published checklist, when it has one."""


def citations(text: str) -> list[Citation]:
    """The cross-references of a practice's text, in order."""
    flat = " ".join(text.split())  # a phrase may be folded over two lines
    return [
        Citation(m.group(0), int(m["number"]) if m["number"] else None, m["direction"])
        for m in _CITATION.finditer(flat)
    ]


def meant(citation: Citation, guideline: str, refers_to: Sequence[str], pack: Outline) -> list[str]:
    """The ids of the guidelines that `citation`, in a practice of `guideline`, means."""
    if citation.number is not None:
        found = pack.numbers.get(citation.number)
        return [found] if found is not None else []
    return [gid for gid in refers_to if _direction(gid, guideline, pack) == citation.direction]


def problems(
    text: str, guideline: str, refers_to: Sequence[str], pack: Outline
) -> list[tuple[str, str]]:
    """(field, problem) for each way the citations of a practice fail to resolve exactly."""
    found = citations(text)
    directions = [c.direction for c in found if c.direction is not None]
    out: list[tuple[str, str]] = []
    for gid in refers_to:
        where = _direction(gid, guideline, pack)
        if where is None:
            out.append(("refers_to", f"refers_to '{gid}' is not another guideline of the pack"))
        elif where not in directions:
            wrong = f"refers_to '{gid}' is {where} this guideline, but the text cites no "
            out.append(("refers_to", wrong + f"guidance {where}"))
    for citation in found:
        unresolved = _unresolved(citation, directions, meant(citation, guideline, refers_to, pack))
        if unresolved is not None:
            out.append(("text", unresolved))
    return out


def _unresolved(citation: Citation, directions: list[str], meaning: list[str]) -> str | None:
    """Why `citation` means no guideline, or more than refers_to can say (None: it resolves)."""
    if citation.direction is not None and directions.count(citation.direction) > 1:
        return (
            f"the text cites guidance {citation.direction} twice: refers_to cannot tell them apart"
        )
    if meaning:
        return None
    if citation.number is not None:
        return f"the text cites '{citation.phrase}', but no guideline has number {citation.number}"
    return f"the text cites '{citation.phrase}': name the guideline it means in refers_to"


def _direction(gid: str, guideline: str, pack: Outline) -> str | None:
    """Whether guideline `gid` is above or below `guideline` in the pack (None: neither)."""
    if gid == guideline or gid not in pack.order or guideline not in pack.order:
        return None
    return "above" if pack.order.index(gid) < pack.order.index(guideline) else "below"
