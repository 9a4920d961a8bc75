"""One table of every check code: default severity, title, hint and explanation.

It feeds `paiguard explain`, the SARIF rules, the docs and a test that compares it with SPEC §3.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Code:
    """A check code as users see it in findings, `explain` and SARIF rules."""

    code: str
    severity: Severity
    title: str
    hint: str
    explain: str
    when: str  # SPEC §3's "when" column, word for word: what triggers the code

    @property
    def configurable(self) -> bool:
        """Whether config may change this code's severity or turn it off."""
        return self.code not in FIXED_CODES


FIXED_CODES = frozenset({"PG001", "PG002", "PG003", "PG010"})

_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "PG001",
            _E,
            "Not valid YAML",
            "Fix the YAML syntax at the position shown; the file must be UTF-8 with unique keys.",
            "The file cannot be read as one YAML document: a syntax error, bytes that are not "
            "UTF-8, or a key that appears twice in the same mapping (YAML forbids it and the "
            "later value would silently win).",
            when="the file is not valid YAML, not UTF-8, or has a duplicate key",
        ),
        Code(
            "PG002",
            _E,
            "Declaration does not match the schema",
            "Compare the key or value with the declaration format (`paiguard schema`).",
            "The declaration has an unknown key, a missing required key, a value of the wrong "
            "type, a status that is not one of the allowed ones, or a date that is not ISO "
            "YYYY-MM-DD. Unknown keys are errors so that a typo can never pass silently; the "
            "did-you-mean offers only keys valid at that place, or says where the key belongs. "
            "A file that is plainly not a declaration (a model card, a workflow, a compose "
            "file) gets one PG002 that says so, and nothing else.",
            when=(
                "the declaration does not match the schema (unknown key, wrong type, bad enum, "
                "bad date): one finding per problem, each located. *(ed. 2)* A file that is "
                "plainly not a declaration (Markdown with YAML front matter, such as a model "
                "card; a mapping with none of `paiguard`, `provider`, `model`, `practices`) gets "
                'one PG002, "not a paiguard declaration", as its only finding (not PG001)'
            ),
        ),
        Code(
            "PG003",
            _E,
            "Safety limit exceeded",
            "Keep declarations small and plain: no anchors, aliases or custom tags.",
            "A declaration is untrusted input. paiguard refuses files over the size limit, "
            "nesting deeper than the depth limit, very long scalars, YAML anchors and aliases "
            "(the 'billion laughs' attack) and custom tags, which are never constructed.",
            when="the file exceeds a safety limit (section 6)",
        ),
        Code(
            "PG010",
            _E,
            "No matching rule pack",
            "Use `paiguard packs` to see the packs there are and name the one for this model "
            "with `pack:`; for a model type x release type no published pack covers yet, write "
            'an organisation pack for it (docs/packs.md, "A pack for another combination").',
            "The declaration names a pack that does not exist, its model_type x release_type "
            "combination has no pack, or the pack it names covers another combination. "
            "paiguard never falls back silently to another pack. Packs are written only from "
            "the checklists Partnership on AI has published, so some combinations have none "
            "yet; model_type and release_type say what the model is: never change them to fit "
            "a pack.",
            when=(
                "the pack does not exist, or its model_type/release_type differs from the "
                "declaration's"
            ),
        ),
        Code(
            "PG101",
            _E,
            "Baseline practice not declared",
            "Declare the practice under `practices:` with its status and evidence.",
            "Every baseline practice of the pack must appear in the declaration. A missing one "
            "is a gap the guidance says every provider should close.",
            when="a baseline practice is not declared",
        ),
        Code(
            "PG102",
            _E,
            "Baseline practice not met",
            "Implement the practice and add evidence, or waive it with a reason, an approver "
            "and an expiry.",
            "A baseline practice is met when its status is `implemented` with at least one "
            "evidence item, or `not-applicable` with a justification. `partial`, `planned` and "
            "`not-implemented` are gaps.",
            when="a baseline practice is declared but not met",
        ),
        Code(
            "PG103",
            _W,
            "Recommended practice not declared or not met",
            "Declare the practice; recommended practices go beyond the baseline.",
            "Recommended practices are not required, so a gap is a warning; `--strict` makes "
            "it an error.",
            when="a recommended practice is not declared or not met",
        ),
        Code(
            "PG104",
            _E,
            "Unknown practice id",
            "Use an id from `paiguard packs show <pack>`; `paiguard upgrade` applies renames.",
            "The declaration names a practice the pack does not have: a typo, or an id that a "
            "newer version of the pack renamed.",
            when=(
                "a practice id is not in the pack (with a did-you-mean; a `renamed` id says what "
                "it is now)"
            ),
        ),
        Code(
            "PG105",
            _E,
            "not-applicable without a justification",
            "Say in `justification:` why the practice does not apply to this model.",
            "A practice can only be set aside with a reason that a reviewer can weigh.",
            when="`not-applicable` without a justification",
        ),
        Code(
            "PG106",
            _W,
            "Justification or waiver reason says nothing",
            "Write a reason a reviewer can weigh: what applies, why, and what replaces it.",
            "A justification or waiver reason such as 'TBD' or 'n/a', one under 20 characters, "
            "or one copied from another practice does not explain anything.",
            when=(
                'a justification or waiver reason that says nothing ("TBD", "n/a", under 20 '
                "characters, or the same text as another practice's)"
            ),
        ),
        Code(
            "PG201",
            _E,
            "Implemented without evidence",
            "Add an evidence item: `{url: https://...}` or `{path: docs/...}`.",
            "A practice declared `implemented` or `partial` must point at evidence: a document, "
            "a report, a page. A claim without evidence cannot be checked.",
            when="`implemented` or `partial` without evidence",
        ),
        Code(
            "PG202",
            _E,
            "Evidence path does not exist",
            "Fix the path; it is relative to the declaration's folder.",
            "An evidence path must name a file or folder that exists, relative to the folder "
            "of the declaration.",
            when="an evidence path does not exist",
        ),
        Code(
            "PG203",
            _E,
            "Evidence path leaves the repository",
            "Keep evidence inside the repository, or link to it with a url.",
            "Evidence paths are resolved inside the repository (the nearest folder holding "
            "`.git`; without one, the current folder when the declaration lies under it, else "
            "the declaration's folder); absolute paths, `..` and links leading outside are "
            "refused and never read.",
            when="an evidence path leaves the repository",
        ),
        Code(
            "PG204",
            _E,
            "Evidence url is not http(s)",
            "Use an http:// or https:// url.",
            "Only http(s) urls are evidence a reviewer can open; `javascript:`, `file:` and "
            "other schemes are refused.",
            when="an evidence url is not http(s)",
        ),
        Code(
            "PG205",
            _E,
            "Evidence file changed since review",
            "Review the changed file, then update its `sha256:` pin (and `reviewed:`).",
            "An evidence item may pin the sha256 of the file as it was reviewed; the file no "
            "longer matches, so the review no longer covers it.",
            when="an evidence file no longer matches its `sha256` pin (changed since review)",
        ),
        Code(
            "PG301",
            _W,
            "Review is stale",
            "Review the practice again and update `reviewed:`.",
            "A practice was last reviewed longer ago than the review age (365 days unless "
            "`review_age_days` says otherwise).",
            when="`reviewed` is older than the review age (default 365 days)",
        ),
        Code(
            "PG302",
            _E,
            "Not reviewed since a significant model update",
            "Review the practice against the updated model and update `reviewed:`.",
            "The guidance says significant model updates that expand capabilities after "
            "deployment require renewed governance: a met practice reviewed before such an "
            "update must be reviewed again.",
            when="a met practice was last reviewed before a significant model update",
        ),
        Code(
            "PG303",
            _E,
            "Date in the future",
            "Use the date the review or update actually happened.",
            "A `reviewed` date or a model update's date lies after today: it cannot have "
            "happened yet.",
            when="a `reviewed` date or an update's date lies after today",
        ),
        Code(
            "PG401",
            _E,
            "Waiver expired",
            "Close the gap, or renew the waiver with a new approval and expiry.",
            "A waiver past its expiry date no longer covers its practice.",
            when="a waiver has expired",
        ),
        Code(
            "PG402",
            _W,
            "Waiver has nothing to waive",
            "Remove the waiver.",
            "The waiver names a practice that is not in the pack, or a practice that has no gap.",
            when="a waiver names a practice that is not in the pack or has no gap",
        ),
        Code(
            "PG403",
            _E,
            "Waiver too long or incomplete",
            "Give the waiver a reason, an approver and an expiry at most 365 days ahead.",
            "A waiver accepts a risk for a limited time: it needs a reason, who approved it, "
            "and an expiry no more than 365 days after today.",
            when="a waiver runs more than 365 days past today, or lacks reason or approver",
        ),
    )
}
