"""HTML building blocks for reports: escaping, safe links, and inline SVG charts.

Every value is untrusted text, escaped by the template environment (HTML autoescape) after
`one_line` (the same text as in Markdown). Only http(s) urls become links, in-page links go
only to anchors the report made, and charts are inline SVG built here from numbers and escaped
labels: an HTML report is one file that loads nothing and runs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from markupsafe import Markup
from markupsafe import escape as _escape

from paiguard.report.text import anchor_id, is_http_url, one_line

CHART_WIDTH = 720
_LABEL_HEIGHT = 16  # a row's label line, above its bar
_BAR_HEIGHT = 14
_ROW_GAP = 10
_LEGEND_HEIGHT = 28
_COUNT_WIDTH = 120  # room right of the bars for "29/74 met"
# The states a chart's segments stand for (each drawn in CSS class `o-<state>`), in words.
STATE_WORDS = {
    "met": "met",
    "unverified": "unverified",
    "waived": "waived",
    "grace": "grace period",
    "gap": "gap",
    "covered": "covered",
    "partly": "partly covered",
    "not-covered": "not covered",
    "outside": "outside the guidance",
}


class LineChart(Protocol):
    """Practices met over time: a label per point and two series, on an axis from 0 to top."""

    @property
    def labels(self) -> tuple[str, ...]: ...
    @property
    def baseline(self) -> tuple[int, ...]: ...
    @property
    def recommended(self) -> tuple[int, ...]: ...
    @property
    def top(self) -> int: ...


class ChartRow(Protocol):
    """A bar of a chart: a label, how many of its total are in each state, and a headline."""

    @property
    def label(self) -> str: ...
    @property
    def total(self) -> int: ...
    @property
    def counts(self) -> tuple[tuple[str, int], ...]: ...
    @property
    def headline(self) -> str: ...


def escape(value: object) -> Markup:
    """`value` as HTML text on one line (a `Markup` value is finished HTML and kept)."""
    if isinstance(value, Markup):
        return value
    return _escape(one_line(value))


def link(url: str, text: str | None = None) -> Markup:
    """A link to an http(s) `url`, opened without a referrer; any other url is text."""
    url = url.strip()
    label = text if text and text.strip() else url
    if not is_http_url(url):
        return escape(label if label == url else f"{label} ({url})")
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(url, one_line(label))


def anchor_link(name: str, text: str) -> Markup:
    """A link to an anchor of the same report."""
    return Markup('<a href="#{}">{}</a>').format(anchor_id(name), one_line(text))


def code_spans(text: str) -> Markup:
    """paiguard's own one-line Markdown (a code hint such as "Add `due:`") as HTML: each
    backtick span becomes `<code>`, everything else is escaped text."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as it is
        return escape(text)
    return Markup("").join(
        Markup("<code>{}</code>").format(part) if i % 2 else escape(part)
        for i, part in enumerate(parts)
    )


def bar(met: int, total: int) -> Markup:
    """A small inline bar of `met` out of `total`, then the share met (rounded down)."""
    if total <= 0:
        return Markup("—")
    percent = met * 100 // total
    width = round(met * 100 / total, 2)
    return Markup(
        '<svg class="bar" viewBox="0 0 100 8" width="100" height="8" role="img" '
        'aria-label="{percent}% met"><rect class="track" width="100" height="8"/>'
        '<rect class="o-met" width="{width}" height="8"/></svg> {percent}%'
    ).format(percent=percent, width=width)


def chart(rows: Sequence[ChartRow], title: str) -> Markup:
    """A stacked bar per row (its states: met, unverified, waived, grace, gap; or covered,
    partly covered, not covered, outside the guidance), with a legend: inline SVG."""
    area = CHART_WIDTH - _COUNT_WIDTH
    step = _LABEL_HEIGHT + _BAR_HEIGHT + _ROW_GAP
    height = _LEGEND_HEIGHT + step * len(rows)
    parts = [
        Markup(
            '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
            'aria-labelledby="chart-title"><title id="chart-title">{title}</title>'
        ).format(w=CHART_WIDTH, h=height, title=one_line(title)),
        _legend([state for state, _ in rows[0].counts] if rows else []),
    ]
    for index, row in enumerate(rows):
        top = _LEGEND_HEIGHT + index * step
        parts.append(
            Markup('<text class="label" x="0" y="{y}">{label}</text>').format(
                y=top + 12, label=one_line(row.label)
            )
        )
        parts.extend(_segments(row, top + _LABEL_HEIGHT, area))
        parts.append(
            Markup('<text class="count" x="{x}" y="{y}">{headline}</text>').format(
                x=area + 8, y=top + _LABEL_HEIGHT + 11, headline=one_line(row.headline)
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("\n").join(parts)


def _legend(states: list[str]) -> Markup:
    items = []
    x = 0
    for state in states:
        words = STATE_WORDS[state]
        items.append(
            Markup(
                '<rect class="o-{o}" x="{x}" y="4" width="12" height="12"/>'
                '<text class="legend" x="{tx}" y="14">{words}</text>'
            ).format(o=state, x=x, tx=x + 16, words=words)
        )
        x += 28 + 7 * len(words)
    return Markup("").join(items)


def _segments(row: ChartRow, y: int, area: int) -> list[Markup]:
    """The row's outcomes side by side, each as wide as its share; edges are placed from the
    running total, so the segments meet exactly and the bar is full width."""
    if row.total <= 0:
        return [
            Markup('<rect class="track" x="0" y="{y}" width="{w}" height="{h}"/>').format(
                y=y, w=area, h=_BAR_HEIGHT
            )
        ]
    out = []
    done = 0
    for outcome, count in row.counts:
        if not count:
            continue
        left = round(done * area / row.total, 2)
        done += count
        right = round(done * area / row.total, 2)
        out.append(
            Markup(
                '<rect class="o-{o}" x="{x}" y="{y}" width="{w}" height="{h}">'
                "<title>{words}: {count}</title></rect>"
            ).format(
                o=outcome,
                x=left,
                y=y,
                w=round(right - left, 2),
                h=_BAR_HEIGHT,
                words=STATE_WORDS[outcome],
                count=count,
            )
        )
    return out


_LINE_HEIGHT = 240
_LINE_LEFT = 40  # room for the y axis's numbers
_LINE_BOTTOM = 60  # room for the dates below the x axis
_LINE_TOP = 30  # room for the legend
_SERIES = (("baseline", "o-met", "baseline met"), ("recommended", "o-partly", "recommended met"))


def line_chart(data: LineChart, title: str) -> Markup:
    """Two lines over time (baseline and recommended practices met), with the axis from 0 to
    the largest total, a tick per point labelled with its date, and a legend: inline SVG."""
    width, height = CHART_WIDTH, _LINE_HEIGHT
    plot_w = width - _LINE_LEFT - 10
    plot_h = height - _LINE_TOP - _LINE_BOTTOM
    count = len(data.labels)

    def x(index: int) -> float:
        return round(_LINE_LEFT + (plot_w * index / (count - 1) if count > 1 else plot_w / 2), 2)

    def y(value: int) -> float:
        return round(_LINE_TOP + plot_h - plot_h * value / max(data.top, 1), 2)

    parts = [
        Markup(
            '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
            'aria-labelledby="history-title"><title id="history-title">{title}</title>'
        ).format(w=width, h=height, title=one_line(title)),
        Markup(
            '<line class="axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}"/>'
            '<line class="axis" x1="{l}" y1="{t}" x2="{l}" y2="{b}"/>'
            '<text class="tick" x="{lx}" y="{by}">0</text>'
            '<text class="tick" x="{lx}" y="{ty}">{top}</text>'
        ).format(
            l=_LINE_LEFT,
            r=_LINE_LEFT + plot_w,
            t=_LINE_TOP,
            b=_LINE_TOP + plot_h,
            lx=4,
            by=_LINE_TOP + plot_h + 4,
            ty=_LINE_TOP + 4,
            top=data.top,
        ),
    ]
    for offset, (series, css, words) in enumerate(_SERIES):
        values = getattr(data, series)
        points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values))
        parts.append(Markup('<polyline class="line {c}" points="{p}"/>').format(c=css, p=points))
        parts.extend(
            Markup(
                '<circle class="{c}" cx="{cx}" cy="{cy}" r="3"><title>{label}: {v} {w}</title>'
                "</circle>"
            ).format(c=css, cx=x(i), cy=y(v), label=one_line(data.labels[i]), v=v, w=words)
            for i, v in enumerate(values)
        )
        lx = _LINE_LEFT + offset * 170
        parts.append(
            Markup(
                '<rect class="{c}" x="{x}" y="6" width="12" height="12"/>'
                '<text class="legend" x="{tx}" y="16">{w}</text>'
            ).format(c=css, x=lx, tx=lx + 16, w=words)
        )
    for i, label in enumerate(data.labels):
        parts.append(
            Markup(
                '<text class="tick" transform="translate({x},{y}) rotate(40)">{label}</text>'
            ).format(x=x(i), y=_LINE_TOP + plot_h + 14, label=one_line(label))
        )
    parts.append(Markup("</svg>"))
    return Markup("\n").join(parts)
