"""The Jinja environment of the reports, and rendering with template errors as `PaiguardError`.

Markdown autoescaping: Jinja's autoescape machinery is switched on, with `finalize` escaping
every `{{ value }}` for Markdown (markdown.escape) instead of HTML, so a template cannot forget
to escape a declaration's text. Filters that build Markdown (`link`, `bar`) return `Markup`,
which passes through untouched; so do macros. Templates run in Jinja's immutable sandbox: a
user's template may read the report's values but not reach into Python.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from paiguard.errors import PaiguardError
from paiguard.report import markdown
from paiguard.resources import templates_dir


def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """Templates from `template_dir` first (user overrides), then the shipped ones."""
    folders = [templates_dir()]
    if template_dir is not None:
        if not template_dir.is_dir():
            raise PaiguardError("template folder does not exist", path=str(template_dir))
        folders.insert(0, template_dir)
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["md"] = markdown.escape
    env.filters["link"] = markdown.link
    env.filters["bar"] = lambda tally: markdown.bar(tally.met, tally.total)
    env.globals["is_http_url"] = markdown.is_http_url
    return env


def _finalize(value: Any) -> Markup:
    return markdown.escape(value)


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render template `name`; a broken template is a `PaiguardError` at its file and line."""
    try:
        template = env.get_template(name)
        return markdown.tidy(template.render(**context))
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise PaiguardError(f"template error: {exc.message}", path=where, line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise PaiguardError(f"template not found: {exc.name}") from None
    except PaiguardError:
        raise
    except Exception as exc:
        path, line = _template_frame(exc)
        message = f"template error: {type(exc).__name__}: {exc}"
        raise PaiguardError(message, path=path or name, line=line) from None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a rendering traceback (Jinja rewrites its
    frames to point at template lines)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            found = (frame.filename, frame.lineno)
    return found
