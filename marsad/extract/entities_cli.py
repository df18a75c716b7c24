"""Entity mentions of a raw text, as the `entities` command prints them.

One recogniser: the registry, the gazetteer and the rules link what they know; the trained tagger finds
what they don't, and decides between them where the names overlap. A record's extent is the name itself:

- **The tagger's organisation wins over a place inside it or on the same words**: `حركة تحرير السودان`,
  `ريال مدريد`, `روما` the club. The place is part of a name, not a place of its own (the tagger saw the
  context: a movement's head noun, a match, a coach). Likewise a span of another type the tagger finds
  around a registry mention: `شبه الجزيرة العربية` is no mention of the channel `الجزيرة`.
- **A name's extent leaves out the word that says what kind of place it is** (data/name_extent.csv):
  `مدينة مشهد` -> `مشهد`, `العاصمة طهران` -> `طهران`, `جنوب لبنان` -> `لبنان` (a country named so keeps it:
  `جنوب السودان`). What is left no name is no record: `العاصمة البريطانية` names London without a name.
- **A title is no part of a name, nor is a body described**: a registry alias with a title, or a person a
  rule found, takes the tagger's extent; `الإدارة الأميركية` (a noun and a nationality adjective) is a
  record only where the tagger sees a name.

The pipeline keeps its own mentions as they are (the map's evidence); this is how a name is bounded in
NER output, as newswire annotates it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate

from marsad.extract.entities import find_actors, tagger
from marsad.extract.gazetteer import nationality_forms
from marsad.extract.geo import find_places
from marsad.lexicon import Lexicon, LexiconError, load_lexicon, read_rows, read_word_set
from marsad.paths import DATA_DIR
from marsad.records import Mention
from marsad.text.normalize import normalize, normalize_key

NAME_EXTENT_PATH = DATA_DIR / "name_extent.csv"
_WORD_RE = re.compile(r"\S+")
_PROCLITICS = ("و", "ف", "ب", "ل")


@lru_cache(maxsize=1)
def name_extent_words() -> dict[str, str]:
    """data/name_extent.csv: normalised word -> designator | direction."""
    words = {}
    for number, row in read_rows(NAME_EXTENT_PATH, ["word_ar", "kind"]):
        if row["kind"] not in ("designator", "direction") or not row["word_ar"].strip():
            raise LexiconError(f"{NAME_EXTENT_PATH.name} row {number}: a word and kind designator or direction")
        words[normalize_key(row["word_ar"])] = row["kind"]
    return words


def _extent_word_kind(word: str) -> str | None:
    """designator / direction for a word of data/name_extent.csv, with its proclitics (لمدينة، بالعاصمة)."""
    words = name_extent_words()
    key = normalize_key(word)
    forms = [key]
    for first in _PROCLITICS:
        if key.startswith(first) and len(key) > 3:
            forms.append(key[1:])
            if key.startswith(first + "ل") and len(key) > 4:
                forms.append("ا" + key[1:])  # للعاصمة -> العاصمة
            for second in ("ب", "ل"):
                if key[1:].startswith(second) and len(key) > 4:
                    forms.append(key[2:])
    return next((words[form] for form in forms if form in words), None)


def place_name_extent(text: str, mention: Mention, lexicon: Lexicon) -> Mention | None:
    """The place mention bounded to its name (see the module's docstring); None when no name is left."""
    words = list(_WORD_RE.finditer(text, mention.start, mention.end))
    entry = lexicon.places.get(mention.entity_id or "")
    country = mention.source == "country" or (entry is not None and entry.kind == "country")
    first = 0
    while first < len(words):
        kind = _extent_word_kind(words[first].group())
        if kind is None or (kind == "direction" and country):
            break
        first += 1
    if first == 0:
        return mention
    rest = words[first:]
    if not rest or (len(rest) == 1 and normalize_key(rest[0].group()) in nationality_forms(lexicon)):
        return None  # العاصمة (the capital the article means), العاصمة البريطانية: no name
    start = rest[0].start()
    return Mention(start, mention.end, text[start:mention.end], mention.type, mention.entity_id, mention.source,
                   mention.role, confidence=mention.confidence)


# An agency's credit alone in brackets, perhaps with `- أرشيف`: a report's or a photo's source, as newswire
# writes it (`(الفرنسية)` is AFP, `(الألمانية)` dpa): data/agency_credits.csv.
_CREDIT_RE = re.compile(r"\(\s*(ال\w+ية)\s*(?:-\s*\w+\s*)?\)")
AGENCY_CREDITS_PATH = DATA_DIR / "agency_credits.csv"


@lru_cache(maxsize=1)
def _credit_forms() -> frozenset[str]:
    return read_word_set(AGENCY_CREDITS_PATH, ["credit_ar", "agency_en"])


def _agency_credits(text: str) -> list[Mention]:
    """The news agencies credited in brackets (`_CREDIT_RE`), as organisations (source "rule")."""
    credits = []
    for match in _CREDIT_RE.finditer(text):
        before = text[max(0, match.start() - 30):match.start()].split()[-1:]
        if before and before[0].startswith("ال") and before[0].endswith("ة"):
            continue  # `الحكومة (الأمريكية)`: the adjective of the noun before it
        if normalize_key(match.group(1)) in _credit_forms():
            credits.append(Mention(match.start(1), match.end(1), match.group(1), "ORGANIZATION", "", "rule"))
    return credits


# A title in quotation marks right after the noun of a work (`مسلسل " على باب مصر "`, `رواية «...»`) names the
# work, not the places and people its words name: data/work_nouns.csv (NewsFANE tags such titles MISC).
_QUOTED_RE = re.compile(r"[\"«“]([^\"«»“”\n]{1,80})[\"»”]")
WORK_NOUNS_PATH = DATA_DIR / "work_nouns.csv"


@lru_cache(maxsize=1)
def _work_nouns() -> frozenset[str]:
    return read_word_set(WORK_NOUNS_PATH, ["noun_ar"])


def _work_noun(word: str | None) -> bool:
    key = normalize_key(word or "")
    return any(form in _work_nouns() for form in (key, key[1:] if key[:1] in "وب" else key))


def _titles(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted stretch (`_QUOTED_RE`) that is the title of a work: a work's noun right
    before it, or one word (an adjective: `المسلسل الاجتماعي " القاهرة 2000 "`) before that."""
    return [m.span(1) for m in _QUOTED_RE.finditer(text)
            if any(_work_noun(word) for word in text[max(0, m.start() - 60):m.start()].split()[-2:])]


_PEOPLE_RE = re.compile(r"(?<!\w)(?:[وفبل]|وب|ول)?(ال\w+ي(?:ين|ون))(?!\w)")


def _peoples(text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, "PERSON") of each people named by its plural nationality adjective with the article
    (`الأمريكيين`, `العراقيون`): a PERS name, as NewsFANE tags it (99 of 119 such words in its training part;
    the rest, an adjective after a definite noun, O)."""
    forms = nationality_forms(lexicon)
    return [(m.start(1), m.end(1), "PERSON") for m in _PEOPLE_RE.finditer(text)
            if forms.get(normalize_key(m.group(1)))]


def _description(text: str, mention: Mention, lexicon: Lexicon) -> bool:
    """A body named by a noun and nationality adjectives only (`الإدارة الأميركية`, `الخارجية الأميركية`)."""
    words = _WORD_RE.findall(text, mention.start, mention.end)
    forms = nationality_forms(lexicon)
    return len(words) >= 2 and all(normalize_key(word) in forms for word in words[1:])


_RULE_SOURCES = frozenset({"role", "coref"})


def _tagger_extent(text: str, mention: Mention, spans: list[tuple[int, int, str]]) -> Mention:
    """An actor mention bounded as the tagger bounds the same name: a title the registry's alias holds is
    no part of the name (`الشيخ تميم بن حمد آل ثاني` -> `تميم بن حمد آل ثاني`), and a person a rule found
    (after a role, by the surname) takes the tagger's extent where they overlap (`برئاسة الجمهورية عثمان`
    -> `عثمان نافع`)."""
    same = [(a, b) for a, b, kind in spans if kind == mention.type and a < mention.end and mention.start < b]
    if len(same) != 1 or same[0] == (mention.start, mention.end):
        return mention
    a, b = same[0]
    inside_with_its_end = mention.start < a and b == mention.end
    if not inside_with_its_end and mention.source not in _RULE_SOURCES:
        return mention
    return Mention(a, b, text[a:b], mention.type, mention.entity_id, mention.source, mention.role,
                   confidence=mention.confidence)


class _Spans:
    """The tagger's spans of a text (sorted, never overlapping), with the ones that overlap a stretch found by
    bisection instead of a scan of all of them."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _, _ in self.spans]
        self.ends = [b for _, b, _ in self.spans]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return self.spans[bisect_right(self.ends, start):bisect_left(self.starts, end)]


def _free(spans: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The spans that overlap none of `taken` (which may overlap each other)."""
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    reach = list(accumulate((b for _, b in taken), max))  # the furthest end among the first i+1
    free = []
    for span in spans:
        before = bisect_left(starts, span[1])  # the taken stretches that start before the span ends
        if not before or reach[before - 1] <= span[0]:
            free.append(span)
    return free


def entity_records(text: str) -> Iterator[dict]:
    """One record per mention: start, end, text, type, entity_id, source (sorted by start)."""
    lexicon = load_lexicon()
    norm = normalize(text)
    actor_findings = find_actors(text, lexicon, norm)
    place_findings = find_places(text, lexicon, actor_findings.actors, norm)
    place_spans = {(m.start, m.end) for m in place_findings.mentions}
    # What the registry, the gazetteer and the rules did not find, the tagger may: as unlinked mentions
    # (entity_id null, source "model"; the pipeline keeps only those that look like actors' names).
    spans = tagger().find(text)
    index = _Spans(spans)
    mentions = []
    for mention in place_findings.mentions + [m for m in actor_findings.mentions if (m.start, m.end) not in place_spans]:
        near = index.overlapping(mention.start, mention.end)
        if mention.type == "LOCATION" and any(kind == "ORGANIZATION" and a <= mention.start and mention.end <= b
                                              for a, b, kind in near):
            continue  # ريال مدريد، حركة تحرير السودان، جريدة فلسطين: part of the organisation's name
        if any(kind != mention.type and a <= mention.start and mention.end <= b
               and (a, b) != (mention.start, mention.end) for a, b, kind in near):
            continue  # شبه الجزيرة العربية is no mention of the channel الجزيرة
        if mention.type == "LOCATION":
            mention = place_name_extent(text, mention, lexicon)
        elif _description(text, mention, lexicon) and not near:
            continue  # الإدارة الأميركية، القوات الإسرائيلية: a body described, where the tagger sees no name
        else:
            mention = _tagger_extent(text, mention, near)
        if mention is not None:
            mentions.append(mention)
    # A longer name of the same kind around a linked mention (الولايات المتحدة الأمريكية around الولايات
    # المتحدة) is the mention's extent; the link stays.
    widened = []
    for mention in mentions:
        around = [(a, b) for a, b, kind in index.overlapping(mention.start, mention.end) if kind == mention.type
                  and a <= mention.start and mention.end <= b and (a, b) != (mention.start, mention.end)]
        if len(around) == 1 and not any(other is not mention and around[0][0] < other.end and
                                        other.start < around[0][1] for other in mentions):
            a, b = around[0]
            mention = Mention(a, b, text[a:b], mention.type, mention.entity_id, mention.source, mention.role)
        widened.append(mention)
    mentions = widened
    credits = _agency_credits(text)
    if credits:  # an agency's credit, not the country (the gazetteer's vote) or whatever the tagger saw
        mentions = [m for m in mentions if not any(c.start < m.end and m.start < c.end for c in credits)] + credits
    found = [Mention(start, end, text[start:end], kind, "", "model")
             for start, end, kind in _free(spans, [(m.start, m.end) for m in mentions])]
    found += [Mention(start, end, text[start:end], kind, "", "rule")
              for start, end, kind in _free(_peoples(text, lexicon), [(m.start, m.end) for m in mentions + found])]
    titles = _titles(text) if '"' in text or "«" in text or "“" in text else []
    for mention in sorted(mentions + found, key=lambda m: (m.start, m.end)):
        if any(a <= mention.start and mention.end <= b for a, b in titles):
            continue  # مسلسل "على باب مصر": a work's title
        yield {"start": mention.start, "end": mention.end, "text": mention.text, "type": mention.type,
               "entity_id": mention.entity_id or None, "source": mention.source}
