"""Every check, listed by hand: each module yields the findings of one code family."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from paiguard.checks import coverage, evidence, review, waivers
from paiguard.checks.context import Context
from paiguard.findings import Finding

Check = Callable[[Context], Iterator[Finding]]

CHECKS: tuple[Check, ...] = (
    coverage.check,  # PG101-PG106
    evidence.check,  # PG201-PG205
    review.check,  # PG301-PG303
    waivers.check,  # PG401-PG403
)

__all__ = ["CHECKS", "Check", "Context"]
