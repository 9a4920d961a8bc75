"""Property tests: whatever bytes or YAML a declaration holds, paiguard answers with findings.

Bounded and deterministic for CI: a fixed number of examples per property, derandomized, no
example database, no deadline (a slow machine must not turn into a flaky failure).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import TODAY, bounded, run_paiguard
from paiguard.declaration import build, from_model, validate
from paiguard.declaration_model import Declaration
from paiguard.pack_registry import PackRegistry
from paiguard.vocabulary import CONTROL
from paiguard.yamlsource import parse

BOUNDED = bounded(120)
PRACTICE_IDS = sorted(PackRegistry([]).get("pai-frontier-restricted-api@1").practices)  # type: ignore[union-attr]
STATUSES = ["implemented", "partial", "planned", "not-implemented", "not-applicable"]
READ_CODES = {"PG001", "PG002", "PG003"}

# Strings a YAML reader could take for something else, and text in any script.
TRICKY = [
    *("yes", "no", "on", "null", "~", "true", "False", "1", "-1", "1.0", "1e3", ".5", "0o7"),
    *("0x1F", ".inf", "-.nan", "2026-01-01", "12:30", " lead", "trail ", "a: b", "#c", "- x"),
    *("'", '"', "\\", "a\nb", "a\tb", "line\n", "*x", "&x", "!x", "%x", "@x", "`x", "{}", "[]"),
    *("---", "...", "? x", "|", ">", "\ufeffbom", "\u202eevil", "\u2028", "é" * 3, "😀"),
]
texts = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
    st.builds("".join, st.lists(st.sampled_from(TRICKY), min_size=2, max_size=4)),
)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
# a url or ref holds no control character (a PG002, SPEC §2): the rest of the tricky text may
targets = texts.filter(lambda text: re.search(CONTROL, text) is None)
about = {
    "title": texts,
    "locator": texts,
    "date": dates,
    "by": texts,
    "independent": st.booleans(),
}
evidence = st.one_of(
    st.fixed_dictionaries(
        {"url": st.builds(lambda s: f"https://example.org/{s}", targets)},
        optional={**about, "access": st.sampled_from(["public", "internal"])},
    ),
    st.fixed_dictionaries(
        {"path": st.sampled_from(["docs/a.md", "../x.md", "missing/b.md", "/etc/passwd"])},
        optional={**about, "sha256": st.just("a" * 64)},
    ),
    st.fixed_dictionaries({"ref": targets}, optional={**about, "access": st.just("internal")}),
)
practice = st.fixed_dictionaries(
    {"status": st.sampled_from(STATUSES)},
    optional={
        "evidence": st.lists(evidence, max_size=3),
        "owner": texts,
        "reviewed": dates,
        "due": dates,
        "justification": texts,
    },
)
waiver = st.fixed_dictionaries(
    {"practice": st.sampled_from(PRACTICE_IDS)},
    optional={"reason": texts, "approved_by": texts, "expires": dates},
)
declarations = st.fixed_dictionaries(
    {
        "paiguard": st.just(1),
        "provider": st.fixed_dictionaries({"name": texts}, optional={"contact": texts}),
        "model": st.fixed_dictionaries(
            {
                "name": texts,
                "version": texts,
                "model_type": st.just("frontier"),
                "release_type": st.just("restricted-api"),
            },
            optional={
                "surfaces": st.lists(texts, max_size=3),
                "updates": st.lists(
                    st.fixed_dictionaries(
                        {"date": dates, "description": texts},
                        optional={"significant": st.booleans()},
                    ),
                    max_size=2,
                ),
            },
        ),
    },
    optional={
        "pack": st.just("pai-frontier-restricted-api@1"),
        "attestation": st.fixed_dictionaries({"by": texts, "date": dates}),
        "practices": st.dictionaries(st.sampled_from(PRACTICE_IDS), practice, max_size=6),
        "waivers": st.lists(waiver, max_size=2),
    },
)
wrong_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
yamlish = st.text(
    st.sampled_from([*":-[]{}&*!|>'\"#%@`,?\n \t\\.~", "a", "b", "1", "é", "\ufeff", "\x00"]),
    max_size=200,
).map(lambda s: s.encode("utf-8", "surrogatepass"))


def _yaml(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _run(raw: bytes) -> tuple[int, dict[str, Any]]:
    """`paiguard check --format json` on `raw`; the run's exit code and its parsed output."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "paiguard.yaml").write_bytes(raw)
        run = run_paiguard("check", "--format", "json", "--today", TODAY, cwd=Path(folder))
    assert run.err == ""
    output = json.loads(run.out)
    [result] = output["files"]
    lines = raw.count(b"\n") + 2
    for finding in result["findings"]:
        assert 1 <= finding["line"] <= lines
        assert finding["column"] >= 1
        assert finding["message"].isprintable()
    return run.code, result


@BOUNDED
@given(st.one_of(st.binary(max_size=400), yamlish))
def test_arbitrary_bytes_give_read_findings(raw: bytes) -> None:
    code, result = _run(raw)
    assert code == 1
    codes = {f["code"] for f in result["findings"]}
    assert codes and codes <= READ_CODES | {"PG010"}


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A declaration with one key dropped, one value of the wrong type, or one key unknown."""
    data = draw(declarations)
    parent = draw(st.sampled_from([data, data["provider"], data["model"]]))
    key = draw(st.sampled_from(sorted(parent)))
    how = draw(st.sampled_from(["drop", "retype", "unknown"]))
    if how == "drop":
        del parent[key]
    elif how == "retype":
        parent[key] = draw(wrong_values)
    else:
        parent[draw(texts)] = draw(wrong_values)
    return data


@settings(BOUNDED, max_examples=80)
@given(mutated())
def test_mutated_declarations_give_located_findings(data: dict[str, Any]) -> None:
    code, _ = _run(_yaml(data).encode())
    assert code in (0, 1)


@BOUNDED
@given(declarations)
def test_valid_declarations_round_trip_unchanged(data: dict[str, Any]) -> None:
    """Data -> YAML -> paiguard's reader -> model equals the model of the data itself,
    and dumping that model again gives the same model back."""
    model = Declaration.model_validate(data)
    expected = from_model(model)
    declaration, problems, invalid, _ = validate(parse(_yaml(data)))
    assert (problems, invalid) == ([], {})
    assert declaration == expected
    assert build(data) in (None, expected)
    again = model.model_dump(mode="json", exclude_defaults=True)
    assert validate(parse(_yaml(again)))[0] == expected
    assert build(again) == expected


@settings(BOUNDED, max_examples=40)
@given(declarations)
def test_valid_declarations_are_checked_to_the_end(data: dict[str, Any]) -> None:
    code, result = _run(_yaml(data).encode())
    assert code in (0, 1)
    assert result["pack"]["id"] == "pai-frontier-restricted-api"
    assert result["model"]["name"] == data["model"]["name"]
