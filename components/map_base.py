"""A folium base map that works with no internet, and uses tiles when online.

Folium and streamlit-folium load Leaflet, jQuery, Bootstrap, Font Awesome,
awesome-markers and leaflet.markercluster from CDNs; offline the map is a grey
box. ``use_local_assets`` points every one of those URLs at the copies in
``static/vendor/`` (made by ``scripts/vendor_static.sh``), which Streamlit
serves at ``/app/static/...`` thanks to ``server.enableStaticServing`` in
``.streamlit/config.toml``.

The land is drawn from the bundled Natural Earth outline
(``marsad.basemap``) in its own pane *below* the tile pane: offline the
outline is the map; online, with ``MARSAD_TILES`` set, tiles cover it.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

import folium
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template

from marsad.basemap import clip_outline, simplified_outline, simplify_step

STATIC_URL = "/app/static"
VENDOR_URL = f"{STATIC_URL}/vendor"
LEAFLET_IMAGES_URL = f"{VENDOR_URL}/leaflet/images/"

# folium 0.20 names -> local copies. Keys must match the names in
# folium.folium._default_js/_default_css and MarkerCluster.default_js/_css.
LOCAL_JS: dict[str, str] = {
    "leaflet": f"{VENDOR_URL}/leaflet/leaflet.js",
    "jquery": f"{VENDOR_URL}/jquery/jquery.min.js",
    "bootstrap": f"{VENDOR_URL}/bootstrap/js/bootstrap.bundle.min.js",
    "awesome_markers": f"{VENDOR_URL}/leaflet.awesome-markers/leaflet.awesome-markers.js",
}
LOCAL_CSS: dict[str, str] = {
    "leaflet_css": f"{VENDOR_URL}/leaflet/leaflet.css",
    "bootstrap_css": f"{VENDOR_URL}/bootstrap/css/bootstrap.min.css",
    "glyphicons_css": f"{VENDOR_URL}/glyphicons/css/bootstrap-glyphicons.css",
    "awesome_markers_font_css": f"{VENDOR_URL}/fontawesome/css/all.min.css",
    "awesome_markers_css": f"{VENDOR_URL}/leaflet.awesome-markers/leaflet.awesome-markers.css",
    "awesome_rotate_css": f"{VENDOR_URL}/folium/leaflet.awesome.rotate.css",
}
LOCAL_CLUSTER_JS: dict[str, str] = {
    "markerclusterjs": f"{VENDOR_URL}/leaflet.markercluster/leaflet.markercluster.js",
}
LOCAL_CLUSTER_CSS: dict[str, str] = {
    "markerclustercss": f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": f"{VENDOR_URL}/leaflet.markercluster/MarkerCluster.Default.css",
}

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
OUTLINE_ATTRIBUTION = "Borders: Natural Earth"

SEA_COLOR = "#cfe3f3"
LAND_COLOR = "#f2efe9"
BORDER_COLOR = "#9a9a9a"
OUTLINE_PANE = "marsad-outline"
OUTLINE_STYLE = {
    "color": BORDER_COLOR,
    "weight": 0.8,
    "opacity": 1.0,
    "fillColor": LAND_COLOR,
    "fillOpacity": 1.0,
}
MIN_ZOOM = 2
MAX_ZOOM = 18
FIT_MAX_ZOOM = 11  # a city and its districts; never street level
# (south, west, north, east) shown when the page has nothing to fit:
# the Middle East and North Africa.
DEFAULT_BOUNDS = (12.0, -18.0, 42.0, 60.0)

Bounds = tuple[float, float, float, float]


def _localize(links: list[tuple[str, str]], local: dict[str, str], owner: str) -> list[tuple[str, str]]:
    out = []
    for name, url in links:
        if name in local:
            out.append((name, local[name]))
        elif url.startswith("/"):
            out.append((name, url))  # already local
        else:
            raise RuntimeError(
                f"{owner} links {name!r} = {url}, which has no local copy in static/vendor/: "
                "vendor it (scripts/vendor_static.sh) and add it to components/map_base.py"
            )
    return out


def use_local_assets() -> None:
    """Point folium's (and MarkerCluster's) JS/CSS at ``/app/static/vendor``.

    Patches class attributes, so every Map/MarkerCluster made afterwards,
    rendered standalone or through ``streamlit_folium.st_folium`` (which reads
    ``default_js``/``default_css``), loads nothing from a CDN. Idempotent.
    """
    folium.Map.default_js = _localize(folium.Map.default_js, LOCAL_JS, "folium.Map")
    folium.Map.default_css = _localize(folium.Map.default_css, LOCAL_CSS, "folium.Map")
    MarkerCluster.default_js = _localize(MarkerCluster.default_js, LOCAL_CLUSTER_JS, "MarkerCluster")
    MarkerCluster.default_css = _localize(MarkerCluster.default_css, LOCAL_CLUSTER_CSS, "MarkerCluster")


def tiles_url_from_env() -> str | None:
    """Tile URL template from ``MARSAD_TILES``; None (outline only) when unset/empty.

    ``osm`` / ``openstreetmap`` is short for the OpenStreetMap standard tiles.
    """
    value = os.environ.get("MARSAD_TILES", "").strip()
    if not value:
        return None
    if value.lower() in {"osm", "openstreetmap"}:
        return OSM_TILES
    return value


class _OfflineBase(MacroElement):
    """Sea colour for the map container and Leaflet's default icon path.

    The header part is kept by st_folium (it drops only <script src>/<link>);
    the script part runs inside the map script, after Leaflet has loaded.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>.leaflet-container { background: {{ this.sea_color }}; }</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            L.Icon.Default.imagePath = {{ this.image_path|tojson }};
        {% endmacro %}
        """
    )

    def __init__(self, sea_color: str = SEA_COLOR, image_path: str = LEAFLET_IMAGES_URL):
        super().__init__()
        self._name = "OfflineBase"
        self.sea_color = sea_color
        self.image_path = image_path


class _RenderedText(Element):
    """Text already rendered: put in the page as it is."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class RenderedOnce(MacroElement):
    """A MacroElement whose rendered parts go into the page as text.

    branca wraps each rendered part in `Element(text)`, which compiles the text as a Jinja
    template once more: slow for a layer carrying hundreds of kilobytes of data, and any `{{`
    in that data would be read as a template expression.
    """

    def render(self, **kwargs) -> None:  # noqa: ANN003 - branca's signature
        figure = self.get_root()
        parts = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = parts.get(part)
            if macro is not None:
                target.add_child(_RenderedText(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


def script_json(value: object) -> str:
    """JSON safe inside a <script> element that folium also passes through Jinja.

    No tag, comment or line separator can end the script early, and no `{{`, `{%` or `{#`
    in the text can start a Jinja expression (folium compiles each rendered script as a
    template). JSON never puts two braces together itself, so only the text's are escaped.
    """
    text = json.dumps(value, ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029"), ("{{", "{\\u007b"), ("{%", "{\\u0025"), ("{#", "{\\u0023")):
        text = text.replace(raw, escaped)
    return text


@lru_cache(maxsize=32)
def _outline_json(view: Bounds, margin: float) -> str:
    """The outline near `view`, as script-safe JSON (cached: the same view is drawn on every rerun)."""
    return script_json(clip_outline(simplified_outline(simplify_step(view)), view, margin_deg=margin))


class _Outline(RenderedOnce):
    """The land layer: the bundled outline near the view, in its own pane, never clickable.

    Not folium.GeoJson: that serialises the polygons again on every rerun and walks every
    coordinate when streamlit-folium asks the map for its bounds.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            L.geoJson({{ this.data }}, {{ this.options }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, data: str, options: dict) -> None:
        super().__init__()
        self._name = "Outline"
        self.data = data
        self.options = script_json(options)


def _tile_attribution(tiles_url: str, attribution: str | None) -> str:
    if attribution:
        return attribution
    if "openstreetmap" in tiles_url.lower():
        return OSM_ATTRIBUTION
    return "Map tiles"


def make_base_map(
    bounds: Bounds | None,
    tiles_url: str | None = None,
    attribution: str | None = None,
) -> folium.Map:
    """A map fitted to ``bounds`` = (south, west, north, east), ready for markers.

    - all JS/CSS from ``/app/static/vendor`` (see ``use_local_assets``);
    - land from the bundled country outline (clipped to the bounds + a margin
      of max(10°, half the bounds' span)),
      sea as the container's background colour;
    - a tile layer on top when ``tiles_url`` is given; ``None`` means
      ``tiles_url_from_env()`` (env ``MARSAD_TILES``), ``""`` means no tiles.

    Add CircleMarkers (or a MarkerCluster) to the returned map as usual.
    """
    use_local_assets()
    if tiles_url is None:
        tiles_url = tiles_url_from_env()
    view = tuple(float(v) for v in bounds) if bounds else DEFAULT_BOUNDS

    m = folium.Map(
        tiles=None,
        max_zoom=MAX_ZOOM,
        min_zoom=MIN_ZOOM,
        control_scale=True,
        prefer_canvas=True,
        # with tiles=None folium sends min_zoom/max_zoom nowhere; the map itself
        # needs maxZoom (MarkerCluster throws "Map has no maxZoom specified").
        maxZoom=MAX_ZOOM,
        minZoom=MIN_ZOOM,
    )
    _OfflineBase().add_to(m)

    # Outline in a pane under the tile pane (z-index 200), not clickable, so
    # clicks reach markers/map and st_folium's last_object_clicked stays clean.
    folium.map.CustomPane(OUTLINE_PANE, z_index=150, pointer_events=False).add_to(m)
    # Margin: at least 10°, more for wide views, whose map is usually wider or
    # taller than the bounds (aspect ratio) and gets zoomed out.
    south, west, north, east = view
    lon_span = east - west if east >= west else east - west + 360.0  # crosses 180°
    margin = max(10.0, 0.5 * max(abs(north - south), lon_span))
    _Outline(_outline_json(view, margin), {"pane": OUTLINE_PANE, "interactive": False, "style": OUTLINE_STYLE,
                                           "attribution": OUTLINE_ATTRIBUTION}).add_to(m)

    if tiles_url:
        folium.TileLayer(
            tiles=tiles_url,
            attr=_tile_attribution(tiles_url, attribution),
            name="tiles",
            max_zoom=MAX_ZOOM,
            min_zoom=MIN_ZOOM,
            overlay=False,
            control=False,
        ).add_to(m)

    # capped so that one-point bounds do not open at street level
    m.fit_bounds([[south, west], [north, east]], max_zoom=FIT_MAX_ZOOM)
    return m
