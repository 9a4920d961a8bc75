"""Generate the target lists of the shipped crosswalks (SPEC 1.3) from the frameworks' own files.

Writes `nist-ai-600-1.targets.tsv` and `fmti-2025.targets.tsv` in `guidance/crosswalks/`:
leading `#` lines of YAML metadata (as SSSOM TSV has), then a tab-separated table with the
columns `id`, `group`, `subgroup` and `label`, one row per item, readable with the standard
library's `csv` module once the `#` lines are dropped. Only ids, groups and short labels are
written; the items' full text stays with its publisher, linked from `url`.

- NIST AI 600-1: the 212 suggested actions as IBM Risk Atlas Nexus lists them
  (`nist-ai-600-1/nist_ai_rmf_actions_data.yaml`). NIST's actions have no names, so each label is
  a few words written by the paiguard developers, kept in `scripts/data/nist-ai-600-1.labels.tsv`.
- FMTI December 2025: the 100 indicators of `fmti/Dec2025_indicators.csv`. The label is the
  indicator's name; the id is its slug (SPEC 1.3).

Run from anywhere:

    python scripts/gen_crosswalk_targets.py [SOURCES] [--out DIR]   # write the lists
    python scripts/gen_crosswalk_targets.py [SOURCES] --check       # exit 1 when a list is stale

SOURCES is the folder holding `nist-ai-600-1/` and `fmti/` (default: `scripts/data/sources/`,
the copies the repository carries). Any problem with the sources (a missing label, two
indicators with one slug, an unexpected id) stops the run with exit 2 and a one-line message:
nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = REPO / "scripts" / "data" / "sources"
DEFAULT_OUT = REPO / "guidance" / "crosswalks"
NIST_LABELS = REPO / "scripts" / "data" / "nist-ai-600-1.labels.tsv"
NIST_ACTIONS = Path("nist-ai-600-1") / "nist_ai_rmf_actions_data.yaml"
NIST_DOCUMENTS = Path("nist-ai-600-1") / "nist_ai_rmf_data.yaml"
FMTI_INDICATORS = Path("fmti") / "Dec2025_indicators.csv"
COLUMNS = ("id", "group", "subgroup", "label")

NIST_ID = re.compile(r"(?P<subgroup>(?P<group>GV|MP|MS|MG)-[0-9]+\.[0-9]+)-[0-9]{3}")
NIST_FUNCTIONS = ("GV", "MP", "MS", "MG")
FMTI_DOMAINS = ("Upstream", "Model", "Downstream")
LABEL_WORDS = (3, 8)  # a NIST label is a short phrase, not the action's text

NIST_META = {
    "framework": "nist-ai-600-1",
    "prefix": "nist600",
    "title": "",  # the document's title, read from the sources
    "version": "July 2024",
    "url": "https://doi.org/10.6028/NIST.AI.600-1",
    "license": (
        "NIST AI 600-1 is a work of the U.S. Government, not subject to copyright in the United "
        "States (17 U.S.C. 105). The labels are not NIST text: they were written by the paiguard "
        "developers and are licensed Apache-2.0 with paiguard."
    ),
    "attribution": (
        "National Institute of Standards and Technology, NIST AI 600-1, Artificial Intelligence "
        "Risk Management Framework: Generative Artificial Intelligence Profile, July 2024, "
        "https://doi.org/10.6028/NIST.AI.600-1. Action ids as listed by IBM Risk Atlas Nexus "
        "(https://github.com/IBM/risk-atlas-nexus, Apache-2.0)."
    ),
}
FMTI_META = {
    "framework": "fmti-2025",
    "prefix": "fmti2025",
    "title": "The Foundation Model Transparency Index",
    "version": "December 2025",
    "url": "https://crfm.stanford.edu/fmti/December-2025/index.html",
    "license": "CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/)",
    "attribution": (
        "Foundation Model Transparency Index, December 2025 indicators, by Rishi Bommasani, Kevin "
        "Klyman et al., Stanford Center for Research on Foundation Models (CRFM), "
        "https://github.com/stanford-crfm/fmti, licensed under CC BY 4.0 "
        "(https://creativecommons.org/licenses/by/4.0/). Indicator names, domains and subdomains "
        "are used unchanged; the ids are derived from the names by paiguard."
    ),
}


class SourceError(Exception):
    """The sources cannot be turned into a target list; the message says why."""


@dataclass(frozen=True)
class Target:
    """One item of a target framework, as a row of its target list."""

    id: str
    group: str
    subgroup: str
    label: str


def slug(name: str) -> str:
    """SPEC 1.3: lower-cased, each run of characters other than a-z and 0-9 turned into one `-`,
    trimmed of `-` (`AI bug bounty` -> `ai-bug-bounty`)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def read_labels(path: Path) -> dict[str, str]:
    """The hand-written NIST labels: a TSV with columns `id` and `label`, `#` lines skipped."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(_data_lines(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != ["id", "label"]:
        raise SourceError(f"{path.name}: the header must be 'id<TAB>label'")
    labels: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2:
            raise SourceError(f"{path.name}: row {number} does not have exactly two columns")
        ident, label = row
        if ident in labels:
            raise SourceError(f"{path.name}: {ident} is labelled twice")
        labels[ident] = label
    return labels


def nist_targets(actions: Sequence[dict[str, object]], labels: dict[str, str]) -> list[Target]:
    """The NIST actions in the source's (the document's) order, each with its label."""
    targets: list[Target] = []
    for action in actions:
        ident = action.get("id")
        match = NIST_ID.fullmatch(ident) if isinstance(ident, str) else None
        if match is None:
            raise SourceError(f"unexpected NIST action id {ident!r}")
        label = labels.get(match[0])
        if label is None:
            raise SourceError(f"no label for NIST action {match[0]}")
        words = len(label.split())
        if not LABEL_WORDS[0] <= words <= LABEL_WORDS[1] or label != label.strip():
            raise SourceError(
                f"the label of {match[0]} must be {LABEL_WORDS[0]}-{LABEL_WORDS[1]} words "
                f"without surrounding spaces: {label!r}"
            )
        targets.append(Target(match[0], match["group"], match["subgroup"], label))
    _unique(t.id for t in targets)
    unused = sorted(set(labels) - {t.id for t in targets})
    if unused:
        raise SourceError(f"labels for NIST actions the sources do not have: {unused}")
    return targets


def fmti_targets(rows: Iterable[dict[str, str]]) -> list[Target]:
    """The FMTI indicators in the source's order; two indicators with one slug stop the run."""
    targets: list[Target] = []
    named: dict[str, str] = {}
    for row in rows:
        name, domain, subdomain = row["Indicator"], row["Domain"].strip(), row["Subdomain"].strip()
        ident = slug(name)
        if not ident:
            raise SourceError(f"the FMTI indicator {name!r} has no slug")
        if ident in named:
            raise SourceError(
                f"the FMTI indicators {named[ident]!r} and {name!r} have the same id {ident!r}"
            )
        if domain not in FMTI_DOMAINS or not subdomain:
            raise SourceError(f"the FMTI indicator {name!r} has domain {domain!r}/{subdomain!r}")
        named[ident] = name
        targets.append(Target(ident, domain, subdomain, name))
    return targets


def read_sources(sources: Path, labels: Path = NIST_LABELS) -> dict[str, str]:
    """Both target lists, by file name, as the text to write."""
    for relative in (NIST_ACTIONS, NIST_DOCUMENTS, FMTI_INDICATORS):
        if not (sources / relative).is_file():
            raise SourceError(f"{sources / relative} does not exist")
    yaml = YAML(typ="safe", pure=True)
    try:
        actions = yaml.load((sources / NIST_ACTIONS).read_text(encoding="utf-8"))["actions"]
        documents = yaml.load((sources / NIST_DOCUMENTS).read_text(encoding="utf-8"))["documents"]
        title = next(d["name"] for d in documents if d["id"] == "NIST.AI.600-1")
        nist = nist_targets(actions, read_labels(labels))
        with (sources / FMTI_INDICATORS).open(encoding="utf-8-sig", newline="") as handle:
            fmti = fmti_targets(csv.DictReader(handle))
    except (KeyError, TypeError, StopIteration) as exc:
        raise SourceError(f"the sources do not have the expected shape ({exc!r})") from None
    return {
        "nist-ai-600-1.targets.tsv": render({**NIST_META, "title": " ".join(title.split())}, nist),
        "fmti-2025.targets.tsv": render(FMTI_META, fmti),
    }


def render(meta: dict[str, str], targets: Sequence[Target]) -> str:
    """The `#` YAML metadata lines, then the table."""
    out = io.StringIO()
    for key, value in meta.items():
        out.write(f"# {key}: {_yaml_scalar(value)}\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writerow(COLUMNS)
    for target in targets:
        fields = (target.id, target.group, target.subgroup, target.label)
        for field in fields:
            if not field or any(c in field for c in '\t\n\r"') or field != field.strip():
                raise SourceError(f"{target.id}: {field!r} cannot be written as a plain TSV field")
        writer.writerow(fields)
    return out.getvalue()


def _yaml_scalar(value: str) -> str:
    """The value as a YAML scalar on one line: plain where YAML reads it back unchanged."""
    from ruamel.yaml.error import YAMLError

    try:
        if YAML(typ="safe", pure=True).load(f"key: {value}\n") == {"key": value}:
            return value
    except YAMLError:
        pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _data_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def _unique(ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise SourceError(f"the id {ident} appears twice in the sources")
        seen.add(ident)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "sources",
        nargs="?",
        type=Path,
        default=DEFAULT_SOURCES,
        help="folder holding nist-ai-600-1/ and fmti/ (default: scripts/data/sources/)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write to")
    parser.add_argument(
        "--labels", type=Path, default=NIST_LABELS, help="the NIST labels (default: scripts/data/)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a written list differs")
    args = parser.parse_args(argv)
    try:
        files = read_sources(args.sources, args.labels)
    except (SourceError, OSError, UnicodeDecodeError) as exc:
        print(f"gen_crosswalk_targets: error: {exc}", file=sys.stderr)
        return 2
    stale = [
        name
        for name, text in files.items()
        if not (args.out / name).is_file() or (args.out / name).read_bytes() != text.encode()
    ]
    if args.check:
        for name in stale:
            print(f"stale: {args.out / name}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_bytes(text.encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
