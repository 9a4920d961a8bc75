"""Time `paiguard check` against check-jsonschema and yamllint on the same declarations.

    python benchmarks/bench_check.py            # from a checkout, with paiguard installed

The script writes realistic declarations of the shipped pack (benchmarks/generate.py: every
practice, its guidance as comments, ~1,250 lines, ~48 KB each), installs check-jsonschema and
yamllint from PyPI into a separate venv (benchmarks/requirements.txt; once, under --work), then
runs the three tools on the same files in the same run, round-robin so that a busy machine
slows all of them alike. check-jsonschema validates against the schema `paiguard schema`
prints (the declaration format as JSON Schema, from the same models paiguard checks with).
It prints medians, peak memory, and one table of the speed targets, each ratio against a peer
timed in the same run, with a verdict per row; it exits 1 when one is missed. Nothing here is
a unit test: the test suite asserts no timings.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - benchmarks/ is not a package
from report import Results, Sample, Series, print_report  # noqa: E402

TODAY = "2026-11-26"
RUNS = {1: 15, 10: 9, 100: 5, 1000: 3}
PRACTICE_COUNTS = (30, 60, 119)
RATCHET_SIZE = 100  # `check --since` is timed on this batch, beside a plain check of it


def measure(argv: Sequence[str], cwd: Path) -> Sample:
    """Run a command once; wall time, and peak memory summed over it and its children."""
    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(process.pid, done, peak), daemon=True)
    watcher.start()
    _, _, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = 0  # reaped by wait4 above
    done.set()
    watcher.join()
    return Sample(seconds, max(peak[0], usage.ru_maxrss * 1024))


def _watch(pid: int, done: threading.Event, peak: list[int]) -> None:
    """Sample the summed resident memory of `pid` and its descendants every 5 ms."""
    while not done.is_set():
        total = sum(_rss(p) for p in _tree(pid))
        peak[0] = max(peak[0], total)
        done.wait(0.005)


def _tree(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tools_venv(work: Path) -> Path:
    """A venv with check-jsonschema and yamllint from PyPI, made once under `work`."""
    venv = work / "tools-venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    if not (bindir / "yamllint").exists() or not (bindir / "check-jsonschema").exists():
        print(f"installing check-jsonschema and yamllint into {venv} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(bindir / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "-r", str(HERE / "requirements.txt")], check=True)
    return bindir


Command = Callable[[Sequence[str]], list[str]]


def commands(tools: Path, work: Path) -> dict[str, Command]:
    """How each tool is run on a list of files (each as its users run it)."""
    paiguard = str(Path(sys.executable).parent / "paiguard")
    schema = str(work / "declaration.schema.json")
    subprocess.run([paiguard, "schema", "--force", "-o", schema], check=True)
    return {
        "paiguard": lambda files: [paiguard, "check", "--today", TODAY, *files],
        "check-jsonschema": lambda files: [
            str(tools / "check-jsonschema"),
            "--schemafile",
            schema,
            *files,
        ],
        "yamllint": lambda files: [str(tools / "yamllint"), *files],
    }


def round_robin(runs: int, argvs: dict[str, list[str]], cwd: Path) -> dict[str, Series]:
    """Run each command `runs` times, alternating, the order rotated every round."""
    series = {name: Series() for name in argvs}
    names = list(argvs)
    for name in names:  # warm-up: bytecode caches, the pack cache, the OS's file cache
        measure(argvs[name], cwd)
    for round_ in range(runs):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            series[name].samples.append(measure(argvs[name], cwd))
    return series


def machine() -> list[str]:
    """What the numbers were measured on."""
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"machine: {os.cpu_count()} cores (nproc), {model}, {platform.system()} "
        f"{platform.release()}",
        f"python: {platform.python_version()} ({sys.executable})",
        f"load average at start: {load}",
    ]


def versions(tools: Path) -> str:
    """The versions of the three tools."""
    out = []
    paiguard = str(Path(sys.executable).parent / "paiguard")
    for argv in (
        [paiguard, "--version"],
        [str(tools / "check-jsonschema"), "--version"],
        [str(tools / "yamllint"), "--version"],
    ):
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        out.append((done.stdout or done.stderr).strip().splitlines()[0])
    return "; ".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, install, measure, report; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="scratch folder")
    parser.add_argument(
        "--sizes", default="1,10,100,1000", help="batch sizes (files), comma-separated"
    )
    parser.add_argument(
        "--others-up-to",
        type=int,
        default=100,
        help="largest batch the other tools also run (theirs take minutes at 1,000)",
    )
    parser.add_argument("--runs-scale", type=float, default=1.0, help="multiply the run counts")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ["PAIGUARD_CACHE_DIR"] = str(args.work / "cache")  # the runs' own pack cache
    tools = tools_venv(args.work)
    print("\n".join(machine()))
    print(f"tools: {versions(tools)}")
    files = generate.generate(args.work / "data", max(sizes))
    folder = files[0].parent
    names = [p.name for p in files]
    run = commands(tools, args.work)
    results = Results()
    for size in sizes:
        chosen = run if size <= args.others_up_to else {"paiguard": run["paiguard"]}
        argvs = {name: make(names[:size]) for name, make in chosen.items()}
        runs = max(1, round(RUNS.get(size, 3) * args.runs_scale))
        print(f"... {size} file(s), {runs} runs each", flush=True)
        results.batches[size] = round_robin(runs, argvs, folder)
    if RATCHET_SIZE in sizes:
        runs = max(1, round(RUNS[RATCHET_SIZE] * args.runs_scale))
        print(f"... --since on {RATCHET_SIZE} files, {runs} runs each", flush=True)
        results.ratchet = ratchet(args.work / "ratchet", run["paiguard"], runs)
    results.startup = startup(run, folder, max(1, round(15 * args.runs_scale)))
    results.practices = by_practices(args.work / "practices", run)
    return print_report(results)


def ratchet(work: Path, paiguard: Command, runs: int) -> dict[str, Series]:
    """`check --since HEAD` against a plain check of the same 100 declarations, in a git
    repository where a tenth of them changed since HEAD (a practice dropped to `planned`)."""
    if work.exists():
        shutil.rmtree(work)
    files = generate.generate(work, RATCHET_SIZE)
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    when = f"{TODAY}T12:00:00+00:00"
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    for argv in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "declarations"]):
        subprocess.run([*git, *argv], cwd=work, env=env, check=True)
    for path in files[::10]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("status: implemented", "status: planned", 1), "utf-8")
    names = [p.name for p in files]
    plain = paiguard(names)
    argvs = {"check": plain, "check --since": [*plain[:2], "--since", "HEAD", *plain[2:]]}
    return round_robin(runs, argvs, files[0].parent)


def startup(run: dict[str, Command], folder: Path, runs: int) -> dict[str, Series]:
    """`paiguard --help` and `paiguard packs`, whole process."""
    paiguard = run["paiguard"](["x"])[0]
    argvs = {"paiguard --help": [paiguard, "--help"], "paiguard packs": [paiguard, "packs"]}
    return round_robin(runs, argvs, folder)


def by_practices(work: Path, run: dict[str, Command]) -> dict[int, Series]:
    """One declaration listing 30, 60 or all 119 practices: cost against practices."""
    work.mkdir(parents=True, exist_ok=True)
    items = generate.practices()
    pins = generate.write_evidence(work)
    argvs = {}
    for count in PRACTICE_COUNTS:
        path = work / f"practices-{count}.paiguard.yaml"
        path.write_text(generate.declaration(0, items[:count], pins), encoding="utf-8")
        argvs[str(count)] = run["paiguard"]([path.name])
    series = round_robin(11, argvs, work)
    return {int(k): v for k, v in series.items()}


if __name__ == "__main__":
    raise SystemExit(main())
