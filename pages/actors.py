"""Actors: a searchable table, one actor's statements and events as cards, whom they act on and speak
about (and who acts on and speaks about them, under the filters), a matrix of actor against actor, and
claims beside denials."""

import streamlit as st

from components import actor_pairs, actor_view, data, figure_panels, frame, html

f = frame.setup()
url, key = data.store().url, data.key(f)
st.title("Actors & statements")
st.caption(f"Showing {html.escape(f.describe(data.options(url)['names']))}")

actors = data.actors(url, key)
if actors.empty:
    st.info("No actors match these filters.")
    st.stop()

actor_view.actor_table(actors)
actor_id = actor_view.pick_actor(actors)
if actor_id:
    actor_view.detail(url, f, actors, actor_id)
    actor_pairs.sides(url, f, actor_id, data.options(url)["names"])
st.divider()
actor_pairs.matrix(url, f, figure_panels.report(url, key, f, data.counts(url, key, entities=False)))
st.divider()
actor_view.claims_and_denials(url, f)
