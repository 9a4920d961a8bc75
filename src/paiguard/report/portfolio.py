"""What a portfolio report shows: one row per declaration, worst first, and the common gaps."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from paiguard.codes import Severity
from paiguard.packs import Pack
from paiguard.report.audience import Edition, edition
from paiguard.results import FileResult, RunResult, Tally
from paiguard.vocabulary import Audience, Level

TOP_GAPS = 10
SHORT = 120  # the longest text a portfolio table cell holds, in characters


@dataclass(frozen=True, slots=True)
class Row:
    """One declaration of the portfolio; `checked` is False when it could not be read."""

    path: str
    checked: bool
    model: str
    version: str
    pack: str
    baseline: Tally
    recommended: Tally
    errors: int
    warnings: int
    nearest_waiver: dt.date | None
    problem: str  # why it could not be checked, cut to SHORT characters
    passes: bool  # whether `paiguard check` with the same settings would pass


@dataclass(frozen=True, slots=True)
class CommonGap:
    """A practice left unmet (waived or not) by several declarations of the portfolio."""

    practice: str
    pack: str
    level: str
    text: str  # the guidance text, cut to SHORT characters
    unmet: int
    waived: int
    of: int


@dataclass(frozen=True, slots=True)
class PortfolioView:
    """Everything the portfolio template can show."""

    today: dt.date
    edition: Edition
    rows: tuple[Row, ...]
    gaps: tuple[CommonGap, ...]

    @property
    def passing(self) -> int:
        """How many declarations pass `paiguard check`."""
        return sum(1 for r in self.rows if r.passes)


def build(
    results: list[FileResult],
    today: dt.date,
    audience: Audience = Audience.INTERNAL,
) -> PortfolioView:
    """The portfolio view of checked declarations, each passing or failing at its own check's
    fail level."""
    shown = edition(audience)
    rows = sorted((_row(r, shown) for r in results), key=_worst_first)
    return PortfolioView(today, shown, tuple(rows), _common_gaps(results))


def _row(result: FileResult, shown: Edition) -> Row:
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    if result.declaration is None or result.pack is None:
        first = result.findings[0] if result.findings else None
        problem = f"{first.code} at line {first.line}: {first.message}" if first else ""
        empty = Tally()
        path, problem = shown.text(result.path), shorten(shown.text(problem))
        return Row(path, False, "", "", "", empty, empty, errors, warnings, None, problem, False)
    expiries = [o.waived.expires for o in result.outcomes if o.waived is not None]
    model = result.declaration.model
    return Row(
        path=shown.text(result.path),
        checked=True,
        model=shown.text(model.name),
        version=shown.text(model.version),
        pack=f"{result.pack.pack} {result.pack.version}",
        baseline=result.baseline,
        recommended=result.recommended,
        errors=errors,
        warnings=warnings,
        nearest_waiver=min(expiries, default=None),
        problem="",
        passes=not RunResult([result]).failed,
    )


def _share(tally: Tally) -> float:
    return tally.met / tally.total if tally.total else 1.0


def _worst_first(row: Row) -> tuple[bool, float, int, float, int, str]:
    return (
        row.checked,
        _share(row.baseline),
        -row.errors,
        _share(row.recommended),
        -row.warnings,
        row.path,
    )


def _common_gaps(results: list[FileResult]) -> tuple[CommonGap, ...]:
    unmet: Counter[tuple[str, str]] = Counter()
    waived: Counter[tuple[str, str]] = Counter()
    declarations: Counter[str] = Counter()
    packs: dict[str, Pack] = {}
    for result in results:
        if result.pack is None or result.declaration is None:
            continue
        ref = result.pack.ref
        packs.setdefault(ref, result.pack)
        declarations[ref] += 1
        for outcome in result.outcomes:
            if not outcome.met:
                unmet[ref, outcome.practice] += 1
                waived[ref, outcome.practice] += outcome.waived is not None
    order = {
        (ref, pid): (index, practice.practice)
        for ref, pack in packs.items()
        for index, (pid, practice) in enumerate(pack.practices.items())
    }
    ranked = sorted(
        unmet,
        key=lambda k: (-unmet[k], order[k][1].level != Level.BASELINE, k[0], order[k][0]),
    )
    return tuple(
        CommonGap(
            practice=pid,
            pack=ref,
            level=order[ref, pid][1].level.value,
            text=shorten(order[ref, pid][1].text),
            unmet=unmet[ref, pid],
            waived=waived[ref, pid],
            of=declarations[ref],
        )
        for ref, pid in ranked[:TOP_GAPS]
    )


def shorten(text: str, length: int = SHORT, end: str = "…") -> str:
    """`text` cut at a word to at most `length` characters, `end` saying so."""
    if len(text) <= length:
        return text
    return text[: length - len(end)].rsplit(" ", 1)[0] + end
