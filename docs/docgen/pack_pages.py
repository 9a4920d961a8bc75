"""One page per shipped rule pack: stages, guidelines, practices, notes, resources, source."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.mdtext import code, escape
from paiguard.pack_registry import PackRegistry
from paiguard.packs import Guideline, Pack, Practice
from paiguard.vocabulary import Level

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
            yield from _guideline(guideline)
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
        f"Any id below can be looked up with {code('paiguard explain ID')}."
    )


def _contents(pack: Pack) -> Iterator[str]:
    yield ""
    yield "| stage | guidelines |"
    yield "|---|---|"
    for stage in pack.stages:
        links = ", ".join(f"[{g.id}](#{g.id})" for g in stage.guidelines)
        yield f"| [{escape(stage.title)}](#{stage.id.value}) | {links} |"


def _guideline(guideline: Guideline) -> Iterator[str]:
    yield ""
    yield f"### {escape(guideline.title)} {{ #{guideline.id} }}"
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
                yield from _practice(practice)
    if guideline.resources:
        yield ""
        yield "**Implementation resources**"
        yield ""
        yield from (f"- {escape(resource)}" for resource in guideline.resources)


def _practice(practice: Practice) -> Iterator[str]:
    lead, *bullets = practice.text.split(f"\n{_BULLET}")
    line = f"- {code(practice.id)}: {escape(lead)}"
    if practice.effective_from:
        line += f" *(required from {practice.effective_from.isoformat()})*"
    yield line
    if bullets:
        yield ""
        yield from (f"    - {escape(bullet)}" for bullet in bullets)
        yield ""


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
