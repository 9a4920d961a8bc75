"""`paiguard diff`: what changed in each declaration since a git revision, as text or JSON.

Per declaration: the tallies at REF and now (met/total, unverified and waived, baseline and
recommended) and every practice whose outcome changed, laid out from `diff_view`, as the
Markdown edition (a report) is. The JSON shape is SPEC 4.1's, and its `before`/`after` are
each version's `summary` exactly as `check --format json` prints it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from paiguard import __version__
from paiguard.diff_view import DiffView, FileView, build
from paiguard.findings import printable
from paiguard.formats.json_format import summary
from paiguard.ratchet import FileDiff


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
    view = build(diffs, since)
    out: list[str] = []
    for file in view.files:
        out += _file(file, view.since)
        out.append("")
    out.append(_total(view))
    return "\n".join(out) + "\n"


def _file(file: FileView, ref: str) -> Iterator[str]:
    if file.new:
        yield f"{file.path}: not at {ref} (new since then)"
    else:
        yield f"{file.path}: since {ref}"
        if file.unchecked_before is not None:
            yield f"  at {ref}: not checked, {printable(file.unchecked_before)}"
    if file.unchecked_after is not None:
        yield f"  now: not checked, {printable(file.unchecked_after)}"
    for row in file.levels:
        yield (
            f"  {row.level:<12} met {_arrow(row.met)}, unverified {_arrow(row.unverified)}, "
            f"waived {_arrow(row.waived)}"
        )
    for change in file.changes:
        way = f" ({change.direction})" if change.direction else ""
        yield f"  {change.practice} ({change.level}): {change.before} -> {change.after}{way}"
    if file.compared and not file.changes:
        yield "  no practice changed its outcome"


def _arrow(values: tuple[str, ...]) -> str:
    return " -> ".join(values)


def _total(view: DiffView) -> str:
    count = len(view.files)
    files = f"{count} declaration{'' if count == 1 else 's'} compared with {view.since}"
    if not view.changed:
        return f"{files}: no practice changed its outcome."
    return f"{files}: {_count(view.worse, 'practice')} worse, {view.better} better."


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
