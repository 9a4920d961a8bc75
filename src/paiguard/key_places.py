"""Which keys a format allows where: the did-you-mean of an unknown key (PG002, broken packs).

The places and their keys are read off the pydantic models by walking their fields, so a field
added to a model is suggested where it belongs without being listed anywhere else. A suggestion
is a key allowed at the place of the mistake; a key that belongs somewhere else is named with
that place ("'release_type' belongs under 'model:'").
"""

from __future__ import annotations

import difflib
import functools
import types
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from paiguard.yamlsource import YamlPath

Roots = tuple[type[BaseModel], ...]
Place = tuple[str, ...]  # the keys a user writes to get there; "<id>" for a mapping's own keys

# difflib's default for a key of the same place; a key of another place is a bigger leap, so it
# must be closer ('release' -> 'release_type' is 0.74; 'section' -> 'description' is 0.67).
_HERE_CUTOFF = 0.6
_ELSEWHERE_CUTOFF = 0.7


def suggestion(roots: Roots, parent: YamlPath, key: str) -> str:
    """ "; did you mean 'x'?", "; 'x' belongs under 'y:'", or "" for an unknown `key` found in
    the mapping at `parent` of a document validated against `roots`."""
    here = _keys_at(roots, parent)
    elsewhere = {name: at for name, at in _places(roots).items() if name not in here}
    if key in elsewhere:
        return f"; '{key}' belongs {_where(elsewhere[key])}"
    close = difflib.get_close_matches(key, sorted(here - {key}), n=1, cutoff=_HERE_CUTOFF)
    if close:
        return f"; did you mean '{close[0]}'?"
    close = difflib.get_close_matches(key, sorted(elsewhere), n=1, cutoff=_ELSEWHERE_CUTOFF)
    if close:
        return f"; did you mean '{close[0]}', which belongs {_where(elsewhere[close[0]])}?"
    return ""


def _keys_at(roots: Roots, parent: YamlPath) -> set[str]:
    """The keys the models allow in the mapping at `parent` (a pydantic error location)."""
    kinds: list[Any] = list(roots)
    for part in parent:
        deeper = [inner for kind in kinds for inner in _step(kind, part)]
        if deeper:  # else a segment pydantic adds itself (a union member's tag): stay
            kinds = deeper
    return {name for kind in kinds if _is_model(kind) for name in kind.model_fields}


def _step(kind: Any, part: str | int) -> Iterator[Any]:
    origin = get_origin(kind)
    if _is_model(kind) and isinstance(part, str) and part in kind.model_fields:
        yield from _members(kind.model_fields[part].annotation)
    elif origin is dict and isinstance(part, str):
        yield from _members(get_args(kind)[1])
    elif origin is list and isinstance(part, int):
        yield from _members(get_args(kind)[0])


@functools.cache
def _places(roots: Roots) -> dict[str, list[Place]]:
    """Every key of the format and the places that allow it, in the models' order."""
    found: dict[str, list[Place]] = {}
    for place, model in _models(roots, (), ()):
        for name in model.model_fields:
            if place not in found.setdefault(name, []):
                found[name].append(place)
    return found


def _models(kinds: Iterable[Any], place: Place, above: Roots) -> Iterator[tuple[Place, Any]]:
    for kind in kinds:
        origin = get_origin(kind)
        if _is_model(kind) and kind not in above:
            yield place, kind
            for name, field in kind.model_fields.items():
                yield from _models(_members(field.annotation), (*place, name), (*above, kind))
        elif origin is list:
            yield from _models(_members(get_args(kind)[0]), place, above)
        elif origin is dict:
            yield from _models(_members(get_args(kind)[1]), (*place, "<id>"), above)


def _members(annotation: Any) -> list[Any]:
    """The types a value of `annotation` may have: unions and `Annotated` unwrapped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _members(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [m for arg in get_args(annotation) for m in _members(arg)]
    return [] if annotation is type(None) else [annotation]


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _where(places: list[Place]) -> str:
    """ "under 'model:'", "at the top level", "under 'provider:' or 'model:'"."""
    named = " or ".join(f"'{': '.join(place)}:'" for place in places if place)
    if () not in places:
        return f"under {named}"
    return "at the top level" + (f" or under {named}" if named else "")
