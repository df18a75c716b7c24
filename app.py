"""Marsad — the dashboard's entry point: page config, first-run processing, filters, navigation."""

import streamlit as st

from components import data, filters, html

st.set_page_config(page_title="Marsad · Arabic conflict news", page_icon=":material/radar:", layout="wide")
html.inject_css()

store = data.store()
data.ensure_processed(store)
filters.sidebar(data.options(store.url))

st.logo("static/logo.svg", size="large")
pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/map.py", title="Map", icon=":material/map:"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("pages/actors.py", title="Actors & statements", icon=":material/record_voice_over:"),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:"),
]
st.navigation(pages).run()
