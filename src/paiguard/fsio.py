"""Writing files without ever losing what was there: temp file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from paiguard.errors import PaiguardError


def atomic_write(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` atomically; an existing file is replaced only with `force`."""
    if path.exists() and not force:
        raise PaiguardError("file exists; use --force to replace it", path=str(path))
    if path.is_dir():
        raise PaiguardError("is a folder, not a file", path=str(path))
    folder = path.parent if str(path.parent) else Path()
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PaiguardError(f"cannot write: {exc.strerror}", path=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            mode = path.stat().st_mode & 0o777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise PaiguardError(f"cannot write: {exc.strerror}", path=str(path)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
