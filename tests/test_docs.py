"""The documentation: generated pages match what the code produces now, and the generators
fail loudly instead of drifting (docs/gen_docs.py, docs/docgen/)."""

from __future__ import annotations

import html
import re
import shutil
import sys
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from ruamel.yaml import YAML
from tests.conftest import REPO, run_paiguard

DOCS = REPO / "docs"
sys.path.insert(0, str(DOCS))

import gen_docs  # noqa: E402
from docgen import console, declaration_ref, pack_pages, pages  # noqa: E402
from docgen.console import GenError  # noqa: E402
from docgen.declaration_ref import UndocumentedError  # noqa: E402

from paiguard.declaration_model import Declaration  # noqa: E402
from paiguard.pack_model import PackModel  # noqa: E402
from paiguard.pack_registry import PackRegistry  # noqa: E402
from paiguard.packs import Pack, dump, pack_from_data  # noqa: E402


def _visible_text(markdown: str) -> str:
    """What a reader sees: the page rendered by a CommonMark parser, tags dropped."""
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    inline = re.sub(r"</?(code|em|strong|a)\b[^>]*>", "", rendered)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


# --- every generated page is current ---------------------------------------------------------


def test_every_generated_page_is_current() -> None:
    generated = pages.generate(DOCS)
    assert {p.relative_to(REPO).as_posix().removeprefix("docs/") for p in generated} == {
        "README.md",
        "getting-started.md",
        "output.md",
        "exit-codes.md",
        "crosswalks.md",
        "ratchet.md",
        "reports.md",
        "declaration.md",
        "packs/pai-frontier-restricted-api.md",
    }
    stale = [p.relative_to(REPO).as_posix() for p in pages.stale(DOCS, generated)]
    assert stale == [], "stale pages: run python docs/gen_docs.py"


def test_check_mode_names_a_stale_page_and_write_mode_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("__pycache__"))
    assert gen_docs.main(["--docs", str(docs)]) == 0  # current, whatever the checkout holds
    capsys.readouterr()
    page = docs / "exit-codes.md"
    fresh = page.read_text()
    page.write_text(page.read_text().replace("\n$ echo $?\n2\n", "\n$ echo $?\n0\n", 1))
    (docs / "packs" / "gone-pack.md").write_text("# a pack that no longer ships\n")

    assert gen_docs.main(["--check", "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert err == (
        "stale: docs/exit-codes.md\nstale: docs/packs/gone-pack.md\nrun: python docs/gen_docs.py\n"
    )
    assert gen_docs.main(["--docs", str(docs)]) == 0
    assert capsys.readouterr().out == "wrote docs/exit-codes.md\nremoved docs/packs/gone-pack.md\n"
    assert page.read_text() == fresh
    assert gen_docs.main(["--check", "--docs", str(docs)]) == 0


# --- console pages: outputs come from real runs ----------------------------------------------

_DECLARATION = """\
paiguard: 1
provider: {name: Aurora Labs}
model: {name: Lumen, version: "1.0", model_type: frontier, release_type: restricted-api}
practices:
  red-teaming.b1: {status: implemented}
"""


def _page(*blocks: str) -> str:
    return "\n".join(blocks)


def test_run_block_output_is_replaced_by_what_paiguard_prints() -> None:
    page = _page(
        "Text.",
        "<!-- gen:file paiguard.yaml -->",
        "",
        "```yaml",
        _DECLARATION + "```",
        "",
        "<!-- gen:run -->",
        "",
        "```console",
        "$ paiguard check --today 2026-11-26 --quiet | tail -n 1",
        "stale output",
        "$ paiguard check --today 2026-11-26 > /dev/null",
        "$ echo $?",
        "$ paiguard explain PG201 | head -n 1",
        "$ paiguard check nowhere.yaml",
        "$ echo $?",
        "```",
        "",
    )
    assert console.render_page(page, "t.md") == _page(
        "Text.",
        "<!-- gen:file paiguard.yaml -->",
        "",
        "```yaml",
        _DECLARATION + "```",
        "",
        "<!-- gen:run -->",
        "",
        "```console",
        "$ paiguard check --today 2026-11-26 --quiet | tail -n 1",
        "paiguard.yaml:5:28: PG201 error red-teaming.b1 is implemented but lists no evidence",
        "$ paiguard check --today 2026-11-26 > /dev/null",
        "$ echo $?",
        "1",
        "$ paiguard explain PG201 | head -n 1",
        "PG201 (error) Implemented without evidence",
        "$ paiguard check nowhere.yaml",
        "paiguard: error: nowhere.yaml: path does not exist",
        "$ echo $?",
        "2",
        "```",
        "",
    )


def test_blocks_inside_an_admonition_keep_their_indentation() -> None:
    page = (
        "??? example\n\n    <!-- gen:run -->\n\n    ```console\n    $ paiguard --version\n    ```\n"
    )
    rendered = console.render_page(page, "t.md")
    assert rendered == page.replace("--version\n", "--version\n    paiguard 0.1.0\n")


def test_each_page_runs_in_its_own_empty_folder() -> None:
    page = "<!-- gen:run -->\n```console\n$ paiguard check --today 2026-11-26\n```\n"
    assert console.render_page(page, "t.md") == page.replace(
        "2026-11-26\n",
        "2026-11-26\npaiguard: error: no declarations found under .\n",
    )


def test_the_readme_runs_its_commands_from_the_repository_root_and_writes_nothing(
    tmp_path: Path,
) -> None:
    page = "<!-- gen:run -->\n```console\n$ paiguard crosswalks | tail -n 1\n```\n"
    rendered = console.render_in(page, "README.md", REPO)
    assert rendered.splitlines()[3].startswith("pai-frontier-restricted-api@1  nist-ai-600-1")
    writing = "<!-- gen:file paiguard.yaml -->\n```yaml\na: 1\n```\n"
    with pytest.raises(GenError) as caught:
        console.render_in(writing, "README.md", tmp_path)
    assert str(caught.value) == f"README.md: gen:file cannot write into {tmp_path.resolve()}"
    assert list(tmp_path.iterdir()) == []
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "paiguard report examples/conforming/paiguard.yaml --crosswalk nist-ai-600-1"
    assert f"<!-- gen:run -->\n\n```console\n$ {command} " in readme


def test_git_builds_the_same_repository_on_every_run_and_only_in_a_pages_own_folder(
    tmp_path: Path,
) -> None:
    page = (
        "<!-- gen:file paiguard.yaml -->\n```yaml\npaiguard: 1\n```\n\n"
        "<!-- gen:run -->\n```console\n$ git init -q -b main\n$ git add -A\n"
        "$ git commit -q -m first --date 2026-09-01T10:00:00+00:00\n"
        "$ git log --format=%an%n%ae%n%aI%n%cI\n$ git rev-parse HEAD\n```\n"
    )
    rendered = console.render_page(page, "t.md")
    assert rendered == console.render_page(page, "t.md")  # the same commit id every time
    lines = rendered.splitlines()
    assert lines[-8:-3] == [
        "$ git log --format=%an%n%ae%n%aI%n%cI",
        "Dana Reyes",
        "dana@example.org",
        "2026-09-01T10:00:00+00:00",
        "2026-11-26T12:00:00+00:00",
    ]
    assert lines[-3] == "$ git rev-parse HEAD" and len(lines[-2]) == 40
    readme = "<!-- gen:run -->\n```console\n$ git init -q\n```\n"
    with pytest.raises(GenError, match="cannot run 'git init -q': only paiguard, git \\(on a"):
        console.render_in(readme, "README.md", tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "<!-- gen:run -->\n```console\n$ rm -rf /\n```\n",
            "t.md: cannot run 'rm -rf /': only paiguard, git (on a page with a folder of its "
            "own), head/tail and echo $?",
        ),
        (
            "<!-- gen:file ../outside.yaml -->\n```yaml\na: 1\n```\n",
            "t.md: gen:file needs a path inside the page's folder, got '../outside.yaml'",
        ),
        (
            "<!-- gen:run -->\nText, not a block.\n",
            "t.md:2: a gen: marker must be followed by a fenced code block",
        ),
        (
            "<!-- gen:run -->\n```console\n$ paiguard packs\n",
            "t.md:2: the code block is not closed",
        ),
        (
            "<!-- gen:run -->\n```console\npaiguard packs\n```\n",
            "t.md: a gen:run block needs at least one '$ command' line",
        ),
    ],
)
def test_a_page_that_cannot_be_generated_is_an_error(page: str, message: str) -> None:
    with pytest.raises(GenError) as caught:
        console.render_page(page, "t.md")
    assert str(caught.value) == message


# --- the declaration reference ----------------------------------------------------------------


def _section_text(page: str, path: str) -> str:
    heading = f"## `{path}`:" if path else "## Top level"
    start = page.index(heading)
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else None]


def test_declaration_reference_has_a_row_for_every_field_of_every_model() -> None:
    page = (DOCS / "declaration.md").read_text()
    sections = list(declaration_ref._sections(Declaration, ""))
    assert [path for path, _ in sections] == [
        "",
        "provider",
        "model",
        "model.updates[]",
        "attestation",
        "practices.<practice-id>",
        "practices.<practice-id>.evidence[]",
        "waivers[]",
    ]
    for path, model in sections:
        rows = re.findall(
            r"^\| `([a-z_0-9]+)` \| [^|]+ \| ([^|]+) \|", _section_text(page, path), re.M
        )
        assert [name for name, _ in rows] == list(model.model_fields)
        for name, required in rows:
            where = f"{path}.{name}" if path else name
            if where in declaration_ref.CHECKED_BY:
                assert not model.model_fields[name].is_required()
                assert required == declaration_ref.CHECKED_BY[where]
            else:
                assert (required == "yes") == model.model_fields[name].is_required(), where


def test_declaration_reference_states_types_and_defaults() -> None:
    page = (DOCS / "declaration.md").read_text()
    assert "| `paiguard` | the number `1` | yes |" in page
    assert "| `reviewed` | date `YYYY-MM-DD` | no |" in page
    assert "| `significant` | `true` or `false` | no (default: `false`) |" in page
    assert "| `evidence` | list of mapping, see [below](#practices-practice-id-evidence) |" in page
    assert (
        "| `status` | one of `implemented`, `partial`, `planned`, `not-implemented`, "
        "`not-applicable` | yes |"
    ) in page
    assert "| `not-applicable` | The practice does not apply" in page
    assert "| `justification` | text | with `not-applicable` (else PG105) |" in page
    assert "| `approved_by` | text | yes (else PG403) |" in page


def test_a_new_field_without_an_example_stops_the_generator() -> None:
    class WithLicence(Declaration):
        licence: str

    with pytest.raises(UndocumentedError, match=r"^field licence: no example in EXAMPLES$"):
        declaration_ref.render(WithLicence)


def test_an_example_that_contradicts_its_field_stops_the_generator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(declaration_ref.EXAMPLES, "model.model_type", "model_type: satellite")
    with pytest.raises(UndocumentedError, match=r"^field model.model_type: the example is invalid"):
        declaration_ref.render()
    monkeypatch.setitem(declaration_ref.EXAMPLES, "model.model_type", "type: frontier")
    with pytest.raises(UndocumentedError, match=r"the example must be 'model_type: \.\.\.'"):
        declaration_ref.render()


def test_the_example_declaration_of_the_reference_is_valid(tmp_path: Path) -> None:
    page = (DOCS / "declaration.md").read_text()
    example = page.split('```yaml title="paiguard.yaml"\n', 1)[1].split("```", 1)[0]
    (tmp_path / "paiguard.yaml").write_text(example)
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "red-team-2026q3.md").write_text("reviewed\n")
    run = run_paiguard("check", "--today", "2026-11-26", "--quiet", cwd=tmp_path)
    codes = set(re.findall(r" (PG\d{3}) ", run.out))
    # Only gaps against the pack and the deliberately fake sha256 pin: the format is right.
    assert codes == {"PG101", "PG205"}, run.out
    assert run.code == 1


# --- the pack pages ---------------------------------------------------------------------------


def _shipped_pack() -> Pack:
    pack = PackRegistry().get("pai-frontier-restricted-api")
    assert pack is not None
    return pack


def test_pack_page_shows_every_guideline_and_practice_verbatim() -> None:
    pack = _shipped_pack()
    page = (DOCS / "packs" / "pai-frontier-restricted-api.md").read_text()
    seen = _visible_text(page)
    assert f"version {pack.version}" in seen
    assert pack.source.url and f"{pack.source.url}" in seen
    for stage in pack.stages:
        assert f"{{ #{stage.id.value} }}" in page
        for guideline in stage.guidelines:
            assert f"### {guideline.number}. {guideline.title} {{ #{guideline.id} }}" in page
            for text in [guideline.summary, *guideline.notes, *guideline.resources]:
                assert " ".join(text.split()) in seen
            for practice in guideline.practices:
                # A lead-in's bullets become a nested list: the bullet character is not shown.
                words = " ".join(practice.text.replace("\n• ", " ").split())
                assert f"{practice.id}: {words}" in seen


def _validated(raw: dict[str, Any]) -> Pack:
    return pack_from_data(PackModel.model_validate(raw).model_dump(mode="json"))


def test_pack_text_is_escaped_so_it_cannot_become_markup() -> None:
    data = pack_pages.PackRegistry().get("pai-frontier-restricted-api")
    assert data is not None
    raw = dump(data)
    hostile = "Use <script>alert(1)</script> *not* _this_ [link](https://evil.example) `x` & more"
    raw["stages"][0]["guidelines"][0]["practices"][0]["text"] = hostile
    raw["stages"][0]["guidelines"][0]["notes"] = [hostile]
    rendered = MarkdownIt("commonmark").render(pack_pages.render(_validated(raw)))
    shown = html.escape(hostile, quote=False)
    assert "<script>" not in rendered
    assert f"<li><code>novel-risks.b1</code>: {shown}</li>" in rendered
    assert f"<p>!!! note\n{shown}</p>" in rendered  # an admonition, read by MkDocs


def test_effective_from_and_renamed_ids_are_shown() -> None:
    raw = dump(_shipped_pack())
    raw["stages"][0]["guidelines"][0]["practices"][0]["effective_from"] = "2027-01-01"
    raw["renamed"] = {"novel-risks.b9": "novel-risks.b1"}
    page = pack_pages.render(_validated(raw))
    assert "*(required from 2027-01-01)*" in page
    assert "| `novel-risks.b9` | `novel-risks.b1` |" in page


def test_the_pack_page_marks_scope_links_and_cross_references() -> None:
    page = (DOCS / "packs" / "pai-frontier-restricted-api.md").read_text()
    lines = {line.split(":", 1)[0]: line for line in page.splitlines() if line.startswith("- `")}
    assert lines["- `novel-risks.b3`"].endswith(
        "Assess their likelihood and potential impact. *(continues `novel-risks.b2`)*"
    )
    assert lines["- `upstream-security.r2`"].endswith("discovery. *(scope: organisation)*")
    assert lines["- `red-teaming.b1`"].endswith("failure modes.")  # model: the default, unmarked
    assert lines["- `incident-reporting.b1`"].endswith(
        "*(guidance 19: [feedback-mechanisms](#feedback-mechanisms))* *(scope: organisation)*"
    )
    assert lines["- `public-reporting.b5`"].endswith(
        "*(guidelines below: [environmental-impact](#environmental-impact), "
        "[labor-market-risks](#labor-market-risks))*"
    )


# --- the site ---------------------------------------------------------------------------------


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def test_the_nav_lists_every_page_and_only_pages_that_exist() -> None:
    config = YAML(typ="safe", pure=True).load((REPO / "mkdocs.yml").read_text())
    listed = _nav_pages(config["nav"])
    # `not_in_nav` (gitignore-style, as MkDocs reads it) names pages reached only by links.
    hidden = [line.strip().lstrip("/") for line in config.get("not_in_nav", "").splitlines()]
    on_disk = sorted(
        name
        for name in (p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
        if not name.startswith("docgen/") and not any(fnmatch(name, h) for h in hidden if h)
    )
    assert sorted(listed) == on_disk
    assert config["site_dir"] == "site"
    assert config["strict"] is True
