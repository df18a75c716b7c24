"""`python -m marsad bench app`: the dashboard's queries against 10,000 and 100,000 articles.

Real articles (the seeds and a couple of hundred SaudiNewsNet articles) go through the real
pipeline once; their analyses are the templates. For each size a fresh SQLite store is
filled with N synthetic articles, each a copy of one template's rows (article, mentions,
times, statements, events with their agent, target and toll, event actors) under a new id, with a publication date spread
over three years (event, statement and time dates shifted with it) and its places re-drawn
from the curated gazetteer, so the map has variety while offsets and sentences stay real.
The rows go in through executemany on the store's own tables, a few thousand articles per
transaction. Then every query the pages run is timed per filter (first call and the median
of warm calls); then, in child processes (no Streamlit import here), the real app's first page
and every page's script run after each filter change are timed with Streamlit's AppTest.
"""

from __future__ import annotations

import json
import operator
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from marsad.filters import Filters
from marsad.lexicon import Lexicon, load_lexicon
from marsad.paths import REPOSITORY
from marsad.records import Analysis, Place
from marsad.store import Store, pairs
from marsad.store import schema as db
from marsad.store import search as text_search
from marsad.store.facets import facet_row
from marsad.text.search_terms import document_tokens

ROOT = REPOSITORY
SEEDS_DIR = ROOT / "seeds"
SPAN_START = date(2017, 1, 1)
SPAN_DAYS = 3 * 365
CHUNK = 5000  # articles per transaction
WARM_RUNS = 5
PAGE_REPEATS = 3  # each page run after a filter change, the median reported
ROWS_LIMIT = 3000  # components/data.py: pages draw at most this many statements/events/articles
# The store calls behind components/data.py, per filter (the cached functions pass the filters through).
FILTER_QUERIES = ("articles", "statements", "events", "places", "actors", "statements_per_place", "counts",
                  "latest_statements", "place_event_types", "events_per_place", "timeline_counts",
                  "denials_in_context", "actor_detail", "actor_sides", "actor_pair_rows", "matrix_acts",
                  "matrix_speaks")
# What a filter change re-runs, per page (cold: the new filters miss the cache).
PAGES = {
    "overview": ("counts", "actors", "places", "latest_statements"),
    "map": ("places", "events_per_place", "statements_per_place", "place_event_types"),
    "timeline": ("counts", "timeline_counts"),
    # the actors page shows one view at a time (?view=): the chosen actor's cards; the four actor-against-actor
    # lists and their cards; the matrix (events by default) with the report's counts; claims & denials
    "actors": ("actors", "actor_detail"),
    "actors/sides": ("actors", "actor_sides", "actor_pair_rows"),
    "actors/matrix": ("actors", "matrix_acts", "counts"),
    "actors/claims": ("actors", "denials_in_context"),
    "articles": ("articles",),
}
# A frequent speaker and place, and middling ones: a capped query that walks rows in date order stops
# early for a frequent one, and a plan that scans per row is only exposed by a rare one.
FILTER_NAMES = ("none", "actor", "place", "month", "event_type", "actor_month", "rare_actor", "rare_place")
OTHER_QUERIES = ("event_types", "date_span", "sources", "actor_statements", "article", "article_mentions", "article_times", "article_statements", "article_events",
                 "search_word", "search_two_words", "search_prefix", "search_actor", "search_every_row",
                 "search_every_row_count", "search_deep_page")
# The articles page's search (a page of SEARCH_PAGE hits and their count): a word of the seeds, two words,
# a prefix, a word within an actor's filter, and في, in nearly every article and statement (the worst case:
# every row matches and is ordered).
SEARCH_PAGE = 10


def query_names() -> list[str]:
    """Every timed query, as named in the report: `filter.query` for the filtered ones."""
    return [f"{f}.{q}" for f in FILTER_NAMES for q in FILTER_QUERIES] + list(OTHER_QUERIES)


# --- templates ---------------------------------------------------------------------------------


def template_analyses(corpus_limit: int = 200, lexicon: Lexicon | None = None) -> list[Analysis]:
    """The seeds plus up to `corpus_limit` SaudiNewsNet articles, through the real pipeline."""
    from marsad.corpus import corpus_articles
    from marsad.ingest import read_paths
    from marsad.pipeline import analyse, analyse_many

    lexicon = lexicon or load_lexicon()
    seeds, _problems = read_paths([SEEDS_DIR])
    analyses = [analyse(a, lexicon) for a in seeds]
    if corpus_limit > 0:
        try:
            corpus = corpus_articles(corpus_limit)
        except FileNotFoundError as error:  # the seeds alone: every article a copy of two long ones
            print(f"warning: {error}; the stores are built from the 2 seed articles only, "
                  "which makes them far denser than real news (figures not comparable)", file=sys.stderr)
            corpus = []
        analyses.extend(analyse_many(corpus, workers=2))
    return analyses


@dataclass
class _Template:
    """One analysis as ready-made row pieces; only ids, dates and place ids change per copy."""

    anchor: date | None
    article: dict
    remap: list[str]  # place ids re-drawn per copy (sorted)
    mentions: list[dict]
    times: list[dict]
    statements: list[dict]
    events: list[tuple[dict, tuple[str, ...]]]
    entity_counts: Counter = field(default_factory=Counter)


def _anchor(analysis: Analysis) -> date | None:
    if analysis.article.published:
        return analysis.article.published
    dated = [e.date for e in analysis.events if e.date] + [s.date for s in analysis.statements if s.date]
    return min(dated) if dated else None


def _template(analysis: Analysis, actor_ids: set[str]) -> _Template:
    a = analysis.article
    remap = sorted(p for p in analysis.places if p not in actor_ids)
    return _Template(
        anchor=_anchor(analysis),
        article={"title": a.title, "text": a.text, "source": a.source, "url": a.url,
                 "published_inferred": a.published_inferred, "path": None},
        remap=remap,
        mentions=[{"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity_id": m.entity_id,
                   "source": m.source, "role": m.role, "confidence": m.confidence} for m in analysis.mentions],
        times=[{"start": t.start, "end": t.end, "text": t.text, "date": t.date, "end_date": t.end_date,
                "precision": t.precision, "relative": t.relative} for t in analysis.times],
        statements=[{"speaker_id": s.speaker_id, "speaker_text": s.speaker_text,
                     "speaker_inferred": s.speaker_inferred, "verb": s.verb, "verb_ar": s.verb_ar,
                     "stance": s.stance, "quote": s.quote, "direct": s.direct, "date": s.date,
                     "date_precision": s.date_precision, "sentence": s.sentence, "start": s.start,
                     "end": s.end, "cue_start": s.cue_start, "cue_end": s.cue_end,
                     "quote_start": s.quote_start, "quote_end": s.quote_end} for s in analysis.statements],
        events=[({"type": e.type, "label_en": e.label_en, "trigger": e.trigger,
                  "trigger_start": e.trigger_start, "trigger_end": e.trigger_end, "date": e.date,
                  "date_precision": e.date_precision, "place_id": e.place_id, "sentence": e.sentence,
                  "start": e.start, "end": e.end, "acled_event_type": e.acled_event_type,
                  "acled_sub_event_type": e.acled_sub_event_type, "place_inherited": e.place_inherited,
                  "killed": e.killed, "killed_high": e.killed_high, "wounded": e.wounded,
                  "wounded_high": e.wounded_high, "victims": e.victims, "actor1_id": e.actor1_id,
                  "actor2_id": e.actor2_id,
                  "evidence": json.dumps([list(span) for span in e.evidence]) if e.evidence else None},
                 e.actor_ids) for e in analysis.events],
    )


# --- the generator -----------------------------------------------------------------------------


@dataclass
class BuildStats:
    articles: int = 0
    rows: Counter = field(default_factory=Counter)
    mentions_by_entity: Counter = field(default_factory=Counter)
    speakers: Counter = field(default_factory=Counter)
    event_types: Counter = field(default_factory=Counter)
    first_article_id: str | None = None


class Generator:
    """Synthetic articles from template analyses, deterministic for a seed.

    Copy i uses template i % len(templates), so counts are exact multiples of the templates'.
    """

    def __init__(self, analyses: Sequence[Analysis], lexicon: Lexicon | None = None, seed: int = 7) -> None:
        if not analyses:
            raise ValueError("no template analyses")
        lexicon = lexicon or load_lexicon()
        self.rng = random.Random(seed)
        actor_ids = set(lexicon.actors) | {a for an in analyses for a in an.actors}
        self.templates = [_template(an, actor_ids) for an in analyses]
        # Actor rows and the places kept as they are (ids that are also actors: countries), once.
        self.actor_rows: dict[str, dict] = {}
        self.place_rows: dict[str, dict] = {}
        for an in analyses:
            for actor in an.actors.values():
                self.actor_rows.setdefault(actor.actor_id, {
                    "actor_id": actor.actor_id, "name_en": actor.name_en, "name_ar": actor.name_ar,
                    "type": actor.type, "affiliation": actor.affiliation, "country": actor.country,
                    "role": actor.role, "discovered": actor.discovered})
            for place in an.places.values():
                if place.place_id in actor_ids:
                    self.place_rows.setdefault(place.place_id, asdict(place))
        # Re-drawn places: the curated gazetteer (minus ids that are also actors), Zipf-weighted
        # over a seeded shuffle so some places are frequent and the long tail is long.
        self.gazetteer = {p.place_id: asdict(Place(p.place_id, p.name_en, p.name_ar, p.lat, p.lon, p.country,
                                                   p.kind, "gazetteer"))
                          for p in lexicon.places.values() if p.place_id not in actor_ids}
        self.pool = sorted(self.gazetteer)
        self.rng.shuffle(self.pool)
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.pool))]
        total, self.cum = 0.0, []
        for w in weights:
            total += w
            self.cum.append(total)

    def _draw(self, k: int) -> list[str]:
        chosen: dict[str, None] = {}
        while len(chosen) < k:
            for p in self.rng.choices(self.pool, cum_weights=self.cum, k=k - len(chosen)):
                chosen.setdefault(p)
        return list(chosen)

    def rows(self, start: int, count: int, stats: BuildStats) -> dict[str, list[dict]]:
        """Rows of synthetic articles start .. start+count-1, by table name."""
        out: dict[str, list[dict]] = {t: [] for t in ("articles", "mentions", "times", "statements", "events",
                                                       "event_actors", "article_facets")}
        now = datetime.now(UTC).replace(tzinfo=None)
        rng, n_templates = self.rng, len(self.templates)
        for i in range(start, start + count):
            t = self.templates[i % n_templates]
            aid = f"syn-{i:07d}"
            published = SPAN_START + timedelta(days=rng.randrange(SPAN_DAYS))
            delta = published - t.anchor if t.anchor else timedelta(0)
            mapping = dict(zip(t.remap, self._draw(len(t.remap)), strict=True))
            if stats.first_article_id is None:
                stats.first_article_id = aid
            out["articles"].append({**t.article, "article_id": aid, "published": published, "processed_at": now})
            for m in t.mentions:
                entity = mapping.get(m["entity_id"], m["entity_id"])
                out["mentions"].append({**m, "article_id": aid, "entity_id": entity})
                stats.mentions_by_entity[entity] += 1
            for row in t.times:
                out["times"].append({**row, "article_id": aid, "date": row["date"] + delta,
                                     "end_date": row["end_date"] + delta})
            for s in t.statements:
                out["statements"].append({
                    **s, "article_id": aid, "statement_id": db.row_id(aid, "statement", s["start"], s["cue_start"]),
                    "date": s["date"] + delta if s["date"] else None})
                if s["speaker_id"]:
                    stats.speakers[s["speaker_id"]] += 1
            for e, actor_ids in t.events:
                place = mapping.get(e["place_id"], e["place_id"])
                event_id = db.row_id(aid, "event", e["start"], e["type"], place)
                out["events"].append({**e, "article_id": aid, "event_id": event_id, "place_id": place,
                                      "date": e["date"] + delta if e["date"] else None})
                out["event_actors"].extend({"event_id": event_id, "actor_id": a, "type": e["type"], "place_id": place,
                                            "date": e["date"] + delta if e["date"] else None} for a in actor_ids)
                stats.event_types[e["type"]] += 1
            dated = out["statements"][-len(t.statements):] if t.statements else []
            dated += out["events"][-len(t.events):] if t.events else []
            out["article_facets"].append(facet_row(
                aid, published, t.article["published_inferred"], t.article["source"],
                (mapping.get(m["entity_id"], m["entity_id"]) for m in t.mentions), [r["date"] for r in dated]))
        return out


def bulk_insert(conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
    """executemany of the table's own INSERT, compiled once, with the column types' bind processing.

    The same statement `conn.execute(table.insert(), rows)` runs, without SQLAlchemy's per-row
    parameter assembly, which costs more than SQLite's own work at millions of rows.
    """
    dialect = conn.dialect
    compiled = table.insert().compile(dialect=dialect, column_keys=list(rows[0]))
    keys = list(compiled.positiontup or [])
    if not keys or compiled.positional is False:  # a named paramstyle: let SQLAlchemy do it
        conn.execute(table.insert(), rows)
        return
    processors = [(i, p) for i, k in enumerate(keys)
                  if (p := table.c[k].type._cached_bind_processor(dialect)) is not None]
    getter = operator.itemgetter(*keys)
    params = [getter(row) for row in rows] if len(keys) > 1 else [(getter(row),) for row in rows]
    if processors:
        for n, values in enumerate(params):
            values = list(values)
            for i, process in processors:
                values[i] = process(values[i])
            params[n] = tuple(values)
    conn.exec_driver_sql(str(compiled), params)


def search_rows(conn: sa.Connection, batch: dict[str, list[dict]], tokens: dict[str, str],
                ids: text_search.DocIds) -> list[dict]:
    """The search index's rows of a batch of synthetic articles, as Store.save writes them (`tokens`: the
    tokens of each template's texts, computed once)."""
    def tokens_of(*texts: str) -> str:
        key = "\x00".join(texts)
        if key not in tokens:
            tokens[key] = document_tokens(*texts)
        return tokens[key]

    said: dict[str, list[tuple[str, int, str]]] = {}
    for row in batch["statements"]:
        said.setdefault(row["article_id"], []).append((row["statement_id"], row["start"], row["quote"]))
    rows = []
    for row in batch["articles"]:
        rows.extend(text_search.article_rows(conn, ids, row["article_id"], row["published"], row["title"],
                                             row["text"], said.get(row["article_id"], []), tokens_of))
    return rows


def build_store(url: str, n: int, generator: Generator, chunk: int = CHUNK) -> BuildStats:
    """Fill an empty store at `url` with n synthetic articles (bulk inserts, one transaction per chunk)."""
    store = Store(url)
    stats = BuildStats()
    tables = {"articles": db.articles, "mentions": db.mentions, "times": db.times, "statements": db.statements,
              "events": db.events, "event_actors": db.event_actors, "article_facets": db.article_facets}
    indexes = [index for table in db.metadata.sorted_tables for index in table.indexes]
    indexes += list(text_search.search_docs.indexes)
    postgres = store.engine.dialect.name == "postgresql"
    tokens: dict[str, str] = {}
    ids = text_search.DocIds()
    try:
        with store.engine.begin() as conn:
            if store.engine.dialect.name == "sqlite":  # a bulk load: no fsync per commit, a big page cache
                conn.exec_driver_sql("PRAGMA synchronous=OFF")
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
            for index in indexes:  # built once at the end: sorting beats maintaining them row by row
                conn.execute(sa.schema.DropIndex(index, if_exists=True))
            if postgres:  # the text index too
                conn.exec_driver_sql("DROP INDEX IF EXISTS ix_search_docs_tsv")
            conn.execute(db.actors.insert(), list(generator.actor_rows.values()))
            place_rows = {**generator.gazetteer, **generator.place_rows}
            conn.execute(db.places.insert(), list(place_rows.values()))
        for start in range(0, n, chunk):
            batch = generator.rows(start, min(chunk, n - start), stats)
            with store.engine.begin() as conn:
                for name, table in tables.items():  # parents first: the foreign keys are on
                    if batch[name]:
                        bulk_insert(conn, table, batch[name])
                        stats.rows[name] += len(batch[name])
                bulk_insert(conn, text_search.search_docs, search_rows(conn, batch, tokens, ids))  # as Store.save does
            stats.articles += len(batch["articles"])
        with store.engine.begin() as conn:
            for index in indexes:
                conn.execute(sa.schema.CreateIndex(index, if_not_exists=True))
            if postgres:
                conn.exec_driver_sql(text_search.POSTGRES_TEXT_INDEX)
            store._link_statement_entities(conn)  # from the spans, as a store's own writes do
            store._bump_version(conn)  # a write like any other: an index of the store before it is stale
        store.save_facets()  # as processing leaves it
        if postgres:  # the planner's statistics, as autovacuum would have them after a load
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
    finally:
        store.engine.dispose()
    return stats


# --- timing ------------------------------------------------------------------------------------


def _size(result: object) -> int:
    if isinstance(result, list | tuple) and result and all(isinstance(r, pd.DataFrame) for r in result):
        return sum(len(r) for r in result)  # several reads timed together
    if isinstance(result, pd.DataFrame | list):
        return len(result)
    if isinstance(result, dict) and "articles" in result:  # counts()
        return int(result["articles"])
    if isinstance(result, tuple):
        return sum(v is not None for v in result)
    return 0 if result is None else 1


def time_call(fn: Callable[[], object], warm_runs: int = WARM_RUNS) -> dict:
    started = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - started
    warm = []
    for _ in range(warm_runs):
        started = time.perf_counter()
        fn()
        warm.append(time.perf_counter() - started)
    return {"cold_s": round(cold, 4), "warm_median_s": round(statistics.median(warm), 4) if warm else None,
            "rows": _size(result)}


def _month(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def bench_filters(stats: BuildStats, gazetteer: set[str]) -> dict[str, Filters]:
    """The filters timed: none, a frequent speaker, a frequent place, one month, an event type, the
    speaker in that month, and a speaker and a place of middling frequency."""
    top_speakers = {a for a, _ in stats.speakers.most_common(20)}
    mentioned = [e for e, _ in stats.mentions_by_entity.most_common()]
    actor = next((a for a in mentioned if a in top_speakers), None)
    named_places = [p for p in mentioned if p in gazetteer]
    place = named_places[0] if named_places else None
    speakers = [a for a, _ in stats.speakers.most_common()]
    rare_actor = speakers[len(speakers) // 2] if speakers else None
    rare_place = named_places[len(named_places) // 2] if named_places else None
    month = _month(SPAN_START + timedelta(days=SPAN_DAYS // 2))
    event_type = stats.event_types.most_common(1)[0][0] if stats.event_types else None
    return {
        "none": Filters(),
        "actor": Filters(actors=(actor,) if actor else ()),
        "place": Filters(places=(place,) if place else ()),
        "month": Filters(date_from=month[0], date_to=month[1]),
        "event_type": Filters(event_types=(event_type,) if event_type else ()),
        "actor_month": Filters(actors=(actor,) if actor else (), date_from=month[0], date_to=month[1]),
        "rare_actor": Filters(actors=(rare_actor,) if rare_actor else ()),
        "rare_place": Filters(places=(rare_place,) if rare_place else ()),
    }


def filter_calls(store: Store, f: Filters, actor_id: str = "") -> dict[str, Callable[[], object]]:
    """The store calls a page makes for one filter, as components/data.py and components/actor_pairs.py make
    them; the actors page's chosen actor is the filter's first, else `actor_id` (the most mentioned)."""
    chosen = f.actors[0] if f.actors else actor_id
    mine = replace(f, actors=(chosen,))
    sides = [(relation, direction) for relation in (pairs.ACTS, pairs.SPEAKS) for direction in (pairs.OUT, pairs.IN)]

    def pair_rows() -> list:
        return [(pairs.pair_events if relation == pairs.ACTS else pairs.pair_statements)(store, f, chosen, direction, 50)
                for relation, direction in sides]

    return {
        "articles": lambda: store.articles(f, limit=ROWS_LIMIT),
        "statements": lambda: store.statements(f, limit=ROWS_LIMIT, newest_first=True),
        "events": lambda: store.events(f, limit=ROWS_LIMIT, newest_first=True),
        "places": lambda: store.places(f),
        "actors": lambda: store.actors(f),
        "statements_per_place": lambda: store.statements_per_place(f),
        "counts": lambda: store.counts(f, entities=False),  # the pages count actors and places as listed
        "latest_statements": lambda: store.statements(f, limit=6, newest_first=True),
        "place_event_types": lambda: store.place_event_types(f),
        "events_per_place": lambda: store.events_per_place(f),
        "timeline_counts": lambda: store.timeline_counts(f),
        "denials_in_context": lambda: store.denials_in_context(f),
        "actor_detail": lambda: (store.statements(mine, limit=200, newest_first=True),
                                 store.events(mine, limit=200, newest_first=True)),
        "actor_sides": lambda: [pairs.sides(store, f, chosen, relation, direction) for relation, direction in sides],
        "actor_pair_rows": pair_rows,
        "matrix_acts": lambda: pairs.matrix(pairs.pair_counts(store, f, pairs.ACTS), 12),
        "matrix_speaks": lambda: pairs.matrix(pairs.pair_counts(store, f, pairs.SPEAKS), 12),
    }


def other_calls(store: Store, actor_id: str, article_id: str) -> dict[str, Callable[[], object]]:
    """The calls that do not take the filters: the sidebar's options, one actor, one article."""
    return {
        "event_types": store.event_types,
        "date_span": store.date_span,
        "sources": store.sources,
        "actor_statements": lambda: store.statements(Filters(actors=(actor_id,)), limit=200, newest_first=True),
        "article": lambda: store.article(article_id),
        "article_mentions": lambda: store.article_mentions(article_id),
        "article_times": lambda: store.article_times(article_id),
        "article_statements": lambda: store.statements(Filters(), article_id=article_id, limit=ROWS_LIMIT,
                                                       newest_first=True),
        "article_events": lambda: store.events(Filters(), article_id=article_id, limit=ROWS_LIMIT,
                                               newest_first=True),
        **search_calls(store, actor_id),
    }


def search_calls(store: Store, actor_id: str) -> dict[str, Callable[[], object]]:
    """The articles page's search, as components/search.py makes it: the count, then one page of hits."""
    def page(query: str, filters: Filters | None = None, offset: int = 0) -> Callable[[], object]:
        return lambda: (store.search_count(query, filters), store.search(query, filters, SEARCH_PAGE, offset))[1]

    return {
        "search_word": page("ليبيا"),
        "search_two_words": page("الأمم المتحدة"),
        "search_prefix": page("اعلن*"),
        "search_actor": page("الحكومة", Filters(actors=(actor_id,))),
        "search_every_row": lambda: store.search("في", limit=SEARCH_PAGE),
        "search_every_row_count": lambda: store.search_count("في"),
        "search_deep_page": page("في", offset=50 * SEARCH_PAGE),
    }


def time_queries(url: str, filters: dict[str, Filters], actor_id: str, article_id: str,
                 warm_runs: int = WARM_RUNS) -> dict[str, dict]:
    """Every page query, timed on a fresh Store (as the app opens it): first call, then warm calls."""
    store = Store(url)
    results: dict[str, dict] = {}
    try:
        for name, f in filters.items():
            for query, call in filter_calls(store, f, actor_id).items():
                results[f"{name}.{query}"] = time_call(call, warm_runs)
        for name, call in other_calls(store, actor_id, article_id).items():
            results[name] = time_call(call, warm_runs)
    finally:
        store.engine.dispose()
    return results


_APPTEST = """
import json, sys, time
from streamlit.testing.v1 import AppTest
runs = []
for _ in range(2):
    at = AppTest.from_file(sys.argv[1], default_timeout=120)
    started = time.perf_counter()
    at.run()
    runs.append(time.perf_counter() - started)
    problems = [str(e.value)[:300] for e in at.exception]
print(json.dumps({"runs": runs, "exceptions": problems, "title": [t.value for t in at.title][:1]}))
"""


# Each page re-run after a filter change, as the server runs it: the page's script with the filter in
# the URL and no cached query results for it (the sidebar's options stay cached, as they would).
# Two times per run: the script itself (what the server computes for the browser), and the whole
# AppTest run, which adds AppTest's own reading of every element the script sent (0.1-0.2 s).
_PAGE_RUNS = """
import json, sys, time
import streamlit as st
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest
app, pages, filters, repeats = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4])
in_script = []
run_script = script_runner.ScriptRunner._run_script

def timed_run_script(self, *args, **kwargs):
    started = time.perf_counter()
    try:
        return run_script(self, *args, **kwargs)
    finally:
        in_script.append(time.perf_counter() - started)

script_runner.ScriptRunner._run_script = timed_run_script

def run(page, query):
    at = AppTest.from_file(app, default_timeout=300)
    page, _, view = page.partition("/")  # "actors/sides": the actors page's view ?view=sides
    at.query_params.update({**query, "view": view} if view else query)
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    in_script.clear()
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started, sum(in_script), [str(e.value)[:300] for e in at.exception]

report, scripts, problems = {}, {}, []
for page in pages:
    report[page], scripts[page] = {}, {}
    for name, query in filters.items():
        runs = []
        for _ in range(repeats):
            st.cache_data.clear()
            run(page, {})  # the page as it was before the change: warms the sidebar's options
            seconds, script_seconds, errors = run(page, query)
            runs.append((script_seconds, seconds))
            problems += [f"{page}/{name}: {e}" for e in errors]
        script_seconds, seconds = sorted(runs)[len(runs) // 2]  # the median run: one run varies on a busy machine
        report[page][name], scripts[page][name] = round(seconds, 3), round(script_seconds, 3)
print(json.dumps({"runs": report, "scripts": scripts, "exceptions": problems}))
"""


def _run_app_script(script: str, url: str, args: list[str], timeout: int) -> tuple[dict | None, str]:
    """Run an AppTest script in a child process on the store at `url`: its last stdout line as JSON,
    or None and the end of its output when it failed."""
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "app.py"), *args], cwd=ROOT,
                          env={**os.environ, "MARSAD_DB": url}, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if done.returncode != 0:
        return None, (done.stderr or done.stdout)[-1000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), ""


def page_runs(url: str, filters: dict[str, Filters], timeout: int = 3000, repeats: int = PAGE_REPEATS) -> dict:
    """Seconds each page's script takes after each filter change (AppTest, headless, data cache cold): the
    median of `repeats` runs."""
    queries = json.dumps({name: f.to_query() for name, f in filters.items()})
    report, error = _run_app_script(_PAGE_RUNS, url, [json.dumps(list(PAGES)), queries, str(repeats)], timeout)
    if report is None:
        return {"page_runs_error": error}
    def slowest(runs: dict) -> dict:
        page, name, seconds = max(((page, name, s) for page, by_filter in runs.items() for name, s in by_filter.items()),
                                  key=operator.itemgetter(2))
        return {"page": page, "filter": name, "seconds": seconds}

    return {"page_run_s": report["runs"], "page_script_s": report["scripts"],
            "page_run_exceptions": report["exceptions"], "slowest_page_run": slowest(report["runs"]),
            "slowest_page_script": slowest(report["scripts"])}


def first_page(url: str, timeout: int = 600) -> dict:
    """The real app's first page (overview, no filter) run headless twice: a cold server, then warm caches."""
    report, error = _run_app_script(_APPTEST, url, [], timeout)
    if report is None:
        return {"error": error}
    return {"first_page_s": round(report["runs"][0], 3), "first_page_warm_s": round(report["runs"][1], 3),
            "first_page_exceptions": report["exceptions"], "first_page_title": report["title"]}


# --- the benchmark -----------------------------------------------------------------------------


def _summary(queries: dict[str, dict]) -> dict:
    filtered = {k: v for k, v in queries.items() if "." in k and not k.startswith("none.")}
    slowest = max(filtered.items(), key=lambda kv: kv[1]["cold_s"]) if filtered else (None, {"cold_s": None})
    changes = {page: {f: round(sum(queries[f"{f}.{q}"]["cold_s"] for q in names), 3)
                      for f in FILTER_NAMES if all(f"{f}.{q}" in queries for q in names)}
               for page, names in PAGES.items()}
    return {"slowest_filtered_query": slowest[0], "slowest_filtered_cold_s": slowest[1]["cold_s"],
            "filter_change_cold_s": changes}


def _megabytes(url: str, folder: Path) -> float:
    """The store's size on disk: its SQLite files, or the PostgreSQL database."""
    if url.startswith("sqlite"):
        name = Path(sa.engine.make_url(url).database or "").name
        return sum(p.stat().st_size for p in folder.glob(f"{name}*")) / 1e6
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.pg_database_size(sa.func.current_database()))).scalar_one() / 1e6
    finally:
        engine.dispose()


def bench_sizes(sizes: Sequence[int], analyses: Sequence[Analysis], folder: Path,
                warm_runs: int = WARM_RUNS, page: bool = True, url: str | None = None) -> Iterator[tuple[int, dict]]:
    """Per size: a store built and timed (a SQLite file in `folder`, or the empty database at `url`)."""
    lexicon = load_lexicon()
    for n in sizes:
        generator = Generator(analyses, lexicon)
        store_url = url or f"sqlite:///{folder / f'marsad-{n}.sqlite'}"
        started = time.perf_counter()
        stats = build_store(store_url, n, generator)
        build_seconds = time.perf_counter() - started
        megabytes = _megabytes(store_url, folder)
        filters = bench_filters(stats, set(generator.gazetteer))
        actor_id = filters["actor"].actors[0] if filters["actor"].actors else ""
        queries = time_queries(store_url, filters, actor_id, stats.first_article_id or "", warm_runs)
        entry = {"database": sa.engine.make_url(store_url).get_backend_name(),
                 "build_seconds": round(build_seconds, 2), "db_megabytes": round(megabytes, 1),
                 "rows": dict(stats.rows), "templates": len(generator.templates),
                 "filters": {k: v.to_query() for k, v in filters.items()},
                 "queries": queries, **_summary(queries)}
        if page:
            entry.update(first_page(store_url))
            entry.update(page_runs(store_url, filters))
        yield n, entry


def bench_app(sizes: list[int], corpus_limit: int = 200, folder: Path | None = None, url: str | None = None,
              pages: bool = True) -> dict:
    """Build a store per size, time the page queries and (`pages`) the first page and every page's run; the
    SQLite stores are deleted after. With `url` (an empty database, PostgreSQL say: one size), the store is
    built there and left there. Without `pages` only the queries are timed."""
    if url is not None:
        if len(sizes) != 1:
            raise ValueError("one size with --url: the database is filled once")
        _check_empty(url)
    lexicon = load_lexicon()
    started = time.perf_counter()
    analyses = template_analyses(corpus_limit, lexicon)
    template_seconds = time.perf_counter() - started
    result: dict = {"benchmark": "app", "templates": len(analyses),
                    "template_seconds": round(template_seconds, 2), "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="marsad-bench-", dir=folder) as tmp:
        for n, entry in bench_sizes(sizes, analyses, Path(tmp), page=pages, url=url):
            result["sizes"][n] = entry
    return result


def _check_empty(url: str) -> None:
    """The benchmark fills the database at `url` with bulk inserts (its indexes dropped meanwhile): it must
    hold no articles yet."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if sa.inspect(conn).has_table("articles") and conn.execute(
                    sa.select(sa.func.count()).select_from(db.articles)).scalar_one():
                raise ValueError(f"{engine.url.render_as_string(hide_password=True)} holds articles: "
                                 "the app benchmark needs an empty database")
    finally:
        engine.dispose()
