"""The Jinja environments of the reports, one per format, and rendering with template errors as
`PaiguardError`.

Both formats render the same views (`view`, `portfolio`, `crosswalk`) from templates named
`<report>.<suffix>.j2`, and give the same filters under the same names, each finished for its
format: `link` (only http(s) urls become links), `anchor` (an anchor the report makes itself),
`anchor_link` (a link to one), `bar` (a tally's progress), `hint` (paiguard's own hint text).

- Markdown: Jinja's autoescape machinery is switched on, with `finalize` escaping every
  `{{ value }}` for Markdown (markdown.escape: literal text, on GitHub too) instead of HTML.
- HTML: HTML autoescape, with `finalize` putting each value on one line first, as in Markdown;
  `chart` draws inline SVG.

Filters return `Markup`, which passes through untouched; so do macros. Templates run in Jinja's
immutable sandbox: a user's template may read the report's values but not reach into Python.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from paiguard.errors import PaiguardError
from paiguard.report import html, markdown
from paiguard.report.text import is_http_url, tidy
from paiguard.resources import templates_dir
from paiguard.vocabulary import ReportFormat

_SUFFIXES = {ReportFormat.MARKDOWN: "md", ReportFormat.HTML: "html"}


def template_name(report: str, fmt: ReportFormat) -> str:
    """The template of one report in one format: `gap.md.j2`, `gap.html.j2`."""
    return f"{report}.{_SUFFIXES[fmt]}.j2"


def environment(
    template_dir: Path | None = None, fmt: ReportFormat = ReportFormat.MARKDOWN
) -> jinja2.Environment:
    """Templates from `template_dir` first (user overrides), then the shipped ones."""
    folders = [templates_dir()]
    if template_dir is not None:
        if not template_dir.is_dir():
            raise PaiguardError("template folder does not exist", path=str(template_dir))
        folders.insert(0, template_dir)
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        finalize=markdown.escape if fmt is ReportFormat.MARKDOWN else html.escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals["is_http_url"] = is_http_url
    if fmt is ReportFormat.MARKDOWN:
        env.filters.update(
            md=markdown.escape,
            link=markdown.link,
            anchor=markdown.anchor,
            anchor_link=markdown.anchor_link,
            bar=lambda tally: markdown.bar(tally.met, tally.total),
            hint=Markup,  # already Markdown: paiguard's own text, from the table of codes
        )
    else:
        env.filters.update(
            link=html.link,
            anchor_link=html.anchor_link,
            bar=lambda tally: html.bar(tally.met, tally.total),
            hint=html.code_spans,
            chart=html.chart,
            line_chart=html.line_chart,
        )
    return env


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render template `name`; a broken template is a `PaiguardError` at its file and line."""
    try:
        template = env.get_template(name)
        return tidy(template.render(**context))
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
