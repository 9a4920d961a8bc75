"""The fast paths change no data, position, finding or output byte.

`tests/parse_corpus/` holds awkward YAML (every scalar form, flow and block styles, bad bytes,
limits, tags, anchors) and declarations that raise every check code (named `*.decl.yaml`, so
that `paiguard check` run in this repository does not pick them up). `expected/` was recorded
with the first, straightforward implementation of the YAML reader and engine; the optimised
reader, the pack cache and the process pool must reproduce it exactly. When a message changes
on purpose, record again with `python -m tests.test_fast_path` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import REPO, TODAY, run_paiguard, typed

from paiguard import __version__, yamlsource
from paiguard.yamlsource import YamlProblem, decode

CORPUS = REPO / "tests" / "parse_corpus"
EXPECTED = CORPUS / "expected"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix == ".yaml")


def snapshot(path: Path) -> str:
    """What the reader makes of one file: its problem, or its data and every position."""
    try:
        document = yamlsource.parse(decode(path.read_bytes()))
    except YamlProblem as problem:
        return f"problem {problem.code} {problem.line}:{problem.column} {problem.message}\n"
    lines = [f"data {json.dumps(typed(document.data), ensure_ascii=False)}"]
    for kind, marks in (("key", document.keys), ("value", document.values)):
        lines += [f"{kind} {m.line}:{m.column} {json.dumps(list(k))}" for k, m in marks.items()]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_reader_gives_the_recorded_data_and_positions(path: Path) -> None:
    expected = (EXPECTED / f"{path.name}.txt").read_text(encoding="utf-8")
    assert snapshot(path) == expected


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_check_output_is_byte_identical_to_the_recording(fmt: str) -> None:
    shown = [p.relative_to(REPO).as_posix() for p in FILES]
    run = run_paiguard("check", "--format", fmt, "--today", TODAY, *shown, cwd=REPO)
    assert run.code == 1
    assert run.err == ""
    expected = (EXPECTED / f"check.{fmt}").read_text(encoding="utf-8")
    assert run.out == expected.replace('"paiguard": "0.1.0"', f'"paiguard": "{__version__}"')


def record() -> None:
    """Write `expected/` from the current code (after a deliberate change of a message)."""
    for path in FILES:
        (EXPECTED / f"{path.name}.txt").write_text(snapshot(path), encoding="utf-8")
    shown = [p.relative_to(REPO).as_posix() for p in FILES]
    for fmt in ("json", "text"):
        run = run_paiguard("check", "--format", fmt, "--today", TODAY, *shown, cwd=REPO)
        (EXPECTED / f"check.{fmt}").write_text(run.out, encoding="utf-8")


if __name__ == "__main__":
    record()
