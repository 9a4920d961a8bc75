"""The git processes that read a repository: a clean environment, timeouts, one `cat-file`.

Every git command runs without a terminal, pager, editor, network or any `GIT_*` variable of
the caller, with the settings that could change what it prints fixed on its command line, so
a user's configuration cannot change what is read. One `git cat-file --batch` answers every
object request of a repository; a git that stops answering is killed after `timeout` seconds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from paiguard.errors import PaiguardError

_DRAIN_MAX = 8 * 1024 * 1024  # an unread object up to this size is skipped, above it git restarts
_CHUNK = 1024 * 1024
_CONFIG = {
    "core.fsmonitor": "false",
    "core.quotePath": "false",
    "core.pager": "cat",
    "color.ui": "false",
    "log.showSignature": "false",
    "diff.renameLimit": "1000",
    "protocol.allow": "never",  # reading never opens the network
}
_ENVIRONMENT = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_EDITOR": ":",
    "GIT_OPTIONAL_LOCKS": "0",  # no index refresh written behind the caller's back
    "GIT_LITERAL_PATHSPECS": "1",  # a path named `*` or `:(glob)x` is that file
    "GIT_NO_LAZY_FETCH": "1",  # a partial clone does not fetch what it lacks
}


class GitError(PaiguardError):
    """git could not answer: not a repository, an unknown or missing revision, a stuck git."""


class Git:
    """Runs git in one repository with a clean environment, counting the processes it starts."""

    def __init__(self, cwd: Path, timeout: float) -> None:
        exe = shutil.which("git")
        if exe is None:
            raise GitError("git is not installed or not on PATH; reading a revision needs it")
        self.exe = exe
        self.cwd = cwd
        self.timeout = timeout
        self.started = 0
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        self.env.update(_ENVIRONMENT)

    def argv(self, *args: str | bytes) -> list[str | bytes]:
        config = [part for key, value in _CONFIG.items() for part in ("-c", f"{key}={value}")]
        return [self.exe, "--no-pager", *config, *args]

    def run(self, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
        """Run one git command to the end; its exit code is the caller's to judge."""
        self.started += 1
        try:
            return subprocess.run(
                self.argv(*args),
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise GitError(f"git {args[0]!s} gave no answer within {self.timeout:g} s") from None

    def start(self, *args: str, stderr: IO[bytes]) -> subprocess.Popen[bytes]:
        self.started += 1
        return subprocess.Popen(
            self.argv(*args),
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )


def said(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's own message, on one line."""
    text = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return text[0].removeprefix("fatal: ").removeprefix("error: ") if text else "no message"


class _Watchdog:
    """Kills a git process that takes longer than `timeout` to answer one request.

    One thread per repository checks twice a `timeout`; a request only sets a deadline, so a
    read costs no thread switch."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.fired = False
        self._cond = threading.Condition()
        self._process: subprocess.Popen[bytes] | None = None
        self._deadline: float | None = None
        self._closed = False
        self._thread: threading.Thread | None = None

    def arm(self, process: subprocess.Popen[bytes]) -> None:
        with self._cond:
            self._process, self._deadline = process, time.monotonic() + self.timeout
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, daemon=True)
                self._thread.start()

    def disarm(self) -> None:
        with self._cond:
            self._deadline = None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join()

    def _watch(self) -> None:
        with self._cond:
            while not self._closed:
                self._cond.wait(self.timeout / 2)
                late = self._deadline is not None and time.monotonic() >= self._deadline
                if late and self._process is not None:
                    self.fired, self._deadline = True, None
                    self._process.kill()


class CatFile:
    """One `git cat-file --batch` answering every object request of a repository."""

    def __init__(self, git: Git) -> None:
        self._git = git
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._watchdog = _Watchdog(git.timeout)

    def header(self, oid: str) -> tuple[bytes, int] | None:
        """Ask for an object: its type and size, or None when the repository lacks it. The
        content of an object found must be read, streamed or skipped next."""
        process = self._running()
        assert process.stdin is not None and process.stdout is not None
        self._watchdog.arm(process)
        try:
            process.stdin.write(oid.encode("ascii") + b"\n")
            process.stdin.flush()
            line = process.stdout.readline()
        except OSError:
            line = b""
        parts = line.split()
        if len(parts) == 3:
            return parts[1], int(parts[2])
        if line.endswith(b" missing\n"):
            self._watchdog.disarm()
            return None
        raise self._died()

    def content(self, size: int) -> bytes:
        data = self._stream().read(size + 1)
        self._watchdog.disarm()
        if len(data) != size + 1 or data[-1:] != b"\n":
            raise self._died()
        return data[:size]

    def chunks(self, size: int) -> Iterator[bytes]:
        stream, left = self._stream(), size
        while left:
            chunk = stream.read(min(left, _CHUNK))
            if not chunk:
                raise self._died()
            left -= len(chunk)
            yield chunk
        if stream.read(1) != b"\n":
            raise self._died()
        self._watchdog.disarm()

    def skip(self, size: int) -> None:
        """Leave an object unread: drained when small, else git is stopped and restarted."""
        if size > _DRAIN_MAX:
            self._watchdog.disarm()
            self._stop()
        else:
            for _ in self.chunks(size):
                pass

    def close(self) -> None:
        self._stop(kill=False)
        self._watchdog.close()

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            # git's messages, for the error when it stops; closed with the process
            self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
            self._process = self._git.start("cat-file", "--batch", stderr=self._stderr)
        return self._process

    def _stream(self) -> IO[bytes]:
        assert self._process is not None and self._process.stdout is not None
        return self._process.stdout

    def _died(self) -> GitError:
        fired, message = self._watchdog.fired, self._message()
        self._watchdog.fired = False
        self._stop()
        if fired:
            return GitError(f"git cat-file gave no answer within {self._git.timeout:g} s")
        return GitError(f"git cat-file stopped: {message}")

    def _message(self) -> str:
        if self._stderr is None:
            return "no message"
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        return lines[0].removeprefix("fatal: ") if lines else "no message"

    def _stop(self, *, kill: bool = True) -> None:
        """End git: killed when its answer is abandoned, else told to finish by closing stdin."""
        process, self._process = self._process, None
        if process is not None:
            if kill:
                process.kill()
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()
            try:
                process.wait(timeout=self._git.timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
