"""A declaration scaffold for `paiguard init`: every practice of a pack, status `planned`, with
the guidance text as comments, grouped by stage and guideline.

The YAML is written as text rather than dumped: each value placed in it is a pack id, a practice
id, an enum value or a fixed placeholder, all plain YAML scalars, and the comments are the point
of the file. A test reads the result back with the declaration parser and checks it.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

from paiguard.errors import PaiguardError
from paiguard.pack_registry import PackRegistry
from paiguard.packs import Guideline, Pack, Practice, Stage, describe_packs
from paiguard.uncovered import no_pack_for
from paiguard.vocabulary import PLACEHOLDERS, ModelType, ReleaseType

WIDTH = 100
DEFAULT_SCHEMA = "paiguard.schema.json"
_MODELINE = "# yaml-language-server: $schema="
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_RULE = "=" * (WIDTH - 4)


def choose_pack(
    registry: PackRegistry,
    pack_ref: str | None,
    model_type: ModelType | None,
    release_type: ReleaseType | None,
) -> Pack:
    """The pack named, the one pack for a model type x release type, or the only pack there is."""
    if pack_ref is not None:
        if model_type is not None or release_type is not None:
            raise PaiguardError("give --pack or --model-type with --release-type, not both")
        return registry.require(pack_ref)
    if (model_type is None) != (release_type is None):
        raise PaiguardError("--model-type and --release-type go together")
    if model_type is None or release_type is None:
        candidates = registry.all()
        what = "packs there are"
    else:
        candidates = registry.for_types(model_type, release_type)
        what = f"packs covering {model_type} x {release_type}"
        if not candidates:
            raise PaiguardError(no_pack_for(model_type, release_type, registry))
    if len(candidates) != 1:
        raise PaiguardError(f"choose a pack with --pack; {what}: {describe_packs(candidates)}")
    return candidates[0]


def scaffold(pack: Pack, modeline: str | None = None) -> str:
    """The text of a new declaration for `pack`, every practice `planned`; `modeline` is the
    schema the first line names for editors (a path from the declaration's folder, or a URL)."""
    lines = [*_head(pack, modeline), "practices:"]
    for stage in pack.stages:
        lines += _stage(stage)
    lines += _tail(next(iter(pack.practices), "guideline.b1"))
    return "\n".join(lines) + "\n"


def is_url(schema: str) -> bool:
    """A schema location that is a URL (published elsewhere), not a file to write."""
    return bool(_URL.match(schema))


def modeline_for(schema: str, declaration: Path | None) -> str:
    """How the modeline names `schema`: a URL as it is; a file from the declaration's folder
    (where yaml-language-server resolves it), or as given for a scaffold on standard output."""
    if is_url(schema) or declaration is None:
        return schema
    try:
        return Path(os.path.relpath(schema, declaration.parent)).as_posix()
    except ValueError:  # another drive (Windows): only the absolute path reaches it
        return Path(schema).resolve().as_posix()


def next_steps(pack: Pack, declaration: Path | None, schema: str | None) -> str:
    """What to do after `paiguard init`, for standard error (the scaffold may be on stdout)."""
    if declaration is None:
        fill = "save the scaffold as paiguard.yaml (or NAME.paiguard.yaml) and fill in provider:"
        steps = [f"{fill} and model:", "run `paiguard check`"]
        the_file, folder = "the declaration", Path()
    else:
        steps = [
            f"fill in provider: and model: in {declaration}",
            f"run `paiguard check {declaration}`",
        ]
        the_file, folder = str(declaration), declaration.parent
    steps[1] += "; set each practice's status, with evidence, until it passes"
    if schema is not None:
        steps.append(
            f"your editor completes practice ids and shows their guidance from {schema}, named "
            "on the first line"
        )
    else:
        steps.append(
            f"for completion and hover in your editor: `paiguard schema --pack {pack.ref} -o "
            f"{(folder / DEFAULT_SCHEMA).as_posix()}`, then make `{_MODELINE}{DEFAULT_SCHEMA}` "
            f"the first line of {the_file} (`paiguard init --schema FILE` does both)"
        )
    return "next steps:\n" + "".join(f"  {n}. {step}\n" for n, step in enumerate(steps, 1))


def _head(pack: Pack, modeline: str | None) -> list[str]:
    return [
        *([f"{_MODELINE}{modeline}", "#"] if modeline is not None else []),
        *_comment(f"paiguard declaration for {pack.title}", ""),
        f"# Rule pack: {pack.pack} {pack.version} ({pack.ref}).",
        "#",
        *_editor(pack, modeline),
        "#",
        *_comment(
            "Every practice of the pack is listed below with status `planned`. Set each status to "
            "implemented, partial, planned, not-implemented or not-applicable. A practice is met "
            "when it is implemented with sound evidence (a list of {url: ...}, {path: ...} or "
            "{ref: ...} items: a link, a file in this repository, or an internal record) or "
            "not-applicable with a justification that says why; `paiguard check` fails while a "
            "baseline practice is not met. Optional per practice: owner, reviewed and due "
            "(YYYY-MM-DD). Optional per evidence item: title, locator (where in the document), "
            "date, by (who produced it), independent (true when that party is independent of "
            "you), access (internal for what outsiders may not see; a ref always is), sha256 "
            "(pins a path to the file as reviewed). For example:",
            "",
        ),
        "#   red-teaming.b1:",
        "#     status: implemented",
        "#     evidence:",
        '#       - {url: "https://example.org/system-card.pdf", locator: "section 4.2", '
        "date: 2026-09-01}",
        "#       - {ref: RISK-2026-014, title: Q3 red-team report}",
        "#     owner: safety-team",
        "#     reviewed: 2026-09-12",
        "paiguard: 1",
        f"pack: {pack.ref}",
        "provider:",
        f'  name: "{PLACEHOLDERS["provider", "name"]}"',
        f'  contact: "{PLACEHOLDERS["provider", "contact"]}"',
        "model:",
        f'  name: "{PLACEHOLDERS["model", "name"]}"',
        '  version: "1.0.0"',
        f"  model_type: {pack.applies_to.model_type.value}",
        f"  release_type: {pack.applies_to.release_type.value}",
        "  # Where the model is offered, so readers know what this declaration covers:",
        "  # surfaces: [api, console]",
        "  # Significant updates after deployment ask for renewed review of met practices:",
        "  # updates:",
        "  #   - {date: 2026-08-01, description: tool use added, significant: true}",
        "  updates: []",
        "# Who signs the declaration off once it is complete (PG501 until then):",
        '# attestation: {by: "Name, role", date: 2026-11-30}',
    ]


def _editor(pack: Pack, modeline: str | None) -> list[str]:
    """How an editor gets completion and hover: from the schema the first line names, or how
    to name one (never a modeline that points at a file that is not there)."""
    if modeline is None:
        return [
            *_comment(
                "Editor completion and hover (practice ids, with their guidance text): write this "
                "pack's JSON Schema next to this file with",
                "",
            ),
            f"#   paiguard schema --pack {pack.ref} -o {DEFAULT_SCHEMA}",
            *_comment(
                "and make this the first line of the file (`paiguard init --schema FILE` does "
                "both):",
                "",
            ),
            f"#   {_MODELINE}{DEFAULT_SCHEMA}",
        ]
    if is_url(modeline):
        return _comment(
            f"Editor completion and hover: the first line points at {modeline}, a JSON Schema "
            "that lists this pack's practices with their guidance text. Publish it there again "
            f"after `paiguard upgrade`; `paiguard schema --pack {pack.ref}` prints it.",
            "",
        )
    return [
        *_comment(
            f"Editor completion and hover: the first line points at {modeline}, a JSON Schema that "
            "lists this pack's practices with their guidance text. Write it again after "
            "`paiguard upgrade`, from this file's folder, with:",
            "",
        ),
        f"#   paiguard schema --pack {pack.ref} -o {modeline} --force",
    ]


def _stage(stage: Stage) -> list[str]:
    lines = ["", f"  # {_RULE}", f"  # {stage.title} ({stage.id.value})", f"  # {_RULE}"]
    for guideline in stage.guidelines:
        lines += _guideline(guideline)
    return lines


def _guideline(guideline: Guideline) -> list[str]:
    lines = ["", *_comment(f"--- {guideline.id}: {guideline.title} ---", "  ")]
    lines += _comment(guideline.summary, "  ")
    for practice in guideline.practices:
        lines += ["", *_practice(practice)]
    return lines


def _practice(practice: Practice) -> list[str]:
    level = practice.level.value
    if practice.effective_from is not None:
        level += f", effective from {practice.effective_from}"
    return [
        *_comment(f"{practice.id} ({level}): {practice.text}", "  "),
        f"  {practice.id}:",
        "    status: planned",
    ]


def _tail(example: str) -> list[str]:
    return [
        "",
        *_comment("Accepted, time-limited gaps; each waiver expires at most 365 days ahead:", ""),
        "# waivers:",
        f"#   - practice: {example}",
        "#     reason: why the gap is accepted, and what closes it",
        "#     approved_by: who accepted the risk",
        "#     expires: 2027-01-31",
        "waivers: []",
    ]


def _comment(text: str, indent: str) -> list[str]:
    """`text` as comment lines wrapped at WIDTH, keeping its own line breaks (bullet lists)."""
    prefix = f"{indent}# "
    out: list[str] = []
    for paragraph in text.strip().splitlines():
        wrapped = textwrap.wrap(
            paragraph,
            width=WIDTH - len(prefix),
            break_long_words=False,
            break_on_hyphens=False,
            subsequent_indent="  " if paragraph.startswith("• ") else "",
        )
        out += [prefix + line for line in wrapped] or [prefix.rstrip()]
    return out
