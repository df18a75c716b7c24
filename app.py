"""Marsad — the dashboard's entry point: the page table and navigation (pages frame themselves)."""

import streamlit as st

from components import frame, navigation

frame.configure()
st.logo("static/logo.svg", size="large")
# The page menu is drawn by each page (components/navigation.links): its links carry the filters.
st.navigation(navigation.pages(), position="hidden").run()
frame.settle_memory()  # reached after a page ran to its end (not after st.stop)
