"""`paiguard check` options and config (SPEC §3, §4, §7), run through the real command line.

The declarations are the fixture cases of `tests/cases/` (copied to a temporary folder where a
test changes files or adds a config), checked against the mini@1 pack of `tests/cases/_packs/`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, Run, run_paiguard

CASES = Path(__file__).parent / "cases"
PACKS = CASES / "_packs"


def case(name: str, tmp_path: Path) -> Path:
    """A copy of a fixture case in its own temporary folder."""
    folder = tmp_path / name
    shutil.copytree(CASES / name, folder)
    return folder


def check(folder: Path, *args: str, today: str = TODAY) -> Run:
    return run_paiguard(
        "check", "paiguard.yaml", "--today", today, "--pack-path", str(PACKS), *args, cwd=folder
    )


def expected(name: str) -> str:
    return (CASES / name / "expected.txt").read_text(encoding="utf-8")


def codes(run: Run) -> list[tuple[str, str, int, int]]:
    """(code, severity, line, column) of every finding of a `--format json` run but PG501 (no
    attestation), which no case but its own has a reason to look at."""
    [result] = json.loads(run.out)["files"]
    return [
        (f["code"], f["severity"], f["line"], f["column"])
        for f in result["findings"]
        if f["code"] != "PG501"
    ]


def pyproject(folder: Path, body: str) -> None:
    (folder / "pyproject.toml").write_text(f"[tool.paiguard]\n{body}\n", encoding="utf-8")


# --strict, --fail-on, --exit-zero, --quiet


def test_strict_raises_pg103_to_error() -> None:
    run = check(CASES / "PG103-recommended-not-met", "--strict")
    assert run.code == 1
    assert run.out == expected("PG103-recommended-not-met").replace(
        "PG103 warning", "PG103 error"
    ).replace("0 errors, 1 warning", "1 error, 0 warnings")


def test_without_strict_pg103_passes() -> None:
    assert check(CASES / "PG103-recommended-not-met").code == 0


def test_fail_on_warning_fails_on_a_warning() -> None:
    run = check(CASES / "PG103-recommended-not-met", "--fail-on", "warning")
    assert (run.code, run.out) == (1, expected("PG103-recommended-not-met"))


def test_fail_on_warning_passes_info_only() -> None:
    assert check(CASES / "PG402-ok-waiver-covers-gap", "--fail-on", "warning").code == 0


def test_exit_zero_reports_errors_but_exits_0() -> None:
    run = check(CASES / "PG102-baseline-planned", "--exit-zero")
    assert (run.code, run.out) == (0, expected("PG102-baseline-planned"))


def test_quiet_prints_only_failing_findings() -> None:
    run = check(CASES / "PG401-waiver-expired", "--quiet")
    assert run.code == 1
    assert run.out == (
        "paiguard.yaml:12:13: PG102 error baseline practice red-teaming.b2 is planned, not met: "
        "Act on what red-teaming finds.\n"
        "paiguard.yaml:28:34: PG401 error waiver for red-teaming.b2 expired on 2026-10-31\n"
    )


def test_quiet_hides_warnings_below_the_fail_level() -> None:
    run = check(CASES / "PG103-recommended-not-met", "--quiet")
    assert (run.code, run.out) == (0, "")
    run = check(CASES / "PG103-recommended-not-met", "--quiet", "--fail-on", "warning")
    assert run.code == 1
    [pg103] = [
        line for line in expected("PG103-recommended-not-met").splitlines() if "PG103" in line
    ]
    assert run.out.splitlines() == [pg103]


# waivers and dates


def test_no_waivers_turns_a_waived_gap_back_into_an_error() -> None:
    folder = CASES / "PG402-ok-waiver-covers-gap"
    assert codes(check(folder, "--format", "json")) == [("PG102", "info", 12, 13)]
    run = check(folder, "--format", "json", "--no-waivers")
    assert run.code == 1
    assert codes(run) == [("PG102", "error", 12, 13)]


def test_today_decides_whether_a_waiver_is_in_force() -> None:
    folder = CASES / "PG401-ok-waiver-expires-today"
    run = check(folder, "--format", "json", today="2026-11-26")
    assert (run.code, codes(run)) == (0, [("PG102", "info", 12, 13)])
    run = check(folder, "--format", "json", today="2026-11-27")
    assert run.code == 1
    assert codes(run) == [("PG102", "error", 12, 13), ("PG401", "error", 28, 34)]


def test_today_must_be_a_date() -> None:
    run = check(CASES / "PG102-baseline-planned", today="26/11/2026")
    assert (run.code, run.out) == (2, "")
    assert run.err == "paiguard: error: --today: expected YYYY-MM-DD, got '26/11/2026'\n"


GRACE_PACK = """\
pack: grace
version: 1.0.0
title: Grace period pack
source: {publisher: paiguard tests, document: grace periods}
applies_to: {model_type: frontier, release_type: restricted-api}
stages:
  - id: post-deployment
    title: Post-Deployment
    guidelines:
      - id: monitoring
        title: Monitor
        summary: Monitor the model.
        practices:
          - {id: monitoring.b1, level: baseline, text: Monitor for misuse.}
          - id: monitoring.b2
            level: baseline
            text: Report incidents.
            effective_from: 2027-01-01
"""
GRACE_DECLARATION = """\
paiguard: 1
pack: grace@1
provider: {name: Example Labs}
model: {name: Nimbus, version: "2.1", model_type: frontier, release_type: restricted-api}
practices:
  monitoring.b1: {status: implemented, evidence: [{url: "https://example.org/monitoring"}]}
"""


@pytest.mark.parametrize(
    ("today", "exit_code", "severity", "message"),
    [
        (
            "2026-12-31",
            0,
            "info",
            "baseline practice monitoring.b2 is not declared: Report incidents. "
            "(grace period: required from 2027-01-01)",
        ),
        (
            "2027-01-01",
            1,
            "error",
            "baseline practice monitoring.b2 is not declared: Report incidents.",
        ),
    ],
)
def test_grace_period_of_a_new_practice(
    tmp_path: Path, today: str, exit_code: int, severity: str, message: str
) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "grace.yaml").write_text(GRACE_PACK, encoding="utf-8")
    (tmp_path / "paiguard.yaml").write_text(GRACE_DECLARATION, encoding="utf-8")
    run = run_paiguard(
        "check", "paiguard.yaml", "--today", today, "--pack-path", "packs", "--format", "json",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.code == exit_code
    [finding] = [f for f in json.loads(run.out)["files"][0]["findings"] if f["code"] != "PG501"]
    assert (finding["code"], finding["severity"], finding["line"], finding["column"]) == (
        "PG101",
        severity,
        5,
        1,
    )
    assert finding["message"] == message


# evidence pins


def test_sha256_pin_matches_until_the_file_changes(tmp_path: Path) -> None:
    folder = case("PG205-ok-pin-matches", tmp_path)
    assert check(folder).code == 0
    report = folder / "docs" / "red-team-2026q3.md"
    report.write_text(report.read_text(encoding="utf-8") + "Addendum.\n", encoding="utf-8")
    run = check(folder, "--format", "json")
    assert run.code == 1
    assert codes(run) == [("PG205", "error", 11, 17)]


def test_sha256_pin_on_a_folder(tmp_path: Path) -> None:
    folder = case("PG205-ok-pin-matches", tmp_path)
    report = folder / "docs" / "red-team-2026q3.md"
    report.unlink()
    report.mkdir()
    run = check(folder, "--format", "json")
    assert codes(run) == [("PG205", "error", 11, 17)]
    [pin] = [f for f in json.loads(run.out)["files"][0]["findings"] if f["code"] == "PG205"]
    assert "is not a regular file" in pin["message"]


# --output


def test_output_writes_the_report_to_a_file(tmp_path: Path) -> None:
    folder = case("PG102-baseline-planned", tmp_path)
    run = check(folder, "--output", "report.txt")
    assert (run.code, run.out, run.err) == (1, "", "")
    assert (folder / "report.txt").read_text(encoding="utf-8") == expected("PG102-baseline-planned")


def test_output_never_overwrites_without_force(tmp_path: Path) -> None:
    folder = case("PG102-baseline-planned", tmp_path)
    (folder / "report.json").write_text("mine\n", encoding="utf-8")
    run = check(folder, "--format", "json", "--output", "report.json")
    assert run.code == 2
    assert run.err.startswith("paiguard: error: report.json: ")
    assert "--force" in run.err
    assert len(run.err.splitlines()) == 1
    assert (folder / "report.json").read_text(encoding="utf-8") == "mine\n"
    run = check(folder, "--format", "json", "--output", "report.json", "--force")
    assert run.code == 1
    assert json.loads((folder / "report.json").read_text(encoding="utf-8"))["files"][0]["path"] == (
        "paiguard.yaml"
    )


# config


def test_config_severity_overrides(tmp_path: Path) -> None:
    folder = case("PG301-review-stale", tmp_path)
    assert check(folder).code == 0
    pyproject(folder, 'severity = {PG301 = "error", PG103 = "off"}')
    run = check(folder, "--format", "json")
    assert (run.code, codes(run)) == (1, [("PG301", "error", 11, 15)])


def test_config_severity_off_removes_the_finding(tmp_path: Path) -> None:
    folder = case("PG101-ok-only-recommended-missing", tmp_path)
    assert codes(check(folder, "--format", "json")) == [("PG103", "warning", 7, 1)]
    pyproject(folder, 'severity = {PG301 = "error", PG103 = "off", PG501 = "off"}')
    run = check(folder)
    assert run.code == 0
    assert run.out.endswith("All checks passed: 1 file, no findings.\n")


@pytest.mark.parametrize("code", ["PG001", "PG002", "PG003", "PG010"])
def test_config_cannot_change_fixed_codes(tmp_path: Path, code: str) -> None:
    folder = case("PG102-baseline-planned", tmp_path)
    pyproject(folder, f'severity = {{{code} = "warning"}}')
    run = check(folder)
    assert (run.code, run.out) == (2, "")
    config = folder / "pyproject.toml"
    assert run.err == f"paiguard: error: {config}: severity: {code} cannot be changed\n"


def test_config_unknown_code(tmp_path: Path) -> None:
    folder = case("PG102-baseline-planned", tmp_path)
    pyproject(folder, 'severity = {PG1O3 = "off"}')
    run = check(folder)
    assert run.code == 2
    config = folder / "pyproject.toml"
    assert run.err == (
        f"paiguard: error: {config}: severity: unknown code PG1O3; did you mean PG103?\n"
    )


def test_config_unknown_key_with_did_you_mean(tmp_path: Path) -> None:
    folder = case("PG102-baseline-planned", tmp_path)
    pyproject(folder, "review_age = 30")
    run = check(folder)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"paiguard: error: {folder / 'pyproject.toml'}: [tool.paiguard]: unknown key 'review_age'; "
        "did you mean 'review_age_days'?\n"
    )


def test_config_review_age_days(tmp_path: Path) -> None:
    folder = case("PG302-ok-reviewed-on-update-day", tmp_path)  # reviewed 08-01, 08-20, 09-01
    assert check(folder).code == 0
    pyproject(folder, "review_age_days = 90")
    run = check(folder, "--format", "json")
    assert codes(run) == [("PG301", "warning", 15, 15), ("PG301", "warning", 20, 15)]
    assert "117 days ago (review age: 90 days)" in run.out
    assert "98 days ago (review age: 90 days)" in run.out


@pytest.mark.parametrize(("body", "exit_code"), [('fail_on = "warning"', 1), ("strict = true", 1)])
def test_config_fail_on_and_strict(tmp_path: Path, body: str, exit_code: int) -> None:
    folder = case("PG103-recommended-not-met", tmp_path)
    pyproject(folder, body)
    assert check(folder).code == exit_code


def test_command_line_wins_over_config(tmp_path: Path) -> None:
    folder = case("PG103-recommended-not-met", tmp_path)
    pyproject(folder, 'fail_on = "warning"\nstrict = true')
    assert codes(check(folder, "--format", "json"))[0][:2] == ("PG103", "error")
    run = check(folder, "--no-strict", "--fail-on", "error", "--format", "json")
    assert (run.code, codes(run)[0][:2]) == (0, ("PG103", "warning"))


def test_config_file_option_and_dot_paiguard_toml(tmp_path: Path) -> None:
    folder = case("PG301-review-stale", tmp_path)
    (tmp_path / "strict.toml").write_text('severity = {PG301 = "error"}\n', encoding="utf-8")
    assert check(folder, "--config", "../strict.toml").code == 1
    (folder / ".paiguard.toml").write_text('severity = {PG301 = "error"}\n', encoding="utf-8")
    assert check(folder).code == 1


def test_config_found_walking_up(tmp_path: Path) -> None:
    folder = case("PG301-review-stale", tmp_path)
    pyproject(tmp_path, 'severity = {PG301 = "error"}')
    assert check(folder).code == 1


def test_config_pack_path_is_relative_to_the_config(tmp_path: Path) -> None:
    folder = case("PG102-ok-not-applicable-justified", tmp_path)
    shutil.copytree(PACKS, tmp_path / "packs")
    pyproject(tmp_path, 'pack_path = ["packs"]')
    run = run_paiguard("check", "paiguard.yaml", "--today", TODAY, cwd=folder)
    assert (run.code, run.out) == (0, expected("PG102-ok-not-applicable-justified"))


# which files are checked


def _tree(tmp_path: Path) -> Path:
    shutil.copy(CASES / "PG103-recommended-not-met" / "paiguard.yaml", tmp_path / "paiguard.yaml")
    (tmp_path / "models").mkdir()
    shutil.copy(
        CASES / "PG301-review-stale" / "paiguard.yaml", tmp_path / "models" / "nimbus.paiguard.yml"
    )
    (tmp_path / "models" / "notes.yaml").write_text("not: a declaration\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "paiguard.yaml").write_text("{{{\n", encoding="utf-8")
    return tmp_path


def _finding_lines(run: Run) -> list[str]:
    """The finding lines of a text run, but PG501 (no attestation), which every case has."""
    return [line for line in run.out.splitlines() if ": PG" in line and ": PG501 " not in line]


def test_default_discovery_shows_paths_relative(tmp_path: Path) -> None:
    run = run_paiguard("check", "--today", TODAY, "--pack-path", str(PACKS), cwd=_tree(tmp_path))
    assert run.code == 0
    first = expected("PG103-recommended-not-met")
    second = expected("PG301-review-stale").replace("paiguard.yaml", "models/nimbus.paiguard.yml")
    assert run.out == (
        first.replace("Found 0 errors, 1 warning, 1 info in 1 file.\n", "")
        + second.replace("1 warning, 1 info in 1 file", "2 warnings, 2 info in 2 files")
    )


def test_folder_argument(tmp_path: Path) -> None:
    run = run_paiguard(
        "check", "models", "--today", TODAY, "--pack-path", str(PACKS), cwd=_tree(tmp_path)
    )
    assert _finding_lines(run) == [
        "models/nimbus.paiguard.yml:11:15: PG301 warning red-teaming.b1 was last reviewed "
        "2025-11-20, 371 days ago (review age: 365 days)"
    ]


def test_include_and_exclude_in_config(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    pyproject(folder, 'exclude = ["models/*"]')
    run = run_paiguard("check", "--today", TODAY, "--pack-path", str(PACKS), cwd=folder)
    assert [line.split(":")[0] for line in _finding_lines(run)] == ["paiguard.yaml"]


# no silent green (SPEC §4)


def test_no_declarations_found_is_exit_2(tmp_path: Path) -> None:
    run = run_paiguard("check", "--today", TODAY, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (
        2,
        "",
        "paiguard: error: no declarations found under .\n",
    )


def test_no_declarations_under_the_folders_given_names_them(tmp_path: Path) -> None:
    for name in ("docs", "models"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "notes.yaml").write_text("paiguard: 1\n", encoding="utf-8")
    run = run_paiguard("check", "docs", "models/", "--today", TODAY, cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == "paiguard: error: no declarations found under docs, models\n"


def test_allow_empty_passes_with_a_note(tmp_path: Path) -> None:
    run = run_paiguard("check", "--allow-empty", "--today", TODAY, cwd=tmp_path)
    assert (run.code, run.out, run.err) == (
        0,
        "\nAll checks passed: 0 files, no findings.\n",
        "paiguard: note: no declarations found under .\n",
    )
    run = run_paiguard("check", "--allow-empty", "-f", "json", "--today", TODAY, cwd=tmp_path)
    assert (run.code, json.loads(run.out)["files"]) == (0, [])


def test_declarations_that_config_excludes_are_not_found(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    pyproject(folder, 'exclude = ["*.yaml", "*.yml"]')
    run = run_paiguard("check", "--today", TODAY, "--pack-path", str(PACKS), cwd=folder)
    assert (run.code, run.out) == (2, "")
    assert run.err == "paiguard: error: no declarations found under .\n"


def test_a_named_file_that_config_excludes_is_skipped_with_a_note(tmp_path: Path) -> None:
    """The pre-commit hook names every changed declaration: an excluded one must not fail it."""
    folder = _tree(tmp_path)
    pyproject(folder, 'exclude = ["models/*"]')
    broken = folder / "models" / "broken.paiguard.yaml"
    broken.write_text("{{{\n", encoding="utf-8")
    run = run_paiguard("check", "models/broken.paiguard.yaml", "--today", TODAY, cwd=folder)
    assert (run.code, run.out) == (0, "\nAll checks passed: 0 files, no findings.\n")
    assert run.err == (
        "paiguard: note: models/broken.paiguard.yaml: not checked: excluded by pyproject.toml\n"
    )
    run = run_paiguard(
        "check", "models/broken.paiguard.yaml", "paiguard.yaml", "--today", TODAY,
        "--pack-path", str(PACKS), "--format", "json", cwd=folder,
    )  # fmt: skip
    assert run.code == 0
    assert [f["path"] for f in json.loads(run.out)["files"]] == ["paiguard.yaml"]
    assert run.err.startswith("paiguard: note: models/broken.paiguard.yaml: not checked: ")


def test_a_named_file_not_excluded_is_checked_whatever_its_name(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    pyproject(folder, 'exclude = ["models/*.paiguard.yml"]')
    run = run_paiguard("check", "models/notes.yaml", "--today", TODAY, cwd=folder)
    assert run.code == 1
    assert _finding_lines(run)[0].startswith("models/notes.yaml:1:1: PG002 error ")


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    run = run_paiguard("check", "missing.paiguard.yaml", "--today", TODAY, cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == "paiguard: error: missing.paiguard.yaml: path does not exist\n"


def test_a_pack_path_that_does_not_exist() -> None:
    run = run_paiguard(
        "check", "paiguard.yaml", "--pack-path", "nowhere", cwd=CASES / "PG102-baseline-planned"
    )
    assert (run.code, run.out) == (2, "")
    assert run.err == "paiguard: error: nowhere: pack folder does not exist\n"


def test_bad_files_do_not_stop_the_run(tmp_path: Path) -> None:
    shutil.copy(CASES / "PG001-syntax-error" / "paiguard.yaml", tmp_path / "a.paiguard.yaml")
    shutil.copy(CASES / "PG102-baseline-planned" / "paiguard.yaml", tmp_path / "b.paiguard.yaml")
    run = run_paiguard("check", "--today", TODAY, "--pack-path", str(PACKS), cwd=tmp_path)
    assert run.code == 1
    assert [line.split(" ")[:2] for line in _finding_lines(run)] == [
        ["a.paiguard.yaml:5:6:", "PG001"],
        ["b.paiguard.yaml:12:13:", "PG102"],
    ]
