"""Declarations compared with their version at a git revision: `check --since REF`, `diff`.

The parent process opens each repository once (one `git rev-parse`, one `git cat-file
--batch`, and one `git diff` for rename detection only when a declaration is not at REF under
its current path), resolves REF there, and finds where each declaration was at REF. Checking
runs where the files are checked, serially or in a worker of the process pool; each process
reads REF through its own `cat-file` per repository, opened when it first needs it (a forked
worker must not share its parent's pipes, and reading in the worker spreads the reads over the
cores). The version at REF is checked with today's packs, configuration and date, its evidence
read from REF's tree. When its bytes are the current ones it is parsed once, and when the
evidence check finds the same at REF as now, its result is the current one: nothing else the
check does reads a file.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from paiguard.engine import (
    Loaded,
    Settings,
    disk_files,
    evaluate,
    evidence_findings,
    load,
    nearest_git_folder,
    read_disk,
    repository_path,
)
from paiguard.evidence_files import EvidenceFiles, SnapshotFiles
from paiguard.gitprocess import Git
from paiguard.gitref import BlobTooLarge, GitRepository, GitSnapshot
from paiguard.limits import Limits
from paiguard.pack_registry import PackRegistry
from paiguard.ratchet import weigh
from paiguard.results import FileResult
from paiguard.yamlsource import YamlProblem, size_message

TIMEOUT = 60.0  # seconds git may take to answer one request


@dataclass(frozen=True, slots=True)
class Baseline:
    """A repository and the commit REF names in it: what any process needs to read REF."""

    root: Path
    shallow: bool
    sha: str


@dataclass(slots=True)
class Ratchet:
    """A run compared with REF: the repositories (`snapshots`), and where each declaration was
    at REF (its repository's index in `snapshots.baselines`, and its path there, None when it
    did not exist). `keep_before` returns each REF result too, and leaves the current findings
    unweighed (`diff`); else the findings are weighed against REF (`check --since`)."""

    ref: str
    places: list[tuple[int, str | None]]
    snapshots: Snapshots
    keep_before: bool = False


class Compared(NamedTuple):
    """One declaration now, and at REF (None when it did not exist there, or not kept)."""

    now: FileResult
    before: FileResult | None


class Snapshots:
    """REF in each repository of a run, as one process reads it: one `cat-file` each,
    started when first needed."""

    def __init__(self, baselines: Sequence[Baseline]) -> None:
        self.baselines = list(baselines)
        self._open: dict[int, GitSnapshot] = {}

    def get(self, index: int) -> GitSnapshot:
        """The snapshot of REF in the `index`-th repository."""
        if index not in self._open:
            base = self.baselines[index]
            repository = GitRepository(Git(base.root, TIMEOUT), base.root, shallow=base.shallow)
            self._open[index] = GitSnapshot(repository, base.sha, base.sha)
        return self._open[index]

    def adopt(self, snapshot: GitSnapshot) -> int:
        """Keep a snapshot the parent opened; its index."""
        repository = snapshot.repository
        self.baselines.append(Baseline(repository.root, repository.shallow, snapshot.sha))
        self._open[len(self.baselines) - 1] = snapshot
        return len(self.baselines) - 1

    def close(self) -> None:
        """Stop every git this process started; `get` starts them again if asked."""
        for snapshot in self._open.values():
            snapshot.repository.close()
        self._open.clear()


def locate(paths: Sequence[Path], ref: str, *, keep_before: bool = False) -> Ratchet:
    """Open the repository of each declaration once, resolve REF there, and find where each
    was at REF (following renames). A `GitError` (exit 2) when a declaration is not in a git
    work tree, or REF names no commit there; the message says how to fetch it."""
    snapshots = Snapshots([])
    by_top: dict[Path, int] = {}
    places = []
    try:
        for path in paths:
            real = Path(os.path.realpath(path))  # a symlink loop is read later (PG001)
            top = _work_tree(real.parent)
            if top not in by_top:
                by_top[top] = snapshots.adopt(GitSnapshot.open(top, ref, timeout=TIMEOUT))
            index = by_top[top]
            places.append((index, _path_at(snapshots.get(index), real)))
    except BaseException:
        snapshots.close()
        raise
    return Ratchet(ref, places, snapshots, keep_before)


def _work_tree(folder: Path) -> Path:
    """The repository holding `folder`; `folder` itself when there is none (git then says it
    is not a work tree)."""
    return nearest_git_folder(folder) or folder


def _path_at(snapshot: GitSnapshot, real: Path) -> str | None:
    """Where the declaration now at `real` was at the snapshot: the same path, the path git
    sees it renamed from, or None when it did not exist."""
    try:
        path = real.relative_to(snapshot.repository.root).as_posix()
    except ValueError:
        return None
    if snapshot.kind(path) in ("file", "symlink"):
        return path
    return snapshot.renamed_from(path)


def compare(
    path: Path,
    shown: str,
    registry: PackRegistry,
    settings: Settings,
    *,
    ratchet: Ratchet,
    index: int,
) -> Compared:
    """The `index`-th declaration of the run now, and at REF (see `Ratchet.keep_before`)."""
    content = read_disk(path, settings.limits)
    loaded = load(content, path, registry, settings)
    on_disk = disk_files(path)
    now = evaluate(loaded, on_disk, settings, shown, repository_path(path))
    base, then_path = ratchet.places[index]
    before, then_data = None, None
    if then_path is not None:
        snapshot = ratchet.snapshots.get(base)
        then_content = read_at(snapshot, then_path, settings.limits)
        same = isinstance(content, bytes) and then_content == content
        then = loaded if same else load(then_content, Path(then_path), registry, settings)
        files = SnapshotFiles(snapshot, posixpath.dirname(then_path))
        if same and _same_evidence(loaded, files, on_disk, settings):
            before = dataclasses.replace(now)  # the same text, the same evidence: the same result
        else:
            before = evaluate(then, files, settings, shown, now.repo_path)
        then_data = then.document.data if then.document is not None else None
    if ratchet.keep_before:
        return Compared(now, before)
    now_data = loaded.document.data if loaded.document is not None else None
    weigh(now, now_data, before, then_data, ratchet.ref)
    return Compared(now, None)


def _same_evidence(
    loaded: Loaded, then: SnapshotFiles, now: EvidenceFiles, settings: Settings
) -> bool:
    """Whether the evidence check finds the same at REF as now (the files on disk are asked
    again, but answer from what the check of the current version already looked up)."""
    found = evidence_findings(loaded, then, settings)
    return found is not None and found == evidence_findings(loaded, now, settings)


def read_at(snapshot: GitSnapshot, path: str, limits: Limits) -> bytes | YamlProblem:
    """A declaration's bytes at the snapshot, or the problem that stops reading them."""
    try:
        content = snapshot.read(path, limit=limits.max_bytes)
    except BlobTooLarge as big:
        return YamlProblem("PG003", size_message(big.size, limits))
    if content is None:  # a symlink that dangled or left the repository at REF
        return YamlProblem("PG001", "cannot read the file: not a regular file")
    return content
