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
  updates:
    - {date: 2026-08-01, description: tool use and browsing added, significant: true}
practices:
  red-teaming.b1:
    status: implemented
    evidence:
      - {url: "https://aurora.example/lumen/system-card#red-teaming", title: System card}
      - path: safety/red-team-2026q3.md
        sha256: 5c8e0f3f2d1b7a9c4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d
    owner: safety-team
    reviewed: 2026-09-12
  pre-systems-card.b3:
    status: not-applicable
    justification: No regulator where Lumen is offered asks for pre-systems cards yet.
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
    "practices.<practice-id>.justification": (
        "justification: No regulator where Lumen is offered asks for it."
    ),
    "practices.<practice-id>.evidence[].url": (
        'url: "https://aurora.example/lumen/system-card#red-teaming"'
    ),
    "practices.<practice-id>.evidence[].path": "path: safety/red-team-2026q3.md",
    "practices.<practice-id>.evidence[].title": "title: Red-team report 2026 Q3",
    "practices.<practice-id>.evidence[].sha256": (
        "sha256: 5c8e0f3f2d1b7a9c4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d"
    ),
    "waivers[].practice": "practice: external-evaluation.b3",
    "waivers[].reason": "reason: The independent audit starts in January 2027.",
    "waivers[].approved_by": "approved_by: Chief Risk Officer",
    "waivers[].expires": "expires: 2027-03-31",
}

STATUS_MEANINGS = {
    "implemented": "Done. Meets the practice when at least one `evidence` item is given "
    "(without evidence: PG201).",
    "partial": "Started but not complete: a gap (PG102 for a baseline practice); still needs "
    "evidence of what exists (PG201).",
    "planned": "Not started yet, but scheduled: a gap.",
    "not-implemented": "Not done and not planned: a gap.",
    "not-applicable": "The practice does not apply to this model. Meets the practice when a "
    "`justification` says why (without one: PG105).",
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
        "List `updates` so that reviews stay honest: a practice last `reviewed` before a "
        "`significant` update is reported (PG302), because the guidance asks for renewed "
        "governance when an update expands capabilities. A date after today is PG303."
    ),
    "PracticeDeclaration": (
        "A practice is **met** when its status is `implemented` with at least one evidence "
        "item, or `not-applicable` with a justification. A baseline practice that is not "
        "declared is PG101, one that is declared but not met is PG102; a recommended practice "
        "that is missing or not met is a PG103 warning. An id that is not in the pack is PG104 "
        "(with a suggestion). A `reviewed` date older than the review age (365 days by "
        'default) is a PG301 warning; a justification that says nothing ("TBD", under 20 '
        "characters, or copied from another practice) is a PG106 warning."
    ),
    "Evidence": (
        "Give exactly one of `url` and `path`. A `url` must be http(s) (PG204). A `path` is "
        "relative to the declaration's folder, must exist (PG202) and must stay inside the "
        "repository (PG203): the nearest folder holding `.git`; without one, the current folder "
        "when the declaration lies under it, else the declaration's folder. "
        "`sha256` pins a `path` to the file as it was reviewed; when the file changes, the "
        "check reports PG205 until the practice is reviewed again and the pin updated."
    ),
    "Waiver": (
        "A waiver in force turns the PG101, PG102 or PG201 finding of its practice into an "
        "`info` finding that says it is waived, until when and by whom. An expired waiver is "
        "PG401; a waiver without `reason` or `approved_by`, or that runs more than 365 days "
        "past today, is PG403; a waiver for a practice that is not in the pack or has no gap "
        "is a PG402 warning. `paiguard check --no-waivers` ignores every waiver, for a "
        "release gate."
    ),
}
