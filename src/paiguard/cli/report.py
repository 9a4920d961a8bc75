"""`paiguard report`: gap, conformance, portfolio and crosswalk reports from the findings, in
Markdown or HTML, for an internal or a public audience."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from paiguard.cli._shared import CONFIG, PACK_PATH, write_output
from paiguard.errors import PaiguardError
from paiguard.vocabulary import Audience, ReportFormat

if TYPE_CHECKING:
    from paiguard.cli._targets import Checker
    from paiguard.config import Config
    from paiguard.results import FileResult


class ReportKind(StrEnum):
    """The kinds of report on one declaration."""

    GAP = "gap"
    CONFORMANCE = "conformance"
    HISTORY = "history"


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="A declaration file (or a folder holding one); with --portfolio, any number "
            "of declarations and folders [default: '.'].",
            metavar="[PATH]...",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        ReportKind | None,
        typer.Option(
            "--kind",
            "-k",
            help="gap: what is missing; conformance: every practice; history: coverage over "
            "the declaration's git history.",
        ),
    ] = None,
    portfolio: Annotated[
        bool, typer.Option("--portfolio", help="One summary over many declarations.")
    ] = False,
    crosswalk: Annotated[
        str | None,
        typer.Option(
            "--crosswalk",
            metavar="NAME",
            help="Read the declaration against another framework (nist-ai-600-1, fmti-2025; "
            "`paiguard crosswalks` lists them).",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="markdown (for GitHub and docs) or html (one self-contained file that prints "
            "to PDF).",
        ),
    ] = ReportFormat.MARKDOWN,
    audience: Annotated[
        Audience,
        typer.Option(
            "--audience",
            help='internal: everything; public: internal evidence only as "internal '
            'evidence", no owners or e-mail addresses.',
        ),
    ] = Audience.INTERNAL,
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
    """Render a report of declarations and their findings (gap report by default).

    A report is not a gate: it exits 0 whenever it is written, whatever it finds; use
    `paiguard check` to fail a build. Exit 2 when it cannot be made.
    """
    from paiguard.cli._targets import Checker
    from paiguard.report import Kind, render_portfolio, render_report

    checker = Checker(pack_path or [], today, strict=None, no_waivers=no_waivers, fail_on=None)
    given = list(paths or [Path()])
    if crosswalk is not None:
        if portfolio:
            raise PaiguardError("--crosswalk reads one declaration; it cannot make a portfolio")
        if kind is not None:
            raise PaiguardError("--kind and --crosswalk are two different reports: give one")
        text = _crosswalk_report(
            crosswalk, given, config_file, checker, template_dir, (fmt, audience)
        )
    elif portfolio:
        if kind is not None:
            raise PaiguardError("--kind is for one declaration; a portfolio has one kind")
        results = _check_all(given, config_file, checker)
        text = render_portfolio(results, checker.today, template_dir, fmt=fmt, audience=audience)
    elif kind is ReportKind.HISTORY:
        text = _history_report(given, config_file, checker, template_dir, (fmt, audience))
    else:
        result, _ = _check_one(given, config_file, checker)
        chosen = Kind((kind or ReportKind.GAP).value)
        text = render_report(
            result, chosen, checker.today, template_dir, fmt=fmt, audience=audience
        )
    write_output(text, output, force=force)
    return 0


def _crosswalk_report(
    name: str,
    paths: list[Path],
    config_file: Path | None,
    checker: Checker,
    template_dir: Path | None,
    style: tuple[ReportFormat, Audience],
) -> str:
    """The crosswalk report of one declaration, in a format for an audience."""
    from paiguard.crosswalk_registry import select
    from paiguard.report import render_crosswalk

    if len(paths) != 1:
        raise PaiguardError("--crosswalk reads one declaration at a time; name one")
    result, config = _check_one(paths, config_file, checker)
    assert result.pack is not None
    applied = select(result.pack, checker.registry(config), name)
    shape, reader = style
    return render_crosswalk(
        result, applied, checker.today, template_dir, fmt=shape, audience=reader
    )


def _history_report(
    paths: list[Path],
    config_file: Path | None,
    checker: Checker,
    template_dir: Path | None,
    style: tuple[ReportFormat, Audience],
) -> str:
    """The history report of one declaration: each committed version, as of its date."""
    from paiguard.report import history, render_history

    shape, reader = style
    file, config = _one_declaration(paths, config_file)
    found = checker.history(file, file.as_posix(), config)
    view = history.build(
        file.as_posix(),
        found.versions,
        checker.today,
        shallow=found.shallow,
        uncommitted=found.uncommitted,
        audience=reader,
    )
    return render_history(view, template_dir, fmt=shape)


def _check_one(
    paths: list[Path], config_file: Path | None, checker: Checker
) -> tuple[FileResult, Config]:
    file, config = _one_declaration(paths, config_file)
    [result] = checker.check([(file, file.as_posix(), config)], 1)
    if result.declaration is None or result.pack is None:
        first = result.findings[0]
        raise PaiguardError(
            f"cannot report: {first.code} {first.message} (see `paiguard check`)",
            path=result.path,
            line=first.line,
            column=first.column,
        )
    return result, config


def _one_declaration(paths: list[Path], config_file: Path | None) -> tuple[Path, Config]:
    """The one declaration a report is about, and its config."""
    from paiguard.cli._targets import excluded_by, find_declarations, nothing_found

    if len(paths) != 1:
        raise PaiguardError("a report is about one declaration; use --portfolio for several")
    path = paths[0]
    found = find_declarations([path], config_file)
    if path.is_dir() and not found.files:
        raise PaiguardError(nothing_found([path]))
    if path.is_dir() and len(found.files) != 1:
        raise PaiguardError(
            f"found {len(found.files)} declarations in the folder; name one, or use --portfolio",
            path=str(path),
        )
    if found.excluded:
        raise PaiguardError(
            f"{excluded_by(found.excluded[0][1])}; nothing to report", path=str(path)
        )
    [(file, config)] = found.files
    return file, config


def _check_all(paths: list[Path], config_file: Path | None, checker: Checker) -> list[FileResult]:
    from paiguard.cli._targets import find_declarations, note_excluded, nothing_found

    found = find_declarations(paths, config_file)
    note_excluded(found)
    if not found.files:
        if found.named_files:
            raise PaiguardError("no declarations to report: config excludes every file named")
        raise PaiguardError(nothing_found(paths))
    return checker.check([(path, path.as_posix(), config) for path, config in found.files], None)
