"""The machine formats on the shipped pack: a declaration that declares nothing has one gap per
practice, and every format accounts for each of them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from format_cases import assert_valid
from junitparser import JUnitXml

from conftest import TODAY, run_paiguard

EMPTY = """\
paiguard: 1
provider: {name: Example Labs}
model: {name: Nimbus, version: 2.1.0, model_type: frontier, release_type: restricted-api}
practices: {}
"""

# Attributes Jenkins' JUnit schema (junit-10.xsd of the xUnit plugin) and GitLab's parser accept.
ALLOWED = {
    "testsuites": {"name", "tests", "failures", "errors", "skipped", "time", "disabled"},
    "testsuite": {"name", "tests", "failures", "errors", "skipped", "time", "timestamp", "file"},
    "properties": set(),
    "property": {"name", "value"},
    "testcase": {"name", "classname", "time", "status", "assertions"},
    "failure": {"message", "type"},
    "error": {"message", "type"},
    "skipped": {"message"},
    "system-out": set(),
}
CHILDREN = {
    "testsuites": {"testsuite"},
    "testsuite": {"properties", "testcase"},
    "properties": {"property"},
    "testcase": {"failure", "error", "skipped", "system-out"},
}


def check(tmp_path: Path, fmt: str) -> str:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "paiguard.yaml").write_text(EMPTY, encoding="utf-8")
    run = run_paiguard("check", "paiguard.yaml", "--today", TODAY, "--format", fmt, cwd=tmp_path)
    assert (run.code, run.err) == (1, "")
    return run.out


def test_sarif_has_a_valid_result_per_gap(tmp_path: Path) -> None:
    log = json.loads(check(tmp_path, "sarif"))
    assert_valid(log)
    results = log["runs"][0]["results"]
    codes = [r["ruleId"] for r in results]
    assert (codes.count("PG101"), codes.count("PG103"), len(codes)) == (74, 45, 119)
    fingerprints = {r["partialFingerprints"]["paiguardFindingHash/v1"] for r in results}
    assert len(fingerprints) == 119
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 1}


def test_junit_fails_each_baseline_practice(tmp_path: Path) -> None:
    text = check(tmp_path, "junit")
    (suite,) = JUnitXml.fromstring(text)
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (119, 74, 0, 0)
    failed = [case.name for case in suite if case.result]
    assert failed[0] == "novel-risks.b1"
    assert all(".b" in name for name in failed)
    assert next(iter(suite)).classname == "research-development.novel-risks"


def test_junit_uses_only_elements_and_attributes_ci_tools_know(tmp_path: Path) -> None:
    root = ET.fromstring(check(tmp_path, "junit"))
    assert root.tag == "testsuites"
    for element in root.iter():
        assert set(element.attrib) <= ALLOWED[element.tag], element.tag
        assert {child.tag for child in element} <= CHILDREN.get(element.tag, set()), element.tag
        if element.tag == "testcase":
            results = [c for c in element if c.tag in {"failure", "error", "skipped"}]
            assert len(results) <= 1
            assert {"name", "classname"} <= set(element.attrib)
        if element.tag in {"failure", "error"}:
            assert {"message", "type"} <= set(element.attrib)


def test_github_annotates_each_gap(tmp_path: Path) -> None:
    lines = check(tmp_path, "github").splitlines()
    assert len(lines) == 119
    assert (
        sum(
            line.startswith("::error file=paiguard.yaml,line=4,col=1,title=PG101::")
            for line in lines
        )
        == 74
    )


def test_sarif_practices_link_to_the_packs_source(tmp_path: Path) -> None:
    """Each result about a practice names it in the pack's taxonomy, whose practice descriptors
    carry `helpUri`: where the guidance is published."""
    log = json.loads(check(tmp_path, "sarif"))
    run = log["runs"][0]
    [taxonomy] = run["taxonomies"]
    assert taxonomy["name"] == "pai-frontier-restricted-api"
    assert taxonomy["version"] == "1.1.0"
    assert taxonomy["organization"] == "Partnership on AI"
    assert taxonomy["informationUri"] == "https://partnershiponai.org/modeldeployment/"
    taxa = taxonomy["taxa"]
    assert len(taxa) == 119
    assert {taxon["helpUri"] for taxon in taxa} == {"https://partnershiponai.org/modeldeployment/"}
    first = taxa[0]
    assert first["id"] == "novel-risks.b1"
    assert first["fullDescription"]["text"].startswith("Conduct model evaluations and experiments")
    assert first["properties"] == {
        "level": "baseline",
        "guideline": "novel-risks",
        "stage": "research-development",
    }
    for result in run["results"]:
        [ref] = result["taxa"]
        assert ref["toolComponent"] == {"name": "pai-frontier-restricted-api", "index": 0}
        assert taxa[ref["index"]]["id"] == ref["id"] == result["properties"]["practice"]
    assert_valid(log)
