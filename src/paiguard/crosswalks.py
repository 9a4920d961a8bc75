"""Crosswalks (SPEC 1.3): a pack's practices mapped to another framework's items.

`<pack>--<framework>.sssom.tsv` maps the practices of the pack `<pack>` in SSSOM TSV;
`<framework>.targets.tsv` lists the framework's items. Both files start with `#` lines of
metadata (`tsvfile.read_header`), then a tab-separated table. Anything broken is a
`PaiguardError` at its file and line: a crosswalk that says more or other than it should would
mislead the people who read a report built on it.

Which files there are, and which crosswalks apply to a pack, is `crosswalk_registry`'s job.
Only the commands that show crosswalks import these modules: `check` never reads them.
"""

from __future__ import annotations

import difflib
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from paiguard.errors import PaiguardError
from paiguard.tsvfile import Header, read_header, read_lines, read_table, text_value

if TYPE_CHECKING:
    from paiguard.packs import Pack

CROSSWALK_SUFFIX = ".sssom.tsv"
TARGETS_SUFFIX = ".targets.tsv"
NO_TERM = "sssom:NoTermFound"
SUBJECT_PREFIX = "paiguard"
COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification", "comment")
TARGET_COLUMNS = ("id", "group", "subgroup", "label")
TARGET_META = ("framework", "prefix", "title", "version", "url", "license", "attribution")


class Relation(StrEnum):
    """What a row says of a practice and an item (SKOS sense: the item is narrower, broader)."""

    EXACT = "skos:exactMatch"
    NARROW = "skos:narrowMatch"
    BROAD = "skos:broadMatch"
    RELATED = "skos:relatedMatch"

    @property
    def covers(self) -> bool:
        """Whether meeting the practice covers the whole item (else part of it at most)."""
        return self in (Relation.EXACT, Relation.NARROW)

    @property
    def words(self) -> str:
        """What the practice does for the item, in words: "covers it", "is related"."""
        return _WORDS[self]


_WORDS = {
    Relation.EXACT: "covers it",
    Relation.NARROW: "covers it",
    Relation.BROAD: "covers part of it",
    Relation.RELATED: "is related",
}


class Vocabulary(NamedTuple):
    """What a framework calls its groups, subgroups and items, and its groups' names."""

    group: str
    subgroup: str
    item: str
    items: str
    names: dict[str, str]


# The target lists give NIST's functions as codes; a framework of one's own is named plainly.
_VOCABULARIES = {
    "nist-ai-600-1": Vocabulary(
        "function",
        "subcategory",
        "action",
        "actions",
        {"GV": "Govern", "MP": "Map", "MS": "Measure", "MG": "Manage"},
    ),
    "fmti-2025": Vocabulary("domain", "subdomain", "indicator", "indicators", {}),
}
_PLAIN = Vocabulary("group", "subgroup", "item", "items", {})


class Item(NamedTuple):
    """One item of a framework: its id, group, subgroup and short label."""

    id: str
    group: str
    subgroup: str
    label: str


class Framework(NamedTuple):
    """A framework's target list: where its full text is published, and its items in order."""

    name: str
    prefix: str
    title: str
    version: str
    url: str
    license: str
    attribution: str
    items: dict[str, Item]
    path: Path

    @property
    def vocabulary(self) -> Vocabulary:
        return _VOCABULARIES.get(self.name, _PLAIN)

    def group_name(self, group: str) -> str:
        """`Govern` for NIST's `GV`; a group that is already a name as it is."""
        return self.vocabulary.names.get(group, group)

    def groups(self) -> list[str]:
        """The groups, in the order the list first names them."""
        return list(dict.fromkeys(item.group for item in self.items.values()))


class Mapping(NamedTuple):
    """One row of a crosswalk: a practice, its relation to an item, and why."""

    practice: str
    relation: Relation
    item: str | None  # None: sssom:NoTermFound, the practice has no counterpart
    comment: str
    line: int


class Crosswalk(NamedTuple):
    """A crosswalk file, read against the pack it is named for."""

    pack: Pack
    framework: Framework
    mappings: list[Mapping]
    version: str | None  # the file's mapping_set_version
    path: Path
    shipped: bool

    @property
    def name(self) -> str:
        return f"{self.pack.pack}--{self.framework.name}"

    def to(self, item: str) -> list[Mapping]:
        """The rows that map a practice to `item`, in file order."""
        return [m for m in self.mappings if m.item == item]


class Applied(NamedTuple):
    """A crosswalk as it applies to a pack: the pack's own, or one it inherits."""

    pack: Pack
    crosswalk: Crosswalk

    @property
    def inherited_from(self) -> str | None:
        """The pack the crosswalk was made for, when `pack` inherits it by `extends`."""
        made_for = self.crosswalk.pack
        return None if made_for.ref == self.pack.ref else made_for.ref


class Counts(NamedTuple):
    """What a crosswalk holds, as `paiguard crosswalks` lists it."""

    practices: int  # practices of the pack it applies to
    mapped: int  # of those, the ones with at least one counterpart
    items: int
    outside: int  # items no practice maps to: outside the guidance
    rows: dict[str, int]  # by relation, and sssom:NoTermFound
    total_rows: int


def counts(applied: Applied) -> Counts:
    """The counts of a crosswalk as it applies to a pack."""
    mappings = applied.crosswalk.mappings
    found = [m for m in mappings if m.item is not None]
    rows = Counter(m.relation.value for m in found)
    reached = {m.item for m in found}
    items = len(applied.crosswalk.framework.items)
    return Counts(
        practices=len(applied.pack.practices),
        mapped=len({m.practice for m in found} & set(applied.pack.practices)),
        items=items,
        outside=items - len(reached),
        rows={**{r.value: rows[r.value] for r in Relation}, NO_TERM: len(mappings) - len(found)},
        total_rows=len(mappings),
    )


# --- reading the files --------------------------------------------------------------------------


class CrosswalkFile(NamedTuple):
    """A crosswalk file found in a crosswalks folder, before it is read."""

    pack: str
    framework: str
    path: Path
    shipped: bool


def load(file: CrosswalkFile, pack: Pack, targets: Path) -> Crosswalk:
    """Read a crosswalk and its target list, every row checked against both and `pack`."""
    framework = read_framework(targets)
    lines = read_lines(file.path)
    header = read_header(lines, str(file.path))
    curie_map = _curie_map(header)
    version = header.values.get("mapping_set_version")
    reader = _Rows(file.path, pack, framework, curie_map)
    for line, row in read_table(lines, header, COLUMNS):
        reader.add(line, row)
    return Crosswalk(
        pack=pack,
        framework=framework,
        mappings=reader.mappings,
        version=None if version is None else text_value(header, "mapping_set_version"),
        path=file.path,
        shipped=file.shipped,
    )


def _curie_map(header: Header) -> dict[str, str]:
    for key in ("mapping_set_id", "license"):
        text_value(header, key)
    curie_map = header.values.get("curie_map")
    if not isinstance(curie_map, dict):
        line = header.lines.get("curie_map", 1)
        raise PaiguardError(
            "the header needs a curie_map: one indented `prefix: URI` line per prefix",
            path=header.shown,
            line=line,
        )
    return curie_map


class _Rows:
    """Checks a crosswalk's rows one by one and keeps them as `Mapping`s."""

    def __init__(
        self, path: Path, pack: Pack, framework: Framework, curies: dict[str, str]
    ) -> None:
        self.shown = str(path)
        self.pack = pack
        self.framework = framework
        self.curies = curies
        self.mappings: list[Mapping] = []
        self.pairs: dict[tuple[str, str], int] = {}
        self.practices: set[str] = set()  # the practices of the rows so far
        self.unmatched: set[str] = set()  # of those, the ones with sssom:NoTermFound

    def add(self, line: int, row: dict[str, str]) -> None:
        subject, predicate, obj = row["subject_id"], row["predicate_id"], row["object_id"]
        for curie in (subject, predicate, obj, row["mapping_justification"]):
            self._prefix(curie, line)
        practice = self._practice(subject, line)
        relation = self._relation(predicate, line)
        item = self._item(obj, relation, line)
        if not row["comment"].strip():
            raise self._error(line, "the comment is empty: say in one line why the mapping holds")
        first = self.pairs.setdefault((practice, obj), line)
        if first != line:
            raise self._error(
                line, f"{subject} is mapped to {obj} a second time (first at line {first})"
            )
        if practice in self.practices and (item is None or practice in self.unmatched):
            raise self._error(line, f"{subject} has {NO_TERM} beside another mapping")
        if item is None:
            self.unmatched.add(practice)
        self.practices.add(practice)
        self.mappings.append(Mapping(practice, relation, item, row["comment"], line))

    def _prefix(self, curie: str, line: int) -> None:
        prefix, colon, rest = curie.partition(":")
        if not colon or not prefix or not rest:
            raise self._error(line, f"{curie!r} is not a CURIE (prefix:id)")
        if prefix not in self.curies:
            raise self._error(line, f"the prefix {prefix} of {curie} is not in the curie_map")

    def _practice(self, subject: str, line: int) -> str:
        prefix, _, practice = subject.partition(":")
        if prefix == SUBJECT_PREFIX and practice in self.pack.practices:
            return practice
        close = difflib.get_close_matches(practice, list(self.pack.practices), n=1)
        hint = f"; did you mean {SUBJECT_PREFIX}:{close[0]}?" if close else ""
        raise self._error(line, f"{subject} is not a practice of {self.pack.ref}{hint}")

    def _relation(self, predicate: str, line: int) -> Relation:
        try:
            return Relation(predicate)
        except ValueError:
            names = [r.value for r in Relation]
            expected = f"{', '.join(names[:-1])} or {names[-1]}"
            message = f"unknown predicate {predicate}: expected {expected}"
            raise self._error(line, message) from None

    def _item(self, obj: str, relation: Relation, line: int) -> str | None:
        if obj == NO_TERM:
            if relation is not Relation.EXACT:
                raise self._error(
                    line, f"{NO_TERM} goes with {Relation.EXACT.value}, not {relation.value}"
                )
            return None
        framework = self.framework
        prefix, _, item = obj.partition(":")
        if prefix == framework.prefix and item in framework.items:
            return item
        close = difflib.get_close_matches(item, list(framework.items), n=1)
        hint = f"; did you mean {framework.prefix}:{close[0]}?" if close else ""
        raise self._error(line, f"{obj} is not an item of {framework.path.name}{hint}")

    def _error(self, line: int, message: str) -> PaiguardError:
        return PaiguardError(message, path=self.shown, line=line)


def read_framework(path: Path) -> Framework:
    """Read a target list: its metadata and items, every id once."""
    shown = str(path)
    lines = read_lines(path)
    header = read_header(lines, shown)
    meta = {key: text_value(header, key) for key in TARGET_META}
    extra = [key for key in header.values if key not in TARGET_META]
    if extra:
        raise PaiguardError(
            f"unknown key {extra[0]} in the header: the keys are {', '.join(TARGET_META)}",
            path=shown,
            line=header.lines[extra[0]],
        )
    name = path.name.removesuffix(TARGETS_SUFFIX)
    if meta["framework"] != name:
        raise PaiguardError(
            f"framework: {meta['framework']} in {name}{TARGETS_SUFFIX}: the file is named "
            "after its framework",
            path=shown,
            line=header.lines["framework"],
        )
    items: dict[str, Item] = {}
    first: dict[str, int] = {}
    for line, row in read_table(lines, header, TARGET_COLUMNS):
        item = Item(*(row[column] for column in TARGET_COLUMNS))
        empty = next((c for c in TARGET_COLUMNS if not row[c].strip()), None)
        if empty is not None:
            raise PaiguardError(f"the {empty} is empty", path=shown, line=line)
        if item.id in items:
            message = f"item {item.id} a second time (first at line {first[item.id]})"
            raise PaiguardError(message, path=shown, line=line)
        items[item.id], first[item.id] = item, line
    return Framework(items=items, path=path, name=name, **{k: meta[k] for k in TARGET_META[1:]})
