"""What a history report shows (`report --kind history`): one row per commit that changed a
declaration, oldest first, and the numbers of a chart of practices met over time.

Plain values, every decision made here, so that any format (Markdown with a Mermaid chart,
HTML with an SVG one) renders the same view. Commit authors appear by name only in the internal
edition (an e-mail address, even one used as a name, is never shown), and not at all in the
public edition.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from paiguard.gitref import HistoryEntry
from paiguard.ratchet import why_unchecked
from paiguard.report.audience import Edition, edition
from paiguard.results import FileResult
from paiguard.vocabulary import Audience

SHORT_SHA = 7  # as git and GitHub abbreviate a commit id
_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+")


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One commit and where the declaration stood after it; `checked` is False when that
    version could not be checked against a pack (`problem` says why) or the commit removed it."""

    date: dt.date
    commit: str
    author: str | None  # None in the public edition
    checked: bool
    baseline_met: int
    baseline_total: int
    recommended_met: int
    recommended_total: int
    unverified: int  # baseline and recommended
    waived: int  # baseline and recommended
    problem: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Practices met over time: one point per checked version, oldest first. Labels are the
    commit dates, a repeated date numbered ("2026-03-02 (2)")."""

    labels: tuple[str, ...]
    baseline: tuple[int, ...]
    recommended: tuple[int, ...]
    top: int  # the y axis runs from 0 to the largest total


@dataclass(frozen=True, slots=True)
class HistoryView:
    """Everything a history template shows."""

    path: str
    today: dt.date
    rows: tuple[HistoryRow, ...]
    chart: Chart | None  # None when no version could be checked
    shallow: bool  # the clone lacks older commits
    uncommitted: bool  # the work tree holds changes no row shows
    edition: Edition


def build(
    path: str,
    versions: tuple[tuple[HistoryEntry, FileResult | None], ...],
    today: dt.date,
    *,
    shallow: bool = False,
    uncommitted: bool = False,
    audience: Audience = Audience.INTERNAL,
) -> HistoryView:
    """The history view of a declaration's checked versions, oldest first."""
    shown = edition(audience)
    rows = tuple(_row(entry, result, shown) for entry, result in versions)
    return HistoryView(path, today, rows, _chart(rows), shallow, uncommitted, shown)


def author_name(name: str) -> str:
    """A commit author's name with any e-mail address in it hidden."""
    return _EMAIL.sub("(e-mail hidden)", name).strip() or "(no name)"


def _row(entry: HistoryEntry, result: FileResult | None, shown: Edition) -> HistoryRow:
    commit = entry.sha[:SHORT_SHA]
    author = None if shown.public else author_name(entry.author)
    if result is None or result.pack is None:
        problem = "removed in this commit" if result is None else why_unchecked(result)
        return HistoryRow(entry.date, commit, author, False, 0, 0, 0, 0, 0, 0, problem)
    baseline, recommended = result.baseline, result.recommended
    return HistoryRow(
        date=entry.date,
        commit=commit,
        author=author,
        checked=True,
        baseline_met=baseline.met,
        baseline_total=baseline.total,
        recommended_met=recommended.met,
        recommended_total=recommended.total,
        unverified=baseline.unverified + recommended.unverified,
        waived=baseline.waived + recommended.waived,
        problem="",
    )


def _chart(rows: tuple[HistoryRow, ...]) -> Chart | None:
    checked = [row for row in rows if row.checked]
    if not checked:
        return None
    seen: dict[dt.date, int] = {}
    labels = []
    for row in checked:
        seen[row.date] = seen.get(row.date, 0) + 1
        count = seen[row.date]
        labels.append(str(row.date) if count == 1 else f"{row.date} ({count})")
    top = max(max(row.baseline_total, row.recommended_total) for row in checked)
    return Chart(
        labels=tuple(labels),
        baseline=tuple(row.baseline_met for row in checked),
        recommended=tuple(row.recommended_met for row in checked),
        top=max(top, 1),
    )
