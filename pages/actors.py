"""Actors: a searchable table, one actor's statements and events as cards, who they mention, and claims
beside denials."""

import streamlit as st

from components import actor_view, data, frame, html

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
st.divider()
actor_view.claims_and_denials(url, f)
