"""Full-text search over the store: articles (title and text) and statements (their quotes).

One row per article and per statement in `search_docs`, written with the article: the distinct search
keys of its words (`marsad.text.search_terms`: normalised Arabic, proclitics split off). The database
indexes them with its own text search:

- SQLite: an FTS5 table `search_fts` over `search_docs.tokens` (external content, kept by triggers;
  no positions, since queries are sets of words);
- PostgreSQL: a generated column `tsv = to_tsvector('simple', tokens)` with a GIN index.

Where neither is there (a SQLite built without FTS5), the tokens are scanned with LIKE. A store written
before search gets its rows on its next writable open (`ensure`); opened read-only, it has no search.
Hits come newest first (by the article's publication date), an article before its statements.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from marsad.filters import Filters
from marsad.records import Analysis
from marsad.store import where
from marsad.store.schema import actors, articles, row_id, statements, store_meta
from marsad.text.search_terms import Term, document_tokens, match_spans, parse_query, snippet

SCHEME = 1  # the keys a word is indexed under; a store indexed under another scheme is indexed again
_SCHEME_KEY = "search_scheme"
BUILD_CHUNK = 500  # articles read per step when a store is indexed on open

search_metadata = sa.MetaData()  # apart from the schema's: its FTS parts differ per database
search_docs = sa.Table(
    "search_docs", search_metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # SQLite: the rowid FTS5 refers to
    sa.Column("article_id", sa.String, nullable=False, index=True),
    sa.Column("statement_id", sa.String),  # None: the article itself
    sa.Column("published", sa.Date),  # the article's, for the order of hits
    sa.Column("start", sa.Integer, nullable=False),  # the statement's sentence in the article; -1: the article
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
_POSTGRES_DDL = (
    "ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_search_docs_tsv ON search_docs USING gin (tsv)",
)

FTS, SCAN = "fts", "scan"
_modes: weakref.WeakKeyDictionary[sa.Engine, str | None] = weakref.WeakKeyDictionary()


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
    yet indexed, or all again when they were indexed under another SCHEME (one transaction)."""
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
        scheme = conn.execute(sa.select(store_meta.c.value).where(store_meta.c.key == _SCHEME_KEY)).scalar()
        indexed = conn.execute(sa.select(sa.func.count()).select_from(search_docs)
                               .where(search_docs.c.statement_id.is_(None))).scalar_one()
        total = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
    if scheme == SCHEME and indexed == total:
        return
    with engine.begin() as conn:
        if scheme != SCHEME:
            conn.execute(search_docs.delete())
            conn.execute(store_meta.delete().where(store_meta.c.key == _SCHEME_KEY))
            conn.execute(store_meta.insert().values(key=_SCHEME_KEY, value=SCHEME))
        _index_missing(conn)


def _index_missing(conn: sa.Connection) -> None:
    """Rows for every article without one (and its statements), BUILD_CHUNK articles at a time."""
    indexed = sa.select(search_docs.c.article_id).where(search_docs.c.statement_id.is_(None))
    missing = conn.execute(sa.select(articles.c.article_id).where(articles.c.article_id.not_in(indexed))
                           .order_by(articles.c.article_id)).scalars().all()
    for at in range(0, len(missing), BUILD_CHUNK):
        chunk = missing[at:at + BUILD_CHUNK]
        conn.execute(search_docs.delete().where(search_docs.c.article_id.in_(chunk)))  # half-indexed ones
        said: dict[str, list] = {}
        for row in conn.execute(sa.select(statements.c.article_id, statements.c.statement_id, statements.c.start,
                                          statements.c.quote).where(statements.c.article_id.in_(chunk))):
            said.setdefault(row.article_id, []).append(row)
        rows = []
        for article_id, title, text, published in conn.execute(
                sa.select(articles.c.article_id, articles.c.title, articles.c.text, articles.c.published)
                .where(articles.c.article_id.in_(chunk))):
            rows.append(_row(article_id, None, published, -1, document_tokens(title, text)))
            rows.extend(_row(article_id, s.statement_id, published, s.start, tokens)
                        for s in said.get(article_id, ()) if (tokens := document_tokens(s.quote)))
        if rows:
            conn.execute(search_docs.insert(), rows)


def _row(article_id: str, statement_id: str | None, published: date | None, start: int, tokens: str) -> dict:
    return {"article_id": article_id, "statement_id": statement_id, "published": published, "start": start,
            "tokens": tokens}


def index_analysis(conn: sa.Connection, analysis: Analysis) -> None:
    """Write the search rows of one analysed article (its earlier rows are gone with `delete_article`)."""
    article = analysis.article
    rows = [_row(article.article_id, None, article.published, -1, document_tokens(article.title, article.text))]
    for s in analysis.statements:
        if tokens := document_tokens(s.quote):
            rows.append(_row(article.article_id, row_id(article.article_id, "statement", s.start, s.cue_start),
                             article.published, s.start, tokens))
    conn.execute(search_docs.insert(), rows)


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


def _matching(engine: sa.Engine, terms: list[Term]) -> sa.ColumnElement:
    """search_docs rows holding every term."""
    how, dialect = mode(engine), engine.dialect.name
    if how == FTS and dialect == "sqlite":
        expression = " AND ".join("(" + " OR ".join('"' + form.replace('"', '""') + '"' + ("*" if term.prefix else "")
                                                   for form in term.forms) + ")" for term in terms)
        ids = sa.text("SELECT rowid FROM search_fts WHERE search_fts MATCH :fts_match").bindparams(
            fts_match=expression).columns(sa.column("rowid", sa.Integer))
        return search_docs.c.id.in_(ids)
    if how == FTS and dialect == "postgresql":
        expression = " & ".join("(" + " | ".join("'" + form.replace("'", "''").replace("\\", "\\\\") + "'"
                                                 + (":*" if term.prefix else "") for form in term.forms) + ")"
                                for term in terms)
        return sa.text("search_docs.tsv @@ to_tsquery('simple', :ts_query)").bindparams(ts_query=expression)
    padded = sa.literal(" ") + search_docs.c.tokens + sa.literal(" ")
    return sa.and_(*(sa.or_(*(padded.like(f"% {form}{'%' if term.prefix else ' %'}") for form in term.forms))
                     for term in terms))


def _within(filters: Filters) -> list:
    """The filters on search rows: an article's row as the articles list takes them, a statement's as
    the statements list does."""
    on_articles, on_statements = where.article_conditions(filters), where.statement_conditions(filters)
    if not on_articles and not on_statements:
        return []
    article_row = search_docs.c.statement_id.is_(None)
    if on_articles:
        article_row = sa.and_(article_row, search_docs.c.article_id.in_(
            sa.select(articles.c.article_id).where(*on_articles)))
    statement_row = search_docs.c.statement_id.is_not(None)
    if on_statements:
        statement_row = sa.and_(statement_row, search_docs.c.statement_id.in_(
            sa.select(statements.c.statement_id).where(*on_statements)))
    return [sa.or_(article_row, statement_row)]


def count(engine: sa.Engine, query: str, filters: Filters, cap: int = 10_000) -> int:
    """How many articles and statements match (counting stops past `cap`); 0 without search."""
    terms = parse_query(query)
    if not terms or mode(engine) is None:
        return 0
    matching = sa.select(search_docs.c.id).where(_matching(engine, terms), *_within(filters)).limit(cap + 1)
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(matching.subquery())).scalar_one()


def search(engine: sa.Engine, query: str, filters: Filters, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """The hits for `query` within the filters, newest first, `limit` of them from `offset`; [] without search."""
    terms = parse_query(query)
    if not terms or mode(engine) is None or limit <= 0:
        return []
    published = search_docs.c.published.desc()
    if engine.dialect.name != "sqlite":  # SQLite sorts NULL last going down; PostgreSQL is told to
        published = published.nulls_last()
    chosen = (sa.select(search_docs.c.article_id, search_docs.c.statement_id)
              .where(_matching(engine, terms), *_within(filters))
              .order_by(published, search_docs.c.article_id, search_docs.c.start, search_docs.c.id)
              .limit(limit).offset(max(offset, 0)))
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
