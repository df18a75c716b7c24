"""Casualty figures as one Arabic sentence reports them: `مقتل 11 مدنيا`, `سقوط 5 قتلى و12 جريحا`.

`casualties_in(sentence)` returns every count of killed or wounded people the sentence gives, in text
order, each with the phrase that gives it. A count is a number (digits, Arabic-Indic digits, number
words, `عشرات`), a dual noun (`جنديين`, `قتيلين`) or a singular one after a cue (`مقتل جندي`, `لقي
مصرعه`); it is a casualty figure when a cue of killing or wounding governs it:
- a victim noun right after it (`5 قتلى`, `100 قتيل`, `عشرات الجرحى`),
- else the nearer of a cue before it (`مقتل 11`, `أصيب تسعة`, `عدد القتلى ارتفع إلى نحو 100`) and a
  verb after its noun phrase (`26 متمردا لقوا مصرعهم`, `شخصين قتلا`); a word of capture, arrest or
  disappearance (`أسرت 70`, `فقد 15`) nearer than either makes it no casualty figure,
- else the count it is coordinated with (`إصابة 43 من الحوثيين و7 من عناصر المقاومة`).

Conventions, those of the development set (tests/gold/README.md):
- as reported: `أكثر من 80`, `نحو 29`, `29 على الأقل` give low = the number and high None;
- ranges `ما بين 10 و15`, `10 إلى 15` give low 10, high 15; a rise `ارتفع من 10 إلى 15` gives 15;
- vague counts: `عشرات` -> 24 (the gold's "dozens"), `مئات` -> 200, `آلاف` -> 2000 (two of the unit);
- a count the text does not give (`عدد من`, `أصيب آخرون`, `سقوط قتلى`): low None;
  none at all (`دون وقوع إصابات`, `لم يسفر عن سقوط قتلى`): low 0;
- killed and wounded in one count (`مقتل وإصابة 60`, `سقطوا بين قتيل وجريح`, `قتلى وجرحى`): ONE
  record of kind "killed_or_wounded";
- a part of a count already given (`11 قتيلا بينهم ثلاثة أطفال`, `تسعة من القتلى`) is no figure of its
  own, so the figures of one kind in a sentence can be added up;
- `لقي مصرعه مع 40 آخرين`: 41.
Not figures: dates, ages, times, calibres, and counts of strikes, missiles, vehicles, money, prisoners
(data/casualty_words.csv, block_* rows, and the month names of data/months.csv, data/hijri_months.csv).

`who` is one of WHO, from the counted noun or the group it is drawn from (`60 عنصرا من الحوثيين`,
`في صفوف المدنيين`), or None. Lexicons: data/casualty_words.csv (cues and the words around a count),
data/casualty_numbers.csv (number words), data/casualty_who.csv (counted nouns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from marsad.lexicon import LexiconError, read_rows
from marsad.paths import DATA_DIR
from marsad.text.normalize import normalize, normalize_key

KINDS = ("killed", "wounded", "killed_or_wounded")
WHO = ("civilians", "children", "women", "soldiers", "security_forces", "fighters")

WORDS_PATH = DATA_DIR / "casualty_words.csv"
NUMBERS_PATH = DATA_DIR / "casualty_numbers.csv"
WHO_PATH = DATA_DIR / "casualty_who.csv"
MONTH_PATHS = (DATA_DIR / "months.csv", DATA_DIR / "hijri_months.csv")

PRE_WINDOW = 4  # words between a cue and the count it governs (`أصيب مساء أمس الجمعة أربعة`)
POST_WINDOW = 8  # words between a count and the verb after its noun phrase
COORDINATION_GAP = 6  # words between two counts joined by و (`43 من الحوثيين وقوات صالح و7`)
WHO_WINDOW = 4  # words after من / بين / صفوف searched for the group
NEGATION_WINDOW = 5  # words before `قتلى` where a negation makes none (لم يسفر الحادث عن سقوط قتلى)

# The roles of data/casualty_words.csv. Cues of a kind: before (the count follows: مقتل 11), after (it
# precedes: 17 فردا ... قتلوا), both; victim nouns (5 قتلى; also the cue of a toll: عدد القتلى ارتفع إلى);
# counted (a victim noun only right after a count: 30 مصابا). Words that make a number no casualty
# count: block_verb (أسرت 70, anywhere before or after), block_prev (عام 2014), block_next (600 ضربة).
# Words around a count: stop (a new clause: إن، فيما), lead (لقي before مصرعهم), case (15 حالة وفاة), sub
# (بينهم: a part follows), approx and glue (أكثر من، ما لا يقل عن), rise (ارتفع من 10 إلى 15), fall and
# negation (سقوط قتلى، دون وقوع إصابات), of (who the counted are: من، بين، صفوف).
_WORD_ROLES = {"before", "after", "both", "victim", "counted", "block_verb", "block_prev", "block_next",
               "stop", "lead", "case", "sub", "approx", "glue", "rise", "fall", "negation", "of"}
_CUE_ROLES = {"before", "after", "both"}
# The roles of data/casualty_numbers.csv: unit (1-9), ten, tens (20-90), hundred, multiplier (ألف), vague
# (عشرات: 24), few / few_of (a count not given: العديدون، عدد من), other (آخرون), postposed (واحد).
_NUMBER_ROLES = {"unit", "ten", "tens", "hundred", "multiplier", "vague", "few", "few_of", "other",
                 "postposed"}
_ADDED = {"unit", "ten", "tens", "hundred"}  # what و adds after a hundred or a thousand


@dataclass(frozen=True)
class Casualties:
    """One casualty figure. kind: "killed" | "wounded" | "killed_or_wounded" (one count of both, as in
    `مقتل وإصابة 60`). low: the count as reported (None when the text gives none: `عدد من`, `بين قتيل
    وجريح`). high: the top of a range (`ما بين 10 و15`), else None. who: one of WHO or None. start, end:
    offsets of the phrase in the text given; text: the phrase as written."""

    kind: str
    low: int | None
    high: int | None
    who: str | None
    start: int
    end: int
    text: str


# --- lexicons ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    role: str
    kind: str | None
    count: int | None
    one: str  # "yes": a singular person noun right after this cue is one casualty (مقتل جندي); "indefinite":
    # only an indefinite one (قتل جندي, not قتل الجندي فلسطينيا, where the soldier may be the killer)


@dataclass(frozen=True)
class _Number:
    value: int | None
    role: str
    alone: int | None


@dataclass(frozen=True)
class _Noun:
    who: str | None
    count: int | None


@dataclass(frozen=True, eq=False)
class _Lexicons:
    words: dict[str, dict[str, _Word]]  # normalised form -> role -> entry
    numbers: dict[str, _Number]
    nouns: dict[tuple[str, ...], _Noun]  # normalised words -> noun
    heads: frozenset[str]  # the first words of the nouns of more than one word
    months: frozenset[str]  # first word of every month name


def _int(path: Path, number: int, value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise LexiconError(f"{path.name} row {number}: {value!r} is not a whole number")
    return int(value)


def load_words(path: Path = WORDS_PATH) -> dict[str, dict[str, _Word]]:
    """data/casualty_words.csv: normalised form -> role -> entry (a form may have several roles)."""
    words: dict[str, dict[str, _Word]] = {}
    for number, row in read_rows(path, ["form", "role", "kind", "count", "one"]):
        form, role, kind = normalize_key(row["form"]), row["role"], row["kind"] or None
        if not form or role not in _WORD_ROLES:
            raise LexiconError(f"{path.name} row {number}: a form and a known role are required")
        if (role in _CUE_ROLES or role in {"victim", "counted"}) != (kind in KINDS):
            raise LexiconError(f"{path.name} row {number}: cues and victim nouns, and only they, have a kind")
        if role in words.get(form, {}):
            raise LexiconError(f"{path.name} row {number}: {row['form']!r} is already a {role}")
        if row["one"] not in {"", "yes", "indefinite"}:
            raise LexiconError(f"{path.name} row {number}: one is yes, indefinite or empty")
        words.setdefault(form, {})[role] = _Word(role, kind, _int(path, number, row["count"]), row["one"])
    return words


def load_numbers(path: Path = NUMBERS_PATH) -> dict[str, _Number]:
    numbers: dict[str, _Number] = {}
    for number, row in read_rows(path, ["form", "value", "role", "alone"]):
        form, role = normalize_key(row["form"]), row["role"]
        value = _int(path, number, row["value"])
        if not form or role not in _NUMBER_ROLES:
            raise LexiconError(f"{path.name} row {number}: a form and a known role are required")
        if value is None and role not in {"few", "few_of", "other"}:
            raise LexiconError(f"{path.name} row {number}: a value is required for a {role}")
        if form in numbers:
            raise LexiconError(f"{path.name} row {number}: duplicate form {row['form']!r}")
        numbers[form] = _Number(value, role, _int(path, number, row["alone"]))
    return numbers


def load_nouns(path: Path = WHO_PATH) -> dict[tuple[str, ...], _Noun]:
    nouns: dict[tuple[str, ...], _Noun] = {}
    for number, row in read_rows(path, ["form", "who", "count"]):
        form, who = tuple(normalize_key(row["form"]).split()), row["who"] or None
        if not form or (who is not None and who not in WHO):
            raise LexiconError(f"{path.name} row {number}: a form and a who among {', '.join(WHO)} (or none)")
        if form in nouns:
            raise LexiconError(f"{path.name} row {number}: duplicate form {row['form']!r}")
        nouns[form] = _Noun(who, _int(path, number, row["count"]))
    return nouns


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    months = {normalize_key(row["name"]).split()[0]
              for path in MONTH_PATHS for _, row in read_rows(path, ["name"])}
    nouns = load_nouns()
    heads = frozenset(form[0] for form in nouns if len(form) > 1)
    return _Lexicons(load_words(), load_numbers(), nouns, heads, frozenset(months))


# --- tokens --------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\d+(?:,\d{3})+(?!\d)|\d+|[^\W\d_]+|[^\w\s]")
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
_PRONOUNS = ("هما", "هم", "هن", "ها", "نا", "ه")


@dataclass(frozen=True)
class _Token:
    key: str  # normalised
    start: int  # offsets in the original text
    end: int
    punct: bool
    digit: bool


_OPENING = frozenset('("«[“')
_CLOSING = frozenset(')"»]”')


def _tokenize(text: str) -> list[_Token]:
    """The sentence's words, numbers and punctuation marks; a number's brackets or quotes are left out
    (`استشهاد (15) وإصابة (33)` reads as `استشهاد 15 وإصابة 33`), when the number stands alone between them."""
    normalized = normalize(text)
    tokens = []
    for match in _TOKEN_RE.finditer(normalized.text):
        start, end = normalized.span_to_original(match.start(), match.end())
        key = match.group()
        tokens.append(_Token(key, start, end, not (key[0].isalnum()), key[0].isdigit()))
    bracketed = {at for i in range(len(tokens) - 2)
                 if tokens[i].key in _OPENING and tokens[i + 1].digit and tokens[i + 2].key in _CLOSING
                 for at in (i, i + 2)}  # a number alone between them, not `" 52 سنة"`
    return [token for i, token in enumerate(tokens) if i not in bracketed]


@lru_cache(maxsize=65536)
def _stems(key: str) -> tuple[tuple[str, bool, str, bool], ...]:
    """(stem, after a conjunction, the preposition before it, definite) for a word and the word without
    its proclitics (و ف, then ب ل ك, then the article), the word itself first."""
    stems = []
    for conjunction in _CONJUNCTIONS:
        if not key.startswith(conjunction):
            continue
        rest = key[len(conjunction):]
        for preposition in _PREPOSITIONS:
            if not rest.startswith(preposition):
                continue
            stem = rest[len(preposition):]
            article = "ل" if preposition == "ل" else "ال"  # ل + ال is written لل
            if len(stem) >= 2:
                stems.append((stem, bool(conjunction), preposition, False))
            if stem.startswith(article) and len(stem) - len(article) >= 2:
                stems.append((stem[len(article):], bool(conjunction), preposition, True))
    return tuple(stems)


def _definite(key: str) -> bool:
    """The word carries the article (الجندي، والجندي، بالجندي، للجندي)."""
    return any(key.startswith(c + a) for c in _CONJUNCTIONS for a in ("ال", "بال", "كال", "لل"))


def _without_pronoun(stem: str) -> list[str]:
    """An indefinite noun without the pronoun on it (جنوده -> جنود، زوجته -> زوجة)."""
    bare = []
    for pronoun in _PRONOUNS:
        if stem.endswith(pronoun) and len(stem) - len(pronoun) >= 3:
            bare.append(stem[:-len(pronoun)])
            if bare[-1].endswith("ت"):  # the teh marbuta is written ت before a pronoun
                bare.append(bare[-1][:-1] + "ه")
    return bare


@lru_cache(maxsize=65536)
def _head_forms(key: str) -> tuple[tuple[str, bool], ...]:
    """The forms a word may have as the first (or only) word of a person noun, each with whether و came
    on it: its proclitics set aside, and a pronoun taken off an indefinite one."""
    forms = [(stem, conj) for stem, conj, _, _ in _stems(key)]
    for stem, conj, _, definite in _stems(key):
        if not definite and not stem.startswith("ال"):  # a definite noun takes no pronoun: المسلحة
            forms += [(bare, conj) for bare in _without_pronoun(stem)]
    return tuple(forms)


@lru_cache(maxsize=65536)
def _tail_forms(key: str) -> tuple[str, ...]:
    """The forms of a later word of a person noun (حزب الله، قوات النظام): as written or without the
    article, or an indefinite one without its pronoun (قواتنا)."""
    if key.startswith("ال"):
        return key, key[2:]
    return (key, *_without_pronoun(key))


# --- the reader ----------------------------------------------------------------------------

# Grammar, not lexicon: the conjunctions, the range connectors, مع (along with), في (of في صفوف).
_AND = "و"
_OR = "او"
_RANGE_TO = frozenset({"الي", "حتي", "-", "–"})
_WITH = "مع"
_IN = "في"
_BETWEEN = "بين"
_OF = "من"
_COMMAS = frozenset({"،", ","})
_QUOTES = frozenset('«»"“”()')


class _Hit(NamedTuple):
    entry: _Word
    conj: bool  # the word carried و or ف
    definite: bool
    preposition: str  # the ب ل ك it carried, or ""


class _Victim(NamedTuple):
    kind: str
    last: int  # the last token (the second noun of `قتيل وجريح`)
    count: int | None  # its own count (قتيلين: 2); None for a plural or a pair
    definite: bool
    conj: bool


class _Found(NamedTuple):
    distance: int  # words between the count and the cue
    kind: str | None  # None: a blocker (أسرت، فقد)
    first: int
    last: int
    entry: _Word | None


@dataclass
class _Count:
    """A count in the sentence: a number phrase, or a noun that is a count by itself."""

    first: int  # token indices, inclusive
    last: int  # the last token of the count, over آخرين / واحد after it
    number_last: int  # the last token of the number itself (a range's top included)
    low: int | None
    high: int | None = None
    conj: bool = False  # joined by و to what comes before
    victim: str | None = None  # the count is a victim noun (قتيلين): its kind
    noun: _Noun | None = None  # the count is a person noun (جنديين; جندي after مقتل)
    status: str = "count"  # count | blocked | part (of a count already given)
    kind: str | None = None
    start: int = 0  # token span of the phrase
    end: int = 0
    cue_after: bool = False  # the cue follows the count (`17 فردا ... قتلوا`)
    bonus: int = 0  # added to low (`لقي مصرعه مع 40 آخرين`)


class _Reader:
    """One sentence read for casualty figures: its tokens, the counts in them, and what each counts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = _lexicons()
        self.tokens = _tokenize(text)
        self.n = len(self.tokens)
        self.counts: list[_Count] = []
        self.count_at: dict[int, _Count] = {}
        self.used: set[int] = set()
        self.memo: dict[tuple[int, str, bool], _Hit | None] = {}
        self.noun_memo: dict[int, tuple[_Noun, int, bool] | None] = {}

    # -- words --

    def is_key(self, i: int, key: str) -> bool:
        return 0 <= i < self.n and self.tokens[i].key == key

    def word(self, i: int, role: str, bare: bool = False) -> _Hit | None:
        """Token i as a word of `role` in casualty_words.csv, its proclitics set aside (bare: all but a
        preposition, which a noun counted by a number never carries)."""
        if not 0 <= i < self.n:
            return None
        memo = (i, role, bare)
        if memo not in self.memo:
            self.memo[memo] = None
            stems = _stems(self.tokens[i].key) or ((self.tokens[i].key, False, "", False),)
            for stem, conj, preposition, definite in stems:
                entry = self.lex.words.get(stem, {}).get(role)
                if entry and not (bare and preposition):
                    self.memo[memo] = _Hit(entry, conj, definite, preposition)
                    break
        return self.memo[memo]

    def has(self, i: int, *roles: str) -> bool:
        return any(self.word(i, role) for role in roles)

    def cue(self, i: int, roles: tuple[str, ...]) -> _Hit | None:
        for role in roles:
            hit = self.word(i, role)
            if hit:
                return hit
        return None

    def number(self, i: int) -> tuple[_Number, bool] | None:
        """Token i as a number word, with whether و came on it (the article only on vague counts)."""
        if not 0 <= i < self.n or self.tokens[i].punct or self.tokens[i].digit:
            return None
        for stem, conj, preposition, definite in _stems(self.tokens[i].key):
            entry = self.lex.numbers.get(stem)
            article_allowed = entry is not None and entry.role in {"vague", "multiplier", "few_of"}
            if entry and not preposition and (not definite or article_allowed):
                return entry, conj
        return None

    def noun(self, i: int) -> tuple[_Noun, int, bool] | None:
        """The person noun of one to three words starting at token i: (noun, last token, after و)."""
        if i not in self.noun_memo:
            self.noun_memo[i] = self._noun(i)
        return self.noun_memo[i]

    def _noun(self, i: int) -> tuple[_Noun, int, bool] | None:
        if not 0 <= i < self.n or self.tokens[i].punct:
            return None
        firsts = _head_forms(self.tokens[i].key)
        heads = [(head, conj) for head, conj in firsts if head in self.lex.heads]
        for length in (3, 2) if heads else ():  # the longest name first: قوات النظام، الدولة الإسلامية
            if i + length > self.n or any(self.tokens[j].punct for j in range(i + 1, i + length)):
                continue
            rest = [_tail_forms(self.tokens[j].key) for j in range(i + 1, i + length)]
            for head, conj in heads:
                for tail in _product(rest):
                    noun = self.lex.nouns.get((head, *tail))
                    if noun:
                        return noun, i + length - 1, conj
        for stem, conj in firsts:
            noun = self.lex.nouns.get((stem,))
            if noun:
                return noun, i, conj
        return None

    def victim(self, i: int) -> _Victim | None:
        """A victim noun at token i (قتلى، جريحا), or a pair of both kinds (`قتيل وجريح`, `قتلى وجرحى`)."""
        hit = self.word(i, "victim")
        if not hit:
            return None
        kind = hit.entry.kind or "killed"
        j = i + 1
        joined = self.is_key(j, _AND) or self.is_key(j, _OR)
        k = j + 1 if joined else j
        other = self.word(k, "victim")
        # قتلى وجرحى، قتيل وجريح; not قتلى وإصابة 24, where إصابة begins the next figure
        if other and other.entry.kind != kind and (joined or other.conj) and not self.has(k, "before"):
            return _Victim("killed_or_wounded", k, None, hit.definite, hit.conj)
        return _Victim(kind, i, hit.entry.count, hit.definite, hit.conj)

    def in_pair(self, i: int) -> bool:
        """Token i is one noun of `قتيل وجريح`."""
        for start in (i - 1, i - 2):
            if start >= 0 and self.word(start, "victim"):
                victim = self.victim(start)
                if victim and victim.last == i and victim.kind == "killed_or_wounded":
                    return True
        victim = self.victim(i)
        return bool(victim and victim.last > i)

    # -- counts --

    def find_counts(self) -> None:
        i = 0
        while i < self.n:
            count = self.count_from(i)
            if count is None:
                i += 1
                continue
            self.counts.append(count)
            for j in range(count.first, count.last + 1):
                self.count_at[j] = count
            i = count.last + 1

    def count_from(self, i: int) -> _Count | None:
        token = self.tokens[i]
        if token.punct:
            return None
        after_count = i - 1 in self.count_at
        conj = self.is_key(i - 1, _AND)
        number = self.number(i)
        if token.digit or number:
            after_noun = after_count or self.noun(i - 1) or self.word(i - 1, "victim")
            if number and number[0].role == "other" and after_noun:
                return None  # `مدنيا آخرين` continues a phrase
            return self.number_count(i, conj)
        if self.word(i, "victim"):
            victim = self.victim(i)
            if after_count or victim is None or victim.count is None or victim.definite or self.in_pair(i):
                return None  # الشهيد: one already named
            return _Count(i, i, i, victim.count, conj=conj or victim.conj, victim=victim.kind)
        found = self.noun(i)
        if found and found[1] == i and found[0].count and not after_count:
            noun = found[0]
            definite = _definite(token.key)
            cues = [hit for hit in (self.word(i - 1, "before"), self.word(i - 1, "both")) if hit]
            after_cue = any(hit.entry.one == "yes" or (hit.entry.one == "indefinite" and not definite)
                            for hit in cues)
            if noun.count == 2 or after_cue:
                return _Count(i, self.extend_other(i), i, noun.count, conj=conj or found[2], noun=noun)
        return None

    def number_count(self, i: int, conj: bool) -> _Count | None:
        parsed = self.parse_number(i)
        if parsed is None:
            return None
        low, last, word_conj = parsed
        count = _Count(i, last, last, low, conj=conj or word_conj)
        self.read_range(count)
        count.last = self.extend_other(count.number_last)
        return count

    def extend_other(self, last: int) -> int:
        """A count goes on over آخرين / آخرون / واحد right after it (`17 آخرين`, `شخص واحد`)."""
        found = self.number(last + 1)
        if found and found[0].role in {"other", "postposed"} and not found[1]:
            return last + 1
        return last

    def parse_number(self, i: int) -> tuple[int | None, int, bool] | None:
        """The value of the number phrase at token i, its last token, and whether و came on it."""
        token = self.tokens[i]
        if token.digit:
            value = int(token.key.replace(",", ""))
            following = self.number(i + 1)
            if following and following[0].role == "multiplier" and not following[1]:  # 240 ألف
                return value * (following[0].value or 1), i + 1, False
            return value, i, False
        found = self.number(i)
        if found is None:
            return None
        entry, conj = found
        following = self.number(i + 1)
        if entry.role in {"few", "other"}:
            return entry.value, i, conj
        if entry.role == "few_of":  # عدد من، عدد كبير من، عدد آخر
            other = following is not None and following[0].role == "other"
            return (None, i, conj) if self.is_key(i + 1, _OF) or self.is_key(i + 2, _OF) or other else None
        if entry.role == "postposed" and not self.is_key(i + 1, _OF) \
                and not (following and following[0].role == "tens" and following[1]):
            return None  # واحد is a count only in `واحد من` and `واحد وعشرون`
        if entry.role in {"multiplier", "vague"}:
            value = entry.alone if entry.role == "multiplier" else entry.value
            if entry.role == "vague" and following and following[0].role == "multiplier" and not following[1]:
                return (value or 0) * (following[0].value or 1), i + 1, conj  # عشرات الآلاف
            return value, i, conj
        return self._compound(i, entry, conj)

    def _compound(self, i: int, entry: _Number, conj: bool) -> tuple[int, int, bool]:
        """Number words read on: `أحد عشر`, `خمسة وعشرون`, `ثلاث مئة`, `تسعة آلاف`, `مائة وخمسون`."""
        total, current, last_role, j = 0, entry.value or 0, entry.role, i + 1
        while j < self.n:
            found = self.number(j)
            if not found:
                break
            following, joined = found
            value = following.value or 0
            if following.role == "ten" and not joined and last_role in {"unit", "postposed"}:
                current, last_role = current + 10, "teen"
            elif following.role == "tens" and joined and last_role in {"unit", "postposed"}:
                current, last_role = current + value, "tens"
            elif following.role == "hundred" and value == 100 and not joined and last_role == "unit":
                current, last_role = current * 100, "hundred"
            elif following.role == "multiplier" and not joined and last_role != "multiplier":
                total, current, last_role = total + max(current, 1) * value, 0, "multiplier"
            elif joined and last_role in {"hundred", "multiplier"} and following.role in _ADDED:
                current, last_role = current + value, following.role  # مائة وخمسون، ألف وخمسمائة
            else:
                break
            j += 1
        return total + current, j - 1, conj

    def read_range(self, count: _Count) -> None:
        """`ما بين 10 و15`, `10 إلى 15`, `10-15` give a top; `ارتفع ... من 10 إلى 15` gives 15 alone."""
        j = count.number_last + 1
        if j >= self.n or count.low is None:
            return
        found = self.number(j)
        if self.tokens[j].key in _RANGE_TO or self.tokens[j].key == _AND:
            connector, start = self.tokens[j].key, j + 1
        elif found and found[1]:
            connector, start = _AND, j  # وخمسة
        else:
            return
        is_number = start < self.n and (self.tokens[start].digit or self.number(start))
        parsed = self.parse_number(start) if is_number else None
        if parsed is None or parsed[0] is None:
            return
        top, last, _ = parsed
        if connector == _AND:
            if not self.is_key(count.first - 1, _BETWEEN):
                return
        elif top <= count.low:
            return
        elif self.is_key(count.first - 1, _OF) and any(
                self.has(k, "rise") for k in range(max(0, count.first - 2 - PRE_WINDOW), count.first - 1)):
            count.low, count.number_last = top, last
            return
        count.high, count.number_last = top, last

    # -- which counts are casualty figures, and of what --

    def classify(self) -> None:
        for count in self.counts:
            count.status = self.status(count)
            first = self.approx_start(count.first)
            if first < count.first and self.tokens[first].key.startswith(_AND):
                count.conj = True  # ونحو 30
        for index, count in enumerate(self.counts):
            previous = self.counts[index - 1] if index else None
            if count.conj and ((previous and previous.status == "part" and self.joined(previous, count))
                               or self.in_part_clause(count)):
                count.status = "part"  # `بينهم 12 طفلا وست نساء`، `بينهم عقيد منشق واثنان من القادة`
        for count in self.counts:
            if count.status == "count":
                self.resolve(count)
        self.coordinate()

    def status(self, count: _Count) -> str:
        """count, blocked (a date, an age, missiles...) or part (of a count already given)."""
        before, after = count.first - 1, count.number_last + 1
        of_victims = self.is_key(count.last + 1, _OF) and self.definite_victim(count.last + 2)
        among_victims = self.definite_victim(before) and self.is_key(before - 1, _BETWEEN)
        if self.has(before, "sub") or among_victims or (of_victims and count.low is not None):
            return "part"  # بينهم ثلاثة أطفال، تسعة من القتلى، بين القتلى طفلين
        if count.victim or count.noun:
            return "count"
        if self.word(before, "block_prev", bare=True) or self.is_key(before, "ال"):  # عام 2014، الـ15
            return "blocked"
        two = " ".join(token.key for token in self.tokens[after:after + 2])
        if self.word(after, "block_next", bare=True) or "block_next" in self.lex.words.get(two, {}) \
                or (after < self.n and self.tokens[after].key in self.lex.months):
            return "blocked"  # 600 ضربة، 25 في المائة، 31 يوليو
        token = self.tokens[count.first]
        if token.digit and token.key.startswith("0") and token.key != "0":
            return "blocked"  # a telephone number, a code
        if any(self.is_key(k, "/") and 0 <= k + step < self.n and self.tokens[k + step].digit
               for k, step in ((after, 1), (before, -1))):
            return "blocked"  # a date: 1436/10/15
        alone = token.digit and count.first == count.number_last
        year = alone and 1900 <= int(token.key.replace(",", "")) <= 2100
        if year and not (self.word(after, "victim") or self.noun(after)):
            return "blocked"  # a year
        return "count"

    def in_part_clause(self, count: _Count) -> bool:
        """The count is joined by و into a `بينهم ...` clause: a sub word a few words back, with no
        punctuation, cue or other count between."""
        if self.word(count.last + 1, "victim") or self.word(count.last + 1, "counted"):
            return False  # عشرة قتلى بينهم امرأة و15 جريحا: a figure of its own
        i = self.approx_start(count.first) - 1
        for k in range(i, max(-1, i - COORDINATION_GAP), -1):
            cue = self.cue(k, ("before", "after", "both", "victim"))
            if self.tokens[k].punct or k in self.count_at or cue:
                return False
            if self.has(k, "sub"):
                return True
        return False

    def definite_victim(self, i: int) -> bool:
        hit = self.word(i, "victim")
        return bool(hit and hit.definite)

    def joined(self, previous: _Count, count: _Count) -> bool:
        """Two counts joined by و with only their nouns between (`43 من الحوثيين وقوات صالح و7`)."""
        first = self.approx_start(count.first)
        between = range(previous.last + 1, first)
        if len(between) > COORDINATION_GAP:
            return False
        roles = ("before", "after", "both", "victim", "stop", "block_verb")
        # a comma may stand before the و of a list (`مقتل 6 مقاتلين من المقاومة، و11 حوثيا`)
        comma = first - 2 if self.is_key(first - 1, _AND) else first - 1
        return not any((self.tokens[k].punct and not (k == comma and self.tokens[k].key in _COMMAS))
                       or self.cue(k, roles) for k in between)

    def resolve(self, count: _Count) -> None:
        first = self.approx_start(count.first)
        count.start, count.end = first, count.last
        if count.victim:
            count.kind = count.victim
            return
        after = count.last + 2 if count.low is None and self.is_key(count.last + 1, _OF) else count.last + 1
        victim = self.victim(after)
        if victim and not victim.conj:  # `5 قتلى`, `عشرات الجرحى`, `60 قتيلا وجريحا`, `عدد من القتلى`
            count.kind, count.end = victim.kind, victim.last
            return
        counted = self.word(after, "counted")
        if counted and not counted.conj:  # 30 مصابا، 40 إصابة
            count.kind, count.end = counted.entry.kind, after
            return
        case = self.cue(after + 1, ("before", "victim")) if self.has(after, "case") else None
        if case:  # 15 حالة وفاة
            count.kind, count.end = case.entry.kind, after + 1
            return
        before, after = self.scan_back(first, count.conj), self.scan_forward(count.last)
        options = [found for found in (before, after) if found]
        if not options:
            return
        # the nearer cue; on a tie the one before, unless the count begins a clause with و (قتلوا ومئات جرحوا)
        found = min(options, key=lambda option: (option.distance, option.first < count.first) if count.conj
                    else option.distance)
        if found.kind is None:
            count.status = "blocked"
            return
        count.kind, count.cue_after = found.kind, found.first > count.last
        count.start, count.end = min(first, found.first), max(count.last, found.last)
        if not count.cue_after and self.is_key(first - 1, _WITH) and found.entry and found.entry.count:
            count.bonus = found.entry.count  # `لقي مصرعه مع 40 آخرين`: 41

    def approx_start(self, first: int) -> int:
        """A count's phrase starts with its approximation (`أكثر من`, `نحو`, `ما بين`, `على الأقل`)."""
        i = first
        while i > 0 and (self.has(i - 1, "approx", "glue") or self.is_key(i - 1, _BETWEEN)):
            i -= 1
            if self.tokens[i].key.startswith(_AND) and not self.is_key(i, _AND):
                break  # ونحو 100: the phrase before belongs to another count
        while i < first and self.has(i, "glue") and not (self.has(i, "approx") or self.is_key(i, _BETWEEN)):
            i += 1
        return i

    def scan_back(self, first: int, conj: bool = False) -> _Found | None:
        """The cue before a count (`مقتل 11`, `أصيب مساء أمس أربعة`, `عدد القتلى ارتفع إلى نحو 100`), or a
        blocker (`أسرت 70`)."""
        distance, i = 0, first - 1
        while i >= 0 and distance <= PRE_WINDOW:
            if self.tokens[i].punct or i in self.count_at or self.has(i, "stop", "lead"):
                return None
            hit = self.cue(i, ("before", "both"))
            if hit and hit.definite:
                hit = None  # القتل، الإصابة: the act in general (بالقتل والدمار ... نحو مليون مواطن)
            victim = self.word(i, "victim")
            joined = conj and (distance == 0 or (distance == 1 and self.is_key(first - 1, _AND)))
            if hit or (victim and victim.definite and not joined):  # not أقارب الشهيدين وعدد من المواطنين
                hit = hit or victim
                assert hit is not None
                kind, start = hit.entry.kind or "killed", i
                # one count of both: two verbal nouns (مقتل وإصابة 60) or two victim nouns (القتلى والجرحى)
                other = self.word(i - 1, "victim" if hit.entry.role == "victim" else "before")
                if hit.conj and other and other.entry.kind != kind and other.entry.role == hit.entry.role:
                    kind, start = "killed_or_wounded", i - 1
                return _Found(distance, kind, start, i, hit.entry)
            if self.has(i, "block_verb"):
                return _Found(distance, None, i, i, None)
            distance, i = distance + 1, i - 1
        return None

    def scan_forward(self, last: int) -> _Found | None:
        """The verb after a count's noun phrase (`17 فردا من المتمردين قتلوا`, `سقطوا بين قتيل وجريح`),
        over the parts of it (`57 مدنيا بينهم 12 طفلا ... قتلوا`) and the counts joined to it (`25 حوثيا
        و10 من رجال المقاومة سقطوا قتلى`)."""
        distance, i = 0, last + 1
        while i < self.n and distance <= POST_WINDOW:
            if self.tokens[i].punct or self.has(i, "stop"):
                return None
            if i in self.count_at:
                other = self.count_at[i]
                if other.status != "part" and not other.conj:
                    return None
                i = other.last + 1
                continue
            hit = self.cue(i, ("after", "both"))
            if hit:
                return _Found(distance, hit.entry.kind, i, i, hit.entry)
            if self.has(i, "before"):
                return None  # the cue of the next figure (وإصابة 3)
            victim = self.victim(i)
            if victim and not victim.definite:  # سقطوا قتلى; not عدد من أقارب الشهيد
                return _Found(distance, victim.kind, i, victim.last, None)
            if self.has(i, "block_verb"):
                return _Found(distance, None, i, i, None)
            distance, i = distance + 1, i + 1
        return None

    def coordinate(self) -> None:
        """A count with no cue of its own takes the kind of the count it is joined to by و: the one before
        (`إصابة 43 ... و7`), else the one after when that one's cue follows it (`25 حوثيا و10 ... سقطوا
        قتلى`)."""
        counts = [count for count in self.counts if count.status == "count"]
        pairs = list(zip(counts, counts[1:], strict=False))
        for previous, count in pairs:
            if count.kind is None and previous.kind and count.conj and self.joined(previous, count):
                count.kind, count.start, count.end = previous.kind, self.approx_start(count.first), count.last
        for count, following in reversed(pairs):
            if count.kind is None and following.kind and following.cue_after and following.conj \
                    and self.joined(count, following):
                count.kind, count.cue_after = following.kind, True
                count.start, count.end = self.approx_start(count.first), count.last

    # -- figures --

    def figures(self) -> list[Casualties]:
        found: list[tuple[int, int, str, int | None, int | None, str | None]] = []
        for count in self.counts:
            if count.status != "count" or count.kind is None:
                continue
            self.used.update(range(count.start, count.end + 1))
            who, end = self.who(count)
            low = None if count.low is None else count.low + count.bonus
            found.append((count.start, end, count.kind, low, count.high, who))
        found += self.uncounted()
        return [self.figure(*item) for item in sorted(found)]

    def figure(self, first: int, last: int, kind: str, low: int | None, high: int | None,
               who: str | None) -> Casualties:
        at_least = self.has(last + 2, "approx") and self.tokens[last + 2].key.startswith("ال")
        if self.has(last + 1, "glue") and at_least:
            last += 2  # على الأقل
        start, end = self.tokens[first].start, self.tokens[last].end
        if self.tokens[last].digit and self.text[end:end + 1] in _CLOSING:
            end += 1  # `استشهاد (15)`: the bracket the tokens left out
        return Casualties(kind, low, high, who, start, end, self.text[start:end])

    def uncounted(self) -> list[tuple[int, int, str, int | None, int | None, str | None]]:
        """Figures with no count of their own: `لقي مصرعه` (one), `سقوط قتلى`, `بين قتيل وجريح` (a count
        the text does not give), `دون وقوع إصابات` (none)."""
        found = []
        i = 0
        while i < self.n:
            if i in self.used or i in self.count_at:
                i += 1
                continue
            hit = self.cue(i, ("before", "after", "both"))
            if hit and hit.entry.count and hit.preposition != "ب":  # مصرعه، إصابته; not متأثرا بإصابته
                first = i - 1 if self.has(i - 1, "lead") else i  # لقي مصرعه
                found.append((first, i, hit.entry.kind or "killed", hit.entry.count, None, None))
            victim = self.victim(i) if not hit else None
            if victim and not victim.definite and (victim.count is None or victim.last > i):
                pair = victim.last > i
                if pair or self.has(i - 1, "fall", "negation"):
                    negated = any(self.has(k, "negation") for k in range(max(0, i - NEGATION_WINDOW), i))
                    who, end = self.who_after(victim.last + 1, victim.last)
                    introduced = self.is_key(i - 1, _BETWEEN) or self.has(i - 1, "fall", "negation")
                    first = i - 1 if introduced else i
                    if first < i and self.has(first, "fall") and self.has(first - 1, "negation"):
                        first -= 1  # دون وقوع إصابات
                    found.append((first, end, victim.kind, 0 if negated else None, None, who))
                    i = victim.last + 1
                    continue
            i += 1
        return found

    def who(self, count: _Count) -> tuple[str | None, int]:
        if count.noun and count.noun.who:
            return count.noun.who, count.end
        return self.who_after(count.last + 1, count.end)

    def who_after(self, i: int, end: int) -> tuple[str | None, int]:
        """Who a count counts: the noun right after it (`11 مدنيا`, `15 مسلحا حوثيا`), else the group
        after من / بين / في صفوف (`60 عنصرا من الحوثيين`, `مائة جريح في صفوف المدنيين`). Returns the
        phrase's end, taken on over the group."""
        for _ in range(2):  # the counted noun (or the victim noun), then one more
            found = self.noun(i)
            if found and found[2]:
                break  # وامرأة: another person, not who the count counts
            if found and found[0].who:
                return found[0].who, max(found[1], end)
            other = self.number(i)
            if not (found or self.word(i, "victim") or (other and other[0].role == "other")):
                break
            i = found[1] + 1 if found else i + 1
            end = max(end, i - 1)  # the phrase runs over the counted noun: مقتل ثمانية أشخاص
        if self.is_key(i, _IN) and self.has(i + 1, "of"):
            i += 1
        if not self.has(i, "of"):
            return None, end
        for j in range(i + 1, min(self.n, i + 1 + WHO_WINDOW)):
            if self.tokens[j].key in _QUOTES:
                continue  # من «بوكو حرام»
            if self.tokens[j].punct or j in self.count_at or self.cue(j, ("before", "after", "both", "stop")):
                break
            found = self.noun(j)
            if found and found[0].who:
                return found[0].who, max(found[1], end)
        return None, end


def _product(options: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [()]
    for choices in options:
        keys = [key + (choice,) for key in keys for choice in choices]
    return keys


_CUE_ROLES = ("before", "after", "both", "victim")


@lru_cache(maxsize=1)
def _cue_stems() -> frozenset[str]:
    """The words casualty_words.csv gives a cue or victim role: a sentence without one has no figure."""
    return frozenset(stem for stem, roles in _lexicons().words.items() if any(roles.get(r) for r in _CUE_ROLES))


def _has_cue(reader: _Reader) -> bool:
    """Some token is a cue or victim word (what reader.cue finds, without building its hits)."""
    cues = _cue_stems()
    return any(stem in cues for token in reader.tokens
               for stem, *_ in (_stems(token.key) or ((token.key,),)))


def casualties_in(text: str) -> list[Casualties]:
    """Every casualty figure in one sentence, in text order."""
    reader = _Reader(text)
    if not _has_cue(reader):
        return []
    reader.find_counts()
    reader.classify()
    return reader.figures()
