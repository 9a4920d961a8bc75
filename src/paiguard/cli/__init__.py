"""The command line: one typer app, one module per command, one error boundary (`main`)."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable

import typer

from paiguard import __version__
from paiguard.cli import check, crosswalks, diff, explain, init, packs, report, upgrade
from paiguard.cli import schema as schema_command
from paiguard.errors import PaiguardError


def _new_app() -> typer.Typer:
    return typer.Typer(
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


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Check model providers' declarations against PAI's deployment guidance."""


COMMANDS: dict[str, Callable[..., object] | typer.Typer] = {
    "check": check.command,
    "diff": diff.command,
    "packs": packs.app,
    "crosswalks": crosswalks.command,
    "explain": explain.command,
    "report": report.command,
    "init": init.command,
    "upgrade": upgrade.command,
    "schema": schema_command.command,
}


def build_app(only: str | None = None) -> typer.Typer:
    """The typer app with every command, or with only the one a run names.

    typer inspects the signature of every command it builds, which costs more than some whole
    runs. A run names one command, and its help, usage and errors only ever show that one; the
    others are not built. Without a command (`paiguard`, `--help`, `--version`, a mistyped
    name) every command is listed, with the help text it has when built, but no options."""
    app = _new_app()
    app.callback()(_root)
    # typer lists a group (`packs`) after the plain commands: keep that order
    for name, command in sorted(COMMANDS.items(), key=lambda kv: isinstance(kv[1], typer.Typer)):
        if name == only:
            _register(app, name, command)
        elif only is None:
            app.command(name, help=_help(command))(_listed_only)
    return app


def _register(app: typer.Typer, name: str, command: Callable[..., object] | typer.Typer) -> None:
    if isinstance(command, typer.Typer):
        app.add_typer(command, name=name)
    else:
        app.command(name)(command)


def _help(command: Callable[..., object] | typer.Typer) -> str | None:
    if isinstance(command, typer.Typer):
        help_text = command.info.help
        return help_text if isinstance(help_text, str) else None
    return inspect.getdoc(command)


def _listed_only() -> None:
    raise AssertionError("a listed command runs only when named first, and then it is built")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; nothing escapes as a traceback."""
    args = sys.argv[1:] if argv is None else argv
    only = args[0] if args and args[0] in COMMANDS else None
    command = typer.main.get_command(build_app(only))
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
