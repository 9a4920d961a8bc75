"""The shipped examples behave as examples/README.md says: one passes, one fails, and why."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import REPO, TODAY, run_paiguard
from paiguard import __version__

EXAMPLES = REPO / "examples"
CONFORMING = "examples/conforming"
HALFWAY = "examples/halfway"
HALFWAY_FILE = EXAMPLES / "halfway" / "paiguard.yaml"

Key = tuple[str, int, int, str | None]


def _findings(path: str, *extra: str) -> list[dict[str, Any]]:
    run = run_paiguard("check", path, "--today", TODAY, "--format", "json", *extra, cwd=REPO)
    files = json.loads(run.out)["files"]
    assert len(files) == 1
    findings: list[dict[str, Any]] = files[0]["findings"]
    return findings


def _keys(findings: list[dict[str, Any]], code: str) -> set[Key]:
    return {
        (f["code"], f["line"], f["column"], f["practice"]) for f in findings if f["code"] == code
    }


def _pack_ids(level: str | None = None) -> list[str]:
    """Practice ids of the shipped pack in pack order, as `packs show` prints them."""
    run = run_paiguard("packs", "show", "pai-frontier-restricted-api", "--format", "json")
    pack = json.loads(run.out)
    return [
        practice["id"]
        for stage in pack["stages"]
        for guideline in stage["guidelines"]
        for practice in guideline["practices"]
        if level in (None, practice["level"])
    ]


# --- exit codes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "code"),
    [(CONFORMING, 0), (HALFWAY, 1), (f"{CONFORMING}/paiguard.yaml", 0)],
)
def test_exit_code_with_today(path: str, code: int) -> None:
    assert run_paiguard("check", path, "--today", TODAY, cwd=REPO).code == code


@pytest.mark.skipif(
    dt.date.today() < dt.date(2026, 11, 10),
    reason="the clock is before the example's newest review date (2026-11-10): PG303 by design",
)
def test_conforming_passes_on_the_real_date() -> None:
    run = run_paiguard("check", CONFORMING, cwd=REPO)
    assert (run.code, run.err) == (0, "")


def test_halfway_exit_zero_overrides_the_failure() -> None:
    assert run_paiguard("check", HALFWAY, "--today", TODAY, "--exit-zero", cwd=REPO).code == 0


# --- the conforming example -------------------------------------------------------------------


def test_conforming_declares_every_practice_in_pack_order() -> None:
    declaration = YAML(typ="safe").load(EXAMPLES / "conforming" / "paiguard.yaml")
    assert list(declaration["practices"]) == _pack_ids()
    assert len(declaration["practices"]) == 119


def test_conforming_findings_are_two_planned_recommended_practices() -> None:
    findings = _findings(CONFORMING)
    got = [(f["code"], f["severity"], f["line"], f["column"], f["practice"]) for f in findings]
    assert got == [
        ("PG103", "warning", 593, 13, "transparency-reporting.r1"),
        ("PG103", "warning", 747, 13, "environmental-impact.r1"),
    ]
    baseline = set(_pack_ids("baseline"))
    assert not [f for f in findings if f["practice"] in baseline]


def test_conforming_summary_meets_every_baseline_practice() -> None:
    run = run_paiguard("check", CONFORMING, "--today", TODAY, "--format", "json", cwd=REPO)
    summary = json.loads(run.out)["files"][0]["summary"]
    assert summary["baseline"] == {"met": 74, "total": 74}
    assert summary["recommended"] == {"met": 43, "total": 45}
    assert (summary["errors"], summary["warnings"], summary["info"]) == (0, 2, 0)


@pytest.mark.parametrize("name", ["conforming", "halfway"])
def test_text_output_is_exactly_the_golden_file(name: str) -> None:
    """All a user reads, byte for byte (regenerate after a deliberate change with
    `paiguard check examples/NAME --today 2026-11-26 > tests/fixtures/examples/NAME.txt`)."""
    run = run_paiguard("check", f"examples/{name}", "--today", TODAY, cwd=REPO)
    expected = (REPO / "tests" / "fixtures" / "examples" / f"{name}.txt").read_text("utf-8")
    assert run.out == expected
    assert run.err == ""


def test_conforming_strict_turns_the_planned_practices_into_errors() -> None:
    run = run_paiguard("check", CONFORMING, "--today", TODAY, "--strict", "--quiet", cwd=REPO)
    assert run.code == 1
    assert [line.split(" ")[1:3] for line in run.out.splitlines()] == [["PG103", "error"]] * 2


def test_conforming_pins_catch_an_edited_evidence_file(tmp_path: Path) -> None:
    copy = tmp_path / "conforming"
    shutil.copytree(EXAMPLES / "conforming", copy)
    assert run_paiguard("check", str(copy), "--today", TODAY).code == 0
    card = copy / "docs" / "system-card.md"
    card.write_text(card.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    findings = _findings_abs(copy)
    assert {f["code"] for f in findings} == {"PG205", "PG103"}
    assert _keys(findings, "PG205") == {
        ("PG205", line, 17, f"public-reporting.{pid}")
        for line, pid in [
            (370, "b1"),
            (377, "b2"),
            (384, "b3"),
            (391, "b4"),
            (400, "b5"),
            (415, "r2"),
            (423, "r3"),
            (430, "r4"),
        ]
    }
    assert run_paiguard("check", str(copy), "--today", TODAY).code == 1


def _findings_abs(folder: Path) -> list[dict[str, Any]]:
    run = run_paiguard("check", str(folder), "--today", TODAY, "--format", "json")
    findings: list[dict[str, Any]] = json.loads(run.out)["files"][0]["findings"]
    return findings


# --- the halfway example ----------------------------------------------------------------------

# (code, line, column, practice) and the text the position points at in the file.
HALFWAY_KEY_FINDINGS: dict[str, list[tuple[Key, str]]] = {
    "PG301": [(("PG301", 76, 15, "upstream-security.b1"), "2025-09-30")],
    "PG302": [
        (("PG302", 56, 15, "responsible-iteration.b2"), "2026-06-10"),
        (("PG302", 62, 15, "responsible-iteration.b3"), "2026-06-10"),
        (("PG302", 76, 15, "upstream-security.b1"), "2025-09-30"),
    ],
    "PG102": [
        (("PG102", 33, 13, "novel-risks.b2"), "partial"),
        (("PG102", 40, 13, "novel-risks.b3"), "planned"),
        (("PG102", 64, 13, "responsible-iteration.b4"), "partial"),
        (("PG102", 78, 13, "upstream-security.b2"), "not-implemented"),
        (("PG102", 109, 13, "pre-systems-card.b4"), "partial"),
        (("PG102", 118, 13, "risk-management.b1"), "partial"),
        (("PG102", 124, 13, "risk-management.b2"), "planned"),
        (("PG102", 143, 13, "internal-evaluation.b3"), "partial"),
        (("PG102", 163, 13, "external-evaluation.b1"), "planned"),
        (("PG102", 166, 13, "external-evaluation.b2"), "planned"),
        (("PG102", 169, 13, "external-evaluation.b3"), "planned"),  # waived: info
        (("PG102", 181, 13, "red-teaming.b1"), "partial"),
        (("PG102", 200, 13, "red-teaming.b4"), "not-implemented"),
        (("PG102", 211, 13, "public-reporting.b1"), "partial"),
        (("PG102", 225, 13, "public-reporting.b3"), "partial"),
        (("PG102", 272, 13, "safeguards.b4"), "planned"),
        (("PG102", 279, 13, "monitoring.b1"), "planned"),
        (("PG102", 282, 13, "monitoring.b2"), "partial"),
        (("PG102", 302, 13, "incident-reporting.b3"), "planned"),
        (("PG102", 308, 13, "decommissioning.b1"), "not-implemented"),
        (("PG102", 347, 13, "human-rights.b1"), "planned"),
    ],
}

HALFWAY_UNDECLARED_BASELINE = [
    "novel-risks.b4",
    "external-evaluation.b5",
    "external-evaluation.b6",
    "red-teaming.b5",
    "red-teaming.b7",
    "public-reporting.b4",
    "public-reporting.b5",
    "transparency-reporting.b1",
    "third-party-inspection.b1",
    "third-party-inspection.b2",
    "human-rights.b2",
    "human-rights.b3",
    "human-rights.b4",
    "environmental-impact.b2",
    "synthetic-content.b1",
    "synthetic-content.b2",
    "synthetic-content.b3",
    "labor-market-risks.b1",
    "labor-market-risks.b2",
    "labor-market-risks.b3",
    "labor-market-risks.b4",
    "labor-market-risks.b5",
]


@pytest.mark.parametrize("code", sorted(HALFWAY_KEY_FINDINGS))
def test_halfway_key_findings_at_exact_positions(code: str) -> None:
    expected = HALFWAY_KEY_FINDINGS[code]
    assert _keys(_findings(HALFWAY), code) == {key for key, _ in expected}
    source = HALFWAY_FILE.read_text(encoding="utf-8").splitlines()
    for (_, line, column, _), text in expected:
        assert source[line - 1][column - 1 :].startswith(text), (line, column, text)


def test_halfway_undeclared_baseline_practices_point_at_practices_key() -> None:
    expected = {("PG101", 22, 1, pid) for pid in HALFWAY_UNDECLARED_BASELINE}
    assert _keys(_findings(HALFWAY), "PG101") == expected
    assert HALFWAY_FILE.read_text(encoding="utf-8").splitlines()[21] == "practices:"


def test_halfway_waiver_in_force_is_an_info_finding() -> None:
    infos = [f for f in _findings(HALFWAY) if f["severity"] == "info"]
    assert [(f["code"], f["line"], f["column"], f["practice"]) for f in infos] == [
        ("PG102", 169, 13, "external-evaluation.b3")
    ]
    assert infos[0]["message"] == (
        "waived until 2027-04-30 by Priya Raman, CTO: baseline practice external-evaluation.b3 "
        "is planned, not met: Consult independent third parties to audit models following…"
    )


def test_halfway_no_waivers_makes_the_waived_gap_an_error() -> None:
    waived = [
        f for f in _findings(HALFWAY, "--no-waivers") if f["practice"] == "external-evaluation.b3"
    ]
    assert [(f["code"], f["severity"], f["line"], f["column"]) for f in waived] == [
        ("PG102", "error", 169, 13)
    ]


def test_halfway_has_no_other_problem_codes() -> None:
    codes = {f["code"] for f in _findings(HALFWAY)}
    assert codes == {"PG101", "PG102", "PG103", "PG301", "PG302"}


def test_halfway_text_lines_a_user_sees() -> None:
    run = run_paiguard("check", HALFWAY, "--today", TODAY, cwd=REPO)
    lines = run.out.splitlines()
    assert (
        "examples/halfway/paiguard.yaml:76:15: PG301 warning upstream-security.b1 was last "
        "reviewed 2025-09-30, 422 days ago (review age: 365 days)"
    ) in lines
    assert (
        "examples/halfway/paiguard.yaml:56:15: PG302 error responsible-iteration.b2 was last "
        "reviewed 2026-06-10, before the significant model update of 2026-09-15 "
        "(function calling and 128k-token context)"
    ) in lines
    assert lines[-1] == "Found 45 errors, 44 warnings, 1 info in 1 file."


# --- JSON shape (SPEC §5) ---------------------------------------------------------------------

FINDING_KEYS = {"code", "severity", "message", "line", "column", "practice", "hint"}


@pytest.mark.parametrize(
    ("path", "model"),
    [
        (CONFORMING, {"name": "Nimbus", "version": "2.1.0"}),
        (HALFWAY, {"name": "Cirrus", "version": "0.9.0"}),
    ],
)
def test_json_output_has_the_spec_shape(path: str, model: dict[str, str]) -> None:
    run = run_paiguard("check", path, "--today", TODAY, "--format", "json", cwd=REPO)
    document = json.loads(run.out)
    assert set(document) == {"paiguard", "files"}
    assert document["paiguard"] == __version__
    (entry,) = document["files"]
    assert set(entry) == {"path", "pack", "model", "findings", "summary"}
    assert entry["path"] == f"{path}/paiguard.yaml"
    assert entry["pack"] == {"id": "pai-frontier-restricted-api", "version": "1.1.0"}
    assert entry["model"] == {**model, "model_type": "frontier", "release_type": "restricted-api"}
    assert entry["findings"]
    for finding in entry["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["severity"] in {"error", "warning", "info"}
        assert isinstance(finding["line"], int) and isinstance(finding["column"], int)
        assert finding["line"] >= 1 and finding["column"] >= 1
    summary = entry["summary"]
    assert {"errors", "warnings", "info", "baseline", "recommended", "stages"} <= set(summary)
    assert [s["id"] for s in summary["stages"]] == [
        "research-development",
        "pre-deployment",
        "post-deployment",
        "societal-impact",
    ]
    assert summary["errors"] == sum(f["severity"] == "error" for f in entry["findings"])
