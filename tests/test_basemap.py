"""Offline base map: the bundled outline (marsad.basemap) and the folium map
(components.map_base) that loads nothing from a CDN."""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import pytest

from components import map_base
from marsad.basemap import (
    DEFAULT_OUTLINE_PATH,
    SIMPLIFY_STEPS,
    _polygons,
    clip_outline,
    level_path,
    load_outline,
    simplified_outline,
    simplify_step,
)

ROOT = Path(__file__).resolve().parent.parent
LIBYA_BOUNDS = (32.0, 12.0, 33.5, 14.0)  # (south, west, north, east) around Tripoli
URL_RE = re.compile(r"""https?://[^\s"'<>\\)]+""")


def _isos(fc: dict) -> set[str]:
    return {f["properties"]["iso_a2"] for f in fc["features"] if f["properties"]["iso_a2"]}


def _all_lons(geometry: dict):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for poly in polys:
        for ring in poly:
            for lon, _lat in ring:
                yield lon


# --- marsad.basemap -------------------------------------------------------------


def test_outline_file_is_small_world_geojson():
    assert DEFAULT_OUTLINE_PATH == ROOT / "data" / "basemap" / "countries.geojson"
    assert DEFAULT_OUTLINE_PATH.stat().st_size < 2.5e6
    fc = load_outline()
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) > 200
    for feature in fc["features"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert {"name_en", "iso_a2"} <= set(feature["properties"])
        assert feature["properties"]["name_en"]
        assert len(feature["bbox"]) == 4
    isos = _isos(fc)
    assert {"LY", "TN", "EG", "SY", "IQ", "YE", "SD", "PS", "FR", "NO", "JP", "BR"} <= isos


def test_load_outline_is_cached_and_accepts_a_path(tmp_path):
    assert load_outline() is load_outline()
    assert load_outline(DEFAULT_OUTLINE_PATH) is load_outline()
    small = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name_en": "Square", "iso_a2": "SQ"},
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]},
            }
        ],
    }
    path = tmp_path / "square.geojson"
    path.write_text(json.dumps(small), encoding="utf-8")
    fc = load_outline(path)
    assert [f["properties"]["name_en"] for f in fc["features"]] == ["Square"]
    assert fc["features"][0]["bbox"] == [0, 0, 1, 1]


def test_load_outline_rejects_non_feature_collection(tmp_path):
    path = tmp_path / "point.geojson"
    path.write_text('{"type": "Point", "coordinates": [0, 0]}', encoding="utf-8")
    with pytest.raises(ValueError):
        load_outline(path)


def test_wide_views_get_a_coarser_outline_and_city_views_the_full_one():
    assert simplify_step(LIBYA_BOUNDS) == 0
    assert simplified_outline(0) is load_outline()
    world = (-50.0, -120.0, 60.0, 140.0)
    step = simplify_step(world)
    assert step > simplify_step((20.0, 5.0, 40.0, 30.0)) > 0
    coarse = simplified_outline(step)
    assert len(json.dumps(coarse)) < 0.1 * len(json.dumps(load_outline()))  # a world view: 0.16 of 2.3 MB
    libya = next(f for f in coarse["features"] if f["properties"]["iso_a2"] == "LY")
    assert libya["bbox"], "levels get bounding boxes on load, as the outline does"
    for polygon in _polygons(libya["geometry"]):
        for ring in polygon:
            assert ring[0] == ring[-1] and len(ring) >= 4  # still closed rings
    assert _isos(coarse) >= {"LY", "TN", "EG", "FR", "US"}, "countries survive; only detail goes"


def test_every_simplification_level_is_bundled_and_coarser_than_the_last():
    sizes = [len(json.dumps(simplified_outline(step))) for _, step in SIMPLIFY_STEPS]
    assert all(level_path(DEFAULT_OUTLINE_PATH, step).exists() for _, step in SIMPLIFY_STEPS if step > 0)
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == len(sizes)
    names = {f["properties"]["name_en"] for f in load_outline()["features"]}
    for _, step in SIMPLIFY_STEPS:
        lost = names - {f["properties"]["name_en"] for f in simplified_outline(step)["features"]}
        assert lost <= {"Vatican City", "Scarborough Shoal", "Coral Sea Islands"}, (step, lost)


def test_a_level_without_its_file_falls_back_to_the_outline(tmp_path):
    path = tmp_path / "outline.geojson"
    path.write_text(DEFAULT_OUTLINE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    assert simplified_outline(0.4, path) is load_outline(path)


def test_clip_around_libya():
    full = load_outline()
    n_before = len(full["features"])
    clipped = clip_outline(full, LIBYA_BOUNDS)
    isos = _isos(clipped)
    assert {"LY", "TN", "MT", "DZ", "IT"} <= isos
    assert not isos & {"JP", "US", "BR", "AU", "CN", "ZA"}
    assert len(clipped["features"]) < n_before / 5
    assert len(full["features"]) == n_before  # input untouched
    assert len(json.dumps(clipped)) < 400_000


def test_clip_keeps_only_nearby_parts_of_multipolygons():
    clipped = clip_outline(load_outline(), LIBYA_BOUNDS)
    france = next(f for f in clipped["features"] if f["properties"]["adm0_a3"] == "FRA")
    # mainland France and Corsica, not French Guiana (-54°) or Réunion (55°)
    assert all(-10 < lon < 15 for lon in _all_lons(france["geometry"]))
    west, south, east, north = france["bbox"]
    assert -10 < west < east < 15 and 40 < south < north < 52


def test_clip_margin_and_empty_result():
    near = _isos(clip_outline(load_outline(), LIBYA_BOUNDS, margin_deg=1.0))
    assert "LY" in near and near <= {"LY", "TN", "DZ", "MT"}  # bbox test: Algeria reaches 12°E
    assert clip_outline(load_outline(), (-60.0, -140.0, -55.0, -130.0), margin_deg=0)["features"] == []


def test_clip_across_the_antimeridian():
    isos = _isos(clip_outline(load_outline(), (60.0, 175.0, 68.0, -170.0), margin_deg=1.0))
    assert {"RU", "US"} <= isos
    assert "LY" not in isos


# --- components.map_base --------------------------------------------------------

@pytest.fixture
def no_tiles_env(monkeypatch):
    monkeypatch.delenv("MARSAD_TILES", raising=False)


def _render(m) -> str:
    return m.get_root().render()


def _asset_urls(html: str) -> list[str]:
    return re.findall(r"""<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"']+)["']""", html)


def test_base_map_html_is_local_only(no_tiles_env):
    m = map_base.make_base_map(LIBYA_BOUNDS)
    folium.CircleMarker([32.89, 13.19], radius=8).add_to(m)
    html = _render(m)
    assets = _asset_urls(html)
    assert "/app/static/vendor/leaflet/leaflet.js" in assets
    assert "/app/static/vendor/leaflet/leaflet.css" in assets
    assert all(url.startswith("/app/static/vendor/") for url in assets), assets
    assert URL_RE.findall(html) == []
    assert "cdn" not in html.lower()
    # every vendored file folium links to exists
    for url in assets:
        assert (ROOT / "static" / url.removeprefix("/app/static/")).is_file(), url


def test_base_map_contains_outline_and_offline_bits(no_tiles_env):
    html = _render(map_base.make_base_map(LIBYA_BOUNDS))
    assert '"name_en": "Libya"' in html and '"name_en": "Tunisia"' in html
    assert '"name_en": "Japan"' not in html
    assert 'createPane(\n                "marsad-outline")' in html or '"marsad-outline"' in html
    assert '"interactive": false' in html
    assert "#f2efe9" in html and "#9a9a9a" in html
    assert ".leaflet-container { background: #cfe3f3; }" in html
    assert 'L.Icon.Default.imagePath = "/app/static/vendor/leaflet/images/";' in html
    assert '"maxZoom": 18' in html and '"minZoom": 2' in html
    assert "fitBounds" in html and "[[32.0, 12.0], [33.5, 14.0]]" in html
    assert "L.tileLayer" not in html


def test_base_map_without_bounds_shows_the_region(no_tiles_env):
    html = _render(map_base.make_base_map(None))
    for name in ("Libya", "Syria", "Yemen", "Morocco", "Iraq"):
        assert f'"name_en": "{name}"' in html


def test_tile_layer_from_argument_sits_above_outline(no_tiles_env):
    url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    html = _render(map_base.make_base_map(LIBYA_BOUNDS, tiles_url=url))
    assert "L.tileLayer" in html and url in html
    assert "OpenStreetMap" in html  # default attribution for OSM
    assert html.index("marsad-outline") < html.index("L.tileLayer")
    # the tile URL (and the attribution link) are the only external URLs
    external = {u for u in URL_RE.findall(html)}
    assert external <= {url, "https://www.openstreetmap.org/copyright"}, external
    assert all(u.startswith("/app/static/vendor/") for u in _asset_urls(html))


def test_tile_layer_custom_attribution(no_tiles_env):
    html = _render(map_base.make_base_map(LIBYA_BOUNDS, tiles_url="http://localhost:8080/{z}/{x}/{y}.png",
                                          attribution="local tiles"))
    assert "http://localhost:8080/{z}/{x}/{y}.png" in html and "local tiles" in html


def test_tiles_url_from_env(monkeypatch):
    monkeypatch.delenv("MARSAD_TILES", raising=False)
    assert map_base.tiles_url_from_env() is None
    monkeypatch.setenv("MARSAD_TILES", "   ")
    assert map_base.tiles_url_from_env() is None
    monkeypatch.setenv("MARSAD_TILES", "osm")
    assert map_base.tiles_url_from_env() == map_base.OSM_TILES
    monkeypatch.setenv("MARSAD_TILES", "https://tiles.example/{z}/{x}/{y}.png")
    assert map_base.tiles_url_from_env() == "https://tiles.example/{z}/{x}/{y}.png"
    # make_base_map takes the env value when tiles_url is None, none when ""
    assert "https://tiles.example/{z}/{x}/{y}.png" in _render(map_base.make_base_map(LIBYA_BOUNDS))
    assert "L.tileLayer" not in _render(map_base.make_base_map(LIBYA_BOUNDS, tiles_url=""))


def test_use_local_assets_is_idempotent_and_covers_marker_cluster(no_tiles_env):
    from folium.plugins import MarkerCluster

    map_base.use_local_assets()
    first = (list(folium.Map.default_js), list(folium.Map.default_css),
             list(MarkerCluster.default_js), list(MarkerCluster.default_css))
    map_base.use_local_assets()
    again = (list(folium.Map.default_js), list(folium.Map.default_css),
             list(MarkerCluster.default_js), list(MarkerCluster.default_css))
    assert first == again
    for links in first:
        assert links and all(url.startswith("/app/static/vendor/") for _name, url in links)

    m = map_base.make_base_map(LIBYA_BOUNDS)
    cluster = MarkerCluster().add_to(m)
    folium.Marker([32.89, 13.19]).add_to(cluster)
    folium.Marker([32.5, 13.5], icon=folium.Icon(icon="info-sign")).add_to(m)
    html = _render(m)
    assets = _asset_urls(html)
    assert "/app/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in assets
    assert "/app/static/vendor/leaflet.markercluster/MarkerCluster.Default.css" in assets
    assert all(url.startswith("/app/static/vendor/") for url in assets), assets
    assert URL_RE.findall(html) == []


def test_vendored_files_have_licenses_and_stay_small():
    vendor = ROOT / "static" / "vendor"
    total = sum(p.stat().st_size for p in vendor.rglob("*") if p.is_file())
    assert total < 3e6
    for pkg in vendor.iterdir():
        if pkg.name == "folium":  # our own generated rotate CSS
            continue
        assert any("LICEN" in p.name.upper() for p in pkg.iterdir()), pkg


def test_streamlit_config_enables_static_serving():
    import tomllib

    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["enableStaticServing"] is True
    # make run never waits on a prompt and watches no files; headless is left to Streamlit (a browser
    # opens where there is a display)
    assert "headless" not in cfg["server"]
    assert cfg["server"]["showEmailPrompt"] is False and cfg["server"]["fileWatcherType"] == "none"
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["theme"]["base"] == "light"
