"""Pure data shaping for the dashboard: no streamlit here, so all of it is unit-tested.

Marker sizes and colours, the place a map click points at, the timeline's rows with
spans, and claims set beside their denials.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from marsad.text.normalize import normalize_key


def marker_radius(mentions: int, largest: int) -> float:
    """Circle radius in pixels, by the square root of mentions (area ~ count), 6 to 26 px."""
    if largest <= 0:
        return 6.0
    return round(6.0 + 20.0 * math.sqrt(max(mentions, 0) / largest), 1)


def dominant_event_types(events: pd.DataFrame) -> dict[str, str]:
    """place_id -> its most frequent event type; `events` is one row per event, or counts in `events`."""
    if events.empty or "place_id" not in events:
        return {}
    located = events.dropna(subset=["place_id"])
    if located.empty:
        return {}
    if "events" in located:
        counts = located.groupby(["place_id", "type"])["events"].sum().reset_index(name="n")
    else:
        counts = located.groupby(["place_id", "type"]).size().reset_index(name="n")
    counts = counts.sort_values(["place_id", "n", "type"], ascending=[True, False, True])
    return dict(zip(counts.drop_duplicates("place_id")["place_id"], counts.drop_duplicates("place_id")["type"],
                    strict=True))


def map_bounds(places: pd.DataFrame, pad: float = 0.05,
               cluster_degrees: float = 1.5) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) framing where the places cluster.

    Countries and regions are left out when anything more specific is there; then the
    frame closes on the places around the most-mentioned one when they hold most of the
    mentions (the Tripoli area, not Tripoli-to-Sirte), else on all of them.
    """
    if places.empty:
        return None
    broad = places["kind"].isin(["country", "region"]) if "kind" in places else pd.Series(False, places.index)
    frame = places[~broad] if (~broad).any() else places
    if len(frame) > 2 and "mentions" in frame:
        top = frame.loc[frame["mentions"].idxmax()]
        near = frame[(frame["lat"] - top["lat"]).abs().le(cluster_degrees)
                     & (frame["lon"] - top["lon"]).abs().le(cluster_degrees)]
        if near["mentions"].sum() >= 0.6 * frame["mentions"].sum():
            frame = near
    south, north = float(frame["lat"].min()), float(frame["lat"].max())
    west, east = float(frame["lon"].min()), float(frame["lon"].max())
    lat_pad = max((north - south) * pad, 0.05)
    lon_pad = max((east - west) * pad, 0.05)
    return south - lat_pad, west - lon_pad, north + lat_pad, east + lon_pad


FENCE_IQRS = 1.5  # Tukey's fences (a box plot's whiskers): 1.5 interquartile ranges beyond the quartiles
MIN_IQR_DAYS = 14  # two weeks: a few days' news still keeps the weeks around it (3 weeks either side)


def focus_range(dates: pd.Series, weights: pd.Series | None = None) -> tuple[date, date] | None:
    """The dates where the bulk of the timeline's items lie: Tukey's fences.

    From the first quartile of the items' dates less 1.5 interquartile ranges to the third quartile
    plus 1.5 (a box plot's whiskers), the interquartile range taken as at least 14 days. An item dated
    outside (1864 or 1969 recalled in a 2015 article) is history mentioned, not the news: it would
    stretch the axis over a century and squeeze the bulk into a line, so the chart leaves it out and
    lists it apart. Quartiles, not the extremes, set the fences, so a few such dates cannot move them;
    a corpus spread over years (or over two clusters) has a wide interquartile range and keeps all of
    it. `weights` counts each date that many times (per-day counts).
    """
    days = _ordinals(pd.Series(dates).reset_index(drop=True))
    counted = pd.Series(1, index=days.index) if weights is None else pd.Series(weights).reset_index(drop=True)
    keep = days.notna() & (counted > 0)
    if not keep.any():
        return None
    order = days[keep].astype("int64").sort_values()
    share = counted[order.index].cumsum() / counted[order.index].sum()
    q1 = int(order.iloc[int((share >= 0.25).to_numpy().argmax())])
    q3 = int(order.iloc[int((share >= 0.75).to_numpy().argmax())])
    reach = int(FENCE_IQRS * max(q3 - q1, MIN_IQR_DAYS))
    return (date.fromordinal(max(q1 - reach, 1)),
            date.fromordinal(min(q3 + reach, date.max.toordinal())))


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _ordinals(values: pd.Series) -> pd.Series:
    """Each date's day number (NaN where missing): in one numpy step for datetime64 values (per-day counts
    over years: tens of thousands), else one by one."""
    if pd.api.types.is_datetime64_dtype(values):
        days = values.to_numpy().astype("datetime64[D]").astype("int64") + _EPOCH_ORDINAL
        return pd.Series(days, index=values.index, dtype="float64").where(values.notna())
    return values.map(_ordinal)


def _ordinal(value: object) -> int | None:
    """A date (or timestamp) as its day number; None for a missing one."""
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return None
    return value.toordinal()  # a datetime's (and a Timestamp's) is its day's


def in_window(starts: pd.Series, ends: pd.Series, window: tuple[date, date] | None) -> pd.Series:
    """Which items (from start to end) reach into `window` (all of them when there is none)."""
    if window is None:
        return pd.Series(True, index=starts.index)
    low, high = window
    if pd.api.types.is_datetime64_dtype(starts) and pd.api.types.is_datetime64_dtype(ends):  # by day, in numpy
        return (ends.dt.floor("D") >= pd.Timestamp(low)) & (starts.dt.floor("D") <= pd.Timestamp(high))
    starts, ends = (s.dt.date if pd.api.types.is_datetime64_any_dtype(s) else s for s in (starts, ends))
    return (ends >= low) & (starts <= high)


def outside_window(starts: pd.Series, ends: pd.Series, window: tuple[date, date] | None) -> int:
    """How many items (from start to end) lie wholly outside `window`."""
    return int((~in_window(starts, ends, window)).sum())


def split_window(rows: pd.DataFrame, window: tuple[date, date] | None,
                 start: str = "start", end: str = "end") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows reaching into `window`, the rows wholly outside it)."""
    inside = in_window(rows[start], rows[end], window)
    return rows[inside], rows[~inside]


def shown_range(starts: pd.Series, ends: pd.Series, window: tuple[date, date] | None,
                pad: float = 0.03) -> tuple[date, date] | None:
    """The x-axis range: from the first item to the last (spans cut at the window), padded by `pad` of
    the width and at least a day each side."""
    if starts.empty:
        return None
    low, high = min(starts), max(ends)
    if window:
        low, high = max(low, window[0]), min(high, window[1])
    margin = timedelta(days=max(1, round((high - low).days * pad)))
    return low - margin, high + margin + timedelta(days=1)


OTHERS = "others"


def top_lanes(rows: pd.DataFrame, keep: int, noun: str = "actors") -> tuple[pd.DataFrame, int]:
    """The rows with only the `keep` lanes holding most items; the rest share one lane, "others (N
    actors)", at the bottom. Ties go to the lane with the earlier first item, then by name. Returns the
    rows and how many lanes went into "others" (0: every lane is kept).
    """
    if rows.empty:
        return rows, 0
    ranked = (rows.groupby("lane", sort=False)
              .agg(items=("lane", "size"), first=("start", "min"))
              .reset_index()
              .sort_values(["items", "first", "lane"], ascending=[False, True, True]))
    rest = ranked["lane"].iloc[max(keep, 0):]
    if len(rest) <= 1:  # one lane under another name is no summary
        return rows, 0
    label = f"{OTHERS} ({len(rest)} {noun})"
    return rows.assign(lane=rows["lane"].where(~rows["lane"].isin(set(rest)), label)), len(rest)


def lane_order(rows: pd.DataFrame) -> list[str]:
    """Lanes top-down by their first item; the "others" lane last."""
    first = rows.groupby("lane", sort=False)["start"].min().reset_index()
    first["others"] = first["lane"].str.startswith(f"{OTHERS} (")
    return first.sort_values(["others", "start", "lane"])["lane"].tolist()


def bin_counts(counts: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Per-day counts (date as datetime64, items, and other key columns) summed per week (from
    Monday) or month; per day they are returned as they are."""
    if unit == "day" or counts.empty:
        return counts
    keys = [c for c in counts.columns if c not in ("date", "items")]
    starts = counts["date"].dt.to_period("W-SUN" if unit == "week" else "M").dt.start_time
    return counts.assign(date=starts).groupby(["date", *keys], as_index=False, sort=True)["items"].sum()


def top_types(table: pd.DataFrame, keep: int, column: str = "type", value: str = "items") -> pd.DataFrame:
    """Per-period counts with only the `keep` types counting most; the others summed into one "other
    types (N)" row per period, so a stack of thirty slivers stays readable."""
    totals = table.groupby(column)[value].sum().sort_values(ascending=False, kind="stable")
    if len(totals) <= keep + 1:
        return table
    rest = set(totals.index[keep:])
    merged = table.assign(**{column: table[column].where(~table[column].isin(rest), f"other types ({len(rest)})")})
    keys = [c for c in table.columns if c != value]
    return merged.groupby(keys, as_index=False, sort=True)[value].sum()


# A count of dead this large that its sentence does not date (`قتل فيها 800 ألف شخص`, `وقتل أكثر من 3500 شخص
# في القتال`) is most often a tally of a whole war, not a day's deaths; one dated only to a month or a year
# (`منذ عام 2009`) cannot be put on a day. Neither is drawn per day, week or month: they are listed apart.
LARGE_UNDATED_TOLL = 1000
OFF_THE_CALENDAR = ("month", "year")


def toll_drawn(precision: pd.Series, killed: pd.Series) -> pd.Series:
    """Whether each toll goes on a deaths-over-time chart (see LARGE_UNDATED_TOLL)."""
    undated = precision.eq("reported") & killed.fillna(0).ge(LARGE_UNDATED_TOLL)
    return ~(precision.isin(OFF_THE_CALENDAR) | undated)


def tolls_apart(events: pd.DataFrame) -> pd.DataFrame:
    """The events whose toll a deaths-over-time chart leaves out (toll_drawn), largest first."""
    if "killed" not in events or "date_precision" not in events or events.empty:
        return events.iloc[0:0]
    counted = events.dropna(subset=["killed"])
    return counted[~toll_drawn(counted["date_precision"], counted["killed"])].sort_values("killed", ascending=False)


def killed_per_period(events: pd.DataFrame, unit: str, window: tuple[date, date] | None = None) -> pd.DataFrame | None:
    """(date, type, killed): people reported killed per week or month, by event type (the low figure of
    a range), without the tolls `tolls_apart` sets apart; None when the events carry no `killed` figure
    (stores written before casualties were read, or none reported)."""
    if "killed" not in events or events.empty:
        return None
    dated = events.dropna(subset=["date", "killed"])
    if "date_precision" in dated:
        dated = dated[toll_drawn(dated["date_precision"], dated["killed"])]
    if window:
        dated = dated[in_window(dated["date"], dated["date"], window)]
    if dated.empty:
        return None
    frame = pd.DataFrame({"date": pd.to_datetime(dated["date"].astype(str)), "type": dated["type"],
                          "items": dated["killed"].astype("int64")})
    daily = frame.groupby(["date", "type"], as_index=False)["items"].sum()
    return bin_counts(daily, unit).rename(columns={"items": "killed"})



def short_name(name_en: str) -> str:
    """A map label: the English name without its parenthesis ("Yarmouk camp (Tripoli)" -> "Yarmouk camp")."""
    return name_en.split(" (")[0]


def place_clicked(places: pd.DataFrame, clicked: dict | None, tooltip: str | None = None,
                  tolerance: float = 0.05) -> str | None:
    """The place a map click landed on: by the marker's tooltip, else the nearest marker to the click.

    Leaflet reports the mouse position (not the marker's) for large circle markers, so the
    tooltip text, which names the place, is the reliable key; the position is the fallback.
    """
    if places.empty:
        return None
    if tooltip:
        text = tooltip.strip()
        for row in places.itertuples():
            if text == short_name(row.name_en) or text.startswith(f"{row.name_en} ·"):
                return str(row.place_id)
    lat, lon = (clicked or {}).get("lat"), (clicked or {}).get("lng")
    if lat is None or lon is None:
        return None
    distance = (places["lat"] - lat).abs() + (places["lon"] - lon).abs()
    nearest = distance.idxmin()
    return None if distance[nearest] > tolerance else str(places.loc[nearest, "place_id"])


def span_end(start: date | None, precision: str) -> date | None:
    """Last day of the span a date with `precision` stands for."""
    if start is None:
        return None
    if precision == "month":
        next_month = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return next_month - timedelta(days=1)
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "week":
        return start + timedelta(days=6)
    return start


_STATEMENT_FIELDS = ["date", "date_precision", "speaker_en", "speaker_text", "stance", "verb", "sentence",
                     "article_id", "start"]
_EVENT_FIELDS = ["date", "date_precision", "actors_en", "actor_ids", "type", "place_en", "label_en", "sentence", "article_id",
                 "start"]


def timeline_rows(statements: pd.DataFrame, events: pd.DataFrame, group_by: str = "actor",
                  stance_labels: dict[str, str] | None = None, focus: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per statement or event: start, end (spans), lane, kind, label, sentence, inferred.

    An event goes to its first actor's lane, or to the first of the `focus` actors (the actor filter's
    ids) it names: filtered on Haftar, his events sit in his lane, not in the lane of whoever comes
    first in the alphabet.
    """
    columns = ["start", "end", "lane", "kind", "label", "sentence", "precision", "inferred", "article_id",
               "sentence_start", "color_key"]
    rows = []
    said = statements[[c for c in _STATEMENT_FIELDS if c in statements]] if not statements.empty else statements
    happened = events[[c for c in _EVENT_FIELDS if c in events]] if not events.empty else events
    for s in said.to_dict("records") if not said.empty else []:
        if pd.isna(s.get("date")) or s.get("date") is None:
            continue
        speaker = s.get("speaker_en") or s.get("speaker_text") or "unnamed speaker"
        lane = speaker if group_by == "actor" else "statement"
        rows.append({
            "start": s["date"], "end": span_end(s["date"], s["date_precision"]), "lane": lane,
            "kind": "statement", "label": f"{speaker} {(stance_labels or {}).get(s['stance'], s['verb'])}",
            "sentence": s["sentence"], "precision": s["date_precision"],
            "inferred": s["date_precision"] == "reported", "article_id": s["article_id"],
            "sentence_start": s["start"], "color_key": s["stance"],
        })
    for e in happened.to_dict("records") if not happened.empty else []:
        if pd.isna(e.get("date")) or e.get("date") is None:
            continue
        lane = _event_actor(e, focus) if group_by == "actor" else e["type"].replace("_", " ")
        place = e.get("place_en") or ""
        rows.append({
            "start": e["date"], "end": span_end(e["date"], e["date_precision"]), "lane": lane, "kind": "event",
            "label": (e.get("label_en") or e["type"]) + (f" — {place}" if place else ""),
            "sentence": e["sentence"], "precision": e["date_precision"],
            "inferred": e["date_precision"] == "reported", "article_id": e["article_id"],
            "sentence_start": e["start"], "color_key": e["type"],
        })
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["start", "lane"]).reset_index(drop=True) if not frame.empty else frame


def _event_actor(event: dict, focus: tuple[str, ...]) -> str:
    """The event's lane: its first actor named in `focus`, else its first actor."""
    names = [a for a in (event.get("actors_en") or "").split("; ") if a]
    ids = (event.get("actor_ids") or "").split(",")
    if focus and len(ids) == len(names):
        names = [name for actor_id, name in zip(ids, names, strict=True) if actor_id in focus] + names
    return names[0] if names else "(no actor)"


_WORD_RE = re.compile(r"[\u0621-\u064a]{3,}")
_STOP_WORDS = """
    التي الذي الذين هذه هذا ذلك تلك على إلى الى عن من في مع بعد قبل حول كان كانت قد لم لن إن أن بأن أنه
    وقال قال وأضاف وأكد ليبيا
""".split()
_CLITIC_RE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل)(?=[\u0621-\u064a]{3,})")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(normalize_key(w) for w in _STOP_WORDS)


def timeline_unit(first: date | None, last: date | None, max_bars: int = 200) -> str:
    """The bin for counting items between `first` and `last`: the finest of day, week and month
    that keeps the chart under about `max_bars` bars per lane."""
    if first is None or last is None:
        return "day"
    span = (last - first).days + 1
    return "day" if span <= max_bars else "week" if span <= 7 * max_bars else "month"


def content_words(text: str) -> set[str]:
    """Normalised content words with the article and clitics stripped, for topic overlap."""
    words = set()
    stop = _stop_words()
    for word in _WORD_RE.findall(normalize_key(text)):
        if word in stop:
            continue
        stem = _CLITIC_RE.sub("", word)
        words.add(stem[:5])  # a crude stem: عودة/إعادة differ, قوات/القوات agree
    return words


_DENYING = ("deny", "reject")


def claims_and_denials(statements: pd.DataFrame, entities: Mapping[str, Iterable[str]] | None = None,
                       names: Mapping[str, str] | None = None, name_words: Mapping[str, str] | None = None,
                       focus: Iterable[str] = (), role: str = "any", min_overlap: int = 3) -> pd.DataFrame:
    """Each denial beside the claim it contradicts, with a line saying why they were paired.

    A denial restates what it denies, so a pair must share content words (the claim's quote against the
    denial's quote and sentence): two at least, a third of the shorter quote's at least, and `min_overlap`
    of them unless a name backs them: one both sentences hold (`entities`: statement_id -> the actors and
    places its sentence names, from statement_entities) that most statements do not (Libya in Libyan
    news tells nothing), or the denial naming the claimant. Words of names (`name_words`: entity id -> its
    Arabic name, every actor and place of the store) are not counted as shared words, linked or not: two
    statements naming the GNA and Haftar's forces near Tripoli are not about the same thing for that. Of
    the other speakers' claims, the one sharing most (a telling name counts two words) is chosen; in the
    denial's article first.

    With `focus` (the actor filter's ids), only the pairs those actors are in, as `role` says (see
    marsad.filters): their denials of others' claims and others' denials of their claims (`speaker`),
    pairs where a side names them (`mentioned`), either (`any`); none for `participant`. `names` (id ->
    English name) words `why`: "both name Tripoli and AFRICOM; the denial names the claimant (GNA);
    2 shared words; same article".
    """
    columns = ["claim_id", "denial_id", "overlap", "shared", "why"]
    focus = set(focus)
    if statements.empty or (focus and role == "participant"):
        return pd.DataFrame(columns=columns)
    named = {sid: set(ids) for sid, ids in (entities or {}).items()}
    rows = statements.drop_duplicates("statement_id").to_dict("records")
    common = _common_entities(rows, named)
    in_names = _name_words(tuple(name for name in (name_words or {}).values() if isinstance(name, str)))
    quoted = {r["statement_id"]: content_words(r["quote"]) - in_names for r in rows}

    def involves(row: dict) -> bool:
        said = row["speaker_id"] in focus
        naming = bool(focus & (named.get(row["statement_id"], set()) - {row["speaker_id"]}))
        return said if role == "speaker" else naming if role == "mentioned" else said or naming

    claims = [r for r in rows if r["stance"] not in _DENYING]
    pairs = []
    for denial in (r for r in rows if r["stance"] in _DENYING):
        denial_id, denial_named = denial["statement_id"], named.get(denial["statement_id"], set())
        context = content_words(f"{denial['quote']} {denial['sentence']}") - in_names
        candidates = claims if not focus or involves(denial) else [c for c in claims if involves(c)]
        best: tuple | None = None
        for claim in candidates:
            claim_words = quoted[claim["statement_id"]]
            overlap = len(claim_words & context)
            if overlap < 2 or _same_speaker(claim, denial):  # most claims share no two words: the cheap test first
                continue
            claim_named = named.get(claim["statement_id"], set())
            denial_words = quoted[denial_id]
            shared = (claim_named & denial_named) - {claim["speaker_id"], denial["speaker_id"]}
            telling = shared - common
            names_claimant = bool(claim["speaker_id"]) and claim["speaker_id"] in denial_named
            if overlap < 2 or 3 * overlap < min(len(claim_words), len(denial_words) or len(claim_words)) \
                    or (overlap < min_overlap and not telling and not names_claimant):
                continue
            same_article = claim["article_id"] == denial["article_id"]
            key = (overlap + 2 * len(telling) + 2 * names_claimant, same_article)
            if best is None or key > best[0]:
                best = (key, claim, overlap, shared, telling, names_claimant, same_article)
        if best is not None:
            _, claim, overlap, shared, telling, names_claimant, same_article = best
            pairs.append({"claim_id": claim["statement_id"], "denial_id": denial_id, "overlap": overlap,
                          "shared": sorted(shared),
                          "why": _why(claim, telling, names_claimant, overlap, same_article, names or {})})
    return pd.DataFrame(pairs, columns=columns)


@lru_cache(maxsize=4)
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    """The content words of every name (the store's thousands of actors and places), once per set of names."""
    return frozenset(word for name in names for word in content_words(name))


def _same_speaker(claim: dict, denial: dict) -> bool:
    """The same speaker (by id, or unnamed and written alike): one does not deny oneself."""
    if claim["speaker_id"] or denial["speaker_id"]:
        return claim["speaker_id"] == denial["speaker_id"]
    return bool(claim.get("speaker_text")) and claim.get("speaker_text") == denial.get("speaker_text")


def _common_entities(rows: list[dict], named: dict[str, set[str]]) -> set[str]:
    """Names more than a third of the statements hold (of eight or more): they tell no two apart."""
    if len(rows) < 8:
        return set()
    counts = Counter(e for r in rows for e in named.get(r["statement_id"], set()))
    return {e for e, n in counts.items() if 3 * n > len(rows)}


def _why(claim: dict, shared: set[str], names_claimant: bool, overlap: int, same_article: bool,
         names: Mapping[str, str]) -> str:
    """One line: what the claim and the denial have in common (the telling names they share)."""
    parts = []
    if shared:
        listed = sorted(names.get(e, e) for e in shared)
        parts.append("both name " + (listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]))
    if names_claimant:
        parts.append(f"the denial names the claimant ({names.get(claim['speaker_id'], claim['speaker_id'])})")
    parts.append(f"{overlap} shared word{'s' if overlap != 1 else ''}")
    if same_article:
        parts.append("same article")
    return "; ".join(parts)
