"""The store: schema and every query (SQLAlchemy Core; SQLite by default).

`Store(url)` creates the schema on first use. `save(analysis)` writes one article and
everything extracted from it in one transaction, replacing what an earlier run
stored for it, so reprocessing is idempotent and a failure leaves nothing half-written.
Queries return pandas DataFrames; no SQL lives anywhere else.
"""

from __future__ import annotations

import importlib
import itertools
import math
import os
import secrets
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote, unquote

import pandas as pd
import sqlalchemy as sa

from marsad.filters import Filters
from marsad.paths import default_store_file
from marsad.records import Analysis
from marsad.store import search as text_search
from marsad.store import where
from marsad.store.facets import Facets, facet_row
from marsad.store.prepared import PreparedArticle, SearchTokens, prepare
from marsad.store.schema import (
    _RETIRED_INDEXES,
    actors,
    article_facets,
    articles,
    event_actors,
    events,
    mentions,
    metadata,
    places,
    statement_entities,
    statements,
    store_meta,
    times,
)
from marsad.text.search_terms import document_tokens

DEFAULT_DB = "sqlite:///" + str(default_store_file())


PROBE_ABOVE = 5_000  # statements/events lists: never walk by date and probe for fewer linked rows
RANK_AT_MOST = 10_000  # newest per place: rank this many matching rows at once, else walk place by place
_PER_ARTICLE = [event_actors, article_facets, statement_entities, events, statements, times, mentions]
# The tables a save writes, in the order of their foreign keys (articles first)
_WRITTEN = [articles, actors, places, mentions, times, statements, text_search.search_docs, events, event_actors,
            statement_entities, article_facets]
_SAID_KEPT = 8  # date ranges whose statements per speaker a Store keeps
_REMEMBERED = 20_000  # actor and place rows a Store remembers having written (the oldest are forgotten)
_OBJECT_KINDS = {"string", "date", "empty"}  # pandas.api.types.infer_dtype kinds kept as Python objects


def default_url() -> str:
    """$MARSAD_DB, else the SQLite file data/marsad.sqlite."""
    return os.environ.get("MARSAD_DB") or DEFAULT_DB


DEFAULT_TIMEOUT = 60.0  # seconds a write waits for a busy SQLite database ($MARSAD_DB_TIMEOUT)


def db_timeout() -> float:
    """Seconds to wait for a busy SQLite database: $MARSAD_DB_TIMEOUT, else 60."""
    value = os.environ.get("MARSAD_DB_TIMEOUT", "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"MARSAD_DB_TIMEOUT should be a number of seconds, not {value!r}") from None
    if not seconds >= 0:
        raise ValueError(f"MARSAD_DB_TIMEOUT should be a number of seconds, not {value!r}")
    return seconds


def _writable(path: Path) -> bool:
    """Whether this process may write `path` (False on a read-only mount, or without permission)."""
    return os.access(path, os.W_OK)


def _sqlite_file(url: sa.URL) -> Path | None:
    """The file of a SQLite URL (None in memory); a ``file:`` URI's path without its query."""
    database = url.database or ""
    if not database or database == ":memory:" or "mode=memory" in database:
        return None
    if database.startswith("file:"):
        database = unquote(database.removeprefix("file:").split("?", 1)[0])
        database = database.removeprefix("//localhost").removeprefix("//") if database.startswith("//") else database
    return Path(database)


def _in_sentence(statement: sa.FromClause) -> sa.ColumnElement:
    """A mention inside a statement's sentence. `start <= end of the sentence` follows from the other
    bounds; spelled out, it keeps the index range on (article_id, start) to the sentence."""
    return sa.and_(mentions.c.article_id == statement.c.article_id, mentions.c.start >= statement.c.start,
                   mentions.c.start <= statement.c.end, mentions.c.end <= statement.c.end)


def _made_ahead(made: SearchTokens) -> Callable[..., str]:
    def tokens_of(*parts: str) -> str:
        return made[parts] if parts in made else document_tokens(*parts)

    return tokens_of


def _prepared(analysis: Analysis | PreparedArticle, tokens: SearchTokens | None = None) -> PreparedArticle:
    return analysis if isinstance(analysis, PreparedArticle) else prepare(analysis, tokens)


_SCHEMA_ATTEMPTS = 3  # a store created by two processes at once: the later one tries again
_SCHEMA_LOCK = threading.Lock()


def _created_meanwhile(error: Exception) -> bool:
    """The error of creating what another connection created first (a table, an index, a row of the store's
    meta): SQLite's `already exists` / `UNIQUE constraint failed`, PostgreSQL's duplicate table or key."""
    message = str(getattr(error, "orig", error)).lower()
    return any(words in message for words in ("already exists", "unique constraint", "duplicate key", "duplicate"))


class Store:
    """Owns the engine, the schema and every query."""

    def __init__(self, url: str | None = None, *, timeout: float | None = None, memory_map: bool = True) -> None:
        """Open the store at `url` (default: `default_url()`), creating its schema if need be.

        SQLite: a busy database is waited for `timeout` seconds (default `db_timeout()`); a file this
        process may not write (read-only file, folder or mount; or a ``mode=ro`` URI) is opened
        read-only, without touching the file: `read_only` is then True, queries work and writes fail.
        `memory_map=False` (for bulk writers such as `process`) reads the file without mapping it, so the
        process's resident memory does not grow with the store's size.
        """
        self.url = url or default_url()
        self.timeout = db_timeout() if timeout is None else timeout
        self.read_only = False
        parsed = sa.engine.make_url(self.url)
        engine_args: dict = {}
        if parsed.get_backend_name() == "sqlite":
            engine_args["connect_args"] = {"timeout": self.timeout}
            path = _sqlite_file(parsed)
            uri_read_only = parsed.query.get("mode") == "ro" or "mode=ro" in (parsed.database or "")
            if path is not None and (uri_read_only or (path.is_file() and not (
                    _writable(path) and _writable(path.parent)))):
                self.read_only = True
                engine_args["creator"] = _read_only_connect(path, self.timeout)
            elif path is not None and not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
        elif parsed.get_backend_name() == "postgresql" and "options" not in parsed.query:
            # no JIT compilation: the planner's cost estimates of the dashboard's joins at 100,000 articles
            # pass its threshold, and compiling took 70-100 ms of queries that run in 100-300 ms
            engine_args["connect_args"] = {"options": "-c jit=off"}
        self.engine = sa.create_engine(self.url, **engine_args)
        self._written: dict[tuple[str, str], tuple] = {}  # (kind, id) -> the values this Store last upserted
        self._facets: tuple[int, Facets] | None = None
        self._facets_lock = threading.Lock()
        self._said: dict[tuple, pd.DataFrame] = {}  # statements per speaker, by (version, date range)
        self._said_lock = threading.Lock()
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _pragmas_for(self.read_only, memory_map))
        self._event_columns = list(events.columns)
        if self.read_only:  # nothing to create or bring up to date: read what is there
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()  # fails now if not a database
            try:
                present = {c["name"] for c in sa.inspect(self.engine).get_columns("events")}
            except sa.exc.NoSuchTableError:
                present = set()
            if present:  # a store written before some columns: read those it has (the others read NULL)
                self._event_columns = [c if c.name in present else sa.null().label(c.name)
                                       for c in events.columns]
            return
        with _SCHEMA_LOCK:  # sessions of one dashboard are threads: one at a time brings the store up to date
            for attempt in range(_SCHEMA_ATTEMPTS):
                try:
                    self._create_schema()
                    break
                except (sa.exc.OperationalError, sa.exc.ProgrammingError, sa.exc.IntegrityError) as error:
                    # another process created the same store at the same moment (two `process` runs on a new
                    # file): its tables are there now, and a second pass finds them
                    if attempt + 1 == _SCHEMA_ATTEMPTS or not _created_meanwhile(error):
                        raise
            if self.count("article_facets") != self.count("articles"):  # a store written before the facets
                self.rebuild_facets()
            if self.count("statement_entities") == 0 and self.count("statements") > 0:  # ... or before these
                with self.engine.begin() as conn:
                    self._link_statement_entities(conn)
            text_search.ensure(self.engine)  # the full-text search rows (all of them for a store written before)

    def _create_schema(self) -> None:
        metadata.create_all(self.engine)
        self._add_event_actor_columns()
        with self.engine.begin() as conn:  # indexes added after a store was created
            for table in metadata.sorted_tables:
                for index in table.indexes:
                    conn.execute(sa.schema.CreateIndex(index, if_not_exists=True))
            for name in _RETIRED_INDEXES:
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
            for key, first in (("version", 0), ("store_id", secrets.randbits(62))):
                if conn.execute(sa.select(store_meta.c.value).where(store_meta.c.key == key)).first() is None:
                    conn.execute(store_meta.insert().values(key=key, value=first))

    def _add_event_actor_columns(self) -> None:
        """Stores written before event_actors carried the event's type, place and date get them (and
        before events said whether their place was inherited, that column, false)."""
        have = {c["name"] for c in sa.inspect(self.engine).get_columns("events")}
        if "place_inherited" not in have:
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ALTER TABLE events ADD COLUMN place_inherited BOOLEAN NOT NULL DEFAULT FALSE")
        nullable = [c for c in events.columns if c.nullable and c.name not in have]
        if nullable:  # casualties, agent and target, evidence: NULL in a store written before them
            with self.engine.begin() as conn:
                for column in nullable:
                    conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {column.name} "
                                         f"{column.type.compile(dialect=conn.dialect)}")
        present = {c["name"] for c in sa.inspect(self.engine).get_columns("event_actors")}
        missing = [c for c in ("type", "place_id", "date") if c not in present]
        if not missing:
            return
        with self.engine.begin() as conn:
            for name in missing:
                column = event_actors.c[name]
                conn.exec_driver_sql(f"ALTER TABLE event_actors ADD COLUMN {name} "
                                     f"{column.type.compile(dialect=conn.dialect)}")
            conn.execute(event_actors.update().values(**{
                name: sa.select(events.c[name]).where(events.c.event_id == event_actors.c.event_id).scalar_subquery()
                for name in ("type", "place_id", "date")}))

    # --- writing -------------------------------------------------------------------------

    def save(self, analysis: Analysis | PreparedArticle, tokens: SearchTokens | None = None) -> None:
        """Write one analysed article in a single transaction, replacing any earlier version (`tokens`:
        its `search_tokens`, when they were made ahead; or the article given as its `prepare`d rows)."""
        prepared = _prepared(analysis, tokens)
        with self.engine.begin() as conn:
            written = self._write(conn, [prepared])
            self._bump_version(conn)
        self._remember(written)  # only after the commit: a rollback must not mark rows as written

    def save_batch(self, analyses: list[Analysis] | list[PreparedArticle],
                   tokens: list[SearchTokens | None] | None = None) -> list[tuple[Analysis | PreparedArticle, Exception]]:
        """Write many articles in one transaction (fast); if it fails, write each alone.

        Either way no article is half-written: a failed batch rolls back whole, and the retry
        isolates the articles that fail, which are returned with their errors. Each article is an
        `Analysis` or its `prepare`d rows (made by the process that analysed it, say); `tokens`, one per
        analysis where given: their `search_tokens`, made ahead.
        """
        tokens = tokens or [None] * len(analyses)
        prepared = [_prepared(analysis, made) for analysis, made in zip(analyses, tokens, strict=True)]
        try:
            with self.engine.begin() as conn:
                written = self._write(conn, prepared)
                self._bump_version(conn)
        except Exception:  # noqa: BLE001 - retried one by one below
            failed = []
            for analysis, one in zip(analyses, prepared, strict=True):
                try:
                    self.save(one)
                except Exception as error:  # noqa: BLE001 - reported to the caller
                    failed.append((analysis, error))
            return failed
        self._remember(written)
        return []

    def _remember(self, written: list[tuple[tuple[str, str], tuple]]) -> None:
        """Keep the values of the rows just written; at most _REMEMBERED (the oldest half forgotten when
        full, whose rows are then written once more if seen again), so a long run's memory stays flat."""
        self._written.update(written)
        if len(self._written) > _REMEMBERED:
            for key in list(itertools.islice(self._written, len(self._written) - _REMEMBERED // 2)):
                del self._written[key]

    def _write(self, conn: sa.Connection, prepared: list[PreparedArticle]) -> list[tuple[tuple[str, str], tuple]]:
        """The writes of some articles, in order; returns the actor and place rows upserted.

        New articles (the usual case) are written together: one statement per table for all of them.
        An article stored before, or twice in `prepared`, is deleted and written again as if saved alone,
        in its place; the runs of new articles between such ones are still written together."""
        ids = [one.article.article_id for one in prepared]
        stored = set(conn.execute(sa.select(articles.c.article_id).where(articles.c.article_id.in_(ids))).scalars()) \
            if len(ids) > 1 else set()
        alone = stored | {article_id for article_id, n in Counter(ids).items() if n > 1}
        if len(ids) > 1 and alone:
            written: list[tuple[tuple[str, str], tuple]] = []
            new: list[PreparedArticle] = []
            for one in [*prepared, None]:
                if one is not None and one.article.article_id not in alone:
                    new.append(one)
                    continue
                if new:
                    written += self._write(conn, new)
                    new = []
                if one is not None:
                    written += self._write(conn, [one])
            return written
        if len(ids) == 1 and conn.execute(sa.select(articles.c.article_id)
                                          .where(articles.c.article_id == ids[0])).first() is not None:
            self._delete_article(conn, ids[0])
        rows: dict[str, list[dict]] = {table.name: [] for table in _WRITTEN}
        upserted: dict[tuple[str, str], dict] = {}  # the last values of each actor and place row
        docs = text_search.DocIds()  # search row ids, counted on from the day's last one
        for one in prepared:
            self._article_rows(one, rows, upserted)
            article = one.article
            rows["search_docs"].extend(text_search.article_rows(
                conn, docs, article.article_id, article.published, article.title, article.text, one.said,
                _made_ahead(one.tokens)))
        for (kind, _), row in upserted.items():
            rows[f"{kind}s"].append(row)
        for table in _WRITTEN:
            if not rows[table.name]:
                continue
            if table is actors or table is places:
                self._upsert(conn, table, table.primary_key.columns.keys()[0], rows[table.name])
            else:
                conn.execute(table.insert(), rows[table.name])
        return [(key, tuple(row.values())) for key, row in upserted.items()]

    def _article_rows(self, one: PreparedArticle, rows: dict[str, list[dict]],
                      upserted: dict[tuple[str, str], dict]) -> None:
        """Add the rows of one article to `rows` (by table name), and its actor and place rows that this
        Store has not written with the same values to `upserted` (the search rows are made apart)."""
        for name, table_rows in one.rows.items():
            rows[name].extend(table_rows)
        now = datetime.now(UTC).replace(tzinfo=None)
        for row in one.rows["articles"]:
            row["processed_at"] = now
        # Rows this Store already wrote with the same values are not written again; a row met again in
        # the same transaction is written once, with its last values.
        for kind, key, kept in (("actor", "actor_id", one.actors), ("place", "place_id", one.places)):
            for row in kept:
                if self._written.get((kind, row[key])) != tuple(row.values()):
                    upserted[(kind, row[key])] = row

    @staticmethod
    def _link_statement_entities(conn: sa.Connection, article_id: str | None = None) -> None:
        """Fill statement_entities from the mentions inside each statement's span (one article, or all)."""
        linked = (sa.select(statements.c.statement_id, mentions.c.entity_id, statements.c.article_id, statements.c.date,
                            statements.c.speaker_id)
                  .select_from(statements.join(mentions, _in_sentence(statements))).distinct())
        if article_id is not None:
            linked = linked.where(statements.c.article_id == article_id)
        conn.execute(statement_entities.insert().from_select(
            ["statement_id", "entity_id", "article_id", "date", "speaker_id"], linked))

    @staticmethod
    def _bump_version(conn: sa.Connection) -> None:
        conn.execute(store_meta.update().where(store_meta.c.key == "version")
                     .values(value=store_meta.c.value + 1))

    def rebuild_facets(self) -> None:
        """Write every article's facet row again from its mentions, statements and events (one transaction)."""
        entities: dict[str, list[str]] = {}
        dates: dict[str, list[date]] = {}
        with self.engine.begin() as conn:
            for article_id, entity_id, n in conn.execute(
                    sa.select(mentions.c.article_id, mentions.c.entity_id, sa.func.count())
                    .group_by(mentions.c.article_id, mentions.c.entity_id)):
                entities.setdefault(article_id, []).extend([entity_id] * n)
            for table in (statements, events):
                for article_id, day in conn.execute(sa.select(table.c.article_id, table.c.date).distinct()
                                                    .where(table.c.date.is_not(None))):
                    dates.setdefault(article_id, []).append(day)
            conn.execute(article_facets.delete())
            rows = [facet_row(a, published, inferred, source, entities.get(a, ()), dates.get(a, ()))
                    for a, published, inferred, source in conn.execute(
                        sa.select(articles.c.article_id, articles.c.published, articles.c.published_inferred,
                                  articles.c.source))]
            if rows:
                conn.execute(article_facets.insert(), rows)
            self._bump_version(conn)

    def facets(self) -> Facets:
        """The in-memory index of the store as it is now (reloaded when a write changed the store)."""
        with self._facets_lock:
            version = self._version()
            if self._facets is None or self._facets[0] != version:
                try:
                    facets = self._load_facets(version)
                except ValueError:  # rows written by hand or by an older Marsad: write them again
                    self.rebuild_facets()
                    version = self._version()
                    facets = self._load_facets(version)
                self._facets = (version, facets)
            return self._facets[1]

    def save_facets(self) -> None:
        """Build the index and keep it beside the store, so the dashboard's first page need not build
        it (nothing to do for a store without a file of its own, or opened read-only)."""
        if not self.read_only and self._facets_file() is not None:
            self.facets()

    def _version(self) -> int:
        return self._meta("version")

    def _meta(self, key: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(store_meta.c.value).where(store_meta.c.key == key)).scalar()

    def flag(self, name: str) -> bool:
        """Whether the flag `name` is set on the store (see set_flag)."""
        return bool(self._meta(f"flag:{name}"))

    def set_flag(self, name: str, on: bool) -> None:
        """Set or clear a flag kept in the store itself, e.g. a job begun and not yet finished."""
        with self.engine.begin() as conn:
            conn.execute(store_meta.delete().where(store_meta.c.key == f"flag:{name}"))
            if on:
                conn.execute(store_meta.insert().values(key=f"flag:{name}", value=1))

    def _facets_file(self) -> Path | None:
        """Where the index is kept between processes: beside a SQLite file (None for other stores)."""
        if self.engine.dialect.name != "sqlite" or not self.engine.url.database \
                or self.engine.url.database == ":memory:":
            return None
        return Path(self.engine.url.database).with_name(Path(self.engine.url.database).name + "-facets.npz")

    def _load_facets(self, version: int) -> Facets:
        """The index from its file when that was saved for this store at `version` (a fresh process opens
        in 0.1 s instead of 0.7 s at 100,000 articles); else from article_facets, then saved.

        `version` is read before the rows, so what is saved under it is never older than it."""
        path = self._facets_file()
        key = (self._store_id(), version)
        if path is not None and (saved := Facets.load(path, key)) is not None:
            return saved
        facets = self._read_facets()
        if path is not None and not self.read_only:
            try:
                facets.save(path, key)
            except OSError:  # a read-only folder: the index still works, rebuilt per process
                pass
        return facets

    def _store_id(self) -> int:
        """A random number drawn when the store was created: a file saved for another store with the same
        version (the database deleted and built again) does not match."""
        return self._meta("store_id")

    def _read_facets(self) -> Facets:
        columns = ("article_id", "published", "published_inferred", "source", "entities", "mentions", "days")
        query = sa.select(*(article_facets.c[name] for name in columns))
        with self.engine.connect() as conn:  # the driver's own cursor: no per-row conversion, dates stay strings
            cursor = conn.connection.dbapi_connection.cursor()
            try:
                cursor.execute(str(query.compile(dialect=conn.dialect)))
                rows = cursor.fetchall()
            finally:
                cursor.close()
        return Facets.from_rows(rows)

    @staticmethod
    def _delete_article(conn: sa.Connection, article_id: str) -> None:
        event_ids = sa.select(events.c.event_id).where(events.c.article_id == article_id)
        conn.execute(event_actors.delete().where(event_actors.c.event_id.in_(event_ids)))
        text_search.delete_article(conn, article_id)
        for table in _PER_ARTICLE[1:]:
            conn.execute(table.delete().where(table.c.article_id == article_id))
        conn.execute(articles.delete().where(articles.c.article_id == article_id))

    @staticmethod
    def _upsert(conn: sa.Connection, table: sa.Table, key: str, rows: list[dict]) -> None:
        """Insert rows, replacing those whose `key` exists (one statement on SQLite and PostgreSQL)."""
        if not rows:
            return
        dialect = conn.dialect.name
        if dialect in ("sqlite", "postgresql"):
            module = importlib.import_module(f"sqlalchemy.dialects.{dialect}")  # only the one in use
            statement = module.insert(table)
            updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name != key}
            conn.execute(statement.on_conflict_do_update(index_elements=[key], set_=updates), rows)
            return
        for values in rows:
            existing = conn.execute(sa.select(table.c[key]).where(table.c[key] == values[key])).first()
            if existing is None:
                conn.execute(table.insert().values(**values))
            else:
                conn.execute(table.update().where(table.c[key] == values[key]).values(**values))

    # --- reading -------------------------------------------------------------------------

    def count(self, table_name: str) -> int:
        table = metadata.tables[table_name]
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

    def _frame(self, query: sa.Select) -> pd.DataFrame:
        with self.engine.connect() as conn:
            result = conn.execute(query)
            keys = list(result.keys())
            rows = result.fetchall()
        # Column by column: pandas' row-wise inference costs seconds at 100,000s of rows. Text and
        # dates stay Python objects; numbers and booleans are inferred as pandas would.
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in keys]
        data = {}
        for position, values in enumerate(columns):
            if pd.api.types.infer_dtype(values, skipna=True) in _OBJECT_KINDS:
                data[position] = pd.Series(values, dtype=object)
                continue
            column = pd.Series(list(values))
            if not pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
                column = column.astype(object).where(column.notna(), None)  # missing is None, never NaN
            data[position] = column
        frame = pd.DataFrame(data)
        frame.columns = keys
        return frame

    def articles(self, filters: Filters | None = None, limit: int | None = None) -> pd.DataFrame:
        """Articles matching the filters, newest first (at most `limit`)."""
        filters = filters or Filters()
        query = sa.select(articles.c.article_id, articles.c.title, articles.c.source, articles.c.url,
                          articles.c.published, articles.c.published_inferred, articles.c.path)
        if limit is None:  # every match (exports): SQL alone, no index to build
            query = query.where(*where.article_conditions(filters))
        elif filters.actors or filters.places or filters.sources or filters.date_from or filters.date_to:
            # the index picks and orders them; SQL reads only those rows (event types select no articles)
            query = query.where(articles.c.article_id.in_(self.facets().newest_articles(filters, limit)))
        return self._frame(query.order_by(articles.c.published.desc(), articles.c.article_id).limit(limit))

    def search(self, query: str, filters: Filters | None = None, limit: int = 20,
               offset: int = 0) -> list[text_search.SearchHit]:
        """Articles and statements holding every word of `query` (Arabic normalised, proclitics allowed;
        `word*` for a prefix) within the filters, newest first, with snippets (see marsad.store.search)."""
        return text_search.search(self.engine, query, filters or Filters(), limit, offset)

    def search_count(self, query: str, filters: Filters | None = None, cap: int = 10_000) -> int:
        """How many articles and statements `search` finds (counting stops past `cap`)."""
        return text_search.count(self.engine, query, filters or Filters(), cap)

    def search_mode(self) -> str | None:
        """'fts' (the database's text index), 'scan' (no FTS5 in this SQLite) or None (no search index:
        a store written before search, opened read-only)."""
        return text_search.mode(self.engine)

    def article(self, article_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.article_id == article_id)).mappings().first()
            return dict(row) if row else None

    def article_mentions(self, article_id: str) -> pd.DataFrame:
        query = sa.select(mentions.c.start, mentions.c.end, mentions.c.text, mentions.c.type,
                          mentions.c.entity_id, mentions.c.source, mentions.c.role, mentions.c.confidence,
                          sa.func.coalesce(actors.c.name_en, places.c.name_en).label("name_en")) \
            .select_from(mentions.outerjoin(actors, actors.c.actor_id == mentions.c.entity_id)
                         .outerjoin(places, places.c.place_id == mentions.c.entity_id)) \
            .where(mentions.c.article_id == article_id).order_by(mentions.c.start)
        return self._frame(query)

    def article_times(self, article_id: str) -> pd.DataFrame:
        query = sa.select(times.c.start, times.c.end, times.c.text, times.c.date, times.c.end_date,
                          times.c.precision, times.c.relative).where(times.c.article_id == article_id)
        return self._frame(query.order_by(times.c.start))

    def statements(self, filters: Filters | None = None, article_id: str | None = None,
                   limit: int | None = None, newest_first: bool = False) -> pd.DataFrame:
        """Statements matching the filters, in date order (newest first if asked; at most `limit`)."""
        return self._dated_rows(statements, statements.c.statement_id, self._statements_query,
                                where.statement_conditions, filters or Filters(), article_id, limit, newest_first)

    def _dated_rows(self, table: sa.Table, key: sa.Column, build: Callable[..., sa.Select],
                    conditions: Callable[..., list], filters: Filters, article_id: str | None, limit: int | None,
                    newest_first: bool) -> pd.DataFrame:
        """Rows of `build(filters, article_id)` sorted by date, article and offset, at most `limit`.

        With a limit, the rows are chosen on the table alone, then read and joined: when the filter
        links many rows (a frequent actor's events), the date index is walked and each row probed,
        which stops after `limit` matches, instead of collecting every linked row first.
        """
        # One direction throughout, so the (date, article_id, start) index hands rows over in order.
        order = self._date_order((table.c.date, table.c.article_id, table.c.start), newest_first)
        if limit is None:  # every row (exports): the row's id breaks ties, so both databases list rows alike
            return self._frame(build(filters, article_id).order_by(*order, key.desc() if newest_first else key))
        chosen = None if article_id else self._chosen_from_links(table, filters, limit, newest_first)
        if chosen is None:
            probe = self._links_many(table, filters, limit)
            chosen = sa.select(key).where(*conditions(filters, article_id, probe=probe)).order_by(*order).limit(limit)
        return self._frame(build(Filters()).where(key.in_(chosen)).order_by(*order).limit(limit))

    def _date_order(self, columns: tuple[sa.Column, ...], newest_first: bool) -> tuple:
        """ORDER BY terms, undated rows first (last when newest first) as SQLite sorts NULL; PostgreSQL
        is told so, since it sorts NULL the other way round."""
        if newest_first:
            order = tuple(c.desc() for c in columns)
            return order if self.engine.dialect.name == "sqlite" else tuple(c.nulls_last() for c in order)
        return columns if self.engine.dialect.name == "sqlite" else tuple(c.nulls_first() for c in columns)

    def _chosen_from_links(self, table: sa.Table, filters: Filters, limit: int, newest_first: bool) -> sa.Select | None:
        """The ids of the rows to list, chosen on the link table that repeats what the filter tests (one
        actor's events, one place's statements; both carry the date): no row of `table` is read to choose.

        Past `limit` matches, those dated on or beyond the limit-th date in list order, with the undated
        (ties included; the caller orders and cuts). None when the filter needs `table` itself.
        """
        if table is statements and (parts := self._statement_link_parts(filters)) is not None:
            # statements by or naming the actors: the first of each set, chosen apart (each off its index in
            # date order), then together (as one OR, SQLite read every statement naming a frequent actor)
            chosen = [self._first_on(source, "statement_id", conditions, limit, newest_first)
                      for source, conditions in parts]
            return None if any(c is None for c in chosen) else sa.union(*chosen)
        source, conditions = self._event_source(filters) if table is events else self._statement_source(filters)
        if source is table:
            return None
        return self._first_on(source, table.primary_key.columns.keys()[0], conditions, limit, newest_first)

    def _first_on(self, source: sa.Table, key: str, conditions: list, limit: int, newest_first: bool) -> sa.Select | None:
        """The ids on `source` (a table with the rows' date) matching `conditions`; past `limit`, those dated on
        or beyond the limit-th date in list order (ties included; the caller orders and cuts), with the undated
        when they come first (oldest first: undated first on both databases, and last newest first)."""
        matching = sa.select(source.c[key]).where(*conditions)
        if self._count_up_to(matching, limit) <= limit:
            return matching
        order = source.c.date.desc() if newest_first else source.c.date.asc()
        with self.engine.connect() as conn:
            edge = conn.execute(sa.select(source.c.date).where(*conditions).order_by(order)
                                .offset(limit - 1).limit(1)).scalar()
        if edge is None:
            return None
        if newest_first:  # one index range: no undated row comes before a dated one
            return matching.where(source.c.date >= edge)
        return matching.where(sa.or_(source.c.date <= edge, source.c.date.is_(None)))

    @staticmethod
    def _statement_link_parts(filters: Filters) -> list[tuple[sa.Table, list]] | None:
        """For an actor filter naming them (`any`, `mentioned`) and dates alone: the statements naming them
        (statement_entities, which repeats date and speaker) and, for `any`, those they said, each as (table,
        conditions). None for any other filter."""
        if not filters.actors or filters.actor_role not in ("any", "mentioned") or filters.places or filters.sources:
            return None
        named = statement_entities
        naming = [named.c.entity_id.in_(filters.actors), *where.date_range(named.c.date, filters)]
        if filters.actor_role == "mentioned":  # by someone else, as where.statement_actor_conditions says
            return [(named, [*naming, sa.or_(named.c.speaker_id.is_(None), named.c.speaker_id != named.c.entity_id)])]
        said = [statements.c.speaker_id.in_(filters.actors), *where.date_range(statements.c.date, filters)]
        return [(named, naming), (statements, said)]

    def _links_many(self, table: sa.Table, filters: Filters, limit: int) -> bool:
        """Whether walking the table by date and probing each row beats collecting the linked rows.

        The walk reads about limit * rows / linked rows, the set about `linked`: probing wins past
        sqrt(limit * rows) linked rows (and never below PROBE_ABOVE).
        """
        if table is events and filters.actors:
            linked = sa.select(event_actors.c.event_id).where(event_actors.c.actor_id.in_(filters.actors))
        elif table is statements and filters.places:
            linked = sa.select(statement_entities.c.statement_id).where(
                statement_entities.c.entity_id.in_(filters.places))
        else:
            return False
        threshold = max(PROBE_ABOVE, int(math.sqrt(limit * self.count(table.name))))
        return self._count_up_to(linked, threshold) > threshold

    def _count_up_to(self, query: sa.Select, cap: int) -> int:
        """How many rows `query` returns, counting stops at cap + 1."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(query.limit(cap + 1).subquery())).scalar_one()

    def _ranks(self, matching: sa.Select, filters: Filters) -> bool:
        """Newest per place: rank the matching rows together, or walk place by place? Ranking wins for a
        small set; with places chosen (walk just those) or a date range (the index jumps to it), or many
        matching rows, one short walk per place wins."""
        if filters.places or filters.date_from or filters.date_to:
            return False
        return self._count_up_to(matching, RANK_AT_MOST) <= RANK_AT_MOST

    @staticmethod
    def _one_place(filters: Filters) -> bool:
        """Whether one place's statements can be read from statement_entities alone (it repeats date, speaker)."""
        return len(filters.places) == 1 and not filters.sources

    def _statement_source(self, filters: Filters) -> tuple[sa.FromClause, list]:
        """The table to count the matching statements on (it has their date), with the conditions for it:
        statement_entities for a one-place filter; for actors and dates alone, the set of the statements they
        said and those naming them, (statement_id, date) off each one's index (as an OR on statements, SQLite
        read every statement naming a frequent actor to test its date: 0.7 s at 100,000 articles); else
        statements."""
        if not self._one_place(filters):
            parts = self._statement_link_parts(filters)
            if parts is None:
                return statements, where.statement_conditions(filters)
            chosen = sa.union(*(sa.select(source.c.statement_id, source.c.date).where(*conditions)
                                for source, conditions in parts))
            return chosen.subquery("actors_statements"), []
        conditions = [statement_entities.c.entity_id == filters.places[0], *where.statement_link_conditions(filters)]
        return statement_entities, conditions + where.date_range(statement_entities.c.date, filters)

    def _statement_tally(self, filters: Filters) -> sa.Subquery | None:
        """For one actor's statements (said by or naming them) and dates alone: (date, items) rows whose items,
        summed (per date), count the statements: those naming them, plus those they said, less those they said
        naming themselves, each counted per date off its own index (the UNION of a frequent actor's 65,000
        statement ids took 0.15 s at 100,000 articles, these counts 0.01 s). None for any other filter."""
        parts = self._statement_link_parts(filters) if len(filters.actors) == 1 else None
        if parts is None:
            return None
        if len(parts) == 2:  # said by them and naming them: counted twice, once taken off
            named, naming = parts[0]
            parts.append((named, [*naming, named.c.speaker_id == filters.actors[0]]))
        counts = [sa.select(source.c.date.label("date"), (sa.func.count() if n < 2 else -sa.func.count()).label("items"))
                  .where(*conditions).group_by(source.c.date) for n, (source, conditions) in enumerate(parts)]
        return (sa.union_all(*counts) if len(counts) > 1 else counts[0]).subquery("tally")

    def _tally_total(self, tally: sa.Subquery, conn: sa.Connection | None = None) -> int:
        """The statements a `_statement_tally` counts."""
        query = sa.select(sa.func.coalesce(sa.cast(sa.func.sum(tally.c["items"]), sa.BigInteger), 0))
        if conn is not None:
            return int(conn.execute(query).scalar_one())
        with self.engine.connect() as own:
            return int(own.execute(query).scalar_one())

    def _statements_query(self, filters: Filters, article_id: str | None = None) -> sa.Select:
        speaker = actors.alias("speaker")
        query = sa.select(
            statements, speaker.c.name_en.label("speaker_en"), speaker.c.name_ar.label("speaker_ar"),
            speaker.c.type.label("speaker_type"), articles.c.title.label("article_title"),
            articles.c.source.label("article_source"),
        ).select_from(statements.join(articles, articles.c.article_id == statements.c.article_id)
                      .outerjoin(speaker, speaker.c.actor_id == statements.c.speaker_id))
        return query.where(*where.statement_conditions(filters, article_id))

    def events(self, filters: Filters | None = None, article_id: str | None = None,
               limit: int | None = None, newest_first: bool = False) -> pd.DataFrame:
        """Events matching the filters, in date order (newest first if asked; at most `limit`), each with
        its actors' ids and English names in id order."""
        frame = self._dated_rows(events, events.c.event_id, self._events_query, where.event_conditions,
                                 filters or Filters(), article_id, limit, newest_first)
        return _with_actor_lists(frame)

    def _events_query(self, filters: Filters, article_id: str | None = None) -> sa.Select:
        # Each event's own actors, as "id<US>name" pairs: a correlated scalar subquery (a subquery in FROM
        # would not see the outer row and list every event's actors). Their order is put right in Python
        # (SQLite before 3.44 has no ORDER BY inside an aggregate), so both databases list them alike.
        pairs = (sa.select(sa.func.aggregate_strings(
                    event_actors.c.actor_id + _UNIT + sa.func.coalesce(actors.c.name_en, ""), _RECORD))
                 .select_from(event_actors.join(actors, actors.c.actor_id == event_actors.c.actor_id))
                 .where(event_actors.c.event_id == events.c.event_id).correlate(events).scalar_subquery())
        query = sa.select(
            *self._event_columns, places.c.name_en.label("place_en"), places.c.name_ar.label("place_ar"), places.c.lat,
            places.c.lon, places.c.kind.label("place_kind"), pairs.label("actor_pairs"),
            articles.c.title.label("article_title"), articles.c.source.label("article_source"),
        ).select_from(events.join(articles, articles.c.article_id == events.c.article_id)
                      .outerjoin(places, places.c.place_id == events.c.place_id))
        return query.where(*where.event_conditions(filters, article_id))

    def statements_per_place(self, filters: Filters | None = None, per_place: int = 2) -> pd.DataFrame:
        """The newest `per_place` statements naming each place (for map popups), with the speaker's name.

        As for events: few matching statements are ranked together; many, or those naming chosen
        places, come from one short walk per place along the (entity_id, date) index.
        """
        filters = filters or Filters()
        conditions = where.statement_conditions(filters)
        named = statement_entities.alias("named")  # the filter's own conditions may use the table too
        shown = statements.alias("shown")
        tally = self._statement_tally(filters)  # one actor: counted off the indexes, not by reading the set
        if filters.places or filters.date_from or filters.date_to or tally is None:
            ranks = self._ranks(sa.select(statements.c.statement_id).where(*conditions), filters)
        else:
            ranks = self._tally_total(tally) <= RANK_AT_MOST
        if ranks:
            ranked = (sa.select(named.c.statement_id, named.c.entity_id, sa.func.row_number().over(
                partition_by=named.c.entity_id, order_by=(named.c.date.desc(), named.c.statement_id)).label("rank"))
                .select_from(named.join(places, places.c.place_id == named.c.entity_id))
                .where(named.c.statement_id.in_(sa.select(statements.c.statement_id).where(*conditions)))
                .subquery())
            source = (ranked.join(shown, sa.and_(shown.c.statement_id == ranked.c.statement_id,
                                                 ranked.c.rank <= per_place)))
            place_id = ranked.c.entity_id
        else:  # for each place, its newest matching statements: the subquery runs once per place
            newest = (sa.select(named.c.statement_id)
                      .where(named.c.entity_id == places.c.place_id, *where.date_range(named.c.date, filters))
                      .order_by(named.c.date.desc(), named.c.statement_id).limit(per_place).correlate(places))
            if not filters.sources:  # the link repeats the speaker; the actors named are its statement's other links
                newest = newest.where(*where.statement_link_conditions(filters, named))
            else:
                newest = (newest.join_from(named, statements, statements.c.statement_id == named.c.statement_id)
                          .where(*where.statement_conditions(filters, probe=True)))
            source = self._per_place(newest, shown.c.statement_id)
            place_id = places.c.place_id
        speaker = actors.alias("speaker")
        query = (sa.select(place_id.label("place_id"), shown.c.statement_id, shown.c.article_id,
                           speaker.c.name_en.label("speaker_en"), shown.c.speaker_text, shown.c.verb, shown.c.date,
                           shown.c.date_precision, shown.c.quote, shown.c.start)
                 .select_from(source.outerjoin(speaker, speaker.c.actor_id == shown.c.speaker_id)))
        if filters.places:
            query = query.where(places.c.place_id.in_(filters.places))
        return self._frame(query.order_by(place_id, shown.c.date.desc(), shown.c.statement_id))

    def _totals(self, table: sa.Table, key: sa.Column, totals: pd.DataFrame) -> pd.DataFrame:
        """The rows of actors or places with their totals, most mentioned first."""
        rows = self._frame(sa.select(table))
        frame = rows.merge(totals, left_on=key.name, right_on="entity_id")
        frame = frame.drop(columns="entity_id") if key.name != "entity_id" else frame
        return frame.sort_values(["mentions", key.name], ascending=[False, True], ignore_index=True)

    def places(self, filters: Filters | None = None, with_article_ids: bool = False) -> pd.DataFrame:
        """Places with their mention counts (and the articles mentioning them), within the filters."""
        filters = filters or Filters()
        totals = self.facets().entity_totals(filters, filters.places,
                                             Filters(actors=filters.actors, sources=filters.sources))
        frame = self._totals(places, places.c.place_id, totals)
        if with_article_ids:  # the articles within the filters that mention the place
            listed = self.facets().entity_articles(filters, filters.places,
                                                   Filters(actors=filters.actors, sources=filters.sources))
            frame["article_ids"] = frame["place_id"].map(listed)
        return frame

    def actors(self, filters: Filters | None = None) -> pd.DataFrame:
        """Actors with mention and statement counts, within the filters."""
        filters = filters or Filters()
        totals = self.facets().entity_totals(filters, filters.actors,
                                             Filters(places=filters.places, sources=filters.sources))
        said = self._statements_by_speaker(filters.date_from, filters.date_to)
        frame = self._totals(actors, actors.c.actor_id, totals).merge(said, on="actor_id", how="left")
        frame["statements"] = frame["statements"].fillna(0).astype(int)
        return frame

    def _statements_by_speaker(self, date_from: date | None, date_to: date | None) -> pd.DataFrame:
        """(actor_id, statements): how many statements each speaker made in the date range. They depend on the
        dates alone, so the last few ranges are kept for the store as it is (every speaker's statements are
        counted off an index of 800,000 entries at 100,000 articles: 0.05-0.1 s a filter change)."""
        key = (self._version(), date_from, date_to)
        with self._said_lock:
            if key in self._said:
                return self._said[key].copy()
        dates = Filters(date_from=date_from, date_to=date_to)
        said = self._frame(sa.select(statements.c.speaker_id.label("actor_id"), sa.func.count().label("statements"))
                           .where(statements.c.speaker_id.is_not(None), *where.date_range(statements.c.date, dates))
                           .group_by(statements.c.speaker_id))
        with self._said_lock:
            self._said[key] = said
            while len(self._said) > _SAID_KEPT:
                del self._said[next(iter(self._said))]
        return said.copy()

    def counts(self, filters: Filters | None = None, entities: bool = True) -> dict:
        """How many articles, (actors, places,) statements and events match the filters."""
        filters = filters or Filters()
        facets = self.facets()
        result = facets.article_counts(filters)
        with self.engine.connect() as conn:
            tally = self._statement_tally(filters)
            if tally is not None:
                result["statements"] = self._tally_total(tally, conn)
            else:
                table, saying = self._statement_source(filters)
                result["statements"] = conn.execute(sa.select(sa.func.count()).select_from(table)
                                                    .where(*saying)).scalar_one()
            table, happening = self._event_source(filters)
            result["events"] = conn.execute(sa.select(sa.func.count()).select_from(table)
                                            .where(*happening)).scalar_one()
        if entities:
            result["actors"] = len(self.actors(filters))
            result["places"] = len(self.places(filters))
        return result

    def events_per_place(self, filters: Filters | None = None, per_place: int = 2) -> pd.DataFrame:
        """The newest `per_place` events at each place (for map popups), with their toll and agent and target
        ids, without actor names.

        Few matching events are ranked together; many (say every event at 100,000 articles, where
        ranking them takes seconds), those at chosen places or in a date range are found by one
        short index walk per place, newest first.
        """
        filters = filters or Filters()
        conditions = where.event_conditions(filters)
        shown = events.alias("shown")
        # one actor: event_actors' (actor, place, date) index makes each place's walk a single seek
        if not self._one_actor(filters) and self._ranks(sa.select(events.c.event_id).where(*conditions), filters):
            ranked = (sa.select(events.c.event_id, sa.func.row_number().over(
                partition_by=events.c.place_id, order_by=(events.c.date.desc(), events.c.event_id)).label("rank"))
                .where(events.c.place_id.is_not(None), *conditions).subquery())
            source = shown.join(ranked, sa.and_(ranked.c.event_id == shown.c.event_id, ranked.c.rank <= per_place))
        else:  # for each place, its newest matching events: the subquery runs once per place
            table, walk = self._event_source(filters, probe=True)
            newest = (sa.select(table.c.event_id).where(table.c.place_id == places.c.place_id, *walk)
                      .order_by(table.c.date.desc(), table.c.event_id).limit(per_place).correlate(places))
            source = self._per_place(newest, shown.c.event_id)
        toll = [shown.c[c.name] if isinstance(c, sa.Column) else sa.null().label(c.name)
                for c in self._event_columns if c.name in _POPUP_EVENT_COLUMNS]  # NULL in an older read-only store
        query = (sa.select(shown.c.event_id, shown.c.article_id, shown.c.type, shown.c.label_en, shown.c.date,
                           shown.c.date_precision, shown.c.place_id, shown.c.sentence, shown.c.start, *toll)
                 .select_from(source))
        if filters.places:  # walk only the chosen places: the others find nothing
            query = query.where(places.c.place_id.in_(filters.places))
        return self._frame(query.order_by(shown.c.place_id, shown.c.date.desc(), shown.c.event_id))

    def _per_place(self, newest: sa.Select, key: sa.Column) -> sa.FromClause:
        """Places joined to the rows `newest` (a LIMITed select of ids correlated to places) chooses for each.
        PostgreSQL walks it once per place as a LATERAL subquery: as `key IN (newest)` it tested every place
        against every row (a statement's map took minutes at 20,000 articles). SQLite has no LATERAL; it runs
        the IN once per place."""
        if self.engine.dialect.name == "postgresql":
            chosen = newest.lateral("newest")
            return places.join(chosen, sa.true()).join(key.table, key == chosen.c[key.name])
        return places.join(key.table, key.in_(newest))

    def place_event_types(self, filters: Filters | None = None) -> pd.DataFrame:
        """(place_id, type, events): how many events of each type happened at each place."""
        table, conditions = self._event_source(filters or Filters())
        query = (sa.select(table.c.place_id, table.c.type, sa.func.count().label("events"))
                 .where(table.c.place_id.is_not(None), *conditions)
                 .group_by(table.c.place_id, table.c.type))
        return self._frame(query)

    @staticmethod
    def _one_actor(filters: Filters) -> bool:
        """Whether one actor's events can be read from event_actors alone (it repeats type, place, date)."""
        return len(filters.actors) == 1 and not filters.sources

    def _event_source(self, filters: Filters, probe: bool = False) -> tuple[sa.Table, list]:
        """The table to count or walk the matching events on, with the conditions for it: event_actors
        for a one-actor filter (it repeats type, place and date), else events."""
        if self._one_actor(filters):
            return event_actors, where.actor_event_conditions(filters)
        return events, where.event_conditions(filters, probe=probe)

    def event_types(self) -> list[str]:
        """Every event type in the store."""
        with self.engine.connect() as conn:
            return sorted(r[0] for r in conn.execute(sa.select(events.c.type).distinct()))

    def timeline_counts(self, filters: Filters | None = None, unit: str = "day") -> pd.DataFrame:
        """(date, lane, kind, items): statements and events per day, week (from Monday) or month,
        events by type (for selections too large to draw item by item). Dates are datetime64.

        SQL counts per day along the date indexes (a few thousand rows); weeks and months are summed
        from those here, which is cheaper than computing a week for each of a million rows.
        """
        if unit not in ("day", "week", "month"):
            raise ValueError(f"unknown unit {unit!r}: day, week or month")
        filters = filters or Filters()
        table, happening = self._event_source(filters)
        tally = self._statement_tally(filters)
        said, saying = self._statement_source(filters) if tally is None else (tally, [])
        said_on, happened_on = sa.type_coerce(said.c.date, sa.String), sa.type_coerce(table.c.date, sa.String)
        counted = sa.func.count() if tally is None else sa.cast(sa.func.sum(tally.c["items"]), sa.BigInteger)
        statement_rows = (sa.select(said_on.label("date"), sa.literal("statements").label("lane"),
                                    sa.literal("statement").label("kind"), counted.label("items"))
                          .where(said.c.date.is_not(None), *saying)
                          .group_by(said.c.date))
        event_rows = (sa.select(happened_on.label("date"), table.c.type.label("lane"),
                                sa.literal("event").label("kind"), sa.func.count().label("items"))
                      .where(table.c.date.is_not(None), *happening)
                      .group_by(table.c.date, table.c.type))
        frame = self._frame(sa.union_all(statement_rows, event_rows))
        # the dates come back as text and are parsed in one vectorised step, not one Python date at a time
        frame["date"] = pd.to_datetime(frame["date"].astype(str)) if len(frame) else pd.Series(dtype="datetime64[ns]")
        if unit == "day" or frame.empty:
            return frame
        starts = frame["date"].dt.to_period("W-SUN" if unit == "week" else "M").dt.start_time
        return frame.assign(date=starts).groupby(["date", "lane", "kind"], as_index=False, sort=True)["items"].sum()

    def denials_in_context(self, filters: Filters | None = None, articles_limit: int = 40) -> pd.DataFrame:
        """The statements of the articles that hold a denial (newest first), for pairing claims with denials."""
        filters = filters or Filters()
        # the actors and places probed denial by denial (a few thousand), not read as sets first (a frequent
        # actor's statements: tens of thousands)
        denied = (sa.select(statements.c.article_id)
                  .where(*where.statement_conditions(filters, probe=True), statements.c.stance.in_(["deny", "reject"]))
                  .distinct()
                  .order_by(statements.c.article_id).limit(articles_limit).subquery())
        query = self._statements_query(Filters(sources=filters.sources)).where(
            statements.c.article_id.in_(sa.select(denied.c.article_id)))
        return self._frame(query.order_by(statements.c.date, statements.c.article_id, statements.c.start))

    def statement_entities(self, statement_ids: Iterable[str]) -> pd.DataFrame:
        """(statement_id, entity_id): the actors and places each statement's sentence names."""
        ids = sorted(set(statement_ids))
        frames = [self._frame(sa.select(statement_entities.c.statement_id, statement_entities.c.entity_id)
                              .where(statement_entities.c.statement_id.in_(ids[at:at + 500])))
                  for at in range(0, len(ids), 500)]  # a few hundred bound parameters a query
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["statement_id", "entity_id"])

    def sources(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(articles.c.source).distinct().where(articles.c.source.is_not(None)))
            return sorted(r[0] for r in rows)

    def date_span(self) -> tuple[date | None, date | None]:
        with self.engine.connect() as conn:
            low, high = conn.execute(sa.select(sa.func.min(articles.c.published),
                                               sa.func.max(articles.c.published))).one()
            return low, high


# What a map popup says of an event beside its sentence: its toll, its agent and target, its evidence.
_POPUP_EVENT_COLUMNS = ("killed", "killed_high", "wounded", "wounded_high", "victims", "actor1_id", "actor2_id",
                        "evidence")
_UNIT, _RECORD = "\x1f", "\x1e"  # separators of the actor pairs an events query aggregates


def _with_actor_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """`actor_pairs` ("id<US>name<RS>...") as `actors_en` ("name; name") and `actor_ids` ("id,id"), in id
    order, where the column stood."""
    ids, names = [], []
    for value in frame["actor_pairs"] if "actor_pairs" in frame else []:
        items = sorted(tuple(p.split(_UNIT, 1)) for p in value.split(_RECORD)) if isinstance(value, str) and value else []
        ids.append(",".join(i for i, _ in items) or None)
        names.append("; ".join(n for _, n in items if n) or None)
    at = frame.columns.get_loc("actor_pairs") if "actor_pairs" in frame else len(frame.columns)
    frame = frame.drop(columns=["actor_pairs"], errors="ignore")
    frame.insert(at, "actors_en", pd.Series(names, index=frame.index, dtype=object))
    frame.insert(at + 1, "actor_ids", pd.Series(ids, index=frame.index, dtype=object))
    return frame


def _read_only_connect(path: Path, timeout: float) -> Callable[[], sqlite3.Connection]:
    """Connections opened read-only (``mode=ro``). In a folder this process may not write, with no
    write-ahead log beside the file, also ``immutable=1``: SQLite then needs no -shm file to read a
    WAL database (nobody can be writing it; with a -wal file present, its pages are still read)."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not _writable(path.parent) and not (wal.exists() and wal.stat().st_size):
        uri += "&immutable=1"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)

    return connect


def _sqlite_pragmas(dbapi_connection, _record, read_only: bool = False,  # noqa: ANN001
                    memory_map: bool = True) -> None:
    cursor = dbapi_connection.cursor()
    if read_only:  # no WAL switch (a write); no writes at all through this connection
        cursor.execute("PRAGMA query_only=ON")
    else:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable against an app crash, fewer fsyncs
    cursor.execute("PRAGMA foreign_keys=ON")
    # 64 MB of pages per connection for the dashboard's reads (the default is 2 MB); a bulk writer, which
    # adds at the end of its tables and reads little back, keeps 16 MB
    cursor.execute(f"PRAGMA cache_size={-65536 if memory_map else -16384}")
    # Reads through the OS page cache, no copies; the pages read count in the process's resident size,
    # up to the file's size, so a bulk writer (which gains little from it) turns it off.
    cursor.execute(f"PRAGMA mmap_size={1073741824 if memory_map else 0}")
    cursor.close()


def _pragmas_for(read_only: bool, memory_map: bool) -> Callable[..., None]:
    def on_connect(dbapi_connection, record) -> None:  # noqa: ANN001
        _sqlite_pragmas(dbapi_connection, record, read_only=read_only, memory_map=memory_map)

    return on_connect
