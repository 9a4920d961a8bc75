"""Lean start-up: each command imports only what it uses (what a user pays for on every commit).

Each case runs a fresh interpreter with stdout piped (not a terminal, as in a hook or CI) and
lists the heavy modules it ended up importing.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.conftest import REPO, TODAY

HEAVY = ("jinja2", "rich", "pydantic", "ruamel.yaml", "multiprocessing")
DECLARATION = "tests/cases/PG002-unknown-key/paiguard.yaml"
VALID = "examples/conforming/paiguard.yaml"

_PROBE = """
import json, sys
from paiguard.cli import main
args = json.loads(sys.argv[1])
if args is not None:
    main(args)
heavy = json.loads(sys.argv[2])
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def imported(args: list[str] | None, watched: tuple[str, ...] = HEAVY) -> set[str]:
    """The `watched` modules (the heavy ones) loaded by `import paiguard.cli`, then
    `paiguard ARGS` if given."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(watched)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env=_env(),
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("FORCE_COLOR", None)  # a plain pipe, as in a pre-commit hook
    return env


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert imported(None) == set()


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "-h"]])
def test_help_and_version_load_no_heavy_library(args: list[str]) -> None:
    loaded = imported(args)
    assert "jinja2" not in loaded
    assert "rich" not in loaded
    if args != ["check", "-h"]:  # typer >= 0.29 coerces a command's options with pydantic
        assert loaded == set()


def test_checking_a_valid_declaration_into_a_pipe_loads_no_pydantic_rich_jinja_or_pool() -> None:
    imported(["packs"])  # fills the pack cache, as any earlier run has
    loaded = imported(["check", "--today", TODAY, VALID])
    # libyaml reads it (ruamel's C parser), paiguard.declaration builds it (not pydantic)
    assert "ruamel.yaml" in loaded
    assert not loaded & {"jinja2", "rich", "multiprocessing", "pydantic"}


def test_only_a_run_that_reads_a_revision_loads_the_git_reader() -> None:
    git_reader = ("paiguard.revisions", "paiguard.gitref", "paiguard.gitprocess")
    imported(["packs"])
    assert imported(["check", "--today", TODAY, VALID], git_reader) == set()
    assert imported(["check", "--today", TODAY, "--since", "HEAD", VALID], git_reader) == set(
        git_reader
    )


def test_a_model_no_pack_covers_is_told_so_from_the_cached_packs() -> None:
    case = "tests/cases/PG010-no-pack-covers-the-model"
    args = ["check", "--today", TODAY, f"{case}/paiguard.yaml", "--pack-path", "tests/cases/_packs"]
    imported(args)  # fills the pack cache, as any earlier run has
    assert "pydantic" not in imported(args)


def test_a_declaration_with_schema_problems_is_explained_by_the_pydantic_models() -> None:
    imported(["packs"])
    loaded = imported(["check", "--today", TODAY, DECLARATION])
    assert "pydantic" in loaded
    assert not loaded & {"jinja2", "rich", "multiprocessing"}


def test_listing_packs_from_the_cache_neither_parses_yaml_nor_validates() -> None:
    imported(["packs"])  # fills the cache
    assert not imported(["packs"]) & {"ruamel.yaml", "pydantic"}


@pytest.mark.parametrize("identifier", ["novel-risks.b3", "19", "incident-reporting.b1"])
def test_explaining_from_the_cache_neither_parses_yaml_nor_validates(identifier: str) -> None:
    imported(["packs"])  # fills the cache
    assert not imported(["explain", identifier]) & {"ruamel.yaml", "pydantic", "jinja2"}


_CROSSWALK_PROBE = """
import json, sys
opened = []
def hook(event, args):
    path = str(args[0]) if event in ("open", "os.listdir", "os.scandir") else ""
    if "/crosswalks/" in path + "/" or path.endswith(".tsv"):  # the folders and files
        opened.append(path)
sys.addaudithook(hook)
from paiguard.cli import main
code = main(json.loads(sys.argv[1]))
modules = sorted(m for m in sys.modules if m.startswith(("paiguard.crosswalk", "paiguard.tsvfile")))
print(json.dumps({"code": code, "modules": modules, "opened": opened}), file=sys.stderr)
"""


def crosswalk_reading(args: list[str]) -> dict[str, object]:
    """What `paiguard ARGS` did with crosswalks: crosswalk modules imported, files opened."""
    done = subprocess.run(
        [sys.executable, "-c", _CROSSWALK_PROBE, json.dumps(args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env=_env(),
    )
    result: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("declaration", [VALID, DECLARATION])
def test_checking_neither_imports_nor_reads_crosswalks(declaration: str) -> None:
    imported(["packs"])  # with the pack cache filled, as any earlier run has
    seen = crosswalk_reading(["check", "--today", TODAY, declaration])
    assert seen["modules"] == [] and seen["opened"] == []
    assert seen["code"] in (0, 1)
    # the probe sees them when a command does read crosswalks
    listed = crosswalk_reading(["crosswalks"])
    assert listed["code"] == 0
    assert "paiguard.crosswalks" in listed["modules"]  # type: ignore[operator]
    assert any(p.endswith("nist-ai-600-1.targets.tsv") for p in listed["opened"])  # type: ignore[attr-defined]
