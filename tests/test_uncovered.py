"""A model type x release type no published pack covers (PG010, `init`): say so, and how to write
an organisation pack for it; never advise declaring the model as something it is not."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO, TODAY, run_paiguard
from paiguard.codes import CODES
from paiguard.pack_registry import PackRegistry

UNCOVERED = (
    "no published pack covers general-purpose x open yet: paiguard's packs are written from "
    "Partnership on AI's checklist text, which it has for frontier x restricted-api only; to "
    "check this model, write an organisation pack for general-purpose x open (docs/packs.md, "
    '"A pack for another combination")'
)
SECTION = "## A pack for another combination"
OPEN_MODEL = (
    "paiguard: 1\n"
    "provider: {name: Example Labs, contact: safety@example.org}\n"
    "model: {name: Nimbus, version: '2.1', model_type: general-purpose, release_type: open}\n"
    "practices: {}\n"
)


def test_check_says_no_published_pack_covers_the_combination(tmp_path: Path) -> None:
    (tmp_path / "paiguard.yaml").write_text(OPEN_MODEL, encoding="utf-8")
    run = run_paiguard("check", "--today", TODAY, "--format", "json", cwd=tmp_path)
    [finding] = json.loads(run.out)["files"][0]["findings"]
    assert run.code == 1
    assert (finding["code"], finding["line"], finding["column"]) == ("PG010", 3, 51)
    assert finding["message"] == UNCOVERED


def test_init_says_the_same_in_one_line(tmp_path: Path) -> None:
    run = run_paiguard(
        "init", "--model-type", "general-purpose", "--release-type", "open", cwd=tmp_path
    )
    assert (run.code, run.out, run.err) == (2, "", f"paiguard: error: {UNCOVERED}\n")
    assert list(tmp_path.iterdir()) == []


def test_explain_never_advises_changing_the_models_types() -> None:
    run = run_paiguard("explain", "PG010")
    assert run.code == 0
    assert "model_type/release_type to match" not in run.out
    assert "never change" in CODES["PG010"].explain
    assert "docs/packs.md" in CODES["PG010"].hint


def test_packs_doc_has_the_section_the_message_names() -> None:
    doc = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    assert f"\n{SECTION}\n" in doc
    assert re.search(r'"(A pack for another combination)"', UNCOVERED)


def test_the_packs_doc_recipe_makes_a_pack_the_declaration_checks_against(tmp_path: Path) -> None:
    """The section's steps, run as written: start from the shipped pack's YAML, give it an id,
    a source and the combination, and check a declaration against it."""
    shown = run_paiguard("packs", "show", "pai-frontier-restricted-api", "--format", "yaml")
    assert shown.code == 0
    text = shown.out.replace("pack: pai-frontier-restricted-api\n", "pack: acme-open-weights\n")
    text = re.sub(r"(?ms)^source:\n.*?^applies_to:\n.*?(?=^stages:)", _OWN_SOURCE, text)
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "acme-open-weights.yaml").write_text(text, encoding="utf-8")
    declaration = OPEN_MODEL.replace("paiguard: 1\n", "paiguard: 1\npack: acme-open-weights@1\n")
    (tmp_path / "paiguard.yaml").write_text(declaration, encoding="utf-8")
    run = run_paiguard(
        "check", "--today", TODAY, "--pack-path", "packs", "--format", "json", cwd=tmp_path
    )
    [result] = json.loads(run.out)["files"]
    assert result["pack"] == {"id": "acme-open-weights", "version": "1.1.0"}
    assert {f["code"] for f in result["findings"]} == {"PG101", "PG103"}
    doc = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    section = doc.split(f"\n{SECTION}\n", 1)[1].split("\n## ", 1)[0]
    assert "paiguard packs show pai-frontier-restricted-api --format yaml" in section
    assert "applies_to: {model_type: general-purpose, release_type: open}" in section


_OWN_SOURCE = (
    "source: {publisher: Acme AI, document: Acme open-weights release policy}\n"
    "applies_to: {model_type: general-purpose, release_type: open}\n"
)


def test_readme_names_the_combinations_that_ship_a_pack() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## The declaration\n", 1)[1].split("\n## ", 1)[0]
    shipped = {(p.applies_to.model_type, p.applies_to.release_type) for p in PackRegistry().all()}
    assert shipped == {("frontier", "restricted-api")}
    assert "a pack ships for `frontier` x `restricted-api` only" in tour
    assert "docs/packs.md#a-pack-for-another-combination" in tour
