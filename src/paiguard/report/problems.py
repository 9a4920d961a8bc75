"""A finding as a report shows it to a reader: what is wrong, in which area of the declaration,
and what closes it; in the public edition, without the message of a finding about internal
evidence."""

from __future__ import annotations

from dataclasses import dataclass

from paiguard.codes import CODES
from paiguard.findings import Finding
from paiguard.report.audience import WITHHELD_MESSAGE, Edition
from paiguard.results import FileResult

_AREAS = {
    **dict.fromkeys(("PG101", "PG104"), "declaration"),
    **dict.fromkeys(("PG102", "PG103"), "status"),
    **dict.fromkeys(("PG105", "PG106"), "justification"),
    **dict.fromkeys(("PG201", "PG202", "PG203", "PG204", "PG205", "PG206"), "evidence"),
    **dict.fromkeys(("PG301", "PG302", "PG303", "PG304"), "review"),
    **dict.fromkeys(("PG401", "PG402", "PG403"), "waiver"),
    **dict.fromkeys(("PG501", "PG502"), "attestation"),
}
_MET_MEANS = "met means implemented with evidence, or not-applicable with a justification"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a practice, phrased for a reader: what is wrong and what closes it."""

    code: str
    severity: str
    area: str
    message: str
    hint: str  # paiguard's own Markdown, from the table of codes
    line: int
    column: int
    withheld: bool  # the public edition does not say what the finding says (internal evidence)


def practice_problem(
    finding: Finding, status: str | None, shown: Edition, result: FileResult
) -> Problem:
    """A finding about one practice. The gap codes' messages repeat the guidance text the report
    already shows in full, and a waived one starts with the waiver, which the report shows on
    its own line: a report says what the declaration says instead."""
    if finding.code in ("PG101", "PG102", "PG103"):
        if status is None:
            return problem(finding, "not declared", shown, result, area="declaration")
        return problem(finding, f"declared {status}; {_MET_MEANS}", shown, result)
    if finding.code == "PG201" and status is not None:
        return problem(finding, f"declared {status} but lists no evidence", shown, result)
    return problem(finding, finding.message, shown, result)


def problem(
    finding: Finding, message: str, shown: Edition, result: FileResult, area: str | None = None
) -> Problem:
    """`finding`, saying `message`, as `shown` shows it."""
    withheld = shown.withholds(finding, result)
    return Problem(
        code=finding.code,
        severity=finding.severity.value,
        area=area or _AREAS.get(finding.code, "declaration"),
        message=WITHHELD_MESSAGE if withheld else shown.text(message),
        hint=CODES[finding.code].hint,
        line=finding.line,
        column=finding.column,
        withheld=withheld,
    )
