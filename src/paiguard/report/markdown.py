"""Markdown building blocks for reports: escaping, safe links, progress bars, tidy output.

Every value is treated as untrusted text. `escape` makes it literal inline Markdown: one line,
every character that could open a construct (emphasis, code, link, HTML, entity, table cell,
strikethrough, math, heading) backslash-escaped, control and bidi characters dropped. Only
http(s) urls become links. `Markup` (from markupsafe) marks a string as finished Markdown, so the
template environment leaves it alone.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from markupsafe import Markup

BAR_WIDTH = 10
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#$]|&(?=#?[A-Za-z0-9]+;))")
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])(?=\s|$))")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_HTTP = re.compile(r"https?://[^\s/?#]+", re.IGNORECASE)
_DEST_ENCODE = frozenset(' <>"|\\`{}^')


def escape(value: object) -> Markup:
    """`value` as literal, single-line inline Markdown."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = "".join(ch for ch in text if not _invisible(ch))
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    # A value placed after a list marker or at a line start must not open a block of its own.
    text = _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text, count=1)
    return Markup(text)


def _invisible(ch: str) -> bool:
    return ch in _BIDI or unicodedata.category(ch) == "Cc"


def is_http_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) url with a host: the only kind that becomes a link."""
    return bool(_HTTP.match(url.strip()))


def link(url: str, text: str | None = None) -> Markup:
    """A Markdown link to an http(s) `url`; any other url is shown as escaped text, not linked."""
    url = url.strip()
    label = text if text and text.strip() else url
    if not is_http_url(url):
        return escape(label if label == url else f"{label} ({url})")
    return Markup(f"[{escape(label)}]({_destination(url)})")


def _destination(url: str) -> str:
    """A link destination that a parser reads back as exactly `url` (and that cannot end the
    link, split a table cell or be decoded as an entity)."""
    out = []
    for ch in url:
        if ch in _DEST_ENCODE or not ch.isprintable():
            out.append(quote(ch, safe=""))
        elif ch in "()&":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def bar(met: int, total: int, width: int = BAR_WIDTH) -> Markup:
    """A text progress bar such as `███████░░░ 70%`, rounded down so it fills only when done."""
    if total <= 0:
        return Markup("—")
    filled = met * width // total
    percent = met * 100 // total
    return Markup(f"{'█' * filled}{'░' * (width - filled)} {percent}%")


def tidy(text: str) -> str:
    """Stable final Markdown: no trailing spaces, at most one blank line, one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
