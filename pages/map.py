"""Map: the places the articles mention; click a place to filter every page to it."""

import streamlit as st

from components import data, filters, frame, html, map_view, table_view
from marsad.views import place_clicked

f = frame.setup()
url, key = data.store().url, data.key(f)
st.title("Map of places mentioned")
st.caption(f"Showing {html.escape(f.describe(data.options(url)['names']))}")

places = data.places(url, key)
if places.empty:
    st.info("No places match these filters.")
    st.stop()

events = data.events_per_place(url, key)  # the newest at each place, for the popups
statements = data.statements_per_place(url, key)  # the newest naming each place, for the popups
show_countries = st.toggle("Show whole countries (states mentioned as actors)", value=False)
st.markdown(map_view.legend(data.place_event_types(url, key)), unsafe_allow_html=True)
figure = map_view.build_map(places, statements, events, data.place_event_types(url, key), show_countries,
                            open_place=f.places[0] if len(f.places) == 1 else None)
clicked, tooltip = map_view.show_map(figure)
place_id = place_clicked(places, clicked, tooltip)
if place_id and place_id not in f.places:
    filters.set_place(place_id)

st.subheader("Places")
table_view.table(places, list(map_view.PLACE_COLUMNS), map_view.PLACE_COLUMNS, "places", "place_id", "places",
                 "marsad-places.csv")
