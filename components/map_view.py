"""The places map: one circle per place, sized by mentions, coloured by its main event type.

Popups show the English and Arabic names and the top statements and events there.
Only a click reruns the app (`returned_objects` limited to the last click and its
tooltip, not pan/zoom); the clicked place filters every page.
"""

from __future__ import annotations

from html import escape  # Leaflet popups and tooltips are HTML, not markdown

import folium
import pandas as pd
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from folium.template import Template
from streamlit_folium import st_folium

from components.html import date_label
from components.map_base import DEFAULT_BOUNDS, RenderedOnce, make_base_map, script_json
from components.vocabulary import STATEMENT_COLOR, event_color
from marsad.views import (
    dominant_event_types,
    label_shifts,
    map_bounds,
    marker_radius,
    short_name,
)

PLACE_COLUMNS = {"name_en": "Place", "name_ar": "Arabic name", "kind": "Kind", "country": "Country",
                 "mentions": "Mentions", "articles": "Articles", "lat": "Latitude", "lon": "Longitude",
                 "source": "Resolved from"}
CLUSTER_ABOVE = 80  # markers; beyond this they are clustered
LABELLED = 6  # the most-mentioned places carry a permanent name label
POPUP_ITEMS = 2  # events and statements shown in a place's popup
LABEL_CSS = ("<style>.leaflet-tooltip.marsad-label{background:transparent;border:0;box-shadow:none;padding:0;"
             "font:600 12px/1.2 'Noto Sans',sans-serif;color:#1f2933;"
             "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff}"
             ".leaflet-tooltip.marsad-label:before{display:none}</style>")


def _popup(place: dict, events: list[dict], said: list[dict]) -> str:
    parts = [f"<b>{escape(place['name_en'])}</b> · <span dir='rtl' lang='ar'>{escape(place['name_ar'])}</span>",
             f"<div style='color:#5b6470'>{escape(place['kind'] or '')} · {place['mentions']} mention(s) in "
             f"{place['articles']} article(s)</div>"]
    for row in events[:POPUP_ITEMS]:
        parts.append(_popup_item(f"<b>{escape(row['label_en'] or row['type'])}</b>", row, row["sentence"]))
    for row in said[:POPUP_ITEMS]:
        who = row.get("speaker_en") or row.get("speaker_text") or "unnamed"
        parts.append(_popup_item(f"<b>{escape(who)}</b> {escape(row['verb'])}", row, row["quote"]))
    return "<div style='min-width:260px;max-width:340px'>" + "".join(parts) + "</div>"


def _popup_item(heading: str, row: dict, arabic: str) -> str:
    """One event or statement in a popup: its heading (HTML), date with precision, the Arabic text clipped."""
    return (f"<div style='margin-top:4px'>{heading} {date_label(row['date'], row.get('date_precision', ''))}"
            f"<div dir='rtl' lang='ar' style='text-align:right'>{escape(_clip(arabic))}</div></div>")


POPUP_EVENT_COLUMNS = ["place_id", "label_en", "type", "date", "date_precision", "sentence"]
POPUP_STATEMENT_COLUMNS = ["place_id", "speaker_en", "speaker_text", "verb", "date", "date_precision", "quote"]


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _by_place(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[dict]]:
    """The first POPUP_ITEMS rows of each place (only the popup's columns)."""
    grouped: dict[str, list[dict]] = {}
    if frame.empty or "place_id" not in frame:
        return grouped
    first = frame.groupby("place_id", sort=False).head(POPUP_ITEMS)
    for row in first[[c for c in columns if c in first]].to_dict("records"):
        grouped.setdefault(row["place_id"], []).append(row)
    return grouped


class PlaceMarkers(JSCSSMixin, RenderedOnce):
    """Every place marker from one JSON array, drawn by a few lines of Leaflet.

    One folium CircleMarker with its Tooltip and Popup is three templated elements;
    hundreds of places cost seconds of rendering on every rerun. Markers made here are
    the same L.circleMarker objects (in a feature group, or a marker cluster when dense),
    so streamlit-folium still reports the clicked marker and its tooltip.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var group = {{ this.group_js }}, opened = null;
            {{ this.places_json }}.forEach(function (p) {
                var marker = L.circleMarker([p.lat, p.lon], {radius: p.radius, color: "#ffffff", weight: 1.5,
                    fill: true, fillColor: p.color, fillOpacity: 0.85});
                marker.bindTooltip(p.tooltip, {permanent: p.label, direction: "right", offset: p.offset,
                    className: p.label ? "marsad-label" : ""});
                marker.bindPopup(p.popup, {maxWidth: 360});
                group.addLayer(marker);
                if (p.open) { opened = marker; }
            });
            group.addTo({{ this._parent.get_name() }});
            if (opened) {  // the place the page is filtered to (a click reran it): its popup stays open
                if (group.zoomToShowLayer) { group.zoomToShowLayer(opened, function () { opened.openPopup(); }); }
                else { opened.openPopup(); }
            }
        })();
        {% endmacro %}
    """)

    def __init__(self, places: list[dict], cluster: bool) -> None:
        super().__init__()
        self._name = "PlaceMarkers"
        self.places_json = script_json(places)
        self.group_js = "L.markerClusterGroup({maxClusterRadius: 40})" if cluster else "L.featureGroup()"
        self.default_js = list(MarkerCluster.default_js) if cluster else []
        self.default_css = list(MarkerCluster.default_css) if cluster else []


def build_map(places: pd.DataFrame, statements: pd.DataFrame, events: pd.DataFrame, event_types: pd.DataFrame,
              show_countries: bool = False, open_place: str | None = None) -> folium.Map:
    """`statements` and `events`: rows with a `place_id`, newest first at each place; `open_place`: the
    place whose popup opens with the map."""
    shown = places if show_countries else places[places["kind"] != "country"]
    bounds = map_bounds(shown)
    figure = make_base_map(bounds)
    figure.get_root().header.add_child(folium.Element(LABEL_CSS))
    colors = dominant_event_types(event_types)
    largest = int(shown["mentions"].max()) if not shown.empty else 0
    top = shown.nlargest(LABELLED, "mentions")
    labelled = set(top["place_id"])
    shifts = label_shifts([(r.place_id, r.lat, r.lon, marker_radius(r.mentions, largest), short_name(r.name_en))
                           for r in top.itertuples()], bounds or DEFAULT_BOUNDS)
    events_at = _by_place(events, POPUP_EVENT_COLUMNS)  # newest first per place
    said_at = _by_place(statements, POPUP_STATEMENT_COLUMNS)  # newest first per place
    markers = []
    for place in shown.to_dict("records"):
        place_id = place["place_id"]
        event_type = colors.get(place_id)
        label = place_id in labelled
        radius = marker_radius(place["mentions"], largest)
        markers.append({
            "offset": [radius + 2 if label else 8, shifts.get(place_id, 0)],
            "lat": place["lat"], "lon": place["lon"], "radius": radius,
            "color": event_color(event_type) if event_type else STATEMENT_COLOR, "label": label,
            "tooltip": escape(short_name(place["name_en"])) if label
            else f"{escape(place['name_en'])} · {escape(place['name_ar'])} ({place['mentions']})",
            "popup": _popup(place, events_at.get(place_id, []), said_at.get(place_id, [])),
            "open": place_id == open_place,
        })
    PlaceMarkers(markers, cluster=len(markers) > CLUSTER_ABOVE).add_to(figure)
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
