"""`--since REF` in the machine formats: SARIF results carry `baselineState` and still validate
against the official SARIF 2.1.0 schema; without `--since` neither SARIF nor JSON has the key."""

from __future__ import annotations

import json
from pathlib import Path

from format_cases import assert_valid

from git_helpers import Repo
from ratchet_helpers import DAYS, declaration, paiguard


def test_sarif_with_since_has_baseline_states_and_validates(tmp_path: Path, home: Path) -> None:
    repo = Repo(tmp_path / "repo", home)
    repo.write("paiguard.yaml", declaration("red-teaming.b1"))
    repo.commit("a gap", DAYS[0])
    repo.write("paiguard.yaml", declaration("red-teaming.b1", "external-evaluation.b1"))
    run = paiguard(repo, "check", "--since", "HEAD", "--format", "sarif")
    assert run.code == 1
    log = json.loads(run.out)
    assert_valid(log)
    assert [
        (r["properties"]["practice"], r["level"], r["baselineState"])
        for r in log["runs"][0]["results"]
    ] == [("external-evaluation.b1", "error", "new"), ("red-teaming.b1", "note", "unchanged")]

    plain = paiguard(repo, "check", "--format", "sarif")
    assert_valid(json.loads(plain.out))
    assert "baselineState" not in plain.out
    assert "baseline_state" not in paiguard(repo, "check", "--format", "json").out
