"""Record what paiguard prints for every shipped and test input, to catch any output change.

`tests/recordings/` holds, byte for byte, the output of `check` in every format on the examples,
the bad-input corpus, the check cases and the parse corpus, and of every report kind on the
examples. `tests/test_recordings.py` reruns the same commands and compares. A change that means
to change an output reruns this script deliberately and the diff is reviewed with it:

    python scripts/record_outputs.py            # write tests/recordings/
    python scripts/record_outputs.py --check    # compare only; exit 1 and list what differs
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECORDINGS = REPO / "tests" / "recordings"
TODAY = "2026-11-26"
FORMATS = ("text", "json", "sarif", "junit", "github")
EXAMPLES = ("conforming", "halfway", "org-pack")


@dataclass(frozen=True)
class Recording:
    """One command, where it runs, and the file its output is kept in."""

    name: str  # the file under tests/recordings/
    cwd: Path
    args: tuple[str, ...]


def recordings() -> list[Recording]:
    """Every command whose output is recorded, in a fixed order."""
    runs: list[Recording] = []
    for example in EXAMPLES:
        folder = REPO / "examples" / example
        for fmt in FORMATS:
            runs.append(
                Recording(
                    f"examples/{example}.check.{fmt}",
                    folder,
                    ("check", "--today", TODAY, "--format", fmt),
                )
            )
        declaration = next(iter(sorted(folder.glob("*paiguard.yaml"))))
        for kind in ("gap", "conformance"):
            report = ("report", declaration.name, "--kind", kind, "--today", TODAY)
            runs += [
                Recording(f"examples/{example}.report-{kind}.md", folder, report),
                Recording(
                    f"examples/{example}.report-{kind}.html", folder, (*report, "--format", "html")
                ),
                Recording(
                    f"examples/{example}.report-{kind}.public.md",
                    folder,
                    (*report, "--audience", "public"),
                ),
            ]
    portfolio = ("report", "--portfolio", "examples", "--today", TODAY)
    runs += [
        Recording("examples/portfolio.md", REPO, portfolio),
        Recording("examples/portfolio.html", REPO, (*portfolio, "--format", "html")),
    ]
    bad = REPO / "tests" / "bad_inputs"
    bad_files = tuple(sorted(p.name for p in bad.glob("*.yaml")))
    for fmt in ("text", "json", "sarif"):
        runs.append(
            Recording(
                f"bad_inputs.check.{fmt}",
                bad,
                ("check", "--today", TODAY, "--format", fmt, *bad_files),
            )
        )
    corpus = REPO / "tests" / "parse_corpus"
    corpus_files = tuple(sorted(p.name for p in corpus.glob("*.yaml")))
    for fmt in FORMATS:
        runs.append(
            Recording(
                f"parse_corpus.check.{fmt}",
                corpus,
                ("check", "--today", TODAY, "--format", fmt, *corpus_files),
            )
        )
    for case in sorted((REPO / "tests" / "cases").glob("PG*")):
        extra = case / "args.txt"
        given = extra.read_text(encoding="utf-8").split() if extra.exists() else []
        args = ("check", "paiguard.yaml", "--today", TODAY, "--pack-path", "../_packs", *given)
        runs.append(Recording(f"cases/{case.name}.json", case, (*args, "--format", "json")))
    return runs


def run(recording: Recording) -> str:
    """The recorded form of one command: its exit code, its stderr, then its stdout."""
    from paiguard.cli import main

    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(recording.cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(list(recording.args))
    header = json.dumps({"args": list(recording.args), "exit": code, "stderr": err.getvalue()})
    return f"{header}\n{out.getvalue()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    options = parser.parse_args(argv)
    differ = []
    for recording in recordings():
        target = RECORDINGS / recording.name
        text = run(recording)
        if options.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                differ.append(recording.name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for name in differ:
        print(f"differs: {name}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
