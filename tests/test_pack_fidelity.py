"""Fidelity of the Frontier x Restricted API rule pack to PAI's published text (SPEC section 1).

The seed-dependent tests parse the published checklist itself, as the repository keeps it
(``guidance/sources/pai-frontier-restricted-api.txt``: an HTML-ish table with one row per line and
the two cells separated by a tab), and check that the pack carries every sentence of it verbatim,
once, in the right guideline, level and order; that each guideline's number is its place in the
text; and that each practice split from a paragraph that names the practice it `leans_on` names
the sentence before it, in the same paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

PACK_FILE = Path(__file__).parents[1] / "guidance" / "pai-frontier-restricted-api.yaml"
SEED_FILE = (
    Path(__file__).resolve().parents[1] / "guidance" / "sources" / "pai-frontier-restricted-api.txt"
)

# SPEC 1.1: stage ids and guideline ids, in seed order.
SPEC_IDS: dict[str, list[str]] = {
    "research-development": [
        "novel-risks",
        "responsible-iteration",
        "upstream-security",
        "pre-systems-card",
        "risk-management",
    ],
    "pre-deployment": [
        "internal-evaluation",
        "external-evaluation",
        "red-teaming",
        "public-reporting",
        "downstream-documentation",
        "safeguards",
    ],
    "post-deployment": [
        "monitoring",
        "incident-reporting",
        "decommissioning",
        "transparency-reporting",
    ],
    "societal-impact": [
        "third-party-inspection",
        "responsible-labor",
        "human-rights",
        "feedback-mechanisms",
        "environmental-impact",
        "synthetic-content",
        "labor-market-risks",
    ],
}
ALL_IDS: list[str] = [gid for gids in SPEC_IDS.values() for gid in gids]
LEVELS: tuple[str, str] = ("baseline", "recommended")
LEVEL_LETTER: dict[str, str] = {"baseline": "b", "recommended": "r"}
GUIDELINE_KEYS: frozenset[str] = frozenset(
    {"id", "number", "title", "summary", "notes", "resources", "practices"}
)
PRACTICE_KEYS: frozenset[str] = frozenset({"id", "level", "text", "scope"})
OPTIONAL_PRACTICE_KEYS: frozenset[str] = frozenset({"effective_from", "leans_on", "refers_to"})

# The only seed sentences of BASELINE/RECOMMENDED PRACTICES cells that are not commitments, and so
# are not practices: guideline -> {sentence: the guideline list ("notes" | "resources") holding it}.
NON_COMMITMENTS: dict[str, dict[str, str]] = {
    "pre-systems-card": {
        "(Note: baseline practices for disclosure practices are still emerging across "
        "stakeholders.)": "notes",
        "The guidance on Responsible Iteration guides testing and release practices, while "
        "pre-systems cards disclose development plans before implementation.": "notes",
    },
    "external-evaluation": {
        "(Note: Enabling robust third-party auditing remains an open challenge requiring ongoing "
        "research and attention.)": "notes",
    },
    "incident-reporting": {
        "(Note that baseline practices for incident reporting are still emerging across "
        "stakeholders.)": "notes",
    },
    "third-party-inspection": {
        "(Note: Enabling robust third-party auditing remains an open challenge requiring ongoing "
        "research and attention).": "notes",
    },
    "synthetic-content": {
        "See Section 2 of PAI's Responsible Practices for Synthetic Media for more information "
        "and practices for those building the models for synthetic media.": "resources",
    },
}

CELL_LABELS: dict[str, str] = {
    "BASELINE PRACTICES": "baseline",
    "RECOMMENDED PRACTICES": "recommended",
    "IMPLEMENTATION RESOURCES": "resources",
}
PRACTICE_ID = re.compile(r"^(?P<gid>[a-z0-9-]+)\.(?P<letter>[br])(?P<n>[1-9][0-9]*)$")
BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li)\b[^>]*>")
ANY_TAG = re.compile(r"<[^>]+>")
ITALIC = re.compile(r"<i>(.*?)</i>", re.DOTALL)
# A sentence ends at . ! or ? (optionally followed by a closing bracket or quote) when whitespace
# and a capital letter or an opening bracket/quote follow; "ie. governments" is not an end.
SENTENCE_END = re.compile(r"(?<=[.!?])([)”\"]?)\s+(?=[A-Z(“\"])")


# --------------------------------------------------------------------------- text helpers


def strip_tags(html: str) -> str:
    """Cell text without tags, whitespace runs collapsed (they only come from the markup)."""
    return " ".join(ANY_TAG.sub(" ", html).split())


def split_sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(paragraph):
        sentences.append(paragraph[start : match.start() + len(match.group(1))].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


@dataclass(frozen=True)
class Unit:
    """One sentence of a seed cell; ``bullet`` when it is (part of) a "•" list item."""

    text: str
    bullet: bool


def cell_units(cell: str) -> list[Unit]:
    """Sentences of a seed cell in order: <p>/<ul>/<li> and "•" start new paragraphs."""
    units: list[Unit] = []
    for paragraph in BLOCK_TAG.sub("\n", cell).split("\n"):
        for index, item in enumerate(paragraph.split("•")):
            text = strip_tags(item)
            units.extend(Unit(sentence, index > 0) for sentence in split_sentences(text))
    return units


def cell_paragraphs(cell: str) -> list[str]:
    return [t for p in BLOCK_TAG.sub("\n", cell).split("\n") if (t := strip_tags(p))]


def practice_sentences(text: str) -> list[str]:
    """Sentences of a pack practice: its lines (bullet lines start with "• "), split."""
    sentences: list[str] = []
    for line in text.split("\n"):
        sentences.extend(split_sentences(line.removeprefix("• ")))
    return sentences


# --------------------------------------------------------------------------- the seed


@dataclass
class SeedGuideline:
    title: str
    head: str  # the right cell of the title row: summary plus italic notes
    cells: dict[str, str] = field(default_factory=dict)  # baseline/recommended/resources -> cell

    @property
    def summary(self) -> str:
        return strip_tags(ITALIC.sub(" ", self.head))

    @property
    def head_notes(self) -> list[str]:
        return [strip_tags(note) for note in ITALIC.findall(self.head)]

    def units(self, level: str) -> list[Unit]:
        return cell_units(self.cells[level]) if level in self.cells else []


@dataclass
class SeedStage:
    title: str
    guidelines: list[SeedGuideline] = field(default_factory=list)


def parse_seed(text: str) -> list[SeedStage]:
    """The checklist table: stage headings are the plain lines around the tab-separated rows."""
    lines = text.splitlines()
    first_row = next(i for i, line in enumerate(lines) if "\t" in line)
    heading = [line for line in lines[:first_row] if line.strip()][-1]
    stages = [SeedStage(heading.strip())]
    for line in lines[first_row:]:
        if not line.strip():
            continue
        if "\t" not in line:
            stages.append(SeedStage(line.strip()))
            continue
        left, right = line.split("\t")
        label = strip_tags(left)
        if label in CELL_LABELS:
            guideline = stages[-1].guidelines[-1]
            assert CELL_LABELS[label] not in guideline.cells, f"{guideline.title}: two {label}"
            guideline.cells[CELL_LABELS[label]] = right
        else:
            stages[-1].guidelines.append(SeedGuideline(title=label, head=right))
    return stages


@cache
def load_seed() -> list[SeedStage]:
    return parse_seed(SEED_FILE.read_text(encoding="utf-8"))


@cache
def load_pack() -> dict[str, Any]:
    data = YAML(typ="safe").load(PACK_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{PACK_FILE} does not hold a mapping"
    return data


def pack_guidelines() -> dict[str, dict[str, Any]]:
    return {g["id"]: g for st in load_pack()["stages"] for g in st["guidelines"]}


def practices_at(gid: str, level: str) -> list[dict[str, Any]]:
    return [p for p in pack_guidelines()[gid]["practices"] if p["level"] == level]


def all_practices() -> Iterator[tuple[str, dict[str, Any]]]:
    for gid, guideline in pack_guidelines().items():
        for practice in guideline["practices"]:
            yield gid, practice


@pytest.fixture(scope="module")
def seed() -> dict[str, tuple[str, SeedGuideline]]:
    """SPEC guideline id -> (seed stage title, seed guideline)."""
    stages = load_seed()
    sizes = [len(stage.guidelines) for stage in stages]
    expected = [len(gids) for gids in SPEC_IDS.values()]
    assert sizes == expected, f"seed parsed into stages of {sizes} guidelines, expected {expected}"
    return {
        gid: (stage.title, guideline)
        for gids, stage in zip(SPEC_IDS.values(), stages, strict=True)
        for gid, guideline in zip(gids, stage.guidelines, strict=True)
    }


# --------------------------------------------------------------------------- structure (no seed)


def test_pack_header() -> None:
    pack = load_pack()
    assert pack["pack"] == "pai-frontier-restricted-api"
    assert isinstance(pack["version"], str)
    assert re.fullmatch(r"\d+\.\d+\.\d+", pack["version"]), pack["version"]
    assert pack["applies_to"] == {"model_type": "frontier", "release_type": "restricted-api"}
    assert pack["source"]["publisher"] == "Partnership on AI"
    assert set(pack["source"]) == {"publisher", "document", "url", "edition"}
    assert pack["renamed"] == {}


def test_stages_and_guideline_ids_follow_spec_order() -> None:
    found = {st["id"]: [g["id"] for g in st["guidelines"]] for st in load_pack()["stages"]}
    assert list(found) == list(SPEC_IDS), "stage ids or their order differ from SPEC 1.1"
    for stage_id, gids in SPEC_IDS.items():
        assert found[stage_id] == gids, f"stage {stage_id}: guideline ids differ from SPEC 1.1"


def test_fields_are_the_spec_fields() -> None:
    problems: list[str] = []
    for stage in load_pack()["stages"]:
        if set(stage) != {"id", "title", "guidelines"}:
            problems.append(f"stage {stage.get('id')}: keys {sorted(stage)}")
        for guideline in stage["guidelines"]:
            if set(guideline) != GUIDELINE_KEYS:
                problems.append(f"guideline {guideline.get('id')}: keys {sorted(guideline)}")
            for name in ("notes", "resources"):
                if not isinstance(guideline.get(name), list):
                    problems.append(f"guideline {guideline.get('id')}: {name} is not a list")
            for practice in guideline["practices"]:
                if not PRACTICE_KEYS <= set(practice) <= PRACTICE_KEYS | OPTIONAL_PRACTICE_KEYS:
                    problems.append(f"practice {practice.get('id')}: keys {sorted(practice)}")
    assert not problems, "\n".join(problems)


def test_practice_ids_are_numbered_per_guideline_and_level() -> None:
    problems: list[str] = []
    seen: set[str] = set()
    for gid, guideline in pack_guidelines().items():
        counters = dict.fromkeys(LEVELS, 0)
        for practice in guideline["practices"]:
            pid, level = practice["id"], practice["level"]
            if pid in seen:
                problems.append(f"{pid}: duplicate practice id")
            seen.add(pid)
            if level not in LEVELS:
                problems.append(f"{pid}: level {level!r} is not baseline or recommended")
                continue
            counters[level] += 1
            expected = f"{gid}.{LEVEL_LETTER[level]}{counters[level]}"
            match = PRACTICE_ID.match(pid)
            if match is None or match["gid"] != gid:
                problems.append(f"{pid}: not of the form {gid}.b<n> / {gid}.r<n>")
            elif pid != expected:
                problems.append(f"{pid} ({level}): expected {expected} (consecutive from 1)")
    assert not problems, "\n".join(problems)


def test_guidelines_are_numbered_1_to_22_in_order() -> None:
    numbers = [guideline["number"] for guideline in pack_guidelines().values()]
    assert numbers == list(range(1, len(ALL_IDS) + 1))
    assert all(type(n) is int for n in numbers)


def test_every_practice_has_a_scope() -> None:
    scopes = {practice["id"]: practice["scope"] for _, practice in all_practices()}
    assert set(scopes.values()) == {"model", "organisation"}, set(scopes.values())


def test_leans_on_names_the_practice_before_it_in_its_guideline_and_level() -> None:
    problems: list[str] = []
    for gid in pack_guidelines():
        for level in LEVELS:
            practices = practices_at(gid, level)
            for before, practice in zip([None, *practices], practices, strict=False):
                leans_on = practice.get("leans_on")
                if leans_on is not None and (before is None or leans_on != before["id"]):
                    expected = before["id"] if before else "nothing (it is the first)"
                    problems.append(f"{practice['id']}: leans_on {leans_on}, expected {expected}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("gid", ALL_IDS)
def test_every_guideline_has_a_baseline_practice(gid: str) -> None:
    guideline = pack_guidelines()[gid]
    assert guideline["practices"], f"{gid}: no practices"
    assert practices_at(gid, "baseline"), f"{gid}: no baseline practice"


def test_texts_are_clean_single_line_strings() -> None:
    problems: list[str] = []

    def check(where: str, value: object, *, bullets: bool = False) -> None:
        if not isinstance(value, str) or not value:
            problems.append(f"{where}: not a non-empty string: {value!r}")
            return
        lines = value.split("\n")
        if len(lines) > 1 and not (bullets and all(ln.startswith("• ") for ln in lines[1:])):
            problems.append(f"{where}: line breaks other than before '• ' bullets: {value!r}")
        for line in lines:
            if line != line.strip() or "  " in line or "\t" in line:
                problems.append(f"{where}: stray whitespace in {line!r}")
            if ANY_TAG.search(line) or "•" in line.removeprefix("• "):
                problems.append(f"{where}: markup or a bullet inside a line: {line!r}")

    for stage in load_pack()["stages"]:
        check(f"stage {stage['id']} title", stage["title"])
        for guideline in stage["guidelines"]:
            gid = guideline["id"]
            check(f"{gid} title", guideline["title"])
            check(f"{gid} summary", guideline["summary"])
            for name in ("notes", "resources"):
                for index, item in enumerate(guideline[name]):
                    check(f"{gid} {name}[{index}]", item)
            for practice in guideline["practices"]:
                check(practice["id"], practice["text"], bullets=True)
    assert not problems, "\n".join(problems)


def test_non_commitment_sentences_are_in_notes_or_resources_not_practices() -> None:
    guidelines = pack_guidelines()
    problems: list[str] = []
    for gid, sentences in NON_COMMITMENTS.items():
        for sentence, where in sentences.items():
            if sentence not in guidelines[gid][where]:
                problems.append(f"{gid}: {sentence!r} is not in its {where}")
    for gid, practice in all_practices():
        for sentence in practice_sentences(practice["text"]):
            if sentence in NON_COMMITMENTS.get(gid, {}):
                problems.append(f"{practice['id']}: non-commitment sentence {sentence!r}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- fidelity to the seed


def test_seed_stage_titles_are_verbatim(seed: dict[str, tuple[str, SeedGuideline]]) -> None:
    for stage in load_pack()["stages"]:
        seed_title = seed[SPEC_IDS[stage["id"]][0]][0]
        assert stage["title"] == seed_title, f"stage {stage['id']}: title differs from the seed"


@pytest.mark.parametrize("gid", ALL_IDS)
def test_title_and_summary_are_verbatim(
    gid: str, seed: dict[str, tuple[str, SeedGuideline]]
) -> None:
    guideline, seed_guideline = pack_guidelines()[gid], seed[gid][1]
    assert guideline["title"] == seed_guideline.title, f"{gid}: title differs from the seed"
    assert guideline["summary"] == seed_guideline.summary, (
        f"{gid}: summary differs from the seed's (without its italic note): "
        f"{seed_guideline.summary!r}"
    )


def test_non_commitment_allowlist_matches_the_seed(
    seed: dict[str, tuple[str, SeedGuideline]],
) -> None:
    for gid, sentences in NON_COMMITMENTS.items():
        seed_sentences = [u.text for level in LEVELS for u in seed[gid][1].units(level)]
        for sentence in sentences:
            assert seed_sentences.count(sentence) == 1, (
                f"{gid}: allowlisted sentence is not (once) in its seed practice cells: "
                f"{sentence!r}"
            )


def _where_else(sentence: str, seed: dict[str, tuple[str, SeedGuideline]]) -> str:
    places = [
        f"{gid}/{level}"
        for gid, (_, sg) in seed.items()
        for level in LEVELS
        if sentence in [u.text for u in sg.units(level)]
    ]
    return f" (the seed has it under {', '.join(places)})" if places else " (not in the seed)"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("gid", ALL_IDS)
def test_practices_hold_each_seed_sentence_once_in_order(
    gid: str, level: str, seed: dict[str, tuple[str, SeedGuideline]]
) -> None:
    seed_guideline = seed[gid][1]
    skipped = NON_COMMITMENTS.get(gid, {})
    seed_sentences = [u.text for u in seed_guideline.units(level)]
    expected = [s for s in seed_sentences if s not in skipped]
    practices = practices_at(gid, level)
    found = [(p["id"], s) for p in practices for s in practice_sentences(p["text"])]
    found_texts = [s for _, s in found]
    flat_cell = strip_tags(seed_guideline.cells.get(level, ""))
    problems: list[str] = []
    for pid, sentence in found:
        if sentence not in seed_sentences:
            problems.append(
                f"{pid}: sentence not in the seed's {level} cell of {gid}: "
                f"{sentence!r}{_where_else(sentence, seed)}"
            )
        elif sentence in skipped:
            problems.append(f"{pid}: non-commitment sentence belongs in {skipped[sentence]}")
    for sentence in expected:
        count = found_texts.count(sentence)
        if count != 1:
            problems.append(
                f"{gid} {level}: seed sentence found in {count} practices, "
                f"expected exactly 1: {sentence!r}"
            )
    for practice in practices:
        if practice["text"].replace("\n• ", " • ") not in flat_cell:
            problems.append(
                f"{practice['id']}: text is not a verbatim stretch of the seed's "
                f"{level} cell (spacing, joins or bullets changed?): "
                f"{practice['text']!r}"
            )
    if not problems and found_texts != expected:
        first = next(
            (i for i, (a, b) in enumerate(zip(found_texts, expected, strict=False)) if a != b),
            min(len(found_texts), len(expected)),
        )
        problems.append(
            f"{gid} {level}: practices are not in seed order from sentence "
            f"{first + 1}: pack {found_texts[first : first + 1]!r}, "
            f"seed {expected[first : first + 1]!r}"
        )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("gid", ALL_IDS)
def test_bullet_items_stay_bullets(gid: str, seed: dict[str, tuple[str, SeedGuideline]]) -> None:
    for level in LEVELS:
        texts = [p["text"] for p in practices_at(gid, level)]
        for unit in seed[gid][1].units(level):
            if unit.bullet:
                assert any(f"\n• {unit.text}" in text for text in texts), (
                    f"{gid} {level}: seed bullet item not on its own '• ' line: {unit.text!r}"
                )


@pytest.mark.parametrize("gid", ALL_IDS)
def test_resources_are_verbatim(gid: str, seed: dict[str, tuple[str, SeedGuideline]]) -> None:
    seed_guideline = seed[gid][1]
    expected = cell_paragraphs(seed_guideline.cells.get("resources", ""))
    expected += [
        u.text
        for level in LEVELS
        for u in seed_guideline.units(level)
        if NON_COMMITMENTS.get(gid, {}).get(u.text) == "resources"
    ]
    assert pack_guidelines()[gid]["resources"] == expected, (
        f"{gid}: resources differ from the seed's IMPLEMENTATION RESOURCES (+ allowlisted pointers)"
    )


@pytest.mark.parametrize("gid", ALL_IDS)
def test_notes_are_verbatim(gid: str, seed: dict[str, tuple[str, SeedGuideline]]) -> None:
    seed_guideline = seed[gid][1]
    expected = seed_guideline.head_notes + [
        u.text
        for level in LEVELS
        for u in seed_guideline.units(level)
        if NON_COMMITMENTS.get(gid, {}).get(u.text) == "notes"
    ]
    assert pack_guidelines()[gid]["notes"] == expected, (
        f"{gid}: notes differ from the seed's italic asides and allowlisted notes, in seed order"
    )


def test_numbers_are_the_places_of_the_guidelines_in_the_published_text() -> None:
    published = [guideline.title for stage in load_seed() for guideline in stage.guidelines]
    assert len(published) == len(ALL_IDS)
    for gid, guideline in pack_guidelines().items():
        assert guideline["title"] == published[guideline["number"] - 1], gid


def test_the_texts_own_guidance_19_is_its_feedback_guideline() -> None:
    """The one number the published text cites: secure reporting channels "aligned with guidance
    19" are the feedback channels of guideline 19, so the text numbers as the pack does."""
    (cited,) = [p for _, p in all_practices() if "guidance 19" in p["text"]]
    assert cited["id"] == "incident-reporting.b1"
    (nineteen,) = [g for g in pack_guidelines().values() if g["number"] == 19]
    assert nineteen["id"] == "feedback-mechanisms"
    assert nineteen["title"] == "Enable feedback mechanisms across the AI value chain"


def test_a_practice_that_leans_on_another_was_split_from_its_paragraph(
    seed: dict[str, tuple[str, SeedGuideline]],
) -> None:
    """`leans_on` marks a sentence that continues the one before it in the same published
    paragraph; the pack's practices name it for exactly such sentences."""
    leaning = [(gid, p) for gid, p in all_practices() if p.get("leans_on")]
    assert len(leaning) >= 5
    practices = {p["id"]: p for _, p in all_practices()}
    for gid, practice in leaning:
        before = practices[practice["leans_on"]]
        paragraphs = cell_paragraphs(seed[gid][1].cells[practice["level"]])
        assert any(
            f"{before['text']} {practice['text']}" in paragraph for paragraph in paragraphs
        ), f"{practice['id']} does not continue {before['id']} in one published paragraph"
