"""What a check sees of one declaration, and how it makes a located finding."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from paiguard.codes import CODES
from paiguard.declaration import Declaration
from paiguard.findings import Finding
from paiguard.packs import Pack
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
    folder: Path
    root: Path
    today: dt.date
    review_age_days: int = 365

    def finding(
        self,
        code: str,
        message: str,
        at: YamlPath,
        *,
        key: bool = False,
        practice: str | None = None,
    ) -> Finding:
        """A finding with the code's default severity, placed at the key or value `at`."""
        mark = self.document.key_mark(at) if key else self.document.value_mark(at)
        spec = CODES[code]
        return Finding(code, spec.severity, message, mark.line, mark.column, practice, spec.hint)

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
