"""The rendered reports committed under examples/ are what `paiguard report` renders today.

For every `examples/<name>/paiguard.yaml`: `examples/<name>/report-gap.md` and
`report-conformance.md`; for the conforming example, its crosswalk reports too
(`report-crosswalk-nist-ai-600-1.md`, `report-crosswalk-fmti-2025.md`); for the halfway example,
its gap report as HTML too (`report-gap.html`); over every declaration under examples/:
`examples/portfolio.md`, from the README's own command (`paiguard report --portfolio examples/
-o portfolio.md`); all with `--today 2026-11-26`, run from the repository root. After an
intended change, regenerate them with
`PAIGUARD_REGENERATE=1 .venv/bin/python -m pytest tests/test_report_examples.py`, and the
screenshot of the HTML report with `python scripts/screenshot_report.py` (its pixels depend on
the fonts installed, so no test compares them).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import tempfile
from pathlib import Path

import pytest

import html_checks
from conftest import REPO, TODAY, load_script, run_paiguard
from markdown_checks import assert_safe

REGENERATE = bool(os.environ.get("PAIGUARD_REGENERATE"))
PORTFOLIO_COMMAND = ("report", "--portfolio", "examples/", "-o", "portfolio.md")
CROSSWALK_EXAMPLES = ("conforming",)  # the examples whose crosswalk reports are committed
CROSSWALKS = ("nist-ai-600-1", "fmti-2025")
HTML_EXAMPLES = ("halfway",)  # the examples whose gap report is committed as HTML too


def rendered(root: Path) -> dict[Path, str]:
    """Each committed report file under root/examples and what it should hold."""
    declarations = sorted((root / "examples").glob("*/paiguard.yaml"))
    names = [d.relative_to(root).as_posix() for d in declarations]
    reports: dict[Path, str] = {}
    for declaration, name in zip(declarations, names, strict=True):
        for kind in ("gap", "conformance"):
            reports[declaration.parent / f"report-{kind}.md"] = _render(root, name, "--kind", kind)
        if declaration.parent.name in HTML_EXAMPLES:
            target = declaration.parent / "report-gap.html"
            reports[target] = _render(root, name, "--kind", "gap", "--format", "html")
        if declaration.parent.name in CROSSWALK_EXAMPLES:
            for framework in CROSSWALKS:
                target = declaration.parent / f"report-crosswalk-{framework}.md"
                reports[target] = _render(root, name, "--crosswalk", framework)
    if declarations:
        reports[root / "examples" / "portfolio.md"] = portfolio(root)
    return reports


def portfolio(root: Path) -> str:
    """What the README's portfolio command writes, run from `root` (to a scratch file)."""
    with tempfile.TemporaryDirectory() as scratch:
        target = str(Path(scratch) / "portfolio.md")
        args = [target if arg == "portfolio.md" else arg for arg in PORTFOLIO_COMMAND]
        run = run_paiguard(*args, "--today", TODAY, cwd=root)
        assert (run.code, run.out, run.err) == (0, "", ""), run.err
        return Path(target).read_text(encoding="utf-8")


def _render(root: Path, *args: str) -> str:
    run = run_paiguard("report", *args, "--today", TODAY, cwd=root)
    assert (run.code, run.err) == (0, ""), run.err
    return run.out


def stale(root: Path, *, regenerate: bool = False) -> list[str]:
    """The report files that are missing or differ (rewritten first when `regenerate`)."""
    problems = []
    for path, text in rendered(root).items():
        if regenerate:
            path.write_text(text, encoding="utf-8", newline="")
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            problems.append(path.relative_to(root).as_posix())
        if path.suffix == ".html":
            html_checks.assert_safe(text)
        else:
            assert_safe(text)
    return problems


def test_committed_example_reports_are_current() -> None:
    if not list((REPO / "examples").glob("*/paiguard.yaml")):
        pytest.skip("no examples/*/paiguard.yaml in this checkout yet")
    assert stale(REPO, regenerate=REGENERATE) == [], "stale: PAIGUARD_REGENERATE=1 to rewrite"


def test_the_portfolio_command_is_the_readmes_and_lists_every_example() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"paiguard {' '.join(PORTFOLIO_COMMAND)}" in readme
    text = (REPO / "examples" / "portfolio.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (examples/\S+) \| ([^|]+) \|", text, flags=re.MULTILINE)
    assert sorted(rows) == [
        ("examples/conforming/paiguard.yaml", "Nimbus"),
        ("examples/halfway/paiguard.yaml", "Cirrus"),
        ("examples/org-pack/nimbus.paiguard.yaml", "Nimbus"),  # its own config finds its pack
    ]
    assert "PG010" not in text
    assert "- **Declarations:** 3\n" in text


def test_the_staleness_check_notices_a_changed_or_missing_report(tmp_path: Path) -> None:
    for name in ("mixed", "complete"):
        shutil.copytree(REPO / "tests" / "reports" / name, tmp_path / "examples" / name)
    assert stale(tmp_path, regenerate=True) == []
    assert stale(tmp_path) == []
    assert sorted(p.name for p in (tmp_path / "examples").iterdir()) == [
        "complete",
        "mixed",
        "portfolio.md",
    ]
    declaration = tmp_path / "examples" / "mixed" / "paiguard.yaml"
    declaration.write_text(
        declaration.read_text("utf-8").replace("owner: red-team", "owner: blue-team"), "utf-8"
    )
    (tmp_path / "examples" / "complete" / "report-gap.md").unlink()
    assert stale(tmp_path) == [
        "examples/complete/report-gap.md",
        "examples/mixed/report-gap.md",
        "examples/mixed/report-conformance.md",
    ]


def test_the_conforming_example_has_its_crosswalk_reports_committed() -> None:
    folder = REPO / "examples" / "conforming"
    assert sorted(p.name for p in folder.glob("report-crosswalk-*.md")) == [
        "report-crosswalk-fmti-2025.md",
        "report-crosswalk-nist-ai-600-1.md",
    ]
    assert set(rendered(REPO)) >= {folder / f"report-crosswalk-{c}.md" for c in CROSSWALKS}


def test_the_staleness_check_covers_the_crosswalk_reports(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples" / "conforming", tmp_path / "examples" / "conforming")
    assert stale(tmp_path, regenerate=True) == []  # writes the copy's portfolio.md
    report = tmp_path / "examples" / "conforming" / "report-crosswalk-fmti-2025.md"
    report.write_text(report.read_text("utf-8").replace("covered", "kovered", 1), "utf-8")
    (tmp_path / "examples" / "conforming" / "report-crosswalk-nist-ai-600-1.md").unlink()
    assert stale(tmp_path) == [
        "examples/conforming/report-crosswalk-nist-ai-600-1.md",
        "examples/conforming/report-crosswalk-fmti-2025.md",
    ]


def test_the_halfway_example_has_its_html_gap_report_and_its_screenshot_committed() -> None:
    folder = REPO / "examples" / "halfway"
    assert folder / "report-gap.html" in rendered(REPO)
    script = load_script(REPO / "scripts" / "screenshot_report.py")
    report, picture = script.REPORT, script.PICTURE
    assert (report, picture) == (folder / "report-gap.html", folder / "report-gap.png")
    png = picture.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (script.WIDTH, script.HEIGHT)


def test_the_staleness_check_covers_the_html_report(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples" / "halfway", tmp_path / "examples" / "halfway")
    assert stale(tmp_path, regenerate=True) == []
    report = tmp_path / "examples" / "halfway" / "report-gap.html"
    report.write_text(report.read_text("utf-8").replace("<h2>Gaps</h2>", "<h2>Gapz</h2>"), "utf-8")
    assert stale(tmp_path) == ["examples/halfway/report-gap.html"]
