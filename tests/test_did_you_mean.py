"""Did-you-mean for unknown keys (PG002) and unknown practice ids (PG104, PG402).

A suggestion is a key valid at the place of the mistake, never the key itself; where the key,
or the close match, belongs elsewhere in the declaration, the message says where.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from paiguard.schema_errors import describe
from paiguard.yamlsource import parse
from test_positions import HEAD, PRACTICE, findings

EVIDENCE = PRACTICE + "    status: implemented\n    evidence:\n      - url: https://example.org\n"

UNKNOWN_KEYS = [
    pytest.param(
        EVIDENCE + "        section: 4.2\n",
        "unknown key 'section' in practices.red-teaming.b1.evidence[0]",
        id="no-suggestion-from-another-model",
    ),
    pytest.param(
        EVIDENCE + "        owner: safety-team\n",
        "unknown key 'owner' in practices.red-teaming.b1.evidence[0]; "
        "'owner' belongs under 'practices: <id>:'",
        id="key-of-another-place-not-itself",
    ),
    pytest.param(
        HEAD + "name: Nimbus\n",
        "unknown key 'name'; 'name' belongs under 'provider:' or 'model:'",
        id="key-of-two-places",
    ),
    pytest.param(
        HEAD + "release_type: open\n",
        "unknown key 'release_type'; 'release_type' belongs under 'model:'",
        id="model-key-at-top-level",
    ),
    pytest.param(
        HEAD + "release: open\n",
        "unknown key 'release'; did you mean 'release_type', which belongs under 'model:'?",
        id="close-match-elsewhere",
    ),
    pytest.param(
        PRACTICE + "    status: planned\n    url: https://example.org\n",
        "unknown key 'url' in practices.red-teaming.b1; "
        "'url' belongs under 'practices: <id>: evidence:'",
        id="evidence-key-in-practice",
    ),
    pytest.param(
        HEAD.replace("restricted-api}", "restricted-api,\n  updates: [{date: 2026-01-01, "
                     "description: x, signficant: true}]}"),
        "unknown key 'signficant' in model.updates[0]; did you mean 'significant'?",
        id="typo-here",
    ),
    pytest.param(
        HEAD + "waivers:\n  - {practice: red-teaming.b1, expiry: 2027-01-01}\n",
        "unknown key 'expiry' in waivers[0]; did you mean 'expires'?",
        id="typo-in-waiver",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), UNKNOWN_KEYS)
def test_unknown_key_suggests_only_keys_of_its_place(
    tmp_path: Path, text: str, message: str
) -> None:
    [(code, _, _, said)] = findings(tmp_path, text)
    assert (code, said) == ("PG002", message)


class _Leaf(BaseModel):
    model_config = ConfigDict(extra="forbid")
    colour: str = ""


class _Branch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    leaves: list[_Leaf] = []
    named: dict[str, _Leaf] = {}
    weight: int = 0


class _Root(BaseModel):
    model_config = ConfigDict(extra="forbid")
    branch: _Branch | None = None


def _message(data: dict[str, object]) -> str:
    document = parse(json.dumps(data))
    with pytest.raises(ValidationError) as caught:
        _Root.model_validate(document.data)
    message, _ = describe(caught.value.errors()[0], document, _Root)
    return message


def test_suggestions_come_from_the_models_fields_wherever_they_nest() -> None:
    assert _message({"branch": {"leaves": [{"color": "red"}]}}) == (
        "unknown key 'color' in branch.leaves[0]; did you mean 'colour'?"
    )
    assert _message({"branch": {"named": {"a": {"weight": 1}}}}) == (
        "unknown key 'weight' in branch.named.a; 'weight' belongs under 'branch:'"
    )
    assert _message({"colour": "red"}) == (
        "unknown key 'colour'; 'colour' belongs under 'branch: leaves:' or 'branch: named: <id>:'"
    )
    assert _message({"branch": {"leave": []}}) == (
        "unknown key 'leave' in branch; did you mean 'leaves'?"
    )


WAIVED = [
    pytest.param(
        "red-teeming.b2",
        "waiver names red-teeming.b2, which is not in mini@1; did you mean red-teaming.b2?",
        id="did-you-mean",
    ),
    pytest.param(
        "red-team.b1",
        "waiver names red-team.b1, which was renamed to red-teaming.b1 in mini 1.2.0; "
        "run `paiguard upgrade`",
        id="renamed",
    ),
    pytest.param(
        "governance.b9", "waiver names governance.b9, which is not in mini@1", id="far-off"
    ),
]


@pytest.mark.parametrize(("pid", "message"), WAIVED)
def test_waiver_for_an_unknown_practice_suggests_one(
    tmp_path: Path, pid: str, message: str
) -> None:
    text = HEAD + (
        f"waivers:\n  - {{practice: {pid}, reason: Fixes ship with the 2.2 release in January, "
        "approved_by: CISO, expires: 2027-01-31}\n"
    )
    [(code, line, column, said)] = findings(tmp_path, text)
    assert (code, line, column, said) == ("PG402", 6, 16, message)
