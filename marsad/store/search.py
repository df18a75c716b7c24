"""Full-text search over the store: articles (title and text) and statements (their quotes).

One row per article and per statement in `search_docs`, written with the article: the distinct search
keys of its words (`marsad.text.search_terms`: normalised Arabic, proclitics split off). The database
indexes them with its own text search:

- SQLite: an FTS5 table `search_fts` over `search_docs.tokens` (external content, kept by triggers;
  no positions, since queries are sets of words);
- PostgreSQL: a generated column `tsv = to_tsvector('simple', tokens)` with a GIN index.

Where neither is there (a SQLite built without FTS5), the tokens are scanned with LIKE. A store written
before search gets its rows on its next writable open (`ensure`); opened read-only, it has no search.
Indexing a big store takes minutes (about 1,000 articles a second): the dashboard asks for it to be done
in the background (`build_in_background`), so its first page opens at once; `progress` says how far the
build is, and searches meanwhile find what is indexed so far.
Hits come newest first: row ids follow the publication day (see DAY_BITS), so the text index hands a
page of hits over in order, without sorting every match of a common word.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa

from marsad.filters import Filters
from marsad.records import Analysis
from marsad.store import where
from marsad.store.schema import actors, articles, row_id, statement_entities, statements, store_meta
from marsad.text.search_terms import Term, document_tokens, match_spans, parse_query, snippet

SCHEME = 2  # the rows' layout and the keys a word is indexed under: a store of another scheme is indexed again
_SCHEME_KEY = "search_scheme"
BUILD_CHUNK = 500  # articles read per step when a store is indexed on open
# Row ids give the order of hits, so a page of them is read off the text index in id order (no sort of every
# match): (day of publication + 1) << DAY_BITS, plus the order of writing within the day; 0 for undated. An
# article's row comes after its statements' (a higher id), the statements in reverse text order.
DAY_BITS = 28
_EPOCH = date(1900, 1, 1).toordinal()  # the first publication date a store holds (marsad.filters.DATE_MIN)
_PG_LOCK = 0x6D61727361640001  # PostgreSQL: writers take ids one at a time (an advisory lock, per transaction)

search_metadata = sa.MetaData()  # apart from the schema's: its FTS parts differ per database
search_docs = sa.Table(
    "search_docs", search_metadata,
    # SQLite: INTEGER PRIMARY KEY, the rowid FTS5 refers to; PostgreSQL: 64 bits
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=False),
    sa.Column("article_id", sa.String, nullable=False, index=True),
    sa.Column("statement_id", sa.String),  # None: the article itself
    sa.Column("tokens", sa.Text, nullable=False),
)

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(tokens, content='search_docs', "
    "content_rowid='id', tokenize='ascii', detail='none', columnsize=0)",
    "CREATE TRIGGER IF NOT EXISTS search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER IF NOT EXISTS search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END",
    "CREATE TRIGGER IF NOT EXISTS search_docs_au AFTER UPDATE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); "
    "INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
)
_SQLITE_DROP = ("DROP TRIGGER IF EXISTS search_docs_ai", "DROP TRIGGER IF EXISTS search_docs_ad",
                "DROP TRIGGER IF EXISTS search_docs_au", "DROP TABLE IF EXISTS search_fts")
POSTGRES_TEXT_INDEX = "CREATE INDEX IF NOT EXISTS ix_search_docs_tsv ON search_docs USING gin (tsv)"
_POSTGRES_DDL = (
    "ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
    POSTGRES_TEXT_INDEX,
)

FTS, SCAN = "fts", "scan"
_modes: weakref.WeakKeyDictionary[sa.Engine, str | None] = weakref.WeakKeyDictionary()
BUILD_NOW_AT_MOST = 2_000  # articles left to index that are indexed on open even in the background mode (~2 s)


class _Build:
    """A search index being built in the background for one engine: how far, and when it ended."""

    def __init__(self, indexed: int, total: int) -> None:
        self.indexed, self.total = indexed, total
        self.finished = threading.Event()
        self.error: str | None = None


_builds: weakref.WeakKeyDictionary[sa.Engine, _Build] = weakref.WeakKeyDictionary()
_builds_lock = threading.Lock()
_background = threading.Event()  # set: `ensure` leaves big builds to a background thread


def build_in_background(on: bool = True) -> None:
    """From now on in this process, a store opened with more than BUILD_NOW_AT_MOST articles to index is
    indexed by a background thread (the dashboard: its first page must not wait minutes); commands keep
    indexing before they go on, so a command-line search is never partial."""
    if on:
        _background.set()
    else:
        _background.clear()


def progress(engine: sa.Engine) -> tuple[int, int] | None:
    """(articles indexed, articles) while a background build runs for `engine`; None when none does."""
    build = _builds.get(engine)
    if build is None or build.finished.is_set():
        return None
    return build.indexed, build.total


def wait_built(engine: sa.Engine, timeout: float | None = None) -> bool:
    """Wait for `engine`'s background build to end (True when none runs or it ended within `timeout`)."""
    build = _builds.get(engine)
    return build is None or build.finished.wait(timeout)


def build_error(engine: sa.Engine) -> str | None:
    """What stopped the last background build for `engine`, if anything did (it resumes on the next open)."""
    build = _builds.get(engine)
    return build.error if build is not None else None


@dataclass(frozen=True)
class SearchHit:
    """An article or statement holding every query word, with a snippet and where the words are in it."""

    article_id: str
    statement_id: str | None  # None: the hit is the article (its title or text)
    title: str
    published: date | None
    source: str | None
    snippet: str  # a window of the article's text, or the statement's quote
    marks: tuple[tuple[int, int], ...]  # (start, end) of the matched words in `snippet`
    title_marks: tuple[tuple[int, int], ...]  # ... and in `title`
    start: int | None = None  # a statement's sentence offset in the article text (to open it there)
    speaker: str | None = None


# --- the index ---------------------------------------------------------------------------------


def ensure(engine: sa.Engine) -> None:
    """Create the search tables (and the database's text index) if missing, and index every article not
    yet indexed; a store indexed under another SCHEME loses its search tables first, and is indexed anew."""
    with engine.connect() as conn:
        scheme = conn.execute(sa.select(store_meta.c.value).where(store_meta.c.key == _SCHEME_KEY)).scalar()
    if scheme != SCHEME:
        with engine.begin() as conn:
            if engine.dialect.name == "sqlite":
                for statement in _SQLITE_DROP:
                    conn.exec_driver_sql(statement)
            search_docs.drop(conn, checkfirst=True)
            conn.execute(store_meta.delete().where(store_meta.c.key == _SCHEME_KEY))
            conn.execute(store_meta.insert().values(key=_SCHEME_KEY, value=SCHEME))
    search_metadata.create_all(engine)
    mode = SCAN
    if engine.dialect.name == "sqlite":
        try:
            with engine.begin() as conn:
                for statement in _SQLITE_DDL:
                    conn.exec_driver_sql(statement)
            mode = FTS
        except sa.exc.OperationalError:  # a SQLite without FTS5: the tokens are scanned
            pass
    elif engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for statement in _POSTGRES_DDL:
                conn.exec_driver_sql(statement)
        mode = FTS
    _modes[engine] = mode
    with engine.connect() as conn:
        indexed = conn.execute(sa.select(sa.func.count()).select_from(search_docs)
                               .where(search_docs.c.statement_id.is_(None))).scalar_one()
        total = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
    if indexed == total:
        return
    if _background.is_set() and total - indexed > BUILD_NOW_AT_MOST:
        _start_build(engine, indexed, total)
        return
    with engine.begin() as conn:
        _index_missing(conn)


def _start_build(engine: sa.Engine, indexed: int, total: int) -> None:
    """A daemon thread indexing what is missing, BUILD_CHUNK articles a transaction (one build per engine)."""
    with _builds_lock:
        running = _builds.get(engine)
        if running is not None and not running.finished.is_set():
            return
        build = _builds[engine] = _Build(indexed, total)
    threading.Thread(target=_build_in_background, args=(engine, build), name="marsad-search-index",
                     daemon=True).start()


def _build_in_background(engine: sa.Engine, build: _Build) -> None:
    try:
        with engine.connect() as conn:
            missing = conn.execute(_missing_articles()).scalars().all()
        for at in range(0, len(missing), BUILD_CHUNK):
            with engine.begin() as conn:
                build.indexed += _index_chunk(conn, DocIds(), _still_missing(conn, missing[at:at + BUILD_CHUNK]))
    except Exception as error:  # noqa: BLE001 - reported by build_error; the next open resumes
        build.error = f"{type(error).__name__}: {error}"
    finally:
        build.finished.set()


def _missing_articles() -> sa.Select:
    indexed = sa.select(search_docs.c.article_id).where(search_docs.c.statement_id.is_(None))
    return (sa.select(articles.c.article_id).where(articles.c.article_id.not_in(indexed))
            .order_by(articles.c.article_id))


def _still_missing(conn: sa.Connection, chunk: list[str]) -> list[str]:
    """Of `chunk`, the articles still without their row, read under the writers' lock (PostgreSQL: their
    advisory lock; SQLite: a write that takes the database's), so that an article saved meanwhile, or
    indexed by another process, is not indexed twice."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK)))
    else:
        conn.execute(store_meta.update().where(store_meta.c.key == _SCHEME_KEY).values(value=store_meta.c.value))
    done = set(conn.execute(sa.select(search_docs.c.article_id).where(
        search_docs.c.statement_id.is_(None), search_docs.c.article_id.in_(chunk))).scalars())
    return [article_id for article_id in chunk if article_id not in done]


class DocIds:
    """Row ids for the search rows of one transaction (or one bulk load): each day's next id is read from
    the table once, then counted on here."""

    def __init__(self) -> None:
        self._next: dict[int, int] = {}

    def take(self, conn: sa.Connection, published: date | None, count: int) -> list[int]:
        base = 0 if published is None else (max(published.toordinal() - _EPOCH, 0) + 1) << DAY_BITS
        if base not in self._next:
            if not self._next and conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK)))
            top = conn.execute(sa.select(sa.func.max(search_docs.c.id)).where(
                search_docs.c.id >= base, search_docs.c.id < base + (1 << DAY_BITS))).scalar()
            self._next[base] = base if top is None else top + 1
        first = self._next[base]
        self._next[base] += count
        return list(range(first, first + count))


def article_rows(conn: sa.Connection, ids: DocIds, article_id: str, published: date | None, title: str,
                 text: str, said: list[tuple[str, int, str]],
                 tokens_of: Callable[..., str] = document_tokens) -> list[dict]:
    """The search rows of one article and its statements (statement id, sentence start, quote), with ids."""
    rows = [{"article_id": article_id, "statement_id": None, "tokens": tokens_of(title, text)}]
    rows.extend({"article_id": article_id, "statement_id": statement_id, "tokens": tokens}
                for statement_id, _start, quote in sorted(said, key=lambda s: (s[1], s[0]))
                if (tokens := tokens_of(quote)))
    for row, number in zip(rows, reversed(ids.take(conn, published, len(rows))), strict=True):
        row["id"] = number
    return rows


def _index_missing(conn: sa.Connection) -> None:
    """Rows for every article without one (and its statements), BUILD_CHUNK articles at a time."""
    missing = conn.execute(_missing_articles()).scalars().all()
    ids = DocIds()
    for at in range(0, len(missing), BUILD_CHUNK):
        _index_chunk(conn, ids, missing[at:at + BUILD_CHUNK])


def _index_chunk(conn: sa.Connection, ids: DocIds, chunk: list[str]) -> int:
    """The rows of the articles in `chunk` (their half-indexed rows replaced); how many articles."""
    if not chunk:
        return 0
    conn.execute(search_docs.delete().where(search_docs.c.article_id.in_(chunk)))  # half-indexed ones
    said: dict[str, list[tuple[str, int, str]]] = {}
    for article_id, statement_id, start, quote in conn.execute(
            sa.select(statements.c.article_id, statements.c.statement_id, statements.c.start,
                      statements.c.quote).where(statements.c.article_id.in_(chunk))):
        said.setdefault(article_id, []).append((statement_id, start, quote))
    rows = []
    for article_id, title, text, published in conn.execute(
            sa.select(articles.c.article_id, articles.c.title, articles.c.text, articles.c.published)
            .where(articles.c.article_id.in_(chunk)).order_by(articles.c.published, articles.c.article_id)):
        rows.extend(article_rows(conn, ids, article_id, published, title, text, said.get(article_id, [])))
    if rows:
        conn.execute(search_docs.insert(), rows)
    return len(chunk)


def index_analysis(conn: sa.Connection, analysis: Analysis) -> None:
    """Write the search rows of one analysed article (its earlier rows are gone with `delete_article`)."""
    article = analysis.article
    said = [(row_id(article.article_id, "statement", s.start, s.cue_start), s.start, s.quote)
            for s in analysis.statements]
    conn.execute(search_docs.insert(), article_rows(conn, DocIds(), article.article_id, article.published,
                                                    article.title, article.text, said))


def delete_article(conn: sa.Connection, article_id: str) -> None:
    conn.execute(search_docs.delete().where(search_docs.c.article_id == article_id))


def mode(engine: sa.Engine) -> str | None:
    """How the store is searched: FTS (the database's text index), SCAN (LIKE over the tokens), or None
    (no search rows: a store written before search, opened read-only)."""
    if engine not in _modes:
        _modes[engine] = _detect(engine)
    return _modes[engine]


def _detect(engine: sa.Engine) -> str | None:
    inspector = sa.inspect(engine)
    if not inspector.has_table("search_docs"):
        return None
    if engine.dialect.name == "postgresql":
        return FTS if "tsv" in {c["name"] for c in inspector.get_columns("search_docs")} else SCAN
    if engine.dialect.name == "sqlite":
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT rowid FROM search_fts WHERE search_fts MATCH 'x' LIMIT 0").all()
            return FTS
        except sa.exc.DBAPIError:  # no FTS table, or no FTS5 in this SQLite
            return SCAN
    return SCAN


# --- queries -----------------------------------------------------------------------------------


def _matching(engine: sa.Engine, terms: list[Term], filters: Filters) -> tuple[sa.Select, sa.ColumnElement]:
    """SELECT (article_id, statement_id) of the search rows holding every term within the filters, and the
    column to order them by, descending (the row id; on SQLite, FTS5's own, so it hands rows over in order)."""
    how, dialect = mode(engine), engine.dialect.name
    columns = (search_docs.c.article_id, search_docs.c.statement_id)
    if how == FTS and dialect == "sqlite":
        expression = " AND ".join("(" + " OR ".join('"' + form.replace('"', '""') + '"' + ("*" if term.prefix else "")
                                                   for form in term.forms) + ")" for term in terms)
        fts = sa.table("search_fts", sa.column("rowid", sa.Integer))
        match = sa.text("search_fts MATCH :fts_match").bindparams(fts_match=expression)
        return (sa.select(*columns).select_from(fts.join(search_docs, search_docs.c.id == fts.c.rowid))
                .where(match, *_within(filters))), fts.c.rowid
    if how == FTS and dialect == "postgresql":
        expression = " & ".join("(" + " | ".join("'" + form.replace("'", "''").replace("\\", "\\\\") + "'"
                                                 + (":*" if term.prefix else "") for form in term.forms) + ")"
                                for term in terms)
        condition = sa.text("search_docs.tsv @@ to_tsquery('simple', :ts_query)").bindparams(ts_query=expression)
        return _each_kind(condition, filters)
    else:  # the tokens, word by word
        padded = sa.literal(" ") + search_docs.c.tokens + sa.literal(" ")
        condition = sa.and_(*(sa.or_(*(padded.like(f"% {form}{'%' if term.prefix else ' %'}")
                                       for form in term.forms)) for term in terms))
    return sa.select(*columns).where(condition, *_within(filters)), search_docs.c.id


def _each_kind(condition: sa.ColumnElement, filters: Filters) -> tuple[sa.Select, sa.ColumnElement]:
    """PostgreSQL: the article rows and the statement rows matching `condition`, each within its own filter,
    as a UNION ALL of the two. As one OR (`_within`), the planner tested every text match against both
    filters through hashed subplans; apart, each filter is a plain semi-join it plans on its indexes."""
    on_articles, on_statements = where.article_conditions(filters), _statement_rows_within(filters)
    if not on_articles and not on_statements:
        return sa.select(search_docs.c.article_id, search_docs.c.statement_id).where(condition), search_docs.c.id
    rows = (search_docs.c.id, search_docs.c.article_id, search_docs.c.statement_id)
    article_rows = sa.select(*rows).where(condition, search_docs.c.statement_id.is_(None))
    if on_articles:
        article_rows = article_rows.where(search_docs.c.article_id.in_(sa.select(articles.c.article_id).where(*on_articles)))
    statement_rows = sa.select(*rows).where(condition, search_docs.c.statement_id.is_not(None), *on_statements)
    hits = sa.union_all(article_rows, statement_rows).subquery("hits")
    return sa.select(hits.c.article_id, hits.c.statement_id), hits.c.id


def _statement_rows_within(filters: Filters) -> list:
    """The filters on statements' search rows, as the statements list takes them. The sources are tested on
    the row's own article_id (a statement's source is its article's): a source holds much of a store, and
    the set of its statement ids cost SQLite seconds to build (2.9 s of a 3 s search at 30,000 articles),
    that of its article ids a tenth of that. The actors are one set of statement ids (where.actor_statement_ids):
    as an OR of speaker and named, PostgreSQL scanned every statement (0.35 s of a 1 s search at 100,000)."""
    conditions = []
    if filters.sources:
        conditions.append(search_docs.c.article_id.in_(
            sa.select(articles.c.article_id).where(articles.c.source.in_(filters.sources))))
    chosen = where.actor_statement_ids(filters)  # speaker or named: a UNION, not an OR over every statement
    if chosen is not None:
        conditions.append(search_docs.c.statement_id.in_(chosen))
    if filters.places:  # the links repeat the statement's date: places and dates tested on them alone (read
        # through the statements, a frequent place cost PostgreSQL 0.5 s of a 1.1 s search at 100,000 articles)
        named = statement_entities
        conditions.append(search_docs.c.statement_id.in_(sa.select(named.c.statement_id).where(
            named.c.entity_id.in_(filters.places), *where.date_range(named.c.date, filters))))
        return conditions
    rest = where.statement_conditions(replace(filters, sources=(), actors=()))
    if rest:
        conditions.append(search_docs.c.statement_id.in_(sa.select(statements.c.statement_id).where(*rest)))
    return conditions


def _within(filters: Filters) -> list:
    """The filters on search rows: an article's row as the articles list takes them, a statement's as
    the statements list does."""
    on_articles, on_statements = where.article_conditions(filters), _statement_rows_within(filters)
    if not on_articles and not on_statements:
        return []
    article_row = search_docs.c.statement_id.is_(None)
    if on_articles:
        article_row = sa.and_(article_row, search_docs.c.article_id.in_(
            sa.select(articles.c.article_id).where(*on_articles)))
    statement_row = sa.and_(search_docs.c.statement_id.is_not(None), *on_statements)
    return [sa.or_(article_row, statement_row)]


def count(engine: sa.Engine, query: str, filters: Filters, cap: int = 10_000) -> int:
    """How many articles and statements match (counting stops past `cap`); 0 without search."""
    terms = parse_query(query)
    if not terms or mode(engine) is None:
        return 0
    matching, _order = _matching(engine, terms, filters)
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(matching.limit(cap + 1).subquery())).scalar_one()


def search(engine: sa.Engine, query: str, filters: Filters, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """The hits for `query` within the filters, `limit` of them from `offset`, newest first (by publication
    day; within a day the last written first, an article before its statements); [] without search."""
    terms = parse_query(query)
    if not terms or mode(engine) is None or limit <= 0:
        return []
    matching, order = _matching(engine, terms, filters)
    chosen = matching.order_by(order.desc()).limit(limit).offset(max(offset, 0))
    with engine.connect() as conn:
        found = conn.execute(chosen).all()
        article_ids = sorted({row.article_id for row in found})
        statement_ids = sorted({row.statement_id for row in found if row.statement_id})
        shown = {row.article_id: row for row in conn.execute(
            sa.select(articles.c.article_id, articles.c.title, articles.c.text, articles.c.published,
                      articles.c.source).where(articles.c.article_id.in_(article_ids)))}
        speaker = sa.func.coalesce(actors.c.name_en, statements.c.speaker_text)
        said = {row.statement_id: row for row in conn.execute(
            sa.select(statements.c.statement_id, statements.c.quote, statements.c.start, speaker.label("speaker"))
            .select_from(statements.outerjoin(actors, actors.c.actor_id == statements.c.speaker_id))
            .where(statements.c.statement_id.in_(statement_ids)))}
    hits = []
    for article_id, statement_id in found:
        article = shown.get(article_id)
        if article is None:  # written between the two reads
            continue
        title_marks = tuple(match_spans(article.title, terms))
        if statement_id is None:
            text, start, who = article.text, None, None
        elif (statement := said.get(statement_id)) is not None:
            text, start, who = statement.quote, statement.start, statement.speaker
        else:
            continue
        piece, marks = snippet(text, match_spans(text, terms))
        hits.append(SearchHit(article_id, statement_id, article.title, article.published, article.source, piece,
                              marks, title_marks, start, who))
    return hits
