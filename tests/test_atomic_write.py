"""Writes never lose data: `atomic_write` and `check --output` keep the old file on any failure."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conftest import TODAY, run_paiguard
from hostile_helpers import HEAD
from paiguard.errors import PaiguardError
from paiguard.fsio import atomic_write

OLD = "what the user wrote\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_is_written_with_the_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    atomic_write(target, "ünïcode\r\nkept as is\n")
    assert target.read_bytes() == "ünïcode\r\nkept as is\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert _leftovers(tmp_path) == []


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text(OLD)
    with pytest.raises(PaiguardError, match="file exists; use --force to replace it"):
        atomic_write(target, "new\n")
    assert target.read_text() == OLD
    assert _leftovers(tmp_path) == []


def test_a_dangling_symlink_is_not_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(PaiguardError, match="file exists"):
        atomic_write(target, "new\n")
    assert target.is_symlink()
    assert not (tmp_path / "elsewhere.md").exists()


def test_force_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text(OLD)
    target.chmod(0o640)
    atomic_write(target, "new\n", force=True)
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_folder_is_never_replaced(tmp_path: Path) -> None:
    with pytest.raises(PaiguardError, match="is a folder, not a file"):
        atomic_write(tmp_path, "new\n", force=True)
    assert tmp_path.is_dir()


@pytest.mark.parametrize("failing", ["fsync", "replace", "chmod"])
def test_a_failure_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out.md"
    target.write_text(OLD)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(PaiguardError, match="cannot write: No space left on device"):
        atomic_write(target, "new\n" * 1000, force=True)
    monkeypatch.undo()
    assert target.read_text() == OLD
    assert _leftovers(tmp_path) == []


def test_an_interrupt_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text(OLD)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new\n", force=True)
    monkeypatch.undo()
    assert target.read_text() == OLD
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PaiguardError, match="cannot write: No such file or directory"):
        atomic_write(tmp_path / "no" / "out.md", "new\n")


def _declaration(folder: Path) -> None:
    (folder / "paiguard.yaml").write_text(HEAD)


def test_check_output_never_clobbers_without_force(tmp_path: Path) -> None:
    _declaration(tmp_path)
    (tmp_path / "out.json").write_text(OLD)
    run = run_paiguard(
        "check", "--format", "json", "--output", "out.json", "--today", TODAY, cwd=tmp_path
    )
    assert run.code == 2
    assert run.err == "paiguard: error: out.json: file exists; use --force to replace it\n"
    assert (tmp_path / "out.json").read_text() == OLD


def test_check_output_with_force_replaces(tmp_path: Path) -> None:
    _declaration(tmp_path)
    (tmp_path / "out.json").write_text(OLD)
    args = ("check", "--format", "json", "-o", "out.json", "--force", "--today", TODAY)
    run = run_paiguard(*args, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (1, "", "")
    assert (tmp_path / "out.json").read_text().startswith('{\n  "paiguard": ')
    assert _leftovers(tmp_path) == []


def test_check_output_failing_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _declaration(tmp_path)
    (tmp_path / "out.txt").write_text(OLD)

    def broken(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken)
    run = run_paiguard("check", "-o", "out.txt", "--force", "--today", TODAY, cwd=tmp_path)
    monkeypatch.undo()
    assert run.code == 2
    assert run.err == "paiguard: error: out.txt: cannot write: Input/output error\n"
    assert (tmp_path / "out.txt").read_text() == OLD
    assert _leftovers(tmp_path) == []
