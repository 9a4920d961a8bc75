"""Text rules every report format shares: what counts as a link, what a value looks like on one
line, which urls in paiguard's own text are links, and how a rendered report ends.

Each format's own escaping (`markdown.escape`, `html.escape`) starts from `one_line`, so a
declaration's text reads the same in every format: one line, control and bidirectional
override characters dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_HTTP = re.compile(r"https?://[^\s/?#]+", re.IGNORECASE)
_ANCHOR = re.compile(r"[a-z0-9][a-z0-9.-]*")
# An http(s) url in running text: up to a space, a bracket or a quote, and not ending in
# punctuation that ends the sentence around it.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]{}\"',;]*[^\s<>()\[\]{}\"',;.:!?]", re.IGNORECASE)


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


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a crosswalk's own text: words, or an http(s) url in it shown as a link."""

    text: str
    href: str | None
    space: bool  # whether a space comes before it


def segments(text: str, *, linked: bool) -> tuple[Segment, ...]:
    """`text` with each http(s) url in it a link when `linked`: for the text of a pack or
    crosswalk that ships with paiguard (SPEC 5: the only links in a report are evidence urls,
    in-page anchors, and urls from a shipped pack or crosswalk); other text stays text."""
    if not linked:
        return (Segment(text, None, space=False),)
    out: list[Segment] = []
    start = 0
    for match in _URL_IN_TEXT.finditer(text):
        if not is_http_url(match[0]):
            continue
        out += _words(text[start : match.start()], space=bool(out))
        out.append(Segment(match[0], match[0], space=text[: match.start()][-1:].isspace()))
        start = match.end()
    out += _words(text[start:], space=bool(out))
    return tuple(out) or (Segment(text, None, space=False),)


def _words(text: str, *, space: bool) -> list[Segment]:
    """The words between two urls (none when only spaces), and whether a space precedes them."""
    if not text.strip():
        return []
    return [Segment(text.strip(), None, space=space and text[:1].isspace())]
