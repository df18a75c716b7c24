"""End to end: the whole dashboard under `streamlit run`, driven by headless Chromium (Playwright).

One server per module (app.py from the repository root, MARSAD_DB = the seeds
processed by the real pipeline). Every request that leaves 127.0.0.1/localhost is
aborted and recorded, so the app is checked as it behaves offline. Screenshots go
to tests/screenshots/ (git-ignored), the server's log to tests/screenshots/streamlit.log.

Known problems would be strict xfails (they fail loudly once fixed, so the marker can go); none now.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from marsad.store import Store
from tests.browser_support import offline_context, stop

expect = pytest.importorskip("playwright.sync_api").expect  # waits for what it checks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}
ARABIC = re.compile("[\u0600-\u06ff]")

# page -> (url path, title). st.Page derives the url path from the file name; the default page is "/".
PAGES = {
    "overview": ("/", "Overview"),
    "map": ("/map", "Map of places mentioned"),
    "timeline": ("/timeline", "Timeline of events and statements"),
    "actors": ("/actors", "Actors & statements"),
    "articles": ("/articles", "Articles"),
}
# what each page draws once its data is there
READY = {
    "overview": '[data-testid="stMetric"]',
    "map": 'iframe[title*="streamlit_folium"]',
    "timeline": ".js-plotly-plot .scatterlayer .point",
    "actors": ".card",
    "articles": ".reader mark",
}
FOLIUM = 'iframe[title*="streamlit_folium"]'
SIDEBAR_FILTERS = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
SIDEBAR_LINKS = '[data-testid="stSidebar"] [data-testid="stPageLink"] a'
EXCEPTION = '[data-testid="stException"]'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    base: str
    proc: subprocess.Popen
    log: Path
    first_visit: dict = field(default_factory=dict)

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


@dataclass
class Tab:
    """A page in its own browser context, with every non-local request aborted and recorded."""

    page: object
    external: list[str]
    server: Server
    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors

    def open(self, name: str, query: str = "", timeout: float = 60_000):
        path, title = PAGES[name]
        self.page.goto(self.server.base + path + query, wait_until="domcontentloaded")
        self.page.locator("h1", has_text=title).first.wait_for(timeout=timeout)
        self.page.locator(READY[name]).first.wait_for(state="attached", timeout=timeout)
        self.settle()
        return self.page

    def settle(self, ms: int = 600) -> None:
        """Wait until Streamlit stops running the script (its status widget goes away)."""
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid^=\"stStatusWidgetRunning\"]')", timeout=30_000)
        self.page.wait_for_timeout(ms)

    def shot(self, name: str) -> Path:
        """The whole page: Streamlit scrolls inside its main container, so grow the viewport to fit it first."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        height = self.page.evaluate("""() => Math.max(document.documentElement.scrollHeight, ...[
            '[data-testid="stMain"]', '[data-testid="stAppViewContainer"]', '[data-testid="stSidebarContent"]']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))""")
        if height > VIEWPORT["height"]:
            self.page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 20, 8000)})
            self.page.wait_for_timeout(500)
        try:
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            self.page.set_viewport_size(VIEWPORT)
        return path

    def unexpected_external(self) -> list[str]:
        return list(self.external)


def _new_tab(browser, server: Server) -> Tab:
    external: list[str] = []
    context = offline_context(browser, external, viewport=VIEWPORT, accept_downloads=True)
    return Tab(context.new_page(), external, server)


def _report(request: pytest.FixtureRequest, text: str) -> None:
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(text)
    else:
        sys.__stderr__.write(text + "\n")


@pytest.fixture(scope="module")
def server(processed_db, chromium, request):
    """`streamlit run app.py` on a free port, ready once a page shows its title."""
    from playwright.sync_api import Error as PlaywrightError

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log = SCREENSHOTS / "streamlit.log"
    port = _free_port()
    env = dict(os.environ, MARSAD_DB=processed_db)
    env.pop("MARSAD_TILES", None)
    failed_before = request.session.testsfailed
    with log.open("w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    srv = Server(f"http://127.0.0.1:{port}", proc, log)
    try:
        # The first page this server ever runs is a deep link (/map): see test_first_deep_link_runs_app_py.
        tab = _new_tab(chromium, srv)
        path, title = PAGES["map"]
        deadline, loaded = time.monotonic() + 90, False
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{srv.tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {title!r} after 90 s:\n{srv.tail()}")
            try:
                if not loaded:
                    tab.page.goto(srv.base + path, wait_until="domcontentloaded", timeout=5_000)
                    loaded = True
                tab.page.locator("h1", has_text=title).first.wait_for(timeout=2_000)
                break
            except PlaywrightError:
                time.sleep(0.3)
        try:  # the page leaves Streamlit's `pages/` fallback and reruns through app.py's navigation
            tab.page.get_by_role("link", name="Actors & statements").wait_for(timeout=15_000)
            tab.page.locator(SIDEBAR_FILTERS).nth(3).wait_for(timeout=30_000)  # slow machines: drawn late
        except PlaywrightError:
            pass
        tab.settle()
        srv.first_visit = {
            "filters": tab.page.locator(SIDEBAR_FILTERS).count(),
            "nav": tab.page.locator(SIDEBAR_LINKS).all_inner_texts(),
        }
        tab.shot("first_deep_link_map")
        tab.page.context.close()
        yield srv
    finally:
        stop(proc)
        if request.session.testsfailed > failed_before:
            _report(request, f"\n----- streamlit output ({log}) -----\n{srv.tail()}")


@pytest.fixture
def tab(chromium, server):
    t = _new_tab(chromium, server)
    t.page.on("pageerror", lambda exc: t.errors.append(str(exc)))
    yield t
    t.page.context.close()


def _folium_frame(page):
    page.wait_for_selector(FOLIUM, timeout=60_000)
    frame = page.locator(FOLIUM).first.element_handle().content_frame()
    assert frame is not None
    frame.wait_for_selector(".leaflet-container", timeout=30_000)
    frame.wait_for_selector(".leaflet-overlay-pane canvas", state="attached", timeout=30_000)
    frame.wait_for_function("() => window.L && window.map_div && typeof map_div.getSize === 'function'"
                           " && map_div.getSize().x > 0", timeout=30_000)
    page.wait_for_timeout(800)  # fitBounds and the canvas redraw
    return frame


def _open_popup_text(page, timeout_s: float = 30.0) -> str:
    """The text of the open popup on the map, through the rerun that may replace the map's frame."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            frame = _folium_frame(page)
            frame.wait_for_function("() => { const p = document.querySelector('.leaflet-popup');"
                                    " return p && getComputedStyle(p).opacity === '1'; }", timeout=5_000)
            return frame.locator(".leaflet-popup-content").first.inner_text(timeout=2_000)
        except PlaywrightError:  # the frame was replaced under us: look again
            if time.monotonic() > deadline:
                raise


def _markers(frame) -> list[dict]:
    """Every CircleMarker on the map: lat/lng, radius, tooltip text and pixel position in the iframe."""
    return frame.evaluate("""() => {
        const out = [];
        map_div.eachLayer(l => {
            if (!(l instanceof L.CircleMarker)) return;
            const p = map_div.latLngToContainerPoint(l.getLatLng());
            const tip = l.getTooltip() ? l.getTooltip().getContent() : '';
            const div = document.createElement('div');
            div.innerHTML = typeof tip === 'string' ? tip : '';
            out.push({lat: l.getLatLng().lat, lng: l.getLatLng().lng, r: l.getRadius(), x: p.x, y: p.y,
                      tip: div.textContent.trim()});
        });
        return out;
    }""")


def _isolated_marker(markers: list[dict], size: dict) -> dict:
    """The visible marker farthest from every other one (so a click on it hits only it)."""
    visible = [m for m in markers if m["r"] < m["x"] < size["width"] - m["r"] and m["r"] < m["y"] < size["height"] - m["r"]]
    assert visible, markers

    def room(m: dict) -> float:
        others = [((m["x"] - o["x"]) ** 2 + (m["y"] - o["y"]) ** 2) ** 0.5 - o["r"] - m["r"] for o in markers if o is not m]
        return min(others, default=1e9)

    return max(visible, key=room)


def _query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads(tab, name):
    page = tab.open(name)
    assert page.locator("h1").first.inner_text().strip() == PAGES[name][1]
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
    # the page may run once more after it first settles (its URL written back): wait for the filters
    page.wait_for_function(f"() => document.querySelectorAll('{SIDEBAR_FILTERS}').length === 4", timeout=60_000)
    if name == "map":  # the table is drawn on a canvas: Arabic is in the markers' popups
        frame = _folium_frame(page)
        markers = _markers(frame)
        names = {m["tip"].split(" · ")[0] for m in markers}
        assert {"Tripoli", "Janzour", "Misrata"} <= names, names
        size = frame.evaluate("() => ({width: map_div.getSize().x, height: map_div.getSize().y})")
        target = _isolated_marker(markers, size)
        box = page.locator(FOLIUM).first.bounding_box()
        page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        # the click filters the page to the place; the map drawn again opens with that place's popup
        page.wait_for_function("() => new URLSearchParams(location.search).has('place')", timeout=20_000)
        text = _open_popup_text(page)
        assert target["tip"].split(" · ")[0] in text, text
    else:
        text = page.inner_text("body")
    assert ARABIC.search(text), f"no Arabic on {name}"
    if name == "overview":
        articles = page.locator('[data-testid="stMetric"]').filter(has_text="Articles")
        assert articles.locator('[data-testid="stMetricValue"]').inner_text().strip() == "2"
    if name in ("actors", "articles"):
        rtl = page.evaluate("""() => [...document.querySelectorAll('[dir=rtl].ar, .reader')].map(
            e => getComputedStyle(e).direction + ' ' + getComputedStyle(e).textAlign)""")
        assert rtl and all(style in ("rtl right", "rtl start") for style in rtl), set(rtl)
    if name == "articles":
        assert "<mark" not in page.inner_text(".reader"), "raw HTML shown as text"
    tab.shot(name)
    assert not tab.unexpected_external(), tab.unexpected_external()
    assert not tab.errors, tab.errors


def test_actor_filter(tab):
    page = tab.open("actors", "?who=thomas-waldhauser&view=claims")  # everyone's claims beside denials
    everyone = page.locator(".card").count()
    # choose the actor in the sidebar: the filter is written to the URL and applied
    actors = page.locator(SIDEBAR_FILTERS).first
    actors.click()
    page.keyboard.type("Thomas Waldhauser")
    page.get_by_role("option", name=re.compile("Thomas Waldhauser")).first.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => new URLSearchParams(location.search).get('actor') === 'thomas-waldhauser'",
                           timeout=20_000)
    page.wait_for_function(f"() => document.querySelectorAll('.card').length < {everyone}", timeout=20_000)
    tab.settle()
    page.get_by_text("No denial in these statements contradicts another speaker's claim.").wait_for(timeout=20_000)
    page.get_by_role("radio", name="Their statements & events").click()  # his own view: his cards only
    page.wait_for_function("() => !new URLSearchParams(location.search).has('view')", timeout=20_000)
    page.locator(".card .who").first.wait_for(timeout=20_000)
    tab.settle()
    speakers = page.locator(".card .who").all_inner_texts()
    assert speakers and set(speakers) == {"Thomas Waldhauser"}, speakers
    tab.shot("actors_filtered")

    # the same filter from a link
    page = tab.open("actors", "?actor=thomas-waldhauser&who=thomas-waldhauser")
    assert set(page.locator(".card .who").all_inner_texts()) == {"Thomas Waldhauser"}
    expect(page.locator(SIDEBAR_FILTERS).first).to_contain_text("Thomas Waldhauser", timeout=20_000)
    assert page.locator(EXCEPTION).count() == 0


def test_date_filter_on_timeline(tab):
    page = tab.open("timeline")
    everything = page.locator(".js-plotly-plot .scatterlayer .point").count()
    page = tab.open("timeline", "?from=2019-04-06&to=2019-04-06")
    day = page.locator(".js-plotly-plot .scatterlayer .point").count()
    assert 0 < day < everything, (day, everything)
    expect(page.locator('[data-testid="stCaptionContainer"]').first).to_contain_text("6 Apr 2019", timeout=20_000)
    assert _query(page)["from"] == "2019-04-06"
    tab.shot("timeline_filtered")


def test_map_click_filters_by_place(tab, processed_db):
    page = tab.open("map")
    frame = _folium_frame(page)
    size = frame.evaluate("() => ({width: map_div.getSize().x, height: map_div.getSize().y})")
    target = _isolated_marker(_markers(frame), size)
    places = Store(processed_db).places()
    expected = places.loc[((places["lat"] - target["lat"]).abs() + (places["lon"] - target["lng"]).abs()).idxmin()]
    box = page.locator(FOLIUM).first.bounding_box()
    tab.shot("map_before_click")
    try:
        page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        page.wait_for_function("() => new URLSearchParams(location.search).has('place')", timeout=8_000)
        tab.settle()
        assert _query(page)["place"] == expected["place_id"]
        expect(page.locator('[data-testid="stCaptionContainer"]').first).to_contain_text(expected["name_en"], timeout=20_000)
        expect(page.locator(SIDEBAR_FILTERS).nth(1)).to_contain_text(expected["name_en"], timeout=20_000)
    finally:
        tab.shot("map_after_click")


def test_timeline_png_export(tab):
    page = tab.open("timeline")
    prepare = page.get_by_role("button", name=re.compile(r"Prepare PNG for print"))
    assert prepare.is_visible()
    assert page.get_by_role("button", name=re.compile(r"Download data")).is_visible()
    prepare.click()
    download_png = page.get_by_role("button", name="Download PNG")
    download_png.wait_for(timeout=90_000)  # kaleido renders with /usr/bin/chromium
    tab.settle()
    assert page.locator(EXCEPTION).count() == 0
    with page.expect_download(timeout=30_000) as info:
        download_png.click()
    data = Path(info.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == 3200, width
    (SCREENSHOTS / "timeline_export.png").write_bytes(data)
    tab.shot("timeline_png_ready")


def test_reader_deep_link_scrolls_to_sentence(tab, processed_db):
    statements = Store(processed_db).statements()
    row = statements[statements["start"] > 1500].iloc[0]
    page = tab.open("articles", f"?article={row['article_id']}&sentence={int(row['start'])}")
    target = page.locator("#target")
    target.wait_for(timeout=20_000)
    assert row["sentence"][:12] in target.inner_text()
    page.wait_for_function("""() => { const r = document.getElementById('target').getBoundingClientRect();
                                      return r.top >= 0 && r.bottom <= window.innerHeight; }""", timeout=10_000)
    page.screenshot(path=str(SCREENSHOTS / "articles_deep_link.png"))  # the viewport: the sentence in view


def test_first_deep_link_runs_app_py(server):
    """The first page a fresh server runs is /map: it must still come with app.py's navigation and the filters.

    (A `pages/` folder beside app.py puts Streamlit in its older multipage mode until st.navigation has
    run once; the navigation would then list app, actors, articles, map, overview, timeline.)
    """
    assert server.first_visit["filters"] == 4, server.first_visit
    # each link reads "<icon name>\n\n<title>"
    assert [name.split("\n")[-1].strip() for name in server.first_visit["nav"]] == [
        "Overview", "Map", "Timeline", "Actors & statements", "Articles"], server.first_visit


def test_no_request_leaves_localhost(tab):
    tab.open("overview")
    assert not tab.external, tab.external


def test_a_filter_set_on_one_page_follows_to_every_other_page_and_back(tab):
    """The sidebar's page links carry the filters: Overview keeps the timeline's actor and dates, and so
    does every other page; Back returns to the filtered timeline."""
    query = "?actor=khalifa-haftar&from=2019-04-05&to=2019-04-08"
    page = tab.open("timeline", query)
    labels = {"overview": "Overview", "map": "Map", "timeline": "Timeline", "actors": "Actors & statements",
              "articles": "Articles"}
    for name in ("overview", "map", "actors", "articles", "timeline"):
        path, title = PAGES[name]
        page.locator(SIDEBAR_LINKS).filter(has_text=labels[name]).first.click()
        page.locator("h1", has_text=title).first.wait_for(timeout=60_000)
        ready = '[data-testid="stDataFrame"]' if name == "actors" else READY[name]  # Haftar has no statements
        page.locator(ready).first.wait_for(state="attached", timeout=60_000)
        tab.settle()
        params = parse_qs(urlparse(page.url).query)
        assert urlparse(page.url).path == path
        assert params.get("actor") == ["khalifa-haftar"] and params.get("from") == ["2019-04-05"], page.url
        chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
        assert "Khalifa Haftar" in chips, chips
    tab.shot("filters_follow_pages")
    page.go_back()
    page.locator("h1", has_text=PAGES["articles"][1]).first.wait_for(timeout=60_000)
    assert parse_qs(urlparse(page.url).query).get("actor") == ["khalifa-haftar"], page.url
