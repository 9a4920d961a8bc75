"""A declaration over its git history (`report --kind history`): every commit that changed it,
oldest first, its version checked as of that commit's date with its evidence read from that
commit's tree (packs and configuration are today's).

One `git rev-parse`, one `git log --follow` (renames followed) and one `git cat-file --batch`
serve the whole history, however many commits it has; folders shared between commits are
read once.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from paiguard.engine import Settings, evaluate, load, read_disk
from paiguard.errors import PaiguardError
from paiguard.evidence_files import SnapshotFiles
from paiguard.gitref import GitSnapshot, HistoryEntry
from paiguard.pack_registry import PackRegistry
from paiguard.results import FileResult
from paiguard.revisions import TIMEOUT, read_at


@dataclass(frozen=True, slots=True)
class History:
    """Each commit that changed a declaration, with its version's result (None when the
    commit removed the file); whether the clone is shallow (older commits are missing), and
    whether the work tree holds changes not committed yet."""

    versions: tuple[tuple[HistoryEntry, FileResult | None], ...]
    shallow: bool
    uncommitted: bool


def check_history(path: Path, shown: str, registry: PackRegistry, settings: Settings) -> History:
    """Check every committed version of the declaration at `path`, each as of its commit's
    date. A `PaiguardError` when no commit holds it."""
    real = Path(os.path.realpath(path))
    with GitSnapshot.open(real.parent, "HEAD", timeout=TIMEOUT) as head:
        repository = head.repository
        if not real.is_relative_to(repository.root):
            raise PaiguardError(
                f"the declaration lies outside the git work tree {repository.root}", path=shown
            )
        where = real.relative_to(repository.root).as_posix()
        entries = head.commits_touching(where)
        if not entries:
            raise PaiguardError(
                "no commit holds this declaration, so it has no history yet: commit it",
                path=shown,
            )
        versions = []
        for entry in entries:
            at = head if entry.sha == head.sha else GitSnapshot(repository, entry.sha, entry.sha)
            versions.append((entry, _check_at(at, entry, shown, registry, settings)))
        now = read_disk(path, settings.limits)
        committed = read_at(head, where, settings.limits) if head.kind(where) else None
        uncommitted = isinstance(now, bytes) and now != committed
        return History(tuple(versions), repository.shallow, uncommitted)


def _check_at(
    snapshot: GitSnapshot,
    entry: HistoryEntry,
    shown: str,
    registry: PackRegistry,
    settings: Settings,
) -> FileResult | None:
    if snapshot.kind(entry.path) is None:
        return None  # the commit removed it
    then = dataclasses.replace(settings, today=entry.date)
    loaded = load(read_at(snapshot, entry.path, then.limits), Path(entry.path), registry, then)
    files = SnapshotFiles(snapshot, posixpath.dirname(entry.path))
    return evaluate(loaded, files, then, shown, entry.path)
