"""The pre-commit hook, run by the real `pre-commit try-repo` against this checkout.

pre-commit installs the checkout (with any uncommitted changes, through a temporary commit) into
its own virtualenv, so this test needs git and access to the package index; it is marked slow.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

TINY_PACK = Path(__file__).parent / "init" / "packs" / "tiny-open.yaml"

GAP = """\
paiguard: 1
pack: tiny-open@2
provider: {name: Example Labs}
model: {name: Nimbus, version: "1.0", model_type: general-purpose, release_type: open}
practices:
  model-card.b1:
    status: implemented
    evidence: [{url: "https://example.org/model-card"}]
  model-card.r1:
    status: not-applicable
    justification: The model card is published in English only; all users are English speakers.
"""
FIXED = (
    GAP
    + """\
  feedback.b1:
    status: implemented
    evidence: [{url: "https://example.org/report-misuse"}]
"""
)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _try_repo(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "paiguard"]
    return subprocess.run(
        [*command, "--all-files", "--color", "never"],
        check=False,
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A throwaway repository holding a declaration with a gap, and pre-commit's environment."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout of paiguard")
    project = tmp_path / "project"
    (project / "packs").mkdir(parents=True)
    shutil.copy(TINY_PACK, project / "packs")
    (project / ".paiguard.toml").write_text('pack_path = ["packs"]\n', encoding="utf-8")
    (project / "paiguard.yaml").write_text(GAP, encoding="utf-8")
    (project / "notpaiguard.yaml").write_text("not: [a declaration\n", encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", ".", cwd=project)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env |= {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    return project, env


@pytest.mark.slow
def test_hook_fails_on_a_gap_and_passes_when_fixed(tmp_path: Path) -> None:
    project, env = _project(tmp_path)

    failed = _try_repo(project, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "paiguard.................................................................Failed" in (
        failed.stdout
    )
    assert (
        "paiguard.yaml:5:1: PG101 error baseline practice feedback.b1 is not declared: "
        "Run a public channel for reporting misuse.\n"
    ) in failed.stdout
    assert "notpaiguard" not in failed.stdout

    (project / "paiguard.yaml").write_text(FIXED, encoding="utf-8")
    passed = _try_repo(project, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "paiguard.................................................................Passed" in (
        passed.stdout
    )


@pytest.mark.slow
def test_the_documented_configuration_runs_the_hook(tmp_path: Path) -> None:
    project, env = _project(tmp_path)
    page = (REPO / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(repos:\n.*?)```", page, re.DOTALL)
    assert match is not None
    documented = match.group(1)
    assert "repo: https://github.com/paiguard/paiguard\n    rev: COMMIT-SHA\n" in documented
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    config = documented.replace("https://github.com/paiguard/paiguard", str(REPO))
    (project / ".pre-commit-config.yaml").write_text(
        config.replace("COMMIT-SHA", head), encoding="utf-8"
    )
    _git("add", ".", cwd=project)
    command = [sys.executable, "-m", "pre_commit", "run", "paiguard", "--all-files"]
    ran = subprocess.run(
        [*command, "--color", "never"],
        check=False,
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert (
        "paiguard.yaml:5:1: PG101 error baseline practice feedback.b1 is not declared: "
        "Run a public channel for reporting misuse.\n"
    ) in ran.stdout
