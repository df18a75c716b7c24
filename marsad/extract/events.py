"""Events typed by a trigger lexicon close to ACLED's taxonomy (data/event_triggers.csv).

One event per sentence and event type: the trigger nearest the start wins, the
date is the sentence's own (else the publication date, precision `reported`), the
place is the most specific place named in the sentence (one event per specific
place when several are named, as ACLED codes one location per event), and the
actors are those mentioned in the sentence.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import replace
from functools import cache, lru_cache

import ahocorasick

from marsad.extract.casualties import MONTH_PATHS, Casualties, casualties_in
from marsad.extract.event_arguments import (
    SINCE_WORDS,
    Clause,
    agent_and_target,
    anaphoric_place,
    article_place_counts,
    clause_date,
    clause_parts,
    clause_places,
    first_place,
    time_of_another_clause,
    trigger_clause,
)
from marsad.extract.gazetteer import place_cues
from marsad.extract.geo import KIND_RANK
from marsad.extract.ner_features import TOPIC_THRESHOLD, normalize_word, sport_words, topic_score
from marsad.extract.ner_tagger import frequent_word_set, frequent_words
from marsad.lexicon import EventTrigger, Lexicon, LexiconError, read_rows, read_word_set
from marsad.paths import DATA_DIR
from marsad.records import Actor, Event, Mention, Place, Span, TimeMention
from marsad.text.document import Document
from marsad.text.matcher import Matcher, find_in_original, previous_word
from marsad.text.normalize import Normalized, normalize_key
from marsad.text.spans import mentions_within, within

MAX_PLACES_PER_EVENT = 3


# What Arabic attaches to the end of a one-word trigger and leaves its sense: object and possessive
# pronouns (حصارها، يحاصرونها، اعتقاله), and the dual (تفجيرين، غارتين).
ENCLITICS = ("ه", "ها", "هم", "هما", "هن", "ين", "ان")


def enclitic_forms(trigger: str) -> list[str]:
    """A one-word trigger with each enclitic (a final ta marbuta opens to ت: مداهمة -> مداهمتها). A stem of
    three letters takes no bare ه: matching is on normalised text, where ه is also a ta marbuta, and
    زار + ه would be the وزارة of a ministry."""
    if " " in trigger or len(trigger) < 3:
        return []
    stem = trigger[:-1] + "ت" if trigger.endswith("ة") else trigger
    return [stem + ending for ending in ENCLITICS if ending != "ه" or len(stem) >= 4]


@lru_cache(maxsize=4)
def _trigger_matcher(lexicon: Lexicon) -> Matcher[EventTrigger]:
    written = {normalize_key(t.trigger) for t in lexicon.event_triggers.values()}
    entries = []
    for trigger in lexicon.event_triggers.values():
        entries.append((trigger.trigger, trigger))
    for trigger in lexicon.event_triggers.values():  # after: a listed word is never another's inflection
        entries.extend((form, trigger) for form in enclitic_forms(trigger.trigger)
                       if normalize_key(form) not in written)
    # nouns take the article: السيطرة على, الاشتباكات
    entries.extend(("ال" + form, trigger) for form, trigger in list(entries) if not form.startswith("ال"))
    return Matcher(entries, min_length=3)


_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ه")
_PUNCTUATION_RE = re.compile("[،,.:؛\"'«»()]")  # where a word written against punctuation ends


def _another_word(text: str, start: int) -> bool:
    """A trigger read behind a و or ف where the whole word is, more likely, a noun with a pronoun: وزارته,
    وزارتها (his, her ministry) are no و + زار. A noun's ت before a pronoun is its ة, and the news' commonest
    words (frequent_words, by rank) decide between the readings (وزارة against زارت, زارة)."""
    word = _PUNCTUATION_RE.split(_word_at(text, start), maxsplit=1)[0]
    if len(word) < 4 or word[0] not in "وف":
        return False
    ranks = _word_ranks()
    for suffix in _PRONOUN_SUFFIXES:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and stem.endswith("ت") and len(stem) >= 4:
            # وزارتها: وزارة against زارت and زارة; وسيطرته: وسيطرة against سيطرت and سيطرة
            whole, rests = stem[:-1] + "ة", (stem[1:], stem[1:-1] + "ة")
            return whole in ranks and ranks[whole] < min(ranks.get(rest, len(ranks)) for rest in rests)
    return False


@lru_cache(maxsize=1)
def _word_ranks() -> dict[str, int]:
    return {word: rank for rank, word in enumerate(frequent_words())}


def find_events(doc: Document, actor_mentions: list[Mention], place_mentions: list[Mention],
                places: dict[str, Place], home_country: str | None = None,
                actors: dict[str, Actor] | None = None, reporters: dict[int, set[str]] | None = None) -> list[Event]:
    """Typed events, one per incident, each with its sentence(s), place, date, agent and target.

    `reporters` maps a sentence's start to the actors speaking in it (they report the event; they are
    not its agent)."""
    text, sentences, times, published = doc.text, doc.sentences, doc.times, doc.published
    actors = actors or {}
    triggers = [t for t in find_in_original(_trigger_matcher(doc.lexicon), doc.normalized)
                if not _another_word(text, t[0])]
    names = [m for m in actor_mentions if m.type == "ORGANIZATION"]
    events: list[Event] = []
    sports_article: bool | None = None  # whether the whole article is about sports: read when first needed
    last_places: list[str] = []  # the places the paragraph last named
    last_date: TimeMention | None = None  # the paragraph's last day-precise date
    accompanied = _names_an_accompaniment(doc.normalized.text)
    for index, sentence in enumerate(sentences):
        if index and "\n" in text[sentences[index - 1].end:sentence.start]:
            last_places, last_date = [], None  # a new paragraph
        named_here = _specific_places(mentions_within(place_mentions, sentence), places, home_country)
        in_sentence = [] if _heading_line(text, sentence) or _a_question(text, sentence) else \
            [t for t in within(triggers, sentence) if not _inside_a_name(t, names)]
        if any(t[2].event_type in _TOLLS for t in in_sentence) and _accident(doc.normalized, sentence):
            in_sentence = [t for t in in_sentence if t[2].event_type not in _TOLLS]  # a road accident's dead
        if any(t[2].event_type in _SPORTS_SENSES for t in in_sentence):
            if sports_article is None:
                sports_article = _sports_article(text)
            if (sports_article or _sports_sentence(text, sentence)) and not _security_words(text, sentence):
                # `المواجهات`, `هجوم`, `إصابة`, `المفاوضات` of a match or a transfer: no conflict event (fans'
                # clash with the police is one)
                in_sentence = [t for t in in_sentence if t[2].event_type not in _SPORTS_SENSES]
        kept = [t for t in in_sentence if _reported_as_fact(text, sentence.start, t[0], t[2])
                and (_in_its_event_sense(text, sentence, t) or _told_again(text, t, events))
                and not _background_relative(doc, sentence, t, in_sentence, place_mentions)]
        kept = [t for t in _without_results(text, kept) if not _since_the_start_of(text, sentence, t)
                and not _habitual(text, sentence, t)
                and not _after_a_settlement(text, sentence, t)
                and (t[2].event_type != "territory_change" or _takes_ground(text, sentence, t, place_mentions))
                and not _names_a_front(text, sentence, t)]
        sentence_text = text[sentence.start:sentence.end]
        chosen: list[tuple[int, int, EventTrigger]] = []
        parts = clause_parts(text, sentence)
        if accompanied:  # the article has a word of accompaniment somewhere
            parts = _accompaniments_apart(text, parts, kept)
        for part in _coordinated_acts(text, parts, kept):  # one act of violence per clause, typed by its weapon
            typed = _retyped_alike([_typed_in_its_clause(t, text, part, sentence, doc.lexicon)
                                    for t in within(kept, part)], within(kept, part))
            typed = [_as_the_act_before(t, text, part, chosen, doc.lexicon) for t in _most_specific(typed)]
            chosen.extend({t[2].event_type: t for t in reversed(typed)}.values())  # one per type: the first
        chosen.sort(key=lambda t: t[0])
        if any(t[2].event_type in _VIOLENT - _TOLLS for t in chosen):  # the dead of the sentence's act
            chosen = [t for t in chosen if t[2].event_type not in _TOLLS]
        figures = ([replace(c, start=c.start + sentence.start, end=c.end + sentence.start)
                    for c in casualties_in(sentence_text)] if any(t[2].event_type in _VIOLENT for t in chosen) else [])
        owned = _figures_of_acts(figures, [t[0] for t in chosen if t[2].event_type in _VIOLENT],
                                 clause_parts(text, sentence), text, place_mentions, places)
        for position, (t_start, t_end, trigger) in enumerate(chosen):
            later = next((t[0] for t in chosen[position + 1:] if t[2].event_type != trigger.event_type), None)
            clause = trigger_clause(text, sentence, t_start, t_end, later)
            place_ids = clause_places(text, clause, t_start, t_end, place_mentions, places)
            inherited = False
            if not place_ids:  # the paragraph's last place, else a place already named (`المدينة`), else
                # where the report comes from
                source_place = first_place(place_mentions, places, sentence, text)
                anaphor = anaphoric_place(text, clause, place_mentions, places)
                if last_places:
                    place_ids, inherited = last_places[:1], True
                elif anaphor:
                    place_ids, inherited = [anaphor], True
                elif source_place:
                    place_ids = [source_place]
            when = clause_date(times, clause, t_start, text)
            if when is None:
                when = next((t for t in times if sentence.start <= t.start and t.end <= sentence.end
                             and not time_of_another_clause(text, t_start, t)), None)
            if when is None and last_date is not None:
                when = last_date
            if when is not None and published is not None and when.precision == "year" \
                    and when.date <= published <= when.end_date:  # `هذا العام`: the report's day, not 1 January
                when = None
            day, precision = (when.date, when.precision) if when else (published, "reported")
            if published is not None and day is not None and day > published:
                continue  # dated after its report (`لقاءه المرتقب يوم 3 أغسطس`, `العام المقبل`): not yet happened
            own_place = any(m.entity_id in places and _locative(text, m)
                            for m in mentions_within(place_mentions, Span(t_end, clause.end)))
            antecedent = _antecedent(text, t_start, trigger, events) \
                if not own_place and clause_date(times, clause, t_start, text) is None else None
            if antecedent is not None:  # `الانفجار`, `هذه الاشتباكات`: the one already reported
                place_ids, inherited = [antecedent.place_id] if antecedent.place_id else [], True
                day, precision = antecedent.date, antecedent.date_precision
            agent, target = agent_and_target(text, clause, t_start, t_end, actor_mentions, actors,
                                             (reporters or {}).get(sentence.start, set()))
            own, borrowed = owned.get(t_start, ([], []))
            toll = _toll(own, borrowed, clause, text) if trigger.event_type in _VIOLENT else {}
            if trigger.event_type == "killing" and toll.get("victims") in _ARMED_VICTIMS \
                    and normalize_key(trigger.trigger) in _PLAIN_KILLED:
                trigger = _as_type(trigger, "armed_clash", doc.lexicon)  # `قتل 19 مسلحا`: fighting, not a killing
            if _only_a_country(place_ids, places, precision, text, clause, place_mentions, trigger.event_type):
                # a topic, a policy or a war's background more often than an incident's place: the paragraph's
                # place, else (after all sentences) the article's events', else none
                place_ids = [p for p in last_places[:1] if places[p].kind != "country"]
                inherited = bool(place_ids)
            for place_id in place_ids or [None]:
                events.append(Event(
                    start=sentence.start, end=sentence.end, sentence=sentence_text, type=trigger.event_type,
                    label_en=trigger.label_en, trigger=text[t_start:t_end], trigger_start=t_start,
                    trigger_end=t_end, date=day, date_precision=precision, place_id=place_id,
                    actor_ids=tuple(dict.fromkeys(m.entity_id for m in mentions_within(actor_mentions, sentence))),
                    acled_event_type=trigger.acled_event_type,
                    acled_sub_event_type=trigger.acled_sub_event_type, place_inherited=inherited,
                    actor1_id=agent, actor2_id=target, **toll,
                ))
        last_places = named_here or last_places
        own_days = [t for t in times if sentence.start <= t.start and t.end <= sentence.end and t.precision == "day"
                    and not _since(text, t)]  # `منذ مساء الثلاثاء` starts a span: no day for what follows
        last_date = own_days[-1] if own_days else last_date
    events = _in_the_articles_place(events, text, sentences, place_mentions, places)
    return [e for e in one_per_incident(events, text, places) if _counted(e) and _has_parties(e, doc.lexicon)]


def _only_a_country(place_ids: list[str], places: dict[str, Place], precision: str, text: str, clause: Span,
                    place_mentions: list[Mention], event_type: str) -> bool:
    """Placed at nothing finer than a country, and not told as one incident there: no day read from the text,
    or the country not named as where it happened in the trigger's clause (`أعلنت السلطات الأمنية في السعودية
    أمس القبض على` is one; for a withdrawal or an evacuation, the country they left: `سحب القوات من ليبيا`);
    a region of the country named by a compass word (`أوقفت قوة ... 23 شخصاً ... شرق لبنان`) places it
    enough. What a country alone places is mostly a topic (`ناقش اللقاء التطورات في اليمن`), a policy, a
    commentary or the background of a war, seldom an incident: on the development and held-out articles 3
    of 35 such records (talks aside) were right. Talks and deals keep the country they concern."""
    if event_type in _TALKS or not place_ids or any(places[p].kind != "country" for p in place_ids):
        return False  # talks and deals: where the parties meet is seldom written, the country they concern is
    named = [m for m in mentions_within(place_mentions, clause) if m.entity_id in place_ids]
    if any(_a_part_of(text, m) for m in named):
        return False  # `شرق لبنان وشماله`, `في شمال سورية`: a region of the country, which the map can show
    if precision != "day":
        return True
    return not any(_locative(text, m) or (event_type in _LEFT_FROM and _after_from(text, m)) for m in named)


def _a_part_of(text: str, mention: Mention) -> bool:
    """The place comes after a compass word (`شرق لبنان`, `في شمال سورية`, `جنوبي اليمن`)."""
    return place_cues().get(_word_before(text, mention).removeprefix("في")) == "direction"


_LEFT_FROM = frozenset({"withdrawal", "evacuation", "displacement"})  # `سحب القوات من ليبيا`: where they left


def _after_from(text: str, mention: Mention) -> bool:
    """The place stands right after من (`من ليبيا`)."""
    return _word_before(text, mention) == "من"


def _word_before(text: str, mention: Mention) -> str:
    """The word before a mention, normalised, without the و it may carry."""
    return normalize_key(previous_word(text, mention.start)[0]).removeprefix("و")


def _in_the_articles_place(events: list[Event], text: str, sentences: list[Span], place_mentions: list[Mention],
                           places: dict[str, Place]) -> list[Event]:
    """An act no sentence of its paragraph places (`ودمر الانفجار أربع سيارات قرب موقع الحادث`) happened where
    the article's events happen: of the places its other events have of their own, the one the article names
    most; flagged as inherited. Talks and deals (they happen where the parties meet) and an article whose events
    have no place of their own (an essay, a review) lend none, nor to a sentence opening another story (`وفي سياق
    آخر`, data/topic_shifts.csv)."""
    own = list(dict.fromkeys(e.place_id for e in events if e.place_id and not e.place_inherited))  # text order
    if not own or all(e.place_id for e in events):
        return events
    counts = article_place_counts(text, sentences, place_mentions, places)
    main = max(own, key=lambda place_id: counts.get(place_id, 0))  # the first of those tied
    return [replace(e, place_id=main, place_inherited=True)
            if e.place_id is None and e.type not in _TALKS and not _another_story(e.sentence) else e for e in events]


@lru_cache(maxsize=1)
def _topic_shifts() -> tuple[str, ...]:
    return tuple(normalize_key(row["phrase_ar"]) for _, row in read_rows(DATA_DIR / "topic_shifts.csv", ["phrase_ar"]))


def _another_story(sentence: str) -> bool:
    """The sentence opens with `في سياق آخر`, `على صعيد آخر`, `من جهة أخرى`: another story than the article's."""
    return normalize_key(sentence.lstrip(" -–\n")[:40]).startswith(_topic_shifts())


INSTRUMENTS_PATH = DATA_DIR / "event_instruments.csv"
_RETYPED = frozenset({"attack", "shelling"})  # generic triggers whose weapon says what they were


@lru_cache(maxsize=1)
def instrument_cues() -> dict[str, str]:
    """normalised weapon or aircraft word -> event type (data/event_instruments.csv)."""
    with INSTRUMENTS_PATH.open(encoding="utf-8", newline="") as handle:
        return {normalize_key(row["cue"]): row["event_type"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=4)
def _trigger_of_type(lexicon: Lexicon) -> dict[str, EventTrigger]:
    """One trigger per event type: its labels, for a trigger retyped by its weapon."""
    first: dict[str, EventTrigger] = {}
    for trigger in lexicon.event_triggers.values():
        first.setdefault(trigger.event_type, trigger)
    return first


_PUNCTUATION = ".,،؛:«»\"'()“”"


def _typed_by_instrument(found: tuple[int, int, EventTrigger], text: str, part: Span,
                         lexicon: Lexicon) -> tuple[int, int, EventTrigger]:
    """`استهدفت طائرات التحالف` is an air strike, `قصف بقذائف الهاون` shelling: a generic trigger takes the
    most specific type its clause's weapon words give (data/event_instruments.csv)."""
    start, end, trigger = found
    if trigger.event_type not in _RETYPED:
        return found
    cues = instrument_cues()
    words = (normalize_key(w.strip(_PUNCTUATION)) for w in text[part.start:part.end].split())
    types = {cues[key] for key in words if key in cues}
    best = min(types | {trigger.event_type}, key=_SPECIFICITY.index)
    if best == trigger.event_type or best not in _trigger_of_type(lexicon):
        return found
    return start, end, _as_type(trigger, best, lexicon)


def _typed_in_its_clause(found: tuple[int, int, EventTrigger], text: str, part: Span, sentence: Span,
                         lexicon: Lexicon) -> tuple[int, int, EventTrigger]:
    """A trigger typed by its clause's weapon, then by what was done to it (a car bomb defused); a trigger
    that becomes a generic attack that way (reinforcements struck: `القضاء على تعزيزات حوثية`) is typed again by
    the weapon (`طائرات التحالف`: an air strike)."""
    typed = _retyped_by_cue(_typed_by_instrument(found, text, part, lexicon), text, sentence, lexicon)
    if typed[2].event_type != found[2].event_type and typed[2].event_type in _RETYPED:
        typed = _typed_by_instrument(typed, text, part, lexicon)
    return typed


def _since(text: str, time: TimeMention) -> bool:
    """The time is the start of a span (`منذ مساء الثلاثاء`, `منذ يوم الأحد`): منذ just before it."""
    before = [normalize_key(w) for w in text[max(0, time.start - 12):time.start].split()[-2:]]
    return any(w in SINCE_WORDS for w in before)


def _as_the_act_before(found: tuple[int, int, EventTrigger], text: str, part: Span,
                       chosen: list[tuple[int, int, EventTrigger]], lexicon: Lexicon) -> tuple[int, int, EventTrigger]:
    """`شن التحالف غارات على قاعدة العند، كما استهدفت منطقة سناح`: a generic verb right after `كما`, with no
    subject of its own, goes on with the sentence's act before it and takes its type (an air strike)."""
    start, _end, trigger = found
    if trigger.event_type not in _RETYPED or not chosen:
        return found
    opening = normalize_key(text[part.start:start]).split()
    if opening not in (["كما"], ["وكما"]):
        return found
    before = next((t[2].event_type for t in reversed(chosen) if t[2].event_type in _VIOLENT - _TOLLS), None)
    if before is None or _SPECIFICITY.index(before) >= _SPECIFICITY.index(trigger.event_type):
        return found
    return found[0], found[1], _as_type(trigger, before, lexicon)


def _as_type(trigger: EventTrigger, event_type: str, lexicon: Lexicon) -> EventTrigger:
    """The trigger retyped, with the labels of the lexicon's triggers of that type."""
    typed = _trigger_of_type(lexicon)[event_type]
    return replace(trigger, event_type=event_type, label_en=typed.label_en, acled_event_type=typed.acled_event_type,
                   acled_sub_event_type=typed.acled_sub_event_type)


RETYPES_PATH = DATA_DIR / "event_retypes.csv"
RETYPE_WINDOW = 4  # words before a trigger, in its clause, that can say what became of it


@lru_cache(maxsize=1)
def retype_cues() -> dict[tuple[str, str], str]:
    """(normalised cue, type) -> the type a trigger of that type takes after the cue: a car bomb destroyed
    or defused is disrupted weapons use, not a bombing (data/event_retypes.csv)."""
    with RETYPES_PATH.open(encoding="utf-8", newline="") as handle:
        return {(normalize_key(row["cue"]), row["from_type"]): row["to_type"] for row in csv.DictReader(handle)}


def _retyped_by_cue(found: tuple[int, int, EventTrigger], text: str, sentence: Span,
                    lexicon: Lexicon) -> tuple[int, int, EventTrigger]:
    """`تفكيك عبوة ناسفة`, `تدمير خمس عجلات مفخخة`, `اعتراض صاروخ`: what was done to the weapon, a word or
    a few before it in its clause, makes the trigger disrupted weapons use."""
    start, end, trigger = found
    words = _clause_words_before(text, sentence.start, start, RETYPE_WINDOW)
    cues = retype_cues()
    for word in reversed(words):
        key = normalize_key(word)
        for form in (key, key[1:] if key[:1] in "وفب" else None, key[2:] if key[:2] in ("ال", "لل") else None):
            to_type = cues.get((form, trigger.event_type)) if form else None
            if to_type and to_type in _trigger_of_type(lexicon):
                return start, end, _as_type(trigger, to_type, lexicon)
    return found


def _coordinated_acts(text: str, parts: list[Span], kept: list[tuple[int, int, EventTrigger]]) -> list[Span]:
    """Clause parts cut again before an act of violence joined by `و` to another of a different kind
    (`اشتباكات بين الطرفين وتفجيرين انتحاريين`): two acts, each its own event. A weapon named with `ب`
    (`هجوم بسيارة مفخخة`) stays the one act it types."""
    cut: list[Span] = []
    for part in parts:
        start = part.start
        previous: EventTrigger | None = None
        for t_start, _, trigger in within(kept, part):
            joined = text[t_start:t_start + 1] == "و" or text[max(part.start, t_start - 2):t_start] == "و "
            if (previous is not None and joined and trigger.event_type in _VIOLENT - _TOLLS
                    and previous.event_type in _VIOLENT - _TOLLS and trigger.event_type != previous.event_type):
                cut.append(Span(start, t_start))
                start = t_start
            if trigger.event_type in _VIOLENT - _TOLLS:
                previous = trigger
        cut.append(Span(start, part.end))
    return cut


ACCOMPANIMENT_PATH = DATA_DIR / "event_accompaniment.csv"
_AMID = normalize_key("وسط")  # an accompaniment cue only right before the act (`وسط المدينة` names none)
_WORD_RE = re.compile(r"\S+")
_SPACES_RE = re.compile(r"\s*")


@lru_cache(maxsize=1)
def _accompaniment_words() -> frozenset[str]:
    """Words saying that what follows went with the act before (data/event_accompaniment.csv)."""
    return read_word_set(ACCOMPANIMENT_PATH, ["word_ar"])


def _accompaniment(key: str) -> str | None:
    """The accompaniment word (data/event_accompaniment.csv) a normalised word is, `و` and punctuation
    aside, or None."""
    key, words = key.strip(_PUNCTUATION), _accompaniment_words()
    return key if key in words else key[1:] if key[:1] == "و" and key[1:] in words else None


def _names_an_accompaniment(normalized: str) -> bool:
    """Whether a normalised text holds a word of data/event_accompaniment.csv anywhere (most articles do not)."""
    return any(_accompaniment(word) for word in normalized.split())


def _accompaniments_apart(text: str, parts: list[Span], found: list[tuple[int, int, EventTrigger]]) -> list[Span]:
    """Clause parts cut again where what accompanied an act of violence begins (`اشتباكات عنيفة ترافقت مع قصف
    جوي على منطقة الاشتباكات`, `هجوما على الزبداني، ترافق مع قصف جوي`): the clash is an act of its own, not
    typed by the strikes' weapons, and the strikes another."""
    cut: list[Span] = []
    for part in parts:
        acts = [t for t in within(found, part) if t[2].event_type in _VIOLENT - _TOLLS]
        start = part.start
        for match in _WORD_RE.finditer(text, acts[0][1], part.end) if acts else ():
            key = _accompaniment(normalize_key(match.group()))
            if key is None:
                continue
            cue = match.start()
            next_word = _SPACES_RE.match(text, match.end()).end()
            if key == _AMID and not any(t[0] == next_word for t in found):
                continue  # `وسط` right before an act only
            cut.append(Span(start, cue))
            start = cue
            break
        cut.append(Span(start, part.end))
    return cut


def _retyped_alike(typed: list[tuple[int, int, EventTrigger]],
                   found: list[tuple[int, int, EventTrigger]]) -> list[tuple[int, int, EventTrigger]]:
    """A clause's list of weapons shares its fate: in `تفكيك 3 منازل مفخخة و42 عبوة ناسفة` the second is
    defused too. Each trigger of a type that one of the clause's triggers was retyped from takes that retype."""
    retyped = {old[2].event_type: new[2] for old, new in zip(found, typed, strict=True)
               if old[2].event_type != new[2].event_type}
    return [t if t[2].event_type not in retyped else (t[0], t[1], retyped[t[2].event_type]) for t in typed]


_DIPLOMATIC = frozenset({"meeting", "negotiation", "phone_call"})


def _has_parties(event: Event, lexicon: Lexicon) -> bool:
    """A meeting, talks or a call is between parties: an actor its sentence names, or someone named by office
    or rank (`استقبل وزير الخارجية الفرنسي`, `عقد جلسة مباحثات مع الرئيس الأفغاني`); a visit to the doctor, a
    museum or a website, a family gathering or `لقاء رسوم` (for a fee) has none."""
    if event.type not in _DIPLOMATIC or event.actor_ids:
        return True
    heads = _office_heads(lexicon)
    for word in event.sentence.split():
        key = normalize_key(word.strip("«»\"'()،,.:؛"))
        for form in (key, key[1:] if key[:1] in "وبل" else ""):
            if form in heads or (form.startswith("ال") and form[2:] in heads):
                return True
    return False


@lru_cache(maxsize=4)
def _office_heads(lexicon: Lexicon) -> frozenset[str]:
    """The first words of the offices and ranks of data/roles.csv (رئيس، وزير، سفير، أمير، اللواء)."""
    heads = {key.split()[0] for key, role in lexicon.roles.items() if role.kind == "office"}
    return frozenset(h[2:] if h.startswith("ال") else h for h in heads) - _NOT_AN_OFFICE_ALONE


# First words of offices that alone are common words: أمر (an order; آمر اللواء) and قائم (standing; القائم بالأعمال)
_NOT_AN_OFFICE_ALONE = frozenset(normalize_key(w) for w in ("أمر", "قائم"))


def _counted(event: Event) -> bool:
    """A toll left on its own (no act of violence it belongs to) is an event only with its count: `مقتل 42 من
    عناصر داعش`, `استشهاد أحد أبنائها`; the dead or hurt named without one (`أهالي الضحايا`, `الفخر بالشهداء`,
    `حصيلة القتلى ذاتها`, `حالة إصابة بفيروس`) are people already counted, a disease or a figure of speech."""
    return event.type != "casualties" or bool(event.killed or event.wounded)


TALLY_PATH = DATA_DIR / "tally_periods.csv"
TALLY_REACH = 4  # words after a count, or after منذ/خلال, where what says "over a period" may come


@lru_cache(maxsize=1)
def _tally_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that lead a period: منذ، خلال ...; the periods, longer than a few days: أشهر، عام، بدء ...),
    normalised (data/tally_periods.csv)."""
    words: dict[str, set[str]] = {"lead": set(), "period": set()}
    for number, row in read_rows(TALLY_PATH, ["word_ar", "role"]):
        if row["role"] not in words or not row["word_ar"]:
            raise LexiconError(f"{TALLY_PATH.name} row {number}: a word and its role (lead or period)")
        words[row["role"]].add(normalize_key(row["word_ar"]))
    months = {normalize_key(row["name"]) for path in MONTH_PATHS for _, row in read_rows(path, ["name"])}
    return frozenset(words["lead"]), frozenset(words["period"] | months)


_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _a_period(words: list[str]) -> bool:
    """`words` (normalised) start with منذ, خلال ... followed, within TALLY_REACH words, by a period longer than
    a few days: a month, a year, the start of a war (`منذ عام 2009`, `خلال ثلاثة أشهر`, `منذ بدء المواجهات`)."""
    leads, periods = _tally_words()
    for index, word in enumerate(words):
        if word.removeprefix("و") not in leads:
            continue
        for after in words[index + 1:index + 1 + TALLY_REACH]:
            if after in periods or after.removeprefix("ال") in periods or _YEAR_RE.fullmatch(after):
                return True
    return False


def _a_period_told(sentence: str) -> bool:
    """The sentence says since when or over how long (_a_period), anywhere."""
    return _a_period([normalize_key(w.strip(_PUNCTUATION)) for w in sentence.split()])


def _a_tally(text: str, figure_end: int) -> bool:
    """A count of dead over a period, not one incident's: the words right after it say since when or over
    how long (`مقتل 15 ألف شخص منذ عام 2009`, `قتل أكثر من 3500 شخص، في القتال ... منذ نحو 4 أشهر`)."""
    words = [normalize_key(w.strip(_PUNCTUATION)) for w in text[figure_end:figure_end + 200].split()]
    return _a_period([w for w in words if w][:TALLY_REACH + 4])


def _figures_of_acts(figures: list[Casualties], acts: list[int], parts: list[Span], text: str,
                     place_mentions: list[Mention], places: dict[str, Place]
                     ) -> dict[int, tuple[list[Casualties], list[Casualties]]]:
    """A sentence's casualty figures by the act of violence they are the toll of (keyed by the act's trigger
    start; `acts` in text order): those of the act's own clause part and those it takes from a part without
    an act. A figure belongs to the first act of its own clause part (clause_parts:
    `قصفت الطائرات مواقع ..، بينما قتل 9 ... في هجوم للمقاومة`: the 9 are the attack's). A figure in a part
    with no act is the toll of the act before it (`شنت غارة على ..، فيما قتل 5`), else of the one after it
    (`أن 3 حوثيين قتلوا، فيما أصيب آخرون، في هجوم`), unless its part names a place of its own after it
    (a place before it is where the news comes from: `مصادر في البيضاء أن 3 ...`): then it reports
    another fight (`قتل نحو 30 ... في جبهات القتال في اليمن، بينما لقي 7 مدنيين مصرعهم في قصف على تعز`)."""
    if not figures or not acts:
        return {}

    def part_of(position: int) -> int:
        return next((i for i, part in enumerate(parts) if part.start <= position < part.end), len(parts) - 1)

    acts_in: dict[int, int] = {}  # clause part -> its first act (parts in text order, as `acts` are)
    for act in acts:
        acts_in.setdefault(part_of(act), act)
    owned: dict[int, tuple[list[Casualties], list[Casualties]]] = {}
    for figure in figures:
        at = part_of(figure.start)
        owner = acts_in.get(at)
        borrowed = owner is None
        if owner is None and not any(m.entity_id in places and m.start > figure.start and _locative(text, m)
                                     for m in mentions_within(place_mentions, parts[at])):
            before = [act for part, act in acts_in.items() if part < at]
            owner = before[-1] if before else next(act for part, act in acts_in.items() if part > at)
        if owner is not None:
            owned.setdefault(owner, ([], []))[borrowed].append(figure)
    return owned


def _toll(own: list[Casualties], borrowed: list[Casualties], clause: Clause, text: str = "") -> dict:
    """An event's killed and wounded, from the figures that are its toll (_figures_of_acts): of those in
    its own clause part, the ones in its trigger's clause (else all), and those of parts without an act
    (`17 ... قتلوا في مواجهات ..، بينما قتل 3 من أفراد المقاومة`: 20); those of one kind added up (`مقتل 10
    مدنيين و3 جنود`); a range or an open count keeps its high value. A count over a period (`منذ عام 2009`:
    _a_tally) is no incident's toll. Empty when there are none."""
    mine = ([c for c in own if clause.start <= c.start < clause.end] or own) + borrowed
    mine = [c for c in mine if not (text and _a_tally(text, c.end))]
    toll: dict = {}
    for kind in ("killed", "wounded"):
        counts = [c for c in mine if c.kind == kind and c.low is not None]
        if not counts:
            continue
        toll[kind] = sum(c.low for c in counts)
        if any(c.high is not None for c in counts):
            toll[f"{kind}_high"] = sum(c.high if c.high is not None else c.low for c in counts)
    victims = next((c.who for c in mine if c.kind == "killed" and c.who), None) or \
        next((c.who for c in mine if c.who), None)
    if toll and victims:
        toll["victims"] = victims
    return toll


SENSES_PATH = DATA_DIR / "event_senses.csv"
SENSE_WINDOW = 4  # words either side of a trigger where its event sense shows


@lru_cache(maxsize=1)
def sense_cues() -> dict[str, frozenset[str]]:
    """normalised trigger -> the words one of which must stand near it for it to be an event
    (data/event_senses.csv): an agreement signed, a truce declared or broken, a drone that strikes."""
    with SENSES_PATH.open(encoding="utf-8", newline="") as handle:
        return {normalize_key(row["trigger_ar"]): frozenset(normalize_key(w) for w in row["needs"].split("|"))
                for row in csv.DictReader(handle) if row["needs"]}


@cache  # one entry per column (three): a smaller cache re-read the file at every call
def sense_exclusions(column: str = "unless") -> dict[str, frozenset[str]]:
    """normalised trigger -> words that give it another sense (data/event_senses.csv): `unless` near it
    (talks that `أحرزت تقدما` made progress, took no ground), `unless_before` just before it (control
    `تحت سيطرة` is a state, `التنافس على السيطرة` a prize), `unless_next_starts` the beginning of the word
    right after it (`تظاهر ب...` pretended)."""
    with SENSES_PATH.open(encoding="utf-8", newline="") as handle:
        return {normalize_key(row["trigger_ar"]): frozenset(normalize_key(w) for w in row[column].split("|"))
                for row in csv.DictReader(handle) if row.get(column)}


def _where(word: str) -> bool:
    """A word with ب that says where (بالقرب، بمدينة، بوسط، بساحة): a place cue of data/place_cues.csv."""
    rest = word[1:]
    return any(form in place_cues() for form in (word, rest, rest[2:] if rest.startswith("ال") else rest))


def _near(words: list[str], cues: frozenset[str]) -> bool:
    """One of `words` is one of `cues`, perhaps with a clitic (وأعلنت، بتوقيع) or the article."""
    for word in words:
        key = normalize_key(word)
        forms = {key, key[1:], key[2:]} if len(key) > 3 else {key}
        if forms & cues or any(f.startswith("ال") and f[2:] in cues for f in forms):
            return True
    return False


def _in_its_event_sense(text: str, sentence: Span, found: tuple[int, int, EventTrigger]) -> bool:
    """A trigger the senses lexicon constrains is an event only with one of its cue words among the
    SENSE_WINDOW words either side (in the sentence), and none of its `unless` words."""
    start, end, trigger = found
    key = normalize_key(trigger.trigger)
    needs, unless = sense_cues().get(key), sense_exclusions().get(key)
    unless_before = sense_exclusions("unless_before").get(key)
    unless_next = sense_exclusions("unless_next_starts").get(key)
    if needs is None and unless is None and unless_before is None and unless_next is None:
        return True
    following = text[end:sentence.end].split()[:1]
    if unless_next and following and normalize_key(following[0]).startswith(tuple(unless_next)) \
            and not _where(normalize_key(following[0])):
        return False  # تظاهر بالموافقة (pretended to agree), اعتصم بالصمت: another verb than a protest
    before = text[sentence.start:start].split()
    around = before[-SENSE_WINDOW:] + text[end:sentence.end].split()[:SENSE_WINDOW]
    return ((needs is None or _near(around, needs)) and not (unless and _near(around, unless))
            and not (unless_before and _near(before[-3:], unless_before)))


def _inside_a_name(trigger: tuple[int, int, EventTrigger], names: list[Mention]) -> bool:
    """A trigger inside an organisation's name (`منظمة التحرير`, `قوات الصحوة`) is the name, not an event."""
    return any(m.start <= trigger[0] and trigger[1] <= m.end for m in names)


# One sentence reports one act of violence: of its triggers for violence the most specific names it (an
# airstrike that killed ten is an airstrike, not also a killing and casualties). Earlier in this list
# wins. What follows from it (ground taken, people fleeing, arrests) stays an event of its own.
_SPECIFICITY = ("chemical_attack", "airstrike", "shelling", "bombing", "armed_clash", "attack", "killing",
                "casualties")
_VIOLENT = frozenset(_SPECIFICITY)
_TOLLS = frozenset({"killing", "casualties"})  # who died: beside an act of violence, that act's toll

# Types that can be one incident told twice (the scorer of the development set has its own table).
_SAME_INCIDENT = ({"armed_clash", "attack"}, {"shelling", "airstrike"}, {"bombing", "attack"},
                  {"killing", "casualties"}, {"arrest", "abduction"}, {"territory_change", "withdrawal"},
                  {"ceasefire", "agreement"}, {"meeting", "negotiation"}, {"protest", "riot"})


# Talks, calls and deals happen where the parties meet, often far from the fighting an article is about: no
# article place is lent to them.
_TALKS = frozenset({"meeting", "negotiation", "agreement", "ceasefire", "phone_call", "sanctions", "release"})


# Reinforcements sent, forces massed: reported for themselves, an event; beside a clash or a strike, its
# background.
_SUBORDINATE = frozenset({"deployment"})


def _most_specific(triggers: list[tuple[int, int, EventTrigger]]) -> list[tuple[int, int, EventTrigger]]:
    """The triggers of one clause that make events: the most specific violent one, and every other kind
    (a deployment only when nothing else happens there)."""
    violent = [t for t in triggers if t[2].event_type in _VIOLENT]
    others = [t for t in triggers if t[2].event_type not in _VIOLENT]
    if len(others) + len(violent) > len([t for t in others if t[2].event_type in _SUBORDINATE]):
        others = [t for t in others if t[2].event_type not in _SUBORDINATE]
    if violent:
        violent = [min(violent, key=lambda t: (_SPECIFICITY.index(t[2].event_type), t[0]))]
    return sorted(violent + others, key=lambda t: t[0])


_DEMONSTRATIVES = frozenset(normalize_key(w) for w in ("هذه", "هذا", "ذلك", "تلك", "هذين", "هاتين"))


def _antecedent(text: str, trigger_start: int, trigger: EventTrigger, earlier: list[Event]) -> Event | None:
    """The event a definite or demonstrative mention refers back to (`فور وقوع الانفجار`, `تأتي هذه
    الاشتباكات`, `خلال اللقاء`): the article's latest earlier event of its kind, when the mention
    names no place or date of its own. None for an indefinite trigger or a first mention."""
    word = normalize_key(_word_at(text, trigger_start))
    word = word[1:] if word[:1] in "وف" else word
    before = text[max(0, trigger_start - 12):trigger_start].split()
    definite = word.startswith(("ال", "بال", "لل")) or (before and normalize_key(before[-1]) in _DEMONSTRATIVES)
    if not definite:
        return None
    tolls_of = _VIOLENT if trigger.event_type in _TOLLS else frozenset()  # `القتلى`: the last act's dead
    return next((e for e in reversed(earlier) if e.type == trigger.event_type or e.type in tolls_of
                 or any(e.type in pair and trigger.event_type in pair for pair in _SAME_INCIDENT)), None)


def _told_again(text: str, trigger: tuple[int, int, EventTrigger], earlier: list[Event]) -> bool:
    """An act of violence already reported, named again by a definite noun (`إن الانفجار كان ضخما`): its sense is
    settled by the first report (the senses lexicon's cues need not stand beside it again)."""
    return trigger[2].event_type in _VIOLENT and _antecedent(text, trigger[0], trigger[2], earlier) is not None


def _same_incident(a: Event, b: Event, text: str, places: dict[str, Place] | None = None) -> bool:
    related = a.type == b.type or any(a.type in pair and b.type in pair for pair in _SAME_INCIDENT)
    return related and _compatible_days(a, b) and _compatible_places(a, b, text, places)



UNDATED_RETELLING_DAYS = 3


def _compatible_days(a: Event, b: Event) -> bool:
    """The same day; or one mention has no date of its own (dated by its report) and the other is of the
    days just before: the incident told again (`وقال مديره إن تسعة من القتلى ...`), or first told undated
    and then with its day (`حاولوا مباغتة الثوار في جبهة ماس بهجوم`, then `المواجهات استمرت حتى مساء أمس`)."""
    if a.date == b.date:
        return True
    first, later = sorted((a, b), key=lambda e: e.start)
    undated, dated = (later, first) if later.date_precision == "reported" else (first, later)
    return (undated.date_precision == "reported" and dated.date_precision != "reported"
            and undated.date is not None and dated.date is not None
            and 0 <= (undated.date - dated.date).days <= UNDATED_RETELLING_DAYS)


# A neighbourhood and its city are one place for telling an incident again: the finer kinds, and how far
# (km) from the city's point they may be (a district is also a rural one: it must be closer).
_CITY_KINDS = frozenset({"city", "town"})
_IN_A_CITY = {"neighbourhood": 10.0, "landmark": 10.0, "street": 10.0, "area": 10.0, "district": 5.0}


def _compatible_places(a: Event, b: Event, text: str, places: dict[str, Place] | None = None) -> bool:
    """The same place, or a neighbourhood and its city (the finer within _IN_A_CITY's distance of the city's
    point: حي باب توما and دمشق); or, in one paragraph, one of them has no place of its own (inherited or
    absent)."""
    if a.place_id == b.place_id:
        return True
    here, there = (places or {}).get(a.place_id or ""), (places or {}).get(b.place_id or "")
    if here and there and {here.kind, there.kind} & _CITY_KINDS and not (a.place_inherited or b.place_inherited):
        finer = there if here.kind in _CITY_KINDS else here
        if finer.kind in _IN_A_CITY and _km(here, there) <= _IN_A_CITY[finer.kind]:
            return True
    placeless = a.place_id is None or b.place_id is None or a.place_inherited or b.place_inherited
    first, second = sorted((a, b), key=lambda e: e.start)
    return placeless and "\n" not in text[first.end:second.start]


# Armed men killed in plain words (`مقتل 19 مسلحا`, `قتل جنديان`) died fighting: a clash (ACLED's battles), not
# violence against civilians, which an assassination or an execution stays.
_ARMED_VICTIMS = frozenset({"fighters", "soldiers", "security_forces"})
TOLL_GAP = 250  # characters between the act's last sentence and its toll: the next sentence or so
_PLAIN_KILLED = frozenset(normalize_key(w) for w in ("قتل", "قتلت", "قتلوا", "مقتل", "لمقتل"))


# The acts a toll told on its own after them is the toll of: violence, and ground taken (ACLED codes a
# territory change as a battle, with its fatalities: `استولت على حي صبر`, then `25 حوثيا و10 ... سقطوا قتلى`).
_TOLL_TAKERS = (_VIOLENT - _TOLLS) | {"territory_change"}


def _act_of_toll(toll: Event, kept: list[Event], text: str) -> int | None:
    """A toll told on its own (`والقتلى هم 21 من حزب الله و62 من المعارضة`, `وقتل جنديان آخران`) after an act of
    violence or ground taken in the same paragraph, with no other place or day of its own, is that act's
    toll: the index of the act in `kept`, or None."""
    acts = [i for i, k in enumerate(kept) if k.type in _TOLL_TAKERS and k.start < toll.start]
    if _a_period_told(toll.sentence):
        return None  # `وقتل أكثر من 3500 شخص في القتال ... منذ نحو 4 أشهر`: a tally of the war, not of the act
    if toll.type == "killing":  # only `قتل`/`مقتل`, not an assassination or an execution
        trigger = normalize_key(toll.trigger).removeprefix("و").removeprefix("ب")
        if trigger not in _PLAIN_KILLED:
            return None
        following = text[toll.trigger_end:toll.trigger_end + 40].split()[:1]
        if trigger != "مقتل" and following and normalize_key(following[0]).startswith("ال"):
            return None  # `وقتل الخاطفون أربعة من الرهائن`: a verb with its agent, an act of its own
    if not acts:
        return None
    act = kept[acts[-1]]
    last = max([act.end] + [end for _, end in act.evidence])
    if toll.start - last > TOLL_GAP or "\n" in text[last:toll.start] or not _compatible_places(act, toll, text):
        return None
    return acts[-1] if toll.date == act.date or toll.date_precision == "reported" else None


def _km(a: Place, b: Place) -> float:
    lat = math.radians((a.lat + b.lat) / 2)
    return 111.2 * math.hypot(a.lat - b.lat, (a.lon - b.lon) * math.cos(lat))


def one_per_incident(events: list[Event], text: str = "", places: dict[str, Place] | None = None) -> list[Event]:
    """An article's events, one per incident: a later mention of the same kind of event on the same date
    at a compatible place is the same occurrence told again. It is merged into the first mention (usually
    the lead's), which keeps the later sentence as evidence and takes what the first lacked (a place of
    its own, an agent, a target)."""
    kept: list[Event] = []
    for event in events:
        if any((k.start, k.type, k.place_id) == (event.start, event.type, event.place_id) for k in kept):
            continue  # one record per sentence, type and place (its id), whatever the clauses' dates
        if (event.killed is not None or event.wounded is not None) and _a_period_told(event.sentence):
            kept.append(event)  # `وقتل أكثر من 3500 شخص في القتال ... منذ نحو 4 أشهر`: a tally, no retelling
            continue
        at = next((i for i, earlier in enumerate(kept) if _same_incident(event, earlier, text, places)), None)
        if at is None and event.type in _TOLLS:
            at = _act_of_toll(event, kept, text)
        if at is None:
            kept.append(event)
            continue
        first = kept[at]
        if event.start == first.start:  # one sentence naming two locations: two records, as ACLED codes
            if event.place_id != first.place_id and not event.place_inherited and not first.place_inherited:
                kept.append(event)
            continue
        evidence = first.evidence + ((event.start, event.end),) if (event.start, event.end) not in first.evidence \
            else first.evidence
        updates: dict = {"evidence": evidence,  # the incident's actors: those of every sentence reporting it
                         "actor_ids": tuple(dict.fromkeys(first.actor_ids + event.actor_ids))}
        if (first.place_id is None or first.place_inherited) and event.place_id and not event.place_inherited:
            updates.update(place_id=event.place_id, place_inherited=False)
        if first.date_precision == "reported" and event.date_precision != "reported":
            updates.update(date=event.date, date_precision=event.date_precision)  # its own day, told later
        for kind in ("killed", "wounded"):  # the toll: the highest reported (a later sentence updates it)
            theirs, ours = getattr(event, kind), getattr(first, kind)
            if kind == "killed" and None not in (theirs, ours, first.victims, event.victims) \
                    and first.victims != event.victims:  # 25 fighters, then 9 soldiers: 34 dead, of both sides
                high = (first.killed_high or ours) + (event.killed_high or theirs)
                updates.update(killed=ours + theirs, killed_high=high if high != ours + theirs else None,
                               victims=None)
            elif theirs is not None and (ours is None or theirs > ours):
                updates.update({kind: theirs, f"{kind}_high": getattr(event, f"{kind}_high")})
                updates["victims"] = first.victims or event.victims
        if first.actor1_id is None and event.actor1_id:
            updates["actor1_id"] = event.actor1_id
        if first.actor2_id is None and event.actor2_id:
            updates["actor2_id"] = event.actor2_id
        kept[at] = replace(first, **updates)
    return kept


MODALITY_PATH = DATA_DIR / "event_modality.csv"
MODALITY_WINDOW = 5  # words before a trigger, in its own clause, that can make it not a fact
SUBJECTED_REACH = 3  # words before a lam-prefixed trigger where a verb taking ل may stand (تعرضت المدينة لقصف)
GENERIC_WINDOW = 15  # a habit's adverb (غالبا ما، عادة ما) makes its whole clause no event


@lru_cache(maxsize=1)
def modality_cues() -> dict[str, str]:
    """normalised cue -> kind (negation, prevention, demand, plan, condition, threat, purpose, subjected, result,
    background, generic, prospect): data/event_modality.csv."""
    with MODALITY_PATH.open(encoding="utf-8", newline="") as handle:
        return {normalize_key(row["cue"]): row["kind"] for row in csv.DictReader(handle)}


def _clause_words_before(text: str, sentence_start: int, position: int, window: int) -> list[str]:
    """The last `window` words before `position`, in its clause (after the sentence's last comma, semicolon,
    colon or line break before it)."""
    clause_start = max(text.rfind(mark, sentence_start, position) for mark in ("،", ",", "؛", ":", "\n"))
    return text[max(sentence_start, clause_start + 1):position].split()[-window:]


HEADING_WORDS = 8


def _locative(text: str, mention: Mention) -> bool:
    """A place named as where something is (after في، ب، إلى، قرب، a designator or a compass word), not as a
    possessor or an actor (`مواقف الصين`, `دعم إيران`)."""
    word = normalize_key(mention.text.split()[0]) if mention.text.split() else ""
    if word.startswith(("ب", "وب", "في")) or place_cues().get(word) == "noun":
        return True
    before = [normalize_key(w).removeprefix("و") for w in text[max(0, mention.start - 40):mention.start].split()[-2:]]
    if before and before[-1] in ("من", "عن") and len(before) == 2:  # `إلى الشمال من عدن`
        before = before[:1]
    return bool(before) and place_cues().get(before[-1]) is not None


# The types a sports text uses in another sense (a match's confrontation, attack, injury; a transfer's
# negotiation; a team's withdrawal); weapons, killings and arrests keep their sense everywhere.
_SPORTS_SENSES = frozenset({"armed_clash", "attack", "meeting", "negotiation", "territory_change", "siege",
                            "withdrawal", "deployment", "casualties", "agreement"})
SPORTS_ARTICLE_SCORE = 8  # sports words' score in an article (strong 2, weak 1) ...
SPORTS_ARTICLE_DENSITY = 0.02  # ... and per word ...
SPORTS_ARTICLE_STRONG = 3  # ... and this many different strong words: a sports article


SPORTS_SENTENCE_SCORE = 2 * TOPIC_THRESHOLD  # two strong sports words (one may be a name: نادي الأسير)


def _a_question(text: str, sentence: Span) -> bool:
    """A question (`ما تعليقك على عمليات القتل؟`) asks, it reports nothing."""
    return text[sentence.start:sentence.end].rstrip(" \"'»”)").endswith(("؟", "?"))


ACCIDENTS_PATH = DATA_DIR / "accident_words.csv"


@lru_cache(maxsize=1)
def _accident_matcher() -> Matcher:
    """Accidents and disasters (data/accident_words.csv): the dead of a road accident, a fire or a flood are
    no conflict event."""
    with ACCIDENTS_PATH.open(encoding="utf-8", newline="") as handle:
        return Matcher([(row["word_ar"], True) for row in csv.DictReader(handle)], min_length=3)


def _accident(norm: Normalized, sentence: Span) -> bool:
    start, end = norm.span_to_normalized(sentence.start, sentence.end)
    return bool(_accident_matcher().find(norm.text[start:end]))


@lru_cache(maxsize=1 << 16)  # every word of every article is scored: most are the same few thousand
def _sports_score(word: str) -> int:
    """A word's sports score (ner_features.topic_score), its pronoun suffix or one more proclitic aside
    (مدربه، ملعبها، للاعب)."""
    return _bare_sports_score(word.strip("«»\"'()،,.:؛"))


@lru_cache(maxsize=1 << 16)
def _bare_sports_score(word: str) -> int:
    forms = [word, word[1:] if word[:1] in "لبوف" else ""]
    forms += [f[:-2] if f.endswith(("ها", "هم")) else f[:-1] if f.endswith("ه") else "" for f in list(forms)]
    return max((topic_score(f) for f in forms if f), default=0)


def _sports_sentence(text: str, sentence: Span) -> bool:
    return sum(_sports_score(w) for w in text[sentence.start:sentence.end].split()) >= SPORTS_SENTENCE_SCORE


@lru_cache(maxsize=1)
def _sport_word_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, score in sport_words().items():
        automaton.add_word(word, score)
    automaton.make_automaton()
    return automaton


def _sport_word_bound(text: str) -> int:
    """The scores of the sports words in `text` (normalised as words are scored, inside longer words too),
    added up: a word's sports score is at most that of a sports word it holds, so this bounds the text's."""
    return sum(score for _, score in _sport_word_automaton().iter(normalize_word(text)))


def _sports_article(text: str) -> bool:
    """Sports words throughout, and several different strong ones (نادي الأسير alone makes no sports text)."""
    words = text.split()
    needed = max(SPORTS_ARTICLE_SCORE, SPORTS_ARTICLE_DENSITY * len(words))
    if _sport_word_bound(text) < needed:
        return False  # too few sports words to score enough (most texts: no word is scored)
    scores = list(map(_sports_score, words))
    if sum(scores) < needed:
        return False
    strong = {normalize_key(w) for w, score in zip(words, scores, strict=True) if score == 2}
    return len(strong) >= SPORTS_ARTICLE_STRONG


SECURITY_PATH = DATA_DIR / "security_words.csv"


@lru_cache(maxsize=1)
def _security_word_keys() -> frozenset[str]:
    """Words of police, forces and the dead (data/security_words.csv): a sports sentence holding one
    reports violence after all."""
    with SECURITY_PATH.open(encoding="utf-8", newline="") as handle:
        return frozenset(normalize_key(row["word_ar"]) for row in csv.DictReader(handle))


def _security_words(text: str, sentence: Span) -> bool:
    keys = _security_word_keys()
    for word in text[sentence.start:sentence.end].split():
        key = normalize_key(word).removeprefix("و")
        if key in keys or key.removeprefix("ال") in keys:
            return True
    return False


def _heading_line(text: str, sentence: Span) -> bool:
    """A short line of its own with no full stop: a subheading or a photo caption (`* هجوم جوي`, `اشتباكات بين
    المعارضة وجيش النظام`); the body reports the event, the heading only announces it."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    return (line == text[sentence.start:sentence.end].strip() and len(line.split()) <= HEADING_WORDS
            and not line.endswith((".", "!", "؟", "?", "…", '"', "»", "”", ":")))


_RELATIVES = frozenset(normalize_key(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللذان", "اللتين", "اللتان",
                                                  "اللواتي", "اللاتي", "اللائي"))


def _background_relative(doc: Document, sentence: Span, trigger: tuple[int, int, EventTrigger],
                         triggers: list[tuple[int, int, EventTrigger]], place_mentions: list[Mention]) -> bool:
    """A trigger in a relative clause on an actor says what the actor is or has done over time (`داعش الذي
    سيطر على مناطق واسعة`, `الحوثي الذين يخوضون معارك`, `كاهانا الذي اغتيل عام 1990`), not what the article
    reports. Kept: a relative clause on an event's own noun (`القصف الذي استهدف دار سعد`) or on a place
    (`قاعدة العند، التي يحاصرها الثوار`), and one dated to the days of the report (`الذين هاجموا يوم الجمعة`)."""
    text = doc.text
    words = list(re.finditer(r"\S+", text[sentence.start:trigger[0]]))
    for back in (1, 2):  # the pronoun right before the trigger, or one word (a verb) between
        if len(words) < back or normalize_key(words[-back].group()) not in _RELATIVES:
            continue
        pronoun = sentence.start + words[-back].start()
        head_start = sentence.start + (words[-back - 2].start() if len(words) > back + 1 else 0)
        if any(head_start <= t[0] < pronoun for t in triggers):
            return False
        if any(sentence.start <= m.start and m.end <= pronoun and len(text[m.end:pronoun].split()) <= 2
               for m in place_mentions):
            return False
        cues = place_cues()
        if any(cues.get(normalize_key(w.group()).removeprefix("و")) == "noun" for w in words[-back - 3:-back]):
            return False  # a place no list knows (`قرية نغامدو التي قتل فيها`)
        clause_end = min(sentence.end, trigger[1] + 80)
        recent = doc.published is not None and any(
            pronoun <= t.start < clause_end and t.date is not None and abs((doc.published - t.date).days) <= 7
            for t in doc.times)
        return not recent
    return False


def _word_at(text: str, start: int) -> str:
    """The whole word (clitics and all) that begins at `start`."""
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _reported_as_fact(text: str, sentence_start: int, trigger_start: int,
                      trigger: EventTrigger | None = None) -> bool:
    """False for an event that is negated, prevented, demanded, planned, conditional or threatened
    (`لم تقع أي اشتباكات`, `دعا إلى وقف القصف`, `تعتزم شن هجوم`, `هدد بقصف`): a cue among the few words
    before the trigger, in its clause. The `و` and `ب`/`ل` a word carries in front do not hide it."""
    if _in_a_condition(text, sentence_start, trigger_start):
        return False
    cues = modality_cues()
    if _called_to(text, sentence_start, trigger_start, cues):
        return False
    clause = _clause_words_before(text, sentence_start, trigger_start, GENERIC_WINDOW)
    if any(cues.get(form) in _CLAUSE_WIDE for word in clause for form in _cue_forms(word)):
        return False  # وغالبا ما يقع ضحايا في هجمات (a rule), على وشك تحقيق الحسم واستعادة السيطرة (a prospect)
    words = clause[-MODALITY_WINDOW:]
    if trigger is not None and _purpose_lam(text, trigger_start, trigger) and not any(
            cues.get(form) == "subjected" for word in words[-SUBJECTED_REACH:] for form in _cue_forms(word)):
        return False  # `تصدت المقاومة لهجمات`: the verb's own lam, its subject between
    for word in words:
        if _future_verb(word):  # `وستواصل القوات ... تحرير`, `سيلتقي`: what will be, not what was
            return False
        for form in _cue_forms(word):
            # a cue of four letters or more also covers its inflections (يطالب -> يطالبون)
            kind = cues.get(form) or _long_cue_kind(form)
            if kind in _NOT_MODAL:
                break  # `تعرض لقصف` (subjected to), `أسفرت عن` (resulted in): what follows did happen
            if kind:
                return False
    return True


def _cue_forms(word: str) -> tuple[str, ...]:
    """A word as the modality lexicon may list it: normalised, and without the و or ف it carries in front."""
    key = normalize_key(word)
    return (key, key[1:]) if key[:1] in "وف" else (key,)


_NOT_MODAL = frozenset({"subjected", "result"})
# cues whose whole clause (GENERIC_WINDOW words before the trigger) is no fact: a habit, a prospect
_CLAUSE_WIDE = frozenset({"generic", "prospect"})
_TO = frozenset(normalize_key(w) for w in ("إلى", "الى"))
# Words that open a clause of what is said (أن الغاية من المشاورات ...): a demand before one is not the demand
# of what follows it
_THAT = frozenset(normalize_key(w) for w in ("أن", "إن", "بأن", "أنه", "إنه", "أنها", "إنها", "بأنه", "بأنها"))
# Verbal nouns of holding or carrying out an event (عقد اجتماع، شن هجوم، إجراء محادثات): asked for, it is
# what someone asked for
_HOLDING = frozenset(normalize_key(w) for w in ("عقد", "إجراء", "اجراء", "شن", "تنفيذ", "تنظيم"))


def _called_to(text: str, sentence_start: int, trigger_start: int, cues: dict[str, str]) -> bool:
    """The trigger is what someone called for or asked for, however far back the call (`دعا شيخ الأزهر، ...، كبار
    العلماء إلى الاجتماع`, `طلبت تركيا من الحلف عقد اجتماع`): إلى right before it (or before its verbal noun),
    or the verbal noun of holding it, and a demand earlier in the sentence, with no clause of what is said
    opening between them (`طلبت عدم الإفصاح عن اسمها- أن الغاية ... جلب الطرفين إلى طاولة المفاوضات`)."""
    words = text[sentence_start:trigger_start].split()
    at = next((i for i in range(len(words) - 1, max(len(words) - 3, -1), -1)
               if normalize_key(words[i]) in _TO), None)
    if at is None and words and normalize_key(words[-1]).removeprefix("ب") in _HOLDING:
        at = len(words) - 1  # طلبت تركيا من حلف شمال الأطلسي عقد اجتماع طارئ: the holding of it, asked for
    if at is None:
        return False
    for word in reversed(words[:at]):
        forms = _cue_forms(word)
        if forms[0] in _THAT:
            return False
        if any(cues.get(form) == "demand" for form in forms):
            return True
    return False


_IF_RE = re.compile(r"(?:^|\s)(?:[وف]?(?:إذا|اذا)|و?لو|لولا)(?=\s|$)")
# the answer of a condition: ف and what follows it (فإن ذلك سيعجل، فسوف، فقد، فلن، فهو، فالأمر)
_ANSWER_STARTS = frozenset({"ان", "سو", "قد", "لن", "هو", "هي", "ال"})


def _in_a_condition(text: str, sentence_start: int, trigger_start: int) -> bool:
    """The trigger is in the `if` clause of its sentence (`وإذا انتزعت الجبهة الجنوبية السيطرة على المدينة فإن
    ذلك سيعجل بتقدمها`): an إذا or لو before it, and no comma or answer (a word in ف...) between them; however
    far back, unlike the few words the other cues look at."""
    before = text[sentence_start:trigger_start]
    ends = [found.end() for found in _IF_RE.finditer(before)]
    if not ends:
        return False  # most sentences: no إذا or لو to look for
    after = before[ends[-1]:]
    if "،" in after or "," in after:
        return False
    return not any(len(w) > 3 and key[:1] == "ف" and key[1:3] in _ANSWER_STARTS
                   for w in after.split() for key in (normalize_key(w),))


_PURPOSE_PREFIXES = ("ل", "لل", "ول", "ولل", "فل", "فلل")
# What forces set out to do and may not have done (take a town, besiege it, attack it); ships sent
# `لإجلاء` rescuers are evacuating, people moved `لنزوح` are displaced: those types keep their lam.
_PURPOSE_TYPES = frozenset({"territory_change", "siege", "attack", "armed_clash", "withdrawal", "negotiation",
                            "arrest", "abduction"})


_STARTS = frozenset(normalize_key(w) for w in ("بدء", "بداية", "نشوب", "اندلاع", "انطلاق", "انطلاقة", "بدايات"))


_STATES = frozenset({"siege"})  # recorded from the day it began (`تحاصر قوات النظام الزبداني منذ عام 2013`)
_SUPERLATIVES = frozenset(normalize_key(w) for w in ("أعنف", "أكبر", "أسوأ", "أشد", "أول", "أخطر", "أعلى", "أكثر",
                                                     "أطول", "أوسع", "أبرز", "أضخم", "أدمى", "أفدح"))


# Settlements a report starts from: `بعد إبرام اتفاق نووي`, `بعد التوصل إلى اتفاق`, `بعد رفع العقوبات` are what
# came before the news, not the news (a meeting or talks `after` which someone spoke are news themselves).
_DIPLOMACY = frozenset({"agreement", "sanctions", "ceasefire"})
_AFTER_WORDS = frozenset(normalize_key(w) for w in ("بعد", "وبعد", "عقب", "وعقب", "قبل", "وقبل"))


def _after_a_settlement(text: str, sentence: Span, trigger: tuple[int, int, EventTrigger]) -> bool:
    if trigger[2].event_type not in _DIPLOMACY:
        return False
    before = [normalize_key(w) for w in text[sentence.start:trigger[0]].split()[-3:]]
    return any(w in _AFTER_WORDS for w in before)


TERRITORY_PATH = DATA_DIR / "territory_objects.csv"
TERRITORY_WINDOW = 6  # words where what was taken is named (after على, else after the trigger)
TERRITORY_REACH = 16  # words after the trigger where على may come (after a long subject)


@lru_cache(maxsize=1)
def _territory_objects() -> frozenset[str]:
    """Ground a force takes (data/territory_objects.csv: positions, bases, villages, roads...)."""
    with TERRITORY_PATH.open(encoding="utf-8", newline="") as handle:
        return frozenset(normalize_key(row["word_ar"]) for row in csv.DictReader(handle))


def _takes_ground(text: str, sentence: Span, trigger: tuple[int, int, EventTrigger],
                  place_mentions: list[Mention]) -> bool:
    """Control taken or regained is of ground: its object (after `على` when the verb takes one, however long
    the subject before it: `سيطر الجيش والمقاومة ليلة أمس على معسكر لبوزة`; a pronoun, `عليها`, is ground
    already named) is a place or a word for ground (مواقع، قرية، مطار), not a fire (سيطرت فرق الدفاع المدني
    على حريق), a crowd or a phone."""
    words = list(re.finditer(r"\S+", text[trigger[1]:sentence.end]))[:TERRITORY_REACH]
    keys = [normalize_key(w.group().strip("«»\"'()،,.:؛")).removeprefix("و") for w in words]
    at = next((i for i, k in enumerate(keys) if k in ("علي", "على") or k.startswith(("عليه", "عليها", "عليهم"))), None)
    if at is not None and keys[at].startswith("علي") and keys[at] not in ("علي", "على"):
        return True  # `استعادة السيطرة عليها`: the ground already named
    chosen = words[at + 1:at + 1 + TERRITORY_WINDOW] if at is not None else words  # `تقدمت المقاومة أمس في عدد
    # من المناطق`: the ground after the subject, by في، نحو، باتجاه
    if not chosen:
        return False
    first, last = trigger[1] + chosen[0].start(), trigger[1] + chosen[-1].end()
    if any(first <= m.start < last for m in place_mentions):
        return True
    objects = _territory_objects()
    for word in chosen:
        key = normalize_key(word.group().strip("«»\"'()،,.:؛"))
        for form in (key, key.removeprefix("و"), key.removeprefix("ال"), key.removeprefix("وال"), key[1:]):
            bare = form.removesuffix("ها").removesuffix("هم") if form.endswith(("ها", "هم")) else form
            if form in objects or form.removeprefix("ال") in objects or bare in objects:
                return True
    return False


FRONTS_PATH = DATA_DIR / "front_nouns.csv"
_FRONT_TYPES = frozenset({"armed_clash", "attack", "shelling", "airstrike"})


@lru_cache(maxsize=1)
def _front_nouns() -> frozenset[str]:
    """Nouns whose genitive a fight becomes a place (data/front_nouns.csv: جبهات القتال, مناطق الاشتباكات)."""
    with FRONTS_PATH.open(encoding="utf-8", newline="") as handle:
        return frozenset(normalize_key(row["word_ar"]) for row in csv.DictReader(handle))


def _names_a_front(text: str, sentence: Span, trigger: tuple[int, int, EventTrigger]) -> bool:
    """A fight named as where fighters are, not as what happened: the trigger is the genitive of a front noun
    just before it (`إرسالهم إلى جبهات القتال`, `في جميع مناطق القتال`, `بمحاور القتال المختلفة`)."""
    if trigger[2].event_type not in _FRONT_TYPES:
        return False
    before = text[sentence.start:trigger[0]].split()[-1:]
    if not before or not normalize_key(_word_at(text, trigger[0])).startswith(("ال", "وال")):
        return False
    key = normalize_key(before[0].strip("«»\"'()"))
    nouns = _front_nouns()
    return any(form in nouns for form in (key, key[1:], key[2:]) if form)


def _since_the_start_of(text: str, sentence: Span, trigger: tuple[int, int, EventTrigger]) -> bool:
    """A state of affairs since something began (`سيطر داعش على أجزاء واسعة منذ نشوب الحرب الأهلية`) or over
    a long time (`منذ نحو أربعة أشهر`, `منذ سنوات`, `منذ عام 2011`: data/tally_periods.csv): the trigger's clause
    goes on with `منذ` and a beginning or a period of weeks or more. Not what is compared with it (`أعنف المعارك
    منذ بدء القتال`, `أعنف قصف مدفعي منذ ستة أشهر`: it happened)."""
    before = text[sentence.start:trigger[0]].split()[-2:]
    if any(normalize_key(w).removeprefix("و").removeprefix("ب") in _SUPERLATIVES for w in before):
        return False  # `أعنف المعارك منذ بدء القتال`, `أول هجوم من نوعه منذ بدء`: compared, and it happened
    after = re.split(r"[،,.؛:]", text[trigger[1]:sentence.end], maxsplit=1)[0].split()[:12]
    keys = [normalize_key(w) for w in after]
    if any(k in SINCE_WORDS and i + 1 < len(keys) and keys[i + 1] in _STARTS for i, k in enumerate(keys)):
        return True
    # `تشهد مدينة تعز مواجهات عنيفة منذ حوالي أربعة أشهر`, `غارات ... منذ سنوات`: going on for months or years
    at = next((i for i, k in enumerate(keys) if k in SINCE_WORDS), None)
    return at is not None and trigger[2].event_type not in _STATES and _a_period([k.strip(_PUNCTUATION)
                                                                                  for k in keys[at:]])


HABITUAL_PATH = DATA_DIR / "event_habitual.csv"
HABITUAL_REACH = 3  # words after a trigger where an adjective of its own noun phrase may stand
# words that end a trigger's noun phrase: what follows them is about something else
_PHRASE_ENDS = frozenset(normalize_key(w) for w in (
    "في", "على", "من", "عن", "إلى", "الى", "ضد", "مع", "منذ", "بين", "التي", "الذي", "الذين", "بعد", "قبل"))


@lru_cache(maxsize=1)
def _habitual_words() -> frozenset[str]:
    """Adjectives and adverbs of a habit (daily, weekly, repeated): data/event_habitual.csv."""
    with HABITUAL_PATH.open(encoding="utf-8", newline="") as handle:
        return frozenset(normalize_key(row["word"]) for row in csv.DictReader(handle))


def _habitual(text: str, sentence: Span, trigger: tuple[int, int, EventTrigger]) -> bool:
    """A habit, not one event: the trigger's own noun phrase calls it daily, weekly or repeated (`عمليات القتل
    الإسرائيلية اليومية`, `هجمات شبه يومية ضد قوات الأمن`, `توالت الهجمات بوتيرة يومية`), among the few words
    right after it, before a preposition or a clause mark; not `يومي` before a number (`هجمات يومي 22 يونيو`)."""
    after = re.split(r"[،,.؛:!?؟()«»\"]", text[trigger[1]:sentence.end], maxsplit=1)[0].split()[:HABITUAL_REACH]
    habitual = _habitual_words()
    for index, word in enumerate(after):
        key = normalize_key(word)
        if key in _PHRASE_ENDS:
            return False
        if key in habitual or key.removeprefix("و") in habitual:
            following = after[index + 1] if index + 1 < len(after) else ""
            return not following[:1].isdigit()
    return False


def _without_results(text: str, triggers: list[tuple[int, int, EventTrigger]]) -> list[tuple[int, int, EventTrigger]]:
    """The triggers less those told as an earlier act's result (`قصفت طائرة موقعا ... ما أدى إلى تدمير مدفع
    وإحراق دبابة`, `أسفرت عن مقتل`): a result cue between an act of violence and the trigger, in one clause."""
    cues = modality_cues()
    kept: list[tuple[int, int, EventTrigger]] = []
    act = None
    for trigger in triggers:
        if act is not None and trigger[2].event_type in _VIOLENT:
            between = text[act[1]:trigger[0]]
            if not re.search(r"[.؛!?؟]|\s(?:فيما|بينما|في حين)\s", between) and any(
                    cues.get(normalize_key(word).removeprefix("و").removeprefix("مما").removeprefix("ما")) == "result"
                    for word in between.split()):
                continue
        kept.append(trigger)
        if trigger[2].event_type in _VIOLENT - _TOLLS:
            act = trigger
    return kept


def _future_verb(word: str) -> bool:
    """A verb with the future prefix (ستواصل، سيلتقي، وسيتم): س before an imperfect whose bare form is itself
    one of the commonest words of the news (so سيطرة، سيارة، ستة، سنوات are not)."""
    word = word.strip("«»\"'()،,.:؛").removeprefix("و").removeprefix("ف")
    return len(word) >= 4 and word[0] == "س" and word[1] in "يتنأ" and word[1:] in frequent_word_set()


def _purpose_lam(text: str, trigger_start: int, trigger: EventTrigger) -> bool:
    """The trigger's own word carries the lam of purpose: `للسيطرة على`, `لتطويق`, `ولاستعادة` say what
    someone set out to do (`تعرض لقصف`, subjected to, is the exception the modality lexicon lists)."""
    if trigger.event_type not in _PURPOSE_TYPES:
        return False
    word = normalize_key(_word_at(text, trigger_start))
    head = normalize_key(trigger.trigger.split()[0])
    head = head[2:] if head.startswith("ال") else head
    at = word.find(head)
    # acts of violence in the plural are no verbal noun of purpose: `مسرحا لاشتباكات عنيفة` (the clashes)
    return at > 0 and word[:at] in _PURPOSE_PREFIXES and not (trigger.event_type in _VIOLENT and word.endswith("ات"))


@lru_cache(maxsize=1)
def _long_cues() -> tuple[str, ...]:
    return tuple(cue for cue in modality_cues() if len(cue) >= 4)


@lru_cache(maxsize=1)
def _long_cue_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(cue) for cue in _long_cues()}))


def _long_cue_kind(form: str) -> str | None:
    """The kind of the first long cue (in the lexicon's order) `form` starts with: one dict probe per cue length,
    not a scan of every cue."""
    cues = modality_cues()
    starts = [form[:n] for n in _long_cue_lengths() if len(form) >= n and form[:n] in cues]
    if not starts:
        return None
    first = min(starts, key=_long_cues().index)
    return cues[first]


def _specific_places(mentions: list[Mention], places: dict[str, Place], home_country: str | None) -> list[str]:
    """The most specific places named in a sentence (districts over cities over countries)."""
    located = [(m, places[m.entity_id]) for m in mentions if m.entity_id in places]
    if not located:
        return []
    best_rank = max(KIND_RANK.get(p.kind, 4) for _, p in located)
    if best_rank == 0:
        home = [p.place_id for _, p in located if p.country == home_country]
        return [home[0] if home else located[0][1].place_id]
    chosen = [p.place_id for _, p in located if KIND_RANK.get(p.kind, 4) == best_rank]
    return list(dict.fromkeys(chosen))[:MAX_PLACES_PER_EVENT]
