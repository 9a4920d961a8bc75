"""`paiguard explain ID`: a check code, a guideline or a practice, in words."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, Segment, config_for, print_lines, registry_for
from paiguard.errors import PaiguardError

if TYPE_CHECKING:
    from paiguard.packs import Guideline, PracticeRef


def command(
    identifier: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A check code (PG102), guideline (red-teaming) or practice id."
        ),
    ],
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """Explain a check code, a guideline or a practice."""
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
    for pack in reversed(registry.all()):
        ref = pack.practices.get(identifier)
        if ref is not None:
            print_lines(_practice(pack.ref, ref))
            return 0
        for stage in pack.stages:
            for guideline in stage.guidelines:
                if guideline.id == identifier:
                    print_lines(_guideline(pack.ref, stage.title, guideline))
                    return 0
    known = list(CODES)
    for pack in registry.all():
        known += list(pack.practices)
        known += [g.id for s in pack.stages for g in s.guidelines]
    close = difflib.get_close_matches(identifier, known, n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise PaiguardError(f"no check code, guideline or practice {identifier!r}{hint}")


def _practice(pack_ref: str, ref: PracticeRef) -> list[list[Segment]]:
    practice, guideline, stage = ref.practice, ref.guideline, ref.stage
    lines: list[list[Segment]] = [
        [(practice.id, "bold"), (f" ({practice.level.value} practice, {pack_ref})", "dim")],
        [(f"{stage.title} › {guideline.title}", "dim")],
        [],
        [(practice.text, "")],
    ]
    if practice.effective_from:
        lines += [[], [(f"required from {practice.effective_from}", "warning")]]
    for note in guideline.notes:
        lines += [[], [(note, "dim")]]
    return lines


def _guideline(pack_ref: str, stage_title: str, guideline: Guideline) -> list[list[Segment]]:
    lines: list[list[Segment]] = [
        [(guideline.id, "bold"), (f" ({stage_title}, {pack_ref})", "dim")],
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
                (" ".join(practice.text.split()), ""),
            ]
        )
    for resource in guideline.resources:
        lines += [[], [("resource: ", "bold"), (resource, "")]]
    return lines
