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
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from hypothesis import HealthCheck, settings

from paiguard.cli import main

if TYPE_CHECKING:  # imported by the fixtures that need them: conftest stands alone
    from git_helpers import Repo, Spawned

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-26"

# The only skips a run may have: (test file, start of the skip reason). Any other skip fails the
# run, so a test cannot quietly stop running because a file it reads moved or a tool is missing.
ALLOWED_SKIPS = (
    # The product contract is kept beside the repository, not in it.
    ("tests/test_codes.py", "SPEC.md not found at "),
    # Features the operating system lacks (Windows): the tests cannot run there.
    ("tests/test_evidence_paths.py", "symlinks need privileges on Windows"),
    ("tests/test_evidence_paths.py", "no FIFOs here"),
    ("tests/test_limits.py", "no FIFOs here"),
    ("tests/test_multi_file.py", "FIFOs and symlinks need a POSIX system"),
    ("tests/test_pack_files.py", "needs /dev/zero"),
    # Tools beyond Python that a user's machine may lack; CI installs them and sets
    # PAIGUARD_REQUIRE_TOOLS=1, so there a missing tool fails the run (`missing_tool`).
    ("tests/test_editor.py", "Node.js and npm are not installed"),
    ("tests/test_report_chromium.py", "Chromium is not installed"),
)
REQUIRE_TOOLS = os.environ.get("PAIGUARD_REQUIRE_TOOLS") == "1"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME without git config, for the tests' git and for paiguard's."""
    folder = tmp_path / "home"
    folder.mkdir()
    for key in list(os.environ):
        if key.startswith("GIT_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return folder


@pytest.fixture
def repo(tmp_path: Path, home: Path) -> Repo:
    """An empty git repository, branch main, with the tests' git setup (`home`)."""
    from git_helpers import Repo

    return Repo(tmp_path / "repo", home)


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> Spawned:
    """What processes paiguard starts inside `spawned.watching()`."""
    from git_helpers import Spawned

    return Spawned(monkeypatch)


def missing_tool(what: str, how: str) -> NoReturn:
    """Skip a test whose tool is not installed, or fail it where the tools are required (CI),
    so that no CI run goes green without running it."""
    if REQUIRE_TOOLS:
        pytest.fail(f"{what} is not installed, and this run requires it ({how})")
    pytest.skip(f"{what} is not installed ({how})")


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


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def _fail_unexpected_skip(report: pytest.TestReport | pytest.CollectReport, file: str) -> None:
    """Turn a skip that is not on ALLOWED_SKIPS into a failure that says so."""
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = _skip_reason(report)
    if any(file == where and reason.startswith(start) for where, start in ALLOWED_SKIPS):
        return
    report.outcome = "failed"
    report.longrepr = (
        f"unexpected skip: {reason!r}. Only the skips listed in ALLOWED_SKIPS in "
        "tests/conftest.py may happen: make the test run here, or list its reason there with "
        "why it cannot run."
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    outcome = yield
    _fail_unexpected_skip(outcome.get_result(), _relative(item.path))  # type: ignore[attr-defined]


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    _fail_unexpected_skip(outcome.get_result(), _relative(collector.path))  # type: ignore[attr-defined]


def _relative(path: Path) -> str:
    return (
        path.resolve().relative_to(REPO).as_posix()
        if path.resolve().is_relative_to(REPO)
        else str(path)
    )
