"""The safety limits for untrusted YAML (SPEC §6), apart from the parser so that reading the
config does not load it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits for untrusted YAML (SPEC §6); config may raise them, never disable them.

    The names in messages are the config keys of `[tool.paiguard.limits]`.
    """

    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_scalar_chars: int = 65_536
    max_nodes: int = 20_000
    max_findings: int = 1_000


DEFAULT_LIMITS = Limits()
# How far config may raise each limit: far beyond any real declaration, and still a bounded cost.
CEILINGS = Limits(
    max_bytes=64 * 1024 * 1024,
    max_depth=256,
    max_scalar_chars=64 * 1024 * 1024,
    max_nodes=2_000_000,
    max_findings=1_000_000,
)
