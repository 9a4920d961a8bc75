"""The CI gates users copy: the example GitHub Actions workflow and GitLab CI job are valid YAML,
docs/ci.md shows them verbatim, and every `paiguard check` command in them (and in the format
docs) runs as written on a conforming declaration and writes a report the CI tool can read."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from junitparser import JUnitXml
from ruamel.yaml import YAML

from conftest import REPO, run_paiguard

GITHUB = REPO / "examples" / "ci" / "github-actions.yml"
GITLAB = REPO / "examples" / "ci" / "gitlab-ci.yml"
CI_DOC = REPO / "docs" / "ci.md"
FORMAT_DOCS = sorted((REPO / "docs" / "formats").glob("*.md"))
CONFORMING = REPO / "tests" / "ci" / "paiguard.yaml"
SARIF_SCHEMA = REPO / "tests" / "vendor" / "sarif" / "sarif-2.1.0.json"


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def check_commands(text: str) -> Iterator[str]:
    """Every `paiguard check ...` command line in a workflow, job or page."""
    for match in re.finditer(r"paiguard check [^\n`]*", text):
        yield match.group(0).strip()


def test_github_workflow_uploads_what_check_writes() -> None:
    workflow = load(GITHUB)
    job = workflow["jobs"]["paiguard"]
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert "paiguard check paiguard.yaml --format sarif -o paiguard.sarif" in runs
    assert 'paiguard report paiguard.yaml --kind gap >> "$GITHUB_STEP_SUMMARY"' in runs
    upload = next(
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    )
    assert upload["with"]["sarif_file"] == "paiguard.sarif"
    assert upload["if"] == "${{ !cancelled() }}"


def test_gitlab_job_reports_what_check_writes() -> None:
    job = load(GITLAB)["paiguard"]
    assert "paiguard check paiguard.yaml --format junit -o paiguard-junit.xml" in job["script"]
    assert job["artifacts"]["reports"]["junit"] == "paiguard-junit.xml"
    assert job["artifacts"]["when"] == "always"


@pytest.mark.parametrize("example", [GITHUB, GITLAB], ids=lambda p: p.name)
def test_ci_doc_shows_each_example_verbatim(example: Path) -> None:
    block = f"```yaml\n{example.read_text(encoding='utf-8')}```"
    assert block in CI_DOC.read_text(encoding="utf-8")


COMMANDS = sorted(
    {
        (path.relative_to(REPO).as_posix(), command)
        for path in (GITHUB, GITLAB, CI_DOC, *FORMAT_DOCS)
        for command in check_commands(path.read_text(encoding="utf-8"))
    }
)


def test_the_examples_have_the_commands_expected() -> None:
    sources = {source for source, _ in COMMANDS}
    assert {"examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml"} <= sources
    assert {"docs/formats/sarif.md", "docs/formats/junit.md", "docs/formats/github.md"} <= sources


@pytest.mark.parametrize(("source", "command"), COMMANDS, ids=[f"{s}: {c}" for s, c in COMMANDS])
def test_command_runs_as_written(source: str, command: str, tmp_path: Path) -> None:
    shutil.copy(CONFORMING, tmp_path / "paiguard.yaml")
    (tmp_path / ".git").mkdir()
    program, subcommand, *args = shlex.split(command)
    assert (program, subcommand) == ("paiguard", "check")
    run = run_paiguard("check", *args, cwd=tmp_path)
    assert (run.code, run.err) == (0, "")
    output = _option(args, "-o", "--output")
    fmt = _option(args, "-f", "--format") or "text"
    if output is None:
        _assert_readable(fmt, run.out)
    else:
        assert run.out == ""
        _assert_readable(fmt, (tmp_path / output).read_text(encoding="utf-8"))


def _option(args: list[str], *names: str) -> str | None:
    for i, arg in enumerate(args):
        if arg in names:
            return args[i + 1]
    return None


def _assert_readable(fmt: str, text: str) -> None:
    if fmt == "sarif":
        log = json.loads(text)
        assert log["runs"][0]["results"] == []
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema)(schema).validate(log)
    elif fmt == "junit":
        (suite,) = JUnitXml.fromstring(text)
        assert (suite.name, suite.tests, suite.failures, suite.errors) == (
            "paiguard.yaml",
            119,
            0,
            0,
        )
        assert len(list(suite)) == 119
    elif fmt == "github":
        assert text == ""
    else:
        assert "All checks passed" in text
