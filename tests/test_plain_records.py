"""The records a run works with are built without pydantic, and agree with the pydantic models.

`paiguard.declaration.build` and `paiguard.config.build` accept only what is plainly valid and
leave the rest to the models of `declaration_model` and `config_model`. These tests hold them
to one rule on every fixture of the repository and on generated and mutated input: when the
plain builder answers, the models accept the same data and make the same record of it; when the
models refuse, the builder does too. And the fast path is really taken for valid declarations.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from pydantic import BaseModel, ValidationError
from tests.conftest import REPO, benchmark_generator, bounded

from paiguard import config, declaration, packs
from paiguard.config_model import ConfigModel, LimitsConfig
from paiguard.declaration_model import (
    Declaration,
    Evidence,
    ModelInfo,
    ModelUpdate,
    PracticeDeclaration,
    Provider,
    Waiver,
)
from paiguard.pack_model import AppliesTo, Guideline, PackModel, Practice, Source, Stage
from paiguard.schema_export import declaration_schema
from paiguard.yamlsource import YamlProblem, decode, parse

FIXTURES = sorted(
    path
    for folder in ("examples", "tests")
    for path in (REPO / folder).rglob("*")
    if path.suffix in (".yaml", ".yml") and path.is_file() and ".venv" not in path.parts
)


def _data(path: Path) -> Any:
    try:
        return parse(decode(path.read_bytes())).data
    except YamlProblem:
        return None


def _agree(data: Any) -> declaration.Declaration | None:
    """What the builder makes of `data`, after asserting the models agree with it."""
    built = declaration.build(data)
    try:
        model = Declaration.model_validate(data)
    except ValidationError:
        assert built is None, "the builder accepted what the models refuse"
        return None
    # repr, not ==: True == 1 in Python, and a record must hold the very types the models make
    assert built is None or repr(built) == repr(declaration.from_model(model))
    return built


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(REPO)))
def test_builder_and_models_agree_on_every_fixture(path: Path) -> None:
    data = _data(path)
    if isinstance(data, dict):
        _agree(data)


@pytest.mark.parametrize(
    "path",
    [p for p in FIXTURES if p.parent.name in ("conforming", "halfway") or "ok-" in str(p)],
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_valid_fixtures_take_the_fast_path(path: Path) -> None:
    data = _data(path)
    try:
        Declaration.model_validate(data)
    except ValidationError:
        pytest.skip("not a valid declaration (a pack or a schema-problem case)")
    assert _agree(data) is not None


def test_generated_benchmark_declarations_take_the_fast_path(tmp_path: Path) -> None:
    for path in benchmark_generator().generate(tmp_path, 5):
        assert _agree(_data(path)) is not None


@pytest.mark.parametrize(
    ("record", "model"),
    [
        (declaration.Declaration, Declaration),
        (declaration.Provider, Provider),
        (declaration.ModelInfo, ModelInfo),
        (declaration.ModelUpdate, ModelUpdate),
        (declaration.PracticeDeclaration, PracticeDeclaration),
        (declaration.Evidence, Evidence),
        (declaration.Waiver, Waiver),
        (packs.Pack, PackModel),
        (packs.Source, Source),
        (packs.AppliesTo, AppliesTo),
        (packs.Stage, Stage),
        (packs.Guideline, Guideline),
        (packs.Practice, Practice),
    ],
)
def test_records_have_the_fields_of_their_models_in_order(
    record: type, model: type[BaseModel]
) -> None:
    names = (
        [f.name for f in dataclasses.fields(record) if f.init and f.name != "extends"]
        if dataclasses.is_dataclass(record)
        else list(record._fields)
    )
    assert names == list(model.model_fields)


def test_the_config_record_has_the_fields_of_its_model() -> None:
    names = [f.name for f in dataclasses.fields(config.Config)]
    assert names == [*ConfigModel.model_fields, "source"]
    assert list(config._LIMIT_KEYS) == list(LimitsConfig.model_fields)


MINIMAL = {
    "paiguard": 1,
    "provider": {"name": "Example Labs"},
    "model": {
        "name": "Nimbus",
        "version": "1.0",
        "model_type": "frontier",
        "release_type": "restricted-api",
        "updates": [{"date": "2026-03-01", "description": "tools"}],
    },
}


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("model", "updates", 0, "significant"), "yes"),
        (("model", "updates", 0, "significant"), 1),
        (("model", "updates", 0, "significant"), "true"),
        (("paiguard",), "1"),
        (("paiguard",), True),
        (("paiguard",), 1.0),
    ],
)
def test_values_the_models_coerce_are_left_to_them(where: tuple[Any, ...], value: Any) -> None:
    data: Any = copy.deepcopy(MINIMAL)
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = value
    assert declaration.build(data) is None
    _agree(data)


# --- generated and mutated declarations --------------------------------------------------------

WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.floats(allow_nan=False),
    st.sampled_from(["", "yes", "on", "1", "2026-02-30", "2026-1-1", "x" * 64, "a" * 64, "ab@1"]),
    st.just([]),
    st.just({}),
    st.just(dt.date(2026, 1, 1)),
)


def from_model_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Data valid under a model's JSON Schema: a field added to a model is generated without
    being listed here again. (hypothesis-jsonschema resolves `$defs` against the schema's own
    `$id`, and a `urn:` id breaks that, so the id is left out.)"""
    return from_schema({key: value for key, value in schema.items() if key != "$id"})


DECLARATIONS = from_model_schema(declaration_schema())


def _containers(value: Any) -> list[dict[str, Any] | list[Any]]:
    found: list[dict[str, Any] | list[Any]] = []
    if isinstance(value, dict | list):
        found.append(value)
        for item in value.values() if isinstance(value, dict) else value:
            found += _containers(item)
    return found


@st.composite
def mutated_declarations(draw: st.DrawFn) -> dict[str, Any]:
    """A declaration valid under the schema with one place anywhere in it broken: a key
    dropped, added or retyped, or a list item replaced."""
    data = copy.deepcopy(draw(DECLARATIONS))
    target = draw(st.sampled_from(_containers(data)))
    if isinstance(target, list):
        if target:
            target[draw(st.integers(0, len(target) - 1))] = draw(WRONG)
        return data
    how = draw(st.sampled_from(["drop", "retype", "unknown"]))
    if how == "unknown" or not target:
        target[draw(st.sampled_from(["extra", "urls", "statu"]))] = draw(WRONG)
    elif how == "drop":
        del target[draw(st.sampled_from(sorted(target)))]
    else:
        target[draw(st.sampled_from(sorted(target)))] = draw(WRONG)
    return data


PROPERTY = bounded(120)


def _valid(data: Any) -> bool:
    try:
        Declaration.model_validate(data)
    except ValidationError:
        return False
    return True


@PROPERTY
@given(DECLARATIONS)
def test_declarations_from_the_schema_are_built_as_the_models_build_them(data: Any) -> None:
    """Every declaration the models accept, as plain YAML data, takes the fast path."""
    assume(_valid(data))
    assert _agree(data) is not None


@PROPERTY
@given(mutated_declarations())
def test_broken_declarations_are_left_to_the_models(data: Any) -> None:
    _agree(data)


# --- config ------------------------------------------------------------------------------------


@st.composite
def config_tables(draw: st.DrawFn) -> dict[str, Any]:
    """A `[tool.paiguard]` table from the config model's schema, sometimes with one key made
    wrong or unknown."""
    table = copy.deepcopy(draw(from_model_schema(ConfigModel.model_json_schema())))
    if draw(st.booleans()):
        table[draw(st.sampled_from([*ConfigModel.model_fields, "extra"]))] = draw(WRONG)
    return table


@bounded(120)
@given(config_tables())
def test_config_builder_and_models_agree(table: dict[str, Any]) -> None:
    built = config.build(table)
    try:
        model = ConfigModel.model_validate(table)
    except ValidationError:
        assert built is None
        return
    # a value the models coerce (strict: 0) is left to them; a plain one is built the same way
    assert built is None or repr(built) == repr(config.build(model.model_dump()))


@pytest.mark.parametrize(
    "table",
    [
        {},
        {"review_age_days": 30, "fail_on": "warning", "strict": True},
        {"include": ["decls/*.yaml"], "exclude": ["old/*"], "pack_path": ["packs"]},
        {"severity": {"PG103": "off", "PG301": "error"}},
        {"limits": {"max_depth": 100, "max_file_bytes": 4 * 1024 * 1024}},
    ],
)
def test_plainly_valid_configs_take_the_fast_path(table: dict[str, Any]) -> None:
    built = config.build(table)
    assert built is not None
    assert built == config.build(ConfigModel.model_validate(table).model_dump())
