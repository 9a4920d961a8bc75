"""A declaration and its evidence as they were at a git revision (`--since REF`, history reports).

Everything is read from git's object store, never from a checkout, and nothing is written to
the work tree or the index. A run costs a fixed number of git processes per repository, however
many files it reads: one `git rev-parse` (the repository, whether it is shallow, the commit),
one long-lived `git cat-file --batch` for every object (commits, folders and files, each folder
read once and shared between revisions), and, only when a path is new since REF, one
`git diff` for git's rename detection. A history adds one `git log` per file, and a file
refused for its size (above 8 MiB) one restart of `cat-file`.

Paths are relative to the repository's top folder, POSIX, as `str`; names that are not UTF-8
come and go with `surrogateescape`, as `os.fsdecode` gives them. Git prints every path with
`-z` and takes every pathspec literally, so no name is misread (paiguard.gitprocess runs git
itself: clean environment, fixed settings, timeouts).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from paiguard.gitprocess import CatFile, Git, GitError, said

__all__ = ["BlobTooLarge", "GitError", "GitRepository", "GitSnapshot", "HistoryEntry", "Kind"]

Kind = Literal["file", "folder", "symlink", "submodule"]

_KINDS: dict[bytes, Kind] = {b"40000": "folder", b"120000": "symlink", b"160000": "submodule"}
_TREE = b"40000"
_SYMLINK = b"120000"
_MAX_LINKS = 40  # symlinks followed in one path before giving up, as Linux's ELOOP
_MAX_LINK_TARGET = 4096  # PATH_MAX: a longer "symlink" is not one a checkout could make


class BlobTooLarge(Exception):
    """A file at the revision is larger than the caller's limit; it was not read."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(f"{path}: {size} bytes, more than the limit of {limit}")
        self.path = path
        self.size = size
        self.limit = limit


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One commit that changed a file: its id, author date and name, and the file's path then."""

    sha: str
    date: date
    author: str
    path: str


@dataclass(frozen=True, slots=True)
class _Entry:
    mode: bytes
    oid: str


@dataclass(frozen=True, slots=True)
class _Commit:
    tree: str
    authored: date
    committed: date


class GitRepository:
    """One git work tree, its objects read through one `git cat-file --batch`.

    Folders, symlink targets and digests are cached by object id, so revisions that share a
    folder (a history) read it once."""

    def __init__(self, git: Git, root: Path, *, shallow: bool) -> None:
        self.root = root
        self.shallow = shallow
        self._git = git
        self._cat = CatFile(git)
        self._trees: dict[str, dict[bytes, _Entry]] = {}
        self._links: dict[str, bytes | None] = {}
        self._sizes: dict[str, int] = {}
        self._digests: dict[str, str] = {}
        self._commits: dict[str, _Commit | None] = {}

    @classmethod
    def open(cls, path: Path, *, timeout: float = 60.0) -> GitRepository:
        """The git work tree holding `path`; a `GitError` when there is none."""
        repository, _ = cls._open(path, None, timeout)
        return repository

    @property
    def processes(self) -> int:
        """How many git processes this repository has started so far."""
        return self._git.started

    def snapshot(self, ref: str) -> GitSnapshot:
        """The repository as it was at `ref` (a branch, tag, sha, `HEAD~3`...)."""
        _check_revision(ref)
        if _FULL_SHA.fullmatch(ref) and self._commit(ref) is not None:
            return GitSnapshot(self, ref, ref)
        result = self._git.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        if result.returncode != 0:
            raise self._unresolved(ref)
        return GitSnapshot(self, ref, result.stdout.strip().decode("ascii"))

    def close(self) -> None:
        """Stop git; the repository cannot be read afterwards."""
        self._cat.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @classmethod
    def _open(cls, path: Path, ref: str | None, timeout: float) -> tuple[GitRepository, str]:
        """The repository, and the commit `ref` names, found by one `git rev-parse`."""
        if ref is not None:
            _check_revision(ref)
        if not path.is_dir():
            raise GitError("not a folder, so not a git work tree", path=str(path))
        git = Git(path, timeout)
        args = ["rev-parse", "--show-toplevel", "--is-shallow-repository"]
        if ref is not None:
            args += ["--verify", "--quiet", f"{ref}^{{commit}}"]
        result = git.run(*args)
        # One line each, in the order asked: the top folder, the shallow flag, then the sha
        # (only when the revision verified: a failing one may still print lines of its own).
        lines = result.stdout.rstrip(b"\n").split(b"\n")
        top, flag = (lines[0], lines[1]) if len(lines) >= 2 else (b"", b"")
        if not top or flag not in (b"true", b"false"):
            raise _not_a_work_tree(path, result, ref)
        sha = lines[2].decode("ascii") if ref is not None and result.returncode == 0 else ""
        git.cwd = Path(os.fsdecode(top))
        repository = cls(git, git.cwd, shallow=flag == b"true")
        if ref is not None and not sha:
            raise repository._unresolved(ref)
        return repository, sha

    def _unresolved(self, ref: str) -> GitError:
        """Why `ref` names no commit here, and what to do about it."""
        if _RANGE.search(ref):
            return GitError(
                f"revision {ref!r} is a range, not one commit: name the commit to compare with "
                "(for a pull request, its base)"
            )
        found = self._git.run("rev-parse", "--verify", "--quiet", ref)
        kind = self._git.run("cat-file", "-t", found.stdout.strip()) if found.stdout else None
        if kind is not None and kind.returncode == 0:  # a full sha verifies without its object
            what = kind.stdout.strip().decode("ascii", "replace")
            return GitError(f"revision {ref!r} names a {what}, not a commit")
        if self.shallow:
            sha = ref if _FULL_SHA.fullmatch(ref) else "<sha>"
            return GitError(
                f"revision {ref!r} is not in this shallow clone: fetch it, e.g. "
                f"`git fetch --no-tags --depth=1 origin {sha}` for that commit or "
                "`git fetch --deepen=100` for more history (with actions/checkout, "
                "`fetch-depth: 0`)"
            )
        return GitError(
            f"unknown revision {ref!r}: name a branch, tag or commit of this repository "
            "(`git log --oneline` lists the commits); a revision of a remote must be fetched "
            "first (e.g. `git fetch origin <branch>`, or with actions/checkout, "
            "`fetch-depth: 0`)"
        )

    def _commit(self, sha: str) -> _Commit | None:
        if sha not in self._commits:
            self._commits[sha] = self._read_commit(sha)
        return self._commits[sha]

    def _read_commit(self, sha: str) -> _Commit | None:
        found = self._cat.header(sha)
        if found is None:
            return None
        kind, size = found
        if kind != b"commit":
            self._cat.skip(size)
            return None
        head = self._cat.content(size).split(b"\n\n", 1)[0].split(b"\n")
        fields = {line.split(b" ", 1)[0]: line for line in reversed(head)}
        try:
            tree = fields[b"tree"].split()[1].decode("ascii")
            return _Commit(tree, _stamp(fields[b"author"]), _stamp(fields[b"committer"]))
        except (KeyError, IndexError, ValueError, OverflowError, OSError):
            raise GitError(f"commit {sha} cannot be read: malformed header") from None

    def _tree(self, oid: str) -> dict[bytes, _Entry]:
        if oid not in self._trees:
            self._trees[oid] = _parse_tree(self._object(oid, b"tree"), len(oid) // 2)
        return self._trees[oid]

    def _link(self, oid: str) -> bytes | None:
        """A symlink's target, or None when it is too long to be one."""
        if oid not in self._links:
            try:
                self._links[oid] = self._object(oid, b"blob", limit=_MAX_LINK_TARGET)
            except BlobTooLarge:
                self._links[oid] = None
        return self._links[oid]

    def _size(self, oid: str) -> int:
        if oid not in self._sizes:
            _, size = self._header(oid)
            self._cat.skip(size)
            self._sizes[oid] = size
        return self._sizes[oid]

    def _digest(self, oid: str) -> str:
        if oid not in self._digests:
            _, size = self._header(oid)
            digest = hashlib.sha256()
            for chunk in self._cat.chunks(size):
                digest.update(chunk)
            self._digests[oid] = digest.hexdigest()
        return self._digests[oid]

    def _object(self, oid: str, kind: bytes, *, limit: int | None = None, path: str = "") -> bytes:
        found, size = self._header(oid)
        self._sizes[oid] = size
        if found != kind:
            self._cat.skip(size)
            raise GitError(f"git object {oid} is a {found.decode()}, not a {kind.decode()}")
        if limit is not None and size > limit:
            self._cat.skip(size)
            raise BlobTooLarge(path, size, limit)
        return self._cat.content(size)

    def _header(self, oid: str) -> tuple[bytes, int]:
        found = self._cat.header(oid)
        if found is None:
            raise GitError(
                f"git object {oid} is missing (a partial or damaged clone): fetch what "
                "paiguard reads, e.g. with `git fetch --refetch`"
            )
        return found

    def _renames(self, sha: str) -> dict[str, str]:
        """Each path of the work tree that git sees as renamed since `sha`, to its old path."""
        result = self._git.run(
            "diff",
            "--no-ext-diff",
            "--no-textconv",
            "--ignore-submodules=all",
            "--find-renames",
            "--diff-filter=R",
            "--name-status",
            "-z",
            sha,
            "--",
        )
        if result.returncode != 0:
            raise GitError(f"git diff cannot compare {sha} with the work tree: {said(result)}")
        tokens = result.stdout.split(b"\0")
        renames: dict[str, str] = {}
        for i in range(0, len(tokens) - 2, 3):
            if tokens[i].startswith(b"R"):
                renames[_text(tokens[i + 2])] = _text(tokens[i + 1])
        return renames

    def _history(self, sha: str, path: str) -> list[HistoryEntry]:
        result = self._git.run(
            "log",
            "--follow",
            "-z",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--encoding=UTF-8",
            "--format=%H%x00%as%x00%aN",
            "--name-status",
            sha,
            "--",
            _raw(path),
        )
        if result.returncode != 0:
            raise GitError(f"git log cannot list the history of {path!r}: {said(result)}")
        return _parse_log(result.stdout.split(b"\0"), path)


class GitSnapshot:
    """A repository as it was at one commit: files, folders, symlinks, renames and history.

    `kind`, `size` and `symlink_target` describe the entry a path names itself, as `os.lstat`
    would (symlinked folders on the way are followed); `read` and `sha256` follow a final
    symlink too, as `open` would. A symlink that leaves the repository, loops or dangles reads
    as nothing there (None)."""

    def __init__(self, repository: GitRepository, ref: str, sha: str, *, owns: bool = False):
        commit = repository._commit(sha)
        if commit is None:
            raise GitError(f"revision {ref!r} ({sha}) is not a commit of this repository")
        self.repository = repository
        self.ref = ref
        self.sha = sha
        self.commit_date = commit.committed
        self.author_date = commit.authored
        self._tree = commit.tree
        self._owns = owns
        self._renames: dict[str, str] | None = None

    @classmethod
    def open(cls, repo_root: Path, ref: str, *, timeout: float = 60.0) -> GitSnapshot:
        """The work tree holding `repo_root` as it was at `ref`; closing it stops git.

        A `GitError` (exit 2) when there is no work tree, `ref` names no commit here, or a
        shallow clone lacks it (the message says how to fetch it)."""
        repository, sha = GitRepository._open(repo_root, ref, timeout)
        try:
            return cls(repository, ref, sha, owns=True)
        except BaseException:
            repository.close()
            raise

    def read(self, path: str, *, limit: int) -> bytes | None:
        """The content of the regular file at `path`, or None when there is none (missing,
        a folder, a submodule). Raises `BlobTooLarge` above `limit` bytes, unread."""
        entry = self._lookup(path, follow=True)
        if entry is None or entry.mode in _KINDS:
            return None
        return self.repository._object(entry.oid, b"blob", limit=limit, path=path)

    def sha256(self, path: str) -> str | None:
        """The sha256 of the regular file at `path` (streamed, whatever its size), or None."""
        entry = self._lookup(path, follow=True)
        if entry is None or entry.mode in _KINDS:
            return None
        return self.repository._digest(entry.oid)

    def kind(self, path: str) -> Kind | None:
        """What `path` names at the revision: file, folder, symlink, submodule, or None."""
        entry = self._lookup(path, follow=False)
        return None if entry is None else _KINDS.get(entry.mode, "file")

    def symlink_target(self, path: str) -> str | None:
        """The target a symlink at `path` holds, as written; None if `path` is no symlink."""
        entry = self._lookup(path, follow=False)
        if entry is None or entry.mode != _SYMLINK:
            return None
        target = self.repository._link(entry.oid)
        return None if target is None else _text(target)

    def size(self, path: str) -> int | None:
        """The size in bytes of a file (or of a symlink's target text), without reading it."""
        entry = self._lookup(path, follow=False)
        if entry is None or entry.mode in (_TREE, b"160000"):
            return None
        return self.repository._size(entry.oid)

    def renamed_from(self, path_now: str) -> str | None:
        """The path at the revision of a work-tree file that git sees as renamed since then
        (staged or not; the new name must be tracked), else None."""
        entry = self._lookup(path_now, follow=False)
        if entry is not None and entry.mode != _TREE:
            return None  # there at the revision, so never the new name of a rename
        if self._renames is None:
            self._renames = self.repository._renames(self.sha)
        parts = [p for p in path_now.split("/") if p not in ("", ".")]
        return self._renames.get("/".join(parts))

    def commits_touching(self, path: str) -> list[HistoryEntry]:
        """The commits up to this one that changed `path`, oldest first, following renames."""
        return self.repository._history(self.sha, path)

    def close(self) -> None:
        """Stop git, when this snapshot opened the repository itself."""
        if self._owns:
            self.repository.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _lookup(self, path: str, *, follow: bool) -> _Entry | None:
        """The entry `path` names, resolved as the OS resolves a path in a checkout."""
        pending = _parts(path)
        folders = [self._tree]
        links = 0
        while pending:
            name = pending.pop(0)
            if name in (b"", b"."):
                continue
            if name == b"..":
                if len(folders) == 1:
                    return None  # above the repository's top folder
                folders.pop()
                continue
            entry = self.repository._tree(folders[-1]).get(name)
            last = not pending
            if entry is None:
                return None
            if entry.mode == _SYMLINK and (follow or not last):
                links += 1
                target = self.repository._link(entry.oid)
                if links > _MAX_LINKS or target is None or target.startswith(b"/"):
                    return None
                pending[:0] = target.split(b"/")
            elif last:
                return entry
            elif entry.mode == _TREE:
                folders.append(entry.oid)
            else:
                return None  # a file or submodule used as a folder
        return _Entry(_TREE, folders[-1])


_FULL_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_STATUS = re.compile(rb"\n?[A-Z][0-9]*")


# The range notations of gitrevisions(7): `A..B`, `A...B`, `A^!`, `A^@`, `A^-N`.
_RANGE = re.compile(r"\.\.|\^[!@]$|\^-[0-9]*$")


def _check_revision(ref: str) -> None:
    if ref.startswith("-"):
        raise GitError(
            f"revision {ref!r} starts with '-': name a branch, tag or commit "
            f"(a branch really named so is refs/heads/{ref})"
        )
    if not ref or any(ord(c) < 32 or ord(c) == 127 for c in ref):
        raise GitError(f"revision {ref!r} is not a name git accepts")


def _not_a_work_tree(
    path: Path, result: subprocess.CompletedProcess[bytes], ref: str | None
) -> GitError:
    message = said(result)
    if "not a git repository" in message or "must be run in a work tree" in message:
        holding = (
            ""
            if ref is None
            else f", with the history that holds {ref!r} (with actions/checkout, `fetch-depth: 0`)"
        )
        return GitError(
            "not inside a git work tree: reading a revision needs a git clone of the "
            f"repository{holding}",
            path=str(path),
        )
    return GitError(f"git cannot read this repository: {message}", path=str(path))


def _parts(path: str) -> list[bytes]:
    if "\0" in path or path.startswith("/"):
        raise ValueError(f"not a path relative to the repository's top folder: {path!r}")
    return _raw(path).split(b"/")


def _raw(path: str) -> bytes:
    return path.encode("utf-8", "surrogateescape")


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _parse_tree(data: bytes, oid_bytes: int) -> dict[bytes, _Entry]:
    """A tree object: entries `<mode> <name>\\0<binary oid>`."""
    entries: dict[bytes, _Entry] = {}
    at = 0
    while at < len(data):
        space = data.index(b" ", at)
        nul = data.index(b"\0", space)
        end = nul + 1 + oid_bytes
        entries[data[space + 1 : nul]] = _Entry(data[at:space], data[nul + 1 : end].hex())
        at = end
    return entries


def _stamp(line: bytes) -> date:
    """The date of an `author`/`committer` line, in that person's own time zone (the e-mail
    before it is dropped, never kept)."""
    seconds, zone = line.rpartition(b">")[2].split()
    minutes = int(zone[1:3]) * 60 + int(zone[3:5])
    offset = timedelta(minutes=-minutes if zone.startswith(b"-") else minutes)
    return datetime.fromtimestamp(int(seconds), timezone(offset)).date()


def _parse_log(tokens: list[bytes], path: str) -> list[HistoryEntry]:
    """`git log -z --format=%H%x00%as%x00%aN --name-status`, newest first, to entries oldest
    first: a commit's fields, then its `STATUS path` (or `R<score> old new`) records."""
    entries: list[HistoryEntry] = []
    current = path
    at = 0
    while at + 2 < len(tokens):
        sha, day, author = tokens[at : at + 3]
        at += 3
        here = current
        while at < len(tokens) and _STATUS.fullmatch(tokens[at]):
            status = tokens[at].lstrip(b"\n")
            count = 2 if status[:1] in (b"R", b"C") else 1
            names = [_text(name) for name in tokens[at + 1 : at + 1 + count]]
            at += 1 + count
            here, current = names[-1], names[0]
        try:
            when = date.fromisoformat(day.decode("ascii"))
        except ValueError:
            raise GitError(
                f"commit {sha.decode('ascii', 'replace')} has no readable date"
            ) from None
        entries.append(
            HistoryEntry(sha.decode("ascii"), when, author.decode("utf-8", "replace"), here)
        )
    entries.reverse()
    return entries
