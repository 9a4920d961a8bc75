"""The one exception root: anything raised as `PaiguardError` ends the run with exit code 2."""

from __future__ import annotations


class PaiguardError(Exception):
    """The tool could not do its job: bad usage, a broken pack or config, a missing path."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"
