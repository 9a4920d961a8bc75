"""PG501-PG502: has someone signed the declaration off, and does the sign-off cover its latest
reviews and the model's latest significant update?"""

from __future__ import annotations

from collections.abc import Iterator

from paiguard.checks.context import Context
from paiguard.checks.review import latest_significant_update
from paiguard.findings import Finding


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about a missing or outdated sign-off."""
    attestation = ctx.declaration.attestation
    if attestation is None:
        yield ctx.finding(
            "PG501", "the declaration has no attestation: nobody has signed it off", ()
        )
        return
    if attestation.date > ctx.today:
        return  # a date in the future is PG303's
    reviews = [
        (entry.reviewed, f"{pid} was reviewed {entry.reviewed}")
        for pid, entry in ctx.declaration.practices.items()
        if entry.reviewed is not None and entry.reviewed <= ctx.today
    ]
    update = latest_significant_update(ctx)
    if update is not None:
        reviews.append((update.date, f"the model had a significant update on {update.date}"))
    later = [(date, why) for date, why in reviews if date > attestation.date]
    if later:
        newest = max(later)[1]
        yield ctx.finding(
            "PG502",
            f"the attestation of {attestation.date} by {attestation.by} does not cover the "
            f"latest changes: {newest}",
            ("attestation", "date"),
        )
