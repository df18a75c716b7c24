"""Full-text search: Arabic-normalised words, proclitics, filters and paging, on SQLite and PostgreSQL,
over the seed articles sent through the real pipeline; the index built for a store written before it; a
read-only store without it; the LIKE scan where SQLite has no FTS5."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from marsad.filters import Filters
from marsad.ingest import read_paths
from marsad.pipeline import analyse
from marsad.records import Analysis
from marsad.store import Store
from marsad.store import search as text_search
from marsad.text.search_terms import document_tokens, match_spans, parse_query, snippet, word_keys
from tests.conftest import SEEDS

AFRICOM = "000_africom_evacuation"  # the seed naming الأمم المتحدة
FORCES = "001_us_forces_return"  # the seed with حكومة, لحكومة, للحكومة


def forget_search(store: Store) -> None:
    """As a store written by a Marsad without search: no search tables, no scheme."""
    with store.engine.begin() as conn:
        for statement in ("DROP TRIGGER IF EXISTS search_docs_ai", "DROP TRIGGER IF EXISTS search_docs_ad",
                          "DROP TRIGGER IF EXISTS search_docs_au", "DROP TABLE IF EXISTS search_fts",
                          "DROP TABLE search_docs"):
            if "TRIGGER" not in statement or store.engine.dialect.name == "sqlite":
                conn.exec_driver_sql(statement)
        conn.exec_driver_sql("DELETE FROM store_meta WHERE key = 'search_scheme'")


def marked(hit: text_search.SearchHit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.marks]


def article_hits(store: Store, query: str, filters: Filters | None = None) -> dict[str, text_search.SearchHit]:
    return {hit.article_id: hit for hit in store.search(query, filters, limit=100) if hit.statement_id is None}


@pytest.fixture(scope="module")
def seed_ids(processed_db: str) -> dict[str, str]:
    """Seed file stem -> article id."""
    store = Store(processed_db)
    frame = store.articles()
    return {Path(path).stem: article_id for article_id, path in zip(frame["article_id"], frame["path"], strict=True)}


@pytest.fixture(scope="module")
def seed_analyses(lexicon) -> list:
    articles, problems = read_paths([SEEDS])
    assert not problems
    return [analyse(article, lexicon) for article in articles]


# --- words -------------------------------------------------------------------------------------


def test_words_are_indexed_with_and_without_their_proclitics():
    assert set(word_keys("والحكومه")) == {"والحكومه", "الحكومه", "حكومه"}
    assert set(word_keys("للحكومه")) == {"للحكومه", "لحكومه", "حكومه"}
    assert set(word_keys("بالرييس")) == {"بالرييس", "الرييس", "رييس"}
    assert word_keys("من") == ("من",)  # nothing shorter than two letters is split off
    tokens = document_tokens("وأعلنت الحكومةُ", "مسؤول رئيس على")
    assert tokens.split() == ["واعلنت", "اعلنت", "الحكومه", "حكومه", "مسوول", "رييس", "علي"]


def test_query_words_are_normalised_and_the_article_made_optional():
    assert [t.forms for t in parse_query("الأمم المتّحدة")] == [("الامم", "امم"), ("المتحده", "متحده")]
    (term,) = parse_query("أعلن*")
    assert term.forms == ("اعلن",) and term.prefix
    assert not parse_query("ا*")[0].prefix  # one letter: the word itself, not everything starting with it
    assert parse_query(' "OR" NEAR( ) * \'; -- ') == [parse_query("OR")[0], parse_query("NEAR")[0]]
    assert parse_query("") == [] and parse_query("؟!") == []


def test_matches_are_mapped_back_to_the_original_text():
    text = "قال الناطقُ إن الحـكومة تعمل، وللحكومة رأي.\nوالحكومه"
    spans = match_spans(text, parse_query("الحكومة"))
    assert [text[s:e] for s, e in spans] == ["الحـكومة", "وللحكومة", "والحكومه"]
    piece, marks = snippet(text, spans)
    assert "\n" not in piece and [piece[s:e] for s, e in marks] == ["الحـكومة", "وللحكومة", "والحكومه"]
    long = "كلمة " * 100 + "الحكومة " + "كلمة " * 100
    piece, marks = snippet(long, match_spans(long, parse_query("حكومه")))
    assert piece.startswith("… ") and piece.endswith(" …") and [piece[s:e] for s, e in marks] == ["الحكومة"]


# --- the store, on both databases ---------------------------------------------------------------


def test_another_hamza_finds_the_word(processed_db, seed_ids):
    store = Store(processed_db)
    assert store.search_mode() == "fts"
    hits = article_hits(store, "اعلنت")  # written أعلنت and وأعلنت in the seeds
    assert set(hits) == set(seed_ids.values())
    assert marked(hits[seed_ids[FORCES]]) == ["أعلنت"]
    assert "وأعلنت" in marked(hits[seed_ids[AFRICOM]])
    hits = article_hits(store, "الامم")
    assert set(hits) == {seed_ids[AFRICOM]} and marked(hits[seed_ids[AFRICOM]]) == ["الأمم"]
    assert set(article_hits(store, "الاضطرابات")) == {seed_ids[AFRICOM]}  # والإضطرابات: hamza and و


def test_ta_marbuta_and_proclitics(processed_db, seed_ids):
    store = Store(processed_db)
    everything = store.search("الحكومة", limit=100)
    assert everything == store.search("حكومه", limit=100)  # ta marbuta as ha, without the article
    words = {word for hit in everything for word in marked(hit)}
    assert {"حكومة", "الحكومة", "لحكومة", "للحكومة"} <= words
    assert not {"حكوميين"} & words  # a whole word, not a prefix
    assert set(article_hits(store, "البنتاغون")) == {seed_ids[FORCES]}  # والبنتاغون
    assert "والبنتاغون" in marked(article_hits(store, "البنتاغون")[seed_ids[FORCES]])


def test_statements_are_hits_with_their_quote_and_sentence(processed_db, seed_ids):
    store = Store(processed_db)
    statement_hits = [hit for hit in store.search("الحكومة", limit=100) if hit.statement_id]
    assert statement_hits and all(hit.article_id == seed_ids[FORCES] for hit in statement_hits)
    said = store.statements(article_id=seed_ids[FORCES]).set_index("statement_id")
    for hit in statement_hits:
        row = said.loc[hit.statement_id]
        assert hit.start == row["start"] and "حكوم" in row["quote"]
        assert all("حكوم" in word for word in marked(hit))


def test_every_word_must_match_and_prefixes_are_asked_for(processed_db, seed_ids):
    store = Store(processed_db)
    assert set(article_hits(store, "طرابلس الامم")) == {seed_ids[AFRICOM]}
    assert article_hits(store, "الامم البنتاغون") == {}
    assert article_hits(store, "اعلن") == {}  # no word أعلن in the seeds; أعلنت is another word
    prefixed = article_hits(store, "اعلن*")
    assert set(prefixed) == set(seed_ids.values()) and "أعلنت" in marked(prefixed[seed_ids[FORCES]])
    assert store.search("؟؟") == [] and store.search_count("") == 0


@pytest.mark.parametrize("query", ['"', "'", 'a" OR "b', "NEAR(x y)", "\\", "%_", "x:*|!&", "*", "الامم*" * 20])
def test_odd_queries_never_fail(processed_db, query):
    store = Store(processed_db)
    assert isinstance(store.search(query), list) and store.search_count(query) >= 0


def test_paging_and_counts(processed_db):
    store = Store(processed_db)
    everything = store.search("الحكومة", limit=100)
    assert store.search_count("الحكومة") == len(everything) > 4
    pages = [store.search("الحكومة", limit=3, offset=at) for at in range(0, len(everything), 3)]
    assert [hit for page in pages for hit in page] == everything
    assert store.search_count("الحكومة", cap=2) == 3  # counting stops past the cap
    # newest first; an article's hits together, the article before its statements, those in text order
    days = [(hit.published or date.min) for hit in everything]
    assert days == sorted(days, reverse=True)
    order = [hit.article_id for hit in everything]
    assert order == sorted(order, key=order.index)  # together
    for article_id in set(order):
        mine = [hit for hit in everything if hit.article_id == article_id]
        starts = [-1 if hit.statement_id is None else hit.start for hit in mine]
        assert starts == sorted(starts) and starts.count(-1) <= 1


def test_filters_apply_to_hits(processed_db, seed_ids):
    store = Store(processed_db)
    source = store.article(seed_ids[FORCES])["source"]
    assert source
    assert {hit.article_id for hit in store.search("طرابلس", Filters(sources=(source,)), limit=100)} == \
        {seed_ids[FORCES]}
    published = store.article(seed_ids[AFRICOM])["published"]
    in_april = Filters(date_from=published, date_to=published)
    assert set(article_hits(store, "طرابلس", in_april)) == set(
        store.articles(in_april)["article_id"]) & set(article_hits(store, "طرابلس"))
    # a statement hit follows the statements' filter: said by the actor
    speaker = store.statements(article_id=seed_ids[FORCES]).dropna(subset=["speaker_id"]).iloc[0]
    by_speaker = Filters(actors=(speaker["speaker_id"],))
    assert store.search("*", by_speaker) == []  # no words: no hits
    theirs = set(store.statements(by_speaker)["statement_id"])
    hits = store.search(speaker["quote"].split()[-1], by_speaker, limit=100)
    assert speaker["statement_id"] in {hit.statement_id for hit in hits}
    assert {hit.statement_id for hit in hits if hit.statement_id} <= theirs


def test_saving_again_replaces_the_rows(store, seed_analyses):
    for analysis in seed_analyses:
        store.save(analysis)
    first = store.search("الحكومة", limit=100)
    store.save(seed_analyses[0])
    store.save_batch(seed_analyses)
    assert store.search("الحكومة", limit=100) == first
    assert store.search("البنتاغون")
    rewritten = replace(seed_analyses[1].article, title="عنوان آخر", text="نص جديد عن الأمم")
    store.save(Analysis(rewritten))
    assert {hit.article_id for hit in store.search("الامم")} == {a.article.article_id for a in seed_analyses}
    assert store.search("البنتاغون") == []  # the old text is no longer found


def test_a_store_written_before_search_is_indexed_on_open(store, seed_analyses):
    for analysis in seed_analyses:
        store.save(analysis)
    before = store.search("الحكومة", limit=100)
    forget_search(store)  # as a store written by a Marsad without search
    reopened = Store(store.url)
    assert reopened.search_mode() == "fts"
    assert reopened.search("الحكومة", limit=100) == before and before


def test_a_new_scheme_indexes_everything_again(store, seed_analyses, monkeypatch):
    store.save(seed_analyses[0])
    with store.engine.begin() as conn:
        conn.execute(text_search.search_docs.update().values(tokens="قديم"))
    assert Store(store.url).search("الامم") == []  # same scheme: the rows stand
    monkeypatch.setattr(text_search, "SCHEME", text_search.SCHEME + 1)
    assert Store(store.url).search("الامم")


def test_the_like_scan_finds_what_the_index_finds(processed_db, monkeypatch):
    store = Store(processed_db)
    queries = ["الحكومة", "اعلنت", "اعلن*", "طرابلس الامم", "Reuters"]
    indexed = [store.search(q, limit=100) for q in queries]
    monkeypatch.setitem(text_search._modes, store.engine, text_search.SCAN)
    assert [store.search(q, limit=100) for q in queries] == indexed
    assert [store.search_count(q) for q in queries] == [len(hits) for hits in indexed]


# --- SQLite files --------------------------------------------------------------------------------


def _copy(url: str, folder: Path) -> Path:
    path = folder / "copy.sqlite"
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    return path


def test_a_read_only_store_with_the_index_searches(processed_sqlite_db, tmp_path):
    path = _copy(processed_sqlite_db, tmp_path)
    store = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert store.read_only and store.search_mode() == "fts"
    assert store.search("الامم")


def test_a_read_only_store_without_the_index_says_so(processed_sqlite_db, tmp_path):
    path = _copy(processed_sqlite_db, tmp_path)
    with sqlite3.connect(path) as conn:
        for name in ("TRIGGER search_docs_ai", "TRIGGER search_docs_ad", "TRIGGER search_docs_au", "TABLE search_fts",
                     "TABLE search_docs"):
            conn.execute(f"DROP {name}")
    path.chmod(0o444)
    try:
        store = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
        assert store.read_only and store.search_mode() is None
        assert store.search("الامم") == [] and store.search_count("الامم") == 0
    finally:
        path.chmod(0o644)


def test_a_sqlite_without_fts5_scans(tmp_path, seed_analyses, monkeypatch):
    monkeypatch.setattr(text_search, "_SQLITE_DDL", ("CREATE VIRTUAL TABLE search_fts USING no_such_module(x)",))
    store = Store(f"sqlite:///{tmp_path / 'plain.sqlite'}")
    assert store.search_mode() == "scan"
    store.save(seed_analyses[0])
    hits = store.search("الامم")
    assert {hit.article_id for hit in hits} == {seed_analyses[0].article.article_id}
    assert {word for hit in hits for word in marked(hit)} == {"الأمم"}


def test_no_search_rows_are_left_behind(store, seed_analyses):
    store.save(seed_analyses[0])
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(sa.func.count()).select_from(text_search.search_docs)).scalar_one()
    assert rows == 1 + sum(1 for s in seed_analyses[0].statements if document_tokens(s.quote))


def test_the_app_benchmark_indexes_its_copies_as_the_store_would(tmp_path, seed_analyses, lexicon, monkeypatch):
    from marsad.bench.app import Generator, build_store, search_calls

    url = f"sqlite:///{tmp_path / 'bench.sqlite'}"
    build_store(url, 20, Generator(seed_analyses, lexicon), chunk=8)
    columns = list(text_search.search_docs.c)

    def rows() -> list[tuple]:
        with sa.create_engine(url).connect() as conn:
            return sorted((tuple(row) for row in conn.execute(sa.select(*columns))), key=repr)

    generated = rows()
    assert len([row for row in generated if row[2] is None]) == 20  # (id, article_id, statement_id, tokens)
    monkeypatch.setattr(text_search, "SCHEME", text_search.SCHEME + 1)
    store = Store(url)  # indexes every article again, from the tables
    assert rows() == generated
    timed = {name: call() for name, call in search_calls(store, "gna").items()}
    assert timed["search_two_words"] and timed["search_every_row_count"] > 20
