"""Reading a declaration's past from git (paiguard.gitref), in real repositories made per test:
files added, changed, deleted, renamed; symlinks and folders; shallow clones; hostile names and
revisions; size limits; history; and the git processes a run costs."""

from __future__ import annotations

import ast
import hashlib
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from git_helpers import Repo, Spawned
from paiguard import gitprocess, gitref
from paiguard.gitref import BlobTooLarge, GitError, GitRepository, GitSnapshot, HistoryEntry

DAY1, DAY2, DAY3 = (
    "2026-01-05T12:00:00+00:00",
    "2026-02-10T12:00:00+00:00",
    "2026-03-15T12:00:00+00:00",
)
MIB = 1024 * 1024


# --- what a revision holds ----------------------------------------------------------------


def test_a_file_added_changed_and_deleted_reads_as_it_was(repo: Repo) -> None:
    repo.write("paiguard.yaml", "version: 1\n")
    added = repo.commit("add", DAY1)
    repo.write("paiguard.yaml", "version: 2\n")
    changed = repo.commit("change", DAY2)
    (repo.path / "paiguard.yaml").unlink()
    deleted = repo.commit("delete", DAY3)

    with GitRepository.open(repo.path) as repository:
        at = {sha: repository.snapshot(sha) for sha in (added, changed, deleted)}
        assert at[added].read("paiguard.yaml", limit=100) == b"version: 1\n"
        assert at[changed].read("paiguard.yaml", limit=100) == b"version: 2\n"
        assert at[deleted].read("paiguard.yaml", limit=100) is None
        assert at[deleted].kind("paiguard.yaml") is None
        assert at[deleted].size("paiguard.yaml") is None
        assert at[changed].size("paiguard.yaml") == 11
        assert [at[s].commit_date for s in (added, changed, deleted)] == [
            date(2026, 1, 5),
            date(2026, 2, 10),
            date(2026, 3, 15),
        ]


def test_snapshot_names_its_commit_and_dates_in_each_persons_time_zone(repo: Repo) -> None:
    repo.write("paiguard.yaml", "a\n")
    sha = repo.commit("c", "2026-03-02T08:00:00+09:00", author_when="2026-03-01T23:30:00-05:00")
    repo.write("paiguard.yaml", "b\n")
    repo.commit("later", DAY3)
    with GitSnapshot.open(repo.path, "HEAD~1") as snapshot:
        assert (snapshot.ref, snapshot.sha) == ("HEAD~1", sha)
        assert snapshot.author_date == date(2026, 3, 1)  # 2026-03-02 04:30 in UTC
        assert snapshot.commit_date == date(2026, 3, 2)  # 2026-03-01 23:00 in UTC
        assert snapshot.repository.root == repo.path.resolve()
        assert snapshot.repository.shallow is False


def test_evidence_deleted_since_ref_is_there_at_ref(repo: Repo) -> None:
    repo.write("paiguard.yaml", "evidence: docs/red-team.md\n")
    repo.write("docs/red-team.md", "# Red team report\n")
    ref = repo.commit("evidence", DAY1)
    (repo.path / "docs" / "red-team.md").unlink()
    repo.commit("evidence removed", DAY2)
    (repo.path / "paiguard.yaml").unlink()  # and the declaration, not even committed

    with GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.kind("docs/red-team.md") == "file"
        assert snapshot.read("docs/red-team.md", limit=100) == b"# Red team report\n"
        digest = hashlib.sha256(b"# Red team report\n").hexdigest()
        assert snapshot.sha256("docs/red-team.md") == digest
        assert snapshot.read("paiguard.yaml", limit=100) == b"evidence: docs/red-team.md\n"


def test_folders_and_paths_resolve_as_in_a_checkout(repo: Repo) -> None:
    repo.write("docs/safety/card.md", "card\n")
    repo.write("paiguard.yaml", "x\n")
    (repo.path / "vendor" / "sub").mkdir(parents=True)  # a submodule not checked out
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},vendor/sub")
    ref = repo.commit("tree", DAY1)
    with GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.kind("docs") == snapshot.kind("docs/safety/") == "folder"
        assert snapshot.kind("") == snapshot.kind(".") == "folder"
        assert snapshot.read("docs", limit=100) is None
        assert snapshot.sha256("docs") is None
        assert snapshot.size("docs") is None
        assert snapshot.read("./docs//safety/card.md", limit=100) == b"card\n"
        assert snapshot.read("docs/safety/../../paiguard.yaml", limit=100) == b"x\n"
        assert snapshot.read("docs/../..", limit=100) is None  # above the top folder
        assert snapshot.kind("..") is None
        assert snapshot.kind("paiguard.yaml/") is None  # a file is no folder
        assert snapshot.kind("paiguard.yaml/..") is None
        assert snapshot.read("docs/nothing.md", limit=100) is None
        assert snapshot.kind("vendor/sub") == "submodule"
        assert snapshot.read("vendor/sub", limit=100) is None
        assert snapshot.kind("vendor/sub/README.md") is None
        with pytest.raises(ValueError, match="relative to the repository's top folder"):
            snapshot.read("/etc/passwd", limit=100)


def test_symlinks_are_entries_of_their_own_and_followed_when_read(repo: Repo) -> None:
    repo.write("docs/card.md", "card\n")
    os.symlink("docs/card.md", repo.path / "card-link.md")
    os.symlink("docs", repo.path / "docs-link")
    os.symlink("../../outside.md", repo.path / "docs" / "escape.md")
    os.symlink("/etc/passwd", repo.path / "absolute.md")
    os.symlink("gone.md", repo.path / "dangling.md")
    os.symlink("loop-b", repo.path / "loop-a")
    os.symlink("loop-a", repo.path / "loop-b")
    ref = repo.commit("links", DAY1)
    with GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.kind("card-link.md") == "symlink"
        assert snapshot.symlink_target("card-link.md") == "docs/card.md"
        assert snapshot.size("card-link.md") == len("docs/card.md")
        assert snapshot.read("card-link.md", limit=100) == b"card\n"
        assert snapshot.sha256("card-link.md") == hashlib.sha256(b"card\n").hexdigest()
        assert snapshot.kind("docs-link") == "symlink"
        assert snapshot.kind("docs-link/card.md") == "file"
        assert snapshot.read("docs-link/card.md", limit=100) == b"card\n"
        assert snapshot.symlink_target("docs/escape.md") == "../../outside.md"
        for nowhere in ("docs/escape.md", "absolute.md", "dangling.md", "loop-a"):
            assert snapshot.kind(nowhere) == "symlink"
            assert snapshot.read(nowhere, limit=100) is None
        assert snapshot.symlink_target("docs/card.md") is None


# --- renames -------------------------------------------------------------------------------


def test_a_renamed_declaration_is_found_at_its_old_path(repo: Repo) -> None:
    text = "paiguard: 1\n" + "".join(f"practice-{i}: implemented\n" for i in range(20))
    repo.write("paiguard.yaml", text)
    repo.write("other.yaml", "unrelated\n")
    ref = repo.commit("declaration", DAY1)
    (repo.path / "models").mkdir()
    repo.git("mv", "paiguard.yaml", "models/nimbus.paiguard.yaml")
    repo.commit("renamed", DAY2)
    repo.git("mv", "other.yaml", "renamed-staged.yaml")  # staged, not committed
    repo.write("models/nimbus.paiguard.yaml", text + "practice-x: planned\n")  # unstaged edit
    repo.write("new.paiguard.yaml", "paiguard: 1\n")
    repo.git("add", "new.paiguard.yaml")

    with GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.renamed_from("models/nimbus.paiguard.yaml") == "paiguard.yaml"
        assert snapshot.renamed_from("./models//nimbus.paiguard.yaml") == "paiguard.yaml"
        assert snapshot.renamed_from("renamed-staged.yaml") == "other.yaml"
        assert snapshot.renamed_from("new.paiguard.yaml") is None  # added since: no past
        assert snapshot.read("new.paiguard.yaml", limit=100) is None
        assert snapshot.renamed_from("paiguard.yaml") is None  # there at REF: not renamed
        assert snapshot.read("paiguard.yaml", limit=1000) == text.encode()


def test_a_path_present_at_ref_costs_no_rename_detection(repo: Repo, spawned: Spawned) -> None:
    repo.write("paiguard.yaml", "x\n")
    ref = repo.commit("c", DAY1)
    with spawned.watching(), GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.renamed_from("paiguard.yaml") is None
        assert spawned.count("diff") == 0
        assert snapshot.renamed_from("a.yaml") is None
        assert snapshot.renamed_from("b.yaml") is None
        assert spawned.count("diff") == 1  # computed once, for every path


# --- shallow clones, unknown revisions, no repository ------------------------------------


def _shallow_clone(repo: Repo, tmp_path: Path, home: Path) -> tuple[Repo, list[str]]:
    shas = []
    for i, when in enumerate((DAY1, DAY2, DAY3)):
        repo.write("paiguard.yaml", f"version: {i}\n")
        shas.append(repo.commit(f"c{i}", when))
    clone = Repo(tmp_path / "clone", home, init=False)
    Repo(tmp_path, home, init=False).git("clone", "-q", "--depth", "1", repo.path.as_uri(), "clone")
    return clone, shas


def test_a_shallow_clone_without_ref_says_how_to_fetch_it(
    repo: Repo, tmp_path: Path, home: Path
) -> None:
    clone, shas = _shallow_clone(repo, tmp_path, home)
    with pytest.raises(GitError) as caught:
        GitSnapshot.open(clone.path, shas[0])
    assert str(caught.value) == (
        f"revision '{shas[0]}' is not in this shallow clone: fetch it, e.g. "
        f"`git fetch --no-tags --depth=1 origin {shas[0]}` for that commit or "
        "`git fetch --deepen=100` for more history (with actions/checkout, `fetch-depth: 0`)"
    )
    with pytest.raises(GitError, match=r"'HEAD~1' is not in this shallow clone: .* origin <sha>`"):
        GitSnapshot.open(clone.path, "HEAD~1")


def test_a_shallow_clone_reads_ref_once_it_is_there(repo: Repo, tmp_path: Path, home: Path) -> None:
    clone, shas = _shallow_clone(repo, tmp_path, home)
    with GitSnapshot.open(clone.path, "HEAD") as snapshot:
        assert snapshot.repository.shallow is True
        assert snapshot.read("paiguard.yaml", limit=100) == b"version: 2\n"
    clone.git("fetch", "-q", "--no-tags", "--depth=1", "origin", shas[0])  # what the Action does
    with GitSnapshot.open(clone.path, shas[0]) as snapshot:
        assert snapshot.read("paiguard.yaml", limit=100) == b"version: 0\n"
        assert snapshot.commit_date == date(2026, 1, 5)


def test_an_unknown_revision_is_named(repo: Repo) -> None:
    repo.write("paiguard.yaml", "x\n")
    repo.commit("c", DAY1)
    with pytest.raises(GitError) as caught:
        GitSnapshot.open(repo.path, "mian")
    assert str(caught.value) == (
        "unknown revision 'mian': name a branch, tag or commit of this repository "
        "(`git log --oneline` lists the commits); a revision of a remote must be fetched "
        "first (e.g. `git fetch origin <branch>`, or with actions/checkout, `fetch-depth: 0`)"
    )
    with pytest.raises(
        GitError, match=r"^revision 'HEAD:paiguard.yaml' names a blob, not a commit$"
    ):
        GitSnapshot.open(repo.path, "HEAD:paiguard.yaml")
    with pytest.raises(GitError, match=r"^unknown revision 'HEAD~5'"):
        GitSnapshot.open(repo.path, "HEAD~5")


@pytest.mark.parametrize("ref", ["HEAD..HEAD", "HEAD...HEAD", "HEAD^!", "HEAD^@", "HEAD^-"])
def test_a_range_is_not_a_revision(repo: Repo, ref: str) -> None:
    """git prints a range's ends even as it refuses it; a root commit's `^!` is itself."""
    repo.write("paiguard.yaml", "x\n")
    repo.commit("c", DAY1)
    message = rf"^revision {re.escape(repr(ref))} is a range, not one commit: name the commit"
    with pytest.raises(GitError, match=message):
        GitSnapshot.open(repo.path, ref)


def test_a_repository_without_commits_has_no_revision(repo: Repo) -> None:
    with pytest.raises(GitError, match=r"^unknown revision 'HEAD'"):
        GitSnapshot.open(repo.path, "HEAD")


def test_not_a_repository(tmp_path: Path, home: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(GitError) as caught:
        GitSnapshot.open(folder, "HEAD")
    assert str(caught.value) == (
        f"{folder}: not inside a git work tree: reading a revision needs a git clone of the "
        "repository, with the history that holds 'HEAD' (with actions/checkout, "
        "`fetch-depth: 0`)"
    )
    with pytest.raises(GitError, match="not a folder, so not a git work tree"):
        GitSnapshot.open(folder / "missing", "HEAD")
    bare = Repo(tmp_path / "bare.git", home, args=("--bare",))
    with pytest.raises(GitError, match="not inside a git work tree"):
        GitRepository.open(bare.path)


def test_a_subfolder_opens_its_repository(repo: Repo) -> None:
    repo.write("models/paiguard.yaml", "x\n")
    repo.commit("c", DAY1)
    with GitSnapshot.open(repo.path / "models", "HEAD") as snapshot:
        assert snapshot.repository.root == repo.path.resolve()
        assert snapshot.read("models/paiguard.yaml", limit=10) == b"x\n"


# --- hostile names, revisions and environments ---------------------------------------------


@pytest.mark.parametrize(
    "ref", ["-h", "--output=/tmp/owned", "--all", "-", "", "HEAD\nmain", "HEAD\x00"]
)
def test_a_revision_that_git_could_read_as_an_option_is_refused(
    repo: Repo, ref: str, spawned: Spawned
) -> None:
    repo.write("paiguard.yaml", "x\n")
    repo.commit("c", DAY1)
    with (
        spawned.watching(),
        pytest.raises(GitError, match=r"^revision .* (starts with '-'|is not a name git accepts)"),
    ):
        GitSnapshot.open(repo.path, ref)
    assert spawned.argvs == []  # refused before git runs


def test_a_branch_really_named_with_a_dash_is_reached_by_its_full_name(repo: Repo) -> None:
    repo.write("paiguard.yaml", "x\n")
    sha = repo.commit("c", DAY1)
    repo.git("update-ref", "refs/heads/-x", sha)
    with pytest.raises(GitError, match=r"^revision '-x' starts with '-': .* refs/heads/-x\)$"):
        GitSnapshot.open(repo.path, "-x")
    with GitSnapshot.open(repo.path, "refs/heads/-x") as snapshot:
        assert snapshot.sha == sha


NEWLINE = "models/nimbus\n.paiguard.yaml"
LATIN1 = os.fsdecode(b"models/caf\xe9 \"quoted\" 'x'.paiguard.yaml")


def test_paths_with_newlines_quotes_and_non_utf8_bytes(repo: Repo) -> None:
    repo.write(NEWLINE, "newline\n" * 10)
    repo.write(os.fsencode(LATIN1), "latin1\n" * 10)
    repo.write("models/*.paiguard.yaml", "star\n")  # a pathspec wildcard is just a name
    ref = repo.commit("hostile names", DAY1)
    repo.git("mv", NEWLINE, "renamed\nagain.yaml")
    repo.git("mv", os.fsencode(LATIN1), b"caf\xe9-renamed.yaml")
    repo.commit("renamed", DAY2)
    with GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.read(NEWLINE, limit=100) == b"newline\n" * 10
        assert snapshot.read(LATIN1, limit=100) == b"latin1\n" * 10
        assert snapshot.kind("models") == "folder"
        assert snapshot.renamed_from("renamed\nagain.yaml") == NEWLINE
        assert snapshot.renamed_from(os.fsdecode(b"caf\xe9-renamed.yaml")) == LATIN1
        assert [e.path for e in snapshot.commits_touching("models/*.paiguard.yaml")] == [
            "models/*.paiguard.yaml"
        ]
    with GitSnapshot.open(repo.path, "HEAD") as snapshot:
        history = snapshot.commits_touching("renamed\nagain.yaml")
        assert [e.path for e in history] == [NEWLINE, "renamed\nagain.yaml"]


def test_callers_git_variables_and_user_config_change_nothing(
    repo: Repo, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write("paiguard.yaml", "".join(f"line {i}\n" for i in range(30)))
    ref = repo.commit("c1", DAY1)
    repo.git("mv", "paiguard.yaml", "nimbus.paiguard.yaml")
    repo.commit("c2", DAY2)
    other = Repo(tmp_path / "other", home)
    other.write("paiguard.yaml", "another repository\n")
    other.commit("other", DAY1)
    (home / ".gitconfig").write_text(
        "[color]\n\tui = always\n[core]\n\tpager = false\n\tquotePath = true\n"
        "[diff]\n\trenames = false\n\texternal = false\n\tnoprefix = true\n"
        "[log]\n\tfollow = false\n\tdate = relative\n[i18n]\n\tlogOutputEncoding = ISO-8859-1\n"
        "[format]\n\tpretty = oneline\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GIT_DIR", str(other.path / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other.path))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "no-index"))
    monkeypatch.setenv("GIT_PAGER", "false")
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", "false")
    with GitSnapshot.open(repo.path, ref) as snapshot:
        assert (
            snapshot.read("paiguard.yaml", limit=1000)
            == repo.git("show", f"{ref}:paiguard.yaml").encode()
        )
        assert snapshot.renamed_from("nimbus.paiguard.yaml") == "paiguard.yaml"
    with GitSnapshot.open(repo.path, "HEAD") as snapshot:
        assert [e.path for e in snapshot.commits_touching("nimbus.paiguard.yaml")] == [
            "paiguard.yaml",
            "nimbus.paiguard.yaml",
        ]


def test_nothing_is_written_to_the_work_tree_or_the_index(repo: Repo) -> None:
    repo.write("paiguard.yaml", "".join(f"line {i}\n" for i in range(30)))
    ref = repo.commit("c1", DAY1)
    repo.git("mv", "paiguard.yaml", "nimbus.paiguard.yaml")
    time.sleep(1.1)  # an index refresh would now record newer timestamps
    repo.write("nimbus.paiguard.yaml", "".join(f"line {i}\n" for i in range(31)))
    before = _state(repo)
    with GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.renamed_from("nimbus.paiguard.yaml") == "paiguard.yaml"
        snapshot.commits_touching("paiguard.yaml")
    assert _state(repo) == before


def _state(repo: Repo) -> dict[str, tuple[int, bytes]]:
    files = [p for p in repo.path.rglob("*") if p.is_file() and "objects" not in p.parts]
    return {str(p): (p.stat().st_mtime_ns, p.read_bytes()) for p in files}


# --- limits and timeouts --------------------------------------------------------------------


@pytest.mark.parametrize("size", [3 * MIB, 9 * MIB], ids=["skipped", "git restarted"])
def test_a_file_over_the_limit_is_refused_unread(repo: Repo, size: int, spawned: Spawned) -> None:
    repo.write("paiguard.yaml", b"#" * size)
    repo.write("small.yaml", "small\n")
    ref = repo.commit("big", DAY1)
    with spawned.watching(), GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.size("paiguard.yaml") == size
        with pytest.raises(BlobTooLarge) as caught:
            snapshot.read("paiguard.yaml", limit=2 * MIB)
        assert (caught.value.path, caught.value.size, caught.value.limit) == (
            "paiguard.yaml",
            size,
            2 * MIB,
        )
        assert str(caught.value) == f"paiguard.yaml: {size} bytes, more than the limit of {2 * MIB}"
        assert snapshot.read("small.yaml", limit=100) == b"small\n"  # and reading goes on
        assert snapshot.sha256("paiguard.yaml") == hashlib.sha256(b"#" * size).hexdigest()
        assert snapshot.read("paiguard.yaml", limit=size) == b"#" * size
    cat_files = spawned.count("cat-file")
    assert cat_files == (1 if size <= 8 * MIB else 3)  # restarted after each abandoned answer


def _fake_git(tmp_path: Path, hangs: str) -> Path:
    """A `git` that runs the real one, except that the command `hangs` never answers."""
    real = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    script = folder / "git"
    script.write_text(
        "#!/bin/sh\n"
        f'for arg in "$@"; do [ "$arg" = {hangs} ] && exec sleep 600; done\n'
        f'exec {real.strip()} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for git")
@pytest.mark.parametrize("hangs", ["cat-file", "rev-parse", "log"])
def test_a_stuck_git_is_stopped_after_the_timeout(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hangs: str
) -> None:
    repo.write("paiguard.yaml", "x\n")
    repo.commit("c", DAY1)
    monkeypatch.setenv("PATH", f"{_fake_git(tmp_path, hangs)}{os.pathsep}{os.environ['PATH']}")
    started = time.monotonic()
    with (
        pytest.raises(GitError, match=rf"^git {hangs} gave no answer within 0.5 s$"),
        GitSnapshot.open(repo.path, "HEAD", timeout=0.5) as snapshot,
    ):
        snapshot.commits_touching("paiguard.yaml")
    assert time.monotonic() - started < 5


# --- history --------------------------------------------------------------------------------


def test_history_of_a_file_renamed_once_over_five_commits(repo: Repo) -> None:
    shas = []
    for i in range(5):
        if i == 3:
            (repo.path / "models").mkdir()
            repo.git("mv", "paiguard.yaml", "models/nimbus.paiguard.yaml")
        name = "paiguard.yaml" if i < 3 else "models/nimbus.paiguard.yaml"
        repo.write(name, "".join(f"line {n}\n" for n in range(20 + i)))
        repo.write("unrelated.txt", f"{i}\n")
        shas.append(repo.commit(f"c{i}", f"2026-0{i + 1}-1{i}T09:00:00+02:00"))
    repo.write("unrelated.txt", "later\n")
    repo.commit("not touching it", "2026-07-01T09:00:00+00:00")

    with GitSnapshot.open(repo.path, "HEAD") as snapshot:
        history = snapshot.commits_touching("models/nimbus.paiguard.yaml")
    old, new = "paiguard.yaml", "models/nimbus.paiguard.yaml"
    assert history == [
        HistoryEntry(shas[0], date(2026, 1, 10), "Ada Author", old),
        HistoryEntry(shas[1], date(2026, 2, 11), "Ada Author", old),
        HistoryEntry(shas[2], date(2026, 3, 12), "Ada Author", old),
        HistoryEntry(shas[3], date(2026, 4, 13), "Ada Author", new),
        HistoryEntry(shas[4], date(2026, 5, 14), "Ada Author", new),
    ]
    assert "example.org" not in repr(history)  # no e-mail is collected


def test_history_stops_at_the_snapshot(repo: Repo) -> None:
    for i in range(3):
        repo.write("paiguard.yaml", f"{i}\n")
        repo.commit(f"c{i}", f"2026-0{i + 1}-01T00:00:00+00:00")
    with GitSnapshot.open(repo.path, "HEAD~1") as snapshot:
        assert [e.date.month for e in snapshot.commits_touching("paiguard.yaml")] == [1, 2]
        assert snapshot.commits_touching("never-there.yaml") == []


def test_each_commit_of_a_history_reads_without_another_git(repo: Repo) -> None:
    for i in range(5):
        repo.write("paiguard.yaml", f"version: {i}\n")
        repo.write("docs/evidence.md", "unchanged evidence\n")
        repo.commit(f"c{i}", f"2026-0{i + 1}-01T00:00:00+00:00")
    with GitRepository.open(repo.path) as repository:
        head = repository.snapshot("HEAD")
        history = head.commits_touching("paiguard.yaml")
        started = repository.processes
        texts = [repository.snapshot(e.sha).read(e.path, limit=100) for e in history]
        assert texts == [f"version: {i}\n".encode() for i in range(5)]
        assert repository.processes == started  # a full sha is read through cat-file


# --- process budget ---------------------------------------------------------------------------


def test_one_cat_file_serves_every_read(repo: Repo, spawned: Spawned) -> None:
    for i in range(40):
        repo.write(f"models/m{i}/paiguard.yaml", f"model: {i}\n")
        repo.write(f"models/m{i}/evidence/card.md", f"card {i}\n")
    ref = repo.commit("many", DAY1)
    with spawned.watching(), GitSnapshot.open(repo.path, ref) as snapshot:
        for i in range(40):
            assert (
                snapshot.read(f"models/m{i}/paiguard.yaml", limit=100) == f"model: {i}\n".encode()
            )
            assert snapshot.kind(f"models/m{i}/evidence/card.md") == "file"
            assert snapshot.sha256(f"models/m{i}/evidence/card.md") is not None
            assert snapshot.size(f"models/m{i}/evidence/card.md") == len(f"card {i}\n")
        assert snapshot.repository.processes == 2
    assert spawned.count("cat-file") == 1
    assert spawned.count("rev-parse") == 1
    assert len(spawned.argvs) == 2
    assert all(p.poll() is not None for p in spawned.processes)  # closed on exit


def test_every_git_runs_with_the_safe_settings(repo: Repo, spawned: Spawned) -> None:
    repo.write("paiguard.yaml", "x\n")
    ref = repo.commit("c", DAY1)
    with spawned.watching(), GitSnapshot.open(repo.path, ref) as snapshot:
        snapshot.read("paiguard.yaml", limit=10)
        snapshot.renamed_from("new.yaml")
        snapshot.commits_touching("paiguard.yaml")
    assert len(spawned.argvs) == 4
    for argv in spawned.argvs:
        assert "core.fsmonitor=false" in argv and "protocol.allow=never" in argv
        assert "--no-pager" in argv


def test_a_sha256_repository_is_read_too(tmp_path: Path, home: Path) -> None:
    repo = Repo(tmp_path / "sha256", home, args=("--object-format=sha256",))
    repo.write("docs/card.md", "card\n")
    ref = repo.commit("c", DAY1)
    assert len(ref) == 64
    with GitSnapshot.open(repo.path, ref) as snapshot:
        assert snapshot.read("docs/card.md", limit=10) == b"card\n"


def _imports(module: Any) -> set[str]:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    found |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return {name for name in found if name.startswith("paiguard")}


def test_the_modules_stay_apart_from_the_rest_of_paiguard() -> None:
    assert _imports(gitref) == {"paiguard.gitprocess"}
    assert _imports(gitprocess) == {"paiguard.errors"}
