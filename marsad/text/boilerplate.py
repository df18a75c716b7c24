"""What in an article is not its body: datelines, bylines, "read also" teasers, photo captions and
site footers, found by the rules of data/boilerplate.csv.

Design. The stored article text is never changed: statements, events and mentions keep character
offsets into `Article.text`, and a reader can always show the whole article. Instead the analysis
skips what is not body (`marsad.pipeline.analyse`):

* teasers, footers and bylines (``MASKED``) are blanked, every character but line breaks replaced by
  a space (`masked`, same length, so every offset stays valid), before anything is looked for: a
  teaser's headline, a footer's tag list or a reporter's name gives no mention, date, statement or
  event;
* datelines and captions are left for the mention and date finders (the dateline's place is where
  the story was filed, a caption names the story's places), but no sentence of theirs is read for
  statements or events: `body_spans` cuts every non-body segment out of the sentences.

The store has no column for a dateline, so its place and agency (named groups of the rule) are only
on the `Segment`; nothing is stored beyond what the extractors find in the body.

Rules (data/boilerplate.csv: kind, pattern, where, note). `kind` is dateline, byline, teaser, caption
or footer; a kind written ``{name}`` defines one alternative of the placeholder ``{name}`` (agencies,
a dash, a word, a place, a reporter's name) that patterns use. Patterns are Python regular
expressions matched on the text with alef forms (أ إ آ ٱ), teh marbuta, alef maksura and
Arabic-Indic digits folded and case ignored (written in plain Arabic: the rules are folded the same
way; an Arabic letter may carry diacritics or a tatweel). `where` says which lines are looked at:
``start`` the first 3 non-empty lines, ``end`` the last 6, ``line`` every line. A pattern starting
with ``^`` is peeled from the start of a line, repeatedly (``Next Previous عين اليوم – الرياض`` is a
widget, then a dateline); any other pattern is searched anywhere in those lines (``رابط الخبر بصحيفة
الوئام: …`` after the last sentence). The first rule that matches at a place wins. Named groups:
``place`` and ``agency`` are kept on a dateline, ``byline`` (a reporter's name inside a dateline) is
masked as well.

Measured on SaudiNewsNet (31,030 articles from 14 outlets; `summarize(r["content"] for r in
marsad.corpus.corpus_records(40_000))` recounts): 6,688 articles (22%) hold non-body text. Articles
with at least one segment of each kind:

* footer 4,801 — Al-Weeam's ``رابط الخبر بصحيفة الوئام: <the title again>`` (2,088), Ain Alyoum's tag
  list ``سمات الرمادي داعش هجوم مسلح`` after the last sentence (1,586), SPA's ``// انتهى //`` and
  ``13:37 ت م``, Okaz's share widget ``شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك`` glued to the
  first sentence, Okaz / Al-Madina SMS contact lines, Ain Alyoum's gallery ``Next Previous``;
* dateline 2,714 — Sabq ``عبدالله البرقاوي- سبق- الرياض:`` and ``سبق- ينبع:``, Ain Alyoum
  ``عين اليوم – جدة``, SPA ``الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس``, Asharq
  Al-Awsat's briefs ``باريس - أ.ف.ب:`` and ``لندن - «الشرق الأوسط»:``, Arreyadi ``الرياضي ـ الرياض``;
* byline 1,304 — ``عمر إبراهيم – عين اليوم``, a writer's e-mail or title (``* عضو اتحاد كتاب مصر``)
  under an opinion piece, ``* خدمة «نيويورك تايمز»``, ``كتب - عمر عبدالعزيز:``;
* teaser 115 — Asharq Al-Awsat's ``...المزيد``. The corpus was scraped body-only: it has no
  ``اقرأ أيضا`` / ``شاهد أيضا`` line, no ``جميع الحقوق محفوظة``, no ``إضافة تعليق``; those rules come
  from news pages (the seeds' Al Jazeera pages end with ``أخبار ذات صلة`` / ``إضافة تعقيب`` /
  ``المصدر : الجزيرة + وكالات``) and are tested on such lines;
* caption 13 — Al-Jazirah / Al-Yaum lines such as ``صورة جماعية بعد التدشين``.

Photo credits, captions and run-in datelines (issue 15, item 6), counted on all 31,030 articles
(articles where the rule adds a segment; every hit read, none was body) and on the 4,061
sentences of NewsFANE's Al Jazeera newswire (../shared/ner, where the wire's forms are common):

* a photographer's credit ``(تصوير: علي الزهراني)``, ``(عدسة/ أحمد المغلوث)`` (byline): 21, and
  ``تصوير: …`` on its own line: 4;
* a wire credit alone under an Okaz photo caption ``(أ. ف. ب)``: 7, or after a caption's full stop
  ``… متنزهات عسير. (واس)``: 4 (byline);
* a caption ending with its credit, in the first lines (``الممثلة تارا لين … كاليفورنيا (أ ف ب)``)
  or run into the first sentence (Al Jazeera ``… مؤتمر صحفي (رويترز - أرشيف) كشفت …``): 3 here,
  56 NewsFANE sentences; one caption line further down ending with its credit (the seed's
  ``… وبدء المفاوضات (رويترز)``); ``(صورة أرشيفية)`` / ``(رويترز - أرشيف)`` anywhere: 4 NewsFANE;
* datelines: Asharq Al-Awsat's ``* بكين - (د.ب.أ):`` (the star peeled): 3; a date before the
  agency ``سان فرانسيسكو 20 يوليو تموز (رويترز) -``: 1; a place with its country
  ``دبي، الإمارات العربية المتحدة (CNN)--``; the wire's dateline run into the first sentence
  without a colon, ``بيروت (أ ف ب) حذر …`` (NewsFANE 5), ``طوكيو - رويترز - قالت …`` (NewsFANE 4),
  ``بيروت ـ «الحياة» قال …``. SaudiNewsNet's outlets always close a dateline with a colon or a
  line break, so none of these occurs there.

Sentences that name an agency or a channel stay body: ``علمت (عكاظ)``, ``أكد لـ(عكاظ)``, ``وقالت
وكالة أنباء الصين الجديدة (شينخوا) إن``, ``مقابلة مع قناة (CNN)``, ``في أغسطس (آب)``. The
development set (tests/gold) is unchanged by these rules (same figures with the old and new
file); the seed loses the statement its caption gave.

On 700 random articles analysed with and without the rules: 6 statements and 6 events fewer (tag
lists and the title repeated after ``رابط الخبر`` read as events and statements), 52 actors fewer
(reporters' names, tag lists), 18 places fewer; 20 statements / events now start after a dateline
instead of at it. The development set (tests/gold): events precision 21.3% -> 21.8% (7 false events
fewer, recall unchanged), statements and places unchanged. Finding the segments costs about 1 ms an
article.

Elsewhere: ingest reads a text's title without its non-body lines (`marsad.ingest`), and the reader
greys them (`components.reader`), both from this module.

No rule is per article: each is a convention of an outlet or of the wire (the note column names it),
and body sentences that merely start like one stay body (``وقال المصدر: …``, ``المصدر: «…»``, a line
holding اقرأ or شاهد in a sentence). Not caught: a caption written as a bare short line (Al-Jazirah
prints ``الضباط المرقون مع قائد أمن طرق الجوف`` above the text, indistinguishable from a
sub-headline), a headline-only "related" list glued to the last line, a dateline whose place runs
into the first sentence without a colon or an agency (``عين اليوم – جدة كشف …``, ``نايف السعدي -
الطائف صرح …``: where the place ends is not written), and a caption whose credit is not an agency. A risk
taken: a first line of just two to four words, a dash and one to three words (``حامد القرشي – مكة
المكرمة``) is read as a reporter and a place, so a headline of that shape would be too.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.paths import data_dir
from marsad.records import Span
from marsad.text.normalize import fast_table, translate

KINDS = ("dateline", "byline", "teaser", "caption", "footer")
MASKED = frozenset({"byline", "teaser", "footer"})  # blanked before every extractor
WHERE = ("start", "line", "end")
START_LINES = 3
END_LINES = 6

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                       **{chr(0x0660 + d): str(d) for d in range(10)},
                       **{chr(0x06F0 + d): str(d) for d in range(10)}})
_FAST_FOLD = fast_table(_FOLD)
_MARKS = "[\u064b-\u065f\u0670\u0640]*"  # diacritics and tatweel an Arabic letter may carry
_ARABIC_LETTER = re.compile("[\u0621-\u063f\u0641-\u064a\u066e-\u06d3]")  # not the tatweel
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")  # a character class, to tell \n in one from \n outside


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: str  # as written in the file
    where: str
    note: str
    regex: re.Pattern[str]
    anchored: bool  # the pattern started with ^: peeled from a line's start
    multiline: bool  # the pattern holds a \n outside a character class: it may run past its line


@dataclass(frozen=True)
class Segment:
    """A stretch of the article text that is not body, with the rule that found it."""

    start: int
    end: int
    kind: str
    note: str = ""
    place: str | None = None  # a dateline's place, as written
    agency: str | None = None  # a dateline's agency or outlet
    byline: tuple[int, int] | None = None  # a reporter's name inside a dateline (masked too)


def fold(text: str) -> str:
    """The text rules are matched on: same length, alef forms, teh marbuta, alef maksura and digits folded."""
    return translate(text, _FAST_FOLD)


def _tolerant(pattern: str) -> str:
    """The pattern folded, each Arabic letter outside a character class allowed diacritics or a tatweel."""
    pattern = fold(pattern)
    out: list[str] = []
    in_class = escaped = False
    for index, char in enumerate(pattern):
        if escaped:
            out.append(char)
            escaped = False
            continue
        if char == "\\":
            escaped = True
            out.append(char)
            continue
        if in_class:
            in_class = char != "]"
            out.append(char)
            continue
        if char == "[":
            in_class = True
            out.append(char)
            continue
        if _ARABIC_LETTER.match(char):
            following = pattern[index + 1:index + 2]
            out.append(f"(?:{char}{_MARKS})" if following and following in "?*+{" else char + _MARKS)
            continue
        out.append(char)
    return "".join(out)


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise ValueError(f"boilerplate rules: placeholders nest too deep in {pattern!r}")

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise ValueError(f"boilerplate rules: unknown placeholder {{{name}}} in {pattern!r}")
        return "(?:" + _expand(macros[name], macros, depth + 1) + ")"

    return _PLACEHOLDER.sub(replace, pattern)


def load_rules(path: Path | None = None) -> tuple[Rule, ...]:
    """The rules of data/boilerplate.csv (or `path`), placeholders expanded, compiled, in file order."""
    return _load_rules(str(path or data_dir() / "boilerplate.csv"))


@lru_cache(maxsize=4)
def _load_rules(path: str) -> tuple[Rule, ...]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    alternatives: dict[str, list[str]] = {}
    for row in rows:
        kind = row["kind"].strip()
        if kind.startswith("{") and kind.endswith("}"):
            alternatives.setdefault(kind[1:-1], []).append(row["pattern"])
    macros = {name: "|".join(f"(?:{p})" for p in options) for name, options in alternatives.items()}
    rules: list[Rule] = []
    for number, row in enumerate(rows, start=2):
        kind, pattern, where = row["kind"].strip(), row["pattern"], row["where"].strip()
        if kind.startswith("{"):
            continue
        if kind not in KINDS or where not in WHERE:
            raise ValueError(f"{path} line {number}: kind {kind!r} / where {where!r} is not one of {KINDS} / {WHERE}")
        anchored = pattern.startswith("^")
        source = _tolerant(_expand(pattern[1:] if anchored else pattern, macros))
        try:
            regex = re.compile(source, re.IGNORECASE | re.MULTILINE)
        except re.error as error:
            raise ValueError(f"{path} line {number}: {error}") from None
        multiline = "\\n" in _CLASS.sub("", pattern)
        rules.append(Rule(kind, pattern, where, row.get("note") or "", regex, anchored, multiline))
    return tuple(rules)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line, without its surrounding spaces."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append((start, end))
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _segment(original: str, folded: str, rule: Rule, match: re.Match[str]) -> Segment | None:
    start, end = _trimmed(folded, *match.span())
    if end <= start:
        return None
    groups = match.groupdict()

    def group(name: str) -> str | None:
        if groups.get(name) is None:
            return None
        return " ".join(original[match.start(name):match.end(name)].split()) or None

    byline = match.span("byline") if groups.get("byline") is not None else None
    return Segment(start, end, rule.kind, rule.note, group("place"), group("agency"), byline)


def find_segments(text: str, rules: Sequence[Rule] | None = None) -> list[Segment]:
    """The non-body segments of `text`, in text order, never overlapping (offsets into `text`)."""
    rules = load_rules() if rules is None else rules
    folded = fold(text)
    lines = _lines(folded)
    if not lines:
        return []
    regions = {"start": set(range(min(START_LINES, len(lines)))),
               "end": set(range(max(0, len(lines) - END_LINES), len(lines))),
               "line": set(range(len(lines)))}
    found: list[Segment] = []

    def free(start: int, end: int) -> bool:
        return all(end <= other.start or start >= other.end for other in found)

    by_regions: dict[tuple[bool, ...], list[Rule]] = {}  # the rules of a line, by the regions it is in
    for index, (line_start, line_end) in enumerate(lines):
        key = tuple(index in lines_of for lines_of in regions.values())
        if key not in by_regions:
            by_regions[key] = [rule for rule in rules if index in regions[rule.where]]
        applicable = by_regions[key]
        if not applicable:
            continue
        position = line_start  # peel anchored rules from the line's start, one after another
        while position < line_end:
            for rule in applicable:
                if not rule.anchored:
                    continue
                match = rule.regex.match(folded, position, len(folded) if rule.multiline else line_end)
                if match and match.end() > position:
                    segment = _segment(text, folded, rule, match)
                    if segment and free(segment.start, segment.end):
                        found.append(segment)
                        position = _trimmed(folded, segment.end, line_end)[0]
                        break
            else:
                break
        for rule in applicable:  # then the unanchored rules, anywhere in the line
            if rule.anchored:
                continue
            for match in rule.regex.finditer(folded, line_start, len(folded) if rule.multiline else line_end):
                if match.start() >= line_end:
                    break
                segment = _segment(text, folded, rule, match)
                if segment and free(segment.start, segment.end):
                    found.append(segment)
    return sorted(found, key=lambda s: s.start)


def masked(text: str, segments: Iterable[Segment], kinds: Iterable[str] = MASKED) -> str:
    """`text` with the segments of `kinds` (and the reporter's name inside a dateline) blanked:
    every character but a line break becomes a space, so the length and every offset are kept."""
    kinds = frozenset(kinds)
    spans = []
    for segment in segments:
        if segment.kind in kinds:
            spans.append((segment.start, segment.end))
        elif segment.byline is not None:
            spans.append(segment.byline)
    if not spans:
        return text
    characters = list(text)
    for start, end in spans:
        for index in range(start, end):
            if characters[index] != "\n":
                characters[index] = " "
    return "".join(characters)


def body_spans(spans: Iterable[Span], segments: Sequence[Segment]) -> list[Span]:
    """The spans (sentences) with every non-body segment cut out: what is left of each, trimmed of
    spaces and punctuation at the cut, that still holds a letter or digit."""
    ordered = sorted(segments, key=lambda s: s.start)
    kept: list[Span] = []
    for span in spans:
        pieces = [(span.start, span.end)]
        for segment in ordered:
            if segment.end <= span.start or segment.start >= span.end:
                continue
            cut = []
            for start, end in pieces:
                if segment.end <= start or segment.start >= end:
                    cut.append((start, end))
                    continue
                if segment.start > start:
                    cut.append((start, segment.start))
                if segment.end < end:
                    cut.append((segment.end, end))
            pieces = cut
        kept.extend(Span(start, end) for start, end in pieces if start < end)
    return kept


def _trim_piece(text: str, span: Span) -> Span | None:
    start, end = _trimmed(text, span.start, span.end)
    while start < end and text[start] in ":：-–—ـ,،":
        start, end = _trimmed(text, start + 1, end)
    if end > start and any(char.isalnum() for char in text[start:end]):
        return Span(start, end)
    return None


def body_sentences(text: str, sentences: Iterable[Span], segments: Sequence[Segment]) -> list[Span]:
    """The sentences of `text` as the statement and event finders should read them: non-body parts
    cut out, a piece left by a cut trimmed of spaces and of the colon or dash that followed a
    dateline, pieces without a letter or digit dropped. Unchanged sentences are kept as they are."""
    if not segments:
        return list(sentences)
    result: list[Span] = []
    for sentence in sentences:
        pieces = body_spans([sentence], segments)
        if pieces == [sentence]:
            result.append(sentence)
            continue
        result.extend(piece for piece in (_trim_piece(text, p) for p in pieces) if piece is not None)
    return result


def summarize(texts: Iterable[str], rules: Sequence[Rule] | None = None) -> Counter[str]:
    """How many of `texts` have at least one segment of each kind ("any": of any kind; "texts": all)."""
    rules = load_rules() if rules is None else rules
    counts: Counter[str] = Counter()
    for text in texts:
        kinds = {segment.kind for segment in find_segments(text or "", rules)}
        counts.update(kinds | ({"any"} if kinds else set()) | {"texts"})
    return counts
