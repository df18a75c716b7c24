"""Marsad — the dashboard's entry point: the page table and navigation (pages frame themselves)."""

import streamlit as st

from components import frame

frame.configure()
st.logo("static/logo.svg", size="large")
pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/map.py", title="Map", icon=":material/map:"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("pages/actors.py", title="Actors & statements", icon=":material/record_voice_over:"),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:"),
]
st.navigation(pages).run()
frame.settle_memory()  # reached after a page ran to its end (not after st.stop)
