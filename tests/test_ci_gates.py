"""The CI gates users copy: the example GitHub Actions workflow (which uses the action) and GitLab
CI job are valid, docs/ci.md shows them verbatim, and every `paiguard check` command in them (and
in the format docs) runs as written on a conforming declaration and writes a report the CI tool
can read. The action itself is tested in tests/test_action.py."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
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


def test_github_workflow_uses_the_action_after_a_checkout() -> None:
    workflow = load(GITHUB)
    assert set(workflow["on"]) == {"push", "pull_request"}
    job = workflow["jobs"]["paiguard"]
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    checkout, action = job["steps"]
    assert checkout == {"uses": "actions/checkout@v5"}  # the default: one commit is enough
    assert action["uses"] == "OWNER/paiguard@REF"  # placeholders docs/ci.md explains
    inputs = load(REPO / "action.yml")["inputs"]
    assert set(action["with"]) <= set(inputs)
    assert action["with"] == {"paths": "paiguard.yaml"}


def test_github_workflow_validates_against_githubs_schema() -> None:
    checker = Path(sys.executable).with_name("check-jsonschema")
    ran = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(GITHUB)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ran.returncode, ran.stdout.strip()) == (0, "ok -- validation done")


def test_ci_doc_explains_the_placeholders_and_names_no_release() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    assert "`OWNER/paiguard@REF` is a placeholder" in text
    pages = [CI_DOC, GITHUB, GITLAB, REPO / "docs" / "pre-commit.md", REPO / "README.md"]
    for page in pages:
        # there is no release tag or version of paiguard to pin yet
        found = re.findall(r"paiguard@v?\d[\w.]*|rev: v?\d[\w.]*", page.read_text("utf-8"))
        assert found == [], page.name


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
    assert {"examples/ci/gitlab-ci.yml", "docs/ci.md"} <= sources
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
