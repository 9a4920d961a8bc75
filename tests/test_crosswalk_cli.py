"""`paiguard crosswalks` and `paiguard explain` of a framework's item (SPEC 1.3): the shipped
crosswalks, an organisation's own in a `--pack-path` folder, the inheritance of an extending
pack, and every broken crosswalk a one-line error at its file and line (fixtures under
tests/crosswalks/packs/, each a pack folder holding a `crosswalks/` folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_paiguard
from paiguard import __version__
from paiguard.resources import guidance_dir

PACKS = "tests/crosswalks/packs"
ORG_PACKS = "examples/org-pack/packs"
CROSSWALK = "pai-frontier-restricted-api--acme-controls.sssom.tsv"
NIST_TITLE = (
    "Artificial Intelligence Risk Management Framework: Generative Artificial Intelligence Profile"
)
HEAD = (
    "pack                           framework      inherited from  practices  items  outside  "
    "exact  narrow  broad  related  none  target"
)
FMTI_ROW = (
    "pai-frontier-restricted-api@1  fmti-2025      -                  28/119    100       65  "
    "    1       3      2       47    91  The Foundation Model Transparency Index (December 2025)"
)
NIST_ROW = (
    "pai-frontier-restricted-api@1  nist-ai-600-1  -                  94/119    212      108  "
    f"    0       5      2      182    25  {NIST_TITLE} (July 2024)"
)


def ok(*args: str) -> list[str]:
    run = run_paiguard(*args, cwd=REPO)
    assert (run.code, run.err) == (0, ""), run.err
    return run.out.splitlines()


def error(*args: str) -> str:
    """The one line a failing run prints on stderr (after checking it is exit 2 and alone)."""
    run = run_paiguard(*args, cwd=REPO)
    assert (run.code, run.out) == (2, ""), run.out
    assert run.err.startswith("paiguard: error: ") and run.err.count("\n") == 1, run.err
    return run.err.removeprefix("paiguard: error: ").removesuffix("\n")


# --- paiguard crosswalks ------------------------------------------------------------------------


def test_crosswalks_lists_the_shipped_ones_with_their_counts() -> None:
    assert ok("crosswalks") == [HEAD, FMTI_ROW, NIST_ROW]


def test_an_organisation_pack_inherits_the_crosswalks_of_the_pack_it_extends() -> None:
    inherited = "pai-frontier-restricted-api@1"
    lines = ok("crosswalks", "--pack-path", ORG_PACKS)
    assert lines[0] == HEAD.replace("inherited from ", "inherited from " + " " * 15)
    rows = [line.split() for line in lines[1:]]
    assert [row[:4] for row in rows] == [
        ["acme-frontier-api@1", "fmti-2025", inherited, "28/121"],
        ["acme-frontier-api@1", "nist-ai-600-1", inherited, "94/121"],
        ["acme-frontier-api@2", "fmti-2025", inherited, "28/121"],
        ["acme-frontier-api@2", "nist-ai-600-1", inherited, "94/121"],
        ["pai-frontier-restricted-api@1", "fmti-2025", "-", "28/119"],
        ["pai-frontier-restricted-api@1", "nist-ai-600-1", "-", "94/119"],
    ]
    # the two practices Acme adds are unmapped; every other count is the base pack's
    assert [row[4:11] for row in rows[:2]] == [r[4:11] for r in rows[4:]]


def test_the_example_org_pack_finds_its_packs_through_its_own_config() -> None:
    run = run_paiguard("crosswalks", "--format", "json", cwd=REPO / "examples" / "org-pack")
    assert (run.code, run.err) == (0, "")
    found = json.loads(run.out)["crosswalks"]
    assert [(c["pack"], c["framework"], c["inherited_from"]) for c in found][:2] == [
        ("acme-frontier-api@1", "fmti-2025", "pai-frontier-restricted-api@1"),
        ("acme-frontier-api@1", "nist-ai-600-1", "pai-frontier-restricted-api@1"),
    ]


def test_crosswalks_as_json() -> None:
    data = json.loads("\n".join(ok("crosswalks", "--format", "json")))
    assert data["paiguard"] == __version__
    assert data["crosswalks"][1] == {
        "pack": "pai-frontier-restricted-api@1",
        "framework": "nist-ai-600-1",
        "inherited_from": None,
        "shipped": True,
        "target": {
            "title": NIST_TITLE,
            "version": "July 2024",
            "url": "https://doi.org/10.6028/NIST.AI.600-1",
            "prefix": "nist600",
        },
        "practices": {"mapped": 94, "total": 119},
        "items": {"total": 212, "outside": 108},
        "rows": {
            "skos:exactMatch": 0,
            "skos:narrowMatch": 5,
            "skos:broadMatch": 2,
            "skos:relatedMatch": 182,
            "sssom:NoTermFound": 25,
            "total": 214,
        },
    }
    assert [c["framework"] for c in data["crosswalks"]] == ["fmti-2025", "nist-ai-600-1"]


def test_an_organisation_crosswalk_in_a_pack_folder_is_listed_beside_the_shipped_ones() -> None:
    assert ok("crosswalks", "--pack-path", f"{PACKS}/good") == [
        HEAD,
        "pai-frontier-restricted-api@1  acme-controls  -                   2/119      4        1  "
        "    0       1      1        1     1  Acme AI control catalogue (2026)",
        FMTI_ROW,
        NIST_ROW,
    ]


def test_a_packs_own_crosswalk_to_a_framework_replaces_the_one_it_would_inherit() -> None:
    folder = f"{PACKS}/own-crosswalk-wins"
    rows = [line.split()[:4] for line in ok("crosswalks", "--pack-path", folder)[1:3]]
    assert rows == [
        ["acme-own@1", "fmti-2025", "pai-frontier-restricted-api@1", "28/120"],
        ["acme-own@1", "nist-ai-600-1", "-", "2/120"],  # with the shipped target list
    ]
    lines = ok("explain", "nist600:GV-1.3-002", "--pack-path", folder)
    assert [line for line in lines if " maps " in line] == [
        "acme-own@1 maps 1 practice to it:",
        "pai-frontier-restricted-api@1 maps 5 practices to it:",
    ]
    assert "release-approval.b1 is related (baseline practice, skos:relatedMatch)" in lines


# --- paiguard explain of an item ----------------------------------------------------------------

GV_1_7_002 = [
    "nist600:GV-1.7-002 (action of nist-ai-600-1, Govern › GV-1.7)",
    "Factors to consider when decommissioning GAI systems",
    "",
    f"{NIST_TITLE}, July 2024",
    "full text: https://doi.org/10.6028/NIST.AI.600-1",
    "",
    "pai-frontier-restricted-api@1 maps 2 practices to it:",
    "",
    "decommissioning.b1 is related (baseline practice, skos:relatedMatch)",
    "  Establish decommissioning procedures and policies including criteria for determining "
    "when to restrict, suspend or retire models. • Restrict – Limit model use to reduced set "
    "of use cases/applications. • Suspend – Temporarily prohibit all model use for "
    "remediation. • Retire – Permanently take model out of service.",
    "  why: NIST lists factors to weigh when decommissioning, such as data retention and "
    "dependencies; the practice sets the policy.",
    "",
    "decommissioning.r1 is related (recommended practice, skos:relatedMatch)",
    "  Continue monitoring retired models for downstream impacts and security vulnerabilities "
    "per guidance above to prevent unauthorized access and leaks.",
    "  why: Both address data security and leakage after a model is decommissioned.",
]


def test_explain_a_nist_action() -> None:
    assert ok("explain", "nist600:GV-1.7-002") == GV_1_7_002


def test_explain_a_bare_nist_id_is_the_same() -> None:
    assert ok("explain", "GV-1.7-002") == GV_1_7_002


def test_explain_an_fmti_indicator_a_practice_covers() -> None:
    assert ok("explain", "fmti2025:ai-bug-bounty") == [
        "fmti2025:ai-bug-bounty (indicator of fmti-2025, Downstream › Post-deployment monitoring)",
        "AI bug bounty",
        "",
        "The Foundation Model Transparency Index, December 2025",
        "full text: https://crfm.stanford.edu/fmti/December-2025/index.html",
        "",
        "pai-frontier-restricted-api@1 maps 1 practice to it:",
        "",
        "upstream-security.r2 covers it (recommended practice, skos:exactMatch)",
        "  Offer bug bounty programs to encourage external vulnerability discovery.",
        "  why: Offering a bug bounty for the model's vulnerabilities is operating the public "
        "program the indicator scores.",
    ]


def test_explain_an_item_outside_the_guidance() -> None:
    assert ok("explain", "nist600:GV-1.3-005")[-2:] == [
        "",
        "no practice of pai-frontier-restricted-api@1 maps to this action: outside the guidance",
    ]


def test_explain_says_part_of_it_for_a_broad_match() -> None:
    lines = ok("explain", "fmti2025:feedback-mechanisms")
    assert "feedback-mechanisms.b1 covers part of it (baseline practice, skos:broadMatch)" in lines


def test_a_guideline_id_that_is_also_an_fmti_id_stays_the_guideline() -> None:
    assert ok("explain", "feedback-mechanisms")[0].startswith("feedback-mechanisms (guideline 19")


def test_explain_an_item_of_an_organisation_framework() -> None:
    lines = ok("explain", "acme:AC-1", "--pack-path", f"{PACKS}/good")
    assert lines[:5] == [
        "acme:AC-1 (item of acme-controls, Access › Access control)",
        "Restrict access to model weights",
        "",
        "Acme AI control catalogue, 2026",
        "full text: https://example.org/acme/controls",
    ]
    assert "upstream-security.b1 covers it (baseline practice, skos:narrowMatch)" in lines


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        ("nist600:GV-1.7-099", "no item 'GV-1.7-099' in nist-ai-600-1; did you mean "
                               "nist600:GV-1.7-002?"),
        ("nist:GV-1.7-002", "no framework has the prefix 'nist'; did you mean nist600?"),
        ("iso:A.5.1", "no framework has the prefix 'iso'; the prefixes are fmti2025, nist600"),
        ("fmti2025:ai-bug-bountty", "no item 'ai-bug-bountty' in fmti-2025; did you mean "
                                    "fmti2025:ai-bug-bounty?"),
        ("GV-1.7-09", "no check code, guideline or practice 'GV-1.7-09'; did you mean "
                      "nist600:GV-1.7-002?"),
        ("red-teamin", "no check code, guideline or practice 'red-teamin'; did you mean "
                       "red-teaming?"),
    ],
)  # fmt: skip
def test_an_unknown_item_is_exit_2_with_a_did_you_mean(identifier: str, message: str) -> None:
    assert error("explain", identifier) == message


def test_explaining_a_practice_reads_no_crosswalk() -> None:
    broken = f"{PACKS}/unknown-predicate"
    assert ok("explain", "red-teaming.b1", "--pack-path", broken)[0].startswith("red-teaming.b1")
    assert "unknown predicate" in error("explain", "acme:AC-1", "--pack-path", broken)


# --- a broken crosswalk is one line at its file and line -----------------------------------------

BROKEN = {
    "unknown-predicate": (
        f"{CROSSWALK}:15: unknown predicate skos:closeMatch: expected skos:exactMatch, "
        "skos:narrowMatch, skos:broadMatch or skos:relatedMatch"
    ),
    "unknown-item": (
        f"{CROSSWALK}:15: acme:AC-9 is not an item of acme-controls.targets.tsv; "
        "did you mean acme:AC-2?"
    ),
    "unknown-practice": (
        f"{CROSSWALK}:17: paiguard:risk-managment.b1 is not a practice of "
        "pai-frontier-restricted-api@1; did you mean paiguard:risk-management.b1?"
    ),
    "missing-column": (
        f"{CROSSWALK}:13: missing column comment: the columns are subject_id, predicate_id, "
        "object_id, mapping_justification and comment"
    ),
    "duplicate-pair": (
        f"{CROSSWALK}:17: paiguard:upstream-security.b1 is mapped to acme:AC-1 a second time "
        "(first at line 15)"
    ),
    "header-not-yaml-text": (
        f"{CROSSWALK}:9: quote this value: YAML reads 'PAI practices: Acme AI controls' as "
        "more than text"
    ),
    "no-term-related": (
        f"{CROSSWALK}:14: sssom:NoTermFound goes with skos:exactMatch, not skos:relatedMatch"
    ),
    "no-term-beside-mapping": (
        f"{CROSSWALK}:18: paiguard:upstream-security.b1 has sssom:NoTermFound beside another "
        "mapping"
    ),
    "prefix-not-in-curie-map": (
        f"{CROSSWALK}:14: the prefix acme of acme:AC-1 is not in the curie_map"
    ),
    "short-row": f"{CROSSWALK}:15: 4 fields, expected 5 tab-separated fields",
    "empty-comment": (
        f"{CROSSWALK}:15: the comment is empty: say in one line why the mapping holds"
    ),
    "control-character": f"{CROSSWALK}:15: control character U+001B",
    "not-utf8": f"{CROSSWALK}:14: not UTF-8: invalid start byte",
    "targets-duplicate-id": "acme-controls.targets.tsv:13: item AC-2 a second time "
    "(first at line 10)",
    "targets-missing-url": "acme-controls.targets.tsv:1: the header has no url",
    "no-target-list": (
        f"{CROSSWALK}: no target list acme-controls.targets.tsv in a crosswalks folder"
    ),
    "unknown-pack": (
        "acme-frontier--acme-controls.sssom.tsv: no pack 'acme-frontier' for this crosswalk, "
        "named <pack>--<framework>.sssom.tsv; packs: pai-frontier-restricted-api"
    ),
}


def test_every_fixture_folder_is_a_case() -> None:
    folders = {p.name for p in (REPO / PACKS).iterdir()}
    assert folders == {*BROKEN, "good", "second-nist-crosswalk", "own-crosswalk-wins"}


@pytest.mark.parametrize(("case", "message"), BROKEN.items())
def test_a_broken_crosswalk_is_one_line_at_its_file_and_line(case: str, message: str) -> None:
    where = f"{PACKS}/{case}/crosswalks/"
    assert error("crosswalks", "--pack-path", f"{PACKS}/{case}") == where + message


@pytest.mark.parametrize("case", ["unknown-predicate", "targets-missing-url"])
def test_a_crosswalk_report_stops_at_a_broken_crosswalk_too(case: str) -> None:
    message = error(
        "report",
        "examples/conforming/paiguard.yaml",
        "--crosswalk",
        "acme-controls",
        "--pack-path",
        f"{PACKS}/{case}",
    )
    assert message == f"{PACKS}/{case}/crosswalks/{BROKEN[case]}"


def test_a_second_crosswalk_from_one_pack_to_one_framework_is_an_error() -> None:
    first = guidance_dir() / "crosswalks" / "pai-frontier-restricted-api--nist-ai-600-1.sssom.tsv"
    second = f"{PACKS}/second-nist-crosswalk/crosswalks/{first.name}"
    assert error("crosswalks", "--pack-path", f"{PACKS}/second-nist-crosswalk") == (
        f"{second}: a second crosswalk pai-frontier-restricted-api--nist-ai-600-1: the first "
        f"is {first}"
    )


def test_checking_never_reads_a_crosswalk(tmp_path: Path) -> None:
    """A broken crosswalk in a pack folder leaves `check` as it was."""
    declaration = "examples/conforming/paiguard.yaml"
    plain = run_paiguard("check", declaration, "--today", TODAY, cwd=REPO)
    broken = f"{PACKS}/unknown-predicate"
    with_broken = run_paiguard(
        "check", declaration, "--today", TODAY, "--pack-path", broken, cwd=REPO
    )
    assert (with_broken.code, with_broken.out, with_broken.err) == (0, plain.out, "")
