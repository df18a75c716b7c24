"""One meaning per filter: the SQL conditions (marsad/store/where.py) and the facets index's numpy masks
select the same articles, filter by filter, on the seeds and on real articles."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from marsad.corpus import corpus_dir, iter_corpus_articles
from marsad.filters import Filters
from marsad.process import process_articles
from marsad.store import Store, where
from marsad.store.schema import articles


def _filters(store: Store) -> list[Filters]:
    actors, places = store.actors()["actor_id"].tolist(), store.places()["place_id"].tolist()
    low, high = store.date_span()
    middle = low + (high - low) / 2 if low and high else None
    sources = [s for s in store.sources() if s]
    cases = [Filters(), Filters(actors=tuple(actors[:1])), Filters(actors=tuple(actors[-2:])),
             Filters(places=tuple(places[:1])), Filters(places=tuple(places[1:4])),
             Filters(actors=tuple(actors[:1]), places=tuple(places[:1])),
             Filters(event_types=("armed_clash",))]
    if middle:
        cases += [Filters(date_from=middle), Filters(date_to=middle), Filters(date_from=middle, date_to=middle),
                  Filters(date_from=low - timedelta(days=400), date_to=low - timedelta(days=1)),
                  Filters(actors=tuple(actors[:1]), date_from=middle)]
    if sources:
        cases += [Filters(sources=tuple(sources[:1])), Filters(sources=tuple(sources[:1]), places=tuple(places[:1]))]
    return cases


def _agree(store: Store) -> int:
    facets = store.facets()
    checked = 0
    for filters in _filters(store):
        numpy_ids = set(facets.article_ids[facets.articles_matching(filters)].tolist())
        with store.engine.connect() as conn:
            sql_ids = set(conn.execute(sa.select(articles.c.article_id).where(
                *where.article_conditions(filters))).scalars())
        assert numpy_ids == sql_ids, filters
        checked += bool(sql_ids)
    return checked


def test_sql_and_numpy_agree_on_the_seeds(processed_store):
    assert _agree(processed_store) >= 5, "most cases select something"


def test_sql_and_numpy_agree_on_real_articles(tmp_path):
    if not any(corpus_dir().glob("*.zip")):
        pytest.skip(f"needs the SaudiNewsNet corpus ({corpus_dir()}; ../shared or $MARSAD_CORPUS)")
    store = Store(f"sqlite:///{tmp_path / 'm.sqlite'}")
    process_articles(iter_corpus_articles(150), store, workers=1)
    assert _agree(store) >= 8
