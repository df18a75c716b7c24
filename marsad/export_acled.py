"""Events in ACLED's layout: ACLED's columns, in ACLED's order, with ACLED's codes, then Marsad's own.

Analysts put Marsad's events beside ACLED's to compare them. Every code comes from a checked data file:
- data/acled_types.csv: each Marsad event type -> ACLED event type and sub-event type, and whether it
  belongs in the export (meetings, calls, appeals, denials, sanctions and bare tolls do not: ACLED
  codes none of them);
- data/acled_event_types.csv: ACLED's 25 sub-event types with their disorder type, the generic actor
  ACLED names in them (Protesters, Rioters, Civilians) and whether they target civilians;
- data/countries_acled.csv: ISO alpha-2 -> alpha-3, ISO numeric, English name, ACLED region;
- data/actor_inter_codes.csv: actor types (and a few actors) -> ACLED inter codes;
- data/place_geo_precision.csv: place kinds -> ACLED geo_precision.
docs/DATA_CONTRACT.md says what each column holds.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

from marsad.lexicon import LexiconError, read_rows
from marsad.paths import DATA_DIR
from marsad.records import place_was_inherited
from marsad.store import Store
from marsad.store.schema import actors, articles, event_actors, events, mentions, places

# ACLED's columns, in ACLED's order (its codebook, since the 2023 column changes).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
MARSAD_COLUMNS = ["marsad_type", "article_id", "sentence_ar", "event_id"]
COLUMNS = ACLED_COLUMNS + MARSAD_COLUMNS

CIVILIAN_TARGETING = "Civilian targeting"
_CHUNK = 500  # articles per look-up of their actors and mentions


# --- the data files ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class AcledType:
    """What one Marsad event type is in ACLED (the sub-event type a trigger does not refine)."""

    event_type: str
    sub_event_type: str
    exported: bool


@dataclass(frozen=True)
class SubEventType:
    """One of ACLED's sub-event types and what ACLED codes with it."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    actor1: str  # the generic actor ACLED names (Protesters, Rioters, Civilians), "" if none
    inter1: int | None
    actor2: str
    inter2: int | None
    civilian_targeting: bool


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    iso: int
    name: str
    region: str


@dataclass(frozen=True)
class InterRule:
    """An actor's ACLED inter code: `inter` at home, `abroad` outside its own country, `affiliated` when it
    belongs to a state force or a party (a militia); None: never an event's actor (media, monitors)."""

    inter: int | None
    abroad: int | None
    affiliated: int | None
    follow_affiliation: bool


def _code(path: Path, number: int, value: str, allowed: range) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) not in allowed:
        raise LexiconError(f"{path.name} row {number}: {value!r} is not a code from {allowed.start} to "
                           f"{allowed.stop - 1}")
    return int(value)


def _flag(path: Path, number: int, value: str) -> bool:
    if value not in ("yes", "no", ""):
        raise LexiconError(f"{path.name} row {number}: {value!r} is neither yes nor no")
    return value == "yes"


@lru_cache(maxsize=4)
def load_sub_event_types(data_dir: Path | None = None) -> dict[tuple[str, str], SubEventType]:
    """ACLED's sub-event types, by (event type, sub-event type)."""
    path = Path(data_dir or DATA_DIR) / "acled_event_types.csv"
    table: dict[tuple[str, str], SubEventType] = {}
    for number, row in read_rows(path, ["acled_event_type", "acled_sub_event_type", "disorder_type", "generic_actor1",
                                    "generic_inter1", "generic_actor2", "generic_inter2", "civilian_targeting"]):
        key = (row["acled_event_type"], row["acled_sub_event_type"])
        if not all(key) or not row["disorder_type"] or key in table:
            raise LexiconError(f"{path.name} row {number}: event type, sub-event type and disorder type are "
                               "required, once each")
        table[key] = SubEventType(*key, row["disorder_type"], row["generic_actor1"],
                                  _code(path, number, row["generic_inter1"], range(1, 9)), row["generic_actor2"],
                                  _code(path, number, row["generic_inter2"], range(1, 9)),
                                  _flag(path, number, row["civilian_targeting"]))
    return table


@lru_cache(maxsize=4)
def load_acled_types(data_dir: Path | None = None) -> dict[str, AcledType]:
    """Marsad's event types -> ACLED's (data/acled_types.csv), checked against ACLED's sub-event types."""
    path = Path(data_dir or DATA_DIR) / "acled_types.csv"
    known = load_sub_event_types(data_dir)
    table: dict[str, AcledType] = {}
    for number, row in read_rows(path, ["event_type", "acled_event_type", "acled_sub_event_type", "in_acled_export"]):
        pair = (row["acled_event_type"], row["acled_sub_event_type"])
        exported = _flag(path, number, row["in_acled_export"])
        if not row["event_type"] or row["event_type"] in table:
            raise LexiconError(f"{path.name} row {number}: event_type is required, once")
        if (any(pair) or exported) and pair not in known:
            raise LexiconError(f"{path.name} row {number}: {' / '.join(pair)!r} is not an ACLED sub-event type")
        table[row["event_type"]] = AcledType(*pair, exported)
    return table


@lru_cache(maxsize=4)
def load_countries(data_dir: Path | None = None) -> dict[str, Country]:
    """Countries by ISO 3166 alpha-2 (data/countries_acled.csv)."""
    path = Path(data_dir or DATA_DIR) / "countries_acled.csv"
    table: dict[str, Country] = {}
    for number, row in read_rows(path, ["alpha2", "alpha3", "iso_numeric", "name_en", "acled_region"]):
        if (len(row["alpha2"]) != 2 or len(row["alpha3"]) != 3 or not row["iso_numeric"].isdigit()
                or not row["name_en"] or not row["acled_region"] or row["alpha2"] in table):
            raise LexiconError(f"{path.name} row {number}: alpha2, alpha3, a numeric code, a name and a region "
                               "are required, once per country")
        table[row["alpha2"]] = Country(row["alpha2"], row["alpha3"], int(row["iso_numeric"]), row["name_en"],
                                       row["acled_region"])
    return table


@lru_cache(maxsize=4)
def load_inter_rules(data_dir: Path | None = None) -> tuple[dict[str, InterRule], dict[str, InterRule]]:
    """Inter codes by actor type and by actor id (data/actor_inter_codes.csv)."""
    path = Path(data_dir or DATA_DIR) / "actor_inter_codes.csv"
    by: dict[str, dict[str, InterRule]] = {"type": {}, "actor": {}}
    for number, row in read_rows(path, ["match", "value", "inter", "inter_abroad", "inter_affiliated",
                                    "follow_affiliation"]):
        if row["match"] not in by or not row["value"] or row["value"] in by[row["match"]]:
            raise LexiconError(f"{path.name} row {number}: match is type or actor, with a value, once each")
        codes = [_code(path, number, row[c], range(1, 9)) for c in ("inter", "inter_abroad", "inter_affiliated")]
        by[row["match"]][row["value"]] = InterRule(*codes, _flag(path, number, row["follow_affiliation"]))
    return by["type"], by["actor"]


@lru_cache(maxsize=4)
def load_geo_precision(data_dir: Path | None = None) -> dict[str, int]:
    """ACLED geo_precision by place kind (data/place_geo_precision.csv)."""
    path = Path(data_dir or DATA_DIR) / "place_geo_precision.csv"
    table: dict[str, int] = {}
    for number, row in read_rows(path, ["kind", "geo_precision"]):
        code = _code(path, number, row["geo_precision"], range(1, 4))
        if not row["kind"] or code is None or row["kind"] in table:
            raise LexiconError(f"{path.name} row {number}: a kind and a precision from 1 to 3, once per kind")
        table[row["kind"]] = code
    return table


GEO_PRECISION_UNKNOWN_KIND = 2  # a place of a kind the table does not list: "near a known location"


@lru_cache(maxsize=4)
def _gazetteer(data_dir: Path | None = None) -> dict[str, tuple[str, str, str]]:
    """place_id -> (name_en, kind, parent) of the curated places (every data/places_*.csv), for their
    first-level region."""
    table = {}
    for path in sorted(Path(data_dir or DATA_DIR).glob("places_*.csv")):
        for _number, row in read_rows(path, ["id", "name_en", "kind", "parent"]):
            table[row["id"]] = (row["name_en"], row["kind"], row["parent"])
    return table


@lru_cache(maxsize=4)
def _registry_actors(data_dir: Path | None = None) -> dict[str, tuple[str, str, str]]:
    """actor_id -> (type, affiliation, country) of data/actors.csv: an affiliation the store never saw."""
    rows = read_rows(Path(data_dir or DATA_DIR) / "actors.csv", ["id", "type", "affiliation", "country"])
    return {row["id"]: (row["type"], row["affiliation"], row["country"].upper()) for _n, row in rows}


_QUALIFIER_RE = re.compile(r"\s*\([^)]*\)\s*$")
_SOURCE_PARTS_RE = re.compile(r"\s*[+,،;/|]\s*|\s+-\s+")  # "الجزيرة + وكالات", "Reuters, AFP"


def admin1(place_id: str | None, data_dir: Path | None = None) -> str:
    """The first-level region a curated place lies in (the place itself when it is one): the gazetteer's
    region under the country, e.g. "Gaza Strip" for Gaza City, "" when the gazetteer names none."""
    gazetteer = _gazetteer(data_dir)
    seen: set[str] = set()
    while place_id and place_id in gazetteer and place_id not in seen:
        seen.add(place_id)
        name, kind, parent = gazetteer[place_id]
        if kind == "region" and gazetteer.get(parent, ("", "", ""))[1] == "country":
            return _QUALIFIER_RE.sub("", name)
        place_id = parent
    return ""


# --- codes --------------------------------------------------------------------------------------------

def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: both inter codes, the smaller first (12, 37); one actor alone: 10 x its code."""
    if inter1 is None:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


_TIME_PRECISION = {"day": 1, "week": 2, "reported": 2, "month": 3, "year": 3, "range": 3}


def acled_date(value: date | None, precision: str, published: date | None) -> tuple[date | None, int | None]:
    """The event date and time_precision as ACLED codes them: a day is 1; a week is 2, dated its middle
    day; a month is 3, dated its 15th; a year or a longer span is 3 and keeps its first day; an event
    dated by its report alone ("reported": the publication date) is 2. A middle day after the report's
    publication is the publication date instead."""
    if value is None:
        return None, None
    shifted = value
    if precision == "week":
        shifted = value + timedelta(days=3)
    elif precision == "month":
        shifted = value.replace(day=15)
    if published is not None and shifted > published >= value:
        shifted = published
    return shifted, _TIME_PRECISION.get(precision, 3)


# --- what the store holds besides the events' own rows -------------------------------------------------

@dataclass(frozen=True)
class _Actor:
    name_en: str
    name_ar: str
    type: str
    affiliation: str
    country: str


class _Context:
    """The store's actors, places and articles, and each event's linked actors in mention order."""

    def __init__(self, store: Store, article_ids: list[str], event_ids: set[str], data_dir: Path | None) -> None:
        self.data_dir = data_dir
        with store.engine.connect() as conn:
            self.actors = {r.actor_id: _Actor(r.name_en or "", r.name_ar or "", r.type or "", r.affiliation or "",
                                              (r.country or "").upper())
                           for r in conn.execute(sa.select(actors.c.actor_id, actors.c.name_en, actors.c.name_ar,
                                                           actors.c.type, actors.c.affiliation, actors.c.country))}
            self.places = {r.place_id: ((r.country or "").upper(), r.kind or "")
                           for r in conn.execute(sa.select(places.c.place_id, places.c.country, places.c.kind))}
            # a locality no gazetteer lists sits at its parent's point (marsad.extract.localities)
            self.approximate = {r.place_id for r in conn.execute(
                sa.select(places.c.place_id).where(places.c.source == "discovered"))}
            self.articles: dict[str, tuple[date | None, datetime | None]] = {}
            self.linked: dict[str, list[str]] = {}
            self.mentions: dict[str, list[tuple[int, str]]] = {}
            for start in range(0, len(article_ids), _CHUNK):
                chunk = article_ids[start:start + _CHUNK]
                for r in conn.execute(sa.select(articles.c.article_id, articles.c.published, articles.c.processed_at)
                                      .where(articles.c.article_id.in_(chunk))):
                    self.articles[r.article_id] = (r.published, r.processed_at)
                for r in conn.execute(sa.select(event_actors.c.event_id, event_actors.c.actor_id)
                                      .join(events, events.c.event_id == event_actors.c.event_id)
                                      .where(events.c.article_id.in_(chunk))):
                    if r.event_id in event_ids:
                        self.linked.setdefault(r.event_id, []).append(r.actor_id)
                for r in conn.execute(sa.select(mentions.c.article_id, mentions.c.start, mentions.c.entity_id)
                                      .where(mentions.c.article_id.in_(chunk))):
                    if r.entity_id in self.actors:
                        self.mentions.setdefault(r.article_id, []).append((r.start, r.entity_id))
        self.type_rules, self.actor_rules = load_inter_rules(data_dir)

    def ordered_actors(self, event: dict) -> list[str]:
        """The event's linked actors, first mentioned first: in its sentence, then in the incident's other
        sentences, then the rest by id."""
        spans = [(event["start"], event["end"])] + [tuple(s) for s in event["evidence"]]
        first: dict[str, tuple[int, int]] = {}
        for position, entity in self.mentions.get(event["article_id"], []):
            for rank, (start, end) in enumerate(spans):
                if start <= position < end:
                    first[entity] = min(first.get(entity, (rank, position)), (rank, position))
        linked = sorted(set(self.linked.get(event["event_id"], [])))
        return sorted(linked, key=lambda a: first.get(a, (len(spans), 0)))

    def rule(self, actor_id: str) -> InterRule | None:
        actor = self.actor(actor_id)
        if actor is None:
            return None
        return self.actor_rules.get(actor_id) or self.type_rules.get(actor.type)

    def actor(self, actor_id: str) -> _Actor | None:
        if actor_id in self.actors:
            return self.actors[actor_id]
        registry = _registry_actors(self.data_dir).get(actor_id)
        return _Actor(actor_id, "", *registry) if registry else None

    def home(self, actor_id: str, depth: int = 0) -> str:
        """An actor's country: its own, else the body it belongs to's (a coalition led by a state)."""
        actor = self.actor(actor_id)
        if actor is None or depth > 5:
            return ""
        return actor.country or (self.home(actor.affiliation, depth + 1) if actor.affiliation else "")

    def inter(self, actor_id: str, country: str, depth: int = 0) -> int | None:
        """The actor's inter code in an event in `country`; None for a body that never takes part (media)."""
        rule, actor = self.rule(actor_id), self.actor(actor_id)
        if rule is None or actor is None or depth > 5:
            return None
        if rule.follow_affiliation and actor.affiliation:
            followed = self.inter(actor.affiliation, country, depth + 1)
            if followed is not None:
                return followed
        if rule.affiliated and actor.affiliation and self.inter(actor.affiliation, country, depth + 1) in (1, 3):
            return rule.affiliated
        home = self.home(actor_id)
        return rule.abroad if home and country and home != country else rule.inter

    def takes_part(self, actor_id: str, source: str, guessed: bool = False) -> bool:
        """Not a news outlet or monitor (their code is None), nor the article's own source by name (one of
        its parts: "الجزيرة + وكالات"); when `guessed` from the sentence's mentions, not an outlet's own
        person either (its correspondent tells the story)."""
        actor, rule = self.actor(actor_id), self.rule(actor_id)
        if actor is None or rule is None or rule.inter is None:
            return False
        if guessed and actor.affiliation:
            body = self.rule(actor.affiliation)
            if body is not None and body.inter is None:
                return False
        parts = {p.strip().casefold() for p in _SOURCE_PARTS_RE.split(source) if p.strip()}
        return not parts & {n.strip().casefold() for n in (actor.name_en, actor.name_ar) if n.strip()}


# --- the records ----------------------------------------------------------------------------------------

def acled_rows(store: Store, events: list[dict], left_out: Counter | None = None,
               data_dir: Path | None = None) -> Iterator[dict]:
    """`events` (the store's event rows as plain values, in export order) in ACLED's layout (`COLUMNS`).
    Events of a type ACLED does not code (data/acled_types.csv, in_acled_export=no) are left out and
    counted by type in `left_out`."""
    types, sub_events, countries = load_acled_types(data_dir), load_sub_event_types(data_dir), load_countries(data_dir)
    precision_by_kind = load_geo_precision(data_dir)
    rows = [{**row, "evidence": _spans(row.get("evidence"))} for row in events]
    context = _Context(store, sorted({r["article_id"] for r in rows}), {r["event_id"] for r in rows}, data_dir)
    exported_at = int(time.time())
    for row in rows:
        mapping = types.get(row["type"])
        if mapping is None or not mapping.exported:
            if left_out is not None:
                left_out[row["type"]] += 1
            continue
        event_type, sub_event_type = mapping.event_type, mapping.sub_event_type
        if row.get("acled_event_type") == event_type and (event_type, row.get("acled_sub_event_type")) in sub_events:
            sub_event_type = row["acled_sub_event_type"]  # the trigger's own, finer sub-event type
        yield _record(row, sub_events[(event_type, sub_event_type)], context, countries, precision_by_kind,
                      exported_at)


def _spans(value: object) -> list[list[int]]:
    if not value:
        return []
    spans = json.loads(value) if isinstance(value, str) else value
    return [[int(start), int(end)] for start, end in spans]  # type: ignore[union-attr]


def _record(row: dict, kind: SubEventType, context: _Context, countries: dict[str, Country],
            precision_by_kind: dict[str, int], exported_at: int) -> dict:
    place_country, place_kind = context.places.get(row["place_id"] or "", ("", ""))
    country = countries.get(place_country)
    published, processed_at = context.articles.get(row["article_id"], (None, None))
    marsad_date = date.fromisoformat(row["date"]) if row["date"] else None
    event_date, time_precision = acled_date(marsad_date, row["date_precision"], published)
    actor1, assoc1, inter1, actor2, assoc2, inter2 = _actors(row, kind, context, country)
    political = kind.disorder_type.startswith("Political violence")
    targets_civilians = political and (kind.civilian_targeting or inter2 == 7 or row.get("victims") == "civilians")
    has_point = _finite(row["lat"]) and _finite(row["lon"])
    precision = None
    if row["place_id"]:
        precision = precision_by_kind.get(place_kind, GEO_PRECISION_UNKNOWN_KIND)
        if row["place_id"] in context.approximate or place_was_inherited(row):
            precision = max(precision, 2)  # ACLED's 2: the point of a larger place it lies in, or a place the
            # sentence does not name (its paragraph's, its article's): near there, not surely at it
    killed = row.get("killed")
    return {
        "event_id_cnty": f"{country.alpha3 if country else 'XXX'}{row['event_id'].split('-', 1)[-1]}",
        "event_date": event_date.isoformat() if event_date else None,
        "year": event_date.year if event_date else None,
        "time_precision": time_precision,
        "disorder_type": kind.disorder_type,
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": CIVILIAN_TARGETING if targets_civilians else "",
        "iso": country.iso if country else None,
        "region": country.region if country else "",
        "country": country.name if country else "",
        "admin1": admin1(row["place_id"], context.data_dir) if place_kind != "country" else "",
        "admin2": "", "admin3": "",
        "location": row["place_en"] or "",
        "latitude": row["lat"] if has_point else None,
        "longitude": row["lon"] if has_point else None,
        "geo_precision": precision,
        "source": row.get("article_source") or "",
        "source_scale": "",
        "notes": notes(row, actor1, actor2, country.name if country else "", place_kind),
        "fatalities": int(killed) if killed is not None else 0,
        "tags": "",
        "timestamp": _unix(processed_at) if processed_at else exported_at,
        "marsad_type": row["type"],
        "article_id": row["article_id"],
        "sentence_ar": row["sentence"],
        "event_id": row["event_id"],
    }


def _actors(row: dict, kind: SubEventType, context: _Context, country: Country | None
            ) -> tuple[str, str, int | None, str, str, int | None]:
    """actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2.

    The extraction's agent and target (actor1_id, actor2_id) when it found them; for events it has not
    filled, the linked actors in mention order. News outlets, monitors and the article's own source are
    never actors. A sub-event type with a generic actor (Protesters, Rioters, Civilians) names it, and the
    agent or target the extraction found goes beside it as its associated actor."""
    source = row.get("article_source") or ""
    code = country.alpha2 if country else ""
    explicit = bool(row.get("actor1_id") or row.get("actor2_id"))
    if explicit:
        picked = [a if a and context.takes_part(a, source) else None
                  for a in (row.get("actor1_id"), row.get("actor2_id"))]
    else:
        candidates = [a for a in context.ordered_actors(row) if context.takes_part(a, source, guessed=True)]
        picked = (candidates + [None, None])[:2]

    def named(actor_id: str | None) -> tuple[str, int | None]:
        if not actor_id:
            return "", None
        actor = context.actor(actor_id)
        return (actor.name_en if actor else actor_id), context.inter(actor_id, code)

    (name1, inter1), (name2, inter2) = named(picked[0]), named(picked[1])
    assoc1 = assoc2 = ""
    suffix = f" ({country.name})" if country else ""
    if kind.actor1:
        assoc1 = name1 if explicit else ""
        name1, inter1 = kind.actor1 + suffix, kind.inter1
    if kind.actor2:
        assoc2 = name2 if explicit else ""
        name2, inter2 = kind.actor2 + suffix, kind.inter2
    elif not name2 and row.get("victims") == "civilians" and kind.disorder_type.startswith("Political violence"):
        name2, inter2 = "Civilians" + suffix, 7
    if inter1 is None:
        return name1, assoc1, None, name2, assoc2, inter2
    return name1, assoc1, inter1, name2, assoc2, inter2 if name2 else 0


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _unix(moment: datetime | str) -> int:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:  # the store writes UTC without a zone
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def notes(row: dict, actor1: str, actor2: str, country: str, place_kind: str) -> str:
    """A short English note from what Marsad extracted (never a translation of the sentence): what, by and
    against whom, where, when, and the reported toll, e.g. "Air/drone strike by Saudi-led coalition in
    Sanaa (Yemen) on 2015-07-19; 11 killed."."""
    label = (row.get("label_en") or row["type"].replace("_", " ")).strip()
    text = label[:1].upper() + label[1:]
    if actor1:
        text += f" by {actor1}"
    if actor2:
        text += f" against {actor2}"
    place = row.get("place_en") or ""
    if place and country and place_kind != "country" and country != place:
        qualifier = _QUALIFIER_RE.search(place)  # "Yarmouk camp (Tripoli)" -> "Yarmouk camp (Tripoli, Libya)"
        place = (f"{place[:qualifier.start()]} ({qualifier.group().strip()[1:-1]}, {country})" if qualifier
                 else f"{place} ({country})")
    if place:
        text += f" in {place}"
    text += _when(row["date"], row["date_precision"])
    tolls = [t for t in (_toll(row.get("killed"), row.get("killed_high"), "killed"),
                         _toll(row.get("wounded"), row.get("wounded_high"), "wounded")) if t]
    return text + ("; " + ", ".join(tolls) if tolls else "") + "."


def _when(value: str | None, precision: str) -> str:
    if not value:
        return ""
    day = date.fromisoformat(value)
    if precision == "day":
        return f" on {value}"
    if precision == "reported":
        return f" reported on {value}"
    if precision == "week":
        return f" in the week of {value}"
    if precision == "month":
        return f" in {_MONTHS[day.month - 1]} {day.year}"
    if precision == "year":
        return f" in {day.year}"
    return f" from {value}"


def _toll(low: object, high: object, what: str) -> str:
    if low is None:
        return ""
    if high is not None and high != low:
        return f"{low}-{high} {what}"
    return f"{low} {what}"


def left_out_line(left_out: Counter) -> str:
    """One line for stderr: how many events the ACLED export left out, and of which types."""
    listed = ", ".join(f"{kind} {count}" for kind, count in sorted(left_out.items()))
    return (f"left out {sum(left_out.values())} events of types ACLED does not code "
            f"(data/acled_types.csv): {listed}")

