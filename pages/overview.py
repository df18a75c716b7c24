"""Overview: counts, date span, sources, the most-mentioned actors and places, latest statements."""

import streamlit as st

from components import charts, data, frame, html

f = frame.setup()
url, key = data.store().url, data.key(f)
names = data.options(url)["names"]

st.title("Overview")
st.caption(f"Showing {html.escape(f.describe(names))}")
counts = data.counts(url, key, entities=False)
if not counts["articles"]:
    st.info("No articles match these filters. Clear a filter in the sidebar, or add articles with "
            "`python -m marsad process PATH`.")
    st.stop()

actors, places = data.actors(url, key), data.places(url, key)
charts.overview_metrics(counts | {"actors": len(actors), "places": len(places)})

left, right = st.columns(2)
with left:
    st.subheader("Most-mentioned actors")
    charts.top_bar(actors, "actor_id", "Actors", link_page="pages/actors.py", link_key="who", filters=f)
with right:
    st.subheader("Most-mentioned places")
    charts.top_bar(places, "place_id", "Places", link_page="pages/map.py", link_key="place", filters=f)

st.subheader("Latest statements")
for row in data.statements(url, key, limit=6).iloc[::-1].to_dict("records"):
    st.markdown(html.statement_card(row), unsafe_allow_html=True)
