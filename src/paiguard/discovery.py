"""Which files a run checks: the paths given, or declarations found under folders, each with
the configuration that applies to it (the nearest one above its folder, SPEC §7)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from paiguard.config import DEFAULTS, Config
from paiguard.errors import PaiguardError

DEFAULT_NAMES = ("paiguard.yaml", "paiguard.yml")
DEFAULT_SUFFIXES = (".paiguard.yaml", ".paiguard.yml")
_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})

ConfigOf = Callable[[Path], Config]  # a folder -> the config of the files in it


@dataclass(slots=True)
class Found:
    """What a run is to check, and what it was asked to check but config leaves out."""

    files: list[tuple[Path, Config]] = field(default_factory=list)
    excluded: list[tuple[Path, Config]] = field(default_factory=list)  # named, then excluded
    named_files: bool = False  # whether a path given names a file (not a folder)


def is_declaration_name(name: str) -> bool:
    """Whether a file name is one of the default declaration names."""
    return name in DEFAULT_NAMES or name.endswith(DEFAULT_SUFFIXES)


def find(paths: Iterable[Path], config_of: ConfigOf) -> Found:
    """Files to check in a stable order, each with its config: files as given, folders walked.

    A path that does not exist is a `PaiguardError`. Below each folder, the config of that
    folder decides: its `include` globs add names to look for, its `exclude` globs leave files
    out; globs match the path relative to the config's folder, or the bare name. A file named
    here that its config excludes is not checked but listed in `excluded`.
    """
    found = Found()
    seen: set[Path] = set()
    for path in paths:
        _must_exist(path)
        walked = path.is_dir()
        found.named_files |= not walked
        candidates = _walk(path, config_of) if walked else iter([(path, config_of(path.parent))])
        for candidate, config in candidates:
            if candidate in seen:
                continue
            seen.add(candidate)
            if not _matches(candidate, config.exclude, config):
                found.files.append((candidate, config))
            elif not walked:
                found.excluded.append((candidate, config))
    return found


def discover(paths: Iterable[Path]) -> list[Path]:
    """The declarations under `paths` (files as given, folders walked), config aside."""
    return [path for path, _ in find(paths, lambda _: DEFAULTS).files]


def _must_exist(path: Path) -> None:
    try:
        os.lstat(path)
    except FileNotFoundError:
        raise PaiguardError("path does not exist", path=str(path)) from None
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte in it, ...
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise PaiguardError(f"cannot use path: {reason}", path=str(path)[:200]) from None


def _walk(folder: Path, config_of: ConfigOf) -> Iterator[tuple[Path, Config]]:
    # os.walk does not follow symlinked folders, so a symlink loop cannot trap it.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_FOLDERS)
        base = Path(root)
        config = config_of(base)
        for name in sorted(files):
            path = base / name
            if is_declaration_name(name) or _matches(path, config.include, config):
                yield path, config


def _matches(path: Path, globs: list[str], config: Config) -> bool:
    """Whether a glob matches `path` relative to the config's folder, or its bare name."""
    if not globs:
        return False
    absolute = Path(os.path.abspath(path))
    relative = (
        absolute.relative_to(config.folder).as_posix()
        if absolute.is_relative_to(config.folder)
        else None
    )
    return any(
        fnmatch.fnmatch(path.name, g) or (relative is not None and fnmatch.fnmatch(relative, g))
        for g in globs
    )
