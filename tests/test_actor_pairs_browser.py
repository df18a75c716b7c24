"""End to end: the actors page's actor-against-actor view under `streamlit run`, in headless Chromium.

On a synthetic store (tests/test_actor_pairs.py: the LNA acts on the GNA three times), /actors?who=lna&view=sides
shows the four lists (the LNA's targets by event type, with cards linking to the reader), and a click on the
matrix view the heatmap of who acts on whom; on the seeds, /actors?view=matrix&pairs=speaks the heatmap of
who speaks about whom.
Screenshots: tests/screenshots/actor_pairs_sides.png, actor_pairs_acts.png, actor_pairs_seeds_speaks.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.store import Store
from tests.browser_support import offline_context, serving
from tests.test_actor_pairs import save_pairs
from tests.test_actors_browser import IDLE, VIEWPORT, _shot

expect = pytest.importorskip("playwright.sync_api").expect  # waits for what it checks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
HEATMAP = ".js-plotly-plot .heatmaplayer"


def _serve(url: str, log: Path):
    with serving(ROOT, url, log) as base:
        yield base


@pytest.fixture(scope="module")
def paired_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pairs")
    url = f"sqlite:///{folder / 'pairs.sqlite'}"
    save_pairs(Store(url))
    yield from _serve(url, folder / "streamlit.log")


@pytest.fixture(scope="module")
def seeds_server(processed_sqlite_db, tmp_path_factory):
    yield from _serve(processed_sqlite_db, tmp_path_factory.mktemp("pairs-seeds") / "streamlit.log")


def _open(chromium, url: str, shown: str):
    """The page at `url`, once `shown` (a CSS selector) is drawn and the app is idle."""
    page = offline_context(chromium, [], viewport=VIEWPORT).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="domcontentloaded")
    page.locator("h1", has_text="Actors & statements").wait_for(timeout=90_000)
    page.locator(shown).first.wait_for(timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    return page, errors


def test_who_the_lna_acts_on(chromium, paired_server):
    page, errors = _open(chromium, paired_server + "/actors?who=lna&view=sides", '[role="tab"]')
    try:
        tabs = page.get_by_role("tab")
        tabs.filter(has_text="Acts on (4)").wait_for(timeout=60_000)
        assert tabs.filter(has_text="Spoken about by (3)").count() == 1
        panel = page.get_by_role("tabpanel").first
        expect(panel).to_contain_text("armed clash 2, airstrike 1", timeout=60_000)  # waits: the tab may still be drawing
        panel.get_by_text("Show the 4 events with their counterpart").click()  # the cards: read once opened
        links = panel.locator(".card a", has_text="source sentence")
        links.nth(3).wait_for(timeout=60_000)
        assert links.count() == 4 and "incident=e-" in links.first.get_attribute("href")
        href = links.first.get_attribute("href")
        _shot(page, "actor_pairs_sides")
        assert page.locator(HEATMAP).count() == 0, "one view at a time"
        page.get_by_role("radio", name="Actor against actor (all)").click()
        page.wait_for_url("**view=matrix**", timeout=60_000)
        page.locator(HEATMAP).first.wait_for(timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
        assert page.get_by_role("tab").count() == 0
        title = page.locator(".js-plotly-plot .gtitle").first.text_content()
        assert title.startswith("Who acts on whom")
        assert "<b>Evil</b> & Co" in page.locator(".js-plotly-plot .yaxislayer-above .ytick text").all_text_contents(), "escaped, shown as written"
        _shot(page, "actor_pairs_acts")
        # a link to a reader sentence opens the article there
        page.go_back()  # Back brings the lists again
        page.wait_for_url("**view=sides**", timeout=60_000)
        page.get_by_role("tab").filter(has_text="Acts on (4)").wait_for(timeout=60_000)
        page.goto(paired_server + "/" + href, wait_until="domcontentloaded")
        page.locator(".reader").wait_for(timeout=60_000)
        assert not errors, errors
    finally:
        page.context.close()


def test_who_speaks_about_whom_in_the_seeds(chromium, seeds_server):
    page, errors = _open(chromium, seeds_server + "/actors?view=matrix&pairs=speaks", HEATMAP)
    try:
        ticks = page.locator(".js-plotly-plot .xaxislayer-above .xtick text").all_text_contents()
        assert "Khalifa Haftar" in ticks and len(ticks) == 12, ticks
        assert page.locator(".js-plotly-plot .gtitle").first.text_content().startswith("Who speaks about whom")
        _shot(page, "actor_pairs_seeds_speaks")
        assert not errors, errors
    finally:
        page.context.close()
