"""One bad file among many is reported on its own; the others are still checked; walks end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile_helpers import HEAD, check_json, located

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo"), reason="FIFOs and symlinks need a POSIX system"
)


def _folder_of_bad_files(root: Path) -> None:
    (root / "a-good.paiguard.yaml").write_text(HEAD)
    (root / "b-broken.paiguard.yaml").write_text(HEAD + "practices: {\n")
    with (root / "c-huge.paiguard.yaml").open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    os.mkfifo(root / "d-fifo.paiguard.yaml")
    (root / "e-dangling.paiguard.yaml").symlink_to(root / "nowhere.yaml")
    (root / "f-loop.paiguard.yaml").symlink_to("g-loop.paiguard.yaml")
    (root / "g-loop.paiguard.yaml").symlink_to("f-loop.paiguard.yaml")
    (root / "h-device.paiguard.yaml").symlink_to("/dev/zero")
    (root / "i-good.paiguard.yaml").write_text(HEAD)


def test_bad_files_are_reported_and_the_rest_are_checked(tmp_path: Path) -> None:
    _folder_of_bad_files(tmp_path)
    run, output = check_json(".", cwd=tmp_path)
    assert (run.code, run.err) == (1, "")
    got = {
        f["path"]: [(x["code"], x["message"]) for x in f["findings"] if x["code"] < "PG100"]
        for f in output["files"]
    }
    unreadable = "cannot read the file: "
    assert got == {
        "a-good.paiguard.yaml": [],
        "b-broken.paiguard.yaml": [
            ("PG001", "did not find expected node content (while parsing a flow node)")
        ],
        "c-huge.paiguard.yaml": [
            ("PG003", "the file is 3145728 bytes, over the max_file_bytes limit of 2097152")
        ],
        "d-fifo.paiguard.yaml": [("PG001", unreadable + "not a regular file")],
        "e-dangling.paiguard.yaml": [("PG001", unreadable + "No such file or directory")],
        "f-loop.paiguard.yaml": [("PG001", unreadable + "Too many levels of symbolic links")],
        "g-loop.paiguard.yaml": [("PG001", unreadable + "Too many levels of symbolic links")],
        "h-device.paiguard.yaml": [("PG001", unreadable + "not a regular file")],
        "i-good.paiguard.yaml": [],
    }
    good = [f for f in output["files"] if f["path"].endswith("good.paiguard.yaml")]
    assert [f["pack"]["id"] for f in good] == ["pai-frontier-restricted-api"] * 2


def test_files_named_one_by_one_are_all_reported(tmp_path: Path) -> None:
    _folder_of_bad_files(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    run, output = check_json(*names, cwd=tmp_path)
    assert run.code == 1
    assert [f["path"] for f in output["files"]] == names


def test_thousands_of_files_and_symlink_loops_finish(tmp_path: Path) -> None:
    for i in range(40):
        folder = tmp_path / f"team-{i:02}"
        folder.mkdir()
        (folder / "loop").symlink_to("..", target_is_directory=True)
        (folder / "self").symlink_to(".", target_is_directory=True)
        for j in range(50):
            (folder / f"notes-{j}.md").write_text("not a declaration\n")
            (folder / f"m{j:02}.paiguard.yaml").write_text("paiguard: 1\n")
    (tmp_path / "a").symlink_to("b", target_is_directory=True)
    (tmp_path / "b").symlink_to("a", target_is_directory=True)
    run, output = check_json(".", cwd=tmp_path)
    assert (run.code, run.err) == (1, "")
    paths = [f["path"] for f in output["files"]]
    assert len(paths) == 2000
    assert paths[:2] == ["team-00/m00.paiguard.yaml", "team-00/m01.paiguard.yaml"]
    assert paths[-1] == "team-39/m49.paiguard.yaml"
    assert all(located(f) == ["PG002 1:1", "PG002 1:1"] for f in output["files"])
