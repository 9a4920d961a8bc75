"""The wheel works on its own: built from this checkout, installed in a fresh venv, run elsewhere.

This is what a user gets from installing the built wheel: the shipped pack must come from inside the
wheel (not from the checkout's `guidance/`), and the dependencies must be declared, which is why the
venv is not created with `--system-site-packages`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, TODAY
from paiguard import __version__

PACK_IN_WHEEL = "paiguard/guidance/pai-frontier-restricted-api.yaml"


def _run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the venv's bin folder) after building and installing the checkout."""
    tmp = tmp_path_factory.mktemp("packaging")
    dist = tmp / "dist"
    _ok(_run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, REPO], tmp))
    (wheel,) = dist.glob("paiguard-*.whl")
    _ok(_run([sys.executable, "-m", "venv", tmp / "venv"], tmp))
    bin_dir = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    _ok(_run([bin_dir / "python", "-m", "pip", "install", "-q", wheel], tmp))
    return wheel, bin_dir


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the checkout, holding copies of the two examples."""
    for name in ("halfway", "conforming"):
        shutil.copytree(REPO / "examples" / name, tmp_path / name)
    assert not tmp_path.resolve().is_relative_to(REPO)
    return tmp_path


@pytest.mark.slow
def test_wheel_ships_the_pack(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert PACK_IN_WHEEL in names
        shipped = archive.read(PACK_IN_WHEEL)
        source = archive.read("paiguard/guidance/sources/pai-frontier-restricted-api.txt")
    assert shipped == (REPO / "guidance" / "pai-frontier-restricted-api.yaml").read_bytes()
    # the published text travels with the pack; the installed tool lists it as no pack
    # (test_packs_lists_the_shipped_pack)
    assert (
        source == (REPO / "guidance" / "sources" / "pai-frontier-restricted-api.txt").read_bytes()
    )


@pytest.mark.slow
def test_installed_package_is_the_wheel_not_the_checkout(
    installed: tuple[Path, Path], outside: Path
) -> None:
    _, bin_dir = installed
    code = "import paiguard, paiguard.resources; print(paiguard.__file__)"
    where = Path(_ok(_run([bin_dir / "python", "-c", code], outside)).stdout.strip())
    assert where.resolve().is_relative_to(bin_dir.parent.resolve())


@pytest.mark.slow
def test_packs_lists_the_shipped_pack(installed: tuple[Path, Path], outside: Path) -> None:
    _, bin_dir = installed
    result = _ok(_run([bin_dir / "paiguard", "packs"], outside))
    assert result.stdout == (
        "pai-frontier-restricted-api@1    1.1.0    frontier x restricted-api    "
        "22 guidelines, 74 baseline, 45 recommended practices\n"
    )
    assert result.stderr == ""


@pytest.mark.slow
def test_the_crosswalks_ship_in_the_wheel_and_work_outside_the_checkout(
    installed: tuple[Path, Path], outside: Path
) -> None:
    wheel, bin_dir = installed
    with zipfile.ZipFile(wheel) as archive:
        shipped = sorted(n for n in archive.namelist() if n.startswith("paiguard/guidance/cross"))
    assert [name.rsplit("/", 1)[1] for name in shipped] == sorted(
        p.name for p in (REPO / "guidance" / "crosswalks").iterdir()
    )
    listed = _ok(_run([bin_dir / "paiguard", "crosswalks"], outside))
    assert [line.split()[:4] for line in listed.stdout.splitlines()] == [
        ["pack", "framework", "inherited", "from"],
        ["pai-frontier-restricted-api@1", "fmti-2025", "-", "28/119"],
        ["pai-frontier-restricted-api@1", "nist-ai-600-1", "-", "94/119"],
    ]
    explained = _ok(_run([bin_dir / "paiguard", "explain", "GV-1.7-002"], outside))
    assert explained.stdout.startswith("nist600:GV-1.7-002 (action of nist-ai-600-1, ")
    args = ["report", "conforming/paiguard.yaml", "--crosswalk", "fmti-2025", "--today", TODAY]
    reported = _ok(_run([bin_dir / "paiguard", *args], outside))
    assert "| **Total** | **100** |" in reported.stdout


@pytest.mark.slow
def test_check_halfway_example_fails_with_findings(
    installed: tuple[Path, Path], outside: Path
) -> None:
    _, bin_dir = installed
    result = _run([bin_dir / "paiguard", "check", "halfway", "--today", TODAY], outside)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert (
        "halfway/paiguard.yaml:81:15: PG301 warning upstream-security.b1 was last reviewed "
        "2025-09-30, 422 days ago (review age: 365 days)"
    ) in lines
    assert lines[-1] == "Found 44 errors, 47 warnings, 1 info in 1 file."


@pytest.mark.slow
def test_check_conforming_example_passes(installed: tuple[Path, Path], outside: Path) -> None:
    _, bin_dir = installed
    result = _run([bin_dir / "paiguard", "check", "conforming", "--today", TODAY], outside)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == "Found 0 errors, 2 warnings, 0 info in 1 file."


@pytest.mark.slow
def test_python_dash_m_version(installed: tuple[Path, Path], outside: Path) -> None:
    _, bin_dir = installed
    result = _ok(_run([bin_dir / "python", "-m", "paiguard", "--version"], outside))
    assert (result.stdout, result.stderr) == (f"paiguard {__version__}\n", "")
