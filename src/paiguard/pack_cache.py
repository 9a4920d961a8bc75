"""Validated packs cached in the user's cache folder, so a run skips reading the pack YAML.

A pre-commit hook runs paiguard on every commit; reading and validating the 860-line shipped
pack is a good part of what one run costs. The cache is keyed by the bytes of every file in the
pack folders and by paiguard's and pydantic's code, so any change is a miss. It is data, never
code: JSON with a sha256 of its payload, rebuilt with `model_construct` from the models' own
field types; a file that fails any check is ignored and rewritten. A pack is stored only when
it comes back from the JSON exactly as it was validated (packs built with extra state, such as
an extension applied to a base, are simply not cached). `PAIGUARD_CACHE_DIR` moves the cache,
`PAIGUARD_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import sys
import types
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

from paiguard import __version__
from paiguard.packs import PACK_SUFFIXES, Pack, PackRegistry

FORMAT = b"paiguard-pack-cache 1"
_MAX_BYTES = 16 * 1024 * 1024  # pack folders bigger than this are read, not hashed
M = TypeVar("M", bound=BaseModel)


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
    import pydantic

    package = Path(__file__).parent
    stats = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in package.glob("*.py")]
    return f"{pydantic.VERSION} {sorted(stats)}"


def _read(file: Path) -> list[Pack] | None:
    try:
        header, _, payload = file.read_bytes().partition(b"\n")
        magic, _, expected = header.partition(b" sha256=")
        if magic != FORMAT or hashlib.sha256(payload).hexdigest().encode() != expected:
            return None
        return [construct(Pack, item) for item in json.loads(payload)]
    except (OSError, ValueError, TypeError, KeyError, AttributeError, _Unsupported):
        return None


def _write(file: Path, packs: list[Pack]) -> None:
    dumps = [pack.model_dump(mode="json", exclude_unset=True) for pack in packs]
    try:
        for pack, dump in zip(packs, dumps, strict=True):
            rebuilt = construct(Pack, dump)
            if rebuilt != pack or rebuilt.model_dump(mode="json", exclude_unset=True) != dump:
                return
    except (ValueError, TypeError, KeyError, _Unsupported):
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


class _Unsupported(Exception):
    """A type or validator the cache cannot rebuild faithfully: do not cache."""


def construct(model: type[M], data: Any) -> M:
    """`model` from its JSON dump, without validation, running its after-validators."""
    if not isinstance(data, dict) or not set(data) <= set(model.model_fields):
        raise _Unsupported(model.__name__)
    fields = model.model_fields
    values = {name: _value(fields[name].annotation, item) for name, item in data.items()}
    decorators = model.__pydantic_decorators__
    if decorators.field_validators or decorators.validators or decorators.root_validators:
        raise _Unsupported(model.__name__)
    instance = model.model_construct(**values)
    for validator in decorators.model_validators.values():
        if validator.info.mode != "after":
            raise _Unsupported(model.__name__)
        instance = validator.func(instance)
    return instance


def _value(annotation: Any, data: Any) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _value(get_args(annotation)[0], data)
    if origin in (Union, types.UnionType):
        if data is None and type(None) in get_args(annotation):
            return None
        options = [a for a in get_args(annotation) if a is not type(None)]
        if len(options) != 1:
            raise _Unsupported(str(annotation))
        return _value(options[0], data)
    if origin is list:
        return [_value(get_args(annotation)[0], item) for item in data]
    if origin is dict:
        item_type = get_args(annotation)[1]
        return {str(key): _value(item_type, item) for key, item in data.items()}
    return _leaf(annotation, data)


def _leaf(annotation: Any, data: Any) -> Any:
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return construct(annotation, data)
        if issubclass(annotation, Enum):
            return annotation(data)
        if annotation is dt.date and isinstance(data, str):
            return dt.date.fromisoformat(data)
        if annotation in (str, int, bool) and type(data) is annotation:
            return data
    raise _Unsupported(str(annotation))
