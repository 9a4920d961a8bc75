"""The declaration reference page, generated from the pydantic models in `declaration_model.py`.

Every field gets its type, whether it is required, its description and an example; the
example is validated against the field, and a field without one stops the generator, so a new
field can never go undocumented and an example can never contradict the model.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from ruamel.yaml import YAML

from docgen.declaration_text import (
    CHECKED_BY,
    CLOSING,
    EXAMPLES,
    INTRO,
    KEY_NAMES,
    RULES,
    SECTION_TITLES,
    STATUS_MEANINGS,
)
from docgen.mdtext import code, prose
from paiguard.declaration_model import Declaration
from paiguard.vocabulary import Status


class UndocumentedError(Exception):
    """A field or value of the declaration models has no text in declaration_text.py."""


def render(root: type[BaseModel] = Declaration) -> str:
    """The Markdown reference of the declaration format rooted at `root`."""
    sections = list(_sections(root, ""))
    schema = root.model_json_schema()
    # Where each nested model is described, so a field's type can link to its section.
    schema["x-paths"] = {model.__name__: path for path, model in sections}
    lines = [
        "<!-- Generated from src/paiguard/declaration_model.py by docs/gen_docs.py: do not edit; "
        "change the models or docs/docgen/declaration_text.py and run "
        "`python docs/gen_docs.py`. -->",
        "",
        INTRO.rstrip("\n"),
    ]
    for path, model in sections:
        lines += _section(path, model, schema)
    lines += ["", CLOSING.rstrip("\n")]
    return "\n".join(lines) + "\n"


def _sections(model: type[BaseModel], path: str) -> Iterator[tuple[str, type[BaseModel]]]:
    """(YAML path, model) for `model` and every model nested in it, depth first."""
    yield path, model
    for name, info in model.model_fields.items():
        nested, shape = _nested_model(info.annotation)
        if nested is not None:
            child = f"{path}.{name}" if path else name
            if shape == "list":
                child += "[]"
            elif shape == "dict":
                child += f".<{KEY_NAMES.get(name, 'key')}>"
            yield from _sections(nested, child)


def _nested_model(annotation: Any) -> tuple[type[BaseModel] | None, str]:
    """The model class inside an annotation, and how it is held: 'one', 'list' or 'dict'."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, "one"
    args = typing.get_args(annotation)
    if origin is list and args:
        found, _ = _nested_model(args[0])
        return found, "list"
    if origin is dict and len(args) == 2:
        found, _ = _nested_model(args[1])
        return found, "dict"
    for arg in args:  # X | None, Annotated[X, ...]
        found, shape = _nested_model(arg)
        if found is not None:
            return found, shape
    return None, "one"


def anchor(path: str) -> str:
    """The HTML id of a section: the YAML path in lower case, dots and brackets as dashes."""
    if not path:
        return "top-level"
    kept = "".join(c if c.isalnum() else "-" for c in path.lower())
    return "-".join(part for part in kept.split("-") if part)


def _section(path: str, model: type[BaseModel], schema: dict[str, Any]) -> list[str]:
    title = SECTION_TITLES.get(path)
    if title is None:
        raise UndocumentedError(f"section {path or '(top level)'}: no title in SECTION_TITLES")
    heading = f"`{path}`: {title}" if path else title
    own = schema if not path else schema["$defs"][model.__name__]
    lines = ["", f"## {heading} {{ #{anchor(path)} }}", "", prose(model.__doc__ or "")]
    lines += ["", "| key | type | required | meaning | example |", "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        lines.append(_row(path, name, info, own["properties"][name], schema))
    rules = RULES.get(model.__name__)
    if rules:
        lines += ["", rules.rstrip("\n")]
    if any(_enum_of(info.annotation) is Status for info in model.model_fields.values()):
        lines += _status_table()
    return lines


def _row(
    path: str, name: str, info: FieldInfo, prop: dict[str, Any], schema: dict[str, Any]
) -> str:
    where = f"{path}.{name}" if path else name
    example = EXAMPLES.get(where)
    if example is None:
        raise UndocumentedError(f"field {where}: no example in EXAMPLES")
    _validate_example(where, name, example, info)
    if where in CHECKED_BY:
        required = CHECKED_BY[where]
    elif info.is_required():
        required = "yes"
    elif info.default_factory is not None:
        required = "no (default: empty)"
    elif info.default is None:
        required = "no"
    else:
        required = f"no (default: {code(_yaml_scalar(info.default))})"
    meaning = prose(info.description or _model_doc(info.annotation))
    if not meaning:
        raise UndocumentedError(f"field {where}: no description")
    cells = [code(name), _type(prop, schema, where), required, meaning, code(example)]
    return "| " + " | ".join(cells) + " |"


def _validate_example(where: str, name: str, example: str, info: FieldInfo) -> None:
    data = YAML(typ="safe", pure=True).load(example)
    if not isinstance(data, dict) or list(data) != [name]:
        raise UndocumentedError(f"field {where}: the example must be '{name}: ...'")
    annotation: Any = (
        typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    )
    try:
        TypeAdapter(annotation).validate_python(data[name])
    except ValidationError as exc:
        raise UndocumentedError(f"field {where}: the example is invalid: {exc}") from None


def _type(prop: dict[str, Any], schema: dict[str, Any], where: str) -> str:
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    if len(options) != 1:
        raise UndocumentedError(f"field {where}: cannot describe a union type")
    return _describe(options[0], schema, where)


def _describe(prop: dict[str, Any], schema: dict[str, Any], where: str) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        target = schema["$defs"][name]
        if "enum" in target:
            return "one of " + ", ".join(code(str(v)) for v in target["enum"])
        return f"mapping, see [below](#{anchor(schema['x-paths'][name])})"
    if "const" in prop:
        return f"the number {code(str(prop['const']))}"
    kind = prop.get("type")
    if kind == "array":
        return "list of " + _describe(prop["items"], schema, where)
    if kind == "object":
        key = KEY_NAMES.get(where.rsplit(".", 1)[-1], "key")
        return f"mapping of {key} to " + _describe(prop["additionalProperties"], schema, where)
    if kind == "string" and prop.get("format") == "date":
        return "date `YYYY-MM-DD`"
    if kind == "string" and "pattern" in prop:
        return f"text matching {code(prop['pattern'])}"
    simple = {"string": "text", "boolean": "`true` or `false`", "integer": "whole number"}
    if kind in simple:
        return simple[kind]
    raise UndocumentedError(f"field {where}: cannot describe type {prop}")


def _enum_of(annotation: Any) -> Any:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, Status):
            return arg
    return None


def _status_table() -> list[str]:
    lines = ["", "| status | meaning |", "|---|---|"]
    for status in Status:
        meaning = STATUS_MEANINGS.get(status.value)
        if meaning is None:
            raise UndocumentedError(f"status {status.value}: no meaning in STATUS_MEANINGS")
        lines.append(f"| {code(status.value)} | {meaning} |")
    return lines


def _model_doc(annotation: Any) -> str:
    found, _ = _nested_model(annotation)
    return (found.__doc__ or "") if found else ""


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
