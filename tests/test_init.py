"""`paiguard init`: a scaffold that lists every practice with its guidance and checks clean of
schema problems, written atomically and never over an existing file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO, TODAY, run_paiguard
from paiguard.pack_registry import PackRegistry
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
    assert run.code == 0
    assert run.err.startswith("next steps:\n")
    assert run.out == (CASES / "tiny-open.expected.yaml").read_text(encoding="utf-8")


def test_default_writes_paiguard_yaml_that_has_only_gaps(tmp_path: Path) -> None:
    run = run_paiguard("init", cwd=tmp_path)
    assert (run.code, run.out) == (0, "")
    assert run.err.startswith(f"paiguard: wrote paiguard.yaml (119 practices of {SHIPPED})\n")
    checked = run_paiguard("check", "--today", TODAY, "--format", "json", cwd=tmp_path)
    assert checked.code == 1
    findings = json.loads(checked.out)["files"][0]["findings"]
    # gaps, the names left to fill in (PG108) and the sign-off still to come (PG501)
    assert {f["code"] for f in findings} == {"PG102", "PG103", "PG108", "PG501"}
    assert len(findings) == 119 + 3 + 1


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


def test_scaffold_matches_the_schema_init_writes_and_names_on_its_modeline(
    tmp_path: Path,
) -> None:
    run = run_paiguard("init", "--schema", "paiguard.schema.json", cwd=tmp_path)
    assert (run.code, run.out) == (0, "")
    text = (tmp_path / "paiguard.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=paiguard.schema.json"
    written = (tmp_path / "paiguard.schema.json").read_text(encoding="utf-8")
    assert written == run_paiguard("schema", "--pack", SHIPPED).out
    schema = json.loads(written)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(parse(text).data)) == []
    command = re.search(r"^#   paiguard (schema .*)$", text, re.MULTILINE)
    assert command is not None
    assert command.group(1) == f"schema --pack {SHIPPED} -o paiguard.schema.json --force"


def test_without_schema_no_modeline_names_a_file_that_does_not_exist(tmp_path: Path) -> None:
    assert run_paiguard("init", cwd=tmp_path).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paiguard.yaml"]
    text = (tmp_path / "paiguard.yaml").read_text(encoding="utf-8")
    assert "yaml-language-server" not in text.splitlines()[0]
    assert "$schema=" not in "".join(line for line in text.splitlines() if line.startswith("# y"))
    assert f"#   paiguard schema --pack {SHIPPED} -o paiguard.schema.json\n" in text
    assert "#   # yaml-language-server: $schema=paiguard.schema.json\n" in text


def test_init_says_what_to_do_next_on_stderr(tmp_path: Path) -> None:
    run = run_paiguard("init", cwd=tmp_path)
    assert (run.code, run.out) == (0, "")
    assert run.err == (
        f"paiguard: wrote paiguard.yaml (119 practices of {SHIPPED})\n"
        "next steps:\n"
        "  1. fill in provider: and model: in paiguard.yaml\n"
        "  2. run `paiguard check paiguard.yaml`; set each practice's status, with evidence, "
        "until it passes\n"
        f"  3. for completion and hover in your editor: `paiguard schema --pack {SHIPPED} "
        "-o paiguard.schema.json`, then make `# yaml-language-server: "
        "$schema=paiguard.schema.json` the first line of paiguard.yaml "
        "(`paiguard init --schema FILE` does both)\n"
    )


def test_a_scaffold_on_stdout_stays_clean(tmp_path: Path) -> None:
    run = run_paiguard("init", "-o", "-", "--schema", "paiguard.schema.json", cwd=tmp_path)
    assert run.code == 0
    assert run.out.startswith("# yaml-language-server: $schema=paiguard.schema.json\n")
    assert parse(run.out).data["pack"] == SHIPPED
    assert run.err == (
        f"paiguard: wrote paiguard.schema.json (the JSON Schema of {SHIPPED})\n"
        "next steps:\n"
        "  1. save the scaffold as paiguard.yaml (or NAME.paiguard.yaml) and fill in provider: "
        "and model:\n"
        "  2. run `paiguard check`; set each practice's status, with evidence, until it passes\n"
        "  3. your editor completes practice ids and shows their guidance from "
        "paiguard.schema.json, named on the first line\n"
    )


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "paiguard.yaml"
    target.write_text("mine\n", encoding="utf-8")
    run = run_paiguard("init", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == "paiguard: error: paiguard.yaml: file exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run_paiguard("init", "--force", cwd=tmp_path).code == 0
    assert target.read_text(encoding="utf-8").startswith("# paiguard declaration for ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paiguard.yaml"]


@pytest.mark.parametrize(
    ("output", "made", "message"),
    [
        (
            "missing/paiguard.yaml",
            [],
            "missing/paiguard.yaml: cannot write: No such file or directory",
        ),
        ("folder", ["folder"], "folder: is a folder, not a file"),
    ],
)
def test_a_declaration_it_cannot_write_leaves_no_schema_behind(
    tmp_path: Path, output: str, made: list[str], message: str
) -> None:
    for name in made:
        (tmp_path / name).mkdir()
    run = run_paiguard("init", "-o", output, "--schema", "s.json", "--force", cwd=tmp_path)
    assert (run.code, run.out, run.err) == (2, "", f"paiguard: error: {message}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == made


def test_the_config_of_the_declarations_folder_names_its_packs(tmp_path: Path) -> None:
    """As `check` finds it: the `.paiguard.toml` at or above the folder the declaration goes in."""
    shutil.copytree(REPO / "examples" / "org-pack", tmp_path / "org")
    args = ("init", "-o", "org/new.paiguard.yaml", "--pack", "acme-frontier-api@1")
    run = run_paiguard(*args, cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.err.startswith(
        "paiguard: wrote org/new.paiguard.yaml (121 practices of acme-frontier-api@1)\n"
    )
    assert run_paiguard("check", "org/new.paiguard.yaml", cwd=tmp_path).code == 1  # gaps only


def test_never_overwrites_another_schema_without_force(tmp_path: Path) -> None:
    schema = tmp_path / "paiguard.schema.json"
    schema.write_text("{}\n", encoding="utf-8")
    run = run_paiguard("init", "--schema", "paiguard.schema.json", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "paiguard: error: paiguard.schema.json: file exists; use --force to replace it\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paiguard.schema.json"]
    assert schema.read_text(encoding="utf-8") == "{}\n"
    assert (
        run_paiguard("init", "--schema", "paiguard.schema.json", "--force", cwd=tmp_path).code == 0
    )
    assert schema.read_text(encoding="utf-8") == run_paiguard("schema", "--pack", SHIPPED).out


def test_an_identical_schema_is_named_without_force(tmp_path: Path) -> None:
    """A schema shared by the declarations of a repository: the same bytes are not a clobber."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "models").mkdir()
    shared = tmp_path / "schemas" / "paiguard.schema.json"
    shared.write_text(run_paiguard("schema", "--pack", SHIPPED).out, encoding="utf-8")
    args = ("init", "-o", "models/nimbus.paiguard.yaml", "--schema", "schemas/paiguard.schema.json")
    run = run_paiguard(*args, cwd=tmp_path)
    assert run.code == 0
    assert "wrote schemas/paiguard.schema.json" not in run.err
    text = (tmp_path / "models" / "nimbus.paiguard.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/paiguard.schema.json\n")
    assert "#   paiguard schema --pack " + SHIPPED + " -o ../schemas/paiguard.schema.json" in text


def test_a_schema_url_is_named_and_nothing_else_is_written(tmp_path: Path) -> None:
    url = "https://example.org/schemas/paiguard.schema.json"
    assert run_paiguard("init", "--schema", url, cwd=tmp_path).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paiguard.yaml"]
    text = (tmp_path / "paiguard.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={url}\n")


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


def test_the_optional_fields_the_scaffold_comments_out_are_valid_when_uncommented(
    tmp_path: Path,
) -> None:
    """`surfaces`, `attestation` and the example practice, uncommented as a user would, are
    plain declaration fields: no schema problem (PG002)."""
    run = run_paiguard("init", "-o", "-", cwd=tmp_path)
    lines = run.out.splitlines()
    uncomment = {
        "  # surfaces: [api, console]",
        '# attestation: {by: "Name, role", date: 2026-11-30}',
    }
    assert uncomment <= set(lines)
    text = "\n".join(line.replace("# ", "", 1) if line in uncomment else line for line in lines)
    start = next(i for i, line in enumerate(lines) if line.endswith("example:")) + 1
    end = lines.index("paiguard: 1")
    example = [line[2:] for line in lines[start:end]]
    text = text.replace("\npractices:\n", "\npractices:\n" + "\n".join(example) + "\n", 1)
    text = text.replace("  red-teaming.b1:\n    status: planned\n", "", 1)  # the example's own
    (tmp_path / "paiguard.yaml").write_text(text + "\n", encoding="utf-8")
    checked = run_paiguard("check", "--today", TODAY, "--format", "json", cwd=tmp_path)
    findings = json.loads(checked.out)["files"][0]["findings"]
    assert not [f for f in findings if f["code"] in ("PG001", "PG002")]
    assert "PG501" not in {f["code"] for f in findings}  # the attestation is there now
