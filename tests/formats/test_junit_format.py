"""`--format junit`: JUnit XML as Jenkins and GitLab read it, checked with a real JUnit parser."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from format_cases import assert_golden, check, make_repo
from junitparser import Error, Failure, JUnitXml, Skipped, TestCase, TestSuite

from paiguard.codes import Severity
from paiguard.findings import Finding, Waived
from paiguard.formats.junit_format import render
from paiguard.results import FileResult, PracticeOutcome, RunResult
from paiguard.vocabulary import Outcome


def parse(text: str) -> JUnitXml:
    return JUnitXml.fromstring(text)


def suites(text: str) -> list[TestSuite]:
    return list(parse(text))


def case(suite: TestSuite, name: str) -> TestCase:
    return next(c for c in suite if c.name == name)


def outcome_of(c: TestCase) -> tuple[str, str | None, str | None]:
    if not c.result:
        return ("passed", None, None)
    result = c.result[0]
    kind = {Failure: "failure", Error: "error", Skipped: "skipped"}[type(result)]
    return (kind, result.type, result.message)


def test_fixture_run_matches_golden(tmp_path: Path) -> None:
    run = check(make_repo(tmp_path), "junit")
    assert run.code == 1
    assert run.err == ""
    assert_golden("demo.junit.xml", run.out)


def test_one_suite_per_declaration_one_case_per_practice(tmp_path: Path) -> None:
    declaration, broken = suites(check(make_repo(tmp_path), "junit").out)
    assert declaration.name == "paiguard.yaml"
    assert [(c.classname, c.name) for c in declaration] == [
        ("research-development.risk-scan", "risk-scan.b1"),
        ("research-development.risk-scan", "risk-scan.r1"),
        ("pre-deployment.red-team", "red-team.b1"),
        ("pre-deployment.red-team", "red-team.b2"),
        ("pre-deployment.red-team", "red-team.r1"),
        ("post-deployment.incidents", "incidents.b1"),
        ("post-deployment.incidents", "incidents.b2"),
        ("post-deployment.incidents", "incidents.b3"),
        ("paiguard", "declaration"),
    ]
    assert broken.name == "broken.paiguard.yaml"
    assert [(c.classname, c.name) for c in broken] == [("paiguard", "declaration")]


def test_outcomes_follow_the_run(tmp_path: Path) -> None:
    declaration, broken = suites(check(make_repo(tmp_path), "junit").out)
    outcomes = {c.name: outcome_of(c) for c in declaration}
    assert outcomes == {
        "risk-scan.b1": (
            "failure",
            "PG102",
            "baseline practice risk-scan.b1 is partial, not met: Run capability evaluations "
            "for novel risks before each majo…",
        ),
        "risk-scan.r1": ("passed", None, None),
        "red-team.b1": ("passed", None, None),
        "red-team.b2": (
            "skipped",
            None,
            "waived until 2027-01-31 by CISO Jane Roe: External red team booked for January; "
            "the release is limited to ten pilot customers.",
        ),
        "red-team.r1": ("passed", None, None),
        "incidents.b1": (
            "skipped",
            None,
            "not applicable: We run no hosted deployment; the reseller operates the hotline "
            "under contract.",
        ),
        "incidents.b2": ("skipped", None, "grace period: the practice is not required yet"),
        "incidents.b3": (
            "failure",
            "PG202",
            "evidence path of incidents.b3 does not exist: 'docs/incident-plan.md'",
        ),
        "declaration": (
            "failure",
            "PG104",
            "practice red-team.b9 is not in acme-policy@1; did you mean red-team.b2?",
        ),
    }
    assert outcome_of(case(broken, "declaration")) == (
        "error",
        "PG002",
        "unknown key 'colour' in model",
    )


def test_failure_and_error_bodies_list_every_finding_with_its_place(tmp_path: Path) -> None:
    declaration, broken = suites(check(make_repo(tmp_path), "junit").out)
    loose = case(declaration, "declaration").result[0].text
    assert loose.splitlines()[0] == (
        "paiguard.yaml:31:3: PG104 error practice red-team.b9 is not in acme-policy@1; "
        "did you mean red-team.b2?"
    )
    assert (
        "paiguard.yaml:32:13: PG201 error red-team.b9 is implemented but lists no evidence" in loose
    )
    lines = case(broken, "declaration").result[0].text.splitlines()
    assert [line for line in lines if not line.startswith("  hint:")] == [
        "broken.paiguard.yaml:9:3: PG002 error unknown key 'colour' in model",
        "broken.paiguard.yaml:12:13: PG002 error practices.red-team.b1.status: Input should be "
        "'implemented', 'partial', 'planned', 'not-implemented' or 'not-applicable', got 'done'",
    ]


def test_findings_that_do_not_fail_the_run_are_in_system_out(tmp_path: Path) -> None:
    declaration, _ = suites(check(make_repo(tmp_path), "junit").out)
    assert case(declaration, "red-team.b1").system_out.splitlines()[:2] == [
        "outcome: met",
        "paiguard.yaml:20:15: PG301 warning red-team.b1 was last reviewed 2025-06-01, "
        "543 days ago (review age: 365 days)",
    ]


def test_every_practice_says_its_outcome(tmp_path: Path) -> None:
    declaration, _ = suites(check(make_repo(tmp_path), "junit").out)
    outcomes = {c.name: c.system_out.splitlines()[0] for c in declaration if c.system_out}
    assert outcomes == {
        "risk-scan.b1": "outcome: gap",
        "risk-scan.r1": "outcome: gap",
        "red-team.b1": "outcome: met",
        "red-team.b2": "outcome: waived",
        "red-team.r1": "outcome: gap",
        "incidents.b1": "outcome: met",
        "incidents.b2": "outcome: grace",
        "incidents.b3": "outcome: unverified",
    }


def test_counts_are_those_a_parser_recomputes(tmp_path: Path) -> None:
    xml = parse(check(make_repo(tmp_path), "junit").out)
    declared = [(s.tests, s.failures, s.errors, s.skipped) for s in xml]
    assert declared == [(9, 3, 0, 3), (1, 0, 1, 0)]
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (10, 3, 1, 3)
    recomputed = copy.deepcopy(xml)
    recomputed.update_statistics()
    assert (recomputed.tests, recomputed.failures, recomputed.errors, recomputed.skipped) == (
        10,
        3,
        1,
        3,
    )


def test_fail_on_warning_and_strict_make_recommended_gaps_failures(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    for args in (("--fail-on", "warning"), ("--strict",)):
        declaration, _ = suites(check(repo, "junit", *args).out)
        assert outcome_of(case(declaration, "risk-scan.r1"))[:2] == ("failure", "PG103")
        assert outcome_of(case(declaration, "red-team.r1"))[:2] == ("failure", "PG103")


def test_no_waivers_makes_the_waived_gap_a_failure(tmp_path: Path) -> None:
    declaration, _ = suites(check(make_repo(tmp_path), "junit", "--no-waivers").out)
    assert outcome_of(case(declaration, "red-team.b2"))[:2] == ("failure", "PG101")
    assert declaration.skipped == 2  # not-applicable and grace period, no longer the waived one


def test_a_met_practice_under_a_needless_waiver_passes() -> None:
    waived = Waived("booked for January, pilot only", "CISO", dt.date(2027, 1, 31))
    outcome = PracticeOutcome(
        "red-team.b2",
        "baseline",
        "pre-deployment",
        "red-team",
        "implemented",
        Outcome.MET,
        waived,
        (),
    )
    (suite,) = suites(render(RunResult([FileResult("p.yaml", outcomes=[outcome])])))
    assert outcome_of(case(suite, "red-team.b2")) == ("passed", None, None)


def test_hostile_text_is_escaped_and_control_characters_replaced() -> None:
    message = 'bad <id> & "quote"\nnext line\x01\x1b end'
    finding = Finding("PG001", Severity.ERROR, message, 2, 3)
    text = render(RunResult([FileResult("a&b <c>.yaml", [finding])]))
    (suite,) = suites(text)
    assert suite.name == "a&b <c>.yaml"
    error = case(suite, "declaration").result[0]
    assert error.message == 'bad <id> & "quote"\nnext line\ufffd\ufffd end'
    assert error.text == f"a&b <c>.yaml:2:3: PG001 error {error.message}"


def test_empty_run_is_an_empty_report() -> None:
    assert render(RunResult([])) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="paiguard" tests="0" failures="0" errors="0" skipped="0" />\n'
    )
