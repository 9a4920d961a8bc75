"""Validated packs cached in the user's cache folder, so a run skips reading the pack YAML.

A pre-commit hook runs paiguard on every commit; reading and validating the 860-line shipped
pack, and importing pydantic to validate it, is most of what one run costs. The cache is keyed by
the bytes of every pack file in the pack folders and by paiguard's and pydantic's code, so any
change is a miss. It is data, never code: JSON with a sha256 of its payload, read back into
`paiguard.packs` records by `pack_from_data`, without pydantic; a file that fails any check is
ignored and rewritten. A pack is stored only when it comes back from the JSON exactly as it was
validated. `PAIGUARD_CACHE_DIR` moves the cache, `PAIGUARD_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from paiguard import __version__
from paiguard.pack_registry import PACK_SUFFIXES, PackRegistry
from paiguard.packs import Pack, dump, pack_from_data

FORMAT = b"paiguard-pack-cache 3"  # 3: guideline number, practice scope, leans_on, refers_to
_MAX_BYTES = 16 * 1024 * 1024  # pack folders bigger than this are read, not hashed


class CachedPackRegistry(PackRegistry):
    """A `PackRegistry` that reads its packs from the cache when nothing has changed."""

    def all(self) -> list[Pack]:
        if self._packs is None:
            self._packs = cached_packs(self.dirs, lambda: PackRegistry.all(self))
        return self._packs


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("PAIGUARD_NO_CACHE"):
        return None
    if os.environ.get("PAIGUARD_CACHE_DIR"):
        return Path(os.environ["PAIGUARD_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "paiguard" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "paiguard"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "paiguard"


def cached_packs(dirs: list[Path], load: Callable[[], list[Pack]]) -> list[Pack]:
    """The packs of `dirs` from the cache, else `load()` them and store them."""
    folder = cache_dir()
    key = _key(dirs) if folder is not None else None
    if folder is None or key is None:
        return load()
    file = folder / f"packs-{key}.json"
    packs = _read(file)
    if packs is None:
        packs = load()
        _write(file, packs)
    return packs


def _key(dirs: list[Path]) -> str | None:
    """A digest of every file in the pack folders and of the code that reads them."""
    digest = hashlib.sha256(f"{__version__}\0{_code_stamp()}".encode())
    total = 0
    try:
        for folder in dirs:
            digest.update(f"\0dir {folder.resolve()}".encode())
            # the files the registry loads, sized before they are read
            for path in sorted(p for p in folder.iterdir() if p.suffix in PACK_SUFFIXES):
                if not stat.S_ISREG(path.stat().st_mode):
                    continue
                total += path.stat().st_size
                if total > _MAX_BYTES:
                    return None
                data = path.read_bytes()
                digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(data).digest())
    except OSError:
        return None  # the loader reports the folder as it always has
    return digest.hexdigest()


def _code_stamp() -> str:
    """paiguard's modules and pydantic's version file, by size and time (importing pydantic
    to ask its version would cost what the cache saves)."""
    files = sorted(Path(__file__).parent.glob("*.py"))
    spec = importlib.util.find_spec("pydantic")
    if spec is not None and spec.origin is not None:
        files.append(Path(spec.origin).with_name("version.py"))
    stats = [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.exists()]
    return repr(stats)


def _read(file: Path) -> list[Pack] | None:
    try:
        header, _, payload = file.read_bytes().partition(b"\n")
        magic, _, expected = header.partition(b" sha256=")
        if magic != FORMAT or hashlib.sha256(payload).hexdigest().encode() != expected:
            return None
        return [pack_from_data(item, item.get("extends")) for item in json.loads(payload)]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _write(file: Path, packs: list[Pack]) -> None:
    dumps = [dump(pack) for pack in packs]
    try:
        if [pack_from_data(data, data.get("extends")) for data in dumps] != packs:
            return
    except (ValueError, TypeError, KeyError):
        return
    payload = json.dumps(dumps, ensure_ascii=False, separators=(",", ":")).encode()
    header = FORMAT + b" sha256=" + hashlib.sha256(payload).hexdigest().encode()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        temporary.write_bytes(header + b"\n" + payload)
        os.replace(temporary, file)
    except OSError:
        return  # a read-only home: run without the cache
