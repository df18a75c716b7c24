"""The timeline page's panels: the timeline (item by item, or counted past a few thousand items), the
items dated far from the rest, and events over time by type (and reported deaths, where the events
carry them).

Every chart opens on one window for the page: where the bulk of the items' dates lie
(marsad.views.focus_range, Tukey's fences). Items outside it are history the articles recall
(an 1864 battle in a 2015 article); they are listed under the timeline instead of stretching its axis.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from components import data, figure_export, figure_options
from components.figure_events import events_figure, fatalities_figure
from components.figure_report import Report, day_range, report_ready, sources_line
from components.html import escape
from components.timeline_chart import counts_figure, timeline_figure
from components.vocabulary import STANCE_LABELS
from marsad.export import csv_bytes
from marsad.filters import Filters
from marsad.store import reads
from marsad.views import (
    LARGE_UNDATED_TOLL,
    bin_counts,
    focus_range,
    killed_per_period,
    shown_range,
    split_window,
    timeline_rows,
    timeline_unit,
    tolls_apart,
    top_lanes,
    top_types,
)

LANES, LANES_KEY, LANES_DEFAULT, LANES_MAX = "lanes", "timeline_lane_count", 20, 200
PER, PER_KEY, PER_OPTIONS = "per", "timeline_events_per", ["week", "month"]
PRINT = "Prepare PNG for print (3200 px) and SVG"
TYPES_SHOWN = 11  # event types stacked one by one; the rest as "other types"


def report(url: str, key: tuple, filters: Filters, counts: dict) -> Report:
    """The filter, its names and its sources, dated today, for every chart's title and caption."""
    articles = data.articles(url, key, limit=12)
    return Report(filters, data.options(url)["names"], sources_line(articles, counts["articles"]), date.today())


def page_window(day_counts: pd.DataFrame) -> tuple[date, date] | None:
    """The page's window: where the bulk of the items' dates lie (per-day counts weigh each day)."""
    return focus_range(day_counts["date"], day_counts["items"])


def _items(n: int) -> str:
    return f"{n:,} item{'s' * (n != 1)}"


def _outside_note(outside: int, window: tuple[date, date] | None) -> list[str]:
    if not outside or window is None:
        return []
    return [f"{_items(outside)} dated outside {day_range(*window)}, far from the rest, not drawn (listed in the "
            "dashboard)."]


def _lanes_controls() -> tuple[str, int]:
    group, count = st.columns([1, 1])
    by = group.segmented_control("Lanes", ["actor", "event type"], default="actor", key="timeline_lanes") or "actor"
    figure_options.prime(LANES, LANES_KEY, LANES_DEFAULT, figure_options.whole_number(1, LANES_MAX))
    keep = count.number_input("Lanes shown (most items first; the rest in one “others” lane)", 1, LANES_MAX,
                              key=LANES_KEY, step=5)
    return by, figure_options.keep(LANES, LANES_KEY, LANES_DEFAULT, int(keep))


def item_timeline(url: str, key: tuple, filters: Filters, window: tuple[date, date] | None,
                  report: Report) -> pd.DataFrame:
    """The timeline item by item, top lanes and an "others" lane; returns the selection's events."""
    by, keep = _lanes_controls()
    events = data.events(url, key)
    rows = timeline_rows(data.statements(url, key), events, by, STANCE_LABELS, focus=filters.actors)
    inside, outside = split_window(rows, window)
    noun = "actors" if by == "actor" else "event types"
    shown, folded = top_lanes(inside, keep, noun)
    x_range = shown_range(inside["start"], inside["end"], window)
    notes = [f"Lanes: the {keep} {noun} with most items; {folded} more share the “others” lane."] if folded else []
    notes += ["Hollow marks: dated by publication, not by the sentence."] if inside["inferred"].any() else []
    st.caption(escape(f"Marsad — {filters.describe(report.names)}. " + " ".join(notes)))
    figure = report_ready(timeline_figure(shown, x_range), report.title("Events and statements", x_range),
                          report.caption(notes + _outside_note(len(outside), window)))
    _show(figure, report.filename("timeline", x_range, "png"), "timeline", rows)
    if len(outside):
        _outside_items(outside, window)
    return events


def counts_timeline(day_counts: pd.DataFrame, window: tuple[date, date] | None, report: Report) -> None:
    """Too many items to draw one by one: how many there are per day, week or month, by type."""
    inside, outside = split_window(day_counts, window, "date", "date")
    x_range = shown_range(inside["date"].dt.date, inside["date"].dt.date, window)
    unit = timeline_unit(*x_range)
    binned = bin_counts(inside, unit)
    table = top_types(binned, TYPES_SHOWN, column="lane")
    st.info(f"{int(day_counts['items'].sum()):,} statements and events: too many to draw one by one, so this "
            f"shows how many there are each {unit}. Filter by actor, place or dates to see each item.")
    st.caption(escape(f"Marsad — {report.filters.describe(report.names)}."))
    figure = report_ready(counts_figure(table, unit, x_range), report.title(f"Statements and events per {unit}", x_range),
                          report.caption(_outside_note(int(outside["items"].sum()), window)))
    _show(figure, report.filename(f"timeline-per-{unit}", x_range, "png"), "timeline", binned)
    if len(outside):
        with st.expander(f"Dated outside this window ({_items(int(outside['items'].sum()))})"):
            st.caption(f"Far from where most items lie ({day_range(*window)}): history the articles recall.")
            st.dataframe(outside.assign(date=outside["date"].dt.date).rename(columns={"lane": "type"}),
                         hide_index=True, width="stretch")


def _show(figure, filename: str, key: str, table: pd.DataFrame) -> None:  # noqa: ANN001
    """The chart, then its print button (PNG and SVG) and `table` as CSV, all named for what they show."""
    figure_export.show(figure, filename, key)
    left, right = st.columns(2)
    label = PRINT if key == "timeline" else "Prepare this chart for print (PNG, SVG)"
    figure_export.print_buttons(figure, filename, key, label, left)
    data_label = {"timeline": "Download data (CSV)", "events": "Download event counts (CSV)"}.get(
        key, "Download reported deaths (CSV)")  # one name a button: a test (or a person) finds each
    # the CSV is made when clicked (deferred), not on every run of the page
    right.download_button(data_label, partial(csv_bytes, table), filename.rsplit(".", 1)[0] + ".csv", "text/csv",
                          key=f"{key}_csv", on_click="ignore")


def _outside_items(outside: pd.DataFrame, window: tuple[date, date] | None) -> None:
    with st.expander(f"Dated outside this window ({_items(len(outside))})"):
        st.caption(f"Far from where most items lie ({day_range(*window)}): history the articles recall, such as "
                   "a war decades before the article. Listed here rather than stretching the chart's axis.")
        st.dataframe(outside[["start", "end", "precision", "lane", "label", "sentence"]].rename(
            columns={"start": "date", "lane": "who / what", "label": "item"}), hide_index=True, width="stretch")


def events_over_time(day_counts: pd.DataFrame, events: pd.DataFrame | None, window: tuple[date, date] | None,
                     report: Report) -> None:
    """Events per week or month, stacked by type; then deaths reported, where the events carry them."""
    st.subheader("Events over time, by type")
    figure_options.prime(PER, PER_KEY, "week", figure_options.one_of(PER_OPTIONS))
    unit = st.segmented_control("Per", PER_OPTIONS, key=PER_KEY) or "week"
    figure_options.keep(PER, PER_KEY, "week", unit)
    inside, _ = split_window(day_counts[day_counts["kind"] == "event"], window, "date", "date")
    if inside.empty:
        st.info("No dated events for these filters.")
        return
    binned = bin_counts(inside.rename(columns={"lane": "type"})[["date", "type", "items"]], unit)
    table = top_types(binned, TYPES_SHOWN)
    x_range = shown_range(inside["date"].dt.date, inside["date"].dt.date, window)
    figure = report_ready(events_figure(table, unit, x_range), report.title(f"Events per {unit}, by type", x_range),
                          report.caption([f"Bars: events per {unit}{' (weeks from Monday)' * (unit == 'week')}, "
                                          f"stacked by type; beyond the {TYPES_SHOWN} most frequent, the other types "
                                          "together."]))
    _show(figure, report.filename(f"events-per-{unit}", x_range, "png"), "events", binned)
    fatalities_over_time(events, unit, window, report)


@st.cache_data(ttl=data.TTL, show_spinner=False)
def killed_per_day(url: str, filters_key: tuple) -> pd.DataFrame:
    """(date, type, killed) per day, summed by the store (marsad.store.reads)."""
    return reads.killed_per_day(data._store(url), data._filters(filters_key))


def fatalities_over_time(events: pd.DataFrame | None, unit: str, window: tuple[date, date] | None,
                         report: Report) -> None:
    """People reported killed per week or month, by event type: drawn when the events carry a `killed`
    figure (the column the casualty extraction adds), skipped otherwise. `events` is the selection's
    events, or None when they are too many to read one by one: then the store sums them per day."""
    summed = events is None
    if summed:  # past the rows the page lists: every matching event counts, summed in SQL
        events = killed_per_day(data.store().url, data.key(report.filters))
        apart = _tolls_apart(data.store().url, data.key(report.filters))
    else:
        apart = tolls_apart(events)
    killed = killed_per_period(events, unit, window)
    if killed is None and apart.empty:
        return
    st.subheader("Reported deaths over time")
    if killed is not None:
        x_range = (killed["date"].min().date(), killed["date"].max().date())
        notes = ["Deaths as the articles report them (the low figure of a range); one incident reported by several "
                 "articles may be counted more than once."]
        everywhere = killed_per_period(events, unit)
        outside = int(everywhere["killed"].sum() - killed["killed"].sum()) if everywhere is not None else 0
        if outside and window is not None:
            notes.append(f"{outside:,} reported killed dated outside {day_range(*window)}, far from the rest, "
                         "not drawn.")
        if not apart.empty:
            notes.append(f"{_apart_line(apart, summed)}: not drawn, listed below the chart.")
        figure = report_ready(fatalities_figure(top_types(killed, TYPES_SHOWN, value="killed"), unit, x_range),
                              report.title(f"People reported killed per {unit}", x_range), report.caption(notes))
        _show(figure, report.filename(f"reported-killed-per-{unit}", x_range, "png"), "killed", killed)
    if not apart.empty:
        _list_apart(apart, summed)


@st.cache_data(ttl=data.TTL, show_spinner=False)
def _tolls_apart(url: str, filters_key: tuple) -> pd.DataFrame:
    return reads.tolls_apart(data._store(url), data._filters(filters_key), limit=TOLLS_LISTED)


TOLLS_LISTED = 50  # the tolls set apart, largest first, when the store sums the rest


def _apart_line(apart: pd.DataFrame, capped: bool) -> str:
    many = capped and len(apart) >= TOLLS_LISTED
    return (f"{'the ' + str(TOLLS_LISTED) + ' largest of the ' if many else ''}{int(apart['killed'].sum()):,} "
            f"reported killed in {len(apart)} event{'s' * (len(apart) != 1)} that cannot be put on a day (dated "
            f"only to a month or a year, or counts of {LARGE_UNDATED_TOLL:,} or more that their sentence does not "
            "date, most often a war's tally)")


def _list_apart(apart: pd.DataFrame, capped: bool) -> None:
    """The tolls a chart over time leaves out, with their sentences, for the reader to judge."""
    line = _apart_line(apart, capped)
    with st.expander(f"Tolls not drawn: {line.split(' that ')[0]}"):
        st.caption(f"{line[0].upper()}{line[1:]}. Each with its sentence.")
        rows = []
        for row in apart.to_dict("records"):
            dated = _DATED.get(row["date_precision"], row["date_precision"])
            rows.append(f"<p><b>{int(row['killed']):,} killed</b> · {escape(str(row['type']).replace('_', ' '))} · "
                        f"{escape(str(row['date']))} ({escape(str(dated))})</p>"
                        f"<p dir='rtl' lang='ar' class='ar'>{escape(str(row['sentence']))}</p>")
        st.markdown("".join(rows), unsafe_allow_html=True)


_DATED = {"reported": "publication date: no date in the sentence", "month": "a month", "year": "a year"}
