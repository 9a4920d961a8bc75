"""Guideline `number`, practice `scope`, `leans_on` and `refers_to` (SPEC 1, edition 2): as
`packs show` prints them, as an organisation pack gives them, as the docs list them, and the
broken packs (exit 2 with the file, line and column of the offending value)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import REPO, run_paiguard
from paiguard.pack_registry import PackRegistry
from paiguard.vocabulary import Level, Scope

HERE = Path(__file__).parent
BROKEN = HERE / "packs" / "fields"
CUSTOM = HERE / "packs" / "custom"
PACK = "pai-frontier-restricted-api"


@pytest.mark.parametrize("case", sorted(p.name for p in BROKEN.iterdir()))
def test_broken_pack_is_exit_2_at_the_offending_value(case: str) -> None:
    run = run_paiguard("packs", "--pack-path", f"tests/packs/fields/{case}", cwd=REPO)
    assert (run.code, run.out) == (2, "")
    assert run.err == (BROKEN / case / "expected.txt").read_text(encoding="utf-8")


def test_a_pack_of_ones_own_numbers_its_guidelines_and_cites_them() -> None:
    pack = PackRegistry([CUSTOM]).require("org-policy@1")
    assert [(g.id, g.number) for g, _ in pack.guidelines()] == [("testing", 1), ("reporting", 2)]
    practices = {pid: ref.practice for pid, ref in pack.practices.items()}
    assert practices["testing.b2"].leans_on == "testing.b1"
    assert practices["reporting.b1"].scope is Scope.ORGANISATION
    assert practices["testing.b1"].scope is Scope.MODEL  # the default
    cited = pack.cited(pack.practices["testing.b3"]) + pack.cited(pack.practices["reporting.b1"])
    assert [(phrase, g.id) for phrase, g in cited] == [
        ("guidance below", "reporting"),
        ("guidance 1", "testing"),
    ]


def _show(fmt: str) -> str:
    run = run_paiguard("packs", "show", PACK, "--format", fmt)
    assert (run.code, run.err) == (0, "")
    return run.out


def test_packs_show_json_has_the_new_fields_under_their_yaml_names() -> None:
    data = json.loads(_show("json"))
    assert data["version"] == "1.1.0"
    guideline = data["stages"][0]["guidelines"][0]
    assert list(guideline) == [
        "id",
        "number",
        "title",
        "summary",
        "notes",
        "resources",
        "practices",
    ]
    assert (guideline["id"], guideline["number"]) == ("novel-risks", 1)
    assert guideline["practices"][2] == {
        "id": "novel-risks.b3",
        "level": "baseline",
        "text": "Assess their likelihood and potential impact.",
        "effective_from": None,
        "scope": "model",
        "leans_on": "novel-risks.b2",
        "refers_to": [],
    }
    practices = {
        p["id"]: p for s in data["stages"] for g in s["guidelines"] for p in g["practices"]
    }
    assert practices["upstream-security.r2"]["scope"] == "organisation"
    assert practices["public-reporting.b5"]["refers_to"] == [
        "environmental-impact",
        "labor-market-risks",
    ]


def test_packs_show_yaml_is_the_json() -> None:
    assert YAML(typ="safe").load(_show("yaml")) == json.loads(_show("json"))


def test_packs_show_text_shows_numbers_scopes_and_links() -> None:
    lines = _show("text").splitlines()
    assert "  1. novel-risks  Scan for novel or emerging risks" in lines
    assert (
        "    novel-risks.b3                 baseline    model        Assess their likelihood and "
        "potential impact. (leans_on: novel-risks.b2)"
    ) in lines
    assert (
        "    upstream-security.r2           recommended organisation Offer bug bounty programs to "
        "encourage external vulnerability discovery."
    ) in lines
    assert (
        "    monitoring.b2                  baseline    model        Define processes to detect "
        "issues and respond appropriately, including notifying partners of significant incidents "
        "and considering restricting or retiring a model per guidelines below. "
        "(refers_to: decommissioning)"
    ) in lines


def _documented_organisation_scope() -> dict[str, str]:
    """Practice id -> reason, from the list in docs/packs.md."""
    doc = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    section = doc.split("\n### Organisation-scoped practices", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^- `([a-z0-9-]+\.[a-z0-9]+)`: (.*)$", section, re.MULTILINE)
    assert len(rows) == len({pid for pid, _ in rows}), "a practice is listed twice"
    return dict(rows)


def test_the_docs_list_exactly_the_organisation_scoped_practices_with_a_reason() -> None:
    pack = PackRegistry().require(f"{PACK}@1")
    organisation = [
        pid for pid, ref in pack.practices.items() if ref.practice.scope is Scope.ORGANISATION
    ]
    documented = _documented_organisation_scope()
    assert list(documented) == organisation  # in pack order
    for pid, reason in documented.items():
        assert len(reason) > 20 and reason.endswith("."), pid


EXTENSION = """\
pack: acme
version: 1.0.0
title: Acme policy
extends: pai-frontier-restricted-api@1
stages:
  - id: research-development
    guidelines:
      - id: upstream-security
        practices:
          - id: upstream-security.r2
            level: baseline
  - id: post-deployment
    guidelines:
      - id: monitoring
        practices:
          - id: monitoring.acme1
            level: baseline
            text: Review what monitoring finds with the red team per guidance above.
            refers_to: [red-teaming]
          - id: monitoring.acme2
            level: baseline
            text: Do it every month.
            scope: organisation
            leans_on: monitoring.acme1
      - id: rollback
        number: 30
        title: Roll back
        summary: A bad release can be undone.
        practices:
          - id: rollback.b1
            level: baseline
            text: Keep the previous version ready to serve.
"""


def test_an_extending_pack_numbers_scopes_and_links_its_own_entries(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(EXTENSION, encoding="utf-8")
    registry = PackRegistry([tmp_path])
    acme, base = registry.require("acme@1"), registry.require(f"{PACK}@1")
    raised = acme.practices["upstream-security.r2"].practice
    assert (raised.level, raised.scope) == (Level.BASELINE, Scope.ORGANISATION)  # kept
    assert base.practices["upstream-security.r2"].practice.scope is Scope.ORGANISATION
    own = acme.practices["monitoring.acme2"].practice
    assert (own.scope, own.leans_on) == (Scope.ORGANISATION, "monitoring.acme1")
    assert acme.practices["rollback.b1"].practice.scope is Scope.MODEL
    cited = acme.cited(acme.practices["monitoring.acme1"])
    assert [(phrase, g.id) for phrase, g in cited] == [("guidance above", "red-teaming")]
    numbers = [g.number for g, _ in acme.guidelines()]
    assert numbers == [*range(1, 16), 30, *range(16, 23)]


def test_explain_finds_an_extending_packs_own_number(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(EXTENSION, encoding="utf-8")
    run = run_paiguard("explain", "30", "--pack-path", str(tmp_path))
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines()[:2] == [
        "rollback (guideline 30, Post-Deployment, acme@1)",
        "Roll back",
    ]
    missing = run_paiguard("explain", "23", "--pack-path", str(tmp_path))
    assert (missing.code, missing.out) == (2, "")
    assert missing.err == (
        "paiguard: error: no guideline number 23; the guidelines are numbered 1-22, 30\n"
    )
