"""Checking on several cores prints exactly what a serial run prints, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO, TODAY, benchmark_generator, run_paiguard

from paiguard.parallel import BYTES_PER_JOB, auto_jobs


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Twelve realistic declarations with bad files between them, as the user lists them."""
    folder = tmp_path_factory.mktemp("batch")
    paths = benchmark_generator().generate(folder, 12)
    corpus = REPO / "tests" / "parse_corpus"
    for name in ("syntax.yaml", "schema-problems.yaml", "anchor.yaml", "all-codes.decl.yaml"):
        shutil.copy(corpus / name, folder / "declarations" / name)
    shutil.copytree(corpus / "evidence", folder / "declarations" / "evidence")
    bad = [folder / "declarations" / n for n in ("syntax.yaml", "schema-problems.yaml")]
    mixed = paths[:4] + bad + paths[4:9] + [folder / "declarations" / "anchor.yaml"] + paths[9:]
    mixed.append(folder / "declarations" / "all-codes.decl.yaml")
    return [str(p) for p in mixed]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_two_jobs_print_the_same_bytes_as_one(batch: list[str], fmt: str) -> None:
    serial = run_paiguard("check", "--format", fmt, "--today", TODAY, "--jobs", "1", *batch)
    parallel = run_paiguard("check", "--format", fmt, "--today", TODAY, "--jobs", "2", *batch)
    assert serial.code == parallel.code == 1
    assert serial.err == parallel.err == ""
    assert parallel.out == serial.out
    # the files come out in the order they were given
    shown = [line.split(":", 1)[0] for line in serial.out.splitlines() if ": PG" in line]
    assert list(dict.fromkeys(p for p in shown if p in batch)) == [
        p for p in batch if p in set(shown)
    ]


def test_the_default_uses_more_than_one_job_for_a_large_batch(
    batch: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("paiguard.parallel.usable_cores", lambda: 2)
    items = [(Path(p), p) for p in batch]
    assert auto_jobs(items) == 2
    default = run_paiguard("check", "--format", "json", "--today", TODAY, *batch)
    serial = run_paiguard("check", "--format", "json", "--today", TODAY, "-j", "1", *batch)
    assert default.out == serial.out


def test_a_small_batch_stays_in_one_process(tmp_path: Path) -> None:
    small = tmp_path / "a.paiguard.yaml"
    small.write_text("paiguard: 1\n", encoding="utf-8")
    assert small.stat().st_size < BYTES_PER_JOB
    assert auto_jobs([(small, "a"), (small, "b")]) == 1


def test_jobs_must_be_positive() -> None:
    run = run_paiguard("check", "--jobs", "0", "x.yaml")
    assert run.code == 2
    assert run.err.startswith("paiguard: error: ")
    assert "--jobs" in run.err


def test_spawned_workers_print_the_same_bytes(
    batch: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS and Windows start workers with spawn: they load the packs themselves."""
    import multiprocessing

    serial = run_paiguard("check", "--format", "json", "--today", TODAY, "-j", "1", *batch)
    monkeypatch.setattr(
        "paiguard.process_pool._context", lambda: multiprocessing.get_context("spawn")
    )
    spawned = run_paiguard("check", "--format", "json", "--today", TODAY, "-j", "2", *batch)
    assert spawned.out == serial.out
