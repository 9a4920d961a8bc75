"""The benchmark's numbers: medians, ratios, peak memory, and which targets are met."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

MIB = 1024 * 1024
PG, CJS, YL = "paiguard", "check-jsonschema", "yamllint"


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
    ratchet: dict[str, Series] = field(default_factory=dict)  # "check", "check --since"


def print_report(results: Results) -> int:
    """Print the measurements and the table of targets; 0 when every target is met."""
    _batches(results)
    _startup(results)
    _practices(results)
    _ratchet(results)
    rows = targets(results)
    print(f"\n{'target':<58} {'measured':>10} {'allowed':>10}  verdict")
    for row in rows:
        print(
            f"{row.what:<58} {row.shown(row.measured):>10} {row.shown(row.allowed):>10}  "
            f"{row.verdict}"
        )
    missing = [row for row in rows if row.measured is None]
    if missing:
        print("not measured in this run (choose --sizes and --others-up-to to include them)")
    return 0 if all(row.verdict == "met" for row in rows) else 1


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


def _ratchet(results: Results) -> None:
    if not results.ratchet:
        return
    print("\n100 declarations in git, a tenth changed since HEAD: median (paiguard)")
    for name, one in results.ratchet.items():
        print(f"  {name:<15} {_time(one.median):>9}  {one.peak_mib:8.1f} MiB")


@dataclass(frozen=True)
class Target:
    """One row of the table: what is measured, its value in this run, and the bound."""

    what: str
    measured: float | None  # None when this run did not measure it
    allowed: float
    unit: str  # "x" (a ratio to a peer timed in the same run), "s" or "MiB"

    @property
    def verdict(self) -> str:
        if self.measured is None:
            return "NOT MEASURED"
        return "met" if self.measured <= self.allowed else "MISSED"

    def shown(self, value: float | None) -> str:
        if value is None:
            return "-"
        if self.unit == "x":
            return f"{value:.2f}x"
        return f"{value:.2f} s" if self.unit == "s" else f"{value:.1f} MiB"


def targets(results: Results) -> list[Target]:
    """The speed targets, each ratio against a peer timed in the same run."""
    b = results.batches

    def median(size: int, tool: str) -> float | None:
        return b[size][tool].median if size in b and tool in b[size] else None

    def ratio(a: float | None, c: float | None) -> float | None:
        return None if a is None or c is None else a / c

    one_cjs, one_yl = median(1, CJS), median(1, YL)
    rows = [
        Target(
            f"{name}: vs check-jsonschema on one declaration",
            ratio(series.median if series else None, one_cjs),
            0.35,
            "x",
        )
        for name, series in (
            ("paiguard --help", results.startup.get("paiguard --help")),
            ("paiguard packs", results.startup.get("paiguard packs")),
        )
    ]
    rows += [
        Target("one declaration: vs check-jsonschema", ratio(median(1, PG), one_cjs), 0.5, "x"),
        Target("one declaration: vs yamllint", ratio(median(1, PG), one_yl), 0.7, "x"),
        Target("one declaration: peak memory", _peak(b, 1), 60, "MiB"),
        Target(
            "100 declarations: vs check-jsonschema",
            ratio(median(100, PG), median(100, CJS)),
            0.25,
            "x",
        ),
        Target(
            "--since on 100 declarations: vs a plain check of them",
            ratio(_ratchet_median(results, "check --since"), _ratchet_median(results, "check")),
            1.5,
            "x",
        ),
        Target("1,000 declarations: wall time on the machine's cores", median(1000, PG), 5, "s"),
        Target("1,000 declarations: peak memory of all processes", _peak(b, 1000), 200, "MiB"),
    ]
    return rows


def _ratchet_median(results: Results, name: str) -> float | None:
    series = results.ratchet.get(name)
    return series.median if series else None


def _peak(batches: dict[int, dict[str, Series]], size: int) -> float | None:
    return batches[size][PG].peak_mib if size in batches and PG in batches[size] else None


def _time(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
