"""Shared fixtures: the lexicon, a fresh store, and the seeds processed once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.lexicon import load_lexicon
from marsad.process import process_paths
from marsad.store import Store

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


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'marsad.sqlite'}")


@pytest.fixture(scope="session")
def processed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of a store holding the two seed articles, sent through the real pipeline."""
    url = f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'marsad.sqlite'}"
    report = process_paths([SEEDS], Store(url), workers=1)
    assert len(report.processed) == 2, report.problems
    return url


@pytest.fixture(scope="session")
def processed_store(processed_db: str) -> Store:
    return Store(processed_db)
