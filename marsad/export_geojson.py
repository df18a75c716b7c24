"""Export records as a GeoJSON FeatureCollection (RFC 7946), which QGIS and other GIS tools open as is.

Each record with coordinates becomes a Feature: a Point [longitude, latitude] (GeoJSON's order) whose
properties are the record's fields. A record without coordinates cannot be placed and is omitted.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator

GEOJSON_KINDS = ("places", "events", "acled")
# The fields holding the coordinates, by how exports name them: lon/lat, or ACLED's longitude/latitude.
_COORDINATES = (("lon", "lat"), ("longitude", "latitude"))


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def feature(record: dict) -> dict | None:
    """The record as a GeoJSON Point Feature, or None when it has no (valid) coordinates."""
    for lon_key, lat_key in _COORDINATES:
        if lon_key in record or lat_key in record:
            lon, lat = _number(record.get(lon_key)), _number(record.get(lat_key))
            if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
                return None
            return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": record}
    return None


def to_geojson(records: Iterable[dict], omitted: Counter | None = None) -> Iterator[str]:
    """A FeatureCollection as lines of text (one Feature per line, so a large export streams); records
    without coordinates are left out and counted in `omitted["no coordinates"]`."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for record in records:
        item = feature(record)
        if item is None:
            if omitted is not None:
                omitted["no coordinates"] += 1
            continue
        yield ("" if first else ",") + json.dumps(item, ensure_ascii=False, allow_nan=False)
        first = False
    yield "]}"
