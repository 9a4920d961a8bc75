"""What the commands share: config and pack lookup, dates, and printing styled text."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from paiguard.errors import PaiguardError
from paiguard.vocabulary import ISO_DATE

if TYPE_CHECKING:  # these need pydantic: imported when a command runs, not for `--help`
    from paiguard.config import Config
    from paiguard.engine import Settings
    from paiguard.pack_registry import PackRegistry

Segment = tuple[str, str]

PACK_PATH = typer.Option("--pack-path", help="A folder of custom packs (repeatable).")
CONFIG = typer.Option("--config", help="Config file to use (default: found walking up).")
# Options check and diff share, with the same meaning in both.
OUTPUT = typer.Option("--output", "-o", help="Write the output to a file.")
FORCE = typer.Option("--force", help="Replace an existing --output file.")
STRICT = typer.Option(
    "--strict/--no-strict",
    help="Treat recommended-practice gaps (PG103) as errors.",
    show_default=False,
)
NO_WAIVERS = typer.Option("--no-waivers", help="Ignore every waiver (for a release gate).")

_STYLES = {
    "path": "bold",
    "code": "bold",
    "error": "bold red",
    "warning": "yellow",
    "info": "cyan",
    "ok": "green",
    "dim": "dim",
    "bold": "bold",
}


def config_for(config_file: Path | None, start: Path | None = None) -> Config:
    """The config named on the command line, else the nearest one at or above `start` (the
    current folder by default)."""
    from paiguard.config import load_config, nearest_config

    if config_file is not None and not config_file.is_file():
        raise PaiguardError("config file does not exist", path=str(config_file))
    return load_config(config_file) if config_file else nearest_config(start or Path.cwd())


def pack_folders(config: Config, pack_paths: Iterable[Path]) -> list[Path]:
    """The `--pack-path` folders, else the config's `pack_path` (from the config's folder)."""
    return list(pack_paths) or [config.folder / p for p in config.pack_path]


def registry_for(config: Config, pack_paths: Iterable[Path]) -> PackRegistry:
    """Shipped packs plus those in `--pack-path` folders (or config's `pack_path`)."""
    from paiguard.pack_cache import CachedPackRegistry

    return CachedPackRegistry(pack_folders(config, pack_paths))


def settings_for(
    config: Config, today: dt.date, *, strict: bool | None, no_waivers: bool
) -> Settings:
    """What changes a declaration's findings: config, with the command line's options winning."""
    from paiguard.codes import Severity
    from paiguard.engine import Settings

    severities = {
        code: None if name == "off" else Severity(name) for code, name in config.severity.items()
    }
    return Settings(
        today=today,
        strict=config.strict if strict is None else strict,
        no_waivers=no_waivers,
        review_age_days=config.review_age_days,
        severities=severities,
        limits=config.limits,
    )


def write_output(text: str, output: Path | None, *, force: bool) -> None:
    """Print `text`, or write it to `output` atomically (replacing a file only with `force`)."""
    if output is None:
        sys.stdout.write(text)
        return
    from paiguard.fsio import atomic_write

    atomic_write(output, text, force=force)


def note(message: str) -> None:
    """Tell the user something on stderr that does not change the exit code."""
    sys.stderr.write(f"paiguard: note: {message}\n")


def parse_today(value: str | None) -> dt.date:
    """`--today YYYY-MM-DD`, or the real date."""
    if value is None:
        return dt.date.today()
    if not re.fullmatch(ISO_DATE, value):  # fromisoformat also takes 20261126 and 2026-W48-4
        raise PaiguardError(f"--today: expected YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PaiguardError(f"--today: {value!r} is not a real date") from None


def use_colour(stream: object = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def print_lines(lines: Iterable[list[Segment]]) -> None:
    """Print styled lines: colour on a terminal, plain text otherwise (rich is imported only
    for a terminal, so pipes and hooks stay fast)."""
    if not use_colour():
        sys.stdout.write("".join("".join(t for t, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(soft_wrap=True, highlight=False)
    for line in lines:
        text = Text()
        for part, style in line:
            text.append(part, style=_STYLES.get(style, ""))
        console.print(text)
