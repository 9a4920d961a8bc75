"""`--format junit`: JUnit XML for Jenkins, GitLab and other CI test reports.

One `<testsuite>` per declaration and one `<testcase>` per pack practice (classname
`stage.guideline`, name the practice id). A practice with a finding that fails the run is a
`<failure>` (so the report agrees with the exit code); otherwise a not-applicable, waived or
grace-period one is `<skipped>`, and the rest pass. `<system-out>` gives the practice's outcome
(met, grace, waived, unverified, gap) and the findings that do not fail the run. Findings not
about a pack practice go into one more testcase, `paiguard.declaration`: an `<error>` when the
file could not be checked at all (PG001-PG003, PG010), else a `<failure>` when they fail the
run. Paths are from the repository root, where CI servers look for files.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

from paiguard.codes import Severity
from paiguard.findings import Finding
from paiguard.results import FileResult, PracticeOutcome, RunResult
from paiguard.vocabulary import Outcome, Status

_COUNTED = ("tests", "failures", "errors", "skipped")
# Characters XML 1.0 cannot carry even escaped (a YAML "\x01" escape can produce them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(slots=True)
class _Case:
    """One testcase before it becomes XML."""

    classname: str
    name: str
    outcome: str = ""  # "", "failure", "error" or "skipped"
    message: str = ""
    kind: str = ""
    body: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    summary: str = ""  # the practice's outcome, first in <system-out>


def render(run: RunResult) -> str:
    """The run as one `<testsuites>` document."""
    root = ET.Element("testsuites", name="paiguard")
    for result in run.files:
        root.append(_suite(result, _cases(result, run.fail_level(result))))
    _count(root, root.findall("testsuite"))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _cases(result: FileResult, fail_on: Severity) -> list[_Case]:
    practices = {outcome.practice for outcome in result.outcomes}
    by_practice: dict[str, list[Finding]] = {}
    loose: list[Finding] = []
    for finding in result.findings:
        if finding.practice in practices:
            by_practice.setdefault(finding.practice, []).append(finding)
        else:
            loose.append(finding)
    cases = [
        _practice_case(o, by_practice.get(o.practice, []), result, fail_on) for o in result.outcomes
    ]
    if result.pack is None or loose:
        cases.append(_declaration_case(loose, result.pack is None, fail_on))
    return cases


def _practice_case(
    outcome: PracticeOutcome, findings: list[Finding], result: FileResult, fail_on: Severity
) -> _Case:
    case = _Case(f"{outcome.stage}.{outcome.guideline}", outcome.practice)
    failing = [f for f in findings if f.severity.rank >= fail_on.rank]
    case.notes = [f for f in findings if f.severity.rank < fail_on.rank]
    case.summary = f"outcome: {outcome.outcome.value}"
    if failing:
        case.outcome, case.body = "failure", failing
        case.message, case.kind = failing[0].message, failing[0].code
    elif outcome.outcome is Outcome.WAIVED and outcome.waived is not None:
        waived = outcome.waived
        case.outcome = "skipped"
        case.message = f"waived until {waived.expires} by {waived.approved_by}: {waived.reason}"
    elif outcome.outcome is Outcome.GRACE:
        case.outcome = "skipped"
        case.message = "grace period: the practice is not required yet"
    elif outcome.declared_status == Status.NOT_APPLICABLE.value:
        entry = result.entry(outcome.practice)
        case.outcome = "skipped"
        case.message = f"not applicable: {entry.justification if entry else ''}"
    return case


def _declaration_case(findings: list[Finding], unchecked: bool, fail_on: Severity) -> _Case:
    case = _Case("paiguard", "declaration")
    failing = [f for f in findings if unchecked or f.severity.rank >= fail_on.rank]
    case.notes = [f for f in findings if f not in failing]
    if failing:
        case.outcome = "error" if unchecked else "failure"
        case.body, case.message, case.kind = failing, failing[0].message, failing[0].code
    return case


def _suite(result: FileResult, cases: list[_Case]) -> ET.Element:
    suite = ET.Element("testsuite", name=_xml(_where(result)))
    model = result.model
    if result.pack is not None and model is not None:
        properties = ET.SubElement(suite, "properties")
        for name, value in (
            ("pack", f"{result.pack.pack} {result.pack.version}"),
            ("model", f"{model.name} {model.version}"),
        ):
            ET.SubElement(properties, "property", name=name, value=_xml(value))
    for case in cases:
        suite.append(_testcase(case, _where(result)))
    _count(suite, [suite])
    return suite


def _where(result: FileResult) -> str:
    """The file's path from the repository root, where CI servers look for it."""
    return result.repo_path or result.path


def _testcase(case: _Case, path: str) -> ET.Element:
    element = ET.Element("testcase", classname=_xml(case.classname), name=_xml(case.name))
    if case.outcome:
        child = ET.SubElement(element, case.outcome, message=_xml(case.message))
        if case.kind:
            child.set("type", case.kind)
        if case.body:
            child.text = _lines(case.body, path)
    if case.summary or case.notes:
        out = [case.summary] if case.summary else []
        if case.notes:
            out.append(_lines(case.notes, path))
        ET.SubElement(element, "system-out").text = "\n".join(out)
    return element


def _lines(findings: Iterable[Finding], path: str) -> str:
    """Findings as the text format prints them, each with its hint."""
    lines = []
    for f in findings:
        lines.append(f"{path}:{f.line}:{f.column}: {f.code} {f.severity.value} {f.message}")
        if f.hint:
            lines.append(f"  hint: {f.hint}")
    return _xml("\n".join(lines))


def _count(element: ET.Element, suites: list[ET.Element]) -> None:
    """Set tests/failures/errors/skipped from the testcases below `suites`."""
    cases = [case for suite in suites for case in suite.iter("testcase")]
    totals = {
        "tests": len(cases),
        "failures": sum(case.find("failure") is not None for case in cases),
        "errors": sum(case.find("error") is not None for case in cases),
        "skipped": sum(case.find("skipped") is not None for case in cases),
    }
    for name in _COUNTED:
        element.set(name, str(totals[name]))


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
