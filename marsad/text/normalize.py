"""Arabic text normalisation with an offset map back to the original, sentences, tokens.

Normalisation (for matching only; the original text is what gets displayed):
camel-tools' alef / alef-maksura / teh-marbuta normalisers and dediacritisation,
tatweel and bidi/zero-width controls removed, Arabic-Indic digits to ASCII, Latin
lower-cased. Every step maps one character to at most one character, so the
normalised string carries a list mapping each of its positions to the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from marsad.records import Span

_DELETE = "\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_EXTRA = {
    "\u06a9": "\u0643",  # keheh -> kaf
    "\u06cc": "\u064a",  # farsi yeh -> yeh
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}


def _normalize_char(char: str) -> str:
    # camel-tools is imported here, on first use: importing it builds its character sets (about a
    # second), which the dashboard, reading an already processed store, never needs.
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    if char in _DELETE:
        return ""
    if char in _EXTRA:
        return _EXTRA[char]
    if "\u0660" <= char <= "\u0669":
        return str(ord(char) - 0x0660)
    if "\u06f0" <= char <= "\u06f9":
        return str(ord(char) - 0x06F0)
    out = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(char))))
    return out.lower() if len(out) <= 1 else char


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """str.translate table: every character normalisation changes (built on first use)."""
    table: dict[int, str] = {}
    candidates = [chr(c) for c in range(0x0600, 0x0700)] + list(_DELETE) + list(_EXTRA)
    candidates += [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    for char in candidates:
        mapped = _normalize_char(char)
        if mapped != char:
            table[ord(char)] = mapped
    # Arabic presentation forms (old typesetting: ﻟﺤﺞ for لحج) as the letters they show, where a form is one
    # letter (a ligature of two, ﻻ, would change the text's length: it stays)
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        letter = unicodedata.normalize("NFKC", chr(code))
        if len(letter) == 1 and "\u0600" <= letter <= "\u06ff":
            mapped = _normalize_char(letter)
            if len(mapped) == 1:
                table[code] = mapped
    return table


_LIST_END = 0x2070  # characters above this that normalisation changes (U+FEFF) are few and rare

# A str.translate table as str.translate reads it fastest (see `fast_table`).
FastTable = tuple[list[int | str], dict[int, str], re.Pattern[str] | None]


def fast_table(table: dict[int, str]) -> FastTable:
    """A str.translate table (code -> replacement) as str.translate reads it fastest: a list indexed by
    code point (a dict costs a raised and caught KeyError for every character it keeps), up to
    _LIST_END; the characters above it in a dict, and a pattern that finds them (None: there are none).
    Every replacement must lie below _LIST_END (it is not looked up again). Use with `translate`."""
    codes: list[int | str] = list(range(_LIST_END))
    for code, mapped in table.items():
        if code < _LIST_END:
            codes[code] = mapped
    rest = {code: mapped for code, mapped in table.items() if code >= _LIST_END}
    return codes, rest, re.compile("[" + re.escape("".join(map(chr, rest))) + "]") if rest else None


def translate(text: str, table: FastTable) -> str:
    """text.translate(the table `table` was made from: see `fast_table`), faster."""
    codes, rest, rest_re = table
    text = text.translate(codes)
    return text.translate(rest) if rest_re is not None and rest_re.search(text) else text


@lru_cache(maxsize=1)
def _translation() -> FastTable:
    return fast_table(_table())


def _translate(text: str) -> str:
    """text.translate(_table()), faster."""
    return translate(text, _translation())


def character_table() -> dict[int, str]:
    """The str.translate table normalisation applies: a character's code to its normal form ("" for a
    character it deletes: diacritics, tatweel, bidi controls)."""
    return _table()


@lru_cache(maxsize=1)
def _deletable_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(chr(k) for k, v in _table().items() if v == "") + "]+")


_CONTROLS = frozenset(_DELETE) - {"\u0640"}  # bidi and zero-width controls: never part of a word


@dataclass(frozen=True)
class Normalized:
    """A normalised string and the way back to the original offsets."""

    text: str
    _positions: tuple[int, ...] | None  # original index of each normalised char; None = identity
    original_length: int
    original: str = ""

    def to_original(self, index: int) -> int:
        """Original offset of normalised position `index` (an end offset may equal len)."""
        if self._positions is None:
            return index
        if index >= len(self._positions):
            return self.original_length
        return self._positions[index]

    def span_to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Normalised (start, end) of the original span [start, end): the characters kept from it."""
        if self._positions is None:
            return start, end
        return bisect_left(self._positions, start), bisect_left(self._positions, end)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span [start, end)."""
        if end <= start:
            original = self.to_original(start)
            return original, original
        original_end = self.to_original(end - 1) + 1
        if self._positions is not None:  # keep the word's trailing diacritics (غداً, تقرّ)
            table = _table()
            while original_end < self.original_length and table.get(ord(self.original[original_end])) == "" \
                    and self.original[original_end] not in _CONTROLS:
                original_end += 1
        return self.to_original(start), original_end


@lru_cache(maxsize=2)
def normalize(text: str) -> Normalized:
    """Normalise `text` for matching, keeping an offset map to the original. The last two texts'
    are kept: an article is normalised by the pipeline and again where its date is read."""
    normalized = _translate(text)
    if not _deletable_re().search(text):
        return Normalized(normalized, None, len(text), text)
    positions = _kept_positions(text)
    return Normalized(normalized, positions, len(text), text)


def _kept_positions(text: str) -> tuple[int, ...]:
    """Original index of every character normalisation keeps (runs between deletions)."""
    kept: list[int] = []
    previous = 0
    for match in _deletable_re().finditer(text):
        kept.extend(range(previous, match.start()))
        previous = match.end()
    kept.extend(range(previous, len(text)))
    return tuple(kept)


_CACHED_KEY_LENGTH = 48  # longer strings (a span of text between two words) are not cached


def normalize_key(text: str) -> str:
    """Normalised form of a short string (lexicon entries, names): no offsets, spaces squeezed."""
    return _cached_key(text) if len(text) <= _CACHED_KEY_LENGTH else _key(text)


def _key(text: str) -> str:
    return " ".join(_translate(text).split())


# Words and names recur; spans of text seldom do, and 65,536 of them (a few kB each) held tens of MB
# in every worker process.
_cached_key = lru_cache(maxsize=65536)(_key)


# --- sentences -------------------------------------------------------------------------

_TERMINATORS = ".!?؟;؛…"
_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}
_CLOSE_QUOTES = {"”", "»"}


_SENTENCE_MARKS_RE = re.compile('[\n.!?؟;؛…“”«»„"]')


def split_sentences(text: str) -> list[Span]:
    """Split on line breaks and on sentence punctuation outside quotes.

    A full stop inside a quotation (“... تماما. نأمل ...”) does not end the sentence, so
    a quote stays whole; a line break always ends one (headlines, captions). Digits
    around a full stop (2.5) and `..` joining a headline's halves do not split either.
    """
    spans: list[Span] = []
    start = 0
    depth = 0
    straight_open = False
    length = len(text)
    skip_to = -1
    for mark in _SENTENCE_MARKS_RE.finditer(text):
        i = mark.start()
        if i < skip_to:
            continue
        char = text[i]
        cut = None
        if char == "\n":
            cut = i
            depth = 0
            straight_open = False
        elif char in _OPEN_QUOTES and not (char == "“" and depth > 0):
            depth += 1
        elif char in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif char == '"':
            straight_open = not straight_open
        elif char in _TERMINATORS and depth == 0 and not straight_open:
            if char == "." and 0 < i < length - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            if char == "." and i + 1 < length and text[i + 1] == ".":
                while i + 1 < length and text[i + 1] == ".":
                    i += 1
                skip_to = i + 1
                continue
            while i + 1 < length and text[i + 1] in _TERMINATORS + "\"”»)":
                i += 1
            cut = i + 1
            skip_to = cut
        if cut is not None:
            _append_trimmed(spans, text, start, cut)
            start = cut
    _append_trimmed(spans, text, start, length)
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        spans.append(Span(start, end))


# --- tokens ----------------------------------------------------------------------------

# Same split as camel-tools' simple_word_tokenize (runs of word characters, each
# punctuation mark on its own), but returning spans instead of strings.
_TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]|_", re.UNICODE)


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word and punctuation token in `text`."""
    return [m.span() for m in _TOKEN_RE.finditer(text)]


# Words and punctuation marks, as the extractors walk them (no separate "_" token).
WORD_RE = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)

_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")


def is_arabic(text: str) -> bool:
    """True when `text` contains Arabic letters."""
    return bool(_ARABIC_RE.search(text))
