"""Configuration: `[tool.paiguard]` in pyproject.toml or `.paiguard.toml`, found walking up."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from paiguard.codes import CODES
from paiguard.errors import PaiguardError
from paiguard.schema_errors import dotted
from paiguard.yamlsource import CEILINGS, DEFAULT_LIMITS, Limits

CONFIG_NAMES = (".paiguard.toml", "pyproject.toml")
SeverityName = Literal["error", "warning", "info", "off"]


_LIMIT_FIELDS = {
    "max_file_bytes": "max_bytes",
    "max_depth": "max_depth",
    "max_scalar_chars": "max_scalar_chars",
    "max_nodes": "max_nodes",
    "max_findings": "max_findings",
}


class LimitsConfig(BaseModel):
    """`[tool.paiguard.limits]`: safety limits may be raised up to a ceiling, never lowered
    below the defaults nor switched off (SPEC §6: "configurable upward")."""

    model_config = ConfigDict(extra="forbid", strict=True)

    max_file_bytes: int = Field(DEFAULT_LIMITS.max_bytes, description="Largest declaration.")
    max_depth: int = Field(DEFAULT_LIMITS.max_depth, description="Deepest nesting.")
    max_scalar_chars: int = Field(DEFAULT_LIMITS.max_scalar_chars, description="Longest value.")
    max_nodes: int = Field(DEFAULT_LIMITS.max_nodes, description="Most keys and values.")
    max_findings: int = Field(DEFAULT_LIMITS.max_findings, description="Most findings a file.")

    @field_validator(*_LIMIT_FIELDS)
    @classmethod
    def _upward(cls, value: int, info: ValidationInfo) -> int:
        attr = _LIMIT_FIELDS[str(info.field_name)]
        low, high = getattr(DEFAULT_LIMITS, attr), getattr(CEILINGS, attr)
        if not low <= value <= high:
            raise ValueError(
                f"must be between {low} (the default: limits can be raised, never lowered or "
                f"disabled) and {high}, got {value}"
            )
        return value

    def to_limits(self) -> Limits:
        """The limits the parser enforces."""
        return Limits(
            self.max_file_bytes,
            self.max_depth,
            self.max_scalar_chars,
            self.max_nodes,
            self.max_findings,
        )


class Config(BaseModel):
    """What a project may set once instead of passing options on every run."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built only for a file

    include: list[str] = Field(default_factory=list, description="Globs of declarations.")
    exclude: list[str] = Field(default_factory=list, description="Globs to leave out.")
    pack_path: list[str] = Field(default_factory=list, description="Folders of custom packs.")
    review_age_days: int = Field(365, ge=1, description="Age after which a review is stale.")
    fail_on: Literal["error", "warning"] = Field("error", description="Lowest failing level.")
    strict: bool = Field(False, description="Raise PG103 to error.")
    severity: dict[str, SeverityName] = Field(
        default_factory=dict, description="Code -> error, warning, info or off."
    )
    limits: LimitsConfig = Field(default_factory=LimitsConfig, description="Safety limits.")
    _source: Path | None = PrivateAttr(None)

    @property
    def source(self) -> Path | None:
        """The file this config was read from."""
        return self._source

    @property
    def folder(self) -> Path:
        """The folder relative paths in the config are resolved against."""
        return self._source.parent if self._source else Path.cwd()


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start`: .paiguard.toml, or a pyproject.toml
    that has a [tool.paiguard] table."""
    for folder in (start, *start.parents):
        dotfile = folder / ".paiguard.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "paiguard" in _tool_table(_read(pyproject)):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """The config in `path` (defaults when None); any problem is a `PaiguardError`."""
    if path is None:
        return Config.model_construct()  # the defaults, without building a validator
    table = _read(path)
    if path.name == "pyproject.toml" or "tool" in table:
        section = _tool_table(table).get("paiguard", {})
        table = section if isinstance(section, dict) else {}
    try:
        config = Config.model_validate(table)
    except ValidationError as exc:
        raise PaiguardError(_config_problem(exc), path=str(path)) from None
    config._source = path
    for code in config.severity:
        if code not in CODES:
            close = difflib.get_close_matches(code, list(CODES), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise PaiguardError(f"severity: unknown code {code}{hint}", path=str(path))
        if not CODES[code].configurable:
            raise PaiguardError(f"severity: {code} cannot be changed", path=str(path))
    return config


def _tool_table(table: dict[str, Any]) -> dict[str, Any]:
    tool = table.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise PaiguardError(f"cannot read config: {exc.strerror}", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise PaiguardError(f"invalid TOML: {exc}", path=str(path)) from None
    except UnicodeDecodeError as exc:  # tomllib decodes the bytes itself and lets this through
        raise PaiguardError(f"invalid TOML: not UTF-8 (byte {exc.start})", path=str(path)) from None


def _config_problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    if err["type"] == "extra_forbidden":
        fields = LimitsConfig.model_fields if loc[:1] == ("limits",) else Config.model_fields
        close = difflib.get_close_matches(str(loc[-1]), list(fields), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"[tool.paiguard]: unknown key '{dotted(loc)}'{hint}"
    return f"[tool.paiguard] {dotted(loc)}: {err['msg'].removeprefix('Value error, ')}"
