"""Screenshot an HTML report with headless Chromium: the picture of the report in the README.

    python scripts/screenshot_report.py                      # examples/halfway/report-gap.png
    python scripts/screenshot_report.py REPORT.html OUT.png  # any report

Chromium runs with no profile of its own, no network of its own (no background requests, no
component or extension updates, no sync) and no sandbox (it runs in containers); the tests
drive it with the same flags (`tests/test_report_chromium.py`). Debian: `apt-get install
chromium`. Pixels depend on the fonts installed, so the PNG is made here, not compared byte
for byte by a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORT = REPO / "examples" / "halfway" / "report-gap.html"
PICTURE = REPO / "examples" / "halfway" / "report-gap.png"
WIDTH, HEIGHT = 1280, 1600  # the window, and so the picture: the header, contents and chart
# Chromium's own names on Debian, Ubuntu and elsewhere; PAIGUARD_CHROMIUM names another.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
TIMEOUT = 120  # seconds for one run of Chromium


class ChromiumError(Exception):
    """Chromium is missing or did not do what it was asked."""


def chromium() -> str:
    """The Chromium program to run."""
    named = os.environ.get("PAIGUARD_CHROMIUM")
    candidates = [named] if named else list(NAMES)
    found = [p for p in (shutil.which(n) for n in candidates) if p]
    if not found:
        raise ChromiumError(
            "no Chromium found (tried " + ", ".join(candidates) + "); on Debian: apt-get install "
            "chromium, or set PAIGUARD_CHROMIUM to its path"
        )
    return found[0]


def run(page: Path, *args: str, net_log: Path | None = None) -> None:
    """Open `page` (a file) in headless Chromium with `args` (what to make of it), in a fresh
    profile; `net_log` records every request Chromium makes."""
    with tempfile.TemporaryDirectory(prefix="paiguard-chromium-") as profile:
        command = [
            chromium(),
            *FLAGS,
            f"--user-data-dir={profile}",
            *([f"--log-net-log={net_log}"] if net_log is not None else []),
            *args,
            page.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise ChromiumError(f"chromium exited {done.returncode}: {done.stderr.strip()[-400:]}")


def screenshot(page: Path, picture: Path, width: int = WIDTH, height: int = HEIGHT) -> None:
    """A PNG of the top of `page` as a window `width` x `height` shows it."""
    run(page, f"--window-size={width},{height}", f"--screenshot={picture.resolve()}")
    if not picture.is_file():
        raise ChromiumError(f"chromium wrote no screenshot to {picture}")


def main(argv: Sequence[str] | None = None) -> int:
    """Write the screenshot; an exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=REPORT, help="an HTML report")
    parser.add_argument("picture", nargs="?", type=Path, default=PICTURE, help="the PNG to write")
    args = parser.parse_args(argv)
    try:
        screenshot(args.report, args.picture)
    except (ChromiumError, subprocess.TimeoutExpired) as exc:
        print(f"screenshot_report: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.picture}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
