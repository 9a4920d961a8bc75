"""The shipped crosswalks (SPEC 1.3) and their target lists, as files: each crosswalk is SSSOM TSV
that the real `sssom` package parses and validates, maps every practice of the shipped pack to
items of its target list only, and says why in one line; each target list holds exactly the
framework's items; the generator of the target lists reproduces them and fails loudly on bad
sources; `docs/crosswalks.md` states the counts the files hold.

The byte-for-byte rerun of the generator reads the copies of the framework sources that the
repository carries in `scripts/data/sources/`."""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
import re
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from markdown_it import MarkdownIt
from ruamel.yaml import YAML
from tests.conftest import REPO

from paiguard.pack_registry import PackRegistry

CROSSWALKS = REPO / "guidance" / "crosswalks"
FIXTURES = REPO / "tests" / "crosswalks"
SOURCES = REPO / "scripts" / "data" / "sources"
PACK = "pai-frontier-restricted-api"
FRAMEWORKS = {"nist-ai-600-1": "nist600", "fmti-2025": "fmti2025"}
COLUMNS = ["subject_id", "predicate_id", "object_id", "mapping_justification", "comment"]
PREDICATES = ("skos:exactMatch", "skos:narrowMatch", "skos:broadMatch", "skos:relatedMatch")
NO_TERM = "sssom:NoTermFound"
JUSTIFICATION = "semapv:ManualMappingCuration"
TARGET_COLUMNS = ["id", "group", "subgroup", "label"]
TARGET_META = ["framework", "prefix", "title", "version", "url", "license", "attribution"]
REPO_URL = "https://github.com/paiguard/paiguard/blob/main/guidance"
APACHE = "https://www.apache.org/licenses/LICENSE-2.0"
SSSOM_BUILT_INS = {  # prefixes whose expansion SSSOM fixes (a curie_map may only repeat it)
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sssom": "https://w3id.org/sssom/",
}

# sssom 0.4 calls pandas options that pandas 3 deprecates; that is sssom's business, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:::sssom")


# --- reading the files the way a user of the standard library would --------------------------


@dataclass
class Table:
    """A file of `#` YAML metadata lines followed by a tab-separated table."""

    meta: dict[str, Any]
    header: list[str]
    rows: list[list[str]]
    first_row_line: int  # the file's line number of rows[0]


def read_table(path: Path) -> Table:
    lines = path.read_text(encoding="utf-8").splitlines()
    count = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    yaml_text = textwrap.dedent("\n".join(line[1:] for line in lines[:count]))
    meta = YAML(typ="safe", pure=True).load(yaml_text) or {}
    table = list(csv.reader(lines[count:], delimiter="\t", quoting=csv.QUOTE_NONE))
    return Table(meta, table[0] if table else [], table[1:], count + 2)


def practices_of_shipped_pack() -> list[str]:
    """The practice ids of the shipped pack, in pack order, read by paiguard's own loader."""
    return list(PackRegistry().require(f"{PACK}@1").practices)


def target_ids(framework: str) -> set[str]:
    return {row[0] for row in read_table(CROSSWALKS / f"{framework}.targets.tsv").rows}


def crosswalk_problems(
    path: Path, practices: list[str], targets: set[str], prefix: str
) -> list[str]:
    """Every way the crosswalk at `path` breaks SPEC 1.3, one message each."""
    from sssom.constants import SSSOMSchemaView

    table = read_table(path)
    problems = [
        f"metadata {key!r} is not an SSSOM mapping set slot"
        for key in table.meta
        if key not in SSSOMSchemaView().mapping_set_slots
    ]
    problems += [
        f"no {key}" for key in ("curie_map", "mapping_set_id", "license") if key not in table.meta
    ]
    if table.header != COLUMNS:
        return [*problems, f"columns {table.header}, expected {COLUMNS}"]
    curie_map = table.meta.get("curie_map") or {}
    problems += [
        f"curie_map expands {name} to {curie_map[name]}, SSSOM's is {expansion}"
        for name, expansion in SSSOM_BUILT_INS.items()
        if name in curie_map and curie_map[name] != expansion
    ]
    used: set[str] = set()
    pairs: Counter[tuple[str, str]] = Counter()
    objects: dict[str, list[str]] = {}
    order: list[tuple[int, str]] = []
    for line, row in enumerate(table.rows, start=table.first_row_line):
        if len(row) != len(COLUMNS):
            problems.append(f"line {line}: {len(row)} fields, expected {len(COLUMNS)}")
            continue
        subject, predicate, obj, justification, comment = row
        used |= {curie.partition(":")[0] for curie in (subject, predicate, obj, justification)}
        practice = subject.removeprefix("paiguard:")
        if not subject.startswith("paiguard:") or practice not in practices:
            problems.append(f"line {line}: {subject} is not a practice of the pack")
        if predicate not in PREDICATES:
            problems.append(f"line {line}: predicate {predicate} is not one of {PREDICATES}")
        if obj == NO_TERM and predicate != "skos:exactMatch":
            problems.append(f"line {line}: {NO_TERM} goes with skos:exactMatch, not {predicate}")
        listed = obj.startswith(f"{prefix}:") and obj.removeprefix(f"{prefix}:") in targets
        if obj != NO_TERM and not listed:
            problems.append(f"line {line}: {obj} is not an item of the target list")
        if justification != JUSTIFICATION:
            problems.append(f"line {line}: mapping_justification {justification}")
        if not comment.strip() or comment != comment.strip():
            problems.append(f"line {line}: the comment must be one non-empty line")
        pairs[(subject, obj)] += 1
        if pairs[(subject, obj)] == 2:
            problems.append(f"line {line}: {subject} -> {obj} a second time")
        objects.setdefault(subject, []).append(obj)
        position = practices.index(practice) if practice in practices else len(practices)
        order.append((position, obj))
    problems += [
        f"{subject} has {NO_TERM} beside other mappings"
        for subject, found in objects.items()
        if NO_TERM in found and len(found) > 1
    ]
    missing = [p for p in practices if f"paiguard:{p}" not in objects]
    if missing:
        problems.append(f"practices without a row: {missing}")
    problems += [f"prefix {name} is not in the curie_map" for name in sorted(used - set(curie_map))]
    if order != sorted(order):
        problems.append("rows are not in pack order of subject, then by object id")
    return problems


# --- the crosswalk rules catch what they should (fixtures under tests/crosswalks/) -------------

MINI_PRACTICES = ["a.b1", "a.b2"]
MINI_TARGETS = {"GV-1.1-001", "MS-2.10-001"}


def mini_problems(name: str) -> list[str]:
    path = FIXTURES / "bad" / name if name != "mini" else FIXTURES / "mini.sssom.tsv"
    return crosswalk_problems(path, MINI_PRACTICES, MINI_TARGETS, "nist600")


def test_a_crosswalk_that_keeps_every_rule_has_no_problem() -> None:
    assert mini_problems("mini") == []


@pytest.mark.parametrize(
    ("fixture", "problems"),
    [
        ("missing-prefix", ["prefix nist600 is not in the curie_map"]),
        ("missing-builtin-prefix", ["prefix skos is not in the curie_map"]),
        (
            "redefined-builtin-prefix",
            [
                "curie_map expands skos to http://www.w3.org/2004/02/skos/core, "
                "SSSOM's is http://www.w3.org/2004/02/skos/core#"
            ],
        ),
        ("non-standard-metadata", ["metadata 'mapping_set_name' is not an SSSOM mapping set slot"]),
        ("no-license", ["no license"]),
        (
            "extra-column",
            [f"columns {[*COLUMNS, 'confidence']}, expected {COLUMNS}"],
        ),
        ("unknown-practice", ["line 13: paiguard:a.b3 is not a practice of the pack"]),
        ("practice-missing", ["practices without a row: ['a.b2']"]),
        ("unknown-item", ["line 11: nist600:MS-2.10-009 is not an item of the target list"]),
        ("wrong-prefix", ["line 11: paiguard:MS-2.10-001 is not an item of the target list"]),
        (
            "bad-predicate",
            [f"line 11: predicate skos:closeMatch is not one of {PREDICATES}"],
        ),
        ("bad-justification", ["line 11: mapping_justification semapv:LexicalMatching"]),
        (
            "no-term-found-related",
            ["line 12: sssom:NoTermFound goes with skos:exactMatch, not skos:relatedMatch"],
        ),
        ("no-term-found-not-alone", ["paiguard:a.b2 has sssom:NoTermFound beside other mappings"]),
        ("pair-twice", ["line 11: paiguard:a.b1 -> nist600:GV-1.1-001 a second time"]),
        ("comment-two-lines", ["line 12: 1 fields, expected 5"]),
        ("comment-empty", ["line 11: the comment must be one non-empty line"]),
        ("out-of-order", ["rows are not in pack order of subject, then by object id"]),
    ],
)
def test_each_broken_rule_is_reported(fixture: str, problems: list[str]) -> None:
    assert mini_problems(f"{fixture}.sssom.tsv") == problems


def test_sssom_itself_rejects_a_crosswalk_whose_curie_map_lacks_a_prefix() -> None:
    from jsonschema import ValidationError
    from sssom.context import SSSOM_BUILT_IN_PREFIXES
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    mini = parse_sssom_table(FIXTURES / "mini.sssom.tsv")
    validate(mini, fail_on_error=True)
    built_ins = {name: mini.converter.bimap[name] for name in SSSOM_BUILT_IN_PREFIXES}
    assert built_ins == SSSOM_BUILT_INS  # the rule above checks against sssom's own expansions
    with pytest.raises(ValidationError):
        validate(parse_sssom_table(FIXTURES / "bad" / "missing-prefix.sssom.tsv"))


# --- the shipped crosswalks -------------------------------------------------------------------


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_shipped_crosswalk_parses_and_validates_with_sssom(framework: str) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    path = CROSSWALKS / f"{PACK}--{framework}.sssom.tsv"
    msdf = parse_sssom_table(path)
    validate(msdf, fail_on_error=True)  # JSON Schema, prefix map completeness, strict CURIEs
    parsed = msdf.df[COLUMNS].itertuples(index=False, name=None)
    assert Counter(parsed) == Counter(tuple(row) for row in read_table(path).rows)  # none dropped
    assert msdf.metadata["license"] == APACHE
    assert msdf.metadata["mapping_set_id"] == f"{REPO_URL}/crosswalks/{path.name}"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_shipped_crosswalk_maps_every_practice_to_listed_items(framework: str) -> None:
    path = CROSSWALKS / f"{PACK}--{framework}.sssom.tsv"
    prefix = FRAMEWORKS[framework]
    problems = crosswalk_problems(path, practices_of_shipped_pack(), target_ids(framework), prefix)
    assert problems == []


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_shipped_crosswalk_header(framework: str) -> None:
    meta = read_table(CROSSWALKS / f"{PACK}--{framework}.sssom.tsv").meta
    prefix = FRAMEWORKS[framework]
    targets = read_table(CROSSWALKS / f"{framework}.targets.tsv").meta
    assert sorted(meta["curie_map"]) == sorted([prefix, "paiguard", "semapv", "skos", "sssom"])
    assert meta["curie_map"]["paiguard"] == f"{REPO_URL}/{PACK}.yaml#"
    assert meta["curie_map"][prefix].startswith(targets["url"])  # items resolve to the publisher
    assert meta["license"] == APACHE
    assert meta["object_source_version"] == targets["version"]


# --- the target lists -------------------------------------------------------------------------


def slug(name: str) -> str:
    """SPEC 1.3's rule, written out again so that the generator's own copy is checked."""
    return re.sub("[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_target_list_metadata(framework: str) -> None:
    table = read_table(CROSSWALKS / f"{framework}.targets.tsv")
    assert list(table.meta) == TARGET_META
    assert table.meta["framework"] == framework
    assert table.meta["prefix"] == FRAMEWORKS[framework]
    assert all(isinstance(v, str) and v.strip() for v in table.meta.values())
    assert table.header == TARGET_COLUMNS
    assert all(len(row) == len(TARGET_COLUMNS) and all(row) for row in table.rows)
    assert len({row[0] for row in table.rows}) == len(table.rows)  # ids unique


def test_nist_target_list() -> None:
    table = read_table(CROSSWALKS / "nist-ai-600-1.targets.tsv")
    assert table.meta["url"] == "https://doi.org/10.6028/NIST.AI.600-1"
    assert Counter(row[1] for row in table.rows) == {"GV": 58, "MP": 39, "MS": 72, "MG": 43}
    for ident, group, subgroup, label in table.rows:
        assert re.fullmatch(r"(GV|MP|MS|MG)-[0-9]+\.[0-9]+-[0-9]{3}", ident)
        assert (group, subgroup) == (ident[:2], ident.rsplit("-", 1)[0])
        assert 3 <= len(label.split()) <= 8, label  # a short label, never the action's text
    assert table.rows[0][0] == "GV-1.1-001" and table.rows[-1][0] == "MG-4.3-003"  # NIST's order


def test_fmti_target_list() -> None:
    table = read_table(CROSSWALKS / "fmti-2025.targets.tsv")
    assert table.meta["url"] == "https://crfm.stanford.edu/fmti/December-2025/index.html"
    attribution = table.meta["attribution"]
    assert all(n in attribution for n in ("Bommasani", "Klyman", "Stanford", "CRFM", "CC BY 4.0"))
    counts = Counter(row[1] for row in table.rows)
    assert counts == {"Upstream": 34, "Model": 30, "Downstream": 36}
    for ident, _group, _subgroup, label in table.rows:
        assert ident == slug(label)
    assert ("ai-bug-bounty", "Post-deployment monitoring", "AI bug bounty") in {
        (row[0], row[2], row[3]) for row in table.rows
    }


def test_the_slug_rule() -> None:
    generator = load_generator()
    for name, expected in [
        ("AI bug bounty", "ai-bug-bounty"),
        ("Compute usage including R&D", "compute-usage-including-r-d"),
        ("Consumer/enterprise usage", "consumer-enterprise-usage"),
        (
            "  Permitted, restricted, and prohibited uses ",
            "permitted-restricted-and-prohibited-uses",
        ),
        ("Agent Protocols", "agent-protocols"),
    ]:
        assert slug(name) == generator.slug(name) == expected


# --- the generator of the target lists ----------------------------------------------------------


@functools.cache
def load_generator() -> ModuleType:
    """`scripts/gen_crosswalk_targets.py`, imported from its file (once)."""
    path = REPO / "scripts" / "gen_crosswalk_targets.py"
    spec = importlib.util.spec_from_file_location("gen_crosswalk_targets", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def test_generator_writes_the_lists_and_checks_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources, out = FIXTURES / "sources", tmp_path / "out"
    args = [str(sources), "--labels", str(sources / "labels.tsv"), "--out", str(out)]
    generator = load_generator()
    assert generator.main(args) == 0
    for name in ("nist-ai-600-1.targets.tsv", "fmti-2025.targets.tsv"):
        assert (out / name).read_bytes() == (FIXTURES / "expected" / name).read_bytes()
    assert generator.main([*args, "--check"]) == 0
    (out / "fmti-2025.targets.tsv").write_text("edited\n")
    assert generator.main([*args, "--check"]) == 1
    assert capsys.readouterr().err == f"stale: {out / 'fmti-2025.targets.tsv'}\n"


@pytest.mark.parametrize(
    ("sources", "labels", "message"),
    [
        (
            "sources-collision",
            "sources/labels.tsv",
            "the FMTI indicators 'AI bug bounty' and 'AI bug-bounty' have the same id "
            "'ai-bug-bounty'",
        ),
        ("sources", "sources/labels-missing-one.tsv", "no label for NIST action MS-2.10-001"),
        (
            "nowhere",
            "sources/labels.tsv",
            f"{FIXTURES / 'nowhere' / 'nist-ai-600-1' / 'nist_ai_rmf_actions_data.yaml'} "
            "does not exist",
        ),
    ],
)
def test_generator_stops_on_bad_sources_and_writes_nothing(
    sources: str, labels: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = [str(FIXTURES / sources), "--labels", str(FIXTURES / labels), "--out", str(out)]
    assert load_generator().main(args) == 2
    assert capsys.readouterr().err == f"gen_crosswalk_targets: error: {message}\n"
    assert not out.exists()


def test_rerunning_the_generator_reproduces_the_committed_lists(tmp_path: Path) -> None:
    assert load_generator().main([str(SOURCES), "--out", str(tmp_path)]) == 0
    for name in ("nist-ai-600-1.targets.tsv", "fmti-2025.targets.tsv"):
        assert (tmp_path / name).read_bytes() == (CROSSWALKS / name).read_bytes(), name


def test_the_source_copies_are_the_files_their_readme_names_byte_for_byte() -> None:
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", readme, re.MULTILINE))
    copies = {
        path.relative_to(SOURCES).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(SOURCES.rglob("*"))
        if path.is_file() and path.name not in ("README.md", "LICENSE")
    }
    assert copies == stated


# --- docs/crosswalks.md states what the files hold -------------------------------------------


DOCS_ROWS = {  # the first cell of each row of the counts table -> what it counts
    "`skos:exactMatch` rows": "skos:exactMatch",
    "`skos:narrowMatch` rows": "skos:narrowMatch",
    "`skos:broadMatch` rows": "skos:broadMatch",
    "`skos:relatedMatch` rows": "skos:relatedMatch",
    "`sssom:NoTermFound` rows": "sssom:NoTermFound",
    "All rows": "rows",
    "Practices with at least one counterpart": "practices mapped",
    "Items in the target list": "items",
    "Items mapped by at least one practice": "items mapped",
    "Items outside the guidance": "items outside the guidance",
}


def crosswalk_counts(framework: str) -> dict[str, int]:
    """What each row of the counts table in docs/crosswalks.md counts, from the files."""
    rows = read_table(CROSSWALKS / f"{PACK}--{framework}.sssom.tsv").rows
    mapped = [row for row in rows if row[2] != NO_TERM]
    relations = Counter(row[1] for row in mapped)
    items = target_ids(framework)
    reached = {row[2].partition(":")[2] for row in mapped}
    return {
        **{predicate: relations[predicate] for predicate in PREDICATES},
        "sssom:NoTermFound": len(rows) - len(mapped),
        "rows": len(rows),
        "practices mapped": len({row[0] for row in mapped}),
        "items": len(items),
        "items mapped": len(reached),
        "items outside the guidance": len(items - reached),
    }


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Each table of a Markdown page as rows of cell texts (CommonMark with GFM tables)."""
    tables: list[list[list[str]]] = []
    inside = False
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type in ("table_open", "table_close"):
            inside = token.type == "table_open"
            tables += [[]] if inside else []
        elif inside and token.type == "tr_open":
            tables[-1].append([])
        elif inside and token.type == "inline":
            tables[-1][-1].append(token.content)
    return tables


def test_the_docs_state_the_counts_of_the_crosswalks() -> None:
    tables = markdown_tables((REPO / "docs" / "crosswalks.md").read_text(encoding="utf-8"))
    (table,) = [t for t in tables if t[0][0] == "Count"]
    assert table[0] == ["Count", "NIST AI 600-1", "FMTI 2025"]
    counts = {framework: crosswalk_counts(framework) for framework in FRAMEWORKS}
    assert table[1:] == [
        [label, str(counts["nist-ai-600-1"][key]), str(counts["fmti-2025"][key])]
        for label, key in DOCS_ROWS.items()
    ]


def test_the_docs_list_every_row_that_claims_more_than_an_overlap() -> None:
    tables = markdown_tables((REPO / "docs" / "crosswalks.md").read_text(encoding="utf-8"))
    (table,) = [t for t in tables if t[0] == ["Practice", "Relation", "Item"]]
    claims = [
        [f"`{row[0].removeprefix('paiguard:')}`", f"`{row[1]}`", f"`{row[2]}`"]
        for framework in FRAMEWORKS
        for row in read_table(CROSSWALKS / f"{PACK}--{framework}.sssom.tsv").rows
        if row[1] != "skos:relatedMatch" and row[2] != NO_TERM
    ]
    assert table[1:] == claims
