"""`paiguard diff --since REF` (SPEC 4.1): per declaration, the tallies at REF and now and each
practice whose outcome changed, in text, Markdown (read back as GitHub renders it) and JSON,
byte for byte, in a real repository: a declaration that gained and lost ground and lost an
evidence file, one that could not be checked at REF, and one new since then."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from conftest import REPO
from git_helpers import Repo
from markdown_checks import assert_safe, tables
from ratchet_helpers import DAYS, declaration, paiguard

NOVEL = "{status: implemented, evidence: [{path: ../docs/novel.md}]}"

# What the `changed` repository gives (read by hand when they change: they are the contract)
EXPECTED = REPO / "tests" / "diff"
TEXT = (EXPECTED / "expected.txt").read_text(encoding="utf-8")
MARKDOWN = (EXPECTED / "expected.md").read_text(encoding="utf-8")
JSON = (EXPECTED / "expected.json").read_text(encoding="utf-8")


@pytest.fixture
def changed(repo: Repo) -> Repo:
    """At HEAD: a.paiguard.yaml lacks red-teaming.b1 and novel-risks.r1 and cites
    docs/novel.md; broken.paiguard.yaml is not YAML. In the work tree: a lacks
    external-evaluation.b1 instead of red-teaming.b1, docs/novel.md is deleted, broken is
    fixed and new.paiguard.yaml is added."""
    repo.write("docs/novel.md", "novel risks scan\n")
    repo.write(
        "models/a.paiguard.yaml",
        declaration("red-teaming.b1", "novel-risks.r1", lines={"novel-risks.b1": NOVEL}),
    )
    repo.write("models/broken.paiguard.yaml", "practices: [\n")
    repo.commit("base", DAYS[0])
    repo.write(
        "models/a.paiguard.yaml",
        declaration("external-evaluation.b1", "novel-risks.r1", lines={"novel-risks.b1": NOVEL}),
    )
    (repo.path / "docs" / "novel.md").unlink()
    repo.write("models/broken.paiguard.yaml", declaration())
    repo.write("models/new.paiguard.yaml", declaration("red-teaming.b1"))
    return repo


def test_text(changed: Repo) -> None:
    run = paiguard(changed, "diff", "--since", "HEAD")
    assert (run.code, run.err) == (0, "")  # not a gate: things got worse, still exit 0
    assert run.out == TEXT


def test_markdown_bytes_and_what_github_shows(changed: Repo) -> None:
    run = paiguard(changed, "diff", "--since", "HEAD", "--format", "markdown")
    assert (run.code, run.err) == (0, "")
    assert run.out == MARKDOWN
    assert_safe(run.out)
    assert [len(t.rows) for t in tables(run.out)] == [2, 3, 2, 2]
    shown = _GitHub(run.out)
    assert shown.links == []
    assert shown.headings == [
        "paiguard: what changed since HEAD",
        "models/a.paiguard.yaml",
        "models/broken.paiguard.yaml",
        "models/new.paiguard.yaml",
    ]
    assert [len(rows) for rows in shown.tables] == [3, 4, 3, 3]  # header rows included


def test_json_shape_and_summaries_as_check_prints_them(changed: Repo) -> None:
    run = paiguard(changed, "diff", "--since", "HEAD", "--format", "json")
    assert (run.code, run.err) == (0, "")
    assert run.out == JSON
    document = json.loads(run.out)
    assert list(document) == ["paiguard", "since", "files"]
    assert document["since"] == "HEAD"
    files = document["files"]
    assert [(f["path"], list(f)) for f in files] == [
        (f"models/{name}.paiguard.yaml", ["path", "before", "after", "changes"])
        for name in ("a", "broken", "new")
    ]
    assert files[0]["changes"] == [
        {"practice": "novel-risks.b1", "level": "baseline", "before": "met", "after": "unverified"},
        {
            "practice": "external-evaluation.b1",
            "level": "baseline",
            "before": "met",
            "after": "gap",
        },
        {"practice": "red-teaming.b1", "level": "baseline", "before": "gap", "after": "met"},
    ]
    assert files[1]["changes"] == files[2]["changes"] == []
    assert files[2]["before"] is None
    assert files[1]["before"]["errors"] == 1
    assert files[1]["before"]["baseline"]["total"] == 0
    # `after` is the file's summary exactly as `check --format json` prints it
    checked = json.loads(paiguard(changed, "check", "--format", "json").out)
    assert [f["after"] for f in files] == [f["summary"] for f in checked["files"]]
    # `before` is what checking the version at HEAD prints, with its evidence as HEAD held it
    changed.git("stash", "-u")
    at_head = json.loads(paiguard(changed, "check", "--format", "json").out)
    assert files[0]["before"] == at_head["files"][0]["summary"]
    assert files[0]["before"]["baseline"]["met"] == 73


def test_a_declaration_without_changes_says_so(repo: Repo) -> None:
    repo.write("paiguard.yaml", declaration("red-teaming.b1"))
    repo.commit("a gap", DAYS[0])
    repo.write("README.md", "unrelated\n")
    text = paiguard(repo, "diff", "--since", "HEAD")
    assert text.out == (
        "paiguard.yaml: since HEAD\n"
        "  baseline     met 73/74 -> 73/74, unverified 0 -> 0, waived 0 -> 0\n"
        "  recommended  met 45/45 -> 45/45, unverified 0 -> 0, waived 0 -> 0\n"
        "  no practice changed its outcome\n"
        "\n"
        "1 declaration compared with HEAD: no practice changed its outcome.\n"
    )
    markdown = paiguard(repo, "diff", "--since", "HEAD", "--format", "markdown").out
    assert "\nNo practice changed its outcome.\n" in markdown
    assert markdown.endswith("\n**No practice got worse or better** since HEAD.\n")
    assert "red-teaming.b1" not in markdown


def test_hostile_names_stay_text_in_markdown(repo: Repo) -> None:
    name = "a|b *x* [l](javascript:alert(1)) <b>.paiguard.yaml"
    repo.write(name, declaration("red-teaming.b1"))
    repo.commit("a gap", DAYS[0])
    repo.write(name, declaration())
    run = paiguard(repo, "diff", "--since", "HEAD", "--format", "markdown", name)
    assert run.code == 0
    assert_safe(run.out)
    assert _GitHub(run.out).headings[1] == name
    assert _GitHub(run.out).links == []


def test_output_file_and_force(changed: Repo) -> None:
    target = changed.path / "diff.md"
    args = ("diff", "--since", "HEAD", "--format", "markdown", "-o", "diff.md")
    assert paiguard(changed, *args).code == 0
    assert target.read_text(encoding="utf-8") == MARKDOWN
    again = paiguard(changed, *args)
    assert again.code == 2
    assert again.err.startswith("paiguard: error: diff.md: ")
    assert paiguard(changed, *args, "--force").code == 0


def test_diff_cannot_run_outside_a_work_tree_or_without_since(tmp_path: Path, home: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "paiguard.yaml").write_text(declaration(), encoding="utf-8")
    run = paiguard(Repo(folder, home, init=False), "diff", "--since", "HEAD")
    assert (run.code, run.out) == (2, "")
    assert "not inside a git work tree" in run.err
    run = paiguard(Repo(folder, home, init=False), "diff")
    assert (run.code, run.err) == (2, "paiguard: error: Missing option '--since'.\n")


class _GitHub(HTMLParser):
    """What GitHub's renderer (cmark-gfm with its extensions) makes of some Markdown: heading
    texts, link targets and the rows of each table."""

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.links: list[str] = []
        self.tables: list[list[int]] = []
        self._heading: list[str] | None = None
        html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
        assert "<script" not in html and "<img" not in html
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3"):
            self._heading = []
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None
