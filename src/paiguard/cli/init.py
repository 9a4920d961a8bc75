"""`paiguard init`: write a declaration scaffold listing every practice of a pack."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, config_for, registry_for
from paiguard.vocabulary import ModelType, ReleaseType


def command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File to write ('-' for standard output).")
    ] = Path("paiguard.yaml"),
    model_type: Annotated[
        ModelType | None, typer.Option("--model-type", help="The model type.")
    ] = None,
    release_type: Annotated[
        ReleaseType | None, typer.Option("--release-type", help="The release type.")
    ] = None,
    pack_ref: Annotated[
        str | None,
        typer.Option("--pack", "-p", metavar="PACK", help="The pack (id or id@major)."),
    ] = None,
    schema: Annotated[
        str,
        typer.Option(
            "--schema",
            metavar="PATH|URL",
            help="Path or URL of the JSON Schema named on the editor modeline.",
        ),
    ] = "paiguard.schema.json",
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """Write a declaration scaffold: every practice of the pack, planned, with its guidance."""
    from paiguard.scaffold import choose_pack, scaffold

    registry = registry_for(config_for(config_file), pack_path or [])
    pack = choose_pack(registry, pack_ref, model_type, release_type)
    text = scaffold(pack, schema)
    if str(output) == "-":
        sys.stdout.write(text)
        return 0
    from paiguard.fsio import atomic_write

    atomic_write(output, text, force=force)
    sys.stderr.write(f"paiguard: wrote {output} ({len(pack.practices)} practices of {pack.ref})\n")
    return 0
