"""The places map: one circle per place, sized by mentions, coloured by its main event type.

Popups show the English and Arabic names and the top statements and events there.
Only a click reruns the app (`returned_objects` limited to the last click and its
tooltip, not pan/zoom); the clicked place filters every page.
"""

from __future__ import annotations

from html import escape

import folium
import pandas as pd
from folium.plugins import MarkerCluster
from streamlit_folium import st_folium

from components.map_base import make_base_map
from marsad.views import (
    STATEMENT_COLOR,
    dominant_event_types,
    event_color,
    map_bounds,
    marker_radius,
    short_name,
)

PLACE_COLUMNS = {"name_en": "Place", "name_ar": "Arabic name", "kind": "Kind", "country": "Country",
                 "mentions": "Mentions", "articles": "Articles", "lat": "Latitude", "lon": "Longitude",
                 "source": "Resolved from"}
CLUSTER_ABOVE = 80  # markers; beyond this they are clustered
LABELLED = 6  # the most-mentioned places carry a permanent name label
LABEL_CSS = ("<style>.leaflet-tooltip.marsad-label{background:transparent;border:0;box-shadow:none;padding:0;"
             "font:600 12px/1.2 'Noto Sans',sans-serif;color:#1f2933;"
             "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff}"
             ".leaflet-tooltip.marsad-label:before{display:none}</style>")


def _popup(place: dict, statements: pd.DataFrame, events: pd.DataFrame) -> str:
    parts = [f"<b>{escape(place['name_en'])}</b> · <span dir='rtl' lang='ar'>{escape(place['name_ar'])}</span>",
             f"<div style='color:#5b6470'>{escape(place['kind'] or '')} · {place['mentions']} mention(s) in "
             f"{place['articles']} article(s)</div>"]
    here = events[events["place_id"] == place["place_id"]] if not events.empty else events
    for row in here.head(2).to_dict("records"):
        parts.append(f"<div style='margin-top:4px'><b>{escape(row['label_en'] or row['type'])}</b> "
                     f"{escape(str(row['date'] or '')[:10])}<div dir='rtl' lang='ar' style='text-align:right'>"
                     f"{escape(row['sentence'][:120])}…</div></div>")
    said = statements[statements["place_id"] == place["place_id"]] if not statements.empty else statements
    for row in said.head(2).to_dict("records"):
        who = row.get("speaker_en") or row.get("speaker_text") or "unnamed"
        parts.append(f"<div style='margin-top:4px'><b>{escape(who)}</b> {escape(row['verb'])} "
                     f"{escape(str(row['date'] or '')[:10])}<div dir='rtl' lang='ar' style='text-align:right'>"
                     f"{escape(row['quote'][:120])}…</div></div>")
    return "<div style='min-width:260px;max-width:340px'>" + "".join(parts) + "</div>"


def build_map(places: pd.DataFrame, statements: pd.DataFrame, events: pd.DataFrame, event_types: pd.DataFrame,
              show_countries: bool = False) -> folium.Map:
    """`statements` has one row per (statement, place named in its sentence), with `place_id`."""
    shown = places if show_countries else places[places["kind"] != "country"]
    figure = make_base_map(map_bounds(shown))
    figure.get_root().header.add_child(folium.Element(LABEL_CSS))
    layer: folium.Map | MarkerCluster = figure
    if len(shown) > CLUSTER_ABOVE:
        layer = MarkerCluster(name="places", options={"maxClusterRadius": 40}).add_to(figure)
    colors = dominant_event_types(event_types)
    largest = int(shown["mentions"].max()) if not shown.empty else 0
    labelled = set(shown.nlargest(LABELLED, "mentions")["place_id"])
    for place in shown.to_dict("records"):
        event_type = colors.get(place["place_id"])
        color = event_color(event_type) if event_type else STATEMENT_COLOR
        folium.CircleMarker(
            location=(place["lat"], place["lon"]), radius=marker_radius(place["mentions"], largest),
            color="#ffffff", weight=1.5, fill=True, fill_color=color, fill_opacity=0.85,
            tooltip=folium.Tooltip(
                escape(short_name(place["name_en"])) if place["place_id"] in labelled
                else f"{escape(place['name_en'])} · {escape(place['name_ar'])} ({place['mentions']})",
                permanent=place["place_id"] in labelled, direction="right", offset=(8, 0),
                class_name="marsad-label" if place["place_id"] in labelled else ""),
            popup=folium.Popup(_popup(place, statements, events), max_width=360),
        ).add_to(layer)
    return figure


def show_map(figure: folium.Map, key: str = "places_map") -> tuple[dict | None, str | None]:
    """Draw the map; returns the last click ({'lat', 'lng'}) and the tooltip of the marker it hit."""
    state = st_folium(figure, height=560, width=None, key=key,
                      returned_objects=["last_object_clicked", "last_object_clicked_tooltip"]) or {}
    return state.get("last_object_clicked"), state.get("last_object_clicked_tooltip")


def legend(events: pd.DataFrame) -> str:
    types = sorted(events["type"].dropna().unique()) if not events.empty else []
    items = [f"<span style='color:{event_color(t)}'>●</span> {escape(t.replace('_', ' '))}" for t in types]
    items.append(f"<span style='color:{STATEMENT_COLOR}'>●</span> mentioned, no event")
    return "<div style='font-size:0.85rem'>" + " &nbsp; ".join(items) + " · size: mentions</div>"
