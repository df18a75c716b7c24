"""Timeline: events and statements over time, by actor or by event type; events per week or month."""

import streamlit as st

from components import data, figure_panels, frame

f = frame.setup()
url, key = data.store().url, data.key(f)
st.title("Timeline of events and statements")
day_counts = data.timeline_counts(url, key, "day")
if day_counts.empty:
    st.info("Nothing dated matches these filters.")
    st.stop()
counts = data.counts(url, key, entities=False)
report = figure_panels.report(url, key, f, counts)
window = figure_panels.page_window(day_counts)
events = None
if counts["statements"] + counts["events"] > data.ROWS_LIMIT:
    figure_panels.counts_timeline(day_counts, window, report)
else:
    events = figure_panels.item_timeline(url, key, f, window, report)
figure_panels.events_over_time(day_counts, events, window, report)
