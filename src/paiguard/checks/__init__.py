"""Every check, listed by hand: each module yields the findings of one code family."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from paiguard.checks import attestation, coverage, evidence, plans, review, waivers
from paiguard.checks.context import Context
from paiguard.findings import Finding

Check = Callable[[Context], Iterator[Finding]]

# What the declaration says, checked on its own; each practice's outcome is decided from these.
CHECKS: tuple[Check, ...] = (
    coverage.check,  # PG101-PG106, PG108
    evidence.check,  # PG201-PG206
    review.check,  # PG301-PG304
    attestation.check,  # PG501-PG502
)
# What depends on the outcomes (`Context.outcomes`).
CHECKS_ON_OUTCOMES: tuple[Check, ...] = (
    plans.check,  # PG107
    waivers.check,  # PG401-PG403
)

__all__ = ["CHECKS", "CHECKS_ON_OUTCOMES", "Check", "Context"]
