"""Actors: counts, one actor's statements as cards, who they mention, and claims beside denials."""

from dataclasses import replace

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
    said = data.statements(url, data.key(replace(f, actors=(actor_id,))), limit=200)
    actor_view.actor_detail(actors.set_index("actor_id").loc[actor_id].to_dict() | {"actor_id": actor_id},
                            said, data.co_mentions(url, actor_id), data.mentioned_by(url, actor_id))
st.divider()
actor_view.claims_and_denials(data.denials_in_context(url, key))
