"""Loads the curated lexicons in data/ (actors, places, roles, speech verbs, event triggers).

Each file is UTF-8 CSV with a header, read once and checked on load; every error
names the file and the row. The data folder is found from the package's own
location (overridable), never from the working directory.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.paths import DATA_DIR
from marsad.text.normalize import normalize_key

ACTOR_TYPES = {
    "person", "government", "state", "military", "armed_group", "political_party",
    "international_org", "ministry", "media", "company", "other",
}  # fmt: skip


class LexiconError(ValueError):
    """A data file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class ActorEntry:
    actor_id: str
    name_en: str
    name_ar: str
    aliases: tuple[str, ...]
    type: str
    affiliation: str | None
    country: str | None


@dataclass(frozen=True)
class PlaceEntry:
    place_id: str
    name_en: str
    name_ar: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    kind: str
    parent: str | None
    country: str


SPEECH_COMPLEMENTS = frozenset({"any", "that", "quote", "colon", "about", "to", "with", "from", "on", "object",
                                "action", "stance"})


@dataclass(frozen=True)
class SpeechVerb:
    form: str
    lemma: str
    verb_en: str
    stance: str
    person: str
    # what must follow for the verb to report speech (data/speech_verbs.csv `complements`): "any", or some of
    # that (أن/إن), quote, colon, about (عن), to (إلى), with (ب), from (من), on (على), object (a noun), action
    # (a verbal noun: رفض الحضور is a refusal to attend, not a statement)
    complements: frozenset[str] = frozenset({"any"})


@dataclass(frozen=True)
class EventTrigger:
    trigger: str
    event_type: str
    label_en: str
    acled_event_type: str
    acled_sub_event_type: str


@dataclass(frozen=True)
class Role:
    role_ar: str
    role_en: str
    kind: str


@dataclass(frozen=True)
class Nationality:
    country: str
    adjective: str
    name_en: str


@dataclass(frozen=True, eq=False)  # hashed by identity: caches key on the loaded lexicon
class Lexicon:
    actors: dict[str, ActorEntry]
    places: dict[str, PlaceEntry]
    speech_verbs: dict[str, SpeechVerb]  # by normalised form
    event_triggers: dict[str, EventTrigger]  # by normalised trigger
    roles: dict[str, Role]  # by normalised role phrase
    nationalities: dict[str, Nationality]  # by normalised adjective (masculine and feminine)


def read_rows(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a checked data file with their line numbers (for `file:line` errors); a missing file or
    column is a LexiconError naming it."""
    if not path.exists():
        raise LexiconError(f"{path.name}: file not found in {path.parent}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise LexiconError(f"{path.name}: missing column(s) {', '.join(missing)}")
        return [(number, {k: (v or "").strip() for k, v in row.items() if k}) for number, row in
                enumerate(reader, start=2)]


def alternation(words: Iterable[str]) -> str:
    """The words as a regular expression's alternation, escaped, the longest first (so that a word is not
    matched as the shorter word it begins with)."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def read_word_set(path: Path, required: list[str]) -> frozenset[str]:
    """The normalised words of a word-list data file: its first `required` column, every row of which must
    fill each `required` column (else a LexiconError naming the file and row)."""
    words = set()
    for number, row in read_rows(path, required):
        empty = [column for column in required if not row[column]]
        if empty:
            raise _fail(path, number, f"no {', '.join(empty)}")
        words.add(normalize_key(row[required[0]]))
    return frozenset(words)


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


def _fail(path: Path, row: int, message: str) -> LexiconError:
    return LexiconError(f"{path.name} row {row}: {message}")


def load_actors(path: Path) -> dict[str, ActorEntry]:
    actors: dict[str, ActorEntry] = {}
    rows = read_rows(path, ["id", "name_en", "name_ar", "aliases_ar", "type", "affiliation", "country"])
    for number, row in rows:
        if not row["id"] or not row["name_en"] or not row["name_ar"]:
            raise _fail(path, number, "id, name_en and name_ar are required")
        if row["id"] in actors:
            raise _fail(path, number, f"duplicate id {row['id']!r}")
        if row["type"] not in ACTOR_TYPES:
            raise _fail(path, number, f"unknown type {row['type']!r}")
        actors[row["id"]] = ActorEntry(
            row["id"], row["name_en"], row["name_ar"], _split_aliases(row["aliases_ar"]), row["type"],
            row["affiliation"] or None, row["country"] or None,
        )
    for number, (_, row) in enumerate(rows, start=2):
        if row["affiliation"] and row["affiliation"] not in actors:
            raise _fail(path, number, f"affiliation {row['affiliation']!r} is not an actor id")
    return actors


def load_places(paths: list[Path]) -> dict[str, PlaceEntry]:
    places: dict[str, PlaceEntry] = {}
    for path in paths:
        for number, row in read_rows(path, ["id", "name_en", "name_ar", "aliases_ar", "lat", "lon", "kind",
                                        "parent", "country"]):
            if row["id"] in places:
                raise _fail(path, number, f"duplicate id {row['id']!r}")
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError:
                raise _fail(path, number, f"lat/lon are not numbers: {row['lat']!r}, {row['lon']!r}") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise _fail(path, number, f"coordinates out of range: {lat}, {lon}")
            places[row["id"]] = PlaceEntry(
                row["id"], row["name_en"], row["name_ar"], _split_aliases(row["aliases_ar"]), lat, lon,
                row["kind"], row["parent"] or None, row["country"].upper(),
            )
    return places


def load_speech_verbs(path: Path) -> dict[str, SpeechVerb]:
    verbs: dict[str, SpeechVerb] = {}
    for number, row in read_rows(path, ["form_ar", "lemma_ar", "verb_en", "stance", "person"]):
        if not row["form_ar"] or not row["verb_en"] or not row["stance"]:
            raise _fail(path, number, "form_ar, verb_en and stance are required")
        complements = frozenset(c for c in (row.get("complements") or "any").split("|") if c)
        unknown = complements - SPEECH_COMPLEMENTS
        if unknown:
            raise _fail(path, number, f"unknown complement(s) {', '.join(sorted(unknown))}")
        verbs.setdefault(normalize_key(row["form_ar"]), SpeechVerb(
            row["form_ar"], row["lemma_ar"], row["verb_en"], row["stance"], row["person"], complements))
    return verbs


def load_event_triggers(path: Path) -> dict[str, EventTrigger]:
    triggers: dict[str, EventTrigger] = {}
    for number, row in read_rows(path, ["trigger_ar", "event_type", "acled_event_type", "acled_sub_event_type",
                                    "label_en"]):
        if not row["trigger_ar"] or not row["event_type"]:
            raise _fail(path, number, "trigger_ar and event_type are required")
        triggers.setdefault(normalize_key(row["trigger_ar"]), EventTrigger(
            row["trigger_ar"], row["event_type"], row["label_en"] or row["event_type"].replace("_", " "),
            row["acled_event_type"], row["acled_sub_event_type"]))
    return triggers


def load_roles(path: Path) -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for number, row in read_rows(path, ["role_ar", "role_en", "kind"]):
        if not row["role_ar"]:
            raise _fail(path, number, "role_ar is required")
        roles.setdefault(normalize_key(row["role_ar"]), Role(row["role_ar"], row["role_en"], row["kind"]))
    return roles


def load_nationalities(path: Path) -> dict[str, Nationality]:
    nationalities: dict[str, Nationality] = {}
    for _number, row in read_rows(path, ["country", "adj_ar_m", "adj_ar_f", "name_en"]):
        for adjective in (row["adj_ar_m"], row["adj_ar_f"]):
            if adjective:
                nationalities.setdefault(normalize_key(adjective),
                                         Nationality(row["country"].upper(), adjective, row["name_en"]))
    return nationalities


@lru_cache(maxsize=4)
def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Load and check every lexicon file (once per folder)."""
    folder = Path(data_dir) if data_dir else DATA_DIR
    return Lexicon(
        actors=load_actors(folder / "actors.csv"),
        places=load_places([folder / "places_ly.csv", folder / "places_world.csv"]),
        speech_verbs=load_speech_verbs(folder / "speech_verbs.csv"),
        event_triggers=load_event_triggers(folder / "event_triggers.csv"),
        roles=load_roles(folder / "roles.csv"),
        nationalities=load_nationalities(folder / "nationalities.csv"),
    )
