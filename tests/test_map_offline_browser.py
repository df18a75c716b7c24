"""End to end: the base map renders in headless Chromium with no network.

Starts tests/apps/offline_map_app.py under `streamlit run` (in a temp dir, beside
copies of static/ and .streamlit/, since Streamlit serves static/ from beside the
main script), opens it in Chromium with every non-localhost request aborted and
recorded, and checks, inside the streamlit-folium iframe, that Leaflet ran, the
outline pane was drawn, and the pixels at a land point, a sea point and the
three CircleMarkers have the expected colours. Saves
tests/screenshots/offline_map.png.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, is_local, offline_context, stop

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "tests" / "apps" / "offline_map_app.py"
SCREENSHOTS = ROOT / "tests" / "screenshots"

# (lat, lon) inside the app's view (31.8..33.6 N, 11.8..15.6 E)
LAND = (31.95, 13.4)  # Jabal Nafusa, inland Tripolitania
SEA = (33.45, 13.9)  # Mediterranean, north of Tripoli
MARKERS = [(32.8872, 13.1913), (32.3754, 15.0925), (32.7571, 12.7276)]
LAND_RGB = (0xF2, 0xEF, 0xE9)
SEA_RGB = (0xCF, 0xE3, 0xF3)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit not healthy after {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def streamlit_app(tmp_path):
    shutil.copy(APP, tmp_path / "app.py")
    shutil.copytree(ROOT / "static", tmp_path / "static")
    shutil.copytree(ROOT / ".streamlit", tmp_path / ".streamlit")
    port = _free_port()
    env = dict(os.environ)
    env.pop("MARSAD_TILES", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    log = tmp_path / "streamlit.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.port", str(port),
                "--server.address", "127.0.0.1",
                "--server.headless", "true",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=tmp_path,
            env=env,
            stdout=fh,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        stop(proc)


def _near(rgb, want, tol=14) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb[:3], want, strict=True))


def _reddish(rgb) -> bool:
    r, g, b = rgb[:3]
    return r > 150 and r - g > 60 and r - b > 60


def test_map_renders_offline(streamlit_app):
    sync_api = pytest.importorskip("playwright.sync_api")
    image_mod = pytest.importorskip("PIL.Image")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")

    external: list[str] = []
    failed: list[str] = []
    console_errors: list[str] = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "offline_map.png"

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = offline_context(browser, external, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.on(
                "requestfailed",
                lambda req: failed.append(f"{req.url} ({req.failure})") if is_local(req.url) else None,
            )
            page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
            page.goto(streamlit_app, wait_until="domcontentloaded")

            iframe_sel = 'iframe[title*="streamlit_folium"]'
            page.wait_for_selector(iframe_sel, timeout=60_000)
            iframe = page.locator(iframe_sel).first
            frame = iframe.element_handle().content_frame()
            assert frame is not None
            frame.wait_for_selector(".leaflet-container", timeout=30_000)
            frame.wait_for_selector(".leaflet-marsad-outline-pane canvas", state="attached", timeout=30_000)
            frame.wait_for_selector(".leaflet-overlay-pane canvas", state="attached", timeout=30_000)
            frame.wait_for_function("() => window.map && window.L && window.L.version", timeout=30_000)
            page.wait_for_timeout(1500)  # let fitBounds/canvas redraw settle

            info = frame.evaluate(
                """(pts) => {
                    const rect = map.getContainer().getBoundingClientRect();
                    const xy = pts.map(([lat, lon]) => {
                        const c = map.latLngToContainerPoint([lat, lon]);
                        return [rect.left + c.x, rect.top + c.y];
                    });
                    return {xy, zoom: map.getZoom(), maxZoom: map.getMaxZoom(),
                            bg: getComputedStyle(map.getContainer()).backgroundColor,
                            imagePath: L.Icon.Default.imagePath};
                }""",
                [LAND, SEA, *MARKERS],
            )
            box = iframe.bounding_box()
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()

    assert not external, f"requests left localhost: {external}"
    assert not failed, f"local requests failed: {failed}"
    assert info["maxZoom"] == 18
    assert info["bg"] == "rgb(207, 227, 243)"
    assert info["imagePath"] == "/app/static/vendor/leaflet/images/"

    img = image_mod.open(shot).convert("RGB")

    def pixel(xy):
        return img.getpixel((round(box["x"] + xy[0]), round(box["y"] + xy[1])))

    land_xy, sea_xy, *marker_xy = info["xy"]
    assert _near(pixel(land_xy), LAND_RGB), f"land pixel {pixel(land_xy)} at {land_xy}"
    assert _near(pixel(sea_xy), SEA_RGB), f"sea pixel {pixel(sea_xy)} at {sea_xy}"
    for xy in marker_xy:
        assert _reddish(pixel(xy)), f"marker pixel {pixel(xy)} at {xy}"
