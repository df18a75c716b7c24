"""Events over time: how many of each type per week or month, stacked; and, where the events carry
casualty figures, how many people were reported killed.

Both take per-period tables (marsad.views.bin_counts, killed_per_period) and return bare figures:
components.figure_report adds the title and caption.
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from components.figure_report import FONT
from components.timeline_chart import count_ticks, date_axis, legend_height, period_bars, period_x, type_color


def _stacked(table: pd.DataFrame, value: str, unit: str, y_title: str, legend_title: str,
             x_range: tuple[date, date] | None) -> go.Figure:
    """Bars per period, stacked by event type (largest total at the bottom), one legend entry a type."""
    totals = table.groupby("type")[value].sum().sort_values(ascending=False, kind="stable")
    totals = totals.iloc[totals.index.str.startswith("other types").argsort(kind="stable")]  # on top of the stack
    traces = []
    for index, event_type in enumerate(totals.index):
        rows = table[table["type"] == event_type]
        name = str(event_type).replace("_", " ")
        trace = {"type": "bar", "x": period_x(rows["date"]), "y": rows[value].tolist(), "name": name,
                 "marker": {"color": type_color(str(event_type)), "line": {"width": 0}}, **period_bars(unit),
                 "hovertemplate": f"{unit} of %{{x|%-d %b %Y}}: %{{y}} · {html.escape(name)}<extra></extra>"}
        if index == 0:
            trace["legendgrouptitle"] = {"text": legend_title}
        traces.append(trace)
    plot = max(320, legend_height(traces))
    period = pd.Timedelta(days=7 if unit == "week" else 31)
    layout = {"barmode": "stack", "bargap": 0.15, "height": plot + 20 + 50, "font": {"family": FONT, "size": 13},
              "plot_bgcolor": "#fbfbfc", "margin": {"l": 70, "r": 20, "t": 20, "b": 50},
              "yaxis": {"title": {"text": y_title}, "gridcolor": "#e5e7eb", **count_ticks(table, value)},
              "xaxis": date_axis(x_range and ((pd.Timestamp(x_range[0]) - period).date(),
                                              (pd.Timestamp(x_range[1]) + period).date())),
              "legend": {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top",
                         "font": {"size": 12}}}
    return go.Figure({"data": traces, "layout": layout})


def events_figure(counts: pd.DataFrame, unit: str, x_range: tuple[date, date] | None = None) -> go.Figure:
    """Events per week or month, stacked by type; `counts` has date (the period's first day), type, items."""
    return _stacked(counts, "items", unit, f"events per {unit}", "Event type", x_range)


def fatalities_figure(killed: pd.DataFrame, unit: str, x_range: tuple[date, date] | None = None) -> go.Figure:
    """People reported killed per week or month, stacked by event type; `killed` has date, type, killed
    (marsad.views.killed_per_period)."""
    return _stacked(killed, "killed", unit, f"reported killed per {unit}", "Event type", x_range)
