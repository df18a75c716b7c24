from datetime import date

import pytest

from marsad.filters import Filters
from marsad.lexicon import load_lexicon
from marsad.pipeline import analyse
from marsad.process import process_articles
from marsad.records import Article
from marsad.store import Store

TEXT = ("وقال المتحدث باسم الجيش السوداني نبيل عبد الله إن قوات الدعم السريع هاجمت مدينة الفاشر. "
        "وأضاف أن الجيش صد الهجوم.")


def _article(text: str = TEXT, article_id: str = "a1", published: date | None = date(2024, 5, 1)) -> Article:
    return Article(article_id, "عنوان", text, source="test", published=published)


def test_schema_is_created_on_first_use(store: Store) -> None:
    assert store.count("articles") == 0 and store.articles().empty


def test_an_old_store_gets_the_current_indexes_and_loses_retired_ones(store: Store) -> None:
    import sqlalchemy as sa

    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_events_type_date_place")
        conn.exec_driver_sql("DROP INDEX ix_events_agent")  # the actors page's: a store from before them
        conn.exec_driver_sql("DROP INDEX ix_events_target")
        conn.exec_driver_sql("CREATE INDEX ix_events_type_date ON events (type, date)")  # as stores had it
        conn.exec_driver_sql("DROP INDEX ix_statements_stance_article")  # claims & denials': a store from before it
        conn.exec_driver_sql("CREATE INDEX ix_statements_stance ON statements (stance)")  # as stores had it
    reopened = Store(store.url)
    names = {index["name"] for index in sa.inspect(reopened.engine).get_indexes("events")}
    assert {"ix_events_type_date_place", "ix_events_agent", "ix_events_target"} <= names and "ix_events_type_date" not in names
    names = {index["name"] for index in sa.inspect(reopened.engine).get_indexes("statements")}
    assert "ix_statements_stance_article" in names and "ix_statements_stance" not in names


def test_reprocessing_is_idempotent(store: Store) -> None:
    analysis = analyse(_article(), load_lexicon())
    store.save(analysis)
    counts = {t: store.count(t) for t in ("articles", "mentions", "statements", "events")}
    store.save(analysis)
    assert {t: store.count(t) for t in counts} == counts
    assert counts["statements"] == 2


def test_a_failing_save_leaves_nothing_half_written(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = analyse(_article(), load_lexicon())
    broken = analyse(_article(article_id="a2"), load_lexicon())
    broken.events.append(None)  # type: ignore[arg-type]  # fails after the article row was inserted
    report = process_articles([], store)
    assert report.processed == []
    store.save(analysis)
    with pytest.raises(AttributeError):
        store.save(broken)
    assert store.count("articles") == 1
    assert store.statements(article_id="a2").empty


def test_failing_article_is_reported_and_others_are_saved(store: Store, monkeypatch) -> None:
    original = store._article_rows  # one article's rows, made while its batch is written

    def write(analysis, *rows):
        if analysis.article.article_id == "bad":
            raise RuntimeError("disk full")
        return original(analysis, *rows)

    monkeypatch.setattr(store, "_article_rows", write)
    report = process_articles([_article(article_id="bad"), _article(TEXT + " ", article_id="good")], store,
                              workers=1)
    assert report.processed == ["good"] and "disk full" in report.problems[0]
    assert store.count("articles") == 1 and store.articles()["article_id"].tolist() == ["good"]


def test_filters(store: Store) -> None:
    lexicon = load_lexicon()
    store.save(analyse(_article(), lexicon))
    store.save(analyse(_article("أعلنت قوات الدعم السريع السيطرة على مدينة نيالا في دارفور.", "a3",
                                date(2024, 6, 10)), lexicon))
    assert len(store.articles()) == 2
    assert len(store.articles(Filters(date_from=date(2024, 6, 1)))) == 1
    speakers = set(store.statements()["speaker_en"].dropna())
    assert "Nabil Abdullah" in speakers or any("Abd" in s for s in speakers)
    rsf = store.statements(Filters(actors=("rsf",), actor_role="speaker"))
    assert set(rsf["speaker_id"]) <= {"rsf"}
    naming = store.statements(Filters(actors=("rsf",)))  # by default, the statements naming the RSF too
    assert set(rsf["statement_id"]) <= set(naming["statement_id"])
    places = store.places()
    assert {"El Fasher", "Nyala"} <= {n.split(" (")[0] for n in places["name_en"]}
    one_place = places[places["name_en"].str.startswith("Nyala")]["place_id"].iloc[0]
    assert set(store.events(Filters(places=(one_place,)))["place_id"]) == {one_place}
    assert store.date_span() == (date(2024, 5, 1), date(2024, 6, 10))


def _rows(store: Store, ids: bool = True) -> dict[str, list]:
    import sqlalchemy as sa

    from marsad.store.schema import metadata

    left_out = {"processed_at"} | (set() if ids else {"id"})
    with store.engine.connect() as conn:
        return {name: sorted(map(tuple, conn.execute(sa.select(*(c for c in table.columns if c.name not in left_out))
                                                     ).all()), key=repr)
                for name, table in metadata.tables.items() if name != "store_meta"}


def test_a_batch_writes_what_saving_one_by_one_writes(store: Store, tmp_path) -> None:
    lexicon = load_lexicon()
    texts = [TEXT, "أعلنت قوات الدعم السريع السيطرة على مدينة نيالا في دارفور.", TEXT + " وقال إن الهجوم فشل."]
    first = [analyse(_article(text, f"a{n}"), lexicon) for n, text in enumerate(texts)]
    again = analyse(_article(texts[1] + " ", "a1"), lexicon)  # a1 once more, in the same batch and stored before
    one_by_one = Store(f"sqlite:///{tmp_path / 'one.sqlite'}")
    for analysis in [*first, first[0], again, *first[1:]]:
        one_by_one.save(analysis)
    assert store.save_batch(first) == []  # all new: written together
    assert store.save_batch([first[0], again, *first[1:]]) == []  # stored before, and a1 twice
    same_ids = store.engine.dialect.name == "sqlite"  # PostgreSQL's sequences never give an id twice
    assert _rows(store, ids=same_ids) == _rows(one_by_one, ids=same_ids)
    assert store.count("articles") == 3 and store.search_count("نيالا") == one_by_one.search_count("نيالا") > 0


def test_a_batch_mixing_new_stored_and_repeated_articles_writes_what_one_by_one_writes(store: Store, tmp_path,
                                                                                          monkeypatch) -> None:
    lexicon = load_lexicon()
    texts = [TEXT, "أعلنت قوات الدعم السريع السيطرة على مدينة نيالا في دارفور.",
             "قال المتحدث باسم الجيش السوداني إن قواته صدت هجوما على الفاشر.",
             "أفادت مصادر محلية بمقتل ثلاثة مدنيين في قصف على مدينة تعز."]
    stored = analyse(_article(texts[0], "a0"), lexicon)
    new = [analyse(_article(text, f"b{n}"), lexicon) for n, text in enumerate(texts[1:])]
    b0_again = analyse(_article(texts[1] + " وأضاف أن المعارك مستمرة.", "b0"), lexicon)
    batch = [new[0], stored, new[1], new[2], b0_again]  # a0 stored before, b0 twice
    one_by_one = Store(f"sqlite:///{tmp_path / 'one.sqlite'}")
    for analysis in [stored, *batch]:
        one_by_one.save(analysis)
    assert store.save_batch([stored]) == []
    written: list[int] = []
    write = store._write

    def counting(conn, prepared):
        written.append(len(prepared))
        return write(conn, prepared)

    monkeypatch.setattr(store, "_write", counting)
    assert store.save_batch(batch) == []
    # the batch, then b0 alone, a0 alone, the run b1 b2 together, b0 alone again
    assert written == [5, 1, 1, 2, 1]
    same_ids = store.engine.dialect.name == "sqlite"
    assert _rows(store, ids=same_ids) == _rows(one_by_one, ids=same_ids)
    assert store.count("articles") == 4


def _open_at_once(url: str, sessions: int) -> list[Exception]:
    """Open the store at `url` from `sessions` threads released together; the errors they met."""
    import threading

    start, errors = threading.Barrier(sessions), []

    def open_store() -> None:
        start.wait()
        try:
            Store(url).count("articles")
        except Exception as error:  # noqa: BLE001 - what a session would have crashed with
            errors.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_sessions_creating_the_same_store_at_once_both_open_it(tmp_path) -> None:
    """A first run opened in several tabs: they create the schema at the same moment; none fails."""
    for round_ in range(5):
        assert not _open_at_once(f"sqlite:///{tmp_path / f'race{round_}.sqlite'}", 4)
