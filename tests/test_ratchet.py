"""`paiguard check --since REF` (SPEC 4.1) in real git repositories: commits that add, improve
and regress a declaration, delete or change evidence, rename the declaration; shallow clones and
revisions that are not there; exit codes, severities, `baseline_state`, "already at REF"; and
the git processes a run costs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import benchmark_generator, run_paiguard
from git_helpers import Repo, Spawned
from ratchet_helpers import DAYS, declaration, findings, paiguard, waiver

RED_TEAM = "red-teaming.b1"
EXTERNAL = "external-evaluation.b1"


def _pin(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _path_line(path: str, pin: str | None = None) -> str:
    pinned = f", sha256: {pin}" if pin else ""
    return f"{{status: implemented, evidence: [{{path: {path}{pinned}}}]}}"


# --- old gaps pass, what got worse fails ------------------------------------------------------


def test_an_old_gap_is_info_already_at_ref_and_the_run_passes(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    repo.commit("a gap", DAYS[0])
    repo.write("paiguard.yaml", declaration(RED_TEAM, top="# moved down a line\n"))
    run = paiguard(repo, "check", "--since", "HEAD", "--quiet")
    assert (run.code, run.out, run.err) == (0, "", "")
    run = paiguard(repo, "check", "--since", "HEAD")
    assert run.code == 0
    assert run.out.splitlines()[0] == (
        "paiguard.yaml:7:1: PG101 info baseline practice red-teaming.b1 is not declared: "
        "Perform internal and external red teaming across model capa… (already at HEAD)"
    )
    assert run.out.endswith("\nFound 0 errors, 0 warnings, 1 info in 1 file.\n")
    plain = paiguard(repo, "check")
    assert plain.code == 1  # without --since, the gate is the full one
    assert "PG101 error" in plain.out and "already at" not in plain.out


def test_a_practice_dropped_since_ref_fails_and_is_new(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    base = repo.commit("a gap", DAYS[0])
    repo.write("paiguard.yaml", declaration(RED_TEAM, EXTERNAL))
    run = paiguard(repo, "check", "--since", base, "--format", "json")
    assert run.code == 1
    assert findings(run) == [
        ("PG101", "error", EXTERNAL, "new"),
        ("PG101", "info", RED_TEAM, "unchanged"),
    ]
    messages = [f["message"] for f in json.loads(run.out)["files"][0]["findings"]]
    assert messages[1].endswith(f"(already at {base[:12]})")  # a commit id, shortened
    assert "already at" not in messages[0]


def test_an_improvement_passes_with_the_gaps_left(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration(RED_TEAM, EXTERNAL))
    repo.commit("two gaps", DAYS[0])
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    run = paiguard(repo, "check", "--since", "main", "--format", "json")
    assert run.code == 0
    assert findings(run) == [("PG101", "info", RED_TEAM, "unchanged")]


def test_a_waiver_removed_keeps_the_old_finding_at_its_severity(repo: Repo) -> None:
    """Waived at REF, a gap now: the outcome got worse, so the PG101 REF already had (as a
    waived info finding) is an error again, though it is not new."""
    repo.write("paiguard.yaml", declaration(RED_TEAM) + waiver(RED_TEAM))
    repo.commit("waived", DAYS[0])
    assert paiguard(repo, "check", "--since", "HEAD").code == 0
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 1
    assert findings(run) == [("PG101", "error", RED_TEAM, "unchanged")]
    assert "already at" not in run.out


def test_a_new_finding_on_a_practice_that_did_not_get_worse_keeps_its_severity(
    repo: Repo,
) -> None:
    """Findings are matched by what they point at, never by index or line: items reordered
    and moved down match; a third broken item is new (and fails) though the practice's
    outcome (unverified) did not change."""
    two = "{status: implemented, evidence: [{path: docs/a.md}, {path: docs/b.md}]}"
    repo.write("paiguard.yaml", declaration(lines={RED_TEAM: two}))
    repo.commit("two missing files", DAYS[0])
    three = (
        "{status: implemented, evidence: [{path: docs/c.md}, {path: docs/b.md}, {path: docs/a.md}]}"
    )
    repo.write("paiguard.yaml", declaration(lines={RED_TEAM: three}, top="# a\n# b\n"))
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 1
    found = json.loads(run.out)["files"][0]["findings"]
    assert [
        (f["code"], f["severity"], f["message"].split(": ")[1], f["baseline_state"]) for f in found
    ] == [
        ("PG202", "error", "'docs/c.md'", "new"),
        ("PG202", "info", "'docs/b.md' (already at HEAD)", "unchanged"),
        ("PG202", "info", "'docs/a.md' (already at HEAD)", "unchanged"),
    ]
    assert {f["line"] for f in found} == {51}


# --- evidence read from REF's tree ------------------------------------------------------------


def test_deleting_an_evidence_file_fails_because_ref_still_has_it(repo: Repo) -> None:
    repo.write("docs/red-team.md", "report\n")
    repo.write("paiguard.yaml", declaration(lines={RED_TEAM: _path_line("docs/red-team.md")}))
    repo.commit("evidence", DAYS[0])
    assert paiguard(repo, "check", "--since", "HEAD").code == 0
    (repo.path / "docs" / "red-team.md").unlink()  # not committed: the work tree only
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 1
    assert findings(run) == [("PG202", "error", RED_TEAM, "new")]
    diff = json.loads(paiguard(repo, "diff", "--since", "HEAD", "--format", "json").out)
    assert diff["files"][0]["changes"] == [
        {"practice": RED_TEAM, "level": "baseline", "before": "met", "after": "unverified"}
    ]


def test_a_pinned_file_changed_since_ref_fails(repo: Repo) -> None:
    repo.write("docs/red-team.md", "report\n")
    line = _path_line("docs/red-team.md", _pin("report\n"))
    repo.write("paiguard.yaml", declaration(lines={RED_TEAM: line}))
    repo.commit("pinned evidence", DAYS[0])
    repo.write("docs/red-team.md", "report, edited after review\n")
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 1
    assert findings(run) == [("PG205", "error", RED_TEAM, "new")]


def test_evidence_broken_at_ref_and_still_broken_is_already_at_ref(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration(lines={RED_TEAM: _path_line("docs/gone.md")}))
    repo.commit("broken evidence", DAYS[0])
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 0
    assert findings(run) == [("PG202", "info", RED_TEAM, "unchanged")]


# --- which version is compared ----------------------------------------------------------------


def test_a_renamed_declaration_is_compared_with_its_old_path(repo: Repo) -> None:
    repo.write("docs/red-team.md", "report\n")
    line = _path_line("docs/red-team.md")
    repo.write("paiguard.yaml", declaration(EXTERNAL, lines={RED_TEAM: line}))
    base = repo.commit("a gap", DAYS[0])
    (repo.path / "models").mkdir()
    repo.git("mv", "paiguard.yaml", "models/nimbus.paiguard.yaml")
    moved = declaration(EXTERNAL, lines={RED_TEAM: _path_line("../docs/red-team.md")})
    repo.write("models/nimbus.paiguard.yaml", moved)
    repo.commit("moved", DAYS[1])
    run = paiguard(repo, "check", "--since", base, "--format", "json")
    assert run.code == 0
    assert findings(run) == [("PG101", "info", EXTERNAL, "unchanged")]
    assert json.loads(run.out)["files"][0]["path"] == "models/nimbus.paiguard.yaml"


def test_a_declaration_not_at_ref_is_checked_in_full(repo: Repo) -> None:
    repo.write("README.md", "nothing yet\n")
    repo.commit("empty", DAYS[0])
    repo.write("paiguard.yaml", declaration(RED_TEAM))  # untracked: not at REF either way
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 1
    assert findings(run) == [("PG101", "error", RED_TEAM, "new")]


@pytest.mark.parametrize(
    "then",
    [
        "practices: [not, a, mapping\n",  # PG001
        "paiguard: 1\nprovider: {name: X}\nmodel: {}\n",  # PG002
        declaration().replace("frontier", "general-purpose"),  # PG010
    ],
)
def test_a_ref_version_that_could_not_be_checked_means_a_full_check(repo: Repo, then: str) -> None:
    repo.write("paiguard.yaml", then)
    repo.commit("broken", DAYS[0])
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 1
    assert findings(run) == [("PG101", "error", RED_TEAM, "new")]


def test_a_declaration_broken_now_fails_whatever_ref_had(repo: Repo) -> None:
    repo.write("paiguard.yaml", "practices: [\n")
    repo.commit("broken", DAYS[0])
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 1
    assert findings(run) == [("PG001", "error", None, "new")]


def test_declarations_in_two_repositories_are_each_compared_with_their_own_ref(
    tmp_path: Path, home: Path
) -> None:
    one, two = Repo(tmp_path / "one", home), Repo(tmp_path / "two", home)
    for each, gap in ((one, RED_TEAM), (two, EXTERNAL)):
        each.write("paiguard.yaml", declaration(gap))
        each.commit("a gap", DAYS[0])
    two.write("paiguard.yaml", declaration(EXTERNAL, RED_TEAM))
    run = run_paiguard(
        "check", "--since", "HEAD", "--format", "json", "--today", "2026-11-26",
        "one/paiguard.yaml", "two/paiguard.yaml",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.code == 1
    assert findings(run) == [
        ("PG101", "info", RED_TEAM, "unchanged"),
        ("PG101", "info", EXTERNAL, "unchanged"),
        ("PG101", "error", RED_TEAM, "new"),
    ]


# --- what cannot run: exit 2, with how to fix it ----------------------------------------------


def test_outside_a_git_work_tree_is_exit_2(tmp_path: Path, home: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "paiguard.yaml").write_text(declaration(), encoding="utf-8")
    run = run_paiguard("check", "--since", "main", cwd=folder)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"paiguard: error: {folder}: not inside a git work tree: reading a revision needs a git "
        "clone of the repository, with the history that holds 'main' (with actions/checkout, "
        "`fetch-depth: 0`)\n"
    )


def test_an_unknown_revision_is_exit_2_and_says_to_fetch(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration())
    repo.commit("c", DAYS[0])
    run = paiguard(repo, "check", "--since", "origin/main")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "paiguard: error: unknown revision 'origin/main': name a branch, tag or commit of this "
        "repository (`git log --oneline` lists the commits); a revision of a remote must be "
        "fetched first (e.g. `git fetch origin <branch>`, or with actions/checkout, "
        "`fetch-depth: 0`)\n"
    )


def test_a_shallow_clone_without_ref_is_exit_2_and_says_how_to_fetch_it(
    repo: Repo, tmp_path: Path, home: Path
) -> None:
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    base = repo.commit("base", DAYS[0])
    repo.write("paiguard.yaml", declaration())
    repo.commit("head", DAYS[1])
    Repo(tmp_path, home, init=False).git(
        "clone", "-q", "--depth=1", "--no-tags", repo.path.as_uri(), "clone"
    )
    clone = Repo(tmp_path / "clone", home, init=False)
    run = paiguard(clone, "check", "--since", base)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"paiguard: error: revision '{base}' is not in this shallow clone: fetch it, e.g. "
        f"`git fetch --no-tags --depth=1 origin {base}` for that commit or "
        "`git fetch --deepen=100` for more history (with actions/checkout, `fetch-depth: 0`)\n"
    )
    clone.git("fetch", "-q", "--no-tags", "--depth=1", "origin", base)
    assert paiguard(clone, "check", "--since", base).code == 0


def test_a_revision_starting_with_a_dash_never_reaches_git(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration())
    repo.commit("c", DAYS[0])
    run = paiguard(repo, "check", "--since=--output=x")
    assert run.code == 2
    assert run.err.startswith("paiguard: error: revision '--output=x' starts with '-'")
    assert not (repo.path / "x").exists()


# --- output formats ---------------------------------------------------------------------------


def test_json_has_baseline_state_only_with_since(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    repo.commit("a gap", DAYS[0])
    plain = json.loads(paiguard(repo, "check", "--format", "json").out)
    assert "baseline_state" not in plain["files"][0]["findings"][0]
    since = json.loads(paiguard(repo, "check", "--since", "HEAD", "--format", "json").out)
    assert since["files"][0]["findings"][0]["baseline_state"] == "unchanged"
    del since["files"][0]["findings"][0]["baseline_state"]
    finding = since["files"][0]["findings"][0]
    finding["severity"] = "error"
    finding["message"] = finding["message"].removesuffix(" (already at HEAD)")
    since["files"][0]["summary"].update(errors=1, info=0)
    assert since == plain  # nothing else differs


def test_junit_agrees_with_the_exit_code(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    repo.commit("a gap", DAYS[0])
    repo.write("paiguard.yaml", declaration(RED_TEAM, EXTERNAL))
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "junit")
    assert run.code == 1
    failed = _junit_failures(run.out)
    assert failed == [EXTERNAL]  # the old gap passes (its outcome is in system-out)
    assert f'name="{RED_TEAM}">\n      <system-out>outcome: gap\n' in run.out
    repo.write("paiguard.yaml", declaration(RED_TEAM))
    passing = paiguard(repo, "check", "--since", "HEAD", "--format", "junit")
    assert (passing.code, _junit_failures(passing.out)) == (0, [])


def _junit_failures(xml: str) -> list[str]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml)
    return [
        str(case.get("name")) for case in root.iter("testcase") if case.find("failure") is not None
    ]


# --- processes and parallel runs --------------------------------------------------------------


def _git_commands(argvs: list[list[str]]) -> list[str]:
    """The git subcommand of each command ("rev-parse", "cat-file", ...)."""
    commands = []
    for argv in argvs:
        words = [w for i, w in enumerate(argv[1:]) if w != "-c" and argv[i] != "-c"]
        commands.append(next(w for w in words if not w.startswith("-")))
    return commands


def test_one_repository_costs_one_rev_parse_and_one_cat_file(repo: Repo, spawned: Spawned) -> None:
    for name in ("a", "b", "c", "d"):
        repo.write(f"{name}/paiguard.yaml", declaration(RED_TEAM))
    repo.commit("four declarations", DAYS[0])
    with spawned.watching():
        run = paiguard(repo, "check", "--since", "HEAD", "--jobs", "1")
    assert run.code == 0
    assert _git_commands(spawned.argvs) == ["rev-parse", "cat-file"]
    spawned.argvs.clear()
    repo.write("e/paiguard.yaml", declaration(RED_TEAM))
    repo.git("add", "e/paiguard.yaml")  # not at REF: git's rename detection is asked, once
    with spawned.watching():
        run = paiguard(repo, "check", "--since", "HEAD", "--jobs", "1")
    assert run.code == 1
    assert _git_commands(spawned.argvs) == ["rev-parse", "cat-file", "diff"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_a_pool_of_processes_prints_what_one_process_prints(repo: Repo, fmt: str) -> None:
    generate = benchmark_generator()
    paths = generate.generate(repo.path, 12)
    names = [p.relative_to(repo.path).as_posix() for p in paths]
    repo.commit("twelve declarations", DAYS[0])
    for path in paths[::3]:  # a third of them lose ground
        path.write_text(path.read_text().replace("status: implemented", "status: planned", 5))
    (paths[1].parent / "docs" / "safety" / "policy.md").unlink()
    serial = paiguard(repo, "check", "--since", "HEAD", "--format", fmt, "--jobs", "1", *names)
    pooled = paiguard(repo, "check", "--since", "HEAD", "--format", fmt, "--jobs", "2", *names)
    assert serial.code == pooled.code == 1
    assert pooled.out == serial.out
    assert "unchanged" in serial.out or "already at HEAD" in serial.out


def test_bad_files_are_findings_with_since_too(repo: Repo) -> None:
    repo.write("a-good.paiguard.yaml", declaration())
    repo.write("b-broken.paiguard.yaml", "practices: {\n")
    repo.write("c-huge.paiguard.yaml", "#" * (3 * 1024 * 1024))
    (repo.path / "d-dangling.paiguard.yaml").symlink_to("nowhere.yaml")
    (repo.path / "e-loop.paiguard.yaml").symlink_to("f-loop.paiguard.yaml")
    (repo.path / "f-loop.paiguard.yaml").symlink_to("e-loop.paiguard.yaml")
    repo.commit("bad files", DAYS[0])
    for jobs in ("1", "2"):
        run = paiguard(repo, "check", ".", "--since", "HEAD", "--format", "json", "--jobs", jobs)
        assert (run.code, run.err) == (1, "")
        assert [
            (f["path"], [x["code"] for x in f["findings"]]) for f in json.loads(run.out)["files"]
        ] == [
            ("a-good.paiguard.yaml", []),
            ("b-broken.paiguard.yaml", ["PG001"]),
            ("c-huge.paiguard.yaml", ["PG003"]),
            ("d-dangling.paiguard.yaml", ["PG001"]),
            ("e-loop.paiguard.yaml", ["PG001"]),
            ("f-loop.paiguard.yaml", ["PG001"]),
        ]


def test_waivers_are_matched_by_practice_not_by_position(repo: Repo) -> None:
    expired = (
        "  - {practice: red-teaming.b1, reason: External red team booked for next quarter, "
        "approved_by: Chief Safety Officer, expires: 2026-06-30}\n"
    )
    repo.write("paiguard.yaml", declaration(RED_TEAM) + "waivers:\n" + expired)
    repo.commit("an expired waiver", DAYS[0])
    in_force = (
        "  - {practice: external-evaluation.b1, reason: External evaluators are booked for "
        "January, approved_by: Chief Safety Officer, expires: 2027-01-31}\n"
    )
    repo.write("paiguard.yaml", declaration(RED_TEAM, EXTERNAL) + "waivers:\n" + in_force + expired)
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "json")
    assert run.code == 0  # the new gap is waived; the expired waiver (now second) was there
    assert findings(run) == [
        ("PG101", "info", EXTERNAL, "new"),
        ("PG101", "info", RED_TEAM, "unchanged"),
        ("PG401", "info", RED_TEAM, "unchanged"),
    ]
