"""Which crosswalks there are, and which apply to a pack (SPEC 1.3).

A folder `crosswalks/` beside packs holds them: the shipped one (in `guidance/`) and one in each
pack folder (an organisation's own). A pack that `extends` another inherits its crosswalks, its
own crosswalk to a framework winning over an inherited one; the practices it adds are unmapped.
A crosswalk is read against the pack it is named for, at the version in the chain of the pack
it applies to, so that its rows name practices that pack has.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from paiguard.crosswalks import (
    CROSSWALK_SUFFIX,
    TARGETS_SUFFIX,
    Applied,
    Crosswalk,
    CrosswalkFile,
    Framework,
    Item,
    load,
    read_framework,
)
from paiguard.errors import PaiguardError
from paiguard.resources import guidance_dir

if TYPE_CHECKING:
    from paiguard.pack_registry import PackRegistry
    from paiguard.packs import Pack

FOLDER = "crosswalks"


class Folders(NamedTuple):
    """The crosswalks and target lists of every crosswalks folder, each name found once."""

    crosswalks: list[CrosswalkFile]
    targets: dict[str, Path]


def scan(registry: PackRegistry) -> Folders:
    """The crosswalk files (by pack, then framework) and target lists beside the registry's
    packs; one crosswalk or target list in two folders is an error, not a silent choice."""
    pack_ids = sorted({p.pack for p in registry.all()}, key=len, reverse=True)
    crosswalks: dict[tuple[str, str], CrosswalkFile] = {}
    targets: dict[str, Path] = {}
    for folder, shipped in _folders(registry):
        for path in _listing(folder):
            if path.name.endswith(CROSSWALK_SUFFIX):
                pack, framework = _split(path, pack_ids)
                if (pack, framework) in crosswalks:
                    first = crosswalks[pack, framework].path
                    raise _twice(f"crosswalk {pack}--{framework}", path, first)
                crosswalks[pack, framework] = CrosswalkFile(pack, framework, path, shipped)
            elif path.name.endswith(TARGETS_SUFFIX):
                name = path.name.removesuffix(TARGETS_SUFFIX)
                if name in targets:
                    raise _twice(f"target list {name}", path, targets[name])
                targets[name] = path
    return Folders([crosswalks[key] for key in sorted(crosswalks)], targets)


def _folders(registry: PackRegistry) -> list[tuple[Path, bool]]:
    """Each pack folder's `crosswalks/`, the shipped one first; a folder named twice once."""
    shipped = (guidance_dir() / FOLDER).resolve()
    found: dict[Path, Path] = {}
    for pack_folder in registry.dirs:
        folder = pack_folder / FOLDER
        if folder.is_dir():
            found.setdefault(folder.resolve(), folder)
    return [(folder, real == shipped) for real, folder in found.items()]


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        raise PaiguardError(f"cannot read the folder: {exc.strerror}", path=str(folder)) from None


def _twice(what: str, path: Path, first: Path) -> PaiguardError:
    return PaiguardError(f"a second {what}: the first is {first}", path=str(path))


def _split(path: Path, pack_ids: list[str]) -> tuple[str, str]:
    """(pack id, framework) of `<pack>--<framework>.sssom.tsv`, for a pack there is."""
    stem = path.name.removesuffix(CROSSWALK_SUFFIX)
    for pack in pack_ids:  # longest first: a pack id may itself hold "--"
        framework = stem.removeprefix(f"{pack}--")
        if framework != stem and framework and _is_name(framework):
            return pack, framework
    named = stem.partition("--")[0]
    close = difflib.get_close_matches(named, pack_ids, n=1)
    hint = f"; did you mean {close[0]}?" if close else f"; packs: {', '.join(sorted(pack_ids))}"
    raise PaiguardError(
        f"no pack {named!r} for this crosswalk, named <pack>--<framework>{CROSSWALK_SUFFIX}{hint}",
        path=str(path),
    )


def _is_name(text: str) -> bool:
    return all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in text)


# --- the crosswalks that apply to a pack --------------------------------------------------------


def available(pack: Pack, registry: PackRegistry, folders: Folders) -> dict[str, CrosswalkFile]:
    """The crosswalk files that apply to `pack` by framework: its own, then those of the
    packs it extends, nearest first (a pack's own crosswalk to a framework wins)."""
    chosen: dict[str, CrosswalkFile] = {}
    for member in chain(pack, registry):
        for file in folders.crosswalks:
            if file.pack == member.pack:
                chosen.setdefault(file.framework, file)
    return dict(sorted(chosen.items()))


def chain(pack: Pack, registry: PackRegistry) -> list[Pack]:
    """`pack`, then the pack it extends, and so on."""
    packs = [pack]
    while packs[-1].extends is not None and len(packs) <= len(registry.all()):
        base = registry.get(packs[-1].extends)
        if base is None:
            break
        packs.append(base)
    return packs


def applied(pack: Pack, registry: PackRegistry, folders: Folders, file: CrosswalkFile) -> Applied:
    """The crosswalk `file` read against the member of `pack`'s chain it is named for."""
    made_for = next(p for p in chain(pack, registry) if p.pack == file.pack)
    return Applied(pack, _load(file, made_for, folders))


def _load(file: CrosswalkFile, pack: Pack, folders: Folders) -> Crosswalk:
    targets = folders.targets.get(file.framework)
    if targets is None:
        raise PaiguardError(
            f"no target list {file.framework}{TARGETS_SUFFIX} in a crosswalks folder",
            path=str(file.path),
        )
    return load(file, pack, targets)


def for_pack(pack: Pack, registry: PackRegistry, folders: Folders) -> list[Applied]:
    """Every crosswalk that applies to `pack`, by framework."""
    return [
        applied(pack, registry, folders, f) for f in available(pack, registry, folders).values()
    ]


def select(pack: Pack, registry: PackRegistry, framework: str) -> Applied:
    """The crosswalk from `pack` to `framework`, or an error naming the ones there are."""
    folders = scan(registry)
    files = available(pack, registry, folders)
    if framework in files:
        return applied(pack, registry, folders, files[framework])
    close = difflib.get_close_matches(framework, list(files), n=1)
    there = f"crosswalks: {', '.join(files)}" if files else "it has no crosswalk"
    hint = f"did you mean {close[0]}?" if close else there
    raise PaiguardError(f"no crosswalk from {pack.ref} to {framework!r}; {hint}")


# --- an item of a framework, for `paiguard explain` ---------------------------------------------


class ItemFound(NamedTuple):
    """An item, its framework, and every crosswalk to that framework."""

    framework: Framework
    item: Item
    crosswalks: list[Crosswalk]


def frameworks(folders: Folders) -> list[Framework]:
    """Every target list of the crosswalks folders, by name."""
    return [read_framework(folders.targets[name]) for name in sorted(folders.targets)]


def find_item(registry: PackRegistry, identifier: str) -> ItemFound | None:
    """The item `prefix:id` (or a bare id that one framework alone has); None when a bare id
    is no item, an error with a did-you-mean when a prefixed one is not."""
    folders = scan(registry)
    known = frameworks(folders)
    prefix, colon, ident = identifier.rpartition(":")
    if colon:
        framework = _by_prefix(known, prefix)
        if ident not in framework.items:
            close = difflib.get_close_matches(ident, list(framework.items), n=1)
            hint = f"; did you mean {framework.prefix}:{close[0]}?" if close else ""
            raise PaiguardError(f"no item {ident!r} in {framework.name}{hint}")
        return _found(registry, folders, framework, ident)
    owners = [f for f in known if identifier in f.items]
    if len(owners) > 1:
        named = " or ".join(f"{f.prefix}:{identifier}" for f in owners)
        raise PaiguardError(f"{identifier!r} is an item of several frameworks: name {named}")
    return _found(registry, folders, owners[0], identifier) if owners else None


def close_items(registry: PackRegistry, identifier: str) -> list[str]:
    """`prefix:id` of the item whose id is closest to a bare `identifier`, if one is close."""
    ids = {item: f"{f.prefix}:{item}" for f in frameworks(scan(registry)) for item in f.items}
    return [ids[i] for i in difflib.get_close_matches(identifier, list(ids), n=1)]


def _by_prefix(known: list[Framework], prefix: str) -> Framework:
    for framework in known:
        if framework.prefix == prefix:
            return framework
    prefixes = sorted(f.prefix for f in known)
    close = difflib.get_close_matches(prefix, prefixes, n=1)
    hint = f"did you mean {close[0]}?" if close else f"the prefixes are {', '.join(prefixes)}"
    raise PaiguardError(f"no framework has the prefix {prefix!r}; {hint}")


def _found(registry: PackRegistry, folders: Folders, framework: Framework, ident: str) -> ItemFound:
    crosswalks = []
    for file in folders.crosswalks:
        pack = registry.get(file.pack)
        if file.framework == framework.name and pack is not None:
            crosswalks.append(_load(file, pack, folders))
    return ItemFound(framework, framework.items[ident], crosswalks)
