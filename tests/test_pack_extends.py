"""Organisation packs that `extends` another: what they inherit, what they may change, and the
broken ones (exit 2 with the file, line and column of the offending entry)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, TODAY, run_paiguard
from paiguard.pack_registry import PackRegistry
from paiguard.vocabulary import Level

BROKEN = Path(__file__).parent / "packs" / "extends"
ORG = REPO / "examples" / "org-pack"
ORG_PACKS = ORG / "packs"


@pytest.mark.parametrize("case", sorted(p.name for p in BROKEN.iterdir()))
def test_broken_extending_pack_is_exit_2(case: str) -> None:
    folder = f"tests/packs/extends/{case}"
    run = run_paiguard("packs", "--pack-path", folder, cwd=REPO)
    assert (run.code, run.out) == (2, "")
    assert run.err == (BROKEN / case / "expected.txt").read_text(encoding="utf-8")


def test_lowering_a_baseline_practice_names_file_line_and_column() -> None:
    run = run_paiguard("packs", "--pack-path", "tests/packs/extends/lower-baseline", cwd=REPO)
    assert run.err == (
        "paiguard: error: tests/packs/extends/lower-baseline/acme-bad.yaml:11:20: invalid pack: "
        "practice red-teaming.b1 is baseline in pai-frontier-restricted-api@1; an extending "
        "pack can never lower a baseline practice\n"
    )


def test_org_pack_inherits_and_adds() -> None:
    registry = PackRegistry([ORG_PACKS])
    base = registry.require("pai-frontier-restricted-api@1")
    acme = registry.require("acme-frontier-api@1")
    assert (acme.version, acme.extends, acme.title) == (
        "1.0.0",
        "pai-frontier-restricted-api@1",
        "Acme AI release policy: frontier models behind a restricted API",
    )
    assert acme.applies_to == base.applies_to
    assert acme.source.publisher == "Acme AI (example organisation)"
    assert acme.counts() == {"guidelines": 23, "baseline": 77, "recommended": 44}
    assert base.practices["upstream-security.r2"].practice.level is Level.RECOMMENDED
    assert acme.practices["upstream-security.r2"].practice.level is Level.BASELINE
    added = acme.practices["release-approval.b2"]
    assert (added.stage.id.value, added.guideline.title) == (
        "pre-deployment",
        "Obtain release approval",
    )
    assert str(added.practice.effective_from) == "2027-01-01"
    pre = next(s for s in acme.stages if s.id.value == "pre-deployment")
    assert pre.guidelines[-1].id == "release-approval"
    base_ids = list(base.practices)
    assert [p for p in acme.practices if p in base.practices] == base_ids
    assert registry.require("acme-frontier-api@2").version == "2.0.0"
    assert registry.require("acme-frontier-api").version == "2.0.0"


def test_packs_show_json_is_the_effective_pack() -> None:
    run = run_paiguard(
        "packs", "show", "acme-frontier-api@1", "--pack-path", str(ORG_PACKS), "--format", "json"
    )
    assert run.code == 0
    data = json.loads(run.out)
    assert list(data)[:4] == ["pack", "version", "title", "extends"]
    assert data["extends"] == "pai-frontier-restricted-api@1"
    assert data["applies_to"] == {"model_type": "frontier", "release_type": "restricted-api"}
    shipped = json.loads(
        run_paiguard("packs", "show", "pai-frontier-restricted-api", "--format", "json").out
    )
    assert "extends" not in shipped


def findings(*args: str, cwd: Path = REPO) -> tuple[int, list[dict[str, Any]]]:
    run = run_paiguard("check", *args, "--today", TODAY, "--format", "json", cwd=cwd)
    assert run.err == ""
    return run.code, json.loads(run.out)["files"][0]["findings"]


def test_check_against_the_org_pack() -> None:
    code, found = findings("--pack-path", str(ORG_PACKS), str(ORG / "nimbus.paiguard.yaml"))
    assert code == 1
    by_practice = {f["practice"]: (f["code"], f["severity"], f["line"], f["column"]) for f in found}
    assert by_practice["release-approval.b2"] == ("PG102", "info", 23, 13)
    assert by_practice["red-teaming.b1"] == ("PG102", "error", 35, 13)
    assert "release-approval.b1" not in by_practice
    assert "upstream-security.r2" not in by_practice
    assert {f["code"] for f in found} == {"PG101", "PG102", "PG103", "PG501"}


@pytest.mark.parametrize(
    ("where", "path"),
    [(ORG, "nimbus.paiguard.yaml"), (REPO, "examples/org-pack/nimbus.paiguard.yaml")],
)
def test_org_pack_found_through_the_declarations_config(where: Path, path: str) -> None:
    """The folder's .paiguard.toml supplies pack_path wherever paiguard runs (SPEC §7)."""
    code, found = findings(path, cwd=where)
    assert code == 1
    assert not [f for f in found if f["code"] in ("PG010", "PG104")]
    by_practice = {f["practice"]: (f["code"], f["severity"], f["line"], f["column"]) for f in found}
    assert by_practice["release-approval.b2"] == ("PG102", "info", 23, 13)


def test_raised_practice_is_an_error_only_under_the_org_pack(tmp_path: Path) -> None:
    text = (ORG / "nimbus.paiguard.yaml").read_text(encoding="utf-8")
    without = text.replace("  upstream-security.r2:\n", "  upstream-security.r9:\n")
    declaration = tmp_path / "paiguard.yaml"
    declaration.write_text(without, encoding="utf-8")
    _, found = findings("--pack-path", str(ORG_PACKS), str(declaration))
    raised = [f for f in found if f["practice"] == "upstream-security.r2"]
    assert [(f["code"], f["severity"]) for f in raised] == [("PG101", "error")]
    base = without.replace("pack: acme-frontier-api@1", "pack: pai-frontier-restricted-api@1")
    base = base.split("\npractices:")[0] + "\npractices: {}\n"
    declaration.write_text(base, encoding="utf-8")
    _, found = findings(str(declaration))
    recommended = [f for f in found if f["practice"] == "upstream-security.r2"]
    assert [(f["code"], f["severity"]) for f in recommended] == [("PG103", "warning")]


def test_org_pack_without_pack_path_is_pg010(tmp_path: Path) -> None:
    shutil.copy(ORG / "nimbus.paiguard.yaml", tmp_path / "nimbus.paiguard.yaml")
    code, found = findings(str(tmp_path / "nimbus.paiguard.yaml"))
    assert code == 1
    assert [(f["code"], f["line"], f["column"]) for f in found] == [("PG010", 6, 7)]
    assert found[0]["message"] == (
        "pack acme-frontier-api@1 does not exist; packs: pai-frontier-restricted-api@1 "
        "(frontier x restricted-api)"
    )


def test_no_pack_named_and_several_cover_the_model_is_pg010(tmp_path: Path) -> None:
    text = (ORG / "nimbus.paiguard.yaml").read_text(encoding="utf-8")
    declaration = tmp_path / "paiguard.yaml"
    declaration.write_text(text.replace("pack: acme-frontier-api@1", "# no pack"), "utf-8")
    _, found = findings("--pack-path", str(ORG_PACKS), str(declaration))
    assert [(f["code"], f["line"], f["column"]) for f in found] == [("PG010", 11, 15)]
    assert found[0]["message"] == (
        "several packs cover frontier x restricted-api: acme-frontier-api@2 (frontier x "
        "restricted-api), pai-frontier-restricted-api@1 (frontier x restricted-api); "
        "name one with `pack:`"
    )


def test_a_pack_can_extend_an_extending_pack(tmp_path: Path) -> None:
    shutil.copy(ORG_PACKS / "acme-frontier-api-1.yaml", tmp_path / "b.yaml")
    (tmp_path / "a.yaml").write_text(
        "pack: acme-team-nimbus\nversion: 1.0.0\ntitle: Team Nimbus\n"
        "extends: acme-frontier-api@1\nstages:\n  - id: post-deployment\n    guidelines:\n"
        "      - id: monitoring\n        practices:\n"
        "          - {id: monitoring.r1, level: baseline}\n",
        encoding="utf-8",
    )
    team = PackRegistry([tmp_path]).require("acme-team-nimbus@1")
    assert team.extends == "acme-frontier-api@1"
    assert team.counts() == {"guidelines": 23, "baseline": 78, "recommended": 43}


def test_packs_doc_shows_the_shipped_example_as_it_is() -> None:
    doc = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    v1 = (ORG_PACKS / "acme-frontier-api-1.yaml").read_text(encoding="utf-8")
    body = v1[v1.index("pack: acme-frontier-api\n") :]
    assert f"```yaml\n{body}```\n" in doc
    listing = run_paiguard("packs", cwd=ORG)
    assert listing.code == 0
    assert f"$ paiguard packs\n{listing.out}```\n" in doc


def test_extension_adds_a_stage_notes_and_keeps_a_raised_baseline(tmp_path: Path) -> None:
    shutil.copy(REPO / "tests" / "init" / "packs" / "tiny-open.yaml", tmp_path)
    (tmp_path / "tiny-org.yaml").write_text(
        """\
pack: tiny-org
version: 1.0.0
title: Tiny organisation pack
extends: tiny-open@2
applies_to: {model_type: general-purpose, release_type: open}
stages:
  - id: research-development
    title: Research & Development
    guidelines:
      - id: data-review
        title: Review training data
        summary: Know what the model learns from.
        practices:
          - {id: data-review.b1, level: baseline, text: Document the data sources.}
  - id: pre-deployment
    guidelines:
      - id: model-card
        notes: [Use the organisation's template.]
        resources: ["https://example.org/template"]
        practices:
          - {id: model-card.b1, level: baseline}
          - {id: model-card.r1, level: baseline, effective_from: 2027-06-01}
""",
        encoding="utf-8",
    )
    pack = PackRegistry([tmp_path]).require("tiny-org@1")
    assert [s.id.value for s in pack.stages] == [
        "research-development",
        "pre-deployment",
        "post-deployment",
    ]
    card = pack.practices["model-card.b1"].guideline
    assert (card.notes, card.resources) == (
        ["Use the organisation's template."],
        ["https://example.org/template"],
    )
    raised = pack.practices["model-card.r1"].practice
    assert (raised.level, str(raised.effective_from)) == (Level.BASELINE, "2027-06-01")
    assert list(pack.practices) == [
        "data-review.b1",
        "model-card.b1",
        "model-card.r1",
        "feedback.b1",
    ]
    assert pack.source.publisher == "paiguard tests"
