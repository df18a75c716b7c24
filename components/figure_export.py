"""A report-ready chart on the page, and its ways out: the chart's camera button (PNG, named for what
it shows), and PNG at 3200 px and SVG rendered by kaleido with the system Chromium."""

from __future__ import annotations

import os

import plotly.graph_objects as go
import streamlit as st

from components.figure_report import EXPORT_SCALE, EXPORT_WIDTH


def plotly_config(filename: str) -> dict:
    """The chart's toolbar: its camera button saves `filename` (without the extension) as PNG, laid out
    at the export width and scaled to 3200 px, as the PNG download is."""
    return {"displaylogo": False, "toImageButtonOptions": {
        "format": "png", "filename": filename.rsplit(".", 1)[0], "width": EXPORT_WIDTH, "scale": EXPORT_SCALE}}


def image_bytes(figure: go.Figure, fmt: str) -> bytes:
    """PNG (3200 px wide) or SVG of the figure, laid out at the export width, rendered by kaleido."""
    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    return figure.to_image(format=fmt, width=EXPORT_WIDTH, scale=EXPORT_SCALE if fmt == "png" else 1)


def show(figure: go.Figure, filename: str, key: str) -> None:
    """The chart as it will print (no Streamlit theme over it); its camera button saves `filename`."""
    st.plotly_chart(figure, width="stretch", key=f"{key}_chart", theme=None, config=plotly_config(filename))


def print_buttons(figure: go.Figure, filename: str, key: str, label: str, place) -> None:  # noqa: ANN001
    """In `place` (a column), a button that renders the figure for print, then offers the PNG and the SVG,
    each named `filename` with its extension (a download does not rerun the page)."""
    if not place.button(label, key=f"{key}_prepare"):
        return
    stem = filename.rsplit(".", 1)[0]
    with place, st.spinner("Rendering…"):
        try:
            png, svg = image_bytes(figure, "png"), image_bytes(figure, "svg")
        except (RuntimeError, OSError, ValueError) as error:
            place.warning(f"No image could be rendered here ({type(error).__name__}); the chart's camera button "
                          "saves a PNG from the browser.")
            return
    left, right = place.columns(2)
    left.download_button("Download PNG", png, f"{stem}.png", "image/png", key=f"{key}_png", on_click="ignore")
    right.download_button("Download SVG", svg, f"{stem}.svg", "image/svg+xml", key=f"{key}_svg",
                          on_click="ignore")
