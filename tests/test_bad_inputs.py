"""The bad-input corpus: every hostile or broken file gives its findings, never a traceback.

`tests/bad_inputs/manifest.toml` says, for each file, the exit code and the findings
(`CODE line:col`, in output order) that `paiguard check FILE --format json` must give.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, TODAY, Run, run_paiguard

CORPUS = Path(__file__).parent / "bad_inputs"
MANIFEST: dict[str, dict[str, Any]] = tomllib.loads((CORPUS / "manifest.toml").read_text())
YAML_TEST_SUITE = REPO / "tests" / "vendor" / "yaml-test-suite"  # see tests/vendor/README.md
READ_ONLY_CODES = {"PG001", "PG002", "PG003"}


def _check_json(*args: str, cwd: Path | None = None) -> tuple[Run, dict[str, Any]]:
    run = run_paiguard("check", *args, "--format", "json", "--today", TODAY, cwd=cwd)
    assert "Traceback" not in run.err
    return run, json.loads(run.out)


def _shown(findings: list[dict[str, Any]], ignore: list[str]) -> list[str]:
    return [f"{f['code']} {f['line']}:{f['column']}" for f in findings if f["code"] not in ignore]


def test_the_manifest_covers_every_file_and_nothing_else() -> None:
    files = {p.name for p in CORPUS.glob("*.paiguard.yaml")}
    assert files == set(MANIFEST)
    assert len(files) >= 30


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_bad_input(name: str) -> None:
    expected = MANIFEST[name]
    run, output = _check_json(str(CORPUS / name))
    assert (run.code, run.err) == (expected["exit"], "")
    [result] = output["files"]
    findings = result["findings"]
    ignore = expected.get("ignore", [])
    assert _shown(findings, ignore) == expected["findings"]
    if "message" in expected:
        first = next(f for f in findings if f["code"] not in ignore)
        assert expected["message"] in first["message"]
    for finding in findings:
        assert finding["message"].isprintable()


def test_one_run_over_the_whole_corpus_reports_every_file() -> None:
    """Bad files do not stop the run: each file gets the findings it gets on its own."""
    run, output = _check_json(str(CORPUS))
    assert (run.code, run.err) == (1, "")
    by_name = {Path(f["path"]).name: f for f in output["files"]}
    assert set(by_name) == set(MANIFEST)
    for name, expected in MANIFEST.items():
        got = _shown(by_name[name]["findings"], expected.get("ignore", []))
        assert got == expected["findings"], name


def test_every_yaml_test_suite_file_is_read_without_a_traceback(tmp_path: Path) -> None:
    """None of the suite's 400 inputs is a declaration: each one is refused with a located
    PG001, PG002 or PG003, all in one run, and the output is well-formed JSON."""
    names = sorted(p.name for p in YAML_TEST_SUITE.glob("*.yaml"))
    for name in names:
        shutil.copyfile(YAML_TEST_SUITE / name, tmp_path / name)
    run, output = _check_json(*names, cwd=tmp_path)
    assert (run.code, run.err) == (1, "")
    assert [f["path"] for f in output["files"]] == names
    for result in output["files"]:
        codes = {f["code"] for f in result["findings"]}
        assert codes and codes <= READ_ONLY_CODES, result["path"]
        assert all(f["line"] >= 1 and f["column"] >= 1 for f in result["findings"])
