"""Pieces of the articles page: picker, metadata, highlighted reader, what was extracted."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from components.html import arabic, clean, escape, event_card, evidence_spans, external_link, statement_card
from components.reader import highlighted_html, legend, marked

_ARTICLE, _SENTENCE, _INCIDENT = "article", "sentence", "incident"


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
        st.query_params.pop(_INCIDENT, None)
    return chosen


def target_sentence() -> int | None:
    value = st.query_params.get(_SENTENCE)
    return int(value) if value and str(value).isdigit() else None


class Incident(NamedTuple):
    """The sentences reporting the event a link opened: its own first, then its evidence."""

    spans: list[tuple[int, int]]
    label: str


def incident(events: pd.DataFrame, text: str, target: int | None) -> Incident | None:
    """The event named by the URL's `incident` (one of this article's events starting at the `sentence`
    asked for, when one is), with every sentence reporting it; None when there is none such."""
    wanted = st.query_params.get(_INCIDENT)
    if not wanted or events.empty or "event_id" not in events:
        return None
    rows = events[events["event_id"] == str(wanted)].to_dict("records")
    if not rows or (target is not None and int(rows[0]["start"]) != target):
        return None  # a link left over from another sentence: the sentence alone is outlined
    row = rows[0]
    spans = [(int(row["start"]), int(row["end"])), *evidence_spans(row.get("evidence"))]
    spans = list(dict.fromkeys(s for s in spans if 0 <= s[0] < s[1] <= len(text)))
    label = clean(row.get("label_en")) or clean(row.get("type")).replace("_", " ")
    return Incident(spans, label.capitalize()) if spans else None


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
           target: int | None, hits: list[tuple[int, int]] | None = None, event: Incident | None = None) -> None:
    """The highlighted text; `hits`: the (start, end) of words a search matched, marked too; `event`: the
    sentences of the event a card opened, marked together (the first in view)."""
    st.markdown(legend(bool(hits), event is not None), unsafe_allow_html=True)
    if event is not None:
        count = len(event.spans)
        st.caption(f"{escape(event.label)}: reported in {count} sentence{'s' if count > 1 else ''}, marked below.")
    st.markdown(highlighted_html(article["text"], mentions, times, statements, target, hits or (),
                                 event.spans if event else (), event.label if event else ""),
                unsafe_allow_html=True)
    if target is not None or event is not None:
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
    names = _names(mentions)
    st.subheader("Extracted from this article")
    tab_s, tab_e, tab_m = st.tabs([f"Statements ({len(statements)})", f"Events ({len(events)})",
                                   f"Mentions ({len(mentions)})"])
    with tab_s:
        for row in statements.to_dict("records"):
            st.markdown(statement_card(row), unsafe_allow_html=True)
    with tab_e:
        for row in events.to_dict("records"):
            st.markdown(event_card(row, names), unsafe_allow_html=True)
    with tab_m:
        st.dataframe(mentions[["text", "type", "name_en", "source", "role", "confidence", "start", "end"]],
                     hide_index=True, width="stretch")


def _names(mentions: pd.DataFrame) -> dict[str, str]:
    """entity id -> English name, from the article's mentions (an event's agent and target are among them)."""
    if mentions.empty or not {"entity_id", "name_en"} <= set(mentions):
        return {}
    named = mentions.dropna(subset=["entity_id", "name_en"])
    return dict(zip(named["entity_id"], named["name_en"], strict=True))
