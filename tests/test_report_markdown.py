"""The Markdown building blocks of reports, read back with markdown-it-py and with GitHub's own
renderer (cmark-gfm, with its autolink extension): escaped text stays literal text in every
place a report puts it, nothing in it becomes a link on GitHub either, and only http(s) urls
become links."""

from __future__ import annotations

import random
import re
from urllib.parse import unquote

import pytest

from markdown_checks import assert_safe, github, links, parse, plain, tables
from paiguard.report.markdown import WORD_JOINER, anchor, anchor_link, bar, escape, link
from paiguard.report.text import is_http_url, tidy

NASTY = [
    "A | B",
    "line1\nline2\r\nline3",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "<https://evil.example> <javascript:alert(1)> <a@b.c>",
    "`code` ``double`` ```",
    "*bold* _em_ __strong__ ***both***",
    "&lt;b&gt; &amp; &#60; &#x3C; &copy",
    "R&D; AT&T",
    "# heading",
    "## heading ##",
    "- list",
    "+ plus",
    "* star",
    "1. ordered",
    "12) ordered",
    "2.1.0",
    "> quote",
    "=====",
    "---",
    "    indented code",
    "trailing backslash \\",
    "\\| escaped pipe \\\\| double",
    "~~strike~~ $math$ $$display$$",
    "[ref]: https://evil.example",
    "[^note]",
    "\u202eevil\u202c and \u2066isolate\u2069",
    "nul\x00 bell\x07 esc\x1b del\x7f",
    "a\u2028b\u2029c",
    "<!-- comment -->",
    "<![CDATA[x]]>",
    "<?php echo 1; ?>",
    "snake_case_name and __dunder__",
    "",
    # what GitHub's autolink extension links in bare text, and the escapes it sees through
    "https://evil.example/autolink and www.evil.example",
    "\\<https://evil.example/x\\> \\<www.evil.example\\>",
    "HTTP://EVIL.EXAMPLE ftp://evil.example/f FTP://EVIL.EXAMPLE",
    "(www.evil.example) *www.evil.example* _www.evil.example_ ~www.evil.example~",
    "see:https://evil.example x-https://evil.example",
    "a@evil.example a\\@evil.example a&#64;evil.example first.last+tag@mail.evil.example",
    "mailto:a@evil.example xmpp:a@evil.example/res @mention",
    "<a@evil.example> [mail](mailto:a@evil.example) https://evil.example/@a@b.example",
]

_ALPHABET = "ab |\\`*_[]()<>!&#;~$-+=.:/\n\t1@w"


def expected_text(value: str) -> str:
    """What a reader should see: the value on one line, invisible controls dropped, and an
    invisible word joiner after each `@` that a domain with a dot follows (so that no renderer
    reads an e-mail address there)."""
    text = " ".join(value.split())
    drop = {"\x00", "\x07", "\x1b", "\x7f", "\u202e", "\u202c", "\u2066", "\u2069"}
    text = "".join(ch for ch in text if ch not in drop)
    return re.sub(r"@(?=[\w.-]*\.\w)", "@" + WORD_JOINER, text)


def fuzz(count: int) -> list[str]:
    rng = random.Random(20261126)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 24))) for _ in range(count)]


def inline_text(markdown: str) -> str:
    tokens = parse(markdown)
    inlines = [t for t in tokens if t.type == "inline"]
    return "".join(plain(t) for t in inlines)


@pytest.mark.parametrize("value", NASTY + fuzz(400))
def test_escaped_text_reads_back_literally_in_a_paragraph(value: str) -> None:
    markdown = escape(value)
    tokens = parse(f"Owner: {markdown}\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {c.type for c in children} <= {"text"}, children
    assert plain(tokens[1]) == f"Owner: {expected_text(value)}".rstrip()


@pytest.mark.parametrize("value", NASTY + fuzz(400))
def test_escaped_text_keeps_a_table_cell_whole(value: str) -> None:
    doc = f"| a | b | c |\n|---|---|---|\n| x | {escape(value)} | y |\n"
    assert_safe(doc)
    [table] = tables(doc)
    assert table.rows == [["x", expected_text(value).strip(), "y"]]


@pytest.mark.parametrize("value", NASTY + fuzz(200))
def test_escaped_text_after_a_list_marker_and_in_a_heading_stays_text(value: str) -> None:
    for prefix, block in (("- ", "bullet_list_open"), ("#### ", "heading_open")):
        tokens = parse(f"{prefix}{escape(value)}\n")
        assert tokens[0].type == block
        types = [t.type for t in tokens]
        assert types.count("inline") <= 1, types
        assert not {"bullet_list_open", "ordered_list_open", "blockquote_open"} & set(types[1:]), (
            types
        )
        inline = [t for t in tokens if t.type == "inline"]
        assert (plain(inline[0]) if inline else "") == expected_text(value).strip()


@pytest.mark.parametrize("value", NASTY + fuzz(400))
def test_github_links_nothing_in_escaped_text_wherever_a_report_puts_it(value: str) -> None:
    """cmark-gfm with the GitHub extensions (autolink, table, strikethrough, tagfilter): the
    text reads back exactly, with no element but the block itself (no link, no HTML)."""
    text = escape(value)
    expected = expected_text(value).strip()
    for doc, tags in (
        (f"Owner: {text}\n", {"p"}),
        (f"| a | b |\n|---|---|\n| x | {text} |\n", {"table", "thead", "tbody", "tr", "th", "td"}),
        (f"#### {text}\n", {"h4"}),
        (f"- {text}\n", {"ul", "li"}),
    ):
        rendered = github(doc)
        assert rendered.hrefs == [], (value, doc)
        assert rendered.tags <= tags, (value, rendered.tags)
        seen = "".join(rendered.texts).strip()
        assert expected in seen, (value, seen)


def test_a_link_label_is_not_autolinked_on_github_either() -> None:
    doc = f"{link('https://example.org/card', 'www.evil.example a@b.example https://x.example')}\n"
    assert github(doc).hrefs == ["https://example.org/card"]


def test_anchors_and_links_to_them_are_the_only_html_and_in_page_links() -> None:
    heading = f"## {anchor('g-8-red-teaming')}8. Red teaming\n"
    doc = f"{heading}\nSee {anchor_link('g-8-red-teaming', 'it')}.\n"
    assert_safe(doc)
    assert links(doc) == ["#g-8-red-teaming"]
    assert github(doc).names == ["g-8-red-teaming"]
    with pytest.raises(ValueError, match="not a report anchor"):
        anchor('x" onclick="alert(1)')
    with pytest.raises(ValueError, match="not a report anchor"):
        anchor_link("javascript:alert(1)", "x")


def test_plain_words_stay_readable_in_the_markdown_source() -> None:
    assert escape("Nimbus 2.1.0") == "Nimbus 2.1.0"
    assert escape("Research & Development") == "Research & Development"
    assert escape("safety-team, reviewed 2026-09-12.") == "safety-team, reviewed 2026-09-12."
    assert escape("a | b") == "a \\| b"
    assert escape("<b>") == "\\<b\\>"
    assert escape("see https://example.org") == "see https\\://example.org"
    assert escape("www.example.org") == "www\\.example.org"
    assert escape("safety@example.org") == f"safety@{WORD_JOINER}example.org"
    assert escape("pai-frontier-restricted-api@1") == "pai-frontier-restricted-api@1"


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/card", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("  https://example.org/padded  ", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("https://", False),
        ("https:/example.org", False),
        ("docs/safety.md", False),
        ("mailto:a@example.org", False),
    ],
)
def test_only_http_urls_become_links(url: str, linked: bool) -> None:
    assert is_http_url(url) is linked
    doc = f"Evidence: {link(url, 'System card')}\n"
    assert_safe(doc)
    hrefs = links(doc)
    assert hrefs == ([url.strip()] if linked else [])
    assert inline_text(doc) == (
        "Evidence: System card" if linked else f"Evidence: System card ({expected_text(url)})"
    )


@pytest.mark.parametrize(
    "url",
    [
        'https://example.org/a|b (c) <d> "e" `f` &lt; x\ty {z} ^',
        "https://example.org/x)](javascript:alert(1)",
        "https://example.org/\\)\\",
        "https://example.org/?q=a&amp;b&#60;c",
        "https://example.org/ünïcödé/ path",
        "https://example.org/\u202eevil",
    ],
)
def test_a_linked_url_points_exactly_where_the_declaration_says(url: str) -> None:
    for doc in (f"See {link(url)}.\n", f"| a |\n|---|\n| {link(url, 'x | y')} |\n"):
        assert_safe(doc)
        [href] = links(doc)
        assert unquote(href) == url


def test_a_link_label_is_escaped_text() -> None:
    doc = f"{link('https://example.org', '](javascript:alert(1)) <b>*x*</b>')}\n"
    assert_safe(doc)
    assert links(doc) == ["https://example.org"]
    assert inline_text(doc) == "](javascript:alert(1)) <b>*x*</b>"


@pytest.mark.parametrize(
    ("met", "total", "shown"),
    [
        (0, 10, "░░░░░░░░░░ 0%"),
        (5, 10, "█████░░░░░ 50%"),
        (73, 74, "█████████░ 98%"),
        (74, 74, "██████████ 100%"),
        (1, 3, "███░░░░░░░ 33%"),
        (0, 0, "—"),
    ],
)
def test_progress_bar_fills_only_when_everything_is_met(met: int, total: int, shown: str) -> None:
    assert bar(met, total) == shown


def test_tidy_leaves_one_blank_line_no_trailing_spaces_and_one_final_newline() -> None:
    assert tidy("\n\n# a  \n\n\n\ntext\t\n\n") == "# a\n\ntext\n"
