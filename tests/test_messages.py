"""Messages a new user meets: dates on the command line and in a declaration, the portfolio's
default path, and what `--format github` prints when there is nothing to say."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_paiguard
from test_positions import PRACTICE, findings

CASE = REPO / "tests" / "cases" / "PG102-baseline-planned"


@pytest.mark.parametrize(
    ("today", "message"),
    [
        ("2026-02-30", "--today: '2026-02-30' is not a real date"),
        ("2026-13-01", "--today: '2026-13-01' is not a real date"),
        ("20261126", "--today: expected YYYY-MM-DD, got '20261126'"),
        ("٢٠٢٦-١١-٢٦", "--today: expected YYYY-MM-DD, got '٢٠٢٦-١١-٢٦'"),  # Arabic-Indic
        (
            "２０２６-１１-２６",
            "--today: expected YYYY-MM-DD, got '２０２６-１１-２６'",
        ),  # fullwidth
        ("2026-W48-4", "--today: expected YYYY-MM-DD, got '2026-W48-4'"),
    ],
)
@pytest.mark.parametrize("command", ["check", "report"])
def test_today_is_a_real_date_written_yyyy_mm_dd(command: str, today: str, message: str) -> None:
    run = run_paiguard(command, "paiguard.yaml", "--today", today, "--pack-path", "../_packs",
                       cwd=CASE)  # fmt: skip
    assert (run.code, run.out, run.err) == (2, "", f"paiguard: error: {message}\n")


@pytest.mark.parametrize(
    "written",
    [
        "٢٠٢٦-١١-٢٦",  # Arabic-Indic digits
        "۲۰۲۶-۱۱-۲۶",  # Extended Arabic-Indic digits
        "２０２６-１１-２６",  # fullwidth digits
        "२०२६-११-२६",  # Devanagari digits
    ],
)
def test_a_date_in_other_digits_asks_for_yyyy_mm_dd(tmp_path: Path, written: str) -> None:
    text = PRACTICE + f"    status: planned\n    reviewed: '{written}'\n"
    [(code, line, column, message)] = findings(tmp_path, text)
    assert (code, line, column) == ("PG002", 8, 15)
    assert message == (
        f"practices.red-teaming.b1.reviewed: expected an ISO date YYYY-MM-DD, got '{written}'"
    )


def test_portfolio_without_a_path_reports_the_current_folder() -> None:
    folder = REPO / "tests" / "reports"
    without = run_paiguard("report", "--portfolio", "--today", TODAY, cwd=folder)
    with_dot = run_paiguard("report", "--portfolio", ".", "--today", TODAY, cwd=folder)
    assert (without.code, without.err) == (0, "")
    assert without.out == with_dot.out
    assert without.out.count("paiguard.yaml") >= 4  # one row per declaration of the folder


def test_github_doc_says_what_a_clean_run_prints() -> None:
    clean = CASE.parent / "PG002-ok-every-optional-key"
    run = run_paiguard("check", "paiguard.yaml", "--today", TODAY, "--pack-path", "../_packs",
                       "--format", "github", cwd=clean)  # fmt: skip
    assert (run.code, run.out, run.err) == (0, "", "")
    page = (REPO / "docs" / "formats" / "github.md").read_text(encoding="utf-8")
    words = " ".join(page.split())
    assert "Nothing else is printed: no findings, no output." not in words
    assert (
        "- Nothing else is printed: no summary and no colour. A run without findings prints "
        "nothing at all; the exit code tells the result."
    ) in words
