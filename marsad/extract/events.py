"""Events typed by a trigger lexicon close to ACLED's taxonomy (data/event_triggers.csv).

One event per sentence and event type: the trigger nearest the start wins, the
date is the sentence's own (else the publication date, precision `reported`), the
place is the most specific place named in the sentence (one event per specific
place when several are named, as ACLED codes one location per event), and the
actors are those mentioned in the sentence.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from marsad.extract.geo import KIND_RANK
from marsad.lexicon import EventTrigger, Lexicon
from marsad.paths import DATA_DIR
from marsad.records import Event, Mention, Place
from marsad.text.document import Document
from marsad.text.matcher import Matcher, find_in_original
from marsad.text.normalize import normalize_key
from marsad.text.spans import mentions_within, sentence_date, within

MAX_PLACES_PER_EVENT = 3


@lru_cache(maxsize=4)
def _trigger_matcher(lexicon: Lexicon) -> Matcher[EventTrigger]:
    entries = []
    for trigger in lexicon.event_triggers.values():
        entries.append((trigger.trigger, trigger))
        if not trigger.trigger.startswith("ال"):  # nouns take the article: السيطرة على, الاشتباكات
            entries.append(("ال" + trigger.trigger, trigger))
    return Matcher(entries, min_length=3)


def find_events(doc: Document, actor_mentions: list[Mention], place_mentions: list[Mention],
                places: dict[str, Place], home_country: str | None = None) -> list[Event]:
    """Typed events, each tied to its sentence, date, place and actors."""
    text, sentences, times, published = doc.text, doc.sentences, doc.times, doc.published
    triggers = find_in_original(_trigger_matcher(doc.lexicon), doc.normalized)
    events: list[Event] = []
    last_places: list[str] = []  # the places the paragraph last named
    for index, sentence in enumerate(sentences):
        if index and "\n" in text[sentences[index - 1].end:sentence.start]:
            last_places = []  # a new paragraph
        named_here = _specific_places(mentions_within(place_mentions, sentence), places, home_country)
        in_sentence = within(triggers, sentence)
        if not in_sentence:
            last_places = named_here or last_places
            continue
        sentence_text = text[sentence.start:sentence.end]
        seen: set[str] = set()
        actor_ids = tuple(dict.fromkeys(m.entity_id for m in mentions_within(actor_mentions, sentence)))
        # a sentence that names no place happens where the paragraph's last one did (flagged inherited)
        place_ids, inherited = (named_here, False) if named_here else (last_places[:1], bool(last_places))
        last_places = named_here or last_places
        when, precision = sentence_date(times, sentence, published)
        kept = [t for t in in_sentence if _reported_as_fact(text, sentence.start, t[0])]
        for t_start, t_end, trigger in _most_specific(kept):
            if trigger.event_type in seen:
                continue
            seen.add(trigger.event_type)
            for place_id in place_ids or [None]:
                events.append(Event(
                    start=sentence.start, end=sentence.end, sentence=sentence_text, type=trigger.event_type,
                    label_en=trigger.label_en, trigger=text[t_start:t_end], trigger_start=t_start,
                    trigger_end=t_end, date=when, date_precision=precision, place_id=place_id,
                    actor_ids=actor_ids, acled_event_type=trigger.acled_event_type,
                    acled_sub_event_type=trigger.acled_sub_event_type, place_inherited=inherited,
                ))
    return one_per_incident(events)


# One sentence reports one act of violence: of its triggers for violence the most specific names it (an
# airstrike that killed ten is an airstrike, not also a killing and casualties). Earlier in this list
# wins. What follows from it (ground taken, people fleeing, arrests) stays an event of its own.
_SPECIFICITY = ("chemical_attack", "airstrike", "shelling", "bombing", "armed_clash", "attack", "killing",
                "casualties")
_VIOLENT = frozenset(_SPECIFICITY)

# Types that can be one incident told twice (the scorer of the development set has its own table).
_SAME_INCIDENT = ({"armed_clash", "attack"}, {"shelling", "airstrike"}, {"bombing", "attack"},
                  {"killing", "casualties"}, {"arrest", "abduction"}, {"territory_change", "withdrawal"},
                  {"ceasefire", "agreement"}, {"meeting", "negotiation"}, {"protest", "riot"})


def _most_specific(triggers: list[tuple[int, int, EventTrigger]]) -> list[tuple[int, int, EventTrigger]]:
    """The triggers of one sentence that make events: the most specific violent one, and every other kind."""
    violent = [t for t in triggers if t[2].event_type in _VIOLENT]
    others = [t for t in triggers if t[2].event_type not in _VIOLENT]
    if violent:
        violent = [min(violent, key=lambda t: (_SPECIFICITY.index(t[2].event_type), t[0]))]
    return sorted(violent + others, key=lambda t: t[0])


def _same_incident(a: Event, b: Event) -> bool:
    related = a.type == b.type or any(a.type in pair and b.type in pair for pair in _SAME_INCIDENT)
    return related and a.date == b.date and (a.place_id == b.place_id or a.place_id is None or b.place_id is None)


def one_per_incident(events: list[Event]) -> list[Event]:
    """An article's events, one per incident: a later mention of the same kind of event on the same date
    and at the same place (or with no place of its own) is the same occurrence told again; the first
    mention, usually the lead's, is kept."""
    kept: list[Event] = []
    for event in events:
        if not any(_same_incident(event, earlier) for earlier in kept):
            kept.append(event)
    return kept


MODALITY_PATH = DATA_DIR / "event_modality.csv"
MODALITY_WINDOW = 4  # words before a trigger, in its own clause, that can make it not a fact


@lru_cache(maxsize=1)
def modality_cues() -> dict[str, str]:
    """normalised cue -> kind (negation, prevention, demand, plan, condition, threat): data/event_modality.csv."""
    with MODALITY_PATH.open(encoding="utf-8", newline="") as handle:
        return {normalize_key(row["cue"]): row["kind"] for row in csv.DictReader(handle)}


def _reported_as_fact(text: str, sentence_start: int, trigger_start: int) -> bool:
    """False for an event that is negated, prevented, demanded, planned, conditional or threatened
    (`لم تقع أي اشتباكات`, `دعا إلى وقف القصف`, `تعتزم شن هجوم`, `هدد بقصف`): a cue among the few words
    before the trigger, in its clause. The `و` and `ب`/`ل` a word carries in front do not hide it."""
    clause_start = max(text.rfind(mark, sentence_start, trigger_start) for mark in ("،", ",", "؛", ":", "\n"))
    words = text[max(sentence_start, clause_start + 1):trigger_start].split()[-MODALITY_WINDOW:]
    cues = modality_cues()
    for word in words:
        key = normalize_key(word)
        for form in (key, key[1:] if key[:1] in "وف" else None):
            # a cue of four letters or more also covers its inflections (يطالب -> يطالبون)
            if form and (form in cues or any(form.startswith(c) for c in _long_cues())):
                return False
    return True


@lru_cache(maxsize=1)
def _long_cues() -> tuple[str, ...]:
    return tuple(cue for cue in modality_cues() if len(cue) >= 4)


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
