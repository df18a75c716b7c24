"""Pieces of the articles page: picker, metadata, highlighted reader, what was extracted."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.html import arabic, escape, event_card, external_link, statement_card
from components.reader import LEGEND, LEGEND_WITH_HITS, highlighted_html, marked

_ARTICLE, _SENTENCE = "article", "sentence"


def pick_article(articles: pd.DataFrame) -> str:
    """The article chosen in the picker, kept in the URL as ?article=... (deep links land here)."""
    options = articles["article_id"].tolist()
    wanted = st.query_params.get(_ARTICLE)
    if wanted and wanted not in options:
        options = [wanted, *options]  # a deep link outside the current filters still opens
    titles = dict(zip(articles["article_id"], articles["title"], strict=True))
    default = options.index(wanted) if wanted in options else 0
    chosen = st.selectbox("Article", options, index=default, format_func=lambda a: titles.get(a, a)[:110])
    if st.query_params.get(_ARTICLE) != chosen:
        st.query_params[_ARTICLE] = chosen
        st.query_params.pop(_SENTENCE, None)
    return chosen


def target_sentence() -> int | None:
    value = st.query_params.get(_SENTENCE)
    return int(value) if value and str(value).isdigit() else None


def metadata(article: dict, title_hits: list[tuple[int, int]] | None = None) -> None:
    """Title (with the words a search matched marked), source, date, id and link."""
    if title_hits:
        st.markdown(f'<h3 dir="rtl" lang="ar" class="ar">{marked(article["title"], title_hits)}</h3>',
                    unsafe_allow_html=True)
    else:
        st.markdown(arabic(article["title"], tag="h3"), unsafe_allow_html=True)
    published = str(article["published"] or "unknown")
    if article["published_inferred"]:
        published += " (inferred: the latest date the article mentions; a lower bound)"
    parts = [f"**Source:** <span dir='rtl'>{escape(article['source'] or 'unknown')}</span>",
             f"**Published:** {escape(published)}", f"**Id:** <code>{escape(article['article_id'])}</code>"]
    if link := external_link(article.get("url"), "original"):
        parts.append(link)
    elif article.get("url"):
        parts.append(f"**URL** (not a web link, not opened): <code>{escape(article['url'])}</code>")
    st.markdown(" · ".join(parts), unsafe_allow_html=True)


def reader(article: dict, mentions: pd.DataFrame, times: pd.DataFrame, statements: pd.DataFrame,
           target: int | None, hits: list[tuple[int, int]] | None = None) -> None:
    """The highlighted text; `hits`: the (start, end) of words a search matched, marked too."""
    st.markdown(LEGEND_WITH_HITS if hits else LEGEND, unsafe_allow_html=True)
    st.markdown(highlighted_html(article["text"], mentions, times, statements, target, hits or ()),
                unsafe_allow_html=True)
    if target is not None:
        st.iframe(f"<script>{SCROLL_TO_TARGET}</script>", height=1)


# The page lays out after this script starts (the text, then what follows it), so it looks for the
# sentence every 200 ms for 5 s and centres it until it stays in view, or the reader scrolls.
SCROLL_TO_TARGET = """
const doc = window.parent.document;
let checks = 0, settled = 0, stopped = false;
for (const kind of ['wheel', 'touchstart', 'keydown']) {
  doc.addEventListener(kind, () => { stopped = true; }, {once: true});
}
function inView(t) {
  const r = t.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.parent.innerHeight;
}
function look() {
  const t = doc.getElementById('target');
  if (t && inView(t)) { settled += 1; } else if (t) { settled = 0; t.scrollIntoView({block: 'center'}); }
  if (!stopped && settled < 3 && ++checks < 25) { setTimeout(look, 200); }
}
look();
"""


def extracted(statements: pd.DataFrame, events: pd.DataFrame, mentions: pd.DataFrame) -> None:
    st.subheader("Extracted from this article")
    tab_s, tab_e, tab_m = st.tabs([f"Statements ({len(statements)})", f"Events ({len(events)})",
                                   f"Mentions ({len(mentions)})"])
    with tab_s:
        for row in statements.to_dict("records"):
            st.markdown(statement_card(row), unsafe_allow_html=True)
    with tab_e:
        for row in events.to_dict("records"):
            st.markdown(event_card(row), unsafe_allow_html=True)
    with tab_m:
        st.dataframe(mentions[["text", "type", "name_en", "source", "role", "confidence", "start", "end"]],
                     hide_index=True, width="stretch")
