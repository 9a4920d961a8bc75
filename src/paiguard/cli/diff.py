"""`paiguard diff --since REF`: what changed in each declaration since a git revision."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paiguard.cli._shared import CONFIG, FORCE, NO_WAIVERS, OUTPUT, PACK_PATH, STRICT, write_output

if TYPE_CHECKING:
    from paiguard.ratchet import FileDiff


class DiffFormat(StrEnum):
    """The formats `diff --format` accepts."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


def command(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            metavar="REF",
            help="The git revision to compare with (a branch, tag, commit, HEAD~3).",
            show_default=False,
        ),
    ],
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Declaration files or folders (default: the default names under '.').",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="Output format (markdown: a pull-request comment or summary)."
        ),
    ] = DiffFormat.TEXT,
    output: Annotated[Path | None, OUTPUT] = None,
    force: Annotated[bool, FORCE] = False,
    strict: Annotated[bool | None, STRICT] = None,
    no_waivers: Annotated[bool, NO_WAIVERS] = False,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="YYYY-MM-DD", help="Check both versions as of this date."),
    ] = None,
) -> int:
    """Show what changed in each declaration since a git revision: the tallies before and
    after, and every practice whose outcome changed.

    Both versions are checked with today's packs, configuration and date; the one at REF with
    its evidence as REF held it. Not a gate: exit 0, or 2 when it cannot run.
    """
    from paiguard.cli._targets import Checker, gather
    from paiguard.ratchet import FileDiff, changes

    checker = Checker(pack_path or [], today, strict=strict, no_waivers=no_waivers, fail_on=None)
    targets = gather(paths, config_file)
    compared = checker.compare(targets, None, since, keep_before=True) if targets else []
    diffs = [FileDiff(now.path, before, now, changes(before, now)) for now, before in compared]
    write_output(_render(diffs, since, output_format), output, force=force)
    return 0


def _render(diffs: list[FileDiff], since: str, fmt: DiffFormat) -> str:
    if fmt is DiffFormat.MARKDOWN:
        from paiguard.report import render_diff

        return render_diff(diffs, since)
    from paiguard.formats.diff_format import render_json, render_text

    return render_json(diffs, since) if fmt is DiffFormat.JSON else render_text(diffs, since)
