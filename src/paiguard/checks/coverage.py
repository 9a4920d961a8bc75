"""PG101-PG106: is every practice of the pack declared, met, known and justified?"""

from __future__ import annotations

from collections.abc import Iterator

from paiguard.checks.context import SUGGESTIONS, Context
from paiguard.findings import Finding
from paiguard.vocabulary import Level, Status

_EMPTY_WORDS = frozenset(
    {"tbd", "tba", "todo", "n/a", "na", "none", "-", "--", "...", "…", "?", "x", "nothing"}
)
_MIN_REASON_CHARS = 20


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about which practices are declared and met."""
    yield from _gaps(ctx)
    yield from _unknown_ids(ctx)
    yield from _empty_reasons(ctx)


def _gaps(ctx: Context) -> Iterator[Finding]:
    declared = ctx.declaration.practices
    for pid, ref in ctx.pack.practices.items():
        baseline = ref.practice.level is Level.BASELINE
        entry = declared.get(pid)
        if entry is None:
            text = ctx.practice_text(pid)
            code = "PG101" if baseline else "PG103"
            level = "baseline" if baseline else "recommended"
            yield ctx.finding(
                code,
                f"{level} practice {pid} is not declared: {text}",
                ("practices",),
                key=True,
                practice=pid,
            )
            continue
        at = ("practices", pid, "status")
        if entry.status is Status.NOT_APPLICABLE and not entry.met:
            yield ctx.finding(
                "PG105",
                f"{pid} is not-applicable without a justification",
                at,
                practice=pid,
            )
        elif entry.met or (entry.status is Status.IMPLEMENTED and not entry.evidence):
            continue  # met, or the missing evidence is PG201's finding
        elif baseline:
            yield ctx.finding(
                "PG102",
                f"baseline practice {pid} is {entry.status.value}, not met: "
                f"{ctx.practice_text(pid)}",
                at,
                practice=pid,
            )
        else:
            yield ctx.finding(
                "PG103",
                f"recommended practice {pid} is {entry.status.value}, not met: "
                f"{ctx.practice_text(pid)}",
                at,
                practice=pid,
            )


def _unknown_ids(ctx: Context) -> Iterator[Finding]:
    known = ctx.pack.practices
    suggestions = SUGGESTIONS
    for pid in ctx.declaration.practices:
        if pid in known:
            continue
        if pid not in ctx.pack.renamed:
            suggestions -= 1
        message = f"practice {pid} {ctx.unknown_practice(pid, suggest=suggestions >= 0)}"
        yield ctx.finding("PG104", message, ("practices", pid), key=True, practice=pid)


def _empty_reasons(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for pid, entry in ctx.declaration.practices.items():
        if entry.justification is None or not entry.justification.strip():
            continue
        at = ("practices", pid, "justification")
        normal = " ".join(entry.justification.lower().split())
        problem = says_nothing(entry.justification)
        if problem is None and normal in seen:
            problem = f"is the same text as {seen[normal]}'s"
        seen.setdefault(normal, pid)
        if problem:
            yield ctx.finding("PG106", f"the justification of {pid} {problem}", at, practice=pid)
    for i, waiver in enumerate(ctx.declaration.waivers):
        problem = says_nothing(waiver.reason) if waiver.reason else None
        if problem:
            yield ctx.finding(
                "PG106",
                f"the reason of the waiver for {waiver.practice} {problem}",
                ("waivers", i, "reason"),
                practice=waiver.practice,
            )


def says_nothing(text: str) -> str | None:
    """Why a justification or reason explains nothing, or None when it may."""
    stripped = " ".join(text.split())
    if stripped.lower().rstrip(".") in _EMPTY_WORDS:
        return f"says nothing ('{stripped}')"
    if len(stripped) < _MIN_REASON_CHARS:
        return f"is under {_MIN_REASON_CHARS} characters ('{stripped}')"
    return None
