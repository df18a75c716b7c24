"""`python -m marsad eval tests/gold`: the pipeline scored against hand-annotated articles.

Each gold file (schema in tests/gold/README.md) points to one SaudiNewsNet record by zip and index;
the record is read from the corpus ($MARSAD_CORPUS, else ../shared/corpora/saudinewsnet/zips), its
url and title checked, turned into an Article as ingest does for JSON records, and analysed.

How a prediction is matched (one-to-one: each gold item takes at most one prediction, pairs are
taken greedily, best overlap first; a second prediction of the same gold item counts as wrong):

- statements: the predicted span is the quote span, or the sentence when there is no quote span;
  the gold span is where the gold `content` is in the text. They match when the two spans overlap
  by at least half of the shorter one (`MIN_OVERLAP`) AND the speaker is right: the predicted
  speaker's Arabic (as written, and the actor's Arabic name) and the gold speaker, both normalised
  (`normalize_ar`: diacritics, hamza forms, ة/ه, ى/ي, a leading ال and clitics), one's tokens a
  run of the other's; or the English names equal ignoring case and al-. "content only" scores the
  spans alone.
- events: the predicted event's sentence overlaps one of the gold `evidence` strings, its type is
  the gold type or in the same family (`EVENT_FAMILIES`), its place is the gold place (same English
  or normalised Arabic name, or within `NEAR_KM` of the gold place's coordinates; a gold event
  without a place takes any place) and its date is the gold date, or falls in a gold span written
  `YYYY-MM-DD/YYYY-MM-DD` (an ISO interval: an ongoing siege, "the last three days").
- places: each distinct predicted place of an article against the article's gold places: the same
  name (English, or normalised Arabic), or both countries with one country code, or, failing that,
  within `NEAR_KM` and in the same country.
- casualties: reported when the pipeline's events carry counts (`killed`); "n/a" otherwise.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import TextIO

MIN_OVERLAP = 0.5  # statements: shared characters / length of the shorter span
NEAR_KM = 25.0  # places: a predicted place this close to a gold place (same country) is that place

# Event types that a reader could take for one another: a prediction of one family member is right
# for a gold event of another. A type not listed is its own family.
EVENT_FAMILIES: dict[str, frozenset[str]] = {
    "fighting": frozenset({"armed_clash", "attack"}),  # an assault is one side of a clash
    "bombardment": frozenset({"shelling", "airstrike"}),  # قصف is said of guns and of aircraft
    "explosion": frozenset({"bombing", "attack"}),  # an IED or car bomb is an attack
    "death": frozenset({"killing", "casualties"}),  # "X were killed" with or without a killer
    "capture": frozenset({"arrest", "abduction"}),  # who holds whom: state or armed group
    "control": frozenset({"territory_change", "withdrawal"}),  # one side takes what the other leaves
    "truce": frozenset({"ceasefire", "agreement"}),
    "talks": frozenset({"meeting", "negotiation"}),
    "unrest": frozenset({"protest", "riot"}),
    "flight": frozenset({"displacement", "evacuation"}),
}

# --- Arabic and English names ------------------------------------------------------------------

_DIACRITICS_RE = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # and tatweel
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه"})
_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
_NON_WORD_RE = re.compile(r"[^\w]+")


def normalize_ar_token(token: str) -> str:
    """One Arabic word reduced for comparison: no diacritics, one alef, ه for ة, ي for ى, and no
    leading article or clitic (و ف + ال, ب ل ك + ال; a bare و or ف before 3+ letters)."""
    token = _DIACRITICS_RE.sub("", unicodedata.normalize("NFC", token)).translate(_LETTERS)
    for prefix in _ARTICLE_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            return token[len(prefix):]
    if token[:1] in ("و", "ف") and len(token) >= 4:
        token = token[1:]
    return token


def normalize_ar(text: str) -> tuple[str, ...]:
    """The words of `text`, each normalised by `normalize_ar_token` (punctuation dropped)."""
    text = _DIACRITICS_RE.sub("", unicodedata.normalize("NFC", text or ""))
    return tuple(t for t in (normalize_ar_token(w) for w in _NON_WORD_RE.split(text)) if t)


def _contains_run(long: Sequence[str], short: Sequence[str]) -> bool:
    return any(tuple(long[i:i + len(short)]) == tuple(short) for i in range(len(long) - len(short) + 1))


def same_arabic_name(a: str, b: str) -> bool:
    """The normalised words of one are a run of the other's ("المصدر" and "مصدر أمني" match)."""
    x, y = normalize_ar(a), normalize_ar(b)
    if not x or not y:
        return False
    return _contains_run(x, y) if len(x) >= len(y) else _contains_run(y, x)


def normalize_en(name: str) -> str:
    """Lower case, words only, no al-/el-/the: "Adel al-Jubeir" -> "adel jubeir"."""
    words = (re.sub(r"[^\w]", "", w) for w in re.split(r"[\s\-]+", (name or "").lower()))
    return " ".join(w for w in words if w and w not in ("al", "el", "the"))


def same_speaker(pred_arabic: Iterable[str], pred_english: str | None, gold_arabic: str, gold_english: str) -> bool:
    """The predicted speaker (any of its Arabic forms, or its English name) is the gold speaker."""
    if any(same_arabic_name(name, gold_arabic) for name in pred_arabic if name):
        return True
    return bool(pred_english) and bool(gold_english) and normalize_en(pred_english) == normalize_en(gold_english)


# --- spans, dates, places ----------------------------------------------------------------------

def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared characters over the length of the shorter span (0 for an empty span)."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    return overlap(a, b) / shorter if shorter > 0 else 0.0


def parse_date_span(value: str | None) -> tuple[date, date] | None:
    """`YYYY-MM-DD` as a one-day span, `YYYY-MM-DD/YYYY-MM-DD` as written, None as None."""
    if not value:
        return None
    first, _, last = str(value).partition("/")
    start = date.fromisoformat(first.strip())
    end = date.fromisoformat(last.strip()) if last else start
    return (start, end) if start <= end else (end, start)


def date_matches(predicted: date | None, gold: str | None) -> bool:
    span = parse_date_span(gold)
    if span is None or predicted is None:
        return False
    return span[0] <= predicted <= span[1]


def same_type(predicted: str, gold: str) -> bool:
    return predicted == gold or any(predicted in types and gold in types for types in EVENT_FAMILIES.values())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, R = 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class PlaceRef:
    """A place as both sides describe it; lat/lon may be unknown on the gold side."""

    name_en: str | None
    name_ar: str | None
    country: str | None
    kind: str | None = None
    lat: float | None = None
    lon: float | None = None


# The word that says what kind of place follows (`منطقة ميتم`, `حي الجحملية`, `مديرية الرضمة`) is no part of
# its name: gold lists write it or not.
_PLACE_DESIGNATORS = frozenset(normalize_ar_token(w) for w in (
    "مدينة", "محافظة", "إقليم", "ولاية", "بلدة", "قرية", "حي", "منطقة", "مديرية", "ناحية", "قضاء", "جبهة", "معسكر", "مخيم",
    "وادي", "جبل", "سهل", "تبة", "نقطة", "منفذ", "معبر", "شارع", "جولة", "مطار", "ميناء", "سجن", "قاعدة"))


def _place_core(name: str) -> tuple[str, ...]:
    words = normalize_ar(name)
    return words[1:] if len(words) > 1 and words[0] in _PLACE_DESIGNATORS else words


def same_place_name(a: PlaceRef, b: PlaceRef) -> bool:
    if a.name_en and b.name_en and normalize_en(a.name_en) == normalize_en(b.name_en):
        return True
    if a.name_ar and b.name_ar and _place_core(a.name_ar) == _place_core(b.name_ar):
        return True
    return a.kind == "country" and b.kind == "country" and bool(a.country) and a.country == b.country


def near(a: PlaceRef, b: PlaceRef, km: float = NEAR_KM) -> bool:
    """Within `km`, and not in two different countries."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    if a.country and b.country and a.country.upper() != b.country.upper():
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= km


def same_place(predicted: PlaceRef | None, gold: PlaceRef | None) -> bool:
    """An event's place: a gold event without a place accepts any; otherwise by name or distance."""
    if gold is None:
        return True
    if predicted is None:
        return False
    return same_place_name(predicted, gold) or near(predicted, gold)


# --- items compared ----------------------------------------------------------------------------

@dataclass(frozen=True)
class PredStatement:
    span: tuple[int, int]  # the quote span, else the sentence
    speaker_arabic: tuple[str, ...]  # as written and the actor's Arabic name
    speaker_english: str | None
    sentence: str


@dataclass(frozen=True)
class GoldStatement:
    span: tuple[int, int] | None  # None when the content is not in the text
    speaker: str
    speaker_en: str
    content: str


@dataclass(frozen=True)
class PredEvent:
    span: tuple[int, int]  # the sentence
    type: str
    place: PlaceRef | None
    date: date | None
    sentence: str


@dataclass(frozen=True)
class GoldEvent:
    spans: tuple[tuple[int, int], ...]  # where each evidence string is in the text
    type: str
    place: PlaceRef | None
    date: str | None
    evidence: str
    killed: int | None = None


def _greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred, gold), best score first; ties by text order."""
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    chosen = []
    for _, p, g in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if p not in used_pred and g not in used_gold:
            used_pred.add(p)
            used_gold.add(g)
            chosen.append((p, g))
    return chosen


def match_statements(preds: Sequence[PredStatement], golds: Sequence[GoldStatement],
                     speaker: bool = True) -> list[tuple[int, int]]:
    """Matched (pred index, gold index): spans overlapping by MIN_OVERLAP of the shorter, and (when
    `speaker`) the same speaker."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if g.span is None:
                continue
            ratio = overlap_ratio(p.span, g.span)
            if ratio < MIN_OVERLAP:
                continue
            if speaker and not same_speaker(p.speaker_arabic, p.speaker_english, g.speaker, g.speaker_en):
                continue
            pairs.append((ratio, i, j))
    return _greedy(pairs)


def event_mismatch(p: PredEvent, g: GoldEvent) -> str | None:
    """Why `p` is not `g` ("type", "place", "date"), or None when it is; "text" when its sentence
    reports something else."""
    if not any(overlap(p.span, span) > 0 for span in g.spans):
        return "text"
    if not same_type(p.type, g.type):
        return "type"
    if not same_place(p.place, g.place):
        return "place"
    if not date_matches(p.date, g.date):
        return "date"
    return None


def match_events(preds: Sequence[PredEvent], golds: Sequence[GoldEvent]) -> list[tuple[int, int]]:
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if event_mismatch(p, g) is None:
                best = max(overlap(p.span, span) for span in g.spans)
                exact = 1.0 if p.type == g.type else 0.0  # the exact type before a family member
                pairs.append((exact + best / 1e6, i, j))
    return _greedy(pairs)


def match_places(preds: Sequence[PlaceRef], golds: Sequence[PlaceRef]) -> list[tuple[int, int]]:
    """Names first (one-to-one), then the nearest remaining pairs within NEAR_KM."""
    chosen = _greedy([(1.0, i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
                      if same_place_name(p, g)])
    used_p, used_g = {p for p, _ in chosen}, {g for _, g in chosen}
    rest = [(-distance_km(p.lat, p.lon, g.lat, g.lon), i, j)
            for i, p in enumerate(preds) if i not in used_p
            for j, g in enumerate(golds) if j not in used_g and near(p, g)]
    return chosen + _greedy(rest)


# --- scores ------------------------------------------------------------------------------------

@dataclass
class Score:
    matched_pred: int = 0
    predicted: int = 0
    matched_gold: int = 0
    gold: int = 0

    def add(self, matched: int, predicted: int, gold: int, matched_gold: int | None = None) -> None:
        self.matched_pred += matched
        self.matched_gold += matched if matched_gold is None else matched_gold
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.matched_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"P {self.precision:6.1%} ({self.matched_pred}/{self.predicted})  "
                f"R {self.recall:6.1%} ({self.matched_gold}/{self.gold})  F1 {self.f1:6.1%}")


@dataclass
class Report:
    statements: Score = field(default_factory=Score)
    statements_content: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    places: Score = field(default_factory=Score)
    casualties_right: int = 0
    casualties_compared: int = 0
    casualties_available: bool = False
    errors: dict[str, list[str]] = field(
        default_factory=lambda: {"statements": [], "events": [], "places": [], "casualties": []})
    scored: int = 0
    skipped: list[str] = field(default_factory=list)


# --- from gold files and analyses --------------------------------------------------------------

def _span_of(text: str, needle: str) -> tuple[int, int] | None:
    for candidate in (needle, needle.replace("\r\n", "\n").replace("\r", "\n")):
        if candidate:
            at = text.find(candidate)
            if at >= 0:
                return at, at + len(candidate)
    return None


def gold_places(doc: dict) -> list[PlaceRef]:
    return [PlaceRef(p.get("name_en"), p.get("name_ar"), p.get("country"), p.get("kind"), p.get("lat"), p.get("lon"))
            for p in doc.get("places", [])]


def gold_items(doc: dict, text: str) -> tuple[list[GoldStatement], list[GoldEvent], list[PlaceRef]]:
    places = gold_places(doc)
    statements = [GoldStatement(_span_of(text, s["content"]), s.get("speaker") or "", s.get("speaker_en") or "",
                                s["content"]) for s in doc.get("statements", [])]
    events = []
    for e in doc.get("events", []):
        place = None
        if e.get("place") or e.get("place_ar"):
            listed = next((p for p in places if e.get("place") and p.name_en == e.get("place")), None) or next(
                (p for p in places if e.get("place_ar") and p.name_ar
                 and normalize_ar(p.name_ar) == normalize_ar(e["place_ar"])), None)  # its Arabic name in the list
            place = listed or PlaceRef(e.get("place"), e.get("place_ar"), e.get("country"))
        spans = tuple(s for s in (_span_of(text, ev) for ev in e.get("evidence", [])) if s)
        events.append(GoldEvent(spans, e["type"], place, e.get("date"), (e.get("evidence") or [""])[0],
                                e.get("killed")))
    return statements, events, places


def _place_ref(place: object) -> PlaceRef:
    return PlaceRef(place.name_en, place.name_ar, place.country, place.kind, place.lat, place.lon)


def predicted_items(analysis: object) -> tuple[list[PredStatement], list[PredEvent], list[PlaceRef]]:
    """The comparable parts of a `marsad.records.Analysis`."""
    statements = []
    for s in analysis.statements:
        span = (s.quote_start, s.quote_end) if s.quote_end > s.quote_start else (s.start, s.end)
        actor = analysis.actors.get(s.speaker_id) if s.speaker_id else None
        arabic = tuple(n for n in (s.speaker_text, actor.name_ar if actor else None) if n)
        statements.append(PredStatement(span, arabic, actor.name_en if actor else None, s.sentence))
    events = []
    for e in analysis.events:
        place = analysis.places.get(e.place_id) if e.place_id else None
        events.append(PredEvent((e.start, e.end), e.type, _place_ref(place) if place else None, e.date, e.sentence))
    places = [_place_ref(p) for p in analysis.places.values()]
    return statements, events, places


def _short(text: str, limit: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _place_name(place: PlaceRef | None) -> str:
    return "no place" if place is None else (place.name_en or place.name_ar or "?")


def _tally(counts: Score, errors: list[str], pairs: list[tuple[int, int]], predicted: list, gold: list,
           missed: Callable[[object], str], wrong: Callable[[object], str]) -> None:
    """Add one kind's matches to `counts`, and a line per missed gold item and per wrong prediction."""
    counts.add(len(pairs), len(predicted), len(gold))
    hit_p, hit_g = {p for p, _ in pairs}, {g for _, g in pairs}
    errors.extend(missed(g) for j, g in enumerate(gold) if j not in hit_g)
    errors.extend(wrong(p) for i, p in enumerate(predicted) if i not in hit_p)


def score_article(analysis: object, doc: dict, report: Report) -> None:
    """Add one article's counts and errors to `report`."""
    text = analysis.article.text
    gold_s, gold_e, gold_p = gold_items(doc, text)
    pred_s, pred_e, pred_p = predicted_items(analysis)
    name = doc.get("id", "?")
    errors = report.errors

    report.statements_content.add(len(match_statements(pred_s, gold_s, speaker=False)), len(pred_s), len(gold_s))
    _tally(report.statements, errors["statements"], match_statements(pred_s, gold_s), pred_s, gold_s,
           lambda g: f"{name} missed  {g.speaker} | {_short(g.content)}{'' if g.span else ' [content not in text]'}",
           lambda p: f"{name} wrong   {'/'.join(p.speaker_arabic) or 'no speaker'} | {_short(p.sentence)}")

    def why(p: object) -> str:
        reasons = [r for r in (event_mismatch(p, g) for g in gold_e) if r]
        return ("duplicate" if len(reasons) < len(gold_e) else
                next((r for r in ("date", "place", "type") if r in reasons), "not an event"))

    pairs = match_events(pred_e, gold_e)
    _tally(report.events, errors["events"], pairs, pred_e, gold_e,
           lambda g: f"{name} missed  {g.type} {_place_name(g.place)} {g.date} | {_short(g.evidence)}",
           lambda p: f"{name} wrong   {p.type} {_place_name(p.place)} {p.date} ({why(p)}) | {_short(p.sentence)}")
    if pairs and any(f.name == "killed" for f in fields(type(analysis.events[0]))):
        report.casualties_available = True
        for p, g in pairs:
            if gold_e[g].killed is not None:
                report.casualties_compared += 1
                killed = getattr(analysis.events[p], "killed", None)
                report.casualties_right += killed == gold_e[g].killed
                if killed != gold_e[g].killed:
                    errors["casualties"].append(f"{name} killed {killed} for {gold_e[g].killed}  {gold_e[g].type} "
                                                f"| {_short(analysis.events[p].sentence)}")

    _tally(report.places, errors["places"], match_places(pred_p, gold_p), pred_p, gold_p,
           lambda g: f"{name} missed  {g.name_en} {g.name_ar} ({g.country})",
           lambda p: f"{name} wrong   {p.name_en} {p.name_ar} ({p.country}, {p.kind})")


# --- files -------------------------------------------------------------------------------------

def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.json")))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such gold file or folder: {path}")
    return found


class _Corpus:
    """SaudiNewsNet zips, each read once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache: dict[str, list] = {}

    def record(self, zip_name: str, index: int) -> dict:
        if zip_name not in self.cache:
            path = self.folder / zip_name
            if not path.is_file():
                raise LookupError(f"{path} is not there")
            with zipfile.ZipFile(path) as archive:
                self.cache[zip_name] = json.loads(archive.read(archive.namelist()[0]).decode("utf-8"))
        records = self.cache[zip_name]
        if not 0 <= index < len(records):
            raise LookupError(f"{zip_name} has {len(records)} records, no index {index}")
        return records[index]


def evaluate(paths: Iterable[str | Path], corpus: Path | None = None, verbose: bool = False,
             out: TextIO | None = None) -> Report:
    """Score every gold file; print the table (and the errors when `verbose`) to `out`."""
    from marsad.corpus import corpus_dir
    from marsad.ingest import article_from_record
    from marsad.pipeline import analyse

    out = out or sys.stdout
    files = gold_files(paths)
    folder = corpus or corpus_dir()
    report = Report()
    if not folder.is_dir():
        print(f"skipped: no SaudiNewsNet corpus at {folder} (set MARSAD_CORPUS to its zips folder); "
              f"{len(files)} gold file(s) not scored", file=out)
        report.skipped = [str(f) for f in files]
        return report
    source = _Corpus(folder)
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            record = source.record(doc["zip"], int(doc["index"]))
        except (LookupError, ValueError, OSError, zipfile.BadZipFile) as error:
            print(f"skipped {path.name}: {error}", file=out)
            report.skipped.append(str(path))
            continue
        if record.get("url") != doc.get("url") or record.get("title") != doc.get("title"):
            print(f"skipped {path.name}: {doc['zip']}[{doc['index']}] is another article "
                  f"({_short(record.get('title', ''), 60)})", file=out)
            report.skipped.append(str(path))
            continue
        article = article_from_record(record, name=f"{doc['zip']}[{doc['index']}]")
        score_article(analyse(article), doc, report)
        report.scored += 1
    print_report(report, verbose, out)
    return report


def print_report(report: Report, verbose: bool = False, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
    print(f"{report.scored} gold article(s) scored{skipped}", file=out)
    print(f"statements      {report.statements.line()}", file=out)
    print(f"  content only  {report.statements_content.line()}", file=out)
    print(f"events          {report.events.line()}", file=out)
    print(f"places          {report.places.line()}", file=out)
    if report.casualties_available:
        share = report.casualties_right / report.casualties_compared if report.casualties_compared else 0.0
        print(f"casualties      killed right {share:.1%} ({report.casualties_right}/"
              f"{report.casualties_compared} matched events with a gold count)", file=out)
    else:
        print("casualties      n/a (the pipeline's events carry no casualty counts)", file=out)
    if verbose:
        for kind, lines in report.errors.items():
            print(f"\n{kind} errors ({len(lines)}):", file=out)
            for line in lines:
                print("  " + line, file=out)
        print(file=out)
    s, e, p = report.statements, report.events, report.places
    print(f"statements P {s.precision:.1%} R {s.recall:.1%} | events P {e.precision:.1%} R {e.recall:.1%} | "
          f"places P {p.precision:.1%} R {p.recall:.1%}", file=out)


def run_cli(paths: Sequence[str], verbose: bool = False) -> int:
    evaluate(paths or ["tests/gold"], verbose=verbose)
    return 0
