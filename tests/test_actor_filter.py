"""The actor filter says what it matches (speaker, participant in events, mentioned, or any), on SQLite and
PostgreSQL over the seeds; claims are paired with denials only when they are about the same thing; the
CLI takes actor and place names as well as ids."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from marsad.__main__ import main
from marsad.filters import Filters
from marsad.names import UnknownName, closest, fold, resolve, resolve_many, search
from marsad.store import where
from marsad.store.schema import articles, statement_entities
from marsad.views import claims_and_denials

HAFTAR, AFRICOM = "khalifa-haftar", "africom"
ROLES = ("any", "speaker", "participant", "mentioned")


# --- Filters -------------------------------------------------------------------------------------------


def test_the_role_travels_in_the_url_with_the_actors() -> None:
    filters = Filters.from_query({"actor": HAFTAR, "as": "speaker"})
    assert filters == Filters(actors=(HAFTAR,), actor_role="speaker")
    assert filters.to_query() == {"actor": HAFTAR, "as": "speaker"}
    assert Filters.from_query(filters.to_query()) == filters
    # "any" is the default and stays out of the URL; so does a role without actors (it selects nothing)
    assert Filters(actors=(HAFTAR,)).to_query() == {"actor": HAFTAR}
    assert Filters(actor_role="mentioned").to_query() == {} and Filters(actor_role="mentioned").is_empty()
    assert Filters.from_query({"actor": HAFTAR, "as": "nonsense"}).actor_role == "any"
    assert Filters.from_query({"actor": HAFTAR, "as": ["Participant"]}).actor_role == "participant"
    with pytest.raises(ValueError):
        Filters(actor_role="victim")


def test_the_caption_says_the_role() -> None:
    names = {HAFTAR: "Khalifa Haftar"}
    assert Filters(actors=(HAFTAR,), actor_role="mentioned").describe(names) == "actors: Khalifa Haftar (mentioned)"
    assert Filters(actors=(HAFTAR,)).describe(names) == "actors: Khalifa Haftar"
    assert Filters(actors=(HAFTAR,), actor_role="participant", date_from=date(2019, 4, 4)).describe(names) \
        == "actors: Khalifa Haftar (as participant in events); dates: 4 Apr 2019 – …"


# --- the store, on both databases --------------------------------------------------------------------


def _ids(frame: pd.DataFrame, column: str) -> set[str]:
    return set(frame[column]) if len(frame) else set()


def _matches(store, actor: str, role: str) -> tuple[set[str], set[str]]:
    filters = Filters(actors=(actor,), actor_role=role)
    return _ids(store.statements(filters), "statement_id"), _ids(store.events(filters), "event_id")


def test_khalifa_haftar_says_nothing_in_the_seeds_but_is_named_and_takes_part(processed_store):
    said, said_events = _matches(processed_store, HAFTAR, "speaker")
    named, named_events = _matches(processed_store, HAFTAR, "mentioned")
    took_part, took_part_statements = _matches(processed_store, HAFTAR, "participant")[::-1]
    everything, every_event = _matches(processed_store, HAFTAR, "any")
    assert said == set() and said_events == set(), "no statement of the seeds is Haftar's own"
    assert len(named) >= 5, "others name him: the G7, Italy, Moavero Milanesi, Maas, Russia..."
    assert named_events == set() and took_part_statements == set()
    assert took_part, "the seeds' events name him (a phone call with Bogdanov, an attack, talks with al-Sarraj)"
    assert everything == said | named and every_event == took_part
    statements = processed_store.statements(Filters(actors=(HAFTAR,), actor_role="mentioned"))
    assert not (statements["speaker_id"] == HAFTAR).any()


def test_the_roles_of_a_speaker_split_their_statements(processed_store):
    said, _ = _matches(processed_store, AFRICOM, "speaker")
    named, _ = _matches(processed_store, AFRICOM, "mentioned")
    everything, events = _matches(processed_store, AFRICOM, "any")
    assert said and named and not said & named, "by AFRICOM, or naming it said by someone else"
    assert everything == said | named
    frame = processed_store.statements(Filters(actors=(AFRICOM,), actor_role="speaker"))
    assert set(frame["speaker_id"]) == {AFRICOM}
    with processed_store.engine.connect() as conn:  # every 'mentioned' statement's sentence names AFRICOM
        linked = set(conn.execute(sa.select(statement_entities.c.statement_id)
                                  .where(statement_entities.c.entity_id == AFRICOM)).scalars())
    assert named <= linked
    assert events == _matches(processed_store, AFRICOM, "participant")[1] and events


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", [None, "ly-tripoli"])
def test_counts_and_lists_agree_in_every_role(processed_store, role, place):
    """The counts (read off the link tables for one actor or one place) match the lists (statements and
    events tables), and the map's popups hold only matching rows."""
    for actor in (HAFTAR, AFRICOM):
        filters = Filters(actors=(actor,), actor_role=role, places=(place,) if place else ())
        counts = processed_store.counts(filters, entities=False)
        statements, events = processed_store.statements(filters), processed_store.events(filters)
        assert counts["statements"] == len(statements), (actor, role, place)
        assert counts["events"] == len(events), (actor, role, place)
        assert len(processed_store.statements(filters, limit=3)) == min(3, len(statements))
        assert _ids(processed_store.statements_per_place(filters), "statement_id") <= _ids(statements, "statement_id")
        assert _ids(processed_store.events_per_place(filters), "event_id") <= _ids(events, "event_id")
        by_day = processed_store.timeline_counts(filters)
        assert by_day[by_day["kind"] == "statement"]["items"].sum() == statements["date"].notna().sum()


@pytest.mark.parametrize("role", ROLES)
def test_articles_name_the_actor_whatever_the_role(processed_store, role):
    """The role narrows statements and events; the articles (SQL and the facets index alike) name the actor."""
    filters = Filters(actors=(HAFTAR,), actor_role=role)
    facets = processed_store.facets()
    with processed_store.engine.connect() as conn:
        sql_ids = set(conn.execute(sa.select(articles.c.article_id).where(*where.article_conditions(filters)))
                      .scalars())
    assert sql_ids == set(facets.article_ids[facets.articles_matching(filters)].tolist())
    assert len(sql_ids) == 2


def test_the_full_text_search_follows_the_role(processed_store):
    speaker = processed_store.search_count("طرابلس", Filters(actors=(HAFTAR,), actor_role="speaker"))
    mentioned = processed_store.search_count("طرابلس", Filters(actors=(HAFTAR,), actor_role="mentioned"))
    assert mentioned > speaker


# --- claims and denials --------------------------------------------------------------------------------


def _statement(statement_id: str, speaker: str | None, stance: str, quote: str, article: str = "a") -> dict:
    return {"statement_id": statement_id, "speaker_id": speaker, "speaker_en": speaker, "stance": stance,
            "quote": quote, "sentence": quote, "article_id": article, "date": date(2019, 4, 7),
            "date_precision": "reported", "verb": "said", "start": 0, "speaker_text": speaker or "مصدر"}


NAMES = {"gna": "GNA", "pentagon": "Pentagon", "africom": "AFRICOM", "ly-tripoli": "Tripoli", "lna": "LNA",
         "russia": "Russia"}
ARABIC = {"gna": "حكومة الوفاق الوطني", "ly-tripoli": "طرابلس", "lna": "الجيش الوطني الليبي", "russia": "روسيا",
          "africom": "القيادة الأمريكية في أفريقيا", "pentagon": "وزارة الدفاع الأمريكية"}


def test_unrelated_statements_are_not_paired():
    """Both name the GNA and Tripoli, in the same article, and share the words of those names: a
    repelled attack is not what a denial of an oil deal denies."""
    frame = pd.DataFrame([
        _statement("c1", "lna", "assert", "قوات حكومة الوفاق صدت هجوما على معسكر اليرموك جنوب طرابلس"),
        _statement("d1", "gna", "deny", "نفت حكومة الوفاق أي اتفاق مع روسيا حول النفط في طرابلس"),
    ])
    entities = {"c1": {"lna", "gna", "ly-tripoli"}, "d1": {"gna", "ly-tripoli", "russia"}}
    assert claims_and_denials(frame, entities, NAMES, ARABIC).empty


def test_a_denial_restating_a_claim_is_paired_and_says_why():
    frame = pd.DataFrame([
        _statement("c1", "gna", "assert", "عودة القوة الأميركية إلى العاصمة طرابلس بعد أيام من مغادرتها"),
        _statement("c2", "lna", "assert", "قوات الجيش تقدمت نحو العاصمة طرابلس"),
        _statement("d1", "africom", "deny", "الأنباء حول عودة القوة الأميركية إلى العاصمة طرابلس"),
        _statement("d2", "pentagon", "deny", "نفى البنتاغون ما قالته حكومة الوفاق عن عودة القوة الأميركية",
                   article="b"),
    ])
    entities = {"c1": {"gna", "ly-tripoli"}, "c2": {"lna", "ly-tripoli"}, "d1": {"africom", "ly-tripoli"},
                "d2": {"pentagon", "gna"}}
    pairs = claims_and_denials(frame, entities, NAMES, ARABIC).set_index("denial_id")
    assert pairs.loc["d1", "claim_id"] == "c1" and pairs.loc["d2", "claim_id"] == "c1"
    assert pairs.loc["d1", "why"] == "both name Tripoli; 4 shared words; same article"
    assert pairs.loc["d2", "why"] == "the denial names the claimant (GNA); 3 shared words"
    # an actor chosen: only their pairs, in the role asked
    assert set(claims_and_denials(frame, entities, NAMES, ARABIC, ("pentagon",), "speaker")["denial_id"]) == {"d2"}
    assert set(claims_and_denials(frame, entities, NAMES, ARABIC, ("gna",), "speaker")["denial_id"]) == {"d1", "d2"}
    assert set(claims_and_denials(frame, entities, NAMES, ARABIC, ("gna",), "mentioned")["denial_id"]) == {"d2"}
    assert claims_and_denials(frame, entities, NAMES, ARABIC, ("lna",), "speaker").empty
    assert claims_and_denials(frame, entities, NAMES, ARABIC, ("gna",), "participant").empty


def test_nobody_denies_their_own_claim():
    frame = pd.DataFrame([_statement("c1", "gna", "assert", "عودة القوة الأميركية إلى العاصمة طرابلس"),
                          _statement("d1", "gna", "deny", "عودة القوة الأميركية إلى العاصمة طرابلس")])
    assert claims_and_denials(frame).empty


# --- names --------------------------------------------------------------------------------------------


ACTORS = pd.DataFrame([
    {"actor_id": HAFTAR, "name_en": "Khalifa Haftar", "name_ar": "خليفة حفتر"},
    {"actor_id": "fayez-al-sarraj", "name_en": "Fayez al-Sarraj", "name_ar": "فايز السراج"},
    {"actor_id": "un", "name_en": "United Nations", "name_ar": "الأمم المتحدة"},
    {"actor_id": "unsmil", "name_en": "UN Support Mission in Libya (UNSMIL)", "name_ar": "بعثة الأمم المتحدة للدعم في ليبيا"},
    {"actor_id": "person-b11e7faa31", "name_en": "Mohanad Younis", "name_ar": "مهند يونس"},
])


@pytest.mark.parametrize("name", ["khalifa-haftar", "Khalifa Haftar", "khalifa haftar", "KHALIFA HAFTAR", "Haftar",
                                  "خليفة حفتر", "خليفه حفتر", "خَلِيفَة حَفْتَر", "حفتر"])
def test_a_name_resolves_to_its_id(name):
    assert resolve(ACTORS, name, "actor_id") == HAFTAR


def test_arabic_is_folded_for_names():
    assert fold("الأُمَم المتحدة") == fold("الامم المتحده") == "الامم المتحده"
    assert fold("مؤتمر") == fold("موتمر") and fold("رئيس") == fold("رييس")
    assert fold("Fayez al-Sarraj") == "fayez al sarraj"


def test_an_unknown_name_lists_the_closest_ids():
    with pytest.raises(UnknownName) as error:
        resolve(ACTORS, "Hafter", "actor_id")
    assert "closest ids: khalifa-haftar," in str(error.value)
    assert closest(ACTORS, "Hafter", "actor_id")[0] == HAFTAR and len(closest(ACTORS, "x", "actor_id")) == 5
    with pytest.raises(UnknownName, match="ambiguous: it names un, unsmil"):
        resolve(ACTORS, "الامم", "actor_id")
    assert resolve(ACTORS, "الأمم المتحدة", "actor_id") == "un"  # a whole name is no longer ambiguous


def test_several_names_at_once():
    assert resolve_many(ACTORS, "Haftar, السراج", "actor_id") == (HAFTAR, "fayez-al-sarraj")
    assert resolve_many(ACTORS, None, "actor_id") == ()


def test_the_table_search_matches_word_beginnings_in_either_language():
    def found(query: str) -> list[str]:
        return ACTORS[search(ACTORS, query, "actor_id")]["actor_id"].tolist()

    assert found("haft") == [HAFTAR] and found("حفت") == [HAFTAR] and found("خليفه") == [HAFTAR]
    assert found("سراج") == ["fayez-al-sarraj"] and found("al-sarraj") == ["fayez-al-sarraj"]
    assert found("الأمم") == ["un", "unsmil"] and found("") == ACTORS["actor_id"].tolist()
    assert found("nobody") == []


# --- the CLI ------------------------------------------------------------------------------------------


def test_cli_export_takes_actor_and_place_names(processed_db, capsys):
    assert main(["export", "statements", "--db", processed_db, "--actor", "khalifa-haftar", "--as", "mentioned"]) == 0
    by_id = capsys.readouterr().out.splitlines()
    assert by_id, "others name Haftar"
    for name in ("Khalifa Haftar", "حفتر", "خليفه حفتر"):
        assert main(["export", "statements", "--db", processed_db, "--actor", name, "--as", "mentioned"]) == 0
        assert capsys.readouterr().out.splitlines() == by_id, name
    assert main(["export", "statements", "--db", processed_db, "--actor", "Haftar", "--as", "speaker"]) == 0
    assert capsys.readouterr().out == ""  # he is known, and says nothing in the seeds
    assert main(["export", "events", "--db", processed_db, "--place", "طرابلس"]) == 0
    tripoli = capsys.readouterr().out.splitlines()
    assert main(["export", "events", "--db", processed_db, "--place", "ly-tripoli"]) == 0
    assert tripoli and capsys.readouterr().out.splitlines() == tripoli


def test_cli_unknown_name_is_an_error_with_the_closest_ids(processed_db, capsys):
    assert main(["export", "statements", "--db", processed_db, "--actor", "Hafter"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = captured.err.strip()
    assert line.startswith("error: --actor: no actor 'Hafter' in the store; the closest ids: khalifa-haftar, ")
    assert len(line.split("closest ids: ")[1].split(", ")) == 5
    assert main(["export", "events", "--db", processed_db, "--place", "Tripolli"]) == 2
    assert "the closest ids: ly-tripoli, " in capsys.readouterr().err
