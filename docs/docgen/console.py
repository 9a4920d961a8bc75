"""Pages whose inputs are written by hand and whose command outputs are generated.

A page marks a fenced block with an HTML comment on the line before it:

- `<!-- gen:file PATH -->`: the block's text is written to PATH in the page's scratch folder;
- `<!-- gen:run -->`: each `$ COMMAND` line of the block is run there, in page order, and the
  lines after it are replaced by what it printed (stdout, then stderr).

Commands are `paiguard ARGS` (run in-process, exactly as the console script runs them),
optionally piped to `head -n N` or `tail -n N` or with `> /dev/null`, `echo $?` (the last
exit code, as a shell prints it), and, on a page with a scratch folder of its own, `git ARGS`
(to build the repository the ratchet reads: no user or system configuration, a fixed author
and commit date, so commit ids are the same on every run; `git commit --date` sets the author
date). Anything else is an error, so a page can only show commands that were really run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from paiguard.cli import main

_MARKER = re.compile(r"^(?P<indent> *)<!-- gen:(?P<kind>file|run)(?: (?P<arg>\S+))? -->$")
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})")
_PIPE = re.compile(
    r"^(?P<cmd>.+?)(?: \| (?P<tool>head|tail) -n (?P<count>\d+)| (?P<null>> /dev/null))?$"
)


class GenError(Exception):
    """A page that cannot be generated: bad marker, unknown command, unclosed block."""


@dataclass
class _Session:
    """The scratch folder of one page and the exit code of its last command."""

    folder: Path
    writable: bool = True  # whether gen:file may write into the folder
    last_code: int = 0
    env: dict[str, str] = field(default_factory=lambda: {"NO_COLOR": "1"})


def render_page(text: str, name: str) -> str:
    """The page with every `gen:run` block refreshed from real runs."""
    with tempfile.TemporaryDirectory(prefix="paiguard-docs-") as scratch:
        session = _Session(Path(scratch).resolve())
        return "".join(_render(text.splitlines(keepends=True), session, name))


def render_in(text: str, name: str, folder: Path) -> str:
    """The page with every `gen:run` block refreshed from runs in `folder` (the README's
    commands run from the repository root); such a page cannot write files with `gen:file`."""
    session = _Session(folder.resolve(), writable=False)
    return "".join(_render(text.splitlines(keepends=True), session, name))


def _render(lines: list[str], session: _Session, name: str) -> Iterator[str]:
    index = 0
    while index < len(lines):
        match = _MARKER.match(lines[index].rstrip("\n"))
        yield lines[index]
        index += 1
        if not match:
            continue
        while index < len(lines) and not lines[index].strip():
            yield lines[index]
            index += 1
        opening, body, closing, index = _block(lines, index, f"{name}:{index + 1}")
        indent = len(_FENCE.match(opening).group("indent"))  # type: ignore[union-attr]
        content = [line[indent:] for line in body]
        yield opening
        if match["kind"] == "file":
            if not session.writable:
                raise GenError(f"{name}: gen:file cannot write into {session.folder}")
            _write(session.folder, match["arg"] or "", "".join(content), name)
            yield from body
        else:
            yield from (" " * indent + line + "\n" for line in _run_block(content, session, name))
        yield closing


def _block(lines: list[str], start: int, where: str) -> tuple[str, list[str], str, int]:
    """(opening fence line, body lines, closing fence line, index after the block)."""
    opening = _FENCE.match(lines[start].rstrip("\n")) if start < len(lines) else None
    if opening is None:
        raise GenError(f"{where}: a gen: marker must be followed by a fenced code block")
    fence = opening["indent"] + opening["fence"]
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip("\n").rstrip() == fence:
            return lines[start], lines[start + 1 : end], lines[end], end + 1
    raise GenError(f"{where}: the code block is not closed")


def _write(folder: Path, relative: str, content: str, name: str) -> None:
    target = (folder / relative).resolve()
    if not relative or not target.is_relative_to(folder):
        raise GenError(f"{name}: gen:file needs a path inside the page's folder, got {relative!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")


def _run_block(content: list[str], session: _Session, name: str) -> Iterator[str]:
    commands = [line.rstrip("\n")[2:] for line in content if line.startswith("$ ")]
    if not commands:
        raise GenError(f"{name}: a gen:run block needs at least one '$ command' line")
    for command in commands:
        yield f"$ {command}"
        # Trailing blanks are invisible on the page and editors strip them; keep the rest exact.
        yield from (line.rstrip() for line in _run(command, session, name))


def _run(command: str, session: _Session, name: str) -> list[str]:
    if command == "echo $?":
        return [str(session.last_code)]
    parts = _PIPE.match(command)
    assert parts is not None  # the pattern matches any non-empty line
    words = shlex.split(parts["cmd"])
    if words and words[0] == "git" and session.writable:
        code, out, err = run_git(words[1:], session.folder)
    elif not words or words[0] != "paiguard":
        raise GenError(
            f"{name}: cannot run {command!r}: only paiguard, git (on a page with a folder of "
            "its own), head/tail and echo $?"
        )
    else:
        code, out, err = run_paiguard(words[1:], session.folder, session.env)
    session.last_code = code
    if parts["null"]:
        return err.splitlines()
    lines = (out + err).splitlines()
    if parts["tool"]:
        count = int(parts["count"])
        lines = lines[:count] if parts["tool"] == "head" else lines[-count:] if count else []
        session.last_code = 0  # a pipeline's status is its last command's: head/tail succeed
    return lines


def run_paiguard(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Run `paiguard ARGS` in-process in `cwd`: its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        _environ(env),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


GIT_DATE = "2026-11-26T12:00:00+00:00"  # every commit's, unless `git commit --date` says


def run_git(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run `git ARGS` in `cwd` as a fixed author, at a fixed date, without any configuration
    of the user or the system: its exit code, stdout and stderr."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        HOME=str(cwd / ".git-home"),
        XDG_CONFIG_HOME=str(cwd / ".git-home"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Dana Reyes",
        GIT_AUTHOR_EMAIL="dana@example.org",
        GIT_COMMITTER_NAME="Dana Reyes",
        GIT_COMMITTER_EMAIL="dana@example.org",
        GIT_AUTHOR_DATE=GIT_DATE,
        GIT_COMMITTER_DATE=GIT_DATE,
    )
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


@contextlib.contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
