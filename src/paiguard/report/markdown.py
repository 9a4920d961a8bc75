"""Markdown building blocks for reports: escaping, safe links, in-page anchors, progress bars.

Every value is treated as untrusted text. `escape` makes it literal inline Markdown where
reports are read, on GitHub too: one line, every character that could open a construct
(emphasis, code, link, HTML, entity, table cell, strikethrough, math, heading)
backslash-escaped, control and bidi characters dropped, and nothing that GitHub's renderer
(cmark-gfm with its autolink extension) would turn into a link. Only http(s) urls become links,
and in-page links go only to anchors the report made. `Markup` (from markupsafe) marks a string
as finished Markdown, so the template environment leaves it alone.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

from paiguard.report.text import anchor_id, is_http_url, one_line

BAR_WIDTH = 10
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#$]|&(?=#?[A-Za-z0-9]+;))")
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])(?=\s|$))")
_DEST_ENCODE = frozenset(' <>"|\\`{}^')
# cmark-gfm's autolink extension (GitHub) links three shapes of bare text, whatever escapes
# surround them: a scheme it knows followed by `//` (`https://`, `http://`, `ftp://`: found
# at the colon, which a backslash escape hides); `www.` at the start of a word or after one
# of `*_~(` (the dot, escaped, no longer matches); and an e-mail address (`mailto:` and
# `xmpp:` included), which it finds after parsing, in the text as read, so that `\@` and
# `&#64;` link too. An invisible word joiner (U+2060) after an `@` that a domain with a dot
# follows ends the address before its domain begins (an `@` with no such domain after it,
# as in `pack@1`, cannot start one, and stays as it is for copying).
_SCHEME_COLON = re.compile(r":(?=/)")
_WWW_DOT = re.compile(r"(www)\.", re.IGNORECASE)
_EMAIL_AT = re.compile(r"@(?=[\w.-]*\.\w)")
WORD_JOINER = "\u2060"


def escape(value: object) -> Markup:
    """`value` as literal, single-line inline Markdown that no renderer links."""
    if isinstance(value, Markup):
        return value
    text = _EMAIL_AT.sub("@" + WORD_JOINER, one_line(value))
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _SCHEME_COLON.sub(r"\\:", text)
    text = _WWW_DOT.sub(r"\1\\.", text)
    # A value placed after a list marker or at a line start must not open a block of its own.
    text = _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text, count=1)
    return Markup(text)


def link(url: str, text: str | None = None) -> Markup:
    """A Markdown link to an http(s) `url`; any other url is shown as escaped text, not linked."""
    url = url.strip()
    label = text if text and text.strip() else url
    if not is_http_url(url):
        return escape(label if label == url else f"{label} ({url})")
    return Markup(f"[{escape(label)}]({_destination(url)})")


def anchor(name: str) -> Markup:
    """An anchor the report makes itself, as GitHub keeps one: `<a name="g-8-red-teaming"></a>`
    (heading ids differ from one renderer to the next; this one does not)."""
    return Markup(f'<a name="{anchor_id(name)}"></a>')


def anchor_link(name: str, text: str) -> Markup:
    """A link to an anchor of the same report."""
    return Markup(f"[{escape(text)}](#{anchor_id(name)})")


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
