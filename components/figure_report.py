"""What makes a chart fit for a report: a title naming the filter, a caption with the sources, the
filter, the export date and a citation line, and a file name that says what the image shows.

Conflict analysts paste these charts into reports, where the dashboard's sidebar is not there to say
what was selected: the figure itself has to. The caption is inside the figure (an annotation under the
plot), so every way out of the dashboard — the chart's own camera button, the PNG and SVG downloads —
carries it. Text from articles is escaped (plotly reads tags in text) and Arabic runs are embedded
right-to-left, so a title's parentheses stay where they belong.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from marsad.filters import Filters

FONT = "Noto Sans, Noto Naskh Arabic, DejaVu Sans, Arial, sans-serif"
CITATION = "Marsad — Arabic conflict news as data"
# Exported images are laid out this wide, then scaled to 3200 px: a 13 px caption prints at about 7 pt
# when the figure spans a 16 cm column.
EXPORT_WIDTH, EXPORT_SCALE = 960, 10 / 3
CAPTION_SIZE, CAPTION_LINE_PX, CAPTION_CHARS = 13, 18, 125
TITLE_SIZE, TITLE_LINE_PX, TITLE_CHARS = 17, 24, 95
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
RLE, PDF = "\u202b", "\u202c"


def rtl(text: str) -> str:
    """Text embedded right-to-left when it holds Arabic (a title, a source), as it is otherwise."""
    return f"{RLE}{text}{PDF}" if _ARABIC.search(text) else text


def day_range(low: date | None, high: date | None) -> str:
    """'5–8 Apr 2019', '28 Mar – 8 Apr 2019', '30 Dec 2018 – 2 Jan 2019', '6 Apr 2019'."""
    if low is None or high is None:
        return "all dates"
    if low == high:
        return f"{low.day} {low:%b %Y}"
    if (low.year, low.month) == (high.year, high.month):
        return f"{low.day}–{high.day} {high:%b %Y}"
    if low.year == high.year:
        return f"{low.day} {low:%b} – {high.day} {high:%b %Y}"
    return f"{low.day} {low:%b %Y} – {high.day} {high:%b %Y}"


def sources_line(articles: pd.DataFrame, total: int | None = None, limit: int = 6) -> str:
    """The source articles, plain text: "title (source); title; … and 40 more articles". A missing
    source is left out, not printed as "(unknown source)"; Arabic is embedded right-to-left."""
    shown = articles.head(limit)
    parts = [rtl(_cut(str(title), 90)) + (f" ({rtl(_cut(str(source), 40))})" if source else "")
             for title, source in shown[["title", "source"]].itertuples(index=False)]
    more = (total if total is not None else len(articles)) - len(shown)
    return "; ".join(parts) + (f"; and {more} more article{'s' * (more != 1)}" if more > 0 else "")


def _cut(text: str, most: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _lines(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` characters; a right-to-left run cut across lines is
    closed at the end of one and opened again at the start of the next."""
    lines, open_runs = [], 0
    for line in textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]:
        line = RLE * open_runs + line
        open_runs = max(line.count(RLE) - line.count(PDF), 0)
        lines.append(line + PDF * open_runs)
    return lines


@dataclass(frozen=True)
class Report:
    """The filter a page's charts show, named for titles, captions and file names."""

    filters: Filters
    names: Mapping[str, str]  # actor and place ids -> English names
    sources: str  # sources_line() of the matching articles
    exported: date

    def scope(self) -> str:
        """Plain text: 'Khalifa Haftar in Tripoli; armed clash; source: X', or 'all articles'."""
        f, name = self.filters, (lambda key: rtl(self.names.get(key, key)))
        parts = [", ".join(name(a) for a in f.actors)] if f.actors else []
        if f.places:
            parts.append("in " + ", ".join(name(p) for p in f.places))
        if f.event_types:
            parts.append(", ".join(t.replace("_", " ") for t in f.event_types))
        if f.sources:
            parts.append(f"source{'s' * (len(f.sources) > 1)}: " + ", ".join(rtl(s) for s in f.sources))
        return " ".join(parts[:2]) + "".join(f"; {p}" for p in parts[2:]) if parts else "all articles"

    def dates(self, shown: tuple[date, date] | None) -> tuple[date | None, date | None]:
        """The dates a chart covers: the filter's, else those it shows."""
        f = self.filters
        if f.date_from or f.date_to:
            return f.date_from or (shown[0] if shown else None), f.date_to or (shown[1] if shown else None)
        return shown or (None, None)

    def title(self, what: str, shown: tuple[date, date] | None) -> str:
        """Plotly text: 'Events and statements: Khalifa Haftar, 5–8 Apr 2019', wrapped, escaped."""
        text = f"{what}: {self.scope()}, {day_range(*self.dates(shown))}"
        return "<br>".join(html.escape(line, quote=False) for line in _lines(text, TITLE_CHARS))

    def caption(self, notes: Sequence[str] = ()) -> str:
        """Plotly text: the filter and what the chart leaves out, the sources, the export date and the
        citation line; wrapped to the export width, escaped."""
        f = self.filters
        lines = [f"Filter: {f.describe(self.names)}." + "".join(f" {note}" for note in notes),
                 f"Sources: {self.sources or 'none'}.",
                 f"Exported {self.exported.isoformat()}. Cite as: {CITATION}, {self.exported.isoformat()}."]
        return "<br>".join(html.escape(part, quote=False) for line in lines for part in _lines(line, CAPTION_CHARS))

    def filename(self, what: str, shown: tuple[date, date] | None, ext: str) -> str:
        """'marsad-timeline-khalifa-haftar-2019-04-05-2019-04-08.png': what, the filter, the dates."""
        f = self.filters
        picked = [*f.actors, *f.places, *f.event_types, *f.sources]
        words = [w for w in (_slug(p) for p in picked[:3]) if w]
        if len(picked) > 3:
            words.append(f"and-{len(picked) - 3}-more")
        low, high = self.dates(shown)
        days = [d.isoformat() for d in (low, high) if d]
        stem = "-".join(["marsad", _slug(what), *words, *days])
        return f"{stem[:150].rstrip('-')}.{ext}"


def report_ready(figure: go.Figure, title: str, caption: str) -> go.Figure:
    """The figure with its title above and its caption under the plot, margins sized for both.

    The caption starts at the figure's left edge, not the plot's (it is shifted back by the left
    margin); the plot keeps its height, the figure grows by the title and the caption.
    """
    layout = figure.layout
    left = layout.margin.l if layout.margin.l is not None else 80
    plot_top, plot_bottom = layout.margin.t or 20, layout.margin.b or 40
    top = plot_top + 14 + TITLE_LINE_PX * (title.count("<br>") + 1)
    bottom = plot_bottom + 14 + CAPTION_LINE_PX * (caption.count("<br>") + 1)
    figure.update_layout(
        height=(layout.height or 400) + top - plot_top + bottom - plot_bottom, margin={"t": top, "b": bottom},
        title={"text": title, "x": 0, "xref": "container", "xanchor": "left", "pad": {"l": 12, "t": 12},
               "y": 1, "yref": "container", "yanchor": "top", "font": {"size": TITLE_SIZE, "family": FONT}},
    )
    figure.add_annotation(text=caption, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="bottom",
                          xshift=12 - left, yshift=10 - bottom, showarrow=False, align="left",
                          font={"size": CAPTION_SIZE, "color": "#374151", "family": FONT})
    return figure
