"""Writing files without ever losing what was there: temp file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from paiguard.errors import PaiguardError


def atomic_write(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` atomically; an existing file is replaced only with `force`.

    The text goes to a temp file in the same folder, is flushed to disk, then takes the
    file's name in one step: readers see the old file or the new one, never half of either,
    and a failure at any point leaves the old file as it was and no temp file behind.
    Without `force`, the name is taken with a hard link, which fails if anything (even a
    dangling symlink) has appeared there since the check.
    """
    folder = check_writable(path, force=force)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PaiguardError(f"cannot write: {exc.strerror}", path=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        _publish(temp, path, force=force)
    except OSError as exc:
        raise PaiguardError(f"cannot write: {exc.strerror}", path=str(path)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def check_writable(path: Path, *, force: bool = False) -> Path:
    """Refuse, before anything is written, what `atomic_write(path)` would refuse: a folder, a
    file that exists (without `force`), a folder to write in that is missing or is a file.
    Returns the folder the file goes in."""
    if path.is_dir():
        raise PaiguardError("is a folder, not a file", path=str(path))
    if not force and (path.exists() or path.is_symlink()):
        raise PaiguardError("file exists; use --force to replace it", path=str(path))
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        reason = errno.ENOTDIR if folder.exists() else errno.ENOENT
        raise PaiguardError(f"cannot write: {os.strerror(reason)}", path=str(path))
    return folder


def _mode_for(path: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets 0o666 less the umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _publish(temp: str, path: Path, *, force: bool) -> None:
    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise PaiguardError("file exists; use --force to replace it", path=str(path)) from None
    except OSError:  # a file system without hard links: the check above has to do
        os.replace(temp, path)
