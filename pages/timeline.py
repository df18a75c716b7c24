"""Timeline: events and statements over time, by actor or by event type."""

import streamlit as st

from components import data, frame, html, timeline_chart
from components.vocabulary import STANCE_LABELS
from marsad.export import csv_bytes
from marsad.views import focus_range, outside_window, timeline_rows, timeline_unit

f = frame.setup()
url, key = data.store().url, data.key(f)
st.title("Timeline of events and statements")
caption = f"Marsad — {f.describe(data.options(url)['names'])}"  # plain text: escaped where it is shown
counts = data.counts(url, key, entities=False)

if counts["statements"] + counts["events"] > data.ROWS_LIMIT:
    unit = timeline_unit(f.date_from or counts["first"], f.date_to or counts["last"])
    st.info(f"{counts['statements'] + counts['events']:,} statements and events: too many to draw one by one, "
            f"so this shows how many there are each {unit}. Filter by actor, place or dates to see each item.")
    table = data.timeline_counts(url, key, unit)
    figure = timeline_chart.counts_figure(table, unit)
else:
    group_by = st.segmented_control("Lanes", ["actor", "event type"], default="actor", key="timeline_lanes")
    table = timeline_rows(data.statements(url, key), data.events(url, key), group_by or "actor",
                          STANCE_LABELS)
    if table.empty:
        st.info("Nothing dated matches these filters.")
        st.stop()
    st.caption(f"{html.escape(caption)}. Hollow marks: dated by publication, not by the sentence. Bars: month/week/range spans.")
    window = focus_range(table["start"])
    if hidden := outside_window(table["start"], table["end"], window):
        st.caption(f"The chart opens on {window[0]:%d %b %Y} – {window[1]:%d %b %Y}, where most items fall; "
                   f"{hidden} more lie outside it (double-click the chart to see them all).")
    figure = timeline_chart.timeline_figure(table)
st.plotly_chart(figure, width="stretch", config={"displaylogo": False, "toImageButtonOptions": {
    "format": "png", "scale": 3, "filename": "marsad-timeline"}})

export_caption = timeline_chart.export_caption(caption, data.articles(url, key, limit=12))
left, right = st.columns(2)
if left.button("Prepare PNG for print (3200 px)"):
    with st.spinner("Rendering…"):
        png = timeline_chart.png_bytes(timeline_chart.with_caption(figure, export_caption))
    left.download_button("Download PNG", png, "marsad-timeline.png", "image/png")
right.download_button("Download data (CSV)", csv_bytes(table), "marsad-timeline.csv",
                      "text/csv")
