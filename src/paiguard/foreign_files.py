"""Files that are plainly not declarations (SPEC §3, PG002 ed. 2), and what they look like.

A model card, a workflow or a compose file named by mistake (a hook's `files:` pattern, a
glob) gets one finding that says so, instead of a list of unknown keys or a complaint about a
second YAML document. Only a file with none of a declaration's own keys at the top level is
judged foreign: a declaration that lost a line is still reported key by key.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from paiguard.codes import CODES
from paiguard.findings import Finding
from paiguard.yamlsource import Document, YamlProblem, parse

DECLARATION_KEYS = frozenset({"paiguard", "provider", "model", "practices"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdx"})
# `---` on the first line, YAML, then `---` (or `...`) on a line of its own: front matter
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.M | re.S)
_KEY_LINE = re.compile(r"^[\"']?(?:paiguard|provider|model|practices)[\"']?[ \t]*:", re.M)
_HINT = (
    "Run paiguard on declarations only (paiguard.yaml, *.paiguard.yaml); `paiguard init` "
    "writes one."
)


def not_a_declaration(path: Path, text: str | None, read: Document | YamlProblem) -> Finding | None:
    """The one finding of a file that is plainly not a declaration, else None.

    `read` is what reading `text` gave: the document, or the problem that stopped it (a model
    card is two YAML documents, so its front matter is judged from the text)."""
    if isinstance(read, Document):
        data = read.data
        if not isinstance(data, dict) or not DECLARATION_KEYS.isdisjoint(data):
            return None
        looks_like = _markdown(path, text) or _mapping_kind(data)
    else:
        front = _FRONT_MATTER.match(text or "") if read.code == "PG001" else None
        if front is None or _KEY_LINE.search(front.group(1)):
            return None
        looks_like = _markdown(path, text)
    message = "not a paiguard declaration (no 'paiguard:' key); "
    if looks_like:
        message += f"it looks like {looks_like}; "
    code = CODES["PG002"]
    return Finding("PG002", code.severity, message + "see `paiguard init`", 1, 1, hint=_HINT)


def _markdown(path: Path, text: str | None) -> str | None:
    """Markdown with YAML front matter: named so, or front matter followed by something that
    is not YAML data (prose, a `---` rule starting yet another document)."""
    front = _FRONT_MATTER.match(text) if text else None
    if text is None or front is None:
        return None
    if path.suffix.lower() not in _MARKDOWN_SUFFIXES and _yaml_collection(text[front.end() :]):
        return None
    return "Markdown with YAML front matter, such as a model card"


def _yaml_collection(text: str) -> bool:
    try:
        return isinstance(parse(text).data, dict | list)
    except YamlProblem:
        return False


def _mapping_kind(data: dict[Any, Any]) -> str | None:
    if isinstance(data.get("jobs"), dict) and ("on" in data or True in data):
        return "a GitHub Actions workflow"  # `on:` read as YAML 1.1 would make it True
    if isinstance(data.get("services"), dict):
        return "a docker-compose file"
    if isinstance(data.get("framework"), dict) and isinstance(data.get("release"), dict):
        return "a Model Openness Framework file"
    return None
