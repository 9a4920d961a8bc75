"""Text rules every report format shares: what counts as a link, what a value looks like on one
line, and how a rendered report ends.

Each format's own escaping (`markdown.escape`, `html.escape`) starts from `one_line`, so a
declaration's text reads the same in every format: one line, control and bidirectional
override characters dropped.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_HTTP = re.compile(r"https?://[^\s/?#]+", re.IGNORECASE)
_ANCHOR = re.compile(r"[a-z0-9][a-z0-9.-]*")


def one_line(value: object) -> str:
    """`value` as one line of text: whitespace runs become one space; control characters and
    bidirectional overrides (which could make text read differently from what it is) go."""
    text = " ".join(str(value).split())
    return "".join(ch for ch in text if not _invisible(ch))


def _invisible(ch: str) -> bool:
    return ch in _BIDI or unicodedata.category(ch) == "Cc"


def is_http_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) url with a host: the only kind that becomes a link."""
    return bool(_HTTP.match(url.strip()))


def anchor_id(anchor: str) -> str:
    """`anchor` checked as an in-page anchor id a report made itself (`g-8-red-teaming`)."""
    if not _ANCHOR.fullmatch(anchor):
        raise ValueError(f"not a report anchor: {anchor!r}")
    return anchor


def tidy(text: str) -> str:
    """Stable final text: no trailing spaces, at most one blank line, one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
