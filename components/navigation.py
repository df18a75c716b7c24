"""The page table, and the sidebar's links to each page, which carry the current filters and the
charts' settings.

Streamlit's own page menu links to bare pages, so a filter set on one page was lost on the next
(issue: "filters that follow you"). app.py hides that menu; every page draws these links instead,
each with the filters in its query string, so a page change, Back, Forward and a reload keep them.
The charts' own settings (the timeline's `lanes` and `per`, the actors matrix's `pairs` and
`pairs_top`) ride along when they differ from their defaults, so a link copied from any page opens
every chart as it was left.
"""

from __future__ import annotations

import streamlit as st

from components import actor_pairs, figure_options, figure_panels
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


# (URL parameter, widget key, default, parser) of each chart setting the links carry
CHART_SETTINGS = [
    (figure_panels.LANES, figure_panels.LANES_KEY, figure_panels.LANES_DEFAULT,
     figure_options.whole_number(1, figure_panels.LANES_MAX)),
    (figure_panels.PER, figure_panels.PER_KEY, "week", figure_options.one_of(figure_panels.PER_OPTIONS)),
    (actor_pairs.RELATION, actor_pairs.RELATION_KEY, actor_pairs.RELATIONS[0],
     figure_options.one_of(actor_pairs.RELATIONS)),
    (actor_pairs.TOP, actor_pairs.TOP_KEY, actor_pairs.TOP_DEFAULT,
     figure_options.whole_number(2, actor_pairs.TOP_MAX)),
]


def chart_settings() -> dict[str, str]:
    """The charts' settings that differ from their defaults, as URL parameters."""
    carried = {}
    for param, key, default, parse in CHART_SETTINGS:
        value = figure_options.current(param, key, default, parse)
        if value != default:
            carried[param] = str(value)
    return carried


def links(place, filters: Filters) -> None:  # noqa: ANN001 - a Streamlit container
    """One link per page in `place`, each carrying `filters` and the charts' settings (the page's own
    selections, such as the actor picked or the article open, stay behind)."""
    query = filters.to_query() | chart_settings()
    with place:
        for script, title, icon in PAGES:
            st.page_link(script, label=title, icon=icon, query_params=query)
