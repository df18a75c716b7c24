"""End to end: the articles page's search under `streamlit run`, in headless Chromium (Playwright).

A query typed with another hamza (الامم for الأمم) lists hits with the word marked, and the reader marks
it too (screenshot in tests/screenshots/search_hits.png); a hit opens its sentence in the reader. Over the
attacker's store of test_hostile_browser, a search whose hits show the payloads, and a query that is one,
run nothing and link nowhere.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

from tests.browser_support import offline_context, start_streamlit, stop, wait_listening
from tests.test_hostile_browser import DANGER, HOSTILE, hostile_db

__all__ = ["hostile_db"]  # a fixture these tests use, from test_hostile_browser

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
BOX = 'input[aria-label="Search articles and statements"]'
HIT_MARK = ".search-hit mark.hit"
OUTBOUND = """() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href') || '')
    .filter(href => href.includes('evil.example') && !href.startsWith('articles?'))"""
RUNNING = "() => !document.querySelector('[data-testid^=\"stStatusWidgetRunning\"]')"


def _serve(url: str, name: str, tmp_path_factory):
    log = tmp_path_factory.mktemp(name) / "streamlit.log"
    base, proc = start_streamlit(ROOT, url, log)
    try:
        wait_listening(base, proc, log)
    except BaseException:
        stop(proc)
        raise
    return base, proc, log


@pytest.fixture(scope="module")
def seeds_server(processed_sqlite_db, tmp_path_factory):
    base, proc, log = _serve(processed_sqlite_db, "search", tmp_path_factory)
    yield base
    stop(proc)
    if proc.returncode not in (0, -15, None):
        print(log.read_text()[-3000:])


@pytest.fixture(scope="module")
def hostile_server(hostile_db, tmp_path_factory):
    base, proc, log = _serve(hostile_db, "search-hostile", tmp_path_factory)
    yield base
    stop(proc)


def _tab(chromium):
    external: list[str] = []
    context = offline_context(chromium, external, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, dialogs, errors, external


def _settle(page, ms: int = 600) -> None:
    page.wait_for_function(RUNNING, timeout=60_000)
    page.wait_for_timeout(ms)


def _shot(page, name: str) -> Path:
    """The whole page (Streamlit scrolls inside its main container: the viewport grows to fit it first)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => Math.max(...['[data-testid=\"stMain\"]', '[data-testid=\"stAppViewContainer\"]']"
                           ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight), 900)")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 20, 6000)})
    page.wait_for_timeout(500)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 900})
    return path


def test_a_search_with_another_hamza_marks_the_word(chromium, seeds_server):
    page, dialogs, errors, external = _tab(chromium)
    try:
        page.goto(seeds_server + "/articles", wait_until="domcontentloaded")
        page.locator(".reader mark").first.wait_for(timeout=90_000)
        _settle(page)
        page.locator(BOX).fill("الامم")  # the seed writes الأمم
        page.locator(BOX).press("Enter")
        page.locator(HIT_MARK).first.wait_for(timeout=60_000)
        page.locator(".reader mark.hit").first.wait_for(timeout=60_000)
        _settle(page)
        assert set(page.locator(HIT_MARK).all_inner_texts()) == {"الأمم"}
        assert set(page.locator(".reader mark.hit").all_inner_texts()) == {"الأمم"}
        assert parse_qs(urlparse(page.url).query)["q"] == ["الامم"]
        colour = page.locator(".reader mark.hit").first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(253, 224, 71)"  # the search match's own colour, over any entity's
        _shot(page, "search_hits")

        page.locator(".search-hit a").first.click()  # the hit opens its article (a full page load)
        page.wait_for_url("**hits=1**", timeout=60_000)
        page.wait_for_function(f"() => document.querySelector('{BOX}')?.value === 'الامم'"
                               " && document.querySelector('.reader mark.hit')", timeout=60_000)
        _settle(page)
        query = parse_qs(urlparse(page.url).query)
        assert query["q"] == ["الامم"] and query["article"]
        assert page.locator(BOX).input_value() == "الامم"
        assert not dialogs and not errors and not external
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.context.close()


@pytest.mark.parametrize("query", ["Reuters طرابلس", HOSTILE + " الامم"], ids=["hits-show-payloads", "payload-query"])
def test_hostile_text_in_hits_stays_text(chromium, hostile_server, query):
    page, dialogs, errors, _external = _tab(chromium)
    try:
        page.goto(hostile_server + "/articles?q=" + quote(query), wait_until="domcontentloaded")
        page.locator("h1").first.wait_for(timeout=90_000)
        page.locator(".reader").first.wait_for(timeout=60_000)
        _settle(page, 1000)
        # the hit's title and snippet hold the payloads (a query made of one matches them too), as text
        page.locator(HIT_MARK).first.wait_for(timeout=30_000)
        shown = page.locator(".search-hit").first.inner_text()
        assert "alert(" in shown and "<img" in shown
        # the hits link to this page with the query in the URL (a payload naming evil.example, as data): those
        # internal links aside, nothing links out
        assert [found for found in page.evaluate(DANGER) if not found.startswith("evil link")] == []
        assert page.evaluate(OUTBOUND) == []
        assert not dialogs and page.locator('[data-testid="stException"]').count() == 0
        _shot(page, f"search_hostile_{'hits' if query.startswith('Reuters') else 'query'}")
    finally:
        page.context.close()
