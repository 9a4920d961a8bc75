"""`--format github`: workflow commands GitHub Actions turns into annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_cases import assert_golden, check, make_repo

from paiguard.codes import Severity
from paiguard.findings import Finding
from paiguard.formats.github_format import escape_data, escape_property, render
from paiguard.results import FileResult, RunResult


def test_fixture_run_matches_golden(tmp_path: Path) -> None:
    run = check(make_repo(tmp_path), "github")
    assert run.code == 1
    assert run.err == ""
    assert_golden("demo.github.txt", run.out)


def test_each_severity_has_its_command(tmp_path: Path) -> None:
    lines = check(make_repo(tmp_path), "github").out.splitlines()
    assert (
        "::error file=paiguard.yaml,line=11,col=13,title=PG102::baseline practice risk-scan.b1"
        " is partial, not met: Run capability evaluations for novel risks before each majo…"
    ) in lines
    assert any(
        line.startswith("::warning file=paiguard.yaml,line=20,col=15,title=PG301::")
        for line in lines
    )
    assert any(
        line.startswith("::notice file=paiguard.yaml,line=9,col=1,title=PG101::waived")
        for line in lines
    )
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_file_is_relative_to_the_repository_root_wherever_paiguard_runs(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    sub = repo / "models" / "nimbus"
    sub.mkdir(parents=True)
    (repo / "paiguard.yaml").rename(sub / "paiguard.yaml")
    run = check(sub, "github", files=("paiguard.yaml",))
    assert run.out.splitlines()[0].startswith("::warning file=models/nimbus/paiguard.yaml,line=9,")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("100% sure", "100%25 sure"),
        ("two\nlines\r\n", "two%0Alines%0D%0A"),
        ("%0A is not a newline", "%250A is not a newline"),
        ("a: b, c", "a: b, c"),
        ("::error file=x::forged", "::error file=x::forged"),
    ],
)
def test_message_escaping_is_the_toolkits(raw: str, escaped: str) -> None:
    assert escape_data(raw) == escaped


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("docs/a,b.yaml", "docs/a%2Cb.yaml"),
        ("C:/x.yaml", "C%3A/x.yaml"),
        ("a\nb%", "a%0Ab%25"),
        ("x,title=PG000::fake", "x%2Ctitle=PG000%3A%3Afake"),
    ],
)
def test_property_escaping_adds_colon_and_comma(raw: str, escaped: str) -> None:
    assert escape_property(raw) == escaped


def test_hostile_practice_id_and_path_cannot_forge_a_command() -> None:
    finding = Finding(
        "PG104",
        Severity.ERROR,
        "practice evil,id\n::error file=x::forged is not in acme-policy@1; 50% sure",
        3,
        5,
        practice="evil,id\n::error file=x::forged",
    )
    result = FileResult("we,ird:name.paiguard.yaml", [finding], repo_path="dir:1/we,ird\nname.yaml")
    out = render(RunResult([result]))
    assert out == (
        "::error file=dir%3A1/we%2Cird%0Aname.yaml,line=3,col=5,title=PG104::"
        "practice evil,id%0A::error file=x::forged is not in acme-policy@1; 50%25 sure\n"
    )
    assert out.count("\n") == 1


def test_real_file_with_comma_and_colon_in_its_name(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    (repo / "paiguard.yaml").rename(repo / "nimbus,v2:final.paiguard.yaml")
    run = check(repo, "github", files=("nimbus,v2:final.paiguard.yaml",))
    first = run.out.splitlines()[0]
    assert first.startswith(
        "::warning file=nimbus%2Cv2%3Afinal.paiguard.yaml,line=9,col=1,title=PG103::"
    )


def test_without_repository_path_the_given_path_is_used() -> None:
    result = FileResult("some/paiguard.yaml", [Finding("PG001", Severity.ERROR, "bad", 1, 1)])
    assert (
        render(RunResult([result]))
        == "::error file=some/paiguard.yaml,line=1,col=1,title=PG001::bad\n"
    )


def test_no_findings_print_nothing() -> None:
    assert render(RunResult([FileResult("paiguard.yaml")])) == ""
