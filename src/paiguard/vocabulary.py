"""The words the guidance fixes: statuses, model and release types, levels, scopes and stages.

Kept apart from the pydantic models: the records a run works with, and the options of the
commands, need the words, not the validators.
"""

from __future__ import annotations

from enum import StrEnum

# The shapes of ids and values, whole-string (the pydantic models anchor them with ^...$, the
# plain builders use re.fullmatch): one definition, so the two can never disagree.
ID = r"[a-z0-9-]+"  # a pack or guideline id
PRACTICE_ID = rf"{ID}\.{ID}"
PACK_REF = rf"{ID}@[0-9]+"  # id@major, as a declaration names a pack
SEMVER = r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
SHA256 = r"[0-9a-fA-F]{64}"
ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # not \d: in Python it matches any script's digits
# An evidence url, path or ref: not empty, and no control character (C0, DEL or C1).
CONTROL = r"[\x00-\x1f\x7f-\x9f]"
NO_CONTROL = r"[^\x00-\x1f\x7f-\x9f]+"

# What `paiguard init` writes where only the provider can fill in a value (PG108 finds them).
PLACEHOLDERS = {
    ("provider", "name"): "Your organisation",
    ("provider", "contact"): "safety@your-organisation.example",
    ("model", "name"): "Your model",
}


def anchored(pattern: str) -> str:
    """`pattern` as a pydantic `Field(pattern=...)`: matching the whole value."""
    return f"^{pattern}$"


class Status(StrEnum):
    """How far a provider has implemented a practice."""

    IMPLEMENTED = "implemented"
    PARTIAL = "partial"
    PLANNED = "planned"
    NOT_IMPLEMENTED = "not-implemented"
    NOT_APPLICABLE = "not-applicable"


class Access(StrEnum):
    """Who may see an evidence item: anyone, or only the provider (and its auditors)."""

    PUBLIC = "public"
    INTERNAL = "internal"


class Outcome(StrEnum):
    """Where a practice of the pack stands, best first (SPEC §3): only `met` counts as met."""

    MET = "met"  # implemented with sound evidence, or not applicable for a stated reason
    GRACE = "grace"  # not met, before the practice takes effect
    WAIVED = "waived"  # not met, and an accepted waiver covers it
    UNVERIFIED = "unverified"  # claimed met, but the evidence or the review does not stand up
    GAP = "gap"  # not claimed met

    @property
    def rank(self) -> int:
        """0 for the best outcome (met), 4 for the worst (gap)."""
        return _OUTCOME_ORDER.index(self)


_OUTCOME_ORDER = list(Outcome)


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


class Scope(StrEnum):
    """Whether a significant update of the model calls a practice into question."""

    MODEL = "model"  # evaluations, red teaming, system card, safeguards of this model
    ORGANISATION = "organisation"  # a bug bounty, a labour standard, a forum, a company process

    @property
    def meaning(self) -> str:
        """What the scope says about a practice, in words."""
        if self is Scope.ORGANISATION:
            return "a significant model update does not call it into question"
        return "a significant model update calls it into question"


class StageId(StrEnum):
    """The lifecycle stages of the guidance, in order."""

    RESEARCH_DEVELOPMENT = "research-development"
    PRE_DEPLOYMENT = "pre-deployment"
    POST_DEPLOYMENT = "post-deployment"
    SOCIETAL_IMPACT = "societal-impact"


__all__ = [
    "CONTROL",
    "ID",
    "ISO_DATE",
    "NO_CONTROL",
    "PACK_REF",
    "PLACEHOLDERS",
    "PRACTICE_ID",
    "SEMVER",
    "SHA256",
    "Access",
    "Level",
    "ModelType",
    "Outcome",
    "ReleaseType",
    "Scope",
    "StageId",
    "Status",
    "anchored",
]


class ReportFormat(StrEnum):
    """The formats a report is rendered in."""

    MARKDOWN = "markdown"
    HTML = "html"


class Audience(StrEnum):
    """Who a report is for (`--audience`)."""

    INTERNAL = "internal"
    PUBLIC = "public"
