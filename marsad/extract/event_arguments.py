"""An event's arguments from its trigger's own clause: where, when, who acted and on whom.

A sentence often holds more than the event: who reports it and from where (`قالت مصادر في محافظة إب
إن ...`), a second event, a background clause. So each trigger gets a *clause*: from the last
boundary before it (a reported-speech complementiser `إن/أن/بأن`, a colon or an opening quote: what
precedes is the attribution) to the next trigger of another event or a clause connective after it
(`فيما`, `بينما`, `؛`). The place is the event's locative in that clause (the place named after the
trigger, the most specific of those close to it, with the places coordinated with it: `في محوري
الخلة واليرموك` is two locations); the date is the clause's own time expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from marsad.extract.gazetteer import place_cues
from marsad.extract.geo import KIND_RANK
from marsad.lexicon import LexiconError, read_rows
from marsad.paths import DATA_DIR
from marsad.records import Actor, Mention, Place, Span, TimeMention
from marsad.text.normalize import normalize_key

# What precedes one of these in a sentence is the attribution (speaker, where they spoke), not the event.
_COMPLEMENT_RE = re.compile(r"(?:^|[\s«\"(])(?:[وف]?(?:إن|أن|بأن|إنه|أنه|بأنه|إنها|أنها|بأنها))(?=\s)|[:«]")
# A new clause starts here: what follows is about something else.
_CONNECTIVE_RE = re.compile(r"؛|\s(?:فيما|بينما|في حين|كما|إلى ذلك|من جهة أخرى|من جانب آخر)\s"
                             # a new report after a comma: `، وأشارت المصادر إلى أن مواجهات ...`
                             r"|[،,]\s*و(?:أشار|أضاف)(?:ت|وا)?\s")
NEAR_CHARS = 80  # a locative this close after the trigger belongs to it
# The first place of a city or finer named close after the trigger is its location, before any country or
# region, however fine the later ones (`في جبهة المسيمير ... الموجودة داخل معسكر لبوزة`: the front).
_LOCAL_RANK = 2
# Between two coordinated places: "و", a comma, and perhaps the head noun of the second (وناحية كنعان).
_COORDINATED_RE = re.compile(r"\s*(?:،|,)?\s*و?\s*(?:(?:ال)?(?:مدينة|بلدة|قرية|ناحية|قضاء|حي|منطقة|محافظة|مخيم|"
                             r"محور|محوري|مدينتي|بلدتي|قريتي|مديرية|ولاية)\s*)?$")


# A place right after one of these is a partner or an opponent (المتحالفة مع إيران، الحرب ضد تركيا), not where
# the event happened.
# So is a place after `led by`, `backed by`, `loyal to` (التحالف الذي تقوده السعودية، بدعم من إيران): an actor;
# and one fighters `came from` (مسلحين قدموا من سورية): where they are from, not where they fought; and one
# an office is of (رئيس اليمن، السفير الصيني لدى اليمن، وزير خارجية تركيا): whose officer, not where.
_NOT_LOCATIVE_RE = re.compile(r"(?:^|\s)[وف]?(?:مع|ضد|تقود\S*|يقود\S*|بقيادة|بدعم\s+من|المدعوم\S*\s+من|"
                              r"مدعوم\S*\s+من|الموالي\S*\s+ل|الموالي\S*\s+|التابع\S*\s+ل|التابع\S*\s+|"
                              r"قدموا\s+من|قدم\s+من|القادم\S*\s+من|قادم\S*\s+من|الوافد\S*\s+من|وافد\S*\s+من|"
                              r"رئيس\S*|وزراء|ملك|أمير|سفير\S*|لدى|مندوب\S*|مبعوث\S*|خارجية|داخلية|دفاع)\s*$")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int


def trigger_clause(text: str, sentence: Span, trigger_start: int, trigger_end: int,
                   next_trigger: int | None) -> Clause:
    """The part of `sentence` a trigger's arguments come from (see the module's docstring)."""
    start = sentence.start
    for match in _COMPLEMENT_RE.finditer(text, sentence.start, trigger_start):
        start = match.end()
    end = sentence.end if next_trigger is None else min(sentence.end, next_trigger)
    connective = _CONNECTIVE_RE.search(text, trigger_end, end)
    if connective:
        end = connective.start()
    return Clause(start, end)


def clause_parts(text: str, sentence: Span) -> list[Span]:
    """A sentence cut at its clause connectives (`فيما`, `بينما`, `كما`, `؛`): each part may report an
    act of its own (`شن الطيران غارات على صعدة، كما استهدف مواقع في أبين`)."""
    parts, start = [], sentence.start
    for match in _CONNECTIVE_RE.finditer(text, sentence.start, sentence.end):
        if match.start() > start:
            parts.append(Span(start, match.start()))
        start = match.start()
    parts.append(Span(start, sentence.end))
    return parts


# A mention written with a province's designator names the province, whatever the gazetteer row it
# resolves to (`محافظة لحج` is the governorate, though لحج is listed as its town).
_PROVINCE_WORDS = ("محافظه", "ولايه", "اقليم")


def _rank(place: Place, mention: Mention | None = None) -> int:
    rank = KIND_RANK.get(place.kind, 4)
    if mention is not None and normalize_key(mention.text).startswith(_PROVINCE_WORDS):
        return min(rank, KIND_RANK["region"])
    return rank


# A place after one of these is a landmark the location is given by (`قرب ميناء البريقة`, `جنوبي البلدة`),
# not the location itself when the clause also names one (`في بلدة أجدابيا قرب ميناء البريقة`).
_LANDMARK_NOUNS = frozenset(normalize_key(w) for w in ("قرب", "بالقرب", "باتجاه"))
# words that may stand between such a word and the name (`بالقرب من مدينة`)
_BEFORE_A_NAME = frozenset(normalize_key(w) for w in ("من", "مدينة", "بلدة", "منطقة", "قرية", "ميناء"))


def _is_landmark(text: str, clause: Clause, mention: Mention) -> bool:
    words = text[max(clause.start, mention.start - 30):mention.start].split()
    cues = place_cues()
    for word in reversed(words[-3:]):
        key = normalize_key(word)
        if key in _BEFORE_A_NAME:
            continue
        return cues.get(key) == "direction" or key in _LANDMARK_NOUNS
    return False


def _actors_place(text: str, bound: int, mention: Mention) -> bool:
    """A place named as a partner, opponent, leader, backer or origin (_NOT_LOCATIVE_RE), not as where
    something happened; `bound`: where the words before it may start (its clause or sentence)."""
    return bool(_NOT_LOCATIVE_RE.search(text, max(bound, mention.start - 20), mention.start))


def clause_places(text: str, clause: Clause, trigger_start: int, trigger_end: int,
                  place_mentions: list[Mention], places: dict[str, Place]) -> list[str]:
    """The event's locations in its clause: the most specific place close after the trigger (else the
    nearest before it), and the places coordinated with it. Empty when the clause names none."""
    located = [m for m in place_mentions
               if m.entity_id in places and clause.start <= m.start and m.end <= clause.end
               and not _actors_place(text, clause.start, m)]
    after = [m for m in located if m.start >= trigger_end]
    before = [m for m in located if m.end <= trigger_start]
    if after:
        close = [m for m in after if m.start - trigger_end <= NEAR_CHARS] or after[:1]
        best = max(close, key=lambda m: (not _is_landmark(text, clause, m), min(_rank(places[m.entity_id], m),
                                                                                 _LOCAL_RANK), -m.start))
        pool = after
    elif before:
        close = [m for m in before if trigger_start - m.end <= NEAR_CHARS] or before[-1:]
        best = max(close, key=lambda m: (not _is_landmark(text, clause, m), _rank(places[m.entity_id], m), m.start))
        pool = before
    else:
        return []
    chosen = [best]
    rank = _rank(places[best.entity_id], best)
    for mention in reversed([m for m in pool if m.end <= best.start]):  # محافظتي X و best
        if not _COORDINATED_RE.match(text[mention.end:chosen[0].start]):
            break
        if _after_a_dual(text, mention):
            chosen.insert(0, mention)
            break
    dual = _after_a_dual(text, chosen[0])  # في محافظتي أبين ولحج: both governorates, whatever their rows' kinds
    for mention in [m for m in pool if m.start > best.end]:  # best و Y: both locations of one event
        gap = text[chosen[-1].end:mention.start]
        if not _COORDINATED_RE.match(gap) or not _joined(gap, text[mention.start:mention.end]) \
                or (_rank(places[mention.entity_id], mention) != rank and not dual):
            break
        chosen.append(mention)
    return list(dict.fromkeys(m.entity_id for m in chosen))


def _joined(gap: str, following: str) -> bool:
    """A و or a comma joins two places (`حي الجحملية وجولة مصعبين`; a found locality may start with its و); a
    bare space does not: `منطقة العروق بمديرية الشرية` is one place inside the other."""
    return "و" in gap or "،" in gap or "," in gap or following.startswith("و")


# A designator in the dual (محافظتي أبين ولحج، مدينتي الرمادي والفلوجة، بلدتي الفوعة وكفريا): the
# places coordinated after it are alike, each a location, the first of them too when the chosen place is a
# later one.
_DUAL_RE = re.compile(r"(?:^|\s)[وفب]?(?:ال)?(?:محافظتي|ولايتي|مدينتي|بلدتي|قريتي|مديريتي|منطقتي|محوري|جبهتي)\s*$")


def _after_a_dual(text: str, mention: Mention) -> bool:
    """A dual designator before the place's name, outside its mention or as its first word (a locality found by
    its designator: `جبهتي الجفينة`)."""
    first_word = mention.text.split(maxsplit=1)[0] if mention.text.strip() else ""
    return bool(_DUAL_RE.search(text, max(0, mention.start - 20), mention.start)
                or _DUAL_RE.search(text, max(0, mention.start - 20), mention.start + len(first_word)))


ANAPHORS_PATH = DATA_DIR / "place_anaphors.csv"


@lru_cache(maxsize=1)
def place_anaphors() -> dict[str, tuple[frozenset[str], frozenset[str], tuple[str, ...]]]:
    """normalised definite designator (المدينة) -> (the place kinds it refers back to, the words one of which
    must follow it, the words one of which the place's name must hold (المسجد: مسجد or جامع); empty for
    any) (data/place_anaphors.csv)."""
    anaphors = {}
    for number, row in read_rows(ANAPHORS_PATH, ["word_ar", "kinds", "next_word", "name_has"]):
        kinds = frozenset(k for k in row["kinds"].split("|") if k)
        if not row["word_ar"] or not kinds:
            raise LexiconError(f"{ANAPHORS_PATH.name} row {number}: a word and its kinds")
        anaphors[normalize_key(row["word_ar"])] = (
            kinds, frozenset(normalize_key(w) for w in row["next_word"].split("|") if w),
            tuple(normalize_key(w) for w in row["name_has"].split("|") if w))
    return anaphors


def anaphoric_place(text: str, clause: Clause, place_mentions: list[Mention], places: dict[str, Place]) -> str | None:
    """A clause naming no place may name one already told by a definite designator (`داخل المدينة`, `استعادة
    البلدة`, `القاعدة الجوية`): the last place of that kind named before it, or None."""
    anaphors = place_anaphors()
    words = list(re.finditer(r"\S+", text[clause.start:clause.end]))
    for index, word in enumerate(words):
        key = normalize_key(word.group()).rstrip("،,.")
        for proclitic in ("", "و", "ب", "وب", "ل", "ول", "ف"):
            if key.startswith(proclitic) and key[len(proclitic):] in anaphors:
                kinds, next_words, name_has = anaphors[key[len(proclitic):]]
                following = normalize_key(words[index + 1].group()) if index + 1 < len(words) else ""
                if next_words and following not in next_words:
                    break
                at = clause.start + word.start()
                earlier = [m for m in place_mentions if m.end <= at and m.entity_id in places
                           and (places[m.entity_id].kind in kinds
                                or ("region" in kinds and normalize_key(m.text).startswith(_PROVINCE_WORDS)))
                           and (not name_has or any(w in normalize_key(places[m.entity_id].name_ar + " " + m.text)
                                                    for w in name_has))]
                if earlier:
                    return max(earlier, key=lambda m: m.start).entity_id
                break
    return None


def first_place(place_mentions: list[Mention], places: dict[str, Place], span: Span, text: str = "") -> str | None:
    """The first place named in `span` (where a report comes from: `مصادر في محافظة ديالى ...`), not one
    of an actor (`بدعم من إيران`, `مسلحين قدموا من سورية`)."""
    for mention in place_mentions:
        if span.start <= mention.start and mention.end <= span.end and mention.entity_id in places and not (
                text and _actors_place(text, span.start, mention)):
            return mention.entity_id
    return None


def article_place_counts(text: str, sentences: list[Span], place_mentions: list[Mention],
                         places: dict[str, Place]) -> dict[str, int]:
    """How often the article's body (`sentences`) names each place, not as an actor's (`بدعم من إيران`)."""
    counts: dict[str, int] = {}
    place_mentions = sorted(place_mentions, key=lambda m: m.start)
    at = 0
    for sentence in sentences:
        while at < len(place_mentions) and place_mentions[at].start < sentence.start:
            at += 1
        for mention in place_mentions[at:]:
            if mention.end > sentence.end:
                break
            if mention.entity_id in places and not _actors_place(text, sentence.start, mention):
                counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    return counts


def clause_date(times: list[TimeMention], clause: Clause, trigger_start: int, text: str = "") -> TimeMention | None:
    """The clause's own time expression nearest the trigger, or None. Not the trigger's: a time after it in a
    relative clause on another noun (`عملية السلام التي انطلقت في أواخر 2012`) or after `منذ` and a noun
    (`منذ بدء القتال في 2012`: when something else began)."""
    inside = [t for t in times if clause.start <= t.start and t.end <= clause.end
              and not (text and time_of_another_clause(text, trigger_start, t))]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.start - trigger_start))


_RELATIVE_WORDS = frozenset(normalize_key(w) for w in ("الذي", "التي", "الذين", "والتي", "والذي"))
SINCE_WORDS = frozenset(normalize_key(w) for w in ("منذ", "ومنذ"))


_SINCE_REACH = 9  # words between منذ and a time in its phrase (منذ معركة السيطرة على بلدة ديبالتسيف في فبراير)


_EPISODE_REACH = 6  # words between a war's (an uprising's, elections') noun and the date that is its own


@lru_cache(maxsize=1)
def _episode_nouns() -> frozenset[str]:
    """data/episode_nouns.csv: wars, uprisings, elections, coups: a date right after one is its date."""
    return frozenset(normalize_key(row["word_ar"]) for _, row in read_rows(DATA_DIR / "episode_nouns.csv", ["word_ar"]))


def _an_episode(key: str) -> bool:
    nouns = _episode_nouns()
    return key in nouns or (key[:1] in "وبل" and key[1:] in nouns) or (key[:2] == "لل" and "ال" + key[2:] in nouns)


def time_of_another_clause(text: str, trigger_start: int, time: TimeMention) -> bool:
    """`time` belongs to a relative clause on another noun after the trigger, to a `منذ` phrase, or to a war,
    an uprising or elections named after the trigger (data/episode_nouns.csv)."""
    if time.start > trigger_start:
        words = [normalize_key(w) for w in text[trigger_start:time.start].split()]
        # a relative pronoun after the trigger opens a clause on another noun, unless only the trigger's
        # adjectives stand between them (`القذائف الصاروخية التي سقطت أمس`)
        relative = next((i for i, w in enumerate(words) if i and w in _RELATIVE_WORDS), None)
        if relative is not None and not all(w.startswith("ال") for w in words[1:relative]):
            return True
    window = text[max(trigger_start, time.start - 90):time.start]
    window = re.split(r"[،,.؛:]", window)[-1]  # the time's own clause
    before = [normalize_key(w) for w in window.split()][-_SINCE_REACH:]
    if time.start > trigger_start and any(_an_episode(w) for w in before[-_EPISODE_REACH:]):
        return True  # `ناتج عن صاروخ من مخلفات الحرب الإسرائيلية الأخيرة عام 2014`: the war's year
    since = [i for i, w in enumerate(before) if w in SINCE_WORDS]
    # `منذ بدء القتال في 2012`: منذ, then a noun that is no time word, before the time
    return bool(since) and since[-1] < len(before) - 1 and time.start > trigger_start


def agent_and_target(text: str, clause: Clause, trigger_start: int, trigger_end: int,
                     actor_mentions: list[Mention], actors: dict[str, Actor],
                     not_agents: set[str]) -> tuple[str | None, str | None]:
    """actor1 (who acted) and actor2 (on whom) from the clause: the target is an actor named after
    `على`/`ضد`/`استهدف` following the trigger; the agent is the nearest other actor of the clause,
    never a news outlet or the one reporting it (`not_agents`)."""
    candidates = [m for m in actor_mentions
                  if clause.start <= m.start and m.end <= clause.end and m.entity_id not in not_agents
                  and (actors.get(m.entity_id) is None or actors[m.entity_id].type != "media")]
    target = None
    for m in candidates:
        if m.start >= trigger_end and re.search(r"(?:على|ضد|استهدف\S*|مواقع|لمواقع)\s+(?:\S+\s+){0,2}$",
                                                 text[trigger_end:m.start]):
            target = m
            break
    agents = [m for m in candidates if m is not target and m.entity_id != (target.entity_id if target else None)]
    agent = min(agents, key=lambda m: abs(m.start - trigger_start), default=None)
    return (agent.entity_id if agent else None), (target.entity_id if target else None)


def same_day_or_unknown(a: date | None, b: date | None) -> bool:
    return a is None or b is None or a == b
