"""PG201-PG206: does every claim point at evidence a reviewer can open, unchanged since review,
and say where in a document cited for many practices each one is supported?"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

from paiguard.checks.context import Context
from paiguard.declaration import Evidence
from paiguard.findings import Finding
from paiguard.vocabulary import Status

_CHUNK = 1024 * 1024
# A document cited for more practices than this must say where in it each one is supported.
MAX_UNLOCATED_CITATIONS = 10


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about missing, unreachable, outside, changed or unlocated evidence."""
    yield from _items(ctx)
    yield from _unlocated(ctx)


def _items(ctx: Context) -> Iterator[Finding]:
    inside = _Resolver(ctx.folder, ctx.root)
    for pid, entry in ctx.declaration.practices.items():
        if entry.status in (Status.IMPLEMENTED, Status.PARTIAL) and not entry.evidence:
            yield ctx.finding(
                "PG201",
                f"{pid} is {entry.status.value} but lists no evidence",
                ("practices", pid, "status"),
                practice=pid,
            )
        for i, item in enumerate(entry.evidence):
            at = ("practices", pid, "evidence", i)
            if item.url is not None:
                yield from _url(ctx, pid, item.url, (*at, "url"))
            elif item.path is not None:
                yield from _path(ctx, pid, item, at, inside)
            # a ref names an internal record: nothing here can open it


def _unlocated(ctx: Context) -> Iterator[Finding]:
    """One document cited for more than MAX_UNLOCATED_CITATIONS practices, with items that do
    not say where in it their practice is supported: a reviewer cannot check 60 pages."""
    cited: dict[str, set[str]] = {}
    unlocated: dict[str, list[tuple[str | int, ...]]] = {}
    for pid, entry in ctx.declaration.practices.items():
        for i, item in enumerate(entry.evidence):
            document = item.document
            if document is None:
                continue
            cited.setdefault(document, set()).add(pid)
            if not (item.locator and item.locator.strip()):
                unlocated.setdefault(document, []).append(("practices", pid, "evidence", i))
    for document, items in unlocated.items():
        practices = len(cited[document])
        if practices > MAX_UNLOCATED_CITATIONS:
            first = items[0]
            yield ctx.finding(
                "PG206",
                f"{document!r} is the evidence of {practices} practices, and {len(items)} of "
                f"its citations have no locator (section, pages) saying where each practice "
                "is supported",
                first,
                practice=str(first[1]),
            )


def _url(ctx: Context, pid: str, url: str, at: tuple[str | int, ...]) -> Iterator[Finding]:
    try:
        parts = urlsplit(url.strip())
        scheme, host = parts.scheme.lower(), parts.netloc
    except ValueError:
        scheme, host = "", ""
    if scheme not in ("http", "https") or not host:
        yield ctx.finding(
            "PG204", f"evidence url of {pid} is not an http(s) url: {url!r}", at, practice=pid
        )


def _path(
    ctx: Context, pid: str, item: Evidence, at: tuple[str | int, ...], inside: _Resolver
) -> Iterator[Finding]:
    raw = item.path or ""
    where = (*at, "path")
    try:
        target = inside(raw)
        if target is None:
            yield ctx.finding(
                "PG203",
                f"evidence path of {pid} leaves the repository: {raw!r}",
                where,
                practice=pid,
            )
            return
        os.stat(target)
        if item.sha256 is None:
            return
        where = (*at, "sha256")
        actual = inside.digest(target)
    except FileNotFoundError:
        yield ctx.finding(
            "PG202", f"evidence path of {pid} does not exist: {raw!r}", where, practice=pid
        )
        return
    except OSError as exc:  # the OS refuses the path: a name too long, a folder it may not enter
        yield ctx.finding(
            "PG202",
            f"evidence path of {pid} cannot be read: {raw!r} ({_reason(exc)})",
            where,
            practice=pid,
        )
        return
    pinned = item.sha256.lower()
    if actual is None:
        yield ctx.finding(
            "PG205",
            f"evidence file of {pid} is not a regular file: {raw!r} (pinned sha256 {pinned})",
            where,
            practice=pid,
        )
    elif actual != pinned:
        yield ctx.finding(
            "PG205",
            f"evidence file of {pid} changed since it was pinned: {raw!r} (pinned sha256 "
            f"{pinned}, now {actual})",
            where,
            practice=pid,
        )


def _reason(exc: OSError) -> str:
    """What the OS said, in its own words (`File name too long`, `Permission denied`)."""
    return exc.strerror or type(exc).__name__


class _Resolver:
    """Evidence paths of one declaration, each to its real path, or None when it would leave
    the repository root.

    Refused: absolute paths and drives, `..` that climbs out of the root, any symlinked folder
    on the way (its target can change under a reviewer's feet, and `link/..` is not what it
    seems), and a final symlink whose target lies outside the root. The path is otherwise
    judged as the OS would judge it: `file/..` and `file/` are not folders (ENOTDIR), and a
    name the OS refuses raises the `OSError` it gave. The root is resolved once, a path named
    twice is resolved once, and a pinned file is hashed once."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder = folder
        self.root = root
        self.real_root: Path | None = None
        self.seen: dict[str, Path | OSError | None] = {}
        self.digests: dict[Path, str | OSError | None] = {}

    def __call__(self, raw: str) -> Path | None:
        if raw not in self.seen:
            try:
                self.seen[raw] = self._resolve(raw)
            except OSError as exc:
                self.seen[raw] = exc
        found = self.seen[raw]
        if isinstance(found, OSError):
            raise found
        return found

    def digest(self, target: Path) -> str | None:
        """The sha256 of a regular file, or None for anything else."""
        if target not in self.digests:
            try:
                self.digests[target] = file_sha256(target)
            except OSError as exc:
                self.digests[target] = exc
        found = self.digests[target]
        if isinstance(found, OSError):
            raise found
        return found

    def _resolve(self, raw: str) -> Path | None:
        if not raw or PurePosixPath(raw).is_absolute() or PureWindowsPath(raw).is_absolute():
            return None
        if PureWindowsPath(raw).drive or "\0" in raw:
            return None
        text = raw.replace("\\", "/")
        parts = [p for p in text.split("/") if p not in ("", ".")]
        current = self.folder
        for index, part in enumerate(parts):
            if part == "..":
                _folder(current)  # as the OS has it: `file/..` is not `.`
                current = current.parent
            else:
                current = current / part
            if not current.is_relative_to(self.root):
                return None
            if index < len(parts) - 1 and part != ".." and _is_symlink(current):
                return None
        if text.endswith(("/", "/.")) and parts:
            _folder(current)  # `file/` names a folder, as the OS has it
        try:
            real = current.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            return None
        if self.real_root is None:
            self.real_root = self.root.resolve()
        return real if real.is_relative_to(self.real_root) else None


def _is_symlink(path: Path) -> bool:
    """Whether `path` is a symlink; a missing one is not (the existence check reports it)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def _folder(path: Path) -> None:
    """Raise what the OS would when `path` is used as a folder and is none (ENOTDIR)."""
    if not stat.S_ISDIR(os.stat(path).st_mode):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))


def file_sha256(path: Path) -> str | None:
    """sha256 of a regular file, read in bounded chunks; None for anything else.

    The file is opened non-blocking and its type taken from the open descriptor, so a FIFO,
    socket or device put in place of evidence is never read and can never block the run.
    An `OSError` other than "not there" (a file it may not read, an I/O error) is raised.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a symlink swapped in after the lstat: not a regular file
            return None
        raise
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
