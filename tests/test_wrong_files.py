"""Files users point paiguard at by mistake (SPEC §3, PG002 ed. 2): a model card, a Model
Openness Framework file, a GitHub Actions workflow, a docker-compose file.

Each gets one PG002, "not a paiguard declaration", as its only finding, saying what the file
looks like, instead of a list of unknown keys or a complaint about a second YAML document. A
real declaration that lost a line is still reported key by key.

`tests/wrong_files/<name>` is checked as `paiguard check <name> --today 2026-11-26` in that
folder; `tests/wrong_files/expected/<name>.txt` is the exact output. Where the files come from:
`tests/wrong_files/SOURCES.txt`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TODAY, run_paiguard

FOLDER = Path(__file__).parent / "wrong_files"
EXPECTED = FOLDER / "expected"
NOT_A_DECLARATION = "not a paiguard declaration (no 'paiguard:' key); "

WRONG = [
    ("model-card.md", "it looks like Markdown with YAML front matter, such as a model card; "),
    ("mof-sample_model.yml", "it looks like a Model Openness Framework file; "),
    ("workflow.yml", "it looks like a GitHub Actions workflow; "),
    ("compose.yaml", "it looks like a docker-compose file; "),
    ("settings.yaml", ""),
]
FILES = sorted(p.name for p in FOLDER.iterdir() if p.is_file() and p.name != "SOURCES.txt")


def check(name: str, *more: str) -> tuple[int, str, str]:
    run = run_paiguard("check", name, "--today", TODAY, *more, cwd=FOLDER)
    return run.code, run.out, run.err


@pytest.mark.parametrize("name", FILES)
def test_exact_output(name: str) -> None:
    code, out, err = check(name)
    assert (code, err) == (1, "")
    assert out == (EXPECTED / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "looks_like"), WRONG)
def test_one_finding_says_it_is_not_a_declaration(name: str, looks_like: str) -> None:
    code, out, _ = check(name, "--format", "json")
    [result] = json.loads(out)["files"]
    [finding] = result["findings"]
    assert (code, finding["code"], finding["line"], finding["column"]) == (1, "PG002", 1, 1)
    assert finding["message"] == NOT_A_DECLARATION + looks_like + "see `paiguard init`"


def test_every_wrong_file_has_its_case() -> None:
    assert {name for name, _ in WRONG} | {"lost-paiguard-line.yaml"} == set(FILES)
    assert {p.name for p in EXPECTED.iterdir()} == {f"{name}.txt" for name in FILES}


def test_a_declaration_that_lost_a_line_is_reported_as_before() -> None:
    code, out, _ = check("lost-paiguard-line.yaml", "--format", "json")
    [result] = json.loads(out)["files"]
    messages = [(f["code"], f["message"]) for f in result["findings"]]
    assert (code, messages) == (1, [("PG002", "missing required key 'paiguard' in the top level")])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("---\npaiguard: 1\n---\n# Notes\n", id="front-matter-with-paiguard"),
        pytest.param("practices: {}\n---\nservices: {}\n", id="second-document"),
        pytest.param("---\nprovider: {name: x}\n---\nmodel: {}\n", id="yaml-documents"),
    ],
)
def test_a_broken_declaration_is_still_pg001(tmp_path: Path, text: str) -> None:
    (tmp_path / "paiguard.yaml").write_text(text, encoding="utf-8")
    run = run_paiguard("check", "--today", TODAY, "--format", "json", cwd=tmp_path)
    [finding] = json.loads(run.out)["files"][0]["findings"]
    assert finding["code"] == "PG001"


@pytest.mark.parametrize(
    ("text", "looks_like"),
    [
        pytest.param("---\ntitle: Hello\n---\nSome prose: with a colon.\n\n---\n", "Markdown",
                     id="rule-in-body"),
        pytest.param("---\nkind: Service\n---\nkind: Pod\n", "", id="yaml-documents"),
        pytest.param("{}\n", "", id="empty-mapping"),
        pytest.param("jobs: {build: {}}\n'on': push\n", "GitHub Actions", id="quoted-on"),
    ],
)  # fmt: skip
def test_what_it_looks_like(tmp_path: Path, text: str, looks_like: str) -> None:
    (tmp_path / "paiguard.yaml").write_text(text, encoding="utf-8")
    run = run_paiguard("check", "--today", TODAY, "--format", "json", cwd=tmp_path)
    [finding] = json.loads(run.out)["files"][0]["findings"]
    assert finding["code"] == "PG002"
    assert finding["message"].startswith(NOT_A_DECLARATION)
    assert ("looks like" in finding["message"]) == bool(looks_like)
    assert looks_like in finding["message"]
