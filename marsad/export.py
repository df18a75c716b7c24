"""Exports of the store as records (the data contract in DESIGN.md), JSONL or CSV."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from datetime import date, datetime

import pandas as pd

from marsad.filters import Filters
from marsad.store import Store

KINDS = ("articles", "places", "actors", "statements", "events", "acled")

_COLUMNS = {
    "articles": ["article_id", "title", "source", "url", "published", "published_inferred"],
    "places": ["place_id", "name_en", "name_ar", "lat", "lon", "country", "kind", "source", "mentions",
               "article_ids"],
    "actors": ["actor_id", "name_en", "name_ar", "type", "affiliation", "country", "role", "discovered",
               "mentions", "statements"],
    "statements": ["statement_id", "article_id", "speaker_id", "speaker_en", "speaker_ar", "speaker_text",
                   "speaker_inferred", "verb", "verb_ar", "stance", "quote", "direct", "date", "date_precision",
                   "sentence", "start", "end"],
    "events": ["event_id", "article_id", "type", "label_en", "trigger", "date", "date_precision", "place_id",
               "place_en", "place_inherited", "lat", "lon", "actors_en", "actor_ids", "acled_event_type",
               "acled_sub_event_type", "sentence", "start", "end"],
}


def records(store: Store, kind: str, filters: Filters | None = None) -> Iterator[dict]:
    """The records of one export kind, as plain JSON-ready dicts."""
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")
    if kind == "acled":
        yield from acled_records(store, filters)
        return
    frame = store.places(filters, with_article_ids=True) if kind == "places" else getattr(store, kind)(filters)
    for row in _rows(frame, _COLUMNS[kind]):
        if kind == "places":
            row["article_ids"] = sorted(filter(None, (row["article_ids"] or "").split(",")))
        if kind == "events":
            row["actor_ids"] = [a for a in (row["actor_ids"] or "").split(",") if a]
        if kind == "statements" and not row["speaker_ar"]:
            row["speaker_ar"] = row["speaker_text"]
        yield row


def acled_records(store: Store, filters: Filters | None = None) -> Iterator[dict]:
    """Events in ACLED's column layout (event_date, event_type, sub_event_type, actor1, location...)."""
    for row in _rows(store.events(filters), _COLUMNS["events"] + ["article_source", "place_ar"]):
        names = [n for n in (row["actors_en"] or "").split("; ") if n]
        yield {
            "event_id_cnty": row["event_id"], "event_date": row["date"],
            "time_precision": {"day": 1, "week": 2, "month": 2}.get(row["date_precision"], 3),
            "event_type": row["acled_event_type"], "sub_event_type": row["acled_sub_event_type"],
            "marsad_type": row["type"], "actor1": names[0] if names else "",
            "actor2": names[1] if len(names) > 1 else "", "location": row["place_en"] or "",
            "latitude": row["lat"], "longitude": row["lon"],
            "geo_precision": 1 if row["place_id"] else 3, "source": row["article_source"] or "",
            "notes": row["sentence"], "article_id": row["article_id"],
        }


def _rows(frame: pd.DataFrame, columns: list[str]) -> Iterator[dict]:
    for record in frame.reindex(columns=columns).to_dict("records"):
        yield {key: _plain(value) for key, value in record.items()}


def _plain(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()  # type: ignore[union-attr]
    return value


def to_jsonl(rows: Iterator[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False)


# A cell a spreadsheet would run as a formula (CSV injection): it starts with = + - @, a tab or a
# carriage return (or their full-width forms, which some spreadsheets also read so).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: object) -> object:
    """`value` as a spreadsheet will show it, never run it: a string that starts like a formula gets a
    leading apostrophe (``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``); a plain number written as text
    ("-12.5"), numbers, booleans and None are unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER_RE.fullmatch(value):
        return "'" + value
    return value


BOM = "\ufeff"  # lets a spreadsheet open a CSV as UTF-8, so the Arabic reads right


def csv_bytes(frame: pd.DataFrame, bom: bool = True) -> bytes:
    """A table as CSV (UTF-8 with a byte-order mark unless `bom` is False, no index, RFC 4180 line ends
    so a cell holding a carriage return is quoted) with every text cell, header included, made
    spreadsheet-safe."""
    safe = frame.map(spreadsheet_safe)
    safe.columns = [spreadsheet_safe(str(column)) for column in frame.columns]
    return ((BOM if bom else "") + safe.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def to_csv(rows: Iterator[dict]) -> Iterator[str]:
    """CSV lines (the header first); lists are joined with "|" and every text cell is made
    spreadsheet-safe (see `spreadsheet_safe`)."""
    buffer = io.StringIO()
    writer: csv.DictWriter | None = None
    for row in rows:
        flat = {k: spreadsheet_safe("|".join(v) if isinstance(v, list) else v) for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        yield buffer.getvalue().rstrip("\r\n")
        buffer.seek(0)
        buffer.truncate()
