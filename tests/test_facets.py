"""Derived data (marsad.store.facets, statement_entities) against a brute-force reading of the store's own tables."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from marsad.bench.app import Generator, build_store, template_analyses
from marsad.filters import Filters
from marsad.lexicon import load_lexicon
from marsad.pipeline import analyse
from marsad.records import Article
from marsad.store import Store
from marsad.store import pairs as actor_pairs
from marsad.store import schema as db
from marsad.store import store as store_module
from marsad.store.facets import Facets, facet_row

N = 240


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('facets') / 'facets.sqlite'}"
    build_store(url, N, Generator(template_analyses(corpus_limit=0), load_lexicon()), chunk=100)
    return url


def _table(store: Store, table: sa.Table) -> pd.DataFrame:
    with store.engine.connect() as conn:
        return pd.DataFrame(conn.execute(sa.select(table)).mappings().all())


def _expected_totals(store: Store, filters: Filters, kind: str) -> dict[str, tuple[int, int]]:
    """entity -> (mentions, articles), straight from the mentions table."""
    mentions, articles = _table(store, db.mentions), _table(store, db.articles)
    keep = set(articles["article_id"])
    restrict = ("places", "sources") if kind == "actors" else ("actors", "sources")
    if "sources" in restrict and filters.sources:
        keep &= set(articles.loc[articles["source"].isin(filters.sources), "article_id"])
    for field in restrict:
        if field != "sources" and getattr(filters, field):
            keep &= set(mentions.loc[mentions["entity_id"].isin(getattr(filters, field)), "article_id"])
    if filters.date_from or filters.date_to:
        low, high = filters.date_from or date.min, filters.date_to or date.max
        dated = pd.concat([_table(store, db.statements)[["article_id", "date"]],
                           _table(store, db.events)[["article_id", "date"]]]).dropna()
        in_range = set(dated.loc[dated["date"].between(low, high), "article_id"])
        published = articles.dropna(subset=["published"])
        in_range |= set(published.loc[published["published"].between(low, high), "article_id"])
        keep &= in_range
    chosen = filters.actors if kind == "actors" else filters.places
    rows = mentions[mentions["article_id"].isin(keep)]
    if chosen:
        rows = rows[rows["entity_id"].isin(chosen)]
    universe = set(_table(store, db.actors if kind == "actors" else db.places).iloc[:, 0])
    rows = rows[rows["entity_id"].isin(universe)]
    grouped = rows.groupby("entity_id").agg(mentions=("id", "size"), articles=("article_id", "nunique"))
    return {e: (int(r.mentions), int(r.articles)) for e, r in grouped.iterrows()}


def _filters(store: Store) -> list[Filters]:
    actors = list(store.actors()["actor_id"])
    places = list(store.places()["place_id"])
    low, high = store.date_span()
    middle = low + (high - low) / 2
    return [
        Filters(),
        Filters(actors=(actors[0],)),
        Filters(actors=(actors[1], actors[-1])),
        Filters(places=(places[0],)),
        Filters(places=(places[-1],), actors=(actors[0],)),
        Filters(date_from=middle, date_to=middle + (high - low) / 10),
        Filters(actors=(actors[0],), date_from=low, date_to=middle),
        Filters(sources=tuple(store.sources()[:1])),
        Filters(event_types=("armed_clash",)),
    ]


def test_actor_and_place_totals_match_the_mentions_table(url):
    store = Store(url)
    for filters in _filters(store):
        for kind in ("actors", "places"):
            frame = getattr(store, kind)(filters)
            key = "actor_id" if kind == "actors" else "place_id"
            got = {r[key]: (int(r["mentions"]), int(r["articles"])) for _, r in frame.iterrows()}
            assert got == _expected_totals(store, filters, kind), (kind, filters)
            assert list(frame["mentions"]) == sorted(frame["mentions"], reverse=True), "most mentioned first"


def test_article_counts_match_the_articles_listed(url):
    store = Store(url)
    for filters in _filters(store):
        counts = store.counts(filters)
        listed = store.articles(filters)
        assert counts["articles"] == len(listed), filters
        assert counts["first"] == min(listed["published"], default=None)
        assert counts["last"] == max(listed["published"], default=None)
        assert counts["sources"] == sorted(set(listed["source"].dropna()))
        assert counts["actors"] == len(store.actors(filters)) and counts["places"] == len(store.places(filters))


def test_a_write_reloads_the_index(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'm.sqlite'}")
    assert store.counts()["articles"] == 0 and store.actors().empty
    text = "قال المشير خليفة حفتر إن قواته تقدمت نحو طرابلس."
    store.save(analyse(Article(article_id="a1", title="حفتر", text=text, published=date(2019, 4, 5))))
    assert store.counts()["articles"] == 1
    assert "khalifa-haftar" in set(store.actors()["actor_id"])
    assert "ly-tripoli" in set(store.places()["place_id"])


def test_a_store_without_facet_rows_gets_them_on_open(url, tmp_path):
    store = Store(url)
    before = store.actors(Filters(places=(store.places()["place_id"].iloc[0],)))
    with store.engine.begin() as conn:
        conn.execute(db.article_facets.delete())  # as a store written by an older Marsad
    assert Store(url).count("article_facets") == N
    after = Store(url).actors(Filters(places=(store.places()["place_id"].iloc[0],)))
    pd.testing.assert_frame_equal(before, after)


def test_rows_with_unpaired_counts_are_rebuilt(url):
    store = Store(url)
    expected = store.counts()
    with store.engine.begin() as conn:
        conn.execute(db.article_facets.update().values(mentions="1"))
        conn.execute(db.store_meta.update().values(value=db.store_meta.c.value + 1))
    assert store.counts() == expected


def test_facets_from_rows_by_hand():
    rows = [
        tuple(facet_row("a", date(2019, 4, 7), False, "الجزيرة", ["tripoli", "haftar", "tripoli"], [date(2019, 4, 6)]).values()),
        tuple(facet_row("b", None, True, None, ["haftar"], [None, date(2020, 1, 1)]).values()),
        tuple(facet_row("c", date(2019, 5, 1), False, "BBC", [], []).values()),
    ]
    facets = Facets.from_rows(rows)
    totals = facets.entity_totals(Filters()).set_index("entity_id")
    assert totals.loc["tripoli"].tolist() == [2, 1] and totals.loc["haftar"].tolist() == [2, 2]
    assert facets.article_counts(Filters(actors=("haftar",))) == {
        "articles": 2, "first": date(2019, 4, 7), "last": date(2019, 4, 7), "inferred": 1, "sources": ["الجزيرة"]}
    # b has no publication date but reports something on 1 January 2020
    assert facets.articles_matching(Filters(date_from=date(2019, 12, 1))).tolist() == [False, True, False]
    assert facets.articles_matching(Filters(date_to=date(2019, 4, 6))).tolist() == [True, False, False]
    assert facets.article_counts(Filters(sources=("BBC",)))["articles"] == 1
    empty = Facets.from_rows([])
    assert empty.entity_totals(Filters()).empty and empty.article_counts(Filters())["articles"] == 0


def test_statement_entities_are_the_mentions_inside_each_statement(url):
    store = Store(url)
    mentions, said = _table(store, db.mentions), _table(store, db.statements)
    joined = said[["statement_id", "article_id", "start", "end"]].merge(
        mentions[["article_id", "start", "end", "entity_id"]], on="article_id", suffixes=("", "_m"))
    inside = joined[(joined["start_m"] >= joined["start"]) & (joined["end_m"] <= joined["end"])]
    expected = set(zip(inside["statement_id"], inside["entity_id"], strict=True))
    linked = _table(store, db.statement_entities)
    assert set(zip(linked["statement_id"], linked["entity_id"], strict=True)) == expected and expected
    place = store.places()["place_id"].iloc[0]
    about = store.statements(Filters(places=(place,)))
    assert set(about["statement_id"]) == {s for s, e in expected if e == place}


def test_saving_an_article_again_replaces_its_derived_rows(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'm.sqlite'}")
    text = "وقال المتحدث باسم الجيش الوطني الليبي أحمد المسماري إن قواته سيطرت على مطار طرابلس."
    analysis = analyse(Article(article_id="a1", title="المسماري", text=text, published=date(2019, 4, 6)))
    store.save(analysis)
    first = {t: store.count(t) for t in ("statement_entities", "article_facets", "statements")}
    store.save(analysis)
    assert {t: store.count(t) for t in first} == first and first["statement_entities"] > 0
    written = _table(store, db.statement_entities)
    with store.engine.begin() as conn:  # the links written with the article are those the span join finds
        conn.execute(db.statement_entities.delete())
        store._link_statement_entities(conn)
    pd.testing.assert_frame_equal(written.sort_values(["statement_id", "entity_id"], ignore_index=True),
                                  _table(store, db.statement_entities).sort_values(["statement_id", "entity_id"],
                                                                                   ignore_index=True))


def test_large_selection_plans_return_what_the_small_ones_do(url, monkeypatch):
    """Past a threshold the store walks by date and probes each row (lists) or walks each place (map
    popups); with the thresholds at 0 every filter takes that path and must find the same rows."""
    store = Store(url)
    cases = _filters(store)
    calls = {
        "statements": lambda f: store.statements(f, limit=25, newest_first=True)["statement_id"].tolist(),
        "events": lambda f: store.events(f, limit=25)["event_id"].tolist(),
        "events_per_place": lambda f: store.events_per_place(f)["event_id"].tolist(),
        "statements_per_place": lambda f: store.statements_per_place(f)[["place_id", "statement_id"]].values.tolist(),
    }
    small = {(name, i): call(f) for name, call in calls.items() for i, f in enumerate(cases)}
    monkeypatch.setattr(store_module, "PROBE_ABOVE", 0)
    monkeypatch.setattr(store_module, "RANK_AT_MOST", 0)
    large = {(name, i): call(f) for name, call in calls.items() for i, f in enumerate(cases)}
    assert large == small
    assert any(small[("events", i)] for i in range(len(cases))), "the filters find rows"


@pytest.mark.parametrize("unit, period", [("week", "W-SUN"), ("month", "M")])
def test_timeline_counts_per_week_and_month_add_up_the_days(url, unit, period):
    store = Store(url)
    for filters in _filters(store)[:4]:
        daily = store.timeline_counts(filters)
        expected = (daily.assign(date=daily["date"].dt.to_period(period).dt.start_time)
                    .groupby(["date", "lane", "kind"], as_index=False)["items"].sum())
        binned = store.timeline_counts(filters, unit).sort_values(["date", "lane"], ignore_index=True)
        pd.testing.assert_frame_equal(binned, expected.sort_values(["date", "lane"], ignore_index=True),
                                      check_dtype=False)
        if unit == "week":
            assert all(day.weekday() == 0 for day in binned["date"]), "weeks start on Monday"


def test_newest_statements_per_place_match_the_tables(url):
    store = Store(url)
    said, linked = _table(store, db.statements), _table(store, db.statement_entities)
    place_ids = set(_table(store, db.places)["place_id"])
    for filters in _filters(store)[:5]:
        kept = set(store.statements(filters)["statement_id"])
        rows = linked[linked["entity_id"].isin(place_ids) & linked["statement_id"].isin(kept)].merge(
            said[["statement_id", "date"]], on="statement_id", suffixes=("_link", ""))
        if filters.places:
            rows = rows[rows["entity_id"].isin(filters.places)]
        rows = rows.sort_values(["entity_id", "date", "statement_id"], ascending=[True, False, True])
        expected = rows.groupby("entity_id").head(2)[["entity_id", "statement_id"]].values.tolist()
        got = store.statements_per_place(filters)
        assert got[["place_id", "statement_id"]].values.tolist() == expected, filters
        assert {"speaker_en", "verb", "quote", "date_precision"} <= set(got.columns)


def test_answers_from_the_link_tables_match_the_main_tables(url, monkeypatch):
    """One actor's events are read off event_actors, one place's statements off statement_entities
    (they repeat date, place, type, speaker): the same answers as from events and statements."""
    store = Store(url)
    actor = store.actors()["actor_id"].iloc[1]
    place = store.events(Filters(actors=(actor,)))["place_id"].value_counts().index[0]  # named by statements too
    speaker = store.statements(Filters(places=(place,)))["speaker_id"].dropna().iloc[0]
    low, high = store.date_span()
    cases = [Filters(actors=(actor,)), Filters(actors=(actor,), date_from=low, date_to=low + (high - low) / 3),
             Filters(actors=(actor,), places=(place,)), Filters(actors=(actor,), event_types=("armed_clash", "attack")),
             Filters(places=(place,)), Filters(places=(place,), date_from=low + (high - low) / 2),
             Filters(places=(place,), actors=(speaker,))]

    def answers() -> list:
        out = []
        for f in cases:
            out.append(store.place_event_types(f).sort_values(["place_id", "type"], ignore_index=True))
            out.append(store.timeline_counts(f, "month").sort_values(["date", "lane"], ignore_index=True))
            out.append(store.events_per_place(f).reset_index(drop=True))
            out.append(pd.DataFrame([store.counts(f, entities=False)]))
            out.append(store.events(f, limit=10_000, newest_first=True))  # all of them: chosen on a link table
            out.append(store.statements(f, limit=10_000, newest_first=True))
            for newest_first in (True, False):  # past the limit: cut at the limit-th date, ties kept, then cut
                out.append(store.events(f, limit=7, newest_first=newest_first))
                out.append(store.statements(f, limit=7, newest_first=newest_first))
        return out

    monkeypatch.setattr(store_module, "RANK_AT_MOST", 0)  # newest per place: the walk, on either table
    fast = answers()
    monkeypatch.setattr(Store, "_one_actor", staticmethod(lambda filters: False))
    monkeypatch.setattr(Store, "_one_place", staticmethod(lambda filters: False))
    for got, expected in zip(fast, answers(), strict=True):
        pd.testing.assert_frame_equal(got, expected)
    assert all(len(frame) for frame in fast[4::10]) and all(len(frame) for frame in fast[5::10][4:])
    assert all(len(frame) == 7 for frame in fast[7::10][4:]), "one place's statements: more than the limit"


def test_a_store_without_the_event_columns_of_event_actors_gets_them(url, tmp_path):
    import shutil

    copy = tmp_path / "old.sqlite"
    shutil.copy(url.removeprefix("sqlite:///"), copy)
    with sa.create_engine(f"sqlite:///{copy}").begin() as conn:  # as a store from before these columns
        conn.exec_driver_sql("DROP INDEX ix_event_actors_actor_place")
        for name in ("type", "place_id", "date"):
            conn.exec_driver_sql(f"ALTER TABLE event_actors DROP COLUMN {name}")
    old = Store(f"sqlite:///{copy}")
    expected = _table(Store(url), db.event_actors).sort_values(["event_id", "actor_id"], ignore_index=True)
    pd.testing.assert_frame_equal(_table(old, db.event_actors).sort_values(["event_id", "actor_id"], ignore_index=True),
                                  expected)


def test_who_mentions_whom_matches_the_tables(url):
    store = Store(url)
    said, linked = _table(store, db.statements), _table(store, db.statement_entities)
    pairs = linked.merge(said[["statement_id", "speaker_id"]], on="statement_id", suffixes=("_link", ""))
    pairs = pairs[pairs["speaker_id"].notna() & (pairs["speaker_id"] != pairs["entity_id"])]
    actor_ids = set(_table(store, db.actors)["actor_id"])
    pairs = pairs[pairs["entity_id"].isin(actor_ids)]
    checked = 0
    for actor in store.actors()["actor_id"].head(6):
        by = pairs[pairs["entity_id"] == actor]["speaker_id"].value_counts()
        got = actor_pairs.sides(store, Filters(), actor, actor_pairs.SPEAKS, actor_pairs.IN)
        assert dict(zip(got["other_id"], got["items"], strict=True)) == by.to_dict(), actor
        named = pairs[pairs["speaker_id"] == actor]["entity_id"].value_counts()
        got = actor_pairs.sides(store, Filters(), actor, actor_pairs.SPEAKS, actor_pairs.OUT)
        assert dict(zip(got["other_id"], got["items"], strict=True)) == named.to_dict(), actor
        checked += len(by) + len(named)
    assert checked, "some actor mentions another"


def _one_article_store(path, text: str, article_id: str) -> Store:
    store = Store(f"sqlite:///{path}")
    store.save(analyse(Article(article_id=article_id, title="عنوان", text=text, published=date(2019, 4, 6))))
    return store


SIRTE = "وقال المتحدث باسم الجيش الوطني الليبي أحمد المسماري إن قواته سيطرت على مطار طرابلس."
SABHA = "وأكد وزير الداخلية فتحي باشاغا أن الوضع مستقر في مدينة سبها."


def test_the_index_is_kept_beside_the_store_for_the_next_process(tmp_path, monkeypatch):
    db_file = tmp_path / "m.sqlite"
    first = _one_article_store(db_file, SIRTE, "a1")
    built = first.facets()
    saved = tmp_path / "m.sqlite-facets.npz"
    assert saved.exists()
    monkeypatch.setattr(Store, "_read_facets", lambda self: pytest.fail("read the rows instead of the file"))
    loaded = Store(first.url).facets()  # a new process: the file, not the rows
    for name in ("article_ids", "entity_ids", "pair_article", "pair_entity", "pair_mentions", "published",
                 "dated_day", "source_codes"):
        assert list(getattr(loaded, name)) == list(getattr(built, name)), name
    assert loaded.sources == built.sources and isinstance(loaded.article_ids[0], str)


def test_a_saved_index_of_another_state_of_the_store_is_not_used(tmp_path):
    db_file = tmp_path / "m.sqlite"
    store = _one_article_store(db_file, SIRTE, "a1")
    store.facets()
    store.save(analyse(Article(article_id="a2", title="عنوان", text=SABHA, published=date(2019, 4, 7))))
    assert len(Store(store.url).facets().article_ids) == 2, "a write since the file was saved"
    # the store deleted and built again: the same version, another store
    for path in tmp_path.glob("m.sqlite*"):
        if not path.name.endswith(".npz"):
            path.unlink()
    other = _one_article_store(db_file, SABHA, "b1")
    other.save(analyse(Article(article_id="b2", title="عنوان", text=SIRTE, published=date(2019, 4, 7))))
    assert sorted(Store(other.url).facets().article_ids) == ["b1", "b2"]
    (tmp_path / "m.sqlite-facets.npz").write_bytes(b"not numpy")  # damaged: rebuilt from the rows
    assert sorted(Store(other.url).facets().article_ids) == ["b1", "b2"]


@pytest.mark.parametrize("damage", ["truncated", "empty", "zip of junk"])
def test_a_damaged_index_file_is_rebuilt_and_saved_again(tmp_path, damage):
    store = _one_article_store(tmp_path / "m.sqlite", SIRTE, "a1")
    store.facets()
    saved = tmp_path / "m.sqlite-facets.npz"
    whole = saved.read_bytes()
    if damage == "truncated":
        saved.write_bytes(whole[: len(whole) // 2])
    elif damage == "empty":
        saved.write_bytes(b"")
    else:
        import zipfile

        with zipfile.ZipFile(saved, "w") as junk:
            junk.writestr("key.npy", b"junk")
    assert list(Store(store.url).facets().article_ids) == ["a1"]
    assert saved.read_bytes() == whole, "saved again, whole"
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("role", ["any", "mentioned"])
@pytest.mark.parametrize("newest_first", [True, False])
def test_an_actors_first_statements_are_those_of_the_whole_list(url, role, newest_first):
    """A limited list of the statements by or naming an actor (each set chosen apart on its index, then
    together) is the head of the whole list, ties on the edge date included."""
    store = Store(url)
    actor = store.actors()["actor_id"].iloc[0]
    first, last = store.date_span()
    for filters in (Filters(actors=(actor,), actor_role=role),
                    Filters(actors=(actor,), actor_role=role, date_from=first + (last - first) / 3, date_to=last)):
        whole = store.statements(filters, newest_first=newest_first)["statement_id"].tolist()
        assert len(whole) > 40, "more than the limits below"
        for limit in (1, 7, 40):
            assert store.statements(filters, limit=limit, newest_first=newest_first)["statement_id"].tolist() \
                == whole[:limit], (filters, limit)
