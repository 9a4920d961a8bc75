"""No file can stop a run: an evidence path the OS refuses is a finding for that practice.

A name too long (ENAMETOOLONG), a folder paiguard may not enter (EACCES), a file used as a
folder (ENOTDIR): each is a PG202 that says what the OS said, and every other declaration of
the run is still checked and reported.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TODAY
from hostile_helpers import check_json, evidence_declaration

NOBODY = 65534
LONG_NAME = "n" * 300 + ".md"
LONG_PATH = "/".join(["d" * 200] * 21)  # 4,220 characters


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temp folder any user may enter (pytest's own is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="paiguard-os-"))
    folder.chmod(0o755)
    yield folder
    for root, dirs, _ in os.walk(folder):
        for name in dirs:
            (Path(root) / name).chmod(0o755)
    shutil.rmtree(folder)


def _batch(root: Path) -> list[str]:
    """200 declarations in a repository: one cites a 300-character file name, one a file
    under a folder nobody may enter, one a 4,220-character path; the rest cite nothing."""
    (root / ".git").mkdir()
    locked = root / "locked"
    (locked / "inner").mkdir(parents=True)
    (locked / "inner" / "report.md").write_text("evidence\n")
    names = []
    for i in range(200):
        folder = root / f"m{i:03d}"
        folder.mkdir()
        paths = {0: [LONG_NAME], 1: ["../locked/inner/report.md"], 2: [LONG_PATH]}.get(i, [])
        text = evidence_declaration(*paths) if paths else evidence_declaration("missing.md")
        (folder / "paiguard.yaml").write_text(text)
        names.append(f"m{i:03d}/paiguard.yaml")
    locked.chmod(0)
    for folder in (root, *root.iterdir()):
        if folder.is_dir() and folder != locked:
            folder.chmod(0o755)
    return names


def _evidence_messages(report: dict[str, object]) -> dict[str, str]:
    files = report["files"]
    assert isinstance(files, list)
    return {
        f["path"]: next(x["message"] for x in f["findings"] if x["code"].startswith("PG20"))
        for f in files
    }


def test_two_hundred_declarations_all_reported_as_an_unprivileged_user(shared_tmp: Path) -> None:
    names = _batch(shared_tmp)
    command = [sys.executable, "-m", "paiguard", "check", "--format", "json", "--today", TODAY]
    if os.geteuid() == 0:  # root enters any folder: drop to nobody, as a CI runner user is
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    env = {**os.environ, "PAIGUARD_NO_CACHE": "1"}
    done = subprocess.run(
        [*command, *names], cwd=shared_tmp, capture_output=True, text=True, env=env, check=False
    )
    assert done.stderr == ""
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert [f["path"] for f in report["files"]] == names
    assert all(f["findings"] for f in report["files"])
    messages = _evidence_messages(report)
    assert messages["m000/paiguard.yaml"] == (
        f"evidence path of red-teaming.b1 cannot be read: '{LONG_NAME}' (File name too long)"
    )
    assert messages["m001/paiguard.yaml"] == (
        "evidence path of red-teaming.b1 cannot be read: '../locked/inner/report.md' "
        "(Permission denied)"
    )
    assert messages["m002/paiguard.yaml"].startswith("evidence path of red-teaming.b1 cannot be")
    assert messages["m002/paiguard.yaml"].endswith("(File name too long)")
    assert messages["m003/paiguard.yaml"] == (
        "evidence path of red-teaming.b1 does not exist: 'missing.md'"
    )


def test_any_os_error_on_an_evidence_path_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the OS says (here an I/O error, injected), the practice gets a PG202 with it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "report.md").write_text("evidence\n")
    (tmp_path / "paiguard.yaml").write_text(evidence_declaration("report.md"))
    real_stat = os.stat

    def failing_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).endswith("report.md"):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", failing_stat)
    run, report = check_json("paiguard.yaml", cwd=tmp_path)
    assert run.code == 1
    assert run.err == ""
    [finding] = [f for f in report["files"][0]["findings"] if f["code"] == "PG202"]
    assert finding["message"] == (
        "evidence path of red-teaming.b1 cannot be read: 'report.md' (Input/output error)"
    )
    assert (finding["line"], finding["column"]) == (12, 16)


def test_an_unreadable_pinned_file_is_a_finding_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "report.md").write_text("evidence\n")
    (tmp_path / "paiguard.yaml").write_text(evidence_declaration("report.md", pin="a" * 64))
    real_open = os.open

    def failing_open(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith("report.md"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", failing_open)
    run, report = check_json("paiguard.yaml", cwd=tmp_path)
    assert run.code == 1
    [finding] = [f for f in report["files"][0]["findings"] if f["code"].startswith("PG20")]
    assert finding["code"] == "PG202"
    assert finding["message"].endswith("'report.md' (Permission denied)")
    assert (finding["line"], finding["column"]) == (12, 37)  # at the pin it could not verify


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("report.md/", "cannot be read: 'report.md/' (Not a directory)"),
        ("report.md/..", "cannot be read: 'report.md/..' (Not a directory)"),
        ("report.md/../report.md", "cannot be read: 'report.md/../report.md' (Not a directory)"),
        ("missing/../report.md", "does not exist: 'missing/../report.md'"),
    ],
)
def test_paths_are_judged_as_the_os_would(tmp_path: Path, path: str, message: str) -> None:
    """`file/` and `file/..` are no folders to the OS, whatever the text normalises to."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "report.md").write_text("evidence\n")
    (tmp_path / "paiguard.yaml").write_text(evidence_declaration(path))
    run, report = check_json("paiguard.yaml", cwd=tmp_path)
    assert run.code == 1
    [finding] = [f for f in report["files"][0]["findings"] if f["code"].startswith("PG20")]
    assert finding["code"] == "PG202"
    assert finding["message"] == f"evidence path of red-teaming.b1 {message}"


def test_a_folder_named_with_a_slash_is_still_evidence(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "paiguard.yaml").write_text(evidence_declaration("docs/", "docs/."))
    _, report = check_json("paiguard.yaml", cwd=tmp_path)
    assert not [f for f in report["files"][0]["findings"] if f["code"].startswith("PG20")]
