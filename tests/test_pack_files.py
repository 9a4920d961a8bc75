"""Pack folders are read as carefully as declarations: a device or FIFO never hangs a run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_paiguard


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
