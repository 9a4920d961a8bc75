"""`--format text`: one line a finding, grouped by file, then coverage per stage.

`segments()` gives the text as (text, style) pairs so the command line can colour it on a
terminal; `render()` joins them into plain text for files and pipes.
"""

from __future__ import annotations

from collections.abc import Iterator

from paiguard.codes import Severity
from paiguard.findings import printable
from paiguard.results import FileResult, RunResult, Tally

Segment = tuple[str, str]  # (text, style name: "" for none)
Line = list[Segment]


def render(run: RunResult) -> str:
    """The run as plain text."""
    return "".join("".join(text for text, _ in line) + "\n" for line in lines(run))


def lines(run: RunResult, *, quiet: bool = False) -> Iterator[Line]:
    """Every output line as styled segments; `quiet` keeps only findings that fail the run."""
    for index, result in enumerate(run.files):
        if index and not quiet:
            yield []  # a blank line between one file's summary and the next file's findings
        threshold = run.fail_level(result).rank
        shown = [f for f in result.findings if not quiet or f.severity.rank >= threshold]
        for finding in shown:
            yield [
                (f"{result.path}:{finding.line}:{finding.column}:", "path"),
                (" ", ""),
                (finding.code, "code"),
                (" ", ""),
                (finding.severity.value, finding.severity.value),
                (" ", ""),
                (finding.message, ""),
            ]
        if not quiet:
            if shown:
                yield []
            yield from _summary(result)
    if not quiet:
        yield []
        yield _totals(run)


def _summary(result: FileResult) -> Iterator[Line]:
    model = result.model
    if model is None or result.pack is None:
        yield [(result.path, "bold"), (": not checked against a pack", "dim")]
        return
    yield [
        (result.path, "bold"),
        (
            f": {printable(model.name)} {printable(model.version)}, "
            f"{result.pack.pack} {result.pack.version}",
            "dim",
        ),
    ]
    width = max(len(s.title) for s in result.stages) if result.stages else 10
    yield [(f"  {'stage':<{width}}  {'baseline':>10}  {'recommended':>12}", "dim")]
    for stage in result.stages:
        yield _row(stage.title, stage.baseline, stage.recommended, width)
    baseline, recommended = result.baseline, result.recommended
    yield _row("total", baseline, recommended, width, style="bold")
    yield [
        (
            f"  unverified: {baseline.unverified} baseline, {recommended.unverified} recommended; "
            f"waived: {baseline.waived} baseline, {recommended.waived} recommended",
            "dim",
        )
    ]


def _row(title: str, baseline: Tally, recommended: Tally, width: int, style: str = "") -> Line:
    base_style = "ok" if baseline.met == baseline.total else "error"
    return [
        (f"  {title:<{width}}  ", style),
        (f"{baseline.met:>4}/{baseline.total:<5}", base_style),
        (f"  {recommended.met:>6}/{recommended.total}", style),
    ]


def _totals(run: RunResult) -> Line:
    counts = [
        (run.count(Severity.ERROR), "error", "errors"),
        (run.count(Severity.WARNING), "warning", "warnings"),
        (run.count(Severity.INFO), "info", "info"),
    ]
    files = len(run.files)
    noun = "file" if files == 1 else "files"
    if not any(n for n, _, _ in counts):
        return [(f"All checks passed: {files} {noun}, no findings.", "ok")]
    parts: Line = [("Found ", "")]
    for i, (number, style, plural) in enumerate(counts):
        word = plural if number != 1 or plural == "info" else style
        parts.append((f"{number} {word}", style if number else ""))
        parts.append((", " if i < 2 else f" in {files} {noun}.", ""))
    return parts
