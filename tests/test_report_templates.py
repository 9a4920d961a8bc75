"""`--template-dir`: user templates override the shipped ones by name, are escaped the same way,
and a broken one is a one-line error at its file and line (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_paiguard
from markdown_checks import assert_safe, tables
from paiguard.resources import templates_dir

TEMPLATES = "tests/reports/templates"


def render(*args: str) -> tuple[int, str, str]:
    run = run_paiguard("report", *args, "--today", TODAY, cwd=REPO)
    return run.code, run.out, run.err


def test_shipped_templates_are_the_reports_in_both_formats_the_diff_and_their_parts() -> None:
    names = sorted(p.name for p in templates_dir().iterdir())
    assert names == [
        "_layout.html.j2",
        "_macros.html.j2",
        "_macros.md.j2",
        "_style.html.j2",
        "conformance.html.j2",
        "conformance.md.j2",
        "crosswalk.html.j2",
        "crosswalk.md.j2",
        "diff.md.j2",
        "gap.html.j2",
        "gap.md.j2",
        "history.html.j2",
        "history.md.j2",
        "portfolio.html.j2",
        "portfolio.md.j2",
    ]


def test_a_user_template_overrides_by_name_and_still_escapes_declaration_text() -> None:
    code, out, err = render(
        "tests/reports/hostile/paiguard.yaml", "--template-dir", f"{TEMPLATES}/custom"
    )
    assert (code, err) == (0, "")
    assert out.startswith(
        "# Our gap list for Evil \\| Labs \\<script\\>alert(1)\\</script\\>\n\n"
        '## <a name="summary"></a>Summary\n'
    )
    assert "- novel-risks.b4: gap (\\[x\\](javascript:alert(1)))\n" in out
    assert_safe(out)
    assert len(tables(out)) == 4  # the shipped summary: progress, outcomes, statuses, evidence


def test_templates_the_user_folder_lacks_come_from_the_shipped_ones() -> None:
    shipped = render("tests/reports/mixed/paiguard.yaml", "--kind", "conformance")
    mixed = render(
        "tests/reports/mixed/paiguard.yaml",
        "--kind",
        "conformance",
        "--template-dir",
        f"{TEMPLATES}/custom",
    )
    assert mixed == shipped
    assert shipped[0] == 0


@pytest.mark.parametrize(
    ("folder", "kind", "message"),
    [
        (
            "broken-syntax",
            "gap",
            "gap.md.j2:3: template error: expected token 'name', got 'end of print statement'",
        ),
        (
            "broken-runtime",
            "conformance",
            "conformance.md.j2:3: template error: UndefinedError: 'paiguard.report.view.ReportView "
            "object' has no attribute 'no_such_value'",
        ),
    ],
)
def test_a_broken_user_template_is_exit_2_at_its_file_and_line(
    folder: str, kind: str, message: str
) -> None:
    template_dir = Path(TEMPLATES) / folder
    code, out, err = render(
        "tests/reports/mixed/paiguard.yaml", "--kind", kind, "--template-dir", str(template_dir)
    )
    assert (code, out) == (2, "")
    assert err == f"paiguard: error: {template_dir / message}\n"


def test_a_broken_template_in_a_portfolio_is_exit_2_too(tmp_path: Path) -> None:
    (tmp_path / "portfolio.md.j2").write_text("ok\n{{ portfolio.rows[0].nope }}\n", "utf-8")
    code, out, err = render("--portfolio", "tests/reports/mixed", "--template-dir", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith(f"paiguard: error: {tmp_path / 'portfolio.md.j2'}:2: template error: ")


def test_templates_run_in_a_sandbox(tmp_path: Path) -> None:
    (tmp_path / "gap.md.j2").write_text("# x\n{{ report.__class__.__mro__ }}\n", "utf-8")
    code, out, err = render("tests/reports/mixed/paiguard.yaml", "--template-dir", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == (
        f"paiguard: error: {tmp_path / 'gap.md.j2'}:2: template error: SecurityError: access to "
        "attribute '__class__' of 'ReportView' object is unsafe.\n"
    )
