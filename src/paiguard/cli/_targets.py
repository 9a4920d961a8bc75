"""From the paths a command is given to checked results, each declaration judged by its own
configuration (SPEC §7): what `check` and `report` share."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from paiguard.cli._shared import (
    config_for,
    note,
    pack_folders,
    parse_today,
    registry_for,
    settings_for,
)

if TYPE_CHECKING:  # these need pydantic: imported when a command runs, not for `--help`
    from paiguard.codes import Severity
    from paiguard.config import Config
    from paiguard.discovery import Found
    from paiguard.engine import Setup
    from paiguard.history import History
    from paiguard.pack_registry import PackRegistry
    from paiguard.results import FileResult
    from paiguard.revisions import Compared

Target = tuple[Path, str, "Config"]  # (path to read, path as shown, its config)


def gather(
    paths: Sequence[Path] | None, config_file: Path | None, *, allow_empty: bool = False
) -> list[Target]:
    """The declarations a run checks (under `paths`, else the current folder), each with its
    path as shown and its config. Finding none is an error (exit 2), or with `allow_empty` a
    note; a file named here that its config excludes gets a note."""
    from paiguard.errors import PaiguardError

    given = list(paths or [])
    found = find_declarations(given or [Path()], config_file)
    note_excluded(found)
    if not found.files and not found.named_files:
        if not allow_empty:
            raise PaiguardError(nothing_found(given or [Path()]))
        note(nothing_found(given or [Path()]))
    return [(path, shown_path(path, bool(given)), config) for path, config in found.files]


def find_declarations(paths: Sequence[Path], config_file: Path | None) -> Found:
    """The declarations under `paths`, each with its config (`--config FILE` for all, else the
    nearest one above its folder)."""
    from paiguard.config import ConfigFinder
    from paiguard.discovery import find

    finder = ConfigFinder(config_for(config_file) if config_file is not None else None)
    return find(paths, finder.of)


def shown_path(path: Path, given: bool) -> str:
    """A declaration's path as output shows it: as given on the command line, else (found by
    walking the current folder) relative to it, POSIX."""
    if given:
        return str(path)
    return path.as_posix().removeprefix("./")


def note_excluded(found: Found) -> None:
    """A note for each file named on the command line that its config excludes."""
    for path, config in found.excluded:
        note(f"{_printable(str(path))}: not checked: {excluded_by(config)}")


def excluded_by(config: Config) -> str:
    """Why a file is left out: the config file whose `exclude` matches it."""
    return f"excluded by {_shown_path(config.source) if config.source else 'the config'}"


def nothing_found(paths: Sequence[Path]) -> str:
    """What to say when the folders a run walked hold no declaration (never a silent pass)."""
    named = ", ".join(_printable(str(path)) for path in paths)
    return f"no declarations found under {named}"


class Checker:
    """Checks declarations, each with the packs, settings and fail level of its own config;
    options given on the command line win over every config."""

    def __init__(
        self,
        pack_paths: Sequence[Path],
        today: str | None,
        *,
        strict: bool | None,
        no_waivers: bool,
        fail_on: str | None,
    ) -> None:
        self.today: dt.date = parse_today(today)
        self._pack_paths = list(pack_paths)
        self._strict = strict
        self._no_waivers = no_waivers
        self._fail_on = fail_on
        self._contexts: list[Setup] = []
        self._index: dict[int, int] = {}  # id(config) -> its context in _contexts
        self._registries: dict[tuple[Path, ...], PackRegistry] = {}

    def check(self, targets: Sequence[Target], jobs: int | None) -> list[FileResult]:
        """The results of `targets`, in their order (on several cores when that pays)."""
        from paiguard.parallel import check_each

        items = [(path, shown, self._context(config)) for path, shown, config in targets]
        results = check_each(items, self._contexts, jobs)
        for result, (_, _, config) in zip(results, targets, strict=True):
            result.fail_on = self._fail_level(config)
        return results

    def compare(
        self, targets: Sequence[Target], jobs: int | None, ref: str, *, keep_before: bool = False
    ) -> list[Compared]:
        """The results of `targets` weighed against their versions at the git revision `ref`
        (SPEC 4.1); with `keep_before`, unweighed and each with its result at REF."""
        from paiguard.parallel import compare_each
        from paiguard.revisions import locate

        items = [(path, shown, self._context(config)) for path, shown, config in targets]
        ratchet = locate([path for path, _, _ in targets], ref, keep_before=keep_before)
        compared = compare_each(items, self._contexts, ratchet, jobs)
        for (now, before), (_, _, config) in zip(compared, targets, strict=True):
            fail_on = self._fail_level(config)
            now.fail_on = fail_on
            if before is not None:
                before.fail_on = fail_on
        return compared

    def history(self, path: Path, shown: str, config: Config) -> History:
        """Every committed version of one declaration, each checked as of its commit's date."""
        from paiguard.history import check_history

        return check_history(path, shown, *self._contexts[self._context(config)])

    def registry(self, config: Config) -> PackRegistry:
        """The packs of declarations under `config`: one registry for each set of pack
        folders, so configs that share them share it."""
        key = tuple(Path(os.path.abspath(f)) for f in pack_folders(config, self._pack_paths))
        if key not in self._registries:
            self._registries[key] = registry_for(config, self._pack_paths)
        return self._registries[key]

    def _fail_level(self, config: Config) -> Severity:
        from paiguard.codes import Severity

        return Severity(self._fail_on or config.fail_on)

    def _context(self, config: Config) -> int:
        index = self._index.get(id(config))
        if index is None:
            registry = self.registry(config)
            settings = settings_for(
                config, self.today, strict=self._strict, no_waivers=self._no_waivers
            )
            index = self._index[id(config)] = len(self._contexts)
            self._contexts.append((registry, settings))
        return index


def _shown_path(path: Path) -> str:
    """`path` relative to the current folder when it lies below it, else as it is."""
    absolute = Path(os.path.abspath(path))
    current = Path.cwd()
    shown = absolute.relative_to(current) if absolute.is_relative_to(current) else path
    return _printable(str(shown))


def _printable(text: str) -> str:
    from paiguard.findings import printable

    return printable(text)
