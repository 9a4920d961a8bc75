"""The declaration's JSON Schema (draft 2020-12) from its pydantic models, optionally for one pack.

With a pack, every practice id becomes a known property of `practices` whose description is the
guidance text, so an editor running yaml-language-server completes ids and shows the guidance on
hover. Checked with yaml-language-server 2.0: a practice's `title` and `description` sit next to
its `$ref` (allowed since draft 2019-09); behind an `allOf`, the hover showed the referenced
definition's description instead of the guidance.
"""

from __future__ import annotations

import json
from typing import Any

from paiguard.declaration_model import Declaration
from paiguard.packs import Guideline, Pack, PracticeRef
from paiguard.vocabulary import PRACTICE_ID, anchored

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:paiguard:schema:declaration:1"
_PRACTICE_ID = anchored(PRACTICE_ID)


def schema_json(pack: Pack | None = None) -> str:
    """The schema as `paiguard schema` prints it and `paiguard init --schema` writes it."""
    return json.dumps(declaration_schema(pack), indent=2, ensure_ascii=False) + "\n"


def declaration_schema(pack: Pack | None = None) -> dict[str, Any]:
    """The JSON Schema of a declaration; with `pack`, one that knows its practices."""
    body = Declaration.model_json_schema()
    _tidy(body)
    defs: dict[str, Any] = body.pop("$defs")
    props = body["properties"]
    props["practices"]["propertyNames"] = {"pattern": _PRACTICE_ID}
    defs["Waiver"]["properties"]["practice"]["pattern"] = _PRACTICE_ID
    defs["Evidence"]["oneOf"] = [{"required": ["url"]}, {"required": ["path"]}]
    head: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "paiguard declaration",
        "description": body.pop("description"),
    }
    if pack is not None:
        head["$id"] = f"{SCHEMA_ID}:{pack.ref}"
        head["title"] = f"paiguard declaration for {pack.ref}"
        head["description"] += f" Rule pack: {pack.title} ({pack.ref}, version {pack.version})."
        _bind_pack(props, defs, pack)
    body.pop("title", None)
    return {**head, **body, "$defs": defs}


def _bind_pack(props: dict[str, Any], defs: dict[str, Any], pack: Pack) -> None:
    """Narrow the generic schema to one pack: its ref, its types, its practice ids."""
    props["pack"] = {
        "description": f"The rule pack: {pack.ref} (or leave it out).",
        "enum": [pack.ref, None],
    }
    model = defs["ModelInfo"]["properties"]
    model["model_type"] = _described_const(model["model_type"], pack.applies_to.model_type)
    model["release_type"] = _described_const(model["release_type"], pack.applies_to.release_type)
    practices = props["practices"]
    practices.pop("propertyNames", None)
    entry = practices["additionalProperties"]
    practices["properties"] = {
        pid: {"title": practice_title(ref), "description": practice_description(pack, ref), **entry}
        for pid, ref in pack.practices.items()
    }
    practices["additionalProperties"] = False
    waiver = defs["Waiver"]["properties"]["practice"]
    waiver.pop("pattern", None)
    waiver["enum"] = list(pack.practices)


def _described_const(field: dict[str, Any], value: str) -> dict[str, Any]:
    return {"description": field.get("description", ""), "const": value}


def practice_title(ref: PracticeRef) -> str:
    """`red-teaming.b1 (baseline)`: the heading of a practice's hover."""
    level = ref.practice.level.value
    if ref.practice.effective_from is not None:
        level += f" from {ref.practice.effective_from}"
    return f"{ref.practice.id} ({level})"


def practice_description(pack: Pack, ref: PracticeRef) -> str:
    """The guidance text (one paragraph per line of it), the sentence it continues and the
    guidelines it cites, then its guideline and stage, and its scope."""
    practice, guideline = ref.practice, ref.guideline
    parts = [line.strip() for line in practice.text.strip().splitlines()]
    context = pack.practices.get(practice.leans_on) if practice.leans_on else None
    if context is not None:
        parts.append(f"Continues {context.practice.id}: {' '.join(context.practice.text.split())}")
    parts += [f"“{phrase}” means guideline {_named(cited)}." for phrase, cited in pack.cited(ref)]
    parts.append(f"Guideline {_named(guideline)} ({ref.stage.title}).")
    parts.append(f"Scope: {practice.scope.value} ({practice.scope.meaning}).")
    return "\n\n".join(parts)


def _named(guideline: Guideline) -> str:
    """`8, red-teaming: Undertake red-teaming and share findings` (no number: the id only)."""
    number = f"{guideline.number}, " if guideline.number is not None else ""
    return f"{number}{guideline.id}: {guideline.title}"


def _tidy(node: Any) -> None:
    """Drop pydantic's per-field titles ("Approved By"), which editors show as noise, and
    close every object: unknown keys are errors in a declaration."""
    if isinstance(node, list):
        for item in node:
            _tidy(item)
        return
    if not isinstance(node, dict):
        return
    properties = node.get("properties")
    if isinstance(properties, dict):
        node.setdefault("additionalProperties", False)
        for field in properties.values():
            if isinstance(field, dict):
                field.pop("title", None)
    for value in node.values():
        _tidy(value)
