"""Actor against actor on the actors page: for the chosen actor, whom they act on and who acts on them
(events by agent and target, counted by type), whom they speak about and who speaks about them
(statements by speaker and the actors their sentence names), each with its cards linking to the
sentences in the reader; then a matrix of the actors most involved under the filter.

The reads are in marsad.store.pairs; the heatmap in components.figure_pairs.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components import data, figure_export, figure_options
from components.figure_pairs import AXES, pairs_figure
from components.figure_report import Report, report_ready
from components.html import escape, event_card, statement_card
from marsad.export import csv_bytes
from marsad.filters import Filters
from marsad.store import pairs

LISTED = 50  # cards under each of the four lists
RELATION, RELATION_KEY, RELATIONS = "pairs", "pairs_relation", [pairs.ACTS, pairs.SPEAKS]
TOP, TOP_KEY, TOP_DEFAULT, TOP_MAX = "pairs_top", "pairs_top_count", 12, 40
RELATION_LABELS = {pairs.ACTS: "Who acts on whom (events)", pairs.SPEAKS: "Who speaks about whom (statements)"}
_TABS = [(pairs.ACTS, pairs.OUT, "Acts on"), (pairs.ACTS, pairs.IN, "Acted on by"),
         (pairs.SPEAKS, pairs.OUT, "Speaks about"), (pairs.SPEAKS, pairs.IN, "Spoken about by")]
# the sidebar's actor role (marsad/filters.py) -> the lists it keeps for the chosen actor
_ROLE_TABS = {"any": _TABS, "speaker": [_TABS[2]], "mentioned": [_TABS[3]], "participant": _TABS[:2]}
_NONE = {(pairs.ACTS, pairs.OUT): "No event under these filters names this actor as the one acting.",
         (pairs.ACTS, pairs.IN): "No event under these filters names this actor as the one acted on.",
         (pairs.SPEAKS, pairs.OUT): "No statement of this actor under these filters names another actor.",
         (pairs.SPEAKS, pairs.IN): "No other speaker names this actor under these filters."}


@st.cache_data(ttl=data.TTL, show_spinner=False)
def _sides(url: str, filters_key: tuple, actor_id: str, relation: str, direction: str) -> pd.DataFrame:
    return pairs.sides(data._store(url), data._filters(filters_key), actor_id, relation, direction)


@st.cache_data(ttl=data.TTL, show_spinner=False)
def _rows(url: str, filters_key: tuple, actor_id: str, relation: str, direction: str) -> pd.DataFrame:
    read = pairs.pair_events if relation == pairs.ACTS else pairs.pair_statements
    return read(data._store(url), data._filters(filters_key), actor_id, direction, LISTED)


def _listed(url: str, filters_key: tuple, actor_id: str, relation: str, direction: str, counted: pd.DataFrame) -> int:
    """How many cards `_rows` holds, without reading them."""
    if relation == pairs.SPEAKS and direction == pairs.OUT:  # counted per actor named: a count of its own
        return _statements_listed(url, filters_key, actor_id)
    return pairs.listed(data._store(url), data._filters(filters_key), actor_id, relation, direction, counted, LISTED)


@st.cache_data(ttl=data.TTL, show_spinner=False)
def _statements_listed(url: str, filters_key: tuple, actor_id: str) -> int:
    return pairs.listed(data._store(url), data._filters(filters_key), actor_id, pairs.SPEAKS, pairs.OUT,
                        pd.DataFrame(), LISTED)


@st.cache_data(ttl=data.TTL, show_spinner=False)
def _pair_counts(url: str, filters_key: tuple, relation: str) -> pd.DataFrame:
    return pairs.pair_counts(data._store(url), data._filters(filters_key), relation)


def _counterpart(row: dict) -> str:
    if row["other_id"] == pairs.NO_TARGET:
        return "<i>no target named</i>"
    ar = f" <span dir='rtl' lang='ar'>{escape(row['name_ar'])}</span>" if row.get("name_ar") else ""
    return f"**{escape(row.get('name_en') or row['other_id'])}**{ar}"


def _summary(frame: pd.DataFrame, relation: str, most: int = 15) -> str:
    """One line a counterpart, most first, `most` of them: '- **GNA** ×4: armed clash 3, airstrike 1'."""
    totals = frame.groupby("other_id", sort=False)["items"].sum().sort_values(ascending=False, kind="stable")
    lines = []
    for other_id in totals.index[:most]:
        group = frame[frame["other_id"] == other_id]
        line = f"- {_counterpart(group.iloc[0].to_dict())} ×{int(totals[other_id])}"
        if relation == pairs.ACTS:
            line += ": " + ", ".join(f"{escape(str(t).replace('_', ' '))} {int(n)}"
                                     for t, n in zip(group["type"], group["items"], strict=True))
        lines.append(line)
    if len(totals) > most:
        lines.append(f"- and {len(totals) - most} more")
    return "\n".join(lines)


def sides(url: str, filters: Filters, actor_id: str, names: dict[str, str]) -> None:
    """The chosen actor against the others, in four tabs: acts on, acted on by, speaks about, spoken
    about by; each a line per counterpart (events counted by type) and the newest cards. The sidebar's
    actor role keeps those it names (as speaker: speaks about; mentioned: spoken about by; as
    participant: acts on and acted on by)."""
    key = data.key(filters)
    shown = _ROLE_TABS[filters.actor_role]
    st.markdown("**Actor against actor** (events by who acts and on whom; statements by who speaks and "
                "whom they name; the sidebar's actors set aside for the chosen one)")
    frames = {(relation, direction): _sides(url, key, actor_id, relation, direction)
              for relation, direction, _ in shown}
    tabs = st.tabs([f"{label} ({int(frames[(r, d)]['items'].sum())})" for r, d, label in shown])
    for tab, (relation, direction, _) in zip(tabs, shown, strict=True):
        with tab:
            frame = frames[(relation, direction)]
            if frame.empty:
                st.caption(_NONE[(relation, direction)])
                continue
            st.markdown(_summary(frame, relation), unsafe_allow_html=True)
            listed = _listed(url, key, actor_id, relation, direction, frame)
            total = int(frame["items"].sum())
            noun = "events" if relation == pairs.ACTS else "statements"
            st.caption(f"The {listed} newest of {total} {noun}" if total > listed else f"All {total} {noun}")
            # folded: the lists above hold the same cards (this actor's statements and events), these are the
            # ones that name a counterpart; read and drawn only once opened (four lists of 50 cards cost a filter
            # change 0.1-0.3 s at 100,000 articles)
            cards = st.expander(f"Show the {listed} {noun} with their counterpart", expanded=False,
                                key=f"pairs_cards_{relation}_{direction}", on_change="rerun")
            if cards.open:
                with cards:
                    for row in _rows(url, key, actor_id, relation, direction).to_dict("records"):
                        card = event_card(row, names) if relation == pairs.ACTS else statement_card(row)
                        st.markdown(card, unsafe_allow_html=True)


def matrix(url: str, filters: Filters, report: Report) -> None:
    """The actors most involved under the filter, against each other: a heatmap of events (agent on
    target) or statements (speaker about actor named), report-ready, with its data as CSV."""
    st.subheader("Actor against actor")
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    figure_options.prime(RELATION, RELATION_KEY, pairs.ACTS, figure_options.one_of(RELATIONS))
    relation = left.segmented_control("Show", RELATIONS, format_func=RELATION_LABELS.get,
                                      key=RELATION_KEY) or pairs.ACTS
    figure_options.keep(RELATION, RELATION_KEY, pairs.ACTS, relation)
    figure_options.prime(TOP, TOP_KEY, TOP_DEFAULT, figure_options.whole_number(2, TOP_MAX))
    top = right.number_input("Actors shown (most involved first)", 2, TOP_MAX, key=TOP_KEY, step=1)
    top = figure_options.keep(TOP, TOP_KEY, TOP_DEFAULT, int(top))
    counted = _pair_counts(url, data.key(filters), relation)
    table = pairs.matrix(counted, top)
    rows, columns, unit, verb = AXES[relation]
    if table.empty:
        st.info("No event under these filters names both who acts and on whom." if relation == pairs.ACTS
                else "No statement under these filters names another actor than its speaker.")
        return
    involved = len(set(counted["source_id"]) | set(counted["target_id"]))
    notes = [f"Rows: the {rows}; columns: the {columns}; each cell counts the {unit} in which the row's actor "
             f"{verb} the column's" + (" (as the sentence reporting the event names them)." if relation == pairs.ACTS
                                       else " (names them in the statement's sentence).")
             + f" The {len(table)} actors most involved of {involved}."]
    st.caption(escape(f"Marsad — {filters.describe(report.names)}. " + " ".join(notes)))
    what = "Who acts on whom" if relation == pairs.ACTS else "Who speaks about whom"
    names = pairs.pair_names(counted)
    figure = report_ready(pairs_figure(table, names, relation), report.title(what, None),
                          report.caption(notes))
    filename = report.filename(what, None, "png")
    figure_export.show(figure, filename, "pairs")
    at_left, at_right = st.columns(2)
    figure_export.print_buttons(figure, filename, "pairs", "Prepare this chart for print (PNG, SVG)", at_left)
    ordered = counted.sort_values(["items", "source_id", "target_id"], ascending=[False, True, True])
    # the CSV is made when clicked (deferred), not on every run of the page
    at_right.download_button("Download actor pairs (CSV)", partial(csv_bytes, ordered),
                             filename.rsplit(".", 1)[0] + ".csv", "text/csv", key="pairs_csv", on_click="ignore")
