"""What the browser tests share: the Chromium to drive, and a browser context that behaves offline."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def checked_page(browser, **options) -> Iterator:  # noqa: ANN001 - a Playwright browser
    """A page in an offline context (offline_context) that, once the test is done with it, has asked for
    nothing outside the machine and raised no error in the page."""
    external: list[str] = []
    context = offline_context(browser, external, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not external, external
    assert not errors, errors


def stop(proc: subprocess.Popen) -> None:
    """End a server started by a test: politely, then firmly."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(root, db_url: str, log) -> tuple[str, subprocess.Popen]:  # noqa: ANN001
    """`streamlit run app.py` in `root` over the store at `db_url`, on a free loopback port.

    Returns the base URL and the process; wait for page content (not the health endpoint) before use.
    """
    import sys

    port = free_port()
    env = dict(os.environ, MARSAD_DB=db_url)
    env.pop("MARSAD_TILES", None)
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false"],
            cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT)
    return f"http://127.0.0.1:{port}", proc


def wait_listening(base: str, proc: subprocess.Popen, log, timeout: float = 90.0) -> None:  # noqa: ANN001
    """Until the server accepts connections (page content still needs waiting for); fails with its log."""
    import socket
    import time

    import pytest

    parsed = urlparse(base)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{open(log).read()[-3000:]}")
        try:
            with socket.create_connection((parsed.hostname, parsed.port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"streamlit not listening after {timeout} s:\n{open(log).read()[-3000:]}")


@contextmanager
def serving(root, db_url: str, log) -> Iterator[str]:  # noqa: ANN001
    """A Streamlit server over the store at `db_url` for a `with` block: its base URL once it listens; stopped
    after (its log's tail printed when it died of an error)."""
    base, proc = start_streamlit(root, db_url, log)
    try:
        wait_listening(base, proc, log)
        yield base
    finally:
        stop(proc)
        if proc.returncode not in (0, -15, None):
            print(log.read_text()[-3000:])
