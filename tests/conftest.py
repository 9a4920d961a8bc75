"""Shared test helpers: run the real command line in-process and capture what a user sees."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from paiguard.cli import main

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-26"


@dataclass
class Run:
    """What one `paiguard` invocation printed and returned."""

    code: int
    out: str
    err: str


def bounded(max_examples: int) -> settings:
    """Hypothesis settings for CI: a fixed number of examples, derandomized, no example
    database, no deadline (a slow machine must not turn into a flaky failure)."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def load_script(path: Path) -> ModuleType:
    """A script of the repository (benchmarks/, scripts/) as a module, loaded once."""
    name = f"_script_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return module


def benchmark_generator() -> ModuleType:
    """`benchmarks/generate.py`, which writes realistic declarations of the shipped pack."""
    return load_script(REPO / "benchmarks" / "generate.py")


def typed(value: Any) -> Any:
    """Plain data with each scalar's type kept (JSON alone would merge 1, 1.0 and True)."""
    if isinstance(value, dict):
        return {"map": [[k, typed(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return {"seq": [typed(v) for v in value]}
    return [type(value).__name__, repr(value)]


def run_paiguard(*args: str, cwd: Path | None = None) -> Run:
    """Run `paiguard ARGS` in-process, as the console script does."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd or Path.cwd()),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
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
