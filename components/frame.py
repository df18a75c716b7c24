"""What every page stands in: page config, styles, first-run processing and the sidebar filters.

Each page calls `setup()` first; app.py only routes (st.navigation). A `pages/` folder
beside app.py puts Streamlit in its older multipage mode until st.navigation has run
once, so the first deep link into a fresh server (`/map?place=...`) runs the page
without app.py; `setup()` notices, leaves that mode and reruns, and app.py routes.
"""

from __future__ import annotations

import gc
from functools import cache
from pathlib import Path

import streamlit as st

from components import data, filters, html, navigation
from marsad.filters import Filters

PAGE_TITLE = "Marsad · Arabic conflict news"
_ROUTED = "frame_rerouted"


FAVICON = str(Path(__file__).resolve().parent.parent / "static" / "favicon.png")  # local: nothing fetched


def configure() -> None:
    st.set_page_config(page_title=PAGE_TITLE, page_icon=FAVICON, layout="wide")


def _leave_legacy_multipage_mode() -> None:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the legacy mode
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        if not st.session_state.get(_ROUTED):  # a fresh session: rerun through app.py's routing
            st.session_state[_ROUTED] = True
            st.rerun()


def setup() -> Filters:
    """Frame the page and return the filters set in the sidebar."""
    _leave_legacy_multipage_mode()
    configure()
    html.inject_css()
    menu = st.sidebar.container()  # above the filters; filled once they are known
    store = data.store()
    data.ensure_processed(store)
    if store.read_only:
        st.sidebar.caption("Read-only store: you can browse and export; nothing is processed or saved.")
    chosen = filters.sidebar(data.options(store.url))
    navigation.links(menu, chosen)
    return chosen


@cache  # once per server process
def settle_memory() -> None:
    """After the first complete page run, take what is alive then (imported libraries, the store's
    index, the first caches: some 400,000 objects) out of the garbage collector's sight.

    Otherwise every full collection walks them all, 0.1-0.2 s landing at random inside a page run;
    after this, collections walk only what later runs create.
    """
    gc.collect()
    gc.freeze()
