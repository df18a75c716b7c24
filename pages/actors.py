"""Actors: a searchable table, then one view at a time (?view=): the chosen actor's statements and events as
cards, whom they act on and speak about (and who acts on and speaks about them, under the filters), a matrix
of actor against actor, or claims beside denials."""

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
view = actor_view.pick_view()
if view == "items":
    actor_view.detail(url, f, actors, actor_id)
elif view == "sides":
    actor_pairs.sides(url, f, actor_id, data.options(url)["names"])
elif view == "matrix":
    actor_pairs.matrix(url, f, figure_panels.report(url, key, f, data.counts(url, key, entities=False)))
else:
    actor_view.claims_and_denials(url, f)
