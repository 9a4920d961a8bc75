"""Check many declarations, on every core when the batch is big enough to pay for the processes.

Results come back in the order the files were given and are the same values a serial run
builds, so every output format prints the same bytes whatever the number of jobs
(`process_pool` runs the workers).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from paiguard.engine import Item, Job, Setup, check_file
from paiguard.pack_registry import PackRegistry
from paiguard.results import FileResult

if TYPE_CHECKING:  # revisions reads git: only a run with `--since` imports it
    from paiguard.revisions import Compared, Ratchet

# A worker process pays for itself once the batch holds this much YAML to read (about four
# realistic declarations of the shipped pack); below it, one process is faster.
BYTES_PER_JOB = 200_000


def check_each(
    items: Sequence[Job], setups: Sequence[Setup], jobs: int | None = None
) -> list[FileResult]:
    """Check every file with the registry and settings of its own setup (files under
    different configurations share one pool); the results in the order of `items`."""
    count = auto_jobs(items) if jobs is None else max(1, min(jobs, len(items)))
    if count > 1 and all(_packs_load(registry) for registry, _ in setups):
        from paiguard.process_pool import in_pool  # pickle, zlib, multiprocessing: only here

        return [now for now, _ in in_pool(items, setups, count)]
    return [check_file(path, shown, *setups[index]) for path, shown, index in items]


def compare_each(
    items: Sequence[Job], setups: Sequence[Setup], ratchet: Ratchet, jobs: int | None = None
) -> list[Compared]:
    """Check every file and its version at REF (`ratchet.places`, in the order of `items`).

    Each process reads REF through git processes of its own: the parent stops its own before
    the pool starts (a forked worker must not share them), and a worker starts one per
    repository when it first reads it."""
    from paiguard.revisions import Compared, compare

    count = auto_jobs(items) if jobs is None else max(1, min(jobs, len(items)))
    if count > 1 and all(_packs_load(registry) for registry, _ in setups):
        from paiguard.process_pool import in_pool

        ratchet.snapshots.close()
        return [Compared(*pair) for pair in in_pool(items, setups, count, ratchet)]
    try:
        return [
            compare(path, shown, *setups[index], ratchet=ratchet, index=n)
            for n, (path, shown, index) in enumerate(items)
        ]
    finally:
        ratchet.snapshots.close()


def auto_jobs(items: Sequence[Item | Job]) -> int:
    """As many processes as the usable cores, but only as many as the batch's size pays for."""
    size = 0
    for item in items:
        try:
            size += item[0].stat().st_size
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
