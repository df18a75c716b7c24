"""Temporal expressions in Arabic news: find them and resolve them to date spans.

Rules are regular expressions over `normalize(text).text` (alef/yeh/teh-marbuta folded,
no diacritics, ASCII digits); offsets are mapped back to the original text. Word lists
(month names, ordinals, number words, weekdays, cue and blocking words) live in
data/months.csv and data/time_words.csv.

What is understood (published = the article's publication date):

* explicit dates: `7 أبريل 2019`, `7 أبريل/نيسان 2019`, `السابع من أبريل/نيسان`,
  `5-7 أبريل` (range), `7/4/2019`, `07.04.2019` (day first), `2019-04-07`, an optional
  weekday in front (`الأحد 7 أبريل`, `يوم الجمعة الموافق 5 أبريل`);
  `7 من الشهر الجاري`, `15 أبريل الماضي`, `أبريل من العام الماضي`;
* Hijri (Umm al-Qura) dates: `15 رمضان 1440هـ`, `29 محرم 1430`, `شعبان 1436هـ` (a month),
  `15/9/1440هـ` (the `هـ` is then required), and without a year `17 رمضان الجاري`, `26 رمضان
  الماضي`, `27 شوال المقبل` (the Hijri year of publication, chosen as for Gregorian dates);
* a part of a month or year in front of it: `أواخر مارس 2019` (21-31 March), `منتصف أبريل
  الماضي` (11-20), `مطلع الشهر الجاري` (1-10), `أوائل 2018` (January-April), `نهاية عام 2018`
  (September-December), as ranges;
* month + year (`نيسان/أبريل 2019`), a month after a cue (`في مارس`, `شهر آب`), years after
  a cue (`عام 2016`, `في 2016`, `منذ 2011`, `2019م`), `عامي 2011 و2014` (range);
* relative to publication: `اليوم`, `صباح اليوم الأحد`, `أمس السبت`, `أول أمس`, `غدا`,
  `بعد غد`, weekdays (`يوم الأحد`, `الأحد الماضي`, `الأحد المقبل`), `الأسبوع الماضي`,
  `الشهر الماضي`, `العام الماضي`, `هذا العام`, `الأيام الماضية`, `الساعات الماضية`,
  `منذ ثلاثة أيام`, `قبل يومين`, `قبل أسبوع`, `منذ شهرين`, `قبل عامين`.

Resolution:

* A day and month without a year take the year of `published`, or the year before when
  that would put the date more than two months after publication. The year is then
  inferred, so the mention is marked `relative=True` although day and month are explicit.
  Without `published`, `default_year` (if given) is used instead and the mention stays
  `relative=False`: it no longer depends on the publication date.
* A bare weekday (`يوم الأحد`, `صباح الأحد`) is the most recent such day on or before
  publication; `الأحد الماضي` the most recent strictly before, `الأحد المقبل` the next
  strictly after. `اليوم الأحد` / `أمس السبت` trust the publication date over the weekday.
* `الأسبوع الماضي` = the 7 days before publication (week); `الأسبوع الجاري` = the
  Saturday-to-Friday week containing it; `الأيام الماضية` = publication-7 .. publication-1
  (range); `الساعات الماضية` = publication-1 .. publication (range).
* Vague or event-anchored expressions give nothing: `بعد أيام`, `خلال الأيام المقبلة`,
  `بعد ثلاثة أيام من ...`, `قبل يومين من ...`, `آنذاك`, `حينها`.
"""

from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from hijridate import Gregorian, Hijri

from marsad.lexicon import alternation
from marsad.paths import DATA_DIR
from marsad.records import TimeMention
from marsad.text.normalize import Normalized, normalize, normalize_key

_YEAR = r"(?:19|20)\d\d(?!\d)"
_MODIFIER_SUFFIX = r"(?:ه|ين|تين)?"
_INFER_WINDOW = timedelta(days=62)  # a yearless date this far after publication is last year's


# --- lexicon -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, tuple[int, str]]  # normalised name -> (month, ambiguity: "" | cue | strict)
    hijri_months: dict[str, tuple[int, str]]  # normalised name -> (Hijri month, ambiguity: "" | strict)
    ordinals: dict[str, int]
    numbers: dict[str, int | None]  # None = "a few"
    units: dict[str, tuple[str, int | None]]  # -> (day|week|month|year|hour, implied count)
    weekdays: dict[str, tuple[int, bool]]  # -> (date.weekday(), ambiguous)
    modifiers: dict[str, tuple[str, bool]]  # -> (past|next|current, weak)
    parts: dict[str, str]  # مطلع / منتصف / أواخر -> early | mid | late
    words: dict[str, frozenset[str]]  # other kinds: daypart, *_cue, *_block_*, name_before


def weekday_words() -> dict[str, int]:
    """normalised weekday name (`الجمعه`) -> date.weekday() (data/time_words.csv)."""
    return {word: day for word, (day, _) in _lexicon().weekdays.items()}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    months: dict[str, tuple[int, str]] = {}
    for row in _read_csv("months.csv"):
        months[normalize_key(row["name"])] = (int(row["month"]), row["ambiguity"].strip())
    hijri_months = {normalize_key(row["name"]): (int(row["month"]), row["ambiguity"].strip())
                    for row in _read_csv("hijri_months.csv")}
    ordinals: dict[str, int] = {}
    numbers: dict[str, int | None] = {}
    units: dict[str, tuple[str, int | None]] = {}
    weekdays: dict[str, tuple[int, bool]] = {}
    modifiers: dict[str, tuple[str, bool]] = {}
    parts: dict[str, str] = {}
    words: dict[str, set[str]] = {}
    for row in _read_csv("time_words.csv"):
        kind, word, value, flag = row["kind"], normalize_key(row["word"]), row["value"], row["flag"]
        if kind == "ordinal":
            ordinals[word] = int(value)
        elif kind == "number":
            numbers[word] = None if value == "few" else int(value)
        elif kind == "unit":
            units[word] = (value, int(flag) if flag else None)
        elif kind == "weekday":
            weekdays[word] = (int(value), flag == "ambiguous")
        elif kind == "modifier":
            modifiers[word] = (value, flag == "weak")
        elif kind == "part":
            parts[word] = value
        else:
            words.setdefault(kind, set()).add(word)
    return _Lexicon(
        months, hijri_months, ordinals, numbers, units, weekdays, modifiers, parts,
        {k: frozenset(v) for k, v in words.items()},
    )


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- regex builders ----------------------------------------------------------------------


def _atoms(word: str) -> list[str]:
    """A normalised lexicon entry as regex atoms: any run of spaces, `و` may be detached."""
    atoms: list[str] = []
    for i, token in enumerate(word.split()):
        if i:
            if token.startswith("و") and len(token) > 3:  # الحادي والعشرين
                atoms.append(r"\s+و\s*")
                token = token[1:]
            else:
                atoms.append(r"\s+")
        atoms.extend(re.escape(char) for char in token)
    return atoms


def _alt(words: Iterable[str]) -> str:
    """Alternation of words as a trie (much faster in `re` than a flat list), on a word boundary."""
    root: dict[str, dict] = {}
    for word in set(words):
        node = root
        for atom in _atoms(word):
            node = node.setdefault(atom, {})
        node[""] = {}  # a word ends here

    def build(node: dict[str, dict]) -> str:
        branches = [atom + build(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # optional continuation: greedy, so the longest word is tried first
            return (body if len(branches) > 1 else f"(?:{body})") + "?"
        return body

    return "(?:" + build(root) + r")(?!\w)"


def _modifiers_re(lex: _Lexicon) -> str:
    return (
        "(?:"
        + alternation(lex.modifiers)
        + ")"
        + (_MODIFIER_SUFFIX + r"(?!\w)")
    )


def _month_ref_re(lex: _Lexicon, with_relative: bool) -> str:
    """`أبريل[/نيسان]`; with_relative: also `شهر أبريل` and `الشهر الجاري`."""
    names = _alt(lex.months)
    pair = rf"(?:\s*[/\-–]?\s*(?P<m2>{names})|\s*\(\s*(?P<m3>{names})\s*\))?"
    named = rf"(?P<m1>{names}){pair}"
    if not with_relative:  # the month rule: anchored on the name (fast), شهر is looked up behind
        return named
    return rf"(?:(?:شهر\s+)?{named}|الشهر\s+(?P<mrel>{_modifiers_re(lex)}))"


def _year_tail_re(lex: _Lexicon) -> str:
    """What may follow a month: a year, `الماضي`, `من العام الماضي`..."""
    mods = _modifiers_re(lex)
    return (
        rf"(?:\s*[,،]?\s*(?:من\s+)?(?:(?:عام|العام|سنه|السنه)\s+)?(?P<y>{_YEAR})"
        rf"|\s+(?:من\s+)?(?P<yrel>(?:العام|السنه)\s+{mods}|(?:هذا\s+العام|هذه\s+السنه)(?!\w))"
        rf"|\s+(?P<mod>{mods}))?"
    )


# --- resolution helpers ------------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    text: str  # normalised text
    published: date | None
    default_year: int | None
    lex: _Lexicon


@dataclass(frozen=True)
class _Hit:
    start: int  # normalised offsets
    end: int
    date: date
    end_date: date
    precision: str
    relative: bool


_TRAILING_MARKS_RE = re.compile(r"[\u064b-\u065f\u0670\u0640]*")  # diacritics, tatweel
_PREV_WORD_RE = re.compile(r"(\w+)\s*$")
_NEXT_WORD_RE = re.compile(r"\s*(\w+)")
_CLITICS = ("و", "ف")


def _prev_word(text: str, index: int) -> tuple[str, int] | None:
    """The word just before `index` (spaces only between), without a leading و/ف, and its start."""
    match = _PREV_WORD_RE.search(text, max(0, index - 30), index)
    if match is None:
        return None
    word, start = match.group(1), match.start(1)
    if len(word) > 2 and word[0] in _CLITICS:
        return word[1:], start + 1
    return word, start


def _next_word(text: str, index: int) -> str:
    match = _NEXT_WORD_RE.match(text, index)
    return match.group(1) if match else ""


def _left_ok(text: str, start: int) -> bool:
    """`start` begins a word, possibly after a proclitic (و, ف; ب, ل before ال)."""
    i = start
    if i > 0 and text[i - 1] in "بل" and text.startswith("ال", start):
        i -= 1
    if i > 0 and text[i - 1] in "وف":
        i -= 1
    return i == 0 or not text[i - 1].isalnum()


def _extend_left(ctx: _Ctx, start: int, kind: str, times: int = 2) -> int:
    """Move `start` back over up to `times` preceding words of the `kind` word list."""
    words = ctx.lex.words.get(kind, frozenset())
    for _ in range(times):
        prev = _prev_word(ctx.text, start)
        if prev is None or prev[0] not in words:
            break
        start = prev[1]
    return start


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _modifier_kind(ctx: _Ctx, word: str | None) -> str | None:
    if not word:
        return None
    for suffix in ("تين", "ين", "ه", ""):
        stem = word[: len(word) - len(suffix)] if suffix and word.endswith(suffix) else word
        if stem in ctx.lex.modifiers:
            return ctx.lex.modifiers[stem][0]
    return None


def _month_number(ctx: _Ctx, name: str | None) -> int | None:
    if not name:
        return None
    entry = ctx.lex.months.get(" ".join(name.split()))
    return entry[0] if entry else None


def _year_for(ctx: _Ctx, match: re.Match[str], month: int, day: int | None) -> tuple[int, bool] | None:
    """Year of a day (day=None: of a month) from what follows the month name; (year, relative)."""
    if match.group("y"):
        return int(match.group("y")), False
    pub = ctx.published
    yrel = match.group("yrel")
    if yrel:
        if pub is None:
            return None
        kind = "current" if yrel.startswith("هذ") else _modifier_kind(ctx, yrel.split()[-1])
        return pub.year + {"past": -1, "next": 1}.get(kind or "", 0), True
    mod = _modifier_kind(ctx, match.group("mod"))
    if mod:
        if pub is None:
            return None
        # compare within the year; a month alone: أبريل الماضي published in April is last year's
        when, now = ((month,), (pub.month,)) if day is None else ((month, day), (pub.month, pub.day))
        if mod == "past":
            return (pub.year if when < now else pub.year - 1), True
        if mod == "next":
            return (pub.year if when > now else pub.year + 1), True
        return pub.year, True
    if pub is None:
        return (ctx.default_year, False) if ctx.default_year else None
    candidate = date(pub.year, month, min(day or 1, 28))
    return (pub.year - 1 if candidate > pub + _INFER_WINDOW else pub.year), True


def _weekday_on_or_before(pub: date, weekday: int, strictly: bool) -> date:
    back = (pub.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return pub - timedelta(days=back)


# --- rules -------------------------------------------------------------------------------

_Resolver = Callable[[re.Match[str], _Ctx], "_Hit | None"]


def _numeric(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    text, start, end = ctx.text, match.start(), match.end()
    if start >= 2 and text[start - 1] in "/.-" and text[start - 2].isdigit():
        return None
    if re.match(r"[/.\-]\d", text[end : end + 2]):
        return None
    day = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    if day is None:
        return None
    return _Hit(start, end, day, day, "day", False)


def _day_month(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`7 أبريل 2019`, `السابع من أبريل/نيسان`, `5-7 أبريل`, `10 من الشهر الجاري`."""
    groups = match.groupdict()
    if groups.get("o"):
        day = ctx.lex.ordinals.get(re.sub(r"\s+و\s*", " و", " ".join(groups["o"].split())))
        day2 = None
    else:
        day, day2 = int(groups["d"]), int(groups["d2"]) if groups.get("d2") else None
    if not day:
        return None
    pub = ctx.published
    if groups.get("mrel"):
        if pub is None:
            return None
        shift = {"past": -1, "next": 1}.get(_modifier_kind(ctx, groups["mrel"]) or "", 0)
        year, month = _add_months(pub.year, pub.month, shift)
        relative = True
    else:
        month = _month_number(ctx, groups["m1"])
        if month is None:
            return None
        resolved = _year_for(ctx, match, month, day)
        if resolved is None:
            return None
        year, relative = resolved
        if not groups.get("y") and _named(ctx, match.start()):
            return None  # ثورة 17 فبراير, قوى 14 آذار: a name, not a date
    first = _safe_date(year, month, day)
    if first is None:
        return None
    last = first
    if day2 is not None:
        last = _safe_date(year, month, day2) or first
        if last <= first:
            return None
    start = _weekday_before(ctx, match.start())
    return _Hit(start, match.end(), first, last, "day" if last == first else "range", relative)


def _named(ctx: _Ctx, start: int) -> bool:
    """Whether the word before `start` makes a yearless date a name (ثورة 17 فبراير, قوى 14 آذار)."""
    prev = _prev_word(ctx.text, start)
    return bool(prev) and prev[0] in ctx.lex.words.get("name_before", ())


def _weekday_before(ctx: _Ctx, start: int) -> int:
    """Extend a date back over `[يوم] الأحد[،] [الموافق]` written in front of it."""
    window = ctx.text[max(0, start - 40) : start]
    match = _weekday_prefix_re().search(window)
    if match is None:
        return start
    new_start = start - len(window) + match.start()
    return new_start if _left_ok(ctx.text, new_start) else start


@lru_cache(maxsize=1)
def _weekday_prefix_re() -> re.Pattern[str]:
    weekdays = _alt(_lexicon().weekdays)
    return re.compile(rf"(?:يوم\s+)?{weekdays}\s*[,،(]?\s*(?:الموافق\s+)?$")


def _month(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`أبريل 2019`, `نيسان/أبريل 2019`, `في مارس`, `شهر آب`, `أبريل الماضي`."""
    name = " ".join(match.group("m1").split())
    month, ambiguity = ctx.lex.months[name]
    start = match.start()
    prev = _prev_word(ctx.text, start)
    if prev and prev[0] == "شهر":
        start, prev = prev[1], _prev_word(ctx.text, prev[1])
    elif not any(match.group(g) for g in ("y", "yrel", "mod", "m2", "m3")):
        cue = prev[0] if prev and prev[0] in ctx.lex.words.get("month_cue", ()) else None
        if ambiguity == "strict" or cue is None or (ambiguity == "cue" and cue == "حتي"):
            return None
    resolved = _year_for(ctx, match, month, None)
    if resolved is None:
        return None
    year, relative = resolved
    first, last = _month_span(year, month)
    return _Hit(start, match.end(), first, last, "month", relative)


def _hijri(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`15 رمضان 1440هـ`, `شهر شعبان 1436`, `15/9/1440هـ`: converted with the Umm al-Qura calendar."""
    groups = match.groupdict()
    name = groups.get("hm")
    month, ambiguity = ctx.lex.hijri_months[" ".join(name.split())] if name else (int(groups["hmn"]), "")
    day = int(groups["hd"]) if groups.get("hd") else None
    if ambiguity == "strict" and (not groups.get("hy") or (
            day is None and not groups.get("era") and not match.group(0).startswith("شهر"))):
        return None  # صفر 1440 is also "zero 1440", and 3 صفر a score: a year and a day, شهر or هـ
    try:
        if groups.get("hy"):
            year, relative = int(groups["hy"]), False
        else:  # 17 رمضان الجاري: the year of publication's Hijri calendar
            resolved = _hijri_year(ctx, month, day or 1, groups.get("mod"))
            if resolved is None:
                return None
            year, relative = resolved
            if _named(ctx, match.start()):
                return None  # a name (ثورة 17 رمضان), not a date
        if day is not None:
            first = last = _gregorian(Hijri(year, month, day))
        else:
            first = _gregorian(Hijri(year, month, 1))
            last = first + timedelta(days=Hijri(year, month, 1).month_length() - 1)
    except (ValueError, OverflowError):  # no such day, or outside the calendar's 1343–1500 AH
        return None
    start = _weekday_before(ctx, match.start()) if day is not None else match.start()
    return _Hit(start, match.end(), first, last, "day" if day is not None else "month", relative)


def _hijri_year(ctx: _Ctx, month: int, day: int, modifier: str | None) -> tuple[int, bool] | None:
    """The Hijri year of a yearless Hijri date, as `_year_for` finds a Gregorian one: publication's year,
    the one before for `الماضي` or a date well after publication, the one after for `المقبل`."""
    pub = ctx.published
    if pub is None:
        return None
    year = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
    kind = _modifier_kind(ctx, modifier)
    when = _gregorian(Hijri(year, month, min(day, 29)))
    if kind == "past" and when >= pub or kind != "next" and when > pub + _INFER_WINDOW:
        year -= 1
    elif kind == "next" and when <= pub:
        year += 1
    return year, True


def _gregorian(day: Hijri) -> date:
    converted = day.to_gregorian()
    return date(converted.year, converted.month, converted.day)


# A part of a month (days) or of a year (months), for `مطلع` / `منتصف` / `أواخر` in front of it.
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


def _part_of(hit: _Hit, ctx: _Ctx) -> _Hit:
    """`أواخر مارس 2019`: the last third of the month (21-31 March), `مطلع العام الجاري`: its first
    four months; precision `range`. A hit that is not a whole month or year is returned as it is."""
    prev = _prev_word(ctx.text, hit.start)
    part = ctx.lex.parts.get(prev[0]) if prev else None
    if part is None or hit.precision not in ("month", "year"):
        return hit
    if hit.precision == "month":  # by days into the span: a Hijri month has its own
        low, high = _MONTH_PARTS[part]
        first = hit.date + timedelta(days=low - 1)
        last = hit.end_date if part == "late" else hit.date + timedelta(days=high - 1)
    else:
        low, high = _YEAR_PARTS[part]
        first, last = date(hit.date.year, low, 1), _month_span(hit.date.year, high)[1]
    return _Hit(prev[1], hit.end, first, last, "range", hit.relative)


def _year(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`عام 2016`, `في 2016`, `منذ 2011`, `2019م`."""
    start = match.start()
    prev = _prev_word(ctx.text, start)
    if prev and prev[0] in ("عام", "العام", "سنه", "السنه"):
        start = prev[1]
    elif not match.group("ad") and (prev is None or prev[0] not in ctx.lex.words.get("year_cue", ())):
        return None
    year = int(match.group("y"))
    return _Hit(start, match.end("y"), date(year, 1, 1), date(year, 12, 31), "year", False)


def _year_range(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`عامي 2011 و2014`."""
    first, last = int(match.group("y1")), int(match.group("y2"))
    if last <= first:
        return None
    return _Hit(match.start(), match.end(), date(first, 1, 1), date(last, 12, 31), "range", False)


_DAY_WORD_OFFSETS = {"اليوم": 0, "الليله": 0, "امس": -1, "الامس": -1, "غدا": 1, "غد": 1, "الغد": 1}


def _relative_day(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`اليوم`, `صباح اليوم الأحد`, `أمس السبت`, `أول أمس`, `غدا`, `بعد غد`."""
    pub = ctx.published
    if pub is None:
        return None
    word = " ".join(match.group("w").split())
    start = _extend_left(ctx, match.start(), "daypart")
    extended = start != match.start()
    if word in ("غد", "الغد") and not extended:
        return None
    if word == "اليوم" and not match.group("wd"):
        prev = _prev_word(ctx.text, match.start())
        if prev and prev[0] in ctx.lex.words.get("today_block_before", ()):
            return None
        if _next_word(ctx.text, match.end()) in ctx.lex.words.get("today_block_after", ()):
            return None
    if word.startswith("اول") or word.endswith("الاول"):
        offset = -2
    elif word.startswith("بعد"):
        offset = 2
    elif word.endswith("الماضيه"):
        offset = -1
    else:
        offset = _DAY_WORD_OFFSETS[word]
    day = pub + timedelta(days=offset)
    return _Hit(start, match.end(), day, day, "day", True)


def _weekday(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`يوم الأحد`, `صباح الأحد`, `الأحد الماضي`, `الخميس` (unambiguous names only bare)."""
    pub = ctx.published
    lex = ctx.lex
    weekday, ambiguous = lex.weekdays[match.group("wd")]
    prev = _prev_word(ctx.text, match.start())
    if prev and prev[0] in lex.words.get("weekday_block_before", ()):
        return None  # سوق الجمعة, صلاة الجمعة
    if _next_word(ctx.text, match.end()) in ("عشر", "عشره"):
        return None  # الأحد عشر
    start = _extend_left(ctx, match.start(), "daypart")
    mod = _modifier_kind(ctx, match.group("mod"))
    cued = start != match.start() or mod is not None
    cued = cued or (prev is not None and prev[0] in lex.words.get("weekday_cue_before", ()))
    if (ambiguous and not cued) or pub is None:
        return None
    if mod == "next":
        day = pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    else:
        day = _weekday_on_or_before(pub, weekday, strictly=mod == "past")
    return _Hit(start, match.end(), day, day, "day", True)


def _ago(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`منذ ثلاثة أيام`, `قبل يومين`, `قبل أسبوع`, `منذ شهرين`, `قبل عامين`, `منذ أيام`."""
    pub = ctx.published
    if pub is None:
        return None
    text, end = ctx.text, match.end()
    follower = _next_word(text, end)
    unit, implied = ctx.lex.units[match.group("unit")]
    raw = match.group("num")
    if raw is None and follower.startswith("ال"):
        return None  # قبل يوم الانتخابات: "the day of", not "a day ago"
    if follower in ctx.lex.weekdays or follower in ("من", "علي", "عن", "رمضان"):
        return None  # قبل يومين من الانتخابات: anchored on another event
    if re.match(r"\s*\d", text[end : end + 3]):
        return None  # منذ عام 2011 is the year rule's
    count: int | None = implied
    if raw is not None:
        count = int(raw) if raw.isdigit() else ctx.lex.numbers.get(raw)
    if count == 0:
        return None
    start = match.start()
    if count is None:  # منذ أيام, قبل ساعات, منذ بضعة أيام
        if unit == "day":
            return _Hit(start, end, pub - timedelta(days=7), pub - timedelta(days=1), "range", True)
        if unit == "hour":
            return _Hit(start, end, pub, pub, "day", True)
        return None
    if unit in ("day", "hour"):
        day = pub - timedelta(days=count if unit == "day" else count // 24)
        return _Hit(start, end, day, day, "day", True)
    if unit == "week":
        first = pub - timedelta(days=7 * count)
        return _Hit(start, end, first, first + timedelta(days=6), "week", True)
    if unit == "month":
        first, last = _month_span(*_add_months(pub.year, pub.month, -count))
        return _Hit(start, end, first, last, "month", True)
    year = pub.year - count
    return _Hit(start, end, date(year, 1, 1), date(year, 12, 31), "year", True)


def _period(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`الأسبوع الماضي`, `الشهر الجاري`, `العام الماضي`, `العام قبل الماضي`, `هذا العام`."""
    pub = ctx.published
    if pub is None:
        return None
    unit = match.group("u") or match.group("u2")
    raw = match.group("mod")
    if match.group("u2"):
        kind = "current"
    elif raw.startswith("قبل"):
        kind = "past2"
    else:
        kind = _modifier_kind(ctx, raw) or "current"
        stem = raw.removesuffix("ه")
        prev = _prev_word(ctx.text, match.start())
        if ctx.lex.modifiers.get(stem, ("", False))[1] and prev and prev[0].startswith("ال"):
            return None  # الأمين العام السابق, المدير العام الحالي
    start, end = match.start(), match.end()
    dual = unit.endswith("ين")
    if unit.startswith("الاسبوع"):
        if dual:
            if kind != "past":
                return None
            return _Hit(start, end, pub - timedelta(days=14), pub - timedelta(days=1), "range", True)
        if kind in ("past", "past2"):
            first = pub - timedelta(days=7 if kind == "past" else 14)
        elif kind == "next":
            first = pub + timedelta(days=1)
        else:
            first = pub - timedelta(days=(pub.weekday() - 5) % 7)  # week starts on Saturday
        return _Hit(start, end, first, first + timedelta(days=6), "week", True)
    shift = {"past": -1, "past2": -2, "next": 1}.get(kind, 0)
    if unit.startswith("الشهر"):
        if dual:
            if kind != "past":
                return None
            first = _month_span(*_add_months(pub.year, pub.month, -2))[0]
            last = _month_span(*_add_months(pub.year, pub.month, -1))[1]
            return _Hit(start, end, first, last, "range", True)
        first, last = _month_span(*_add_months(pub.year, pub.month, shift))
        return _Hit(start, end, first, last, "month", True)
    if dual:
        if kind != "past":
            return None
        return _Hit(start, end, date(pub.year - 2, 1, 1), date(pub.year - 1, 12, 31), "range", True)
    year = pub.year + shift
    return _Hit(start, end, date(year, 1, 1), date(year, 12, 31), "year", True)


def _recent(match: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """`الأيام الماضية`, `الأيام القليلة الماضية`, `الساعات الـ24 الماضية`, `الأسابيع الأخيرة`."""
    pub = ctx.published
    if pub is None:
        return None
    what = match.group("what")
    if what.startswith("الايام"):
        first, last = pub - timedelta(days=7), pub - timedelta(days=1)
    elif what.startswith("الاسابيع"):
        first, last = pub - timedelta(days=28), pub - timedelta(days=1)
    else:
        first, last = pub - timedelta(days=1), pub
    return _Hit(match.start(), match.end(), first, last, "range", True)


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    resolve: _Resolver
    # a part every match holds (the rule is not run over a text without it: a quick search first)
    needs: re.Pattern[str] | None = None


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    lex = _lexicon()
    tail = _year_tail_re(lex)
    mods = _modifiers_re(lex)
    weekdays = _alt(lex.weekdays)
    units = _alt(lex.units)
    numbers = _alt(lex.numbers)
    hijri_months = _alt(lex.hijri_months)
    past = r"(?:الماضيه|الاخيره|المنصرمه|السابقه|الفائته)(?!\w)"
    specs: list[tuple[str, str, _Resolver]] = [
        ("dmy", rf"(?P<d>\d{{1,2}})\s?(?P<s>[/.\-])\s?(?P<m>\d{{1,2}})\s?(?P=s)\s?(?P<y>{_YEAR})", _numeric),
        ("ymd", rf"(?P<y>{_YEAR})(?P<s>[/.\-])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?!\d)", _numeric),
        (
            "day_month",
            rf"(?P<d>\d{{1,2}})(?:\s*(?:-|–|الي|حتي|و)\s*(?P<d2>\d{{1,2}}))?\s*(?:من\s+)?"
            rf"{_month_ref_re(lex, True)}{tail}",
            _day_month,
        ),
        (
            "ordinal_month",
            rf"(?P<o>{_alt(lex.ordinals)})\s+من\s+{_month_ref_re(lex, True)}{tail}",
            _day_month,
        ),
        (
            "hijri",
            rf"(?:(?P<hd>\d{{1,2}})\s*(?:من\s+)?|شهر\s+)?(?P<hm>{hijri_months})\s*[,،]?\s*"
            rf"(?:(?:عام|سنه|لعام|لسنه)\s+)?(?P<hy>1[34]\d\d)(?!\d)(?:\s*(?P<era>ه(?!\w)|هجريه|هجري|للهجره))?",
            _hijri,
        ),
        (
            "hijri_day",  # no year: relative to publication
            rf"(?P<hd>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<hm>{hijri_months})(?:\s+(?P<mod>{mods}))?",
            _hijri,
        ),
        ("hijri_numeric", r"(?P<hd>\d{1,2})/(?P<hmn>\d{1,2})/(?P<hy>1[34]\d\d)\s*ه(?!\w)", _hijri),
        ("month", rf"{_month_ref_re(lex, False)}{tail}", _month),
        ("year", rf"(?P<y>{_YEAR})(?:(?P<ad>\s?م)(?!\w)|(?!\w))", _year),
        (
            "year_range",
            rf"(?:عامي|العامين|سنتي)\s+(?P<y1>{_YEAR})\s*(?:و|-|الي|حتي)\s*(?:عام\s+)?(?P<y2>{_YEAR})",
            _year_range,
        ),
        (
            "relative_day",
            rf"(?P<w>اليوم|الليله(?:\s+الماضيه)?|اول\s+(?:من\s+)?امس|الامس(?:\s+الاول(?!\w))?"
            rf"|امس(?:\s+الاول(?!\w))?|بعد\s+غد|غدا|غد|الغد)(?!\w)(?:\s*[,،]?\s*(?P<p>\()?\s*(?P<wd>{weekdays})(?(p)\s*\)))?",
            _relative_day,
        ),
        ("weekday", rf"(?P<wd>{weekdays})(?:\s+(?P<mod>{mods}))?", _weekday),
        (
            "ago",
            rf"(?:منذ|قبل)\s+(?:(?P<num>\d{{1,3}}|{numbers})\s+)?(?P<unit>{units})(?:\s+واحده?(?!\w))?",
            _ago,
        ),
        (
            "period",
            rf"(?:(?P<u>الاسبوعين|الاسبوع|الشهرين|الشهر|العامين|العام|السنتين|السنه)\s+"
            rf"(?P<mod>قبل\s+الماضي|{mods})|(?:هذا|هذه)\s+(?P<u2>الاسبوع|الشهر|العام|السنه)(?!\w))",
            _period,
        ),
        (
            "recent",
            rf"(?P<what>الايام|الاسابيع|الساعات(?:\s*ال\s?\d{{1,2}})?|ال\s?\d{{1,2}}\s+ساعه)"
            rf"(?:\s+القليله)?\s+{past}",
            _recent,
        ),
    ]
    # A hijri date holds the name of a hijri month, which few texts do: searched for alone, it is found
    # (or not) some ten times faster than the rules' patterns, whose optional day before it the regex
    # engine tries at every position; a numeric one holds `/` and a hijri year.
    needs = {"hijri": re.compile(hijri_months), "hijri_day": re.compile(hijri_months),
             "hijri_numeric": re.compile(r"/1[34]\d\d")}
    return tuple(_Rule(name, re.compile(pattern), resolve, needs.get(name)) for name, pattern, resolve in specs)


# --- public API --------------------------------------------------------------------------


def find_times(
    text: str,
    published: date | None,
    *,
    default_year: int | None = None,
    normalized: Normalized | None = None,
) -> list[TimeMention]:
    """Every temporal expression in `text`, resolved to a date span.

    Mentions are sorted by start and do not overlap (the longest wins); offsets point into
    `text`. Expressions that need the publication date (today, yesterday, a weekday, "the
    past days", a yearless day+month) are resolved against `published` and flagged
    `relative=True`; without `published` they are dropped, except that a yearless
    day+month or month takes `default_year` when given (then `relative=False`).
    `normalized` may pass `normalize(text)` when the caller already has it.
    """
    if not text:
        return []
    if normalized is None:
        normalized = normalize(text)
    ctx = _Ctx(normalized.text, published, default_year, _lexicon())
    hits: list[_Hit] = []
    present: dict[str, bool] = {}  # each `needs` pattern, searched for once
    for rule in _rules():
        if rule.needs is not None:
            if rule.needs.pattern not in present:
                present[rule.needs.pattern] = rule.needs.search(ctx.text) is not None
            if not present[rule.needs.pattern]:
                continue
        for match in rule.regex.finditer(ctx.text):
            if not _left_ok(ctx.text, match.start()):
                continue
            hit = rule.resolve(match, ctx)
            if hit is not None and _left_ok(ctx.text, hit.start):
                hits.append(hit)
    hits.extend(_english_dates(ctx.text))
    hits = [_part_of(hit, ctx) for hit in hits]
    mentions: list[TimeMention] = []
    for hit in _longest_first(hits):
        start, end = normalized.span_to_original(hit.start, hit.end)
        end = _TRAILING_MARKS_RE.match(text, end).end()  # غداً: keep the tanween
        mentions.append(
            TimeMention(start, end, text[start:end], hit.date, hit.end_date, hit.precision, hit.relative)
        )
    return mentions


_ENGLISH_MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_ENGLISH_MONTH = "(" + "|".join(_ENGLISH_MONTHS) + ")"
# Photo captions and datelines in Latin script ("Ain Zara, Tripoli, Libya April 28, 2019"); the
# normalised text is lower-cased.
_ENGLISH_DATE_RES = (
    re.compile(rf"\b{_ENGLISH_MONTH}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b(\d{{1,2}})\s+{_ENGLISH_MONTH}\s+((?:19|20)\d\d)\b"),
)


_ENGLISH_MONTH_RE = re.compile(_ENGLISH_MONTH)  # in every English date: few texts have one, found quickly


def _english_dates(text: str) -> list[_Hit]:
    if not _ENGLISH_MONTH_RE.search(text):
        return []  # (the dates' patterns, which start with \b, are slow to find nothing)
    hits = []
    for number, regex in enumerate(_ENGLISH_DATE_RES):
        for match in regex.finditer(text):
            month_name, day = (match.group(1), match.group(2)) if number == 0 else (match.group(2), match.group(1))
            found = _safe_date(int(match.group(3)), _ENGLISH_MONTHS[month_name], int(day))
            if found is not None:
                hits.append(_Hit(match.start(), match.end(), found, found, "day", False))
    return hits


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Keep non-overlapping hits, longer first (earlier on ties); return them by start."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= other.start or hit.start >= other.end for other in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def latest_explicit_date(times: list[TimeMention]) -> date | None:
    """Latest `date` among non-relative day/month-precision mentions, or None.

    Used as a lower bound for the publication date of an undated article.
    """
    return max((t.date for t in times if not t.relative and t.precision in ("day", "month")), default=None)
