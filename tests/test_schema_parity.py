"""The JSON Schema `paiguard schema` exports refuses what `paiguard check` refuses, where JSON
Schema can say it: the same invalid declarations through both, with check-jsonschema (the
validator users run on their own) as the schema's consumer.

Every declaration under `tests/schema_parity/` breaks one rule of the format. Where the two
still disagree, the disagreement is listed below with the reason JSON Schema cannot express the
rule; any other disagreement fails the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_paiguard

CASES = sorted((REPO / "tests" / "schema_parity").glob("*.paiguard.yaml"))
PACK = "pai-frontier-restricted-api@1"
# What `check` refuses about a declaration on its own: the format and its rules, not the
# repository (evidence files), the calendar (review ages) or the coverage of the pack.
FORMAT_CODES = {"PG001", "PG002", "PG003", "PG104", "PG105", "PG106", "PG201", "PG204", "PG403"}

# name -> why JSON Schema cannot say what `check` says
DISAGREEMENTS = {
    "not-applicable-says-nothing": (
        "whether a justification says something is judged by its words ('TBD', 'n/a', under 20 "
        "characters) and by comparing it with every other justification of the file; JSON "
        "Schema validates one value at a time and cannot compare it with its siblings"
    ),
    "yaml-anchor": (
        "anchors and aliases belong to the YAML text; a JSON Schema validator sees the data "
        "after they are expanded"
    ),
}


def _schema(tmp_path: Path) -> Path:
    path = tmp_path / "paiguard.schema.json"
    run = run_paiguard("schema", "--pack", PACK, "-o", str(path))
    assert run.code == 0, run.err
    return path


def _check_refuses(case: Path) -> bool:
    run = run_paiguard("check", str(case), "--today", TODAY, "--format", "json", cwd=REPO)
    findings = json.loads(run.out)["files"][0]["findings"]
    return any(f["code"] in FORMAT_CODES and f["severity"] == "error" for f in findings)


def _schema_refuses(schema: Path, case: Path) -> bool:
    validator = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(validator), "--schemafile", str(schema), str(case)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr  # 1: invalid, not an error
    return done.returncode == 1


@pytest.mark.slow
def test_the_schema_refuses_what_check_refuses(tmp_path: Path) -> None:
    schema = _schema(tmp_path)
    disagree = {}
    for case in CASES:
        assert _check_refuses(case), f"{case.name} is not a declaration check refuses"
        if not _schema_refuses(schema, case):
            disagree[case.name.removesuffix(".paiguard.yaml")] = "the schema accepts it"
    assert set(disagree) == set(DISAGREEMENTS)


@pytest.mark.slow
def test_the_schema_accepts_the_examples_check_accepts(tmp_path: Path) -> None:
    """No false alarm: the declarations `check` passes are valid under the schema too."""
    schema = _schema(tmp_path)
    for example in ("conforming", "halfway"):
        assert not _schema_refuses(schema, REPO / "examples" / example / "paiguard.yaml"), example


def test_every_case_says_what_it_breaks() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        assert case.read_text(encoding="utf-8").startswith("# "), case.name
    assert set(DISAGREEMENTS) <= {c.name.removesuffix(".paiguard.yaml") for c in CASES}
