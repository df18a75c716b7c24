"""Map: the places the articles mention; click a place to filter every page to it."""

from dataclasses import replace

import streamlit as st

from components import data, filters, frame, html, map_view, table_view
from marsad.views import place_clicked

f = frame.setup()
url, key = data.store().url, data.key(f)
names = data.options(url)["names"]
st.title("Map of places mentioned")
st.caption(f"Showing {html.escape(f.describe(names))}")

places = data.places(url, key)
if places.empty:
    st.info("No places match these filters.")
    st.stop()

# The map draws every place within the other filters, the chosen ones ringed: a click keeps its neighbourhood.
around = data.key(replace(f, places=())) if f.places else key
shown = data.places(url, around) if f.places else places
events = data.events_per_place(url, around)  # the newest at each place, with their tolls, for the popups
statements = data.statements_per_place(url, around)  # the newest naming each place, for the popups
event_types = data.place_event_types(url, around)
show_countries = st.toggle("Show whole countries (states mentioned as actors)", value=False)
st.markdown(map_view.legend(event_types), unsafe_allow_html=True)
figure = map_view.build_map(shown, statements, events, event_types, show_countries,
                            open_place=f.places[0] if len(f.places) == 1 else None, chosen=f.places, names=names)
clicked, tooltip = map_view.show_map(figure)
place_id = place_clicked(shown, clicked, tooltip)
if place_id and place_id not in f.places:
    filters.set_place(place_id)

st.subheader("Places")
table_view.table(places, list(map_view.PLACE_COLUMNS), map_view.PLACE_COLUMNS, "places", "place_id", "places",
                 "marsad-places.csv")
