"""Numbers that never overstate (SPEC §3): a practice is met only when its evidence stands up.

Each practice of the pack has exactly one outcome (met, grace, waived, unverified, gap), and only
`met` counts as met, in the text summary, the JSON summary and outcomes, and the portfolio.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from conftest import REPO, TODAY, run_paiguard
from hostile_helpers import HEAD

CONFORMING = REPO / "examples" / "conforming" / "paiguard.yaml"


def _result(folder: Path, *args: str) -> tuple[int, dict[str, Any]]:
    run = run_paiguard(
        "check", "paiguard.yaml", "--today", TODAY, "--format", "json", *args, cwd=folder
    )
    assert run.err == ""
    [result] = json.loads(run.out)["files"]
    return run.code, result


def _bare_copy(tmp_path: Path) -> Path:
    """The conforming example's declaration alone: none of the files it cites came along."""
    folder = tmp_path / "copied"
    folder.mkdir()
    (folder / ".git").mkdir()
    shutil.copy(CONFORMING, folder / "paiguard.yaml")
    return folder


def test_a_declaration_copied_without_its_evidence_files_is_not_met(tmp_path: Path) -> None:
    declared = YAML(typ="safe").load(CONFORMING)["practices"]
    path_only = {
        pid
        for pid, entry in declared.items()
        if entry["status"] == "implemented" and all("path" in i for i in entry["evidence"])
    }
    code, result = _result(_bare_copy(tmp_path))
    assert code == 1
    outcomes = {o["practice"]: o["outcome"] for o in result["outcomes"]}
    assert {pid for pid, outcome in outcomes.items() if outcome == "unverified"} == path_only
    assert len(path_only) == 87
    assert Counter(outcomes.values()) == {"unverified": 87, "met": 30, "gap": 2}
    baseline, recommended = result["summary"]["baseline"], result["summary"]["recommended"]
    assert (baseline["met"], baseline["unverified"], baseline["total"]) == (7, 67, 74)
    assert (recommended["met"], recommended["unverified"], recommended["gap"]) == (23, 20, 2)
    # what the met ones rest on: 5 public, the one internal-only (a ref), 1 independent audit
    assert baseline["evidence"] == {"public": 5, "internal_only": 1, "independent": 1}
    text = run_paiguard("check", "paiguard.yaml", "--today", TODAY, cwd=tmp_path / "copied")
    assert (
        "  total                                                             7/74         23/45"
        in (text.out.splitlines())
    )
    assert "  unverified: 67 baseline, 20 recommended; waived: 0 baseline, 0 recommended" in (
        text.out.splitlines()
    )


def test_the_portfolio_ranks_unverified_below_real_gaps_with_sound_evidence(
    tmp_path: Path,
) -> None:
    _bare_copy(tmp_path)
    shutil.copytree(REPO / "examples" / "halfway", tmp_path / "halfway")
    run = run_paiguard("report", "--portfolio", ".", "--today", TODAY, cwd=tmp_path)
    assert run.code == 0
    rows = [line for line in run.out.splitlines() if line.startswith("| ") and ".yaml" in line]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows][:2] == [
        "copied/paiguard.yaml",  # 7/74 baseline met: worst first
        "halfway/paiguard.yaml",  # 29/74
    ]
    assert "| 7/74 |" in rows[0]


HOSTILE_EVIDENCE = {
    "climbs out": "{path: ../../etc/passwd}",
    "a script url": '{url: "javascript:alert(1)"}',
    "a missing file": "{path: docs/missing.md}",
    "dated after today": '{url: "https://example.org/report", date: 2027-01-01}',
}


def test_hostile_evidence_is_never_sound(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    items = "".join(f"      - {item}\n" for item in HOSTILE_EVIDENCE.values())
    (tmp_path / "paiguard.yaml").write_text(
        HEAD + f"practices:\n  red-teaming.b1:\n    status: implemented\n    evidence:\n{items}"
    )
    code, result = _result(tmp_path)
    assert code == 1
    [outcome] = [o for o in result["outcomes"] if o["practice"] == "red-teaming.b1"]
    assert outcome == {
        "practice": "red-teaming.b1",
        "level": "baseline",
        "outcome": "unverified",
        "status": "implemented",
    }
    codes = sorted(f["code"] for f in result["findings"] if f["practice"] == "red-teaming.b1")
    assert codes == ["PG202", "PG203", "PG204", "PG303"]
    assert result["summary"]["baseline"]["met"] == 0
    # each alone is unsound too
    for item in HOSTILE_EVIDENCE.values():
        (tmp_path / "paiguard.yaml").write_text(
            HEAD + f"practices:\n  red-teaming.b1:\n    status: implemented\n    evidence:\n"
            f"      - {item}\n"
        )
        outcomes = {o["practice"]: o["outcome"] for o in _result(tmp_path)[1]["outcomes"]}
        assert outcomes["red-teaming.b1"] == "unverified", item


UPDATED = (
    HEAD.replace(
        "  release_type: restricted-api\n",
        "  release_type: restricted-api\n"
        "  updates:\n"
        "    - {date: 2026-08-01, description: tool use added, significant: true}\n",
    )
    + "practices:\n"
)


def _practice(pid: str, reviewed: str, *dates: str) -> str:
    items = "".join(
        f'      - {{url: "https://example.org/{pid}/{i}", date: {date}}}\n'
        for i, date in enumerate(dates)
    )
    return f"  {pid}:\n    status: implemented\n    evidence:\n{items}    reviewed: {reviewed}\n"


def test_a_significant_update_weighs_each_practice_by_scope_and_level(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "paiguard.yaml").write_text(
        UPDATED
        # recommended, model-scoped, reviewed before the update: a warning, never an error
        + _practice("pre-systems-card.r1", "2026-06-01", "2026-05-01")
        # organisation-wide (the bug bounty): a model update does not call it into question
        + _practice("upstream-security.r2", "2026-06-01", "2026-05-01")
        # re-reviewed after the update, but on evidence from before it: PG304
        + _practice("red-teaming.b1", "2026-09-01", "2026-05-01", "2026-07-20")
        # re-reviewed after the update with evidence from after it: met
        + _practice("red-teaming.b2", "2026-09-01", "2026-05-01", "2026-08-20")
    )
    _, result = _result(tmp_path)
    about = {
        (f["practice"], f["code"], f["severity"])
        for f in result["findings"]
        if f["code"] in ("PG302", "PG304")
    }
    assert about == {
        ("pre-systems-card.r1", "PG302", "warning"),
        ("red-teaming.b1", "PG304", "error"),
    }
    outcomes = {o["practice"]: o["outcome"] for o in result["outcomes"]}
    assert outcomes["pre-systems-card.r1"] == "unverified"
    assert outcomes["upstream-security.r2"] == "met"
    assert outcomes["red-teaming.b1"] == "unverified"
    assert outcomes["red-teaming.b2"] == "met"


def test_a_schema_problem_in_one_practice_hides_nothing_else(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "paiguard.yaml").write_text(
        HEAD
        + "practices:\n"
        + "  red-teaming.b1:\n    status: implemented\n    evidence:\n"
        + '      - {path: docs/a.md, sha256: "9f2c"}\n'
        + "  red-teaming.b2:\n    status: implemented\n    evidence:\n"
        + "      - {path: docs/missing.md}\n"
        + "  red-teaming.b3:\n    status: planned\n"
        + "  red-teaming.b99:\n    status: planned\n"
    )
    code, result = _result(tmp_path)
    assert code == 1
    codes = Counter(f["code"] for f in result["findings"])
    assert codes["PG002"] == 1
    assert {code for code in codes if codes[code]} >= {"PG002", "PG101", "PG102", "PG104", "PG202"}
    assert len(result["findings"]) > 1
    outcomes = {o["practice"]: (o["outcome"], o["status"]) for o in result["outcomes"]}
    assert outcomes["red-teaming.b1"] == ("gap", "implemented")  # its entry has the PG002
    assert outcomes["red-teaming.b2"] == ("unverified", "implemented")
    [pg002] = [f for f in result["findings"] if f["code"] == "PG002"]
    assert pg002["practice"] == "red-teaming.b1"
    assert not [
        f for f in result["findings"] if f["practice"] == "red-teaming.b1" and f is not pg002
    ]


def test_a_baseline_set_aside_for_no_reason_fails_and_a_waiver_cannot_hide_bad_evidence(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "paiguard.yaml").write_text(
        HEAD
        + "practices:\n"
        + "  red-teaming.b1:\n    status: not-applicable\n    justification: TBD\n"
        + "  red-teaming.b2:\n    status: implemented\n    evidence:\n"
        + "      - {path: docs/missing.md}\n"
        + "waivers:\n"
        + "  - practice: red-teaming.b2\n"
        + "    reason: The report moves to the new document store this week.\n"
        + "    approved_by: CISO\n"
        + "    expires: 2027-01-31\n"
    )
    code, result = _result(tmp_path)
    assert code == 1
    outcomes = {o["practice"]: o["outcome"] for o in result["outcomes"]}
    assert outcomes["red-teaming.b1"] == "unverified"
    assert outcomes["red-teaming.b2"] == "waived"
    about = {(f["practice"], f["code"], f["severity"]) for f in result["findings"]}
    assert ("red-teaming.b1", "PG106", "error") in about
    assert ("red-teaming.b2", "PG202", "error") in about  # the reference itself is wrong
    assert not [c for p, c, _ in about if p == "red-teaming.b2" and c == "PG402"]
    assert result["summary"]["baseline"]["waived"] == 1
