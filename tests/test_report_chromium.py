"""The HTML reports in a real browser: headless Chromium (`chromium` on Debian; CI installs it,
see `.ci/run`) opens each kind of HTML report from a file and

- makes no request for it: its net log holds no request made for the page (Chromium's own
  background requests, which no page makes, are told apart by their initiator);
- prints it to PDF: a PDF of several pages (each stage starts a page);
- screenshots it: a PNG of the window's size.

A harness that could not see a request would pass anything, so the same run on a page that
loads a stylesheet and an image must find both. Without Chromium the test skips on a user's
machine and fails in CI (`PAIGUARD_REQUIRE_TOOLS=1`, see `conftest.missing_tool`), saying how
to install it.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, TODAY, load_script, missing_tool, run_paiguard

SCRIPT = load_script(REPO / "scripts" / "screenshot_report.py")
REPORTS = {
    "gap": ("examples/halfway/paiguard.yaml", "--kind", "gap"),
    "conformance": ("examples/halfway/paiguard.yaml", "--kind", "conformance"),
    "crosswalk": ("examples/halfway/paiguard.yaml", "--crosswalk", "nist-ai-600-1"),
    "portfolio": ("--portfolio", "examples"),
    "hostile-public": ("tests/reports/hostile/paiguard.yaml", "--audience", "public"),
}
# Chromium's own requests (updates, sign-in, network time) have no page as their initiator.
BROWSER_INITIATOR = "not an origin"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> str:
    try:
        return str(SCRIPT.chromium())
    except SCRIPT.ChromiumError as exc:
        missing_tool("Chromium", str(exc))


def html_report(tmp_path: Path, name: str) -> Path:
    run = run_paiguard("report", *REPORTS[name], "--format", "html", "--today", TODAY, cwd=REPO)
    assert (run.code, run.err) == (0, ""), run.err
    page = tmp_path / f"{name}.html"
    page.write_text(run.out, encoding="utf-8")
    return page


def page_requests(net_log: Path) -> list[str]:
    """The url of every request the net log shows a page making (not Chromium itself)."""
    log: dict[str, Any] = json.loads(net_log.read_text("utf-8"))
    constants = log["constants"]
    names = {number: name for name, number in constants["logEventTypes"].items()}
    begin = constants["logEventPhase"]["PHASE_BEGIN"]
    started = [
        event.get("params") or {}
        for event in log["events"]
        if names.get(event["type"]) == "URL_REQUEST_START_JOB" and event.get("phase") == begin
    ]
    assert all("url" in params for params in started)
    return [p["url"] for p in started if p.get("initiator") != BROWSER_INITIATOR]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("name", REPORTS)
def test_a_report_prints_to_pdf_without_a_request(browser: str, tmp_path: Path, name: str) -> None:
    page = html_report(tmp_path, name)
    pdf, net_log = tmp_path / "report.pdf", tmp_path / "net.json"
    SCRIPT.run(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", net_log=net_log)
    assert page_requests(net_log) == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert pdf_pages(data) >= 1, name


@pytest.mark.parametrize("name", REPORTS)
def test_a_report_screenshots_without_a_request(browser: str, tmp_path: Path, name: str) -> None:
    page = html_report(tmp_path, name)
    png, net_log = tmp_path / "report.png", tmp_path / "net.json"
    SCRIPT.run(page, "--window-size=800,600", f"--screenshot={png}", net_log=net_log)
    assert page_requests(net_log) == []
    assert png_size(png.read_bytes()) == (800, 600)


def test_each_stage_of_a_gap_report_starts_a_page(browser: str, tmp_path: Path) -> None:
    page = html_report(tmp_path, "gap")
    pdf = tmp_path / "report.pdf"
    SCRIPT.run(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    stages = page.read_text("utf-8").count('<section class="stage"')
    assert stages == 4
    assert pdf_pages(pdf.read_bytes()) > stages  # the header and summary, then a page a stage


def test_the_harness_sees_a_page_that_loads_something(browser: str, tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:9/s.css">'
        '</head><body><img src="http://127.0.0.1:9/i.png"><p>x</p></body></html>',
        encoding="utf-8",
    )
    net_log = tmp_path / "net.json"
    SCRIPT.run(
        leaky, "--window-size=400,300", f"--screenshot={tmp_path / 'x.png'}", net_log=net_log
    )
    assert sorted(page_requests(net_log)) == [
        "http://127.0.0.1:9/i.png",
        "http://127.0.0.1:9/s.css",
    ]
