"""Regenerate every generated page of the documentation, or check that none is stale.

    python docs/gen_docs.py           # rewrite the pages that changed
    python docs/gen_docs.py --check   # exit 1 and name the stale pages, write nothing

The generators are listed in `docgen/pages.py`; tests/test_docs.py runs the same check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
if str(DOCS) not in sys.path:
    sys.path.insert(0, str(DOCS))

from docgen.pages import generate, stale  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Write the generated pages (or, with --check, report the stale ones); an exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale pages, write nothing")
    parser.add_argument(
        "--docs", type=Path, default=DOCS, help="the docs folder (default: this one)"
    )
    args = parser.parse_args(argv)
    docs: Path = args.docs.resolve()
    pages = generate(docs)
    changed = stale(docs, pages)
    for path in changed:
        shown = path.relative_to(docs.parent)
        if args.check:
            print(f"stale: {shown}", file=sys.stderr)
        elif path in pages:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(pages[path], encoding="utf-8")
            print(f"wrote {shown}")
        else:
            path.unlink()
            print(f"removed {shown}")
    if args.check and changed:
        print("run: python docs/gen_docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
