"""Markdown reports rendered from Jinja templates: gap, conformance, portfolio, crosswalk,
history, and the diff since a git revision.

Pure: each function takes results the engine already built (`engine.check_file`) and returns
the Markdown as a string. Templates come from `templates/` (shipped) unless `template_dir` holds
one of the same name. This package imports jinja2, so only the `report` command imports it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

from paiguard.codes import Severity
from paiguard.crosswalks import Applied
from paiguard.ratchet import FileDiff
from paiguard.report import crosswalk, diff, history, portfolio, view
from paiguard.report.environment import environment, render
from paiguard.results import FileResult


class Kind(StrEnum):
    """The kinds of report on one declaration."""

    GAP = "gap"
    CONFORMANCE = "conformance"


def render_report(
    result: FileResult,
    kind: Kind,
    today: dt.date,
    template_dir: Path | None = None,
    fail_on: Severity = Severity.ERROR,
) -> str:
    """The gap or conformance report of one checked declaration; `fail_on` is the level at
    which its verdict says `paiguard check` fails."""
    report = view.build(result, today, fail_on)
    return render(environment(template_dir), f"{kind.value}.md.j2", report=report)


def render_portfolio(
    results: list[FileResult],
    today: dt.date,
    template_dir: Path | None = None,
    fail_on: Severity = Severity.ERROR,
) -> str:
    """The portfolio report over many checked declarations."""
    summary = portfolio.build(results, today, fail_on)
    return render(environment(template_dir), "portfolio.md.j2", portfolio=summary)


def render_crosswalk(
    result: FileResult, applied: Applied, today: dt.date, template_dir: Path | None = None
) -> str:
    """The crosswalk report: one checked declaration read against another framework."""
    report = crosswalk.build(result, applied, today)
    return render(environment(template_dir), "crosswalk.md.j2", report=report)


def render_diff(diffs: list[FileDiff], since: str) -> str:
    """What changed in each declaration since the git revision `since` (`paiguard diff`)."""
    return render(environment(), "diff.md.j2", diff=diff.build(diffs, since))


def render_history(report: history.HistoryView, template_dir: Path | None = None) -> str:
    """A declaration's coverage over its git history (`report --kind history`)."""
    return render(environment(template_dir), "history.md.j2", history=report)
