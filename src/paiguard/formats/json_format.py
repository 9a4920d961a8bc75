"""`--format json`: the stable machine-readable shape of SPEC §5."""

from __future__ import annotations

import json
from typing import Any

from paiguard import __version__
from paiguard.codes import Severity
from paiguard.findings import Finding
from paiguard.results import STATUSES, FileResult, RunResult, Tally


def render(run: RunResult) -> str:
    """The run as one JSON document."""
    document = {"paiguard": __version__, "files": [_file(r) for r in run.files]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _file(result: FileResult) -> dict[str, Any]:
    pack, model = result.pack, result.model
    return {
        "path": result.path,
        "pack": {"id": pack.pack, "version": pack.version} if pack else None,
        "model": (
            {
                "name": model.name,
                "version": model.version,
                "model_type": model.model_type.value,
                "release_type": model.release_type.value,
            }
            if model
            else None
        ),
        "findings": [_finding(f) for f in result.findings],
        "outcomes": [
            {
                "practice": o.practice,
                "level": o.level,
                "outcome": o.outcome.value,
                "status": o.declared_status,
            }
            for o in result.outcomes
        ],
        "summary": summary(result),
    }


def summary(result: FileResult) -> dict[str, Any]:
    """A file's `summary` object (SPEC 5): finding counts, and the tallies of each level, in
    all and per stage (`paiguard diff` shows it before and after)."""
    return {
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "info": result.count(Severity.INFO),
        "baseline": _tally(result.baseline),
        "recommended": _tally(result.recommended),
        "stages": [
            {
                "id": s.stage,
                "title": s.title,
                "baseline": _tally(s.baseline),
                "recommended": _tally(s.recommended),
            }
            for s in result.stages
        ],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    item = {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "line": finding.line,
        "column": finding.column,
        "practice": finding.practice,
        "hint": finding.hint,
    }
    if finding.baseline_state is not None:  # `--since REF` only (SPEC 4.1)
        item["baseline_state"] = finding.baseline_state
    return item


def _tally(tally: Tally) -> dict[str, Any]:
    """SPEC §5: outcome counts (adding up to `total`), counts by declared status, and what the
    met `implemented` practices' sound evidence is."""
    return {
        "met": tally.met,
        "total": tally.total,
        "unverified": tally.unverified,
        "waived": tally.waived,
        "grace": tally.grace,
        "gap": tally.gap,
        "status": dict(zip(STATUSES, tally.status, strict=True)),
        "evidence": {
            "public": tally.public,
            "internal_only": tally.internal_only,
            "independent": tally.independent,
        },
    }
