"""The seeds' map in headless Chromium: labels of close places never cover each other, and a click on a
marker keeps its neighbourhood in view.

Tripoli, Ain Zara, Janzour, Yarmouk camp and Khallat al-Furjan lie a few km apart. The labels are placed
in the browser (components/map_view.py): the test compares the boxes of every shown label in the DOM, at
the opening view and zoomed in on the Tripoli area (where each of those five has its label), then clicks
a marker and checks the redrawn map still shows the other places around it, in the view it was clicked
in. Screenshots: tests/screenshots/map_labels_*.png.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser_support import offline_context, serving

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
FOLIUM = 'iframe[title*="streamlit_folium"]'
TRIPOLI_AREA = ("Tripoli", "Ain Zara", "Janzour", "Yarmouk camp", "Khallat al-Furjan")

# Every shown label: its text and box (iframe pixels), placed afresh first (as after a zoom).
LABELS = """() => {
    window.marsadPlaceLabels();
    return [...document.querySelectorAll('.leaflet-tooltip.marsad-label')]
        .filter(el => getComputedStyle(el).display !== 'none')
        .map(el => { const r = el.getBoundingClientRect();
                     return {text: el.textContent.trim(), l: r.left, t: r.top, r: r.right, b: r.bottom}; });
}"""
# Every marker: its tooltip's text and position in the map's container.
MARKERS = """() => {
    const out = [];
    map_div.eachLayer(l => {
        if (!(l instanceof L.CircleMarker) || !l.getTooltip()) return;
        const p = map_div.latLngToContainerPoint(l.getLatLng()), div = document.createElement('div');
        div.innerHTML = l.getTooltip().getContent();
        out.push({tip: div.textContent.split(' · ')[0].trim(), lat: l.getLatLng().lat, lng: l.getLatLng().lng,
                  x: p.x, y: p.y, r: l.getRadius()});
    });
    return out;
}"""
READY = """() => window.L && window.map_div
                  && typeof map_div.getSize === 'function' && map_div.getSize().x > 0 && window.marsadLabelsPlaced
                  && document.querySelectorAll('.marsad-label').length > 0 && document.fonts.status === 'loaded'"""
# The open popup's middle and bottom, and its marker's position.
POPUP = """() => { let out = null; map_div.eachLayer(l => { if (l instanceof L.CircleMarker && l.isPopupOpen()) {
    const p = map_div.latLngToContainerPoint(l.getLatLng()), r = l.getPopup().getElement().getBoundingClientRect();
    out = {x: p.x, y: p.y, middle: (r.left + r.right) / 2, bottom: r.bottom, ring: l.options.color}; } });
    return out; }"""


@pytest.fixture(scope="module")
def server(processed_sqlite_db, tmp_path_factory):
    with serving(ROOT, processed_sqlite_db, tmp_path_factory.mktemp("map-labels") / "streamlit.log") as base:
        yield base


@pytest.fixture
def page(chromium, server):
    external: list[str] = []
    context = offline_context(chromium, external, viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(server + "/map", wait_until="domcontentloaded")
    tab.locator("h1", has_text="Map of places mentioned").first.wait_for(timeout=90_000)
    yield tab
    context.close()
    assert not external, external
    assert not errors, errors


def _map(page, timeout_s: float = 60.0):
    """The folium frame once its map, markers and labels are drawn (through reruns that replace it)."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            page.wait_for_selector(FOLIUM, timeout=30_000)
            frame = page.locator(FOLIUM).first.element_handle().content_frame()
            frame.wait_for_function(READY, timeout=10_000)
            return frame
        except (PlaywrightError, AttributeError):
            if time.monotonic() > deadline:
                raise


def _overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for a, b in itertools.combinations(labels, 2)
            if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]]


def _shot(page, name: str) -> None:
    """A screenshot of the map's frame, taken again when a rerun replaces the frame while it is being taken."""
    from playwright.sync_api import Error as PlaywrightError

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            page.locator(FOLIUM).first.screenshot(path=str(SCREENSHOTS / f"map_labels_{name}.png"), timeout=30_000)
            return
        except PlaywrightError:  # not attached to the DOM any more: the redrawn frame is shot instead
            if time.monotonic() > deadline:
                raise
            _map(page)


def test_labels_of_close_places_do_not_overlap(page):
    frame = _map(page)
    opening = frame.evaluate(LABELS)
    _shot(page, "opening")
    assert "Tripoli" in {label["text"] for label in opening}, opening
    assert not _overlapping(opening), _overlapping(opening)

    # zoomed in on the five places: room for every one of their labels, still none over another
    markers = {m["tip"]: m for m in frame.evaluate(MARKERS)}
    assert set(TRIPOLI_AREA) <= set(markers), sorted(markers)
    corners = [[markers[name]["lat"], markers[name]["lng"]] for name in TRIPOLI_AREA]
    frame.evaluate("(corners) => map_div.fitBounds(corners, {animate: false, padding: [40, 40]})", corners)
    frame.wait_for_function("() => map_div.getZoom() >= 11")
    zoomed = frame.evaluate(LABELS)
    _shot(page, "tripoli_zoomed")
    shown = {label["text"] for label in zoomed}
    assert set(TRIPOLI_AREA) <= shown, (sorted(shown), frame.evaluate("() => map_div.getZoom()"))
    assert not _overlapping(zoomed), _overlapping(zoomed)
    size = frame.evaluate("() => map_div.getSize()")
    for label in zoomed:
        if label["text"] in TRIPOLI_AREA:
            assert 0 <= label["l"] and label["r"] <= size["x"] and 0 <= label["t"] and label["b"] <= size["y"], label


def _click(page, frame, name: str) -> dict:
    marker = next(m for m in frame.evaluate(MARKERS) if m["tip"] == name)
    box = page.locator(FOLIUM).first.bounding_box()
    page.mouse.click(box["x"] + marker["x"], box["y"] + marker["y"])
    page.wait_for_function("() => new URLSearchParams(location.search).has('place')", timeout=30_000)
    return marker


def _popup_open(page) -> object:
    """The redrawn map, once the clicked place's popup has opened in it."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + 60
    while True:
        frame = _map(page)
        try:
            frame.wait_for_function("() => { const p = document.querySelector('.leaflet-popup');"
                                    " return p && getComputedStyle(p).opacity === '1'; }", timeout=5_000)
            return frame
        except PlaywrightError:  # the frame was replaced under us: look again
            if time.monotonic() > deadline:
                raise


def _popup_on_its_marker(frame) -> None:
    """The popup points at its marker (measured once Leaflet's stylesheet applies, not before) and it is ringed."""
    popup = frame.evaluate(POPUP)
    assert abs(popup["middle"] - popup["x"]) <= 3 and popup["bottom"] <= popup["y"], popup
    assert popup["ring"] == "#1f2933", "the chosen place is ringed"


def _in_view(frame, names) -> dict[str, bool]:
    size = frame.evaluate("() => map_div.getSize()")
    return {m["tip"]: 0 <= m["x"] <= size["x"] and 0 <= m["y"] <= size["y"]
            for m in frame.evaluate(MARKERS) if m["tip"] in names}


def test_a_click_keeps_the_neighbourhood_in_view(page):
    frame = _map(page)
    before = frame.evaluate("() => map_div.getZoom()")
    assert all(_in_view(frame, TRIPOLI_AREA).values()), _in_view(frame, TRIPOLI_AREA)
    _click(page, frame, "Ain Zara")
    assert parse_qs(urlparse(page.url).query)["place"] == ["ly-ain-zara"]
    _popup_open(page)
    _shot(page, "after_click")
    frame = _popup_open(page)  # the frame as it is now (a rerun may have replaced it)
    assert "Ain Zara" in frame.locator(".leaflet-popup-content").first.inner_text()
    seen = _in_view(frame, TRIPOLI_AREA)
    assert set(seen) == set(TRIPOLI_AREA) and all(seen.values()), seen  # still drawn, and in the view
    assert frame.evaluate("() => map_div.getZoom()") <= before, "not zoomed in on the place alone"
    _popup_on_its_marker(frame)


def test_a_click_after_zooming_in_keeps_that_view(page):
    frame = _map(page)
    frame.evaluate("() => map_div.setView([32.80, 13.20], 12, {animate: false})")
    frame.wait_for_function("() => map_div.getZoom() === 12")
    _click(page, frame, "Khallat al-Furjan")
    _popup_open(page)
    _shot(page, "after_zoomed_click")
    frame = _popup_open(page)
    assert frame.evaluate("() => map_div.getZoom()") == 12
    seen = _in_view(frame, ("Khallat al-Furjan", "Ain Zara", "Yarmouk camp"))
    assert all(seen.values()), seen
    _popup_on_its_marker(frame)
    labels = frame.evaluate(LABELS)
    assert not _overlapping(labels), _overlapping(labels)


def test_a_link_to_a_place_shows_it_among_its_neighbours(chromium, server):
    """/map?place=... in a fresh tab (nothing clicked, no view kept): the usual frame, every place in it."""
    external: list[str] = []
    context = offline_context(chromium, external, viewport={"width": 1400, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(server + "/map?place=ly-khallat-furjan", wait_until="domcontentloaded")
        _popup_open(tab)
        _shot(tab, "deep_link")
        frame = _popup_open(tab)
        seen = _in_view(frame, TRIPOLI_AREA)
        assert set(seen) == set(TRIPOLI_AREA) and all(seen.values()), seen
        _popup_on_its_marker(frame)
    finally:
        context.close()
    assert not external, external
