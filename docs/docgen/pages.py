"""The one list of generated pages: which file, made by which generator."""

from __future__ import annotations

from pathlib import Path

from docgen import console, declaration_ref, pack_pages

# Hand-written pages whose `gen:run` outputs are generated (see console.py).
CONSOLE_PAGES = ("getting-started.md", "output.md", "exit-codes.md")
# The folder that holds only generated pack pages: a page of a pack that is gone is stale.
PACKS_FOLDER = "packs"


def generate(docs: Path) -> dict[Path, str]:
    """Every generated page: its path under `docs` and its up-to-date content."""
    pages = {
        docs / name: console.render_page((docs / name).read_text(encoding="utf-8"), name)
        for name in CONSOLE_PAGES
    }
    pages[docs / "declaration.md"] = declaration_ref.render()
    for pack_id, text in pack_pages.render_all().items():
        pages[docs / PACKS_FOLDER / f"{pack_id}.md"] = text
    return pages


def stale(docs: Path, pages: dict[Path, str]) -> list[Path]:
    """Pages whose file differs from what the generators make, and leftover pack pages."""
    changed = [
        path
        for path, text in pages.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    folder = docs / PACKS_FOLDER
    leftovers = sorted(p for p in folder.glob("*.md") if p not in pages) if folder.is_dir() else []
    return changed + leftovers
