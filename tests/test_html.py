"""Untrusted text in markdown and HTML: escaped characters, links only from http(s) URLs; what an event
card says (casualties, agent and target, how many sentences report it)."""

from __future__ import annotations

import html
import math
import re

import pandas as pd
import pytest

from components.html import (
    escape,
    event_card,
    evidence_spans,
    external_link,
    reader_link,
    safe_url,
    sides_text,
    statement_card,
    toll_text,
)


@pytest.mark.parametrize("text", [
    "[Reuters](https://evil.example)", "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    ":red[مرصد] :material/warning:", "$x$ **bold** `code`", "https://evil.example/x", "www.evil.example",
])
def test_escape_leaves_no_markup(text):
    escaped = escape(text)
    for char in "<>[]()`*$:":
        assert char not in escaped
    assert "https://" not in escaped and "www." not in escaped.lower()


def test_escape_keeps_arabic_and_newlines():
    text = "قال المتحدث باسم الجيش الليبي إن القوات تقدمت\nنحو طرابلس"
    assert escape(text) == text


@pytest.mark.parametrize(("url", "ok"), [
    ("https://www.alwasat.ly/news/libya/240000", True), ("http://aawsat.com/home/article/410826", True),
    ("javascript:alert(1)", False), ("data:text/html,<script>alert(1)</script>", False),
    ('https://a.example/"><script>alert(1)</script>', False), ("//evil.example", False), ("", False), (None, False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


def test_external_link_is_built_only_from_http():
    assert external_link("javascript:alert(1)", "original") is None
    link = external_link("https://www.alwasat.ly/news?a=1&b=2", "original")
    assert link.startswith('<a href="https://www.alwasat.ly/news?a=1&amp;b=2"') and 'rel="noopener' in link


def test_statement_card_escapes_every_field():
    row = {"article_id": "a1", "start": 3, "speaker_en": "[Haftar](https://evil.example)",
           "speaker_ar": "<b>حفتر</b>", "stance": "deny\"><script>", "quote": "<img src=x onerror=alert(1)>",
           "verb": "said", "verb_ar": "قال", "date": "2019-04-08", "date_precision": "day",
           "article_title": ":red[عنوان]"}
    card = statement_card(row)
    for raw in ("<b>", "<script>", "<img", "](https", ":red["):
        assert raw not in card


EVENT = {"event_id": "e-1", "article_id": "a1", "start": 120, "type": "airstrike", "label_en": "airstrike",
         "place_en": "Sanaa", "date": "2015-04-01", "date_precision": "day", "sentence": "قصف طيران التحالف صنعاء",
         "actors_en": "Houthis; Saudi-led coalition", "actor_ids": "houthis,saudi-coalition"}


def _text(card: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", card))).strip()


@pytest.mark.parametrize(("toll", "text"), [
    ({"killed": 11, "victims": "civilians", "wounded": 16}, "11 killed (civilians), 16 wounded"),
    ({"killed": 10, "killed_high": 15}, "10–15 killed"),
    ({"wounded": 40, "wounded_high": 40}, "40 wounded"),  # a high equal to the low is no range
    ({"killed": 80}, "80 killed"),  # "more than 80" and "about 80" as reported: the number given
    ({"killed": 0}, "0 killed"),  # the text says nobody was killed
    ({"wounded": 3, "victims": "security_forces"}, "3 wounded (security forces)"),
    ({"killed": 1200, "killed_high": 1500}, "1,200–1,500 killed"),
    ({"victims": "civilians"}, ""),  # victims without a count say nothing
    ({}, ""),
])
def test_toll_text(toll, text):
    assert toll_text(toll) == text


def test_toll_text_reads_what_a_frame_holds():
    """A nullable column read back: NaN, None and pandas' NA are unknown; floats of whole numbers count."""
    frame = pd.DataFrame([{"killed": 5.0, "killed_high": math.nan, "wounded": None},
                          {"killed": pd.NA, "killed_high": pd.NA, "wounded": 2}]).astype(
        {"killed": "Int64", "killed_high": "Int64", "wounded": "Int64"})
    rows = frame.to_dict("records")
    assert [toll_text(r) for r in rows] == ["5 killed", "2 wounded"]
    assert toll_text({"killed": math.nan, "wounded": "7"}) == "7 wounded"


def test_unknown_victims_are_not_shown():
    assert toll_text({"killed": 2, "victims": "<img src=x onerror=alert(1)>"}) == "2 killed"


def test_sides_text_names_agent_and_target():
    names = {"saudi-coalition": "Saudi-led coalition", "houthis": "Houthis"}
    assert sides_text({"actor1_id": "saudi-coalition", "actor2_id": "houthis"}, names) == \
        "by Saudi-led coalition · on Houthis"
    assert sides_text({**EVENT, "actor1_id": "saudi-coalition"}) == "by Saudi-led coalition"  # from the row's lists
    assert sides_text({"actor2_id": "houthis", "actor1_id": None}, names) == "on Houthis"
    assert sides_text({"actor1_id": "unknown-body"}) == "by unknown-body"  # no name anywhere: the id
    assert sides_text({"actor1_id": math.nan, "actor2_id": None}) == ""


def test_event_card_shows_casualties_sides_and_sentences():
    row = {**EVENT, "killed": 11, "wounded": 16, "victims": "civilians", "actor1_id": "saudi-coalition",
           "actor2_id": "houthis", "evidence": "[[200, 260], [261, 330]]"}
    card = event_card(row)
    text = _text(card)
    assert "11 killed (civilians), 16 wounded · by Saudi-led coalition · on Houthis" in text
    assert "reported in 3 sentences" in text and "source sentences" in text
    assert 'href="articles?article=a1&sentence=120&incident=e-1"' in html.unescape(card)


def test_event_card_says_nothing_it_does_not_know():
    card = event_card({**EVENT, "killed": None, "actor1_id": None, "actor2_id": None, "evidence": None})
    assert 'class="toll"' not in card and "killed" not in card and "reported in" not in card
    assert "source sentence</a>" in card


def test_event_card_escapes_names():
    card = event_card({**EVENT, "killed": 2, "actor1_id": "x"}, {"x": "<script>alert(1)</script> [a](https://e.x)"})
    assert "<script>" not in card and "](https" not in card
    assert "&lt;script&gt;" in card


@pytest.mark.parametrize(("value", "spans"), [
    ("[[1958, 2123], [2125, 2360]]", [(1958, 2123), (2125, 2360)]),
    (None, []), ("", []), ("not json", []), ('{"a": 1}', []), ("[[5, 2], [1, 2, 3], [\"1\", 4], [true, 9]]", []),
    (math.nan, []),
])
def test_evidence_spans(value, spans):
    assert evidence_spans(value) == spans


def test_reader_link_carries_the_event():
    assert reader_link("a 1", 5) == "articles?article=a+1&sentence=5"
    assert reader_link("a1", 5, "e-9") == "articles?article=a1&sentence=5&incident=e-9"
