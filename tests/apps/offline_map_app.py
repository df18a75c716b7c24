"""Throwaway Streamlit page for tests/test_map_offline_browser.py.

Renders the offline base map around Tripoli with three CircleMarkers.
Streamlit serves static/ from beside the *main script*, so the test copies this
file into a temp dir next to copies of static/ and .streamlit/ and runs it there
with PYTHONPATH=<repo root>. By hand, the same:
    d=$(mktemp -d); cp tests/apps/offline_map_app.py $d/app.py; cp -r static .streamlit $d/
    (cd $d && PYTHONPATH=$OLDPWD $OLDPWD/.venv/bin/python -m streamlit run app.py)
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from components.map_base import make_base_map

POINTS = [
    ("Tripoli", 32.8872, 13.1913, 40),
    ("Misrata", 32.3754, 15.0925, 15),
    ("Zawiya", 32.7571, 12.7276, 6),
]

st.set_page_config(page_title="offline map test", layout="wide")
st.title("Offline map")

# Tripoli to Misrata, a little wider
m = make_base_map((31.8, 11.8, 33.6, 15.6), tiles_url="")
for name, lat, lon, count in POINTS:
    folium.CircleMarker(
        location=[lat, lon],
        radius=6 + count ** 0.5 * 2,
        color="#b2182b",
        weight=2,
        fill=True,
        fill_color="#ef3b2c",
        fill_opacity=0.7,
        tooltip=f"{name}: {count}",
    ).add_to(m)

out = st_folium(m, height=500, width=None, use_container_width=True, returned_objects=["last_object_clicked"])
st.write("clicked:", out.get("last_object_clicked") if out else None)
