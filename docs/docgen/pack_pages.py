"""One page per shipped rule pack: stages, guidelines, practices, notes, resources, source."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.mdtext import code, escape
from paiguard.pack_registry import PackRegistry
from paiguard.packs import Guideline, Pack, Practice
from paiguard.vocabulary import Level, Scope

_BULLET = "• "


def render_all() -> dict[str, str]:
    """The page of the newest version of each shipped pack, by pack id."""
    newest: dict[str, Pack] = {}
    for pack in PackRegistry().all():
        newest[pack.pack] = pack  # sorted by id then version: the last one is the newest
    return {pack_id: render(pack) for pack_id, pack in newest.items()}


def render(pack: Pack) -> str:
    """The Markdown page of one pack."""
    return "\n".join(_page(pack)) + "\n"


def _page(pack: Pack) -> Iterator[str]:
    yield (
        f"<!-- Generated from the pack {pack.pack} {pack.version} by docs/gen_docs.py: "
        "do not edit; change the pack and run `python docs/gen_docs.py`. -->"
    )
    yield ""
    yield f"# {escape(pack.title)}"
    yield ""
    yield from _facts(pack)
    yield from _contents(pack)
    for stage in pack.stages:
        yield ""
        yield f"## {escape(stage.title)} {{ #{stage.id.value} }}"
        yield ""
        yield f"Stage {code(stage.id.value)}."
        for guideline in stage.guidelines:
            yield from _guideline(pack, guideline)
    if pack.renamed:
        yield from _renamed(pack)


def _facts(pack: Pack) -> Iterator[str]:
    counts = pack.counts()
    source = pack.source
    cited = f"{escape(source.publisher)}, *{escape(source.document)}*"
    if source.edition:
        cited += f", {escape(source.edition)}"
    if source.url:
        cited += f": <{source.url}>"
    applies = pack.applies_to
    rows = [
        ("pack id", f"{code(pack.pack)}; a declaration names it {code('pack: ' + pack.ref)}"),
        ("version", code(pack.version)),
        (
            "applies to",
            f"{code('model_type: ' + applies.model_type.value)} and "
            f"{code('release_type: ' + applies.release_type.value)}",
        ),
        ("source", cited),
        (
            "size",
            f"{counts['guidelines']} guidelines, {counts['baseline']} baseline and "
            f"{counts['recommended']} recommended practices",
        ),
    ]
    yield "| | |"
    yield "|---|---|"
    yield from (f"| {name} | {value} |" for name, value in rows)
    yield ""
    yield (
        "A **baseline** practice that is missing or not met fails `paiguard check` "
        "(PG101, PG102); a **recommended** one is a warning (PG103), an error with `--strict`. "
        "A practice marked *scope: organisation* is one that a significant update of the model "
        "does not call into question; every other practice is *scope: model* "
        "([scope](../packs.md#numbers-scope-and-links)). "
        f"Any id below, or a guideline's number, can be looked up with "
        f"{code('paiguard explain ID')}."
    )


def _contents(pack: Pack) -> Iterator[str]:
    yield ""
    yield "| stage | guidelines |"
    yield "|---|---|"
    for stage in pack.stages:
        links = ", ".join(f"[{g.id}](#{g.id})" for g in stage.guidelines)
        yield f"| [{escape(stage.title)}](#{stage.id.value}) | {links} |"


def _guideline(pack: Pack, guideline: Guideline) -> Iterator[str]:
    number = f"{guideline.number}. " if guideline.number is not None else ""
    yield ""
    yield f"### {number}{escape(guideline.title)} {{ #{guideline.id} }}"
    yield ""
    yield f"Guideline {code(guideline.id)}. {escape(guideline.summary)}"
    for note in guideline.notes:
        yield ""
        yield "!!! note"
        yield f"    {escape(note)}"
    for level in Level:
        practices = [p for p in guideline.practices if p.level is level]
        if practices:
            yield ""
            yield f"**{level.value.capitalize()} practices**"
            yield ""
            for practice in practices:
                yield from _practice(pack, practice)
    if guideline.resources:
        yield ""
        yield "**Implementation resources**"
        yield ""
        yield from (f"- {escape(resource)}" for resource in guideline.resources)


def _practice(pack: Pack, practice: Practice) -> Iterator[str]:
    lead, *bullets = practice.text.split(f"\n{_BULLET}")
    marks = "".join(f" *({mark})*" for mark in _marks(pack, practice))
    if not bullets:
        yield f"- {code(practice.id)}: {escape(lead)}{marks}"
        return
    yield f"- {code(practice.id)}: {escape(lead)}"
    yield ""
    yield from (f"    - {escape(bullet)}" for bullet in bullets)
    yield ""
    if marks:
        yield f"   {marks}"  # a paragraph of the practice's item, after its bullets
        yield ""


def _marks(pack: Pack, practice: Practice) -> list[str]:
    """What follows a practice's text: the practice it continues, the guidelines it cites,
    its scope where it is not the default, its grace period."""
    cited: dict[str, list[str]] = {}  # phrase -> links to the guidelines it means
    for phrase, guideline in pack.cited(pack.practices[practice.id]):
        cited.setdefault(phrase, []).append(f"[{guideline.id}](#{guideline.id})")
    marks = [f"{escape(phrase)}: {', '.join(links)}" for phrase, links in cited.items()]
    if practice.leans_on is not None:
        marks.insert(0, f"continues {code(practice.leans_on)}")
    if practice.scope is Scope.ORGANISATION:
        marks.append("scope: organisation")
    if practice.effective_from:
        marks.append(f"required from {practice.effective_from.isoformat()}")
    return marks


def _renamed(pack: Pack) -> Iterator[str]:
    yield ""
    yield "## Renamed practices"
    yield ""
    yield "Declarations written against an older version may use the old ids; `paiguard` says "
    yield "what each is called now."
    yield ""
    yield "| old id | new id |"
    yield "|---|---|"
    yield from (f"| {code(old)} | {code(new)} |" for old, new in pack.renamed.items())
