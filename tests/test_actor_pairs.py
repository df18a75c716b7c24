"""Actor against actor (marsad.store.pairs, components.figure_pairs): who acts on whom by event type, who
speaks about whom, and the matrix of the actors most involved, on SQLite and PostgreSQL, under filters;
the heatmap escapes names. A synthetic store (`save_pairs`) says exactly what to expect."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from components.figure_pairs import axis_labels, pairs_figure
from marsad.filters import Filters
from marsad.records import Actor, Analysis, Article, Event, Mention, Place, Statement
from marsad.store import Store, pairs

ACTORS = {
    "lna": Actor("lna", "Libyan National Army (LNA)", "الجيش الوطني الليبي", "armed_group"),
    "gna": Actor("gna", "Government of National Accord", "حكومة الوفاق", "government"),
    "russia": Actor("russia", "Russia", "روسيا", "state"),
    "evil": Actor("evil", "<b>Evil</b> & Co", "شركة", "organization"),
}
TRIPOLI = Place("tripoli", "Tripoli", "طرابلس", 32.9, 13.2, "LY", "city")
SIRTE = Place("sirte", "Sirte", "سرت", 31.2, 16.6, "LY", "city")


def _event(at: int, kind: str, agent: str | None, target: str | None, day: date, place: Place) -> Event:
    sentence = "هاجم الجيش قوات الوفاق."
    return Event(at, at + len(sentence), sentence, kind, kind.replace("_", " "), "هاجم", at, at + 4, day, "day",
                 place.place_id, actor_ids=tuple(sorted(a for a in (agent, target) if a)), actor1_id=agent,
                 actor2_id=target)


def _statement(at: int, speaker: str, day: date) -> Statement:
    sentence = "قال المتحدث إن الجيش هاجم."
    return Statement(at, at + len(sentence), sentence, speaker, "said", "قال", "neutral", "الجيش هاجم", False, day,
                     "day")


def save_pairs(store: Store) -> None:
    """Two articles (Reuters 7 April 2019, Jazeera 1 May 2019).

    Events: LNA on GNA: armed clash ×2 (Tripoli, 7 Apr), airstrike ×1 (Sirte, 1 May); GNA on LNA: armed
    clash ×1 (Tripoli, 7 Apr); LNA with no target: attack ×1 (Tripoli, 7 Apr); Evil on LNA: attack ×1 (1 May).
    Statements: Russia names the LNA and the GNA (7 Apr); the GNA names the LNA twice (7 Apr, 1 May); the LNA
    names itself only (no pair).
    """
    first, second = [], []
    first.append(_event(0, "armed_clash", "lna", "gna", date(2019, 4, 7), TRIPOLI))
    first.append(_event(100, "armed_clash", "lna", "gna", date(2019, 4, 7), TRIPOLI))
    first.append(_event(200, "armed_clash", "gna", "lna", date(2019, 4, 7), TRIPOLI))
    first.append(_event(300, "attack", "lna", None, date(2019, 4, 7), TRIPOLI))
    second.append(_event(0, "airstrike", "lna", "gna", date(2019, 5, 1), SIRTE))
    second.append(_event(100, "attack", "evil", "lna", date(2019, 5, 1), SIRTE))
    said_first = [_statement(1000, "russia", date(2019, 4, 7)), _statement(1100, "gna", date(2019, 4, 7)),
                  _statement(1200, "lna", date(2019, 4, 7))]
    said_second = [_statement(1000, "gna", date(2019, 5, 1))]
    text = "ا" * 1400

    def mentions(said: list[Statement], named: list[list[str]]) -> list[Mention]:
        found = []
        for statement, ids in zip(said, named, strict=True):
            found.append(Mention(statement.start, statement.start + 3, "قال", "ORGANIZATION", statement.speaker_id,
                                 "lexicon"))
            found += [Mention(statement.start + 5 + i, statement.start + 6 + i, "ج", "ORGANIZATION", entity, "lexicon")
                      for i, entity in enumerate(ids)]
        return found

    store.save(Analysis(
        article=Article("a1", "عنوان أول", text, "Reuters", published=date(2019, 4, 7)), actors=ACTORS,
        places={"tripoli": TRIPOLI}, events=first, statements=said_first,
        mentions=mentions(said_first, [["lna", "gna", "tripoli"], ["lna"], ["lna"]])))
    store.save(Analysis(
        article=Article("a2", "عنوان ثان", text, "Jazeera", published=date(2019, 5, 1)), actors=ACTORS,
        places={"sirte": SIRTE}, events=second, statements=said_second, mentions=mentions(said_second, [["lna"]])))


@pytest.fixture
def paired(store: Store) -> Store:
    save_pairs(store)
    return store


def _by(frame: pd.DataFrame) -> dict:
    return {(row["other_id"], row["type"]): row["items"] for row in frame.to_dict("records")}


def test_who_an_actor_acts_on_by_event_type(paired):
    acts = pairs.sides(paired, Filters(), "lna", pairs.ACTS, pairs.OUT)
    assert _by(acts) == {("gna", "armed_clash"): 2, ("gna", "airstrike"): 1, (pairs.NO_TARGET, "attack"): 1}
    assert acts.iloc[0]["other_id"] == "gna" and acts.iloc[0]["items"] == 2, "most first"
    assert acts.set_index("other_id").loc["gna", "name_en"].tolist()[0] == "Government of National Accord"
    acted_on = pairs.sides(paired, Filters(), "lna", pairs.ACTS, pairs.IN)
    assert _by(acted_on) == {("gna", "armed_clash"): 1, ("evil", "attack"): 1}
    assert _by(pairs.sides(paired, Filters(), "gna", pairs.ACTS, pairs.IN)) == {
        ("lna", "armed_clash"): 2, ("lna", "airstrike"): 1}
    assert pairs.sides(paired, Filters(), "russia", pairs.ACTS, pairs.OUT).empty


def test_who_an_actor_speaks_about(paired):
    assert _by(pairs.sides(paired, Filters(), "gna", pairs.SPEAKS, pairs.OUT)) == {("lna", "statement"): 2}
    assert _by(pairs.sides(paired, Filters(), "russia", pairs.SPEAKS, pairs.OUT)) == {
        ("lna", "statement"): 1, ("gna", "statement"): 1}, "places named are not actors; the speaker not counted"
    assert _by(pairs.sides(paired, Filters(), "lna", pairs.SPEAKS, pairs.IN)) == {
        ("gna", "statement"): 2, ("russia", "statement"): 1}, "LNA naming itself is no pair"
    assert pairs.sides(paired, Filters(), "lna", pairs.SPEAKS, pairs.OUT).empty


def test_the_filter_narrows_the_pairs_and_its_actors_are_set_aside(paired):
    april = Filters(date_to=date(2019, 4, 30))
    assert _by(pairs.sides(paired, april, "lna", pairs.ACTS, pairs.OUT)) == {
        ("gna", "armed_clash"): 2, (pairs.NO_TARGET, "attack"): 1}
    assert _by(pairs.sides(paired, april, "gna", pairs.SPEAKS, pairs.OUT)) == {("lna", "statement"): 1}
    jazeera = Filters(sources=("Jazeera",))
    assert _by(pairs.sides(paired, jazeera, "lna", pairs.ACTS, pairs.IN)) == {("evil", "attack"): 1}
    assert _by(pairs.sides(paired, Filters(event_types=("airstrike",)), "lna", pairs.ACTS, pairs.OUT)) == {
        ("gna", "airstrike"): 1}
    assert _by(pairs.sides(paired, Filters(places=("sirte",)), "lna", pairs.ACTS, pairs.OUT)) == {
        ("gna", "airstrike"): 1}
    # the sidebar's actor (and role) give way to the chosen actor
    other = Filters(actors=("russia",), actor_role="speaker")
    assert _by(pairs.sides(paired, other, "lna", pairs.ACTS, pairs.OUT)) == _by(
        pairs.sides(paired, Filters(), "lna", pairs.ACTS, pairs.OUT))


def test_the_rows_behind_the_counts(paired):
    done = pairs.pair_events(paired, Filters(), "lna", pairs.OUT)
    assert len(done) == 4 and set(done["actor1_id"]) == {"lna"}
    assert done.iloc[0]["type"] == "airstrike", "newest first"
    assert {"article_id", "start", "event_id", "sentence", "actors_en"} <= set(done.columns)
    assert "Libyan National Army (LNA)" in done.iloc[0]["actors_en"]
    assert len(pairs.pair_events(paired, Filters(), "lna", pairs.OUT, limit=2)) == 2
    suffered = pairs.pair_events(paired, Filters(), "lna", pairs.IN)
    assert sorted(suffered["actor1_id"]) == ["evil", "gna"]
    said = pairs.pair_statements(paired, Filters(), "lna", pairs.IN)
    assert sorted(said["speaker_id"]) == ["gna", "gna", "russia"] and said.iloc[0]["date"] == date(2019, 5, 1)
    assert {"speaker_en", "quote", "article_id", "start"} <= set(said.columns)
    assert pairs.pair_statements(paired, Filters(), "lna", pairs.OUT).empty


def test_the_matrix_of_the_most_involved(paired):
    acts = pairs.pair_counts(paired, Filters(), pairs.ACTS)
    assert {(r.source_id, r.target_id): r.items for r in acts.itertuples()} == {
        ("lna", "gna"): 3, ("gna", "lna"): 1, ("evil", "lna"): 1}, "events naming no target are no pair"
    table = pairs.matrix(acts, 12)
    assert list(table.index) == list(table.columns) == ["lna", "gna", "evil"]
    assert table.loc["lna", "gna"] == 3 and table.loc["gna", "lna"] == 1 and table.loc["lna", "lna"] == 0
    assert list(pairs.matrix(acts, 2).index) == ["lna", "gna"]
    speaks = pairs.pair_counts(paired, Filters(), pairs.SPEAKS)
    assert {(r.source_id, r.target_id): r.items for r in speaks.itertuples()} == {
        ("russia", "lna"): 1, ("russia", "gna"): 1, ("gna", "lna"): 2}
    # under the filter, its actor and role included
    assert set(pairs.pair_counts(paired, Filters(date_to=date(2019, 4, 30)), pairs.ACTS)["items"]) == {2, 1}
    assert pairs.pair_counts(paired, Filters(actors=("lna",), actor_role="speaker"), pairs.ACTS).empty
    assert pairs.pair_counts(paired, Filters(actors=("lna",), actor_role="participant"), pairs.SPEAKS).empty
    with_russia = pairs.pair_counts(paired, Filters(actors=("russia",), actor_role="speaker"), pairs.SPEAKS)
    assert set(with_russia["source_id"]) == {"russia"}
    assert pairs.matrix(pairs.pair_counts(paired, Filters(sources=("nobody",)), pairs.ACTS), 12).empty


MATRIX_FILTERS = [Filters(), Filters(date_to=date(2019, 4, 30)), Filters(event_types=("armed_clash",)),
                  Filters(places=("sirte",)), Filters(actors=("evil",)), Filters(actors=("gna",), actor_role="participant"),
                  Filters(sources=("Reuters",)), Filters(actors=("russia",), actor_role="speaker")]


def test_the_pairs_read_their_indexes_and_count_as_without_them(paired):
    """The counterparts, their events and the events matrix come off the partial indexes of the events naming
    an agent, a target (schema.ix_events_agent, ix_events_target) without reading an event row; the speakers'
    matrix unfiltered off the (speaker, entity) index in order. Without the indexes, the same answers."""
    def answers() -> list[list[dict]]:
        found = []
        for f in MATRIX_FILTERS:
            found += [pairs.pair_counts(paired, f, relation).to_dict("records") for relation in (pairs.ACTS, pairs.SPEAKS)]
            for actor in ("lna", "gna"):
                for relation in (pairs.ACTS, pairs.SPEAKS):
                    found += [pairs.sides(paired, f, actor, relation, direction).to_dict("records")
                              for direction in (pairs.OUT, pairs.IN)]
                found += [pairs.pair_events(paired, f, actor, direction)["event_id"].tolist()
                          for direction in (pairs.OUT, pairs.IN)]
                found += [pairs.pair_statements(paired, f, actor, direction)["statement_id"].tolist()
                          for direction in (pairs.OUT, pairs.IN)]
        return found

    indexed = answers()
    assert indexed[0] and indexed[1], "pairs of both kinds unfiltered"
    if paired.engine.dialect.name == "sqlite":
        def plan(query: sa.Select) -> str:
            with paired.engine.connect() as conn:
                return " ".join(str(row[-1]) for row in conn.execute(sa.text("EXPLAIN QUERY PLAN " + str(
                    query.compile(paired.engine, compile_kwargs={"literal_binds": True})))))

        assert "COVERING INDEX ix_events_target" in plan(pairs.pair_count_query(Filters(), pairs.ACTS))
        assert "COVERING INDEX ix_statement_entities_speaker" in plan(pairs.pair_count_query(Filters(), pairs.SPEAKS))
    with paired.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_events_agent")
        conn.exec_driver_sql("DROP INDEX ix_events_target")
    assert answers() == indexed


def test_the_heatmap_escapes_names_and_counts_in_cells():
    table = pd.DataFrame([[0, 3], [1, 0]], index=["lna", "evil"], columns=["lna", "evil"])
    names = {"lna": "Libyan National Army (LNA)", "evil": "<b>Evil</b> & Co"}
    spec = pairs_figure(table, names, pairs.ACTS).to_plotly_json()
    heat = spec["data"][0]
    assert heat["type"] == "heatmap" and list(heat["y"]) == ["Libyan National Army (LNA)", "&lt;b&gt;Evil&lt;/b&gt; &amp; Co"]
    assert heat["z"][0] == [None, 3] and heat["z"][1] == [1, None], "no pair: an empty cell, not a 0"
    assert heat["text"][0][1] == "Libyan National Army (LNA) acts on &lt;b&gt;Evil&lt;/b&gt; &amp; Co: 3 events"
    assert "<b>" not in str(spec)
    assert heat["colorbar"]["title"]["text"] == "events" and spec["layout"]["yaxis"]["title"]["text"].startswith("agent")
    assert axis_labels(["a", "b"], {"a": "Same", "b": "Same"}) == ["Same (a)", "Same (b)"]
