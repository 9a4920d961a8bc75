"""`paiguard schema`: the declaration's JSON Schema, for editors and other validators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, config_for, registry_for


def command(
    pack_ref: Annotated[
        str | None,
        typer.Option(
            "--pack",
            "-p",
            metavar="PACK",
            help="List this pack's practice ids, with their guidance text (id or id@major).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the schema to a file.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """Print the declaration's JSON Schema, for editor completion and hover (draft 2020-12)."""
    from paiguard.schema_export import schema_json

    pack = None
    if pack_ref is not None:
        pack = registry_for(config_for(config_file), pack_path or []).require(pack_ref)
    text = schema_json(pack)
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return 0
    from paiguard.fsio import atomic_write

    atomic_write(output, text, force=force)
    return 0
