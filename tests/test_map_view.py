"""The places map as folium builds it: one JS layer of markers, escaped popups, clustering."""

from __future__ import annotations

import json
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
