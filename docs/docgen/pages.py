"""The one list of generated pages: which generator makes which files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docgen import console, declaration_ref, pack_pages

Generator = Callable[[Path], dict[Path, str]]

# Hand-written pages whose `gen:run` outputs are generated (see console.py).
CONSOLE_PAGES = (
    "getting-started.md",
    "output.md",
    "exit-codes.md",
    "crosswalks.md",
    "ratchet.md",
    "reports.md",
)


def _console_pages(docs: Path) -> dict[Path, str]:
    return {
        docs / name: console.render_page((docs / name).read_text(encoding="utf-8"), name)
        for name in CONSOLE_PAGES
    }


def _readme(docs: Path) -> dict[Path, str]:
    """The README's `gen:run` blocks, run from the repository root (beside `docs/`)."""
    readme = docs.parent / "README.md"
    if not readme.is_file():
        return {}
    return {readme: console.render_in(readme.read_text(encoding="utf-8"), "README.md", docs.parent)}


def _declaration_reference(docs: Path) -> dict[Path, str]:
    return {docs / "declaration.md": declaration_ref.render()}


def _pack_pages(docs: Path) -> dict[Path, str]:
    return {docs / "packs" / f"{pack}.md": text for pack, text in pack_pages.render_all().items()}


# Every generator, listed by hand (a grep finds them all).
GENERATORS: tuple[Generator, ...] = (
    _console_pages,
    _readme,
    _declaration_reference,
    _pack_pages,
)
# Folders that hold only generated pages: a page there that no generator makes (a pack that
# no longer ships) is stale.
GENERATED_FOLDERS = ("packs",)


def generate(docs: Path) -> dict[Path, str]:
    """Every generated page: its path under `docs` and its up-to-date content."""
    pages: dict[Path, str] = {}
    for generator in GENERATORS:
        pages.update(generator(docs))
    return pages


def stale(docs: Path, pages: dict[Path, str]) -> list[Path]:
    """Pages whose file differs from what the generators make, and leftover generated pages."""
    changed = [
        path
        for path, text in pages.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    for folder in GENERATED_FOLDERS:
        changed += sorted(p for p in (docs / folder).glob("*.md") if p not in pages)
    return changed
