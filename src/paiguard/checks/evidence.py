"""PG201-PG206: does every claim point at evidence a reviewer can open, unchanged since review,
and say where in a document cited for many practices each one is supported?"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from paiguard.checks.context import Context
from paiguard.declaration import Evidence
from paiguard.evidence_files import EvidenceFiles
from paiguard.findings import Finding
from paiguard.vocabulary import Status

# A document cited for more practices than this must say where in it each one is supported.
MAX_UNLOCATED_CITATIONS = 10


def check(ctx: Context) -> Iterator[Finding]:
    """Findings about missing, unreachable, outside, changed or unlocated evidence."""
    yield from _items(ctx)
    yield from _unlocated(ctx)


def _items(ctx: Context) -> Iterator[Finding]:
    inside = ctx.files
    for pid, entry in ctx.declaration.practices.items():
        if entry.status in (Status.IMPLEMENTED, Status.PARTIAL) and not entry.evidence:
            yield ctx.finding(
                "PG201",
                f"{pid} is {entry.status.value} but lists no evidence",
                ("practices", pid, "status"),
                practice=pid,
            )
        for i, item in enumerate(entry.evidence):
            at = ("practices", pid, "evidence", i)
            if item.url is not None:
                yield from _url(ctx, pid, item.url, (*at, "url"))
            elif item.path is not None:
                yield from _path(ctx, pid, item, at, inside)
            # a ref names an internal record: nothing here can open it


def _unlocated(ctx: Context) -> Iterator[Finding]:
    """One document cited for more than MAX_UNLOCATED_CITATIONS practices, with items that do
    not say where in it their practice is supported: a reviewer cannot check 60 pages."""
    cited: dict[str, set[str]] = {}
    unlocated: dict[str, list[tuple[str | int, ...]]] = {}
    for pid, entry in ctx.declaration.practices.items():
        for i, item in enumerate(entry.evidence):
            document = item.document
            if document is None:
                continue
            cited.setdefault(document, set()).add(pid)
            if not (item.locator and item.locator.strip()):
                unlocated.setdefault(document, []).append(("practices", pid, "evidence", i))
    for document, items in unlocated.items():
        practices = len(cited[document])
        if practices > MAX_UNLOCATED_CITATIONS:
            first = items[0]
            yield ctx.finding(
                "PG206",
                f"{document!r} is the evidence of {practices} practices, and {len(items)} of "
                f"its citations have no locator (section, pages) saying where each practice "
                "is supported",
                first,
                practice=str(first[1]),
            )


def _url(ctx: Context, pid: str, url: str, at: tuple[str | int, ...]) -> Iterator[Finding]:
    try:
        parts = urlsplit(url.strip())
        scheme, host = parts.scheme.lower(), parts.netloc
    except ValueError:
        scheme, host = "", ""
    if scheme not in ("http", "https") or not host:
        yield ctx.finding(
            "PG204", f"evidence url of {pid} is not an http(s) url: {url!r}", at, practice=pid
        )


def _path(
    ctx: Context, pid: str, item: Evidence, at: tuple[str | int, ...], inside: EvidenceFiles
) -> Iterator[Finding]:
    raw = item.path or ""
    where = (*at, "path")
    try:
        target = inside.resolve(raw)
        if target is None:
            yield ctx.finding(
                "PG203",
                f"evidence path of {pid} leaves the repository: {raw!r}",
                where,
                practice=pid,
            )
            return
        inside.stat(target)
        if item.sha256 is None:
            return
        where = (*at, "sha256")
        actual = inside.digest(target)
    except FileNotFoundError:
        yield ctx.finding(
            "PG202", f"evidence path of {pid} does not exist: {raw!r}", where, practice=pid
        )
        return
    except OSError as exc:  # the OS refuses the path: a name too long, a folder it may not enter
        yield ctx.finding(
            "PG202",
            f"evidence path of {pid} cannot be read: {raw!r} ({_reason(exc)})",
            where,
            practice=pid,
        )
        return
    pinned = item.sha256.lower()
    if actual is None:
        yield ctx.finding(
            "PG205",
            f"evidence file of {pid} is not a regular file: {raw!r} (pinned sha256 {pinned})",
            where,
            practice=pid,
        )
    elif actual != pinned:
        yield ctx.finding(
            "PG205",
            f"evidence file of {pid} changed since it was pinned: {raw!r} (pinned sha256 "
            f"{pinned}, now {actual})",
            where,
            practice=pid,
        )


def _reason(exc: OSError) -> str:
    """What the OS said, in its own words (`File name too long`, `Permission denied`)."""
    return exc.strerror or type(exc).__name__
