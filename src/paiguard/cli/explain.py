"""`paiguard explain ID`: a check code, a guideline (by id or number), a practice, or an item of
a framework that a crosswalk maps (`nist600:GV-1.7-002`), in words."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, Segment, config_for, print_lines, registry_for
from paiguard.errors import PaiguardError

if TYPE_CHECKING:
    from paiguard.crosswalk_registry import ItemFound
    from paiguard.crosswalks import Crosswalk
    from paiguard.pack_registry import PackRegistry
    from paiguard.packs import Guideline, Pack, PracticeRef


def command(
    identifier: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A check code (PG102), guideline (red-teaming, or its number: 8), practice id, "
            "or an item of a crosswalk's framework (nist600:GV-1.7-002, fmti2025:ai-bug-bounty).",
        ),
    ],
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """Explain a check code, a guideline (by id or number), a practice, or a framework's item."""
    from paiguard.codes import CODES

    code = CODES.get(identifier.upper())
    if code is not None:
        print_lines(
            [
                [
                    (f"{code.code}", "bold"),
                    (f" ({code.severity.value}) ", code.severity.value),
                    (code.title, "bold"),
                ],
                [],
                [(code.explain, "")],
                [],
                [("fix: ", "bold"), (code.hint, "")],
                [
                    ("severity: ", "bold"),
                    (
                        "configurable in [tool.paiguard] severity"
                        if code.configurable
                        else "fixed: config cannot change or disable it",
                        "",
                    ),
                ],
            ]
        )
        return 0
    registry = registry_for(config_for(config_file), pack_path or [])
    if ":" in identifier:  # no code, guideline or practice id has one
        return _explain_item(registry, identifier)
    if identifier.isascii() and identifier.isdigit():
        print_lines(_numbered(list(reversed(registry.all())), int(identifier)))
        return 0
    for pack in reversed(registry.all()):
        ref = pack.practices.get(identifier)
        if ref is not None:
            print_lines(_practice(pack, ref))
            return 0
        for stage in pack.stages:
            for guideline in stage.guidelines:
                if guideline.id == identifier:
                    print_lines(_guideline(pack.ref, stage.title, guideline))
                    return 0
    if _explain_item(registry, identifier, bare=True) == 0:
        return 0
    known = list(CODES)
    for pack in registry.all():
        known += list(pack.practices)
        known += [g.id for s in pack.stages for g in s.guidelines]
    close = difflib.get_close_matches(identifier, known, n=1)
    if not close:
        from paiguard.crosswalk_registry import close_items

        close = close_items(registry, identifier)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise PaiguardError(f"no check code, guideline or practice {identifier!r}{hint}")


def _explain_item(registry: PackRegistry, identifier: str, *, bare: bool = False) -> int:
    """Explain an item of a crosswalk's framework: 0, or 1 when a bare id is no item."""
    from paiguard.crosswalk_registry import find_item

    found = find_item(registry, identifier)
    if found is None:
        assert bare
        return 1
    print_lines(_item(found))
    return 0


def _item(found: ItemFound) -> list[list[Segment]]:
    framework, item = found.framework, found.item
    vocabulary = framework.vocabulary
    group = framework.group_name(item.group)
    lines: list[list[Segment]] = [
        [
            (f"{framework.prefix}:{item.id}", "bold"),
            (f" ({vocabulary.item} of {framework.name}, {group} › {item.subgroup})", "dim"),
        ],
        [(item.label, "bold")],
        [],
        [(f"{framework.title}, {framework.version}", "")],
        [("full text: ", "dim"), (framework.url, "")],
    ]
    for crosswalk in found.crosswalks:
        lines += _mapped(crosswalk, item.id, vocabulary.item)
    return lines


def _mapped(crosswalk: Crosswalk, item: str, noun: str) -> list[list[Segment]]:
    """The practices of one crosswalk's pack mapped to `item`, with relation, text and why."""
    mappings = crosswalk.to(item)
    pack = crosswalk.pack
    if not mappings:
        return [[], [(f"no practice of {pack.ref} maps to this {noun}: outside the guidance", "")]]
    count = f"{len(mappings)} practice{'s' if len(mappings) > 1 else ''}"
    lines: list[list[Segment]] = [[], [(f"{pack.ref} maps {count} to it:", "bold")]]
    for mapping in mappings:
        practice = pack.practices[mapping.practice].practice
        lines += [
            [],
            [
                (practice.id, "code"),
                (f" {mapping.relation.words}", "bold"),
                (f" ({practice.level.value} practice, {mapping.relation.value})", "dim"),
            ],
            [("  " + " ".join(practice.text.split()), "")],
            [("  why: ", "dim"), (mapping.comment, "")],
        ]
    return lines


def _numbered(packs: list[Pack], number: int) -> list[list[Segment]]:
    """The guideline with this number in the published text, or an error naming the range."""
    for pack in packs:
        for guideline, stage in pack.guidelines():
            if guideline.number == number:
                return _guideline(pack.ref, stage.title, guideline)
    numbers = sorted({g.number for p in packs for g, _ in p.guidelines() if g.number is not None})
    if not numbers:
        raise PaiguardError(f"no guideline number {number}: no pack numbers its guidelines")
    raise PaiguardError(
        f"no guideline number {number}; the guidelines are numbered {_runs(numbers)}"
    )


def _runs(numbers: list[int]) -> str:
    """`1-22` (or `1-22, 30` where there are gaps) for sorted distinct numbers."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


def _title(guideline: Guideline) -> str:
    """`8. Undertake red-teaming and share findings` (no number for an unnumbered guideline)."""
    number = f"{guideline.number}. " if guideline.number is not None else ""
    return number + guideline.title


def _practice(pack: Pack, ref: PracticeRef) -> list[list[Segment]]:
    practice, guideline, stage = ref.practice, ref.guideline, ref.stage
    lines: list[list[Segment]] = [
        [(practice.id, "bold"), (f" ({practice.level.value} practice, {pack.ref})", "dim")],
        [(f"{stage.title} › {_title(guideline)}", "dim")],
        [],
        [(practice.text, "")],
    ]
    if practice.effective_from:
        lines += [[], [(f"required from {practice.effective_from}", "warning")]]
    context = pack.practices.get(practice.leans_on) if practice.leans_on else None
    if context is not None:
        sentence = " ".join(context.practice.text.split())
        lines += [[], [("continues ", "dim"), (context.practice.id, "code"), (f": {sentence}", "")]]
    lines += _citations(pack, ref)
    scope = practice.scope
    lines += [[], [("scope: ", "bold"), (f"{scope.value}: {scope.meaning}", "")]]
    for note in guideline.notes:
        lines += [[], [(note, "dim")]]
    return lines


def _citations(pack: Pack, ref: PracticeRef) -> list[list[Segment]]:
    """Each cross-reference of the practice's text with the guideline it means."""
    lines: list[list[Segment]] = [
        [(f"{phrase} → ", "dim"), (guideline.id, "code"), (f" ({_title(guideline)})", "")]
        for phrase, guideline in pack.cited(ref)
    ]
    return [[], *lines] if lines else []


def _guideline(pack_ref: str, stage_title: str, guideline: Guideline) -> list[list[Segment]]:
    number = f"guideline {guideline.number}, " if guideline.number is not None else ""
    lines: list[list[Segment]] = [
        [(guideline.id, "bold"), (f" ({number}{stage_title}, {pack_ref})", "dim")],
        [(guideline.title, "bold")],
        [],
        [(guideline.summary, "")],
    ]
    for note in guideline.notes:
        lines += [[], [(note, "dim")]]
    lines.append([])
    for practice in guideline.practices:
        lines.append(
            [
                (f"{practice.id:<28}", "code"),
                (f" {practice.level.value:<12}", "dim"),
                (f" {practice.scope.value:<13}", "dim"),
                (" ".join(practice.text.split()), ""),
            ]
        )
    for resource in guideline.resources:
        lines += [[], [("resource: ", "bold"), (resource, "")]]
    return lines
