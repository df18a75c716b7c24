"""Toponyms in an article, resolved to coordinates with the article as context.

Every name may have several candidates (طرابلس: Tripoli, Libya and Tripoli, Lebanon;
اليرموك: the Yarmouk camp south of Tripoli and the one in Damascus). The article's
country is voted by its unambiguous places, nationality adjectives in every form
(لبناني، اللبنانية، اللبنانيين) and actors; each ambiguous name takes the candidate that a
place of the article lies in, else the one in the best-voted country. `العاصمة` ("the
capital") is the capital of the winning country.

A name is not a place mention when it is
- part of an organisation's or a person's name: right after a head noun of data/org_heads.csv
  (جامعة دمشق، صحيفة الرياض), inside a registry name (واشنطن بوست، فلاديمير بوتين), or a
  newspaper quoted as a source (لـ"الرياض");
- a street's name: right after a noun of data/street_nouns.csv (شارع فلسطين in Jeddah, بشارع أسيوط in al-Arish);
- a nationality adjective after a noun (القوات السعودية, عائلة سورية);
- a common word that needs a cue and has none (data/place_ambiguous.csv: صور "pictures", كان
  "was", دوما "always").
GeoNames cities are accepted only after a noun cue (مدينة، قرب، جنوب...) or, when large, in the
article's country, with lower confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from marsad.extract.gazetteer import (
    Candidate,
    ambiguous_names,
    candidates_by_name,
    capital_ids,
    capital_of,
    country_places,
    nationality_forms,
    org_heads,
    place_cues,
    places_by_id,
    street_nouns,
)
from marsad.extract.localities import designator_keys, find_localities
from marsad.extract.ner_tagger import frequent_word_set, frequent_words
from marsad.lexicon import Lexicon, PlaceEntry
from marsad.records import Actor, Mention, Place
from marsad.text.matcher import Match, Matcher, longest_first
from marsad.text.normalize import Normalized, normalize, normalize_key
from marsad.text.spans import enclosing

_CAPITAL_WORDS = ("العاصمة",)
KIND_RANK = {"country": 0, "region": 1, "city": 2, "town": 3}  # others are more specific: 4
_OPENING = "\"'«“‘(["
_CLOSING = "\"'»”’)]"
_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
# A place inside the name of one of these is no mention of the place (صحيفة نيويورك تايمز): the name
# is a newspaper's, a person's, a company's. Bodies based somewhere (قوات مصراتة) keep their place,
# unless the body belongs to another country than every candidate (فيلق القدس is Iran's).
_NAME_NOT_PLACE_TYPES = frozenset({"media", "person", "company", "other", "international_org",
                                   "political_party"})
_LOCATIVES_IN_NAMES = frozenset(normalize_key(w) for w in ("في", "فى", "إلى", "الى"))
_GEONAMES_IN_COUNTRY_POPULATION = 100_000
_NATIONALITY = "nationality"  # the source of the nationality payloads of the place matcher


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
    # Nationality adjectives in every form ride along (one pass over the text): they vote, never are places.
    for form, country in nationality_forms(lexicon).items():
        entries.append((form, Candidate(PlaceEntry("@nationality", "", form, (), 0.0, 0.0, "", None, country or ""),
                                        _NATIONALITY)))
    return Matcher(entries, min_length=2)  # a two-letter name (إب، قم) needs a cue: _two_letters_uncued


def _split_nationalities(matches: list[Match[Candidate]]) -> tuple[list[Match[Candidate]], list[str]]:
    """Place matches (nationality payloads removed) and the country of every nationality adjective."""
    places, countries = [], []
    for match in matches:
        kept = tuple(c for c in match.payloads if c.source != _NATIONALITY)
        if len(kept) < len(match.payloads):
            countries.extend(c.place.country for c in match.payloads if c.source == _NATIONALITY and c.place.country)
        if kept:
            places.append(match if len(kept) == len(match.payloads) else replace(match, payloads=kept))
    return places, countries




@dataclass(frozen=True)
class _NamedBody:
    type: str
    country: str | None


@lru_cache(maxsize=4)
def _names_holding_places(lexicon: Lexicon, with_geonames: bool) -> dict[str, tuple[tuple[str, int, _NamedBody], ...]]:
    """A place name's key -> the registry names (not states', two words or more) that hold it, with where
    the key starts in the name: واشنطن -> (صحيفة واشنطن بوست, 6, media). Checked at each place match
    instead of matching every actor name again."""
    keys = _place_matcher(lexicon, with_geonames)
    index: dict[str, list[tuple[str, int, _NamedBody]]] = {}
    for actor in lexicon.actors.values():
        if actor.type == "state":
            continue
        body = _NamedBody(actor.type, (actor.country or "").upper() or None)
        for raw in (actor.name_ar, *actor.aliases):
            name = normalize_key(raw)
            if len(name.split()) < 2:
                continue
            for match in _split_nationalities(keys.find(name))[0]:
                if (match.word_start, match.end) != (0, len(name)):
                    index.setdefault(match.key, []).append((name, match.start, body))
    return {key: tuple(found) for key, found in index.items()}


def to_place(entry: PlaceEntry, source: str) -> Place:
    return Place(entry.place_id, entry.name_en, entry.name_ar, entry.lat, entry.lon, entry.country, entry.kind,
                 source)


def find_places(text: str, lexicon: Lexicon, actors: dict[str, Actor] | None = None,
                normalized: Normalized | None = None, with_geonames: bool = True,
                discover: bool = True, tagged_places: list[tuple[int, int]] | None = None) -> PlaceFindings:
    """Place mentions in `text`, each resolved to one place in the context of the article; with
    `discover`, also the localities no gazetteer lists, located by a listed place beside them
    (`tagged_places`: the spans the tagger reads as places, for designators that need them)."""
    norm = normalized or normalize(text)
    body = norm.text
    nationalities = nationality_forms(lexicon)
    holding = _names_holding_places(lexicon, with_geonames)
    matches = []
    before: dict[int, tuple[str, ...]] = {}  # the word before each match, with and without clitics
    raw = _place_matcher(lexicon, with_geonames).find(body)
    found, nationality_votes = _split_nationalities(raw)
    for m in longest_first(found):
        words = tuple(_without_clitics(_previous_word(body, m.word_start)[0]))
        if not _part_of_a_name(body, m, words, holding) and not _adjective_use(body, m, words, nationalities):
            matches.append(m)
            before[id(m)] = words
    ambiguous = ambiguous_names()
    policies = {id(m): ambiguous.get(_surface(body, m)) for m in matches}
    votes = country_votes(body, [m for m in matches if policies[id(m)] is None], lexicon, actors or {},
                          nationality_votes)
    country = votes.most_common(1)[0][0] if votes else None
    supported = _containing_places(lexicon, [m for m in matches if policies[id(m)] is None])
    mentions: list[Mention] = []
    places: dict[str, Place] = {}
    for match in matches:
        cue = _cue(before[id(match)])
        if _two_letters_uncued(body, match, cue) or _a_common_word(text, norm, match, cue) \
                or _a_common_word_only_geonames_knows(text, norm, match, before[id(match)],
                                                      country if cue == "preposition" else None):
            continue
        candidates = _gate(match.payloads, policies[id(match)], cue, country)
        candidates = _named_in_its_sentence(body, match, candidates, raw)
        if len(match.key) <= 3 and body[match.word_start:match.start] not in ("", "و"):
            # كامل is no ك + امل, كبرى no ك + برى: a short GeoNames name takes no clitic but و
            candidates = tuple(c for c in candidates if c.source != "geonames")
        chosen = choose_candidate(candidates, country, cue in ("noun", "direction"), votes, supported,
                                  cue == "preposition")
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
            if cue == "direction":
                start = _previous_word(body, match.word_start)[1]
        o_start, o_end = norm.span_to_original(start, match.end)
        mentions.append(Mention(o_start, o_end, text[o_start:o_end], "LOCATION", entry.place_id, source,
                                confidence=confidence))
        places.setdefault(entry.place_id, to_place(entry, source))
    if discover:  # the fronts, camps and neighbourhoods no gazetteer lists (marsad.extract.localities)
        home = country_places(lexicon).get(country) if country else None
        found, discovered = find_localities(text, norm, mentions, places, to_place(home, "gazetteer") if home else None,
                                            _countries_named(norm, mentions, places, raw, lexicon), tagged_places)
        mentions = sorted(mentions + found, key=lambda m: m.start)
        places.update(discovered)
    return PlaceFindings(mentions, places, country)


def _countries_named(norm: Normalized, mentions: list[Mention], places: dict[str, Place],
                     raw: list[Match[Candidate]], lexicon: Lexicon) -> list[tuple[int, Place]]:
    """Where the text names a country (`إندونيسيا`) or a nationality (`الإندونيسية`), and the country."""
    by_code = country_places(lexicon)
    named = [(m.start, places[m.entity_id]) for m in mentions if places[m.entity_id].kind == "country"]
    for match in raw:
        codes = {c.place.country for c in match.payloads if c.source == _NATIONALITY and c.place.country}
        if len(codes) == 1 and codes <= by_code.keys():
            named.append((norm.span_to_original(match.start, match.end)[0], to_place(by_code[codes.pop()], "gazetteer")))
    return named


_SENTENCE_END_RE = re.compile(r"[.!?؟\n]")


def _named_in_its_sentence(body: str, match: Match[Candidate], candidates: tuple[Candidate, ...],
                           raw: list[Match[Candidate]]) -> tuple[Candidate, ...]:
    """A name of places in several countries (طرابلس) is the one of the country its own sentence names
    (`وفي لبنان أكدت مصادر أن ... أبناء طرابلس`, `مصدر أمني لبناني`), when the sentence names exactly one of
    their countries (a country, an unambiguous place or a nationality adjective)."""
    countries = {c.place.country for c in candidates if c.source != "geonames" and c.place.country}
    if len(countries) < 2:
        return candidates
    sentence = enclosing(body, match.start, match.end, _SENTENCE_END_RE, 400)
    named = set()
    for other in raw:
        if other is match or not (sentence.start <= other.start and other.end <= sentence.end) \
                or other.start == match.start:
            continue
        theirs = {c.place.country for c in other.payloads if c.source != "geonames" and c.place.country}
        if len(theirs) == 1:
            named |= theirs & countries
    if len(named) != 1:
        return candidates
    return tuple(c for c in candidates if c.place.country in named)


# --- words around a name ------------------------------------------------------------------------

def _surface(text: str, match: Match) -> str:
    """The name as matched, with a written article and without other clitics (بالخليل -> الخليل)."""
    return text[match.display_start:match.end]


_SKIPPED_BEFORE = " \t\n\r" + _OPENING


def _previous_word(text: str, position: int) -> tuple[str, int]:
    """The word before `position` and where it starts, quotes and brackets skipped ("" at the start)."""
    offset = max(0, position - 60)
    stripped = text[offset:position].rstrip(_SKIPPED_BEFORE)
    words = stripped.split()
    if not words:
        return "", position
    word = words[-1]
    for char in _OPENING:
        if char in word:
            word = word.rsplit(char, 1)[-1]
    return word, offset + len(stripped) - len(word)


def _without_clitics(word: str) -> Iterable[str]:
    """The word and what is left without one or two proclitics, three letters at least: وبمدينة -> وبمدينة،
    بمدينة، مدينة (short words with a clitic, وفي, are data/place_cues.csv entries of their own: وحي is
    not و + حي but a name)."""
    yield word
    for first in _PROCLITICS:
        if word.startswith(first) and len(word) > 3:
            yield word[1:]
            for second in _PROCLITICS:
                if word[1:].startswith(second) and len(word) > 4:
                    yield word[2:]


_TARGET_WORDS = frozenset(normalize_key(w) for w in ("على", "من", "عن"))


def _two_letters_uncued(body: str, match: Match, cue: str | None) -> bool:
    """A curated name of two letters (إب، قم) is a place only after a cue (في إب، محافظة إب) or `على`/`من`
    (غارات على إب), written as a word of its own; a GeoNames name of two letters never is."""
    if len(match.key) > 2:
        return False
    if body[match.word_start:match.start] not in ("", "و", "ب", "وب", "ل", "ول"):
        return True
    if not any(c.source != "geonames" for c in match.payloads):
        return True
    previous = normalize_key(_previous_word(body, match.word_start)[0])
    return cue is None and previous not in _TARGET_WORDS and body[match.word_start:match.start] in ("", "و")


def _a_common_word(text: str, norm: Normalized, match: Match, cue: str | None) -> bool:
    """A name of two letters behind a clitic that makes one of the news' commonest words as written
    (باب "door" is no ب + إب, لقم no ل + قم) is a place only after a noun cue (بمحافظة إب is بإب)."""
    if len(match.key) > 2 or match.word_start == match.start or cue in ("noun", "direction"):
        return False
    start, end = norm.span_to_original(match.word_start, match.end)
    return text[start:end] in frequent_word_set()


COMMON_NAME_RANK = 3000  # a name only GeoNames lists that is one of the news' commonest words needs a designator


@lru_cache(maxsize=1)
def _commonest_words() -> frozenset[str]:
    return frozenset(frequent_words()[:COMMON_NAME_RANK])


def _a_common_word_only_geonames_knows(text: str, norm: Normalized, match: Match, before: tuple[str, ...],
                                       country: str | None) -> bool:
    """`قرب جامعة ساردار` (a university, not Djamaa in Algeria), `الأمين العام الجديد` (not Al Jadid),
    `اللحوم الحمراء والبيضاء`: a name only GeoNames lists, written as one of the news' COMMON_NAME_RANK
    commonest words, is a place only right after a designator (data/localities.csv: مدينة، حي، محافظة...), or after a
    preposition in the article's `country` (`في البيضاء` in a report from Yemen)."""
    if any(c.source != "geonames" or (country and c.place.country == country) for c in match.payloads) \
            or any(form in designator_keys() for form in before):
        return False
    start, end = norm.span_to_original(match.display_start, match.end)  # its article kept, no other clitic
    return text[start:end] in _commonest_words()


def _cue(before: tuple[str, ...]) -> str | None:
    """The kind of place cue in the word before a name (noun, direction, preposition), or None."""
    cues = place_cues()
    for form in before:
        if form in cues:
            return cues[form]
    return None


_SOURCES_OF = frozenset(normalize_key(w) for w in ("مصادر", "مصدر"))  # before a newspaper's quoted name


def _part_of_a_name(text: str, match: Match, before: tuple[str, ...],
                    holding: dict[str, tuple[tuple[str, int, _NamedBody], ...]]) -> bool:
    """After an organisation's head noun, quoted as a newspaper, or inside a registry name (`before`: the
    previous word, with and without its clitics)."""
    heads, streets = org_heads(), street_nouns()
    if any(form in heads or form in streets for form in before):
        return True
    opening = match.word_start - 1
    if 0 < opening and text[opening] in _OPENING and match.end < len(text) and text[match.end] in _CLOSING:
        if text[opening - 1] == "ل" and (opening < 2 or not text[opening - 2].isalnum()):
            return True  # لـ«عكاظ», ل"الرياض": a newspaper as the source of a report
        if any(form in _SOURCES_OF for form in before):
            return True  # أفادت مصادر "الرياض": the newspaper's sources
    names = [(match.start - at, match.start - at + len(name), named) for name, at, named in holding.get(match.key, ())
             if match.start >= at and text.startswith(name, match.start - at)]
    countries = {c.place.country for c in match.payloads}
    for start, end, named in names:
        if start <= match.word_start and match.end <= end and (start, end) != (match.word_start, match.end):
            inside = text[start:match.word_start].split()
            if any(word in _LOCATIVES_IN_NAMES for word in inside):
                continue  # المقاومة الإسلامية في لبنان: the body is in the place
            if named.type in _NAME_NOT_PLACE_TYPES or (named.country and named.country not in countries):
                return True
    return False


def _adjective_use(text: str, match: Match, before: tuple[str, ...], nationalities: dict[str, str | None]) -> bool:
    """A place name that is also a nationality adjective, used as one: القوات السعودية, عائلة سورية."""
    surface = _surface(text, match)
    if surface not in nationalities:
        return False
    prefix = text[match.word_start:match.display_start]
    if "ب" in prefix or "ل" in prefix:
        return False  # بسورية, للسعودية: a place
    word = before[0] if before else ""
    if not word or not word[-1].isalpha() or any(form in place_cues() for form in before):
        return False
    if surface.startswith("ال"):
        return any(form.startswith("ال") for form in before) or word.startswith("لل")
    return word.endswith("ه") or word.endswith("ات")  # an indefinite feminine noun (teh marbuta normalised)


# --- which candidate ----------------------------------------------------------------------------

def _gate(candidates: tuple[Candidate, ...], policy: str | None, cue: str | None,
          country: str | None) -> tuple[Candidate, ...]:
    """The candidates a name keeps under its ambiguity policy (data/place_ambiguous.csv)."""
    if policy is None or policy == "never":
        return candidates
    if policy == "noun":
        return candidates if cue in ("noun", "direction") else ()
    if policy == "cue":
        return candidates if cue else ()
    in_country = tuple(c for c in candidates if country and c.place.country == country)
    if policy == "country":
        return in_country
    return candidates if cue else in_country  # cue_or_country


def _containing_places(lexicon: Lexicon, matches: list[Match[Candidate]]) -> frozenset[str]:
    """Ids of the places that contain a place named without ambiguity (جبل محسن lies in Tripoli, Lebanon)."""
    by_id = places_by_id(lexicon)
    found: set[str] = set()
    for match in matches:
        curated = [c for c in match.payloads if c.source in ("gazetteer", "country")]
        if len(curated) != 1:
            continue
        parent, seen = curated[0].place.parent, set()
        while parent and parent not in seen:
            seen.add(parent)
            found.add(parent)
            parent = by_id[parent].parent if parent in by_id else None
    return frozenset(found)


def country_votes(text: str, matches: list[Match[Candidate]], lexicon: Lexicon, actors: dict[str, Actor],
                  nationalities: list[str] | None = None) -> Counter[str]:
    """Votes for the country an article is about: unambiguous curated places count most, then country
    names and nationality adjectives (every form; `nationalities`: their countries where the caller
    found them already), then the actors' countries."""
    votes: Counter[str] = Counter()
    for match in matches:
        curated = [c for c in match.payloads if c.source in ("gazetteer", "country") and c.place.country]
        countries = {c.place.country for c in curated}
        if len(countries) == 1:
            kind_weight = 0.5 if curated[0].place.kind == "country" else 1.0
            votes[countries.pop()] += kind_weight
    if nationalities is None:
        nationalities = _split_nationalities(_place_matcher(lexicon, True).find(text))[1]
    for country in nationalities:
        votes[country] += 0.5
    for actor in actors.values():
        if actor.country and actor.type != "state":
            votes[actor.country.upper()] += 0.25
    return votes


def vote_country(text: str, matches: list[Match[Candidate]], lexicon: Lexicon,
                 actors: dict[str, Actor]) -> str | None:
    """The country an article is about (the best voted), or None."""
    votes = country_votes(text, matches, lexicon, actors)
    return votes.most_common(1)[0][0] if votes else None


def choose_candidate(candidates: tuple[Candidate, ...], country: str | None, has_cue: bool,
                     votes: Counter[str] | None = None, supported: frozenset[str] = frozenset(),
                     preposition: bool = False) -> tuple[Candidate, float] | None:
    """Pick one candidate for a name, with a confidence; None when a weak candidate lacks support.

    `has_cue`: a noun or direction cue precedes the name (`preposition`: في، إلى... does); `votes`: the
    article's country votes; `supported`: ids of places that contain another place the article names."""
    if not candidates:
        return None
    curated = [c for c in candidates if c.source != "geonames"]
    pool = curated or list(candidates)
    in_country = [c for c in pool if country and c.place.country == country]
    if not curated:  # GeoNames only: a noun cue, or the article's country with a preposition or a large city
        if not has_cue and preposition:
            if in_country:
                return max(in_country, key=lambda c: c.population), 0.5
            capitals = [c for c in pool if c.place.place_id in capital_ids()]
            if capitals:  # `في نيروبي` in a report from elsewhere: a country's capital is named as a place
                return max(capitals, key=lambda c: c.population), 0.5
            return None
        if not has_cue:
            in_country = [c for c in in_country if c.population >= _GEONAMES_IN_COUNTRY_POPULATION]
            if not in_country:
                return None
            return max(in_country, key=lambda c: c.population), 0.6
        if in_country:
            return max(in_country, key=lambda c: c.population), 0.7
        return max(pool, key=lambda c: c.population), 0.5 if len(pool) == 1 else 0.4
    if len(pool) == 1:
        return pool[0], 1.0
    linked = [c for c in pool if c.place.place_id in supported]
    if len(linked) == 1:
        return linked[0], 0.9
    if in_country:
        best = max(in_country, key=lambda c: (c.population, -KIND_RANK.get(c.place.kind, 4)))
        return best, 0.9
    voted = [c for c in pool if votes and votes.get(c.place.country, 0) > 0]
    if voted:
        return max(voted, key=lambda c: votes[c.place.country]), 0.7
    return min(pool, key=lambda c: KIND_RANK.get(c.place.kind, 4)), 0.6  # the broadest, else the first
