"""`paiguard report PATH --crosswalk NAME` (SPEC 1.3, 4): a declaration read against NIST AI
600-1 and FMTI 2025, checked with markdown-it-py and with cmark-gfm (GitHub's renderer, with
its autolink extension): tables as wide as their headers, no link but the framework's URL and
those of its licence and attribution, totals that add up to the target list, and hand-checked
items in each coverage state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_paiguard
from markdown_checks import GitHubHtml, assert_safe, links, parse, plain, tables
from markdown_checks import github as render_github
from paiguard.report import view

EXAMPLES = ("conforming", "halfway")
FRAMEWORKS = {"nist-ai-600-1": 212, "fmti-2025": 100}
GROUPS = {
    "nist-ai-600-1": ["Govern (GV)", "Map (MP)", "Measure (MS)", "Manage (MG)"],
    "fmti-2025": ["Upstream", "Model", "Downstream"],
}
GITHUB_LINKS = {  # the framework's URL, then the URLs in its licence and attribution text
    "nist-ai-600-1": [
        "https://doi.org/10.6028/NIST.AI.600-1",
        "https://github.com/IBM/risk-atlas-nexus",
    ],
    "fmti-2025": [
        "https://crfm.stanford.edu/fmti/December-2025/index.html",
        "https://creativecommons.org/licenses/by/4.0/",
        "https://github.com/stanford-crfm/fmti",
    ],
}
SUMMARY_HEADER = ["Covered", "Partly covered", "Not covered", "Outside the guidance"]


def report(declaration: str, framework: str, *extra: str, cwd: Path = REPO) -> str:
    run = run_paiguard(
        "report", declaration, "--crosswalk", framework, "--today", TODAY, *extra, cwd=cwd
    )
    assert (run.code, run.err) == (0, ""), run.err
    return run.out


def example(name: str, framework: str) -> str:
    return report(f"examples/{name}/paiguard.yaml", framework)


def github(text: str) -> GitHubHtml:
    """The report as GitHub renders it (cmark-gfm with the GitHub extensions)."""
    rendered = render_github(text)
    assert not {"script", "img"} & rendered.tags
    return rendered


def external(hrefs: list[str]) -> list[str]:
    """The links that leave the report (not to one of its own anchors), each once."""
    return sorted({h for h in hrefs if not h.startswith("#")})


def items(text: str) -> dict[str, list[str]]:
    """Each item row of the per-group tables: id -> its cells."""
    return {
        row[0]: row
        for table in tables(text)
        if table.header[3:4] == ["Coverage"]
        for row in table.rows
    }


# --- both examples, both frameworks -------------------------------------------------------------


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_report_reads_back_the_same_with_both_parsers(name: str, framework: str) -> None:
    text = example(name, framework)
    assert_safe(
        text
    )  # no HTML but anchors, only http(s) and in-page links, rows as wide as headers
    assert external(links(text)) == sorted(GITHUB_LINKS[framework])  # written as links
    rendered = github(text)
    assert external(rendered.hrefs) == sorted(GITHUB_LINKS[framework])  # nothing autolinked
    # the contents link every section, and nothing else is an in-page link
    assert {h[1:] for h in rendered.hrefs if h.startswith("#")} == set(rendered.names)
    assert [len(t.rows) + 1 for t in tables(text)] == [len(rows) for rows in rendered.tables]
    for table, rows in zip(tables(text), rendered.tables, strict=True):
        assert rows == [len(table.header)] * len(rows)


@pytest.mark.parametrize("framework", FRAMEWORKS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_totals_add_up_to_the_target_list(name: str, framework: str) -> None:
    text = example(name, framework)
    size = FRAMEWORKS[framework]
    summary = tables(text)[0]
    assert summary.header[2:] == SUMMARY_HEADER
    assert [row[0] for row in summary.rows] == [*GROUPS[framework], "Total"]
    for row in summary.rows:
        counts = [int(cell) for cell in row[1:]]
        assert counts[0] == sum(counts[1:]), row
    total = [int(cell) for cell in summary.rows[-1][1:]]
    assert total[0] == size
    assert [sum(int(row[i]) for row in summary.rows[:-1]) for i in range(1, 6)] == total
    found = items(text)
    assert len(found) == size
    states = [row[3] for row in found.values()]
    assert [states.count(s) for s in ("covered", "partly covered", "not covered")] == total[1:4]
    assert states.count("outside the guidance") == total[4]
    [coverage] = [line for line in text.splitlines() if line.startswith("- **Coverage:**")]
    assert coverage.endswith(f"of {size} {'actions' if size == 212 else 'indicators'}.")


def test_the_same_input_gives_the_same_bytes() -> None:
    assert example("halfway", "nist-ai-600-1") == example("halfway", "nist-ai-600-1")


# --- hand-checked items, one of each state ------------------------------------------------------

HAND_CHECKED = {
    ("conforming", "nist-ai-600-1"): {
        # decommissioning.b1 narrowMatch, met
        "GV-1.7-001": ["covered", "decommissioning.b1 (covers it; met)"],
        "GV-1.7-002": [
            "partly covered",
            "decommissioning.b1 (is related; met); decommissioning.r1 (is related; met)",
        ],
        # transparency-reporting.r1 is planned in the conforming example
        "MS-2.8-001": ["not covered", "transparency-reporting.r1 (is related; gap)"],
        "GV-1.3-005": ["outside the guidance", "—"],
    },
    ("halfway", "nist-ai-600-1"): {
        "GV-1.7-001": ["not covered", "decommissioning.b1 (covers it; gap)"],
        # the practice that covers it is a gap, a related one is met: partly covered
        "MS-3.2-001": [
            "partly covered",
            "novel-risks.b1 (is related; met); novel-risks.b4 (covers it; gap); "
            "novel-risks.r1 (is related; gap); safeguards.r1 (is related; gap)",
        ],
    },
    ("conforming", "fmti-2025"): {
        "ai-bug-bounty": ["covered", "upstream-security.r2 (covers it; met)"],
        "feedback-mechanisms": [
            "partly covered",
            "feedback-mechanisms.b1 (covers part of it; met)",
        ],
        "aup-enforcement-frequency": ["not covered", "transparency-reporting.r1 (covers it; gap)"],
        "crawling": ["outside the guidance", "—"],
    },
}


@pytest.mark.parametrize(("where", "expected"), HAND_CHECKED.items())
def test_hand_checked_items(where: tuple[str, str], expected: dict[str, list[str]]) -> None:
    found = items(example(*where))
    assert {item: found[item][3:] for item in expected} == expected


def test_a_waived_practice_is_not_met_and_says_until_when() -> None:
    row = items(example("halfway", "nist-ai-600-1"))["GV-3.2-001"]
    assert row[3] == "not covered"
    assert "external-evaluation.b3 (is related; waived until 2027-04-30)" in row[4]


def test_met_is_read_through_one_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only `view.is_met` says whether a practice counts: change it, and coverage follows."""
    monkeypatch.setattr(view, "is_met", lambda outcome: outcome.practice == "decommissioning.b1")
    found = items(example("conforming", "nist-ai-600-1"))
    assert found["GV-1.7-002"][3:] == [
        "partly covered",
        "decommissioning.b1 (is related; met); decommissioning.r1 (is related; gap)",
    ]
    assert found["GV-1.7-001"][3] == "covered"
    assert found["GV-1.1-001"][3] == "not covered"


# --- the header: declaration, pack, framework, licence and attribution --------------------------


def test_the_header_names_the_declaration_pack_and_framework() -> None:
    lines = example("conforming", "fmti-2025").splitlines()
    assert lines[:16] == [
        "# Crosswalk report: Nimbus 2.1.0 against fmti-2025",
        "",
        "- **Provider:** Example Labs",
        "- **Model:** Nimbus 2.1.0 (frontier, restricted-api)",
        "- **Scope:** api, console",
        "- **Declaration:** examples/conforming/paiguard.yaml",
        "- **Attestation:** Dana Reyes, Head of Safety, 2026-11-12; covers the latest reviews and "
        "significant model updates",
        "- **Evidence:** 117 practices met: 113 on public evidence, 1 on internal evidence only, "
        "3 on a justification (not applicable); 1 with independent evidence",
        "- **Pack:** pai-frontier-restricted-api 1.1.0: PAI Guidance for Safe Foundation Model "
        "Deployment: Paradigm-shifting or Frontier x Restricted API and Hosted Access",
        "- **Framework:** [The Foundation Model Transparency Index]"
        "(https://crfm.stanford.edu/fmti/December-2025/index.html), December 2025",
        "- **Crosswalk:** pai-frontier-restricted-api--fmti-2025 1.0.0, shipped with paiguard",
        "- **Date:** 2026-11-26",
        "- **Edition:** internal edition: every evidence item, owner and finding in full; for "
        "readers outside the provider, render the public edition (--audience public)",
        "- **Coverage:** 3 covered, 28 partly covered, 4 not covered and 65 outside the guidance, "
        "of 100 indicators.",
        "- **Practices:** baseline 74 met, 0 unverified, 0 waived, 0 in a grace period and 0 gaps, "
        "of 74; recommended 43 met, 0 unverified, 0 waived, 0 in a grace period and 2 gaps, of 45.",
        "",
    ]


def test_the_fmti_attribution_its_licence_asks_for_is_in_the_report() -> None:
    text = example("halfway", "fmti-2025")
    shown = [plain(t) for t in parse(text) if t.type == "inline"]
    assert "Licence: CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/)" in shown
    assert any(
        line.startswith(
            "Attribution: Foundation Model Transparency Index, December 2025 indicators, by "
            "Rishi Bommasani, Kevin Klyman et al., Stanford Center for Research on Foundation "
            "Models (CRFM), https://github.com/stanford-crfm/fmti, licensed under CC BY 4.0"
        )
        for line in shown
    )
    licence = text.split("Licence and attribution\n")[-1]
    assert external(links(licence)) == sorted(GITHUB_LINKS["fmti-2025"][1:])


def headings(text: str) -> list[str]:
    tokens = parse(text)
    return [
        plain(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]


def test_one_section_per_nist_function_by_its_name() -> None:
    assert headings(example("conforming", "nist-ai-600-1")) == [
        "Contents",
        "Summary",
        "How to read this report",
        *GROUPS["nist-ai-600-1"],
        "Licence and attribution",
    ]


# --- an organisation pack, and an organisation's own crosswalk ----------------------------------


def test_an_organisation_pack_inherits_the_crosswalk_and_lists_its_own_practices() -> None:
    text = report("nimbus.paiguard.yaml", "nist-ai-600-1", cwd=REPO / "examples" / "org-pack")
    assert_safe(text)
    assert (
        "- **Crosswalk:** pai-frontier-restricted-api--nist-ai-600-1 1.0.0, shipped with "
        "paiguard; acme-frontier-api inherits it from pai-frontier-restricted-api@1\n"
    ) in text
    assert '\n## <a name="unmapped"></a>Practices the crosswalk does not map\n' in text
    assert (
        "acme-frontier-api adds these practices to pai-frontier-restricted-api@1, whose "
        "crosswalk it inherits: they count for no action."
    ) in text
    unmapped = tables(text)[-1]
    assert unmapped.header == ["Practice", "Level", "Outcome", "Guidance"]
    assert [row[:3] for row in unmapped.rows] == [
        ["release-approval.b1", "baseline", "met"],
        # in its grace period (SPEC 3: grace comes before waived), so not yet waived
        ["release-approval.b2", "baseline", "gap, required from 2027-01-01"],
    ]
    assert sum(int(c) for c in tables(text)[0].rows[-1][2:]) == 212


def test_a_crosswalk_of_ones_own_in_a_pack_folder() -> None:
    text = report(
        "tests/reports/mixed/paiguard.yaml",
        "acme-controls",
        "--pack-path",
        "tests/crosswalks/packs/good",
    )
    assert_safe(text)
    assert tables(text)[0].rows == [
        ["Access", "2", "0", "0", "2", "0"],
        ["Risk", "2", "0", "0", "1", "1"],
        ["Total", "4", "0", "0", "3", "1"],
    ]
    assert items(text)["RM-2"][3:] == ["outside the guidance", "—"]
    assert "The crosswalk has no row for these practices: they count for no item." in text


def test_declaration_text_stays_text() -> None:
    text = report("tests/reports/hostile/paiguard.yaml", "nist-ai-600-1")
    assert_safe(text)
    assert external(github(text).hrefs) == sorted(GITHUB_LINKS["nist-ai-600-1"])
    assert "- **Provider:** Evil \\| Labs \\<script\\>alert(1)\\</script\\>\n" in text
    header = [t.content for t in parse(text) if t.type == "inline"][:3]
    assert header[1] == "**Provider:** Evil \\| Labs \\<script\\>alert(1)\\</script\\>"


# --- what the report cannot do ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["examples/conforming/paiguard.yaml", "examples/halfway/paiguard.yaml"],
            "--crosswalk reads one declaration at a time; name one",
        ),
        (["--portfolio", "examples"], "--crosswalk reads one declaration; it cannot make a "
                                      "portfolio"),
        (["examples/conforming/paiguard.yaml", "--kind", "gap"],
         "--kind and --crosswalk are two different reports: give one"),
    ],
)  # fmt: skip
def test_one_declaration_at_a_time_and_one_report(args: list[str], message: str) -> None:
    run = run_paiguard("report", *args, "--crosswalk", "nist-ai-600-1", cwd=REPO)
    assert (run.code, run.out, run.err) == (2, "", f"paiguard: error: {message}\n")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nist-ai-600", "did you mean nist-ai-600-1?"),
        ("iso-42001", "crosswalks: fmti-2025, nist-ai-600-1"),
    ],
)
def test_an_unknown_crosswalk_is_exit_2_naming_what_there_is(name: str, message: str) -> None:
    run = run_paiguard("report", "examples/conforming/paiguard.yaml", "--crosswalk", name, cwd=REPO)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"paiguard: error: no crosswalk from pai-frontier-restricted-api@1 to {name!r}; {message}\n"
    )


def test_a_report_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "nist.md"
    run = run_paiguard(
        "report",
        "examples/conforming/paiguard.yaml",
        "--crosswalk",
        "nist-ai-600-1",
        "--today",
        TODAY,
        "-o",
        str(target),
        cwd=REPO,
    )
    assert (run.code, run.out, run.err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == example("conforming", "nist-ai-600-1")
    assert re.search(r"^\| \*\*Total\*\* \| \*\*212\*\* \|", target.read_text(), re.MULTILINE)
