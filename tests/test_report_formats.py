"""Every report kind (gap, conformance, crosswalk, portfolio) in both formats (`--format
markdown|html`) and both audiences (`--audience internal|public`), of the examples and of the
hostile declarations, read back with real parsers: markdown-it-py and GitHub's own renderer
(cmark-gfm with every GitHub extension) for Markdown, html5lib for HTML.

Asserted on each: the structure (tables as wide as their headers, no raw HTML in Markdown but
the report's own anchors; in HTML no script, event handler, `javascript:` or loading element),
links only to evidence urls (http/https), the report's own anchors and urls from a shipped pack
or crosswalk; and, in the public edition, none of the declaration's internal evidence (its
ref, title, url, path, locator, author or date), owners or e-mail addresses."""

from __future__ import annotations

import functools
import html
import re
from typing import Any
from urllib.parse import unquote

import pytest
from ruamel.yaml import YAML

import html_checks
from conftest import REPO, TODAY, run_paiguard
from markdown_checks import anchors, assert_safe, github, tables
from paiguard.report.markdown import WORD_JOINER

DECLARATIONS = {
    "conforming": "examples/conforming/paiguard.yaml",
    "halfway": "examples/halfway/paiguard.yaml",
    "org-pack": "examples/org-pack/nimbus.paiguard.yaml",
    "hostile": "tests/reports/hostile/paiguard.yaml",
    "mixed": "tests/reports/mixed/paiguard.yaml",
}
KINDS = {
    "gap": ("--kind", "gap"),
    "conformance": ("--kind", "conformance"),
    "crosswalk-nist": ("--crosswalk", "nist-ai-600-1"),
    "crosswalk-fmti": ("--crosswalk", "fmti-2025"),
}
PORTFOLIOS = {"examples": ("examples",), "tests": ("tests/reports",)}
FORMATS = ("markdown", "html")
AUDIENCES = ("internal", "public")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"https?://[^\s\"'<>|)\]`]+", re.IGNORECASE)
# Where the urls of the shipped pack and crosswalks come from (SPEC 5: they may be links).
SHIPPED = [REPO / "guidance" / "pai-frontier-restricted-api.yaml", REPO / "guidance" / "crosswalks"]
# The ids only the HTML edition has: the chart's title.
HTML_ONLY_IDS = {"chart-title"}


@functools.cache
def render(args: tuple[str, ...], fmt: str, audience: str) -> str:
    run = run_paiguard(
        "report", *args, "--format", fmt, "--audience", audience, "--today", TODAY, cwd=REPO
    )
    assert (run.code, run.err) == (0, ""), run.err
    return run.out


@functools.cache
def declaration(name: str) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load((REPO / DECLARATIONS[name]).read_text("utf-8"))
    return data


def items(name: str) -> list[dict[str, Any]]:
    """Every evidence item of a declaration."""
    practices = declaration(name).get("practices") or {}
    return [item for entry in practices.values() for item in entry.get("evidence") or []]


def internal(item: dict[str, Any]) -> bool:
    return "ref" in item or item.get("access") == "internal"


@functools.cache
def shipped_urls() -> frozenset[str]:
    files = [f for place in SHIPPED for f in ([place] if place.is_file() else place.iterdir())]
    return frozenset(u.rstrip(".,;") for f in files for u in URL.findall(f.read_text("utf-8")))


def allowed_links(names: list[str], audience: str) -> set[str]:
    """The urls a report on `names` may link to: the http(s) evidence urls it may show, and the
    urls of the shipped pack and crosswalks."""
    evidence = {
        str(item["url"]).strip()
        for name in names
        for item in items(name)
        if "url" in item and (audience == "internal" or not internal(item))
    }
    return {u for u in evidence if re.match(r"https?://", u, re.IGNORECASE)} | shipped_urls()


def visible(text: str, fmt: str) -> str:
    """What a reader sees (GitHub's rendering of Markdown; HTML's text and link targets),
    with the invisible word joiners that keep addresses from being linked taken out."""
    if fmt == "markdown":
        rendered = github(text)
        seen = " ".join(rendered.texts + rendered.hrefs)
    else:
        page = html_checks.parse(text)
        seen = " ".join([page.text(), *page.hrefs])
    return " ".join(seen.replace(WORD_JOINER, "").split())


def same(url: str) -> str:
    """A url as compared: percent-escapes and entities decoded (cmark-gfm writes `&lt;` in a
    destination back as it is, which an HTML reader then decodes)."""
    return html.unescape(unquote(url))


def check_structure(text: str, fmt: str) -> tuple[list[str], set[str]]:
    """Format checks; the external links (compared as `same`) and the anchors of the report."""
    if fmt == "markdown":
        assert_safe(text)  # markdown-it and cmark-gfm: anchors only, tables whole, links allowed
        rendered = github(text)
        hrefs = [h for h in rendered.hrefs if not h.startswith("#")]
        return [same(h) for h in hrefs], set(anchors(text))
    page = html_checks.assert_safe(text)
    return [same(h) for h in html_checks.external(page)], set(page.ids) - HTML_ONLY_IDS


def cases() -> list[tuple[str, tuple[str, ...], list[str]]]:
    """(id, report arguments, declarations it is about)."""
    found = [
        (f"{name}-{kind}", (path, *args), [name])
        for name, path in DECLARATIONS.items()
        for kind, args in KINDS.items()
        if not (name == "org-pack" and kind.startswith("crosswalk"))  # tested in crosswalk tests
    ]
    owners = {"examples": ["conforming", "halfway", "org-pack"], "tests": ["hostile", "mixed"]}
    found += [
        (f"portfolio-{name}", ("--portfolio", *paths), owners[name])
        for name, paths in PORTFOLIOS.items()
    ]
    return found


CASES = cases()


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("args", "names"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_report_reads_back_safely_and_links_only_where_it_may(
    args: tuple[str, ...], names: list[str], fmt: str, audience: str
) -> None:
    text = render(args, fmt, audience)
    links, _ = check_structure(text, fmt)
    allowed = {same(u) for u in allowed_links(names, audience)}
    assert set(links) <= allowed, sorted(set(links) - allowed)
    assert render(args, fmt, audience) == text  # byte-identical re-render


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(
    "args",
    [c[1] for c in CASES if "--portfolio" not in c[1]],
    ids=[c[0] for c in CASES if "--portfolio" not in c[1]],
)
def test_markdown_and_html_render_the_same_view(args: tuple[str, ...], audience: str) -> None:
    """The same sections and anchors, the same links, and the same table shapes."""
    markdown, html = render(args, "markdown", audience), render(args, "html", audience)
    md_links, md_anchors = check_structure(markdown, "markdown")
    html_links, html_anchors = check_structure(html, "html")
    assert md_anchors == html_anchors
    assert sorted(set(md_links)) == sorted(set(html_links))
    md_shapes = [[len(t.header)] * (len(t.rows) + 1) for t in tables(markdown)]
    html_shapes = html_checks.parse(html).tables()
    assert [len(rows) for rows in html_shapes] == [len(rows) for rows in md_shapes]
    assert [rows[0] for rows in html_shapes] == [rows[0] for rows in md_shapes]  # columns


def test_every_evidence_url_of_a_practice_links_in_the_internal_conformance_report() -> None:
    for name in ("conforming", "halfway", "hostile"):
        practices = declaration(name)["practices"]
        urls = {
            str(item["url"]).strip()
            for pid, entry in practices.items()
            if "." in pid and "|" not in pid
            for item in entry.get("evidence") or []
            if re.match(r"https?://\S", str(item.get("url", "")).strip(), re.IGNORECASE)
        }
        for fmt in FORMATS:
            text = render((DECLARATIONS[name], "--kind", "conformance"), fmt, "internal")
            links, _ = check_structure(text, fmt)
            wanted = {same(u) for u in urls}
            assert wanted <= set(links), (name, fmt, sorted(wanted - set(links)))


# --- the public edition ----------------------------------------------------------------------


def public_values(data: Any) -> list[str]:
    """Every value of a declaration the public edition may show: all but owners and internal
    evidence items."""
    if isinstance(data, dict):
        if "ref" in data or data.get("access") == "internal":
            return []
        return [v for key, value in data.items() if key != "owner" for v in public_values(value)]
    if isinstance(data, list):
        return [v for value in data for v in public_values(value)]
    return [str(data)]


def secrets(name: str) -> tuple[list[str], list[str]]:
    """What the public edition must not show of a declaration: each internal evidence item's
    ref, title, url, path, locator, author and date, and each owner; each value only where
    nothing public in the declaration holds it too (it could then appear for that reason)."""
    public = " ".join(public_values(declaration(name)))
    practices = declaration(name).get("practices") or {}
    hidden = [
        str(item[key])
        for item in items(name)
        if internal(item)
        for key in ("ref", "title", "url", "path", "locator", "by", "date")
        if key in item and str(item[key]) not in public
    ]
    owners = [
        str(entry["owner"])
        for entry in practices.values()
        if entry.get("owner") and str(entry["owner"]) not in public
    ]
    return hidden, owners


def shown(value: str, text: str) -> bool:
    """Whether `value` appears in `text` as itself (not as part of a longer word)."""
    value = " ".join(value.split())
    return re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text) is not None


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("args", "names"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_public_edition_shows_no_internal_evidence_owner_or_email(
    args: tuple[str, ...], names: list[str], fmt: str
) -> None:
    text = visible(render(args, fmt, "public"), fmt)
    assert "public edition" in text
    for name in names:
        hidden, owners = secrets(name)
        leaked = [v for v in hidden + owners if shown(v, text)]
        assert leaked == [], (name, leaked)
    assert EMAIL.findall(text) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_internal_edition_shows_what_the_public_one_hides(fmt: str) -> None:
    """The secrets the public edition is checked for are really in the declaration's reports
    (so the test above could fail)."""
    for name in ("hostile", "halfway", "conforming"):
        text = visible(render((DECLARATIONS[name], "--kind", "conformance"), fmt, "internal"), fmt)
        hidden, owners = secrets(name)
        assert hidden, name
        missing = [v for v in hidden + owners if not shown(v, text)]
        assert missing == [], (name, missing)
    hostile = visible(render((DECLARATIONS["hostile"], "--kind", "gap"), fmt, "internal"), fmt)
    assert EMAIL.findall(hostile)


def test_the_public_edition_says_internal_evidence_and_withholds_findings_about_it() -> None:
    text = render((DECLARATIONS["hostile"], "--kind", "gap"), "markdown", "public")
    section = text.split('<a name="p-red-teaming.b2"></a>', 1)[1].split("#####", 1)[0]
    assert "- **Evidence:** internal evidence; internal evidence; internal evidence\n" in section
    assert (
        "  - **evidence:** about internal evidence; the public edition does not say more "
        "(PG202, error, line 70)."
    ) in section
    assert "owner" not in section.split("**Evidence:**")[0]
    unverified = text.split('<a name="unverified"></a>', 1)[1].split("\n## ", 1)[0]
    assert "red-teaming.b5" in unverified
    assert "(PG304, error, line 96)" in unverified
    assert "2019-07-15" not in text
    conformance = render((DECLARATIONS["hostile"], "--kind", "conformance"), "markdown", "public")
    headers = {tuple(t.header) for t in tables(conformance) if t.header[0] == "Practice"}
    assert headers == {
        (
            "Practice",
            "Level",
            "Guidance",
            "Status",
            "Outcome",
            "Evidence or justification",
            "Reviewed",
        )
    }


def test_the_print_stylesheet_leaves_out_the_contents_and_starts_each_stage_on_a_page() -> None:
    page = html_checks.parse(render((DECLARATIONS["halfway"], "--kind", "gap"), "html", "internal"))
    style = " ".join(page.style().split())
    printed = style.split("@media print {", 1)[1]
    assert "nav.contents { display: none; }" in printed
    assert "section.stage, section.group { break-before: page; }" in printed
    assert "tr, .practice, li, svg, blockquote { break-inside: avoid; }" in printed
    assert "thead { display: table-header-group; }" in printed
    # what the rules name is what the page holds: the contents, a section per stage
    assert [n.get("class") for n in page.root.iter("nav")] == ["contents"]
    stages = [s.get("id") for s in page.root.iter("section") if s.get("class") == "stage"]
    assert stages == [
        "s-research-development",
        "s-pre-deployment",
        "s-post-deployment",
        "s-societal-impact",
    ]
    assert [s for s in page.root.iter("section") if s.get("class") == "group"] == []
    crosswalk = render((DECLARATIONS["halfway"], "--crosswalk", "fmti-2025"), "html", "internal")
    groups = [
        s.get("id")
        for s in html_checks.parse(crosswalk).root.iter("section")
        if s.get("class") == "group"
    ]
    assert groups == ["c-upstream", "c-model", "c-downstream"]
