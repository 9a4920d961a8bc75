"""`--format github`: GitHub Actions workflow commands, one annotation a finding.

`::error file=PATH,line=L,col=C,title=CODE::message` (`warning` for warnings, `notice` for info),
escaped exactly as GitHub's toolkit (`@actions/core` `issueCommand`) escapes them, so a message or
a path with `%`, newlines, `:` or `,` can neither cut the command short nor forge another one.
The path is relative to the repository root, where GitHub looks for the file.
"""

from __future__ import annotations

from paiguard.codes import Severity
from paiguard.findings import Finding
from paiguard.results import FileResult, RunResult

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(run: RunResult) -> str:
    """One workflow command a finding, in file order."""
    return "".join(
        command(result, finding) + "\n" for result in run.files for finding in result.findings
    )


def command(result: FileResult, finding: Finding) -> str:
    """The workflow command that annotates one finding."""
    properties = {
        "file": result.repo_path or result.path,
        "line": str(finding.line),
        "col": str(finding.column),
        "title": finding.code,
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{_COMMANDS[finding.severity]} {joined}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: `%`, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
