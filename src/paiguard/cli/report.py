"""`paiguard report`: Markdown gap, conformance and portfolio reports from the findings."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paiguard.cli._shared import (
    CONFIG,
    PACK_PATH,
    config_for,
    registry_for,
    settings_for,
    write_output,
)
from paiguard.errors import PaiguardError

if TYPE_CHECKING:
    from paiguard.config import Config
    from paiguard.engine import Settings
    from paiguard.findings import FileResult
    from paiguard.packs import PackRegistry


class ReportKind(StrEnum):
    """The kinds of report on one declaration."""

    GAP = "gap"
    CONFORMANCE = "conformance"


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="A declaration file (or a folder holding one); with --portfolio, any number "
            "of declarations and folders. Default: the current folder.",
            metavar="[PATH]...",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        ReportKind | None,
        typer.Option("--kind", "-k", help="gap: what is missing; conformance: every practice."),
    ] = None,
    portfolio: Annotated[
        bool, typer.Option("--portfolio", help="One summary over many declarations.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to a file.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")] = False,
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="YYYY-MM-DD", help="Report as of this date."),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="Folder of templates overriding the shipped ones."),
    ] = None,
    no_waivers: Annotated[bool, typer.Option("--no-waivers", help="Ignore every waiver.")] = False,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
) -> int:
    """Render a Markdown report of declarations and their findings (gap report by default).

    A report is not a gate: it exits 0 whenever it is written, whatever it finds; use
    `paiguard check` to fail a build. Exit 2 when it cannot be made.
    """
    from paiguard.findings import Severity
    from paiguard.report import Kind, render_portfolio, render_report

    config = config_for(config_file)
    registry = registry_for(config, pack_path or [])
    settings = settings_for(config, today, strict=None, no_waivers=no_waivers)
    paths = paths or [Path(".")]  # as `paiguard check`
    if portfolio:
        if kind is not None:
            raise PaiguardError("--kind is for one declaration; a portfolio has one kind")
        results = _check_all(paths, config, registry, settings)
        text = render_portfolio(results, settings.today, template_dir, Severity(config.fail_on))
    else:
        result = _check_one(paths, config, registry, settings)
        chosen = Kind((kind or ReportKind.GAP).value)
        text = render_report(result, chosen, settings.today, template_dir, Severity(config.fail_on))
    write_output(text, output, force=force)
    return 0


def _check_one(
    paths: list[Path], config: Config, registry: PackRegistry, settings: Settings
) -> FileResult:
    from paiguard.discovery import discover
    from paiguard.engine import check_file

    if len(paths) != 1:
        raise PaiguardError("a report is about one declaration; use --portfolio for several")
    path = paths[0]
    found = discover([path], include=config.include, exclude=config.exclude)
    if path.is_dir() and len(found) != 1:
        raise PaiguardError(
            f"found {len(found)} declarations in the folder; name one, or use --portfolio",
            path=str(path),
        )
    if not found:
        raise PaiguardError("excluded by the config's exclude globs", path=str(path))
    result = check_file(found[0], found[0].as_posix(), registry, settings)
    if result.declaration is None or result.pack is None:
        first = result.findings[0]
        raise PaiguardError(
            f"cannot report: {first.code} {first.message} (see `paiguard check`)",
            path=result.path,
            line=first.line,
            column=first.column,
        )
    return result


def _check_all(
    paths: list[Path], config: Config, registry: PackRegistry, settings: Settings
) -> list[FileResult]:
    from paiguard.discovery import discover
    from paiguard.parallel import check_all

    files = discover(paths, include=config.include, exclude=config.exclude)
    if not files:
        raise PaiguardError("no declarations found for the portfolio")
    return check_all([(path, path.as_posix()) for path in files], registry, settings, None)
