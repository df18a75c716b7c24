"""Sanity checks for the gazetteer data files: the curated data/places_ly.csv and data/places_world.csv,
the generated data/places_regions.csv and data/places_countries.csv, and the words around place names
(data/place_cues.csv, data/place_ambiguous.csv, data/org_heads.csv, data/nationality_forms.csv).

Only the standard library is used (csv, json, pathlib, math, re) so the checks run without the app;
the curated localities (data/places_localities.csv) are checked here too, and test_check_places_passes
runs scripts/check_places.py (Natural Earth outlines, GeoNames), which needs the app's packages.
"""

import csv
import json
import math
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"
FILES = ("places_ly.csv", "places_world.csv")
HEADER = ["id", "name_en", "name_ar", "aliases_ar", "lat", "lon", "kind", "parent", "country"]
KINDS = {
    "country",
    "region",
    "city",
    "town",
    "district",
    "neighbourhood",
    "front",
    "camp",
    "airport",
    "port",
    "oil_site",
    "base",
    "road",
    "landmark",
    "crossing",
}

# (lat_min, lat_max, lon_min, lon_max); generous boxes, a point must fall inside its country's box.
BBOX = {
    "LY": (19.5, 33.5, 9.3, 25.2),
    "EG": (21.9, 31.8, 24.6, 36.9),
    "SD": (8.6, 22.3, 21.8, 38.7),
    "SS": (3.4, 12.3, 23.4, 36.0),
    "TN": (30.2, 37.6, 7.5, 11.7),
    "DZ": (18.9, 37.2, -8.7, 12.0),
    "MA": (27.6, 36.0, -13.2, -0.9),
    "MR": (14.7, 27.3, -17.1, -4.8),
    "SY": (32.3, 37.4, 35.6, 42.4),
    "LB": (33.0, 34.7, 35.1, 36.7),
    "JO": (29.1, 33.4, 34.9, 39.4),
    "PS": (31.2, 32.6, 34.2, 35.6),
    "IL": (29.4, 33.4, 34.2, 35.9),
    "IQ": (29.0, 37.4, 38.7, 48.7),
    "SA": (16.3, 32.2, 34.5, 55.7),
    "YE": (12.0, 19.0, 42.5, 54.6),
    "OM": (16.6, 26.7, 51.9, 59.9),
    "AE": (22.6, 26.1, 51.5, 56.4),
    "QA": (24.4, 26.2, 50.7, 51.7),
    "KW": (28.5, 30.1, 46.5, 48.5),
    "BH": (25.5, 26.4, 50.3, 50.9),
    "KM": (-12.5, -11.3, 43.2, 44.6),
    "DJ": (10.9, 12.8, 41.7, 43.5),
    "SO": (-1.7, 12.0, 40.9, 51.5),
    "US": (24.5, 49.5, -125.0, -66.9),
    "RU": (41.0, 82.0, 19.0, 180.0),
    "CN": (18.0, 54.0, 73.0, 135.0),
    "FR": (41.0, 51.2, -5.2, 9.6),
    "GB": (49.8, 60.9, -8.7, 1.8),
    "DE": (47.2, 55.1, 5.8, 15.1),
    "IT": (35.4, 47.1, 6.6, 18.6),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "IR": (25.0, 39.8, 44.0, 63.4),
    "TD": (7.4, 23.5, 13.4, 24.0),
    "NE": (11.6, 23.6, 0.1, 16.0),
    "ML": (10.1, 25.1, -12.3, 4.3),
    "BF": (9.4, 15.1, -5.6, 2.5),
    "NG": (4.2, 13.9, 2.6, 14.7),
    "ER": (12.3, 18.1, 36.4, 43.2),
    "ET": (3.3, 15.0, 32.9, 48.0),
    "CF": (2.2, 11.1, 14.4, 27.5),
    "GR": (34.8, 41.8, 19.3, 29.7),
    "MT": (35.7, 36.1, 14.1, 14.6),
    "ES": (35.9, 43.8, -9.4, 3.4),
    "UA": (44.3, 52.4, 22.1, 40.3),
    "CY": (34.5, 35.8, 32.2, 34.7),
    "AF": (29.3, 38.5, 60.4, 74.9),
    "PK": (23.6, 37.1, 60.8, 77.9),
    "BE": (49.4, 51.6, 2.5, 6.5),
    "CH": (45.8, 47.9, 5.9, 10.5),
    "NL": (50.7, 53.6, 3.3, 7.3),
    "AT": (46.3, 49.1, 9.5, 17.2),
    "KZ": (40.5, 55.5, 46.4, 87.4),
}

ARABIC = re.compile(r"[\u0621-\u064A]")
ID_RE = re.compile(r"^[a-z]{2}(-[a-z0-9]+)*$")

# Bare surface forms that are common words / names / other entities and must never be a
# name_ar or an alias on their own (the gazetteer matcher would fire on ordinary text).
FORBIDDEN_SURFACE = {
    "الجزيرة",  # Al Jazeera TV; use ولاية الجزيرة
    "الأبيض",  # "white" (البيت الأبيض); El Obeid is مدينة الأبيض
    "طرابلسي",  # surname / adjective
    "مدني",  # "civilian"
    "كيف",  # "how" (Kyiv variant)
    "المدينة",  # "the city"
    "الضاحية",  # "the suburb"
    "القطاع",  # "the sector"
    "الضفة",  # "the bank"
    "المصنع",  # "the factory"
    "الأقصى",  # also in operation/brigade names
    "عمان",  # Amman vs Oman: use عمّان / سلطنة عمان
    "الهضبة",  # "the plateau"
    "بحري",  # "naval"
    "مالي",  # "financial" (دعم مالي); Mali is جمهورية مالي
    "الخمس",  # "the five"
    "البيضاء",  # "white" (الخوذ البيضاء, الدار البيضاء)
    "القبة",  # "the dome" (القبة الحديدية)
    "القائم",  # "the one in charge" (القائم بالأعمال)
    "حديثة",  # "modern"
    "القصير",  # "short" (المدى القصير)
    "الميادين",  # "the squares" / Al Mayadeen TV
    "تدمر",  # verb "destroys"
    "الخيام",  # "the tents"
    "المطلة",  # "overlooking"
    "الزرقاء",  # "blue" (الخوذ الزرقاء)
    "العقبة",  # "the obstacle"
    "معان",  # "meanings"
    "المفرق",  # "the junction"
    "مشهد",  # "scene"
    "عمران",  # personal name / "urbanism"
    "حرض",  # verb "incited"
    "أدري",  # "I know"
    "بن عاشور",  # surname
}


def _key(form):
    """The matcher's view of a name, roughly: no diacritics, one alef, final ه for ة and ي for ى."""
    form = re.sub("[\u064b-\u0652\u0640]", "", form)
    return re.sub("[أإآ]", "ا", form).replace("ة", "ه").replace("ى", "ي")


def _read(name):
    path = DATA / name
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, r, strict=True)) for r in reader]
    return header, rows


@pytest.fixture(scope="module")
def tables():
    return {name: _read(name) for name in FILES}


@pytest.fixture(scope="module")
def by_id(tables):
    out = {}
    for _, (_, rows) in tables.items():
        for r in rows:
            out[r["id"]] = r
    return out


def _km(a, b):
    la1, lo1, la2, lo2 = map(
        math.radians, (float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))
    )
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _aliases(row):
    return [a for a in row["aliases_ar"].split("|")] if row["aliases_ar"] else []


@pytest.mark.parametrize("name", FILES)
def test_header_and_row_shape(tables, name):
    header, rows = tables[name]
    assert header == HEADER
    assert rows, f"{name} is empty"
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        for i, raw in enumerate(csv.reader(f)):
            assert len(raw) == len(HEADER), f"{name} line {i + 1} has {len(raw)} fields"


def test_row_counts(tables):
    assert 120 <= len(tables["places_ly.csv"][1]) <= 200
    assert 250 <= len(tables["places_world.csv"][1]) <= 450


def test_ids_unique_across_files(tables):
    seen = {}
    for name, (_, rows) in tables.items():
        for r in rows:
            assert ID_RE.match(r["id"]), f"bad id slug {r['id']!r} in {name}"
            assert r["id"] not in seen, f"duplicate id {r['id']} in {name} and {seen[r['id']]}"
            seen[r["id"]] = name


def test_libya_country_row_only_in_ly_file(tables):
    ly_ids = {r["id"] for r in tables["places_ly.csv"][1]}
    world_ids = {r["id"] for r in tables["places_world.csv"][1]}
    assert "ly" in ly_ids and "ly" not in world_ids
    assert all(r["country"] == "LY" for r in tables["places_ly.csv"][1])
    assert not any(r["country"] == "LY" for r in tables["places_world.csv"][1])


@pytest.mark.parametrize("name", FILES)
def test_coordinates_inside_country_bbox(tables, name):
    for r in tables[name][1]:
        assert re.fullmatch(r"-?\d{1,3}\.\d{4}", r["lat"]), f"{r['id']}: lat not 4 decimals"
        assert re.fullmatch(r"-?\d{1,3}\.\d{4}", r["lon"]), f"{r['id']}: lon not 4 decimals"
        lat, lon = float(r["lat"]), float(r["lon"])
        assert r["country"] in BBOX, f"{r['id']}: no bbox for country {r['country']}"
        la0, la1, lo0, lo1 = BBOX[r["country"]]
        assert la0 <= lat <= la1 and lo0 <= lon <= lo1, f"{r['id']} ({lat},{lon}) outside {r['country']} bbox"


@pytest.mark.parametrize("name", FILES)
def test_kinds_names_and_aliases(tables, name):
    for r in tables[name][1]:
        assert r["kind"] in KINDS, f"{r['id']}: kind {r['kind']!r}"
        assert r["name_en"].strip(), f"{r['id']}: empty name_en"
        assert ARABIC.search(r["name_ar"]), f"{r['id']}: name_ar has no Arabic letters"
        assert r["name_ar"] == r["name_ar"].strip()
        al = _aliases(r)
        assert all(a and a == a.strip() for a in al), f"{r['id']}: empty/space-padded alias"
        assert all(ARABIC.search(a) for a in al), f"{r['id']}: alias without Arabic letters"
        assert len(al) == len(set(al)), f"{r['id']}: duplicated alias"
        assert r["name_ar"] not in al, f"{r['id']}: alias repeats name_ar"
        for form in [r["name_ar"], *al]:
            bare = _key(form)
            assert bare not in FORBIDDEN or bare in GATED, f"{r['id']}: ambiguous bare form {form!r}"


@pytest.mark.parametrize("name", FILES)
def test_parents_exist_in_same_file_and_no_cycles(tables, name):
    rows = tables[name][1]
    ids = {r["id"]: r for r in rows}
    for r in rows:
        if r["kind"] == "country":
            assert r["parent"] == "", f"{r['id']}: country rows have no parent"
            assert r["id"] == r["country"].lower()
        if r["parent"]:
            assert r["parent"] in ids, f"{r['id']}: parent {r['parent']} not in {name}"
            assert ids[r["parent"]]["country"] == r["country"], f"{r['id']}: parent in another country"
        seen, cur = set(), r
        while cur["parent"]:
            assert cur["id"] not in seen, f"parent cycle at {r['id']}"
            seen.add(cur["id"])
            cur = ids[cur["parent"]]


def test_tripoli_chain(by_id):
    assert by_id["ly-tripoli"]["parent"] == "ly"
    for d in (
        "ly-ain-zara",
        "ly-khallat-furjan",
        "ly-yarmouk-camp",
        "ly-abu-salim",
        "ly-souq-juma",
        "ly-mitiga",
        "ly-airport-road",
        "ly-salah-aldin",
        "ly-gargaresh",
        "ly-janzour",
    ):
        assert by_id[d]["parent"] == "ly-tripoli", d


def test_tripoli_front_geometry(by_id):
    centre = by_id["ly-tripoli"]
    janzour = by_id["ly-janzour"]
    assert float(janzour["lon"]) < float(centre["lon"]), "Janzour must be west of Tripoli centre"
    for pid in ("ly-ain-zara", "ly-khallat-furjan", "ly-yarmouk-camp"):
        p = by_id[pid]
        assert float(p["lat"]) < float(centre["lat"]), f"{pid} must be south of Tripoli centre"
        assert _km(p, centre) < 40, f"{pid} must be within 40 km of Tripoli centre"
    assert _km(by_id["ly-palm-city"], centre) < 25
    assert _km(by_id["ly-mitiga"], centre) < 15
    assert float(by_id["ly-tripoli-airport"]["lat"]) < float(centre["lat"])


def test_khallah_and_yarmouk_are_the_libyan_ones(by_id):
    kh = by_id["ly-khallat-furjan"]
    assert kh["name_ar"] == "خلة الفرجان" and kh["country"] == "LY"
    assert "الخلة" in _aliases(kh)
    ya = by_id["ly-yarmouk-camp"]
    assert ya["name_ar"] == "معسكر اليرموك"
    assert "اليرموك" in _aliases(ya)


def test_homonyms_in_other_countries(by_id):
    lb = by_id["lb-tripoli"]
    assert lb["name_ar"] == "طرابلس" and lb["country"] == "LB" and lb["name_en"] == "Tripoli (Lebanon)"
    assert abs(float(lb["lat"]) - 34.43) < 0.05 and abs(float(lb["lon"]) - 35.84) < 0.05
    yc = by_id["sy-yarmouk-camp"]
    assert yc["name_ar"] == "مخيم اليرموك" and yc["kind"] == "camp" and yc["country"] == "SY"
    assert abs(float(yc["lat"]) - 33.47) < 0.03 and abs(float(yc["lon"]) - 36.30) < 0.03
    assert by_id["jo-amman"]["name_ar"] == "عمّان"
    assert by_id["om"]["name_ar"] == "سلطنة عمان"
    assert by_id["sd-gezira"]["name_ar"] == "ولاية الجزيرة"


def test_capitals_are_not_country_aliases(tables):
    rows = tables["places_world.csv"][1]
    us = next(r for r in rows if r["id"] == "us")
    assert "واشنطن" not in _aliases(us)
    assert {"أمريكا", "أميركا"} <= set(_aliases(us))


# ------------------------------------------------------------------ words around place names

AMBIGUOUS = {_key(r["word_ar"]): r["policy"] for r in _read("place_ambiguous.csv")[1]}
# A bare form that is also a common word may be a name only when place_ambiguous.csv gates it.
FORBIDDEN = {_key(f) for f in FORBIDDEN_SURFACE}
GATED = {word for word, policy in AMBIGUOUS.items() if policy in ("cue", "cue_or_country", "noun", "country")}
ISO_3166 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK
YE YT ZA ZM ZW
""".split())
GENERATED = ("places_regions.csv", "places_countries.csv")


@pytest.fixture(scope="module")
def every_place():
    out = {}
    for name in FILES + GENERATED:
        header, rows = _read(name)
        assert header == HEADER, name
        for r in rows:
            assert r["id"] not in out, f"{r['id']} in {name} is already a place"
            out[r["id"]] = r
    return out


def test_every_iso_3166_country_and_territory_is_a_place(every_place):
    countries = {r["country"] for r in every_place.values() if r["kind"] == "country"}
    assert not ISO_3166 - countries
    for r in every_place.values():
        if r["kind"] == "country":
            assert r["id"] == r["country"].lower() and not r["parent"], r["id"]
    names = {_key(n) for r in every_place.values() if r["kind"] == "country"
             for n in [r["name_ar"], *_aliases(r)]}
    for name in ("كازاخستان", "البرازيل", "كولومبيا", "الصحراء الغربية", "فنزويلا", "إندونيسيا", "جنوب أفريقيا",
                 "جنوب إفريقيا", "ميانمار", "بورما", "الكونغو الديمقراطية", "المجر", "هنغاريا", "الدنمارك"):
        assert _key(name) in names, name


@pytest.mark.parametrize("name", GENERATED)
def test_generated_rows_are_well_formed(every_place, name):
    _, rows = _read(name)
    assert rows
    for r in rows:
        assert ID_RE.match(r["id"]) or r["id"].startswith("water-"), r["id"]
        assert re.fullmatch(r"-?\d{1,3}\.\d{4}", r["lat"]) and re.fullmatch(r"-?\d{1,3}\.\d{4}", r["lon"]), r["id"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["id"]
        assert r["kind"] in KINDS and r["name_en"].strip() and ARABIC.search(r["name_ar"]), r["id"]
        al = _aliases(r)
        assert len(al) == len(set(al)) and r["name_ar"] not in al, r["id"]
        assert r["country"] or r["id"].startswith("water-"), f"{r['id']}: only seas belong to no country"
        if r["parent"]:
            parent = every_place[r["parent"]]
            assert parent["country"] == r["country"], f"{r['id']}: parent {r['parent']} in another country"
        for form in [r["name_ar"], *al]:
            bare = _key(form)
            assert bare not in FORBIDDEN or bare in GATED, f"{r['id']}: ambiguous bare form {form!r}"


def _rings(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def _inside(lon, lat, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_regions_lie_in_their_country(every_place):
    """Every region's point is inside its country's outline (data/basemap, Natural Earth), or within
    half a degree of it (small islands and coastal towns the simplified outline leaves out)."""
    features = json.loads((DATA / "basemap" / "countries.geojson").read_text(encoding="utf-8"))["features"]
    outlines = {}
    for feature in features:
        if feature["properties"].get("iso_a2"):
            outlines.setdefault(feature["properties"]["iso_a2"], []).extend(_rings(feature["geometry"]))
    checked = 0
    for r in _read("places_regions.csv")[1]:
        if not r["country"] or r["id"].startswith("water-"):
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        rings = outlines[r["country"]]
        near = any(_inside(lon, lat, ring) for ring in rings) or any(
            abs(x - lon) < 0.5 and abs(y - lat) < 0.5 for ring in rings for x, y in ring)
        assert near, f"{r['id']} ({lat},{lon}) is not in {r['country']}"
        checked += 1
    assert checked >= 100


def test_first_level_regions_of_the_conflict_countries(every_place):
    regions = {}
    for r in every_place.values():
        if r["kind"] == "region":
            regions.setdefault(r["country"], set()).update(_key(n) for n in [r["name_ar"], *_aliases(r)])
    for country, names in {
        "YE": ["حضرموت", "شبوة", "أبين", "المهرة", "محافظة حجة", "المحويت", "محافظة ريمة"],
        "SY": ["ريف دمشق", "الغوطة الشرقية"],
        "IQ": ["الأنبار", "نينوى", "ديالى", "بابل", "واسط", "ميسان", "ذي قار", "المثنى", "محافظة القادسية"],
        "LB": ["جبل لبنان", "البقاع", "عكار", "محافظة الشمال", "بعلبك الهرمل", "جنوب لبنان"],
        "PS": ["قطاع غزة", "الضفة الغربية", "شمال غزة"],
        "SD": ["دارفور", "شمال دارفور", "جنوب كردفان", "ولاية النيل الأبيض", "ولاية البحر الأحمر"],
        "SO": ["بونتلاند", "أرض الصومال", "جوبالاند", "شبيلي السفلى"],
        "ML": ["أزواد", "منطقة موبتي", "منطقة كيدال"],
        "EG": ["شمال سيناء", "جنوب سيناء", "الدقهلية", "الوادي الجديد"],
        "SA": ["المنطقة الشرقية", "القصيم", "عسير", "منطقة الرياض", "الحدود الشمالية"],
        "AF": ["هلمند", "ننغرهار", "بلخ", "بدخشان"],
        "LY": ["برقة", "فزان", "الجفرة", "البطنان", "وادي الشاطئ"],
    }.items():
        missing = [n for n in names if _key(n) not in regions.get(country, set())]
        assert not missing, (country, missing)


def test_seas_and_straits(every_place):
    names = {_key(n): r for r in every_place.values() for n in [r["name_ar"], *_aliases(r)]}
    for name in ("البحر الأحمر", "البحر المتوسط", "البحر الأبيض المتوسط", "الخليج العربي", "مضيق هرمز",
                 "باب المندب", "خليج عدن", "بحر العرب", "خليج السويس", "خليج سرت"):
        assert _key(name) in names, name
    red_sea = names[_key("البحر الأحمر")]
    assert 15 < float(red_sea["lat"]) < 25 and 36 < float(red_sea["lon"]) < 41


@pytest.mark.parametrize("name", ["place_cues.csv", "place_ambiguous.csv", "org_heads.csv", "nationality_forms.csv",
                                  "country_aliases.csv"])
def test_one_row_a_line(name):
    """A quote left open in a note swallows the next rows silently: every line must be one row."""
    header, rows = _read(name)
    lines = (DATA / name).read_text(encoding="utf-8").strip("\n").split("\n")
    assert len(rows) == len(lines) - 1
    assert all(None not in r and all(v is not None for v in r.values()) for r in rows)


def test_place_words():
    _, cues = _read("place_cues.csv")
    assert {r["kind"] for r in cues} == {"noun", "direction", "preposition"}
    assert {"مدينة", "جنوب", "في"} <= {r["word_ar"] for r in cues}
    header, ambiguous = _read("place_ambiguous.csv")
    assert header == ["word_ar", "policy", "meaning_en"]
    assert {r["policy"] for r in ambiguous} <= {"cue", "cue_or_country", "noun", "country", "never"}
    assert all(r["meaning_en"] for r in ambiguous)
    for word in ("صور", "كان", "بانه", "دوما"):
        assert AMBIGUOUS[_key(word)] in ("cue", "noun"), word
    assert AMBIGUOUS[_key("معسكر")] == "never"
    _, heads = _read("org_heads.csv")
    assert {"جامعة", "صحيفة", "قناة", "وكالة", "منظمة", "بنك", "مصرف", "شركة"} <= {r["head_ar"] for r in heads}
    _, forms = _read("nationality_forms.csv")
    countries = {r["country"] for r in _read("nationalities.csv")[1]}
    for r in forms:
        assert r["vote"] in ("0", "1") and r["country"] in countries, r


def test_curated_names_are_never_blocked_outright(every_place):
    """`never` keeps a common word from GeoNames; a curated place's own name is gated (cue...) instead."""
    never = {word for word, policy in AMBIGUOUS.items() if policy == "never"}
    for r in every_place.values():
        for form in [r["name_ar"], *_aliases(r)]:
            assert _key(form) not in never, f"{r['id']}: {form!r} is a `never` word"


# ------------------------------------------------------------------ localities (data/places_localities.csv)

LOCALITIES = "places_localities.csv"


@pytest.fixture(scope="module")
def localities():
    header, rows = _read(LOCALITIES)
    assert header == HEADER
    return rows


def test_localities_are_well_formed(every_place, localities):
    assert len(localities) >= 400
    ids = set(every_place)
    seen = set()
    for r in localities:
        assert ID_RE.match(r["id"]), r["id"]
        assert r["id"] not in ids and r["id"] not in seen, f"{r['id']} is already a place"
        seen.add(r["id"])
        assert re.fullmatch(r"-?\d{1,3}\.\d{4}", r["lat"]) and re.fullmatch(r"-?\d{1,3}\.\d{4}", r["lon"]), r["id"]
        assert r["kind"] in KINDS - {"country"}, f"{r['id']}: kind {r['kind']!r}"
        assert r["name_en"].strip() and ARABIC.search(r["name_ar"]), r["id"]
        al = _aliases(r)
        assert all(a and a == a.strip() and ARABIC.search(a) for a in al), r["id"]
        assert len(al) == len(set(al)) and r["name_ar"] not in al, r["id"]
        assert r["country"] in BBOX, f"{r['id']}: no bbox for {r['country']}"
        la0, la1, lo0, lo1 = BBOX[r["country"]]
        assert la0 <= float(r["lat"]) <= la1 and lo0 <= float(r["lon"]) <= lo1, f"{r['id']} outside {r['country']}"
        assert r["id"].split("-")[0] == r["country"].lower(), r["id"]
        for form in [r["name_ar"], *al]:
            assert _key(form) not in FORBIDDEN or _key(form) in GATED, f"{r['id']}: ambiguous bare form {form!r}"


def test_localities_have_parents_in_their_country(every_place, localities):
    local = {r["id"]: r for r in localities}
    for r in localities:
        assert r["parent"], f"{r['id']}: a locality lies in a region or a town"
        parent = local.get(r["parent"]) or every_place.get(r["parent"])
        assert parent is not None, f"{r['id']}: parent {r['parent']} is no place"
        assert parent["country"] == r["country"], f"{r['id']}: parent {r['parent']} in another country"


def test_no_locality_takes_a_country_or_city_name(every_place, localities):
    """A village named like a country or a city of the other files would outvote it (مصر، لبنان)."""
    taken = {_key(n) for r in every_place.values() if r["kind"] in ("country", "city")
             for n in [r["name_ar"], *_aliases(r)]}
    for r in localities:
        for form in [r["name_ar"], *_aliases(r)]:
            assert _key(form) not in taken, f"{r['id']}: {form!r} is a country's or a city's name"


def test_localities_that_are_common_words_are_gated(localities):
    names = {_key(n): r["id"] for r in localities for n in [r["name_ar"], *_aliases(r)]}
    assert names[_key("الحديد")] == "iq-hadid" and AMBIGUOUS[_key("الحديد")] == "noun"
    assert names[_key("نهم")] == "ye-nihm" and AMBIGUOUS[_key("نهم")] == "cue_or_country"
    assert AMBIGUOUS[_key("الكرمة")] in ("cue", "cue_or_country")


def test_check_places_passes():
    """scripts/check_places.py: every point in its country (Natural Earth) and near its parent, ids
    unique, no locality named like a country, a city or an ungated common word."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_places", DATA.parent / "scripts" / "check_places.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    errors, _notes = module.check()
    assert not errors, "\n".join(errors)
