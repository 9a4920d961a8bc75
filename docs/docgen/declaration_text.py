"""The hand-written words of the declaration reference: examples, section titles, rules.

declaration_ref.py refuses to generate the page when a field of the models has no example
here, and checks every example against its field.
"""

from __future__ import annotations

INTRO = """\
# Declaration reference

A declaration is a YAML file, `paiguard.yaml` or `*.paiguard.yaml` (`.yml` works too), in which a
model provider states, practice by practice, what it does about the guidance of a rule pack and
where the evidence is. `paiguard check` reads it as untrusted input: an unknown key anywhere is
an error (PG002), so a typo can never pass silently; dates are ISO `YYYY-MM-DD`.

A declaration that uses every key:

```yaml title="paiguard.yaml"
paiguard: 1
pack: pai-frontier-restricted-api@1
provider: {name: Aurora Labs, contact: safety@aurora.example}
model:
  name: Lumen
  version: "1.1"
  model_type: frontier
  release_type: restricted-api
  surfaces: [api, console]
  updates:
    - {date: 2026-08-01, description: tool use and browsing added, significant: true}
attestation:
  by: Maya Chen, Head of Safety
  date: 2026-09-20
practices:
  red-teaming.b1:
    status: implemented
    evidence:
      - url: "https://aurora.example/lumen/system-card.pdf"
        title: Lumen system card
        locator: "section 4.2, pp. 12-14"
        date: 2026-08-28
      - path: safety/red-team-2026q3.md
        sha256: 5c8e0f3f2d1b7a9c4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d
        by: Redline Security
        independent: true
        access: internal
      - {ref: RISK-2026-014, title: "Q3 red-team findings, risk committee"}
    owner: safety-team
    reviewed: 2026-09-12
  pre-systems-card.b3:
    status: not-applicable
    justification: No regulator where Lumen is offered asks for pre-systems cards yet.
    reviewed: 2026-09-12
  external-evaluation.b3:
    status: planned
    due: 2027-03-31
waivers:
  - practice: external-evaluation.b3
    reason: The independent audit is contracted and starts in January 2027.
    approved_by: Chief Risk Officer
    expires: 2027-03-31
```

The sections below describe each mapping of the file, from the top level down. "Required"
means the key must be present; a key that is not required may be left out.
"""

CLOSING = """\
## Where the checks come in

The format above is checked first (PG001 for YAML that cannot be read, PG002 for anything that
does not match the tables above, PG003 for a file over a safety limit). Only a declaration that
matches the format is checked against its pack. Run `paiguard explain CODE` for any code.
"""

SECTION_TITLES = {
    "": "Top level",
    "provider": "who provides the model",
    "model": "the model",
    "attestation": "who signed the declaration off",
    "model.updates[]": "an update after deployment",
    "practices.<practice-id>": "what you do about one practice",
    "practices.<practice-id>.evidence[]": "one piece of evidence",
    "waivers[]": "an accepted, expiring gap",
}

KEY_NAMES = {"practices": "practice-id"}

# Keys the format lets you leave out so that a check, not a schema error, says what is missing:
# their "required" cell says when they are needed and which check reports them.
CHECKED_BY = {
    "practices.<practice-id>.evidence": "with `implemented` or `partial` (else PG201)",
    "practices.<practice-id>.justification": "with `not-applicable` (else PG105)",
    "waivers[].reason": "yes (else PG403)",
    "waivers[].approved_by": "yes (else PG403)",
    "waivers[].expires": "yes (else PG403)",
}

EXAMPLES = {
    "paiguard": "paiguard: 1",
    "pack": "pack: pai-frontier-restricted-api@1",
    "provider": "provider: {name: Aurora Labs, contact: safety@aurora.example}",
    "model": (
        "model: {name: Lumen, version: '1.0', model_type: frontier, release_type: restricted-api}"
    ),
    "attestation": "attestation: {by: 'Maya Chen, Head of Safety', date: 2026-09-20}",
    "attestation.by": "by: Maya Chen, Head of Safety",
    "attestation.date": "date: 2026-09-20",
    "model.surfaces": "surfaces: [api, console]",
    "practices": "practices: {red-teaming.b2: {status: planned, owner: safety-team}}",
    "waivers": (
        "waivers: [{practice: external-evaluation.b3, reason: Audit contracted for January 2027,"
        " approved_by: Chief Risk Officer, expires: 2027-03-31}]"
    ),
    "provider.name": "name: Aurora Labs",
    "provider.contact": "contact: safety@aurora.example",
    "model.name": "name: Lumen",
    "model.version": 'version: "1.0"',
    "model.model_type": "model_type: frontier",
    "model.release_type": "release_type: restricted-api",
    "model.updates": (
        "updates: [{date: 2026-08-01, description: tool use added, significant: true}]"
    ),
    "model.updates[].date": "date: 2026-08-01",
    "model.updates[].description": "description: tool use and browsing added",
    "model.updates[].significant": "significant: true",
    "practices.<practice-id>.status": "status: implemented",
    "practices.<practice-id>.evidence": (
        'evidence: [{url: "https://aurora.example/lumen/system-card#red-teaming"}]'
    ),
    "practices.<practice-id>.owner": "owner: safety-team",
    "practices.<practice-id>.reviewed": "reviewed: 2026-09-12",
    "practices.<practice-id>.due": "due: 2027-03-31",
    "practices.<practice-id>.justification": (
        "justification: No regulator where Lumen is offered asks for it."
    ),
    "practices.<practice-id>.evidence[].url": (
        'url: "https://aurora.example/lumen/system-card#red-teaming"'
    ),
    "practices.<practice-id>.evidence[].path": "path: safety/red-team-2026q3.md",
    "practices.<practice-id>.evidence[].ref": "ref: RISK-2026-014",
    "practices.<practice-id>.evidence[].title": "title: Red-team report 2026 Q3",
    "practices.<practice-id>.evidence[].locator": 'locator: "section 4.2, pp. 12-14"',
    "practices.<practice-id>.evidence[].date": "date: 2026-08-28",
    "practices.<practice-id>.evidence[].by": "by: Redline Security",
    "practices.<practice-id>.evidence[].independent": "independent: true",
    "practices.<practice-id>.evidence[].access": "access: internal",
    "practices.<practice-id>.evidence[].sha256": (
        "sha256: 5c8e0f3f2d1b7a9c4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d"
    ),
    "waivers[].practice": "practice: external-evaluation.b3",
    "waivers[].reason": "reason: The independent audit starts in January 2027.",
    "waivers[].approved_by": "approved_by: Chief Risk Officer",
    "waivers[].expires": "expires: 2027-03-31",
}

STATUS_MEANINGS = {
    "implemented": "Done. Meets the practice when at least one `evidence` item is sound "
    "(without evidence: PG201; with only unsound evidence the practice is unverified).",
    "partial": "Started but not complete: a gap (PG102 for a baseline practice); still needs "
    "evidence of what exists (PG201).",
    "planned": "Not started yet, but scheduled: a gap.",
    "not-implemented": "Not done and not planned: a gap.",
    "not-applicable": "The practice does not apply to this model. Meets the practice when a "
    "`justification` says why (without one: PG105; one that says nothing is PG106 and leaves "
    "a baseline practice unverified).",
}

RULES = {
    "Declaration": (
        "If `pack` is left out, paiguard uses the pack for the model's `model_type` and "
        "`release_type`. A pack for another combination is PG010, and so is a combination no "
        "published pack covers yet (today a pack ships for `frontier` x `restricted-api` "
        "only): write an organisation pack for it ([packs.md](packs.md#a-pack-for-another-"
        "combination)), never declare the model as something it is not."
    ),
    "ModelInfo": (
        'Quote a `version` such as `"1.0"`: unquoted, YAML reads it as a number. '
        "`surfaces` says what the declaration covers (the API, a console, an app), for the "
        "reports. List `updates` so that reviews stay honest: a practice that a model update "
        "calls into question (`scope: model` in the pack) and that was last `reviewed` before "
        "a `significant` update is reported (PG302: an error for a baseline practice, a "
        "warning for a recommended one) and is unverified until reviewed again; a review after "
        "the update that rests only on evidence dated before it is PG304. A date after today "
        "is PG303."
    ),
    "Attestation": (
        "Who stands behind the declaration, by name and role, and when they signed it off. "
        "Without one, PG501 (info; raise it to an error in config where sign-off is "
        "required); an attestation older than the newest `reviewed` date or significant update "
        "does not cover them (PG502)."
    ),
    "PracticeDeclaration": (
        "Each practice of the pack gets one outcome: **met** when its status is `implemented` "
        "with at least one sound evidence item, or `not-applicable` with a justification that "
        "says something, and its review is not stale; **grace** before the practice takes "
        "effect; **waived** under a waiver in force; **unverified** when it is claimed met but "
        "the evidence or the review does not stand up; **gap** otherwise. Only met counts. A "
        "baseline practice that is not declared is PG101, one declared but not claimed met is "
        "PG102; a recommended practice that is missing or not met is a PG103 warning. An id "
        "that is not in the pack is PG104 (with a suggestion). A `reviewed` date older than the "
        "review age (365 days by default) is a PG301 warning. A not-applicable justification "
        'that says nothing ("TBD", under 20 characters, or copied from another) is PG106. '
        "`due` says when a practice not yet met will be; once passed, PG107. A schema problem "
        "inside one practice's entry makes that practice a gap and leaves the rest checked."
    ),
    "Evidence": (
        "Give exactly one of `url`, `path` and `ref`; none may be empty or hold a control "
        "character (PG002). A `url` must be http(s) (PG204). A `path` is relative to the "
        "declaration's folder, must exist (PG202) and must stay inside the repository (PG203): "
        "the nearest folder holding `.git`; without one, the current folder when the "
        "declaration lies under it, else the declaration's folder. `sha256` pins a `path` to "
        "the file as it was reviewed; when the file changes, PG205 gives both digests. A `ref` "
        "names an internal record that cannot be linked; it is always internal, and a `url` or "
        "`path` is public unless `access: internal`. Internal evidence counts like any other, "
        "but a public report shows only that it exists. An item is **sound** when no "
        "PG202-PG205 finding is about it and its `date` is not after today. A document cited "
        "for more than 10 practices should say where, with a `locator` (PG206)."
    ),
    "Waiver": (
        "A waiver in force covers a practice that is a gap or unverified: it is then waived, "
        "and its PG101, PG102, PG103, PG201, PG302 and PG304 findings become `info` findings "
        "that say until when and by whom; evidence findings (PG202-PG205) keep their "
        "severity, as the reference itself is wrong. An expired waiver is PG401; a waiver "
        "without `reason` or `approved_by`, or that runs more than 365 days past today, is "
        "PG403; a waiver for a practice that is not in the pack or is met is a PG402 warning. "
        "A schema problem inside one waiver leaves that waiver out. `paiguard check "
        "--no-waivers` ignores every waiver, for a release gate."
    ),
}
