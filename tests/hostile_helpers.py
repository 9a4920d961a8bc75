"""Builders for the hostile-input tests: declarations made on the spot in a temp repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import TODAY, Run, run_paiguard

HEAD = """paiguard: 1
provider: {name: Example Labs, contact: safety@example.org}
model:
  name: Nimbus
  version: "2.1.0"
  model_type: frontier
  release_type: restricted-api
"""
COVERAGE = ("PG101", "PG103", "PG501")  # what every incomplete test declaration has


def evidence_declaration(*paths: str, pin: str | None = None) -> str:
    """A declaration whose one practice cites `paths` as evidence (each pinned to `pin`)."""
    items = "".join(
        f"      - {{path: {json.dumps(p)}" + (f", sha256: {json.dumps(pin)}" if pin else "") + "}\n"
        for p in paths
    )
    return HEAD + f"practices:\n  red-teaming.b1:\n    status: implemented\n    evidence:\n{items}"


def check_json(*args: str, cwd: Path | None = None) -> tuple[Run, dict[str, Any]]:
    """`paiguard check ARGS --format json`, parsed, with a check that nothing leaked."""
    run = run_paiguard("check", *args, "--format", "json", "--today", TODAY, cwd=cwd)
    assert "Traceback" not in run.err
    return run, json.loads(run.out) if run.out else {}


def located(result: dict[str, Any], ignore: tuple[str, ...] = COVERAGE) -> list[str]:
    """`CODE line:col` of each finding of one file, leaving out `ignore`."""
    return [
        f"{f['code']} {f['line']}:{f['column']}"
        for f in result["findings"]
        if f["code"] not in ignore
    ]
