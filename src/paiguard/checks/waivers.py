"""PG401-PG403: are waivers current, limited, approved and about a real gap?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from paiguard.checks.context import SUGGESTIONS, Context
from paiguard.declaration import Declaration, Waiver
from paiguard.findings import Finding, Waived
from paiguard.packs import Pack

MAX_WAIVER_DAYS = 365


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about expired, overlong, incomplete and pointless waivers."""
    today = ctx.today
    suggestions = SUGGESTIONS
    for i, waiver in enumerate(ctx.declaration.waivers):
        at = ("waivers", i)
        pid = waiver.practice
        entry = ctx.declaration.practices.get(pid)
        if pid not in ctx.pack.practices:
            if pid not in ctx.pack.renamed:
                suggestions -= 1
            yield ctx.finding(
                "PG402",
                f"waiver names {pid}, which {ctx.unknown_practice(pid, suggest=suggestions >= 0)}",
                (*at, "practice"),
                practice=pid,
            )
        elif entry is not None and entry.met:
            yield ctx.finding(
                "PG402",
                f"waiver for {pid}: the practice has no gap",
                (*at, "practice"),
                practice=pid,
            )
        if waiver.expires is None:
            yield ctx.finding(
                "PG403", f"waiver for {pid} has no expiry", at, key=False, practice=pid
            )
        elif waiver.expires < today:
            yield ctx.finding(
                "PG401",
                f"waiver for {pid} expired on {waiver.expires}",
                (*at, "expires"),
                practice=pid,
            )
        elif (waiver.expires - today).days > MAX_WAIVER_DAYS:
            yield ctx.finding(
                "PG403",
                f"waiver for {pid} runs until {waiver.expires}, more than "
                f"{MAX_WAIVER_DAYS} days past today ({today})",
                (*at, "expires"),
                practice=pid,
            )
        for field, label in (("reason", "a reason"), ("approved_by", "an approver")):
            value = getattr(waiver, field)
            if value is None or not value.strip():
                yield ctx.finding(
                    "PG403", f"waiver for {pid} lacks {label} ({field})", at, practice=pid
                )


def in_force(declaration: Declaration, pack: Pack, today: dt.date) -> dict[str, Waived]:
    """The waivers that cover their practice today, by practice id (the first one wins)."""
    active: dict[str, Waived] = {}
    for waiver in declaration.waivers:
        if _valid(waiver, pack, today) and waiver.practice not in active:
            assert waiver.expires and waiver.reason and waiver.approved_by
            active[waiver.practice] = Waived(
                waiver.reason.strip(), waiver.approved_by.strip(), waiver.expires
            )
    return active


def _valid(waiver: Waiver, pack: Pack, today: dt.date) -> bool:
    return (
        waiver.practice in pack.practices
        and waiver.expires is not None
        and today <= waiver.expires
        and (waiver.expires - today).days <= MAX_WAIVER_DAYS
        and bool(waiver.reason and waiver.reason.strip())
        and bool(waiver.approved_by and waiver.approved_by.strip())
    )
