"""One article as every extractor reads it: its text, the normalised form with the way back to the
original offsets, its sentences and dates, when it was published and the lexicon to read it with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marsad.lexicon import Lexicon
from marsad.records import Span, TimeMention
from marsad.text.normalize import Normalized


@dataclass(frozen=True)
class Document:
    text: str
    normalized: Normalized
    sentences: list[Span]
    times: list[TimeMention]
    published: date | None
    lexicon: Lexicon
