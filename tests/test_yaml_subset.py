"""The fast reader (paiguard.yaml_subset) gives exactly what the full reader gives, or nothing.

`read_subset` may refuse any text (None: the caller then runs the full reader), but a document
it returns must equal the full reader's: the same data with the same Python types, the same
keys and values with the same marks in the same order. Where the full reader raises (syntax,
limits, anchors, tags, duplicates), `read_subset` must refuse. Every YAML file in the repository,
the yaml-test-suite inputs, generated declarations and generated YAML are held to that; and the
declarations paiguard writes or ships must be read by the fast reader, so the fast path is taken.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import REPO, benchmark_generator, bounded, run_paiguard, typed

from paiguard import yaml_subset, yamlsource
from paiguard.limits import Limits
from paiguard.yaml_subset import read_subset
from paiguard.yamlsource import Document, Mark, decode

YAML_TEST_SUITE = REPO.parent / "shared" / "corpora" / "yaml-test-suite"
REPO_FILES = sorted(
    path
    for folder in ("examples", "tests", "guidance")
    for path in (REPO / folder).rglob("*")
    if path.suffix in (".yaml", ".yml") and path.is_file()
)
DECLARATIONS = sorted((REPO / "examples").rglob("*paiguard.yaml"))
SMALL_LIMITS = [
    Limits(max_nodes=10, max_depth=2, max_scalar_chars=5),
    Limits(max_nodes=60, max_depth=3, max_scalar_chars=12),
    Limits(max_nodes=400, max_depth=4, max_scalar_chars=40),
]
BOUNDED = bounded(300)


def full_reader(text: str, limits: Limits) -> Document | None:
    """What the full reader makes of `text`; None when it raises (any problem at all)."""
    try:
        return yamlsource._fold(yamlsource._events(text), limits)
    except Exception:
        return None


def snapshot(document: Document) -> Any:
    """Everything a document holds, scalar types and mark types included, in order."""
    marks = {"keys": document.keys, "values": document.values}
    return {
        "data": typed(document.data),
        **{
            kind: [(list(path), type(mark).__name__, tuple(mark)) for path, mark in found.items()]
            for kind, found in marks.items()
        },
    }


def agree(text: str, limits: Limits | None = None) -> bool:
    """Assert that the fast reader refuses `text` or gives the full reader's document;
    True when it gave one."""
    limits = limits or Limits()
    fast = read_subset(text, limits)
    if fast is None:
        return False
    expected = full_reader(text, limits)
    assert expected is not None, f"the fast reader accepted what the full reader refuses:\n{text}"
    assert snapshot(fast) == snapshot(expected), text
    return True


def _text(path: Path) -> str | None:
    try:
        return decode(path.read_bytes())
    except yamlsource.YamlProblem:
        return None


@pytest.mark.parametrize("path", REPO_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_yaml_file_in_the_repository_is_read_alike(path: Path) -> None:
    text = _text(path)
    if text is not None:
        agree(text)


@pytest.mark.parametrize("limits", SMALL_LIMITS, ids=repr)
def test_small_limits_are_refused_exactly_where_the_full_reader_stops(limits: Limits) -> None:
    accepted = refused = 0
    for path in REPO_FILES:
        text = _text(path)
        if text is None:
            continue
        if agree(text, limits):
            accepted += 1
        elif read_subset(text, Limits()) is not None:
            assert full_reader(text, limits) is None, path  # the limit is the only reason
            refused += 1
    assert refused  # files the fast reader reads within the default limits, refused here
    assert accepted or limits.max_nodes < 50  # and, when any fit, files read within these


@pytest.mark.skipif(not YAML_TEST_SUITE.is_dir(), reason="no yaml-test-suite corpus here")
def test_every_yaml_test_suite_input_is_read_alike_or_refused() -> None:
    read = 0
    for path in sorted(YAML_TEST_SUITE.glob("*.yaml")):
        text = _text(path)
        if text is not None:
            read += agree(text)
    assert read > 20  # the suite's plain mappings and sequences are inside the subset


AT_AND_OVER_LIMITS = [
    ("a: 12345\n", "a: 123456\n", Limits(max_scalar_chars=5)),
    ("abcde: x\n", "abcdef: x\n", Limits(max_scalar_chars=5)),
    ("a: >-\n  1234\n  5\n", "a: >-\n  1234\n  56\n", Limits(max_scalar_chars=6)),
    ("a: [b, 'cdefg']\n", "a: [b, 'cdefgh']\n", Limits(max_scalar_chars=5)),
    ("a:\n  b: [1, 2]\n", "a:\n  b: [1, [2]]\n", Limits(max_depth=3)),
    ("a:\n- b: 1\n", "a:\n- b:\n  - 1\n", Limits(max_depth=3)),
    ("a: {b: 1}\n", "a: {b: 1, c: 2}\n", Limits(max_nodes=5)),
    ("- a: 1\n  b:\n", "- a: 1\n  b:\n  c: 3\n", Limits(max_nodes=6)),
]


@pytest.mark.parametrize(("at", "over", "limits"), AT_AND_OVER_LIMITS)
def test_a_text_at_a_limit_is_read_and_one_over_it_is_refused(
    at: str, over: str, limits: Limits
) -> None:
    assert agree(at, limits)
    assert full_reader(over, limits) is None
    assert read_subset(over, limits) is None
    assert agree(over)  # within the default limits, the fast reader reads it


def test_a_number_too_long_for_python_is_refused() -> None:
    text = "a: " + "9" * 5000 + "\n"
    assert full_reader(text, Limits()) is None
    assert read_subset(text, Limits()) is None


# The fast path is taken for what paiguard ships, scaffolds and benchmarks.


@pytest.mark.parametrize("path", DECLARATIONS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_example_declaration_is_read_by_the_fast_reader(path: Path) -> None:
    assert agree(decode(path.read_bytes()))


def test_generated_benchmark_declarations_are_read_by_the_fast_reader(tmp_path: Path) -> None:
    for path in benchmark_generator().generate(tmp_path, 20):
        assert agree(path.read_text(encoding="utf-8")), path.name


def test_an_init_scaffold_is_read_by_the_fast_reader() -> None:
    run = run_paiguard("init", "--pack", "pai-frontier-restricted-api@1", "-o", "-")
    assert run.code == 0
    assert agree(run.out)
    assert agree((REPO / "tests" / "init" / "tiny-open.expected.yaml").read_text(encoding="utf-8"))


def test_parsing_a_declaration_does_not_import_ruamel() -> None:
    probe = (
        "import sys, json\n"
        "from paiguard.yamlsource import decode, parse\n"
        "doc = parse(decode(open(sys.argv[1], 'rb').read()))\n"
        "print(json.dumps([doc.data['pack'], 'ruamel' in sys.modules,"
        " any(m.startswith('ruamel') for m in sys.modules)]))\n"
    )
    path = REPO / "examples" / "conforming" / "paiguard.yaml"
    done = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == ["pai-frontier-restricted-api@1", False, False]


def test_without_libyaml_the_fast_reader_steps_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    """ruamel's pure-Python parser puts an empty value's mark at the next token, libyaml right
    after the colon: the fast reader reproduces libyaml only, so it defers to the other."""
    text = "a:\nb: 1\n"
    assert yaml_subset.libyaml_available()  # ruamel.yaml.clib is a dependency on CPython
    assert agree(text)
    monkeypatch.setattr(yaml_subset, "libyaml_available", lambda: False)
    assert read_subset(text, Limits()) is None


def test_parse_falls_back_to_the_full_reader_with_the_same_problem() -> None:
    text = "a: 1\na: 2\n"
    assert read_subset(text, Limits()) is None
    with pytest.raises(yamlsource.YamlProblem) as caught:
        yamlsource.parse(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("PG001", 2, 1)


BLOCK_SCALARS = [
    *(f"a: {h}\n  x\n  y\n" for h in ("|", "|-", ">", ">-")),
    *(f"a: {h}\n  x\n  y" for h in ("|", "|-", ">", ">-")),  # no final line break
    *(f"a: {h}\n  x\n\n  y\n\n\nb: 1\n" for h in ("|", "|-", ">", ">-")),
    *(f"- a: {h}\n    x\n     y\n  b: 1\n" for h in ("|", "|-")),
    "a: >-\n  x\n  # not a comment\n # a comment\nb: 1\n",
    "a: |\n    x\n  \n    y\n",
]


@pytest.mark.parametrize("text", BLOCK_SCALARS)
def test_block_scalars_are_read_as_libyaml_reads_them(text: str) -> None:
    assert agree(text)


def test_repeated_lines_keep_their_types_and_positions() -> None:
    """The fast reader reads a line met before from memory: its value must keep its type."""
    block = "  a: 1\n  b: true\n  c: ~\n  d: 0x1F\n  e: '1'\n  f: 1.5\n  g: text\n"
    text = "".join(f"k{i}:\n{block}" for i in range(3))
    assert agree(text)
    document = read_subset(text, Limits())
    assert document is not None
    types = [type(v).__name__ for v in document.data["k2"].values()]
    assert types == ["int", "bool", "NoneType", "int", "str", "float", "str"]


def test_parse_returns_the_fast_readers_document() -> None:
    text = "a:\n- {b: 1}\nc: >-\n  d\n"
    document = yamlsource.parse(text)
    assert document.data == {"a": [{"b": 1}], "c": "d"}
    assert document.values[("a",)] == Mark(2, 1)
    assert document.keys[("a", 0, "b")] == Mark(2, 4)
    assert snapshot(document) == snapshot(read_subset(text, Limits()))  # type: ignore[arg-type]


# Generated YAML: declaration-like pieces, many inside the subset and many outside it.

KEYS = [
    *("status", "owner", "evidence", "url", "title", "a", "b", "name", "x-y.z_w", "two words"),
    *("novel-risks.b1", "é", "ключ", "<<", "a'b", "k=v", "a,b", "a]", "a\\b", "k#"),
    *("1", "1.5", "true", "null", "~", "-k", "?k", ":k", "&k", "*k", "!k", "'k'", '"k"', "[k]"),
    *("k:", "k: v", "#k", "%k", "@k", "`k", "|", ">", "k ", " k"),
]
SCALARS = [
    *("plain", "two words", "implemented", "trust-and-safety", "2026-03-01", "12:30", "a:b"),
    *("a: b", "a #b", "a#b", "#c", "- x", "-", "-1", "-x", "--x", "1", "01", "1.5", "1e3", "1E-2"),
    *(".5", "+1", "+.5", "1_000", "0o17", "0x1F", "0x1g", "0b1", ".inf", "-.Inf", "+.INF", ".nan"),
    *(".NaN", "~", "null", "Null", "NULL", "true", "True", "FALSE", "yes", "no", "on", "x:"),
    *("trailing  ", "'quoted'", "'it''s'", "''", '"dq"', '""', '"a # b"', "'a: b'", '"esc\\"x"'),
    *('"tab\\t"', "'unclosed", '"unclosed', "[a, b]", "[]", "{}", "[ ]", "{ }", "{a: 1}"),
    *("[a, {b: c}]", "{a: [1, 2]}", "{url: https://x}", "[a:b]", "{a: b, a: c}", "[a, ]"),
    *("{a: 1, b}", "{a:1}", "{ a : 1 }", "[a, [b, [c]]]", "['x', \"y\"]", "{'k': v}", "[a b, c]"),
    *("[a?b]", "[-1, -x]", "{a: -}", "[a #b]", "&anchor x", "*alias", "!!str x", "!tag x"),
    *("|", ">", "|-", ">-", "|+", ">2", "%x", "@x", "`x", "a,b", "a]b", "a}b", "?x", ":x", "? x"),
    *("a ? b", "é", "😀", "a\u00a0b", "\u202eevil", "--- x", "... x", "=", "<<", "a\\b", "a'b"),
    *("https://example.org/a#b", "System card, section 8.8", "x" * 30, "R&D", "a*b", "a!b"),
]
GOOD_SCALARS = [*SCALARS[:20], "'quoted'", '"dq"', "[a, b]", "{a: 1}", "[]", "R&D", "x" * 30]
BLOCK_LINES = ["text", "more text", "", "  indented", "# not a comment", "x: y", "- z", "é"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Declaration-like YAML: nested block mappings and sequences with random indentation,
    scalars of every kind, block scalars, comments and blank lines, and a few mutations."""
    lines: list[str] = []
    _mapping(draw, lines, draw(st.sampled_from([0, 0, 0, 2])), draw(st.integers(0, 3)))
    if draw(st.integers(0, 4)) == 0 and lines:  # a mutation: shift, tab, drop or double a line
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["shift", "unshift", "tab", "drop", "double", "cr"]))
        line = lines[at]
        lines[at : at + 1] = {
            "shift": [" " + line],
            "unshift": [line[1:]],
            "tab": ["\t" + line],
            "drop": [],
            "double": [line, line],
            "cr": [line + "\r"],
        }[kind]
    end = draw(st.sampled_from(["\n", "\n", "", "\n\n", "\n  "]))
    return "\n".join(lines) + end


def _scalar(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(GOOD_SCALARS if draw(st.integers(0, 4)) else SCALARS))


def _decor(draw: st.DrawFn, lines: list[str], indent: int) -> None:
    """Comment and blank lines, sometimes."""
    for _ in range(draw(st.integers(0, 2)) if draw(st.booleans()) else 0):
        lines.append(
            draw(
                st.sampled_from(
                    [
                        "",
                        " " * indent,
                        " " * indent + "# comment",
                        "#",
                        " " * (indent + 3) + "# deeper",
                        "   ",
                    ]
                )
            )
        )


def _mapping(draw: st.DrawFn, lines: list[str], indent: int, depth: int) -> None:
    for _ in range(draw(st.integers(1, 4))):
        _decor(draw, lines, indent)
        key = draw(st.sampled_from(KEYS[:12]) if draw(st.integers(0, 5)) else st.sampled_from(KEYS))
        _entry(draw, lines, " " * indent + key + ":", indent, depth)


def _entry(draw: st.DrawFn, lines: list[str], head: str, indent: int, depth: int) -> None:
    """A key's value: inline, empty, a block scalar or a nested collection."""
    kind = draw(st.sampled_from(["scalar"] * 4 + ["empty", "block", "map", "seq", "indentless"]))
    gap = draw(st.sampled_from([" "] * 6 + ["  ", ""]))
    comment = draw(st.sampled_from([""] * 6 + [" # note", "  #x", " #"]))
    if kind == "scalar" or (depth <= 0 and kind in ("map", "seq", "indentless")):
        lines.append(head + gap + _scalar(draw) + comment)
    elif kind == "empty":
        lines.append(head + comment)
    elif kind == "block":
        lines.append(head + " " + draw(st.sampled_from(["|", "|-", ">", ">-"] * 3 + ["> ", "|2"])))
        inner = indent + draw(st.sampled_from([2, 2, 2, 1, 4, 0]))
        for _ in range(draw(st.integers(1, 4))):
            text = draw(st.sampled_from(BLOCK_LINES))
            lines.append(" " * inner + text if text else draw(st.sampled_from(["", " " * inner])))
    else:
        lines.append(head + comment)
        step = 0 if kind == "indentless" else draw(st.sampled_from([2, 2, 4, 1, 3]))
        if kind == "map":
            _mapping(draw, lines, indent + step, depth - 1)
        else:
            _sequence(draw, lines, indent + step, depth - 1)


def _sequence(draw: st.DrawFn, lines: list[str], indent: int, depth: int) -> None:
    for _ in range(draw(st.integers(1, 3))):
        _decor(draw, lines, indent)
        dash = " " * indent + draw(st.sampled_from(["- "] * 5 + ["-  ", "-"]))
        if draw(st.booleans()):
            lines.append(dash + _scalar(draw))
            continue
        column = len(dash)
        key = draw(st.sampled_from(KEYS[:12]))
        _entry(draw, lines, dash + key + ":", column, depth)
        for _ in range(draw(st.integers(0, 2))):
            more = draw(st.sampled_from(KEYS[:12]))
            _entry(draw, lines, " " * column + more + ":", column, depth)


@BOUNDED
@given(documents())
def test_generated_yaml_is_read_alike_or_refused(text: str) -> None:
    agree(text)


@BOUNDED
@given(documents(), st.sampled_from(SMALL_LIMITS))
def test_generated_yaml_under_small_limits_is_read_alike_or_refused(
    text: str, limits: Limits
) -> None:
    agree(text, limits)


def test_the_generator_makes_yaml_on_both_sides_of_the_subset() -> None:
    """The properties above prove something only if many inputs are read and many refused."""
    seen: list[bool] = []

    @BOUNDED
    @given(documents())
    def collect(text: str) -> None:
        seen.append(read_subset(text, Limits()) is not None)

    collect()
    read = sum(seen)
    assert read >= len(seen) // 5
    assert len(seen) - read >= len(seen) // 5


def test_random_edits_of_a_real_declaration_are_read_alike_or_refused() -> None:
    """One-character edits of a real declaration: most break or change it somewhere."""
    base = (REPO / "examples" / "halfway" / "paiguard.yaml").read_text(encoding="utf-8")
    rng = random.Random(6)
    alphabet = " \n-:#'\"{}[],&*!|>%@`?~.0a\t"
    for _ in range(150):
        at = rng.randrange(len(base))
        choice = rng.randrange(3)
        if choice == 0:
            text = base[:at] + rng.choice(alphabet) + base[at:]
        elif choice == 1:
            text = base[:at] + base[at + 1 :]
        else:
            text = base[:at] + rng.choice(alphabet) + base[at + 1 :]
        agree(text)
