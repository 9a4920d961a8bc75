"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; one rule per check code (help from `codes.py`); one result per finding with its
physical location relative to the repository root (`%SRCROOT%`). Waived gaps are results with an
accepted external suppression, so code scanning shows them as dismissed, not as open alerts.
`partialFingerprints` hash the code, practice and path (not the line), so a gap stays one alert
when lines move. Each pack that results are about is a taxonomy (SARIF's way to name the
requirement a result concerns, as tools do with CWE): one descriptor per practice concerned, its
guidance text and, as `helpUri`, the pack's source URL; a result names its practice in `taxa`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Any
from urllib.parse import quote

from paiguard import __version__
from paiguard.codes import CODES, Code, Severity
from paiguard.findings import Finding
from paiguard.packs import Pack
from paiguard.results import FileResult, RunResult

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT = "paiguardFindingHash/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub ranks alerts by security-severity: 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, lower low.
_SECURITY_SEVERITY = {Severity.ERROR: "7.5", Severity.WARNING: "5.0", Severity.INFO: "2.0"}
_RULE_INDEX = {code: index for index, code in enumerate(CODES)}
_HTTP = re.compile(r"https?://", re.IGNORECASE)


def render(run: RunResult) -> str:
    """The run as one SARIF 2.1.0 log."""
    taxonomies = _Taxonomies(run)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver()},
                "originalUriBaseIds": {
                    SRCROOT: {
                        "description": {
                            "text": "The repository root: the nearest folder above the "
                            "declaration that holds .git; without one, the current folder "
                            "when the declaration lies under it, else the declaration's folder."
                        }
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [item for f in run.files for item in _results(f, taxonomies)],
                **({"taxonomies": taxonomies.render()} if taxonomies.packs else {}),
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


class _Taxonomies:
    """The packs the run's results are about, each with the practices concerned (pack order)."""

    def __init__(self, run: RunResult) -> None:
        concerned: dict[tuple[str, str], tuple[Pack, set[str | None]]] = {}
        for result in run.files:
            if result.pack is not None:
                key = (result.pack.pack, result.pack.version)
                ids = concerned.setdefault(key, (result.pack, set()))[1]
                ids.update(f.practice for f in result.findings)
        self.packs = {
            key: (pack, [pid for pid in pack.practices if pid in ids])
            for key, (pack, ids) in concerned.items()
            if not ids.isdisjoint(pack.practices)
        }
        self._at = {  # (pack, version, practice) -> (taxonomy index, taxon index)
            (*key, pid): (i, j)
            for i, (key, (_, taxa)) in enumerate(self.packs.items())
            for j, pid in enumerate(taxa)
        }

    def reference(self, pack: Pack | None, practice: str | None) -> dict[str, Any] | None:
        """A result's `taxa` entry for its practice; None for an id outside its pack."""
        at = None if pack is None else self._at.get((pack.pack, pack.version, practice or ""))
        if pack is None or at is None:
            return None
        component = {"name": pack.pack, "index": at[0]}
        return {"id": practice, "index": at[1], "toolComponent": component}

    def render(self) -> list[dict[str, Any]]:
        return [_taxonomy(pack, taxa) for pack, taxa in self.packs.values()]


def _taxonomy(pack: Pack, taxa: list[str]) -> dict[str, Any]:
    url = pack.source.url if pack.source.url and _HTTP.match(pack.source.url) else None
    component: dict[str, Any] = {
        "name": pack.pack,
        "version": pack.version,
        "fullName": pack.title,
        "organization": pack.source.publisher,
        "shortDescription": {"text": pack.source.document},
    }
    if url:
        component["informationUri"] = url
    component["taxa"] = [_taxon(pack, pid, url) for pid in taxa]
    return component


def _taxon(pack: Pack, practice_id: str, url: str | None) -> dict[str, Any]:
    practice, guideline, stage = pack.practices[practice_id]
    taxon: dict[str, Any] = {
        "id": practice_id,
        "shortDescription": {"text": guideline.title},
        "fullDescription": {"text": practice.text},
    }
    if url:
        taxon["helpUri"] = url
    taxon["properties"] = {
        "level": practice.level.value,
        "guideline": guideline.id,
        "stage": stage.id.value,
    }
    return taxon


def _driver() -> dict[str, Any]:
    return {
        "name": "paiguard",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(code) for code in CODES.values()],
    }


def _rule(code: Code) -> dict[str, Any]:
    return {
        "id": code.code,
        "name": rule_name(code.title),
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": code.explain},
        "help": {
            "text": f"{code.explain}\n\nHow to fix: {code.hint}",
            "markdown": f"{code.explain}\n\n**How to fix:** {code.hint}",
        },
        "defaultConfiguration": {"level": _LEVELS[code.severity]},
        "properties": {
            "tags": ["security", "ai-safety", code.family],
            "precision": "very-high",
            "security-severity": _SECURITY_SEVERITY[code.severity],
        },
    }


def rule_name(title: str) -> str:
    """A rule's name in PascalCase: "Evidence path leaves the repository" -> EvidencePath..."""
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", title))


def _results(result: FileResult, taxonomies: _Taxonomies) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    items = []
    for finding in result.findings:
        digest = fingerprint(finding, result)
        seen[digest] += 1
        item = _result(finding, result, f"{digest}:{seen[digest]}")
        reference = taxonomies.reference(result.pack, finding.practice)
        if reference is not None:
            item["taxa"] = [reference]
        items.append(item)
    return items


def fingerprint(finding: Finding, result: FileResult) -> str:
    """What makes a finding the same alert across runs: code, practice and file, not the line."""
    key = "\0".join((finding.code, finding.practice or "", result.repo_path or result.path))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _result(finding: Finding, result: FileResult, fingerprint: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": _RULE_INDEX[finding.code],
        "level": _LEVELS[finding.severity],
        "message": {"text": _message(finding, result)},
        "locations": [_location(finding, result)],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if finding.baseline_state is not None:  # `--since REF`: new, or unchanged since REF
        item["baselineState"] = finding.baseline_state
    if finding.waived is not None:
        waived = finding.waived
        item["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{waived.reason} (approved by {waived.approved_by}, "
                f"until {waived.expires})",
            }
        ]
    if finding.practice:
        item["properties"] = {"practice": finding.practice}
    return item


def _message(finding: Finding, result: FileResult) -> str:
    """The finding's message, then its practice's guidance text from the pack unless the message
    already quotes it whole."""
    pack = result.pack
    ref = pack.practices.get(finding.practice) if pack and finding.practice else None
    if ref is None:
        return finding.message
    text = " ".join(ref.practice.text.split())
    if text in finding.message:
        return finding.message
    return f"{finding.message}\n\n{ref.practice.id} ({ref.practice.level.value}): {text}"


def _location(finding: Finding, result: FileResult) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": _artifact(result),
            "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)},
        }
    }


def _artifact(result: FileResult) -> dict[str, str]:
    if result.repo_path is not None:
        return {"uri": quote(result.repo_path), "uriBaseId": SRCROOT}
    path = result.path.replace("\\", "/")
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path)}
