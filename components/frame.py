"""What every page stands in: page config, styles, first-run processing and the sidebar filters.

Each page calls `setup()` first. app.py only routes (st.navigation), so a page also
works when Streamlit runs it on its own — which it does for the first deep link
into a fresh server, because a `pages/` folder beside app.py switches Streamlit to
its older multipage mode until st.navigation has run once.
"""

from __future__ import annotations

import streamlit as st

from components import data, filters, html
from marsad.filters import Filters

PAGE_TITLE = "Marsad · Arabic conflict news"


def configure() -> None:
    st.set_page_config(page_title=PAGE_TITLE, page_icon=":material/radar:", layout="wide")


def setup() -> Filters:
    """Frame the page and return the filters set in the sidebar."""
    configure()
    html.inject_css()
    store = data.store()
    data.ensure_processed(store)
    return filters.sidebar(data.options(store.url))
