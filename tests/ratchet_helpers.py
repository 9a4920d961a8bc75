"""Repositories for the ratchet's tests (`--since`, `diff`, history): the conforming declaration
of the CI examples with practices left out or rewritten, committed at fixed dates."""

from __future__ import annotations

import json
from typing import Any

from conftest import REPO, TODAY, Run, run_paiguard
from git_helpers import Repo

CONFORMING = (REPO / "tests" / "ci" / "paiguard.yaml").read_text(encoding="utf-8")
DAYS = [f"2026-0{month}-0{month}T10:00:00+00:00" for month in range(1, 10)]


def declaration(*without: str, lines: dict[str, str] | None = None, top: str = "") -> str:
    """The conforming declaration without the practices `without`, each practice of `lines`
    given that line instead (its YAML after `  <id>: `), and `top` before everything."""
    out = []
    for line in CONFORMING.splitlines(keepends=True):
        practice = line.strip().split(":", 1)[0] if line.startswith("  ") else ""
        if practice in without:
            continue
        if lines and practice in lines:
            out.append(f"  {practice}: {lines.pop(practice)}\n")
        else:
            out.append(line)
    assert not lines, f"not in the declaration: {lines}"
    return top + "".join(out)


def waiver(practice: str) -> str:
    """A waiver in force (as of TODAY) of one practice, to append to a declaration."""
    return (
        f"waivers:\n  - {{practice: {practice}, reason: External red team booked for the next "
        "release cycle, approved_by: Chief Safety Officer, expires: 2027-01-31}\n"
    )


def paiguard(repo: Repo, *args: str) -> Run:
    """`paiguard ARGS --today TODAY` in the repository."""
    run = run_paiguard(*args, "--today", TODAY, cwd=repo.path)
    assert "Traceback" not in run.err
    return run


def findings(run: Run) -> list[tuple[str, str, str | None, str | None]]:
    """(code, severity, practice, baseline_state) of each finding of a JSON run's files."""
    document: dict[str, Any] = json.loads(run.out)
    return [
        (f["code"], f["severity"], f["practice"], f.get("baseline_state"))
        for file in document["files"]
        for f in file["findings"]
    ]
