"""Untrusted text in markdown and HTML: escaped characters, links only from http(s) URLs."""

from __future__ import annotations

import pytest

from components.html import escape, external_link, safe_url, statement_card


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
