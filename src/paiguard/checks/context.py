"""What a check sees of one declaration, and how it makes a located finding."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from paiguard.codes import CODES, Severity
from paiguard.declaration import Declaration
from paiguard.evidence_files import EvidenceFiles
from paiguard.findings import Finding
from paiguard.packs import Pack
from paiguard.vocabulary import Level, Outcome, Status
from paiguard.yamlsource import Document, YamlPath

# A did-you-mean costs about a millisecond: a file of thousands of made-up ids gets them for the
# first ones only (per check), so that it cannot buy seconds of CPU per kilobyte.
SUGGESTIONS = 50


@dataclass(frozen=True, slots=True)
class Context:
    """One validated declaration, its pack, and the settings the checks depend on."""

    declaration: Declaration
    document: Document
    pack: Pack
    files: EvidenceFiles  # where evidence paths are looked up: the disk, or a git revision
    today: dt.date
    review_age_days: int = 365
    # practice entries left out for a schema problem inside them (PG002), with their status
    invalid: Mapping[str, Status | None] = field(default_factory=dict)
    # the position in the file of each waiver of `declaration.waivers` (some may be left out)
    waiver_positions: tuple[int, ...] = ()
    # each practice's outcome, for the checks that depend on it (CHECKS_ON_OUTCOMES)
    outcomes: Mapping[str, Outcome] = field(default_factory=dict)

    def finding(
        self,
        code: str,
        message: str,
        at: YamlPath,
        *,
        key: bool = False,
        practice: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding placed at the key or value `at`, with the code's default severity unless
        the code's row in SPEC §3 gives it by the practice's level (`severity`)."""
        mark = self.document.key_mark(at) if key else self.document.value_mark(at)
        spec = CODES[code]
        return Finding(
            code,
            severity or spec.severity,
            message,
            mark.line,
            mark.column,
            practice,
            spec.hint,
            None,
            at,
        )

    def by_level(self, practice_id: str) -> Severity:
        """Error for a baseline practice, warning for a recommended one (or an unknown id)."""
        ref = self.pack.practices.get(practice_id)
        baseline = ref is not None and ref.practice.level is Level.BASELINE
        return Severity.ERROR if baseline else Severity.WARNING

    def waiver_at(self, index: int) -> YamlPath:
        """Where the `index`-th waiver of the declaration stands in the file."""
        return ("waivers", self.waiver_positions[index])

    def practice_text(self, practice_id: str, width: int = 60) -> str:
        """The start of a practice's guidance text, for messages."""
        ref = self.pack.practices.get(practice_id)
        if ref is None:
            return ""
        text = " ".join(ref.practice.text.split())
        return text if len(text) <= width else text[: width - 1].rstrip() + "…"

    def unknown_practice(self, practice_id: str, *, suggest: bool = True) -> str:
        """Why an id is not a practice of the pack, worded to follow it: renamed (and to what),
        or not in the pack, with a did-you-mean unless `suggest` is false."""
        pack = self.pack
        renamed = pack.renamed.get(practice_id)
        if renamed:
            return f"was renamed to {renamed} in {pack.pack} {pack.version}; run `paiguard upgrade`"
        close = difflib.get_close_matches(practice_id, list(pack.practices), n=1) if suggest else []
        return f"is not in {pack.ref}" + (f"; did you mean {close[0]}?" if close else "")
