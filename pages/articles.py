"""Articles: a search over their words, then the reader, with places, actors, dates, statements and the
searched words highlighted; deep links open a sentence."""

import streamlit as st

from components import article_view, data, frame, html, search

f = frame.setup()
url, key = data.store().url, data.key(f)
st.title("Articles")

query = search.box()
hits = search.results(url, f, query) if query else []
search.open_first(hits)
articles = data.articles(url, key)
if articles.empty and not hits:
    st.info("No articles match these filters.")
    st.stop()

article_id = article_view.pick_article(articles)
article = data.article(url, article_id)
if article is None:
    st.error(f"No article with id {html.escape(repr(article_id))} in the store.")
    st.stop()
target = article_view.target_sentence()
events = data.events(url, (), article_id)
article_view.metadata(article, search.spans(article["title"], query))
article_view.reader(article, data.article_mentions(url, article_id), data.article_times(url, article_id),
                    data.statements(url, (), article_id), target, search.spans(article["text"], query),
                    article_view.incident(events, article["text"], target))
article_view.extracted(data.statements(url, (), article_id), events, data.article_mentions(url, article_id))
