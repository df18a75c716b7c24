"""The words of full-text search: what a text is indexed under, what a query asks for, where it matched.

Words are compared normalised (`marsad.text.normalize`: hamza on alef, alef maqsura, ta marbuta,
diacritics, tatweel) and, for search only, with hamza on waw and ya made bare too (ؤ -> و, ئ -> ي).

Proclitics: a word is indexed under itself and under what is left after each proclitic it may carry
(و ف ب ل ك ال and their combinations: وال بال لل فبال ...), at least MIN_STEM letters. A query word
asks for itself, or, when it starts with ال, for its stem too; so الحكومة finds والحكومه, بالحكومة and
حكومة, and وزير finds والوزير without الوزير turning into زير. A trailing * asks for every word that
starts so (اعلن* finds أعلنت). Every query word must match (AND); there are no phrases.

Every step maps one character to at most one, so matches found on the normalised text are mapped
back to offsets in the original (`match_spans`), for highlighting what is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from marsad.text.normalize import FastTable, Normalized, character_table, fast_table, normalize, translate

MIN_STEM = 2  # letters left after a proclitic (shorter: the word is not split)
MIN_PREFIX = 2  # letters a `word*` query needs (a shorter one would match half the vocabulary)
MAX_TERMS = 8  # query words beyond these are ignored
_FOLD = str.maketrans({"\u0624": "\u0648", "\u0626": "\u064a"})  # ؤ -> و, ئ -> ي
_WORD = re.compile(r"[^\W_]+")
_QUERY_WORD = re.compile(r"([^\W_]+)(\*?)")
_ARTICLE = "\u0627\u0644"  # ال


def _proclitics() -> tuple[str, ...]:
    """Conjunction (و ف), then preposition (ب ل ك), then the article (ال; ل + ال is written لل)."""
    found = set()
    for conjunction in ("", "\u0648", "\u0641"):
        for preposition in ("", "\u0628", "\u0644", "\u0643"):
            for article in ("", _ARTICLE):
                found.add(conjunction + ("\u0644\u0644" if preposition == "\u0644" and article
                                         else preposition + article))
    found.discard("")
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


PROCLITICS = _proclitics()
_PROCLITIC_SET = frozenset(PROCLITICS)
_PROCLITIC_LENGTHS = tuple(sorted({len(p) for p in PROCLITICS}, reverse=True))  # longest first, as PROCLITICS


def folded(text: str) -> Normalized:
    """`text` normalised for search, with the offset map back to it."""
    norm = normalize(text)
    return Normalized(norm.text.translate(_FOLD), norm._positions, norm.original_length, norm.original)


# 50,000 words (~15 MB) hold nearly every word of a text; 200,000 grew to ~65 MB in a long `process` run
@lru_cache(maxsize=50_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The keys a normalised word is indexed under: itself, and its stem after each proclitic it may carry."""
    keys = [word]
    for length in _PROCLITIC_LENGTHS:  # at each length at most one proclitic can start the word
        if word[:length] in _PROCLITIC_SET and len(word) - length >= MIN_STEM:
            keys.append(word[length:])
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=1)
def _fold_table() -> FastTable:
    """Normalisation and the search's folding in one table: `folded(text).text` without the offset map."""
    composed = {code: mapped.translate(_FOLD) for code, mapped in character_table().items()}
    for code, mapped in _FOLD.items():
        composed.setdefault(code, mapped)
    return fast_table(composed)


def document_tokens(*texts: str | None) -> str:
    """The distinct keys of every word of `texts`, space-separated: what a document is indexed under."""
    words: dict[str, None] = {}  # each distinct word once, in order (a word's keys follow from it alone)
    for text in texts:
        if text:
            words.update(dict.fromkeys(_WORD.findall(translate(text, _fold_table()))))
    return " ".join(dict.fromkeys(chain.from_iterable(map(word_keys, words))))


@dataclass(frozen=True)
class Term:
    """One query word: the keys that satisfy it (any of `forms`; with `prefix`, any key starting so)."""

    forms: tuple[str, ...]
    prefix: bool = False

    def matches(self, keys: tuple[str, ...]) -> bool:
        if self.prefix:
            return any(key.startswith(form) for key in keys for form in self.forms)
        return any(form in keys for form in self.forms)


def parse_query(query: str) -> list[Term]:
    """The terms of a query typed by a person: its words, normalised; `word*` for a prefix. Punctuation
    and operators mean nothing (every word must match)."""
    terms: list[Term] = []
    for match in _QUERY_WORD.finditer(folded(query or "").text):
        word, star = match.groups()
        forms = [word]
        if word.startswith(_ARTICLE) and len(word) - len(_ARTICLE) >= MIN_STEM:
            forms.append(word[len(_ARTICLE):])
        prefix = bool(star) and all(len(form) >= MIN_PREFIX for form in forms)
        term = Term(tuple(forms), prefix)
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return terms


def match_spans(text: str | None, terms: list[Term]) -> list[tuple[int, int]]:
    """(start, end) in `text` of every word matching one of the terms (a whole word, proclitics included)."""
    if not text or not terms:
        return []
    norm = folded(text)
    spans = []
    for match in _WORD.finditer(norm.text):
        keys = word_keys(match.group())
        if any(term.matches(keys) for term in terms):
            spans.append(norm.span_to_original(*match.span()))
    return spans


def snippet(text: str | None, spans: list[tuple[int, int]], width: int = 240,
            before: int = 80) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of `text` around its first match (its start when none), cut at spaces, on one line; with
    the offsets in it of the matches it shows. '…' marks a cut."""
    text = text or ""
    start = max(0, spans[0][0] - before) if spans else 0
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space < end + 30 else end
    lead = "… " if start > 0 else ""
    body = text[start:end].replace("\r", " ").replace("\n", " ")  # one line, offsets kept
    piece = lead + body + (" …" if end < len(text) else "")
    shift = len(lead) - start
    marks = tuple((s + shift, e + shift) for s, e in spans if start <= s and e <= end)
    return piece, marks
