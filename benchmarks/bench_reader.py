"""Time the two YAML readers on the same declarations: the fast subset reader and libyaml.

    python benchmarks/bench_reader.py [--count 5] [--runs 200]

For each generated declaration (benchmarks/generate.py) and each example declaration, it
parses the same text many times with each reader, alternating so that a busy machine slows
both alike, and prints the median and the fastest run of each, in milliseconds, and how many
times faster the fast reader is. "full" is what `yamlsource.parse` did before the fast reader
(libyaml events folded into a document); "fast" is `yaml_subset.read_subset`. Both give the
same document (tests/test_yaml_subset.py); the script checks that too. Nothing here is a unit
test: the test suite asserts no timings.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - benchmarks/ is not a package

from paiguard import yamlsource  # noqa: E402
from paiguard.yaml_subset import read_subset  # noqa: E402

LIMITS = yamlsource.Limits()


def full(text: str) -> object:
    """The full reader: libyaml's events folded into a document."""
    return yamlsource._fold(yamlsource._events(text), LIMITS)


def fast(text: str) -> object:
    """The fast reader; None would mean the text left its subset."""
    return read_subset(text, LIMITS)


def times(
    readers: dict[str, Callable[[str], object]], text: str, runs: int
) -> dict[str, list[float]]:
    """Seconds per parse of each reader, alternating, after one warm-up each."""
    found: dict[str, list[float]] = {name: [] for name in readers}
    for read in readers.values():
        read(text)
    for _ in range(runs):
        for name, read in readers.items():
            gc.collect()
            start = time.perf_counter()
            read(text)
            found[name].append(time.perf_counter() - start)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, check both readers agree, measure, print one row per file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=5, help="generated declarations")
    parser.add_argument("--runs", type=int, default=200, help="parses per reader and file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        paths = generate.generate(Path(work), args.count)
        paths += sorted((HERE.parent / "examples").rglob("*paiguard.yaml"))
        print(f"{'file':44} {'lines':>5}  {'full ms (min)':>14}  {'fast ms (min)':>14}  {'x':>5}")
        ratios = []
        for path in paths:
            text = path.read_text(encoding="utf-8")
            document = fast(text)
            if document is None or document != full(text):
                print(f"{path.name}: the fast reader does not read it alike")
                return 1
            found = times({"full": full, "fast": fast}, text, args.runs)
            old, new = (statistics.median(found[k]) * 1e3 for k in ("full", "fast"))
            best_old, best_new = (min(found[k]) * 1e3 for k in ("full", "fast"))
            ratios.append(old / new)
            shown = path.relative_to(path.parents[1]).as_posix()
            print(
                f"{shown[-44:]:44} {text.count(chr(10)):>5}  {old:6.2f} ({best_old:5.2f})"
                f"  {new:6.2f} ({best_new:5.2f})  {old / new:5.1f}"
            )
    print(f"median speed-up: {statistics.median(ratios):.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
