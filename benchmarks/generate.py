"""Realistic declarations for the shipped pack, for the benchmark and the parallel-output test.

A generated declaration looks like one `paiguard init` scaffolds and a provider then fills in:
every practice of the pack, its guidance text as comments, a status, one to three evidence
items (links, and paths to files that exist, some pinned by sha256), an owner and a review
date, a few gaps, not-applicable practices with a justification, and a waiver. The same seed
gives the same bytes, so runs are comparable.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import textwrap
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
PACK = REPO / "guidance" / "pai-frontier-restricted-api.yaml"
EVIDENCE_DOCS = ("system-card.md", "red-team-report.md", "eval-results.md", "policy.md")
OWNERS = ("safety-team", "trust-and-safety", "policy", "security", "evals", "legal")
_STATUSES = ("implemented",) * 14 + ("partial", "planned", "not-applicable", "not-implemented")


def practices(pack_file: Path = PACK) -> list[dict[str, Any]]:
    """Every practice of a pack file (id, level, text), in pack order."""
    pack = YAML(typ="safe").load(pack_file.read_text(encoding="utf-8"))
    return [
        practice
        for stage in pack["stages"]
        for guideline in stage["guidelines"]
        for practice in guideline["practices"]
    ]


def write_evidence(folder: Path) -> dict[str, str]:
    """The evidence files declarations point at, and their sha256."""
    docs = folder / "docs" / "safety"
    docs.mkdir(parents=True, exist_ok=True)
    pins = {}
    for name in EVIDENCE_DOCS:
        path = docs / name
        path.write_text(f"# {name}\n\nReviewed evidence for the safety case.\n", encoding="utf-8")
        pins[f"docs/safety/{name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return pins


def declaration(index: int, items: list[dict[str, Any]], pins: dict[str, str]) -> str:
    """The YAML text of declaration number `index` (deterministic)."""
    rng = random.Random(index)
    out = [
        "# yaml-language-server: $schema=../declaration.schema.json",
        f"# Safety declaration of model {index} for Partnership on AI's deployment guidance.",
        "paiguard: 1",
        "pack: pai-frontier-restricted-api@1",
        f"provider: {{name: Example Labs {index}, contact: safety{index}@example.org}}",
        "model:",
        f"  name: Nimbus-{index}",
        f'  version: "2.{index % 10}.0"',
        "  model_type: frontier",
        "  release_type: restricted-api",
        "  updates:",
        "    - {date: 2026-03-01, description: tool use and browsing added, significant: true}",
        "    - {date: 2026-06-15, description: latency improvements, significant: false}",
        "practices:",
    ]
    gaps = []
    for item in items:
        lines, status = _practice(item, rng, pins)
        out += lines
        if item["level"] == "baseline" and status in ("planned", "not-implemented"):
            gaps.append(item["id"])
    gap = gaps[0] if gaps else items[0]["id"]
    out += [
        "waivers:",
        f"  - practice: {gap}",
        "    reason: External evaluators are booked for the next quarter's release cycle.",
        "    approved_by: Chief Safety Officer",
        "    expires: 2027-03-31",
    ]
    return "\n".join(out) + "\n"


def _practice(
    item: dict[str, Any], rng: random.Random, pins: dict[str, str]
) -> tuple[list[str], str]:
    text = " ".join(str(item["text"]).split())
    lines = ["", *(f"  # {part}" for part in textwrap.wrap(text, 96)[:2])]
    status = rng.choice(_STATUSES)
    lines += [f"  {item['id']}:", f"    status: {status}"]
    if status in ("implemented", "partial"):
        lines.append("    evidence:")
        for n in range(rng.choice((1, 1, 1, 2, 3))):
            lines += _evidence(item["id"], n, rng, pins)
    lines.append(f"    owner: {rng.choice(OWNERS)}")
    lines.append(f"    reviewed: 2026-{rng.randint(4, 10):02d}-{rng.randint(1, 28):02d}")
    if status == "not-applicable":
        lines.append(
            f"    justification: >-\n      {item['id']} does not apply: the model is served only"
            " through our hosted API and no weights leave our infrastructure."
        )
    return lines, status


def _evidence(pid: str, n: int, rng: random.Random, pins: dict[str, str]) -> list[str]:
    if rng.random() < 0.7:
        anchor = pid.replace(".", "-")
        return [
            f"      - url: https://example.org/safety/system-card-2026#{anchor}-{n}",
            f"        title: System card, section {rng.randint(1, 12)}.{rng.randint(1, 9)}",
        ]
    path = rng.choice(sorted(pins))
    lines = [f"      - path: {path}", "        title: Internal review record"]
    if rng.random() < 0.3:
        lines.append(f"        sha256: {pins[path]}")
    return lines


def generate(folder: Path, count: int) -> list[Path]:
    """Write `count` declarations (and their evidence) under `folder`; their paths in order."""
    decls = folder / "declarations"
    pins = write_evidence(decls)
    items = practices()
    paths = []
    for index in range(count):
        path = decls / f"model-{index:04d}.paiguard.yaml"
        path.write_text(declaration(index, items, pins), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """`python benchmarks/generate.py DIR COUNT`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    args = parser.parse_args()
    paths = generate(args.folder, args.count)
    print(f"wrote {len(paths)} declarations under {args.folder}")


if __name__ == "__main__":
    main()
