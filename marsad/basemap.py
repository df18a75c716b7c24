"""Offline outline layer for the map: country polygons bundled as GeoJSON.

Pure Python (json only). The file is produced by ``scripts/make_basemap.py``
from the Natural Earth 1:10m admin-0 countries (public domain); each feature
carries ``name_en``, ``name_ar``, ``iso_a2`` (may be null) and ``adm0_a3``.

``load_outline`` reads it once per process; ``clip_outline`` keeps only the
polygons near the area on screen, so a page sends a small layer to the browser.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from marsad.paths import DATA_DIR

Bounds = tuple[float, float, float, float]  # (south, west, north, east)
BBox = tuple[float, float, float, float]  # (west, south, east, north), GeoJSON order

DEFAULT_OUTLINE_PATH = (
    DATA_DIR / "basemap" / "countries.geojson"
)


def _ring_bbox(ring: list) -> BBox:
    xs = [pt[0] for pt in ring]
    ys = [pt[1] for pt in ring]
    return (min(xs), min(ys), max(xs), max(ys))


def _polygons(geometry: dict | None) -> list[list]:
    """The polygons (each a list of rings) of a Polygon/MultiPolygon geometry."""
    if not geometry:
        return []
    gtype = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if gtype == "Polygon":
        return [coords] if coords else []
    if gtype == "MultiPolygon":
        return [p for p in coords if p]
    return []


def _merge(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _feature_bbox(feature: dict) -> BBox | None:
    bbox = feature.get("bbox")
    if bbox and len(bbox) == 4:
        return tuple(bbox)  # type: ignore[return-value]
    return _merge([_ring_bbox(p[0]) for p in _polygons(feature.get("geometry"))])


@lru_cache(maxsize=8)
def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    if data.get("type") != "FeatureCollection":
        raise ValueError(f"{path} is not a GeoJSON FeatureCollection")
    for feature in data.get("features", []):
        bbox = _feature_bbox(feature)
        if bbox is not None:
            feature["bbox"] = list(bbox)
    return data


def load_outline(path: Path | None = None) -> dict:
    """Return the bundled country outlines as a GeoJSON FeatureCollection.

    Loaded once per path and cached: treat the result as read-only (use
    ``clip_outline``, which builds new dicts, to get a subset). Each feature
    gets a GeoJSON ``bbox`` member (west, south, east, north) on load.
    """
    return _load(Path(path or DEFAULT_OUTLINE_PATH).resolve())


def _lon_ranges(west: float, east: float) -> list[tuple[float, float]]:
    """Longitude interval(s) in [-180, 180]; two when the box crosses 180°."""
    if east - west >= 360:
        return [(-180.0, 180.0)]
    west = ((west + 180.0) % 360.0) - 180.0
    east = ((east + 180.0) % 360.0) - 180.0
    if west <= east:
        return [(west, east)]
    return [(west, 180.0), (-180.0, east)]


def _intersects(box: BBox, lat_range: tuple[float, float], lon_ranges) -> bool:
    west, south, east, north = box
    if north < lat_range[0] or south > lat_range[1]:
        return False
    return any(not (east < lo or west > hi) for lo, hi in lon_ranges)


def clip_outline(geojson: dict, bounds: Bounds, margin_deg: float = 10.0) -> dict:
    """Keep the features near ``bounds`` = (south, west, north, east).

    A feature is kept when its bounding box intersects the bounds grown by
    ``margin_deg`` on every side; of a MultiPolygon only the parts whose own
    bounding box intersects are kept (France without French Guiana around
    Libya, say). Returns a new FeatureCollection; the input is not modified.
    """
    south, west, north, east = (float(v) for v in bounds)
    if south > north:
        south, north = north, south
    lat_range = (max(-90.0, south - margin_deg), min(90.0, north + margin_deg))
    lon_ranges = _lon_ranges(west - margin_deg, east + margin_deg)

    out = []
    for feature in geojson.get("features", []):
        fbox = _feature_bbox(feature)
        if fbox is None or not _intersects(fbox, lat_range, lon_ranges):
            continue
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "MultiPolygon":
            parts = [
                p
                for p in _polygons(geometry)
                if _intersects(_ring_bbox(p[0]), lat_range, lon_ranges)
            ]
            if not parts:
                continue
            if len(parts) == len(geometry["coordinates"]):
                new_geometry = geometry
            else:
                new_geometry = {"type": "MultiPolygon", "coordinates": parts}
            new_bbox = _merge([_ring_bbox(p[0]) for p in parts])
        else:
            new_geometry = geometry
            new_bbox = fbox
        new_feature = {
            "type": "Feature",
            "properties": dict(feature.get("properties") or {}),
            "geometry": new_geometry,
        }
        if new_bbox is not None:
            new_feature["bbox"] = list(new_bbox)
        out.append(new_feature)
    return {"type": "FeatureCollection", "features": out}


# Simplification levels: (views spanning less than this many degrees, tolerance in degrees). A wide
# view needs no 3 km detail, and every country's full outline in such a view is megabytes sent on
# each rerun. Each level is a file beside the outline, simplified once by scripts/make_basemap.py
# (shapely's coverage_simplify: shared borders simplified once, so neighbours still meet).
SIMPLIFY_STEPS = ((15.0, 0.0), (40.0, 0.08), (90.0, 0.2), (float("inf"), 0.4))


def simplify_step(bounds: Bounds) -> float:
    """The simplification level for a view of ``bounds``: 0 (the outline itself) up to a region."""
    south, west, north, east = (float(v) for v in bounds)
    span = max(abs(north - south), east - west if east >= west else east - west + 360.0)
    return next(step for limit, step in SIMPLIFY_STEPS if span < limit)


def level_path(path: Path, step: float) -> Path:
    """The file of the outline at path simplified with tolerance step: countries-0.2.geojson."""
    return path.with_name(f"{path.name.removesuffix('.geojson')}-{step:g}.geojson")


def simplified_outline(step: float, path: Path | None = None) -> dict:
    """The outline simplified for wide views (cached; read-only like ``load_outline``).

    A step of 0, or a level with no file, returns the outline itself. Islands smaller than the
    tolerance disappear, as they would under a pixel at that zoom (so do the Vatican and two reefs).
    """
    resolved = Path(path or DEFAULT_OUTLINE_PATH).resolve()
    level = level_path(resolved, step)
    return _load(level if step > 0 and level.exists() else resolved)
