"""The `#` header of SSSOM TSV files, read by paiguard's small reader (paiguard.tsvfile): the
same data a YAML library reads from every crosswalk and target list in the repository, and a
located error for anything outside the subset, so a file cannot mean one thing to paiguard and
another to an SSSOM tool."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import REPO
from paiguard.errors import PaiguardError
from paiguard.tsvfile import read_header, read_lines

# every crosswalk and target list but the fixtures whose header paiguard refuses, or that it
# refuses before reading their header
REFUSED = {"header-not-yaml-text", "not-utf8", "control-character"}
HEADERED = sorted(
    path
    for folder in (REPO / "guidance" / "crosswalks", REPO / "tests" / "crosswalks")
    for pattern in ("*.sssom.tsv", "*.targets.tsv")
    for path in folder.rglob(pattern)
    if path.parent.parent.name not in REFUSED
)


def yaml_of_header(path: Path) -> object:
    lines = path.read_text(encoding="utf-8").splitlines()
    count = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    text = textwrap.dedent("\n".join(line[1:] for line in lines[:count]))
    return YAML(typ="safe", pure=True).load(text) or {}


def plain(value: object) -> object:
    """YAML's data with every scalar as the text it was written as (paiguard keeps text)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def test_the_files_compared_include_the_shipped_ones_and_the_fixtures() -> None:
    names = {p.name for p in HEADERED}
    assert "pai-frontier-restricted-api--nist-ai-600-1.sssom.tsv" in names
    assert "fmti-2025.targets.tsv" in names
    assert len(HEADERED) > 40


@pytest.mark.parametrize("path", HEADERED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_header_reads_as_yaml_reads_it(path: Path) -> None:
    header = read_header(read_lines(path), str(path))
    assert header.values == plain(yaml_of_header(path))


def test_the_shipped_headers_have_the_values_the_files_say() -> None:
    path = REPO / "guidance" / "crosswalks" / "nist-ai-600-1.targets.tsv"
    header = read_header(read_lines(path), "x")
    assert header.values["title"] == (
        "Artificial Intelligence Risk Management Framework: Generative Artificial "
        "Intelligence Profile"
    )
    assert header.end == 7 and header.lines["attribution"] == 7


def header_of(text: str) -> dict[str, object]:
    lines = textwrap.dedent(text).strip("\n").split("\n")
    return read_header(lines, "f.tsv").values  # type: ignore[return-value]


def test_quoted_values_and_nesting() -> None:
    assert header_of(
        r"""
        # a: plain text, with a comma
        # b: "quoted: \"x\" \\ \u00e9 \/"
        # c: 'it''s'
        # m:
        #   p: https://example.org/x#
        #   q: "y"
        # l:
        #   - one
        #   - "two: 2"
        #
        # z: last
        """
    ) == {
        "a": "plain text, with a comma",
        "b": 'quoted: "x" \\ é /',
        "c": "it's",
        "m": {"p": "https://example.org/x#", "q": "y"},
        "l": ["one", "two: 2"],
        "z": "last",
    }


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# a: x\n# a: y", 2, "a a second time (first at line 1)"),
        ("# a: x: y", 1, "quote this value: YAML reads 'x: y' as more than text"),
        ("# a: x # comment", 1, "quote this value: YAML reads 'x # comment' as more than text"),
        ("# a: [x, y]", 1, "quote this value: YAML reads '[x, y]' as more than text"),
        ("# a: &anchor x", 1, "quote this value: YAML reads '&anchor x' as more than text"),
        ('# a: "open', 1, 'a "quoted" value must end at its closing quote'),
        ('# a: "x" y"', 1, 'a "quoted" value must end at its closing quote'),
        ('# a: "\\q"', 1, 'a "quoted" value must end at its closing quote'),
        ("# a: 'it's'", 1, "a 'quoted' value must end at its closing quote"),
        ("# a:\n# b: x", 1, "a has no value"),
        ("# a:", 1, "a has no value"),
        ("# a: x\n#   b: y", 2, "an indented line under a key that has a value"),
        ("# m:\n#   p: x\n#     q: y", 3, "indented unlike the lines above it (one level of "
                                          "nesting only)"),
        ("# m:\n#   p:\n#     q: y", 2, "p has no value (one level of nesting only)"),
        ("# m:\n#   p: x\n#   - y", 3, "a list item among the `name: value` lines of m"),
        ("# m:\n#   - y\n#   p: x", 3, "a `name: value` line among the list items of m"),
        ("# m:\n#   p: x\n#   p: y", 3, "m: p a second time"),
        ("#  a: x\n# b: y", 2, "indented less than the header's first line"),
        ("# just words", 1, "expected `key: value`"),
        ("#\ta: x", 1, "a tab in the indentation"),
    ],
)  # fmt: skip
def test_anything_outside_the_subset_is_an_error_at_its_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(PaiguardError) as caught:
        read_header(text.split("\n"), "f.tsv")
    assert (caught.value.path, caught.value.line, caught.value.message) == ("f.tsv", line, message)
    assert str(caught.value) == f"f.tsv:{line}: {message}"


def test_a_file_that_is_not_a_regular_file_is_never_opened(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "x.sssom.tsv"
    os.mkfifo(fifo)
    with pytest.raises(PaiguardError, match="not a regular file"):
        read_lines(fifo)


def test_line_ends_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_bytes("\ufeff# a: x\r\nid\tlabel\r\nq\tr\u2028s\n".encode())
    assert read_lines(path) == ["# a: x", "id\tlabel", "q\tr\u2028s"]
