"""Who a report is for (SPEC 4, `--audience`), and what the public edition leaves out.

The internal edition shows everything the declaration says. The public edition, for readers
outside the provider, shows an internal evidence item only as "internal evidence" (never its
ref, title, url, path, locator, by or date), a finding about one without its message (which
would say why the item failed a check, and name it), and no owner and no e-mail address. Every
view asks its `Edition` for the values it shows, so no template can show what an edition hides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paiguard.findings import Finding
from paiguard.results import FileResult
from paiguard.vocabulary import Audience

INTERNAL_EVIDENCE = "internal evidence"
WITHHELD_MESSAGE = "about internal evidence; the public edition does not say more"
EMAIL_WITHHELD = "(e-mail withheld)"
# An e-mail address in any form a reader or a renderer would take for one: a local part, `@`,
# and a domain with at least one dot.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True, slots=True)
class Edition:
    """The audience of one report and the words that say which edition it is."""

    audience: Audience
    public: bool
    name: str  # "internal edition", "public edition"
    note: str  # what the edition shows and leaves out, for the report's header
    shows_owners: bool

    def text(self, value: str) -> str:
        """A value from the declaration as this edition shows it: e-mail addresses withheld in
        the public edition."""
        return _EMAIL.sub(EMAIL_WITHHELD, value) if self.public else value

    def optional(self, value: str | None) -> str | None:
        """`text` of a value that may be absent."""
        return None if value is None else self.text(value)

    def owner(self, owner: str | None) -> str | None:
        """The owner of a practice, which the public edition never shows."""
        return self.optional(owner) if self.shows_owners else None

    def contact(self, contact: str | None) -> str | None:
        """The provider's contact; the public edition drops one that holds an e-mail address."""
        if contact is None or (self.public and _EMAIL.search(contact)):
            return None
        return contact

    def withholds(self, finding: Finding, result: FileResult) -> bool:
        """Whether this edition shows `finding` without its message: in the public edition, a
        finding about an internal evidence item (it points into one), or a PG304, whose message
        gives the dates of a practice's evidence, about a practice citing internal evidence."""
        if not self.public:
            return False
        at = finding.at
        if len(at) < 3 or at[0] != "practices" or not isinstance(at[1], str):
            return False
        entry = result.entry(at[1])
        if entry is None:
            return False
        if finding.code == "PG304":
            return any(item.internal for item in entry.evidence)
        if at[2] != "evidence" or len(at) < 4 or not isinstance(at[3], int):
            return False
        index = at[3]
        return 0 <= index < len(entry.evidence) and entry.evidence[index].internal


def edition(audience: Audience) -> Edition:
    """The edition of a report for `audience`."""
    if audience is Audience.PUBLIC:
        return Edition(
            audience,
            public=True,
            name="public edition",
            note="public edition: internal evidence is shown only as “internal evidence”, "
            "and owners and e-mail addresses are left out",
            shows_owners=False,
        )
    return Edition(
        audience,
        public=False,
        name="internal edition",
        note="internal edition: every evidence item, owner and finding in full; "
        "for readers outside the provider, render the public edition (--audience public)",
        shows_owners=True,
    )
