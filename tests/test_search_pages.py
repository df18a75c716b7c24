"""The articles page's search under Streamlit's AppTest, over the seeds processed by the real pipeline."""

from __future__ import annotations

import html
import re

from components.html import escape
from marsad.store import Store
from tests.test_pages import fresh_caches, markdown_bodies, open_page, reader_html, seeds_url, server_mode

__all__ = ["fresh_caches", "seeds_url", "server_mode"]  # the fixtures these tests use, from test_pages


def hit_cards(at) -> list[str]:  # noqa: ANN001
    return [body for body in markdown_bodies(at) if 'class="card search-hit"' in body]


def hit_words(body: str) -> list[str]:
    return re.findall(r'<mark class="hit">([^<]*)</mark>', body)


def test_a_search_in_the_url_lists_hits_and_marks_them_in_the_reader(seeds_url, processed_db):
    at = open_page("articles", q="الامم")  # written الأمم in the seed
    assert at.text_input(key="search_box").value == "الامم"
    cards = hit_cards(at)
    assert cards and all(hit_words(card) == ["الأمم"] * len(hit_words(card)) for card in cards)
    assert "الأمم" in hit_words(cards[0])
    africom = Store(processed_db).search("الامم")[0].article_id
    assert at.query_params["article"] == africom and at.selectbox[0].value == africom  # opened at the first hit
    assert "الأمم" in hit_words(reader_html(at))
    assert any("search match" in body for body in markdown_bodies(at))  # the legend says what the marks are


def test_typing_a_search_writes_it_to_the_url(seeds_url):
    at = open_page("articles")
    assert not hit_cards(at) and 'class="hit"' not in reader_html(at)
    at.text_input(key="search_box").input("  اعلنت ").run()
    assert not at.exception
    assert at.query_params["q"] == "اعلنت"
    cards = hit_cards(at)
    assert len(cards) >= 2 and {"أعلنت", "وأعلنت"} <= {w for card in cards for w in hit_words(card)}
    at.text_input(key="search_box").input("").run()
    assert "q" not in at.query_params and not hit_cards(at)


def test_hits_come_page_by_page(seeds_url, processed_db):
    total = Store(processed_db).search_count("في")
    assert total > 10, "a common word: more than one page"
    at = open_page("articles", q="في")
    assert len(hit_cards(at)) == 10
    assert at.caption[0].value.startswith(f"Hits 1–10 of {total}")
    first_page = hit_cards(at)
    at.button(key="search_next").click().run()
    assert not at.exception and at.query_params["hits"] == "2"
    assert at.caption[0].value.startswith("Hits 11–") and hit_cards(at) != first_page
    at.button(key="search_previous").click().run()
    assert at.query_params["hits"] == "1" and hit_cards(at) == first_page


def test_a_statement_hit_links_to_its_sentence_with_the_search(seeds_url, processed_db):
    hit = next(h for h in Store(processed_db).search("الحكومة", limit=50) if h.statement_id)
    at = open_page("articles", q="الحكومة")
    links = [html.unescape(m) for card in hit_cards(at) for m in re.findall(r'href="([^"]+)"', card)]
    assert f"articles?q=%D8%A7%D9%84%D8%AD%D9%83%D9%88%D9%85%D8%A9&hits=1&article={hit.article_id}" \
           f"&sentence={hit.start}" in links
    assert any(f"Statement by {escape(hit.speaker or 'an unnamed speaker')}" in card for card in hit_cards(at))


def test_filters_narrow_the_hits_and_stay_in_the_links(seeds_url, processed_db):
    store = Store(processed_db)
    forces = next(h.article_id for h in store.search("البنتاغون"))
    source = store.article(forces)["source"]
    everywhere = len(hit_cards(open_page("articles", q="طرابلس")))
    at = open_page("articles", q="طرابلس", source=source)
    cards = [html.unescape(card) for card in hit_cards(at)]
    assert 0 < len(cards) < everywhere
    assert all(f"article={forces}" in card and "source=" in card for card in cards)
    assert "within the filters" in at.caption[0].value


def test_no_hits_and_odd_searches_say_so(seeds_url):
    at = open_page("articles", q="كلمةغيرموجودة")
    assert any("No article or statement holds every word" in i.value for i in at.info)
    assert reader_html(at)  # the reader still shows an article
    at = open_page("articles", q="؟!")
    assert any("Type a word" in i.value for i in at.info)
    at = open_page("articles", q='<img src=x onerror="alert(1)"> "NEAR(" الامم', hits="999999999")
    (said,) = [i.value for i in at.info if "No article or statement" in i.value]
    assert "<img" not in said and '<img src=x onerror="alert(1)">' in html.unescape(said)
    at = open_page("articles", q="الامم", hits="999999999")  # past the last page: the last page
    assert hit_cards(at) and at.caption[0].value.startswith("Hits 1–")
