"""docs/formats/*.md show real output: every excerpt is cut from a golden file, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from format_cases import golden

from conftest import REPO

DOCS = sorted((REPO / "docs" / "formats").glob("*.md"))
EXCERPT = re.compile(r"<!-- excerpt of tests/formats/golden/(\S+) -->\n```\w*\n(.*?)\n```", re.S)


def chunks(excerpt: str) -> list[str]:
    """The excerpt's runs of real lines, split where a line is only `...`."""
    parts = re.split(r"\n *\.\.\.(?:\n|$)", excerpt)
    return [part for part in parts if part.strip()]


@pytest.mark.parametrize("page", DOCS, ids=lambda p: p.name)
def test_excerpts_are_real_output_in_order(page: Path) -> None:
    excerpts = EXCERPT.findall(page.read_text(encoding="utf-8"))
    assert excerpts, f"{page.name} has no excerpt of real output"
    for name, excerpt in excerpts:
        output = golden(name)
        position = 0
        for chunk in chunks(excerpt):
            found = output.find(chunk + "\n", position)
            assert found >= 0, f"{page.name}: not in {name} (after offset {position}):\n{chunk}"
            position = found + len(chunk)


def test_an_edited_excerpt_is_caught() -> None:
    output = golden("demo.github.txt")
    first = output.splitlines()[0]
    assert output.find(first.replace("line=9", "line=8") + "\n") == -1
    assert chunks("a\n...\nb\n  ...\nc") == ["a", "b", "c"]
