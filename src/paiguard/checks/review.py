"""PG301-PG303: are reviews recent, renewed after significant updates, and not in the future?"""

from __future__ import annotations

from collections.abc import Iterator

from paiguard.checks.context import Context
from paiguard.findings import Finding


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about stale, outdated and future review dates."""
    today = ctx.today
    model = ctx.declaration.model
    significant = sorted(
        (u for u in model.updates if u.significant and u.date <= today), key=lambda u: u.date
    )
    for i, update in enumerate(model.updates):
        if update.date > today:
            yield ctx.finding(
                "PG303",
                f"model update date {update.date} lies after today ({today})",
                ("model", "updates", i, "date"),
            )
    for pid, entry in ctx.declaration.practices.items():
        if entry.reviewed is None:
            continue
        at = ("practices", pid, "reviewed")
        age = (today - entry.reviewed).days
        if age < 0:
            yield ctx.finding(
                "PG303",
                f"{pid} was reviewed {entry.reviewed}, after today ({today})",
                at,
                practice=pid,
            )
            continue
        if age > ctx.review_age_days:
            yield ctx.finding(
                "PG301",
                f"{pid} was last reviewed {entry.reviewed}, {age} days ago "
                f"(review age: {ctx.review_age_days} days)",
                at,
                practice=pid,
            )
        later = [u for u in significant if u.date > entry.reviewed]
        if entry.met and later:
            update = later[-1]
            yield ctx.finding(
                "PG302",
                f"{pid} was last reviewed {entry.reviewed}, before the significant model "
                f"update of {update.date} ({update.description})",
                at,
                practice=pid,
            )
