"""`paiguard schema`: the JSON Schema validates what paiguard accepts and rejects what it rejects.

Declarations are validated with the `jsonschema` library (draft 2020-12, with format checks), the
way check-jsonschema or an editor would, against the schema that the real command prints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO, TODAY, run_paiguard
from paiguard.pack_registry import PackRegistry
from paiguard.yamlsource import parse

CASES = Path(__file__).parent / "schema"
PACK = "pai-frontier-restricted-api@1"

# fixture -> (the error against the generic schema, the error against the pack's schema),
# each as (JSON path of the offending instance, the keyword that rejected it), or None if valid
EXPECTED: dict[str, tuple[tuple[str, str] | None, tuple[str, str] | None]] = {
    "valid": (None, None),
    "bad-key": (
        ("$.practices['red-teaming.b1']", "additionalProperties"),
        ("$.practices['red-teaming.b1']", "additionalProperties"),
    ),
    "bad-status": (
        ("$.practices['novel-risks.b2'].status", "enum"),
        ("$.practices['novel-risks.b2'].status", "enum"),
    ),
    "bad-practice-id": (None, ("$.practices", "additionalProperties")),
    "bad-waiver-practice": (None, ("$.waivers[0].practice", "enum")),
    "bad-evidence-both": (
        ("$.practices['red-teaming.b1'].evidence[1]", "oneOf"),
        ("$.practices['red-teaming.b1'].evidence[1]", "oneOf"),
    ),
    "bad-date": (
        ("$.practices['red-teaming.b1'].reviewed", "anyOf"),
        ("$.practices['red-teaming.b1'].reviewed", "anyOf"),
    ),
}


def schema(*args: str) -> dict[str, Any]:
    run = run_paiguard("schema", *args)
    assert (run.code, run.err) == (0, "")
    loaded: dict[str, Any] = json.loads(run.out)
    return loaded


def validator(*args: str) -> Draft202012Validator:
    body = schema(*args)
    Draft202012Validator.check_schema(body)
    return Draft202012Validator(body, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(check: Draft202012Validator, path: Path) -> list[tuple[str, str]]:
    instance = parse(path.read_text(encoding="utf-8")).data
    found = check.iter_errors(instance)
    return sorted((e.json_path, str(e.validator)) for e in found)


def test_every_case_has_an_expectation() -> None:
    names = {p.name.removesuffix(".paiguard.yaml") for p in CASES.glob("*.paiguard.yaml")}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_generic_schema(name: str) -> None:
    expected = EXPECTED[name][0]
    got = errors(validator(), CASES / f"{name}.paiguard.yaml")
    assert got == ([expected] if expected else [])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pack_schema(name: str) -> None:
    expected = EXPECTED[name][1]
    got = errors(validator("--pack", PACK), CASES / f"{name}.paiguard.yaml")
    assert got == ([expected] if expected else [])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_generic_schema_agrees_with_pg002(name: str) -> None:
    """What the schema rejects, `paiguard check` reports as PG002, and only that."""
    run = run_paiguard("check", str(CASES / f"{name}.paiguard.yaml"), "--today", TODAY)
    assert ("PG002" in run.out) == (EXPECTED[name][0] is not None)


def test_pack_schema_lists_every_practice_with_its_guidance() -> None:
    body = schema("--pack", PACK)
    practices = body["properties"]["practices"]
    assert practices["additionalProperties"] is False
    assert len(practices["properties"]) == 119
    text = PackRegistry().require(PACK).practices["red-teaming.b1"].practice.text
    assert practices["properties"]["red-teaming.b1"] == {
        "title": "red-teaming.b1 (baseline)",
        "description": f"{text}\n\nGuideline 8, red-teaming: Undertake red-teaming and share "
        "findings (Pre-Deployment).\n\nScope: model (a significant model update calls it into "
        "question).",
        "$ref": "#/$defs/PracticeDeclaration",
    }
    assert body["$defs"]["Status"]["enum"] == [
        "implemented",
        "partial",
        "planned",
        "not-implemented",
        "not-applicable",
    ]
    assert body["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert body["$id"] == "urn:paiguard:schema:declaration:1:pai-frontier-restricted-api@1"


def test_every_object_is_closed() -> None:
    def objects(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, list):
            return [o for item in node for o in objects(item)]
        if not isinstance(node, dict):
            return []
        own = [node] if "properties" in node else []
        return own + [o for value in node.values() for o in objects(value)]

    for args in ((), ("--pack", PACK)):
        found = objects(schema(*args))
        assert len(found) >= 7
        assert all(o["additionalProperties"] is not True for o in found)
        assert all("additionalProperties" in o for o in found)


EXAMPLES = sorted(REPO.glob("examples/*/*paiguard.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_examples_validate(path: Path) -> None:
    instance = parse(path.read_text(encoding="utf-8")).data
    ref = instance.get("pack") or PACK
    packs = path.parent / "packs"  # an example with its own packs keeps them there
    args = ["--pack-path", str(packs)] if packs.is_dir() else []
    check = validator("--pack", ref, *args)
    assert sorted(e.json_path for e in check.iter_errors(instance)) == []


def test_schema_to_a_file_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "paiguard.schema.json"
    assert run_paiguard("schema", "-o", str(target)).code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "paiguard declaration"
    run = run_paiguard("schema", "--pack", PACK, "-o", str(target))
    assert (run.code, run.out) == (2, "")
    assert run.err == f"paiguard: error: {target}: file exists; use --force to replace it\n"
    assert run_paiguard("schema", "--pack", PACK, "-o", str(target), "--force").code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$id"].endswith(PACK)


def test_unknown_pack_is_exit_2() -> None:
    run = run_paiguard("schema", "--pack", "pai-frontier")
    assert (run.code, run.out) == (2, "")
    assert (
        run.err
        == "paiguard: error: no pack pai-frontier; did you mean pai-frontier-restricted-api?\n"
    )
