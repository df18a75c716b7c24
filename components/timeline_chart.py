"""The timeline: statements and events over time, one lane per actor or event type.

Day-precision items are points; month/week/year/range items are drawn as bars over their span; items
dated only by publication (`reported`) are hollow. Colour is the statement's stance or the event's
type, and the legend names every colour, shape and mark. Hover shows the source sentence,
right-to-left. The dates run along the top and the bottom of a tall chart, so one of them is always
in view. Past a few thousand items the page draws counts per day, week or month instead
(`counts_figure`).
"""

from __future__ import annotations

import html
import re
import zlib
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from components.figure_report import FONT
from components.vocabulary import EVENT_COLORS, STANCE_COLORS, STANCE_LABELS, STATEMENT_COLOR
from marsad.views import lane_order

HOVER_WIDTH = 70  # characters per hover line
LANE_PX = 30  # height of one lane
LEGEND_ROW_PX, LEGEND_TITLE_PX = 22, 30
MARK_COLOR = "#6b7280"

_LINE_RE = re.compile(rf"\S.{{0,{HOVER_WIDTH - 1}}}(?=\s|$)|\S+")


def _wrap_rtl(text: str) -> str:
    """Untrusted text for a hover label: escaped (plotly reads tags in it), cut into lines of
    about HOVER_WIDTH characters, each embedded right-to-left."""
    lines = _LINE_RE.findall(html.escape(" ".join(text.split()), quote=False))
    return "<br>".join(f"\u202b{line}\u202c" for line in lines)


def _stance_groups() -> dict[str, str]:
    """Colour -> the stances drawn in it, as the legend names them ('denied, rejected')."""
    named: dict[str, list[str]] = {}
    for stance, color in STANCE_COLORS.items():
        named.setdefault(color, []).append(STANCE_LABELS.get(stance, stance))
    return {color: ", ".join(labels) for color, labels in named.items()}


STANCE_GROUPS = _stance_groups()
OTHER_STATEMENTS = "said, other verbs"


# for event types the vocabulary gives no colour of their own (looting, siege...): one each, by name
_SPARE_COLORS = ["#2E91E5", "#E15F99", "#1CA71C", "#DA16FF", "#B68100", "#750D86", "#00A08B", "#FB00D1",
                 "#B2828D", "#6C7C32", "#778AAE", "#862A16", "#A777F1", "#620042", "#1616A7", "#6C4516"]


def type_color(event_type: str) -> str:
    """An event type's colour: the vocabulary's, else a spare one chosen by the name (the same on every
    chart), so that no two types in a legend share the default colour."""
    if event_type in EVENT_COLORS:
        return EVENT_COLORS[event_type]
    if event_type.startswith("other types"):
        return "#9ca3af"
    return _SPARE_COLORS[zlib.crc32(event_type.encode()) % len(_SPARE_COLORS)]


def _legend_key(kind: str, key: str) -> tuple[str, str]:
    """(colour, legend entry) of a statement's stance or an event's type."""
    if kind == "event":
        return type_color(str(key)), str(key).replace("_", " ")
    color = STANCE_COLORS.get(key, STATEMENT_COLOR)
    return color, STANCE_GROUPS.get(color, OTHER_STATEMENTS)


_GROUP_TITLES = {"statement": "Statements (●), colour: stance", "event": "Events (◆), colour: type",
                 "mark": "Marks"}


def _group_title_once(kind: str, index: int) -> dict:
    """The legend group's title, on its first entry."""
    return {"legendgrouptitle": {"text": _GROUP_TITLES[kind]}} if index == 0 else {}


def _bars(spans: pd.DataFrame) -> list[dict]:
    """Spans of one colour as one trace: segments separated by gaps."""
    bars: dict[str, tuple[list, list, list]] = {}
    for kind, key, label, precision, start, end, lane, sentence in zip(*(
            spans[c].tolist() for c in ("kind", "color_key", "label", "precision", "start", "end", "lane",
                                        "sentence")), strict=True):
        x, y, text = bars.setdefault(_legend_key(kind, key)[0], ([], [], []))
        hover = f"<b>{html.escape(label)}</b> ({precision}: {start} – {end})<br>{_wrap_rtl(sentence)}"
        x.extend([str(start), str(end + timedelta(days=1)), None])
        y.extend([lane, lane, None])
        text.extend([hover, hover, None])
    return [{"type": "scatter", "x": x, "y": y, "mode": "lines", "line": {"width": 10, "color": color},
             "opacity": 0.45, "showlegend": False, "hovertext": text, "hoverinfo": "text", "connectgaps": False}
            for color, (x, y, text) in bars.items()]


def _points(points: pd.DataFrame) -> list[dict]:
    """One trace per legend entry (kind and colour): filled where the sentence dates the item, hollow
    where only the publication does."""
    # Items on the same day in the same lane sit side by side (3 h apart) instead of on top of each other.
    order = points.groupby(["lane", "start"]).cumcount()
    crowd = points.groupby(["lane", "start"])["start"].transform("size")
    hours = (20.0 / crowd).clip(upper=3.0) * order  # stays on its day
    at = (pd.to_datetime(points["start"]) + pd.to_timedelta(hours, unit="h")).dt.strftime("%Y-%m-%dT%H:%M")
    groups: dict[tuple[str, str, str], tuple[list, list, list, list]] = {}
    filled_first = points["inferred"].astype(bool).argsort(kind="stable")  # a legend entry shows its first mark
    points, at = points.iloc[filled_first], at.iloc[filled_first]
    for x, kind, key, inferred, label, start, lane, sentence in zip(
            at.tolist(), *(points[c].tolist() for c in ("kind", "color_key", "inferred", "label", "start", "lane",
                                                         "sentence")), strict=True):
        color, entry = _legend_key(kind, key)
        xs, ys, text, hollow = groups.setdefault((kind, entry, color), ([], [], [], []))
        xs.append(x)
        ys.append(lane)
        hollow.append(bool(inferred))
        text.append(f"<b>{html.escape(label)}</b> · {start}"
                    f"{' (publication date: no date in the sentence)' if inferred else ''}<br>{_wrap_rtl(sentence)}")
    traces = []
    for kind, symbol in (("statement", "circle"), ("event", "diamond")):
        entries = sorted((key, value) for key, value in groups.items() if key[0] == kind)
        entries.sort(key=lambda item: item[0][1] == OTHER_STATEMENTS)  # "said, other verbs" after the stances
        for index, ((_, entry, color), (xs, ys, text, hollow)) in enumerate(entries):
            # a trace's one symbol is checked once, a per-point list value by value: lists only when mixed
            symbols = (f"{symbol}-open" if hollow[0] else symbol) if len(set(hollow)) == 1 else [
                f"{symbol}-open" if h else symbol for h in hollow]
            traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "markers", "name": entry,
                           "legendgroup": kind, **_group_title_once(kind, index),
                           "marker": {"symbol": symbols, "size": 13, "color": color,
                                      "line": {"width": 1.5, "color": color}},
                           "hovertext": text, "hoverinfo": "text"})
    return traces


def _marks(rows: pd.DataFrame) -> list[dict]:
    """Legend entries (no data) for the marks: hollow = dated by publication, bar = a span."""
    marks = [("dated in the sentence", {"mode": "markers", "marker": {"symbol": "circle", "size": 11,
                                                                        "color": MARK_COLOR}})]
    if rows["inferred"].any():
        marks.append(("dated by publication only", {"mode": "markers", "marker": {
            "symbol": "circle-open", "size": 11, "color": MARK_COLOR, "line": {"width": 1.5}}}))
    if (rows["end"] != rows["start"]).any():
        marks.append(("a week, month or year", {"mode": "lines", "line": {"width": 10, "color": MARK_COLOR},
                                               "opacity": 0.45}))
    return [{"type": "scatter", "x": [None], "y": [None], "name": name, "legendgroup": "mark",
             **_group_title_once("mark", index), "hoverinfo": "skip", **style} for index, (name, style) in enumerate(marks)]


_STEPS = [(1, "day"), (2, "day"), (7, "day"), (14, "day"), (1, "month"), (2, "month"), (3, "month"), (6, "month"),
          (1, "year"), (2, "year"), (5, "year"), (10, "year"), (25, "year"), (50, "year"), (100, "year")]


def date_ticks(low: date, high: date, most: int = 6) -> tuple[list[str], list[str]]:
    """Tick dates and labels from `low` to `high`, at most `most` of them: days ('6 Apr'), Mondays,
    month starts ('Apr', 'Jan 2016') or years, the year written on the first tick and where it changes.

    Set on both date axes: plotly's own ticks on an axis drawn along the top are labelled a month off.
    """
    days = max((high - low).days, 1)
    step, unit = next(((n, u) for n, u in _STEPS
                       if days / (n * {"day": 1, "month": 30.4, "year": 365.25}[u]) <= most), _STEPS[-1])
    if unit == "day":
        first = low + timedelta(days=(-low.weekday()) % 7) if step >= 7 else low  # weeks start on Monday
        ticks = [first + timedelta(days=step * i) for i in range(days // step + 2)]
    elif unit == "month":
        months = range(low.year * 12 + low.month - 1, high.year * 12 + high.month + 1)
        ticks = [date(m // 12, m % 12 + 1, 1) for m in months if (m % 12) % step == 0]
    else:
        ticks = [date(y, 1, 1) for y in range(low.year, high.year + 2) if y % step == 0 and y > 0]
    ticks = [t for t in ticks if low <= t <= high]
    labels, year = [], None
    for tick in ticks:
        text = str(tick.year) if unit == "year" else f"{tick:%b}" if unit == "month" else f"{tick.day} {tick:%b}"
        if unit != "year" and tick.year != year:
            text += f" {tick.year}"
        labels.append(text)
        year = tick.year
    return [t.isoformat() for t in ticks], labels


def count_ticks(table: pd.DataFrame, value: str) -> dict:
    """Whole-number ticks for stacked counts: one a unit while the tallest bar is under ten."""
    tallest = table.groupby("date")[value].sum().max() if len(table) else 0
    return {"rangemode": "tozero", **({"dtick": 1} if tallest < 10 else {})}


def date_axis(x_range: tuple[date, date] | None) -> dict:
    """A date axis over `x_range` with date_ticks()."""
    axis = {"type": "date", "showgrid": True, "gridcolor": "#e5e7eb", "showline": True, "linecolor": "#9ca3af",
            "ticks": "outside"}
    if x_range:
        values, labels = date_ticks(*x_range)
        axis.update(range=[str(x_range[0]), str(x_range[1])], tickmode="array", tickvals=values, ticktext=labels)
    return axis


def legend_height(traces: list[dict]) -> int:
    """Pixels the legend's entries and group titles take."""
    shown = [t for t in traces if t.get("showlegend", True) is not False and t.get("name")]
    titles = sum(1 for t in shown if t.get("legendgrouptitle"))
    return LEGEND_ROW_PX * len(shown) + LEGEND_TITLE_PX * titles + 24  # 24: the legend's padding


LANE_CHARS = 40


def lane_label(lane: str) -> str:
    """A lane's name as the axis shows it: cut to LANE_CHARS characters (a speaker named by a whole
    clause would squeeze the plot to a sliver); the hover shows each item in full."""
    return lane if len(lane) <= LANE_CHARS else lane[:LANE_CHARS - 1].rstrip() + "…"


def left_margin(labels: list[str], font_px: int = 13) -> int:
    """Room for the longest lane label (about 0.6 em a character), 60 to 330 px."""
    return int(min(max(60, 16 + 0.6 * font_px * max((len(label) for label in labels), default=0)), 330))


def timeline_figure(rows: pd.DataFrame, x_range: tuple[date, date] | None = None) -> go.Figure:
    """Day items as points (side by side when they share a day and lane), longer spans as bars; one
    lane per `rows["lane"]`, top-down by first item, an "others" lane last.

    Traces are built as plain lists and validated once by go.Figure: per-trace graph objects
    over pandas columns cost plotly ~0.1 s for a thousand items.
    """
    lanes = lane_order(rows)
    traces = _bars(rows[rows["end"] != rows["start"]]) + _points(rows[rows["end"] == rows["start"]]) + _marks(rows)
    # The date axis along the top too: an axis is drawn only with a trace on it, so one invisible point.
    traces.append({"type": "scatter", "x": [str(x_range[0]) if x_range else str(rows["start"].min())],
                   "y": [lanes[0]], "xaxis": "x2", "mode": "lines", "showlegend": False, "hoverinfo": "skip"})
    plot = max(LANE_PX * max(len(lanes), 3), legend_height(traces))
    axis = date_axis(x_range)
    layout = {
        "font": {"family": FONT, "size": 13}, "height": plot + 60 + 50,
        "margin": {"l": left_margin([lane_label(lane) for lane in lanes]), "r": 20, "t": 60, "b": 50},
        "hoverlabel": {"font": {"family": FONT, "size": 14}, "align": "right"},
        "legend": {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top",
                   "groupclick": "toggleitem", "tracegroupgap": 12, "font": {"size": 12}},
        "plot_bgcolor": "#fbfbfc",
        # lanes fill the plot: no band of blank rows above or below them
        "yaxis": {"categoryorder": "array", "categoryarray": lanes[::-1], "automargin": True, "tickmode": "array",
                  "tickvals": lanes, "ticktext": [html.escape(lane_label(lane), quote=False) for lane in lanes],
                  "range": [-0.6, len(lanes) - 0.4], "fixedrange": True},
        "xaxis": axis,
        "xaxis2": {**axis, "overlaying": "x", "matches": "x", "side": "top", "showgrid": False},
    }
    return go.Figure({"data": traces, "layout": layout})


def period_bars(unit: str) -> dict:
    """Bar settings that make each bar span its day, week (from Monday) or month on a date axis."""
    day = 86_400_000  # ms
    period, days = {"day": (day, 1), "week": (7 * day, 7), "month": ("M1", 30)}[unit]
    return {"xperiod": period, "xperiod0": "2001-01-01", "xperiodalignment": "middle",  # 1 Jan 2001: a Monday
            "width": 0.85 * days * day}


def period_x(dates: pd.Series) -> list:
    """A bar chart's x values: datetime64 dates as the ISO text plotly writes for a Timestamp, in one step
    (a list of Timestamps is deep-copied and validated one by one by plotly: 0.1-0.2 s for three years of
    days); other values as they are."""
    if pd.api.types.is_datetime64_dtype(dates) and dates.notna().all():
        return dates.dt.strftime("%Y-%m-%dT%H:%M:%S").tolist()
    return dates.tolist()


def counts_figure(counts: pd.DataFrame, unit: str = "day", x_range: tuple[date, date] | None = None) -> go.Figure:
    """Items per day, week or month, stacked by lane (statements, then each event type), for
    selections too big to draw one by one."""
    traces, titled = [], set()
    totals = counts.groupby("lane")["items"].sum()
    # statements at the bottom of each bar, then the types from the most frequent, "other types" on top
    order = sorted(totals.index, key=lambda lane: (lane != "statements", str(lane).startswith("other types"),
                                                    -totals[lane], lane))
    for lane in order:
        rows = counts[counts["lane"] == lane]
        name, kind = str(lane).replace("_", " "), "statement" if lane == "statements" else "event"
        trace = {"type": "bar", "x": period_x(rows["date"]), "y": rows["items"].tolist(), "name": name,
                 "marker": {"color": STATEMENT_COLOR if kind == "statement" else type_color(str(lane)),
                            "line": {"width": 0}}, "legendgroup": kind, **period_bars(unit),
                 "hovertemplate": f"{unit} of %{{x|%-d %b %Y}}: %{{y}} {html.escape(name)}<extra></extra>"}
        if kind not in titled:
            trace["legendgrouptitle"] = {"text": "Statements" if kind == "statement" else "Events, by type"}
            titled.add(kind)
        traces.append(trace)
    plot = max(380, legend_height(traces))
    layout = {"barmode": "stack", "bargap": 0.15, "height": plot + 20 + 50, "font": {"family": FONT, "size": 13},
              "plot_bgcolor": "#fbfbfc", "margin": {"l": 70, "r": 20, "t": 20, "b": 50},
              "yaxis": {"title": {"text": f"items per {unit}"}, "gridcolor": "#e5e7eb", **count_ticks(counts, "items")},
              "xaxis": date_axis(x_range),
              "legend": {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top",
                         "groupclick": "toggleitem", "tracegroupgap": 12, "font": {"size": 12}}}
    return go.Figure({"data": traces, "layout": layout})
