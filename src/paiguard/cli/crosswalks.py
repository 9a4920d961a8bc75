"""`paiguard crosswalks`: the crosswalks from each pack to other frameworks, with their counts."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, Segment, config_for, print_lines, registry_for

if TYPE_CHECKING:
    from paiguard.crosswalks import Applied

RELATIONS = (  # the columns of the row counts, and the keys they count
    ("exact", "skos:exactMatch"),
    ("narrow", "skos:narrowMatch"),
    ("broad", "skos:broadMatch"),
    ("related", "skos:relatedMatch"),
    ("none", "sssom:NoTermFound"),
)


NUMBERS = 3  # the index of the first column of counts


class ListFormat(StrEnum):
    """How `crosswalks` prints its list."""

    TEXT = "text"
    JSON = "json"


def command(
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.TEXT,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """List the crosswalks from each pack to other frameworks, with their counts.

    practices: the pack's practices mapped to at least one item, of all; items: the
    framework's; outside: items no practice maps to (outside the guidance); exact ... none:
    rows per relation (none: sssom:NoTermFound, a practice with no counterpart). A pack that
    extends another inherits its crosswalks.
    """
    from paiguard.crosswalk_registry import for_pack, scan

    registry = registry_for(config_for(config_file), pack_path or [])
    folders = scan(registry)
    refs = dict.fromkeys(pack.ref for pack in registry.all())
    found = [a for ref in refs for a in for_pack(registry.require(ref), registry, folders)]
    if output_format is ListFormat.JSON:
        from paiguard import __version__

        data = {"paiguard": __version__, "crosswalks": [_data(a) for a in found]}
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif found:
        print_lines(_table(found))
    else:
        print_lines([[("no crosswalks", "dim")]])
    return 0


def _data(applied: Applied) -> dict[str, Any]:
    from paiguard.crosswalks import counts

    framework, count = applied.crosswalk.framework, counts(applied)
    return {
        "pack": applied.pack.ref,
        "framework": framework.name,
        "inherited_from": applied.inherited_from,
        "shipped": applied.crosswalk.shipped,
        "target": {
            "title": framework.title,
            "version": framework.version,
            "url": framework.url,
            "prefix": framework.prefix,
        },
        "practices": {"mapped": count.mapped, "total": count.practices},
        "items": {"total": count.items, "outside": count.outside},
        "rows": {**count.rows, "total": count.total_rows},
    }


def _table(found: list[Applied]) -> list[list[Segment]]:
    from paiguard.crosswalks import counts

    header = ["pack", "framework", "inherited from", "practices", "items", "outside"]
    header += [name for name, _ in RELATIONS]
    rows = []
    for applied in found:
        count = counts(applied)
        rows.append(
            [
                applied.pack.ref,
                applied.crosswalk.framework.name,
                applied.inherited_from or "-",
                f"{count.mapped}/{count.practices}",
                str(count.items),
                str(count.outside),
                *(str(count.rows[key]) for _, key in RELATIONS),
            ]
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines: list[list[Segment]] = [[(_aligned(header, widths) + "  target", "bold")]]
    for applied, row in zip(found, rows, strict=True):
        framework = applied.crosswalk.framework
        pack, rest = _aligned(row, widths).split(" ", 1)
        title = f"  {framework.title} ({framework.version})"
        lines.append([(pack, "bold"), (f" {rest}", ""), (title, "dim")])
    return lines


def _aligned(cells: list[str], widths: list[int]) -> str:
    """The cells two spaces apart: names left-aligned, the counts from `practices` on right."""
    return "  ".join(
        cell.ljust(width) if index < NUMBERS else cell.rjust(width)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )
