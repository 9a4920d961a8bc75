"""Where the evidence check looks files up: the disk, or a git revision (`--since REF`, history).

The evidence check (checks/evidence.py, PG202-PG205) asks three questions of an evidence path,
and both kinds of files answer them the same way, so one check serves both:

- `resolve(raw)`: the real file a path names, or None when it would leave the repository
  (absolute paths and drives, `..` above the top, a symlinked folder on the way, a final
  symlink whose target lies outside, a symlink loop); an `OSError` when the OS would refuse the
  path (`file/..`, `file/`);
- `stat(target)`: nothing, or the `OSError` the OS gives (`FileNotFoundError` when it is not
  there, `NotADirectoryError` when a file stands where a folder should);
- `digest(target)`: the sha256 of a regular file, None for anything else.

Each path is resolved once and each pinned file hashed once per declaration.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # gitref starts git: only a run that reads a revision imports it
    from paiguard.gitref import GitSnapshot

_CHUNK = 1024 * 1024
_MAX_LINKS = 40  # symlinks followed in one path before giving up, as Linux's ELOOP


class EvidenceFiles(Protocol):
    """The files one declaration's evidence paths are resolved against (see the module)."""

    def resolve(self, raw: str) -> Any:
        """The target `raw` names, or None when it leaves the repository."""

    def stat(self, target: Any) -> None:
        """Nothing, or the `OSError` the OS would give for `target`."""

    def digest(self, target: Any) -> str | None:
        """The sha256 of a regular file, or None for anything else."""


class _Remembered:
    """`compute` of each key once, its `OSError` included: a second call raises it again."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        self._compute = compute
        self._found: dict[Any, object] = {}

    def __call__(self, key: Any) -> Any:
        if key not in self._found:
            try:
                self._found[key] = self._compute(key)
            except OSError as exc:
                self._found[key] = exc
        return _raised(self._found[key])


def _raised(found: object) -> Any:
    if isinstance(found, OSError):
        raise found
    return found


def _refused(raw: str) -> bool:
    """Paths refused before looking at any file: empty, absolute, a drive, a NUL."""
    if not raw or PurePosixPath(raw).is_absolute() or PureWindowsPath(raw).is_absolute():
        return True
    return bool(PureWindowsPath(raw).drive) or "\0" in raw


def _parts(raw: str) -> tuple[str, list[str]]:
    """The path with `/` separators, and its parts without empty and `.` ones."""
    text = raw.replace("\\", "/")
    return text, [p for p in text.split("/") if p not in ("", ".")]


def _names_folder(text: str, parts: list[str]) -> bool:
    """`file/` and `file/.` name a folder, as the OS has it."""
    return text.endswith(("/", "/.")) and bool(parts)


class DiskFiles:
    """Evidence paths of one declaration on disk, each to its real path.

    `folder` is the declaration's (absolute, resolved) folder and `root` the repository's. Any
    symlinked folder on the way is refused (its target can change under a reviewer's feet, and
    `link/..` is not what it seems); the path is otherwise judged as the OS would judge it, and
    a name the OS refuses raises the `OSError` it gave."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder = folder
        self.root = root
        self._real_root: Path | None = None
        self.resolve = _Remembered(self._resolve)
        self.digest = _Remembered(file_sha256)

    def stat(self, target: Any) -> None:
        os.stat(target)

    def _resolve(self, raw: str) -> Path | None:
        if _refused(raw):
            return None
        text, parts = _parts(raw)
        current = self.folder
        for index, part in enumerate(parts):
            if part == "..":
                _disk_folder(current)  # as the OS has it: `file/..` is not `.`
                current = current.parent
            else:
                current = current / part
            if not current.is_relative_to(self.root):
                return None
            if index < len(parts) - 1 and part != ".." and _is_symlink(current):
                return None
        if _names_folder(text, parts):
            _disk_folder(current)
        try:
            real = current.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            return None
        if self._real_root is None:
            self._real_root = self.root.resolve()
        return real if real.is_relative_to(self._real_root) else None


def _is_symlink(path: Path) -> bool:
    """Whether `path` is a symlink; a missing one is not (the existence check reports it)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def _disk_folder(path: Path) -> None:
    """Raise what the OS would when `path` is used as a folder and is none (ENOTDIR)."""
    if not stat.S_ISDIR(os.stat(path).st_mode):
        raise _not_a_folder(str(path))


def _not_a_folder(path: str) -> NotADirectoryError:
    return NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), path)


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


Parts = tuple[str, ...]  # a path from the repository's top folder, split at `/`


class _Unreadable(OSError):
    """A path git cannot answer for (OSError itself would turn an errno into a subclass)."""


class SnapshotFiles:
    """Evidence paths of one declaration as they were at a git revision, judged as `DiskFiles`
    judges them in a checkout of it: the same refusals, the same errors, symlinks followed as
    the OS follows them (an absolute target counts as inside when it lies under the work tree,
    where a checkout would put it). Targets are paths from the repository's top folder.

    A path inside a submodule cannot be read: git holds only the submodule's commit here."""

    def __init__(self, snapshot: GitSnapshot, folder: str) -> None:
        self.snapshot = snapshot
        self.folder: Parts = tuple(p for p in folder.split("/") if p not in ("", "."))
        self._top = Path(snapshot.repository.root).parts
        self.resolve = _Remembered(self._resolve)
        self.digest = _Remembered(self._digest)

    def stat(self, target: Any) -> None:
        if self._kind(target) is None:
            raise self._missing(target)

    def _digest(self, target: Any) -> str | None:
        if self._kind(target) != "file":
            return None
        return self.snapshot.sha256("/".join(target))

    def _resolve(self, raw: str) -> Parts | None:
        if _refused(raw):
            return None
        text, parts = _parts(raw)
        current: list[str] = list(self.folder)
        for index, part in enumerate(parts):
            if part == "..":
                self._folder(tuple(current))
                if not current:
                    return None  # above the repository's top folder
                current.pop()
            else:
                current.append(part)
            if index < len(parts) - 1 and part != ".." and self._kind(tuple(current)) == "symlink":
                return None
        if _names_folder(text, parts):
            self._folder(tuple(current))
        return self._real(tuple(current))

    def _kind(self, path: Parts) -> str | None:
        """What a symlink-free path names: file, folder, symlink, submodule, or None."""
        return self.snapshot.kind("/".join(path)) if path else "folder"

    def _folder(self, path: Parts) -> None:
        """Raise what the OS would when `path` is used as a folder and is none."""
        real = self._real(path)
        if real is None:
            return  # it leads outside or loops: resolving the whole path says so
        kind = self._kind(real)
        if kind is None:
            raise self._missing(real)
        if kind not in ("folder", "submodule"):
            raise _not_a_folder("/".join(path))

    def _missing(self, path: Parts) -> OSError:
        """Why nothing is at `path`: a file or submodule stands where a folder should, or not."""
        for end in range(1, len(path)):
            kind = self._kind(path[:end])
            if kind == "submodule":
                return _Unreadable(errno.EIO, "inside a git submodule, not read", "/".join(path))
            if kind not in ("folder", None):
                return _not_a_folder("/".join(path))
        return FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), "/".join(path))

    def _real(self, path: Parts) -> Parts | None:
        """The path with every symlink followed, as `os.path.realpath` follows them (a missing
        part is kept as it is); None when it ends outside the repository or loops."""
        resolved: list[str] = list(self._top)
        top = len(self._top)
        pending = list(path)
        links = 0
        while pending:
            name = pending.pop(0)
            if name in ("", "."):
                continue
            if name == "..":
                if len(resolved) > 1:
                    resolved.pop()
                continue
            candidate = (*resolved, name)
            inside = tuple(candidate[:top]) == self._top
            if inside and self._kind(candidate[top:]) == "symlink":
                links += 1
                target = self.snapshot.symlink_target("/".join(candidate[top:]))
                if links > _MAX_LINKS or target is None:
                    return None
                if target.startswith("/"):
                    resolved = ["/"]
                pending[:0] = target.split("/")
                continue
            resolved.append(name)
        if tuple(resolved[:top]) != self._top:
            return None
        return tuple(resolved[top:])
