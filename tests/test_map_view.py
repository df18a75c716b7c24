"""The places map as folium builds it: one JS layer of markers, escaped popups, clustering."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
from streamlit_folium import generate_leaflet_string

from components import map_view

EVIL = "</script><script>alert(1)</script>"


def _places(n: int, name_en: str = "Tripoli") -> pd.DataFrame:
    return pd.DataFrame([{"place_id": f"p{i}", "name_en": name_en if i == 0 else f"Place {i}",
                          "name_ar": "طرابلس" if i == 0 else f"مكان {i}", "lat": 32.0 + i * 0.01,
                          "lon": 13.0 + i * 0.01, "kind": "city", "country": "LY", "mentions": n - i,
                          "articles": 1, "source": "gazetteer"} for i in range(n)])


def _statements(place_id: str, quote: str) -> pd.DataFrame:
    return pd.DataFrame([{"statement_id": "s1", "place_id": place_id, "speaker_en": "Fayez al-Sarraj",
                          "speaker_text": None, "verb": "said", "date": "2019-04-07", "quote": quote}])


def _script(places: pd.DataFrame, statements: pd.DataFrame | None = None) -> str:
    statements = statements if statements is not None else pd.DataFrame()
    figure = map_view.build_map(places, statements, pd.DataFrame(), pd.DataFrame())
    return generate_leaflet_string(figure)


def test_markers_carry_names_sizes_and_popups():
    script = _script(_places(3), _statements("p0", "إن القوات انسحبت من مدينة طرابلس"))
    data = json.loads(re.search(r"(\[\{.*\}\])\.forEach", script).group(1))
    assert [p["lat"] for p in data] == [32.0, 32.01, 32.02]
    assert data[0]["radius"] > data[2]["radius"], "sized by mentions"
    assert "طرابلس" in data[0]["popup"] and "Fayez al-Sarraj" in data[0]["popup"]
    assert "L.featureGroup()" in script and "markerClusterGroup" not in script


def test_untrusted_text_cannot_close_the_script():
    script = _script(_places(2, name_en=EVIL), _statements("p0", EVIL))
    assert "</script>" not in script and "<script>" not in script
    data = json.loads(re.search(r"(\[\{.*\}\])\.forEach", script).group(1))
    assert "&lt;/script&gt;" in data[0]["popup"], "HTML-escaped inside the popup as well"


def test_script_json_escapes_markup_and_line_separators():
    value = {"a": "<b>&\u2028", "b": [{"c": "{{ 7*7 }} {% if %} {# x"}]}
    text = map_view.script_json(value)
    assert "<" not in text and "&" not in text and "\u2028" not in text
    assert "{{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(text) == value


def test_template_syntax_in_article_text_is_shown_as_written():
    quote = "قال {{ 7*7 }} و{% endif %} في طرابلس"
    figure = map_view.build_map(_places(2), _statements("p0", quote), pd.DataFrame(), pd.DataFrame())
    figure.render()  # folium passes each rendered script through Jinja: this must not evaluate or fail
    script = generate_leaflet_string(figure)
    data = json.loads(re.search(r"(\[\{.*\}\])\.forEach", script).group(1))
    assert "{{ 7*7 }}" in data[0]["popup"] and "{% endif %}" in data[0]["popup"]


def test_many_places_are_clustered_with_local_assets():
    figure = map_view.build_map(_places(map_view.CLUSTER_ABOVE + 1), pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    layer = next(c for c in figure._children.values() if isinstance(c, map_view.PlaceMarkers))
    assert "markerClusterGroup" in layer.group_js
    assert any("leaflet.markercluster" in src and src.startswith("/app/static/") for _, src in layer.default_js)


def _markers(figure) -> list[dict]:
    script = generate_leaflet_string(figure)
    return json.loads(re.search(r"(\[\{.*\}\])\.forEach", script).group(1))


def _event(place_id: str, **toll) -> dict:
    return {"event_id": f"e-{place_id}", "place_id": place_id, "label_en": "airstrike", "type": "airstrike",
            "date": "2019-04-07", "date_precision": "day", "sentence": "قصف الطيران مواقع في طرابلس", **toll}


def test_popups_show_casualties_agent_and_target():
    events = pd.DataFrame([_event("p0", killed=11, wounded=16, victims="civilians", actor1_id="lna",
                                  actor2_id="gna"),
                           _event("p1", killed=10, killed_high=15, actor1_id=None, actor2_id=None)])
    names = {"lna": "Libyan National Army (LNA)", "gna": "Government of National Accord (GNA)"}
    figure = map_view.build_map(_places(3), pd.DataFrame(), events, pd.DataFrame(), names=names)
    popups = [m["popup"] for m in _markers(figure)]
    assert ("11 killed (civilians), 16 wounded</b> · by Libyan National Army (LNA) · on Government of "
            "National Accord (GNA)") in popups[0]
    assert "10–15 killed" in popups[1] and "by " not in popups[1]
    assert "marsad-facts" not in popups[2], "a place without events says nothing of casualties"


def test_popups_without_a_toll_say_nothing_of_one():
    events = pd.DataFrame([_event("p0", killed=None, wounded=math.nan, actor1_id=None)])
    popup = _markers(map_view.build_map(_places(2), pd.DataFrame(), events, pd.DataFrame()))[0]["popup"]
    assert "killed" not in popup and "wounded" not in popup and "marsad-facts" not in popup


def test_popup_names_are_escaped():
    events = pd.DataFrame([_event("p0", killed=1, actor1_id="x")])
    figure = map_view.build_map(_places(2), pd.DataFrame(), events, pd.DataFrame(), names={"x": EVIL})
    script = generate_leaflet_string(figure)
    assert "<script>" not in script and "&lt;script&gt;" in _markers(figure)[0]["popup"]


# Places of the seeds around Tripoli, and two far away
TRIPOLI_AREA = pd.DataFrame([
    ("ly-tripoli", "Tripoli", "city", 32.8874, 13.1873, 24), ("ly-janzour", "Janzour", "town", 32.8187, 13.0173, 2),
    ("ly-yarmouk-camp", "Yarmouk camp (Tripoli)", "base", 32.79, 13.185, 2),
    ("ly-ain-zara", "Ain Zara", "district", 32.80, 13.24, 1),
    ("ly-khallat-furjan", "Khallat al-Furjan (Khallah)", "front", 32.77, 13.20, 1),
    ("ly-palm-city", "Palm City (Janzour; UNSMIL HQ)", "landmark", 32.825, 12.985, 1),
    ("ly-sirte", "Sirte", "city", 31.2089, 16.5887, 2), ("ly-misrata", "Misrata", "city", 32.3753, 15.0925, 1),
    ("ru-moscow", "Moscow", "city", 55.752, 37.6178, 1), ("ly", "Libya", "country", 26.6389, 18.011, 17),
], columns=["place_id", "name_en", "kind", "lat", "lon", "mentions"]).assign(
    name_ar="مكان", country="LY", articles=1, source="gazetteer")


def _inside(bounds, place_id):
    row = TRIPOLI_AREA.set_index("place_id").loc[place_id]
    south, west, north, east = bounds
    return south <= row["lat"] <= north and west <= row["lon"] <= east


def test_a_chosen_place_keeps_the_usual_frame_when_it_is_in_it():
    usual = map_view.view_bounds(TRIPOLI_AREA)
    assert map_view.view_bounds(TRIPOLI_AREA, ["ly-janzour"]) == usual
    assert all(_inside(usual, p) for p in ("ly-tripoli", "ly-janzour", "ly-ain-zara", "ly-khallat-furjan"))


def test_a_chosen_place_outside_the_frame_is_shown_with_its_neighbours():
    bounds = map_view.view_bounds(TRIPOLI_AREA, ["ly-misrata"])
    assert _inside(bounds, "ly-misrata") and _inside(bounds, "ly-tripoli") and _inside(bounds, "ly-sirte")
    south, west, north, east = bounds
    assert north - south > 1 and east - west > 1, "not zoomed in on Misrata alone"
    alone = map_view.view_bounds(TRIPOLI_AREA, ["ru-moscow"])  # nothing within NEIGHBOUR_DEGREES
    assert _inside(alone, "ru-moscow") and not _inside(alone, "ly-tripoli")


def test_chosen_places_are_ringed_labelled_first_and_open():
    figure = map_view.build_map(TRIPOLI_AREA, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(),
                                open_place="ly-khallat-furjan", chosen=["ly-khallat-furjan"])
    markers = {m["tooltip"]: m for m in _markers(figure)}
    chosen = markers["Khallat al-Furjan"]
    assert chosen["chosen"] and chosen["open"] and chosen["label"] and chosen["rank"] == 0
    assert markers["Tripoli"]["rank"] == 1 and not markers["Tripoli"]["chosen"]
    assert "Libya" not in markers, "countries hidden unless asked for"
    assert "marsadPlaceLabels" in generate_leaflet_string(figure), "labels placed in the browser"


def test_only_the_most_mentioned_places_are_labelled():
    markers = _markers(map_view.build_map(_places(map_view.LABELLED + 3), pd.DataFrame(), pd.DataFrame(),
                                          pd.DataFrame()))
    labelled = [m for m in markers if m["label"]]
    assert len(labelled) == map_view.LABELLED
    assert all(" · " in m["tooltip"] for m in markers if not m["label"]), "the rest: name on hover"


def test_a_discovered_place_says_its_point_is_approximate():
    places = _places(2)
    places.loc[1, "source"] = "discovered"
    popups = [m["popup"] for m in _markers(map_view.build_map(places, pd.DataFrame(), pd.DataFrame(), pd.DataFrame()))]
    assert "approximate" not in popups[0] and "Not in the gazetteer" in popups[1]


def test_a_place_only_its_country_locates_says_it_is_drawn_at_the_countrys_centre():
    places = _places(2)
    places.loc[1, "source"] = "discovered"
    places.loc[1, "kind"] = "in_country"
    popups = [m["popup"] for m in _markers(map_view.build_map(places, pd.DataFrame(), pd.DataFrame(), pd.DataFrame()))]
    assert "only its country locates it" in popups[1] and "country's centre" in popups[1]
