"""The rendered reports committed under examples/ are what `paiguard report` renders today.

For every `examples/<name>/paiguard.yaml`: `examples/<name>/report-gap.md` and
`report-conformance.md`; over all of them: `examples/portfolio.md`; all with `--today 2026-11-26`,
run from the repository root. After an intended change, regenerate them with
`PAIGUARD_REGENERATE=1 .venv/bin/python -m pytest tests/test_report_examples.py`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_paiguard
from markdown_checks import assert_safe

REGENERATE = bool(os.environ.get("PAIGUARD_REGENERATE"))


def rendered(root: Path) -> dict[Path, str]:
    """Each committed report file under root/examples and what it should hold."""
    declarations = sorted((root / "examples").glob("*/paiguard.yaml"))
    names = [d.relative_to(root).as_posix() for d in declarations]
    reports: dict[Path, str] = {}
    for declaration, name in zip(declarations, names, strict=True):
        for kind in ("gap", "conformance"):
            reports[declaration.parent / f"report-{kind}.md"] = _render(root, name, "--kind", kind)
    if declarations:
        reports[root / "examples" / "portfolio.md"] = _render(root, "--portfolio", *names)
    return reports


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
        assert_safe(text)
    return problems


def test_committed_example_reports_are_current() -> None:
    if not list((REPO / "examples").glob("*/paiguard.yaml")):
        pytest.skip("no examples/*/paiguard.yaml in this checkout yet")
    assert stale(REPO, regenerate=REGENERATE) == [], "stale: PAIGUARD_REGENERATE=1 to rewrite"


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
