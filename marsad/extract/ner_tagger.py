"""A trained Arabic named-entity tagger (PERS / ORG / LOC) that needs numpy only.

The model is a linear-chain CRF (trained by scripts/train_ner.py) whose features each depend on
one word type at one offset -2..+2 (see ner_features). So a position's label scores are a sum of
five per-(word type, offset) vectors: each word type's five vectors are computed once, from the
weight table, and cached; a sentence's emission matrix is five numpy gathers; Viterbi runs in
numpy over all sentences of a text at once. The model's labels are IOB or BILOU (U- a one-word
name, L- a name's last word); the scheme is enforced in decoding, and tags are reported as IOB.

The model file (`data/models/ner/ner.npz`) holds the attribute strings, their weight rows, the
transition matrix, the labels, and one table of the words the features look up with their
clusters, vector rows and name lists (its format: data/models/ner/README.md).

Memory: what a tagger keeps is numpy arrays (the feature table in float16, the look-up tables as
sorted hashes, see ner_features.WordTable), not Python dicts and sets of strings, so a tagger
loaded before fork is shared by the worker processes (marsad.pipeline does so); each process's
own part is its word-type cache (at most _CACHE_LIMIT types beyond the ones computed at load, about
38 MB).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from marsad.extract.ner_features import (
    OFFSETS,
    PAD,
    TOPIC,
    TOPIC_THRESHOLD,
    FeatureResources,
    WordTable,
    analyse_words,
    normalize_word,
    token_spans,
    tokenize,
)

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "data" / "models" / "ner" / "ner.npz"
TYPE_NAMES = {"PERS": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
_SENTENCE_ENDS = frozenset(".!?؟")
_MAX_LEN = 250  # a longer run of tokens without a sentence end is cut into pieces this long
_FORBIDDEN = -1e4
# Word types kept with their emission vectors: 504 bytes each, and some 130 more in the dict. The
# model file's frequent words (100,000) are computed at load, before the workers fork, and shared by
# them (about 60 MB); each process then caches at most _CACHE_LIMIT more (about 25 MB of its own), and
# starts that part afresh when full. The prewarmed types answer most of a text's words: on 2,000
# SaudiNewsNet articles in two workers, 100,000 of them instead of 20,000 made the steady rate of
# `process` some 17% higher (bench pipeline) for about 1.3 s more at start-up.
_CACHE_LIMIT = 40_000  # types cached beyond the prewarmed ones
_CHUNK = 256  # new word types whose scores are computed together
_TEXT_MARGIN = 4_096  # room for the new word types of one more text once the cache holds _CACHE_LIMIT
# The model file's `frequent_words` are the commonest SaudiNewsNet tokens, most frequent first. The tagger
# computes the scores of all of them at load (before the workers fork, so they share them); the
# extractors' "common word of the news" is the first COMMON_WORDS of them.
COMMON_WORDS = 20_000


@lru_cache(maxsize=1)
def frequent_words() -> tuple[str, ...]:
    """The COMMON_WORDS commonest SaudiNewsNet tokens as written, most frequent first (empty without the
    model file): the news' common vocabulary for the extractors (localities' not-a-name words, the future
    prefix's verbs)."""
    if not DEFAULT_MODEL.is_file():
        return ()
    with np.load(DEFAULT_MODEL, allow_pickle=False) as data:
        return tuple(data["frequent_words"][:COMMON_WORDS].tolist()) if "frequent_words" in data.files else ()


@lru_cache(maxsize=1)
def frequent_word_set() -> frozenset[str]:
    """frequent_words() as a set, read once: is a written word one of the news' commonest?"""
    return frozenset(frequent_words())


def _half_to_float32(bits: np.ndarray) -> np.ndarray:
    """Finite float16 values, given as their bits (uint16), as float32: exactly astype(np.float32), in a few
    integer passes (numpy converts float16 one element at a time, some three times slower)."""
    out = bits.astype(np.uint32)
    sign = (out & 0x8000) << 16
    out &= 0x7FFF
    out <<= 13  # exponent and mantissa in place, the exponent still biased as float16's
    values = out.view(np.float32)
    values *= np.float32(2.0 ** 112)  # rebiased (2 ** (127 - 15)): exact, for subnormals too
    out |= sign
    return values


class NerTagger:
    """Tags tokens with IOB labels and finds PERSON / ORGANIZATION / LOCATION spans in raw text."""

    def __init__(self, attributes: list[str], weights: np.ndarray, transitions: np.ndarray,
                 labels: list[str], resources: FeatureResources, bias: np.ndarray | None = None,
                 frequent_words: list[str] | None = None) -> None:
        normalize_word("")  # builds the normalisation table now, not on the first text
        self.labels = list(labels)
        n_labels = len(self.labels)
        weights = weights.astype(np.float32)
        self._bias = np.zeros(n_labels, np.float32) if bias is None else bias.astype(np.float32)
        trans = transitions.astype(np.float32).copy()
        start = np.zeros(n_labels, np.float32)
        end = np.zeros(n_labels, np.float32)
        # IOB or BILOU (the model's labels tell): I-X / L-X only continue B-X or I-X, and with
        # BILOU, B-X / I-X must be continued (not followed by O, B-, U- nor the sentence end)
        prefixes = [label.partition("-")[0] for label in self.labels]
        kinds = [label.partition("-")[2] for label in self.labels]
        bilou = any(p in ("L", "U") for p in prefixes)
        for j in range(n_labels):
            if prefixes[j] in ("I", "L"):
                start[j] = _FORBIDDEN
            if bilou and prefixes[j] in ("B", "I"):
                end[j] = _FORBIDDEN
            for i in range(n_labels):
                if prefixes[j] in ("I", "L"):
                    ok = prefixes[i] in ("B", "I") and kinds[i] == kinds[j]
                else:
                    ok = not (bilou and prefixes[i] in ("B", "I"))
                if not ok:
                    trans[i, j] = _FORBIDDEN
        self._trans = trans
        self._start = start
        self._end = end
        # what tag_sentences reports: IOB whatever the model's scheme
        self._iob = ["O" if p == "O" else ("B-" if p in ("B", "U") else "I-") + k
                     for p, k in zip(prefixes, kinds, strict=True)]
        offset_index = {str(k): i for i, k in enumerate(OFFSETS)}
        # the sports-sentence features `T|f` of the word itself: one more slot after the offsets'
        self._topic = any(a.startswith(TOPIC + "|") for a in attributes)
        self._topic_bias = np.zeros(n_labels, np.float32)
        if self._topic:
            offset_index[TOPIC] = len(OFFSETS)
        dims = 0 if resources.vectors is None else resources.vectors.shape[1]
        # weights of the real-valued word-vector attributes `{k}|e{d}`: (dims, offsets x labels)
        vector_weights = np.zeros((dims, len(OFFSETS), n_labels), np.float32)
        feature_rows: list[tuple[str, int, int]] = []
        for row, attribute in enumerate(attributes):
            offset, _, feature = attribute.partition("|")
            if offset not in offset_index:
                continue
            if feature[:1] == "e" and feature[1:].isdigit():
                if int(feature[1:]) < dims:
                    vector_weights[int(feature[1:]), offset_index[offset]] = weights[row]
                continue
            if offset == TOPIC and feature == "bias":
                self._topic_bias = weights[row].copy()
                continue
            feature_rows.append((feature, offset_index[offset], row))
        # each word feature's weights at every slot: (features x slots x labels); row 0 is zeros,
        # for features the model does not know; feature f's row is 1 + its row in self._features
        feature_ids: dict[str, int] = {}
        for feature, _, _ in feature_rows:
            feature_ids.setdefault(feature, len(feature_ids) + 1)
        n_slots = len(OFFSETS) + self._topic
        self._feature_weights = np.zeros((len(feature_ids) + 1, n_slots, n_labels), np.float32)
        for feature, slot, row in feature_rows:
            self._feature_weights[feature_ids[feature], slot] += weights[row]
        self._features = WordTable(feature_ids)
        # each known word vector's scores at the offsets, as more rows of the feature table (after
        # row self._vector_base): a word type's vector costs one more gathered row, no product
        self._vector_base = -1
        if dims and vector_weights.any():
            table = np.zeros((len(resources.vectors), n_slots, n_labels), np.float32)
            table[:, :len(OFFSETS)] = (resources.vectors.astype(np.float32)
                                       @ vector_weights.reshape(dims, -1)).reshape(len(table), len(OFFSETS), -1)
            self._vector_base = len(self._feature_weights)
            self._feature_weights = np.concatenate([self._feature_weights, table])
        # Kept as float16 (half the memory of every process that tags; scores are summed in float32);
        # the per-attribute tables were only needed to build it, and the vectors are folded into it.
        self._feature_weights = self._feature_weights.astype(np.float16)
        if not np.isfinite(self._feature_weights).all():  # _half_to_float32 reads finite values only
            raise ValueError("the model's feature weights do not all fit in float16")
        self.resources = resources.without_vectors()
        self._kinds = kinds
        self._begins = [p in ("B", "U") for p in prefixes]
        self._outside = self.labels.index("O")
        # The word-type cache: rows of _emit (allocated once, for the most types it holds; the
        # system maps pages only as rows are written). Its first rows, the padding and the
        # frequent words, are kept when the cache starts afresh, so a tagger loaded before fork
        # shares them with the workers.
        capacity = 1 + len(frequent_words or ()) + _CACHE_LIMIT + _TEXT_MARGIN
        self._emit = np.zeros((capacity, n_slots, n_labels), np.float32)
        self._topic_score = np.zeros(capacity, np.int8)
        self._types: dict[str, int] = {}
        self._n_types = 0
        self._add_types([PAD, *(frequent_words or ())])
        self._pad_id = self._types[PAD]
        self._base_types = dict(self._types)
        self._last_found: tuple[str, tuple[tuple[int, int, str], ...]] | None = None

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None) -> NerTagger:
        """The model at `path` (default: data/models/ner/ner.npz)."""
        with np.load(Path(path) if path else DEFAULT_MODEL, allow_pickle=False) as data:
            if "words" not in data.files:
                raise ValueError(f"{path or DEFAULT_MODEL}: a model file of the format before the word table; "
                                 "convert it with scripts/train_ner.py --convert FILE")
            resources = FeatureResources(WordTable(data["words"].tolist()), data["word_clusters"],
                                         data["word_vectors"], data["gazetteer_names"].tolist(),
                                         data["word_gazetteers"], data["vectors"] if "vectors" in data.files else None)
            frequent = data["frequent_words"].tolist() if "frequent_words" in data.files else None
            return cls(data["attributes"].tolist(), data["weights"], data["transitions"], data["labels"].tolist(),
                       resources, data["bias"], frequent)

    # -- emissions -----------------------------------------------------------------------------

    def _add_types(self, words: list[str]) -> None:
        """Compute and cache the emission vectors of new word types (one per offset, and the
        sports-sentence one), all at once."""
        words = [w for w in dict.fromkeys(words) if w not in self._types]
        needed = self._n_types + len(words)
        if needed > len(self._emit):
            size = needed + _TEXT_MARGIN  # a text with more new word types than the margin
            grown = np.zeros((size,) + self._emit.shape[1:], np.float32)
            grown[:self._n_types] = self._emit[:self._n_types]
            self._emit = grown
            scores = np.zeros(size, np.int8)
            scores[:self._n_types] = self._topic_score[:self._n_types]
            self._topic_score = scores
        first = self._n_types
        vector_base = self._vector_base
        # a few hundred word types at a time: their gathered rows (about 5 KB each) stay a small
        # scratch, which the C library keeps for reuse, not tens of MB held in every worker
        for begin in range(0, len(words), _CHUNK):
            chunk = words[begin:begin + _CHUNK]
            analysed = analyse_words(chunk, self.resources)
            found = (self._features.rows([f for features, _, _ in analysed for f in features]) + 1).tolist()
            ids: list[int] = []
            starts: list[int] = []
            at = 0
            for word, (features, vector_row, _) in zip(chunk, analysed, strict=True):
                starts.append(len(ids))
                ids.extend(found[at:at + len(features)])  # 0: a feature the model does not know
                at += len(features)
                if vector_row >= 0 and vector_base >= 0:
                    ids.append(vector_base + vector_row)
                self._types[word] = self._n_types
                self._n_types += 1
            at = first + begin
            # summed in float32 (each float16 row converted exactly, added in the same order)
            np.add.reduceat(_half_to_float32(self._feature_weights.view(np.uint16)[ids]), starts, axis=0,
                            out=self._emit[at:at + len(chunk)])
            self._topic_score[at:at + len(chunk)] = [topic for _, _, topic in analysed]

    def _reset_cache(self) -> None:
        """Forget the word types cached since loading (their rows are written over)."""
        self._types = dict(self._base_types)
        self._n_types = len(self._base_types)

    def _label_ids(self, words: list[str], bounds: list[int]) -> np.ndarray:
        """The best label index of each word, and each word's type id in the cache; sentences
        are words[bounds[i]:bounds[i + 1]]."""
        if self._n_types > len(self._base_types) + _CACHE_LIMIT:  # unbounded input: start afresh
            self._reset_cache()
        get = self._types.get
        ids = list(map(get, words))
        if None in ids:
            self._add_types([w for w, i in zip(words, ids, strict=True) if i is None])
            ids = list(map(get, words))
        n = len(words)
        n_sent = len(bounds) - 1
        starts = np.asarray(bounds[:-1], dtype=np.int64)
        lengths = np.diff(np.asarray(bounds, dtype=np.int64))
        sent_of = np.repeat(np.arange(n_sent), lengths)
        gap = max(abs(k) for k in OFFSETS)  # pads between sentences, so no window crosses one
        pos = np.arange(n) + gap * (sent_of + 1)
        padded = np.full(n + gap * (n_sent + 1), self._pad_id, dtype=np.int64)
        padded[pos] = ids
        emit = self._bias + self._emit[padded[pos + OFFSETS[0]], 0]
        for k_index in range(1, len(OFFSETS)):
            emit += self._emit[padded[pos + OFFSETS[k_index]], k_index]
        type_ids = np.asarray(ids, dtype=np.int64)
        if self._topic:  # sports sentences
            sports = np.add.reduceat(self._topic_score[type_ids].astype(np.int64), starts) >= TOPIC_THRESHOLD
            if sports.any():
                hit = np.flatnonzero(sports[sent_of])
                emit[hit] += self._emit[type_ids[hit], len(OFFSETS)] + self._topic_bias
        # sentences longest first, so the ones still running at step t are a prefix of the batch
        order = np.argsort(-lengths, kind="stable")
        rank = np.empty(n_sent, dtype=np.int64)
        rank[order] = np.arange(n_sent)
        width = int(lengths.max())
        within = np.arange(n) - starts[sent_of]
        batch = np.zeros((n_sent, width, len(self.labels)), np.float32)
        batch[rank[sent_of], within] = emit
        paths = self._viterbi(batch, lengths[order])
        return paths[rank[sent_of], within], type_ids

    def _viterbi(self, emit: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best label paths of a batch sorted by length, longest first.

        Forward, each step keeps only the best scores (the maximum over the previous label is taken across
        contiguous rows, which numpy does fast); back, each sentence's previous label is the one that
        gave its current label's best score (the first of equals, as argmax over a step's candidates
        would have kept), all the sentences still running at once."""
        batch, width, n_labels = emit.shape
        emit = np.ascontiguousarray(emit.transpose(1, 0, 2))  # time-major: a step's rows are contiguous
        scores = np.empty((width, batch, n_labels), np.float32)
        np.add(emit[0], self._start, out=scores[0])
        active = np.searchsorted(-lengths, -np.arange(width + 1), side="left").tolist()  # sentences longer than t
        into = self._trans[:, None, :]  # [i, 0, j]: from label i to label j
        candidates = np.empty(n_labels * batch * n_labels, np.float32)
        for t in range(1, width):
            m = active[t]
            cand = np.add(scores[t - 1, :m].T[:, :, None], into,
                          out=candidates[:n_labels * m * n_labels].reshape(n_labels, m, n_labels))
            np.add(cand.max(axis=0), emit[t, :m], out=scores[t, :m])
        ends = lengths - 1
        last = (scores[ends, np.arange(batch)] + self._end).argmax(axis=1)
        back_from = self._trans.T.copy()  # [j, i]: the scores of coming to label j from each label i
        paths = np.zeros((width, batch), np.int64)
        label = np.zeros(batch, np.int64)
        for t in range(width - 1, -1, -1):
            m, ended = active[t], active[t + 1]
            if ended < m:  # the sentences whose last word is t
                label[ended:m] = last[ended:m]
            paths[t, :m] = label[:m]
            if t:
                label[:m] = (scores[t - 1, :m] + back_from[label[:m]]).argmax(axis=1)
        return np.ascontiguousarray(paths.T)

    # -- public --------------------------------------------------------------------------------

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB labels for each sentence (lists of tokens), tagged together."""
        nonempty = [s for s in sentences if s]
        if not nonempty:
            return [[] for _ in sentences]
        words = [w for s in nonempty for w in s]
        bounds = np.cumsum([0] + [len(s) for s in nonempty]).tolist()
        labels = self._iob
        flat = [labels[j] for j in self._label_ids(words, bounds)[0].tolist()]
        tagged = iter([flat[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)])
        return [next(tagged) if s else [] for s in sentences]

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        """IOB labels (O, B-PERS, I-PERS, B-ORG, ...) of one sentence's tokens."""
        return self.tag_sentences([tokens])[0]

    def find_tokens(self, text: str, consistent: bool = True) -> list[tuple[int, int, str]]:
        """(start, end, label type as trained: PERS / ORG / LOC / FAC / MISC) character spans.
        With `consistent`, a PERS / ORG / LOC name found in the text is also found where it
        recurs untagged (same tokens; a person's last name alone too), with its most frequent type."""
        words = tokenize(text)
        if not words:
            return []
        bounds = [0]
        for i, word in enumerate(words):
            if word in _SENTENCE_ENDS or i + 1 - bounds[-1] >= _MAX_LEN:
                bounds.append(i + 1)
        if bounds[-1] != len(words):
            bounds.append(len(words))
        label_ids, type_ids = self._label_ids(words, bounds)
        spans: list[tuple[int, int, str]] = []  # token spans
        kinds = self._kinds
        begins = self._begins
        sentence_starts = set(bounds)
        current: list = []
        last = -2
        for i in np.flatnonzero(label_ids != self._outside).tolist():
            label = int(label_ids[i])
            if current and (last != i - 1 or begins[label] or kinds[label] != current[2] or i in sentence_starts):
                spans.append(tuple(current))
                current = []
            if current:
                current[1] = i + 1
            else:
                current = [i, i + 1, kinds[label]]
            last = i
        if current:
            spans.append(tuple(current))
        if consistent and spans:
            spans = self._recurring(words, type_ids.tolist(), spans, bounds)
        if not spans:
            return []
        offsets = token_spans(text)  # the tokens' (start, end): looked for only where names were found
        return [(offsets[a][0], offsets[b - 1][1], kind) for a, b, kind in spans]

    @staticmethod
    def _recurring(words: list[str], type_ids: list[int], spans: list[tuple[int, int, str]],
                   bounds: list[int]) -> list[tuple[int, int, str]]:
        """`spans` and the untagged recurrences of their PERS / ORG / LOC names (see find_tokens)."""
        votes: dict[tuple[int, ...], Counter[str]] = {}
        for a, b, kind in spans:
            if kind in TYPE_NAMES:
                key = tuple(type_ids[a:b])
                votes.setdefault(key, Counter())[kind] += 1
                if kind == "PERS" and b - a >= 2 and len(words[b - 1]) >= 3:
                    votes.setdefault(key[-1:], Counter())[kind] += 1
        if not votes:
            return spans
        by_first: dict[int, list[tuple[int, ...]]] = {}
        for key in sorted(votes, key=len, reverse=True):
            by_first.setdefault(key[0], []).append(key)
        n = len(type_ids)
        taken = np.zeros(n + 1, bool)
        for a, b, _ in spans:
            taken[a:b] = True
        starts = np.zeros(n + 1, bool)
        starts[bounds] = True
        added = []
        candidates = np.flatnonzero(np.isin(type_ids, list(by_first)) & ~taken[:n]).tolist()
        # a one-word name recurs only if the model tagged it at least once for every three
        # times it left it untagged (so not a common word the model once took for a name)
        untagged = Counter(type_ids[i] for i in candidates)
        for i in candidates:
            for key in by_first[type_ids[i]]:
                end = i + len(key)
                if len(key) == 1 and 3 * sum(votes[key].values()) < untagged[key[0]]:
                    continue
                if (end <= n and tuple(type_ids[i:end]) == key and not taken[i:end].any()
                        and not starts[i + 1:end].any()):
                    added.append((i, end, votes[key].most_common(1)[0][0]))
                    taken[i:end] = True
                    break
        return sorted(spans + added) if added else spans

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, TYPE) character spans of the named entities in raw text, TYPE one of
        PERSON / ORGANIZATION / LOCATION (facilities and other names the model knows are left out).
        The last text's spans are kept: the recogniser asks for them twice (find_actors, then the
        `entities` records), and tags the text once."""
        last = self._last_found
        if last is not None and last[0] == text:
            return list(last[1])
        found = [(s, e, TYPE_NAMES[t]) for s, e, t in self.find_tokens(text) if t in TYPE_NAMES]
        self._last_found = (text, tuple(found))
        return found
