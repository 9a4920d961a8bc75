"""Generate `docs/checks/<CODE>.md`, one page per check code, and `docs/checks/index.md`.

Each page is built from the table of codes (`src/paiguard/codes.py`) and the code's trigger
fixtures under `tests/cases/<CODE>-<slug>/` with their exact expected output, so the examples in
the docs are the ones the test suite runs (`tests/test_cases.py`). Run from the repository root:

    python scripts/gen_check_docs.py           # write the pages
    python scripts/gen_check_docs.py --check   # exit 1 when a committed page is stale

`tests/test_check_docs.py` fails when the committed pages differ from what this script makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from paiguard.codes import CODES, Code

REPO = Path(__file__).resolve().parents[1]
CASES = Path("tests") / "cases"
OUT = Path("docs") / "checks"
COMMAND = "paiguard check paiguard.yaml --today 2026-11-26 --pack-path ../_packs"
_MINI = (
    "The examples are paiguard's own test fixtures. They check against `mini@1`, a test pack "
    "of five practices, so that the output stays short."
)
_NOT_EXAMPLES = frozenset({"paiguard.yaml", "expected.txt", "expected.json", "args.txt"})


def trigger_cases(repo: Path, code: str) -> list[Path]:
    """The fixture folders that trigger `code` (not its `-ok-` passing twins), by name."""
    folders = sorted((repo / CASES).glob(f"{code}-*"))
    return [f for f in folders if f.is_dir() and not f.name.startswith(f"{code}-ok")]


def render_pages(repo: Path = REPO) -> dict[Path, str]:
    """Every page, by path relative to the repository root."""
    pages = {OUT / f"{code.code}.md": _page(repo, code) for code in CODES.values()}
    pages[OUT / "index.md"] = _index()
    return pages


def _page(repo: Path, code: Code) -> str:
    out = [
        f"# {code.code}: {code.title}",
        "",
        f"Default severity: **{code.severity.value}**. "
        + ("Configurable." if code.configurable else "Cannot be changed or turned off."),
        "",
        "## What it checks",
        "",
        _sentence(code.when),
        "",
        "## Why it matters",
        "",
        code.explain,
        "",
    ]
    cases = trigger_cases(repo, code.code)
    if not cases:
        raise SystemExit(f"no trigger case for {code.code} under {CASES}")
    out += ["## Example" if len(cases) == 1 else "## Examples", "", _MINI, ""]
    for case in cases:
        out += _example(repo, case, several=len(cases) > 1)
    out += ["## How to fix it", "", code.hint, "", "## Severity", "", *_severity(code)]
    return "\n".join(out) + "\n"


def _example(repo: Path, case: Path, *, several: bool) -> list[str]:
    slug = case.name.split("-", 1)[1].replace("-", " ")
    declaration = (case / "paiguard.yaml").read_text(encoding="utf-8")
    output = (case / "expected.txt").read_text(encoding="utf-8")
    extra = sorted(
        p.relative_to(case).as_posix()
        for p in case.rglob("*")
        if p.is_file() and p.name not in _NOT_EXAMPLES
    )
    lines = [f"### {slug[0].upper()}{slug[1:]}", ""] if several else []
    lines += [f"The declaration `{(case / 'paiguard.yaml').relative_to(repo).as_posix()}`", ""]
    if extra:
        lines[-2] += " (next to it: " + ", ".join(f"`{e}`" for e in extra) + ")"
    lines[-2] += ":"
    command = _command(case)
    lines += [_fence(declaration, "yaml"), "", f"`{command}` prints:", "", _fence(output, "text")]
    return [*lines, ""]


def _command(case: Path) -> str:
    args = case / "args.txt"
    extra = args.read_text(encoding="utf-8").split() if args.exists() else []
    return " ".join([COMMAND, *extra])


def _severity(code: Code) -> list[str]:
    if not code.configurable:
        return [
            f"{code.code} cannot be changed: a file that cannot be read or matched to its pack "
            "is never checked, so config can neither lower this code nor turn it off.",
        ]
    other = "warning" if code.severity.value == "error" else "error"
    lines = [
        "Change it, or turn it off, in `pyproject.toml` (or `.paiguard.toml` without the "
        "table header):",
        "",
        _fence(f'[tool.paiguard]\nseverity = {{{code.code} = "{other}"}}  # or "off"\n', "toml"),
    ]
    if code.code == "PG103":
        lines += ["", "`strict = true` in config does what `--strict` does."]
    return lines


def _index() -> str:
    lines = [
        "# Checks",
        "",
        "Every finding of `paiguard check` has one of these codes. A code's page says what "
        "triggers it, why it matters, an example declaration with the exact output, how to "
        "fix it, and how to change its severity. `paiguard explain CODE` prints the same "
        "explanation in a terminal.",
        "",
        _MINI,
        "",
        "| code | default severity | configurable | what |",
        "|---|---|---|---|",
    ]
    for code in CODES.values():
        what = _sentence(code.when).replace("|", r"\|")
        configurable = "yes" if code.configurable else "no"
        lines.append(
            f"| [{code.code}]({code.code}.md) | {code.severity.value} | {configurable} | {what} |"
        )
    return "\n".join(lines) + "\n"


def _sentence(text: str) -> str:
    text = text.replace("*(ed. 2)* ", "")  # SPEC's edition marks are for SPEC's readers
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _fence(text: str, lang: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}{lang}\n{text.rstrip(chr(10))}\n{fence}"


def main(argv: list[str]) -> int:
    """Write the pages, or with `--check` report the stale ones and exit 1."""
    stale = []
    for relative, text in render_pages().items():
        path = REPO / relative
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(relative.as_posix())
        if "--check" not in argv:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "stale" if "--check" in argv else "written"
    for name in stale:
        print(f"{verb}: {name}")
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
