"""The timeline in headless Chromium: filtered on one actor and four days, the figure plotly drew says
so in its title, names every mark in its legend, writes the dates along the top and the bottom, and
its camera button, PNG and SVG downloads are named for what they show. Screenshots go to
tests/screenshots/timeline_haftar*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_support import checked_page, serving

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}
QUERY = "?actor=khalifa-haftar&from=2019-04-05&to=2019-04-08"
STEM = "marsad-timeline-khalifa-haftar-2019-04-05-2019-04-08"
POINTS = ".js-plotly-plot .scatterlayer .point"


@pytest.fixture(scope="module")
def base(processed_sqlite_db, chromium):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serving(ROOT, processed_sqlite_db, SCREENSHOTS / "streamlit_timeline.log") as url:
        yield url


@pytest.fixture
def page(chromium, base):
    with checked_page(chromium, viewport=VIEWPORT, accept_downloads=True) as tab:
        yield tab


def _open(page, base: str, query: str = QUERY):  # noqa: ANN001
    page.goto(base + "/timeline" + query, wait_until="domcontentloaded")
    page.locator("h1", has_text="Timeline of events and statements").first.wait_for(timeout=90_000)
    page.locator(POINTS).first.wait_for(state="attached", timeout=60_000)
    page.locator(".js-plotly-plot").nth(1).wait_for(state="attached", timeout=60_000)  # events over time
    page.wait_for_function("() => !document.querySelector('[data-testid^=\"stStatusWidgetRunning\"]')",
                           timeout=30_000)


def _figure(page, index: int = 0) -> dict:  # noqa: ANN001
    """What plotly drew: the title, legend and axis texts in the chart's SVG, and its layout."""
    return page.evaluate("""(index) => {
        const chart = document.querySelectorAll('.js-plotly-plot')[index];
        const texts = selector => [...chart.querySelectorAll(selector)].map(e => e.textContent);
        return {title: texts('.gtitle').join(' '), legend: texts('.legend .legendtext'),
                top: texts('g.x2tick text'),
                bottom: texts('g.xtick text'), caption: texts('.annotation-text').join(' '),
                lanes: chart.layout.yaxis.categoryarray, height: chart.getBoundingClientRect().height};
    }""", index)


def _shot(page, name: str) -> Path:  # noqa: ANN001
    """The whole page: Streamlit scrolls inside its main container, so the viewport grows to fit it."""
    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]'].map(s => document.querySelector(s))
           .filter(Boolean).map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 20, 8000)})
    page.locator(POINTS).first.wait_for(state="attached")
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(VIEWPORT)
    return path


def test_the_filtered_timeline_says_what_it_shows(page, base):
    _open(page, base)
    timeline = _figure(page)
    assert timeline["title"] == "Events and statements: Khalifa Haftar, 5–8 Apr 2019", timeline["title"]
    # Haftar made no statements here: events and marks only, each group under its title
    assert {"Events (◆), colour: type", "Marks", "dated in the sentence"} <= set(timeline["legend"])
    assert set(timeline["legend"]) & {"armed clash", "attack", "airstrike", "appeal"}, timeline["legend"]
    assert timeline["top"] and timeline["top"] == timeline["bottom"], "the same dates along the top and bottom"
    assert "Cite as: Marsad — Arabic conflict news as data" in timeline["caption"]
    assert "Filter: actors: Khalifa Haftar; dates: 5 Apr 2019 – 8 Apr 2019." in timeline["caption"]
    assert "Khalifa Haftar" in timeline["lanes"]
    assert timeline["height"] < 1200, "a handful of lanes: no tall blank band"
    events = _figure(page, 1)
    assert events["title"] == "Events per week, by type: Khalifa Haftar, 5–8 Apr 2019"
    assert "Event type" in events["legend"] and len(events["legend"]) > 1
    _shot(page, "timeline_haftar")

    # the chart's camera button saves a PNG named for the filter
    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download(timeout=60_000) as camera:
        page.locator('.js-plotly-plot [data-title^="Download plot"]').first.click()
    assert camera.value.suggested_filename == f"{STEM}.png"
    # the chart's data as CSV, made when the button is clicked (a deferred download)
    with page.expect_download(timeout=60_000) as table:
        page.get_by_role("button", name="Download data (CSV)").click()
    assert table.value.suggested_filename == f"{STEM}.csv"
    rows = Path(table.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert len(rows) > 1 and "Khalifa Haftar" in "\n".join(rows)


def test_png_and_svg_for_print_are_named_for_the_filter(page, base):
    _open(page, base)
    page.get_by_role("button", name="Prepare PNG for print (3200 px) and SVG").click()
    svg_button = page.get_by_role("button", name="Download SVG")
    svg_button.wait_for(timeout=120_000)  # kaleido renders both with the system Chromium
    with page.expect_download(timeout=30_000) as svg:
        svg_button.click()
    assert svg.value.suggested_filename == f"{STEM}.svg"
    assert Path(svg.value.path()).read_bytes()[:200].lstrip().startswith(b"<svg")
    with page.expect_download(timeout=30_000) as png:
        page.get_by_role("button", name="Download PNG").click()
    assert png.value.suggested_filename == f"{STEM}.png"
    data = Path(png.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 3200
    (SCREENSHOTS / "timeline_haftar_export.png").write_bytes(data)


def test_a_few_lanes_and_an_others_lane_from_the_link(page, base):
    _open(page, base, "?lanes=4")
    timeline = _figure(page)
    assert len(timeline["lanes"]) == 5 and timeline["lanes"][0].startswith("others ("), timeline["lanes"]
    outside = page.get_by_text("Dated outside this window (1 item)")
    outside.click()
    page.get_by_text("Far from where most items lie").wait_for(timeout=10_000)
    _shot(page, "timeline_haftar_lanes")
