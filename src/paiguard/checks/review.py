"""PG301-PG304: are reviews recent, renewed after significant updates with new evidence, and
no date in the future?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from paiguard.checks.context import Context
from paiguard.declaration import ModelUpdate, PracticeDeclaration
from paiguard.findings import Finding
from paiguard.vocabulary import Scope


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about stale, outdated and future dates."""
    yield from _future_dates(ctx)
    update = latest_significant_update(ctx)
    for pid, entry in ctx.declaration.practices.items():
        reviewed = entry.reviewed
        at = ("practices", pid, "reviewed")
        if reviewed is not None and reviewed <= ctx.today:
            age = (ctx.today - reviewed).days
            if age > ctx.review_age_days:
                yield ctx.finding(
                    "PG301",
                    f"{pid} was last reviewed {reviewed}, {age} days ago "
                    f"(review age: {ctx.review_age_days} days)",
                    at,
                    practice=pid,
                )
        if update is not None and entry.claims_met and _model_scoped(ctx, pid):
            yield from _renewed(ctx, pid, entry, update)


def latest_significant_update(ctx: Context) -> ModelUpdate | None:
    """The newest significant update of the model that has happened (a future one is PG303)."""
    done = [u for u in ctx.declaration.model.updates if u.significant and u.date <= ctx.today]
    return max(done, key=lambda u: u.date, default=None)


def _model_scoped(ctx: Context, pid: str) -> bool:
    """Whether a significant model update calls the practice into question (an id that is
    not in the pack is PG104's, not this check's)."""
    ref = ctx.pack.practices.get(pid)
    return ref is not None and ref.practice.scope is Scope.MODEL


def _renewed(
    ctx: Context, pid: str, entry: PracticeDeclaration, update: ModelUpdate
) -> Iterator[Finding]:
    """A practice claimed met must be reviewed after the update (PG302), and that review must
    rest on evidence from after it, where every item is dated (PG304)."""
    severity = ctx.by_level(pid)
    what = f"the significant model update of {update.date} ({update.description})"
    if entry.reviewed is None or entry.reviewed < update.date:
        when = (
            "has no `reviewed` date"
            if entry.reviewed is None
            else (f"was last reviewed {entry.reviewed}")
        )
        at = ("practices", pid, "reviewed" if entry.reviewed else "status")
        yield ctx.finding(
            "PG302", f"{pid} {when}, before {what}", at, practice=pid, severity=severity
        )
        return
    dates = [item.date for item in entry.evidence]
    if dates and all(date is not None and date < update.date for date in dates):
        newest = max(date for date in dates if date is not None)
        yield ctx.finding(
            "PG304",
            f"{pid} was re-reviewed {entry.reviewed}, after {what}, but every evidence item "
            f"is dated before it (newest {newest}): re-reviewed without new evidence",
            ("practices", pid, "reviewed"),
            practice=pid,
            severity=severity,
        )


def _future_dates(ctx: Context) -> Iterator[Finding]:
    """Every date that records something done (a review, an update, evidence, a sign-off)
    must not lie after today; `due` and `expires` are plans and may."""
    today = ctx.today
    for date, at, what, pid in _dates(ctx):
        if date is not None and date > today:
            yield ctx.finding("PG303", f"{what} after today ({today})", at, practice=pid)


Dated = tuple[dt.date | None, tuple[str | int, ...], str, str | None]  # date, where, what, id


def _dates(ctx: Context) -> Iterator[Dated]:
    declaration = ctx.declaration
    for i, update in enumerate(declaration.model.updates):
        where: tuple[str | int, ...] = ("model", "updates", i, "date")
        yield update.date, where, f"model update date {update.date} lies", None
    if declaration.attestation is not None:
        date = declaration.attestation.date
        yield date, ("attestation", "date"), f"the attestation is dated {date},", None
    for pid, entry in declaration.practices.items():
        yield (
            entry.reviewed,
            ("practices", pid, "reviewed"),
            f"{pid} was reviewed {entry.reviewed},",
            pid,
        )
        for i, item in enumerate(entry.evidence):
            where = ("practices", pid, "evidence", i, "date")
            yield item.date, where, f"evidence of {pid} is dated {item.date},", pid
