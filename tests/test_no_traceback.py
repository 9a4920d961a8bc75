"""Bad invocations of the real console entry: exit 2, one `paiguard: error:` line, no traceback.

These run `python -m paiguard` as a subprocess, as a shell or CI job would, so nothing in-process
(pytest's capture, an already-imported module) can hide an exception that escapes `main()`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import REPO

FIXTURES = "tests/fixtures/config"
DECLARATION = "examples/conforming"

BAD_INVOCATIONS = {
    "missing path": (["check", "no/such/paiguard.yaml"], "no/such/paiguard.yaml"),
    "bad option": (["check", "--colour", DECLARATION], "--colour"),
    "bad --format": (["check", "--format", "xml", DECLARATION], "xml"),
    "bad --fail-on": (["check", "--fail-on", "never", DECLARATION], "never"),
    "bad --today, not a date": (["check", "--today", "tomorrow", DECLARATION], "tomorrow"),
    "bad --today, no such day": (["check", "--today", "2026-02-30", DECLARATION], "2026-02-30"),
    "unknown command": (["lint", DECLARATION], "lint"),
    "unknown pack": (["packs", "show", "pai-no-such-pack"], "pai-no-such-pack"),
    "unknown explain id": (["explain", "red-teaming.b99"], "red-teaming.b99"),
    "unknown explain code": (["explain", "PG999"], "PG999"),
    "explain without id": (["explain"], "ID"),
    "missing config": (["check", "--config", "no-such.toml", DECLARATION], "no-such.toml"),
    "broken TOML": (["check", "--config", f"{FIXTURES}/broken.toml", DECLARATION], "TOML"),
    "config not UTF-8": (["check", "--config", f"{FIXTURES}/not-utf8.toml", DECLARATION], "UTF-8"),
    "config wrong type": (
        ["check", "--config", f"{FIXTURES}/wrong-type.toml", DECLARATION],
        "review_age_days",
    ),
    "config unknown key": (
        ["check", "--config", f"{FIXTURES}/unknown-key.toml", DECLARATION],
        "colour",
    ),
    "config locks PG001": (
        ["check", "--config", f"{FIXTURES}/locked-code.toml", DECLARATION],
        "PG001",
    ),
    "missing pack folder": (["check", "--pack-path", "no-such-dir", DECLARATION], "no-such-dir"),
}


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "paiguard", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def results() -> dict[str, subprocess.CompletedProcess[str]]:
    """Every bad invocation, run a few at a time (each is a fresh interpreter)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = pool.map(_run, (args for args, _ in BAD_INVOCATIONS.values()))
        return dict(zip(BAD_INVOCATIONS, runs, strict=True))


@pytest.mark.parametrize("case", sorted(BAD_INVOCATIONS))
def test_bad_invocation_is_one_error_line(
    case: str, results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    _, mentioned = BAD_INVOCATIONS[case]
    result = results[case]
    assert result.returncode == 2, result
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("paiguard: error: ")
    assert mentioned in lines[0]
    assert result.stdout == ""


def test_a_good_invocation_of_the_same_entry_point_still_works() -> None:
    result = _run(["check", DECLARATION, "--today", "2026-11-26", "--quiet"])
    assert (result.returncode, result.stderr) == (0, "")
