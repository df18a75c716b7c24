"""The seeds end to end: what the foundation issue says the exports must contain."""

from dataclasses import replace
from datetime import date

import pytest

from marsad.export import records
from marsad.ingest import read_paths
from marsad.lexicon import load_lexicon
from marsad.pipeline import analyse, infer_published
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def exported(processed_store) -> dict[str, list[dict]]:
    return {kind: list(records(processed_store, kind))
            for kind in ("articles", "places", "actors", "statements", "events")}


@pytest.mark.parametrize("place_id, lat, lon", [
    ("ly-tripoli", 32.89, 13.19), ("ly-janzour", 32.82, 13.02), ("ly-palm-city", 32.83, 12.99),
    ("ly-misrata", 32.38, 15.09), ("ly-sirte", 31.21, 16.59), ("ly-ain-zara", 32.80, 13.24),
    ("ly-khallat-furjan", 32.77, 13.20), ("ly-yarmouk-camp", 32.79, 13.19),
])
def test_seed_places_with_libyan_coordinates(exported, place_id: str, lat: float, lon: float) -> None:
    places = {p["place_id"]: p for p in exported["places"]}
    assert place_id in places
    place = places[place_id]
    assert place["country"] == "LY" and abs(place["lat"] - lat) < 0.05 and abs(place["lon"] - lon) < 0.05
    assert place["mentions"] >= 1 and place["article_ids"]


def test_no_lebanese_or_syrian_places_in_libya_articles(exported) -> None:
    assert not {p["country"] for p in exported["places"]} & {"LB", "SY"}


@pytest.mark.parametrize("actor_id", ["khalifa-haftar", "africom", "thomas-waldhauser", "heiko-maas",
                                      "mikhail-bogdanov", "fayez-al-sarraj", "gna", "g7", "aljazeera"])
def test_seed_registry_actors(exported, actor_id: str) -> None:
    assert actor_id in {a["actor_id"] for a in exported["actors"]}


@pytest.mark.parametrize("name_ar, name_en", [("مهند يونس", "Mohanad Younis"), ("كارل ويست", "Karl West"),
                                              ("أحمد خليفة", "Ahmed Khalifa")])
def test_discovered_spokesmen_and_correspondent(exported, name_ar: str, name_en: str) -> None:
    found = [a for a in exported["actors"] if a["name_ar"] == name_ar]
    assert found and found[0]["discovered"] and found[0]["name_en"] == name_en and found[0]["role"]


def _by(exported, speaker_en: str) -> list[dict]:
    return [s for s in exported["statements"] if s["speaker_en"] == speaker_en]


def test_statements_named_in_the_issue(exported) -> None:
    assert len(_by(exported, "Thomas Waldhauser")) >= 2
    assert any(s["direct"] for s in _by(exported, "Heiko Maas"))
    assert len(_by(exported, "Mohanad Younis")) == 2
    assert _by(exported, "Karl West")
    denials = [s for s in exported["statements"] if s["speaker_id"] == "africom" and s["stance"] == "deny"]
    assert denials and "إعادة قوة أميركية" in denials[0]["quote"]
    italian = [s for s in exported["statements"] if s["speaker_id"] == "enzo-moavero-milanesi"]
    assert any(s["date"] == "2019-04-06" and s["date_precision"] == "day" for s in italian)


def test_statement_provenance(exported, processed_store) -> None:
    for statement in exported["statements"]:
        text = processed_store.article(statement["article_id"])["text"]
        assert text[statement["start"]:statement["end"]] == statement["sentence"]


def test_evacuation_of_7_april_and_clashes_south_of_tripoli(exported) -> None:
    evacuations = [e for e in exported["events"] if e["type"] == "evacuation"]
    assert any(e["date"] == "2019-04-07" for e in evacuations)
    clashes = {e["place_id"] for e in exported["events"] if e["type"] == "armed_clash"}
    assert {"ly-khallat-furjan", "ly-yarmouk-camp"} <= clashes


def test_published_dates(exported) -> None:
    articles = {a["title"][:10]: a for a in exported["articles"]}
    first = next(a for t, a in articles.items() if t.startswith("أمريكا"))
    second = next(a for t, a in articles.items() if t.startswith("عودة"))
    assert first["published"] == "2019-04-07" and not first["published_inferred"]
    # No date of its own: the latest one it mentions, the photo caption's "April 28, 2019", as a lower bound.
    assert second["published"] == "2019-04-28" and second["published_inferred"]


def test_undated_article_without_dates_stays_undated() -> None:
    from marsad.records import Article

    article = infer_published(Article("x", "t", "قال المتحدث إن القوات انسحبت من المدينة"))
    assert article.published is None and not article.published_inferred


def test_analysis_offsets_point_into_the_untouched_text() -> None:
    articles, _ = read_paths([SEEDS])
    lexicon = load_lexicon()
    for article in articles:
        analysis = analyse(article, lexicon)
        assert analysis.article.text == article.text
        for mention in analysis.mentions:
            assert article.text[mention.start:mention.end] == mention.text
        for time in analysis.times:
            assert article.text[time.start:time.end] == time.text
        assert all(isinstance(t.date, date) for t in analysis.times)


def test_a_country_found_by_registry_and_gazetteer_is_one_mention():
    from marsad.pipeline import analyse
    from marsad.records import Article

    text = "وقالت الولايات المتحدة إن قواتها غادرت ليبيا، فيما أكدت الولايات المتحدة أنها تراقب الوضع في طرابلس."
    analysis = analyse(Article(article_id="t1", title="عنوان", text=text))
    spans = [(m.start, m.end, m.entity_id) for m in analysis.mentions]
    assert len(spans) == len(set(spans)), "one mention per span and entity"
    us = [m for m in analysis.mentions if m.text == "الولايات المتحدة"]
    assert len(us) == 2, "each of the two mentions once"


def _title_of(analysis) -> str:  # module level: sent to the worker processes
    if "boom" in analysis.article.text:
        raise RuntimeError("boom")
    return analysis.article.title


@pytest.mark.parametrize("workers", [1, 2])
def test_then_runs_on_each_analysis_where_it_was_made(workers: int) -> None:
    from marsad.pipeline import analyse_tagged
    from marsad.records import Article

    articles = [Article(f"a{n}", f"عنوان {n}", "قال الوزير إن الوضع مستقر." + (" boom" if n == 3 else ""),
                        published=date(2024, 5, 1)) for n in range(12)]
    articles[11] = replace(articles[11], text=articles[11].text + " boom")  # past the first 8: in a worker
    results = list(analyse_tagged(((a, a.article_id) for a in articles), workers=workers, then=_title_of))
    assert [tag for tag, _, _ in results] == [a.article_id for a in articles]
    assert results[3] == ("a3", None, "RuntimeError: boom") and results[11] == ("a11", None, "RuntimeError: boom")
    assert [title for _, title, _ in results if title] == [a.title for a in articles if "boom" not in a.text]


def test_search_keys_made_ahead_are_those_made_when_writing(tmp_path) -> None:
    from marsad.records import Article
    from marsad.store import Store
    from marsad.store.prepared import search_tokens
    from marsad.store.search import search_docs

    text = "وقال المتحدث باسم الجيش نبيل عبد الله: «صددنا الهجوم على الفاشر». وأضاف أن الوضع مستقر."
    analyses = [analyse(Article(f"a{n}", "عنوان", text + " " * n, published=date(2024, 5, 1))) for n in range(3)]
    assert analyses[0].statements
    rows = []
    for made in (None, [search_tokens(a) for a in analyses]):
        store = Store(f"sqlite:///{tmp_path / f'{made is None}.sqlite'}")
        assert store.save_batch(analyses, tokens=made) == []
        with store.engine.connect() as conn:
            rows.append(conn.execute(search_docs.select().order_by(search_docs.c.id)).all())
    assert rows[0] == rows[1] and len(rows[0]) > len(analyses)
