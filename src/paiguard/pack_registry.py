"""Which packs there are: shipped ones and those in pack folders, read, validated, and
extending packs applied to their bases.

Above both `packs` (the records) and `pack_extends` (an extending pack applied to its base),
which is why it is a module of its own.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from paiguard.errors import PaiguardError
from paiguard.limits import Limits
from paiguard.packs import Pack, describe_packs, pack_from_data
from paiguard.resources import guidance_dir

if TYPE_CHECKING:
    from paiguard.pack_extends import PackExtension
    from paiguard.yamlsource import Document

PACK_SUFFIXES = (".yaml", ".yml")
_PACK_LIMITS = Limits(max_bytes=16 * 1024 * 1024, max_depth=32, max_scalar_chars=65_536)


def load_pack(path: Path) -> Pack | PackFile:
    """Read and validate one pack file; a broken pack is a `PaiguardError` with its position.

    A pack that `extends` another comes back as a `PackFile`, resolved by `PackRegistry` once
    every pack is loaded."""
    from pydantic import ValidationError

    from paiguard.pack_extends import PackExtension
    from paiguard.pack_model import PackModel, PackProblem
    from paiguard.schema_errors import describe

    shown = str(path)
    document = _read_pack_document(path)
    extending = "extends" in document.data
    try:
        if extending:
            return PackFile(path, document, PackExtension.model_validate(document.data))
        return pack_from_data(PackModel.model_validate(document.data).model_dump(mode="json"))
    except ValidationError as exc:
        errors = exc.errors()  # an unknown key explains the rest ("extend:" -> no source)
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        problem = first.get("ctx", {}).get("error")
        if isinstance(problem, PackProblem):  # a rule across the pack: its own words and place
            message, mark = str(problem), document.value_mark(problem.loc)
        else:
            # both formats' keys (they differ by `extends`): a pack without it hears of "extend:"
            message, mark = describe(first, document, PackModel, PackExtension)
        raise PaiguardError(
            f"invalid pack: {message}", path=shown, line=mark.line, column=mark.column
        ) from None


def _read_pack_document(path: Path) -> Document:
    from paiguard.yamlsource import YamlProblem, decode, parse, read_limited

    shown = str(path)
    try:  # read like a declaration: a FIFO or a link to a device must never hang the run
        document = parse(decode(read_limited(path, _PACK_LIMITS)), _PACK_LIMITS)
    except YamlProblem as exc:
        raise PaiguardError(
            f"invalid pack: {exc.message}", path=shown, line=exc.line, column=exc.column
        ) from None
    if not isinstance(document.data, dict):
        raise PaiguardError("invalid pack: expected a mapping", path=shown, line=1, column=1)
    return document


@dataclass(frozen=True, slots=True)
class PackFile:
    """A pack that extends another, as read from its file, before its base is applied."""

    path: Path
    document: Document
    extension: PackExtension

    @property
    def key(self) -> tuple[str, int]:
        """(pack id, major) of the pack this file will become."""
        return self.extension.pack, self.extension.major


class PackRegistry:
    """The packs paiguard knows: shipped ones, then those in `--pack-path` folders."""

    def __init__(self, extra_dirs: list[Path] | None = None) -> None:
        self.dirs = [guidance_dir(), *(extra_dirs or [])]
        self._packs: list[Pack] | None = None
        self._shipped: PackRegistry | None = None

    def shipped(self) -> PackRegistry:
        """The packs paiguard ships, read as this registry reads packs (from the cache or not)."""
        if len(self.dirs) == 1:
            return self
        if self._shipped is None:
            self._shipped = type(self)()
        return self._shipped

    def all(self) -> list[Pack]:
        """Every pack, loaded once per run, sorted by id then version."""
        if self._packs is None:
            packs: dict[tuple[str, str], Pack] = {}
            pending: list[PackFile] = []
            for folder in self.dirs:
                if not folder.is_dir():
                    raise PaiguardError("pack folder does not exist", path=str(folder))
                for path in sorted(folder.iterdir()):
                    if path.suffix in PACK_SUFFIXES and path.is_file():
                        loaded = load_pack(path)
                        if isinstance(loaded, PackFile):
                            pending.append(loaded)
                        else:
                            packs.setdefault((loaded.pack, loaded.version), loaded)
            _resolve(packs, pending)
            self._packs = sorted(packs.values(), key=lambda p: (p.pack, _semver(p.version)))
        return self._packs

    def get(self, ref: str) -> Pack | None:
        """The newest pack for `id@major` (or plain `id`: its newest version)."""
        name, _, major = ref.partition("@")
        matches = [p for p in self.all() if p.pack == name and (not major or str(p.major) == major)]
        return matches[-1] if matches else None

    def require(self, ref: str) -> Pack:
        """`get(ref)`, or a `PaiguardError` with a did-you-mean or the packs there are."""
        pack = self.get(ref)
        if pack is not None:
            return pack
        known = sorted({p.pack for p in self.all()} | {p.ref for p in self.all()})
        close = difflib.get_close_matches(ref, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else f"; packs: {describe_packs(self.all())}"
        raise PaiguardError(f"no pack {ref}{hint}")

    def for_types(self, model_type: str, release_type: str) -> list[Pack]:
        """The newest version of each pack that covers this combination."""
        newest: dict[str, Pack] = {}
        for pack in self.all():
            covers = pack.applies_to.model_type == model_type
            if covers and pack.applies_to.release_type == release_type:
                newest[pack.pack] = pack
        return list(newest.values())


def _resolve(packs: dict[tuple[str, str], Pack], pending: list[PackFile]) -> None:
    """Apply extending packs to their bases, bases first; an extension waits while another
    pending file could still be the newest version of its base's major."""
    from paiguard.pack_extends import extend

    while pending:
        waiting = {item.key for item in pending}
        for item in pending:
            name, _, major = item.extension.extends.partition("@")
            if (name, int(major)) in waiting:
                continue
            bases = [p for (pid, _), p in packs.items() if pid == name and p.major == int(major)]
            if not bases:
                _no_base(item, list(packs.values()))
            base = max(bases, key=lambda p: _semver(p.version))
            pack = extend(base, item.extension, str(item.path), item.document)
            packs.setdefault((pack.pack, pack.version), pack)
            pending.remove(item)
            break
        else:
            cycle = " -> ".join(f"{i.extension.pack}@{i.extension.major}" for i in pending)
            _fail_at_extends(pending[0], f"packs extend each other in a cycle: {cycle}")


def _no_base(item: PackFile, known: list[Pack]) -> NoReturn:
    ref = item.extension.extends
    _fail_at_extends(
        item, f"extends {ref}, but there is no such pack; packs: {describe_packs(known)}"
    )


def _fail_at_extends(item: PackFile, message: str) -> NoReturn:
    mark = item.document.value_mark(("extends",))
    raise PaiguardError(
        f"invalid pack: {message}", path=str(item.path), line=mark.line, column=mark.column
    )


def _semver(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
