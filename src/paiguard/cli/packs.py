"""`paiguard packs` and `paiguard packs show P`: the rule packs paiguard knows."""

from __future__ import annotations

import difflib
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, Segment, config_for, print_lines, registry_for
from paiguard.errors import PaiguardError

if TYPE_CHECKING:
    from paiguard.packs import Pack, Practice

app = typer.Typer(
    help="List the rule packs, or show one.",
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode=None,
)


class PackFormat(StrEnum):
    """How `packs show` prints a pack."""

    TEXT = "text"
    JSON = "json"
    YAML = "yaml"


@app.callback()
def list_packs(
    ctx: typer.Context,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """List the packs: id@major, version, what they apply to, and their size."""
    if ctx.invoked_subcommand is not None:
        return 0
    registry = registry_for(config_for(config_file), pack_path or [])
    lines: list[list[Segment]] = []
    for pack in registry.all():
        counts = pack.counts()
        applies = f"{pack.applies_to.model_type} x {pack.applies_to.release_type}"
        lines.append(
            [
                (f"{pack.ref:<32}", "bold"),
                (f" {pack.version:<8} {applies:<28}", ""),
                (
                    f" {counts['guidelines']} guidelines, {counts['baseline']} baseline, "
                    f"{counts['recommended']} recommended practices",
                    "dim",
                ),
            ]
        )
    print_lines(lines)
    return 0


@app.command("show")
def show(
    pack_ref: Annotated[str, typer.Argument(metavar="PACK", help="Pack id or id@major.")],
    output_format: Annotated[
        PackFormat, typer.Option("--format", "-f", help="Output format.")
    ] = PackFormat.TEXT,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """Print one pack: as an outline (text), or as JSON or YAML with the pack's field names."""
    from paiguard.packs import dump

    registry = registry_for(config_for(config_file), pack_path or [])
    pack = registry.get(pack_ref)
    if pack is None:
        known = sorted({p.pack for p in registry.all()} | {p.ref for p in registry.all()})
        close = difflib.get_close_matches(pack_ref, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else f"; packs: {', '.join(known)}"
        raise PaiguardError(f"no pack {pack_ref}{hint}")
    if output_format is PackFormat.JSON:
        sys.stdout.write(json.dumps(dump(pack), indent=2, ensure_ascii=False) + "\n")
    elif output_format is PackFormat.YAML:
        from paiguard import yamlsource

        sys.stdout.write(yamlsource.dump(dump(pack)))
    else:
        print_lines(_outline(pack))
    return 0


def _outline(pack: Pack) -> list[list[Segment]]:
    lines: list[list[Segment]] = [
        [(f"{pack.ref} ({pack.version})", "bold"), (f"  {pack.title}", "")],
        [(f"source: {pack.source.publisher}, {pack.source.document}", "dim")],
    ]
    for stage in pack.stages:
        lines += [[], [(stage.title.upper(), "bold")]]
        for guideline in stage.guidelines:
            number = f"{guideline.number}. " if guideline.number is not None else ""
            lines.append([(f"  {number}{guideline.id}", "bold"), (f"  {guideline.title}", "")])
            for practice in guideline.practices:
                text = " ".join(practice.text.split())
                lines.append(
                    [
                        (f"    {practice.id:<30}", "code"),
                        (f" {practice.level.value:<11} {practice.scope.value:<12} ", "dim"),
                        (text, ""),
                        *_links(practice),
                    ]
                )
    return lines


def _links(practice: Practice) -> list[Segment]:
    """`leans_on` and `refers_to` after a practice's text, under their YAML names."""
    links: list[Segment] = []
    if practice.leans_on is not None:
        links.append((f" (leans_on: {practice.leans_on})", "dim"))
    if practice.refers_to:
        links.append((f" (refers_to: {', '.join(practice.refers_to)})", "dim"))
    return links
