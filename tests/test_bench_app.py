"""The app benchmark's generator: a small synthetic store from the two seeds, with exact counts.

No timings are asserted (timed unit tests flake); the benchmark itself is `python -m marsad bench app`.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from marsad.bench.app import (
    FILTER_NAMES,
    FILTER_QUERIES,
    OTHER_QUERIES,
    SPAN_DAYS,
    SPAN_START,
    Generator,
    bench_filters,
    build_store,
    query_names,
    template_analyses,
    time_queries,
)
from marsad.lexicon import load_lexicon
from marsad.store import Store
from marsad.store import schema as db

N = 300


@pytest.fixture(scope="module")
def seeds_only():
    analyses = template_analyses(corpus_limit=0)
    assert len(analyses) == 2, "the two seed articles are the templates"
    return analyses


@pytest.fixture(scope="module")
def built(seeds_only, tmp_path_factory: pytest.TempPathFactory):
    url = f"sqlite:///{tmp_path_factory.mktemp('bench') / 'bench.sqlite'}"
    generator = Generator(seeds_only, load_lexicon())
    stats = build_store(url, N, generator, chunk=128)  # several transactions
    return url, generator, stats


def test_counts_are_copies_of_the_templates(seeds_only, built) -> None:
    url, _generator, stats = built
    store = Store(url)
    copies = N // len(seeds_only)  # copy i uses template i % 2: 150 of each
    expected = {
        "articles": N,
        "mentions": copies * sum(len(a.mentions) for a in seeds_only),
        "times": copies * sum(len(a.times) for a in seeds_only),
        "statements": copies * sum(len(a.statements) for a in seeds_only),
        "events": copies * sum(len(a.events) for a in seeds_only),
        "event_actors": copies * sum(len(e.actor_ids) for a in seeds_only for e in a.events),
        "article_facets": N,
    }
    assert {table: store.count(table) for table in expected} == expected
    assert dict(stats.rows) == expected and stats.articles == N
    # Events keep their agent and target (the actors page's matrix counts them).
    with store.engine.connect() as conn:
        agents = conn.execute(sa.select(sa.func.count()).select_from(db.events)
                              .where(db.events.c.actor1_id.is_not(None))).scalar_one()
    assert agents == copies * sum(e.actor1_id is not None for a in seeds_only for e in a.events)
    # Actors are written once, whatever the number of copies.
    assert store.count("actors") == len({a for analysis in seeds_only for a in analysis.actors})


def test_copies_keep_offsets_and_spread_dates_and_places(seeds_only, built) -> None:
    url, generator, _stats = built
    store = Store(url)
    first, last = store.date_span()
    assert SPAN_START <= first < last <= SPAN_START + timedelta(days=SPAN_DAYS)
    article = store.article("syn-0000003")
    mentions = store.article_mentions("syn-0000003")
    assert all(article["text"][m.start:m.end] == m.text for m in mentions.itertuples())
    # Every statement and event is shifted by its article's own offset from the template's date.
    template = seeds_only[3 % len(seeds_only)]
    shift = article["published"] - template.article.published
    said = store.statements(article_id="syn-0000003")
    assert sorted(said["date"]) == sorted(s.date + shift for s in template.statements)
    # Places are re-drawn from the curated gazetteer, consistently within an article.
    events = store.events(article_id="syn-0000003")
    located = set(events["place_id"].dropna())
    named = set(mentions[mentions["type"] == "LOCATION"]["entity_id"])
    assert located <= named
    drawn = set(store.places()["place_id"]) - set(generator.place_rows)
    assert drawn and drawn <= set(generator.gazetteer)
    assert len(drawn) > 20, "a map with variety"


def test_every_timed_query_is_reported(built) -> None:
    url, generator, stats = built
    filters = bench_filters(stats, set(generator.gazetteer))
    assert tuple(filters) == FILTER_NAMES
    assert filters["actor"].actors and filters["place"].places and filters["event_type"].event_types
    results = time_queries(url, filters, filters["actor"].actors[0], stats.first_article_id, warm_runs=1)
    assert list(results) == query_names()
    assert len(results) == len(FILTER_NAMES) * len(FILTER_QUERIES) + len(OTHER_QUERIES)
    for name, result in results.items():
        assert set(result) == {"cold_s", "warm_median_s", "rows"}, name
        assert result["cold_s"] >= 0 and result["rows"] >= 0, name
    assert results["none.counts"]["rows"] == N
    assert results["none.articles"]["rows"] == N and results["article"]["rows"] == 1
    # the actors page: the chosen actor's cards, the actor-against-actor lists and the matrix of statements
    assert results["actor.actor_detail"]["rows"] and results["actor.actor_sides"]["rows"]
    assert results["actor.actor_pair_rows"]["rows"] and results["none.matrix_speaks"]["rows"]


def test_the_cli_runs_the_app_benchmark(monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad import bench

    monkeypatch.setattr("marsad.bench.app.bench_app", lambda sizes, **options: (sizes, options))
    assert bench.run("app", sizes="10, 20") == ([10, 20], {"url": None, "pages": True})
    assert bench.run("app", sizes="30", url="postgresql://x/y", pages=False)[1] == {"url": "postgresql://x/y",
                                                                                   "pages": False}


def test_generated_facet_rows_match_a_rebuild_from_the_tables(built) -> None:
    url, _generator, _stats = built
    store = Store(url)
    query = sa.select(db.article_facets).order_by(db.article_facets.c.article_id)
    with store.engine.connect() as conn:
        generated = [tuple(r) for r in conn.execute(query)]
    store.rebuild_facets()
    with store.engine.connect() as conn:
        rebuilt = [tuple(r) for r in conn.execute(query)]
    assert generated == rebuilt and len(rebuilt) == N
