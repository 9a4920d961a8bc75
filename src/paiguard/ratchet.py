"""The ratchet (SPEC 4.1): a declaration's findings now, weighed against its version at REF.

Both versions are checked with today's packs, configuration and date, so what differs is what
the declaration (and its evidence) changed. A practice whose outcome got worse keeps every
finding at its severity. Otherwise a finding REF already had becomes `info`, "already at REF".
Findings are matched as a multiset by code, practice and the key path of what they point at,
a list item named by its url, path or ref (a waiver by its practice), never by its position
or line, so moving, reordering or adding lines changes nothing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, NamedTuple

from paiguard.codes import Severity
from paiguard.findings import Finding, printable
from paiguard.results import FileResult
from paiguard.vocabulary import Outcome

# A REF version with one of these was not checked against a pack: nothing to weigh against.
UNCHECKED = frozenset({"PG001", "PG002", "PG003", "PG010"})
NEW, UNCHANGED = "new", "unchanged"
_FULL_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_IDENTITIES = ("url", "path", "ref", "practice")  # what names an evidence item, or a waiver


@dataclass(frozen=True, slots=True)
class Change:
    """One practice whose outcome differs between REF and now (None: not in that version's
    pack)."""

    practice: str
    level: str
    before: Outcome | None
    after: Outcome | None

    @property
    def worse(self) -> bool:
        """Whether the practice lost ground (met > grace > waived > unverified > gap)."""
        before, after = self.before, self.after
        return before is not None and after is not None and after.rank > before.rank

    @property
    def better(self) -> bool:
        """Whether the practice gained ground."""
        before, after = self.before, self.after
        return before is not None and after is not None and after.rank < before.rank


@dataclass(frozen=True, slots=True)
class FileDiff:
    """One declaration at REF and now (`paiguard diff`): `before` is None when it did not
    exist at REF; `changes` lists the practices whose outcome differs, in pack order."""

    path: str
    before: FileResult | None
    after: FileResult
    changes: tuple[Change, ...]


class Standing(NamedTuple):
    """Where one level of a declaration stands, as `paiguard diff` shows it."""

    level: str  # "baseline" or "recommended"
    met: int
    total: int
    unverified: int
    waived: int


def standings(result: FileResult | None) -> tuple[Standing, ...] | None:
    """The baseline and recommended tallies of a checked version; None when it was not
    checked against a pack (or did not exist)."""
    if result is None or result.pack is None:
        return None
    return tuple(
        Standing(level, tally.met, tally.total, tally.unverified, tally.waived)
        for level, tally in (("baseline", result.baseline), ("recommended", result.recommended))
    )


def why_unchecked(result: FileResult) -> str:
    """Why a version was not checked against a pack: its first finding, in a few words."""
    first = result.findings[0] if result.findings else None
    if first is None:
        return "not checked against a pack"
    return f"{first.code} at line {first.line}: {first.message}"


def label(ref: str) -> str:
    """REF as messages name it: as given, a full commit id shortened to 12 digits."""
    return printable(ref[:12] if _FULL_SHA.fullmatch(ref) else ref)


def comparable(before: FileResult | None) -> bool:
    """Whether a REF version was checked against a pack, so that findings can be weighed
    against it (else the declaration is checked in full)."""
    return (
        before is not None
        and before.pack is not None
        and not any(f.code in UNCHECKED for f in before.findings)
    )


def weigh(
    now: FileResult, now_data: Any, before: FileResult | None, before_data: Any, ref: str
) -> None:
    """Mark each finding of `now` new or unchanged since REF, and turn the unchanged ones of
    practices that did not get worse into `info` findings (in place). `*_data` is the plain
    data each version was read into, which names the list items findings point at."""
    if not comparable(before):
        now.findings = [f._replace(baseline_state=NEW) for f in now.findings]
        return
    assert before is not None
    worse = {c.practice for c in changes(before, now) if c.worse}
    seen = Counter(key(f, before_data) for f in before.findings)
    weighed = []
    for finding in now.findings:
        found = key(finding, now_data)
        if not seen[found]:
            weighed.append(finding._replace(baseline_state=NEW))
            continue
        seen[found] -= 1
        if finding.practice in worse:
            weighed.append(finding._replace(baseline_state=UNCHANGED))
        else:
            weighed.append(
                finding._replace(
                    severity=Severity.INFO,
                    message=f"{finding.message} (already at {label(ref)})",
                    baseline_state=UNCHANGED,
                )
            )
    now.findings = weighed


def changes(before: FileResult | None, after: FileResult) -> tuple[Change, ...]:
    """Every practice whose outcome differs, in the order of the current pack (then the
    practices only REF's pack had); none when either version has no outcomes."""
    if before is None or not before.outcomes or not after.outcomes:
        return ()
    then = {o.practice: o for o in before.outcomes}
    now = {o.practice: o for o in after.outcomes}
    found = []
    for practice, outcome in now.items():
        old = then.get(practice)
        if old is None or old.outcome is not outcome.outcome:
            found.append(Change(practice, outcome.level, old and old.outcome, outcome.outcome))
    found += [Change(p, o.level, o.outcome, None) for p, o in then.items() if p not in now]
    return tuple(found)


def key(finding: Finding, data: Any) -> tuple[Hashable, ...]:
    """What makes two findings the same: code, practice, and where they point, each list
    item named by what it holds rather than by its position."""
    node, where = data, []
    for part in finding.at:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            where.append(_identity(item, part))
            node = item
        else:
            where.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return (finding.code, finding.practice, tuple(where))


def _identity(item: Any, index: int) -> Hashable:
    if isinstance(item, dict):
        for name in _IDENTITIES:
            value = item.get(name)
            if isinstance(value, str):
                return (name, value)
    if item is None:
        return ("#", index)  # nothing there to name it by (the data did not hold the item)
    return ("=", json.dumps(item, sort_keys=True, ensure_ascii=False, default=str))
