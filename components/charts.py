"""Charts and summary blocks shared by pages (plotly figures built from store frames)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.html import escape
from marsad.filters import Filters

RLE, PDF = "\u202b", "\u202c"  # keep mixed Arabic/Latin labels in order inside plotly


def bidi(text: str) -> str:
    return f"{RLE}{text}{PDF}" if text else text


def overview_metrics(counts: dict) -> None:
    cols = st.columns(5)
    for col, label in zip(cols, ["Articles", "Actors", "Places", "Statements", "Events"], strict=True):
        col.metric(label, f"{counts[label.lower()]:,}")
    span = "no dated articles"
    if counts["first"]:
        span = f"{counts['first']} – {counts['last']}"
        if counts["inferred"]:
            span += f" ({counts['inferred']} publication date(s) inferred from the text)"
    sources = ", ".join(counts["sources"]) or "unknown"
    st.markdown(f"**Date span:** {escape(span)}  \n**Sources:** <span dir='rtl'>{escape(sources)}</span>",
                unsafe_allow_html=True)


def top_bar(frame: pd.DataFrame, id_column: str, title: str, link_page: str, link_key: str,
            filters: Filters, limit: int = 10) -> None:
    """Horizontal bar chart of mentions with English + Arabic labels, and links to the detail page."""
    if frame.empty:
        st.info(f"No {title.lower()} for these filters.")
        return
    top = frame.head(limit).iloc[::-1]
    labels = [f"{en}  {bidi(ar)}" for en, ar in zip(top["name_en"], top["name_ar"], strict=True)]
    figure = go.Figure(go.Bar(x=top["mentions"], y=labels, orientation="h", marker_color="#3d5a80",
                              hovertemplate="%{y}: %{x} mentions<extra></extra>"))
    figure.update_layout(height=40 + 28 * len(top), margin={"l": 10, "r": 10, "t": 10, "b": 30},
                         xaxis_title="mentions", font={"family": "Noto Sans, Noto Naskh Arabic, DejaVu Sans"})
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})
    with st.expander(f"Open one of these {title.lower()}"):
        for row in frame.head(limit).to_dict("records"):
            st.page_link(link_page, label=f"{escape(row['name_en'])} · {escape(row['name_ar'])} ({row['mentions']})",
                         query_params={**filters.to_query(), link_key: row[id_column]})
