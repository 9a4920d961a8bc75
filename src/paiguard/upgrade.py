"""`paiguard upgrade`: move a declaration to another pack version, applying its `renamed` map.

Only the renamed practice keys, the renamed waiver `practice:` values and the `pack:` value
change; every other character of the file (comments, order, quoting, blank lines, line endings)
stays as it was. The edits are made at the spans the parser reports, then the result is parsed
again and compared with the intended change before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from paiguard.errors import PaiguardError
from paiguard.limits import Limits
from paiguard.pack_registry import PackRegistry
from paiguard.packs import Pack
from paiguard.vocabulary import PACK_REF
from paiguard.yamlsource import (
    Document,
    Spans,
    YamlPath,
    YamlProblem,
    decode,
    parse,
    parse_with_spans,
    read_limited,
)

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Rename:
    """One practice id rewritten, and where (1-based line and column)."""

    old: str
    new: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Unmapped:
    """A practice id (a key, or a waiver's `practice:`) the target pack does not have, left as
    it is: `paiguard check` will report it (PG104, PG402)."""

    id: str
    line: int
    column: int


@dataclass(slots=True)
class Upgrade:
    """The rewritten text and what changed in it."""

    text: str
    pack_before: str | None
    pack_after: str
    renames: list[Rename] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)


@dataclass(slots=True)
class _Edit:
    start: int
    end: int
    text: str


def upgrade_file(
    path: Path,
    target: Pack,
    shown: str,
    *,
    registry: PackRegistry,
    force: bool,
) -> tuple[str, Upgrade]:
    """The file's text as it is, and as `target` wants it (a UTF-8 byte order mark kept);
    a file that cannot be read or upgraded is a located `PaiguardError`."""
    if not path.is_file():
        raise PaiguardError("no such file" if not path.exists() else "not a file", path=shown)
    try:
        raw = read_limited(path, Limits())
    except YamlProblem as exc:  # about the file as a whole: no position
        raise PaiguardError(f"cannot upgrade: {exc.message}", path=shown) from None
    bom = _BOM if raw.startswith(b"\xef\xbb\xbf") else ""
    try:
        body = decode(raw)  # without the byte order mark
    except YamlProblem as exc:
        raise PaiguardError(
            f"cannot upgrade: {exc.message}", path=shown, line=exc.line, column=exc.column
        ) from None
    result = upgrade_text(body, target, shown, registry=registry, force=force)
    result.text = bom + result.text
    return bom + body, result


def upgrade_text(
    text: str,
    target: Pack,
    shown: str,
    *,
    registry: PackRegistry,
    force: bool,
) -> Upgrade:
    """Rewrite a declaration's text for `target`; a conflict is a located `PaiguardError`.

    Only a newer (or the same) major of the declaration's pack, or a pack built on it, is a
    move that `renamed` can carry out; another pack or a lower major needs `force`, and the
    ids it cannot map are listed in `unmapped`. `registry` finds the declaration's pack when it
    has no `pack:`, and what the target extends."""
    try:
        document, spans = parse_with_spans(text)
    except YamlProblem as exc:
        raise PaiguardError(
            f"cannot upgrade: {exc.message}", path=shown, line=exc.line, column=exc.column
        ) from None
    data = document.data
    if not isinstance(data, dict) or "paiguard" not in data:
        raise PaiguardError("cannot upgrade: not a declaration (no `paiguard: 1`)", path=shown)
    _check_types(data, target, document, shown)
    if not force:
        _check_direction(data, target, registry, document, shown)
    planner = _Planner(text, document, spans, target, shown)
    planner.practices(data.get("practices"))
    planner.waivers(data.get("waivers"))
    planner.pack(data.get("pack"))
    result = Upgrade(planner.apply(), _text_or_none(data.get("pack")), target.ref, planner.renames)
    _verify(result.text, _expected(data, target), shown)
    result.unmapped = _unmapped(data, target, document)
    return result


def _check_direction(
    data: dict[str, Any],
    target: Pack,
    registry: PackRegistry,
    document: Document,
    shown: str,
) -> None:
    """Refuse a move `renamed` cannot carry out: to another pack (unless built on the
    declaration's) or to a lower major. Either would leave ids behind, reported as PG104."""
    current = _current_pack(data, registry)
    if current is None:
        return
    name, major = current
    if name != target.pack and f"{name}@{major}" not in _bases(target, registry):
        why = (
            f"{target.ref} is another pack than the declaration's {name}@{major}, so no "
            "`renamed` map applies and ids the two packs do not share would be left behind "
            "(PG104); use --force to switch anyway"
        )
    elif name == target.pack and target.major < major:
        why = (
            f"{target.ref} is older than the declaration's {name}@{major}, and `renamed` maps "
            "old ids to new ones only, so ids renamed since would be left behind (PG104); use "
            "--force to go back anyway"
        )
    else:
        return
    at = ("pack",) if "pack" in data else ("model", "model_type")
    mark = document.value_mark(at)
    raise PaiguardError(f"cannot upgrade: {why}", path=shown, line=mark.line, column=mark.column)


def _current_pack(data: dict[str, Any], registry: PackRegistry) -> tuple[str, int] | None:
    """(id, major) of the pack the declaration is checked against today, when that is known."""
    ref = data.get("pack")
    if isinstance(ref, str) and re.fullmatch(PACK_REF, ref):
        name, _, major = ref.partition("@")
        return name, int(major)
    model = data.get("model")
    if ref is not None or not isinstance(model, dict):
        return None
    model_type, release_type = model.get("model_type"), model.get("release_type")
    if not (isinstance(model_type, str) and isinstance(release_type, str)):
        return None
    candidates = registry.for_types(model_type, release_type)
    return (candidates[0].pack, candidates[0].major) if len(candidates) == 1 else None


def _bases(pack: Pack, registry: PackRegistry) -> list[str]:
    """The `id@major` refs `pack` is built on, nearest first (an organisation pack's base)."""
    bases: list[str] = []
    ref = pack.extends
    while ref is not None and ref not in bases:
        bases.append(ref)
        base = registry.get(ref)
        ref = base.extends if base is not None else None
    return bases


def _unmapped(data: dict[str, Any], target: Pack, document: Document) -> list[Unmapped]:
    """The declaration's practice ids (keys and waivers' `practice:`) the target does not have
    after its renames, in file order."""
    known, renamed = target.practices, target.renamed
    found: list[Unmapped] = []
    practices = data.get("practices")
    for pid in practices if isinstance(practices, dict) else ():
        if isinstance(pid, str) and renamed.get(pid, pid) not in known:
            mark = document.key_mark(("practices", pid))
            found.append(Unmapped(pid, mark.line, mark.column))
    waivers = data.get("waivers")
    for i, waiver in enumerate(waivers if isinstance(waivers, list) else ()):
        pid = waiver.get("practice") if isinstance(waiver, dict) else None
        if isinstance(pid, str) and renamed.get(pid, pid) not in known:
            mark = document.value_mark(("waivers", i, "practice"))
            found.append(Unmapped(pid, mark.line, mark.column))
    return sorted(found, key=lambda u: (u.line, u.column))


def _check_types(data: dict[str, Any], target: Pack, document: Document, shown: str) -> None:
    model = data.get("model")
    if not isinstance(model, dict):
        return
    declared = (model.get("model_type"), model.get("release_type"))
    covered = (target.applies_to.model_type.value, target.applies_to.release_type.value)
    if declared != covered:
        mark = document.value_mark(("model", "model_type"))
        raise PaiguardError(
            f"cannot upgrade: {target.ref} covers {covered[0]} x {covered[1]}, but the model is "
            f"{declared[0]} x {declared[1]}",
            path=shown,
            line=mark.line,
            column=mark.column,
        )


class _Planner:
    """Collects the edits; refuses a rename onto an id the declaration already has."""

    def __init__(
        self, text: str, document: Document, spans: Spans, target: Pack, shown: str
    ) -> None:
        self.text = text
        self.document = document
        self.spans = spans
        self.target = target
        self.shown = shown
        self.edits: list[_Edit] = []
        self.renames: list[Rename] = []

    def practices(self, practices: Any) -> None:
        if not isinstance(practices, dict):
            return
        staying = {pid for pid in practices if pid not in self.target.renamed}
        for pid in practices:
            new = self.target.renamed.get(pid)
            if new is None:
                continue
            if new in staying:
                other = self.document.key_mark(("practices", new))
                self._fail(
                    ("practices", pid),
                    f"cannot rename {pid} to {new}: {new} is already declared (line {other.line})",
                )
            staying.add(new)
            self._replace(("practices", pid), True, pid, new)

    def waivers(self, waivers: Any) -> None:
        if not isinstance(waivers, list):
            return
        for i, waiver in enumerate(waivers):
            old = waiver.get("practice") if isinstance(waiver, dict) else None
            if isinstance(old, str) and old in self.target.renamed:
                self._replace(("waivers", i, "practice"), False, old, self.target.renamed[old])

    def pack(self, current: Any) -> None:
        ref = self.target.ref
        if current == ref:
            return
        span = self.spans.get((("pack",), False))
        if span is not None and span.end > span.start:
            self.edits.append(_Edit(span.start, span.end, ref))
            return
        key = self.spans.get((("pack",), True)) or self.spans.get((("paiguard",), True))
        anchor = self.spans.get((("pack",), False)) or self.spans.get((("paiguard",), False))
        mark = self.document.key_mark(("paiguard",))
        if key is None or anchor is None or mark.column != 1:
            self._fail(("paiguard",), f"cannot upgrade: add `pack: {ref}` by hand")
        if (("pack",), True) in self.spans:  # `pack:` with no value
            if self.text[key.end : key.end + 1] != ":":
                self._fail(("pack",), f"cannot upgrade: set `pack: {ref}` by hand")
            self.edits.append(_Edit(key.end, key.end + 1, f": {ref}"))
            return
        newline = "\r\n" if "\r\n" in self.text else "\n"
        at = self.text.find("\n", anchor.end)
        if at < 0:  # `paiguard: 1` is the last line and has no line break
            self.edits.append(_Edit(len(self.text), len(self.text), f"{newline}pack: {ref}"))
        else:
            self.edits.append(_Edit(at + 1, at + 1, f"pack: {ref}{newline}"))

    def apply(self) -> str:
        text = self.text
        for edit in sorted(self.edits, key=lambda e: e.start, reverse=True):
            text = text[: edit.start] + edit.text + text[edit.end :]
        return text

    def _replace(self, path: YamlPath, key: bool, old: str, new: str) -> None:
        span = self.spans[(path, key)]
        mark = self.document.key_mark(path) if key else self.document.value_mark(path)
        self.edits.append(_Edit(span.start, span.end, new))
        self.renames.append(Rename(old, new, mark.line, mark.column))

    def _fail(self, path: YamlPath, message: str) -> NoReturn:
        mark = self.document.key_mark(path)
        raise PaiguardError(message, path=self.shown, line=mark.line, column=mark.column)


def _expected(data: dict[str, Any], target: Pack) -> dict[str, Any]:
    """The declaration's data as the upgrade means to leave it."""
    renamed = target.renamed
    out = {**data, "pack": target.ref}
    if "pack" not in data:
        keys = list(data)
        at = keys.index("paiguard") + 1
        out = {k: out[k] for k in [*keys[:at], "pack", *keys[at:]]}
    if isinstance(data.get("practices"), dict):
        out["practices"] = {renamed.get(k, k): v for k, v in data["practices"].items()}
    if isinstance(data.get("waivers"), list):
        out["waivers"] = [_renamed_waiver(w, renamed) for w in data["waivers"]]
    return out


def _renamed_waiver(waiver: Any, renamed: dict[str, str]) -> Any:
    if isinstance(waiver, dict) and isinstance(waiver.get("practice"), str):
        return {**waiver, "practice": renamed.get(waiver["practice"], waiver["practice"])}
    return waiver


def _verify(text: str, expected: dict[str, Any], shown: str) -> None:
    """Parse the result again: the rewrite must mean exactly the intended change."""
    try:
        data = parse(text).data
    except YamlProblem:
        data = None
    if data != expected or list(data) != list(expected):
        raise PaiguardError(
            "cannot upgrade this file automatically (the rewrite would change more than the "
            "practice ids and the pack); apply the pack's `renamed` map by hand",
            path=shown,
        )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
