"""Real git repositories for tests: commits with fixed names and dates, a clean git setup."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def git_env(home: Path) -> dict[str, str]:
    """The environment of the tests' own git commands: no user or system config, no GIT_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return env | {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ada Author",
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": "Cy Committer",
        "GIT_COMMITTER_EMAIL": "cy@example.org",
    }


class Repo:
    """A git work tree made for one test."""

    def __init__(self, path: Path, home: Path, *, init: bool = True, args: tuple[str, ...] = ()):
        self.path = path
        self.env = git_env(home)
        if init:
            path.mkdir(parents=True, exist_ok=True)
            self.git("init", "-q", "-b", "main", *args)

    def git(self, *args: str | bytes, env: dict[str, str] | None = None) -> str:
        """Run git in the repository; its stdout, or an assertion error with its stderr."""
        result = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=self.env | (env or {}),
            capture_output=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
        return result.stdout.decode("utf-8", "surrogateescape")

    def write(self, name: str | bytes, content: str | bytes) -> Path:
        """Write a file (a `bytes` name may hold any byte but / and NUL); its path."""
        raw = os.fsencode(name)
        target = Path(os.fsdecode(os.path.join(os.fsencode(self.path), raw)))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
        return target

    def commit(self, message: str, when: str, *, author_when: str | None = None) -> str:
        """Stage everything and commit it at `when` (ISO 8601); the new commit's sha."""
        self.git("add", "-A")
        dates = {"GIT_AUTHOR_DATE": author_when or when, "GIT_COMMITTER_DATE": when}
        self.git("commit", "-q", "--allow-empty", "-m", message, env=dates)
        return self.git("rev-parse", "HEAD").strip()


class Spawned:
    """Every process started through subprocess.Popen inside `watching()`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.argvs: list[list[str]] = []
        self.processes: list[subprocess.Popen[bytes]] = []
        self._monkeypatch = monkeypatch

    def count(self, word: str) -> int:
        return sum(word in argv for argv in self.argvs)

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        real = subprocess.Popen

        def popen(args: Any, *rest: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
            self.argvs.append([os.fsdecode(a) for a in args])
            process = real(args, *rest, **kwargs)
            self.processes.append(process)
            return process

        with self._monkeypatch.context() as patch:
            patch.setattr(subprocess, "Popen", popen)
            yield
