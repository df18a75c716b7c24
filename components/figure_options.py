"""A chart's own settings (how many lanes, per week or per month) kept in the URL like the filters.

A link with `?lanes=30` opens the chart that way; a change is written back; the value also follows
the session to other pages and back: the sidebar's page links carry it (`current`), and it is kept
beside the widget as well (Streamlit forgets a widget's value on a page that does not draw it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def _seen(key: str) -> str:
    return f"{key}__url"  # the URL value last read or written


def _kept(key: str) -> str:
    return f"{key}__kept"  # the value, kept across pages


def prime(param: str, key: str, default: T, parse: Callable[[str], T | None]) -> None:
    """Before the widget `key` is drawn: take the URL's `param` when it changed from outside (a link
    opened, Back), else the value this session had, else `default`."""
    raw = st.query_params.get(param)
    wanted = parse(raw) if raw is not None else None
    if wanted is not None and raw != st.session_state.get(_seen(key)):
        st.session_state[key] = wanted
    elif key not in st.session_state:
        st.session_state[key] = st.session_state.get(_kept(key), default)


def keep(param: str, key: str, default: T, value: T) -> T:
    """After the widget: write its `value` to the URL (left out when it is the default) and keep it."""
    st.session_state[_kept(key)] = value
    text = None if value == default else str(value)
    if text is None:
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != text:
        st.query_params[param] = text
    st.session_state[_seen(key)] = text
    return value


def whole_number(low: int, high: int) -> Callable[[str], int | None]:
    """A parser for prime(): a whole number from `low` to `high`, else None."""
    def parse(raw: str) -> int | None:
        try:
            value = int(str(raw).strip())
        except ValueError:
            return None
        return value if low <= value <= high else None
    return parse


def one_of(options: list[str]) -> Callable[[str], str | None]:
    """A parser for prime(): one of `options`, else None."""
    return lambda raw: raw if raw in options else None


def current(param: str, key: str, default: T, parse: Callable[[str], T | None]) -> T:
    """The setting's value as the page will show it, readable before its widget is drawn (the sidebar's
    links are drawn first): the URL's when it changed from outside, else the widget's (just changed, the
    URL not yet written), else the value kept for the session, else `default`. As `prime` decides."""
    raw = st.query_params.get(param)
    wanted = parse(raw) if raw is not None else None
    if wanted is not None and raw != st.session_state.get(_seen(key)):
        return wanted
    if key in st.session_state:
        value = st.session_state[key]
        return value if value is not None and parse(str(value)) is not None else default
    return st.session_state.get(_kept(key), wanted if wanted is not None else default)
