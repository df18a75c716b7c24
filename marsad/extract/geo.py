"""Toponyms in an article, resolved to coordinates with the article as context.

Every name may have several candidates (طرابلس: Tripoli, Libya and Tripoli, Lebanon;
اليرموك: the Yarmouk camp south of Tripoli and the one in Damascus). The article's
country is voted by its unambiguous places, nationality adjectives and actors;
each ambiguous name takes the candidate in the winning country. `العاصمة` ("the
capital") is the capital of that country. GeoNames cities are accepted only after a
place cue (في، مدينة، قرب...) or in the article's country, with lower confidence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.gazetteer import Candidate, candidates_by_name, capital_of
from marsad.lexicon import Lexicon, PlaceEntry
from marsad.records import Actor, Mention, Place
from marsad.text.matcher import Match, Matcher, longest_first, previous_word
from marsad.text.normalize import Normalized, normalize, normalize_key

# Words that announce a place name: a GeoNames-only name needs one (في alone is too weak:
# في بيان, في وقف...).
_PLACE_CUES = frozenset(normalize_key(w) for w in """
    مدينة بلدة قرية محافظة ولاية منطقة مخيم إقليم قضاء ناحية حي شمال جنوب شرق غرب شمالي جنوبي
    شرقي غربي قرب بالقرب ضواحي أطراف محيط باتجاه مدينتي محور محوري مدن بلدات قرى مناطق مديرية
    مركز عاصمة
""".split())
_CAPITAL_WORDS = ("العاصمة",)
_DIRECTIONS = frozenset(normalize_key(w) for w in ["جنوب", "جنوبي", "شمال", "شمالي", "شرق", "شرقي", "غرب",
                                                  "غربي", "وسط", "ضواحي", "محيط", "أطراف"])
KIND_RANK = {"country": 0, "region": 1, "city": 2, "town": 3}  # others are more specific: 4


@dataclass(frozen=True)
class PlaceFindings:
    mentions: list[Mention]
    places: dict[str, Place]
    country: str | None  # the article's country, as voted


@lru_cache(maxsize=4)
def _place_matcher(lexicon: Lexicon, with_geonames: bool) -> Matcher[Candidate]:
    table = candidates_by_name(lexicon, with_geonames)
    entries = []
    for key, candidates in table.items():
        for candidate in candidates:
            entries.append((key, candidate))
    capital_place = PlaceEntry("@capital", "the capital", "العاصمة", (), 0.0, 0.0, "city", None, "")
    for word in _CAPITAL_WORDS:
        entries.append((word, Candidate(capital_place, "context")))
    return Matcher(entries, min_length=3)


def to_place(entry: PlaceEntry, source: str) -> Place:
    return Place(entry.place_id, entry.name_en, entry.name_ar, entry.lat, entry.lon, entry.country, entry.kind,
                 source)


def find_places(text: str, lexicon: Lexicon, actors: dict[str, Actor] | None = None,
                normalized: Normalized | None = None, with_geonames: bool = True) -> PlaceFindings:
    """Place mentions in `text`, each resolved to one place in the context of the article."""
    norm = normalized or normalize(text)
    matches = longest_first(_place_matcher(lexicon, with_geonames).find(norm.text))
    country = vote_country(norm.text, matches, lexicon, actors or {})
    mentions: list[Mention] = []
    places: dict[str, Place] = {}
    for match in matches:
        chosen = choose_candidate(match.payloads, country, _has_cue(norm.text, match))
        if chosen is None:
            continue
        candidate, confidence = chosen
        entry = candidate.place
        source = candidate.source
        start = match.display_start
        if entry.place_id == "@capital":
            if not country:
                continue
            capital = capital_of(lexicon, country)
            if capital is None:
                continue
            entry, source, confidence = capital, "context", 0.8
            start = _direction_start(norm.text, match)
        o_start, o_end = norm.span_to_original(start, match.end)
        mentions.append(Mention(o_start, o_end, text[o_start:o_end], "LOCATION", entry.place_id, source,
                                confidence=confidence))
        places.setdefault(entry.place_id, to_place(entry, source))
    return PlaceFindings(mentions, places, country)


def _has_cue(text: str, match: Match) -> bool:
    return previous_word(text, match.word_start)[0] in _PLACE_CUES


def _direction_start(text: str, match: Match) -> int:
    word, start = previous_word(text, match.word_start)
    if word in _DIRECTIONS:
        return start
    return match.display_start


def vote_country(text: str, matches: list[Match[Candidate]], lexicon: Lexicon,
                 actors: dict[str, Actor]) -> str | None:
    """The country an article is about: unambiguous curated places count most."""
    votes: Counter[str] = Counter()
    for match in matches:
        curated = [c for c in match.payloads if c.source in ("gazetteer", "country") and c.place.country]
        countries = {c.place.country for c in curated}
        if len(countries) == 1:
            kind_weight = 0.5 if curated[0].place.kind == "country" else 1.0
            votes[countries.pop()] += kind_weight
    for token in text.split():
        nationality = lexicon.nationalities.get(token)
        if nationality:
            votes[nationality.country] += 0.5
    for actor in actors.values():
        if actor.country and actor.type != "state":
            votes[actor.country.upper()] += 0.25
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def choose_candidate(candidates: tuple[Candidate, ...], country: str | None,
                     has_cue: bool) -> tuple[Candidate, float] | None:
    """Pick one candidate for a name, with a confidence; None when a weak candidate lacks support."""
    curated = [c for c in candidates if c.source != "geonames"]
    pool = curated or list(candidates)
    in_country = [c for c in pool if country and c.place.country == country]
    if len(pool) == 1:
        only = pool[0]
        if only.source == "geonames":
            if has_cue:
                return only, 0.7 if in_country else 0.5
            if in_country and only.population >= 100_000:
                return only, 0.6
            return None
        return only, 1.0
    if in_country:
        best = max(in_country, key=lambda c: (c.population, -KIND_RANK.get(c.place.kind, 4)))
        return best, 0.9
    if curated:
        return curated[0], 0.6
    if has_cue:
        return max(pool, key=lambda c: c.population), 0.4
    return None
