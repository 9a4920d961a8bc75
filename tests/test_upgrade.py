"""`paiguard upgrade`: apply a pack's `renamed` map and set `pack:`, changing nothing else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_paiguard

ORG = REPO / "examples" / "org-pack"
PACKS = str(ORG / "packs")
V2 = "acme-frontier-api@2"


@pytest.fixture
def declaration(tmp_path: Path) -> Path:
    target = tmp_path / "nimbus.paiguard.yaml"
    shutil.copy(ORG / "nimbus.paiguard.yaml", target)
    return target


def upgrade(path: Path, to: str = V2, *extra: str) -> tuple[int, str, str]:
    run = run_paiguard("upgrade", str(path), "--to", to, "--pack-path", PACKS, *extra)
    return run.code, run.out, run.err


def test_upgrade_changes_only_the_renamed_ids_and_the_pack(declaration: Path) -> None:
    before = declaration.read_bytes().splitlines(keepends=True)
    code, out, err = upgrade(declaration)
    assert (code, err) == (0, "")
    assert out == (
        f"{declaration}: pack acme-frontier-api@1 -> acme-frontier-api@2\n"
        f"{declaration}:16:3: release-approval.b1 -> release-board.b1\n"
        f"{declaration}:22:3: release-approval.b2 -> release-board.b2\n"
        f"{declaration}:40:15: release-approval.b2 -> release-board.b2\n"
    )
    after = declaration.read_bytes().splitlines(keepends=True)
    assert len(after) == len(before)
    changed = {i + 1: (a, b) for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
    assert changed == {
        6: (
            b"pack: acme-frontier-api@1   # Acme's policy: PAI's pack and more\n",
            b"pack: acme-frontier-api@2   # Acme's policy: PAI's pack and more\n",
        ),
        16: (b"  release-approval.b1:\n", b"  release-board.b1:\n"),
        22: (b"  release-approval.b2:\n", b"  release-board.b2:\n"),
        40: (b"  - practice: release-approval.b2\n", b"  - practice: release-board.b2\n"),
    }


def test_upgraded_declaration_checks_the_same_under_the_new_pack(declaration: Path) -> None:
    def codes() -> list[tuple[str, str, int]]:
        run = run_paiguard(
            "check", str(declaration), "--pack-path", PACKS, "--today", TODAY, "--format", "json"
        )
        found = json.loads(run.out)["files"][0]["findings"]
        return sorted((f["code"], f["severity"], f["line"]) for f in found)

    before = codes()
    assert upgrade(declaration)[0] == 0
    assert codes() == before
    assert not [c for c in codes() if c[0] in ("PG104", "PG402")]


def test_second_upgrade_is_a_no_op(declaration: Path) -> None:
    assert upgrade(declaration)[0] == 0
    content = declaration.read_bytes()
    stamp = declaration.stat().st_mtime_ns
    assert upgrade(declaration) == (
        0,
        f"{declaration}: already on acme-frontier-api@2; nothing to change\n",
        "",
    )
    assert declaration.read_bytes() == content
    assert declaration.stat().st_mtime_ns == stamp


def test_renaming_onto_a_declared_id_is_exit_2(declaration: Path) -> None:
    text = declaration.read_text(encoding="utf-8")
    text = text.replace(
        "  red-teaming.b1:\n", "  release-board.b1:\n    status: planned\n  red-teaming.b1:\n"
    )
    declaration.write_text(text, encoding="utf-8")
    code, out, err = upgrade(declaration)
    assert (code, out) == (2, "")
    assert err == (
        f"paiguard: error: {declaration}:16:3: cannot rename release-approval.b1 to "
        "release-board.b1: release-board.b1 is already declared (line 34)\n"
    )
    assert declaration.read_text(encoding="utf-8") == text


def test_missing_pack_key_is_added_after_paiguard(tmp_path: Path) -> None:
    path = tmp_path / "paiguard.yaml"
    original = (
        "\ufeffpaiguard: 1  # format\r\n"
        "provider: {name: Example Labs}\r\n"
        "model: {name: Nimbus, version: '1', model_type: frontier,\r\n"
        "  release_type: restricted-api}\r\n"
        "practices:\r\n"
        '  "release-approval.b1": {status: planned}\r\n'
    )
    path.write_bytes(original.encode("utf-8"))
    code, out, _ = upgrade(path)
    assert code == 0
    assert out == (
        f"{path}: pack (none) -> acme-frontier-api@2\n"
        f"{path}:6:3: release-approval.b1 -> release-board.b1\n"
    )
    assert path.read_bytes().decode("utf-8") == (
        "\ufeffpaiguard: 1  # format\r\n"
        "pack: acme-frontier-api@2\r\n"
        "provider: {name: Example Labs}\r\n"
        "model: {name: Nimbus, version: '1', model_type: frontier,\r\n"
        "  release_type: restricted-api}\r\n"
        "practices:\r\n"
        "  release-board.b1: {status: planned}\r\n"
    )


def test_switching_to_an_org_pack_changes_only_the_pack_line(tmp_path: Path) -> None:
    path = tmp_path / "paiguard.yaml"
    text = (ORG / "nimbus.paiguard.yaml").read_text(encoding="utf-8")
    text = text.replace("pack: acme-frontier-api@1", "pack: pai-frontier-restricted-api@1")
    path.write_text(text, encoding="utf-8")
    code, out, _ = upgrade(path, "acme-frontier-api@1")
    assert (code, out) == (
        0,
        f"{path}: pack pai-frontier-restricted-api@1 -> acme-frontier-api@1\n",
    )
    expected = text.replace("pack: pai-frontier-restricted-api@1", "pack: acme-frontier-api@1")
    assert path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("to", "message"),
    [
        (
            "acme-frontier-api",
            "--to: expected PACK@MAJOR such as pai-frontier-restricted-api@1, "
            "got 'acme-frontier-api'",
        ),
        ("acme-frontier-api@3", "no pack acme-frontier-api@3; did you mean acme-frontier-api@2?"),
    ],
)
def test_bad_target_is_exit_2(declaration: Path, to: str, message: str) -> None:
    assert upgrade(declaration, to) == (2, "", f"paiguard: error: {message}\n")


def test_target_for_other_model_types_is_exit_2(declaration: Path) -> None:
    text = declaration.read_text(encoding="utf-8").replace(
        "model_type: frontier", "model_type: general-purpose"
    )
    declaration.write_text(text, encoding="utf-8")
    assert upgrade(declaration) == (
        2,
        "",
        f"paiguard: error: {declaration}:11:15: cannot upgrade: acme-frontier-api@2 covers "
        "frontier x restricted-api, but the model is general-purpose x restricted-api\n",
    )


def test_unreadable_declaration_is_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "paiguard.yaml"
    broken.write_text("paiguard: 1\npractices:\n  a.b1: {status: planned\n", encoding="utf-8")
    code, out, err = upgrade(broken)
    assert (code, out) == (2, "")
    assert err.startswith(f"paiguard: error: {broken}:4:1: cannot upgrade: ")
    assert upgrade(tmp_path / "missing.yaml") == (
        2,
        "",
        f"paiguard: error: {tmp_path / 'missing.yaml'}: no such file\n",
    )
    big = tmp_path / "big.yaml"
    big.write_text("paiguard: 1\n" + "#" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    assert upgrade(big) == (
        2,
        "",
        f"paiguard: error: {big}: cannot upgrade: the file is {big.stat().st_size} bytes, over "
        "the max_file_bytes limit of 2097152\n",
    )
    anchors = tmp_path / "anchors.yaml"
    anchors.write_text("paiguard: 1\nprovider: &p {name: x}\n", encoding="utf-8")
    assert upgrade(anchors) == (
        2,
        "",
        f"paiguard: error: {anchors}:2:11: cannot upgrade: YAML anchors are not allowed in a "
        "declaration (&p)\n",
    )


def test_packs_doc_shows_the_real_upgrade_output(tmp_path: Path) -> None:
    shutil.copytree(ORG, tmp_path / "org")
    command = "paiguard upgrade nimbus.paiguard.yaml --to acme-frontier-api@2 --pack-path packs"
    run = run_paiguard(*command.split()[1:], cwd=tmp_path / "org")
    assert run.code == 0
    doc = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    assert f"$ {command}\n{run.out}```\n" in doc


def test_the_declarations_own_config_supplies_the_packs(tmp_path: Path) -> None:
    """As for `check`, the config nearest the declaration counts, not the current folder's."""
    shutil.copytree(ORG, tmp_path / "org")
    run = run_paiguard("upgrade", "org/nimbus.paiguard.yaml", "--to", V2, cwd=tmp_path)
    assert (run.code, run.err) == (0, "")
    assert run.out.startswith(
        "org/nimbus.paiguard.yaml: pack acme-frontier-api@1 -> acme-frontier-api@2\n"
    )


def test_another_pack_is_refused_without_force(declaration: Path) -> None:
    before = declaration.read_bytes()
    assert upgrade(declaration, "pai-frontier-restricted-api@1") == (
        2,
        "",
        f"paiguard: error: {declaration}:6:7: cannot upgrade: pai-frontier-restricted-api@1 is "
        "another pack than the declaration's acme-frontier-api@1, so no `renamed` map applies "
        "and ids the two packs do not share would be left behind (PG104); use --force to switch "
        "anyway\n",
    )
    assert declaration.read_bytes() == before


def test_a_lower_major_is_refused_without_force(declaration: Path) -> None:
    assert upgrade(declaration)[0] == 0
    before = declaration.read_bytes()
    assert upgrade(declaration, "acme-frontier-api@1") == (
        2,
        "",
        f"paiguard: error: {declaration}:6:7: cannot upgrade: acme-frontier-api@1 is older than "
        "the declaration's acme-frontier-api@2, and `renamed` maps old ids to new ones only, so "
        "ids renamed since would be left behind (PG104); use --force to go back anyway\n",
    )
    assert declaration.read_bytes() == before


def test_with_force_it_lists_the_ids_it_could_not_map(declaration: Path) -> None:
    code, out, err = upgrade(declaration, "pai-frontier-restricted-api@1", "--force")
    assert (code, err) == (0, "")
    assert out == (
        f"{declaration}: pack acme-frontier-api@1 -> pai-frontier-restricted-api@1\n"
        f"{declaration}:16:3: release-approval.b1 is not in pai-frontier-restricted-api@1; "
        "left as it is\n"
        f"{declaration}:22:3: release-approval.b2 is not in pai-frontier-restricted-api@1; "
        "left as it is\n"
        f"{declaration}:40:15: release-approval.b2 is not in pai-frontier-restricted-api@1; "
        "left as it is\n"
    )
    assert "pack: pai-frontier-restricted-api@1   # Acme" in declaration.read_text(encoding="utf-8")


def test_force_back_to_a_lower_major_lists_what_it_left(declaration: Path) -> None:
    assert upgrade(declaration)[0] == 0
    code, out, _ = upgrade(declaration, "acme-frontier-api@1", "--force")
    assert code == 0
    assert out == (
        f"{declaration}: pack acme-frontier-api@2 -> acme-frontier-api@1\n"
        f"{declaration}:16:3: release-board.b1 is not in acme-frontier-api@1; left as it is\n"
        f"{declaration}:22:3: release-board.b2 is not in acme-frontier-api@1; left as it is\n"
        f"{declaration}:40:15: release-board.b2 is not in acme-frontier-api@1; left as it is\n"
    )


def test_without_pack_key_the_default_pack_decides_the_direction(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    tiny = (REPO / "tests" / "init" / "packs" / "tiny-open.yaml").read_text(encoding="utf-8")
    (packs / "tiny-open-2.yaml").write_text(tiny, encoding="utf-8")
    (packs / "tiny-open-1.yaml").write_text(
        tiny.replace("version: 2.3.0", "version: 1.0.0"), encoding="utf-8"
    )
    path = tmp_path / "paiguard.yaml"
    path.write_text(
        "paiguard: 1\nprovider: {name: Example Labs}\n"
        "model: {name: Nimbus, version: '1', model_type: general-purpose, release_type: open}\n",
        encoding="utf-8",
    )
    run = run_paiguard("upgrade", str(path), "--to", "tiny-open@1", "--pack-path", str(packs))
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(
        f"paiguard: error: {path}:3:49: cannot upgrade: tiny-open@1 is older than the "
        "declaration's tiny-open@2, "
    )
    forced = run_paiguard(
        "upgrade", str(path), "--to", "tiny-open@1", "--pack-path", str(packs), "--force"
    )
    assert (forced.code, forced.out) == (0, f"{path}: pack (none) -> tiny-open@1\n")


def test_packs_doc_shows_the_real_refusal_and_forced_output(tmp_path: Path) -> None:
    shutil.copytree(ORG, tmp_path / "org")
    args = ("upgrade", "nimbus.paiguard.yaml", "--to", "pai-frontier-restricted-api@1")
    refused = run_paiguard(*args, "--pack-path", "packs", cwd=tmp_path / "org")
    forced = run_paiguard(*args, "--pack-path", "packs", "--force", cwd=tmp_path / "org")
    assert (refused.code, forced.code) == (2, 0)
    doc = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    assert f"```text\n{refused.err}```\n" in doc
    assert f"```text\n{forced.out}```\n" in doc
