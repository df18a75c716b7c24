"""End to end on a real corpus: 2,000 SaudiNewsNet articles processed as `python -m marsad process` does,
then every page opened under `streamlit run` in headless Chromium. Each page draws what it is for,
within the width of the page (no exception, nothing wider than the main column); the timeline, filtered
on the most mentioned actor, shows the top lanes (20 by default, `?lanes=` to choose) and an "others"
lane, and past 3,000 items, unfiltered, counts per period. Needs ../shared's corpus (or MARSAD_CORPUS):
skipped without it. Screenshots: tests/screenshots/real_*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components.figure_panels import LANES_DEFAULT
from marsad.corpus import corpus_dir, iter_corpus_articles
from marsad.filters import Filters
from marsad.process import process_articles
from marsad.store import Store
from tests.browser_support import checked_page, serving

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}
ARTICLES = 2000
SHOT_HEIGHT = 3000  # px: a taller viewport left the widgets of a long page (400 cards) drawn as placeholders
IDLE = "() => !document.querySelector('[data-testid^=\"stStatusWidgetRunning\"]')"
# every widget drawn: Streamlit shows a grey placeholder while a widget's code loads (the sidebar's filters
# were caught so in a screenshot)
DRAWN = "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
# page -> (path, its title, what it draws once its data is there)
PAGES = {
    "overview": ("/", "Overview", '[data-testid="stMetric"]'),
    "map": ("/map", "Map of places mentioned", 'iframe[title*="streamlit_folium"]'),
    "timeline": ("/timeline", "Timeline of events and statements", ".js-plotly-plot"),
    "actors": ("/actors", "Actors & statements", ".card"),
    "articles": ("/articles", "Articles", ".reader"),
}
# the main column scrolls no wider than it is: nothing drawn past the page's right edge
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return main ? main.scrollWidth - main.clientWidth : -1;
}"""


@pytest.fixture(scope="module")
def real_store(tmp_path_factory) -> tuple[str, str]:
    """(store URL, its most mentioned actor) after processing ARTICLES corpus articles."""
    if not corpus_dir().is_dir():
        pytest.skip(f"no SaudiNewsNet corpus at {corpus_dir()} (../shared/corpora/saudinewsnet/zips, or set "
                    "MARSAD_CORPUS): the 2,000-article browser test is skipped")
    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'real.sqlite'}"
    store = Store(url)
    report = process_articles(iter_corpus_articles(ARTICLES), store)
    assert len(report.processed) >= 0.95 * ARTICLES and not report.failures, report.summary()
    top = store.actors(Filters())["actor_id"].iloc[0]
    store.engine.dispose()
    return url, top


@pytest.fixture(scope="module")
def server(real_store, tmp_path_factory):
    with serving(ROOT, real_store[0], tmp_path_factory.mktemp("real-log") / "streamlit.log") as base:
        yield base


@pytest.fixture
def tab(chromium):
    with checked_page(chromium, viewport=VIEWPORT) as page:
        yield page


def _open(page, url: str, title: str, ready: str) -> None:  # noqa: ANN001 - a Playwright page
    page.goto(url, wait_until="domcontentloaded")
    page.locator("h1", has_text=title).first.wait_for(timeout=120_000)
    page.locator(ready).first.wait_for(state="attached", timeout=120_000)
    if ready.startswith("iframe"):  # the map: attached is not drawn; wait for Leaflet's map inside, shown
        page.locator(ready).first.wait_for(state="visible", timeout=120_000)
        page.frame_locator(ready).first.locator(".leaflet-container").wait_for(state="visible", timeout=120_000)
    page.wait_for_function(IDLE, timeout=120_000)


def _shot(page, name: str) -> None:  # noqa: ANN001
    """The whole page: Streamlit scrolls inside its main container, so the viewport grows to fit it first."""
    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]'].map(s => document.querySelector(s))
           .filter(Boolean).map(e => e.scrollHeight))""")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 20, SHOT_HEIGHT)})
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_function(DRAWN, timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / f"real_{name}.png"), full_page=True)
    page.set_viewport_size(VIEWPORT)


def _lanes(page) -> list[str]:  # noqa: ANN001
    """The first chart's lanes, top down (its y axis' categories, as plotly drew them)."""
    return page.evaluate("() => [...document.querySelector('.js-plotly-plot').layout.yaxis.categoryarray].reverse()")


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_within_the_page(tab, server, name):
    path, title, ready = PAGES[name]
    _open(tab, server + path, title, ready)
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.evaluate(OVERFLOW) <= 1, "nothing wider than the page"
    _shot(tab, name)


def test_the_timeline_shows_the_top_lanes_and_the_others(tab, server, real_store):
    _, top = real_store
    path, title, ready = PAGES["timeline"]
    _open(tab, f"{server}{path}?actor={top}", title, ".js-plotly-plot .scatterlayer .point")
    lanes = _lanes(tab)
    assert len(lanes) == LANES_DEFAULT + 1 and lanes[-1].startswith("others ("), lanes
    assert tab.evaluate(OVERFLOW) <= 1
    _shot(tab, "timeline_actor")
    _open(tab, f"{server}{path}?actor={top}&lanes=8", title, ".js-plotly-plot .scatterlayer .point")
    lanes = _lanes(tab)
    assert len(lanes) == 9 and lanes[-1].startswith("others ("), lanes
    _shot(tab, "timeline_actor_8_lanes")
