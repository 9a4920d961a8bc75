"""Pack folders are read as carefully as declarations: a device or FIFO never hangs a run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_paiguard
from paiguard.pack_registry import PackRegistry
from paiguard.resources import guidance_dir


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_pack_folder_entry_linking_to_a_device_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "endless.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.yaml")
    run = run_paiguard("packs", "--pack-path", str(tmp_path))
    assert (run.code, run.err) == (0, "")
    assert run.out.startswith("pai-frontier-restricted-api@1 ")
    assert len(run.out.splitlines()) == 1


def test_an_oversized_pack_is_exit_2_with_its_path(tmp_path: Path) -> None:
    pack = tmp_path / "huge.yaml"
    with pack.open("wb") as handle:
        handle.truncate(16 * 1024 * 1024 + 1)  # sparse: costs no disk
    run = run_paiguard("packs", "--pack-path", str(tmp_path))
    assert run.code == 2
    assert run.err == (
        f"paiguard: error: {pack}:1:1: invalid pack: the file is 16777217 bytes, "
        "over the max_file_bytes limit of 16777216\n"
    )


def test_packs_are_the_files_directly_in_a_pack_folder(tmp_path: Path) -> None:
    """A subfolder (the shipped `guidance/sources/`, a folder of drafts) is never read: its
    YAML files are not packs, valid or not."""
    (tmp_path / "sources").mkdir()
    custom = REPO / "tests" / "packs" / "custom" / "org-policy.yaml"
    shutil.copy(custom, tmp_path / "sources" / "org-policy.yaml")
    (tmp_path / "sources" / "notes.yaml").write_text("not: [a pack\n", encoding="utf-8")
    run = run_paiguard("packs", "--pack-path", str(tmp_path))
    assert (run.code, run.err) == (0, "")
    assert [line.split()[0] for line in run.out.splitlines()] == ["pai-frontier-restricted-api@1"]
    shutil.copy(custom, tmp_path / "org-policy.yaml")
    listed = run_paiguard("packs", "--pack-path", str(tmp_path)).out.splitlines()
    assert [line.split()[0] for line in listed] == ["org-policy@1", "pai-frontier-restricted-api@1"]


def test_the_shipped_published_text_is_not_a_pack() -> None:
    sources = guidance_dir() / "sources"
    assert (sources / "pai-frontier-restricted-api.txt").is_file()
    assert [p.ref for p in PackRegistry().all()] == ["pai-frontier-restricted-api@1"]
