"""Evidence paths never leave the repository, and only regular files inside it are ever read."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from hostile_helpers import check_json, evidence_declaration, located

needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
# Where the first evidence `path:` value stands (its `sha256:` follows on the same line).
FIRST = "12:16"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with docs/ inside and a secret file outside it."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "red-team.md").write_text("report\n")
    (tmp_path / "secret.txt").write_text("outside\n")
    return root


def _check(repo: Path, *paths: str, pin: str | None = None) -> list[str]:
    (repo / "paiguard.yaml").write_text(evidence_declaration(*paths, pin=pin))
    run, output = check_json("paiguard.yaml", cwd=repo)
    assert run.err == ""
    return located(output["files"][0])


def test_paths_inside_the_repository_pass(repo: Path) -> None:
    sub = repo / "models" / "nimbus"
    sub.mkdir(parents=True)
    (sub / "paiguard.yaml").write_text(evidence_declaration("../../docs/red-team.md"))
    _, output = check_json("paiguard.yaml", cwd=sub)
    assert located(output["files"][0]) == []


@pytest.mark.parametrize(
    "raw", ["../secret.txt", "docs/../../secret.txt", "/etc/passwd", "C:/Windows/win.ini"]
)
def test_paths_that_climb_out_are_pg203(repo: Path, raw: str) -> None:
    assert _check(repo, raw) == [f"PG203 {FIRST}"]


@needs_symlinks
def test_a_symlink_pointing_outside_is_pg203(repo: Path) -> None:
    (repo / "docs" / "leak.md").symlink_to(repo.parent / "secret.txt")
    assert _check(repo, "docs/leak.md") == [f"PG203 {FIRST}"]


@needs_symlinks
def test_a_file_symlink_inside_the_repository_passes(repo: Path) -> None:
    (repo / "docs" / "latest.md").symlink_to("red-team.md")
    assert _check(repo, "docs/latest.md") == []


@needs_symlinks
def test_a_path_through_a_symlinked_folder_is_pg203_even_inside(repo: Path) -> None:
    (repo / "alias").symlink_to("docs", target_is_directory=True)
    assert _check(repo, "alias/red-team.md") == [f"PG203 {FIRST}"]


@needs_symlinks
def test_dot_dot_after_a_symlinked_folder_is_pg203(repo: Path) -> None:
    """`link/../x` is not `x`: the OS climbs from the link's target, outside the repository."""
    far = repo.parent / "far" / "away"
    far.mkdir(parents=True)
    (repo.parent / "far" / "red-team.md").write_text("decoy\n")
    (repo / "link").symlink_to(far, target_is_directory=True)
    assert _check(repo, "link/../red-team.md") == [f"PG203 {FIRST}"]


@needs_symlinks
def test_a_symlink_loop_is_pg203(repo: Path) -> None:
    (repo / "docs" / "a.md").symlink_to("b.md")
    (repo / "docs" / "b.md").symlink_to("a.md")
    assert _check(repo, "docs/a.md") == [f"PG203 {FIRST}"]


def test_a_matching_pin_passes_and_a_changed_file_is_pg205(repo: Path) -> None:
    digest = hashlib.sha256(b"report\n").hexdigest()
    assert _check(repo, "docs/red-team.md", pin=digest) == []
    (repo / "docs" / "red-team.md").write_text("report, edited\n")
    assert _check(repo, "docs/red-team.md", pin=digest) == ["PG205 12:44"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pinned_fifo_is_never_opened(repo: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes: paiguard must not try."""
    os.mkfifo(repo / "docs" / "pipe.md")
    findings = _check(repo, "docs/pipe.md", pin="0" * 64)
    assert findings == ["PG205 12:40"]


@needs_symlinks
def test_a_symlink_to_a_device_is_outside_and_never_read(repo: Path) -> None:
    (repo / "docs" / "zero.md").symlink_to("/dev/zero")
    assert _check(repo, "docs/zero.md", pin="0" * 64) == [f"PG203 {FIRST}"]
