"""Pieces of the actors page: the table, the picker, one actor's statements, claims vs denials."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.html import escape, statement_card
from marsad.export import csv_bytes
from marsad.views import claims_and_denials as pair_claims

_WHO = "who"


def actor_table(actors: pd.DataFrame) -> None:
    table = actors[["name_en", "name_ar", "type", "role", "mentions", "articles", "statements", "discovered"]] \
        .fillna({"role": ""})
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(table)),
                 column_config={
                     "name_en": "Actor", "name_ar": "Arabic name", "type": "Type", "role": "Role",
                     "mentions": "Mentions", "articles": "Articles", "statements": "Statements",
                     "discovered": st.column_config.CheckboxColumn(
                         "Discovered", help="Not in the registry: found in the text, by the role introducing "
                                            "them or by the trained name tagger"),
                 })
    st.download_button("Download actors (CSV)", csv_bytes(table), "marsad-actors.csv",
                       "text/csv")


def pick_actor(actors: pd.DataFrame) -> str | None:
    """The actor chosen in the picker, kept in the URL as ?who=... ."""
    options = actors["actor_id"].tolist()
    labels = dict(zip(actors["actor_id"], actors["name_en"] + " · " + actors["name_ar"], strict=True))
    wanted = st.query_params.get(_WHO)
    speakers = actors[actors["statements"] > 0]["actor_id"].tolist()
    default = wanted if wanted in options else (speakers[0] if speakers else options[0])
    chosen = st.selectbox("Actor", options, index=options.index(default), format_func=lambda a: labels[a])
    if chosen and st.query_params.get(_WHO) != chosen:
        st.query_params[_WHO] = chosen
    return chosen


def actor_detail(actor: dict, statements: pd.DataFrame, mentions: pd.DataFrame, mentioned_by: pd.DataFrame) -> None:
    st.subheader(escape(actor["name_en"]))
    facts = [f"<span dir='rtl' lang='ar' class='ar' style='font-size:1.3rem'>{escape(actor['name_ar'])}</span>",
             escape(actor.get("type") or "")]
    if actor.get("role"):
        facts.append(escape(actor["role"]))
    if actor.get("discovered"):
        facts.append("<i>discovered in the text (not in the registry)</i>")
    st.markdown(" · ".join(facts), unsafe_allow_html=True)
    left, right = st.columns([2, 1])
    with left:
        st.markdown(f"**Statements ({len(statements)})**")
        if statements.empty:
            st.info("No statements by this actor under these filters.")
        for row in statements.to_dict("records"):
            st.markdown(statement_card(row), unsafe_allow_html=True)
    with right:
        st.markdown("**Who they mention** (in their statements)")
        _people(mentions)
        st.markdown("**Who mentions them** (speakers naming them)")
        _people(mentioned_by)


def _people(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.caption("nobody")
        return
    for row in frame.to_dict("records"):
        st.markdown(f"- {escape(row['name_en'])} <span dir='rtl' lang='ar'>{escape(row['name_ar'])}</span> "
                    f"×{row['times']}", unsafe_allow_html=True)


def claims_and_denials(statements: pd.DataFrame) -> None:
    st.subheader("Claims & denials")
    pairs = pair_claims(statements)
    if pairs.empty:
        st.info("No denial in these statements contradicts another speaker's claim.")
        return
    by_id = statements.set_index("statement_id")
    for pair in pairs.to_dict("records"):
        claim, denial = by_id.loc[pair["claim_id"]], by_id.loc[pair["denial_id"]]
        left, right = st.columns(2)
        left.markdown("**Claim**")
        left.markdown(statement_card(claim.to_dict() | {"statement_id": pair["claim_id"]}), unsafe_allow_html=True)
        right.markdown("**Denial**")
        right.markdown(statement_card(denial.to_dict() | {"statement_id": pair["denial_id"]}),
                       unsafe_allow_html=True)
