"""Every recorded output is reproduced byte for byte (`scripts/record_outputs.py`).

The recordings under `tests/recordings/` cover `check` in every format on the examples, the
bad-input corpus, the parse corpus and the check cases, and every report of the examples. A change
that means to change an output reruns `python scripts/record_outputs.py` and commits the diff.
"""

from __future__ import annotations

import pytest

from conftest import REPO, load_script

RECORDER = load_script(REPO / "scripts" / "record_outputs.py")
RUNS = RECORDER.recordings()


@pytest.mark.parametrize("recording", RUNS, ids=lambda r: r.name)
def test_output_is_the_recorded_one(recording: object) -> None:
    expected = (RECORDER.RECORDINGS / recording.name).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert RECORDER.run(recording) == expected


def test_every_recording_is_still_made() -> None:
    """A recording whose command is gone is stale: delete it with the command."""
    made = {r.name for r in RUNS}
    kept = {
        p.relative_to(RECORDER.RECORDINGS).as_posix()
        for p in RECORDER.RECORDINGS.rglob("*")
        if p.is_file()
    }
    assert kept == made
