"""Time and peak memory of a whole `paiguard check` process on the worst input of each kind.

Run: `python benchmarks/bench_hostile.py`. Each input is written to a temp folder and checked
by fresh `python -m paiguard check FILE --format json` processes; the median wall time and peak
resident memory (from `wait4`, for that child alone; Linux starts a child's peak at its
parent's size at fork, which this script keeps small) are printed. Every input is built within
the size limit it tests (the script refuses to run otherwise: an input over the limit is refused
unread and would test nothing), once at the default 2 MiB and once more, for the shapes that
grow with the file, at a `max_file_bytes` of 10 MiB set in `.paiguard.toml`. The budget is 1 s
and 100 MiB per input; the script names every input over it and exits 1.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MIB = 1024 * 1024
LIMIT = 2 * MIB
BUDGET_SECONDS = 1.0
BUDGET_MIB = 100.0
RUNS = 3  # the median time of three fresh processes; the largest peak of the three
HEAD = """paiguard: 1
provider: {name: Example Labs, contact: safety@example.org}
model:
  name: Nimbus
  version: "2.1.0"
  model_type: frontier
  release_type: restricted-api
"""


def _fill(head: str, line: Callable[[int], str], size: int, tail: str = "") -> str:
    """`head`, then `line(i)` for i = 0, 1, ..., then `tail`, all within `size` bytes."""
    room = size - len(tail.encode())
    parts, total, i = [head], len(head.encode()), 0
    while True:
        text = line(i)
        if total + len(text.encode()) > room:
            return "".join(parts) + tail
        parts.append(text)
        total += len(text.encode())
        i += 1


def billion_laughs(size: int) -> str:
    lines = ['l0: &l0 ["' + "lol" * 10 + '"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 11)]
    return "\n".join(lines) + "\n"


def over_the_size_limit(size: int) -> str:
    return HEAD + "#" + "x" * size + "\n"


def deep_flow(size: int) -> str:
    depth = (size - len(HEAD) - 20) // 2
    return HEAD + "practices: " + "[" * depth + "]" * depth + "\n"


def deep_block_at_limit(size: int) -> str:
    lines = "".join("  " * (i + 1) + f"k{i}:\n" for i in range(62))
    return HEAD + "practices:\n" + lines + "  " * 63 + "leaf\n"


def huge_scalar(size: int) -> str:
    head = HEAD + "practices:\n  red-teaming.b1:\n    justification: "
    return head + "x" * (size - len(head) - 1) + "\n"


def scalar_at_limit_many_times(size: int) -> str:
    def item(i: int) -> str:
        return f"  red-teaming.b{i}: {{status: planned, justification: {'y' * 65_000}}}\n"

    return _fill(HEAD + "practices:\n", item, size)


def many_top_level_keys(size: int) -> str:
    return _fill(HEAD, lambda i: f"k{i}: v\n", size)


def many_unknown_practices(size: int) -> str:
    return _fill(HEAD + "practices:\n", lambda i: f"  x{i}.b1: {{status: planned}}\n", size)


def many_evidence_items(size: int) -> str:
    head = HEAD + "practices:\n  red-teaming.b1:\n    status: implemented\n    evidence:\n"
    return _fill(head, lambda i: f"      - {{path: big.bin, sha256: {'a' * 64}}}\n", size)


def many_bad_urls(size: int) -> str:
    head = HEAD + "practices:\n  red-teaming.b1:\n    status: implemented\n    evidence:\n"
    return _fill(head, lambda i: f"      - {{url: 'javascript:{i}'}}\n", size)


def many_flow_items(size: int) -> str:
    return _fill(HEAD + "practices: [", lambda i: "1,", size, tail="1]\n")


def flat_flow_list(size: int) -> str:
    """`a: [1,1,...]` filling the file to the last byte."""
    return _fill("a: [", lambda i: "1,", size, tail="1]")


def nested_flow_maps_around_a_list(size: int) -> str:
    """`a: {k: {k: ... [1,1,...]}}`, 60 levels deep, filling the file to the last byte."""
    depth = 60
    return _fill("a: " + "{k: " * depth + "[", lambda i: "1,", size, tail="1]" + "}" * depth)


def many_anchors(size: int) -> str:
    return _fill("", lambda i: f"k{i}: &a{i} v\n", size)


def nodes_at_limit(size: int) -> str:
    # the head and `practices:` make 21 nodes, each entry 4: 19,997 in all
    return HEAD + "practices:\n" + "".join(f"  x{i}.b1: {{status: planned}}\n" for i in range(4994))


def findings_at_limit(size: int) -> str:
    # 119 coverage findings, plus one PG104 per unknown id
    return (
        HEAD
        + "practices:\n"
        + "".join(f"  red-teaming.b{i + 9}: {{status: planned}}\n" for i in range(881))
    )


def many_lines_of_comments(size: int) -> str:
    return _fill(HEAD, lambda i: "#\n", size)


Make = Callable[[int], str]
# Each input's name says what it holds at the default 2 MiB limit.
INPUTS: dict[str, Make] = {
    "billion laughs (10^10 nodes if expanded)": billion_laughs,
    "file over the size limit": over_the_size_limit,
    "flow nesting 1 million deep": deep_flow,
    "block nesting at the depth limit": deep_block_at_limit,
    "one scalar filling the file": huge_scalar,
    "32 scalars at the 64 KiB limit": scalar_at_limit_many_times,
    "200,000 unknown top-level keys": many_top_level_keys,
    "50,000 unknown practice ids": many_unknown_practices,
    "40,000 evidence items pinned to one 64 MiB file": many_evidence_items,
    "50,000 evidence urls that are not http(s)": many_bad_urls,
    "1 million flow sequence items under practices": many_flow_items,
    "a: [1,1,...] to the last byte": flat_flow_list,
    "a: {k: {k: ... [1,1,...]}} to the last byte": nested_flow_maps_around_a_list,
    "140,000 anchors": many_anchors,
    "keys and values at the node limit": nodes_at_limit,
    "findings at the findings limit": findings_at_limit,
    "1 million comment lines": many_lines_of_comments,
}
# The shapes whose cost grows with the file: run again with max_file_bytes raised to 10 MiB.
GROWING = (
    deep_flow,
    huge_scalar,
    many_top_level_keys,
    many_unknown_practices,
    many_bad_urls,
    many_flow_items,
    flat_flow_list,
    nested_flow_maps_around_a_list,
    many_anchors,
    many_lines_of_comments,
)
RAISED = 10 * MIB


def measure(path: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB, and exit code of one `paiguard check` process."""
    command = [sys.executable, "-m", "paiguard", "check", path.name, "--format", "json"]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=path.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes vs KiB
    return elapsed, usage.ru_maxrss / scale, process.returncode


def _write(path: Path, name: str, limit: int) -> None:
    """Write input `name` in a child process: this one must stay small, as the peak memory of
    each measured child starts from it (Linux counts a child's peak from its parent's at fork)."""
    subprocess.run([sys.executable, __file__, "--write", name, str(limit), str(path)], check=True)


def main() -> int:
    """Print one line per input and a verdict; exit 1 if any input broke the budget."""
    print(
        f"# {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"{'input':<52} {'limit':>6} {'bytes':>9} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
    runs: list[tuple[str, Make | None, int]] = [("baseline: a 7-line declaration", None, LIMIT)]
    runs += [(name, make, LIMIT) for name, make in INPUTS.items()]
    runs += [(name, make, RAISED) for name, make in INPUTS.items() if make in GROWING]
    over = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        with (root / "big.bin").open("wb") as handle:
            for _ in range(64):  # in chunks: a child's peak RSS counts from its parent's at fork
                handle.write(b"\0" * MIB)
        for name, make, limit in runs:
            config = root / ".paiguard.toml"
            config.write_text(f"[limits]\nmax_file_bytes = {limit}\n" if limit != LIMIT else "")
            path = root / "paiguard.yaml"
            _write(path, name if make else "", limit)
            size = path.stat().st_size
            if (size > limit) != (make is over_the_size_limit):
                raise SystemExit(f"bench_hostile: {name!r} is {size} bytes, limit {limit}")
            measured = [measure(path) for _ in range(RUNS)]
            seconds = statistics.median(r[0] for r in measured)
            peak, code = max(r[1] for r in measured), measured[0][2]
            if seconds > BUDGET_SECONDS or peak > BUDGET_MIB:
                over.append(f"{name} ({limit // MIB} MiB)")
            print(
                f"{name:<52} {limit // MIB:>4}Mi {size:>9} {code:>4} {seconds:>8.3f} {peak:>9.1f}"
            )
    if over:
        print(f"OVER BUDGET ({BUDGET_SECONDS:.0f} s, {BUDGET_MIB:.0f} MiB): " + "; ".join(over))
        return 1
    print(f"all within {BUDGET_SECONDS:.0f} s and {BUDGET_MIB:.0f} MiB")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        _, _, name, limit, target = sys.argv
        Path(target).write_text(INPUTS[name](int(limit)) if name else HEAD)
        sys.exit(0)
    sys.exit(main())
