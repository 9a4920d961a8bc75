"""`paiguard report PATH --kind history` (SPEC 4.1): one row per commit that changed the
declaration, oldest first, each version checked as of its commit's date with its evidence as
that commit held it, and a Mermaid chart; in real repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from git_helpers import Repo, Spawned
from markdown_checks import assert_safe, parse, tables
from ratchet_helpers import DAYS, declaration, paiguard

EVIDENCE = "{status: implemented, evidence: [{path: docs/red-team.md}]}"
WAIVER = (
    "waivers:\n  - {practice: external-evaluation.b1, reason: External evaluators are booked "
    "for the spring release, approved_by: Chief Safety Officer, expires: 2026-04-15}\n"
)


@pytest.fixture
def five(repo: Repo) -> Repo:
    """Five commits that change the declaration (and one that does not): added with two
    gaps; red-teaming.b1 implemented; novel-risks.r1 dropped and external-evaluation.b1
    waived until 2026-04-15; the red-team report deleted; the declaration moved into models/
    and the report restored."""
    repo.write("paiguard.yaml", declaration("red-teaming.b1", "external-evaluation.b1"))
    repo.commit("add the declaration", DAYS[0])
    repo.write("docs/red-team.md", "red team report\n")
    repo.write(
        "paiguard.yaml", declaration("external-evaluation.b1", lines={"red-teaming.b1": EVIDENCE})
    )
    repo.commit("red teaming", DAYS[1])
    repo.write("README.md", "not the declaration\n")
    repo.commit("readme", DAYS[2])
    third = declaration(
        "external-evaluation.b1", "novel-risks.r1", lines={"red-teaming.b1": EVIDENCE}
    )
    repo.write("paiguard.yaml", third + WAIVER)
    repo.commit("waive external evaluation", DAYS[2])
    (repo.path / "docs" / "red-team.md").unlink()
    repo.write("paiguard.yaml", "# the report is being redone\n" + third + WAIVER)
    repo.commit("withdraw the red-team report", DAYS[3])
    (repo.path / "paiguard.yaml").unlink()
    repo.write("docs/red-team.md", "red team report, redone\n")
    moved = {"red-teaming.b1": EVIDENCE.replace("docs/", "../docs/")}
    repo.write(
        "models/nimbus.paiguard.yaml",
        "# the report is being redone\n"
        + declaration("external-evaluation.b1", "novel-risks.r1", lines=moved)
        + WAIVER,
    )
    repo.commit("move the declaration", DAYS[4])
    return repo


def test_five_commits_give_five_rows_with_their_tallies_and_a_chart(five: Repo) -> None:
    run = paiguard(five, "report", "models/nimbus.paiguard.yaml", "--kind", "history")
    assert (run.code, run.err) == (0, "")
    shas = five.git("log", "--format=%h", "--abbrev=7", "--reverse", "--", ".").split()
    shas = [sha for sha, subject in zip(shas, _subjects(five), strict=True) if subject != "readme"]
    rows = tables(run.out)[0].rows
    assert rows == [
        ["2026-01-01", shas[0], "Ada Author", "72/74", "45/45", "0", "0"],
        ["2026-02-02", shas[1], "Ada Author", "73/74", "45/45", "0", "0"],
        ["2026-03-03", shas[2], "Ada Author", "73/74", "44/45", "0", "1"],  # waived then
        ["2026-04-04", shas[3], "Ada Author", "72/74", "44/45", "1", "1"],  # no report then
        ["2026-05-05", shas[4], "Ada Author", "73/74", "44/45", "0", "0"],  # waiver expired
    ]
    charts = [t for t in parse(run.out) if t.type == "fence"]
    assert [(c.info, c.content) for c in charts] == [
        (
            "mermaid",
            "xychart-beta\n"
            '    title "Practices met"\n'
            '    x-axis ["2026-01-01", "2026-02-02", "2026-03-03", "2026-04-04", "2026-05-05"]\n'
            '    y-axis "Practices met" 0 --> 74\n'
            "    line [72, 73, 73, 72, 73]\n"
            "    line [45, 45, 44, 44, 44]\n",
        )
    ]
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"```mermaid\n{charts[0].content}```\n" in readme  # the README shows this chart
    assert run.out.startswith(
        "# Coverage history: models/nimbus.paiguard.yaml\n\n"
        "- **Declaration:** models/nimbus.paiguard.yaml\n"
        "- **Date:** 2026-11-26\n"
        "- **Commits:** 5 commits changed the declaration."
    )
    assert "ada@example.org" not in run.out and "Uncommitted" not in run.out
    assert_safe(run.out)
    again = paiguard(five, "report", "models/nimbus.paiguard.yaml", "--kind", "history")
    assert again.out == run.out  # byte-identical on rerun


def _subjects(five: Repo) -> list[str]:
    return five.git("log", "--format=%s", "--reverse", "--", ".").splitlines()


def test_the_whole_history_costs_three_git_processes(five: Repo, spawned: Spawned) -> None:
    with spawned.watching():
        run = paiguard(five, "report", "models/nimbus.paiguard.yaml", "--kind", "history")
    assert run.code == 0
    assert [
        next(w for w in a[1:] if w in ("rev-parse", "log", "cat-file")) for a in spawned.argvs
    ] == [
        "rev-parse",
        "cat-file",
        "log",
    ]


def test_an_author_named_by_an_email_address_is_hidden(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration())
    repo.git("add", "-A")
    dates = {"GIT_AUTHOR_DATE": DAYS[0], "GIT_COMMITTER_DATE": DAYS[0]}
    repo.git("commit", "-qm", "c", env={"GIT_AUTHOR_NAME": "dana@example.org", **dates})
    run = paiguard(repo, "report", "paiguard.yaml", "--kind", "history")
    assert run.code == 0
    assert "@" not in run.out
    assert tables(run.out)[0].rows[0][2] == "(e-mail hidden)"


def test_an_unreadable_version_is_a_row_without_tallies(repo: Repo) -> None:
    repo.write("paiguard.yaml", "practices: [\n")
    repo.commit("broken", DAYS[0])
    repo.write("paiguard.yaml", declaration())
    repo.commit("fixed", DAYS[1])
    run = paiguard(repo, "report", "paiguard.yaml", "--kind", "history")
    rows = tables(run.out)[0].rows
    assert [row[3:] for row in rows] == [
        [
            "not checked: PG001 at line 2: did not find expected node content (while parsing a "
            "flow node)",
            "—",
            "—",
            "—",
        ],
        ["74/74", "45/45", "0", "0"],
    ]
    assert 'x-axis ["2026-02-02"]' in run.out  # the chart has the checked versions only


def test_shallow_clones_and_uncommitted_changes_are_noted(
    five: Repo, tmp_path: Path, home: Path
) -> None:
    Repo(tmp_path, home, init=False).git(
        "clone", "-q", "--depth=2", "--no-tags", five.path.as_uri(), "clone"
    )
    clone = Repo(tmp_path / "clone", home, init=False)
    path = clone.path / "models" / "nimbus.paiguard.yaml"
    path.write_text(path.read_text() + "# edited\n")
    run = paiguard(clone, "report", "models/nimbus.paiguard.yaml", "--kind", "history")
    assert run.code == 0
    assert len(tables(run.out)[0].rows) == 2
    assert "- **Shallow clone:** older commits are not in this clone" in run.out
    assert "- **Uncommitted changes:** the declaration in the work tree differs" in run.out


def test_a_declaration_no_commit_holds_is_exit_2(repo: Repo) -> None:
    repo.write("README.md", "x\n")
    repo.commit("c", DAYS[0])
    repo.write("paiguard.yaml", declaration())
    run = paiguard(repo, "report", "paiguard.yaml", "--kind", "history")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "paiguard: error: paiguard.yaml: no commit holds this declaration, so it has no history "
        "yet: commit it\n"
    )


def test_outside_a_work_tree_is_exit_2(tmp_path: Path, home: Path) -> None:
    (tmp_path / "paiguard.yaml").write_text(declaration(), encoding="utf-8")
    run = paiguard(Repo(tmp_path, home, init=False), "report", "paiguard.yaml", "--kind", "history")
    assert run.code == 2
    assert "not inside a git work tree" in run.err


def test_the_html_history_has_the_same_rows_and_an_svg_chart(five: Repo) -> None:
    from html_checks import assert_safe as assert_safe_html

    run = paiguard(
        five, "report", "models/nimbus.paiguard.yaml", "--kind", "history", "--format", "html"
    )
    assert (run.code, run.err) == (0, "")
    page = assert_safe_html(run.out)
    [table] = [t for t in page.root.iter() if t.tag.endswith("table")]
    rows = [r for r in table.iter() if r.tag.endswith("tr")]
    cells = [[c.text for c in r if c.tag.endswith("td")] for r in rows[1:]]
    assert [row[0] for row in cells] == [
        "2026-01-01",
        "2026-02-02",
        "2026-03-03",
        "2026-04-04",
        "2026-05-05",
    ]
    assert [row[3:] for row in cells][2] == ["73/74", "44/45", "0", "1"]
    lines = [e for e in page.root.iter() if e.tag.endswith("polyline")]
    assert [len(line.attrib["points"].split()) for line in lines] == [5, 5]
    again = paiguard(
        five, "report", "models/nimbus.paiguard.yaml", "--kind", "history", "--format", "html"
    )
    assert again.out == run.out


def test_the_public_history_names_no_author(five: Repo) -> None:
    for fmt in ("markdown", "html"):
        run = paiguard(
            five,
            "report",
            "models/nimbus.paiguard.yaml",
            "--kind",
            "history",
            "--format",
            fmt,
            "--audience",
            "public",
        )
        assert run.code == 0
        assert "Ada Author" not in run.out
        assert "public edition" in run.out
    markdown = paiguard(
        five, "report", "models/nimbus.paiguard.yaml", "--kind", "history", "--audience", "public"
    )
    assert tables(markdown.out)[0].header == [
        "Date",
        "Commit",
        "Baseline met",
        "Recommended met",
        "Unverified",
        "Waived",
    ]
