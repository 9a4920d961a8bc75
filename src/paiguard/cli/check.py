"""`paiguard check`: validate declarations against their packs and gate the build."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paiguard.cli._shared import (
    CONFIG,
    FORCE,
    NO_WAIVERS,
    OUTPUT,
    PACK_PATH,
    STRICT,
    print_lines,
    write_output,
)

if TYPE_CHECKING:
    from paiguard.results import RunResult


class OutputFormat(StrEnum):
    """The formats `--format` accepts."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"


class FailOn(StrEnum):
    """The lowest severity that fails the run."""

    ERROR = "error"
    WARNING = "warning"


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Declaration files or folders (default: the default names under '.').",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    output: Annotated[Path | None, OUTPUT] = None,
    force: Annotated[bool, FORCE] = False,
    strict: Annotated[bool | None, STRICT] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity that fails the run [default: error]."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the run.")
    ] = False,
    no_waivers: Annotated[bool, NO_WAIVERS] = False,
    pack_path: Annotated[list[Path] | None, PACK_PATH] = None,
    config_file: Annotated[Path | None, CONFIG] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", metavar="YYYY-MM-DD", help="Check as of this date (reproducible runs)."
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print only findings that fail the run, no summary."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes to check files with [default: as many cores as the batch pays for].",
            show_default=False,
        ),
    ] = None,
    allow_empty: Annotated[
        bool,
        typer.Option(
            "--allow-empty", help="Exit 0 when the folders given hold no declaration (else 2)."
        ),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REF",
            help="Fail only on what got worse since this git revision: findings it already "
            "had are info, unless their practice's outcome dropped.",
        ),
    ] = None,
) -> int:
    """Check declarations; exit 1 when a finding is at or above the fail level.

    Each declaration is checked with the configuration nearest above its folder (or --config).
    """
    from paiguard.cli._targets import Checker, gather
    from paiguard.codes import Severity
    from paiguard.results import RunResult

    checker = Checker(
        pack_path or [],
        today,
        strict=strict,
        no_waivers=no_waivers,
        fail_on=fail_on.value if fail_on else None,
    )
    targets = gather(paths, config_file, allow_empty=allow_empty)
    if since is None:
        results = checker.check(targets, jobs)
    else:
        results = [now for now, _ in checker.compare(targets, jobs, since)]
    run = RunResult(results, Severity(fail_on.value if fail_on else "error"))
    _emit(run, output_format, output, force=force, quiet=quiet)
    return 1 if run.failed and not exit_zero else 0


def _emit(
    run: RunResult, fmt: OutputFormat, output: Path | None, *, force: bool, quiet: bool
) -> None:
    if fmt is OutputFormat.TEXT:
        from paiguard.formats.text_format import lines

        if output is None:
            print_lines(lines(run, quiet=quiet))
            return
        text = "".join("".join(t for t, _ in line) + "\n" for line in lines(run, quiet=quiet))
    else:
        from paiguard.formats import renderer

        text = renderer(fmt.value)(run)
    write_output(text, output, force=force)
