"""The timeline: statements and events over time, one lane per actor or event type.

Day-precision items are points; month/week/year/range items are drawn as bars over
their span; items dated only by publication (`reported`) are hollow. Hover shows
the source sentence, right-to-left. Export: PNG at print resolution via kaleido,
with a caption naming the filter and the source articles.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go

from marsad.views import event_color, focus_range

FONT = "Noto Sans, Noto Naskh Arabic, DejaVu Sans, Arial, sans-serif"
STANCE_COLORS = {"deny": "#b91c1c", "reject": "#b91c1c", "appeal": "#ca8a04", "warn": "#ca8a04",
                 "assert": "#15803d", "announce": "#15803d", "acknowledge": "#15803d"}


def _wrap_rtl(text: str, width: int = 70) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(f"\u202b{part}\u202c" for part in lines if part)


def _color(row: dict) -> str:
    if row["kind"] == "event":
        return event_color(row["color_key"])
    return STANCE_COLORS.get(row["color_key"], "#264653")


def timeline_figure(rows: pd.DataFrame, title: str = "") -> go.Figure:
    figure = go.Figure()
    spans = rows[rows["end"] != rows["start"]]
    points = rows[rows["end"] == rows["start"]].copy()
    # Items on the same day in the same lane sit side by side (3 h apart) instead of on top of each other.
    order = points.groupby(["lane", "start"]).cumcount()
    crowd = points.groupby(["lane", "start"])["start"].transform("size")
    hours = (20.0 / crowd).clip(upper=3.0) * order  # stays on its day
    points["x"] = pd.to_datetime(points["start"]) + pd.to_timedelta(hours, unit="h")
    # Spans of one colour are one trace: segments separated by gaps (a trace per span costs plotly
    # a few milliseconds each; a month of a frequent speaker has hundreds).
    bars: dict[str, tuple[list, list, list]] = {}
    for row in spans.to_dict("records"):
        x, y, text = bars.setdefault(_color(row), ([], [], []))
        hover = (f"<b>{row['label']}</b> ({row['precision']}: {row['start']} – {row['end']})<br>"
                 f"{_wrap_rtl(row['sentence'])}")
        x.extend([row["start"], row["end"] + timedelta(days=1), None])
        y.extend([row["lane"], row["lane"], None])
        text.extend([hover, hover, None])
    for color, (x, y, text) in bars.items():
        figure.add_trace(go.Scatter(x=x, y=y, mode="lines", line={"width": 10, "color": color}, opacity=0.45,
                                    showlegend=False, hovertext=text, hoverinfo="text", connectgaps=False))
    # One trace per kind, colour and fill: plotly checks per-point colour and symbol lists one value
    # at a time (a second for a few thousand points); a trace's single colour is checked once.
    points["color"] = [_color(r) for r in points[["kind", "color_key"]].to_dict("records")]
    points["hover"] = [f"<b>{label}</b> · {start}{' (publication date: no date in the sentence)' if inferred else ''}"
                       f"<br>{_wrap_rtl(sentence)}" for label, start, inferred, sentence
                       in points[["label", "start", "inferred", "sentence"]].itertuples(index=False)]
    for kind, symbol in (("statement", "circle"), ("event", "diamond")):
        first = True
        for (color, hollow), subset in points[points["kind"] == kind].groupby(["color", "inferred"], sort=True):
            figure.add_trace(go.Scatter(
                x=subset["x"], y=subset["lane"], mode="markers", name=f"{kind}s", legendgroup=kind,
                showlegend=first, marker={"symbol": f"{symbol}-open" if hollow else symbol, "size": 13,
                                          "color": color, "line": {"width": 1.5, "color": color}},
                hovertext=subset["hover"].tolist(), hoverinfo="text"))
            first = False
    lanes = list(dict.fromkeys(rows["lane"]))
    window = focus_range(rows["start"])
    figure.update_layout(
        title={"text": title, "font": {"size": 15}}, font={"family": FONT, "size": 13},
        height=max(320, 120 + 34 * len(lanes)), margin={"l": 10, "r": 20, "t": 60 if title else 20, "b": 40},
        hoverlabel={"font": {"family": FONT, "size": 14}, "align": "right"},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0}, plot_bgcolor="#fbfbfc",
        yaxis={"categoryorder": "array", "categoryarray": lanes[::-1], "automargin": True},
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#eceff3",
               "range": [str(window[0]), str(window[1])] if window else None},
    )
    return figure


def counts_figure(counts: pd.DataFrame, unit: str = "day") -> go.Figure:
    """Items per day, week or month, stacked by lane (statements, then each event type), for
    selections too big to draw one by one."""
    figure = go.Figure()
    for lane, rows in counts.groupby("lane", sort=True):
        color = "#264653" if lane == "statements" else event_color(str(lane))
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
    """The source articles for a caption: "title (source); ..." cut to `limit` characters."""
    line = "; ".join(f"{title} ({source or 'unknown source'})"
                     for title, source in articles[["title", "source"]].itertuples(index=False))
    return line if len(line) <= limit else line[:limit] + "…"


def png_bytes(figure: go.Figure, width: int = 1600, scale: float = 2.0) -> bytes:
    """PNG at print resolution (3200 px wide by default) rendered by kaleido with the system Chromium."""
    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    return figure.to_image(format="png", width=width, scale=scale)
