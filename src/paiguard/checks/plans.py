"""PG107: is a practice that is not met past the date by which the provider said it would be?"""

from __future__ import annotations

from collections.abc import Iterator

from paiguard.checks.context import Context
from paiguard.findings import Finding
from paiguard.vocabulary import Outcome


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about overdue plans (needs each practice's outcome)."""
    for pid, entry in ctx.declaration.practices.items():
        due = entry.due
        outcome = ctx.outcomes.get(pid)
        if due is None or due >= ctx.today or outcome is None or outcome is Outcome.MET:
            continue
        yield ctx.finding(
            "PG107",
            f"{pid} was due {due} and is still not met ({outcome.value})",
            ("practices", pid, "due"),
            practice=pid,
        )
