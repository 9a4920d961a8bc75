"""The worker processes of `parallel.check_each`, and what they send back.

Two things keep a thousand results small in the parent: the pack is not sent back with each
result (the parent already holds it; a worker returns its position in the registry), and a
declaration stays serialized (compressed, a few KB) until a format reads it.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paiguard.engine import Job, Setup, check_file
from paiguard.pack_registry import PackRegistry
from paiguard.packs import Pack
from paiguard.results import FileResult

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from paiguard.declaration import Declaration, ModelInfo
    from paiguard.revisions import Ratchet  # reads git: imported only with `--since`

_setups: list[Setup] = []  # the registry and settings of each configuration of the run
_shared: dict[str, int] = {}  # strings every result repeats (practice ids, hints) -> number
_ratchet: list[Ratchet] = []  # with `--since`: the revision to compare with, and where


def in_pool(
    items: Sequence[Job], setups: Sequence[Setup], jobs: int, ratchet: Ratchet | None = None
) -> list[tuple[FileResult, FileResult | None]]:
    """Check `items` in `jobs` processes, each with its setup; the results in their order.

    With a `ratchet`, each result is compared with the file's version at REF (see
    `revisions.compare`), and that version's result comes second; else the second is None."""
    import gc

    packs = [registry.all() for registry, _ in setups]
    table = _shared_strings([pack for some in packs for pack in some])
    gc.freeze()  # objects made so far are shared with forked workers: keep the GC off them
    # Small chunks keep both cores busy to the end (a big last chunk leaves one idle), and the
    # parent reads each result as it arrives, in order, while the workers go on.
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    numbered = [(*item, n) for n, item in enumerate(items)]
    results: list[tuple[FileResult, FileResult | None]] = []
    try:
        with _context().Pool(jobs, _start_worker, (setups, table, ratchet)) as pool:
            for data in pool.imap(_check_one, numbered, chunksize=chunk):
                results.append(_received(data, packs, table))
            if ratchet is not None:  # let the workers end their git processes themselves
                pool.close()
                pool.join()
    finally:
        gc.unfreeze()
    return results


def _received(
    data: bytes, packs: list[list[Pack]], table: list[str]
) -> tuple[FileResult, FileResult | None]:
    setup, now, before = _Unpickler(io.BytesIO(data), table).load()
    return _unpacked(now, packs[setup]), None if before is None else _unpacked(before, packs[setup])


def _unpacked(sent: tuple[Any, ...], packs: list[Pack]) -> FileResult:
    result, index, blob, model = sent
    pooled = _Pooled(
        path=result.path,
        findings=result.findings,
        repo_path=result.repo_path,
        pack=None if index is None else packs[index],
        declaration=None,
        stages=result.stages,
        outcomes=result.outcomes,
    )
    pooled.blob = blob
    pooled.model_info = model
    return pooled


class _Pooled(FileResult):
    """A worker's result: its declaration is unpickled each time a format reads it (the last
    one is kept, as formats read one file's declaration several times in a row)."""

    __slots__ = ("blob", "model_info")
    model_info: ModelInfo | None
    _recent: tuple[bytes, Declaration] | None = None

    @property
    def model(self) -> ModelInfo | None:
        return self.model_info  # sent apart: the text output needs no more of the declaration

    @property
    def declaration(self) -> Declaration | None:
        blob = self.blob
        if blob is None:
            return None
        recent = _Pooled._recent
        if recent is None or recent[0] is not blob:
            recent = _Pooled._recent = (blob, pickle.loads(zlib.decompress(blob)))
        return recent[1]

    @declaration.setter
    def declaration(self, value: Declaration | None) -> None:
        self.blob = None if value is None else _pack_declaration(value)


def _pack_declaration(declaration: Declaration) -> bytes:
    return zlib.compress(pickle.dumps(declaration, pickle.HIGHEST_PROTOCOL), 1)


def _shared_strings(packs: list[Pack]) -> list[str]:
    """The strings most results repeat: sent as a number, read back as the parent's own copy
    (a thousand results would otherwise hold a thousand copies of every practice id)."""
    from paiguard.codes import CODES

    strings: list[str] = []
    for pack in packs:
        for pid, ref in pack.practices.items():
            strings += [pid, ref.practice.level.value, ref.stage.id.value, ref.guideline.id]
    for code in CODES.values():
        strings += [code.code, code.hint]
    return list(dict.fromkeys(strings))


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj: object) -> int | None:
        return _shared.get(obj) if type(obj) is str else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: io.BytesIO, table: list[str]) -> None:
        super().__init__(data)
        self.table = table

    def persistent_load(self, pid: object) -> str:
        assert isinstance(pid, int)
        return self.table[pid]


def _context() -> BaseContext:
    import multiprocessing

    # fork starts a worker in milliseconds with the packs already loaded; where it is not
    # available or not safe (Windows, macOS), spawn works the same, only slower to start.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker(setups: Sequence[Setup], table: list[str], ratchet: Ratchet | None) -> None:
    _setups[:] = setups  # one set of registries per worker process
    _shared.update((text, number) for number, text in enumerate(table))
    if ratchet is not None:  # git processes of its own, started when first needed
        from multiprocessing.util import Finalize

        from paiguard.revisions import Snapshots

        snapshots = Snapshots(ratchet.snapshots.baselines)
        _ratchet[:] = [dataclasses.replace(ratchet, snapshots=snapshots)]
        Finalize(snapshots, snapshots.close, exitpriority=10)  # run when the worker ends


def _check_one(item: tuple[Path, str, int, int]) -> bytes:
    path, shown, setup, number = item
    registry, settings = _setups[setup]
    if _ratchet:
        from paiguard.revisions import compare

        now, before = compare(path, shown, registry, settings, ratchet=_ratchet[0], index=number)
    else:
        now, before = check_file(path, shown, registry, settings), None
    sent = (setup, _sent(now, registry), None if before is None else _sent(before, registry))
    out = io.BytesIO()
    _Pickler(out, pickle.HIGHEST_PROTOCOL).dump(sent)
    return out.getvalue()


def _sent(result: FileResult, registry: PackRegistry) -> tuple[Any, ...]:
    """A result as a worker sends it: its pack as a position in the registry, its
    declaration compressed, and its model apart."""
    index = None
    if result.pack is not None:
        index = next(i for i, p in enumerate(registry.all()) if p is result.pack)
        result.pack = None
    blob = model = None
    if result.declaration is not None:
        blob, model = _pack_declaration(result.declaration), result.declaration.model
        result.declaration = None
    return (result, index, blob, model)
