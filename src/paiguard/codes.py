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
    def family(self) -> str:
        """The family of checks the code belongs to, from its hundreds digit."""
        return _FAMILIES[self.code[2]]

    @property
    def configurable(self) -> bool:
        """Whether config may change this code's severity or turn it off."""
        return self.code not in FIXED_CODES


FIXED_CODES = frozenset({"PG001", "PG002", "PG003", "PG010"})
_FAMILIES = {
    "0": "format",
    "1": "coverage",
    "2": "evidence",
    "3": "review",
    "4": "waivers",
    "5": "attestation",
}

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

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
            "sound evidence item, or `not-applicable` with a justification that says something, "
            "and its review is not stale. `partial`, `planned` and `not-implemented` are gaps. "
            "A practice claimed met whose evidence or review does not stand up is `unverified`: "
            "its own findings (PG106, PG2xx, PG302, PG304) say why, not PG102.",
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
            "A `not-applicable` justification or a waiver reason such as 'TBD' or 'n/a', one "
            "under 20 characters, or one copied from another does not explain anything. Setting "
            "a baseline practice aside on such a justification is an error, and the practice is "
            "`unverified`, not met; for a recommended practice it is a warning. Justifications "
            "of other statuses are free text and not judged.",
            when=(
                'a waiver reason, or a `not-applicable` justification, that says nothing ("TBD", '
                '"n/a", under 20 characters, or the same text as another\'s); *(ed. 2)* on a '
                "`not-applicable` justification an error for a baseline practice (the practice "
                "is `unverified`); free-text justifications of other statuses are not judged"
            ),
        ),
        Code(
            "PG107",
            _W,
            "Planned practice past its due date",
            "Meet the practice, or move `due:` to the date it will really be met, and say why.",
            "A practice that is not met may say by when it will be (`due:`). Once that date has "
            "passed and the practice is still not met, the plan has slipped: the declaration "
            "should say so.",
            when="*(ed. 2)* a practice that is not met is past its `due` date",
        ),
        Code(
            "PG108",
            _W,
            "Value left as paiguard init wrote it",
            "Fill in the provider's name, its safety contact and the model's name.",
            "`paiguard init` writes placeholders where only the provider can say who it is and "
            "which model the declaration covers. A declaration that still holds them names "
            "nobody.",
            when=(
                "*(ed. 2)* a value left as `paiguard init` wrote it (placeholder provider, "
                "contact or model name)"
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
            "longer matches, so the review no longer covers it. The message gives the pinned and "
            "the current digest.",
            when=(
                "an evidence file no longer matches its `sha256` pin (changed since review); the "
                "message gives both digests"
            ),
        ),
        Code(
            "PG206",
            _W,
            "Document cited for many practices without locators",
            "Give each citation a `locator:` (section, pages) saying where the practice is "
            "supported.",
            "A reviewer cannot check that a 60-page system card supports a dozen practices "
            "without being told where. When one document (a url without its fragment, or a "
            "path) is the evidence of more than 10 practices, every citation of it should "
            "say where in it the practice is supported.",
            when=(
                "*(ed. 2)* one document (a url without its fragment, or a path) is the evidence "
                "of more than 10 practices and at least one of those items has no `locator`: one "
                "finding per document, at its first item without one, saying how many lack it"
            ),
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
            "Review the practice against the updated model, with evidence from after the "
            "update, and update `reviewed:`.",
            "The guidance says significant model updates that expand capabilities after "
            "deployment require renewed governance: a practice claimed met and called into "
            "question by a model update (`scope: model`: evaluations, red teaming, system card, "
            "safeguards) must be reviewed again; until then it is `unverified`. An error for a "
            "baseline practice, a warning for a recommended one (never worse than not doing "
            "it); organisation-wide practices (`scope: organisation`) are not affected.",
            when=(
                "a practice of `scope: model`, declared met, was last reviewed before a "
                "significant model update; *(ed. 2)* a warning for a recommended practice (never "
                "worse than not doing it), and never for `scope: organisation`"
            ),
        ),
        Code(
            "PG303",
            _E,
            "Date in the future",
            "Use the date the review, update, evidence or sign-off actually happened.",
            "A `reviewed` date, a model update's date, an evidence item's `date` or the "
            "attestation's date lies after today: it cannot have happened yet. Evidence dated "
            "in the future is never sound.",
            when="a `reviewed`, update, evidence `date` or `attestation` date lies after today",
        ),
        Code(
            "PG304",
            _E,
            "Re-reviewed without new evidence",
            "Add evidence produced after the update (with its `date`), or review against it.",
            "After a significant model update, moving `reviewed:` forward is not enough: when "
            "every evidence item of a practice called into question by the update is dated "
            "before it, the review rests on evidence about the old model, so the practice is "
            "`unverified`. Only judged where every item has a `date`. An error for a baseline "
            "practice, a warning for a recommended one.",
            when=(
                "*(ed. 2)* a practice of `scope: model` re-reviewed after a significant update, "
                "but every evidence item is dated before it (only where every item has a "
                "`date`): re-reviewed without new evidence, so `unverified`; a warning for a "
                "recommended practice"
            ),
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
            "The waiver names a practice that is not in the pack (a typo: the message suggests "
            "the id it may mean), or a practice that is met, so there is nothing to waive.",
            when=(
                "a waiver names a practice that is not in the pack (with a did-you-mean) or that "
                "is met"
            ),
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
        Code(
            "PG501",
            _I,
            "No attestation",
            "Add `attestation: {by: <name, role>, date: YYYY-MM-DD}` once someone signs the "
            "declaration off.",
            "A declaration a governance committee relies on needs someone who stands behind it. "
            "Info by default; where sign-off is required, raise it to an error in config "
            '(`severity = {PG501 = "error"}`).',
            when=(
                "*(ed. 2)* the declaration has no `attestation` (config can raise it to error "
                "where sign-off is required)"
            ),
        ),
        Code(
            "PG502",
            _W,
            "Attestation older than the latest changes",
            "Have the declaration signed off again and update `attestation.date`.",
            "The attestation is dated before the newest `reviewed` date or significant model "
            "update: the sign-off does not cover the latest reviews.",
            when=(
                "*(ed. 2)* the `attestation` is older than the newest `reviewed` date or "
                "significant update: the sign-off does not cover the latest reviews"
            ),
        ),
    )
}
