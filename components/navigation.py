"""The page table, and the sidebar's links to each page, which carry the current filters.

Streamlit's own page menu links to bare pages, so a filter set on one page was lost on the next
(issue: "filters that follow you"). app.py hides that menu; every page draws these links instead,
each with the filters in its query string, so a page change, Back, Forward and a reload keep them.
"""

from __future__ import annotations

import streamlit as st

from marsad.filters import Filters

# (script, title, icon); the first is the default page, at "/"
PAGES = [
    ("pages/overview.py", "Overview", ":material/dashboard:"),
    ("pages/map.py", "Map", ":material/map:"),
    ("pages/timeline.py", "Timeline", ":material/timeline:"),
    ("pages/actors.py", "Actors & statements", ":material/record_voice_over:"),
    ("pages/articles.py", "Articles", ":material/article:"),
]


def pages() -> list:
    return [st.Page(script, title=title, icon=icon, default=index == 0)
            for index, (script, title, icon) in enumerate(PAGES)]


def links(place, filters: Filters) -> None:  # noqa: ANN001 - a Streamlit container
    """One link per page in `place`, each carrying `filters` (the page's own selections stay behind)."""
    query = filters.to_query()
    with place:
        for script, title, icon in PAGES:
            st.page_link(script, label=title, icon=icon, query_params=query)
