"""Safety limits (SPEC §6): enforced at their exact edge, named in PG003, raised only by config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile_helpers import HEAD, check_json, located

MIB = 1024 * 1024


def _padded(size: int) -> str:
    """A declaration head plus a comment, `size` bytes in all."""
    filler = size - len(HEAD) - 2
    return HEAD + "#" + "x" * filler + "\n"


def _nested(depth: int) -> str:
    """`practices:` holding flow sequences so that the deepest node is at `depth`."""
    inner = depth - 1  # the top-level mapping is the first level
    return HEAD + "practices: " + "[" * inner + "]" * inner + "\n"


def _config(folder: Path, body: str) -> None:
    (folder / ".paiguard.toml").write_text(f"[limits]\n{body}\n")


@pytest.mark.parametrize(("size", "expected"), [(2 * MIB, []), (2 * MIB + 1, ["PG003 1:1"])])
def test_file_size_limit_is_two_mib(tmp_path: Path, size: int, expected: list[str]) -> None:
    path = tmp_path / "paiguard.yaml"
    path.write_text(_padded(size))
    assert path.stat().st_size == size
    _, output = check_json(str(path), cwd=tmp_path)
    assert located(output["files"][0]) == expected


def test_a_huge_sparse_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "paiguard.yaml"
    with path.open("wb") as handle:
        handle.truncate(64 * 1024 * MIB)  # 64 GiB of holes: reading it whole would never end
    run, output = check_json(str(path), cwd=tmp_path)
    assert run.code == 1
    [finding] = output["files"][0]["findings"]
    assert (finding["code"], finding["line"], finding["column"]) == ("PG003", 1, 1)
    assert finding["message"] == (
        "the file is 68719476736 bytes, over the max_file_bytes limit of 2097152"
    )


def test_config_raises_the_file_size_limit(tmp_path: Path) -> None:
    (tmp_path / "paiguard.yaml").write_text(_padded(3 * MIB))
    _config(tmp_path, f"max_file_bytes = {4 * MIB}")
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    assert "PG003" not in {f["code"] for f in output["files"][0]["findings"]}


@pytest.mark.parametrize(("depth", "expected"), [(64, []), (65, ["PG003 8:75"])])
def test_nesting_limit_is_64(tmp_path: Path, depth: int, expected: list[str]) -> None:
    (tmp_path / "paiguard.yaml").write_text(_nested(depth))
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    assert located(output["files"][0], ignore=("PG002",)) == expected


def test_config_raises_the_nesting_limit(tmp_path: Path) -> None:
    (tmp_path / "paiguard.yaml").write_text(_nested(100))
    _config(tmp_path, "max_depth = 100")
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    assert [f["code"] for f in output["files"][0]["findings"]] == ["PG002"]


@pytest.mark.parametrize(
    ("chars", "expected"), [(65_536, ["PG102 10:13"]), (65_537, ["PG003 11:20"])]
)
def test_scalar_limit_is_65536_characters(tmp_path: Path, chars: int, expected: list[str]) -> None:
    text = HEAD + "practices:\n  red-teaming.b1:\n    status: planned\n    justification: "
    (tmp_path / "paiguard.yaml").write_text(text + "é" * chars + "\n")
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    assert located(output["files"][0]) == expected


def test_config_raises_the_scalar_limit(tmp_path: Path) -> None:
    text = HEAD + "practices:\n  red-teaming.b1:\n    status: planned\n    justification: "
    (tmp_path / "paiguard.yaml").write_text(text + "x" * 100_000 + "\n")
    _config(tmp_path, "max_scalar_chars = 100000")
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    assert located(output["files"][0]) == ["PG102 10:13"]


def test_limits_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "paiguard.yaml").write_text(_nested(70))
    (tmp_path / "pyproject.toml").write_text("[tool.paiguard.limits]\nmax_depth = 70\n")
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    assert [f["code"] for f in output["files"][0]["findings"]] == ["PG002"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "max_depth = 0",
            "limits.max_depth: must be between 64 (the default: limits can be "
            "raised, never lowered or disabled) and 256, got 0",
        ),
        ("max_depth = -1", "limits.max_depth: must be between 64"),
        ("max_depth = 10", "limits.max_depth: must be between 64"),
        ("max_depth = 257", "and 256, got 257"),
        ("max_file_bytes = 0", "limits.max_file_bytes: must be between 2097152"),
        ("max_file_bytes = 1e12", "limits.max_file_bytes: Input should be a valid integer"),
        ("max_file_bytes = 67108865", "and 67108864, got 67108865"),
        ("max_scalar_chars = false", "limits.max_scalar_chars: Input should be a valid integer"),
        ('max_scalar_chars = "1MB"', "limits.max_scalar_chars: Input should be a valid integer"),
        (
            "max_scalar_char = 100000",
            "unknown key 'limits.max_scalar_char'; did you mean 'max_scalar_chars'?",
        ),
    ],
)
def test_limits_can_only_be_raised(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "paiguard.yaml").write_text(HEAD)
    _config(tmp_path, body)
    run, _ = check_json("paiguard.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("paiguard: error: ")
    assert run.err.count("\n") == 1
    assert message in run.err


def test_anchors_stay_refused_whatever_the_limits(tmp_path: Path) -> None:
    (tmp_path / "paiguard.yaml").write_text(HEAD + "practices: &p {}\n")
    _config(tmp_path, f"max_depth = 256\nmax_file_bytes = {64 * MIB}")
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    assert located(output["files"][0]) == ["PG003 8:12"]


def test_the_billion_laughs_never_expands(tmp_path: Path) -> None:
    """Ten levels of ten aliases: 10^10 nodes if expanded; refused at the first anchor."""
    lines = ['l0: &l0 ["' + "lol" * 10 + '"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 11)]
    (tmp_path / "paiguard.yaml").write_text("\n".join(lines) + "\n")
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    assert located(output["files"][0]) == ["PG003 1:5"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_declaration_never_blocks(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "paiguard.yaml")
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    [finding] = output["files"][0]["findings"]
    assert (finding["code"], finding["message"]) == (
        "PG001",
        "cannot read the file: not a regular file",
    )


@pytest.mark.parametrize(("entries", "expected"), [(4994, []), (4995, ["PG003 5003:22"])])
def test_node_limit_is_20000_keys_and_values(
    tmp_path: Path, entries: int, expected: list[str]
) -> None:
    """The head and `practices:` make 21 nodes, each entry 4: 4994 entries make 19,997."""
    body = "".join(f"  x{i}.b1: {{status: planned}}\n" for i in range(entries))
    (tmp_path / "paiguard.yaml").write_text(HEAD + "practices:\n" + body)
    _, output = check_json("paiguard.yaml", cwd=tmp_path)
    findings = output["files"][0]["findings"]
    node_limit = [
        f"{f['code']} {f['line']}:{f['column']}" for f in findings if "max_nodes" in f["message"]
    ]
    assert node_limit == expected


def test_findings_stop_at_1000_with_a_pg003(tmp_path: Path) -> None:
    body = "".join(f"  x{i}.b1: {{status: planned}}\n" for i in range(2000))
    (tmp_path / "paiguard.yaml").write_text(HEAD + "practices:\n" + body)
    run, output = check_json("paiguard.yaml", cwd=tmp_path)
    findings = output["files"][0]["findings"]
    assert run.code == 1
    assert len(findings) == 1001
    [capped] = [f for f in findings if f["code"] == "PG003"]
    assert capped["message"] == (
        "more than the max_findings limit of 1000 findings: checking stopped here"
    )
