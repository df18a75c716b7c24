"""The places map: one circle per place, sized by mentions, coloured by its main event type.

Popups show the English and Arabic names and the top statements and events there, each event with its
casualties and its agent and target when known. Only a click reruns the app (`returned_objects` limited
to the last click and its tooltip, not pan/zoom); the clicked place filters every page.

Labels. The LABELLED most-mentioned places (and the chosen ones) carry a permanent name label; the
others show their name on hover. Places a few km apart (Tripoli, Ain Zara, Janzour, Yarmouk camp,
Khallat al-Furjan) sit a few pixels apart at the fitted zoom, so the labels are placed in the browser,
measured, after every zoom and pan: most important first (chosen, then by mentions), each takes the
first of eight spots around its marker (right, left, a row above or below on either side, above,
below) that overlaps no label already placed, preferring spots that cover no other marker and stay
inside the map. A label with no free spot is hidden at that zoom (it shows while its marker is
hovered) and comes back when zooming in makes room. No two shown labels ever overlap.

After a click. The page reruns filtered to the place, but the map still draws every place within the
other filters (the chosen one ringed, its popup open), so its neighbourhood stays on the map; and the
view is the one the click was made in (kept for that one redraw in the tab's sessionStorage). Opened
otherwise (a link, the sidebar), the map fits the usual frame when it holds the chosen places, else
the chosen places with their nearest neighbours (NEIGHBOURS within NEIGHBOUR_DEGREES).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from html import escape  # Leaflet popups and tooltips are HTML, not markdown

import folium
import pandas as pd
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from folium.template import Template
from streamlit_folium import st_folium

from components.html import date_label, sides_text, toll_text
from components.map_base import Bounds, RenderedOnce, make_base_map, script_json
from components.vocabulary import STATEMENT_COLOR, event_color
from marsad.records import IN_COUNTRY
from marsad.views import dominant_event_types, map_bounds, marker_radius, short_name

PLACE_COLUMNS = {"name_en": "Place", "name_ar": "Arabic name", "kind": "Kind", "country": "Country",
                 "mentions": "Mentions", "articles": "Articles", "lat": "Latitude", "lon": "Longitude",
                 "source": "Resolved from"}
CLUSTER_ABOVE = 80  # markers; beyond this they are clustered
LABELLED = 24  # the most-mentioned places carry a permanent name label (shown where it fits)
NEIGHBOURS = 5  # a chosen place outside the usual frame is shown with this many nearest places...
NEIGHBOUR_DEGREES = 5.0  # ...within this many degrees (about 500 km)
CHOSEN_RING = "#1f2933"
POPUP_HEIGHT = 240  # px; a longer popup scrolls, so it covers less of the places around
POPUP_ITEMS = 2  # events and statements shown in a place's popup
LABEL_CSS = ("<style>.leaflet-tooltip.marsad-label{background:transparent;border:0;box-shadow:none;padding:0;"
             "font:600 12px/1.2 'Noto Sans',sans-serif;color:#1f2933;"
             "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;max-width:220px;overflow:hidden;"
             "text-overflow:ellipsis}"
             ".leaflet-tooltip.marsad-label:before{display:none}</style>")


def _popup(place: dict, events: list[dict], said: list[dict], names: Mapping[str, str] | None = None) -> str:
    parts = [f"<b>{escape(place['name_en'])}</b> · <span dir='rtl' lang='ar'>{escape(place['name_ar'])}</span>",
             f"<div style='color:#5b6470'>{escape(place['kind'] or '')} · {place['mentions']} mention(s) in "
             f"{place['articles']} article(s)</div>"]
    if place.get("kind") == IN_COUNTRY:  # no gazetteer lists it and no listed place beside it locates it
        parts.append("<div style='color:#5b6470'><i>Not in the gazetteer, and only its country locates it: shown "
                     "at the country's centre (its true point is unknown)</i></div>")
    elif place.get("source") == "discovered":  # no gazetteer lists it: drawn at the place the text locates it by
        parts.append("<div style='color:#5b6470'><i>Not in the gazetteer: shown at the point of the place the "
                     "text locates it by (approximate)</i></div>")
    for row in events[:POPUP_ITEMS]:
        toll, sides = toll_text(row), sides_text(row, names)
        facts = " · ".join(part for part in (f"<b style='color:#9b1c1c'>{escape(toll)}</b>" if toll else "",
                                             escape(sides)) if part)
        parts.append(_popup_item(f"<b>{escape(row['label_en'] or row['type'])}</b>", row, row["sentence"], facts))
    for row in said[:POPUP_ITEMS]:
        who = row.get("speaker_en") or row.get("speaker_text") or "unnamed"
        parts.append(_popup_item(f"<b>{escape(who)}</b> {escape(row['verb'])}", row, row["quote"]))
    return "<div style='min-width:260px;max-width:340px'>" + "".join(parts) + "</div>"


def _popup_item(heading: str, row: dict, arabic: str, facts: str = "") -> str:
    """One event or statement in a popup: its heading (HTML), date with precision, `facts` (HTML: an
    event's casualties, agent and target), the Arabic text clipped."""
    facts = f"<div class='marsad-facts'>{facts}</div>" if facts else ""
    return (f"<div style='margin-top:4px'>{heading} {date_label(row['date'], row.get('date_precision', ''))}"
            f"{facts}<div dir='rtl' lang='ar' style='text-align:right'>{escape(_clip(arabic))}</div></div>")


TOLL_COLUMNS = ["killed", "killed_high", "wounded", "wounded_high", "victims", "actor1_id", "actor2_id",
                "actor_ids", "actors_en"]
POPUP_EVENT_COLUMNS = ["place_id", "label_en", "type", "date", "date_precision", "sentence", *TOLL_COLUMNS]
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


def view_bounds(shown: pd.DataFrame, chosen: Iterable[str] = ()) -> Bounds | None:
    """The map's frame: the usual one (marsad.views.map_bounds) when it holds every chosen place, else the
    chosen places and their nearest neighbours, so a choice never zooms in on a place alone."""
    bounds = map_bounds(shown)
    picked = shown[shown["place_id"].isin(list(chosen))] if not shown.empty else shown
    if bounds is None or picked.empty:
        return bounds
    south, west, north, east = bounds
    if (picked["lat"].between(south, north) & picked["lon"].between(west, east)).all():
        return bounds
    broad = shown["kind"].isin(["country", "region"])
    pool = shown[~shown["place_id"].isin(picked["place_id"])]
    pool = pool[~broad[pool.index]] if (~broad[pool.index]).any() else pool  # towns near a town, not countries
    near: set = set()
    for place in picked.itertuples():
        stretch = math.cos(math.radians(place.lat))
        distance = ((pool["lat"] - place.lat) ** 2 + ((pool["lon"] - place.lon) * stretch) ** 2) ** 0.5
        near |= set(distance[distance <= NEIGHBOUR_DEGREES].nsmallest(NEIGHBOURS).index)
    frame = pd.concat([picked, pool.loc[sorted(near)]])
    south, north = float(frame["lat"].min()), float(frame["lat"].max())
    west, east = float(frame["lon"].min()), float(frame["lon"].max())
    lat_pad, lon_pad = max((north - south) * 0.05, 0.05), max((east - west) * 0.05, 0.05)
    return south - lat_pad, west - lon_pad, north + lat_pad, east + lon_pad


class PlaceMarkers(JSCSSMixin, RenderedOnce):
    """Every place marker from one JSON array, drawn by a few lines of Leaflet.

    One folium CircleMarker with its Tooltip and Popup is three templated elements;
    hundreds of places cost seconds of rendering on every rerun. Markers made here are
    the same L.circleMarker objects (in a feature group, or a marker cluster when dense),
    so streamlit-folium still reports the clicked marker and its tooltip. The permanent
    labels are placed here too, after every zoom and pan (see the module's docstring).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, group = {{ this.group_js }}, opened = null, labelled = [];
            var VIEW = "marsad.map.clicked-view", GAP = 3;
            function saveView(marker) {  // the view a click was made in: the redraw it causes keeps it
                try {
                    var c = map.getCenter(), at = marker.getLatLng();
                    sessionStorage.setItem(VIEW, JSON.stringify({lat: at.lat, lng: at.lng,
                        center: [c.lat, c.lng], zoom: map.getZoom()}));
                } catch (e) { /* no storage: the page's own frame is used */ }
            }
            function savedView(marker) {
                try {
                    var v = JSON.parse(sessionStorage.getItem(VIEW) || "null"), at = marker.getLatLng();
                    sessionStorage.removeItem(VIEW);
                    if (v && v.lat === at.lat && v.lng === at.lng && isFinite(v.zoom)) { return v; }
                } catch (e) { /* nothing kept */ }
                return null;
            }
            function overlaps(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
            function spots(c, r, w, h) {  // right, left, a row up or down on either side, above, below
                var right = c.x + r + GAP, left = c.x - r - GAP - w, mid = c.y - h / 2;
                return [[right, mid], [left, mid], [right, mid - h], [right, mid + h], [left, mid - h],
                        [left, mid + h], [c.x - w / 2, c.y - r - GAP - h], [c.x - w / 2, c.y + r + GAP]]
                    .map(function (s) { return {l: s[0], t: s[1], r: s[0] + w, b: s[1] + h}; });
            }
            function show(marker, box, c, w, h) {
                var tip = marker.getTooltip();
                tip.options.direction = "center";
                tip.options.offset = L.point(box.l + w / 2 - c.x, box.t + h / 2 - c.y);
                tip.update();
            }
            function placeLabels() {
                var size = map.getSize(), placed = [], dots = [];
                group.eachLayer(function (m) {
                    if (!map.hasLayer(m)) { return; }
                    var c = map.latLngToContainerPoint(m.getLatLng()), r = m.getRadius();
                    dots.push({m: m, l: c.x - r, t: c.y - r, r: c.x + r, b: c.y + r});
                });
                labelled.forEach(function (m) {
                    var el = m.getTooltip() && m.getTooltip().getElement();
                    if (!el || !map.hasLayer(m)) { return; }
                    var c = map.latLngToContainerPoint(m.getLatLng());
                    var inside = function (b) { return b.l >= 0 && b.t >= 0 && b.r <= size.x && b.b <= size.y; };
                    if (!inside({l: c.x, t: c.y, r: c.x, b: c.y})) {  // out of view: no label at its edge
                        m._marsadHidden = true;
                        el.style.display = "none";
                        return;
                    }
                    el.style.display = "";
                    var w = el.offsetWidth, h = el.offsetHeight;
                    var free = function (b) { return !placed.some(function (o) { return overlaps(b, o); }); };
                    var clear = function (b) {
                        return !dots.some(function (d) { return d.m !== m && overlaps(b, d); });
                    };
                    var boxes = spots(c, m.getRadius(), w, h);
                    var box = boxes.find(function (b) { return inside(b) && free(b) && clear(b); })
                        || boxes.find(function (b) { return inside(b) && free(b); })
                        || boxes.find(free);
                    m._marsadHidden = !box;
                    if (!box) { el.style.display = "none"; return; }
                    placed.push(box);
                    show(m, box, c, w, h);
                });
            }
            {{ this.places_json }}.forEach(function (p) {
                var marker = L.circleMarker([p.lat, p.lon], {radius: p.radius,
                    color: p.chosen ? "{{ this.ring }}" : "#ffffff", weight: p.chosen ? 3 : 1.5,
                    fill: true, fillColor: p.color, fillOpacity: 0.85});
                marker.bindTooltip(p.tooltip, {permanent: p.label, direction: "right", offset: [p.radius + 2, 0],
                    className: p.label ? "marsad-label" : ""});
                marker.bindPopup(p.popup, {maxWidth: 360, maxHeight: {{ this.popup_height }}});
                marker.on("click", function () { saveView(marker); });
                if (p.label) {
                    marker._marsadRank = p.rank;
                    labelled.push(marker);
                    marker.on("mouseover", function () {  // a label hidden for want of room shows on hover
                        var el = marker.getTooltip().getElement();
                        if (marker._marsadHidden && el) { el.style.display = ""; }
                    });
                    marker.on("mouseout", function () {
                        var el = marker.getTooltip().getElement();
                        if (marker._marsadHidden && el) { el.style.display = "none"; }
                    });
                }
                group.addLayer(marker);
                if (p.open) { opened = marker; }
            });
            function whenStyled(callback, tries) {  // Leaflet's stylesheet may load after this script runs
                if (getComputedStyle(map.getPane("popupPane")).position === "absolute" || tries > 250) {
                    callback();
                } else { setTimeout(function () { whenStyled(callback, (tries || 0) + 1); }, 20); }
            }
            labelled.sort(function (a, b) { return a._marsadRank - b._marsadRank; });
            group.addTo(map);
            var kept = opened && savedView(opened);
            if (kept) { map.setView(kept.center, kept.zoom, {animate: false}); }
            map.on("zoomend moveend resize", placeLabels);
            if (group.zoomToShowLayer) { group.on("animationend", placeLabels); }
            whenStyled(function () {  // labels and popups measured with their styles: placed where they belong
                placeLabels();
                if (opened) {  // the place the page is filtered to (a click reran it): its popup stays open
                    if (group.zoomToShowLayer) { group.zoomToShowLayer(opened, function () { opened.openPopup(); }); }
                    else { opened.openPopup(); }
                }
                if (document.fonts && document.fonts.ready) {
                    document.fonts.ready.then(function () {
                        placeLabels();
                        if (opened && opened.isPopupOpen()) { opened.getPopup().update(); }
                    });
                }
                window.marsadLabelsPlaced = true;
            });
            window.marsadPlaceLabels = placeLabels;  // for the browser tests
        })();
        {% endmacro %}
    """)

    def __init__(self, places: list[dict], cluster: bool) -> None:
        super().__init__()
        self._name = "PlaceMarkers"
        self.places_json = script_json(places)
        self.ring = CHOSEN_RING
        self.popup_height = POPUP_HEIGHT
        self.group_js = "L.markerClusterGroup({maxClusterRadius: 40})" if cluster else "L.featureGroup()"
        self.default_js = list(MarkerCluster.default_js) if cluster else []
        self.default_css = list(MarkerCluster.default_css) if cluster else []


def build_map(places: pd.DataFrame, statements: pd.DataFrame, events: pd.DataFrame, event_types: pd.DataFrame,
              show_countries: bool = False, open_place: str | None = None, chosen: Iterable[str] = (),
              names: Mapping[str, str] | None = None) -> folium.Map:
    """`statements` and `events`: rows with a `place_id`, newest first at each place; `open_place`: the
    place whose popup opens with the map; `chosen`: the places the page is filtered to (ringed, labelled,
    kept in view with their neighbours); `names`: actor id -> English name, for the events' sides."""
    shown = places if show_countries else places[places["kind"] != "country"]
    chosen = {*chosen, *([open_place] if open_place else [])}
    figure = make_base_map(view_bounds(shown, chosen))
    figure.get_root().header.add_child(folium.Element(LABEL_CSS))
    colors = dominant_event_types(event_types)
    largest = int(shown["mentions"].max()) if not shown.empty else 0
    order = shown.assign(_chosen=shown["place_id"].isin(chosen)).sort_values(
        ["_chosen", "mentions", "place_id"], ascending=[False, False, True])
    ranks = {place_id: rank for rank, place_id in enumerate(order["place_id"])}
    labelled = set(order["place_id"].head(max(LABELLED, len(chosen))))
    events_at = _by_place(events, POPUP_EVENT_COLUMNS)  # newest first per place
    said_at = _by_place(statements, POPUP_STATEMENT_COLUMNS)  # newest first per place
    markers = []
    for place in shown.to_dict("records"):
        place_id = place["place_id"]
        event_type = colors.get(place_id)
        label = place_id in labelled
        markers.append({
            "lat": place["lat"], "lon": place["lon"], "radius": marker_radius(place["mentions"], largest),
            "color": event_color(event_type) if event_type else STATEMENT_COLOR, "label": label,
            "rank": ranks[place_id], "chosen": place_id in chosen,
            "tooltip": escape(short_name(place["name_en"])) if label
            else f"{escape(place['name_en'])} · {escape(place['name_ar'])} ({place['mentions']})",
            "popup": _popup(place, events_at.get(place_id, []), said_at.get(place_id, []), names),
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
