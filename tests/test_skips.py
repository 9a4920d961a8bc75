"""A skip fails the run unless its reason is on the allowlist in conftest.py: a test cannot
quietly stop running because a file it reads is missing from a clone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

ALLOWED = """\
import pytest

@pytest.mark.skipif(True, reason="SPEC.md not found at /elsewhere/SPEC.md")
def test_spec_table() -> None:
    pass
"""
UNEXPECTED = """\
import pytest

def test_reads_data() -> None:
    pytest.skip("data not found")

@pytest.mark.skipif(True, reason="SPEC.md not found at /elsewhere/SPEC.md")
def test_allowed_reason_in_another_file() -> None:
    pass
"""


def test_only_the_allowlisted_skips_pass(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    shutil.copy(REPO / "tests" / "conftest.py", tests)
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tests / "test_codes.py").write_text(ALLOWED, encoding="utf-8")
    (tests / "test_other.py").write_text(UNEXPECTED, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "tests"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    summary = run.stdout.splitlines()
    assert "SKIPPED [1] tests/test_codes.py:3: SPEC.md not found at /elsewhere/SPEC.md" in summary
    assert any(
        line.startswith("FAILED tests/test_other.py::test_reads_data - unexpected skip: ")
        for line in summary
    ), run.stdout
    assert any(
        line.startswith("ERROR tests/test_other.py::test_allowed_reason_in_another_file - ")
        for line in summary
    ), run.stdout
    assert "unexpected skip: 'data not found'. Only the skips listed in ALLOWED_SKIPS" in run.stdout
    assert run.stdout.splitlines()[-1].startswith("1 failed, 1 skipped, 1 error")
