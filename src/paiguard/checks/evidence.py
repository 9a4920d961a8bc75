"""PG201-PG205: does every claim point at evidence a reviewer can open, unchanged since review?"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

from paiguard.checks.context import Context
from paiguard.declaration import Evidence, Status
from paiguard.findings import Finding

_CHUNK = 1024 * 1024


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about missing, unreachable, outside or changed evidence."""
    digests: dict[Path, str | None] = {}  # each file is hashed once, however often it is cited
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
            else:
                yield from _path(ctx, pid, item, at, digests)


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
    ctx: Context,
    pid: str,
    item: Evidence,
    at: tuple[str | int, ...],
    digests: dict[Path, str | None],
) -> Iterator[Finding]:
    raw = item.path or ""
    target = resolve_inside(ctx.folder, ctx.root, raw)
    if target is None:
        yield ctx.finding(
            "PG203",
            f"evidence path of {pid} leaves the repository: {raw!r}",
            (*at, "path"),
            practice=pid,
        )
        return
    if not target.exists():
        yield ctx.finding(
            "PG202",
            f"evidence path of {pid} does not exist: {raw!r}",
            (*at, "path"),
            practice=pid,
        )
        return
    if item.sha256 is None:
        return
    if target not in digests:
        digests[target] = file_sha256(target)
    actual = digests[target]
    if actual != item.sha256.lower():
        what = "is not a regular file" if actual is None else "changed since it was pinned"
        yield ctx.finding(
            "PG205",
            f"evidence file of {pid} {what}: {raw!r}",
            (*at, "sha256"),
            practice=pid,
        )


def resolve_inside(folder: Path, root: Path, raw: str) -> Path | None:
    """The real path of `raw` relative to `folder`, or None when it would leave `root`.

    Refused: absolute paths and drives, `..` that climbs out of `root`, any symlinked folder
    on the way (its target can change under a reviewer's feet, and `link/..` is not what it
    seems), and a final symlink whose target lies outside `root`.
    """
    if not raw or PurePosixPath(raw).is_absolute() or PureWindowsPath(raw).is_absolute():
        return None
    if PureWindowsPath(raw).drive or "\0" in raw:
        return None
    parts = [p for p in PurePosixPath(raw.replace("\\", "/")).parts if p != "."]
    current = folder
    for index, part in enumerate(parts):
        current = current.parent if part == ".." else current / part
        if not current.is_relative_to(root):
            return None
        if index < len(parts) - 1 and part != ".." and current.is_symlink():
            return None
    try:
        real = current.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
    return real if real.is_relative_to(root.resolve()) else None


def file_sha256(path: Path) -> str | None:
    """sha256 of a regular file, read in bounded chunks; None for anything else.

    The file is opened non-blocking and its type taken from the open descriptor, so a FIFO,
    socket or device put in place of evidence is never read and can never block the run.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
