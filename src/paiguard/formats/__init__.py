"""Output formats: each module has `render(run: RunResult) -> str`, pure, and is imported only
when its format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from paiguard.results import RunResult

FORMATS = ("text", "json", "sarif", "junit", "github")

Renderer = Callable[[RunResult], str]


def renderer(name: str) -> Renderer:
    """The render function of a format named in FORMATS."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"paiguard.formats.{name}_format")
    return cast(Renderer, module.render)
