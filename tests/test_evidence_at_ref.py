"""Evidence read from a git revision is judged exactly as evidence on disk (one check, two kinds
of files: paiguard.evidence_files). Each case is a real repository, committed: the declaration
is checked once against the work tree and once against the commit, and both must give the same
findings, message for message."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from git_helpers import Repo
from hostile_helpers import COVERAGE, evidence_declaration
from paiguard.engine import Settings, disk_files, evaluate, load, read_disk
from paiguard.evidence_files import SnapshotFiles
from paiguard.gitref import GitSnapshot
from paiguard.pack_registry import PackRegistry

DAY = "2026-11-02T10:00:00+00:00"
REPORT = b"report\n"
PIN = hashlib.sha256(REPORT).hexdigest()
UP = "../../"  # the declaration lies in models/nimbus/


def _link(repo: Repo, name: str, target: str | Path) -> None:
    path = repo.path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def _links(repo: Repo, *links: tuple[str, str]) -> None:
    for name, target in links:
        _link(repo, name, target)


Setup = Callable[[Repo], None]
CASES: dict[str, tuple[Setup, tuple[str, ...], str | None, list[str]]] = {
    # name: (what the repository holds besides docs/red-team.md, evidence paths, pin, codes)
    "inside": (lambda r: None, (f"{UP}docs/red-team.md",), None, []),
    "missing": (lambda r: None, (f"{UP}docs/gone.md",), None, ["PG202"]),
    "climbs out": (
        lambda r: None,
        (f"{UP}../secret.txt", f"{UP}docs/../../x"),
        None,
        ["PG203", "PG203"],
    ),
    "absolute and drive": (lambda r: None, ("/etc/passwd", "C:/x.md"), None, ["PG203"] * 2),
    "a file used as a folder": (
        lambda r: None,
        (f"{UP}docs/red-team.md/x", f"{UP}docs/red-team.md/..", f"{UP}docs/red-team.md/"),
        None,
        ["PG202"] * 3,
    ),
    "pinned, matching": (lambda r: None, (f"{UP}docs/red-team.md",), PIN, []),
    "pinned, changed": (
        lambda r: r.write("docs/red-team.md", "edited\n"),
        (f"{UP}docs/red-team.md",),
        PIN,
        ["PG205"],
    ),
    "a pinned folder": (lambda r: None, (f"{UP}docs",), PIN, ["PG205"]),
    "a file symlink inside": (
        lambda r: _link(r, "docs/latest.md", "red-team.md"),
        (f"{UP}docs/latest.md",),
        PIN,
        [],
    ),
    "a symlink outside": (
        lambda r: _link(r, "docs/leak.md", r.path.parent / "secret.txt"),
        (f"{UP}docs/leak.md",),
        None,
        ["PG203"],
    ),
    "an absolute symlink back inside": (
        lambda r: _link(r, "docs/abs.md", r.path / "docs" / "red-team.md"),
        (f"{UP}docs/abs.md",),
        PIN,
        [],
    ),
    "a dangling symlink": (
        lambda r: _link(r, "docs/dangling.md", "nowhere.md"),
        (f"{UP}docs/dangling.md",),
        None,
        ["PG202"],
    ),
    "a symlinked folder": (
        lambda r: _link(r, "alias", "docs"),
        (f"{UP}alias/red-team.md", f"{UP}alias/../docs/red-team.md"),
        None,
        ["PG203", "PG203"],
    ),
    "a symlink loop": (
        lambda r: _links(r, ("docs/a.md", "b.md"), ("docs/b.md", "a.md")),
        (f"{UP}docs/a.md",),
        None,
        ["PG203"],
    ),
    "a symlink to a symlinked file": (
        lambda r: _links(r, ("docs/one.md", "two.md"), ("docs/two.md", "red-team.md")),
        (f"{UP}docs/one.md",),
        PIN,
        [],
    ),
}


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_revision_gives_the_findings_the_work_tree_gives(
    name: str, tmp_path: Path, home: Path
) -> None:
    setup, paths, pin, codes = CASES[name]
    repo = Repo(tmp_path / "repo", home)
    (tmp_path / "secret.txt").write_text("outside\n")
    repo.write("docs/red-team.md", REPORT)
    setup(repo)
    declaration = repo.write("models/nimbus/paiguard.yaml", evidence_declaration(*paths, pin=pin))
    repo.commit("evidence", DAY)

    on_disk = _findings(declaration, None)
    with GitSnapshot.open(repo.path, "HEAD") as snapshot:
        at_ref = _findings(declaration, snapshot)
    assert [code for code, *_ in on_disk] == codes
    assert at_ref == on_disk


def test_a_path_inside_a_submodule_cannot_be_read_at_a_revision(tmp_path: Path, home: Path) -> None:
    inner = Repo(tmp_path / "inner", home)
    inner.write("doc.md", "inner\n")
    inner.commit("inner", DAY)
    repo = Repo(tmp_path / "repo", home)
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner.path), "sub")
    declaration = repo.write("paiguard.yaml", evidence_declaration("sub/doc.md", "sub"))
    repo.commit("with a submodule", DAY)
    assert _findings(declaration, None) == []
    with GitSnapshot.open(repo.path, "HEAD") as snapshot:
        assert _findings(declaration, snapshot) == [
            (
                "PG202",
                12,
                16,
                "evidence path of red-teaming.b1 cannot be read: 'sub/doc.md' "
                "(inside a git submodule, not read)",
            )
        ]


def _findings(declaration: Path, snapshot: GitSnapshot | None) -> list[tuple[str, int, int, str]]:
    """The evidence findings of the declaration on disk, or at the snapshot."""
    settings = Settings(today=dt.date(2026, 11, 26))
    loaded = load(read_disk(declaration, settings.limits), declaration, PackRegistry(), settings)
    if snapshot is None:
        files = disk_files(declaration)
    else:
        folder = declaration.parent.relative_to(snapshot.repository.root).as_posix()
        files = SnapshotFiles(snapshot, folder)
    result = evaluate(loaded, files, settings, "paiguard.yaml")
    return [
        (f.code, f.line, f.column, f.message) for f in result.findings if f.code not in COVERAGE
    ]
