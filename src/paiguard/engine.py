"""One declaration file in, one `FileResult` out: read, validate, check, then weigh findings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from paiguard.checks import CHECKS, CHECKS_ON_OUTCOMES, Context, evidence
from paiguard.checks.waivers import in_force
from paiguard.codes import CODES, Severity
from paiguard.declaration import Declaration, Validation, validate
from paiguard.evidence_files import DiskFiles, EvidenceFiles
from paiguard.findings import Finding, printable
from paiguard.foreign_files import not_a_declaration
from paiguard.limits import Limits
from paiguard.outcomes import Verdict, decide, practice_outcomes, stage_summaries
from paiguard.pack_registry import PackRegistry
from paiguard.packs import Pack, describe_packs
from paiguard.results import FileResult
from paiguard.uncovered import no_pack_for
from paiguard.vocabulary import Outcome
from paiguard.yamlsource import Document, YamlProblem, decode, parse, read_limited

# What a grace period or a waiver in force turns into info: the gap and stale-review codes.
# Evidence findings keep their severity: the reference itself is wrong (SPEC §3).
COVERED_CODES = frozenset({"PG101", "PG102", "PG103", "PG201", "PG302", "PG304"})
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
    loaded = load(read_disk(path, settings.limits), path, registry, settings)
    return evaluate(loaded, disk_files(path), settings, shown, repository_path(path))


def read_disk(path: Path, limits: Limits) -> bytes | YamlProblem:
    """The bytes of a declaration file, or the problem that stops reading them."""
    try:
        return read_limited(path, limits)
    except YamlProblem as problem:
        return problem


def disk_files(path: Path) -> DiskFiles:
    """The files on disk the evidence paths of the declaration at `path` name."""
    folder = Path(os.path.realpath(path)).parent  # a symlink loop is read (PG001), not raised
    return DiskFiles(folder, repository_root(folder))


@dataclass(slots=True)
class Loaded:
    """One version of a declaration read, parsed, validated and matched with its pack: what
    the checks need besides its evidence files. When it could not get that far, `stopped`
    holds the findings that say why (and `pack` is None)."""

    stopped: list[Finding]
    document: Document | None = None
    validation: Validation | None = None
    pack: Pack | None = None

    @property
    def declaration(self) -> Declaration | None:
        return None if self.validation is None else self.validation.declaration


def load(
    content: bytes | YamlProblem, name: Path, registry: PackRegistry, settings: Settings
) -> Loaded:
    """Read one version of a declaration (its bytes, or why they could not be read); `name`
    is its file name, which tells a model card from a declaration."""
    text = None
    try:
        if isinstance(content, YamlProblem):
            raise content
        text = decode(content)
        document = parse(text, settings.limits)
    except YamlProblem as problem:
        return Loaded([not_a_declaration(name, text, problem) or _problem(problem)])
    foreign = not_a_declaration(name, text, document)
    if foreign is not None:
        return Loaded([foreign], document)
    most = settings.limits.max_findings
    validation = validate(document, limit=most + 1)
    declaration = validation.declaration
    if declaration is None:
        stopped = sorted(_capped(validation.findings, most)[0], key=Finding.sort_key)
        return Loaded(stopped, document, validation)
    pack, mismatch = _select_pack(declaration, document, registry)
    if pack is None:
        assert mismatch is not None
        stopped = sorted([*validation.findings, mismatch], key=Finding.sort_key)
        return Loaded(stopped, document, validation)
    return Loaded([], document, validation, pack)


def evaluate(
    loaded: Loaded,
    files: EvidenceFiles,
    settings: Settings,
    shown: str,
    repo_path: str | None = None,
) -> FileResult:
    """The result of checking a loaded declaration, its evidence looked up in `files` (the
    disk, or a git revision); `loaded` is left as it was, so it can be checked again."""
    result = _evaluate(loaded, files, settings, printable(shown), repo_path)
    result.findings = [
        f if f.message.isprintable() else f._replace(message=printable(f.message))
        for f in result.findings
    ]
    return result


def evidence_findings(
    loaded: Loaded, files: EvidenceFiles, settings: Settings
) -> list[Finding] | None:
    """What the evidence check alone finds in a loaded declaration with its evidence looked up
    in `files`: where two sets of files give the same, the whole check gives the same, as
    nothing else it does reads a file. None when it was not checked, or when the findings
    limit would stop the check (so a hostile file buys no more work here than it does there)."""
    context = _context(loaded, files, settings)
    if context is None:
        return None
    most = settings.limits.max_findings
    found = list(itertools.islice(evidence.check(context), most + 1))
    return None if len(found) > most else found


def _context(loaded: Loaded, files: EvidenceFiles, settings: Settings) -> Context | None:
    pack, document, validation = loaded.pack, loaded.document, loaded.validation
    if pack is None or document is None or validation is None:
        return None
    declaration = validation.declaration
    assert declaration is not None
    return Context(
        declaration,
        document,
        pack,
        files,
        settings.today,
        settings.review_age_days,
        validation.invalid,
        validation.waivers,
    )


def _evaluate(
    loaded: Loaded, files: EvidenceFiles, settings: Settings, shown: str, repo_path: str | None
) -> FileResult:
    result = FileResult(path=shown, repo_path=repo_path, declaration=loaded.declaration)
    context = _context(loaded, files, settings)
    if context is None:
        result.findings = list(loaded.stopped)
        return result
    declaration, pack, validation = context.declaration, context.pack, loaded.validation
    assert validation is not None
    result.pack = pack
    most = settings.limits.max_findings
    found = itertools.chain(validation.findings, *(check(context) for check in CHECKS))
    raw, stopped = _capped(found, most)
    waivers = {} if settings.no_waivers else in_force(declaration, pack, settings.today)
    verdicts = decide(pack, declaration, raw, waivers, settings.today, complete=not stopped)
    if not stopped:
        later = dataclasses.replace(context, outcomes={p: v.outcome for p, v in verdicts.items()})
        more, _ = _capped(itertools.chain(*(c(later) for c in CHECKS_ON_OUTCOMES)), most - len(raw))
        raw += more
    weighed = (_weigh(f, pack, verdicts, settings) for f in raw)
    result.findings = sorted((f for f in weighed if f is not None), key=Finding.sort_key)
    result.outcomes = practice_outcomes(
        pack, declaration, validation.invalid, verdicts, result.findings
    )
    result.stages = stage_summaries(pack, result.outcomes)
    return result


def repository_root(folder: Path) -> Path:
    """The repository of a declaration in the absolute `folder` (SPEC §2): the nearest folder
    at or above it holding `.git`; without one (a tarball unpacked in CI), the current folder
    when `folder` lies under it, else `folder` itself."""
    found = nearest_git_folder(folder)
    if found is not None:
        return found
    current = Path.cwd()
    return current if folder.is_relative_to(current) else folder


def nearest_git_folder(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` holding `.git` (a work tree's top), if any."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def repository_path(path: Path) -> str:
    """`path` relative to its repository root, in POSIX form (where CI tools look for it).

    Symlinks are not resolved: code scanning and annotations know the file where it is linked.
    """
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(repository_root(absolute.parent)).as_posix()


def _capped(findings: Iterable[Finding], limit: int) -> tuple[list[Finding], bool]:
    """At most `limit` findings, and whether there were more: past the limit, checking stops
    with a PG003 where it stopped, so a file cannot buy unbounded work (or output) with
    thousands of mistakes."""
    kept = list(itertools.islice(findings, limit + 1))
    if len(kept) <= limit:
        return kept, False
    first_dropped = kept.pop()
    spec = CODES["PG003"]
    message = f"more than the max_findings limit of {limit} findings: checking stopped here"
    stop = Finding(
        "PG003", spec.severity, message, first_dropped.line, first_dropped.column, hint=spec.hint
    )
    return [*kept, stop], True


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
            message = no_pack_for(model.model_type, model.release_type, registry)
    return None, Finding("PG010", spec.severity, message, where.line, where.column, None, spec.hint)


def _weigh(
    finding: Finding, pack: Pack, verdicts: Mapping[str, Verdict], settings: Settings
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
    verdict = verdicts.get(finding.practice or "")
    if finding.code in COVERED_CODES and verdict is not None:
        waiver = verdict.waiver
        if verdict.outcome is Outcome.GRACE:
            effective = pack.practices[str(finding.practice)].practice.effective_from
            return finding._replace(
                severity=Severity.INFO,
                message=f"{finding.message} (grace period: required from {effective})",
            )
        if verdict.outcome is Outcome.WAIVED and waiver is not None:
            return finding._replace(
                severity=Severity.INFO,
                message=(
                    f"waived until {waiver.expires} by {waiver.approved_by}: {finding.message}"
                ),
                waived=waiver,
            )
    return finding._replace(severity=severity)
