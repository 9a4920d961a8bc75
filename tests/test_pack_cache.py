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


def _forge(file: Path, header: bytes, payload: object) -> None:
    forged = json.dumps(payload).encode()
    file.write_bytes(header + b" sha256=" + hashlib.sha256(forged).hexdigest().encode() + b"\n")
    file.write_bytes(file.read_bytes() + forged)


def test_a_cache_of_the_format_before_numbers_and_scopes_is_not_read(cache: Path) -> None:
    """Format 2 had no `number`, `scope`, `leans_on` or `refers_to`: its packs are read anew,
    never shown without the fields, and the file is rewritten in the current format."""
    file = _cache_file(cache)
    good = file.read_bytes()
    payload = json.loads(good.partition(b"\n")[2])
    for stage in payload[0]["stages"]:
        for guideline in stage["guidelines"]:
            del guideline["number"]
            for practice in guideline["practices"]:
                for name in ("scope", "leans_on", "refers_to"):
                    del practice[name]
    for header in (b"paiguard-pack-cache 2", FORMAT):
        _forge(file, header, payload)
        run = run_paiguard("packs", "show", "pai-frontier-restricted-api", "--format", "json")
        assert run.code == 0
        assert '"number": 1,' in run.out and '"scope": "organisation"' in run.out
        assert file.read_bytes() == good


@pytest.mark.parametrize(
    ("field", "value"),
    [("number", "1"), ("number", True), ("scope", "everyone"), ("refers_to", "monitoring")],
)
def test_cached_numbers_and_scopes_of_the_wrong_type_are_refused(field: str, value: object) -> None:
    data = dump(PackRegistry().all()[0])
    guideline = data["stages"][0]["guidelines"][0]
    (guideline if field == "number" else guideline["practices"][0])[field] = value
    with pytest.raises((TypeError, ValueError)):
        pack_from_data(data)
