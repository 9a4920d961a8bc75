"""`paiguard init`: write a declaration scaffold listing every practice of a pack."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, config_for, registry_for
from paiguard.errors import PaiguardError
from paiguard.vocabulary import ModelType, ReleaseType

if TYPE_CHECKING:
    from paiguard.packs import Pack


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
        str | None,
        typer.Option(
            "--schema",
            metavar="FILE|URL",
            help="Also write the pack's JSON Schema to FILE (or name a URL where it is "
            "published), and point the editor modeline on the first line at it.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace existing files (declaration, --schema FILE).")
    ] = False,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """Write a declaration scaffold: every practice of the pack, planned, with its guidance."""
    from paiguard.fsio import atomic_write, check_writable
    from paiguard.scaffold import choose_pack, is_url, modeline_for, next_steps, scaffold

    declaration = None if str(output) == "-" else output
    # the config of the folder the declaration goes in, as `check` will find it
    start = None if declaration is None else declaration.absolute().parent
    registry = registry_for(config_for(config_file, start), pack_path or [])
    pack = choose_pack(registry, pack_ref, model_type, release_type)
    modeline = None if schema is None else modeline_for(schema, declaration)
    text = scaffold(pack, modeline)
    schema_file = None if schema is None or is_url(schema) else Path(schema)
    schema_text = None if schema_file is None else _schema_to_write(schema_file, pack, force)
    # both files are checked before either is written: a refusal leaves nothing behind
    if declaration is not None:
        check_writable(declaration, force=force)
    if schema_file is not None and schema_text is not None:
        check_writable(schema_file, force=True)  # _schema_to_write decided about an old file
        atomic_write(schema_file, schema_text, force=force)
        sys.stderr.write(f"paiguard: wrote {schema} (the JSON Schema of {pack.ref})\n")
    if declaration is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text, force=force)
        sys.stderr.write(
            f"paiguard: wrote {output} ({len(pack.practices)} practices of {pack.ref})\n"
        )
    sys.stderr.write(next_steps(pack, declaration, schema))
    return 0


def _schema_to_write(path: Path, pack: Pack, force: bool) -> str | None:
    """The schema's text, or None when `path` already holds exactly that text (a schema shared
    by a repository's declarations is named, not rewritten); another file needs `--force`."""
    from paiguard.schema_export import schema_json

    text = schema_json(pack)
    if force or not (path.exists() or path.is_symlink()):
        return text
    try:
        data = text.encode("utf-8")
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return None
    except OSError:
        pass
    raise PaiguardError("file exists; use --force to replace it", path=str(path))
