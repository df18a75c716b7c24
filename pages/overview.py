"""Overview: counts, date span, sources, the most-mentioned actors and places, latest statements."""

import streamlit as st

from components import charts, data, frame, html

f = frame.setup()
url, key = data.store().url, data.key(f)
names = data.options(url)["names"]

st.title("Overview")
st.caption(f"Showing {f.describe(names)}")
articles = data.articles(url, key)
if articles.empty:
    st.info("No articles match these filters. Clear a filter in the sidebar, or add articles with "
            "`python -m marsad process PATH`.")
    st.stop()

statements, events = data.statements(url, key), data.events(url, key)
actors, places = data.actors(url, key), data.places(url, key)
charts.overview_metrics(articles, actors, places, statements, events)

left, right = st.columns(2)
with left:
    st.subheader("Most-mentioned actors")
    charts.top_bar(actors, "actor_id", "Actors", link_page="pages/actors.py", link_key="who", filters=f)
with right:
    st.subheader("Most-mentioned places")
    charts.top_bar(places, "place_id", "Places", link_page="pages/map.py", link_key="place", filters=f)

st.subheader("Latest statements")
for row in statements.sort_values("date", ascending=False, na_position="last").head(6).to_dict("records"):
    st.markdown(html.statement_card(row), unsafe_allow_html=True)
