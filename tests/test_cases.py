"""Every check code of SPEC §3, proved by fixture files under `tests/cases/`.

Each folder `tests/cases/<CODE>-<slug>/` holds a declaration `paiguard.yaml` (plus any evidence
files it names) and what `paiguard check` must make of it, run in that folder as::

    paiguard check paiguard.yaml --today 2026-11-26 --pack-path ../_packs [args.txt]

- `expected.txt`: the exact stdout, byte for byte;
- `expected.json`: `{"exit_code": N, "key": [CODE, line, column]}`, the exit code and the key
  finding, which `--format json` must report at exactly that line and column;
- `args.txt` (optional): more options, whitespace-separated.

A folder named `<CODE>-ok-<slug>` is a passing twin: a near miss that must NOT yield that code
(its `key` is null). The cases use the tiny pack `tests/cases/_packs/mini-frontier-api.yaml`
(`pack: mini@1`) so that their output stays short; the empty `tests/cases/.paiguard.toml` keeps a
repository-level `[tool.paiguard]` from changing it. The pages under `docs/checks/` are generated
from these folders (`scripts/gen_check_docs.py`).

After a deliberate change of output, regenerate the expected files and review the diff::

    PAIGUARD_UPDATE_CASES=1 .venv/bin/python -m pytest tests/test_cases.py

That rewrites `expected.txt` and the exit code; a hand-written `key` is kept (a new trigger case
gets the first finding of its code, to be checked by eye).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import TODAY, run_paiguard
from paiguard.codes import CODES

CASES = Path(__file__).parent / "cases"
UPDATE = os.environ.get("PAIGUARD_UPDATE_CASES") == "1"


@dataclass(frozen=True)
class Case:
    """One fixture folder."""

    folder: Path

    @property
    def code(self) -> str:
        return self.folder.name.split("-", 1)[0]

    @property
    def triggers(self) -> bool:
        return not self.folder.name.removeprefix(self.code).startswith("-ok")

    def args(self, *more: str) -> list[str]:
        extra = self.folder / "args.txt"
        given = extra.read_text(encoding="utf-8").split() if extra.exists() else []
        return [
            "check",
            "paiguard.yaml",
            "--today",
            TODAY,
            "--pack-path",
            "../_packs",
            *given,
            *more,
        ]

    def expected(self) -> dict[str, object]:
        path = self.folder / "expected.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def all_cases() -> list[Case]:
    """Every case folder, sorted by name."""
    return [Case(p) for p in sorted(CASES.glob("PG*")) if p.is_dir()]


def _located(case: Case) -> list[list[object]]:
    run = run_paiguard(*case.args("--format", "json"), cwd=case.folder)
    [result] = json.loads(run.out)["files"]
    return [[f["code"], f["line"], f["column"]] for f in result["findings"]]


def _update(case: Case, code: int, out: str) -> None:
    (case.folder / "expected.txt").write_text(out, encoding="utf-8")
    expected = case.expected()
    key = expected.get("key")
    if case.triggers and not key:
        key = next((f for f in _located(case) if f[0] == case.code), None)
    document = {"exit_code": code, "key": key if case.triggers else None}
    (case.folder / "expected.json").write_text(json.dumps(document) + "\n", encoding="utf-8")


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.folder.name)
def test_case_output(case: Case) -> None:
    run = run_paiguard(*case.args(), cwd=case.folder)
    assert run.err == ""
    if UPDATE:
        _update(case, run.code, run.out)
    expected = case.expected()
    assert run.out == (case.folder / "expected.txt").read_text(encoding="utf-8")
    assert run.code == expected["exit_code"]


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.folder.name)
def test_case_key_finding(case: Case) -> None:
    located = _located(case)
    key = case.expected()["key"]
    if case.triggers:
        assert isinstance(key, list)
        assert key[0] == case.code
        assert key in located
    else:
        assert key is None
        assert case.code not in [code for code, _, _ in located]


def test_every_code_has_a_trigger_and_a_passing_twin() -> None:
    cases = all_cases()
    assert {c.code for c in cases if c.triggers} == set(CODES)
    assert {c.code for c in cases if not c.triggers} == set(CODES)


def test_every_case_folder_is_complete() -> None:
    for case in all_cases():
        assert case.code in CODES, case.folder.name
        names = {p.name for p in case.folder.iterdir()}
        assert {"paiguard.yaml", "expected.txt", "expected.json"} <= names, case.folder.name


def test_passing_twins_pass() -> None:
    """A near miss of one code yields no error at all: the twin shows the boundary, not a
    different failure."""
    for case in all_cases():
        if not case.triggers:
            assert case.expected()["exit_code"] == 0, case.folder.name
