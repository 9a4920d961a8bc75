"""What a check sees of one declaration, and how it makes a located finding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from paiguard.codes import CODES
from paiguard.declaration import Declaration
from paiguard.findings import Finding
from paiguard.packs import Pack
from paiguard.yamlsource import Document, YamlPath


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
