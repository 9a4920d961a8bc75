"""Which files a run checks: the paths given, or declarations found under folders."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from paiguard.errors import PaiguardError

DEFAULT_NAMES = ("paiguard.yaml", "paiguard.yml")
DEFAULT_SUFFIXES = (".paiguard.yaml", ".paiguard.yml")
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})


def is_declaration_name(name: str) -> bool:
    """Whether a file name is one of the default declaration names."""
    return name in DEFAULT_NAMES or name.endswith(DEFAULT_SUFFIXES)


def discover(
    paths: Iterable[Path],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> list[Path]:
    """Files to check, in a stable order: files as given, folders walked for declarations.

    A path that does not exist is a `PaiguardError`. `include` globs add names to look for
    in folders; `exclude` globs (matched against the path and the name) leave files out.
    """
    include = tuple(include)
    exclude = tuple(exclude)
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        _must_exist(path)
        candidates = _walk(path, include) if path.is_dir() else iter([path])
        for candidate in candidates:
            if candidate in seen or _excluded(candidate, exclude):
                continue
            seen.add(candidate)
            found.append(candidate)
    return found


def _must_exist(path: Path) -> None:
    try:
        os.lstat(path)
    except FileNotFoundError:
        raise PaiguardError("path does not exist", path=str(path)) from None
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte in it, ...
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise PaiguardError(f"cannot use path: {reason}", path=str(path)[:200]) from None


def _walk(folder: Path, include: tuple[str, ...]) -> Iterator[Path]:
    # os.walk does not follow symlinked folders, so a symlink loop cannot trap it.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        base = Path(root)
        for name in sorted(files):
            path = base / name
            if is_declaration_name(name) or _matches(path, include):
                yield path


def _matches(path: Path, globs: tuple[str, ...]) -> bool:
    text = path.as_posix().removeprefix("./")
    return any(fnmatch.fnmatch(text, g) or fnmatch.fnmatch(path.name, g) for g in globs)


def _excluded(path: Path, exclude: tuple[str, ...]) -> bool:
    return bool(exclude) and _matches(path, exclude)
