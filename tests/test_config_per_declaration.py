"""Each declaration is checked with the configuration nearest above its own folder (SPEC §7 ed. 2),
wherever paiguard runs: the same findings per file, and the worst exit code over the files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, Run, run_paiguard

CASES = Path(__file__).parent / "cases"
PACK = CASES / "_packs" / "mini-frontier-api.yaml"
BROKEN = "{{{\n"  # a PG001 wherever it is checked


def make_tree(root: Path) -> Path:
    """Two projects side by side, each with its own .paiguard.toml:

    alpha/  fail_on warning, its packs in alpha/packs, drafts/ excluded; its declaration has
            one PG103 warning, so it fails under its own config;
    beta/   fail_on error, its packs in ../vendor/packs (relative to the config), *.draft
            files excluded; its declaration has one PG301 warning, so it passes.
    """
    tree = root / "tree"
    alpha, beta = tree / "alpha", tree / "beta"
    for folder in (alpha / "packs", alpha / "drafts", beta, tree / "vendor" / "packs"):
        folder.mkdir(parents=True)
    shutil.copy(PACK, alpha / "packs")
    shutil.copy(PACK, tree / "vendor" / "packs")
    (alpha / ".paiguard.toml").write_text(
        'fail_on = "warning"\npack_path = ["packs"]\nexclude = ["drafts/*"]\n', encoding="utf-8"
    )
    (beta / ".paiguard.toml").write_text(
        'pack_path = ["../vendor/packs"]\nexclude = ["*.draft.paiguard.yaml"]\n', encoding="utf-8"
    )
    shutil.copy(CASES / "PG103-recommended-not-met" / "paiguard.yaml", alpha / "paiguard.yaml")
    shutil.copy(CASES / "PG301-review-stale" / "paiguard.yaml", beta / "nimbus.paiguard.yaml")
    (alpha / "drafts" / "paiguard.yaml").write_text(BROKEN, encoding="utf-8")
    (beta / "next.draft.paiguard.yaml").write_text(BROKEN, encoding="utf-8")
    return tree


def check(cwd: Path, *args: str) -> Run:
    return run_paiguard("check", *args, "--today", TODAY, "--format", "json", cwd=cwd)


def by_file(run: Run, cwd: Path) -> dict[str, list[tuple[str, str, int, int]]]:
    """Findings of a JSON run by the file's absolute path (but PG501: no attestation)."""
    return {
        str((cwd / result["path"]).resolve()): [
            (f["code"], f["severity"], f["line"], f["column"])
            for f in result["findings"]
            if f["code"] != "PG501"
        ]
        for result in json.loads(run.out)["files"]
    }


def expected(tree: Path) -> dict[str, list[tuple[str, str, int, int]]]:
    return {
        str(tree / "alpha" / "paiguard.yaml"): [("PG103", "warning", 17, 13)],
        str(tree / "beta" / "nimbus.paiguard.yaml"): [("PG301", "warning", 11, 15)],
    }


def test_the_same_findings_and_exit_code_from_the_root_a_subfolder_and_outside(
    tmp_path: Path,
) -> None:
    tree = make_tree(tmp_path).resolve()
    runs = {
        "root": (tree, check(tree)),
        "subfolder": (tree / "alpha", check(tree / "alpha", ".", "../beta")),
        "outside": (tmp_path, check(tmp_path, "tree")),
        "named files": (
            tree / "beta",
            check(tree / "beta", "../alpha/paiguard.yaml", "nimbus.paiguard.yaml"),
        ),
    }
    for where, (cwd, run) in runs.items():
        assert (run.code, run.err) == (1, ""), where  # alpha's fail_on = "warning" fails it
        assert by_file(run, cwd) == expected(tree), where


def test_each_file_is_judged_by_its_own_fail_on(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    assert check(tree, "beta").code == 0  # a warning, and beta fails on errors only
    assert check(tree / "beta").code == 0
    assert check(tree, "alpha").code == 1  # the same kind of warning fails alpha
    text = run_paiguard("check", "--today", TODAY, "--quiet", cwd=tree)
    assert text.code == 1  # --quiet keeps what fails each file: alpha's warning, not beta's
    assert text.out == (
        "alpha/paiguard.yaml:17:13: PG103 warning recommended practice red-teaming.r1 is "
        "partial, not met: Invite external red-teamers.\n"
    )


def test_command_line_options_win_over_every_config(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    run = check(tree, "--fail-on", "error")
    assert (run.code, by_file(run, tree)) == (0, expected(tree.resolve()))
    run = check(tree, "--fail-on", "warning", "beta")
    assert run.code == 1
    run = check(tree, "--strict")
    assert by_file(run, tree)[str((tree / "alpha" / "paiguard.yaml").resolve())] == [
        ("PG103", "error", 17, 13)
    ]


def test_config_option_applies_one_file_to_every_declaration(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    (tmp_path / "release.toml").write_text(
        'pack_path = ["tree/vendor/packs"]\nseverity = {PG103 = "off", PG301 = "error"}\n',
        encoding="utf-8",
    )
    run = check(tree, "--config", "../release.toml")
    assert (run.code, run.err) == (1, "")
    # neither folder's exclude applies: the drafts are checked too (and are broken)
    assert by_file(run, tree) == {
        str((tree / "alpha" / "drafts" / "paiguard.yaml").resolve()): [("PG001", "error", 1, 2)],
        str((tree / "alpha" / "paiguard.yaml").resolve()): [],
        str((tree / "beta" / "next.draft.paiguard.yaml").resolve()): [("PG001", "error", 1, 2)],
        str((tree / "beta" / "nimbus.paiguard.yaml").resolve()): [("PG301", "error", 11, 15)],
    }
    # the --config file has no pack_path of its own: the folders' pack_path is not used either
    (tmp_path / "plain.toml").write_text('exclude = ["*draft*"]\n', encoding="utf-8")
    run = check(tree, "alpha/paiguard.yaml", "beta", "--config", str(tmp_path / "plain.toml"))
    assert [codes[0][0] for codes in by_file(run, tree).values()] == ["PG010", "PG010"]


def test_a_subfolder_config_decides_include_below_it_relative_to_its_folder(
    tmp_path: Path,
) -> None:
    tree = make_tree(tmp_path)
    compliance = tree / "beta" / "compliance"
    compliance.mkdir()
    shutil.copy(tree / "beta" / "nimbus.paiguard.yaml", compliance / "cirrus.yaml")
    shutil.copy(tree / "beta" / "nimbus.paiguard.yaml", tree / "alpha" / "cirrus.yaml")
    config = tree / "beta" / ".paiguard.toml"
    config.write_text(config.read_text("utf-8") + 'include = ["compliance/*.yaml"]\n', "utf-8")
    paths = [f["path"] for f in json.loads(check(tree).out)["files"]]
    assert paths == [
        "alpha/paiguard.yaml",
        "beta/nimbus.paiguard.yaml",
        "beta/compliance/cirrus.yaml",  # beta's include, matched from beta/
    ]
    # the same glob written from the root does not match: globs are relative to their config
    config.write_text(config.read_text("utf-8").replace("compliance/", "beta/compliance/"), "utf-8")
    assert [f["path"] for f in json.loads(check(tree).out)["files"]] == [
        "alpha/paiguard.yaml",
        "beta/nimbus.paiguard.yaml",
    ]


def test_a_named_file_excluded_by_its_own_folders_config(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    run = run_paiguard(
        "check", "beta/next.draft.paiguard.yaml", "alpha/drafts/paiguard.yaml", "--today", TODAY,
        cwd=tree,
    )  # fmt: skip
    assert (run.code, run.out) == (0, "\nAll checks passed: 0 files, no findings.\n")
    assert run.err == (
        "paiguard: note: beta/next.draft.paiguard.yaml: not checked: excluded by "
        "beta/.paiguard.toml\n"
        "paiguard: note: alpha/drafts/paiguard.yaml: not checked: excluded by "
        "alpha/.paiguard.toml\n"
    )


def test_a_bad_config_below_the_root_is_exit_2_naming_it(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    (tree / "beta" / ".paiguard.toml").write_text('fail_on = "warnings"\n', encoding="utf-8")
    for cwd, args in ((tree, ()), (tree / "alpha", ("../beta",)), (tmp_path, ("tree",))):
        run = check(cwd, *args)
        assert (run.code, run.out) == (2, "")
        assert run.err.startswith(f"paiguard: error: {tree / 'beta' / '.paiguard.toml'}: ")
        assert len(run.err.splitlines()) == 1


def test_each_config_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import paiguard.config

    tree = make_tree(tmp_path)
    for name in "abcdef":
        folder = tree / "alpha" / name / "deeper"
        folder.mkdir(parents=True)
        shutil.copy(tree / "alpha" / "paiguard.yaml", folder / "paiguard.yaml")
    (tree / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    reads: list[Path] = []
    real = paiguard.config._read

    def counting(path: Path) -> dict[str, object]:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(paiguard.config, "_read", counting)
    run = check(tree, ".", "alpha/a/deeper/paiguard.yaml", "beta/nimbus.paiguard.yaml")
    assert len(json.loads(run.out)["files"]) == 8
    assert sorted(reads) == [
        tree / "alpha" / ".paiguard.toml",
        tree / "beta" / ".paiguard.toml",
        tree / "pyproject.toml",  # read once, passed over (no [tool.paiguard])
    ]


def test_files_under_several_configs_print_the_same_bytes_on_two_cores(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    for name, severity in (("alpha", 'PG103 = "error"'), ("beta", 'PG301 = "info"')):
        config = tree / name / ".paiguard.toml"
        config.write_text(config.read_text("utf-8") + f"severity = {{{severity}}}\n", "utf-8")
    for fmt in ("text", "json"):
        serial = run_paiguard("check", "-f", fmt, "-j", "1", "--today", TODAY, cwd=tree)
        pooled = run_paiguard("check", "-f", fmt, "-j", "2", "--today", TODAY, cwd=tree)
        assert (pooled.code, pooled.err, pooled.out) == (serial.code, serial.err, serial.out)
        assert serial.code == 1
    assert by_file(pooled, tree) == {  # each file with its own settings, in the pool too
        str((tree / "alpha" / "paiguard.yaml").resolve()): [("PG103", "error", 17, 13)],
        str((tree / "beta" / "nimbus.paiguard.yaml").resolve()): [("PG301", "info", 11, 15)],
    }


def test_report_uses_each_declarations_config(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    run = run_paiguard("report", "--portfolio", "--today", TODAY, cwd=tree)
    assert run.code == 0
    assert "- **Verdict:** 1 of 2 declarations pass `paiguard check`.\n" in run.out
    rows = [line for line in run.out.splitlines() if line.startswith("| alpha/", 0)]
    assert rows and "mini 1.2.0" in rows[0]
    single = run_paiguard("report", "tree/beta", "--today", TODAY, cwd=tmp_path)
    assert single.code == 0
    assert "- **Verdict:** passes `paiguard check`: 0 errors, 1 warning;" in single.out


def test_report_portfolio_of_an_empty_folder_is_exit_2(tmp_path: Path) -> None:
    run = run_paiguard("report", "--portfolio", "--today", TODAY, cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err == "paiguard: error: no declarations found under .\n"
    (tmp_path / "empty").mkdir()
    run = run_paiguard("report", "--portfolio", "empty", "--today", TODAY, cwd=tmp_path)
    assert (run.code, run.err) == (2, "paiguard: error: no declarations found under empty\n")
    run = run_paiguard("report", "empty", "--today", TODAY, cwd=tmp_path)
    assert (run.code, run.err) == (2, "paiguard: error: no declarations found under empty\n")
