"""Time and peak memory of a whole `paiguard check` process on the worst input of each kind.

Run: `python benchmarks/bench_hostile.py`. Each input is written to a temp folder and checked
by fresh `python -m paiguard check FILE --format json` processes; the median wall time and peak
resident memory (from `wait4`, for that child alone; Linux starts a child's peak at its
parent's size at fork, which this script keeps small) are printed. The budget is 1 s and
100 MiB per input; the script exits 1 when an input goes over it.
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


def _fill(head: str, line: Callable[[int], str], size: int = LIMIT) -> str:
    """`head` then `line(i)` for i = 0, 1, ... while the whole stays within `size` bytes."""
    parts, total, i = [head], len(head.encode()), 0
    while True:
        text = line(i)
        if total + len(text.encode()) > size:
            return "".join(parts)
        parts.append(text)
        total += len(text.encode())
        i += 1


def billion_laughs() -> str:
    lines = ['l0: &l0 ["' + "lol" * 10 + '"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 11)]
    return "\n".join(lines) + "\n"


def over_the_size_limit() -> str:
    return HEAD + "#" + "x" * LIMIT + "\n"


def deep_flow() -> str:
    depth = (LIMIT - len(HEAD) - 20) // 2
    return HEAD + "practices: " + "[" * depth + "]" * depth + "\n"


def deep_block_at_limit() -> str:
    lines = "".join("  " * (i + 1) + f"k{i}:\n" for i in range(62))
    return HEAD + "practices:\n" + lines + "  " * 63 + "leaf\n"


def huge_scalar() -> str:
    return HEAD + "practices:\n  red-teaming.b1:\n    justification: " + "x" * (LIMIT - 200) + "\n"


def scalar_at_limit_many_times() -> str:
    def item(i: int) -> str:
        return f"  red-teaming.b{i}: {{status: planned, justification: {'y' * 65_000}}}\n"

    return _fill(HEAD + "practices:\n", item)


def many_top_level_keys() -> str:
    return _fill(HEAD, lambda i: f"k{i}: v\n")


def many_unknown_practices() -> str:
    return _fill(HEAD + "practices:\n", lambda i: f"  x{i}.b1: {{status: planned}}\n")


def many_evidence_items() -> str:
    head = HEAD + "practices:\n  red-teaming.b1:\n    status: implemented\n    evidence:\n"
    return _fill(head, lambda i: f"      - {{path: big.bin, sha256: {'a' * 64}}}\n")


def many_bad_urls() -> str:
    head = HEAD + "practices:\n  red-teaming.b1:\n    status: implemented\n    evidence:\n"
    return _fill(head, lambda i: f"      - {{url: 'javascript:{i}'}}\n")


def many_flow_items() -> str:
    return _fill(HEAD + "practices: [", lambda i: "1,") + "]\n"


def many_anchors() -> str:
    return _fill("", lambda i: f"k{i}: &a{i} v\n")


def nodes_at_limit() -> str:
    # the head and `practices:` make 21 nodes, each entry 4: 19,997 in all
    return HEAD + "practices:\n" + "".join(f"  x{i}.b1: {{status: planned}}\n" for i in range(4994))


def findings_at_limit() -> str:
    # 119 coverage findings, plus one PG104 per unknown id
    return (
        HEAD
        + "practices:\n"
        + "".join(f"  red-teaming.b{i + 9}: {{status: planned}}\n" for i in range(881))
    )


def many_lines_of_comments() -> str:
    return _fill(HEAD, lambda i: "#\n")


INPUTS: dict[str, Callable[[], str]] = {
    "billion laughs (10^10 nodes if expanded)": billion_laughs,
    "file over the 2 MiB limit": over_the_size_limit,
    "flow nesting 1 million deep (2 MiB)": deep_flow,
    "block nesting at the depth limit": deep_block_at_limit,
    "one 2 MiB scalar": huge_scalar,
    "32 scalars at the 64 KiB limit": scalar_at_limit_many_times,
    "200,000 unknown top-level keys (2 MiB)": many_top_level_keys,
    "50,000 unknown practice ids (2 MiB)": many_unknown_practices,
    "40,000 evidence items pinned to one 64 MiB file": many_evidence_items,
    "50,000 evidence urls that are not http(s)": many_bad_urls,
    "1 million flow sequence items": many_flow_items,
    "140,000 anchors (2 MiB)": many_anchors,
    "keys and values at the node limit": nodes_at_limit,
    "findings at the findings limit": findings_at_limit,
    "1 million comment lines": many_lines_of_comments,
}


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


def main() -> int:
    """Print one line per input and a verdict; exit 1 if any input broke the budget."""
    print(
        f"# {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"{'input':<50} {'bytes':>9} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
    over = False
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        with (root / "big.bin").open("wb") as handle:
            for _ in range(64):  # in chunks: a child's peak RSS counts from its parent's at fork
                handle.write(b"\0" * MIB)
        for name, make in [("baseline: a 7-line declaration", None), *INPUTS.items()]:
            path = root / "paiguard.yaml"
            path.write_text(make() if make else HEAD)
            runs = [measure(path) for _ in range(RUNS)]
            seconds = statistics.median(r[0] for r in runs)
            peak, code = max(r[1] for r in runs), runs[0][2]
            over |= seconds > BUDGET_SECONDS or peak > BUDGET_MIB
            print(f"{name:<50} {path.stat().st_size:>9} {code:>4} {seconds:>8.3f} {peak:>9.1f}")
    print("over budget" if over else f"all within {BUDGET_SECONDS:.0f} s and {BUDGET_MIB:.0f} MiB")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
