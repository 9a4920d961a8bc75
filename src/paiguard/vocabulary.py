"""The words of a declaration that the guidance fixes: statuses, model and release types.

Kept apart from the pydantic models so that commands which only need the words (`init`'s
options) do not import pydantic.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """How far a provider has implemented a practice."""

    IMPLEMENTED = "implemented"
    PARTIAL = "partial"
    PLANNED = "planned"
    NOT_IMPLEMENTED = "not-implemented"
    NOT_APPLICABLE = "not-applicable"


class ModelType(StrEnum):
    """Model types the guidance names."""

    FRONTIER = "frontier"
    GENERAL_PURPOSE = "general-purpose"


class ReleaseType(StrEnum):
    """Release types the guidance names."""

    RESTRICTED_API = "restricted-api"
    OPEN = "open"
    CLOSED = "closed"


__all__ = ["ModelType", "ReleaseType", "Status"]
