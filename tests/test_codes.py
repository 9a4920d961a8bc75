"""The table of codes (`codes.py`) against SPEC §3, and `paiguard explain` for every id kind."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, run_paiguard
from paiguard.codes import CODES, FIXED_CODES

# The project keeps SPEC.md next to the repository (CI: ../shared/SPEC.md from the repo root).
SPEC = REPO.parent / "shared" / "SPEC.md"
_ROW = re.compile(r"^\|\s*(PG\d{3})\s*\|\s*(error|warning|info)\s*\|\s*(.+?)\s*\|$", re.MULTILINE)

# SPEC §3 as of this test's writing, for checkouts without SPEC.md.
SPEC_CODES = {
    "PG001": "error",
    "PG002": "error",
    "PG003": "error",
    "PG010": "error",
    "PG101": "error",
    "PG102": "error",
    "PG103": "warning",
    "PG104": "error",
    "PG105": "error",
    "PG106": "warning",
    "PG201": "error",
    "PG202": "error",
    "PG203": "error",
    "PG204": "error",
    "PG205": "error",
    "PG301": "warning",
    "PG302": "error",
    "PG303": "error",
    "PG401": "error",
    "PG402": "warning",
    "PG403": "error",
}


def _table() -> dict[str, str]:
    return {c.code: c.severity.value for c in CODES.values()}


def test_codes_match_the_in_repo_list() -> None:
    assert _table() == SPEC_CODES
    assert list(CODES) == sorted(CODES)


@pytest.mark.skipif(not SPEC.is_file(), reason=f"SPEC.md not found at {SPEC}")
def test_codes_match_spec_section_3() -> None:
    text = SPEC.read_text(encoding="utf-8")
    section = text.split("## 3. Checks", 1)[1].split("\n## ", 1)[0]
    rows = _ROW.findall(section)
    assert len(rows) >= 20  # the parse found the table, not a stray line
    assert _table() == {code: severity for code, severity, _ in rows}
    assert {code: severity for code, severity, _ in rows} == SPEC_CODES  # keep it current too
    assert {c.code: c.when for c in CODES.values()} == {code: when for code, _, when in rows}


def test_fixed_codes_are_the_ones_spec_names() -> None:
    assert {"PG001", "PG002", "PG003", "PG010"} == FIXED_CODES
    assert [c.code for c in CODES.values() if not c.configurable] == sorted(FIXED_CODES)


def test_every_code_has_words() -> None:
    for code in CODES.values():
        assert code.title and code.hint and code.explain, code.code
        assert not code.title.endswith("."), code.code
        assert code.explain.endswith("."), code.code


@pytest.mark.parametrize("code", list(CODES))
def test_explain_every_code(code: str) -> None:
    run = run_paiguard("explain", code)
    spec = CODES[code]
    assert (run.code, run.err) == (0, "")
    lines = run.out.splitlines()
    assert lines[0] == f"{code} ({spec.severity.value}) {spec.title}"
    assert spec.explain in lines
    assert f"fix: {spec.hint}" in lines
    fixed = "severity: fixed: config cannot change or disable it"
    assert (fixed in lines) == (code in FIXED_CODES)


def test_explain_is_case_insensitive_for_codes() -> None:
    assert run_paiguard("explain", "pg101").out == run_paiguard("explain", "PG101").out


def test_explain_a_practice() -> None:
    run = run_paiguard("explain", "red-teaming.b1")
    assert run.code == 0
    assert run.out.splitlines()[:2] == [
        "red-teaming.b1 (baseline practice, pai-frontier-restricted-api@1)",
        "Pre-Deployment › 8. Undertake red-teaming and share findings",
    ]
    assert "Perform internal and external red teaming across model capabilities" in run.out


def test_explain_a_guideline() -> None:
    run = run_paiguard("explain", "novel-risks")
    assert run.code == 0
    assert run.out.splitlines()[:2] == [
        "novel-risks (guideline 1, Research & Development, pai-frontier-restricted-api@1)",
        "Scan for novel or emerging risks",
    ]
    assert "novel-risks.b1" in run.out
    assert "resource: Organizations such as the Frontier Model Forum" in run.out


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        ("red-teamin", "error: no check code, guideline or practice 'red-teamin'; did you mean "
                       "red-teaming?"),
        ("redteaming.b1", "; did you mean red-teaming.b1?"),
        ("PG1003", "; did you mean PG103?"),
        ("zzz", "no check code, guideline or practice 'zzz'"),
    ],
)  # fmt: skip
def test_explain_unknown_id(identifier: str, message: str) -> None:
    run = run_paiguard("explain", identifier)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith("paiguard: error: ")
    assert message in run.err
    assert len(run.err.splitlines()) == 1
