"""Timeline: events and statements over time, by actor or by event type."""

import streamlit as st

from components import data, frame, timeline_chart
from marsad.views import timeline_rows

f = frame.setup()
url, key = data.store().url, data.key(f)
st.title("Timeline of events and statements")
caption = f"Marsad — {f.describe(data.options(url)['names'])}"

group_by = st.segmented_control("Lanes", ["actor", "event type"], default="actor", key="timeline_lanes")
rows = timeline_rows(data.statements(url, key), data.events(url, key), group_by or "actor")
if rows.empty:
    st.info("Nothing dated matches these filters.")
    st.stop()

articles = data.articles(url, key)
sources = "; ".join(f"{t} ({s or 'unknown source'})" for t, s in
                    articles[articles["article_id"].isin(rows["article_id"])][["title", "source"]].values)
st.caption(f"{caption}. Hollow marks: dated by publication, not by the sentence. Bars: month/week/range spans.")
figure = timeline_chart.timeline_figure(rows)
st.plotly_chart(figure, width="stretch", config={"displaylogo": False, "toImageButtonOptions": {
    "format": "png", "scale": 3, "filename": "marsad-timeline"}})

export_caption = f"{caption}<br>Sources: {sources[:400]}"
left, right = st.columns(2)
if left.button("Prepare PNG for print (3200 px)"):
    with st.spinner("Rendering…"):
        png = timeline_chart.png_bytes(timeline_chart.with_caption(figure, export_caption))
    left.download_button("Download PNG", png, "marsad-timeline.png", "image/png")
right.download_button("Download data (CSV)", rows.to_csv(index=False).encode("utf-8"), "marsad-timeline.csv",
                      "text/csv")
