"""The pack cache changes nothing a user sees, and a bad cache file is never trusted."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from tests.conftest import REPO, TODAY, run_paiguard

from paiguard.pack_cache import FORMAT, cached_packs
from paiguard.pack_registry import PackRegistry
from paiguard.packs import dump, pack_from_data
from paiguard.resources import guidance_dir

DECLARATION = "tests/parse_corpus/all-codes.decl.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PAIGUARD_CACHE_DIR", str(folder))
    return folder


def _outputs() -> tuple[str, str]:
    show = run_paiguard("packs", "show", "pai-frontier-restricted-api", "--format", "json")
    check = run_paiguard("check", "--format", "json", "--today", TODAY, DECLARATION, cwd=REPO)
    assert show.code == 0 and check.code == 1
    return show.out, check.out


def test_a_warm_cache_prints_what_no_cache_prints(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAIGUARD_NO_CACHE", "1")
    uncached = _outputs()
    assert not cache.exists()
    monkeypatch.delenv("PAIGUARD_NO_CACHE")
    cold = _outputs()
    assert len(list(cache.glob("packs-*.json"))) == 1
    assert _outputs() == cold == uncached


def test_the_cached_pack_equals_the_validated_pack(cache: Path) -> None:
    validated = PackRegistry().all()
    first = cached_packs([guidance_dir()], lambda: PackRegistry().all())
    warm = cached_packs([guidance_dir()], lambda: pytest.fail("the cache was not used"))
    assert warm == first == validated
    assert list(warm[0].practices) == list(validated[0].practices)
    assert warm[0].practices["red-teaming.b1"] == validated[0].practices["red-teaming.b1"]


def _cache_file(cache: Path) -> Path:
    run_paiguard("packs")
    (file,) = cache.glob("packs-*.json")
    return file


def test_a_corrupt_cache_file_is_ignored_and_rewritten(cache: Path) -> None:
    file = _cache_file(cache)
    good = file.read_bytes()
    file.write_bytes(good[: len(good) // 2])  # cut short
    assert run_paiguard("packs").code == 0
    assert file.read_bytes() == good


def test_a_cache_file_with_a_valid_checksum_but_bad_data_is_ignored(cache: Path) -> None:
    file = _cache_file(cache)
    payload = json.loads(file.read_bytes().partition(b"\n")[2])
    payload[0]["stages"][0]["guidelines"][0]["practices"][0]["level"] = "optional"
    forged = json.dumps(payload).encode()
    file.write_bytes(FORMAT + b" sha256=" + hashlib.sha256(forged).hexdigest().encode() + b"\n")
    file.write_bytes(file.read_bytes() + forged)
    run = run_paiguard("packs", "show", "pai-frontier-restricted-api", "--format", "json")
    assert run.code == 0
    assert '"level": "optional"' not in run.out


def test_an_edited_pack_is_read_again(cache: Path, tmp_path: Path) -> None:
    custom = tmp_path / "packs"
    custom.mkdir()
    text = (guidance_dir() / "pai-frontier-restricted-api.yaml").read_text(encoding="utf-8")
    pack = custom / "org.yaml"
    pack.write_text(text.replace("pack: pai-frontier-restricted-api", "pack: org-policy"), "utf-8")
    first = run_paiguard("packs", "show", "org-policy", "--pack-path", str(custom))
    pack.write_text(pack.read_text("utf-8").replace("title: Research & Development", "title: R&D"))
    second = run_paiguard("packs", "show", "org-policy", "--pack-path", str(custom))
    assert "RESEARCH & DEVELOPMENT" in first.out
    assert "R&D" in second.out and "RESEARCH & DEVELOPMENT" not in second.out


def test_an_unwritable_cache_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PAIGUARD_CACHE_DIR", str(blocker / "cache"))
    run = run_paiguard("packs")
    assert (run.code, run.err) == (0, "")


@pytest.mark.parametrize("where", ["pack", "stage", "guideline", "practice"])
def test_cached_data_with_an_unknown_or_missing_field_is_refused(where: str) -> None:
    data = dump(PackRegistry().all()[0])
    assert pack_from_data(data) == PackRegistry().all()[0]
    practice = data["stages"][0]["guidelines"][0]["practices"][0]
    target = {
        "pack": data,
        "stage": data["stages"][0],
        "guideline": data["stages"][0]["guidelines"][0],
        "practice": practice,
    }[where]
    with pytest.raises(KeyError):
        pack_from_data({**data, "surprise": 1} if where == "pack" else _with(data, target, 1))
    del target["id" if where != "pack" else "title"]
    with pytest.raises(KeyError):
        pack_from_data(data)


def _with(data: dict[str, object], target: dict[str, object], value: object) -> dict[str, object]:
    target["surprise"] = value
    return data
