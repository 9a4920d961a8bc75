"""`paiguard init`: a scaffold that lists every practice with its guidance and checks clean of
schema problems, written atomically and never over an existing file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import TODAY, run_paiguard
from paiguard.packs import PackRegistry
from paiguard.yamlsource import parse

CASES = Path(__file__).parent / "init"
SHIPPED = "pai-frontier-restricted-api@1"


def test_tiny_pack_scaffold_exact_bytes() -> None:
    run = run_paiguard(
        "init",
        "--pack-path",
        str(CASES / "packs"),
        "--model-type",
        "general-purpose",
        "--release-type",
        "open",
        "-o",
        "-",
    )
    assert (run.code, run.err) == (0, "")
    assert run.out == (CASES / "tiny-open.expected.yaml").read_text(encoding="utf-8")


def test_default_writes_paiguard_yaml_that_has_only_gaps(tmp_path: Path) -> None:
    run = run_paiguard("init", cwd=tmp_path)
    assert (run.code, run.out) == (0, "")
    assert run.err == f"paiguard: wrote paiguard.yaml (119 practices of {SHIPPED})\n"
    checked = run_paiguard("check", "--today", TODAY, "--format", "json", cwd=tmp_path)
    assert checked.code == 1
    findings = json.loads(checked.out)["files"][0]["findings"]
    assert {f["code"] for f in findings} == {"PG102", "PG103"}
    assert len(findings) == 119


def test_scaffold_lists_every_practice_under_its_guidance() -> None:
    text = run_paiguard("init", "--pack", SHIPPED, "-o", "-").out
    pack = PackRegistry().require(SHIPPED)
    data = parse(text).data
    assert data["pack"] == SHIPPED
    assert list(data["practices"]) == list(pack.practices)
    assert all(entry == {"status": "planned"} for entry in data["practices"].values())
    blocks = re.findall(r"((?:  # .*\n)+)  ([a-z0-9.-]+):\n", text)
    comments = {pid: block for block, pid in blocks}
    for pid, ref in pack.practices.items():
        unwrapped = " ".join(line.removeprefix("  # ") for line in comments[pid].splitlines())
        said = " ".join(unwrapped.split())
        assert said == " ".join(f"{pid} ({ref.practice.level.value}): {ref.practice.text}".split())
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.count("  # " + "=" * 96 + "\n") == 2 * len(pack.stages)


def test_scaffold_matches_the_schema_named_on_its_modeline(tmp_path: Path) -> None:
    assert run_paiguard("init", cwd=tmp_path).code == 0
    text = (tmp_path / "paiguard.yaml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=paiguard.schema.json"
    command = re.search(r"^#   paiguard (schema .*)$", text, re.MULTILINE)
    assert command is not None
    assert run_paiguard(*command.group(1).split(), cwd=tmp_path).code == 0
    schema = json.loads((tmp_path / "paiguard.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(parse(text).data)) == []


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "paiguard.yaml"
    target.write_text("mine\n", encoding="utf-8")
    run = run_paiguard("init", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == "paiguard: error: paiguard.yaml: file exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run_paiguard("init", "--force", cwd=tmp_path).code == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paiguard.yaml"]


def test_output_file_and_schema_option(tmp_path: Path) -> None:
    args = ("init", "-o", "models/nimbus.paiguard.yaml", "--schema", "../paiguard.schema.json")
    (tmp_path / "models").mkdir()
    assert run_paiguard(*args, cwd=tmp_path).code == 0
    text = (tmp_path / "models" / "nimbus.paiguard.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../paiguard.schema.json\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--model-type", "frontier"), "--model-type and --release-type go together"),
        (
            ("--pack", SHIPPED, "--release-type", "open"),
            "give --pack or --model-type with --release-type, not both",
        ),
        (
            ("--pack", "pai-frontier-restricted-api@2"),
            "no pack pai-frontier-restricted-api@2; did you mean pai-frontier-restricted-api@1?",
        ),
        (
            ("--pack-path", str(CASES / "packs")),
            "choose a pack with --pack; packs there are: pai-frontier-restricted-api@1 "
            "(frontier x restricted-api), tiny-open@2 (general-purpose x open)",
        ),
        (
            ("--model-type", "frontier", "--release-type", "opne"),
            "Invalid value for '--release-type': 'opne' is not one of "
            "'restricted-api', 'open', 'closed'.",
        ),
    ],
)
def test_bad_choices_are_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    run = run_paiguard("init", *args, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (2, "", f"paiguard: error: {message}\n")
    assert list(tmp_path.iterdir()) == []
