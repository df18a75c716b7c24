"""A trained Arabic named-entity tagger (PERS / ORG / LOC) that needs numpy only.

The model is a linear-chain CRF (trained by scripts/train_ner.py) whose features each depend on
one word type at one offset -2..+2 (see ner_features). So a position's label scores are a sum of
five per-(word type, offset) vectors: each word type's five vectors are computed once, from the
weight table, and cached; a sentence's emission matrix is five numpy gathers; Viterbi runs in
numpy over all sentences of a text at once. IOB is enforced: I-X only after B-X or I-X.

The model file (`data/models/ner/ner.npz`) holds the attribute strings, their weight rows, the
transition matrix, the labels, the word clusters and the name lists the features look up.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from marsad.extract.ner_features import (
    OFFSETS,
    PAD,
    FeatureResources,
    tokenize_with_offsets,
    word_feature_list,
)

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "data" / "models" / "ner" / "ner.npz"
TYPE_NAMES = {"PERS": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
_SENTENCE_ENDS = frozenset(".!?؟")
_MAX_LEN = 250  # a longer run of tokens without a sentence end is cut into pieces this long
_FORBIDDEN = -1e4
_CACHE_LIMIT = 1_000_000  # word types kept with their emission vectors


class NerTagger:
    """Tags tokens with IOB labels and finds PERSON / ORGANIZATION / LOCATION spans in raw text."""

    def __init__(self, attributes: list[str], weights: np.ndarray, transitions: np.ndarray,
                 labels: list[str], resources: FeatureResources, bias: np.ndarray | None = None) -> None:
        self.labels = list(labels)
        self.resources = resources
        self._attr_index = {a: i for i, a in enumerate(attributes)}
        n_labels = len(self.labels)
        self._weights = weights.astype(np.float32)
        self._bias = np.zeros(n_labels, np.float32) if bias is None else bias.astype(np.float32)
        trans = transitions.astype(np.float32).copy()
        start = np.zeros(n_labels, np.float32)
        for j, label in enumerate(self.labels):
            if label.startswith("I-"):
                start[j] = _FORBIDDEN
                for i, prev in enumerate(self.labels):
                    if prev[2:] != label[2:] or prev == "O":
                        trans[i, j] = _FORBIDDEN
        self._trans = trans
        self._start = start
        self._base_index: dict[str, list[tuple[int, int]]] = {}
        offset_index = {str(k): i for i, k in enumerate(OFFSETS)}
        for row, attribute in enumerate(attributes):
            offset, _, feature = attribute.partition("|")
            if offset in offset_index:
                self._base_index.setdefault(feature, []).append((offset_index[offset], row))
        self._kinds = [label[2:] for label in self.labels]
        self._begins = [label.startswith("B-") for label in self.labels]
        self._outside = self.labels.index("O")
        self._types: dict[str, int] = {}
        self._emit = np.zeros((1024, len(OFFSETS), n_labels), np.float32)
        self._n_types = 0
        self._pad_id = 0
        self._reset_cache()

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None) -> NerTagger:
        """The model at `path` (default: data/models/ner/ner.npz)."""
        with np.load(Path(path) if path else DEFAULT_MODEL, allow_pickle=False) as data:
            attributes = data["attributes"].tolist()
            labels = data["labels"].tolist()
            cluster_words = data["cluster_words"].tolist()
            cluster_ids = data["cluster_ids"]
            clusters = {w: tuple(str(c) for c in row) for w, row in zip(cluster_words, cluster_ids, strict=True)}
            gazetteers = {}
            for key in data.files:
                if key.startswith("gazetteer_"):
                    gazetteers[key[len("gazetteer_"):]] = frozenset(data[key].tolist())
            return cls(attributes, data["weights"], data["transitions"], labels,
                       FeatureResources(clusters, gazetteers), data["bias"])

    # -- emissions -----------------------------------------------------------------------------

    def _add_types(self, words: list[str]) -> None:
        """Compute and cache the five emission vectors of new word types, all at once."""
        base = self._base_index
        n_offsets = len(OFFSETS)
        words = [w for w in dict.fromkeys(words) if w not in self._types]
        needed = self._n_types + len(words)
        if needed > len(self._emit):
            grown = np.zeros((max(needed, 2 * len(self._emit)),) + self._emit.shape[1:], np.float32)
            grown[:self._n_types] = self._emit[:self._n_types]
            self._emit = grown
        slots: list[int] = []
        rows: list[int] = []
        for word in words:
            slot = self._n_types * n_offsets
            for feature in word_feature_list(word, self.resources):
                found = base.get(feature)
                if found is not None:
                    for k, row in found:
                        slots.append(slot + k)
                        rows.append(row)
            self._types[word] = self._n_types
            self._n_types += 1
        if rows:
            flat = self._emit.reshape(-1, self._emit.shape[-1])
            np.add.at(flat, np.asarray(slots), self._weights[np.asarray(rows)])

    def _reset_cache(self) -> None:
        self._types = {}
        self._n_types = 0
        self._add_types([PAD])
        self._pad_id = self._types[PAD]

    def _label_ids(self, words: list[str], bounds: list[int]) -> np.ndarray:
        """The best label index of each word; sentences are words[bounds[i]:bounds[i + 1]]."""
        if self._n_types > _CACHE_LIMIT:  # unbounded input: start the word-type cache afresh
            self._reset_cache()
        get = self._types.get
        ids = [get(w, -1) for w in words]
        if -1 in ids:
            self._add_types([w for w, i in zip(words, ids, strict=True) if i < 0])
            ids = [get(w) for w in words]
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
        # sentences longest first, so the ones still running at step t are a prefix of the batch
        order = np.argsort(-lengths, kind="stable")
        rank = np.empty(n_sent, dtype=np.int64)
        rank[order] = np.arange(n_sent)
        width = int(lengths.max())
        within = np.arange(n) - starts[sent_of]
        batch = np.zeros((n_sent, width, len(self.labels)), np.float32)
        batch[rank[sent_of], within] = emit
        paths = self._viterbi(batch, lengths[order])
        return paths[rank[sent_of], within]

    def _viterbi(self, emit: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best label paths of a batch sorted by length, longest first."""
        batch, width, n_labels = emit.shape
        score = emit[:, 0] + self._start
        back = np.zeros((batch, width, n_labels), np.int8)
        trans = self._trans[None]
        active = np.searchsorted(-lengths, -np.arange(width), side="left")  # sentences longer than t
        for t in range(1, width):
            m = int(active[t])
            cand = score[:m, :, None] + trans
            back[:m, t] = cand.argmax(axis=1)
            score[:m] = cand.max(axis=1) + emit[:m, t]
        paths = np.zeros((batch, width), np.int64)
        last = score.argmax(axis=1)
        ends = lengths - 1
        rows = np.arange(batch)
        paths[rows, ends] = last
        for t in range(width - 1, 0, -1):
            m = int(active[t])
            # only sentences at least t + 1 long have a step t to go back from
            prev = back[rows[:m], t, paths[:m, t]]
            paths[:m, t - 1] = np.where(ends[:m] >= t, prev, paths[:m, t - 1])
        return paths

    # -- public --------------------------------------------------------------------------------

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB labels for each sentence (lists of tokens), tagged together."""
        nonempty = [s for s in sentences if s]
        if not nonempty:
            return [[] for _ in sentences]
        words = [w for s in nonempty for w in s]
        bounds = np.cumsum([0] + [len(s) for s in nonempty]).tolist()
        labels = self.labels
        flat = [labels[j] for j in self._label_ids(words, bounds).tolist()]
        tagged = iter([flat[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)])
        return [next(tagged) if s else [] for s in sentences]

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        """IOB labels (O, B-PERS, I-PERS, B-ORG, ...) of one sentence's tokens."""
        return self.tag_sentences([tokens])[0]

    def find_tokens(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, label type as trained: PERS / ORG / LOC / FAC / MISC) character spans."""
        tokens = tokenize_with_offsets(text)
        if not tokens:
            return []
        words = [t[0] for t in tokens]
        bounds = [0]
        for i, word in enumerate(words):
            if word in _SENTENCE_ENDS or i + 1 - bounds[-1] >= _MAX_LEN:
                bounds.append(i + 1)
        if bounds[-1] != len(words):
            bounds.append(len(words))
        label_ids = self._label_ids(words, bounds)
        spans: list[tuple[int, int, str]] = []
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
                current[1] = tokens[i][2]
            else:
                current = [tokens[i][1], tokens[i][2], kinds[label]]
            last = i
        if current:
            spans.append(tuple(current))
        return spans

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, TYPE) character spans of the named entities in raw text, TYPE one of
        PERSON / ORGANIZATION / LOCATION (facilities and other names the model knows are left out)."""
        return [(s, e, TYPE_NAMES[t]) for s, e, t in self.find_tokens(text) if t in TYPE_NAMES]
