"""Benchmark: a portfolio report over 1,000 generated declarations.

Run: `.venv/bin/python benchmarks/bench_portfolio.py [COUNT]`. It writes COUNT declarations
(default 1,000; each declares every practice of the shipped pack with a random status) into a
temporary folder, renders `paiguard report --portfolio` over the folder in-process, and prints
the time taken, then times the run's two phases apart (checking, rendering). It asserts
nothing about time: machines differ.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
import sys
import tempfile
import time
from pathlib import Path

from paiguard.cli import main
from paiguard.discovery import discover
from paiguard.engine import Settings, check_file
from paiguard.pack_registry import PackRegistry
from paiguard.report import render_portfolio

STATUSES = ("implemented", "implemented", "implemented", "partial", "planned", "not-implemented")


def declaration(index: int, practices: list[str], rng: random.Random) -> str:
    """One declaration of the portfolio, YAML text."""
    lines = [
        "paiguard: 1",
        "provider: {name: Bench Labs}",
        "model:",
        f"  name: model-{index:04d}",
        f'  version: "1.{index % 7}.0"',
        "  model_type: frontier",
        "  release_type: restricted-api",
        "practices:",
    ]
    for pid in practices:
        if rng.random() < 0.1:
            continue  # not declared
        status = rng.choice(STATUSES)
        lines += [f"  {pid}:", f"    status: {status}", "    owner: safety-team"]
        if status in ("implemented", "partial"):
            lines.append(f'    evidence: [{{url: "https://bench.example/{index}/{pid}"}}]')
        lines.append(f"    reviewed: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}")
    if rng.random() < 0.3:
        lines += ["waivers:", f"  - practice: {practices[0]}"]
        lines += ["    reason: Contract with the external evaluator is being signed."]
        lines += ["    approved_by: Chief Risk Officer", "    expires: 2027-03-31"]
    return "\n".join(lines) + "\n"


def run(count: int) -> None:
    """Generate `count` declarations, render their portfolio, print the timings."""
    registry = PackRegistry()
    pack = registry.get("pai-frontier-restricted-api@1")
    assert pack is not None
    practices = list(pack.practices)
    rng = random.Random(1000)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for index in range(count):
            target = root / f"model-{index:04d}" / "paiguard.yaml"
            target.parent.mkdir()
            target.write_text(declaration(index, practices, rng), encoding="utf-8")
        output = root / "portfolio.md"
        args = ["report", "--portfolio", str(root), "--today", "2026-11-26", "-o", str(output)]
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(args)
        elapsed = time.perf_counter() - start
        size = output.stat().st_size if output.exists() else 0
        checking, rendering = _phases(root, registry)
    print(f"portfolio of {count} declarations: exit {code}, {size} bytes, {elapsed:.2f} s")
    print(f"  of which checking (engine.check_file): {checking:.2f} s")
    print(f"  of which rendering (report.render_portfolio): {rendering:.2f} s")


def _phases(root: Path, registry: PackRegistry) -> tuple[float, float]:
    """The two phases of the same run, timed apart: checking, then rendering."""
    today = dt.date(2026, 11, 26)
    settings = Settings(today=today)
    start = time.perf_counter()
    results = [check_file(p, str(p), registry, settings) for p in discover([root])]
    checked = time.perf_counter()
    render_portfolio(results, today)
    return checked - start, time.perf_counter() - checked


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
