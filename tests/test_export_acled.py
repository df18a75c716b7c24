"""The ACLED export: ACLED's columns in ACLED's order with ACLED's codes (from checked data files), the
GeoJSON export, and the CLI's `export acled` / `--format geojson`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from marsad import export_acled
from marsad.export import columns, records, to_csv
from marsad.export_acled import COLUMNS, acled_date, interaction
from marsad.export_geojson import to_geojson
from marsad.lexicon import ACTOR_TYPES
from marsad.records import Actor, Analysis, Article, Event, Mention, Place
from marsad.store import Store
from tests.conftest import ROOT

DATA = ROOT / "data"

# ACLED's columns, in its order (its codebook since the 2023 column changes), spelled out once more here.
ACLED_ORDER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
ACLED_REGIONS = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
                 "South Asia", "Southeast Asia", "Middle East", "Europe", "Caucasus and Central Asia",
                 "Central America", "South America", "Caribbean", "East Asia", "North America", "Oceania",
                 "Antarctica"}

PLACE_FILES = sorted(path.name for path in DATA.glob("places_*.csv"))


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the layout and the data files ---------------------------------------------------------------------

def test_the_columns_are_acleds_in_acleds_order_then_marsads() -> None:
    assert COLUMNS[:31] == ACLED_ORDER
    assert COLUMNS[31:] == ["marsad_type", "article_id", "sentence_ar", "event_id"]
    assert columns("acled") == COLUMNS


def test_every_marsad_event_type_is_mapped_and_agrees_with_its_triggers() -> None:
    types = export_acled.load_acled_types()
    known = export_acled.load_sub_event_types()
    triggers = _csv("event_triggers.csv")
    assert {t["event_type"] for t in triggers} <= types.keys()
    for trigger in triggers:
        mapping = types[trigger["event_type"]]
        assert trigger["acled_event_type"] == mapping.event_type, trigger
        if trigger["acled_sub_event_type"]:
            assert (trigger["acled_event_type"], trigger["acled_sub_event_type"]) in known, trigger
    for event_type, mapping in types.items():  # a type's own sub-event type is one its triggers give
        given = {t["acled_sub_event_type"] for t in triggers if t["event_type"] == event_type}
        assert not given or mapping.sub_event_type in given, event_type  # (older stores keep retired types)
    assert {"meeting", "phone_call", "negotiation", "casualties"} <= {t for t, m in types.items() if not m.exported}


def test_acleds_sub_event_types_and_disorder_types() -> None:
    known = export_acled.load_sub_event_types()
    assert len(known) == 25
    assert {k.disorder_type for k in known.values()} == {
        "Political violence", "Demonstrations", "Political violence; Demonstrations", "Strategic developments"}
    assert known[("Riots", "Mob violence")].disorder_type == "Political violence; Demonstrations"
    assert all(k.civilian_targeting == (k.event_type == "Violence against civilians") for k in known.values())


def test_countries_cover_iso_3166_with_acled_regions() -> None:
    countries = export_acled.load_countries()
    assert len(countries) >= 249
    assert countries["LY"].iso == 434 and countries["LY"].alpha3 == "LBY" and countries["LY"].name == "Libya"
    assert countries["LY"].region == "Northern Africa" and countries["YE"].region == "Middle East"
    assert countries["PS"].name == "Palestine" and countries["SY"].name == "Syria"
    assert {c.region for c in countries.values()} == ACLED_REGIONS
    assert len({c.alpha3 for c in countries.values()}) == len(countries)
    used = {r["country"].upper() for name in (*PLACE_FILES, "actors.csv") for r in _csv(name) if r["country"]}
    assert used <= countries.keys()


def test_every_actor_type_and_place_kind_has_a_code() -> None:
    by_type, by_actor = export_acled.load_inter_rules()
    assert ACTOR_TYPES <= by_type.keys()
    assert by_type["media"].inter is None  # news outlets never take part
    assert by_actor.keys() <= {a["id"] for a in _csv("actors.csv")}
    kinds = {r["kind"] for name in PLACE_FILES for r in _csv(name)}
    assert kinds <= export_acled.load_geo_precision().keys()
    assert export_acled.load_geo_precision()["country"] == 3 and export_acled.load_geo_precision()["city"] == 1


def test_interaction_puts_the_smaller_code_first() -> None:
    assert interaction(2, 1) == 12 and interaction(1, 3) == 13 and interaction(7, 3) == 37
    assert interaction(6, 0) == 60 and interaction(6, None) == 60 and interaction(None, 7) is None


def test_dates_follow_acleds_time_precision() -> None:
    assert acled_date(date(2019, 4, 6), "day", None) == (date(2019, 4, 6), 1)
    assert acled_date(date(2019, 4, 1), "month", None) == (date(2019, 4, 15), 3)
    assert acled_date(date(2019, 4, 1), "month", date(2019, 4, 7)) == (date(2019, 4, 7), 3)  # not after the report
    assert acled_date(date(2019, 4, 1), "week", None) == (date(2019, 4, 4), 2)
    assert acled_date(date(2019, 4, 7), "reported", date(2019, 4, 7)) == (date(2019, 4, 7), 2)
    assert acled_date(date(2016, 1, 1), "year", None) == (date(2016, 1, 1), 3)
    assert acled_date(None, "reported", None) == (None, None)


def test_admin1_is_the_gazetteers_first_level_region() -> None:
    assert export_acled.admin1("ps-gaza") == "Gaza Strip"
    assert export_acled.admin1("ly-benghazi") == "Cyrenaica / Barqa"
    assert export_acled.admin1("ly-tripoli") == "" and export_acled.admin1("gn-123") == ""


# --- the seeds, on SQLite and PostgreSQL -----------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds(processed_db: str) -> tuple[Store, list[dict], Counter]:
    store = Store(processed_db)
    left_out: Counter = Counter()
    return store, list(records(store, "acled", left_out=left_out)), left_out


def test_seed_records_have_exactly_the_columns(seeds) -> None:
    _store, rows, left_out = seeds
    assert rows and all(list(row) == COLUMNS for row in rows)
    assert left_out["meeting"] >= 1 and not {r["marsad_type"] for r in rows} & set(left_out)


def test_actor1_is_never_the_outlet_or_the_articles_source(seeds) -> None:
    store, rows, _left_out = seeds
    actors = store.actors()
    media = set(actors.loc[actors["type"] == "media", "name_en"]) | set(actors.loc[actors["type"] == "media", "name_ar"])
    assert media  # the seeds name Al Jazeera and Reuters
    for row in rows:
        for name in (row["actor1"], row["actor2"]):
            assert name not in media
            assert not (name and row["source"] and name in row["source"])


def test_seed_geography_and_codes(seeds) -> None:
    _store, rows, _left_out = seeds
    libya = [r for r in rows if r["country"] == "Libya"]
    assert libya and all(r["iso"] == 434 and r["region"] == "Northern Africa" for r in libya)
    assert all(r["event_id_cnty"].startswith("LBY") for r in libya)
    country_level = [r for r in libya if r["location"] == "Libya"]
    assert country_level and all(r["geo_precision"] == 3 for r in country_level)
    assert any(r["location"] == "Tripoli" and r["geo_precision"] == 1 for r in rows)
    for row in rows:
        assert isinstance(row["iso"], int) or (row["iso"] is None and not row["country"])
        assert row["year"] == int(row["event_date"][:4])
        assert row["time_precision"] in (1, 2, 3) and row["disorder_type"]
        assert row["notes"].endswith(".") and row["sentence_ar"]
        assert isinstance(row["timestamp"], int) and row["timestamp"] > 1_500_000_000


def test_fatalities_are_the_events_killed(seeds) -> None:
    store, rows, _left_out = seeds
    killed = {e["event_id"]: e["killed"] for e in records(store, "events")}
    assert all(row["fatalities"] == (killed[row["event_id"]] or 0) for row in rows)


# --- a made-up article, to check actors, inter codes, civilians and tolls ---------------------------

TEXT = ("قالت الجزيرة إن التحالف بقيادة السعودية شن غارة على صنعاء قتلت 11 شخصا. "
        "وقتل مسلحون مدنيين في ليبيا. وعقد اجتماع في صنعاء.")
COALITION = "التحالف بقيادة السعودية"


def _analysis() -> Analysis:
    first = TEXT.index("وقتل")
    second = TEXT.index("وعقد")
    coalition, jazeera = TEXT.index("التحالف"), TEXT.index("الجزيرة")
    actors = {"saudi-led-coalition": Actor("saudi-led-coalition", "Saudi-led coalition", COALITION, "military",
                                           "saudi-arabia"),
              "aljazeera": Actor("aljazeera", "Al Jazeera", "الجزيرة", "media", None, "QA")}
    places = {"ye-sanaa": Place("ye-sanaa", "Sanaa", "صنعاء", 15.35, 44.2, "YE", "city"),
              "ly": Place("ly", "Libya", "ليبيا", 26.64, 18.01, "LY", "country")}
    mentions = [Mention(jazeera, jazeera + 7, "الجزيرة", "ORGANIZATION", "aljazeera", "lexicon"),
                Mention(coalition, coalition + len(COALITION), COALITION, "ORGANIZATION", "saudi-led-coalition",
                        "lexicon")]
    sentence = TEXT[:first - 1]
    events = [
        Event(0, first - 1, sentence, "airstrike", "air/drone strike", "غارة", 0, 0, date(2015, 7, 19), "day",
              "ye-sanaa", ("aljazeera", "saudi-led-coalition"), "Explosions/Remote violence", "Air/drone strike",
              killed=11),
        Event(first, second - 1, TEXT[first:second - 1], "killing", "killing", "قتل", 0, 0, date(2015, 7, 1),
              "month", "ly", (), "Violence against civilians", "Attack", killed=3, killed_high=5,
              victims="civilians"),
        Event(second, len(TEXT), TEXT[second:], "meeting", "meeting", "اجتماع", 0, 0, date(2015, 7, 19), "day",
              "ye-sanaa", (), "Strategic developments", "Other"),
    ]
    return Analysis(Article("made-up", "t", TEXT, source="Al Jazeera", published=date(2015, 7, 20)),
                    actors=actors, places=places, mentions=mentions, events=events)


def test_actors_codes_civilians_and_tolls(store: Store) -> None:
    store.save(_analysis())
    left_out: Counter = Counter()
    rows = {r["marsad_type"]: r for r in records(store, "acled", left_out=left_out)}
    assert left_out == Counter({"meeting": 1})
    strike = rows["airstrike"]
    assert strike["actor1"] == "Saudi-led coalition"  # never Al Jazeera, though named first
    assert strike["inter1"] == 8 and strike["inter2"] == 0 and strike["interaction"] == 80  # abroad: external
    assert strike["fatalities"] == 11 and strike["country"] == "Yemen" and strike["iso"] == 887
    assert strike["event_id_cnty"].startswith("YEM") and strike["geo_precision"] == 1
    assert (strike["latitude"], strike["longitude"]) == (15.35, 44.2)
    assert strike["notes"] == "Air/drone strike by Saudi-led coalition in Sanaa (Yemen) on 2015-07-19; 11 killed."
    killing = rows["killing"]
    assert killing["actor2"] == "Civilians (Libya)" and killing["inter2"] == 7
    assert killing["civilian_targeting"] == "Civilian targeting" and killing["fatalities"] == 3
    assert killing["geo_precision"] == 3 and killing["iso"] == 434 and killing["admin1"] == ""
    assert (killing["event_date"], killing["time_precision"]) == ("2015-07-15", 3)
    assert killing["notes"].endswith("in Libya in July 2015; 3-5 killed.")
    events = {e["type"]: e for e in records(store, "events")}
    assert events["killing"]["killed_high"] == 5 and events["killing"]["victims"] == "civilians"
    assert events["airstrike"]["evidence"] == [] and "actor1_id" in events["airstrike"]


def test_a_place_the_sentence_does_not_name_is_acleds_general_area(store: Store) -> None:
    from dataclasses import replace

    analysis = _analysis()
    analysis.events[0] = replace(analysis.events[0], place_inherited=True)  # Sanaa, from the paragraph
    store.save(analysis)
    strike = {r["marsad_type"]: r for r in records(store, "acled")}["airstrike"]
    assert strike["location"] == "Sanaa" and strike["geo_precision"] == 2


def test_csv_of_the_acled_export_has_its_header_even_when_empty(store: Store) -> None:
    lines = list(to_csv(records(store, "acled"), columns("acled")))
    assert lines == [",".join(COLUMNS)]


# --- GeoJSON ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["places", "events", "acled"])
def test_geojson_is_a_feature_collection_of_lon_lat_points(processed_store: Store, kind: str) -> None:
    rows = list(records(processed_store, kind))
    omitted: Counter = Counter()
    collection = json.loads("\n".join(to_geojson(iter(rows), omitted)))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    lon, lat = ("longitude", "latitude") if kind == "acled" else ("lon", "lat")
    for item in collection["features"]:
        assert item["type"] == "Feature" and item["geometry"]["type"] == "Point"
        assert item["geometry"]["coordinates"] == [item["properties"][lon], item["properties"][lat]]
    tripoli = [f for f in collection["features"] if f["properties"].get("place_id") == "ly-tripoli"
               or f["properties"].get("location") == "Tripoli"]
    assert tripoli and tripoli[0]["geometry"]["coordinates"][0] < tripoli[0]["geometry"]["coordinates"][1]  # 13 E, 32 N
    assert len(collection["features"]) + omitted["no coordinates"] == len(rows)


def test_geojson_omits_and_counts_records_without_coordinates() -> None:
    omitted: Counter = Counter()
    rows = [{"lat": 1.0, "lon": 2.0}, {"lat": None, "lon": None}, {"lat": float("nan"), "lon": 3.0}]
    collection = json.loads("\n".join(to_geojson(iter(rows), omitted)))
    assert [f["geometry"]["coordinates"] for f in collection["features"]] == [[2.0, 1.0]]
    assert omitted["no coordinates"] == 2


# --- the command line -----------------------------------------------------------------------------------

def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_cli_exports_acled_as_csv_with_a_bom(processed_sqlite_db: str) -> None:
    done = _run("export", "acled", "--format", "csv", "--db", processed_sqlite_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("\ufeff"), "a BOM, so spreadsheets read the Arabic as UTF-8"
    table = list(csv.reader(io.StringIO(done.stdout[1:])))
    assert table[0] == COLUMNS and len(table) > 1
    assert all(dict(zip(table[0], row, strict=True))["iso"] == "434" for row in table[1:]
               if row[COLUMNS.index("country")] == "Libya")
    assert "left out" in done.stderr and "meeting" in done.stderr
    plain = _run("export", "acled", "--format", "csv", "--no-bom", "--db", processed_sqlite_db)
    assert plain.stdout.startswith("event_id_cnty,event_date,year,")


def test_cli_exports_geojson_and_refuses_it_for_kinds_without_coordinates(processed_sqlite_db: str,
                                                                           tmp_path: Path) -> None:
    done = _run("export", "events", "--format", "geojson", "--db", processed_sqlite_db)
    assert done.returncode == 0, done.stderr
    collection = json.loads(done.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    events = _run("export", "events", "--db", processed_sqlite_db).stdout.splitlines()
    unplaced = len(events) - len(collection["features"])
    assert (f"omitted {unplaced} events records without coordinates" in done.stderr) == (unplaced > 0)
    refused = _run("export", "actors", "--format", "geojson", "--db", processed_sqlite_db)
    assert refused.returncode == 2 and refused.stderr.startswith("error: --format geojson is for places")
