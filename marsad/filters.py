"""Filters: query-string pairs in, SQL conditions and an English caption out.

One object serves the sidebar widgets, the shareable URL (`?actor=haftar&from=2019-04-01`),
the store's WHERE clauses and the caption under every chart.

The actor filter says how the actors take part (`?actor=khalifa-haftar&as=speaker`, `actor_role`):

- ``speaker``: the statements they make; no events (an event has no speaker).
- ``participant``: the events naming them in their clause (the event's actors, its agent and target
  among them); no statements.
- ``mentioned``: the statements whose sentence names them, said by someone else; no events.
- ``any`` (the default, no `as` in the URL): any of these: their statements, the statements naming
  them and the events they take part in.

Articles are those naming the actors whatever the role (one who speaks or takes part is named), and so
are the places and actors counted over them.
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


# actor_role -> what the sidebar and the captions call it; "any" is the default and stays out of the URL
ACTOR_ROLES = {"any": "any of these", "speaker": "as speaker", "participant": "as participant in events",
               "mentioned": "mentioned"}


def _role(value: object) -> str:
    role = (_first(value) or "").strip().lower()
    return role if role in ACTOR_ROLES else "any"


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
    actor_role: str = "any"  # how the actors take part: a key of ACTOR_ROLES

    QUERY_KEYS = {"actors": "actor", "places": "place", "event_types": "event", "sources": "source",
                  "date_from": "from", "date_to": "to", "actor_role": "as"}

    def __post_init__(self) -> None:
        if self.actor_role not in ACTOR_ROLES:
            raise ValueError(f"unknown actor role {self.actor_role!r}: one of {', '.join(ACTOR_ROLES)}")

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
            actor_role=_role(get("as")),
        )

    def to_query(self) -> dict[str, str]:
        """Query parameters reproducing these filters (empty ones omitted; the actor role only with actors,
        and not when it is "any")."""
        query: dict[str, str] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if not value or (field.name == "actor_role" and (value == "any" or not self.actors)):
                continue
            key = self.QUERY_KEYS[field.name]
            query[key] = ",".join(value) if isinstance(value, tuple) else value if isinstance(value, str) \
                else value.isoformat()
        return query

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name != "actor_role")

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """An English caption: 'Statements by Khalifa Haftar, 4–10 Apr 2019'-style fragments."""
        names = names or {}
        parts = []
        if self.actors:
            role = "" if self.actor_role == "any" else f" ({ACTOR_ROLES[self.actor_role]})"
            parts.append("actors: " + ", ".join(names.get(a, a) for a in self.actors) + role)
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
