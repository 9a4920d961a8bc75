"""Reports rendered from Jinja templates: gap, conformance, portfolio, crosswalk and history,
each in Markdown or HTML, for an internal or a public audience; and the diff since a git
revision, in Markdown.

Pure: each function takes results the engine already built (`engine.check_file`) and returns
the report as a string. A report's view (`view`, `portfolio`, `crosswalk`) makes every choice
of what to show, for its edition (`audience`); a format only renders it, from
`templates/<report>.<md|html>.j2` (shipped) unless `template_dir` holds one of the same name.
This package imports jinja2, so only the `report` command imports it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

from paiguard import diff_view
from paiguard.crosswalks import Applied
from paiguard.ratchet import FileDiff
from paiguard.report import crosswalk, history, portfolio, view
from paiguard.report.environment import environment, render, template_name
from paiguard.results import FileResult
from paiguard.vocabulary import Audience, ReportFormat

__all__ = [
    "Audience",
    "Kind",
    "ReportFormat",
    "render_crosswalk",
    "render_diff",
    "render_history",
    "render_portfolio",
    "render_report",
    "render_view",
]


class Kind(StrEnum):
    """The kinds of report on one declaration."""

    GAP = "gap"
    CONFORMANCE = "conformance"


def render_view(
    name: str,
    fmt: ReportFormat = ReportFormat.MARKDOWN,
    template_dir: Path | None = None,
    **views: Any,
) -> str:
    """Render report `name` (`gap`, `portfolio`, ...) from its template in format `fmt`, with
    the views its template reads (`report=...`): one way in for every report and format."""
    return render(environment(template_dir, fmt), template_name(name, fmt), **views)


def render_report(
    result: FileResult,
    kind: Kind,
    today: dt.date,
    template_dir: Path | None = None,
    *,
    fmt: ReportFormat = ReportFormat.MARKDOWN,
    audience: Audience = Audience.INTERNAL,
) -> str:
    """The gap or conformance report of one checked declaration (its verdict at the fail level
    the check of it used)."""
    report = view.build(result, today, audience)
    return render_view(kind.value, fmt, template_dir, report=report)


def render_portfolio(
    results: list[FileResult],
    today: dt.date,
    template_dir: Path | None = None,
    *,
    fmt: ReportFormat = ReportFormat.MARKDOWN,
    audience: Audience = Audience.INTERNAL,
) -> str:
    """The portfolio report over many checked declarations."""
    summary = portfolio.build(results, today, audience)
    return render_view("portfolio", fmt, template_dir, portfolio=summary)


def render_crosswalk(
    result: FileResult,
    applied: Applied,
    today: dt.date,
    template_dir: Path | None = None,
    *,
    fmt: ReportFormat = ReportFormat.MARKDOWN,
    audience: Audience = Audience.INTERNAL,
) -> str:
    """The crosswalk report: one checked declaration read against another framework."""
    report = crosswalk.build(result, applied, today, audience)
    return render_view("crosswalk", fmt, template_dir, report=report)


def render_diff(diffs: list[FileDiff], since: str) -> str:
    """What changed in each declaration since the git revision `since` (`paiguard diff`)."""
    return render(environment(), "diff.md.j2", diff=diff_view.build(diffs, since))


def render_history(
    report: history.HistoryView,
    template_dir: Path | None = None,
    *,
    fmt: ReportFormat = ReportFormat.MARKDOWN,
) -> str:
    """A declaration's coverage over its git history (`report --kind history`)."""
    return render_view("history", fmt, template_dir, history=report)
