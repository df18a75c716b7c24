"""The timeline: statements and events over time, one lane per actor or event type.

Day-precision items are points; month/week/year/range items are drawn as bars over
their span; items dated only by publication (`reported`) are hollow. Hover shows
the source sentence, right-to-left. Export: PNG at print resolution via kaleido,
with a caption naming the filter and the source articles.
"""

from __future__ import annotations

import html
import os
import re
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from components.vocabulary import STANCE_COLORS, STATEMENT_COLOR, event_color
from marsad.views import focus_range, in_window

FONT = "Noto Sans, Noto Naskh Arabic, DejaVu Sans, Arial, sans-serif"
HOVER_WIDTH = 70  # characters per hover line


_LINE_RE = re.compile(rf"\S.{{0,{HOVER_WIDTH - 1}}}(?=\s|$)|\S+")


def _wrap_rtl(text: str) -> str:
    """Untrusted text for a hover label: escaped (plotly reads tags in it), cut into lines of
    about HOVER_WIDTH characters, each embedded right-to-left."""
    lines = _LINE_RE.findall(html.escape(" ".join(text.split()), quote=False))
    return "<br>".join(f"\u202b{line}\u202c" for line in lines)


def _colors(kinds: list[str], keys: list[str]) -> list[str]:
    return [event_color(key) if kind == "event" else STANCE_COLORS.get(key, STATEMENT_COLOR)
            for kind, key in zip(kinds, keys, strict=True)]


def timeline_figure(rows: pd.DataFrame, title: str = "") -> go.Figure:
    """Day items as points (side by side when they share a day and lane), longer spans as bars.

    Traces are built as plain lists and validated once by go.Figure: per-trace graph objects
    over pandas columns cost plotly ~0.1 s for a thousand items.
    """
    traces: list[dict] = []
    spans = rows[rows["end"] != rows["start"]]
    points = rows[rows["end"] == rows["start"]]
    # Spans of one colour are one trace: segments separated by gaps.
    bars: dict[str, tuple[list, list, list]] = {}
    for color, label, precision, start, end, lane, sentence in zip(
            _colors(spans["kind"].tolist(), spans["color_key"].tolist()), *(
                spans[c].tolist() for c in ("label", "precision", "start", "end", "lane", "sentence")), strict=True):
        x, y, text = bars.setdefault(color, ([], [], []))
        hover = f"<b>{html.escape(label)}</b> ({precision}: {start} – {end})<br>{_wrap_rtl(sentence)}"
        x.extend([str(start), str(end + timedelta(days=1)), None])
        y.extend([lane, lane, None])
        text.extend([hover, hover, None])
    for color, (x, y, text) in bars.items():
        traces.append({"type": "scatter", "x": x, "y": y, "mode": "lines", "line": {"width": 10, "color": color},
                       "opacity": 0.45, "showlegend": False, "hovertext": text, "hoverinfo": "text",
                       "connectgaps": False})
    # Items on the same day in the same lane sit side by side (3 h apart) instead of on top of each other.
    order = points.groupby(["lane", "start"]).cumcount()
    crowd = points.groupby(["lane", "start"])["start"].transform("size")
    hours = (20.0 / crowd).clip(upper=3.0) * order  # stays on its day
    at = (pd.to_datetime(points["start"]) + pd.to_timedelta(hours, unit="h")).dt.strftime("%Y-%m-%dT%H:%M")
    # One trace per kind, colour and fill: a trace's single colour is checked once, a per-point list
    # value by value.
    groups: dict[tuple[str, str, bool], tuple[list, list, list]] = {}
    for x, kind, color, inferred, label, start, lane, sentence in zip(
            at.tolist(), points["kind"].tolist(), _colors(points["kind"].tolist(), points["color_key"].tolist()),
            *(points[c].tolist() for c in ("inferred", "label", "start", "lane", "sentence")), strict=True):
        xs, ys, text = groups.setdefault((kind, color, bool(inferred)), ([], [], []))
        xs.append(x)
        ys.append(lane)
        text.append(f"<b>{html.escape(label)}</b> · {start}"
                    f"{' (publication date: no date in the sentence)' if inferred else ''}<br>{_wrap_rtl(sentence)}")
    for kind, symbol in (("statement", "circle"), ("event", "diamond")):
        shown = sorted((key, value) for key, value in groups.items() if key[0] == kind)
        for index, ((_, color, hollow), (xs, ys, text)) in enumerate(shown):
            traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "markers", "name": f"{kind}s",
                           "legendgroup": kind, "showlegend": index == 0,
                           "marker": {"symbol": f"{symbol}-open" if hollow else symbol, "size": 13, "color": color,
                                      "line": {"width": 1.5, "color": color}},
                           "hovertext": text, "hoverinfo": "text"})
    window = focus_range(rows["start"])
    # lanes top-down by their first item in the opening window; lanes with none there go last
    shown = rows[in_window(rows["start"], rows["end"], window)]
    lanes = list(dict.fromkeys([*shown["lane"], *rows["lane"]]))
    layout = {
        "title": {"text": title, "font": {"size": 15}}, "font": {"family": FONT, "size": 13},
        "height": max(320, 120 + 34 * len(lanes)), "margin": {"l": 10, "r": 20, "t": 60 if title else 20, "b": 40},
        "hoverlabel": {"font": {"family": FONT, "size": 14}, "align": "right"},
        "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0}, "plot_bgcolor": "#fbfbfc",
        "yaxis": {"categoryorder": "array", "categoryarray": lanes[::-1], "automargin": True},
        "xaxis": {"type": "date", "showgrid": True, "gridcolor": "#eceff3",
                  "range": [str(window[0]), str(window[1])] if window else None},
    }
    return go.Figure({"data": traces, "layout": layout})


def counts_figure(counts: pd.DataFrame, unit: str = "day") -> go.Figure:
    """Items per day, week or month, stacked by lane (statements, then each event type), for
    selections too big to draw one by one."""
    figure = go.Figure()
    for lane, rows in counts.groupby("lane", sort=True):
        color = STATEMENT_COLOR if lane == "statements" else event_color(str(lane))
        figure.add_trace(go.Bar(x=rows["date"], y=rows["items"], name=str(lane).replace("_", " "),
                                marker_color=color, hovertemplate=f"{unit} of %{{x}}: %{{y}} " + str(lane).replace("_", " ")
                                + "<extra></extra>"))
    figure.update_layout(barmode="stack", height=460, font={"family": FONT, "size": 13}, plot_bgcolor="#fbfbfc",
                         margin={"l": 10, "r": 20, "t": 40, "b": 40}, yaxis_title=f"items per {unit}",
                         legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0})
    return figure


def with_caption(figure: go.Figure, caption: str) -> go.Figure:
    """A copy of the figure with a caption under the plot (for exported images)."""
    captioned = go.Figure(figure)
    height = captioned.layout.height or 400
    captioned.update_layout(height=height + 90, margin={"b": 130})
    captioned.add_annotation(text=caption, xref="paper", yref="paper", x=0, y=0, yanchor="top", yshift=-45,
                             showarrow=False, xanchor="left", align="left", font={"size": 11, "color": "#4b5563"})
    return captioned


def sources_line(articles: pd.DataFrame, limit: int = 400) -> str:
    """The source articles for a caption: "title (source); ..." cut to `limit` characters (plain text)."""
    line = "; ".join(f"{title} ({source or 'unknown source'})"
                     for title, source in articles[["title", "source"]].itertuples(index=False))
    return line if len(line) <= limit else line[:limit] + "…"


def export_caption(caption: str, articles: pd.DataFrame) -> str:
    """The exported image's caption (plotly text: tags in titles and sources are escaped)."""
    return f"{html.escape(caption)}<br>Sources: {html.escape(sources_line(articles))}"


def png_bytes(figure: go.Figure, width: int = 1600, scale: float = 2.0) -> bytes:
    """PNG at print resolution (3200 px wide by default) rendered by kaleido with the system Chromium."""
    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    return figure.to_image(format="png", width=width, scale=scale)
