"""Without a `.git` folder (a tarball unpacked in CI), the repository root is the current folder
when the declarations lie under it (SPEC §2, §5): SARIF uris, GitHub annotations and JUnit suites
name `a/paiguard.yaml` and `b/paiguard.yaml`, never two files both called `paiguard.yaml`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from format_cases import PROJECT, assert_valid, check
from junitparser import JUnitXml

FILES = ("a/paiguard.yaml", "b/paiguard.yaml")


def unpacked(tmp_path: Path) -> Path:
    """Two copies of the fixture project in a folder that is not a git repository."""
    root = tmp_path / "unpacked"
    for name in ("a", "b"):
        shutil.copytree(PROJECT, root / name)
    assert not any(folder.joinpath(".git").exists() for folder in (root, *root.parents))
    return root


def test_github_annotations_name_each_file_from_the_current_folder(tmp_path: Path) -> None:
    run = check(unpacked(tmp_path), "github", files=FILES)
    assert run.code == 1
    files = [line.split("file=", 1)[1].split(",", 1)[0] for line in run.out.splitlines()]
    assert list(dict.fromkeys(files)) == ["a/paiguard.yaml", "b/paiguard.yaml"]
    assert run.out.splitlines()[0].startswith("::warning file=a/paiguard.yaml,line=9,col=1,")


def test_sarif_uris_name_each_file_from_the_current_folder(tmp_path: Path) -> None:
    run = check(unpacked(tmp_path), "sarif", files=FILES)
    log = json.loads(run.out)
    uris = [
        result["locations"][0]["physicalLocation"]["artifactLocation"]
        for result in log["runs"][0]["results"]
    ]
    assert {json.dumps(uri, sort_keys=True) for uri in uris} == {
        json.dumps({"uri": name, "uriBaseId": "%SRCROOT%"}, sort_keys=True) for name in FILES
    }
    assert_valid(log)


def test_junit_suites_name_each_file_from_the_current_folder(tmp_path: Path) -> None:
    run = check(unpacked(tmp_path), "junit", files=FILES)
    suites = list(JUnitXml.fromstring(run.out))
    assert [suite.name for suite in suites] == list(FILES)
    failure = next(case for case in suites[1] if case.name == "risk-scan.b1").result[0]
    assert failure.text.startswith("b/paiguard.yaml:11:13: PG102 error ")


def test_a_declaration_outside_the_current_folder_is_named_from_its_own_folder(
    tmp_path: Path,
) -> None:
    root = unpacked(tmp_path)
    run = check(root / "a", "github", files=("paiguard.yaml", "../b/paiguard.yaml"))
    files = [line.split("file=", 1)[1].split(",", 1)[0] for line in run.out.splitlines()]
    assert set(files) == {"paiguard.yaml"}


def test_evidence_paths_stay_inside_that_root(tmp_path: Path) -> None:
    """`../shared/...` from a/ is inside the current folder when it holds a/ and shared/, and
    outside the repository when the run starts in a/ (then a/ is the root)."""
    root = unpacked(tmp_path)
    (root / "shared").mkdir()
    shutil.copy(PROJECT / "docs" / "red-team.md", root / "shared" / "red-team.md")
    declaration = root / "a" / "paiguard.yaml"
    text = declaration.read_text(encoding="utf-8")
    declaration.write_text(
        text.replace("path: docs/red-team.md", "path: ../shared/red-team.md"), encoding="utf-8"
    )

    def pg203(cwd: Path, path: str) -> list[int]:
        run = check(cwd, "json", files=(path,))
        findings = json.loads(run.out)["files"][0]["findings"]
        return [f["line"] for f in findings if f["code"] == "PG203"]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert pg203(root, "a/paiguard.yaml") == []
    assert pg203(tmp_path, str(declaration)) == []
    assert pg203(root / "a", "paiguard.yaml") == [18]
    assert pg203(elsewhere, str(declaration)) == [18]  # not under the current folder: a/ is root
