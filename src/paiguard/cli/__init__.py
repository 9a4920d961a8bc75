"""The command line: one typer app, one module per command, one error boundary (`main`)."""

from __future__ import annotations

import sys

import typer

from paiguard import __version__
from paiguard.cli import check, explain, init, packs, report, upgrade
from paiguard.cli import schema as schema_command
from paiguard.errors import PaiguardError

app = typer.Typer(
    name="paiguard",
    help="Check model providers' declarations against PAI's Guidance for Safe Foundation "
    "Model Deployment.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"paiguard {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Check model providers' declarations against PAI's deployment guidance."""


app.command("check")(check.command)
app.add_typer(packs.app, name="packs")
app.command("explain")(explain.command)
app.command("report")(report.command)
app.command("init")(init.command)
app.command("upgrade")(upgrade.command)
app.command("schema")(schema_command.command)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; nothing escapes as a traceback."""
    command = typer.main.get_command(app)
    args = sys.argv[1:] if argv is None else argv
    try:
        result = command.main(args=args or ["--help"], prog_name="paiguard", standalone_mode=False)
    except PaiguardError as exc:
        return fail(str(exc))
    except typer.TyperException as exc:  # bad usage: unknown option, missing argument
        return fail(exc.format_message())
    except (typer.Abort, KeyboardInterrupt):
        return fail("interrupted")
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: still one line, still exit 2
        return fail(f"internal error: {type(exc).__name__}: {exc}")
    return result if isinstance(result, int) else 0


def fail(message: str) -> int:
    """Print `paiguard: error: ...` on stderr; exit code 2."""
    sys.stderr.write(f"paiguard: error: {message}\n")
    return 2
