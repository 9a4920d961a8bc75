"""Shared test helpers: run the real command line in-process and capture what a user sees."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from paiguard.cli import main

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-26"


@dataclass
class Run:
    """What one `paiguard` invocation printed and returned."""

    code: int
    out: str
    err: str


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_paiguard(*args: str, cwd: Path | None = None) -> Run:
    """Run `paiguard ARGS` in-process, as the console script does."""
    out, err = io.StringIO(), io.StringIO()
    with _cwd(cwd or Path.cwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True, scope="session")
def _private_pack_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests keep the pack cache (paiguard.pack_cache) out of the user's cache folder."""
    before = os.environ.get("PAIGUARD_CACHE_DIR")
    os.environ["PAIGUARD_CACHE_DIR"] = str(tmp_path_factory.mktemp("pack-cache"))
    yield
    if before is None:
        del os.environ["PAIGUARD_CACHE_DIR"]
    else:
        os.environ["PAIGUARD_CACHE_DIR"] = before
