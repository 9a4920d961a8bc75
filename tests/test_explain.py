"""`paiguard explain` on the shipped pack: a guideline by its number, a practice's scope in
words, the sentence a split practice continues, and the guidance's cross-references resolved."""

from __future__ import annotations

import pytest

from conftest import run_paiguard
from paiguard.pack_refs import citations
from paiguard.pack_registry import PackRegistry


def explain(identifier: str) -> list[str]:
    run = run_paiguard("explain", identifier)
    assert (run.code, run.err) == (0, "")
    return run.out.splitlines()


def test_a_guideline_by_its_number_is_the_guideline_by_its_id() -> None:
    lines = explain("19")
    assert lines[:4] == [
        "feedback-mechanisms (guideline 19, Societal Impact (cross-cutting through the model's "
        "lifecycle), pai-frontier-restricted-api@1)",
        "Enable feedback mechanisms across the AI value chain",
        "",
        "Implement inclusive feedback loops across the AI value chain to ethically identify "
        "potential harms.",
    ]
    assert lines == explain("feedback-mechanisms")


@pytest.mark.parametrize("number", ["1", "22"])
def test_the_first_and_last_numbers_are_guidelines(number: str) -> None:
    assert f"(guideline {number}, " in explain(number)[0]


@pytest.mark.parametrize("number", ["0", "23", "190"])
def test_a_number_that_is_no_guideline_is_exit_2_naming_the_range(number: str) -> None:
    run = run_paiguard("explain", number)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"paiguard: error: no guideline number {number}; the guidelines are numbered 1-22\n"
    )


def test_a_split_practice_shows_the_sentence_it_continues_and_its_scope() -> None:
    assert explain("novel-risks.b3") == [
        "novel-risks.b3 (baseline practice, pai-frontier-restricted-api@1)",
        "Research & Development › 1. Scan for novel or emerging risks",
        "",
        "Assess their likelihood and potential impact.",
        "",
        "continues novel-risks.b2: Study potential risks from integrating the model into novel "
        "or unexpected downstream environments and use cases.",
        "",
        "scope: model: a significant model update calls it into question",
    ]


def test_an_organisation_practice_says_so_in_words() -> None:
    assert explain("upstream-security.r2") == [
        "upstream-security.r2 (recommended practice, pai-frontier-restricted-api@1)",
        "Research & Development › 3. Assess upstream security vulnerabilities",
        "",
        "Offer bug bounty programs to encourage external vulnerability discovery.",
        "",
        "scope: organisation: a significant model update does not call it into question",
    ]


CROSS_REFERENCES = {
    "incident-reporting.b1": [
        "guidance 19 → feedback-mechanisms (19. Enable feedback mechanisms across the AI value "
        "chain)",
    ],
    "internal-evaluation.b5": [
        "guidance below → public-reporting (9. Publicly report model impacts and “key ingredient "
        "list”)",
    ],
    "external-evaluation.b6": [
        "guidance below → public-reporting (9. Publicly report model impacts and “key ingredient "
        "list”)",
    ],
    "external-evaluation.r2": [
        "guidance below → third-party-inspection (16. Support third party inspection of models "
        "and training data)",
    ],
    "red-teaming.b7": [
        "guidance below on public reporting → public-reporting (9. Publicly report model impacts "
        "and “key ingredient list”)",
    ],
    "public-reporting.b4": [
        "guidance above → responsible-iteration (2. Practice responsible iteration)",
    ],
    "public-reporting.b5": [
        "guidelines below → environmental-impact (20. Measure and disclose environmental impacts)",
        "guidelines below → labor-market-risks (22. Measure and disclose anticipated severe labor "
        "market risks)",
    ],
    "downstream-documentation.r1": [
        "guidance below on enabling feedback mechanisms → feedback-mechanisms (19. Enable "
        "feedback mechanisms across the AI value chain)",
    ],
    "monitoring.b2": [
        "guidelines below → decommissioning (14. Establish decommissioning policies)",
    ],
    "decommissioning.r1": [
        "guidance above → monitoring (12. Monitor deployed systems)",
        "guidance above → upstream-security (3. Assess upstream security vulnerabilities)",
    ],
}


@pytest.mark.parametrize(("practice", "expected"), CROSS_REFERENCES.items())
def test_cross_references_are_shown_resolved(practice: str, expected: list[str]) -> None:
    lines = explain(practice)
    assert [line for line in lines if " → " in line] == expected
    at = lines.index(expected[0])
    assert lines[at - 1] == ""  # a paragraph of its own, after the text


def test_every_cross_reference_of_the_pack_is_one_of_those() -> None:
    pack = PackRegistry().require("pai-frontier-restricted-api@1")
    citing = [pid for pid, ref in pack.practices.items() if citations(ref.practice.text)]
    assert sorted(citing) == sorted(CROSS_REFERENCES)
