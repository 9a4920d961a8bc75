"""`paiguard upgrade`: rewrite a declaration in place for another pack version."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, config_for, registry_for
from paiguard.errors import PaiguardError


def command(
    path: Annotated[Path, typer.Argument(help="The declaration to rewrite (in place).")],
    to: Annotated[
        str,
        typer.Option("--to", metavar="PACK@MAJOR", help="The pack to move to, as id@major."),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Also move to another pack or a lower major, leaving the ids it cannot map.",
        ),
    ] = False,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """Rewrite a declaration in place for PACK@MAJOR, keeping comments and layout.

    Renames practice ids (and waivers' `practice:`) by the pack's `renamed` map and sets `pack:`.
    """
    from paiguard.fsio import atomic_write
    from paiguard.upgrade import upgrade_file

    name, at, major = to.partition("@")
    if not (name and at and major.isdigit()):
        raise PaiguardError(
            f"--to: expected PACK@MAJOR such as pai-frontier-restricted-api@1, got {to!r}"
        )
    config = config_for(config_file, start=path.absolute().parent)  # the declaration's own
    registry = registry_for(config, pack_path or [])
    target = registry.require(to)
    shown = str(path)
    raw, result = upgrade_file(path, target, shown, registry=registry, force=force)
    if result.text == raw:
        sys.stdout.write(f"{shown}: already on {target.ref}; nothing to change\n")
        return 0
    atomic_write(path, result.text, force=True)
    lines = []
    if result.pack_before != result.pack_after:
        lines.append(f"{shown}: pack {result.pack_before or '(none)'} -> {result.pack_after}\n")
    lines += [f"{shown}:{r.line}:{r.column}: {r.old} -> {r.new}\n" for r in result.renames]
    lines += [
        f"{shown}:{u.line}:{u.column}: {u.id} is not in {target.ref}; left as it is\n"
        for u in result.unmapped
    ]
    sys.stdout.write("".join(lines))
    return 0
