"""Places no gazetteer lists, found by the word that says what they are.

News of a war names the fronts, camps, neighbourhoods and villages where it happens (`جبهة المخدرة`,
`معسكر لبوزة`, `حي الجحملية`, `منطقة العروق بمديرية الشرية`), far more than any gazetteer holds. A
designator from data/localities.csv (حي، منطقة، جبهة، معسكر، وادي، قرية، مديرية، شارع...) followed by a
word that can be a name is such a place when the same sentence (else the one before, in its
paragraph) locates it: a listed place below country level, the nearest after it (`بمحافظة إب`, `غربي
مأرب`) else before it. It gets its parent's coordinates and is marked `source="discovered"`: an
analyst sees `al-Jafina (front)` where the text says so, on the map at Marib, and knows the point is
approximate (ACLED's geo-precision 2). Where no listed place locates it, an area, village, district,
front or camp is placed at the article's country (`في منطقة واردوج ... شمال شرق البلاد` in an Afghan
article), its kind `in_country` (geo-precision 3): the event is on the map under its own name, at the
country's centroid, and says so.

Not a name: what data/localities.csv lists as such (directions, adjectives, event nouns, pronouns,
`النصرة` of جبهة النصرة...), an indefinite adjective (`منطقة سكنية`), a number, a word a listed place
or an earlier match already covers. Ids are stable across articles: the parent's id and the name.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from marsad.extract.ner_tagger import frequent_words
from marsad.extract.translit import transliterate_name
from marsad.paths import DATA_DIR
from marsad.records import IN_COUNTRY, Mention, Place, Span
from marsad.text.normalize import Normalized, normalize_key, split_sentences

LOCALITIES_PATH = DATA_DIR / "localities.csv"
_PROCLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
_WORD_RE = re.compile(r"[\u0621-\u064a\u0660-\u0669\w]+")
# A locality no listed place locates is placed at its article's country (ACLED's geo-precision 3) when it
# is an area, a village or town, a district, a front or a camp; a street or a checkpoint so placed would
# say nothing.
COUNTRY_LOCATED_KINDS = frozenset({"area", "town", "district", "front", "camp", "neighbourhood", "base", "region"})
PARENT_NEAR_CHARS = 80  # a locating place this close after the locality is its parent
COMMON_RANK = 6000  # words this common in news are no locality's name


@dataclass(frozen=True)
class Designator:
    kind: str
    label_en: str
    tagged: bool = False  # a locality only where the tagger reads the name after it as a place (مدينة)
    several: bool = False  # a dual or a plural (منطقتي، أحياء): each name joined to the first by و is one too
    dual: bool = False  # منطقتي، بلدتي: two names or none (`قريتي الوديعة` is my village)


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    """data/localities.csv, read once."""
    with LOCALITIES_PATH.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


_DESIGNATOR_ROLES = ("designator", "designator_tagged", "designator_several", "designator_dual")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, Designator], frozenset[str]]:
    designators: dict[str, Designator] = {}
    not_names: set[str] = set()
    for row in _rows():
        key = normalize_key(row["word_ar"])
        if row["role"] in _DESIGNATOR_ROLES:
            designators[key] = Designator(row["kind"], row["label_en"], row["role"] == "designator_tagged",
                                          row["role"] in ("designator_several", "designator_dual"),
                                          row["role"] == "designator_dual")
        elif row["role"] == "not_name":
            not_names.add(key)
    return designators, frozenset(not_names)


@lru_cache(maxsize=1)  # read for every name only GeoNames lists
def designator_keys() -> frozenset[str]:
    """The normalised designators (حي، منطقة، مدينة، محافظة...), without their proclitics."""
    return frozenset(_lexicon()[0])


@lru_cache(maxsize=1)
def _compound_starts() -> frozenset[str]:
    """First words of names that go on (بيت عوان، خان بني سعد، دير الزور): the name takes the next word."""
    return frozenset(normalize_key(row["word_ar"]) for row in _rows() if row["role"] == "compound")


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The COMMON_RANK commonest words of Arabic news (the tagger's frequent words, SaudiNewsNet): no
    name of a locality (`منطقة اليورو`، `مديرية الشؤون`، `حي مباشر`)."""
    return frozenset(normalize_key(w) for w in frequent_words()[:COMMON_RANK])


_SEATS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه"})
_MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")


def _spelled(word: str) -> str:
    """A word as written, diacritics and hamza seats aside, ى and ي kept apart (وأدى is no وادي)."""
    return _MARKS_RE.sub("", word).translate(_SEATS)


@lru_cache(maxsize=1)
def _designator_forms() -> dict[str, Designator]:
    """Each designator, with and without a proclitic (بمنطقة، ومعسكر) -> the designator: one look-up per
    word, as every word of every article is looked up."""
    designators, _ = _lexicon()
    forms = {clitic + key: designator for key, designator in designators.items() for clitic in _PROCLITICS}
    forms.update(designators)
    return forms


def _written_as_designator(original: str) -> bool:
    """The designator as written in the text, proclitics aside, not another word that normalises alike
    (إحياء, reviving, is no أحياء)."""
    spelled = _designator_spellings()
    bare = _MARKS_RE.sub("", original)
    below = [bare[len(c):] for c in ("",) + _PROCLITICS if bare.startswith(c) and bare[len(c):].startswith("إ")]
    if below:  # only a designator written with إ (إقليم) begins with it
        return any(_spelled(word) in _designator_spellings(hamza_below=True) for word in below)
    word = _spelled(original)
    return word in spelled or any(word.startswith(c) and word[len(c):] in spelled for c in _PROCLITICS)


@lru_cache(maxsize=2)  # one entry for each value of its argument
def _designator_spellings(hamza_below: bool = False) -> frozenset[str]:
    """The designators as spelled (`_spelled`); `hamza_below`: only those written with إ first."""
    return frozenset(_spelled(row["word_ar"]) for row in _rows() if row["role"] in _DESIGNATOR_ROLES
                     and (not hamza_below or row["word_ar"].startswith("إ")))


def _short_after_conjunction(word: str, name: str) -> bool:
    """`وحي أمان` is a given name and a surname; `وحي الجحملية` the district: after و or ف, a two-letter
    designator needs a name written with the article."""
    return word[:1] in ("و", "ف") and len(word) <= 4 and not name.startswith("ال")


def _can_be_name(word: str) -> bool:
    designators, not_names = _lexicon()
    if len(word) < 2 or word in not_names or word in designators or any(c.isdigit() for c in word):
        return False
    if word in _common_words():
        return False
    if word.startswith(("لل", "بال")) or (word.startswith(("ل", "ب")) and word[1:3] == "ال"):
        return False  # `نقطة للمتمردين`: a preposition, no name
    if word.startswith("و") and (word[1:] in _frequent_keys() or word[1:].startswith("ال") or len(word) < 4):
        return False  # `مطار وموانئ`: a conjunction (واردوج is a name)
    if not word.startswith("ال") and len(word) >= 4 and word.endswith(("يه", "يين", "يون", "ي")):
        return False  # an indefinite adjective: منطقة سكنية، حي شعبي
    if len(word) == 4 and word.startswith("ي"):
        return False  # a verb: منطقة ينشط فيها
    if len(word) >= 5 and word.endswith(("ها", "هم", "هما", "هن", "كم")):
        return False  # a noun with a pronoun: مناطق سيطرتها، مناطق وجودهم
    if len(word) >= 5 and word.startswith("م") and word.endswith("ه"):
        return False  # a participle: منطقة مزدحمة، بلدة محاصرة، قرية مهجورة
    return True


def _second_word(body: str, words: _Words, index: int, name_end: int, name: str,
                 taken: list[tuple[int, int]], norm: Normalized) -> bool:
    """The word at `index` goes on the name that ends at `name_end`: right after it, both rare, and not a
    preposition or conjunction on a common word or a place already found (جبهة ماس بهجوم، منطقة شخب بقعطبة)."""
    start, end, word = words[index]
    if body[name_end:start].strip() or not (_rare(word) and _rare(name)) or word[:1] in ("و", "ف"):
        return False
    if word[:1] in ("ب", "ل", "ك") and word[1:] in _frequent_keys():
        return False
    o_start, o_end = norm.span_to_original(start, end)
    return not any(a < o_end and o_start < b for a, b in taken)


_LOCATIVES = frozenset(normalize_key(w) for w in ("في", "فى", "داخل", "قرب", "بالقرب", "وفي", "وفى"))
_PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما", "هن", "كم", "نا")


def _named_as_a_place(words: _Words, index: int, name: str, written: str, tagged: bool = False) -> bool:
    """Without a listed place beside it, a locality must be where something is (في منطقة واردوج، بمنطقة
    المار), and its name no common word, no indefinite one of the news' 20,000 commonest (منطقة خضراء;
    جبهة الجفينة is a name), no noun with a pronoun (مناطق سيطرته، حي يسكنه) and no preposition on a
    common word (قاعدة لتجريب). A name the tagger read as a place (`tagged`) may be one of the 20,000
    (`مدينة سوروتش التركية`, much in the news of July 2015), not of the COMMON_RANK commonest."""
    first = name.split()[0]
    if first in _common_words() or (first in _frequent_keys() and not first.startswith("ال") and not tagged) \
            or (first[:1] in ("ل", "ب") and first[1:] in _frequent_keys()):
        return False
    if written.split()[0].endswith(_PRONOUN_ENDINGS):
        return False
    designator = words[index][2]
    if tagged or designator.startswith(("ب", "وب", "فب")):
        return True  # the tagger read it as a place, or it is where something is (بمنطقة)
    return index > 0 and words[index - 1][2] in _LOCATIVES


def _rare(word: str) -> bool:
    """Outside the news' commonest words: the next word of a name (منطقة دوجو بايزيد), not of the sentence."""
    return word not in _rare_exceptions() and _can_be_name(word) and word not in _frequent_keys()


@lru_cache(maxsize=1)
def _frequent_keys() -> frozenset[str]:
    return frozenset(normalize_key(w) for w in frequent_words())


@lru_cache(maxsize=1)
def _rare_exceptions() -> frozenset[str]:
    designators, not_names = _lexicon()
    return frozenset(designators) | not_names


def find_localities(text: str, norm: Normalized, mentions: list[Mention], places: dict[str, Place],
                    country: Place | None = None, countries_named: list[tuple[int, Place]] | None = None,
                    tagged_places: list[tuple[int, int]] | None = None) -> tuple[list[Mention], dict[str, Place]]:
    """Mentions of the unlisted places in `text`, and the places they name (see the module's docstring).
    `mentions` and `places` are what the gazetteer already found; `country`, the article's country, locates
    a locality no listed place beside it does (its kind then `IN_COUNTRY`), unless a country or a nationality
    right after it (`countries_named`: where, in `text`, and which country) says where it is (`منطقة الأورال
    الروسية`, `جزيرة فيلكا بالكويت`). `tagged_places`: the spans the tagger reads as places, which a
    designator such as مدينة needs on its name (`قصفت مدينة خاركيف`: a city nobody listed)."""
    body = norm.text
    # every word is looked up, but only a designator's neighbours need their offsets
    forms = _WORD_RE.findall(body)
    designators = [(index, designator) for index, designator in enumerate(map(_designator_forms().get, forms[:-1]))
                   if designator is not None]
    if not designators:
        return [], {}
    words = _Words(body, forms)
    sentences: list[Span] | None = None  # split when a locality first needs its parent
    # what can locate a locality: a listed place on land, finer than a country (a sea or an ocean has no
    # country and locates no checkpoint: `نقطة وقود` is no place in the Pacific)
    located = sorted((m for m in mentions if m.entity_id in places and places[m.entity_id].kind != "country"
                      and places[m.entity_id].country), key=lambda m: m.start)
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    new_places: dict[str, Place] = {}
    for index, designator in designators:
        w_start, w_end, word = words[index]
        if not _written_as_designator(text[slice(*norm.span_to_original(w_start, w_end))]):
            continue
        n_start, n_end, name = words[index + 1]
        if body[words[index][1]:n_start].strip() or _short_after_conjunction(word, name):
            continue  # a comma or a bracket between them: no name follows
        following = index + 2
        if name in _compound_starts():  # بيت عوان، خان بني سعد: the name goes on
            while following < len(words) and not body[n_end:words[following][0]].strip():
                n_end, last = words[following][1], words[following][2]
                following += 1
                if last not in _compound_starts():
                    break
            name = body[n_start:n_end]
        elif not _can_be_name(name):
            continue
        elif following < len(words) and _second_word(body, words, following, n_end, name, taken, norm):
            n_end = words[following][1]  # a name of two words, both rare: منطقة دوجو بايزيد
            name = body[n_start:n_end]
        start, end = norm.span_to_original(words[index][0], n_end)
        if any(a < end and start < b for a, b in taken):
            continue
        name_start = norm.span_to_original(n_start, n_end)[0]
        if designator.tagged and not any(a <= name_start < b for a, b in tagged_places or ()):
            continue
        if sentences is None:
            sentences = split_sentences(text)
        parent = _parent(text, start, end, sentences, located, places)
        kind = designator.kind
        named_country = _country_right_after(text, end, countries_named or [])
        if parent is not None and named_country is not None and parent.country != named_country.country:
            parent = None  # `مدينة سالزبورج النمساوية` is in Austria, whatever place the sentence names nearby
        if parent is None:
            if designator.tagged and named_country is None:
                continue  # a city nobody listed needs its country written beside it, not the article's guessed
            if (country is None and named_country is None) or designator.kind not in COUNTRY_LOCATED_KINDS \
                    or not _named_as_a_place(words, index, name, text[name_start:end], tagged=designator.tagged):
                continue
            # في منطقة واردوج ... شمال شرق البلاد: Afghanistan's centroid
            parent, kind = named_country or country, IN_COUNTRY
        designator_written = _without_proclitics(text[start:norm.span_to_original(n_start, n_end)[0]].strip())
        names = [(start, end, name, text[norm.span_to_original(n_start, n_end)[0]:end])]
        if designator.several:  # منطقتي حصيبة والمضيق: والمضيق is the second area
            after_name = following if words[following - 1][1] == n_end else following + 1
            names += _joined_names(text, norm, words, after_name, taken)
            if designator.dual and len(names) != 2:
                continue  # one name after منطقتي: no dual (`قريتي الوديعة`, my village)
        for m_start, m_end, key, name_written in names:
            if key is None:
                continue  # a listed place the dual names (جبهتي الجفينة وصرواح): found already
            place_id = "loc-" + hashlib.sha1(f"{parent.place_id}|{key}".encode()).hexdigest()[:10]
            name_ar = name_written if designator.several else f"{designator_written} {name_written}"  # not منطقتي X
            place = new_places.get(place_id) or Place(
                place_id, f"{transliterate_name(name_written)} ({designator.label_en})", name_ar,
                parent.lat, parent.lon, parent.country, kind, "discovered")
            new_places[place_id] = place
            found.append(Mention(m_start, m_end, text[m_start:m_end], "LOCATION", place_id, "discovered",
                                 confidence=0.5))
            taken.append((m_start, m_end))
    return found, new_places


_JOINED_MOST = 4  # names after a dual or a plural designator's first one


def _joined_names(text: str, norm: Normalized, words: _Words, index: int,
                  taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """The names joined by و to the one before `index` (`والمضيق` of منطقتي حصيبة والمضيق): (start, end, normalised
    name, name as written), the و left out; a place already found is (start, end, None, name) and ends them."""
    joined = []
    body = norm.text
    while index < len(words) and len(joined) < _JOINED_MOST:
        w_start, w_end, word = words[index]
        previous_end = words[index - 1][1]
        if body[previous_end:w_start].strip() or not word.startswith("و"):
            break
        start, end = norm.span_to_original(w_start, w_end)
        start += 1  # past the و
        if text[start - 1] != "و":
            break
        if any(a < end and start < b for a, b in taken):
            joined.append((start, end, None, text[start:end]))
            break
        if not _can_be_name(word[1:]):
            break
        joined.append((start, end, word[1:], text[start:end]))
        index += 1
    return joined


class _Words:
    """(start, end, normalised form) of every word, read from its match when asked for; the words are
    matched only up to the last one asked for (the words after an article's last designator never are)."""

    def __init__(self, body: str, forms: list[str]) -> None:
        self._unread = _WORD_RE.finditer(body)
        self._matches: list[re.Match[str]] = []
        self._forms = forms

    def __len__(self) -> int:
        return len(self._forms)

    def __getitem__(self, index: int) -> tuple[int, int, str]:
        if index >= len(self._matches):
            self._matches.extend(islice(self._unread, index + 1 - len(self._matches)))
        match = self._matches[index]
        return match.start(), match.end(), self._forms[index]


def _without_proclitics(word: str) -> str:
    key = normalize_key(word)
    designators, _ = _lexicon()
    for clitic in sorted(_PROCLITICS, key=len, reverse=True):
        if key.startswith(clitic) and key[len(clitic):] in designators:
            return word[len(clitic):]
    return word


# what may stand between a locality and its country: في, a compass point (مدينة مركة جنوبي الصومال)
_COUNTRY_AFTER_RE = re.compile(r"\s*(?:في\s+|(?:[وب]?(?:ال)?(?:شمال|جنوب|شرق|غرب|وسط)(?:ي|ى)?\s+){1,2})?")


def _country_right_after(text: str, end: int, countries_named: list[tuple[int, Place]]) -> Place | None:
    """The country named, or whose nationality adjective stands, right after a locality ending at `end`
    (nothing between them but a space and perhaps في, a compass point or a clitic: بالكويت، جنوبي الصومال)."""
    word = _COUNTRY_AFTER_RE.match(text, end).end()  # where the next word starts (after في)
    for at, place in countries_named:
        while at > word and text[at - 1].isalpha():  # the word's start, before its clitics (بالكويت، الروسية)
            at -= 1
        if at == word:
            return place
    return None


def _parent(text: str, start: int, end: int, sentences: list[Span], located: list[Mention],
            places: dict[str, Place]) -> Place | None:
    """The listed place that locates a locality: in its sentence, the nearest after it (close), else the
    nearest before it; else the last one of the sentence before, in the same paragraph."""
    at = next((i for i, s in enumerate(sentences) if s.start <= start < s.end), None)
    if at is None:
        return None
    sentence = sentences[at]
    after = [m for m in located if end <= m.start < sentence.end and m.start - end <= PARENT_NEAR_CHARS]
    before = [m for m in located if sentence.start <= m.start and m.end <= start]
    if after:
        return places[after[0].entity_id]
    if before:
        return places[before[-1].entity_id]
    if at and "\n" not in text[sentences[at - 1].end:sentence.start]:
        previous = [m for m in located if sentences[at - 1].start <= m.start < sentences[at - 1].end]
        if previous:
            return places[previous[-1].entity_id]
    return None
