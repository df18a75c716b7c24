"""Span helpers the extractors share: what lies inside a span, and the date a clause speaks of."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from operator import itemgetter

from marsad.records import Mention, Span, TimeMention

_FIRST = itemgetter(0)


def within(items: list[tuple], span: Span) -> list[tuple]:
    """Items (sorted by their first element, a start offset) that lie inside `span`."""
    low = bisect_left(items, span.start, key=_FIRST)
    high = bisect_left(items, span.end, key=_FIRST)
    return [item for item in items[low:high] if item[1] <= span.end]


def sentence_date(times: list[TimeMention], span: Span, published: date | None,
                  sentence: Span | None = None) -> tuple[date | None, str]:
    """The date a clause speaks of: its own temporal expression (else its sentence's), else publication."""
    for scope in (span, sentence) if sentence else (span,):
        for time in times:
            if scope.start <= time.start and time.end <= scope.end:
                return time.date, time.precision
    return published, "reported"


def mentions_within(mentions: list[Mention], span: Span) -> list[Mention]:
    """The mentions wholly inside `span` (a sentence, a clause)."""
    return [m for m in mentions if span.start <= m.start and m.end <= span.end]


def enclosing(text: str, start: int, end: int, boundary: re.Pattern[str], reach: int) -> Span:
    """The stretch of `text` around [start, end) up to the nearest `boundary` on each side (a sentence end,
    a line break), and at most `reach` characters either way."""
    ends = [m.end() for m in boundary.finditer(text, max(0, start - reach), start)]
    after = boundary.search(text, end, end + reach)
    return Span(ends[-1] if ends else max(0, start - reach), after.start() if after else min(len(text), end + reach))
