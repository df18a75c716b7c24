"""What the browser tests share: the Chromium to drive, and a browser context that behaves offline."""

from __future__ import annotations

import os
import subprocess
from urllib.parse import urlparse

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about", "chrome-error"}:
        return True
    return (parsed.hostname or "") in LOCAL_HOSTS


def offline_context(browser, external: list[str], **options):
    """A context where every non-local request fails (as offline) and is recorded in `external`."""
    context = browser.new_context(**options)

    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:  # behave as if offline, even where there is a network
            external.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", guard)
    return context


def stop(proc: subprocess.Popen) -> None:
    """End a server started by a test: politely, then firmly."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
