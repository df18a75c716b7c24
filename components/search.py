"""The articles page's full-text search: the box, kept in the URL (?q=...&hits=2), and the hits, page by page.

A hit is an article (its title or text) or a statement (its quote) holding every word of the query,
matched the Arabic way (marsad.text.search_terms): newest first, within the sidebar's filters. Each
links to the article in the reader below, where the matched words are marked too. Everything shown
of a hit is escaped; the marks are put around escaped text.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

import streamlit as st

from components import data
from components.html import escape
from components.reader import marked
from marsad.filters import Filters
from marsad.store import search as text_search
from marsad.store.search import SearchHit
from marsad.text.search_terms import match_spans, parse_query

QUERY, PAGE = "q", "hits"  # the URL's keys
PAGE_SIZE = 10
COUNT_CAP = 10_000  # hits counted at most (past it: "10,000+")
MAX_CHARS = 200
_BOX, _SEEN = "search_box", "search_url_query"
_OPENED = ("article", "sentence")  # components/article_view's keys: a new search opens its first hit
HELP = ("Every word must appear. Spellings are matched loosely: أ إ آ ا alike, ة and ه, ى and ي, ؤ and و, "
        "ئ and ي, without diacritics or tatweel; a word also matches with و ف ب ل ك ال before it "
        "(الحكومة finds والحكومة, بالحكومة, حكومة). End a word with * to match every word starting so (اعلن*).")
CSS = """<style>
mark.hit { background: #fde047 !important; box-shadow: 0 0 0 1px #ca8a04; border-radius: 3px; padding: 0 1px;
           color: inherit; }
.search-hit .ar { font-size: 1rem; line-height: 1.8; }
</style>"""


def box() -> str:
    """Draw the search box and return its words ('' for none); a change is written to the URL."""
    in_url = " ".join(str(st.query_params.get(QUERY, "")).split())[:MAX_CHARS]
    if st.session_state.get(_SEEN) != in_url or _BOX not in st.session_state:  # first run, or a link followed
        st.session_state[_BOX] = in_url
        st.session_state[_SEEN] = in_url
    st.markdown(CSS, unsafe_allow_html=True)
    typed = st.text_input("Search articles and statements", key=_BOX, max_chars=MAX_CHARS, help=HELP,
                          placeholder="Words in Arabic or English, e.g. الأمم المتحدة")
    query = " ".join(typed.split())
    if query != in_url:  # a new search: its first page, opened at its first hit
        if query:
            st.query_params[QUERY] = query
        else:
            st.query_params.pop(QUERY, None)
        for key in (PAGE, *_OPENED):
            st.query_params.pop(key, None)
        st.session_state[_SEEN] = query
    return query


@st.cache_data(ttl=data.TTL, show_spinner=False)
def _search(url: str, filters_key: tuple, query: str, page: int,
            built: tuple[int, int] | None = None) -> tuple[list[SearchHit], int, str | None]:
    """One page of hits, its count and the search mode. `built` (the index build's progress) only keys the
    cache (no underscore: Streamlit hashes it): hits found while the index was built are not served after."""
    store = data._store(url)
    filters = Filters.from_query(dict(filters_key))
    mode = store.search_mode()
    if mode is None:
        return [], 0, None
    total = store.search_count(query, filters, cap=COUNT_CAP)
    last = max(1, math.ceil(min(total, COUNT_CAP) / PAGE_SIZE))
    hits = store.search(query, filters, limit=PAGE_SIZE, offset=(min(page, last) - 1) * PAGE_SIZE)
    return hits, total, mode


def _page() -> int:
    value = str(st.query_params.get(PAGE, "1"))
    return max(1, int(value)) if value.isdigit() and len(value) < 7 else 1


def results(url: str, filters: Filters, query: str) -> list[SearchHit]:
    """Draw this page of hits for `query` within the filters, with the pager; returns the hits drawn."""
    if not parse_query(query):
        st.info("Type a word to search for (punctuation alone finds nothing).")
        return []
    building = text_search.progress(data._store(url).engine)
    if building:
        done, total = building
        st.info(f"The search index of this store is being built: {done:,} of {total:,} articles so far. "
                "Hits come from those; search again in a while for all of them.")
    hits, total, mode = _search(url, data.key(filters), query, _page(), building)
    if mode is None:
        st.info("Search is unavailable: this store was written before full-text search and is open read-only. "
                "Opening it once where it can be written (the dashboard or any `python -m marsad` command) "
                "indexes it.")
        return []
    if not hits:
        where = " within these filters" if not filters.is_empty() else ""
        st.info(f"No article or statement holds every word of «{escape(query)}»{where}.")
        return []
    last = max(1, math.ceil(min(total, COUNT_CAP) / PAGE_SIZE))
    page = min(_page(), last)
    first = (page - 1) * PAGE_SIZE + 1
    counted = f"{COUNT_CAP:,}+" if total > COUNT_CAP else f"{total:,}"
    st.caption(f"Hits {first:,}–{first + len(hits) - 1:,} of {counted} (articles and statements, newest first)"
               + (" within the filters" if not filters.is_empty() else ""))
    base = {**filters.to_query(), QUERY: query, PAGE: str(page)}
    for hit in hits:
        st.markdown(hit_card(hit, _link(base, hit)), unsafe_allow_html=True)
    if last > 1:
        newer, where_now, older = st.columns([1, 2, 1])
        if newer.button("← Previous hits", disabled=page <= 1, key="search_previous", width="stretch"):
            _go(page - 1)
        where_now.caption(f"Page {page} of {last:,}")
        if older.button("Next hits →", disabled=page >= last, key="search_next", width="stretch"):
            _go(page + 1)
    return hits


def _go(page: int) -> None:
    st.query_params[PAGE] = str(page)
    st.rerun()


def _link(base: dict[str, str], hit: SearchHit) -> str:
    params = {**base, "article": hit.article_id}
    if hit.start is not None:
        params["sentence"] = str(int(hit.start))
    return "articles?" + urlencode(params)


def hit_card(hit: SearchHit, link: str) -> str:
    """One hit: what it is (an article, or a statement and its speaker), date and source, the title
    linking to the reader, and the snippet; the matched words marked."""
    kind = f"Statement by {escape(hit.speaker or 'an unnamed speaker')}" if hit.statement_id else "Article"
    when = escape(hit.published.isoformat() if hit.published else "undated")
    return (
        '<div class="card search-hit">'
        f'<div class="meta">{kind} · {when} · <span dir="rtl" lang="ar">{escape(hit.source or "unknown source")}'
        '</span></div>'
        f'<div><a href="{escape(link)}" target="_self"><span dir="rtl" lang="ar" class="ar">'
        f"{marked(hit.title, hit.title_marks)}</span></a></div>"
        f'<div dir="rtl" lang="ar" class="ar quote">{marked(hit.snippet, hit.marks)}</div>'
        "</div>"
    )


def open_first(hits: list[SearchHit]) -> None:
    """With no article asked for in the URL, the reader opens the first hit's."""
    if hits and not st.query_params.get("article"):
        st.query_params["article"] = hits[0].article_id


def spans(text: str | None, query: str) -> list[tuple[int, int]]:
    """(start, end) of the words of `text` the query matches, for the reader's marks."""
    return match_spans(text, parse_query(query)) if query else []
