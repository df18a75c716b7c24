"""A long table of names (actors, places) a reader can search and page through: the box, the pager and
any "only ..." box kept in the URL (`?actors_q=حفتر&actors_page=2`), so a view of the table is a link.

The search matches the English or the Arabic name (or the id) word by word, Arabic spellings loosely
(marsad.names: hamza, ta marbuta, alef maksura, diacritics, the article), as the pipeline matches names.
"""

from __future__ import annotations

import math
from functools import partial

import pandas as pd
import streamlit as st

from components.html import escape
from marsad.export import csv_bytes
from marsad.names import search

PAGE_SIZE = 50
MAX_CHARS = 100
HELP = ("Every word must begin a word of the English or the Arabic name: haft finds Khalifa Haftar, حفتر "
        "finds خليفة حفتر. Arabic is matched loosely: أ إ آ ا alike, ة and ه, ى and ي, ؤ and و, ئ and ي, "
        "without diacritics; سراج finds السراج.")


def _synced(widget_key: str, value: object) -> None:
    """Put the URL's `value` in the widget before it is drawn: on the first run, or when a link changed it."""
    seen = f"{widget_key}_seen"
    if st.session_state.get(seen) != value or widget_key not in st.session_state:
        st.session_state[widget_key] = value
    st.session_state[seen] = value


def _to_url(param: str, value: str) -> None:
    """`value` into the URL; an empty one out of it."""
    if not value:
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != value:
        st.query_params[param] = value


def only_box(param: str, label: str, help_text: str, table_name: str) -> bool:
    """A checkbox kept in the URL as ?<param>=1; a change goes back to the first page of `table_name`."""
    key = f"table_{param}"
    in_url = str(st.query_params.get(param, "")) == "1"
    _synced(key, in_url)
    checked = st.checkbox(label, key=key, help=help_text)
    if checked != in_url:
        _to_url(param, "1" if checked else "")
        st.query_params.pop(f"{table_name}_page", None)
        st.session_state[f"{key}_seen"] = checked
    return checked


_EXAMPLES = {"actors": "Haftar or حفتر", "places": "Tripoli or طرابلس"}  # a name each table holds


def searched(frame: pd.DataFrame, name: str, id_column: str, noun: str) -> tuple[pd.DataFrame, str]:
    """Draw the search box for the table `name`; the rows it matches (all of them when empty) and the query.
    A new search goes back to the first page."""
    param, key = f"{name}_q", f"table_{name}_q"
    in_url = " ".join(str(st.query_params.get(param, "")).split())[:MAX_CHARS]
    _synced(key, in_url)
    typed = st.text_input(f"Search {noun}", key=key, max_chars=MAX_CHARS, help=HELP,
                          placeholder=f"A name in English or Arabic, e.g. {_EXAMPLES.get(name, 'Tripoli or طرابلس')}")
    query = " ".join(typed.split())
    if query != in_url:
        _to_url(param, query)
        st.query_params.pop(f"{name}_page", None)
        st.session_state[f"{key}_seen"] = query
    return (frame[search(frame, query, id_column)] if query else frame), query


def page_of(frame: pd.DataFrame, name: str, noun: str) -> pd.DataFrame:
    """The rows of this page (?<name>_page=N, PAGE_SIZE a page), with a pager under the table when there
    are more pages; says which rows are shown."""
    param = f"{name}_page"
    last = max(1, math.ceil(len(frame) / PAGE_SIZE))
    value = str(st.query_params.get(param, "1"))
    page = min(max(1, int(value)) if value.isdigit() and len(value) < 7 else 1, last)
    if page == 1:
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != str(page):
        st.query_params[param] = str(page)
    first = (page - 1) * PAGE_SIZE
    shown = frame.iloc[first:first + PAGE_SIZE]
    if len(frame) > PAGE_SIZE:
        st.caption(f"{noun.capitalize()} {first + 1:,}–{first + len(shown):,} of {len(frame):,}")
    return shown


def pager(frame: pd.DataFrame, name: str) -> None:
    """Previous and next buttons under the table, when it has more than one page."""
    param = f"{name}_page"
    last = max(1, math.ceil(len(frame) / PAGE_SIZE))
    if last <= 1:
        return
    value = str(st.query_params.get(param, "1"))
    page = min(max(1, int(value)) if value.isdigit() and len(value) < 7 else 1, last)
    back, where_now, forward = st.columns([1, 2, 1])
    if back.button("← Previous", disabled=page <= 1, key=f"{name}_previous", width="stretch"):
        _go(param, page - 1)
    where_now.caption(f"Page {page} of {last:,}")
    if forward.button("Next →", disabled=page >= last, key=f"{name}_next", width="stretch"):
        _go(param, page + 1)


def _go(param: str, page: int) -> None:
    if page <= 1:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = str(page)
    st.rerun()


def show(matching: pd.DataFrame, query: str, shown_columns: list[str], column_config: dict, name: str,
         noun: str, download: str) -> None:
    """One page of the rows a search matched (their `shown_columns`), the pager, and a CSV of all of them."""
    if matching.empty:
        st.info(f"No {escape(noun)} match «{escape(query)}»." if query else f"No {escape(noun)} to show.")
        return
    shown = page_of(matching, name, noun)
    st.dataframe(shown[shown_columns], hide_index=True, width="stretch",
                 height=min(420, 38 + 35 * len(shown)), column_config=column_config)
    pager(matching, name)
    # the CSV is made when clicked (deferred), not on every run of the page
    st.download_button(f"Download {noun} (CSV)", partial(csv_bytes, matching[shown_columns]), download, "text/csv")


def table(frame: pd.DataFrame, shown_columns: list[str], column_config: dict, name: str, id_column: str,
          noun: str, download: str) -> pd.DataFrame:
    """Search box, one page of `frame`, the pager, and a CSV of every row the search matches (returned)."""
    matching, query = searched(frame, name, id_column, noun)
    show(matching, query, shown_columns, column_config, name, noun, download)
    return matching
