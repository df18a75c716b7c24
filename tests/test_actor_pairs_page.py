"""The actors page's actor-against-actor views under AppTest: the chosen actor's four lists (acts on, acted
on by, speaks about, spoken about by; ?view=sides) with counts by event type and cards linking to the reader,
and the matrix of the actors most involved (?view=matrix), report-ready, its relation and size kept in the
URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.store import Store
from tests.test_actor_pairs import save_pairs
from tests.test_pages import (  # noqa: F401 - fresh_caches and server_mode: autouse fixtures, as in test_pages
    cards,
    fresh_caches,
    infos,
    open_page,
    plotly_specs,
    server_mode,
)


@pytest.fixture
def paired_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'pairs.sqlite'}"
    save_pairs(Store(url))
    monkeypatch.setenv("MARSAD_DB", url)
    return url


def _heatmap(at) -> dict:  # noqa: ANN001 - an AppTest
    specs = [s for s in plotly_specs(at) if s["data"] and s["data"][0]["type"] == "heatmap"]
    assert len(specs) == 1
    return specs[0]


def test_the_chosen_actor_against_the_others(paired_url):
    at = open_page("actors", who="lna", view="sides")
    labels = [t.label for t in at.tabs]
    assert labels[:4] == ["Acts on (4)", "Acted on by (2)", "Speaks about (0)", "Spoken about by (3)"]
    acts_on = at.tabs[0]
    summary = [m.value for m in acts_on.markdown if m.value.startswith("- ")][0]
    assert summary.splitlines()[0].startswith("- **Government of National Accord**") and "×3" in summary
    assert "armed clash 2, airstrike 1" in summary and "<i>no target named</i> ×1: attack 1" in summary
    # the cards are read and drawn once their expander is opened
    assert [e.label for e in at.expander if e.label.startswith("Show the ")] == [
        "Show the 4 events with their counterpart", "Show the 2 events with their counterpart",
        "Show the 3 statements with their counterpart"]
    assert not [m for m in acts_on.markdown if 'class="card"' in m.value]
    at.session_state["pairs_cards_acts_out"] = True
    at.session_state["pairs_cards_speaks_in"] = True
    at.run()
    acts_on = at.tabs[0]
    shown = [m.value for m in acts_on.markdown if 'class="card"' in m.value]
    assert len(shown) == 4 and all('href="articles?article&#61;a' in card and "incident&#61;e" in card for card in shown)
    assert "by Libyan National Army &#40;LNA&#41; · on Government of National Accord" in shown[0]
    spoken = at.tabs[3]
    assert [c.value for c in spoken.caption] == ["All 3 statements"]
    assert len([m for m in spoken.markdown if 'class="card"' in m.value]) == 3
    assert "No statement of this actor under these filters names another actor." in [c.value for c in at.tabs[2].caption]


def test_the_filter_narrows_the_lists(paired_url):
    at = open_page("actors", who="lna", view="sides", to="2019-04-30")
    assert [t.label for t in at.tabs][:4] == ["Acts on (3)", "Acted on by (1)", "Speaks about (0)",
                                              "Spoken about by (2)"]


def test_the_matrix_is_report_ready_and_kept_in_the_url(paired_url):
    at = open_page("actors", who="lna", view="matrix")
    spec = _heatmap(at)
    heat = spec["data"][0]
    assert heat["y"] == ["Libyan National Army (LNA)", "Government of National Accord", "&lt;b&gt;Evil&lt;/b&gt; &amp; Co"]
    assert heat["z"][0][1] == 3
    title = spec["layout"]["title"]["text"]
    assert title.startswith("Who acts on whom: all articles, all dates")
    caption = spec["layout"]["annotations"][-1]["text"]
    assert "Rows: the agent; columns: the target" in caption and "Cite as: Marsad" in caption
    assert at.segmented_control(key="pairs_relation").value == "acts"
    at.segmented_control(key="pairs_relation").set_value("speaks").run()
    assert at.query_params["pairs"] == "speaks"
    spec = _heatmap(at)
    assert spec["layout"]["title"]["text"].startswith("Who speaks about whom")
    assert spec["data"][0]["colorbar"]["title"]["text"] == "statements"
    at.number_input(key="pairs_top_count").set_value(2).run()
    assert at.query_params["pairs_top"] == "2" and len(_heatmap(at)["data"][0]["y"]) == 2
    at = open_page("actors", who="lna", view="matrix", pairs="speaks", pairs_top="2")
    assert _heatmap(at)["layout"]["title"]["text"].startswith("Who speaks about whom")
    assert len(_heatmap(at)["data"][0]["y"]) == 2


def test_the_matrix_follows_the_filter(paired_url):
    at = open_page("actors", who="lna", view="matrix", source="Jazeera")
    heat = _heatmap(at)
    assert heat["data"][0]["y"] == ["Libyan National Army (LNA)", "&lt;b&gt;Evil&lt;/b&gt; &amp; Co",
                                    "Government of National Accord"], "the airstrike and the attack of 1 May"
    assert "Jazeera" in heat["layout"]["title"]["text"]
    at = open_page("actors", who="lna", actor="lna", view="matrix", **{"as": "speaker"})
    assert "No event under these filters names both who acts and on whom." in infos(at)
    at = open_page("actors", who="lna", actor="lna", view="sides", **{"as": "speaker"})
    assert [t.label for t in at.tabs] == ["Speaks about (0)"], "as speaker: only what they say"
    at = open_page("actors", who="lna", view="sides", **{"as": "participant"})
    assert [t.label for t in at.tabs] == ["Acts on (4)", "Acted on by (2)"]
    at = open_page("actors", who="lna", view="sides", **{"as": "mentioned"})
    assert [t.label for t in at.tabs] == ["Spoken about by (3)"]


def test_the_seeds_have_speakers_against_actors(processed_db, monkeypatch):
    monkeypatch.setenv("MARSAD_DB", processed_db)
    assert "Khalifa Haftar" in _heatmap(open_page("actors", view="matrix", pairs="speaks"))["data"][0]["x"]
    at = open_page("actors", who="khalifa-haftar", view="sides")
    assert at.tabs[0].label.startswith("Acts on (") and at.tabs[3].label != "Spoken about by (0)"
    # the statements they say are counted per actor named; the cards, a statement each, are counted apart
    for tab, key in ((2, "pairs_cards_speaks_out"), (3, "pairs_cards_speaks_in")):
        labels = [e.label for e in at.tabs[tab].get("expander")]
        if not labels:
            continue
        at.session_state[key] = True
        at.run()
        shown = [m for m in at.tabs[tab].markdown if 'class="card"' in m.value]
        assert labels == [f"Show the {len(shown)} statements with their counterpart"] and shown
