"""The words the guidance fixes: statuses, model and release types, levels and stages.

Kept apart from the pydantic models: the records a run works with, and the options of the
commands, need the words, not the validators.
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


class Level(StrEnum):
    """Baseline practices every provider should follow; recommended ones go beyond."""

    BASELINE = "baseline"
    RECOMMENDED = "recommended"


class StageId(StrEnum):
    """The lifecycle stages of the guidance, in order."""

    RESEARCH_DEVELOPMENT = "research-development"
    PRE_DEPLOYMENT = "pre-deployment"
    POST_DEPLOYMENT = "post-deployment"
    SOCIETAL_IMPACT = "societal-impact"


__all__ = ["Level", "ModelType", "ReleaseType", "StageId", "Status"]
