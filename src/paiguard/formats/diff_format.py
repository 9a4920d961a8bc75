"""`paiguard diff`: what changed in each declaration since a git revision, as text or JSON.

Per declaration: the tallies at REF and now (met/total, unverified and waived, baseline and
recommended) and every practice whose outcome changed. The JSON shape is SPEC 4.1's, and its
`before`/`after` are each version's `summary` exactly as `check --format json` prints it. The
Markdown edition is a report (`paiguard.report.diff`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from paiguard import __version__
from paiguard.findings import printable
from paiguard.formats.json_format import summary
from paiguard.ratchet import Change, FileDiff, Standing, label, standings, why_unchecked


def render_json(diffs: list[FileDiff], since: str) -> str:
    """The diff as one JSON document."""
    document = {
        "paiguard": __version__,
        "since": since,
        "files": [
            {
                "path": diff.path,
                "before": None if diff.before is None else summary(diff.before),
                "after": summary(diff.after),
                "changes": [
                    {
                        "practice": change.practice,
                        "level": change.level,
                        "before": None if change.before is None else change.before.value,
                        "after": None if change.after is None else change.after.value,
                    }
                    for change in diff.changes
                ],
            }
            for diff in diffs
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_text(diffs: list[FileDiff], since: str) -> str:
    """The diff as plain text: a block per declaration, then one line over all of them."""
    ref = label(since)
    out: list[str] = []
    for diff in diffs:
        out += _file(diff, ref)
        out.append("")
    out.append(_total(diffs, ref))
    return "\n".join(out) + "\n"


def _file(diff: FileDiff, ref: str) -> Iterator[str]:
    then, now = standings(diff.before), standings(diff.after)
    if diff.before is None:
        yield f"{diff.path}: not at {ref} (new since then)"
    else:
        yield f"{diff.path}: since {ref}"
        if then is None:
            yield f"  at {ref}: not checked, {printable(why_unchecked(diff.before))}"
    if now is None:
        yield f"  now: not checked, {printable(why_unchecked(diff.after))}"
    for level, (before, after) in zip(("baseline", "recommended"), _pairs(then, now), strict=False):
        yield f"  {level:<12} {_tally(before, after)}"
    yield from (f"  {_change(change)}" for change in diff.changes)
    if then is not None and now is not None and not diff.changes:
        yield "  no practice changed its outcome"


def _pairs(
    then: tuple[Standing, ...] | None, now: tuple[Standing, ...] | None
) -> Iterator[tuple[Standing | None, Standing | None]]:
    if now is None:
        yield from ((before, None) for before in then or ())
    else:
        yield from zip(then or (None, None), now, strict=True)


def _tally(before: Standing | None, after: Standing | None) -> str:
    def pair(old: str | None, new: str | None) -> str:
        return " -> ".join(v for v in (old, new) if v is not None)

    def met(s: Standing | None) -> str | None:
        return None if s is None else f"{s.met}/{s.total}"

    def count(s: Standing | None, name: str) -> str | None:
        return None if s is None else str(getattr(s, name))

    return (
        f"met {pair(met(before), met(after))}, "
        f"unverified {pair(count(before, 'unverified'), count(after, 'unverified'))}, "
        f"waived {pair(count(before, 'waived'), count(after, 'waived'))}"
    )


def _change(change: Change) -> str:
    before = change.before.value if change.before else "not in the pack"
    after = change.after.value if change.after else "not in the pack"
    way = " (worse)" if change.worse else " (better)" if change.better else ""
    return f"{change.practice} ({change.level}): {before} -> {after}{way}"


def _total(diffs: list[FileDiff], ref: str) -> str:
    changes = [change for diff in diffs for change in diff.changes]
    worse = sum(change.worse for change in changes)
    better = sum(change.better for change in changes)
    files = f"{len(diffs)} declaration{'' if len(diffs) == 1 else 's'} compared with {ref}"
    if not changes:
        return f"{files}: no practice changed its outcome."
    return f"{files}: {_count(worse, 'practice')} worse, {better} better."


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
