"""The sidebar filters, shared by every page and mirrored in the URL.

On the first run of a session the URL's query parameters fill the widgets; after
that every change is written back, so a filtered view is a link a colleague can
open. `sidebar()` returns the filters it set (pages get them through `frame.setup()`).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from marsad.filters import ACTOR_ROLES, DATE_MAX, DATE_MIN, Filters, clamp_date

_KEYS = {"actors": "f_actors", "places": "f_places", "event_types": "f_events", "sources": "f_sources"}
_DATES = "f_dates"
_ROLE = "f_actor_role"  # how the chosen actors take part: ?as=speaker|participant|mentioned (none: any)
ROLE_HELP = ("What the chosen actors match. **Any of these** (the default): their statements, the statements "
             "naming them and the events they take part in. **As speaker**: only the statements they make. "
             "**As participant in events**: only the events naming them (agent, target or another party); "
             "no statements. **Mentioned**: only the statements whose sentence names them, said by someone "
             "else; no events. Articles are those naming them, whatever you choose.")
_LOADED = "f_url_state"  # the owned query pairs last read or written
_PENDING_PLACE = "f_pending_place"
_NOTE = "f_dates_note"  # what was changed in the link's dates, said once under the widget
# Query keys the filters own; other keys (article, sentence, actor page selection) are left alone.
_OWNED = set(Filters.QUERY_KEYS.values())


def _url_state() -> dict[str, str]:
    return {k: v for k, v in st.query_params.to_dict().items() if k in _OWNED}


def _load_from_url(options: dict) -> None:
    """Fill the widgets from the URL when it changed from outside (first visit, pasted or followed link)."""
    state = _url_state()
    # A widget's value is dropped when a page runs without it; assigned here, before this page draws the
    # widgets, the values survive a page change (Streamlit's documented way to keep them across pages).
    for key in (*_KEYS.values(), _DATES, _ROLE):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    if st.session_state.get(_LOADED) == state and all(key in st.session_state for key in (*_KEYS.values(), _ROLE)):
        return
    st.session_state[_LOADED] = state
    url_filters = Filters.from_query(state)
    for field, widget_key in _KEYS.items():
        allowed = options[_option_key(field)]
        chosen = [v for v in getattr(url_filters, field) if v in allowed]
        st.session_state[widget_key] = chosen
    st.session_state[_ROLE] = url_filters.actor_role
    low, high = _span(options)
    if (url_filters.date_from or url_filters.date_to) and low and high:
        wanted = (url_filters.date_from or low, url_filters.date_to or high)
        start, end = sorted(clamp_date(d) for d in wanted)
        if (start, end) != wanted:
            st.session_state[_NOTE] = (f"The link's dates ({wanted[0]} – {wanted[1]}) were changed to {start} – {end}: "
                                       f"dates run from {DATE_MIN} to {DATE_MAX}, first date first.")
        st.session_state[_DATES] = (start, end)
    else:
        st.session_state.pop(_DATES, None)


def _span(options: dict) -> tuple[date | None, date | None]:
    """The store's date span, inside the dates a widget can hold."""
    low, high = options["date_span"]
    return (clamp_date(low) if low else None), (clamp_date(high) if high else None)


def _valid_dates(value: object) -> bool:
    return (isinstance(value, tuple | list) and 0 < len(value) <= 2
            and all(isinstance(d, date) and DATE_MIN <= d <= DATE_MAX for d in value))


def _option_key(field: str) -> str:
    return {"actors": "actors", "places": "places", "event_types": "event_types", "sources": "sources"}[field]


def sidebar(options: dict) -> Filters:
    """Draw the filter widgets in the sidebar and return the filters they set."""
    _load_from_url(options)
    if _PENDING_PLACE in st.session_state:  # widgets can only be set before they are drawn
        pending = st.session_state.pop(_PENDING_PLACE)
        st.session_state[_KEYS["places"]] = [pending] if pending in options["places"] else []
    with st.sidebar:
        st.markdown("### Filters")
        actors = st.multiselect("Actors", list(options["actors"]), key=_KEYS["actors"],
                                format_func=lambda a: options["actors"].get(a, a), placeholder="All actors")
        role = st.radio("The actors match", list(ACTOR_ROLES), key=_ROLE, format_func=ACTOR_ROLES.__getitem__,
                        disabled=not actors, help=ROLE_HELP)
        places = st.multiselect("Places", list(options["places"]), key=_KEYS["places"],
                                format_func=lambda p: options["places"].get(p, p), placeholder="All places")
        low, high = _span(options)
        dates: tuple = ()
        if low and high:
            if not _valid_dates(st.session_state.get(_DATES)):
                st.session_state[_DATES] = (low, high)
            dates = st.date_input("Dates", key=_DATES, min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY-MM-DD")
            if note := st.session_state.pop(_NOTE, None):
                st.caption(note)
        event_types = st.multiselect("Event types", options["event_types"], key=_KEYS["event_types"],
                                     format_func=lambda t: t.replace("_", " "), placeholder="All event types")
        sources = st.multiselect("Sources", options["sources"], key=_KEYS["sources"], placeholder="All sources")
        if st.button("Clear filters", width="stretch"):
            for widget_key in (*_KEYS.values(), _DATES, _ROLE):
                st.session_state.pop(widget_key, None)
            for query_key in _OWNED:
                st.query_params.pop(query_key, None)
            st.rerun()
    date_from, date_to = _date_range(dates, low, high)
    filters = Filters(actors=tuple(actors), places=tuple(places), event_types=tuple(event_types),
                      sources=tuple(sources), date_from=date_from, date_to=date_to,
                      actor_role=role if role in ACTOR_ROLES else "any")
    _write_to_url(filters)
    return filters


def _date_range(dates: tuple, low: date | None, high: date | None) -> tuple[date | None, date | None]:
    if not isinstance(dates, tuple | list) or len(dates) != 2:
        return None, None
    start, end = dates
    # The full span means "no date filter", so undated items stay visible.
    if start == low and end == high:
        return None, None
    return start, end


def _write_to_url(filters: Filters) -> None:
    wanted = filters.to_query()
    for query_key in _OWNED - set(wanted):
        if query_key in st.query_params:
            del st.query_params[query_key]
    for query_key, value in wanted.items():
        if st.query_params.get(query_key) != value:
            st.query_params[query_key] = value
    st.session_state[_LOADED] = wanted


def set_place(place_id: str | None) -> None:
    """Filter every page to one place (a map click) from the next run; None clears it."""
    st.session_state[_PENDING_PLACE] = place_id or ""
    st.rerun()
