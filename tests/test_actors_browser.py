"""End to end: the actors page under `streamlit run`, in headless Chromium (Playwright).

A link with the actor filter's role (/actors?actor=khalifa-haftar&as=mentioned) opens on Haftar with the
role chosen in the sidebar and the statements others make about him as cards (Haftar makes none in the
seeds); the table's search box takes Arabic and keeps it in the URL. Screenshot:
tests/screenshots/actors_haftar_mentioned.png.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser_support import offline_context, serving

expect = pytest.importorskip("playwright.sync_api").expect  # waits for what it checks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}
IDLE = "() => !document.querySelector('[data-testid^=\"stStatusWidgetRunning\"]')"
SEARCH = 'input[aria-label="Search actors"]'


@pytest.fixture(scope="module")
def server(processed_sqlite_db, tmp_path_factory):
    with serving(ROOT, processed_sqlite_db, tmp_path_factory.mktemp("actors") / "streamlit.log") as base:
        yield base


def _shot(page, name: str) -> Path:
    """The whole page: the viewport grows to the main container's height first (Streamlit scrolls inside it)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => Math.max(...['[data-testid=\"stMain\"]', '[data-testid=\"stAppViewContainer\"]']"
                           ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight), 900)")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 20, 8000)})
    page.wait_for_function("h => window.innerHeight === h", arg=min(int(height) + 20, 8000))
    page.wait_for_function(IDLE)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(VIEWPORT)
    return path


def test_a_link_to_haftar_as_mentioned_shows_what_others_say_of_him(chromium, server):
    external: list[str] = []
    page = offline_context(chromium, external, viewport=VIEWPORT).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(server + "/actors?actor=khalifa-haftar&as=mentioned", wait_until="domcontentloaded")
        page.locator("h1", has_text="Actors & statements").wait_for(timeout=90_000)
        page.get_by_text("Statements naming them (by others)").wait_for(timeout=60_000)
        page.locator(".card").nth(4).wait_for(timeout=60_000)
        page.get_by_text("Claims & denials").wait_for(timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)

        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_role("radio", name="mentioned").is_checked()
        assert page.locator("h3", has_text="Khalifa Haftar").count() == 1
        speakers = page.locator(".card .who").all_inner_texts()
        assert len(speakers) >= 5 and "Khalifa Haftar" not in speakers, speakers
        quotes = " ".join(page.locator(".card .quote").all_inner_texts())
        assert "حفتر" in quotes, "the statements name him"
        expect(page.locator('[data-testid="stCaptionContainer"]').first).to_contain_text("(mentioned)", timeout=60_000)

        page.locator(SEARCH).fill("حفتر")
        page.locator(SEARCH).press("Enter")
        page.wait_for_url("**actors_q=**", timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
        query = parse_qs(urlparse(page.url).query)
        assert query["actors_q"] == ["حفتر"] and query["as"] == ["mentioned"] and query["who"] == ["khalifa-haftar"]
        _shot(page, "actors_haftar_mentioned")
        assert page.locator('[data-testid="stException"]').count() == 0
        assert not errors and not external
    finally:
        page.context.close()
