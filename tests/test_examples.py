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
        ("PG103", "warning", 615, 13, "transparency-reporting.r1"),
        ("PG103", "warning", 770, 13, "environmental-impact.r1"),
    ]
    baseline = set(_pack_ids("baseline"))
    assert not [f for f in findings if f["practice"] in baseline]


def test_conforming_summary_meets_every_baseline_practice() -> None:
    run = run_paiguard("check", CONFORMING, "--today", TODAY, "--format", "json", cwd=REPO)
    summary = json.loads(run.out)["files"][0]["summary"]
    assert summary["baseline"] == {
        "met": 74,
        "total": 74,
        "unverified": 0,
        "waived": 0,
        "grace": 0,
        "gap": 0,
        "status": {
            "implemented": 73,
            "partial": 0,
            "planned": 0,
            "not-implemented": 0,
            "not-applicable": 1,
            "undeclared": 0,
        },
        "evidence": {"public": 72, "internal_only": 1, "independent": 1},
    }
    recommended = summary["recommended"]
    assert (recommended["met"], recommended["total"], recommended["gap"]) == (43, 45, 2)
    assert recommended["status"]["planned"] == 2
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
            (385, "b1"),
            (393, "b2"),
            (401, "b3"),
            (409, "b4"),
            (419, "b5"),
            (435, "r2"),
            (444, "r3"),
            (452, "r4"),
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
    "PG301": [(("PG301", 81, 15, "upstream-security.b1"), "2025-09-30")],
    # upstream-security.b1 (reviewed 2025) is organisation-wide: the update does not stale it
    "PG302": [
        (("PG302", 61, 15, "responsible-iteration.b2"), "2026-06-10"),
        (("PG302", 67, 15, "responsible-iteration.b3"), "2026-06-10"),
    ],
    "PG102": [
        (("PG102", 37, 13, "novel-risks.b2"), "partial"),
        (("PG102", 44, 13, "novel-risks.b3"), "planned"),
        (("PG102", 69, 13, "responsible-iteration.b4"), "partial"),
        (("PG102", 83, 13, "upstream-security.b2"), "not-implemented"),
        (("PG102", 115, 13, "pre-systems-card.b4"), "partial"),
        (("PG102", 124, 13, "risk-management.b1"), "partial"),
        (("PG102", 130, 13, "risk-management.b2"), "planned"),
        (("PG102", 149, 13, "internal-evaluation.b3"), "partial"),
        (("PG102", 169, 13, "external-evaluation.b1"), "planned"),
        (("PG102", 172, 13, "external-evaluation.b2"), "planned"),
        (("PG102", 175, 13, "external-evaluation.b3"), "planned"),  # waived: info
        (("PG102", 187, 13, "red-teaming.b1"), "partial"),
        (("PG102", 206, 13, "red-teaming.b4"), "not-implemented"),
        (("PG102", 217, 13, "public-reporting.b1"), "partial"),
        (("PG102", 231, 13, "public-reporting.b3"), "partial"),
        (("PG102", 278, 13, "safeguards.b4"), "planned"),
        (("PG102", 285, 13, "monitoring.b1"), "planned"),
        (("PG102", 288, 13, "monitoring.b2"), "partial"),
        (("PG102", 308, 13, "incident-reporting.b3"), "planned"),
        (("PG102", 314, 13, "decommissioning.b1"), "not-implemented"),
        (("PG102", 353, 13, "human-rights.b1"), "planned"),
    ],
    "PG107": [(("PG107", 45, 10, "novel-risks.b3"), "2026-10-31")],
    "PG502": [(("PG502", 24, 9, None), "2026-09-01")],
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
    expected = {("PG101", 26, 1, pid) for pid in HALFWAY_UNDECLARED_BASELINE}
    assert _keys(_findings(HALFWAY), "PG101") == expected
    assert HALFWAY_FILE.read_text(encoding="utf-8").splitlines()[25] == "practices:"


def test_halfway_waiver_in_force_is_an_info_finding() -> None:
    infos = [f for f in _findings(HALFWAY) if f["severity"] == "info"]
    assert [(f["code"], f["line"], f["column"], f["practice"]) for f in infos] == [
        ("PG102", 175, 13, "external-evaluation.b3")
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
        ("PG102", "error", 175, 13)
    ]


def test_halfway_has_no_other_problem_codes() -> None:
    codes = {f["code"] for f in _findings(HALFWAY)}
    assert codes == {"PG101", "PG102", "PG103", "PG107", "PG206", "PG301", "PG302", "PG502"}


def test_halfway_text_lines_a_user_sees() -> None:
    run = run_paiguard("check", HALFWAY, "--today", TODAY, cwd=REPO)
    lines = run.out.splitlines()
    assert (
        "examples/halfway/paiguard.yaml:81:15: PG301 warning upstream-security.b1 was last "
        "reviewed 2025-09-30, 422 days ago (review age: 365 days)"
    ) in lines
    assert (
        "examples/halfway/paiguard.yaml:61:15: PG302 error responsible-iteration.b2 was last "
        "reviewed 2026-06-10, before the significant model update of 2026-09-15 "
        "(function calling and 128k-token context)"
    ) in lines
    assert "  unverified: 2 baseline, 0 recommended; waived: 1 baseline, 0 recommended" in lines
    assert lines[-1] == "Found 44 errors, 47 warnings, 1 info in 1 file."


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
    assert set(entry) == {"path", "pack", "model", "findings", "outcomes", "summary"}
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


def test_halfway_summary_counts_outcomes_statuses_and_evidence() -> None:
    """SPEC 5 (ed. 2): the five outcomes add up to the total; the statuses are as declared; the
    met practices' evidence is public, internal only (upstream-security.b3 rests on a ref) or
    independent."""
    run = run_paiguard("check", HALFWAY, "--today", TODAY, "--format", "json", cwd=REPO)
    summary = json.loads(run.out)["files"][0]["summary"]
    assert summary["baseline"] == {
        "met": 29,
        "total": 74,
        "unverified": 2,  # responsible-iteration.b2 and .b3: reviewed before the update
        "waived": 1,  # external-evaluation.b3
        "grace": 0,
        "gap": 42,
        "status": {
            "implemented": 30,
            "partial": 9,
            "planned": 9,
            "not-implemented": 3,
            "not-applicable": 1,
            "undeclared": 22,
        },
        "evidence": {"public": 27, "internal_only": 1, "independent": 0},
    }
    stages = summary["stages"]
    for level in ("baseline", "recommended"):
        assert sum(s[level]["met"] for s in stages) == summary[level]["met"]
        for stage in stages:
            tally = stage[level]
            outcomes = ("met", "unverified", "waived", "grace", "gap")
            assert sum(tally[k] for k in outcomes) == tally["total"]
            assert sum(tally["status"].values()) == tally["total"]
