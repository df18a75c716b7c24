"""Clitic-aware multi-pattern matching of Arabic phrases over normalised text.

Patterns and text are both normalised (marsad.text.normalize). A pattern matches whole words
only, but the first word may carry the proclitics Arabic news attaches to it
(و ف ب ل ك, and ال for patterns written with the article): `وأفريكوم`, `لحفتر`,
`للجيش الوطني الليبي`, `واليرموك`. One Aho-Corasick automaton (pyahocorasick)
finds every candidate in a single pass; the clitic and boundary checks follow.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from marsad.text.normalize import Normalized, normalize_key

T = TypeVar("T")

CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})
# The article after a clitic; ل + ال is written لل.
ARTICLE_PREFIXES = frozenset({"ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال"})


def is_word_char(char: str) -> bool:
    return char.isalnum()


@dataclass(frozen=True)
class Match(Generic[T]):
    """A pattern found in normalised text; `start` includes no clitic, `word_start` does."""

    start: int
    end: int
    word_start: int
    key: str
    payloads: tuple[T, ...]
    display_start: int  # includes a written article (`القيادة` from `والقيادة`), no other clitic


class Matcher(Generic[T]):
    """Many normalised phrases -> payloads, matched as whole (clitic-prefixed) words."""

    def __init__(self, entries: Iterable[tuple[str, T]], *, min_length: int = 2) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[bool, T]]] = {}
        for phrase, payload in entries:
            key = normalize_key(phrase)
            has_article = key.startswith("ال") and len(key) > 4
            core = key[2:] if has_article else key
            if len(core) < min_length:
                continue
            table.setdefault(core, []).append((has_article, payload))
        for core, payloads in table.items():
            # the prefixes a match may carry, when its payloads agree (all written with the article or
            # none: nearly always); else each payload is checked (see find)
            articles = {has_article for has_article, _ in payloads}
            allowed = None if len(articles) > 1 else ARTICLE_PREFIXES if True in articles else CLITICS
            self._automaton.add_word(core, (core, tuple(payloads), tuple(p for _, p in payloads), allowed))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match[T]]:
        """Every match in normalised `text` (overlapping; see `longest_first`)."""
        if self._empty:
            return []
        matches: list[Match[T]] = []
        length = len(text)
        # every candidate the automaton finds passes here (a place name inside a longer word too): the
        # word characters are told by str.isalnum (is_word_char) without a call of our own
        for end_index, (core, payloads, every, allowed) in self._automaton.iter(text):
            end = end_index + 1
            if end < length and text[end].isalnum():
                continue
            start = end - len(core)
            word_start = start
            stop = start - 5 if start > 5 else 0  # five word characters before it: no clitic, no match
            while word_start > stop and text[word_start - 1].isalnum():
                word_start -= 1
            if start - word_start > 4:
                continue
            prefix = text[word_start:start]
            if allowed is not None:
                kept = every if prefix in allowed else ()
            else:
                kept = tuple(p for has_article, p in payloads
                             if (prefix in ARTICLE_PREFIXES if has_article else prefix in CLITICS))
            if kept:
                display_start = start - 2 if prefix.endswith("ال") else start
                matches.append(Match(start, end, word_start, core, kept, display_start))
        return matches


def find_in_original(matcher: Matcher[T], norm: Normalized) -> list[tuple[int, int, T]]:
    """(start, end, first payload) of every non-overlapping match, as offsets into the original text."""
    found = []
    for match in longest_first(matcher.find(norm.text)):
        start, end = norm.span_to_original(match.word_start, match.end)
        found.append((start, end, match.payloads[0]))
    return found


def previous_word(text: str, position: int) -> tuple[str, int]:
    """The whitespace-delimited word before `position`, and where it starts ("" at the start)."""
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end], start


def whole_word_occurrences(text: str, word: str) -> Iterator[tuple[int, str]]:
    """Where `word` stands as a whole word in `text`, each with the whitespace-delimited word before it
    (`previous_word`)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield at, previous_word(text, at)[0]
        at = text.find(word, end)


def longest_first(matches: list[Match[T]]) -> list[Match[T]]:
    """Keep non-overlapping matches: the longest wins, then the earliest (أحمد خليفة is not خليفة حفتر)."""
    chosen: list[Match[T]] = []
    # the spans taken so far, disjoint and sorted: of those starting before a match's end, only the
    # last can reach into it
    starts: list[int] = []
    ends: list[int] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        at = bisect_left(starts, match.end)
        if at and ends[at - 1] > match.start:
            continue
        chosen.append(match)
        starts.insert(at, match.start)
        ends.insert(at, match.end)
    return sorted(chosen, key=lambda m: m.start)
