"""What to tell a user whose model type x release type no pack covers (PG010, `paiguard init`).

Packs are written only from published checklists, so such a model has no pack *yet*: the answer
is an organisation pack for its own combination, never a declaration that claims another one.
"""

from __future__ import annotations

from paiguard.pack_registry import PackRegistry

SECTION = "A pack for another combination"  # the heading in docs/packs.md that shows how


def no_pack_for(model_type: str, release_type: str, registry: PackRegistry) -> str:
    """The sentence that says no published pack covers the combination, and what to do
    (`registry`: the run's, whose shipped packs are named)."""
    combination = f"{model_type} x {release_type}"
    published = _published(registry)
    return (
        f"no published pack covers {combination} yet: paiguard's packs are written from "
        f"Partnership on AI's checklist text, which it has for {published} only; to check "
        f'this model, write an organisation pack for {combination} (docs/packs.md, "{SECTION}")'
    )


def _published(registry: PackRegistry) -> str:
    """The combinations of the packs paiguard ships: those whose checklist text it has."""
    seen: list[str] = []
    for pack in registry.shipped().all():
        combination = f"{pack.applies_to.model_type} x {pack.applies_to.release_type}"
        if combination not in seen:
            seen.append(combination)
    return ", ".join(seen[:-1]) + " and " + seen[-1] if len(seen) > 1 else seen[0]
