"""Run the composite action in `action.yml` as a GitHub runner would, on this machine.

Each `run:` step is run with `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`) in
the workspace, with the environment a runner gives (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, a
fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY per step, RUNNER_TEMP...) and the step's `env:`,
its `${{ }}` expressions evaluated against the inputs and the outputs of the steps before.
`if:` conditions are evaluated the same way, with GitHub's rule that a condition without a
status function means `success() && (condition)`. Steps that `uses:` another action are not
run: setup-python answers with this interpreter, any other is recorded with its `with:`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from conftest import REPO

ACTION = REPO / "action.yml"
PAIGUARD = Path(sys.executable).with_name("paiguard")  # the paiguard of the test venv
STATUS_FUNCTIONS = ("success()", "failure()", "cancelled()", "always()")


def load_action() -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    return data


# --- GitHub's expression language, the part the action uses ----------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||[!(),])|(?P<word>[A-Za-z_][\w.\-]*))"
)


class Expression:
    """One `${{ }}` expression: literals, context paths, !, ==, !=, &&, ||, and functions."""

    def __init__(self, text: str, context: dict[str, Any], *, failed: bool) -> None:
        self.tokens: list[tuple[str, str]] = []
        at = 0
        while text[at:].strip():
            match = _TOKEN.match(text, at)
            assert match is not None, f"cannot read {text[at:]!r} in {text!r}"
            kind = match.lastgroup
            assert kind is not None
            self.tokens.append((kind, match.group(kind)))
            at = match.end()
        self.context = context
        self.failed = failed

    def value(self) -> Any:
        result = self._or()
        assert not self.tokens, f"left over: {self.tokens}"
        return result

    def _next(self, *ops: str) -> bool:
        if self.tokens and self.tokens[0] in [("op", op) for op in ops]:
            self.tokens.pop(0)
            return True
        return False

    def _or(self) -> Any:
        left = self._and()
        while self._next("||"):
            right = self._and()
            left = left if truthy(left) else right
        return left

    def _and(self) -> Any:
        left = self._compare()
        while self._next("&&"):
            right = self._compare()
            left = right if truthy(left) else left
        return left

    def _compare(self) -> Any:
        left = self._not()
        while self.tokens and self.tokens[0] in (("op", "=="), ("op", "!=")):
            op = self.tokens.pop(0)[1]
            same = equal(left, self._not())
            left = same if op == "==" else not same
        return left

    def _not(self) -> Any:
        if self._next("!"):
            return not truthy(self._not())
        return self._primary()

    def _primary(self) -> Any:
        kind, text = self.tokens.pop(0)
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if (kind, text) == ("op", "("):
            inner = self._or()
            assert self._next(")")
            return inner
        assert kind == "word", text
        if self._next("("):
            args = [] if self._next(")") else self._arguments()
            return self._call(text, args)
        return self._lookup(text)

    def _arguments(self) -> list[Any]:
        args = [self._or()]
        while self._next(","):
            args.append(self._or())
        assert self._next(")")
        return args

    def _call(self, name: str, args: list[Any]) -> Any:
        status = {"success": not self.failed, "failure": self.failed, "cancelled": False}
        if name in status or name == "always":
            return status.get(name, True)
        text = [str(a if a is not None else "").lower() for a in args]
        if name == "contains":
            return text[1] in text[0]
        if name == "startsWith":
            return text[0].startswith(text[1])
        raise AssertionError(f"function {name}() is not known to this runner")

    def _lookup(self, path: str) -> Any:
        if path in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[path]
        value: Any = self.context
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value


def truthy(value: Any) -> bool:
    return value not in (None, False, "", 0)


def equal(left: Any, right: Any) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        return left.lower() == right.lower()  # GitHub compares strings ignoring case
    return bool(left == right)


def text_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def substitute(template: str, context: dict[str, Any], *, failed: bool = False) -> str:
    """A value with each `${{ expression }}` replaced by its text."""
    return re.sub(
        r"\$\{\{(.*?)\}\}",
        lambda m: text_of(Expression(m.group(1), context, failed=failed).value()),
        template,
    )


def condition(step: dict[str, Any], context: dict[str, Any], *, failed: bool) -> bool:
    text = str(step.get("if", "success()")).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    if not any(function in text for function in STATUS_FUNCTIONS):
        text = f"success() && ({text})"
    return truthy(Expression(text, context, failed=failed).value())


# --- running the steps ------------------------------------------------------------------------


@dataclass
class Run:
    """What the action did: each step's outcome and outputs, what it printed and wrote."""

    outcomes: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    uses: dict[str, dict[str, str]] = field(default_factory=dict)
    log: str = ""
    summary: str = ""
    failed: bool = False
    codes: dict[str, int] = field(default_factory=dict)


def run_action(
    workspace: Path,
    temp: Path,
    event_name: str,
    inputs: dict[str, str] | None = None,
    *,
    event: dict[str, Any] | None = None,
    install: bool = False,
    only: tuple[str, ...] | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run the action's steps in `workspace`; `install` runs the real install step, else its
    outputs are this test venv's paiguard and interpreter."""
    action = load_action()
    defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(inputs or {}) - set(defaults)
    assert not unknown, f"not inputs of the action: {unknown}"
    event = event or {}
    temp.mkdir(parents=True, exist_ok=True)
    event_path = temp / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    runner_temp = temp / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
    base |= {
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": event_name,
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(REPO),
        "RUNNER_TEMP": str(runner_temp),
    }
    if event_name.startswith("pull_request"):
        base["GITHUB_BASE_REF"] = event["pull_request"]["base"]["ref"]
    base |= env or {}
    context: dict[str, Any] = {
        "inputs": defaults | (inputs or {}),
        "github": {"action_path": str(REPO), "event_name": event_name, "event": event},
        "steps": {},
    }
    result = Run()
    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("id", f"step{index}")
        if only is not None and name not in only:
            continue
        if not condition(step, context, failed=result.failed):
            context["steps"][name] = {"outcome": "skipped", "conclusion": "skipped", "outputs": {}}
            result.outcomes[name] = "skipped"
            continue
        outputs, code = _step(
            step, name, context=context, base=base, temp=temp, result=result, install=install
        )
        outcome = "success" if code == 0 else "failure"
        passed = code == 0 or step.get("continue-on-error") is True
        context["steps"][name] = {
            "outcome": outcome,
            "conclusion": "success" if passed else "failure",
            "outputs": outputs,
        }
        result.outcomes[name], result.outputs[name], result.codes[name] = outcome, outputs, code
        result.failed = result.failed or not passed
    return result


def _step(
    step: dict[str, Any],
    name: str,
    *,
    context: dict[str, Any],
    base: dict[str, str],
    temp: Path,
    result: Run,
    install: bool,
) -> tuple[dict[str, str], int]:
    failed = result.failed
    if "uses" in step:
        given = {k: substitute(text_of(v), context, failed=failed) for k, v in step["with"].items()}
        result.uses[step["uses"]] = given
        if step["uses"].startswith("actions/setup-python@"):
            return {"python-path": sys.executable}, 0
        return {}, 0
    if name == "install" and not install:
        return {"paiguard": str(PAIGUARD), "python": sys.executable}, 0
    assert step["shell"] == "bash"
    output, summary = temp / f"{name}.output", temp / f"{name}.summary"
    output.write_text("")
    summary.write_text("")
    script = temp / f"{name}.sh"
    script.write_text(step["run"], encoding="utf-8")
    env = base | {k: substitute(str(v), context, failed=failed) for k, v in step["env"].items()}
    env |= {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    ran = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=base["GITHUB_WORKSPACE"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    result.log += f"--- {name}\n{ran.stdout}{ran.stderr}"
    result.summary += summary.read_text(encoding="utf-8")
    return parse_outputs(output.read_text(encoding="utf-8")), ran.returncode


def parse_outputs(text: str) -> dict[str, str]:
    """A GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            block = []
            for inner in lines:
                if inner == delimiter:
                    break
                block.append(inner)
            outputs[key] = "\n".join(block)
        else:
            key, _, value = line.partition("=")
            outputs[key] = value
    return outputs
