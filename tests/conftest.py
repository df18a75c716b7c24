"""Shared fixtures: the lexicon, a fresh store, and the seeds processed once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.lexicon import load_lexicon
from marsad.process import process_paths
from marsad.store import Store
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS
from tests.postgres_support import PostgresServer, binaries

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--browser", action="store_true", default=False,
                     help="run the end-to-end tests in headless Chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--browser"):
        return
    skip = pytest.mark.skip(reason="browser test: pass --browser (make test does)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium for the browser tests of one module (skips without Playwright or Chromium)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the session; skips without Debian's `postgresql` binaries."""
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries not found (apt-get install postgresql): PostgreSQL tests skipped")
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.stop()


BACKENDS = ["sqlite", "postgresql"]


def _new_url(backend: str, folder: Path, request: pytest.FixtureRequest) -> str:
    if backend == "postgresql":
        return request.getfixturevalue("postgres").new_database()
    return f"sqlite:///{folder / 'marsad.sqlite'}"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """An empty store, on SQLite and on PostgreSQL (the same tests run against both)."""
    return Store(_new_url(request.param, tmp_path, request))


@pytest.fixture(scope="session", params=BACKENDS)
def processed_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of a store holding the two seed articles, sent through the real pipeline (SQLite, PostgreSQL)."""
    url = _new_url(request.param, tmp_path_factory.mktemp("seeds"), request)
    report = process_paths([SEEDS], Store(url), workers=1)
    assert len(report.processed) == 2, report.problems
    return url


@pytest.fixture(scope="session")
def processed_sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeds in a SQLite file (for tests about the file itself: its index, copies, permissions)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('seeds-sqlite') / 'marsad.sqlite'}"
    report = process_paths([SEEDS], Store(url), workers=1)
    assert len(report.processed) == 2, report.problems
    return url


@pytest.fixture(scope="session")
def processed_store(processed_db: str) -> Store:
    return Store(processed_db)
