"""Features of ONE word type for the named-entity tagger, and the normalisation behind them.

Every feature is a function of a single word type (its form, normalised form, clitic-stripped
form, affixes, shape, name-list membership, word clusters). The tagger looks at the words at
offsets -2..+2 of a position, and prefixes each feature with its offset (`-1|w=...`), so the
score of a label at a position is a sum of per-(word type, offset) vectors that can be computed
once per word type and cached. That is what makes the tagger fast without torch.

Normalisation: camel-tools' dediacritisation and alef / alef-maksura / teh-marbuta normalisers
(their effect on U+0600..U+06FF written out as a str.translate table, checked against
camel-tools by the tests), tatweel and zero-width controls removed, Arabic-Indic digits to
ASCII, Latin lower-cased.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import numpy as np

OFFSETS = (-2, -1, 0, 1, 2)
PAD = "<PAD>"  # the word type standing for positions outside the sentence

_DELETE = "\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"

# Words: letters, digits, Arabic marks and tatweel; everything else but spaces is one token per character.
_TOKEN = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]+|[^\w\s]",
                    re.UNICODE)
_ARABIC = re.compile(r"[\u0621-\u064A]")
_LATIN = re.compile(r"[a-z]")
_DIGITS = re.compile(r"^[0-9]+([.,][0-9]+)*$")


def tokenize_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """Tokens with their character offsets: words, and each punctuation or symbol on its own
    (as camel-tools' simple_word_tokenize splits them)."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def tokenize(text: str) -> list[str]:
    """The tokens of `tokenize_with_offsets`, without offsets."""
    return _TOKEN.findall(text)


# What camel-tools' dediac_ar, normalize_alef_ar, normalize_alef_maksura_ar and
# normalize_teh_marbuta_ar do to each character of U+0600..U+06FF (tests/test_ner_tagger.py
# checks this against camel-tools), written out so that the tagger does not import camel-tools.
_CAMEL_MAP = {
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",  # alefs
    "\u0649": "\u064a",  # alef maksura -> yeh
    "\u0629": "\u0647",  # teh marbuta -> heh
    **{chr(code): "" for code in range(0x064B, 0x0653)},  # harakat, shadda, sukun
    "\u0670": "",  # superscript alef
}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {ord(c): "" for c in _DELETE}
    table.update({ord(c): out for c, out in _CAMEL_MAP.items()})
    for code in range(0x0660, 0x066A):
        table[code] = str(code - 0x0660)
    for code in range(0x06F0, 0x06FA):
        table[code] = str(code - 0x06F0)
    table[0x06A9] = "\u0643"  # keheh -> kaf
    table[0x06CC] = "\u064a"  # farsi yeh -> yeh
    return table


def normalize_word(word: str) -> str:
    """The matching form of a word: dediacritised, alef/yeh/teh-marbuta normalised, lower-cased."""
    return word.translate(_table()).lower()


_PROCLITIC_CONJ = ("و", "ف")
_PROCLITIC_PREP = ("ب", "ل", "ك")


def strip_clitics(norm: str) -> str:
    """A normalised word without its leading و/ف, ب/ل/ك and the article ال (لل for ل+ال),
    when at least three letters stay."""
    word = norm
    if len(word) > 3 and word[0] in _PROCLITIC_CONJ:
        word = word[1:]
    if len(word) > 4 and word.startswith("لل"):
        return word[2:]
    if len(word) > 3 and word[0] in _PROCLITIC_PREP and word[1:3] == "ال" and len(word) > 5:
        word = word[1:]
    if len(word) > 4 and word.startswith("ال"):
        word = word[2:]
    return word


def _shape(word: str) -> str:
    if _DIGITS.match(word):
        return "D"
    if _ARABIC.search(word):
        return "A" if not any(ch.isdigit() for ch in word) else "AD"
    if _LATIN.search(word):
        return "L"
    if len(word) == 1 and not word.isalnum():
        return "P"
    return "X"


class FeatureResources:
    """What the features look words up in: word clusters, name lists and word vectors (all keyed
    by normalised forms). `vector_index` maps a word to its row of `vectors` (words x dims)."""

    def __init__(self, clusters: Mapping[str, tuple[str, ...]] | None = None,
                 gazetteers: Mapping[str, frozenset[str]] | None = None,
                 vector_index: Mapping[str, int] | None = None,
                 vectors: np.ndarray | None = None) -> None:
        self.clusters = clusters or {}
        self.gazetteers = gazetteers or {}
        self.vector_index = vector_index or {}
        self.vectors = vectors


VECTOR_OFFSETS = (-1, 0, 1)  # offsets whose word vector is a (real-valued) feature


def vector_row(word: str, resources: FeatureResources) -> int:
    """The row of a word type's vector in resources.vectors (its normalised form's, else its
    clitic-stripped form's), or -1."""
    if word == PAD or not resources.vector_index:
        return -1
    norm = normalize_word(word)
    return _vector_row(norm, strip_clitics(norm), resources)


def _vector_row(norm: str, stem: str, resources: FeatureResources) -> int:
    row = resources.vector_index.get(norm)
    return resources.vector_index.get(stem, -1) if row is None else row


def vector_features(words: list[str], resources: FeatureResources,
                    offsets: tuple[int, ...] = VECTOR_OFFSETS) -> list[dict[str, float]]:
    """The real-valued attributes of a sentence (for training): `{k}|e{d}` -> component d of the
    vector of the word at offset k, for k in `offsets` (a subset of OFFSETS)."""
    n = len(words)
    out: list[dict[str, float]] = [{} for _ in range(n)]
    if resources.vectors is None:
        return out
    rows = [vector_row(w, resources) for w in words]
    for i in range(n):
        for k in offsets:
            j = i + k
            if 0 <= j < n and rows[j] >= 0:
                vec = resources.vectors[rows[j]]
                out[i].update((f"{k}|e{d}", float(v)) for d, v in enumerate(vec))
    return out


def word_features(word: str, resources: FeatureResources) -> tuple[list[str], list[str]]:
    """(core, local) features of one word type. Core features are used at every offset -2..+2,
    local ones (affixes, shape details) only at offsets -1..+1."""
    if word == PAD:
        return ["PAD"], []
    norm = normalize_word(word)
    return _features(word, norm, strip_clitics(norm), resources)


def _features(word: str, norm: str, stem: str, resources: FeatureResources) -> tuple[list[str], list[str]]:
    shape = _shape(norm)
    core = ["w=" + norm, "sh=" + shape]
    if shape == "P":
        return core, []
    if shape == "D":
        return ["sh=D", f"dl={min(len(norm), 5)}"], []
    if stem != norm:
        core.append("s=" + stem)
    for name, words in resources.gazetteers.items():
        if norm in words:
            core.append("g=" + name)
        elif stem in words:
            core.append("gs=" + name)
    ids = resources.clusters.get(norm)
    if ids:
        core.extend(f"c{level}={cid}" for level, cid in enumerate(ids))
    else:
        core.append("c=none")
    if stem != norm:
        ids = resources.clusters.get(stem)
        if ids:
            core.extend(f"sc{level}={cid}" for level, cid in enumerate(ids))
    local = ["p1=" + norm[:1], "p2=" + norm[:2], "p3=" + norm[:3],
             "x1=" + norm[-1:], "x2=" + norm[-2:], "x3=" + norm[-3:],
             "sx2=" + stem[-2:], "sp2=" + stem[:2], "sx3=" + stem[-3:], "sp3=" + stem[:3],
             "sx4=" + stem[-4:], f"len={min(len(stem), 9)}"]
    if word != norm:
        local.append("diac" if len(word) > len(norm) else "orth")
    return core, local


# Sports sentences: a country there is mostly a national team (ORG in NewsFANE), a city a club.
# A sentence whose words score TOPIC_THRESHOLD or more (strong words 2, weak ones 1; normalised,
# clitic-stripped forms) gets, at offset 0, its word's core features again prefixed `T|`.
TOPIC = "T"
TOPIC_THRESHOLD = 2
_SPORT_STRONG = ("مباراة مباريات منتخب مرمى تصفيات بطولة دوري لاعب لاعبي لاعبو لاعبين مدرب تعادل ملعب "
                 "شوط مونديال أولمبي أولمبية شباك ركلة هدفين أهداف تأهل مضيفة ضيفة نادي المنتخب الدوري كرة")
_SPORT_WEAK = "هدف فريق فاز فازت فوز خسر خسارة هزيمة نهائي كأس مجموعة ضيف مضيف التصفيات الكأس الفريق"


@lru_cache(maxsize=1)
def _sport_words() -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(normalize_word(w) for w in _SPORT_STRONG.split()),
            frozenset(normalize_word(w) for w in _SPORT_WEAK.split()))


def topic_score(word: str) -> int:
    """How much one word type says its sentence is about sports (0, 1 or 2)."""
    norm = normalize_word(word)
    return _topic_score(norm, strip_clitics(norm))


def _topic_score(norm: str, stem: str) -> int:
    strong, weak = _sport_words()
    if norm in strong or stem in strong:
        return 2
    return 1 if norm in weak or stem in weak else 0


def token_features(words: list[str], resources: FeatureResources, topic: bool = True) -> list[list[str]]:
    """The CRF attribute lists of a sentence (for training): each position's offset-prefixed
    features, and in a sports sentence (`topic_score`) the `T|` features of its word."""
    per_word = [word_features(w, resources) for w in words]
    pad_core = ["PAD"]
    out = []
    n = len(words)
    sports = topic and sum(topic_score(w) for w in words) >= TOPIC_THRESHOLD
    for i in range(n):
        feats = ["bias"]
        if sports:
            feats.append(TOPIC + "|bias")
            feats.extend(f"{TOPIC}|{f}" for f in per_word[i][0])
        for k in OFFSETS:
            j = i + k
            if 0 <= j < n:
                core, local = per_word[j]
            else:
                core, local = pad_core, []
            feats.extend(f"{k}|{f}" for f in core)
            if -1 <= k <= 1:
                feats.extend(f"{k}|{f}" for f in local)
        out.append(feats)
    return out


def offset_features(word: str, resources: FeatureResources) -> list[list[str]]:
    """For one word type, its attribute strings at each offset of OFFSETS (in that order)."""
    core, local = word_features(word, resources)
    return [[f"{k}|{f}" for f in (core + local if -1 <= k <= 1 else core)] for k in OFFSETS]


def analyse_word(word: str, resources: FeatureResources) -> tuple[list[str], int, int]:
    """For the tagger, all at once: `word_feature_list`, `vector_row` and `topic_score` of a word type."""
    if word == PAD:
        return ["PAD"], -1, 0
    norm = normalize_word(word)
    stem = strip_clitics(norm)
    core, local = _features(word, norm, stem, resources)
    row = _vector_row(norm, stem, resources) if resources.vector_index else -1
    return core + local, row, _topic_score(norm, stem)


def word_feature_list(word: str, resources: FeatureResources) -> list[str]:
    """All features of one word type, core and local, without offsets (for the tagger's lookup)."""
    core, local = word_features(word, resources)
    return core + local
