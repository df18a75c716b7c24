"""A big store written before full-text search, opened by the dashboard: its search index is built in a
background thread, so the store opens (and the first page draws) at once; the articles page says how far
the build is, and once it ends every hit is found. A small store stands in for the big one (the
threshold is lowered), and the builder is held at a gate so the test sees it mid-way, without sleeping."""

from __future__ import annotations

import threading

import pytest

from marsad.records import Analysis, Article
from marsad.store import Store
from marsad.store import search as text_search
from tests.test_pages import fresh_caches, infos, open_page, server_mode  # noqa: F401 - autouse fixtures
from tests.test_search import forget_search
from tests.test_search_filtered import WORD, save_articles

ARTICLES = 14  # save_articles: 14 articles, each with a statement holding WORD


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch):
    """Background builds on, for stores with more than 5 articles to index, 4 a transaction; each build
    waits at the gate before it reads what to index. Everything back as it was afterwards."""
    release = threading.Event()
    missing = text_search._missing_articles

    def held():  # noqa: ANN202
        assert release.wait(120), "the test never opened the gate"
        return missing()

    monkeypatch.setattr(text_search, "_missing_articles", held)
    monkeypatch.setattr(text_search, "BUILD_NOW_AT_MOST", 5)
    monkeypatch.setattr(text_search, "BUILD_CHUNK", 4)
    text_search.build_in_background()
    yield release
    release.set()
    for engine in list(text_search._builds):
        assert text_search.wait_built(engine, 120)
    text_search.build_in_background(False)


def test_a_big_old_store_opens_at_once_and_is_indexed_behind(store, gate):
    save_articles(store, ARTICLES)
    expected = [(h.article_id, h.statement_id) for h in store.search(WORD, limit=100)]
    assert len(expected) == 2 * ARTICLES
    forget_search(store)
    reopened = Store(store.url)  # returns while the builder waits at the gate
    assert text_search.progress(reopened.engine) == (0, ARTICLES)
    assert reopened.search_mode() == "fts" and reopened.search(WORD) == []
    late = Article("late", f"{WORD} متأخر", f"نص عن {WORD}.", "Reuters")
    reopened.save(Analysis(late))  # saved (and indexed) while the build waits: not indexed twice
    gate.set()
    assert text_search.wait_built(reopened.engine, 120) and text_search.build_error(reopened.engine) is None
    assert text_search.progress(reopened.engine) is None
    found = [(h.article_id, h.statement_id) for h in reopened.search(WORD, limit=100)]
    assert set(found) == {*expected, ("late", None)} and len(found) == len(expected) + 1
    assert reopened.search_count(WORD) == 2 * ARTICLES + 1
    assert Store(store.url) and text_search.progress(reopened.engine) is None, "indexed: nothing to build again"


def test_commands_still_index_before_they_go_on(store, monkeypatch):
    monkeypatch.setattr(text_search, "BUILD_NOW_AT_MOST", 5)
    save_articles(store, ARTICLES)
    forget_search(store)
    reopened = Store(store.url)  # no background mode asked for: indexed on open, as before
    assert text_search.progress(reopened.engine) is None
    assert reopened.search_count(WORD) == 2 * ARTICLES


def test_the_articles_page_opens_while_the_index_is_built(tmp_path, monkeypatch, gate):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = Store(url)
    save_articles(old, ARTICLES)
    forget_search(old)
    monkeypatch.setenv("MARSAD_DB", url)
    at = open_page("articles", q=WORD)  # the dashboard's own Store: built behind, held at the gate
    assert any(f"being built: 0 of {ARTICLES} articles so far" in i for i in infos(at)), infos(at)
    gate.set()
    for engine in list(text_search._builds):
        assert text_search.wait_built(engine, 120)
    at = open_page("articles", q=WORD)
    assert not any("being built" in i for i in infos(at))
    assert any(c.value.startswith(f"Hits 1–10 of {2 * ARTICLES}") for c in at.caption), [c.value for c in at.caption]
