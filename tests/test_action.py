"""The GitHub Action (`action.yml`): valid for GitHub, safe against script injection, and each
`run:` step run as GitHub runs it (tests/action_runner.py) in a real git repository holding a
declaration: the ratchet on pull requests, the full gate on other events, the SARIF file, the
job summary and the job's result."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from action_runner import (
    ACTION,
    PAIGUARD,
    Expression,
    load_action,
    parse_outputs,
    run_action,
    substitute,
)
from conftest import REPO, run_paiguard
from git_helpers import Repo

CONFORMING = (REPO / "tests" / "ci" / "paiguard.yaml").read_text(encoding="utf-8")
BASE_DAY, HEAD_DAY = "2026-11-02T10:00:00+00:00", "2026-11-03T10:00:00+00:00"


def declaration(*without: str) -> str:
    """The conforming declaration of the CI examples, without the practices named."""
    lines = CONFORMING.splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith(tuple(f"  {p}:" for p in without)))


def pull_request(base: str) -> dict[str, Any]:
    return {"pull_request": {"number": 7, "base": {"ref": "main", "sha": base}}}


@pytest.fixture
def project(tmp_path: Path, home: Path) -> Repo:
    """A repository whose base commit lacks red-teaming.b1; the work tree is the base."""
    repo = Repo(tmp_path / "project", home)
    repo.write("paiguard.yaml", declaration("red-teaming.b1"))
    repo.commit("declaration with a gap", BASE_DAY)
    return repo


def _sarif(run: Any) -> dict[str, Any]:
    path = Path(run.outputs["check"]["sarif"])
    log: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return log


def _results(log: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [
        (r["ruleId"], r["properties"].get("practice"), r.get("baselineState"))
        for r in log["runs"][0]["results"]
    ]


# --- what GitHub reads -------------------------------------------------------------------------


def test_action_validates_against_githubs_schema() -> None:
    checker = Path(sys.executable).with_name("check-jsonschema")
    ran = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-actions", str(ACTION)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ran.returncode, ran.stdout.strip()) == (0, "ok -- validation done")


def test_inputs_and_event_values_reach_scripts_only_through_env() -> None:
    steps = load_action()["runs"]["steps"]
    scripts = [step for step in steps if "run" in step]
    assert [s["id"] for s in scripts] == ["install", "prepare", "check", "summary"]
    for step in scripts:
        assert "${{" not in step["run"], step["id"]
        assert step["shell"] == "bash"
        for value in step["env"].values():
            assert re.fullmatch(r"\$\{\{ [^{}]+ \}\}", value), value  # one expression, no text


def test_the_inputs_and_their_defaults() -> None:
    inputs = load_action()["inputs"]
    assert {name: spec["default"] for name, spec in inputs.items()} == {
        "paths": ".",
        "since": "",
        "strict": "false",
        "sarif": "true",
        "summary": "true",
        "python": "3.12",
    }
    assert all(spec["description"] for spec in inputs.values())


def test_upload_and_summary_run_when_the_check_fails_and_never_fail_the_job() -> None:
    steps = {step["id"]: step for step in load_action()["runs"]["steps"]}
    upload = steps["upload"]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"
    assert upload["with"] == {
        "sarif_file": "${{ steps.check.outputs.sarif }}",
        "category": "paiguard",
    }
    for step in (upload, steps["summary"]):
        assert step["if"].startswith("${{ !cancelled() && ")
        assert step["continue-on-error"] is True
    assert "continue-on-error" not in steps["check"]
    setup = steps["python"]
    assert setup["uses"] == "actions/setup-python@v6"
    assert setup["with"]["update-environment"] is False


# --- the runner's expressions, held to GitHub's rules ---------------------------------------


@pytest.mark.parametrize(
    ("expression", "failed", "expected"),
    [
        ("!cancelled() && inputs.sarif == 'true'", True, True),
        ("inputs.sarif == 'TRUE'", False, True),  # strings compare ignoring case
        ("inputs.sarif != 'true'", False, False),
        ("success()", True, False),
        ("failure()", True, True),
        ("steps.python.outputs.python-path || inputs.python", False, "3.12"),
        ("!contains(inputs.python, '/') && !startsWith(inputs.python, 'python')", False, True),
        ("steps.check.outputs.sarif != ''", False, True),
        ("(inputs.sarif == 'false') || 'x'", False, "x"),
    ],
)
def test_the_runner_evaluates_expressions_as_github_does(
    expression: str, failed: bool, expected: Any
) -> None:
    context = {"inputs": {"sarif": "true", "python": "3.12"}, "steps": {"python": {}}}
    assert Expression(expression, context, failed=failed).value() == expected


def test_the_runner_reads_outputs_as_github_does() -> None:
    assert parse_outputs("a=1\nb=x=y\nc<<EOF\nline 1\nline 2\nEOF\nd=\n") == {
        "a": "1",
        "b": "x=y",
        "c": "line 1\nline 2",
        "d": "",
    }
    assert substitute("${{ inputs.x }}-${{ steps.s.outputs.y }}", {"inputs": {"x": "a"}}) == "a-"


# --- the full gate: push, schedule, workflow_dispatch, merge_group ---------------------------


def test_push_on_a_conforming_declaration_passes_with_the_gap_report(
    tmp_path: Path, home: Path
) -> None:
    repo = Repo(tmp_path / "project", home)
    repo.write("paiguard.yaml", CONFORMING)
    repo.commit("conforming", BASE_DAY)
    run = run_action(repo.path, tmp_path, "push", event={"ref": "refs/heads/main"})
    assert run.failed is False, run.log
    assert run.outcomes == {
        "python": "success",
        "install": "success",
        "prepare": "success",
        "check": "success",
        "upload": "success",
        "summary": "success",
    }
    assert run.outputs["prepare"]["since"] == ""
    assert _sarif(run)["runs"][0]["results"] == []
    assert (
        run.uses["github/codeql-action/upload-sarif@v4"]["sarif_file"]
        == (run.outputs["check"]["sarif"])
    )
    report = run_paiguard("report", ".", "--kind", "gap", cwd=repo.path)
    assert report.code == 0
    assert run.summary == report.out
    assert run.summary.startswith("# Gap report: Nimbus 2.1.0\n")


@pytest.mark.parametrize("event", ["push", "schedule", "workflow_dispatch", "merge_group"])
def test_other_events_run_the_full_gate_and_still_write_the_summary(
    project: Repo, tmp_path: Path, event: str
) -> None:
    run = run_action(project.path, tmp_path, event)
    assert run.failed is True
    assert run.codes["check"] == 1
    assert run.outputs["prepare"]["since"] == ""
    assert _results(_sarif(run)) == [("PG101", "red-teaming.b1", None)]
    assert run.outcomes["upload"] == "success"  # the upload ran
    assert "paiguard.yaml:6:1: PG101 error baseline practice red-teaming.b1" in run.log
    assert run.outcomes["summary"] == "success"
    assert "red-teaming.b1" in run.summary
    assert run.summary.startswith("# Gap report: Nimbus 2.1.0\n")


def test_strict_and_paths_with_spaces(tmp_path: Path, home: Path) -> None:
    repo = Repo(tmp_path / "project", home)
    repo.write("models/my model.paiguard.yaml", declaration("novel-risks.r1"))
    repo.write("other/paiguard.yaml", "not: [a declaration\n")
    repo.commit("c", BASE_DAY)
    lenient = run_action(
        repo.path, tmp_path / "a", "push", {"paths": "  models/my model.paiguard.yaml \n\n"}
    )
    assert (lenient.failed, lenient.codes["check"]) == (False, 0), lenient.log
    strict = run_action(
        repo.path,
        tmp_path / "b",
        "push",
        {"paths": "models/my model.paiguard.yaml", "strict": "true"},
    )
    assert strict.codes["check"] == 1
    assert _results(_sarif(strict)) == [("PG103", "novel-risks.r1", None)]


def test_several_declarations_get_one_portfolio_summary(tmp_path: Path, home: Path) -> None:
    repo = Repo(tmp_path / "project", home)
    repo.write("a/paiguard.yaml", CONFORMING)
    repo.write("b/paiguard.yaml", declaration("red-teaming.b1"))
    repo.commit("two", BASE_DAY)
    for name, paths in (("listed", "a\nb"), ("one folder", ".")):
        run = run_action(repo.path, tmp_path / name, "push", {"paths": paths})
        assert run.codes["check"] == 1, run.log
        assert {r[1] for r in _results(_sarif(run))} == {"red-teaming.b1"}
        assert run.outcomes["summary"] == "success"
        assert run.summary.startswith("# Portfolio report\n")
        assert "| a/paiguard.yaml | Nimbus |" in run.summary
        assert "| b/paiguard.yaml | Nimbus |" in run.summary


def test_without_sarif_the_check_prints_annotations(project: Repo, tmp_path: Path) -> None:
    run = run_action(project.path, tmp_path, "push", {"sarif": "false", "summary": "false"})
    assert run.codes["check"] == 1
    assert "::error file=paiguard.yaml,line=6,col=1,title=PG101::" in run.log
    assert run.outputs["check"] == {}
    assert run.outcomes["upload"] == "skipped"
    assert run.outcomes["summary"] == "skipped"
    assert run.summary == ""


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"strict": "yes"}, "input strict must be true or false, not 'yes'"),
        ({"sarif": "True"}, "input sarif must be true or false, not 'True'"),
        ({"since": "--output=x"}, "since must be a git revision, not '--output=x'"),
        ({"since": "main\nsarif=/etc/passwd"}, "since must be a git revision, not 'main"),
    ],
)
def test_bad_inputs_stop_the_action_before_the_check(
    project: Repo, tmp_path: Path, inputs: dict[str, str], message: str
) -> None:
    run = run_action(project.path, tmp_path, "push", inputs)
    assert run.failed is True
    assert run.codes["prepare"] == 2
    assert f"::error title=paiguard::{message}" in run.log
    assert run.outcomes["check"] == run.outcomes["summary"] == "skipped"


def test_install_refuses_a_python_older_than_3_11(project: Repo, tmp_path: Path) -> None:
    old = tmp_path / "python3.10"
    old.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    old.chmod(0o755)
    run = run_action(
        project.path,
        tmp_path,
        "push",
        {"python": str(old)},
        install=True,
        only=("python", "install"),
    )
    assert run.outcomes == {"python": "skipped", "install": "failure"}
    assert run.codes["install"] == 2
    assert f"::error title=paiguard::paiguard needs Python 3.11 or newer (input python: {old})" in (
        run.log
    )


@pytest.mark.slow
def test_install_builds_paiguard_from_the_actions_own_checkout(
    project: Repo, tmp_path: Path
) -> None:
    run = run_action(
        project.path,
        tmp_path,
        "push",
        {"python": sys.executable},
        install=True,
        only=("python", "install"),
    )
    assert run.outcomes == {"python": "skipped", "install": "success"}, run.log
    installed = Path(run.outputs["install"]["paiguard"])
    assert installed.parent.parent == tmp_path / "runner-temp" / "paiguard-venv"
    assert run.outputs["install"]["python"] == str(installed.with_name("python"))
    version = subprocess.run([installed, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("paiguard ")
    assert version.stdout in run.log


# --- the ratchet on pull requests (needs `check --since` and `diff`) ------------------------


def test_pull_request_with_an_old_gap_passes_and_summarises_the_diff(
    project: Repo, tmp_path: Path
) -> None:
    base = project.git("rev-parse", "HEAD").strip()
    project.write("README.md", "unrelated change\n")
    project.commit("head", HEAD_DAY)
    run = run_action(project.path, tmp_path, "pull_request", event=pull_request(base))
    assert run.outputs["prepare"]["since"] == base
    assert run.failed is False, run.log
    assert _results(_sarif(run)) == [("PG101", "red-teaming.b1", "unchanged")]
    assert run.outcomes["summary"] == "success", run.log
    assert "paiguard.yaml" in run.summary
    assert "red-teaming.b1" not in run.summary  # its outcome did not change


def test_pull_request_that_makes_a_practice_worse_fails(project: Repo, tmp_path: Path) -> None:
    base = project.git("rev-parse", "HEAD").strip()
    project.write("paiguard.yaml", declaration("red-teaming.b1", "external-evaluation.b1"))
    project.commit("head", HEAD_DAY)
    run = run_action(project.path, tmp_path, "pull_request_target", event=pull_request(base))
    assert run.failed is True
    assert run.codes["check"] == 1, run.log
    assert sorted(_results(_sarif(run))) == [
        ("PG101", "external-evaluation.b1", "new"),
        ("PG101", "red-teaming.b1", "unchanged"),
    ]
    assert "PG101 error baseline practice external-evaluation.b1" in run.log
    assert run.outcomes["summary"] == "success", run.log
    assert "external-evaluation.b1" in run.summary
    assert "red-teaming.b1" not in run.summary


def test_an_explicit_since_wins_over_the_pull_requests_base(project: Repo, tmp_path: Path) -> None:
    first = project.git("rev-parse", "HEAD").strip()
    project.write("paiguard.yaml", declaration("red-teaming.b1", "external-evaluation.b1"))
    project.commit("second", HEAD_DAY)
    second = project.git("rev-parse", "HEAD").strip()
    run = run_action(
        project.path, tmp_path, "pull_request", {"since": second}, event=pull_request(first)
    )
    assert run.outputs["prepare"]["since"] == second
    assert run.codes["check"] == 0, run.log


def test_a_shallow_checkout_fetches_the_base_commit(
    project: Repo, tmp_path: Path, home: Path
) -> None:
    base = project.git("rev-parse", "HEAD").strip()
    project.write("paiguard.yaml", declaration("red-teaming.b1", "external-evaluation.b1"))
    project.commit("head", HEAD_DAY)
    checkout = Repo(tmp_path / "checkout", home, init=False)
    Repo(tmp_path, home, init=False).git(
        "clone", "-q", "--depth=1", "--no-tags", project.path.as_uri(), "checkout"
    )
    there = subprocess.run(["git", "cat-file", "-e", base], cwd=checkout.path, check=False)
    assert there.returncode != 0  # the clone lacks the base commit
    run = run_action(checkout.path, tmp_path, "pull_request", event=pull_request(base))
    assert f"Fetching {base} from origin: the checkout does not have it" in run.log
    checkout.git("cat-file", "-e", f"{base}^{{commit}}")  # fetched
    assert run.outputs["prepare"]["since"] == base
    assert run.codes["check"] == 1, run.log
    assert ("PG101", "external-evaluation.b1", "new") in _results(_sarif(run))


def test_the_runner_uses_the_test_venvs_paiguard() -> None:
    assert PAIGUARD.is_file()
    assert shutil.which("bash") is not None


def test_docs_list_every_input_with_its_default() -> None:
    page = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| .+ \|$", page, re.MULTILINE)
    documented = dict(rows)
    inputs = load_action()["inputs"]
    assert set(documented) == set(inputs)
    for name, spec in inputs.items():
        if spec["default"]:
            assert documented[name] == f"`{spec['default']}`", name
