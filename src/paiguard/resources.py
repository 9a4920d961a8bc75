"""The only module that knows where the shipped `guidance/` and `templates/` folders live."""

from __future__ import annotations

from pathlib import Path


def _shipped(name: str) -> Path:
    # The wheel puts the folders inside the package (hatchling's force-include); paiguard is
    # always installed unpacked, so the package's own folder is where importlib.resources
    # would look, without the cost of importing it.
    packaged = Path(__file__).parent / name
    if packaged.is_dir():
        return packaged
    # An editable install (`pip install -e .`) does not get hatchling's force-include, so the
    # folder is only found at the root of the checkout, two levels above this package.
    return Path(__file__).resolve().parents[2] / name


def guidance_dir() -> Path:
    """The folder of the rule packs that ship with paiguard."""
    return _shipped("guidance")


def templates_dir() -> Path:
    """The folder of the Jinja report templates that ship with paiguard."""
    return _shipped("templates")
