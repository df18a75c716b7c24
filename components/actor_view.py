"""Pieces of the actors page: the table, the picker, the view, one actor's statements and events, claims vs
denials.

What an actor's statements and events are follows the sidebar's actor role (marsad/filters.py): their own
statements, the statements naming them, the events they take part in, or all of these.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from components import data, figure_options, table_view
from components.html import escape, event_card, statement_card
from marsad.filters import Filters
from marsad.views import claims_and_denials as pair_claims

_WHO = "who"
# The page shows one view at a time below the picker, kept in the URL as ?view=... (the default left out): each
# view reads only its own rows, so a filter change re-runs one of them (all four together took 0.6 s at
# 100,000 articles).
VIEW, VIEW_KEY = "view", "actors_view"
VIEWS = {"items": "Their statements & events", "sides": "Whom they act on & speak about",
         "matrix": "Actor against actor (all)", "claims": "Claims & denials"}
DETAIL_ROWS = 200  # statements, and events, listed for the chosen actor
ACTOR_COLUMNS = ["name_en", "name_ar", "role", "type", "mentions", "articles", "statements", "discovered"]
COLUMN_CONFIG = {
    "name_en": "Actor", "name_ar": "Arabic name", "type": "Type", "mentions": "Mentions", "articles": "Articles",
    "statements": "Statements",
    "role": st.column_config.TextColumn("Role", help="The role the text gives a discovered speaker "
                                                     "(spokesman, minister, correspondent)"),
    "discovered": st.column_config.CheckboxColumn(
        "Discovered", help="Not in the registry: found in the text, by the role introducing them or by the "
                           "trained name tagger"),
}
DISCOVERED_HELP = "Only the actors found in the text (not in the registry), with the role introducing them."


def actor_table(actors: pd.DataFrame) -> None:
    """The actors, most mentioned first: searchable by name, 50 a page, discovered ones alone if asked."""
    search_at, only_at = st.columns([3, 1], vertical_alignment="bottom")
    with only_at:
        discovered = table_view.only_box("discovered", "Discovered only", DISCOVERED_HELP, "actors")
    frame = actors.assign(role=actors["role"].fillna(""), discovered=actors["discovered"].astype(bool))
    frame = frame[frame["discovered"]] if discovered else frame
    with search_at:
        matching, query = table_view.searched(frame, "actors", "actor_id", "actors")
    table_view.show(matching, query, ACTOR_COLUMNS, COLUMN_CONFIG, "actors",
                    "discovered actors" if discovered else "actors", "marsad-actors.csv")


def _label(row: dict) -> str:
    label = f"{row['name_en']} · {row['name_ar']}" if row["name_ar"] and row["name_ar"] != row["name_en"] \
        else str(row["name_en"])
    return f"{label} ({row['role']})" if row.get("role") and isinstance(row["role"], str) else label


def pick_actor(actors: pd.DataFrame) -> str | None:
    """The actor chosen in the picker, kept in the URL as ?who=...; without one, the most mentioned."""
    options = actors["actor_id"].tolist()
    labels = {row["actor_id"]: _label(row) for row in actors.to_dict("records")}
    wanted = st.query_params.get(_WHO)
    default = wanted if wanted in options else options[0]  # the store lists them most mentioned first
    chosen = st.selectbox("Actor", options, index=options.index(default), format_func=lambda a: labels[a])
    if chosen and st.query_params.get(_WHO) != chosen:
        st.query_params[_WHO] = chosen
    return chosen


def pick_view() -> str:
    """The view chosen below the picker (VIEWS), from the URL, else the one this session last had."""
    options, default = list(VIEWS), next(iter(VIEWS))
    figure_options.prime(VIEW, VIEW_KEY, default, figure_options.one_of(options))
    chosen = st.segmented_control("Show", options, format_func=VIEWS.get, key=VIEW_KEY,
                                  help="One view at a time: the chosen actor's statements and events, whom they act "
                                       "on and speak about (and who on them), the matrix of the actors most involved "
                                       "under the filters, or denials beside the claims they contradict")
    return figure_options.keep(VIEW, VIEW_KEY, default, chosen or default)


_HEADINGS = {"any": "Statements by or naming them", "speaker": "Statements they made",
             "mentioned": "Statements naming them (by others)"}
_NONE = {"any": "No statement by or naming this actor under these filters.",
         "speaker": "No statements by this actor under these filters.",
         "mentioned": "No statement by anyone else names this actor under these filters."}


def detail(url: str, filters: Filters, actors: pd.DataFrame, actor_id: str) -> None:
    """One actor: names, type, role; their statements and events in the sidebar's role, across the page.
    Whom they act on and speak about, and who acts on and speaks about them, are components.actor_pairs'
    `sides` (under the sidebar's filters)."""
    actor = actors.set_index("actor_id").loc[actor_id].to_dict() | {"actor_id": actor_id}
    mine = replace(filters, actors=(actor_id,))
    role = mine.actor_role
    st.subheader(escape(actor["name_en"]))
    facts = [f"<span dir='rtl' lang='ar' class='ar' style='font-size:1.3rem'>{escape(actor['name_ar'])}</span>",
             escape(actor.get("type") or "")]
    if actor.get("role") and isinstance(actor["role"], str):
        facts.append(escape(actor["role"]))
    if actor.get("discovered"):
        facts.append("<i>discovered in the text (not in the registry)</i>")
    st.markdown(" · ".join(facts), unsafe_allow_html=True)
    total = data.counts(url, data.key(mine), entities=False)  # how many there are, beyond those listed
    if role != "participant":
        said = data.statements(url, data.key(mine), limit=DETAIL_ROWS)
        st.markdown(f"**{_HEADINGS[role]} ({_how_many(len(said), total['statements'])})**")
        if said.empty:
            st.info(_NONE[role])
        for row in said.to_dict("records"):
            st.markdown(statement_card(row), unsafe_allow_html=True)
    if role in ("any", "participant"):
        happened = data.events(url, data.key(mine), limit=DETAIL_ROWS)
        st.markdown(f"**Events they take part in ({_how_many(len(happened), total['events'])})**")
        if happened.empty:
            st.caption("No event names this actor under these filters.")
        for row in happened.to_dict("records"):
            st.markdown(event_card(row), unsafe_allow_html=True)


def _how_many(listed: int, total: int) -> str:
    """`12`, or `the 200 newest of 4,455` when the list stops short of them all."""
    return f"{total:,}" if listed >= total else f"the {listed} newest of {total:,}"


def claims_and_denials(url: str, filters: Filters) -> None:
    """Denials beside the claims they contradict, each with why they were paired. With actors chosen in the
    sidebar, their pairs: their denials of others' claims and others' denials of theirs (as the role says)."""
    st.subheader("Claims & denials")
    key = data.key(filters)
    pool = data.denials_in_context(url, key)  # the statements of the articles holding a matching denial
    if filters.actors and filters.actor_role != "participant":  # and their own, whose denial may be elsewhere
        pool = pd.concat([pool, data.statements(url, key, limit=DETAIL_ROWS)], ignore_index=True) \
            .drop_duplicates("statement_id")
    everyone, places = data.actors(url), data.places(url)
    names = {**dict(zip(everyone["actor_id"], everyone["name_en"], strict=True)),
             **dict(zip(places["place_id"], places["name_en"], strict=True))}
    spelled = {**dict(zip(everyone["actor_id"], everyone["name_ar"], strict=True)),
               **dict(zip(places["place_id"], places["name_ar"], strict=True))}
    entities = data.statement_entities(url, tuple(sorted(pool["statement_id"]))) if len(pool) else {}
    pairs = pair_claims(pool, entities, names, spelled, filters.actors, filters.actor_role)
    if pairs.empty:
        st.info("No denial in these statements contradicts another speaker's claim.")
        return
    if filters.actors:
        who = ", ".join(names.get(a, a) for a in filters.actors)
        st.caption(f"The pairs {escape(who)} {'is' if len(filters.actors) == 1 else 'are'} in: denials of "
                   "others' claims and others' denials of theirs.")
    by_id = pool.set_index("statement_id")
    for pair in pairs.to_dict("records"):
        claim, denial = by_id.loc[pair["claim_id"]], by_id.loc[pair["denial_id"]]
        st.caption(f"Paired because {escape(pair['why'])}")
        left, right = st.columns(2)
        left.markdown("**Claim**")
        left.markdown(statement_card(claim.to_dict() | {"statement_id": pair["claim_id"]}), unsafe_allow_html=True)
        right.markdown("**Denial**")
        right.markdown(statement_card(denial.to_dict() | {"statement_id": pair["denial_id"]}),
                       unsafe_allow_html=True)
