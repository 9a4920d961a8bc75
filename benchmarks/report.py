"""The benchmark's numbers: medians, ratios, peak memory, and which targets are met."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

MIB = 1024 * 1024
PG, CJS, YL = "paiguard", "check-jsonschema", "yamllint"

# Issue #6 states its absolute targets on its own machine, where check-jsonschema took 307 ms
# on one declaration and 10 s on 100. On another machine they are read as the same fractions of
# check-jsonschema's times measured in the same run (a machine twice as slow doubles both).
REFERENCE_CJS_ONE = 0.307
REFERENCE_CJS_HUNDRED = 10.0


@dataclass
class Sample:
    """One timed run: wall seconds and the peak memory of the whole process tree."""

    seconds: float
    peak_bytes: int


@dataclass
class Series:
    """Every run of one command."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mib(self) -> float:
        return max(s.peak_bytes for s in self.samples) / MIB


@dataclass
class Results:
    """Everything one benchmark run measured."""

    batches: dict[int, dict[str, Series]] = field(default_factory=dict)
    startup: dict[str, Series] = field(default_factory=dict)
    practices: dict[int, Series] = field(default_factory=dict)


def print_report(results: Results) -> int:
    """Print the tables and the targets; 0 when every target that was measured is met."""
    _batches(results)
    _startup(results)
    _practices(results)
    checks = _targets(results)
    if 1 in results.batches and CJS in results.batches[1]:
        cjs = results.batches[1][CJS].median
        print(
            f"\nthis machine: check-jsonschema takes {_time(cjs)} on one declaration, "
            f"{cjs / REFERENCE_CJS_ONE:.1f}x the issue's {_time(REFERENCE_CJS_ONE)}"
        )
    print("\ntargets")
    for ok, text in checks:
        print(f"  [{'met' if ok else 'MISSED'}] {text}")
    return 0 if all(ok for ok, _ in checks) else 1


def _batches(results: Results) -> None:
    print("\nfiles  tool               median      per file   vs paiguard   peak memory")
    for size, series in results.batches.items():
        base = series[PG].median
        for name, one in series.items():
            ratio = "" if name == PG else f"{one.median / base:9.1f}x"
            print(
                f"{size:>5}  {name:<17} {_time(one.median):>9}  {_time(one.median / size):>9}"
                f"  {ratio:>11}  {one.peak_mib:8.1f} MiB"
            )


def _startup(results: Results) -> None:
    print("\ncommand            median   peak memory")
    for name, one in results.startup.items():
        print(f"{name:<17} {_time(one.median):>8}  {one.peak_mib:8.1f} MiB")


def _practices(results: Results) -> None:
    if not results.practices:
        return
    print("\none declaration, practices declared: median (paiguard)")
    for count, one in results.practices.items():
        print(f"  {count:>4} practices  {_time(one.median):>9}")


def _targets(results: Results) -> list[tuple[bool, str]]:
    checks: list[tuple[bool, str]] = []
    b = results.batches
    if 1 in b and CJS in b[1]:
        pg, cjs, yl = b[1][PG], b[1][CJS].median, b[1][YL].median
        checks.append(
            (pg.median <= 0.5 * cjs, f"1 file: {_r(pg.median, cjs)} of check-jsonschema (<= 0.5)")
        )
        checks.append((pg.median <= 0.7 * yl, f"1 file: {_r(pg.median, yl)} of yamllint (<= 0.7)"))
        checks.append((pg.peak_mib < 60, f"1 file: peak memory {pg.peak_mib:.1f} MiB (< 60)"))
    if 100 in b and CJS in b[100]:
        pg100, cjs100 = b[100][PG].median, b[100][CJS].median
        checks.append(
            (pg100 <= 0.1 * cjs100, f"100 files: {_r(pg100, cjs100)} of check-jsonschema (<= 0.1)")
        )
    if 1000 in b:
        big = b[1000][PG]
        memory = f"1,000 files: peak memory {big.peak_mib:.1f} MiB in all processes (< 200)"
        checks.append((big.peak_mib < 200, memory))
        if 100 in b and CJS in b[100]:
            checks.append(_scaled("1,000 files", big.median, 8.0, b[100][CJS].median, 100))
    if 1 in b and CJS in b[1]:
        for name, one in results.startup.items():
            checks.append(_scaled(name, one.median, 0.120, b[1][CJS].median, 1))
    checks += _linear(results)
    return checks


def _scaled(what: str, seconds: float, target: float, cjs: float, files: int) -> tuple[bool, str]:
    """An absolute target of the issue, as the fraction of check-jsonschema's time it was."""
    reference = REFERENCE_CJS_ONE if files == 1 else REFERENCE_CJS_HUNDRED
    allowed = target / reference
    here = target * cjs / reference
    text = (
        f"{what}: {_time(seconds)}, {_r(seconds, cjs)} of check-jsonschema on {files} "
        f"file{'s' if files > 1 else ''} (<= {allowed:.2f}x: the issue's {_time(target)} beside "
        f"its {_time(reference)}; {_time(here)} on this machine)"
    )
    return seconds <= here, text


def _linear(results: Results) -> list[tuple[bool, str]]:
    """Cost per extra file stays flat from 100 to 1,000 files (within 25%)."""
    b = results.batches
    if not {1, 100, 1000} <= set(b):
        return []
    one = b[1][PG].median
    per100 = (b[100][PG].median - one) / 99
    per1000 = (b[1000][PG].median - one) / 999
    return [
        (
            per1000 <= 1.25 * per100,
            f"linear: {_time(per100)} per extra file up to 100, {_time(per1000)} up to 1,000",
        )
    ]


def _r(a: float, b: float) -> str:
    return f"{a / b:.2f}x"


def _time(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
