"""Exports of the store as records (the data contract: docs/DATA_CONTRACT.md), JSONL, CSV or GeoJSON
(marsad/export_geojson.py); the `acled` kind is laid out by marsad/export_acled.py."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime

import pandas as pd

from marsad import export_acled
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
               "acled_sub_event_type", "sentence", "start", "end", "killed", "killed_high", "wounded",
               "wounded_high", "victims", "actor1_id", "actor2_id", "evidence"],
    "acled": export_acled.COLUMNS,
}


def columns(kind: str) -> list[str]:
    """The fields of every record of `kind`, in order (a CSV's header, even when no record matches)."""
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")
    return list(_COLUMNS[kind])


def records(store: Store, kind: str, filters: Filters | None = None,
            left_out: Counter | None = None) -> Iterator[dict]:
    """The records of one export kind, as plain JSON-ready dicts (`left_out`: see `acled_records`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")
    if kind == "acled":
        yield from acled_records(store, filters, left_out)
        return
    frame = store.places(filters, with_article_ids=True) if kind == "places" else getattr(store, kind)(filters)
    for row in _rows(frame, _COLUMNS[kind]):
        if kind == "places":
            row["article_ids"] = sorted(filter(None, (row["article_ids"] or "").split(",")))
        if kind == "events":
            row["actor_ids"] = [a for a in (row["actor_ids"] or "").split(",") if a]
            row["evidence"] = json.loads(row["evidence"]) if row["evidence"] else []
            _counts_as_integers(row)
        if kind == "statements" and not row["speaker_ar"]:
            row["speaker_ar"] = row["speaker_text"]
        yield row


def acled_records(store: Store, filters: Filters | None = None, left_out: Counter | None = None) -> Iterator[dict]:
    """Events in ACLED's layout: ACLED's 31 columns in its order, then marsad_type, article_id, sentence_ar
    and event_id (marsad/export_acled.py). Events of types ACLED does not code are left out and counted
    by type in `left_out`."""
    frame = store.events(filters)
    rows = [_counts_as_integers(row) for row in _rows(frame, list(frame.columns))]
    yield from export_acled.acled_rows(store, rows, left_out)


_COUNTS = ("killed", "killed_high", "wounded", "wounded_high")


def _counts_as_integers(row: dict) -> dict:
    """Casualty counts as integers (a column with missing values reads as floats)."""
    for key in _COUNTS:
        if row.get(key) is not None:
            row[key] = int(row[key])
    return row


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


def _cell(value: object) -> object:
    if isinstance(value, list):  # ids joined with "|"; anything else (evidence spans) as JSON
        return "|".join(value) if all(isinstance(v, str) for v in value) else json.dumps(value)
    return value


def to_csv(rows: Iterator[dict], header: list[str] | None = None) -> Iterator[str]:
    """CSV lines (the header first: `header`, else the first row's keys; with `header` it is written even
    when there are no rows); lists of ids are joined with "|", other lists written as JSON, and every
    text cell is made spreadsheet-safe (see `spreadsheet_safe`)."""
    buffer = io.StringIO()
    writer: csv.DictWriter | None = None

    def flush() -> str:
        line = buffer.getvalue().rstrip("\r\n")
        buffer.seek(0)
        buffer.truncate()
        return line

    if header is not None:
        writer = csv.DictWriter(buffer, fieldnames=header)
        writer.writeheader()
        yield flush()
    for row in rows:
        flat = {k: spreadsheet_safe(_cell(v)) for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        yield flush()
