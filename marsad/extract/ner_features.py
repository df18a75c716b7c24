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
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np

from marsad.text.normalize import FastTable, fast_table, translate

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


def token_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each token of `tokenize_with_offsets`."""
    return list(map(re.Match.span, _TOKEN.finditer(text)))


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


@lru_cache(maxsize=1)
def _fast_table() -> FastTable:
    return fast_table(_table())


def normalize_word(word: str) -> str:
    """The matching form of a word: dediacritised, alef/yeh/teh-marbuta normalised, lower-cased."""
    return translate(word, _fast_table()).lower()


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
        # no letter is a digit: a word of letters only is "A" without looking at each character
        return "A" if word.isalpha() or not any(map(str.isdigit, word)) else "AD"
    if _LATIN.search(word):
        return "L"
    if len(word) == 1 and not word.isalnum():
        return "P"
    return "X"


class WordTable:
    """A fixed list of distinct strings, and each one's row (its index in that list), looked up
    without a Python dict or set.

    A dict of 100,000 short strings costs some 10 MB of Python objects in every worker process
    that uses it, and is not reliably shared after fork (reference counts and the garbage collector
    write to the pages of Python objects). Here the strings are one array of code points, their
    64-bit hashes (`_hashes`, computed by numpy, the same in every process) a sorted array searched
    with np.searchsorted, and every hash that matches is confirmed against the code points: the
    answer is exact, not probabilistic. About 20 bytes per string plus 2 per character. Look-ups
    go many at once, in a few numpy passes (a little slower than as many dict look-ups; one by one
    they would cost microseconds each)."""

    def __init__(self, words: Iterable[str]) -> None:
        words = list(words)
        lengths = np.array(list(map(len, words)), np.int64)
        codes = _code_points("".join(words))
        hashes = _hashes(codes, lengths)
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._rows = order.astype(np.int32)  # the row of each sorted hash
        self._codes = codes.astype(np.uint16) if len(codes) and codes.max() < 2 ** 16 else codes
        self._starts = np.zeros(len(words) + 1, np.int64)  # word i is _codes[_starts[i]:_starts[i + 1]]
        np.cumsum(lengths, out=self._starts[1:])
        # two strings with one hash: almost never, but then a look-up goes on past a mismatch
        self._shared_hash = bool((self._hashes[1:] == self._hashes[:-1]).any())
        if self._shared_hash and len(set(words)) < len(words):  # equal strings have equal hashes
            raise ValueError("the words of a WordTable must be distinct")

    def __len__(self) -> int:
        return len(self._hashes)

    def words(self) -> list[str]:
        """The strings in row order."""
        text = self._codes.astype(np.uint32).tobytes().decode("utf-32-le")
        starts = self._starts.tolist()
        return [text[a:b] for a, b in zip(starts[:-1], starts[1:], strict=True)]

    def rows(self, words: Sequence[str]) -> np.ndarray:
        """The row of each word (int64), -1 for a word not in the table."""
        n = len(words)
        out = np.full(n, -1, np.int64)
        if not n or not len(self._hashes):
            return out
        lengths = np.array(list(map(len, words)), np.int64)
        query = _code_points("".join(words))
        hashes = _hashes(query, lengths)
        at = np.minimum(np.searchsorted(self._hashes, hashes), len(self._hashes) - 1)
        matched = self._hashes[at] == hashes
        found = np.flatnonzero(matched)  # the words whose hash is in the table
        rows = self._rows[at[found]]
        # confirmed when the lengths and then all the code points are equal
        same = self._starts[rows + 1] - self._starts[rows] == lengths[found]
        found, rows = found[same], rows[same]
        sizes = lengths[found]
        segment = np.repeat(np.arange(len(found)), sizes)
        within = np.arange(len(segment)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        query_starts = np.cumsum(lengths) - lengths
        differ = (self._codes[np.repeat(self._starts[rows], sizes) + within]
                  != query[np.repeat(query_starts[found], sizes) + within])
        equal = np.bincount(segment[differ], minlength=len(found)) == 0
        out[found[equal]] = rows[equal]
        if self._shared_hash:  # another string with the same hash may follow a mismatch
            for i in np.flatnonzero(matched & (out < 0)).tolist():
                out[i] = self._scan(words[i], hashes[i], int(at[i]) + 1)
        return out

    def _scan(self, word: str, hash_: np.uint64, at: int) -> int:
        """The row of `word` among the sorted hashes from `at` on that equal its hash, or -1."""
        query = _code_points(word)
        while at < len(self._hashes) and self._hashes[at] == hash_:
            row = int(self._rows[at])
            if np.array_equal(self._codes[self._starts[row]:self._starts[row + 1]], query):
                return row
            at += 1
        return -1


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


_POWERS = [np.ones(1, np.uint64)]  # _BASE ** i for i < len(_POWERS[0]), grown as longer strings come
_BASE = np.uint64(0x100000001B3)


def _hashes(codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """A 64-bit hash (uint64) of each of the strings laid one after another in `codes` (code points),
    `lengths` long: the polynomial sum(code[i] * _BASE ** (length - 1 - i)) modulo 2 ** 64, then
    mixed with the length by splitmix64's finaliser. All strings in a few numpy passes."""
    if not len(lengths):
        return np.zeros(0, np.uint64)
    longest = int(lengths.max())
    if longest >= len(_POWERS[0]):
        _POWERS[0] = np.concatenate([np.ones(1, np.uint64), np.cumprod(np.full(2 * longest, _BASE, np.uint64))])
    ends = np.cumsum(lengths)
    exponents = np.repeat(ends - 1, lengths) - np.arange(len(codes))
    terms = np.append(codes.astype(np.uint64) * _POWERS[0][exponents], np.uint64(0))
    h = np.add.reduceat(terms, ends - lengths)  # an empty string's start: its successor's, or the 0 after all
    h[lengths == 0] = 0
    h ^= lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


class FeatureResources:
    """What the features look words up in: word clusters, name lists and word vectors, all keyed
    by normalised forms, as one table of words (`words`, a WordTable) and per word: its cluster
    id at each level (`cluster_ids`, -1: not clustered), its row of `vectors` (`vector_rows`, -1:
    none) and one bit per name list holding it (`gazetteer_bits`, bit i for gazetteer_names[i]).

    Numpy arrays, not dicts and sets of strings: for the shipped model some 9 MB instead of some
    70 MB of Python objects, shared by the workers when loaded before fork. Each per-word
    array has one more row at the end for words not in the table (no clusters, no vector, no
    names), which index -1 picks."""

    def __init__(self, words: WordTable, cluster_ids: np.ndarray, vector_rows: np.ndarray,
                 gazetteer_names: Sequence[str], gazetteer_bits: np.ndarray,
                 vectors: np.ndarray | None = None) -> None:
        cluster_ids = np.asarray(cluster_ids)  # words x levels
        self.words = words
        self.cluster_ids = np.concatenate([cluster_ids, np.full((1, cluster_ids.shape[1]), -1, cluster_ids.dtype)])
        self.vector_rows = np.append(np.asarray(vector_rows, np.int32), np.int32(-1))
        self.gazetteer_names = tuple(gazetteer_names)
        self.gazetteer_bits = np.append(np.asarray(gazetteer_bits), 0).astype(_bits_dtype(len(self.gazetteer_names)))
        self.vectors = vectors
        self.has_vectors = bool((self.vector_rows >= 0).any())

    @classmethod
    def from_mappings(cls, clusters: Mapping[str, Sequence[int]] | None = None,
                      gazetteers: Mapping[str, Collection[str]] | None = None,
                      vector_index: Mapping[str, int] | None = None,
                      vectors: np.ndarray | None = None) -> FeatureResources:
        """From word -> cluster ids (one per level), list name -> words, word -> row of `vectors`."""
        clusters, gazetteers, vector_index = clusters or {}, gazetteers or {}, vector_index or {}
        names = list(gazetteers)
        words = sorted(set(clusters) | set(vector_index) | {w for words in gazetteers.values() for w in words})
        levels = len(next(iter(clusters.values()))) if clusters else 0
        cluster_ids = np.full((len(words), levels), -1, np.int32)
        vector_rows = np.full(len(words), -1, np.int32)
        bits = np.zeros(len(words), _bits_dtype(len(names)))
        for i, word in enumerate(words):
            if word in clusters:
                cluster_ids[i] = clusters[word]
            vector_rows[i] = vector_index.get(word, -1)
            bits[i] = sum(1 << b for b, name in enumerate(names) if word in gazetteers[name])
        if levels and cluster_ids.max(initial=0) < 2 ** 15:
            cluster_ids = cluster_ids.astype(np.int16)
        return cls(WordTable(words), cluster_ids, vector_rows, names, bits, vectors)

    def without_vectors(self) -> FeatureResources:
        """The same look-ups (vector rows included) without the vectors themselves (the tagger has
        folded them into its feature table)."""
        copy = object.__new__(FeatureResources)
        copy.__dict__.update(self.__dict__, vectors=None)
        return copy

    def clusters(self, word: str) -> tuple[int, ...] | None:
        """A normalised word's cluster ids, one per level (None: not clustered)."""
        ids = self.cluster_ids[self.words.rows([word])[0]].tolist()
        return tuple(ids) if ids and ids[0] >= 0 else None

    def gazetteers(self, word: str) -> list[str]:
        """The names of the lists that hold a normalised word."""
        bits = int(self.gazetteer_bits[self.words.rows([word])[0]])
        return [name for b, name in enumerate(self.gazetteer_names) if bits >> b & 1]

    def vector_row(self, word: str) -> int:
        """A normalised word's row of `vectors`, or -1."""
        return int(self.vector_rows[self.words.rows([word])[0]])

    def entries(self, words: Sequence[str]) -> tuple[list[int], list[list[int]], list[int]]:
        """For each normalised word, all at once: its name-list bits, its cluster ids (-1s: not
        clustered) and its row of `vectors` (-1: none)."""
        rows = self.words.rows(words)  # -1, a word not in the table, picks the last, empty row
        return (self.gazetteer_bits[rows].tolist(), self.cluster_ids[rows].tolist(),
                self.vector_rows[rows].tolist())


def _bits_dtype(n_lists: int) -> type:
    if n_lists > 64:
        raise ValueError("at most 64 name lists")
    return np.uint8 if n_lists <= 8 else np.uint16 if n_lists <= 16 else np.uint32 if n_lists <= 32 else np.uint64


VECTOR_OFFSETS = (-1, 0, 1)  # offsets whose word vector is a (real-valued) feature


def vector_row(word: str, resources: FeatureResources) -> int:
    """The row of a word type's vector in resources.vectors (its normalised form's, else its
    clitic-stripped form's), or -1."""
    return _vector_rows([word], resources)[0]


def _vector_rows(words: list[str], resources: FeatureResources) -> list[int]:
    if not resources.has_vectors:
        return [-1] * len(words)
    norms = [normalize_word(w) for w in words]
    rows = resources.vector_rows[resources.words.rows(norms + [strip_clitics(n) for n in norms])].tolist()
    n = len(words)
    return [-1 if w == PAD else rows[i] if rows[i] >= 0 else rows[n + i] for i, w in enumerate(words)]


def vector_features(words: list[str], resources: FeatureResources,
                    offsets: tuple[int, ...] = VECTOR_OFFSETS) -> list[dict[str, float]]:
    """The real-valued attributes of a sentence (for training): `{k}|e{d}` -> component d of the
    vector of the word at offset k, for k in `offsets` (a subset of OFFSETS)."""
    n = len(words)
    out: list[dict[str, float]] = [{} for _ in range(n)]
    if resources.vectors is None:
        return out
    rows = _vector_rows(words, resources)
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
    core, local, _, _ = _analyse([word], resources)[0]
    return core, local


def _analyse(words: list[str], resources: FeatureResources) -> list[tuple[list[str], list[str], int, int]]:
    """(core features, local features, vector row, topic score) of each word type; the look-ups of
    all their normalised and clitic-stripped forms in one search."""
    norms = [normalize_word(w) for w in words]
    stems = [strip_clitics(norm) for norm in norms]
    bits, clusters, rows = resources.entries(norms + stems)
    n = len(words)
    names = resources.gazetteer_names
    out = []
    for i, word in enumerate(words):
        if word == PAD:
            out.append((["PAD"], [], -1, 0))
            continue
        norm, stem = norms[i], stems[i]
        core, local = _features(word, norm, stem, names, bits[i], bits[n + i], clusters[i], clusters[n + i])
        out.append((core, local, rows[i] if rows[i] >= 0 else rows[n + i], _topic_score(norm, stem)))
    return out


def _features(word: str, norm: str, stem: str, names: tuple[str, ...], norm_bits: int, stem_bits: int,
              norm_clusters: list[int], stem_clusters: list[int]) -> tuple[list[str], list[str]]:
    shape = _shape(norm)
    core = ["w=" + norm, "sh=" + shape]
    if shape == "P":
        return core, []
    if shape == "D":
        return ["sh=D", f"dl={min(len(norm), 5)}"], []
    if stem != norm:
        core.append("s=" + stem)
    if norm_bits or stem_bits:
        for bit, name in enumerate(names):
            if norm_bits >> bit & 1:
                core.append("g=" + name)
            elif stem_bits >> bit & 1:
                core.append("gs=" + name)
    if norm_clusters and norm_clusters[0] >= 0:
        core.extend(f"c{level}={cid}" for level, cid in enumerate(norm_clusters))
    else:
        core.append("c=none")
    if stem != norm and stem_clusters and stem_clusters[0] >= 0:
        core.extend(f"sc{level}={cid}" for level, cid in enumerate(stem_clusters))
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


def sport_words() -> dict[str, int]:
    """Every sports word topic_score knows, normalised, with its score: a word scores only if its
    normalised form holds one of them (2 only if it holds a strong one, of score 2)."""
    strong, weak = _sport_words()
    return {**dict.fromkeys(sorted(weak), 1), **dict.fromkeys(sorted(strong), 2)}


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
    analysed = _analyse(words, resources)
    per_word = [(core, local) for core, local, _, _ in analysed]
    pad_core = ["PAD"]
    out = []
    n = len(words)
    sports = topic and sum(score for _, _, _, score in analysed) >= TOPIC_THRESHOLD
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
    return analyse_words([word], resources)[0]


def analyse_words(words: list[str], resources: FeatureResources) -> list[tuple[list[str], int, int]]:
    """`analyse_word` of many word types (their look-ups in one numpy search, not one each)."""
    return [(core + local, row, score) for core, local, row, score in _analyse(words, resources)]


def word_feature_list(word: str, resources: FeatureResources) -> list[str]:
    """All features of one word type, core and local, without offsets (for the tagger's lookup)."""
    core, local = word_features(word, resources)
    return core + local
