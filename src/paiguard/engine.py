"""One declaration file in, one `FileResult` out: read, validate, check, then weigh findings."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from paiguard.checks import CHECKS, Context
from paiguard.checks.waivers import in_force
from paiguard.codes import CODES, Severity
from paiguard.declaration import Declaration, validate
from paiguard.findings import Finding, Waived, printable
from paiguard.foreign_files import not_a_declaration
from paiguard.limits import Limits
from paiguard.pack_registry import PackRegistry
from paiguard.packs import Pack, describe_packs
from paiguard.results import FileResult, PracticeOutcome, StageSummary, Tally
from paiguard.uncovered import no_pack_for
from paiguard.vocabulary import Level
from paiguard.yamlsource import Document, YamlProblem, decode, parse, read_limited

GAP_CODES = frozenset({"PG101", "PG102", "PG103", "PG201"})
Item = tuple[Path, str]  # a file to check: (path to read, path as shown in output)
Job = tuple[Path, str, int]  # an item and the index of its setup in the run's list of them


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything about a run that changes what a declaration's findings are."""

    today: dt.date
    strict: bool = False
    no_waivers: bool = False
    review_age_days: int = 365
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)


Setup = tuple[PackRegistry, Settings]  # what one configuration checks its files with


def check_file(path: Path, shown: str, registry: PackRegistry, settings: Settings) -> FileResult:
    """Check one declaration; bad input becomes findings, never an exception.

    Paths and messages come out as printable single lines, whatever the file put in them.
    """
    result = _check_file(path, printable(shown), registry, settings)
    result.findings = [
        f if f.message.isprintable() else f._replace(message=printable(f.message))
        for f in result.findings
    ]
    return result


def _check_file(path: Path, shown: str, registry: PackRegistry, settings: Settings) -> FileResult:
    result = FileResult(path=shown, repo_path=repository_path(path))
    text = None
    try:
        text = decode(read_limited(path, settings.limits))
        document = parse(text, settings.limits)
    except YamlProblem as problem:
        result.findings.append(not_a_declaration(path, text, problem) or _problem(problem))
        return result
    foreign = not_a_declaration(path, text, document)
    if foreign is not None:
        result.findings.append(foreign)
        return result
    most = settings.limits.max_findings
    declaration, problems = validate(document, limit=most + 1)
    if declaration is None:
        result.findings.extend(sorted(_capped(problems, most), key=Finding.sort_key))
        return result
    result.declaration = declaration
    pack, mismatch = _select_pack(declaration, document, registry)
    if pack is None:
        result.findings.append(mismatch)  # type: ignore[arg-type]
        return result
    result.pack = pack
    folder = path.resolve().parent
    context = Context(
        declaration,
        document,
        pack,
        folder,
        repository_root(folder),
        settings.today,
        settings.review_age_days,
    )
    raw = _capped((finding for check in CHECKS for finding in check(context)), most)
    waivers = {} if settings.no_waivers else in_force(declaration, pack, settings.today)
    weighed = (_weigh(f, pack, waivers, settings) for f in raw)
    result.findings = sorted((f for f in weighed if f is not None), key=Finding.sort_key)
    result.stages = _stages(pack, declaration)
    result.outcomes = _outcomes(pack, declaration, result.findings, waivers)
    return result


def repository_root(folder: Path) -> Path:
    """The repository of a declaration in the absolute `folder` (SPEC §2): the nearest folder
    at or above it holding `.git`; without one (a tarball unpacked in CI), the current folder
    when `folder` lies under it, else `folder` itself."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    current = Path.cwd()
    return current if folder.is_relative_to(current) else folder


def repository_path(path: Path) -> str:
    """`path` relative to its repository root, in POSIX form (where CI tools look for it).

    Symlinks are not resolved: code scanning and annotations know the file where it is linked.
    """
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(repository_root(absolute.parent)).as_posix()


def _capped(findings: Iterable[Finding], limit: int) -> list[Finding]:
    """At most `limit` findings; past it, checking stops with a PG003 where it stopped, so a
    file cannot buy unbounded work (or output) with thousands of mistakes."""
    kept = list(itertools.islice(findings, limit + 1))
    if len(kept) <= limit:
        return kept
    first_dropped = kept.pop()
    spec = CODES["PG003"]
    message = f"more than the max_findings limit of {limit} findings: checking stopped here"
    return [
        *kept,
        Finding(
            "PG003",
            spec.severity,
            message,
            first_dropped.line,
            first_dropped.column,
            hint=spec.hint,
        ),
    ]


def _problem(problem: YamlProblem) -> Finding:
    code = CODES[problem.code]
    return Finding(
        problem.code, code.severity, problem.message, problem.line, problem.column, None, code.hint
    )


def _select_pack(
    declaration: Declaration, document: Document, registry: PackRegistry
) -> tuple[Pack | None, Finding | None]:
    model = declaration.model
    spec = CODES["PG010"]
    if declaration.pack is not None:
        pack = registry.get(declaration.pack)
        where = document.value_mark(("pack",))
        if pack is None:
            message = (
                f"pack {declaration.pack} does not exist; packs: {describe_packs(registry.all())}"
            )
        elif (pack.applies_to.model_type, pack.applies_to.release_type) != (
            model.model_type,
            model.release_type,
        ):
            message = (
                f"pack {pack.ref} covers {pack.applies_to.model_type} x "
                f"{pack.applies_to.release_type}, but the model is {model.model_type} x "
                f"{model.release_type}"
            )
        else:
            return pack, None
    else:
        candidates = registry.for_types(model.model_type, model.release_type)
        where = document.value_mark(("model", "model_type"))
        if len(candidates) == 1:
            return candidates[0], None
        if candidates:
            message = (
                f"several packs cover {model.model_type} x {model.release_type}: "
                f"{describe_packs(candidates)}; name one with `pack:`"
            )
        else:
            message = no_pack_for(model.model_type, model.release_type)
    return None, Finding("PG010", spec.severity, message, where.line, where.column, None, spec.hint)


def _weigh(
    finding: Finding, pack: Pack, waivers: Mapping[str, Waived], settings: Settings
) -> Finding | None:
    """Stamp the run's severity on a finding: config, --strict, grace periods, waivers."""
    severity = finding.severity
    if CODES[finding.code].configurable and finding.code in settings.severities:
        configured = settings.severities[finding.code]
        if configured is None:
            return None
        severity = configured
    if settings.strict and finding.code == "PG103":
        severity = Severity.ERROR
    if finding.code in GAP_CODES and finding.practice in pack.practices:
        effective = pack.practices[finding.practice].practice.effective_from
        waiver = waivers.get(finding.practice)
        if effective is not None and settings.today < effective:
            return finding._replace(
                severity=Severity.INFO,
                message=f"{finding.message} (grace period: required from {effective})",
            )
        if waiver is not None:
            return finding._replace(
                severity=Severity.INFO,
                message=(
                    f"waived until {waiver.expires} by {waiver.approved_by}: {finding.message}"
                ),
                waived=waiver,
            )
    return finding._replace(severity=severity)


def _stages(pack: Pack, declaration: Declaration) -> list[StageSummary]:
    declared = declaration.practices
    summaries = []
    for stage in pack.stages:
        met = {Level.BASELINE: 0, Level.RECOMMENDED: 0}
        total = {Level.BASELINE: 0, Level.RECOMMENDED: 0}
        for guideline in stage.guidelines:
            for practice in guideline.practices:
                total[practice.level] += 1
                entry = declared.get(practice.id)
                if entry is not None and entry.met:
                    met[practice.level] += 1
        baseline = Tally(met[Level.BASELINE], total[Level.BASELINE])
        recommended = Tally(met[Level.RECOMMENDED], total[Level.RECOMMENDED])
        summaries.append(StageSummary(stage.id.value, stage.title, baseline, recommended))
    return summaries


def _outcomes(
    pack: Pack,
    declaration: Declaration,
    findings: list[Finding],
    waivers: Mapping[str, Waived],
) -> list[PracticeOutcome]:
    codes: dict[str, list[str]] = {}
    for finding in findings:
        if finding.practice:
            codes.setdefault(finding.practice, []).append(finding.code)
    declared = declaration.practices
    outcomes = []
    for pid, (practice, guideline, stage) in pack.practices.items():
        entry = declared.get(pid)
        outcomes.append(
            PracticeOutcome(  # practice, level, stage, guideline, declared, met, waived, codes
                pid,
                practice.level.value,
                stage.id.value,
                guideline.id,
                None if entry is None else entry.status.value,
                entry is not None and entry.met,
                waivers.get(pid),
                tuple(codes.get(pid, ())),
            )
        )
    return outcomes
