"""Configuration: `[tool.paiguard]` in pyproject.toml or `.paiguard.toml`, found walking up
from each declaration's folder (as ruff finds its configuration)."""

from __future__ import annotations

import dataclasses
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paiguard.errors import PaiguardError
from paiguard.limits import CEILINGS, DEFAULT_LIMITS, Limits

CONFIG_NAMES = (".paiguard.toml", "pyproject.toml")
SEVERITY_NAMES = ("error", "warning", "info", "off")
FAIL_ON = ("error", "warning")


@dataclass(frozen=True, slots=True)
class Config:
    """What a project may set once instead of passing options on every run."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    pack_path: list[str] = field(default_factory=list)
    review_age_days: int = 365
    fail_on: str = "error"
    strict: bool = False
    severity: dict[str, str] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS
    source: Path | None = None  # the file it was read from

    @property
    def folder(self) -> Path:
        """The folder relative paths in the config (`pack_path`, globs) are resolved against:
        the config file's own folder, as an absolute path."""
        return Path(os.path.abspath(self.source.parent)) if self.source else Path.cwd()


DEFAULTS = Config()


def nearest_config(start: Path) -> Config:
    """The config of the nearest config file at or above `start`: .paiguard.toml, or a
    pyproject.toml that has a [tool.paiguard] table (defaults when there is none)."""
    return ConfigFinder().of(start)


class ConfigFinder:
    """The config of each folder, found walking up from it; `fixed` (`--config FILE`) instead
    applies to every folder. A run asks for many folders: each answer is kept, so each config
    file is read once per run, and each folder is looked at once."""

    def __init__(self, fixed: Config | None = None) -> None:
        self.fixed = fixed
        self._folders: dict[Path, Config] = {}

    def of(self, folder: Path) -> Config:
        """The config that applies to the files in `folder`."""
        if self.fixed is not None:
            return self.fixed
        start = Path(os.path.abspath(folder))
        visited: list[Path] = []
        config = DEFAULTS
        for candidate in (start, *start.parents):
            known = self._folders.get(candidate)
            if known is not None:
                config = known
                break
            visited.append(candidate)
            found = _config_in(candidate)
            if found is not None:
                config = _config(*found)
                break
        for candidate in visited:
            self._folders[candidate] = config
        return config


def _config_in(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """The config file of `folder` and its parse, if it has one. The parse of a pyproject.toml
    that finds the [tool.paiguard] table is the one that is used."""
    dotfile = folder / ".paiguard.toml"
    if dotfile.is_file():
        return dotfile, _read(dotfile)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        table = _read(pyproject)
        if "paiguard" in _tool_table(table):
            return pyproject, table
    return None


def load_config(path: Path | None) -> Config:
    """The config in `path` (defaults when None); any problem is a `PaiguardError`."""
    return Config() if path is None else _config(path, _read(path))


def _config(path: Path, table: dict[str, Any]) -> Config:
    if path.name == "pyproject.toml" or "tool" in table:
        section = _tool_table(table).get("paiguard", {})
        table = section if isinstance(section, dict) else {}
    config = build(table)
    if config is None:
        config = _from_model(table, path)
    config = dataclasses.replace(config, source=path)
    if config.severity:
        _check_codes(config.severity, path)
    return config


def _check_codes(severity: dict[str, str], path: Path) -> None:
    from paiguard.codes import CODES

    for code in severity:
        if code not in CODES:
            close = difflib.get_close_matches(code, list(CODES), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise PaiguardError(f"severity: unknown code {code}{hint}", path=str(path))
        if not CODES[code].configurable:
            raise PaiguardError(f"severity: {code} cannot be changed", path=str(path))


def _from_model(table: dict[str, Any], path: Path) -> Config:
    """What the pydantic models make of a config the plain reader did not accept: a config
    (they coerce what TOML users write, like `review_age_days = 30.0`) or a located error."""
    from pydantic import ValidationError

    from paiguard.config_model import ConfigModel, config_problem

    try:
        model = ConfigModel.model_validate(table)
    except ValidationError as exc:
        raise PaiguardError(config_problem(exc), path=str(path)) from None
    config = build(model.model_dump())
    if config is None:
        raise AssertionError("a validated config did not rebuild")  # the tests prove not
    return config


_KEYS = frozenset(f.name for f in dataclasses.fields(Config)) - {"source"}
_LIMIT_KEYS = {
    "max_file_bytes": "max_bytes",
    "max_depth": "max_depth",
    "max_scalar_chars": "max_scalar_chars",
    "max_nodes": "max_nodes",
    "max_findings": "max_findings",
}


def build(table: dict[str, Any]) -> Config | None:
    """The config of a `[tool.paiguard]` table that is plainly valid, else None."""
    if not table.keys() <= _KEYS:
        return None
    lists = {name: table.get(name, []) for name in ("include", "exclude", "pack_path")}
    if not all(_texts(value) for value in lists.values()):
        return None
    age, fail_on, strict = (
        table.get("review_age_days", 365),
        table.get("fail_on", "error"),
        table.get("strict", False),
    )
    if type(age) is not int or age < 1 or fail_on not in FAIL_ON or type(strict) is not bool:
        return None
    severity = table.get("severity", {})
    if type(severity) is not dict or not all(
        type(name) is str and name in SEVERITY_NAMES for name in severity.values()
    ):
        return None
    limits = _limits(table.get("limits", {}))
    if limits is None:
        return None
    return Config(
        **lists,
        review_age_days=age,
        fail_on=fail_on,
        strict=strict,
        severity=dict(severity),
        limits=limits,
    )


def _texts(value: Any) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _limits(table: Any) -> Limits | None:
    """Limits may be raised up to a ceiling, never lowered below the defaults (SPEC §6)."""
    if type(table) is not dict or not table.keys() <= _LIMIT_KEYS.keys():
        return None
    values = {}
    for key, attr in _LIMIT_KEYS.items():
        value = table.get(key, getattr(DEFAULT_LIMITS, attr))
        low, high = getattr(DEFAULT_LIMITS, attr), getattr(CEILINGS, attr)
        if type(value) is not int or not low <= value <= high:
            return None
        values[attr] = value
    return Limits(**values)


def _tool_table(table: dict[str, Any]) -> dict[str, Any]:
    tool = table.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def _read(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise PaiguardError(f"cannot read config: {exc.strerror}", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise PaiguardError(f"invalid TOML: {exc}", path=str(path)) from None
    except UnicodeDecodeError as exc:  # tomllib decodes the bytes itself and lets this through
        raise PaiguardError(f"invalid TOML: not UTF-8 (byte {exc.start})", path=str(path)) from None
