"""Actor against actor as a heatmap: rows the agent (or speaker), columns the target (or the actor
named), cells how many events (or statements). A bare figure: components.figure_report adds the title
and caption. Names come from articles and registries: escaped, since plotly reads tags in text."""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from components.figure_report import FONT
from components.timeline_chart import left_margin

CELL_PX, LABEL_CHARS = 34, 32
COLORS = [[0, "#c6dbef"], [0.5, "#4292c6"], [1, "#08306b"]]  # one pair is already well off the empty grey
# relation -> (rows, columns, what a cell counts, the verb between them)
AXES = {"acts": ("agent", "target", "events", "acts on"),
        "speaks": ("speaker", "actor named", "statements", "speaks about")}


def _cut(name: str) -> str:
    name = " ".join(str(name).split())
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"


def axis_labels(ids: list[str], names: dict[str, str]) -> list[str]:
    """Each actor's English name, cut to fit and escaped; two actors of one name told apart by their id
    (a category axis would merge them)."""
    cut = [_cut(names.get(i) or i) for i in ids]
    labels = [f"{label} ({i})" if cut.count(label) > 1 else label for label, i in zip(cut, ids, strict=True)]
    return [html.escape(label, quote=False) for label in labels]


def pairs_figure(table: pd.DataFrame, names: dict[str, str], relation: str) -> go.Figure:
    """The heatmap of a square `table` of counts (marsad.store.pairs.matrix): rows acting on, or speaking
    about, columns; an empty cell is none. Counts are written in the cells; the colour bar names them."""
    rows, columns, unit, verb = AXES[relation]
    ids = [str(i) for i in table.index]
    labels = axis_labels(ids, names)
    values = table.to_numpy()
    most = int(values.max()) if values.size else 1
    side = max(CELL_PX * len(ids), 120)
    z = [[int(v) if v else None for v in row] for row in values]
    hover = [[f"{labels[r]} {verb} {labels[c]}: {int(values[r][c])} {unit}" if values[r][c] else ""
              for c in range(len(ids))] for r in range(len(ids))]
    trace = {"type": "heatmap", "z": z, "x": labels, "y": labels, "text": hover,
             "hovertemplate": "%{text}<extra></extra>", "texttemplate": "%{z}", "textfont": {"size": 12},
             "colorscale": COLORS, "zmin": 1, "zmax": max(most, 2), "xgap": 2, "ygap": 2, "hoverongaps": False,
             "colorbar": {"title": {"text": unit, "side": "right"}, "thickness": 14, "outlinewidth": 0,
                          "len": min(1.0, max(0.4, 200 / side)), "y": 1, "yanchor": "top",
                          "tick0": 1, "dtick": max(1, math.ceil((most - 1) / 5)), "tickformat": ",d"}}
    left = left_margin(labels)
    bottom = int(40 + 0.6 * 13 * max((len(label) for label in labels), default=0) * 0.65)  # labels at 40°
    layout = {"height": side + 20 + bottom, "font": {"family": FONT, "size": 13},
              "plot_bgcolor": "#f3f4f6", "margin": {"l": left + 40, "r": 30, "t": 20, "b": bottom},
              "xaxis": {"title": {"text": f"{columns} →"}, "tickangle": -40, "type": "category"},
              "yaxis": {"title": {"text": f"{rows} ({verb} →)"}, "autorange": "reversed", "type": "category"}}
    return go.Figure({"data": [trace], "layout": layout})
