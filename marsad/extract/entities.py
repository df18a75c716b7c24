"""Actor mentions: registry aliases, people introduced by a role, and later short mentions.

Three passes over one article, all on normalised text with offsets mapped back:
1. registry aliases from data/actors.csv (clitic-aware, longest match wins);
2. people not in the registry, found after a role phrase from data/roles.csv
   (`الناطق باسمها مهند يونس`, `وزير الخارجية الألماني هايكو ماس`, `الميجر كارل ويست`);
   unnamed spokespeople (`متحدث باسم القيادة الأفريقية`) become mentions of their body;
3. the surname of a discovered person, wherever it recurs (`ميلانيزي` after `إنزو ميلانيزي`).

Registry names that are generic inside their country (data/actor_scope.csv: `مجلس النواب`,
`المجلس الرئاسي`, `الحكومة الشرعية`) link only in scope: when a country is named beside them
(`مجلس النواب العراقي`, `مجلس النواب في مملكة البحرين`: the named country's entry, else a
discovered body of that country) or else when the article's country is the entry's. `مجلس النواب`
in a Lebanon article is Lebanon's parliament, in an Iraq or US article no registry entry at all.
Specific names (`خليفة حفتر`, `حزب الله`) link anywhere.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.extract.gazetteer import candidates_by_name, nationality_forms, place_cues
from marsad.extract.geo import find_places
from marsad.extract.ner_tagger import frequent_word_set
from marsad.extract.translit import is_known_name
from marsad.lexicon import Lexicon, LexiconError, Role, alternation, read_rows, read_word_set
from marsad.paths import DATA_DIR
from marsad.records import Actor, Mention
from marsad.text.matcher import (
    ARTICLE_PREFIXES,
    CLITICS,
    Match,
    Matcher,
    longest_first,
    previous_word,
    whole_word_occurrences,
)
from marsad.text.normalize import WORD_RE, Normalized, normalize, normalize_key
from marsad.text.spans import enclosing

if TYPE_CHECKING:
    from marsad.extract.ner_tagger import NerTagger

ORGANIZATION_TYPES = {"government", "military", "armed_group", "political_party", "international_org",
                      "ministry", "media", "company", "other"}

# Words that end a name: particles, prepositions, pronouns and common verbs of reporting.
_FUNCTION_WORDS = frozenset(normalize_key(w) for w in """
    إن أن أنه إنه انه ان قد لم لن ما لا في من على إلى الى عن مع بعد قبل حول الذي التي الذين
    هو هي هم كان كانت يوم اليوم أمس امس غدا خلال عبر ضد بين حتى منذ لدى عند أو او ثم
    للصحفيين للجزيرة لوسائل الإعلام بأن بان وأن وان لقناة لوكالة لصحيفة
""".split())

_NAME_TOKEN_RE = re.compile(r"[\u0621-\u064a]{2,}")
_ROLE_BRIDGES = frozenset(normalize_key(w) for w in ["باسم", "باسمها", "باسمه", "باسمهم", "ب"])
_PLACE_BRIDGES = frozenset(normalize_key(w) for w in ["في", "فى", "لدى"])
_COMPOUND_NAME_PARTS = frozenset(normalize_key(w) for w in ["بن", "ابن", "أبو", "ابو", "عبد", "أبي", "ولد", "أم",
                                                             "ام", "بنت"])
_WORD_CLITICS = ("ولل", "وبال", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "و", "ف", "ب", "ل", "ك")
# Heads of a facility's name: `مطار عدن`, `مستشفى الملك فهد` are places, not bodies that act or speak.
_FACILITY_HEADS = frozenset(normalize_key(w) for w in [
    "مطار", "ميناء", "مستشفى", "ملعب", "فندق", "جسر", "طريق", "شارع", "مسجد", "جامع", "سجن", "معسكر", "قاعدة",
    "متنزه", "برج", "قصر", "مجمع", "استاد", "محطة", "منفذ", "معبر"])


@lru_cache(maxsize=1)
def _not_names_by_kind() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for _, row in read_rows(DATA_DIR / "not_names.csv", ["word_ar", "kind"]):
        if row["word_ar"]:
            kinds.setdefault(row["kind"], set()).add(normalize_key(row["word_ar"]))
    return {kind: frozenset(words) for kind, words in kinds.items()}


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Words that are never part of a discovered person's name (data/not_names.csv): function words,
    number words, common nouns, adjectives, role words, formulas (حفظه الله)."""
    return frozenset().union(*_not_names_by_kind().values())


@lru_cache(maxsize=1)
def _never_in_bodies() -> frozenset[str]:
    """Words no body's name holds: function words, number words, formulas (`حفظه الله`)."""
    kinds = _not_names_by_kind()
    return frozenset().union(*(kinds.get(k, frozenset()) for k in ("function", "number", "phrase")))


def _common_word(token: str) -> bool:
    """A word of data/not_names.csv or _FUNCTION_WORDS, bare or behind a clitic (`لكرة`, `وغيره`), and no
    known name (`وليد` is no و + `ليد`)."""
    words = not_names()
    if token in words or token in _FUNCTION_WORDS:
        return True
    if is_known_name(token):
        return False
    for clitic in _WORD_CLITICS:
        rest = token[len(clitic):]
        if token.startswith(clitic) and len(rest) >= 3 and (rest in words or "ال" + rest in words):
            return True
    return False


@lru_cache(maxsize=4)
def _place_keys(lexicon: Lexicon) -> frozenset[str]:
    """Normalised names of the curated gazetteer's places (not GeoNames')."""
    return frozenset(candidates_by_name(lexicon, False))


def is_place_name(token: str, lexicon: Lexicon) -> bool:
    """A curated place's name (`جدة`, `بجدة`) that is no known personal name."""
    if is_known_name(token):
        return False
    keys = _place_keys(lexicon)
    return token in keys or any(token.startswith(c) and token[len(c):] in keys for c in ("و", "ب", "ل"))


@dataclass(frozen=True)
class _Entry:
    actor_id: str
    type: str  # PERSON | ORGANIZATION
    scoped: bool = False  # a name generic outside the actor's country (data/actor_scope.csv)
    country: str | None = None


def mention_type(actor_type: str) -> str:
    if actor_type == "person":
        return "PERSON"
    if actor_type == "state":
        return "LOCATION"
    return "ORGANIZATION"


@lru_cache(maxsize=4)
def scoped_names(lexicon: Lexicon) -> frozenset[tuple[str, str]]:
    """(normalised name, actor id) of data/actor_scope.csv: names that mean the actor only in its country.
    A name there need not be one of the actor's aliases (`مجلس النواب` is Lebanon's parliament too)."""
    path = DATA_DIR / "actor_scope.csv"
    scoped = set()
    for number, row in read_rows(path, ["name_ar", "actor_id"]):
        actor = lexicon.actors.get(row["actor_id"])
        if actor is None or not actor.country or not row["name_ar"]:
            raise LexiconError(f"{path.name} row {number}: a name and the id of an actor with a country")
        scoped.add((normalize_key(row["name_ar"]), actor.actor_id))
    return frozenset(scoped)


@lru_cache(maxsize=4)
def _actor_matcher(lexicon: Lexicon) -> Matcher[_Entry]:
    scoped = scoped_names(lexicon)
    entries = []
    listed = set()
    for actor in lexicon.actors.values():
        for name in (actor.name_ar, *actor.aliases):
            key = (normalize_key(name), actor.actor_id)
            listed.add(key)
            entries.append((name, _Entry(actor.actor_id, mention_type(actor.type), key in scoped,
                                         (actor.country or "").upper() or None)))
    for name, actor_id in sorted(scoped - listed):
        actor = lexicon.actors[actor_id]
        entries.append((name, _Entry(actor_id, mention_type(actor.type), True, (actor.country or "").upper())))
    return Matcher(entries, min_length=3)


@lru_cache(maxsize=4)
def _role_matcher(lexicon: Lexicon) -> Matcher[Role]:
    return Matcher(((role.role_ar, role) for role in lexicon.roles.values()), min_length=3)


def discovered_actor_id(name: str, kind: str = "person") -> str:
    """Stable id for a person (or `org`) found in the text: the same name gives the same id in every article."""
    digest = hashlib.sha1(normalize_key(name).encode("utf-8")).hexdigest()[:10]
    return f"{kind}-{digest}"


@dataclass(frozen=True)
class ActorFindings:
    mentions: list[Mention]
    actors: dict[str, Actor]


def find_actors(text: str, lexicon: Lexicon, normalized: Normalized | None = None,
                home_country: str | None = None, year: int | None = None) -> ActorFindings:
    """Actor mentions in `text` with the actors they refer to (registry and discovered).

    `home_country`: the article's country where the caller knows it; else, when a generic registry
    name needs it, voted here from the article's places (marsad.extract.geo). `year`: the article's; a
    registry body that did not exist that year is not linked (data/actor_eras.csv)."""
    norm = normalized or normalize(text)
    found = [m for m in _actor_matcher(lexicon).find(norm.text)
             if not (m.payloads[0].type == "PERSON" and _after_son_of(norm.text, m.word_start))]
    registry, bodies, unlinked = _in_scope(text, norm, longest_first(found), lexicon, home_country)
    if year is not None:  # `حكومة الوحدة الوطنية الليبية` in 2015 is not the GNU of 2021
        eras = actor_eras()
        out = [m for m in registry if not _in_era(eras.get(m.payloads[0].actor_id), year)]
        registry = [m for m in registry if m not in out]
        unlinked = unlinked + [(m.word_start, m.end) for m in out]
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for mention, actor in bodies:
        mentions.append(mention)
        actors.setdefault(actor.actor_id, actor)
    someone_else: list[Match[_Entry]] = []  # a listed person's surname that names another of the family
    for match in registry:
        entry = match.payloads[0]
        if entry.type == "LOCATION" and _locative(norm.text, match):
            continue  # في ليبيا: the state as a place; geo.py records it
        listed = registry_actor(lexicon, entry.actor_id)
        if entry.type == "PERSON" and " " not in norm.text[match.start:match.end].strip() and (
                _other_first_name(norm.text, match.word_start, listed)
                or _another_of_the_family(norm.text, norm.text[match.display_start:match.end], listed,
                                          match.display_start)):
            someone_else.append(match)
            continue  # صدام حفتر is not Khalifa Haftar: a surname alias after another given name
        mentions.append(_mention(text, norm, match.display_start, match.end, entry.type, entry.actor_id,
                                 "lexicon"))
        actors.setdefault(entry.actor_id, listed)

    body_spans = [(*norm.span_to_normalized(m.start, m.end), actor) for m, actor in bodies]
    taken = [(m.start, m.end) for m in registry if m not in someone_else] + [(a, b) for a, b, _ in body_spans] \
        + unlinked
    spans = tagger().find(text)
    for role_match in longest_first(_role_matcher(lexicon).find(norm.text)):
        if _names_a_facility(norm.text, role_match):
            continue
        found = _person_after_role(text, norm, role_match, registry, taken, lexicon,
                                   body_spans + [(a, b, None) for a, b in unlinked], spans)
        if found is None:
            continue
        mention, actor, normalized_span = found
        mentions.append(mention)
        actors.setdefault(actor.actor_id, actor)
        taken.append(normalized_span)

    out_of_scope = [norm.span_to_original(a, b) for a, b in unlinked]
    found_by_model = _model_mentions(text, norm, lexicon, mentions, out_of_scope, spans)
    for mention, actor in found_by_model:
        named = _named_in_full(mention, actor, actors)
        if named is not None:  # لؤي المقداد ... ويشير المقداد: the family name alone is the person named before
            mention, actor = replace(mention, entity_id=named.actor_id, source="coref"), named
        mentions.append(mention)
        actors.setdefault(actor.actor_id, actor)
        taken.append(norm.span_to_normalized(mention.start, mention.end))
    # عز الدين الأصبحي: a given name made with الدين, which the tagger may miss, under the model's checks
    for mention, actor in _model_mentions(text, norm, lexicon, mentions, out_of_scope, _din_name_spans(text, norm, lexicon)):
        mentions.append(replace(mention, source="rule"))
        actors.setdefault(actor.actor_id, actor)
        taken.append(norm.span_to_normalized(mention.start, mention.end))
    mentions.extend(_surname_mentions(text, norm, actors, taken, _place_keys(lexicon)))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return ActorFindings(mentions, actors)


def _after_son_of(normalized: str, word_start: int) -> bool:
    """A listed person's name right after بن is a father's name inside a longer name (محمد بن سلمان بن
    عبدالعزيز is not King Salman)."""
    return previous_word(normalized, word_start)[0] in _SON_OF


_SON_OF = frozenset(normalize_key(w) for w in ["بن", "ابن"])


def _in_scope(text: str, norm: Normalized, registry: list[Match[_Entry]], lexicon: Lexicon,
              home_country: str | None
              ) -> tuple[list[Match[_Entry]], list[tuple[Mention, Actor]], list[tuple[int, int]]]:
    """Registry matches with one payload each, generic names resolved in context, the bodies of other
    countries their names became (`مجلس النواب العراقي`: a discovered organisation of Iraq), and the
    normalised spans of generic names left unlinked (no one may discover them as a body of their own).

    A generic name links to its entry for the country named right after it, else for the article's
    country (voted only when some generic name needs it); out of scope it is not linked. With no
    country known at all it keeps its first entry."""
    kept: list[Match[_Entry]] = []
    bodies: list[tuple[Mention, Actor]] = []
    unlinked: list[tuple[int, int]] = []
    home: list[str | None] = [home_country] if home_country else []
    for match in registry:
        specific = [e for e in match.payloads if not e.scoped]
        if specific:
            kept.append(_with_payload(match, specific[0]))
            continue
        beside = _country_beside(norm.text, match.end, lexicon)
        if beside is not None:
            country, end = beside
            chosen = [e for e in match.payloads if e.country == country]
            if chosen:
                kept.append(_with_payload(match, chosen[0]))
            else:
                mention = _mention(text, norm, match.display_start, end, "ORGANIZATION", "", "rule")
                actor_id = discovered_actor_id(mention.text, "org")
                mention = Mention(mention.start, mention.end, mention.text, "ORGANIZATION", actor_id, "rule")
                bodies.append((mention, Actor(actor_id, "", mention.text, "government", None, country,
                                              discovered=True)))
            continue
        named = _countries_in_paragraph(text, norm, match, lexicon)
        chosen = [e for e in match.payloads if e.country in named]
        if chosen:  # `عودة القوة الأميركية إلى ليبيا.. حكومة الوفاق تؤكد`: its sentence names its country
            kept.append(_with_payload(match, chosen[0]))
            continue
        if not home:
            home.append(_article_country(text, norm, lexicon, registry))
        chosen = [e for e in match.payloads if e.country == home[0]] if home[0] else list(match.payloads[:1])
        if chosen:
            kept.append(_with_payload(match, chosen[0]))
        else:
            unlinked.append((match.word_start, match.end))
    return kept, bodies, unlinked


ERAS_PATH = DATA_DIR / "actor_eras.csv"


@lru_cache(maxsize=1)
def actor_eras() -> dict[str, tuple[int | None, int | None]]:
    """actor id -> (first year, last year) of a registry body that existed only then (data/actor_eras.csv)."""
    eras: dict[str, tuple[int | None, int | None]] = {}
    for number, row in read_rows(ERAS_PATH, ["actor_id", "from_year", "to_year"]):
        try:
            eras[row["actor_id"]] = (int(row["from_year"]) if row["from_year"] else None,
                                     int(row["to_year"]) if row["to_year"] else None)
        except ValueError as error:
            raise LexiconError(f"{ERAS_PATH.name} row {number}: years are numbers ({error})") from None
    return eras


def _in_era(era: tuple[int | None, int | None] | None, year: int) -> bool:
    if era is None:
        return True
    first, last = era
    return (first is None or first <= year) and (last is None or year <= last)


_PARAGRAPH_END_RE = re.compile(r"\n")


def _countries_in_paragraph(text: str, norm: Normalized, match: Match[_Entry], lexicon: Lexicon) -> set[str]:
    """The countries the paragraph around a generic name names (a country or a listed place of it), within
    300 characters either side (a headline's parts are one: `عودة القوة الأميركية إلى ليبيا.. حكومة الوفاق`)."""
    paragraph = enclosing(norm.text, match.word_start, match.end, _PARAGRAPH_END_RE, 300)
    o_start, o_end = norm.span_to_original(paragraph.start, paragraph.end)
    found = find_places(text[o_start:o_end], lexicon, with_geonames=False, discover=False)
    return {place.country for place in found.places.values() if place.country}


def _with_payload(match: Match[_Entry], entry: _Entry) -> Match[_Entry]:
    return match if match.payloads == (entry,) else replace(match, payloads=(entry,))


def _article_country(text: str, norm: Normalized, lexicon: Lexicon, registry: list[Match[_Entry]]) -> str | None:
    """The article's country as geo votes it, with the specific registry actors found (not the generic ones)."""
    actors = {}
    for match in registry:
        for entry in match.payloads[:1]:
            if not entry.scoped:
                actors[entry.actor_id] = registry_actor(lexicon, entry.actor_id)
    return find_places(text, lexicon, actors, norm).country


_IN_WORDS = frozenset(normalize_key(w) for w in ["في", "فى", "ب"])
_STATE_WORDS = frozenset(normalize_key(w) for w in ["دولة", "مملكة", "جمهورية", "إمارة", "سلطنة"])


def _country_beside(normalized: str, end: int, lexicon: Lexicon) -> tuple[str, int] | None:
    """A country named right after a generic name, and where its naming ends: a nationality adjective
    (`مجلس النواب العراقي`) or في + a country or one of its places (`مجلس النواب في مملكة البحرين`,
    `مجلس النواب في طبرق`)."""
    tokens = _tokens_after(normalized, end, 4)
    if not tokens or normalized[end:tokens[0][0]].strip():
        return None
    country = nationality_forms(lexicon).get(tokens[0][2])
    if country:
        return country, tokens[0][1]
    if tokens[0][2] not in _IN_WORDS:
        return None
    rest = tokens[1:]
    if rest and rest[0][2] in _STATE_WORDS:
        rest = rest[1:]
    places = candidates_by_name(lexicon, False)
    for length in (2, 1):
        if len(rest) < length:
            continue
        key = " ".join(t[2] for t in rest[:length])
        countries = {c.place.country for c in places.get(key, ()) if c.place.country}
        if len(countries) == 1:
            return countries.pop(), rest[length - 1][1]
    return None


@lru_cache(maxsize=1)
def tagger() -> NerTagger:
    """The trained tagger, loaded once per process (numpy only; imported on first use)."""
    from marsad.extract.ner_tagger import NerTagger

    loaded = NerTagger.load(DATA_DIR / "models" / "ner" / "ner.npz")  # the checkout's or the package's data
    _return_freed_memory()
    return loaded


def _return_freed_memory() -> None:
    """Hand the tagger's loading scratch (some 20 MB) back to the system, where the C library can."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused by this process instead
        pass


@lru_cache(maxsize=1)
def _din_name_re() -> re.Pattern[str]:
    """`عز الدين الأصبحي`, `صلاح الدين عبد الصمد`: a first part of data/din_names.csv, الدين, a family name
    (two words when the first is عبد, بن, أبو, ذو...), normalised."""
    firsts = alternation(read_word_set(DATA_DIR / "din_names.csv", ["word_ar"]))
    parts = alternation(_COMPOUND_NAME_PARTS | {"ذو", "ذي"})
    # the family name: no conjunction on a definite word (صلاح الدين والأنبار: two provinces)
    return re.compile(rf"(?<![\w])[وف]?((?:{firsts}) الدين (?:(?:{parts}) )?(?!وال)[^\W\d_]+)")


def _din_name_spans(text: str, norm: Normalized, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Candidate PERSON spans of given names made with الدين, in `text` (the tagger's spans' form); not a
    place of that name after a place word or a preposition (`محافظة صلاح الدين شمال بغداد`), nor one after
    a given name, whose family name it is."""
    if "\u0627\u0644\u062f\u064a\u0646" not in norm.text:  # الدين
        return []
    spans = []
    for match in _din_name_re().finditer(norm.text):
        before = normalize_key(previous_word(norm.text, match.start(1))[0])
        if " ".join(match.group(1).split()[:2]) in _place_keys(lexicon) and (
                before in _PLACE_BEFORE or _place_noun(before)):
            continue
        if is_known_name(before):
            continue  # رمضان علاء الدين المتوفى: علاء الدين ends the name of another, who begins before
        spans.append((*norm.span_to_original(match.start(1), match.end(1)), "PERSON"))
    return spans


_PLACE_BEFORE = frozenset(normalize_key(w) for w in ("في", "فى", "من", "إلى", "الى", "ب", "وفي", "داخل", "قرب"))


def _model_mentions(text: str, norm: Normalized, lexicon: Lexicon, known: list[Mention],
                    unlinked: list[tuple[int, int]], spans: list[tuple[int, int, str]]
                    ) -> list[tuple[Mention, Actor]]:
    """People and organisations nobody listed, from the trained tagger (source "model").

    The registry and the role rule go first: a tagger span that overlaps anything they found is
    dropped. A person needs two name words, or one that the name lists know; an organisation needs
    two words (a lone `الحكومة` is not a name). Places stay with the gazetteer, which can locate them.
    No word of a person's name is a function word, a number word, a common noun or a place
    (data/not_names.csv, the gazetteer); a body is no facility (`مطار عدن`) and begins with no
    nationality (`الأوروغوياني فابيان`). A leading `و` is cut where the rest is a known name.
    """
    occupied = [(m.start, m.end) for m in known] + unlinked  # unlinked: out-of-scope generic names
    found: list[tuple[Mention, Actor]] = []
    for start, end, kind in spans:
        if kind == "LOCATION" or any(start < b and a < end for a, b in occupied):
            continue
        start, end = _without_quotes(text, start, end)  # «الشرق الأوسط: the name, not its quotation mark
        if start >= end or any(mark in text[start:end] for mark in _QUOTE_MARKS):
            continue  # مجلة لـ "فيفا: a quotation mark inside is no name
        words = [normalize_key(w) for w in WORD_RE.findall(text[start:end])]
        if not words or any(w in lexicon.speech_verbs or w in _FUNCTION_WORDS for w in words):
            continue
        if kind == "PERSON":
            if words[0].startswith("و") and not is_known_name(words[0]) and is_known_name(words[0][1:]):
                first_word = WORD_RE.search(text, start)  # وفيصل البدين: the conjunction is no part of the name
                start, words = (first_word.start() if first_word else start) + 1, [words[0][1:], *words[1:]]
            if (len(words) < 2 and not is_known_name(words[0])) or "\u064b" in text[start:end]:
                continue  # بريداً: a noun with tanwin is no name
            if is_place_name(words[0], lexicon) or any(
                    w in lexicon.roles or w in lexicon.nationalities or _common_word(w)
                    for i, w in enumerate(words) if i == 0 or words[i - 1] not in _COMPOUND_NAME_PARTS):
                continue
            if len(words) > 1 and all(w.startswith("و") and not is_known_name(w) for w in words):
                continue  # وألوانا وشخابيط: coordinated nouns, not a name
            if _after_facility(norm, start, lexicon):
                continue  # مستشفى الملك خالد
            name = text[start:end]
            actor_id, actor_type = discovered_actor_id(name), "person"
        else:
            if len(words) < 2:  # a lone الحكومة, الجيش is no body's name
                continue
            head = words[0][2:] if words[0].startswith("ال") else words[0]
            if head in _FACILITY_HEADS or words[0] in nationality_forms(lexicon) or \
                    " ".join(words) in _place_keys(lexicon):
                continue  # مطار عدن, سان مارينو are places; الأوروغوياني فابيان no body
            if any(words[0].startswith(c) and words[0][len(c):] in lexicon.roles for c in ("", "ك", "ل", "و", "ب")):
                continue  # كالشيخ الكويتي: a title, no body
            if any(w in _never_in_bodies() for w in words):
                continue  # حفظه الله
            if all(_common_word(w) or w in _BODY_HEADS or w.startswith("ال") and w[2:] in _BODY_HEADS
                   for w in words):
                continue  # مجلس الوزراء, وزارة الداخلية: a body of some country, no name of its own
            name = _without_preposition(text[start:end])  # للبنك المركزي الأوروبي: البنك المركزي الأوروبي
            actor_id, actor_type = discovered_actor_id(name, "org"), "other"
        role = (_role_before(norm, start, lexicon) or _role_after(norm, end, lexicon)) if kind == "PERSON" else None
        mention = Mention(start, end, text[start:end], kind, actor_id, "model", role)
        found.append((mention, Actor(actor_id, "", name, actor_type, None, None, role, discovered=True)))
        occupied.append((start, end))
    return found


_QUOTE_MARKS = frozenset('«»"“”„\'')


def _without_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the quotation marks (and spaces) at its ends."""
    while start < end and (text[start] in _QUOTE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _QUOTE_MARKS or text[end - 1].isspace()):
        end -= 1
    return start, end


def _without_preposition(name: str) -> str:
    """A body's name as its own, without the preposition the sentence put on it: للبنك -> البنك, لوزارة -> وزارة."""
    first, _, rest = name.partition(" ")
    if first.startswith("لل") and len(first) > 4:
        first = "ال" + first[2:]
    elif first.startswith("ل") and normalize_key(first[1:]) in _BODY_HEADS:
        first = first[1:]
    return f"{first} {rest}".strip()


def _role_before(norm: Normalized, start: int, lexicon: Lexicon) -> str | None:
    """The role introducing a name, within six words before it in the same clause: `وزير الخارجية
    البريطاني جيريمي هنت`, `المتحدث باسم الهلال الأحمر، محمد الشريف` (a comma may close the role)."""
    n_start, _ = norm.span_to_normalized(start, start)
    window_start = max(0, n_start - 80)
    for stop in (".", "؟", "!", "\n"):
        window_start = max(window_start, norm.text.rfind(stop, window_start, n_start) + 1)
    window = norm.text[window_start:n_start]
    roles = [m for m in _role_matcher(lexicon).find(window)]
    if not roles:
        return None
    last = max(roles, key=lambda m: (m.end, m.end - m.start))
    between = window[last.end:]
    if len(between.split()) > 6 or any(w in lexicon.speech_verbs for w in between.split()):
        return None
    return last.payloads[0].role_en


def _role_after(norm: Normalized, end: int, lexicon: Lexicon) -> str | None:
    """The role right after a name, a comma between or not: `جون بينر رئيس مجلس النواب الأمريكي`,
    `سعيد الزهراني، مدير إدارة الطوارئ` (not when a known given name follows it: that is the role's
    own person)."""
    _, n_end = norm.span_to_normalized(end, end)
    rest = norm.text[n_end:n_end + 80]
    stripped = rest.lstrip(" \t،,")
    if not stripped or len(rest) - len(stripped) > 4:
        return None
    offset = n_end + len(rest) - len(stripped)
    found = [m for m in _role_matcher(lexicon).find(norm.text[offset:offset + 60])
             if m.word_start == 0 and m.display_start == 0]  # no clitic: للرئيس starts another phrase
    if not found:
        return None
    role = max(found, key=lambda m: m.end)
    after = _tokens_after(norm.text, offset + role.end, 1)
    if after and is_known_name(after[0][2]) and not after[0][2].startswith("ال"):
        return None
    return role.payloads[0].role_en


_LOCATIVES = frozenset(normalize_key(w) for w in ["في", "فى", "إلى", "الى", "من", "نحو", "داخل", "خارج", "عن",
                                                  "على", "شرق", "غرب", "شمال", "جنوب", "أنحاء", "حول"])


def _locative(text: str, match: Match) -> bool:
    prefix = text[match.word_start:match.start]
    if prefix.endswith("ب") or prefix.endswith("بال"):
        return True
    return previous_word(text, match.word_start)[0] in _LOCATIVES


def registry_actor(lexicon: Lexicon, actor_id: str) -> Actor:
    entry = lexicon.actors[actor_id]
    return Actor(entry.actor_id, entry.name_en, entry.name_ar, entry.type, entry.affiliation, entry.country)


def _mention(text: str, norm: Normalized, start: int, end: int, type_: str, entity_id: str, source: str,
             role: str | None = None) -> Mention:
    o_start, o_end = norm.span_to_original(start, end)
    return Mention(o_start, o_end, text[o_start:o_end], type_, entity_id, source, role)




def _tokens_after(norm_text: str, position: int, limit: int) -> list[tuple[int, int, str]]:
    tokens = []
    for match in WORD_RE.finditer(norm_text, position):
        tokens.append((match.start(), match.end(), match.group()))
        if len(tokens) >= limit:
            break
    return tokens


# Heads of a body's name: after a role they begin a body (المتحدث باسم قوات التحالف), not a person.
_BODY_HEADS = frozenset(normalize_key(w) for w in [
    "قوات", "جيش", "وزارة", "حكومة", "حركة", "جماعة", "مجلس", "منظمة", "هيئة", "لجنة", "قيادة", "شرطة",
    "وكالة", "شركة", "حزب", "جبهة", "تحالف", "اتحاد", "رابطة", "جمعية", "مكتب", "مركز", "مؤسسة", "الهيئة"])


def _is_name_token(token: str, lexicon: Lexicon, first: bool, bound: bool = False) -> bool:
    """`token` may be a word of a person's name; `bound`: it follows عبد, بن, أبو (عبد الحي), where any
    word is."""
    if not _NAME_TOKEN_RE.fullmatch(token) or token in _FUNCTION_WORDS:
        return False
    if bound:
        return True
    if first and token in _BODY_HEADS:
        return False
    if token in lexicon.speech_verbs or token in lexicon.nationalities or token in lexicon.roles:
        return False
    if token in lexicon.event_triggers or (token.startswith("ال") and token[2:] in lexicon.event_triggers):
        return False
    if _common_word(token) or (first and is_place_name(token, lexicon)):  # الشدادي: a town and a family name
        return False
    if first and any(token.startswith(p) for p in ARTICLE_PREFIXES):
        return False
    if not first and token[:3] in {"لل", "بال", "وال", "فال", "كال"}:
        return False
    return True


def _person_after_role(text: str, norm: Normalized, role_match: Match[Role], registry: list[Match[_Entry]],
                       taken: list[tuple[int, int]], lexicon: Lexicon,
                       bodies: list[tuple[int, int, Actor | None]] | None = None,
                       spans: list[tuple[int, int, str]] | None = None
                       ) -> tuple[Mention, Actor, tuple[int, int]] | None:
    """The person a role introduces, or the body an unnamed spokesperson speaks for.

    `bodies`: discovered bodies and unlinked generic names (normalised spans, the body or None) that may
    be the role's complement (`رئيس مجلس النواب العراقي سليم الجبوري`); `spans`: the tagger's, which must not read the name as a place or a body
    (`مطار الملك خالد الدولي`)."""
    role = role_match.payloads[0]
    tokens = _tokens_after(norm.text, role_match.end, 12)
    index = 0
    org_id: str | None = None
    org_actor: Actor | None = None
    # Skip the role's complements: nationality adjectives, definite nouns, باسم X, في <place>, a place.
    while index < len(tokens) and index < 7:
        start, end, token = tokens[index]
        at_registry = next((m for m in registry if m.word_start <= start < m.end), None)
        if at_registry is not None:
            entry = at_registry.payloads[0]
            if entry.type == "PERSON":
                return None  # a known person follows the role: nothing to discover
            org_id = org_id or entry.actor_id
            while index < len(tokens) and tokens[index][0] < at_registry.end:
                index += 1
            continue
        at_body = next((b for b in bodies or () if b[0] <= start < b[1]), None)
        if at_body is not None:
            if org_id is None and at_body[2] is not None:
                org_id, org_actor = at_body[2].actor_id, at_body[2]
            while index < len(tokens) and tokens[index][0] < at_body[1]:
                index += 1
            continue
        at_org = _tagged_body_at(norm, start, end, spans or [])
        if at_org is not None:  # المتحدث باسم وزارة الصحة في غزة أشرف القدرة: a body the tagger reads
            while index < len(tokens) and tokens[index][0] < at_org:
                index += 1
            continue
        if token in _PLACE_BRIDGES:
            index += 2  # في <place>: the place is part of the role (مراسل الجزيرة في طرابلس)
            continue
        if token in _ROLE_BRIDGES or token in lexicon.nationalities or token in lexicon.roles:
            index += 1
            continue
        if _place_noun(token) or is_place_name(token, lexicon):
            index += 1  # محافظ جدة, محافظ محافظة جدة: the place governed, not a name
            continue
        if index + 1 < len(tokens) and f"{token} {tokens[index + 1][2]}" in _place_keys(lexicon):
            index += 2  # رئيس بلدية ظهران الجنوب
            continue
        if any(token.startswith(p) for p in ARTICLE_PREFIXES) and len(token) > 3:
            index += 1
            continue
        break
    name_tokens: list[tuple[int, int, str]] = []
    # Three words, two more for each بن/أبو/عبد inside (أحمد بن إبراهيم الملا), six at most.
    while index < len(tokens) and len(name_tokens) < min(6, 3 + 2 * sum(t[2] in _COMPOUND_NAME_PARTS
                                                                          for t in name_tokens)):
        start, end, token = tokens[index]
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            break
        if not _is_name_token(token, lexicon, first=not name_tokens,
                              bound=bool(name_tokens) and name_tokens[-1][2] in _COMPOUND_NAME_PARTS) \
                and not (not name_tokens and is_name_ali(text, norm.span_to_original(start, end)[1], token)):
            break
        if len(name_tokens) >= 2 and name_tokens[-1][2] not in _COMPOUND_NAME_PARTS and \
                not _tagged_person(norm, start, end, spans or []):
            # a third name word follows بن/أبو or is the tagger's (إياد بن أمين مدني), or carries ال and
            # ends the name where the tagger does not (أحمد بن إبراهيم الملا, not الملا التفجير)
            if not token.startswith("ال") or len(name_tokens) >= 3:
                break
        name_tokens.append(tokens[index])
        index += 1
    while name_tokens and name_tokens[-1][2] in _COMPOUND_NAME_PARTS:
        name_tokens.pop()  # الأمير محمد بن <a listed name>: no name of its own
    tagged = _tagged_as(norm, name_tokens, spans or [])
    confirmed = any(is_known_name(t[2]) for t in name_tokens) or _tagged_as_person_from(norm, name_tokens,
                                                                                        spans or [])
    if tagged - {"PERSON"} and not _tagged_as_person_from(norm, name_tokens, spans or []):
        confirmed = False  # the tagger reads a place or a body here (مطار الملك خالد الدولي, بلدية ظهران الجنوب)
    if name_tokens and "\u064b" in text[slice(*norm.span_to_original(name_tokens[0][0], name_tokens[-1][1]))]:
        confirmed = False  # متمنياً التوفيق: a word with tanwin is no name
    if len(name_tokens) < 2 or not confirmed:
        if org_id and role.kind in ("spokesperson", "journalist"):
            # An unnamed spokesperson speaks for their body.
            mention = _mention(text, norm, role_match.word_start, role_match.end, "ORGANIZATION", org_id,
                               "role", role.role_en)
            return mention, org_actor or registry_actor(lexicon, org_id), (role_match.word_start, role_match.end)
        return None
    name_start, name_end = name_tokens[0][0], name_tokens[-1][1]
    mention = _mention(text, norm, name_start, name_end, "PERSON", "", "role", role.role_en)
    actor_id = discovered_actor_id(mention.text)
    mention = Mention(mention.start, mention.end, mention.text, "PERSON", actor_id, "role", role.role_en)
    country = _country_from_context(norm.text[role_match.end:name_start], lexicon)
    actor = Actor(actor_id, "", mention.text, "person", org_id, country, role.role_en, discovered=True)
    return mention, actor, (name_start, name_end)


def is_name_ali(text: str, end: int, token: str) -> bool:
    """علي, the name, written with ي: على, the preposition, is written with ى (both normalise to علي).
    `token`: the normalised word; `end`: where it ends in `text` as written."""
    return token == "علي" and text[end - 1] == "ي"


def _tagged_body_at(norm: Normalized, start: int, end: int, spans: list[tuple[int, int, str]]) -> int | None:
    """Where the body the tagger reads at the word start..end (normalised offsets) ends, in normalised
    offsets, or None."""
    o_start = norm.span_to_original(start, end)[0]
    body = next((b for a, b, kind in spans if kind == "ORGANIZATION" and a <= o_start < b), None)
    return None if body is None else norm.span_to_normalized(o_start, body)[1]


def _tagged_as(norm: Normalized, name_tokens: list[tuple[int, int, str]], spans: list[tuple[int, int, str]]
               ) -> set[str]:
    """The tagger's types of the spans that overlap the name's words."""
    if not name_tokens:
        return set()
    start, end = norm.span_to_original(name_tokens[0][0], name_tokens[-1][1])
    return {kind for a, b, kind in spans if a < end and start < b}


def _names_a_facility(normalized: str, role_match: Match[Role]) -> bool:
    """A title after a facility's or an institution's head names the place (مستشفى الملك فيصل, جامعة
    الملك سعود, مطار الملك خالد الدولي), not a person speaking."""
    return _facility_head(previous_word(normalized, role_match.word_start)[0])


def _after_facility(norm: Normalized, start: int, lexicon: Lexicon) -> bool:
    """A name (original offset `start`) right after a facility's head, or after a title after one
    (`مستشفى الملك خالد`): the facility's name."""
    word, at = previous_word(norm.text, norm.span_to_normalized(start, start)[0])
    if _facility_head(word):
        return True
    return normalize_key(word.strip(_QUOTES)) in lexicon.roles and _facility_head(previous_word(norm.text, at)[0])


_QUOTES = "\"'«»“”()[]،,:"


def _facility_head(word: str) -> bool:
    word = word.strip(_QUOTES)
    for clitic in ("", *_WORD_CLITICS):
        if word.startswith(clitic):
            rest = word[len(clitic):]
            if rest in _FACILITY_HEADS or rest in _INSTITUTION_HEADS or \
                    (rest.startswith("ال") and (rest[2:] in _FACILITY_HEADS or rest[2:] in _INSTITUTION_HEADS)):
                return True
    return False


_INSTITUTION_HEADS = frozenset(normalize_key(w) for w in [
    "جامعة", "مدينة", "مركز", "حديقة", "مستشفى", "مدرسة", "كلية", "مؤسسة", "جائزة", "مشروع", "برنامج", "كرسي",
    "وقف", "مكتبة", "دارة", "قاعة", "صالة", "مجمع", "منتزه", "ميدان", "حي", "واحة", "جسر", "نفق", "مسجد"])


def _tagged_as_person_from(norm: Normalized, name_tokens: list[tuple[int, int, str]],
                           spans: list[tuple[int, int, str]]) -> bool:
    """The tagger's PERSON span covers the name's first word (not only a later one: `خلفا لساندرو روسيل`)."""
    return bool(name_tokens) and _tagged_person(norm, name_tokens[0][0], name_tokens[0][1], spans)


def _tagged_person(norm: Normalized, start: int, end: int, spans: list[tuple[int, int, str]]) -> bool:
    """The tagger's PERSON span covers these normalised offsets."""
    o_start, o_end = norm.span_to_original(start, end)
    return any(kind == "PERSON" and a <= o_start and o_end <= b for a, b, kind in spans)


def _place_noun(token: str) -> bool:
    """`محافظة`, `مدينة`, `منطقة`: a noun that introduces a place (data/place_cues.csv)."""
    return place_cues().get(token) == "noun"


def _country_from_context(between: str, lexicon: Lexicon) -> str | None:
    for token in between.split():
        nationality = lexicon.nationalities.get(token)
        if nationality:
            return nationality.country
    return None


def _surname_mentions(text: str, norm: Normalized, actors: dict[str, Actor],
                      taken: list[tuple[int, int]], place_names: frozenset[str] = frozenset()) -> list[Mention]:
    """A discovered person's family name alone, later in the text, as that person (source "coref"); not a
    family name that is also a listed place's name (a name ending in `عدن` makes no person of every Aden)."""
    surnames: list[tuple[str, Actor]] = []
    for actor in actors.values():
        if actor.discovered and actor.type == "person" and len(actor.name_ar.split()) >= 2:
            surname = normalize_key(actor.name_ar.split()[-1])
            if len(surname) >= 3 and surname not in place_names:
                surnames.append((surname, actor))
    if not surnames:
        return []
    matcher = Matcher((surname, actor) for surname, actor in surnames)
    found = []
    for match in longest_first(matcher.find(norm.text)):
        if any(match.start < end and start < match.end for start, end in taken):
            continue
        prefix = norm.text[match.word_start:match.display_start]  # the article is part of the surname
        if prefix not in CLITICS:
            continue
        actor = match.payloads[0]
        surname = norm.text[match.display_start:match.end]
        if _other_first_name(norm.text, match.word_start, actor) or _common_word(norm.text[match.start:match.end]) \
                or (surname in frequent_word_set() and not is_known_name(surname)):
            continue  # المخرج, التميز: a surname that is also a common word is joined only where written in full
        if _facility_head(previous_word(norm.text, match.word_start)[0]):
            continue  # مسجد هوبان، شارع الحمراء: the name of a building or a street, not the person
        found.append(_mention(text, norm, match.display_start, match.end, "PERSON", actor.actor_id, "coref"))
    return found


def _named_in_full(mention: Mention, actor: Actor, actors: dict[str, Actor]) -> Actor | None:
    """The one person already found whose name (two words or more) ends in this one-word name the model found."""
    if actor.type != "person" or len(mention.text.split()) != 1:
        return None
    key = normalize_key(mention.text)
    bearers = [other for other in actors.values() if other.type == "person" and other.actor_id != actor.actor_id
               and len(other.name_ar.split()) >= 2 and normalize_key(other.name_ar.split()[-1]) == key]
    return bearers[0] if len(bearers) == 1 else None


def _another_of_the_family(normalized: str, surname: str, actor: Actor, at: int) -> bool:
    """The article names someone else of the family before `at` (لؤي المقداد), in an earlier sentence, and never
    the actor in full (فيصل المقداد): the bare surname at `at` (ويشير المقداد) is that other person, not the
    listed one. In the same sentence it is told from him (وقال عمر حفتر ...، فيما قال حفتر: Khalifa Haftar)."""
    own = normalize_key(actor.name_ar.split()[0])
    other_at = -1
    for found, previous in whole_word_occurrences(normalized, surname):
        if previous and (previous.startswith(own) or own.startswith(previous)):
            return False  # the actor in full, his given name however spelt (محمد بخاري for محمدو بخاري)
        if found < at and previous and is_known_name(previous):
            other_at = found
    return other_at >= 0 and any(mark in normalized[other_at:at] for mark in ".!?؟\n")


def _other_first_name(normalized: str, word_start: int, actor: Actor) -> bool:
    """The surname follows a given name that is not the actor's own (محمد الجبير after عادل الجبير):
    another person of that family, never joined to the one named before."""
    before = normalized[:word_start].split()
    if not before:
        return False
    previous = before[-1]
    own = normalize_key(actor.name_ar.split()[0])
    return previous != own and is_known_name(previous)
