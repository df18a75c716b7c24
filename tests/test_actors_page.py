"""The actors page under AppTest: it opens on the most-mentioned actor, its table is searched (English or
Arabic, loosely spelled) and paged 50 at a time with the page in the URL, discovered speakers show their
role, and the sidebar's actor role decides what an actor's cards are. The map's places table is searched
and paged alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from marsad.records import Actor, Analysis, Article, Mention, Statement
from marsad.store import Store
from tests.test_pages import (  # noqa: F401 - fresh_caches and server_mode: autouse fixtures, as in test_pages
    cards,
    fresh_caches,
    infos,
    open_page,
    page_path,
    server_mode,
)

MANY = 120  # actors in the synthetic store: three pages of 50
DISCOVERED = 7


@pytest.fixture
def seeds(processed_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MARSAD_DB", processed_db)
    return processed_db


@pytest.fixture
def many_actors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One article naming 120 actors; actor-000 five times (the most mentioned), the last seven discovered
    speakers with a role."""
    text = "قال المتحدث إن الوضع هادئ."
    actors, mentions = {}, []
    for i in range(MANY):
        discovered = i >= MANY - DISCOVERED
        actor_id = f"person-{i:03d}" if discovered else f"actor-{i:03d}"
        actors[actor_id] = Actor(actor_id, f"Name {i:03d}", f"اسم رقم {i:03d}", "person",
                                 role="Its spokesman" if discovered else None, discovered=discovered)
        mentions += [Mention(0, 3, "قال", "PERSON", actor_id, "lexicon")] * (5 if i == 0 else 1)
    actors["khalifa-haftar"] = Actor("khalifa-haftar", "Khalifa Haftar", "خليفة حفتر", "person")
    mentions.append(Mention(0, 3, "قال", "PERSON", "khalifa-haftar", "lexicon"))
    statement = Statement(0, len(text), text, "person-119", "said", "قال", "neutral", "الوضع هادئ", False,
                          date(2019, 4, 7), "reported")
    url = f"sqlite:///{tmp_path / 'many.sqlite'}"
    Store(url).save(Analysis(article=Article("many", "عنوان", text, "مصدر", published=date(2019, 4, 7)),
                             mentions=mentions, actors=actors, statements=[statement]))
    monkeypatch.setenv("MARSAD_DB", url)
    return url


def table(at) -> list[str]:  # noqa: ANN001 - an AppTest
    return at.dataframe[0].value["name_en"].tolist()


def test_opens_on_the_most_mentioned_actor(seeds):
    at = open_page("actors")
    assert at.selectbox[0].value == "khalifa-haftar"
    assert at.query_params["who"] == "khalifa-haftar"
    assert "Khalifa Haftar" in [s.value for s in at.subheader]
    assert table(at)[0] == "Khalifa Haftar", "the table lists the most mentioned first"
    # he makes no statement in the seeds: his cards are the statements naming him, and his events
    shown = cards(at)
    assert shown and any("Khalifa" not in card.split('class="quote"')[0] for card in shown)


def test_opens_on_the_most_mentioned_of_a_synthetic_store(many_actors):
    at = open_page("actors")
    assert at.selectbox[0].value == "actor-000" and table(at)[0] == "Name 000"


def test_the_table_is_searched_in_english_and_arabic(seeds):
    at = open_page("actors")
    everyone = table(at)
    at.text_input(key="table_actors_q").input("haft").run()
    assert table(at) == ["Khalifa Haftar"] and at.query_params["actors_q"] == "haft"
    for query in ("حفتر", "خليفه", "خَلِيفَة", "الامم"):  # ta marbuta, diacritics, hamza on alef
        at.text_input(key="table_actors_q").input(query).run()
        assert table(at) and set(table(at)) < set(everyone), query
    at.text_input(key="table_actors_q").input("الامم").run()
    assert "United Nations" in table(at)
    at.text_input(key="table_actors_q").input("nobody-by-that-name").run()
    assert not at.dataframe and any("No actors match" in i for i in infos(at))
    at.text_input(key="table_actors_q").input("").run()
    assert table(at) == everyone and "actors_q" not in at.query_params


def test_a_search_link_opens_searched(seeds):
    at = open_page("actors", actors_q="حفتر")
    assert at.text_input(key="table_actors_q").value == "حفتر" and table(at) == ["Khalifa Haftar"]


def test_the_table_is_paged_fifty_at_a_time(many_actors):
    at = open_page("actors")
    first = table(at)
    assert len(first) == 50 and first[0] == "Name 000"
    assert any(c.value == "Actors 1–50 of 121" for c in at.caption)
    next(b for b in at.button if b.label == "Next →").click().run()
    assert at.query_params["actors_page"] == "2"
    second = table(at)
    assert len(second) == 50 and not set(first) & set(second)
    next(b for b in at.button if b.label == "Next →").click().run()
    assert len(table(at)) == 21 and at.query_params["actors_page"] == "3"
    assert next(b for b in at.button if b.label == "Next →").disabled
    # a new search starts on its first page
    at.text_input(key="table_actors_q").input("name 1").run()
    assert "actors_page" not in at.query_params and len(table(at)) == 20  # Name 100 ... Name 119


def test_a_page_link_opens_on_that_page(many_actors):
    at = open_page("actors", actors_page="3")
    assert len(table(at)) == 21
    assert len(table(open_page("actors", actors_page="99"))) == 21, "past the last page: the last page"
    assert len(table(open_page("actors", actors_page="junk"))) == 50


def test_discovered_speakers_show_their_role(many_actors):
    at = open_page("actors")
    at.checkbox(key="table_discovered").check().run()
    assert at.query_params["discovered"] == "1"
    frame = at.dataframe[0].value
    assert len(frame) == DISCOVERED and frame["discovered"].all()
    assert set(frame["role"]) == {"Its spokesman"}
    at.checkbox(key="table_discovered").uncheck().run()
    assert "discovered" not in at.query_params and len(table(at)) == 50
    at = open_page("actors", who="person-119")
    assert "Its spokesman" in at.selectbox[0].format_func("person-119")
    assert any("Its spokesman" in m.value and "discovered in the text" in m.value for m in at.markdown)


def test_the_role_picks_the_actors_cards(seeds):
    at = open_page("actors", actor="khalifa-haftar", **{"as": "mentioned"})
    assert at.radio(key="f_actor_role").value == "mentioned"
    shown = cards(at)
    assert len(shown) >= 5 and all('<span class="who">Khalifa Haftar</span>' not in card for card in shown)
    assert any(m.value.startswith("**Statements naming them (by others)") for m in at.markdown)
    assert "Khalifa Haftar &#40;mentioned&#41;" in at.caption[0].value  # escaped for markdown
    at = open_page("actors", actor="khalifa-haftar", **{"as": "speaker"})
    assert "No statements by this actor under these filters." in infos(at) and not cards(at)
    at.radio(key="f_actor_role").set_value("participant").run()
    assert at.query_params["as"] == "participant"
    assert cards(at) and any(m.value.startswith("**Events they take part in") for m in at.markdown)
    at.radio(key="f_actor_role").set_value("any").run()
    assert "as" not in at.query_params


def test_claims_and_denials_of_a_chosen_actor(seeds):
    at = open_page("actors", actor="gna", who="gna", view="claims")
    assert any(c.value.startswith("Paired because ") for c in at.caption)
    bodies = [m.value for m in at.markdown]
    claims = [bodies[i + 1] for i, body in enumerate(bodies) if body == "**Claim**"]
    assert claims and all("Government of National Accord" in claim for claim in claims)
    at = open_page("actors", actor="gna", who="gna", view="claims", **{"as": "participant"})
    assert "No denial in these statements contradicts another speaker's claim." in infos(at)


def test_the_places_table_is_searched_and_paged(seeds):
    at = open_page("map")
    everything = table(at)
    at.text_input(key="table_places_q").input("طرابلس").run()
    found = table(at)
    assert "Tripoli" in found and len(found) < len(everything) and at.query_params["places_q"] == "طرابلس"
    at = open_page("map", places_q="tripoli")
    assert "Tripoli" in table(at) and "Sirte" not in table(at)


def test_one_view_at_a_time_kept_in_the_url_and_the_session(seeds):
    at = open_page("actors", who="khalifa-haftar")
    view = at.segmented_control(key="actors_view")
    assert view.value == "items" and "view" not in at.query_params and cards(at) and not at.tabs
    view.set_value("sides").run()
    assert at.query_params["view"] == "sides" and at.tabs[0].label.startswith("Acts on (")
    assert not any(m.value.startswith("**Events they take part in") for m in at.markdown), "one view at a time"
    at.switch_page(page_path("timeline")).run()
    at.switch_page(page_path("actors")).run()  # a sidebar link: the view is this session's
    assert at.segmented_control(key="actors_view").value == "sides" and at.query_params["view"] == "sides"
    at.segmented_control(key="actors_view").set_value(None).run()  # unselected: the default
    assert "view" not in at.query_params and cards(at)
    at = open_page("actors", view="nonsense")
    assert at.segmented_control(key="actors_view").value == "items" and "view" not in at.query_params


def test_the_cards_say_how_many_there_are_beyond_those_listed(tmp_path, monkeypatch):
    sentence = "قال المتحدث إن الوضع هادئ."
    text = " ".join([sentence] * 210)
    step = len(sentence) + 1
    statements = [Statement(i * step, i * step + len(sentence), sentence, "speaker", "said", "قال", "neutral",
                            "الوضع هادئ", False, date(2019, 4, 7), "reported") for i in range(210)]
    url = f"sqlite:///{tmp_path / 'talkative.sqlite'}"
    Store(url).save(Analysis(article=Article("talk", "عنوان", text, "مصدر", published=date(2019, 4, 7)),
                             mentions=[Mention(0, 3, "قال", "PERSON", "speaker", "lexicon")],
                             actors={"speaker": Actor("speaker", "A Speaker", "متحدث", "person")},
                             statements=statements))
    monkeypatch.setenv("MARSAD_DB", url)
    at = open_page("actors", who="speaker")
    assert "**Statements by or naming them (the 200 newest of 210)**" in [m.value for m in at.markdown]
    assert len(cards(at)) == 200
