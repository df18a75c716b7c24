"""The day an article was written, which is not always the date a feed or a crawler gives it.

A crawler stamps an article with the day it fetched it (SaudiNewsNet's `date_extracted`), often the
day after the print edition; `أمس` in the text means the day before the day it was *written*. Two
signals say which day that was, and either is taken only when it falls a few days before the given
date (never after, never far):

* a date in the article's URL (`/Issues/20150730/`, `/2015/07/30/`, `2015-07-30`): the edition;
* the text's own anchors, a weekday after `اليوم` or `أمس` (`قتلوا اليوم الجمعة`, `مساء أمس الخميس`):
  the day they make today, when every anchor agrees.

The URL wins over the text. Without either, the given date stands. `written_on` returns the day and
why (`given`, `url`, `text`); the pipeline resolves relative dates against it and dates undated
events with it, while the article keeps the date it was given.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from marsad.extract.timex import weekday_words
from marsad.text.normalize import normalize

MAX_LAG_DAYS = 3  # how far before the given date the written day may be

_URL_DATE_RE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_ANCHOR_RE = re.compile(r"(?<!\S)[وف]?(اليوم|امس)\s+(?:يوم\s+)?(\S+)")


def url_date(url: str | None) -> date | None:
    """The first well-formed date written in `url`, if any."""
    for match in _URL_DATE_RE.finditer(url or ""):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def _plausible(day: date, given: date) -> bool:
    return given - timedelta(days=MAX_LAG_DAYS) <= day <= given


def text_anchor_day(text: str, given: date) -> date | None:
    """The day `اليوم الجمعة` / `أمس الخميس` make today, when every such anchor in `text` agrees on one
    within MAX_LAG_DAYS before `given`."""
    weekdays = weekday_words()
    days = set()
    for match in _ANCHOR_RE.finditer(normalize(text).text):
        weekday = weekdays.get(match.group(2))
        if weekday is None:
            continue
        offset = 0 if match.group(1) == "اليوم" else 1  # أمس الخميس: today is the day after Thursday
        candidates = [given - timedelta(days=lag) for lag in range(MAX_LAG_DAYS + 1)]
        fitting = [d for d in candidates if (d - timedelta(days=offset)).weekday() == weekday]
        if not fitting:
            return None
        days.add(fitting[0])
    return days.pop() if len(days) == 1 else None


def written_on(given: date | None, url: str | None, text: str) -> tuple[date | None, str]:
    """(the day the article was written, how it is known: "given", "url" or "text")."""
    if given is None:
        return None, "given"
    from_url = url_date(url)
    if from_url is not None and _plausible(from_url, given):
        return from_url, "url" if from_url != given else "given"
    from_text = text_anchor_day(text, given)
    if from_text is not None and from_text != given:
        return from_text, "text"
    return given, "given"
