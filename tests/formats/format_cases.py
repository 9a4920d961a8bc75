"""The fixture run every format test renders: a small organisation pack and a project with
one declaration that has every kind of outcome and one that does not match the schema.

Golden files hold the exact output; `PAIGUARD_UPDATE_GOLDEN=1 pytest tests/formats` rewrites them
(review the diff before committing it).
"""

from __future__ import annotations

import json
import os
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from conftest import REPO, TODAY, Run, run_paiguard
from paiguard import __version__

HERE = Path(__file__).parent
PACKS = HERE / "packs"
PROJECT = HERE / "project"
GOLDEN = HERE / "golden"
DECLARATIONS = ("paiguard.yaml", "broken.paiguard.yaml")
VERSION_MARK = "@PAIGUARD_VERSION@"
# The official schema, kept in the repository (tests/vendor/sarif/README.md: origin, licence).
SARIF_SCHEMA = REPO / "tests" / "vendor" / "sarif" / "sarif-2.1.0.json"


def make_repo(tmp_path: Path) -> Path:
    """A copy of the fixture project as a repository root (it holds `.git`)."""
    repo = tmp_path / "repo"
    shutil.copytree(PROJECT, repo)
    (repo / ".git").mkdir()
    return repo


def check(repo: Path, fmt: str, *args: str, files: tuple[str, ...] = DECLARATIONS) -> Run:
    """`paiguard check FILES --format FMT` against the fixture pack, as of TODAY."""
    return run_paiguard(
        "check",
        *files,
        "--pack-path",
        str(PACKS),
        "--today",
        TODAY,
        "--format",
        fmt,
        *args,
        cwd=repo,
    )


def golden(name: str) -> str:
    """The expected output stored in `golden/NAME`, with this version of paiguard."""
    return (GOLDEN / name).read_text(encoding="utf-8").replace(VERSION_MARK, __version__)


def assert_golden(name: str, actual: str) -> None:
    """`actual` is byte for byte the golden file (or rewrites it on request)."""
    if os.environ.get("PAIGUARD_UPDATE_GOLDEN"):
        stored = actual.replace(f'"{__version__}"', f'"{VERSION_MARK}"')
        (GOLDEN / name).write_text(stored, encoding="utf-8", newline="")
    assert actual == golden(name)


@cache
def _validator() -> Any:
    """A validator of the official schema, of the draft its `$schema` names (draft-04)."""
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def assert_valid(log: dict[str, Any]) -> None:
    """`log` validates against the official SARIF 2.1.0 schema."""
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(log)]
    assert errors == []
