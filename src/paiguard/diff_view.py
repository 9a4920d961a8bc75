"""What `paiguard diff` shows, in text and in Markdown (a pull-request comment, a job summary):
per declaration, the tallies at REF and now, and each practice whose outcome changed.

Plain values, every decision made here: the text format and the Markdown template only lay
them out, each with its own arrow and escaping. (The JSON format prints the results' own
summaries, as SPEC 4.1 asks.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from paiguard.ratchet import Change, FileDiff, Standing, label, standings, why_unchecked


@dataclass(frozen=True, slots=True)
class LevelRow:
    """One level's tallies, at REF then now (only one value when the other version has none)."""

    level: str  # "baseline" or "recommended"
    met: tuple[str, ...]  # "3/5"
    unverified: tuple[str, ...]
    waived: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A practice whose outcome changed."""

    practice: str
    level: str
    before: str
    after: str
    direction: str  # "worse", "better", or "" (a practice only one version's pack has)


@dataclass(frozen=True, slots=True)
class FileView:
    """One declaration: whether it existed at REF, why a version could not be checked, its
    tallies and its changes."""

    path: str
    new: bool
    unchecked_before: str | None
    unchecked_after: str | None
    levels: tuple[LevelRow, ...]
    changes: tuple[ChangeRow, ...]

    @property
    def compared(self) -> bool:
        """Whether both versions were checked, so that outcomes could be compared."""
        return not self.new and self.unchecked_before is None and self.unchecked_after is None


@dataclass(frozen=True, slots=True)
class DiffView:
    """Everything the diff template shows."""

    since: str
    files: tuple[FileView, ...]
    worse: int
    better: int

    @property
    def changed(self) -> int:
        """How many practices changed their outcome, over every declaration."""
        return sum(len(file.changes) for file in self.files)


def build(diffs: list[FileDiff], since: str) -> DiffView:
    """The view of a diff against the revision `since` (as the user named it)."""
    changes = [change for diff in diffs for change in diff.changes]
    return DiffView(
        since=label(since),
        files=tuple(_file(diff) for diff in diffs),
        worse=sum(change.worse for change in changes),
        better=sum(change.better for change in changes),
    )


def _file(diff: FileDiff) -> FileView:
    then, now = standings(diff.before), standings(diff.after)
    unchecked_before = None
    if diff.before is not None and then is None:
        unchecked_before = why_unchecked(diff.before)
    return FileView(
        path=diff.path,
        new=diff.before is None,
        unchecked_before=unchecked_before,
        unchecked_after=None if now is not None else why_unchecked(diff.after),
        levels=_levels(then, now),
        changes=tuple(_change(change) for change in diff.changes),
    )


def _levels(
    then: tuple[Standing, ...] | None, now: tuple[Standing, ...] | None
) -> tuple[LevelRow, ...]:
    rows = []
    for index, level in enumerate(("baseline", "recommended")):
        before = None if then is None else then[index]
        after = None if now is None else now[index]
        if before is None and after is None:
            continue
        rows.append(
            LevelRow(
                level,
                _pair(before, after, lambda s: f"{s.met}/{s.total}"),
                _pair(before, after, lambda s: str(s.unverified)),
                _pair(before, after, lambda s: str(s.waived)),
            )
        )
    return tuple(rows)


def _pair(
    before: Standing | None, after: Standing | None, show: Callable[[Standing], str]
) -> tuple[str, ...]:
    """(before, after), or the one that exists."""
    return tuple(show(s) for s in (before, after) if s is not None)


def _change(change: Change) -> ChangeRow:
    return ChangeRow(
        practice=change.practice,
        level=change.level,
        before=change.before.value if change.before else "not in the pack",
        after=change.after.value if change.after else "not in the pack",
        direction="worse" if change.worse else "better" if change.better else "",
    )
