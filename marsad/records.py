"""Typed records shared by every stage of the pipeline.

Offsets (`start`, `end`) always point into the untouched `Article.text`, so
`article.text[m.start:m.end] == m.text` holds for every mention.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

# Date precisions, finest first. "reported" means: no date in the sentence, the
# publication date was used instead.
PRECISIONS = ("day", "week", "month", "year", "range", "reported")


@dataclass(frozen=True)
class Article:
    article_id: str
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_inferred: bool = False
    path: str | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class TimeMention:
    """A temporal expression resolved to a date span [date, end_date]."""

    start: int
    end: int
    text: str
    date: date
    end_date: date
    precision: str  # one of PRECISIONS
    relative: bool = False  # resolved against the publication date


@dataclass(frozen=True)
class Mention:
    """An actor or place mentioned in the text."""

    start: int
    end: int
    text: str
    type: str  # PERSON | ORGANIZATION | LOCATION
    entity_id: str
    source: str  # lexicon | role | gazetteer | geonames | coref | context | ner
    role: str | None = None
    confidence: float = 1.0


# The kind of a place no gazetteer lists that only its article's country locates (drawn at the country's
# centre: marsad.extract.localities)
IN_COUNTRY = "in_country"


@dataclass(frozen=True)
class Place:
    place_id: str
    name_en: str
    name_ar: str
    lat: float
    lon: float
    country: str
    kind: str
    source: str = "gazetteer"  # gazetteer | geonames | country


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name_en: str
    name_ar: str
    type: str
    affiliation: str | None = None
    country: str | None = None
    role: str | None = None
    discovered: bool = False  # found in the text by its role, not in the registry


@dataclass(frozen=True)
class Statement:
    start: int  # sentence offsets in the article text
    end: int
    sentence: str
    speaker_id: str | None
    verb: str  # English label of the speech verb
    verb_ar: str
    stance: str
    quote: str
    direct: bool  # quoted words rather than a reported clause
    date: date | None
    date_precision: str
    cue_start: int = 0
    cue_end: int = 0
    quote_start: int = 0
    quote_end: int = 0
    speaker_inferred: bool = False  # carried over from the previous speaker
    speaker_text: str = ""  # the speaker as written (an unnamed source has no speaker_id)


@dataclass(frozen=True)
class Event:
    start: int  # sentence offsets in the article text
    end: int
    sentence: str
    type: str
    label_en: str
    trigger: str
    trigger_start: int
    trigger_end: int
    date: date | None
    date_precision: str
    place_id: str | None
    actor_ids: tuple[str, ...] = ()
    acled_event_type: str = ""
    acled_sub_event_type: str = ""
    place_inherited: bool = False  # the sentence names no place: its paragraph's (or the article's events') was taken
    # casualties as reported: low and high (a range, "more than", "dozens"); None where not given
    killed: int | None = None
    killed_high: int | None = None
    wounded: int | None = None
    wounded_high: int | None = None
    victims: str | None = None  # who they were: civilians, fighters, security_forces...
    actor1_id: str | None = None  # the agent, from the trigger's clause
    actor2_id: str | None = None  # the target
    # the other sentences reporting the same incident (article offsets), merged into this record
    evidence: tuple[tuple[int, int], ...] = ()


@dataclass
class Analysis:
    """Everything extracted from one article."""

    article: Article
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def place_was_inherited(row: Mapping[str, object]) -> bool:
    """An event row's `place_inherited`, as a bool, numpy's or the database's (True, 1) gives it."""
    return str(row.get("place_inherited")) in ("True", "1")
