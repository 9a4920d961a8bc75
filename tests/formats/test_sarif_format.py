"""`--format sarif`: valid SARIF 2.1.0 (the official OASIS schema) that follows GitHub code
scanning's upload rules."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from format_cases import PACKS, assert_golden, assert_valid, check, make_repo

from paiguard.codes import CODES, Severity
from paiguard.findings import Finding, Waived
from paiguard.formats.sarif_format import render
from paiguard.pack_registry import PackRegistry
from paiguard.results import FileResult, RunResult

# RFC 3986 characters a uri-reference may hold as they are (the rest must be %-encoded).
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~/%!$&'()*+,;=:@]+$")


def sarif(tmp_path: Path, *args: str) -> dict[str, Any]:
    run = check(make_repo(tmp_path), "sarif", *args)
    assert run.code == 1
    log: dict[str, Any] = json.loads(run.out)
    return log


def test_fixture_run_matches_golden_and_the_schema(tmp_path: Path) -> None:
    run = check(make_repo(tmp_path), "sarif")
    assert run.code == 1
    assert run.err == ""
    assert_golden("demo.sarif", run.out)
    assert_valid(json.loads(run.out))


def test_the_schema_check_can_fail() -> None:
    log = json.loads(render(RunResult([FileResult("paiguard.yaml")])))
    assert_valid(log)
    log["runs"][0]["results"] = [{"ruleId": "PG101", "level": "fatal", "message": {"text": "x"}}]
    with pytest.raises(AssertionError):
        assert_valid(log)


def test_results_are_always_present() -> None:
    log = json.loads(render(RunResult([])))
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["results"] == []
    assert_valid(log)


def test_one_rule_per_code_with_help_from_the_code_table(tmp_path: Path) -> None:
    rules = sarif(tmp_path)["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CODES)
    pg202 = rules[list(CODES).index("PG202")]
    assert pg202["name"] == "EvidencePathDoesNotExist"
    assert pg202["shortDescription"] == {"text": "Evidence path does not exist"}
    assert pg202["fullDescription"]["text"] == CODES["PG202"].explain
    assert pg202["help"]["text"].endswith("How to fix: " + CODES["PG202"].hint)
    assert pg202["help"]["markdown"].endswith("**How to fix:** " + CODES["PG202"].hint)
    assert pg202["defaultConfiguration"] == {"level": "error"}
    assert pg202["properties"]["tags"] == ["security", "ai-safety", "evidence"]
    for rule in rules:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", rule["name"])
        assert 0.0 < float(rule["properties"]["security-severity"]) <= 10.0
        level = rule["defaultConfiguration"]["level"]
        assert level == {"error": "error", "warning": "warning"}[CODES[rule["id"]].severity.value]


def test_results_point_at_rules_and_places(tmp_path: Path) -> None:
    log = sarif(tmp_path)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    results = log["runs"][0]["results"]
    assert len(results) == 11
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert region["startColumn"] >= 1
    pg102 = next(r for r in results if r["ruleId"] == "PG102")
    assert pg102["level"] == "error"
    assert pg102["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "paiguard.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 11, "startColumn": 13},
            }
        }
    ]
    assert pg102["message"]["text"] == (
        "baseline practice risk-scan.b1 is partial, not met: Run capability evaluations for "
        "novel risks before each majo…\n\nrisk-scan.b1 (baseline): Run capability evaluations "
        "for novel risks before each major training run."
    )
    assert pg102["properties"] == {"practice": "risk-scan.b1"}
    assert "%SRCROOT%" in log["runs"][0]["originalUriBaseIds"]


def test_waived_gap_is_a_suppressed_note(tmp_path: Path) -> None:
    results = sarif(tmp_path)["runs"][0]["results"]
    waived = [r for r in results if "suppressions" in r]
    assert len(waived) == 1
    assert waived[0]["ruleId"] == "PG101"
    assert waived[0]["level"] == "note"
    assert waived[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "External red team booked for January; the release is limited to "
            "ten pilot customers. (approved by CISO Jane Roe, until 2027-01-31)",
        }
    ]


def test_no_waivers_turns_the_suppression_into_an_open_error(tmp_path: Path) -> None:
    results = sarif(tmp_path, "--no-waivers")["runs"][0]["results"]
    assert not any("suppressions" in r for r in results)
    red_team = [r for r in results if r.get("properties", {}).get("practice") == "red-team.b2"]
    assert [(r["ruleId"], r["level"]) for r in red_team] == [("PG101", "error")]


def _fingerprints(log: dict[str, Any]) -> dict[str, tuple[str, int]]:
    return {
        r["partialFingerprints"]["paiguardFindingHash/v1"]: (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in log["runs"][0]["results"]
    }


def test_fingerprints_are_unique_and_survive_moved_lines(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    before = _fingerprints(json.loads(check(repo, "sarif", files=("paiguard.yaml",)).out))
    assert len(before) == 9
    declaration = repo / "paiguard.yaml"
    declaration.write_text("# moved\n# down\n" + declaration.read_text(encoding="utf-8"))
    after = _fingerprints(json.loads(check(repo, "sarif", files=("paiguard.yaml",)).out))
    assert after.keys() == before.keys()
    assert all(after[key] == (code, line + 2) for key, (code, line) in before.items())


def test_fingerprint_changes_with_the_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    first = _fingerprints(json.loads(check(repo, "sarif", files=("paiguard.yaml",)).out))
    (repo / "paiguard.yaml").rename(repo / "nimbus.paiguard.yaml")
    second = _fingerprints(json.loads(check(repo, "sarif", files=("nimbus.paiguard.yaml",)).out))
    assert not first.keys() & second.keys()


def test_uri_is_relative_to_the_repository_root_and_percent_encoded(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    sub = repo / "models" / "nimbus v2 #1"
    sub.mkdir(parents=True)
    (repo / "broken.paiguard.yaml").rename(sub / "broken.paiguard.yaml")
    run = check(sub, "sarif", files=("broken.paiguard.yaml",))
    log = json.loads(run.out)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {
        "uri": "models/nimbus%20v2%20%231/broken.paiguard.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert URI_CHARS.match(artifact["uri"])
    assert_valid(log)


def test_without_a_repository_path_an_absolute_path_becomes_a_file_uri() -> None:
    finding = Finding("PG001", Severity.ERROR, "bad", 0, 0)
    log = json.loads(render(RunResult([FileResult("/srv/a b/paiguard.yaml", [finding])])))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "file:///srv/a%20b/paiguard.yaml"},
        "region": {"startLine": 1, "startColumn": 1},
    }
    assert_valid(log)


def test_hostile_text_stays_json() -> None:
    waived = Waived('say "hi"\n</script>\x00', "Ｊ. Roe", __import__("datetime").date(2027, 1, 1))
    finding = Finding("PG101", Severity.INFO, 'odd "id"\n\x1b[31m', 1, 1, "a.b", waived=waived)
    log = json.loads(render(RunResult([FileResult("x.yaml", [finding], repo_path="x.yaml")])))
    result = log["runs"][0]["results"][0]
    assert result["message"]["text"] == 'odd "id"\n\x1b[31m'
    assert result["suppressions"][0]["justification"].startswith('say "hi"\n</script>\x00')
    assert_valid(log)


def test_only_practices_with_results_are_described_and_unknown_ids_have_none(
    tmp_path: Path,
) -> None:
    run = sarif(tmp_path)["runs"][0]
    [taxonomy] = run["taxonomies"]
    assert taxonomy["name"] == "acme-policy"
    assert taxonomy["informationUri"] == "https://example.org/acme/model-release-policy"
    described = [taxon["id"] for taxon in taxonomy["taxa"]]
    about = {r["properties"]["practice"] for r in run["results"] if "taxa" in r}
    assert set(described) == about
    assert all(
        t["helpUri"] == "https://example.org/acme/model-release-policy" for t in taxonomy["taxa"]
    )
    pack = PackRegistry([PACKS]).require("acme-policy@1")
    for result in run["results"]:
        practice = result.get("properties", {}).get("practice")
        assert ("taxa" in result) == (practice in pack.practices), result["message"]
    assert "red-team.b9" in {r.get("properties", {}).get("practice") for r in run["results"]}
