"""Check many declarations, on every core when the batch is big enough to pay for the processes.

Results come back in the order the files were given and are the same values a serial run
builds, so every output format prints the same bytes whatever the number of jobs. The pack is
not sent back with each result (it is large and the parent already holds it): a worker returns
its position in the registry and the parent puts its own pack object back.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from paiguard.engine import Settings, check_file
from paiguard.findings import FileResult
from paiguard.packs import PackRegistry

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

# A worker process pays for itself once the batch holds this much YAML to read (about four
# realistic declarations of the shipped pack); below it, one process is faster.
BYTES_PER_JOB = 200_000

Item = tuple[Path, str]  # (path to read, path as shown in output)

_registry: PackRegistry | None = None
_settings: Settings | None = None


def check_all(
    items: Sequence[Item], registry: PackRegistry, settings: Settings, jobs: int | None = None
) -> list[FileResult]:
    """Check every file; `jobs`: number of processes (None: as many as pay, up to the cores)."""
    count = auto_jobs(items) if jobs is None else max(1, min(jobs, len(items)))
    if count > 1 and _packs_load(registry):
        return _in_pool(items, registry, settings, count)
    return [check_file(path, shown, registry, settings) for path, shown in items]


def auto_jobs(items: Sequence[Item]) -> int:
    """As many processes as the usable cores, but only as many as the batch's size pays for."""
    size = 0
    for path, _ in items:
        try:
            size += path.stat().st_size
        except OSError:
            continue  # check_file reports it
    return max(1, min(usable_cores(), len(items), size // BYTES_PER_JOB))


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _packs_load(registry: PackRegistry) -> bool:
    """Load the packs before forking, so workers share them. A broken pack falls back to the
    serial run, which reports it exactly when and how it always has."""
    from paiguard.errors import PaiguardError

    try:
        registry.all()
    except PaiguardError:
        return False
    return True


def _in_pool(
    items: Sequence[Item], registry: PackRegistry, settings: Settings, jobs: int
) -> list[FileResult]:
    import gc

    packs = registry.all()
    gc.freeze()  # objects made so far are shared with forked workers: keep the GC off them
    chunk = max(1, len(items) // (jobs * 8))
    try:
        with _context().Pool(jobs, _start_worker, (registry, settings)) as pool:
            returned = pool.map(_check_one, items, chunksize=chunk)
    finally:
        gc.unfreeze()
    results = []
    for result, index in returned:
        if index is not None:
            result.pack = packs[index]
        results.append(result)
    return results


def _context() -> BaseContext:
    # fork starts a worker in milliseconds with the packs already loaded; where it is not
    # available or not safe (Windows, macOS), spawn works the same, only slower to start.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker(registry: PackRegistry, settings: Settings) -> None:
    global _registry, _settings  # one registry per worker process
    _registry, _settings = registry, settings


def _check_one(item: Item) -> tuple[FileResult, int | None]:
    assert _registry is not None and _settings is not None
    result = check_file(item[0], item[1], _registry, _settings)
    index = None
    if result.pack is not None:
        index = next(i for i, p in enumerate(_registry.all()) if p is result.pack)
        result.pack = None
    return result, index
