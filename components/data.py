"""Every cached read of the store: pages call these, never the store directly.

The store is a shared resource (`cache_resource`); query results are cached by
small hashable keys (`cache_data`, with a TTL) — the filters as a sorted tuple of
query pairs — so a filter change is one cached lookup.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from components.html import escape
from marsad.filters import Filters
from marsad.store import Store, default_url
from marsad.store import search as text_search

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
TTL = 300


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    # a big store written before full-text search is indexed in the background: the page opens at once
    # (the articles page says how far the index is)
    text_search.build_in_background()
    return Store(url)


def store() -> Store:
    return _store(default_url())


def key(filters: Filters) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(filters.to_query().items()))


def _filters(filters_key: tuple[tuple[str, str], ...]) -> Filters:
    return Filters.from_query(dict(filters_key))


# Pages draw at most this many statements/events/articles; counts and charts come from aggregates.
ROWS_LIMIT = 3000


@st.cache_data(ttl=TTL, show_spinner=False)
def articles(url: str, filters_key: tuple = (), limit: int | None = ROWS_LIMIT) -> pd.DataFrame:
    return _store(url).articles(_filters(filters_key), limit=limit)


@st.cache_data(ttl=TTL, show_spinner=False)
def statements(url: str, filters_key: tuple = (), article_id: str | None = None,
               limit: int | None = ROWS_LIMIT) -> pd.DataFrame:
    """Statements in date order; past `limit`, the newest ones."""
    frame = _store(url).statements(_filters(filters_key), article_id=article_id, limit=limit, newest_first=True)
    return frame.iloc[::-1].reset_index(drop=True)


@st.cache_data(ttl=TTL, show_spinner=False)
def events(url: str, filters_key: tuple = (), article_id: str | None = None,
           limit: int | None = ROWS_LIMIT) -> pd.DataFrame:
    """Events in date order; past `limit`, the newest ones."""
    frame = _store(url).events(_filters(filters_key), article_id=article_id, limit=limit, newest_first=True)
    return frame.iloc[::-1].reset_index(drop=True)


@st.cache_data(ttl=TTL, show_spinner=False)
def counts(url: str, filters_key: tuple = (), entities: bool = True) -> dict:
    return _store(url).counts(_filters(filters_key), entities=entities)


@st.cache_data(ttl=TTL, show_spinner=False)
def events_per_place(url: str, filters_key: tuple = ()) -> pd.DataFrame:
    return _store(url).events_per_place(_filters(filters_key))


@st.cache_data(ttl=TTL, show_spinner=False)
def place_event_types(url: str, filters_key: tuple = ()) -> pd.DataFrame:
    return _store(url).place_event_types(_filters(filters_key))


@st.cache_data(ttl=TTL, show_spinner=False)
def timeline_counts(url: str, filters_key: tuple = (), unit: str = "day") -> pd.DataFrame:
    return _store(url).timeline_counts(_filters(filters_key), unit)


@st.cache_data(ttl=TTL, show_spinner=False)
def denials_in_context(url: str, filters_key: tuple = ()) -> pd.DataFrame:
    return _store(url).denials_in_context(_filters(filters_key))


@st.cache_data(ttl=TTL, show_spinner=False)
def statements_per_place(url: str, filters_key: tuple = ()) -> pd.DataFrame:
    return _store(url).statements_per_place(_filters(filters_key))


def _entity_key(filters_key: tuple) -> tuple:
    """Actor and place totals ignore event types: one cache entry serves every event-type choice."""
    return tuple(pair for pair in filters_key if pair[0] != "event")


def places(url: str, filters_key: tuple = ()) -> pd.DataFrame:
    return _places(url, _entity_key(filters_key))


@st.cache_data(ttl=TTL, show_spinner=False)
def _places(url: str, filters_key: tuple) -> pd.DataFrame:
    return _store(url).places(_filters(filters_key))


def actors(url: str, filters_key: tuple = ()) -> pd.DataFrame:
    return _actors(url, _entity_key(filters_key))


@st.cache_data(ttl=TTL, show_spinner=False)
def _actors(url: str, filters_key: tuple) -> pd.DataFrame:
    return _store(url).actors(_filters(filters_key))


@st.cache_data(ttl=TTL, show_spinner=False)
def article(url: str, article_id: str) -> dict | None:
    return _store(url).article(article_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def article_mentions(url: str, article_id: str) -> pd.DataFrame:
    return _store(url).article_mentions(article_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def article_times(url: str, article_id: str) -> pd.DataFrame:
    return _store(url).article_times(article_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def statement_entities(url: str, statement_ids: tuple[str, ...]) -> dict[str, set[str]]:
    """statement_id -> the actors and places its sentence names."""
    links = _store(url).statement_entities(statement_ids)
    return {sid: set(group) for sid, group in links.groupby("statement_id")["entity_id"]} if len(links) else {}


@st.cache_data(ttl=TTL, show_spinner=False)
def options(url: str) -> dict:
    """Everything the sidebar offers: actors, places, event types, sources, date span."""
    s = _store(url)
    actor_frame = s.actors()
    place_frame = s.places()
    event_types = s.event_types()
    low, high = s.date_span()
    return {
        "actors": {r.actor_id: _label(r.name_en, r.name_ar) for r in actor_frame.itertuples()},
        "places": {r.place_id: _label(r.name_en, r.name_ar) for r in place_frame.itertuples()},
        "names": {**dict(zip(actor_frame["actor_id"], actor_frame["name_en"], strict=True)),
                  **dict(zip(place_frame["place_id"], place_frame["name_en"], strict=True))},
        "event_types": event_types,
        "sources": s.sources(),
        "date_span": (low, high),
    }


def _label(name_en: str, name_ar: str) -> str:
    return f"{name_en} · {name_ar}" if name_ar and name_ar != name_en else name_en


def clear() -> None:
    """Forget cached query results (after the store changed)."""
    st.cache_data.clear()


_FIRST_RUN = threading.Lock()  # one session processes the seeds; the others wait for it
UNFINISHED = "first_run_unfinished"  # set on the store while the seeds are processed


def _needs_seeds(s: Store) -> bool:
    """An empty store, or one whose first run was cut short (a click reruns the page mid-way)."""
    return SEEDS_DIR.exists() and (s.count("articles") == 0 or s.flag(UNFINISHED))


def ensure_processed(s: Store) -> None:
    """On a first run with an empty store, process seeds/ with a progress bar.

    A session opened meanwhile (another tab, a colleague) waits for it: the store it would read
    is half-written until the run ends, and what it cached would stay out of date. A run cut
    short is taken up again by the next page run.
    """
    if s.read_only:  # nothing can be written: show what the store holds, and say so
        if s.count("articles") == 0:
            st.info("This store is read-only and holds no articles yet, so the dashboard cannot process the "
                    "seed articles into it. Process articles with `python -m marsad process` into a writable store.")
        return
    if not _FIRST_RUN.locked() and not _needs_seeds(s):
        return
    waiting = st.empty()
    if _FIRST_RUN.locked():
        waiting.info("Another session is processing the seed articles for the first run; this page waits for it.")
    with _FIRST_RUN:
        waiting.empty()
        if not _needs_seeds(s):  # done while this session waited
            return
        s.set_flag(UNFINISHED, True)
        _process_seeds(s)
        s.set_flag(UNFINISHED, False)


def _process_seeds(s: Store) -> None:
    bar = st.progress(0.0, text="First run: loading the Arabic tools to process the seed articles…")
    from marsad.process import process_paths  # camel-tools: seconds to import, so after the bar shows

    def progress(done: int, total: int, item) -> None:  # noqa: ANN001
        bar.progress(done / max(total, 1), text=f"Processed {done} of {total}: {item.title[:60]}")

    report = process_paths([SEEDS_DIR], s, workers=1, progress=progress)
    bar.empty()
    for problem in report.problems:
        st.warning(escape(problem))
    clear()
