"""Reading HTML reports back with an HTML5 parser (html5lib, strict: a parse error fails) and
asserting they are self-contained and safe: no script, no event handler, no `javascript:`, no
element that loads anything (image, frame, stylesheet link, base, form), no `url(` or `@import`
in the inline CSS, every link an http(s) url or an anchor of the page, every id once, and every
table row as wide as its header."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import html5lib

HTTP = re.compile(r"https?://[^\s/?#]+", re.IGNORECASE)
# Elements that load or run something, or send the reader somewhere other than by a link.
FORBIDDEN = frozenset(
    {"script", "img", "iframe", "frame", "object", "embed", "link", "base", "form", "input"}
    | {"audio", "video", "source", "track", "picture", "image", "use", "foreignObject"}
)
LOADING_ATTRIBUTES = frozenset(
    {"src", "srcset", "data", "poster", "action", "formaction", "xlink:href"}
)
CSP = "default-src 'none'; style-src 'unsafe-inline'"


@dataclass
class Page:
    """An HTML report as parsed: its tree and what the checks read."""

    root: ET.Element
    hrefs: list[str]
    ids: list[str]

    def text(self) -> str:
        """Every piece of text a reader sees (style and title left out), joined by spaces."""
        parts: list[str] = []
        for element in self.root.iter():
            if element.tag in ("style", "title", "head"):
                continue
            if element.text:
                parts.append(element.text)
            if element.tail:
                parts.append(element.tail)
        return " ".join(" ".join(parts).split())

    def tables(self) -> list[list[int]]:
        """The cell count of each row of each table (header row first)."""
        return [[len(list(row)) for row in table.iter("tr")] for table in self.root.iter("table")]

    def style(self) -> str:
        """The inline stylesheet."""
        return "".join(s.text or "" for s in self.root.iter("style"))


def parse(text: str) -> Page:
    """`text` parsed by html5lib in strict mode (any parse error raises)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root = parser.parse(text)
    hrefs = [a.get("href") or "" for a in root.iter("a")]
    ids = [el.get("id") or "" for el in root.iter() if el.get("id") is not None]
    return Page(root, hrefs, ids)


def assert_safe(text: str) -> Page:
    """The checks of this module; returns the page for more."""
    assert text.startswith("<!DOCTYPE html>\n"), text[:40]
    page = parse(text)
    assert len(page.ids) == len(set(page.ids)), "an id is used twice"
    metas = {m.get("http-equiv"): m.get("content") for m in page.root.iter("meta")}
    assert metas.get("Content-Security-Policy") == CSP
    assert "refresh" not in {str(k).lower() for k in metas}
    for element in page.root.iter():
        tag = str(element.tag).split("}")[-1]
        assert tag not in FORBIDDEN, tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (tag, name)
            assert name.lower() not in LOADING_ATTRIBUTES, (tag, name)
            assert name != "style", (tag, "inline style attribute")
            # an http(s) link may carry `javascript:` in its path (it goes to that site);
            # nothing else may hold it at all
            if not (name == "href" and HTTP.match(value)):
                assert "javascript:" not in "".join(value.lower().split()), (tag, name, value)
        if tag == "a":
            assert set(element.attrib) <= {"href", "rel"}, element.attrib
            href = element.get("href") or ""
            assert HTTP.match(href) or (href.startswith("#") and href[1:] in page.ids), href
            if HTTP.match(href):
                assert element.get("rel") == "noopener noreferrer", href
    style = page.style().lower()
    assert "url(" not in style and "@import" not in style
    for rows in page.tables():
        assert rows and rows == [rows[0]] * len(rows), rows
    return page


def external(page: Page) -> list[str]:
    """The links that leave the page, each once, sorted."""
    return sorted({h for h in page.hrefs if not h.startswith("#")})
