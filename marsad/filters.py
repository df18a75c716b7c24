"""Filters: query-string pairs in, SQL conditions and an English caption out.

One object serves the sidebar widgets, the shareable URL (`?actor=haftar&from=2019-04-01`),
the store's WHERE clauses and the caption under every chart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

# The dates a filter can hold: those ingest accepts for publication (a URL or a widget outside them is
# clamped to them).
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2100, 12, 31)


def clamp_date(value: date) -> date:
    return min(max(value, DATE_MIN), DATE_MAX)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        items = value.split(",")
    else:
        items = [str(v) for v in value]  # type: ignore[attr-defined]
    return tuple(dict.fromkeys(i.strip() for i in items if i and i.strip()))


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    QUERY_KEYS = {"actors": "actor", "places": "place", "event_types": "event", "sources": "source",
                  "date_from": "from", "date_to": "to"}

    @classmethod
    def from_query(cls, params: Mapping[str, object]) -> Filters:
        """From URL query parameters (lists or comma-separated strings); unknown keys are ignored."""
        def get(key: str) -> object:
            value = params.get(key)
            return value

        return cls(
            actors=_as_tuple(get("actor")), places=_as_tuple(get("place")),
            event_types=_as_tuple(get("event")), sources=_as_tuple(get("source")),
            date_from=_parse_date(_first(get("from"))), date_to=_parse_date(_first(get("to"))),
        )

    def to_query(self) -> dict[str, str]:
        """Query parameters reproducing these filters (empty ones omitted)."""
        query: dict[str, str] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if not value:
                continue
            key = self.QUERY_KEYS[field.name]
            query[key] = ",".join(value) if isinstance(value, tuple) else value.isoformat()
        return query

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """An English caption: 'Statements by Khalifa Haftar, 4–10 Apr 2019'-style fragments."""
        names = names or {}
        parts = []
        if self.actors:
            parts.append("actors: " + ", ".join(names.get(a, a) for a in self.actors))
        if self.places:
            parts.append("places: " + ", ".join(names.get(p, p) for p in self.places))
        if self.event_types:
            parts.append("event types: " + ", ".join(t.replace("_", " ") for t in self.event_types))
        if self.sources:
            parts.append("sources: " + ", ".join(self.sources))
        if self.date_from or self.date_to:
            start = self.date_from.strftime("%-d %b %Y") if self.date_from else "…"
            end = self.date_to.strftime("%-d %b %Y") if self.date_to else "…"
            parts.append(f"dates: {start} – {end}")
        return "; ".join(parts) if parts else "all articles"


def _first(value: object) -> str | None:
    if isinstance(value, list | tuple):
        return str(value[0]) if value else None
    return None if value is None else str(value)
