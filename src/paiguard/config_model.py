"""The configuration format as pydantic models: what explains a config that is not plainly valid.

`paiguard.config` reads a well-formed config without them (importing pydantic costs more than a
whole check); tests hold the two to the same answer.
"""

from __future__ import annotations

import difflib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from paiguard.limits import CEILINGS, DEFAULT_LIMITS
from paiguard.schema_errors import dotted

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


class ConfigModel(BaseModel):
    """What a project may set once instead of passing options on every run."""

    model_config = ConfigDict(extra="forbid")

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


def config_problem(exc: ValidationError) -> str:
    """The first problem pydantic found, in one sentence."""
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    if err["type"] == "extra_forbidden":
        fields = LimitsConfig.model_fields if loc[:1] == ("limits",) else ConfigModel.model_fields
        close = difflib.get_close_matches(str(loc[-1]), list(fields), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"[tool.paiguard]: unknown key '{dotted(loc)}'{hint}"
    return f"[tool.paiguard] {dotted(loc)}: {err['msg'].removeprefix('Value error, ')}"
