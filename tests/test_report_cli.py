"""`paiguard report`: gap, conformance and portfolio reports of the fixtures in tests/reports/,
compared byte for byte with golden files and read back with markdown-it-py.

Regenerate the golden files after an intended change with PAIGUARD_REGENERATE=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_paiguard
from markdown_checks import assert_safe, links, parse, plain, tables, walk
from paiguard.pack_registry import PackRegistry

FIXTURES = REPO / "tests" / "reports"
DECLARATIONS = ("mixed", "hostile", "complete")
KINDS = ("gap", "conformance")
REGENERATE = bool(os.environ.get("PAIGUARD_REGENERATE"))
PACK = PackRegistry().get("pai-frontier-restricted-api@1")
assert PACK is not None
PRACTICES = list(PACK.practices)


def report(name: str, kind: str, *extra: str) -> str:
    run = run_paiguard(
        "report",
        f"tests/reports/{name}/paiguard.yaml",
        "--kind",
        kind,
        "--today",
        TODAY,
        *extra,
        cwd=REPO,
    )
    assert (run.code, run.err) == (0, ""), run.err
    return run.out


def portfolio() -> str:
    run = run_paiguard("report", "--portfolio", "tests/reports", "--today", TODAY, cwd=REPO)
    assert (run.code, run.err) == (0, ""), run.err
    return run.out


def golden(path: Path, text: str) -> None:
    if REGENERATE:
        path.write_text(text, encoding="utf-8", newline="")
    assert path.read_text(encoding="utf-8") == text, f"{path} is stale; PAIGUARD_REGENERATE=1"


def headings(text: str, level: int) -> list[str]:
    tokens = parse(text)
    return [
        plain(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
        if t.tag == f"h{level}"
    ]


def row_of(text: str, practice: str) -> list[str]:
    return next(row for table in tables(text) for row in table.rows if row[0] == practice)


def section(text: str, practice: str) -> str:
    """A practice's section of a gap report, after its heading's id: `(baseline): gap\n...`."""
    after = text.split(f'<a name="p-{practice}"></a>{practice} ', maxsplit=1)[1]
    return after.split("#####", maxsplit=1)[0]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", DECLARATIONS)
def test_report_matches_its_golden_file_and_is_safe_markdown(name: str, kind: str) -> None:
    text = report(name, kind)
    golden(FIXTURES / name / f"expected-{kind}.md", text)
    assert_safe(text)
    assert report(name, kind) == text  # byte-identical re-render


def test_portfolio_matches_its_golden_file_and_is_safe_markdown() -> None:
    text = portfolio()
    golden(FIXTURES / "expected-portfolio.md", text)
    assert_safe(text)
    assert portfolio() == text


def test_gap_report_lists_unmet_waived_and_flagged_practices_only() -> None:
    text = report("mixed", "gap")
    listed = [h.split(" ", 1)[0] for h in headings(text, 5)]
    met_and_clean = {"novel-risks.b1", "decommissioning.b1"}
    assert listed == [p for p in PRACTICES if p not in met_and_clean]
    results = {h.split(" ", 1)[0]: h.split(": ", 1)[1] for h in headings(text, 5)}
    assert results["novel-risks.b2"] == "unverified"  # reviewed before the update
    assert results["red-teaming.b1"] == "unverified"  # pinned file changed
    assert results["external-evaluation.b1"] == "waived until 2027-01-31"
    assert results["red-teaming.b4"] == "gap"  # its waiver expired
    assert results["novel-risks.b3"] == "gap"
    gaps = text.split('## <a name="gaps"></a>Gaps\n')[1]
    assert headings(gaps, 3) == [s.title for s in PACK.stages]


def test_gap_report_says_what_is_missing_and_how_to_close_it() -> None:
    text = report("mixed", "gap")
    found = section(text, "red-teaming.b2")
    assert "- **Declared:** implemented; owner red-team; reviewed 2026-09-12\n" in found
    assert (
        "  - **evidence:** declared implemented but lists no evidence (PG201, error, line 42). "
        "*To close:* Add an evidence item: `{url: https://...}` or `{path: docs/...}`.\n"
    ) in found
    waived = section(text, "external-evaluation.b1")
    assert (
        "- **Waiver:** until 2027-01-31, approved by Chief Risk Officer: External evaluator "
        "contracted; first results due in January 2027.\n"
    ) in waived
    assert "(PG101, info, line 13)" in waived
    expired = section(text, "red-teaming.b4")
    assert "**waiver:** waiver for red-teaming.b4 expired on 2026-10-01 (PG401" in expired
    other = text.split("Other findings\n\nFindings that are not about one practice")[1]
    assert "practice monitoring.b9 is not in pai-frontier-restricted-api@1" in other


def test_gap_report_of_a_complete_declaration_has_nothing_to_close() -> None:
    text = report("complete", "gap")
    assert headings(text, 5) == []
    assert "Every practice of the pack is met and no finding is open: nothing to close." in text
    assert "- **Verdict:** passes `paiguard check`: 0 errors, 0 warnings; 74/74 baseline" in text


def test_summary_counts_met_practices_per_stage_with_a_progress_bar() -> None:
    [summary] = [t for t in tables(report("mixed", "gap")) if t.header[1] == "Baseline met"]
    assert summary.rows == [
        # only met counts: the practices with a stale review or a changed pin are unverified
        ["Research & Development", "1/17", "░░░░░░░░░░ 5%", "0/11", "░░░░░░░░░░ 0%"],
        ["Pre-Deployment", "0/29", "░░░░░░░░░░ 0%", "0/12", "░░░░░░░░░░ 0%"],
        ["Post-Deployment", "1/7", "█░░░░░░░░░ 14%", "0/8", "░░░░░░░░░░ 0%"],
        [
            "Societal Impact (cross-cutting through the model's lifecycle)",
            "0/21",
            "░░░░░░░░░░ 0%",
            "0/14",
            "░░░░░░░░░░ 0%",
        ],
        ["Total", "2/74", "░░░░░░░░░░ 2%", "0/45", "░░░░░░░░░░ 0%"],
    ]


def test_conformance_report_has_every_practice_once_in_pack_order() -> None:
    text = report("mixed", "conformance")
    practice_tables = [t for t in tables(text) if t.header[0] == "Practice"]
    assert [len(t.rows) for t in practice_tables] == [  # a table per guideline
        len(g.practices) for s in PACK.stages for g in s.guidelines
    ]
    assert [row[0] for t in practice_tables for row in t.rows] == PRACTICES
    assert row_of(text, "novel-risks.b2") == [
        "novel-risks.b2",
        "baseline",
        PACK.practices["novel-risks.b2"].practice.text,
        "implemented",
        "unverified",
        "Red team report (docs/red-team.md)",
        "safety-team",
        "2026-03-01",
    ]
    assert row_of(text, "decommissioning.b1")[3:6] == [
        "not-applicable",
        "met",
        "Justification: The model is served only through our API and has no deployed copies "
        "to retire.",
    ]
    assert row_of(text, "external-evaluation.b1")[3:5] == [
        "not declared",
        "waived until 2027-01-31",
    ]
    assert "https://example.org/system-card#novel-risks" in links(text)


def test_conformance_report_quotes_the_guidance_notes_on_emerging_practice() -> None:
    text = report("complete", "conformance")
    assert (
        '#### <a name="g-13-incident-reporting"></a>13\\. Implement incident reporting '
        "(incident-reporting)\n\n*Note from the guidance:* (Note that baseline practices for "
        "incident reporting are still emerging across stakeholders.)\n\n| Practice |"
    ) in text
    notes = [note for s in PACK.stages for g in s.guidelines for note in g.notes]
    assert text.count("*Note from the guidance:*") == len(notes) == 7


def test_hostile_values_are_literal_text_in_tables_headers_and_lists() -> None:
    for kind in KINDS:
        text = report("hostile", kind)
        assert_safe(text)
        hrefs = links(text)
        assert not [h for h in hrefs if h.lower().startswith("javascript") or "evil" in h]
        assert "<script" not in "".join(t.content for t in parse(text) if t.type != "inline")
    conformance = report("hostile", "conformance")
    row = row_of(conformance, "novel-risks.b1")
    assert row[6] == "<script>alert('owner')</script> | x"
    assert row[5] == (
        "click | me <script> (javascript:alert(1)); JaVaScRiPt:alert(document.cookie); "
        "data:text/html,<script>alert(1)</script>; //evil.example/x; ok ](javascript:alert(1)); "
        "https://example.org/x)](javascript:alert(1); "
        "![img](https://evil.example/x.png) (docs/a|b <script>.md); ../../../../etc/passwd"
    )
    assert row_of(conformance, "novel-risks.b2")[5] == (
        "Justification: first line | second cell # heading - list item 1. ordered > quote "
        '``` fenced ``` <div onclick="alert(1)">html block</div>'
    )
    assert row_of(conformance, "novel-risks.b2")[6] == "\\| trailing backslash \\"
    assert row_of(conformance, "novel-risks.b3")[6] == "- list | 1. ordered | + plus"
    gap = report("hostile", "gap")
    assert headings(gap, 1) == [
        "Gap report: Nimbus` | *bold* _em_ <b>x</b> 1.0 | &lt;b&gt; &amp; &#60;"
    ]
    stale = [plain(t) for t in walk(parse(gap)) if t.type == "inline" and "PG302" in t.content]
    assert len(stale) == 2  # under "Unverified practices", and in the practice's own section
    assert stale[0] == stale[1]
    assert stale[0].startswith(
        "review: novel-risks.b2 was last reviewed 2026-07-01, before the significant model update "
        "of 2026-08-01 (update <img src=x onerror=alert(1)> | [x](javascript:alert(1)))"
    )


def test_hostile_urls_that_are_http_link_exactly_to_the_declared_url() -> None:
    from urllib.parse import unquote

    hrefs = links(report("hostile", "conformance"))
    assert [unquote(h) for h in hrefs if "example.org" in h] == [
        'https://example.org/a|b (c) <d> "e" `f` &lt; x y',
        "https://example.org/x)](javascript:alert(1)",
        "https://example.org/ok",
        "https://example.org/public-card#rt",
    ]


def test_no_waivers_turns_a_waived_practice_back_into_a_gap() -> None:
    text = report("mixed", "gap", "--no-waivers")
    found = section(text, "external-evaluation.b1")
    assert found.startswith("(baseline): gap\n")
    assert "**Waiver:**" not in found
    assert "(PG101, error, line 13)" in found


def test_config_severities_weigh_the_findings_a_report_shows(tmp_path: Path) -> None:
    config = tmp_path / "paiguard.toml"
    config.write_text('severity = {PG301 = "error", PG103 = "off"}\n', "utf-8")
    text = report("mixed", "gap", "--config", str(config))
    found = section(text, "monitoring.b1")
    assert found.startswith("(baseline): unverified\n")  # reviewed before the update
    assert "- **Does not stand up:**\n" in found
    assert "(PG301, error, line 54)" in found
    assert "PG103" not in text
    assert section(text, "novel-risks.r1").startswith("(recommended): gap\n")  # still unmet
    assert "- **Verdict:** fails `paiguard check`: 74 errors, 0 warnings;" in text


def test_the_verdict_follows_the_configured_fail_level(tmp_path: Path) -> None:
    complete = (FIXTURES / "complete" / "paiguard.yaml").read_text("utf-8")
    stale = complete.replace("reviewed: 2026-10-01", "reviewed: 2025-10-01", 1)
    (tmp_path / "paiguard.yaml").write_text(stale, "utf-8")
    verdicts = []
    for fail_on in ("error", "warning"):
        (tmp_path / ".paiguard.toml").write_text(f'fail_on = "{fail_on}"\n', "utf-8")
        for args in (("paiguard.yaml",), ("--portfolio", ".")):
            run = run_paiguard("report", *args, "--today", TODAY, cwd=tmp_path)
            assert run.code == 0
            verdicts.append(next(x for x in run.out.splitlines() if "**Verdict:**" in x))
    assert verdicts == [
        "- **Verdict:** passes `paiguard check`: 0 errors, 1 warning; 74/74 baseline and 45/45 "
        "recommended practices met.",
        "- **Verdict:** 1 of 1 declaration passes `paiguard check`.",
        "- **Verdict:** fails `paiguard check`: 0 errors, 1 warning; 74/74 baseline and 45/45 "
        "recommended practices met.",
        "- **Verdict:** 0 of 1 declaration passes `paiguard check`.",
    ]


def test_portfolio_lists_declarations_worst_first_and_the_common_gaps() -> None:
    text = portfolio()
    declarations, common = tables(text)
    assert [row[0] for row in declarations.rows] == [
        "tests/reports/broken/paiguard.yaml",
        "tests/reports/mixed/paiguard.yaml",  # 2/74 baseline met
        "tests/reports/hostile/paiguard.yaml",  # 3/74
        "tests/reports/complete/paiguard.yaml",
    ]
    assert declarations.header[4:8] == [
        "Baseline met",
        "Baseline unverified",
        "Recommended met",
        "Recommended unverified",
    ]
    assert declarations.rows[0][1].startswith("not checked: PG001 at line 4:")
    assert declarations.rows[1][1:] == [
        "Nimbus",
        "2.1.0",
        "pai-frontier-restricted-api 1.1.0",
        "2/74",
        "3",  # novel-risks.b2 and monitoring.b1 reviewed before the update, red-teaming.b1
        "0/45",
        "0",
        "73",
        "2027-01-31",
    ]
    assert declarations.rows[3][4:] == ["74/74", "0", "45/45", "0", "0", "—"]
    assert common.header == ["Practice", "Level", "Unmet in", "Waived", "Guidance"]
    assert len(common.rows) == 10
    assert common.rows[0][:4] == ["novel-risks.b2", "baseline", "2/3", "0"]
    assert "- **Verdict:** 1 of 4 declarations pass `paiguard check`.\n" in text


def test_portfolio_of_named_files_and_folders_has_one_row_per_declaration() -> None:
    run = run_paiguard(
        "report",
        "--portfolio",
        "tests/reports/mixed/paiguard.yaml",
        "tests/reports/complete",
        "--today",
        TODAY,
        cwd=REPO,
    )
    assert run.code == 0
    [declarations, _] = tables(run.out)
    assert [r[0] for r in declarations.rows] == [
        "tests/reports/mixed/paiguard.yaml",
        "tests/reports/complete/paiguard.yaml",
    ]


def test_portfolio_escapes_file_names_too(tmp_path: Path) -> None:
    hostile = (FIXTURES / "hostile" / "paiguard.yaml").read_text("utf-8")
    (tmp_path / "a|b <script>x.paiguard.yaml").write_text(hostile, "utf-8")
    run = run_paiguard("report", "--portfolio", ".", "--today", TODAY, cwd=tmp_path)
    assert run.code == 0
    assert_safe(run.out)
    [declarations, _] = tables(run.out)
    assert [row[0] for row in declarations.rows] == ["a|b <script>x.paiguard.yaml"]


def test_output_file_is_written_and_never_clobbered_without_force(tmp_path: Path) -> None:
    target = tmp_path / "gap.md"
    args = (
        "report",
        str(FIXTURES / "mixed" / "paiguard.yaml"),
        "--today",
        TODAY,
        "-o",
        str(target),
    )
    first = run_paiguard(*args)
    assert (first.code, first.out, first.err) == (0, "", "")
    rendered = target.read_text(encoding="utf-8")
    assert rendered.startswith("# Gap report: Nimbus 2.1.0\n")
    target.write_text("mine", encoding="utf-8")
    refused = run_paiguard(*args)
    assert refused.code == 2
    assert refused.err == f"paiguard: error: {target}: file exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "mine"
    forced = run_paiguard(*args, "--force")
    assert forced.code == 0
    assert target.read_text(encoding="utf-8") == rendered
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gap.md"]  # no temp file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("tests/reports/broken/paiguard.yaml",),
            "tests/reports/broken/paiguard.yaml:4:6: cannot report: PG001 did not find expected "
            "',' or '}' (while parsing a flow mapping) (see `paiguard check`)",
        ),
        (("tests/reports/nope.yaml",), "tests/reports/nope.yaml: path does not exist"),
        (
            ("tests/reports/mixed/paiguard.yaml", "tests/reports/complete/paiguard.yaml"),
            "a report is about one declaration; use --portfolio for several",
        ),
        (
            ("tests/reports",),
            "tests/reports: found 4 declarations in the folder; name one, or use --portfolio",
        ),
        (
            ("--portfolio", "--kind", "gap", "tests/reports"),
            "--kind is for one declaration; a portfolio has one kind",
        ),
        (
            ("tests/reports/mixed/paiguard.yaml", "--today", "26/11/2026"),
            "--today: expected YYYY-MM-DD, got '26/11/2026'",
        ),
        (
            ("tests/reports/mixed/paiguard.yaml", "--template-dir", "tests/reports/none"),
            "tests/reports/none: template folder does not exist",
        ),
        (
            ("tests/reports/mixed/paiguard.yaml", "--format", "pdf"),
            "Invalid value for '--format' / '-f': 'pdf' is not one of 'markdown', 'html'.",
        ),
        (
            ("tests/reports/mixed/paiguard.yaml", "--audience", "everyone"),
            "Invalid value for '--audience': 'everyone' is not one of 'internal', 'public'.",
        ),
    ],
)
def test_a_report_that_cannot_be_made_is_one_line_and_exit_2(
    args: tuple[str, ...], message: str
) -> None:
    run = run_paiguard("report", *args, cwd=REPO)
    assert (run.code, run.out, run.err) == (2, "", f"paiguard: error: {message}\n")


def test_an_html_report_to_a_file_is_the_same_as_on_stdout(tmp_path: Path) -> None:
    target = tmp_path / "gap.html"
    args = ("report", "tests/reports/mixed/paiguard.yaml", "--format", "html", "--today", TODAY)
    written = run_paiguard(*args, "-o", str(target), cwd=REPO)
    assert (written.code, written.out, written.err) == (0, "", "")
    printed = run_paiguard(*args, cwd=REPO)
    assert target.read_text(encoding="utf-8") == printed.out
    assert printed.out.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert "<title>Gap report: Nimbus 2.1.0</title>" in printed.out


def test_a_folder_with_one_declaration_is_reported() -> None:
    run = run_paiguard("report", "tests/reports/mixed", "--today", TODAY, cwd=REPO)
    assert run.code == 0
    assert run.out == report("mixed", "gap")


def test_help_says_a_report_is_not_a_gate() -> None:
    run = run_paiguard("report", "--help")
    assert run.code == 0
    assert "A report is not a gate" in " ".join(run.out.split())


def test_jinja2_is_not_imported_to_start_the_command_line() -> None:
    code = "import sys, paiguard.cli; sys.exit('jinja2' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize(
    ("today", "heading", "severity"),
    [("2026-12-31", "gap, required from 2027-01-01", "info"), ("2027-01-01", "gap", "error")],
)
def test_a_practice_in_its_grace_period_says_from_when_it_is_required(
    today: str, heading: str, severity: str
) -> None:
    run = run_paiguard(
        "report",
        "tests/reports/grace/grace.yaml",
        "--pack-path",
        "tests/reports/grace/packs",
        "--today",
        today,
        cwd=REPO,
    )
    assert run.code == 0
    found = run.out.split('##### <a name="p-logging.b2"></a>')[1].split("\n---\n")[0]
    grace = "- **Grace period:** required from 2027-01-01\n" if severity == "info" else ""
    assert found == (
        f"logging.b2 (baseline): {heading}\n\n"
        "> Keep tamper-evident audit logs of model changes.\n\n"
        "- **Declared:** not declared\n"
        f"{grace}"
        "- **Missing:**\n"
        f"  - **declaration:** not declared (PG101, {severity}, line 6). *To close:* Declare the "
        "practice under `practices:` with its status and evidence.\n"
    )
