"""One article as every extractor reads it: its text, the normalised form with the way back to the
original offsets, its sentences and dates, when it was published and the lexicon to read it with.

`text` is the article's text with teasers, footers and bylines blanked (`marsad.text.boilerplate`:
same length, so offsets are those of `Article.text`); `sentences` are its body sentences only
(datelines and captions cut out); `segments` are the parts that are not body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marsad.lexicon import Lexicon
from marsad.records import Span, TimeMention
from marsad.text.boilerplate import Segment
from marsad.text.normalize import Normalized


@dataclass(frozen=True)
class Document:
    text: str
    normalized: Normalized
    sentences: list[Span]
    times: list[TimeMention]
    published: date | None
    lexicon: Lexicon
    segments: tuple[Segment, ...] = ()
