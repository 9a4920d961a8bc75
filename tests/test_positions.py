"""Where PG001, PG002, PG003 and PG104 point: a declaration and its (line, column) side by side.

Each case is checked through the real command line with `--format json`; the findings other
than coverage gaps (PG101/PG103) and the missing attestation (PG501), which every incomplete
declaration has, must be exactly the one expected, at that line and column, with the message
saying what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TODAY, run_paiguard

PACKS = Path(__file__).parent / "cases" / "_packs"
HEAD = (
    "paiguard: 1\n"
    "pack: mini@1\n"
    "provider: {name: Ex}\n"
    "model: {name: N, version: '1', model_type: frontier, release_type: restricted-api}\n"
)
GAPS = frozenset({"PG101", "PG102", "PG103", "PG501"})  # and no attestation


def findings(tmp_path: Path, text: str | bytes) -> list[tuple[str, int, int, str]]:
    """The findings of `text` as a declaration, except coverage gaps."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    (tmp_path / "paiguard.yaml").write_bytes(raw)
    run = run_paiguard(
        "check", "paiguard.yaml", "--today", TODAY, "--pack-path", str(PACKS), "--format", "json",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.err == ""
    assert run.code == 1
    [result] = json.loads(run.out)["files"]
    return [
        (f["code"], f["line"], f["column"], f["message"])
        for f in result["findings"]
        if f["code"] not in GAPS
    ]


PG001 = [
    pytest.param("paiguard: 1\npack: [mini@1\n", 3, 1, "expected ',' or ']'", id="unclosed-flow"),
    pytest.param("paiguard: 1\nprovider: {name: Ex\n", 3, 1, "expected ',' or '}'", id="unclosed"),
    pytest.param("paiguard: 1\n  pack: mini@1\n", 2, 7, "mapping values", id="bad-indent"),
    pytest.param("paiguard: 1\npaiguard: 1\n", 2, 1, "duplicate key 'paiguard'", id="dup-top"),
    pytest.param(
        HEAD + "practices:\n  red-teaming.b1: {status: planned, status: partial}\n",
        6, 37, "duplicate key 'status' (first defined at line 6)", id="dup-nested",
    ),
    pytest.param("paiguard: 1\n\tpack: mini@1\n", 2, 1, "tab character", id="tab"),
    pytest.param(b"paiguard: 1\nprovider: {name: Ex\xff}\n", 2, 20, "byte 0xff", id="bad-byte"),
    pytest.param(
        "paiguard: 1\nprovider: {name: É\udcff}\n".encode("utf-8", "surrogateescape"),
        2, 19, "byte 0xff is not valid UTF-8", id="bad-byte-after-non-ascii",
    ),
    pytest.param(b"\xef\xbb\xbf\xff", 1, 1, "byte 0xff", id="bad-byte-after-bom"),
    pytest.param("paiguard: 1\n---\npaiguard: 1\n", 2, 1, "second", id="two-documents"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "column", "message"), PG001)
def test_pg001_position(
    tmp_path: Path, text: str | bytes, line: int, column: int, message: str
) -> None:
    [(code, at_line, at_column, said)] = findings(tmp_path, text)
    assert (code, at_line, at_column) == ("PG001", line, column)
    assert message in said


PG003 = [
    pytest.param("paiguard: 1\na: &x 1\nb: *x\n", 2, 4,
                 "anchors are not allowed in a declaration (&x)", id="anchor"),
    pytest.param(
        "paiguard: 1\nprovider: !!python/object:os.system {name: x}\n",
        2, 11, "custom YAML tags are not allowed in a declaration (!!python/object:os.system)",
        id="python-tag",
    ),
    pytest.param("paiguard: 1\nprovider: {name: !include x.yaml}\n", 2, 18, "(!include)", id="tag"),
    pytest.param("paiguard: 1\nx: " + "[" * 70 + "]" * 70 + "\n", 2, 67, "nesting deeper than the",
                 id="depth"),
    pytest.param("paiguard: 1\nprovider: {name: " + "a" * 70_000 + "}\n", 2, 18,
                 "a scalar of 70000 characters exceeds the", id="long-scalar"),
    pytest.param("paiguard: 1\n" + "#" * (2 * 1024 * 1024) + "\n", 1, 1,
                 "the file is 2097165 bytes, over the", id="size"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "column", "message"), PG003)
def test_pg003_position(tmp_path: Path, text: str, line: int, column: int, message: str) -> None:
    [(code, at_line, at_column, said)] = findings(tmp_path, text)
    assert (code, at_line, at_column) == ("PG003", line, column)
    assert message in said


PRACTICE = HEAD + "practices:\n  red-teaming.b1:\n"
PG002 = [
    pytest.param(
        "paiguard: 1\npack: mini@1\nprovider:\n  name: Ex\n  contcat: x\n"
        "model: {name: N, version: '1', model_type: frontier, release_type: restricted-api}\n",
        5, 3, "unknown key 'contcat' in provider; did you mean 'contact'?", id="unknown-key",
    ),
    pytest.param(
        PRACTICE + "    status: planned\n    reviwed: 2026-01-01\n",
        8, 5, "unknown key 'reviwed' in practices.red-teaming.b1; did you mean 'reviewed'?",
        id="unknown-nested-key",
    ),
    pytest.param(
        "paiguard: 1\npack: mini@1\nprovider: {name: Ex}\n",
        1, 1, "missing required key 'model' in the top level", id="missing-top",
    ),
    pytest.param(
        PRACTICE + "    evidence: []\n",
        6, 3, "missing required key 'status' in practices.red-teaming.b1", id="missing-nested",
    ),
    pytest.param(
        HEAD.replace("version: '1'", "version: 2.1"),
        4, 27, "model.version: Input should be a valid string, got the number 2.1; quote it",
        id="number-for-text",
    ),
    pytest.param(
        HEAD + "practices: []\n", 5, 12, "practices: expected a mapping, got a list",
        id="list-for-map",
    ),
    pytest.param(
        PRACTICE.removesuffix("\n") + " planned\n",
        6, 19, "practices.red-teaming.b1: expected a mapping, got 'planned'", id="text-for-map",
    ),
    pytest.param(
        PRACTICE + "    status: planned\n    evidence: https://example.org\n",
        8, 15, "evidence: expected a list, got 'https://example.org'", id="text-for-list",
    ),
    pytest.param(
        PRACTICE + "    status: planned\n    owner: true\n",
        8, 12, "practices.red-teaming.b1.owner: expected text, got True", id="bool-for-text",
    ),
    pytest.param(
        HEAD.replace("restricted-api}", "restricted-api,\n  updates: [{date: 2026-01-01, "
                     "description: x, significant: maybe}]}"),
        5, 61, "model.updates[0].significant: expected true or false, got 'maybe'", id="bad-bool",
    ),
    pytest.param(
        PRACTICE + "    status: implemented\n    evidence: [{path: x.md, sha256: abc}]\n",
        8, 37, "evidence[0].sha256: expected the 64 hexadecimal digits of a sha256, got 'abc'",
        id="bad-pin",
    ),
    pytest.param(
        PRACTICE + "    status: done\n",
        7, 13, "status: Input should be 'implemented', 'partial', 'planned', 'not-implemented' "
        "or 'not-applicable', got 'done'", id="bad-enum",
    ),
    pytest.param(
        HEAD.replace("frontier", "frontier-ish"), 4, 44, "got 'frontier-ish'", id="bad-model-type"
    ),
    pytest.param(
        PRACTICE + "    status: planned\n    reviewed: 2026-02-30\n",
        8, 15, "practices.red-teaming.b1.reviewed: '2026-02-30' is not a real date", id="bad-date",
    ),
    pytest.param(
        PRACTICE + "    status: planned\n    reviewed: 2026-2-3\n",
        8, 15, "expected an ISO date YYYY-MM-DD, got '2026-2-3'", id="short-date",
    ),
    pytest.param(
        HEAD + "waivers:\n  - {practice: red-teaming.b1, expires: 2026-13-01}\n",
        6, 41, "waivers[0].expires: '2026-13-01' is not a real date", id="bad-waiver-date",
    ),
    pytest.param(
        PRACTICE + "    status: implemented\n    evidence:\n"
        "      - {url: 'https://example.org', path: docs/a.md}\n",
        9, 9, "evidence[0]: an evidence item needs exactly one of 'url', 'path' or 'ref'",
        id="url-and-path",
    ),
    pytest.param(
        PRACTICE + "    status: implemented\n    evidence:\n      - title: nothing to open\n",
        9, 9, "needs exactly one of 'url', 'path' or 'ref'", id="neither-url-nor-path",
    ),
    pytest.param(
        HEAD.replace("paiguard: 1", "paiguard: 2"), 1, 11, "paiguard: Input should be 1, got 2",
        id="format-version",
    ),
    pytest.param(
        HEAD.replace("mini@1", "mini"), 2, 7, "expected id@major such as", id="pack-without-major"
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "column", "message"), PG002)
def test_pg002_position(tmp_path: Path, text: str, line: int, column: int, message: str) -> None:
    [(code, at_line, at_column, said)] = findings(tmp_path, text)
    assert (code, at_line, at_column) == ("PG002", line, column)
    assert message in said


def test_pg002_reports_every_problem(tmp_path: Path) -> None:
    text = PRACTICE + "    status: done\n    reviewed: 2026-02-30\n    ownr: me\n"
    assert [(c, line, col) for c, line, col, _ in findings(tmp_path, text)] == [
        ("PG002", 7, 13),
        ("PG002", 8, 15),
        ("PG002", 9, 5),
    ]


PG104 = [
    pytest.param(
        "monitoring.bl", 6, 3,
        "practice monitoring.bl is not in mini@1; did you mean monitoring.b1?",
        id="did-you-mean",
    ),
    pytest.param(
        "red-team.b1", 6, 3,
        "practice red-team.b1 was renamed to red-teaming.b1 in mini 1.2.0; run `paiguard upgrade`",
        id="renamed",
    ),
    pytest.param("governance.b9", 6, 3, "practice governance.b9 is not in mini@1", id="far-off"),
]  # fmt: skip


@pytest.mark.parametrize(("pid", "line", "column", "message"), PG104)
def test_pg104_position(tmp_path: Path, pid: str, line: int, column: int, message: str) -> None:
    text = HEAD + f"practices:\n  {pid}:\n    status: planned\n"
    [(code, at_line, at_column, said)] = findings(tmp_path, text)
    assert (code, at_line, at_column) == ("PG104", line, column)
    assert said == message
